// The sample organisation: Sóc Trăng province before 1 July 2025 (province bodies, 11 districts, communes) and
// the new Cần Thơ city bodies and merged communes from 1 July 2025. Pure data built from the scale only (no
// randomness), so the same cadre count always gives the same tree.

import type { CadreCategory, CadreFlag, UnitKind, UnitLevel } from '../../shared/domain/codes';

export const OLD_FROM = '1992-04-01'; // Sóc Trăng province re-established
export const LAST_OLD_DAY = '2025-06-30';
export const NEW_FROM = '2025-07-01';

export type Role =
  | 'lead' | 'admin' | 'accountant' | 'support' | 'contract' | 'commune_lead' | 'commune' | 'mass_org'
  | 'teacher_thpt' | 'teacher_thcs' | 'teacher_th' | 'lecturer_tct' | 'lecturer_cd'
  | 'doctor' | 'nurse' | 'midwife' | 'pharm' | 'health_tech';

export interface PostDef {
  title: string;
  /** Key in the 'position' code list. */
  pos: string;
  cat: CadreCategory;
  role: Role;
  flags?: CadreFlag[];
  /** Share of women on this post, when it differs from the usual. */
  female?: number;
}

/** Who works in a unit: one head, a few deputies, heads and deputies of sections, and staff by weight. */
export interface Template {
  top?: PostDef;
  deputy?: PostDef[];
  maxDep: number;
  depRatio: number;
  head?: PostDef[];
  headRatio: number;
  subhead?: PostDef;
  subheadRatio: number;
  staff: [PostDef, number][];
}

/** Pools for earlier posts in a career: people move within their kind of unit. */
export type Family = 'tinh' | 'huyen' | 'xa' | 'thpt' | 'thcs' | 'th' | 'bv' | 'tct' | 'cd';

export interface DistrictInfo {
  key: string;
  /** "thị xã Vĩnh Châu" */
  name: string;
  khmer: number;
  hoa: number;
  /** Khmer-majority area: its communes are in direct contact with ethnic-minority people. */
  ethnicArea: boolean;
  /** Old communes (with their "xã/phường/thị trấn" prefix) and the merged new commune of each group. */
  groups: { newName: string; olds: string[] }[];
}

export interface UnitSpec {
  i: number;
  id: number;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  level: UnitLevel;
  /** Parent now (units.parent_id). */
  parent: UnitSpec | null;
  /** Parent until 30/06/2025 when the unit moved on 01/07/2025. */
  oldParent: UnitSpec | null;
  validFrom: string;
  validTo: string | null;
  successor: UnitSpec | null;
  ethnic: boolean;
  tpl: Template | null;
  /** Relative number of staff. */
  weight: number;
  /** Exact number of staff at full scale (leadership bodies). */
  fixed: number;
  family: Family | null;
  domain: string;
  district: DistrictInfo | null;
  khmer: number;
  hoa: number;
  isNew: boolean;
  /** Chance that the most senior person moved here on 01/07/2025 becomes its head (others came from Cần Thơ, Hậu Giang). */
  topChance: number;
  note: string | null;
}

// ---- Posts -----------------------------------------------------------------------------------------------------

const P = (title: string, pos: string, cat: CadreCategory, role: Role, flags?: CadreFlag[], female?: number): PostDef => ({ title, pos, cat, role, flags, female });
const CONTRACT = P('Nhân viên hợp đồng', 'khac', 'khac', 'contract');
const accountant = (cat: CadreCategory) => P('Kế toán', 'chuyen_vien', cat, 'accountant');
const clerk = (cat: CadreCategory) => P('Nhân viên văn thư', 'chuyen_vien', cat, 'support');
const specialist = (cat: CadreCategory = 'cong_chuc', title = 'Chuyên viên') => P(title, 'chuyen_vien', cat, 'admin');

function leadership(top: string, dep: string | string[], maxDep: number, topPos: string, depPos: string, cat: CadreCategory, depCat: CadreCategory = cat): Pick<Template, 'top' | 'deputy' | 'maxDep'> {
  const deps = Array.isArray(dep) ? dep : [dep];
  return { top: P(top, topPos, cat, 'lead'), deputy: deps.map((d) => P(d, depPos, depCat, 'lead')), maxDep };
}

