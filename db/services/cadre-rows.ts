import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { AppDb } from '../open';
import { onDatabaseReplaced } from '../replaced';
import { cadreChangesSince, lastCadreChange } from '../changes';
import { CADRE_ROW_FIELDS, cadreRowDecoder, decodeCadreTable, type CadreRow, type CadreTable } from '../../shared/api/cadres';
import { fail } from '../../shared/api/envelope';
import { RawJson, parseRawJson } from '../../shared/api/raw-json';
import { todayIso } from '../../shared/domain/dates';

// The cadre grid's rows, derived for one date from the dated history: current assignment, highest levels,
// current roles and status. One SQL statement whose per-cadre lookups are index searches (so it scales linearly
// and the by-id variant used after every edit is cheap).
//
// The list (50,000 rows) is serialized to JSON by SQLite itself, in the compact table form: making a JS value
// of each of the ~1.6 million cells cost more than the query, and the objects then cost as much again to
// serialize on every call. Today's rows are also kept per cadre in the database and redone only for the cadres
// whose records changed (see "Today's rows" below); the list's JSON bytes are kept in memory until a cadre's
// records change, and the hosts send them as they are.

const HIGHEST: Record<string, string> = { chuyen_mon: 'qp', ly_luan_chinh_tri: 'ql', quan_ly_nha_nuoc: 'qs' };

/** The SQL of each field of a row (flags as a comma-joined text; the API splits it). */
const FIELD_SQL: Record<keyof CadreRow, string> = {
  id: 'c.id',
  version: 'c.version',
  fullName: 'c.full_name',
  otherNames: 'c.other_names',
  sex: 'c.sex',
  birthDate: 'c.birth_date',
  birthPlace: 'c.birth_place',
  homeTown: 'c.home_town',
  address: 'c.address',
  ethnicity: 'c.ethnicity',
  religion: 'c.religion',
  idNumber: 'c.id_number',
  phone: 'c.phone',
  partyJoinDate: 'c.party_join_date',
  partyOfficialDate: 'c.party_official_date',
  category: 'c.category',
  rankCode: 'c.rank_code',
  salaryStep: 'c.salary_step',
  salaryCoefficient: 'c.salary_coefficient',
  recruitmentDate: 'c.recruitment_date',
  note: 'c.note',
  deletedAt: 'c.deleted_at',
  unitId: 'a.unit_id',
  postTitle: 'a.post_title',
  positionCode: 'a.position_code',
  professionalLevel: 'qp.level_key',
  professionalField: 'qp.field',
  politicalLevel: 'ql.level_key',
  stateMgmtLevel: 'qs.level_key',
  flags: `(select group_concat(f.flag) from cadre_flags f
           where f.cadre_id = c.id and f.from_date <= @d and (f.to_date is null or f.to_date >= @d))`,
  status: `coalesce(s.status, 'dang_cong_tac')`,
  statusDate: 's.effective_date',
};
const COLUMNS = CADRE_ROW_FIELDS.map((f) => FIELD_SQL[f]).join(',\n         ');

function fromSql(scope: 'all' | 'ids'): string {
  const best = (category: string, alias: string) => `
    left join qualifications ${alias} on ${alias}.id = (
      select q.id from qualifications q
        join code_lists cl on cl.list = 'level.${category}' and cl.key = q.level_key
       where q.cadre_id = c.id and q.category = '${category}' and q.deleted_at is null
         and (q.award_date is null or q.award_date <= @d)
       order by cl.rank desc, q.award_date desc, q.id desc limit 1)`;
  return `
    from cadres c
    left join assignments a on a.id = (
      select a2.id from assignments a2
       where a2.cadre_id = c.id and a2.deleted_at is null and a2.from_date <= @d and (a2.to_date is null or a2.to_date >= @d)
       order by a2.from_date desc, a2.id desc limit 1)
    ${Object.entries(HIGHEST).map(([cat, alias]) => best(cat, alias)).join('')}
    left join cadre_status_events s on s.id = (
      select e.id from cadre_status_events e where e.cadre_id = c.id and e.effective_date <= @d
       order by e.effective_date desc, e.id desc limit 1)
   where (@all = 1 or c.deleted_at is null) ${scope === 'ids' ? 'and c.id in (select value from json_each(@ids))' : ''}`;
}

