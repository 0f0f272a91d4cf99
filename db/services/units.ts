import type { AppDb } from '../open';
import { inTransaction } from '../open';
import type { CallContext } from '../context';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import type { Unit } from '../../shared/api/units';
import { fail } from '../../shared/api/envelope';
import { addDays, formatVnDate, todayIso } from '../../shared/domain/dates';
import { diffEntries, writeAudit } from './audit';

const SELECT = `select id, version, name, short_name as shortName, kind, level, parent_id as parentId,
  valid_from as validFrom, valid_to as validTo, successor_id as successorId, ethnic_contact as ethnicContact,
  sort_order as sortOrder, note from units`;

const toUnit = (r: any): Unit => ({ ...r, ethnicContact: !!r.ethnicContact });

export function listUnits(db: AppDb): Unit[] {
  return (db.sqlite.prepare(`${SELECT} where deleted_at is null order by sort_order, name`).all() as any[]).map(toUnit);
}

export function getUnit(db: AppDb, id: number): Unit {
  const r = db.sqlite.prepare(`${SELECT} where id = ? and deleted_at is null`).get(id);
  if (!r) throw fail.notFound('đơn vị');
  return toUnit(r);
}

function checkParent(db: AppDb, unitId: number | null, parentId: number | null | undefined): void {
  if (!parentId) return;
  const parent = getUnit(db, parentId);
  if (parent.validTo) throw fail.validation(`Đơn vị cấp trên "${parent.name}" đã kết thúc hoạt động.`, { parentId: 'Đơn vị cấp trên đã kết thúc hoạt động.' });
  // Walk up from the new parent: meeting the unit itself means the move would make a cycle.
  let cursor: number | null = parentId;
  while (cursor !== null) {
    if (cursor === unitId) throw fail.validation('Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.', { parentId: 'Tạo vòng lặp trong cây tổ chức.' });
    cursor = (db.sqlite.prepare('select parent_id as p from units where id = ?').get(cursor) as { p: number | null } | undefined)?.p ?? null;
  }
}

const FIELDS = ['name', 'shortName', 'kind', 'level', 'parentId', 'validFrom', 'validTo', 'successorId', 'ethnicContact', 'sortOrder', 'note'];

export function createUnit(db: AppDb, input: ParsedInput<'units.create'>, ctx: CallContext): Unit {
  return inTransaction(db, () => {
    checkParent(db, null, input.parentId);
    const r = db.sqlite
      .prepare(
        `insert into units (name, short_name, kind, level, parent_id, valid_from, ethnic_contact, note, sort_order)
         values (?, ?, ?, ?, ?, ?, ?, ?, coalesce((select max(sort_order) + 1 from units), 0))`,
      )
      .run(input.name, input.shortName ?? null, input.kind, input.level, input.parentId ?? null, input.validFrom ?? null, input.ethnicContact ? 1 : 0, input.note ?? null);
    const id = Number(r.lastInsertRowid);
    db.sqlite.prepare('insert into unit_parents (unit_id, parent_id, from_date) values (?, ?, ?)').run(id, input.parentId ?? null, input.validFrom ?? null);
    const unit = getUnit(db, id);
    writeAudit(db, ctx, [{ action: 'create', entity: 'unit', entityId: id, newValue: unit }]);
    return unit;
  });
}

function loadForWrite(db: AppDb, id: number, version: number): Unit {
  const unit = getUnit(db, id);
  if (unit.version !== version) throw fail.conflict(unit);
  return unit;
}

