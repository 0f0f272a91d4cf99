import fs from 'node:fs';
import path from 'node:path';
import { DatabaseOpenError, openDatabase, type AppDb, type OpenOptions } from './open';
import { autoBackupIfDue, latestGoodBackup, replaceDamagedWithLatestBackup } from './services/backups';

export interface DamagedInfo {
  message: string;
  /** The newest backup that passes the checks, if any. */
  latestBackup: string | null;
  latestBackupDate: string | null;
}

/**
 * How both hosts open the database: a damaged file is never written to; the host is asked whether to put the
 * newest good backup in its place (the damaged file is kept aside). Then the daily automatic backup.
 */
export async function openForHost(opts: OpenOptions, askRestore: (info: DamagedInfo) => boolean | Promise<boolean>): Promise<AppDb> {
  let db: AppDb;
  try {
    db = await openDatabase(opts);
  } catch (e) {
    if (!(e instanceof DatabaseOpenError) || (e.reason !== 'damaged' && e.reason !== 'not_a_database') || opts.file === ':memory:') throw e;
    const latest = latestGoodBackup(opts.file, opts.migrationsFolder);
    const info: DamagedInfo = {
      message: e.message,
      latestBackup: latest,
      latestBackupDate: latest ? fs.statSync(latest).mtime.toISOString() : null,
    };
    if (!latest || !(await askRestore(info))) throw e;
    replaceDamagedWithLatestBackup(opts.file, opts.migrationsFolder);
    db = await openDatabase(opts);
  }
  try {
    await autoBackupIfDue(db);
  } catch (e) {
    // A failed backup must not keep the clerk out of their data; it is reported and retried next start.
    console.error(`Không tạo được bản sao lưu tự động trong ${path.join(path.dirname(opts.file), 'backups')}:`, (e as Error).message);
  }
  return db;
}
