import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parseCsv } from '../../db/services/imports/read-file';
import { asciiFileBase, buildCsv, buildXlsx as sendXlsx, exportFileName, fitWidths, toExportCell, type ExportTable } from '../../renderer/src/grid/exportGrid';
import { contract } from '../../shared/api/contract';
import { openTestDb, testApi } from '../helpers/db';

/** The .xlsx the host writes for a table the page sends (through the calls' own validation). */
const buildXlsx = async (table: ExportTable, opts: { title?: string } = {}) => Buffer.from(await sendXlsx(table, opts, testApi(await openTestDb()).call));
const rowsSchema = contract['exports.xlsxRows'].input;

// How a grid's shown values become spreadsheet cells, how wide the columns are, and what the file is called.

describe('a shown value as a cell', () => {
  it('dd/mm/yyyy is a date at UTC midnight; dd/mm/yyyy HH:mm keeps the time shown', () => {
    expect(toExportCell(null, '05/03/1978')).toEqual(new Date(Date.UTC(1978, 2, 5)));
    expect(toExportCell(null, '25/11/2026 14:07')).toEqual(new Date(Date.UTC(2026, 10, 25, 14, 7)));
    // Partial dates and periods stay text: they are not one day.
    expect(toExportCell(null, '03/1978')).toBe('03/1978');
    expect(toExportCell(null, '01/01/2020 – 31/12/2020')).toBe('01/01/2020 – 31/12/2020');
    // Texts that only look like dates stay as typed instead of rolling over to another day.
    expect(toExportCell(null, '00/03/1970')).toBe('00/03/1970');
    expect(toExportCell(null, '31/02/2020')).toBe('31/02/2020');
    expect(toExportCell(null, '29/02/2024')).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(toExportCell(null, '25/11/2026 24:30')).toBe('25/11/2026 24:30');
  });

  it('a number formatted for reading is written as the number behind it', () => {
    expect(toExportCell(150_000_000, '150.000.000')).toBe(150_000_000);
    expect(toExportCell(12.5, '12,5%')).toBe(12.5);
    expect(toExportCell(47, 47)).toBe(47);
    // A number shown as a label (an id shown as a unit name) is the label.
    expect(toExportCell(17, 'Sở Nội vụ')).toBe('Sở Nội vụ');
  });

  it('texts of numbers become numbers only in numeric columns; ID numbers keep their leading zeros', () => {
    expect(toExportCell(null, '150.000.000', true)).toBe(150_000_000);
    expect(toExportCell(null, '4,4')).toBe(4.4);
    expect(toExportCell(null, '12,5%', true)).toBe(12.5);
    expect(toExportCell(null, '094185001234')).toBe('094185001234');
    expect(toExportCell(null, '001.234')).toBe('001.234');
    expect(toExportCell(null, '2025-2030', true)).toBe('2025-2030');
  });

  it('labels stay as shown, booleans are x or blank, empty is blank', () => {
    expect(toExportCell('thac_si', 'Thạc sĩ')).toBe('Thạc sĩ');
    expect(toExportCell(true, true)).toBe('x');
    expect(toExportCell(true, 'true')).toBe('x');
    expect(toExportCell(false, 'false')).toBeNull();
    expect(toExportCell(false, false)).toBeNull();
    expect(toExportCell(null, '  ')).toBeNull();
    expect(toExportCell(undefined, undefined)).toBeNull();
  });
});

describe('column widths', () => {
  it('fit the longest cell and the longest header word, within bounds', () => {
    const table: ExportTable = {
      columns: [{ header: 'Họ và tên' }, { header: 'Ngày sinh' }, { header: 'Tuổi' }, { header: 'Ghi chú' }, { header: 'Đã đặt', width: 30 }],
      rows: [
        ['Nguyễn Thị Thanh Hương', new Date(Date.UTC(1985, 3, 12)), 40, 'x'.repeat(500), null],
        ['An', null, 7, null, null],
      ],
    };
    // A date takes its dd/mm/yyyy width (10).
    expect(fitWidths(table)).toEqual(['Nguyễn Thị Thanh Hương'.length + 2, 12, 6, 60, 30]);
  });
});

describe('file names', () => {
  it('are the name without diacritics, safe characters only, and the day of export', () => {
    expect(asciiFileBase('Danh sách cán bộ')).toBe('Danh-sach-can-bo');
    expect(asciiFileBase('Đào tạo: "Kế hoạch" 2025/2026')).toBe('Dao-tao-Ke-hoach-2025-2026');
    expect(asciiFileBase('  ///  ')).toBe('du-lieu');
    expect(exportFileName('Học viên – Lớp Cao cấp LLCT', 'xlsx', new Date(2026, 0, 5))).toBe('Hoc-vien-Lop-Cao-cap-LLCT_2026-01-05.xlsx');
    expect(exportFileName('Nhật ký thay đổi', 'csv', new Date(2025, 11, 31))).toBe('Nhat-ky-thay-doi_2025-12-31.csv');
  });
});

