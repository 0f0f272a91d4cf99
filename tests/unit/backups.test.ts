import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, closeDatabase, connect, DatabaseOpenError, fileKind, type AppDb } from '../../db/open';
import { newDataKey } from '../../db/keystore';
import { newImportJobId } from '../helpers/fixtures';
import { MIGRATIONS, testApi } from '../helpers/db';
import { seedSmall } from '../helpers/fixtures';
import { autoBackupIfDue, createBackup, listBackups, pruneAutoBackups, replaceDamagedWithLatestBackup, verifyBackup } from '../../db/services/backups';
import { copyFileOffThread, fileCopying } from '../../db/copy-file';
import { describeIoError } from '../../db/io-errors';

let dir: string;
let file: string;
let db: AppDb;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-backup-'));
  file = path.join(dir, 'data.sqlite');
  db = await openDatabase({ file, migrationsFolder: MIGRATIONS });
  seedSmall(db);
});
afterEach(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});
const names = () => (db.sqlite.prepare('select full_name as n from cadres order by id').all() as { n: string }[]).map((r) => r.n);

describe('backups', () => {
  it('makes one automatic backup a day, a consistent copy that passes the checks', async () => {
    const first = await autoBackupIfDue(db);
    expect(first?.kind).toBe('auto');
    expect(await autoBackupIfDue(db)).toBeNull();
    expect(verifyBackup(first!.path, MIGRATIONS)).toEqual({ ok: true, message: 'Bản sao lưu nguyên vẹn.' });
    const copy = new (require('better-sqlite3'))(first!.path, { readonly: true });
    expect(copy.prepare('select count(*) as n from cadres').get().n).toBe(6);
    copy.close();
  });

  it('keeps the newest N daily and the newest of each of M months', () => {
    const folder = path.join(dir, 'backups');
    fs.mkdirSync(folder, { recursive: true });
    const days = ['2026-11-25', '2026-11-24', '2026-11-23', '2026-11-01', '2026-10-31', '2026-10-15', '2026-09-30', '2026-08-31', '2026-07-31'];
    for (const d of days) fs.writeFileSync(path.join(folder, `tu-dong-${d}.sqlite`), 'x');
    fs.writeFileSync(path.join(folder, 'thu-cong-2020-01-01T00-00-00-000.sqlite'), 'x');
    pruneAutoBackups(db, { dailyKeep: 3, monthlyKeep: 3 });
    const left = fs.readdirSync(folder).sort();
    // 3 newest days, plus the newest of Nov (already kept), Oct and Sep; manual backups are never pruned.
    expect(left).toEqual(['thu-cong-2020-01-01T00-00-00-000.sqlite', 'tu-dong-2026-09-30.sqlite', 'tu-dong-2026-10-31.sqlite', 'tu-dong-2026-11-23.sqlite', 'tu-dong-2026-11-24.sqlite', 'tu-dong-2026-11-25.sqlite']);
  });

  it('restores a backup into the open database after saving the current data, through the API', async () => {
    const api = testApi(db);
    const backup = await createBackup(db, 'manual');
    const [first] = (await api.call('cadres.list', {}));
    await api.call('cadres.update', { id: first.id, version: first.version, changes: { fullName: 'Tên Đã Sửa' } });
    await api.call('cadres.delete', { ids: [first.id] });
    const result = await api.call('backups.restore', { path: backup.path });
    expect(names()).toContain(first.fullName);
    expect(names()).not.toContain('Tên Đã Sửa');
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // The data replaced by the restore is itself kept as a backup.
    const safety = new (require('better-sqlite3'))(result.safetyCopy.path, { readonly: true });
    expect(safety.prepare(`select count(*) as n from cadres where full_name = 'Tên Đã Sửa'`).get().n).toBe(1);
    safety.close();
    // The connection keeps working, and writes after the restore stick.
    const again = (await api.call('cadres.list', {})).find((r) => r.id === first.id)!;
    await api.call('cadres.update', { id: again.id, version: again.version, changes: { homeTown: 'Cù Lao Dung' } });
    expect((await api.call('cadres.list', {})).find((r) => r.id === first.id)?.homeTown).toBe('Cù Lao Dung');
  });

  it('refuses to restore a file that is not an intact backup of this app, changing nothing', async () => {
    const api = testApi(db);
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'this is not a database');
    const err = await api.fail('backups.restore', { path: junk });
    expect(err.kind).toBe('validation');
    expect(err.message).toMatch(/Không đọc được|không phải/);
    expect(names()).toHaveLength(6);
    expect(listBackups(db).filter((b) => b.kind === 'pre_restore')).toHaveLength(0);
  });

  it('saves a manual backup to a chosen folder and refuses a missing one', async () => {
    const api = testApi(db);
    const usb = path.join(dir, 'usb');
    fs.mkdirSync(usb);
    const made = await api.call('backups.create', { folder: usb });
    expect(path.dirname(made.path)).toBe(usb);
    const err = await api.fail('backups.create', { folder: path.join(dir, 'khong-co') });
    expect(err.fieldErrors.folder).toBeTruthy();
  });
});

