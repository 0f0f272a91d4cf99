import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type AppDb } from '../../db/open';
import { openTestDb, testApi } from '../helpers/db';
import { generateSampleData } from '../../db/sample/generate';
import { computeStructure, structureMembers } from '../../db/services/reports/structure';
import { listCadreRows } from '../../db/services/cadre-rows';

// The 8B structure reads the working cadres with its own lean statement; its highest levels must be the cadre
// grid's (highest rank, then latest award, then newest row) whether the code list's ranks are distinct (the fast
// path) or not (the ordered search), and its counts those of the grid's rows on the date.

let db: AppDb;
beforeAll(async () => {
  db = await openTestDb();
  generateSampleData(db, { cadres: 900, seed: 31 });
});
afterAll(() => closeDatabase(db));

const DATES = ['2021-06-30', '2024-12-31', '2025-09-30'];

function expectedTotals(asOf: string): Record<string, number> {
  const units = new Set((db.sqlite.prepare('select id from units where deleted_at is null').all() as { id: number }[]).map((u) => u.id));
  const rows = listCadreRows(db, { onDate: asOf }).filter((r) => r.status === 'dang_cong_tac' && r.unitId !== null && units.has(r.unitId));
  const out: Record<string, number> = { total: rows.length, women: rows.filter((r) => r.sex === 'nu').length };
  for (const [category, field] of [['chuyen_mon', 'professionalLevel'], ['ly_luan_chinh_tri', 'politicalLevel'], ['quan_ly_nha_nuoc', 'stateMgmtLevel']] as const) {
    for (const r of rows) {
      const key = `${category}_${r[field] ?? 'none'}`;
      out[key] = (out[key] ?? 0) + 1;
    }
  }
  return out;
}

function actualTotals(asOf: string): Record<string, number> {
  const table = computeStructure(db, asOf);
  const out: Record<string, number> = {};
  for (const r of table.rows) {
    if (r.key === 'total' || r.key === 'women' || /^(chuyen_mon|ly_luan_chinh_tri|quan_ly_nha_nuoc)_/.test(r.key)) {
      if (r.key.endsWith('_postgraduate')) continue;
      if ((r.values[0] as number) > 0) out[r.key] = r.values[0] as number;
    }
  }
  return out;
}

describe('8B structure against the cadre grid rows', () => {
  it('counts each cell as many people as the cell lists (the rows counted by value agree with their definitions)', () => {
    // The counts file people under one value per split (age band, category, rank group, level); the member list of
    // a cell asks each row's own test. Every count row must agree, on a date.
    for (const d of ['2025-09-30']) {
      const table = computeStructure(db, d);
      const rows = table.rows.filter((r) => r.measure === 'count');
      expect(rows.length).toBeGreaterThan(30);
      // The total column and one column of each group (the columns a person counts in do not depend on the row).
      const picked = ['total', table.columns.find((c) => c.group === 'level')!.key, table.columns.find((c) => c.group === 'kind')!.key];
      for (const r of rows) {
        for (const key of picked) {
          const i = table.columns.findIndex((c) => c.key === key);
          expect(structureMembers(db, d, r.key, key).length, `${d} ${r.key} ${key}`).toBe(r.values[i]);
        }
      }
    }
  });

  it('counts the same people and the same highest levels (ranks all distinct)', () => {
    for (const d of DATES) expect(actualTotals(d), d).toEqual(expectedTotals(d));
  });

  it('still does when two levels share a rank (the award date then decides)', async () => {
    // Through the code list service, as an administrator would edit Danh mục.
    const api = testApi(db);
    const tie = async (list: string, key: string, sameAs: string) => {
      const entries = await api.call('codes.list', {});
      const e = entries.find((c) => c.list === list && c.key === key)!;
      const rank = entries.find((c) => c.list === list && c.key === sameAs)!.rank;
      await api.call('codes.update', { id: e.id, version: e.version, changes: { rank } });
    };
    await tie('level.chuyen_mon', 'thac_si', 'dai_hoc');
    await tie('level.ly_luan_chinh_tri', 'so_cap', 'trung_cap');
    // People holding both tied levels, so the tie-break matters.
    const both = db.sqlite
      .prepare(`select count(distinct a.cadre_id) as n from qualifications a join qualifications b on a.cadre_id = b.cadre_id
                 where a.category = 'chuyen_mon' and a.level_key = 'thac_si' and b.category = 'chuyen_mon' and b.level_key = 'dai_hoc'`)
      .get() as { n: number };
    expect(both.n).toBeGreaterThan(0);
    for (const d of DATES) expect(actualTotals(d), d).toEqual(expectedTotals(d));
  });
});
