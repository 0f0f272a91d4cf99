import type { AppDb } from '../../open';

// The facts every computed indicator is built from, as they stood on one date. Three SQL statements load them
// once (people at work with their unit; roles in force; qualifications awarded by then); the definitions are
// then evaluated in memory, so all indicators of a quarter cost one pass over the data.

/** A cadre at work on the date, with the unit of their assignment on that date (null: no valid assignment). */
export interface PersonFact {
  id: number;
  category: string;
  ethnicity: string | null;
  unitId: number | null;
  positionCode: string | null;
  unitLevel: string | null;
  unitKind: string | null;
  ethnicContact: boolean;
  flags: string[];
}

/** A cadre's qualifications in one category: the highest rank and every level and fluency held. */
export interface QualFact {
  maxRank: number;
  levels: Set<string>;
  fluencies: Set<string>;
}

export interface Facts {
  onDate: string;
  people: PersonFact[];
  /** cadre id -> category -> held qualifications */
  quals: Map<number, Map<string, QualFact>>;
}

// Status on D = the latest event on or before D (no event = working). A cadre's unit on D = the assignment whose
// period contains D (the latest started, if two overlap), counted only when that unit itself exists on D, so a
// unit that ceased on 30/06 has nobody from 01/07 even if a stale assignment was left open.
const PEOPLE_SQL = `
  with a as (
    select cadre_id, unit_id, position_code,
           row_number() over (partition by cadre_id order by from_date desc, id desc) as rn
      from assignments
     where deleted_at is null and from_date <= @d and (to_date is null or to_date >= @d)
  ), s as (
    select cadre_id, status,
           row_number() over (partition by cadre_id order by effective_date desc, id desc) as rn
      from cadre_status_events
     where effective_date <= @d
  )
  select c.id, c.category, c.ethnicity, u.id as unitId, a.position_code as positionCode,
         u.level as unitLevel, u.kind as unitKind, coalesce(u.ethnic_contact, 0) as ethnicContact
    from cadres c
    left join s on s.cadre_id = c.id and s.rn = 1
    left join a on a.cadre_id = c.id and a.rn = 1
    left join units u on u.id = a.unit_id and u.deleted_at is null
                     and (u.valid_from is null or u.valid_from <= @d) and (u.valid_to is null or u.valid_to >= @d)
   where c.deleted_at is null and coalesce(s.status, 'dang_cong_tac') = 'dang_cong_tac'`;

const FLAGS_SQL = `
  select cadre_id, flag from cadre_flags
   where from_date <= @d and (to_date is null or to_date >= @d)`;

// Partial award dates ("2015", "2015-06") compare as text before any full date of that year / month, so they
// count from the first day they can stand for. A qualification without a date counts (the diploma is held).
const QUALS_SQL = `
  select q.cadre_id, q.category, q.level_key, q.fluency, cl.rank
    from qualifications q
    left join code_lists cl on cl.list = 'level.' || q.category and cl.key = q.level_key
   where q.deleted_at is null and (q.award_date is null or q.award_date <= @d)`;

type Stmts = { people: any; flags: any; quals: any };
const statements = new WeakMap<AppDb, Stmts>();

function prepared(db: AppDb): Stmts {
  let s = statements.get(db);
  if (!s) {
    s = {
      people: db.sqlite.prepare(PEOPLE_SQL).raw(true),
      flags: db.sqlite.prepare(FLAGS_SQL).raw(true),
      quals: db.sqlite.prepare(QUALS_SQL).raw(true),
    };
    statements.set(db, s);
  }
  return s;
}

export function loadFacts(db: AppDb, onDate: string): Facts {
  const st = prepared(db);
  const flagsOf = new Map<number, string[]>();
  for (const [cadreId, flag] of st.flags.all({ d: onDate }) as [number, string][]) {
    const list = flagsOf.get(cadreId);
    if (list) list.push(flag);
    else flagsOf.set(cadreId, [flag]);
  }
  const people: PersonFact[] = [];
  for (const r of st.people.all({ d: onDate }) as any[][]) {
    people.push({
      id: r[0],
      category: r[1],
      ethnicity: r[2],
      unitId: r[3],
      positionCode: r[4],
      unitLevel: r[5],
      unitKind: r[6],
      ethnicContact: !!r[7],
      flags: flagsOf.get(r[0]) ?? [],
    });
  }
  const quals = new Map<number, Map<string, QualFact>>();
  for (const [cadreId, category, level, fluency, rank] of st.quals.all({ d: onDate }) as [number, string, string, string | null, number | null][]) {
    let byCat = quals.get(cadreId);
    if (!byCat) quals.set(cadreId, (byCat = new Map()));
    let f = byCat.get(category);
    if (!f) byCat.set(category, (f = { maxRank: -Infinity, levels: new Set(), fluencies: new Set() }));
    // A level missing from the code list (rank null) is held but ranks nowhere: it never satisfies "at least".
    if (rank !== null && rank > f.maxRank) f.maxRank = rank;
    f.levels.add(level);
    if (fluency) f.fluencies.add(fluency);
  }
  return { onDate, people, quals };
}
