import type { AppDb } from '../open';
import { onDatabaseReplaced } from '../replaced';
import { CADRE_ROW_FIELDS, cadreRowDecoder, decodeCadreTable, type CadreRow, type CadreTable } from '../../shared/api/cadres';
import { fail } from '../../shared/api/envelope';
import { RawJson, parseRawJson } from '../../shared/api/raw-json';
import { todayIso } from '../../shared/domain/dates';
import { dataStamp } from '../data-stamp';

// The cadre grid's rows, derived for one date from the dated history: current assignment, highest levels,
// current roles and status. One SQL statement whose per-cadre lookups are index searches (so it scales linearly
// and the by-id variant used after every edit is cheap).
//
// The whole list (50,000 rows) is serialized to JSON by SQLite itself, in the compact table form: making a JS value
// of each of the ~1.6 million cells cost more than the query, and the objects then cost as much again to
// serialize on every call. The JSON bytes are kept per database until the data changes, and the hosts send them
// as they are; nothing else of the list stays in memory.

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
 * The whole list as the JSON of a CadreTable, built by SQLite in one go and read as UTF-8 bytes (a blob: no 23 MB
 * JS string to make and encode again). Rows are joined in the subquery's order, which the rowid scan gives for
 * free; an ORDER BY inside the aggregate would sort the 50,000 row texts again.
 */
const TABLE_SQL = `select cast('{"fields":' || json(@fields) || ',"rows":[' || coalesce(group_concat(j, ','), '') || ']}' as blob)
    from (select json_array(${COLUMNS}) as j ${fromSql('all')} order by c.id)`;
const IDS_SQL = `select ${COLUMNS} ${fromSql('ids')} order by c.id`;

interface Prepared {
  table: ReturnType<AppDb['sqlite']['prepare']>;
  ids: ReturnType<AppDb['sqlite']['prepare']>;
}
const statements = new WeakMap<AppDb, Prepared>();

function prepared(db: AppDb): Prepared {
  let s = statements.get(db);
  if (!s) {
    s = { table: db.sqlite.prepare(TABLE_SQL).pluck(), ids: db.sqlite.prepare(IDS_SQL).raw() };
    statements.set(db, s);
  }
  return s;
}

// Kept lists by (date, with deleted): the grid's "show deleted" toggle goes back and forth between two of them.
interface ListCache {
  stamp: string;
  lists: Map<string, RawJson<CadreTable>>;
}
const listCache = new WeakMap<AppDb, ListCache>();
// A restore opens a new connection: statements prepared on the old one are dropped too.
onDatabaseReplaced((db) => {
  listCache.delete(db);
  statements.delete(db);
});
const KEPT_LISTS = 3;
const decodeRow = cadreRowDecoder(CADRE_ROW_FIELDS);

/**
 * Every cadre's row for a date (today by default) as the JSON of the table form, kept until the data changes.
 * Hosts send it as it is (see RawJson).
 */
export function cadreTableJson(db: AppDb, opts: { includeDeleted?: boolean; onDate?: string } = {}): RawJson<CadreTable> {
  const d = opts.onDate ?? todayIso();
  const key = `${d}|${opts.includeDeleted ? 1 : 0}`;
  const stamp = dataStamp(db);
  let cache = listCache.get(db);
  if (!cache || cache.stamp !== stamp) {
    cache = { stamp, lists: new Map() };
    listCache.set(db, cache);
  }
  let json = cache.lists.get(key);
  if (!json) {
    json = new RawJson<CadreTable>(prepared(db).table.get({ d, all: opts.includeDeleted ? 1 : 0, fields: JSON.stringify(CADRE_ROW_FIELDS) }) as Buffer);
    if (cache.lists.size >= KEPT_LISTS) cache.lists.delete(cache.lists.keys().next().value!);
    cache.lists.set(key, json);
  }
  return json;
}

/** Every cadre's row for a date (today by default), as objects (callers other than the grid; tests). */
export function listCadreRows(db: AppDb, opts: { includeDeleted?: boolean; onDate?: string } = {}): CadreRow[] {
  return decodeCadreTable(parseRawJson(cadreTableJson(db, opts)));
}

export function cadreRowsByIds(db: AppDb, ids: number[], onDate = todayIso()): CadreRow[] {
  if (ids.length === 0) return [];
  return (prepared(db).ids.all({ d: onDate, all: 1, ids: JSON.stringify(ids) }) as unknown[][]).map(decodeRow);
}

export function cadreRow(db: AppDb, id: number): CadreRow {
  const [row] = cadreRowsByIds(db, [id]);
  if (!row) throw fail.notFound('hồ sơ cán bộ');
  return row;
}
