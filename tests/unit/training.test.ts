import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import { seedSmall } from '../helpers/fixtures';
import type { AppDb } from '../../db/open';
import { commitmentEnd, listRuleSets, ruleSetFor } from '../../db/services/training/rules';

// Training rules against a real database through the dispatcher. Expected values are worked out by hand.

let db: AppDb;
let api: ReturnType<typeof testApi>;
let ids: Record<string, number>;
let planId: number;

async function course(fields: Record<string, unknown>) {
  return api.call('training.courses.create', { fields: { planId, name: 'Khoá', kind: 'khac', ...fields } as any });
}

async function enrol(courseId: number, cadreIds: number[], extra: Record<string, unknown> = {}) {
  const r = await api.call('training.enrolments.create', { courseId, cadreIds, acknowledgeWarnings: true, ...extra });
  return r.created;
}

async function setStatus(enrolmentId: number, changes: Record<string, unknown>) {
  const [e] = await api.call('training.enrolments.list', {}).then((l) => l.filter((x) => x.id === enrolmentId));
  return api.call('training.enrolments.update', { id: e.id, version: e.version, changes: changes as any });
}

const trainingQuals = (enrolmentId: number) =>
  db.sqlite.prepare(`select id, level_key as levelKey, award_date as awardDate, institution, deleted_at as deletedAt from qualifications where source = 'training' and source_ref = ?`).all(enrolmentId) as any[];

beforeEach(async () => {
  db = await openTestDb();
  api = testApi(db);
  const s = seedSmall(db);
  ids = Object.fromEntries(s.cadres.map((c) => [c.fullName, c.id]));
  planId = (await api.call('training.plans.create', { fields: { year: 2025, name: 'Kế hoạch đào tạo, bồi dưỡng năm 2025', issuingUnitId: s.board.id } as any })).id;
});

