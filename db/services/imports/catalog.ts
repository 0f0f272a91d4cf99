// What an import can fill, and the many ways Vietnamese spreadsheets title each column. Data, not code:
// a new spelling seen in the wild is one more string in a list.

import { QUALIFICATION_CATEGORIES, type QualificationCategory } from '../../../shared/domain/codes';

export type ImportFieldKind =
  | 'text' | 'date' | 'partialDate' | 'sex' | 'femaleMark' | 'code' | 'category' | 'number' | 'integer' | 'unit' | 'level' | 'ignore'
  /** A rotation's form (luân chuyển, điều động, biệt phái). */
  | 'rotationType'
  /** A level of any qualification category, the category read from the text ("Cao cấp LLCT", "ThS"). */
  | 'anyLevel'
  /** The qualification category itself ("Chuyên môn", "LLCT", "Ngoại ngữ"). */
  | 'levelCategory';

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

const cadreField = (key: string) => CADRE_IMPORT_FIELDS.find((f) => f.key === key)!;
const PERSON_KEYS = ['rowNo', 'fullName', 'birthDate', 'birthDateMale', 'birthDateFemale', 'idNumber'];

/**
 * A list of rotations (luân chuyển, điều động, biệt phái): who (by ID number, else name and birth date), from
 * where to where, when, and the decision. The fields are those of a rotation made in the form.
 */
export const ROTATION_IMPORT_FIELDS: ImportField[] = [
  ...PERSON_KEYS.map(cadreField),
  { key: 'type', label: 'Hình thức', kind: 'rotationType', synonyms: ['hinh thuc', 'hinh thuc luan chuyen', 'hinh thuc dieu dong', 'hinh thuc bo tri', 'loai luan chuyen'] },
  { key: 'fromUnit', label: 'Đơn vị nơi đi', kind: 'unit', synonyms: ['don vi noi di', 'noi di', 'tu don vi', 'don vi cu', 'co quan noi di', 'don vi truoc luan chuyen', 'noi cong tac truoc luan chuyen', 'don vi cong tac truoc luan chuyen', 'noi cong tac truoc', 'don vi cong tac hien tai', 'don vi hien tai', 'don vi cong tac', 'co quan don vi cong tac', 'noi cong tac', 'don vi'] },
  { key: 'fromPostTitle', label: 'Chức vụ nơi đi', kind: 'text', synonyms: ['chuc vu noi di', 'chuc vu cu', 'chuc vu truoc luan chuyen', 'chuc vu hien giu', 'chuc vu hien tai', 'chuc vu chuc danh hien tai', 'chuc vu', 'chuc danh'] },
  { key: 'fromPositionCode', label: 'Nhóm chức vụ nơi đi', kind: 'code', list: 'position', synonyms: ['nhom chuc vu noi di', 'chuc vu tuong duong noi di', 'nhom chuc vu hien giu'] },
  { key: 'toUnit', label: 'Đơn vị nơi đến', kind: 'unit', synonyms: ['don vi noi den', 'noi den', 'den don vi', 'don vi den', 'don vi moi', 'co quan noi den', 'don vi luan chuyen den', 'noi luan chuyen den', 'luan chuyen den', 'dieu dong den', 'biet phai den', 'don vi cong tac moi', 'noi cong tac moi'] },
  { key: 'toPostTitle', label: 'Chức vụ nơi đến', kind: 'text', synonyms: ['chuc vu noi den', 'chuc vu moi', 'chuc vu den', 'chuc vu du kien', 'chuc vu luan chuyen den', 'chuc danh luan chuyen den', 'chuc vu dam nhiem', 'chuc vu bo tri', 'chuc vu sau luan chuyen'] },
  { key: 'toPositionCode', label: 'Nhóm chức vụ nơi đến', kind: 'code', list: 'position', synonyms: ['nhom chuc vu noi den', 'chuc vu tuong duong noi den'] },
  { key: 'plannedStart', label: 'Ngày bắt đầu', kind: 'date', synonyms: ['ngay bat dau', 'ngay bat dau du kien', 'ngay bat dau luan chuyen', 'thoi gian bat dau', 'bat dau', 'tu ngay', 'tu', 'ngay hieu luc', 'thoi diem luan chuyen'] },
  { key: 'plannedEnd', label: 'Ngày kết thúc dự kiến', kind: 'date', synonyms: ['ngay ket thuc du kien', 'ngay ket thuc', 'thoi gian ket thuc', 'ket thuc', 'den ngay', 'den', 'thoi han den', 'het thoi han'] },
  { key: 'durationMonths', label: 'Thời gian luân chuyển (tháng)', kind: 'integer', synonyms: ['thoi gian luan chuyen thang', 'so thang', 'thoi han thang', 'thoi gian thang', 'thoi gian luan chuyen'] },
  { key: 'actualStart', label: 'Ngày bắt đầu thực tế', kind: 'date', synonyms: ['ngay bat dau thuc te', 'ngay nhan nhiem vu', 'ngay nhan cong tac', 'ngay den nhan cong tac'] },
  { key: 'actualEnd', label: 'Ngày kết thúc thực tế', kind: 'date', synonyms: ['ngay ket thuc thuc te', 'ngay tro ve', 'ngay ve don vi cu'] },
  { key: 'decisionNo', label: 'Số quyết định', kind: 'text', synonyms: ['so quyet dinh', 'so qd', 'quyet dinh so', 'qd so', 'quyet dinh', 'so ky hieu quyet dinh'] },
  { key: 'decisionDate', label: 'Ngày quyết định', kind: 'date', synonyms: ['ngay quyet dinh', 'ngay qd', 'ngay ky quyet dinh', 'ngay ky', 'ngay ban hanh'] },
  { key: 'decisionBody', label: 'Cơ quan ra quyết định', kind: 'text', synonyms: ['co quan ra quyet dinh', 'co quan quyet dinh', 'noi ra quyet dinh', 'cap quyet dinh', 'co quan ban hanh'] },
  { key: 'purpose', label: 'Mục đích', kind: 'text', synonyms: ['muc dich', 'muc dich luan chuyen'] },
  { key: 'overrideReason', label: 'Lý do vượt quy định', kind: 'text', synonyms: ['ly do vuot quy dinh', 'ly do'] },
  { key: 'note', label: 'Ghi chú', kind: 'text', synonyms: ['ghi chu'] },
  { key: 'status', label: 'Trạng thái (bỏ qua)', kind: 'ignore', synonyms: ['trang thai'] },
];

