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
//
// Dates are kept as their position in the sorted list of every distinct date text loaded (DateIndex), so each
// test is an integer comparison and the exact text order SQLite uses is kept, partial dates included.

interface UnitFact {
  level: number;
  kind: number;
  ethnicContact: boolean;
  /** Date positions (see DateIndex); no start = NONE, no end = OPEN. */
  validFrom: number;
  validTo: number;
}

/** A missing start or award date: before every date. */
const NONE = -1;
/** A missing end date: after every date. */
const OPEN = 0x7fffffff;

/**
 * Every distinct date text loaded, sorted, and each one's position. `x <= d` for a loaded x is `pos(x) < le(d)`,
 * `x >= d` is `pos(x) >= lt(d)`, for any text d (loaded or not).
 */
class DateIndex {
  private readonly pos = new Map<string, number>();
  private sorted: string[] = [];
  add(d: string | null): void {
    if (d !== null) this.pos.set(d, 0);
  }
  seal(): void {
    // JS compares strings by UTF-16 units, SQLite text by UTF-8 bytes: the same order for the ASCII of dates.
    this.sorted = [...this.pos.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.sorted.forEach((d, i) => this.pos.set(d, i));
  }
  of(d: string | null, missing: number): number {
    return d === null ? missing : this.pos.get(d)!;
  }
  /** How many loaded dates are <= d. */
  le(d: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] <= d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** How many loaded dates are < d. */
  lt(d: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
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
  dates: DateIndex;
  /** Dates below are positions in `dates`. */
  asg: Ranges & { unit: Int32Array; pos: Int32Array; from: Int32Array; to: Int32Array };
  status: Ranges & { working: Uint8Array; date: Int32Array };
  flags: Ranges & { bit: Int32Array; from: Int32Array; to: Int32Array };
  quals: Ranges & { lword: Int16Array; lbit: Int32Array; fword: Int16Array; fbit: Int32Array; award: Int32Array };
}

const ranges = (n: number): Ranges => ({ start: new Int32Array(n), end: new Int32Array(n) });

/**
 * The columns of a query's rows, each as one array. SQLite builds them as JSON arrays and JSON.parse reads them:
 * several times cheaper than one JS array per row for the hundreds of thousands of rows loaded here. The rows reach
 * json_group_array in the subquery's order (SQLite does not flatten an ordered subquery into an aggregate).
 */
function columns(db: AppDb, sql: string, names: string[], ...params: unknown[]): unknown[][] {
  const text = db.sqlite.prepare(`select ${names.map((n) => `json_group_array(${n})`).join(', ')} from (${sql})`).raw(true).get(...params) as string[];
  return text.map((t) => JSON.parse(t) as unknown[]);
}

/**
 * Reads rows (by column, cadre id first) into ranges; rows of deleted cadres (not in `index`) are skipped. Rows must
 * come grouped by cadre in id order: anything else is a bug, not data, and stops the load.
 */
function fill(cols: unknown[][], index: Map<number, number>, r: Ranges, put: (i: number, k: number) => void): void {
  const ids = cols[0] as number[];
  let k = 0;
  let cur = -1;
  for (let i = 0; i < ids.length; i++) {
    const ci = index.get(ids[i]);
    if (ci === undefined) continue;
    if (ci !== cur) {
      if (ci < cur) throw new Error('indicator timeline: rows not in cadre order');
      r.start[ci] = k;
      cur = ci;
    }
    put(i, k);
    k++;
    r.end[ci] = k;
  }
}

export function loadTimeline(db: AppDb, v: Vocabulary, categories: Set<string>): Timeline {
  const [cadreId, cadreCat, cadreEth] = columns(db, 'select id, category, ethnicity from cadres where deleted_at is null order by id', ['id', 'category', 'ethnicity']) as [
    number[], string[], (string | null)[],
  ];
  const n = cadreId.length;
  const index = new Map<number, number>();
  const minority = new Set(v.minorityEthnicities);
  const unitRows = db.sqlite
    .prepare('select id, level, kind, ethnic_contact, valid_from, valid_to from units where deleted_at is null')
    .raw(true)
    .all() as [number, string, string, number, string | null, string | null][];
  const asg = columns(db, 'select cadre_id, unit_id, position_code, from_date, to_date from assignments where deleted_at is null order by cadre_id, from_date, id', [
    'cadre_id', 'unit_id', 'position_code', 'from_date', 'to_date',
  ]) as [number[], number[], (string | null)[], string[], (string | null)[]];
  const status = columns(db, 'select cadre_id, status, effective_date from cadre_status_events order by cadre_id, effective_date, id', ['cadre_id', 'status', 'effective_date']) as [
    number[], string[], string[],
  ];
  const flags = columns(db, 'select cadre_id, flag, from_date, to_date from cadre_flags order by cadre_id', ['cadre_id', 'flag', 'from_date', 'to_date']) as [
    number[], string[], string[], (string | null)[],
  ];
  const quals = columns(
    db,
    'select cadre_id, category, level_key, fluency, award_date from qualifications where deleted_at is null and category in (select value from json_each(?)) order by cadre_id',
    ['cadre_id', 'category', 'level_key', 'fluency', 'award_date'],
    JSON.stringify([...categories]),
  ) as [number[], string[], string[], (string | null)[], (string | null)[]];

  const dates = new DateIndex();
  for (const u of unitRows) (dates.add(u[4]), dates.add(u[5]));
  for (const col of [asg[3], asg[4], status[2], flags[2], flags[3], quals[4]]) for (const d of col) dates.add(d);
  dates.seal();

  const nA = asg[0].length;
  const nS = status[0].length;
  const nF = flags[0].length;
  const nQ = quals[0].length;
  const t: Timeline = {
    vocabulary: v,
    categories: new Set(categories),
    cadreIds: cadreId,
    cat: new Int32Array(n),
    minority: new Uint8Array(n),
    units: new Map(),
    dates,
    asg: { ...ranges(n), unit: new Int32Array(nA), pos: new Int32Array(nA), from: new Int32Array(nA), to: new Int32Array(nA) },
    status: { ...ranges(n), working: new Uint8Array(nS), date: new Int32Array(nS) },
    flags: { ...ranges(n), bit: new Int32Array(nF), from: new Int32Array(nF), to: new Int32Array(nF) },
    quals: { ...ranges(n), lword: new Int16Array(nQ), lbit: new Int32Array(nQ), fword: new Int16Array(nQ), fbit: new Int32Array(nQ), award: new Int32Array(nQ) },
  };
  for (let i = 0; i < n; i++) {
    index.set(cadreId[i], i);
    t.cat[i] = CATEGORY_BIT.get(cadreCat[i]) ?? 0;
    const e = cadreEth[i];
    t.minority[i] = e !== null && minority.has(e) ? 1 : 0;
  }
  for (const [id, level, kind, ec, from, to] of unitRows) {
    t.units.set(id, { level: LEVEL_BIT.get(level) ?? 0, kind: KIND_BIT.get(kind) ?? 0, ethnicContact: !!ec, validFrom: dates.of(from, NONE), validTo: dates.of(to, OPEN) });
  }
  fill(asg, index, t.asg, (i, k) => {
    t.asg.unit[k] = asg[1][i];
    t.asg.pos[k] = v.positionBits.get(asg[2][i] as string) ?? 0;
    t.asg.from[k] = dates.of(asg[3][i], NONE);
    t.asg.to[k] = dates.of(asg[4][i], OPEN);
  });
  fill(status, index, t.status, (i, k) => {
    t.status.working[k] = status[1][i] === 'dang_cong_tac' ? 1 : 0;
    t.status.date[k] = dates.of(status[2][i], NONE);
  });
  fill(flags, index, t.flags, (i, k) => {
    t.flags.bit[k] = FLAG_BIT.get(flags[1][i]) ?? 0;
    t.flags.from[k] = dates.of(flags[2][i], NONE);
    t.flags.to[k] = dates.of(flags[3][i], OPEN);
  });
  const q = t.quals;
  fill(quals, index, q, (i, k) => {
    const category = quals[1][i];
    const fluency = quals[3][i];
    // A level or fluency missing from the code lists holds no bit: it never counts.
    const ls = v.layout.level.get(category)?.get(quals[2][i]);
    const fs = fluency ? v.layout.fluency.get(category)?.get(fluency) : undefined;
    q.lword[k] = ls ? ls.word : 0;
    q.lbit[k] = ls ? ls.bit : 0;
    q.fword[k] = fs ? fs.word : 0;
    q.fbit[k] = fs ? fs.bit : 0;
    q.award[k] = dates.of(quals[4][i], NONE);
  });
  return t;
}

const newPacked = (v: Vocabulary): Packed => ({
  id: 0, hasUnit: false, cat: 0, level: 0, kind: 0, pos: 0, minority: false, ethnicContact: false, flags: 0,
  lw: new Int32Array(v.layout.levelWords), fw: new Int32Array(v.layout.fluencyWords),
});

/** Packs cadre i as of the date given by its bounds (le, lt: see DateIndex) into p; false = not at work then. */
function packOn(t: Timeline, i: number, le: number, lt: number, p: Packed): boolean {
  const { asg, status, flags, quals } = t;
  let working = true;
  for (let k = status.start[i]; k < status.end[i]; k++) {
    if (status.date[k] < le) working = status.working[k] === 1;
    else break;
  }
  if (!working) return false;
  let a = -1;
  for (let k = asg.start[i]; k < asg.end[i]; k++) {
    if (asg.from[k] >= le) break;
    if (asg.to[k] >= lt) a = k;
  }
  const u = a >= 0 ? t.units.get(asg.unit[a]) : undefined;
  const unitOk = !!u && u.validFrom < le && u.validTo >= lt;
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
    if (flags.from[k] < le && flags.to[k] >= lt) p.flags |= flags.bit[k];
  }
  p.lw.fill(0);
  p.fw.fill(0);
  for (let k = quals.start[i]; k < quals.end[i]; k++) {
    if (quals.award[k] >= le) continue;
    p.lw[quals.lword[k]] |= quals.lbit[k];
    p.fw[quals.fword[k]] |= quals.fbit[k];
  }
  return true;
}

function samePacked(a: Packed, b: Packed): boolean {
  if (a.hasUnit !== b.hasUnit || a.level !== b.level || a.kind !== b.kind || a.pos !== b.pos || a.ethnicContact !== b.ethnicContact || a.flags !== b.flags) return false;
  for (let w = 0; w < a.lw.length; w++) if (a.lw[w] !== b.lw[w]) return false;
  for (let w = 0; w < a.fw.length; w++) if (a.fw[w] !== b.fw[w]) return false;
  return true;
}

/** Calls `visit` for every cadre at work on the date, packed as of that date (one object, reused). */
export function forEachPersonOn(t: Timeline, d: string, visit: (p: Packed) => void): void {
  const p = newPacked(t.vocabulary);
  const le = t.dates.le(d);
  const lt = t.dates.lt(d);
  for (let i = 0; i < t.cadreIds.length; i++) if (packOn(t, i, le, lt, p)) visit(p);
}

/**
 * For many dates at once: cadre by cadre, every date in turn, so `visit(p, j, same)` learns when the cadre is
 * exactly as on the previous date (`same`), and whatever it derived then can be reused (most people do not change
 * between two quarter ends). `p` is only valid during the call.
 */
export function forEachPersonOnDates(t: Timeline, dates: string[], visit: (p: Packed, j: number, same: boolean) => void): void {
  const bounds = dates.map((d) => [t.dates.le(d), t.dates.lt(d)]);
  let cur = newPacked(t.vocabulary);
  let prev = newPacked(t.vocabulary);
  for (let i = 0; i < t.cadreIds.length; i++) {
    let had = false;
    for (let j = 0; j < dates.length; j++) {
      if (!packOn(t, i, bounds[j][0], bounds[j][1], cur)) {
        had = false;
        continue;
      }
      visit(cur, j, had && samePacked(cur, prev));
      had = true;
      const swap = prev;
      prev = cur;
      cur = swap;
    }
  }
}
