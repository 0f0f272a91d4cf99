import type { Column, GridApi, IRowNode } from 'ag-grid-community';
import { defuseFormula } from '../../../shared/domain/csv-formula';
import { EXCEL_FIRST_DAY, EXCEL_PAST_LAST_DAY, EXPORT_ROWS_PER_PART, type ExportCellWire } from '../../../shared/api/exports';
import type { CallInput, CallOutput } from '../../../shared/api/contract';
import { call } from '../api';

// Exports what a grid shows: its current filter and sort, its visible columns in their order, their Vietnamese
// headers and shown values (code labels, not keys), to .xlsx (real Excel dates and numbers, widths fitted to the
// content, bold frozen header) or to CSV (UTF-8 with BOM, so Excel shows Vietnamese letters). AG Grids and plain
// HTML tables alike: exportGrid(api, { fileName: 'Danh sách cán bộ', format: 'xlsx' }), or see ExportButtons.

export type ExportCell = string | number | Date | null;

export interface ExportColumn {
  header: string;
  /** Width in Excel characters; without it the width is fitted to the header and the cells. */
  width?: number;
}

export interface ExportTable {
  columns: ExportColumn[];
  rows: ExportCell[][];
}

export interface ExportOptions {
  /** What the file is ("Danh sách cán bộ"): written without diacritics and with the day of export, see exportFileName. */
  fileName: string;
  format: 'xlsx' | 'csv';
  /** A title line above the table in .xlsx (e.g. "DANH SÁCH CÁN BỘ"); CSV never has one, to stay machine-readable. */
  title?: string;
  sheetName?: string;
  /** The day in the file name (tests); today by default. */
  date?: Date;
}

const FULL_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const DATE_TIME = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/;
const DECIMAL_COMMA = /^-?\d{1,4},\d+$/;
/** A number as shown in a Vietnamese numeric column: "12.500.000", "4,4", "12,5%", "-3". */
const VN_NUMBER = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?%?$/;
/** Shown text of a number (digits, separators, sign, percent): nothing a reader would lose by getting the number. */
const NUMERIC_TEXT = /^[\s\d.,%+-]*\d[\s\d.,%+-]*$/;

const parseVnNumber = (s: string) => Number(s.replace(/%$/, '').replace(/\./g, '').replace(',', '.'));

/**
 * A shown value as an Excel cell: dd/mm/yyyy becomes a date (and "dd/mm/yyyy HH:mm" a date and time), "2,34" a
 * number, booleans x or blank. `raw` is the value behind the text: a number formatted for reading ("12.000.000",
 * "12,5%") is written as that number. In a numeric column (`numeric`), number texts are numbers too; elsewhere a
 * run of digits stays text (ID numbers keep their leading zeros).
 */
