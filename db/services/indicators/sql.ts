import type { Vocabulary } from './packed';
import { CATEGORY_BIT, FLAG_BIT, KIND_BIT, LEVEL_BIT, type Needs, type Packed, type Slot } from './packed';

// One SQL pass per date: every cadre at work on @d, packed into integers (see packed.ts). SQLite does the joins and
// the per-cadre aggregation of qualifications in C and hands back one row of small integers per cadre; the compiled
// predicates then count every indicator in one loop.
//
// Status on @d = the latest event on or before @d (none = working); the few cadres whose latest event says they
// left are found once from the events (a small table), not looked up for each cadre. The unit is that of the
// assignment in force on @d (the latest started if two overlap), counted only when the unit itself exists on @d, so
// a unit that ceased on 30/06 has nobody from 01/07 even if a stale assignment was left open. Qualifications count
// from their award date;
// a partial date ("2015", "2015-06") compares as text before any full date of that year or month, so it counts from
// the first day it can stand for; no date = held.

/** A text literal for SQL (keys come from data, so quotes are doubled, never trusted). */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const list = (values: Iterable<string>) => {
  const v = [...values];
  return v.length ? `(${v.map(lit).join(', ')})` : '(NULL)';
};
const int = (n: number) => {
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};
const bitCase = (col: string, bits: Map<string, number>) =>
  bits.size ? `case ${col} ${[...bits].map(([k, b]) => `when ${lit(k)} then ${int(b)}`).join(' ')} else 0 end` : '0';

/** The statement; parameters: @d (ISO date). Columns in the order readPacked expects. */
export function factsSql(v: Vocabulary, needs: Needs): string {
  const cats = (m: Map<string, Map<string, Slot>>, w: number) =>
    [...m]
      .filter(([cat]) => needs.categories.has(cat))
      .map(([cat, slots]) => [cat, [...slots].filter(([, s]) => s.word === w)] as const)
      .filter(([, slots]) => slots.length > 0);
  // One nested CASE per row and word: category first, then the level (or fluency) key. Bits are distinct powers of
  // two, so SUM(DISTINCT) is their OR.
  const wordCase = (m: Map<string, Map<string, Slot>>, w: number, col: 'level_key' | 'fluency') =>
    `case q.category ${cats(m, w)
      .map(([cat, slots]) => `when ${lit(cat)} then case q.${col} ${slots.map(([k, s]) => `when ${lit(k)} then ${int(s.bit)}`).join(' ')} end`)
      .join(' ')} end`;
  const qcols: string[] = [];
  const lw: string[] = [];
  const fw: string[] = [];
  for (let w = 0; w < v.layout.levelWords; w++) {
    if (needs.levelWords.has(w) && cats(v.layout.level, w).length) {
      qcols.push(`sum(distinct ${wordCase(v.layout.level, w, 'level_key')}) as lw${w}`);
      lw.push(`coalesce(qa.lw${w}, 0)`);
    } else lw.push('0');
  }
  for (let w = 0; w < v.layout.fluencyWords; w++) {
    if (needs.fluencyWords.has(w) && cats(v.layout.fluency, w).length) {
      qcols.push(`sum(distinct ${wordCase(v.layout.fluency, w, 'fluency')}) as fw${w}`);
      fw.push(`coalesce(qa.fw${w}, 0)`);
    } else fw.push('0');
  }
  // The scan reads qualifications_facts_idx only (every column is in it).
  const qa = qcols.length
    ? `qa as (
        select q.cadre_id, ${qcols.join(',\n               ')}
          from qualifications q
         where q.deleted_at is null and q.category in ${list(needs.categories)} and (q.award_date is null or q.award_date <= @d)
         group by q.cadre_id
      ),`
    : '';
  const fl = needs.flags
    ? `fl as (
        select f.cadre_id, sum(distinct ${bitCase('f.flag', FLAG_BIT)}) as bits
          from cadre_flags f
         where f.from_date <= @d and (f.to_date is null or f.to_date >= @d)
         group by f.cadre_id
      ),`
    : '';
  const ctes = `${qa}${fl}`.replace(/,\s*$/, '');
  return `${ctes ? `with ${ctes}` : ''}
    select c.id, u.id is not null, ${bitCase('c.category', CATEGORY_BIT)}, ${bitCase('u.level', LEVEL_BIT)}, ${bitCase('u.kind', KIND_BIT)},
           ${bitCase('a.position_code', v.positionBits)}, c.ethnicity in ${list(v.minorityEthnicities)}, coalesce(u.ethnic_contact, 0),
           ${needs.flags ? 'coalesce(fl.bits, 0)' : '0'}, ${[...lw, ...fw].join(', ')}
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
       and c.id not in (
             select s.cadre_id from (
               select cadre_id, status, row_number() over (partition by cadre_id order by effective_date desc, id desc) as rn
                 from cadre_status_events where effective_date <= @d) s
              where s.rn = 1 and s.status <> 'dang_cong_tac')`;
}

/** Calls `visit` with each raw row of factsSql as a Packed (one object, reused). */
export function forEachPackedRow(rows: unknown[][], v: Vocabulary, visit: (p: Packed) => void): void {
  const L = v.layout.levelWords;
  const p: Packed = {
    id: 0, hasUnit: false, cat: 0, level: 0, kind: 0, pos: 0, minority: false, ethnicContact: false, flags: 0,
    lw: new Int32Array(L), fw: new Int32Array(v.layout.fluencyWords),
  };
  for (const r of rows) {
    p.id = r[0] as number;
    p.hasUnit = r[1] === 1;
    p.cat = r[2] as number;
    p.level = r[3] as number;
    p.kind = r[4] as number;
    p.pos = r[5] as number;
    p.minority = r[6] === 1;
    p.ethnicContact = r[7] === 1;
    p.flags = r[8] as number;
    for (let w = 0; w < L; w++) p.lw[w] = r[9 + w] as number;
    for (let w = 0; w < p.fw.length; w++) p.fw[w] = r[9 + L + w] as number;
    visit(p);
  }
}
