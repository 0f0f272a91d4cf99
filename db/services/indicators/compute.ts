import type { AppDb } from '../../open';
import {
  assessResult, type Indicator, type IndicatorResult, type MemberSet, type SeriesPoint, type TrainingStandard,
} from '../../../shared/api/indicators';
import { fail } from '../../../shared/api/envelope';
import { codeIndex } from '../codes';
import { quarterEnd, quarterLabel, quarterOf, quartersBetween, previousQuarter, todayIso, type Quarter } from '../../../shared/domain/dates';
import { QUALIFICATION_CATEGORIES, type QualificationCategory } from '../../../shared/domain/codes';
import { loadFacts, type Facts } from './facts';
import { inPopulation, satisfies, type EvalContext } from './evaluate';
import { getIndicator, listIndicators, listStandards, resolveResolutionId } from './store';

// The figures of the resolution's indicators on a date. Computed indicators are evaluated over facts loaded once
// per date (facts.ts); entered ones take the latest value typed for the date's quarter (or the last quarter before
// it that has one, named in valueQuarter). Results are cached per date until anything in the database changes.

interface Cache {
  stamp: string;
  facts: Map<string, Facts>;
}
const caches = new WeakMap<AppDb, Cache>();

/** Changes whenever this connection writes (total_changes) or another connection commits (data_version). */
function dataStamp(db: AppDb): string {
  const dv = db.sqlite.pragma('data_version', { simple: true });
  const tc = (db.sqlite.prepare('select total_changes() as t').get() as { t: number }).t;
  return `${dv}:${tc}`;
}

const MAX_CACHED_DATES = 64;

function factsOn(db: AppDb, onDate: string): Facts {
  const stamp = dataStamp(db);
  let c = caches.get(db);
  if (!c || c.stamp !== stamp) caches.set(db, (c = { stamp, facts: new Map() }));
  let f = c.facts.get(onDate);
  if (!f) {
    f = loadFacts(db, onDate);
    if (c.facts.size >= MAX_CACHED_DATES) c.facts.delete(c.facts.keys().next().value!);
    c.facts.set(onDate, f);
  }
  return f;
}

function evalContext(db: AppDb): EvalContext {
  const codes = codeIndex(db);
  const standards = new Map<string, TrainingStandard[]>();
  for (const s of listStandards(db)) {
    if (!standards.has(s.standardSet)) standards.set(s.standardSet, []);
    standards.get(s.standardSet)!.push(s);
  }
  const minorityEthnicities = new Set<string>();
  for (const [key, e] of codes.get('ethnicity') ?? []) if (e.attrs?.minority) minorityEthnicities.add(key);
  return { codes, standards, minorityEthnicities };
}

interface Counted {
  denominator: number[];
  numerator: number[];
}