/**
 * The whole list as the JSON of a CadreTable, computed from scratch by SQLite in one go and read as UTF-8 bytes (a
 * blob: no 23 MB JS string to make and encode again). Rows are joined in the subquery's order, which the rowid scan
 * gives for free; an ORDER BY inside the aggregate would sort the 50,000 row texts again. Used for other dates than
 * today, when the kept rows cannot be used, and by the tests as the reference the kept rows must equal.
 */
const TABLE_SQL = `select cast('{"fields":' || json(@fields) || ',"rows":[' || coalesce(group_concat(j, ','), '') || ']}' as blob)
    from (select json_array(${COLUMNS}) as j ${fromSql('all')} order by c.id)`;
const IDS_SQL = `select ${COLUMNS} ${fromSql('ids')} order by c.id`;

// ---- Today's rows, kept per cadre --------------------------------------------------------------------------------
// Deriving all 50,000 rows costs ~0.4 s, and any write used to throw the whole list away. Instead each cadre's row
// for today is kept in cadre_rows (its JSON text) with the date until which it holds, and the change log of
// migration 0004 (db/changes.ts) says which cadres changed since the kept rows were brought up to date. A load for
// today then costs one pass concatenating the kept texts, plus deriving the rows of the cadres changed since (the
// "backlog"), spliced in by id; only when the backlog grows large (an import), when the level ranks change, or when
// there are no kept rows yet, are the kept rows rewritten, in one transaction. A change that concerns everyone but
// not the levels (a unit renamed, a course's dates) redoes nothing: the rows hold unit ids, not names.
//
// A load is a read call, so it writes as little as it can: a load that finds the kept rows up to date, or a backlog
// small enough to splice in, writes nothing. A load that rewrites them (a backlog of more than ~1,000 cadres, e.g.
// after an import; a level ranking change; no kept rows yet, or a new version's row shape) commits once, writing no
// audit row and marking nothing in cadre_changes (cadre_rows has no triggers), so the indicator engine, which follows
// that log too, recomputes nothing. The commit does move dataStamp (db/data-stamp.ts: total_changes here,
// data_version on other connections); no cache keys on it any more, and one that did would be computed once more
// after such a load only. When it cannot write (a read-only file, another connection holding the write lock, a full
// disk, or inside a long sliced write such as an import's commit, which holds its transaction open between slices)
// it answers from what it can read, writing nothing.

/** The three categories whose highest level a row shows: their code lists' ranks decide which level is highest. */
const LEVEL_LISTS = Object.keys(HIGHEST).map((cat) => `'level.${cat}'`).join(', ');

/**
 * The first date after @d on which the cadre's row may read differently without any write: a dated record starting
 * after @d (its from, award or effective date), or ending (to_date, inclusive) on or after @d. Mirrors the text
 * comparisons of fromSql: a start S counts from the first day >= S, so the row changes on S; an end E counts while
 * E >= day, so the row changes on the first day > E, which as text is the first day >= E || ' ' (a space sorts
 * before every character of a date). Exact for partial dates ("2015") too, without date arithmetic.
 */
const VALID_UNTIL_SQL = `(select min(x) from (
      select a.from_date as x from assignments a where a.cadre_id = c.id and a.deleted_at is null and a.from_date > @d
      union all select a.to_date || ' ' from assignments a where a.cadre_id = c.id and a.deleted_at is null and a.to_date >= @d
      union all select q.award_date from qualifications q
                 where q.cadre_id = c.id and q.category in (${Object.keys(HIGHEST).map((c) => `'${c}'`).join(', ')}) and q.deleted_at is null and q.award_date > @d
      union all select f.from_date from cadre_flags f where f.cadre_id = c.id and f.from_date > @d
      union all select f.to_date || ' ' from cadre_flags f where f.cadre_id = c.id and f.to_date >= @d
      union all select e.effective_date from cadre_status_events e where e.cadre_id = c.id and e.effective_date > @d))`;

/**
 * Derives the rows of every cadre (deleted ones too: the grid's "show deleted" reads the same rows) or of the
 * cadres in @ids, and keeps those that read differently from the kept ones: after a change that concerns everyone
 * most rows come out the same, and rows left alone are not written again. With @keep = 1 (a level ranking change:
 * every row's levels may read differently, but no dated record moved) a kept row's valid_until still holds and is
 * not searched for again, except for the cadres in @ids (changed, or whose row ran out); '' stands for "keep it",
 * and would expire at once if it were ever inserted.
 */
