import { describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import { generateSampleData } from '../../db/sample/generate';
import { addSampleRotations } from '../../db/services/rotations/sample';

// Sample rotations are made through the real services; on a generated organisation the invariants of the
// dated history must hold for every one of them.

describe('sample rotations on generated data', () => {
  it('keep every cadre history linear and the rosters consistent with the rotations', async () => {
    const db = await openTestDb();
    const api = testApi(db);
    generateSampleData(db, { cadres: 400, seed: 11 });
    const made = addSampleRotations(db, { count: 40, seed: 3 });
    expect(made.rotations).toBeGreaterThan(20);
    expect(made.started).toBeGreaterThan(5);

    const overlaps = db.sqlite
      .prepare(`select count(*) as n from assignments a join assignments b on a.cadre_id = b.cadre_id and a.id < b.id
                 and a.deleted_at is null and b.deleted_at is null
                 and a.from_date <= coalesce(b.to_date, '9999-12-31') and b.from_date <= coalesce(a.to_date, '9999-12-31')`)
      .get();
    expect(overlaps).toEqual({ n: 0 });

    const inProgress = db.sqlite
      .prepare(`select r.id, r.cadre_id as cadreId, r.to_unit_id as toUnit, r.from_unit_id as fromUnit, r.actual_start as s
                  from rotations r where r.status = 'in_progress' and r.deleted_at is null`)
      .all() as { id: number; cadreId: number; toUnit: number; fromUnit: number | null; s: string }[];
    for (const r of inProgress) {
      const roster = await api.call('units.roster', { unitId: r.toUnit, onDate: r.s });
      expect(roster.present.find((p) => p.cadreId === r.cadreId)?.rotationId).toBe(r.id);
      if (r.fromUnit && r.fromUnit !== r.toUnit) {
        const home = await api.call('units.roster', { unitId: r.fromUnit, onDate: r.s });
        expect(home.present.some((p) => p.cadreId === r.cadreId)).toBe(false);
        expect(home.away.some((p) => p.cadreId === r.cadreId)).toBe(true);
      }
    }
    const ended = db.sqlite
      .prepare(`select r.actual_end as e, a.from_date as f, a.source from rotations r join assignments a on a.id = r.return_assignment_id where r.status = 'ended'`)
      .all() as { e: string; f: string; source: string }[];
    expect(ended).toHaveLength(made.ended);
    for (const x of ended) {
      const next = new Date(`${x.e}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(x.f).toBe(next.toISOString().slice(0, 10));
    }
  });

  it('reach the asked count at a fifth of the cadres, of every kind, under way in every quarter since 2021', async () => {
    const db = await openTestDb();
    generateSampleData(db, { cadres: 2000, seed: 5 });
    const made = addSampleRotations(db, { count: 400, seed: 5 });
    expect(made.rotations).toBe(400);
    const kinds = db.sqlite.prepare(`select type, count(*) as n from rotations group by type`).all() as { type: string; n: number }[];
    expect(kinds.map((k) => k.type).sort()).toEqual(['biet_phai', 'dieu_dong', 'luan_chuyen']);
    for (const k of kinds) expect(k.n).toBeGreaterThan(20);
    // Luân chuyển goes with planning: most rotated leaders have a planning record covering the start year.
    const planned = db.sqlite
      .prepare(`select avg(exists (select 1 from planning_records p where p.cadre_id = r.cadre_id and p.status = 'hieu_luc'
                  and p.period_from <= cast(substr(r.planned_start, 1, 4) as integer) and p.period_to >= cast(substr(r.planned_start, 1, 4) as integer))) as share
                  from rotations r where r.type = 'luan_chuyen'`)
      .get() as { share: number };
    expect(planned.share).toBeGreaterThan(0.8);
    // Every quarter end from 2021 to 2025 has rotations under way.
    for (let y = 2021; y <= 2025; y++) {
      for (const md of ['03-31', '06-30', '09-30', '12-31']) {
        const d = `${y}-${md}`;
        const { n } = db.sqlite
          .prepare(`select count(*) as n from rotations where actual_start <= ? and (actual_end is null or actual_end >= ?)`)
          .get(d, d) as { n: number };
        expect(n, d).toBeGreaterThan(0);
      }
    }
    // Past rotations are closed: of those meant to end more than a month ago, nearly all have ended.
    const past = db.sqlite
      .prepare(`select avg(status = 'ended') as share from rotations where status in ('in_progress', 'ended') and planned_end < date('now', '-60 days')`)
      .get() as { share: number };
    expect(past.share).toBeGreaterThan(0.85);
    const states = new Set((db.sqlite.prepare(`select distinct status from rotations`).all() as { status: string }[]).map((r) => r.status));
    for (const s of ['planned', 'in_progress', 'ended']) expect(states.has(s), s).toBe(true);
  });
});
