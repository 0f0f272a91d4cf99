import type { Condition, Population, TrainingStandard } from '../../../shared/api/indicators';
import type { CodeEntry } from '../../../shared/api/codes';
import { CADRE_FLAG_KEYS, QUALIFICATION_CATEGORY_KEYS } from '../../../shared/domain/codes';

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

const CATEGORY_COL = new Map<string, number>(QUALIFICATION_CATEGORY_KEYS.map((c, i) => [c, i]));
const FLAG_BIT = new Map<string, number>(CADRE_FLAG_KEYS.map((f, i) => [f, 2 ** i]));

/** Bits of a code list's keys, by entry id order (31 at most: SQLite's & works on 64 bits, but keep to 31 to stay exact everywhere). */
function bitsOf(entries: Iterable<CodeEntry>): Map<string, number> {
  const sorted = [...entries].sort((a, b) => a.id - b.id);
  return new Map(sorted.map((e, i) => [e.key, i < 31 ? 2 ** i : 0]));
}

/** Which qualification categories (and fluency) the compiled expressions read, so the facts query computes only those. */
export class Needs {
  ranks = new Set<number>();
  bits = new Set<number>();
  fluency = new Set<number>();
  flags = false;
}

// ---- Populations -------------------------------------------------------------------------------------------------

/** Always 0 or 1, never NULL: a NULL in a NOT or an AND would silently drop or keep people. */
const truthy = (expr: string) => `coalesce((${expr}), 0)`;

export function populationSql(pop: Population, ctx: SqlContext, needs: Needs): string {
  const parts: string[] = [];
  if (pop.unitLevels?.length || pop.unitKinds?.length || pop.excludeUnitKinds?.length || pop.ethnicContactUnit) parts.push('p.unit_id is not null');
  if (pop.unitLevels?.length) parts.push(`p.unit_level in ${list(pop.unitLevels)}`);
  if (pop.unitKinds?.length) parts.push(`p.unit_kind in ${list(pop.unitKinds)}`);
  if (pop.excludeUnitKinds?.length) parts.push(`p.unit_kind not in ${list(pop.excludeUnitKinds)}`);
  if (pop.categories?.length) parts.push(`p.category in ${list(pop.categories)}`);
  if (pop.flagsAny?.length) {
    needs.flags = true;
    let mask = 0;
    for (const f of pop.flagsAny) mask += FLAG_BIT.get(f) ?? 0;
    parts.push(`(p.flag_bits & ${num(mask)}) <> 0`);
  }
  if (pop.ethnicMinority) parts.push(`p.ethnicity in ${list(ctx.minorityEthnicities)}`);
  if (pop.ethnicContactUnit) parts.push('p.ethnic_contact = 1');
  for (const rule of pop.exclude ?? []) {
    const m: string[] = [];
    if (rule.categories?.length) m.push(`p.category in ${list(rule.categories)}`);
    if (rule.unitKinds?.length) m.push(`p.unit_kind in ${list(rule.unitKinds)}`);
    if (rule.unitLevels?.length) m.push(`p.unit_level in ${list(rule.unitLevels)}`);
    // An empty rule would exclude everybody; it is ignored instead.
    if (m.length) parts.push(`not ${truthy(m.join(' and '))}`);
  }
  return parts.length ? truthy(parts.map((x) => `(${x})`).join(' and ')) : '1';
}

// ---- Conditions ----------------------------------------------------------------------------------------------------

function atLeastSql(ctx: SqlContext, category: string, level: string, needs: Needs): string {
  const c = CATEGORY_COL.get(category);
  const need = ctx.codes.get(`level.${category}`)?.get(level)?.rank;
  // An unknown level cannot be met; the definition screen refuses such keys, this only guards old data.
  if (c === undefined || need === undefined) return '0';
  needs.ranks.add(c);
  return truthy(`p.r${c} >= ${num(need)}`);
}

