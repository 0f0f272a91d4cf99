import type { AppDb } from '../../open';
import type { Condition, IndicatorDefinition, IndicatorKind, IndicatorUnit, Population } from '../../../shared/api/indicators';

// The Sóc Trăng resolution (Nghị quyết của BCH Đảng bộ tỉnh khoá XIV về phát triển nguồn nhân lực giai đoạn
// 2021-2025, tầm nhìn 2030), section II.2.2, as seed rows. Seeding inserts what is missing (by seed_key) and
// never touches rows that exist, so a clerk's edits and deletions survive every start of the app.

export const SEED_RESOLUTION_KEY = 'soc_trang_nnl_2021_2025';

const CBCCVC = ['can_bo', 'cong_chuc', 'vien_chuc'];
const NOT_EDU_HEALTH_VIEN_CHUC = [{ categories: ['vien_chuc'], unitKinds: ['su_nghiep_giao_duc', 'su_nghiep_y_te'] }];

const postgraduate: Condition = { type: 'levelAttr', category: 'chuyen_mon', attr: 'postgraduate' };
const masterOrAbove: Condition = { type: 'levelAtLeast', category: 'chuyen_mon', level: 'thac_si' };
const doctorate: Condition = { type: 'levelAttr', category: 'chuyen_mon', attr: 'doctorate' };
const minorityLanguage: Condition = {
  type: 'any',
  of: [
    { type: 'levelAttr', category: 'tieng_dtts', attr: 'certified' },
    { type: 'fluencyAttr', category: 'tieng_dtts', attr: 'fluent' },
  ],
};

export const POSTGRADUATE_RULE =
  'Sau đại học = có văn bằng thạc sĩ, tiến sĩ, tiến sĩ khoa học, bác sĩ nội trú, chuyên khoa I hoặc chuyên khoa II (danh mục trình độ chuyên môn, thuộc tính "sau đại học") được cấp đến hết ngày tính.';
const LANGUAGE_RULE =
  'Thành thạo tiếng DTTS = có chứng chỉ hoặc văn bằng tiếng dân tộc thiểu số, hoặc được ghi nhận mức "Thành thạo"/"Bản ngữ".';
const WORKING_RULE = 'Chỉ tính người đang công tác vào ngày tính (không tính người đã nghỉ hưu, chuyển công tác, thôi việc, từ trần trước ngày đó).';

interface SeedIndicator {
  key: string;
  code: string;
  text: string;
  kind: IndicatorKind;
  unit: IndicatorUnit;
  population?: Population;
  counted?: Condition;
  rule: string;
  targets: { year: number; value: number; note?: string }[];
  note?: string;
}

const provinceDistrict: Population = { unitLevels: ['tinh', 'huyen'], categories: CBCCVC, exclude: NOT_EDU_HEALTH_VIEN_CHUC };

