import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type AppDb } from '../../db/open';
import { openTestDb } from '../helpers/db';
import { generateFullSample } from '../../db/sample/full';
import { computeIndicators, computeSeries, setIndicatorEngine } from '../../db/services/indicators/compute';
import { FLOOR_CODES, indicatorFloor } from '../../build/bench/indicator-floor';

// The engine (SQL pass, in-memory timeline, series) against a plain, person-by-person computation written out here
// from the seeded definitions, on a generated province with rotations, retirements and degrees awarded over the
// years, for several quarter ends. Nothing of the engine is used to get the expected figures; the bench's
// hand-written SQL floor is checked against the same figures.

let db: AppDb;
const DATES = ['2021-03-31', '2022-06-30', '2023-12-31', '2024-09-30', '2025-06-30', '2025-09-30', '2026-03-31'];

beforeAll(async () => {
  db = await openTestDb();
  generateFullSample(db, { cadres: 1500, seed: 23 });
});
afterAll(() => {
  setIndicatorEngine('auto');
  closeDatabase(db);
});

type Figures = Record<string, { n: number; N: number }>;

/** Figures are cached until the data changes: a write makes the next computation start afresh. */
const touch = () => db.sqlite.prepare(`insert into settings (key, value) values ('test.touch', '1') on conflict (key) do update set value = value || '1'`).run();

/** The seeded computed indicators, counted person by person on the date from the raw tables. */
function byHand(d: string): Figures {
  const all = <T>(sql: string, ...args: unknown[]) => db.sqlite.prepare(sql).all(...args) as T[];
  const rank = new Map<string, number>();
  const attrs = new Map<string, Record<string, unknown>>();
  for (const c of all<{ list: string; key: string; rank: number; attrs: string | null }>('select list, key, rank, attrs from code_lists')) {
    rank.set(`${c.list}|${c.key}`, c.rank);
    attrs.set(`${c.list}|${c.key}`, c.attrs ? JSON.parse(c.attrs) : {});
  }
  const units = new Map(all<{ id: number; level: string; kind: string; ec: number; f: string | null; t: string | null; del: string | null }>(
    'select id, level, kind, ethnic_contact as ec, valid_from as f, valid_to as t, deleted_at as del from units').map((u) => [u.id, u]));
  const figures: Figures = Object.fromEntries(FLOOR_CODES.map((c) => [c, { n: 0, N: 0 }]));
  const count = (code: string, inPopulation: boolean, counted: boolean) => {
    if (!inPopulation) return;
    figures[code].N++;
    if (counted) figures[code].n++;
  };
  for (const c of all<{ id: number; category: string; ethnicity: string | null }>('select id, category, ethnicity from cadres where deleted_at is null')) {
    const events = all<{ status: string; d: string; id: number }>('select status, effective_date as d, id from cadre_status_events where cadre_id = ?', c.id)
      .filter((e) => e.d <= d)
      .sort((a, b) => (a.d === b.d ? a.id - b.id : a.d < b.d ? -1 : 1));
    if (events.length && events[events.length - 1].status !== 'dang_cong_tac') continue;
    const inForce = all<{ unit: number; pos: string | null; f: string; t: string | null; id: number }>(
      'select unit_id as unit, position_code as pos, from_date as f, to_date as t, id from assignments where cadre_id = ? and deleted_at is null', c.id)
      .filter((a) => a.f <= d && (a.t === null || a.t >= d))
      .sort((a, b) => (a.f === b.f ? b.id - a.id : a.f > b.f ? -1 : 1))[0];
    const u = inForce ? units.get(inForce.unit) : undefined;
    const unit = u && !u.del && (u.f === null || u.f <= d) && (u.t === null || u.t >= d) ? u : undefined;
    const flags = new Set(all<{ flag: string; f: string; t: string | null }>('select flag, from_date as f, to_date as t from cadre_flags where cadre_id = ?', c.id)
      .filter((f) => f.f <= d && (f.t === null || f.t >= d)).map((f) => f.flag));
    const quals = all<{ category: string; level: string; fluency: string | null; award: string | null }>(
      'select category, level_key as level, fluency, award_date as award from qualifications where cadre_id = ? and deleted_at is null', c.id)
      .filter((q) => q.award === null || q.award <= d);
    const held = (cat: string) => quals.filter((q) => q.category === cat && rank.has(`level.${cat}|${q.level}`));
    const atLeast = (cat: string, key: string) => held(cat).some((q) => rank.get(`level.${cat}|${q.level}`)! >= rank.get(`level.${cat}|${key}`)!);
    const hasAttr = (cat: string, attr: string) => held(cat).some((q) => !!attrs.get(`level.${cat}|${q.level}`)?.[attr]);
    const hasLevel = (key: string) => held('chuyen_mon').some((q) => q.level === key);
    const postgraduate = hasAttr('chuyen_mon', 'postgraduate');
    const doctorate = hasAttr('chuyen_mon', 'doctorate');
    const language = hasAttr('tieng_dtts', 'certified') ||
      quals.some((q) => q.category === 'tieng_dtts' && q.fluency !== null && !!attrs.get(`language_fluency|${q.fluency}`)?.fluent);
    const cbccvc = ['can_bo', 'cong_chuc', 'vien_chuc'].includes(c.category);
    const eduHealthVc = c.category === 'vien_chuc' && !!unit && ['su_nghiep_giao_duc', 'su_nghiep_y_te'].includes(unit.kind);
    const provinceDistrict = cbccvc && !eduHealthVc && !!unit && ['tinh', 'huyen'].includes(unit.level);
    const pos = inForce?.pos ?? '';
    const standardTh = ['lanh_dao_tinh', 'truong_so', 'pho_so', 'bi_thu_huyen', 'pho_huyen'].includes(pos)
      ? atLeast('chuyen_mon', 'dai_hoc') && atLeast('ly_luan_chinh_tri', 'cao_cap') && atLeast('quan_ly_nha_nuoc', 'chuyen_vien_chinh')
      : ['truong_phong', 'pho_phong'].includes(pos)
        ? atLeast('chuyen_mon', 'dai_hoc') && atLeast('ly_luan_chinh_tri', 'trung_cap') && atLeast('quan_ly_nha_nuoc', 'chuyen_vien')
        : atLeast('chuyen_mon', 'dai_hoc');
    const minority = !!(c.ethnicity && attrs.get(`ethnicity|${c.ethnicity}`)?.minority);
    const teacher = flags.has('giao_vien') || flags.has('giao_vien_thpt');
    count('1a', provinceDistrict, standardTh);
    count('1b', provinceDistrict, postgraduate);
    count('1b.2030', cbccvc && !eduHealthVc, postgraduate);
    count('1c', ['can_bo', 'cong_chuc'].includes(c.category) && unit?.level === 'xa', atLeast('pho_thong', '12/12') && atLeast('chuyen_mon', 'dai_hoc'));
    count('2a', flags.has('bch_tinh'), postgraduate);
    count('2b', flags.has('btv_quan_ly'), postgraduate);
    count('2c', flags.has('bch_huyen'), postgraduate);
    count('2d', flags.has('lanh_dao_phong'), postgraduate);
    count('3a', cbccvc && minority, language);
    count('3b', cbccvc && !!unit?.ec, language);
    count('4a', teacher, atLeast('chuyen_mon', 'dai_hoc'));
    count('4b', flags.has('gv_truong_chinh_tri'), atLeast('chuyen_mon', 'thac_si'));
    count('4b.ts', flags.has('gv_truong_chinh_tri'), doctorate);
    count('4c', flags.has('gv_cao_dang'), atLeast('chuyen_mon', 'dai_hoc'));
    count('4c.ths', flags.has('gv_cao_dang'), atLeast('chuyen_mon', 'thac_si'));
    count('4c.ts', flags.has('gv_cao_dang'), doctorate);
    count('4d', flags.has('giao_vien_thpt'), atLeast('chuyen_mon', 'thac_si'));
    count('5c.ck1', flags.has('bac_si'), hasLevel('chuyen_khoa_1') && !hasLevel('chuyen_khoa_2'));
    count('5c.ck2', flags.has('bac_si'), hasLevel('chuyen_khoa_2'));
  }
  return figures;
}

