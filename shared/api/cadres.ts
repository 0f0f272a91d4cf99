import { z } from 'zod';
import { defineCall } from './define';
import { codeKey, id, isoDate, optionalIsoDate, optionalText, partialDate, requiredText, version, enumOf } from './fields';
import { CADRE_CATEGORIES, CADRE_FLAG_KEYS, CADRE_STATUSES, SEXES, type CadreFlag } from '../domain/codes';
import { ageOn, partialDateStart, todayIso } from '../domain/dates';

export const SexSchema = enumOf(SEXES, 'Giới tính');
export const CategorySchema = enumOf(CADRE_CATEGORIES, 'Loại cán bộ');
export const StatusSchema = enumOf(CADRE_STATUSES, 'Trạng thái');
export const FlagSchema = z.enum(CADRE_FLAG_KEYS as [CadreFlag, ...CadreFlag[]], { message: 'Vai trò không hợp lệ.' });

/** The fields of a cadre record a clerk edits directly (the grid and the detail form). */
export const CadreFieldsSchema = z.object({
  fullName: requiredText('Họ và tên', 100),
  otherNames: optionalText(100, 'Tên gọi khác'),
  sex: SexSchema,
  birthDate: partialDate('Ngày sinh').nullable().optional(),
  birthPlace: optionalText(200, 'Nơi sinh'),
  homeTown: optionalText(200, 'Quê quán'),
  address: optionalText(300, 'Nơi ở hiện nay'),
  ethnicity: codeKey.nullable().optional(),
  religion: codeKey.nullable().optional(),
  idNumber: z
    .string()
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^(\d{9}|\d{12})$/, { message: 'Số CCCD gồm 12 chữ số (CMND cũ 9 chữ số).' }))
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  phone: z
    .string()
    .transform((s) => s.replace(/[\s.]/g, ''))
    .pipe(z.string().regex(/^\+?\d{8,12}$/, { message: 'Số điện thoại không hợp lệ.' }))
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  partyJoinDate: optionalIsoDate('Ngày vào Đảng'),
  partyOfficialDate: optionalIsoDate('Ngày chính thức'),
  category: CategorySchema,
  rankCode: codeKey.nullable().optional(),
  salaryStep: z.number().int({ message: 'Bậc lương phải là số nguyên.' }).min(1, { message: 'Bậc lương từ 1 đến 20.' }).max(20, { message: 'Bậc lương từ 1 đến 20.' }).nullable().optional(),
  salaryCoefficient: z.number().min(0.5, { message: 'Hệ số lương từ 0,5 đến 15.' }).max(15, { message: 'Hệ số lương từ 0,5 đến 15.' }).nullable().optional(),
  recruitmentDate: optionalIsoDate('Ngày tuyển dụng'),
  note: optionalText(2000, 'Ghi chú'),
});
export type CadreFields = z.infer<typeof CadreFieldsSchema>;
export type CadreFieldName = keyof CadreFields;

/** Flags as edited in the grid: true opens a dated role from the given day, false closes it. */
export const FlagChangesSchema = z.partialRecord(FlagSchema, z.boolean());

export const CadreChangesSchema = CadreFieldsSchema.partial().extend({ flags: FlagChangesSchema.optional() });
export type CadreChanges = z.infer<typeof CadreChangesSchema>;

/**
 * Rules across fields, shared so the grid can mark a cell before calling and the service refuses the same.
 * Returns field -> Vietnamese message.
 */
export function crossFieldErrors(r: Partial<CadreFields>, today = todayIso()): Record<string, string> {
  const errors: Record<string, string> = {};
  const birth = r.birthDate ? partialDateStart(r.birthDate) : null;
  if (birth && birth > today) errors.birthDate = 'Ngày sinh không thể ở tương lai.';
  else if (birth) {
    const age = ageOn(r.birthDate, today) ?? 0;
    if (age > 100) errors.birthDate = 'Ngày sinh quá xa (trên 100 tuổi); hãy kiểm tra lại năm sinh.';
  }
  const after = (field: keyof CadreFields, label: string, minAge: number) => {
    const v = r[field] as string | null | undefined;
    if (!v) return;
    if (v > today) errors[field] = `${label} không thể ở tương lai.`;
    else if (birth && (ageOn(birth, v) ?? 0) < minAge) errors[field] = `${label} phải khi đã đủ ${minAge} tuổi (ngày sinh ${birth.split('-').reverse().join('/')}).`;
  };
  after('partyJoinDate', 'Ngày vào Đảng', 18);
  after('partyOfficialDate', 'Ngày chính thức', 18);
  // Civil servants and public employees are recruited from 18 (Luật Cán bộ, công chức; Luật Viên chức).
  after('recruitmentDate', 'Ngày tuyển dụng', 18);
  if (r.partyJoinDate && r.partyOfficialDate && r.partyOfficialDate < r.partyJoinDate && !errors.partyOfficialDate) {
    errors.partyOfficialDate = 'Ngày chính thức phải sau ngày vào Đảng.';
  }
  if (r.partyOfficialDate && !r.partyJoinDate && !errors.partyOfficialDate) {
    errors.partyJoinDate = 'Có ngày chính thức thì phải có ngày vào Đảng.';
  }
  return errors;
}

