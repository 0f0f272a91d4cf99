import type { AppDb } from '../../open';
import { inTransaction } from '../../open';
import type { CallContext } from '../../context';
import type { ParsedInput } from '../../../shared/api/contract';
import {
  REPORT_SETTING_KEYS, ReportFiguresSchema, ReportHeaderSchema,
  type Report, type ReportFigures, type ReportHeader, type ReportNarrative, type ReportSummary,
} from '../../../shared/api/reports';
import { fail } from '../../../shared/api/envelope';
import { quarterWords, documentNumberLine } from '../../../shared/api/reports-format';
import { quarterLabel, type Quarter } from '../../../shared/domain/dates';
import { diffEntries, writeAudit } from '../audit';
import { readSettings } from '../app';
import { computeFigures, DEFAULT_SOURCES, type FigureSources } from './figures';
import { generateNarrative } from './narrative';

// The life of a quarterly report: a draft is created with its figures and a generated narrative, edited and
// recomputed; issuing (ban hành) freezes it into a snapshot that is what the report shows from then on.
// Issued reports are never edited; a new draft can be started from one.

interface ReportRow {
  id: number;
  version: number;
  year: number;
  quarter: number;
  status: 'draft' | 'issued';
  basedOnId: number | null;
  docNumber: string;
  docSymbol: string;
  issuingBody: string;
  superiorBody: string;
  place: string;
  issueDate: string | null;
  subject: string;
  signerCapacity: string;
  signerTitle: string;
  signerName: string;
  recipients: string;
  narrativeAchievements: string;
  narrativeLimitations: string;
  narrativeNextTasks: string;
  generatedNarrative: string;
  figures: string;
  snapshot: string | null;
  issuedAt: string | null;
  issuedBy: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** What an issued report froze: everything it prints. `format` lets a later version read old snapshots. */
const SNAPSHOT_FORMAT = 1;
interface Snapshot {
  format?: number;
  header: ReportHeader;
  narrative: ReportNarrative;
  figures: ReportFigures;
  generatedNarrative: ReportNarrative;
}

const SELECT = `select id, version, year, quarter, status, based_on_id as basedOnId, doc_number as docNumber,
  doc_symbol as docSymbol, issuing_body as issuingBody, superior_body as superiorBody, place, issue_date as issueDate,
  subject, signer_capacity as signerCapacity, signer_title as signerTitle, signer_name as signerName, recipients,
  narrative_achievements as narrativeAchievements, narrative_limitations as narrativeLimitations,
  narrative_next_tasks as narrativeNextTasks, generated_narrative as generatedNarrative, figures, snapshot,
  issued_at as issuedAt, issued_by as issuedBy, created_by as createdBy, created_at as createdAt, updated_at as updatedAt
  from reports`;

const HEADER_FIELDS = Object.keys(ReportHeaderSchema.shape) as (keyof ReportHeader)[];
const NARRATIVE_COLUMNS: Record<keyof ReportNarrative, string> = {
  achievements: 'narrative_achievements',
  limitations: 'narrative_limitations',
  nextTasks: 'narrative_next_tasks',
};
const HEADER_COLUMNS: Record<keyof ReportHeader, string> = {
  docNumber: 'doc_number', docSymbol: 'doc_symbol', issuingBody: 'issuing_body', superiorBody: 'superior_body', place: 'place',
  issueDate: 'issue_date', subject: 'subject', signerCapacity: 'signer_capacity', signerTitle: 'signer_title',
  signerName: 'signer_name', recipients: 'recipients',
};

function loadRow(db: AppDb, id: number): ReportRow {
  const row = db.sqlite.prepare(`${SELECT} where id = ? and deleted_at is null`).get(id) as ReportRow | undefined;
  if (!row) throw fail.notFound('báo cáo');
  return row;
}

function headerOf(row: ReportRow): ReportHeader {
  return {
    docNumber: row.docNumber, docSymbol: row.docSymbol, issuingBody: row.issuingBody, superiorBody: row.superiorBody,
    place: row.place, issueDate: row.issueDate, subject: row.subject, signerCapacity: row.signerCapacity,
    signerTitle: row.signerTitle, signerName: row.signerName, recipients: JSON.parse(row.recipients) as string[],
  };
}

function narrativeOf(row: ReportRow): ReportNarrative {
  return { achievements: row.narrativeAchievements, limitations: row.narrativeLimitations, nextTasks: row.narrativeNextTasks };
}

function toReport(row: ReportRow): Report {
  const meta = {
    id: row.id, version: row.version, year: row.year, quarter: row.quarter, status: row.status, basedOnId: row.basedOnId,
    createdAt: row.createdAt, createdBy: row.createdBy, updatedAt: row.updatedAt, issuedAt: row.issuedAt, issuedBy: row.issuedBy,
  };
  if (row.status === 'issued' && row.snapshot) {
    // An issued report is read only from what it froze, never from the live columns or records.
    const snap = JSON.parse(row.snapshot) as Snapshot;
    return { ...meta, header: snap.header, narrative: snap.narrative, figures: snap.figures, generatedNarrative: snap.generatedNarrative };
  }
  return {
    ...meta,
    header: headerOf(row),
    narrative: narrativeOf(row),
    figures: JSON.parse(row.figures) as ReportFigures,
    generatedNarrative: JSON.parse(row.generatedNarrative) as ReportNarrative,
  };
}

export function getReport(db: AppDb, id: number): Report {
  return toReport(loadRow(db, id));
}

export function listReports(db: AppDb): ReportSummary[] {
  return (
    db.sqlite
      .prepare(
        `select id, version, year, quarter, status, doc_number as docNumber, doc_symbol as docSymbol, issuing_body as issuingBody,
                subject, issue_date as issueDate, updated_at as updatedAt, issued_at as issuedAt, based_on_id as basedOnId
           from reports where deleted_at is null order by year desc, quarter desc, id desc`,
      )
      .all() as ReportSummary[]
  );
}

function requireDraft(row: ReportRow, version: number): void {
  if (row.status === 'issued') {
    throw fail.validation(`Báo cáo ${documentNumberLine(row.docNumber, row.docSymbol)} đã ban hành nên không sửa hay tính lại được. Hãy tạo bản nháp mới từ báo cáo này.`);
  }
  if (row.version !== version) throw fail.conflict(toReport(row));
}

// ---- Defaults for a new report ------------------------------------------------------------------------------

/** The subject's default; "{quý}" is replaced by "quý I năm 2025". An admin may change it in the settings. */
export const DEFAULT_SUBJECT_TEMPLATE = 'kết quả thực hiện Nghị quyết về phát triển nguồn nhân lực {quý}';
const SUBJECT_TEMPLATE_KEY = 'report.subjectTemplate';

/**
 * A new report's header: each field from the admin's settings if set, else from the most recent report (so the
 * clerk types the issuing body once), else empty. The number is never copied: each document gets its own.
 */
function defaultHeader(db: AppDb, q: Quarter): ReportHeader {
  const settings = readSettings(db);
  const lastRow = db.sqlite.prepare(`${SELECT} where deleted_at is null order by id desc limit 1`).get() as ReportRow | undefined;
  const last = lastRow ? toReport(lastRow).header : null;
  const pick = <K extends keyof typeof REPORT_SETTING_KEYS>(field: K): ReportHeader[K] => {
    const fromSettings = settings[REPORT_SETTING_KEYS[field]];
    if (field === 'recipients') {
      if (Array.isArray(fromSettings) && fromSettings.length) return fromSettings.map(String) as ReportHeader[K];
      if (typeof fromSettings === 'string' && fromSettings.trim()) return fromSettings.split('\n').map((s) => s.trim()).filter(Boolean) as ReportHeader[K];
      return (last?.recipients ?? []) as ReportHeader[K];
    }
    if (typeof fromSettings === 'string' && fromSettings.trim()) return fromSettings.trim() as ReportHeader[K];
    return (last?.[field] ?? '') as ReportHeader[K];
  };
  const template = typeof settings[SUBJECT_TEMPLATE_KEY] === 'string' && (settings[SUBJECT_TEMPLATE_KEY] as string).trim() ? (settings[SUBJECT_TEMPLATE_KEY] as string) : DEFAULT_SUBJECT_TEMPLATE;
  return ReportHeaderSchema.parse({
    docNumber: '',
    docSymbol: pick('docSymbol'),
    issuingBody: pick('issuingBody'),
    superiorBody: pick('superiorBody'),
    place: pick('place'),
    issueDate: null,
    subject: template.replace('{quý}', quarterWords(q.year, q.quarter)),
    signerCapacity: pick('signerCapacity'),
    signerTitle: pick('signerTitle'),
    signerName: pick('signerName'),
    recipients: pick('recipients'),
  });
}

// ---- Calls --------------------------------------------------------------------------------------------------

function insertReport(db: AppDb, ctx: CallContext, q: Quarter, header: ReportHeader, narrative: ReportNarrative, generated: ReportNarrative, figures: ReportFigures, basedOnId: number | null): number {
  const r = db.sqlite
    .prepare(
      `insert into reports (year, quarter, status, based_on_id, doc_number, doc_symbol, issuing_body, superior_body, place, issue_date,
         subject, signer_capacity, signer_title, signer_name, recipients, narrative_achievements, narrative_limitations,
         narrative_next_tasks, generated_narrative, figures, created_by)
       values (@year, @quarter, 'draft', @basedOnId, @docNumber, @docSymbol, @issuingBody, @superiorBody, @place, @issueDate,
         @subject, @signerCapacity, @signerTitle, @signerName, @recipients, @achievements, @limitations, @nextTasks, @generated, @figures, @actor)`,
    )
    .run({
      year: q.year, quarter: q.quarter, basedOnId, ...header, recipients: JSON.stringify(header.recipients), ...narrative,
      generated: JSON.stringify(generated), figures: JSON.stringify(figures), actor: ctx.actor,
    });
  return Number(r.lastInsertRowid);
}

export function createReport(db: AppDb, input: ParsedInput<'reports.create'>, ctx: CallContext, sources: FigureSources = DEFAULT_SOURCES): Report {
  const q = { year: input.year, quarter: input.quarter } as Quarter;
  // Figures are read before the write transaction: computing takes the longest and needs no lock.
  const figures = ReportFiguresSchema.parse(computeFigures(db, q, sources));
  const generated = generateNarrative(figures);
  return inTransaction(db, () => {
    let header = defaultHeader(db, q);
    let narrative = generated;
    if (input.fromReportId) {
      const from = getReport(db, input.fromReportId);
      const sameQuarter = from.year === q.year && from.quarter === q.quarter;
      // A correction of the same quarter keeps the subject and text; another quarter gets its own subject and draft.
      header = { ...from.header, docNumber: '', issueDate: null, subject: sameQuarter ? from.header.subject : header.subject };
      if (sameQuarter) narrative = from.narrative;
    }
    const id = insertReport(db, ctx, q, header, narrative, generated, figures, input.fromReportId ?? null);
    writeAudit(db, ctx, [{ action: 'create', entity: 'report', entityId: id, newValue: { year: q.year, quarter: q.quarter, basedOnId: input.fromReportId ?? null, header } }]);
    return getReport(db, id);
  });
}

export function updateReport(db: AppDb, input: ParsedInput<'reports.update'>, ctx: CallContext): Report {
  return inTransaction(db, () => {
    const row = loadRow(db, input.id);
    requireDraft(row, input.version);
    const beforeHeader = headerOf(row);
    const beforeNarrative = narrativeOf(row);
    const header = { ...beforeHeader, ...defined(input.header ?? {}) } as ReportHeader;
    const narrative = { ...beforeNarrative, ...defined(input.narrative ?? {}) } as ReportNarrative;
    const entries = [
      ...diffEntries('report', row.id, null, beforeHeader, header, HEADER_FIELDS),
      ...diffEntries('report', row.id, null, beforeNarrative, narrative, Object.keys(NARRATIVE_COLUMNS)).map((e) => ({ ...e, field: `narrative.${e.field}` })),
    ];
    if (entries.length === 0) return toReport(row);
    const sets = [...HEADER_FIELDS.map((f) => `${HEADER_COLUMNS[f]} = @${f}`), ...Object.entries(NARRATIVE_COLUMNS).map(([k, c]) => `${c} = @n_${k}`)];
    db.sqlite
      .prepare(`update reports set ${sets.join(', ')}, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = @id`)
      .run({
        id: row.id, ...header, recipients: JSON.stringify(header.recipients),
        ...Object.fromEntries(Object.entries(narrative).map(([k, v]) => [`n_${k}`, v])),
      });
    writeAudit(db, ctx, entries);
    return getReport(db, row.id);
  });
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function refreshReport(db: AppDb, input: ParsedInput<'reports.refresh'>, ctx: CallContext, sources: FigureSources = DEFAULT_SOURCES): Report {
  const first = loadRow(db, input.id);
  requireDraft(first, input.version);
  const figures = ReportFiguresSchema.parse(computeFigures(db, { year: first.year, quarter: first.quarter } as Quarter, sources));
  const generated = generateNarrative(figures);
  return inTransaction(db, () => {
    const row = loadRow(db, input.id);
    requireDraft(row, input.version);
    const oldGenerated = JSON.parse(row.generatedNarrative) as ReportNarrative;
    const narrative = narrativeOf(row);
    // A section the clerk has not touched (still equal to the old draft) follows the new figures; edited text stays.
    const next = Object.fromEntries(
      (Object.keys(NARRATIVE_COLUMNS) as (keyof ReportNarrative)[]).map((k) => [k, narrative[k] === oldGenerated[k] ? generated[k] : narrative[k]]),
    ) as ReportNarrative;
    const oldFigures = JSON.parse(row.figures) as ReportFigures;
    db.sqlite
      .prepare(
        `update reports set figures = @figures, generated_narrative = @generated, narrative_achievements = @achievements,
           narrative_limitations = @limitations, narrative_next_tasks = @nextTasks, version = version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = @id`,
      )
      .run({ id: row.id, figures: JSON.stringify(figures), generated: JSON.stringify(generated), ...next });
    writeAudit(db, ctx, [
      { action: 'update', entity: 'report', entityId: row.id, field: 'figures.computedAt', oldValue: oldFigures.computedAt, newValue: figures.computedAt },
      ...diffEntries('report', row.id, null, narrative, next, Object.keys(NARRATIVE_COLUMNS)).map((e) => ({ ...e, field: `narrative.${e.field}` })),
    ]);
    return getReport(db, row.id);
  });
}

/** What a report needs before it can be issued, as field -> Vietnamese message. */
function issueProblems(db: AppDb, row: ReportRow): Record<string, string> {
  const h = headerOf(row);
  const errors: Record<string, string> = {};
  const need = (field: keyof ReportHeader, label: string) => {
    const v = h[field];
    if (v === null || (typeof v === 'string' && v.trim() === '')) errors[field] = `Cần nhập ${label} trước khi ban hành.`;
  };
  need('docNumber', 'số văn bản');
  need('docSymbol', 'ký hiệu văn bản');
  need('issuingBody', 'cơ quan ban hành');
  need('place', 'địa danh');
  need('issueDate', 'ngày ban hành');
  need('subject', 'trích yếu');
  need('signerName', 'họ tên người ký');
  if (!errors.docNumber && h.issueDate) {
    const taken = db.sqlite
      .prepare(
        `select year, quarter from reports where deleted_at is null and status = 'issued' and id <> ? and doc_number = ? and doc_symbol = ?
            and substr(issue_date, 1, 4) = ?`,
      )
      .get(row.id, h.docNumber, h.docSymbol, h.issueDate.slice(0, 4)) as { year: number; quarter: number } | undefined;
    if (taken) {
      errors.docNumber = `${documentNumberLine(h.docNumber, h.docSymbol)} đã dùng cho báo cáo ${quarterLabel({ year: taken.year, quarter: taken.quarter as Quarter['quarter'] })}.`;
    }
  }
  return errors;
}

export function issueReport(db: AppDb, input: ParsedInput<'reports.issue'>, ctx: CallContext): Report {
  return inTransaction(db, () => {
    const row = loadRow(db, input.id);
    requireDraft(row, input.version);
    const problems = issueProblems(db, row);
    if (Object.keys(problems).length) throw fail.validation(`Chưa ban hành được: ${Object.values(problems)[0]}`, problems);
    // The snapshot is exactly what the clerk reviewed (the draft's stored figures and text), not a recomputation.
    const snapshot: Snapshot = {
      format: SNAPSHOT_FORMAT,
      header: headerOf(row),
      narrative: narrativeOf(row),
      figures: JSON.parse(row.figures) as ReportFigures,
      generatedNarrative: JSON.parse(row.generatedNarrative) as ReportNarrative,
    };
    db.sqlite
      .prepare(
        `update reports set status = 'issued', snapshot = ?, issued_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), issued_by = ?,
           version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
      )
      .run(JSON.stringify(snapshot), ctx.actor, row.id);
    writeAudit(db, ctx, [{ action: 'update', entity: 'report', entityId: row.id, field: 'status', oldValue: 'draft', newValue: 'issued' }]);
    return getReport(db, row.id);
  });
}

/** Stores the given header fields as the defaults new reports start from; one audit row per changed setting. */
export function saveReportDefaults(db: AppDb, input: ParsedInput<'reports.saveDefaults'>, ctx: CallContext): Record<string, unknown> {
  return inTransaction(db, () => {
    const read = db.sqlite.prepare('select value from settings where key = ?');
    const write = db.sqlite.prepare(
      `insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    );
    for (const [field, key] of Object.entries(REPORT_SETTING_KEYS) as [keyof typeof REPORT_SETTING_KEYS, string][]) {
      const value = JSON.stringify(input[field]);
      const before = (read.get(key) as { value: string } | undefined)?.value ?? null;
      if (before === value) continue;
      write.run(key, value);
      writeAudit(db, ctx, [{ action: 'update', entity: 'setting', entityId: 0, field: key, oldValue: before, newValue: input[field] }]);
    }
    return readSettings(db);
  });
}

export function deleteReport(db: AppDb, input: ParsedInput<'reports.delete'>, ctx: CallContext): { id: number } {
  return inTransaction(db, () => {
    const row = loadRow(db, input.id);
    if (row.status === 'issued') throw fail.validation('Báo cáo đã ban hành là văn bản lưu trữ, không xoá được.');
    if (row.version !== input.version) throw fail.conflict(toReport(row));
    db.sqlite.prepare(`update reports set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(row.id);
    writeAudit(db, ctx, [{ action: 'delete', entity: 'report', entityId: row.id, oldValue: { year: row.year, quarter: row.quarter, header: headerOf(row) } }]);
    return { id: row.id };
  });
}

