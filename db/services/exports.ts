import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { fail } from '../../shared/api/envelope';
import { XLSX_MAX_ROWS, type ExportCellWire, type ExportHeadWire } from '../../shared/api/exports';
import type { CallContext } from '../context';
import { yieldToEventLoop } from '../event-loop';

// Writes a shown table (shared/api/exports.ts) as .xlsx with exceljs's streaming writer. The page sends the table in
// parts: the head (exports.xlsxBegin), the rows a few thousand at a time (exports.xlsxRows, the next part on its way
// while this one is written), then asks for the file (exports.xlsxEnd). Each row is turned into XML and handed to the
// zip as it comes, so neither the page's whole table nor a model of every cell is ever held here at once.

/** Rows written between two turns of the event loop (a progress poll or another call is answered meanwhile). */
const ROWS_PER_SLICE = 2_000;
/** An export not continued for this long is dropped (the page was closed, or failed mid-way). */
const IDLE_MS = 10 * 60_000;
/** Exports open at once: more means parts of abandoned ones are piling up. */
const MAX_OPEN = 8;
const DAY_MS = 86_400_000;
/** Sheet XML allowed to wait for the zip before writing pauses (see zipCaughtUp). */
const ZIP_BACKLOG_BYTES = 8 * 2 ** 20;
/** `written` while a part is being written. */
const WRITING = -1;
const GONE = 'Lượt xuất Excel này đã hết hạn hoặc không còn; hãy bấm "Xuất Excel" lại.';

/**
 * Waits for the zip to take in the sheet's XML written so far. exceljs's streaming writer hands the sheet to the
 * zip's deflate stream without heeding its backpressure, and that stream compresses one chunk per turn of the event
 * loop: left alone, nearly the whole sheet's XML (~55 MB at 50,000 rows) waited there uncompressed. The zip entry's
 * stream is exceljs's internal `stream.pipes[0]` (a readable-stream PassThrough); without it (another exceljs) this
 * only yields a turn.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const entry = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as { _writableState?: { length?: number } } | undefined;
  await yieldToEventLoop();
  // Each turn lets the zip take one more chunk; some backlog is kept, so writing and compressing overlap.
  for (let turns = 0; (entry?._writableState?.length ?? 0) > ZIP_BACKLOG_BYTES && turns < 10_000; turns++) await yieldToEventLoop();
}

/** The sheet name Excel accepts: none of \ / ? * [ ] :, at most 31 characters. */
export function safeSheetName(name: string | undefined): string {
  return (name ?? '').replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31) || 'Danh sách';
}