const T = {
  topBody: (top: string, dep: string, maxDep: number): Template => ({
    ...leadership(top, dep, maxDep, 'lanh_dao_tinh', 'lanh_dao_tinh', 'can_bo'),
    depRatio: 1, headRatio: 0, subheadRatio: 0, staff: [[specialist(), 1]],
  }),
  ban: (top: string, dep: string, staffTitle = 'Chuyên viên'): Template => ({
    ...leadership(top, dep, 3, 'truong_so', 'pho_so', 'can_bo', 'cong_chuc'),
    depRatio: 0.12,
    head: [P('Trưởng phòng', 'truong_phong', 'cong_chuc', 'admin')], headRatio: 0.1,
    subhead: P('Phó Trưởng phòng', 'pho_phong', 'cong_chuc', 'admin'), subheadRatio: 0.1,
    staff: [[specialist('cong_chuc', staffTitle), 82], [accountant('cong_chuc'), 4], [clerk('cong_chuc'), 6], [CONTRACT, 8]],
  }),
  so: (top: string, dep: string): Template => ({
    ...leadership(top, dep, 3, 'truong_so', 'pho_so', 'cong_chuc'),
    depRatio: 0.25,
    head: [P('Chánh Văn phòng', 'truong_phong', 'cong_chuc', 'admin')], headRatio: 0.08,
    subhead: P('Phó Chánh Văn phòng', 'pho_phong', 'cong_chuc', 'admin'), subheadRatio: 0.06,
    staff: [[specialist(), 70], [accountant('cong_chuc'), 12], [clerk('cong_chuc'), 8], [CONTRACT, 10]],
  }),
  phong: (name: string): Template => {
    const [top, dep] = name.startsWith('Ban') ? ['Trưởng ban', 'Phó Trưởng ban'] : name.startsWith('Chi cục') ? ['Chi cục trưởng', 'Phó Chi cục trưởng'] : ['Trưởng phòng', 'Phó Trưởng phòng'];
    return {
      top: P(top, 'truong_phong', 'cong_chuc', 'admin'), deputy: [P(dep, 'pho_phong', 'cong_chuc', 'admin')], maxDep: 2, depRatio: 0.3,
      headRatio: 0, subheadRatio: 0, staff: [[specialist(), 92], [CONTRACT, 8]],
    };
  },
  mttq: (where: string): Template => ({
    ...leadership(`Chủ tịch Ủy ban MTTQ Việt Nam ${where}`, `Phó Chủ tịch Ủy ban MTTQ Việt Nam ${where}`, 3, 'truong_so', 'pho_so', 'can_bo'),
    depRatio: 0.2,
    head: [P('Trưởng ban', 'truong_phong', 'cong_chuc', 'admin')], headRatio: 0.1,
    subhead: P('Phó Trưởng ban', 'pho_phong', 'cong_chuc', 'admin'), subheadRatio: 0.1,
    staff: [[specialist(), 90], [CONTRACT, 10]],
  }),
  doanThe: (top: string, dep: string, female?: number): Template => ({
    top: P(top, 'truong_so', 'can_bo', 'lead', undefined, female), deputy: [P(dep, 'pho_so', 'can_bo', 'lead', undefined, female)], maxDep: 2, depRatio: 0.2,
    headRatio: 0, subheadRatio: 0,
    staff: [[P('Chuyên viên', 'chuyen_vien', 'cong_chuc', 'admin', undefined, female), 90], [CONTRACT, 10]],
  }),
  tct: (): Template => {
    const f: CadreFlag[] = ['gv_truong_chinh_tri'];
    return {
      top: P('Hiệu trưởng', 'truong_so', 'vien_chuc', 'lecturer_tct', f), deputy: [P('Phó Hiệu trưởng', 'pho_so', 'vien_chuc', 'lecturer_tct', f)], maxDep: 3, depRatio: 0.08,
      head: [P('Trưởng khoa', 'truong_phong', 'vien_chuc', 'lecturer_tct', f)], headRatio: 0.1,
      subhead: P('Phó Trưởng khoa', 'pho_phong', 'vien_chuc', 'lecturer_tct', f), subheadRatio: 0.08,
      staff: [[P('Giảng viên', 'giao_vien', 'vien_chuc', 'lecturer_tct', f), 75], [specialist('vien_chuc'), 15], [accountant('vien_chuc'), 4], [CONTRACT, 6]],
    };
  },
  cd: (): Template => {
    const f: CadreFlag[] = ['gv_cao_dang'];
    return {
      top: P('Hiệu trưởng', 'pho_so', 'vien_chuc', 'lecturer_cd', f), deputy: [P('Phó Hiệu trưởng', 'truong_phong', 'vien_chuc', 'lecturer_cd', f)], maxDep: 3, depRatio: 0.03,
      head: [P('Trưởng khoa', 'truong_phong', 'vien_chuc', 'lecturer_cd', f)], headRatio: 0.06,
      subhead: P('Phó Trưởng khoa', 'pho_phong', 'vien_chuc', 'lecturer_cd', f), subheadRatio: 0.05,
      staff: [[P('Giảng viên', 'giao_vien', 'vien_chuc', 'lecturer_cd', f), 72], [specialist('vien_chuc'), 12], [accountant('vien_chuc'), 3], [clerk('vien_chuc'), 6], [CONTRACT, 7]],
    };
  },
  school: (type: 'thpt' | 'thcs' | 'th'): Template => {
    const role: Role = type === 'thpt' ? 'teacher_thpt' : type === 'thcs' ? 'teacher_thcs' : 'teacher_th';
    const f: CadreFlag[] = type === 'thpt' ? ['giao_vien', 'giao_vien_thpt'] : ['giao_vien'];
    // A THPT principal counts as "tương đương trưởng phòng"; THCS and primary principals do not.
    const [topPos, depPos] = type === 'thpt' ? ['truong_phong', 'pho_phong'] : ['giao_vien', 'giao_vien'];
    return {
      top: P('Hiệu trưởng', topPos, 'vien_chuc', role, f), deputy: [P('Phó Hiệu trưởng', depPos, 'vien_chuc', role, f)], maxDep: type === 'thpt' ? 3 : 2, depRatio: 0.04,
      head: [P('Tổ trưởng chuyên môn', 'giao_vien', 'vien_chuc', role, f)], headRatio: 0.08, subheadRatio: 0,
      staff: [[P('Giáo viên', 'giao_vien', 'vien_chuc', role, f), 86], [accountant('vien_chuc'), 3], [P('Nhân viên thư viện - thiết bị', 'chuyen_vien', 'vien_chuc', 'support'), 6], [CONTRACT, 5]],
    };
  },
  hospital: (top = 'Giám đốc', dep = 'Phó Giám đốc'): Template => {
    const doc: CadreFlag[] = ['bac_si'];
    return {
      top: P(top, 'pho_so', 'vien_chuc', 'doctor', doc), deputy: [P(dep, 'truong_phong', 'vien_chuc', 'doctor', doc)], maxDep: 3, depRatio: 0.01,
      head: [P('Trưởng khoa', 'truong_phong', 'vien_chuc', 'doctor', doc)], headRatio: 0.04,
      subhead: P('Phó Trưởng khoa', 'pho_phong', 'vien_chuc', 'doctor', doc), subheadRatio: 0.03,
      staff: [
        [P('Bác sĩ', 'bac_si', 'vien_chuc', 'doctor', doc), 24], [P('Điều dưỡng', 'bac_si', 'vien_chuc', 'nurse', ['dieu_duong']), 42],
        [P('Hộ sinh', 'bac_si', 'vien_chuc', 'midwife', undefined, 1), 4], [P('Dược sĩ', 'bac_si', 'vien_chuc', 'pharm'), 6],
        [P('Kỹ thuật viên', 'bac_si', 'vien_chuc', 'health_tech'), 8], [specialist('vien_chuc'), 6], [accountant('vien_chuc'), 3], [CONTRACT, 7],
      ],
    };
  },
  huyenUy: (word: string): Template => ({
    ...leadership(`Bí thư ${word}`, `Phó Bí thư ${word}`, 2, 'bi_thu_huyen', 'pho_huyen', 'can_bo'),
    depRatio: 0.1,
    head: ['Trưởng Ban Tổ chức', 'Trưởng Ban Tuyên giáo', 'Chủ nhiệm Ủy ban Kiểm tra', 'Trưởng Ban Dân vận', 'Chánh Văn phòng'].map((t) => P(`${t} ${word}`, 'truong_phong', 'can_bo', 'admin')),
    headRatio: 0.2,
    subhead: P('Phó Trưởng ban', 'pho_phong', 'cong_chuc', 'admin'), subheadRatio: 0.15,
    staff: [[specialist(), 88], [accountant('cong_chuc'), 4], [CONTRACT, 8]],
  }),
  ubndHuyen: (where: string): Template => ({
    ...leadership(`Chủ tịch UBND ${where}`, `Phó Chủ tịch UBND ${where}`, 3, 'bi_thu_huyen', 'pho_huyen', 'can_bo'),
    depRatio: 0.15,
    head: [P('Chánh Văn phòng HĐND và UBND', 'truong_phong', 'cong_chuc', 'admin')], headRatio: 0.08,
    subhead: P('Phó Chánh Văn phòng HĐND và UBND', 'pho_phong', 'cong_chuc', 'admin'), subheadRatio: 0.08,
    staff: [[specialist(), 80], [accountant('cong_chuc'), 6], [clerk('cong_chuc'), 6], [CONTRACT, 8]],
  }),
  dangUyXa: (loc: string, isNew: boolean): Template => {
    const lead = (t: string, pos: string) => P(t, pos, 'can_bo', 'commune_lead');
    const cb = (t: string, female?: number) => P(t, 'chuyen_vien', 'can_bo', 'mass_org', undefined, female);
    return {
      top: lead(`Bí thư Đảng ủy ${loc}`, 'bi_thu_xa'),
      deputy: isNew ? [lead('Phó Bí thư Thường trực Đảng ủy', 'pho_xa'), lead('Phó Bí thư Đảng ủy', 'pho_xa')] : [lead('Phó Bí thư Thường trực Đảng ủy', 'pho_xa'), lead(`Chủ tịch HĐND ${loc}`, 'pho_xa')],
      maxDep: isNew ? 3 : 2, depRatio: 0.2, headRatio: 0, subheadRatio: 0,
      staff: isNew
        ? [[specialist('cong_chuc', 'Chuyên viên Văn phòng Đảng ủy'), 30], [specialist('cong_chuc', 'Chuyên viên Ban Xây dựng Đảng'), 30], [specialist('cong_chuc', 'Chuyên viên Ủy ban Kiểm tra Đảng ủy'), 20], [cb(`Phó Chủ tịch Ủy ban MTTQ Việt Nam ${loc}`), 15], [CONTRACT, 5]]
        : [[cb(`Chủ tịch Ủy ban MTTQ Việt Nam ${loc}`), 12], [cb(`Bí thư Đoàn TNCS Hồ Chí Minh ${loc}`), 12], [cb(`Chủ tịch Hội Liên hiệp Phụ nữ ${loc}`, 1), 12],
           [cb(`Chủ tịch Hội Nông dân ${loc}`, 0.2), 10], [cb(`Chủ tịch Hội Cựu chiến binh ${loc}`, 0.05), 8], [P('Công chức Văn phòng Đảng ủy', 'chuyen_vien', 'cong_chuc', 'commune'), 40], [CONTRACT, 6]],
    };
  },
  ubndXa: (loc: string, isNew: boolean, ward: boolean): Template => {
    const lead = (t: string, pos: string) => P(t, pos, 'can_bo', 'commune_lead');
    const cc = (t: string, role: Role = 'commune', female?: number) => P(t, 'chuyen_vien', 'cong_chuc', role, undefined, female);
    return {
      top: lead(`Chủ tịch UBND ${loc}`, 'bi_thu_xa'), deputy: [lead(`Phó Chủ tịch UBND ${loc}`, 'pho_xa')], maxDep: isNew ? 3 : 2, depRatio: 0.2,
      // The merged communes have sections (phòng) of their own since 01/07/2025.
      head: isNew ? ['Chánh Văn phòng HĐND và UBND', ward ? 'Trưởng phòng Kinh tế, Hạ tầng và Đô thị' : 'Trưởng phòng Kinh tế', 'Trưởng phòng Văn hóa - Xã hội'].map((t) => P(t, 'truong_phong', 'cong_chuc', 'commune')) : undefined,
      headRatio: isNew ? 0.08 : 0,
      subhead: isNew ? P('Phó Trưởng phòng', 'pho_phong', 'cong_chuc', 'commune') : undefined, subheadRatio: isNew ? 0.08 : 0,
      staff: isNew
        ? [[cc('Chuyên viên Văn phòng HĐND và UBND'), 30], [cc(ward ? 'Chuyên viên Phòng Kinh tế, Hạ tầng và Đô thị' : 'Chuyên viên Phòng Kinh tế'), 35], [cc('Chuyên viên Phòng Văn hóa - Xã hội'), 25], [cc('Kế toán', 'accountant'), 5], [CONTRACT, 5]]
        : [[cc('Công chức Văn phòng - Thống kê'), 18], [cc(ward ? 'Công chức Địa chính - Xây dựng - Đô thị và Môi trường' : 'Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường'), 18],
           [cc('Công chức Tài chính - Kế toán', 'accountant'), 14], [cc('Công chức Tư pháp - Hộ tịch'), 16], [cc('Công chức Văn hóa - Xã hội'), 18],
           [cc('Chỉ huy trưởng Ban Chỉ huy Quân sự', 'commune', 0.03), 8], [CONTRACT, 8]],
    };
  },
};

