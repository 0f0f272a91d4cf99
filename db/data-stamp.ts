import type { AppDb } from './open';

/**
 * Changes whenever this connection writes (total_changes) or another connection commits (data_version): what
 * per-database caches compare to know their figures still hold.
 */
export function dataStamp(db: AppDb): string {
  const dv = db.sqlite.pragma('data_version', { simple: true });
  const tc = (db.sqlite.prepare('select total_changes() as t').get() as { t: number }).t;
  return `${dv}:${tc}`;
}
