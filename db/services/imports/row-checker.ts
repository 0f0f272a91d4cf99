// Checking a file's rows as a preview does: each row's result against the records on file, rows repeated within
// the file, the counts, and each result ready to be staged in import_rows. Used by the preview, and by the
// analysis, which starts checking the rows already read with the mapping it proposes (early-preview.ts).

import type { AppDb } from '../../open';
import type { CadreFields } from '../../../shared/api/cadres';
import type { ImportCounts } from '../../../shared/api/imports';
import { QUALIFICATION_CATEGORIES, QUALIFICATION_CATEGORY_KEYS, levelListOf, type QualificationCategory } from '../../../shared/domain/codes';
import { todayIso } from '../../../shared/domain/dates';
import { codeIndex } from '../codes';
import { CADRE_COLUMNS } from '../cadres';
import { LEVEL_CATEGORY_ALIASES, LEVEL_CATEGORY_HINTS } from './catalog';
import { evaluateEnrolmentRow } from './evaluate-enrolment';
import { evaluateRotationRow, type RotationContext } from './evaluate-rotation';
import { evaluateQualificationRow, type QualificationContext } from './evaluate-qualification';
import { checkEnrolment } from '../training/enrolments';
import { anyLevelParser, codeLookup, ETHNICITY_ALIASES, foldName, levelParser, RELIGION_ALIASES, unitKey, type RawRow } from './parse';
import { evaluateRow, type ExistingCadre, type Lookups, type RowResult, type UnitChoice } from './evaluate';
import { checkCancelled } from './jobs';
import { yieldToEventLoop } from '../../event-loop';

/** What rows are checked against: code lists, units, the cadres on file (read in slices, answering calls between). */
export async function buildLookups(db: AppDb, jobId?: string): Promise<Lookups> {
  const codes = codeIndex(db);
  const options = (list: string) => [...(codes.get(list)?.values() ?? [])].map((c) => ({ key: c.key, name: c.name, code: c.code }));
  const lookupByList = {
    ethnicity: codeLookup(options('ethnicity'), ETHNICITY_ALIASES),
    religion: codeLookup(options('religion'), RELIGION_ALIASES),
    rank: codeLookup(options('rank')),
    position: codeLookup(options('position')),
  };
  const levels = new Map(QUALIFICATION_CATEGORY_KEYS.map((c) => [c, levelParser(c, options(levelListOf(c)))]));
  const anyLevel = anyLevelParser(levels, LEVEL_CATEGORY_HINTS);
  const levelCategory = codeLookup(
    [...QUALIFICATION_CATEGORY_KEYS.map((c) => ({ key: c, name: QUALIFICATION_CATEGORIES[c] }))],
    LEVEL_CATEGORY_ALIASES,
  );
  const units = db.sqlite.prepare('select id, name, short_name as shortName, valid_from as validFrom, valid_to as validTo from units where deleted_at is null').all() as (UnitChoice & { shortName: string | null })[];
  const unitsByName = new Map<string, UnitChoice[]>();
  const addUnit = (name: string | null, u: UnitChoice) => {
    const k = unitKey(name);
    if (!k) return;
    const list = unitsByName.get(k) ?? [];
    if (!list.includes(u)) list.push(u);
    unitsByName.set(k, list);
  };
  for (const u of units) {
    addUnit(u.name, u);
    addUnit(u.shortName, u);
  }
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const { existing, keys } = loadExisting(db);
  const byCadreId = new Map<number, ExistingCadre>();
  const byId = new Map<string, ExistingCadre>();
  const byName = new Map<string, ExistingCadre[]>();
  for (let i = 0; i < existing.length; i++) {
    // Folding 50,000 names takes a few hundred ms: in slices, so progress polls and cancel are answered.
    if (i % 5_000 === 4_999) {
      await yieldToEventLoop();
      if (jobId) checkCancelled(jobId);
    }
    const c = existing[i];
    byCadreId.set(c.id, c);
    if (keys[i].idNumber) byId.set(keys[i].idNumber!, c);
    const k = foldName(keys[i].fullName);
    const list = byName.get(k) ?? [];
    list.push(c);
    byName.set(k, list);
  }
  return {
    code: (list, raw) => lookupByList[list](raw),
    codeName: (list, key) => (key ? codes.get(list)?.get(key)?.name ?? key : ''),
    level: (category, raw) => levels.get(category)!(raw),
    anyLevel,
    levelCategory: (raw) => levelCategory(raw) as QualificationCategory | undefined,
    byCadreId: (id) => byCadreId.get(id),
    unitsByName: (folded) => unitsByName.get(folded) ?? [],
    unitName: (id) => (id ? unitNames.get(id) ?? '' : ''),
    byIdNumber: (n) => byId.get(n),
    byNameAndBirth: (folded) => byName.get(folded) ?? [],
    today: todayIso(),
  };
}