describe('completion and the qualification it creates', () => {
  it('creates exactly one qualification, and undoing the completion removes it', async () => {
    const c = await course({ name: 'Thạc sĩ Quản lý công', kind: 'thac_si', institution: 'Học viện Hành chính Quốc gia', startDate: '2023-10-01', endDate: '2025-03-31', fundingSource: 'provincial' });
    expect([c.qualCategory, c.qualLevelKey]).toEqual(['chuyen_mon', 'thac_si']);
    const hong = ids['Nguyễn Thị Hồng'];
    const [e] = await enrol(c.id, [hong]);
    await setStatus(e.id, { status: 'studying' });
    expect(trainingQuals(e.id)).toHaveLength(0);

    await setStatus(e.id, { status: 'completed', certificateNo: 'QLC-0012', certificateDate: '2025-05-20' });
    let q = trainingQuals(e.id);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ levelKey: 'thac_si', awardDate: '2025-05-20', institution: 'Học viện Hành chính Quốc gia', deletedAt: null });
    // Editing the completed enrolment again updates the same row.
    await setStatus(e.id, { result: 'Giỏi', certificateDate: '2025-06-02' });
    q = trainingQuals(e.id);
    expect(q).toHaveLength(1);
    expect(q[0].awardDate).toBe('2025-06-02');
    const row = (await api.call('cadres.list', {})).find((r) => r.id === hong)!;
    expect(row.professionalLevel).toBe('thac_si');

    // Back to "studying": the qualification goes, the highest level with it.
    await setStatus(e.id, { status: 'studying', certificateNo: null, certificateDate: null });
    q = trainingQuals(e.id);
    expect(q).toHaveLength(1);
    expect(q[0].deletedAt).not.toBeNull();
    expect((await api.call('cadres.list', {})).find((r) => r.id === hong)!.professionalLevel).toBeNull();

    // Completing again revives the same row rather than adding a second one; award date = course end.
    await setStatus(e.id, { status: 'completed' });
    q = trainingQuals(e.id);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ deletedAt: null, awardDate: '2025-03-31' });

    // Audit: enrolment status changes and the qualification's create/delete/restore, by the caller.
    const audit = db.sqlite.prepare(`select entity, action, field, actor from audit_log where cadre_id = ? and entity in ('training_enrolment', 'qualification') order by id`).all(hong) as any[];
    expect(audit.filter((a) => a.entity === 'qualification').map((a) => a.action)).toEqual(['create', 'update', 'delete', 'restore']);
    expect(audit.filter((a) => a.entity === 'training_enrolment' && a.field === 'status')).toHaveLength(4);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(['hệ thống']));
  });

  it('refuses to complete a course that ends in the future, and the cadre screen cannot delete a training qualification', async () => {
    const future = await course({ name: 'Tiến sĩ', kind: 'tien_si', startDate: '2026-01-01', endDate: '2029-12-31' });
    const [e] = await enrol(future.id, [ids['Trần Văn An']]);
    const err = await api.fail('training.enrolments.update', { id: e.id, version: e.version, changes: { status: 'completed' } });
    expect(err.message).toContain('tương lai');
    expect(trainingQuals(e.id)).toHaveLength(0);

    const past = await course({ name: 'Trung cấp LLCT', kind: 'llct_trung_cap', startDate: '2024-03-01', endDate: '2024-12-20' });
    const [e2] = await enrol(past.id, [ids['Trần Văn An']]);
    await setStatus(e2.id, { status: 'completed' });
    const [q] = trainingQuals(e2.id);
    const qual = db.sqlite.prepare('select version from qualifications where id = ?').get(q.id) as { version: number };
    const refused = await api.fail('qualifications.delete', { id: q.id, version: qual.version });
    expect(refused.message).toContain('hoàn thành khoá đào tạo');
    // Removing the enrolment withdraws the qualification.
    await api.call('training.enrolments.delete', { ids: [e2.id] });
    expect(trainingQuals(e2.id)[0].deletedAt).not.toBeNull();
  });

  it('needs a decision number to nominate', async () => {
    const c = await course({ name: 'Bồi dưỡng', kind: 'vi_tri_viec_lam' });
    const [e] = await enrol(c.id, [ids['Lê Minh Ánh']]);
    const err = await api.fail('training.enrolments.update', { id: e.id, version: e.version, changes: { status: 'nominated' } });
    expect(err.fieldErrors.status).toContain('số quyết định');
    const ok = await api.call('training.enrolments.update', { id: e.id, version: e.version, changes: { status: 'nominated', decisionNo: '123-QĐ/TU', decisionDate: '2025-02-01' } });
    expect(ok.status).toBe('nominated');
  });
});

