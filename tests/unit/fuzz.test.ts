import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { openTestDb } from '../helpers/db';
import { closeDatabase, type AppDb } from '../../db/open';
import { createDispatcher, type Dispatch } from '../../db/dispatcher';
import { generateSampleData } from '../../db/sample/generate';
import { CALL_NAMES, contract, type CallName } from '../../shared/api/contract';
import { ErrorKind } from '../../shared/api/envelope';
import { createRng, type Rng } from '../../db/sample/prng';

// Every call of the contract (new areas' calls included: it walks CALL_NAMES and each call's zod input) gets a
// few thousand malformed payloads through the real dispatcher on a database with sample data. Checked:
//  - nothing throws past the envelope, and every envelope is well formed;
//  - no 'internal' error (each is listed with its payload if the test fails);
//  - a refused call changes nothing: SQLite's total_changes() catches any row touched (even if rolled back), and
//    then the full table dump must equal the one before; at the end the database file itself, after a
//    checkpoint, is byte-for-byte the one taken after the last accepted write;
//  - no prototype pollution.
// Payloads are built from each call's input schema (so many get past validation and reach the service with
// unknown ids, negative versions, invalid dates, SQL and HTML text, huge strings) or are plain junk.
// Deterministic: a seeded PRNG; bounded: CALLS_PER_NAME payloads per call.

const SEED = Number(process.env.QLCB_FUZZ_SEED ?? 20251125);
const TOTAL_CALLS = 3200;
const ctx = { actor: 'kiểm thử fuzz', role: 'admin' as const };

/**
 * Calls whose *valid* input does heavy, legitimate work (generating up to 60,000 sample cadres): they get only
 * junk payloads, which must still be refused cleanly.
 */
const JUNK_ONLY: ReadonlySet<string> = new Set(['app.seedSample']);

/**
 * Refused calls that record something by design: a wrong password counts towards the lockout. The test still
 * checks they answer in the envelope without 'internal'; it re-baselines after them.
 */
const WRITES_WHEN_REFUSED: ReadonlySet<string> = new Set(['auth.login', 'auth.changePassword']);

const HUGE = 'Ă'.repeat(300_000);
const STRINGS = [
  '', ' ', 'a', 'Nguyễn Văn An', 'kinh', 'nam', 'cong_chuc', 'tinh', 'xa', 'dang', 'quantri',
  '2025-07-01', '2025-02-30', '2024-02-29', '1900-01-01', '9999-12-31', '0000-00-00', '31/02/2025', '01/07/2025', '2025-13-01', '2025-7-1', 'T2/2025',
  "' OR 1=1 --", "'); DROP TABLE cadres; --", '"; DELETE FROM units; --', '%', '_', '\\', "Robert'); --",
  '<script>alert(1)</script>', '<img src=x onerror="window.__pwned=1">', '&lt;b&gt;', '{{7*7}}', '${process.exit()}',
  '\u0000', '\uD800', 'e\u0301', '\u202Eabc', '🙂', '\n\t\r', '   padded   ',
  '-1', '0', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}',
  '__proto__', 'constructor', 'prototype', 'hasOwnProperty',
  '../x', '../../y', 'con', 'x'.repeat(1001), HUGE,
];
const NUMBERS = [0, 1, 2, 3, 5, 7, -1, -2, -100, 999_999, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 0.5, -0, 1e308, 2025, 1900, Number.NaN, Infinity, -Infinity];

function pollutionObject(): Record<string, unknown> {
  // JSON.parse makes "__proto__" an own key, as it arrives over HTTP/IPC.
  return JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "toString": 1, "valueOf": "x"}');
}

function junk(rng: Rng, depth = 0): unknown {
  switch (rng.int(0, 11)) {
    case 0: return null;
    case 1: return undefined;
    case 2: return rng.pick(NUMBERS);
    case 3: return rng.pick(STRINGS);
    case 4: return rng.chance(0.5);
    case 5: return [];
    case 6: return {};
    case 7: return pollutionObject();
    case 8: return depth < 3 ? [junk(rng, depth + 1), junk(rng, depth + 1)] : 'deep';
    case 9: return depth < 3 ? { id: junk(rng, depth + 1), version: junk(rng, depth + 1), changes: junk(rng, depth + 1) } : 0;
    case 10: return Array.from({ length: 2000 }, (_, i) => i);
    default: {
      // Deeply nested objects.
      let v: unknown = 1;
      for (let i = 0; i < 200; i++) v = { a: v };
      return v;
    }
  }
}