// ---- Data ------------------------------------------------------------------------------------------------------

interface SoData { old: string; short: string; domain: string; phong: string[]; to: string; ethnic?: boolean; top?: [string, string] }
const OLD_SO: SoData[] = [
  { old: 'Sở Nội vụ', short: 'Sở Nội vụ', domain: 'noi_vu', to: 'Sở Nội vụ', phong: ['Phòng Tổ chức, biên chế và Tổ chức phi chính phủ', 'Phòng Công chức, viên chức', 'Phòng Xây dựng chính quyền và Công tác thanh niên', 'Ban Thi đua - Khen thưởng'] },
  { old: 'Sở Lao động - Thương binh và Xã hội', short: 'Sở LĐTBXH', domain: 'ldtbxh', to: 'Sở Nội vụ', phong: ['Phòng Lao động - Việc làm', 'Phòng Bảo trợ xã hội', 'Phòng Người có công'] },
  { old: 'Sở Giáo dục và Đào tạo', short: 'Sở GD&ĐT', domain: 'giao_duc', to: 'Sở Giáo dục và Đào tạo', phong: ['Phòng Giáo dục trung học', 'Phòng Giáo dục mầm non và tiểu học', 'Phòng Tổ chức cán bộ', 'Phòng Khảo thí và Quản lý chất lượng giáo dục'] },
  { old: 'Sở Y tế', short: 'Sở Y tế', domain: 'y_te', to: 'Sở Y tế', phong: ['Phòng Nghiệp vụ Y', 'Phòng Nghiệp vụ Dược', 'Phòng Tổ chức cán bộ', 'Phòng Kế hoạch - Tài chính'] },
  { old: 'Sở Tài chính', short: 'Sở Tài chính', domain: 'tai_chinh', to: 'Sở Tài chính', phong: ['Phòng Quản lý ngân sách', 'Phòng Tài chính hành chính sự nghiệp', 'Phòng Quản lý giá và công sản'] },
  { old: 'Sở Kế hoạch và Đầu tư', short: 'Sở KH&ĐT', domain: 'ke_hoach', to: 'Sở Tài chính', phong: ['Phòng Tổng hợp, quy hoạch', 'Phòng Đăng ký kinh doanh', 'Phòng Kinh tế ngành'] },
  { old: 'Sở Nông nghiệp và Phát triển nông thôn', short: 'Sở NN&PTNT', domain: 'nong_nghiep', to: 'Sở Nông nghiệp và Môi trường', phong: ['Phòng Kế hoạch - Tài chính', 'Chi cục Thủy lợi', 'Phòng Quản lý xây dựng công trình'] },
  { old: 'Sở Tài nguyên và Môi trường', short: 'Sở TN&MT', domain: 'tai_nguyen', to: 'Sở Nông nghiệp và Môi trường', phong: ['Phòng Quản lý đất đai', 'Phòng Môi trường', 'Phòng Tài nguyên nước, khoáng sản'] },
  { old: 'Sở Tư pháp', short: 'Sở Tư pháp', domain: 'tu_phap', to: 'Sở Tư pháp', phong: ['Phòng Xây dựng và kiểm tra văn bản', 'Phòng Phổ biến, giáo dục pháp luật', 'Phòng Hành chính tư pháp'] },
  { old: 'Sở Xây dựng', short: 'Sở Xây dựng', domain: 'xay_dung', to: 'Sở Xây dựng', phong: ['Phòng Quản lý xây dựng', 'Phòng Quy hoạch kiến trúc', 'Phòng Phát triển đô thị'] },
  { old: 'Sở Giao thông vận tải', short: 'Sở GTVT', domain: 'xay_dung', to: 'Sở Xây dựng', phong: ['Phòng Quản lý kết cấu hạ tầng giao thông', 'Phòng Quản lý vận tải'] },
  { old: 'Sở Văn hóa, Thể thao và Du lịch', short: 'Sở VHTTDL', domain: 'van_hoa', to: 'Sở Văn hóa, Thể thao và Du lịch', phong: ['Phòng Quản lý văn hóa', 'Phòng Quản lý du lịch', 'Phòng Quản lý thể dục thể thao'] },
  { old: 'Ban Dân tộc tỉnh Sóc Trăng', short: 'Ban Dân tộc', domain: 'dan_toc', to: 'Sở Dân tộc và Tôn giáo', ethnic: true, top: ['Trưởng Ban Dân tộc', 'Phó Trưởng Ban Dân tộc'], phong: ['Phòng Chính sách dân tộc', 'Phòng Kế hoạch - Tổng hợp'] },
];
const NEW_SO: { name: string; short: string; domain: string; phong: string[]; ethnic?: boolean }[] = [
  { name: 'Sở Nội vụ', short: 'Sở Nội vụ TPCT', domain: 'noi_vu', phong: ['Phòng Tổ chức, biên chế và Tổ chức phi chính phủ', 'Phòng Công chức, viên chức', 'Phòng Xây dựng chính quyền và Công tác thanh niên', 'Phòng Lao động - Việc làm', 'Phòng Bảo trợ xã hội và Người có công'] },
  { name: 'Sở Giáo dục và Đào tạo', short: 'Sở GD&ĐT TPCT', domain: 'giao_duc', phong: ['Phòng Giáo dục phổ thông', 'Phòng Tổ chức cán bộ', 'Phòng Khảo thí và Quản lý chất lượng giáo dục'] },
  { name: 'Sở Y tế', short: 'Sở Y tế TPCT', domain: 'y_te', phong: ['Phòng Nghiệp vụ Y', 'Phòng Nghiệp vụ Dược', 'Phòng Tổ chức cán bộ', 'Phòng Kế hoạch - Tài chính'] },
  { name: 'Sở Tài chính', short: 'Sở Tài chính TPCT', domain: 'tai_chinh', phong: ['Phòng Quản lý ngân sách', 'Phòng Tài chính hành chính sự nghiệp', 'Phòng Quản lý giá và công sản', 'Phòng Đăng ký kinh doanh', 'Phòng Tổng hợp, quy hoạch'] },
  { name: 'Sở Nông nghiệp và Môi trường', short: 'Sở NN&MT TPCT', domain: 'nong_nghiep', phong: ['Phòng Kế hoạch - Tài chính', 'Phòng Quản lý đất đai', 'Phòng Môi trường', 'Phòng Tài nguyên nước, khoáng sản', 'Chi cục Thủy lợi', 'Phòng Quản lý xây dựng công trình'] },
  { name: 'Sở Tư pháp', short: 'Sở Tư pháp TPCT', domain: 'tu_phap', phong: ['Phòng Xây dựng và kiểm tra văn bản', 'Phòng Phổ biến, giáo dục pháp luật', 'Phòng Hành chính tư pháp'] },
  { name: 'Sở Xây dựng', short: 'Sở Xây dựng TPCT', domain: 'xay_dung', phong: ['Phòng Quản lý xây dựng', 'Phòng Quy hoạch kiến trúc', 'Phòng Phát triển đô thị', 'Phòng Quản lý kết cấu hạ tầng giao thông', 'Phòng Quản lý vận tải'] },
  { name: 'Sở Văn hóa, Thể thao và Du lịch', short: 'Sở VHTTDL TPCT', domain: 'van_hoa', phong: ['Phòng Quản lý văn hóa', 'Phòng Quản lý du lịch', 'Phòng Quản lý thể dục thể thao'] },
  { name: 'Sở Dân tộc và Tôn giáo', short: 'Sở DT&TG TPCT', domain: 'dan_toc', ethnic: true, phong: ['Phòng Chính sách dân tộc', 'Phòng Tôn giáo', 'Phòng Kế hoạch - Tổng hợp'] },
];
/** Old section name -> section of the new department when the names differ. */
const PHONG_SUCCESSOR: Record<string, string> = {
  'Ban Thi đua - Khen thưởng': 'Phòng Xây dựng chính quyền và Công tác thanh niên',
  'Phòng Bảo trợ xã hội': 'Phòng Bảo trợ xã hội và Người có công',
  'Phòng Người có công': 'Phòng Bảo trợ xã hội và Người có công',
  'Phòng Giáo dục trung học': 'Phòng Giáo dục phổ thông',
  'Phòng Giáo dục mầm non và tiểu học': 'Phòng Giáo dục phổ thông',
  'Phòng Kinh tế ngành': 'Phòng Tổng hợp, quy hoạch',
  'Phòng Chính sách dân tộc': 'Phòng Chính sách dân tộc',
};

