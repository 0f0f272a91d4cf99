import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { newImportJobId, seededTestDb, type seedSmall } from '../helpers/fixtures';
import type { testApi } from '../helpers/db';
import type { AppDb } from '../../db/open';
import { SYSTEM_CONTEXT } from '../../db/context';
import { createUnit } from '../../db/services/units';
import { buildBenchWorkbook } from '../../db/services/imports/bench';
import { earlyCheckUse } from '../../db/services/imports/early-preview';
import { readSpreadsheet } from '../../db/services/imports/read-file';
import { xlsxReading } from '../../db/services/imports/read-in-worker';

// The analysis checks the rows already read while the worker thread reads the rest (early-preview.ts); the preview
// uses that work only when it asks for the same header, mapping and default category and nothing it read changed.

let db: AppDb;
let api: ReturnType<typeof testApi>;
let seed: ReturnType<typeof seedSmall>;
const jobId = newImportJobId;

beforeEach(async () => {
  ({ db, api, seed } = await seededTestDb());
});
afterEach(() => {
  xlsxReading.disabled = false;
});

/** A list with a person on file, a repeated row, an unknown unit, a bad date and no category, after a title row. */
async function smallList(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(['DANH SÁCH CÁN BỘ']);
  ws.addRow(['STT', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Đơn vị công tác', 'Loại']);
  ws.addRow([1, 'Nguyễn Thị Hồng', 'Nữ', '12/04/1985', 'Ban Tổ chức Tỉnh ủy', 'Công chức']);
  ws.addRow([2, 'Đỗ Văn Mới', 'Nam', '02/03/1991', 'Phòng Sắp Lập', 'Công chức']);
  ws.addRow([3, 'Đỗ Văn Mới', 'Nam', '02/03/1991', 'Phòng Sắp Lập', 'Công chức']);
  ws.addRow([4, 'Hà Thị Sai', 'Nữ', '30/02/1990', 'Ban Tổ chức Tỉnh ủy', 'Công chức']);
  ws.addRow([5, 'Hà Thị Đúng', 'Nữ', '03/02/1990', 'Ban Tổ chức Tỉnh ủy', null]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function analyze(contentBase64: string) {
  return api.call('imports.analyze', { jobId: jobId(), fileName: 'ds.xlsx', contentBase64 });
}

async function preview(a: Awaited<ReturnType<typeof analyze>>, options: { defaultCategory?: string | null } = {}, mapping = a.mapping) {
  const before = earlyCheckUse.adopted;
  const p = await api.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping, options: options as never });
  const rows = await api.call('imports.rows', { importId: a.importId, limit: 5000 });
  return { p, rows: rows.rows, early: earlyCheckUse.adopted > before };
}

describe('checking rows while the file is read', () => {
  it('uses the rows the analysis checked, with the same results as checking them afresh', async () => {
    const units = ['Ban Tổ chức Tỉnh ủy', 'UBND xã Lai Hòa', 'Đơn vị chưa có'];
    const a = await analyze((await buildBenchWorkbook(4_500, units)).toString('base64'));
    expect(xlsxReading.lastInWorker).toBe(true);
    const first = await preview(a);
    expect(first.early).toBe(true);
    expect(first.p.counts.new).toBeGreaterThan(2_000);
    expect(first.p.unknownUnits).toEqual([{ name: 'Đơn vị chưa có', rows: 1_500 }]);

    // Moving the header (here to where it was) lets the check go: the preview checks every row itself.
    await api.call('imports.header', { importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan });
    const again = await preview(a);
    expect(again.early).toBe(false);
    expect(again.p).toEqual(first.p);
    expect(again.rows).toEqual(first.rows);

    // And what it commits is the same whichever way the rows were checked.
    const c = await api.call('imports.commit', { jobId: jobId(), importId: a.importId });
    expect(c.counts).toEqual(first.p.counts);
  });

  it('checks again when a unit or a record changed after the analysis', async () => {
    const a = await analyze(await smallList());
    createUnit(db, { name: 'Phòng Sắp Lập', kind: 'chinh_quyen', level: 'tinh', validFrom: '2000-01-01', ethnicContact: false }, SYSTEM_CONTEXT);
    const afterUnit = await preview(a);
    expect(afterUnit.early).toBe(false);
    expect(afterUnit.p.unknownUnits).toEqual([]);
    expect(afterUnit.p.counts).toMatchObject({ unchanged: 1, new: 1, duplicate: 1, error: 2 });

    // A write by any code path marks the change (here plain SQL, as another connection would).
    const b = await analyze(await smallList());
    db.sqlite.prepare(`update cadres set full_name = 'Nguyễn Thị Hồng Nhung' where id = ?`).run(seed.cadres[0].id);
    const afterEdit = await preview(b);
    expect(afterEdit.early).toBe(false);
    expect(afterEdit.p.counts).toMatchObject({ unchanged: 0, new: 2 });
  });

  it('checks again with another mapping or default category', async () => {
    const a = await analyze(await smallList());
    const withCategory = await preview(a, { defaultCategory: 'vien_chuc' });
    expect(withCategory.early).toBe(false);
    expect(withCategory.p.counts).toMatchObject({ new: 1, error: 3 });
    expect(withCategory.rows.find((r) => r.rowNo === 7)!.values.category).toBe('Viên chức');

    const b = await analyze(await smallList());
    const noUnit = await preview(b, {}, b.mapping.map((m) => (m === 'unit' ? null : m)));
    expect(noUnit.early).toBe(false);
    expect(noUnit.p.unknownUnits).toEqual([]);

    // The analysis's own proposal, asked for as it was: the early check serves it.
    const c = await analyze(await smallList());
    const proposed = await preview(c);
    expect(proposed.early).toBe(true);
    expect(proposed.p.unknownUnits).toEqual([{ name: 'Phòng Sắp Lập', rows: 2 }]);
  });

  it('reads in this thread, to the same rows, when no worker can be started', async () => {
    const bytes = await buildBenchWorkbook(2_500, ['Ban Tổ chức Tỉnh ủy']);
    const inWorker = await readSpreadsheet(bytes, 'ds.xlsx');
    expect(xlsxReading.lastInWorker).toBe(true);
    xlsxReading.disabled = true;
    const inThread = await readSpreadsheet(bytes, 'ds.xlsx');
    expect(xlsxReading.lastInWorker).toBe(false);
    expect(inWorker).toEqual(inThread);
    expect(inWorker[0].rows).toHaveLength(2_503);
  });

  it('tells the clerk a damaged file cannot be read, from the worker too', async () => {
    const damaged = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]);
    await expect(readSpreadsheet(damaged, 'hong.xlsx')).rejects.toThrow(/Không đọc được tệp "hong\.xlsx"/);
  });
});
