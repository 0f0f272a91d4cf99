import type { Column, GridApi, IRowNode } from 'ag-grid-community';

// Exports what a grid shows: its current filter and sort, its visible columns in their order, their Vietnamese
// headers and widths, to .xlsx (real Excel dates and numbers) or to CSV (UTF-8 with BOM, so Excel shows
// Vietnamese letters). Any grid can use it: exportGrid(api, { fileName: 'Danh sách cán bộ', format: 'xlsx' }).

export type ExportCell = string | number | Date | null;

export interface ExportColumn {
  header: string;
  /** Width in Excel characters. */
  width?: number;
}

export interface ExportTable {
  columns: ExportColumn[];
  rows: ExportCell[][];
}

export interface ExportOptions {
  /** Without extension; the date of export is not added, the clerk names the file. */
  fileName: string;
  format: 'xlsx' | 'csv';
  /** A title line above the table in .xlsx (e.g. "DANH SÁCH CÁN BỘ"); CSV never has one, to stay machine-readable. */
  title?: string;
  sheetName?: string;
}

const FULL_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const DECIMAL_COMMA = /^-?\d{1,4},\d+$/;

/** A shown value as an Excel cell: dd/mm/yyyy becomes a date, "2,34" a number, booleans x or blank. */
export function toExportCell(raw: unknown, shown: unknown): ExportCell {
  const v = shown ?? raw;
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? 'x' : null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return v;
  const s = String(v);
  const d = FULL_DATE.exec(s);
  // Excel stores dates as days; a UTC midnight is read back as that day whatever the time zone.
  if (d) return new Date(Date.UTC(Number(d[3]), Number(d[2]) - 1, Number(d[1])));
  if (DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  return s;
}

/** The columns a grid shows (selection checkboxes left out) and its rows after filter and sort. */
export function gridToTable<Row>(api: GridApi<Row>): ExportTable {
  const cols = (api.getAllDisplayedColumns() as Column[]).filter((c) => {
    const def = c.getColDef();
    return !c.getColId().startsWith('ag-Grid-') && def.headerName !== '' && !(def as { suppressExport?: boolean }).suppressExport;
  });
  const columns = cols.map((c) => ({ header: api.getDisplayNameForColumn(c, null) ?? c.getColId(), width: Math.max(6, Math.round(c.getActualWidth() / 7)) }));
  const rows: ExportCell[][] = [];
  api.forEachNodeAfterFilterAndSort((node: IRowNode<Row>) => {
    if (node.group || !node.data) return;
    rows.push(
      cols.map((c) => {
        const raw = api.getCellValue({ rowNode: node, colKey: c });
        const shown = api.getCellValue({ rowNode: node, colKey: c, useFormatter: true });
        return toExportCell(raw, shown);
      }),
    );
  });
  return { columns, rows };
}

/** The .xlsx bytes of a table: bold frozen header, column widths, dd/mm/yyyy dates. */
export async function buildXlsx(table: ExportTable, opts: { title?: string; sheetName?: string } = {}): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Quản lý cán bộ';
  wb.created = new Date();
  const ws = wb.addWorksheet(safeSheetName(opts.sheetName ?? 'Danh sách'));
  const n = table.columns.length;
  let headerRowNo = 1;
  if (opts.title) {
    const t = ws.addRow([opts.title]);
    t.font = { bold: true, size: 14 };
    if (n > 1) ws.mergeCells(1, 1, 1, n);
    ws.addRow([]);
    headerRowNo = 3;
  }
  const header = ws.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2E6D9' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  table.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? 14;
  });
  for (const r of table.rows) {
    const row = ws.addRow(r);
    r.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'dd/mm/yyyy';
    });
  }
  ws.views = [{ state: 'frozen', ySplit: headerRowNo }];
  if (n > 0) ws.autoFilter = { from: { row: headerRowNo, column: 1 }, to: { row: headerRowNo, column: n } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const pad = (x: number) => String(x).padStart(2, '0');
const csvText = (v: ExportCell): string => {
  if (v === null) return '';
  if (v instanceof Date) return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  if (typeof v === 'number') return String(v).replace('.', ',');
  return v;
};

/**
 * CSV as Excel reads it: BOM + UTF-8 (so Vietnamese letters survive), CRLF, quoted where needed. The separator is
 * ";" by default because Excel takes the list separator from Windows' regional settings, and Vietnamese settings
 * (decimal comma) use ";"; our own import reads either.
 */
export function buildCsv(table: ExportTable, separator: ';' | ',' = ';'): string {
  const quote = (s: string) => (/["\r\n]/.test(s) || s.includes(separator) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [table.columns.map((c) => quote(c.header)).join(separator)];
  for (const r of table.rows) lines.push(r.map((v) => quote(csvText(v))).join(separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function safeSheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Danh sách';
}

/** Offers bytes as a download (Chromium and Electron both honour <a download>). */
export function downloadBytes(bytes: Uint8Array | string, fileName: string, mime: string): void {
  const blob = new Blob([bytes as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Exports a table built by the caller (a summary, a report) in either format. */
export async function exportTable(table: ExportTable, opts: ExportOptions): Promise<number> {
  const base = opts.fileName.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'du-lieu';
  if (opts.format === 'csv') downloadBytes(buildCsv(table), `${base}.csv`, 'text/csv;charset=utf-8');
  else downloadBytes(await buildXlsx(table, opts), `${base}.xlsx`, XLSX_MIME);
  return table.rows.length;
}

/** Exports what the grid shows; returns the number of rows written. */
export async function exportGrid<Row>(api: GridApi<Row>, opts: ExportOptions): Promise<number> {
  return exportTable(gridToTable(api), opts);
}
