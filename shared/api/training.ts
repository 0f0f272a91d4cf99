import { z } from 'zod';
import { defineCall } from './define';
import { codeKey, id, isoDate, optionalIsoDate, optionalText, requiredText, version, enumOf } from './fields';
import { CADRE_CATEGORIES, type QualificationCategory } from '../domain/codes';

// The training area's contract: plans, courses, enrolments, the dated rule sets for state-funded postgraduate
// study (service commitment, age limits), the service-commitment list and "who needs training for the targets".

// ---- Vocabularies ---------------------------------------------------------------------------------------------

export const PLAN_STATUSES = { draft: 'Dự thảo', approved: 'Đã phê duyệt', closed: 'Đã kết thúc' } as const;
export type PlanStatus = keyof typeof PLAN_STATUSES;

export interface CourseKindDef {
  name: string;
  group: 'postgraduate' | 'political' | 'state_mgmt' | 'language' | 'it' | 'minority_language' | 'fostering' | 'other';
  /** The qualification the kind usually leads to; filled in when a course of this kind is created. */
  leadsTo?: { category: QualificationCategory; levelKey: string };
}

/** Kinds of course. leadsTo is only a default: each course keeps its own qualification and it can be changed. */
export const COURSE_KINDS: Record<string, CourseKindDef> = {
  thac_si: { name: 'Thạc sĩ', group: 'postgraduate', leadsTo: { category: 'chuyen_mon', levelKey: 'thac_si' } },
  tien_si: { name: 'Tiến sĩ', group: 'postgraduate', leadsTo: { category: 'chuyen_mon', levelKey: 'tien_si' } },
  chuyen_khoa_1: { name: 'Chuyên khoa I', group: 'postgraduate', leadsTo: { category: 'chuyen_mon', levelKey: 'chuyen_khoa_1' } },
  chuyen_khoa_2: { name: 'Chuyên khoa II', group: 'postgraduate', leadsTo: { category: 'chuyen_mon', levelKey: 'chuyen_khoa_2' } },
  noi_tru: { name: 'Bác sĩ nội trú', group: 'postgraduate', leadsTo: { category: 'chuyen_mon', levelKey: 'bs_noi_tru' } },
  llct_trung_cap: { name: 'Trung cấp lý luận chính trị', group: 'political', leadsTo: { category: 'ly_luan_chinh_tri', levelKey: 'trung_cap' } },
  llct_cao_cap: { name: 'Cao cấp lý luận chính trị', group: 'political', leadsTo: { category: 'ly_luan_chinh_tri', levelKey: 'cao_cap' } },
  qlnn_cv: { name: 'QLNN ngạch chuyên viên', group: 'state_mgmt', leadsTo: { category: 'quan_ly_nha_nuoc', levelKey: 'chuyen_vien' } },
  qlnn_cvc: { name: 'QLNN ngạch chuyên viên chính', group: 'state_mgmt', leadsTo: { category: 'quan_ly_nha_nuoc', levelKey: 'chuyen_vien_chinh' } },
  qlnn_cvcc: { name: 'QLNN ngạch chuyên viên cao cấp', group: 'state_mgmt', leadsTo: { category: 'quan_ly_nha_nuoc', levelKey: 'chuyen_vien_cao_cap' } },
  ngoai_ngu: { name: 'Ngoại ngữ', group: 'language' },
  tin_hoc: { name: 'Tin học', group: 'it', leadsTo: { category: 'tin_hoc', levelKey: 'co_ban' } },
  tieng_dtts: { name: 'Tiếng dân tộc thiểu số', group: 'minority_language', leadsTo: { category: 'tieng_dtts', levelKey: 'chung_chi' } },
  vi_tri_viec_lam: { name: 'Bồi dưỡng theo vị trí việc làm', group: 'fostering' },
  lanh_dao_quan_ly: { name: 'Bồi dưỡng lãnh đạo, quản lý', group: 'fostering' },
  khac: { name: 'Khác', group: 'other' },
};
export const COURSE_KIND_LABELS = Object.fromEntries(Object.entries(COURSE_KINDS).map(([k, v]) => [k, v.name])) as Record<string, string>;

export const COURSE_LOCATIONS = { in_province: 'Trong tỉnh', domestic: 'Trong nước (ngoài tỉnh)', abroad: 'Nước ngoài' } as const;
export const COURSE_MODES = { full_time: 'Tập trung', in_service: 'Vừa làm vừa học', online: 'Trực tuyến' } as const;
export const FUNDING_SOURCES = {
  central: 'Ngân sách trung ương',
  provincial: 'Ngân sách tỉnh',
  unit: 'Kinh phí đơn vị',
  self: 'Tự túc',
  other: 'Nguồn khác',
} as const;
/** Funding that makes a course "state-funded" for the service commitment and reimbursement. */
export const STATE_FUNDING = new Set<string>(['central', 'provincial', 'unit']);