type Def = { type: string; [k: string]: any };
const defOf = (s: z.ZodType): Def => (s as any)._zod.def;

/** A value shaped like the schema asks, with each node replaced by junk now and then. */
function shaped(schema: z.ZodType, rng: Rng, mutate: number, depth = 0): unknown {
  if (depth > 8) return null;
  if (rng.chance(mutate)) return junk(rng);
  const def = defOf(schema);
  const next = (s: z.ZodType) => shaped(s, rng, mutate, depth + 1);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = rng.chance(0.05) ? pollutionObject() : {};
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const value = next(v);
        if (value !== undefined) out[k] = value;
      }
      if (rng.chance(0.05)) out.unexpectedKey = junk(rng);
      return out;
    }
    case 'string': return rng.pick(STRINGS);
    case 'number': return rng.chance(0.6) ? rng.pick([1, 2, 3, 4, 5, 6, 10, 50, 100, 999_999]) : rng.pick(NUMBERS);
    case 'boolean': return rng.chance(0.5);
    case 'enum': return rng.chance(0.85) ? rng.pick(Object.values(def.entries)) : rng.pick(STRINGS);
    case 'literal': return rng.pick(def.values);
    case 'array': return Array.from({ length: rng.pick([0, 1, 1, 2, 3, 60]) }, () => next(def.element));
    case 'optional': return rng.chance(0.3) ? undefined : next(def.innerType);
    case 'nullable': return rng.chance(0.2) ? null : next(def.innerType);
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return rng.chance(0.3) ? undefined : next(def.innerType);
    case 'union': return next(rng.pick(def.options));
    case 'intersection': return { ...(next(def.left) as object), ...(next(def.right) as object) };
    case 'pipe': return next(def.in);
    case 'lazy': return next(def.getter());
    case 'tuple': return def.items.map((s: z.ZodType) => next(s));
    case 'record': {
      const out: Record<string, unknown> = rng.chance(0.3) ? pollutionObject() : {};
      for (let i = rng.int(0, 2); i > 0; i--) out[rng.pick(STRINGS).slice(0, 40)] = next(def.valueType);
      return out;
    }
    default: return junk(rng);
  }
}

function payload(name: CallName, rng: Rng): unknown {
  if (JUNK_ONLY.has(name) || rng.chance(0.2)) return junk(rng);
  return shaped(contract[name].input, rng, rng.pick([0, 0.05, 0.15, 0.3]));
}

/** Every user table, row by row, hashed: equal hashes mean equal data. */
function dumpHash(db: AppDb): string {
  const h = crypto.createHash('sha256');
  const tables = db.sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[];
  for (const { name } of tables) {
    h.update(`#${name}\n`);
    for (const row of db.sqlite.prepare(`select * from "${name}" order by rowid`).raw().iterate()) h.update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v)) + '\n');
  }
  return h.digest('hex');
}

function fileHash(db: AppDb): string {
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return crypto.createHash('sha256').update(fs.readFileSync(db.file)).digest('hex');
}

const totalChanges = (db: AppDb) => (db.sqlite.prepare('select total_changes() as n').get() as { n: number }).n;

