// Reads an .xlsx file's bytes into rows of raw cells with exceljs's streaming reader, which hands rows over while
// it inflates the file. Runs in the worker thread that reads files (xlsx-worker.ts), or in the main thread when
// no worker can be started (read-in-worker.ts).

import path from 'node:path';
import { Readable } from 'node:stream';
import unzipper from 'unzipper';
import ExcelJS from 'exceljs';
import { fail } from '../../../shared/api/envelope';
import type { RawCell, RawRow } from './parse';
import { yieldToEventLoop } from '../../event-loop';

export interface SheetData {
  name: string;
  rows: RawRow[];
}

export interface ReadHooks {
  /** Called now and then with the share of the file read so far (0..1). */
  onProgress?(fraction: number, rowsRead: number): void;
  /** Throws to stop reading (the clerk pressed Cancel). */
  checkCancelled?(): void;
  /**
   * The rows read since the last call, in order, every couple of thousand rows and at the end of each sheet
   * (sheets are numbered from 0 in the workbook's order), so work on the first rows can start before the last
   * are read. Not called for .csv, which is read whole at once.
   */
  onRows?(sheetIndex: number, sheetName: string, rows: RawRow[]): void;
}

/** Converts one exceljs cell value to a raw cell; Excel dates become "yyyy-mm-dd" text. */
export function toRawCell(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // exceljs builds dates in UTC from the serial; round to the day so 23:59:59.999 float noise does not shift it.
    const day = Math.floor((v.getTime() + 1000) / 86_400_000);
    return new Date(day * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('') || null;
    if ('result' in o) return toRawCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text || null;
    if ('error' in o) return null;
  }
  return String(v);
}

/** Decodes UTF-8 chunks into text, holding back a character split between two chunks until the rest arrives. */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * exceljs's streaming reader (4.4.0) has two faults this reader works around, keeping its XML parsers:
 * - It reads the archive in one pass in stored order. Excel stores the sheets before the shared strings, and
 *   exceljs's own writer stores the workbook part last, so it copies the sheets to temporary files and parses
 *   them after the pass; that pass sometimes fails to deliver the last entries (exceljs issue #3064), and the
 *   file was then refused as damaged now and then (once in CI on an ordinary 30-row file). Here the parts are
 *   read through the zip's central directory, in the order they are needed: relationships, workbook, shared
 *   strings, styles, then each sheet in the workbook's order, located by its relationship as OOXML says rather
 *   than by a "sheetN.xml" name. Nothing goes through a temporary file.
 * - It decodes each inflated chunk of the XML on its own, so a Vietnamese letter (2-3 bytes in UTF-8) that falls
 *   across two chunks (every 16 KB) is read as two U+FFFD: about one cell in a thousand of a large list came in
 *   garbled (exceljs issues #2084, #2316). The shared strings and the sheets are handed over as text decoded
 *   across chunk boundaries instead.
 */
// exceljs types neither the streaming reader nor these hooks.
const WorkbookReader: any = (ExcelJS as any).stream.xlsx.WorkbookReader;

interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}
interface SheetEntry {
  name: string;
  id: number;
  rId: string;
  state?: string;
}
type ZipEntry = unzipper.File;

/** A relationship target resolved against the folder of the part that holds it ("xl/"), as a zip path. */
function resolvePartPath(baseFolder: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : path.posix.join(baseFolder, target);
  return path.posix.normalize(joined).replace(/^\/+/, '');
}

/** The chunks of a stream as they come, counting their bytes. */
async function* countingBytes(chunks: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    onBytes(chunk.length);
    yield chunk;
  }
}

class DirectoryWorkbookReader extends WorkbookReader {
  constructor(
    private readonly bytes: Buffer,
    options: object,
    /** The share of the cells' XML (shared strings and sheets) inflated so far, 0..1. */
    private readonly onFraction: (fraction: number) => void,
  ) {
    super(null, options);
  }

