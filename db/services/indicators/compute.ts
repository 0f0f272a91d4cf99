import type { AppDb } from '../../open';
import { onDatabaseReplaced } from '../../replaced';
import {
  assessResult, type Indicator, type IndicatorResult, type MemberSet, type SeriesPoint, type TrainingStandard,
} from '../../../shared/api/indicators';
import { fail } from '../../../shared/api/envelope';
import { codeIndex } from '../codes';
import { lastFinishedQuarter, quarterEnd, quarterLabel, quarterOf, quartersBetween, type Quarter } from '../../../shared/domain/dates';
import { bitLayout, compileCondition, compilePopulation, Needs, positionBitsOf, type Packed, type Predicate, type Vocabulary } from './packed';
import { factsSql, forEachPackedRow } from './sql';
import {
  boundsOf, cadreSlots, forEachPersonOn, forEachPersonOnDates, loadTimeline, newPacked, packOn, patchTimeline, reloadUnits, timelineShapeKey, type Timeline,
} from './timeline';
import type { Statement } from 'better-sqlite3';
import { getIndicator, listIndicators, listStandards, resolveResolutionId } from './store';
import { cadreChangesSince } from '../../changes';
import { codesHash, readTimelineImage, writeTimelineImage, type ImageFigures } from './snapshot';

// The figures of the resolution's indicators on a date. Computed indicators: every cadre at work on the date is
// packed into integers from the in-memory timeline (timeline.ts; or by one SQL pass, sql.ts, when a test forces it),
// and the definitions, compiled once to predicates (packed.ts), count all indicators in one loop. Entered ones take
// the latest value typed for the date's quarter (or the last quarter before it that has one, named in
// valueQuarter).
//
// What is kept between calls, per database, and what it depends on:
// - the timeline: the cadres' dated records. The cadre_changes log (db/changes.ts) says which cadres a write touched
//   since it was brought up to date; only those are read again (a change concerning everyone, such as a unit or a
//   code list, reloads it whole). Writes that touch no cadre (audit rows, settings, reports) leave it as it is. A
//   new connection starts from the image of the timeline kept in the database with its change number (snapshot.ts)
//   and patches it the same way; the image is written again after a whole load or once it lags far behind
//   (imagePolicy), never from inside a caller's transaction;
// - the counted figures, by date and by definition (its JSON text), for the timeline's current content: when
//   cadres are patched, their part of every kept figure is taken out before and put back after, person by person,
//   so the figures stay exact without counting everyone again. The definitions are compiled against the code lists
//   and the training standards: a new code index (a code list was edited) or other standards text (no trigger marks
//   that table; it is read on every call) drops the compiled predicates and the figures.
// Targets, entered values and the indicator list itself are read on every call; a figure inside a caller's open
// transaction (an import's) is counted from what that transaction sees and read again once it is over.

/** Prepared statements by SQL text: the text changes only when definitions, standards or code lists change. */
const statements = new WeakMap<AppDb, Map<string, Statement>>();

interface Counted {
  n: number;
  N: number;
}

interface Compiled {
  /** The definition's JSON: figures are kept by it, so an edited definition is counted afresh. */
  key: string;
  inPopulation: Predicate;
  counts: Predicate;
  categories: Set<string>;
}

interface Kept {
  timeline: Timeline | null;
  /** The cadre_changes number the timeline is up to date with; null = load it whole on next use. */
  seq: number | null;
  /**
   * Cadres read from inside a caller's open transaction (an import holds one between its slices): what was read
   * may yet be rolled back, so they are read again on the next use, and seq is not moved past their changes.
   */
  provisional: number[];
  /** The training standards (as text) and the code lists (codeIndex's map) the compiled predicates were made with. */
  standards: string;
  codes: Vocabulary['codes'];
  compiled: Map<string, Compiled>;
  /** date -> definition key -> figure, for the timeline's current content. */
  counted: Map<string, Map<string, Counted>>;
  /**
   * How many cadres the database's image of the timeline (snapshot.ts) lags behind this one, at most: every cadre
   * after a load from the rows, none after a load from the image or a write of it, plus those patched since.
   */
  unsaved: number;
  /** Where the timeline was last loaded from: the rows, or the database's image (the tests ask). */
  origin: 'rows' | 'image' | null;
}
const kept = new WeakMap<AppDb, Kept>();
/** A restore replaces the whole file under the same connection: drop every cached figure and statement. */
onDatabaseReplaced((db) => {
  kept.delete(db);
  statements.delete(db);
});

