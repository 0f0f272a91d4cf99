import type { AppDb } from '../open';
import { inTransaction } from '../open';
import type { CallContext } from '../context';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import type { Assignment, CadreDetail, Qualification } from '../../shared/api/cadres';
import { AppFailure, fail } from '../../shared/api/envelope';
import { QUALIFICATION_CATEGORIES, isKeyOf, levelListOf } from '../../shared/domain/codes';
import { addDays, formatVnDate, partialDateStart, todayIso } from '../../shared/domain/dates';
import { createBatch, diffEntries, writeAudit } from './audit';
import { findCode } from './codes';
import { cadreRow } from './cadre-rows';

// The dated histories of one cadre: assignments (unit and post), qualifications, roles, status.

const SELECT_ASSIGNMENT = `select id, version, cadre_id as cadreId, unit_id as unitId, post_title as postTitle,
  position_code as positionCode, from_date as fromDate, to_date as toDate, source, source_ref as sourceRef, note from assignments`;
const SELECT_QUALIFICATION = `select id, version, cadre_id as cadreId, category, level_key as levelKey, field, institution,
  award_date as awardDate, language, fluency, certificate_no as certificateNo, source, source_ref as sourceRef, note,
  deleted_at as deletedAt from qualifications`;

export function getCadreDetail(db: AppDb, input: { id: number }): CadreDetail {
  const row = cadreRow(db, input.id);
  return {
    row,
    assignments: db.sqlite.prepare(`${SELECT_ASSIGNMENT} where cadre_id = ? and deleted_at is null order by from_date desc, id desc`).all(input.id) as Assignment[],
    flags: db.sqlite.prepare('select id, flag, from_date as fromDate, to_date as toDate, note from cadre_flags where cadre_id = ? order by from_date desc').all(input.id) as CadreDetail['flags'],
    statusEvents: db.sqlite.prepare('select id, status, effective_date as effectiveDate, note from cadre_status_events where cadre_id = ? order by effective_date desc, id desc').all(input.id) as CadreDetail['statusEvents'],
    qualifications: db.sqlite.prepare(`${SELECT_QUALIFICATION} where cadre_id = ? order by category, award_date desc`).all(input.id) as Qualification[],
  };
}

function requireLiveCadre(db: AppDb, cadreId: number): { fullName: string; birthDate: string | null } {
  const c = db.sqlite.prepare('select full_name as fullName, birth_date as birthDate, deleted_at as deletedAt from cadres where id = ?').get(cadreId) as { fullName: string; birthDate: string | null; deletedAt: string | null } | undefined;
  if (!c) throw fail.notFound('hồ sơ cán bộ');
  if (c.deletedAt) throw fail.validation(`Hồ sơ ${c.fullName} đã bị xoá; hãy khôi phục trước khi sửa.`);
  return c;
}

// ---- Assignments --------------------------------------------------------------------------------------------

function getAssignment(db: AppDb, id: number): Assignment {
  const a = db.sqlite.prepare(`${SELECT_ASSIGNMENT} where id = ? and deleted_at is null`).get(id) as Assignment | undefined;
  if (!a) throw fail.notFound('quá trình công tác');
  return a;
}

/** A period must fit the unit's life and must not overlap the cadre's other assignments. */
function checkAssignment(db: AppDb, a: { id?: number; cadreId: number; unitId: number; fromDate: string; toDate: string | null }): void {
  if (a.toDate && a.toDate < a.fromDate) throw fail.validation('"Đến ngày" phải sau "Từ ngày".', { toDate: '"Đến ngày" phải sau "Từ ngày".' });
  const unit = db.sqlite.prepare('select name, valid_from as f, valid_to as t from units where id = ? and deleted_at is null').get(a.unitId) as { name: string; f: string | null; t: string | null } | undefined;
  if (!unit) throw fail.validation('Đơn vị không tồn tại.', { unitId: 'Đơn vị không tồn tại.' });
  if (unit.f && a.fromDate < unit.f) throw fail.validation(`${unit.name} chỉ hoạt động từ ${formatVnDate(unit.f)}.`, { fromDate: `Đơn vị thành lập ngày ${formatVnDate(unit.f)}.` });
  if (unit.t && (a.fromDate > unit.t || !a.toDate || a.toDate > unit.t)) {
    throw fail.validation(`${unit.name} đã kết thúc hoạt động ngày ${formatVnDate(unit.t)}; quá trình công tác tại đây phải kết thúc trước ngày đó.`, { unitId: 'Đơn vị đã kết thúc hoạt động.' });
  }
  const overlap = db.sqlite
    .prepare(`select a.from_date as f, a.to_date as t, u.name from assignments a join units u on u.id = a.unit_id
               where a.cadre_id = ? and a.deleted_at is null and a.id <> ?
                 and a.from_date <= ? and (a.to_date is null or a.to_date >= ?) limit 1`)
    .get(a.cadreId, a.id ?? -1, a.toDate ?? '9999-12-31', a.fromDate) as { f: string; t: string | null; name: string } | undefined;
  if (overlap) {
    throw fail.validation(
      `Trùng thời gian với quá trình công tác tại ${overlap.name} (${formatVnDate(overlap.f)} - ${overlap.t ? formatVnDate(overlap.t) : 'nay'}).`,
      { fromDate: 'Trùng thời gian với quá trình khác.' },
    );
  }
}

