// The clerks' clock: Vietnam, UTC+7 all year. Set before any Date is made so local days are deterministic.
process.env.TZ = 'Asia/Ho_Chi_Minh';

import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import type { AppDb } from '../../db/open';

const codeRow = (db: AppDb, list: string, key: string) =>
  db.sqlite.prepare('select id, version, name from code_lists where list = ? and key = ?').get(list, key) as { id: number; version: number; name: string };

describe('code lists', () => {
  let db: AppDb;
  let api: ReturnType<typeof testApi>;
  beforeEach(async () => {
    db = await openTestDb();
    api = testApi(db, { actor: 'chuyên viên Lan', role: 'clerk' });
  });

  it('adds an entry with an audit row, and refuses a key already in the list', async () => {
    const entry = await api.call('codes.create', { list: 'religion', key: 'buu_son_ky_huong', name: 'Bửu Sơn Kỳ Hương', rank: 20 });
    expect(entry).toMatchObject({ list: 'religion', key: 'buu_son_ky_huong', name: 'Bửu Sơn Kỳ Hương', rank: 20, active: true, system: false, version: 1 });
    const audit = db.sqlite.prepare("select action, actor from audit_log where entity = 'code_list' and entity_id = ?").all(entry.id);
    expect(audit).toEqual([{ action: 'create', actor: 'chuyên viên Lan' }]);

    const dup = await api.fail('codes.create', { list: 'ethnicity', key: 'kinh', name: 'Kinh (trùng)' });
    expect(dup.kind).toBe('validation');
    expect(dup.fieldErrors.key).toBe('Mã đã tồn tại.');
    // The same key in another list is a different entry.
    await api.call('codes.create', { list: 'religion', key: 'kinh', name: 'Không phải dân tộc' });
  });

  it('refuses an entry in a list that does not exist', async () => {
    const err = await api.fail('codes.create', { list: 'ethnicty', key: 'x', name: 'X' });
    expect(err.fieldErrors.list).toBeDefined();
  });

  it('updates with the version read; a stale version is a conflict with the current entry', async () => {
    const khmer = codeRow(db, 'ethnicity', 'khmer');
    const updated = await api.call('codes.update', { id: khmer.id, version: khmer.version, changes: { name: 'Khmer', rank: 5.5 } });
    expect(updated).toMatchObject({ name: 'Khmer', rank: 5.5, version: khmer.version + 1, key: 'khmer', code: '05' });
    const stale = await api.fail('codes.update', { id: khmer.id, version: khmer.version, changes: { name: 'Khơ Me' } });
    expect(stale.kind).toBe('conflict');
    expect((stale.current as { name: string }).name).toBe('Khmer');
    expect(codeRow(db, 'ethnicity', 'khmer').name).toBe('Khmer');
    const audit = db.sqlite
      .prepare("select field, old_value as o, new_value as n from audit_log where entity = 'code_list' and entity_id = ? order by id")
      .all(khmer.id);
    expect(audit).toEqual([
      { field: 'name', o: 'Khơ-me', n: 'Khmer' },
      { field: 'rank', o: '5', n: '5.5' },
    ]);
  });

  it('sets and clears the markers the rules read, keeping the others, with one audit row per marker', async () => {
    const tienSi = db.sqlite.prepare("select id, version, attrs from code_lists where list = 'level.chuyen_mon' and key = 'tien_si'").get() as { id: number; version: number; attrs: string };
    expect(JSON.parse(tienSi.attrs)).toEqual({ postgraduate: true, doctorate: true });
    const cleared = await api.call('codes.update', { id: tienSi.id, version: tienSi.version, changes: { attrs: { postgraduate: false } } });
    expect(cleared.attrs).toEqual({ doctorate: true });
    const daiHoc = db.sqlite.prepare("select id, version from code_lists where list = 'level.chuyen_mon' and key = 'dai_hoc'").get() as { id: number; version: number };
    const set = await api.call('codes.update', { id: daiHoc.id, version: daiHoc.version, changes: { attrs: { postgraduate: true } } });
    expect(set.attrs).toEqual({ postgraduate: true });
    const audit = db.sqlite
      .prepare("select entity_id as id, field, old_value as o, new_value as n from audit_log where entity = 'code_list' order by rowid")
      .all();
    expect(audit).toEqual([
      { id: tienSi.id, field: 'attrs.postgraduate', o: 'true', n: 'false' },
      { id: daiHoc.id, field: 'attrs.postgraduate', o: 'false', n: 'true' },
    ]);
  });

  it('saves a paste into the grid as one batch, all rows or none', async () => {
    const kinh = codeRow(db, 'ethnicity', 'kinh');
    const tay = codeRow(db, 'ethnicity', 'tay');
    const stale = await api.fail('codes.bulkUpdate', {
      kind: 'paste',
      items: [
        { id: kinh.id, version: kinh.version, changes: { name: 'Việt (Kinh)' } },
        { id: tay.id, version: tay.version + 5, changes: { name: 'Tày (sai)' } },
      ],
    });
    expect(stale.kind).toBe('conflict');
    expect(codeRow(db, 'ethnicity', 'kinh').name).toBe('Kinh');

    const saved = await api.call('codes.bulkUpdate', {
      kind: 'paste',
      items: [
        { id: kinh.id, version: kinh.version, changes: { name: 'Việt (Kinh)' } },
        { id: tay.id, version: tay.version, changes: { code: '' } },
      ],
    });
    expect(saved.map((e) => [e.key, e.name, e.code])).toEqual([['kinh', 'Việt (Kinh)', '01'], ['tay', 'Tày', null]]);
    const rows = db.sqlite
      .prepare("select a.field, b.description from audit_log a join change_batches b on b.id = a.batch_id where a.entity = 'code_list' order by a.id")
      .all();
    expect(rows).toEqual([
      { field: 'name', description: 'Dán vào danh mục: 2 mục' },
      { field: 'code', description: 'Dán vào danh mục: 2 mục' },
    ]);
  });
});

