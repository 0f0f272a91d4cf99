import { formatVnDate, parseVnDate } from '../../../shared/domain/dates';
import { compareVietnamese, foldVietnamese } from '../../../shared/domain/text';

// A field spec says how one editable column reads, shows, parses and saves its value. The same parse serves
// typing and pasting, so a pasted cell is validated exactly like a typed one.

export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

export interface FieldSpec<Row> {
  colId: string;
  headerName: string;
  kind: 'text' | 'date' | 'code' | 'bool' | 'number';
  /** The value as the API holds it (ISO date, code key, boolean...). */
  apiValue(row: Row): unknown;
  /** How the API value is shown, edited and copied. `row`, when given, lets a value depend on another field. */
  format(value: unknown, row?: Row): string;
  /** Typed or pasted text (or a checkbox's boolean) to the API value, or a Vietnamese reason. `row` as in format. */
  parse(raw: unknown, row?: Row): ParseResult;
  /** The change object the API expects for this field. */
  change(value: unknown): Record<string, unknown>;
  /** Labels offered by a dropdown editor. */
  options?: string[];
  /** Sort order of two API values. */
  compare?(a: unknown, b: unknown): number;
  width?: number;
  editable?: boolean;
  required?: boolean;
}

const plainChange = (field: string) => (value: unknown) => ({ [field]: value });
const asText = (raw: unknown) => (raw === null || raw === undefined ? '' : String(raw));

export function textField<Row>(field: keyof Row & string, headerName: string, opts: { max?: number; required?: boolean; width?: number; pattern?: [RegExp, string]; normalize?: (s: string) => string } = {}): FieldSpec<Row> {
  const max = opts.max ?? 200;
  return {
    colId: field,
    headerName,
    kind: 'text',
    width: opts.width,
    required: opts.required,
    apiValue: (r) => (r as Record<string, unknown>)[field] ?? null,
    format: (v) => asText(v),
    parse: (raw) => {
      let s = asText(raw).normalize('NFC').replace(/\s+/g, ' ').trim();
      if (opts.normalize) s = opts.normalize(s);
      if (s === '') return opts.required ? { ok: false, message: `${headerName} không được để trống.` } : { ok: true, value: null };
      if (s.length > max) return { ok: false, message: `${headerName} dài quá ${max} ký tự.` };
      if (opts.pattern && !opts.pattern[0].test(s)) return { ok: false, message: opts.pattern[1] };
      return { ok: true, value: s };
    },
    change: plainChange(field),
    compare: (a, b) => compareVietnamese(asText(a), asText(b)),
  };
}

export function dateField<Row>(field: keyof Row & string, headerName: string, opts: { allowPartial?: boolean; width?: number } = {}): FieldSpec<Row> {
  return {
    colId: field,
    headerName,
    kind: 'date',
    width: opts.width ?? 115,
    apiValue: (r) => (r as Record<string, unknown>)[field] ?? null,
    format: (v) => formatVnDate(v as string | null),
    parse: (raw) => {
      if (raw instanceof Date) raw = `${raw.getDate()}/${raw.getMonth() + 1}/${raw.getFullYear()}`;
      const r = parseVnDate(asText(raw), { allowPartial: opts.allowPartial });
      return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message.replace(/^Ngày/, headerName) };
    },
    change: plainChange(field),
    // ISO text sorts chronologically; partial dates ("1978") sort before the full dates of that year.
    compare: (a, b) => asText(a).localeCompare(asText(b)),
  };
}

export interface CodeOption {
  key: string;
  name: string;
  code?: string | null;
}

/**
 * A column whose value is a key from a list, shown by name. Typing or pasting accepts the name, the key or the
 * official code, with or without diacritics ("Khmer", "khơ-me", "05").
 */
