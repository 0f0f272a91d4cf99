// Benchmark: a 50,000-row messy .xlsx through the whole import (analyze, preview, commit) against exceljs just
// reading the same file, plus the longest time the event loop was blocked (what a progress poll would wait).
//   npx tsx db/services/imports/bench.ts [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { openDatabase, closeDatabase } from '../../open';
import { createDispatcher } from '../../dispatcher';
import { SYSTEM_CONTEXT } from '../../context';
import { createUnit } from '../units';

const LEVELS = ['Đại học', 'ThS', 'Thạc sĩ Quản lý công', 'Cao đẳng', 'Trung cấp', 'CN Luật', 'Tiến sĩ'];
const POLITICAL = ['CCLLCT', 'Trung cấp', 'Cao cấp LLCT', 'Sơ cấp', null];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Thạch', 'Lâm', 'Võ', 'Đặng', 'Bùi'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Quốc', 'Thanh', 'Ngọc', 'Hoàng'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Hồng', 'Khánh', 'Linh', 'Mai', 'Nam', 'Phúc', 'Sơn', 'Tâm', 'Uyên', 'Vy'];

export async function buildBenchWorkbook(rows: number, unitNames: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['DANH SÁCH CÁN BỘ, CÔNG CHỨC']);
  ws.mergeCells('A1:L1');
  ws.addRow(['STT', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc', 'Số CCCD', 'Đơn vị công tác', 'Chức vụ', 'Trình độ chuyên môn', 'Trình độ LLCT', 'Loại', 'Ngày vào Đảng']);
  for (let i = 0; i < rows; i++) {
    const y = 1965 + (i % 35);
    const birth = i % 3 === 0 ? new Date(Date.UTC(y, i % 12, 1 + (i % 28))) : i % 3 === 1 ? `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${y}` : y;
    ws.addRow([
      i + 1,
      `${FAMILY[i % 10]} ${MIDDLE[(i >> 2) % 7]} ${GIVEN[(i >> 5) % 14]} ${i}`,
      i % 2 ? 'Nam' : 'Nữ',
      birth,
      i % 7 === 0 ? 'Khmer' : 'Kinh',
      `0${String(94000000000 + i)}`,
      unitNames[i % unitNames.length],
      'Chuyên viên',
      LEVELS[i % LEVELS.length],
      POLITICAL[i % POLITICAL.length],
      i % 3 ? 'Công chức' : 'Viên chức',
      i % 4 === 0 ? `15/06/${y + 25}` : null,
    ]);
    if (i > 0 && i % 10000 === 0) ws.addRow([null, 'Cộng trang']);
  }
  ws.addRow([null, 'Tổng cộng']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main() {
  const rows = Number(process.argv[2] ?? 50_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-bench-'));
  const db = await openDatabase({ file: path.join(dir, 'bench.sqlite'), migrationsFolder: path.resolve(__dirname, '../../migrations') });
  const province = createUnit(db, { name: 'Tỉnh ủy Sóc Trăng', kind: 'dang', level: 'tinh', validFrom: '2000-01-01', ethnicContact: false }, SYSTEM_CONTEXT);
  const unitNames: string[] = [];
  for (let i = 1; i <= 40; i++) {
    const u = createUnit(db, { name: `Phòng nghiệp vụ số ${i}`, kind: 'chinh_quyen', level: 'tinh', parentId: province.id, validFrom: '2000-01-01', ethnicContact: false }, SYSTEM_CONTEXT);
    unitNames.push(u.name);
  }
  const t0 = Date.now();
  const bytes = await buildBenchWorkbook(rows, unitNames);
  console.log(`File: ${rows.toLocaleString('en')} rows, ${(bytes.length / 1e6).toFixed(1)} MB (built in ${Date.now() - t0} ms)`);

  let t = Date.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as any);
  const loadMs = Date.now() - t;
  t = Date.now();
  let streamed = 0;
  const reader = new (ExcelJS as any).stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
  for await (const sheet of reader) for await (const _row of sheet as AsyncIterable<unknown>) streamed++;
  const streamMs = Date.now() - t;
  console.log(`exceljs alone: workbook.xlsx.load ${loadMs} ms; streaming reader ${streamMs} ms (${streamed} rows)`);

  // The longest stretch the event loop could not answer anything (e.g. a progress poll).
  let last = Date.now();
  let worst = 0;
  const ticker = setInterval(() => {
    const now = Date.now();
    worst = Math.max(worst, now - last - 20);
    last = now;
  }, 20);
  const dispatch = createDispatcher(db);
  const call = async (name: string, input: unknown) => {
    const env = await dispatch(name, input, SYSTEM_CONTEXT);
    if (!env.ok) throw new Error(`${name}: ${env.error.message}`);
    return env.value as any;
  };
  const stepWorst: Record<string, number> = {};
  const timed = async <T>(label: string, f: () => Promise<T>): Promise<[T, number]> => {
    worst = 0;
    last = Date.now();
    const s = Date.now();
    const out = await f();
    // Let the ticker run once more, so a block at the very end of the step is counted too.
    await new Promise((r) => setTimeout(r, 60));
    stepWorst[label] = worst;
    return [out, Date.now() - s - 60];
  };
  const [a, analyzeMs] = await timed('analyze', () => call('imports.analyze', { jobId: 'bench-analyze', fileName: 'bench.xlsx', contentBase64: bytes.toString('base64') }));
  const [p, previewMs] = await timed('preview', () => call('imports.preview', { jobId: 'bench-preview', importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping: a.mapping }));
  const [c, commitMs] = await timed('commit', () => call('imports.commit', { jobId: 'bench-commit', importId: a.importId }));
  const [, undoMs] = await timed('undo', () => call('imports.undo', { importId: a.importId }));
  clearInterval(ticker);
  console.log(`Preview counts: ${JSON.stringify(p.counts)}; committed ${c.counts.new} new`);
  console.log(`Import: analyze ${analyzeMs} ms + preview ${previewMs} ms + commit ${commitMs} ms = ${analyzeMs + previewMs + commitMs} ms; undo ${undoMs} ms`);
  console.log(`Longest event-loop block: ${Object.entries(stepWorst).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
