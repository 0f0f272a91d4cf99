// Qualification histories for the sample cadres: general education, professional level (with the lower degrees
// that led to it), political theory, state management, foreign language, IT and Khmer. Award dates spread from the
// 1980s to today, with a growing share of postgraduate and Khmer-language awards since 2021 so the quarterly
// indicator trends move.

import type { QualificationCategory } from '../../shared/domain/codes';
import type { Rng } from './prng';
import type { Role } from './org';
import type { EthnicGroup } from './names';
import { ageReached, dayOf, isoOf, plusYears, yearOf } from './days';

export interface QualRow {
  category: QualificationCategory;
  level: string;
  field: string | null;
  institution: string | null;
  award: string | null;
  language: string | null;
  fluency: string | null;
  certificateNo: string | null;
  note: string | null;
}

export interface QualSubject {
  birth: number;
  recruit: number;
  role: Role;
  tier: number;
  /** Rank of the highest post held (position code list). */
  posRank: number;
  sector: 'tinh' | 'huyen' | 'xa' | 'su_nghiep';
  domain: string;
  category: string;
  partyJoin: number | null;
  group: EthnicGroup;
  /** Teaches English (foreign language is the profession). */
  subjectField: string | null;
}

type W<T> = readonly (readonly [T, number])[];

const RECENT = dayOf('2021-01-01');

const DOMAIN_FIELDS: Record<string, string[]> = {
  dang: ['Xây dựng Đảng và chính quyền nhà nước', 'Chính trị học', 'Luật', 'Quản lý nhà nước', 'Triết học', 'Báo chí'],
  noi_vu: ['Luật', 'Quản lý nhà nước', 'Hành chính học', 'Quản trị nhân lực', 'Kinh tế'],
  ldtbxh: ['Công tác xã hội', 'Luật', 'Kinh tế lao động', 'Quản trị nhân lực'],
  giao_duc: ['Sư phạm Toán', 'Sư phạm Ngữ văn', 'Quản lý giáo dục', 'Sư phạm Vật lý', 'Sư phạm Tiếng Anh'],
  y_te: ['Y đa khoa', 'Y tế công cộng', 'Dược học', 'Kinh tế'],
  tai_chinh: ['Kế toán', 'Tài chính - Ngân hàng', 'Kinh tế', 'Kiểm toán'],
  ke_hoach: ['Kinh tế', 'Kinh tế đầu tư', 'Quản trị kinh doanh', 'Kế toán'],
  nong_nghiep: ['Nông học', 'Nuôi trồng thủy sản', 'Chăn nuôi - Thú y', 'Kinh tế nông nghiệp', 'Bảo vệ thực vật', 'Phát triển nông thôn'],
  tai_nguyen: ['Quản lý đất đai', 'Khoa học môi trường', 'Quản lý tài nguyên và môi trường', 'Địa chính'],
  tu_phap: ['Luật', 'Luật kinh tế', 'Luật hành chính'],
  xay_dung: ['Kỹ thuật xây dựng', 'Kiến trúc', 'Quy hoạch vùng và đô thị', 'Kỹ thuật xây dựng công trình giao thông'],
  van_hoa: ['Văn hóa học', 'Quản lý văn hóa', 'Du lịch', 'Giáo dục thể chất', 'Thông tin - Thư viện'],
  dan_toc: ['Ngôn ngữ Khmer', 'Luật', 'Quản lý nhà nước', 'Văn hóa học', 'Chính trị học'],
  mttq: ['Luật', 'Chính trị học', 'Công tác xã hội', 'Xây dựng Đảng và chính quyền nhà nước'],
  hanh_chinh: ['Luật', 'Hành chính học', 'Kinh tế', 'Quản lý nhà nước', 'Công nghệ thông tin'],
  xa: ['Luật', 'Quản lý đất đai', 'Kế toán', 'Hành chính học', 'Xây dựng Đảng và chính quyền nhà nước', 'Kinh tế nông nghiệp', 'Phát triển nông thôn', 'Quản lý nhà nước'],
};
const MASTER_ADMIN = ['Quản lý công', 'Quản lý kinh tế', 'Luật kinh tế', 'Chính trị học', 'Quản trị kinh doanh', 'Kinh tế nông nghiệp', 'Xây dựng Đảng và chính quyền nhà nước'];
export const TEACHING_SUBJECTS = ['Toán', 'Ngữ văn', 'Vật lý', 'Hóa học', 'Sinh học', 'Tiếng Anh', 'Lịch sử', 'Địa lý', 'Tin học', 'Giáo dục công dân', 'Giáo dục thể chất'];
const TCT_FIELDS = ['Triết học', 'Kinh tế chính trị', 'Lịch sử Đảng Cộng sản Việt Nam', 'Chính trị học', 'Luật', 'Xây dựng Đảng và chính quyền nhà nước', 'Quản lý kinh tế'];
const CD_FIELDS = ['Công nghệ thông tin', 'Kế toán', 'Kỹ thuật điện', 'Công nghệ kỹ thuật cơ khí', 'Nuôi trồng thủy sản', 'Điều dưỡng', 'Giáo dục mầm non', 'Quản trị kinh doanh', 'Ngôn ngữ Anh'];
const MEDICAL_SPECIALTIES = ['Nội khoa', 'Ngoại khoa', 'Sản phụ khoa', 'Nhi khoa', 'Hồi sức cấp cứu', 'Chẩn đoán hình ảnh', 'Gây mê hồi sức', 'Y học cổ truyền', 'Truyền nhiễm'];
const SUPPORT_FIELDS = ['Văn thư - Lưu trữ', 'Hành chính văn phòng', 'Tin học ứng dụng', 'Kế toán'];

