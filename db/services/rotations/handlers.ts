import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { rotationsCalls } from '../../../shared/api/rotations';
import { ensureRotationSeeds } from './seeds';
import {
  bulkUpdateRotations, cancelRotation, checkRotation, createRotation, deleteRotation, endingSoon, getRotation, listRotations,
  restoreRotation, rotationsForCadre, updateRotation,
} from './rotations';
import { endRotation, startRotation, undoRotationStep } from './lifecycle';
import { unitRoster } from './roster';
import { createPlanning, deletePlanning, listPlanning, updatePlanning } from './planning';
import { listRotationRules, updateRuleSet } from './rule-admin';

type Names = keyof typeof rotationsCalls & CallName;

/** Every call first makes sure the seeded rule sets and retirement schedule exist (once per database). */
const seeded = <K extends Names>(h: Handler<K>): Handler<K> => (db, input, ctx) => {
  ensureRotationSeeds(db);
  return h(db, input, ctx);
};

/** The rotations area's services, by call name. */
export const rotationsHandlers: { [K in Names]: Handler<K> } = {
  'rotations.list': seeded(listRotations),
  'rotations.get': seeded(getRotation),
  'rotations.forCadre': seeded(rotationsForCadre),
  'rotations.check': seeded(checkRotation),
  'rotations.create': seeded(createRotation),
  'rotations.update': seeded(updateRotation),
  'rotations.bulkUpdate': seeded(bulkUpdateRotations),
  'rotations.start': seeded(startRotation),
  'rotations.end': seeded(endRotation),
  'rotations.undoStep': seeded(undoRotationStep),
  'rotations.cancel': seeded(cancelRotation),
  'rotations.delete': seeded(deleteRotation),
  'rotations.restore': seeded(restoreRotation),
  'rotations.endingSoon': seeded(endingSoon),
  'units.roster': seeded(unitRoster),
  'planning.list': seeded(listPlanning),
  'planning.create': seeded(createPlanning),
  'planning.update': seeded(updatePlanning),
  'planning.delete': seeded(deletePlanning),
  'rotationRules.list': seeded((db) => listRotationRules(db)),
  'rotationRules.update': seeded(updateRuleSet),
};
