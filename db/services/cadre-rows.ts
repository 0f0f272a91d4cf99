import type { AppDb } from '../open';
import type { CadreRow } from '../../shared/api/cadres';
import { fail } from '../../shared/api/envelope';
import { todayIso } from '../../shared/domain/dates';

// The cadre grid's rows, derived for one date from the dated history: current assignment, highest levels,
// current roles and status. One SQL statement, so 50,000 rows come back in one pass.

const HIGHEST_CATEGORIES = ['chuyen_mon', 'ly_luan_chinh_tri', 'quan_ly_nha_nuoc'] as const;

function rowsSql(scope: 'all' | 'ids'): string {
  const only = (col: string) => (scope === 'ids' ? `and ${col} in (select value from json_each(@ids))` : '');
  return `
  with cur_a as (
    select cadre_id, unit_id, post_title, position_code,
           row_number() over (partition by cadre_id order by from_date desc, id desc) as rn
      from assignments
     where deleted_at is null and from_date <= @d and (to_date is null or to_date >= @d) ${only('cadre_id')}
  ), q as (
    select q.cadre_id, q.category, q.level_key, q.field,
           row_number() over (partition by q.cadre_id, q.category order by cl.rank desc, q.award_date desc, q.id desc) as rn
      from qualifications q
      join code_lists cl on cl.list = 'level.' || q.category and cl.key = q.level_key
     where q.deleted_at is null and q.category in (${HIGHEST_CATEGORIES.map((c) => `'${c}'`).join(',')})
       and (q.award_date is null or q.award_date <= @d) ${only('q.cadre_id')}
  ), f as (
    select cadre_id, group_concat(flag) as flags
      from cadre_flags
     where from_date <= @d and (to_date is null or to_date >= @d) ${only('cadre_id')}
     group by cadre_id
  ), s as (
    select cadre_id, status, effective_date,
           row_number() over (partition by cadre_id order by effective_date desc, id desc) as rn
      from cadre_status_events
     where effective_date <= @d ${only('cadre_id')}
  )
  select c.id, c.version, c.full_name as fullName, c.other_names as otherNames, c.sex, c.birth_date as birthDate,
         c.birth_place as birthPlace, c.home_town as homeTown, c.address, c.ethnicity, c.religion, c.id_number as idNumber,
         c.phone, c.party_join_date as partyJoinDate, c.party_official_date as partyOfficialDate, c.category,
         c.rank_code as rankCode, c.salary_step as salaryStep, c.salary_coefficient as salaryCoefficient,
         c.recruitment_date as recruitmentDate, c.note, c.deleted_at as deletedAt,
         a.unit_id as unitId, a.post_title as postTitle, a.position_code as positionCode,
         qp.level_key as professionalLevel, qp.field as professionalField,
         ql.level_key as politicalLevel, qs.level_key as stateMgmtLevel,
         f.flags as flags, coalesce(s.status, 'dang_cong_tac') as status, s.effective_date as statusDate
    from cadres c
    left join cur_a a on a.cadre_id = c.id and a.rn = 1
    left join q qp on qp.cadre_id = c.id and qp.category = 'chuyen_mon' and qp.rn = 1
    left join q ql on ql.cadre_id = c.id and ql.category = 'ly_luan_chinh_tri' and ql.rn = 1
    left join q qs on qs.cadre_id = c.id and qs.category = 'quan_ly_nha_nuoc' and qs.rn = 1
    left join f on f.cadre_id = c.id
    left join s on s.cadre_id = c.id and s.rn = 1
   where (@all = 1 or c.deleted_at is null) ${only('c.id')}
   order by c.id`;
}

const statements = new WeakMap<AppDb, { all: any; ids: any }>();

function prepared(db: AppDb) {
  let s = statements.get(db);
  if (!s) {
    s = { all: db.sqlite.prepare(rowsSql('all')), ids: db.sqlite.prepare(rowsSql('ids')) };
    statements.set(db, s);
  }
  return s;
}

const toRow = (r: any): CadreRow => {
  r.flags = r.flags ? String(r.flags).split(',') : [];
  return r as CadreRow;
};

export function listCadreRows(db: AppDb, opts: { includeDeleted?: boolean; onDate?: string } = {}): CadreRow[] {
  const rows = prepared(db).all.all({ d: opts.onDate ?? todayIso(), all: opts.includeDeleted ? 1 : 0 }) as any[];
  return rows.map(toRow);
}

export function cadreRowsByIds(db: AppDb, ids: number[], onDate = todayIso()): CadreRow[] {
  if (ids.length === 0) return [];
  const rows = prepared(db).ids.all({ d: onDate, all: 1, ids: JSON.stringify(ids) }) as any[];
  return rows.map(toRow);
}

export function cadreRow(db: AppDb, id: number): CadreRow {
  const [row] = cadreRowsByIds(db, [id]);
  if (!row) throw fail.notFound('hồ sơ cán bộ');
  return row;
}
