import type { AppDb } from '../../open';
import { inTransaction } from '../../open';
import type { CallContext } from '../../context';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import { COURSE_KINDS, ENROLMENT_STATUSES, STATE_FUNDING, type EnrolWarning, type EnrolmentRow, type RuleSetRow } from '../../../shared/api/training';
import { fail } from '../../../shared/api/envelope';
import { CADRE_STATUSES, type CadreStatus } from '../../../shared/domain/codes';
import { ageOn, formatVnDate, todayIso } from '../../../shared/domain/dates';
import { createBatch, diffEntries, writeAudit } from '../audit';
import { findCode } from '../codes';
import { NOW_SQL, applyEach, checkChanged, definedChanges, requireLiveCadre, throwIfErrors } from './common';
import { getCourse } from './courses';
import { commitmentEnd, listRuleSets, ruleSetFor } from './rules';
import { syncQualification } from './qualification-sync';

// Who is in which course; warnings before enrolling; the status flow whose completion earns the qualification.

const SELECT = `
  select e.id, e.version, e.course_id as courseId, e.cadre_id as cadreId, e.status, e.decision_no as decisionNo,
         e.decision_date as decisionDate, e.result, e.certificate_no as certificateNo, e.certificate_date as certificateDate,
         e.cost_vnd as costVnd, e.qualification_id as qualificationId, e.acknowledged_warnings as acknowledgedWarnings,
         e.note, e.deleted_at as deletedAt,
         p.full_name as cadreName, p.birth_date as cadreBirthDate, p.category as cadreCategory,
         (select a.unit_id from assignments a where a.cadre_id = e.cadre_id and a.deleted_at is null and a.from_date <= @today
             and (a.to_date is null or a.to_date >= @today) order by a.from_date desc, a.id desc limit 1) as cadreUnitId,
         c.name as courseName, c.kind as courseKind, c.start_date as courseStart, c.end_date as courseEnd,
         c.funding_source as fundingSource, c.qual_category as qualCategory, c.qual_level_key as qualLevelKey, pl.year as planYear
    from training_enrolments e
    join cadres p on p.id = e.cadre_id
    join training_courses c on c.id = e.course_id
    join training_plans pl on pl.id = c.plan_id`;

/** True for a course that earns a postgraduate degree (by its kind or by the level it leads to). */
export function isPostgraduateCourse(db: AppDb, c: { kind: string; qualCategory: string | null; qualLevelKey: string | null }): boolean {
  if (COURSE_KINDS[c.kind]?.group === 'postgraduate') return true;
  return !!(c.qualCategory && findCode(db, `level.${c.qualCategory}`, c.qualLevelKey)?.attrs.postgraduate);
}

/** A course whose graduates owe a service commitment: state-funded postgraduate study with known dates. */
export function carriesCommitment(db: AppDb, c: { kind: string; qualCategory: string | null; qualLevelKey: string | null; fundingSource: string | null }): boolean {
  return !!c.fundingSource && STATE_FUNDING.has(c.fundingSource) && isPostgraduateCourse(db, c);
}

export function commitmentOf(db: AppDb, rules: RuleSetRow[], r: { cadreCategory: string; courseKind: string; qualCategory: string | null; qualLevelKey: string | null; fundingSource: string | null; courseStart: string | null; courseEnd: string | null }) {
  if (!r.courseStart || !r.courseEnd || !carriesCommitment(db, { kind: r.courseKind, ...r })) return null;
  const rule = ruleSetFor(rules, r.cadreCategory, r.courseStart);
  if (!rule) return null;
  return { rule, end: commitmentEnd(r.courseStart, r.courseEnd, rule.commitmentMultiplier) };
}

export function listEnrolments(db: AppDb, opts: { courseId?: number; cadreId?: number; ids?: number[]; includeDeleted?: boolean }): EnrolmentRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { today: todayIso() };
  if (!opts.includeDeleted && !opts.ids) where.push('e.deleted_at is null');
  if (opts.courseId) (where.push('e.course_id = @courseId'), (params.courseId = opts.courseId));
  if (opts.cadreId) (where.push('e.cadre_id = @cadreId'), (params.cadreId = opts.cadreId));
  if (opts.ids) (where.push('e.id in (select value from json_each(@ids))'), (params.ids = JSON.stringify(opts.ids)));
  const rows = db.sqlite.prepare(`${SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by c.start_date desc, e.id`).all(params) as any[];
  const rules = listRuleSets(db);
  return rows.map(({ fundingSource, qualCategory, qualLevelKey, ...r }) => {
    const c = commitmentOf(db, rules, { ...r, fundingSource, qualCategory, qualLevelKey });
    const ok = c && r.status === 'completed';
    return {
      ...r,
      acknowledgedWarnings: r.acknowledgedWarnings ? JSON.parse(r.acknowledgedWarnings) : null,
      commitmentEnd: ok ? c.end : null,
      commitmentRule: ok ? c.rule.name : null,
    } as EnrolmentRow;
  });
}

