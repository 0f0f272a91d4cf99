import type { AppDb } from '../../open';
import { DROPOUT_STATUSES, LEAVING_STATUSES, type CommitmentRow } from '../../../shared/api/training';
import { CADRE_STATUSES, type CadreStatus } from '../../../shared/domain/codes';
import { formatVnDate, todayIso } from '../../../shared/domain/dates';
import { commitmentOf } from './enrolments';
import { listRuleSets } from './rules';

// Service commitments after state-funded postgraduate study, and who broke one: a dropout after being sent
// (a decision exists), or leaving service (retirement, transfer, dismissal) before the commitment's last day.

const LEAVING_SQL = [...LEAVING_STATUSES].map((s) => `'${s}'`).join(', ');

export function listCommitments(db: AppDb, opts: { onDate?: string; cadreId?: number } = {}): CommitmentRow[] {
  const onDate = opts.onDate ?? todayIso();
  const rows = db.sqlite
    .prepare(
      `select e.id as enrolmentId, e.cadre_id as cadreId, p.full_name as cadreName, p.category as cadreCategory,
              (select a.unit_id from assignments a where a.cadre_id = e.cadre_id and a.deleted_at is null and a.from_date <= @d
                  and (a.to_date is null or a.to_date >= @d) order by a.from_date desc, a.id desc limit 1) as cadreUnitId,
              c.id as courseId, c.name as courseName, c.kind as courseKind, c.start_date as courseStart, c.end_date as courseEnd,
              c.funding_source as fundingSource, c.qual_category as qualCategory, c.qual_level_key as qualLevelKey,
              e.status as enrolmentStatus, e.decision_no as decisionNo, e.cost_vnd as costVnd
         from training_enrolments e
         join cadres p on p.id = e.cadre_id and p.deleted_at is null
         join training_courses c on c.id = e.course_id and c.deleted_at is null
        where e.deleted_at is null and e.status <> 'proposed' ${opts.cadreId ? 'and e.cadre_id = @cadreId' : ''}
        order by c.end_date, p.full_name`,
    )
    .all({ d: onDate, cadreId: opts.cadreId ?? null }) as any[];
  const leaving = db.sqlite.prepare(
    `select status, effective_date as date from cadre_status_events
      where cadre_id = ? and status in (${LEAVING_SQL}) and effective_date >= ? and effective_date <= ?
      order by effective_date, id limit 1`,
  );
  const rules = listRuleSets(db);
  const out: CommitmentRow[] = [];
  for (const r of rows) {
    const c = commitmentOf(db, rules, r);
    if (!c) continue;
    const dropout = DROPOUT_STATUSES.has(r.enrolmentStatus);
    // Someone withdrawn before a decision sent them was never funded.
    if (dropout && !r.decisionNo) continue;
    const left = leaving.get(r.cadreId, r.courseStart, c.end < onDate ? c.end : onDate) as { status: string; date: string } | undefined;
    if (!dropout && r.enrolmentStatus !== 'completed' && !left) continue;
    let state: CommitmentRow['state'];
    let reason: string | null = null;
    if (dropout) {
      state = 'reimburse';
      reason = r.enrolmentStatus === 'withdrawn' ? 'Bỏ học sau khi có quyết định cử đi học' : 'Không hoàn thành khoá học';
    } else if (left) {
      state = 'reimburse';
      const what = CADRE_STATUSES[left.status as CadreStatus] ?? left.status;
      reason = `${what} ngày ${formatVnDate(left.date)}, trước khi hết thời gian cam kết (${formatVnDate(c.end)})`;
    } else state = c.end < onDate ? 'fulfilled' : 'open';
    out.push({
      enrolmentId: r.enrolmentId,
      cadreId: r.cadreId,
      cadreName: r.cadreName,
      cadreUnitId: r.cadreUnitId,
      courseId: r.courseId,
      courseName: r.courseName,
      courseStart: r.courseStart,
      courseEnd: r.courseEnd,
      enrolmentStatus: r.enrolmentStatus,
      ruleName: c.rule.name,
      multiplier: c.rule.commitmentMultiplier,
      commitmentEnd: c.end,
      leftStatus: left?.status ?? null,
      leftDate: left?.date ?? null,
      state,
      reason,
      costVnd: r.costVnd,
    });
  }
  return out;
}