const storeSql = (scope: 'all' | 'ids') => `insert into cadre_rows (cadre_id, deleted, computed_for, valid_until, json)
    select c.id, c.deleted_at is not null, @d,
           case when @keep = 0 or c.id in (select value from json_each(@ids)) then ${VALID_UNTIL_SQL} else '' end,
           json_array(${COLUMNS}) ${fromSql(scope)}
    on conflict (cadre_id) do update set deleted = excluded.deleted, computed_for = excluded.computed_for,
       valid_until = iif(excluded.valid_until = '', cadre_rows.valid_until, excluded.valid_until), json = excluded.json
     where cadre_rows.json is not excluded.json or cadre_rows.deleted is not excluded.deleted
        or (excluded.valid_until is not '' and cadre_rows.valid_until is not excluded.valid_until)`;

/**
 * The rows of the list from the kept rows, with the backlog's rows (@ids) derived afresh and merged in by id (a
 * compound select whose two sides come out in id order is merged, not sorted); a backlog cadre no longer there drops
 * out. Like TABLE_SQL but without the table's head and tail, which are added in JS: the text operator would copy
 * the 23 MB twice more.
 */
const KEPT_ROWS_SQL = `select cast(coalesce(group_concat(j, ','), '') as blob) from (
      select k.cadre_id as id, k.json as j from cadre_rows k
       where k.cadre_id > 0 and (@all = 1 or k.deleted = 0) and k.cadre_id not in (select value from json_each(@ids))
      union all
      select c.id, json_array(${COLUMNS}) ${fromSql('ids')}
      order by 1)`;
const TABLE_HEAD_BYTES = Buffer.from(`{"fields":${JSON.stringify(CADRE_ROW_FIELDS)},"rows":[`);
const TABLE_TAIL_BYTES = Buffer.from(']}');

/**
 * What the kept rows depend on besides the records themselves: the row SQL (a new version with other columns or
 * rules rebuilds them) and, through the code lists, the levels and their ranks (cadre_changes marks any code-list,
 * unit or course change as concerning everyone; only these ones change the rows).
 */
const SHAPE = createHash('sha256').update(JSON.stringify([CADRE_ROW_FIELDS, storeSql('all'), storeSql('ids')])).digest('hex').slice(0, 16);
const LEVELS_SQL = `select coalesce(group_concat(list || ' ' || key || ' ' || rank, ';'), '') from
    (select list, key, rank from code_lists where list in (${LEVEL_LISTS}) order by list, key)`;

/** Row 0 of cadre_rows: which change number and date the kept rows are up to date with, and what they depend on. */
interface KeptState {
  seq: number;
  shape: string;
  levels: string;
}

/** Backlogs up to this many cadres are derived at each load (~10 ms at most) instead of rewriting the kept rows. */
let maxBacklog = 1000;
/** Tests take each path in turn (0: every change rewrites the kept rows); returns the previous limit. */
export function setCadreRowsBacklogLimit(n: number): number {
  const before = maxBacklog;
  maxBacklog = n;
  return before;
}

interface Prepared {
  conn: Database.Database;
  table: Statement;
  ids: Statement;
  storeAll: Statement;
  storeIds: Statement;
  clear: Statement;
  dropGone: Statement;
  kept: Statement;
  state: Statement;
  saveState: Statement;
  levels: Statement;
  expired: Statement<[string]>;
}
const statements = new WeakMap<AppDb, Prepared>();

function prepared(db: AppDb): Prepared {
  let s = statements.get(db);
  // A restore swaps the connection under the same AppDb: statements of the old one must not be used.
  if (!s || s.conn !== db.sqlite) {
    const p = (sql: string) => db.sqlite.prepare(sql);
    s = {
      conn: db.sqlite,
      table: p(TABLE_SQL).pluck(),
      ids: p(IDS_SQL).raw(),
      storeAll: p(storeSql('all')),
      storeIds: p(storeSql('ids')),
      clear: p('delete from cadre_rows'),
      dropGone: p('delete from cadre_rows where cadre_id in (select value from json_each(@ids)) and cadre_id not in (select id from cadres)'),
      kept: p(KEPT_ROWS_SQL).pluck(),
      state: p('select computed_for as date, json from cadre_rows where cadre_id = 0'),
      saveState: p(`insert or replace into cadre_rows (cadre_id, deleted, computed_for, valid_until, json) values (0, 0, @d, null, @json)`),
      levels: p(LEVELS_SQL).pluck(),
      expired: p('select cadre_id from cadre_rows where valid_until <= ? order by cadre_id').pluck() as Statement<[string]>,
    };
    statements.set(db, s);
  }
  return s;
}