describe('audit trail', () => {
  let db: AppDb;
  let ids: { hong: number; an: number; unit: number };

  beforeEach(async () => {
    db = await openTestDb();
    const lan = testApi(db, { actor: 'Lan', role: 'clerk' });
    const minh = testApi(db, { actor: 'Minh', role: 'clerk' });
    const unit = await lan.call('units.create', { name: 'Sở Nội vụ', kind: 'chinh_quyen', level: 'tinh' });
    const hong = await lan.call('cadres.create', { fields: { fullName: 'Nguyễn Thị Hồng', sex: 'nu', category: 'cong_chuc' } });
    const an = await lan.call('cadres.create', { fields: { fullName: 'Trần Văn An', sex: 'nam', category: 'cong_chuc' } });
    await minh.call('cadres.update', { id: hong.id, version: hong.version, changes: { birthDate: '1985-04-12' } });
    await minh.call('cadres.update', { id: an.id, version: an.version, changes: { homeTown: 'Mỹ Xuyên' } });
    await lan.call('units.update', { id: unit.id, version: unit.version, changes: { name: 'Sở Nội vụ tỉnh' } });
    ids = { hong: hong.id, an: an.id, unit: unit.id };
    // Rows in insertion order: 1 unit create, 2 Hồng create, 3 An create, 4 Hồng birthDate, 5 An homeTown, 6 unit name.
    const at = ['2025-03-09T12:00:00.000Z', '2025-03-10T16:59:59.000Z', '2025-03-10T17:00:00.000Z', '2025-03-11T16:30:00.000Z', '2025-03-11T17:30:00.000Z', '2025-03-20T03:00:00.000Z'];
    const set = db.sqlite.prepare('update audit_log set at = ? where id = ?');
    at.forEach((t, i) => set.run(t, i + 1));
  });

  const fieldsOf = (r: { rows: { field: string | null; entity: string; action: string }[] }) => r.rows.map((x) => `${x.entity}.${x.action}.${x.field ?? ''}`);

  it('lists newest first with the cadre name and the unit name', async () => {
    const api = testApi(db);
    const all = await api.call('audit.list', {});
    expect(all.total).toBe(6);
    expect(fieldsOf(all)).toEqual(['unit.update.name', 'cadre.update.homeTown', 'cadre.update.birthDate', 'cadre.create.', 'cadre.create.', 'unit.create.']);
    expect(all.rows[2]).toMatchObject({ actor: 'Minh', cadreName: 'Nguyễn Thị Hồng', oldValue: null, newValue: '1985-04-12' });
    expect(all.rows[0]).toMatchObject({ entityName: 'Sở Nội vụ tỉnh', oldValue: 'Sở Nội vụ', newValue: 'Sở Nội vụ tỉnh', cadreName: null });
  });

  it('filters by cadre, by a diacritic-free name search, by entity and by actor', async () => {
    const api = testApi(db);
    expect(fieldsOf(await api.call('audit.list', { cadreId: ids.hong }))).toEqual(['cadre.update.birthDate', 'cadre.create.']);
    expect(fieldsOf(await api.call('audit.list', { cadreQuery: 'nguyen hong' }))).toEqual(['cadre.update.birthDate', 'cadre.create.']);
    expect((await api.call('audit.list', { cadreQuery: 'xyz' })).total).toBe(0);
    expect(fieldsOf(await api.call('audit.list', { entity: 'unit' }))).toEqual(['unit.update.name', 'unit.create.']);
    expect(fieldsOf(await api.call('audit.list', { actor: 'Minh' }))).toEqual(['cadre.update.homeTown', 'cadre.update.birthDate']);
    expect(await api.call('audit.actors', {})).toEqual(['Lan', 'Minh']);
  });

  it('filters by whole local days (UTC+7 here)', async () => {
    const api = testApi(db);
    // Local 11/03/2025 runs from 2025-03-10T17:00Z to 2025-03-11T17:00Z (exclusive): rows 3 and 4.
    const day = await api.call('audit.list', { fromDate: '2025-03-11', toDate: '2025-03-11' });
    expect(day.rows.map((r) => r.id)).toEqual([4, 3]);
    // From 12/03 on: rows 5 (00:30 on 12/03 local) and 6.
    expect((await api.call('audit.list', { fromDate: '2025-03-12' })).rows.map((r) => r.id)).toEqual([6, 5]);
    // Up to 10/03: rows 1 and 2 (23:59:59 on 10/03 local).
    expect((await api.call('audit.list', { toDate: '2025-03-10' })).rows.map((r) => r.id)).toEqual([2, 1]);
  });

  it('pages with limit and offset, reporting the total', async () => {
    const api = testApi(db);
    const first = await api.call('audit.list', { limit: 4 });
    const second = await api.call('audit.list', { limit: 4, offset: 4 });
    expect(first.total).toBe(6);
    expect(first.rows.map((r) => r.id)).toEqual([6, 5, 4, 3]);
    expect(second.rows.map((r) => r.id)).toEqual([2, 1]);
  });
});

