import type { AppDb } from '../../open';
import { onDatabaseReplaced } from '../../replaced';
import {
  assessResult, type Indicator, type IndicatorResult, type MemberSet, type SeriesPoint, type TrainingStandard,
} from '../../../shared/api/indicators';
import { fail } from '../../../shared/api/envelope';
import { codeIndex } from '../codes';
import { quarterEnd, quarterLabel, quarterOf, quartersBetween, previousQuarter, todayIso, type Quarter } from '../../../shared/domain/dates';
import { QUALIFICATION_CATEGORIES, type QualificationCategory } from '../../../shared/domain/codes';
import { bitLayout, conditionSql, factsCte, Needs, populationSql, type SqlContext } from './sql';
import { compileCondition, compilePopulation, forEachPersonOn, loadTimeline, type Timeline } from './timeline';
import type { Statement } from 'better-sqlite3';
import { getIndicator, listIndicators, listStandards, resolveResolutionId } from './store';

// The figures of the resolution's indicators on a date. Computed indicators are evaluated over facts loaded once
// per date (facts.ts); entered ones take the latest value typed for the date's quarter (or the last quarter before
// it that has one, named in valueQuarter). Results are cached per date until anything in the database changes.

/** Prepared statements by SQL text: the text changes only when definitions, standards or code lists change. */
const statements = new WeakMap<AppDb, Map<string, Statement>>();

interface Cache {
  stamp: string;
  /** Loaded by a series (many dates); once there, single dates are evaluated in memory too. */
  timeline: Timeline | null;
  /** date -> indicator id -> figure */
  counted: Map<string, Map<number, Counted>>;
}
const caches = new WeakMap<AppDb, Cache>();
/** A restore replaces the whole file under the same connection: drop every cached figure and statement. */
onDatabaseReplaced((db) => {
  caches.delete(db);
  statements.delete(db);
});

/** Changes whenever this connection writes (total_changes) or another connection commits (data_version). */
function dataStamp(db: AppDb): string {
  const dv = db.sqlite.pragma('data_version', { simple: true });
  const tc = (db.sqlite.prepare('select total_changes() as t').get() as { t: number }).t;
  return `${dv}:${tc}`;
}

const MAX_CACHED_DATES = 128;

function cacheOf(db: AppDb): Cache {
  const stamp = dataStamp(db);
  let c = caches.get(db);
  if (!c || c.stamp !== stamp) caches.set(db, (c = { stamp, timeline: null, counted: new Map() }));
  return c;
}

function prepare(db: AppDb, sql: string): Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) {
    if (m.size >= 64) m.delete(m.keys().next().value!);
    m.set(sql, (st = db.sqlite.prepare(sql)));
  }
  return st;
}

function sqlContext(db: AppDb): SqlContext {
  const codes = codeIndex(db);
  const standards = new Map<string, TrainingStandard[]>();
  for (const s of listStandards(db)) {
    if (!standards.has(s.standardSet)) standards.set(s.standardSet, []);
    standards.get(s.standardSet)!.push(s);
  }
  const minorityEthnicities: string[] = [];
  for (const [key, e] of codes.get('ethnicity') ?? []) if (e.attrs?.minority) minorityEthnicities.push(key);
  return { codes, standards, minorityEthnicities, layout: bitLayout(codes) };
}

interface Counted {
  n: number;
  N: number;
}

/**
 * Which evaluation a date gets: one SQL pass (cheapest for a single date), or the in-memory timeline once a series
 * has loaded it (cheapest for every further date until the data changes). Tests force each in turn.
 */
export type IndicatorEngine = 'auto' | 'sql' | 'memory';
let engine: IndicatorEngine = 'auto';
export function setIndicatorEngine(e: IndicatorEngine): void {
  engine = e;
}
const useMemory = (cache: Cache) => engine === 'memory' || (engine === 'auto' && cache.timeline !== null);
function timelineOf(db: AppDb, cache: Cache, ctx: SqlContext): Timeline {
  cache.timeline ??= loadTimeline(db, ctx.codes);
  return cache.timeline;
}

