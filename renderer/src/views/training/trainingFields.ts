import type { CourseRow, EnrolmentRow, PlanRow, RuleSetRow } from '../../../../shared/api/training';
import { COURSE_KIND_LABELS, COURSE_LOCATIONS, COURSE_MODES, ENROLMENT_STATUSES, FUNDING_SOURCES, PLAN_STATUSES } from '../../../../shared/api/training';
import { CADRE_CATEGORIES, QUALIFICATION_CATEGORIES, QUALIFICATION_CATEGORY_KEYS } from '../../../../shared/domain/codes';
import { foldVietnamese } from '../../../../shared/domain/text';
import type { Reference } from '../../data/reference';
import { codeField, dateField, numberField, textField, type FieldSpec } from '../../grid/fields';

// Field specs of the training grids: how each editable column reads, parses (typed or pasted) and saves.

const options = (labels: Record<string, string>) => Object.entries(labels).map(([key, name]) => ({ key, name }));

/** Whole đồng, shown with dots as thousands separators; accepts "150.000.000", "150 000 000", "150000000 đ". */
export function moneyField<Row>(field: keyof Row & string, headerName: string, width = 140): FieldSpec<Row> {
  return {
    colId: field,
    headerName,
    kind: 'number',
    width,
    apiValue: (r) => (r as Record<string, unknown>)[field] ?? null,
    format: (v) => (v === null || v === undefined ? '' : formatMoney(Number(v))),
    parse: (raw) => {
      const s = String(raw ?? '').trim().replace(/\s|đ|vnd|vnđ/gi, '');
      if (s === '') return { ok: true, value: null };
      if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(s)) return { ok: false, message: `${headerName}: "${String(raw)}" không phải số tiền (ghi bằng đồng, ví dụ 150.000.000).` };
      const n = Number(s.replace(/[.,]/g, ''));
      if (n > 1e13) return { ok: false, message: `${headerName} quá lớn.` };
      return { ok: true, value: n };
    },
    change: (v) => ({ [field]: v }),
    compare: (a, b) => (Number(a ?? -1) || 0) - (Number(b ?? -1) || 0),
  };
}

export const formatMoney = (n: number) => n.toLocaleString('vi-VN');

/** A unit column stored as an id, typed or pasted by name. */
function unitField<Row>(field: keyof Row & string, headerName: string, ref: Reference, width = 220): FieldSpec<Row> {
  const inner = codeField<Row>(field, headerName, ref.units.filter((u) => !u.validTo).map((u) => ({ key: String(u.id), name: u.name, code: u.shortName })), { width });
  return {
    ...inner,
    apiValue: (r) => {
      const v = (r as Record<string, unknown>)[field];
      return v === null || v === undefined ? null : String(v);
    },
    format: (v) => (v === null || v === undefined ? '' : ref.unitName(Number(v))),
    change: (v) => ({ [field]: v === null || v === undefined ? null : Number(v) }),
  };
}

export function planFieldSpecs(ref: Reference): FieldSpec<PlanRow>[] {
  return [
    numberField<PlanRow>('year', 'Năm', { integer: true, min: 2000, max: 2100, width: 80 }),
    textField<PlanRow>('name', 'Tên kế hoạch', { required: true, max: 300, width: 320 }),
    unitField<PlanRow>('issuingUnitId', 'Đơn vị ban hành', ref),
    codeField<PlanRow>('status', 'Trạng thái', options(PLAN_STATUSES), { required: true, width: 130 }),
    textField<PlanRow>('decisionNo', 'Số quyết định', { max: 100, width: 130 }),
    dateField<PlanRow>('decisionDate', 'Ngày quyết định'),
    textField<PlanRow>('note', 'Ghi chú', { max: 2000, width: 200 }),
  ];
}

/** "Chuyên môn: Thạc sĩ" — the category and level a course leads to, as one value. */
function leadsToField(ref: Reference): FieldSpec<CourseRow> {
  const opts = QUALIFICATION_CATEGORY_KEYS.flatMap((c) => ref.list(`level.${c}`).map((l) => ({ key: `${c}:${l.key}`, name: `${QUALIFICATION_CATEGORIES[c]}: ${l.name}` })));
  const inner = codeField<CourseRow>('qualLevelKey', 'Trình độ đạt được', opts, { width: 220 });
  return {
    ...inner,
    apiValue: (r) => (r.qualCategory && r.qualLevelKey ? `${r.qualCategory}:${r.qualLevelKey}` : null),
    change: (v) => {
      if (!v) return { qualCategory: null, qualLevelKey: null };
      const [qualCategory, qualLevelKey] = String(v).split(':');
      return { qualCategory, qualLevelKey };
    },
  };
}