export const RECORD_FIELDS = Object.keys(CADRE_COLUMNS) as (keyof CadreFields)[];

/**
 * The cadres on file, for matching: only what identifies them is read for everyone (ID number, name, birth date);
 * the whole record, its current post and its qualifications are read when a row matches it. A file of new people
 * (the common case at scale) then never reads 300,000 qualification rows it does not need.
 */
function loadExisting(db: AppDb): { existing: ExistingCadre[]; keys: { id: number; idNumber: string | null; fullName: string }[] } {
  const today = todayIso();
  const s = db.sqlite;
  const keys = s.prepare('select id, id_number as idNumber, full_name as fullName from cadres where deleted_at is null').all() as { id: number; idNumber: string | null; fullName: string }[];
  const source: CadreSource = {
    record: s.prepare(`select version, ${RECORD_FIELDS.map((f) => `${CADRE_COLUMNS[f]} as ${f}`).join(', ')} from cadres where id = ?`),
    post: s.prepare(`select id, unit_id as unitId, post_title as postTitle, from_date as fromDate from assignments
                     where cadre_id = ? and deleted_at is null and from_date <= ? and (to_date is null or to_date >= ?) order by from_date desc, id desc limit 1`),
    quals: s.prepare('select id, category, level_key as levelKey, field, institution, award_date as awardDate from qualifications where cadre_id = ? and deleted_at is null order by id'),
    today,
  } as unknown as CadreSource;
  const existing = new Array<ExistingCadre>(keys.length);
  for (let i = 0; i < keys.length; i++) existing[i] = new LazyCadre(keys[i].id, source);
  return { existing, keys };
}

interface CadreSource {
  record: Stmt;
  post: Stmt;
  quals: Stmt;
  today: string;
}

/** A cadre on file whose record is read on first use; a class, so 50,000 of them share their accessors. */
class LazyCadre implements ExistingCadre {
  private full: Omit<ExistingCadre, 'id'> | null = null;
  constructor(
    readonly id: number,
    private readonly source: CadreSource,
  ) {}
  private load(): Omit<ExistingCadre, 'id'> {
    if (!this.full) {
      const { record, post, quals, today } = this.source;
      const { version, ...fields } = record.get(this.id) as CadreFields & { version: number };
      this.full = {
        version,
        fields: fields as CadreFields,
        assignment: (post.get(this.id, today, today) as ExistingCadre['assignment']) ?? null,
        qualifications: quals.all(this.id) as ExistingCadre['qualifications'],
      };
    }
    return this.full;
  }
  get version() {
    return this.load().version;
  }
  get fields() {
    return this.load().fields;
  }
  get assignment() {
    return this.load().assignment;
  }
  get qualifications() {
    return this.load().qualifications;
  }
}

export const emptyCounts = (): ImportCounts => ({ new: 0, update: 0, unchanged: 0, error: 0, duplicate: 0, skipped: 0 });

/** What an accepted row would apply, kept in memory for the commit. */
export interface KeptRow {
  status: 'new' | 'update';
  matchId: number | null;
  matchVersion: number | null;
  apply: unknown;
}

/** A checked row as import_rows stages it: its result as JSON (without what only the check itself needs). */
export interface StagedResult {
  rowNo: number;
  status: RowResult['status'];
  result: string;
  matchId: number | null;
  matchVersion: number | null;
}

export interface CheckSettings {
  target: string;
  mapping: (string | null)[];
  headerSignature: string;
  defaultCategory: string | null;
  courseId: number | null;
  overrideReason: string | null;
}

