import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { MIGRATIONS, openTestDb, testApi } from '../helpers/db';
import { newImportJobId } from '../helpers/fixtures';
import { closeDatabase, connect, openDatabase, setPragmas, type AppDb } from '../../db/open';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema';
import { generateSampleData } from '../../db/sample/generate';
import { cadreTableFromScratch, cadreTableJson, setCadreRowsBacklogLimit } from '../../db/services/cadre-rows';
import { lastCadreChange } from '../../db/changes';
import { dataStamp } from '../../db/data-stamp';
import { inSlicedTransaction } from '../../db/write-gate';
import { createBackup } from '../../db/services/backups';

// Today's cadre rows are kept per cadre (cadre_rows) and redone only for the cadres changed since, or whose dated
// records start or end. Whatever was written, by whichever path, the list must read exactly as the list computed
// from scratch for the same date (the reference SQL), byte for byte.

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** The list as loaded equals the list computed from scratch, with and without deleted cadres. */
function expectAsFromScratch(db: AppDb, what: string) {
  for (const includeDeleted of [false, true]) {
    const listed = text(cadreTableJson(db, { includeDeleted }).bytes);
    const scratch = text(cadreTableFromScratch(db, { includeDeleted }));
    if (listed !== scratch) {
      // Show the first row that differs rather than two long texts.
      const a = JSON.parse(listed).rows as unknown[];
      const b = JSON.parse(scratch).rows as unknown[];
      const i = a.findIndex((r, k) => JSON.stringify(r) !== JSON.stringify(b[k]));
      expect([a.length, a[i]], `${what}${includeDeleted ? ' (with deleted)' : ''}`).toEqual([b.length, b[i]]);
    }
    expect(listed === scratch, what).toBe(true);
  }
}

const kept = (db: AppDb) => {
  const state = db.sqlite.prepare('select computed_for as date, json from cadre_rows where cadre_id = 0').get() as { date: string; json: string } | undefined;
  return {
    state: state ? { date: state.date, ...(JSON.parse(state.json) as { seq: number; shape: string; levels: string }) } : null,
    rows: (db.sqlite.prepare('select count(*) from cadre_rows where cadre_id > 0').pluck().get() as number),
    row: (id: number) => db.sqlite.prepare('select deleted, computed_for as computedFor, valid_until as validUntil, json from cadre_rows where cadre_id = ?').get(id) as
      | { deleted: number; computedFor: string; validUntil: string | null; json: string }
      | undefined,
  };
};
/** A unit open since before 2024 other than `not`. */
const openUnit = (db: AppDb, not: number) =>
  db.sqlite.prepare(`select id from units where (valid_from is null or valid_from <= '2024-01-01') and valid_to is null and id <> ? order by id limit 1`).pluck().get(not) as number;
const cadreCount = (db: AppDb) => db.sqlite.prepare('select count(*) from cadres').pluck().get() as number;
const rowOf = (db: AppDb, id: number) => {
  const t = JSON.parse(text(cadreTableJson(db, { includeDeleted: true }).bytes)) as { fields: string[]; rows: unknown[][] };
  const r = t.rows.find((x) => x[0] === id);
  return r ? Object.fromEntries(t.fields.map((f, i) => [f, r[i]])) : undefined;
};

afterEach(() => {
  vi.useRealTimers();
  setCadreRowsBacklogLimit(1000);
});