describe('the workbook', () => {
  const table: ExportTable = {
    columns: [{ header: 'Thời gian' }, { header: 'Ngày sinh' }, { header: 'Dự toán (đồng)' }, { header: 'Đơn vị' }],
    rows: [
      [toExportCell(null, '25/11/2026 14:07'), toExportCell(null, '12/04/1985'), toExportCell(150_000_000, '150.000.000'), 'Sở Nội vụ'],
    ],
  };

  it('has a bold frozen header, dd/mm/yyyy dates, date-times with their time, numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildXlsx(table)) as any);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Thời gian', 'Ngày sinh', 'Dự toán (đồng)', 'Đơn vị']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getCell('D1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A2').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect((ws.getCell('A2').value as Date).toISOString()).toBe('2026-11-25T14:07:00.000Z');
    expect(ws.getCell('B2').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('C2').value).toBe(150_000_000);
    expect(ws.getColumn(1).width).toBe(18);
  });

  it('a day Excel cannot hold as a date (before 1900) is written as its text, a title above the header', async () => {
    const old: ExportTable = { columns: [{ header: 'Ngày' }], rows: [[new Date(Date.UTC(1899, 11, 31))], [new Date(Date.UTC(1900, 0, 1))]] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildXlsx(old, { title: 'DANH SÁCH' })) as any);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('DANH SÁCH');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getCell('A4').value).toBe('31/12/1899');
    expect((ws.getCell('A5').value as Date).toISOString()).toBe('1900-01-01T00:00:00.000Z');
  });

  it('refuses, in Vietnamese and naming the cell, what Excel cannot hold', () => {
    const sent = (rows: unknown[][]) => rowsSchema.safeParse({ exportId: '6f1c1d9e-3b1a-4c2e-9f5d-2a7b8c9d0e1f', from: 0, rows });
    const message = (rows: unknown[][]) => sent(rows).error?.issues[0]?.message;
    expect(sent([['x', 1], [null, { date: Date.UTC(2020, 0, 1) }]]).success).toBe(true);
    expect(message([['x', 'y'], ['z', 'a'.repeat(32_768)]])).toBe('Một ô dài quá 32.767 ký tự, Excel không chứa được. (dòng 2, cột 2)');
    expect(message([[Number.NaN]])).toBe('Một ô có số không hợp lệ. (dòng 1, cột 1)');
    expect(message([[{ date: '2020-01-01' }]])).toBe('Một ô có giá trị không xuất ra Excel được. (dòng 1, cột 1)');
    expect(message([[{ date: Date.UTC(1899, 0, 1) }]])).toBe('Một ô có giá trị không xuất ra Excel được. (dòng 1, cột 1)');
    expect(message([[{ date: 0, extra: 1 }]])).toBe('Một ô có giá trị không xuất ra Excel được. (dòng 1, cột 1)');
    expect(message([[true]])).toBe('Một ô có giá trị không xuất ra Excel được. (dòng 1, cột 1)');
    expect(sent([{ 0: 'x' }] as unknown as unknown[][]).success).toBe(false);
  });

  it('CSV writes the same values as text as they were shown', () => {
    expect(buildCsv(table)).toBe('\uFEFFThời gian;Ngày sinh;Dự toán (đồng);Đơn vị\r\n25/11/2026 14:07;12/04/1985;150000000;Sở Nội vụ\r\n');
  });
});

describe('texts that Excel would run as formulas', () => {
  const table: ExportTable = {
    columns: [{ header: 'Ghi chú' }, { header: 'Số' }],
    rows: [
      ['=HYPERLINK("http://x.invalid","Bấm vào")', -3],
      ['- Học lớp Cao cấp LLCT', '-3'],
      ['+84 912 345 678', '+5,5'],
      ['@SUM(A1:A2)', null],
      ['\tTab', 'Nguyễn Văn A'],
      ['-', '+'],
    ],
  };

  it('CSV: a text starting with = + - @ or a tab gets an apostrophe; numbers and ordinary texts do not', () => {
    const lines = buildCsv(table).replace('\uFEFF', '').split('\r\n');
    expect(lines.slice(1, 7)).toEqual([
      `"'=HYPERLINK(""http://x.invalid"",""Bấm vào"")";-3`,
      `'- Học lớp Cao cấp LLCT;-3`,
      `'+84 912 345 678;+5,5`,
      `'@SUM(A1:A2);`,
      `'\tTab;Nguyễn Văn A`,
      `-;+`,
    ]);
  });

  it('the import reads the guarded texts back as they were typed', () => {
    const back = parseCsv(buildCsv(table).replace('\uFEFF', ''));
    expect(back.slice(1, 6).map((r) => r[0])).toEqual(['=HYPERLINK("http://x.invalid","Bấm vào")', '- Học lớp Cao cấp LLCT', '+84 912 345 678', '@SUM(A1:A2)', '\tTab']);
    // An apostrophe before anything else is the clerk's own text.
    expect(parseCsv(`Ghi chú\r\n'Nam Bộ'\r\n`)[1]).toEqual(["'Nam Bộ'"]);
  });

  it('.xlsx: the same texts are text cells, never formulas', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildXlsx(table)) as any);
    const ws = wb.worksheets[0];
    for (let r = 2; r <= 6; r++) {
      const cell = ws.getCell(r, 1);
      expect(cell.formula).toBeUndefined();
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    }
    expect(ws.getCell('A2').value).toBe('=HYPERLINK("http://x.invalid","Bấm vào")');
  });
});