export function createAssignment(db: AppDb, input: ParsedInput<'assignments.create'>, ctx: CallContext): Assignment {
  return inTransaction(db, () => {
    requireLiveCadre(db, input.cadreId);
    if (input.closeCurrent) {
      const open = db.sqlite
        .prepare('select id, from_date as f from assignments where cadre_id = ? and deleted_at is null and from_date <= ? and (to_date is null or to_date >= ?)')
        .get(input.cadreId, input.fromDate, input.fromDate) as { id: number; f: string } | undefined;
      if (open) {
        if (open.f >= input.fromDate) throw fail.validation(`Quá trình hiện tại bắt đầu ngày ${formatVnDate(open.f)}; ngày chuyển phải sau ngày đó.`, { fromDate: 'Ngày chuyển quá sớm.' });
        const closeOn = addDays(input.fromDate, -1);
        db.sqlite.prepare('update assignments set to_date = ?, version = version + 1 where id = ?').run(closeOn, open.id);
        writeAudit(db, ctx, [{ action: 'update', entity: 'assignment', entityId: open.id, cadreId: input.cadreId, field: 'toDate', oldValue: null, newValue: closeOn }]);
      }
    }
    const rec = { cadreId: input.cadreId, unitId: input.unitId, fromDate: input.fromDate, toDate: input.toDate ?? null };
    if (input.positionCode && !findCode(db, 'position', input.positionCode)) throw fail.validation('Chức vụ không có trong danh mục.', { positionCode: 'Không có trong danh mục.' });
    checkAssignment(db, rec);
    const r = db.sqlite
      .prepare('insert into assignments (cadre_id, unit_id, post_title, position_code, from_date, to_date, note) values (?, ?, ?, ?, ?, ?, ?)')
      .run(input.cadreId, input.unitId, input.postTitle ?? null, input.positionCode ?? null, input.fromDate, input.toDate ?? null, input.note ?? null);
    const id = Number(r.lastInsertRowid);
    const a = getAssignment(db, id);
    writeAudit(db, ctx, [{ action: 'create', entity: 'assignment', entityId: id, cadreId: input.cadreId, newValue: a }]);
    return a;
  });
}

const ASSIGNMENT_FIELDS = ['unitId', 'postTitle', 'positionCode', 'fromDate', 'toDate', 'note'] as const;

export function updateAssignment(db: AppDb, input: ParsedInput<'assignments.update'>, ctx: CallContext): Assignment {
  return inTransaction(db, () => {
    const before = getAssignment(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    requireLiveCadre(db, before.cadreId);
    const after = { ...before, ...Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined)) } as Assignment;
    if (after.positionCode && !findCode(db, 'position', after.positionCode)) throw fail.validation('Chức vụ không có trong danh mục.', { positionCode: 'Không có trong danh mục.' });
    checkAssignment(db, after);
    db.sqlite
      .prepare('update assignments set unit_id = ?, post_title = ?, position_code = ?, from_date = ?, to_date = ?, note = ?, version = version + 1 where id = ?')
      .run(after.unitId, after.postTitle, after.positionCode, after.fromDate, after.toDate, after.note, input.id);
    writeAudit(db, ctx, diffEntries('assignment', input.id, before.cadreId, before, after, [...ASSIGNMENT_FIELDS]));
    return getAssignment(db, input.id);
  });
}