const UNIVERSITIES: W<string> = [
  ['Trường Đại học Cần Thơ', 45], ['Trường Đại học Kinh tế TP. Hồ Chí Minh', 8], ['Trường Đại học Trà Vinh', 10], ['Trường Đại học Tây Đô', 8],
  ['Trường Đại học Nông Lâm TP. Hồ Chí Minh', 5], ['Trường Đại học Nam Cần Thơ', 5], ['Trường Đại học Mở TP. Hồ Chí Minh', 10], ['Trường Đại học Bách khoa - ĐHQG TP. Hồ Chí Minh', 4],
];
const COLLEGES = ['Trường Cao đẳng Sóc Trăng', 'Trường Cao đẳng Cộng đồng Sóc Trăng', 'Trường Trung cấp Kinh tế - Kỹ thuật Sóc Trăng', 'Trường Cao đẳng Kinh tế - Kỹ thuật Cần Thơ'];

function institutionFor(rng: Rng, level: string, field: string): string {
  const medical = /^(Y |Y$|Dược|Điều dưỡng|Hộ sinh|Kỹ thuật xét nghiệm|Kỹ thuật hình ảnh|Vật lý trị liệu)/.test(field) || MEDICAL_SPECIALTIES.includes(field);
  const low = level === 'trung_cap' || level === 'cao_dang' || level === 'so_cap';
  if (medical) {
    if (low) return rng.pick(['Trường Cao đẳng Y tế Cần Thơ', 'Trường Cao đẳng Sóc Trăng', 'Trường Trung cấp Y tế Sóc Trăng']);
    return rng.weighted([['Trường Đại học Y Dược Cần Thơ', 70], ['Trường Đại học Y Dược TP. Hồ Chí Minh', 20], ['Trường Đại học Y khoa Phạm Ngọc Thạch', 10]] as const);
  }
  if (/Sư phạm|giáo dục|Giáo dục|dạy học/.test(field)) {
    if (low) return rng.pick(['Trường Cao đẳng Sư phạm Sóc Trăng', 'Trường Cao đẳng Sóc Trăng']);
    return rng.weighted([['Trường Đại học Cần Thơ', 50], ['Trường Đại học Sư phạm TP. Hồ Chí Minh', 20], ['Trường Đại học Đồng Tháp', 15], ['Trường Đại học Trà Vinh', 15]] as const);
  }
  if (low) return rng.pick(COLLEGES);
  if (/Triết|chính trị|Chính trị|Xây dựng Đảng|Lịch sử Đảng|Quản lý kinh tế|Báo chí/.test(field)) {
    return level === 'tien_si'
      ? 'Học viện Chính trị quốc gia Hồ Chí Minh'
      : rng.weighted([['Học viện Chính trị khu vực IV', 55], ['Học viện Chính trị quốc gia Hồ Chí Minh', 30], ['Học viện Báo chí và Tuyên truyền', 15]] as const);
  }
  if (/^Luật/.test(field)) return rng.weighted([['Trường Đại học Luật TP. Hồ Chí Minh', 50], ['Trường Đại học Cần Thơ', 35], ['Trường Đại học Luật Hà Nội', 15]] as const);
  if (/Hành chính|Quản lý nhà nước|Quản lý công/.test(field)) return 'Học viện Hành chính Quốc gia';
  if (level === 'tien_si') return rng.pick(['Trường Đại học Cần Thơ', 'Học viện Khoa học xã hội', 'Trường Đại học Kinh tế TP. Hồ Chí Minh']);
  return rng.weighted(UNIVERSITIES);
}

