// One staged row of a rotation list: who (by ID number, else name and birth date), from where to where, when, the
// decision. The checks are the rotation service's own (hard errors refuse the row, the rules of 98-QĐ/TW and
// 65-QĐ/TW in force on the start date warn), so an imported rotation passes exactly what one made in the form does.

import type { AppDb } from '../../open';
import { RotationFieldsSchema, ROTATION_TYPES, type RotationFields, type RuleWarning } from '../../../shared/api/rotations';
import { addDays, addMonths, formatVnDate } from '../../../shared/domain/dates';
import { foldVietnamese } from '../../../shared/domain/text';
import { assignmentOn } from '../rotations/rotations';
import { laterAssignment, unitActiveOn } from '../rotations/lifecycle';
import { hardErrors, ruleWarnings, warningKey } from '../rotations/rules';
import { ROTATION_FIELD_NAMES, type RotationColumn } from '../rotations/store';
import { ROTATION_IMPORT_FIELDS } from './catalog';
import { birthCompatible, dataColumns, newRowResult, resolveUnit, skippedResult, type EvaluateContext, type ExistingCadre, type RowResult } from './evaluate';
import { cellText, foldHeader, parseIdNumber, parseImportDate, parseNumber, skipReason, type RawRow } from './parse';

/** What a commit does with an accepted rotation row. */
export type RotationApply =
  | {
      kind: 'create';
      /** The `rotations.create` input, checked. */
      input: RotationFields;
      actualStart: string | null;
      actualEnd: string | null;
      /** After the end: back to the origin unit when the file names it, else no next post recorded. */
      endNext: 'return' | 'none';
    }
  | { kind: 'update'; id: number; version: number; changes: Record<string, unknown> };

export interface RotationFileState {
  /** Periods of the rows accepted so far, per cadre, to catch two rows of one person overlapping. */
  periods: Map<number, { start: string; end: string | null; rowNo: number }[]>;
}

export interface RotationContext extends EvaluateContext {
  db: AppDb;
  /** The reason the clerk gives once for every row whose rotation the rules warn about (the file may give its own). */
  overrideReason: string | null;
  file: RotationFileState;
  rowNo: number;
}

const LABEL = new Map(ROTATION_IMPORT_FIELDS.map((f) => [f.key, f.label]));
const TEXT_MAX: Record<string, number> = { fromPostTitle: 200, toPostTitle: 200, decisionNo: 60, decisionBody: 200, purpose: 500, note: 2000, overrideReason: 1000 };

const TYPE_ALIASES: Record<string, keyof typeof ROTATION_TYPES> = {
  'luan chuyen': 'luan_chuyen', lc: 'luan_chuyen', 'luan chuyen can bo': 'luan_chuyen',
  'dieu dong': 'dieu_dong', dd: 'dieu_dong', 'dieu dong can bo': 'dieu_dong', 'dieu dong bo nhiem': 'dieu_dong',
  'biet phai': 'biet_phai', bp: 'biet_phai',
  khac: 'khac', 'chuyen cong tac': 'khac',
};

export function parseRotationType(raw: RawRow[number]): { ok: true; value: keyof typeof ROTATION_TYPES | null } | { ok: false; message: string } {
  const f = foldHeader(raw);
  if (!f) return { ok: true, value: null };
  // "Luân chuyển cán bộ trẻ", "Điều động, bổ nhiệm": the form is the first words.
  const prefix = Object.keys(TYPE_ALIASES).find((a) => a.length > 3 && f.startsWith(`${a} `));
  const k = TYPE_ALIASES[f] ?? (prefix ? TYPE_ALIASES[prefix] : undefined);
  return k ? { ok: true, value: k } : { ok: false, message: `Hình thức "${cellText(raw)}" không hiểu được; hãy ghi Luân chuyển, Điều động, Biệt phái hoặc Khác.` };
}

