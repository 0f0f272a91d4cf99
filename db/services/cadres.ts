import type { AppDb } from '../open';
import { inTransaction } from '../open';
import type { CallContext } from '../context';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import { crossFieldErrors, type CadreChanges, type CadreFields, type CadreRow } from '../../shared/api/cadres';
import { AppFailure, fail } from '../../shared/api/envelope';
import { CADRE_FLAGS, CADRE_STATUSES, type CadreFlag } from '../../shared/domain/codes';
import { addDays, formatVnDate, todayIso } from '../../shared/domain/dates';
import { createBatch, diffEntries, writeAudit, type AuditEntry } from './audit';
import { findCode } from './codes';
import { cadreRow, cadreRowsByIds } from './cadre-rows';

/** Record fields as stored, by API name -> column. */
export const CADRE_COLUMNS: Record<keyof CadreFields, string> = {
  fullName: 'full_name',
  otherNames: 'other_names',
  sex: 'sex',
  birthDate: 'birth_date',
  birthPlace: 'birth_place',
  homeTown: 'home_town',
  address: 'address',
  ethnicity: 'ethnicity',
  religion: 'religion',
  idNumber: 'id_number',
  phone: 'phone',
  partyJoinDate: 'party_join_date',
  partyOfficialDate: 'party_official_date',
  category: 'category',
  rankCode: 'rank_code',
  salaryStep: 'salary_step',
  salaryCoefficient: 'salary_coefficient',
  recruitmentDate: 'recruitment_date',
  note: 'note',
};
const FIELD_NAMES = Object.keys(CADRE_COLUMNS) as (keyof CadreFields)[];
const SELECT_RECORD = `select id, version, deleted_at as deletedAt, ${FIELD_NAMES.map((f) => `${CADRE_COLUMNS[f]} as ${f}`).join(', ')} from cadres`;

type StoredCadre = CadreFields & { id: number; version: number; deletedAt: string | null };

function loadRecord(db: AppDb, id: number): StoredCadre {
  const r = db.sqlite.prepare(`${SELECT_RECORD} where id = ?`).get(id) as StoredCadre | undefined;
  if (!r) throw fail.notFound('hồ sơ cán bộ');
  return r;
}

/** Field-level checks that need the database: code lists and the uniqueness of the ID number. */
function dbFieldErrors(db: AppDb, r: Partial<CadreFields>, selfId: number | null): Record<string, string> {
  const errors: Record<string, string> = {};
  const code = (field: keyof CadreFields, list: string, label: string) => {
    const v = r[field] as string | null | undefined;
    if (v && !findCode(db, list, v)) errors[field] = `${label} "${v}" không có trong danh mục.`;
  };
  code('ethnicity', 'ethnicity', 'Dân tộc');
  code('religion', 'religion', 'Tôn giáo');
  code('rankCode', 'rank', 'Ngạch');
  if (r.idNumber) {
    const other = db.sqlite
      .prepare('select id, full_name as name from cadres where id_number = ? and deleted_at is null and id <> ?')
      .get(r.idNumber, selfId ?? -1) as { id: number; name: string } | undefined;
    if (other) errors.idNumber = `Số CCCD ${r.idNumber} đã có trong hồ sơ của ${other.name}.`;
  }
  return errors;
}

function validateRecord(db: AppDb, r: Partial<CadreFields>, selfId: number | null): Record<string, string> {
  return { ...crossFieldErrors(r), ...dbFieldErrors(db, r, selfId) };
}

