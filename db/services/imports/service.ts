import { checkpointForCopy, copyDatabaseFile, createBackup } from '../backups';
// The import workflow against the database: stage the file's rows, preview them in chunks, commit all accepted
// rows in one transaction with one change batch, and undo a whole import as one step.

import type { AppDb } from '../../open';
import type { CallContext } from '../../context';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { CadreFields } from '../../../shared/api/cadres';
import type { Analysis, ImportCounts, ImportRowStatus } from '../../../shared/api/imports';
import { fail } from '../../../shared/api/envelope';
import { QUALIFICATION_CATEGORY_KEYS, type QualificationCategory } from '../../../shared/domain/codes';
import { addDays, formatVnDate, todayIso } from '../../../shared/domain/dates';
import { createBatch, writeAudit, type AuditEntry } from '../audit';
import { CADRE_COLUMNS } from '../cadres';
import { IMPORT_FIELDS_BY_TARGET } from './catalog';
import type { RotationApply } from './evaluate-rotation';
import type { QualificationApply } from './evaluate-qualification';
import { createEnrolments } from '../training/enrolments';
import { cellText, detectHeader, guessMapping, headerLabels, headerSignature, type RawRow } from './parse';
import { readSpreadsheet } from './read-file';
import { buildLookups, emptyCounts, RECORD_FIELDS, ROWS_PER_CHECK, RowChecker, type KeptRow, type StagedResult, type Stmt } from './row-checker';
import { checksEarly, dropEarlyCheck, earlyCheckKey, EarlyCheck, keepEarlyCheck, takeEarlyCheck } from './early-preview';
import type { RowApply, RowResult } from './evaluate';
import { checkCancelled, report, runJob } from './jobs';
import { yieldToEventLoop } from '../../event-loop';
import { inSlicedTransaction } from '../../write-gate';
import { createRotation, updateRotation } from '../rotations/rotations';
import { endRotation, startRotation } from '../rotations/lifecycle';
import { loadRotation, ROTATION_COLUMNS } from '../rotations/store';

const CHUNK = 500;
/** New records inserted together by the commit (multi-row statements). */
const CREATE_BATCH = 500;
/** Rows per multi-row insert (cadres: 256 x 22 parameters, within SQLite's 32,766). */
const ROWS_PER_INSERT = 256;
/** Rows written per transaction while staging and previewing: each commit is a flush to disk. */
const WRITE_CHUNK = 2500;

/**
 * Inserts rows of `width` parameters each, many per statement, with `literal` put in as a constant before
 * parameter number `at` (e.g. source = 'import'). Statements hold 256 rows, or a power of two for the rest, so
 * at most nine shapes per table are prepared (kept in `cache`). One statement per row cost ~3x more at scale: a
 * statement on a table with triggers (the cadre_changes marks) opens a statement journal and copies each page it
 * touches, once per row instead of once per 256 rows.
 */
function insertRows(db: AppDb, cache: Map<string, Stmt>, head: string, width: number, params: unknown[], literal?: string, at = -1): void {
  const rows = params.length / width;
  const one = `(${Array.from({ length: width }, (_, k) => (k === at && literal ? `${literal}, ?` : '?')).join(', ')})`;
  for (let r = 0; r < rows; ) {
    let n = ROWS_PER_INSERT;
    while (n > rows - r) n >>= 1;
    const sql = head + new Array(n).fill(one).join(', ');
    let st = cache.get(sql);
    if (!st) cache.set(sql, (st = db.sqlite.prepare(sql) as unknown as Stmt));
    st.run(params.slice(r * width, (r + n) * width));
    r += n;
  }
}

const TOP_ROWS = 40;

interface ImportRecord {
  id: number;
  target: string;
  fileName: string;
  sheetName: string | null;
  status: string;
  rowCount: number;
  headerStart: number | null;
  headerSpan: number | null;
  mapping: string | null;
  options: string | null;
  counts: string | null;
  batchId: number | null;
  actor: string;
  createdAt: string;
  committedAt: string | null;
}

function loadImport(db: AppDb, id: number): ImportRecord {
  const r = db.sqlite
    .prepare(`select id, target, file_name as fileName, sheet_name as sheetName, status, row_count as rowCount, header_start as headerStart,
              header_span as headerSpan, mapping, options, counts, batch_id as batchId, actor, created_at as createdAt, committed_at as committedAt
              from imports where id = ?`)
    .get(id) as ImportRecord | undefined;
  if (!r) throw fail.notFound('lần nhập dữ liệu');
  return r;
}

const fieldsOf = (target: string) => IMPORT_FIELDS_BY_TARGET[target] ?? IMPORT_FIELDS_BY_TARGET.cadres;
const fieldInfos = (target: string) => fieldsOf(target).map((f) => ({ key: f.key, label: f.label }));

function topRows(db: AppDb, importId: number): RawRow[] {
  const rows = db.sqlite.prepare('select row_no as n, cells from import_rows where import_id = ? and row_no <= ? order by row_no').all(importId, TOP_ROWS) as { n: number; cells: string }[];
  const out: RawRow[] = [];
  for (const r of rows) out[r.n - 1] = JSON.parse(r.cells);
  for (let i = 0; i < out.length; i++) out[i] ??= [];
  return out;
}

function savedMappingFor(db: AppDb, target: string, signature: string) {
  return db.sqlite.prepare('select id, name, header_span as headerSpan, mapping from import_mappings where target = ? and signature = ?').get(target, signature) as
    | { id: number; name: string; headerSpan: number; mapping: string }
    | undefined;
}

/** A cell as the clerk would see it in Excel: Excel dates as dd/mm/yyyy. */
const shownCell = (c: RawRow[number]) => {
  const t = cellText(c);
  return /^\d{4}-\d{2}-\d{2}$/.test(t) ? formatVnDate(t) : t;
};

/** The header's labels and the mapping proposed for them: a saved one if the header matches, else a guess. */
function proposeMapping(db: AppDb, target: string, top: RawRow[], start: number, span: 1 | 2) {
  const { labels, lower } = headerLabels(top, start, span);
  const width = Math.max(labels.length, ...top.slice(start + span, start + span + 10).map((r) => r.length));
  while (labels.length < width) labels.push('');
  while (lower.length < width) lower.push('');
  const signature = headerSignature(labels);
  const found = savedMappingFor(db, target, signature);
  const saved = found && found.headerSpan === span ? found : undefined;
  let mapping = guessMapping(labels, lower, fieldsOf(target)).mapping;
  if (saved) {
    const m = JSON.parse(saved.mapping) as (string | null)[];
    mapping = labels.map((_, i) => m[i] ?? null);
  }
  return { labels, mapping, saved, signature };
}

/** The analysis answer for a header position: labels, samples and the mapping (a saved one if the header matches). */
function describe(db: AppDb, rec: ImportRecord, sheets: { name: string; rowCount: number }[], start: number, span: 1 | 2, guessed: boolean): Analysis {
  const rows = topRows(db, rec.id);
  const { labels, mapping, saved } = proposeMapping(db, rec.target, rows, start, span);
  const data = rows.slice(start + span);
  const columns = labels.map((label, index) => ({
    index,
    label,
    samples: data.map((r) => shownCell(r[index])).filter(Boolean).slice(0, 3),
  }));
  db.sqlite.prepare('update imports set header_start = ?, header_span = ?, mapping = ? where id = ?').run(start, span, JSON.stringify(mapping), rec.id);
  return {
    importId: rec.id,
    fileName: rec.fileName,
    sheets,
    sheetName: rec.sheetName ?? '',
    rowCount: rec.rowCount,
    headerStart: start,
    headerSpan: span,
    columns,
    mapping,
    savedMapping: saved ? { id: saved.id, name: saved.name } : null,
    fields: fieldInfos(rec.target),
    topRows: rows.slice(0, 15).map((r) => r.map((c) => shownCell(c))),
    headerGuessed: guessed,
  };
}

/** Drops the staged rows of imports that were never committed and are more than a day old. */
function pruneStale(db: AppDb): void {
  db.sqlite.prepare(`delete from import_rows where import_id in (select id from imports where status in ('analyzed', 'previewed', 'cancelled') and created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day'))`).run();
}

