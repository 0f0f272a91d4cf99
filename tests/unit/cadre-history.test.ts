import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import { seedSmall } from '../helpers/fixtures';
import type { AppDb } from '../../db/open';

// The dated histories of one cadre (assignments, qualifications, roles, status) through the real dispatcher.
// Expected values are worked out by hand from the small fixture: every cadre starts at their unit on 2015-01-01.

type Api = ReturnType<typeof testApi>;

describe('cadre history services', () => {
  let db: AppDb;
  let api: Api;
  let seed: ReturnType<typeof seedSmall>;
  let anId: number;

  const auditRows = (cadreId: number) =>
    db.sqlite
      .prepare('select actor, action, entity, entity_id as entityId, field, old_value as oldValue, new_value as newValue from audit_log where cadre_id = ? order by id')
      .all(cadreId) as { actor: string; action: string; entity: string; entityId: number; field: string | null; oldValue: string | null; newValue: string | null }[];

  beforeEach(async () => {
    db = await openTestDb();
    api = testApi(db, { actor: 'cán bộ thử', role: 'clerk' });
    seed = seedSmall(db);
    anId = seed.cadres.find((c) => c.fullName === 'Trần Văn An')!.id;
  });

  describe('assignments', () => {
    it('a transfer closes the current assignment the day before and makes the new unit current', async () => {
      const created = await api.call('assignments.create', { cadreId: anId, unitId: seed.commune.id, postTitle: 'Phó Chủ tịch', fromDate: '2024-07-01' });
      expect(created).toMatchObject({ unitId: seed.commune.id, fromDate: '2024-07-01', toDate: null, postTitle: 'Phó Chủ tịch' });
      const detail = await api.call('cadres.get', { id: anId });
      expect(detail.assignments.map((a) => [a.unitId, a.fromDate, a.toDate])).toEqual([
        [seed.commune.id, '2024-07-01', null],
        [seed.board.id, '2015-01-01', '2024-06-30'],
      ]);
      expect(detail.row.unitId).toBe(seed.commune.id);
      expect(detail.row.postTitle).toBe('Phó Chủ tịch');
    });

    it('refuses a transfer dated on or before the start of the current assignment', async () => {
      const err = await api.fail('assignments.create', { cadreId: anId, unitId: seed.commune.id, fromDate: '2015-01-01' });
      expect(err.kind).toBe('validation');
      expect(err.fieldErrors.fromDate).toBeTruthy();
      expect(err.message).toContain('01/01/2015');
    });

    it('refuses overlapping periods, on create and on update', async () => {
      const err = await api.fail('assignments.create', { cadreId: anId, unitId: seed.commune.id, fromDate: '2010-01-01', toDate: '2015-06-30', closeCurrent: false });
      expect(err.kind).toBe('validation');
      expect(err.message).toContain('Trùng thời gian');
      expect(err.message).toContain('Ban Tổ chức Tỉnh ủy');
      // An earlier period that ends the day before is fine...
      const earlier = await api.call('assignments.create', { cadreId: anId, unitId: seed.commune.id, fromDate: '2010-01-01', toDate: '2014-12-31', closeCurrent: false });
      // ...but stretching it into the current one is not.
      const err2 = await api.fail('assignments.update', { id: earlier.id, version: earlier.version, changes: { toDate: '2015-01-01' } });
      expect(err2.message).toContain('Trùng thời gian');
      const stored = db.sqlite.prepare('select to_date as t from assignments where id = ?').get(earlier.id) as { t: string };
      expect(stored.t).toBe('2014-12-31');
    });

    it('refuses periods outside the unit validity', async () => {
      const young = await api.call('units.create', { name: 'Phòng mới thành lập', kind: 'chinh_quyen', level: 'tinh', validFrom: '2020-01-01' });
      const tooEarly = await api.fail('assignments.create', { cadreId: anId, unitId: young.id, fromDate: '2019-05-01', toDate: '2014-12-31', closeCurrent: false });
      // "to" before "from" is caught first; fix it and the unit's founding date is the problem.
      expect(tooEarly.fieldErrors.toDate).toBeTruthy();
      const beforeFounded = await api.fail('assignments.create', { cadreId: anId, unitId: young.id, fromDate: '2019-05-01' });
      expect(beforeFounded.kind).toBe('validation');
      expect(beforeFounded.message).toContain('01/01/2020');

      const closing = await api.call('units.create', { name: 'Huyện ủy Kế Sách', kind: 'dang', level: 'huyen', validFrom: '2000-01-01' });
      await api.call('units.close', { id: closing.id, version: closing.version, validTo: '2025-06-30' });
      // An open-ended stay in a closed unit is refused, so is a start after the end.
      const openEnded = await api.fail('assignments.create', { cadreId: anId, unitId: closing.id, fromDate: '2025-01-01' });
      expect(openEnded.message).toContain('30/06/2025');
      expect(openEnded.fieldErrors.unitId).toBeTruthy();
      const after = await api.fail('assignments.create', { cadreId: anId, unitId: closing.id, fromDate: '2025-07-01', toDate: '2025-08-01' });
      expect(after.fieldErrors.unitId).toBeTruthy();
      // Nothing was closed by the refused transfers: the transaction rolled back.
      const detail = await api.call('cadres.get', { id: anId });
      expect(detail.assignments).toHaveLength(1);
      expect(detail.assignments[0].toDate).toBeNull();
    });

    it('refuses a stale version and deletes softly with an audit row', async () => {
      const [current] = (await api.call('cadres.get', { id: anId })).assignments;
      const edited = await api.call('assignments.update', { id: current.id, version: current.version, changes: { postTitle: 'Phó Trưởng phòng', positionCode: 'pho_phong' } });
      expect(edited.version).toBe(current.version + 1);
      const stale = await api.fail('assignments.update', { id: current.id, version: current.version, changes: { postTitle: 'Trưởng phòng' } });
      expect(stale.kind).toBe('conflict');
      expect((stale.current as { postTitle: string }).postTitle).toBe('Phó Trưởng phòng');

      const staleDelete = await api.fail('assignments.delete', { id: current.id, version: current.version });
      expect(staleDelete.kind).toBe('conflict');
      await api.call('assignments.delete', { id: current.id, version: edited.version });
      const detail = await api.call('cadres.get', { id: anId });
      expect(detail.assignments).toHaveLength(0);
      expect(detail.row.unitId).toBeNull();
      const kept = db.sqlite.prepare('select deleted_at as d from assignments where id = ?').get(current.id) as { d: string | null };
      expect(kept.d).not.toBeNull();

      const trail = auditRows(anId).filter((r) => r.entity === 'assignment');
      expect(trail.map((r) => [r.action, r.field, r.oldValue, r.newValue])).toEqual([
        ['create', null, null, expect.any(String)], // written by the fixture
        ['update', 'postTitle', 'Chuyên viên', 'Phó Trưởng phòng'],
        ['update', 'positionCode', null, 'pho_phong'],
        ['delete', null, expect.stringContaining('Phó Trưởng phòng'), null],
      ]);
      expect(trail.slice(1).every((r) => r.actor === 'cán bộ thử')).toBe(true);
    });

    it('writes the closing of the previous assignment to the audit trail', async () => {
      const [current] = (await api.call('cadres.get', { id: anId })).assignments;
      await api.call('assignments.create', { cadreId: anId, unitId: seed.commune.id, fromDate: '2024-07-01' });
      const trail = auditRows(anId).filter((r) => r.entity === 'assignment' && r.actor === 'cán bộ thử');
      expect(trail).toHaveLength(2);
      expect(trail[0]).toMatchObject({ action: 'update', entityId: current.id, field: 'toDate', newValue: '2024-06-30' });
      expect(trail[1]).toMatchObject({ action: 'create' });
      expect(JSON.parse(trail[1].newValue!)).toMatchObject({ unitId: seed.commune.id, fromDate: '2024-07-01' });
    });

    it('refuses changes to a deleted cadre', async () => {
      await api.call('cadres.delete', { ids: [anId] });
      const err = await api.fail('assignments.create', { cadreId: anId, unitId: seed.commune.id, fromDate: '2024-07-01' });
      expect(err.message).toContain('đã bị xoá');
      // The detail still loads, for reading.
      const detail = await api.call('cadres.get', { id: anId });
      expect(detail.row.deletedAt).not.toBeNull();
      expect(detail.assignments).toHaveLength(1);
    });
  });

  describe('qualifications', () => {
    it('refuses an unknown level, a future award date and an unknown language', async () => {
      const unknown = await api.fail('qualifications.create', { cadreId: anId, category: 'chuyen_mon', levelKey: 'cu_nhan' });
      expect(unknown.kind).toBe('validation');
      expect(unknown.fieldErrors.levelKey).toContain('cu_nhan');
      const badCategory = await api.fail('qualifications.create', { cadreId: anId, category: 'the_thao', levelKey: 'dai_hoc' });
      expect(badCategory.fieldErrors.category).toBeTruthy();
      // A name every object has ("constructor", "toString") is no category either (found by the fuzz test).
      for (const category of ['constructor', 'toString', '__proto__']) {
        const inherited = await api.fail('qualifications.create', { cadreId: anId, category, levelKey: 'dai_hoc' });
        expect([inherited.kind, inherited.fieldErrors.category]).toEqual(['validation', 'Loại trình độ không hợp lệ.']);
      }
      const future = await api.fail('qualifications.create', { cadreId: anId, category: 'chuyen_mon', levelKey: 'dai_hoc', awardDate: '2099' });
      expect(future.fieldErrors.awardDate).toBeTruthy();
      const lang = await api.fail('qualifications.create', { cadreId: anId, category: 'tieng_dtts', levelKey: 'chung_chi', language: 'klingon' });
      expect(lang.fieldErrors.language).toBeTruthy();
      expect(db.sqlite.prepare('select count(*) as n from qualifications').get()).toEqual({ n: 0 });
      expect(auditRows(anId).filter((r) => r.entity === 'qualification')).toHaveLength(0);
    });

    it('derives the highest level, and soft-deletes and restores with audit rows', async () => {
      await api.call('qualifications.create', { cadreId: anId, category: 'chuyen_mon', levelKey: 'dai_hoc', field: 'Luật', awardDate: '2001' });
      const master = await api.call('qualifications.create', { cadreId: anId, category: 'chuyen_mon', levelKey: 'thac_si', field: 'Quản lý công', awardDate: '2012-06' });
      let row = (await api.call('cadres.get', { id: anId })).row;
      expect([row.professionalLevel, row.professionalField]).toEqual(['thac_si', 'Quản lý công']);

      const deleted = await api.call('qualifications.delete', { id: master.id, version: master.version });
      expect(deleted.deletedAt).not.toBeNull();
      const detail = await api.call('cadres.get', { id: anId });
      // The deleted one stays in the history (to restore it), but no longer counts.
      expect(detail.qualifications.map((q) => q.levelKey).sort()).toEqual(['dai_hoc', 'thac_si']);
      expect([detail.row.professionalLevel, detail.row.professionalField]).toEqual(['dai_hoc', 'Luật']);

      const editDeleted = await api.fail('qualifications.update', { id: master.id, version: deleted.version, changes: { field: 'Kinh tế' } });
      expect(editDeleted.message).toContain('đã bị xoá');

      const restored = await api.call('qualifications.restore', { id: master.id });
      expect(restored.deletedAt).toBeNull();
      row = (await api.call('cadres.get', { id: anId })).row;
      expect(row.professionalLevel).toBe('thac_si');

      const trail = auditRows(anId).filter((r) => r.entity === 'qualification' && r.entityId === master.id);
      expect(trail.map((r) => r.action)).toEqual(['create', 'delete', 'restore']);
      expect(JSON.parse(trail[0].newValue!)).toMatchObject({ levelKey: 'thac_si', field: 'Quản lý công' });
    });

    it('will not delete a qualification that came from a training course', async () => {
      const q = await api.call('qualifications.create', { cadreId: anId, category: 'ly_luan_chinh_tri', levelKey: 'cao_cap', awardDate: '2020-12-15' });
      db.sqlite.prepare("update qualifications set source = 'training', source_ref = 7 where id = ?").run(q.id);
      const err = await api.fail('qualifications.delete', { id: q.id, version: q.version });
      expect(err.kind).toBe('validation');
      expect(err.message).toContain('khoá đào tạo');
      expect((db.sqlite.prepare('select deleted_at as d from qualifications where id = ?').get(q.id) as { d: null }).d).toBeNull();
    });

    it('updates field by field with audit rows and refuses a stale version', async () => {
      const q = await api.call('qualifications.create', { cadreId: anId, category: 'ngoai_ngu', levelKey: 'bac_3', awardDate: '2018-03-01' });
      const edited = await api.call('qualifications.update', { id: q.id, version: q.version, changes: { levelKey: 'bac_4', institution: 'Đại học Cần Thơ' } });
      expect(edited).toMatchObject({ levelKey: 'bac_4', institution: 'Đại học Cần Thơ', version: q.version + 1 });
      const stale = await api.fail('qualifications.update', { id: q.id, version: q.version, changes: { certificateNo: 'B2-001' } });
      expect(stale.kind).toBe('conflict');
      expect((stale.current as { levelKey: string }).levelKey).toBe('bac_4');
      const badLevel = await api.fail('qualifications.update', { id: q.id, version: edited.version, changes: { levelKey: 'thac_si' } });
      expect(badLevel.fieldErrors.levelKey).toBeTruthy();
      const trail = auditRows(anId).filter((r) => r.entity === 'qualification' && r.action === 'update');
      expect(trail.map((r) => [r.field, r.oldValue, r.newValue])).toEqual([
        ['levelKey', 'bac_3', 'bac_4'],
        ['institution', null, 'Đại học Cần Thơ'],
      ]);
    });
    it('updates several qualifications in one transaction, all or nothing', async () => {
      const a = await api.call('qualifications.create', { cadreId: anId, category: 'chuyen_mon', levelKey: 'dai_hoc', awardDate: '2001' });
      const b = await api.call('qualifications.create', { cadreId: anId, category: 'tin_hoc', levelKey: 'co_ban', awardDate: '2016' });
      const refused = await api.fail('qualifications.bulkUpdate', {
        kind: 'paste',
        items: [
          { id: a.id, version: a.version, changes: { institution: 'Đại học Cần Thơ' } },
          { id: b.id, version: b.version, changes: { levelKey: 'thac_si' } },
        ],
      });
      expect(refused.kind).toBe('validation');
      expect(Object.keys(refused.fieldErrors)).toEqual(['items.1.levelKey']);
      expect((db.sqlite.prepare('select institution as i from qualifications where id = ?').get(a.id) as { i: null }).i).toBeNull();

      const saved = await api.call('qualifications.bulkUpdate', {
        kind: 'paste',
        items: [
          { id: a.id, version: a.version, changes: { institution: 'Đại học Cần Thơ' } },
          { id: b.id, version: b.version, changes: { levelKey: 'nang_cao' } },
        ],
      });
      expect(saved.map((q) => [q.id, q.institution, q.levelKey])).toEqual([[a.id, 'Đại học Cần Thơ', 'dai_hoc'], [b.id, null, 'nang_cao']]);
      const batches = db.sqlite.prepare('select a.batch_id as b from audit_log a where a.entity = ? and a.action = ?').all('qualification', 'update') as { b: number }[];
      expect(batches).toHaveLength(2);
      expect(new Set(batches.map((x) => x.b)).size).toBe(1);
      expect(batches[0].b).not.toBeNull();

      const stale = await api.fail('qualifications.bulkUpdate', { items: [{ id: a.id, version: a.version, changes: { field: 'Luật' } }] });
      expect(stale.kind).toBe('conflict');
      expect(stale.current).toEqual([expect.objectContaining({ id: a.id, institution: 'Đại học Cần Thơ' })]);
    });
  });

  describe('record, roles and status', () => {
    it('refuses a stale cadre update with the current row, and keeps the stored value', async () => {
      const before = (await api.call('cadres.get', { id: anId })).row;
      const saved = await api.call('cadres.update', { id: anId, version: before.version, changes: { homeTown: 'Long Phú, Sóc Trăng' } });
      expect(saved.homeTown).toBe('Long Phú, Sóc Trăng');
      const stale = await api.fail('cadres.update', { id: anId, version: before.version, changes: { homeTown: 'Kế Sách' } });
      expect(stale.kind).toBe('conflict');
      expect((stale.current as { homeTown: string; version: number })).toMatchObject({ homeTown: 'Long Phú, Sóc Trăng', version: saved.version });
      const trail = auditRows(anId).filter((r) => r.entity === 'cadre' && r.action === 'update');
      expect(trail.map((r) => [r.field, r.oldValue, r.newValue])).toEqual([['homeTown', null, 'Long Phú, Sóc Trăng']]);
    });

    it('records a status with its effective date and edits role dates', async () => {
      const row = (await api.call('cadres.get', { id: anId })).row;
      const retired = await api.call('cadres.setStatus', { id: anId, version: row.version, status: 'nghi_huu', effectiveDate: '2025-10-01' });
      expect([retired.status, retired.statusDate]).toEqual(['nghi_huu', '2025-10-01']);
      const stale = await api.fail('cadres.setStatus', { id: anId, version: row.version, status: 'thoi_viec', effectiveDate: '2025-11-01' });
      expect(stale.kind).toBe('conflict');

      const withFlag = await api.call('cadres.update', { id: anId, version: retired.version, changes: { flags: { lanh_dao_phong: true } } });
      expect(withFlag.flags).toEqual(['lanh_dao_phong']);
      const [flag] = (await api.call('cadres.get', { id: anId })).flags;
      const badRange = await api.fail('flags.update', { id: flag.id, fromDate: '2020-01-01', toDate: '2019-12-31' });
      expect(badRange.fieldErrors.toDate).toBeTruthy();
      await api.call('flags.update', { id: flag.id, fromDate: '2020-01-01', toDate: '2024-12-31' });
      const detail = await api.call('cadres.get', { id: anId });
      expect(detail.flags[0]).toMatchObject({ flag: 'lanh_dao_phong', fromDate: '2020-01-01', toDate: '2024-12-31' });
      expect(detail.row.flags).toEqual([]);
      expect(detail.statusEvents.map((s) => [s.status, s.effectiveDate])).toEqual([['nghi_huu', '2025-10-01']]);

      const trail = auditRows(anId).filter((r) => r.entity === 'cadre_flag' || r.entity === 'cadre_status');
      expect(trail.map((r) => [r.entity, r.field])).toEqual([
        ['cadre_status', 'status'],
        ['cadre_flag', 'lanh_dao_phong'],
        ['cadre_flag', 'fromDate'],
        ['cadre_flag', 'toDate'],
      ]);
    });
  });
});

