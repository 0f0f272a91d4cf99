import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, type AppDb } from '../../db/open';
import { openTestDb, testApi } from '../helpers/db';
import { SYSTEM_CONTEXT } from '../../db/context';
import { generateFullSample } from '../../db/sample/full';
import { computeIndicators, computeSeries, indicatorHistoryOrigin, indicatorMembers, setTimelineImagePolicy } from '../../db/services/indicators/compute';
import { floorMismatches, indicatorFloor } from '../../build/bench/indicator-floor';
import { CADRE_CATEGORIES, CADRE_FLAG_KEYS, CADRE_STATUSES } from '../../shared/domain/codes';

// The indicator engine keeps the cadres' dated history in memory and, after a write, reads again only the cadres
// the cadre_changes log names, adjusting the figures it keeps person by person. Random writes of every kind (the
// service calls and raw SQL, on every table the history reads, plus writes that concern everyone and writes that
// concern no cadre) are applied round after round; after each round the kept engine must give exactly the figures
// of an engine built from nothing on a second connection, on several dates, and those of the hand-written SQL
// floor. A write path the log missed would leave the kept engine behind and fail here (the last test shows it).
// The second connection starts, like the app after a restart, from the image of the history kept in the database
// (snapshot.ts), written by either connection every few patched cadres: so the image too, brought up to date from
// its own change number, must give the same figures.

