import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { AppDb } from '../open';
import { connect, DEFAULT_MIGRATIONS_FOLDER, fileKind, notifyDatabaseReplaced, replaceConnection, vacuumInto } from '../open';
import { keyStorePath, readKeyStore, writeKeyStore } from '../keystore';
import type { CallContext } from '../context';
import type { BackupFile, BackupSettings } from '../../shared/api/backups';
import { fail } from '../../shared/api/envelope';
import { todayIso } from '../../shared/domain/dates';
import { writeAudit } from './audit';
import { seedCodeLists } from './codes';
import { describeIoError } from '../io-errors';
import { copyFileOffThread } from '../copy-file';

// Backups are VACUUM INTO copies (a consistent snapshot of the live database, WAL included, never a file copy),
// written with the live connection's cipher and key: a backup of an encrypted database is encrypted with the same
// K (SQLite's online backup API refuses to copy an encrypted database into an unkeyed file). Automatic backups: at most one a day at start-up, keeping the last N daily and the last copy of each of
// the last M months. Also before every migration (db/open.ts), before bulk imports, and before a restore.

const PREFIX: Record<string, string> = {
  auto: 'tu-dong-',
  manual: 'thu-cong-',
  pre_migration: 'truoc-cap-nhat-',
  pre_import: 'truoc-nhap-',
  pre_restore: 'truoc-khoi-phuc-',
  pre_encrypt: 'truoc-ma-hoa-',
};
export type BackupKind = keyof typeof PREFIX;

const DEFAULT_SETTINGS: BackupSettings = { dailyKeep: 14, monthlyKeep: 12 };

export function backupFolder(db: AppDb): string {
  if (db.file === ':memory:') throw fail.validation('Cơ sở dữ liệu tạm (trong bộ nhớ) không có thư mục sao lưu.');
  return path.join(path.dirname(db.file), 'backups');
}

const stamp = (d = new Date()) => d.toISOString().replace(/[:.]/g, '-').replace('Z', '');

function kindOf(name: string): string {
  return Object.entries(PREFIX).find(([, p]) => name.startsWith(p))?.[0] ?? 'other';
}

function describe(file: string): BackupFile {
  const st = fs.statSync(file);
  const name = path.basename(file);
  return { name, path: file, size: st.size, modifiedAt: st.mtime.toISOString(), kind: kindOf(name) };
}

/** A consistent copy of the live database into `folder` (created if needed). */
export async function createBackup(db: AppDb, kind: BackupKind, folder = backupFolder(db)): Promise<BackupFile> {
  fs.mkdirSync(folder, { recursive: true });
  const name = kind === 'auto' ? `${PREFIX.auto}${todayIso()}.sqlite` : `${PREFIX[kind]}${stamp()}.sqlite`;
  const target = path.join(folder, name);
  fs.rmSync(target, { force: true });
  await snapshotInto(db.sqlite, !!db.key, target);
  return describe(target);
}

/**
 * A consistent copy of what a connection sees into `target`, written under a temporary name and renamed once
 * complete, so a crash mid-backup never leaves a file that looks like a good backup.
 */
async function snapshotInto(conn: Database.Database, encrypted: boolean, target: string): Promise<void> {
  if (encrypted) {
    // VACUUM INTO (about 1.5-2.5 s at 50,000 cadres, blocking): the online backup API cannot key its target.
    vacuumInto(conn, target);
    return;
  }
  // Plaintext (data from before encryption was turned on): the online backup API, in steps, about 0.5 s.
  const partial = `${target}.dang-ghi`;
  await conn.backup(partial);
  fs.renameSync(partial, target);
}

/**
 * The first half of a backup taken alongside a long write (an import's commit): holding the write gate, before
 * BEGIN IMMEDIATE, every frame of the WAL is checkpointed into the database file, so that file alone holds every
 * committed change. Returns the connection's data_version to hand to copyDatabaseFile, or null when that could not
 * be done (a reader's snapshot holds frames back, or the database is not in WAL mode): use createBackup then.
 */
