// Reads a spreadsheet's bytes into rows of raw cells. .xlsx is parsed in a worker thread (read-in-worker.ts) with
// exceljs's streaming reader, which hands rows over while it inflates the file, so the process stays free to answer
// progress polls and a cancel, and to check the rows read so far; .csv is decoded as UTF-8 when it is valid UTF-8,
// else as Windows-1258 (Vietnamese ANSI).

import iconv from 'iconv-lite';
import { fail } from '../../../shared/api/envelope';
import type { RawCell, RawRow } from './parse';
import { undefuseFormula } from '../../../shared/domain/csv-formula';
import { readXlsxInWorker } from './read-in-worker';
import type { ReadHooks, SheetData } from './xlsx-read';

export type { ReadHooks, SheetData } from './xlsx-read';

export type FileKind = 'xlsx' | 'xls' | 'csv';

export function detectKind(bytes: Uint8Array, fileName: string): FileKind {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  if (/\.xlsx?$/i.test(fileName) && !/\.csv$/i.test(fileName)) {
    // An .xls name over HTML or text is what some old systems export as "Excel"; treat it as text only if it looks like CSV.
    const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1').toLowerCase();
    if (head.includes('<html') || head.includes('<table')) return 'xls';
  }
  return 'csv';
}

export async function readSpreadsheet(bytes: Buffer, fileName: string, hooks: ReadHooks = {}): Promise<SheetData[]> {
  const kind = detectKind(bytes, fileName);
  if (kind === 'xls') {
    throw fail.validation(
      `Tệp "${fileName}" là định dạng Excel cũ (.xls, Excel 97-2003) mà ứng dụng chưa đọc được. Hãy mở tệp trong Excel, chọn Tệp › Lưu thành › "Sổ làm việc Excel (*.xlsx)", rồi nhập tệp .xlsx đó.`,
    );
  }
  if (kind === 'csv') return [{ name: fileName.replace(/\.[^.]+$/, ''), rows: parseCsv(decodeText(bytes)) }];
  return readXlsxInWorker(bytes, fileName, hooks);
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise Windows-1258, the Vietnamese ANSI page. */
export function decodeText(bytes: Uint8Array): string {
  let b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  else if (b[0] === 0xff && b[1] === 0xfe) return Buffer.from(b.subarray(2)).toString('utf16le').normalize('NFC');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b).normalize('NFC');
  } catch {
    // Windows-1258 writes tones as combining marks; NFC puts them back on their letters.
    return iconv.decode(Buffer.from(b), 'windows-1258').normalize('NFC');
  }
}

/** RFC 4180 CSV with the delimiter guessed from the first lines (Excel in Vietnamese locale writes ";"). */
export function parseCsv(text: string): RawRow[] {
  const sample = text.slice(0, 5000);
  const count = (ch: string) => sample.split(ch).length - 1;
  const delim = [',', ';', '\t'].sort((a, b) => count(b) - count(a))[0];
  const rows: RawRow[] = [];
  let row: RawCell[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    // A cell written by our CSV export may carry its formula guard (an apostrophe before = + - @).
    const t = undefuseFormula(field);
    row.push(t === '' ? null : t);
    field = '';
  };
  const endRow = () => {
    endField();
    while (row.length && row[row.length - 1] === null) row.pop();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') (field += '"'), i++;
        else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delim) endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (text[i + 1] !== '\n') endRow();
    } else field += ch;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}
