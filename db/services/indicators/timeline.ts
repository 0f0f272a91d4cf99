import type { AppDb } from '../../open';
import type { CodeEntry } from '../../../shared/api/codes';
import type { Condition, Population } from '../../../shared/api/indicators';
import { CADRE_FLAG_KEYS, QUALIFICATION_CATEGORY_KEYS } from '../../../shared/domain/codes';
import type { SqlContext } from './sql';

// The dated records behind the computed indicators, loaded once into compact per-cadre ranges and then read "as
// of" any date in memory. A series since 2021 asks for some twenty quarter ends: one load plus a cheap pass per
// date beats one SQL pass per date. The rules are the same as the SQL in sql.ts (the unit tests run both paths
// on the same data and expect the same figures):
// - status on D = the latest event on or before D; no event = working;
// - the unit is that of the assignment in force on D (latest started; ties: newer row), counted only when the
//   unit itself exists on D;
// - qualifications count from their award date; partial dates ("2015", "2015-06") compare as text before any
//   full date of that year or month; no date = held.

const CATEGORY_INDEX = new Map<string, number>(QUALIFICATION_CATEGORY_KEYS.map((c, i) => [c, i]));
const CATEGORY_COUNT = QUALIFICATION_CATEGORY_KEYS.length;
const FLAG_BIT = new Map<string, number>(CADRE_FLAG_KEYS.map((f, i) => [f, 2 ** i]));

/** Same bit assignment as sql.ts: entry id order, 31 bits at most. */
function bitsOf(entries: Iterable<CodeEntry>): Map<string, number> {
  const sorted = [...entries].sort((a, b) => a.id - b.id);
  return new Map(sorted.map((e, i) => [e.key, i < 31 ? 2 ** i : 0]));
}

interface UnitFact {
  level: string;
  kind: string;
  ethnicContact: boolean;
  validFrom: string | null;
  validTo: string | null;
}

/** Child rows of cadre i live at [start[i], end[i]) of the parallel arrays. */
interface Ranges {
  start: Int32Array;
  end: Int32Array;
}

export interface Timeline {
  cadreIds: number[];
  category: string[];
  ethnicity: (string | null)[];
  units: Map<number, UnitFact>;
  asg: Ranges & { unit: number[]; position: (string | null)[]; from: string[]; to: (string | null)[] };
  status: Ranges & { status: string[]; date: string[] };
  flags: Ranges & { bit: number[]; from: string[]; to: (string | null)[] };
  quals: Ranges & { cat: Uint8Array; rank: Float64Array; bit: Int32Array; fluencyBit: Int32Array; award: (string | null)[] };
}

/** One cadre as of a date. The object and its arrays are reused from one cadre to the next. */
export interface PersonOnDate {
  id: number;
  category: string;
  ethnicity: string | null;
  hasUnit: boolean;
  unitLevel: string | null;
  unitKind: string | null;
  ethnicContact: boolean;
  positionCode: string | null;
  flagBits: number;
  ranks: Float64Array;
  levelBits: Int32Array;
  fluencyBits: Int32Array;
}

const ranges = (n: number): Ranges => ({ start: new Int32Array(n), end: new Int32Array(n) });

/** Reads cadre-ordered rows into ranges; rows of deleted cadres (not in `index`) are skipped. */
function fill(rows: unknown[][], index: Map<number, number>, r: Ranges, push: (row: unknown[]) => void): void {
  let k = 0;
  let cur = -1;
  for (const row of rows) {
    const ci = index.get(row[0] as number);
    if (ci === undefined) continue;
    if (ci !== cur) {
      r.start[ci] = k;
      cur = ci;
    }
    push(row);
    k++;
    r.end[ci] = k;
  }
}