const certNo = (rng: Rng) => (rng.chance(0.5) ? `${rng.pick(['A', 'B', 'C', 'QH', 'ĐH', 'TS'])}${rng.int(100000, 999999)}` : null);

/** A day between two bounds; when the range is empty, the lower bound. */
const between = (rng: Rng, a: number, b: number) => (b <= a ? a : a + Math.floor(rng.next() * (b - a + 1)));

export function qualificationsFor(rng: Rng, s: QualSubject, today: number): QualRow[] {
  const rows: QualRow[] = [];
  const at = (years: number) => plusYears(s.birth, years);
  /** ISO award date; old diplomas are sometimes recorded with the year only. */
  const award = (day: number) => (day < dayOf('2005-01-01') && rng.chance(0.25) ? String(yearOf(day)) : isoOf(day));
  const push = (category: QualificationCategory, level: string, day: number, extra: Partial<QualRow> = {}) => {
    if (day > today || day < ageReached(s.birth, 14)) return false;
    rows.push({ category, level, field: null, institution: null, award: award(day), language: null, fluency: null, certificateNo: null, note: null, ...extra });
    return true;
  };
  /** Postgraduate awards: a share since 2021 (the resolution's push), the rest spread from `earliest`. */
  const postgradDay = (earliest: number, recentShare: number) =>
    rng.chance(recentShare) && earliest < today ? between(rng, Math.max(earliest, RECENT), today) : between(rng, earliest, Math.max(earliest, Math.min(RECENT - 1, today)));

  // ---- General education ----
  const commune = s.role === 'commune' || s.role === 'commune_lead' || s.role === 'mass_org' || s.role === 'support' || s.role === 'contract';
  if (commune && yearOf(s.birth) < 1975 && rng.chance(0.25)) {
    push('pho_thong', '9/12', at(15) + rng.int(150, 200));
    if (rng.chance(0.45)) push('pho_thong', '12/12', between(rng, at(24), at(35)), { institution: 'Trung tâm Giáo dục thường xuyên', note: 'Bổ túc văn hóa' });
  } else {
    push('pho_thong', '12/12', at(18) + rng.int(150, 200));
  }

  // ---- Professional ----
  const prof = professionalLevel(rng, s);
  const field = professionalField(rng, s);
  const uni = (level: string, f: string) => ({ field: f, institution: institutionFor(rng, level, f), certificateNo: certNo(rng) });
  const firstDegreeAge = s.role === 'doctor' ? 24 + rng.next() : 21.5 + rng.next() * 2.5;
  if (prof === 'none') {
    // no professional training
  } else if (prof === 'so_cap' || prof === 'trung_cap' || prof === 'cao_dang') {
    const f = s.role === 'support' || s.role === 'contract' ? rng.pick(SUPPORT_FIELDS) : field;
    push('chuyen_mon', prof, at(prof === 'cao_dang' ? 21 + rng.next() * 2 : 19 + rng.next() * 2), uni(prof, f));
  } else {
    // A bachelor's degree first; commune staff often studied it part-time after an intermediate diploma.
    let degree: number;
    const bridging = commune ? 0.35 : ['nurse', 'midwife', 'pharm', 'health_tech', 'teacher_th', 'teacher_thcs'].includes(s.role) ? 0.35 : 0;
    if (rng.chance(bridging)) {
      // "Liên thông": an intermediate or college diploma first, the degree later while working.
      const first = s.role.startsWith('teacher') ? 'cao_dang' : 'trung_cap';
      push('chuyen_mon', first, at(first === 'cao_dang' ? 21 + rng.next() * 2 : 19 + rng.next() * 2), uni(first, field));
      degree = between(rng, Math.max(at(27), s.recruit + 365 * 2), at(42));
    } else {
      degree = at(firstDegreeAge);
    }
    const bachelorField = s.role === 'doctor' ? 'Y đa khoa' : field;
    if (push('chuyen_mon', 'dai_hoc', degree, uni('dai_hoc', bachelorField))) {
      // Many officials add a second bachelor's degree (văn bằng 2), mostly law or public administration.
      const official = s.role === 'admin' || s.role === 'lead' || s.role === 'commune' || s.role === 'commune_lead' || s.role === 'mass_org';
      if (official && rng.chance(0.25)) {
        const second = rng.pick(['Luật', 'Luật', 'Hành chính học', 'Quản lý nhà nước', 'Kinh tế'].filter((f) => f !== bachelorField));
        push('chuyen_mon', 'dai_hoc', between(rng, Math.max(degree + 3 * 365, at(27)), Math.max(degree + 3 * 365, at(45))), { ...uni('dai_hoc', second), note: 'Văn bằng 2' });
      }
      const spec = s.role === 'doctor' ? rng.pick(MEDICAL_SPECIALTIES) : null;
      if (prof === 'chuyen_khoa_1' || prof === 'chuyen_khoa_2' || prof === 'bs_noi_tru') {
        if (prof === 'bs_noi_tru') push('chuyen_mon', 'bs_noi_tru', degree + rng.int(3 * 365, 4 * 365), uni('bs_noi_tru', spec!));
        else {
          const ck1 = postgradDay(degree + 3 * 365, prof === 'chuyen_khoa_1' ? 0.4 : 0.1);
          if (push('chuyen_mon', 'chuyen_khoa_1', ck1, uni('chuyen_khoa_1', spec!)) && prof === 'chuyen_khoa_2') {
            push('chuyen_mon', 'chuyen_khoa_2', postgradDay(ck1 + 4 * 365, 0.45), uni('chuyen_khoa_2', spec!));
          }
        }
      } else if (prof === 'thac_si' || prof === 'tien_si') {
        const mField = masterField(rng, s, field, spec);
        const ms = postgradDay(Math.max(degree + 2 * 365, at(25)), prof === 'tien_si' ? 0.15 : 0.45);
        if (push('chuyen_mon', 'thac_si', ms, uni('thac_si', mField)) && prof === 'tien_si') {
          push('chuyen_mon', 'tien_si', postgradDay(ms + 3 * 365, 0.4), uni('tien_si', mField));
        }
      }
    }
  }

  // ---- Political theory ----
  const ll = politicalLevel(rng, s);
  if (ll !== 'none') {
    const base = s.partyJoin ?? s.recruit;
    const lowDay = (lv: string) =>
      lv === 'so_cap' ? between(rng, base, base + 3 * 365)
        : lv === 'trung_cap' ? between(rng, Math.max(base, at(28)), at(45))
          : between(rng, Math.max(base, at(36)), at(54));
    const chain: string[] = ll === 'cao_cap' || ll === 'cu_nhan' ? (rng.chance(0.65) ? ['trung_cap', ll] : [ll]) : ll === 'trung_cap' ? (rng.chance(0.4) ? ['so_cap', ll] : [ll]) : [ll];
    let prev = 0;
    for (const lv of chain) {
      let d = lowDay(lv);
      if (lv !== 'so_cap' && s.posRank < 65 && rng.chance(0.3)) d = Math.max(d, between(rng, RECENT, today));
      if (d <= prev) d = prev + rng.int(2 * 365, 6 * 365);
      const inst = lv === 'so_cap' ? 'Trung tâm Chính trị cấp huyện' : lv === 'trung_cap' ? 'Trường Chính trị tỉnh Sóc Trăng' : lv === 'cao_cap' ? 'Học viện Chính trị khu vực IV' : 'Học viện Chính trị quốc gia Hồ Chí Minh';
      if (push('ly_luan_chinh_tri', lv, d, { institution: inst })) prev = d;
    }
  }

  // ---- State management ----
  const ql = stateLevel(rng, s);
  if (ql !== 'none') {
    const chain = ql === 'chuyen_vien_cao_cap' ? (rng.chance(0.7) ? ['chuyen_vien_chinh', ql] : [ql]) : ql === 'chuyen_vien_chinh' ? (rng.chance(0.65) ? ['chuyen_vien', ql] : [ql]) : [ql];
    let prev = 0;
    for (const lv of chain) {
      let d = lv === 'can_su' || lv === 'chuyen_vien' ? between(rng, s.recruit + 365, s.recruit + 8 * 365) : lv === 'chuyen_vien_chinh' ? between(rng, Math.max(s.recruit + 5 * 365, at(35)), at(50)) : between(rng, Math.max(s.recruit + 10 * 365, at(44)), at(56));
      if (lv !== 'chuyen_vien' && s.posRank < 65 && rng.chance(0.3)) d = Math.max(d, between(rng, RECENT, today));
      if (d <= prev) d = prev + rng.int(3 * 365, 6 * 365);
      const inst = lv === 'chuyen_vien' || lv === 'can_su' ? 'Trường Chính trị tỉnh Sóc Trăng' : lv === 'chuyen_vien_chinh' ? 'Học viện Hành chính Quốc gia' : rng.pick(['Học viện Hành chính Quốc gia', 'Học viện Chính trị quốc gia Hồ Chí Minh']);
      if (push('quan_ly_nha_nuoc', lv, d, { institution: inst })) prev = d;
    }
  }

  // ---- Foreign language and IT (old A/B/C certificates before the 2014-2016 frameworks) ----
  const skillDay = () => between(rng, Math.max(at(20), s.recruit - 2 * 365), today);
  if (s.subjectField === 'Tiếng Anh') {
    // The degree is the qualification; recorded in both categories as clerks do.
    push('ngoai_ngu', 'dai_hoc', at(firstDegreeAge), { field: 'Tiếng Anh', institution: institutionFor(rng, 'dai_hoc', 'Sư phạm Tiếng Anh') });
  } else if (rng.chance(s.role === 'contract' ? 0.4 : 0.9)) {
    const lang = s.group === 'hoa' && rng.chance(0.35) ? 'Tiếng Trung' : rng.chance(0.03) ? 'Tiếng Pháp' : 'Tiếng Anh';
    const d = skillDay();
    const inst = rng.pick(['Trường Đại học Cần Thơ', 'Trường Cao đẳng Sóc Trăng', 'Trường Đại học Trà Vinh', 'Trung tâm Ngoại ngữ - Tin học Sóc Trăng']);
    if (d < dayOf('2015-01-01')) {
      push('ngoai_ngu', rng.weighted([['chung_chi_a', 40], ['chung_chi_b', 50], ['chung_chi_c', 10]] as const), d, { field: lang, institution: inst });
      if (rng.chance(0.3)) push('ngoai_ngu', rng.weighted([['bac_2', 30], ['bac_3', 60], ['bac_4', 10]] as const), between(rng, dayOf('2016-01-01'), today), { field: lang, institution: inst });
    } else {
      push('ngoai_ngu', rng.weighted([['bac_2', 30], ['bac_3', 55], ['bac_4', 11], ['bac_5', 4]] as const), d, { field: lang, institution: inst });
    }
  }
  if (rng.chance(s.role === 'contract' ? 0.5 : 0.86)) {
    const d = skillDay();
    const inst = rng.pick(['Trường Cao đẳng Sóc Trăng', 'Trung tâm Ngoại ngữ - Tin học Sóc Trăng', 'Trường Đại học Cần Thơ']);
    if (d < dayOf('2016-01-01')) {
      push('tin_hoc', rng.chance(0.45) ? 'chung_chi_a' : 'chung_chi_b', d, { field: 'Tin học ứng dụng', institution: inst });
      if (rng.chance(0.25)) push('tin_hoc', 'co_ban', between(rng, dayOf('2016-06-01'), today), { field: 'Ứng dụng công nghệ thông tin', institution: inst });
    } else {
      push('tin_hoc', rng.chance(0.75) ? 'co_ban' : 'nang_cao', d, { field: 'Ứng dụng công nghệ thông tin', institution: inst });
    }
  }

  // ---- Ethnic-minority language ----
  const khmerNative = s.group === 'khmer';
  if (rng.chance(khmerNative ? 0.6 : 0.1)) {
    const level = khmerNative ? rng.weighted([['tu_danh_gia', 50], ['chung_chi', 45], ['dai_hoc', 5]] as const) : rng.weighted([['chung_chi', 70], ['tu_danh_gia', 30]] as const);
    const fluency = khmerNative ? rng.weighted([['ban_ngu', 60], ['thanh_thao', 35], ['kha', 5]] as const) : rng.weighted([['co_ban', 35], ['kha', 40], ['thanh_thao', 25]] as const);
    const from = Math.max(s.recruit, dayOf('2008-01-01'));
    const d = rng.chance(0.5) ? between(rng, Math.max(from, RECENT), today) : between(rng, from, Math.min(RECENT - 1, today));
    const institution = level === 'tu_danh_gia' ? null : level === 'dai_hoc' ? 'Trường Đại học Trà Vinh' : rng.pick(['Trường Chính trị tỉnh Sóc Trăng', 'Trường Đại học Trà Vinh', 'Trường Cao đẳng Sóc Trăng']);
    push('tieng_dtts', level, d, { language: 'khmer', fluency, institution, field: level === 'dai_hoc' ? 'Ngôn ngữ Khmer' : null, note: level === 'tu_danh_gia' ? 'Tự đánh giá, có xác nhận của thủ trưởng đơn vị' : null });
  } else if (s.group === 'hoa' && rng.chance(0.25)) {
    push('tieng_dtts', 'tu_danh_gia', between(rng, Math.max(s.recruit, dayOf('2010-01-01')), today), { language: 'hoa', fluency: rng.chance(0.6) ? 'ban_ngu' : 'thanh_thao', note: 'Tự đánh giá, có xác nhận của thủ trưởng đơn vị' });
  }
  return rows;
}

