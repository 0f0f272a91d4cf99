import type { AppDb } from '../../open';
import { inTransaction } from '../../open';
import type { CallContext } from '../../context';
import type { ParsedInput } from '../../../shared/api/contract';
import type { RotationRow } from '../../../shared/api/rotations';
import { fail } from '../../../shared/api/envelope';
import { addDays, formatVnDate } from '../../../shared/domain/dates';
import { writeAudit, type AuditEntry } from '../audit';
import { hardErrors } from './rules';
import { assignmentOn, requireLiveCadre } from './rotations';
import { draftOf, loadRotation, rotationRow, type StoredRotation } from './store';

// Starting and ending a rotation changes the cadre's dated unit/post history in the same transaction, so
// "who works in unit X on date D" follows the rotation. Each step can be undone exactly, newest first.

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

function loadForStep(db: AppDb, id: number, version: number): StoredRotation {
  const r = loadRotation(db, id);
  if (r.version !== version) throw fail.conflict(rotationRow(db, id));
  if (r.deletedAt) throw fail.validation('Đợt luân chuyển này đã bị xoá.');
  return r;
}

export function unitActiveOn(db: AppDb, unitId: number, date: string): { ok: true; name: string } | { ok: false; message: string } {
  const u = db.sqlite.prepare('select name, valid_from as f, valid_to as t, successor_id as s from units where id = ? and deleted_at is null').get(unitId) as
    | { name: string; f: string | null; t: string | null; s: number | null }
    | undefined;
  if (!u) return { ok: false, message: 'Đơn vị không tồn tại.' };
  if (u.f && date < u.f) return { ok: false, message: `${u.name} chỉ hoạt động từ ${formatVnDate(u.f)}.` };
  if (u.t && date > u.t) {
    const successor = u.s ? (db.sqlite.prepare('select name from units where id = ?').get(u.s) as { name: string } | undefined)?.name : undefined;
    return { ok: false, message: `${u.name} đã kết thúc hoạt động ngày ${formatVnDate(u.t)}${successor ? ` (đơn vị kế thừa: ${successor})` : ''}.` };
  }
  return { ok: true, name: u.name };
}

/** An assignment of the cadre that starts after `date` (other than `except`) would be cut through by the step. */
export function laterAssignment(db: AppDb, cadreId: number, date: string, except: number[] = []) {
  return db.sqlite
    .prepare(
      `select a.from_date as f, u.name from assignments a join units u on u.id = a.unit_id
        where a.cadre_id = ? and a.deleted_at is null and a.from_date > ? and a.id not in (select value from json_each(?))
        order by a.from_date limit 1`,
    )
    .get(cadreId, date, JSON.stringify(except)) as { f: string; name: string } | undefined;
}

function insertAssignment(db: AppDb, a: { cadreId: number; unitId: number; postTitle: string | null; positionCode: string | null; fromDate: string; rotationId: number; note: string }): number {
  const r = db.sqlite
    .prepare(`insert into assignments (cadre_id, unit_id, post_title, position_code, from_date, source, source_ref, note) values (?, ?, ?, ?, ?, 'rotation', ?, ?)`)
    .run(a.cadreId, a.unitId, a.postTitle, a.positionCode, a.fromDate, a.rotationId, a.note);
  return Number(r.lastInsertRowid);
}

const decisionText = (r: StoredRotation) => (r.decisionNo ? ` theo Quyết định ${r.decisionNo}${r.decisionDate ? ` ngày ${formatVnDate(r.decisionDate)}` : ''}` : '');
const TYPE_WORD: Record<string, string> = { luan_chuyen: 'Luân chuyển', dieu_dong: 'Điều động', biet_phai: 'Biệt phái', khac: 'Chuyển công tác' };

