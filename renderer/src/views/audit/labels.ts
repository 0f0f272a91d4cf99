import type { AuditRow } from '../../../../shared/api/audit';
import { formatVnDate } from '../../../../shared/domain/dates';
import {
  CADRE_CATEGORIES, CADRE_FLAGS, CADRE_STATUSES, CODE_LIST_NAMES, QUALIFICATION_CATEGORIES, SEXES, UNIT_KINDS, UNIT_LEVELS,
} from '../../../../shared/domain/codes';
import { ROLE_LABELS } from '../../../../shared/api/security';

// How the audit trail reads in Vietnamese: the API's entity and field names as clerks call them, and stored values
// (ISO dates, code keys, unit ids, JSON of a created record) as they are shown elsewhere in the app.
// Shared: any screen that shows a record's history can use auditFieldLabel / formatAuditValue.

export const ACTION_LABELS: Record<string, string> = {
  create: 'Thêm',
  update: 'Sửa',
  delete: 'Xoá',
  restore: 'Khôi phục',
  // Accounts and sessions (entity 'user').
  sign_in: 'Đăng nhập',
  sign_in_failed: 'Đăng nhập không thành công',
  lockout: 'Tạm khoá tài khoản',
  sign_out: 'Đăng xuất',
  password_change: 'Đổi mật khẩu',
  password_change_failed: 'Đổi mật khẩu không thành công',
  password_reset: 'Đặt lại mật khẩu',
};

/** Why a sign-in (or a password change) was refused; stored as a key in the audit row's "reason". */
export const SIGN_IN_FAILURE_LABELS: Record<string, string> = {
  unknown_user: 'Không có tài khoản với tên này',
  wrong_password: 'Sai mật khẩu',
  locked: 'Tài khoản đang tạm khoá',
  disabled: 'Tài khoản đã bị vô hiệu hoá',
};

export const ENTITY_LABELS: Record<string, string> = {
  cadre: 'Cán bộ',
  qualification: 'Trình độ',
  assignment: 'Quá trình công tác',
  cadre_flag: 'Vai trò',
  cadre_status: 'Trạng thái',
  unit: 'Đơn vị',
  code_list: 'Danh mục',
  training_plan: 'Kế hoạch đào tạo',
  training_course: 'Khoá đào tạo',
  training_enrolment: 'Học viên đào tạo',
  training_rule_set: 'Quy định đào tạo',
  training_standard: 'Tiêu chuẩn chức danh',
  rotation: 'Luân chuyển',
  rotation_rule_set: 'Quy định luân chuyển',
  planning: 'Quy hoạch',
  resolution: 'Nghị quyết',
  indicator: 'Chỉ tiêu',
  indicator_target: 'Mục tiêu chỉ tiêu',
  entered_value: 'Số liệu nhập tay',
  report: 'Báo cáo',
  setting: 'Cài đặt',
  sample: 'Dữ liệu mẫu',
  user: 'Tài khoản',
};

/** Field labels by API name; `entity.field` entries win where one name means different things. */
export const FIELD_LABELS: Record<string, string> = {
  // cadre record
  fullName: 'Họ và tên',
  otherNames: 'Tên gọi khác',
  sex: 'Giới tính',
  birthDate: 'Ngày sinh',
  birthPlace: 'Nơi sinh',
  homeTown: 'Quê quán',
  address: 'Nơi ở hiện nay',
  ethnicity: 'Dân tộc',
  religion: 'Tôn giáo',
  idNumber: 'Số CCCD',
  phone: 'Số điện thoại',
  partyJoinDate: 'Ngày vào Đảng',
  partyOfficialDate: 'Ngày chính thức',
  category: 'Loại cán bộ',
  rankCode: 'Ngạch',
  salaryStep: 'Bậc lương',
  salaryCoefficient: 'Hệ số lương',
  recruitmentDate: 'Ngày tuyển dụng',
  note: 'Ghi chú',
  status: 'Trạng thái',
  // assignments and other dated rows
  unitId: 'Đơn vị',
  postTitle: 'Chức vụ',
  positionCode: 'Nhóm chức vụ',
  fromDate: 'Từ ngày',
  toDate: 'Đến ngày',
  effectiveDate: 'Ngày hiệu lực',
  // qualifications
  levelKey: 'Trình độ',
  field: 'Chuyên ngành',
  institution: 'Cơ sở đào tạo',
  awardDate: 'Ngày cấp bằng',
  language: 'Ngôn ngữ',
  fluency: 'Mức độ sử dụng',
  certificateNo: 'Số văn bằng, chứng chỉ',
  // units
  shortName: 'Tên viết tắt',
  kind: 'Loại đơn vị',
  level: 'Cấp',
  parentId: 'Đơn vị cấp trên',
  validFrom: 'Ngày thành lập',
  validTo: 'Ngày kết thúc',
  successorId: 'Đơn vị kế thừa',
  ethnicContact: 'Tiếp xúc trực tiếp với đồng bào DTTS',
  sortOrder: 'Thứ tự',
  // code lists
  key: 'Khoá',
  code: 'Mã',
  rank: 'Thứ tự',
  active: 'Đang dùng',
  name: 'Tên',
  // shared by several areas
  title: 'Tiêu đề',
  startDate: 'Ngày bắt đầu',
  endDate: 'Ngày kết thúc',
  'attrs.postgraduate': 'Sau đại học',
  'attrs.doctorate': 'Tiến sĩ',
  'attrs.minority': 'Dân tộc thiểu số',
  'attrs.upperSecondaryComplete': 'Tốt nghiệp THPT',
  'attrs.certified': 'Có chứng chỉ',
  'attrs.fluent': 'Thành thạo',
  'unit.name': 'Tên đơn vị',
  'qualification.category': 'Loại trình độ',
  'code_list.code': 'Mã chính thức',
  'user.username': 'Tên đăng nhập',
  'user.role': 'Vai trò',
  'user.active': 'Được đăng nhập',
  'user.reason': 'Lý do',
  'user.lockedUntil': 'Khoá đến',
};

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function auditFieldLabel(entity: string, field: string | null): string {
  if (!field) return '';
  if (entity === 'cadre_flag') return CADRE_FLAGS[field as keyof typeof CADRE_FLAGS] ?? field;
  return FIELD_LABELS[`${entity}.${field}`] ?? FIELD_LABELS[field] ?? field;
}