export const ENROLMENT_STATUSES = {
  proposed: 'Đề xuất',
  nominated: 'Có quyết định cử đi học',
  studying: 'Đang học',
  completed: 'Hoàn thành',
  not_completed: 'Không hoàn thành',
  withdrawn: 'Rút tên, bỏ học',
} as const;
export type EnrolmentStatus = keyof typeof ENROLMENT_STATUSES;
/** Statuses that hold a seat (plan vs actual). */
export const SEAT_STATUSES = new Set<string>(['nominated', 'studying', 'completed', 'not_completed']);
/** Statuses of people who left a course without finishing it. */
export const DROPOUT_STATUSES = new Set<string>(['withdrawn', 'not_completed']);
/** Cadre status events that end service early (a commitment broken). */
export const LEAVING_STATUSES = new Set<string>(['nghi_huu', 'chuyen_cong_tac', 'thoi_viec']);

export const PlanStatusSchema = enumOf(PLAN_STATUSES, 'Trạng thái kế hoạch');
export const CourseKindSchema = enumOf(COURSE_KINDS, 'Loại hình đào tạo');
export const LocationSchema = enumOf(COURSE_LOCATIONS, 'Địa điểm');
export const ModeSchema = enumOf(COURSE_MODES, 'Hình thức học');
export const FundingSchema = enumOf(FUNDING_SOURCES, 'Nguồn kinh phí');
export const EnrolmentStatusSchema = enumOf(ENROLMENT_STATUSES, 'Trạng thái học viên');
const CategoryKeySchema = enumOf(CADRE_CATEGORIES, 'Loại cán bộ');

const money = (label: string) =>
  z.number({ message: `${label} phải là số.` }).int({ message: `${label} tính bằng đồng, không có số lẻ.` }).min(0, { message: `${label} không được âm.` }).max(1e13, { message: `${label} quá lớn.` });
const seats = z.number({ message: 'Số chỉ tiêu phải là số.' }).int({ message: 'Số chỉ tiêu phải là số nguyên.' }).min(0, { message: 'Số chỉ tiêu không được âm.' }).max(100_000, { message: 'Số chỉ tiêu quá lớn.' });

// ---- Plans ---------------------------------------------------------------------------------------------------

export const PlanFieldsSchema = z.object({
  year: z.number({ message: 'Năm phải là số.' }).int({ message: 'Năm phải là số nguyên.' }).min(2000, { message: 'Năm từ 2000 đến 2100.' }).max(2100, { message: 'Năm từ 2000 đến 2100.' }),
  name: requiredText('Tên kế hoạch', 300),
  issuingUnitId: id.nullable().optional(),
  status: PlanStatusSchema.default('draft'),
  decisionNo: optionalText(100, 'Số quyết định'),
  decisionDate: optionalIsoDate('Ngày quyết định'),
  note: optionalText(2000, 'Ghi chú'),
});
export type PlanFields = z.infer<typeof PlanFieldsSchema>;

export const PlanRowSchema = z.object({
  id: z.number(),
  version: z.number(),
  year: z.number(),
  name: z.string(),
  issuingUnitId: z.number().nullable(),
  status: z.string(),
  decisionNo: z.string().nullable(),
  decisionDate: z.string().nullable(),
  note: z.string().nullable(),
  deletedAt: z.string().nullable(),
  // Plan vs actual, over the plan's live courses.
  courseCount: z.number(),
  plannedSeats: z.number(),
  filledSeats: z.number(),
  completed: z.number(),
  budgetVnd: z.number(),
  spentVnd: z.number(),
});
export type PlanRow = z.infer<typeof PlanRowSchema>;

// ---- Courses -------------------------------------------------------------------------------------------------

export const CourseFieldsSchema = z.object({
  planId: id,
  name: requiredText('Tên khoá học', 300),
  kind: CourseKindSchema,
  qualCategory: z.string().nullable().optional(),
  qualLevelKey: z.string().nullable().optional(),
  institution: optionalText(300, 'Cơ sở đào tạo'),
  location: LocationSchema.nullable().optional(),
  mode: ModeSchema.nullable().optional(),
  startDate: optionalIsoDate('Ngày bắt đầu'),
  endDate: optionalIsoDate('Ngày kết thúc'),
  plannedSeats: seats.nullable().optional(),
  budgetVnd: money('Kinh phí dự toán').nullable().optional(),
  spentVnd: money('Kinh phí thực chi').nullable().optional(),
  fundingSource: FundingSchema.nullable().optional(),
  note: optionalText(2000, 'Ghi chú'),
});
export type CourseFields = z.infer<typeof CourseFieldsSchema>;

