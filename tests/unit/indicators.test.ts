import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, type AppDb } from '../../db/open';
import { openTestDb, testApi } from '../helpers/db';
import { computeIndicators, indicatorMembers, setIndicatorEngine, type IndicatorEngine } from '../../db/services/indicators/compute';
import { seedIndicators } from '../../db/services/indicators/seed';
import type { IndicatorResult } from '../../shared/api/indicators';

// A small hand-made province. Every expected n / N below is worked out by hand from this list, person by person
// (see the comments at each expectation), never by calling the code under test.
//
// Units                                         kind                 level  valid
//  U1 Sở Nội vụ                                 chinh_quyen          tinh   2000 -
//  U2 Trường THPT Lê Lợi                        su_nghiep_giao_duc   tinh   2000 -
//  U3 Bệnh viện đa khoa huyện Mỹ Tú             su_nghiep_y_te       huyen  2000 - 2025-06-30 -> U7
//  U4 UBND huyện Mỹ Tú                          chinh_quyen          huyen  2000 - 2025-06-30 -> U5
//  U5 UBND xã Mỹ Tú (new commune)               chinh_quyen          xa     2025-07-01 -
//  U6 UBND xã Lai Hòa (ethnic contact)          chinh_quyen          xa     2000 -
//  U7 Trung tâm Y tế khu vực Mỹ Tú              su_nghiep_y_te       tinh   2025-07-01 -
//
// People (assignment from 2015-01-01 unless said otherwise)
//  A U1 công chức, trưởng phòng; ĐH 2005, ThS awarded 2025-06-30 (last day of Q2); LLCT trung cấp; QLNN chuyên viên;
//    role lãnh đạo phòng
//  B U1 công chức, chuyên viên; ĐH 2010, ThS awarded 2025-07-01 (first day of Q3)
//  C U1 viên chức (not in an education/health unit, so counted); trung cấp only
//  D U2 viên chức, giáo viên THPT; ThS 2019 — excluded from 1a/1b as an education viên chức
//  E U3 viên chức, bác sĩ; ĐH 2005, chuyên khoa I 2018 — excluded from 1a/1b as a health viên chức; moves to U7
//  F U4 công chức, chuyên viên; 12/12, ĐH 2008, ThS 2020; role BCH huyện until 2025-06-30; moves to U5 on 07-01
//  G rotated: U1 until 2024-12-31, then U6 (commune) 2025-01-01..2027-12-31; cán bộ; 12/12, ĐH
//  H U1 công chức; ĐH, ThS 2015; retired 2025-05-15; role lãnh đạo phòng (still open)
//  I U6 cán bộ, Khmer; 9/12, trung cấp; Khmer certificate 2012
//  J U6 công chức, Kinh; 12/12, ĐH 2015; Khmer self-assessed "thành thạo"
//  K U1 công chức with ThS — soft-deleted record
//  L U1 công chức, Hoa (minority), phó giám đốc sở; ĐH, TS 2012; LLCT trung cấp; QLNN CVC; roles BCH tỉnh, diện BTV
//  M U1 công chức, chuyên viên; ĐH 2000; role BCH tỉnh 2020-10-01..2025-03-31

let db: AppDb;
const ids: Record<string, number> = {};
const Q4_2024 = '2024-12-31';
const Q1 = '2025-03-31';
const Q2 = '2025-06-30';
const Q3 = '2025-09-30';

function unit(key: string, name: string, kind: string, level: string, from: string | null, ethnicContact = false) {
  const r = db.sqlite
    .prepare('insert into units (name, kind, level, valid_from, ethnic_contact) values (?, ?, ?, ?, ?)')
    .run(name, kind, level, from, ethnicContact ? 1 : 0);
  ids[key] = Number(r.lastInsertRowid);
  db.sqlite.prepare('insert into unit_parents (unit_id, parent_id, from_date) values (?, null, ?)').run(ids[key], from);
}

function cadre(key: string, category: string, ethnicity = 'kinh') {
  const r = db.sqlite
    .prepare("insert into cadres (full_name, sex, category, ethnicity) values (?, 'nam', ?, ?)")
    .run(`Người ${key}`, category, ethnicity);
  ids[key] = Number(r.lastInsertRowid);
}

function assign(key: string, unitKey: string, from: string, to: string | null = null, position = 'chuyen_vien', source = 'manual') {
  db.sqlite
    .prepare('insert into assignments (cadre_id, unit_id, position_code, from_date, to_date, source) values (?, ?, ?, ?, ?, ?)')
    .run(ids[key], ids[unitKey], position, from, to, source);
}

function qual(key: string, category: string, level: string, award: string | null, fluency: string | null = null) {
  db.sqlite
    .prepare('insert into qualifications (cadre_id, category, level_key, award_date, fluency, language) values (?, ?, ?, ?, ?, ?)')
    .run(ids[key], category, level, award, fluency, category === 'tieng_dtts' ? 'khmer' : null);
}