export function evaluateRotationRow(row: RawRow, ctx: RotationContext): RowResult {
  const { mapping, lookups, db } = ctx;
  const out = newRowResult();
  const { nameCol, mappedCols } = dataColumns(mapping);
  const skipped = skippedResult(skipReason(row, nameCol, mappedCols, ctx.headerSignature));
  if (skipped) return skipped;
  const errors: { field: string; message: string }[] = [];
  const notes: { field: string; message: string }[] = [];
  const v: Record<string, unknown> = {};
  let name = '';
  let birth: string | null = null;
  let idNumber: string | null = null;
  let fromUnitText = '';
  let toUnitText = '';
  let months: number | null = null;
  mapping.forEach((key, col) => {
    if (!key || key === 'rowNo' || key === 'status') return;
    const raw = row[col] ?? null;
    const text = cellText(raw);
    const label = LABEL.get(key) ?? key;
    switch (key) {
      case 'fullName':
        name = text;
        if (name) out.values.fullName = name;
        return;
      case 'idNumber': {
        const r = parseIdNumber(raw);
        if (!r.ok) errors.push({ field: key, message: r.message });
        else if (r.value) (idNumber = r.value), (out.values.idNumber = r.value);
        return;
      }
      case 'birthDate':
      case 'birthDateMale':
      case 'birthDateFemale': {
        const r = parseImportDate(raw, 'Ngày sinh', true);
        if (!r.ok) errors.push({ field: key, message: r.message });
        else if (r.value) (birth = r.value), (out.values[key] = formatVnDate(r.value));
        return;
      }
      case 'type': {
        const r = parseRotationType(raw);
        if (!r.ok) errors.push({ field: key, message: r.message });
        else if (r.value) v.type = r.value;
        return;
      }
      case 'fromUnit':
        fromUnitText = text;
        return;
      case 'toUnit':
        toUnitText = text;
        return;
      case 'fromPositionCode':
      case 'toPositionCode': {
        if (!text) return;
        const k = lookups.code('position', raw);
        if (!k) errors.push({ field: key, message: `${label} "${text}" không có trong danh mục chức vụ.` });
        else (v[key] = k), (out.values[key] = lookups.codeName('position', k));
        return;
      }
      case 'plannedStart':
      case 'plannedEnd':
      case 'actualStart':
      case 'actualEnd':
      case 'decisionDate': {
        const r = parseImportDate(raw, label, false);
        if (!r.ok) errors.push({ field: key, message: r.message });
        else if (r.value) (v[key] = r.value), (out.values[key] = formatVnDate(r.value));
        return;
      }
      case 'durationMonths': {
        const r = parseNumber(raw, label, true);
        if (!r.ok) errors.push({ field: key, message: r.message });
        else if (r.value !== null) {
          if (r.value <= 0 || r.value > 240) errors.push({ field: key, message: `${label} phải từ 1 đến 240 tháng.` });
          else (months = r.value), (out.values[key] = String(r.value));
        }
        return;
      }
      default: {
        if (!text) return;
        const max = TEXT_MAX[key] ?? 200;
        if (text.length > max) errors.push({ field: key, message: `${label} dài quá ${max} ký tự.` });
        else (v[key] = text), (out.values[key] = text);
      }
    }
  });

  // Who: the ID number first, else the name with a compatible birth date (a name alone when one record has it).
  if (!name && !idNumber) errors.push({ field: 'fullName', message: 'Thiếu họ và tên (hoặc số CCCD).' });
  let match: ExistingCadre | undefined = idNumber ? lookups.byIdNumber(idNumber) : undefined;
  if (!match && name) {
    const same = lookups.byNameAndBirth(foldVietnamese(name)).filter((c) => !birth || birthCompatible(c.fields.birthDate, birth));
    if (same.length > 1) errors.push({ field: 'fullName', message: `Có ${same.length} hồ sơ cùng họ tên ${birth ? 'và ngày sinh' : '(tệp không có ngày sinh)'}; hãy ghi số CCCD hoặc ngày sinh để phân biệt.` });
    else if (same.length === 1) match = same[0];
  }
  if (!match && !errors.some((e) => e.field === 'fullName')) {
    errors.push({ field: 'fullName', message: `Không tìm thấy hồ sơ "${name || idNumber}"${birth ? ` sinh ${formatVnDate(birth)}` : ''} trong danh sách cán bộ; hãy nhập hồ sơ trước.` });
  }
  if (match) out.matchId = match.id;

  // When: a start is needed; an end too (the form asks for both), else from the duration or the actual end.
  const start = (v.plannedStart as string | undefined) ?? (v.actualStart as string | undefined);
  if (!v.plannedStart && v.actualStart) v.plannedStart = v.actualStart;
  if (!start) errors.push({ field: 'plannedStart', message: 'Thiếu ngày bắt đầu luân chuyển.' });
  if (!v.plannedEnd && start && months) {
    v.plannedEnd = addDays(addMonths(start, months), -1);
    out.values.plannedEnd = formatVnDate(v.plannedEnd as string);
  }
  if (!v.plannedEnd && v.actualEnd) v.plannedEnd = v.actualEnd;
  if (!v.plannedEnd && start) errors.push({ field: 'plannedEnd', message: 'Thiếu ngày kết thúc dự kiến (hoặc số tháng luân chuyển).' });
  if (v.actualEnd && !v.actualStart) errors.push({ field: 'actualEnd', message: 'Có ngày kết thúc thực tế nhưng chưa có ngày bắt đầu thực tế.' });
  if (v.actualStart && (v.actualStart as string) > lookups.today) errors.push({ field: 'actualStart', message: 'Ngày bắt đầu thực tế không thể ở tương lai.' });
  if (v.actualEnd && (v.actualEnd as string) > lookups.today) errors.push({ field: 'actualEnd', message: 'Ngày kết thúc thực tế không thể ở tương lai.' });

  // Where: the destination is required; the origin defaults to the cadre's post on the start date, as in the form.
  const onDate = start ?? lookups.today;
  if (toUnitText) {
    const r = resolveUnit(lookups, toUnitText, onDate);
    if (!r.ok) errors.push({ field: 'toUnit', message: r.message });
    else v.toUnitId = r.unit.id;
  } else errors.push({ field: 'toUnit', message: 'Thiếu đơn vị nơi đến.' });
  if (fromUnitText) {
    const r = resolveUnit(lookups, fromUnitText, onDate);
    if (!r.ok) errors.push({ field: 'fromUnit', message: r.message });
    else v.fromUnitId = r.unit.id;
  }
  const shownUnit = (id: unknown, text: string) => (id ? lookups.unitName(id as number) : text);
  if (fromUnitText || toUnitText) out.values.unit = `${fromUnitText || v.fromUnitId ? shownUnit(v.fromUnitId, fromUnitText) : '?'} → ${shownUnit(v.toUnitId, toUnitText)}`;
  v.type ??= 'luan_chuyen';
  out.values.type = ROTATION_TYPES[v.type as keyof typeof ROTATION_TYPES];

  if (match && start) out.dupKeys.push(`rot:${match.id}|${start}`);
  if (errors.length || !match || !start) return failed(out, errors, notes);

  // The form's own validation of the fields.
  const input: Record<string, unknown> = { cadreId: match.id };
  for (const f of ['type', 'fromUnitId', 'fromPostTitle', 'fromPositionCode', 'toUnitId', 'toPostTitle', 'toPositionCode', 'decisionNo', 'decisionDate', 'decisionBody', 'plannedStart', 'plannedEnd', 'purpose', 'note', 'overrideReason']) {
    if (v[f] !== undefined) input[f] = v[f];
  }
  const parsed = RotationFieldsSchema.safeParse(input);
  if (!parsed.success) {
    return failed(out, parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? '_'), message: i.message })), notes);
  }

  // Already on file: the same cadre with a rotation starting that day is this rotation; update what the file changes.
  const existing = db.sqlite
    .prepare(`select id, version, status, actual_start as actualStart, actual_end as actualEnd, ${ROTATION_FIELD_NAMES.map((f) => `${COLUMN[f]} as ${f}`).join(', ')}, overridden_warnings as ow
                from rotations where cadre_id = ? and deleted_at is null and status <> 'cancelled' and (planned_start = ? or actual_start = ?) order by id limit 1`)
    .get(match.id, start, start) as ExistingRotation | undefined;
  if (existing) return existingRotation(out, ctx, existing, parsed.data as Record<string, unknown>, notes, !!(v.actualStart || v.actualEnd));

  const draft = {
    cadreId: match.id,
    type: v.type as string,
    fromPositionCode: (v.fromPositionCode as string | undefined) ?? assignmentOn(db, match.id, start)?.positionCode ?? null,
    toUnitId: v.toUnitId as number,
    toPositionCode: (v.toPositionCode as string | undefined) ?? null,
    plannedStart: v.plannedStart as string,
    plannedEnd: v.plannedEnd as string,
    actualStart: (v.actualStart as string | undefined) ?? null,
    actualEnd: (v.actualEnd as string | undefined) ?? null,
    status: v.actualEnd ? 'ended' : v.actualStart ? 'in_progress' : 'planned',
  };
  const hard = hardErrors(db, draft);
  for (const [field, message] of Object.entries(hard)) errors.push({ field, message });
  // Two rows of the same person whose periods overlap (a repeated start date is a duplicate, flagged by the caller).
  const end = (draft.actualEnd ?? draft.plannedEnd) as string | null;
  const mine = ctx.file.periods.get(match.id) ?? [];
  const clash = mine.find((p) => p.start !== start && p.start <= (end ?? '9999-12-31') && (p.end === null || p.end >= start));
  if (clash) errors.push({ field: 'plannedStart', message: `Trùng thời gian với đợt luân chuyển ở dòng ${clash.rowNo} của tệp.` });

  // Starting and ending write the dated posts: the same checks as the Start and End buttons.
  if (draft.actualStart && !errors.length) {
    const dest = unitActiveOn(db, draft.toUnitId, draft.actualStart);
    if (!dest.ok) errors.push({ field: 'actualStart', message: `Không bắt đầu được: ${dest.message}` });
    const later = laterAssignment(db, match.id, draft.actualStart);
    if (later) errors.push({ field: 'actualStart', message: `Hồ sơ đã có quá trình công tác tại ${later.name} từ ${formatVnDate(later.f)}, sau ngày bắt đầu luân chuyển; hãy kiểm tra lại quá trình công tác trước.` });
    const origin = assignmentOn(db, match.id, draft.actualStart);
    if (origin && origin.fromDate >= draft.actualStart) {
      errors.push({ field: 'actualStart', message: `Quá trình công tác hiện tại bắt đầu ngày ${formatVnDate(origin.fromDate)}; ngày bắt đầu luân chuyển phải sau ngày đó.` });
    }
  }
  const fromUnitId = (v.fromUnitId as number | undefined) ?? assignmentOn(db, match.id, draft.actualStart ?? start)?.unitId ?? null;
  let endNext: 'return' | 'none' = 'none';
  if (draft.actualEnd && !errors.length) {
    if (fromUnitId) {
      const back = unitActiveOn(db, fromUnitId, addDays(draft.actualEnd, 1));
      if (back.ok) endNext = 'return';
      else notes.push({ field: 'actualEnd', message: `Không ghi được quá trình trở về: ${back.message}` });
    } else notes.push({ field: 'actualEnd', message: 'Không rõ đơn vị nơi đi nên chưa ghi quá trình công tác sau luân chuyển.' });
  }
  if (errors.length) return failed(out, errors, notes);

  const warnings = ruleWarnings(db, draft);
  const reason = (v.overrideReason as string | undefined) ?? ctx.overrideReason;
  if (warnings.length && !reason) {
    return failed(out, [...warnings.map((w) => ({ field: w.field, message: w.message })), { field: 'overrideReason', message: 'Đợt luân chuyển chưa đáp ứng quy định; nếu vẫn thực hiện, hãy ghi lý do ở cột "Lý do vượt quy định" hoặc ô lý do chung rồi xem trước lại.' }], notes);
  }
  for (const w of warnings) notes.push({ field: w.field, message: `Cảnh báo: ${w.message}` });
  if (warnings.length && !v.overrideReason) out.values.overrideReason = reason!;

  mine.push({ start, end, rowNo: ctx.rowNo });
  ctx.file.periods.set(match.id, mine);
  out.apply = {
    kind: 'create',
    input: { ...parsed.data, overrideReason: warnings.length ? reason! : (parsed.data.overrideReason ?? null) },
    actualStart: draft.actualStart,
    actualEnd: draft.actualEnd,
    endNext,
  } satisfies RotationApply as unknown as RowResult['apply'];
  if (draft.actualEnd) out.values.status = 'Đã kết thúc';
  else if (draft.actualStart) out.values.status = 'Đang luân chuyển';
  out.messages = notes;
  return out;
}

