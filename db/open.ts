import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { seedCodeLists } from './services/codes';
import { seedIndicators } from './services/indicators/seed';
import { ensureRotationSeeds } from './services/rotations/seeds';
import { ensureRuleSets } from './services/training/rules';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface AppDb {
  sqlite: Database.Database;
  orm: Orm;
  /** The database file, or ":memory:". */
  file: string;
  /** The migrations this database was brought up to date with (restores re-apply them). */
  migrationsFolder: string;
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
  const sqlite = new Database(opts.file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    try {
      sqlite.pragma('journal_mode = WAL');
    } catch (e) {
      throw new DatabaseOpenError('not_a_database', `Tệp "${opts.file}" không phải cơ sở dữ liệu của ứng dụng hoặc đã hỏng.`);
    }
    // FULL: a committed edit survives a power cut too, not only a crash of the app; an edit still takes a few ms.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');

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
      await sqlite.backup(path.join(dir, `truoc-cap-nhat-${stamp}.sqlite`));
    }
    const orm = drizzle(sqlite, { schema });
    try {
      migrate(orm, { migrationsFolder });
    } catch (e) {
      throw new DatabaseOpenError('migration_failed', `Không cập nhật được cấu trúc cơ sở dữ liệu: ${(e as Error).message}`);
    }
    const db: AppDb = { sqlite, orm, file: opts.file, migrationsFolder };
    seedCodeLists(db);
    // The resolution's indicators and training standards: inserted when missing, never overwritten.
    seedIndicators(db);
    // Rule sets as dated data (rotation and training rules): seeded here, not on a first read call, so reads never write.
    ensureRotationSeeds(db);
    ensureRuleSets(db);
    return db;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

function appliedMigrationTimes(sqlite: Database.Database): number[] {
  const exists = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'`).get();
  if (!exists) return [];
  return (sqlite.prepare('select created_at as t from __drizzle_migrations').all() as { t: number }[]).map((r) => Number(r.t));
}

function hasUserTables(sqlite: Database.Database): boolean {
  return !!sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name not like 'sqlite_%' limit 1`).get();
}

export function closeDatabase(db: AppDb): void {
  if (db.sqlite.open) db.sqlite.close();
}

export { onDatabaseReplaced, notifyDatabaseReplaced } from './replaced';

/** Runs fn in one IMMEDIATE transaction (taking the write lock up front avoids upgrade deadlocks between processes). */
export function inTransaction<T>(db: AppDb, fn: () => T): T {
  return db.sqlite.transaction(fn).immediate();
}
