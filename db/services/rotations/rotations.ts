import type { AppDb } from '../../open';
import { inTransaction } from '../../open';
import type { CallContext } from '../../context';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { RotationRow, RuleWarning } from '../../../shared/api/rotations';
import { fail } from '../../../shared/api/envelope';
import { addDays, todayIso } from '../../../shared/domain/dates';
import { createBatch, diffEntries, writeAudit } from '../audit';
import { hardErrors, retirementDate, ruleSetOn, ruleWarnings, warningKey } from './rules';
import { draftOf, loadRotation, queryRotations, rotationRow, ROTATION_COLUMNS, ROTATION_FIELD_NAMES, toRows, type StoredRotation } from './store';

// Creating, editing, cancelling and listing rotations. Starting and ending them (which changes the cadre's
// assignments) lives in lifecycle.ts.

const firstMessage = (errors: Record<string, string>) => Object.values(errors)[0] ?? 'Dữ liệu không hợp lệ.';

export function requireLiveCadre(db: AppDb, cadreId: number): { fullName: string; sex: string; birthDate: string | null } {
  const c = db.sqlite.prepare('select full_name as fullName, sex, birth_date as birthDate, deleted_at as d from cadres where id = ?').get(cadreId) as
    | { fullName: string; sex: string; birthDate: string | null; d: string | null }
    | undefined;
  if (!c) throw fail.validation('Không tìm thấy hồ sơ cán bộ.', { cadreId: 'Không tìm thấy hồ sơ cán bộ.' });
  if (c.d) throw fail.validation(`Hồ sơ ${c.fullName} đã bị xoá.`, { cadreId: 'Hồ sơ đã bị xoá.' });
  return c;
}

/** The cadre's assignment on a date: the default origin of a rotation. */
export function assignmentOn(db: AppDb, cadreId: number, date: string) {
  return db.sqlite
    .prepare(
      `select id, unit_id as unitId, post_title as postTitle, position_code as positionCode, from_date as fromDate, to_date as toDate
         from assignments where cadre_id = ? and deleted_at is null and from_date <= ? and (to_date is null or to_date >= ?)
        order by from_date desc, id desc limit 1`,
    )
    .get(cadreId, date, date) as { id: number; unitId: number; postTitle: string | null; positionCode: string | null; fromDate: string; toDate: string | null } | undefined;
}

/**
 * Refuses warnings the clerk has not given a reason for. Warnings that stood before this change (already
 * accepted, or caused by later data such as a planning record removed) do not block an unrelated edit.
 */
function requireReasonFor(warnings: RuleWarning[], alreadyAccepted: RuleWarning[], reason: string | null | undefined, from: 'form' | 'grid'): void {
  if (reason) return;
  const accepted = new Set(alreadyAccepted.map(warningKey));
  const open = warnings.filter((w) => !accepted.has(warningKey(w)));
  if (!open.length) return;
  const fieldErrors: Record<string, string> = {};
  // In the grid the message sits on the edited cell, so it says where the reason goes; the form has its own field.
  const hint = from === 'grid' ? ' Nếu vẫn thực hiện, hãy ghi lý do ở cột "Lý do vượt quy định" trước.' : '';
  for (const w of open) fieldErrors[w.field] ??= `${w.message}${hint}`;
  if (from === 'form') fieldErrors.overrideReason = 'Đợt luân chuyển chưa đáp ứng quy định; hãy ghi lý do nếu vẫn thực hiện.';
  throw fail.validation(`Chưa lưu: ${open.map((w) => w.message).join(' ')} Nếu vẫn thực hiện, hãy ghi lý do vượt quy định.`, fieldErrors);
}

