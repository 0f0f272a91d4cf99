import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import { seedSmall } from '../helpers/fixtures';
import type { AppDb } from '../../db/open';

// Expected values are worked out by hand in the comments; nothing here asks the code under test for them.

type Api = ReturnType<typeof testApi>;
let db: AppDb;
let api: Api;
let s: ReturnType<typeof seedSmall>;
let id: Record<string, number>;

const assignmentsOf = (cadreId: number) =>
  db.sqlite
    .prepare(`select unit_id as unitId, from_date as fromDate, to_date as toDate, source, source_ref as sourceRef
                from assignments where cadre_id = ? and deleted_at is null order by from_date`)
    .all(cadreId);

/** A planning record so the "in planning" rule is met, leaving only the rule under test to warn. */
async function plan(cadreId: number, from = 2020, to = 2030) {
  await api.call('planning.create', { cadreId, level: 'tinh', periodFrom: from, periodTo: to, positionCode: 'truong_phong', postTitle: 'Trưởng phòng' });
}

const rotation = (over: Record<string, unknown> = {}) => ({
  cadreId: id['Trần Văn An'],
  type: 'luan_chuyen' as const,
  toUnitId: s.commune.id,
  toPostTitle: 'Phó Chủ tịch UBND xã',
  plannedStart: '2025-03-01',
  plannedEnd: '2028-02-29',
  ...over,
});

beforeEach(async () => {
  db = await openTestDb();
  api = testApi(db);
  s = seedSmall(db);
  id = Object.fromEntries(s.cadres.map((c) => [c.fullName, c.id]));
});

describe('hard checks', () => {
  it('refuses an end before the start', async () => {
    await plan(id['Trần Văn An']);
    const e = await api.fail('rotations.create', rotation({ plannedStart: '2025-03-01', plannedEnd: '2025-02-28' }));
    expect(e.kind).toBe('validation');
    expect(e.fieldErrors.plannedEnd).toMatch(/phải sau ngày bắt đầu/);
  });

  it('refuses two rotations of the same cadre that overlap, accepts the adjacent one', async () => {
    await plan(id['Trần Văn An']);
    await api.call('rotations.create', rotation({ plannedStart: '2025-01-01', plannedEnd: '2027-12-31' }));
    const e = await api.fail('rotations.create', rotation({ toUnitId: s.province.id, plannedStart: '2027-12-31', plannedEnd: '2031-01-01' }));
    expect(e.fieldErrors.plannedStart).toMatch(/Trùng thời gian với đợt luân chuyển đến UBND xã Lai Hòa \(01\/01\/2025 - 31\/12\/2027\)/);
    // The day after the first one ends is free.
    const next = await api.call('rotations.create', rotation({ toUnitId: s.province.id, plannedStart: '2028-01-01', plannedEnd: '2030-12-31' }));
    expect(next.status).toBe('planned');
    // Another cadre may rotate in the same period.
    await plan(id['Phạm Quốc Bảo']);
    await api.call('rotations.create', rotation({ cadreId: id['Phạm Quốc Bảo'], plannedStart: '2025-01-01', plannedEnd: '2027-12-31' }));
  });

  it('does not count a cancelled rotation as an overlap', async () => {
    await plan(id['Trần Văn An']);
    const r = await api.call('rotations.create', rotation());
    await api.call('rotations.cancel', { id: r.id, version: r.version, reason: 'Thay đổi nhân sự' });
    await api.call('rotations.create', rotation());
  });
});