/** Upper-secondary schools; [name, in a Khmer-majority area]. */
const THPT: [string, boolean][] = [
  ['Trường THPT Chuyên Nguyễn Thị Minh Khai', false], ['Trường THPT Hoàng Diệu', false], ['Trường PT Dân tộc nội trú THPT Huỳnh Cương', true],
  ['Trường THPT Lê Lợi', false], ['Trường THPT Phan Văn Hùng', false], ['Trường THPT Mai Thanh Thế', false], ['Trường THPT Vĩnh Hải', true],
  ['Trường THPT Lịch Hội Thượng', true], ['Trường THPT Mỹ Xuyên', true], ['Trường THPT Thuận Hòa', true], ['Trường THPT Huỳnh Hữu Nghĩa', false],
  ['Trường THPT Kế Sách', false], ['Trường THPT Trần Văn Bảy', false], ['Trường THPT Đoàn Văn Tố', false], ['Trường THPT Lai Hòa', true],
  ['Trường THPT Ngã Năm', false], ['Trường THPT Hòa Tú', true], ['Trường THPT An Lạc Thôn', false], ['Trường THPT Thạnh Tân', false],
  ['Trường THPT Trần Đề', true], ['Trường THPT Mỹ Hương', false], ['Trường THPT An Thạnh 3', false], ['Trường THPT Văn Ngọc Chính', true],
  ['Trường THPT Lương Định Của', false], ['Trường THPT Ngọc Tố', true], ['Trường THPT Vĩnh Châu', true], ['Trường THPT Thiều Văn Chỏi', false],
  ['Trường THPT Phú Tâm', true],
];

