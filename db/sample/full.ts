import type { AppDb } from '../open';
import type { CallContext } from '../context';
import { SYSTEM_CONTEXT } from '../context';
import { generateSampleData } from './generate';
import { generateTrainingSample } from '../services/training/sample';
import { addSampleRotations } from '../services/rotations/sample';

/**
 * Sample data for every screen: the organisation and cadres (fast, plain SQL), then training plans and rotations
 * made through those areas' own services (so they obey the same rules as a clerk's entries).
 */
export function generateFullSample(db: AppDb, opts: { cadres: number; seed?: number; actor?: string; ctx?: CallContext }) {
  const base = generateSampleData(db, { cadres: opts.cadres, seed: opts.seed, actor: opts.actor });
  const ctx = opts.ctx ?? SYSTEM_CONTEXT;
  const training = generateTrainingSample(db, { seed: opts.seed, ctx });
  const rotations = addSampleRotations(db, { count: Math.max(5, Math.round(opts.cadres / 7)), seed: opts.seed, ctx });
  return { ...base, trainingPlans: training.plans, enrolments: training.enrolments, rotations: rotations.rotations };
}
