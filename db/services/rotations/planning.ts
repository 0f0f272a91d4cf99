import type { AppDb } from '../../open';
import { inTransaction } from '../../open';
import type { CallContext } from '../../context';
import type { ParsedInput } from '../../../shared/api/contract';
import type { PlanningRecord } from '../../../shared/api/rotations';
import { fail } from '../../../shared/api/envelope';
import { diffEntries, writeAudit } from '../audit';
import { findCode } from '../codes';
import { requireLiveCadre } from './rotations';

// Planning (quy hoạch) records: enough for the rotation rule "the cadre should be in planning".

const SELECT = `select p.id, p.version, p.cadre_id as cadreId, c.full_name as cadreName, p.position_code as positionCode,
  p.post_title as postTitle, p.level, p.period_from as periodFrom, p.period_to as periodTo, p.status,
  p.decision_no as decisionNo, p.note, p.deleted_at as deletedAt
  from planning_records p join cadres c on c.id = p.cadre_id`;

const FIELDS = ['positionCode', 'postTitle', 'level', 'periodFrom', 'periodTo', 'status', 'decisionNo', 'note'] as const;

function getPlanning(db: AppDb, id: number): PlanningRecord {
  const r = db.sqlite.prepare(`${SELECT} where p.id = ?`).get(id) as PlanningRecord | undefined;
  if (!r) throw fail.notFound('bản ghi quy hoạch');
  return r;
}

function check(db: AppDb, p: { positionCode?: string | null; periodFrom: number; periodTo: number }): void {
  const errors: Record<string, string> = {};
  if (p.periodTo < p.periodFrom) errors.periodTo = 'Năm kết thúc nhiệm kỳ phải sau năm bắt đầu.';
  else if (p.periodTo - p.periodFrom > 10) errors.periodTo = 'Một nhiệm kỳ quy hoạch không quá 10 năm; hãy kiểm tra lại.';
  if (p.positionCode && !findCode(db, 'position', p.positionCode)) errors.positionCode = 'Chức vụ không có trong danh mục.';
  if (Object.keys(errors).length) throw fail.validation(Object.values(errors)[0], errors);
}

export function listPlanning(db: AppDb, input: ParsedInput<'planning.list'>): PlanningRecord[] {
  const where = [input.includeDeleted ? '1 = 1' : 'p.deleted_at is null'];
  const params: unknown[] = [];
  if (input.cadreId) (where.push('p.cadre_id = ?'), params.push(input.cadreId));
  return db.sqlite.prepare(`${SELECT} where ${where.join(' and ')} order by p.period_from desc, c.full_name`).all(...params) as PlanningRecord[];
}

export function createPlanning(db: AppDb, input: ParsedInput<'planning.create'>, ctx: CallContext): PlanningRecord {
  return inTransaction(db, () => {
    requireLiveCadre(db, input.cadreId);
    check(db, input);
    const r = db.sqlite
      .prepare(`insert into planning_records (cadre_id, position_code, post_title, level, period_from, period_to, status, decision_no, note)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(input.cadreId, input.positionCode ?? null, input.postTitle ?? null, input.level, input.periodFrom, input.periodTo, input.status, input.decisionNo ?? null, input.note ?? null);
    const id = Number(r.lastInsertRowid);
    const rec = getPlanning(db, id);
    writeAudit(db, ctx, [{ action: 'create', entity: 'planning', entityId: id, cadreId: input.cadreId, newValue: rec }]);
    return rec;
  });
}

export function updatePlanning(db: AppDb, input: ParsedInput<'planning.update'>, ctx: CallContext): PlanningRecord {
  return inTransaction(db, () => {
    const before = getPlanning(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    if (before.deletedAt) throw fail.validation('Bản ghi quy hoạch đã bị xoá.');
    const after = { ...before, ...Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined)) } as PlanningRecord;
    check(db, after);
    db.sqlite
      .prepare(`update planning_records set position_code = @positionCode, post_title = @postTitle, level = @level, period_from = @periodFrom,
                period_to = @periodTo, status = @status, decision_no = @decisionNo, note = @note, version = version + 1,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = @id`)
      .run(after);
    writeAudit(db, ctx, diffEntries('planning', input.id, before.cadreId, before, after, [...FIELDS]));
    return getPlanning(db, input.id);
  });
}

export function deletePlanning(db: AppDb, input: ParsedInput<'planning.delete'>, ctx: CallContext): PlanningRecord {
  return inTransaction(db, () => {
    const before = getPlanning(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    db.sqlite.prepare(`update planning_records set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(input.id);
    writeAudit(db, ctx, [{ action: 'delete', entity: 'planning', entityId: input.id, cadreId: before.cadreId, oldValue: before }]);
    return getPlanning(db, input.id);
  });
}
