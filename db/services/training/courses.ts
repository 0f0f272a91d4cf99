import type { AppDb } from '../../open';
import { inTransaction } from '../../open';
import type { CallContext } from '../../context';
import type { ParsedInput } from '../../../shared/api/contract';
import { COURSE_KINDS, SEAT_STATUSES, type CourseFields, type CourseRow } from '../../../shared/api/training';
import { fail } from '../../../shared/api/envelope';
import { QUALIFICATION_CATEGORIES, isKeyOf } from '../../../shared/domain/codes';
import { formatVnDate } from '../../../shared/domain/dates';
import { createBatch, diffEntries, writeAudit } from '../audit';
import { findCode } from '../codes';
import { NOW_SQL, applyEach, checkChanged, definedChanges, throwIfErrors } from './common';
import { syncQualification } from './qualification-sync';

// Courses in a plan, with their seats filled and completions.

export const SEAT_LIST_SQL = [...SEAT_STATUSES].map((s) => `'${s}'`).join(', ');

const SELECT = `
  select c.id, c.version, c.plan_id as planId, c.name, c.kind, c.qual_category as qualCategory, c.qual_level_key as qualLevelKey,
         c.institution, c.location, c.mode, c.start_date as startDate, c.end_date as endDate, c.planned_seats as plannedSeats,
         c.budget_vnd as budgetVnd, c.spent_vnd as spentVnd, c.funding_source as fundingSource, c.note, c.deleted_at as deletedAt,
         coalesce(s.enrolled, 0) as enrolled, coalesce(s.filled, 0) as filledSeats, coalesce(s.completed, 0) as completed
    from training_courses c
    left join (
      select course_id, count(*) as enrolled,
             sum(case when status in (${SEAT_LIST_SQL}) then 1 else 0 end) as filled,
             sum(case when status = 'completed' then 1 else 0 end) as completed
        from training_enrolments where deleted_at is null group by course_id
    ) s on s.course_id = c.id`;

export function listCourses(db: AppDb, opts: { planId?: number; includeDeleted?: boolean; ids?: number[] } = {}): CourseRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (!opts.includeDeleted && !opts.ids) where.push('c.deleted_at is null');
  if (opts.planId) (where.push('c.plan_id = @planId'), (params.planId = opts.planId));
  if (opts.ids) (where.push('c.id in (select value from json_each(@ids))'), (params.ids = JSON.stringify(opts.ids)));
  return db.sqlite
    .prepare(`${SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by c.start_date is null, c.start_date, c.id`)
    .all(params) as CourseRow[];
}

export function getCourse(db: AppDb, id: number): CourseRow {
  const [c] = listCourses(db, { ids: [id] });
  if (!c) throw fail.notFound('khoá học');
  return c;
}

function checkCourse(db: AppDb, c: CourseFields): void {
  const errors: Record<string, string> = {};
  const plan = db.sqlite.prepare('select name, deleted_at as deletedAt from training_plans where id = ?').get(c.planId) as { name: string; deletedAt: string | null } | undefined;
  if (!plan) errors.planId = 'Kế hoạch không tồn tại.';
  else if (plan.deletedAt) errors.planId = `Kế hoạch "${plan.name}" đã bị xoá.`;
  if (c.startDate && c.endDate && c.endDate < c.startDate) errors.endDate = `Ngày kết thúc phải sau ngày bắt đầu (${formatVnDate(c.startDate)}).`;
  if (!!c.qualCategory !== !!c.qualLevelKey) errors.qualLevelKey = 'Trình độ đạt được cần đủ loại và mức trình độ.';
  else if (c.qualCategory) {
    if (!isKeyOf(QUALIFICATION_CATEGORIES, c.qualCategory)) errors.qualLevelKey = 'Loại trình độ không hợp lệ.';
    else if (!findCode(db, `level.${c.qualCategory}`, c.qualLevelKey)) {
      errors.qualLevelKey = `Trình độ "${c.qualLevelKey}" không có trong danh mục ${QUALIFICATION_CATEGORIES[c.qualCategory].toLowerCase()}.`;
    }
  }
  throwIfErrors(errors);
}

const FIELDS = ['name', 'kind', 'qualCategory', 'qualLevelKey', 'institution', 'location', 'mode', 'startDate', 'endDate', 'plannedSeats', 'budgetVnd', 'spentVnd', 'fundingSource', 'note'] as const;

function write(db: AppDb, id: number, c: CourseFields): void {
  const params: Record<string, unknown> = { id };
  for (const f of FIELDS) params[f] = (c as Record<string, unknown>)[f] ?? null;
  db.sqlite
    .prepare(`update training_courses set name = @name, kind = @kind, qual_category = @qualCategory, qual_level_key = @qualLevelKey,
       institution = @institution, location = @location, mode = @mode, start_date = @startDate, end_date = @endDate,
       planned_seats = @plannedSeats, budget_vnd = @budgetVnd, spent_vnd = @spentVnd, funding_source = @fundingSource, note = @note,
       version = version + 1, updated_at = ${NOW_SQL} where id = @id`)
    .run(params);
}