const prefixed = (errors: Record<string, string>, prefix: string) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}${k}`, v]));

function firstMessage(errors: Record<string, string>): string {
  const [first] = Object.values(errors);
  const more = Object.keys(errors).length - 1;
  return more > 0 ? `${first} (và ${more} lỗi khác)` : first;
}

/** Opens or closes dated roles as of a day; returns the audit entries. */
function applyFlagChanges(db: AppDb, cadreId: number, flags: Partial<Record<CadreFlag, boolean>>, on: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const [flag, wanted] of Object.entries(flags) as [CadreFlag, boolean][]) {
    const open = db.sqlite
      .prepare('select id, from_date as fromDate from cadre_flags where cadre_id = ? and flag = ? and from_date <= ? and (to_date is null or to_date >= ?) order by from_date desc limit 1')
      .get(cadreId, flag, on, on) as { id: number; fromDate: string } | undefined;
    if (wanted && !open) {
      const r = db.sqlite.prepare('insert into cadre_flags (cadre_id, flag, from_date) values (?, ?, ?)').run(cadreId, flag, on);
      entries.push({ action: 'create', entity: 'cadre_flag', entityId: Number(r.lastInsertRowid), cadreId, field: flag, oldValue: null, newValue: `từ ${formatVnDate(on)}` });
    } else if (!wanted && open) {
      if (open.fromDate === on) {
        // Opened today by mistake: removing it leaves no trace in the history, except in the audit log.
        db.sqlite.prepare('delete from cadre_flags where id = ?').run(open.id);
      } else {
        db.sqlite.prepare('update cadre_flags set to_date = ? where id = ?').run(addDays(on, -1), open.id);
      }
      entries.push({ action: 'update', entity: 'cadre_flag', entityId: open.id, cadreId, field: flag, oldValue: `từ ${formatVnDate(open.fromDate)}`, newValue: `kết thúc ${formatVnDate(addDays(on, -1))}` });
    }
  }
  return entries;
}

function bump(db: AppDb, id: number): void {
  db.sqlite.prepare(`update cadres set version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`).run(id);
}

interface UpdateItem {
  id: number;
  version: number;
  changes: CadreChanges;
}

/** Applies updates inside the caller's transaction; any error refuses the whole set. */
function applyUpdates(db: AppDb, ctx: CallContext, items: UpdateItem[], batchId: number | null, keyPrefix: (i: number) => string): number[] {
  const errors: Record<string, string> = {};
  const conflicts: CadreRow[] = [];
  const today = todayIso();
  const plans: { before: StoredCadre; after: StoredCadre; flags?: Partial<Record<CadreFlag, boolean>> }[] = [];
  items.forEach((item, i) => {
    let before: StoredCadre;
    try {
      before = loadRecord(db, item.id);
    } catch (e) {
      errors[`${keyPrefix(i)}id`] = (e as Error).message;
      return;
    }
    if (before.deletedAt) errors[`${keyPrefix(i)}id`] = `Hồ sơ ${before.fullName} đã bị xoá; hãy khôi phục trước khi sửa.`;
    if (before.version !== item.version) {
      conflicts.push(cadreRow(db, item.id));
      return;
    }
    const { flags, ...fields } = item.changes;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const after = { ...before, ...defined } as StoredCadre;
    Object.assign(errors, prefixed(validateRecord(db, after, item.id), keyPrefix(i)));
    plans.push({ before, after, flags });
  });
  if (conflicts.length) throw fail.conflict(conflicts.length === 1 && items.length === 1 ? conflicts[0] : conflicts);
  if (Object.keys(errors).length) throw fail.validation(firstMessage(errors), errors);
  // Two rows of one paste may not give the same ID number either.
  const seen = new Map<string, number>();
  plans.forEach((p, i) => {
    const n = p.after.idNumber;
    if (n && p.before.idNumber !== n) {
      if (seen.has(n)) errors[`${keyPrefix(i)}idNumber`] = `Số CCCD ${n} bị trùng với một dòng khác trong cùng lần sửa.`;
      seen.set(n, i);
    }
  });
  if (Object.keys(errors).length) throw fail.validation(firstMessage(errors), errors);

  const setClause = FIELD_NAMES.map((f) => `${CADRE_COLUMNS[f]} = @${f}`).join(', ');
  const update = db.sqlite.prepare(
    `update cadres set ${setClause}, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = @id`,
  );
  const changedIds: number[] = [];
  for (const { before, after, flags } of plans) {
    const entries = diffEntries('cadre', before.id, before.id, before, after, FIELD_NAMES);
    const flagEntries = flags ? applyFlagChanges(db, before.id, flags, today) : [];
    if (entries.length === 0 && flagEntries.length === 0) continue;
    const params: Record<string, unknown> = { id: before.id };
    for (const f of FIELD_NAMES) params[f] = after[f] ?? null;
    update.run(params);
    writeAudit(db, ctx, [...entries, ...flagEntries], batchId);
    changedIds.push(before.id);
  }
  return changedIds;
}

export function updateCadre(db: AppDb, input: ParsedInput<'cadres.update'>, ctx: CallContext): CadreRow {
  return inTransaction(db, () => {
    applyUpdates(db, ctx, [input], null, () => '');
    return cadreRow(db, input.id);
  });
}

const BATCH_LABEL = { paste: 'Dán từ Excel', undo: 'Hoàn tác', redo: 'Làm lại', edit: 'Sửa nhiều dòng' } as const;

export function bulkUpdateCadres(db: AppDb, input: ParsedInput<'cadres.bulkUpdate'>, ctx: CallContext): CallOutput<'cadres.bulkUpdate'> {
  return inTransaction(db, () => {
    const batchId = createBatch(db, ctx, input.kind, input.description ?? `${BATCH_LABEL[input.kind]}: ${input.items.length} dòng`);
    applyUpdates(db, ctx, input.items, batchId, (i) => `items.${i}.`);
    return { rows: cadreRowsByIds(db, [...new Set(input.items.map((i) => i.id))]), batchId };
  });
}

export function createCadre(db: AppDb, input: ParsedInput<'cadres.create'>, ctx: CallContext): CadreRow {
  return inTransaction(db, () => {
    const errors = validateRecord(db, input.fields, null);
    if (input.assignment) {
      const unit = db.sqlite.prepare('select name, valid_from as f, valid_to as t from units where id = ? and deleted_at is null').get(input.assignment.unitId) as { name: string; f: string | null; t: string | null } | undefined;
      if (!unit) errors['assignment.unitId'] = 'Đơn vị không tồn tại.';
      else if (unit.t && unit.t < input.assignment.fromDate) errors['assignment.unitId'] = `${unit.name} đã kết thúc hoạt động từ ${formatVnDate(unit.t)}.`;
      else if (unit.f && unit.f > input.assignment.fromDate) errors['assignment.fromDate'] = `${unit.name} chỉ hoạt động từ ${formatVnDate(unit.f)}.`;
      if (input.assignment.positionCode && !findCode(db, 'position', input.assignment.positionCode)) errors['assignment.positionCode'] = 'Chức vụ không có trong danh mục.';
    }
    if (Object.keys(errors).length) throw fail.validation(firstMessage(errors), errors);
    const cols = FIELD_NAMES.map((f) => CADRE_COLUMNS[f]);
    const params: Record<string, unknown> = {};
    for (const f of FIELD_NAMES) params[f] = input.fields[f] ?? null;
    const r = db.sqlite.prepare(`insert into cadres (${cols.join(', ')}) values (${FIELD_NAMES.map((f) => `@${f}`).join(', ')})`).run(params);
    const id = Number(r.lastInsertRowid);
    const entries: AuditEntry[] = [{ action: 'create', entity: 'cadre', entityId: id, cadreId: id, newValue: input.fields }];
    if (input.assignment) {
      const a = db.sqlite
        .prepare('insert into assignments (cadre_id, unit_id, post_title, position_code, from_date) values (?, ?, ?, ?, ?)')
        .run(id, input.assignment.unitId, input.assignment.postTitle ?? null, input.assignment.positionCode ?? null, input.assignment.fromDate);
      entries.push({ action: 'create', entity: 'assignment', entityId: Number(a.lastInsertRowid), cadreId: id, newValue: input.assignment });
    }
    const flagStart = input.assignment?.fromDate ?? todayIso();
    entries.push(...applyFlagChanges(db, id, Object.fromEntries(input.flags.map((f) => [f, true])), flagStart));
    writeAudit(db, ctx, entries);
    return cadreRow(db, id);
  });
}

export function deleteCadres(db: AppDb, input: ParsedInput<'cadres.delete'>, ctx: CallContext): CadreRow[] {
  return inTransaction(db, () => {
    const batchId = input.ids.length > 1 ? createBatch(db, ctx, 'delete', `Xoá ${input.ids.length} hồ sơ`) : null;
    for (const id of input.ids) {
      const before = loadRecord(db, id);
      if (before.deletedAt) continue;
      db.sqlite.prepare(`update cadres set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(id);
      writeAudit(db, ctx, [{ action: 'delete', entity: 'cadre', entityId: id, cadreId: id, oldValue: before.fullName }], batchId);
    }
    return cadreRowsByIds(db, input.ids);
  });
}