export function createRotation(db: AppDb, input: ParsedInput<'rotations.create'>, ctx: CallContext): RotationRow {
  return inTransaction(db, () => {
    requireLiveCadre(db, input.cadreId);
    const origin = input.fromUnitId === undefined || input.fromUnitId === null ? assignmentOn(db, input.cadreId, input.plannedStart) : undefined;
    const rec = {
      cadreId: input.cadreId,
      type: input.type,
      fromUnitId: input.fromUnitId ?? origin?.unitId ?? null,
      fromPostTitle: input.fromPostTitle ?? (origin ? origin.postTitle : null),
      fromPositionCode: input.fromPositionCode ?? (origin ? origin.positionCode : null),
      toUnitId: input.toUnitId,
      toPostTitle: input.toPostTitle ?? null,
      toPositionCode: input.toPositionCode ?? null,
      decisionNo: input.decisionNo ?? null,
      decisionDate: input.decisionDate ?? null,
      decisionBody: input.decisionBody ?? null,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd,
      purpose: input.purpose ?? null,
      note: input.note ?? null,
      overrideReason: input.overrideReason ?? null,
    };
    const draft = draftOf({ ...rec, actualStart: null, actualEnd: null, status: 'planned' });
    const errors = hardErrors(db, draft);
    if (Object.keys(errors).length) throw fail.validation(firstMessage(errors), errors);
    const warnings = ruleWarnings(db, draft);
    requireReasonFor(warnings, [], rec.overrideReason, 'form');
    const cols = ROTATION_FIELD_NAMES.map((f) => ROTATION_COLUMNS[f]);
    const r = db.sqlite
      .prepare(`insert into rotations (cadre_id, ${cols.join(', ')}, overridden_warnings) values (@cadreId, ${ROTATION_FIELD_NAMES.map((f) => `@${f}`).join(', ')}, @ow)`)
      .run({ ...rec, ow: rec.overrideReason ? JSON.stringify(warnings) : null });
    const id = Number(r.lastInsertRowid);
    writeAudit(db, ctx, [{ action: 'create', entity: 'rotation', entityId: id, cadreId: input.cadreId, newValue: { ...rec, overriddenWarnings: rec.overrideReason ? warnings : [] } }]);
    return rotationRow(db, id);
  });
}

type UpdateItem = ParsedInput<'rotations.update'>;

