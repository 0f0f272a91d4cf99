// Code lists and fixed vocabularies. Fixed vocabularies (unit kinds, levels, categories) are enums because
// rules and reports branch on them; open lists (ethnicities, levels, ranks, positions...) are seeded into the
// code_lists table from here and stay editable in the Danh mục screen.

export const UNIT_KINDS = {
  dang: 'Cơ quan Đảng',
  chinh_quyen: 'Cơ quan nhà nước',
  mttq_doan_the: 'Mặt trận, đoàn thể',
  su_nghiep_giao_duc: 'Đơn vị sự nghiệp giáo dục',
  su_nghiep_y_te: 'Đơn vị sự nghiệp y tế',
  su_nghiep_khac: 'Đơn vị sự nghiệp khác',
} as const;
export type UnitKind = keyof typeof UNIT_KINDS;

export const UNIT_LEVELS = { tinh: 'Cấp tỉnh', huyen: 'Cấp huyện', xa: 'Cấp xã' } as const;
export type UnitLevel = keyof typeof UNIT_LEVELS;

export const CADRE_CATEGORIES = {
  can_bo: 'Cán bộ',
  cong_chuc: 'Công chức',
  vien_chuc: 'Viên chức',
  khac: 'Khác (hợp đồng...)',
} as const;
export type CadreCategory = keyof typeof CADRE_CATEGORIES;

export const SEXES = { nam: 'Nam', nu: 'Nữ' } as const;
export type Sex = keyof typeof SEXES;

export const CADRE_STATUSES = {
  dang_cong_tac: 'Đang công tác',
  nghi_huu: 'Nghỉ hưu',
  chuyen_cong_tac: 'Chuyển công tác',
  thoi_viec: 'Thôi việc',
  tu_tran: 'Từ trần',
} as const;
export type CadreStatus = keyof typeof CADRE_STATUSES;

/** Roles the resolution counts (section II.2.2). Kept as dated rows per cadre, so a term's end is history. */
export const CADRE_FLAGS = {
  bch_tinh: 'Ủy viên BCH Đảng bộ tỉnh',
  btv_quan_ly: 'Cán bộ diện BTV Tỉnh ủy quản lý',
  bch_huyen: 'Ủy viên BCH Đảng bộ huyện và tương đương',
  lanh_dao_phong: 'Lãnh đạo cấp phòng và tương đương',
  gv_truong_chinh_tri: 'Giảng viên Trường Chính trị tỉnh',
  gv_cao_dang: 'Giảng viên cao đẳng',
  giao_vien: 'Giáo viên',
  giao_vien_thpt: 'Giáo viên THPT',
  bac_si: 'Bác sĩ',
  dieu_duong: 'Điều dưỡng',
} as const;
export type CadreFlag = keyof typeof CADRE_FLAGS;
export const CADRE_FLAG_KEYS = Object.keys(CADRE_FLAGS) as CadreFlag[];

export const QUALIFICATION_CATEGORIES = {
  pho_thong: 'Giáo dục phổ thông',
  chuyen_mon: 'Chuyên môn',
  ly_luan_chinh_tri: 'Lý luận chính trị',
  quan_ly_nha_nuoc: 'Quản lý nhà nước',
  ngoai_ngu: 'Ngoại ngữ',
  tin_hoc: 'Tin học',
  tieng_dtts: 'Tiếng dân tộc thiểu số',
} as const;
export type QualificationCategory = keyof typeof QUALIFICATION_CATEGORIES;
export const QUALIFICATION_CATEGORY_KEYS = Object.keys(QUALIFICATION_CATEGORIES) as QualificationCategory[];

/**
 * True when `key` is one of the table's own keys. Not `key in table`: that is true of "constructor", "toString"…
 * too, which input from a form or a file may well hold.
 */
export function isKeyOf<T extends object>(table: T, key: unknown): key is keyof T {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key);
}

/** Code list names used in the code_lists table. Levels live in "level.<category>". */
export const levelListOf = (category: QualificationCategory) => `level.${category}`;

export interface CodeSeed {
  key: string;
  name: string;
  /** Official code where one exists (e.g. the statistics office's ethnicity code). */
  code?: string;
  /** Order of levels: a higher rank is a higher level; "highest" is the one with the largest rank. */
  rank?: number;
  attrs?: Record<string, unknown>;
}

/**
 * The 54 ethnic groups in the order and with the codes of the General Statistics Office (Tổng cục Thống kê,
 * danh mục các dân tộc Việt Nam, QĐ 121-TCTK/PPCĐ). Records store the stable key, not the code, so a change of
 * code order does not rewrite records. attrs.minority marks the 53 ethnic minorities.
 */