describe('rule warnings (Quy định 65-QĐ/TW)', () => {
  it('warns under 36 months, refuses without a reason and stores the reason with the warning', async () => {
    await plan(id['Trần Văn An']);
    // 01/03/2025 - 28/02/2027 inclusive = 24 full months.
    const short = rotation({ plannedStart: '2025-03-01', plannedEnd: '2027-02-28' });
    const check = await api.call('rotations.check', short);
    expect(check.ruleSet?.code).toBe('65-QĐ/TW');
    expect(check.warnings.map((w) => w.rule)).toEqual(['min_months']);
    expect(check.warnings[0].message).toContain('24 tháng');
    expect(check.warnings[0].message).toContain('65-QĐ/TW');

    const e = await api.fail('rotations.create', short);
    expect(e.kind).toBe('validation');
    expect(e.fieldErrors.overrideReason).toBeTruthy();
    expect(e.fieldErrors.plannedEnd).toContain('24 tháng');
    expect(db.sqlite.prepare('select count(*) as n from rotations').get()).toEqual({ n: 0 });

    const saved = await api.call('rotations.create', { ...short, overrideReason: 'Yêu cầu kiện toàn gấp theo Kết luận của Ban Thường vụ' });
    expect(saved.overrideReason).toBe('Yêu cầu kiện toàn gấp theo Kết luận của Ban Thường vụ');
    expect(saved.overriddenWarnings.map((w) => w.rule)).toEqual(['min_months']);
    expect(saved.warnings.map((w) => w.rule)).toEqual(['min_months']);
  });

  it('counts the minimum length with inclusive end dates', async () => {
    await plan(id['Trần Văn An']);
    // 01/01/2025 - 31/12/2027 is exactly 36 months; a day less is 35.
    const exact = await api.call('rotations.check', rotation({ plannedStart: '2025-01-01', plannedEnd: '2027-12-31' }));
    expect(exact.warnings).toEqual([]);
    const dayLess = await api.call('rotations.check', rotation({ plannedStart: '2025-01-01', plannedEnd: '2027-12-30' }));
    expect(dayLess.warnings.map((w) => w.message)).toEqual([expect.stringContaining('35 tháng')]);
  });

  it('warns when the cadre is not in planning for the start year', async () => {
    const r1 = await api.call('rotations.check', rotation());
    expect(r1.warnings.map((w) => w.rule)).toEqual(['in_planning']);
    await plan(id['Trần Văn An'], 2026, 2030); // does not cover 2025
    const r2 = await api.call('rotations.check', rotation());
    expect(r2.warnings.map((w) => w.rule)).toEqual(['in_planning']);
    await plan(id['Trần Văn An'], 2020, 2025);
    const r3 = await api.call('rotations.check', rotation());
    expect(r3.warnings).toEqual([]);
  });

  it('computes the working time left with the retirement schedule (men)', async () => {
    const duc = id['Lâm Văn Đức']; // nam, sinh 30/12/1975: born after 04/1966 -> 62 years -> retires 30/12/2037
    await plan(duc, 2026, 2031);
    const ok = await api.call('rotations.check', rotation({ cadreId: duc, plannedStart: '2027-12-30', plannedEnd: '2030-12-29' }));
    expect(ok.retirementDate).toBe('2037-12-30');
    expect(ok.warnings).toEqual([]); // exactly 10 years left
    const late = await api.call('rotations.check', rotation({ cadreId: duc, plannedStart: '2028-01-02', plannedEnd: '2031-01-01' }));
    expect(late.warnings.map((w) => w.rule)).toEqual(['min_years_before_retirement']);
    // 02/01/2028 -> 30/12/2037: 9 years 11 months
    expect(late.warnings[0].message).toContain('9 năm 11 tháng');
    expect(late.warnings[0].message).toContain('30/12/2037');
  });

  it('uses the transition bands for people born in the schedule years (women and men)', async () => {
    // Nữ sinh 15/05/1972: band 01/1972-08/1972 = 58 years 4 months -> retires 15/09/2030.
    const woman = await api.call('cadres.create', { fields: { fullName: 'Trương Thị Mai', sex: 'nu', birthDate: '1972-05-15', category: 'can_bo' }, assignment: { unitId: s.board.id, fromDate: '2010-01-01' } });
    // Nam sinh 10/08/1962: band 07/1962-03/1963 = 60 years 9 months -> retires 10/05/2023.
    const man = await api.call('cadres.create', { fields: { fullName: 'Đặng Văn Tâm', sex: 'nam', birthDate: '1962-08-10', category: 'can_bo' }, assignment: { unitId: s.board.id, fromDate: '2010-01-01' } });
    await plan(woman.id, 2018, 2023);
    const w1 = await api.call('rotations.check', rotation({ cadreId: woman.id, plannedStart: '2020-09-15', plannedEnd: '2023-09-14' }));
    expect(w1.retirementDate).toBe('2030-09-15');
    expect(w1.ruleSet?.code).toBe('98-QĐ/TW');
    expect(w1.warnings).toEqual([]);
    const w2 = await api.call('rotations.check', rotation({ cadreId: woman.id, plannedStart: '2020-09-16', plannedEnd: '2023-09-15' }));
    expect(w2.warnings.map((w) => `${w.ruleSet} ${w.rule}`)).toEqual(['98-QĐ/TW min_years_before_retirement']);
    const m = await api.call('rotations.check', rotation({ cadreId: man.id, plannedStart: '2015-01-01', plannedEnd: '2017-12-31' }));
    expect(m.retirementDate).toBe('2023-05-10');
  });

  it('warns when the destination post ranks lower than the current one', async () => {
    await plan(id['Trần Văn An']);
    const down = await api.call('rotations.check', rotation({ fromPositionCode: 'truong_phong', toPositionCode: 'pho_phong' }));
    expect(down.warnings.map((w) => w.rule)).toEqual(['post_equivalent_or_higher']);
    const same = await api.call('rotations.check', rotation({ fromPositionCode: 'truong_phong', toPositionCode: 'bi_thu_xa' }));
    // bí thư cấp xã (35) ranks below trưởng phòng (50) in the seeded list
    expect(same.warnings.map((w) => w.rule)).toEqual(['post_equivalent_or_higher']);
    const up = await api.call('rotations.check', rotation({ fromPositionCode: 'pho_phong', toPositionCode: 'pho_huyen' }));
    expect(up.warnings).toEqual([]);
  });

  it('chooses the rule set by the start date and applies it to luân chuyển only', async () => {
    const before = await api.call('rotations.check', rotation({ plannedStart: '2022-04-27', plannedEnd: '2023-04-26' }));
    expect(before.ruleSet?.code).toBe('98-QĐ/TW');
    expect(before.warnings.every((w) => w.ruleSet === '98-QĐ/TW')).toBe(true);
    const after = await api.call('rotations.check', rotation({ plannedStart: '2022-04-28', plannedEnd: '2023-04-27' }));
    expect(after.ruleSet?.code).toBe('65-QĐ/TW');
    const older = await api.call('rotations.check', rotation({ plannedStart: '2016-01-01', plannedEnd: '2019-01-01' }));
    expect(older.ruleSet).toBeNull();
    const secondment = await api.call('rotations.check', rotation({ type: 'biet_phai', plannedStart: '2025-01-01', plannedEnd: '2025-06-30' }));
    expect(secondment.warnings).toEqual([]);
  });

  it('takes edited thresholds from the data', async () => {
    await plan(id['Trần Văn An']);
    const { ruleSets } = await api.call('rotationRules.list', {});
    const set = ruleSets.find((r) => r.code === '65-QĐ/TW')!;
    await api.call('rotationRules.update', { id: set.id, version: set.version, changes: { rules: set.rules.map((r) => (r.kind === 'min_months' ? { ...r, value: 24 } : r)) } });
    const c = await api.call('rotations.check', rotation({ plannedStart: '2025-03-01', plannedEnd: '2027-02-28' }));
    expect(c.warnings).toEqual([]);
  });

  it('refuses a grid edit that creates a new warning unless a reason is given', async () => {
    await plan(id['Trần Văn An']);
    const r = await api.call('rotations.create', rotation({ plannedStart: '2025-01-01', plannedEnd: '2027-12-31' }));
    const e = await api.fail('rotations.bulkUpdate', { items: [{ id: r.id, version: r.version, changes: { plannedEnd: '2026-12-31' } }], kind: 'paste' });
    expect(e.fieldErrors['items.0.plannedEnd']).toContain('24 tháng');
    const ok = await api.call('rotations.update', { id: r.id, version: r.version, changes: { plannedEnd: '2026-12-31', overrideReason: 'Theo đề nghị của Ban Tổ chức' } });
    expect(ok.plannedEnd).toBe('2026-12-31');
    expect(ok.overriddenWarnings.map((w) => w.rule)).toEqual(['min_months']);
    // An unrelated edit later is not blocked by the accepted warning.
    const noted = await api.call('rotations.update', { id: ok.id, version: ok.version, changes: { note: 'Đã trao quyết định' } });
    expect(noted.note).toBe('Đã trao quyết định');
    // The reason cannot be cleared while the warning stands.
    const cleared = await api.fail('rotations.update', { id: noted.id, version: noted.version, changes: { overrideReason: '' } });
    expect(cleared.fieldErrors.overrideReason).toContain('không xoá được lý do');
    // A stale version is a conflict.
    const stale = await api.fail('rotations.update', { id: r.id, version: r.version, changes: { note: 'x' } });
    expect(stale.kind).toBe('conflict');
  });
});