export function startRotation(db: AppDb, input: ParsedInput<'rotations.start'>, ctx: CallContext): RotationRow {
  return inTransaction(db, () => {
    const r = loadForStep(db, input.id, input.version);
    if (r.status !== 'planned') throw fail.validation(`Chỉ bắt đầu được đợt luân chuyển đang ở trạng thái dự kiến (hiện tại: ${r.status === 'cancelled' ? 'đã huỷ' : r.status === 'ended' ? 'đã kết thúc' : 'đang luân chuyển'}).`);
    requireLiveCadre(db, r.cadreId);
    const start = input.actualStart;
    const errors = hardErrors(db, draftOf({ ...r, actualStart: start, status: 'in_progress' }));
    if (Object.keys(errors).length) throw fail.validation(Object.values(errors)[0], errors.plannedStart ? { ...errors, actualStart: errors.plannedStart } : errors);
    const dest = unitActiveOn(db, r.toUnitId, start);
    if (!dest.ok) throw fail.validation(`Không bắt đầu được: ${dest.message}`, { actualStart: dest.message });
    const later = laterAssignment(db, r.cadreId, start);
    if (later) {
      throw fail.validation(`Hồ sơ đã có quá trình công tác tại ${later.name} từ ${formatVnDate(later.f)}, sau ngày bắt đầu luân chuyển; hãy kiểm tra lại quá trình công tác trước.`, { actualStart: 'Có quá trình công tác sau ngày này.' });
    }
    const entries: AuditEntry[] = [];
    const origin = assignmentOn(db, r.cadreId, start);
    if (origin) {
      if (origin.fromDate >= start) {
        throw fail.validation(`Quá trình công tác hiện tại bắt đầu ngày ${formatVnDate(origin.fromDate)}; ngày bắt đầu luân chuyển phải sau ngày đó.`, { actualStart: 'Ngày bắt đầu quá sớm.' });
      }
      const closeOn = addDays(start, -1);
      db.sqlite.prepare('update assignments set to_date = ?, version = version + 1 where id = ?').run(closeOn, origin.id);
      entries.push({ action: 'update', entity: 'assignment', entityId: origin.id, cadreId: r.cadreId, field: 'toDate', oldValue: origin.toDate, newValue: closeOn });
    }
    const assignmentId = insertAssignment(db, {
      cadreId: r.cadreId, unitId: r.toUnitId, postTitle: r.toPostTitle, positionCode: r.toPositionCode, fromDate: start, rotationId: r.id,
      note: `${TYPE_WORD[r.type] ?? 'Luân chuyển'} đến ${dest.name}${decisionText(r)}`,
    });
    entries.push({ action: 'create', entity: 'assignment', entityId: assignmentId, cadreId: r.cadreId, newValue: { unitId: r.toUnitId, postTitle: r.toPostTitle, fromDate: start, source: 'rotation', sourceRef: r.id } });
    db.sqlite
      .prepare(`update rotations set actual_start = ?, status = 'in_progress', origin_assignment_id = ?, origin_prev_to_date = ?, rotation_assignment_id = ?, version = version + 1, updated_at = ${NOW} where id = ?`)
      .run(start, origin?.id ?? null, origin?.toDate ?? null, assignmentId, r.id);
    // With no origin recorded when planned, the post actually left is the one to return to.
    if (!r.fromUnitId && origin) {
      db.sqlite.prepare('update rotations set from_unit_id = ?, from_post_title = ?, from_position_code = ? where id = ?').run(origin.unitId, origin.postTitle, origin.positionCode, r.id);
      entries.push({ action: 'update', entity: 'rotation', entityId: r.id, cadreId: r.cadreId, field: 'fromUnitId', oldValue: null, newValue: origin.unitId });
    }
    entries.push(
      { action: 'update', entity: 'rotation', entityId: r.id, cadreId: r.cadreId, field: 'actualStart', oldValue: null, newValue: start },
      { action: 'update', entity: 'rotation', entityId: r.id, cadreId: r.cadreId, field: 'status', oldValue: r.status, newValue: 'in_progress' },
    );
    writeAudit(db, ctx, entries);
    return rotationRow(db, r.id);
  });
}