export function createCourse(db: AppDb, input: ParsedInput<'training.courses.create'>, ctx: CallContext): CourseRow {
  return inTransaction(db, () => {
    const f = { ...input.fields };
    // A kind usually leads to one qualification; fill it in unless the clerk said otherwise.
    const leadsTo = COURSE_KINDS[f.kind]?.leadsTo;
    if (f.qualCategory === undefined && f.qualLevelKey === undefined && leadsTo) {
      f.qualCategory = leadsTo.category;
      f.qualLevelKey = leadsTo.levelKey;
    }
    checkCourse(db, f);
    // Results still come in after a plan is closed, but new courses belong in an open plan.
    const plan = db.sqlite.prepare('select name, status from training_plans where id = ?').get(f.planId) as { name: string; status: string };
    if (plan.status === 'closed') throw fail.validation(`Kế hoạch "${plan.name}" đã kết thúc; không thêm khoá học mới được.`, { planId: 'Kế hoạch đã kết thúc.' });
    const id = Number(db.sqlite.prepare(`insert into training_courses (plan_id, name, kind) values (?, ?, ?)`).run(f.planId, f.name, f.kind).lastInsertRowid);
    write(db, id, f);
    db.sqlite.prepare('update training_courses set version = 1 where id = ?').run(id);
    writeAudit(db, ctx, [{ action: 'create', entity: 'training_course', entityId: id, newValue: f }]);
    return getCourse(db, id);
  });
}

function applyUpdate(db: AppDb, ctx: CallContext, item: ParsedInput<'training.courses.update'>, batchId: number | null): void {
  const before = getCourse(db, item.id);
  if (before.deletedAt) throw fail.validation(`Khoá "${before.name}" đã bị xoá; hãy khôi phục trước khi sửa.`);
  if (before.version !== item.version) throw fail.conflict(before);
  const changes = definedChanges(item.changes);
  // Changing the kind moves the qualification along when it was still the old kind's default (or empty).
  if (changes.kind && changes.kind !== before.kind && changes.qualCategory === undefined && changes.qualLevelKey === undefined) {
    const oldDefault = COURSE_KINDS[before.kind]?.leadsTo;
    const isDefault = !before.qualCategory || (oldDefault && oldDefault.category === before.qualCategory && oldDefault.levelKey === before.qualLevelKey);
    if (isDefault) {
      const next = COURSE_KINDS[changes.kind]?.leadsTo;
      changes.qualCategory = next?.category ?? null;
      changes.qualLevelKey = next?.levelKey ?? null;
    }
  }
  const after = { ...before, ...changes } as CourseRow;
  checkChanged(Object.keys(changes), () => checkCourse(db, after as CourseFields));
  const entries = diffEntries('training_course', item.id, null, before, after, [...FIELDS]);
  if (!entries.length) return;
  write(db, item.id, after as CourseFields);
  writeAudit(db, ctx, entries, batchId);
  // Qualifications earned in this course follow its level, institution and end date.
  const completed = db.sqlite.prepare(`select id from training_enrolments where course_id = ? and deleted_at is null and status = 'completed'`).all(item.id) as { id: number }[];
  checkChanged(Object.keys(changes), () => completed.forEach((e) => syncQualification(db, ctx, e.id, batchId)));
}

export function updateCourse(db: AppDb, input: ParsedInput<'training.courses.update'>, ctx: CallContext): CourseRow {
  return inTransaction(db, () => {
    applyUpdate(db, ctx, input, null);
    return getCourse(db, input.id);
  });
}

export function bulkUpdateCourses(db: AppDb, input: ParsedInput<'training.courses.bulkUpdate'>, ctx: CallContext): CourseRow[] {
  return inTransaction(db, () => {
    const batchId = createBatch(db, ctx, input.kind, `Khoá học: sửa ${input.items.length} dòng`);
    applyEach(input.items, (item) => applyUpdate(db, ctx, item, batchId));
    return listCourses(db, { ids: input.items.map((i) => i.id) });
  });
}

export function deleteCourses(db: AppDb, input: ParsedInput<'training.courses.delete'>, ctx: CallContext): CourseRow[] {
  return inTransaction(db, () => {
    for (const id of input.ids) {
      const c = getCourse(db, id);
      if (c.deletedAt) continue;
      if (c.enrolled > 0) throw fail.validation(`Khoá "${c.name}" còn ${c.enrolled} học viên; hãy xoá học viên trước khi xoá khoá học.`);
      db.sqlite.prepare(`update training_courses set deleted_at = ${NOW_SQL}, version = version + 1 where id = ?`).run(id);
      writeAudit(db, ctx, [{ action: 'delete', entity: 'training_course', entityId: id, oldValue: c.name }]);
    }
    return listCourses(db, { ids: input.ids });
  });
}

export function restoreCourses(db: AppDb, input: ParsedInput<'training.courses.restore'>, ctx: CallContext): CourseRow[] {
  return inTransaction(db, () => {
    for (const id of input.ids) {
      const c = getCourse(db, id);
      if (!c.deletedAt) continue;
      const plan = db.sqlite.prepare('select deleted_at as d from training_plans where id = ?').get(c.planId) as { d: string | null };
      if (plan.d) throw fail.validation(`Kế hoạch của khoá "${c.name}" đã bị xoá; hãy khôi phục kế hoạch trước.`);
      db.sqlite.prepare('update training_courses set deleted_at = null, version = version + 1 where id = ?').run(id);
      writeAudit(db, ctx, [{ action: 'restore', entity: 'training_course', entityId: id, newValue: c.name }]);
    }
    return listCourses(db, { ids: input.ids });
  });
}