describe('reasons written ahead in the grid', () => {
  it('lets a reason typed first cover the warning the next edit causes', async () => {
    await plan(id['Trần Văn An']);
    let r = await api.call('rotations.create', rotation({ plannedStart: '2025-01-01', plannedEnd: '2027-12-31' }));
    const refused = await api.fail('rotations.update', { id: r.id, version: r.version, changes: { plannedEnd: '2026-12-31' } });
    expect(refused.fieldErrors.plannedEnd).toContain('cột "Lý do vượt quy định"');
    expect(refused.fieldErrors.overrideReason).toBeUndefined();
    r = await api.call('rotations.update', { id: r.id, version: r.version, changes: { overrideReason: 'Nhu cầu công tác' } });
    expect(r.overriddenWarnings).toEqual([]);
    r = await api.call('rotations.update', { id: r.id, version: r.version, changes: { plannedEnd: '2026-12-31' } });
    expect(r.overriddenWarnings.map((w) => w.rule)).toEqual(['min_months']);
    // A further, different warning needs the reason revised.
    const again = await api.fail('rotations.update', { id: r.id, version: r.version, changes: { fromPositionCode: 'truong_phong', toPositionCode: 'pho_phong' } });
    expect(again.fieldErrors.toPositionCode).toContain('thấp hơn chức vụ hiện giữ');
    const revised = await api.call('rotations.update', { id: r.id, version: r.version, changes: { fromPositionCode: 'truong_phong', toPositionCode: 'pho_phong', overrideReason: 'Nhu cầu công tác; nhận chức vụ thấp hơn theo nguyện vọng' } });
    expect(revised.overriddenWarnings.map((w) => w.rule)).toEqual(['min_months', 'post_equivalent_or_higher']);
  });
});

