import type { AppDb } from '../../open';
import type { RotationRow, RuleSet, RuleWarning } from '../../../shared/api/rotations';
import { fail } from '../../../shared/api/envelope';
import { listRuleSets, ruleWarnings, effectiveStart, type RotationDraft } from './rules';

// Reading rotations as rows: the stored record, the cadre's name, and the rule set and warnings as they stand now.

export const ROTATION_COLUMNS = {
  type: 'type',
  fromUnitId: 'from_unit_id',
  fromPostTitle: 'from_post_title',
  fromPositionCode: 'from_position_code',
  toUnitId: 'to_unit_id',
  toPostTitle: 'to_post_title',
  toPositionCode: 'to_position_code',
  decisionNo: 'decision_no',
  decisionDate: 'decision_date',
  decisionBody: 'decision_body',
  plannedStart: 'planned_start',
  plannedEnd: 'planned_end',
  purpose: 'purpose',
  note: 'note',
  overrideReason: 'override_reason',
} as const;
export type RotationColumn = keyof typeof ROTATION_COLUMNS;
export const ROTATION_FIELD_NAMES = Object.keys(ROTATION_COLUMNS) as RotationColumn[];

export const SELECT_ROTATION = `select r.id, r.version, r.cadre_id as cadreId, c.full_name as cadreName,
  ${ROTATION_FIELD_NAMES.map((f) => `r.${ROTATION_COLUMNS[f]} as ${f}`).join(', ')},
  r.actual_start as actualStart, r.actual_end as actualEnd, r.status, r.overridden_warnings as overriddenWarnings,
  r.cancel_reason as cancelReason, r.deleted_at as deletedAt,
  r.origin_assignment_id as originAssignmentId, r.origin_prev_to_date as originPrevToDate,
  r.rotation_assignment_id as rotationAssignmentId, r.return_assignment_id as returnAssignmentId
  from rotations r join cadres c on c.id = r.cadre_id`;

/** The stored record with the bookkeeping the lifecycle needs (not sent to the renderer). */
export type StoredRotation = Omit<RotationRow, 'ruleSetCode' | 'warnings'> & {
  originAssignmentId: number | null;
  originPrevToDate: string | null;
  rotationAssignmentId: number | null;
  returnAssignmentId: number | null;
};

const parseStored = (r: any): StoredRotation => ({
  ...r,
  overriddenWarnings: r.overriddenWarnings ? (JSON.parse(r.overriddenWarnings) as RuleWarning[]) : [],
});

export function loadRotation(db: AppDb, id: number): StoredRotation {
  const r = db.sqlite.prepare(`${SELECT_ROTATION} where r.id = ?`).get(id);
  if (!r) throw fail.notFound('đợt luân chuyển');
  return parseStored(r);
}

export const draftOf = (r: Pick<StoredRotation, 'cadreId' | 'type' | 'fromPositionCode' | 'toUnitId' | 'toPositionCode' | 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd' | 'status'> & { id?: number }): RotationDraft => ({
  id: r.id,
  cadreId: r.cadreId,
  type: r.type,
  fromPositionCode: r.fromPositionCode,
  toUnitId: r.toUnitId,
  toPositionCode: r.toPositionCode,
  plannedStart: r.plannedStart,
  plannedEnd: r.plannedEnd,
  actualStart: r.actualStart,
  actualEnd: r.actualEnd,
  status: r.status,
});

function pickRuleSet(sets: RuleSet[], date: string | null): RuleSet | null {
  if (!date) return null;
  let best: RuleSet | null = null;
  for (const s of sets) if (s.validFrom <= date && (!s.validTo || s.validTo >= date) && (!best || s.validFrom >= best.validFrom)) best = s;
  return best;
}

/** Rows for the renderer: the bookkeeping columns dropped, the rule set and current warnings added. */
export function toRows(db: AppDb, stored: StoredRotation[]): RotationRow[] {
  const sets = listRuleSets(db);
  return stored.map((s) => {
    const { originAssignmentId: _a, originPrevToDate: _b, rotationAssignmentId: _c, returnAssignmentId: _d, ...rest } = s;
    const set = pickRuleSet(sets, effectiveStart(s));
    return { ...rest, ruleSetCode: set?.code ?? null, warnings: ruleWarnings(db, draftOf(s), set) };
  });
}

export function rotationRow(db: AppDb, id: number): RotationRow {
  return toRows(db, [loadRotation(db, id)])[0];
}

export function queryRotations(db: AppDb, where: string, params: unknown[]): StoredRotation[] {
  return (db.sqlite.prepare(`${SELECT_ROTATION} ${where}`).all(...params) as any[]).map(parseStored);
}
