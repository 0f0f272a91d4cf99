import { describe, expect, it } from 'vitest';
import { runBench } from '../../build/bench';

// Keeps `npm run bench` working as the app changes: the whole benchmark on a tiny dataset, without Chromium.
// No timing is asserted here; speed goals live in the benchmark's own output.
describe('benchmark script', () => {
  it('runs end to end on a tiny dataset and reports every operation', async () => {
    const lines: string[] = [];
    const { rows, text } = await runBench({ cadres: 150, runs: 1, browser: false, importRows: 50, rotations: 10, enrolments: 200, log: (l) => lines.push(l) });
    expect(rows.map((r) => r.operation)).toEqual(expect.arrayContaining([expect.stringMatching(/^Open the database/), expect.stringMatching(/^Load the cadre grid rows/), expect.stringMatching(/^Save one cell edit/), expect.stringMatching(/^All indicators for one quarter/), expect.stringMatching(/^Import a 50-row/)]));
    for (const r of rows) expect(Number.isFinite(r.value), r.operation).toBe(true);
    // The hand-written floor must count exactly what the engine counts (the bench throws otherwise), for every
    // computed indicator, or its ratio would mean nothing.
    expect(lines.find((l) => l.startsWith('Indicator floor:'))).toMatch(/all 19 computed indicators; every n and N equal/);
    expect(text).toContain('| operation | median | floor | ratio | goal | met |');
  }, 180_000);
});