/** What bringing the kept rows up to date for a day takes. */
interface Plan {
  seq: number;
  /**
   * 'all': the kept rows cannot be used (none yet, another row shape, the clock went back): every row is derived
   * again. 'levels': the level ranks changed, so every row's levels are derived again. null: only the backlog.
   */
  redo: 'all' | 'levels' | null;
  /** The cadres changed since the kept rows were brought up to date, or whose row ran out, ascending. */
  backlog: number[];
  levels: string | null;
}

function plan(db: AppDb, s: Prepared, d: string): Plan {
  const seq = lastCadreChange(db);
  const row = s.state.get() as { date: string; json: string } | undefined;
  const state = row ? (JSON.parse(row.json) as KeptState) : null;
  if (!row || !state || state.shape !== SHAPE || state.seq > seq || d < row.date) return { seq, redo: 'all', backlog: [], levels: null };
  let changed: number[] = [];
  let levels: string | null = null;
  let redo: Plan['redo'] = null;
  if (state.seq < seq) {
    const since = cadreChangesSince(db, state.seq);
    changed = since.cadreIds;
    // Of what concerns everyone, rows hold only the level ranks (units appear by id): redo every row's levels then.
    if (since.everyone) {
      levels = s.levels.get() as string;
      if (levels !== state.levels) redo = 'levels';
    }
  }
  const expired = s.expired.all(d) as number[];
  return { seq, redo, backlog: expired.length === 0 ? changed : [...new Set([...changed, ...expired])].sort((a, b) => a - b), levels };
}

/** Brings the kept rows up to date for day d as planned; inside a write transaction. */
function rewrite(db: AppDb, s: Prepared, d: string, p: Plan): void {
  const ids = JSON.stringify(p.backlog);
  if (p.redo === 'all') {
    s.clear.run();
    s.storeAll.run({ d, all: 1, keep: 0, ids });
  } else {
    // Cadres deleted for good (they are in the backlog) leave no row.
    if (p.backlog.length > 0) s.dropGone.run({ ids });
    if (p.redo === 'levels') s.storeAll.run({ d, all: 1, keep: 1, ids });
    else if (p.backlog.length > 0) s.storeIds.run({ d, all: 1, keep: 0, ids });
  }
  const state: KeptState = { seq: p.seq, shape: SHAPE, levels: p.levels ?? (s.levels.get() as string) };
  s.saveState.run({ d, json: JSON.stringify(state) });
}

/** SQLite errors that mean "cannot write now" rather than a fault: answered from what can be read. */
const CANNOT_WRITE = /^SQLITE_(READONLY|BUSY|LOCKED|FULL|PERM|IOERR|CANTOPEN)/;

/** How long a load waits for another connection's write lock before answering without rewriting (ms). */
const WRITE_WAIT_MS = 100;