/** Figures of the computed indicators on the date: one SQL statement for all of them (cached until data changes). */
function countOn(db: AppDb, inds: Indicator[], onDate: string, ctx: SqlContext): Map<number, Counted> {
  const cache = cacheOf(db);
  let byInd = cache.counted.get(onDate);
  if (!byInd) {
    if (cache.counted.size >= MAX_CACHED_DATES) cache.counted.delete(cache.counted.keys().next().value!);
    cache.counted.set(onDate, (byInd = new Map()));
  }
  const todo = inds.filter((i) => i.kind === 'computed' && i.definition && !byInd!.has(i.id));
  if (todo.length === 0) return byInd;
  if (useMemory(cache)) {
    const compiled = todo.map((i) => ({
      id: i.id,
      inPopulation: compilePopulation(i.definition!.population, ctx),
      counts: compileCondition(i.definition!.counted, ctx),
      n: 0,
      N: 0,
    }));
    forEachPersonOn(timelineOf(db, cache, ctx), onDate, (p) => {
      for (const c of compiled) {
        if (!c.inPopulation(p)) continue;
        c.N++;
        if (c.counts(p)) c.n++;
      }
    });
    for (const c of compiled) byInd.set(c.id, { n: c.n, N: c.N });
  } else {
    const needs = new Needs();
    const sums = todo.map((i, k) => {
      const pop = populationSql(i.definition!.population, ctx, needs);
      const cond = conditionSql(i.definition!.counted, ctx, needs);
      // Population once per row: 0 = outside, 1 = in the denominator, 2 = also counted.
      return `case when ${pop} then (case when ${cond} then 2 else 1 end) else 0 end as s${k}`;
    });
    const totals = todo.map((_, k) => `sum(s${k} > 0) as d${k}, sum(s${k} = 2) as n${k}`);
    const row = prepare(db, `${factsCte(ctx, needs)}, s as (select ${sums.join(',\n')} from p) select ${totals.join(', ')} from s`).get({ d: onDate }) as Record<string, number | null>;
    todo.forEach((i, k) => byInd!.set(i.id, { N: row[`d${k}`] ?? 0, n: row[`n${k}`] ?? 0 }));
  }
  return byInd;
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
export function describeStandardSet(set: string, ctx: SqlContext): string {
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

function ruleOf(ind: Indicator, ctx: SqlContext): string {
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
  const ctx = sqlContext(db);
  const counted = countOn(db, inds, input.onDate, ctx);
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
      const c = counted.get(ind.id);
      const n = c ? c.n : null;
      const N = c ? c.N : null;
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
  const ctx = sqlContext(db);
  const cache = cacheOf(db);
  if (useMemory(cache)) {
    const inPopulation = compilePopulation(ind.definition.population, ctx);
    const counts = compileCondition(ind.definition.counted, ctx);
    const ids: number[] = [];
    forEachPersonOn(timelineOf(db, cache, ctx), input.onDate, (p) => {
      if (!inPopulation(p)) return;
      const counted = counts(p);
      if (input.set === 'denominator' || (input.set === 'numerator') === counted) ids.push(p.id);
    });
    return ids;
  }
  const needs = new Needs();
  const pop = populationSql(ind.definition.population, ctx, needs);
  const cond = conditionSql(ind.definition.counted, ctx, needs);
  const where = input.set === 'denominator' ? pop : input.set === 'numerator' ? `${pop} and ${cond}` : `${pop} and not ${cond}`;
  return prepare(db, `${factsCte(ctx, needs)} select p.id from p where ${where} order by p.id`).pluck().all({ d: input.onDate }) as number[];
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
  // Many dates: load the records once and evaluate each quarter end in memory.
  if (engine === 'auto') timelineOf(db, cacheOf(db), sqlContext(db));
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