export const CourseRowSchema = z.object({
  id: z.number(),
  version: z.number(),
  planId: z.number(),
  name: z.string(),
  kind: z.string(),
  qualCategory: z.string().nullable(),
  qualLevelKey: z.string().nullable(),
  institution: z.string().nullable(),
  location: z.string().nullable(),
  mode: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  plannedSeats: z.number().nullable(),
  budgetVnd: z.number().nullable(),
  spentVnd: z.number().nullable(),
  fundingSource: z.string().nullable(),
  note: z.string().nullable(),
  deletedAt: z.string().nullable(),
  enrolled: z.number(),
  filledSeats: z.number(),
  completed: z.number(),
});
export type CourseRow = z.infer<typeof CourseRowSchema>;

// ---- Enrolments ----------------------------------------------------------------------------------------------

export const EnrolmentChangesSchema = z.object({
  status: EnrolmentStatusSchema.optional(),
  decisionNo: optionalText(100, 'Số quyết định cử đi học'),
  decisionDate: optionalIsoDate('Ngày quyết định'),
  result: optionalText(200, 'Kết quả'),
  certificateNo: optionalText(100, 'Số văn bằng, chứng chỉ'),
  certificateDate: optionalIsoDate('Ngày cấp văn bằng'),
  costVnd: money('Chi phí đào tạo').nullable().optional(),
  note: optionalText(2000, 'Ghi chú'),
});
export type EnrolmentChanges = z.infer<typeof EnrolmentChangesSchema>;

export const EnrolmentRowSchema = z.object({
  id: z.number(),
  version: z.number(),
  courseId: z.number(),
  cadreId: z.number(),
  status: z.string(),
  decisionNo: z.string().nullable(),
  decisionDate: z.string().nullable(),
  result: z.string().nullable(),
  certificateNo: z.string().nullable(),
  certificateDate: z.string().nullable(),
  costVnd: z.number().nullable(),
  qualificationId: z.number().nullable(),
  acknowledgedWarnings: z.array(z.string()).nullable(),
  note: z.string().nullable(),
  deletedAt: z.string().nullable(),
  // Joined for display.
  cadreName: z.string(),
  cadreBirthDate: z.string().nullable(),
  cadreCategory: z.string(),
  cadreUnitId: z.number().nullable(),
  courseName: z.string(),
  courseKind: z.string(),
  courseStart: z.string().nullable(),
  courseEnd: z.string().nullable(),
  planYear: z.number(),
  /** Last day of the service commitment, when the course carries one. */
  commitmentEnd: z.string().nullable(),
  commitmentRule: z.string().nullable(),
});
export type EnrolmentRow = z.infer<typeof EnrolmentRowSchema>;

export const WARNING_KINDS = { overlap: 'Trùng thời gian', age: 'Quá tuổi', left: 'Đã nghỉ, chuyển đi', qualified: 'Đã có trình độ' } as const;

export const EnrolWarningSchema = z.object({
  cadreId: z.number(),
  kind: z.enum(Object.keys(WARNING_KINDS) as [keyof typeof WARNING_KINDS, ...(keyof typeof WARNING_KINDS)[]]),
  message: z.string(),
});
export type EnrolWarning = z.infer<typeof EnrolWarningSchema>;

export const EnrolCheckSchema = z.object({
  warnings: z.array(EnrolWarningSchema),
  /** Already in this course: they are skipped, not enrolled twice. */
  alreadyEnrolled: z.array(z.number()),
});

// ---- Rule sets -----------------------------------------------------------------------------------------------

export const RuleSetFieldsSchema = z.object({
  name: requiredText('Tên văn bản', 200),
  categories: z.array(CategoryKeySchema).min(1, { message: 'Hãy chọn ít nhất một loại cán bộ áp dụng.' }),
  validFrom: isoDate('Hiệu lực từ ngày'),
  validTo: optionalIsoDate('Hết hiệu lực ngày'),
  commitmentMultiplier: z.number({ message: 'Hệ số cam kết phải là số.' }).min(0, { message: 'Hệ số cam kết không được âm.' }).max(10, { message: 'Hệ số cam kết quá lớn.' }),
  firstPostgradAgeLimit: z.number().int({ message: 'Tuổi phải là số nguyên.' }).min(18, { message: 'Tuổi từ 18 đến 70.' }).max(70, { message: 'Tuổi từ 18 đến 70.' }).nullable().optional(),
  laterPostgradAgeLimit: z.number().int({ message: 'Tuổi phải là số nguyên.' }).min(18, { message: 'Tuổi từ 18 đến 70.' }).max(70, { message: 'Tuổi từ 18 đến 70.' }).nullable().optional(),
  note: optionalText(1000, 'Ghi chú'),
});
export type RuleSetFields = z.infer<typeof RuleSetFieldsSchema>;

