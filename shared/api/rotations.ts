import { z } from 'zod';
import { defineCall } from './define';
import { codeKey, id, isoDate, optionalIsoDate, optionalText, version, enumOf } from './fields';

// The rotations area: rotations (luân chuyển, điều động, biệt phái), planning records (quy hoạch) that the
// rotation rules read, the dated rule sets themselves, and the roster of a unit on a date.

export const ROTATION_TYPES = {
  luan_chuyen: 'Luân chuyển',
  dieu_dong: 'Điều động',
  biet_phai: 'Biệt phái',
  khac: 'Khác',
} as const;
export type RotationType = keyof typeof ROTATION_TYPES;

export const ROTATION_STATUSES = {
  planned: 'Dự kiến',
  in_progress: 'Đang luân chuyển',
  ended: 'Đã kết thúc',
  cancelled: 'Đã huỷ',
} as const;
export type RotationStatus = keyof typeof ROTATION_STATUSES;

/** Levels of a planning record (whose planning list the cadre is on). */
export const PLANNING_LEVELS = {
  trung_uong: 'Diện Trung ương quản lý',
  tinh: 'Diện Ban Thường vụ Tỉnh ủy quản lý',
  co_so: 'Cấp huyện, cơ sở và tương đương',
  phong: 'Cấp phòng và tương đương',
} as const;

export const PLANNING_STATUSES = {
  hieu_luc: 'Đang trong quy hoạch',
  da_bo_nhiem: 'Đã bổ nhiệm',
  dua_ra: 'Đã đưa ra khỏi quy hoạch',
} as const;

/**
 * Rule kinds the app knows how to evaluate. A rule set lists which apply and with which threshold, so a new
 * regulation with other numbers is data entry; a new *kind* of rule needs code.
 */
export const ROTATION_RULE_KINDS = {
  min_months: 'Thời gian luân chuyển tối thiểu (tháng)',
  in_planning: 'Cán bộ phải trong quy hoạch',
  min_years_before_retirement: 'Thời gian công tác còn lại tối thiểu trước tuổi nghỉ hưu (năm)',
  post_equivalent_or_higher: 'Chức vụ nơi đến tương đương hoặc cao hơn',
} as const;
export type RotationRuleKind = keyof typeof ROTATION_RULE_KINDS;

export const RotationTypeSchema = enumOf(ROTATION_TYPES, 'Hình thức');
export const RotationStatusSchema = enumOf(ROTATION_STATUSES, 'Trạng thái');

/** A rule that is not met: named, so the clerk knows what they override. */
export const RuleWarningSchema = z.object({
  ruleSet: z.string(),
  rule: z.string(),
  /** The field the warning is about, to mark the right cell or input. */
  field: z.string(),
  message: z.string(),
});
export type RuleWarning = z.infer<typeof RuleWarningSchema>;