const MAX_CACHED_DATES = 128;
/** Patching more cadres than this share of the timeline costs more than loading it whole. */
const PATCH_SHARE = 0.25;
/**
 * When the database's image of the timeline (snapshot.ts) is written: once it lags behind the timeline by
 * `lagCadres` cadres (a first load from it then patches at most about as many), and only for a timeline of at least
 * `minCadres` cadres: a smaller one loads whole in well under 0.1 s, and its database is never written to for it.
 */
const IMAGE_POLICY = { minCadres: 2000, lagCadres: 1000 };
let imagePolicy = { ...IMAGE_POLICY };
/** Tests write the image of small databases too; no argument restores the default. */
export function setTimelineImagePolicy(policy: { minCadres: number; lagCadres: number } = IMAGE_POLICY): void {
  imagePolicy = { ...policy };
}
/** Above this many person-date evaluations, kept figures are dropped rather than adjusted person by person. */
const MAX_ADJUST = 200_000;

function keptOf(db: AppDb, v: Vocab): Kept {
  let k = kept.get(db);
  if (!k) kept.set(db, (k = { timeline: null, seq: null, provisional: [], standards: v.standardsText, codes: v.codes, compiled: new Map(), counted: new Map(), unsaved: 0, origin: null }));
  if (k.standards !== v.standardsText || k.codes !== v.codes || k.compiled.size > 256) {
    // The predicates are out of date; the timeline too when the code lists moved a bit or a slot it is built with
    // (or a minority ethnicity), else it only takes the new vocabulary (attributes and ranks live in the predicates).
    if (k.codes !== v.codes && k.timeline) {
      if (timelineShapeKey(k.timeline.vocabulary, k.timeline.categories) === timelineShapeKey(v, k.timeline.categories)) k.timeline.vocabulary = v;
      else k.seq = null;
    }
    k.standards = v.standardsText;
    k.codes = v.codes;
    k.compiled.clear();
    k.counted.clear();
  }
  return k;
}

/** Whether the dated history is held for this database (the warm-up and its test ask). */
export function indicatorHistoryKept(db: AppDb): boolean {
  return !!kept.get(db)?.timeline;
}