describe('history on start and end', () => {
  it('defaults the origin to the assignment on the planned start', async () => {
    await plan(id['Trần Văn An']);
    const r = await api.call('rotations.create', rotation());
    expect(r.fromUnitId).toBe(s.board.id);
    expect(r.fromPostTitle).toBe('Chuyên viên');
  });

  it('moves the cadre on start, brings them back on end, and undoes both exactly', async () => {
    const an = id['Trần Văn An'];
    await plan(an);
    let r = await api.call('rotations.create', rotation({ plannedStart: '2025-03-01', plannedEnd: '2028-02-29', decisionNo: '123-QĐ/TU' }));
    r = await api.call('rotations.start', { id: r.id, version: r.version, actualStart: '2025-03-10' });
    expect(r.status).toBe('in_progress');
    expect(assignmentsOf(an)).toEqual([
      { unitId: s.board.id, fromDate: '2015-01-01', toDate: '2025-03-09', source: 'manual', sourceRef: null },
      { unitId: s.commune.id, fromDate: '2025-03-10', toDate: null, source: 'rotation', sourceRef: r.id },
    ]);
    // The cadre grid (today's row) follows the history.
    const row = (await api.call('cadres.list', { onDate: '2025-06-01' })).find((c) => c.id === an)!;
    expect(row.unitId).toBe(s.commune.id);
    expect(row.postTitle).toBe('Phó Chủ tịch UBND xã');

    // The cadre screen may not delete the assignment the rotation made.
    const detail = await api.call('cadres.get', { id: an });
    const made = detail.assignments.find((a) => a.source === 'rotation')!;
    const refused = await api.fail('assignments.delete', { id: made.id, version: made.version });
    expect(refused.message).toContain('luân chuyển');

    // Cancelling a started rotation is refused.
    const cancel = await api.fail('rotations.cancel', { id: r.id, version: r.version });
    expect(cancel.message).toContain('đã bắt đầu');

    r = await api.call('rotations.end', { id: r.id, version: r.version, actualEnd: '2028-03-09', next: { kind: 'return' } });
    expect(r.status).toBe('ended');
    expect(assignmentsOf(an)).toEqual([
      { unitId: s.board.id, fromDate: '2015-01-01', toDate: '2025-03-09', source: 'manual', sourceRef: null },
      { unitId: s.commune.id, fromDate: '2025-03-10', toDate: '2028-03-09', source: 'rotation', sourceRef: r.id },
      { unitId: s.board.id, fromDate: '2028-03-10', toDate: null, source: 'rotation', sourceRef: r.id },
    ]);

    r = await api.call('rotations.undoStep', { id: r.id, version: r.version });
    expect(r.status).toBe('in_progress');
    expect(r.actualEnd).toBeNull();
    expect(assignmentsOf(an)).toHaveLength(2);
    r = await api.call('rotations.undoStep', { id: r.id, version: r.version });
    expect(r.status).toBe('planned');
    expect(assignmentsOf(an)).toEqual([{ unitId: s.board.id, fromDate: '2015-01-01', toDate: null, source: 'manual', sourceRef: null }]);

    const audit = db.sqlite.prepare(`select entity, field from audit_log where cadre_id = ? and entity in ('rotation', 'assignment') order by id`).all(an) as { entity: string; field: string | null }[];
    expect(audit.filter((a) => a.entity === 'rotation' && a.field === 'status')).toHaveLength(4);
    expect(audit.some((a) => a.entity === 'assignment' && a.field === 'toDate')).toBe(true);
  });

  it('keeps the destination assignment in step when a started rotation\'s destination is corrected', async () => {
    const an = id['Trần Văn An'];
    await plan(an);
    let r = await api.call('rotations.create', rotation());
    r = await api.call('rotations.start', { id: r.id, version: r.version, actualStart: '2025-03-01' });
    r = await api.call('rotations.update', { id: r.id, version: r.version, changes: { toUnitId: s.province.id, toPostTitle: 'Phó Chánh Văn phòng' } });
    const a = db.sqlite.prepare(`select unit_id as u, post_title as p from assignments where cadre_id = ? and source = 'rotation' and deleted_at is null`).get(an);
    expect(a).toEqual({ u: s.province.id, p: 'Phó Chánh Văn phòng' });
    const audit = db.sqlite.prepare(`select field from audit_log where entity = 'assignment' and field in ('unitId', 'postTitle') order by id`).all();
    expect(audit).toEqual([{ field: 'unitId' }, { field: 'postTitle' }]);
  });

  it('ends into another unit and post when the clerk chooses', async () => {
    const an = id['Trần Văn An'];
    await plan(an);
    let r = await api.call('rotations.create', rotation());
    r = await api.call('rotations.start', { id: r.id, version: r.version, actualStart: '2025-03-01' });
    r = await api.call('rotations.end', { id: r.id, version: r.version, actualEnd: '2028-02-29', next: { kind: 'other', unitId: s.province.id, postTitle: 'Phó Trưởng ban', positionCode: 'pho_so' } });
    const last = db.sqlite.prepare(`select unit_id as u, post_title as p, position_code as c, from_date as f from assignments where cadre_id = ? and deleted_at is null order by from_date desc limit 1`).get(an);
    expect(last).toEqual({ u: s.province.id, p: 'Phó Trưởng ban', c: 'pho_so', f: '2028-03-01' });
  });

  it('refuses an end before the actual start, and a return to a unit that has closed', async () => {
    const an = id['Trần Văn An'];
    await plan(an);
    let r = await api.call('rotations.create', rotation());
    r = await api.call('rotations.start', { id: r.id, version: r.version, actualStart: '2025-03-01' });
    const early = await api.fail('rotations.end', { id: r.id, version: r.version, actualEnd: '2025-02-01', next: { kind: 'return' } });
    expect(early.fieldErrors.actualEnd).toBeTruthy();
    // The home unit closes during the rotation (its remaining people move to the province body).
    const board = (await api.call('units.list', {})).find((u) => u.id === s.board.id)!;
    await api.call('units.close', { id: board.id, version: board.version, validTo: '2026-06-30', successorId: s.province.id, moveCadresToSuccessor: true });
    const back = await api.fail('rotations.end', { id: r.id, version: r.version, actualEnd: '2028-02-29', next: { kind: 'return' } });
    expect(back.message).toContain('đã kết thúc hoạt động ngày 30/06/2026');
    expect(back.message).toContain('Tỉnh ủy Sóc Trăng');
    // Nothing changed.
    expect(assignmentsOf(an)).toHaveLength(2);
  });
});

