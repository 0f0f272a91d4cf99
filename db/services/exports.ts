import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportCellWire, ExportTableWire } from '../../shared/api/exports';

// Writes a shown table (shared/api/exports.ts) as .xlsx with exceljs's streaming writer: each row is turned into XML
// and handed to the zip as it is added, so memory stays flat and the host answers other calls between slices.

/** Rows written between two turns of the event loop (a progress poll or another call is answered meanwhile). */
const ROWS_PER_SLICE = 2_000;

const DAY_MS = 86_400_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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

export async function tableWorkbook(table: ExportTableWire): Promise<{ base64: string }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // Strings inline in each cell rather than in a shared table: a third faster to write, and every spreadsheet reads
  // them. Deflate level 1: much faster than the default level for a file only somewhat larger.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  wb.creator = 'Quản lý cán bộ';
  wb.created = new Date();
  const n = table.columns.length;
  const headerRowNo = table.title ? 3 : 1;
  const ws = wb.addWorksheet(safeSheetName(table.sheetName), { views: [{ state: 'frozen', ySplit: headerRowNo }] });
  ws.columns = table.columns.map((c) => ({ width: c.width }));
  if (table.title) {
    const title = ws.addRow([table.title]);
    title.getCell(1).style = TITLE;
    if (n > 1) ws.mergeCells(1, 1, 1, n);
    title.commit();
    ws.addRow([]).commit();
  }
  const header = ws.addRow(table.columns.map((c) => c.header));
  // A copy: exceljs's row setters below write into the cells' style object.
  const headerStyle = structuredClone(HEADER);
  for (let i = 1; i <= n; i++) header.getCell(i).style = headerStyle;
  // The row's own style too, which spreadsheets give to cells added to the header line later.
  header.font = headerStyle.font!;
  header.alignment = headerStyle.alignment!;
  header.commit();
  if (n > 0) ws.autoFilter = { from: { row: headerRowNo, column: 1 }, to: { row: headerRowNo, column: n } };

  const values = new Array<string | number | Date | null>(n);
  for (let r = 0; r < table.rows.length; r++) {
    const cells: ExportCellWire[] = table.rows[r];
    const styles: Partial<ExcelJS.Style>[] = [];
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
    values.length = cells.length;
    const row = ws.addRow(values);
    for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i];
    row.commit();
    if (r % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await yieldToEventLoop();
  }
  ws.commit();
  await wb.commit();
  await ended;
  return { base64: Buffer.concat(chunks).toString('base64') };
}
