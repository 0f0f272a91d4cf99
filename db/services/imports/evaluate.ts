// Turns one staged row into what the preview shows and what a commit would apply: parsed values, a reason for
// every cell that could not be read, the match with an existing cadre and the fields that would change.
// Needs only lookups (code lists, units, existing cadres) passed in, so it is tested without a database.

import { CadreFieldsSchema, crossFieldErrors, type CadreFields } from '../../../shared/api/cadres';
import type { ImportRowStatus } from '../../../shared/api/imports';
import { CADRE_CATEGORIES, QUALIFICATION_CATEGORIES, SEXES, type QualificationCategory } from '../../../shared/domain/codes';
import { formatVnDate } from '../../../shared/domain/dates';
import { foldVietnamese } from '../../../shared/domain/text';
import { CADRE_FIELD_BY_KEY, type ImportField } from './catalog';
import {
  cellText, foldName, parseCategory, parseFemaleMark, parseIdNumber, parseImportDate, parseNumber, parsePhone, parseSex,
  skipReason, SKIP_LABELS, unitKey, type LevelParse, type RawRow, type SkipReason, type ValueParse,
} from './parse';

export interface ExistingCadre {
  id: number;
  version: number;
  fields: CadreFields;
  /** The assignment in force today, if any. */
  assignment: { id: number; unitId: number; postTitle: string | null; fromDate: string } | null;
  qualifications: { id: number; category: string; levelKey: string; field: string | null; institution: string | null; awardDate: string | null }[];
}