export async function analyzeImport(db: AppDb, input: ParsedInput<'imports.analyze'>, ctx: CallContext): Promise<Analysis> {
  return runJob(input.jobId, 'reading', async () => {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) throw fail.validation('Tệp rỗng.');
    const early = new EarlyStart(db, input.target, input.sheetName);
    // An analysis that fails or is cancelled stops its early check.
    return stopOnFailure(early, async () => {
      const sheets = await readSpreadsheet(bytes, input.fileName, {
        onProgress: (f) => report(input.jobId, 'reading', Math.round(f * 100), 100),
        checkCancelled: () => checkCancelled(input.jobId),
        onRows: (i, name, rows) => early.rowsRead(i, name, rows),
      });
      early.readDone();
      const nonEmpty = (s: { rows: RawRow[] }) => s.rows.filter((r) => r.some((c) => cellText(c))).length;
      const sheetInfos = sheets.map((s) => ({ name: s.name, rowCount: nonEmpty(s) }));
      let sheet = input.sheetName ? sheets.find((s) => s.name === input.sheetName) : undefined;
      if (input.sheetName && !sheet) throw fail.validation(`Tệp không có trang tính "${input.sheetName}".`);
      // Prefer the first sheet whose header we recognise, else the first with data.
      sheet ??= sheets.find((s) => detectHeader(s.rows, fieldsOf(input.target))) ?? sheets.find((s) => nonEmpty(s) > 0);
      if (!sheet) throw fail.validation(`Tệp "${input.fileName}" không có dữ liệu.`);
      checkCancelled(input.jobId);
      pruneStale(db);
      const importId = Number(
        db.sqlite.prepare(`insert into imports (target, file_name, sheet_name, status, row_count, actor) values (?, ?, ?, 'analyzed', ?, ?)`).run(input.target, input.fileName, sheet.name, sheet.rows.length, ctx.actor).lastInsertRowid,
      );
      // Only the top rows are staged (the header choice and the saved mapping read them); the preview writes every
      // row with its result, from the rows kept in memory. Staging 50,000 rows here only to read them back a moment
      // later cost a second at scale.
      const insert = db.sqlite.prepare('insert into import_rows (import_id, row_no, cells) values (?, ?, ?)');
      try {
        checkCancelled(input.jobId);
        const top = sheet.rows.slice(0, TOP_ROWS);
        db.sqlite.transaction(() => top.forEach((r, k) => insert.run(importId, k + 1, JSON.stringify(r))))();
      } catch (e) {
        db.sqlite.prepare('delete from import_rows where import_id = ?').run(importId);
        db.sqlite.prepare(`update imports set status = 'cancelled' where id = ?`).run(importId);
        throw e;
      }
      keepSheet(db, importId, sheet.rows);
      const guess = detectHeader(sheet.rows, fieldsOf(input.target));
      const analysis = describe(db, loadImport(db, importId), sheetInfos, guess?.start ?? 0, guess?.span ?? 1, !!guess);
      // The check started on this sheet with this header and mapping goes on for the preview; any other is no use.
      const check = early.check;
      if (check && sheet === sheets[early.sheetIndex] && guess && check.key === earlyCheckKey(analysis.headerStart, analysis.headerSpan, analysis.mapping, null)) keepEarlyCheck(db, importId, check);
      else check?.stop();
      return analysis;
    });
  });
}

async function stopOnFailure<T>(early: EarlyStart, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    early.stop();
    throw e;
  }
}

/**
 * Starts the early check (early-preview.ts) while the file is read: on the sheet the analysis will choose (the one
 * named, else the first, when its header is recognised), once its first rows are in, with the header and mapping
 * the analysis will propose.
 */
class EarlyStart {
  check: EarlyCheck | null = null;
  sheetIndex = -1;
  private decided: boolean;
  private readonly rows: RawRow[] = [];

  constructor(
    private readonly db: AppDb,
    private readonly target: string,
    private readonly sheetName: string | undefined,
  ) {
    this.decided = !checksEarly(target);
  }

  rowsRead(index: number, name: string, rows: RawRow[]): void {
    if (this.sheetIndex < 0 && (this.sheetName ? name === this.sheetName : index === 0)) this.sheetIndex = index;
    if (index !== this.sheetIndex) {
      // The chosen sheet ended before its first TOP_ROWS rows were in.
      if (this.sheetIndex >= 0 && index > this.sheetIndex) this.readDone();
      return;
    }
    if (this.decided && !this.check) return;
    for (const r of rows) this.rows.push(r);
    if (!this.decided && this.rows.length >= TOP_ROWS) this.decide();
    this.check?.moreRows();
  }

  readDone(): void {
    if (!this.decided && this.sheetIndex >= 0) this.decide();
    this.decided = true;
    this.check?.endOfRows();
  }

  stop(): void {
    this.decided = true;
    this.check?.stop();
  }

  private decide(): void {
    this.decided = true;
    const top = this.rows.slice(0, TOP_ROWS);
    const guess = detectHeader(top, fieldsOf(this.target));
    if (!guess) return;
    const { mapping, signature } = proposeMapping(this.db, this.target, top, guess.start, guess.span);
    if (!mapping.includes('fullName')) return;
    const settings = { target: this.target, mapping, headerSignature: signature, defaultCategory: null, courseId: null, overrideReason: null };
    this.check = new EarlyCheck(this.db, settings, guess.start, guess.span, this.rows);
  }
}

/**
 * The rows just read, kept in memory for the preview that follows, so it does not read back and parse 50,000
 * staged rows; the staged copy in import_rows is what a preview after a restart reads. Two imports per database.
 */
const keptSheets = new WeakMap<AppDb, Map<number, RawRow[]>>();
function keepSheet(db: AppDb, importId: number, rows: RawRow[]): void {
  let m = keptSheets.get(db);
  if (!m) keptSheets.set(db, (m = new Map()));
  m.set(importId, rows);
  for (const k of m.keys()) if (m.size > 2) m.delete(k);
}
const keptSheet = (db: AppDb, importId: number) => keptSheets.get(db)?.get(importId);
/** Likewise what the last preview would apply per accepted row, so the commit does not parse it back from JSON. */
const keptApplies = new WeakMap<AppDb, Map<number, Map<number, KeptRow>>>();
function keepApplies(db: AppDb, importId: number, applies: Map<number, KeptRow> | null): void {
  let m = keptApplies.get(db);
  if (!m) keptApplies.set(db, (m = new Map()));
  m.delete(importId);
  if (!applies) return;
  m.set(importId, applies);
  for (const k of m.keys()) if (m.size > 2) m.delete(k);
}
const dropSheet = (db: AppDb, importId: number) => keptSheets.get(db)?.delete(importId);

export function changeHeader(db: AppDb, input: ParsedInput<'imports.header'>): Analysis {
  const rec = loadImport(db, input.importId);
  dropEarlyCheck(db, rec.id);
  if (rec.status !== 'analyzed' && rec.status !== 'previewed') throw fail.validation('Lần nhập này đã ghi hoặc đã huỷ; hãy chọn lại tệp.');
  if (input.headerStart >= Math.min(rec.rowCount, TOP_ROWS)) throw fail.validation(`Dòng tiêu đề phải nằm trong ${TOP_ROWS} dòng đầu của trang tính.`);
  return describe(db, rec, [{ name: rec.sheetName ?? '', rowCount: rec.rowCount }], input.headerStart, input.headerSpan as 1 | 2, true);
}

// ---- Preview ----------------------------------------------------------------------------------------------------

export async function previewImport(db: AppDb, input: ParsedInput<'imports.preview'>): Promise<CallOutput<'imports.preview'>> {
  return runJob(input.jobId, 'previewing', async () => {
    const rec = loadImport(db, input.importId);
    // Taken whatever happens next: a check serves one preview, and any later one checks the rows itself.
    const early = takeEarlyCheck(db, rec.id);
    try {
      return await previewRows(db, input, rec, early);
    } finally {
      early?.stop();
    }
  });
}

