import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, type AppDb } from '../../db/open';
import { openTestDb, testApi } from '../helpers/db';
import { generateFullSample } from '../../db/sample/full';
import { createBackup } from '../../db/services/backups';
import {
  computeIndicators, indicatorHistoryOrigin, indicatorMembers, setIndicatorEngine, setTimelineImagePolicy,
} from '../../db/services/indicators/compute';

// The image of the indicator history kept in the database (db/services/indicators/snapshot.ts): a new connection
// starts from it and patches the cadres changed since. Every figure a connection gets from it must be the SQL
// engine's (an independent implementation that keeps nothing); an image that does not fit (another vocabulary,
// format or migration, fewer categories than asked) must be left alone, and nothing read inside a transaction
// that is rolled back may end up in it.

const DATES = ['2021-03-31', '2023-12-31', '2025-06-30', '2026-12-31'];
const TABLE = 'indicator_timeline_image';

let dir: string;
let file: string;
let db: AppDb;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-ind-image-'));
  file = path.join(dir, 'image.sqlite');
  db = await openTestDb(file);
  generateFullSample(db, { cadres: 300, seed: 11 });
});
// Each test starts with the image written only as it is in use (at scale, after enough changes).
afterEach(() => setTimelineImagePolicy());
afterAll(() => {
  setTimelineImagePolicy();
  setIndicatorEngine('auto');
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `fn` with the image written whenever figures are counted, then as in use again. */
function withImageWrites<T>(fn: () => T): T {
  setTimelineImagePolicy({ minCadres: 0, lagCadres: 1 });
  try {
    return fn();
  } finally {
    setTimelineImagePolicy();
  }
}

type Figures = Record<string, string>;
const figuresOf = (on: AppDb, d: string): Figures =>
  Object.fromEntries(computeIndicators(on, { onDate: d }).filter((r) => r.kind === 'computed').map((r) => [r.code, `${r.n}/${r.N}`]));

/** Every date's figures and one member list, by the engine in force. */
function everything(on: AppDb) {
  const figures = Object.fromEntries(DATES.map((d) => [d, figuresOf(on, d)]));
  const ind = computeIndicators(on, { onDate: DATES[2] }).find((r) => r.code === '1b')!;
  return { figures, members: indicatorMembers(on, { indicatorId: ind.indicatorId, onDate: DATES[2], set: 'numerator' }) };
}

function bySql(on: AppDb) {
  setIndicatorEngine('sql');
  try {
    return everything(on);
  } finally {
    setIndicatorEngine('auto');
  }
}

const imageSeq = (on: AppDb) => (on.sqlite.prepare(`select seq from ${TABLE} where id = 1`).pluck().get() as number | undefined) ?? null;

/** A new connection's figures, and where its history came from. */
async function onNewConnection(before?: (c: AppDb) => void) {
  const c = await openTestDb(file);
  try {
    before?.(c);
    const got = everything(c);
    return { ...got, origin: indicatorHistoryOrigin(c), expected: bySql(c) };
  } finally {
    closeDatabase(c);
  }
}

describe('the image of the indicator history kept in the database', () => {
  it('is not written for a small database by default (loading it whole is quick)', async () => {
    setTimelineImagePolicy();
    const c = await openTestDb(file);
    try {
      figuresOf(c, DATES[2]);
      expect(indicatorHistoryOrigin(c)).toBe('rows');
      expect(c.sqlite.prepare(`select count(*) from ${TABLE}`).pluck().get()).toBe(0);
    } finally {
      closeDatabase(c);
    }
  });

  it('gives a new connection the figures of the SQL engine, patched with the writes made since', async () => {
    setTimelineImagePolicy({ minCadres: 0, lagCadres: 1 });
    figuresOf(db, DATES[2]);
    const written = imageSeq(db);
    expect(written).not.toBeNull();
    const first = await onNewConnection();
    expect(first.origin).toBe('image');
    expect(first.figures).toEqual(first.expected.figures);
    expect(first.members).toEqual(first.expected.members);
    // Writes the image does not hold yet: a degree, a move, a departure, a deleted cadre and a new one.
    setTimelineImagePolicy();
    const api = testApi(db);
    const ids = db.sqlite.prepare('select id from cadres where deleted_at is null order by id').pluck().all() as number[];
    db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key, award_date) values (?, 'chuyen_mon', 'thac_si', '2020-05')`).run(ids[3]);
    db.sqlite.prepare(`update assignments set unit_id = (select max(id) from units where deleted_at is null) where cadre_id = ? and deleted_at is null`).run(ids[5]);
    db.sqlite.prepare(`insert into cadre_status_events (cadre_id, status, effective_date) values (?, 'nghi_huu', '2023-01-01')`).run(ids[7]);
    await api.call('cadres.delete', { ids: [ids[9]] });
    db.sqlite.prepare(`insert into cadres (full_name, sex, category, ethnicity) values ('Người Mới', 'nu', 'cong_chuc', 'kinh')`).run();
    expect(imageSeq(db)).toBe(written);
    const second = await onNewConnection();
    expect(second.origin).toBe('image');
    expect(second.figures).toEqual(second.expected.figures);
    expect(second.members).toEqual(second.expected.members);
    expect(second.figures).not.toEqual(first.figures);
    // The deleted cadre keeps its slot in the image (not at work): restoring it is a patch, not a reload.
    withImageWrites(() => figuresOf(db, DATES[2]));
    expect(imageSeq(db)).toBeGreaterThan(written!);
    await api.call('cadres.restore', { ids: [ids[9]] });
    const third = await onNewConnection();
    expect(third.origin).toBe('image');
    expect(third.figures).toEqual(third.expected.figures);
  });

  it('is not used when it was made for other code lists, another format or other migrations', async () => {
    withImageWrites(() => figuresOf(db, DATES[2]));
    const good = db.sqlite.prepare(`select key, meta from ${TABLE} where id = 1`).get() as { key: string; meta: string };
    expect((await onNewConnection()).origin).toBe('image');
    // Another vocabulary (or byte order, or migrations) gives another key.
    db.sqlite.prepare(`update ${TABLE} set key = 'another' where id = 1`).run();
    const otherKey = await onNewConnection();
    expect(otherKey.origin).toBe('rows');
    expect(otherKey.figures).toEqual(otherKey.expected.figures);
    // Another format.
    db.sqlite.prepare(`update ${TABLE} set key = ?, meta = json_set(meta, '$.format', 0) where id = 1`).run(good.key);
    expect((await onNewConnection()).origin).toBe('rows');
    db.sqlite.prepare(`update ${TABLE} set meta = ? where id = 1`).run(good.meta);
    expect((await onNewConnection()).origin).toBe('image');
    // A migration applied after the image was made (seen here as an older newest migration).
    const otherMigration = await onNewConnection((c) => c.sqlite.exec('update __drizzle_migrations set created_at = created_at - 1 where created_at = (select max(created_at) from __drizzle_migrations)'));
    expect(otherMigration.origin).toBe('rows');
    expect(otherMigration.figures).toEqual(otherMigration.expected.figures);
    db.sqlite.exec('update __drizzle_migrations set created_at = created_at + 1 where created_at = (select max(created_at) from __drizzle_migrations)');
    // A code list edit concerns everyone: the image made before it is not patched but replaced.
    const level = db.sqlite.prepare(`select id, version, rank from code_lists where list = 'level.chuyen_mon' and key = 'tien_si'`).get() as { id: number; version: number; rank: number };
    await testApi(db).call('codes.update', { id: level.id, version: level.version, changes: { rank: -level.rank } });
    const afterCodes = await onNewConnection();
    expect(afterCodes.figures).toEqual(afterCodes.expected.figures);
  });

  it('brings the figures counted on it, used only with the same training standards and code lists', async () => {
    setTimelineImagePolicy({ minCadres: 0, lagCadres: 1 });
    // A change the image does not hold yet, so that the figures brought are also adjusted for it.
    db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key, award_date) values ((select max(id) from cadres where deleted_at is null), 'chuyen_mon', 'tien_si', '2020-01-01')`).run();
    figuresOf(db, DATES[2]);
    setTimelineImagePolicy();
    db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key, award_date) values ((select min(id) from cadres where deleted_at is null), 'chuyen_mon', 'tien_si', '2020-01-01')`).run();
    const meta = JSON.parse(db.sqlite.prepare(`select meta from ${TABLE} where id = 1`).pluck().get() as string);
    const kept = meta.figures.figures as [string, number, number, number][];
    expect(kept.some(([d]) => d === DATES[2])).toBe(true);
    const honest = await onNewConnection();
    expect(honest.figures).toEqual(honest.expected.figures);
    // Proof that they are used: a figure altered in the image comes out of a new connection as it is (by 1000,
    // plus whatever the patch adjusted).
    const at = kept.findIndex(([d]) => d === DATES[2]);
    const code = (definition: string) => (db.sqlite.prepare('select code from indicators where definition = ?').pluck().all(JSON.stringify(JSON.parse(definition))) as string[])[0];
    const altered = { ...meta, figures: { ...meta.figures, figures: kept.map((f, i) => (i === at ? [f[0], f[1], f[2] + 1000, f[3] + 1000] : f)) } };
    db.sqlite.prepare(`update ${TABLE} set meta = ? where id = 1`).run(JSON.stringify(altered));
    const fooled = await onNewConnection();
    const which = code(meta.figures.definitions[kept[at][1]]);
    const [n, N] = honest.figures[DATES[2]][which].split('/').map(Number);
    expect(fooled.figures[DATES[2]][which]).toBe(`${n + 1000}/${N + 1000}`);
    // With other training standards (no trigger marks that table) they are counted again.
    const altStandards = { ...altered, figures: { ...altered.figures, standards: 'other' } };
    db.sqlite.prepare(`update ${TABLE} set meta = ? where id = 1`).run(JSON.stringify(altStandards));
    const recounted = await onNewConnection();
    expect(recounted.figures).toEqual(recounted.expected.figures);
    // Likewise when the code lists they were compiled with (their attributes and ranks) differ from today's.
    const altCodes = { ...altered, figures: { ...altered.figures, codes: 'other' } };
    db.sqlite.prepare(`update ${TABLE} set meta = ? where id = 1`).run(JSON.stringify(altCodes));
    const recountedCodes = await onNewConnection();
    expect(recountedCodes.figures).toEqual(recountedCodes.expected.figures);
    db.sqlite.prepare(`update ${TABLE} set meta = ? where id = 1`).run(JSON.stringify(meta));
  });

  it('is brought up to date after a change that concerns everyone (a unit) without a whole load', async () => {
    const before = withImageWrites(() => everything(db));
    // The busiest unit on the date becomes a district one that ceased before it.
    const unit = db.sqlite
      .prepare(`select unit_id from assignments where deleted_at is null and to_date is null group by unit_id order by count(*) desc limit 1`)
      .pluck()
      .get() as number;
    const u = db.sqlite.prepare('select version, level from units where id = ?').get(unit) as { version: number; level: string };
    await testApi(db).call('units.update', { id: unit, version: u.version, changes: { level: u.level === 'huyen' ? 'tinh' : 'huyen' } });
    db.sqlite.prepare(`update units set valid_to = '2024-12-31' where id = ?`).run(unit);
    const kept = everything(db);
    expect(kept).toEqual(bySql(db));
    expect(kept.figures).not.toEqual(before.figures);
    const got = await onNewConnection();
    expect(got.origin).toBe('image');
    expect(got.figures).toEqual(got.expected.figures);
    expect(got.figures).toEqual(kept.figures);
  });

  it('is not used for a definition that reads a category it does not hold', async () => {
    withImageWrites(() => figuresOf(db, DATES[2]));
    const held = JSON.parse(db.sqlite.prepare(`select meta from ${TABLE} where id = 1`).pluck().get() as string).categories as string[];
    expect(held).not.toContain('tin_hoc');
    const level = db.sqlite.prepare(`select key from code_lists where list = 'level.tin_hoc' order by id limit 1`).pluck().get() as string;
    db.sqlite.prepare(`update indicators set definition = json_set(definition, '$.counted', json(?)) where code = '1b'`).run(JSON.stringify({ type: 'hasLevel', category: 'tin_hoc', levels: [level] }));
    db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key, award_date) select id, 'tin_hoc', ?, '2019-01-01' from cadres where id % 7 = 0`).run(level);
    const got = await onNewConnection();
    expect(got.origin).toBe('rows');
    expect(got.figures).toEqual(got.expected.figures);
    expect(got.figures[DATES[2]]['1b']).not.toMatch(/^0\//);
  });

  it('takes nothing from a transaction that is rolled back (an import between its slices)', async () => {
    setTimelineImagePolicy({ minCadres: 0, lagCadres: 1 });
    figuresOf(db, DATES[2]);
    const before = imageSeq(db);
    const c = await openTestDb(file);
    try {
      const ids = c.sqlite.prepare('select id from cadres where deleted_at is null order by id').pluck().all() as number[];
      c.sqlite.exec('begin');
      for (const id of ids.slice(0, 20)) c.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key) values (?, 'chuyen_mon', 'tien_si')`).run(id);
      const inside = figuresOf(c, DATES[2]);
      expect(indicatorHistoryOrigin(c)).toBe('image');
      c.sqlite.exec('rollback');
      expect(imageSeq(c)).toBe(before);
      // The rolled-back degrees counted inside; after it, they do not (and another write takes their numbers).
      db.sqlite.prepare(`update cadres set home_town = 'Vĩnh Châu' where id = ?`).run(ids[40]);
      const after = everything(c);
      expect(after.figures[DATES[2]]).not.toEqual(inside);
      expect(after).toEqual(bySql(c));
    } finally {
      closeDatabase(c);
    }
    // Written again after the rollback (from committed data only): still the SQL engine's figures.
    const next = await onNewConnection();
    expect(next.origin).toBe('image');
    expect(next.figures).toEqual(next.expected.figures);
  });

  it('answers without writing it when another connection holds the write lock', async () => {
    setTimelineImagePolicy({ minCadres: 0, lagCadres: 1 });
    figuresOf(db, DATES[2]);
    const before = imageSeq(db);
    db.sqlite.prepare(`update cadres set home_town = 'Mỹ Xuyên' where id = (select min(id) from cadres where deleted_at is null)`).run();
    const writer = await openTestDb(file);
    const c = await openTestDb(file);
    try {
      writer.sqlite.exec('begin immediate');
      const got = everything(c);
      expect(indicatorHistoryOrigin(c)).toBe('image');
      expect(got).toEqual(bySql(c));
      expect(imageSeq(c)).toBe(before);
      writer.sqlite.exec('rollback');
      // The wait the write shortened is set back.
      expect(c.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      closeDatabase(c);
      closeDatabase(writer);
    }
  });

  it('follows a restore: the restored file brings its own image and change log', async () => {
    setTimelineImagePolicy({ minCadres: 0, lagCadres: 1 });
    figuresOf(db, DATES[2]);
    const backup = await createBackup(db, 'manual');
    const api = testApi(db);
    const ids = db.sqlite.prepare('select id from cadres where deleted_at is null order by id').pluck().all() as number[];
    await api.call('cadres.delete', { ids: ids.slice(0, 30) });
    figuresOf(db, DATES[2]);
    const afterDelete = bySql(db);
    expect(everything(db)).toEqual(afterDelete);
    await api.call('backups.restore', { path: backup.path });
    const restored = everything(db);
    expect(indicatorHistoryOrigin(db)).toBe('image');
    expect(restored).toEqual(bySql(db));
    expect(restored.figures).not.toEqual(afterDelete.figures);
    const again = await onNewConnection();
    expect(again.figures).toEqual(again.expected.figures);
  });
});