const ETHNIC_NAMES = [
  'Kinh', 'Tày', 'Thái', 'Hoa', 'Khơ-me', 'Mường', 'Nùng', 'HMông', 'Dao', 'Gia-rai', 'Ngái', 'Ê-đê', 'Ba-na',
  'Xơ-đăng', 'Sán Chay', 'Cơ-ho', 'Chăm', 'Sán Dìu', 'Hrê', 'Mnông', 'Ra-glai', 'Xtiêng', 'Bru-Vân Kiều', 'Thổ',
  'Giáy', 'Cơ-tu', 'Gié-Triêng', 'Mạ', 'Khơ-mú', 'Co', 'Tà-ôi', 'Chơ-ro', 'Kháng', 'Xinh-mun', 'Hà Nhì', 'Chu-ru',
  'Lào', 'La Chí', 'La Ha', 'Phù Lá', 'La Hủ', 'Lự', 'Lô Lô', 'Chứt', 'Mảng', 'Pà Thẻn', 'Cơ Lao', 'Cống', 'Bố Y',
  'Si La', 'Pu Péo', 'Brâu', 'Ơ-đu', 'Rơ-măm',
];
const ETHNIC_KEYS: Record<string, string> = { 'Khơ-me': 'khmer', HMông: 'hmong' };
const slug = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

export const ETHNICITIES: CodeSeed[] = ETHNIC_NAMES.map((name, i) => ({
  key: ETHNIC_KEYS[name] ?? slug(name),
  name,
  code: String(i + 1).padStart(2, '0'),
  rank: i + 1,
  attrs: { minority: i > 0 },
}));
export const ETHNICITY_CODE_ORDER = 'Danh mục dân tộc Việt Nam của Tổng cục Thống kê (mã 01-54)';

export const RELIGIONS: CodeSeed[] = [
  { key: 'khong', name: 'Không' },
  { key: 'phat_giao', name: 'Phật giáo' },
  { key: 'phat_giao_nam_tong', name: 'Phật giáo Nam tông Khmer' },
  { key: 'cong_giao', name: 'Công giáo' },
  { key: 'tin_lanh', name: 'Tin lành' },
  { key: 'cao_dai', name: 'Cao Đài' },
  { key: 'hoa_hao', name: 'Phật giáo Hòa Hảo' },
  { key: 'hoi_giao', name: 'Hồi giáo' },
  { key: 'khac', name: 'Tôn giáo khác' },
].map((r, i) => ({ ...r, rank: i }));

/**
 * Qualification levels per category. attrs.postgraduate is the rule the indicators use for "sau đại học":
 * thạc sĩ, tiến sĩ, TSKH and the medical tracks bác sĩ nội trú, chuyên khoa I, chuyên khoa II.
 */