function professionalLevel(rng: Rng, s: QualSubject): string {
  const w = (items: W<string>) => rng.weighted(items);
  switch (s.role) {
    case 'doctor': {
      const r = rng.next();
      return r < 0.07 ? 'chuyen_khoa_2' : r < 0.45 ? 'chuyen_khoa_1' : r < 0.52 ? 'thac_si' : r < 0.54 ? 'bs_noi_tru' : r < 0.545 ? 'tien_si' : 'dai_hoc';
    }
    case 'nurse': return w([['trung_cap', 30], ['cao_dang', 35], ['dai_hoc', 33], ['thac_si', 2]]);
    case 'midwife': return w([['trung_cap', 40], ['cao_dang', 40], ['dai_hoc', 20]]);
    case 'pharm': return w([['trung_cap', 30], ['dai_hoc', 60], ['thac_si', 10]]);
    case 'health_tech': return w([['trung_cap', 30], ['cao_dang', 30], ['dai_hoc', 40]]);
    case 'teacher_thpt': return s.tier <= 1 ? w([['dai_hoc', 60], ['thac_si', 38], ['tien_si', 2]]) : w([['dai_hoc', 84], ['thac_si', 15], ['tien_si', 1]]);
    case 'teacher_thcs': return w([['dai_hoc', 83], ['cao_dang', 9], ['thac_si', 8]]);
    case 'teacher_th': return w([['dai_hoc', 72], ['cao_dang', 23], ['trung_cap', 3], ['thac_si', 2]]);
    case 'lecturer_tct': return w([['dai_hoc', 8], ['thac_si', 67], ['tien_si', 25]]);
    case 'lecturer_cd': return w([['dai_hoc', 18], ['thac_si', 71], ['tien_si', 11]]);
    case 'support': return w([['so_cap', 10], ['trung_cap', 50], ['cao_dang', 20], ['dai_hoc', 20]]);
    case 'contract': return w([['none', 20], ['so_cap', 15], ['trung_cap', 35], ['cao_dang', 15], ['dai_hoc', 15]]);
    case 'commune':
    case 'mass_org': return w([['so_cap', 1], ['trung_cap', 25], ['cao_dang', 6], ['dai_hoc', 61], ['thac_si', 7]]);
    case 'commune_lead': return w([['trung_cap', 8], ['dai_hoc', 78], ['thac_si', 14]]);
    case 'accountant': return w([['trung_cap', 12], ['cao_dang', 10], ['dai_hoc', 72], ['thac_si', 6]]);
    default: {
      const leader = s.posRank >= 65;
      const section = s.posRank >= 40;
      if (s.sector === 'tinh') {
        return leader ? w([['dai_hoc', 28], ['thac_si', 58], ['tien_si', 14]]) : section ? w([['dai_hoc', 55], ['thac_si', 42], ['tien_si', 3]]) : w([['trung_cap', 2], ['cao_dang', 3], ['dai_hoc', 66], ['thac_si', 28], ['tien_si', 1]]);
      }
      return leader ? w([['dai_hoc', 45], ['thac_si', 52], ['tien_si', 3]]) : section ? w([['dai_hoc', 68], ['thac_si', 32]]) : w([['trung_cap', 5], ['cao_dang', 3], ['dai_hoc', 74], ['thac_si', 18]]);
    }
  }
}