function flag(key: string, f: string, from: string, to: string | null = null) {
  db.sqlite.prepare('insert into cadre_flags (cadre_id, flag, from_date, to_date) values (?, ?, ?, ?)').run(ids[key], f, from, to);
}

// The figures are computed either by one SQL pass per date or in memory from records loaded once (series); both
// must give the same answers, so the date-edge tests run under each.
const ENGINES: IndicatorEngine[] = ['sql', 'memory'];
function useEngine(e: IndicatorEngine) {
  beforeAll(() => setIndicatorEngine(e));
  afterAll(() => setIndicatorEngine('auto'));
}

const byCode = (rs: IndicatorResult[], code: string) => {
  const r = rs.find((x) => x.code === code);
  if (!r) throw new Error(`indicator ${code} missing`);
  return r;
};
const nN = (rs: IndicatorResult[], code: string) => {
  const r = byCode(rs, code);
  return [r.n, r.N];
};

beforeAll(async () => {
  db = await openTestDb();
  const api = testApi(db);
  unit('U1', 'Sở Nội vụ', 'chinh_quyen', 'tinh', '2000-01-01');
  unit('U2', 'Trường THPT Lê Lợi', 'su_nghiep_giao_duc', 'tinh', '2000-01-01');
  unit('U3', 'Bệnh viện đa khoa huyện Mỹ Tú', 'su_nghiep_y_te', 'huyen', '2000-01-01');
  unit('U4', 'UBND huyện Mỹ Tú', 'chinh_quyen', 'huyen', '2000-01-01');
  unit('U5', 'UBND xã Mỹ Tú', 'chinh_quyen', 'xa', '2025-07-01');
  unit('U6', 'UBND xã Lai Hòa', 'chinh_quyen', 'xa', '2000-01-01', true);
  unit('U7', 'Trung tâm Y tế khu vực Mỹ Tú', 'su_nghiep_y_te', 'tinh', '2025-07-01');

  for (const [k, cat, eth] of [
    ['A', 'cong_chuc', 'kinh'], ['B', 'cong_chuc', 'kinh'], ['C', 'vien_chuc', 'kinh'], ['D', 'vien_chuc', 'kinh'],
    ['E', 'vien_chuc', 'kinh'], ['F', 'cong_chuc', 'kinh'], ['G', 'can_bo', 'kinh'], ['H', 'cong_chuc', 'kinh'],
    ['I', 'can_bo', 'khmer'], ['J', 'cong_chuc', 'kinh'], ['K', 'cong_chuc', 'kinh'], ['L', 'cong_chuc', 'hoa'],
    ['M', 'cong_chuc', 'kinh'],
  ] as const) cadre(k, cat, eth);

  assign('A', 'U1', '2015-01-01', null, 'truong_phong');
  qual('A', 'chuyen_mon', 'dai_hoc', '2005-06-01');
  qual('A', 'chuyen_mon', 'thac_si', '2025-06-30');
  qual('A', 'ly_luan_chinh_tri', 'trung_cap', '2018');
  qual('A', 'quan_ly_nha_nuoc', 'chuyen_vien', '2016-05');
  flag('A', 'lanh_dao_phong', '2019-01-01');

  assign('B', 'U1', '2015-01-01');
  qual('B', 'chuyen_mon', 'dai_hoc', '2010-06-01');
  qual('B', 'chuyen_mon', 'thac_si', '2025-07-01');

  assign('C', 'U1', '2015-01-01');
  qual('C', 'chuyen_mon', 'trung_cap', '2000-06-01');

  assign('D', 'U2', '2015-01-01', null, 'giao_vien');
  qual('D', 'chuyen_mon', 'dai_hoc', '2008-06-01');
  qual('D', 'chuyen_mon', 'thac_si', '2019-06-01');
  flag('D', 'giao_vien_thpt', '2015-01-01');

  assign('E', 'U3', '2015-01-01', null, 'bac_si');
  qual('E', 'chuyen_mon', 'dai_hoc', '2005-06-01');
  qual('E', 'chuyen_mon', 'chuyen_khoa_1', '2018-06-01');
  flag('E', 'bac_si', '2015-01-01');

  assign('F', 'U4', '2015-01-01');
  qual('F', 'pho_thong', '12/12', '1990');
  qual('F', 'chuyen_mon', 'dai_hoc', '2008-06-01');
  qual('F', 'chuyen_mon', 'thac_si', '2020-06-01');
  flag('F', 'bch_huyen', '2020-10-01', '2025-06-30');

  assign('G', 'U1', '2015-01-01', '2024-12-31');
  assign('G', 'U6', '2025-01-01', '2027-12-31', 'chuyen_vien', 'rotation');
  qual('G', 'pho_thong', '12/12', '1995');
  qual('G', 'chuyen_mon', 'dai_hoc', '2005-06-01');

  assign('H', 'U1', '2015-01-01');
  qual('H', 'chuyen_mon', 'dai_hoc', '1990-06-01');
  qual('H', 'chuyen_mon', 'thac_si', '2015-06-01');
  flag('H', 'lanh_dao_phong', '2018-01-01');
  db.sqlite.prepare("insert into cadre_status_events (cadre_id, status, effective_date) values (?, 'nghi_huu', '2025-05-15')").run(ids.H);

  assign('I', 'U6', '2015-01-01');
  qual('I', 'pho_thong', '9/12', '1995');
  qual('I', 'chuyen_mon', 'trung_cap', '2005-06-01');
  qual('I', 'tieng_dtts', 'chung_chi', '2012-06-01');

  assign('J', 'U6', '2015-01-01');
  qual('J', 'pho_thong', '12/12', '2000');
  qual('J', 'chuyen_mon', 'dai_hoc', '2015-06-01');
  qual('J', 'tieng_dtts', 'tu_danh_gia', null, 'thanh_thao');

  assign('K', 'U1', '2015-01-01');
  qual('K', 'chuyen_mon', 'thac_si', '2010-06-01');
  db.sqlite.prepare("update cadres set deleted_at = '2024-01-01T00:00:00Z' where id = ?").run(ids.K);

  assign('L', 'U1', '2015-01-01', null, 'pho_so');
  qual('L', 'chuyen_mon', 'dai_hoc', '2000-06-01');
  qual('L', 'chuyen_mon', 'tien_si', '2012-06-01');
  qual('L', 'ly_luan_chinh_tri', 'trung_cap', '2010-06-01');
  qual('L', 'quan_ly_nha_nuoc', 'chuyen_vien_chinh', '2014-06-01');
  flag('L', 'bch_tinh', '2020-10-01');
  flag('L', 'btv_quan_ly', '2020-10-01');

  assign('M', 'U1', '2015-01-01');
  qual('M', 'chuyen_mon', 'dai_hoc', '2000-06-01');
  flag('M', 'bch_tinh', '2020-10-01', '2025-03-31');

  // The 1 July 2025 reorganisation, through the real service: the district units close on 30/06 and their
  // people move to the successors from 01/07.
  await api.call('units.close', { id: ids.U4, version: 1, validTo: '2025-06-30', successorId: ids.U5, moveCadresToSuccessor: true });
  await api.call('units.close', { id: ids.U3, version: 1, validTo: '2025-06-30', successorId: ids.U7, moveCadresToSuccessor: true });
});