/** Applies one change set; the caller owns the transaction. Field errors are prefixed for bulk calls. */
function applyUpdate(db: AppDb, ctx: CallContext, item: UpdateItem, batchId: number | null, prefix = ''): void {
  const before = loadRotation(db, item.id);
  if (before.deletedAt) throw fail.validation('Đợt luân chuyển này đã bị xoá; hãy khôi phục trước khi sửa.');
  if (before.version !== item.version) throw fail.conflict(rotationRow(db, item.id));
  const changes = Object.fromEntries(Object.entries(item.changes).filter(([, v]) => v !== undefined)) as Partial<StoredRotation>;
  const after: StoredRotation = { ...before, ...changes };
  const prefixed = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}${k}`, v]));
  if (before.status === 'cancelled') {
    const locked = ['toUnitId', 'plannedStart', 'plannedEnd', 'type'].filter((f) => f in changes && (changes as any)[f] !== (before as any)[f]);
    if (locked.length) throw fail.validation(`Đợt luân chuyển của ${before.cadreName} đã huỷ; chỉ sửa được ghi chú và thông tin quyết định.`, prefixed(Object.fromEntries(locked.map((f) => [f, 'Đợt luân chuyển đã huỷ.']))));
  }
  const errors = hardErrors(db, draftOf(after));
  if (Object.keys(errors).length) throw fail.validation(`${before.cadreName}: ${firstMessage(errors)}`, prefixed(errors));
  const warningsAfter = ruleWarnings(db, draftOf(after));
  // A reason covers the warnings standing when it is written: one typed now, or one written ahead of the change
  // that causes them (not yet bound to any warning). A new warning beside already-covered ones needs the reason revised.
  const reasonGiven =
    ('overrideReason' in changes && changes.overrideReason && changes.overrideReason !== before.overrideReason) ||
    (!('overrideReason' in changes) && !!before.overrideReason && before.overriddenWarnings.length === 0);
  try {
    requireReasonFor(warningsAfter, [...ruleWarnings(db, draftOf(before)), ...before.overriddenWarnings], reasonGiven ? after.overrideReason : null, 'grid');
  } catch (e) {
    const f = e as ReturnType<typeof fail.validation>;
    throw fail.validation(`${before.cadreName}: ${f.message}`, prefixed(f.fieldErrors));
  }
  if (!after.overrideReason && before.overrideReason && warningsAfter.length) {
    const msg = 'Đợt luân chuyển còn chưa đáp ứng quy định; không xoá được lý do vượt quy định.';
    throw fail.validation(`${before.cadreName}: ${msg}`, prefixed({ overrideReason: msg }));
  }
  const overridden = after.overrideReason ? warningsAfter : [];
  const sets = ROTATION_FIELD_NAMES.map((f) => `${ROTATION_COLUMNS[f]} = @${f}`).join(', ');
  const params: Record<string, unknown> = { id: item.id, ow: JSON.stringify(overridden) };
  for (const f of ROTATION_FIELD_NAMES) params[f] = after[f] ?? null;
  db.sqlite
    .prepare(`update rotations set ${sets}, overridden_warnings = @ow, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = @id`)
    .run(params);
  const entries = diffEntries('rotation', item.id, before.cadreId, before, after, [...ROTATION_FIELD_NAMES]);
  // A started rotation's destination lives on as an assignment: keep it in step.
  if (before.rotationAssignmentId && (after.toUnitId !== before.toUnitId || after.toPostTitle !== before.toPostTitle || after.toPositionCode !== before.toPositionCode)) {
    db.sqlite
      .prepare('update assignments set unit_id = ?, post_title = ?, position_code = ?, version = version + 1 where id = ?')
      .run(after.toUnitId, after.toPostTitle, after.toPositionCode, before.rotationAssignmentId);
    const dest = (r: StoredRotation) => ({ unitId: r.toUnitId, postTitle: r.toPostTitle, positionCode: r.toPositionCode });
    entries.push(...diffEntries('assignment', before.rotationAssignmentId, before.cadreId, dest(before), dest(after), ['unitId', 'postTitle', 'positionCode']));
  }
  writeAudit(db, ctx, entries, batchId);
}

export function updateRotation(db: AppDb, input: UpdateItem, ctx: CallContext): RotationRow {
  return inTransaction(db, () => {
    applyUpdate(db, ctx, input, null);
    return rotationRow(db, input.id);
  });
}

const BATCH_LABEL = { paste: 'Dán vào bảng luân chuyển', undo: 'Hoàn tác', redo: 'Làm lại', edit: 'Sửa bảng luân chuyển' } as const;

export function bulkUpdateRotations(db: AppDb, input: ParsedInput<'rotations.bulkUpdate'>, ctx: CallContext): CallOutput<'rotations.bulkUpdate'> {
  return inTransaction(db, () => {
    const batchId = createBatch(db, ctx, input.kind, `${BATCH_LABEL[input.kind]}: ${input.items.length} dòng`);
    input.items.forEach((item, i) => applyUpdate(db, ctx, item, batchId, `items.${i}.`));
    const ids = [...new Set(input.items.map((i) => i.id))];
    return { rows: ids.map((id) => rotationRow(db, id)), batchId };
  });
}

export function cancelRotation(db: AppDb, input: ParsedInput<'rotations.cancel'>, ctx: CallContext): RotationRow {
  return inTransaction(db, () => {
    const before = loadRotation(db, input.id);
    if (before.version !== input.version) throw fail.conflict(rotationRow(db, input.id));
    if (before.status === 'cancelled') throw fail.validation('Đợt luân chuyển đã huỷ từ trước.');
    if (before.status !== 'planned') {
      throw fail.validation('Đợt luân chuyển đã bắt đầu nên không huỷ được: quá trình công tác của cán bộ đã thay đổi. Hãy dùng "Hoàn tác bước trước" để đưa về trạng thái dự kiến rồi mới huỷ.');
    }
    db.sqlite.prepare(`update rotations set status = 'cancelled', cancel_reason = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`).run(input.reason ?? null, input.id);
    writeAudit(db, ctx, [
      { action: 'update', entity: 'rotation', entityId: input.id, cadreId: before.cadreId, field: 'status', oldValue: before.status, newValue: 'cancelled' },
      ...(input.reason ? [{ action: 'update' as const, entity: 'rotation', entityId: input.id, cadreId: before.cadreId, field: 'cancelReason', oldValue: null, newValue: input.reason }] : []),
    ]);
    return rotationRow(db, input.id);
  });
}

export function deleteRotation(db: AppDb, input: ParsedInput<'rotations.delete'>, ctx: CallContext): RotationRow {
  return inTransaction(db, () => {
    const before = loadRotation(db, input.id);
    if (before.version !== input.version) throw fail.conflict(rotationRow(db, input.id));
    if (before.deletedAt) return rotationRow(db, input.id);
    if (before.status === 'in_progress' || before.status === 'ended') {
      throw fail.validation('Đợt luân chuyển đã bắt đầu, không xoá được; hãy hoàn tác các bước (kết thúc, bắt đầu) trước.');
    }
    db.sqlite.prepare(`update rotations set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(input.id);
    writeAudit(db, ctx, [{ action: 'delete', entity: 'rotation', entityId: input.id, cadreId: before.cadreId, oldValue: before }]);
    return rotationRow(db, input.id);
  });
}

export function restoreRotation(db: AppDb, input: ParsedInput<'rotations.restore'>, ctx: CallContext): RotationRow {
  return inTransaction(db, () => {
    const before = loadRotation(db, input.id);
    if (!before.deletedAt) return rotationRow(db, input.id);
    requireLiveCadre(db, before.cadreId);
    const errors = hardErrors(db, draftOf(before));
    if (Object.keys(errors).length) throw fail.validation(`Không khôi phục được: ${firstMessage(errors)}`, errors);
    db.sqlite.prepare('update rotations set deleted_at = null, version = version + 1 where id = ?').run(input.id);
    writeAudit(db, ctx, [{ action: 'restore', entity: 'rotation', entityId: input.id, cadreId: before.cadreId }]);
    return rotationRow(db, input.id);
  });
}