function professionalField(rng: Rng, s: QualSubject): string {
  switch (s.role) {
    case 'doctor': return 'Y đa khoa';
    case 'nurse': return 'Điều dưỡng';
    case 'midwife': return 'Hộ sinh';
    case 'pharm': return 'Dược học';
    case 'health_tech': return rng.pick(['Kỹ thuật xét nghiệm y học', 'Kỹ thuật hình ảnh y học', 'Vật lý trị liệu']);
    case 'teacher_thpt':
    case 'teacher_thcs': return `Sư phạm ${s.subjectField ?? rng.pick(TEACHING_SUBJECTS)}`;
    case 'teacher_th': return 'Giáo dục tiểu học';
    case 'lecturer_tct': return rng.pick(TCT_FIELDS);
    case 'lecturer_cd': return rng.pick(CD_FIELDS);
    case 'accountant': return rng.chance(0.8) ? 'Kế toán' : 'Tài chính - Ngân hàng';
    case 'support':
    case 'contract': return rng.pick(SUPPORT_FIELDS);
    default: return rng.pick(DOMAIN_FIELDS[s.domain] ?? DOMAIN_FIELDS.hanh_chinh);
  }
}

function masterField(rng: Rng, s: QualSubject, field: string, spec: string | null): string {
  if (spec) return spec;
  if (s.role.startsWith('teacher')) return rng.chance(0.4) ? 'Quản lý giáo dục' : `Lý luận và phương pháp dạy học bộ môn ${s.subjectField ?? rng.pick(TEACHING_SUBJECTS)}`;
  if (s.role === 'lecturer_tct' || s.role === 'lecturer_cd' || s.role === 'nurse' || s.role === 'pharm') return field;
  return rng.chance(0.5) ? field : rng.pick(MASTER_ADMIN);
}