export function loadTimeline(db: AppDb, codes: Map<string, Map<string, CodeEntry>>): Timeline {
  const s = db.sqlite;
  const cadreRows = s.prepare('select id, category, ethnicity from cadres where deleted_at is null order by id').raw(true).all() as [number, string, string | null][];
  const n = cadreRows.length;
  const index = new Map<number, number>();
  const t: Timeline = {
    cadreIds: new Array(n),
    category: new Array(n),
    ethnicity: new Array(n),
    units: new Map(),
    asg: { ...ranges(n), unit: [], position: [], from: [], to: [] },
    status: { ...ranges(n), status: [], date: [] },
    flags: { ...ranges(n), bit: [], from: [], to: [] },
    quals: { ...ranges(n), cat: new Uint8Array(0), rank: new Float64Array(0), bit: new Int32Array(0), fluencyBit: new Int32Array(0), award: [] },
  };
  cadreRows.forEach(([id, category, ethnicity], i) => {
    index.set(id, i);
    t.cadreIds[i] = id;
    t.category[i] = category;
    t.ethnicity[i] = ethnicity;
  });
  for (const [id, level, kind, ec, from, to] of s
    .prepare('select id, level, kind, ethnic_contact, valid_from, valid_to from units where deleted_at is null')
    .raw(true)
    .all() as [number, string, string, number, string | null, string | null][]) {
    t.units.set(id, { level, kind, ethnicContact: !!ec, validFrom: from, validTo: to });
  }
  fill(
    s.prepare('select cadre_id, unit_id, position_code, from_date, to_date from assignments where deleted_at is null order by cadre_id, from_date, id').raw(true).all() as unknown[][],
    index,
    t.asg,
    (r) => {
      t.asg.unit.push(r[1] as number);
      t.asg.position.push(r[2] as string | null);
      t.asg.from.push(r[3] as string);
      t.asg.to.push(r[4] as string | null);
    },
  );
  fill(s.prepare('select cadre_id, status, effective_date from cadre_status_events order by cadre_id, effective_date, id').raw(true).all() as unknown[][], index, t.status, (r) => {
    t.status.status.push(r[1] as string);
    t.status.date.push(r[2] as string);
  });
  fill(s.prepare('select cadre_id, flag, from_date, to_date from cadre_flags order by cadre_id').raw(true).all() as unknown[][], index, t.flags, (r) => {
    t.flags.bit.push(FLAG_BIT.get(r[1] as string) ?? 0);
    t.flags.from.push(r[2] as string);
    t.flags.to.push(r[3] as string | null);
  });

  const qualRows = s
    .prepare('select cadre_id, category, level_key, fluency, award_date from qualifications where deleted_at is null order by cadre_id')
    .raw(true)
    .all() as unknown[][];
  const q = t.quals;
  q.cat = new Uint8Array(qualRows.length);
  q.rank = new Float64Array(qualRows.length);
  q.bit = new Int32Array(qualRows.length);
  q.fluencyBit = new Int32Array(qualRows.length);
  const levelBits = new Map<string, Map<string, number>>();
  const bitsFor = (category: string) => {
    let b = levelBits.get(category);
    if (!b) levelBits.set(category, (b = bitsOf(codes.get(`level.${category}`)?.values() ?? [])));
    return b;
  };
  const fluencyBits = bitsOf(codes.get('language_fluency')?.values() ?? []);
  let k = 0;
  fill(qualRows, index, q, (r) => {
    const category = r[1] as string;
    const level = r[2] as string;
    q.cat[k] = CATEGORY_INDEX.get(category) ?? 255;
    // A level missing from the code list is held but ranks nowhere: it never satisfies "at least".
    q.rank[k] = codes.get(`level.${category}`)?.get(level)?.rank ?? -Infinity;
    q.bit[k] = bitsFor(category).get(level) ?? 0;
    q.fluencyBit[k] = r[3] ? (fluencyBits.get(r[3] as string) ?? 0) : 0;
    q.award.push(r[4] as string | null);
    k++;
  });
  return t;
}