const DATES = ['2021-03-31', '2023-12-31', '2025-06-30', '2026-12-31'];
const ROUNDS = 45;

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const date = () => `${2019 + int(8)}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  return { next, int, pick, date };
}

type Figures = Record<string, string>;
const figuresOf = (db: AppDb, d: string): Figures =>
  Object.fromEntries(computeIndicators(db, { onDate: d }).filter((r) => r.kind === 'computed').map((r) => [r.code, `${r.n}/${r.N}`]));

let dir: string;
let file: string;
let db: AppDb;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-ind-patch-'));
  file = path.join(dir, 'patch.sqlite');
  db = await openTestDb(file);
  generateFullSample(db, { cadres: 300, seed: 7 });
});
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const origins: string[] = [];

/** Figures and one member list from an engine that has kept nothing in memory: a second connection to the same file. */
async function fresh(): Promise<{ figures: Record<string, Figures>; members: number[] }> {
  const other = await openTestDb(file);
  try {
    figuresOf(other, DATES[0]);
    origins.push(String(indicatorHistoryOrigin(other)));
    const figures = Object.fromEntries(DATES.map((d) => [d, figuresOf(other, d)]));
    const ind = computeIndicators(other, { onDate: DATES[2] }).find((r) => r.code === '1b')!;
    return { figures, members: indicatorMembers(other, { indicatorId: ind.indicatorId, onDate: DATES[2], set: 'numerator' }) };
  } finally {
    closeDatabase(other);
  }
}

describe('the kept indicator history, patched after writes', () => {
  it('gives the figures of a freshly built engine and of the SQL floor after every round of random writes', async () => {
    // The image is written again once it lags behind by 4 cadres: fresh connections mostly patch an older one.
    setTimelineImagePolicy({ minCadres: 0, lagCadres: 4 });
    const api = testApi(db);
    const r = rng(20261125);
    const all = <T>(sql: string, ...args: unknown[]) => db.sqlite.prepare(sql).all(...args) as T[];
    const cadreIds = () => all<{ id: number }>('select id from cadres where deleted_at is null').map((c) => c.id);
    const anyCadre = () => r.pick(cadreIds());
    const units = all<{ id: number }>('select id from units where deleted_at is null').map((u) => u.id);
    const levels = (cat: string) => all<{ key: string }>('select key from code_lists where list = ?', `level.${cat}`).map((c) => c.key);
    const ethnicities = all<{ key: string }>(`select key from code_lists where list = 'ethnicity'`).map((c) => c.key);
    const fluencies = all<{ key: string }>(`select key from code_lists where list = 'language_fluency'`).map((c) => c.key);
    const positions = all<{ key: string }>(`select key from code_lists where list = 'position'`).map((c) => c.key);
    const qualCats = ['chuyen_mon', 'ly_luan_chinh_tri', 'quan_ly_nha_nuoc', 'pho_thong', 'tieng_dtts'];
    const version = (table: string, id: number) => (db.sqlite.prepare(`select version from ${table} where id = ?`).get(id) as { version: number }).version;
    const awardDate = () => r.pick([r.date(), r.date().slice(0, 7), r.date().slice(0, 4), null]);
    const someRow = (table: string, extra = '') =>
      db.sqlite.prepare(`select id, cadre_id as cadreId from ${table} where 1 ${extra} order by random() limit 1`).get() as { id: number; cadreId: number } | undefined;
    // A write may be refused by the service's own rules (an overlapping post, a date before birth): that is fine,
    // it must then change nothing, which the comparison checks too.
    const svc = async (name: string, input: unknown) => {
      const env = await api.dispatch(name, input, SYSTEM_CONTEXT);
      if (!env.ok) expect(['validation', 'conflict', 'notFound'], `${name}: ${env.error.message}`).toContain(env.error.kind);
    };

    const writes: [string, () => Promise<unknown> | unknown][] = [
      ['cadres.update category', () => { const id = anyCadre(); return svc('cadres.update', { id, version: version('cadres', id), changes: { category: r.pick(Object.keys(CADRE_CATEGORIES)) } }); }],
      ['cadres.update ethnicity', () => { const id = anyCadre(); return svc('cadres.update', { id, version: version('cadres', id), changes: { ethnicity: r.pick(ethnicities) } }); }],
      ['cadres.update flags', () => { const id = anyCadre(); return svc('cadres.update', { id, version: version('cadres', id), changes: { flags: { [r.pick(CADRE_FLAG_KEYS)]: r.next() < 0.6 } } }); }],
      ['cadres.setStatus', () => { const id = anyCadre(); return svc('cadres.setStatus', { id, version: version('cadres', id), status: r.pick(Object.keys(CADRE_STATUSES)), effectiveDate: r.date() }); }],
      ['cadres.create', () => svc('cadres.create', {
        fields: { fullName: `Người mới ${r.int(1e6)}`, sex: r.pick(['nam', 'nu']), birthDate: '1985-05-05', category: r.pick(Object.keys(CADRE_CATEGORIES)), ethnicity: r.pick(ethnicities) },
        flags: [r.pick(CADRE_FLAG_KEYS)],
        assignment: { unitId: r.pick(units), positionCode: r.pick(positions), fromDate: r.date() },
      })],
      ['cadres.delete', () => svc('cadres.delete', { ids: [anyCadre()] })],
      ['cadres.restore', () => {
        const gone = db.sqlite.prepare('select id from cadres where deleted_at is not null order by random() limit 1').get() as { id: number } | undefined;
        return gone && svc('cadres.restore', { ids: [gone.id] });
      }],
      ['qualifications.create', () => {
        const category = r.pick(qualCats);
        return svc('qualifications.create', {
          cadreId: anyCadre(), category, levelKey: r.pick(levels(category)), awardDate: awardDate(),
          ...(category === 'tieng_dtts' ? { language: r.pick(ethnicities), fluency: r.pick(fluencies) } : {}),
        });
      }],
      ['qualifications.update', () => {
        const q = someRow('qualifications', 'and deleted_at is null');
        return q && svc('qualifications.update', { id: q.id, version: version('qualifications', q.id), changes: { awardDate: awardDate() } });
      }],
      ['qualifications.delete', () => {
        const q = someRow('qualifications', 'and deleted_at is null');
        return q && svc('qualifications.delete', { id: q.id, version: version('qualifications', q.id) });
      }],
      ['assignments.create', () => svc('assignments.create', { cadreId: anyCadre(), unitId: r.pick(units), positionCode: r.pick(positions), fromDate: r.date(), closeCurrent: true })],
      ['assignments.update', () => {
        const a = someRow('assignments', 'and deleted_at is null');
        return a && svc('assignments.update', { id: a.id, version: version('assignments', a.id), changes: { unitId: r.pick(units), positionCode: r.pick(positions) } });
      }],
      ['assignments.delete', () => {
        const a = someRow('assignments', 'and deleted_at is null');
        return a && svc('assignments.delete', { id: a.id, version: version('assignments', a.id) });
      }],
      ['flags.update', () => {
        const f = someRow('cadre_flags');
        return f && svc('flags.update', { id: f.id, fromDate: r.date(), toDate: r.next() < 0.5 ? null : '2026-06-30' });
      }],
      // Raw SQL, as another program or an older version of the app would write.
      ['sql cadres', () => db.sqlite.prepare('update cadres set category = ?, ethnicity = ? where id = ?').run(r.pick(Object.keys(CADRE_CATEGORIES)), r.pick(ethnicities), anyCadre())],
      ['sql cadre hard delete', () => {
        const id = anyCadre();
        // Its rows go first (foreign keys), each marking the cadre in the log; all or nothing.
        try {
          db.sqlite.transaction(() => {
            for (const t of ['training_enrolments', 'rotations', 'planning_records', 'qualifications', 'assignments', 'cadre_flags', 'cadre_status_events']) {
              db.sqlite.prepare(`delete from ${t} where cadre_id = ?`).run(id);
            }
            db.sqlite.prepare('delete from cadres where id = ?').run(id);
          })();
        } catch (e) {
          // Still referenced by a record this test does not know: nothing was deleted.
          expect(String(e)).toMatch(/FOREIGN KEY/);
        }
      }],
      ['sql qualification', () => {
        const category = r.pick(qualCats);
        db.sqlite.prepare('insert into qualifications (cadre_id, category, level_key, award_date) values (?, ?, ?, ?)').run(anyCadre(), category, r.pick(levels(category)), awardDate());
      }],
      ['sql qualification moved', () => {
        const q = someRow('qualifications', 'and deleted_at is null');
        if (q) db.sqlite.prepare('update qualifications set cadre_id = ?, award_date = ? where id = ?').run(anyCadre(), awardDate(), q.id);
      }],
      ['sql assignment', () => {
        const a = someRow('assignments', 'and deleted_at is null');
        if (a) db.sqlite.prepare('update assignments set unit_id = ?, from_date = ?, to_date = ? where id = ?').run(r.pick(units), r.date(), r.next() < 0.5 ? null : r.date(), a.id);
      }],
      ['sql flag', () => db.sqlite.prepare('insert into cadre_flags (cadre_id, flag, from_date, to_date) values (?, ?, ?, ?)').run(anyCadre(), r.pick(CADRE_FLAG_KEYS), r.date(), r.next() < 0.5 ? null : r.date())],
      ['sql flag delete', () => {
        const f = someRow('cadre_flags');
        if (f) db.sqlite.prepare('delete from cadre_flags where id = ?').run(f.id);
      }],
      ['sql status event', () => db.sqlite.prepare('insert into cadre_status_events (cadre_id, status, effective_date) values (?, ?, ?)').run(anyCadre(), r.pick(Object.keys(CADRE_STATUSES)), r.date())],
      ['sql status event delete', () => {
        const e = someRow('cadre_status_events');
        if (e) db.sqlite.prepare('delete from cadre_status_events where id = ?').run(e.id);
      }],
      // Changes that concern everyone.
      ['units.update', () => { const id = r.pick(units); return svc('units.update', { id, version: version('units', id), changes: { level: r.pick(['tinh', 'huyen', 'xa']), ethnicContact: r.next() < 0.5 } }); }],
      ['codes.update level', () => {
        // A master's degree stops (or starts again) counting as postgraduate, or the doctorate moves below every
        // other level (or back): the compiled definitions read both.
        if (r.next() < 0.5) {
          const l = db.sqlite.prepare(`select id, version, attrs from code_lists where list = 'level.chuyen_mon' and key = 'thac_si'`).get() as { id: number; version: number; attrs: string | null };
          return svc('codes.update', { id: l.id, version: l.version, changes: { attrs: { postgraduate: !(l.attrs && JSON.parse(l.attrs).postgraduate) } } });
        }
        const top = db.sqlite.prepare(`select id, version, rank from code_lists where list = 'level.chuyen_mon' and key = 'tien_si'`).get() as { id: number; version: number; rank: number };
        return svc('codes.update', { id: top.id, version: top.version, changes: { rank: -top.rank } });
      }],
      ['codes.update minority', () => {
        const e = db.sqlite.prepare(`select id, version, attrs from code_lists where list = 'ethnicity' and key = ?`).get(r.pick(ethnicities)) as { id: number; version: number; attrs: string | null };
        const minority = !!(e.attrs && JSON.parse(e.attrs).minority);
        return svc('codes.update', { id: e.id, version: e.version, changes: { attrs: { minority: !minority } } });
      }],
      ['sql unit dates', () => db.sqlite.prepare('update units set valid_to = ? where id = ?').run(r.next() < 0.5 ? null : r.date(), r.pick(units))],
      // Writes that concern no cadre: nothing to redo.
      ['settings', () => db.sqlite.prepare(`insert into settings (key, value) values ('test.x', ?) on conflict (key) do update set value = excluded.value`).run(String(r.next()))],
    ];

    const changedRounds = new Set<string>();
    let previous = JSON.stringify(DATES.map((d) => figuresOf(db, d)));
    const done: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // The kept engine is used between writes too, so figures are kept and adjusted, not only rebuilt.
      if (round % 3 === 1) figuresOf(db, r.pick(DATES));
      const n = 1 + r.int(3);
      const names: string[] = [];
      for (let k = 0; k < n; k++) {
        // Every kind at least once (the first write of each round goes through them in turn), the rest at random.
        const [name, write] = k === 0 ? writes[round % writes.length] : r.pick(writes);
        await write();
        names.push(name);
        done.push(name);
      }
      const kept = Object.fromEntries(DATES.map((d) => [d, figuresOf(db, d)]));
      const ind = computeIndicators(db, { onDate: DATES[2] }).find((x) => x.code === '1b')!;
      const members = indicatorMembers(db, { indicatorId: ind.indicatorId, onDate: DATES[2], set: 'numerator' });
      const expected = await fresh();
      expect(kept, `round ${round}: ${names.join(', ')}`).toEqual(expected.figures);
      expect(members, `round ${round}: members`).toEqual(expected.members);
      for (const d of DATES) expect(floorMismatches(computeIndicators(db, { onDate: d }), indicatorFloor(db, d)), `round ${round} floor ${d}`).toEqual([]);
      const now = JSON.stringify(DATES.map((d) => kept[d]));
      if (now !== previous) for (const name of names) changedRounds.add(name);
      previous = now;
    }
    // The series reads the same kept history.
    const series = computeSeries(db, { from: DATES[0], to: DATES[3] });
    const expected = await fresh();
    for (const d of DATES) {
      for (const s of series.filter((x) => x.code in expected.figures[d])) {
        const p = s.points.find((x) => x.onDate === d)!;
        expect(`${p.n}/${p.N}`, `series ${s.code} ${d}`).toBe(expected.figures[d][s.code]);
      }
    }
    // Not a vacuous pass: every kind of write was made, and the figures moved many times; the fresh connections
    // started from the image (rewritten by the kept engine after a change that concerns everyone).
    expect(new Set(done).size).toBe(writes.length);
    expect(changedRounds.size).toBeGreaterThan(10);
    expect(origins.filter((o) => o === 'image').length).toBeGreaterThan(ROUNDS / 2);
    setTimelineImagePolicy();
  }, 120_000);

  it('counts afresh when a training standard or a definition changes (tables the change log does not cover)', async () => {
    const at = DATES[2];
    const before = figuresOf(db, at);
    // Raw SQL, so no service clears anything: the engine sees the change in what it reads on every call.
    db.sqlite.prepare(`update training_standards set min_professional = 'thac_si' where standard_set = 'cbccvc_tinh_huyen' and sort_order = (select max(sort_order) from training_standards where standard_set = 'cbccvc_tinh_huyen')`).run();
    const afterStandard = figuresOf(db, at);
    expect(afterStandard).toEqual((await fresh()).figures[at]);
    expect(afterStandard['1a']).not.toBe(before['1a']);
    db.sqlite.prepare(`update indicators set definition = json_set(definition, '$.population.unitLevels', json('["tinh"]')) where code = '1b'`).run();
    const afterDefinition = figuresOf(db, at);
    expect(afterDefinition).toEqual((await fresh()).figures[at]);
    expect(afterDefinition['1b']).not.toBe(afterStandard['1b']);
  });

  it('figures read inside a transaction that is then rolled back (an import between its slices) are read again', async () => {
    const at = DATES[2];
    const ind = computeIndicators(db, { onDate: at }).find((x) => x.code === '1b.2030')!;
    const gap = indicatorMembers(db, { indicatorId: ind.indicatorId, onDate: at, set: 'gap' });
    expect(gap.length).toBeGreaterThan(1);
    const before = figuresOf(db, at);
    const degree = db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key) values (?, 'chuyen_mon', 'tien_si')`);
    db.sqlite.exec('begin');
    degree.run(gap[0]);
    // Read inside the open transaction: the uncommitted degree counts, as the transaction sees it.
    expect(figuresOf(db, at)['1b.2030']).not.toBe(before['1b.2030']);
    db.sqlite.exec('rollback');
    // Another cadre's write takes the change number the rolled-back one had: the number alone would say "up to
    // date", and the degree that was never committed would still count.
    db.sqlite.prepare(`update cadres set home_town = 'Sóc Trăng' where id = ?`).run(gap[1]);
    expect(figuresOf(db, at)).toEqual(before);
    expect(before).toEqual((await fresh()).figures[at]);
  });

  it('would notice a write the change log missed (the check above is not blind)', async () => {
    const ind = computeIndicators(db, { onDate: DATES[2] }).find((x) => x.code === '1b.2030')!;
    const gap = indicatorMembers(db, { indicatorId: ind.indicatorId, onDate: DATES[2], set: 'gap' });
    expect(gap.length).toBeGreaterThan(0);
    // The second connection must read the records, not an image that would be as blind as the kept engine.
    db.sqlite.exec('delete from indicator_timeline_image');
    db.sqlite.exec('drop trigger qualifications_changes_insert');
    try {
      db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key) values (?, 'chuyen_mon', 'tien_si')`).run(gap[0]);
      const kept = figuresOf(db, DATES[2]);
      const expected = (await fresh()).figures[DATES[2]];
      expect(kept['1b.2030']).not.toBe(expected['1b.2030']);
      expect(floorMismatches(computeIndicators(db, { onDate: DATES[2] }), indicatorFloor(db, DATES[2]))).not.toEqual([]);
    } finally {
      // A closed test database: no trigger to restore.
    }
  });
});