/**
 * Diplomas one per row (a person on as many rows as they hold diplomas). The person's columns identify them, or
 * create them when they are not on file yet and the row says enough (sex, category).
 */
export const QUALIFICATION_IMPORT_FIELDS: ImportField[] = [
  ...PERSON_KEYS.map(cadreField),
  ...['sex', 'femaleMark', 'ethnicity', 'category', 'unit', 'postTitle'].map(cadreField),
  { key: 'diploma.level', label: 'Trình độ, văn bằng', kind: 'anyLevel', synonyms: ['trinh do', 'van bang', 'bang cap', 'van bang chung chi', 'trinh do dao tao', 'trinh do van bang', 'ten van bang', 'loai bang', 'bang', 'hoc vi', 'trinh do chuyen mon', 'trinh do dao tao boi duong'] },
  { key: 'diploma.category', label: 'Loại trình độ', kind: 'levelCategory', synonyms: ['loai trinh do', 'loai van bang', 'nhom trinh do', 'loai bang cap', 'phan loai van bang', 'linh vuc dao tao'] },
  { key: 'diploma.field', label: 'Chuyên ngành', kind: 'text', synonyms: ['chuyen nganh', 'nganh dao tao', 'chuyen nganh dao tao', 'nganh', 'nganh hoc'] },
  { key: 'diploma.institution', label: 'Nơi đào tạo', kind: 'text', synonyms: ['noi dao tao', 'co so dao tao', 'truong dao tao', 'ten truong', 'truong', 'noi cap', 'co so dao tao cap bang', 'noi cap bang'] },
  { key: 'diploma.awardDate', label: 'Năm tốt nghiệp', kind: 'partialDate', synonyms: ['nam tot nghiep', 'ngay tot nghiep', 'nam cap bang', 'ngay cap bang', 'ngay cap van bang', 'nam cap', 'thoi gian tot nghiep', 'nam'] },
  { key: 'diploma.studyMode', label: 'Hình thức đào tạo', kind: 'text', synonyms: ['hinh thuc dao tao', 'hinh thuc', 'loai hinh dao tao', 'he dao tao', 'he', 'hinh thuc hoc'] },
  { key: 'diploma.certificateNo', label: 'Số hiệu văn bằng', kind: 'text', synonyms: ['so hieu van bang', 'so van bang', 'so bang', 'so hieu', 'so chung chi', 'so hieu chung chi'] },
  { key: 'note', label: 'Ghi chú', kind: 'text', synonyms: ['ghi chu'] },
];