export interface UnitChoice {
  id: number;
  name: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface Lookups {
  code(list: 'ethnicity' | 'religion' | 'rank' | 'position', raw: RawRow[number]): string | undefined;
  codeName(list: string, key: string | null | undefined): string;
  level(category: QualificationCategory, raw: RawRow[number]): ValueParse<LevelParse>;
  /** A level of any category (the category from `category`, else read from the text). */
  anyLevel(raw: RawRow[number], category?: QualificationCategory | null): ValueParse<LevelParse & { category: QualificationCategory }>;
  levelCategory(raw: RawRow[number]): QualificationCategory | undefined;
  byCadreId(id: number): ExistingCadre | undefined;
  /** Units by unitKey of their name or short name. */
  unitsByName(key: string): UnitChoice[];
  unitName(id: number | null | undefined): string;
  byIdNumber(idNumber: string): ExistingCadre | undefined;
  byNameAndBirth(foldedName: string): ExistingCadre[];
  today: string;
}

export interface RowApply {
  /** New record: every field; update: only the fields that change. */
  fields: Partial<CadreFields>;
  unit: { unitId: number; postTitle: string | null; fromDate: string } | null;
  /** Update only: a new post in the same unit. */
  postTitle?: string | null;
  levels: { category: QualificationCategory; levelKey: string; field: string | null; institution?: string | null; awardDate?: string | null }[];
  /** Update only: the field of study of an existing qualification of the same level. */
  qualificationFields: { id: number; field: string }[];
}

export interface RowResult {
  status: ImportRowStatus;
  values: Record<string, string>;
  messages: { field: string; message: string }[];
  changes: { field: string; label: string; from: string; to: string }[];
  matchId: number | null;
  matchVersion: number | null;
  apply: RowApply | null;
  /** The key used for duplicate detection inside the file. */
  dupKeys: string[];
}

export interface EvaluateContext {
  mapping: (string | null)[];
  lookups: Lookups;
  defaultCategory: string | null;
  headerSignature: string;
}

const FIELD_LABEL = (key: string) => CADRE_FIELD_BY_KEY.get(key)?.label ?? key;
const RECORD_FIELDS = Object.keys(CadreFieldsSchema.shape) as (keyof CadreFields)[];

/**
 * A unit named in a file: by its name or short name, diacritics and common abbreviations aside ("UBND xã Lai
 * Hòa"); our own export's path "Tỉnh ủy › Ban Tổ chức" names the last part. Among namesakes, the one working on
 * `onDate` wins.
 */
export function resolveUnit(lookups: Lookups, raw: string, onDate: string): UnitResolution {
  // A list names the same few units thousands of times: answer each spelling once.
  let cache = unitCache.get(lookups);
  if (!cache) unitCache.set(lookups, (cache = new Map()));
  const key = `${onDate}|${raw}`;
  let r = cache.get(key);
  if (!r) cache.set(key, (r = resolveUnitOnce(lookups, raw, onDate)));
  return r;
}

type UnitResolution = { ok: true; unit: UnitChoice } | { ok: false; message: string };
const unitCache = new WeakMap<Lookups, Map<string, UnitResolution>>();

function resolveUnitOnce(lookups: Lookups, raw: string, onDate: string): UnitResolution {
  const last = raw.split(/\s*[›>]\s*/).pop() ?? raw;
  const found = lookups.unitsByName(unitKey(last));
  const open = found.filter((u) => (!u.validTo || u.validTo >= onDate) && (!u.validFrom || u.validFrom <= onDate || onDate === lookups.today));
  const pick = open.length ? open : found;
  if (pick.length === 0) return { ok: false, message: `Đơn vị "${last}" không có trong cây tổ chức; hãy thêm đơn vị ở mục Danh mục hoặc sửa tên trong tệp.` };
  if (pick.length > 1) return { ok: false, message: `Có ${pick.length} đơn vị cùng tên "${last}"; hãy ghi rõ tên đầy đủ hơn.` };
  if (open.length === 0) {
    const u = pick[0];
    return { ok: false, message: u.validTo && u.validTo < onDate ? `Đơn vị "${last}" đã kết thúc hoạt động ngày ${formatVnDate(u.validTo)}.` : `Đơn vị "${last}" chỉ hoạt động từ ${formatVnDate(u.validFrom)}.` };
  }
  return { ok: true, unit: pick[0] };
}

/** Same birth date, or one is the other's less precise form ("1978" and "1978-03-05"). */
export function birthCompatible(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a === b || a.startsWith(`${b}-`) || b.startsWith(`${a}-`);
}

/** A row's result before anything is read: a new record until it matches one on file. */
export const newRowResult = (): RowResult => ({ status: 'new', values: {}, messages: [], changes: [], matchId: null, matchVersion: null, apply: null, dupKeys: [] });

/** The mapped columns (the row-number column aside) and the name column: what tells data rows from the rest. */
export function dataColumns(mapping: readonly (string | null)[]): { nameCol: number | null; mappedCols: number[] } {
  const nameCol = mapping.indexOf('fullName');
  return { nameCol: nameCol >= 0 ? nameCol : null, mappedCols: mapping.map((f, i) => (f && f !== 'rowNo' ? i : -1)).filter((i) => i >= 0) };
}

/** The result of a row that is not data (blank, a total, numbering, a caption, the header again), or null. */
export function skippedResult(reason: SkipReason | null): RowResult | null {
  if (!reason) return null;
  const out = newRowResult();
  out.status = 'skipped';
  out.messages.push({ field: '_', message: SKIP_LABELS[reason] });
  return out;
}

export function evaluateRow(row: RawRow, ctx: EvaluateContext): RowResult {
  const { mapping, lookups } = ctx;
  const { nameCol, mappedCols } = dataColumns(mapping);
  const out = newRowResult();
  const skipped = skippedResult(skipReason(row, nameCol, mappedCols, ctx.headerSignature));
  if (skipped) return skipped;

  const fields: Partial<Record<keyof CadreFields, unknown>> = {};
  const errors: { field: string; message: string }[] = [];
  const notes: { field: string; message: string }[] = [];
  const levels: RowApply['levels'] = [];
  let unitRaw = '';
  let unitId: number | null = null;
  let unitFrom: string | null = null;
  let postTitle: string | null = null;
  let professionalField: string | null = null;
  let professionalInstitution: string | null = null;
  let professionalAwardDate: string | null = null;
  let sexFromMark: 'nam' | 'nu' | null = null;
  const take = <T>(key: string, r: ValueParse<T>, shown?: (v: T) => string): T | null => {
    if (!r.ok) {
      errors.push({ field: key, message: r.message });
      return null;
    }
    if (r.note) notes.push({ field: key, message: r.note });
    if (r.value !== null && r.value !== undefined) out.values[key] = shown ? shown(r.value) : String(r.value);
    return r.value;
  };

  mapping.forEach((key, col) => {
    if (!key) return;
    const f: ImportField | undefined = CADRE_FIELD_BY_KEY.get(key);
    if (!f || f.kind === 'ignore') return;
    const raw = row[col] ?? null;
    const text = cellText(raw);
    switch (key) {
      case 'idNumber':
        fields.idNumber = take(key, parseIdNumber(raw));
        return;
      case 'phone':
        fields.phone = take(key, parsePhone(raw));
        return;
      case 'unit':
        unitRaw = text;
        return;
      case 'postTitle':
        postTitle = text || null;
        if (postTitle) out.values.postTitle = postTitle;
        return;
      case 'professionalField':
        professionalField = text || null;
        if (professionalField) out.values.professionalField = professionalField;
        return;
      case 'professionalInstitution':
        professionalInstitution = text ? text.slice(0, 200) : null;
        if (professionalInstitution) out.values.professionalInstitution = professionalInstitution;
        return;
      case 'professionalAwardDate':
        professionalAwardDate = take(key, parseImportDate(raw, f.label, true), formatVnDate);
        return;
      case 'birthDateMale':
      case 'birthDateFemale': {
        const v = take(key, parseImportDate(raw, 'Ngày sinh', true), formatVnDate);
        if (v) {
          if (fields.birthDate) errors.push({ field: key, message: 'Ghi ngày sinh ở cả cột Nam và cột Nữ; chỉ được ghi ở một cột.' });
          fields.birthDate = v;
          sexFromMark = key === 'birthDateMale' ? 'nam' : 'nu';
        }
        return;
      }
      case 'femaleMark':
        sexFromMark = take(key, parseFemaleMark(raw), (v) => SEXES[v]) ?? sexFromMark;
        return;
    }
    switch (f.kind) {
      case 'text': {
        if (key === 'fullName' && text && text === text.toUpperCase() && /\p{Lu}/u.test(text)) {
          // Lists often write names in capitals; records keep "Trần Văn An".
          const titled = text.toLocaleLowerCase('vi').replace(/(^|\s)(\p{L})/gu, (_m, sp: string, ch: string) => sp + ch.toLocaleUpperCase('vi'));
          (fields as Record<string, unknown>).fullName = titled;
          out.values.fullName = titled;
          return;
        }
        if (text) {
          const max = key === 'note' ? 2000 : key === 'address' ? 300 : key === 'fullName' || key === 'otherNames' ? 100 : 200;
          if (text.length > max) errors.push({ field: key, message: `${f.label} dài quá ${max} ký tự.` });
          else (fields as Record<string, unknown>)[key] = text;
          out.values[key] = text;
        }
        return;
      }
      case 'date':
      case 'partialDate':
        (fields as Record<string, unknown>)[key] = take(key, parseImportDate(raw, f.label, f.kind === 'partialDate'), formatVnDate);
        return;
      case 'sex':
        fields.sex = take(key, parseSex(raw), (v) => SEXES[v]);
        return;
      case 'category':
        fields.category = take(key, parseCategory(raw), (v) => CADRE_CATEGORIES[v as keyof typeof CADRE_CATEGORIES]);
        return;
      case 'number':
      case 'integer':
        (fields as Record<string, unknown>)[key] = take(key, parseNumber(raw, f.label, f.kind === 'integer'));
        return;
      case 'code': {
        if (!text) return;
        const k = lookups.code(f.list as 'ethnicity' | 'religion' | 'rank' | 'position', raw);
        if (!k) errors.push({ field: key, message: `${f.label} "${text}" không có trong danh mục.` });
        else {
          (fields as Record<string, unknown>)[key] = k;
          out.values[key] = lookups.codeName(f.list!, k);
        }
        return;
      }
      case 'level': {
        const cat = f.category!;
        const v = take(key, lookups.level(cat, raw), (l) => lookups.codeName(`level.${cat}`, l.key));
        if (v) {
          levels.push({ category: cat, levelKey: v.key, field: cat === 'chuyen_mon' ? v.rest : null });
          if (cat === 'chuyen_mon' && v.rest) out.values[key] = `${out.values[key]} (${v.rest})`;
        }
        return;
      }
    }
  });

  if (fields.sex === undefined || fields.sex === null) fields.sex = sexFromMark ?? undefined;
  else if (sexFromMark && mapping.includes('femaleMark') && sexFromMark !== fields.sex) {
    errors.push({ field: 'sex', message: 'Cột giới tính và cột đánh dấu nữ không khớp nhau.' });
  }
  if (fields.sex) out.values.sex = SEXES[fields.sex as 'nam' | 'nu'];
  // The "Chuyên ngành" column, when present, is the field of study of the professional level.
  const prof = levels.find((l) => l.category === 'chuyen_mon');
  if (prof && professionalField) prof.field = professionalField;
  if (prof) {
    prof.institution = professionalInstitution;
    prof.awardDate = professionalAwardDate;
  } else if (professionalInstitution || professionalAwardDate) {
    notes.push({ field: 'professionalInstitution', message: 'Có nơi đào tạo hoặc năm tốt nghiệp nhưng không có trình độ chuyên môn nên chưa được ghi.' });
  }
  if (prof?.awardDate && fields.birthDate && prof.awardDate.slice(0, 4) < String(fields.birthDate).slice(0, 4)) {
    errors.push({ field: 'professionalAwardDate', message: 'Năm tốt nghiệp trước năm sinh.' });
  }
  if (prof?.awardDate && prof.awardDate > lookups.today) errors.push({ field: 'professionalAwardDate', message: 'Năm tốt nghiệp không thể ở tương lai.' });

  if (unitRaw) {
    const r = resolveUnit(lookups, unitRaw, lookups.today);
    if (!r.ok) errors.push({ field: 'unit', message: r.message });
    else {
      unitId = r.unit.id;
      unitFrom = r.unit.validFrom;
      out.values.unit = lookups.unitName(unitId);
    }
  }

  const name = (fields.fullName as string | undefined) ?? '';
  if (!name) errors.push({ field: 'fullName', message: 'Thiếu họ và tên.' });

  // Match: the ID number first, else the folded name with a compatible birth date.
  let match: ExistingCadre | undefined;
  const idNumber = fields.idNumber as string | null | undefined;
  if (idNumber) match = lookups.byIdNumber(idNumber);
  const foldedName = name ? foldName(name) : '';
  if (!match && name) {
    const same = lookups.byNameAndBirth(foldedName).filter((c) => birthCompatible(c.fields.birthDate, fields.birthDate as string | null));
    // Without an ID number, a name with no birth date matches only if the file gives none either and one person has it.
    if (same.length > 1) errors.push({ field: 'fullName', message: `Có ${same.length} hồ sơ cùng họ tên và ngày sinh; hãy ghi số CCCD để phân biệt.` });
    else if (same.length === 1 && (!idNumber || !same[0].fields.idNumber)) match = same[0];
  }
  if (idNumber) out.dupKeys.push(`id:${idNumber}`);
  if (name) out.dupKeys.push(`nb:${foldedName}|${fields.birthDate ?? ''}`);
  if (match) out.dupKeys.push(`m:${match.id}`);

  const fail = (all: { field: string; message: string }[]) => {
    out.status = 'error';
    out.messages = [...all, ...notes];
    return out;
  };
  if (errors.length) {
    if (match) out.matchId = match.id;
    return fail(errors);
  }

  if (!match) {
    if (!fields.category) {
      if (ctx.defaultCategory) {
        fields.category = ctx.defaultCategory;
        out.values.category = CADRE_CATEGORIES[ctx.defaultCategory as keyof typeof CADRE_CATEGORIES];
      }
    }
    const record: Record<string, unknown> = {};
    for (const k of RECORD_FIELDS) if (fields[k] !== undefined && fields[k] !== null) record[k] = fields[k];
    const problems = validateRecord(record, lookups.today);
    if (problems.length) return fail(problems);
    out.status = 'new';
    const from = fields.recruitmentDate as string | undefined;
    out.apply = {
      fields: record as Partial<CadreFields>,
      // The posting starts at recruitment when the unit existed then; otherwise on the day of the import.
      unit: unitId ? { unitId, postTitle, fromDate: from && (!unitFrom || from >= unitFrom) ? from : lookups.today } : null,
      levels,
      qualificationFields: [],
    };
    out.messages = notes;
    return out;
  }

  // An update: only what the file gives and differs; a blank cell never erases what the record holds.
  out.matchId = match.id;
  out.matchVersion = match.version;
  const changed: Partial<CadreFields> = {};
  for (const k of RECORD_FIELDS) {
    const v = fields[k];
    if (v === undefined || v === null) continue;
    const old = match.fields[k] ?? null;
    if (k === 'birthDate' && birthCompatible(old as string | null, v as string) && String(old ?? '').length >= String(v).length) continue;
    if (old === v) continue;
    (changed as Record<string, unknown>)[k] = v;
    out.changes.push({ field: k, label: FIELD_LABEL(k), from: shownValue(k, old, lookups), to: shownValue(k, v, lookups) });
  }
  const after = { ...match.fields, ...changed };
  const problems = validateRecord(after as Record<string, unknown>, lookups.today);
  if (problems.length) return fail(problems);

  let unit: RowApply['unit'] = null;
  let newPost: string | null | undefined;
  if (unitId && unitId !== match.assignment?.unitId) {
    unit = { unitId, postTitle, fromDate: lookups.today };
    out.changes.push({ field: 'unit', label: 'Đơn vị', from: lookups.unitName(match.assignment?.unitId), to: lookups.unitName(unitId) });
    if (postTitle) out.changes.push({ field: 'postTitle', label: 'Chức vụ', from: match.assignment?.postTitle ?? '', to: postTitle });
  } else if (postTitle && match.assignment && postTitle !== match.assignment.postTitle) {
    newPost = postTitle;
    out.changes.push({ field: 'postTitle', label: 'Chức vụ', from: match.assignment.postTitle ?? '', to: postTitle });
  } else if (postTitle && !match.assignment) {
    notes.push({ field: 'postTitle', message: 'Hồ sơ chưa có đơn vị nên chức vụ chưa được ghi; hãy ghép cột Đơn vị.' });
  }

  const newLevels: RowApply['levels'] = [];
  const qualificationFields: RowApply['qualificationFields'] = [];
  for (const l of levels) {
    const have = match.qualifications.filter((q) => q.category === l.category && q.levelKey === l.levelKey);
    const label = QUALIFICATION_CATEGORIES[l.category];
    if (have.length === 0) {
      newLevels.push(l);
      const current = match.qualifications.filter((q) => q.category === l.category).map((q) => lookups.codeName(`level.${l.category}`, q.levelKey));
      out.changes.push({ field: `level.${l.category}`, label, from: current.join(', '), to: lookups.codeName(`level.${l.category}`, l.levelKey) + (l.field ? ` (${l.field})` : '') });
    } else if (l.field && !have.some((q) => foldVietnamese(q.field) === foldVietnamese(l.field))) {
      const q = have[0];
      qualificationFields.push({ id: q.id, field: l.field });
      out.changes.push({ field: 'professionalField', label: `Chuyên ngành (${lookups.codeName(`level.${l.category}`, l.levelKey)})`, from: q.field ?? '', to: l.field });
    }
  }

  out.apply = { fields: changed, unit, postTitle: newPost, levels: newLevels, qualificationFields };
  out.status = out.changes.length ? 'update' : 'unchanged';
  out.messages = notes;
  return out;
}

/** `today` read once per preview: crossFieldErrors would otherwise build it for every row. */
function validateRecord(record: Record<string, unknown>, today: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!record.sex) problems.push({ field: 'sex', message: 'Thiếu giới tính (Nam/Nữ).' });
  if (!record.category) problems.push({ field: 'category', message: 'Thiếu loại cán bộ; hãy ghép cột "Loại" hoặc chọn loại mặc định.' });
  if (problems.length) return problems;
  const parsed = CadreFieldsSchema.safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ field: String(issue.path[0] ?? '_'), message: issue.message });
    return problems;
  }
  for (const [field, message] of Object.entries(crossFieldErrors(parsed.data, today))) problems.push({ field, message });
  return problems;
}

function shownValue(field: string, v: unknown, lookups: Lookups): string {
  if (v === null || v === undefined) return '';
  const f = CADRE_FIELD_BY_KEY.get(field);
  if (field === 'sex') return SEXES[v as 'nam' | 'nu'] ?? String(v);
  if (field === 'category') return CADRE_CATEGORIES[v as keyof typeof CADRE_CATEGORIES] ?? String(v);
  if (f?.kind === 'date' || f?.kind === 'partialDate') return formatVnDate(String(v));
  if (f?.kind === 'code') return lookups.codeName(f.list!, String(v));
  return String(v);
}