export function deleteAssignment(db: AppDb, input: ParsedInput<'assignments.delete'>, ctx: CallContext): { id: number } {
  return inTransaction(db, () => {
    const before = getAssignment(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    if (before.source === 'rotation') throw fail.validation('Quá trình này do một đợt luân chuyển tạo ra; hãy sửa hoặc huỷ đợt luân chuyển đó.');
    db.sqlite.prepare(`update assignments set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(input.id);
    writeAudit(db, ctx, [{ action: 'delete', entity: 'assignment', entityId: input.id, cadreId: before.cadreId, oldValue: before }]);
    return { id: input.id };
  });
}

export function updateFlagPeriod(db: AppDb, input: ParsedInput<'flags.update'>, ctx: CallContext): CallOutput<'flags.update'> {
  return inTransaction(db, () => {
    const before = db.sqlite.prepare('select id, cadre_id as cadreId, flag, from_date as fromDate, to_date as toDate, note from cadre_flags where id = ?').get(input.id) as any;
    if (!before) throw fail.notFound('vai trò');
    if (input.toDate && input.toDate < input.fromDate) throw fail.validation('"Đến ngày" phải sau "Từ ngày".', { toDate: '"Đến ngày" phải sau "Từ ngày".' });
    const after = { ...before, fromDate: input.fromDate, toDate: input.toDate ?? null, note: input.note ?? null };
    const overlap = db.sqlite
      .prepare(`select from_date as f, to_date as t from cadre_flags where cadre_id = ? and flag = ? and id <> ?
                 and from_date <= ? and (to_date is null or to_date >= ?) limit 1`)
      .get(before.cadreId, before.flag, input.id, after.toDate ?? '9999-12-31', after.fromDate) as { f: string; t: string | null } | undefined;
    if (overlap) {
      throw fail.validation(`Trùng thời gian với một giai đoạn khác của cùng vai trò (${formatVnDate(overlap.f)} - ${overlap.t ? formatVnDate(overlap.t) : 'nay'}).`, { fromDate: 'Trùng thời gian.' });
    }
    db.sqlite.prepare('update cadre_flags set from_date = ?, to_date = ?, note = ? where id = ?').run(after.fromDate, after.toDate, after.note, input.id);
    db.sqlite.prepare('update cadres set version = version + 1 where id = ?').run(before.cadreId);
    writeAudit(db, ctx, diffEntries('cadre_flag', input.id, before.cadreId, before, after, ['fromDate', 'toDate', 'note']));
    const { cadreId: _c, ...out } = after;
    return out;
  });
}

// ---- Qualifications -----------------------------------------------------------------------------------------

export function getQualification(db: AppDb, id: number): Qualification {
  const q = db.sqlite.prepare(`${SELECT_QUALIFICATION} where id = ?`).get(id) as Qualification | undefined;
  if (!q) throw fail.notFound('văn bằng, chứng chỉ');
  return q;
}

function checkQualification(db: AppDb, q: Omit<Qualification, 'id' | 'version' | 'source' | 'sourceRef' | 'deletedAt'>, birthDate: string | null): void {
  const errors: Record<string, string> = {};
  if (!isKeyOf(QUALIFICATION_CATEGORIES, q.category)) errors.category = 'Loại trình độ không hợp lệ.';
  else if (!findCode(db, levelListOf(q.category), q.levelKey)) {
    errors.levelKey = `Trình độ "${q.levelKey}" không có trong danh mục ${QUALIFICATION_CATEGORIES[q.category].toLowerCase()}.`;
  }
  if (q.awardDate) {
    if (partialDateStart(q.awardDate) > todayIso()) errors.awardDate = 'Ngày cấp không thể ở tương lai.';
    // Partial dates compare on what they can mean: a diploma of "1975" cannot predate a birth in 1975-06.
    else if (birthDate && q.awardDate.slice(0, 4) < birthDate.slice(0, 4)) errors.awardDate = 'Ngày cấp phải sau ngày sinh.';
    else if (birthDate && q.awardDate.length === 10 && birthDate.length === 10 && q.awardDate <= birthDate) errors.awardDate = 'Ngày cấp phải sau ngày sinh.';
  }
  if (q.category === 'tieng_dtts' && q.language && !findCode(db, 'minority_language', q.language)) errors.language = 'Tiếng dân tộc không có trong danh mục.';
  if (q.fluency && !findCode(db, 'language_fluency', q.fluency)) errors.fluency = 'Mức độ sử dụng không hợp lệ.';
  if (Object.keys(errors).length) throw fail.validation(Object.values(errors)[0], errors);
}

const QUALIFICATION_FIELDS = ['category', 'levelKey', 'field', 'institution', 'awardDate', 'language', 'fluency', 'certificateNo', 'note'] as const;

export function createQualification(db: AppDb, input: ParsedInput<'qualifications.create'>, ctx: CallContext): Qualification {
  return inTransaction(db, () => {
    const cadre = requireLiveCadre(db, input.cadreId);
    const rec = {
      cadreId: input.cadreId, category: input.category, levelKey: input.levelKey, field: input.field ?? null, institution: input.institution ?? null,
      awardDate: input.awardDate ?? null, language: input.language ?? null, fluency: input.fluency ?? null, certificateNo: input.certificateNo ?? null, note: input.note ?? null,
    };
    checkQualification(db, rec, cadre.birthDate);
    const r = db.sqlite
      .prepare(`insert into qualifications (cadre_id, category, level_key, field, institution, award_date, language, fluency, certificate_no, note)
                values (@cadreId, @category, @levelKey, @field, @institution, @awardDate, @language, @fluency, @certificateNo, @note)`)
      .run(rec);
    const id = Number(r.lastInsertRowid);
    const q = getQualification(db, id);
    writeAudit(db, ctx, [{ action: 'create', entity: 'qualification', entityId: id, cadreId: input.cadreId, newValue: q }]);
    return q;
  });
}

/** Applies one update inside the caller's transaction (single edit or one item of a bulk update). */
function applyQualificationUpdate(db: AppDb, input: ParsedInput<'qualifications.update'>, ctx: CallContext, batchId: number | null): Qualification {
  const before = getQualification(db, input.id);
  if (before.deletedAt) throw fail.validation('Văn bằng này đã bị xoá; hãy khôi phục trước khi sửa.');
  if (before.version !== input.version) throw fail.conflict(before);
  const cadre = requireLiveCadre(db, before.cadreId);
  const after = { ...before, ...Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined)) } as Qualification;
  checkQualification(db, after, cadre.birthDate);
  db.sqlite
    .prepare(`update qualifications set category = @category, level_key = @levelKey, field = @field, institution = @institution,
              award_date = @awardDate, language = @language, fluency = @fluency, certificate_no = @certificateNo, note = @note,
              version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = @id`)
    .run(after);
  writeAudit(db, ctx, diffEntries('qualification', input.id, before.cadreId, before, after, [...QUALIFICATION_FIELDS]), batchId);
  return getQualification(db, input.id);
}

export function updateQualification(db: AppDb, input: ParsedInput<'qualifications.update'>, ctx: CallContext): Qualification {
  return inTransaction(db, () => applyQualificationUpdate(db, input, ctx, null));
}

const BULK_LABEL = { paste: 'Dán vào bảng trình độ', undo: 'Hoàn tác', redo: 'Làm lại', edit: 'Sửa nhiều văn bằng' } as const;

/** All items or none: every refusal is collected with its item's index, so the grid can mark each cell. */
export function bulkUpdateQualifications(db: AppDb, input: ParsedInput<'qualifications.bulkUpdate'>, ctx: CallContext): Qualification[] {
  return inTransaction(db, () => {
    const batchId = createBatch(db, ctx, input.kind, `${BULK_LABEL[input.kind]}: ${input.items.length} văn bằng`);
    const errors: Record<string, string> = {};
    const conflicts: Qualification[] = [];
    const out: Qualification[] = [];
    input.items.forEach((item, i) => {
      try {
        out.push(applyQualificationUpdate(db, item, ctx, batchId));
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        if (e.kind === 'conflict') conflicts.push(e.current as Qualification);
        else if (Object.keys(e.fieldErrors).length) for (const [k, v] of Object.entries(e.fieldErrors)) errors[`items.${i}.${k}`] = v;
        else errors[`items.${i}.id`] = e.message;
      }
    });
    if (conflicts.length) throw fail.conflict(conflicts);
    const messages = Object.values(errors);
    if (messages.length) throw fail.validation(messages.length > 1 ? `${messages[0]} (và ${messages.length - 1} lỗi khác)` : messages[0], errors);
    return out;
  });
}

export function deleteQualification(db: AppDb, input: ParsedInput<'qualifications.delete'>, ctx: CallContext): Qualification {
  return inTransaction(db, () => {
    const before = getQualification(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    if (before.source === 'training') throw fail.validation('Văn bằng này được tạo khi hoàn thành khoá đào tạo; hãy huỷ kết quả hoàn thành ở mục Đào tạo, bồi dưỡng.');
    db.sqlite.prepare(`update qualifications set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(input.id);
    writeAudit(db, ctx, [{ action: 'delete', entity: 'qualification', entityId: input.id, cadreId: before.cadreId, oldValue: before }]);
    return getQualification(db, input.id);
  });
}

export function restoreQualification(db: AppDb, input: ParsedInput<'qualifications.restore'>, ctx: CallContext): Qualification {
  return inTransaction(db, () => {
    const before = getQualification(db, input.id);
    if (!before.deletedAt) return before;
    requireLiveCadre(db, before.cadreId);
    db.sqlite.prepare('update qualifications set deleted_at = null, version = version + 1 where id = ?').run(input.id);
    writeAudit(db, ctx, [{ action: 'restore', entity: 'qualification', entityId: input.id, cadreId: before.cadreId }]);
    return getQualification(db, input.id);
  });
}