export function courseFieldSpecs(ref: Reference): FieldSpec<CourseRow>[] {
  return [
    textField<CourseRow>('name', 'Tên khoá học, lớp', { required: true, max: 300, width: 260 }),
    codeField<CourseRow>('kind', 'Loại hình', options(COURSE_KIND_LABELS), { required: true, width: 190 }),
    leadsToField(ref),
    textField<CourseRow>('institution', 'Cơ sở đào tạo', { max: 300, width: 200 }),
    codeField<CourseRow>('location', 'Địa điểm', options(COURSE_LOCATIONS), { width: 150 }),
    codeField<CourseRow>('mode', 'Hình thức', options(COURSE_MODES), { width: 130 }),
    dateField<CourseRow>('startDate', 'Bắt đầu'),
    dateField<CourseRow>('endDate', 'Kết thúc'),
    numberField<CourseRow>('plannedSeats', 'Chỉ tiêu', { integer: true, min: 0, max: 100000, width: 85 }),
    moneyField<CourseRow>('budgetVnd', 'Dự toán (đồng)'),
    moneyField<CourseRow>('spentVnd', 'Thực chi (đồng)'),
    codeField<CourseRow>('fundingSource', 'Nguồn kinh phí', options(FUNDING_SOURCES), { width: 170, aliases: { 'ngân sách': 'provincial', 'tu tuc': 'self' } }),
    textField<CourseRow>('note', 'Ghi chú', { max: 2000, width: 180 }),
  ];
}

export function enrolmentFieldSpecs(): FieldSpec<EnrolmentRow>[] {
  return [
    codeField<EnrolmentRow>('status', 'Trạng thái', options(ENROLMENT_STATUSES), { required: true, width: 190, aliases: { 'hoan thanh': 'completed', 'xong': 'completed', 'bo hoc': 'withdrawn' } }),
    textField<EnrolmentRow>('decisionNo', 'Số QĐ cử đi học', { max: 100, width: 140 }),
    dateField<EnrolmentRow>('decisionDate', 'Ngày QĐ'),
    textField<EnrolmentRow>('result', 'Kết quả, xếp loại', { max: 200, width: 140 }),
    textField<EnrolmentRow>('certificateNo', 'Số văn bằng, chứng chỉ', { max: 100, width: 160 }),
    dateField<EnrolmentRow>('certificateDate', 'Ngày cấp', { width: 110 }),
    moneyField<EnrolmentRow>('costVnd', 'Chi phí (đồng)', 130),
    textField<EnrolmentRow>('note', 'Ghi chú', { max: 2000, width: 180 }),
  ];
}

/** Categories a rule set covers, typed or pasted as "Cán bộ, Công chức". */
function categoriesField(): FieldSpec<RuleSetRow> {
  const byName = new Map<string, string>();
  for (const [k, v] of Object.entries(CADRE_CATEGORIES)) (byName.set(foldVietnamese(v), k), byName.set(k, k));
  byName.set('vien chuc', 'vien_chuc');
  return {
    colId: 'categories',
    headerName: 'Áp dụng cho',
    kind: 'text',
    width: 200,
    apiValue: (r) => r.categories,
    format: (v) => ((v as string[] | null) ?? []).map((k) => CADRE_CATEGORIES[k as keyof typeof CADRE_CATEGORIES] ?? k).join(', '),
    parse: (raw) => {
      const parts = String(raw ?? '').split(/[,;]/).map((s) => foldVietnamese(s)).filter(Boolean);
      if (!parts.length) return { ok: false, message: 'Hãy ghi ít nhất một loại: Cán bộ, Công chức, Viên chức.' };
      const keys: string[] = [];
      for (const p of parts) {
        const k = byName.get(p);
        if (!k) return { ok: false, message: `"${p}" không phải loại cán bộ (Cán bộ, Công chức, Viên chức, Khác).` };
        if (!keys.includes(k)) keys.push(k);
      }
      return { ok: true, value: keys };
    },
    change: (v) => ({ categories: v }),
  };
}

export function ruleFieldSpecs(): FieldSpec<RuleSetRow>[] {
  return [
    textField<RuleSetRow>('name', 'Văn bản', { required: true, max: 200, width: 280 }),
    categoriesField(),
    dateField<RuleSetRow>('validFrom', 'Hiệu lực từ'),
    dateField<RuleSetRow>('validTo', 'Hết hiệu lực'),
    numberField<RuleSetRow>('commitmentMultiplier', 'Hệ số cam kết (lần)', { min: 0, max: 10, width: 140 }),
    numberField<RuleSetRow>('firstPostgradAgeLimit', 'Tuổi tối đa SĐH lần đầu', { integer: true, min: 18, max: 70, width: 170 }),
    numberField<RuleSetRow>('laterPostgradAgeLimit', 'Tuổi tối đa SĐH lần sau', { integer: true, min: 18, max: 70, width: 170 }),
    textField<RuleSetRow>('note', 'Ghi chú', { max: 1000, width: 320 }),
  ];
}