export function checkpointForCopy(db: AppDb): number | null {
  if (db.file === ':memory:') return null;
  // PASSIVE: never waits for readers; with no reader in the way it copies every frame.
  const [r] = db.sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  if (!r || r.busy !== 0 || r.log < 0 || r.log !== r.checkpointed) return null;
  return db.sqlite.pragma('data_version', { simple: true }) as number;
}

/**
 * The second half, called right after BEGIN IMMEDIATE: copies the database file as it is, by the operating system
 * in the background while the transaction writes. In WAL mode the transaction's pages go to the WAL only; the file
 * itself is written by the next checkpoint, which comes after COMMIT, so await the copy before committing. The
 * copy is the data as it was at BEGIN, with the file's own cipher and key (like VACUUM INTO with K), at the cost of
 * a file copy: VACUUM INTO of an encrypted 50,000-cadre file blocked the process 1.5-2.5 s, the backup API 0.5 s.
 */
export async function copyDatabaseFile(db: AppDb, kind: BackupKind, dataVersion: number, folder = backupFolder(db)): Promise<BackupFile> {
  if (db.sqlite.pragma('data_version', { simple: true }) !== dataVersion) {
    // Another connection committed between the checkpoint and BEGIN: the file alone may not be the whole database.
    throw fail.validation('Không sao lưu được trước khi ghi vì một chương trình khác vừa ghi vào dữ liệu. Chưa có gì được ghi; hãy bấm "Ghi vào cơ sở dữ liệu" lần nữa.');
  }
  fs.mkdirSync(folder, { recursive: true });
  const target = path.join(folder, `${PREFIX[kind]}${stamp()}.sqlite`);
  const partial = `${target}.dang-ghi`;
  try {
    try {
      // Read with every sharing flag (libuv's default, also on Windows), by a worker thread while this one writes.
      await copyFileOffThread(db.file, partial);
      fs.renameSync(partial, target);
    } catch {
      // The file could not be read as a file: the same snapshot through a second connection, which sees
      // nothing of the open transaction (blocking, like createBackup).
      fs.rmSync(partial, { force: true });
      const conn = connect(db.file, { key: db.key, readonly: true, fileMustExist: true });
      try {
        await snapshotInto(conn, !!db.key, target);
      } finally {
        conn.close();
      }
    }
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw fail.validation(`Không sao lưu được trước khi ghi: ${describeIoError(e)}. Chưa có gì được ghi.`);
  }
  return describe(target);
}

/**
 * Next to a backup written outside the data folder (a USB drive), the key store it needs: with the data secret or
 * the recovery key it opens on another PC. The device wrap is left out: it only works on this PC anyway.
 */
export function copyKeyStoreFor(db: AppDb, backupFile: string): string | null {
  if (!db.key) return null;
  const store = readKeyStore(keyStorePath(db.file));
  if (!store) return null;
  const target = keyStorePath(backupFile);
  writeKeyStore(target, { ...store, wraps: { secret: store.wraps.secret, recovery: store.wraps.recovery } });
  return target;
}

export function readBackupSettings(db: AppDb): BackupSettings {
  const row = db.sqlite.prepare(`select value from settings where key = 'backup'`).get() as { value: string } | undefined;
  return row ? { ...DEFAULT_SETTINGS, ...JSON.parse(row.value) } : DEFAULT_SETTINGS;
}

export function saveBackupSettings(db: AppDb, input: BackupSettings, ctx: CallContext): BackupSettings {
  db.sqlite.transaction(() => {
    const before = readBackupSettings(db);
    db.sqlite.prepare(`insert into settings (key, value) values ('backup', ?) on conflict (key) do update set value = excluded.value`).run(JSON.stringify(input));
    writeAudit(db, ctx, [{ action: 'update', entity: 'setting', entityId: 0, field: 'backup', oldValue: before, newValue: input }]);
  }).immediate();
  return readBackupSettings(db);
}

