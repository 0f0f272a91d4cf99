import type { AppDb } from '../../open';
import { CATEGORY_BIT, FLAG_BIT, KIND_BIT, LEVEL_BIT, type Packed, type Vocabulary } from './packed';

// The dated records behind the computed indicators, loaded once into compact per-cadre ranges and then read "as
// of" any date in memory. A series since 2021 asks for some twenty quarter ends: one load plus a cheap pass per
// date beats one SQL pass per date. The rules are those of sql.ts (the unit tests run both sources on the same
// data and expect the same figures):
// - status on D = the latest event on or before D; no event = working;
// - the unit is that of the assignment in force on D (latest started; ties: newer row), counted only when the
//   unit itself exists on D;
// - qualifications count from their award date; partial dates ("2015", "2015-06") compare as text before any
//   full date of that year or month; no date = held.

interface UnitFact {
  level: number;
  kind: number;
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
  vocabulary: Vocabulary;
  /** Qualification categories loaded (only those some definition reads). */
  categories: Set<string>;
  cadreIds: number[];
  cat: Int32Array;
  minority: Uint8Array;
  units: Map<number, UnitFact>;
  asg: Ranges & { unit: number[]; pos: number[]; from: string[]; to: (string | null)[] };
  status: Ranges & { working: boolean[]; date: string[] };
  flags: Ranges & { bit: number[]; from: string[]; to: (string | null)[] };
  quals: Ranges & { lword: Int16Array; lbit: Int32Array; fword: Int16Array; fbit: Int32Array; award: (string | null)[] };
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

export function loadTimeline(db: AppDb, v: Vocabulary, categories: Set<string>): Timeline {
  const s = db.sqlite;
  const cadreRows = s.prepare('select id, category, ethnicity from cadres where deleted_at is null order by id').raw(true).all() as [number, string, string | null][];
  const n = cadreRows.length;
  const index = new Map<number, number>();
  const minority = new Set(v.minorityEthnicities);
  const t: Timeline = {
    vocabulary: v,
    categories: new Set(categories),
    cadreIds: new Array(n),
    cat: new Int32Array(n),
    minority: new Uint8Array(n),
    units: new Map(),
    asg: { ...ranges(n), unit: [], pos: [], from: [], to: [] },
    status: { ...ranges(n), working: [], date: [] },
    flags: { ...ranges(n), bit: [], from: [], to: [] },
    quals: { ...ranges(n), lword: new Int16Array(0), lbit: new Int32Array(0), fword: new Int16Array(0), fbit: new Int32Array(0), award: [] },
  };
  cadreRows.forEach(([id, category, ethnicity], i) => {
    index.set(id, i);
    t.cadreIds[i] = id;
    t.cat[i] = CATEGORY_BIT.get(category) ?? 0;
    t.minority[i] = ethnicity !== null && minority.has(ethnicity) ? 1 : 0;
  });
  for (const [id, level, kind, ec, from, to] of s
    .prepare('select id, level, kind, ethnic_contact, valid_from, valid_to from units where deleted_at is null')
    .raw(true)
    .all() as [number, string, string, number, string | null, string | null][]) {
    t.units.set(id, { level: LEVEL_BIT.get(level) ?? 0, kind: KIND_BIT.get(kind) ?? 0, ethnicContact: !!ec, validFrom: from, validTo: to });
  }
  fill(
    s.prepare('select cadre_id, unit_id, position_code, from_date, to_date from assignments where deleted_at is null order by cadre_id, from_date, id').raw(true).all() as unknown[][],
    index,
    t.asg,
    (r) => {
      t.asg.unit.push(r[1] as number);
      t.asg.pos.push(v.positionBits.get(r[2] as string) ?? 0);
      t.asg.from.push(r[3] as string);
      t.asg.to.push(r[4] as string | null);
    },
  );
  fill(s.prepare('select cadre_id, status, effective_date from cadre_status_events order by cadre_id, effective_date, id').raw(true).all() as unknown[][], index, t.status, (r) => {
    t.status.working.push(r[1] === 'dang_cong_tac');
    t.status.date.push(r[2] as string);
  });
  fill(s.prepare('select cadre_id, flag, from_date, to_date from cadre_flags order by cadre_id').raw(true).all() as unknown[][], index, t.flags, (r) => {
    t.flags.bit.push(FLAG_BIT.get(r[1] as string) ?? 0);
    t.flags.from.push(r[2] as string);
    t.flags.to.push(r[3] as string | null);
  });

  const qualRows = s
    .prepare('select cadre_id, category, level_key, fluency, award_date from qualifications where deleted_at is null and category in (select value from json_each(?)) order by cadre_id')
    .raw(true)
    .all(JSON.stringify([...categories])) as unknown[][];
  const q = t.quals;
  q.lword = new Int16Array(qualRows.length);
  q.lbit = new Int32Array(qualRows.length);
  q.fword = new Int16Array(qualRows.length);
  q.fbit = new Int32Array(qualRows.length);
  let k = 0;
  fill(qualRows, index, q, (r) => {
    const category = r[1] as string;
    // A level or fluency missing from the code lists holds no bit: it never counts.
    const ls = v.layout.level.get(category)?.get(r[2] as string);
    const fs = r[3] ? v.layout.fluency.get(category)?.get(r[3] as string) : undefined;
    q.lword[k] = ls ? ls.word : 0;
    q.lbit[k] = ls ? ls.bit : 0;
    q.fword[k] = fs ? fs.word : 0;
    q.fbit[k] = fs ? fs.bit : 0;
    q.award.push(r[4] as string | null);
    k++;
  });
  return t;
}

/** Calls `visit` for every cadre at work on the date, packed as of that date (one object, reused). */
export function forEachPersonOn(t: Timeline, d: string, visit: (p: Packed) => void): void {
  const v = t.vocabulary;
  const p: Packed = {
    id: 0, hasUnit: false, cat: 0, level: 0, kind: 0, pos: 0, minority: false, ethnicContact: false, flags: 0,
    lw: new Int32Array(v.layout.levelWords), fw: new Int32Array(v.layout.fluencyWords),
  };
  const { asg, status, flags, quals } = t;
  for (let i = 0; i < t.cadreIds.length; i++) {
    let working = true;
    for (let k = status.start[i]; k < status.end[i]; k++) {
      if (status.date[k] <= d) working = status.working[k];
      else break;
    }
    if (!working) continue;
    let a = -1;
    for (let k = asg.start[i]; k < asg.end[i]; k++) {
      if (asg.from[k] > d) break;
      const to = asg.to[k];
      if (to === null || to >= d) a = k;
    }
    const u = a >= 0 ? t.units.get(asg.unit[a]) : undefined;
    const unitOk = !!u && (u.validFrom === null || u.validFrom <= d) && (u.validTo === null || u.validTo >= d);
    p.id = t.cadreIds[i];
    p.hasUnit = unitOk;
    p.cat = t.cat[i];
    p.level = unitOk ? u!.level : 0;
    p.kind = unitOk ? u!.kind : 0;
    p.ethnicContact = unitOk ? u!.ethnicContact : false;
    p.pos = a >= 0 ? asg.pos[a] : 0;
    p.minority = t.minority[i] === 1;
    p.flags = 0;
    for (let k = flags.start[i]; k < flags.end[i]; k++) {
      const to = flags.to[k];
      if (flags.from[k] <= d && (to === null || to >= d)) p.flags |= flags.bit[k];
    }
    p.lw.fill(0);
    p.fw.fill(0);
    for (let k = quals.start[i]; k < quals.end[i]; k++) {
      const award = quals.award[k];
      if (award !== null && award > d) continue;
      p.lw[quals.lword[k]] |= quals.lbit[k];
      p.fw[quals.fword[k]] |= quals.fbit[k];
    }
    visit(p);
  }
}
