import type { CadreFieldName, CadreFields, CadreRow } from '../../../../../shared/api/cadres';
import { crossFieldErrors } from '../../../../../shared/api/cadres';
import { CADRE_CATEGORIES, SEXES } from '../../../../../shared/domain/codes';
import type { Reference } from '../../../data/reference';
import { CADRE_FIELD_LABELS } from './labels';

// The record form's model: what the clerk typed (text for numbers, ISO for dates), how it differs from the
// version read, and the checks that can run before calling the service.

export type FieldKind = 'text' | 'long' | 'date' | 'partialDate' | 'code' | 'int' | 'decimal';

export interface RecordField {
  name: CadreFieldName;
  kind: FieldKind;
  required?: boolean;
  /** Code fields: the options offered. */
  options?(ref: Reference): { value: string; label: string }[];
  /** Spans both columns of the form grid. */
  wide?: boolean;
}

const fixed = (labels: Record<string, string>) => () => Object.entries(labels).map(([value, label]) => ({ value, label }));
const list = (name: string) => (ref: Reference) => ref.list(name).map((c) => ({ value: c.key, label: c.code && c.code !== c.key ? `${c.name} (${c.code})` : c.name }));

export const RECORD_SECTIONS: { title: string; fields: RecordField[] }[] = [
  {
    title: 'Nhân thân',
    fields: [
      { name: 'fullName', kind: 'text', required: true },
      { name: 'otherNames', kind: 'text' },
      { name: 'sex', kind: 'code', required: true, options: fixed(SEXES) },
      { name: 'birthDate', kind: 'partialDate' },
      { name: 'birthPlace', kind: 'text', wide: true },
      { name: 'homeTown', kind: 'text', wide: true },
      { name: 'address', kind: 'text', wide: true },
      { name: 'ethnicity', kind: 'code', options: list('ethnicity') },
      { name: 'religion', kind: 'code', options: list('religion') },
      { name: 'idNumber', kind: 'text' },
      { name: 'phone', kind: 'text' },
    ],
  },
  {
    title: 'Đảng viên',
    fields: [
      { name: 'partyJoinDate', kind: 'date' },
      { name: 'partyOfficialDate', kind: 'date' },
    ],
  },
  {
    title: 'Tuyển dụng, ngạch, lương',
    fields: [
      { name: 'category', kind: 'code', required: true, options: fixed(CADRE_CATEGORIES) },
      { name: 'recruitmentDate', kind: 'date' },
      { name: 'rankCode', kind: 'code', options: list('rank'), wide: true },
      { name: 'salaryStep', kind: 'int' },
      { name: 'salaryCoefficient', kind: 'decimal' },
      { name: 'note', kind: 'long', wide: true },
    ],
  },
];

export const RECORD_FIELDS: RecordField[] = RECORD_SECTIONS.flatMap((s) => s.fields);

/** Form values: strings as typed for text and numbers, ISO (or null) for dates, keys (or null) for codes. */
export type Draft = Record<CadreFieldName, string | null>;

const numberText = (n: number | null) => (n === null || n === undefined ? '' : String(n).replace('.', ','));

export function draftFromRow(row: CadreRow): Draft {
  const d = {} as Draft;
  for (const f of RECORD_FIELDS) {
    const v = row[f.name];
    if (f.kind === 'int' || f.kind === 'decimal') d[f.name] = numberText(v as number | null);
    else if (f.kind === 'text' || f.kind === 'long') d[f.name] = (v as string | null) ?? '';
    else d[f.name] = (v as string | null) ?? null;
  }
  return d;
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** One draft value to the API's value, or why it cannot be. */
function parseDraftValue(f: RecordField, raw: string | null): Parsed {
  const label = CADRE_FIELD_LABELS[f.name];
  if (f.kind === 'int' || f.kind === 'decimal') {
    const s = (raw ?? '').trim().replace(/\s/g, '');
    if (s === '') return { ok: true, value: null };
    const n = Number(s.replace(',', '.'));
    if (!Number.isFinite(n)) return { ok: false, message: `${label}: "${s}" không phải là số.` };
    if (f.kind === 'int' && !Number.isInteger(n)) return { ok: false, message: `${label} phải là số nguyên.` };
    return { ok: true, value: n };
  }
  if (f.kind === 'text' || f.kind === 'long') {
    const s = (raw ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
    if (s === '') return f.required ? { ok: false, message: `${label} không được để trống.` } : { ok: true, value: null };
    return { ok: true, value: s };
  }
  if (f.required && !raw) return { ok: false, message: `Hãy chọn ${label.toLowerCase()}.` };
  return { ok: true, value: raw ?? null };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields the clerk changed compared with the row read, as the API's changes; the reasons for the rest. */
export function draftChanges(draft: Draft, base: CadreRow, dateErrors: Partial<Record<CadreFieldName, string>>) {
  const changes: Partial<CadreFields> = {};
  const errors: Record<string, string> = {};
  const after: Partial<CadreFields> = {};
  for (const f of RECORD_FIELDS) {
    const dateError = dateErrors[f.name];
    if (dateError) {
      errors[f.name] = dateError;
      continue;
    }
    const p = parseDraftValue(f, draft[f.name]);
    if (!p.ok) {
      errors[f.name] = p.message;
      continue;
    }
    (after as Record<string, unknown>)[f.name] = p.value;
    if (!same(p.value, base[f.name])) (changes as Record<string, unknown>)[f.name] = p.value;
  }
  // The same cross-field rules the service applies to the whole record, shown before the round trip.
  if (Object.keys(changes).length) for (const [k, v] of Object.entries(crossFieldErrors(after))) if (!errors[k]) errors[k] = v;
  return { changes, errors };
}

/** Whether a form value differs from the row read (typed text counts even before it parses). */
export function isFieldDirty(f: RecordField, draft: Draft, base: CadreRow): boolean {
  return draftFromRow(base)[f.name] !== draft[f.name];
}

/**
 * After the record moved on (a status or role date saved in this panel, or a change elsewhere), the clerk's unsaved
 * edits stay and the other fields follow the new row. Returns null when a field the clerk edited was also changed
 * in the new row: then the form keeps its base, so saving shows the conflict instead of silently overwriting.
 */
export function rebaseDraft(draft: Draft, oldBase: CadreRow, newBase: CadreRow): Draft | null {
  const oldValues = draftFromRow(oldBase);
  const newValues = draftFromRow(newBase);
  const out = { ...draft };
  for (const f of RECORD_FIELDS) {
    const edited = draft[f.name] !== oldValues[f.name];
    if (!edited) out[f.name] = newValues[f.name];
    else if (oldValues[f.name] !== newValues[f.name]) return null;
  }
  return out;
}
