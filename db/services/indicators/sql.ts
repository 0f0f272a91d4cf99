import type { Condition, Population, TrainingStandard } from '../../../shared/api/indicators';
import type { CodeEntry } from '../../../shared/api/codes';
import { CADRE_CATEGORIES, CADRE_FLAG_KEYS, QUALIFICATION_CATEGORY_KEYS, UNIT_KINDS, UNIT_LEVELS } from '../../../shared/domain/codes';

// Indicator definitions compiled to SQL. One statement per date builds every cadre's facts as of that date (status,
// unit of the assignment in force, roles, and per qualification category the highest rank and the levels held as
// bits) and counts every indicator's population and numerator with SUM(CASE ...): SQLite does the whole pass in C
// and returns one row. The member lists use the same compiled expressions, so the people behind a figure are
// exactly those counted.

export interface SqlContext {
  /** code list name -> key -> entry (levels live in "level.<category>", fluency in "language_fluency"). */
  codes: Map<string, Map<string, CodeEntry>>;
  /** Training standards by set, in the order they are tried. */
  standards: Map<string, TrainingStandard[]>;
  /** Ethnicity keys marked as minority (attrs.minority). */
  minorityEthnicities: string[];
  /** Bits of levels and fluencies (see bitLayout). */
  layout: BitLayout;
}

/** A text literal for SQL (keys come from data, so quotes are doubled, never trusted). */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const list = (values: Iterable<string>) => {
  const v = [...values];
  return v.length ? `(${v.map(lit).join(', ')})` : '(NULL)';
};
const num = (n: number) => {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return String(n);
};

/** Always 0 or 1, never NULL: a NULL in a NOT or an AND would silently drop or keep people. */
const truthy = (expr: string) => `coalesce((${expr}), 0)`;

// Categories, unit levels, unit kinds and positions become bits once per cadre row, so the many population tests
// of a pass are integer ANDs rather than string lookups in IN lists. A value outside the vocabulary has bit 0: it
// matches no include list and no exclusion, as it would match no IN list.
const enumBits = (keys: string[]) => new Map(keys.map((k, i) => [k, 2 ** i]));
const CATEGORY_BIT = enumBits(Object.keys(CADRE_CATEGORIES));
const LEVEL_BIT = enumBits(Object.keys(UNIT_LEVELS));
const KIND_BIT = enumBits(Object.keys(UNIT_KINDS));
const maskOf = (bits: Map<string, number>, keys: string[]) => [...new Set(keys)].reduce((m, k) => m + (bits.get(k) ?? 0), 0);
const bitCase = (col: string, bits: Map<string, number>) => `case ${col} ${[...bits].map(([k, b]) => `when ${lit(k)} then ${num(b)}`).join(' ')} else 0 end`;
/** Positions are an open code list: bits by entry id order, the first 52 entries. */
const positionBits = (ctx: SqlContext) =>
  new Map([...(ctx.codes.get('position')?.values() ?? [])].sort((a, b) => a.id - b.id).slice(0, 52).map((e, i) => [e.key, 2 ** i]));
const hasBit = (col: string, mask: number) => (mask === 0 ? '0' : `(${col} & ${num(mask)}) <> 0`);

const FLAG_BIT = new Map<string, number>(CADRE_FLAG_KEYS.map((f, i) => [f, 2 ** i]));

/**
 * Every qualification level (per category) and every fluency (per category) gets one bit in a few 52-bit words
 * (52: masks are built in JS numbers, exact up to 2^53; SQLite's & works on 64-bit integers). A cadre's facts
 * then hold, per word, the OR of the bits of everything they hold on the date: one CASE per qualification row.
 * "Highest level at least L" is the same as "holds some level ranked at least L", so ranks need no column.
 */
export interface BitLayout {
  level: Map<string, Map<string, { word: number; bit: number }>>;
  fluency: Map<string, Map<string, { word: number; bit: number }>>;
  levelWords: number;
  fluencyWords: number;
}

// The categories the seeded indicators read come first, so usually one word holds everything needed.
const LAYOUT_ORDER = ['chuyen_mon', 'pho_thong', 'ly_luan_chinh_tri', 'quan_ly_nha_nuoc', 'tieng_dtts', ...QUALIFICATION_CATEGORY_KEYS];
const WORD_BITS = 52;

