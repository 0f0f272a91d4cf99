import { describe, expect, it } from 'vitest';
import { seededTestDb } from '../helpers/fixtures';
import { callEnded, callStarted, scheduleWarmUp } from '../../db/warm-up';
import { computeIndicators, indicatorHistoryKept, setIndicatorEngine } from '../../db/services/indicators/compute';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('warm-up of the indicator history after opening', () => {
  it('waits while a call runs, then loads the history the dashboard reads, with the same figures', async () => {
    setIndicatorEngine('auto');
    const { db } = await seededTestDb();
    const outcomes: string[] = [];
    callStarted(db); // the first screen's rows, still being answered
    scheduleWarmUp(db, { idleMs: 60, today: '2025-08-15', done: (o) => outcomes.push(o) });
    await sleep(250);
    expect(outcomes).toEqual([]);
    expect(indicatorHistoryKept(db)).toBe(false);
    callEnded(db);
    await expect.poll(() => outcomes, { timeout: 3000 }).toEqual(['warmed']);
    expect(indicatorHistoryKept(db)).toBe(true);
    // What the dashboard then gets equals a computation from the SQL source.
    const warmed = computeIndicators(db, { onDate: '2025-06-30' });
    setIndicatorEngine('sql');
    try {
      expect(computeIndicators(db, { onDate: '2025-06-30' })).toEqual(warmed);
    } finally {
      setIndicatorEngine('auto');
    }
  });

  it('does nothing once the database is closed', async () => {
    const { db } = await seededTestDb();
    const outcomes: string[] = [];
    scheduleWarmUp(db, { idleMs: 20, done: (o) => outcomes.push(o) });
    db.sqlite.close();
    await expect.poll(() => outcomes, { timeout: 3000 }).toEqual(['closed']);
  });
});