describe('audit wording (renderer/src/views/audit/labels.ts)', async () => {
  const { auditFieldLabel, formatAuditValue, formatTimestamp, recordLabel } = await import('../../renderer/src/views/audit/labels');
  const names: Record<string, string> = { 'ethnicity/khmer': 'Khơ-me', 'level.chuyen_mon/thac_si': 'Thạc sĩ', 'religion/khong': 'Không' };
  const lookup = { label: (list: string, key: string | null | undefined) => names[`${list}/${key}`] ?? String(key), unitName: (id: number | null | undefined) => (id === 7 ? 'Sở Nội vụ' : '') };
  const row = (entity: string, field: string | null, entityGroup: string | null = null) => ({ entity, field, entityGroup });

  it('names fields in Vietnamese, per entity where one name means two things', () => {
    expect(auditFieldLabel('cadre', 'fullName')).toBe('Họ và tên');
    expect(auditFieldLabel('cadre', 'category')).toBe('Loại cán bộ');
    expect(auditFieldLabel('qualification', 'category')).toBe('Loại trình độ');
    expect(auditFieldLabel('cadre_flag', 'bac_si')).toBe('Bác sĩ');
    expect(auditFieldLabel('code_list', 'attrs.postgraduate')).toBe('Sau đại học');
  });

  it('shows dates as dd/mm/yyyy, keys by name, units by name, markers as Có/Không', () => {
    expect(formatAuditValue(row('cadre', 'birthDate'), '1986-05-01', lookup)).toBe('01/05/1986');
    expect(formatAuditValue(row('cadre', 'birthDate'), '1986', lookup)).toBe('1986');
    expect(formatAuditValue(row('cadre', 'ethnicity'), 'khmer', lookup)).toBe('Khơ-me');
    expect(formatAuditValue(row('cadre', 'sex'), 'nu', lookup)).toBe('Nữ');
    expect(formatAuditValue(row('qualification', 'levelKey', 'chuyen_mon'), 'thac_si', lookup)).toBe('Thạc sĩ');
    expect(formatAuditValue(row('assignment', 'unitId'), '7', lookup)).toBe('Sở Nội vụ');
    expect(formatAuditValue(row('code_list', 'attrs.postgraduate'), 'false', lookup)).toBe('Không');
    expect(formatAuditValue(row('cadre', 'salaryCoefficient'), '4.98', lookup)).toBe('4,98');
  });

  it('summarises a created record with labels, leaving out what means nothing to a clerk', () => {
    const created = JSON.stringify({ id: 3, fullName: 'Nguyễn Thị Hồng', sex: 'nu', birthDate: '1985-04-12', religion: 'khong', note: null, flags: [] });
    expect(formatAuditValue(row('cadre', null), created, lookup)).toBe('Họ và tên: Nguyễn Thị Hồng; Giới tính: Nữ; Ngày sinh: 12/04/1985; Tôn giáo: Không');
    // A qualification's level is named through the category in the same record.
    expect(formatAuditValue(row('qualification', null), JSON.stringify({ category: 'chuyen_mon', levelKey: 'thac_si' }), lookup)).toBe('Loại trình độ: Chuyên môn; Trình độ: Thạc sĩ');
  });

  it('writes the local time and names the record', () => {
    // TZ is Asia/Ho_Chi_Minh (UTC+7) in this file.
    expect(formatTimestamp('2025-03-10T17:05:00.000Z')).toBe('11/03/2025 00:05');
    const base = { id: 1, at: '', actor: '', action: 'update', entityId: 9, cadreId: null, cadreName: null, field: null, oldValue: null, newValue: null, batchId: null, batchDescription: null };
    expect(recordLabel({ ...base, entity: 'code_list', entityName: 'Khmer', entityGroup: 'ethnicity' })).toBe('Dân tộc: Khmer');
    expect(recordLabel({ ...base, entity: 'unit', entityName: 'Sở Nội vụ', entityGroup: null })).toBe('Sở Nội vụ');
    expect(recordLabel({ ...base, entity: 'rotation', entityName: null, entityGroup: null })).toBe('Luân chuyển #9');
  });
});
