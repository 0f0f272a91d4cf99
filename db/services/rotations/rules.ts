import type { AppDb } from '../../open';
import type { Rule, RuleSet, RuleWarning } from '../../../shared/api/rotations';
import { addDays, addMonths, formatVnDate, monthsBetween, partialDateStart } from '../../../shared/domain/dates';
import { findCode } from '../codes';
import { CADRE_STATUSES } from '../../../shared/domain/codes';

// The rotation checks. Hard errors (refused): an end before its start, two rotations of one cadre overlapping.
// Warnings (may be overridden with a stored reason): the rules of the rule set in force on the start date.

/** What the checks need to know about a rotation, new or changed. */
export interface RotationDraft {
  id?: number;
  cadreId: number;
  type: string;
  fromPositionCode: string | null;
  toUnitId: number | null;
  toPositionCode: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  status: string;
}

/** Only luân chuyển is governed by the rotation regulations; điều động and biệt phái follow other rules. */
const RULED_TYPES = new Set(['luan_chuyen']);

export function effectiveStart(d: { plannedStart: string | null; actualStart: string | null }): string | null {
  return d.actualStart ?? d.plannedStart;
}
export function effectiveEnd(d: { plannedEnd: string | null; actualEnd: string | null; status?: string }): string | null {
  return d.actualEnd ?? d.plannedEnd;
}

const toRuleSet = (r: any): RuleSet => ({ ...r, rules: JSON.parse(r.rules) as Rule[] });
const SELECT_RULE_SET = `select id, version, code, name, valid_from as validFrom, valid_to as validTo, rules, note from rotation_rule_sets where deleted_at is null`;

export function listRuleSets(db: AppDb): RuleSet[] {
  return (db.sqlite.prepare(`${SELECT_RULE_SET} order by valid_from`).all() as any[]).map(toRuleSet);
}

/** The rule set in force on a date; when several are (an overlap in the data), the most recent one wins. */
export function ruleSetOn(db: AppDb, date: string): RuleSet | null {
  const r = db.sqlite
    .prepare(`${SELECT_RULE_SET} and valid_from <= ? and (valid_to is null or valid_to >= ?) order by valid_from desc, id desc limit 1`)
    .get(date, date);
  return r ? toRuleSet(r) : null;
}

/** Retirement date (first day of retirement age) by sex and birth date from the schedule; null if unknown. */
export function retirementDate(db: AppDb, sex: string, birthDate: string | null): string | null {
  if (!birthDate) return null;
  const birth = partialDateStart(birthDate);
  const month = birth.slice(0, 7);
  const band = db.sqlite
    .prepare(
      `select age_years as y, age_months as m from retirement_age_schedule
        where sex = ? and (born_from is null or born_from <= ?) and (born_to is null or born_to >= ?)
        order by born_from desc limit 1`,
    )
    .get(sex, month, month) as { y: number; m: number } | undefined;
  if (!band) return null;
  return addMonths(birth, band.y * 12 + band.m);
}

/** Hard errors, field -> Vietnamese message. */
export function hardErrors(db: AppDb, d: RotationDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (d.plannedStart && d.plannedEnd && d.plannedEnd < d.plannedStart) {
    errors.plannedEnd = 'Ngày kết thúc dự kiến phải sau ngày bắt đầu dự kiến.';
  }
  if (d.actualStart && d.actualEnd && d.actualEnd < d.actualStart) {
    errors.actualEnd = 'Ngày kết thúc thực tế phải sau ngày bắt đầu thực tế.';
  }
  if (d.status === 'cancelled') return errors;
  const start = effectiveStart(d);
  const end = effectiveEnd(d);
  if (start && !errors.plannedEnd && !errors.actualEnd) {
    const other = db.sqlite
      .prepare(
        `select r.id, coalesce(r.actual_start, r.planned_start) as s, coalesce(r.actual_end, r.planned_end) as e, u.name as unitName
           from rotations r join units u on u.id = r.to_unit_id
          where r.cadre_id = ? and r.id <> ? and r.deleted_at is null and r.status <> 'cancelled'
            and coalesce(r.actual_start, r.planned_start) <= ?
            and (coalesce(r.actual_end, r.planned_end) is null or coalesce(r.actual_end, r.planned_end) >= ?)
          order by s limit 1`,
      )
      .get(d.cadreId, d.id ?? -1, end ?? '9999-12-31', start) as { id: number; s: string; e: string | null; unitName: string } | undefined;
    if (other) {
      const msg = `Trùng thời gian với đợt luân chuyển đến ${other.unitName} (${formatVnDate(other.s)} - ${other.e ? formatVnDate(other.e) : 'chưa xác định'}).`;
      errors[d.actualStart ? 'actualStart' : 'plannedStart'] = msg;
    }
  }
  if (start && d.status !== 'ended') {
    // Only someone still working can be rotated: a status event (retired, moved out...) on or before the start ends that.
    const st = db.sqlite
      .prepare(`select status, effective_date as d from cadre_status_events where cadre_id = ? and effective_date <= ? order by effective_date desc, id desc limit 1`)
      .get(d.cadreId, start) as { status: string; d: string } | undefined;
    if (st && st.status !== 'dang_cong_tac') {
      errors.cadreId = `Cán bộ không còn công tác từ ${formatVnDate(st.d)} (${CADRE_STATUSES[st.status as keyof typeof CADRE_STATUSES] ?? st.status}); không thể luân chuyển từ ${formatVnDate(start)}.`;
    }
  }
  if (d.toUnitId !== null) {
    const unit = db.sqlite.prepare('select name, valid_from as f, valid_to as t from units where id = ? and deleted_at is null').get(d.toUnitId) as
      | { name: string; f: string | null; t: string | null }
      | undefined;
    if (!unit) errors.toUnitId = 'Đơn vị nơi đến không tồn tại.';
    else if (start && ((unit.f && start < unit.f) || (unit.t && start > unit.t))) {
      errors.toUnitId = `${unit.name} không hoạt động vào ngày ${formatVnDate(start)}.`;
    }
  }
  for (const field of ['fromPositionCode', 'toPositionCode'] as const) {
    if (d[field] && !findCode(db, 'position', d[field])) errors[field] = 'Chức vụ không có trong danh mục.';
  }
  return errors;
}

