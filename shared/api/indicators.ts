import { z } from 'zod';
import { defineCall } from './define';
import { id, isoDate, optionalIsoDate, optionalText, requiredText, version } from './fields';
import { CadreRowSchema } from './cadres';

// The resolution's indicators: resolutions, indicators with their targets, the definitions of computed
// indicators (population + counted condition, as data), the per-post training standard ("đạt chuẩn"),
// quarterly entered statistics, and the computation results the dashboard and the printed report show.

// ---- Vocabularies ---------------------------------------------------------------------------------------------

export const INDICATOR_KINDS = { computed: 'Tính từ hồ sơ', entered: 'Nhập số liệu' } as const;
export const IndicatorKindSchema = z.enum(['computed', 'entered'], { message: 'Loại chỉ tiêu không hợp lệ.' });
export type IndicatorKind = z.infer<typeof IndicatorKindSchema>;

export const INDICATOR_UNITS = { percent: 'Tỷ lệ %', per10k: 'Trên vạn dân', absolute: 'Số tuyệt đối' } as const;
export const IndicatorUnitSchema = z.enum(['percent', 'per10k', 'absolute'], { message: 'Đơn vị tính không hợp lệ.' });
export type IndicatorUnit = z.infer<typeof IndicatorUnitSchema>;

export const MEMBER_SETS = { numerator: 'Đạt (tử số)', denominator: 'Tổng số (mẫu số)', gap: 'Chưa đạt' } as const;
export const MemberSetSchema = z.enum(['numerator', 'denominator', 'gap'], { message: 'Nhóm người không hợp lệ.' });
export type MemberSet = z.infer<typeof MemberSetSchema>;

// ---- Definitions of computed indicators (stored as JSON in indicators.definition) ----------------------------

const listOf = (label: string) => z.array(z.string().min(1, { message: `${label} không được để trống.` }).max(64)).max(50);

/** Who is counted in the denominator on a date. Every given field narrows the population; omitted = no condition. */
export const PopulationSchema = z
  .object({
    /** Level of the unit of the cadre's assignment on the date (tinh/huyen/xa). */
    unitLevels: listOf('Cấp đơn vị').optional(),
    /** Unit kinds to include (omitted: all kinds). */
    unitKinds: listOf('Loại đơn vị').optional(),
    /** Unit kinds to exclude for everybody. */
    excludeUnitKinds: listOf('Loại đơn vị').optional(),
    /** Cadre categories to include (can_bo, cong_chuc, vien_chuc, khac). */
    categories: listOf('Loại cán bộ').optional(),
    /** Exclusion rules: a cadre matching every given field of one rule is left out (e.g. viên chức of education and health units). */
    exclude: z
      .array(z.object({ categories: listOf('Loại cán bộ').optional(), unitKinds: listOf('Loại đơn vị').optional(), unitLevels: listOf('Cấp đơn vị').optional() }))
      .max(20)
      .optional(),
    /** Roles active on the date; the cadre needs at least one of them. */
    flagsAny: listOf('Vai trò').optional(),
    /** Only cadres of an ethnic minority (code list ethnicity, attrs.minority). */
    ethnicMinority: z.boolean().optional(),
    /** Only cadres working in a unit flagged as in direct contact with ethnic-minority people. */
    ethnicContactUnit: z.boolean().optional(),
  })
  .strict();
export type Population = z.infer<typeof PopulationSchema>;

export type Condition =
  | { type: 'levelAtLeast'; category: string; level: string }
  | { type: 'hasLevel'; category: string; levels: string[] }
  | { type: 'levelAttr'; category: string; attr: string }
  | { type: 'fluencyAttr'; category: string; attr: string }
  | { type: 'meetsStandard'; standardSet: string }
  | { type: 'all'; of: Condition[] }
  | { type: 'any'; of: Condition[] }
  | { type: 'not'; cond: Condition };

