// What an import can fill, and the many ways Vietnamese spreadsheets title each column. Data, not code:
// a new spelling seen in the wild is one more string in a list.

import { QUALIFICATION_CATEGORIES, type QualificationCategory } from '../../../shared/domain/codes';

export type ImportFieldKind = 'text' | 'date' | 'partialDate' | 'sex' | 'femaleMark' | 'code' | 'category' | 'number' | 'integer' | 'unit' | 'level' | 'ignore';

export interface ImportField {
  key: string;
  label: string;
  kind: ImportFieldKind;
  /** Folded spellings (see foldHeader); the first one is the canonical header used by exports. */
  synonyms: string[];
  /** For kind 'code': the code list to look names up in. */
  list?: string;
  /** For kind 'level': the qualification category. */
  category?: QualificationCategory;
}

const level = (category: QualificationCategory, label: string, synonyms: string[]): ImportField => ({
  key: `level.${category}`,
  label,
  kind: 'level',
  category,
  synonyms,
});

/** The cadre import: the record, the current unit and post, and the levels per qualification category. */
export const CADRE_IMPORT_FIELDS: ImportField[] = [
  { key: 'rowNo', label: 'STT (bỏ qua)', kind: 'ignore', synonyms: ['stt', 'so tt', 'so thu tu', 'tt'] },
  { key: 'fullName', label: 'Họ và tên', kind: 'text', synonyms: ['ho va ten', 'ho ten', 'ho va ten khai sinh', 'ho ten khai sinh', 'ho va ten can bo', 'ho ten can bo', 'ten can bo', 'ho va ten dang dung', 'ho ten dang dung'] },
  { key: 'otherNames', label: 'Tên gọi khác', kind: 'text', synonyms: ['ten goi khac', 'ten khac', 'bi danh'] },
  { key: 'sex', label: 'Giới tính', kind: 'sex', synonyms: ['gioi tinh', 'phai', 'nam nu', 'gt'] },
  { key: 'femaleMark', label: 'Nữ (đánh dấu x)', kind: 'femaleMark', synonyms: ['nu', 'la nu', 'nu x'] },
  { key: 'birthDate', label: 'Ngày sinh', kind: 'partialDate', synonyms: ['ngay sinh', 'ngay thang nam sinh', 'nam sinh', 'ngay thang sinh', 'sinh ngay', 'ngay sinh dd mm yyyy'] },
  { key: 'birthDateMale', label: 'Ngày sinh (cột Nam)', kind: 'partialDate', synonyms: ['ngay sinh nam', 'nam sinh nam', 'ngay thang nam sinh nam'] },
  { key: 'birthDateFemale', label: 'Ngày sinh (cột Nữ)', kind: 'partialDate', synonyms: ['ngay sinh nu', 'nam sinh nu', 'ngay thang nam sinh nu'] },
  { key: 'birthPlace', label: 'Nơi sinh', kind: 'text', synonyms: ['noi sinh'] },
  { key: 'homeTown', label: 'Quê quán', kind: 'text', synonyms: ['que quan', 'que', 'nguyen quan'] },
  { key: 'address', label: 'Nơi ở hiện nay', kind: 'text', synonyms: ['noi o hien nay', 'noi o', 'dia chi', 'cho o hien nay', 'noi thuong tru', 'dia chi thuong tru'] },
  { key: 'ethnicity', label: 'Dân tộc', kind: 'code', list: 'ethnicity', synonyms: ['dan toc'] },
  { key: 'religion', label: 'Tôn giáo', kind: 'code', list: 'religion', synonyms: ['ton giao'] },
  { key: 'idNumber', label: 'Số CCCD', kind: 'text', synonyms: ['so cccd', 'cccd', 'so cmnd', 'cmnd', 'so cccd cmnd', 'cccd cmnd', 'so dinh danh', 'so dinh danh ca nhan', 'can cuoc cong dan', 'so can cuoc', 'so can cuoc cong dan'] },
  { key: 'phone', label: 'Điện thoại', kind: 'text', synonyms: ['dien thoai', 'so dien thoai', 'sdt', 'dt', 'dien thoai di dong'] },
  { key: 'partyJoinDate', label: 'Ngày vào Đảng', kind: 'date', synonyms: ['ngay vao dang', 'vao dang', 'ngay vao dang csvn', 'ngay ket nap dang'] },
  { key: 'partyOfficialDate', label: 'Ngày chính thức', kind: 'date', synonyms: ['ngay chinh thuc', 'ngay vao dang chinh thuc', 'chinh thuc', 'ngay chinh thuc vao dang'] },
  { key: 'category', label: 'Loại', kind: 'category', synonyms: ['loai', 'loai can bo', 'doi tuong', 'phan loai'] },
  { key: 'rankCode', label: 'Ngạch', kind: 'code', list: 'rank', synonyms: ['ngach', 'ma ngach', 'ngach cong chuc', 'chuc danh nghe nghiep', 'ngach chuc danh nghe nghiep', 'ngach chuc danh'] },
  { key: 'salaryStep', label: 'Bậc lương', kind: 'integer', synonyms: ['bac luong', 'bac'] },
  { key: 'salaryCoefficient', label: 'Hệ số lương', kind: 'number', synonyms: ['he so luong', 'he so', 'hsl'] },
  { key: 'recruitmentDate', label: 'Ngày tuyển dụng', kind: 'date', synonyms: ['ngay tuyen dung', 'tuyen dung', 'ngay vao co quan'] },
  { key: 'unit', label: 'Đơn vị', kind: 'unit', synonyms: ['don vi hien tai', 'don vi', 'don vi cong tac', 'co quan don vi', 'co quan', 'noi cong tac', 'co quan don vi cong tac'] },
  { key: 'postTitle', label: 'Chức vụ', kind: 'text', synonyms: ['chuc vu', 'chuc vu hien tai', 'chuc vu chuc danh', 'chuc danh'] },
  level('chuyen_mon', 'Trình độ chuyên môn', ['chuyen mon cao nhat', 'trinh do chuyen mon', 'chuyen mon', 'tdcm', 'trinh do chuyen mon nghiep vu', 'hoc vi', 'trinh do dao tao']),
  { key: 'professionalField', label: 'Chuyên ngành', kind: 'text', synonyms: ['chuyen nganh', 'nganh dao tao', 'chuyen nganh dao tao', 'nganh'] },
  { key: 'professionalInstitution', label: 'Nơi đào tạo (chuyên môn)', kind: 'text', synonyms: ['noi dao tao', 'co so dao tao', 'truong dao tao', 'ten truong'] },
  { key: 'professionalAwardDate', label: 'Năm tốt nghiệp (chuyên môn)', kind: 'partialDate', synonyms: ['nam tot nghiep', 'ngay tot nghiep', 'nam cap bang', 'ngay cap bang', 'ngay cap van bang'] },
  level('ly_luan_chinh_tri', 'Lý luận chính trị', ['ly luan chinh tri', 'trinh do ly luan chinh tri', 'llct', 'trinh do llct', 'chinh tri', 'trinh do chinh tri']),
  level('quan_ly_nha_nuoc', 'Quản lý nhà nước', ['quan ly nha nuoc', 'trinh do quan ly nha nuoc', 'qlnn', 'trinh do qlnn']),
  level('ngoai_ngu', 'Ngoại ngữ', ['ngoai ngu', 'trinh do ngoai ngu', 'tieng anh']),
  level('tin_hoc', 'Tin học', ['tin hoc', 'trinh do tin hoc']),
  level('pho_thong', 'Giáo dục phổ thông', ['giao duc pho thong', 'trinh do van hoa', 'van hoa', 'gdpt', 'pho thong']),
  { key: 'note', label: 'Ghi chú', kind: 'text', synonyms: ['ghi chu'] },
  // Columns our own export writes that are derived, not imported.
  { key: 'age', label: 'Tuổi (bỏ qua)', kind: 'ignore', synonyms: ['tuoi'] },
  { key: 'status', label: 'Trạng thái (bỏ qua)', kind: 'ignore', synonyms: ['trang thai'] },
];

