import type { AppDb } from '../open';
import { onDatabaseReplaced } from '../replaced';
import type { CadreRow } from '../../shared/api/cadres';
import { fail } from '../../shared/api/envelope';
import { todayIso } from '../../shared/domain/dates';
import { dataStamp } from '../data-stamp';

// The cadre grid's rows, derived for one date from the dated history: current assignment, highest levels,
// current roles and status. One SQL statement whose per-cadre lookups are index searches (so it scales linearly
// and the by-id variant used after every edit is cheap), read as raw arrays and shaped in JS (much cheaper than
// letting the driver build 50,000 objects property by property). The full list is kept per database until the
// data changes, so coming back to the grid costs nothing when nobody wrote in between.

const HIGHEST: Record<string, string> = { chuyen_mon: 'qp', ly_luan_chinh_tri: 'ql', quan_ly_nha_nuoc: 'qs' };

function rowsSql(scope: 'all' | 'ids'): string {
  const best = (category: string, alias: string) => `
    left join qualifications ${alias} on ${alias}.id = (
      select q.id from qualifications q
        join code_lists cl on cl.list = 'level.${category}' and cl.key = q.level_key
       where q.cadre_id = c.id and q.category = '${category}' and q.deleted_at is null
         and (q.award_date is null or q.award_date <= @d)
       order by cl.rank desc, q.award_date desc, q.id desc limit 1)`;
  return `
  select c.id, c.version, c.full_name, c.other_names, c.sex, c.birth_date, c.birth_place, c.home_town, c.address,
         c.ethnicity, c.religion, c.id_number, c.phone, c.party_join_date, c.party_official_date, c.category,
         c.rank_code, c.salary_step, c.salary_coefficient, c.recruitment_date, c.note, c.deleted_at,
         a.unit_id, a.post_title, a.position_code,
         qp.level_key, qp.field, ql.level_key, qs.level_key,
         (select group_concat(f.flag) from cadre_flags f
           where f.cadre_id = c.id and f.from_date <= @d and (f.to_date is null or f.to_date >= @d)) as flags,
         coalesce(s.status, 'dang_cong_tac'), s.effective_date
    from cadres c
    left join assignments a on a.id = (
      select a2.id from assignments a2
       where a2.cadre_id = c.id and a2.deleted_at is null and a2.from_date <= @d and (a2.to_date is null or a2.to_date >= @d)
       order by a2.from_date desc, a2.id desc limit 1)
    ${Object.entries(HIGHEST).map(([cat, alias]) => best(cat, alias)).join('')}
    left join cadre_status_events s on s.id = (
      select e.id from cadre_status_events e where e.cadre_id = c.id and e.effective_date <= @d
       order by e.effective_date desc, e.id desc limit 1)
   where (@all = 1 or c.deleted_at is null) ${scope === 'ids' ? 'and c.id in (select value from json_each(@ids))' : ''}
   order by c.id`;
}

/** Raw row (in the SELECT's column order) to the API's shape. */
function toRow(r: unknown[]): CadreRow {
  return {
    id: r[0] as number,
    version: r[1] as number,
    fullName: r[2] as string,
    otherNames: r[3] as string | null,
    sex: r[4] as string,
    birthDate: r[5] as string | null,
    birthPlace: r[6] as string | null,
    homeTown: r[7] as string | null,
    address: r[8] as string | null,
    ethnicity: r[9] as string | null,
    religion: r[10] as string | null,
    idNumber: r[11] as string | null,
    phone: r[12] as string | null,
    partyJoinDate: r[13] as string | null,
    partyOfficialDate: r[14] as string | null,
    category: r[15] as string,
    rankCode: r[16] as string | null,
    salaryStep: r[17] as number | null,
    salaryCoefficient: r[18] as number | null,
    recruitmentDate: r[19] as string | null,
    note: r[20] as string | null,
    deletedAt: r[21] as string | null,
    unitId: r[22] as number | null,
    postTitle: r[23] as string | null,
    positionCode: r[24] as string | null,
    professionalLevel: r[25] as string | null,
    professionalField: r[26] as string | null,
    politicalLevel: r[27] as string | null,
    stateMgmtLevel: r[28] as string | null,
    flags: r[29] ? String(r[29]).split(',') : [],
    status: r[30] as string,
    statusDate: r[31] as string | null,
  };
}

interface Prepared {
  all: ReturnType<AppDb['sqlite']['prepare']>;
  ids: ReturnType<AppDb['sqlite']['prepare']>;
}
const statements = new WeakMap<AppDb, Prepared>();
interface ListCache {
  key: string;
  stamp: string;
  rows: CadreRow[];
}
const listCache = new WeakMap<AppDb, ListCache>();
// A restore opens a new connection: statements prepared on the old one are dropped too.
onDatabaseReplaced((db) => {
  listCache.delete(db);
  statements.delete(db);
});

function prepared(db: AppDb): Prepared {
  let s = statements.get(db);
  if (!s) {
    s = { all: db.sqlite.prepare(rowsSql('all')).raw(), ids: db.sqlite.prepare(rowsSql('ids')).raw() };
    statements.set(db, s);
  }
  return s;
}


/** Every cadre's row for a date (today by default). The array is shared by callers until the data changes: do not mutate it. */
export function listCadreRows(db: AppDb, opts: { includeDeleted?: boolean; onDate?: string } = {}): CadreRow[] {
  const d = opts.onDate ?? todayIso();
  const key = `${d}|${opts.includeDeleted ? 1 : 0}`;
  const stamp = dataStamp(db);
  const cached = listCache.get(db);
  if (cached && cached.key === key && cached.stamp === stamp) return cached.rows;
  const rows = (prepared(db).all.all({ d, all: opts.includeDeleted ? 1 : 0 }) as unknown[][]).map(toRow);
  listCache.set(db, { key, stamp, rows });
  return rows;
}

export function cadreRowsByIds(db: AppDb, ids: number[], onDate = todayIso()): CadreRow[] {
  if (ids.length === 0) return [];
  return (prepared(db).ids.all({ d: onDate, all: 1, ids: JSON.stringify(ids) }) as unknown[][]).map(toRow);
}

export function cadreRow(db: AppDb, id: number): CadreRow {
  const [row] = cadreRowsByIds(db, [id]);
  if (!row) throw fail.notFound('hồ sơ cán bộ');
  return row;
}
