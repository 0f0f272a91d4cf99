import type { AppDb } from '../../open';
import type { ReportFigures } from '../../../shared/api/reports';
import type { IndicatorResult } from '../../../shared/api/indicators';
import { formatVnDate, previousQuarter, quarterEnd, quarterStart, todayIso, type Quarter } from '../../../shared/domain/dates';
import { computeStructure } from './structure';
import { indicatorRows } from './indicator-rows';
import { computeRotations, computeTraining } from './activity';
import { loadIndicatorResults, prepareIndicatorResults } from './indicator-source';

// Every figure of a quarterly report, computed from the records as they are now for the quarter's last day.

export interface FigureSources {
  /** Results on onDate for the resolution in force on resolutionOn (the report's quarter end). */
  indicators: (db: AppDb, onDate: string, resolutionOn: string) => IndicatorResult[] | null;
  /** Told every date that will be asked for before the first call (so they can be computed together). */
  prepare?: (db: AppDb, dates: string[], resolutionOn: string) => void;
}

export const DEFAULT_SOURCES: FigureSources = { indicators: loadIndicatorResults, prepare: prepareIndicatorResults };

export function computeFigures(db: AppDb, q: Quarter, sources: FigureSources = DEFAULT_SOURCES): ReportFigures {
  const asOf = quarterEnd(q);
  const periodStart = quarterStart(q);
  const previousAsOf = quarterEnd(previousQuarter(q));
  sources.prepare?.(db, [asOf, previousAsOf], asOf);
  const current = sources.indicators(db, asOf, asOf);
  const previous = current ? (sources.indicators(db, previousAsOf, asOf) ?? []) : [];
  const structure = computeStructure(db, asOf);
  const today = todayIso();
  if (asOf > today) {
    // Dated history cannot know the rest of the quarter: say the figures are provisional rather than pretend.
    structure.notes.unshift(`Quý chưa kết thúc: số liệu tạm tính theo hồ sơ hiện có (ngày ${formatVnDate(today)}), cần tính lại sau ngày ${formatVnDate(asOf)}.`);
  }
  return {
    year: q.year,
    quarter: q.quarter,
    periodStart,
    asOf,
    previousAsOf,
    computedAt: new Date().toISOString(),
    structure,
    indicators: current
      ? { available: true, message: current.length ? null : 'Chưa khai báo chỉ tiêu nào của Nghị quyết.', rows: indicatorRows(current, previous, asOf) }
      : { available: false, message: 'Chưa có dữ liệu chỉ tiêu.', rows: [] },
    training: computeTraining(db, periodStart, asOf),
    rotations: computeRotations(db, periodStart, asOf),
  };
}