describe('roster of a unit on a date', () => {
  it('includes rotated-in cadres and excludes rotated-out ones', async () => {
    const an = id['Trần Văn An'];
    await plan(an);
    let r = await api.call('rotations.create', rotation());
    r = await api.call('rotations.start', { id: r.id, version: r.version, actualStart: '2025-03-01' });

    const commune = await api.call('units.roster', { unitId: s.commune.id, onDate: '2025-06-01' });
    expect(commune.present.map((p) => p.fullName).sort()).toEqual(['Lâm Văn Đức', 'Thạch Thị Sa Rinh', 'Trần Văn An'].sort());
    expect(commune.present.find((p) => p.cadreId === an)!.rotationId).toBe(r.id);

    const board = await api.call('units.roster', { unitId: s.board.id, onDate: '2025-06-01' });
    // In Vietnamese order by given name: Ánh, Bảo, Hồng.
    expect(board.present.map((p) => p.fullName)).toEqual(['Lê Minh Ánh', 'Phạm Quốc Bảo', 'Nguyễn Thị Hồng']);
    expect(board.away.map((p) => p.fullName)).toEqual(['Trần Văn An']);

    // The day before the start, An still works in the board.
    const before = await api.call('units.roster', { unitId: s.board.id, onDate: '2025-02-28' });
    expect(before.present.map((p) => p.fullName)).toContain('Trần Văn An');
    expect(before.away).toEqual([]);

    // With sub-units: the province body includes the board (its child) but not the commune.
    const province = await api.call('units.roster', { unitId: s.province.id, onDate: '2025-06-01', includeSubunits: true });
    expect(province.present.map((p) => p.fullName).sort()).toEqual(['Lê Minh Ánh', 'Nguyễn Thị Hồng', 'Phạm Quốc Bảo'].sort());
    expect(province.away.map((p) => p.fullName)).toEqual(['Trần Văn An']);
  });
});