describe('service commitment', () => {
  it('uses the rule set in force on the start date: 2x under 101/2017, 3x under 171/2025 for công chức', async () => {
    const rules = listRuleSets(db);
    expect(ruleSetFor(rules, 'cong_chuc', '2023-10-01')?.name).toBe('Nghị định 101/2017/NĐ-CP');
    expect(ruleSetFor(rules, 'cong_chuc', '2025-07-01')?.name).toBe('Nghị định 171/2025/NĐ-CP');
    expect(ruleSetFor(rules, 'cong_chuc', '2025-06-30')?.name).toBe('Nghị định 101/2017/NĐ-CP');
    expect(ruleSetFor(rules, 'vien_chuc', '2025-09-01')?.commitmentMultiplier).toBe(2);
    // 18 months of study (01/10/2023 - 31/03/2025) x 2 = 36 months from 01/04/2025: last day 31/03/2028.
    expect(commitmentEnd('2023-10-01', '2025-03-31', 2)).toBe('2028-03-31');
    // 24 months (01/09/2025 - 31/08/2027) x 3 = 72 months from 01/09/2027: last day 31/08/2033.
    expect(commitmentEnd('2025-09-01', '2027-08-31', 3)).toBe('2033-08-31');
    // 12 months and 10 days x 2 = 24 months and 20 days from 11/01/2025 (to 31/01/2027 exclusive): last day 30/01/2027.
    expect(commitmentEnd('2024-01-01', '2025-01-10', 2)).toBe('2027-01-30');
  });

  it('lists who left or dropped out before the commitment ended', async () => {
    const c = await course({ name: 'Thạc sĩ Luật', kind: 'thac_si', startDate: '2023-10-01', endDate: '2025-03-31', fundingSource: 'provincial' });
    const selfFunded = await course({ name: 'Thạc sĩ tự túc', kind: 'thac_si', startDate: '2023-10-01', endDate: '2025-03-31', fundingSource: 'self' });
    const [hong, an, bao, anh] = ['Nguyễn Thị Hồng', 'Trần Văn An', 'Phạm Quốc Bảo', 'Lê Minh Ánh'].map((n) => ids[n]);
    const created = await enrol(c.id, [hong, an, bao, anh], { status: 'nominated', decisionNo: '45-QĐ/TU', decisionDate: '2023-09-15' });
    const byCadre = Object.fromEntries(created.map((e) => [e.cadreId, e.id]));
    await enrol(selfFunded.id, [hong]);
    await setStatus(byCadre[hong], { status: 'completed' });
    await setStatus(byCadre[an], { status: 'completed' });
    await setStatus(byCadre[bao], { status: 'withdrawn' });
    // Trần Văn An leaves on 15/01/2026, well before 31/03/2028.
    const anRow = (await api.call('cadres.list', {})).find((r) => r.id === an)!;
    await api.call('cadres.setStatus', { id: an, version: anRow.version, status: 'thoi_viec', effectiveDate: '2026-01-15' });

    const list = await api.call('training.commitments.list', { onDate: '2026-11-25' });
    const byName = Object.fromEntries(list.map((r) => [r.cadreName, r]));
    expect(Object.keys(byName).sort()).toEqual(['Nguyễn Thị Hồng', 'Phạm Quốc Bảo', 'Trần Văn An'].sort());
    expect(byName['Nguyễn Thị Hồng']).toMatchObject({ state: 'open', commitmentEnd: '2028-03-31', ruleName: 'Nghị định 101/2017/NĐ-CP', multiplier: 2 });
    expect(byName['Trần Văn An']).toMatchObject({ state: 'reimburse', leftStatus: 'thoi_viec', leftDate: '2026-01-15' });
    expect(byName['Phạm Quốc Bảo'].state).toBe('reimburse');
    // The same commitment seen on a later date is fulfilled.
    const later = await api.call('training.commitments.list', { onDate: '2028-04-01' });
    expect(later.find((r) => r.cadreId === hong)!.state).toBe('fulfilled');
    // The enrolment carries its commitment end too.
    const [e] = (await api.call('training.forCadre', { cadreId: hong })).enrolments.filter((x) => x.courseId === c.id);
    expect(e.commitmentEnd).toBe('2028-03-31');
  });

  it('keeps rules as editable dated rows and refuses two rule sets for one category on one day', async () => {
    const rules = await api.call('training.rules.list', {});
    const nd171 = rules.find((r) => r.seedKey === 'nd171_2025_cbcc')!;
    const err = await api.fail('training.rules.create', { fields: { name: 'Thử', categories: ['cong_chuc'], validFrom: '2026-01-01', commitmentMultiplier: 4 } });
    expect(err.fieldErrors.validFrom).toContain('Nghị định 171/2025/NĐ-CP');
    const edited = await api.call('training.rules.update', { id: nd171.id, version: nd171.version, changes: { validTo: '2026-06-30' } });
    expect(edited.validTo).toBe('2026-06-30');
    const added = await api.call('training.rules.create', { fields: { name: 'Nghị định mới', categories: ['cong_chuc'], validFrom: '2026-07-01', commitmentMultiplier: 4 } });
    expect(ruleSetFor(await api.call('training.rules.list', {}), 'cong_chuc', '2026-08-01')?.id).toBe(added.id);
    const audit = db.sqlite.prepare(`select action from audit_log where entity = 'training_rule_set' order by id`).all() as any[];
    expect(audit.map((a) => a.action)).toEqual(['update', 'create']);
  });
});