/**
 * What counts a cadre of the population in the numerator; qualifications count when awarded on or before the date.
 * - levelAtLeast: highest level in the category has a rank ≥ the named level's rank;
 * - hasLevel: holds a qualification at one of the named levels;
 * - levelAttr: holds a qualification whose level has the attribute (e.g. attrs.postgraduate, attrs.doctorate);
 * - fluencyAttr: holds a qualification whose self/assessed fluency has the attribute (attrs.fluent);
 * - meetsStandard: meets the training standard of the cadre's post (table training_standards, by set).
 */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('levelAtLeast'), category: z.string().min(1), level: z.string().min(1) }).strict(),
    z.object({ type: z.literal('hasLevel'), category: z.string().min(1), levels: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ type: z.literal('levelAttr'), category: z.string().min(1), attr: z.string().min(1) }).strict(),
    z.object({ type: z.literal('fluencyAttr'), category: z.string().min(1), attr: z.string().min(1) }).strict(),
    z.object({ type: z.literal('meetsStandard'), standardSet: z.string().min(1) }).strict(),
    z.object({ type: z.literal('all'), of: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ type: z.literal('any'), of: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ type: z.literal('not'), cond: ConditionSchema }).strict(),
  ]),
);

export const IndicatorDefinitionSchema = z.object({ population: PopulationSchema, counted: ConditionSchema }).strict();
export type IndicatorDefinition = z.infer<typeof IndicatorDefinitionSchema>;

// ---- Training standards ("đạt chuẩn") --------------------------------------------------------------------------

/**
 * One row of a standard set: who it applies to (every given field must match; the first matching row by sort
 * order wins) and the minimum levels required (a level key of the category's code list; omitted = no requirement).
 */
export const TrainingStandardSchema = z.object({
  id: z.number(),
  version: z.number(),
  standardSet: z.string(),
  label: z.string(),
  sortOrder: z.number(),
  positionCodes: z.array(z.string()).nullable(),
  unitLevels: z.array(z.string()).nullable(),
  categories: z.array(z.string()).nullable(),
  minGeneral: z.string().nullable(),
  minProfessional: z.string().nullable(),
  minPolitical: z.string().nullable(),
  minStateMgmt: z.string().nullable(),
  note: z.string().nullable(),
});
export type TrainingStandard = z.infer<typeof TrainingStandardSchema>;

const nullableList = z.array(z.string().min(1).max(64)).max(50).nullable().optional();
const nullableKey = z.string().max(64).nullable().optional();
// No defaults here: a partial (update) must leave unnamed fields alone, and zod applies defaults even in .partial().
const TrainingStandardFields = {
  standardSet: requiredText('Bộ tiêu chuẩn', 64),
  label: requiredText('Tên tiêu chuẩn', 300),
  sortOrder: z.number().int(),
  positionCodes: nullableList,
  unitLevels: nullableList,
  categories: nullableList,
  minGeneral: nullableKey,
  minProfessional: nullableKey,
  minPolitical: nullableKey,
  minStateMgmt: nullableKey,
  note: optionalText(1000, 'Ghi chú'),
};
export const TrainingStandardFieldsSchema = z.object({ ...TrainingStandardFields, sortOrder: TrainingStandardFields.sortOrder.default(0) });
const TrainingStandardChangesSchema = z.object(TrainingStandardFields).partial();

// ---- Resolutions, indicators, targets ----------------------------------------------------------------------

export const ResolutionSchema = z.object({
  id: z.number(),
  version: z.number(),
  name: z.string(),
  number: z.string().nullable(),
  issuedDate: z.string().nullable(),
  issuingBody: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  note: z.string().nullable(),
});
export type Resolution = z.infer<typeof ResolutionSchema>;

