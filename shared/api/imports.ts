import { z } from 'zod';
import { defineCall } from './define';
import { id, optionalText } from './fields';
import { CADRE_CATEGORIES } from '../domain/codes';

// Importing spreadsheets: analyze (read the file, guess the header and the mapping) -> preview (parse every row
// with the confirmed mapping into the staging table) -> rows (pages of the preview) -> commit (one transaction,
// one change batch) -> undo (the whole import as one step). Long steps report progress under a job id the
// renderer chooses, so it can poll `imports.progress` and `imports.cancel` while the step runs.

/**
 * cadres: the cadre records with their unit, post and levels; qualifications: diplomas one per row; enrolments: the
 * people of one training course; rotations: rotations (luân chuyển, điều động, biệt phái) of cadres on file.
 */
export const ImportTargetSchema = z.enum(['cadres', 'qualifications', 'enrolments', 'rotations']);
export const IMPORT_TARGETS: Record<z.infer<typeof ImportTargetSchema>, string> = {
  cadres: 'Hồ sơ cán bộ (kèm đơn vị, chức vụ, trình độ)',
  qualifications: 'Văn bằng, chứng chỉ (mỗi dòng một văn bằng)',
  enrolments: 'Danh sách học viên của một khoá đào tạo, bồi dưỡng',
  rotations: 'Danh sách luân chuyển, điều động, biệt phái cán bộ',
};
export type ImportTarget = z.infer<typeof ImportTargetSchema>;

const jobId = z.string().min(6).max(64);

export const ROW_STATUSES = {
  new: 'Thêm mới',
  update: 'Cập nhật',
  unchanged: 'Không đổi',
  error: 'Có lỗi',
  duplicate: 'Trùng trong tệp',
  skipped: 'Bỏ qua',
} as const;
export type ImportRowStatus = keyof typeof ROW_STATUSES;
export const ImportRowStatusSchema = z.enum(Object.keys(ROW_STATUSES) as [ImportRowStatus, ...ImportRowStatus[]]);

export const ImportFieldInfoSchema = z.object({ key: z.string(), label: z.string() });

