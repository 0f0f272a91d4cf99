import type { CadreFieldName } from '../../../../../shared/api/cadres';
import {
  CADRE_CATEGORIES, CADRE_FLAGS, CADRE_STATUSES, QUALIFICATION_CATEGORIES, SEXES, levelListOf, type QualificationCategory,
} from '../../../../../shared/domain/codes';
import { formatVnDate, isValidPartialDate } from '../../../../../shared/domain/dates';
import type { Reference } from '../../../data/reference';

// Vietnamese names of the record's fields and a readable form of stored values, shared by the form, the history
// tables and the audit trail of the detail panel.

export const CADRE_FIELD_LABELS: Record<CadreFieldName, string> = {
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
  phone: 'Điện thoại',
  partyJoinDate: 'Ngày vào Đảng',
  partyOfficialDate: 'Ngày chính thức',
  category: 'Loại cán bộ',
  rankCode: 'Ngạch',
  salaryStep: 'Bậc lương',
  salaryCoefficient: 'Hệ số lương',
  recruitmentDate: 'Ngày tuyển dụng',
  note: 'Ghi chú',
};

export const ASSIGNMENT_FIELD_LABELS: Record<string, string> = {
  unitId: 'Đơn vị',
  postTitle: 'Chức vụ',
  positionCode: 'Nhóm chức vụ',
  fromDate: 'Từ ngày',
  toDate: 'Đến ngày',
  note: 'Ghi chú',
};

export const QUALIFICATION_FIELD_LABELS: Record<string, string> = {
  category: 'Loại',
  levelKey: 'Trình độ',
  field: 'Chuyên ngành',
  institution: 'Cơ sở đào tạo',
  awardDate: 'Ngày cấp',
  language: 'Ngôn ngữ',
  fluency: 'Mức độ sử dụng',
  certificateNo: 'Số văn bằng',
  note: 'Ghi chú',
};

export const ENTITY_LABELS: Record<string, string> = {
  cadre: 'Hồ sơ',
  assignment: 'Quá trình công tác',
  qualification: 'Văn bằng, chứng chỉ',
  cadre_flag: 'Vai trò',
  cadre_status: 'Trạng thái công tác',
};

export const ACTION_LABELS: Record<string, string> = { create: 'Thêm', update: 'Sửa', delete: 'Xoá', restore: 'Khôi phục' };

export const SOURCE_LABELS: Record<string, string> = {
  manual: 'Nhập tay',
  training: 'Từ khoá đào tạo',
  rotation: 'Từ luân chuyển',
  import: 'Nhập từ tệp',
  seed: 'Dữ liệu ban đầu',
};

/** Categories whose qualifications name a language (and a fluency). */
export const LANGUAGE_CATEGORIES = new Set<string>(['tieng_dtts', 'ngoai_ngu']);

export const categoryLabel = (c: string) => QUALIFICATION_CATEGORIES[c as QualificationCategory] ?? c;
export const levelLabel = (ref: Reference, category: string, key: string | null | undefined) =>
  key ? ref.label(levelListOf(category as QualificationCategory), key) : '';
export const flagLabel = (flag: string) => CADRE_FLAGS[flag as keyof typeof CADRE_FLAGS] ?? flag;
export const statusLabel = (s: string) => CADRE_STATUSES[s as keyof typeof CADRE_STATUSES] ?? s;

/** A language key as a name: minority languages are a code list; foreign languages are stored as typed. */
export const languageLabel = (ref: Reference, key: string | null | undefined) => (key ? ref.label('minority_language', key) : '');

/** "2025-06-30T08:15:02.123Z" -> "30/06/2025 15:15" in the computer's time zone. */
export function formatTimestamp(at: string): string {
  const d = new Date(at.endsWith('Z') || at.includes('+') ? at : `${at.replace(' ', 'T')}Z`);
  if (Number.isNaN(d.getTime())) return at;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const ISO_DATE_LIKE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A stored value of one field in words: dates as dd/mm/yyyy, code keys as names, units by their path. */
export function formatFieldValue(ref: Reference, entity: string, field: string | null, value: unknown, group?: string | null): string {
  if (value === null || value === undefined || value === '') return '';
  const s = String(value);
  switch (entity === 'cadre_flag' ? '' : field) {
    case 'sex':
      return SEXES[s as keyof typeof SEXES] ?? s;
    case 'category':
      return entity === 'qualification' ? categoryLabel(s) : CADRE_CATEGORIES[s as keyof typeof CADRE_CATEGORIES] ?? s;
    case 'ethnicity':
      return ref.label('ethnicity', s);
    case 'religion':
      return ref.label('religion', s);
    case 'rankCode':
      return ref.label('rank', s);
    case 'unitId':
      return ref.unitPath(Number(s)) || `Đơn vị #${s}`;
    case 'positionCode':
      return ref.label('position', s);
    case 'levelKey':
      return group ? levelLabel(ref, group, s) : s;
    case 'language':
      return languageLabel(ref, s);
    case 'fluency':
      return ref.label('language_fluency', s);
    case 'salaryCoefficient':
      return s.replace('.', ',');
  }
  if (ISO_DATE_LIKE.test(s) && isValidPartialDate(s)) return formatVnDate(s);
  return s;
}

/** A whole record stored as JSON (a created or deleted row) in one line of words. */
export function summarizeRecord(ref: Reference, entity: string, raw: string | null): string {
  if (!raw) return '';
  let v: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return raw;
    v = parsed as Record<string, unknown>;
  } catch {
    return raw; // plain text already (a name, "từ 01/07/2025")
  }
  const text = (x: unknown) => (x === null || x === undefined ? '' : String(x));
  const period = (from: unknown, to: unknown) => `${formatVnDate(text(from))} – ${to ? formatVnDate(text(to)) : 'nay'}`;
  switch (entity) {
    case 'assignment':
      return [ref.unitPath(Number(v.unitId)), text(v.postTitle), period(v.fromDate, v.toDate)].filter(Boolean).join(', ');
    case 'qualification': {
      const c = text(v.category);
      return [`${categoryLabel(c)}: ${levelLabel(ref, c, text(v.levelKey))}`, text(v.field), v.awardDate ? `cấp ${formatVnDate(text(v.awardDate))}` : '']
        .filter(Boolean)
        .join(', ');
    }
    case 'cadre':
      return [text(v.fullName), v.birthDate ? `sinh ${formatVnDate(text(v.birthDate))}` : ''].filter(Boolean).join(', ');
    default:
      return Object.entries(v)
        .filter(([, x]) => x !== null && x !== undefined && typeof x !== 'object')
        .map(([k, x]) => `${k}: ${text(x)}`)
        .join(', ');
  }
}

/** The field's name for the audit trail, by the kind of record it belongs to. */
export function auditFieldLabel(entity: string, field: string | null): string {
  if (!field) return '';
  if (entity === 'cadre') return CADRE_FIELD_LABELS[field as CadreFieldName] ?? field;
  if (entity === 'assignment') return ASSIGNMENT_FIELD_LABELS[field] ?? field;
  if (entity === 'qualification') return QUALIFICATION_FIELD_LABELS[field] ?? field;
  if (entity === 'cadre_flag') return field in CADRE_FLAGS ? flagLabel(field) : ASSIGNMENT_FIELD_LABELS[field] ?? field;
  if (entity === 'cadre_status') return 'Trạng thái';
  return field;
}