export const QUALIFICATION_LEVELS: Record<QualificationCategory, CodeSeed[]> = {
  pho_thong: [
    { key: '7/10', name: '7/10', rank: 7 },
    { key: '9/12', name: '9/12', rank: 9 },
    { key: '9/10', name: '9/10', rank: 9.5 },
    { key: '10/12', name: '10/12', rank: 10 },
    { key: '11/12', name: '11/12', rank: 11 },
    { key: '10/10', name: '10/10', rank: 12, attrs: { upperSecondaryComplete: true } },
    { key: '12/12', name: '12/12', rank: 12, attrs: { upperSecondaryComplete: true } },
  ],
  chuyen_mon: [
    { key: 'so_cap', name: 'Sơ cấp', rank: 10 },
    { key: 'trung_cap', name: 'Trung cấp', rank: 20 },
    { key: 'cao_dang', name: 'Cao đẳng', rank: 30 },
    { key: 'dai_hoc', name: 'Đại học', rank: 40 },
    { key: 'bs_noi_tru', name: 'Bác sĩ nội trú', rank: 50, attrs: { postgraduate: true } },
    { key: 'chuyen_khoa_1', name: 'Chuyên khoa I', rank: 55, attrs: { postgraduate: true } },
    { key: 'thac_si', name: 'Thạc sĩ', rank: 60, attrs: { postgraduate: true } },
    { key: 'chuyen_khoa_2', name: 'Chuyên khoa II', rank: 70, attrs: { postgraduate: true } },
    { key: 'tien_si', name: 'Tiến sĩ', rank: 80, attrs: { postgraduate: true, doctorate: true } },
    { key: 'tskh', name: 'Tiến sĩ khoa học', rank: 90, attrs: { postgraduate: true, doctorate: true } },
  ],
  ly_luan_chinh_tri: [
    { key: 'so_cap', name: 'Sơ cấp', rank: 10 },
    { key: 'trung_cap', name: 'Trung cấp', rank: 20 },
    { key: 'cao_cap', name: 'Cao cấp', rank: 30 },
    { key: 'cu_nhan', name: 'Cử nhân', rank: 40 },
  ],
  quan_ly_nha_nuoc: [
    { key: 'can_su', name: 'Cán sự', rank: 5 },
    { key: 'chuyen_vien', name: 'Chuyên viên', rank: 10 },
    { key: 'chuyen_vien_chinh', name: 'Chuyên viên chính', rank: 20 },
    { key: 'chuyen_vien_cao_cap', name: 'Chuyên viên cao cấp', rank: 30 },
  ],
  ngoai_ngu: [
    { key: 'chung_chi_a', name: 'Chứng chỉ A (cũ)', rank: 15 },
    { key: 'chung_chi_b', name: 'Chứng chỉ B (cũ)', rank: 25 },
    { key: 'chung_chi_c', name: 'Chứng chỉ C (cũ)', rank: 35 },
    { key: 'bac_1', name: 'Bậc 1 (A1)', rank: 10 },
    { key: 'bac_2', name: 'Bậc 2 (A2)', rank: 20 },
    { key: 'bac_3', name: 'Bậc 3 (B1)', rank: 30 },
    { key: 'bac_4', name: 'Bậc 4 (B2)', rank: 40 },
    { key: 'bac_5', name: 'Bậc 5 (C1)', rank: 50 },
    { key: 'bac_6', name: 'Bậc 6 (C2)', rank: 60 },
    { key: 'dai_hoc', name: 'Đại học ngoại ngữ', rank: 55 },
  ],
  tin_hoc: [
    { key: 'chung_chi_a', name: 'Chứng chỉ A (cũ)', rank: 5 },
    { key: 'chung_chi_b', name: 'Chứng chỉ B (cũ)', rank: 15 },
    { key: 'co_ban', name: 'Ứng dụng CNTT cơ bản', rank: 10 },
    { key: 'nang_cao', name: 'Ứng dụng CNTT nâng cao', rank: 20 },
    { key: 'trung_cap', name: 'Trung cấp CNTT', rank: 25 },
    { key: 'cao_dang', name: 'Cao đẳng CNTT', rank: 30 },
    { key: 'dai_hoc', name: 'Đại học CNTT', rank: 40 },
  ],
  tieng_dtts: [
    { key: 'tu_danh_gia', name: 'Sử dụng được (chưa có chứng chỉ)', rank: 5 },
    { key: 'chung_chi', name: 'Chứng chỉ tiếng dân tộc thiểu số', rank: 10, attrs: { certified: true } },
    { key: 'dai_hoc', name: 'Đại học ngôn ngữ dân tộc', rank: 20, attrs: { certified: true } },
  ],
};

/** Self/assessed fluency for an ethnic-minority (or foreign) language. */
export const LANGUAGE_FLUENCY: CodeSeed[] = [
  { key: 'co_ban', name: 'Cơ bản', rank: 1 },
  { key: 'kha', name: 'Khá', rank: 2 },
  { key: 'thanh_thao', name: 'Thành thạo', rank: 3, attrs: { fluent: true } },
  { key: 'ban_ngu', name: 'Bản ngữ', rank: 4, attrs: { fluent: true } },
];

export const MINORITY_LANGUAGES: CodeSeed[] = [
  { key: 'khmer', name: 'Tiếng Khmer' },
  { key: 'hoa', name: 'Tiếng Hoa' },
  { key: 'cham', name: 'Tiếng Chăm' },
  { key: 'khac', name: 'Tiếng dân tộc khác' },
];

/** Position tiers: rank lets rotation rules say "equivalent or higher". */
export const POSITIONS: CodeSeed[] = [
  { key: 'lanh_dao_tinh', name: 'Lãnh đạo chủ chốt cấp tỉnh', rank: 90 },
  { key: 'truong_so', name: 'Giám đốc sở, trưởng ban, ngành tỉnh và tương đương', rank: 80 },
  { key: 'bi_thu_huyen', name: 'Bí thư, chủ tịch cấp huyện', rank: 75 },
  { key: 'pho_so', name: 'Phó giám đốc sở, phó trưởng ban, ngành tỉnh và tương đương', rank: 70 },
  { key: 'pho_huyen', name: 'Phó bí thư, phó chủ tịch cấp huyện', rank: 65 },
  { key: 'truong_phong', name: 'Trưởng phòng và tương đương', rank: 50 },
  { key: 'pho_phong', name: 'Phó trưởng phòng và tương đương', rank: 40 },
  { key: 'bi_thu_xa', name: 'Bí thư, chủ tịch cấp xã', rank: 35 },
  { key: 'pho_xa', name: 'Phó bí thư, phó chủ tịch cấp xã', rank: 30 },
  { key: 'chuyen_vien', name: 'Chuyên viên, nhân viên', rank: 10 },
  { key: 'giao_vien', name: 'Giáo viên, giảng viên', rank: 10 },
  { key: 'bac_si', name: 'Bác sĩ, nhân viên y tế', rank: 10 },
  { key: 'khac', name: 'Khác', rank: 0 },
];

