import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { appendTableRows, beginTableWorkbook, cancelTableWorkbook, endTableWorkbook, openExportCount } from '../../db/services/exports';
import { buildXlsx, type ExportTable } from '../../renderer/src/grid/exportGrid';
import { openTestDb, testApi } from '../helpers/db';
import type { CallContext } from '../../db/context';

// An .xlsx export sent in parts (exports.xlsxBegin / xlsxRows / xlsxEnd): rows land in row order whatever order the
// parts arrive in, and a part missing, repeated or sent by someone else never makes a wrong file.

const clerk: CallContext = { actor: 'can_bo_a', role: 'clerk' };
const other: CallContext = { actor: 'can_bo_b', role: 'clerk' };
const head = { columns: [{ header: 'Số', width: 8 }, { header: 'Tên', width: 20 }] };
const rowsFrom = (from: number, n: number) => Array.from({ length: n }, (_, i) => [from + i + 1, `Người ${from + i + 1}`]);

async function readBack(base64: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as any);
  const ws = wb.worksheets[0];
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('an export sent in parts', () => {
  it('writes the parts in row order when the later one arrives first', async () => {
    const { exportId } = beginTableWorkbook(head, clerk);
    const second = appendTableRows({ exportId, from: 3, rows: rowsFrom(3, 2) }, clerk);
    const first = appendTableRows({ exportId, from: 0, rows: rowsFrom(0, 3) }, clerk);
    await Promise.all([first, second]);
    const { base64 } = await endTableWorkbook({ exportId, rows: 5 }, clerk);
    expect(await readBack(base64)).toEqual([['Số', 'Tên'], ...rowsFrom(0, 5)]);
  });

  it('refuses a repeated part, a short file, and someone else continuing it, in Vietnamese', async () => {
    const { exportId } = beginTableWorkbook(head, clerk);
    await appendTableRows({ exportId, from: 0, rows: rowsFrom(0, 2) }, clerk);
    await expect(appendTableRows({ exportId, from: 0, rows: rowsFrom(0, 2) }, clerk)).rejects.toThrow('Phần này của lượt xuất Excel đã được ghi.');
    await expect(appendTableRows({ exportId, from: 2, rows: rowsFrom(2, 1) }, other)).rejects.toThrow('Lượt xuất Excel này đã hết hạn hoặc không còn');
    await expect(endTableWorkbook({ exportId, rows: 3 }, clerk)).rejects.toThrow('Lượt xuất Excel thiếu dòng');
    // Closed by the failed end: nothing is left open.
    await expect(endTableWorkbook({ exportId, rows: 2 }, clerk)).rejects.toThrow('đã hết hạn hoặc không còn');
  });

  it('a part waiting for one that never comes is told once the export is closed', async () => {
    const before = openExportCount();
    const { exportId } = beginTableWorkbook(head, clerk);
    const early = expect(appendTableRows({ exportId, from: 10, rows: rowsFrom(10, 1) }, clerk)).rejects.toThrow('đã hết hạn hoặc không còn');
    await expect(endTableWorkbook({ exportId, rows: 0 }, clerk)).rejects.toThrow('thiếu dòng');
    await early;
    expect(openExportCount()).toBe(before);
  });

  it('a part the page could not send cancels the export at once: its waiting parts are answered, nothing stays open', async () => {
    const api = testApi(await openTestDb());
    const before = openExportCount();
    const table: ExportTable = { columns: [{ header: 'Tên' }], rows: [] };
    for (let i = 0; i < 12_000; i++) table.rows.push([i === 5_001 ? 'a'.repeat(32_768) : `Người ${i}`]);
    await expect(buildXlsx(table, {}, api.call)).rejects.toThrow('Một ô dài quá 32.767 ký tự');
    expect(openExportCount()).toBe(before);

    // Only its owner can cancel it; cancelling one already gone is no error.
    const { exportId } = beginTableWorkbook(head, clerk);
    const waiting = expect(appendTableRows({ exportId, from: 5, rows: rowsFrom(5, 1) }, clerk)).rejects.toThrow('đã hết hạn hoặc không còn');
    cancelTableWorkbook({ exportId }, other);
    expect(openExportCount()).toBe(before + 1);
    cancelTableWorkbook({ exportId }, clerk);
    await waiting;
    expect(openExportCount()).toBe(before);
    expect(cancelTableWorkbook({ exportId }, clerk)).toEqual({});
  });

  it('the page sends a table of several parts through the calls, and gets every row back', async () => {
    const api = testApi(await openTestDb());
    const table: ExportTable = { columns: [{ header: 'Số' }, { header: 'Tên' }, { header: 'Ngày' }], rows: [] };
    for (let i = 0; i < 12_345; i++) table.rows.push([i, `Người ${i}`, new Date(Date.UTC(1980, 0, 1 + (i % 365)))]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildXlsx(table, { title: 'DANH SÁCH' }, api.call)) as any);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(3 + 12_345);
    for (const i of [0, 4_999, 5_000, 10_000, 12_344]) {
      expect(ws.getCell(4 + i, 1).value).toBe(i);
      expect(ws.getCell(4 + i, 2).value).toBe(`Người ${i}`);
      expect((ws.getCell(4 + i, 3).value as Date).toISOString()).toBe(new Date(Date.UTC(1980, 0, 1 + (i % 365))).toISOString());
    }
  });
});
