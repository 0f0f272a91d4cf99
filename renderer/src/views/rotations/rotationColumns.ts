import type { RotationRow } from '../../../../shared/api/rotations';
import { ROTATION_TYPES } from '../../../../shared/api/rotations';
import { compareVietnamese, foldVietnamese } from '../../../../shared/domain/text';
import type { Reference } from '../../data/reference';
import { codeField, dateField, textField, type FieldSpec } from '../../grid/fields';

// The editable columns of the rotation grid. Actual dates and the status change only through the
// start / end / undo actions, because they move the cadre's assignment history.

const options = (labels: Record<string, string>) => Object.entries(labels).map(([key, name]) => ({ key, name }));

/**
 * A unit column: shows the unit's name, accepts a typed or pasted name (without diacritics too). Names several
 * units share ("Phòng Tổng hợp") are shown and typed with their parent ("Sở Xây dựng › Phòng Tổng hợp"), so
 * what is copied out pastes back to the same unit.
 */
export function unitField(field: 'toUnitId' | 'fromUnitId', headerName: string, ref: Reference, opts: { required?: boolean; width?: number } = {}): FieldSpec<RotationRow> {
  const nameCount = new Map<string, number>();
  for (const u of ref.units) nameCount.set(foldVietnamese(u.name), (nameCount.get(foldVietnamese(u.name)) ?? 0) + 1);
  const ambiguous = (name: string) => (nameCount.get(foldVietnamese(name)) ?? 0) > 1;
  const parentName = (id: number | null) => (id ? ref.unitById.get(id)?.name ?? '' : '');
  const display = (id: number) => {
    const u = ref.unitById.get(id);
    if (!u) return '';
    return ambiguous(u.name) && u.parentId ? `${parentName(u.parentId)} › ${u.name}` : u.name;
  };
  const byText = new Map<string, number>();
  for (const u of ref.units) {
    byText.set(foldVietnamese(display(u.id)), u.id);
    if (!ambiguous(u.name)) byText.set(foldVietnamese(u.name), u.id);
    if (u.shortName && !byText.has(foldVietnamese(u.shortName))) byText.set(foldVietnamese(u.shortName), u.id);
  }
  const active = ref.units.filter((u) => !u.validTo);
  return {
    colId: field,
    headerName,
    kind: 'code',
    width: opts.width ?? 200,
    required: opts.required,
    options: active.map((u) => display(u.id)),
    apiValue: (r) => r[field] ?? null,
    format: (v) => (v === null || v === undefined ? '' : display(Number(v))),
    parse: (raw) => {
      const s = String(raw ?? '').trim().replace(/\s*[›>]\s*/g, ' › ');
      if (s === '') return opts.required ? { ok: false, message: `${headerName} không được để trống.` } : { ok: true, value: null };
      const id = byText.get(foldVietnamese(s));
      if (id) return { ok: true, value: id };
      if (ambiguous(s)) return { ok: false, message: `Có nhiều đơn vị tên "${s}"; hãy ghi kèm đơn vị cấp trên, ví dụ "Sở Xây dựng › ${s}".` };
      return { ok: false, message: `${headerName} "${s}" không có trong danh sách đơn vị.` };
    },
    change: (v) => ({ [field]: v }),
    compare: (a, b) => compareVietnamese(display(Number(a)), display(Number(b))),
  };
}

/** A date that may not be left empty (planned start and end). */
function requiredDateField(field: 'plannedStart' | 'plannedEnd', headerName: string): FieldSpec<RotationRow> {
  const base = dateField<RotationRow>(field, headerName);
  return {
    ...base,
    required: true,
    parse: (raw) => {
      const r = base.parse(raw);
      if (r.ok && r.value === null) return { ok: false, message: `${headerName} không được để trống.` };
      return r;
    },
  };
}

export function rotationFieldSpecs(ref: Reference): FieldSpec<RotationRow>[] {
  const positions = ref.list('position');
  const readOnly = (spec: FieldSpec<RotationRow>) => ({ ...spec, editable: false });
  return [
    readOnly(textField<RotationRow>('cadreName', 'Cán bộ', { width: 180 })),
    codeField<RotationRow>('type', 'Hình thức', options(ROTATION_TYPES), { required: true, width: 110 }),
    unitField('fromUnitId', 'Nơi đi', ref),
    textField<RotationRow>('fromPostTitle', 'Chức vụ nơi đi', { width: 160 }),
    codeField<RotationRow>('fromPositionCode', 'Cấp chức vụ nơi đi', positions, { width: 170 }),
    unitField('toUnitId', 'Nơi đến', ref, { required: true }),
    textField<RotationRow>('toPostTitle', 'Chức vụ nơi đến', { width: 160 }),
    codeField<RotationRow>('toPositionCode', 'Cấp chức vụ nơi đến', positions, { width: 170 }),
    requiredDateField('plannedStart', 'Bắt đầu dự kiến'),
    requiredDateField('plannedEnd', 'Kết thúc dự kiến'),
    readOnly(dateField<RotationRow>('actualStart', 'Bắt đầu thực tế')),
    readOnly(dateField<RotationRow>('actualEnd', 'Kết thúc thực tế')),
    textField<RotationRow>('decisionNo', 'Số quyết định', { width: 120, max: 60 }),
    dateField<RotationRow>('decisionDate', 'Ngày quyết định'),
    textField<RotationRow>('decisionBody', 'Cơ quan quyết định', { width: 160 }),
    textField<RotationRow>('purpose', 'Mục đích', { width: 200, max: 500 }),
    textField<RotationRow>('overrideReason', 'Lý do vượt quy định', { width: 220, max: 1000 }),
    textField<RotationRow>('note', 'Ghi chú', { width: 200, max: 2000 }),
  ];
}