/** One row of the cadre grid: the record plus what is derived for today (or the date asked). */
export const CadreRowSchema = z.object({
  id: z.number(),
  version: z.number(),
  fullName: z.string(),
  otherNames: z.string().nullable(),
  sex: z.string(),
  birthDate: z.string().nullable(),
  birthPlace: z.string().nullable(),
  homeTown: z.string().nullable(),
  address: z.string().nullable(),
  ethnicity: z.string().nullable(),
  religion: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  partyJoinDate: z.string().nullable(),
  partyOfficialDate: z.string().nullable(),
  category: z.string(),
  rankCode: z.string().nullable(),
  salaryStep: z.number().nullable(),
  salaryCoefficient: z.number().nullable(),
  recruitmentDate: z.string().nullable(),
  note: z.string().nullable(),
  deletedAt: z.string().nullable(),
  unitId: z.number().nullable(),
  postTitle: z.string().nullable(),
  positionCode: z.string().nullable(),
  professionalLevel: z.string().nullable(),
  professionalField: z.string().nullable(),
  politicalLevel: z.string().nullable(),
  stateMgmtLevel: z.string().nullable(),
  /** Current roles, comma-free array of flag keys. */
  flags: z.array(z.string()),
  status: z.string(),
  statusDate: z.string().nullable(),
});
export type CadreRow = z.infer<typeof CadreRowSchema>;

/**
 * How many rows the cadre grid asks for first (cadres.listHead) while the whole list is on its way: more than a
 * tall screen shows, so the first scroll finds rows too.
 */
export const CADRE_GRID_HEAD_ROWS = 100;

/** The fields of a cadre row, in the order the compact table form (cadres.listTable) carries them. */
export const CADRE_ROW_FIELDS = Object.keys(CadreRowSchema.shape) as (keyof CadreRow)[];

/**
 * The cadre rows as a table: the field names once, then one array of values per row (flags joined by commas).
 * 50,000 rows are about half the JSON of 50,000 objects that repeat every key, and cost far less to build,
 * send and parse.
 */
export const CadreTableSchema = z.object({
  fields: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});
export type CadreTable = z.infer<typeof CadreTableSchema>;

/**
 * Turns rows of the table form into the grid's objects. The table's own field list says where each value is; the
 * objects are built by one literal so they all share one shape (50,000 objects built key by key cost far more).
 */
export function cadreRowDecoder(fields: readonly string[]): (values: readonly unknown[]) => CadreRow {
  const at = new Map(fields.map((f, i) => [f, i]));
  const ix = Object.fromEntries(CADRE_ROW_FIELDS.map((f) => [f, at.get(f) ?? -1])) as Record<keyof CadreRow, number>;
  const missing = CADRE_ROW_FIELDS.filter((f) => ix[f] < 0);
  if (missing.length) throw new Error(`Cadre table without ${missing.join(', ')}`);
  return (v: readonly unknown[]): CadreRow => {
    const flags = v[ix.flags];
    return {
      id: v[ix.id] as number,
      version: v[ix.version] as number,
      fullName: v[ix.fullName] as string,
      otherNames: (v[ix.otherNames] ?? null) as string | null,
      sex: v[ix.sex] as string,
      birthDate: (v[ix.birthDate] ?? null) as string | null,
      birthPlace: (v[ix.birthPlace] ?? null) as string | null,
      homeTown: (v[ix.homeTown] ?? null) as string | null,
      address: (v[ix.address] ?? null) as string | null,
      ethnicity: (v[ix.ethnicity] ?? null) as string | null,
      religion: (v[ix.religion] ?? null) as string | null,
      idNumber: (v[ix.idNumber] ?? null) as string | null,
      phone: (v[ix.phone] ?? null) as string | null,
      partyJoinDate: (v[ix.partyJoinDate] ?? null) as string | null,
      partyOfficialDate: (v[ix.partyOfficialDate] ?? null) as string | null,
      category: v[ix.category] as string,
      rankCode: (v[ix.rankCode] ?? null) as string | null,
      salaryStep: (v[ix.salaryStep] ?? null) as number | null,
      salaryCoefficient: (v[ix.salaryCoefficient] ?? null) as number | null,
      recruitmentDate: (v[ix.recruitmentDate] ?? null) as string | null,
      note: (v[ix.note] ?? null) as string | null,
      deletedAt: (v[ix.deletedAt] ?? null) as string | null,
      unitId: (v[ix.unitId] ?? null) as number | null,
      postTitle: (v[ix.postTitle] ?? null) as string | null,
      positionCode: (v[ix.positionCode] ?? null) as string | null,
      professionalLevel: (v[ix.professionalLevel] ?? null) as string | null,
      professionalField: (v[ix.professionalField] ?? null) as string | null,
      politicalLevel: (v[ix.politicalLevel] ?? null) as string | null,
      stateMgmtLevel: (v[ix.stateMgmtLevel] ?? null) as string | null,
      flags: typeof flags === 'string' && flags ? flags.split(',') : Array.isArray(flags) ? (flags as string[]) : [],
      status: v[ix.status] as string,
      statusDate: (v[ix.statusDate] ?? null) as string | null,
    };
  };
}

