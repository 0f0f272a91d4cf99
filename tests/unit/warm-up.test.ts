import { describe, expect, it } from 'vitest';
import { seededTestDb } from '../helpers/fixtures';
import { callEnded, callStarted, scheduleWarmUp } from '../../db/warm-up';
import { computeIndicators, computeSeries, indicatorHistoryKept, setIndicatorEngine } from '../../db/services/indicators/compute';

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

  it("then counts the trend's quarters a few per pause, newest first, each pause waiting for the calls in between", async () => {
    setIndicatorEngine('auto');
    const { db } = await seededTestDb();
    const slices: string[][] = [];
    const outcomes: string[] = [];
    let callAt = 0;
    let thirdAfterMs = 0;
    scheduleWarmUp(db, {
      idleMs: 60,
      today: '2023-02-10',
      onSlice: (dates) => {
        slices.push(dates);
        // A clerk's call starts right after the second pause and lasts 200 ms: the third waits for it, then idles.
        if (slices.length === 2) {
          callStarted(db);
          callAt = Date.now();
          setTimeout(() => callEnded(db), 200);
        }
        if (slices.length === 3) thirdAfterMs = Date.now() - callAt;
      },
      done: (o) => outcomes.push(o),
    });
    await expect.poll(() => outcomes, { timeout: 5000 }).toEqual(['warmed']);
    // 2021 Q1 to 2022 Q4: the dashboard's quarter and the one before first, then the trend newest first.
    expect(slices).toEqual([
      ['2022-12-31', '2022-09-30'],
      ['2022-12-31', '2022-09-30', '2022-06-30', '2022-03-31'],
      ['2021-12-31', '2021-09-30', '2021-06-30', '2021-03-31'],
    ]);
    expect(thirdAfterMs).toBeGreaterThanOrEqual(200 + 60);
    const warmed = computeSeries(db, { from: '2021-01-01', to: '2022-12-31' });
    setIndicatorEngine('sql');
    try {
      expect(computeSeries(db, { from: '2021-01-01', to: '2022-12-31' })).toEqual(warmed);
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
