import type { AppDb } from '../../open';
import { onDatabaseReplaced } from '../../replaced';
import {
  assessResult, type Indicator, type IndicatorResult, type MemberSet, type SeriesPoint, type TrainingStandard,
} from '../../../shared/api/indicators';
import { fail } from '../../../shared/api/envelope';
import { codeIndex } from '../codes';
import { quarterEnd, quarterLabel, quarterOf, quartersBetween, previousQuarter, todayIso, type Quarter } from '../../../shared/domain/dates';
import { bitLayout, compileCondition, compilePopulation, Needs, positionBitsOf, type Packed, type Predicate, type Vocabulary } from './packed';
import { factsSql, forEachPackedRow } from './sql';
import { forEachPersonOn, forEachPersonOnDates, loadTimeline, type Timeline } from './timeline';
import type { Statement } from 'better-sqlite3';
import { getIndicator, listIndicators, listStandards, resolveResolutionId } from './store';
import { dataStamp } from '../../data-stamp';

// The figures of the resolution's indicators on a date. Computed indicators: every cadre at work on the date is
// packed into integers, by one SQL pass (sql.ts) or from the in-memory timeline a series loads (timeline.ts), and
// the definitions, compiled once to predicates (packed.ts), count all indicators in one loop. Entered ones take
// the latest value typed for the date's quarter (or the last quarter before it that has one, named in
// valueQuarter). Results are cached per date until anything in the database changes.

/** Prepared statements by SQL text: the text changes only when definitions, standards or code lists change. */
const statements = new WeakMap<AppDb, Map<string, Statement>>();

interface Cache {
  stamp: string;
  /** Loaded by a series (many dates); once there, single dates are evaluated in memory too. */
  timeline: Timeline | null;
  /** Dates counted by an SQL pass since the data last changed. */
  sqlPasses: number;
  /** date -> indicator id -> figure */
  counted: Map<string, Map<number, Counted>>;
}
const caches = new WeakMap<AppDb, Cache>();
/** A restore replaces the whole file under the same connection: drop every cached figure and statement. */
onDatabaseReplaced((db) => {
  caches.delete(db);
  statements.delete(db);
});


const MAX_CACHED_DATES = 128;