function getEnrolment(db: AppDb, id: number): EnrolmentRow {
  const [e] = listEnrolments(db, { ids: [id] });
  if (!e) throw fail.notFound('học viên');
  return e;
}

// ---- Warnings before enrolling ------------------------------------------------------------------------------

interface CadreFacts {
  id: number;
  fullName: string;
  birthDate: string | null;
  category: string;
  deletedAt: string | null;
  status: string | null;
  statusDate: string | null;
}

export function checkEnrolment(db: AppDb, courseId: number, cadreIds: number[]): CallOutput<'training.enrolments.check'> {
  const course = getCourse(db, courseId);
  if (course.deletedAt) throw fail.validation(`Khoá "${course.name}" đã bị xoá.`);
  const today = todayIso();
  const on = course.startDate ?? today;
  const rules = listRuleSets(db);
  const postgraduate = isPostgraduateCourse(db, course);
  const targetLevel = course.qualCategory ? findCode(db, `level.${course.qualCategory}`, course.qualLevelKey) : undefined;
  const facts = db.sqlite.prepare(
    `select c.id, c.full_name as fullName, c.birth_date as birthDate, c.category, c.deleted_at as deletedAt,
            (select s.status from cadre_status_events s where s.cadre_id = c.id and s.effective_date <= @today order by s.effective_date desc, s.id desc limit 1) as status,
            (select s.effective_date from cadre_status_events s where s.cadre_id = c.id and s.effective_date <= @today order by s.effective_date desc, s.id desc limit 1) as statusDate
       from cadres c where c.id = @id`,
  );
  const liveInCourse = db.sqlite.prepare('select 1 from training_enrolments where course_id = ? and cadre_id = ? and deleted_at is null');
  const overlapping = db.sqlite.prepare(
    `select c.name, c.start_date as s, c.end_date as e, e.status from training_enrolments e join training_courses c on c.id = e.course_id
      where e.cadre_id = @cadreId and e.deleted_at is null and c.deleted_at is null and e.course_id <> @courseId
        and e.status not in ('withdrawn', 'not_completed')
        and c.start_date is not null and c.start_date <= @end and coalesce(c.end_date, c.start_date) >= @start`,
  );
  const qualsIn = db.sqlite.prepare(
    `select q.category, q.level_key as levelKey from qualifications q
      where q.cadre_id = ? and q.deleted_at is null and (q.award_date is null or q.award_date <= ?)`,
  );
  const warnings: EnrolWarning[] = [];
  const alreadyEnrolled: number[] = [];
  for (const cadreId of [...new Set(cadreIds)]) {
    const c = facts.get({ id: cadreId, today }) as CadreFacts | undefined;
    if (!c) throw fail.notFound('hồ sơ cán bộ');
    if (c.deletedAt) throw fail.validation(`Hồ sơ ${c.fullName} đã bị xoá; không ghi danh được.`);
    if (liveInCourse.get(courseId, cadreId)) {
      alreadyEnrolled.push(cadreId);
      continue;
    }
    if (c.status && c.status !== 'dang_cong_tac') {
      warnings.push({ cadreId, kind: 'left', message: `${c.fullName}: ${CADRE_STATUSES[c.status as CadreStatus]?.toLowerCase() ?? c.status} từ ${formatVnDate(c.statusDate)}.` });
    }
    if (course.startDate) {
      const o = overlapping.get({ cadreId, courseId, start: course.startDate, end: course.endDate ?? course.startDate }) as { name: string; s: string; e: string | null; status: string } | undefined;
      if (o) {
        warnings.push({ cadreId, kind: 'overlap', message: `${c.fullName}: trùng thời gian với khoá "${o.name}" (${formatVnDate(o.s)} – ${formatVnDate(o.e ?? o.s)}, ${ENROLMENT_STATUSES[o.status as keyof typeof ENROLMENT_STATUSES]?.toLowerCase()}).` });
      }
    }
    const quals = qualsIn.all(cadreId, on) as { category: string; levelKey: string }[];
    if (targetLevel && course.qualCategory) {
      const has = quals.some((q) => q.category === course.qualCategory && (findCode(db, `level.${q.category}`, q.levelKey)?.rank ?? -1) >= targetLevel.rank);
      if (has) warnings.push({ cadreId, kind: 'qualified', message: `${c.fullName}: đã có trình độ ${targetLevel.name.toLowerCase()} hoặc cao hơn.` });
    }
    if (postgraduate && c.birthDate) {
      const rule = ruleSetFor(rules, c.category, on);
      const hadPostgraduate = quals.some((q) => q.category === 'chuyen_mon' && findCode(db, 'level.chuyen_mon', q.levelKey)?.attrs.postgraduate);
      const limit = hadPostgraduate ? rule?.laterPostgradAgeLimit : rule?.firstPostgradAgeLimit;
      const age = ageOn(c.birthDate, on);
      if (rule && limit && age !== null && age > limit) {
        warnings.push({
          cadreId,
          kind: 'age',
          message: `${c.fullName}: ${age} tuổi khi bắt đầu khoá học, quá ${limit} tuổi cho lần đào tạo sau đại học ${hadPostgraduate ? 'tiếp theo' : 'đầu tiên'} (${rule.name}).`,
        });
      }
    }
  }
  return { warnings, alreadyEnrolled };
}