export const SEED_INDICATORS: SeedIndicator[] = [
  {
    key: '1a', code: '1a', kind: 'computed', unit: 'percent',
    text: 'Cán bộ, công chức, viên chức cấp tỉnh, huyện (không tính viên chức ngành giáo dục, y tế) được đào tạo đáp ứng tiêu chuẩn quy định',
    population: provinceDistrict,
    counted: { type: 'meetsStandard', standardSet: 'cbccvc_tinh_huyen' },
    rule: `Mẫu số: CB, CC, VC công tác tại đơn vị cấp tỉnh, huyện vào ngày tính, trừ viên chức đơn vị sự nghiệp giáo dục, y tế. Tử số: đạt trình độ tối thiểu theo bộ tiêu chuẩn "cbccvc_tinh_huyen" của chức vụ (xem Tiêu chuẩn chức danh). ${WORKING_RULE}`,
    targets: [{ year: 2025, value: 100 }],
  },
  {
    key: '1b', code: '1b', kind: 'computed', unit: 'percent',
    text: 'Cán bộ, công chức, viên chức cấp tỉnh, huyện (không tính viên chức ngành giáo dục, y tế) có trình độ sau đại học',
    population: provinceDistrict,
    counted: postgraduate,
    rule: `Mẫu số: như chỉ tiêu 1a. Tử số: ${POSTGRADUATE_RULE}`,
    targets: [{ year: 2025, value: 20 }],
  },
  {
    key: '1b.2030', code: '1b.2030', kind: 'computed', unit: 'percent',
    text: 'Cán bộ, công chức, viên chức (không tính viên chức ngành giáo dục, y tế) có trình độ sau đại học (mục tiêu đến năm 2030, mọi cấp)',
    population: { categories: CBCCVC, exclude: NOT_EDU_HEALTH_VIEN_CHUC },
    counted: postgraduate,
    rule: `Mẫu số: CB, CC, VC mọi cấp, trừ viên chức đơn vị sự nghiệp giáo dục, y tế. Tử số: ${POSTGRADUATE_RULE}`,
    targets: [{ year: 2030, value: 25 }],
  },
  {
    key: '1c', code: '1c', kind: 'computed', unit: 'percent',
    text: 'Cán bộ, công chức cấp xã có trình độ văn hóa và chuyên môn đạt chuẩn theo quy định',
    population: { unitLevels: ['xa'], categories: ['can_bo', 'cong_chuc'] },
    counted: { type: 'meetsStandard', standardSet: 'cbcc_xa' },
    rule: `Mẫu số: cán bộ, công chức công tác tại đơn vị cấp xã vào ngày tính. Tử số: đạt văn hoá và chuyên môn theo bộ tiêu chuẩn "cbcc_xa" (mặc định: tốt nghiệp THPT 12/12 và chuyên môn từ đại học trở lên). ${WORKING_RULE}`,
    targets: [{ year: 2025, value: 100 }],
  },
  {
    key: '2a', code: '2a', kind: 'computed', unit: 'percent',
    text: 'Ủy viên Ban Chấp hành Đảng bộ tỉnh có trình độ sau đại học',
    population: { flagsAny: ['bch_tinh'] }, counted: postgraduate,
    rule: `Mẫu số: người có vai trò "Ủy viên BCH Đảng bộ tỉnh" còn hiệu lực vào ngày tính. Tử số: ${POSTGRADUATE_RULE}`,
    targets: [{ year: 2025, value: 70 }, { year: 2030, value: 80 }],
  },
  {
    key: '2b', code: '2b', kind: 'computed', unit: 'percent',
    text: 'Cán bộ thuộc diện Ban Thường vụ Tỉnh ủy quản lý có trình độ sau đại học',
    population: { flagsAny: ['btv_quan_ly'] }, counted: postgraduate,
    rule: `Mẫu số: người thuộc diện BTV Tỉnh ủy quản lý vào ngày tính. Tử số: ${POSTGRADUATE_RULE}`,
    targets: [{ year: 2025, value: 50 }],
  },
  {
    key: '2c', code: '2c', kind: 'computed', unit: 'percent',
    text: 'Ủy viên Ban Chấp hành Đảng bộ huyện và tương đương có trình độ sau đại học',
    population: { flagsAny: ['bch_huyen'] }, counted: postgraduate,
    rule: `Mẫu số: người có vai trò "Ủy viên BCH Đảng bộ huyện và tương đương" còn hiệu lực vào ngày tính. Tử số: ${POSTGRADUATE_RULE}`,
    targets: [{ year: 2025, value: 40 }, { year: 2030, value: 60 }],
  },
  {
    key: '2d', code: '2d', kind: 'computed', unit: 'percent',
    text: 'Cán bộ lãnh đạo cấp phòng và tương đương có trình độ sau đại học',
    population: { flagsAny: ['lanh_dao_phong'] }, counted: postgraduate,
    rule: `Mẫu số: người có vai trò "Lãnh đạo cấp phòng và tương đương" vào ngày tính. Tử số: ${POSTGRADUATE_RULE}`,
    targets: [{ year: 2025, value: 30 }, { year: 2030, value: 40 }],
  },
  {
    key: '3a', code: '3a', kind: 'computed', unit: 'percent',
    text: 'Cán bộ, công chức, viên chức là người dân tộc thiểu số sử dụng thành thạo ít nhất một thứ tiếng dân tộc thiểu số',
    population: { categories: CBCCVC, ethnicMinority: true }, counted: minorityLanguage,
    rule: `Mẫu số: CB, CC, VC có dân tộc thuộc nhóm dân tộc thiểu số (danh mục Dân tộc). Tử số: ${LANGUAGE_RULE}`,
    targets: [{ year: 2025, value: 100 }, { year: 2030, value: 100 }],
  },
  {
    key: '3b', code: '3b', kind: 'computed', unit: 'percent',
    text: 'Cán bộ, công chức, viên chức ở cơ quan, đơn vị, bộ phận tiếp xúc trực tiếp với đồng bào dân tộc thiểu số sử dụng thành thạo ít nhất một thứ tiếng dân tộc thiểu số',
    population: { categories: CBCCVC, ethnicContactUnit: true }, counted: minorityLanguage,
    rule: `Mẫu số: CB, CC, VC công tác tại đơn vị được đánh dấu "tiếp xúc trực tiếp với đồng bào DTTS" vào ngày tính. Tử số: ${LANGUAGE_RULE}`,
    targets: [{ year: 2025, value: 100 }, { year: 2030, value: 100 }],
  },
  {
    key: '4a', code: '4a', kind: 'computed', unit: 'percent',
    text: 'Giáo viên các ngành học, cấp học đạt chuẩn quy định',
    population: { flagsAny: ['giao_vien', 'giao_vien_thpt'] },
    counted: { type: 'meetsStandard', standardSet: 'giao_vien' },
    rule: 'Mẫu số: người có vai trò "Giáo viên" hoặc "Giáo viên THPT" vào ngày tính. Tử số: đạt trình độ chuẩn theo bộ tiêu chuẩn "giao_vien" (mặc định: từ đại học trở lên, Luật Giáo dục 2019).',
    targets: [{ year: 2025, value: 100 }],
  },
  {
    key: '4b', code: '4b', kind: 'computed', unit: 'percent',
    text: 'Giảng viên Trường Chính trị tỉnh có trình độ thạc sĩ trở lên',
    population: { flagsAny: ['gv_truong_chinh_tri'] }, counted: masterOrAbove,
    rule: 'Mẫu số: giảng viên Trường Chính trị tỉnh vào ngày tính. Tử số: trình độ chuyên môn cao nhất từ thạc sĩ trở lên (thạc sĩ, chuyên khoa II, tiến sĩ, TSKH).',
    targets: [{ year: 2025, value: 90 }],
  },
  {
    key: '4b.ts', code: '4b.ts', kind: 'computed', unit: 'percent',
    text: 'Giảng viên Trường Chính trị tỉnh có trình độ tiến sĩ',
    population: { flagsAny: ['gv_truong_chinh_tri'] }, counted: doctorate,
    rule: 'Mẫu số: giảng viên Trường Chính trị tỉnh vào ngày tính. Tử số: có bằng tiến sĩ hoặc tiến sĩ khoa học.',
    targets: [{ year: 2025, value: 20 }],
  },
  {
    key: '4c', code: '4c', kind: 'computed', unit: 'percent',
    text: 'Giảng viên các trường cao đẳng đạt trình độ chuyên môn theo Luật Giáo dục nghề nghiệp',
    population: { flagsAny: ['gv_cao_dang'] },
    counted: { type: 'meetsStandard', standardSet: 'gv_cao_dang' },
    rule: 'Mẫu số: giảng viên cao đẳng vào ngày tính. Tử số: đạt trình độ chuẩn theo bộ tiêu chuẩn "gv_cao_dang" (mặc định: từ đại học trở lên).',
    targets: [{ year: 2025, value: 100 }],
  },
  {
    key: '4c.ths', code: '4c.ths', kind: 'computed', unit: 'percent',
    text: 'Giảng viên các trường cao đẳng có trình độ thạc sĩ trở lên',
    population: { flagsAny: ['gv_cao_dang'] }, counted: masterOrAbove,
    rule: 'Mẫu số: giảng viên cao đẳng vào ngày tính. Tử số: trình độ chuyên môn cao nhất từ thạc sĩ trở lên.',
    targets: [{ year: 2025, value: 80 }],
  },
  {
    key: '4c.ts', code: '4c.ts', kind: 'computed', unit: 'percent',
    text: 'Giảng viên các trường cao đẳng có trình độ tiến sĩ',
    population: { flagsAny: ['gv_cao_dang'] }, counted: doctorate,
    rule: 'Mẫu số: giảng viên cao đẳng vào ngày tính. Tử số: có bằng tiến sĩ hoặc tiến sĩ khoa học.',
    targets: [{ year: 2025, value: 12 }, { year: 2030, value: 15 }],
  },
  {
    key: '4d', code: '4d', kind: 'computed', unit: 'percent',
    text: 'Giáo viên trung học phổ thông có trình độ thạc sĩ',
    population: { flagsAny: ['giao_vien_thpt'] }, counted: masterOrAbove,
    rule: 'Mẫu số: giáo viên THPT vào ngày tính. Tử số: trình độ chuyên môn cao nhất từ thạc sĩ trở lên.',
    targets: [{ year: 2030, value: 20 }],
  },
  {
    key: '5a', code: '5a', kind: 'entered', unit: 'percent',
    text: 'Trạm y tế cấp xã có bác sĩ công tác',
    rule: 'Số liệu thống kê của ngành y tế, nhập hằng quý (tử số: số trạm có bác sĩ; mẫu số: tổng số trạm y tế cấp xã).',
    targets: [{ year: 2025, value: 100 }],
  },
  {
    key: '5b.bs', code: '5b.bs', kind: 'entered', unit: 'per10k',
    text: 'Số bác sĩ trên một vạn dân',
    rule: 'Số liệu thống kê của ngành y tế, nhập hằng quý (bác sĩ / vạn dân).',
    targets: [{ year: 2025, value: 10 }, { year: 2030, value: 11 }],
  },
  {
    key: '5b.dd', code: '5b.dd', kind: 'entered', unit: 'per10k',
    text: 'Số điều dưỡng trên một vạn dân',
    rule: 'Số liệu thống kê của ngành y tế, nhập hằng quý (điều dưỡng / vạn dân).',
    targets: [{ year: 2025, value: 25 }, { year: 2030, value: 30 }],
  },
  {
    key: '5c.ck1', code: '5c.ck1', kind: 'computed', unit: 'percent',
    text: 'Tỷ lệ bác sĩ chuyên khoa I trong tổng số bác sĩ',
    population: { flagsAny: ['bac_si'] },
    counted: { type: 'all', of: [{ type: 'hasLevel', category: 'chuyen_mon', levels: ['chuyen_khoa_1'] }, { type: 'not', cond: { type: 'hasLevel', category: 'chuyen_mon', levels: ['chuyen_khoa_2'] } }] },
    rule: 'Mẫu số: người có vai trò "Bác sĩ" vào ngày tính (trong hồ sơ của ứng dụng). Tử số: có chuyên khoa I và chưa có chuyên khoa II. Nếu cần số liệu toàn ngành, đổi chỉ tiêu sang loại "Nhập số liệu".',
    targets: [{ year: 2025, value: 40 }, { year: 2030, value: 45 }],
  },
  {
    key: '5c.ck2', code: '5c.ck2', kind: 'computed', unit: 'percent',
    text: 'Tỷ lệ bác sĩ chuyên khoa II trong tổng số bác sĩ',
    population: { flagsAny: ['bac_si'] },
    counted: { type: 'hasLevel', category: 'chuyen_mon', levels: ['chuyen_khoa_2'] },
    rule: 'Mẫu số: người có vai trò "Bác sĩ" vào ngày tính. Tử số: có chuyên khoa II.',
    targets: [{ year: 2025, value: 6 }, { year: 2030, value: 10 }],
  },
  {
    key: '6a', code: '6a', kind: 'entered', unit: 'percent',
    text: 'Tỷ lệ lao động qua đào tạo',
    rule: 'Số liệu thống kê lao động, nhập hằng quý.',
    targets: [{ year: 2025, value: 65 }, { year: 2030, value: 70 }],
  },
  {
    key: '6a.vb', code: '6a.vb', kind: 'entered', unit: 'percent',
    text: 'Tỷ lệ lao động qua đào tạo có văn bằng, chứng chỉ',
    rule: 'Số liệu thống kê lao động, nhập hằng quý.',
    targets: [{ year: 2025, value: 30 }, { year: 2030, value: 32.5 }],
  },
  {
    key: '6b', code: '6b', kind: 'entered', unit: 'percent',
    text: 'Tỷ lệ lao động đang làm việc so với tổng số lao động trong độ tuổi',
    rule: 'Số liệu thống kê lao động, nhập hằng quý.',
    targets: [{ year: 2025, value: 85 }, { year: 2030, value: 90 }],
  },
  {
    key: '7a', code: '7a', kind: 'entered', unit: 'percent',
    text: 'Lao động được đào tạo nghề thuộc nhóm ngành dịch vụ, công nghiệp, nông nghiệp lợi thế của tỉnh',
    rule: 'Số liệu thống kê giáo dục nghề nghiệp, nhập hằng quý.',
    targets: [{ year: 2025, value: 25 }, { year: 2030, value: 30 }],
  },
  {
    key: '7b', code: '7b', kind: 'entered', unit: 'absolute',
    text: 'Giải quyết việc làm và ổn định việc làm bình quân hằng năm (lao động)',
    rule: 'Số lao động được giải quyết việc làm trong năm, nhập luỹ kế theo quý.',
    targets: [{ year: 2025, value: 28000 }, { year: 2030, value: 30000 }],
  },
  {
    key: '7c', code: '7c', kind: 'entered', unit: 'percent',
    text: 'Lao động được đào tạo nghề từ ngân sách Nhà nước có việc làm sau đào tạo',
    rule: 'Số liệu thống kê giáo dục nghề nghiệp, nhập hằng quý.',
    targets: [{ year: 2025, value: 100 }],
  },
  {
    key: '8a', code: '8a', kind: 'entered', unit: 'percent',
    text: 'Lao động trực tiếp phục vụ trong ngành, nghề du lịch được đào tạo, bồi dưỡng chuyên môn, nghiệp vụ',
    rule: 'Số liệu thống kê ngành du lịch, nhập hằng quý.',
    targets: [{ year: 2025, value: 75 }, { year: 2030, value: 80 }],
  },
];