/** Today's list with the change number it holds for, from the kept rows (brought up to date first when needed). */
function todaysTable(db: AppDb, d: string, all: 0 | 1): { seq: number; bytes: Buffer } {
  const s = prepared(db);
  const read = (p: Plan): Buffer =>
    p.redo !== null
      ? (s.table.get({ d, all, fields: JSON.stringify(CADRE_ROW_FIELDS) }) as Buffer)
      : Buffer.concat([TABLE_HEAD_BYTES, s.kept.get({ d, all, ids: JSON.stringify(p.backlog) }) as Buffer, TABLE_TAIL_BYTES]);
  const splice = (p: Plan) => p.redo === null && p.backlog.length <= maxBacklog;
  // Usually there is nothing to write: plan and read in one read transaction (one snapshot).
  const answered = db.sqlite.transaction(() => {
    const p = plan(db, s, d);
    return splice(p) ? { seq: p.seq, bytes: read(p) } : null;
  }).deferred();
  if (answered) return answered;
  const busyTimeout = db.sqlite.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.sqlite.pragma(`busy_timeout = ${WRITE_WAIT_MS}`);
    return db.sqlite.transaction(() => {
      // Planned again under the write lock: another connection may have rewritten the rows meanwhile.
      const p = plan(db, s, d);
      if (splice(p)) return { seq: p.seq, bytes: read(p) };
      rewrite(db, s, d, p);
      return { seq: p.seq, bytes: read({ ...p, redo: null, backlog: [] }) };
    }).immediate();
  } catch (e) {
    if (!CANNOT_WRITE.test(String((e as { code?: unknown }).code ?? ''))) throw e;
    return db.sqlite.transaction(() => {
      const p = plan(db, s, d);
      return { seq: p.seq, bytes: read(p) };
    }).deferred();
  } finally {
    db.sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

// Kept lists by (date, with deleted) for the latest change number: the grid's "show deleted" toggle goes back and
// forth between two of them. Keyed by cadre_changes' number rather than dataStamp: an audit row, a setting or a
// rewrite of the kept rows does not change any row, so it does not throw the list away.
interface ListCache {
  seq: number;
  lists: Map<string, RawJson<CadreTable>>;
}
const listCache = new WeakMap<AppDb, ListCache>();
// A restore opens a new connection on another file: its change numbers say nothing about what is kept here.
onDatabaseReplaced((db) => {
  listCache.delete(db);
  statements.delete(db);
});
const KEPT_LISTS = 3;
const decodeRow = cadreRowDecoder(CADRE_ROW_FIELDS);

/** The list for a date computed from the records, ignoring the kept rows (the reference the tests compare with). */
export function cadreTableFromScratch(db: AppDb, opts: { includeDeleted?: boolean; onDate?: string } = {}): Buffer {
  return prepared(db).table.get({ d: opts.onDate ?? todayIso(), all: opts.includeDeleted ? 1 : 0, fields: JSON.stringify(CADRE_ROW_FIELDS) }) as Buffer;
}

/**
 * Every cadre's row for a date (today by default) as the JSON of the table form, kept until a cadre's records
 * change. Hosts send it as it is (see RawJson).
 */
export function cadreTableJson(db: AppDb, opts: { includeDeleted?: boolean; onDate?: string } = {}): RawJson<CadreTable> {
  const today = todayIso();
  const d = opts.onDate ?? today;
  const all = opts.includeDeleted ? 1 : 0;
  // Inside a long sliced write (an import's commit between slices) what is read is not committed yet: it may be
  // rolled back and its change numbers given again to other data, so nothing is kept.
  if (db.sqlite.inTransaction) return new RawJson<CadreTable>(cadreTableFromScratch(db, { onDate: d, includeDeleted: !!all }));
  const key = `${d}|${all}`;
  let cache = listCache.get(db);
  const seqNow = lastCadreChange(db);
  let json = cache?.seq === seqNow ? cache.lists.get(key) : undefined;
  if (json) return json;
  const { seq, bytes } =
    d === today
      ? todaysTable(db, d, all)
      : db.sqlite.transaction(() => ({ seq: lastCadreChange(db), bytes: cadreTableFromScratch(db, { onDate: d, includeDeleted: !!all }) })).deferred();
  json = new RawJson<CadreTable>(bytes);
  if (!cache || cache.seq !== seq) listCache.set(db, (cache = { seq, lists: new Map() }));
  if (cache.lists.size >= KEPT_LISTS) cache.lists.delete(cache.lists.keys().next().value!);
  cache.lists.set(key, json);
  return json;
}

/** Every cadre's row for a date (today by default), as objects (callers other than the grid; tests). */
export function listCadreRows(db: AppDb, opts: { includeDeleted?: boolean; onDate?: string } = {}): CadreRow[] {
  return decodeCadreTable(parseRawJson(cadreTableJson(db, opts)));
}

/** Rows of the given cadres for a date in the table form of cadres.listTable (values in CADRE_ROW_FIELDS order), by id. */
export function cadreTableRowsByIds(db: AppDb, ids: number[], onDate = todayIso()): CadreTable['rows'] {
  if (ids.length === 0) return [];
  return prepared(db).ids.all({ d: onDate, all: 1, ids: JSON.stringify(ids) }) as CadreTable['rows'];
}

export function cadreRowsByIds(db: AppDb, ids: number[], onDate = todayIso()): CadreRow[] {
  return cadreTableRowsByIds(db, ids, onDate).map(decodeRow);
}

export function cadreRow(db: AppDb, id: number): CadreRow {
  const [row] = cadreRowsByIds(db, [id]);
  if (!row) throw fail.notFound('hồ sơ cán bộ');
  return row;
}