export const CADRE_FIELD_BY_KEY = new Map(CADRE_IMPORT_FIELDS.map((f) => [f.key, f]));

export const LEVEL_CATEGORY_LABEL = QUALIFICATION_CATEGORIES;

/**
 * Free-text level spellings per category (folded), beyond the code list's own names and keys, which are
 * added at run time so a level added in Danh mục is recognised too. Longest match wins, so "cao cap llct"
 * beats "cao cap".
 */
export const LEVEL_ALIASES: Record<QualificationCategory, Record<string, string>> = {
  chuyen_mon: {
    ths: 'thac_si', 'thac sy': 'thac_si', 'thac si': 'thac_si', 'cao hoc': 'thac_si', master: 'thac_si',
    ts: 'tien_si', 'tien sy': 'tien_si', 'tien si': 'tien_si', ncs: 'tien_si', phd: 'tien_si',
    tskh: 'tskh', 'tien si khoa hoc': 'tskh',
    dh: 'dai_hoc', 'dai hoc': 'dai_hoc', 'cu nhan': 'dai_hoc', cn: 'dai_hoc', 'ky su': 'dai_hoc', ks: 'dai_hoc', 'kien truc su': 'dai_hoc',
    'bac si': 'dai_hoc', bs: 'dai_hoc', 'duoc si': 'dai_hoc', 'duoc si dai hoc': 'dai_hoc', 'luat su': 'dai_hoc', 'dai hoc tai chuc': 'dai_hoc', 'van bang 2': 'dai_hoc',
    cd: 'cao_dang', 'cao dang': 'cao_dang',
    tc: 'trung_cap', 'trung cap': 'trung_cap', thcn: 'trung_cap', 'trung hoc chuyen nghiep': 'trung_cap', 'y si': 'trung_cap',
    sc: 'so_cap', 'so cap': 'so_cap',
    bsnt: 'bs_noi_tru', 'bac si noi tru': 'bs_noi_tru',
    cki: 'chuyen_khoa_1', ck1: 'chuyen_khoa_1', 'ck i': 'chuyen_khoa_1', 'chuyen khoa i': 'chuyen_khoa_1', 'chuyen khoa 1': 'chuyen_khoa_1', 'chuyen khoa cap i': 'chuyen_khoa_1', 'bs cki': 'chuyen_khoa_1', 'bac si chuyen khoa i': 'chuyen_khoa_1',
    ckii: 'chuyen_khoa_2', ck2: 'chuyen_khoa_2', 'ck ii': 'chuyen_khoa_2', 'chuyen khoa ii': 'chuyen_khoa_2', 'chuyen khoa 2': 'chuyen_khoa_2', 'chuyen khoa cap ii': 'chuyen_khoa_2', 'bs ckii': 'chuyen_khoa_2', 'bac si chuyen khoa ii': 'chuyen_khoa_2',
  },
  ly_luan_chinh_tri: {
    cc: 'cao_cap', 'cao cap': 'cao_cap', ccllct: 'cao_cap', 'cc llct': 'cao_cap', 'cao cap llct': 'cao_cap', 'cao cap ly luan chinh tri': 'cao_cap', 'cao cap chinh tri': 'cao_cap',
    cn: 'cu_nhan', 'cu nhan': 'cu_nhan', 'cu nhan chinh tri': 'cu_nhan', cnct: 'cu_nhan', 'cu nhan llct': 'cu_nhan', 'cu nhan ly luan chinh tri': 'cu_nhan',
    tc: 'trung_cap', 'trung cap': 'trung_cap', tcllct: 'trung_cap', 'tc llct': 'trung_cap', 'trung cap llct': 'trung_cap', 'trung cap ly luan chinh tri': 'trung_cap', 'trung cap chinh tri': 'trung_cap',
    sc: 'so_cap', 'so cap': 'so_cap', scllct: 'so_cap', 'sc llct': 'so_cap', 'so cap llct': 'so_cap', 'so cap ly luan chinh tri': 'so_cap', 'so cap chinh tri': 'so_cap',
  },
  quan_ly_nha_nuoc: {
    cvcc: 'chuyen_vien_cao_cap', 'chuyen vien cao cap': 'chuyen_vien_cao_cap', 'ngach chuyen vien cao cap': 'chuyen_vien_cao_cap', 'qlnn chuyen vien cao cap': 'chuyen_vien_cao_cap',
    cvc: 'chuyen_vien_chinh', 'chuyen vien chinh': 'chuyen_vien_chinh', 'ngach chuyen vien chinh': 'chuyen_vien_chinh', 'qlnn chuyen vien chinh': 'chuyen_vien_chinh',
    cv: 'chuyen_vien', 'chuyen vien': 'chuyen_vien', 'ngach chuyen vien': 'chuyen_vien', 'qlnn chuyen vien': 'chuyen_vien',
    'can su': 'can_su', 'ngach can su': 'can_su',
  },
  ngoai_ngu: {
    a1: 'bac_1', 'bac 1': 'bac_1', a2: 'bac_2', 'bac 2': 'bac_2', b1: 'bac_3', 'bac 3': 'bac_3', b2: 'bac_4', 'bac 4': 'bac_4',
    c1: 'bac_5', 'bac 5': 'bac_5', c2: 'bac_6', 'bac 6': 'bac_6',
    a: 'chung_chi_a', 'chung chi a': 'chung_chi_a', 'trinh do a': 'chung_chi_a', 'cc a': 'chung_chi_a',
    b: 'chung_chi_b', 'chung chi b': 'chung_chi_b', 'trinh do b': 'chung_chi_b', 'cc b': 'chung_chi_b',
    c: 'chung_chi_c', 'chung chi c': 'chung_chi_c', 'trinh do c': 'chung_chi_c', 'cc c': 'chung_chi_c',
    'dai hoc': 'dai_hoc', dh: 'dai_hoc', 'cu nhan': 'dai_hoc',
  },
  tin_hoc: {
    a: 'chung_chi_a', 'chung chi a': 'chung_chi_a', 'trinh do a': 'chung_chi_a',
    b: 'chung_chi_b', 'chung chi b': 'chung_chi_b', 'trinh do b': 'chung_chi_b',
    'co ban': 'co_ban', 'cntt co ban': 'co_ban', 'ung dung cntt co ban': 'co_ban', 'ky nang co ban': 'co_ban', 'chuan co ban': 'co_ban',
    'nang cao': 'nang_cao', 'cntt nang cao': 'nang_cao', 'ung dung cntt nang cao': 'nang_cao', 'ky nang nang cao': 'nang_cao',
    'trung cap': 'trung_cap', tc: 'trung_cap', 'cao dang': 'cao_dang', cd: 'cao_dang', 'dai hoc': 'dai_hoc', dh: 'dai_hoc', 'ky su cntt': 'dai_hoc',
  },
  pho_thong: {
    '12 12': '12/12', '12': '12/12', '10 10': '10/10', '9 12': '9/12', '9 10': '9/10', '10 12': '10/12', '11 12': '11/12', '7 10': '7/10',
  },
  tieng_dtts: {
    'chung chi': 'chung_chi', 'co chung chi': 'chung_chi', 'su dung duoc': 'tu_danh_gia', 'biet': 'tu_danh_gia', 'thanh thao': 'tu_danh_gia', 'dai hoc': 'dai_hoc',
  },
};

