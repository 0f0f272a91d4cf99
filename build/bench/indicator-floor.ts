import type { AppDb } from '../../db/open';

// The floor for "all indicators for one quarter": one hand-written SQL query over the same tables, counting the
// same sets as the seeded definitions of every computed indicator (db/services/indicators/seed.ts), standards
// included (the seeded thresholds, written out by hand). It knows nothing of the engine (no packed bits, no
// compiled predicates), so the ratio shows what the abstraction costs; the bench checks that every n and N equals
// the engine's and fails when one does not.
//
// The rules written out: status on @d = the latest event on or before @d (none = working); the unit is that of
// the assignment in force on @d (latest started, then newest row), counted only if the unit exists on @d; a
// qualification counts from its award date (none = held) when its level is in the code list; "at least L" = holds a
// level ranked at least L (the key sets are read once from the code lists).

export const FLOOR_CODES = [
  '1a', '1b', '1b.2030', '1c', '2a', '2b', '2c', '2d', '3a', '3b', '4a', '4b', '4b.ts', '4c', '4c.ths', '4c.ts', '4d', '5c.ck1', '5c.ck2',
] as const;

export const INDICATOR_FLOOR_SQL = `
with st as (
  select cadre_id, status, row_number() over (partition by cadre_id order by effective_date desc, id desc) as rn
    from cadre_status_events where effective_date <= @d
), lv as (
  -- The level sets the definitions name, resolved once from the code lists (key sets, not a join per row).
  select key, list, rank, coalesce(attrs ->> '$.postgraduate', 0) as pg, coalesce(attrs ->> '$.doctorate', 0) as dr,
         coalesce(attrs ->> '$.certified', 0) as cert
    from code_lists where list like 'level.%'
), qa as (
  select q.cadre_id,
         max(q.category = 'chuyen_mon' and q.level_key in (select key from lv where list = 'level.chuyen_mon' and rank >= (select rank from lv where list = 'level.chuyen_mon' and key = 'dai_hoc'))) as cm_dh,
         max(q.category = 'chuyen_mon' and q.level_key in (select key from lv where list = 'level.chuyen_mon' and rank >= (select rank from lv where list = 'level.chuyen_mon' and key = 'thac_si'))) as cm_ths,
         max(q.category = 'pho_thong' and q.level_key in (select key from lv where list = 'level.pho_thong' and rank >= (select rank from lv where list = 'level.pho_thong' and key = '12/12'))) as pt_12,
         max(q.category = 'ly_luan_chinh_tri' and q.level_key in (select key from lv where list = 'level.ly_luan_chinh_tri' and rank >= (select rank from lv where list = 'level.ly_luan_chinh_tri' and key = 'cao_cap'))) as ll_cc,
         max(q.category = 'ly_luan_chinh_tri' and q.level_key in (select key from lv where list = 'level.ly_luan_chinh_tri' and rank >= (select rank from lv where list = 'level.ly_luan_chinh_tri' and key = 'trung_cap'))) as ll_tc,
         max(q.category = 'quan_ly_nha_nuoc' and q.level_key in (select key from lv where list = 'level.quan_ly_nha_nuoc' and rank >= (select rank from lv where list = 'level.quan_ly_nha_nuoc' and key = 'chuyen_vien_chinh'))) as ql_cvc,
         max(q.category = 'quan_ly_nha_nuoc' and q.level_key in (select key from lv where list = 'level.quan_ly_nha_nuoc' and rank >= (select rank from lv where list = 'level.quan_ly_nha_nuoc' and key = 'chuyen_vien'))) as ql_cv,
         max(q.category = 'chuyen_mon' and q.level_key in (select key from lv where list = 'level.chuyen_mon' and pg)) as pg,
         max(q.category = 'chuyen_mon' and q.level_key in (select key from lv where list = 'level.chuyen_mon' and dr)) as dr,
         max(q.category = 'chuyen_mon' and q.level_key = 'chuyen_khoa_1' and 'chuyen_khoa_1' in (select key from lv where list = 'level.chuyen_mon')) as ck1,
         max(q.category = 'chuyen_mon' and q.level_key = 'chuyen_khoa_2' and 'chuyen_khoa_2' in (select key from lv where list = 'level.chuyen_mon')) as ck2,
         max(q.category = 'tieng_dtts' and (q.level_key in (select key from lv where list = 'level.tieng_dtts' and cert)
             or q.fluency in (select key from code_lists where list = 'language_fluency' and coalesce(attrs ->> '$.fluent', 0)))) as lang
    from qualifications q
   where q.deleted_at is null and q.category in ('chuyen_mon', 'pho_thong', 'ly_luan_chinh_tri', 'quan_ly_nha_nuoc', 'tieng_dtts')
     and (q.award_date is null or q.award_date <= @d)
   group by q.cadre_id
), fl as (
  select cadre_id, max(flag = 'bch_tinh') as bch_tinh, max(flag = 'btv_quan_ly') as btv, max(flag = 'bch_huyen') as bch_huyen,
         max(flag = 'lanh_dao_phong') as ldp, max(flag in ('giao_vien', 'giao_vien_thpt')) as gv, max(flag = 'giao_vien_thpt') as gv_thpt,
         max(flag = 'gv_truong_chinh_tri') as gv_tct, max(flag = 'gv_cao_dang') as gv_cd, max(flag = 'bac_si') as bs
    from cadre_flags where from_date <= @d and (to_date is null or to_date >= @d) group by cadre_id
), p as (
  select c.category, u.level, u.kind, coalesce(u.ethnic_contact, 0) as contact, asg.position_code as pos,
         coalesce(e.attrs ->> '$.minority', 0) as minority,
         coalesce(f.bch_tinh, 0) as bch_tinh, coalesce(f.btv, 0) as btv, coalesce(f.bch_huyen, 0) as bch_huyen, coalesce(f.ldp, 0) as ldp,
         coalesce(f.gv, 0) as gv, coalesce(f.gv_thpt, 0) as gv_thpt, coalesce(f.gv_tct, 0) as gv_tct, coalesce(f.gv_cd, 0) as gv_cd, coalesce(f.bs, 0) as bs,
         coalesce(qa.cm_dh, 0) as cm_dh, coalesce(qa.cm_ths, 0) as cm_ths, coalesce(qa.pt_12, 0) as pt_12, coalesce(qa.ll_cc, 0) as ll_cc,
         coalesce(qa.ll_tc, 0) as ll_tc, coalesce(qa.ql_cvc, 0) as ql_cvc, coalesce(qa.ql_cv, 0) as ql_cv,
         coalesce(qa.pg, 0) as pg, coalesce(qa.dr, 0) as dr, coalesce(qa.ck1, 0) as ck1, coalesce(qa.ck2, 0) as ck2, coalesce(qa.lang, 0) as lang
    from cadres c
    left join st on st.cadre_id = c.id and st.rn = 1
    left join assignments asg on asg.id = (
          select x.id from assignments x
           where x.cadre_id = c.id and x.deleted_at is null and x.from_date <= @d and (x.to_date is null or x.to_date >= @d)
           order by x.from_date desc, x.id desc limit 1)
    left join units u on u.id = asg.unit_id and u.deleted_at is null and (u.valid_from is null or u.valid_from <= @d) and (u.valid_to is null or u.valid_to >= @d)
    left join code_lists e on e.list = 'ethnicity' and e.key = c.ethnicity
    left join fl f on f.cadre_id = c.id
    left join qa on qa.cadre_id = c.id
   where c.deleted_at is null and coalesce(st.status, 'dang_cong_tac') = 'dang_cong_tac'
), s as (
  select p.*,
         category in ('can_bo','cong_chuc','vien_chuc') as cbccvc,
         (category in ('can_bo','cong_chuc','vien_chuc') and not (category = 'vien_chuc' and coalesce(kind, '') in ('su_nghiep_giao_duc','su_nghiep_y_te'))) as cbccvc_ex,
         -- The seeded standard set "cbccvc_tinh_huyen": the first row whose positions match, else the one for everybody.
         case when pos in ('lanh_dao_tinh','truong_so','pho_so','bi_thu_huyen','pho_huyen') then cm_dh and ll_cc and ql_cvc
              when pos in ('truong_phong','pho_phong') then cm_dh and ll_tc and ql_cv
              else cm_dh end as std_th,
         pt_12 and cm_dh as std_xa
    from p
)
select
  sum(cbccvc_ex and level in ('tinh','huyen')) as "1a.N", sum(cbccvc_ex and level in ('tinh','huyen') and std_th) as "1a.n",
  sum(cbccvc_ex and level in ('tinh','huyen')) as "1b.N", sum(cbccvc_ex and level in ('tinh','huyen') and pg) as "1b.n",
  sum(cbccvc_ex) as "1b.2030.N", sum(cbccvc_ex and pg) as "1b.2030.n",
  sum(category in ('can_bo','cong_chuc') and level = 'xa') as "1c.N", sum(category in ('can_bo','cong_chuc') and level = 'xa' and std_xa) as "1c.n",
  sum(bch_tinh) as "2a.N", sum(bch_tinh and pg) as "2a.n",
  sum(btv) as "2b.N", sum(btv and pg) as "2b.n",
  sum(bch_huyen) as "2c.N", sum(bch_huyen and pg) as "2c.n",
  sum(ldp) as "2d.N", sum(ldp and pg) as "2d.n",
  sum(cbccvc and minority) as "3a.N", sum(cbccvc and minority and lang) as "3a.n",
  sum(cbccvc and contact) as "3b.N", sum(cbccvc and contact and lang) as "3b.n",
  sum(gv) as "4a.N", sum(gv and cm_dh) as "4a.n",
  sum(gv_tct) as "4b.N", sum(gv_tct and cm_ths) as "4b.n",
  sum(gv_tct) as "4b.ts.N", sum(gv_tct and dr) as "4b.ts.n",
  sum(gv_cd) as "4c.N", sum(gv_cd and cm_dh) as "4c.n",
  sum(gv_cd) as "4c.ths.N", sum(gv_cd and cm_ths) as "4c.ths.n",
  sum(gv_cd) as "4c.ts.N", sum(gv_cd and dr) as "4c.ts.n",
  sum(gv_thpt) as "4d.N", sum(gv_thpt and cm_ths) as "4d.n",
  sum(bs) as "5c.ck1.N", sum(bs and ck1 and not ck2) as "5c.ck1.n",
  sum(bs) as "5c.ck2.N", sum(bs and ck2) as "5c.ck2.n"
from s`;

export function indicatorFloor(db: AppDb, onDate: string): Record<string, { n: number; N: number }> {
  const row = db.sqlite.prepare(INDICATOR_FLOOR_SQL).get({ d: onDate }) as Record<string, number | null>;
  return Object.fromEntries(FLOOR_CODES.map((c) => [c, { n: row[`${c}.n`] ?? 0, N: row[`${c}.N`] ?? 0 }]));
}

/** Every computed figure the floor and the engine disagree on ("code: engine n/N, floor n/N"); empty = all equal. */
export function floorMismatches(
  engine: { code: string; kind: string; n: number | null; N: number | null }[],
  floor: Record<string, { n: number; N: number }>,
): string[] {
  const out: string[] = [];
  const computed = engine.filter((r) => r.kind === 'computed');
  for (const r of computed) {
    const f = floor[r.code];
    if (!f) out.push(`${r.code}: computed by the engine, not by the floor`);
    else if (r.n !== f.n || r.N !== f.N) out.push(`${r.code}: engine ${r.n}/${r.N}, floor ${f.n}/${f.N}`);
  }
  for (const c of FLOOR_CODES) if (!computed.some((r) => r.code === c)) out.push(`${c}: counted by the floor, not computed by the engine`);
  return out;
}