/** Where the history held was last loaded from: the records, or the database's image of it (tests). */
export function indicatorHistoryOrigin(db: AppDb): 'rows' | 'image' | null {
  return kept.get(db)?.origin ?? null;
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

type Vocab = Vocabulary & { standardsText: string };

function vocabularyOf(db: AppDb): Vocab {
  const codes = codeIndex(db);
  const standards = new Map<string, TrainingStandard[]>();
  const list = listStandards(db);
  for (const s of list) {
    if (!standards.has(s.standardSet)) standards.set(s.standardSet, []);
    standards.get(s.standardSet)!.push(s);
  }
  const minorityEthnicities: string[] = [];
  for (const [key, e] of codes.get('ethnicity') ?? []) if (e.attrs?.minority) minorityEthnicities.push(key);
  return { codes, standards, minorityEthnicities, layout: bitLayout(codes), positionBits: positionBitsOf(codes), standardsText: JSON.stringify(list) };
}

/**
 * Which source of facts a date is counted from: the kept timeline (the app), or one SQL pass per date, nothing
 * kept (a second, independent implementation the tests compare with). 'auto' is the timeline.
 */
export type IndicatorEngine = 'auto' | 'sql' | 'memory';
let engine: IndicatorEngine = 'auto';
export function setIndicatorEngine(e: IndicatorEngine): void {
  engine = e;
}

/** Takes the kept figures' share of these timeline slots out (sign -1) or puts it back (+1). */
function adjustCounted(k: Kept, t: Timeline, slots: number[], sign: 1 | -1): void {
  if (slots.length === 0) return;
  const p = newPacked(t.vocabulary);
  for (const [d, byKey] of k.counted) {
    const b = boundsOf(t, d);
    const figs = [...byKey].map(([key, fig]) => [k.compiled.get(key)!, fig] as const);
    for (const i of slots) {
      if (!packOn(t, i, b, p)) continue;
      for (const [c, fig] of figs) {
        if (!c.inPopulation(p)) continue;
        fig.N += sign;
        if (c.counts(p)) fig.n += sign;
      }
    }
  }
}

/**
 * The timeline, up to date with the database and holding at least these qualification categories; the kept
 * figures follow it. Read in one transaction, so the change log and the rows read agree.
 */
function currentTimeline(db: AppDb, k: Kept, v: Vocabulary, categories: Set<string>): Timeline {
  const outer = db.sqlite.inTransaction;
  return db.sqlite.transaction(() => upToDate(db, k, v, categories, outer))();
}

/**
 * Writes the database's image of the timeline when it is due (imagePolicy), with the figures kept for it. Called
 * once the call's figures are counted, outside any caller's transaction, with a timeline read outside one: exactly
 * the data of change number k.seq (see snapshot.ts).
 */
function keepImageIfDue(db: AppDb, k: Kept): void {
  const t = k.timeline;
  if (!t || db.sqlite.inTransaction || k.seq === null || k.provisional.length > 0) return;
  if (k.unsaved === 0 || k.unsaved < imagePolicy.lagCadres || t.cadreIds.length < imagePolicy.minCadres) return;
  const definitions = new Map<string, number>();
  const figures: ImageFigures['figures'] = [];
  for (const [d, byKey] of k.counted) {
    for (const [key, fig] of byKey) {
      let i = definitions.get(key);
      if (i === undefined) definitions.set(key, (i = definitions.size));
      figures.push([d, i, fig.n, fig.N]);
    }
  }
  writeTimelineImage(db, t, k.seq, { standards: k.standards, codes: codesHash(k.codes), definitions: [...definitions.keys()], figures });
  // Not written (read-only, busy): tried again once as many cadres more were patched, or on the next connection.
  k.unsaved = 0;
}

/** The figures an image holds become the kept ones, when counted with the standards and code lists of now. */
function restoreFigures(k: Kept, f: ImageFigures | undefined, v: Vocabulary): void {
  if (!f || f.standards !== k.standards || f.codes !== codesHash(k.codes)) return;
  const keys = f.definitions;
  for (const key of keys) if (!k.compiled.has(key)) k.compiled.set(key, compile(key, JSON.parse(key) as NonNullable<Indicator['definition']>, v));
  for (const [d, i, n, N] of f.figures) {
    let byKey = k.counted.get(d);
    if (!byKey) k.counted.set(d, (byKey = new Map()));
    byKey.set(keys[i], { n, N });
  }
}

/** Brings k's timeline up to date inside the read transaction of currentTimeline (outer: a caller's is open). */
function upToDate(db: AppDb, k: Kept, v: Vocabulary, categories: Set<string>, outer: boolean): Timeline {
  // The first use on this connection: start from the database's image when there is one for this vocabulary,
  // then patch it like a kept timeline (or load whole when too much changed since).
  if (!k.timeline) {
    const image = readTimelineImage(db, v, categories);
    if (image) {
      k.timeline = image.timeline;
      k.seq = image.seq;
      k.provisional = [];
      k.counted.clear();
      restoreFigures(k, image.figures, v);
      k.unsaved = 0;
      k.origin = 'image';
    }
  }
  const t = k.timeline;
  const hasCategories = !!t && k.seq !== null && [...categories].every((c) => t.categories.has(c));
  const changes = cadreChangesSince(db, t && hasCategories ? k.seq : null);
  // A change that concerns everyone (a unit, a code list, a course's dates) leaves the cadres' own rows as they
  // are: when the codes still have the bits and slots the timeline was built with, the units are read again and the
  // cadres listed alongside patched, but no kept figure holds any more. Not inside a caller's transaction: units
  // read there could be rolled back, and nothing would say so. (A change number below the kept one, a log that went
  // back, also reads as everyone but lists nobody: that one loads whole.)
  const everyoneOnly =
    !!t && changes.everyone && !outer && k.seq !== null && changes.seq >= k.seq && timelineShapeKey(t.vocabulary, t.categories) === timelineShapeKey(v, t.categories);
  if (t && hasCategories && (!changes.everyone || everyoneOnly)) {
    if (changes.everyone) {
      k.counted.clear();
      reloadUnits(db, t);
    }
    const ids = k.provisional.length ? [...new Set([...changes.cadreIds, ...k.provisional])] : changes.cadreIds;
    if (ids.length === 0) {
      k.seq = changes.seq;
      return t;
    }
    if (ids.length <= t.cadreIds.length * PATCH_SHARE) {
      const adjust = k.counted.size > 0 && ids.length * k.counted.size <= MAX_ADJUST;
      if (!adjust) k.counted.clear();
      // Their part of the kept figures comes out as the timeline has them now, and goes back in once patched.
      if (adjust) adjustCounted(k, t, cadreSlots(t, ids), -1);
      if (patchTimeline(db, t, ids)) {
        if (adjust) adjustCounted(k, t, cadreSlots(t, ids), 1);
        if (outer) k.provisional = ids;
        else {
          k.provisional = [];
          k.seq = changes.seq;
          k.unsaved += ids.length;
        }
        return t;
      }
      // The patch declined (a new cadre below the highest id) before changing the timeline; the figures were
      // already adjusted, and are dropped below with the whole load.
    }
  }
  k.counted.clear();
  k.provisional = [];
  k.timeline = loadTimeline(db, v, new Set([...(t?.categories ?? []), ...categories]));
  // Loaded inside a caller's transaction that may be rolled back: load it again next time.
  k.seq = outer ? null : changes.seq;
  k.unsaved = k.timeline.cadreIds.length;
  k.origin = 'rows';
  return k.timeline;
}

function compiledOf(k: Kept, ind: Indicator, v: Vocabulary): Compiled {
  const key = JSON.stringify(ind.definition);
  let c = k.compiled.get(key);
  if (!c) k.compiled.set(key, (c = compile(key, ind.definition!, v)));
  return c;
}

function compile(key: string, definition: NonNullable<Indicator['definition']>, v: Vocabulary): Compiled {
  const needs = new Needs();
  return { key, inPopulation: compilePopulation(definition.population, v, needs), counts: compileCondition(definition.counted, v, needs), categories: needs.categories };
}

const computedOf = (inds: Indicator[]) => inds.filter((i) => i.kind === 'computed' && i.definition);

/** Counts the compiled definitions on the dates in one walk over the timeline, and keeps the figures. */
function countIntoKept(k: Kept, t: Timeline, todo: Map<string, Compiled[]>): void {
  const dates = [...todo.keys()].sort();
  if (dates.length === 0) return;
  const all = [...new Map([...todo.values()].flat().map((c) => [c.key, c])).values()];
  const K = all.length;
  const n = new Int32Array(dates.length * K);
  const N = new Int32Array(dates.length * K);
  // The last evaluation of the current cadre: 1 = in the population, 2 = also counted.
  const last = new Uint8Array(K);
  const visit = (p: Packed, j: number, same: boolean) => {
    const base = j * K;
    for (let c = 0; c < K; c++) {
      if (!same) last[c] = all[c].inPopulation(p) ? (all[c].counts(p) ? 2 : 1) : 0;
      if (last[c] === 0) continue;
      N[base + c]++;
      if (last[c] === 2) n[base + c]++;
    }
  };
  if (dates.length === 1) forEachPersonOn(t, dates[0], (p) => visit(p, 0, false));
  else forEachPersonOnDates(t, dates, visit);
  dates.forEach((d, j) => {
    let byKey = k.counted.get(d);
    if (!byKey) {
      if (k.counted.size >= MAX_CACHED_DATES) k.counted.delete(k.counted.keys().next().value!);
      k.counted.set(d, (byKey = new Map()));
    }
    all.forEach((c, i) => {
      if (!byKey!.has(c.key)) byKey!.set(c.key, { n: n[j * K + i], N: N[j * K + i] });
    });
  });
}

/** Figures of the computed indicators on the dates, by indicator id: kept ones, the rest counted in one walk. */
function countOnDates(db: AppDb, inds: Indicator[], dates: string[], v: Vocab): Map<string, Map<number, Counted>> {
  const out = new Map<string, Map<number, Counted>>();
  const computed = computedOf(inds);
  if (engine === 'sql') {
    for (const d of new Set(dates)) out.set(d, countBySql(db, computed, d, v));
    return out;
  }
  const k = keptOf(db, v);
  const compiled = computed.map((i) => compiledOf(k, i, v));
  const categories = new Set(compiled.flatMap((c) => [...c.categories]));
  const t = currentTimeline(db, k, v, categories);
  const todo = new Map<string, Compiled[]>();
  for (const d of new Set(dates)) {
    const missing = compiled.filter((c) => !k.counted.get(d)?.has(c.key));
    if (missing.length) todo.set(d, missing);
  }
  countIntoKept(k, t, todo);
  keepImageIfDue(db, k);
  for (const d of new Set(dates)) {
    const byKey = k.counted.get(d)!;
    out.set(d, new Map(computed.map((ind, i) => [ind.id, { ...byKey.get(compiled[i].key)! }])));
  }
  return out;
}

/** One SQL pass for the date, nothing kept (the independent source the tests compare the timeline with). */
function countBySql(db: AppDb, computed: Indicator[], onDate: string, v: Vocabulary): Map<number, Counted> {
  const needs = new Needs();
  const compiled = computed.map((i) => ({ id: i.id, inPopulation: compilePopulation(i.definition!.population, v, needs), counts: compileCondition(i.definition!.counted, v, needs) }));
  const n = new Int32Array(compiled.length);
  const N = new Int32Array(compiled.length);
  forEachPackedRow(prepare(db, factsSql(v, needs)).raw(true).all({ d: onDate }) as unknown[][], v, (p) => {
    for (let c = 0; c < compiled.length; c++) {
      if (!compiled[c].inPopulation(p)) continue;
      N[c]++;
      if (compiled[c].counts(p)) n[c]++;
    }
  });
  return new Map(compiled.map((c, i) => [c.id, { n: n[i], N: N[i] }]));
}

/**
 * Several dates known together (a report's quarter and the one before): counted in one walk over the timeline;
 * computeIndicators then finds their figures kept.
 */
export function prepareIndicatorDates(db: AppDb, input: { dates: string[]; resolutionId?: number }): void {
  if (engine === 'sql') return;
  // Each date's resolution is the one in force on it (usually one for them all): each counts its own indicators.
  const byResolution = new Map<number | null, string[]>();
  for (const d of new Set(input.dates)) {
    const r = resolveResolutionId(db, input.resolutionId, d);
    byResolution.set(r, [...(byResolution.get(r) ?? []), d]);
  }
  const v = vocabularyOf(db);
  for (const [r, ds] of byResolution) if (r !== null) countOnDates(db, listIndicators(db, r), ds, v);
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
  const counted = countOnDates(db, inds, [input.onDate], ctx).get(input.onDate)!;
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
  const ids: number[] = [];
  const visit = (inPopulation: Predicate, counts: Predicate) => (p: Packed) => {
    if (!inPopulation(p)) return;
    if (input.set === 'denominator' || (input.set === 'numerator') === counts(p)) ids.push(p.id);
  };
  if (engine === 'sql') {
    const needs = new Needs();
    const f = visit(compilePopulation(ind.definition.population, v, needs), compileCondition(ind.definition.counted, v, needs));
    forEachPackedRow(prepare(db, factsSql(v, needs)).raw(true).all({ d: input.onDate }) as unknown[][], v, f);
  } else {
    const k = keptOf(db, v);
    const c = compiledOf(k, ind, v);
    forEachPersonOn(currentTimeline(db, k, v, c.categories), input.onDate, visit(c.inPopulation, c.counts));
    keepImageIfDue(db, k);
  }
  return ids;
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
  prepareIndicatorDates(db, { dates: quarters.map(quarterEnd), resolutionId });
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

