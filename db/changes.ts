import type { Statement } from 'better-sqlite3';
import type { AppDb } from './open';

// Which cadres changed since a cache was built. The triggers of migration 0004 keep `cadre_changes` (one row per
// cadre: its latest change number) up to date on every write to a cadre's records, whatever code path or
// connection writes; cadre_id 0 marks a change that concerns every cadre (code lists, units, course dates).
// A cache remembers the change number it was built at and, on its next use, redoes only the cadres changed since.
// Unlike dataStamp (which moves on any write, audit and settings included), this moves only when a cadre's own
// data may have changed.

/** A change that concerns every cadre: caches built per cadre must be rebuilt whole. */
const EVERY_CADRE = 0;

export interface CadreChanges {
  /** The change number the caller is now up to date with (pass it as `since` next time). */
  seq: number;
  /** True when a change concerns every cadre (or the caller has no earlier number): rebuild everything. */
  everyone: boolean;
  /**
   * The cadres changed after `since`, ascending; listed also alongside `everyone` (each cadre keeps its latest change,
   * so a later mark 0 hides none), for caches whose rows depend on only some of what concerns everyone.
   */
  cadreIds: number[];
}

interface Statements {
  last: Statement<[]>;
  since: Statement<[number]>;
}
const statements = new WeakMap<AppDb, Statements>();

function prepared(db: AppDb): Statements {
  let s = statements.get(db);
  // A restore swaps the connection under the same AppDb: statements of the old one must not be used.
  if (!s || s.last.database !== db.sqlite) {
    s = {
      last: db.sqlite.prepare('select coalesce(max(seq), 0) from cadre_changes').pluck(),
      since: db.sqlite.prepare('select cadre_id from cadre_changes where seq > ? order by cadre_id').pluck(),
    };
    statements.set(db, s);
  }
  return s;
}

/** The latest change number (0 when nothing was ever marked). One index lookup: cheap enough for every call. */
export function lastCadreChange(db: AppDb): number {
  return prepared(db).last.get() as number;
}

/**
 * What changed after `since` (a number from an earlier call; null = never built). Read inside the same
 * transaction as the cache's own reads when the two must agree.
 */
export function cadreChangesSince(db: AppDb, since: number | null): CadreChanges {
  const seq = lastCadreChange(db);
  if (since === null || since > seq) return { seq, everyone: true, cadreIds: [] };
  if (since === seq) return { seq, everyone: false, cadreIds: [] };
  const ids = prepared(db).since.all(since) as number[];
  const everyone = ids[0] === EVERY_CADRE;
  return { seq, everyone, cadreIds: everyone ? ids.slice(1) : ids };
}