export function restoreCadres(db: AppDb, input: ParsedInput<'cadres.restore'>, ctx: CallContext): CadreRow[] {
  return inTransaction(db, () => {
    for (const id of input.ids) {
      const before = loadRecord(db, id);
      if (!before.deletedAt) continue;
      const errors = dbFieldErrors(db, { idNumber: before.idNumber }, id);
      if (errors.idNumber) throw fail.validation(`Không khôi phục được hồ sơ ${before.fullName}: ${errors.idNumber}`, errors);
      db.sqlite.prepare('update cadres set deleted_at = null, version = version + 1 where id = ?').run(id);
      writeAudit(db, ctx, [{ action: 'restore', entity: 'cadre', entityId: id, cadreId: id, newValue: before.fullName }]);
    }
    return cadreRowsByIds(db, input.ids);
  });
}

export function setCadreStatus(db: AppDb, input: ParsedInput<'cadres.setStatus'>, ctx: CallContext): CadreRow {
  return inTransaction(db, () => {
    const before = loadRecord(db, input.id);
    if (before.version !== input.version) throw fail.conflict(cadreRow(db, input.id));
    const current = cadreRow(db, input.id);
    if (before.birthDate && input.effectiveDate < before.birthDate) throw fail.validation('Ngày hiệu lực phải sau ngày sinh.', { effectiveDate: 'Ngày hiệu lực phải sau ngày sinh.' });
    const r = db.sqlite
      .prepare('insert into cadre_status_events (cadre_id, status, effective_date, note) values (?, ?, ?, ?)')
      .run(input.id, input.status, input.effectiveDate, input.note ?? null);
    bump(db, input.id);
    writeAudit(db, ctx, [{
      action: 'create', entity: 'cadre_status', entityId: Number(r.lastInsertRowid), cadreId: input.id, field: 'status',
      oldValue: CADRE_STATUSES[current.status as keyof typeof CADRE_STATUSES] ?? current.status,
      newValue: `${CADRE_STATUSES[input.status]} từ ${formatVnDate(input.effectiveDate)}`,
    }]);
    return cadreRow(db, input.id);
  });
}

export function flagLabel(flag: string): string {
  return CADRE_FLAGS[flag as CadreFlag] ?? flag;
}

export { AppFailure };
