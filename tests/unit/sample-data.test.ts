import { beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import type { AppDb } from '../../db/open';
import { generateSampleData } from '../../db/sample/generate';
import { listCadreRows } from '../../db/services/cadre-rows';
import { CadreFieldsSchema, crossFieldErrors } from '../../shared/api/cadres';
import { AppFailure } from '../../shared/api/envelope';
import { CADRE_FLAG_KEYS, UNIT_KINDS, UNIT_LEVELS } from '../../shared/domain/codes';
import { partialDateStart, todayIso } from '../../shared/domain/dates';

const N = 300;

async function sampleDb(seed = 1, cadres = N): Promise<{ db: AppDb; result: ReturnType<typeof generateSampleData> }> {
  const db = await openTestDb();
  const result = generateSampleData(db, { cadres, seed });
  return { db, result };
}

const all = <T = any>(db: AppDb, sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).all(...params) as T[];
const one = <T = any>(db: AppDb, sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).get(...params) as T;

describe('sample data generator', () => {
  let db: AppDb;
  let result: ReturnType<typeof generateSampleData>;
  beforeAll(async () => {
    ({ db, result } = await sampleDb());
  });

  it('creates the asked number of cadres, an organisation and about six qualifications each', () => {
    expect(result.cadres).toBe(N);
    expect(one(db, 'select count(*) as n from cadres').n).toBe(N);
    expect(result.units).toBe(one(db, 'select count(*) as n from units').n);
    expect(result.units).toBeGreaterThan(100);
    expect(result.qualifications).toBe(one(db, 'select count(*) as n from qualifications').n);
    expect(result.qualifications / N).toBeGreaterThan(4.5);
    expect(result.qualifications / N).toBeLessThan(8);
    expect(one(db, "select count(*) as n from qualifications where source <> 'seed'").n).toBe(0);
    expect(one(db, "select count(*) as n from assignments where source <> 'seed'").n).toBe(0);
  });

  it('writes one change batch and one audit row for the whole sample', () => {
    const batches = all(db, 'select kind, description from change_batches');
    expect(batches).toEqual([{ kind: 'seed', description: 'Dữ liệu mẫu' }]);
    const audit = all(db, 'select entity, entity_id as entityId, batch_id as batchId from audit_log');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'sample', entityId: 0 });
    expect(audit[0].batchId).not.toBeNull();
  });

  it('is deterministic: the same seed gives the same people, another seed other people', async () => {
    const names = (d: AppDb) => all(d, 'select full_name, birth_date, id_number from cadres order by id').map((r) => Object.values(r).join('|'));
    const again = await sampleDb(1);
    expect(names(again.db)).toEqual(names(db));
    expect(again.result).toEqual(result);
    const other = await sampleDb(2);
    expect(names(other.db)).not.toEqual(names(db));
  });

  it('gives every cadre a current unit and records that pass the cadre validation rules', () => {
    const rows = listCadreRows(db);
    expect(rows).toHaveLength(N);
    for (const r of rows) {
      expect(r.unitId, r.fullName).not.toBeNull();
      const fields = {
        fullName: r.fullName, otherNames: r.otherNames, sex: r.sex, birthDate: r.birthDate, birthPlace: r.birthPlace, homeTown: r.homeTown,
        address: r.address, ethnicity: r.ethnicity, religion: r.religion, idNumber: r.idNumber, phone: r.phone, partyJoinDate: r.partyJoinDate,
        partyOfficialDate: r.partyOfficialDate, category: r.category, rankCode: r.rankCode, salaryStep: r.salaryStep,
        salaryCoefficient: r.salaryCoefficient, recruitmentDate: r.recruitmentDate, note: r.note,
      };
      const parsed = CadreFieldsSchema.safeParse(fields);
      expect(parsed.success, `${r.fullName}: ${parsed.error?.message}`).toBe(true);
      expect(crossFieldErrors(parsed.data!), r.fullName).toEqual({});
    }
    expect(new Set(rows.map((r) => r.idNumber)).size).toBe(N);
    expect(rows.every((r) => /^\d{12}$/.test(r.idNumber ?? ''))).toBe(true);
  });

  it('uses only keys that exist in the code lists', () => {
    const missing = (sql: string) => all(db, sql).map((r) => Object.values(r).join(' '));
    expect(missing(`select distinct ethnicity from cadres where ethnicity not in (select key from code_lists where list = 'ethnicity')`)).toEqual([]);
    expect(missing(`select distinct religion from cadres where religion not in (select key from code_lists where list = 'religion')`)).toEqual([]);
    expect(missing(`select distinct rank_code from cadres where rank_code is not null and rank_code not in (select key from code_lists where list = 'rank')`)).toEqual([]);
    expect(missing(`select distinct position_code from assignments where position_code not in (select key from code_lists where list = 'position')`)).toEqual([]);
    expect(missing(`select distinct category, level_key from qualifications q
                     where not exists (select 1 from code_lists c where c.list = 'level.' || q.category and c.key = q.level_key)`)).toEqual([]);
    expect(missing(`select distinct language from qualifications where language is not null and language not in (select key from code_lists where list = 'minority_language')`)).toEqual([]);
    expect(missing(`select distinct fluency from qualifications where fluency is not null and fluency not in (select key from code_lists where list = 'language_fluency')`)).toEqual([]);
    expect(missing(`select distinct flag from cadre_flags`).sort()).toEqual([...CADRE_FLAG_KEYS].sort());
    expect(missing(`select distinct kind from units where kind not in (${Object.keys(UNIT_KINDS).map((k) => `'${k}'`).join(',')})`)).toEqual([]);
    expect(missing(`select distinct level from units where level not in (${Object.keys(UNIT_LEVELS).map((k) => `'${k}'`).join(',')})`)).toEqual([]);
  });

  it('keeps award dates after birth and not after today, as the qualification form requires', () => {
    const today = todayIso();
    const rows = all<{ award: string | null; birth: string; category: string; language: string | null }>(
      db,
      'select q.award_date as award, c.birth_date as birth, q.category, q.language from qualifications q join cadres c on c.id = q.cadre_id',
    );
    for (const q of rows) {
      expect(q.award).not.toBeNull();
      expect(partialDateStart(q.award!) <= today).toBe(true);
      expect(q.award!.slice(0, 4) >= q.birth.slice(0, 4)).toBe(true);
      if (q.category === 'tieng_dtts') expect(q.language).not.toBeNull();
    }
  });

  it('has dated careers without overlaps and inside the life of each unit', () => {
    const overlaps = one(
      db,
      `select count(*) as n from assignments a join assignments b on a.cadre_id = b.cadre_id and a.id < b.id
        where a.from_date <= coalesce(b.to_date, '9999-12-31') and b.from_date <= coalesce(a.to_date, '9999-12-31')`,
    ).n;
    expect(overlaps).toBe(0);
    const outside = all(
      db,
      `select u.name, a.from_date, a.to_date from assignments a join units u on u.id = a.unit_id
        where (u.valid_from is not null and a.from_date < u.valid_from)
           or (u.valid_to is not null and (a.to_date is null or a.to_date > u.valid_to))
           or (a.to_date is not null and a.to_date < a.from_date)`,
    );
    expect(outside).toEqual([]);
    // Exactly one open-ended assignment per cadre, and it is the latest.
    const open = all(db, 'select cadre_id, count(*) as n from assignments where to_date is null group by cadre_id having n <> 1');
    expect(open).toEqual([]);
    expect(one(db, 'select count(distinct cadre_id) as n from assignments where to_date is null').n).toBe(N);
    const perCadre = one(db, 'select max(n) as mx, min(n) as mn from (select count(*) as n from assignments group by cadre_id)');
    expect(perCadre.mn).toBeGreaterThanOrEqual(1);
    expect(perCadre.mx).toBeLessThanOrEqual(4); // up to three before 01/07/2025, one after
  });

  it('shows the reorganisation: closed units have successors and their people moved on 01/07/2025', () => {
    const closed = all(db, `select u.name, s.valid_from as succFrom, s.valid_to as succTo from units u left join units s on s.id = u.successor_id where u.valid_to = '2025-06-30'`);
    expect(closed.length).toBeGreaterThan(50);
    for (const u of closed) {
      expect(u.succFrom, u.name).toBe('2025-07-01');
      expect(u.succTo, u.name).toBeNull();
    }
    expect(one(db, `select count(*) as n from units where valid_to is not null and valid_to <> '2025-06-30'`).n).toBe(0);
    // District level exists only before the merger.
    expect(one(db, `select count(*) as n from units where level = 'huyen' and (valid_to is null or valid_to > '2025-06-30')`).n).toBe(0);
    expect(one(db, `select count(*) as n from units where level = 'tinh' and valid_from = '2025-07-01' and name like '%Cần Thơ%'`).n).toBeGreaterThan(5);
    // Everyone working in a closed unit on 30/06/2025 continues in its successor the next day.
    const stranded = one(
      db,
      `select count(*) as n from assignments a join units u on u.id = a.unit_id
        where u.valid_to = '2025-06-30' and a.to_date = '2025-06-30'
          and not exists (select 1 from assignments b where b.cadre_id = a.cadre_id and b.unit_id = u.successor_id and b.from_date = '2025-07-01')`,
    ).n;
    expect(stranded).toBe(0);
    expect(one(db, `select count(*) as n from assignments where from_date = '2025-07-01'`).n).toBeGreaterThan(N / 3);
    // Schools and hospitals stayed but changed parent: the old parent row ends 30/06/2025, the new one starts the next day.
    const moved = all(
      db,
      `select u.id, u.parent_id as parentId, old.parent_id as oldParent, neu.parent_id as newParent
         from units u
         join unit_parents old on old.unit_id = u.id and old.to_date = '2025-06-30'
         join unit_parents neu on neu.unit_id = u.id and neu.from_date = '2025-07-01' and neu.to_date is null
        where u.valid_to is null and u.valid_from < '2025-07-01'`,
    );
    expect(moved.length).toBeGreaterThan(3);
    for (const m of moved) {
      expect(m.parentId).toBe(m.newParent);
      expect(m.oldParent).not.toBe(m.newParent);
    }
    const eth = one(db, 'select avg(ethnic_contact) as share from units').share;
    expect(eth).toBeGreaterThan(0.1);
    expect(eth).toBeLessThan(0.35);
  });

  it('gives categories that fit the unit and dated roles and status events', () => {
    const rows = listCadreRows(db);
    const units = new Map(all(db, 'select id, kind, level from units').map((u) => [u.id, u]));
    for (const r of rows) {
      const u = units.get(r.unitId!);
      if (u.level === 'xa' && !u.kind.startsWith('su_nghiep')) expect(['can_bo', 'cong_chuc', 'khac'], r.fullName).toContain(r.category);
    }
    const inSchools = rows.filter((r) => units.get(r.unitId!).kind.startsWith('su_nghiep'));
    expect(inSchools.filter((r) => r.category === 'vien_chuc').length / inSchools.length).toBeGreaterThan(0.8);
    const flags = all(db, 'select from_date as f, to_date as t from cadre_flags');
    expect(flags.every((x) => !x.t || x.t >= x.f)).toBe(true);
    expect(one(db, "select count(*) as n from cadre_flags where flag = 'bch_huyen' and (to_date is null or to_date > '2025-06-30')").n).toBe(0);
    const retired = all(db, "select effective_date as d from cadre_status_events where status = 'nghi_huu'");
    expect(retired.length).toBeGreaterThan(0);
    expect(retired.every((x) => x.d >= '2021-01-01' && x.d <= todayIso())).toBe(true);
    const women = one(db, "select avg(sex = 'nu') as share from cadres").share;
    expect(women).toBeGreaterThan(0.3);
    expect(women).toBeLessThan(0.6);
  });

  it('refuses to run on a database that already has cadres', () => {
    expect(() => generateSampleData(db, { cadres: 10 })).toThrow(AppFailure);
    expect(one(db, 'select count(*) as n from cadres').n).toBe(N);
  });

  it('works through the dispatcher (app.seedSample) and refuses a second time', async () => {
    const fresh = await openTestDb();
    const api = testApi(fresh);
    const out = await api.call('app.seedSample', { cadres: 50, seed: 7 });
    expect(out.cadres).toBe(50);
    expect(out.units).toBeGreaterThan(50);
    const info = await api.call('app.info', {});
    expect(info.cadreCount).toBe(50);
    expect(info.isEmpty).toBe(false);
    const list = await api.call('cadres.list', {});
    expect(list).toHaveLength(50);
    const detail = await api.call('cadres.get', { id: list[0].id });
    expect(detail.assignments.length).toBeGreaterThan(0);
    const err = await api.fail('app.seedSample', { cadres: 50, seed: 7 });
    expect(err.kind).toBe('validation');
    expect(err.message).toMatch(/đã có 50 hồ sơ/);
  });
});