function politicalLevel(rng: Rng, s: QualSubject): string {
  const w = (items: W<string>) => rng.weighted(items);
  if (s.partyJoin === null) return rng.chance(s.role === 'contract' ? 0.05 : 0.42) ? 'so_cap' : 'none';
  if (s.role === 'lecturer_tct') return w([['trung_cap', 15], ['cao_cap', 60], ['cu_nhan', 25]]);
  if (s.posRank >= 65) return w([['trung_cap', 5], ['cao_cap', 88], ['cu_nhan', 7]]);
  if (s.posRank >= 40 && !s.role.startsWith('teacher') && s.role !== 'doctor') return w([['so_cap', 5], ['trung_cap', 70], ['cao_cap', 25]]);
  if (s.role === 'commune_lead') return w([['so_cap', 8], ['trung_cap', 82], ['cao_cap', 10]]);
  if (s.category === 'vien_chuc') return w([['none', 10], ['so_cap', 68], ['trung_cap', 20], ['cao_cap', 2]]);
  return w([['none', 5], ['so_cap', 45], ['trung_cap', 45], ['cao_cap', 5]]);
}

function stateLevel(rng: Rng, s: QualSubject): string {
  const w = (items: W<string>) => rng.weighted(items);
  if (s.category === 'khac') return 'none';
  if (s.category === 'vien_chuc') {
    if (s.tier <= 1 || s.posRank >= 40) return w([['none', 20], ['chuyen_vien', 50], ['chuyen_vien_chinh', 30]]);
    return rng.chance(0.2) ? 'chuyen_vien' : 'none';
  }
  if (s.posRank >= 65) return w([['chuyen_vien', 5], ['chuyen_vien_chinh', 50], ['chuyen_vien_cao_cap', 45]]);
  if (s.posRank >= 40) return w([['chuyen_vien', 50], ['chuyen_vien_chinh', 50]]);
  if (s.role === 'commune_lead') return w([['none', 10], ['chuyen_vien', 75], ['chuyen_vien_chinh', 15]]);
  if (s.role === 'commune' || s.role === 'mass_org') return w([['none', 18], ['can_su', 5], ['chuyen_vien', 77]]);
  return w([['none', 12], ['chuyen_vien', 80], ['chuyen_vien_chinh', 8]]);
}

export { between };