export function endRotation(db: AppDb, input: ParsedInput<'rotations.end'>, ctx: CallContext): RotationRow {
  return inTransaction(db, () => {
    const r = loadForStep(db, input.id, input.version);
    if (r.status !== 'in_progress' || !r.actualStart || !r.rotationAssignmentId) throw fail.validation('Chỉ kết thúc được đợt luân chuyển đang diễn ra.');
    const end = input.actualEnd;
    if (end < r.actualStart) throw fail.validation('Ngày kết thúc thực tế phải sau ngày bắt đầu thực tế.', { actualEnd: `Phải từ ${formatVnDate(r.actualStart)} trở đi.` });
    const overlap = hardErrors(db, draftOf({ ...r, actualEnd: end, status: 'ended' }));
    if (Object.keys(overlap).length) throw fail.validation(Object.values(overlap)[0], overlap);
    const ra = db.sqlite.prepare('select id, to_date as t from assignments where id = ? and deleted_at is null').get(r.rotationAssignmentId) as { id: number; t: string | null } | undefined;
    if (!ra) throw fail.validation('Không tìm thấy quá trình công tác do đợt luân chuyển tạo ra (có thể đã bị sửa); hãy kiểm tra quá trình công tác của cán bộ.');
    if (ra.t && ra.t < end) throw fail.validation(`Quá trình công tác tại nơi luân chuyển đã kết thúc ngày ${formatVnDate(ra.t)}; ngày kết thúc luân chuyển không được sau ngày đó.`, { actualEnd: 'Sau ngày kết thúc quá trình công tác.' });
    const later = laterAssignment(db, r.cadreId, r.actualStart, [ra.id]);
    if (later) throw fail.validation(`Hồ sơ đã có quá trình công tác tại ${later.name} từ ${formatVnDate(later.f)}; hãy kiểm tra quá trình công tác trước khi kết thúc luân chuyển.`);
    const entries: AuditEntry[] = [];
    db.sqlite.prepare('update assignments set to_date = ?, version = version + 1 where id = ?').run(end, ra.id);
    entries.push({ action: 'update', entity: 'assignment', entityId: ra.id, cadreId: r.cadreId, field: 'toDate', oldValue: ra.t, newValue: end });
    let returnId: number | null = null;
    const next = input.next;
    if (next.kind !== 'none') {
      const target = next.kind === 'return'
        ? { unitId: r.fromUnitId, postTitle: r.fromPostTitle, positionCode: r.fromPositionCode }
        : { unitId: next.unitId, postTitle: next.postTitle ?? null, positionCode: next.positionCode ?? null };
      if (!target.unitId) throw fail.validation('Đợt luân chuyển chưa ghi đơn vị nơi đi; hãy chọn đơn vị công tác sau luân chuyển.', { next: 'Hãy chọn đơn vị.' });
      const from = addDays(end, 1);
      const unit = unitActiveOn(db, target.unitId, from);
      if (!unit.ok) throw fail.validation(`Không trở về được: ${unit.message} Hãy chọn đơn vị công tác khác.`, { next: unit.message });
      returnId = insertAssignment(db, {
        cadreId: r.cadreId, unitId: target.unitId, postTitle: target.postTitle, positionCode: target.positionCode, fromDate: from, rotationId: r.id,
        note: next.kind === 'return' ? 'Trở về đơn vị cũ sau luân chuyển' : 'Nhận công tác mới sau luân chuyển',
      });
      entries.push({ action: 'create', entity: 'assignment', entityId: returnId, cadreId: r.cadreId, newValue: { ...target, fromDate: from, source: 'rotation', sourceRef: r.id } });
    }
    db.sqlite
      .prepare(`update rotations set actual_end = ?, status = 'ended', return_assignment_id = ?, version = version + 1, updated_at = ${NOW} where id = ?`)
      .run(end, returnId, r.id);
    entries.push(
      { action: 'update', entity: 'rotation', entityId: r.id, cadreId: r.cadreId, field: 'actualEnd', oldValue: null, newValue: end },
      { action: 'update', entity: 'rotation', entityId: r.id, cadreId: r.cadreId, field: 'status', oldValue: 'in_progress', newValue: 'ended' },
    );
    writeAudit(db, ctx, entries);
    return rotationRow(db, r.id);
  });
}