type RuleCheck = (db: AppDb, d: RotationDraft, rule: Rule, ctx: { start: string; end: string | null; setCode: string }) => RuleWarning | null;

const RULE_CHECKS: Record<Rule['kind'], RuleCheck> = {
  min_months: (_db, _d, rule, { start, end, setCode }) => {
    if (!end || rule.value === null || rule.value === undefined) return null;
    // End dates are inclusive: 01/01/2025 - 31/12/2027 is 36 full months.
    const months = monthsBetween(start, addDays(end, 1));
    if (months >= rule.value) return null;
    return { ruleSet: setCode, rule: rule.kind, field: 'plannedEnd', message: `${setCode}: thời gian luân chuyển ${months} tháng, dưới mức tối thiểu ${rule.value} tháng — ${rule.label}.` };
  },
  in_planning: (db, d, rule, { start, setCode }) => {
    const year = Number(start.slice(0, 4));
    const found = db.sqlite
      .prepare(`select 1 from planning_records where cadre_id = ? and deleted_at is null and status = 'hieu_luc' and period_from <= ? and period_to >= ? limit 1`)
      .get(d.cadreId, year, year);
    if (found) return null;
    return { ruleSet: setCode, rule: rule.kind, field: 'cadreId', message: `${setCode}: cán bộ chưa có trong quy hoạch còn hiệu lực cho năm ${year} — ${rule.label}.` };
  },
  min_years_before_retirement: (db, d, rule, { start, setCode }) => {
    if (rule.value === null || rule.value === undefined) return null;
    const c = db.sqlite.prepare('select sex, birth_date as b from cadres where id = ?').get(d.cadreId) as { sex: string; b: string | null } | undefined;
    if (!c) return null;
    const retire = retirementDate(db, c.sex, c.b);
    if (!retire) {
      return { ruleSet: setCode, rule: rule.kind, field: 'plannedStart', message: `${setCode}: không tính được thời gian công tác còn lại vì hồ sơ chưa có ngày sinh — ${rule.label}.` };
    }
    if (addMonths(start, rule.value * 12) <= retire) return null;
    const left = Math.max(0, monthsBetween(start, retire));
    return {
      ruleSet: setCode,
      rule: rule.kind,
      field: 'plannedStart',
      message: `${setCode}: khi bắt đầu luân chuyển chỉ còn ${Math.floor(left / 12)} năm ${left % 12} tháng công tác đến tuổi nghỉ hưu (${formatVnDate(retire)}), dưới ${rule.value} năm — ${rule.label}.`,
    };
  },
  post_equivalent_or_higher: (db, d, rule, { setCode }) => {
    const from = findCode(db, 'position', d.fromPositionCode);
    const to = findCode(db, 'position', d.toPositionCode);
    if (!from || !to || to.rank >= from.rank) return null;
    return { ruleSet: setCode, rule: rule.kind, field: 'toPositionCode', message: `${setCode}: chức vụ nơi đến (${to.name}) thấp hơn chức vụ hiện giữ (${from.name}) — ${rule.label}.` };
  },
};

/** The warnings of the rule set in force on the start date; none for forms the regulation does not govern. */
export function ruleWarnings(db: AppDb, d: RotationDraft, ruleSet = d.plannedStart || d.actualStart ? ruleSetOn(db, effectiveStart(d)!) : null): RuleWarning[] {
  const start = effectiveStart(d);
  if (!start || !ruleSet || !RULED_TYPES.has(d.type) || d.status === 'cancelled') return [];
  const ctx = { start, end: effectiveEnd(d), setCode: ruleSet.code };
  const out: RuleWarning[] = [];
  for (const rule of ruleSet.rules) {
    const check = RULE_CHECKS[rule.kind];
    const w = check?.(db, d, rule, ctx);
    if (w) out.push(w);
  }
  return out;
}

export const warningKey = (w: RuleWarning) => `${w.ruleSet}\u0000${w.rule}`;