export function toExportCell(raw: unknown, shown: unknown, numeric = false): ExportCell {
  // A tick box is x or blank whatever text stands for it ("true", "x").
  if (typeof raw === 'boolean') return raw ? 'x' : null;
  if (typeof raw === 'number' && Number.isFinite(raw) && (typeof shown !== 'string' || NUMERIC_TEXT.test(shown))) return raw;
  const v = shown ?? raw;
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? 'x' : null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return v;
  const s = String(v).trim();
  if (s === '') return null;
  const d = FULL_DATE.exec(s);
  // Excel stores dates as days; a UTC midnight is read back as that day whatever the time zone. A text that only
  // looks like a date ("00/03/1970" for an unknown day, "31/02/2020") stays text rather than rolling over.
  if (d) return realDate(s, Number(d[3]), Number(d[2]), Number(d[1]));
  const t = DATE_TIME.exec(s);
  // The time as the clerk read it on screen (local), kept as the wall-clock time Excel shows.
  if (t) return realDate(s, Number(t[3]), Number(t[2]), Number(t[1]), Number(t[4]), Number(t[5]));
  if (DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  if (numeric && VN_NUMBER.test(s)) return parseVnNumber(s);
  return s;
}

/** The date (UTC wall-clock) when day, month, hour and minute are real ones, else the text as it was. */
function realDate(text: string, y: number, mo: number, day: number, h = 0, mi = 0): Date | string {
  const date = new Date(Date.UTC(y, mo - 1, day, h, mi));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === day && date.getUTCHours() === h && date.getUTCMinutes() === mi;
  return real ? date : text;
}

const hasTime = (d: Date) => d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0;
const pad = (x: number) => String(x).padStart(2, '0');

/** A cell as CSV (and as the text whose length sizes its column): dates dd/mm/yyyy, decimal commas. */
function cellText(v: ExportCell): string {
  if (v === null) return '';
  if (v instanceof Date) {
    const day = `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
    return hasTime(v) ? `${day} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}` : day;
  }
  if (typeof v === 'number') return String(v).replace('.', ',');
  return v;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/**
 * Column widths (Excel characters) that fit the content: the longest cell, and the header, which may wrap onto a
 * second line but not break a word. Bounded so one long note does not make a column wider than the screen.
 */
export function fitWidths(table: ExportTable): number[] {
  return table.columns.map((c, i) => {
    if (c.width) return c.width;
    const words = c.header.split(/\s+/).reduce((m, w) => Math.max(m, w.length), 0);
    let need = Math.max(words, Math.min(c.header.length, 16));
    for (const r of table.rows) {
      const v = r[i];
      if (v === null || v === undefined) continue;
      // Cheap per cell (a 50,000-row list has a million): a string's length unless it has several lines, a date's
      // fixed width, a number's digits.
      const len =
        typeof v === 'string'
          ? v.indexOf('\n') < 0
            ? v.length
            : v.split('\n').reduce((m, l) => Math.max(m, l.length), 0)
          : v instanceof Date
            ? hasTime(v) ? 16 : 10
            : String(v).length;
      if (len > need) need = len;
      if (need >= MAX_WIDTH) break;
    }
    const w = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, need + 2));
    // exceljs treats exactly 9 as "no width" and writes nothing for the column (Excel then uses its own 8.43).
    return w === 9 ? 10 : w;
  });
}

/** Letters without diacritics and safe in any file system: "Danh sách cán bộ" -> "Danh-sach-can-bo". */
export function asciiFileBase(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '')
      .slice(0, 100) || 'du-lieu'
  );
}

/** The download's name: what it is, without diacritics, and the day (local) it was exported: Danh-sach-can-bo_2025-03-31.xlsx */
export function exportFileName(name: string, format: 'xlsx' | 'csv', date: Date = new Date()): string {
  return `${asciiFileBase(name)}_${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.${format}`;
}

/** Columns whose values are numbers (right-aligned or number-filtered), so their shown texts become numbers. */
function isNumericColumn(c: Column): boolean {
  const def = c.getColDef();
  const types = Array.isArray(def.type) ? def.type : def.type ? [def.type] : [];
  return (
    types.includes('rightAligned') ||
    types.includes('numericColumn') ||
    def.cellDataType === 'number' ||
    def.filter === 'agNumberColumnFilter' ||
    !!(def.context as { exportNumeric?: boolean } | undefined)?.exportNumeric
  );
}

/** The columns a grid shows (selection checkboxes left out) and its rows after filter and sort. */
export function gridToTable<Row>(api: GridApi<Row>): ExportTable {
  const cols = (api.getAllDisplayedColumns() as Column[]).filter((c) => {
    const def = c.getColDef();
    return !c.getColId().startsWith('ag-Grid-') && def.headerName !== '' && !(def as { suppressExport?: boolean }).suppressExport;
  });
  const columns = cols.map((c) => ({ header: api.getDisplayNameForColumn(c, null) ?? c.getColId() }));
  const numeric = cols.map(isNumericColumn);
  // Without a formatter (nor reference data or formulas) AG Grid shows a value that is not an array as its text:
  // one value getter call per cell instead of two (2.4 million calls for the 50,000-row cadre grid).
  const formatted = cols.map((c) => {
    const def = c.getColDef() as { valueFormatter?: unknown; refData?: unknown; allowFormula?: unknown };
    return !!(def.valueFormatter || def.refData || def.allowFormula);
  });
  const rows: ExportCell[][] = [];
  api.forEachNodeAfterFilterAndSort((node: IRowNode<Row>) => {
    if (node.group || !node.data) return;
    rows.push(
      cols.map((c, i) => {
        const raw: unknown = api.getCellValue({ rowNode: node, colKey: c });
        const shown = formatted[i] || Array.isArray(raw) ? api.getCellValue({ rowNode: node, colKey: c, useFormatter: true }) : raw === null || raw === undefined ? null : String(raw);
        return toExportCell(raw, shown, numeric[i]);
      }),
    );
  });
  return { columns, rows };
}

const cellTextOf = (el: HTMLElement): string => {
  // A control shows its value, not the text of every option it holds.
  const control = el.querySelector('select, input, textarea') as HTMLSelectElement | HTMLInputElement | null;
  if (control instanceof HTMLSelectElement) return control.selectedOptions[0]?.textContent?.trim() ?? '';
  if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) return control.checked ? 'x' : '';
  if (control) return control.value.trim();
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
};

/**
 * A plain HTML table as shown: header cells of the last header row, body rows in their order. Left out: columns
 * without a header (row actions) or marked data-export="skip", and rows that are not records (a cell spanning
 * columns: "Không có.", an open editor). Cells of class "num" are numeric; a header's data-export-header and a
 * cell's data-value replace the shown text where that is made for reading, not for a spreadsheet.
 */
export function htmlTableToTable(table: HTMLTableElement): ExportTable {
  const headRow = table.tHead?.rows[table.tHead.rows.length - 1];
  const heads = headRow ? [...headRow.cells] : [];
  const keep = heads.map((h, i) => ({ h, i })).filter(({ h }) => (h.textContent ?? '').trim() !== '' && h.dataset.export !== 'skip');
  const columns = keep.map(({ h }) => ({ header: h.dataset.exportHeader ?? (h.textContent ?? '').replace(/\s+/g, ' ').trim() }));
  const rows: ExportCell[][] = [];
  for (const body of [...table.tBodies]) {
    for (const tr of [...body.rows]) {
      const cells = [...tr.cells];
      if (cells.some((c) => c.colSpan > 1) || tr.hidden || tr.dataset.export === 'skip') continue;
      rows.push(
        keep.map(({ i }) => {
          const c = cells[i];
          if (!c) return null;
          // data-value: the value behind a text made for reading ("60 ngày" -> 60).
          if (c.dataset.value !== undefined) return toExportCell(null, c.dataset.value, true);
          return toExportCell(null, cellTextOf(c), c.classList.contains('num'));
        }),
      );
    }
  }
  return { columns, rows };
}

/** How a table is sent to the host: call in the page, the tests' API elsewhere. */
export type ExportSender = <K extends 'exports.xlsxBegin' | 'exports.xlsxRows' | 'exports.xlsxEnd' | 'exports.xlsxCancel'>(name: K, input: CallInput<K>) => Promise<CallOutput<K>>;

/**
 * The .xlsx bytes of a table, written by the host (shared/api/exports.ts): the head with the widths fitted, then the
 * rows in parts, two on their way at once so the host writes one while the next is encoded and sent, then the file.
 */
export async function buildXlsx(table: ExportTable, opts: { title?: string; sheetName?: string } = {}, send: ExportSender = call): Promise<Uint8Array> {
  const widths = fitWidths(table);
  const columns = table.columns.map((c, i) => ({ header: c.header, width: widths[i] }));
  const { exportId } = await send('exports.xlsxBegin', { title: opts.title, sheetName: opts.sheetName, columns });
  const inFlight: Promise<unknown>[] = [];
  try {
    for (let from = 0; from < table.rows.length; from += EXPORT_ROWS_PER_PART) {
      const rows = table.rows.slice(from, from + EXPORT_ROWS_PER_PART).map((r) => r.map(wireCell));
      const part = send('exports.xlsxRows', { exportId, from, rows });
      // A part that fails while an earlier one is awaited is reported by its own await below, not as unhandled.
      part.catch(() => undefined);
      inFlight.push(part);
      if (inFlight.length >= 2) await inFlight.shift();
    }
    for (const part of inFlight) await part;
  } catch (e) {
    // The host drops the export at once (and answers the part still waiting), rather than keeping it 10 minutes.
    await send('exports.xlsxCancel', { exportId }).catch(() => undefined);
    throw e;
  }
  const { base64 } = await send('exports.xlsxEnd', { exportId, rows: table.rows.length });
  return base64Bytes(base64);
}

/** Dates are sent as their UTC wall-clock in milliseconds; one Excel cannot hold as a date (before 1900) as its text. */
function wireCell(v: ExportCell): ExportCellWire {
  if (!(v instanceof Date)) return v;
  const ms = v.getTime();
  return ms >= EXCEL_FIRST_DAY && ms < EXCEL_PAST_LAST_DAY ? { date: ms } : cellText(v);
}

/** The bytes of a file the host sent as base64. */
export function base64Bytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * CSV as Excel reads it: BOM + UTF-8 (so Vietnamese letters survive), CRLF, quoted where needed. The separator is
 * ";" by default because Excel takes the list separator from Windows' regional settings, and Vietnamese settings
 * (decimal comma) use ";"; our own import reads either.
 */
export function buildCsv(table: ExportTable, separator: ';' | ',' = ';'): string {
  const quote = (s: string) => (/["\r\n]/.test(s) || s.includes(separator) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [table.columns.map((c) => quote(defuseFormula(c.header))).join(separator)];
  for (const r of table.rows) lines.push(r.map((v) => quote(typeof v === 'string' ? defuseFormula(v) : cellText(v))).join(separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
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
  const name = exportFileName(opts.fileName, opts.format, opts.date);
  if (opts.format === 'csv') downloadBytes(buildCsv(table), name, 'text/csv;charset=utf-8');
  else downloadBytes(await buildXlsx(table, opts), name, XLSX_MIME);
  return table.rows.length;
}

/** Exports what the grid shows; returns the number of rows written. */
export async function exportGrid<Row>(api: GridApi<Row>, opts: ExportOptions): Promise<number> {
  return exportTable(gridToTable(api), opts);
}