describe('kept cadre rows', () => {
  it('are built whole by the first load on a fresh file, and a load with nothing to redo writes nothing', async () => {
    const db = await openTestDb();
    generateSampleData(db, { cadres: 300, seed: 7 });
    expect(kept(db).state).toBeNull();
    expectAsFromScratch(db, 'first load');
    const k = kept(db);
    expect(k.rows).toBe(cadreCount(db));
    expect(k.state).toMatchObject({ seq: lastCadreChange(db) });
    // Deleted cadres are kept too (the "show deleted" view reads the same rows).
    expect(db.sqlite.prepare('select count(*) from cadre_rows where deleted = 1').pluck().get()).toBe(db.sqlite.prepare('select count(*) from cadres where deleted_at is not null').pluck().get());

    // Up to date: no write at all (dataStamp, which other caches key on, stays), even from another AppDb.
    const stamp = dataStamp(db);
    const other: AppDb = { ...db };
    expectAsFromScratch(other, 'loaded again');
    expect(dataStamp(db)).toBe(stamp);
  });

  it('keep the list in memory across writes that change no cadre (audit rows, settings)', async () => {
    const db = await openTestDb();
    generateSampleData(db, { cadres: 50, seed: 3 });
    const first = cadreTableJson(db);
    db.sqlite.prepare(`insert into settings (key, value) values ('x', '1')`).run();
    db.sqlite.prepare(`insert into audit_log (actor, action, entity, entity_id) values ('t', 'update', 'cadre', 1)`).run();
    expect(cadreTableJson(db)).toBe(first);
    db.sqlite.prepare(`update cadres set home_town = 'Vĩnh Châu' where id = (select min(id) from cadres)`).run();
    expect(cadreTableJson(db)).not.toBe(first);
    expectAsFromScratch(db, 'after a raw update');
  });

  // Each kind of write, once with the backlog spliced in at each load (the default: rows kept as they were) and once
  // with every change written to the kept rows at once.
  describe.each([
    ['spliced in at each load', 1000],
    ['written to the kept rows', 0],
  ])('after every kind of write, changed rows %s', (_label, limit) => {
    let db: AppDb;
    let api: ReturnType<typeof testApi>;
    beforeEach(async () => {
      db = await openTestDb();
      api = testApi(db);
      generateSampleData(db, { cadres: 300, seed: 11 });
      setCadreRowsBacklogLimit(limit);
      expectAsFromScratch(db, 'built');
    });

    it('read exactly as computed from scratch', async () => {
      const rows = await api.call('cadres.list', {});
      const withUnit = rows.filter((r) => r.unitId !== null);
      const [a, b, c, d, e] = withUnit;
      const seqBefore = lastCadreChange(db);
      const auditBefore = db.sqlite.prepare('select count(*) from audit_log').pluck().get();

      await api.call('cadres.update', { id: a.id, version: a.version, changes: { homeTown: 'Mỹ Xuyên', fullName: 'Nguyễn "Văn" \\ Ánh' } });
      expectAsFromScratch(db, 'cadre edited');
      if (limit === 1000) {
        // Proof the edit was spliced in: the kept row still holds the old text, the list the new one.
        expect(kept(db).row(a.id)!.json).not.toContain('Mỹ Xuyên');
        expect(rowOf(db, a.id)!.homeTown).toBe('Mỹ Xuyên');
      } else {
        expect(kept(db).row(a.id)!.json).toContain('Mỹ Xuyên');
        expect(kept(db).state!.seq).toBe(lastCadreChange(db));
      }
      // Loading marks nothing as changed and writes no audit row.
      const auditAfterEdit = db.sqlite.prepare('select count(*) from audit_log').pluck().get() as number;
      const seqAfterEdit = lastCadreChange(db);
      expectAsFromScratch(db, 'loaded again');
      expect(db.sqlite.prepare('select count(*) from audit_log').pluck().get()).toBe(auditAfterEdit);
      expect(lastCadreChange(db)).toBe(seqAfterEdit);
      expect(seqAfterEdit).toBeGreaterThan(seqBefore);
      expect(auditAfterEdit).toBeGreaterThan(auditBefore as number);

      const levels = db.sqlite.prepare(`select key from code_lists where list = 'level.chuyen_mon' order by rank desc`).pluck().all() as string[];
      const q = await api.call('qualifications.create', { cadreId: b.id, category: 'chuyen_mon', levelKey: levels[0], field: 'Luật', awardDate: '2010-06-30' });
      expectAsFromScratch(db, 'qualification added');
      expect(rowOf(db, b.id)!.professionalLevel).toBe(levels[0]);
      await api.call('qualifications.delete', { id: q.id, version: q.version });
      expectAsFromScratch(db, 'qualification deleted');

      const unit = openUnit(db, c.unitId!);
      const post = await api.call('assignments.create', { cadreId: c.id, unitId: unit, postTitle: 'Phó Trưởng phòng', fromDate: '2024-03-01', closeCurrent: true });
      expectAsFromScratch(db, 'assignment created (transfer)');
      expect(rowOf(db, c.id)!.unitId).toBe(unit);
      await api.call('assignments.update', { id: post.id, version: post.version, changes: { postTitle: 'Trưởng phòng' } });
      expectAsFromScratch(db, 'assignment changed');

      const dd = (await api.call('cadres.list', {})).find((r) => r.id === d.id)!;
      await api.call('cadres.setStatus', { id: d.id, version: dd.version, status: 'nghi_huu', effectiveDate: '2025-01-01' });
      expectAsFromScratch(db, 'status event');
      expect(rowOf(db, d.id)!.status).toBe('nghi_huu');

      const ee = (await api.call('cadres.list', {})).find((r) => r.id === e.id)!;
      const flag = ee.flags.includes('lanh_dao_phong') ? { lanh_dao_phong: false } : { lanh_dao_phong: true };
      await api.call('cadres.update', { id: e.id, version: ee.version, changes: { flags: flag } });
      expectAsFromScratch(db, 'flag');

      await api.call('cadres.delete', { ids: [b.id] });
      expectAsFromScratch(db, 'cadre deleted');
      await api.call('cadres.restore', { ids: [b.id] });
      expectAsFromScratch(db, 'cadre restored');
      // A cadre removed for good (an import's undo does this) leaves no row.
      const fresh = await api.call('cadres.create', { fields: { fullName: 'Lý Thị Mới', sex: 'nu', birthDate: '1995-05-05', category: 'vien_chuc' }, flags: [] });
      expectAsFromScratch(db, 'cadre created');
      db.sqlite.prepare('delete from cadres where id = ?').run(fresh.id);
      expectAsFromScratch(db, 'cadre removed for good');

      // A level ranking change concerns everyone: the highest level of many cadres changes.
      const top = db.sqlite.prepare(`select id, version, rank from code_lists where list = 'level.chuyen_mon' order by rank desc limit 1`).get() as { id: number; version: number; rank: number };
      await api.call('codes.update', { id: top.id, version: top.version, changes: { rank: -100 } });
      expectAsFromScratch(db, 'level rank changed');
      // A change concerning everyone that leaves the levels alone (a unit renamed) redoes no kept row.
      const keptRows = () => db.sqlite.prepare('select cadre_id, computed_for, json from cadre_rows where cadre_id > 0 order by cadre_id').all();
      const before = keptRows();
      const u = await api.call('units.list', {});
      const target = u.find((x) => x.id === unit)!;
      await api.call('units.update', { id: target.id, version: target.version, changes: { name: `${target.name} (mới)` } });
      expectAsFromScratch(db, 'unit renamed');
      if (limit === 0) expect(keptRows()).toEqual(before);
    });

    it('read exactly as computed from scratch after an import and its undo', async () => {
      const unit = db.sqlite.prepare('select name from units order by id limit 1 offset 2').pluck().get() as string;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('A');
      ws.addRow(['Họ và tên', 'Giới tính', 'Ngày sinh', 'Đơn vị công tác', 'Chức vụ', 'Trình độ chuyên môn', 'Loại']);
      for (let i = 0; i < 30; i++) ws.addRow([`Người Nhập ${i}`, i % 2 ? 'Nam' : 'Nữ', `0${1 + (i % 9)}/03/1985`, unit, 'Chuyên viên', 'Thạc sĩ', 'Công chức']);
      const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
      const a = await api.call('imports.analyze', { jobId: newImportJobId(), fileName: 'nhap.xlsx', contentBase64 });
      await api.call('imports.preview', { jobId: newImportJobId(), importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping: a.mapping, options: { defaultCategory: null } });
      const s = await api.call('imports.commit', { jobId: newImportJobId(), importId: a.importId });
      expect(s.counts.new).toBe(30);
      expectAsFromScratch(db, 'imported');
      expect((JSON.parse(text(cadreTableJson(db).bytes)).rows as unknown[][]).filter((r) => String(r[2]).startsWith('Người Nhập'))).toHaveLength(30);
      await api.call('imports.undo', { importId: a.importId });
      expectAsFromScratch(db, 'import undone');
    });

    it('show a future-dated post, status and role on the day it starts, and stop showing them the day after they end', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(2026, 10, 25, 9, 0));
      const [x, y] = (await api.call('cadres.list', {})).filter((r) => r.unitId !== null && r.status === 'dang_cong_tac');
      const unit = openUnit(db, x.unitId!);
      // Written straight (dated records planned ahead, as an import or a rotation plan writes them).
      db.sqlite.prepare(`insert into assignments (cadre_id, unit_id, post_title, from_date, to_date) values (?, ?, 'Biệt phái', '2026-12-01', '2026-12-15')`).run(x.id, unit);
      db.sqlite.prepare(`insert into cadre_status_events (cadre_id, status, effective_date) values (?, 'nghi_huu', '2026-12-01')`).run(y.id);
      db.sqlite.prepare(`insert into cadre_flags (cadre_id, flag, from_date, to_date) values (?, 'bac_si', '2026-11-01', '2026-11-30')`).run(y.id);
      expectAsFromScratch(db, 'planned ahead');
      expect(rowOf(db, x.id)!.unitId).toBe(x.unitId);
      expect(rowOf(db, y.id)!.status).toBe('dang_cong_tac');
      expect(rowOf(db, y.id)!.flags).toContain('bac_si');
      if (limit === 0) {
        expect(kept(db).row(x.id)!.validUntil).toBe('2026-12-01');
        expect(kept(db).row(y.id)!.validUntil).toBe('2026-11-30 ');
      }
      // A level ranking change redoes every row's levels; the dates the rows hold until stay (no dated record moved).
      const political = db.sqlite.prepare(`select key from code_lists where list = 'level.ly_luan_chinh_tri' order by rank`).pluck().all() as string[];
      for (const id of [x.id, y.id]) {
        for (const key of [political[0], political[political.length - 1]]) {
          db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key, award_date) values (?, 'ly_luan_chinh_tri', ?, '2019-05-01')`).run(id, key);
        }
      }
      expectAsFromScratch(db, 'political levels added');
      expect(rowOf(db, x.id)!.politicalLevel).toBe(political[political.length - 1]);
      db.sqlite.prepare(`update code_lists set rank = -rank where list = 'level.ly_luan_chinh_tri'`).run();
      cadreTableJson(db);
      // Nothing left to redo after that rewrite: loading again writes nothing.
      const stamp = dataStamp(db);
      expectAsFromScratch(db, 'political levels ranked the other way round');
      expect(dataStamp(db)).toBe(stamp);
      expect(rowOf(db, x.id)!.politicalLevel).toBe(political[0]);
      if (limit === 0) {
        expect(kept(db).row(x.id)!.validUntil).toBe('2026-12-01');
        expect(kept(db).row(y.id)!.validUntil).toBe('2026-11-30 ');
        expect(db.sqlite.prepare(`select count(*) from cadre_rows where valid_until = ''`).pluck().get()).toBe(0);
      }
      const seq = lastCadreChange(db);
      for (const [day, unitId, status, hasRole] of [
        [new Date(2026, 10, 30, 23, 59), x.unitId, 'dang_cong_tac', true],
        [new Date(2026, 11, 1, 0, 1), unit, 'nghi_huu', false],
        [new Date(2026, 11, 15, 12), unit, 'nghi_huu', false],
        [new Date(2026, 11, 16, 8), x.unitId, 'nghi_huu', false],
      ] as const) {
        vi.setSystemTime(day);
        expectAsFromScratch(db, day.toISOString());
        expect(rowOf(db, x.id)!.unitId, day.toISOString()).toBe(unitId);
        expect(rowOf(db, y.id)!.status).toBe(status);
        expect(String(rowOf(db, y.id)!.flags ?? '').includes('bac_si')).toBe(hasRole);
      }
      // No write was needed for any of it, and none was marked.
      expect(lastCadreChange(db)).toBe(seq);
      // The clock set back: the rows are derived again for the earlier day.
      vi.setSystemTime(new Date(2026, 10, 20, 8));
      expectAsFromScratch(db, 'clock set back');
      expect(rowOf(db, x.id)!.unitId).toBe(x.unitId);
    });
  });

  it('are rebuilt for a new row shape (another version of the app)', async () => {
    const db = await openTestDb();
    generateSampleData(db, { cadres: 40, seed: 5 });
    expectAsFromScratch(db, 'built');
    // As an older version would have left them: another shape, stale texts.
    db.sqlite.prepare(`update cadre_rows set json = json_set(json, '$.shape', 'older') where cadre_id = 0`).run();
    db.sqlite.prepare(`update cadre_rows set json = '[0]' where cadre_id > 0`).run();
    expectAsFromScratch({ ...db }, 'after an upgrade');
    expect(kept(db).state!.shape).not.toBe('older');
  });
});

describe('kept cadre rows on a file', () => {
  let dir: string;
  let file: string;
  let db: AppDb;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-kept-rows-'));
    file = path.join(dir, 'data.sqlite');
    db = await openDatabase({ file, migrationsFolder: MIGRATIONS });
    generateSampleData(db, { cadres: 200, seed: 9 });
  });
  afterEach(() => {
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  /** Another connection to the same file, as a second window of the app would have. */
  const secondConnection = (opts: { readonly?: boolean } = {}): AppDb => {
    const sqlite = connect(file, { readonly: opts.readonly });
    if (!opts.readonly) setPragmas(sqlite, file);
    return { sqlite, orm: drizzle(sqlite, { schema }), file, migrationsFolder: MIGRATIONS, key: null };
  };
  const firstCadre = (d: AppDb) => d.sqlite.prepare('select id, version from cadres where deleted_at is null order by id limit 1').get() as { id: number; version: number };

  it('serve the first load after opening the file again, and follow writes made by another connection', async () => {
    expectAsFromScratch(db, 'built');
    closeDatabase(db);
    db = await openDatabase({ file, migrationsFolder: MIGRATIONS });
    const stamp = dataStamp(db);
    expectAsFromScratch(db, 'reopened');
    expect(dataStamp(db)).toBe(stamp);

    const other = secondConnection();
    try {
      const c = firstCadre(other);
      await testApi(other).call('cadres.update', { id: c.id, version: c.version, changes: { address: 'Khóm 3, phường 5' } });
      expectAsFromScratch(db, 'written by the other connection');
      expect(rowOf(db, c.id)!.address).toBe('Khóm 3, phường 5');
      setCadreRowsBacklogLimit(0);
      expectAsFromScratch(other, 'the other connection rewrites the kept rows');
      expectAsFromScratch(db, 'read back here');
    } finally {
      other.sqlite.close();
    }
  });

  it('answer from what can be read when the file cannot be written: read-only, or another connection writing', async () => {
    expectAsFromScratch(db, 'built');
    const c = firstCadre(db);
    await testApi(db).call('cadres.update', { id: c.id, version: c.version, changes: { phone: '0912345678' } });
    const ro = secondConnection({ readonly: true });
    try {
      setCadreRowsBacklogLimit(0);
      // The edit is a backlog the read-only connection cannot write: it is spliced in instead.
      expectAsFromScratch(ro, 'read-only, one cadre changed');
      // A change concerning everyone: computed from scratch, nothing written.
      db.sqlite.prepare(`update code_lists set rank = rank + 100 where list = 'level.ly_luan_chinh_tri' and key = (select key from code_lists where list = 'level.ly_luan_chinh_tri' order by rank limit 1)`).run();
      expectAsFromScratch(ro, 'read-only, ranks changed');
      expect(kept(db).state!.seq).toBeLessThan(lastCadreChange(db));

      // Another connection holds the write lock: the load does not wait for it (busy_timeout is 5 s) nor fail.
      const writer = secondConnection();
      writer.sqlite.exec('BEGIN IMMEDIATE');
      try {
        const t0 = performance.now();
        expectAsFromScratch(db, 'while another connection writes');
        expect(performance.now() - t0).toBeLessThan(2500);
        expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
        expect(kept(db).state!.seq).toBeLessThan(lastCadreChange(db));
      } finally {
        writer.sqlite.exec('ROLLBACK');
        writer.sqlite.close();
      }
      // Once it can write again the kept rows are brought up to date.
      db.sqlite.prepare('update cadres set note = ? where id = ?').run('Đã kiểm tra', c.id);
      expectAsFromScratch(db, 'after the lock');
      expect(kept(db).state!.seq).toBe(lastCadreChange(db));
    } finally {
      ro.sqlite.close();
    }
  });

  it('inside a long sliced write read what the transaction sees, and keep nothing of it', async () => {
    expectAsFromScratch(db, 'built');
    const seq = lastCadreChange(db);
    const c = firstCadre(db);
    await expect(
      inSlicedTransaction(db, async () => {
        db.sqlite.prepare('update cadres set full_name = ? where id = ?').run('Tên Trong Giao Dịch', c.id);
        await new Promise((r) => setTimeout(r, 1));
        expect(rowOf(db, c.id)!.fullName).toBe('Tên Trong Giao Dịch');
        expectAsFromScratch(db, 'inside the transaction');
        throw new Error('huỷ');
      }),
    ).rejects.toThrow('huỷ');
    expect(lastCadreChange(db)).toBe(seq);
    // The same change number now stands for another change: what was read inside must not come back.
    db.sqlite.prepare('update cadres set full_name = ? where id = ?').run('Tên Sau Khi Huỷ', c.id);
    expect(lastCadreChange(db)).toBe(seq + 1);
    expectAsFromScratch(db, 'after the rollback');
    expect(rowOf(db, c.id)!.fullName).toBe('Tên Sau Khi Huỷ');
  });

  it('after a restore read as the restored data, for a viewer too', async () => {
    const api = testApi(db);
    setCadreRowsBacklogLimit(0);
    expectAsFromScratch(db, 'built');
    const backup = await createBackup(db, 'manual');
    const c = firstCadre(db);
    await api.call('cadres.update', { id: c.id, version: c.version, changes: { fullName: 'Tên Sau Sao Lưu' } });
    await api.call('cadres.delete', { ids: [c.id] });
    expectAsFromScratch(db, 'edited after the backup');
    await api.call('backups.restore', { path: backup.path });
    const viewer = testApi(db, { actor: 'xem', role: 'viewer' as const });
    const table = await viewer.call('cadres.listTable', {});
    expect(table.rows.find((r) => r[0] === c.id)![2]).not.toBe('Tên Sau Sao Lưu');
    expectAsFromScratch(db, 'restored');
  });
});
