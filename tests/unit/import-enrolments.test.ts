import { describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import { seedSmall } from '../helpers/fixtures';

let n = 0;
const jobId = () => `en-${++n}-xxxxxx`;

describe('importing the participants of a course', () => {
  it('matches people, skips those already enrolled, warns, enrols in one batch and undoes', async () => {
    const db = await openTestDb();
    const api = testApi(db);
    const seed = seedSmall(db);
    const id = Object.fromEntries(seed.cadres.map((c) => [c.fullName, c.id]));
    const plan = await api.call('training.plans.create', { fields: { year: 2026, name: 'Kế hoạch đào tạo 2026' } });
    const course = await api.call('training.courses.create', { fields: { planId: plan.id, name: 'Trung cấp LLCT khoá 12', kind: 'llct_trung_cap', qualCategory: 'ly_luan_chinh_tri', qualLevelKey: 'trung_cap', startDate: '2026-03-01', endDate: '2026-12-31' } });
    // Lâm Văn Đức is in the course already; Phạm Quốc Bảo already holds the level the course leads to.
    await api.call('training.enrolments.create', { courseId: course.id, cadreIds: [id['Lâm Văn Đức']] });
    await api.call('qualifications.create', { cadreId: id['Phạm Quốc Bảo'], category: 'ly_luan_chinh_tri', levelKey: 'cao_cap' });

    const csv = [
      'DANH SÁCH HỌC VIÊN LỚP TRUNG CẤP LLCT',
      'STT,Họ và tên,Năm sinh,Đơn vị',
      '1,Nguyễn Thị Hồng,1985,Ban Tổ chức',
      '2,Lâm Văn Đức,30/12/1975,UBND xã',
      '3,Phạm Quốc Bảo,1982,Ban Tổ chức',
      '4,Người Không Có,1990,',
      '5,Nguyễn Thị Hồng,12/04/1985,',
    ].join('\r\n');
    const a = await api.call('imports.analyze', { jobId: jobId(), target: 'enrolments', fileName: 'hoc-vien.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(a.mapping).toEqual(['rowNo', 'fullName', 'birthDate', 'unit']);
    const refused = await api.fail('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping: a.mapping });
    expect(refused.message).toContain('chọn khoá');
    const p = await api.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping: a.mapping, options: { courseId: course.id } });
    expect(p.counts).toEqual({ new: 2, update: 0, unchanged: 1, error: 1, duplicate: 1, skipped: 0 });
    const rows = new Map((await api.call('imports.rows', { importId: a.importId })).rows.map((r) => [r.rowNo, r]));
    expect(rows.get(3)).toMatchObject({ status: 'new', matchId: id['Nguyễn Thị Hồng'] });
    expect(rows.get(4)!.messages[0].message).toBe('Đã có trong khoá học này.');
    expect(rows.get(5)!.messages[0].message).toContain('đã có trình độ');
    expect(rows.get(6)!.messages[0].message).toContain('Không tìm thấy hồ sơ "Người Không Có"');
    expect(rows.get(7)!.status).toBe('duplicate');

    const s = await api.call('imports.commit', { jobId: jobId(), importId: a.importId });
    const enrolled = db.sqlite.prepare('select cadre_id as c, status, acknowledged_warnings as w from training_enrolments where course_id = ? and deleted_at is null order by cadre_id').all(course.id) as any[];
    expect(enrolled.map((e) => e.c)).toEqual([id['Nguyễn Thị Hồng'], id['Lâm Văn Đức'], id['Phạm Quốc Bảo']].sort((x, y) => x - y));
    expect(JSON.parse(enrolled.find((e) => e.c === id['Phạm Quốc Bảo']).w)[0]).toContain('đã có trình độ');
    const audit = db.sqlite.prepare(`select count(*) as n from audit_log where batch_id = ? and entity = 'training_enrolment'`).get(s.batchId) as any;
    expect(audit.n).toBe(2);

    await api.call('imports.undo', { importId: a.importId });
    const left = db.sqlite.prepare('select cadre_id as c from training_enrolments where course_id = ? and deleted_at is null').all(course.id) as any[];
    expect(left.map((e) => e.c)).toEqual([id['Lâm Văn Đức']]);
  });
});