/** A prepared statement with free parameters (better-sqlite3's own type fixes them at prepare time). */
export interface Stmt {
  run(...params: unknown[]): { lastInsertRowid: number | bigint; changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** Rows checked between two turns of the event loop (progress polls and cancel are answered in between). */
export const ROWS_PER_CHECK = 500;

/**
 * Checks rows in file order, chunk by chunk: rotations and diploma rows look back at earlier rows of the file
 * (overlapping periods, a person's first row), and a row repeating an earlier one is marked as its duplicate.
 */
export class RowChecker {
  readonly counts = emptyCounts();
  readonly unknownUnits = new Map<string, number>();
  readonly applies = new Map<number, KeptRow>();
  /** Checked rows not yet taken for staging (takeStaged). */
  private staged: StagedResult[] = [];
  private readonly firstRowOf = new Map<string, number>();
  private readonly evaluate: (cells: RawRow, rowNo: number) => RowResult;

  constructor(
    private readonly db: AppDb,
    private readonly settings: CheckSettings,
    lookups: Lookups,
  ) {
    const { mapping, defaultCategory, headerSignature } = settings;
    const ctx = { mapping, lookups, defaultCategory, headerSignature };
    const rotationCtx: RotationContext = { ...ctx, db, overrideReason: settings.overrideReason, file: { periods: new Map() }, rowNo: 0 };
    const qualificationCtx: QualificationContext = { ...ctx, file: { persons: new Map(), last: null }, rowNo: 0 };
    this.evaluate = (cells, rowNo) => {
      switch (settings.target) {
        case 'enrolments':
          return evaluateEnrolmentRow(cells, ctx);
        case 'rotations':
          rotationCtx.rowNo = rowNo;
          return evaluateRotationRow(cells, rotationCtx);
        case 'qualifications':
          qualificationCtx.rowNo = rowNo;
          return evaluateQualificationRow(cells, qualificationCtx);
        default:
          return evaluateRow(cells, ctx);
      }
    };
  }

  /** Checks the next rows of the file (1-based row numbers, in order). */
  check(chunk: { rowNo: number; cells: RawRow }[]): void {
    const { target, courseId } = this.settings;
    const results = chunk.map((r) => this.evaluate(r.cells, r.rowNo));
    if (target === 'enrolments' && courseId) markEnrolmentChecks(this.db, courseId, results);
    for (let k = 0; k < chunk.length; k++) {
      const { rowNo } = chunk[k];
      const res = results[k];
      if (res.status !== 'skipped' && res.status !== 'error') {
        const seen = res.dupKeys.map((key) => this.firstRowOf.get(key)).find((n) => n !== undefined);
        if (seen !== undefined) {
          res.status = 'duplicate';
          res.messages = [{ field: '_', message: `Trùng với dòng ${seen} trong tệp (${DUPLICATE_WHY[target] ?? DUPLICATE_WHY.cadres}).` }, ...res.messages];
          res.apply = null;
        }
      }
      if (res.status !== 'skipped') for (const key of res.dupKeys) if (!this.firstRowOf.has(key)) this.firstRowOf.set(key, rowNo);
      const unitMsg = res.messages.find((m) => (m.field === 'unit' || m.field === 'toUnit' || m.field === 'fromUnit') && m.message.includes('không có trong cây tổ chức'));
      if (unitMsg) {
        const name = /"([^"]+)"/.exec(unitMsg.message)?.[1] ?? '';
        this.unknownUnits.set(name, (this.unknownUnits.get(name) ?? 0) + 1);
      }
      this.counts[res.status]++;
      if (res.status === 'new' || res.status === 'update') this.applies.set(rowNo, { status: res.status, matchId: res.matchId, matchVersion: res.matchVersion, apply: res.apply });
      const { dupKeys: _d, matchId, matchVersion, status, ...rest } = res;
      this.staged.push({ rowNo, status, result: JSON.stringify(rest), matchId, matchVersion });
    }
  }

  /** The checked rows not taken yet, to be staged; `atLeast` keeps them until that many are waiting. */
  takeStaged(atLeast = 0): StagedResult[] {
    if (this.staged.length < atLeast || this.staged.length === 0) return [];
    const out = this.staged;
    this.staged = [];
    return out;
  }
}

const DUPLICATE_WHY: Record<string, string> = {
  cadres: 'cùng số CCCD, hoặc cùng họ tên và ngày sinh, hoặc cùng một hồ sơ',
  enrolments: 'cùng một người',
  rotations: 'cùng cán bộ, cùng ngày bắt đầu',
  qualifications: 'cùng người, cùng văn bằng',
};

/** Asks the training service which matched people are already in the course and which warnings apply. */
function markEnrolmentChecks(db: AppDb, courseId: number, results: RowResult[]): void {
  const ids = [...new Set(results.filter((r) => r.status === 'new' && r.matchId).map((r) => r.matchId!))];
  if (ids.length === 0) return;
  const check = checkEnrolment(db, courseId, ids);
  const already = new Set(check.alreadyEnrolled);
  for (const r of results) {
    if (r.status !== 'new' || !r.matchId) continue;
    if (already.has(r.matchId)) {
      r.status = 'unchanged';
      r.apply = null;
      r.messages.push({ field: '_', message: 'Đã có trong khoá học này.' });
    } else {
      for (const w of check.warnings.filter((x) => x.cadreId === r.matchId)) r.messages.push({ field: '_', message: `Cảnh báo: ${w.message}` });
    }
  }
}

