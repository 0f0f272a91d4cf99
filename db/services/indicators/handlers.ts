import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { indicatorsCalls } from '../../../shared/api/indicators';
import { cadreRowsByIds } from '../cadre-rows';
import { computeIndicators, computeSeries, indicatorMembers } from './compute';
import {
  createIndicator, createResolution, createStandard, deleteIndicator, deleteResolution, deleteStandard, setTarget,
  updateIndicator, updateResolution, updateStandard,
} from './crud';
import { enterValue, listEnteredValues } from './entered';
import { listIndicators, listResolutions, listStandards, resolveResolutionId } from './store';

type Names = keyof typeof indicatorsCalls & CallName;
/** The indicators area's services, by call name. */
export const indicatorsHandlers: { [K in Names]: Handler<K> } = {
  'indicators.compute': (db, input) => computeIndicators(db, input),
  'indicators.series': (db, input) => computeSeries(db, input),
  // Rows as of the measured date, so the unit, post and levels shown are those that made the person count.
  'indicators.members': (db, input) => cadreRowsByIds(db, indicatorMembers(db, input), input.onDate),
  'indicators.resolutions': (db) => listResolutions(db),
  'indicators.createResolution': createResolution,
  'indicators.updateResolution': updateResolution,
  'indicators.deleteResolution': deleteResolution,
  'indicators.list': (db, input) => listIndicators(db, resolveResolutionId(db, input.resolutionId)),
  'indicators.create': createIndicator,
  'indicators.update': updateIndicator,
  'indicators.delete': deleteIndicator,
  'indicators.setTarget': setTarget,
  'indicators.enterValue': enterValue,
  'indicators.enteredValues': (db, input) => listEnteredValues(db, input),
  'indicators.standards': (db, input) => listStandards(db, input.standardSet),
  'indicators.createStandard': createStandard,
  'indicators.updateStandard': updateStandard,
  'indicators.deleteStandard': deleteStandard,
};