// ---- Changes ------------------------------------------------------------------------------------------------

function checkEnrolmentFields(e: EnrolmentRow): void {
  const errors: Record<string, string> = {};
  if (e.status === 'nominated' && !e.decisionNo) errors.status = `Cần nhập số quyết định cử đi học trước khi chuyển sang "${ENROLMENT_STATUSES.nominated}".`;
  if (e.certificateDate && e.courseStart && e.certificateDate < e.courseStart) errors.certificateDate = `Ngày cấp văn bằng phải sau ngày bắt đầu khoá học (${formatVnDate(e.courseStart)}).`;
  if (e.certificateDate && e.certificateDate > todayIso()) errors.certificateDate = 'Ngày cấp văn bằng không thể ở tương lai.';
  if ((e.certificateNo || e.certificateDate) && e.status !== 'completed') errors.certificateNo = 'Chỉ học viên đã hoàn thành mới có số, ngày văn bằng; hãy xoá số và ngày văn bằng trước khi đổi trạng thái.';
  throwIfErrors(errors);
}

export function createEnrolments(db: AppDb, input: ParsedInput<'training.enrolments.create'>, ctx: CallContext): CallOutput<'training.enrolments.create'> {
  return inTransaction(db, () => {
    const check = checkEnrolment(db, input.courseId, input.cadreIds);
    if (check.warnings.length && !input.acknowledgeWarnings) {
      const people = new Set(check.warnings.map((w) => w.cadreId)).size;
      throw fail.validation(`Có ${check.warnings.length} cảnh báo cho ${people} người chưa được xác nhận: ${check.warnings[0].message}`, { acknowledgeWarnings: 'Hãy xem và xác nhận các cảnh báo.' });
    }
    if (input.status === 'nominated' && !input.decisionNo) throw fail.validation('Cần số quyết định cử đi học.', { decisionNo: 'Cần số quyết định cử đi học.' });
    const course = getCourse(db, input.courseId);
    const batchId = input.cadreIds.length > 1 ? createBatch(db, ctx, 'edit', `Ghi danh ${input.cadreIds.length} người vào khoá "${course.name}"`) : null;
    const insert = db.sqlite.prepare(
      'insert into training_enrolments (course_id, cadre_id, status, decision_no, decision_date, acknowledged_warnings) values (?, ?, ?, ?, ?, ?)',
    );
    const skip = new Set(check.alreadyEnrolled);
    const createdIds: number[] = [];
    for (const cadreId of [...new Set(input.cadreIds)]) {
      if (skip.has(cadreId)) continue;
      const acknowledged = check.warnings.filter((w) => w.cadreId === cadreId).map((w) => w.message);
      const id = Number(insert.run(input.courseId, cadreId, input.status, input.decisionNo ?? null, input.decisionDate ?? null, acknowledged.length ? JSON.stringify(acknowledged) : null).lastInsertRowid);
      createdIds.push(id);
      writeAudit(db, ctx, [{ action: 'create', entity: 'training_enrolment', entityId: id, cadreId, newValue: { course: course.name, status: input.status, acknowledgedWarnings: acknowledged } }], batchId);
    }
    return {
      created: listEnrolments(db, { ids: createdIds }),
      skipped: check.alreadyEnrolled.map((cadreId) => ({ cadreId, reason: `Đã có trong khoá "${course.name}".` })),
    };
  });
}