const DISTRICTS: (Omit<DistrictInfo, 'key'> & { key: string; type: 'thành phố' | 'thị xã' | 'huyện'; party: string; ward: boolean })[] = [
  { key: 'tp_soc_trang', name: 'thành phố Sóc Trăng', type: 'thành phố', party: 'Thành ủy Sóc Trăng', ward: true, khmer: 0.17, hoa: 0.08, ethnicArea: false, groups: [
    { newName: 'phường Phú Lợi', olds: ['Phường 2', 'Phường 3', 'Phường 4'] },
    { newName: 'phường Sóc Trăng', olds: ['Phường 1', 'Phường 5', 'Phường 6'] },
    { newName: 'phường Mỹ Xuyên', olds: ['Phường 7', 'Phường 8', 'Phường 10'] },
  ] },
  { key: 'vinh_chau', name: 'thị xã Vĩnh Châu', type: 'thị xã', party: 'Thị ủy Vĩnh Châu', ward: true, khmer: 0.53, hoa: 0.12, ethnicArea: true, groups: [
    { newName: 'phường Vĩnh Châu', olds: ['Phường 1', 'Phường 2', 'xã Vĩnh Hiệp'] },
    { newName: 'phường Khánh Hòa', olds: ['phường Khánh Hòa', 'xã Hòa Đông'] },
    { newName: 'xã Vĩnh Hải', olds: ['xã Vĩnh Hải', 'xã Lạc Hòa'] },
    { newName: 'xã Lai Hòa', olds: ['xã Lai Hòa', 'xã Vĩnh Tân', 'phường Vĩnh Phước'] },
  ] },
  { key: 'nga_nam', name: 'thị xã Ngã Năm', type: 'thị xã', party: 'Thị ủy Ngã Năm', ward: true, khmer: 0.14, hoa: 0.03, ethnicArea: false, groups: [
    { newName: 'phường Ngã Năm', olds: ['Phường 1', 'Phường 2', 'Phường 3'] },
    { newName: 'phường Mỹ Quới', olds: ['xã Mỹ Quới', 'xã Mỹ Bình'] },
    { newName: 'xã Tân Long', olds: ['xã Tân Long', 'xã Long Bình', 'xã Vĩnh Quới'] },
  ] },
  { key: 'chau_thanh', name: 'huyện Châu Thành', type: 'huyện', party: 'Huyện ủy Châu Thành', ward: false, khmer: 0.48, hoa: 0.03, ethnicArea: true, groups: [
    { newName: 'xã Châu Thành', olds: ['thị trấn Châu Thành', 'xã An Hiệp'] },
    { newName: 'xã Thuận Hòa', olds: ['xã Thuận Hòa', 'xã Phú Tân'] },
    { newName: 'xã Phú Tâm', olds: ['xã Phú Tâm', 'xã Thiện Mỹ'] },
    { newName: 'xã An Ninh', olds: ['xã An Ninh', 'xã Hồ Đắc Kiện'] },
  ] },
  { key: 'cu_lao_dung', name: 'huyện Cù Lao Dung', type: 'huyện', party: 'Huyện ủy Cù Lao Dung', ward: false, khmer: 0.03, hoa: 0.02, ethnicArea: false, groups: [
    { newName: 'xã Cù Lao Dung', olds: ['thị trấn Cù Lao Dung', 'xã An Thạnh 1', 'xã An Thạnh Tây'] },
    { newName: 'xã An Thạnh', olds: ['xã An Thạnh 2', 'xã An Thạnh 3', 'xã An Thạnh Đông'] },
    { newName: 'xã An Thạnh Nam', olds: ['xã An Thạnh Nam', 'xã Đại Ân 1'] },
  ] },
  { key: 'ke_sach', name: 'huyện Kế Sách', type: 'huyện', party: 'Huyện ủy Kế Sách', ward: false, khmer: 0.12, hoa: 0.02, ethnicArea: false, groups: [
    { newName: 'xã Kế Sách', olds: ['thị trấn Kế Sách', 'xã Kế Thành', 'xã Kế An'] },
    { newName: 'xã An Lạc Thôn', olds: ['thị trấn An Lạc Thôn', 'xã An Lạc Tây', 'xã Xuân Hòa'] },
    { newName: 'xã Phong Nẫm', olds: ['xã Phong Nẫm', 'xã Ba Trinh'] },
    { newName: 'xã Thới An Hội', olds: ['xã Thới An Hội', 'xã An Mỹ'] },
    { newName: 'xã Đại Hải', olds: ['xã Đại Hải', 'xã Trinh Phú', 'xã Nhơn Mỹ'] },
  ] },
  { key: 'long_phu', name: 'huyện Long Phú', type: 'huyện', party: 'Huyện ủy Long Phú', ward: false, khmer: 0.36, hoa: 0.03, ethnicArea: false, groups: [
    { newName: 'xã Long Phú', olds: ['thị trấn Long Phú', 'xã Long Phú'] },
    { newName: 'xã Đại Ngãi', olds: ['thị trấn Đại Ngãi', 'xã Song Phụng', 'xã Long Đức'] },
    { newName: 'xã Trường Khánh', olds: ['xã Trường Khánh', 'xã Châu Khánh'] },
    { newName: 'xã Tân Thạnh', olds: ['xã Tân Thạnh', 'xã Hậu Thạnh', 'xã Phú Hữu'] },
  ] },
  { key: 'my_tu', name: 'huyện Mỹ Tú', type: 'huyện', party: 'Huyện ủy Mỹ Tú', ward: false, khmer: 0.28, hoa: 0.02, ethnicArea: false, groups: [
    { newName: 'xã Mỹ Tú', olds: ['thị trấn Huỳnh Hữu Nghĩa', 'xã Mỹ Tú'] },
    { newName: 'xã Long Hưng', olds: ['xã Long Hưng', 'xã Hưng Phú'] },
    { newName: 'xã Mỹ Hương', olds: ['xã Mỹ Hương', 'xã Thuận Hưng'] },
    { newName: 'xã Mỹ Phước', olds: ['xã Mỹ Phước', 'xã Phú Mỹ', 'xã Mỹ Thuận'] },
  ] },
  { key: 'my_xuyen', name: 'huyện Mỹ Xuyên', type: 'huyện', party: 'Huyện ủy Mỹ Xuyên', ward: false, khmer: 0.37, hoa: 0.05, ethnicArea: true, groups: [
    { newName: 'xã Thạnh Phú', olds: ['thị trấn Mỹ Xuyên', 'xã Thạnh Phú', 'xã Thạnh Quới'] },
    { newName: 'xã Hòa Tú', olds: ['xã Hòa Tú 1', 'xã Hòa Tú 2'] },
    { newName: 'xã Gia Hòa', olds: ['xã Gia Hòa 1', 'xã Gia Hòa 2'] },
    { newName: 'xã Ngọc Tố', olds: ['xã Ngọc Tố', 'xã Ngọc Đông', 'xã Tham Đôn'] },
  ] },
  { key: 'thanh_tri', name: 'huyện Thạnh Trị', type: 'huyện', party: 'Huyện ủy Thạnh Trị', ward: false, khmer: 0.29, hoa: 0.03, ethnicArea: false, groups: [
    { newName: 'xã Phú Lộc', olds: ['thị trấn Phú Lộc', 'xã Thạnh Trị'] },
    { newName: 'xã Lâm Tân', olds: ['xã Lâm Tân', 'xã Lâm Kiết', 'xã Thạnh Tân'] },
    { newName: 'xã Vĩnh Lợi', olds: ['xã Vĩnh Lợi', 'xã Châu Hưng', 'thị trấn Hưng Lợi'] },
    { newName: 'xã Vĩnh Thành', olds: ['xã Vĩnh Thành', 'xã Tuân Tức'] },
  ] },
  { key: 'tran_de', name: 'huyện Trần Đề', type: 'huyện', party: 'Huyện ủy Trần Đề', ward: false, khmer: 0.36, hoa: 0.04, ethnicArea: true, groups: [
    { newName: 'xã Trần Đề', olds: ['thị trấn Trần Đề', 'xã Đại Ân 2', 'xã Trung Bình'] },
    { newName: 'xã Lịch Hội Thượng', olds: ['thị trấn Lịch Hội Thượng', 'xã Lịch Hội Thượng'] },
    { newName: 'xã Liêu Tú', olds: ['xã Liêu Tú', 'xã Viên Bình'] },
    { newName: 'xã Tài Văn', olds: ['xã Tài Văn', 'xã Viên An', 'xã Thạnh Thới Thuận'] },
  ] },
];
export const DISTRICT_INFO: DistrictInfo[] = DISTRICTS.map(({ key, name, khmer, hoa, ethnicArea, groups }) => ({ key, name, khmer, hoa, ethnicArea, groups }));