export const AnalysisSchema = z.object({
  importId: z.number(),
  fileName: z.string(),
  sheets: z.array(z.object({ name: z.string(), rowCount: z.number() })),
  sheetName: z.string(),
  rowCount: z.number(),
  /** 0-based index of the first header row, and how many rows the header spans. */
  headerStart: z.number(),
  headerSpan: z.number(),
  /** Column labels as read (two-line headers joined with " / "), with a few sample values under each. */
  columns: z.array(z.object({ index: z.number(), label: z.string(), samples: z.array(z.string()) })),
  /** Field key per column, or null for "not imported". */
  mapping: z.array(z.string().nullable()),
  savedMapping: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** The fields a column can be mapped to. */
  fields: z.array(ImportFieldInfoSchema),
  /** The first rows of the sheet as text, so the clerk can see where the header is. */
  topRows: z.array(z.array(z.string())),
  /** True when no header line could be recognised; the clerk must pick the row. */
  headerGuessed: z.boolean(),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

export const ImportOptionsSchema = z.object({
  /** The category for rows whose file has no "Loại" column or leaves it blank. */
  defaultCategory: z.enum(Object.keys(CADRE_CATEGORIES) as [string, ...string[]]).nullable().default(null),
  /** Enrolments: the course the listed people are enrolled in, and how. */
  courseId: id.nullable().default(null),
  enrolmentStatus: z.enum(['proposed', 'nominated', 'studying']).default('proposed'),
  decisionNo: optionalText(100, 'Số quyết định cử đi học'),
  /** Rotations: the reason for going ahead despite rule warnings, for rows whose file gives none. */
  overrideReason: optionalText(1000, 'Lý do vượt quy định'),
});

export const CountsSchema = z.object({
  new: z.number(),
  update: z.number(),
  unchanged: z.number(),
  error: z.number(),
  duplicate: z.number(),
  skipped: z.number(),
});
export type ImportCounts = z.infer<typeof CountsSchema>;

export const PreviewSummarySchema = z.object({
  importId: z.number(),
  counts: CountsSchema,
  /** Unit names the file uses that match no unit, with how many rows use each. */
  unknownUnits: z.array(z.object({ name: z.string(), rows: z.number() })),
});
export type PreviewSummary = z.infer<typeof PreviewSummarySchema>;

export const ImportRowSchema = z.object({
  rowNo: z.number(),
  status: ImportRowStatusSchema,
  /** Parsed values as the clerk will see them, by field key. */
  values: z.record(z.string(), z.string()),
  /** Per-field (or "_" for the row) Vietnamese messages: errors for status error, warnings otherwise. */
  messages: z.array(z.object({ field: z.string(), message: z.string() })),
  changes: z.array(z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() })),
  matchId: z.number().nullable(),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const CommitSummarySchema = z.object({
  importId: z.number(),
  batchId: z.number(),
  counts: CountsSchema,
  /** Why rows were left out, by reason, with counts. */
  skippedReasons: z.array(z.object({ reason: z.string(), rows: z.number() })),
});
export type CommitSummary = z.infer<typeof CommitSummarySchema>;

export const ProgressSchema = z.object({
  /** reading | analysing | previewing | committing | undoing | done | failed | cancelled | unknown */
  phase: z.string(),
  label: z.string(),
  done: z.number(),
  total: z.number(),
  finished: z.boolean(),
});
export type ImportProgress = z.infer<typeof ProgressSchema>;

export const SavedMappingSchema = z.object({
  id: z.number(),
  target: z.string(),
  name: z.string(),
  signature: z.string(),
  headerSpan: z.number(),
  mapping: z.array(z.string().nullable()),
  updatedAt: z.string(),
});

export const ImportListItemSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  status: z.string(),
  rowCount: z.number(),
  counts: CountsSchema.nullable(),
  batchId: z.number().nullable(),
  actor: z.string(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});

/** Largest base64 text accepted: about 180 MB of file, under the web host's 256 MB body limit. */
const MAX_BASE64 = 240 * 1024 * 1024;

export const importsCalls = {
  'imports.analyze': defineCall({
    input: z.object({
      jobId,
      target: ImportTargetSchema.default('cadres'),
      fileName: z.string().min(1).max(260),
      contentBase64: z.string().min(1, { message: 'Tệp rỗng.' }).max(MAX_BASE64, { message: 'Tệp quá lớn (tối đa khoảng 180 MB).' }),
      sheetName: z.string().max(200).optional(),
    }),
    output: AnalysisSchema,
    access: 'write',
  }),
  /** Re-reads the header from another row (the clerk moved it), and guesses the mapping again. */
  'imports.header': defineCall({
    input: z.object({ importId: id, headerStart: z.number().int().min(0), headerSpan: z.number().int().min(1).max(2) }),
    output: AnalysisSchema,
    access: 'write',
  }),
  'imports.preview': defineCall({
    input: z.object({
      jobId,
      importId: id,
      headerStart: z.number().int().min(0),
      headerSpan: z.number().int().min(1).max(2),
      mapping: z.array(z.string().nullable()).max(500),
      options: ImportOptionsSchema.default({ defaultCategory: null, courseId: null, enrolmentStatus: 'proposed' }),
    }),
    output: PreviewSummarySchema,
    access: 'write',
  }),
  'imports.rows': defineCall({
    input: z.object({
      importId: id,
      status: ImportRowStatusSchema.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(200),
    }),
    output: z.object({ total: z.number(), rows: z.array(ImportRowSchema) }),
    access: 'read',
  }),
  'imports.commit': defineCall({
    input: z.object({ jobId, importId: id, saveMappingAs: optionalText(100, 'Tên cách ghép cột') }),
    output: CommitSummarySchema,
    access: 'write',
  }),
  'imports.undo': defineCall({
    input: z.object({ importId: id }),
    output: z.object({ importId: z.number(), undoBatchId: z.number(), removed: z.number(), restored: z.number() }),
    access: 'write',
  }),
  'imports.progress': defineCall({ input: z.object({ jobId }), output: ProgressSchema, access: 'read' }),
  /**
   * 'read' on purpose: it only flags the caller's own running job (the job id is the caller's random secret), and a
   * write call would wait behind the very commit it is meant to stop.
   */
  'imports.cancel': defineCall({ input: z.object({ jobId }), output: z.object({ cancelled: z.boolean() }), access: 'read' }),
  'imports.list': defineCall({ input: z.object({ limit: z.number().int().min(1).max(200).default(20) }), output: z.array(ImportListItemSchema), access: 'read' }),
  'imports.mappings': defineCall({ input: z.object({ target: ImportTargetSchema.default('cadres') }), output: z.array(SavedMappingSchema), access: 'read' }),
  'imports.deleteMapping': defineCall({ input: z.object({ id }), output: z.object({ id: z.number() }), access: 'write' }),
};
