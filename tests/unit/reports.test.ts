import { beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestDb, testApi } from '../helpers/db';
import type { AppDb } from '../../db/open';
import { SYSTEM_CONTEXT } from '../../db/context';
import type { IndicatorResult } from '../../shared/api/indicators';
import type { Report } from '../../shared/api/reports';
import { createReport, refreshReport } from '../../db/services/reports/lifecycle';
import type { FigureSources } from '../../db/services/reports/figures';

// A hand-made organisation for Quý I/2025 (as of 31/03/2025). The expected counts below were worked out by hand:
//
// unit          level  kind             cadres counted on 31/03/2025
// Ban Tổ chức   tinh   dang             An (nữ, 29), Phong (nam, "1985" -> 40; moved here from the commune on 01/01/2025)
// Sở Nội vụ     tinh   chinh_quyen      Dũng (nam, 65; joined the Party only on 10/04/2025)
// Bệnh viện     huyen  su_nghiep_y_te   Bình (nam, Khmer, 31 on the very day; thạc sĩ 2024, tiến sĩ only in May 2025)
// UBND xã       xa     chinh_quyen      Cúc (nữ, Hoa, 60, Party member, cao cấp LLCT, chuyên viên chính QLNN)
// Not counted: Em (retired 01/03/2025), Giang (first assignment starts 01/05/2025), Hải (record deleted).

type Api = ReturnType<typeof testApi>;

async function seed(api: Api) {
  const unit = (name: string, kind: string, level: string) => api.call('units.create', { name, kind, level, validFrom: '2000-01-01', ethnicContact: false });
  const board = await unit('Ban Tổ chức Tỉnh ủy', 'dang', 'tinh');
  const home = await unit('Sở Nội vụ', 'chinh_quyen', 'tinh');
  const hospital = await unit('Bệnh viện đa khoa huyện Mỹ Tú', 'su_nghiep_y_te', 'huyen');
  const commune = await unit('UBND xã Lai Hòa', 'chinh_quyen', 'xa');
  const cadre = (fields: Record<string, unknown>, unitId: number | null, fromDate = '2015-01-01') =>
    api.call('cadres.create', { fields: fields as never, flags: [], ...(unitId ? { assignment: { unitId, fromDate, postTitle: 'Chuyên viên' } } : {}) });
  const qual = (cadreId: number, category: string, levelKey: string, awardDate: string) => api.call('qualifications.create', { cadreId, category, levelKey, awardDate });

  const an = await cadre({ fullName: 'Nguyễn Thị An', sex: 'nu', birthDate: '1995-04-01', ethnicity: 'kinh', partyJoinDate: '2020-01-01', category: 'cong_chuc', rankCode: '01.003' }, board.id);
  await qual(an.id, 'chuyen_mon', 'dai_hoc', '2017-06-30');
  await qual(an.id, 'ly_luan_chinh_tri', 'trung_cap', '2022-05-01');
  const binh = await cadre({ fullName: 'Thạch Bình', sex: 'nam', birthDate: '1994-03-31', ethnicity: 'khmer', category: 'vien_chuc', rankCode: 'V.08.01.03' }, hospital.id);
  await qual(binh.id, 'chuyen_mon', 'dai_hoc', '2018-07-01');
  await qual(binh.id, 'chuyen_mon', 'thac_si', '2024-06-01');
  await qual(binh.id, 'chuyen_mon', 'tien_si', '2025-05-01');
  const cuc = await cadre({ fullName: 'Lâm Thị Cúc', sex: 'nu', birthDate: '1964-06-15', ethnicity: 'hoa', partyJoinDate: '1990-02-03', category: 'can_bo' }, commune.id);
  await qual(cuc.id, 'ly_luan_chinh_tri', 'cao_cap', '2012');
  await qual(cuc.id, 'quan_ly_nha_nuoc', 'chuyen_vien_chinh', '2015-01-01');
  const dung = await cadre({ fullName: 'Trần Văn Dũng', sex: 'nam', birthDate: '1960-01-01', ethnicity: 'kinh', partyJoinDate: '2025-04-10', category: 'cong_chuc', rankCode: '01.002' }, home.id);
  await qual(dung.id, 'chuyen_mon', 'dai_hoc', '1983');
  const em = await cadre({ fullName: 'Phạm Thị Em', sex: 'nu', birthDate: '1980-02-01', ethnicity: 'kinh', category: 'cong_chuc' }, board.id);
  await api.call('cadres.setStatus', { id: em.id, version: em.version, status: 'nghi_huu', effectiveDate: '2025-03-01' });
  const phong = await cadre({ fullName: 'Lê Phong', sex: 'nam', birthDate: '1985', ethnicity: 'kinh', category: 'cong_chuc' }, commune.id, '2010-01-01');
  await api.call('assignments.create', { cadreId: phong.id, unitId: board.id, fromDate: '2025-01-01', closeCurrent: true });
  const giang = await cadre({ fullName: 'Võ Giang', sex: 'nam', birthDate: '1990-05-05', ethnicity: 'kinh', category: 'cong_chuc' }, null);
  await api.call('assignments.create', { cadreId: giang.id, unitId: board.id, fromDate: '2025-05-01', closeCurrent: true });
  const hai = await cadre({ fullName: 'Đỗ Hải', sex: 'nu', birthDate: '1970-01-01', ethnicity: 'kinh', category: 'cong_chuc' }, board.id);
  await api.call('cadres.delete', { ids: [hai.id] });
  return { board, commune, an, binh, cuc, dung, phong };
}

