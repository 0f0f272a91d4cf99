import type { AppDb } from '../../open';
import { inTransaction } from '../../open';
import type { CallContext } from '../../context';
import type { ParsedInput } from '../../../shared/api/contract';
import { PLAN_STATUSES, type PlanFields, type PlanRow } from '../../../shared/api/training';
import { fail } from '../../../shared/api/envelope';
import { createBatch, diffEntries, writeAudit } from '../audit';
import { NOW_SQL, applyEach, checkChanged, definedChanges, throwIfErrors } from './common';
import { SEAT_LIST_SQL } from './courses';

// Yearly plans, with plan vs actual over their courses.

const SELECT = `
  select p.id, p.version, p.year, p.name, p.issuing_unit_id as issuingUnitId, p.status, p.decision_no as decisionNo,
         p.decision_date as decisionDate, p.note, p.deleted_at as deletedAt,
         count(c.id) as courseCount,
         coalesce(sum(c.planned_seats), 0) as plannedSeats,
         coalesce(sum(s.filled), 0) as filledSeats,
         coalesce(sum(s.completed), 0) as completed,
         coalesce(sum(c.budget_vnd), 0) as budgetVnd,
         coalesce(sum(c.spent_vnd), 0) as spentVnd
    from training_plans p
    left join training_courses c on c.plan_id = p.id and c.deleted_at is null
    left join (
      select course_id,
             sum(case when status in (${SEAT_LIST_SQL}) then 1 else 0 end) as filled,
             sum(case when status = 'completed' then 1 else 0 end) as completed
        from training_enrolments where deleted_at is null group by course_id
    ) s on s.course_id = c.id`;

export function listPlans(db: AppDb, opts: { includeDeleted?: boolean; ids?: number[] } = {}): PlanRow[] {
  const where: string[] = [];
  if (!opts.includeDeleted && !opts.ids) where.push('p.deleted_at is null');
  if (opts.ids) where.push(`p.id in (select value from json_each(@ids))`);
  return db.sqlite
    .prepare(`${SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} group by p.id order by p.year desc, p.id desc`)
    .all(opts.ids ? { ids: JSON.stringify(opts.ids) } : {}) as PlanRow[];
}

export function getPlan(db: AppDb, id: number): PlanRow {
  const [p] = listPlans(db, { ids: [id] });
  if (!p) throw fail.notFound('kế hoạch đào tạo');
  return p;
}

function checkPlan(db: AppDb, p: PlanFields): void {
  const errors: Record<string, string> = {};
  if (p.issuingUnitId && !db.sqlite.prepare('select 1 from units where id = ? and deleted_at is null').get(p.issuingUnitId)) {
    errors.issuingUnitId = 'Đơn vị ban hành không tồn tại.';
  }
  if (p.status === 'approved' && (!p.decisionNo || !p.decisionDate)) {
    errors.status = `Cần nhập số và ngày quyết định phê duyệt trước khi chuyển sang "${PLAN_STATUSES.approved}".`;
  }
  if (p.decisionDate && Number(p.decisionDate.slice(0, 4)) > p.year + 1) {
    errors.decisionDate = `Ngày quyết định (${p.decisionDate.slice(0, 4)}) không khớp với năm kế hoạch ${p.year}.`;
  }
  throwIfErrors(errors);
}

const FIELDS = ['year', 'name', 'issuingUnitId', 'status', 'decisionNo', 'decisionDate', 'note'] as const;

function write(db: AppDb, id: number, p: PlanFields): void {
  db.sqlite
    .prepare(`update training_plans set year = ?, name = ?, issuing_unit_id = ?, status = ?, decision_no = ?, decision_date = ?, note = ?,
       version = version + 1, updated_at = ${NOW_SQL} where id = ?`)
    .run(p.year, p.name, p.issuingUnitId ?? null, p.status, p.decisionNo ?? null, p.decisionDate ?? null, p.note ?? null, id);
}

export function createPlan(db: AppDb, input: ParsedInput<'training.plans.create'>, ctx: CallContext): PlanRow {
  return inTransaction(db, () => {
    checkPlan(db, input.fields);
    const f = input.fields;
    const id = Number(
      db.sqlite
        .prepare('insert into training_plans (year, name, issuing_unit_id, status, decision_no, decision_date, note) values (?, ?, ?, ?, ?, ?, ?)')
        .run(f.year, f.name, f.issuingUnitId ?? null, f.status, f.decisionNo ?? null, f.decisionDate ?? null, f.note ?? null).lastInsertRowid,
    );
    writeAudit(db, ctx, [{ action: 'create', entity: 'training_plan', entityId: id, newValue: f }]);
    return getPlan(db, id);
  });
}

function applyUpdate(db: AppDb, ctx: CallContext, item: ParsedInput<'training.plans.update'>, batchId: number | null): void {
  const before = getPlan(db, item.id);
  if (before.deletedAt) throw fail.validation(`Kế hoạch "${before.name}" đã bị xoá; hãy khôi phục trước khi sửa.`);
  if (before.version !== item.version) throw fail.conflict(before);
  const changes = definedChanges(item.changes);
  const after = { ...before, ...changes } as PlanRow;
  checkChanged(Object.keys(changes), () => checkPlan(db, after as PlanFields));
  const entries = diffEntries('training_plan', item.id, null, before, after, [...FIELDS]);
  if (!entries.length) return;
  write(db, item.id, after as PlanFields);
  writeAudit(db, ctx, entries, batchId);
}

export function updatePlan(db: AppDb, input: ParsedInput<'training.plans.update'>, ctx: CallContext): PlanRow {
  return inTransaction(db, () => {
    applyUpdate(db, ctx, input, null);
    return getPlan(db, input.id);
  });
}

export function bulkUpdatePlans(db: AppDb, input: ParsedInput<'training.plans.bulkUpdate'>, ctx: CallContext): PlanRow[] {
  return inTransaction(db, () => {
    const batchId = createBatch(db, ctx, input.kind, `Kế hoạch đào tạo: sửa ${input.items.length} dòng`);
    applyEach(input.items, (item) => applyUpdate(db, ctx, item, batchId));
    return listPlans(db, { ids: input.items.map((i) => i.id) });
  });
}

export function deletePlans(db: AppDb, input: ParsedInput<'training.plans.delete'>, ctx: CallContext): PlanRow[] {
  return inTransaction(db, () => {
    for (const id of input.ids) {
      const p = getPlan(db, id);
      if (p.deletedAt) continue;
      if (p.courseCount > 0) throw fail.validation(`Kế hoạch "${p.name}" còn ${p.courseCount} khoá học; hãy xoá các khoá học trước.`);
      db.sqlite.prepare(`update training_plans set deleted_at = ${NOW_SQL}, version = version + 1 where id = ?`).run(id);
      writeAudit(db, ctx, [{ action: 'delete', entity: 'training_plan', entityId: id, oldValue: p.name }]);
    }
    return listPlans(db, { ids: input.ids });
  });
}

export function restorePlans(db: AppDb, input: ParsedInput<'training.plans.restore'>, ctx: CallContext): PlanRow[] {
  return inTransaction(db, () => {
    for (const id of input.ids) {
      const p = getPlan(db, id);
      if (!p.deletedAt) continue;
      db.sqlite.prepare('update training_plans set deleted_at = null, version = version + 1 where id = ?').run(id);
      writeAudit(db, ctx, [{ action: 'restore', entity: 'training_plan', entityId: id, newValue: p.name }]);
    }
    return listPlans(db, { ids: input.ids });
  });
}