/** Common ranks (ngạch, hạng chức danh nghề nghiệp) with their codes; the list is editable. */
export const RANKS: CodeSeed[] = [
  { key: '01.001', code: '01.001', name: 'Chuyên viên cao cấp' },
  { key: '01.002', code: '01.002', name: 'Chuyên viên chính' },
  { key: '01.003', code: '01.003', name: 'Chuyên viên' },
  { key: '01.004', code: '01.004', name: 'Cán sự' },
  { key: '01.005', code: '01.005', name: 'Nhân viên' },
  { key: '06.030', code: '06.030', name: 'Kế toán viên chính' },
  { key: '06.031', code: '06.031', name: 'Kế toán viên' },
  { key: 'V.07.01.01', code: 'V.07.01.01', name: 'Giảng viên cao cấp (hạng I)' },
  { key: 'V.07.01.02', code: 'V.07.01.02', name: 'Giảng viên chính (hạng II)' },
  { key: 'V.07.01.03', code: 'V.07.01.03', name: 'Giảng viên (hạng III)' },
  { key: 'V.07.05.13', code: 'V.07.05.13', name: 'Giáo viên THPT hạng I' },
  { key: 'V.07.05.14', code: 'V.07.05.14', name: 'Giáo viên THPT hạng II' },
  { key: 'V.07.05.15', code: 'V.07.05.15', name: 'Giáo viên THPT hạng III' },
  { key: 'V.07.04.30', code: 'V.07.04.30', name: 'Giáo viên THCS hạng I' },
  { key: 'V.07.04.31', code: 'V.07.04.31', name: 'Giáo viên THCS hạng II' },
  { key: 'V.07.04.32', code: 'V.07.04.32', name: 'Giáo viên THCS hạng III' },
  { key: 'V.07.03.27', code: 'V.07.03.27', name: 'Giáo viên tiểu học hạng I' },
  { key: 'V.07.03.28', code: 'V.07.03.28', name: 'Giáo viên tiểu học hạng II' },
  { key: 'V.07.03.29', code: 'V.07.03.29', name: 'Giáo viên tiểu học hạng III' },
  { key: 'V.08.01.01', code: 'V.08.01.01', name: 'Bác sĩ cao cấp (hạng I)' },
  { key: 'V.08.01.02', code: 'V.08.01.02', name: 'Bác sĩ chính (hạng II)' },
  { key: 'V.08.01.03', code: 'V.08.01.03', name: 'Bác sĩ (hạng III)' },
  { key: 'V.08.05.11', code: 'V.08.05.11', name: 'Điều dưỡng hạng II' },
  { key: 'V.08.05.12', code: 'V.08.05.12', name: 'Điều dưỡng hạng III' },
  { key: 'V.08.05.13', code: 'V.08.05.13', name: 'Điều dưỡng hạng IV' },
].map((r, i) => ({ ...r, rank: i }));

/** Every seeded code list, by list name. */
export const CODE_LIST_SEEDS: Record<string, CodeSeed[]> = {
  ethnicity: ETHNICITIES,
  religion: RELIGIONS,
  rank: RANKS,
  position: POSITIONS,
  language_fluency: LANGUAGE_FLUENCY,
  minority_language: MINORITY_LANGUAGES,
  ...Object.fromEntries(
    (Object.keys(QUALIFICATION_LEVELS) as QualificationCategory[]).map((c) => [levelListOf(c), QUALIFICATION_LEVELS[c]]),
  ),
};

export const CODE_LIST_NAMES: Record<string, string> = {
  ethnicity: 'Dân tộc',
  religion: 'Tôn giáo',
  rank: 'Ngạch, chức danh nghề nghiệp',
  position: 'Chức vụ (nhóm tương đương)',
  language_fluency: 'Mức độ sử dụng ngôn ngữ',
  minority_language: 'Tiếng dân tộc thiểu số',
  ...Object.fromEntries(
    (Object.keys(QUALIFICATION_CATEGORIES) as QualificationCategory[]).map((c) => [levelListOf(c), `Trình độ ${QUALIFICATION_CATEGORIES[c].toLowerCase()}`]),
  ),
};
