import { beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { testApi } from '../helpers/db';
import { newImportJobId, seededTestDb, type seedSmall } from '../helpers/fixtures';
import type { AppDb } from '../../db/open';

let db: AppDb;
let api: ReturnType<typeof testApi>;
let seed: ReturnType<typeof seedSmall>;
const jobId = newImportJobId;

beforeEach(async () => {
  ({ db, api, seed } = await seededTestDb());
  // Nguyễn Thị Hồng already holds a master's in economics; Phạm Quốc Bảo an intermediate political level (no school recorded).
  db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key, field, source) values (?, 'chuyen_mon', 'thac_si', 'Kinh tế', 'manual')`).run(seed.cadres[0].id);
  db.sqlite.prepare(`insert into qualifications (cadre_id, category, level_key, source) values (?, 'ly_luan_chinh_tri', 'trung_cap', 'manual')`).run(seed.cadres[5].id);
});

/** One row per diploma, the person's cells merged down over their rows, levels written freely. */
async function diplomaSheet(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Văn bằng');
  ws.addRow(['DANH SÁCH VĂN BẰNG, CHỨNG CHỈ CỦA CÁN BỘ']);
  ws.mergeCells('A1:I1');
  ws.addRow([]);
  ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Văn bằng', 'Chuyên ngành', 'Nơi đào tạo', 'Năm tốt nghiệp', 'Hình thức đào tạo']);
  // 4-6: Trần Văn An, three diplomas, name and birth merged down.
  ws.addRow([1, 'Trần Văn An', '01/09/1979', 'Nam', 'Đại học', 'Luật', 'Trường Đại học Cần Thơ', 2003, 'Chính quy']);
  ws.addRow([null, null, null, null, 'Thạc sĩ Quản lý công', null, 'Học viện Hành chính Quốc gia', new Date(Date.UTC(2012, 5, 30)), 'Vừa làm vừa học']);
  ws.addRow([null, null, null, null, 'CCLLCT', null, 'Học viện Chính trị khu vực IV', '2015', 'Tập trung']);
  ws.mergeCells('A4:A6');
  ws.mergeCells('B4:B6');
  ws.mergeCells('C4:C6');
  ws.mergeCells('D4:D6');
  // 7: Hồng's master's in economics is on file already: not added twice.
  ws.addRow([2, 'NGUYỄN THỊ HỒNG', '12/04/1985', 'Nữ', 'ThS', 'Kinh tế', null, null, null]);
  // 8: the same diploma again in the file.
  ws.addRow([3, 'Nguyễn Thị Hồng', '12/04/1985', 'Nữ', 'Thạc sĩ', 'Kinh tế', 'Đại học Kinh tế TP.HCM', 2010, null]);
  // 9-10: a person not on file: the first row creates her, the second adds to her.
  ws.addRow([4, 'Đoàn Thị Mới', 1992, 'Nữ', 'Cử nhân', 'Kế toán', 'Đại học Cần Thơ', 2014, 'Chính quy']);
  ws.addRow([5, 'Đoàn Thị Mới', 1992, 'Nữ', 'Tiếng Anh B1', null, null, 2019, null]);
  // 11: her B1 again, inside the file.
  ws.addRow([6, 'Đoàn Thị Mới', 1992, 'Nữ', 'Anh văn B1', null, null, null, null]);
  // 12: An's political level again, written in full.
  ws.addRow([7, 'Trần Văn An', '01/09/1979', 'Nam', 'Cao cấp lý luận chính trị', null, null, null, null]);
  // 13: a level nobody can read.
  ws.addRow([8, 'Lê Minh Ánh', '07/07/1988', 'Nữ', 'Giấy khen', null, null, null, null]);
  // 14: a diploma before birth.
  ws.addRow([9, 'Lâm Văn Đức', '30/12/1975', 'Nam', 'Trung cấp', 'Kế toán', null, 1970, null]);
  // 15: Bảo's political level is on file without its school and year: the row fills them in.
  ws.addRow([10, 'Phạm Quốc Bảo', '15/03/1982', 'Nam', 'TCLLCT', null, 'Trường Chính trị tỉnh Sóc Trăng', 2012, null]);
  ws.addRow([null, 'Tổng số: 9 người']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function analyzeAndPreview(contentBase64: string, defaultCategory: string | null = null) {
  const a = await api.call('imports.analyze', { jobId: jobId(), target: 'qualifications', fileName: 'van-bang.xlsx', contentBase64 });
  const p = await api.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping: a.mapping, options: { defaultCategory } as never });
  const rows = await api.call('imports.rows', { importId: a.importId, limit: 1000 });
  return { a, p, rows: new Map(rows.rows.map((r) => [r.rowNo, r])) };
}

describe('importing diplomas one per row', () => {
  it('maps the columns, reads free levels in any category, and previews new, filled, identical and duplicate diplomas', async () => {
    const { a, p, rows } = await analyzeAndPreview(await diplomaSheet(), 'vien_chuc');
    expect(a.headerStart).toBe(2);
    expect(a.mapping).toEqual(['rowNo', 'fullName', 'birthDate', 'sex', 'diploma.level', 'diploma.field', 'diploma.institution', 'diploma.awardDate', 'diploma.studyMode']);
    expect(p.counts).toEqual({ new: 5, update: 1, unchanged: 1, error: 2, duplicate: 3, skipped: 1 });

    expect(rows.get(4)!).toMatchObject({ status: 'new', matchId: seed.cadres[1].id });
    expect(rows.get(4)!.values['diploma.level']).toBe('Chuyên môn: Đại học (Luật)');
    const master = rows.get(5)!;
    expect(master.status).toBe('new');
    expect(master.values).toMatchObject({ fullName: 'Trần Văn An', 'diploma.level': 'Chuyên môn: Thạc sĩ (Quản lý công)', 'diploma.awardDate': '30/06/2012' });
    expect(master.messages[0].message).toContain('dòng 4');
    expect(rows.get(6)!.values['diploma.level']).toBe('Lý luận chính trị: Cao cấp');

    expect(rows.get(7)!.status).toBe('unchanged');
    expect(rows.get(7)!.messages[0].message).toContain('Hồ sơ đã có văn bằng này');
    expect(rows.get(8)!.status).toBe('duplicate');
    const bao = rows.get(15)!;
    expect(bao.status).toBe('update');
    expect(bao.changes.map((c) => [c.label, c.from, c.to])).toEqual([
      ['Nơi đào tạo (Trung cấp)', '', 'Trường Chính trị tỉnh Sóc Trăng'],
      ['Năm tốt nghiệp (Trung cấp)', '', '2012'],
    ]);

    expect(rows.get(9)!.status).toBe('new');
    expect(rows.get(9)!.messages.map((m) => m.message).join(' ')).toContain('thêm hồ sơ mới');
    expect(rows.get(10)!.status).toBe('new');
    expect(rows.get(10)!.values['diploma.level']).toBe('Ngoại ngữ: Bậc 3 (B1)');
    expect(rows.get(10)!.messages[0].message).toContain('dòng 9');
    expect(rows.get(11)!.status).toBe('duplicate');
    expect(rows.get(12)!.status).toBe('duplicate');
    expect(rows.get(12)!.messages[0].message).toContain('dòng 6');
    expect(rows.get(13)!.messages[0]).toMatchObject({ field: 'diploma.level' });
    expect(rows.get(14)!.messages[0].message).toBe('Năm tốt nghiệp trước năm sinh.');
  });

  it('commits: adds each diploma once, creates the new person with hers, and undoes as one step', async () => {
    const { a } = await analyzeAndPreview(await diplomaSheet(), 'vien_chuc');
    const summary = await api.call('imports.commit', { jobId: jobId(), importId: a.importId });
    expect(summary.counts).toMatchObject({ new: 5, update: 1, unchanged: 1 });
    const of = (cadreId: number) =>
      db.sqlite.prepare('select category, level_key as k, field, institution as i, award_date as d, note from qualifications where cadre_id = ? and deleted_at is null order by id').all(cadreId);
    expect(of(seed.cadres[1].id)).toEqual([
      { category: 'chuyen_mon', k: 'dai_hoc', field: 'Luật', i: 'Trường Đại học Cần Thơ', d: '2003', note: 'Hình thức đào tạo: Chính quy' },
      { category: 'chuyen_mon', k: 'thac_si', field: 'Quản lý công', i: 'Học viện Hành chính Quốc gia', d: '2012-06-30', note: 'Hình thức đào tạo: Vừa làm vừa học' },
      { category: 'ly_luan_chinh_tri', k: 'cao_cap', field: null, i: 'Học viện Chính trị khu vực IV', d: '2015', note: 'Hình thức đào tạo: Tập trung' },
    ]);
    expect(of(seed.cadres[0].id)).toEqual([{ category: 'chuyen_mon', k: 'thac_si', field: 'Kinh tế', i: null, d: null, note: null }]);
    expect(of(seed.cadres[5].id)).toEqual([{ category: 'ly_luan_chinh_tri', k: 'trung_cap', field: null, i: 'Trường Chính trị tỉnh Sóc Trăng', d: '2012', note: null }]);
    const moi = db.sqlite.prepare(`select id, sex, birth_date as b, category from cadres where full_name = 'Đoàn Thị Mới'`).all() as { id: number; sex: string; b: string; category: string }[];
    expect(moi).toHaveLength(1);
    expect(moi[0]).toMatchObject({ sex: 'nu', b: '1992', category: 'vien_chuc' });
    expect((of(moi[0].id) as { k: string }[]).map((q) => q.k)).toEqual(['dai_hoc', 'bac_3']);

    const audited = db.sqlite.prepare('select entity, action, field from audit_log where batch_id = ?').all(summary.batchId) as { entity: string; action: string; field: string | null }[];
    expect(audited.filter((r) => r.entity === 'qualification' && r.action === 'create')).toHaveLength(5);
    expect(audited).toContainEqual({ entity: 'qualification', action: 'update', field: 'institution' });
    expect(audited).toContainEqual({ entity: 'cadre', action: 'create', field: null });
    // Each created diploma's audit row holds what writeAudit would: its level, with the note only when there is one.
    const createdRows = db.sqlite
      .prepare(`select q.category, q.level_key as levelKey, q.field, q.institution, q.award_date as awardDate, q.certificate_no as certificateNo, q.note, a.new_value as v
                from audit_log a join qualifications q on q.id = a.entity_id where a.batch_id = ? and a.entity = 'qualification' and a.action = 'create'`)
      .all(summary.batchId) as Record<string, string | null>[];
    expect(createdRows.some((r) => r.note) && createdRows.some((r) => !r.note)).toBe(true);
    for (const { v, certificateNo, note, ...level } of createdRows) {
      expect(v).toBe(JSON.stringify({ ...level, ...(certificateNo ? { certificateNo } : {}), ...(note ? { note } : {}) }));
    }

    const undo = await api.call('imports.undo', { importId: a.importId });
    expect(undo).toMatchObject({ removed: 5, restored: 1 });
    expect(of(seed.cadres[1].id)).toEqual([]);
    expect(of(seed.cadres[5].id)).toEqual([{ category: 'ly_luan_chinh_tri', k: 'trung_cap', field: null, i: null, d: null, note: null }]);
    expect((db.sqlite.prepare('select deleted_at as d from cadres where id = ?').get(moi[0].id) as { d: string | null }).d).not.toBeNull();
  });

  it('without a default category, a person not on file is an error that says what is missing', async () => {
    const { rows } = await analyzeAndPreview(await diplomaSheet());
    expect(rows.get(9)!.status).toBe('error');
    expect(rows.get(9)!.messages[0].message).toContain('loại cán bộ');
    // Her second row has nobody to attach to either.
    expect(rows.get(10)!.status).toBe('error');
  });

  it('reads a category column and a CSV in UTF-8 with other header spellings', async () => {
    const csv = 'Ho ten;Ngay sinh;Loai trinh do;Trinh do;Nganh dao tao;Nam cap bang\nTrần Văn An;01/09/1979;Lý luận chính trị;Trung cấp;;2008\nTrần Văn An;01/09/1979;Tin học;Cơ bản;;2018\n';
    const a = await api.call('imports.analyze', { jobId: jobId(), target: 'qualifications', fileName: 'vb.csv', contentBase64: Buffer.from(csv, 'utf8').toString('base64') });
    expect(a.mapping).toEqual(['fullName', 'birthDate', 'diploma.category', 'diploma.level', 'diploma.field', 'diploma.awardDate']);
    await api.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping: a.mapping });
    const rows = (await api.call('imports.rows', { importId: a.importId, limit: 10 })).rows;
    expect(rows.map((r) => r.values['diploma.level'])).toEqual(['Lý luận chính trị: Trung cấp', 'Tin học: Ứng dụng CNTT cơ bản']);
  });
});