export function bitLayout(codes: Map<string, Map<string, CodeEntry>>): BitLayout {
  const cats = [...new Set(LAYOUT_ORDER)];
  const assign = (entriesOf: (cat: string) => CodeEntry[]) => {
    const out = new Map<string, Map<string, { word: number; bit: number }>>();
    let i = 0;
    for (const cat of cats) {
      const m = new Map<string, { word: number; bit: number }>();
      for (const e of [...entriesOf(cat)].sort((a, b) => a.id - b.id)) {
        m.set(e.key, { word: Math.floor(i / WORD_BITS), bit: 2 ** (i % WORD_BITS) });
        i++;
      }
      out.set(cat, m);
    }
    return { map: out, words: Math.ceil(i / WORD_BITS) };
  };
  const lv = assign((cat) => [...(codes.get(`level.${cat}`)?.values() ?? [])]);
  // Fluency is recorded for language categories; any category may carry it, each gets its own bits.
  const fl = assign(() => [...(codes.get('language_fluency')?.values() ?? [])]);
  return { level: lv.map, fluency: fl.map, levelWords: lv.words, fluencyWords: fl.words };
}

/** Which bit words the compiled expressions read, so the facts query computes only those. */
export class Needs {
  levelWords = new Set<number>();
  fluencyWords = new Set<number>();
  /** Qualification categories read: only their rows are scanned. */
  categories = new Set<string>();
  flags = false;
}

/** "(p.lw0 & m0) <> 0 or (p.lw1 & m1) <> 0" for a set of bits; '0' when the set is empty. */
function anyBitSql(bits: { word: number; bit: number }[], prefix: 'lw' | 'fw', needs: Needs): string {
  const byWord = new Map<number, number>();
  for (const b of bits) byWord.set(b.word, (byWord.get(b.word) ?? 0) + b.bit);
  if (byWord.size === 0) return '0';
  const parts = [...byWord].map(([w, mask]) => {
    (prefix === 'lw' ? needs.levelWords : needs.fluencyWords).add(w);
    return `(p.${prefix}${w} & ${num(mask)}) <> 0`;
  });
  return truthy(parts.join(' or '));
}

// ---- Populations -------------------------------------------------------------------------------------------------


export function populationSql(pop: Population, ctx: SqlContext, needs: Needs): string {
  const parts: string[] = [];
  if (pop.unitLevels?.length || pop.unitKinds?.length || pop.excludeUnitKinds?.length || pop.ethnicContactUnit) parts.push('p.unit_id is not null');
  if (pop.unitLevels?.length) parts.push(hasBit('p.level_bit', maskOf(LEVEL_BIT, pop.unitLevels)));
  if (pop.unitKinds?.length) parts.push(hasBit('p.kind_bit', maskOf(KIND_BIT, pop.unitKinds)));
  if (pop.excludeUnitKinds?.length) parts.push(`not ${hasBit('p.kind_bit', maskOf(KIND_BIT, pop.excludeUnitKinds))}`);
  if (pop.categories?.length) parts.push(hasBit('p.cat_bit', maskOf(CATEGORY_BIT, pop.categories)));
  if (pop.flagsAny?.length) {
    needs.flags = true;
    let mask = 0;
    for (const f of pop.flagsAny) mask += FLAG_BIT.get(f) ?? 0;
    parts.push(`(p.flag_bits & ${num(mask)}) <> 0`);
  }
  if (pop.ethnicMinority) parts.push('p.minority = 1');
  if (pop.ethnicContactUnit) parts.push('p.ethnic_contact = 1');
  for (const rule of pop.exclude ?? []) {
    const m: string[] = [];
    if (rule.categories?.length) m.push(hasBit('p.cat_bit', maskOf(CATEGORY_BIT, rule.categories)));
    if (rule.unitKinds?.length) m.push(hasBit('p.kind_bit', maskOf(KIND_BIT, rule.unitKinds)));
    if (rule.unitLevels?.length) m.push(hasBit('p.level_bit', maskOf(LEVEL_BIT, rule.unitLevels)));
    // An empty rule would exclude everybody; it is ignored instead.
    if (m.length) parts.push(`not ${truthy(m.join(' and '))}`);
  }
  return parts.length ? truthy(parts.map((x) => `(${x})`).join(' and ')) : '1';
}

