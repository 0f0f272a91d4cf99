import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { AppFailure } from '../shared/api/envelope';
import { notifyDatabaseReplaced } from './replaced';
import { seedCodeLists } from './services/codes';
import { seedIndicators } from './services/indicators/seed';
import { ensureRotationSeeds } from './services/rotations/seeds';
import { ensureRuleSets } from './services/training/rules';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface AppDb {
  /** The connection; a restore swaps it for one on the restored file (the AppDb object itself stays). */
  sqlite: Database.Database;
  orm: Orm;
  /** The database file, or ":memory:". */
  file: string;
  /** The migrations this database was brought up to date with (restores re-apply them). */
  migrationsFolder: string;
  /** The data key K when the file is encrypted (db/keystore.ts), null for a plaintext file. */
  key: Buffer | null;
}

export interface OpenOptions {
  /** Path of the SQLite file, or ":memory:". */
  file: string;
  /** Folder with the committed drizzle-kit migrations. */
  migrationsFolder?: string;
  /** Where the copy taken before a migration goes; defaults to "<folder of file>/backups". */
  backupDir?: string;
  /** Path to a better_sqlite3.node built for another runtime (Electron in development). */
  nativeBinding?: string;
  /** The data key K: the file is (or, when new, becomes) encrypted with it. Left out: a plaintext file. */
  key?: Buffer | null;
}

// One native build per process: Electron in development loads its own; every connection (backups, checks,
// restores) must use the same one, so the first openDatabase that names it sets it for all.
let processNativeBinding: string | undefined;

/**
 * A connection to `file`, keyed with K when given. The cipher is SQLCipher 4 (AES-256-CBC, HMAC-SHA512 per
 * page, so a tampered page is refused) with a raw 256-bit key: no PBKDF2 at each open, and experts can open the
 * file with standard SQLCipher tools given the key.
 */
export function connect(file: string, opts: { key?: Buffer | null; readonly?: boolean; fileMustExist?: boolean } = {}): Database.Database {
  const conn = new Database(file, {
    readonly: !!opts.readonly,
    fileMustExist: !!opts.fileMustExist,
    ...(processNativeBinding ? { nativeBinding: processNativeBinding } : {}),
  });
  if (opts.key) {
    try {
      applyKey(conn, opts.key);
    } catch (e) {
      conn.close();
      throw e;
    }
  }
  return conn;
}

/** Sets the cipher and K on a fresh connection (before anything reads the file). */
export function applyKey(conn: Database.Database, key: Buffer): void {
  assertEncryptionSupported();
  conn.pragma(`cipher = 'sqlcipher'`);
  conn.pragma('legacy = 4');
  conn.pragma(`key = "x'${key.toString('hex')}'"`);
}

let encryptionSupported: boolean | null = null;

/**
 * Refuses a plain SQLite build (e.g. a stale Electron build of plain better-sqlite3), which would ignore the key.
 * Asked of a throwaway in-memory connection: on the keyed file any statement would first read the encrypted schema.
 */