async function previewRows(db: AppDb, input: ParsedInput<'imports.preview'>, rec: ImportRecord, early: EarlyCheck | undefined): Promise<CallOutput<'imports.preview'>> {
  if (rec.status !== 'analyzed' && rec.status !== 'previewed') throw fail.validation('Lần nhập này đã ghi hoặc đã huỷ; hãy chọn lại tệp.');
  const mapping = input.mapping;
  const used = mapping.filter(Boolean) as string[];
  const twice = used.find((f, i) => f !== 'rowNo' && used.indexOf(f) !== i);
  if (twice) throw fail.validation(`Trường "${fieldsOf(rec.target).find((f) => f.key === twice)?.label ?? twice}" được ghép với hai cột; mỗi trường chỉ ghép một cột.`);
  if (!used.includes('fullName')) throw fail.validation('Chưa chọn cột "Họ và tên": đây là cột bắt buộc.');
  const courseId = input.options.courseId;
  if (rec.target === 'enrolments') {
    if (!courseId) throw fail.validation('Hãy chọn khoá đào tạo, bồi dưỡng mà danh sách này ghi danh vào.', { courseId: 'Hãy chọn khoá học.' });
    const course = db.sqlite.prepare('select name, deleted_at as d from training_courses where id = ?').get(courseId) as { name: string; d: string | null } | undefined;
    if (!course || course.d) throw fail.validation('Khoá học đã chọn không còn tồn tại.', { courseId: 'Khoá học không còn tồn tại.' });
    if (input.options.enrolmentStatus === 'nominated' && !input.options.decisionNo) throw fail.validation('Cần số quyết định cử đi học.', { decisionNo: 'Cần số quyết định cử đi học.' });
  }
  const top = topRows(db, rec.id);
  const signature = headerSignature(headerLabels(top, input.headerStart, input.headerSpan as 1 | 2).labels);
  const kept = keptSheet(db, rec.id);
  // The rows the analysis already checked with this very header, mapping and default category, if still valid.
  const wanted = earlyCheckKey(input.headerStart, input.headerSpan, mapping, input.options.defaultCategory);
  const checked = kept && early?.key === wanted ? await early.result(input.jobId) : null;
  const checker =
    checked ??
    new RowChecker(
      db,
      { target: rec.target, mapping, headerSignature: signature, defaultCategory: input.options.defaultCategory, courseId: courseId ?? null, overrideReason: input.options.overrideReason ?? null },
      await buildLookups(db, input.jobId),
    );
  db.sqlite
    // 'previewed' only once every row has its result: a cancelled preview cannot be committed half done.
    .prepare(`update imports set header_start = ?, header_span = ?, mapping = ?, options = ?, status = 'analyzed' where id = ?`)
    .run(input.headerStart, input.headerSpan, JSON.stringify(mapping), JSON.stringify(input.options), rec.id);

  const select = db.sqlite.prepare('select row_no as rowNo, cells from import_rows where import_id = ? and row_no > ? order by row_no limit ?');
  const update = db.sqlite.prepare('update import_rows set status = ?, result = ?, match_id = ?, match_version = ? where import_id = ? and row_no = ?');
  // Rows below the staged top ones are inserted with their result; cells '' marks "not kept here".
  if (kept) db.sqlite.prepare('delete from import_rows where import_id = ? and row_no > ?').run(rec.id, TOP_ROWS);
  else {
    // Imports analysed before the rows were kept in memory have every row staged; others must read the file again.
    const staged = db.sqlite.prepare(`select count(*) as n, sum(cells = '') as blank from import_rows where import_id = ?`).get(rec.id) as { n: number; blank: number | null };
    if (staged.n < rec.rowCount || (staged.blank ?? 0) > 0) {
      throw fail.validation('Tệp đã đọc không còn trong bộ nhớ (ứng dụng vừa khởi động lại hoặc đã đọc nhiều tệp khác); hãy chọn lại tệp để nhập.');
    }
  }
  keepApplies(db, rec.id, null);
  /** The next rows after row `after` (1-based numbers), from memory when the analysis is still there. */
  const nextChunk = (after: number): { rowNo: number; cells: RawRow }[] =>
    kept
      ? kept.slice(after, after + ROWS_PER_CHECK).map((cells, k) => ({ rowNo: after + k + 1, cells }))
      : (select.all(rec.id, after, ROWS_PER_CHECK) as { rowNo: number; cells: string }[]).map((r) => ({ rowNo: r.rowNo, cells: JSON.parse(r.cells) as RawRow }));
  const firstData = input.headerStart + input.headerSpan; // 0-based index of the first data row = its row_no - 1
  db.sqlite.prepare(`update import_rows set status = 'raw', result = null, match_id = null, match_version = null where import_id = ? and row_no <= ?`).run(rec.id, firstData);
  // No checkpoint after each chunk of results (each would copy the WAL into the file and flush it): they stay
  // in the WAL until the next checkpoint (at the latest, the commit's, before its backup copy).
  const resumeCheckpoints = pauseAutoCheckpoint(db);
  try {
    const total = Math.max(0, rec.rowCount - firstData);
    const inserts = new Map<string, Stmt>();
    // Results are staged in fewer, larger transactions than the chunks they are checked in.
    const stage = (batch: StagedResult[]) => {
      if (batch.length === 0) return;
      const params: unknown[] = [];
      // The staged results are re-made by previewing again: these transactions skip the flush to disk (the
      // WAL stays consistent, only a power cut could lose them); the final 'previewed' below is flushed with them.
      const sync = db.sqlite.pragma('synchronous', { simple: true }) as number;
      db.sqlite.pragma('synchronous = NORMAL');
      try {
        db.sqlite.transaction(() => {
          for (const r of batch) {
            if (kept && r.rowNo > TOP_ROWS) params.push(rec.id, r.rowNo, r.status, r.result, r.matchId, r.matchVersion);
            else update.run(r.status, r.result, r.matchId, r.matchVersion, rec.id, r.rowNo);
          }
          insertRows(db, inserts, `insert into import_rows (import_id, row_no, cells, status, result, match_id, match_version) values `, 6, params, `''`, 2);
        })();
      } finally {
        db.sqlite.pragma(`synchronous = ${sync}`);
      }
    };
    if (checked) {
      // Checked already: staged in slices, so the process keeps answering.
      const all = checked.takeStaged();
      for (let i = 0; i < all.length; i += WRITE_CHUNK) {
        checkCancelled(input.jobId);
        stage(all.slice(i, i + WRITE_CHUNK));
        await yieldToEventLoop();
      }
    } else {
      let after = firstData;
      for (;;) {
        checkCancelled(input.jobId);
        const chunk = nextChunk(after);
        if (chunk.length === 0) break;
        checker.check(chunk);
        stage(checker.takeStaged(WRITE_CHUNK));
        after = chunk[chunk.length - 1].rowNo;
        report(input.jobId, 'previewing', after - firstData, total);
        await yieldToEventLoop();
      }
      stage(checker.takeStaged());
    }
    db.sqlite.prepare(`update imports set counts = ?, status = 'previewed' where id = ?`).run(JSON.stringify(checker.counts), rec.id);
  } finally {
    resumeCheckpoints();
  }
  keepApplies(db, rec.id, checker.applies);
  return {
    importId: rec.id,
    counts: checker.counts,
    unknownUnits: [...checker.unknownUnits].map(([name, rows]) => ({ name, rows })).sort((a, b) => b.rows - a.rows),
  };
}

/** Previews under way per database, and the auto-checkpoint setting they paused (two windows may preview at once). */
const checkpointPauses = new WeakMap<AppDb, { depth: number; saved: number }>();
function pauseAutoCheckpoint(db: AppDb): () => void {
  let p = checkpointPauses.get(db);
  if (!p) {
    checkpointPauses.set(db, (p = { depth: 0, saved: db.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number }));
    db.sqlite.pragma('wal_autocheckpoint = 0');
  }
  p.depth++;
  const pause = p;
  let resumed = false;
  return () => {
    if (resumed) return;
    resumed = true;
    if (--pause.depth === 0) {
      checkpointPauses.delete(db);
      db.sqlite.pragma(`wal_autocheckpoint = ${pause.saved}`);
    }
  };
}

export function listImportRows(db: AppDb, input: ParsedInput<'imports.rows'>): CallOutput<'imports.rows'> {
  loadImport(db, input.importId);
  const where = input.status ? 'and status = ?' : `and status <> 'raw'`;
  const params: unknown[] = input.status ? [input.importId, input.status] : [input.importId];
  const total = (db.sqlite.prepare(`select count(*) as n from import_rows where import_id = ? ${where}`).get(...params) as { n: number }).n;
  const rows = db.sqlite
    .prepare(`select row_no as rowNo, status, result, match_id as matchId from import_rows where import_id = ? ${where} order by row_no limit ? offset ?`)
    .all(...params, input.limit, input.offset) as { rowNo: number; status: ImportRowStatus; result: string | null; matchId: number | null }[];
  return {
    total,
    rows: rows.map((r) => {
      const res = r.result ? (JSON.parse(r.result) as Omit<RowResult, 'status' | 'dupKeys' | 'matchId' | 'matchVersion'>) : { values: {}, messages: [], changes: [] };
      return { rowNo: r.rowNo, status: r.status, values: res.values, messages: res.messages, changes: res.changes, matchId: r.matchId };
    }),
  };
}

// ---- Commit -----------------------------------------------------------------------------------------------------

const COLS = RECORD_FIELDS.map((f) => CADRE_COLUMNS[f]);