describe('warnings before enrolling', () => {
  it('warns about an overlapping course and asks for acknowledgement', async () => {
    const a = await course({ name: 'Cao cấp LLCT', kind: 'llct_cao_cap', startDate: '2025-01-01', endDate: '2025-06-30' });
    const b = await course({ name: 'QLNN chuyên viên chính', kind: 'qlnn_cvc', startDate: '2025-06-01', endDate: '2025-12-31' });
    const after = await course({ name: 'Tin học', kind: 'tin_hoc', startDate: '2025-07-01', endDate: '2025-07-31' });
    const hong = ids['Nguyễn Thị Hồng'];
    await enrol(a.id, [hong], { status: 'studying' });
    const check = await api.call('training.enrolments.check', { courseId: b.id, cadreIds: [hong, ids['Trần Văn An']] });
    expect(check.warnings).toHaveLength(1);
    expect(check.warnings[0]).toMatchObject({ cadreId: hong, kind: 'overlap' });
    expect(check.warnings[0].message).toContain('Cao cấp LLCT');
    expect((await api.call('training.enrolments.check', { courseId: after.id, cadreIds: [hong] })).warnings).toEqual([]);

    const refused = await api.fail('training.enrolments.create', { courseId: b.id, cadreIds: [hong] });
    expect(refused.message).toContain('cảnh báo');
    expect(db.sqlite.prepare('select count(*) as n from training_enrolments where course_id = ?').get(b.id)).toEqual({ n: 0 });
    const [e] = await enrol(b.id, [hong]);
    expect(e.acknowledgedWarnings?.[0]).toContain('trùng thời gian');
    // Enrolling again skips who is already there.
    const again = await api.call('training.enrolments.create', { courseId: b.id, cadreIds: [hong], acknowledgeWarnings: true });
    expect(again.created).toHaveLength(0);
    expect(again.skipped[0].cadreId).toBe(hong);
  });

  it('warns about the age limit for a first postgraduate course (40) and a later one (45)', async () => {
    const c = await course({ name: 'Thạc sĩ Kinh tế', kind: 'thac_si', startDate: '2024-01-01', endDate: '2025-12-31', fundingSource: 'provincial' });
    const an = ids['Trần Văn An']; // born 01/09/1979: 44 on 01/01/2024
    const hong = ids['Nguyễn Thị Hồng']; // born 12/04/1985: 38
    let check = await api.call('training.enrolments.check', { courseId: c.id, cadreIds: [an, hong] });
    expect(check.warnings.map((w) => [w.cadreId, w.kind])).toEqual([[an, 'age']]);
    expect(check.warnings[0].message).toContain('quá 40 tuổi');
    // With a postgraduate degree already, the later limit (45) applies and 44 is within it.
    await api.call('qualifications.create', { cadreId: an, category: 'chuyen_mon', levelKey: 'chuyen_khoa_1', awardDate: '2015-06-01' });
    check = await api.call('training.enrolments.check', { courseId: c.id, cadreIds: [an] });
    expect(check.warnings).toEqual([]);
  });
});

