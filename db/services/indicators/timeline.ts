import type { Statement } from 'better-sqlite3';
import type { AppDb } from '../../open';
import { CATEGORY_BIT, FLAG_BIT, KIND_BIT, LEVEL_BIT, type Packed, type Slot, type Vocabulary } from './packed';

// The dated records behind the computed indicators, kept in memory as compact per-cadre ranges and read "as of" any
// date. Loaded once per connection, from the rows (loadTimeline: about 300,000 at the size of a province) or from
// the image of it kept in the database (timelineFromImage, see snapshot.ts), then kept up to date by reloading only
// the cadres a write touched (patchTimeline, driven by the cadre_changes log of db/changes.ts): an edit costs a few
// indexed reads, not a reload. The rules are those of sql.ts (the unit tests run both sources on the same data and
// expect the same figures):
// - status on D = the latest event on or before D; no event = working;
// - the unit is that of the assignment in force on D (latest started; ties: newer row), counted only when the
//   unit itself exists on D;
// - qualifications count from their award date; partial dates ("2015", "2015-06") compare as text before any
//   full date of that year or month; no date = held.
//
// Dates are kept as their position in the sorted list of every distinct date text loaded (DateIndex), so each
// test is an integer comparison and the exact text order SQLite uses is kept, partial dates included. A patch that
// brings a date never seen renumbers the positions already stored (one pass over the integer columns).

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

const textOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every distinct date text loaded, sorted, and each one's position. `x <= d` for a loaded x is `pos(x) < le(d)`,
 * `x >= d` is `pos(x) >= lt(d)`, for any text d (loaded or not).
 */