  async *parse() {
    const directory = await unzipper.Open.buffer(this.bytes);
    const parts = new Map<string, ZipEntry>();
    // Zip paths are compared without case: some producers write "xl/SharedStrings.xml".
    for (const f of directory.files) if (f.type === 'File') parts.set(f.path.replace(/^\/+/, '').toLowerCase(), f);
    const part = (p: string) => parts.get(p.toLowerCase());

    // The package's own relationships name the workbook part (xl/workbook.xml almost always).
    let workbookPath = 'xl/workbook.xml';
    const packageRels = part('_rels/.rels');
    if (packageRels) {
      const rels = await readRelationships(packageRels.stream());
      const main = rels.find((r) => r.Type.endsWith('/officeDocument'));
      if (main) workbookPath = resolvePartPath('', main.Target);
    }
    const folder = path.posix.dirname(workbookPath);
    const relsPath = path.posix.join(folder, '_rels', `${path.posix.basename(workbookPath)}.rels`);
    const workbookRels = part(relsPath);
    if (workbookRels) await this._parseRels(workbookRels.stream());
    const workbook = part(workbookPath);
    if (!workbook) throw new Error(`no workbook part (${workbookPath})`);
    await this._parseWorkbook(workbook.stream());

    const rels: Relationship[] = this.workbookRels ?? [];
    const target = (r: Relationship | undefined) => (r && r.TargetMode !== 'External' ? part(resolvePartPath(folder, r.Target)) : undefined);
    const sharedStrings = target(rels.find((r) => r.Type.endsWith('/sharedStrings'))) ?? part(`${folder}/sharedStrings.xml`);
    const styles = target(rels.find((r) => r.Type.endsWith('/styles'))) ?? part(`${folder}/styles.xml`);
    const sheets = ((this.model?.sheets ?? []) as SheetEntry[])
      .map((sheet) => ({ sheet, entry: target(rels.find((r) => r.Id === sheet.rId)) }))
      .filter((s): s is { sheet: SheetEntry; entry: ZipEntry } => s.entry !== undefined);

    // Progress is the share of the XML inflated so far, over the parts read for their cells.
    const cellParts = [sharedStrings, ...sheets.map((s) => s.entry)].filter((e): e is ZipEntry => e !== undefined);
    const total = cellParts.reduce((sum, e) => sum + e.uncompressedSize, 0) || 1;
    let read = 0;
    const onBytes = (n: number) => this.onFraction(Math.min(1, (read += n) / total));
    const textOf = (entry: ZipEntry) => utf8Text(countingBytes(entry.stream() as AsyncIterable<Buffer>, onBytes));

    // exceljs reads the shared strings from a stream's 'data' events.
    if (sharedStrings) yield* this._parseSharedStrings(Readable.from(textOf(sharedStrings)));
    if (styles) await this._parseStyles(styles.stream());
    // Positional sheet numbers as exceljs gives them when it finds no better name.
    let position = 0;
    for (const { sheet, entry } of sheets) {
      position++;
      for (const event of this._parseWorksheet(textOf(entry), String(position)) as Iterable<{ eventType: string; value: any }>) {
        event.value.id = sheet.id;
        event.value.name = sheet.name;
        event.value.state = sheet.state;
        yield event;
      }
    }
  }
}

/** Reads a relationships part with exceljs's parser (the package's own, which its reader skips). */
async function readRelationships(stream: NodeJS.ReadableStream): Promise<Relationship[]> {
  const reader = new WorkbookReader(null, {});
  await reader._parseRels(stream);
  return reader.workbookRels ?? [];
}

/** Rows handed to `onRows` at a time (and between two yields to the event loop). */
const ROWS_PER_HANDOVER = 2000;

/**
 * The reading itself, in this thread. `keepRows: false` hands the rows only to `onRows` (the worker, which posts
 * them on and need not hold a second copy); the sheets it returns then have no rows.
 */
export async function readXlsx(bytes: Buffer, fileName: string, hooks: ReadHooks, keepRows = true): Promise<SheetData[]> {
  let fraction = 0;
  const sheets: SheetData[] = [];
  let rowsRead = 0;
  let handedOver = 0;
  const handOver = () => {
    const sheet = sheets[sheets.length - 1];
    if (!sheet || !hooks.onRows || sheet.rows.length === handedOver) return;
    hooks.onRows(sheets.length - 1, sheet.name, sheet.rows.slice(handedOver));
    if (keepRows) handedOver = sheet.rows.length;
    else sheet.rows.length = handedOver = 0;
  };
  try {
    const reader = new DirectoryWorkbookReader(
      bytes,
      { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' },
      (f) => (fraction = f),
    );
    for await (const sheetReader of reader as unknown as AsyncIterable<unknown>) {
      const sheet: SheetData = { name: String((sheetReader as any).name ?? `Sheet${sheets.length + 1}`), rows: [] };
      sheets.push(sheet);
      handedOver = 0;
      let position = 0;
      for await (const row of sheetReader as AsyncIterable<{ number: number; values: unknown[] }>) {
        // Row numbers may skip empty rows; keep positions so "row 7" is Excel's row 7.
        while (position < row.number - 1) {
          sheet.rows.push([]);
          position++;
        }
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells: RawRow = new Array(values.length);
        for (let i = 0; i < values.length; i++) cells[i] = toRawCell(values[i]);
        while (cells.length && (cells[cells.length - 1] === null || cells[cells.length - 1] === undefined)) cells.pop();
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        sheet.rows.push(cells);
        position++;
        rowsRead++;
        if (rowsRead % ROWS_PER_HANDOVER === 0) {
          hooks.checkCancelled?.();
          handOver();
          hooks.onProgress?.(fraction, rowsRead);
          await yieldToEventLoop();
        }
      }
      handOver();
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'AppFailure') throw e;
    throw unreadableXlsx(fileName);
  }
  hooks.onProgress?.(1, rowsRead);
  return sheets;
}

/** What the clerk is told when a file is not a readable .xlsx. */
export const unreadableXlsx = (fileName: string) =>
  fail.validation(`Không đọc được tệp "${fileName}": tệp có thể bị hỏng hoặc không phải tệp Excel .xlsx. Hãy mở tệp trong Excel và lưu lại thành .xlsx.`);
