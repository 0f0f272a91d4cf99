import { beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestDb, testApi } from '../helpers/db';
import { seedSmall } from '../helpers/fixtures';
import { buildCsv, buildXlsx as sendXlsx, toExportCell, type ExportTable } from '../../renderer/src/grid/exportGrid';
import type { AppDb } from '../../db/open';

let db: AppDb;
let api: ReturnType<typeof testApi>;
let seed: ReturnType<typeof seedSmall>;
let n = 0;
const jobId = () => `rt-${++n}-xxxxxx`;

beforeEach(async () => {
  db = await openTestDb();
  api = testApi(db);
  seed = seedSmall(db);
  const hong = seed.cadres[0];
  await api.call('qualifications.create', { cadreId: hong.id, category: 'chuyen_mon', levelKey: 'thac_si', field: 'Quản lý công' });
  await api.call('qualifications.create', { cadreId: hong.id, category: 'ly_luan_chinh_tri', levelKey: 'cao_cap' });
  await api.call('cadres.update', { id: hong.id, version: hong.version, changes: { idNumber: '094185001234', salaryCoefficient: 4.4 } });
});

/**
 * The cadre grid as a clerk sees it, written by hand for the seeded people: the headers and the shown texts
 * the grid's columns produce (dates dd/mm/yyyy, names of codes, the unit's path, decimal commas).
 */
/** The .xlsx the host writes (exports.xlsxBegin, Rows, End) for a table the page sends. */
async function buildXlsx(table: ExportTable, opts: { title?: string } = {}): Promise<Buffer> {
  return Buffer.from(await sendXlsx(table, opts, api.call));
}

function shownGrid(): ExportTable {
  const columns = ['Họ và tên', 'Giới tính', 'Ngày sinh', 'Tuổi', 'Dân tộc', 'Đơn vị hiện tại', 'Chức vụ', 'Loại', 'Chuyên môn cao nhất', 'Chuyên ngành', 'Lý luận chính trị', 'Quản lý nhà nước', 'Hệ số lương', 'Số CCCD', 'Trạng thái'].map((header) => ({ header, width: 16 }));
  const board = 'Tỉnh ủy Sóc Trăng › Ban Tổ chức Tỉnh ủy';
  const shown: unknown[][] = [
    ['Nguyễn Thị Hồng', 'Nữ', '12/04/1985', 40, 'Kinh', board, 'Chuyên viên', 'Công chức', 'Thạc sĩ', 'Quản lý công', 'Cao cấp', '', '4,4', '094185001234', 'Đang công tác'],
    ['Trần Văn An', 'Nam', '01/09/1979', 47, 'Kinh', board, 'Chuyên viên', 'Công chức', '', '', '', '', '', '', 'Đang công tác'],
    ['Thạch Thị Sa Rinh', 'Nữ', '20/02/1990', 36, 'Khơ-me', 'UBND xã Lai Hòa', 'Chuyên viên', 'Cán bộ', '', '', '', '', '', '', 'Đang công tác'],
    ['Lâm Văn Đức', 'Nam', '30/12/1975', 50, 'Hoa', 'UBND xã Lai Hòa', 'Chuyên viên', 'Cán bộ', '', '', '', '', '', '', 'Đang công tác'],
  ];
  return { columns, rows: shown.map((r) => r.map((v) => toExportCell(v, v))) };
}

async function importBytes(bytes: Uint8Array | string, fileName: string) {
  const contentBase64 = Buffer.from(bytes as any).toString('base64');
  const a = await api.call('imports.analyze', { jobId: jobId(), fileName, contentBase64 });
  const p = await api.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping: a.mapping });
  return { a, p };
}