function save(db: AppDb, ctx: CallContext, before: Unit, after: Unit): Unit {
  db.sqlite
    .prepare(
      `update units set name = ?, short_name = ?, kind = ?, level = ?, parent_id = ?, valid_from = ?, valid_to = ?,
         successor_id = ?, ethnic_contact = ?, sort_order = ?, note = ?, version = version + 1,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
    )
    .run(after.name, after.shortName, after.kind, after.level, after.parentId, after.validFrom, after.validTo, after.successorId, after.ethnicContact ? 1 : 0, after.sortOrder, after.note, before.id);
  writeAudit(db, ctx, diffEntries('unit', before.id, null, before, after, FIELDS));
  return getUnit(db, before.id);
}

export function updateUnit(db: AppDb, input: ParsedInput<'units.update'>, ctx: CallContext): Unit {
  return inTransaction(db, () => {
    const before = loadForWrite(db, input.id, input.version);
    const changes = Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined));
    const after = { ...before, ...changes } as Unit;
    if (after.validTo && after.validFrom && after.validTo < after.validFrom) {
      throw fail.validation('Ngày thành lập phải trước ngày kết thúc.', { validFrom: 'Ngày thành lập phải trước ngày kết thúc.' });
    }
    if (after.validFrom !== before.validFrom) moveFirstParentPeriodStart(db, before.id, after.validFrom);
    return save(db, ctx, before, after);
  });
}

/** A corrected founding date also starts the unit's first parent period, so the tree as of a date stays right. */
function moveFirstParentPeriodStart(db: AppDb, unitId: number, validFrom: string | null): void {
  const first = db.sqlite
    .prepare('select id, to_date as toDate from unit_parents where unit_id = ? order by id limit 1')
    .get(unitId) as { id: number; toDate: string | null } | undefined;
  if (!first) return;
  if (validFrom && first.toDate && validFrom > first.toDate) {
    const message = `Ngày thành lập phải trước ngày đơn vị chuyển sang cấp trên khác (${formatVnDate(addDays(first.toDate, 1))}).`;
    throw fail.validation(message, { validFrom: message });
  }
  db.sqlite.prepare('update unit_parents set from_date = ? where id = ?').run(validFrom, first.id);
}

export function moveUnit(db: AppDb, input: ParsedInput<'units.move'>, ctx: CallContext): Unit {
  return inTransaction(db, () => {
    const before = loadForWrite(db, input.id, input.version);
    if (before.validTo) throw fail.validation('Đơn vị đã kết thúc hoạt động, không thể chuyển.');
    if (before.parentId === input.parentId) throw fail.validation('Đơn vị đã ở dưới đơn vị cấp trên này.', { parentId: 'Không có gì thay đổi.' });
    checkParent(db, input.id, input.parentId);
    const open = db.sqlite
      .prepare('select id, from_date as fromDate from unit_parents where unit_id = ? and to_date is null order by id desc limit 1')
      .get(input.id) as { id: number; fromDate: string | null } | undefined;
    if (open?.fromDate && open.fromDate >= input.effectiveDate) {
      throw fail.validation(`Ngày hiệu lực phải sau ${formatVnDate(open.fromDate)}, ngày đơn vị về cấp trên hiện tại.`, { effectiveDate: 'Ngày hiệu lực quá sớm.' });
    }
    if (open) db.sqlite.prepare('update unit_parents set to_date = ? where id = ?').run(addDays(input.effectiveDate, -1), open.id);
    db.sqlite.prepare('insert into unit_parents (unit_id, parent_id, from_date) values (?, ?, ?)').run(input.id, input.parentId, input.effectiveDate);
    return save(db, ctx, before, { ...before, parentId: input.parentId });
  });
}

export function closeUnit(db: AppDb, input: ParsedInput<'units.close'>, ctx: CallContext): Unit {
  return inTransaction(db, () => {
    const before = loadForWrite(db, input.id, input.version);
    if (before.validTo) throw fail.validation(`Đơn vị đã kết thúc hoạt động từ ${formatVnDate(before.validTo)}.`);
    if (before.validFrom && input.validTo < before.validFrom) {
      throw fail.validation('Ngày kết thúc phải sau ngày thành lập.', { validTo: 'Ngày kết thúc phải sau ngày thành lập.' });
    }
    const openChildren = db.sqlite
      .prepare('select name from units where parent_id = ? and valid_to is null and deleted_at is null limit 3')
      .all(input.id) as { name: string }[];
    if (openChildren.length) {
      throw fail.validation(`Đơn vị còn đơn vị cấp dưới đang hoạt động (${openChildren.map((c) => c.name).join(', ')}); hãy chuyển hoặc kết thúc chúng trước.`);
    }
    if (input.successorId) {
      if (input.successorId === input.id) throw fail.validation('Đơn vị kế thừa phải là đơn vị khác.', { successorId: 'Không thể kế thừa chính nó.' });
      const s = getUnit(db, input.successorId);
      if (s.validTo && s.validTo <= input.validTo) throw fail.validation(`Đơn vị kế thừa "${s.name}" đã kết thúc hoạt động.`, { successorId: 'Đơn vị kế thừa đã kết thúc.' });
      // People moved from the next day need the successor to exist by then.
      const nextDay = addDays(input.validTo, 1);
      if (input.moveCadresToSuccessor && s.validFrom && s.validFrom > nextDay) {
        const message = `Đơn vị kế thừa "${s.name}" thành lập từ ${formatVnDate(s.validFrom)}, sau ngày chuyển người sang (${formatVnDate(nextDay)}).`;
        throw fail.validation(message, { successorId: message });
      }
    }
    const openAssignments = db.sqlite
      .prepare(
        `select a.id, a.cadre_id as cadreId, a.unit_id as unitId, a.post_title as postTitle, a.position_code as positionCode,
                a.from_date as fromDate, a.to_date as toDate
           from assignments a where a.unit_id = ? and a.deleted_at is null and (a.to_date is null or a.to_date > ?)`,
      )
      .all(input.id, input.validTo) as { id: number; cadreId: number; postTitle: string | null; positionCode: string | null; fromDate: string; toDate: string | null }[];
    if (openAssignments.length && !(input.moveCadresToSuccessor && input.successorId)) {
      throw fail.validation(
        `Còn ${openAssignments.length} người đang công tác tại đơn vị sau ngày ${formatVnDate(input.validTo)}. Hãy chọn đơn vị kế thừa và đánh dấu "chuyển người sang đơn vị kế thừa", hoặc điều chuyển họ trước.`,
        { moveCadresToSuccessor: 'Còn người đang công tác tại đơn vị.' },
      );
    }
    const nextDay = addDays(input.validTo, 1);
    for (const a of openAssignments) {
      if (a.fromDate > input.validTo) throw fail.validation('Có phân công bắt đầu sau ngày kết thúc của đơn vị; hãy sửa phân công đó trước.');
      db.sqlite.prepare(`update assignments set to_date = ?, version = version + 1 where id = ?`).run(input.validTo, a.id);
      const r = db.sqlite
        .prepare(`insert into assignments (cadre_id, unit_id, post_title, position_code, from_date, to_date, source, source_ref, note)
                  values (?, ?, ?, ?, ?, ?, 'reorganisation', ?, ?)`)
        // An assignment already planned to end later keeps its end date at the successor.
        .run(a.cadreId, input.successorId, a.postTitle, a.positionCode, nextDay, a.toDate, input.id, `Chuyển do ${before.name} kết thúc hoạt động`);
      writeAudit(db, ctx, [
        { action: 'update', entity: 'assignment', entityId: a.id, cadreId: a.cadreId, field: 'toDate', oldValue: a.toDate, newValue: input.validTo },
        { action: 'create', entity: 'assignment', entityId: Number(r.lastInsertRowid), cadreId: a.cadreId, newValue: { unitId: input.successorId, postTitle: a.postTitle, fromDate: nextDay, toDate: a.toDate } },
      ]);
    }
    db.sqlite.prepare('update unit_parents set to_date = ? where unit_id = ? and to_date is null').run(input.validTo, input.id);
    return save(db, ctx, before, { ...before, validTo: input.validTo, successorId: input.successorId ?? null });
  });
}

export function reopenUnit(db: AppDb, input: ParsedInput<'units.reopen'>, ctx: CallContext): Unit {
  return inTransaction(db, () => {
    const before = loadForWrite(db, input.id, input.version);
    if (!before.validTo) throw fail.validation('Đơn vị đang hoạt động.');
    const parent = before.parentId ? getUnit(db, before.parentId) : null;
    if (parent?.validTo) {
      throw fail.validation(`Đơn vị cấp trên "${parent.name}" đã kết thúc hoạt động; hãy mở lại đơn vị cấp trên trước, hoặc mở lại rồi chuyển đơn vị sang cấp trên khác.`);
    }
    db.sqlite.prepare('update unit_parents set to_date = null where id = (select max(id) from unit_parents where unit_id = ?)').run(input.id);
    return save(db, ctx, before, { ...before, validTo: null, successorId: null });
  });
}

/** People whose current assignment on the date is in each unit (non-deleted cadres; same rule as the cadre grid). */
export function unitHeadcounts(db: AppDb, input: ParsedInput<'units.headcounts'>): { unitId: number; count: number }[] {
  return db.sqlite
    .prepare(
      `with cur as (
         select a.cadre_id, a.unit_id, row_number() over (partition by a.cadre_id order by a.from_date desc, a.id desc) as rn
           from assignments a join cadres c on c.id = a.cadre_id and c.deleted_at is null
          where a.deleted_at is null and a.from_date <= @d and (a.to_date is null or a.to_date >= @d)
       )
       select unit_id as unitId, count(*) as count from cur where rn = 1 group by unit_id order by unit_id`,
    )
    .all({ d: input.onDate ?? todayIso() }) as { unitId: number; count: number }[];
}

export function unitParentHistory(db: AppDb, input: ParsedInput<'units.parentHistory'>): CallOutput<'units.parentHistory'> {
  getUnit(db, input.id);
  return db.sqlite
    .prepare('select parent_id as parentId, from_date as fromDate, to_date as toDate from unit_parents where unit_id = ? order by id')
    .all(input.id) as CallOutput<'units.parentHistory'>;
}
