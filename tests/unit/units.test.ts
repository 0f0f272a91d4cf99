import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import type { AppDb } from '../../db/open';

// A hand-made tree: Tỉnh ủy > {Ban A > Phòng A1, Ban B}. Every expected value below is written out by hand.

interface ParentRow { parentId: number | null; fromDate: string | null; toDate: string | null }
const parentRows = (db: AppDb, unitId: number) =>
  db.sqlite.prepare('select parent_id as parentId, from_date as fromDate, to_date as toDate from unit_parents where unit_id = ? order by id').all(unitId) as ParentRow[];
const auditRows = (db: AppDb, entity: string, entityId: number) =>
  db.sqlite.prepare('select action, field, old_value as oldValue, new_value as newValue, actor from audit_log where entity = ? and entity_id = ? order by id').all(entity, entityId) as {
    action: string; field: string | null; oldValue: string | null; newValue: string | null; actor: string;
  }[];

describe('unit services', () => {
  let db: AppDb;
  let api: ReturnType<typeof testApi>;
  let ids: { province: number; a: number; a1: number; b: number };

  beforeEach(async () => {
    db = await openTestDb();
    api = testApi(db, { actor: 'chuyên viên Lan', role: 'clerk' });
    const province = await api.call('units.create', { name: 'Tỉnh ủy', kind: 'dang', level: 'tinh', validFrom: '2000-01-01' });
    const a = await api.call('units.create', { name: 'Ban A', kind: 'dang', level: 'tinh', parentId: province.id, validFrom: '2000-01-01' });
    const a1 = await api.call('units.create', { name: 'Phòng A1', kind: 'dang', level: 'tinh', parentId: a.id, validFrom: '2010-05-01' });
    const b = await api.call('units.create', { name: 'Ban B', kind: 'dang', level: 'tinh', parentId: province.id, validFrom: '2000-01-01' });
    ids = { province: province.id, a: a.id, a1: a1.id, b: b.id };
  });

  const version = (id: number) => (db.sqlite.prepare('select version as v from units where id = ?').get(id) as { v: number }).v;
  const addCadre = (name: string, unitId: number, fromDate = '2015-01-01') =>
    api.call('cadres.create', { fields: { fullName: name, sex: 'nam', category: 'cong_chuc' }, assignment: { unitId, fromDate, postTitle: 'Chuyên viên' } });

  it('creates a unit with its first dated parent row and an audit row by the caller', async () => {
    expect(parentRows(db, ids.a1)).toEqual([{ parentId: ids.a, fromDate: '2010-05-01', toDate: null }]);
    const audit = auditRows(db, 'unit', ids.a1);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', field: null, actor: 'chuyên viên Lan' });
    expect(JSON.parse(audit[0].newValue!)).toMatchObject({ name: 'Phòng A1', parentId: ids.a });
  });

  it('refuses a child under a closed unit', async () => {
    await api.call('units.close', { id: ids.b, version: version(ids.b), validTo: '2025-06-30' });
    const err = await api.fail('units.create', { name: 'Phòng B1', kind: 'dang', level: 'tinh', parentId: ids.b });
    expect(err.kind).toBe('validation');
    expect(err.message).toContain('đã kết thúc hoạt động');
  });

  it('renames with the version read, and refuses a stale version as a conflict carrying the current record', async () => {
    const renamed = await api.call('units.update', { id: ids.a, version: 1, changes: { name: 'Ban Tổ chức', shortName: 'BTC' } });
    expect(renamed).toMatchObject({ name: 'Ban Tổ chức', shortName: 'BTC', version: 2 });
    const err = await api.fail('units.update', { id: ids.a, version: 1, changes: { name: 'Ban khác' } });
    expect(err.kind).toBe('conflict');
    expect((err.current as { name: string }).name).toBe('Ban Tổ chức');
    const audit = auditRows(db, 'unit', ids.a).filter((r) => r.action === 'update');
    expect(audit.map((r) => [r.field, r.oldValue, r.newValue])).toEqual([
      ['name', 'Ban A', 'Ban Tổ chức'],
      ['shortName', null, 'BTC'],
    ]);
  });

  it('a corrected founding date also starts the first parent period, but not after a later move', async () => {
    await api.call('units.update', { id: ids.a1, version: version(ids.a1), changes: { validFrom: '2010-01-15' } });
    expect(parentRows(db, ids.a1)).toEqual([{ parentId: ids.a, fromDate: '2010-01-15', toDate: null }]);
    await api.call('units.move', { id: ids.a1, version: version(ids.a1), parentId: ids.b, effectiveDate: '2012-01-01' });
    const err = await api.fail('units.update', { id: ids.a1, version: version(ids.a1), changes: { validFrom: '2013-01-01' } });
    expect(err.fieldErrors.validFrom).toContain('01/01/2012');
    expect(parentRows(db, ids.a1)[0]).toEqual({ parentId: ids.a, fromDate: '2010-01-15', toDate: '2011-12-31' });
  });

  it('refuses a move into itself or below itself', async () => {
    const self = await api.fail('units.move', { id: ids.a, version: version(ids.a), parentId: ids.a, effectiveDate: '2024-01-01' });
    expect(self.fieldErrors.parentId).toContain('vòng lặp');
    const below = await api.fail('units.move', { id: ids.a, version: version(ids.a), parentId: ids.a1, effectiveDate: '2024-01-01' });
    expect(below.fieldErrors.parentId).toContain('vòng lặp');
    expect((db.sqlite.prepare('select parent_id as p from units where id = ?').get(ids.a) as { p: number }).p).toBe(ids.province);
  });

  it('moves a unit with dated parent rows: the old one ends the day before', async () => {
    const moved = await api.call('units.move', { id: ids.a1, version: version(ids.a1), parentId: ids.b, effectiveDate: '2024-03-01' });
    expect(moved.parentId).toBe(ids.b);
    expect(parentRows(db, ids.a1)).toEqual([
      { parentId: ids.a, fromDate: '2010-05-01', toDate: '2024-02-29' },
      { parentId: ids.b, fromDate: '2024-03-01', toDate: null },
    ]);
    const audit = auditRows(db, 'unit', ids.a1).filter((r) => r.action === 'update');
    expect(audit).toEqual([{ action: 'update', field: 'parentId', oldValue: String(ids.a), newValue: String(ids.b), actor: 'chuyên viên Lan' }]);
    expect(await api.call('units.parentHistory', { id: ids.a1 })).toEqual([
      { parentId: ids.a, fromDate: '2010-05-01', toDate: '2024-02-29' },
      { parentId: ids.b, fromDate: '2024-03-01', toDate: null },
    ]);
    // Not before the current parent period started.
    const early = await api.fail('units.move', { id: ids.a1, version: version(ids.a1), parentId: ids.a, effectiveDate: '2024-03-01' });
    expect(early.fieldErrors.effectiveDate).toBeDefined();
  });

  it('refuses to close a unit that still has open children', async () => {
    const err = await api.fail('units.close', { id: ids.a, version: version(ids.a), validTo: '2025-06-30' });
    expect(err.message).toContain('Phòng A1');
    expect((db.sqlite.prepare('select valid_to as t from units where id = ?').get(ids.a) as { t: string | null }).t).toBeNull();
  });

  it('refuses to close a unit with people assigned unless they move to a successor', async () => {
    await addCadre('Nguyễn Văn Một', ids.a1);
    const noSuccessor = await api.fail('units.close', { id: ids.a1, version: version(ids.a1), validTo: '2025-06-30' });
    expect(noSuccessor.message).toContain('Còn 1 người');
    const noMove = await api.fail('units.close', { id: ids.a1, version: version(ids.a1), validTo: '2025-06-30', successorId: ids.b });
    expect(noMove.fieldErrors.moveCadresToSuccessor).toBeDefined();
    // Someone who left before the closing day does not block it.
    const gone = await addCadre('Trần Thị Hai', ids.b);
    await api.call('assignments.update', {
      id: (db.sqlite.prepare('select id from assignments where cadre_id = ?').get(gone.id) as { id: number }).id,
      version: 1,
      changes: { toDate: '2020-12-31' },
    });
    await api.call('units.close', { id: ids.b, version: version(ids.b), validTo: '2025-06-30' });
  });

  it('closes with a successor, moving open assignments from the next day, and reopens', async () => {
    const one = await addCadre('Nguyễn Văn Một', ids.a1, '2015-01-01');
    const two = await addCadre('Lê Thị Hai', ids.a1, '2020-02-01');
    // Two's posting was already planned to end on 31/12/2026: the end date follows her to the successor.
    const twoAssignment = (db.sqlite.prepare('select id from assignments where cadre_id = ?').get(two.id) as { id: number }).id;
    await api.call('assignments.update', { id: twoAssignment, version: 1, changes: { toDate: '2026-12-31' } });

    const closed = await api.call('units.close', { id: ids.a1, version: version(ids.a1), validTo: '2025-06-30', successorId: ids.b, moveCadresToSuccessor: true });
    expect(closed).toMatchObject({ validTo: '2025-06-30', successorId: ids.b });

    const assignments = db.sqlite
      .prepare('select cadre_id as cadreId, unit_id as unitId, from_date as fromDate, to_date as toDate, source, post_title as post from assignments order by cadre_id, from_date')
      .all() as { cadreId: number; unitId: number; fromDate: string; toDate: string | null; source: string; post: string }[];
    expect(assignments).toEqual([
      { cadreId: one.id, unitId: ids.a1, fromDate: '2015-01-01', toDate: '2025-06-30', source: 'manual', post: 'Chuyên viên' },
      { cadreId: one.id, unitId: ids.b, fromDate: '2025-07-01', toDate: null, source: 'reorganisation', post: 'Chuyên viên' },
      { cadreId: two.id, unitId: ids.a1, fromDate: '2020-02-01', toDate: '2025-06-30', source: 'manual', post: 'Chuyên viên' },
      { cadreId: two.id, unitId: ids.b, fromDate: '2025-07-01', toDate: '2026-12-31', source: 'reorganisation', post: 'Chuyên viên' },
    ]);
    expect(parentRows(db, ids.a1)).toEqual([{ parentId: ids.a, fromDate: '2010-05-01', toDate: '2025-06-30' }]);

    // Headcounts follow the date asked.
    expect(await api.call('units.headcounts', { onDate: '2025-06-30' })).toEqual([{ unitId: ids.a1, count: 2 }]);
    expect(await api.call('units.headcounts', { onDate: '2025-07-01' })).toEqual([{ unitId: ids.b, count: 2 }]);

    // Audit: the unit's end and successor, and per person the old posting's end and the new posting.
    const unitAudit = auditRows(db, 'unit', ids.a1).filter((r) => r.action === 'update');
    expect(unitAudit.map((r) => [r.field, r.oldValue, r.newValue])).toEqual([
      ['validTo', null, '2025-06-30'],
      ['successorId', null, String(ids.b)],
    ]);
    const personAudit = db.sqlite
      .prepare("select action, field, new_value as newValue from audit_log where entity = 'assignment' and cadre_id = ? order by id")
      .all(one.id) as { action: string; field: string | null; newValue: string }[];
    expect(personAudit.map((r) => [r.action, r.field])).toEqual([['create', null], ['update', 'toDate'], ['create', null]]);
    expect(personAudit[1].newValue).toBe('2025-06-30');
    expect(JSON.parse(personAudit[2].newValue)).toMatchObject({ unitId: ids.b, fromDate: '2025-07-01' });

    // Reopen: the end, the successor and the parent row's end are cleared.
    const reopened = await api.call('units.reopen', { id: ids.a1, version: closed.version });
    expect(reopened).toMatchObject({ validTo: null, successorId: null });
    expect(parentRows(db, ids.a1)).toEqual([{ parentId: ids.a, fromDate: '2010-05-01', toDate: null }]);
    const reopenAudit = auditRows(db, 'unit', ids.a1).slice(-2);
    expect(reopenAudit.map((r) => [r.field, r.oldValue, r.newValue])).toEqual([
      ['validTo', '2025-06-30', null],
      ['successorId', String(ids.b), null],
    ]);
  });

  it('refuses to move people to a successor founded after the next day', async () => {
    await addCadre('Nguyễn Văn Một', ids.a1);
    const late = await api.call('units.create', { name: 'Ban mới', kind: 'dang', level: 'tinh', validFrom: '2025-08-01' });
    const err = await api.fail('units.close', { id: ids.a1, version: version(ids.a1), validTo: '2025-06-30', successorId: late.id, moveCadresToSuccessor: true });
    expect(err.fieldErrors.successorId).toContain('01/08/2025');
    // From the day after, it is fine.
    await api.call('units.update', { id: late.id, version: late.version, changes: { validFrom: '2025-07-01' } });
    await api.call('units.close', { id: ids.a1, version: version(ids.a1), validTo: '2025-06-30', successorId: late.id, moveCadresToSuccessor: true });
  });

  it('refuses to reopen a unit whose parent is closed', async () => {
    await api.call('units.close', { id: ids.a1, version: version(ids.a1), validTo: '2025-06-30' });
    await api.call('units.close', { id: ids.a, version: version(ids.a), validTo: '2025-06-30' });
    const err = await api.fail('units.reopen', { id: ids.a1, version: version(ids.a1) });
    expect(err.message).toContain('Ban A');
  });

  it('counts only the current assignment of non-deleted people', async () => {
    const one = await addCadre('Nguyễn Văn Một', ids.a, '2015-01-01');
    await addCadre('Lê Thị Hai', ids.a, '2016-01-01');
    await addCadre('Phạm Văn Ba', ids.b, '2016-01-01');
    // One transfers to B from 2024-01-01 (the open posting at A ends the day before).
    await api.call('assignments.create', { cadreId: one.id, unitId: ids.b, fromDate: '2024-01-01' });
    expect(await api.call('units.headcounts', { onDate: '2023-12-31' })).toEqual([
      { unitId: ids.a, count: 2 },
      { unitId: ids.b, count: 1 },
    ]);
    expect(await api.call('units.headcounts', { onDate: '2024-01-01' })).toEqual([
      { unitId: ids.a, count: 1 },
      { unitId: ids.b, count: 2 },
    ]);
    await api.call('cadres.delete', { ids: [one.id] });
    expect(await api.call('units.headcounts', { onDate: '2024-01-01' })).toEqual([
      { unitId: ids.a, count: 1 },
      { unitId: ids.b, count: 1 },
    ]);
  });
});