const COLUMN: Record<RotationColumn, string> = {
  type: 'type', fromUnitId: 'from_unit_id', fromPostTitle: 'from_post_title', fromPositionCode: 'from_position_code', toUnitId: 'to_unit_id',
  toPostTitle: 'to_post_title', toPositionCode: 'to_position_code', decisionNo: 'decision_no', decisionDate: 'decision_date', decisionBody: 'decision_body',
  plannedStart: 'planned_start', plannedEnd: 'planned_end', purpose: 'purpose', note: 'note', overrideReason: 'override_reason',
};

type ExistingRotation = Record<RotationColumn, unknown> & { id: number; version: number; status: string; actualStart: string | null; actualEnd: string | null; ow: string | null };

function failed(out: RowResult, errors: { field: string; message: string }[], notes: { field: string; message: string }[]): RowResult {
  out.status = 'error';
  out.apply = null;
  out.messages = [...errors, ...notes];
  return out;
}

/** The rotation is on file already: unchanged, or an update of the fields the file gives and that differ. */
function existingRotation(
  out: RowResult,
  ctx: RotationContext,
  existing: ExistingRotation,
  fields: Record<string, unknown>,
  notes: { field: string; message: string }[],
  hasActualDates: boolean,
): RowResult {
  const { db, lookups } = ctx;
  out.matchVersion = existing.version;
  const changes: Record<string, unknown> = {};
  // Only what the file states; the origin is not replaced by the cadre's default, nor the type by "luân chuyển".
  const stated = new Set(Object.keys(fields).filter((k) => k !== 'cadreId'));
  if (!ctx.mapping.includes('type')) stated.delete('type');
  for (const f of stated) {
    const to = fields[f] ?? null;
    const from = existing[f as RotationColumn] ?? null;
    if (to === null || to === from) continue;
    changes[f] = to;
    out.changes.push({ field: f, label: LABEL.get(f) ?? LABEL.get(f.replace(/Id$/, '')) ?? f, from: shown(f, from, lookups), to: shown(f, to, lookups) });
  }
  if (hasActualDates) notes.push({ field: '_', message: 'Đợt luân chuyển đã có trong hồ sơ; ngày bắt đầu, kết thúc thực tế hãy ghi bằng nút Bắt đầu, Kết thúc ở mục Luân chuyển.' });
  if (existing.status !== 'planned') {
    for (const f of ['toUnitId', 'plannedStart', 'type'] as const) {
      if (f in changes) return failed(out, [{ field: f, message: 'Đợt luân chuyển đã bắt đầu; không sửa nơi đến, ngày bắt đầu hay hình thức bằng cách nhập tệp.' }], notes);
    }
  }
  if (Object.keys(changes).length === 0) {
    out.status = 'unchanged';
    out.messages = [{ field: '_', message: 'Đợt luân chuyển này đã có trong hồ sơ (cùng cán bộ, cùng ngày bắt đầu).' }, ...notes];
    return out;
  }
  // The rules on the changed rotation, as the grid's edit would judge them.
  const before: Record<string, unknown> = { ...existing };
  const after: Record<string, unknown> = { ...existing, ...changes };
  const draftOf = (r: Record<string, unknown>) => ({
    id: existing.id, cadreId: out.matchId!, type: String(r.type), fromPositionCode: (r.fromPositionCode as string) ?? null, toUnitId: r.toUnitId as number,
    toPositionCode: (r.toPositionCode as string) ?? null, plannedStart: r.plannedStart as string, plannedEnd: (r.plannedEnd as string) ?? null,
    actualStart: existing.actualStart, actualEnd: existing.actualEnd, status: existing.status,
  });
  const hard = hardErrors(db, draftOf(after));
  if (Object.keys(hard).length) return failed(out, Object.entries(hard).map(([field, message]) => ({ field, message })), notes);
  const accepted = new Set([...ruleWarnings(db, draftOf(before)), ...(existing.ow ? (JSON.parse(existing.ow) as RuleWarning[]) : [])].map(warningKey));
  const fresh = ruleWarnings(db, draftOf(after)).filter((w) => !accepted.has(warningKey(w)));
  const reason = (changes.overrideReason as string | undefined) ?? ctx.overrideReason;
  if (fresh.length && !reason) {
    return failed(out, [...fresh.map((w) => ({ field: w.field, message: w.message })), { field: 'overrideReason', message: 'Thay đổi này làm đợt luân chuyển chưa đáp ứng quy định; hãy ghi lý do vượt quy định.' }], notes);
  }
  if (fresh.length && !changes.overrideReason) changes.overrideReason = reason;
  for (const w of fresh) notes.push({ field: w.field, message: `Cảnh báo: ${w.message}` });
  out.status = 'update';
  out.apply = { kind: 'update', id: existing.id, version: existing.version, changes } satisfies RotationApply as unknown as RowResult['apply'];
  out.messages = notes;
  return out;
}

function shown(field: string, v: unknown, lookups: EvaluateContext['lookups']): string {
  if (v === null || v === undefined) return '';
  if (field === 'toUnitId' || field === 'fromUnitId') return lookups.unitName(v as number);
  if (field === 'type') return ROTATION_TYPES[v as keyof typeof ROTATION_TYPES] ?? String(v);
  if (field.endsWith('PositionCode')) return lookups.codeName('position', String(v));
  if (/^\d{4}-\d{2}-\d{2}$/.test(String(v))) return formatVnDate(String(v));
  return String(v);
}