function countComputed(ind: Indicator, facts: Facts, ctx: EvalContext): Counted | null {
  const def = ind.definition;
  if (!def) return null;
  const denominator: number[] = [];
  const numerator: number[] = [];
  for (const p of facts.people) {
    if (!inPopulation(p, def.population, ctx)) continue;
    denominator.push(p.id);
    if (satisfies(p, facts.quals.get(p.id), def.counted, ctx)) numerator.push(p.id);
  }
  return { denominator, numerator };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

// ---- Human-readable rules --------------------------------------------------------------------------------------

const LEVEL_LABEL: Record<string, string> = {
  pho_thong: 'văn hoá',
  chuyen_mon: 'chuyên môn',
  ly_luan_chinh_tri: 'lý luận chính trị',
  quan_ly_nha_nuoc: 'quản lý nhà nước',
};

/** "Lãnh đạo cấp phòng: chuyên môn từ Đại học, lý luận chính trị từ Trung cấp ..." for every row of the set. */
export function describeStandardSet(set: string, ctx: EvalContext): string {
  const rows = ctx.standards.get(set) ?? [];
  if (rows.length === 0) return `Chưa có tiêu chuẩn nào trong bộ "${set}" (không ai được tính là đạt chuẩn).`;
  const name = (cat: string, key: string) => ctx.codes.get(`level.${cat}`)?.get(key)?.name ?? key;
  return rows
    .map((s) => {
      const req = (
        [
          ['pho_thong', s.minGeneral],
          ['chuyen_mon', s.minProfessional],
          ['ly_luan_chinh_tri', s.minPolitical],
          ['quan_ly_nha_nuoc', s.minStateMgmt],
        ] as [string, string | null][]
      )
        .filter(([, k]) => k)
        .map(([cat, k]) => `${LEVEL_LABEL[cat]} từ ${name(cat, k!)}`);
      return `${s.label}: ${req.length ? req.join(', ') : 'không yêu cầu'}`;
    })
    .join('; ');
}

function ruleOf(ind: Indicator, ctx: EvalContext): string {
  let rule = ind.ruleText ?? '';
  if (ind.kind === 'computed') {
    if (!ind.definition) return `${rule} (Định nghĩa cách tính chưa có hoặc không hợp lệ; hãy sửa trong "Cách tính".)`.trim();
    const sets = new Set<string>();
    const walk = (c: any) => {
      if (c.type === 'meetsStandard') sets.add(c.standardSet);
      for (const x of c.of ?? []) walk(x);
      if (c.cond) walk(c.cond);
    };
    walk(ind.definition.counted);
    for (const s of sets) rule += ` Tiêu chuẩn (${s}): ${describeStandardSet(s, ctx)}.`;
  }
  return rule.trim();
}

// ---- Entered values ---------------------------------------------------------------------------------------------

interface EnteredPick {
  value: number;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  note: string | null;
  year: number;
  quarter: number;
}

/** The latest value per indicator for the date's quarter, or the nearest earlier quarter that has one. */
function enteredOn(db: AppDb, indicatorIds: number[], q: Quarter): Map<number, EnteredPick> {
  const out = new Map<number, EnteredPick>();
  if (indicatorIds.length === 0) return out;
  const rows = db.sqlite
    .prepare(
      `select e.indicator_id as indicatorId, e.value, e.numerator, e.denominator, e.source, e.note, e.year, e.quarter
         from entered_values e
         join (select max(id) as id from entered_values
                where indicator_id in (select value from json_each(@ids)) and year * 4 + quarter <= @yq
                group by indicator_id, year, quarter) latest on latest.id = e.id
        where e.value is not null
        order by e.year desc, e.quarter desc`,
    )
    .all({ ids: JSON.stringify(indicatorIds), yq: q.year * 4 + q.quarter }) as (EnteredPick & { indicatorId: number })[];
  for (const { indicatorId, ...r } of rows) if (!out.has(indicatorId)) out.set(indicatorId, r);
  return out;
}

// ---- The computation --------------------------------------------------------------------------------------------

/** Every indicator of the resolution with its figure on the date. */
export function computeIndicators(db: AppDb, input: { onDate: string; resolutionId?: number }): IndicatorResult[] {
  const resolutionId = resolveResolutionId(db, input.resolutionId, input.onDate);
  const inds = listIndicators(db, resolutionId);
  if (inds.length === 0) return [];
  const ctx = evalContext(db);
  const computed = inds.filter((i) => i.kind === 'computed');
  const facts = computed.length ? factsOn(db, input.onDate) : null;
  const q = quarterOf(input.onDate);
  const entered = enteredOn(db, inds.filter((i) => i.kind === 'entered').map((i) => i.id), q);
  return inds.map((ind) => {
    const base = {
      indicatorId: ind.id,
      code: ind.code,
      text: ind.text,
      kind: ind.kind,
      unit: ind.unit,
      targets: ind.targets.map((t) => ({ year: t.year, value: t.value })),
      rule: ruleOf(ind, ctx),
    };
    let r: IndicatorResult;
    if (ind.kind === 'computed') {
      const c = countComputed(ind, facts!, ctx);
      const n = c ? c.numerator.length : null;
      const N = c ? c.denominator.length : null;
      const value = n !== null && N ? round2((n / N) * 100) : null;
      r = { ...base, n, N, value, note: N === 0 ? 'Không có người nào thuộc đối tượng vào ngày tính.' : null };
    } else {
      const e = entered.get(ind.id);
      const sameQuarter = e && e.year === q.year && e.quarter === q.quarter;
      r = {
        ...base,
        n: e?.numerator ?? null,
        N: e?.denominator ?? null,
        value: e?.value ?? null,
        source: e?.source ?? null,
        note: !e
          ? 'Chưa nhập số liệu.'
          : sameQuarter
            ? e.note
            : [`Số liệu ${quarterLabel({ year: e.year, quarter: e.quarter as Quarter['quarter'] })} (quý này chưa nhập).`, e.note].filter(Boolean).join(' '),
        valueQuarter: e ? { year: e.year, quarter: e.quarter } : null,
      };
    }
    const a = assessResult(r, input.onDate);
    return { ...r, status: a.status, gap: a.gap, gapTarget: a.gapTarget };
  });
}

/** The cadre ids behind a computed figure: numerator, denominator, or the denominator's people not counted (gap). */
export function indicatorMembers(db: AppDb, input: { indicatorId: number; onDate: string; set: MemberSet }): number[] {
  const ind = getIndicator(db, input.indicatorId);
  if (ind.kind !== 'computed') throw fail.validation(`Chỉ tiêu ${ind.code} là số liệu nhập, không có danh sách người.`);
  if (!ind.definition) throw fail.validation(`Chỉ tiêu ${ind.code} chưa có định nghĩa cách tính hợp lệ.`);
  const c = countComputed(ind, factsOn(db, input.onDate), evalContext(db))!;
  if (input.set === 'numerator') return c.numerator;
  if (input.set === 'denominator') return c.denominator;
  const counted = new Set(c.numerator);
  return c.denominator.filter((id) => !counted.has(id));
}

/** The last quarter that has ended on or before the date. */
export function lastFinishedQuarter(today = todayIso()): Quarter {
  const q = quarterOf(today);
  return quarterEnd(q) === today ? q : previousQuarter(q);
}

export const SERIES_START: Quarter = { year: 2021, quarter: 1 };

/** Quarter-end figures between two dates (by default 2021 Q1 to the last finished quarter). */
export function computeSeries(
  db: AppDb,
  input: { indicatorId?: number; resolutionId?: number; from?: string | null; to?: string | null },
): { indicatorId: number; code: string; points: SeriesPoint[] }[] {
  const first = input.from ? quarterOf(input.from) : SERIES_START;
  const last = input.to ? quarterOf(input.to) : lastFinishedQuarter();
  const quarters = quartersBetween(first, last);
  if (quarters.length > 200) throw fail.validation('Khoảng thời gian quá dài (tối đa 50 năm).');
  let resolutionId = input.resolutionId;
  if (input.indicatorId !== undefined) resolutionId = getIndicator(db, input.indicatorId).resolutionId;
  const out = new Map<number, { indicatorId: number; code: string; points: SeriesPoint[] }>();
  for (const q of quarters) {
    const onDate = quarterEnd(q);
    for (const r of computeIndicators(db, { onDate, resolutionId })) {
      if (input.indicatorId !== undefined && r.indicatorId !== input.indicatorId) continue;
      if (!out.has(r.indicatorId)) out.set(r.indicatorId, { indicatorId: r.indicatorId, code: r.code, points: [] });
      // An entered figure belongs to its own quarter only: a trend must not repeat last quarter's value.
      const own = r.kind === 'computed' || (r.valueQuarter?.year === q.year && r.valueQuarter?.quarter === q.quarter);
      out.get(r.indicatorId)!.points.push({ year: q.year, quarter: q.quarter, onDate, n: own ? r.n : null, N: own ? r.N : null, value: own ? r.value : null });
    }
  }
  return [...out.values()];
}

/** Qualification categories a definition may name, for validation messages. */
export const KNOWN_CATEGORIES = Object.keys(QUALIFICATION_CATEGORIES) as QualificationCategory[];