describe('ending soon', () => {
  it('lists rotations ending within N days and the overdue ones', async () => {
    await plan(id['Trần Văn An']);
    await plan(id['Phạm Quốc Bảo']);
    await plan(id['Lê Minh Ánh']);
    const reason = { overrideReason: 'Thử nghiệm' };
    const soon = await api.call('rotations.create', rotation({ plannedStart: '2023-01-01', plannedEnd: '2026-03-01', ...reason }));
    const far = await api.call('rotations.create', rotation({ cadreId: id['Phạm Quốc Bảo'], plannedStart: '2023-01-01', plannedEnd: '2026-06-01', ...reason }));
    const overdue = await api.call('rotations.create', rotation({ cadreId: id['Lê Minh Ánh'], plannedStart: '2022-06-01', plannedEnd: '2025-05-31', ...reason }));
    const started = await api.call('rotations.start', { id: overdue.id, version: overdue.version, actualStart: '2022-06-01' });
    // On 01/01/2026, 90 days reach 01/04/2026: only "soon" (01/03/2026) falls in; "far" (01/06/2026) does not.
    const list = await api.call('rotations.endingSoon', { onDate: '2026-01-01', withinDays: 90 });
    expect(list.soon.map((r) => r.id)).toEqual([soon.id]);
    expect(list.overdue.map((r) => r.id)).toEqual([started.id]);
    const wider = await api.call('rotations.endingSoon', { onDate: '2026-01-01', withinDays: 180 });
    expect(wider.soon.map((r) => r.id)).toEqual([soon.id, far.id]);
    // "soon" and "far" were planned to start in 2023 and never started.
    expect(list.notStarted.map((r) => r.id)).toEqual([soon.id, far.id]);
    // Ended rotations are neither.
    await api.call('rotations.end', { id: started.id, version: started.version, actualEnd: '2025-05-31', next: { kind: 'return' } });
    expect((await api.call('rotations.endingSoon', { onDate: '2026-01-01' })).overdue).toEqual([]);
  });
});