describe('plans and courses', () => {
  it('validates the plan status and reports plan vs actual', async () => {
    const plan = (await api.call('training.plans.list', {}))[0];
    const err = await api.fail('training.plans.update', { id: plan.id, version: plan.version, changes: { status: 'approved' } });
    expect(err.fieldErrors.status).toContain('quyết định phê duyệt');
    const c1 = await course({ name: 'A', kind: 'tin_hoc', startDate: '2025-03-01', endDate: '2025-03-31', plannedSeats: 5, budgetVnd: 50_000_000 });
    await course({ name: 'B', kind: 'khac', plannedSeats: 3, budgetVnd: 20_000_000 });
    const [e1] = await enrol(c1.id, [ids['Nguyễn Thị Hồng'], ids['Trần Văn An'], ids['Lê Minh Ánh']], { status: 'studying' });
    await setStatus(e1.id, { status: 'completed' });
    const c1Row = (await api.call('training.courses.list', { planId })).find((c) => c.id === c1.id)!;
    await api.call('training.courses.update', { id: c1.id, version: c1Row.version, changes: { spentVnd: 42_500_000 } });
    const [p] = await api.call('training.plans.list', {});
    expect(p).toMatchObject({ courseCount: 2, plannedSeats: 8, filledSeats: 3, completed: 1, budgetVnd: 70_000_000, spentVnd: 42_500_000 });
    // A closed plan takes no new course.
    await api.call('training.plans.update', { id: p.id, version: p.version, changes: { status: 'closed' } });
    const closed = await api.fail('training.courses.create', { fields: { planId, name: 'C', kind: 'khac' } });
    expect(closed.message).toContain('đã kết thúc');
  });

  it('moves the qualification with the kind, creates none for fostering, and audits plans and courses', async () => {
    const c = await course({ name: 'Lớp bồi dưỡng', kind: 'vi_tri_viec_lam', startDate: '2025-04-01', endDate: '2025-04-10' });
    expect(c.qualLevelKey).toBeNull();
    const [e] = await enrol(c.id, [ids['Lê Minh Ánh']]);
    await setStatus(e.id, { status: 'completed' });
    expect(trainingQuals(e.id)).toHaveLength(0);
    // Changing the kind to "Cao cấp LLCT" brings its qualification along, and the completed enrolment earns it.
    const row = (await api.call('training.courses.list', { planId })).find((x) => x.id === c.id)!;
    const changed = await api.call('training.courses.update', { id: c.id, version: row.version, changes: { kind: 'llct_cao_cap' } });
    expect([changed.qualCategory, changed.qualLevelKey]).toEqual(['ly_luan_chinh_tri', 'cao_cap']);
    expect(trainingQuals(e.id).map((q) => [q.levelKey, q.awardDate])).toEqual([['cao_cap', '2025-04-10']]);
    // A stale version is refused as a conflict.
    const stale = await api.fail('training.courses.update', { id: c.id, version: row.version, changes: { name: 'X' } });
    expect(stale.kind).toBe('conflict');
    const audit = db.sqlite.prepare(`select entity, action, field from audit_log where entity in ('training_plan', 'training_course') order by id`).all() as any[];
    expect(audit).toEqual([
      { entity: 'training_plan', action: 'create', field: null },
      { entity: 'training_course', action: 'create', field: null },
      { entity: 'training_course', action: 'update', field: 'kind' },
      { entity: 'training_course', action: 'update', field: 'qualCategory' },
      { entity: 'training_course', action: 'update', field: 'qualLevelKey' },
    ]);
  });

  it('refuses an end date before the start and applies a paste all or nothing', async () => {
    const a = await course({ name: 'A', kind: 'khac' });
    const b = await course({ name: 'B', kind: 'khac' });
    const err = await api.fail('training.courses.bulkUpdate', {
      items: [
        { id: a.id, version: a.version, changes: { startDate: '2025-05-01', endDate: '2025-05-10' } },
        { id: b.id, version: b.version, changes: { startDate: '2025-05-01', endDate: '2025-04-10' } },
      ],
      kind: 'paste',
    });
    expect(err.fieldErrors['items.1.endDate']).toContain('sau ngày bắt đầu');
    expect((await api.call('training.courses.list', { planId })).find((c) => c.id === a.id)!.startDate).toBeNull();
  });
});