export const RuleSetRowSchema = z.object({
  id: z.number(),
  version: z.number(),
  seedKey: z.string().nullable(),
  name: z.string(),
  categories: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  commitmentMultiplier: z.number(),
  firstPostgradAgeLimit: z.number().nullable(),
  laterPostgradAgeLimit: z.number().nullable(),
  note: z.string().nullable(),
  deletedAt: z.string().nullable(),
});
export type RuleSetRow = z.infer<typeof RuleSetRowSchema>;

// ---- Commitments ---------------------------------------------------------------------------------------------

export const CommitmentRowSchema = z.object({
  enrolmentId: z.number(),
  cadreId: z.number(),
  cadreName: z.string(),
  cadreUnitId: z.number().nullable(),
  courseId: z.number(),
  courseName: z.string(),
  courseStart: z.string().nullable(),
  courseEnd: z.string().nullable(),
  enrolmentStatus: z.string(),
  ruleName: z.string().nullable(),
  multiplier: z.number().nullable(),
  commitmentEnd: z.string().nullable(),
  /** The event that ended service before the commitment did, if any. */
  leftStatus: z.string().nullable(),
  leftDate: z.string().nullable(),
  /** open: serving the commitment; fulfilled; reimburse: left or dropped out before it ended. */
  state: z.enum(['open', 'fulfilled', 'reimburse']),
  reason: z.string().nullable(),
  costVnd: z.number().nullable(),
});
export type CommitmentRow = z.infer<typeof CommitmentRowSchema>;

// ---- Targets that need training ------------------------------------------------------------------------------

export const GapTargetSchema = z.object({
  id: z.string(),
  name: z.string(),
  population: z.string(),
  requirement: z.string(),
  /** Which definition decided who is counted (the resolution's indicator, or the training area's default). */
  basis: z.string(),
  /** Course kinds that close this gap, to offer the right courses. */
  courseGroups: z.array(z.string()),
  populationCount: z.number(),
  haveCount: z.number(),
});
export type GapTarget = z.infer<typeof GapTargetSchema>;

export const GapMemberSchema = z.object({
  cadreId: z.number(),
  fullName: z.string(),
  sex: z.string(),
  birthDate: z.string().nullable(),
  ethnicity: z.string().nullable(),
  category: z.string(),
  unitId: z.number().nullable(),
  postTitle: z.string().nullable(),
  professionalLevel: z.string().nullable(),
  /** What is missing, in words ("Chưa có trình độ sau đại học"). */
  missing: z.string(),
  /** An open enrolment (proposed/nominated/studying) in a course that would close the gap. */
  pendingCourse: z.string().nullable(),
});
export type GapMember = z.infer<typeof GapMemberSchema>;

// ---- Calls ---------------------------------------------------------------------------------------------------

// zod keeps .default() inside .partial(): without the override an update would reset the status to 'draft'.
const PlanUpdateItem = z.object({ id, version, changes: PlanFieldsSchema.partial().extend({ status: PlanStatusSchema.optional() }) });
const CourseUpdateItem = z.object({ id, version, changes: CourseFieldsSchema.omit({ planId: true }).partial() });
const EnrolmentUpdateItem = z.object({ id, version, changes: EnrolmentChangesSchema });
const RuleSetUpdateItem = z.object({ id, version, changes: RuleSetFieldsSchema.partial() });
const bulkKind = z.enum(['paste', 'undo', 'redo', 'edit']).default('edit');
const ids = z.object({ ids: z.array(id).min(1) });