/** Words that name the language or the category itself and carry no level ("Tiếng Anh B1", "Anh văn B"). */
export const LEVEL_NOISE: Partial<Record<QualificationCategory, string[]>> = {
  ngoai_ngu: ['tieng anh', 'anh van', 'tieng phap', 'tieng trung', 'tieng nga', 'tieng nhat', 'tieng han', 'anh', 'phap', 'trung', 'nga', 'tieng', 'trinh do', 'khung nang luc', 'vstep', 'ngoai ngu'],
  tin_hoc: ['tin hoc', 'trinh do', 'chung chi', 'ung dung'],
  ly_luan_chinh_tri: [],
};

/** Words that mark a row as a total or a caption, never a person. */
export const TOTAL_ROW_WORDS = ['tong cong', 'tong so', 'cong', 'tong', 'cong trang', 'cong toan don vi'];

/** A list of course participants: only what identifies the person; other columns are read but not used. */
export const ENROLMENT_IMPORT_FIELDS: ImportField[] = [
  ...CADRE_IMPORT_FIELDS.filter((f) => ['rowNo', 'fullName', 'birthDate', 'birthDateMale', 'birthDateFemale', 'idNumber'].includes(f.key)),
  ...CADRE_IMPORT_FIELDS.filter((f) => ['sex', 'femaleMark', 'unit', 'postTitle', 'ethnicity'].includes(f.key)).map((f) => ({ ...f, kind: 'ignore' as const, label: `${f.label} (không dùng)` })),
  { key: 'note', label: 'Ghi chú (không dùng)', kind: 'ignore', synonyms: ['ghi chu'] },
];

export const IMPORT_FIELDS_BY_TARGET: Record<string, ImportField[]> = { cadres: CADRE_IMPORT_FIELDS, enrolments: ENROLMENT_IMPORT_FIELDS };