function levelMaskSql(ctx: SqlContext, category: string, pick: (e: CodeEntry) => boolean, needs: Needs): string {
  const c = CATEGORY_COL.get(category);
  const entries = ctx.codes.get(`level.${category}`);
  if (c === undefined || !entries) return '0';
  const bits = bitsOf(entries.values());
  let mask = 0;
  for (const e of entries.values()) if (pick(e)) mask += bits.get(e.key) ?? 0;
  if (mask === 0) return '0';
  needs.bits.add(c);
  return truthy(`(p.b${c} & ${num(mask)}) <> 0`);
}

/** The standard that applies: the first row of the set whose every given condition matches; no row = not met. */
export function standardSetSql(set: string, ctx: SqlContext, needs: Needs): string {
  const rows = ctx.standards.get(set) ?? [];
  if (rows.length === 0) return '0';
  const whens = rows.map((s) => {
    const applies: string[] = [];
    if (s.positionCodes?.length) applies.push(`p.position_code in ${list(s.positionCodes)}`);
    if (s.unitLevels?.length) applies.push(`p.unit_level in ${list(s.unitLevels)}`);
    if (s.categories?.length) applies.push(`p.category in ${list(s.categories)}`);
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
      return levelMaskSql(ctx, c.category, (e) => c.levels.includes(e.key), needs);
    case 'levelAttr':
      return levelMaskSql(ctx, c.category, (e) => !!e.attrs?.[c.attr], needs);
    case 'fluencyAttr': {
      const ci = CATEGORY_COL.get(c.category);
      const entries = ctx.codes.get('language_fluency');
      if (ci === undefined || !entries) return '0';
      const bits = bitsOf(entries.values());
      let mask = 0;
      for (const e of entries.values()) if (e.attrs?.[c.attr]) mask += bits.get(e.key) ?? 0;
      if (mask === 0) return '0';
      needs.fluency.add(ci);
      return truthy(`(p.f${ci} & ${num(mask)}) <> 0`);
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
  const rankCase = (cat: string) => {
    const entries = [...(ctx.codes.get(`level.${cat}`)?.values() ?? [])];
    return entries.length ? `case q.level_key ${entries.map((e) => `when ${lit(e.key)} then ${num(e.rank)}`).join(' ')} end` : 'NULL';
  };
  const bitCase = (cat: string) => {
    const bits = bitsOf(ctx.codes.get(`level.${cat}`)?.values() ?? []);
    const whens = [...bits].filter(([, b]) => b > 0).map(([k, b]) => `when ${lit(k)} then ${num(b)}`);
    return whens.length ? `case q.level_key ${whens.join(' ')} end` : 'NULL';
  };
  const fluencyBits = bitsOf(ctx.codes.get('language_fluency')?.values() ?? []);
  const fluencyCase = `case q.fluency ${[...fluencyBits].filter(([, b]) => b > 0).map(([k, b]) => `when ${lit(k)} then ${num(b)}`).join(' ')} end`;
  for (const c of needs.ranks) {
    const cat = QUALIFICATION_CATEGORY_KEYS[c];
    qcols.push(`max(case when q.category = ${lit(cat)} then ${rankCase(cat)} end) as r${c}`);
    cols.push(`qa.r${c}`);
  }
  for (const c of needs.bits) {
    const cat = QUALIFICATION_CATEGORY_KEYS[c];
    qcols.push(`sum(distinct case when q.category = ${lit(cat)} then ${bitCase(cat)} end) as b${c}`);
    cols.push(`qa.b${c}`);
  }
  for (const c of needs.fluency) {
    const cat = QUALIFICATION_CATEGORY_KEYS[c];
    qcols.push(fluencyBits.size ? `sum(distinct case when q.category = ${lit(cat)} then ${fluencyCase} end) as f${c}` : `NULL as f${c}`);
    cols.push(`qa.f${c}`);
  }
  const cats = new Set([...needs.ranks, ...needs.bits, ...needs.fluency].map((c) => QUALIFICATION_CATEGORY_KEYS[c]));
  const qa = qcols.length
    ? `qa as (
        select q.cadre_id, ${qcols.join(',\n               ')}
          from qualifications q
         where q.deleted_at is null and q.category in ${list(cats)} and (q.award_date is null or q.award_date <= @d)
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
      select c.id, c.category, c.ethnicity, u.id as unit_id, u.level as unit_level, u.kind as unit_kind,
             u.ethnic_contact, a.position_code
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