export const ResolutionFieldsSchema = z.object({
  name: requiredText('Tên nghị quyết', 500),
  number: optionalText(60, 'Số hiệu'),
  issuedDate: optionalIsoDate('Ngày ban hành'),
  issuingBody: optionalText(300, 'Cơ quan ban hành'),
  periodStart: optionalIsoDate('Ngày bắt đầu giai đoạn'),
  periodEnd: optionalIsoDate('Ngày kết thúc giai đoạn'),
  note: optionalText(2000, 'Ghi chú'),
});

export const TargetSchema = z.object({ id: z.number(), version: z.number(), year: z.number(), value: z.number(), note: z.string().nullable() });
export type Target = z.infer<typeof TargetSchema>;

export const IndicatorSchema = z.object({
  id: z.number(),
  version: z.number(),
  resolutionId: z.number(),
  code: z.string(),
  text: z.string(),
  kind: IndicatorKindSchema,
  unit: IndicatorUnitSchema,
  sortOrder: z.number(),
  definition: IndicatorDefinitionSchema.nullable(),
  ruleText: z.string().nullable(),
  note: z.string().nullable(),
  targets: z.array(TargetSchema),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

const code = z
  .string({ message: 'Mã chỉ tiêu không được để trống.' })
  .trim()
  .min(1, { message: 'Mã chỉ tiêu không được để trống.' })
  .max(20, { message: 'Mã chỉ tiêu dài quá 20 ký tự.' })
  .regex(/^[0-9A-Za-z.\-_]+$/, { message: 'Mã chỉ tiêu chỉ gồm chữ, số, dấu chấm, gạch (ví dụ 1a, 4b.ts).' });

const IndicatorFields = {
  code,
  text: requiredText('Nội dung chỉ tiêu', 1000),
  kind: IndicatorKindSchema,
  unit: IndicatorUnitSchema,
  sortOrder: z.number().int(),
  definition: IndicatorDefinitionSchema.nullable().optional(),
  ruleText: optionalText(2000, 'Cách tính'),
  note: optionalText(2000, 'Ghi chú'),
};
export const IndicatorFieldsSchema = z.object({ ...IndicatorFields, unit: IndicatorFields.unit.default('percent'), sortOrder: IndicatorFields.sortOrder.default(0) });
/** Changes name only what they change (no defaults). */
const IndicatorChangesSchema = z.object(IndicatorFields).partial();

const year = z.number({ message: 'Năm phải là số.' }).int({ message: 'Năm phải là số nguyên.' }).min(2000, { message: 'Năm phải từ 2000 đến 2100.' }).max(2100, { message: 'Năm phải từ 2000 đến 2100.' });
const quarter = z.number({ message: 'Quý phải là số.' }).int().min(1, { message: 'Quý phải từ 1 đến 4.' }).max(4, { message: 'Quý phải từ 1 đến 4.' });
const finite = (label: string) => z.number({ message: `${label} phải là số.` }).refine(Number.isFinite, { message: `${label} phải là số.` });

// ---- Entered statistics -------------------------------------------------------------------------------------

/** One entered value; every change is a new row, the latest per indicator and quarter counts. */
export const EnteredValueSchema = z.object({
  id: z.number(),
  indicatorId: z.number(),
  year: z.number(),
  quarter: z.number(),
  /** null = the value was cleared (kept as history). */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  enteredAt: z.string(),
  enteredBy: z.string(),
});
export type EnteredValue = z.infer<typeof EnteredValueSchema>;

// ---- Results --------------------------------------------------------------------------------------------------

/** One indicator's figure on a date. The report (Báo cáo quý) and the dashboard both read this. */
export const IndicatorResultSchema = z.object({
  indicatorId: z.number(),
  code: z.string(),
  text: z.string(),
  kind: IndicatorKindSchema,
  unit: IndicatorUnitSchema,
  /** Numerator (people counted) for computed ones; the entered numerator, if any, for entered ones. */
  n: z.number().nullable(),
  /** Denominator (population). */
  N: z.number().nullable(),
  /** percent: 0-100; per10k and absolute: the figure itself. null when there is nothing to show (N = 0, nothing entered). */
  value: z.number().nullable(),
  targets: z.array(z.object({ year: z.number(), value: z.number() })),
  /** Entered indicators: the source named by the clerk. */
  source: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  /** Human-readable Vietnamese rule: who is counted and what counts (e.g. what is "sau đại học"). */
  rule: z.string().optional(),
  /** Entered indicators: the quarter whose value is shown (may be an earlier quarter when the current one is missing). */
  valueQuarter: z.object({ year: z.number(), quarter: z.number() }).nullable().optional(),
  /** People still needed to reach the nearer target (computed percent indicators); 0 when reached. */
  gap: z.number().nullable().optional(),
  /** The target the gap and status compare with. */
  gapTarget: z.object({ year: z.number(), value: z.number() }).nullable().optional(),
  status: z.enum(['dat', 'gan_dat', 'chua_dat', 'khong_ro']).optional(),
});
export type IndicatorResult = z.infer<typeof IndicatorResultSchema>;
export type IndicatorStatus = NonNullable<IndicatorResult['status']>;

export const INDICATOR_STATUS_LABELS: Record<IndicatorStatus, string> = {
  dat: 'Đạt',
  gan_dat: 'Gần đạt',
  chua_dat: 'Chưa đạt',
  khong_ro: 'Chưa có số liệu',
};

/** Within this many percentage points (or this share of the target for non-percent figures) counts as "gần đạt". */
export const NEAR_TARGET_POINTS = 5;

/** The target to compare with on a date: the first target in or after the date's year, else the last one. */
export function nearerTarget(targets: { year: number; value: number }[], onDate: string): { year: number; value: number } | null {
  if (targets.length === 0) return null;
  const y = Number(onDate.slice(0, 4));
  const sorted = [...targets].sort((a, b) => a.year - b.year);
  return sorted.find((t) => t.year >= y) ?? sorted[sorted.length - 1];
}

/** Status and the people gap of a figure against its nearer target. */
export function assessResult(
  r: Pick<IndicatorResult, 'unit' | 'n' | 'N' | 'value' | 'targets'>,
  onDate: string,
): { status: IndicatorStatus; gap: number | null; gapTarget: { year: number; value: number } | null } {
  const t = nearerTarget(r.targets, onDate);
  if (!t || r.value === null) return { status: 'khong_ro', gap: null, gapTarget: t };
  let gap: number | null = null;
  if (r.unit === 'percent' && r.n !== null && r.N !== null && r.N > 0) {
    // Smallest whole number of extra people that brings n / N to the target (rounding guards against 0.7*10 = 7.000000001).
    const needed = Math.ceil(Math.round(((t.value * r.N) / 100) * 1e6) / 1e6);
    gap = Math.max(0, needed - r.n);
  }
  const reached = gap !== null ? gap === 0 : r.value >= t.value - 1e-9;
  if (reached) return { status: 'dat', gap, gapTarget: t };
  const near = r.unit === 'percent' ? r.value >= t.value - NEAR_TARGET_POINTS : r.value >= t.value * 0.95;
  return { status: near ? 'gan_dat' : 'chua_dat', gap, gapTarget: t };
}

// ---- Calls ----------------------------------------------------------------------------------------------------

const SeriesPointSchema = z.object({
  year: z.number(),
  quarter: z.number(),
  onDate: z.string(),
  n: z.number().nullable(),
  N: z.number().nullable(),
  value: z.number().nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const MemberRowSchema = CadreRowSchema;

export const indicatorsCalls = {
  /** Every indicator of a resolution (the first one if not named) with its figure on the date. */
  'indicators.compute': defineCall({
    input: z.object({ onDate: isoDate('Ngày tính'), resolutionId: id.optional() }),
    output: z.array(IndicatorResultSchema),
    access: 'read',
  }),
  /** Quarter-end figures from `from` to `to` (defaults: 2021 Q1 to the last finished quarter). */
  'indicators.series': defineCall({
    input: z.object({ indicatorId: id.optional(), resolutionId: id.optional(), from: optionalIsoDate('Từ ngày'), to: optionalIsoDate('Đến ngày') }),
    output: z.array(z.object({ indicatorId: z.number(), code: z.string(), points: z.array(SeriesPointSchema) })),
    access: 'read',
  }),
  /** The people behind a figure: numerator, denominator, or those in the denominator not yet counted. */
  'indicators.members': defineCall({
    input: z.object({ indicatorId: id, onDate: isoDate('Ngày tính'), set: MemberSetSchema }),
    output: z.array(MemberRowSchema),
    access: 'read',
  }),

  'indicators.resolutions': defineCall({ input: z.object({}).default({}), output: z.array(ResolutionSchema), access: 'read' }),
  'indicators.createResolution': defineCall({ input: ResolutionFieldsSchema, output: ResolutionSchema, access: 'write' }),
  'indicators.updateResolution': defineCall({
    input: z.object({ id, version, changes: ResolutionFieldsSchema.partial() }),
    output: ResolutionSchema,
    access: 'write',
  }),
  'indicators.deleteResolution': defineCall({ input: z.object({ id, version }), output: z.object({ ok: z.literal(true) }), access: 'write' }),

  'indicators.list': defineCall({
    input: z.object({ resolutionId: id.optional() }).default({}),
    output: z.array(IndicatorSchema),
    access: 'read',
  }),
  'indicators.create': defineCall({
    input: IndicatorFieldsSchema.extend({
      resolutionId: id,
      targets: z.array(z.object({ year, value: finite('Mục tiêu'), note: optionalText(500, 'Ghi chú') })).max(20).default([]),
    }),
    output: IndicatorSchema,
    access: 'write',
  }),
  'indicators.update': defineCall({
    input: z.object({ id, version, changes: IndicatorChangesSchema }),
    output: IndicatorSchema,
    access: 'write',
  }),
  'indicators.delete': defineCall({ input: z.object({ id, version }), output: z.object({ ok: z.literal(true) }), access: 'write' }),
  /** Sets (creates or changes) the target of a year; value null removes it. */
  'indicators.setTarget': defineCall({
    input: z.object({ indicatorId: id, year, value: finite('Mục tiêu').nullable(), note: optionalText(500, 'Ghi chú'), version: version.optional() }),
    output: IndicatorSchema,
    access: 'write',
  }),

  'indicators.enterValue': defineCall({
    input: z.object({
      indicatorId: id,
      year,
      quarter,
      value: finite('Giá trị').nullable(),
      numerator: finite('Tử số').nullable().optional(),
      denominator: finite('Mẫu số').nullable().optional(),
      source: optionalText(500, 'Nguồn số liệu'),
      note: optionalText(1000, 'Ghi chú'),
    }),
    output: EnteredValueSchema,
    access: 'write',
  }),
  /** Entered values: the latest per indicator and quarter, or with history the whole trail (newest first). */
  'indicators.enteredValues': defineCall({
    input: z.object({ indicatorId: id.optional(), resolutionId: id.optional(), history: z.boolean().default(false) }).default({ history: false }),
    output: z.array(EnteredValueSchema),
    access: 'read',
  }),

  'indicators.standards': defineCall({ input: z.object({ standardSet: z.string().optional() }).default({}), output: z.array(TrainingStandardSchema), access: 'read' }),
  'indicators.createStandard': defineCall({ input: TrainingStandardFieldsSchema, output: TrainingStandardSchema, access: 'write' }),
  'indicators.updateStandard': defineCall({
    input: z.object({ id, version, changes: TrainingStandardChangesSchema }),
    output: TrainingStandardSchema,
    access: 'write',
  }),
  'indicators.deleteStandard': defineCall({ input: z.object({ id, version }), output: z.object({ ok: z.literal(true) }), access: 'write' }),
};