describe('export', () => {
  it('writes real Excel dates, numbers, widths and a frozen header', async () => {
    const bytes = await buildXlsx(shownGrid(), { title: 'DANH SÁCH CÁN BỘ' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as any);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('DANH SÁCH CÁN BỘ');
    expect(ws.getCell('A3').value).toBe('Họ và tên');
    const birth = ws.getCell('C4');
    expect(birth.value).toBeInstanceOf(Date);
    expect((birth.value as Date).toISOString().slice(0, 10)).toBe('1985-04-12');
    expect(birth.numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('M4').value).toBe(4.4);
    // ID numbers stay text, leading zero and all.
    expect(ws.getCell('N4').value).toBe('094185001234');
    expect(ws.getColumn(1).width).toBe(16);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('writes CSV with a BOM, ";" as Vietnamese Excel expects, quotes and dd/mm/yyyy dates', () => {
    const table = { columns: [{ header: 'Họ và tên' }, { header: 'Ngày sinh' }, { header: 'Ghi chú' }], rows: [['Trần "Út" An', new Date(Date.UTC(1979, 8, 1)), 'a; b'], ['Lê Bé', null, 2.5]] as any };
    expect(buildCsv(table)).toBe('\uFEFFHọ và tên;Ngày sinh;Ghi chú\r\n"Trần ""Út"" An";01/09/1979;"a; b"\r\nLê Bé;;2,5\r\n');
    expect(buildCsv(table, ',')).toBe('\uFEFFHọ và tên,Ngày sinh,Ghi chú\r\n"Trần ""Út"" An",01/09/1979,a; b\r\nLê Bé,,"2,5"\r\n');
  });
});

describe('round trip: export the grid, import the file', () => {
  it('finds every exported person and no change, from .xlsx', async () => {
    const { a, p } = await importBytes(await buildXlsx(shownGrid(), { title: 'DANH SÁCH CÁN BỘ' }), 'Danh sach can bo.xlsx');
    expect(a.headerStart).toBe(2);
    expect(a.mapping).toEqual(['fullName', 'sex', 'birthDate', 'age', 'ethnicity', 'unit', 'postTitle', 'category', 'level.chuyen_mon', 'professionalField', 'level.ly_luan_chinh_tri', 'level.quan_ly_nha_nuoc', 'salaryCoefficient', 'idNumber', 'status']);
    expect(p.counts).toEqual({ new: 0, update: 0, unchanged: 4, error: 0, duplicate: 0, skipped: 0 });
  });

  it('finds every exported person and no change, from CSV', async () => {
    const { p } = await importBytes(Buffer.from(buildCsv(shownGrid()), 'utf8'), 'Danh sach can bo.csv');
    expect(p.counts).toEqual({ new: 0, update: 0, unchanged: 4, error: 0, duplicate: 0, skipped: 0 });
  });

  it('into an empty database, recreates the same records', async () => {
    const bytes = await buildXlsx(shownGrid());
    const fresh = await openTestDb();
    const freshApi = testApi(fresh);
    // The same organisation, without people.
    const province = await freshApi.call('units.create', { name: 'Tỉnh ủy Sóc Trăng', kind: 'dang', level: 'tinh', validFrom: '2000-01-01' });
    await freshApi.call('units.create', { name: 'Ban Tổ chức Tỉnh ủy', kind: 'dang', level: 'tinh', parentId: province.id, validFrom: '2000-01-01' });
    await freshApi.call('units.create', { name: 'UBND xã Lai Hòa', kind: 'chinh_quyen', level: 'xa', validFrom: '2000-01-01' });
    const contentBase64 = Buffer.from(bytes).toString('base64');
    const a = await freshApi.call('imports.analyze', { jobId: jobId(), fileName: 'x.xlsx', contentBase64 });
    const p = await freshApi.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping: a.mapping });
    expect(p.counts.new).toBe(4);
    await freshApi.call('imports.commit', { jobId: jobId(), importId: a.importId });
    const pick = (rows: any[]) =>
      rows
        .map((r) => [r.fullName, r.sex, r.birthDate, r.ethnicity, r.category, r.professionalLevel, r.professionalField, r.politicalLevel, r.salaryCoefficient, r.idNumber, r.postTitle])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    const original = pick((await api.call('cadres.list', {})).filter((r) => r.fullName !== 'Lê Minh Ánh' && r.fullName !== 'Phạm Quốc Bảo'));
    expect(pick(await freshApi.call('cadres.list', {}))).toEqual(original);
    // Importing the same file again changes nothing.
    const again = await freshApi.call('imports.analyze', { jobId: jobId(), fileName: 'x.xlsx', contentBase64 });
    const p2 = await freshApi.call('imports.preview', { jobId: jobId(), importId: again.importId, headerStart: again.headerStart, headerSpan: again.headerSpan, mapping: again.mapping });
    expect(p2.counts.unchanged).toBe(4);
  });
});