export function codeField<Row>(field: keyof Row & string, headerName: string, options: CodeOption[], opts: { required?: boolean; width?: number; aliases?: Record<string, string> } = {}): FieldSpec<Row> {
  const byName = new Map<string, string>();
  for (const o of options) {
    byName.set(foldVietnamese(o.name), o.key);
    byName.set(foldVietnamese(o.key), o.key);
    if (o.code) byName.set(foldVietnamese(o.code), o.key);
  }
  for (const [alias, key] of Object.entries(opts.aliases ?? {})) byName.set(foldVietnamese(alias), key);
  const nameOf = new Map(options.map((o) => [o.key, o.name]));
  return {
    colId: field,
    headerName,
    kind: 'code',
    width: opts.width,
    required: opts.required,
    options: options.map((o) => o.name),
    apiValue: (r) => (r as Record<string, unknown>)[field] ?? null,
    format: (v) => (v === null || v === undefined ? '' : nameOf.get(String(v)) ?? String(v)),
    parse: (raw) => {
      const s = asText(raw).trim();
      if (s === '') return opts.required ? { ok: false, message: `${headerName} không được để trống.` } : { ok: true, value: null };
      const key = byName.get(foldVietnamese(s)) ?? byName.get(foldVietnamese(s).replace(/[-\s]/g, ''));
      if (!key) return { ok: false, message: `${headerName} "${s}" không có trong danh mục.` };
      return { ok: true, value: key };
    },
    change: plainChange(field),
    compare: (a, b) => compareVietnamese(nameOf.get(asText(a)) ?? asText(a), nameOf.get(asText(b)) ?? asText(b)),
  };
}

const TRUE_WORDS = new Set(['x', 'co', '1', 'true', 'dung', 'yes', 'v', '✓', '✔']);
const FALSE_WORDS = new Set(['', 'khong', '0', 'false', 'sai', 'no', '-']);

export function parseBoolean(raw: unknown, headerName: string): ParseResult {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  const s = foldVietnamese(asText(raw));
  if (TRUE_WORDS.has(s)) return { ok: true, value: true };
  if (FALSE_WORDS.has(s)) return { ok: true, value: false };
  return { ok: false, message: `${headerName}: "${asText(raw)}" không hiểu được; hãy ghi "x" (có) hoặc để trống (không).` };
}

export function boolField<Row>(colId: string, headerName: string, get: (r: Row) => boolean, change: (v: boolean) => Record<string, unknown>, width = 90): FieldSpec<Row> {
  return {
    colId,
    headerName,
    kind: 'bool',
    width,
    apiValue: get,
    format: (v) => (v ? 'x' : ''),
    parse: (raw) => parseBoolean(raw, headerName),
    change: (v) => change(Boolean(v)),
    compare: (a, b) => Number(Boolean(a)) - Number(Boolean(b)),
  };
}

export function numberField<Row>(field: keyof Row & string, headerName: string, opts: { integer?: boolean; min?: number; max?: number; width?: number } = {}): FieldSpec<Row> {
  return {
    colId: field,
    headerName,
    kind: 'number',
    width: opts.width ?? 100,
    apiValue: (r) => (r as Record<string, unknown>)[field] ?? null,
    format: (v) => (v === null || v === undefined ? '' : String(v).replace('.', ',')),
    parse: (raw) => {
      const s = asText(raw).trim().replace(/\s/g, '');
      if (s === '') return { ok: true, value: null };
      // Vietnamese writes decimals with a comma.
      const n = Number(s.replace(',', '.'));
      if (!Number.isFinite(n)) return { ok: false, message: `${headerName}: "${s}" không phải là số.` };
      if (opts.integer && !Number.isInteger(n)) return { ok: false, message: `${headerName} phải là số nguyên.` };
      if (opts.min !== undefined && n < opts.min) return { ok: false, message: `${headerName} không được nhỏ hơn ${opts.min}.` };
      if (opts.max !== undefined && n > opts.max) return { ok: false, message: `${headerName} không được lớn hơn ${opts.max}.` };
      return { ok: true, value: n };
    },
    change: plainChange(field),
    compare: (a, b) => (Number(a ?? -Infinity) || 0) - (Number(b ?? -Infinity) || 0),
  };
}