// The detail panel's form model: what it sends and how it keeps a clerk's edits when the row moves on.
describe('record form model', () => {
  const row = {
    id: 1, version: 3, fullName: 'Trần Văn An', otherNames: null, sex: 'nam', birthDate: '1979-09-01', birthPlace: null, homeTown: null,
    address: null, ethnicity: 'kinh', religion: null, idNumber: null, phone: null, partyJoinDate: null, partyOfficialDate: null,
    category: 'cong_chuc', rankCode: null, salaryStep: 3, salaryCoefficient: 3.66, recruitmentDate: null, note: null, deletedAt: null,
    unitId: 2, postTitle: 'Chuyên viên', positionCode: null, professionalLevel: null, professionalField: null, politicalLevel: null,
    stateMgmtLevel: null, flags: [], status: 'dang_cong_tac', statusDate: null,
  };

  it('sends only the changed fields, parsed, and reports refusals by field', async () => {
    const { draftChanges, draftFromRow } = await import('../../renderer/src/views/cadres/detail/recordDraft');
    const draft = draftFromRow(row);
    expect(draft.salaryCoefficient).toBe('3,66');
    const edited = { ...draft, homeTown: '  Long Phú,   Sóc Trăng ', salaryCoefficient: '4,32', note: '' };
    expect(draftChanges(edited, row, {})).toEqual({ changes: { homeTown: 'Long Phú, Sóc Trăng', salaryCoefficient: 4.32 }, errors: {} });

    const bad = { ...draft, fullName: ' ', salaryStep: '3,5', partyOfficialDate: '2001-05-01' };
    const { errors } = draftChanges(bad, row, { recruitmentDate: 'Ngày tuyển dụng "31/02/2000" không hợp lệ' });
    expect(Object.keys(errors).sort()).toEqual(['fullName', 'partyJoinDate', 'recruitmentDate', 'salaryStep']);
    expect(errors.partyJoinDate).toContain('ngày vào Đảng');
  });

  it('keeps the clerk’s edits when the row moves on, unless the same field changed', async () => {
    const { draftFromRow, rebaseDraft } = await import('../../renderer/src/views/cadres/detail/recordDraft');
    const mine = { ...draftFromRow(row), homeTown: 'Long Phú' };
    const statusSaved = { ...row, version: 4, status: 'nghi_huu' };
    expect(rebaseDraft(mine, row, statusSaved)).toEqual(mine);
    const addressChanged = { ...row, version: 5, address: 'Phường 1' };
    expect(rebaseDraft(mine, row, addressChanged)).toEqual({ ...mine, address: 'Phường 1' });
    const homeTownChanged = { ...row, version: 5, homeTown: 'Kế Sách' };
    expect(rebaseDraft(mine, row, homeTownChanged)).toBeNull();
  });
});