export async function commitImport(db: AppDb, input: ParsedInput<'imports.commit'>, ctx: CallContext): Promise<CallOutput<'imports.commit'>> {
  return runJob(input.jobId, 'committing', async () => {
    // A bulk import is one of the moments a backup is taken first: a copy of the database file as it is when the
    // transaction begins, made by the OS while the import writes (to the WAL only), awaited before COMMIT.
    let copyFrom: number | null = null;
    const beforeBegin = async () => {
      if (db.file === ':memory:') return;
      copyFrom = checkpointForCopy(db);
      // A reader held WAL frames back from the file: the consistent copy through SQLite, before writing.
      if (copyFrom === null) await createBackup(db, 'pre_import');
    };
    // One transaction, worked in slices so the process keeps answering (progress, cancel); other writes wait.
    const out = await inSlicedTransaction(db, async () => {
      const backup = copyFrom !== null ? copyDatabaseFile(db, 'pre_import', copyFrom) : null;
      // Never left unobserved: a failed copy fails the commit below, and must not also be an unhandled rejection.
      backup?.catch(() => undefined);
      try {
        const result = await (async () => {
          // Checked inside the transaction: nothing can change between the check and the writes.
          const rec = loadImport(db, input.importId);
          if (rec.status === 'committed') throw fail.validation('Lần nhập này đã được ghi rồi.');
          if (rec.status !== 'previewed') throw fail.validation('Hãy xem trước dữ liệu trước khi ghi.');
          const kept = keptApplies.get(db)?.get(rec.id);
          // The accepted rows as the last preview left them: in memory (in file order), else from import_rows.
          const rows: { rowNo: number; status: 'new' | 'update'; result: string | null; matchId: number | null; matchVersion: number | null }[] = kept
            ? Array.from(kept, ([rowNo, k]) => ({ rowNo, status: k.status, result: null, matchId: k.matchId, matchVersion: k.matchVersion }))
            : (db.sqlite
                .prepare(`select row_no as rowNo, status, result, match_id as matchId, match_version as matchVersion from import_rows where import_id = ? and status in ('new', 'update') order by row_no`)
                .all(rec.id) as { rowNo: number; status: 'new' | 'update'; result: string | null; matchId: number | null; matchVersion: number | null }[]);
          const applyOf = <T>(r: { rowNo: number; result: string | null }): T => (kept ? (kept.get(r.rowNo)!.apply as T) : (JSON.parse(r.result!) as { apply: T }).apply);
          if (rows.length === 0) throw fail.validation('Không có dòng nào để thêm hoặc cập nhật.');
          // A record edited after the preview could be overwritten with stale values: ask for a fresh preview.
          const versionOf = db.sqlite.prepare('select version, deleted_at as deletedAt from cadres where id = ?');
          const rotationVersion = db.sqlite.prepare('select version, deleted_at as deletedAt from rotations where id = ?');
          const stale = rows.filter((r) => {
            if (rec.target === 'rotations' || rec.target === 'qualifications') {
              if (rec.target === 'rotations' && r.status === 'update') {
                const a = applyOf<RotationApply & { kind: 'update' }>(r);
                const v = rotationVersion.get(a.id) as { version: number; deletedAt: string | null } | undefined;
                if (!v || v.deletedAt || v.version !== a.version) return true;
              }
              if (!r.matchId) return false;
              const v = versionOf.get(r.matchId) as { deletedAt: string | null } | undefined;
              return !v || !!v.deletedAt;
            }
            if (rec.target === 'enrolments') {
              const v = versionOf.get(r.matchId) as { deletedAt: string | null } | undefined;
              return !v || !!v.deletedAt;
            }
            if (r.status !== 'update') return false;
            const v = versionOf.get(r.matchId) as { version: number; deletedAt: string | null } | undefined;
            return !v || v.deletedAt || v.version !== r.matchVersion;
          });
          if (stale.length) {
            throw fail.validation(`${stale.length} hồ sơ (dòng ${stale.slice(0, 5).map((r) => r.rowNo).join(', ')}${stale.length > 5 ? '…' : ''}) đã được sửa sau khi xem trước. Hãy bấm "Xem trước" lại rồi ghi.`);
          }
          const news = rows.filter((r) => r.status === 'new').length;
          const updates = rows.length - news;
          const description =
            rec.target === 'enrolments'
              ? `Nhập danh sách học viên từ Excel: ${rec.fileName} (${rows.length} người)`
              : rec.target === 'rotations'
                ? `Nhập danh sách luân chuyển từ Excel: ${rec.fileName} (${news} đợt thêm mới, ${updates} đợt cập nhật)`
                : rec.target === 'qualifications'
                  ? `Nhập văn bằng, chứng chỉ từ Excel: ${rec.fileName} (${news} văn bằng thêm mới, ${updates} văn bằng bổ sung thông tin)`
                  : `Nhập từ Excel: ${rec.fileName} (${news} thêm mới, ${updates} cập nhật)`;
          const batchId = createBatch(db, ctx, 'import', description);
          const w = new CommitWriter(db, ctx, rec.id, batchId);
          const tick = async (i: number) => {
            if (i % CHUNK !== CHUNK - 1) return;
            report(input.jobId, 'committing', i + 1, rows.length);
            checkCancelled(input.jobId);
            await yieldToEventLoop();
          };
          if (rec.target === 'enrolments') w.enrol(rows.map((r) => r.matchId!), JSON.parse(rec.options ?? '{}'));
          else if (rec.target === 'rotations') await w.rotations(rows.map((r) => ({ rowNo: r.rowNo, apply: applyOf<RotationApply>(r) })), tick);
          else if (rec.target === 'qualifications') {
            const created = new Map<number, number>();
            for (let i = 0; i < rows.length; i++) {
              w.qualification(rows[i].rowNo, applyOf<QualificationApply>(rows[i]), created);
              await tick(i);
            }
          } else {
            for (let i = 0; i < rows.length; i++) {
              const r = rows[i];
              const apply = applyOf<RowApply>(r);
              if (r.status === 'new') w.createLater(apply);
              else w.update(r.matchId!, apply);
              if (i % CHUNK === CHUNK - 1) {
                report(input.jobId, 'committing', i + 1, rows.length);
                // Cancel still works here: throwing rolls the whole transaction back.
                checkCancelled(input.jobId);
                await yieldToEventLoop();
              }
            }
          }
          await w.finish();
          db.sqlite
            .prepare(`update imports set status = 'committed', batch_id = ?, committed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`)
            .run(batchId, rec.id);
          if (input.saveMappingAs) saveMapping(db, ctx, rec, input.saveMappingAs);
          return { batchId, counts: JSON.parse(rec.counts ?? 'null') as ImportCounts | null, importId: rec.id };
        })();
        // No import is committed without its backup.
        await backup;
        return result;
      } finally {
        // The copy must end while the transaction keeps the file as it was, even when the commit fails.
        await backup?.catch(() => undefined);
      }
    }, { beforeBegin });
    // The raw cells served the preview; the results stay for the summary and the report, the cells need not.
    dropSheet(db, out.importId);
    keepApplies(db, out.importId, null);
    dropEarlyCheck(db, out.importId);
    // Rows the preview wrote from memory hold no cells (''): only rows staged whole are rewritten.
    db.sqlite.prepare(`update import_rows set cells = '[]' where import_id = ? and row_no > ? and cells <> '' and cells <> '[]'`).run(out.importId, TOP_ROWS);
    const reasons = db.sqlite
      .prepare(`select status, result from import_rows where import_id = ? and status in ('skipped', 'error', 'duplicate')`)
      .all(out.importId) as { status: string; result: string }[];
    const byReason = new Map<string, number>();
    for (const r of reasons) {
      const first = (JSON.parse(r.result) as { messages: { message: string }[] }).messages[0]?.message ?? '';
      const reason = r.status === 'skipped' ? first : r.status === 'duplicate' ? 'Trùng với một dòng khác trong tệp' : 'Có ô không đọc được (xem chi tiết từng dòng)';
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    return {
      importId: out.importId,
      batchId: out.batchId,
      counts: out.counts ?? emptyCounts(),
      skippedReasons: [...byReason].map(([reason, n]) => ({ reason, rows: n })),
    };
  });
}

function saveMapping(db: AppDb, ctx: CallContext, rec: ImportRecord, name: string): void {
  const fresh = loadImport(db, rec.id);
  const top = topRows(db, rec.id);
  const signature = headerSignature(headerLabels(top, fresh.headerStart ?? 0, (fresh.headerSpan ?? 1) as 1 | 2).labels);
  db.sqlite
    .prepare(`insert into import_mappings (target, name, signature, header_span, mapping, options, actor) values (?, ?, ?, ?, ?, ?, ?)
              on conflict (target, signature) do update set name = excluded.name, header_span = excluded.header_span, mapping = excluded.mapping,
              options = excluded.options, actor = excluded.actor, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`)
    .run(fresh.target, name, signature, fresh.headerSpan ?? 1, fresh.mapping ?? '[]', fresh.options ?? '{}', ctx.actor);
}

/** As writeAudit stores a value: text as it is, anything else as JSON. */
const auditText = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The 'create' audit row of records the import inserted, built from the inserted rows: new_value holds what
 * writeAudit would have written (a cadre's non-empty fields; a post's unit, title and start; a diploma's level,
 * with its certificate number and note when given).
 */
const CREATED_AUDIT_SQL: Record<string, string> = {
  // The non-empty fields as one JSON object: the same text json_patch('{}', json_object(...)) gives (checked on
  // every sample cadre, escapes and reals included), at about half the cost.
  cadre: `insert into audit_log (at, actor, action, entity, entity_id, cadre_id, new_value, batch_id)
          select ?, ?, 'create', 'cadre', id, id,
                 '{' || concat_ws(',', ${Object.entries(CADRE_COLUMNS).map(([k, c]) => `iif(${c} is null, null, '"${k}":' || json_quote(${c}))`).join(', ')}) || '}', ?
          from cadres where id between ? and ? order by id`,
  assignment: `insert into audit_log (at, actor, action, entity, entity_id, cadre_id, new_value, batch_id)
               select ?, ?, 'create', 'assignment', id, cadre_id, json_object('unitId', unit_id, 'postTitle', post_title, 'fromDate', from_date), ?
               from assignments where id between ? and ? order by id`,
  // json_patch only when there is a certificate number or a note to add (most diplomas have neither).
  qualification: `insert into audit_log (at, actor, action, entity, entity_id, cadre_id, new_value, batch_id)
                  select ?, ?, 'create', 'qualification', id, cadre_id,
                         case when nullif(certificate_no, '') is null and nullif(note, '') is null
                              then json_object('category', category, 'levelKey', level_key, 'field', field, 'institution', institution, 'awardDate', award_date)
                              else json_patch(json_object('category', category, 'levelKey', level_key, 'field', field, 'institution', institution, 'awardDate', award_date),
                                              json_object('certificateNo', nullif(certificate_no, ''), 'note', nullif(note, ''))) end, ?
                  from qualifications where id between ? and ? order by id`,
};

/** Writes the accepted rows, their audit rows and the undo list; used inside the commit's transaction. */
class CommitWriter {
  private audit: AuditEntry[] = [];
  private readonly today = todayIso();
  private readonly insertCadre;
  private readonly insertAssignment;
  private readonly insertQualification;
  private readonly insertEffect;
  private readonly insertRun;
  private readonly insertAudit;
  private readonly now;
  /** Per entity, the run of consecutive ids created so far and not yet recorded. */
  private runs = new Map<string, { lo: number; hi: number; cadreId: number }>();

  constructor(private db: AppDb, private ctx: CallContext, private importId: number, private batchId: number) {
    const s = db.sqlite;
    // Positional parameters: binding ~30 named ones per row costs a property lookup each.
    this.insertCadre = s.prepare(`insert into cadres (${COLS.join(', ')}) values (${RECORD_FIELDS.map(() => '?').join(', ')})`);
    this.insertAudit = s.prepare(
      `insert into audit_log (at, actor, action, entity, entity_id, cadre_id, field, old_value, new_value, batch_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.now = s.prepare(`select strftime('%Y-%m-%dT%H:%M:%fZ','now') as at`).pluck();
    this.insertAssignment = s.prepare(`insert into assignments (cadre_id, unit_id, post_title, from_date, source, source_ref) values (?, ?, ?, ?, 'import', ?)`);
    this.insertQualification = s.prepare(
      `insert into qualifications (cadre_id, category, level_key, field, institution, award_date, certificate_no, note, source, source_ref) values (?, ?, ?, ?, ?, ?, ?, ?, 'import', ?)`,
    );
    this.insertEffect = s.prepare('insert into import_effects (import_id, entity, entity_id, cadre_id, action, before) values (?, ?, ?, ?, ?, ?)');
    this.insertRun = s.prepare(`insert into import_effects (import_id, entity, entity_id, entity_id_to, cadre_id, action) values (?, ?, ?, ?, ?, 'create')`);
  }

  /**
   * Created records not yet in the audit log, as runs of ids per entity. Their audit rows are built by SQLite from
   * the rows just inserted (insert ... select, values as JSON), not one JSON.stringify and one statement per
   * record in JS: the same rows, each naming its record and the import's batch, for a fraction of the cost.
   * Written at every flush (each ~500 records), before anything later in the import could change those records.
   */
  private createdRuns = new Map<string, { lo: number; hi: number }[]>();
  private createdPending = 0;

  private auditCreated(entity: 'cadre' | 'assignment' | 'qualification', id: number) {
    let list = this.createdRuns.get(entity);
    if (!list) this.createdRuns.set(entity, (list = []));
    const last = list[list.length - 1];
    if (last && last.hi + 1 === id) last.hi = id;
    else list.push({ lo: id, hi: id });
    this.createdPending++;
  }

  private flushCreatedAudit(at: string) {
    for (const [entity, list] of this.createdRuns) {
      const st = this.stmt(CREATED_AUDIT_SQL[entity]);
      for (const r of list) st.run(at, this.ctx.actor, this.batchId, r.lo, r.hi);
    }
    this.createdRuns.clear();
    this.createdPending = 0;
  }

  private statements = new Map<string, Stmt>();
  /** Updates come in a few shapes repeated per row: prepare each shape once. */
  private stmt(sql: string): Stmt {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.sqlite.prepare(sql) as unknown as Stmt));
    return st;
  }

  /**
   * A record this writer inserted. Inside the commit's transaction nobody else writes, so what it inserts into a
   * table gets consecutive ids: a run of them is one effect row, not 50,000.
   */
  private created(entity: string, id: number, cadreId: number) {
    const r = this.runs.get(entity);
    if (r && id === r.hi + 1) {
      r.hi = id;
      return;
    }
    if (r) this.insertRun.run(this.importId, entity, r.lo, r.hi === r.lo ? null : r.hi, r.cadreId);
    this.runs.set(entity, { lo: id, hi: id, cadreId });
  }

  private flushRuns() {
    for (const [entity, r] of this.runs) this.insertRun.run(this.importId, entity, r.lo, r.hi === r.lo ? null : r.hi, r.cadreId);
    this.runs.clear();
  }

  private effect(entity: string, entityId: number, cadreId: number, action: 'create' | 'update', before: Record<string, unknown> | null = null) {
    this.insertEffect.run(this.importId, entity, entityId, cadreId, action, before ? JSON.stringify(before) : null);
  }

  /**
   * The same rows writeAudit writes, with one cached statement and the time read once per flush: the column's
   * default evaluates strftime per row, a quarter of the cost of ~200,000 audit rows. Same format, same clock.
   */
  private flushAudit() {
    // Created records' audit rows are built from the inserted rows: insert the waiting ones first.
    this.flushCreates();
    if (this.audit.length === 0 && this.createdPending === 0) return;
    const at = this.now.get() as string;
    this.flushCreatedAudit(at);
    const { actor } = this.ctx;
    for (const e of this.audit) {
      this.insertAudit.run(at, actor, e.action, e.entity, e.entityId, e.cadreId ?? null, e.field ?? null, auditText(e.oldValue), auditText(e.newValue), this.batchId);
    }
    this.audit = [];
  }

  /**
   * Rotations go through the rotation service itself (create, then start and end when the file gives actual dates),
   * so their checks and the dated posts they write are those of the form; earliest start first, so a person's
   * rotations follow each other as they happened. The service's audit rows are moved into the import's batch.
   */
  async rotations(rows: { rowNo: number; apply: RotationApply }[], tick: (i: number) => Promise<void>) {
    const s = this.db.sqlite;
    const lastAudit = (s.prepare('select coalesce(max(id), 0) as m from audit_log').get() as { m: number }).m;
    const startOf = (a: RotationApply) => (a.kind === 'create' ? a.actualStart ?? a.input.plannedStart : '');
    const ordered = [...rows].sort((x, y) => startOf(x.apply).localeCompare(startOf(y.apply)) || x.rowNo - y.rowNo);
    const bookkeeping = s.prepare('select origin_assignment_id as o, origin_prev_to_date as p, rotation_assignment_id as ra, return_assignment_id as ret from rotations where id = ?');
    for (let i = 0; i < ordered.length; i++) {
      const { rowNo, apply } = ordered[i];
      try {
        if (apply.kind === 'create') {
          let r = createRotation(this.db, apply.input, this.ctx);
          this.effect('rotation', r.id, r.cadreId, 'create');
          if (apply.actualStart) {
            r = startRotation(this.db, { id: r.id, version: r.version, actualStart: apply.actualStart }, this.ctx);
            const b = bookkeeping.get(r.id) as { o: number | null; p: string | null; ra: number };
            if (b.o) this.effect('assignment', b.o, r.cadreId, 'update', { toDate: b.p });
            this.effect('assignment', b.ra, r.cadreId, 'create');
          }
          if (apply.actualEnd) {
            r = endRotation(this.db, { id: r.id, version: r.version, actualEnd: apply.actualEnd, next: { kind: apply.endNext } }, this.ctx);
            const b = bookkeeping.get(r.id) as { ret: number | null };
            if (b.ret) this.effect('assignment', b.ret, r.cadreId, 'create');
          }
        } else {
          const before = loadRotation(this.db, apply.id);
          const names = Object.keys(apply.changes);
          updateRotation(this.db, { id: apply.id, version: apply.version, changes: apply.changes }, this.ctx);
          this.effect('rotation', apply.id, before.cadreId, 'update', Object.fromEntries(names.map((f) => [f, (before as Record<string, unknown>)[f] ?? null])));
          if (before.rotationAssignmentId && names.some((f) => f === 'toPostTitle' || f === 'toPositionCode')) {
            this.effect('assignment', before.rotationAssignmentId, before.cadreId, 'update', { postTitle: before.toPostTitle, positionCode: before.toPositionCode });
          }
        }
      } catch (e) {
        if (e instanceof Error && e.name === 'AppFailure') throw fail.validation(`Dòng ${rowNo}: ${e.message} Không có dòng nào được ghi.`);
        throw e;
      }
      await tick(i);
    }
    s.prepare('update audit_log set batch_id = ? where id > ? and batch_id is null').run(this.batchId, lastAudit);
  }

  /** One diploma row: the cadre (on file, created by this row, or by an earlier row), then the qualification. */
  qualification(rowNo: number, apply: QualificationApply, created: Map<number, number>) {
    let cadreId: number;
    if ('existing' in apply.cadre) cadreId = apply.cadre.existing;
    else if ('create' in apply.cadre) created.set(rowNo, (cadreId = this.create({ ...apply.cadre.create, levels: [] })));
    else {
      const id = created.get(apply.cadre.fileRow);
      if (!id) throw fail.validation(`Dòng ${rowNo}: hồ sơ ở dòng ${apply.cadre.fileRow} chưa được thêm; hãy xem trước lại.`);
      cadreId = id;
    }
    if ('existing' in apply.cadre && !this.bumped.has(cadreId)) {
      // The grid row shows the levels: bump the version once so open editors see a conflict.
      this.bumped.add(cadreId);
      this.stmt('update cadres set version = version + 1 where id = ?').run(cadreId);
      this.effect('cadre', cadreId, cadreId, 'update', {});
    }
    if (apply.add) this.addLevels(cadreId, [apply.add]);
    if (apply.fill) {
      const cols: Record<string, string> = { field: 'field', institution: 'institution', awardDate: 'award_date', certificateNo: 'certificate_no', note: 'note' };
      const names = Object.keys(apply.fill.changes);
      const before = this.stmt(`select ${names.map((f) => `${cols[f]} as ${f}`).join(', ')} from qualifications where id = ?`).get(apply.fill.id) as Record<string, unknown>;
      this.stmt(`update qualifications set ${names.map((f) => `${cols[f]} = @${f}`).join(', ')}, version = version + 1 where id = @id`).run({ ...apply.fill.changes, id: apply.fill.id });
      this.effect('qualification', apply.fill.id, cadreId, 'update', before);
      for (const f of names) this.audit.push({ action: 'update', entity: 'qualification', entityId: apply.fill.id, cadreId, field: f, oldValue: before[f], newValue: (apply.fill.changes as Record<string, unknown>)[f] });
    }
    if (this.audit.length + this.createdPending > 500) this.flushAudit();
  }

  private bumped = new Set<number>();

  create(apply: RowApply): number {
    const fields = apply.fields as Record<string, unknown>;
    const params = new Array<unknown>(RECORD_FIELDS.length);
    for (let k = 0; k < RECORD_FIELDS.length; k++) params[k] = fields[RECORD_FIELDS[k]] ?? null;
    const id = Number(this.insertCadre.run(params).lastInsertRowid);
    this.created('cadre', id, id);
    this.auditCreated('cadre', id);
    if (apply.unit) this.addAssignment(id, apply.unit.unitId, apply.unit.postTitle, apply.unit.fromDate);
    this.addLevels(id, apply.levels);
    if (this.audit.length + this.createdPending > 500) this.flushAudit();
    return id;
  }

  /** New records waiting to be inserted together (createLater). */
  private waiting: RowApply[] = [];

  /**
   * A new record, inserted with the next few hundred in multi-row statements for cadres, posts and diplomas
   * (insertRows). Same rows, same ids in the same order, same audit rows and undo records.
   */
  createLater(apply: RowApply): void {
    this.waiting.push(apply);
    if (this.waiting.length >= CREATE_BATCH) this.flushAudit();
  }

  /** The id the next inserted row of an AUTOINCREMENT table gets (nobody else writes inside the commit). */
  private nextId(table: string): number {
    const sql = `select max(coalesce((select seq from sqlite_sequence where name = ?), 0), coalesce((select max(id) from ${table}), 0)) + 1 as n`;
    return (this.stmt(sql).get(table) as { n: number }).n;
  }

  private flushCreates(): void {
    const list = this.waiting;
    if (list.length === 0) return;
    this.waiting = [];
    const at = this.now.get() as string;
    // Explicit ids, so posts and diplomas can name their cadre before anything is read back.
    let cadreId = this.nextId('cadres');
    let assignmentId = this.nextId('assignments');
    let qualificationId = this.nextId('qualifications');
    const cadres: unknown[] = [];
    const assignments: unknown[] = [];
    const qualifications: unknown[] = [];
    const ids = { cadre: [] as number[], assignment: [] as [number, number][], qualification: [] as [number, number][] };
    for (const apply of list) {
      const id = cadreId++;
      const fields = apply.fields as Record<string, unknown>;
      cadres.push(id);
      for (let k = 0; k < RECORD_FIELDS.length; k++) cadres.push(fields[RECORD_FIELDS[k]] ?? null);
      cadres.push(at, at);
      ids.cadre.push(id);
      if (apply.unit) {
        const a = assignmentId++;
        assignments.push(a, id, apply.unit.unitId, apply.unit.postTitle, apply.unit.fromDate, this.importId);
        ids.assignment.push([a, id]);
      }
      for (const l of apply.levels as (RowApply['levels'][number] & { certificateNo?: string | null; note?: string | null })[]) {
        const q = qualificationId++;
        qualifications.push(q, id, l.category, l.levelKey, l.field, l.institution ?? null, l.awardDate ?? null, l.certificateNo ?? null, l.note ?? null, this.importId);
        ids.qualification.push([q, id]);
      }
    }
    this.insertMany(`insert into cadres (id, ${COLS.join(', ')}, created_at, updated_at) values `, RECORD_FIELDS.length + 3, cadres);
    this.insertMany(`insert into assignments (id, cadre_id, unit_id, post_title, from_date, source, source_ref) values `, 6, assignments, `'import'`, 5);
    this.insertMany(
      `insert into qualifications (id, cadre_id, category, level_key, field, institution, award_date, certificate_no, note, source, source_ref) values `,
      10,
      qualifications,
      `'import'`,
      9,
    );
    for (const id of ids.cadre) {
      this.created('cadre', id, id);
      this.auditCreated('cadre', id);
    }
    for (const [id, c] of ids.assignment) {
      this.created('assignment', id, c);
      this.auditCreated('assignment', id);
    }
    for (const [id, c] of ids.qualification) {
      this.created('qualification', id, c);
      this.auditCreated('qualification', id);
    }
  }

  private insertMany(head: string, width: number, params: unknown[], literal?: string, at = -1): void {
    insertRows(this.db, this.statements, head, width, params, literal, at);
  }

  update(cadreId: number, apply: RowApply): void {
    const names = Object.keys(apply.fields) as (keyof CadreFields)[];
    if (names.length) {
      const before = this.stmt(`select ${names.map((f) => `${CADRE_COLUMNS[f]} as ${f}`).join(', ')} from cadres where id = ?`).get(cadreId) as Record<string, unknown>;
      this.stmt(`update cadres set ${names.map((f) => `${CADRE_COLUMNS[f]} = @${f}`).join(', ')}, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = @id`).run({ ...apply.fields, id: cadreId });
      this.effect('cadre', cadreId, cadreId, 'update', before);
      for (const f of names) this.audit.push({ action: 'update', entity: 'cadre', entityId: cadreId, cadreId, field: f, oldValue: before[f], newValue: (apply.fields as Record<string, unknown>)[f] });
    } else {
      // Qualifications and postings change the grid row too: bump the version so open editors see a conflict.
      this.stmt('update cadres set version = version + 1 where id = ?').run(cadreId);
      this.effect('cadre', cadreId, cadreId, 'update', {});
    }
    if (apply.unit) {
      const cur = this.stmt(`select id, from_date as fromDate, to_date as toDate, unit_id as unitId, post_title as postTitle from assignments
                             where cadre_id = ? and deleted_at is null and from_date <= ? and (to_date is null or to_date >= ?) order by from_date desc, id desc limit 1`)
        .get(cadreId, this.today, this.today) as { id: number; fromDate: string; toDate: string | null; unitId: number; postTitle: string | null } | undefined;
      if (cur && cur.fromDate >= this.today) {
        // Started today: correct it in place rather than leave a one-day posting.
        this.stmt('update assignments set unit_id = ?, post_title = ?, version = version + 1 where id = ?').run(apply.unit.unitId, apply.unit.postTitle, cur.id);
        this.effect('assignment', cur.id, cadreId, 'update', { unitId: cur.unitId, postTitle: cur.postTitle });
        this.audit.push({ action: 'update', entity: 'assignment', entityId: cur.id, cadreId, field: 'unitId', oldValue: cur.unitId, newValue: apply.unit.unitId });
      } else {
        if (cur) {
          const closeOn = addDays(this.today, -1);
          this.stmt('update assignments set to_date = ?, version = version + 1 where id = ?').run(closeOn, cur.id);
          this.effect('assignment', cur.id, cadreId, 'update', { toDate: cur.toDate });
          this.audit.push({ action: 'update', entity: 'assignment', entityId: cur.id, cadreId, field: 'toDate', oldValue: cur.toDate, newValue: closeOn });
        }
        this.addAssignment(cadreId, apply.unit.unitId, apply.unit.postTitle, this.today);
      }
    } else if (apply.postTitle !== undefined) {
      const cur = this.stmt(`select id, post_title as postTitle from assignments where cadre_id = ? and deleted_at is null and from_date <= ? and (to_date is null or to_date >= ?) order by from_date desc, id desc limit 1`)
        .get(cadreId, this.today, this.today) as { id: number; postTitle: string | null } | undefined;
      if (cur) {
        this.stmt('update assignments set post_title = ?, version = version + 1 where id = ?').run(apply.postTitle, cur.id);
        this.effect('assignment', cur.id, cadreId, 'update', { postTitle: cur.postTitle });
        this.audit.push({ action: 'update', entity: 'assignment', entityId: cur.id, cadreId, field: 'postTitle', oldValue: cur.postTitle, newValue: apply.postTitle });
      }
    }
    this.addLevels(cadreId, apply.levels);
    for (const q of apply.qualificationFields) {
      const before = this.stmt('select field from qualifications where id = ?').get(q.id) as { field: string | null };
      this.stmt('update qualifications set field = ?, version = version + 1 where id = ?').run(q.field, q.id);
      this.effect('qualification', q.id, cadreId, 'update', { field: before.field });
      this.audit.push({ action: 'update', entity: 'qualification', entityId: q.id, cadreId, field: 'field', oldValue: before.field, newValue: q.field });
    }
    if (this.audit.length + this.createdPending > 500) this.flushAudit();
  }

  private addAssignment(cadreId: number, unitId: number, postTitle: string | null, fromDate: string) {
    const id = Number(this.insertAssignment.run(cadreId, unitId, postTitle, fromDate, this.importId).lastInsertRowid);
    this.created('assignment', id, cadreId);
    this.auditCreated('assignment', id);
  }

  private addLevels(cadreId: number, levels: (RowApply['levels'][number] & { certificateNo?: string | null; note?: string | null })[]) {
    for (const l of levels) {
      const id = Number(this.insertQualification.run(cadreId, l.category, l.levelKey, l.field, l.institution ?? null, l.awardDate ?? null, l.certificateNo ?? null, l.note ?? null, this.importId).lastInsertRowid);
      this.created('qualification', id, cadreId);
      this.auditCreated('qualification', id);
    }
  }

  /**
   * Enrols the matched people through the training service, so its rules (warnings, one live enrolment per
   * course) stay in one place; the clerk saw the warnings in the preview, hence acknowledged. Its audit rows are
   * moved into the import's batch so the import shows and undoes as one step.
   */
  enrol(cadreIds: number[], options: { courseId?: number; enrolmentStatus?: 'proposed' | 'nominated' | 'studying'; decisionNo?: string | null }) {
    const s = this.db.sqlite;
    const lastBatch = (s.prepare('select max(id) as m from change_batches').get() as { m: number }).m;
    const lastAudit = (s.prepare('select coalesce(max(id), 0) as m from audit_log').get() as { m: number }).m;
    const out = createEnrolments(
      this.db,
      { courseId: options.courseId!, cadreIds, status: options.enrolmentStatus ?? 'proposed', decisionNo: options.decisionNo ?? null, decisionDate: null, acknowledgeWarnings: true },
      this.ctx,
    );
    s.prepare('update audit_log set batch_id = ? where id > ? and (batch_id is null or batch_id > ?)').run(this.batchId, lastAudit, lastBatch);
    s.prepare('delete from change_batches where id > ? and id <> ? and not exists (select 1 from audit_log a where a.batch_id = change_batches.id)').run(lastBatch, this.batchId);
    for (const e of out.created) this.effect('enrolment', e.id, e.cadreId, 'create');
  }

  /** Writes the remaining audit rows and records each touched record's version for the undo check. */
  async finish() {
    this.flushCreates();
    this.flushRuns();
    this.flushAudit();
    const s = this.db.sqlite;
    // A run whose records all stand at one version keeps that version; otherwise it is recorded record by record.
    const runs = s.prepare('select id, entity, entity_id as lo, entity_id_to as hi from import_effects where import_id = ? and entity_id_to is not null').all(this.importId) as { id: number; entity: string; lo: number; hi: number }[];
    for (const r of runs) {
      const table = TABLE_OF[r.entity];
      const v = s.prepare(`select min(version) as mn, max(version) as mx from ${table} where id between ? and ?`).get(r.lo, r.hi) as { mn: number; mx: number };
      if (v.mn === v.mx) s.prepare('update import_effects set after_version = ? where id = ?').run(v.mn, r.id);
      else {
        s.prepare('delete from import_effects where id = ?').run(r.id);
        s.prepare(`insert into import_effects (import_id, entity, entity_id, cadre_id, action, after_version) select ?, ?, id, ${CADRE_OF[r.entity]}, 'create', version from ${table} where id between ? and ?`).run(this.importId, r.entity, r.lo, r.hi);
      }
    }
    const { lo, hi } = s.prepare('select min(id) as lo, max(id) as hi from import_effects where import_id = ?').get(this.importId) as { lo: number | null; hi: number | null };
    if (lo === null || hi === null) return;
    for (const [entity, table] of Object.entries(TABLE_OF)) {
      const stmt = s.prepare(`update import_effects set after_version = (select version from ${table} t where t.id = import_effects.entity_id) where id between ? and ? and import_id = ? and entity = ? and entity_id_to is null`);
      // In id ranges, yielding between them: 200,000 effects in one statement would stall the process.
      for (let from = lo; from <= hi; from += 20_000) {
        stmt.run(from, Math.min(hi, from + 19_999), this.importId, entity);
        await yieldToEventLoop();
      }
    }
  }
}

// ---- Undo -------------------------------------------------------------------------------------------------------

const TABLE_OF: Record<string, string> = { cadre: 'cadres', assignment: 'assignments', qualification: 'qualifications', enrolment: 'training_enrolments', rotation: 'rotations' };
/** The column holding a record's cadre, per entity. */
const CADRE_OF: Record<string, string> = { cadre: 'id', assignment: 'cadre_id', qualification: 'cadre_id', enrolment: 'cadre_id', rotation: 'cadre_id' };
/** Entity names as the other areas write them in the audit log. */
const AUDIT_ENTITY: Record<string, string> = { enrolment: 'training_enrolment' };
const COLUMN_OF: Record<string, Record<string, string>> = {
  cadre: CADRE_COLUMNS as Record<string, string>,
  assignment: { unitId: 'unit_id', postTitle: 'post_title', toDate: 'to_date', positionCode: 'position_code' },
  qualification: { field: 'field', institution: 'institution', awardDate: 'award_date', certificateNo: 'certificate_no', note: 'note' },
  rotation: ROTATION_COLUMNS as Record<string, string>,
};

export async function undoImport(db: AppDb, input: ParsedInput<'imports.undo'>, ctx: CallContext): Promise<CallOutput<'imports.undo'>> {
  // One transaction in slices, like the commit: a 50,000-row undo does not stall the process.
  return inSlicedTransaction(db, async () => {
    const rec = loadImport(db, input.importId);
    if (rec.status === 'undone') throw fail.validation('Lần nhập này đã được hoàn tác rồi.');
    if (rec.status !== 'committed' || !rec.batchId) throw fail.validation('Lần nhập này chưa được ghi nên không có gì để hoàn tác.');
    const s = db.sqlite;
    // Thousands of effects share a handful of statement shapes: prepare each once.
    const statements = new Map<string, Stmt>();
    const stmt = (sql: string) => {
      let st = statements.get(sql);
      if (!st) statements.set(sql, (st = s.prepare(sql) as unknown as Stmt));
      return st;
    };
    const effects = s
      .prepare('select id, entity, entity_id as entityId, entity_id_to as entityIdTo, cadre_id as cadreId, action, before, after_version as afterVersion from import_effects where import_id = ? order by id desc')
      .all(rec.id) as { id: number; entity: string; entityId: number; entityIdTo: number | null; cadreId: number; action: 'create' | 'update'; before: string | null; afterVersion: number | null }[];
    // Refuse when anyone touched these records since: by version, and by audit rows of other actions.
    const edited = new Set<number>();
    const touched = new Set<number>();
    /** The records of each run, with their cadre, read once for the check and the undo. */
    const runRows = new Map<number, { id: number; c: number; version: number }[]>();
    for (let i = 0; i < effects.length; i++) {
      const e = effects[i];
      if (i % (CHUNK * 8) === CHUNK * 8 - 1) await yieldToEventLoop();
      if (e.entityIdTo !== null) {
        const rows = stmt(`select id, ${CADRE_OF[e.entity]} as c, version from ${TABLE_OF[e.entity]} where id between ? and ?`).all(e.entityId, e.entityIdTo) as { id: number; c: number; version: number }[];
        runRows.set(e.id, rows);
        for (const r of rows) {
          touched.add(r.c);
          if (r.version !== e.afterVersion) edited.add(r.c);
        }
        if (rows.length !== e.entityIdTo - e.entityId + 1) edited.add(e.cadreId);
        continue;
      }
      touched.add(e.cadreId);
      const v = stmt(`select version from ${TABLE_OF[e.entity]} where id = ?`).get(e.entityId) as { version: number } | undefined;
      if (!v || v.version !== e.afterVersion) edited.add(e.cadreId);
    }
    const lastAudit = (s.prepare('select max(id) as m from audit_log where batch_id = ?').get(rec.batchId) as { m: number | null }).m ?? 0;
    // A participant list touches only enrolments (their versions say it all); a cadre import, the whole record.
    const later =
      rec.target === 'enrolments'
        ? []
        : (s
            .prepare(`select distinct cadre_id as c from audit_log where id > ? and (batch_id is null or batch_id <> ?) and cadre_id in (select value from json_each(?))`)
            .all(lastAudit, rec.batchId, JSON.stringify([...touched])) as { c: number }[]);
    for (const l of later) edited.add(l.c);
    if (edited.size) {
      const names = (s.prepare(`select full_name as n from cadres where id in (select value from json_each(?)) limit 5`).all(JSON.stringify([...edited])) as { n: string }[]).map((r) => r.n);
      throw fail.validation(
        `Không hoàn tác được: ${edited.size} hồ sơ đã được sửa sau lần nhập này (${names.join(', ')}${edited.size > 5 ? '…' : ''}). Hãy sửa tay các hồ sơ đó hoặc hoàn tác các thay đổi sau trước.`,
      );
    }
    const undoBatch = createBatch(db, ctx, 'undo', `Hoàn tác nhập từ Excel: ${rec.fileName}`);
    // What "removed" and "restored" count: the records the import was about.
    const primary = rec.target === 'rotations' ? 'rotation' : rec.target === 'qualifications' ? 'qualification' : 'cadre';
    const audit: AuditEntry[] = [];
    let removed = 0;
    let restored = 0;
    for (let i = 0; i < effects.length; i++) {
      const e = effects[i];
      if (i % (CHUNK * 4) === CHUNK * 4 - 1) {
        writeAudit(db, ctx, audit.splice(0), undoBatch);
        await yieldToEventLoop();
      }
      const table = TABLE_OF[e.entity];
      const run = runRows.get(e.id);
      if (run) {
        // In slices of ids, yielding between them, like the rest of the undo.
        for (let k = 0; k < run.length; k += CHUNK * 4) {
          const slice = run.slice(k, k + CHUNK * 4);
          const [lo, hi] = [slice[0].id, slice[slice.length - 1].id];
          stmt(`update ${table} set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id between ? and ?`).run(lo, hi);
          writeAudit(db, ctx, audit.splice(0), undoBatch);
          // The slice's 'delete' audit rows, one per record as writeAudit writes them, built by SQLite from the rows
          // (the run was checked whole above: every id from lo to hi is one of them).
          stmt(`insert into audit_log (actor, action, entity, entity_id, cadre_id, old_value, batch_id)
                select ?, 'delete', ?, id, ${CADRE_OF[e.entity]}, 'tạo bởi lần nhập từ Excel', ? from ${table} where id between ? and ? order by id`).run(
            ctx.actor,
            AUDIT_ENTITY[e.entity] ?? e.entity,
            undoBatch,
            lo,
            hi,
          );
          await yieldToEventLoop();
        }
        if (e.entity === primary) removed += run.length;
      } else if (e.action === 'create') {
        stmt(`update ${table} set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(e.entityId);
        audit.push({ action: 'delete', entity: AUDIT_ENTITY[e.entity] ?? e.entity, entityId: e.entityId, cadreId: e.cadreId, oldValue: 'tạo bởi lần nhập từ Excel' });
        if (e.entity === primary) removed++;
      } else {
        const before = JSON.parse(e.before ?? '{}') as Record<string, unknown>;
        const names = Object.keys(before);
        if (names.length) {
          const current = stmt(`select ${names.map((f) => `${COLUMN_OF[e.entity][f]} as ${f}`).join(', ')} from ${table} where id = ?`).get(e.entityId) as Record<string, unknown>;
          stmt(`update ${table} set ${names.map((f) => `${COLUMN_OF[e.entity][f]} = @${f}`).join(', ')}, version = version + 1 where id = @id`).run({ ...before, id: e.entityId });
          for (const f of names) audit.push({ action: 'update', entity: e.entity, entityId: e.entityId, cadreId: e.cadreId, field: f, oldValue: current[f], newValue: before[f] });
        } else {
          stmt(`update ${table} set version = version + 1 where id = ?`).run(e.entityId);
        }
        if (e.entity === primary) restored++;
      }
    }
    writeAudit(db, ctx, audit, undoBatch);
    s.prepare(`update change_batches set undone_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), undone_by = ? where id = ?`).run(undoBatch, rec.batchId);
    s.prepare(`update imports set status = 'undone', undo_batch_id = ? where id = ?`).run(undoBatch, rec.id);
    return { importId: rec.id, undoBatchId: undoBatch, removed, restored };
  });
}