const computed = (onDate: string): Figures =>
  Object.fromEntries(computeIndicators(db, { onDate }).filter((r) => r.kind === 'computed').map((r) => [r.code, { n: r.n!, N: r.N! }]));

describe('indicators on a generated province, against a person-by-person count', () => {
  const expected = new Map<string, Figures>();
  beforeAll(() => {
    for (const d of DATES) expected.set(d, byHand(d));
  });

  it('the data exercise the definitions: people in every population, and figures that change over the quarters', () => {
    const first = expected.get(DATES[0])!;
    const last = expected.get('2025-06-30')!;
    for (const code of ['1a', '1b', '1c', '2d', '3a', '3b', '4a']) expect(last[code].N, code).toBeGreaterThan(0);
    expect(FLOOR_CODES.some((c) => first[c].n !== last[c].n || first[c].N !== last[c].N)).toBe(true);
  });

  for (const engine of ['sql', 'memory', 'auto'] as const) {
    it(`equal every n and N on ${DATES.length} dates (${engine})`, () => {
      setIndicatorEngine(engine);
      touch();
      try {
        for (const d of DATES) expect(computed(d), d).toEqual(expected.get(d));
      } finally {
        setIndicatorEngine('auto');
      }
    });
  }

  it('a series gives the same figures at each quarter end', () => {
    touch();
    const series = computeSeries(db, { from: '2021-03-31', to: '2026-03-31' });
    for (const d of DATES) {
      const got = Object.fromEntries(series.filter((s) => FLOOR_CODES.includes(s.code as never)).map((s) => {
        const p = s.points.find((x) => x.onDate === d)!;
        return [s.code, { n: p.n, N: p.N }];
      }));
      expect(got, d).toEqual(expected.get(d));
    }
  });

  it("the bench's hand-written SQL floor counts the same sets", () => {
    for (const d of DATES) expect(indicatorFloor(db, d), d).toEqual(expected.get(d));
  });
});
