import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, closeDatabase } from '../../db/open';
import { generateSampleData } from '../../db/sample/generate';
import { MIGRATIONS } from '../helpers/db';

const CHILD = path.resolve(__dirname, '../crash/bulk-edit-child.ts');
const RUNS = 12;

/** Runs the child until it has committed `minRounds` rounds plus a random delay, then SIGKILLs it. */
function runAndKill(file: string, tag: string, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, MIGRATIONS, tag], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acknowledged = 0;
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        const m = /^committed (\d+)$/.exec(line);
        if (m) acknowledged = Number(m[1]);
        if (line.startsWith('error')) reject(new Error(line));
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(acknowledged) : reject(new Error(`child ended ${code} ${signal}: ${stderr}`))));
  });
}

describe('crash safety', () => {
  it('survives SIGKILL during bulk edits: intact file, whole batches only, nothing committed is lost, audit matches', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-crash-'));
    const file = path.join(dir, 'crash.sqlite');
    const setup = await openDatabase({ file, migrationsFolder: MIGRATIONS });
    generateSampleData(setup, { cadres: 1500, seed: 7 });
    const cadreCount = (setup.sqlite.prepare('select count(*) as n from cadres').get() as { n: number }).n;
    // One known value everywhere to start from, so any mix after a kill shows up.
    setup.sqlite.prepare(`update cadres set home_town = 'start'`).run();
    closeDatabase(setup);
    // A fixed sequence of kill delays (deterministic), spread from "before the first commit" to "after several".
    const delays = Array.from({ length: RUNS }, (_, i) => 150 + ((i * 7919) % 1400));
    let kills = 0;
    let runsWithCommits = 0;
    for (let run = 0; run < RUNS; run++) {
      const tag = `r${run}`;
      const acknowledged = await runAndKill(file, tag, delays[run]);
      kills++;
      if (acknowledged > 0) runsWithCommits++;
      const db = await openDatabase({ file, migrationsFolder: MIGRATIONS });
      try {
        expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        // Whole batches only: every cadre carries the same value, the one of the last batch that committed.
        const values = db.sqlite.prepare('select home_town as v, count(*) as n from cadres group by home_town').all() as { v: string | null; n: number }[];
        expect(values, `run ${run}`).toHaveLength(1);
        expect(values[0].n).toBe(cadreCount);
        const v = values[0].v;
        const m = v ? /^r(\d+)-(\d+)$/.exec(v) : null;
        if (m && Number(m[1]) === run) {
          // Everything the child was told had committed is there (the round in the file is at least that).
          expect(Number(m[2])).toBeGreaterThanOrEqual(acknowledged);
        } else {
          expect(acknowledged, `run ${run}: nothing of this run committed`).toBe(0);
        }
        // Every batch that exists has exactly one audit row per cadre; none is half-written.
        const batches = db.sqlite
          .prepare(`select b.description as d, (select count(*) from audit_log a where a.batch_id = b.id) as n from change_batches b where b.description like ?`)
          .all(`${tag}-%`) as { d: string; n: number }[];
        for (const b of batches) expect(b.n, b.d).toBe(cadreCount);
        expect(batches.length).toBeGreaterThanOrEqual(acknowledged);
      } finally {
        closeDatabase(db);
      }
    }
    expect(kills).toBe(RUNS);
    // The kills must have landed among commits, not only before the first one, for the test to mean anything.
    expect(runsWithCommits).toBeGreaterThan(2);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