describe('who needs training for the targets', () => {
  it('lists the people in each population without the qualification, and the list shrinks on completion', async () => {
    let g = await api.call('training.gaps', { targetId: '1b' });
    const t = (id: string) => g.targets.find((x) => x.id === id)!;
    // Province-level: Hồng, An, Ánh, Bảo (Ban Tổ chức is a Party body, not education/health). Commune: Sa Rinh, Đức.
    expect([t('1b').populationCount, t('1b').haveCount]).toEqual([4, 0]);
    expect([t('1c').populationCount, t('1c').haveCount]).toEqual([2, 0]);
    expect(t('3a').populationCount).toBe(2); // Khmer and Hoa
    expect(t('3b').populationCount).toBe(2); // the commune is flagged ethnic_contact
    expect(t('2a').populationCount).toBe(0);
    expect(g.members.map((m) => m.fullName).sort()).toEqual(['Lê Minh Ánh', 'Nguyễn Thị Hồng', 'Phạm Quốc Bảo', 'Trần Văn An']);
    // Who is counted comes from the resolution's indicator when there is one.
    expect(t('1b').basis).toContain('chỉ tiêu 1b');

    const c = await course({ name: 'Thạc sĩ', kind: 'thac_si', startDate: '2023-10-01', endDate: '2025-03-31' });
    const [e] = await enrol(c.id, [ids['Nguyễn Thị Hồng'], ids['Trần Văn An']], { status: 'studying' });
    g = await api.call('training.gaps', { targetId: '1b' });
    expect(g.members.find((m) => m.cadreId === ids['Trần Văn An'])!.pendingCourse).toBe('Thạc sĩ');
    await setStatus(e.id, { status: 'completed' });
    g = await api.call('training.gaps', { targetId: '1b' });
    expect([t('1b').populationCount, t('1b').haveCount]).toEqual([4, 1]);
    expect(g.members).toHaveLength(3);
    // On a date before the award the person still counts as missing.
    const before = await api.call('training.gaps', { targetId: '1b', onDate: '2025-01-01' });
    expect(before.members).toHaveLength(4);

    // 3a: a certified Khmer qualification, or a fluent self-assessed one, meets it.
    await api.call('qualifications.create', { cadreId: ids['Thạch Thị Sa Rinh'], category: 'tieng_dtts', levelKey: 'tu_danh_gia', language: 'khmer', fluency: 'ban_ngu', awardDate: '2010' });
    g = await api.call('training.gaps', { targetId: '3a' });
    expect(g.members.map((m) => m.fullName)).toEqual(['Lâm Văn Đức']);
  });

  it('falls back to its own definitions when no resolution is recorded, with the same answers', async () => {
    db.sqlite.prepare(`update resolutions set deleted_at = '2026-01-01'`).run();
    const g = await api.call('training.gaps', { targetId: '1c' });
    const t = (id: string) => g.targets.find((x) => x.id === id)!;
    expect(t('1b').basis).toContain('mặc định');
    expect([t('1b').populationCount, t('1b').haveCount]).toEqual([4, 0]);
    expect([t('1c').populationCount, t('3a').populationCount, t('3b').populationCount, t('2a').populationCount]).toEqual([2, 2, 2, 0]);
    expect(g.members.map((m) => [m.fullName, m.missing])).toEqual([
      ['Thạch Thị Sa Rinh', 'Chưa tốt nghiệp THPT (12/12); Chuyên môn chưa đạt chuẩn (đại học trở lên)'],
      ['Lâm Văn Đức', 'Chưa tốt nghiệp THPT (12/12); Chuyên môn chưa đạt chuẩn (đại học trở lên)'],
    ]);
  });
});

describe('errors land on the fields that were changed', () => {
  it('reports a cross-field refusal on the edited field, so the grid marks that cell', async () => {
    const c = await api.call('training.courses.create', { fields: { planId, name: 'Khoá', kind: 'tin_hoc', startDate: '2025-03-01', endDate: '2025-03-31' } as any });
    const [e] = (await api.call('training.enrolments.create', { courseId: c.id, cadreIds: [ids['Lê Minh Ánh']], acknowledgeWarnings: true })).created;
    const done = await api.call('training.enrolments.update', { id: e.id, version: e.version, changes: { status: 'completed', certificateNo: 'TH-7' } });
    // Setting the status back while a certificate number stands: the message is on "status", the cell edited.
    const err = await api.fail('training.enrolments.update', { id: e.id, version: done.version, changes: { status: 'studying' } });
    expect(Object.keys(err.fieldErrors)).toEqual(['status']);
    expect(err.message).toContain('xoá số và ngày văn bằng');
    // Moving the course's end into the future would date the earned qualification in the future: refused on endDate.
    const row = (await api.call('training.courses.list', { planId })).find((x) => x.id === c.id)!;
    const late = await api.fail('training.courses.update', { id: c.id, version: row.version, changes: { endDate: '2099-12-31' } });
    expect(Object.keys(late.fieldErrors)).toEqual(['endDate']);
    expect(trainingQuals(e.id)[0].awardDate).toBe('2025-03-31');
  });
});