// exceljs turns each cell's style into a style id, fast only for a style object it has met before: data cells get
// one of three shared (never mutated) objects.
const PLAIN: Partial<ExcelJS.Style> = {};
const DAY: Partial<ExcelJS.Style> = { numFmt: 'dd/mm/yyyy' };
const DAY_TIME: Partial<ExcelJS.Style> = { numFmt: 'dd/mm/yyyy hh:mm' };
const HEADER: Partial<ExcelJS.Style> = {
  font: { bold: true },
  alignment: { vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2E6D9' } },
  border: { bottom: { style: 'thin' } },
};
const TITLE: Partial<ExcelJS.Style> = { font: { bold: true, size: 14 } };

interface OpenExport {
  actor: string;
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  sheet: ExcelJS.Worksheet;
  chunks: Buffer[];
  ended: Promise<void>;
  /** Rows written so far: the `from` the next part must have. */
  written: number;
  /** Parts that arrived before their turn, waiting for `written` to reach them. */
  waiting: (() => void)[];
  touchedAt: number;
  /** Rows Excel can hold below the title and header lines. */
  maxRows: number;
}
const open = new Map<string, OpenExport>();

/** Closes an export; parts waiting for their turn learn that it will not come. */
function close(exportId: string, e: OpenExport): void {
  if (open.get(exportId) === e) open.delete(exportId);
  for (const wake of e.waiting.splice(0)) wake();
}

function dropIdle(now: number): void {
  for (const [id, e] of open) if (now - e.touchedAt > IDLE_MS) close(id, e);
}

/** The caller's own export, or a message saying it is gone. */
function openExport(exportId: string, ctx: CallContext): OpenExport {
  dropIdle(Date.now());
  const e = open.get(exportId);
  if (!e || e.actor !== ctx.actor) throw fail.validation(GONE);
  e.touchedAt = Date.now();
  return e;
}

export function beginTableWorkbook(head: ExportHeadWire, ctx: CallContext): { exportId: string } {
  dropIdle(Date.now());
  if (open.size >= MAX_OPEN) throw fail.validation('Đang có quá nhiều lượt xuất Excel dở dang; hãy chờ chúng xong rồi thử lại.');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // An export dropped unfinished must not leave a rejection nobody listens to.
  ended.catch(() => undefined);
  // Strings inline in each cell rather than in a shared table: a third faster to write, and every spreadsheet reads
  // them. Deflate level 1: much faster than the default level for a file only somewhat larger.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  workbook.creator = 'Quản lý cán bộ';
  workbook.created = new Date();
  const n = head.columns.length;
  const headerRowNo = head.title ? 3 : 1;
  const sheet = workbook.addWorksheet(safeSheetName(head.sheetName), { views: [{ state: 'frozen', ySplit: headerRowNo }] });
  sheet.columns = head.columns.map((c) => ({ width: c.width }));
  if (head.title) {
    const title = sheet.addRow([head.title]);
    title.getCell(1).style = TITLE;
    if (n > 1) sheet.mergeCells(1, 1, 1, n);
    title.commit();
    sheet.addRow([]).commit();
  }
  const header = sheet.addRow(head.columns.map((c) => c.header));
  // A copy: exceljs's row setters below write into the cells' style object.
  const headerStyle = structuredClone(HEADER);
  for (let i = 1; i <= n; i++) header.getCell(i).style = headerStyle;
  // The row's own style too, which spreadsheets give to cells added to the header line later.
  header.font = headerStyle.font!;
  header.alignment = headerStyle.alignment!;
  header.commit();
  if (n > 0) sheet.autoFilter = { from: { row: headerRowNo, column: 1 }, to: { row: headerRowNo, column: n } };
  const exportId = randomUUID();
  open.set(exportId, { actor: ctx.actor, workbook, sheet, chunks, ended, written: 0, waiting: [], touchedAt: Date.now(), maxRows: XLSX_MAX_ROWS - headerRowNo });
  return { exportId };
}

/**
 * Writes the rows from row `from` (0-based, below the header). Parts are written in row order whatever order they
 * arrive in: a part that comes early waits for the ones before it.
 */
export async function appendTableRows(input: { exportId: string; from: number; rows: ExportCellWire[][] }, ctx: CallContext): Promise<{ written: number }> {
  const e = openExport(input.exportId, ctx);
  for (;;) {
    if (open.get(input.exportId) !== e) throw fail.validation(GONE);
    if (e.written === input.from) break;
    if (e.written !== WRITING && input.from < e.written) throw fail.validation('Phần này của lượt xuất Excel đã được ghi.');
    await new Promise<void>((resolve) => e.waiting.push(resolve));
  }
  if (e.written + input.rows.length > e.maxRows) {
    close(input.exportId, e);
    throw fail.validation(`Excel chỉ chứa được ${e.maxRows.toLocaleString('vi-VN')} dòng dưới dòng tiêu đề; hãy lọc bớt rồi xuất từng phần.`);
  }
  // No other part is written meanwhile: `written` moves on only once this one is done.
  e.written = WRITING;
  const values: (string | number | Date | null)[] = [];
  const styles: Partial<ExcelJS.Style>[] = [];
  try {
    for (let r = 0; r < input.rows.length; r++) {
      const cells = input.rows[r];
      values.length = cells.length;
      styles.length = cells.length;
      for (let i = 0; i < cells.length; i++) {
        const v = cells[i];
        if (v !== null && typeof v === 'object') {
          values[i] = new Date(v.date);
          styles[i] = v.date % DAY_MS === 0 ? DAY : DAY_TIME;
        } else {
          values[i] = v;
          styles[i] = PLAIN;
        }
      }
      const row = e.sheet.addRow(values);
      for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i];
      row.commit();
      if (r % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await zipCaughtUp(e.sheet);
    }
  } catch (err) {
    // Half a part written: the file can no longer be right.
    close(input.exportId, e);
    throw err;
  } finally {
    e.written = input.from + input.rows.length;
    e.touchedAt = Date.now();
    for (const wake of e.waiting.splice(0)) wake();
  }
  return { written: e.written };
}

export async function endTableWorkbook(input: { exportId: string; rows: number }, ctx: CallContext): Promise<{ base64: string }> {
  const e = openExport(input.exportId, ctx);
  // Every part is answered before the page asks for the file: one missing, or still waiting for its turn, means a
  // file without some rows.
  const complete = e.written === input.rows && e.waiting.length === 0;
  close(input.exportId, e);
  if (!complete) throw fail.validation('Lượt xuất Excel thiếu dòng; hãy bấm "Xuất Excel" lại.');
  e.sheet.commit();
  await e.workbook.commit();
  await e.ended;
  return { base64: Buffer.concat(e.chunks).toString('base64') };
}

/**
 * Drops the caller's export that the page gave up on (a part it could not send): its parts waiting here are
 * answered, and it no longer counts against MAX_OPEN. Nothing to do when it is already gone.
 */
export function cancelTableWorkbook(input: { exportId: string }, ctx: CallContext): Record<string, never> {
  const e = open.get(input.exportId);
  if (e && e.actor === ctx.actor) close(input.exportId, e);
  return {};
}

/** Open exports (tests). */
export function openExportCount(): number {
  return open.size;
}