/** Undoes the newest step: an end (back to in progress), a start (back to planned) or a cancellation. */
export function undoRotationStep(db: AppDb, input: ParsedInput<'rotations.undoStep'>, ctx: CallContext): RotationRow {
  return inTransaction(db, () => {
    const r = loadForStep(db, input.id, input.version);
    const entries: AuditEntry[] = [];
    const softDelete = (id: number) => {
      db.sqlite.prepare(`update assignments set deleted_at = ${NOW}, version = version + 1 where id = ?`).run(id);
      entries.push({ action: 'delete', entity: 'assignment', entityId: id, cadreId: r.cadreId });
    };
    if (r.status === 'ended') {
      if (r.returnAssignmentId) {
        const ret = db.sqlite.prepare('select from_date as f from assignments where id = ? and deleted_at is null').get(r.returnAssignmentId) as { f: string } | undefined;
        if (ret) {
          const later = laterAssignment(db, r.cadreId, ret.f);
          if (later) throw fail.validation(`Sau khi kết thúc luân chuyển, hồ sơ đã có quá trình công tác tại ${later.name} từ ${formatVnDate(later.f)}; hãy xử lý quá trình đó trước khi hoàn tác.`);
          softDelete(r.returnAssignmentId);
        }
      }
      if (r.rotationAssignmentId) {
        db.sqlite.prepare('update assignments set to_date = null, version = version + 1 where id = ?').run(r.rotationAssignmentId);
        entries.push({ action: 'update', entity: 'assignment', entityId: r.rotationAssignmentId, cadreId: r.cadreId, field: 'toDate', oldValue: r.actualEnd, newValue: null });
      }
      db.sqlite.prepare(`update rotations set actual_end = null, status = 'in_progress', return_assignment_id = null, version = version + 1, updated_at = ${NOW} where id = ?`).run(r.id);
      entries.push({ action: 'update', entity: 'rotation', entityId: r.id, cadreId: r.cadreId, field: 'status', oldValue: 'ended', newValue: 'in_progress' });
    } else if (r.status === 'in_progress') {
      const later = laterAssignment(db, r.cadreId, r.actualStart!, r.rotationAssignmentId ? [r.rotationAssignmentId] : []);
      if (later) throw fail.validation(`Hồ sơ đã có quá trình công tác tại ${later.name} từ ${formatVnDate(later.f)}; hãy xử lý quá trình đó trước khi hoàn tác.`);
      if (r.rotationAssignmentId) softDelete(r.rotationAssignmentId);
      if (r.originAssignmentId) {
        db.sqlite.prepare('update assignments set to_date = ?, version = version + 1 where id = ? and deleted_at is null').run(r.originPrevToDate, r.originAssignmentId);
        entries.push({ action: 'update', entity: 'assignment', entityId: r.originAssignmentId, cadreId: r.cadreId, field: 'toDate', oldValue: addDays(r.actualStart!, -1), newValue: r.originPrevToDate });
      }
      db.sqlite
        .prepare(`update rotations set actual_start = null, status = 'planned', origin_assignment_id = null, origin_prev_to_date = null, rotation_assignment_id = null, version = version + 1, updated_at = ${NOW} where id = ?`)
        .run(r.id);
      entries.push({ action: 'update', entity: 'rotation', entityId: r.id, cadreId: r.cadreId, field: 'status', oldValue: 'in_progress', newValue: 'planned' });
    } else if (r.status === 'cancelled') {
      const errors = hardErrors(db, draftOf({ ...r, status: 'planned' }));
      if (Object.keys(errors).length) throw fail.validation(`Không khôi phục được: ${Object.values(errors)[0]}`, errors);
      db.sqlite.prepare(`update rotations set status = 'planned', cancel_reason = null, version = version + 1, updated_at = ${NOW} where id = ?`).run(r.id);
      entries.push({ action: 'update', entity: 'rotation', entityId: r.id, cadreId: r.cadreId, field: 'status', oldValue: 'cancelled', newValue: 'planned' });
    } else {
      throw fail.validation('Đợt luân chuyển đang ở trạng thái dự kiến, không có bước nào để hoàn tác.');
    }
    writeAudit(db, ctx, entries);
    return rotationRow(db, r.id);
  });
}