interface SeedStandard {
  key: string;
  standardSet: string;
  label: string;
  positionCodes?: string[];
  unitLevels?: string[];
  categories?: string[];
  minGeneral?: string;
  minProfessional?: string;
  minPolitical?: string;
  minStateMgmt?: string;
  note?: string;
}

/**
 * Default training standards. They follow the usual tiers (leaders need higher political theory and state
 * management) but are a starting point the Organisation Board edits, not a statement of law.
 */
export const SEED_STANDARDS: SeedStandard[] = [
  {
    key: 'tinh_huyen.lanh_dao_cap_tinh', standardSet: 'cbccvc_tinh_huyen', label: 'Lãnh đạo sở, ban, ngành tỉnh; lãnh đạo cấp huyện',
    positionCodes: ['lanh_dao_tinh', 'truong_so', 'pho_so', 'bi_thu_huyen', 'pho_huyen'],
    minProfessional: 'dai_hoc', minPolitical: 'cao_cap', minStateMgmt: 'chuyen_vien_chinh',
  },
  {
    key: 'tinh_huyen.lanh_dao_phong', standardSet: 'cbccvc_tinh_huyen', label: 'Lãnh đạo cấp phòng và tương đương',
    positionCodes: ['truong_phong', 'pho_phong'],
    minProfessional: 'dai_hoc', minPolitical: 'trung_cap', minStateMgmt: 'chuyen_vien',
  },
  {
    key: 'tinh_huyen.khac', standardSet: 'cbccvc_tinh_huyen', label: 'Chuyên viên, nhân viên và chức danh khác',
    minProfessional: 'dai_hoc',
  },
  {
    key: 'xa.tat_ca', standardSet: 'cbcc_xa', label: 'Cán bộ, công chức cấp xã',
    minGeneral: '12/12', minProfessional: 'dai_hoc',
    note: 'Theo Nghị định 33/2023/NĐ-CP: tốt nghiệp THPT và chuyên môn từ đại học trở lên.',
  },
  { key: 'giao_vien.tat_ca', standardSet: 'giao_vien', label: 'Giáo viên', minProfessional: 'dai_hoc', note: 'Luật Giáo dục 2019: giáo viên tiểu học, THCS, THPT có bằng cử nhân trở lên.' },
  { key: 'gv_cao_dang.tat_ca', standardSet: 'gv_cao_dang', label: 'Giảng viên cao đẳng', minProfessional: 'dai_hoc' },
];