const summarize = (v: unknown) => {
  const s = JSON.stringify(v, (_k, x) => (typeof x === 'string' && x.length > 60 ? `${x.slice(0, 20)}…(${x.length})` : x === undefined ? '(undefined)' : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  return s && s.length > 400 ? `${s.slice(0, 400)}…` : s;
};

describe('fuzzing every call of the contract', () => {
  let db: AppDb;
  let dispatch: Dispatch;
  let tmp: string;
  let cwd: string;
  const logged: { name: string; error: unknown }[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-fuzz-'));
    // Calls that write files to a folder they are given (backups to a USB folder) must not litter the project:
    // run from a deep folder inside the temporary one, so relative paths ("../x") stay inside it too.
    cwd = process.cwd();
    const deep = path.join(tmp, 'a', 'b', 'c', 'd');
    fs.mkdirSync(deep, { recursive: true });
    process.chdir(deep);
    db = await openTestDb(path.join(tmp, 'fuzz.sqlite'));
    generateSampleData(db, { cadres: 200, seed: 11 });
    dispatch = createDispatcher(db, { logError: (name, error) => logged.push({ name, error }) });
  }, 120_000);
  afterAll(() => {
    process.chdir(cwd);
    if (db) closeDatabase(db);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it(
    'refuses malformed input cleanly and changes nothing when it refuses',
    async () => {
      const rng = createRng(SEED);
      const perCall = Math.max(8, Math.floor(TOTAL_CALLS / CALL_NAMES.length));
      const thrown: string[] = [];
      const malformed: string[] = [];
      const internal: string[] = [];
      const changedWhenRefused: string[] = [];
      const readsThatWrote: string[] = [];
      const accepted = new Map<string, number>();
      const kinds: Record<string, number> = {};
      // Some areas seed their default rows (rule sets, schedules) on first use; let that happen before the baseline.
      for (const name of CALL_NAMES) if (contract[name].access === 'read') await dispatch(name, {}, ctx);
      let baselineDump = dumpHash(db);
      let baselineFile = fileHash(db);
      let calls = 0;

      for (const name of CALL_NAMES) {
        for (let i = 0; i < perCall; i++) {
          const input = payload(name, rng);
          const before = totalChanges(db);
          let env: Awaited<ReturnType<Dispatch>>;
          calls++;
          try {
            env = await dispatch(name, input, ctx);
          } catch (e) {
            thrown.push(`${name} ${summarize(input)} → ${(e as Error).message}`);
            continue;
          }
          const wellFormed =
            env && typeof env === 'object' && (env.ok === true ? 'value' in env : env.ok === false && ErrorKind.safeParse(env.error?.kind).success && typeof env.error.message === 'string' && env.error.message.length > 0);
          const kind = env.ok ? 'ok' : env.error.kind;
          kinds[kind] = (kinds[kind] ?? 0) + 1;
          if (!wellFormed) malformed.push(`${name} ${summarize(input)} → ${summarize(env)}`);
          if (!env.ok && env.error.kind === 'internal') {
            const cause = logged.at(-1)?.name === name ? String((logged.at(-1)!.error as Error)?.message ?? logged.at(-1)!.error) : '';
            internal.push(`${name} ${summarize(input)} → ${cause.slice(0, 300)}`);
          }
          if (db.sqlite.inTransaction) throw new Error(`${name} left a transaction open`);
          if (totalChanges(db) === before) continue;
          // Something touched rows: compare the whole data with the last known state.
          const now = dumpHash(db);
          if (now === baselineDump) continue;
          if (env.ok && contract[name].access !== 'read') {
            accepted.set(name, (accepted.get(name) ?? 0) + 1);
          } else if (!env.ok && WRITES_WHEN_REFUSED.has(name)) {
            // By design (failed sign-in counting); re-baseline below.
          } else if (env.ok) {
            readsThatWrote.push(`${name} ${summarize(input)}`);
          } else {
            changedWhenRefused.push(`${name} ${summarize(input)} → ${env.error.kind}: ${env.error.message}`);
          }
          baselineDump = now;
          baselineFile = fileHash(db);
        }
      }

      // No prototype pollution anywhere in the process.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);

      const report = { calls, kinds, accepted: Object.fromEntries(accepted), thrown, malformed, internal, changedWhenRefused, readsThatWrote };
      if (process.env.QLCB_FUZZ_REPORT) fs.writeFileSync(process.env.QLCB_FUZZ_REPORT, JSON.stringify(report, null, 2));
      expect(calls).toBeGreaterThanOrEqual(CALL_NAMES.length * 8);
      expect(thrown).toEqual([]);
      expect(malformed).toEqual([]);
      expect(changedWhenRefused).toEqual([]);
      expect(readsThatWrote).toEqual([]);
      expect(internal).toEqual([]);
      // The file after a checkpoint is byte-for-byte what it was after the last accepted write.
      expect(dumpHash(db)).toBe(baselineDump);
      expect(fileHash(db)).toBe(baselineFile);
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    },
    600_000,
  );
});
