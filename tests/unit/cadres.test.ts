import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import { seedSmall } from '../helpers/fixtures';
import type { AppDb } from '../../db/open';
import { compareVietnameseNames, foldVietnamese } from '../../shared/domain/text';
import { addDays, todayIso } from '../../shared/domain/dates';

let db: AppDb;
let api: ReturnType<typeof testApi>;
let s: ReturnType<typeof seedSmall>;
const audit = (entityId: number) =>
  db.sqlite.prepare(`select action, field, old_value as oldValue, new_value as newValue, actor, batch_id as batchId from audit_log where entity = 'cadre' and entity_id = ? order by id`).all(entityId) as any[];

beforeEach(async () => {
  db = await openTestDb();
  api = testApi(db);
  s = seedSmall(db);
});

describe('cadre records', () => {
  it('updates a field, bumps the version and writes one audit row with old and new value', async () => {
    const c = s.cadres[0];
    const row = await api.call('cadres.update', { id: c.id, version: c.version, changes: { homeTown: 'Kế Sách, Sóc Trăng' } });
    expect(row.version).toBe(c.version + 1);
    expect(row.homeTown).toBe('Kế Sách, Sóc Trăng');
    const rows = audit(c.id).filter((a) => a.action === 'update');
    expect(rows).toEqual([{ action: 'update', field: 'homeTown', oldValue: null, newValue: 'Kế Sách, Sóc Trăng', actor: 'hệ thống', batchId: null }]);
  });

  it('refuses a stale version as a conflict and changes nothing', async () => {
    const c = s.cadres[0];
    await api.call('cadres.update', { id: c.id, version: c.version, changes: { phone: '0912345678' } });
    const err = await api.fail('cadres.update', { id: c.id, version: c.version, changes: { phone: '0999999999' } });
    expect(err.kind).toBe('conflict');
    expect((err.current as any).phone).toBe('0912345678');
    const stored = db.sqlite.prepare('select phone from cadres where id = ?').get(c.id) as any;
    expect(stored.phone).toBe('0912345678');
  });

  it('refuses invalid values with Vietnamese messages per field', async () => {
    const c = s.cadres[0];
    const cases: [Record<string, unknown>, string, string][] = [
      [{ birthDate: '1985-02-31' }, 'birthDate', 'Ngày sinh không hợp lệ'],
      [{ birthDate: '2099-01-01' }, 'birthDate', 'tương lai'],
      [{ idNumber: '12345' }, 'idNumber', '12 chữ số'],
      [{ fullName: '   ' }, 'fullName', 'không được để trống'],
      [{ ethnicity: 'khong-co' }, 'ethnicity', 'không có trong danh mục'],
      [{ partyJoinDate: '1990-01-01' }, 'partyJoinDate', 'đủ 18 tuổi'],
      [{ sex: 'x' }, 'sex', 'Giới tính không hợp lệ'],
    ];
    for (const [changes, field, text] of cases) {
      const err = await api.fail('cadres.update', { id: c.id, version: c.version, changes });
      expect(err.kind, JSON.stringify(changes)).toBe('validation');
      expect(err.fieldErrors[`changes.${field}`] ?? err.fieldErrors[field], JSON.stringify(changes)).toContain(text);
    }
    expect(audit(c.id).filter((a) => a.action === 'update')).toHaveLength(0);
  });

  it('refuses an ID number that another live record has', async () => {
    const [a, b] = s.cadres;
    await api.call('cadres.update', { id: a.id, version: a.version, changes: { idNumber: '094085000123' } });
    const err = await api.fail('cadres.update', { id: b.id, version: b.version, changes: { idNumber: '094 085 000 123' } });
    expect(err.fieldErrors.idNumber).toContain(a.fullName);
  });

  it('applies a bulk update (a paste) in one transaction: all or nothing', async () => {
    const [a, b, c] = s.cadres;
    const err = await api.fail('cadres.bulkUpdate', {
      kind: 'paste',
      items: [
        { id: a.id, version: a.version, changes: { homeTown: 'Long Phú' } },
        { id: b.id, version: b.version, changes: { birthDate: '2100-01-01' } },
      ],
    });
    expect(err.fieldErrors['items.1.birthDate']).toBeTruthy();
    expect((db.sqlite.prepare('select home_town as h from cadres where id = ?').get(a.id) as any).h).toBeNull();

    const ok = await api.call('cadres.bulkUpdate', {
      kind: 'paste',
      items: [
        { id: a.id, version: a.version, changes: { homeTown: 'Long Phú' } },
        { id: c.id, version: c.version, changes: { homeTown: 'Vĩnh Châu', religion: 'phat_giao_nam_tong' } },
      ],
    });
    expect(ok.rows.map((r) => r.homeTown).sort()).toEqual(['Long Phú', 'Vĩnh Châu']);
    const batch = db.sqlite.prepare('select kind, description from change_batches where id = ?').get(ok.batchId) as any;
    expect(batch.kind).toBe('paste');
    const batched = db.sqlite.prepare('select count(*) as n from audit_log where batch_id = ?').get(ok.batchId) as any;
    expect(batched.n).toBe(3);
  });

  it('refuses two rows of one paste giving the same ID number', async () => {
    const [a, b] = s.cadres;
    const err = await api.fail('cadres.bulkUpdate', {
      items: [
        { id: a.id, version: a.version, changes: { idNumber: '094085000999' } },
        { id: b.id, version: b.version, changes: { idNumber: '094085000999' } },
      ],
    });
    expect(err.fieldErrors['items.1.idNumber']).toContain('trùng');
  });

  it('soft-deletes and restores, hiding deleted records from the list', async () => {
    const [a] = s.cadres;
    await api.call('cadres.delete', { ids: [a.id] });
    expect((await api.call('cadres.list', {})).map((r) => r.id)).not.toContain(a.id);
    const all = await api.call('cadres.list', { includeDeleted: true });
    expect(all.find((r) => r.id === a.id)?.deletedAt).toBeTruthy();
    const err = await api.fail('cadres.update', { id: a.id, version: a.version + 1, changes: { phone: '0912345678' } });
    expect(err.message).toContain('đã bị xoá');
    await api.call('cadres.restore', { ids: [a.id] });
    expect((await api.call('cadres.list', {})).map((r) => r.id)).toContain(a.id);
    expect(audit(a.id).map((x) => x.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('keeps roles as dated history: ticking opens from today, unticking closes yesterday', async () => {
    const [a] = s.cadres;
    const r1 = await api.call('cadres.update', { id: a.id, version: a.version, changes: { flags: { lanh_dao_phong: true } } });
    expect(r1.flags).toEqual(['lanh_dao_phong']);
    // Move the role's start back so unticking closes it rather than deleting a same-day mistake.
    db.sqlite.prepare(`update cadre_flags set from_date = '2020-01-01' where cadre_id = ?`).run(a.id);
    const r2 = await api.call('cadres.update', { id: a.id, version: r1.version, changes: { flags: { lanh_dao_phong: false } } });
    expect(r2.flags).toEqual([]);
    const period = db.sqlite.prepare('select from_date as f, to_date as t from cadre_flags where cadre_id = ?').get(a.id) as any;
    expect(period).toEqual({ f: '2020-01-01', t: addDays(todayIso(), -1) });
    const past = await api.call('cadres.list', { onDate: '2021-06-30' });
    expect(past.find((r) => r.id === a.id)?.flags).toEqual(['lanh_dao_phong']);
  });

  it('derives highest levels, unit and status for a date from the dated history', async () => {
    const [a] = s.cadres;
    await api.call('qualifications.create', { cadreId: a.id, category: 'chuyen_mon', levelKey: 'dai_hoc', awardDate: '2007-06-30', field: 'Luật' });
    await api.call('qualifications.create', { cadreId: a.id, category: 'chuyen_mon', levelKey: 'thac_si', awardDate: '2024-03-31', field: 'Quản lý công' });
    await api.call('qualifications.create', { cadreId: a.id, category: 'ly_luan_chinh_tri', levelKey: 'cao_cap', awardDate: '2020' });
    const before = (await api.call('cadres.list', { onDate: '2024-03-30' })).find((r) => r.id === a.id)!;
    const on = (await api.call('cadres.list', { onDate: '2024-03-31' })).find((r) => r.id === a.id)!;
    expect([before.professionalLevel, before.professionalField]).toEqual(['dai_hoc', 'Luật']);
    expect([on.professionalLevel, on.professionalField, on.politicalLevel]).toEqual(['thac_si', 'Quản lý công', 'cao_cap']);
    const fresh = (await api.call('cadres.list', {})).find((r) => r.id === a.id)!;
    await api.call('cadres.setStatus', { id: a.id, version: fresh.version, status: 'nghi_huu', effectiveDate: '2025-01-01' });
    const rows = await api.call('cadres.list', { onDate: '2025-01-01' });
    expect(rows.find((r) => r.id === a.id)?.status).toBe('nghi_huu');
    expect((await api.call('cadres.list', { onDate: '2024-12-31' })).find((r) => r.id === a.id)?.status).toBe('dang_cong_tac');
  });

  it('creates a cadre with an assignment and refuses a closed unit', async () => {
    await api.call('units.close', { id: s.commune.id, version: s.commune.version, validTo: '2025-06-30', successorId: s.board.id, moveCadresToSuccessor: true });
    const err = await api.fail('cadres.create', {
      fields: { fullName: 'Sơn Thị Mỹ', sex: 'nu', category: 'can_bo' },
      assignment: { unitId: s.commune.id, fromDate: '2025-08-01' },
    });
    expect(err.fieldErrors['assignment.unitId']).toContain('kết thúc hoạt động');
    expect((await api.call('cadres.list', {})).some((r) => r.fullName === 'Sơn Thị Mỹ')).toBe(false);
  });

  it('returns list rows that search and sort as clerks expect', async () => {
    const rows = await api.call('cadres.list', {});
    const found = rows.filter((r) => foldVietnamese(r.fullName).includes(foldVietnamese('thach thi sa rinh')));
    expect(found.map((r) => r.fullName)).toEqual(['Thạch Thị Sa Rinh']);
    expect(rows.map((r) => r.fullName).sort(compareVietnameseNames)[0]).toBe('Trần Văn An');
  });

  it('refuses unknown calls, bad payloads and viewers writing, through the envelope', async () => {
    expect((await api.dispatch('cadres.drop', {}, { actor: 'x', role: 'admin' })).ok).toBe(false);
    const bad = await api.dispatch('cadres.update', { id: 'abc', version: -1, changes: [] }, { actor: 'x', role: 'admin' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.kind).toBe('validation');
    const viewer = await api.dispatch('cadres.update', { id: s.cadres[0].id, version: 1, changes: { phone: '0912345678' } }, { actor: 'xem', role: 'viewer' });
    expect(viewer.ok).toBe(false);
    if (!viewer.ok) expect(viewer.error.kind).toBe('forbidden');
  });
});