describe('cadre rotation history and list filters', () => {
  it('returns a cadre\'s rotations and filters the list by status, type, unit and year', async () => {
    const an = id['Trần Văn An'];
    await plan(an);
    const a = await api.call('rotations.create', rotation({ plannedStart: '2020-01-01', plannedEnd: '2022-12-31' }));
    const b = await api.call('rotations.create', rotation({ type: 'dieu_dong', toUnitId: s.province.id, plannedStart: '2025-01-01', plannedEnd: '2027-12-31' }));
    expect((await api.call('rotations.forCadre', { cadreId: an })).map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await api.call('rotations.list', { type: 'dieu_dong' })).map((r) => r.id)).toEqual([b.id]);
    expect((await api.call('rotations.list', { year: 2021 })).map((r) => r.id)).toEqual([a.id]);
    expect((await api.call('rotations.list', { unitId: s.commune.id })).map((r) => r.id)).toEqual([a.id]);
    expect((await api.call('rotations.list', { status: 'planned' })).map((r) => r.id)).toEqual([b.id, a.id]);
    const del = await api.call('rotations.delete', { id: a.id, version: a.version });
    expect(del.deletedAt).not.toBeNull();
    expect((await api.call('rotations.list', {})).map((r) => r.id)).toEqual([b.id]);
    await api.call('rotations.restore', { id: a.id });
    expect((await api.call('rotations.list', {})).map((r) => r.id)).toEqual([b.id, a.id]);
  });
});

