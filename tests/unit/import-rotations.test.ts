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
});

const excelDate = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A rotation list as offices keep it: titles, a merged two-line header, STT, dates as Excel dates and as text, a total. */
async function messyRotations(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Luân chuyển');
  ws.addRow(['BAN TỔ CHỨC TỈNH ỦY']);
  ws.mergeCells('A1:L1');
  ws.addRow(['DANH SÁCH CÁN BỘ LUÂN CHUYỂN, ĐIỀU ĐỘNG NĂM 2024 - 2025']);
  ws.mergeCells('A2:L2');
  ws.addRow(['STT', 'HỌ TÊN', 'Năm sinh', 'Hình thức', 'Đơn vị công tác hiện tại', 'Đơn vị luân chuyển đến', 'Chức vụ dự kiến', 'Thời gian luân chuyển', null, 'Số tháng', 'Quyết định', null]);
  ws.addRow([null, null, null, null, null, null, null, 'Từ ngày', 'Đến ngày', null, 'Số QĐ', 'Ngày QĐ']);
  ws.mergeCells('H3:I3');
  ws.mergeCells('K3:L3');
  ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)']);
  // 6: a rotation the 65-QĐ/TW rules warn about (not in planning); units written with abbreviations.
  ws.addRow([1, 'TRẦN VĂN AN', excelDate(1979, 9, 1), 'Luân chuyển', 'Ban Tổ chức TU', 'Ủy ban nhân dân xã Lai Hoà', 'Phó Chủ tịch', '01/03/2025', '29/02/2028', null, '125-QĐ/TU', excelDate(2025, 2, 20)]);
  // 7: điều động, started already (actual start in the "Ngày nhận nhiệm vụ" column further right), end from the months.
  ws.addRow([2, 'Nguyễn Thị Hồng', 1985, 'Điều động', 'Ban Tổ chức Tỉnh ủy', 'UBND xã Lai Hòa', 'Công chức Văn phòng', excelDate(2024, 6, 1), null, 24, '88-QĐ/TU', '25/05/2024']);
  // 8: the first row again.
  ws.addRow([3, 'Trần Văn An', '01/09/1979', 'LC', 'Ban Tổ chức Tỉnh ủy', 'UBND xã Lai Hòa', null, '01/03/2025', '29/02/2028', null, null, null]);
  // 9: nobody of that name.
  ws.addRow([4, 'Hà Văn Vắng', 1970, 'Luân chuyển', null, 'UBND xã Lai Hòa', null, '01/01/2025', '31/12/2027', null, null, null]);
  // 10: a unit that does not exist.
  ws.addRow([5, 'Lê Minh Ánh', 1988, 'Biệt phái', null, 'Sở Không Có', null, '01/01/2025', '31/12/2025', null, null, null]);
  // 11: ends before it starts.
  ws.addRow([6, 'Lâm Văn Đức', '30/12/1975', 'Điều động', null, 'Ban Tổ chức Tỉnh ủy', null, '01/01/2025', '31/12/2024', null, null, null]);
  // 12: already on file (same cadre, same start): the file adds the decision.
  ws.addRow([7, 'Phạm Quốc Bảo', 1982, 'Biệt phái', 'Ban Tổ chức Tỉnh ủy', 'UBND xã Lai Hòa', null, '01/01/2025', '31/12/2025', null, '12-QĐ/TU', '15/12/2024']);
  ws.addRow([null, 'Tổng cộng: 7 đợt']);
  // The actual start sits in a column of its own, far right, as some offices add it later.
  ws.getCell('M3').value = 'Ngày nhận nhiệm vụ';
  ws.getCell('M7').value = excelDate(2024, 6, 1);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function analyzeAndPreview(contentBase64: string, options: Record<string, unknown> = {}, fileName = 'luan-chuyen.xlsx') {
  const a = await api.call('imports.analyze', { jobId: jobId(), target: 'rotations', fileName, contentBase64 });
  const p = await api.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping: a.mapping, options: options as never });
  const rows = await api.call('imports.rows', { importId: a.importId, limit: 1000 });
  return { a, p, rows: new Map(rows.rows.map((r) => [r.rowNo, r])) };
}