/** Units below a unit, by the current parent links (the list filter works on today's tree). */
function subtreeIds(db: AppDb, unitId: number): number[] {
  const rows = db.sqlite
    .prepare(`with recursive t(id) as (select ? union select u.id from units u join t on u.parent_id = t.id) select id from t`)
    .all(unitId) as { id: number }[];
  return rows.map((r) => r.id);
}

export function listRotations(db: AppDb, input: ParsedInput<'rotations.list'>): RotationRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!input.includeDeleted) where.push('r.deleted_at is null');
  if (input.status) (where.push('r.status = ?'), params.push(input.status));
  if (input.type) (where.push('r.type = ?'), params.push(input.type));
  if (input.unitId) {
    const ids = JSON.stringify(subtreeIds(db, input.unitId));
    where.push('(r.to_unit_id in (select value from json_each(?)) or r.from_unit_id in (select value from json_each(?)))');
    params.push(ids, ids);
  }
  if (input.year) {
    where.push(`coalesce(r.actual_start, r.planned_start) <= ? and coalesce(r.actual_end, r.planned_end, '9999-12-31') >= ?`);
    params.push(`${input.year}-12-31`, `${input.year}-01-01`);
  }
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  return toRows(db, queryRotations(db, `${clause} order by coalesce(r.actual_start, r.planned_start) desc, r.id desc`, params));
}

export function rotationsForCadre(db: AppDb, input: { cadreId: number }): RotationRow[] {
  return toRows(db, queryRotations(db, 'where r.cadre_id = ? and r.deleted_at is null order by coalesce(r.actual_start, r.planned_start) desc, r.id desc', [input.cadreId]));
}

export function getRotation(db: AppDb, input: { id: number }): RotationRow {
  return rotationRow(db, input.id);
}

/** Evaluates a draft for the form: hard errors, rule warnings, the default origin and the retirement date. */
export function checkRotation(db: AppDb, input: ParsedInput<'rotations.check'>): CallOutput<'rotations.check'> {
  const base = input.id ? loadRotation(db, input.id) : null;
  const cadreId = input.cadreId ?? base?.cadreId;
  if (!cadreId) return { ruleSet: null, errors: {}, warnings: [], defaultFrom: null, retirementDate: null };
  const cadre = db.sqlite.prepare('select sex, birth_date as b from cadres where id = ?').get(cadreId) as { sex: string; b: string | null } | undefined;
  const plannedStart = input.plannedStart ?? base?.plannedStart ?? null;
  const origin = plannedStart ? assignmentOn(db, cadreId, plannedStart) : undefined;
  const defined = <T>(v: T | undefined, fallback: T) => (v === undefined ? fallback : v);
  const draft = {
    id: input.id,
    cadreId,
    type: input.type ?? base?.type ?? 'luan_chuyen',
    fromPositionCode: defined(input.fromPositionCode, base?.fromPositionCode ?? (input.fromUnitId ? null : origin?.positionCode ?? null)),
    toUnitId: input.toUnitId ?? base?.toUnitId ?? null,
    toPositionCode: defined(input.toPositionCode, base?.toPositionCode ?? null),
    plannedStart,
    plannedEnd: input.plannedEnd ?? base?.plannedEnd ?? null,
    actualStart: base?.actualStart ?? null,
    actualEnd: base?.actualEnd ?? null,
    status: base?.status ?? 'planned',
  };
  const set = plannedStart ? ruleSetOn(db, draft.actualStart ?? plannedStart) : null;
  return {
    ruleSet: set ? { code: set.code, name: set.name } : null,
    errors: hardErrors(db, draft),
    warnings: ruleWarnings(db, draft, set),
    defaultFrom: origin ? { unitId: origin.unitId, postTitle: origin.postTitle, positionCode: origin.positionCode } : null,
    retirementDate: cadre ? retirementDate(db, cadre.sex, cadre.b) : null,
  };
}

export function endingSoon(db: AppDb, input: ParsedInput<'rotations.endingSoon'>): CallOutput<'rotations.endingSoon'> {
  const on = input.onDate ?? todayIso();
  const until = addDays(on, input.withinDays);
  const open = `r.deleted_at is null and r.status in ('planned', 'in_progress') and r.planned_end is not null`;
  const soon = queryRotations(db, `where ${open} and r.planned_end >= ? and r.planned_end <= ? order by r.planned_end, r.id`, [on, until]);
  const overdue = queryRotations(db, `where ${open} and r.planned_end < ? order by r.planned_end, r.id`, [on]);
  const notStarted = queryRotations(db, `where r.deleted_at is null and r.status = 'planned' and r.planned_start < ? order by r.planned_start, r.id`, [on]);
  return { onDate: on, soon: toRows(db, soon), overdue: toRows(db, overdue), notStarted: toRows(db, notStarted) };
}
