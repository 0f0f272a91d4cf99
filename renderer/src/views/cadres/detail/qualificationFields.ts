import type { Qualification } from '../../../../../shared/api/cadres';
import { QUALIFICATION_CATEGORIES, QUALIFICATION_CATEGORY_KEYS, levelListOf, type QualificationCategory } from '../../../../../shared/domain/codes';
import { partialDateStart, todayIso } from '../../../../../shared/domain/dates';
import { foldVietnamese } from '../../../../../shared/domain/text';
import type { CodeEntry } from '../../../../../shared/api/codes';
import type { Reference } from '../../../data/reference';
import { codeField, dateField, textField, type FieldSpec, type ParseResult } from '../../../grid/fields';
import { LANGUAGE_CATEGORIES, categoryLabel, levelLabel } from './labels';

// Field specs of the qualification grid. The level, language and fluency columns depend on the row's category
// (each category has its own level list), so their parse and format read the row.

const asText = (raw: unknown) => (raw === null || raw === undefined ? '' : String(raw)).trim();

/** Finds a list entry by its name, key or official code, with or without diacritics. */
function matchEntry(entries: CodeEntry[], raw: string): CodeEntry | undefined {
  const f = foldVietnamese(raw);
  return entries.find((e) => foldVietnamese(e.name) === f || foldVietnamese(e.key) === f || (e.code && foldVietnamese(e.code) === f));
}

function levelSpec(ref: Reference): FieldSpec<Qualification> {
  const levelsOf = (category: string) => ref.list(levelListOf(category as QualificationCategory));
  const anyLevelName = (key: string) => ref.codes.find((c) => c.list.startsWith('level.') && c.key === key)?.name ?? key;
  return {
    colId: 'levelKey',
    headerName: 'Trình độ',
    kind: 'code',
    width: 170,
    required: true,
    apiValue: (r) => r.levelKey,
    format: (v, row) => (v ? (row ? levelLabel(ref, row.category, String(v)) : anyLevelName(String(v))) : ''),
    parse: (raw, row): ParseResult => {
      const s = asText(raw);
      if (s === '') return { ok: false, message: 'Trình độ không được để trống.' };
      const entries = row ? levelsOf(row.category) : ref.codes.filter((c) => c.list.startsWith('level.'));
      const hit = matchEntry(entries, s);
      if (!hit) return { ok: false, message: `Trình độ "${s}" không có trong danh mục ${row ? categoryLabel(row.category).toLowerCase() : 'trình độ'}.` };
      return { ok: true, value: hit.key };
    },
    change: (v) => ({ levelKey: v }),
    compare: (a, b) => String(a ?? '').localeCompare(String(b ?? '')),
  };
}

const NOT_A_LANGUAGE = 'Chỉ ghi ngôn ngữ, mức độ cho văn bằng ngoại ngữ hoặc tiếng dân tộc thiểu số.';

function languageSpec(ref: Reference): FieldSpec<Qualification> {
  return {
    colId: 'language',
    headerName: 'Ngôn ngữ',
    kind: 'code',
    width: 130,
    apiValue: (r) => r.language,
    format: (v) => (v ? ref.label('minority_language', String(v)) : ''),
    parse: (raw, row): ParseResult => {
      const s = asText(raw);
      if (s === '') return { ok: true, value: null };
      if (row && !LANGUAGE_CATEGORIES.has(row.category)) return { ok: false, message: NOT_A_LANGUAGE };
      if (row?.category === 'tieng_dtts') {
        const hit = matchEntry(ref.list('minority_language'), s) ?? matchEntry(ref.list('minority_language'), `Tiếng ${s}`);
        return hit ? { ok: true, value: hit.key } : { ok: false, message: `Tiếng dân tộc "${s}" không có trong danh mục.` };
      }
      // Foreign languages have no code list: the name is kept as typed ("Tiếng Anh").
      if (s.length > 64) return { ok: false, message: 'Tên ngoại ngữ dài quá 64 ký tự.' };
      return { ok: true, value: s };
    },
    change: (v) => ({ language: v }),
  };
}

function fluencySpec(ref: Reference): FieldSpec<Qualification> {
  const base = codeField<Qualification>('fluency', 'Mức độ sử dụng', ref.list('language_fluency'), { width: 120 });
  return {
    ...base,
    parse: (raw, row) => {
      if (asText(raw) !== '' && row && !LANGUAGE_CATEGORIES.has(row.category)) return { ok: false, message: NOT_A_LANGUAGE };
      return base.parse(raw);
    },
  };
}

export function qualificationFieldSpecs(ref: Reference): FieldSpec<Qualification>[] {
  const categories = QUALIFICATION_CATEGORY_KEYS.map((key) => ({ key, name: QUALIFICATION_CATEGORIES[key] }));
  return [
    codeField<Qualification>('category', 'Loại', categories, { required: true, width: 150 }),
    levelSpec(ref),
    textField<Qualification>('field', 'Chuyên ngành', { max: 200, width: 160 }),
    textField<Qualification>('institution', 'Cơ sở đào tạo', { max: 200, width: 170 }),
    dateField<Qualification>('awardDate', 'Ngày cấp', { allowPartial: true, width: 105 }),
    languageSpec(ref),
    fluencySpec(ref),
    textField<Qualification>('certificateNo', 'Số văn bằng', { max: 100, width: 120 }),
    textField<Qualification>('note', 'Ghi chú', { max: 500, width: 160 }),
  ];
}

/** Level names offered by the dropdown editor of one row. */
export const levelNamesFor = (ref: Reference, category: string) => ref.list(levelListOf(category as QualificationCategory)).map((c) => c.name);

/**
 * The highest qualification of each category held on a date: the level with the largest rank in its code list,
 * the latest award breaking ties (as the cadre list derives it).
 */
export function highestByCategory(ref: Reference, quals: Qualification[], on = todayIso()): { category: string; q: Qualification }[] {
  const rankOf = (q: Qualification) => ref.codes.find((c) => c.list === levelListOf(q.category as QualificationCategory) && c.key === q.levelKey)?.rank ?? -1;
  const out: { category: string; q: Qualification }[] = [];
  for (const category of QUALIFICATION_CATEGORY_KEYS) {
    const held = quals.filter((q) => q.category === category && !q.deletedAt && (!q.awardDate || partialDateStart(q.awardDate) <= on));
    if (!held.length) continue;
    held.sort((a, b) => rankOf(b) - rankOf(a) || String(b.awardDate ?? '').localeCompare(String(a.awardDate ?? '')) || b.id - a.id);
    out.push({ category, q: held[0] });
  }
  return out;
}
