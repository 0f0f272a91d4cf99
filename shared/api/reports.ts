import { z } from 'zod';
import { defineCall } from './define';
import { id, isoDate, version } from './fields';

// The quarterly report (Báo cáo quý) on the resolution: a draft the clerk edits and recomputes, then issues.
// An issued report keeps a JSON snapshot of everything it printed, so it reprints exactly after records change.

// ---- Text fields --------------------------------------------------------------------------------------------

/** One line of header text (issuing body, place, signer...): trimmed, spaces collapsed, empty allowed in a draft. */
const lineText = (label: string, max = 200) =>
  z
    .string({ message: `${label} không hợp lệ.` })
    .max(max, { message: `${label} dài quá ${max} ký tự.` })
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim());

/** A narrative section: paragraphs kept (one per line), trailing spaces and runs of blank lines removed. */
const paragraphs = (label: string, max = 30_000) =>
  z
    .string({ message: `${label} không hợp lệ.` })
    .max(max, { message: `${label} dài quá ${max} ký tự.` })
    .transform((s) =>
      s
        .normalize('NFC')
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((l) => l.replace(/[ \t]+/g, ' ').trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
    );

// ---- The parts of a report ----------------------------------------------------------------------------------

/** What prints in the document's header and signature block. Every value is per report, never a constant. */
export const ReportHeaderSchema = z.object({
  /** The number part of "Số 12-BC/TU"; empty while a draft (assigned when the document is registered). */
  docNumber: lineText('Số văn bản', 20),
  /** The symbol part, e.g. "BC/TU". */
  docSymbol: lineText('Ký hiệu văn bản', 40),
  /** Printed in bold capitals at the top left, e.g. "TỈNH ỦY SÓC TRĂNG". */
  issuingBody: lineText('Cơ quan ban hành', 200),
  /** Printed above the issuing body in plain capitals, e.g. "ĐẢNG BỘ TỈNH SÓC TRĂNG"; empty if none. */
  superiorBody: lineText('Cơ quan cấp trên', 200),
  place: lineText('Địa danh', 60),
  issueDate: isoDate('Ngày ban hành').nullable(),
  /** The subject printed under "BÁO CÁO". */
  subject: lineText('Trích yếu', 400),
  /** "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ"... */
  signerCapacity: lineText('Thẩm quyền ký', 100),
  /** "PHÓ BÍ THƯ THƯỜNG TRỰC"... */
  signerTitle: lineText('Chức vụ người ký', 100),
  signerName: lineText('Họ tên người ký', 100),
  /** "Nơi nhận:" lines, e.g. "- Ban Tổ chức Trung ương,". */
  recipients: z
    .array(lineText('Nơi nhận', 200))
    .max(40, { message: 'Nơi nhận tối đa 40 dòng.' })
    .transform((lines) => lines.filter((l) => l !== '')),
});
export type ReportHeader = z.infer<typeof ReportHeaderSchema>;

export const ReportNarrativeSchema = z.object({
  achievements: paragraphs('Kết quả đạt được'),
  limitations: paragraphs('Hạn chế'),
  nextTasks: paragraphs('Nhiệm vụ quý tới'),
});
export type ReportNarrative = z.infer<typeof ReportNarrativeSchema>;
export type NarrativeKey = keyof ReportNarrative;
export const NARRATIVE_SECTIONS: { key: NarrativeKey; title: string }[] = [
  { key: 'achievements', title: 'Kết quả đạt được' },
  { key: 'limitations', title: 'Hạn chế' },
  { key: 'nextTasks', title: 'Nhiệm vụ quý tới' },
];

/** A column of the structure table: all, one level (tỉnh/huyện/xã) or one sector (unit kind). */
export const StructureColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  group: z.enum(['total', 'level', 'kind']),
});
export type StructureColumn = z.infer<typeof StructureColumnSchema>;

/** A row of the structure table (form 8B-BTCTW): a count of people, or an average (age). */
export const StructureRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** The heading the row belongs to, e.g. "Độ tuổi", "Trình độ chuyên môn". */
  section: z.string(),
  /** 0 = heading/total row, 1 = a part of it, 2 = "trong đó" of a part. */
  indent: z.number().int().min(0).max(2),
  measure: z.enum(['count', 'average']),
  /** Aligned with the columns. */
  values: z.array(z.number().nullable()),
});
export type StructureRow = z.infer<typeof StructureRowSchema>;