/** Calls `visit` for every cadre at work on the date, with unit, roles and qualifications as of that date. */
export function forEachPersonOn(t: Timeline, d: string, visit: (p: PersonOnDate) => void): void {
  const p: PersonOnDate = {
    id: 0, category: '', ethnicity: null, hasUnit: false, unitLevel: null, unitKind: null, ethnicContact: false, positionCode: null, flagBits: 0,
    ranks: new Float64Array(CATEGORY_COUNT), levelBits: new Int32Array(CATEGORY_COUNT), fluencyBits: new Int32Array(CATEGORY_COUNT),
  };
  const { asg, status, flags, quals } = t;
  for (let i = 0; i < t.cadreIds.length; i++) {
    let st = 'dang_cong_tac';
    for (let k = status.start[i]; k < status.end[i]; k++) {
      if (status.date[k] <= d) st = status.status[k];
      else break;
    }
    if (st !== 'dang_cong_tac') continue;
    let a = -1;
    for (let k = asg.start[i]; k < asg.end[i]; k++) {
      if (asg.from[k] > d) break;
      const to = asg.to[k];
      if (to === null || to >= d) a = k;
    }
    const u = a >= 0 ? t.units.get(asg.unit[a]) : undefined;
    const unitOk = !!u && (u.validFrom === null || u.validFrom <= d) && (u.validTo === null || u.validTo >= d);
    p.id = t.cadreIds[i];
    p.category = t.category[i];
    p.ethnicity = t.ethnicity[i];
    p.hasUnit = unitOk;
    p.unitLevel = unitOk ? u!.level : null;
    p.unitKind = unitOk ? u!.kind : null;
    p.ethnicContact = unitOk ? u!.ethnicContact : false;
    p.positionCode = a >= 0 ? asg.position[a] : null;
    p.flagBits = 0;
    for (let k = flags.start[i]; k < flags.end[i]; k++) {
      const to = flags.to[k];
      if (flags.from[k] <= d && (to === null || to >= d)) p.flagBits |= flags.bit[k];
    }
    p.ranks.fill(-Infinity);
    p.levelBits.fill(0);
    p.fluencyBits.fill(0);
    for (let k = quals.start[i]; k < quals.end[i]; k++) {
      const award = quals.award[k];
      if (award !== null && award > d) continue;
      const c = quals.cat[k];
      if (c === 255) continue;
      if (quals.rank[k] > p.ranks[c]) p.ranks[c] = quals.rank[k];
      p.levelBits[c] |= quals.bit[k];
      p.fluencyBits[c] |= quals.fluencyBit[k];
    }
    visit(p);
  }
}

// ---- Definitions as predicates (mirror of sql.ts) -----------------------------------------------------------------

export type Predicate = (p: PersonOnDate) => boolean;
const NEVER: Predicate = () => false;

const inList = (list: string[] | null | undefined) => {
  if (!list || list.length === 0) return null;
  const set = new Set(list);
  return (v: string | null) => v !== null && set.has(v);
};

export function compilePopulation(pop: Population, ctx: SqlContext): Predicate {
  const checks: Predicate[] = [];
  if (pop.unitLevels?.length || pop.unitKinds?.length || pop.excludeUnitKinds?.length || pop.ethnicContactUnit) checks.push((p) => p.hasUnit);
  const levels = inList(pop.unitLevels);
  if (levels) checks.push((p) => levels(p.unitLevel));
  const kinds = inList(pop.unitKinds);
  if (kinds) checks.push((p) => kinds(p.unitKind));
  const excluded = inList(pop.excludeUnitKinds);
  if (excluded) checks.push((p) => !excluded(p.unitKind));
  const categories = inList(pop.categories);
  if (categories) checks.push((p) => categories(p.category));
  if (pop.flagsAny?.length) {
    let mask = 0;
    for (const f of pop.flagsAny) mask |= FLAG_BIT.get(f) ?? 0;
    checks.push((p) => (p.flagBits & mask) !== 0);
  }
  if (pop.ethnicMinority) {
    const minority = new Set(ctx.minorityEthnicities);
    checks.push((p) => p.ethnicity !== null && minority.has(p.ethnicity));
  }
  if (pop.ethnicContactUnit) checks.push((p) => p.ethnicContact);
  for (const rule of pop.exclude ?? []) {
    const parts: Predicate[] = [];
    const c = inList(rule.categories);
    if (c) parts.push((p) => c(p.category));
    const k = inList(rule.unitKinds);
    if (k) parts.push((p) => k(p.unitKind));
    const l = inList(rule.unitLevels);
    if (l) parts.push((p) => l(p.unitLevel));
    if (parts.length) checks.push((p) => !parts.every((f) => f(p)));
  }
  return (p) => checks.every((f) => f(p));
}

