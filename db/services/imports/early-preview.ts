// The analysis of a file starts the preview's work before the clerk asks for it. While a worker thread parses the
// .xlsx (read-in-worker.ts), this thread checks the rows already read, with the header and mapping the analysis is
// about to propose. When the clerk then previews with that same header and mapping, and nothing the check read
// has changed since, the preview stages these results instead of checking every row again: on a 2-core PC reading
// and checking go side by side, and the preview of a 50,000-row file is mostly done when the analysis answers.
// Any difference (another header row, another mapping or default category, a record, unit or code edited since,
// a new day) and the preview checks the rows itself, as it always did.

import type { AppDb } from '../../open';
import { todayIso } from '../../../shared/domain/dates';
import { onDatabaseReplaced } from '../../replaced';
import { lastCadreChange } from '../../changes';
import { yieldToEventLoop } from '../../event-loop';
import type { RawRow } from './parse';
import { buildLookups, ROWS_PER_CHECK, RowChecker, type CheckSettings } from './row-checker';
import { checkCancelled, isCancelled, report } from './jobs';

/**
 * Targets whose rows are checked against the file and the records alone. Enrolments need the course, rotations
 * the reason for going ahead despite warnings: both are chosen only on the preview screen.
 */
const EARLY_TARGETS = new Set(['cadres', 'qualifications']);
export const checksEarly = (target: string) => EARLY_TARGETS.has(target);

/** What a preview must ask for to use an early check: the header, the mapping, the default category. */
export const earlyCheckKey = (headerStart: number, headerSpan: number, mapping: readonly (string | null)[], defaultCategory: string | null) =>
  JSON.stringify([headerStart, headerSpan, mapping, defaultCategory]);

/**
 * Every write to what a check reads (cadres, their posts and diplomas, units, code lists; any connection, any code
 * path) raises the highest number in cadre_changes (the triggers of migration 0004). The date matters too: ages
 * and current posts are reckoned on today.
 */
const changeStamp = (db: AppDb) => `${lastCadreChange(db)}|${todayIso()}`;

/** How many previews used an early check (tests check that the analysis's work is used, and when it is not). */
export const earlyCheckUse = { adopted: 0 };

export class EarlyCheck {
  readonly key: string;
  /** True once every row is checked; false if stopped or failed (the preview then checks the rows itself). */
  private readonly finished: Promise<boolean>;
  private checker: RowChecker | null = null;
  private stamp = '';
  private next: number;
  private readDone = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  /** The preview waiting for this check: its progress is reported there, and its cancel stops the check. */
  private jobId: string | null = null;

  constructor(
    private readonly db: AppDb,
    private readonly settings: CheckSettings,
    headerStart: number,
    headerSpan: number,
    /** The sheet's rows, growing while the file is read (read by reference, never written). */
    private readonly rows: RawRow[],
  ) {
    this.key = earlyCheckKey(headerStart, headerSpan, settings.mapping, settings.defaultCategory);
    this.next = headerStart + headerSpan;
    this.finished = this.run().catch(() => false);
  }

  /** More rows were read. */
  moreRows(): void {
    this.wake?.();
  }

  /** The sheet's last row was read. */
  endOfRows(): void {
    this.readDone = true;
    this.wake?.();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private async run(): Promise<boolean> {
    // Read before the lookups: a write in between leaves the stamp behind, and the check is not used.
    this.stamp = changeStamp(this.db);
    const checker = new RowChecker(this.db, this.settings, await buildLookups(this.db));
    const firstData = this.next;
    for (;;) {
      if (this.stopped || (this.jobId && isCancelled(this.jobId))) return false;
      if (this.next < this.rows.length) {
        const from = this.next;
        const to = Math.min(this.rows.length, from + ROWS_PER_CHECK);
        checker.check(this.rows.slice(from, to).map((cells, k) => ({ rowNo: from + k + 1, cells })));
        this.next = to;
        if (this.jobId && this.readDone) report(this.jobId, 'previewing', to - firstData, this.rows.length - firstData);
        await yieldToEventLoop();
      } else if (this.readDone) {
        this.checker = checker;
        return true;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
    }
  }

  /**
   * Waits for the last rows to be checked (reporting progress to the preview's job), then gives the checker when
   * what it read is still as it was, else null. Throws the cancel of that job.
   */
  async result(jobId: string): Promise<RowChecker | null> {
    this.jobId = jobId;
    const done = await this.finished;
    checkCancelled(jobId);
    if (!done || this.stopped || changeStamp(this.db) !== this.stamp) return null;
    earlyCheckUse.adopted++;
    return this.checker;
  }
}

/** The early checks per database, by import (two at most: two windows may import at once). */
const checks = new WeakMap<AppDb, Map<number, EarlyCheck>>();

export function keepEarlyCheck(db: AppDb, importId: number, check: EarlyCheck): void {
  let m = checks.get(db);
  if (!m) checks.set(db, (m = new Map()));
  m.set(importId, check);
  for (const [id, c] of m) {
    if (m.size <= 2) break;
    c.stop();
    m.delete(id);
  }
}

/** The import's early check, taken away (a check serves one preview). */
export function takeEarlyCheck(db: AppDb, importId: number): EarlyCheck | undefined {
  const c = checks.get(db)?.get(importId);
  checks.get(db)?.delete(importId);
  return c;
}

export function dropEarlyCheck(db: AppDb, importId: number): void {
  takeEarlyCheck(db, importId)?.stop();
}

onDatabaseReplaced((db) => {
  for (const c of checks.get(db)?.values() ?? []) c.stop();
  checks.delete(db);
});