describe('pastes and planning records', () => {
  it('saves a paste all or nothing, with the error on the offending row', async () => {
    await plan(id['Trần Văn An']);
    await plan(id['Phạm Quốc Bảo']);
    const a = await api.call('rotations.create', rotation({ plannedStart: '2025-01-01', plannedEnd: '2027-12-31' }));
    const b = await api.call('rotations.create', rotation({ cadreId: id['Phạm Quốc Bảo'], plannedStart: '2025-01-01', plannedEnd: '2027-12-31' }));
    const e = await api.fail('rotations.bulkUpdate', {
      kind: 'paste',
      items: [
        { id: a.id, version: a.version, changes: { decisionNo: '15-QĐ/TU' } },
        { id: b.id, version: b.version, changes: { plannedEnd: '2024-12-31' } },
      ],
    });
    expect(e.fieldErrors['items.1.plannedEnd']).toMatch(/phải sau ngày bắt đầu/);
    expect(db.sqlite.prepare('select decision_no as d from rotations where id = ?').get(a.id)).toEqual({ d: null });
    const ok = await api.call('rotations.bulkUpdate', {
      kind: 'paste',
      items: [
        { id: a.id, version: a.version, changes: { decisionNo: '15-QĐ/TU' } },
        { id: b.id, version: b.version, changes: { decisionNo: '16-QĐ/TU' } },
      ],
    });
    expect(ok.rows.map((r) => r.decisionNo)).toEqual(['15-QĐ/TU', '16-QĐ/TU']);
    const batch = db.sqlite.prepare('select count(*) as n from audit_log where batch_id = ?').get(ok.batchId);
    expect(batch).toEqual({ n: 2 });
  });

  it('checks planning periods and records who changed them', async () => {
    const e = await api.fail('planning.create', { cadreId: id['Trần Văn An'], level: 'tinh', periodFrom: 2030, periodTo: 2025 });
    expect(e.fieldErrors.periodTo).toBeTruthy();
    const p = await api.call('planning.create', { cadreId: id['Trần Văn An'], level: 'tinh', periodFrom: 2025, periodTo: 2030 });
    const removed = await api.call('planning.update', { id: p.id, version: p.version, changes: { status: 'dua_ra' } });
    expect(removed.status).toBe('dua_ra');
    // Out of planning again: the rule warns.
    const c = await api.call('rotations.check', rotation({ plannedStart: '2026-01-01', plannedEnd: '2028-12-31' }));
    expect(c.warnings.map((w) => w.rule)).toEqual(['in_planning']);
    const audit = db.sqlite.prepare(`select action, field from audit_log where entity = 'planning' order by id`).all();
    expect(audit).toEqual([{ action: 'create', field: null }, { action: 'update', field: 'status' }]);
  });
});

describe('who can be rotated', () => {
  it('refuses a cadre who has left by the start date', async () => {
    const an = id['Trần Văn An'];
    await plan(an);
    const row = (await api.call('cadres.list', {})).find((c) => c.id === an)!;
    await api.call('cadres.setStatus', { id: an, version: row.version, status: 'nghi_huu', effectiveDate: '2025-02-01' });
    const e = await api.fail('rotations.create', rotation({ plannedStart: '2025-03-01' }));
    expect(e.fieldErrors.cadreId).toContain('không còn công tác từ 01/02/2025');
    // Before leaving, the same rotation is fine.
    await api.call('rotations.create', rotation({ plannedStart: '2022-01-01', plannedEnd: '2024-12-31' }));
  });
});

describe('rule set administration', () => {
  it('lets administrators move a rule set\'s dates, checks them, and refuses clerks', async () => {
    const { ruleSets } = await api.call('rotationRules.list', {});
    const old = ruleSets.find((r) => r.code === '98-QĐ/TW')!;
    const bad = await api.fail('rotationRules.update', { id: old.id, version: old.version, changes: { validFrom: '2017-10-07', validTo: '2016-01-01' } });
    expect(bad.fieldErrors.validTo).toBeTruthy();
    const clerk = testApi(db, { actor: 'Lan', role: 'clerk' });
    const forbidden = await clerk.fail('rotationRules.update', { id: old.id, version: old.version, changes: { note: 'x' } });
    expect(forbidden.kind).toBe('forbidden');
    // Extending the old set back to 2015 makes it judge a 2016 rotation.
    await api.call('rotationRules.update', { id: old.id, version: old.version, changes: { validFrom: '2015-01-01' } });
    const c = await api.call('rotations.check', rotation({ plannedStart: '2016-01-01', plannedEnd: '2018-12-31' }));
    expect(c.ruleSet?.code).toBe('98-QĐ/TW');
    const audit = db.sqlite.prepare(`select field, old_value as o, new_value as n from audit_log where entity = 'rotation_rule_set'`).all();
    expect(audit).toEqual([{ field: 'validFrom', o: '2017-10-07', n: '2015-01-01' }]);
  });
});