const DISTRICT_PHONG: [string, string][] = [
  ['Phòng Nội vụ', 'noi_vu'], ['Phòng Tài chính - Kế hoạch', 'tai_chinh'], ['Phòng Giáo dục và Đào tạo', 'giao_duc'],
  ['Phòng Nông nghiệp và Phát triển nông thôn', 'nong_nghiep'], ['Phòng Tài nguyên và Môi trường', 'tai_nguyen'],
  ['Phòng Lao động - Thương binh và Xã hội', 'ldtbxh'], ['Phòng Tư pháp', 'tu_phap'], ['Phòng Văn hóa và Thông tin', 'van_hoa'],
];

export const locOf = (commune: string): string =>
  commune.startsWith('thị trấn') ? 'thị trấn' : /^[Pp]hường/.test(commune) ? 'phường' : 'xã';
/** "Phường 1" is ambiguous across towns, so it carries its town. */
const communeLabel = (commune: string, d: DistrictInfo) => (/^Phường \d+$/.test(commune) ? `${commune}, ${d.name}` : commune);
const bare = (commune: string) => commune.replace(/^(xã|phường|thị trấn) /, '');

// ---- Builder ---------------------------------------------------------------------------------------------------

export interface Organisation {
  units: UnitSpec[];
}

/**
 * Builds the tree for a scale (cadres / 2,000): larger scales add communes, schools and hospitals, and every kind
 * of unit keeps its share of the staff it has at scale 1, so the population's make-up (sex, levels, sectors) does
 * not drift with the size; units get more people instead.
 */
export function buildOrganisation(scale: number): Organisation {
  const org = buildTree(scale);
  if (scale === 1) return org;
  const key = (u: UnitSpec) => (u.family === 'thcs' || u.family === 'th' ? 'school_xa' : u.family ?? 'none');
  const totals = (units: UnitSpec[]) => {
    const m = new Map<string, number>();
    for (const u of units) if (!u.isNew && !u.fixed) m.set(key(u), (m.get(key(u)) ?? 0) + u.weight);
    return m;
  };
  const ref = totals(buildTree(1).units);
  const here = totals(org.units);
  for (const u of org.units) {
    if (u.isNew || u.fixed) continue;
    const want = ref.get(key(u));
    const have = here.get(key(u));
    if (want && have) u.weight = (u.weight * want) / have;
  }
  return org;
}

