import { z } from 'zod';
import { defineCall } from './define';

// Exports of what a screen shows (a grid, a table) to .xlsx. The renderer reads the shown values (renderer/src/grid/
// exportGrid.ts) and sends them in parts; the host writes the workbook with exceljs's streaming writer, row by row,
// compressed by Node's zlib, without holding a model of every cell (db/services/exports.ts). At 50,000 cadres (1.2
// million cells) exceljs's in-memory workbook in the page took 8-9 s, 3 of them in garbage collection.

/** Excel's own limits: rows and columns of a sheet, characters in a cell. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;
export const XLSX_MAX_CELL_TEXT = 32_767;
/** The days Excel stores as dates: 1900 to 9999. */
export const EXCEL_FIRST_DAY = Date.UTC(1900, 0, 1);
export const EXCEL_PAST_LAST_DAY = Date.UTC(10000, 0, 1);

/**
 * A cell as sent: text, a number, empty, or a date: `{ date }` is its wall-clock day and time as milliseconds since
 * 1970-01-01 in UTC (Date.UTC(y, m - 1, d, h, mi)), which Excel stores as a date and shows dd/mm/yyyy, with the time
 * when it has one.
 */
export type ExportCellWire = string | number | null | { date: number };

/** Why a cell cannot be written, or null. */
export function exportCellProblem(v: unknown): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v.length > XLSX_MAX_CELL_TEXT ? `Một ô dài quá ${XLSX_MAX_CELL_TEXT.toLocaleString('vi-VN')} ký tự, Excel không chứa được.` : null;
  if (typeof v === 'number') return Number.isFinite(v) ? null : 'Một ô có số không hợp lệ.';
  if (typeof v === 'object' && Object.keys(v).length === 1) {
    const d = (v as { date?: unknown }).date;
    if (typeof d === 'number' && d >= EXCEL_FIRST_DAY && d < EXCEL_PAST_LAST_DAY) return null;
  }
  return 'Một ô có giá trị không xuất ra Excel được.';
}

/**
 * Rows of cells, checked in one loop: 50,000 rows of 24 cells are 1.2 million values, which a schema per cell took
 * about half a second to check. `from` numbers the rows in the messages as the clerk counts them.
 */
function checkRows(rows: unknown[][], from: number, ctx: z.RefinementCtx): void {
  if (rows.length > EXPORT_ROWS_PER_PART * 4) {
    ctx.addIssue({ code: 'custom', message: 'Quá nhiều dòng trong một lần gửi.', path: ['rows'] });
    return;
  }
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let i = 0; i < row.length; i++) {
      const problem = exportCellProblem(row[i]);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `${problem} (dòng ${from + r + 1}, cột ${i + 1})`, path: ['rows', r, i] });
        return;
      }
    }
  }
}

/** Rows sent in one part of an export (exports.xlsxRows): a few thousand is enough to keep the host busy. */
export const EXPORT_ROWS_PER_PART = 5_000;

export const ExportHeadSchema = z.object({
  /** A title line above the table (e.g. "DANH SÁCH CÁN BỘ"), merged across its columns. */
  title: z.string().max(500).optional(),
  sheetName: z.string().max(100).optional(),
  columns: z
    .array(z.object({ header: z.string().max(500), width: z.number().min(1).max(255) }))
    .max(XLSX_MAX_COLUMNS, { message: `Excel chỉ chứa được ${XLSX_MAX_COLUMNS.toLocaleString('vi-VN')} cột.` }),
});
export type ExportHeadWire = z.infer<typeof ExportHeadSchema>;

const exportId = z.string().uuid({ message: 'Lượt xuất Excel không hợp lệ.' });

export const exportsCalls = {
  /** Starts an .xlsx of a table: bold frozen header with a filter, the given widths. Rows follow in parts. */
  'exports.xlsxBegin': defineCall({ input: ExportHeadSchema, output: z.object({ exportId: z.string() }), access: 'read' }),
  /** Rows from row `from` (0-based, below the header), written in row order whatever order the parts arrive in. */
  'exports.xlsxRows': defineCall({
    input: z
      .object({
        exportId,
        from: z.number().int().min(0),
        rows: z.custom<ExportCellWire[][]>((v) => Array.isArray(v) && v.every(Array.isArray), { message: 'Bảng xuất không hợp lệ.' }),
      })
      .superRefine((part, ctx) => checkRows(part.rows, part.from, ctx)),
    output: z.object({ written: z.number() }),
    access: 'read',
  }),
  /** The workbook (base64), once all `rows` are written; the export is then closed. */
  'exports.xlsxEnd': defineCall({ input: z.object({ exportId, rows: z.number().int().min(0) }), output: z.object({ base64: z.string() }), access: 'read' }),
  /** Drops an export the page gave up on (a part failed), so its waiting parts are answered at once. */
  'exports.xlsxCancel': defineCall({ input: z.object({ exportId }), output: z.object({}), access: 'read' }),
};