/** The qualification categories as clerks name them in a "Loại trình độ" column (folded). */
export const LEVEL_CATEGORY_ALIASES: Record<string, QualificationCategory> = {
  'chuyen mon': 'chuyen_mon', 'trinh do chuyen mon': 'chuyen_mon', cm: 'chuyen_mon', tdcm: 'chuyen_mon', 'chuyen mon nghiep vu': 'chuyen_mon', 'hoc vi': 'chuyen_mon',
  'ly luan chinh tri': 'ly_luan_chinh_tri', llct: 'ly_luan_chinh_tri', 'chinh tri': 'ly_luan_chinh_tri', 'ly luan': 'ly_luan_chinh_tri',
  'quan ly nha nuoc': 'quan_ly_nha_nuoc', qlnn: 'quan_ly_nha_nuoc',
  'ngoai ngu': 'ngoai_ngu', nn: 'ngoai_ngu', 'tieng anh': 'ngoai_ngu',
  'tin hoc': 'tin_hoc', cntt: 'tin_hoc', 'cong nghe thong tin': 'tin_hoc',
  'pho thong': 'pho_thong', 'giao duc pho thong': 'pho_thong', 'van hoa': 'pho_thong',
  'tieng dan toc': 'tieng_dtts', 'tieng dtts': 'tieng_dtts', 'tieng dan toc thieu so': 'tieng_dtts',
};

/**
 * Words that tell which category a free level text belongs to, when no category column says it ("Cao cấp LLCT",
 * "Tiếng Anh B1", "Chứng chỉ tin học cơ bản"). Without any, the professional levels are tried first.
 */
export const LEVEL_CATEGORY_HINTS: [QualificationCategory, string[]][] = [
  ['ly_luan_chinh_tri', ['llct', 'ccllct', 'tcllct', 'scllct', 'cnct', 'ly luan', 'chinh tri']],
  ['quan_ly_nha_nuoc', ['qlnn', 'quan ly nha nuoc', 'chuyen vien cao cap', 'chuyen vien chinh', 'chuyen vien', 'cvcc', 'cvc', 'can su']],
  ['tin_hoc', ['tin hoc', 'cntt', 'cong nghe thong tin', 'ung dung cntt']],
  ['ngoai_ngu', ['ngoai ngu', 'tieng anh', 'anh van', 'tieng phap', 'tieng trung', 'tieng nga', 'tieng nhat', 'tieng han', 'vstep', 'toeic', 'ielts', 'toefl', 'a1', 'a2', 'b1', 'b2', 'c1', 'c2']],
  ['tieng_dtts', ['tieng khmer', 'tieng kho me', 'tieng dan toc']],
];

export const IMPORT_FIELDS_BY_TARGET: Record<string, ImportField[]> = {
  cadres: CADRE_IMPORT_FIELDS,
  enrolments: ENROLMENT_IMPORT_FIELDS,
  rotations: ROTATION_IMPORT_FIELDS,
  qualifications: QUALIFICATION_IMPORT_FIELDS,
};
