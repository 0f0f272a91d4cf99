import type { AppDb } from './open';

// Kept apart from open.ts so that modules open.ts itself imports can subscribe at load time.
const replacedListeners = new Set<(db: AppDb) => void>();

/** Modules that cache per database (prepared statements, code lists) drop their cache when a restore replaces the data. */
export function onDatabaseReplaced(listener: (db: AppDb) => void): void {
  replacedListeners.add(listener);
}

export function notifyDatabaseReplaced(db: AppDb): void {
  for (const l of replacedListeners) l(db);
}