export const StructureTableSchema = z.object({
  asOf: z.string(),
  columns: z.array(StructureColumnSchema),
  rows: z.array(StructureRowSchema),
  /** Working cadres left out because no assignment was in force on the date (so no level or sector). */
  withoutAssignment: z.number(),
  /** How the figures were counted, printed under the table. */
  notes: z.array(z.string()),
});
export type StructureTable = z.infer<typeof StructureTableSchema>;

/** One person behind a cell of the structure table. */
export const StructureMemberSchema = z.object({
  cadreId: z.number(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  unitName: z.string(),
  postTitle: z.string().nullable(),
});
export type StructureMember = z.infer<typeof StructureMemberSchema>;

export const ReportIndicatorRowSchema = z.object({
  code: z.string(),
  text: z.string(),
  kind: z.string(),
  /** percent | per10k | absolute */
  unit: z.string(),
  target2025: z.number().nullable(),
  target2030: z.number().nullable(),
  value: z.number().nullable(),
  n: z.number().nullable(),
  N: z.number().nullable(),
  previousValue: z.number().nullable(),
  /** value - previousValue, in the indicator's unit (percentage points for %). */
  change: z.number().nullable(),
  /** The target the gap is measured against: 2025 up to that year, 2030 after. */
  gapTargetYear: z.number().nullable(),
  /** value - target; negative = still short of the target. */
  gap: z.number().nullable(),
  /** People still needed to reach that target (computed percentages); 0 when reached. */
  peopleNeeded: z.number().nullable(),
  /** dat | gan_dat | chua_dat | khong_ro (see INDICATOR_STATUS_LABELS). */
  status: z.string(),
  source: z.string().nullable(),
  note: z.string().nullable(),
});
export type ReportIndicatorRow = z.infer<typeof ReportIndicatorRowSchema>;

/** A labelled figure of the training and rotation sections. */
export const FigureLineSchema = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  format: z.enum(['int', 'money']),
});
export type FigureLine = z.infer<typeof FigureLineSchema>;