const definitionOf = (s: SeedIndicator): IndicatorDefinition | null =>
  s.kind === 'computed' && s.population && s.counted ? { population: s.population, counted: s.counted } : null;

/** Inserts the seeded resolution, indicators, targets and standards that are missing. Cheap when all are there. */
export function seedIndicators(db: AppDb): void {
  const s = db.sqlite;
  s.transaction(() => {
    let res = s.prepare('select id from resolutions where seed_key = ?').get(SEED_RESOLUTION_KEY) as { id: number } | undefined;
    if (!res) {
      const r = s
        .prepare(
          `insert into resolutions (name, number, issued_date, issuing_body, period_start, period_end, note, seed_key)
           values (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          'Nghị quyết của Ban Chấp hành Đảng bộ tỉnh khoá XIV về phát triển nguồn nhân lực tỉnh Sóc Trăng giai đoạn 2021-2025, tầm nhìn đến năm 2030',
          null,
          null,
          'Ban Chấp hành Đảng bộ tỉnh Sóc Trăng khoá XIV',
          '2021-01-01',
          '2030-12-31',
          'Mục tiêu cụ thể tại mục II.2.2. Số hiệu và ngày ban hành: nhập theo văn bản gốc.',
          SEED_RESOLUTION_KEY,
        );
      res = { id: Number(r.lastInsertRowid) };
    }
    const hasIndicator = s.prepare('select 1 from indicators where seed_key = ?');
    const insertIndicator = s.prepare(
      `insert into indicators (resolution_id, code, text, kind, unit, sort_order, definition, rule_text, note, seed_key)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertTarget = s.prepare('insert into indicator_targets (indicator_id, year, value, note) values (?, ?, ?, ?)');
    SEED_INDICATORS.forEach((ind, i) => {
      const seedKey = `${SEED_RESOLUTION_KEY}:${ind.key}`;
      if (hasIndicator.get(seedKey)) return;
      // A clerk may have created an indicator with the same code by hand; theirs wins.
      if (s.prepare('select 1 from indicators where resolution_id = ? and code = ? and deleted_at is null').get(res!.id, ind.code)) return;
      const def = definitionOf(ind);
      const r = insertIndicator.run(res!.id, ind.code, ind.text, ind.kind, ind.unit, (i + 1) * 10, def ? JSON.stringify(def) : null, ind.rule, ind.note ?? null, seedKey);
      for (const t of ind.targets) insertTarget.run(Number(r.lastInsertRowid), t.year, t.value, t.note ?? null);
    });
    const insertStandard = s.prepare(
      `insert into training_standards (standard_set, label, sort_order, position_codes, unit_levels, categories,
         min_general, min_professional, min_political, min_state_mgmt, note, seed_key)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (seed_key) do nothing`,
    );
    const json = (v?: string[]) => (v ? JSON.stringify(v) : null);
    SEED_STANDARDS.forEach((st, i) =>
      insertStandard.run(st.standardSet, st.label, (i + 1) * 10, json(st.positionCodes), json(st.unitLevels), json(st.categories),
        st.minGeneral ?? null, st.minProfessional ?? null, st.minPolitical ?? null, st.minStateMgmt ?? null, st.note ?? null, `std:${st.key}`),
    );
  })();
}