describe('seeded resolution', () => {
  it('holds every indicator and every target figure of section II.2.2', async () => {
    const api = testApi(db);
    const [res] = await api.call('indicators.resolutions', {});
    expect(res.name).toContain('phát triển nguồn nhân lực');
    expect(res.name).toContain('khoá XIV');
    const list = await api.call('indicators.list', {});
    const targets = Object.fromEntries(list.map((i) => [i.code, i.targets.map((t) => `${t.year}:${t.value}`).join(' ')]));
    // From the resolution's text (and /work/shared/resolution-targets.md), figure by figure.
    expect(targets).toEqual({
      '1a': '2025:100', '1b': '2025:20', '1b.2030': '2030:25', '1c': '2025:100',
      '2a': '2025:70 2030:80', '2b': '2025:50', '2c': '2025:40 2030:60', '2d': '2025:30 2030:40',
      '3a': '2025:100 2030:100', '3b': '2025:100 2030:100',
      '4a': '2025:100', '4b': '2025:90', '4b.ts': '2025:20', '4c': '2025:100', '4c.ths': '2025:80', '4c.ts': '2025:12 2030:15', '4d': '2030:20',
      '5a': '2025:100', '5b.bs': '2025:10 2030:11', '5b.dd': '2025:25 2030:30', '5c.ck1': '2025:40 2030:45', '5c.ck2': '2025:6 2030:10',
      '6a': '2025:65 2030:70', '6a.vb': '2025:30 2030:32.5', '6b': '2025:85 2030:90',
      '7a': '2025:25 2030:30', '7b': '2025:28000 2030:30000', '7c': '2025:100', '8a': '2025:75 2030:80',
    });
    expect(list.find((i) => i.code === '7b')!.unit).toBe('absolute');
    expect(list.find((i) => i.code === '5b.bs')!.unit).toBe('per10k');
    expect(list.filter((i) => i.kind === 'computed').every((i) => i.definition !== null)).toBe(true);
  });

  it('opening the same file again seeds nothing twice', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-ind-'));
    const file = path.join(dir, 'a.sqlite');
    const count = (d: AppDb) =>
      (d.sqlite.prepare('select (select count(*) from resolutions) + (select count(*) from indicators) * 1000 + (select count(*) from indicator_targets) * 1000000 + (select count(*) from training_standards) * 1000000000 as n').get() as { n: number }).n;
    const first = await openTestDb(file);
    const before = count(first);
    closeDatabase(first);
    const second = await openTestDb(file);
    // 1 resolution, 29 indicators, 45 target figures (counted in the table of the first test), 6 standards.
    expect(before).toBe(1 + 29 * 1000 + 45 * 1000000 + 6 * 1000000000);
    expect(count(second)).toBe(before);
    closeDatabase(second);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('seeding again changes nothing and keeps user edits and deletions', async () => {
    const api = testApi(db);
    const fresh = await openTestDb();
    const fapi = testApi(fresh);
    const before = await fapi.call('indicators.list', {});
    const ind = before.find((i) => i.code === '2b')!;
    await fapi.call('indicators.update', { id: ind.id, version: ind.version, changes: { text: 'Cán bộ diện BTV quản lý có sau đại học (sửa)' } });
    await fapi.call('indicators.setTarget', { indicatorId: ind.id, year: 2025, value: null });
    const del = before.find((i) => i.code === '8a')!;
    await fapi.call('indicators.delete', { id: del.id, version: del.version });
    seedIndicators(fresh);
    seedIndicators(fresh);
    const after = await fapi.call('indicators.list', {});
    expect(after.length).toBe(before.length - 1);
    const edited = after.find((i) => i.code === '2b')!;
    expect(edited.text).toBe('Cán bộ diện BTV quản lý có sau đại học (sửa)');
    expect(edited.targets).toEqual([]);
    expect(after.find((i) => i.code === '8a')).toBeUndefined();
    expect((await fapi.call('indicators.resolutions', {})).length).toBe(1);
    expect((await api.call('indicators.standards', {})).length).toBe((await fapi.call('indicators.standards', {})).length);
  });
});

for (const engine of ENGINES) describe(`computed indicators on a date (${engine})`, () => {
  useEngine(engine);
  it('Q2 2025 (30/06/2025): district level still exists; master awarded that day counts; retired and deleted left out', () => {
    const rs = computeIndicators(db, { onDate: Q2 });
    // 1a: province/district CBCCVC minus education/health viên chức: A B C F L M (D, E excluded; G rotated to a
    // commune; H retired 15/05; K deleted). Standard met: A (trưởng phòng: ĐH, LLCT TC, QLNN CV), B, F, M
    // (chuyên viên: ĐH). Not met: C (trung cấp), L (phó sở needs LLCT cao cấp, has trung cấp).
    expect(nN(rs, '1a')).toEqual([4, 6]);
    // 1b: same 6; postgraduate on 30/06: A (ThS 30/06), F (ThS 2020), L (TS). B's ThS is dated 01/07.
    expect(nN(rs, '1b')).toEqual([3, 6]);
    expect(byCode(rs, '1b').value).toBe(50);
    // 1b.2030: every level, minus education/health viên chức: A B C F G I J L M; postgraduate A F L.
    expect(nN(rs, '1b.2030')).toEqual([3, 9]);
    // 1c: commune cán bộ/công chức: G (rotated in), I, J. 12/12 + ĐH: G, J.
    expect(nN(rs, '1c')).toEqual([2, 3]);
    // 2a: BCH tỉnh on 30/06: L only (M's term ended 31/03). L has TS.
    expect(nN(rs, '2a')).toEqual([1, 1]);
    expect(nN(rs, '2b')).toEqual([1, 1]);
    // 2c: BCH huyện until 30/06: F (ThS).
    expect(nN(rs, '2c')).toEqual([1, 1]);
    // 2d: lãnh đạo phòng: A (H retired). A's ThS awarded on the quarter's last day counts.
    expect(nN(rs, '2d')).toEqual([1, 1]);
    // 3a: minority CBCCVC: I (Khmer, certificate), L (Hoa, none).
    expect(nN(rs, '3a')).toEqual([1, 2]);
    // 3b: people in U6 (ethnic contact): G, I, J; fluent: I (certificate), J (thành thạo).
    expect(nN(rs, '3b')).toEqual([2, 3]);
    // 4a / 4d: D (giáo viên THPT, ThS).
    expect(nN(rs, '4a')).toEqual([1, 1]);
    expect(nN(rs, '4d')).toEqual([1, 1]);
    // Nobody is a lecturer: 0 / 0 and no value.
    expect(nN(rs, '4b')).toEqual([0, 0]);
    expect(byCode(rs, '4b').value).toBeNull();
    expect(byCode(rs, '4b').status).toBe('khong_ro');
    // 5c: doctors: E (chuyên khoa I).
    expect(nN(rs, '5c.ck1')).toEqual([1, 1]);
    expect(nN(rs, '5c.ck2')).toEqual([0, 1]);
  });

  it('Q3 2025 (30/09/2025): no district level; moved people counted where they are; next-day master now counts', () => {
    const rs = computeIndicators(db, { onDate: Q3 });
    // 1a: A B C L M (F moved to the commune U5 on 01/07). Met: A, B, M.
    expect(nN(rs, '1a')).toEqual([3, 5]);
    // 1b: postgraduate A, B (ThS 01/07), L.
    expect(nN(rs, '1b')).toEqual([3, 5]);
    // 1c: G, I, J and F (now in commune U5). Met: G, J, F.
    expect(nN(rs, '1c')).toEqual([3, 4]);
    // 2c: F's district committee term ended 30/06: nobody.
    expect(nN(rs, '2c')).toEqual([0, 0]);
    // 5c: E moved to U7 (province level) and is still a doctor.
    expect(nN(rs, '5c.ck1')).toEqual([1, 1]);
    const huyen = indicatorMembers(db, { indicatorId: byCode(rs, '1b.2030').indicatorId, onDate: Q3, set: 'denominator' });
    const units = db.sqlite
      .prepare(
        `select distinct u.level from assignments a join units u on u.id = a.unit_id
          where a.cadre_id in (select value from json_each(?)) and a.from_date <= ? and (a.to_date is null or a.to_date >= ?)`,
      )
      .all(JSON.stringify(huyen), Q3, Q3) as { level: string }[];
    expect(units.map((u) => u.level)).not.toContain('huyen');
  });

  it('Q4 2024: the rotated cadre counts in the province unit and the later-retired one still counts', () => {
    const rs = computeIndicators(db, { onDate: Q4_2024 });
    // 1a: A B C F G H L M. Met: A, B, F, G, H, M (chuyên viên/trưởng phòng with ĐH); not C, L.
    expect(nN(rs, '1a')).toEqual([6, 8]);
    // 1c: I, J only (G is still in U1).
    expect(nN(rs, '1c')).toEqual([1, 2]);
    // 2a: L and M (M's term ran until 31/03/2025): only L has postgraduate.
    expect(nN(rs, '2a')).toEqual([1, 2]);
    // 2d: A and H; postgraduate: H (ThS 2015) — A's ThS comes in 2025.
    expect(nN(rs, '2d')).toEqual([1, 2]);
  });

  it('gap and status against the nearer target', () => {
    const rs = computeIndicators(db, { onDate: Q2 });
    // 1a: 4/6 vs 100% in 2025: needs 2 more people, 66.67% -> chưa đạt.
    expect(byCode(rs, '1a')).toMatchObject({ value: 66.67, gap: 2, status: 'chua_dat', gapTarget: { year: 2025, value: 100 } });
    // 1b: 3/6 = 50% vs 20%: reached.
    expect(byCode(rs, '1b')).toMatchObject({ gap: 0, status: 'dat' });
    // 3a: 1/2 = 50% vs 100%: one more person.
    expect(byCode(rs, '3a')).toMatchObject({ gap: 1, status: 'chua_dat' });
    // 4d has only a 2030 target (20%): 1/1 reached.
    expect(byCode(rs, '4d')).toMatchObject({ gap: 0, status: 'dat', gapTarget: { year: 2030, value: 20 } });
    // Past 2025 the 2030 target is the nearer one: 2d at 31/03/2026 compares with 40%.
    const later = computeIndicators(db, { onDate: '2026-03-31' });
    expect(byCode(later, '2d').gapTarget).toEqual({ year: 2030, value: 40 });
  });

  it('states the rules, including what counts as postgraduate and the post standards', () => {
    const rs = computeIndicators(db, { onDate: Q2 });
    expect(byCode(rs, '1b').rule).toContain('thạc sĩ, tiến sĩ');
    expect(byCode(rs, '1b').rule).toContain('chuyên khoa I');
    expect(byCode(rs, '1a').rule).toContain('Lãnh đạo cấp phòng và tương đương: chuyên môn từ Đại học, lý luận chính trị từ Trung cấp');
  });
});

for (const engine of ENGINES) describe(`members behind a figure (${engine})`, () => {
  useEngine(engine);
  it('numerator, denominator and gap of 1b on 30/06/2025, through the dispatcher with rows as of that date', async () => {
    const api = testApi(db);
    const rs = await api.call('indicators.compute', { onDate: Q2 });
    const id = byCode(rs, '1b').indicatorId;
    const names = async (set: 'numerator' | 'denominator' | 'gap') =>
      (await api.call('indicators.members', { indicatorId: id, onDate: Q2, set })).map((r) => r.fullName).sort();
    expect(await names('numerator')).toEqual(['Người A', 'Người F', 'Người L']);
    expect(await names('gap')).toEqual(['Người B', 'Người C', 'Người M']);
    expect(await names('denominator')).toEqual(['Người A', 'Người B', 'Người C', 'Người F', 'Người L', 'Người M']);
    const rows = await api.call('indicators.members', { indicatorId: id, onDate: Q2, set: 'numerator' });
    expect(rows.find((r) => r.fullName === 'Người F')!.unitId).toBe(ids.U4);
    expect(rows.find((r) => r.fullName === 'Người A')!.professionalLevel).toBe('thac_si');
  });

  it('refuses a member list for an entered indicator', async () => {
    const api = testApi(db);
    const list = await api.call('indicators.list', {});
    const err = await api.fail('indicators.members', { indicatorId: list.find((i) => i.code === '6a')!.id, onDate: Q2, set: 'numerator' });
    expect(err.message).toContain('số liệu nhập');
  });
});

for (const engine of ENGINES) describe(`series (${engine})`, () => {
  useEngine(engine);
  it('quarter-end figures of 1b through 2025', async () => {
    const api = testApi(db);
    const list = await api.call('indicators.list', {});
    const id = list.find((i) => i.code === '1b')!.id;
    const [s] = await api.call('indicators.series', { indicatorId: id, from: '2025-01-01', to: Q3 });
    // Q1: A B C F H L M (H retires in May; G already in the commune); postgraduate F, H, L.
    expect(s.points.map((p) => [p.onDate, p.n, p.N])).toEqual([
      [Q1, 3, 7],
      [Q2, 3, 6],
      [Q3, 3, 5],
    ]);
  });

  it('defaults to every quarter since 2021 Q1', async () => {
    const api = testApi(db);
    const all = await api.call('indicators.series', { from: '2021-01-01', to: '2021-12-31' });
    expect(all.find((x) => x.code === '1a')!.points.map((p) => p.onDate)).toEqual(['2021-03-31', '2021-06-30', '2021-09-30', '2021-12-31']);
    const dflt = await api.call('indicators.series', { indicatorId: all.find((x) => x.code === '1a')!.indicatorId });
    expect(dflt[0].points[0].onDate).toBe('2021-03-31');
  });
});

describe('entered indicators', () => {
  it('keeps every change; the latest per quarter counts; an earlier quarter is shown with its quarter named', async () => {
    const api = testApi(db);
    const list = await api.call('indicators.list', {});
    const ind6a = list.find((i) => i.code === '6a')!;
    await api.call('indicators.enterValue', { indicatorId: ind6a.id, year: 2025, quarter: 1, value: 60, source: 'Cục Thống kê tỉnh' });
    await api.call('indicators.enterValue', { indicatorId: ind6a.id, year: 2025, quarter: 1, value: 61.5, source: 'Cục Thống kê tỉnh', note: 'Số liệu điều chỉnh' });
    const q1 = byCode(await api.call('indicators.compute', { onDate: Q1 }), '6a');
    // 61.5% against 65% in 2025: within 5 points, so "gần đạt".
    expect(q1).toMatchObject({ value: 61.5, source: 'Cục Thống kê tỉnh', note: 'Số liệu điều chỉnh', status: 'gan_dat' });
    // Q2 not yet entered: Q1's figure, marked as such.
    const q2 = byCode(await api.call('indicators.compute', { onDate: Q2 }), '6a');
    expect(q2.value).toBe(61.5);
    expect(q2.valueQuarter).toEqual({ year: 2025, quarter: 1 });
    expect(q2.note).toContain('Quý I/2025');
    await api.call('indicators.enterValue', { indicatorId: ind6a.id, year: 2025, quarter: 2, value: 66, numerator: 660, denominator: 1000, source: 'Sở LĐTBXH' });
    expect(byCode(await api.call('indicators.compute', { onDate: Q2 }), '6a')).toMatchObject({ value: 66, n: 660, N: 1000, status: 'dat' });

    const latest = await api.call('indicators.enteredValues', { indicatorId: ind6a.id });
    expect(latest.map((v) => [v.quarter, v.value])).toEqual([[2, 66], [1, 61.5]]);
    const history = await api.call('indicators.enteredValues', { indicatorId: ind6a.id, history: true });
    expect(history.map((v) => [v.quarter, v.value])).toEqual([[2, 66], [1, 61.5], [1, 60]]);
    expect(history[0].enteredBy).toBe('hệ thống');
    const audit = await api.call('audit.list', { entity: 'entered_value' } as any);
    expect(audit.rows.length).toBe(3);

    // Clearing Q2 keeps the trail; Q2 then falls back to Q1 again.
    await api.call('indicators.enterValue', { indicatorId: ind6a.id, year: 2025, quarter: 2, value: null });
    expect(byCode(await api.call('indicators.compute', { onDate: Q2 }), '6a').value).toBe(61.5);

    // Series shows an entered figure only in its own quarter.
    const [s] = await api.call('indicators.series', { indicatorId: ind6a.id, from: '2025-01-01', to: Q2 });
    expect(s.points.map((p) => p.value)).toEqual([61.5, null]);
  });

  it('absolute and per-10,000 figures', async () => {
    const api = testApi(db);
    const list = await api.call('indicators.list', {});
    await api.call('indicators.enterValue', { indicatorId: list.find((i) => i.code === '7b')!.id, year: 2025, quarter: 2, value: 29150, source: 'Sở LĐTBXH' });
    await api.call('indicators.enterValue', { indicatorId: list.find((i) => i.code === '5b.bs')!.id, year: 2025, quarter: 2, value: 9.6, source: 'Sở Y tế' });
    const rs = await api.call('indicators.compute', { onDate: Q2 });
    expect(byCode(rs, '7b')).toMatchObject({ value: 29150, status: 'dat', gap: null });
    expect(byCode(rs, '5b.bs')).toMatchObject({ value: 9.6, status: 'gan_dat' });
  });

  it('refuses bad input with Vietnamese messages and stores nothing', async () => {
    const api = testApi(db);
    const list = await api.call('indicators.list', {});
    const ind = list.find((i) => i.code === '8a')!;
    const before = (await api.call('indicators.enteredValues', { indicatorId: ind.id, history: true })).length;
    expect((await api.fail('indicators.enterValue', { indicatorId: ind.id, year: 2025, quarter: 2, value: 120 })).message).toBe('Tỷ lệ không được quá 100%.');
    expect((await api.fail('indicators.enterValue', { indicatorId: ind.id, year: 2025, quarter: 2, value: 70, numerator: 50, denominator: 100 })).message).toContain('không khớp');
    expect((await api.fail('indicators.enterValue', { indicatorId: ind.id, year: 2025, quarter: 5, value: 70 })).fieldErrors.quarter).toBe('Quý phải từ 1 đến 4.');
    expect((await api.fail('indicators.enterValue', { indicatorId: ind.id, year: 2099, quarter: 1, value: 70 })).message).toContain('chưa bắt đầu');
    const computedOne = list.find((i) => i.code === '1a')!;
    expect((await api.fail('indicators.enterValue', { indicatorId: computedOne.id, year: 2025, quarter: 2, value: 70 })).message).toContain('tính từ hồ sơ');
    expect((await api.call('indicators.enteredValues', { indicatorId: ind.id, history: true })).length).toBe(before);
  });
});

describe('resolutions, indicators and standards are data', () => {
  it('a new resolution with a computed indicator is data entry, and its figure is computed', async () => {
    const fresh = await openTestDb();
    const api = testApi(fresh);
    const res = await api.call('indicators.createResolution', { name: 'Nghị quyết thử', periodStart: '2026-01-01', periodEnd: '2030-12-31' });
    const ind = await api.call('indicators.create', {
      resolutionId: res.id,
      code: '1',
      text: 'Công chức có tiến sĩ',
      kind: 'computed',
      definition: { population: { categories: ['cong_chuc'] }, counted: { type: 'levelAttr', category: 'chuyen_mon', attr: 'doctorate' } },
      targets: [{ year: 2030, value: 5 }],
    });
    expect(ind.targets).toEqual([expect.objectContaining({ year: 2030, value: 5 })]);
    const rs = await api.call('indicators.compute', { onDate: '2026-03-31', resolutionId: res.id });
    expect(rs.map((r) => [r.code, r.n, r.N])).toEqual([['1', 0, 0]]);
    const err = await api.fail('indicators.create', {
      resolutionId: res.id, code: '2', text: 'Sai', kind: 'computed',
      definition: { population: {}, counted: { type: 'levelAtLeast', category: 'chuyen_mon', level: 'thac_sy' } },
    });
    expect(err.message).toContain('Trình độ "thac_sy" không có trong danh mục');
    const dup = await api.fail('indicators.create', { resolutionId: res.id, code: '1', text: 'Trùng', kind: 'entered' });
    expect(dup.fieldErrors.code).toBe('Mã đã tồn tại.');
    const stale = await api.fail('indicators.update', { id: ind.id, version: ind.version + 5, changes: { text: 'x' } });
    expect(stale.kind).toBe('conflict');
    // A change names only what it changes: the unit and order of 7b stay as they were.
    const b7 = (await api.call('indicators.list', {})).find((i) => i.code === '7b')!;
    const renamed = await api.call('indicators.update', { id: b7.id, version: b7.version, changes: { text: 'Giải quyết việc làm hằng năm' } });
    expect(renamed).toMatchObject({ unit: 'absolute', sortOrder: b7.sortOrder, kind: 'entered', text: 'Giải quyết việc làm hằng năm' });
  });

  it('editing a training standard changes who meets it', async () => {
    const api = testApi(db);
    const stds = await api.call('indicators.standards', { standardSet: 'cbccvc_tinh_huyen' });
    const leaders = stds.find((s) => s.positionCodes?.includes('pho_so'))!;
    const changed = await api.call('indicators.updateStandard', { id: leaders.id, version: leaders.version, changes: { minPolitical: 'trung_cap' } });
    // L (phó sở, LLCT trung cấp) now meets it: 1a on 30/06 goes from 4/6 to 5/6.
    expect(nN(computeIndicators(db, { onDate: Q2 }), '1a')).toEqual([5, 6]);
    const bad = await api.fail('indicators.updateStandard', { id: leaders.id, version: changed.version, changes: { minPolitical: 'tien_si' } });
    expect(bad.message).toContain('không có trong danh mục');
    await api.call('indicators.updateStandard', { id: leaders.id, version: changed.version, changes: { minPolitical: 'cao_cap' } });
    expect(nN(computeIndicators(db, { onDate: Q2 }), '1a')).toEqual([4, 6]);
  });

  it('targets are set, changed and removed with audit rows', async () => {
    const fresh = await openTestDb();
    const api = testApi(fresh);
    const ind = (await api.call('indicators.list', {})).find((i) => i.code === '2b')!;
    let after = await api.call('indicators.setTarget', { indicatorId: ind.id, year: 2030, value: 60 });
    expect(after.targets.map((t) => [t.year, t.value])).toEqual([[2025, 50], [2030, 60]]);
    after = await api.call('indicators.setTarget', { indicatorId: ind.id, year: 2030, value: 65 });
    after = await api.call('indicators.setTarget', { indicatorId: ind.id, year: 2025, value: null });
    expect(after.targets.map((t) => [t.year, t.value])).toEqual([[2030, 65]]);
    expect((await api.fail('indicators.setTarget', { indicatorId: ind.id, year: 2030, value: 140 })).message).toContain('0 đến 100');
    const audit = await api.call('audit.list', { entity: 'indicator_target' } as any);
    expect(audit.rows.length).toBe(3);
  });
});

describe('setup data is checked', () => {
  it('refuses bad resolutions, definitions and standards with the reason', async () => {
    const fresh = await openTestDb();
    const api = testApi(fresh);
    const period = await api.fail('indicators.createResolution', { name: 'NQ thử', periodStart: '2030-01-01', periodEnd: '2026-12-31' });
    expect(period.fieldErrors.periodEnd).toBe('Phải sau ngày bắt đầu.');
    const [res] = await api.call('indicators.resolutions', {});
    expect((await api.fail('indicators.deleteResolution', { id: res.id, version: res.version })).message).toContain('còn 29 chỉ tiêu');

    const unknownFlag = await api.fail('indicators.create', {
      resolutionId: res.id, code: '9a', text: 'Thử', kind: 'computed',
      definition: { population: { flagsAny: ['bch_xa'] }, counted: { type: 'levelAttr', category: 'chuyen_mon', attr: 'postgraduate' } },
    });
    expect(unknownFlag.message).toBe('Vai trò "bch_xa" không có trong danh mục.');
    const badShape = await api.fail('indicators.create', {
      resolutionId: res.id, code: '9a', text: 'Thử', kind: 'computed',
      definition: { population: {}, counted: { type: 'moreThan', category: 'chuyen_mon' } },
    });
    expect(badShape.kind).toBe('validation');
    const noDefinition = await api.fail('indicators.create', { resolutionId: res.id, code: '9a', text: 'Thử', kind: 'computed' });
    expect(noDefinition.fieldErrors.definition).toBe('Chưa có cách tính.');
    const badCode = await api.fail('indicators.create', { resolutionId: res.id, code: '9 a', text: 'Thử', kind: 'entered' });
    expect(badCode.fieldErrors.code).toContain('chỉ gồm chữ, số');

    const std = await api.call('indicators.createStandard', { standardSet: 'thu', label: 'Chuyên viên', minProfessional: 'thac_si', positionCodes: ['chuyen_vien'] });
    expect(std).toMatchObject({ standardSet: 'thu', minProfessional: 'thac_si', positionCodes: ['chuyen_vien'] });
    const badLevel = await api.fail('indicators.createStandard', { standardSet: 'thu', label: 'Sai', minStateMgmt: 'thac_si' });
    expect(badLevel.fieldErrors.minStateMgmt).toBe('Trình độ quản lý nhà nước "thac_si" không có trong danh mục.');
    await api.call('indicators.deleteStandard', { id: std.id, version: std.version });
    expect((await api.call('indicators.standards', { standardSet: 'thu' })).length).toBe(0);
    const audit = await api.call('audit.list', { entity: 'training_standard' } as any);
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['create', 'delete']);
  });
});