// ---- Lists ------------------------------------------------------------------------------------------------------

export function listImports(db: AppDb, input: ParsedInput<'imports.list'>): CallOutput<'imports.list'> {
  const rows = db.sqlite
    .prepare(`select id, file_name as fileName, status, row_count as rowCount, counts, batch_id as batchId, actor, created_at as createdAt, committed_at as committedAt
              from imports where status in ('committed', 'undone') order by id desc limit ?`)
    .all(input.limit) as (Omit<CallOutput<'imports.list'>[number], 'counts'> & { counts: string | null })[];
  return rows.map((r) => ({ ...r, counts: r.counts ? JSON.parse(r.counts) : null }));
}

export function listMappings(db: AppDb, input: ParsedInput<'imports.mappings'>): CallOutput<'imports.mappings'> {
  const rows = db.sqlite
    .prepare('select id, target, name, signature, header_span as headerSpan, mapping, updated_at as updatedAt from import_mappings where target = ? order by updated_at desc')
    .all(input.target) as (Omit<CallOutput<'imports.mappings'>[number], 'mapping'> & { mapping: string })[];
  return rows.map((r) => ({ ...r, mapping: JSON.parse(r.mapping) }));
}

export function deleteMapping(db: AppDb, input: ParsedInput<'imports.deleteMapping'>): CallOutput<'imports.deleteMapping'> {
  const r = db.sqlite.prepare('delete from import_mappings where id = ?').run(input.id);
  if (r.changes === 0) throw fail.notFound('cách ghép cột đã lưu');
  return { id: input.id };
}

export const QUALIFICATION_KEYS: QualificationCategory[] = QUALIFICATION_CATEGORY_KEYS;
