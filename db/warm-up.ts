import type { AppDb } from './open';
import { computeIndicators, prepareIndicatorDates, SERIES_START } from './services/indicators/compute';
import { lastFinishedQuarter, previousQuarter, quarterEnd, quartersBetween } from '../shared/domain/dates';

// After the app opens a database, the indicator engine's dated history (about 300,000 rows at the size of a
// province: ~0.1 s from its image in the database, ~0.6 s from the records when there is none) is loaded while
// the clerk is still on the first screen, so the first visit to "Chỉ tiêu và báo cáo" is as quick as every later one (the history is then patched per write, see
// db/changes.ts). It waits for a pause: a host answers one call at a time, and this must never hold back a call
// the user is waiting for (the first screen's rows above all). Then, a few quarters per pause, it counts the
// quarters of the dashboard's trend since 2021 (≈ 0.5-1 s for all of them at that size, which the dashboard's
// first visit otherwise waited for before the report tab answered).

interface Activity {
  inFlight: number;
  lastAt: number;
}
const activity = new WeakMap<AppDb, Activity>();

function activityOf(db: AppDb): Activity {
  let a = activity.get(db);
  if (!a) activity.set(db, (a = { inFlight: 0, lastAt: Date.now() }));
  return a;
}

/** The dispatcher brackets every call with these, so the warm-up knows when the host is idle. */
export function callStarted(db: AppDb): void {
  const a = activityOf(db);
  a.inFlight++;
  a.lastAt = Date.now();
}
export function callEnded(db: AppDb): void {
  const a = activityOf(db);
  a.inFlight = Math.max(0, a.inFlight - 1);
  a.lastAt = Date.now();
}

export interface WarmUpOptions {
  /** How long no call may have run before the warm-up starts. */
  idleMs?: number;
  /** The day the dashboard opens on is derived from (tests pass one). */
  today?: string;
  /** Told each time a pause's work is done, with the dates it counted (tests). */
  onSlice?: (dates: string[]) => void;
  /** Told when the work is done (tests), or why it was skipped. */
  done?: (outcome: 'warmed' | 'closed' | 'failed') => void;
}

/** Quarters of the trend counted in one pause: short enough that a call arriving meanwhile hardly waits. */
const TREND_QUARTERS_PER_PAUSE = 4;

/**
 * Loads the indicators of the dashboard's default quarter and the one before (what the dashboard asks for first),
 * once the host has been idle for `idleMs`, then its trend's quarters a few at a time, each after another pause.
 * Nothing is written; a failure only means the first visit computes.
 */
export function scheduleWarmUp(db: AppDb, opts: WarmUpOptions = {}): void {
  const idleMs = opts.idleMs ?? 1500;
  activityOf(db).lastAt = Date.now();
  const quarter = lastFinishedQuarter(opts.today);
  const onDate = quarterEnd(quarter);
  // The dashboard's trend (indicators.series from SERIES_START to its quarter), newest first: the newest are the
  // ones its chart shows on the right and the report compares.
  const trend = quartersBetween(SERIES_START, quarter).map(quarterEnd).reverse();
  let first = true;
  const tick = () => {
    const conn = db.sqlite;
    if (!conn.open) return opts.done?.('closed');
    const a = activityOf(db);
    const waitMs = a.lastAt + idleMs - Date.now();
    // An import holds its transaction open between slices: figures read inside it would be read again anyway.
    if (a.inFlight > 0 || waitMs > 0 || conn.inTransaction) {
      setTimeout(tick, Math.max(100, waitMs)).unref();
      return;
    }
    try {
      if (first) {
        const dates = [onDate, quarterEnd(previousQuarter(quarter))];
        prepareIndicatorDates(db, { dates });
        computeIndicators(db, { onDate });
        first = false;
        opts.onSlice?.(dates);
      } else {
        const dates = trend.splice(0, TREND_QUARTERS_PER_PAUSE);
        prepareIndicatorDates(db, { dates });
        opts.onSlice?.(dates);
      }
    } catch {
      return opts.done?.('failed');
    }
    if (trend.length === 0) return opts.done?.('warmed');
    setTimeout(tick, 0).unref();
  };
  setTimeout(tick, idleMs).unref();
}
