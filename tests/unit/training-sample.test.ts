import { describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import { generateSampleData } from '../../db/sample/generate';
import { generateTrainingSample } from '../../db/services/training/sample';

// The sample training data passes the area's own rules and keeps its invariants.

async function sampleDb(seed: number) {
  const db = await openTestDb();
  generateSampleData(db, { cadres: 400, seed });
  const result = generateTrainingSample(db, { seed });
  return { db, result };
}

describe('sample training data', () => {
  it('is consistent: one live qualification per completed enrolment, none otherwise; a reimbursement case', async () => {
    const { db, result } = await sampleDb(3);
    expect(result.plans).toBe(4);
    expect(result.completed).toBeGreaterThan(0);
    const rows = db.sqlite
      .prepare(
        `select e.id, e.status, c.qual_level_key as level,
                (select count(*) from qualifications q where q.source = 'training' and q.source_ref = e.id and q.deleted_at is null) as live
           from training_enrolments e join training_courses c on c.id = e.course_id`,
      )
      .all() as { id: number; status: string; level: string | null; live: number }[];
    expect(rows.length).toBe(result.enrolments);
    for (const r of rows) expect([r.id, r.live]).toEqual([r.id, r.status === 'completed' && r.level ? 1 : 0]);
    const commitments = await testApi(db).call('training.commitments.list', {});
    expect(commitments.some((c) => c.state === 'reimburse' && c.leftStatus === 'chuyen_cong_tac')).toBe(true);
    // Refused a second time rather than doubling the plans.
    expect(() => generateTrainingSample(db, { seed: 3 })).toThrow('Đã có kế hoạch đào tạo');
  });

  it('is deterministic from the seed', async () => {
    const statuses = async () => {
      const { db } = await sampleDb(5);
      return db.sqlite.prepare('select course_id, cadre_id, status, certificate_no from training_enrolments order by id').all();
    };
    expect(await statuses()).toEqual(await statuses());
  });
});