/** What the settings screen shows: where backups go, which exist, the retention, and the database's size. */
export function backupOverview(db: AppDb) {
  if (db.file === ':memory:') return { folder: '', files: [], settings: readBackupSettings(db), databaseSize: 0 };
  const walSize = fs.existsSync(`${db.file}-wal`) ? fs.statSync(`${db.file}-wal`).size : 0;
  return { folder: backupFolder(db), files: listBackups(db), settings: readBackupSettings(db), databaseSize: fs.statSync(db.file).size + walSize };
}

export function listBackups(db: AppDb): BackupFile[] {
  const folder = backupFolder(db);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((n) => n.endsWith('.sqlite'))
    .map((n) => describe(path.join(folder, n)))
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || b.name.localeCompare(a.name));
}

/** Keeps the newest `dailyKeep` automatic backups and the newest of each of the last `monthlyKeep` months. */
export function pruneAutoBackups(db: AppDb, settings = readBackupSettings(db)): string[] {
  const autos = listBackups(db)
    .filter((b) => b.kind === 'auto')
    .map((b) => ({ ...b, day: b.name.slice(PREFIX.auto.length, PREFIX.auto.length + 10) }))
    .sort((a, b) => b.day.localeCompare(a.day));
  const keep = new Set(autos.slice(0, settings.dailyKeep).map((b) => b.path));
  const months = new Set<string>();
  for (const b of autos) {
    const month = b.day.slice(0, 7);
    if (months.has(month)) continue;
    if (months.size >= settings.monthlyKeep) break;
    months.add(month);
    keep.add(b.path);
  }
  const removed = autos.filter((b) => !keep.has(b.path)).map((b) => b.path);
  for (const f of removed) fs.rmSync(f, { force: true });
  return removed;
}

/** At start-up: one automatic backup a day at most, then pruning. Returns the new backup, if one was made. */
export async function autoBackupIfDue(db: AppDb): Promise<BackupFile | null> {
  if (db.file === ':memory:') return null;
  const todays = path.join(backupFolder(db), `${PREFIX.auto}${todayIso()}.sqlite`);
  if (fs.existsSync(todays)) return null;
  const made = await createBackup(db, 'auto');
  pruneAutoBackups(db);
  return made;
}

export async function manualBackup(db: AppDb, input: { folder?: string }, ctx: CallContext): Promise<BackupFile> {
  const folder = input.folder ? path.resolve(input.folder) : backupFolder(db);
  if (input.folder && !fs.existsSync(folder)) throw fail.validation(`Không tìm thấy thư mục "${input.folder}". Hãy kiểm tra ổ USB đã cắm và đường dẫn đúng.`, { folder: 'Thư mục không tồn tại.' });
  if (input.folder && !fs.statSync(folder).isDirectory()) throw fail.validation(`"${input.folder}" là một tệp, không phải thư mục. Hãy chọn thư mục để lưu bản sao.`, { folder: 'Đây là một tệp, không phải thư mục.' });
  let made: BackupFile;
  try {
    made = await createBackup(db, 'manual', folder);
    copyKeyStoreFor(db, made.path);
  } catch (e) {
    throw fail.validation(`Không ghi được bản sao lưu vào "${folder}": ${describeIoError(e)}.`, { folder: 'Không ghi được vào thư mục này.' });
  }
  db.sqlite.transaction(() => writeAudit(db, ctx, [{ action: 'create', entity: 'backup', entityId: 0, newValue: made.path }])).immediate();
  return made;
}

export interface BackupCheck {
  ok: boolean;
  message: string;
}

/**
 * Checks a backup before it replaces anything: readable (with K when it is encrypted), intact, from this app,
 * not from a newer version.
 */
