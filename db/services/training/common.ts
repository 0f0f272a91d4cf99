import type { AppDb } from '../../open';
import { AppFailure, fail } from '../../../shared/api/envelope';

// Small helpers shared by the training services.

export const NOW_SQL = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

export function firstMessage(errors: Record<string, string>): string {
  const [first] = Object.values(errors);
  const more = Object.keys(errors).length - 1;
  return more > 0 ? `${first} (và ${more} lỗi khác)` : first;
}

/** Throws one validation failure carrying every field error, or nothing when there are none. */
export function throwIfErrors(errors: Record<string, string>): void {
  if (Object.keys(errors).length) throw fail.validation(firstMessage(errors), errors);
}

/**
 * Runs one update per item inside the caller's transaction. Validation failures of all items are gathered
 * (field keys prefixed "items.<i>." so the grid marks the right cells) and refuse the whole set; a conflict
 * on any item refuses it at once.
 */
export function applyEach<T>(items: T[], apply: (item: T) => void): void {
  const errors: Record<string, string> = {};
  items.forEach((item, i) => {
    try {
      apply(item);
    } catch (e) {
      if (e instanceof AppFailure && e.kind === 'validation') {
        const fe = Object.keys(e.fieldErrors).length ? e.fieldErrors : { _: e.message };
        for (const [k, v] of Object.entries(fe)) errors[`items.${i}.${k}`] = v;
      } else throw e;
    }
  });
  throwIfErrors(errors);
}

/** Only the keys whose value was given (undefined means "not changed"). */
export function definedChanges<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function requireLiveCadre(db: AppDb, cadreId: number): { fullName: string; category: string; birthDate: string | null } {
  const c = db.sqlite
    .prepare('select full_name as fullName, category, birth_date as birthDate, deleted_at as deletedAt from cadres where id = ?')
    .get(cadreId) as { fullName: string; category: string; birthDate: string | null; deletedAt: string | null } | undefined;
  if (!c) throw fail.notFound('hồ sơ cán bộ');
  if (c.deletedAt) throw fail.validation(`Hồ sơ ${c.fullName} đã bị xoá; hãy khôi phục trước.`);
  return c;
}

/** Days from a to b (full ISO dates). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/**
 * Runs a check of a whole record after a partial change and reports its errors on fields the change touched:
 * a grid marks the cell named by the error key, and marking a cell the clerk did not edit would show it blank.
 * An error on an untouched field moves to the first changed field, keeping its message.
 */
export function checkChanged(changedKeys: string[], check: () => void): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof AppFailure) || e.kind !== 'validation' || changedKeys.length === 0) throw e;
    const moved: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.fieldErrors)) {
      const key = changedKeys.includes(k) ? k : changedKeys[0];
      if (!(key in moved)) moved[key] = v;
    }
    throw fail.validation(e.message, moved);
  }
}