/** Stand-in indicator results (the engine has its own tests); what matters here is how the report uses them. */
function fakeIndicators(byDate: Record<string, Partial<IndicatorResult>[]>): FigureSources {
  return {
    indicators: (_db, onDate) =>
      (byDate[onDate] ?? []).map((r, i) => ({ indicatorId: i + 1, code: '', text: '', kind: 'computed', unit: 'percent', n: null, N: null, value: null, targets: [], ...r }) as IndicatorResult),
  };
}
const IND_2A = { code: '2a', text: 'Ủy viên BCH Đảng bộ tỉnh có trình độ sau đại học', targets: [{ year: 2025, value: 70 }, { year: 2030, value: 80 }] };
const IND_1B = { code: '1b', text: 'CBCCVC cấp tỉnh, huyện có trình độ sau đại học', targets: [{ year: 2025, value: 20 }, { year: 2030, value: 25 }] };
const IND_4A = { code: '4a', kind: 'entered' as const, text: 'Giáo viên đạt chuẩn', targets: [{ year: 2025, value: 100 }] };
const INDICATORS = fakeIndicators({
  '2025-03-31': [
    { ...IND_2A, n: 25, N: 40, value: 62.5 },
    { ...IND_1B, n: 30, N: 120, value: 25 },
    { ...IND_4A, value: 88.24 },
  ],
  '2024-12-31': [
    { ...IND_2A, n: 24, N: 40, value: 60 },
    { ...IND_1B, n: 31, N: 120, value: 25.833 },
    { ...IND_4A, value: 88.21 },
  ],
});

const valueOf = (report: Report, rowKey: string, columnKey = 'total') => {
  const s = report.figures.structure;
  const row = s.rows.find((r) => r.key === rowKey);
  if (!row) throw new Error(`no row ${rowKey}`);
  return row.values[s.columns.findIndex((c) => c.key === columnKey)];
};