function buildTree(scale: number): Organisation {
  const units: UnitSpec[] = [];
  const add = (u: Partial<UnitSpec> & Pick<UnitSpec, 'name' | 'kind' | 'level'>): UnitSpec => {
    const spec: UnitSpec = {
      i: units.length, id: 0, shortName: null, parent: null, oldParent: null, validFrom: OLD_FROM, validTo: LAST_OLD_DAY,
      successor: null, ethnic: false, tpl: null, weight: 0, fixed: 0, family: null, domain: 'hanh_chinh', district: null,
      khmer: 0.29, hoa: 0.08, isNew: false, topChance: 0.45, note: null, ...u,
    };
    units.push(spec);
    return spec;
  };
  const addNew = (u: Partial<UnitSpec> & Pick<UnitSpec, 'name' | 'kind' | 'level'>) =>
    add({ validFrom: NEW_FROM, validTo: null, isNew: true, weight: u.tpl ? 1.5 : 0, ...u });

  // The new city's bodies first, so successors and new parents exist.
  const thanhUy = addNew({ name: 'Thành ủy Cần Thơ', shortName: 'Thành ủy', kind: 'dang', level: 'tinh', tpl: T.topBody('Bí thư Thành ủy', 'Phó Bí thư Thành ủy', 3), weight: 0, domain: 'dang', topChance: 0.2, note: 'Đảng bộ thành phố Cần Thơ (hợp nhất Cần Thơ, Sóc Trăng, Hậu Giang) từ 01/07/2025' });
  const newBan = (name: string, short: string, top: string, dep: string, staff?: string) =>
    addNew({ name, shortName: short, kind: 'dang', level: 'tinh', parent: thanhUy, tpl: T.ban(top, dep, staff), domain: 'dang', family: 'tinh' });
  const vpThanhUy = newBan('Văn phòng Thành ủy', 'VPTU', 'Chánh Văn phòng Thành ủy', 'Phó Chánh Văn phòng Thành ủy');
  const btcThanhUy = newBan('Ban Tổ chức Thành ủy', 'BTCTU', 'Trưởng Ban Tổ chức Thành ủy', 'Phó Trưởng Ban Tổ chức Thành ủy');
  const btgdvThanhUy = newBan('Ban Tuyên giáo và Dân vận Thành ủy', 'BTGDVTU', 'Trưởng Ban Tuyên giáo và Dân vận Thành ủy', 'Phó Trưởng Ban Tuyên giáo và Dân vận Thành ủy');
  const ubktThanhUy = newBan('Ủy ban Kiểm tra Thành ủy', 'UBKTTU', 'Chủ nhiệm Ủy ban Kiểm tra Thành ủy', 'Phó Chủ nhiệm Ủy ban Kiểm tra Thành ủy', 'Kiểm tra viên');
  const ubndCt = addNew({ name: 'Ủy ban nhân dân thành phố Cần Thơ', shortName: 'UBND thành phố', kind: 'chinh_quyen', level: 'tinh', tpl: T.topBody('Chủ tịch UBND thành phố', 'Phó Chủ tịch UBND thành phố', 5), weight: 0, topChance: 0.2 });
  const vpUbndCt = addNew({ name: 'Văn phòng UBND thành phố Cần Thơ', shortName: 'VP UBND TPCT', kind: 'chinh_quyen', level: 'tinh', parent: ubndCt, tpl: T.ban('Chánh Văn phòng UBND thành phố', 'Phó Chánh Văn phòng UBND thành phố'), family: 'tinh' });
  const newSo = new Map<string, { so: UnitSpec; phong: Map<string, UnitSpec> }>();
  for (const s of NEW_SO) {
    const so = addNew({ name: `${s.name} thành phố Cần Thơ`, shortName: s.short, kind: 'chinh_quyen', level: 'tinh', parent: ubndCt, tpl: s.ethnic ? T.so('Giám đốc Sở Dân tộc và Tôn giáo', 'Phó Giám đốc Sở') : T.so('Giám đốc Sở', 'Phó Giám đốc Sở'), domain: s.domain, family: 'tinh', ethnic: !!s.ethnic, khmer: s.ethnic ? 0.6 : 0.29 });
    const phong = new Map<string, UnitSpec>();
    for (const p of s.phong) phong.set(p, addNew({ name: p, kind: 'chinh_quyen', level: 'tinh', parent: so, tpl: T.phong(p), domain: s.domain, family: 'tinh', ethnic: !!s.ethnic, khmer: s.ethnic ? 0.6 : 0.29 }));
    newSo.set(s.name, { so, phong });
  }
  const mttqCt = addNew({ name: 'Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ', shortName: 'UBMTTQ thành phố', kind: 'mttq_doan_the', level: 'tinh', tpl: T.mttq('thành phố'), domain: 'mttq', family: 'tinh' });

  // ---- Sóc Trăng province bodies until 30/06/2025 ----
  const tinhUy = add({ name: 'Tỉnh ủy Sóc Trăng', shortName: 'Tỉnh ủy', kind: 'dang', level: 'tinh', tpl: T.topBody('Bí thư Tỉnh ủy', 'Phó Bí thư Tỉnh ủy', 2), fixed: 3, successor: thanhUy, domain: 'dang' });
  const ban = (name: string, short: string, top: string, dep: string, successor: UnitSpec, weight: number, staff?: string) =>
    add({ name, shortName: short, kind: 'dang', level: 'tinh', parent: tinhUy, tpl: T.ban(top, dep, staff), weight, successor, domain: 'dang', family: 'tinh' });
  ban('Văn phòng Tỉnh ủy', 'VPTU', 'Chánh Văn phòng Tỉnh ủy', 'Phó Chánh Văn phòng Tỉnh ủy', vpThanhUy, 30);
  ban('Ban Tổ chức Tỉnh ủy', 'BTCTU', 'Trưởng Ban Tổ chức Tỉnh ủy', 'Phó Trưởng Ban Tổ chức Tỉnh ủy', btcThanhUy, 25);
  ban('Ban Tuyên giáo Tỉnh ủy', 'BTGTU', 'Trưởng Ban Tuyên giáo Tỉnh ủy', 'Phó Trưởng Ban Tuyên giáo Tỉnh ủy', btgdvThanhUy, 20);
  ban('Ban Dân vận Tỉnh ủy', 'BDVTU', 'Trưởng Ban Dân vận Tỉnh ủy', 'Phó Trưởng Ban Dân vận Tỉnh ủy', btgdvThanhUy, 15);
  ban('Ủy ban Kiểm tra Tỉnh ủy', 'UBKTTU', 'Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy', 'Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy', ubktThanhUy, 18, 'Kiểm tra viên');
  add({ name: 'Trường Chính trị tỉnh Sóc Trăng', shortName: 'Trường Chính trị', kind: 'su_nghiep_giao_duc', level: 'tinh', parent: thanhUy, oldParent: tinhUy, validTo: null, tpl: T.tct(), weight: 40, domain: 'dang', family: 'tct', note: 'Trực thuộc Thành ủy Cần Thơ từ 01/07/2025' });

  const ubnd = add({ name: 'Ủy ban nhân dân tỉnh Sóc Trăng', shortName: 'UBND tỉnh', kind: 'chinh_quyen', level: 'tinh', tpl: T.topBody('Chủ tịch UBND tỉnh', 'Phó Chủ tịch UBND tỉnh', 3), fixed: 4, successor: ubndCt });
  add({ name: 'Văn phòng UBND tỉnh Sóc Trăng', shortName: 'VP UBND tỉnh', kind: 'chinh_quyen', level: 'tinh', parent: ubnd, tpl: T.ban('Chánh Văn phòng UBND tỉnh', 'Phó Chánh Văn phòng UBND tỉnh'), weight: 35, successor: vpUbndCt, family: 'tinh' });
  let soGd: UnitSpec | null = null;
  let soYt: UnitSpec | null = null;
  for (const s of OLD_SO) {
    const target = newSo.get(s.to)!;
    const name = s.old.startsWith('Ban') ? s.old : `${s.old} tỉnh Sóc Trăng`;
    const so = add({
      name, shortName: s.short, kind: 'chinh_quyen', level: 'tinh', parent: ubnd, tpl: s.top ? T.so(s.top[0], s.top[1]) : T.so('Giám đốc Sở', 'Phó Giám đốc Sở'),
      weight: 10, successor: target.so, domain: s.domain, family: 'tinh', ethnic: !!s.ethnic, khmer: s.ethnic ? 0.65 : 0.29,
    });
    if (s.old === 'Sở Giáo dục và Đào tạo') soGd = so;
    if (s.old === 'Sở Y tế') soYt = so;
    const newPhong = [...target.phong.values()];
    s.phong.slice(0, scale < 0.5 ? 2 : undefined).forEach((p, k) => {
      const succ = target.phong.get(PHONG_SUCCESSOR[p] ?? p) ?? newPhong[k % newPhong.length];
      add({ name: p, kind: 'chinh_quyen', level: 'tinh', parent: so, tpl: T.phong(p), weight: 9, successor: succ, domain: s.domain, family: 'tinh', ethnic: !!s.ethnic, khmer: s.ethnic ? 0.65 : 0.29 });
    });
  }
  const gdCt = newSo.get('Sở Giáo dục và Đào tạo')!.so;
  const ytCt = newSo.get('Sở Y tế')!.so;
  add({ name: 'Trường Cao đẳng Sóc Trăng', kind: 'su_nghiep_giao_duc', level: 'tinh', parent: ubndCt, oldParent: ubnd, validTo: null, tpl: T.cd(), weight: 120, domain: 'giao_duc', family: 'cd' });
  const hospitals: [string, number, number, string?][] = [
    ['Bệnh viện Đa khoa tỉnh Sóc Trăng', 0, 450], ['Bệnh viện Chuyên khoa Sản - Nhi tỉnh Sóc Trăng', 2, 200],
    ['Bệnh viện Chuyên khoa Lao và Bệnh phổi tỉnh Sóc Trăng', 4, 80], ['Bệnh viện Chuyên khoa Tâm thần tỉnh Sóc Trăng', 4, 70],
    ['Trung tâm Kiểm soát bệnh tật tỉnh Sóc Trăng', 6, 100, 'Giám đốc Trung tâm'],
  ];
  for (const [name, minScale, weight, top] of hospitals) {
    if (scale < minScale) continue;
    add({ name, kind: 'su_nghiep_y_te', level: 'tinh', parent: ytCt, oldParent: soYt, validTo: null, tpl: T.hospital(top ?? 'Giám đốc', top ? 'Phó Giám đốc Trung tâm' : 'Phó Giám đốc'), weight, domain: 'y_te', family: 'bv', note: 'Trực thuộc Sở Y tế thành phố Cần Thơ từ 01/07/2025' });
  }
  const thptCount = Math.max(3, Math.min(THPT.length, Math.round(5 * Math.pow(Math.max(scale, 0.01), 0.55))));
  THPT.slice(0, thptCount).forEach(([name, khmerArea], k) =>
    add({
      name, kind: 'su_nghiep_giao_duc', level: 'tinh', parent: gdCt, oldParent: soGd, validTo: null, tpl: T.school('thpt'), weight: k === 0 ? 70 : 55,
      domain: 'giao_duc', family: 'thpt', ethnic: name.includes('Dân tộc nội trú'), khmer: name.includes('Dân tộc nội trú') ? 0.75 : khmerArea ? 0.45 : 0.25,
      note: 'Trực thuộc Sở Giáo dục và Đào tạo thành phố Cần Thơ từ 01/07/2025',
    }),
  );

  const mttq = add({ name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Sóc Trăng', shortName: 'UBMTTQ tỉnh', kind: 'mttq_doan_the', level: 'tinh', tpl: T.mttq('tỉnh'), weight: 18, successor: mttqCt, domain: 'mttq', family: 'tinh' });
  add({ name: 'Tỉnh Đoàn Sóc Trăng', kind: 'mttq_doan_the', level: 'tinh', parent: mttq, tpl: T.doanThe('Bí thư Tỉnh Đoàn', 'Phó Bí thư Tỉnh Đoàn'), weight: 10, successor: mttqCt, domain: 'mttq', family: 'tinh' });
  add({ name: 'Hội Liên hiệp Phụ nữ tỉnh Sóc Trăng', kind: 'mttq_doan_the', level: 'tinh', parent: mttq, tpl: T.doanThe('Chủ tịch Hội Liên hiệp Phụ nữ tỉnh', 'Phó Chủ tịch Hội Liên hiệp Phụ nữ tỉnh', 0.95), weight: 10, successor: mttqCt, domain: 'mttq', family: 'tinh' });
  add({ name: 'Hội Nông dân tỉnh Sóc Trăng', kind: 'mttq_doan_the', level: 'tinh', parent: mttq, tpl: T.doanThe('Chủ tịch Hội Nông dân tỉnh', 'Phó Chủ tịch Hội Nông dân tỉnh'), weight: 10, successor: mttqCt, domain: 'mttq', family: 'tinh' });

  // ---- Districts and communes ----
  const groupsPerDistrict = scale < 0.5 ? 1 : scale <= 1.5 ? 2 : scale <= 6 ? 3 : 99;
  const phongPerDistrict = scale < 0.5 ? 3 : scale <= 1.5 ? 5 : DISTRICT_PHONG.length;
  for (const d of DISTRICTS) {
    const info = DISTRICT_INFO.find((x) => x.key === d.key)!;
    const groups = d.groups.slice(0, groupsPerDistrict);
    // New communes (from 01/07/2025) directly under the city: district level abolished.
    const newCommunes = groups.map((g) => {
      const loc = locOf(g.newName);
      const common = { level: 'xa' as const, district: info, khmer: d.khmer, hoa: d.hoa, ethnic: d.ethnicArea, topChance: 0.85 };
      return {
        dang: addNew({ name: `Đảng ủy ${g.newName}`, kind: 'dang', parent: thanhUy, tpl: T.dangUyXa(loc, true), domain: 'xa', family: 'xa', ...common }),
        ubnd: addNew({ name: `Ủy ban nhân dân ${g.newName}`, shortName: `UBND ${g.newName}`, kind: 'chinh_quyen', parent: ubndCt, tpl: T.ubndXa(loc, true, loc === 'phường'), domain: 'xa', family: 'xa', ...common }),
        group: g,
      };
    });
    const centre = newCommunes[0];
    const dCommon = { level: 'huyen' as const, district: info, khmer: d.khmer, hoa: d.hoa, family: 'huyen' as const };
    const huyenUy = add({ name: d.party, kind: 'dang', parent: tinhUy, tpl: T.huyenUy(d.party.split(' ').slice(0, 2).join(' ')), weight: 22, successor: centre.dang, domain: 'dang', ...dCommon });
    const ubndH = add({ name: `Ủy ban nhân dân ${d.name}`, shortName: `UBND ${d.name}`, kind: 'chinh_quyen', parent: ubnd, tpl: T.ubndHuyen(d.type), weight: 12, successor: centre.ubnd, ...dCommon });
    const phongs = DISTRICT_PHONG.slice(0, phongPerDistrict);
    if (d.ethnicArea && !phongs.some(([p]) => p === 'Phòng Dân tộc')) phongs.push(['Phòng Dân tộc', 'dan_toc']);
    phongs.forEach(([p, domain], k) => {
      const ethnic = domain === 'dan_toc';
      add({ name: `${p} ${d.name}`, kind: 'chinh_quyen', parent: ubndH, tpl: T.phong(p), weight: 9, successor: newCommunes[k % newCommunes.length].ubnd, domain, ethnic, ...dCommon, khmer: ethnic ? 0.7 : d.khmer });
    });
    groups.forEach((g, gi) => {
      const target = newCommunes[gi];
      g.olds.forEach((old, oi) => {
        const loc = locOf(old);
        const label = communeLabel(old, info);
        const common = { level: 'xa' as const, district: info, khmer: d.khmer, hoa: d.hoa, ethnic: d.ethnicArea, family: 'xa' as const, domain: 'xa' };
        add({ name: `Đảng ủy ${label}`, kind: 'dang', parent: huyenUy, tpl: T.dangUyXa(loc, false), weight: 6, successor: target.dang, ...common });
        add({ name: `Ủy ban nhân dân ${label}`, shortName: `UBND ${label}`, kind: 'chinh_quyen', parent: ubndH, tpl: T.ubndXa(loc, false, loc === 'phường'), weight: 11, successor: target.ubnd, ...common });
        // Lower-secondary and primary schools: run by the district until 30/06/2025, by the new commune after.
        const schoolNote = `Trực thuộc ${target.ubnd.name} từ 01/07/2025`;
        const place = /^Phường \d+$/.test(old) ? `${old} (${info.name})` : bare(old);
        const schoolCommon = { kind: 'su_nghiep_giao_duc' as const, level: 'xa' as const, parent: target.ubnd, oldParent: ubndH, validTo: null, domain: 'giao_duc', district: info, khmer: d.khmer, hoa: d.hoa, note: schoolNote };
        if ((scale >= 1 && oi === 0) || scale >= 4) add({ name: `Trường THCS ${place}`, tpl: T.school('thcs'), weight: 35, family: 'thcs', ...schoolCommon });
        if (scale >= 6) add({ name: `Trường Tiểu học ${place}`, tpl: T.school('th'), weight: 30, family: 'th', ...schoolCommon });
      });
    });
  }
  // Sections with the same name under different departments ("Phòng Tổ chức cán bộ") carry their department.
  const seen = new Map<string, number>();
  for (const u of units) seen.set(`${u.isNew}|${u.name}`, (seen.get(`${u.isNew}|${u.name}`) ?? 0) + 1);
  for (const u of units) {
    if ((seen.get(`${u.isNew}|${u.name}`) ?? 0) > 1 && u.parent && u.level === 'tinh') u.name = `${u.name} - ${u.parent.shortName ?? u.parent.name}`;
  }
  return { units };
}

/** Every post of a template with its tier (0 head of unit, 1 deputy, 2 section head, 3 section deputy, 4 staff). */
export function templatePosts(t: Template): { post: PostDef; tier: number }[] {
  const out: { post: PostDef; tier: number }[] = [];
  if (t.top) out.push({ post: t.top, tier: 0 });
  for (const p of t.deputy ?? []) out.push({ post: p, tier: 1 });
  for (const p of t.head ?? []) out.push({ post: p, tier: 2 });
  if (t.subhead) out.push({ post: t.subhead, tier: 3 });
  for (const [p] of t.staff) out.push({ post: p, tier: 4 });
  return out;
}