class DateIndex {
  /** Position by text; built on first need (an image's index is mostly only searched, see le and lt). */
  private posMap: Map<string, number> | null = new Map();
  private sorted: string[] = [];
  /** An index over dates already sorted and distinct (a kept image's); positions are their places in the list. */
  static ofSorted(sorted: string[]): DateIndex {
    const d = new DateIndex();
    d.sorted = sorted;
    d.posMap = null;
    return d;
  }
  /** Every date known, sorted (position = index). */
  get texts(): readonly string[] {
    return this.sorted;
  }
  private pos(): Map<string, number> {
    if (!this.posMap) {
      this.posMap = new Map();
      for (let i = 0; i < this.sorted.length; i++) this.posMap.set(this.sorted[i], i);
    }
    return this.posMap;
  }
  /** The position of a known date by binary search, -1 if unknown. */
  private find(d: string): number {
    const i = this.lt(d);
    return i < this.sorted.length && this.sorted[i] === d ? i : -1;
  }
  /**
   * Adds the dates not yet known. Returns null when none was new, else the new position of every old one (the
   * caller renumbers what it stored). JS compares strings by UTF-16 units, SQLite text by UTF-8 bytes: the same
   * order for the ASCII of dates.
   */
  add(dates: (string | null)[][]): Int32Array | null {
    if (!this.posMap && dates.every((col) => col.every((d) => d === null || this.find(d) >= 0))) return null;
    const pos = this.pos();
    const fresh: string[] = [];
    for (const col of dates) {
      for (const d of col) {
        if (d !== null && !pos.has(d)) {
          pos.set(d, -1);
          fresh.push(d);
        }
      }
    }
    if (fresh.length === 0) return null;
    const old = this.sorted.length;
    this.sorted = this.sorted.concat(fresh).sort(textOrder);
    const remap = new Int32Array(old);
    for (let i = 0; i < this.sorted.length; i++) {
      const d = this.sorted[i];
      const was = pos.get(d)!;
      if (was >= 0) remap[was] = i;
      pos.set(d, i);
    }
    return remap;
  }
  of(d: string | null, missing: number): number {
    if (d === null) return missing;
    return this.posMap ? this.posMap.get(d)! : this.find(d);
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

/**
 * The rows of one child table (assignments, status events, flags, qualifications), per cadre: cadre i's rows are
 * at [start[i], end[i]) of the columns. A patched cadre's new rows are appended and its old ones abandoned; once the
 * abandoned rows outnumber the live ones, the columns are compacted (copied in cadre order).
 */
class ChildRows<K extends string> {
  start: Int32Array;
  end: Int32Array;
  col: Record<K, Int32Array>;
  used = 0;
  abandoned = 0;
  constructor(
    private readonly names: readonly K[],
    /** Columns holding date positions (renumbered when the DateIndex grows). */
    readonly dateCols: readonly K[],
    cadres: number,
    rows: number,
  ) {
    this.start = new Int32Array(cadres);
    this.end = new Int32Array(cadres);
    this.col = Object.fromEntries(names.map((n) => [n, new Int32Array(Math.max(16, Math.ceil(rows)))])) as Record<K, Int32Array>;
  }
  get width(): number {
    return this.names.length;
  }
  /** The columns in the order of their names. */
  columns(): Int32Array[] {
    return this.names.map((n) => this.col[n]);
  }
  /** Takes `rows` rows as they are, each column from `next` in the order of the names (ranges set by the caller). */
  adopt(rows: number, next: () => Int32Array): void {
    for (const n of this.names) this.col[n] = next();
    this.used = rows;
    this.abandoned = 0;
  }
  growCadres(cap: number): void {
    if (cap <= this.start.length) return;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.start = grow(this.start);
    this.end = grow(this.end);
  }
  private reserve(extra: number): void {
    const need = this.used + extra;
    const cap = this.col[this.names[0]].length;
    if (need <= cap) return;
    const size = Math.max(need, Math.ceil(cap * 1.5));
    for (const n of this.names) {
      const b = new Int32Array(size);
      b.set(this.col[n].subarray(0, this.used));
      this.col[n] = b;
    }
  }
  /** Forgets cadre i's rows (they stay in the columns until compaction). */
  drop(i: number): void {
    this.abandoned += this.end[i] - this.start[i];
    this.start[i] = this.end[i] = 0;
  }
  /**
   * Makes room for rows read (grouped by cadre: `ids` is each row's cadre id) and returns where each goes (-1 =
   * skipped: a cadre not kept). Each kept cadre's rows must have been dropped (or never set) before.
   */
  place(ids: number[], slotOf: (id: number) => number): Int32Array {
    this.reserve(ids.length);
    const to = new Int32Array(ids.length);
    for (let r = 0; r < ids.length; ) {
      const id = ids[r];
      let e = r + 1;
      while (e < ids.length && ids[e] === id) e++;
      const i = slotOf(id);
      if (i >= 0) {
        if (this.end[i] !== this.start[i]) throw new Error('indicator timeline: rows not grouped by cadre');
        this.start[i] = this.used;
        for (; r < e; r++) to[r] = this.used++;
        this.end[i] = this.used;
      } else for (; r < e; r++) to[r] = -1;
    }
    return to;
  }
  renumberDates(remap: Int32Array): void {
    for (const n of this.dateCols) {
      const a = this.col[n];
      for (let k = 0; k < this.used; k++) {
        const p = a[k];
        if (p !== NONE && p !== OPEN) a[k] = remap[p];
      }
    }
  }
  compactIfWasteful(cadres: number): void {
    if (this.abandoned < 4096 || this.abandoned * 2 < this.used) return;
    const live = this.used - this.abandoned;
    const out = Object.fromEntries(this.names.map((n) => [n, new Int32Array(Math.max(16, Math.ceil(live * 1.25)))])) as Record<K, Int32Array>;
    let k = 0;
    for (let i = 0; i < cadres; i++) {
      const s = this.start[i];
      const e = this.end[i];
      for (const n of this.names) out[n].set(this.col[n].subarray(s, e), k);
      this.start[i] = k;
      k += e - s;
      this.end[i] = k;
    }
    this.col = out;
    this.used = k;
    this.abandoned = 0;
  }
}

export interface Timeline {
  vocabulary: Vocabulary;
  /** Qualification categories loaded (only those some definition reads). */
  categories: Set<string>;
  /** Cadre ids ascending (a cadre deleted since the load keeps its slot, with alive = 0). */
  cadreIds: number[];
  index: Map<number, number>;
  alive: Uint8Array;
  cat: Int32Array;
  minority: Uint8Array;
  units: Map<number, UnitFact>;
  dates: DateIndex;
  /** Dates below are positions in `dates`; a level or fluency is its slot in the bit layout (-1 = none). */
  asg: ChildRows<'unit' | 'pos' | 'from' | 'to'>;
  status: ChildRows<'working' | 'date'>;
  flags: ChildRows<'bit' | 'from' | 'to'>;
  /** A level's or fluency's slot plus one (0 = none; see slotTables). */
  quals: ChildRows<'lslot' | 'fslot' | 'award'>;
  /** By slot plus one: the word of Packed.lw / fw the slot is in, and its bit (slot 0: word 0, no bit). */
  wordOf: Int32Array;
  bitOf: Int32Array;
  /** Prepared statements of this timeline's SQL (their text embeds the vocabulary's codes). */
  statements: Map<string, Statement>;
}

const QUAL_COLS = ['lslot', 'fslot', 'award'] as const;

/** The word and bit of every slot plus one (slot = word * 31 + bit position, as slotCase numbers them). */
function slotTables(v: Vocabulary): { wordOf: Int32Array; bitOf: Int32Array } {
  const slots = 31 * Math.max(v.layout.levelWords, v.layout.fluencyWords);
  const wordOf = new Int32Array(slots + 1);
  const bitOf = new Int32Array(slots + 1);
  for (let s = 0; s < slots; s++) {
    wordOf[s + 1] = (s / 31) | 0;
    bitOf[s + 1] = 1 << s % 31;
  }
  return { wordOf, bitOf };
}

/** A text literal for SQL (keys come from data, so quotes are doubled, never trusted). */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const bitCase = (col: string, bits: Map<string, number>) =>
  bits.size ? `case ${col} ${[...bits].map(([k, b]) => `when ${lit(k)} then ${b | 0}`).join(' ')} else 0 end` : '0';
/** The slot of a (category, key) pair as one integer, word * 31 + bit position; -1 when the code lists lack it. */
const slotCase = (col: string, layout: Map<string, Map<string, Slot>>, categories: Set<string>) => {
  const parts = [...layout]
    .filter(([cat, slots]) => categories.has(cat) && slots.size > 0)
    .map(([cat, slots]) => `when ${lit(cat)} then case ${col} ${[...slots].map(([k, s]) => `when ${lit(k)} then ${s.word * 31 + (31 - Math.clz32(s.bit))}`).join(' ')} end`);
  return parts.length ? `coalesce(case category ${parts.join(' ')} end, -1)` : '-1';
};

/**
 * The columns of a query's rows, each as one array. SQLite builds them as JSON arrays and JSON.parse reads them:
 * several times cheaper than one JS array per row for the hundreds of thousands of rows loaded here. The rows reach
 * json_group_array in the subquery's order (SQLite does not flatten an ordered subquery into an aggregate).
 */
function columns(t: Timeline, db: AppDb, sql: string, width: number, params: Record<string, unknown>): unknown[][] {
  const text = `select ${Array.from({ length: width }, (_, i) => `json_group_array(c${i})`).join(', ')} from (${sql})`;
  let st = t.statements.get(text);
  if (!st) t.statements.set(text, (st = db.sqlite.prepare(text).raw(true)));
  const row = (Object.keys(params).length ? st.get(params) : st.get()) as string[];
  return row.map((s) => JSON.parse(s) as unknown[]);
}

/** The SQL of each table, every column named c0, c1, ... with the cadre id first; `only` limits it to some cadres. */
function tableSql(v: Vocabulary, categories: Set<string>, only: boolean) {
  const ids = (col: string) => (only ? `and ${col} in (select value from json_each(@ids))` : '');
  return {
    cadres: `select id as c0, ${bitCase('category', CATEGORY_BIT)} as c1, ethnicity in (select value from json_each(@minority)) as c2
               from cadres where deleted_at is null ${ids('id')} order by id`,
    asg: `select cadre_id as c0, unit_id as c1, ${bitCase('position_code', v.positionBits)} as c2, from_date as c3, to_date as c4
            from assignments where deleted_at is null ${ids('cadre_id')} order by cadre_id, from_date, id`,
    status: `select cadre_id as c0, status = 'dang_cong_tac' as c1, effective_date as c2
               from cadre_status_events where 1 ${ids('cadre_id')} order by cadre_id, effective_date, id`,
    flags: `select cadre_id as c0, ${bitCase('flag', FLAG_BIT)} as c1, from_date as c2, to_date as c3
              from cadre_flags where 1 ${ids('cadre_id')} order by cadre_id`,
    // A level or fluency missing from the code lists holds no slot: it never counts. Fluency is per category, and
    // recorded for few rows: the null test first spares the other rows the two nested CASEs.
    quals: `select cadre_id as c0, ${slotCase('level_key', v.layout.level, categories)} as c1,
                   case when fluency is null then -1 else ${slotCase('fluency', v.layout.fluency, categories)} end as c2, award_date as c3
              from qualifications where deleted_at is null and category in (select value from json_each(@cats)) ${ids('cadre_id')} order by cadre_id`,
  };
}

interface Read {
  asg: unknown[][];
  status: unknown[][];
  flags: unknown[][];
  quals: unknown[][];
}

/** The child tables' rows of every cadre (ids = null) or of the cadres listed. */
function readChildren(t: Timeline, db: AppDb, ids: number[] | null): Read {
  const sql = tableSql(t.vocabulary, t.categories, ids !== null);
  const p = ids === null ? {} : { ids: JSON.stringify(ids) };
  return {
    asg: columns(t, db, sql.asg, 5, p),
    status: columns(t, db, sql.status, 3, p),
    flags: columns(t, db, sql.flags, 4, p),
    quals: columns(t, db, sql.quals, 4, { ...p, cats: JSON.stringify([...t.categories]) }),
  };
}

/** Learns the dates of rows just read; renumbers what is stored when new ones sort between known ones. */
function learnDates(t: Timeline, r: Read, unitDates: (string | null)[] = []): void {
  const remap = t.dates.add([unitDates, r.asg[3], r.asg[4], r.status[2], r.flags[2], r.flags[3], r.quals[3]] as (string | null)[][]);
  if (!remap || remap.length === 0) return;
  for (const u of t.units.values()) {
    if (u.validFrom !== NONE) u.validFrom = remap[u.validFrom];
    if (u.validTo !== OPEN) u.validTo = remap[u.validTo];
  }
  t.asg.renumberDates(remap);
  t.status.renumberDates(remap);
  t.flags.renumberDates(remap);
  t.quals.renumberDates(remap);
}

function storeChildren(t: Timeline, r: Read): void {
  const d = t.dates;
  // Rows of cadres not kept (deleted) are skipped.
  const slotOf = (id: number) => {
    const i = t.index.get(id);
    return i !== undefined && t.alive[i] === 1 ? i : -1;
  };
  {
    const [ids, unit, pos, from, to] = r.asg as [number[], number[], number[], (string | null)[], (string | null)[]];
    const at = t.asg.place(ids, slotOf);
    const c = t.asg.col;
    for (let x = 0; x < ids.length; x++) {
      const k = at[x];
      if (k < 0) continue;
      c.unit[k] = unit[x];
      c.pos[k] = pos[x];
      c.from[k] = d.of(from[x], NONE);
      c.to[k] = d.of(to[x], OPEN);
    }
  }
  {
    const [ids, working, date] = r.status as [number[], number[], (string | null)[]];
    const at = t.status.place(ids, slotOf);
    const c = t.status.col;
    for (let x = 0; x < ids.length; x++) {
      const k = at[x];
      if (k < 0) continue;
      c.working[k] = working[x];
      c.date[k] = d.of(date[x], NONE);
    }
  }
  {
    const [ids, bit, from, to] = r.flags as [number[], number[], (string | null)[], (string | null)[]];
    const at = t.flags.place(ids, slotOf);
    const c = t.flags.col;
    for (let x = 0; x < ids.length; x++) {
      const k = at[x];
      if (k < 0) continue;
      c.bit[k] = bit[x];
      c.from[k] = d.of(from[x], NONE);
      c.to[k] = d.of(to[x], OPEN);
    }
  }
  {
    const [ids, lslot, fslot, award] = r.quals as [number[], number[], number[], (string | null)[]];
    const at = t.quals.place(ids, slotOf);
    const c = t.quals.col;
    for (let x = 0; x < ids.length; x++) {
      const k = at[x];
      if (k < 0) continue;
      const ls = lslot[x];
      const fs = fslot[x];
      // Slot -1 (a level or fluency not in the code lists) is stored as 0, which sets no bit.
      c.lslot[k] = ls + 1;
      c.fslot[k] = fs + 1;
      c.award[k] = d.of(award[x], NONE);
    }
  }
}

/** Sets the facts of cadre i from the cadres query's columns at row r. */
function setCadre(t: Timeline, cols: unknown[][], r: number, i: number): void {
  t.cat[i] = cols[1][r] as number;
  t.minority[i] = cols[2][r] as number;
  t.alive[i] = 1;
}

/** Loads the whole history (about 300,000 rows at the size of a province). */
export function loadTimeline(db: AppDb, v: Vocabulary, categories: Set<string>): Timeline {
  const t: Timeline = {
    vocabulary: v,
    categories: new Set(categories),
    cadreIds: [],
    index: new Map(),
    alive: new Uint8Array(0),
    cat: new Int32Array(0),
    minority: new Uint8Array(0),
    units: new Map(),
    dates: new DateIndex(),
    asg: new ChildRows(['unit', 'pos', 'from', 'to'], ['from', 'to'], 0, 0),
    status: new ChildRows(['working', 'date'], ['date'], 0, 0),
    flags: new ChildRows(['bit', 'from', 'to'], ['from', 'to'], 0, 0),
    quals: new ChildRows(QUAL_COLS, ['award'], 0, 0),
    ...slotTables(v),
    statements: new Map(),
  };
  const sql = tableSql(v, t.categories, false);
  const cadres = columns(t, db, sql.cadres, 3, { minority: JSON.stringify(v.minorityEthnicities) });
  const ids = cadres[0] as number[];
  const n = ids.length;
  const r = readChildren(t, db, null);
  // Sized once for the whole load, with room for the rows edits will append.
  t.asg = new ChildRows(['unit', 'pos', 'from', 'to'], ['from', 'to'], n, r.asg[0].length * 1.1);
  t.status = new ChildRows(['working', 'date'], ['date'], n, r.status[0].length * 1.1);
  t.flags = new ChildRows(['bit', 'from', 'to'], ['from', 'to'], n, r.flags[0].length * 1.1);
  t.quals = new ChildRows(QUAL_COLS, ['award'], n, r.quals[0].length * 1.1);
  growCadres(t, n);
  t.cadreIds = ids;
  for (let i = 0; i < n; i++) {
    t.index.set(ids[i], i);
    setCadre(t, cadres, i, i);
  }
  const units = readUnits(db);
  learnDates(t, r, unitDates(units));
  storeChildren(t, r);
  setUnits(t, units);
  return t;
}

type UnitRow = [id: number, level: string, kind: string, ethnicContact: number, validFrom: string | null, validTo: string | null];

/** The units: a few hundred rows, read whole on every load (a change to a unit concerns everyone: never patched). */
const readUnits = (db: AppDb) =>
  db.sqlite.prepare('select id, level, kind, ethnic_contact, valid_from, valid_to from units where deleted_at is null').raw(true).all() as UnitRow[];
const unitDates = (rows: UnitRow[]) => rows.flatMap((u) => [u[4], u[5]]);

/** Reads the units again (after a change that concerns everyone), learning their dates. */
export function reloadUnits(db: AppDb, t: Timeline): void {
  const units = readUnits(db);
  learnDates(t, NOTHING_READ, unitDates(units));
  setUnits(t, units);
}

/** Sets the units' facts; their dates must be known to the DateIndex already. */
function setUnits(t: Timeline, rows: UnitRow[]): void {
  t.units.clear();
  for (const [id, level, kind, ec, from, to] of rows) {
    t.units.set(id, { level: LEVEL_BIT.get(level) ?? 0, kind: KIND_BIT.get(kind) ?? 0, ethnicContact: !!ec, validFrom: t.dates.of(from, NONE), validTo: t.dates.of(to, OPEN) });
  }
}

// ---- The timeline as an image (kept in the database between connections by snapshot.ts) ----------------------
// Every cadre slot in id order (a cadre deleted since the load keeps its slot, not alive, with no rows, so that a
// restore of it can be patched) and their rows in cadre order (rows abandoned by patches are left out), as int32
// columns one after another: cadre ids, alive, categories, minority; then for each child table the row count of
// every cadre followed by its columns, exactly as they are kept in memory (dates as positions in `dates`, sorted).
// A new connection uses the columns where they lie in the image, without a copy. Units are not in it: they are
// read again on every load. What the integers mean depends on the vocabulary: timelineShapeKey says what it was
// made with.

export interface TimelineImage {
  categories: string[];
  dates: string[];
  cadres: number;
  rows: { asg: number; status: number; flags: number; quals: number };
  /** The int32 columns, in the order above. */
  data: Int32Array;
}

const CADRE_IMAGE_COLS = 4;
const CHILD_TABLES = ['asg', 'status', 'flags', 'quals'] as const;
const imageLength = (t: Pick<TimelineImage, 'cadres' | 'rows'>, widths: Record<(typeof CHILD_TABLES)[number], number>) =>
  t.cadres * (CADRE_IMAGE_COLS + CHILD_TABLES.length) + CHILD_TABLES.reduce((sum, name) => sum + t.rows[name] * widths[name], 0);

/**
 * What the integers of an image (and of the timeline) mean for this vocabulary and these categories: the SQL that
 * reads the rows (it embeds every code's bit or slot) and the minority ethnicities. An image made with another
 * key is not used.
 */
export function timelineShapeKey(v: Vocabulary, categories: Set<string>): string {
  return JSON.stringify([tableSql(v, categories, false), v.minorityEthnicities]);
}

const childrenOf = (t: Timeline): Record<(typeof CHILD_TABLES)[number], ChildRows<string>> => ({ asg: t.asg, status: t.status, flags: t.flags, quals: t.quals });
const widthsOf = (t: Timeline) => {
  const c = childrenOf(t);
  return { asg: c.asg.width, status: c.status.width, flags: c.flags.width, quals: c.quals.width };
};

export function timelineImage(t: Timeline): TimelineImage {
  const n = t.cadreIds.length;
  const children = childrenOf(t);
  const rowsOf = (c: ChildRows<string>) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += c.end[i] - c.start[i];
    return sum;
  };
  const rows = { asg: rowsOf(t.asg), status: rowsOf(t.status), flags: rowsOf(t.flags), quals: rowsOf(t.quals) };
  const data = new Int32Array(imageLength({ cadres: n, rows }, widthsOf(t)));
  let o = 0;
  for (let i = 0; i < n; i++) data[o++] = t.cadreIds[i];
  data.set(t.alive.subarray(0, n), o);
  o += n;
  data.set(t.cat.subarray(0, n), o);
  o += n;
  data.set(t.minority.subarray(0, n), o);
  o += n;
  for (const name of CHILD_TABLES) {
    const c = children[name];
    for (let i = 0; i < n; i++) data[o++] = c.end[i] - c.start[i];
    // After a whole load the rows already lie in cadre order, one after another: copied in one go. Else element by
    // element (a cadre has a handful of rows, too few for a subarray each).
    let inOrder = true;
    let at = 0;
    for (let i = 0; i < n; i++) {
      if (c.start[i] === c.end[i]) continue;
      if (c.start[i] !== at) {
        inOrder = false;
        break;
      }
      at = c.end[i];
    }
    inOrder &&= at === rows[name];
    for (const col of c.columns()) {
      if (inOrder) {
        data.set(col.subarray(0, rows[name]), o);
        o += rows[name];
      } else for (let i = 0; i < n; i++) for (let k = c.start[i], e = c.end[i]; k < e; k++) data[o++] = col[k];
    }
  }
  return { categories: [...t.categories].sort(), dates: [...t.dates.texts], cadres: n, rows, data };
}

/**
 * The timeline an image holds, with the units read from the database (call inside the read transaction that reads
 * the change number the image is then brought up to date from). Its columns are views of `img.data`. Null when the
 * image does not hold together.
 */
export function timelineFromImage(db: AppDb, v: Vocabulary, img: TimelineImage): Timeline | null {
  const { cadres: n, rows, data } = img;
  for (let i = 1; i < img.dates.length; i++) if (!(img.dates[i - 1] < img.dates[i])) return null;
  const t: Timeline = {
    vocabulary: v,
    categories: new Set(img.categories),
    cadreIds: [],
    index: new Map(),
    alive: new Uint8Array(n),
    cat: new Int32Array(n),
    minority: new Uint8Array(n),
    units: new Map(),
    dates: DateIndex.ofSorted(img.dates),
    asg: new ChildRows(['unit', 'pos', 'from', 'to'], ['from', 'to'], n, 0),
    status: new ChildRows(['working', 'date'], ['date'], n, 0),
    flags: new ChildRows(['bit', 'from', 'to'], ['from', 'to'], n, 0),
    quals: new ChildRows(QUAL_COLS, ['award'], n, 0),
    ...slotTables(v),
    statements: new Map(),
  };
  if (data.length !== imageLength(img, widthsOf(t))) return null;
  let o = 0;
  const take = (len: number) => data.subarray(o, (o += len));
  const ids = take(n);
  for (let i = 1; i < n; i++) if (ids[i] <= ids[i - 1]) return null;
  t.cadreIds = Array.from(ids);
  for (let i = 0; i < n; i++) t.index.set(ids[i], i);
  t.alive.set(take(n));
  t.cat.set(take(n));
  t.minority.set(take(n));
  const children = childrenOf(t);
  for (const name of CHILD_TABLES) {
    const c = children[name];
    const counts = take(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      c.start[i] = k;
      k += counts[i];
      c.end[i] = k;
    }
    if (k !== rows[name]) return null;
    c.adopt(k, () => take(k));
  }
  reloadUnits(db, t);
  return t;
}

const NOTHING_READ: Read = { asg: [[], [], [], [], []], status: [[], [], []], flags: [[], [], [], []], quals: [[], [], [], []] };

function growCadres(t: Timeline, need: number): void {
  if (need <= t.alive.length) return;
  const cap = Math.max(need, Math.ceil(t.alive.length * 1.25) + 64);
  const alive = new Uint8Array(cap);
  alive.set(t.alive);
  const cat = new Int32Array(cap);
  cat.set(t.cat);
  const minority = new Uint8Array(cap);
  minority.set(t.minority);
  t.alive = alive;
  t.cat = cat;
  t.minority = minority;
  for (const rows of [t.asg, t.status, t.flags, t.quals]) rows.growCadres(cap);
}

/**
 * Brings the cadres listed up to date from the database (their own row and all their dated records): the work of
 * an edit, a few indexed reads. Returns false, changing nothing, when only a full load can do it (a cadre new to
 * the timeline whose id is below the highest kept, which would break the id order).
 */
export function patchTimeline(db: AppDb, t: Timeline, ids: number[]): boolean {
  if (ids.length === 0) return true;
  const last = t.cadreIds.length ? t.cadreIds[t.cadreIds.length - 1] : 0;
  const sql = tableSql(t.vocabulary, t.categories, true);
  const cadres = columns(t, db, sql.cadres, 3, { ids: JSON.stringify(ids), minority: JSON.stringify(t.vocabulary.minorityEthnicities) });
  const found = cadres[0] as number[];
  let next = last;
  for (const id of found) {
    if (t.index.has(id)) continue;
    if (id <= next) return false;
    next = id;
  }
  const r = readChildren(t, db, ids);
  // From here on nothing can fail half-way: the reads are done.
  const present = new Set(found);
  for (const id of ids) {
    const i = t.index.get(id);
    if (i === undefined) continue;
    for (const rows of [t.asg, t.status, t.flags, t.quals]) rows.drop(i);
    if (!present.has(id)) t.alive[i] = 0;
  }
  growCadres(t, t.cadreIds.length + found.length);
  found.forEach((id, r) => {
    let i = t.index.get(id);
    if (i === undefined) {
      i = t.cadreIds.length;
      t.cadreIds.push(id);
      t.index.set(id, i);
    }
    setCadre(t, cadres, r, i);
  });
  learnDates(t, r);
  storeChildren(t, r);
  for (const rows of [t.asg, t.status, t.flags, t.quals]) rows.compactIfWasteful(t.cadreIds.length);
  return true;
}

/** The slots of the cadres listed (those kept in the timeline; a new cadre has none yet). */
export function cadreSlots(t: Timeline, ids: number[]): number[] {
  const out: number[] = [];
  for (const id of ids) {
    const i = t.index.get(id);
    if (i !== undefined) out.push(i);
  }
  return out;
}

export const newPacked = (v: Vocabulary): Packed => ({
  id: 0, hasUnit: false, cat: 0, level: 0, kind: 0, pos: 0, minority: false, ethnicContact: false, flags: 0,
  lw: new Int32Array(v.layout.levelWords), fw: new Int32Array(v.layout.fluencyWords),
});

/** A date's bounds in the timeline's DateIndex (see there); valid until the next patch. */
export interface DateBounds {
  le: number;
  lt: number;
}
export const boundsOf = (t: Timeline, d: string): DateBounds => ({ le: t.dates.le(d), lt: t.dates.lt(d) });

/** Packs cadre slot i as of the date given by its bounds into p; false = not at work then (or deleted). */
export function packOn(t: Timeline, i: number, b: DateBounds, p: Packed): boolean {
  if (t.alive[i] !== 1) return false;
  const { le, lt } = b;
  const st = t.status;
  let working = true;
  for (let k = st.start[i]; k < st.end[i]; k++) {
    if (st.col.date[k] < le) working = st.col.working[k] === 1;
    else break;
  }
  if (!working) return false;
  const asg = t.asg;
  const from = asg.col.from;
  const to = asg.col.to;
  let a = -1;
  for (let k = asg.start[i]; k < asg.end[i]; k++) {
    if (from[k] >= le) break;
    if (to[k] >= lt) a = k;
  }
  const u = a >= 0 ? t.units.get(asg.col.unit[a]) : undefined;
  const unitOk = !!u && u.validFrom < le && u.validTo >= lt;
  p.id = t.cadreIds[i];
  p.hasUnit = unitOk;
  p.cat = t.cat[i];
  p.level = unitOk ? u!.level : 0;
  p.kind = unitOk ? u!.kind : 0;
  p.ethnicContact = unitOk ? u!.ethnicContact : false;
  p.pos = a >= 0 ? asg.col.pos[a] : 0;
  p.minority = t.minority[i] === 1;
  p.flags = 0;
  const fl = t.flags;
  for (let k = fl.start[i]; k < fl.end[i]; k++) {
    if (fl.col.from[k] < le && fl.col.to[k] >= lt) p.flags |= fl.col.bit[k];
  }
  p.lw.fill(0);
  p.fw.fill(0);
  const q = t.quals;
  const { award, lslot, fslot } = q.col;
  const { wordOf, bitOf } = t;
  for (let k = q.start[i]; k < q.end[i]; k++) {
    if (award[k] >= le) continue;
    const ls = lslot[k];
    const fs = fslot[k];
    p.lw[wordOf[ls]] |= bitOf[ls];
    p.fw[wordOf[fs]] |= bitOf[fs];
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
  const b = boundsOf(t, d);
  for (let i = 0; i < t.cadreIds.length; i++) if (packOn(t, i, b, p)) visit(p);
}

/**
 * For many dates at once: cadre by cadre, every date in turn, so `visit(p, j, same)` learns when the cadre is
 * exactly as on the previous date (`same`), and whatever it derived then can be reused (most people do not change
 * between two quarter ends). `p` is only valid during the call.
 */
export function forEachPersonOnDates(t: Timeline, dates: string[], visit: (p: Packed, j: number, same: boolean) => void): void {
  const bounds = dates.map((d) => boundsOf(t, d));
  let cur = newPacked(t.vocabulary);
  let prev = newPacked(t.vocabulary);
  for (let i = 0; i < t.cadreIds.length; i++) {
    let had = false;
    for (let j = 0; j < dates.length; j++) {
      if (!packOn(t, i, bounds[j], cur)) {
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