describe('quarterly report', () => {
  let db: AppDb;
  let api: Api;
  let people: Awaited<ReturnType<typeof seed>>;
  beforeEach(async () => {
    db = await openTestDb();
    api = testApi(db);
    people = await seed(api);
  });

  it('counts the 8B structure as of the quarter end from the dated history', async () => {
    const r = await api.call('reports.create', { year: 2025, quarter: 1 });
    expect(r.status).toBe('draft');
    expect(r.figures.asOf).toBe('2025-03-31');
    const v = (key: string, col?: string) => valueOf(r, key, col);
    expect([v('total'), v('total', 'level:tinh'), v('total', 'level:huyen'), v('total', 'level:xa')]).toEqual([5, 3, 1, 1]);
    expect([v('total', 'kind:dang'), v('total', 'kind:chinh_quyen'), v('total', 'kind:su_nghiep_y_te'), v('total', 'kind:su_nghiep_giao_duc')]).toEqual([2, 2, 1, 0]);
    expect([v('women'), v('women', 'level:tinh'), v('women', 'level:xa')]).toEqual([2, 1, 1]);
    expect([v('minority'), v('minority', 'level:huyen'), v('minority', 'level:xa')]).toEqual([2, 1, 1]);
    // Dũng joined the Party after 31/03/2025.
    expect([v('party'), v('party', 'kind:chinh_quyen')]).toEqual([2, 1]);
    // An turns 30 on 01/04; Bình turns 31 on 31/03; Phong's "1985" counts from 01/01/1985.
    expect(['age_le30', 'age_31_35', 'age_36_40', 'age_41_45', 'age_46_50', 'age_51_55', 'age_56_60', 'age_gt60'].map((k) => v(k))).toEqual([1, 1, 1, 0, 0, 0, 1, 1]);
    expect(v('age_avg')).toBe(45); // (29 + 31 + 60 + 65 + 40) / 5
    expect(v('age_avg', 'level:tinh')).toBeCloseTo(44.7, 5); // (29 + 65 + 40) / 3 = 44.67
    expect(['category_can_bo', 'category_cong_chuc', 'category_vien_chuc'].map((k) => v(k))).toEqual([1, 3, 1]);
    expect(['rank_cvcc', 'rank_cvc', 'rank_cv', 'rank_none'].map((k) => v(k))).toEqual([0, 1, 2, 2]);
    // Bình's tiến sĩ (May 2025) does not count yet: his highest level on 31/03 is thạc sĩ.
    expect([v('chuyen_mon_postgraduate'), v('chuyen_mon_thac_si'), v('chuyen_mon_tien_si'), v('chuyen_mon_dai_hoc'), v('chuyen_mon_none')]).toEqual([1, 1, 0, 2, 2]);
    expect([v('chuyen_mon_postgraduate', 'level:huyen'), v('chuyen_mon_dai_hoc', 'level:tinh')]).toEqual([1, 2]);
    expect([v('ly_luan_chinh_tri_cao_cap'), v('ly_luan_chinh_tri_trung_cap'), v('ly_luan_chinh_tri_none')]).toEqual([1, 1, 3]);
    expect([v('quan_ly_nha_nuoc_chuyen_vien_chinh', 'level:xa'), v('quan_ly_nha_nuoc_none')]).toEqual([1, 4]);
    // Giang is working but had no assignment on 31/03: named in the notes, not counted.
    expect(r.figures.structure.withoutAssignment).toBe(1);
    expect(r.figures.structure.notes.join(' ')).toContain('1 người đang công tác chưa có quá trình công tác');
    // Every cell opens onto its people.
    const members = (rowKey: string, columnKey: string) => api.call('reports.structureMembers', { asOf: '2025-03-31', rowKey, columnKey });
    expect((await members('women', 'level:tinh')).map((m) => m.fullName)).toEqual(['Nguyễn Thị An']);
    expect((await members('minority', 'total')).map((m) => [m.fullName, m.unitName])).toEqual([['Thạch Bình', 'Bệnh viện đa khoa huyện Mỹ Tú'], ['Lâm Thị Cúc', 'UBND xã Lai Hòa']]);
    expect((await members('age_avg', 'level:tinh')).map((m) => [m.fullName, m.age])).toEqual([['Nguyễn Thị An', 29], ['Trần Văn Dũng', 65], ['Lê Phong', 40]]);
    expect((await api.fail('reports.structureMembers', { asOf: '2025-03-31', rowKey: 'khong_co', columnKey: 'total' })).message).toBe('Ô số liệu không tồn tại trong bảng cơ cấu.');
    expect(r.figures.structure.notes.join(' ')).toContain('Sau đại học gồm: bác sĩ nội trú, chuyên khoa I, thạc sĩ, chuyên khoa II, tiến sĩ, tiến sĩ khoa học');
  });

  it('reads the organisation as it stood on another quarter end', async () => {
    // On 31/12/2024 Phong still worked in the commune, and the retired Em was still working at the board.
    const r = await api.call('reports.create', { year: 2024, quarter: 4 });
    const v = (key: string, col?: string) => valueOf(r, key, col);
    expect([v('total'), v('total', 'level:tinh'), v('total', 'level:xa')]).toEqual([6, 3, 2]);
    expect(v('women')).toBe(3);
    expect(v('chuyen_mon_thac_si')).toBe(1);
  });

  it('builds the indicator table with targets, previous quarter, change and gap, and a narrative with the figures', async () => {
    const r = createReport(db, { year: 2025, quarter: 1 }, SYSTEM_CONTEXT, INDICATORS);
    const [a2, b1] = r.figures.indicators.rows;
    expect(a2).toMatchObject({ code: '2a', target2025: 70, target2030: 80, value: 62.5, n: 25, N: 40, previousValue: 60, change: 2.5, gapTargetYear: 2025, gap: -7.5, peopleNeeded: 3, status: 'chua_dat' }); // 7,5 points short: more than the 5 points of "gần đạt"
    expect(b1).toMatchObject({ code: '1b', value: 25, previousValue: 25.833, change: -0.83, gap: 5, peopleNeeded: 0, status: 'dat' });

    const n = r.narrative;
    expect(n.achievements).toContain('Đến ngày 31/03/2025, tổng số cán bộ, công chức, viên chức đang công tác là 5 người (cấp tỉnh 3, cấp huyện 1, cấp xã 1)');
    expect(n.achievements).toContain('nữ 2 người (40%)');
    expect(n.achievements).toContain('người dân tộc thiểu số 2 người (40%)');
    expect(n.achievements).toContain('đảng viên 2 người (40%)');
    expect(n.achievements).toContain('tuổi bình quân 45,0');
    expect(n.achievements).toContain('chỉ tiêu 1b đạt 25% (30/120 người) so với mục tiêu năm 2025 (20%)');
    expect(n.achievements).toContain('2a (từ 60% lên 62,5%)');
    expect(n.limitations).toContain('Chỉ tiêu 2a - Ủy viên BCH Đảng bộ tỉnh có trình độ sau đại học: đạt 62,5% (25/40 người), còn thấp hơn mục tiêu năm 2025 (70%) 7,5 điểm phần trăm.');
    expect(n.limitations).toContain('1b (từ 25,8% xuống 25%)');
    expect(n.nextTasks).toContain('Chỉ tiêu 2a: cần thêm ít nhất 3 người đạt để bảo đảm mục tiêu năm 2025 (70%) (với tổng số hiện nay 40 người).');
    expect(n.nextTasks).toContain('quý II năm 2025');
    // 88,21% -> 88,24% prints as 88,2% both times: not reported as a rise.
    expect(n.achievements).not.toContain('4a (từ');
    expect(n.limitations).toContain('Chỉ tiêu 4a - Giáo viên đạt chuẩn: đạt 88,2%, còn thấp hơn mục tiêu năm 2025 (100%) 11,8 điểm phần trăm.');
    expect(r.generatedNarrative).toEqual(n);
  });

  it('reads the seeded resolution through the indicator engine', async () => {
    const r = await api.call('reports.create', { year: 2025, quarter: 1 });
    expect(r.figures.indicators.available).toBe(true);
    // 1b on 31/03/2025: province and district CBCCVC except viên chức of health/education = An, Phong, Dũng; none postgraduate.
    const b1 = r.figures.indicators.rows.find((x) => x.code === '1b');
    expect(b1).toMatchObject({ n: 0, N: 3, value: 0, target2025: 20, gapTargetYear: 2025, gap: -20, peopleNeeded: 1 });
    // On 31/12/2024 Em was still working at the board: N = 4.
    expect(b1?.previousValue).toBe(0);
    expect(r.narrative.nextTasks).toContain('Chỉ tiêu 1b: cần thêm ít nhất 1 người đạt để bảo đảm mục tiêu năm 2025 (20%) (với tổng số hiện nay 3 người).');
  });

  it('counts training and rotations of the quarter', async () => {
    const s = db.sqlite;
    const plan = Number(s.prepare(`insert into training_plans (year, name) values (2025, 'Kế hoạch 2025')`).run().lastInsertRowid);
    const course = (name: string, start: string, end: string | null, budget: number | null, spent: number | null, deleted = false) =>
      Number(
        s.prepare(`insert into training_courses (plan_id, name, kind, start_date, end_date, budget_vnd, spent_vnd, deleted_at) values (?, ?, 'boi_duong', ?, ?, ?, ?, ?)`)
          .run(plan, name, start, end, budget, spent, deleted ? '2025-01-01T00:00:00Z' : null).lastInsertRowid,
      );
    const enrol = (courseId: number, cadreId: number, status: string, certificateDate: string | null = null) =>
      s.prepare('insert into training_enrolments (course_id, cadre_id, status, certificate_date) values (?, ?, ?, ?)').run(courseId, cadreId, status, certificateDate);
    const c1 = course('Bồi dưỡng lãnh đạo cấp phòng', '2025-01-10', '2025-02-20', 100_000_000, 90_000_000);
    enrol(c1, people.an.id, 'completed', '2025-02-25');
    enrol(c1, people.phong.id, 'not_completed');
    enrol(c1, people.cuc.id, 'withdrawn');
    enrol(c1, people.dung.id, 'proposed');
    const c2 = course('Trung cấp lý luận chính trị', '2024-11-01', '2025-03-15', 50_000_000, 40_000_000);
    enrol(c2, people.binh.id, 'completed');
    const c3 = course('Cao cấp lý luận chính trị', '2025-03-20', null, null, null);
    enrol(c3, people.dung.id, 'studying');
    course('Tin học nâng cao', '2025-04-05', '2025-05-05', 10_000_000, null);
    course('Lớp đã xoá', '2025-02-01', '2025-02-10', 5_000_000, 5_000_000, true);

    const rotation = (cadreId: number, type: string, status: string, start: string | null, end: string | null) =>
      s.prepare(`insert into rotations (cadre_id, type, from_unit_id, to_unit_id, planned_start, actual_start, actual_end, status) values (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(cadreId, type, people.board.id, people.commune.id, start ?? '2025-06-01', start, end, status);
    rotation(people.an.id, 'luan_chuyen', 'in_progress', '2024-06-01', null);
    rotation(people.phong.id, 'dieu_dong', 'ended', '2025-02-01', '2025-03-31');
    rotation(people.cuc.id, 'luan_chuyen', 'in_progress', '2025-03-15', null);
    rotation(people.dung.id, 'luan_chuyen', 'cancelled', '2025-02-01', null);
    rotation(people.binh.id, 'luan_chuyen', 'planned', null, null);

    const r = await api.call('reports.create', { year: 2025, quarter: 1 });
    const lines = (xs: { key: string; value: number | null }[]) => Object.fromEntries(xs.map((l) => [l.key, l.value]));
    expect(r.figures.training.available).toBe(true);
    expect(lines(r.figures.training.lines)).toEqual({
      courses_running: 3, courses_started: 2, courses_ended: 2, enrolments: 3, completions: 2, budget: 100_000_000, spent: 130_000_000,
    });
    expect(r.figures.training.courses.map((c) => [c.name, c.enrolled, c.completed])).toEqual([
      ['Trung cấp lý luận chính trị', 1, 1],
      ['Bồi dưỡng lãnh đạo cấp phòng', 2, 1],
      ['Cao cấp lý luận chính trị', 1, 0],
    ]);
    expect(lines(r.figures.rotations.lines)).toEqual({ started: 2, ended: 1, ongoing: 2 });
    expect(r.figures.rotations.items.map((i) => [i.cadreName, i.type, i.states])).toEqual([
      ['Nguyễn Thị An', 'Luân chuyển', ['ongoing']],
      ['Lê Phong', 'Điều động', ['started', 'ended']],
      ['Lâm Thị Cúc', 'Luân chuyển', ['started', 'ongoing']],
    ]);
    expect(r.narrative.achievements).toContain('trong quý có 2 lớp khai giảng, 2 lớp kết thúc; cử 3 lượt người đi học, 2 lượt người hoàn thành; kinh phí dự toán các lớp khai giảng 100.000.000 đồng.');
    expect(r.narrative.achievements).toContain('2 cán bộ bắt đầu, 1 cán bộ kết thúc trong quý; 2 cán bộ đang luân chuyển đến ngày 31/03/2025.');
  });

  it('says "Chưa có dữ liệu" for a section whose source has nothing', async () => {
    const r = createReport(db, { year: 2025, quarter: 1 }, SYSTEM_CONTEXT, { indicators: () => null });
    expect(r.figures.indicators).toEqual({ available: false, message: 'Chưa có dữ liệu chỉ tiêu.', rows: [] });
    // A database without the training and rotation tables still gets its report.
    db.sqlite.pragma('foreign_keys = OFF');
    db.sqlite.exec('drop table training_enrolments; drop table rotations;');
    const bare = createReport(db, { year: 2025, quarter: 1 }, SYSTEM_CONTEXT, { indicators: () => null });
    expect(bare.figures.training).toEqual({ available: false, message: 'Chưa có dữ liệu', lines: [], courses: [] });
    expect(bare.figures.rotations).toEqual({ available: false, message: 'Chưa có dữ liệu', lines: [], items: [] });
    expect(valueOf(bare, 'total')).toBe(5);
  });

  it('edits a draft, refuses to issue it incomplete, issues it frozen, and refuses changes after', async () => {
    const draft = await api.call('reports.create', { year: 2025, quarter: 1 });
    const edited = await api.call('reports.update', {
      id: draft.id,
      version: draft.version,
      narrative: { limitations: '  Một số cơ quan  chậm cập nhật hồ sơ.\r\n\r\n\r\nCần khắc phục. ' },
      header: { issuingBody: 'TỈNH ỦY SÓC TRĂNG', superiorBody: 'ĐẢNG BỘ TỈNH SÓC TRĂNG', place: 'Sóc Trăng', docSymbol: 'BC/TU', signerName: 'Nguyễn Văn A' },
    });
    expect(edited.version).toBe(draft.version + 1);
    expect(edited.narrative.limitations).toBe('Một số cơ quan chậm cập nhật hồ sơ.\n\nCần khắc phục.');
    expect(edited.narrative.achievements).toBe(draft.narrative.achievements);
    const audit = db.sqlite.prepare(`select field, new_value as v from audit_log where entity = 'report' and entity_id = ? order by id`).all(draft.id) as { field: string; v: string }[];
    expect(audit.map((a) => a.field)).toEqual(expect.arrayContaining(['issuingBody', 'place', 'narrative.limitations']));

    // A stale version is a conflict, and nothing changes.
    expect((await api.fail('reports.update', { id: draft.id, version: draft.version, header: { place: 'Cần Thơ' } })).kind).toBe('conflict');

    const incomplete = await api.fail('reports.issue', { id: draft.id, version: edited.version });
    expect(incomplete.kind).toBe('validation');
    expect(incomplete.fieldErrors).toMatchObject({ docNumber: 'Cần nhập số văn bản trước khi ban hành.', issueDate: 'Cần nhập ngày ban hành trước khi ban hành.' });

    const ready = await api.call('reports.update', { id: draft.id, version: edited.version, header: { docNumber: '12', issueDate: '2025-03-31' } });
    const issued = await api.call('reports.issue', { id: draft.id, version: ready.version });
    expect(issued.status).toBe('issued');
    expect(issued.issuedBy).toBe(SYSTEM_CONTEXT.actor);

    // Records change after issuing: a new woman at the board, and Bình's record is edited.
    await api.call('cadres.create', { fields: { fullName: 'Mai Thị Hoa', sex: 'nu', birthDate: '1992-01-01', category: 'cong_chuc' } as never, flags: [], assignment: { unitId: people.board.id, fromDate: '2020-01-01' } });
    const binh = (await api.call('cadres.get', { id: people.binh.id })).row;
    await api.call('cadres.update', { id: binh.id, version: binh.version, changes: { sex: 'nu' } });
    await api.call('units.update', { id: people.board.id, version: people.board.version, changes: { name: 'Ban Tổ chức Thành ủy' } }).catch(() => undefined);

    const reread = await api.call('reports.get', { id: draft.id });
    expect(reread.figures).toEqual(ready.figures);
    expect(reread.narrative).toEqual(ready.narrative);
    expect(reread.header).toEqual(ready.header);
    expect(valueOf(reread, 'women')).toBe(2);
    // What the records say now differs, so the snapshot really is what kept the figures.
    const fresh = await api.call('reports.create', { year: 2025, quarter: 1, fromReportId: draft.id });
    expect(valueOf(fresh, 'women')).toBe(4);

    const refuse = await api.fail('reports.refresh', { id: draft.id, version: reread.version });
    expect(refuse.kind).toBe('validation');
    expect(refuse.message).toContain('đã ban hành');
    expect((await api.fail('reports.update', { id: draft.id, version: reread.version, narrative: { nextTasks: 'x' } })).message).toContain('đã ban hành');
    expect((await api.fail('reports.delete', { id: draft.id, version: reread.version })).message).toContain('không xoá được');

    // The new draft from the issued one: same header and text, its own number and date to fill in.
    expect(fresh.status).toBe('draft');
    expect(fresh.basedOnId).toBe(draft.id);
    expect(fresh.header).toMatchObject({ issuingBody: 'TỈNH ỦY SÓC TRĂNG', place: 'Sóc Trăng', docNumber: '', issueDate: null });
    expect(fresh.narrative.limitations).toBe('Một số cơ quan chậm cập nhật hồ sơ.\n\nCần khắc phục.');

    // The same number cannot be issued twice in a year.
    const dup = await api.call('reports.update', { id: fresh.id, version: fresh.version, header: { docNumber: '12', issueDate: '2025-04-02' } });
    const dupErr = await api.fail('reports.issue', { id: fresh.id, version: dup.version });
    expect(dupErr.fieldErrors.docNumber).toContain('Số 12-BC/TU đã dùng cho báo cáo Quý I/2025');
  });

  it('refresh recomputes a draft; untouched sections follow the figures, edited ones stay', async () => {
    const draft = createReport(db, { year: 2025, quarter: 1 }, SYSTEM_CONTEXT, INDICATORS);
    const edited = await api.call('reports.update', { id: draft.id, version: draft.version, narrative: { nextTasks: 'Nhiệm vụ do văn phòng soạn.' } });
    await api.call('cadres.create', { fields: { fullName: 'Mai Thị Hoa', sex: 'nu', birthDate: '1992-01-01', category: 'cong_chuc' } as never, flags: [], assignment: { unitId: people.board.id, fromDate: '2020-01-01' } });
    const refreshed = refreshReport(db, { id: draft.id, version: edited.version }, SYSTEM_CONTEXT, INDICATORS);
    expect(valueOf(refreshed, 'total')).toBe(6);
    expect(valueOf(refreshed, 'women')).toBe(3);
    expect(refreshed.narrative.achievements).toContain('đang công tác là 6 người');
    expect(refreshed.narrative.nextTasks).toBe('Nhiệm vụ do văn phòng soạn.');
    expect(refreshed.generatedNarrative.nextTasks).toContain('cần thêm ít nhất 3 người');
  });

  it('exports the tables to an .xlsx that exceljs reads back with numbers and formats', async () => {
    const draft = createReport(db, { year: 2025, quarter: 1 }, SYSTEM_CONTEXT, INDICATORS);
    const out = await api.call('reports.exportXlsx', { id: draft.id });
    expect(out.fileName).toBe('bao-cao-quy-1-2025-du-thao.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Văn bản', 'Cơ cấu đội ngũ', 'Chỉ tiêu', 'Đào tạo, bồi dưỡng', 'Luân chuyển']);

    const ws = wb.getWorksheet('Cơ cấu đội ngũ')!;
    const header = ws.getRow(3).values as unknown[];
    expect(header.slice(1, 7)).toEqual(['STT', 'Chỉ tiêu', 'Tổng số', 'Cấp tỉnh', 'Cấp huyện', 'Cấp xã']);
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((r) => {
        if (String(r.getCell(2).value).trim() === label) found = r;
      });
      if (!found) throw new Error(`no row ${label}`);
      return found;
    };
    const women = rowOf('Nữ');
    expect([women.getCell(3).value, women.getCell(4).value, women.getCell(5).value, women.getCell(6).value]).toEqual([2, 1, 0, 1]);
    expect(women.getCell(3).numFmt).toBe('#,##0');
    expect(women.getCell(13).value).toBe(40); // 2 of 5, as a number
    const avg = rowOf('Tuổi bình quân');
    expect(avg.getCell(3).value).toBe(45);
    expect(avg.getCell(3).numFmt).toBe('#,##0.0');
    expect(ws.getColumn(2).width).toBeGreaterThan(30);

    const ind = wb.getWorksheet('Chỉ tiêu')!;
    const a2 = ind.getRow(4);
    expect([a2.getCell(1).value, a2.getCell(4).value, a2.getCell(5).value, a2.getCell(6).value, a2.getCell(7).value, a2.getCell(8).value, a2.getCell(9).value, a2.getCell(10).value, a2.getCell(13).value]).toEqual(['2a', 70, 80, 62.5, 25, 40, 60, 2.5, 3]);
    expect(a2.getCell(6).numFmt).toBe('#,##0.0');
  });

  it('starts a new report from the settings an admin set, else from the last report', async () => {
    await api.call('settings.set', { key: 'report.issuingBody', value: 'THÀNH ỦY CẦN THƠ' });
    await api.call('settings.set', { key: 'report.recipients', value: ['- Ban Tổ chức Trung ương,', '- Lưu Văn phòng.'] });
    const first = await api.call('reports.create', { year: 2025, quarter: 3 });
    expect(first.header.issuingBody).toBe('THÀNH ỦY CẦN THƠ');
    expect(first.header.recipients).toEqual(['- Ban Tổ chức Trung ương,', '- Lưu Văn phòng.']);
    expect(first.header.subject).toBe('kết quả thực hiện Nghị quyết về phát triển nguồn nhân lực quý III năm 2025');
    await api.call('reports.update', { id: first.id, version: first.version, header: { place: 'Cần Thơ', signerName: 'Trần Văn B' } });
    const second = await api.call('reports.create', { year: 2025, quarter: 4 });
    expect(second.header).toMatchObject({ issuingBody: 'THÀNH ỦY CẦN THƠ', place: 'Cần Thơ', signerName: 'Trần Văn B', docNumber: '' });
    const list = await api.call('reports.list', {});
    expect(list.map((r) => [r.year, r.quarter])).toEqual([[2025, 4], [2025, 3]]);
    // Bad input gets a Vietnamese message.
    expect((await api.fail('reports.create', { year: 2025, quarter: 5 })).message).toBe('Quý phải là 1, 2, 3 hoặc 4.');
  });
});

describe('report formatting', () => {
  it('writes numbers and the document date the Vietnamese way', async () => {
    const f = await import('../../shared/api/reports-format');
    expect(f.formatNumberVn(1234567)).toBe('1.234.567');
    expect(f.formatNumberVn(-1234.56, 1)).toBe('-1.234,6');
    expect(f.formatPercentVn(45)).toBe('45');
    expect(f.formatPercentVn(33.333)).toBe('33,3');
    expect(f.formatSignedVn(2.5)).toBe('+2,5');
    expect(f.formatSignedVn(-0.01)).toBe('0');
    // Hướng dẫn 36-HD/VPTW: a leading zero for days below 10 and for January and February.
    expect(f.documentDateLine('Sóc Trăng', '2025-03-31')).toBe('Sóc Trăng, ngày 31 tháng 3 năm 2025');
    expect(f.documentDateLine('Cần Thơ', '2025-02-05')).toBe('Cần Thơ, ngày 05 tháng 02 năm 2025');
    expect(f.documentDateLine('Cần Thơ', '2025-12-01')).toBe('Cần Thơ, ngày 01 tháng 12 năm 2025');
    expect(f.documentNumberLine('12', 'BC/TU')).toBe('Số 12-BC/TU');
  });
});

describe('report defaults', () => {
  it('saves a header as the defaults in one call, admin only, with audit rows', async () => {
    const db = await openTestDb();
    const api = testApi(db);
    const header = { docSymbol: 'BC/TU', issuingBody: 'TỈNH ỦY SÓC TRĂNG', superiorBody: 'ĐẢNG BỘ TỈNH SÓC TRĂNG', place: 'Sóc Trăng', signerCapacity: 'T/M BAN THƯỜNG VỤ', signerTitle: 'BÍ THƯ', signerName: 'Nguyễn Văn A', recipients: ['- Như trên,', '- Lưu.'] };
    const settings = await api.call('reports.saveDefaults', header);
    expect(settings['report.issuingBody']).toBe('TỈNH ỦY SÓC TRĂNG');
    expect(settings['report.recipients']).toEqual(['- Như trên,', '- Lưu.']);
    const audit = db.sqlite.prepare(`select count(*) as n from audit_log where entity = 'setting'`).get() as { n: number };
    expect(audit.n).toBe(8);
    const r = await api.call('reports.create', { year: 2025, quarter: 2 });
    expect(r.header).toMatchObject({ ...header, docNumber: '', issueDate: null });
    const clerk = testApi(db, { actor: 'văn thư', role: 'clerk' });
    expect((await clerk.fail('reports.saveDefaults', header)).kind).toBe('forbidden');
  });

  it('marks the figures of a quarter that has not ended as provisional', async () => {
    const db = await openTestDb();
    const r = await testApi(db).call('reports.create', { year: 2099, quarter: 4 });
    expect(r.figures.structure.notes[0]).toMatch(/^Quý chưa kết thúc: số liệu tạm tính/);
  });
});