export const RotationRowSchema = z.object({
  id: z.number(),
  version: z.number(),
  cadreId: z.number(),
  cadreName: z.string(),
  type: z.string(),
  fromUnitId: z.number().nullable(),
  fromPostTitle: z.string().nullable(),
  fromPositionCode: z.string().nullable(),
  toUnitId: z.number(),
  toPostTitle: z.string().nullable(),
  toPositionCode: z.string().nullable(),
  decisionNo: z.string().nullable(),
  decisionDate: z.string().nullable(),
  decisionBody: z.string().nullable(),
  plannedStart: z.string(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  status: z.string(),
  purpose: z.string().nullable(),
  note: z.string().nullable(),
  overrideReason: z.string().nullable(),
  overriddenWarnings: z.array(RuleWarningSchema),
  cancelReason: z.string().nullable(),
  /** The rule set that judges this rotation (chosen by its start date), and what it says now. */
  ruleSetCode: z.string().nullable(),
  warnings: z.array(RuleWarningSchema),
  deletedAt: z.string().nullable(),
});
export type RotationRow = z.infer<typeof RotationRowSchema>;

const requiredDate = (label: string) => z.string({ message: `${label} không được để trống.` }).pipe(isoDate(label));

/** What a clerk enters for a rotation. The origin defaults to the cadre's assignment on the planned start. */
export const RotationFieldsSchema = z.object({
  cadreId: id,
  type: RotationTypeSchema,
  fromUnitId: id.nullable().optional(),
  fromPostTitle: optionalText(200, 'Chức vụ nơi đi'),
  fromPositionCode: codeKey.nullable().optional(),
  toUnitId: id,
  toPostTitle: optionalText(200, 'Chức vụ nơi đến'),
  toPositionCode: codeKey.nullable().optional(),
  decisionNo: optionalText(60, 'Số quyết định'),
  decisionDate: optionalIsoDate('Ngày quyết định'),
  decisionBody: optionalText(200, 'Cơ quan ra quyết định'),
  plannedStart: requiredDate('Ngày bắt đầu dự kiến'),
  plannedEnd: requiredDate('Ngày kết thúc dự kiến'),
  purpose: optionalText(500, 'Mục đích'),
  note: optionalText(2000, 'Ghi chú'),
  /** Required when a rule warns; stored with the warnings it covers. */
  overrideReason: optionalText(1000, 'Lý do vượt quy định'),
});
export type RotationFields = z.infer<typeof RotationFieldsSchema>;

export const RotationChangesSchema = RotationFieldsSchema.omit({ cadreId: true }).partial().extend({
  plannedStart: isoDate('Ngày bắt đầu dự kiến').optional(),
  plannedEnd: isoDate('Ngày kết thúc dự kiến').optional(),
});

const UpdateItem = z.object({ id, version, changes: RotationChangesSchema });

export const RotationCheckSchema = z.object({
  ruleSet: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** Hard errors (refused), field -> message. */
  errors: z.record(z.string(), z.string()),
  warnings: z.array(RuleWarningSchema),
  /** The origin the rotation would default to (the cadre's assignment on the planned start). */
  defaultFrom: z.object({ unitId: z.number(), postTitle: z.string().nullable(), positionCode: z.string().nullable() }).nullable(),
  /** The cadre's retirement date by the schedule, when the birth date is known. */
  retirementDate: z.string().nullable(),
});

export const PlanningRecordSchema = z.object({
  id: z.number(),
  version: z.number(),
  cadreId: z.number(),
  cadreName: z.string(),
  positionCode: z.string().nullable(),
  postTitle: z.string().nullable(),
  level: z.string(),
  periodFrom: z.number(),
  periodTo: z.number(),
  status: z.string(),
  decisionNo: z.string().nullable(),
  note: z.string().nullable(),
  deletedAt: z.string().nullable(),
});
export type PlanningRecord = z.infer<typeof PlanningRecordSchema>;

const year = (label: string) =>
  z.number({ message: `${label} phải là năm (ví dụ 2025).` }).int({ message: `${label} phải là năm.` }).min(1990, { message: `${label} không hợp lệ.` }).max(2100, { message: `${label} không hợp lệ.` });

export const PlanningFieldsSchema = z.object({
  cadreId: id,
  positionCode: codeKey.nullable().optional(),
  postTitle: optionalText(200, 'Chức danh quy hoạch'),
  level: enumOf(PLANNING_LEVELS, 'Cấp quy hoạch'),
  periodFrom: year('Năm bắt đầu nhiệm kỳ'),
  periodTo: year('Năm kết thúc nhiệm kỳ'),
  status: enumOf(PLANNING_STATUSES, 'Trạng thái quy hoạch').default('hieu_luc'),
  decisionNo: optionalText(60, 'Số quyết định'),
  note: optionalText(1000, 'Ghi chú'),
});

export const RuleSchema = z.object({
  kind: z.enum(Object.keys(ROTATION_RULE_KINDS) as [RotationRuleKind, ...RotationRuleKind[]], { message: 'Loại quy tắc không hợp lệ.' }),
  value: z.number().min(0, { message: 'Ngưỡng không được âm.' }).max(1000).nullable().optional(),
  label: z.string().max(300),
});
export type Rule = z.infer<typeof RuleSchema>;

export const RuleSetSchema = z.object({
  id: z.number(),
  version: z.number(),
  code: z.string(),
  name: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  rules: z.array(RuleSchema),
  note: z.string().nullable(),
});
export type RuleSet = z.infer<typeof RuleSetSchema>;

export const RetirementBandSchema = z.object({
  id: z.number(),
  sex: z.string(),
  bornFrom: z.string().nullable(),
  bornTo: z.string().nullable(),
  ageYears: z.number(),
  ageMonths: z.number(),
  source: z.string().nullable(),
});

export const RosterEntrySchema = z.object({
  cadreId: z.number(),
  fullName: z.string(),
  unitId: z.number(),
  postTitle: z.string().nullable(),
  positionCode: z.string().nullable(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  /** The rotation that placed the cadre here (rotated in) or took them away (rotated out), if any. */
  rotationId: z.number().nullable(),
});
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

export const rotationsCalls = {
  'rotations.list': defineCall({
    input: z.object({
      includeDeleted: z.boolean().default(false),
      status: RotationStatusSchema.optional(),
      type: RotationTypeSchema.optional(),
      /** Rotations going to or coming from this unit (and its sub-units). */
      unitId: id.optional(),
      /** Rotations whose period (actual, else planned) touches this year. */
      year: z.number().int().min(1990).max(2100).optional(),
    }).default({ includeDeleted: false }),
    output: z.array(RotationRowSchema),
    access: 'read',
  }),
  'rotations.get': defineCall({ input: z.object({ id }), output: RotationRowSchema, access: 'read' }),
  /** A cadre's rotation history, newest first (the cadre detail panel shows it). */
  'rotations.forCadre': defineCall({ input: z.object({ cadreId: id }), output: z.array(RotationRowSchema), access: 'read' }),
  /** Evaluates a draft (new or changed) against the hard checks and the rule set of its start date. */
  'rotations.check': defineCall({
    input: RotationFieldsSchema.partial().extend({ id: id.optional() }),
    output: RotationCheckSchema,
    access: 'read',
  }),
  'rotations.create': defineCall({ input: RotationFieldsSchema, output: RotationRowSchema, access: 'write' }),
  'rotations.update': defineCall({ input: UpdateItem, output: RotationRowSchema, access: 'write' }),
  /** Several rows at once (a paste, an undo): one transaction, all or nothing. */
  'rotations.bulkUpdate': defineCall({
    input: z.object({ items: z.array(UpdateItem).min(1).max(10_000), kind: z.enum(['paste', 'undo', 'redo', 'edit']).default('edit') }),
    output: z.object({ rows: z.array(RotationRowSchema), batchId: z.number() }),
    access: 'write',
  }),
  /** Starts the rotation: closes the current assignment the day before and opens the destination one. */
  'rotations.start': defineCall({
    input: z.object({ id, version, actualStart: requiredDate('Ngày bắt đầu thực tế') }),
    output: RotationRowSchema,
    access: 'write',
  }),
  /** Ends it: closes the destination assignment and opens the return (or next) post from the next day. */
  'rotations.end': defineCall({
    input: z.object({
      id,
      version,
      actualEnd: requiredDate('Ngày kết thúc thực tế'),
      next: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('return') }),
        z.object({ kind: z.literal('other'), unitId: id, postTitle: optionalText(200, 'Chức vụ'), positionCode: codeKey.nullable().optional() }),
        z.object({ kind: z.literal('none') }),
      ], { message: 'Hãy chọn nơi công tác sau luân chuyển.' }),
    }),
    output: RotationRowSchema,
    access: 'write',
  }),
  /** Undoes the last step (start or end), restoring the assignments exactly as they were. */
  'rotations.undoStep': defineCall({ input: z.object({ id, version }), output: RotationRowSchema, access: 'write' }),
  'rotations.cancel': defineCall({
    input: z.object({ id, version, reason: optionalText(500, 'Lý do huỷ') }),
    output: RotationRowSchema,
    access: 'write',
  }),
  'rotations.delete': defineCall({ input: z.object({ id, version }), output: RotationRowSchema, access: 'write' }),
  'rotations.restore': defineCall({ input: z.object({ id }), output: RotationRowSchema, access: 'write' }),
  /** Rotations whose planned end is within the next N days, and the overdue ones (planned end passed, not ended). */
  'rotations.endingSoon': defineCall({
    input: z.object({ withinDays: z.number().int().min(1).max(3650).default(90), onDate: isoDate().optional() }),
    output: z.object({
      onDate: z.string(),
      soon: z.array(RotationRowSchema),
      overdue: z.array(RotationRowSchema),
      /** Planned rotations whose planned start has passed without being started. */
      notStarted: z.array(RotationRowSchema),
    }),
    access: 'read',
  }),
  /** Who works in a unit on a date, from the dated assignments: rotated-in cadres are in, rotated-out ones are not. */
  'units.roster': defineCall({
    input: z.object({ unitId: id, onDate: isoDate('Ngày').optional(), includeSubunits: z.boolean().default(false) }),
    output: z.object({
      onDate: z.string(),
      present: z.array(RosterEntrySchema),
      /** People whose home unit this is but who are on a rotation elsewhere on that date. */
      away: z.array(RosterEntrySchema),
    }),
    access: 'read',
  }),
  'planning.list': defineCall({
    input: z.object({ cadreId: id.optional(), includeDeleted: z.boolean().default(false) }).default({ includeDeleted: false }),
    output: z.array(PlanningRecordSchema),
    access: 'read',
  }),
  'planning.create': defineCall({ input: PlanningFieldsSchema, output: PlanningRecordSchema, access: 'write' }),
  'planning.update': defineCall({
    // zod keeps .default() inside .partial(): without the override an update would reset the status.
    input: z.object({ id, version, changes: PlanningFieldsSchema.omit({ cadreId: true }).partial().extend({ status: enumOf(PLANNING_STATUSES, 'Trạng thái quy hoạch').optional() }) }),
    output: PlanningRecordSchema,
    access: 'write',
  }),
  'planning.delete': defineCall({ input: z.object({ id, version }), output: PlanningRecordSchema, access: 'write' }),
  'rotationRules.list': defineCall({
    input: z.object({}).default({}),
    output: z.object({ ruleSets: z.array(RuleSetSchema), retirementSchedule: z.array(RetirementBandSchema) }),
    access: 'read',
  }),
  'rotationRules.update': defineCall({
    input: z.object({
      id,
      version,
      changes: z.object({
        name: optionalText(300, 'Tên bộ quy định'),
        validFrom: isoDate('Hiệu lực từ ngày').optional(),
        validTo: optionalIsoDate('Hiệu lực đến ngày'),
        rules: z.array(RuleSchema).optional(),
        note: optionalText(1000, 'Ghi chú'),
      }),
    }),
    output: RuleSetSchema,
    access: 'admin',
  }),
};