export const trainingCalls = {
  'training.plans.list': defineCall({ input: z.object({ includeDeleted: z.boolean().default(false) }), output: z.array(PlanRowSchema), access: 'read' }),
  'training.plans.create': defineCall({ input: z.object({ fields: PlanFieldsSchema }), output: PlanRowSchema, access: 'write' }),
  'training.plans.update': defineCall({ input: PlanUpdateItem, output: PlanRowSchema, access: 'write' }),
  'training.plans.bulkUpdate': defineCall({ input: z.object({ items: z.array(PlanUpdateItem).min(1).max(10_000), kind: bulkKind }), output: z.array(PlanRowSchema), access: 'write' }),
  'training.plans.delete': defineCall({ input: ids, output: z.array(PlanRowSchema), access: 'write' }),
  'training.plans.restore': defineCall({ input: ids, output: z.array(PlanRowSchema), access: 'write' }),

  'training.courses.list': defineCall({ input: z.object({ planId: id.optional(), includeDeleted: z.boolean().default(false) }), output: z.array(CourseRowSchema), access: 'read' }),
  'training.courses.create': defineCall({ input: z.object({ fields: CourseFieldsSchema }), output: CourseRowSchema, access: 'write' }),
  'training.courses.update': defineCall({ input: CourseUpdateItem, output: CourseRowSchema, access: 'write' }),
  'training.courses.bulkUpdate': defineCall({ input: z.object({ items: z.array(CourseUpdateItem).min(1).max(10_000), kind: bulkKind }), output: z.array(CourseRowSchema), access: 'write' }),
  'training.courses.delete': defineCall({ input: ids, output: z.array(CourseRowSchema), access: 'write' }),
  'training.courses.restore': defineCall({ input: ids, output: z.array(CourseRowSchema), access: 'write' }),

  'training.enrolments.list': defineCall({ input: z.object({ courseId: id.optional(), cadreId: id.optional(), includeDeleted: z.boolean().default(false) }), output: z.array(EnrolmentRowSchema), access: 'read' }),
  /** Warnings for enrolling these cadres in this course, before anything is saved. */
  'training.enrolments.check': defineCall({ input: z.object({ courseId: id, cadreIds: z.array(id).min(1).max(10_000) }), output: EnrolCheckSchema, access: 'read' }),
  /** Enrols many at once, all or nothing; refused while warnings stand unacknowledged. */
  'training.enrolments.create': defineCall({
    input: z.object({
      courseId: id,
      cadreIds: z.array(id).min(1, { message: 'Hãy chọn ít nhất một người.' }).max(10_000),
      status: z.enum(['proposed', 'nominated', 'studying']).default('proposed'),
      decisionNo: optionalText(100, 'Số quyết định cử đi học'),
      decisionDate: optionalIsoDate('Ngày quyết định'),
      acknowledgeWarnings: z.boolean().default(false),
    }),
    output: z.object({ created: z.array(EnrolmentRowSchema), skipped: z.array(z.object({ cadreId: z.number(), reason: z.string() })) }),
    access: 'write',
  }),
  'training.enrolments.update': defineCall({ input: EnrolmentUpdateItem, output: EnrolmentRowSchema, access: 'write' }),
  'training.enrolments.bulkUpdate': defineCall({ input: z.object({ items: z.array(EnrolmentUpdateItem).min(1).max(10_000), kind: bulkKind }), output: z.array(EnrolmentRowSchema), access: 'write' }),
  'training.enrolments.delete': defineCall({ input: ids, output: z.array(EnrolmentRowSchema), access: 'write' }),
  'training.enrolments.restore': defineCall({ input: ids, output: z.array(EnrolmentRowSchema), access: 'write' }),

  'training.rules.list': defineCall({ input: z.object({ includeDeleted: z.boolean().default(false) }), output: z.array(RuleSetRowSchema), access: 'read' }),
  'training.rules.create': defineCall({ input: z.object({ fields: RuleSetFieldsSchema }), output: RuleSetRowSchema, access: 'admin' }),
  'training.rules.update': defineCall({ input: RuleSetUpdateItem, output: RuleSetRowSchema, access: 'admin' }),
  'training.rules.delete': defineCall({ input: z.object({ id, version }), output: RuleSetRowSchema, access: 'admin' }),

  'training.commitments.list': defineCall({ input: z.object({ onDate: isoDate().optional() }), output: z.array(CommitmentRowSchema), access: 'read' }),

  /** Targets that depend on a qualification, with the people counted in each who do not have it yet. */
  'training.gaps': defineCall({
    input: z.object({ targetId: codeKey.optional(), onDate: isoDate().optional() }),
    output: z.object({ onDate: z.string(), targets: z.array(GapTargetSchema), members: z.array(GapMemberSchema) }),
    access: 'read',
  }),

  /** One cadre's training history and commitments, for the cadre detail panel. */
  'training.forCadre': defineCall({
    input: z.object({ cadreId: id }),
    output: z.object({ enrolments: z.array(EnrolmentRowSchema), commitments: z.array(CommitmentRowSchema) }),
    access: 'read',
  }),
};