export function assertEncryptionSupported(): void {
  if (encryptionSupported === null) {
    const probe = new Database(':memory:', processNativeBinding ? { nativeBinding: processNativeBinding } : {});
    try {
      encryptionSupported = !!probe.prepare('select sqlite3mc_version()').pluck().get();
    } catch {
      encryptionSupported = false;
    } finally {
      probe.close();
    }
  }
  if (!encryptionSupported) throw new DatabaseOpenError('not_a_database', 'Bản SQLite đang dùng không hỗ trợ mã hoá dữ liệu. Hãy cài lại ứng dụng.');
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What is on disk: nothing yet, a plaintext SQLite file, or something else (encrypted, or not a database at all). */
export function fileKind(file: string): 'missing' | 'plain' | 'encrypted' {
  if (file === ':memory:' || !fs.existsSync(file)) return 'missing';
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    if (n === 0) return 'missing';
    return n === 16 && head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}

export const DEFAULT_MIGRATIONS_FOLDER = path.resolve(__dirname, 'migrations');

/** Raised when the file cannot be opened safely; the message is for the user. */
export class DatabaseOpenError extends Error {
  constructor(
    public readonly reason: 'newer_version' | 'not_a_database' | 'migration_failed' | 'damaged',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

/**
 * Opens (creating if needed) the app's database: pragmas, a refusal of files written by a newer version,
 * a backup before any pending migration, the migrations, and the seeded code lists.
 */
export async function openDatabase(opts: OpenOptions): Promise<AppDb> {
  const migrationsFolder = opts.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
  if (opts.file !== ':memory:') fs.mkdirSync(path.dirname(opts.file), { recursive: true });
  if (opts.nativeBinding) processNativeBinding = opts.nativeBinding;
  const key = opts.key ?? null;
  if (key && fileKind(opts.file) === 'plain') {
    throw new DatabaseOpenError('not_a_database', `Tệp "${opts.file}" chưa được mã hoá; hãy mở nó không kèm khoá.`);
  }
  const sqlite = connect(opts.file, { key });
  try {
    setPragmas(sqlite, opts.file);

    // Never start writing to a damaged file: check it before migrations or anything else touches it.
    if (opts.file !== ':memory:') {
      const check = sqlite.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new DatabaseOpenError('damaged', `Cơ sở dữ liệu "${opts.file}" bị hỏng (${String(check).slice(0, 200)}). Ứng dụng không ghi gì vào tệp này; hãy khôi phục từ bản sao lưu gần nhất.`);
      }
    }

    const migrations = readMigrationFiles({ migrationsFolder });
    const applied = appliedMigrationTimes(sqlite);
    const newestKnown = Math.max(0, ...migrations.map((m) => m.folderMillis));
    if (applied.length > 0 && Math.max(...applied) > newestKnown) {
      throw new DatabaseOpenError(
        'newer_version',
        'Cơ sở dữ liệu này đã được một phiên bản mới hơn của ứng dụng cập nhật. Hãy cài phiên bản mới nhất để mở nó; ứng dụng không ghi gì vào tệp.',
      );
    }
    const pending = migrations.filter((m) => !applied.includes(m.folderMillis));
    if (pending.length > 0 && opts.file !== ':memory:' && hasUserTables(sqlite)) {
      const dir = opts.backupDir ?? path.join(path.dirname(opts.file), 'backups');
      fs.mkdirSync(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      // VACUUM INTO writes the copy with the connection's cipher and key: an encrypted database gives an encrypted
      // copy (the online backup API refuses to copy between an encrypted and an unkeyed file).
      vacuumInto(sqlite, path.join(dir, `truoc-cap-nhat-${stamp}.sqlite`));
    }
    const orm = drizzle(sqlite, { schema });
    try {
      migrate(orm, { migrationsFolder });
    } catch (e) {
      throw new DatabaseOpenError('migration_failed', `Không cập nhật được cấu trúc cơ sở dữ liệu: ${(e as Error).message}`);
    }
    const db: AppDb = { sqlite, orm, file: opts.file, migrationsFolder, key };
    seedCodeLists(db);
    // The resolution's indicators and training standards: inserted when missing, never overwritten.
    seedIndicators(db);
    // Rule sets as dated data (rotation and training rules): seeded here, not on a first read call, so reads do not write seed data (the one read that may write is the cadre grid's kept rows, db/services/cadre-rows.ts).
    ensureRotationSeeds(db);
    ensureRuleSets(db);
    return db;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/** The connection settings every app connection uses; a wrong key or a file that is not a database fails here. */
export function setPragmas(sqlite: Database.Database, file: string): void {
  try {
    sqlite.pragma('journal_mode = WAL');
  } catch (e) {
    throw new DatabaseOpenError('not_a_database', `Tệp "${file}" không phải cơ sở dữ liệu của ứng dụng, đã hỏng, hoặc khoá không đúng.`);
  }
  // FULL: a committed edit survives a power cut too, not only a crash of the app; an edit still takes a few ms.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

/** A consistent copy of the connection's database (same cipher and key) into a new file; written whole, then renamed. */
export function vacuumInto(sqlite: Database.Database, target: string): void {
  const partial = `${target}.dang-ghi`;
  fs.rmSync(partial, { force: true });
  sqlite.prepare('vacuum into ?').run(partial);
  fs.renameSync(partial, target);
}

function appliedMigrationTimes(sqlite: Database.Database): number[] {
  const exists = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'`).get();
  if (!exists) return [];
  return (sqlite.prepare('select created_at as t from __drizzle_migrations').all() as { t: number }[]).map((r) => Number(r.t));
}

function hasUserTables(sqlite: Database.Database): boolean {
  return !!sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name not like 'sqlite_%' limit 1`).get();
}

/**
 * Closes the connection, lets `swap` change the file on disk (a restore renames the restored copy in), and opens a
 * new connection with the same key and settings in the same AppDb object, so hosts and per-database caches keep
 * their reference (callers notify the caches with notifyDatabaseReplaced). If another connection holds the file
 * (a second window of the app) or the swap fails, the old file is opened again, unchanged, and a clear message
 * is thrown: the app never stays without a connection.
 */
export function replaceConnection(db: AppDb, swap: () => void): void {
  db.sqlite.close();
  const reopen = () => {
    const sqlite = connect(db.file, { key: db.key });
    setPragmas(sqlite, db.file);
    db.sqlite = sqlite;
    db.orm = drizzle(sqlite, { schema });
  };
  // The old file again: caches holding statements of the closed connection drop them.
  const reopenUnchanged = () => {
    reopen();
    notifyDatabaseReplaced(db);
  };
  // Closing the last connection checkpoints the WAL and removes it, so a WAL still there means another connection
  // has the file open. Swapping the file under it would fail on Windows, or on Linux leave it writing to a file
  // that no longer has a name, losing what it writes.
  if (fs.existsSync(db.file + '-wal')) {
    reopenUnchanged();
    throw new AppFailure('validation', 'Tệp dữ liệu đang được mở ở nơi khác (một cửa sổ ứng dụng thứ hai, hoặc chương trình khác). Hãy đóng nơi đó rồi thử lại; dữ liệu chưa thay đổi.');
  }
  // A stale shared-memory file of the old file must never be used with the new one.
  fs.rmSync(db.file + '-shm', { force: true });
  try {
    swap();
  } catch (e) {
    reopenUnchanged();
    throw e;
  }
  reopen();
}

export function closeDatabase(db: AppDb): void {
  if (db.sqlite.open) db.sqlite.close();
}

export { onDatabaseReplaced, notifyDatabaseReplaced } from './replaced';

/** Runs fn in one IMMEDIATE transaction (taking the write lock up front avoids upgrade deadlocks between processes). */
export function inTransaction<T>(db: AppDb, fn: () => T): T {
  return db.sqlite.transaction(fn).immediate();
}