/** What the formatter needs from the app's reference data (code names, unit names). */
export interface LabelLookup {
  label(list: string, key: string | null | undefined): string;
  unitName(id: number | null | undefined): string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_FIELDS = /(Date|^validFrom|^validTo)$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Keys of a created record's JSON that mean nothing to a clerk. */
const HIDDEN_KEYS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'deletedAt', 'sortOrder', 'attrs', 'cadreId']);

const yesNo = (v: unknown) => (v === true || v === 'true' || v === 1 || v === '1' ? 'Có' : v === false || v === 'false' || v === 0 || v === '0' ? 'Không' : String(v));

/** One value of a field, as the app shows it elsewhere. `group` is the qualification's category or the code's list. */
export function formatFieldValue(entity: string, field: string, value: unknown, lookup: LabelLookup, group?: string | null): string {
  if (value === null || value === undefined || value === '') return '';
  const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  switch (field) {
    case 'ethnicity':
      return lookup.label('ethnicity', s);
    case 'religion':
      return lookup.label('religion', s);
    case 'rankCode':
      return lookup.label('rank', s);
    case 'positionCode':
      return lookup.label('position', s);
    case 'fluency':
      return lookup.label('language_fluency', s);
    case 'language':
      return lookup.label('minority_language', s);
    case 'sex':
      return SEXES[s as keyof typeof SEXES] ?? s;
    case 'status':
      return CADRE_STATUSES[s as keyof typeof CADRE_STATUSES] ?? s;
    case 'category':
      return entity === 'qualification'
        ? QUALIFICATION_CATEGORIES[s as keyof typeof QUALIFICATION_CATEGORIES] ?? s
        : CADRE_CATEGORIES[s as keyof typeof CADRE_CATEGORIES] ?? s;
    case 'levelKey':
      return group ? lookup.label(`level.${group}`, s) : s;
    case 'unitId':
    case 'parentId':
    case 'successorId':
      return lookup.unitName(Number(s)) || `#${s}`;
    case 'kind':
      return entity === 'unit' ? UNIT_KINDS[s as keyof typeof UNIT_KINDS] ?? s : s;
    case 'level':
      return entity === 'unit' ? UNIT_LEVELS[s as keyof typeof UNIT_LEVELS] ?? s : s;
    case 'list':
      return CODE_LIST_NAMES[s] ?? s;
    case 'ethnicContact':
    case 'active':
      return yesNo(value);
    case 'role':
      return entity === 'user' ? ROLE_LABELS[s as keyof typeof ROLE_LABELS] ?? s : s;
    case 'reason':
      return entity === 'user' ? SIGN_IN_FAILURE_LABELS[s] ?? s : s;
    case 'salaryCoefficient':
      return s.replace('.', ',');
  }
  if (typeof value === 'boolean' || field.startsWith('attrs.')) return yesNo(value);
  if (ISO_DATE.test(s) || (DATE_FIELDS.test(field) && /^\d{4}(-\d{2}){0,2}$/.test(s))) return formatVnDate(s);
  if (TIMESTAMP.test(s)) return formatTimestamp(s);
  return s;
}

/**
 * A stored old/new value as text. A created or deleted record is stored as JSON: it is shown as "Label: value; ..."
 * with the same formatting as single fields.
 */
export function formatAuditValue(row: Pick<AuditRow, 'entity' | 'field' | 'entityGroup'>, raw: string | null, lookup: LabelLookup): string {
  if (raw === null || raw === '') return '';
  if (!row.field && raw.startsWith('{')) {
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return raw;
    }
    const group = row.entityGroup ?? (typeof obj.category === 'string' ? obj.category : row.entity === 'code_list' && typeof obj.list === 'string' ? obj.list : null);
    return Object.entries(obj)
      .filter(([k, v]) => !HIDDEN_KEYS.has(k) && v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${auditFieldLabel(row.entity, k)}: ${Array.isArray(v) ? v.join(', ') : formatFieldValue(row.entity, k, v, lookup, group)}`)
      .join('; ');
  }
  if (!row.field) return raw;
  return formatFieldValue(row.entity, row.field, raw, lookup, row.entityGroup);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A stored UTC timestamp as local "dd/mm/yyyy HH:mm". */
export function formatTimestamp(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Who or what the row is about: the cadre, or the unit / code entry for those records. */
export function recordLabel(row: AuditRow): string {
  if (row.cadreName) return row.cadreName;
  if (row.entity === 'code_list' && row.entityName) return `${CODE_LIST_NAMES[row.entityGroup ?? ''] ?? row.entityGroup ?? ''}: ${row.entityName}`;
  if (row.entityName) return row.entityName;
  // A sign-in with a name that has no account: the name tried is all there is.
  if (row.entity === 'user' && row.entityId === 0) return `${row.actor} (không có tài khoản)`;
  return `${entityLabel(row.entity)} #${row.entityId}`;
}