export function verifyBackup(file: string, migrationsFolder = DEFAULT_MIGRATIONS_FOLDER, key: Buffer | null = null): BackupCheck {
  if (!fs.existsSync(file)) return { ok: false, message: `Không tìm thấy tệp "${file}".` };
  const kind = fileKind(file);
  if (kind === 'missing') return { ok: false, message: `Tệp "${path.basename(file)}" trống.` };
  if (kind === 'encrypted' && !key) {
    return { ok: false, message: `Tệp "${path.basename(file)}" đã được mã hoá (hoặc không phải cơ sở dữ liệu), mà dữ liệu đang dùng không có khoá để mở nó.` };
  }
  let src: Database.Database | null = null;
  try {
    src = connect(file, { key: kind === 'encrypted' ? key : null, readonly: true, fileMustExist: true });
    try {
      src.prepare('select count(*) from sqlite_master').get();
    } catch {
      return {
        ok: false,
        message: `Không mở được "${path.basename(file)}" bằng khoá của dữ liệu này: tệp bị hỏng, hoặc là bản sao lưu của một cài đặt khác (khi đó hãy dùng tệp khoá đi kèm nó).`,
      };
    }
    const check = src.pragma('quick_check', { simple: true });
    if (check !== 'ok') return { ok: false, message: `Bản sao lưu "${path.basename(file)}" bị hỏng (${String(check)}).` };
    const hasTables = src.prepare(`select count(*) as n from sqlite_master where type = 'table' and name in ('cadres', '__drizzle_migrations')`).get() as { n: number };
    if (hasTables.n < 2) return { ok: false, message: `Tệp "${path.basename(file)}" không phải bản sao lưu của ứng dụng này.` };
    const newest = Math.max(0, ...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
    const applied = (src.prepare('select max(created_at) as t from __drizzle_migrations').get() as { t: number | null }).t ?? 0;
    if (Number(applied) > newest) return { ok: false, message: 'Bản sao lưu này do phiên bản mới hơn của ứng dụng tạo ra; hãy cài phiên bản mới nhất để khôi phục.' };
    return { ok: true, message: 'Bản sao lưu nguyên vẹn.' };
  } catch (e) {
    return { ok: false, message: `Không đọc được "${path.basename(file)}": ${describeIoError(e)}.` };
  } finally {
    src?.close();
  }
}

/**
 * Restores a backup into the live database: checks it, saves the current data as a backup, writes a keyed copy of
 * the backup beside the database, and swaps it in (close, rename, reopen: the online backup API cannot write into
 * an encrypted file). An older backup's schema is brought up to date; a plaintext backup from before encryption
 * was turned on is encrypted on the way in.
 */
export async function restoreBackup(db: AppDb, input: { path: string }, ctx: CallContext, migrationsFolder = db.migrationsFolder) {
  const file = path.resolve(input.path);
  if (path.resolve(db.file) === file) throw fail.validation('Không thể khôi phục từ chính tệp đang dùng.');
  const check = verifyBackup(file, migrationsFolder, db.key);
  if (!check.ok) throw fail.validation(check.message, { path: check.message });
  const safetyCopy = await createBackup(db, 'pre_restore');
  const staged = `${db.file}.khoi-phuc`;
  try {
    keyedCopy(file, staged, db.key);
  } catch (e) {
    fs.rmSync(staged, { force: true });
    throw fail.validation(`Không chép được bản sao lưu: ${describeIoError(e)}. Dữ liệu hiện tại không thay đổi.`);
  }
  try {
    replaceConnection(db, () => fs.renameSync(staged, db.file));
  } catch (e) {
    fs.rmSync(staged, { force: true });
    throw e;
  }
  // Caches holding statements of the old connection go before anything runs on the new one.
  notifyDatabaseReplaced(db);
  migrate(db.orm, { migrationsFolder });
  seedCodeLists(db);
  notifyDatabaseReplaced(db);
  db.sqlite.transaction(() =>
    writeAudit(db, ctx, [{ action: 'restore', entity: 'backup', entityId: 0, oldValue: safetyCopy.path, newValue: file }]),
  ).immediate();
  return { restoredFrom: file, safetyCopy };
}

/**
 * `dest` becomes a copy of the backup `src`, encrypted with K when K is given (a plaintext backup from before
 * encryption is encrypted here), plaintext otherwise. Nothing open is touched.
 */
export function keyedCopy(src: string, dest: string, key: Buffer | null): void {
  const kind = fileKind(src);
  fs.rmSync(dest, { force: true });
  const from = connect(src, { key: kind === 'encrypted' ? key : null, readonly: true, fileMustExist: true });
  try {
    vacuumInto(from, dest);
  } finally {
    from.close();
  }
  if (kind === 'plain' && key) encryptClosedFile(dest, key);
}

/** Encrypts a closed plaintext database file in place with K (SQLite3MultipleCiphers' rekey, one transaction). */
export function encryptClosedFile(file: string, key: Buffer): void {
  const conn = connect(file, { fileMustExist: true });
  try {
    // Rekeying is refused in WAL mode; a backup file is not in WAL mode, but a file made by VACUUM INTO of a WAL
    // database records WAL in its header.
    conn.pragma('journal_mode = DELETE');
    conn.pragma(`cipher = 'sqlcipher'`);
    conn.pragma('legacy = 4');
    conn.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    conn.close();
  }
  if (fileKind(file) !== 'encrypted') throw new Error(`Không mã hoá được tệp "${path.basename(file)}".`);
}

/**
 * For a damaged database that must not be opened: moves it aside (kept for experts) and puts the newest backup
 * that passes the checks in its place (encrypted with K when K is given). Works on files only; nothing is open.
 */
export function replaceDamagedWithLatestBackup(
  dbFile: string,
  migrationsFolder = DEFAULT_MIGRATIONS_FOLDER,
  key: Buffer | null = null,
): { restoredFrom: string; damagedCopy: string } {
  const folder = path.join(path.dirname(dbFile), 'backups');
  const good = latestGoodBackup(dbFile, migrationsFolder, key);
  if (!good) throw new Error('Không có bản sao lưu nguyên vẹn nào trong thư mục backups.');
  const staged = `${dbFile}.khoi-phuc`;
  keyedCopy(good, staged, key);
  const damagedCopy = path.join(folder, `hong-${stamp()}.sqlite`);
  fs.renameSync(dbFile, damagedCopy);
  for (const ext of ['-wal', '-shm']) if (fs.existsSync(dbFile + ext)) fs.renameSync(dbFile + ext, damagedCopy + ext);
  fs.renameSync(staged, dbFile);
  return { restoredFrom: good, damagedCopy };
}

export function latestGoodBackup(dbFile: string, migrationsFolder = DEFAULT_MIGRATIONS_FOLDER, key: Buffer | null = null): string | null {
  const folder = path.join(path.dirname(dbFile), 'backups');
  if (!fs.existsSync(folder)) return null;
  const files = fs
    .readdirSync(folder)
    .filter((n) => n.endsWith('.sqlite') && !n.startsWith('hong-'))
    .map((n) => path.join(folder, n))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return files.find((f) => verifyBackup(f, migrationsFolder, key).ok) ?? null;
}

/**
 * After encryption is turned on (and at each start of an encrypted database, in case a crash came between the
 * swap and this step): the plaintext backups in the data folder's backup folder are encrypted with K too. A file
 * that cannot be (a damaged copy kept for experts) is listed in `failed` and left as it is; the others go on.
 */
export function encryptPlaintextBackups(dbFile: string, key: Buffer): { done: string[]; failed: string[] } {
  const folder = path.join(path.dirname(dbFile), 'backups');
  const result = { done: [] as string[], failed: [] as string[] };
  if (!fs.existsSync(folder)) return result;
  for (const name of fs.readdirSync(folder).filter((n) => n.endsWith('.sqlite'))) {
    const file = path.join(folder, name);
    try {
      if (fileKind(file) !== 'plain') continue;
      // A hot journal is kept: it may be what makes a half-written file whole again.
      for (const ext of ['-wal', '-shm']) fs.rmSync(file + ext, { force: true });
      encryptClosedFile(file, key);
      result.done.push(file);
    } catch (e) {
      console.error(`Không mã hoá được bản sao lưu "${name}":`, (e as Error).message);
      result.failed.push(file);
    }
  }
  return result;
}