describe('importing a rotation list', () => {
  beforeEach(async () => {
    // Phạm Quốc Bảo already has a secondment starting 01/01/2025.
    await api.call('rotations.create', { cadreId: seed.cadres[5].id, type: 'biet_phai', toUnitId: seed.commune.id, plannedStart: '2025-01-01', plannedEnd: '2025-12-31' });
  });

  it('guesses the header and columns, and previews rule warnings, duplicates and errors', async () => {
    const { a, p, rows } = await analyzeAndPreview(await messyRotations());
    expect(a.headerStart).toBe(2);
    expect(a.headerSpan).toBe(2);
    expect(a.mapping).toEqual(['rowNo', 'fullName', 'birthDate', 'type', 'fromUnit', 'toUnit', 'toPostTitle', 'plannedStart', 'plannedEnd', 'durationMonths', 'decisionNo', 'decisionDate', 'actualStart']);
    expect(p.counts).toEqual({ new: 1, update: 1, unchanged: 0, error: 5, duplicate: 0, skipped: 2 });
    expect(rows.get(5)!.messages[0].message).toBe('Dòng đánh số cột');

    // Without a reason the rule warnings stop the row, named as the rule set names them.
    const an = rows.get(6)!;
    expect(an.status).toBe('error');
    expect(an.matchId).toBe(seed.cadres[1].id);
    expect(an.messages.map((m) => m.message).join(' ')).toMatch(/65-QĐ\/TW: cán bộ chưa có trong quy hoạch/);
    expect(an.messages.map((m) => m.field)).toContain('overrideReason');

    const hong = rows.get(7)!;
    expect(hong.status).toBe('new');
    expect(hong.values).toMatchObject({ type: 'Điều động', plannedStart: '01/06/2024', plannedEnd: '31/05/2026', actualStart: '01/06/2024', decisionDate: '25/05/2024', unit: 'Ban Tổ chức Tỉnh ủy → UBND xã Lai Hòa' });
    expect(rows.get(8)!.status).toBe('error'); // the same as row 6, which has an error: reported on its own
    expect(rows.get(9)!.messages[0].message).toContain('Không tìm thấy hồ sơ "Hà Văn Vắng"');
    expect(rows.get(10)!.messages[0]).toMatchObject({ field: 'toUnit' });
    expect(rows.get(10)!.messages[0].message).toContain('Sở Không Có');
    expect(rows.get(11)!.messages[0].message).toBe('Ngày kết thúc dự kiến phải sau ngày bắt đầu dự kiến.');
    const bao = rows.get(12)!;
    expect(bao.status).toBe('update');
    expect(bao.changes.map((c) => [c.field, c.from, c.to])).toEqual([
      ['decisionNo', '', '12-QĐ/TU'],
      ['decisionDate', '', '15/12/2024'],
    ]);
    expect(rows.get(13)!.messages[0].message).toBe('Dòng tổng cộng');
  });

  it('with a reason given once, warned rows pass with the warnings shown; duplicates inside the file are flagged', async () => {
    const { p, rows } = await analyzeAndPreview(await messyRotations(), { overrideReason: 'Theo yêu cầu đào tạo cán bộ trẻ của Ban Thường vụ' });
    expect(p.counts).toEqual({ new: 2, update: 1, unchanged: 0, error: 3, duplicate: 1, skipped: 2 });
    const an = rows.get(6)!;
    expect(an.status).toBe('new');
    expect(an.messages.map((m) => m.message).join(' ')).toMatch(/^Cảnh báo: 65-QĐ\/TW/);
    expect(an.values.overrideReason).toBe('Theo yêu cầu đào tạo cán bộ trẻ của Ban Thường vụ');
    expect(rows.get(8)!.status).toBe('duplicate');
    expect(rows.get(8)!.messages[0].message).toContain('dòng 6');
  });

  it('commits through the rotation service (started rotations write dated posts), audited in one batch, and undoes as one step', async () => {
    const { a } = await analyzeAndPreview(await messyRotations(), { overrideReason: 'Theo yêu cầu đào tạo cán bộ trẻ của Ban Thường vụ' });
    const summary = await api.call('imports.commit', { jobId: jobId(), importId: a.importId });
    expect(summary.counts).toMatchObject({ new: 2, update: 1 });

    const rots = await api.call('rotations.list', {});
    const an = rots.find((r) => r.cadreId === seed.cadres[1].id)!;
    expect(an).toMatchObject({ type: 'luan_chuyen', fromUnitId: seed.board.id, toUnitId: seed.commune.id, toPostTitle: 'Phó Chủ tịch', plannedStart: '2025-03-01', plannedEnd: '2028-02-29', decisionNo: '125-QĐ/TU', decisionDate: '2025-02-20', status: 'planned' });
    expect(an.overrideReason).toBe('Theo yêu cầu đào tạo cán bộ trẻ của Ban Thường vụ');
    expect(an.overriddenWarnings.map((w) => w.rule)).toEqual(['in_planning']);
    const hong = rots.find((r) => r.cadreId === seed.cadres[0].id)!;
    expect(hong).toMatchObject({ type: 'dieu_dong', status: 'in_progress', actualStart: '2024-06-01', plannedEnd: '2026-05-31' });
    // Started: her post in the board closes the day before, the destination opens on the start date.
    const posts = db.sqlite.prepare('select unit_id as u, from_date as f, to_date as t, source, deleted_at as d from assignments where cadre_id = ? order by from_date').all(seed.cadres[0].id);
    expect(posts).toEqual([
      { u: seed.board.id, f: '2015-01-01', t: '2024-05-31', source: 'manual', d: null },
      { u: seed.commune.id, f: '2024-06-01', t: null, source: 'rotation', d: null },
    ].map((p) => expect.objectContaining(p)));
    const bao = rots.find((r) => r.cadreId === seed.cadres[5].id)!;
    expect(bao).toMatchObject({ decisionNo: '12-QĐ/TU', decisionDate: '2024-12-15', fromUnitId: seed.board.id });

    const audited = db.sqlite.prepare('select entity, action, field from audit_log where batch_id = ? order by id').all(summary.batchId) as { entity: string; action: string; field: string | null }[];
    expect(audited.filter((r) => r.entity === 'rotation' && r.action === 'create')).toHaveLength(2);
    expect(audited).toContainEqual({ entity: 'assignment', action: 'create', field: null });
    expect(audited).toContainEqual({ entity: 'rotation', action: 'update', field: 'decisionNo' });
    expect((db.sqlite.prepare('select count(*) as n from audit_log where entity = ? and batch_id is null and id > (select min(id) from audit_log where batch_id = ?)').get('rotation', summary.batchId) as { n: number }).n).toBe(0);

    const undo = await api.call('imports.undo', { importId: a.importId });
    expect(undo).toMatchObject({ removed: 2, restored: 1 });
    const after = await api.call('rotations.list', {});
    expect(after.map((r) => r.cadreId)).toEqual([seed.cadres[5].id]);
    expect(after[0].decisionNo).toBeNull();
    const postsAfter = db.sqlite.prepare('select unit_id as u, to_date as t from assignments where cadre_id = ? and deleted_at is null').all(seed.cadres[0].id);
    expect(postsAfter).toEqual([{ u: seed.board.id, t: null }]);
  });

  it('reads a CSV with other spellings and a name plus birth year', async () => {
    const csv = [
      'Họ và tên cán bộ;Ngày tháng năm sinh;Nơi đi;Nơi đến;Ngày bắt đầu;Ngày kết thúc dự kiến;Hình thức;Ghi chú',
      'Lê Minh Ánh;07/07/1988;Ban Tổ chức Tỉnh ủy;UBND xã Lai Hòa;2025-02-01;31/01/2026;Biệt phái;Hỗ trợ xã',
      'Lê Minh Ánh;07/07/1988;Ban Tổ chức Tỉnh ủy;UBND xã Lai Hòa;01/06/2025;31/12/2026;Biệt phái;',
    ].join('\r\n');
    const { a, p, rows } = await analyzeAndPreview(Buffer.from(csv, 'utf8').toString('base64'), {}, 'lc.csv');
    expect(a.mapping).toEqual(['fullName', 'birthDate', 'fromUnit', 'toUnit', 'plannedStart', 'plannedEnd', 'type', 'note']);
    expect(p.counts.new).toBe(1);
    // The second row overlaps the first in time: refused, as the form refuses it.
    expect(rows.get(3)!.status).toBe('error');
    expect(rows.get(3)!.messages[0].message).toContain('dòng 2');
  });

  it('refuses to commit when the rotation was edited after the preview', async () => {
    const { a } = await analyzeAndPreview(await messyRotations(), { overrideReason: 'Lý do chung' });
    const bao = (await api.call('rotations.list', {}))[0];
    await api.call('rotations.update', { id: bao.id, version: bao.version, changes: { note: 'Sửa tay' } });
    const e = await api.fail('imports.commit', { jobId: jobId(), importId: a.importId });
    expect(e.message).toContain('Xem trước');
    expect((await api.call('rotations.list', {})).length).toBe(1);
  });
});