const FIELDS = ['status', 'decisionNo', 'decisionDate', 'result', 'certificateNo', 'certificateDate', 'costVnd', 'note'] as const;

function applyUpdate(db: AppDb, ctx: CallContext, item: ParsedInput<'training.enrolments.update'>, batchId: number | null): void {
  const before = getEnrolment(db, item.id);
  if (before.deletedAt) throw fail.validation(`Học viên ${before.cadreName} đã bị xoá khỏi khoá; hãy khôi phục trước khi sửa.`);
  if (before.version !== item.version) throw fail.conflict(before);
  requireLiveCadre(db, before.cadreId);
  const changes = definedChanges(item.changes);
  const after = { ...before, ...changes } as EnrolmentRow;
  checkChanged(Object.keys(changes), () => checkEnrolmentFields(after));
  const entries = diffEntries('training_enrolment', item.id, before.cadreId, before, after, [...FIELDS]);
  if (!entries.length) return;
  db.sqlite
    .prepare(`update training_enrolments set status = ?, decision_no = ?, decision_date = ?, result = ?, certificate_no = ?, certificate_date = ?,
       cost_vnd = ?, note = ?, version = version + 1, updated_at = ${NOW_SQL} where id = ?`)
    .run(after.status, after.decisionNo, after.decisionDate, after.result, after.certificateNo, after.certificateDate, after.costVnd, after.note, item.id);
  writeAudit(db, ctx, entries, batchId);
  checkChanged(Object.keys(changes), () => syncQualification(db, ctx, item.id, batchId));
}

export function updateEnrolment(db: AppDb, input: ParsedInput<'training.enrolments.update'>, ctx: CallContext): EnrolmentRow {
  return inTransaction(db, () => {
    applyUpdate(db, ctx, input, null);
    return getEnrolment(db, input.id);
  });
}

export function bulkUpdateEnrolments(db: AppDb, input: ParsedInput<'training.enrolments.bulkUpdate'>, ctx: CallContext): EnrolmentRow[] {
  return inTransaction(db, () => {
    const batchId = createBatch(db, ctx, input.kind, `Học viên: sửa ${input.items.length} dòng`);
    applyEach(input.items, (item) => applyUpdate(db, ctx, item, batchId));
    return listEnrolments(db, { ids: input.items.map((i) => i.id) });
  });
}

/** Removing someone from a course also withdraws the qualification their completion created. */
export function deleteEnrolments(db: AppDb, input: ParsedInput<'training.enrolments.delete'>, ctx: CallContext): EnrolmentRow[] {
  return inTransaction(db, () => {
    const batchId = input.ids.length > 1 ? createBatch(db, ctx, 'delete', `Xoá ${input.ids.length} học viên khỏi khoá học`) : null;
    for (const id of input.ids) {
      const e = getEnrolment(db, id);
      if (e.deletedAt) continue;
      db.sqlite.prepare(`update training_enrolments set deleted_at = ${NOW_SQL}, version = version + 1 where id = ?`).run(id);
      writeAudit(db, ctx, [{ action: 'delete', entity: 'training_enrolment', entityId: id, cadreId: e.cadreId, oldValue: { course: e.courseName, status: e.status } }], batchId);
      syncQualification(db, ctx, id, batchId);
    }
    return listEnrolments(db, { ids: input.ids });
  });
}

export function restoreEnrolments(db: AppDb, input: ParsedInput<'training.enrolments.restore'>, ctx: CallContext): EnrolmentRow[] {
  return inTransaction(db, () => {
    for (const id of input.ids) {
      const e = getEnrolment(db, id);
      if (!e.deletedAt) continue;
      if (db.sqlite.prepare('select 1 from training_enrolments where course_id = ? and cadre_id = ? and deleted_at is null').get(e.courseId, e.cadreId)) {
        throw fail.validation(`${e.cadreName} đã có trong khoá "${e.courseName}".`);
      }
      db.sqlite.prepare('update training_enrolments set deleted_at = null, version = version + 1 where id = ?').run(id);
      writeAudit(db, ctx, [{ action: 'restore', entity: 'training_enrolment', entityId: id, cadreId: e.cadreId }]);
      syncQualification(db, ctx, id, null);
    }
    return listEnrolments(db, { ids: input.ids });
  });
}