function atLeast(ctx: SqlContext, category: string, level: string): Predicate {
  const c = CATEGORY_INDEX.get(category);
  const need = ctx.codes.get(`level.${category}`)?.get(level)?.rank;
  if (c === undefined || need === undefined) return NEVER;
  return (p) => p.ranks[c] >= need;
}

function levelMask(ctx: SqlContext, category: string, pick: (e: CodeEntry) => boolean): Predicate {
  const c = CATEGORY_INDEX.get(category);
  const list = ctx.codes.get(`level.${category}`);
  if (c === undefined || !list) return NEVER;
  const bits = bitsOf(list.values());
  let mask = 0;
  for (const e of list.values()) if (pick(e)) mask |= bits.get(e.key) ?? 0;
  return (p) => (p.levelBits[c] & mask) !== 0;
}

function standardSet(set: string, ctx: SqlContext): Predicate {
  const rows = (ctx.standards.get(set) ?? []).map((s) => {
    const pos = inList(s.positionCodes);
    const lvl = inList(s.unitLevels);
    const cat = inList(s.categories);
    const reqs: Predicate[] = [];
    if (s.minGeneral) reqs.push(atLeast(ctx, 'pho_thong', s.minGeneral));
    if (s.minProfessional) reqs.push(atLeast(ctx, 'chuyen_mon', s.minProfessional));
    if (s.minPolitical) reqs.push(atLeast(ctx, 'ly_luan_chinh_tri', s.minPolitical));
    if (s.minStateMgmt) reqs.push(atLeast(ctx, 'quan_ly_nha_nuoc', s.minStateMgmt));
    return {
      applies: (p: PersonOnDate) => (!pos || pos(p.positionCode)) && (!lvl || lvl(p.unitLevel)) && (!cat || cat(p.category)),
      meets: (p: PersonOnDate) => reqs.every((r) => r(p)),
    };
  });
  return (p) => {
    for (const r of rows) if (r.applies(p)) return r.meets(p);
    return false;
  };
}

export function compileCondition(c: Condition, ctx: SqlContext): Predicate {
  switch (c.type) {
    case 'levelAtLeast':
      return atLeast(ctx, c.category, c.level);
    case 'hasLevel':
      return levelMask(ctx, c.category, (e) => c.levels.includes(e.key));
    case 'levelAttr':
      return levelMask(ctx, c.category, (e) => !!e.attrs?.[c.attr]);
    case 'fluencyAttr': {
      const ci = CATEGORY_INDEX.get(c.category);
      const list = ctx.codes.get('language_fluency');
      if (ci === undefined || !list) return NEVER;
      const bits = bitsOf(list.values());
      let mask = 0;
      for (const e of list.values()) if (e.attrs?.[c.attr]) mask |= bits.get(e.key) ?? 0;
      return (p) => (p.fluencyBits[ci] & mask) !== 0;
    }
    case 'meetsStandard':
      return standardSet(c.standardSet, ctx);
    case 'all': {
      const parts = c.of.map((x) => compileCondition(x, ctx));
      return (p) => parts.every((f) => f(p));
    }
    case 'any': {
      const parts = c.of.map((x) => compileCondition(x, ctx));
      return (p) => parts.some((f) => f(p));
    }
    case 'not': {
      const inner = compileCondition(c.cond, ctx);
      return (p) => !inner(p);
    }
  }
}
