import { z } from 'zod';
import { defineCall } from './define';

// Exports of what a screen shows (a grid, a table) to .xlsx. The renderer reads the shown values (renderer/src/grid/
// exportGrid.ts) and the host writes the workbook with exceljs's streaming writer: row by row, compressed by Node's
// zlib, without holding a model of every cell. At 50,000 cadres (1.2 million cells) that takes a third of the time
// exceljs's in-memory workbook took in the page, most of which went to garbage collection.

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
 * about half a second to check.
 */
const ExportRowsSchema = z
  .custom<ExportCellWire[][]>((v) => Array.isArray(v) && v.every(Array.isArray), { message: 'Bảng xuất không hợp lệ.' })
  .superRefine((rows, ctx) => {
    if (rows.length > XLSX_MAX_ROWS - 3) {
      // The title and header lines come on top of the rows.
      ctx.addIssue({ code: 'custom', message: `Excel chỉ chứa được khoảng ${(XLSX_MAX_ROWS - 3).toLocaleString('vi-VN')} dòng; hãy lọc bớt rồi xuất từng phần.` });
      return;
    }
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      for (let i = 0; i < row.length; i++) {
        const problem = exportCellProblem(row[i]);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: `${problem} (dòng ${r + 1}, cột ${i + 1})`, path: [r, i] });
          return;
        }
      }
    }
  });

export const ExportTableSchema = z.object({
  /** A title line above the table (e.g. "DANH SÁCH CÁN BỘ"), merged across its columns. */
  title: z.string().max(500).optional(),
  sheetName: z.string().max(100).optional(),
  columns: z
    .array(z.object({ header: z.string().max(500), width: z.number().min(1).max(255) }))
    .max(XLSX_MAX_COLUMNS, { message: `Excel chỉ chứa được ${XLSX_MAX_COLUMNS.toLocaleString('vi-VN')} cột.` }),
  rows: ExportRowsSchema,
});
export type ExportTableWire = z.infer<typeof ExportTableSchema>;

export const exportsCalls = {
  /** A table as an .xlsx workbook (base64): bold frozen header with a filter, the given widths, real dates and numbers. */
  'exports.xlsx': defineCall({
    input: ExportTableSchema,
    output: z.object({ base64: z.string() }),
    access: 'read',
  }),
};