function cacheOf(db: AppDb): Cache {
  const stamp = dataStamp(db);
  let c = caches.get(db);
  if (!c || c.stamp !== stamp) caches.set(db, (c = { stamp, timeline: null, sqlPasses: 0, counted: new Map() }));
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

function vocabularyOf(db: AppDb): Vocabulary {
  const codes = codeIndex(db);
  const standards = new Map<string, TrainingStandard[]>();
  for (const s of listStandards(db)) {
    if (!standards.has(s.standardSet)) standards.set(s.standardSet, []);
    standards.get(s.standardSet)!.push(s);
  }
  const minorityEthnicities: string[] = [];
  for (const [key, e] of codes.get('ethnicity') ?? []) if (e.attrs?.minority) minorityEthnicities.push(key);
  return { codes, standards, minorityEthnicities, layout: bitLayout(codes), positionBits: positionBitsOf(codes) };
}

interface Counted {
  n: number;
  N: number;
}

/**
 * Which evaluation a date gets: one SQL pass (cheapest for a single date), or the in-memory timeline once a series
 * or a report has loaded it or a second date is asked for before the data changes (the dashboard's two quarters, a
 * screen stepping through quarters): loading it costs a little more than one SQL pass, and each further date is then
 * a small fraction of one. Tests force each in turn.
 */
export type IndicatorEngine = 'auto' | 'sql' | 'memory';
let engine: IndicatorEngine = 'auto';
export function setIndicatorEngine(e: IndicatorEngine): void {
  engine = e;
}
/** SQL passes after which further dates are read from the timeline. */
const SQL_PASSES_BEFORE_TIMELINE = 1;
const useMemory = (cache: Cache) => engine === 'memory' || (engine === 'auto' && (cache.timeline !== null || cache.sqlPasses >= SQL_PASSES_BEFORE_TIMELINE));
/** The timeline with at least these qualification categories (reloaded with the union when one is missing). */
function timelineOf(db: AppDb, cache: Cache, v: Vocabulary, categories: Set<string>): Timeline {
  const t = cache.timeline;
  if (t && [...categories].every((c) => t.categories.has(c))) return t;
  cache.timeline = loadTimeline(db, v, new Set([...(t?.categories ?? []), ...categories]));
  return cache.timeline;
}

/** Every cadre at work on the date, packed, from the timeline when loaded, else from one SQL pass. */
function forEachPacked(db: AppDb, onDate: string, v: Vocabulary, needs: Needs, visit: (p: Packed) => void): void {
  const cache = cacheOf(db);
  if (useMemory(cache)) return forEachPersonOn(timelineOf(db, cache, v, needs.categories), onDate, visit);
  cache.sqlPasses++;
  forEachPackedRow(prepare(db, factsSql(v, needs)).raw(true).all({ d: onDate }) as unknown[][], v, visit);
}

interface Compiled {
  id: number;
  inPopulation: Predicate;
  counts: Predicate;
}
function compile(inds: Indicator[], v: Vocabulary, needs: Needs): Compiled[] {
  return inds.map((i) => ({
    id: i.id,
    inPopulation: compilePopulation(i.definition!.population, v, needs),
    counts: compileCondition(i.definition!.counted, v, needs),
  }));
}

/** Figures of the computed indicators on the date, all in one pass (cached until the data changes). */
function countOn(db: AppDb, inds: Indicator[], onDate: string, v: Vocabulary): Map<number, Counted> {
  const cache = cacheOf(db);
  let byInd = cache.counted.get(onDate);
  if (!byInd) {
    if (cache.counted.size >= MAX_CACHED_DATES) cache.counted.delete(cache.counted.keys().next().value!);
    cache.counted.set(onDate, (byInd = new Map()));
  }
  const todo = inds.filter((i) => i.kind === 'computed' && i.definition && !byInd!.has(i.id));
  if (todo.length === 0) return byInd;
  const needs = new Needs();
  const compiled = compile(todo, v, needs);
  const n = new Int32Array(compiled.length);
  const N = new Int32Array(compiled.length);
  forEachPacked(db, onDate, v, needs, (p) => {
    for (let k = 0; k < compiled.length; k++) {
      if (!compiled[k].inPopulation(p)) continue;
      N[k]++;
      if (compiled[k].counts(p)) n[k]++;
    }
  });
  compiled.forEach((c, k) => byInd!.set(c.id, { n: n[k], N: N[k] }));
  return byInd;
}

/**
 * Figures of the computed indicators on many dates in one walk over the timeline (cached like countOn). A cadre
 * unchanged since the previous date is not evaluated again: their memberships of that date are counted again.
 */
function countOnDates(db: AppDb, inds: Indicator[], dates: string[], v: Vocabulary): void {
  const cache = cacheOf(db);
  const computed = inds.filter((i) => i.kind === 'computed' && i.definition);
  const todo = [...new Set(dates)].filter((d) => !computed.every((i) => cache.counted.get(d)?.has(i.id))).sort();
  if (todo.length === 0 || computed.length === 0) return;
  const needs = new Needs();
  const compiled = compile(computed, v, needs);
  const K = compiled.length;
  const n = new Int32Array(todo.length * K);
  const N = new Int32Array(todo.length * K);
  // The last evaluation of the current cadre: 1 = in the population, 2 = also counted.
  const last = new Uint8Array(K);
  forEachPersonOnDates(timelineOf(db, cache, v, needs.categories), todo, (p, j, same) => {
    const base = j * K;
    for (let k = 0; k < K; k++) {
      if (!same) last[k] = compiled[k].inPopulation(p) ? (compiled[k].counts(p) ? 2 : 1) : 0;
      if (last[k] === 0) continue;
      N[base + k]++;
      if (last[k] === 2) n[base + k]++;
    }
  });
  todo.forEach((d, j) => {
    let byInd = cache.counted.get(d);
    if (!byInd) {
      if (cache.counted.size >= MAX_CACHED_DATES) cache.counted.delete(cache.counted.keys().next().value!);
      cache.counted.set(d, (byInd = new Map()));
    }
    compiled.forEach((c, k) => byInd!.set(c.id, { n: n[j * K + k], N: N[j * K + k] }));
  });
}

/**
 * Several dates known together (a report's quarter and the one before): counted in one walk over the timeline, which
 * costs less than an SQL pass each; computeIndicators then finds their figures cached.
 */
export function prepareIndicatorDates(db: AppDb, input: { dates: string[]; resolutionId?: number }): void {
  if (engine === 'sql' || new Set(input.dates).size < 2) return;
  const resolutionId = resolveResolutionId(db, input.resolutionId, input.dates[0]);
  if (resolutionId !== null) countOnDates(db, listIndicators(db, resolutionId), input.dates, vocabularyOf(db));
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
export function describeStandardSet(set: string, ctx: Vocabulary): string {
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

function ruleOf(ind: Indicator, ctx: Vocabulary): string {
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
  const ctx = vocabularyOf(db);
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
  const v = vocabularyOf(db);
  const needs = new Needs();
  const [c] = compile([ind], v, needs);
  const ids: number[] = [];
  forEachPacked(db, input.onDate, v, needs, (p) => {
    if (!c.inPopulation(p)) return;
    if (input.set === 'denominator' || (input.set === 'numerator') === c.counts(p)) ids.push(p.id);
  });
  return ids;
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
  // Many dates: load the records once and count every quarter end in one walk over them.
  if (engine !== 'sql') {
    const v = vocabularyOf(db);
    const ends = quarters.map(quarterEnd);
    // Each date's resolution is the one in force on it; usually one for the whole range.
    const byResolution = new Map<number | null, string[]>();
    for (const d of ends) {
      const r = resolveResolutionId(db, resolutionId, d);
      byResolution.set(r, [...(byResolution.get(r) ?? []), d]);
    }
    for (const [r, ds] of byResolution) if (r !== null) countOnDates(db, listIndicators(db, r), ds, v);
  }
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