// ---- Conditions ----------------------------------------------------------------------------------------------------

function levelBits(ctx: SqlContext, category: string, pick: (e: CodeEntry) => boolean, needs: Needs) {
  needs.categories.add(category);
  const entries = ctx.codes.get(`level.${category}`);
  const slots = ctx.layout.level.get(category);
  if (!entries || !slots) return [];
  return [...entries.values()].filter(pick).map((e) => slots.get(e.key)!).filter(Boolean);
}

function atLeastSql(ctx: SqlContext, category: string, level: string, needs: Needs): string {
  const need = ctx.codes.get(`level.${category}`)?.get(level)?.rank;
  // An unknown level cannot be met; the definition screen refuses such keys, this only guards old data.
  if (need === undefined) return '0';
  return anyBitSql(levelBits(ctx, category, (e) => e.rank >= need, needs), 'lw', needs);
}

/** The standard that applies: the first row of the set whose every given condition matches; no row = not met. */
export function standardSetSql(set: string, ctx: SqlContext, needs: Needs): string {
  const rows = ctx.standards.get(set) ?? [];
  if (rows.length === 0) return '0';
  const whens = rows.map((s) => {
    const applies: string[] = [];
    if (s.positionCodes?.length) applies.push(hasBit('p.pos_bit', maskOf(positionBits(ctx), s.positionCodes)));
    if (s.unitLevels?.length) applies.push(hasBit('p.level_bit', maskOf(LEVEL_BIT, s.unitLevels)));
    if (s.categories?.length) applies.push(hasBit('p.cat_bit', maskOf(CATEGORY_BIT, s.categories)));
    const reqs: string[] = [];
    if (s.minGeneral) reqs.push(atLeastSql(ctx, 'pho_thong', s.minGeneral, needs));
    if (s.minProfessional) reqs.push(atLeastSql(ctx, 'chuyen_mon', s.minProfessional, needs));
    if (s.minPolitical) reqs.push(atLeastSql(ctx, 'ly_luan_chinh_tri', s.minPolitical, needs));
    if (s.minStateMgmt) reqs.push(atLeastSql(ctx, 'quan_ly_nha_nuoc', s.minStateMgmt, needs));
    return `when ${applies.length ? truthy(applies.join(' and ')) : '1'} then ${reqs.length ? reqs.join(' and ') : '1'}`;
  });
  return `(case ${whens.join(' ')} else 0 end)`;
}

export function conditionSql(c: Condition, ctx: SqlContext, needs: Needs): string {
  switch (c.type) {
    case 'levelAtLeast':
      return atLeastSql(ctx, c.category, c.level, needs);
    case 'hasLevel':
      return anyBitSql(levelBits(ctx, c.category, (e) => c.levels.includes(e.key), needs), 'lw', needs);
    case 'levelAttr':
      return anyBitSql(levelBits(ctx, c.category, (e) => !!e.attrs?.[c.attr], needs), 'lw', needs);
    case 'fluencyAttr': {
      const entries = ctx.codes.get('language_fluency');
      const slots = ctx.layout.fluency.get(c.category);
      needs.categories.add(c.category);
      if (!entries || !slots) return '0';
      return anyBitSql([...entries.values()].filter((e) => !!e.attrs?.[c.attr]).map((e) => slots.get(e.key)!).filter(Boolean), 'fw', needs);
    }
    case 'meetsStandard':
      return standardSetSql(c.standardSet, ctx, needs);
    case 'all':
      return `(${c.of.map((x) => conditionSql(x, ctx, needs)).join(' and ')})`;
    case 'any':
      return `(${c.of.map((x) => conditionSql(x, ctx, needs)).join(' or ')})`;
    case 'not':
      return `(not ${conditionSql(c.cond, ctx, needs)})`;
  }
}

// ---- The facts of every cadre on @d ------------------------------------------------------------------------------

