import type { AppDb } from '../../db/open';

// The floor for "all indicators for one quarter": hand-written SQL over the same tables, counting the same sets
// as the seeded definitions of the postgraduate and language indicators (1b, 1b.2030, 2a-2d, 3a, 3b). The
// standard-based ones (1a, 1c, 4a...) need the per-post standards table and are left to the engine; the report
// prints which codes the floor covers and checks that its counts equal the engine's.

export const FLOOR_CODES = ['1b', '1b.2030', '2a', '2b', '2c', '2d', '3a', '3b'] as const;

export const INDICATOR_FLOOR_SQL = `
with st as (
  select cadre_id, status, row_number() over (partition by cadre_id order by effective_date desc, id desc) as rn
    from cadre_status_events where effective_date <= @d
), asg as (
  select a.cadre_id, a.unit_id, row_number() over (partition by a.cadre_id order by a.from_date desc, a.id desc) as rn
    from assignments a
   where a.deleted_at is null and a.from_date <= @d and (a.to_date is null or a.to_date >= @d)
), pg as (
  select distinct q.cadre_id from qualifications q
    join code_lists cl on cl.list = 'level.chuyen_mon' and cl.key = q.level_key
   where q.deleted_at is null and q.category = 'chuyen_mon' and (q.award_date is null or q.award_date <= @d)
     and json_extract(cl.attrs, '$.postgraduate') = 1
), lang as (
  select distinct q.cadre_id from qualifications q
    left join code_lists lv on lv.list = 'level.tieng_dtts' and lv.key = q.level_key
    left join code_lists fl on fl.list = 'language_fluency' and fl.key = q.fluency
   where q.deleted_at is null and q.category = 'tieng_dtts' and (q.award_date is null or q.award_date <= @d)
     and (json_extract(lv.attrs, '$.certified') = 1 or json_extract(fl.attrs, '$.fluent') = 1)
), fl as (
  select cadre_id, max(flag = 'bch_tinh') as bch_tinh, max(flag = 'btv_quan_ly') as btv, max(flag = 'bch_huyen') as bch_huyen,
         max(flag = 'lanh_dao_phong') as ldp
    from cadre_flags where from_date <= @d and (to_date is null or to_date >= @d) group by cadre_id
), p as (
  select c.id, c.category, u.level, u.kind, coalesce(u.ethnic_contact, 0) as contact,
         coalesce(e.attrs ->> '$.minority', 0) as minority,
         coalesce(f.bch_tinh, 0) as bch_tinh, coalesce(f.btv, 0) as btv, coalesce(f.bch_huyen, 0) as bch_huyen, coalesce(f.ldp, 0) as ldp,
         (pg.cadre_id is not null) as pg, (lang.cadre_id is not null) as lang
    from cadres c
    left join st on st.cadre_id = c.id and st.rn = 1
    left join asg on asg.cadre_id = c.id and asg.rn = 1
    left join units u on u.id = asg.unit_id and (u.valid_from is null or u.valid_from <= @d) and (u.valid_to is null or u.valid_to >= @d)
    left join code_lists e on e.list = 'ethnicity' and e.key = c.ethnicity
    left join fl f on f.cadre_id = c.id
    left join pg on pg.cadre_id = c.id
    left join lang on lang.cadre_id = c.id
   where c.deleted_at is null and coalesce(st.status, 'dang_cong_tac') = 'dang_cong_tac'
), s as (
  select *, (category in ('can_bo','cong_chuc','vien_chuc') and not (category = 'vien_chuc' and coalesce(kind, '') in ('su_nghiep_giao_duc','su_nghiep_y_te'))) as cbccvc_ex
    from p
)
select
  sum(cbccvc_ex and level in ('tinh','huyen')) as "1b.N", sum(cbccvc_ex and level in ('tinh','huyen') and pg) as "1b.n",
  sum(cbccvc_ex) as "1b.2030.N", sum(cbccvc_ex and pg) as "1b.2030.n",
  sum(bch_tinh) as "2a.N", sum(bch_tinh and pg) as "2a.n",
  sum(btv) as "2b.N", sum(btv and pg) as "2b.n",
  sum(bch_huyen) as "2c.N", sum(bch_huyen and pg) as "2c.n",
  sum(ldp) as "2d.N", sum(ldp and pg) as "2d.n",
  sum(category in ('can_bo','cong_chuc','vien_chuc') and minority) as "3a.N", sum(category in ('can_bo','cong_chuc','vien_chuc') and minority and lang) as "3a.n",
  sum(category in ('can_bo','cong_chuc','vien_chuc') and contact) as "3b.N", sum(category in ('can_bo','cong_chuc','vien_chuc') and contact and lang) as "3b.n"
from s`;

export function indicatorFloor(db: AppDb, onDate: string): Record<string, { n: number; N: number }> {
  const row = db.sqlite.prepare(INDICATOR_FLOOR_SQL).get({ d: onDate }) as Record<string, number | null>;
  return Object.fromEntries(FLOOR_CODES.map((c) => [c, { n: row[`${c}.n`] ?? 0, N: row[`${c}.N`] ?? 0 }]));
}