export const TrainingSectionSchema = z.object({
  available: z.boolean(),
  /** Why the section is empty ("Chưa có dữ liệu"...), when it is. */
  message: z.string().nullable(),
  lines: z.array(FigureLineSchema),
  courses: z.array(
    z.object({
      name: z.string(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      enrolled: z.number(),
      completed: z.number(),
      budget: z.number().nullable(),
    }),
  ),
});
export type TrainingSection = z.infer<typeof TrainingSectionSchema>;

export const RotationSectionSchema = z.object({
  available: z.boolean(),
  message: z.string().nullable(),
  lines: z.array(FigureLineSchema),
  items: z.array(
    z.object({
      cadreName: z.string(),
      type: z.string(),
      fromUnit: z.string().nullable(),
      toUnit: z.string(),
      startDate: z.string().nullable(),
      plannedEnd: z.string().nullable(),
      endDate: z.string().nullable(),
      /** started = began in the quarter, ended = ended in the quarter, ongoing = in progress at quarter end. */
      states: z.array(z.enum(['started', 'ended', 'ongoing'])),
    }),
  ),
});
export type RotationSection = z.infer<typeof RotationSectionSchema>;

/** Every figure of a report, computed for one quarter. Frozen into the snapshot when the report is issued. */
export const ReportFiguresSchema = z.object({
  year: z.number(),
  quarter: z.number(),
  periodStart: z.string(),
  asOf: z.string(),
  previousAsOf: z.string(),
  computedAt: z.string(),
  structure: StructureTableSchema,
  indicators: z.object({ available: z.boolean(), message: z.string().nullable(), rows: z.array(ReportIndicatorRowSchema) }),
  training: TrainingSectionSchema,
  rotations: RotationSectionSchema,
});
export type ReportFigures = z.infer<typeof ReportFiguresSchema>;

export const REPORT_STATUSES = { draft: 'Dự thảo', issued: 'Đã ban hành' } as const;
export const ReportStatusSchema = z.enum(['draft', 'issued']);

export const ReportSchema = z.object({
  id: z.number(),
  version: z.number(),
  year: z.number(),
  quarter: z.number(),
  status: ReportStatusSchema,
  header: ReportHeaderSchema,
  narrative: ReportNarrativeSchema,
  figures: ReportFiguresSchema,
  /** The factual draft generated from the figures; the clerk can put it back into a section. */
  generatedNarrative: ReportNarrativeSchema,
  basedOnId: z.number().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  issuedAt: z.string().nullable(),
  issuedBy: z.string().nullable(),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportSummarySchema = z.object({
  id: z.number(),
  version: z.number(),
  year: z.number(),
  quarter: z.number(),
  status: ReportStatusSchema,
  docNumber: z.string(),
  docSymbol: z.string(),
  issuingBody: z.string(),
  subject: z.string(),
  issueDate: z.string().nullable(),
  updatedAt: z.string(),
  issuedAt: z.string().nullable(),
  basedOnId: z.number().nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

const YearSchema = z
  .number({ message: 'Năm không hợp lệ.' })
  .int({ message: 'Năm không hợp lệ.' })
  .min(2000, { message: 'Năm phải từ 2000 đến 2100.' })
  .max(2100, { message: 'Năm phải từ 2000 đến 2100.' });
const QuarterSchema = z
  .number({ message: 'Quý không hợp lệ.' })
  .int({ message: 'Quý phải là 1, 2, 3 hoặc 4.' })
  .min(1, { message: 'Quý phải là 1, 2, 3 hoặc 4.' })
  .max(4, { message: 'Quý phải là 1, 2, 3 hoặc 4.' });

/** Settings keys holding the defaults a new report starts from (an admin sets them; each report may differ). */
export const REPORT_SETTING_KEYS = {
  docSymbol: 'report.docSymbol',
  issuingBody: 'report.issuingBody',
  superiorBody: 'report.superiorBody',
  place: 'report.place',
  signerCapacity: 'report.signerCapacity',
  signerTitle: 'report.signerTitle',
  signerName: 'report.signerName',
  recipients: 'report.recipients',
} as const satisfies Partial<Record<keyof ReportHeader, string>>;

export const reportsCalls = {
  'reports.list': defineCall({ input: z.object({}).default({}), output: z.array(ReportSummarySchema), access: 'read' }),
  /** A new draft for a quarter, its figures computed now; from an existing report, its header and text are copied. */
  'reports.create': defineCall({
    input: z.object({ year: YearSchema, quarter: QuarterSchema, fromReportId: id.optional() }),
    output: ReportSchema,
    access: 'write',
  }),
  'reports.get': defineCall({ input: z.object({ id }), output: ReportSchema, access: 'read' }),
  /** Edits a draft's header fields and narrative sections (only the parts given). */
  'reports.update': defineCall({
    input: z.object({
      id,
      version,
      header: ReportHeaderSchema.partial().optional(),
      narrative: ReportNarrativeSchema.partial().optional(),
    }),
    output: ReportSchema,
    access: 'write',
  }),
  /** Recomputes a draft's figures from the records as they are now; sections the clerk has not edited follow. */
  'reports.refresh': defineCall({ input: z.object({ id, version }), output: ReportSchema, access: 'write' }),
  /** Issues (ban hành) a draft: it is frozen with a snapshot of its figures and text. */
  'reports.issue': defineCall({ input: z.object({ id, version }), output: ReportSchema, access: 'write' }),
  /** Deletes a draft (issued reports are records and stay). */
  'reports.delete': defineCall({ input: z.object({ id, version }), output: z.object({ id: z.number() }), access: 'write' }),
  /** The people behind one cell of the structure table on a date (as the records stand now). */
  'reports.structureMembers': defineCall({
    input: z.object({ asOf: isoDate('Ngày'), rowKey: z.string().min(1).max(100), columnKey: z.string().min(1).max(100) }),
    output: z.array(StructureMemberSchema),
    access: 'read',
  }),
  /** Makes a report's header the default of the next reports (the settings report.*), in one transaction. */
  'reports.saveDefaults': defineCall({
    input: ReportHeaderSchema.omit({ docNumber: true, issueDate: true, subject: true }),
    output: z.record(z.string(), z.unknown()),
    access: 'admin',
  }),
  /** The report's tables as an .xlsx workbook (base64). */
  'reports.exportXlsx': defineCall({
    input: z.object({ id }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'read',
  }),
};
