import type { CadreFieldName } from '../../../../../shared/api/cadres';
import { CADRE_FLAGS, CADRE_STATUSES, QUALIFICATION_CATEGORIES, levelListOf, type QualificationCategory } from '../../../../../shared/domain/codes';
import type { Reference } from '../../../data/reference';

// Vietnamese names used by the detail panel's form and history tables. Audit wording (entities, fields, stored
// values) comes from views/audit/labels.ts so both audit screens read the same.

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