/**
 * CTE "p": one row per cadre at work on @d. Status on @d = the latest event on or before @d (none = working); the
 * unit is that of the assignment in force on @d (the latest started if two overlap), counted only when the unit
 * itself exists on @d, so a unit that ceased on 30/06 has nobody from 01/07 even if a stale assignment was left
 * open. Qualifications count from their award date; a partial date ("2015", "2015-06") compares as text before any
 * full date of that year or month, so it counts from the first day it can stand for; no date = held.
 */
export function factsCte(ctx: SqlContext, needs: Needs): string {
  const cols: string[] = [];
  const qcols: string[] = [];
  const cats = (m: Map<string, Map<string, { word: number; bit: number }>>, w: number) =>
    [...m]
      .filter(([cat]) => needs.categories.has(cat))
      .map(([cat, slots]) => [cat, [...slots].filter(([, b]) => b.word === w)] as const)
      .filter(([, slots]) => slots.length > 0);
  // One nested CASE per row and word: category first, then level (or fluency) key.
  const wordCase = (m: Map<string, Map<string, { word: number; bit: number }>>, w: number, col: 'level_key' | 'fluency') =>
    `case q.category ${cats(m, w)
      .map(([cat, slots]) => `when ${lit(cat)} then case q.${col} ${slots.map(([k, b]) => `when ${lit(k)} then ${num(b.bit)}`).join(' ')} end`)
      .join(' ')} end`;
  for (const w of [...needs.levelWords].sort()) {
    qcols.push(`sum(distinct ${wordCase(ctx.layout.level, w, 'level_key')}) as lw${w}`);
    cols.push(`coalesce(qa.lw${w}, 0) as lw${w}`);
  }
  for (const w of [...needs.fluencyWords].sort()) {
    qcols.push(`sum(distinct ${wordCase(ctx.layout.fluency, w, 'fluency')}) as fw${w}`);
    cols.push(`coalesce(qa.fw${w}, 0) as fw${w}`);
  }
  const qa = qcols.length
    ? `qa as (
        select q.cadre_id, ${qcols.join(',\n               ')}
          from qualifications q
         where q.deleted_at is null and q.category in ${list(needs.categories)} and (q.award_date is null or q.award_date <= @d)
         group by q.cadre_id
      ),`
    : '';
  const flagBit = `case f.flag ${[...FLAG_BIT].map(([k, b]) => `when ${lit(k)} then ${num(b)}`).join(' ')} end`;
  const fl = needs.flags
    ? `fl as (
        select f.cadre_id, sum(distinct ${flagBit}) as flag_bits
          from cadre_flags f
         where f.from_date <= @d and (f.to_date is null or f.to_date >= @d)
         group by f.cadre_id
      ),`
    : '';
  return `with ${qa} ${fl}
    p as (
      select c.id, u.id as unit_id, coalesce(u.ethnic_contact, 0) as ethnic_contact,
             ${bitCase('c.category', CATEGORY_BIT)} as cat_bit,
             ${bitCase('u.level', LEVEL_BIT)} as level_bit,
             ${bitCase('u.kind', KIND_BIT)} as kind_bit,
             ${bitCase('a.position_code', positionBits(ctx))} as pos_bit,
             (c.ethnicity in ${list(ctx.minorityEthnicities)}) as minority
             ${needs.flags ? ', coalesce(fl.flag_bits, 0) as flag_bits' : ''}
             ${cols.length ? ', ' + cols.join(', ') : ''}
        from cadres c
        left join assignments a on a.id = (
              select x.id from assignments x
               where x.cadre_id = c.id and x.deleted_at is null and x.from_date <= @d and (x.to_date is null or x.to_date >= @d)
               order by x.from_date desc, x.id desc limit 1)
        left join units u on u.id = a.unit_id and u.deleted_at is null
             and (u.valid_from is null or u.valid_from <= @d) and (u.valid_to is null or u.valid_to >= @d)
        ${needs.flags ? 'left join fl on fl.cadre_id = c.id' : ''}
        ${qcols.length ? 'left join qa on qa.cadre_id = c.id' : ''}
       where c.deleted_at is null
         and coalesce((select s.status from cadre_status_events s
                        where s.cadre_id = c.id and s.effective_date <= @d
                        order by s.effective_date desc, s.id desc limit 1), 'dang_cong_tac') = 'dang_cong_tac'
    )`;
}
