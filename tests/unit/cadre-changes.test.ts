import { describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db';
import { cadreChangesSince, lastCadreChange } from '../../db/changes';

// The change log that per-cadre caches rely on: every write to a cadre's records, by any path, must mark that
// cadre (a missed write would leave a cache showing old figures), and nothing else may.
describe('cadre_changes (migration 0004 triggers)', () => {
  async function withTwoCadres() {
    const db = await openTestDb();
    const add = db.sqlite.prepare(`insert into cadres (full_name, sex, birth_date, category) values (?, 'nam', '1980-01-01', 'cong_chuc')`);
    const a = Number(add.run('Nguyễn Văn A').lastInsertRowid);
    const b = Number(add.run('Trần Thị B').lastInsertRowid);
    const unit = Number(db.sqlite.prepare(`insert into units (name, level, kind) values ('Sở Nội vụ', 'tinh', 'so_nganh')`).run().lastInsertRowid);
    return { db, a, b, unit };
  }

  it('marks the cadre whose records a write touches, and only that cadre', async () => {
    const { db, a, b, unit } = await withTwoCadres();
    const writes: [string, () => unknown][] = [
      ['cadres update', () => db.sqlite.prepare('update cadres set home_town = ? where id = ?').run('Huế', a)],
      ['qualification insert', () => db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key) values (?, 'chuyen_mon', 'thac_si')`).run(a)],
      ['qualification update', () => db.sqlite.prepare(`update qualifications set field = 'Luật' where cadre_id = ?`).run(a)],
      ['assignment insert', () => db.sqlite.prepare(`insert into assignments (cadre_id, unit_id, from_date) values (?, ?, '2024-01-01')`).run(a, unit)],
      ['flag insert', () => db.sqlite.prepare(`insert into cadre_flags (cadre_id, flag, from_date) values (?, 'dang_vien', '2020-01-01')`).run(a)],
      ['status event insert', () => db.sqlite.prepare(`insert into cadre_status_events (cadre_id, status, effective_date) values (?, 'nghi_huu', '2026-01-01')`).run(a)],
      ['status event delete', () => db.sqlite.prepare('delete from cadre_status_events where cadre_id = ?').run(a)],
    ];
    for (const [what, write] of writes) {
      const before = lastCadreChange(db);
      write();
      const changes = cadreChangesSince(db, before);
      expect(changes, what).toMatchObject({ everyone: false, cadreIds: [a] });
      expect(changes.seq, what).toBeGreaterThan(before);
    }
    void b;
  });

  it('marks both cadres when a record moves from one to another', async () => {
    const { db, a, b } = await withTwoCadres();
    db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key) values (?, 'chuyen_mon', 'dai_hoc')`).run(a);
    const before = lastCadreChange(db);
    db.sqlite.prepare('update qualifications set cadre_id = ? where cadre_id = ?').run(b, a);
    expect(cadreChangesSince(db, before).cadreIds).toEqual([a, b].sort((x, y) => x - y));
  });

  it('asks for a full rebuild after a change that concerns everyone, or with no earlier number', async () => {
    const { db, a, unit } = await withTwoCadres();
    expect(cadreChangesSince(db, null).everyone).toBe(true);
    const before = lastCadreChange(db);
    expect(cadreChangesSince(db, before)).toEqual({ seq: before, everyone: false, cadreIds: [] });
    db.sqlite.prepare(`update units set level = 'huyen' where id = ?`).run(unit);
    expect(cadreChangesSince(db, before).everyone).toBe(true);
    // The cadres changed meanwhile are still named next to it, before and after the mark that concerns everyone.
    db.sqlite.prepare('update cadres set home_town = ? where id = ?').run('Huế', a);
    expect(cadreChangesSince(db, before)).toMatchObject({ everyone: true, cadreIds: [a] });
    const afterUnit = lastCadreChange(db);
    db.sqlite.prepare(`update code_lists set rank = rank + 1 where list = 'level.chuyen_mon'`).run();
    expect(cadreChangesSince(db, afterUnit).everyone).toBe(true);
  });

  it('is kept by a trigger for every insert, update and delete of each tracked table after all migrations', async () => {
    // drizzle-kit rebuilds a SQLite table (create new, copy, drop old) for some column changes, which drops its
    // triggers silently: a later migration doing so to one of these tables fails here instead of leaving caches stale.
    const db = await openTestDb();
    const present = new Set(db.sqlite.prepare("select name from sqlite_master where type = 'trigger'").pluck().all() as string[]);
    const perCadre = ['cadres', 'assignments', 'cadre_flags', 'cadre_status_events', 'qualifications', 'training_enrolments', 'rotations', 'planning_records', 'code_lists', 'units', 'unit_parents'];
    const expected = [...perCadre.flatMap((t) => ['insert', 'update', 'delete'].map((op) => `${t}_changes_${op}`)), 'training_courses_changes_update', 'training_courses_changes_delete'];
    expect(expected.filter((name) => !present.has(name))).toEqual([]);
  });

  it('does not move for writes unrelated to cadres (settings, audit)', async () => {
    const { db } = await withTwoCadres();
    const before = lastCadreChange(db);
    db.sqlite.prepare(`insert into settings (key, value) values ('x', '1')`).run();
    db.sqlite.prepare(`insert into audit_log (actor, action, entity, entity_id) values ('t', 'update', 'cadre', 1)`).run();
    expect(lastCadreChange(db)).toBe(before);
  });
});