describe('the backup taken before an import is written', () => {
  /** Imports 300 new people; an edit saved just before the commit is in the WAL, not yet in the file. */
  async function importPeople(target: AppDb) {
    const api = testApi(target);
    const csv = ['Họ và tên;Giới tính;Năm sinh;Loại', ...Array.from({ length: 300 }, (_, i) => `Người Nhập ${i};Nam;${1970 + (i % 30)};Công chức`)].join('\n');
    const a = await api.call('imports.analyze', { jobId: newImportJobId(), fileName: 'ds.csv', contentBase64: Buffer.from(csv).toString('base64') });
    await api.call('imports.preview', { jobId: newImportJobId(), importId: a.importId, headerStart: 0, headerSpan: 1, mapping: a.mapping });
    const hong = (await api.call('cadres.list', {})).find((r) => r.fullName === 'Nguyễn Thị Hồng')!;
    await api.call('cadres.update', { id: hong.id, version: hong.version, changes: { homeTown: 'Kế Sách' } });
    await api.call('imports.commit', { jobId: newImportJobId(), importId: a.importId });
    expect((target.sqlite.prepare('select count(*) as n from cadres').get() as { n: number }).n).toBe(306);
    const made = listBackups(target).filter((b) => b.kind === 'pre_import');
    expect(made).toHaveLength(1);
    return made[0].path;
  }
  /** What the backup holds: the data as it was when the import began, the edit included, none of the imported rows. */
  function expectBeforeImport(conn: ReturnType<typeof connect>) {
    try {
      expect(conn.prepare('select count(*) as n from cadres').get()).toEqual({ n: 6 });
      expect(conn.prepare(`select home_town as h from cadres where full_name = 'Nguyễn Thị Hồng'`).get()).toEqual({ h: 'Kế Sách' });
      expect(conn.prepare(`select count(*) as n from change_batches where kind = 'import'`).get()).toEqual({ n: 0 });
    } finally {
      conn.close();
    }
  }

  it('is the data as it was when the import began, copied while the import writes', async () => {
    const backup = await importPeople(db);
    expect(verifyBackup(backup, MIGRATIONS)).toEqual({ ok: true, message: 'Bản sao lưu nguyên vẹn.' });
    expectBeforeImport(connect(backup, { readonly: true, fileMustExist: true }));
    expect(fs.existsSync(`${backup}.dang-ghi`)).toBe(false);
  });

  it('of an encrypted database is encrypted with the same key', async () => {
    closeDatabase(db);
    const key = newDataKey();
    file = path.join(dir, 'enc.sqlite');
    db = await openDatabase({ file, migrationsFolder: MIGRATIONS, key });
    seedSmall(db);
    const backup = await importPeople(db);
    expect(fileKind(backup)).toBe('encrypted');
    expect(verifyBackup(backup, MIGRATIONS, key).ok).toBe(true);
    expectBeforeImport(connect(backup, { key, readonly: true, fileMustExist: true }));
  });

  it.each([
    ['plaintext', false],
    ['encrypted', true],
  ])('of a %s file that cannot be read as a file (a sharing refusal) is taken through a second connection', async (_kind, encrypted) => {
    const key = encrypted ? newDataKey() : null;
    if (key) {
      closeDatabase(db);
      file = path.join(dir, 'enc.sqlite');
      db = await openDatabase({ file, migrationsFolder: MIGRATIONS, key });
      seedSmall(db);
    }
    // The refusal is staged in this thread's fs: the copy runs here (as when no worker thread can be started).
    fileCopying.inThreadOnly = true;
    const real = fs.createReadStream;
    const spy = vi.spyOn(fs, 'createReadStream').mockImplementation(((p: fs.PathLike, o?: never) => {
      if (String(p) === file) throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
      return real(p, o);
    }) as never);
    try {
      const backup = await importPeople(db);
      expect(spy).toHaveBeenCalledWith(file, expect.anything());
      expect(fileKind(backup)).toBe(encrypted ? 'encrypted' : 'plain');
      expectBeforeImport(connect(backup, { key, readonly: true, fileMustExist: true }));
    } finally {
      spy.mockRestore();
      fileCopying.inThreadOnly = false;
    }
  });

  it('copies a file whole off this thread, and a failed copy keeps the reason it failed', async () => {
    const source = path.join(dir, 'nguon.bin');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 5);
    bytes.write('đầu tệp', 0);
    fs.writeFileSync(source, bytes);
    await copyFileOffThread(source, path.join(dir, 'ban-sao.bin'));
    expect(fs.readFileSync(path.join(dir, 'ban-sao.bin')).equals(bytes)).toBe(true);
    const failed = await copyFileOffThread(path.join(dir, 'khong-co.bin'), path.join(dir, 'x.bin')).catch((e: unknown) => e);
    expect(describeIoError(failed)).toBe('không tìm thấy tệp hoặc thư mục (ENOENT)');
  });

  it('goes through SQLite when a reader of another connection holds WAL frames back from the file', async () => {
    const reader = connect(file, { fileMustExist: true });
    try {
      // A reader whose snapshot keeps the later frames (the edit, the preview) out of the file until it ends.
      db.sqlite.prepare(`insert into settings (key, value) values ('test.wal', '1')`).run();
      reader.exec('BEGIN');
      reader.prepare('select count(*) from cadres').get();
      const backup = await importPeople(db);
      reader.exec('COMMIT');
      expectBeforeImport(connect(backup, { readonly: true, fileMustExist: true }));
    } finally {
      reader.close();
    }
  });
});

describe('a damaged database', () => {
  it('is refused on open without being written to, and can be replaced by the latest good backup', async () => {
    await createBackup(db, 'auto');
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    closeDatabase(db);
    // Damage the file: overwrite pages in the middle (the header stays, so SQLite opens it and quick_check finds it).
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);
    const bytes = fs.readFileSync(file);
    await expect(openDatabase({ file, migrationsFolder: MIGRATIONS })).rejects.toSatisfy((e: unknown) => e instanceof DatabaseOpenError && ['damaged', 'not_a_database'].includes(e.reason));
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    const { restoredFrom, damagedCopy } = replaceDamagedWithLatestBackup(file, MIGRATIONS);
    expect(path.basename(restoredFrom)).toMatch(/^tu-dong-/);
    expect(fs.existsSync(damagedCopy)).toBe(true);
    db = await openDatabase({ file, migrationsFolder: MIGRATIONS });
    expect(names()).toHaveLength(6);
  });
});