export function decodeCadreTable(table: CadreTable): CadreRow[] {
  return table.rows.map(cadreRowDecoder(table.fields));
}

export const AssignmentSchema = z.object({
  id: z.number(),
  version: z.number(),
  cadreId: z.number(),
  unitId: z.number(),
  postTitle: z.string().nullable(),
  positionCode: z.string().nullable(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  source: z.string(),
  sourceRef: z.number().nullable(),
  note: z.string().nullable(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const FlagPeriodSchema = z.object({
  id: z.number(),
  flag: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  note: z.string().nullable(),
});

export const StatusEventSchema = z.object({
  id: z.number(),
  status: z.string(),
  effectiveDate: z.string(),
  note: z.string().nullable(),
});

export const QualificationSchema = z.object({
  id: z.number(),
  version: z.number(),
  cadreId: z.number(),
  category: z.string(),
  levelKey: z.string(),
  field: z.string().nullable(),
  institution: z.string().nullable(),
  awardDate: z.string().nullable(),
  language: z.string().nullable(),
  fluency: z.string().nullable(),
  certificateNo: z.string().nullable(),
  source: z.string(),
  sourceRef: z.number().nullable(),
  note: z.string().nullable(),
  deletedAt: z.string().nullable(),
});
export type Qualification = z.infer<typeof QualificationSchema>;

export const CadreDetailSchema = z.object({
  row: CadreRowSchema,
  assignments: z.array(AssignmentSchema),
  flags: z.array(FlagPeriodSchema),
  statusEvents: z.array(StatusEventSchema),
  qualifications: z.array(QualificationSchema),
});
export type CadreDetail = z.infer<typeof CadreDetailSchema>;

const UpdateItem = z.object({ id, version, changes: CadreChangesSchema });

const QualificationChangesSchema = z.object({
  category: z.string().optional(),
  levelKey: z.string().min(1, { message: 'Hãy chọn trình độ.' }).optional(),
  field: optionalText(200, 'Chuyên ngành'),
  institution: optionalText(200, 'Cơ sở đào tạo'),
  awardDate: partialDate('Ngày cấp').nullable().optional(),
  language: codeKey.nullable().optional(),
  fluency: codeKey.nullable().optional(),
  certificateNo: optionalText(100, 'Số văn bằng'),
  note: optionalText(500),
});

export const cadreCalls = {
  'cadres.list': defineCall({
    input: z.object({ includeDeleted: z.boolean().default(false), onDate: isoDate().optional() }),
    output: z.array(CadreRowSchema),
    access: 'read',
  }),
  /** The same rows as cadres.list in the compact table form (the cadre grid: 50,000 rows). */
  'cadres.listTable': defineCall({
    input: z.object({ includeDeleted: z.boolean().default(false), onDate: isoDate().optional() }),
    output: CadreTableSchema,
    access: 'read',
  }),
  /**
   * The first rows the cadre grid opens on (working cadres, none deleted, in name order), in the same table form:
   * shown while the whole list is still on its way.
   */
  'cadres.listHead': defineCall({
    input: z.object({ limit: z.number().int().min(1).max(500) }),
    output: CadreTableSchema,
    access: 'read',
  }),
  'cadres.get': defineCall({ input: z.object({ id }), output: CadreDetailSchema, access: 'read' }),
  'cadres.create': defineCall({
    input: z.object({
      fields: CadreFieldsSchema,
      flags: z.array(FlagSchema).default([]),
      assignment: z
        .object({
          unitId: id,
          postTitle: optionalText(200, 'Chức vụ'),
          positionCode: codeKey.nullable().optional(),
          fromDate: isoDate('Ngày bắt đầu'),
        })
        .optional(),
    }),
    output: CadreRowSchema,
    access: 'write',
  }),
  'cadres.update': defineCall({ input: UpdateItem, output: CadreRowSchema, access: 'write' }),
  /** Several rows at once (a paste, an undo): one transaction, one change batch; all or nothing. */
  'cadres.bulkUpdate': defineCall({
    input: z.object({
      items: z.array(UpdateItem).min(1).max(100_000),
      kind: z.enum(['paste', 'undo', 'redo', 'edit']).default('edit'),
      description: optionalText(300, 'Mô tả'),
    }),
    output: z.object({ rows: z.array(CadreRowSchema), batchId: z.number() }),
    access: 'write',
  }),
  'cadres.delete': defineCall({ input: z.object({ ids: z.array(id).min(1) }), output: z.array(CadreRowSchema), access: 'write' }),
  'cadres.restore': defineCall({ input: z.object({ ids: z.array(id).min(1) }), output: z.array(CadreRowSchema), access: 'write' }),
  'cadres.setStatus': defineCall({
    input: z.object({ id, version, status: StatusSchema, effectiveDate: isoDate('Ngày hiệu lực'), note: optionalText(500) }),
    output: CadreRowSchema,
    access: 'write',
  }),
  'assignments.create': defineCall({
    input: z.object({
      cadreId: id,
      unitId: id,
      postTitle: optionalText(200, 'Chức vụ'),
      positionCode: codeKey.nullable().optional(),
      fromDate: isoDate('Từ ngày'),
      toDate: optionalIsoDate('Đến ngày'),
      /** Close the assignment that is open on fromDate (a transfer) instead of refusing the overlap. */
      closeCurrent: z.boolean().default(true),
      note: optionalText(500),
    }),
    output: AssignmentSchema,
    access: 'write',
  }),
  'assignments.update': defineCall({
    input: z.object({
      id,
      version,
      changes: z.object({
        unitId: id.optional(),
        postTitle: optionalText(200, 'Chức vụ'),
        positionCode: codeKey.nullable().optional(),
        fromDate: isoDate('Từ ngày').optional(),
        toDate: optionalIsoDate('Đến ngày'),
        note: optionalText(500),
      }),
    }),
    output: AssignmentSchema,
    access: 'write',
  }),
  'assignments.delete': defineCall({ input: z.object({ id, version }), output: z.object({ id: z.number() }), access: 'write' }),
  'flags.update': defineCall({
    input: z.object({ id, fromDate: isoDate('Từ ngày'), toDate: optionalIsoDate('Đến ngày'), note: optionalText(300) }),
    output: FlagPeriodSchema,
    access: 'write',
  }),
  'qualifications.create': defineCall({
    input: z.object({
      cadreId: id,
      category: z.string(),
      levelKey: z.string({ message: 'Hãy chọn trình độ.' }).min(1, { message: 'Hãy chọn trình độ.' }),
      field: optionalText(200, 'Chuyên ngành'),
      institution: optionalText(200, 'Cơ sở đào tạo'),
      awardDate: partialDate('Ngày cấp').nullable().optional(),
      language: codeKey.nullable().optional(),
      fluency: codeKey.nullable().optional(),
      certificateNo: optionalText(100, 'Số văn bằng'),
      note: optionalText(500),
    }),
    output: QualificationSchema,
    access: 'write',
  }),
  'qualifications.update': defineCall({
    input: z.object({ id, version, changes: QualificationChangesSchema }),
    output: QualificationSchema,
    access: 'write',
  }),
  /** Several qualifications at once (a paste, an undo in the detail grid): one transaction, all or nothing. */
  'qualifications.bulkUpdate': defineCall({
    input: z.object({
      items: z.array(z.object({ id, version, changes: QualificationChangesSchema })).min(1).max(10_000),
      kind: z.enum(['paste', 'undo', 'redo', 'edit']).default('edit'),
    }),
    output: z.array(QualificationSchema),
    access: 'write',
  }),
  'qualifications.delete': defineCall({ input: z.object({ id, version }), output: QualificationSchema, access: 'write' }),
  'qualifications.restore': defineCall({ input: z.object({ id }), output: QualificationSchema, access: 'write' }),
};