describe('highest qualification by category (detail panel)', () => {
  it('takes the highest rank held on the date, ignoring deleted and later awards', async () => {
    const { highestByCategory } = await import('../../renderer/src/views/cadres/detail/qualificationFields');
    const { CODE_LIST_SEEDS } = await import('../../shared/domain/codes');
    const codes = Object.entries(CODE_LIST_SEEDS).flatMap(([list, entries]) => entries.map((e) => ({ list, key: e.key, rank: e.rank ?? 0 })));
    const ref = { codes } as unknown as Parameters<typeof highestByCategory>[0];
    const q = (id: number, category: string, levelKey: string, awardDate: string | null, deletedAt: string | null = null) =>
      ({ id, version: 1, cadreId: 1, category, levelKey, field: null, institution: null, awardDate, language: null, fluency: null, certificateNo: null, source: 'manual', sourceRef: null, note: null, deletedAt });
    const quals = [
      q(1, 'chuyen_mon', 'dai_hoc', '2001'),
      q(2, 'chuyen_mon', 'thac_si', '2012-06'),
      q(3, 'chuyen_mon', 'tien_si', '2026-01-10'), // awarded after the date asked
      q(4, 'ly_luan_chinh_tri', 'cao_cap', '2020-12-15', '2025-01-01T00:00:00Z'), // deleted
      q(5, 'ly_luan_chinh_tri', 'trung_cap', '2010'),
      q(6, 'ngoai_ngu', 'chung_chi_b', '2005'), // old B certificate (rank 25) below bậc 3 (rank 30)
      q(7, 'ngoai_ngu', 'bac_3', '2018'),
    ];
    expect(highestByCategory(ref, quals, '2025-12-31').map((h) => [h.category, h.q.levelKey])).toEqual([
      ['chuyen_mon', 'thac_si'],
      ['ly_luan_chinh_tri', 'trung_cap'],
      ['ngoai_ngu', 'bac_3'],
    ]);
  });
});
