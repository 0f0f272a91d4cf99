import { describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import { generateSampleData } from '../../db/sample/generate';
import { listCadreRows } from '../../db/services/cadre-rows';
import { NameOrderIndex } from '../../db/services/cadre-head';
import { sortByName } from '../../renderer/src/views/cadres/cadreColumns';
import { decodeCadreTable } from '../../shared/api/cadres';
import type { AppDb } from '../../db/open';

// The head of the cadre grid must be exactly the rows the grid shows first once the whole list has arrived: the
// renderer's own name order over the whole list, working cadres only, nothing deleted.

const gridOpensOn = (db: AppDb, limit: number) =>
  sortByName(listCadreRows(db))
    .filter((r) => r.status === 'dang_cong_tac')
    .slice(0, limit);

describe('the cadre grid head (cadres.listHead)', () => {
  it('holds the first rows of the grid as it opens, row for row, and follows edits, status changes and deletions', async () => {
    const db = await openTestDb();
    generateSampleData(db, { cadres: 400, seed: 11 });
    const api = testApi(db);
    const head = async (limit: number) => decodeCadreTable(await api.call('cadres.listHead', { limit }));
    for (const limit of [1, 25, 100]) expect(await head(limit)).toEqual(gridOpensOn(db, limit));

    // A name that sorts first, a cadre who retires, a cadre deleted: the head follows each.
    const [first, second, third] = await head(3);
    const all = listCadreRows(db);
    const later = all.find((r) => r.status === 'dang_cong_tac' && !(gridOpensOn(db, 100).some((x) => x.id === r.id)))!;
    await api.call('cadres.update', { id: later.id, version: later.version, changes: { fullName: 'Nguyễn Văn A' } });
    expect((await head(1))[0].id).toBe(later.id);
    await api.call('cadres.setStatus', { id: first.id, version: first.version, status: 'nghi_huu', effectiveDate: '2020-01-01' });
    await api.call('cadres.delete', { ids: [second.id] });
    const now = await head(25);
    expect(now.map((r) => r.id)).not.toContain(first.id);
    expect(now.map((r) => r.id)).not.toContain(second.id);
    expect(now.map((r) => r.id)).toContain(third.id);
    expect(now).toEqual(gridOpensOn(db, 25));
  });

  it('is the whole working list when there are fewer rows than asked, and empty on an empty file', async () => {
    const db = await openTestDb();
    const api = testApi(db);
    expect((await api.call('cadres.listHead', { limit: 50 })).rows).toEqual([]);
    generateSampleData(db, { cadres: 30, seed: 3 });
    expect(decodeCadreTable(await api.call('cadres.listHead', { limit: 500 }))).toEqual(gridOpensOn(db, 500));
    expect(await api.fail('cadres.listHead', { limit: 0 })).toMatchObject({ kind: 'validation' });
  });

  it('orders whole groups of one given name, equal-collating spellings together, ties by id', () => {
    const people: [number, string][] = [
      [5, 'Trần Văn Ánh'],
      [1, 'Nguyễn Thị Bích'],
      [2, 'Lê Văn An'],
      [9, 'Lê Văn An'],
      [4, 'Nguye\u0302\u0303n Va\u0306n An'],
      [3, 'Phạm  Thị   Ánh'],
      [7, 'Ông Văn Ất'],
    ];
    const index = new NameOrderIndex();
    for (const [id, name] of people) index.set(id, name);
    // "An" (3 people) is a whole group: asking for 2 gives all 3.
    expect(index.first(2)).toEqual([2, 9, 4]);
    expect(index.first(100)).toEqual([2, 9, 4, 3, 5, 7, 1]);
    // Renamed, removed, and a given name not seen before.
    index.set(9, 'Lê Văn Ấn');
    index.set(4, null);
    index.set(8, 'Bùi Văn Anh');
    expect(index.first(100)).toEqual([2, 8, 3, 5, 9, 7, 1]);
  });
});
