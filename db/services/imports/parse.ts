// Pure parsing for imports: no database, no files. A sheet arrives here as rows of raw cells (text, numbers,
// ISO dates from Excel date cells, or null) and leaves as a header guess, a column mapping and parsed values
// with a Vietnamese reason for every cell that could not be read.

import { parseVnDate } from '../../../shared/domain/dates';
import { foldVietnamese } from '../../../shared/domain/text';
import type { QualificationCategory } from '../../../shared/domain/codes';
import { CADRE_IMPORT_FIELDS, LEVEL_ALIASES, LEVEL_NOISE, TOTAL_ROW_WORDS, type ImportField } from './catalog';

/** One cell as read from a file: Excel dates arrive as "yyyy-mm-dd" text marked by the reader. */
export type RawCell = string | number | boolean | null;
export type RawRow = RawCell[];

/** Folds a header or a free-text value for matching: no diacritics, lower case, punctuation as spaces. */
export function foldHeader(text: unknown): string {
  if (text === null || text === undefined) return '';
  return foldVietnamese(String(text))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Text that needs no work: no spaces at the ends, single spaces, no combining marks (text not in NFC). */
const PLAIN_TEXT = /^[^\s\u0300-\u036f]+(?: [^\s\u0300-\u036f]+)*$/;

export const cellText = (c: RawCell | undefined): string => {
  if (c === null || c === undefined) return '';
  if (typeof c !== 'string') return String(c);
  // Called for every cell of every row: most cells are clean, and the test is cheaper than the normalising.
  if (PLAIN_TEXT.test(c)) return c;
  return c.normalize('NFC').replace(/\s+/g, ' ').trim();
};

// ---- Header detection and mapping ----------------------------------------------------------------------------

export interface HeaderMatch {
  field: string;
  /** 3: a spelling matched exactly; 2: the lower header line alone matched; 1: a spelling occurs inside it. */
  score: number;
  synonym: string;
}

interface SynonymIndex {
  exact: Map<string, string>;
  /** Longest first, for "contains" matches. */
  all: { folded: string; field: string }[];
}

const indexCache = new WeakMap<ImportField[], SynonymIndex>();
function synonymIndex(fields: ImportField[]): SynonymIndex {
  let idx = indexCache.get(fields);
  if (!idx) {
    const exact = new Map<string, string>();
    const all: SynonymIndex['all'] = [];
    for (const f of fields) {
      for (const s of [...f.synonyms, foldHeader(f.label)]) {
        if (!exact.has(s)) exact.set(s, f.key);
        all.push({ folded: s, field: f.key });
      }
    }
    all.sort((a, b) => b.folded.length - a.folded.length);
    idx = { exact, all };
    indexCache.set(fields, idx);
  }
  return idx;
}

/** The field a header most likely means, or null. `lower` is the lower line of a two-line header, if any. */
export function matchHeader(header: string, fields: ImportField[] = CADRE_IMPORT_FIELDS, lower?: string): HeaderMatch | null {
  const idx = synonymIndex(fields);
  const h = foldHeader(header);
  if (!h) return null;
  const exact = idx.exact.get(h);
  if (exact) return { field: exact, score: 3, synonym: h };
  if (lower) {
    const l = foldHeader(lower);
    const ex = idx.exact.get(l);
    if (ex && l.length > 2) return { field: ex, score: 2, synonym: l };
  }
  // Short synonyms ("tt", "dt", "cn") only count as whole headers, never inside longer text.
  const padded = ` ${h} `;
  for (const s of idx.all) {
    if (s.folded.length < 4) continue;
    if (padded.includes(` ${s.folded} `)) return { field: s.field, score: 1, synonym: s.folded };
  }
  return null;
}

export interface HeaderGuess {
  /** 0-based index of the first header row and how many rows the header spans (1 or 2). */
  start: number;
  span: 1 | 2;
  /** Header text per column (two-line headers joined with " / "). */
  labels: string[];
  /** Column index -> field key (or null). */
  mapping: (string | null)[];
  score: number;
}

const isNumberLike = (c: RawCell) => typeof c === 'number' || /^\d+([.,]\d+)?$/.test(cellText(c)) || /^\d{4}-\d{2}-\d{2}$/.test(cellText(c));

/**
 * Column labels of a header of one or two lines. Merged cells leave blanks to the right of a group title
 * ("Trình độ" over "Chuyên môn | LLCT"), so the upper line carries its text rightwards over the columns whose
 * lower line is filled.
 */
export function headerLabels(rows: RawRow[], start: number, span: 1 | 2): { labels: string[]; upper: string[]; lower: string[] } {
  const top = rows[start] ?? [];
  if (span === 1) {
    const labels = top.map((c) => cellText(c));
    return { labels, upper: labels, lower: labels.map(() => '') };
  }
  const bottom = rows[start + 1] ?? [];
  const width = Math.max(top.length, bottom.length);
  const upper: string[] = [];
  const lower: string[] = [];
  let carry = '';
  for (let c = 0; c < width; c++) {
    const t = cellText(top[c]);
    const b = cellText(bottom[c]);
    if (t) carry = t;
    else if (!b) carry = '';
    upper.push(t || (b ? carry : ''));
    lower.push(b);
  }
  const labels = upper.map((u, c) => {
    const l = lower[c];
    if (!l || foldHeader(l) === foldHeader(u)) return u;
    if (!u) return l;
    return `${u} / ${l}`;
  });
  return { labels, upper, lower };
}

/** Assigns fields to columns, best matches first; each field and each column at most once. */
export function guessMapping(labels: string[], lowers: string[], fields: ImportField[] = CADRE_IMPORT_FIELDS): { mapping: (string | null)[]; score: number } {
  const candidates: { col: number; m: HeaderMatch }[] = [];
  labels.forEach((label, col) => {
    const m = matchHeader(label.replace(' / ', ' '), fields, lowers[col] || undefined);
    if (m) candidates.push({ col, m });
  });
  candidates.sort((a, b) => b.m.score - a.m.score || b.m.synonym.length - a.m.synonym.length || a.col - b.col);
  const mapping: (string | null)[] = labels.map(() => null);
  const used = new Set<string>();
  let score = 0;
  for (const { col, m } of candidates) {
    if (used.has(m.field) || mapping[col] !== null) continue;
    mapping[col] = m.field;
    used.add(m.field);
    score += m.score;
  }
  return { mapping, score };
}

/** Finds the header among the first rows: the line (or pair of lines) whose texts match the most fields. */
export function detectHeader(rows: RawRow[], fields: ImportField[] = CADRE_IMPORT_FIELDS, scanRows = 30): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  const limit = Math.min(rows.length, scanRows);
  for (let r = 0; r < limit; r++) {
    if (!rows[r]?.some((c) => cellText(c))) continue;
    const spans: (1 | 2)[] = [1];
    // A second header line holds words, not numbers or dates (those are data).
    const next = rows[r + 1];
    if (next && next.some((c) => cellText(c)) && !next.some((c) => cellText(c) && isNumberLike(c))) spans.push(2);
    for (const span of spans) {
      const { labels, lower } = headerLabels(rows, r, span);
      const { mapping, score } = guessMapping(labels, lower, fields);
      const matched = mapping.filter(Boolean).length;
      if (matched < 2) continue;
      // Ties go to the earlier, one-line header: a second line must add matches to be believed.
      if (!best || score > best.score) best = { start: r, span, labels, mapping, score };
    }
  }
  return best;
}

/** A stable signature of a header, to find a saved mapping for the next file of the same shape. */
export function headerSignature(labels: string[]): string {
  return labels.map(foldHeader).join('|').replace(/\|+$/, '');
}

// ---- Rows to skip -------------------------------------------------------------------------------------------

export type SkipReason = 'blank' | 'total' | 'numbering' | 'caption' | 'header';

export const SKIP_LABELS: Record<SkipReason, string> = {
  blank: 'Dòng trống',
  total: 'Dòng tổng cộng',
  numbering: 'Dòng đánh số cột',
  caption: 'Dòng tiêu đề nhóm',
  header: 'Dòng tiêu đề cột lặp lại',
};

/**
 * Why a data row is not a person, or null. `nameCol` is the column mapped to the full name; `signature` the
 * header's own signature (sheets printed in pages repeat the header).
 */
/** "Tổng", "TỔNG", "Tong", "Cộng", "CONG"... at the start of a cell (NFC text): the only cells worth folding for totals. */
const TOTAL_START = /^[tc][oóòỏõọôốồổỗộơớờởỡợ]ng/i;

export function skipReason(row: RawRow, nameCol: number | null, mappedCols: number[], signature: string): SkipReason | null {
  const texts = row.map((c) => cellText(c));
  const filled = texts.filter(Boolean);
  if (filled.length === 0) return 'blank';
  // Folding is the costly part on 50,000 rows: only cells that start like "Tổng"/"Cộng" can be totals.
  const folded = filled.filter((t) => TOTAL_START.test(t)).map(foldHeader);
  if (folded.some((f) => TOTAL_ROW_WORDS.includes(f) || /^(tong cong|tong so|cong trang|cong toan)\b/.test(f))) return 'total';
  // "(1) (2) (3)" or "1 2 3 4" under the header: the column numbers of printed forms.
  if (filled.length >= 3 && filled.every((t, i) => t.replace(/[()]/g, '') === String(i + 1))) return 'numbering';
  if (signature && typeof row[0] !== 'number' && signature.startsWith(`${foldHeader(texts[0])}|`) && headerSignature(texts) === signature) return 'header';
  const name = nameCol === null ? '' : texts[nameCol] ?? '';
  const otherMapped = mappedCols.filter((c) => c !== nameCol && texts[c]);
  // "I. KHỐI ĐẢNG", "A - CẤP TỈNH" or a caption typed into any column with nothing else on the line.
  const onlyCaption = otherMapped.every((c) => /^([IVXLC]+|[A-Z]|\d+)\.?$/.test(texts[c]));
  if (onlyCaption && (!name || /^([IVXLC]+|[A-Z]|\d+)[.\-)\s]/.test(name) || (name === name.toUpperCase() && /\p{Lu}/u.test(name) && name.length > 3))) {
    return 'caption';
  }
  return null;
}

/**
 * foldVietnamese for people's names, word by word with each word folded once: 50,000 names use a few thousand
 * words, and NFD plus its replaces per name was a tenth of the preview. Same result: folding never joins or
 * splits words (whitespace decomposes to whitespace only, combining marks are dropped or kept in place, and the
 * final-sigma rule of toLowerCase stops at whitespace); a word that folds to nothing is left out, as the
 * whitespace collapse does. Plain ASCII words are only lower-cased.
 */
const foldedWords = new Map<string, string>();
export function foldName(text: string | null | undefined): string {
  if (!text) return '';
  const words = text.split(/\s+/);
  let out = '';
  for (const w of words) {
    if (!w) continue;
    let f: string | undefined;
    if (/^[\x21-\x7e]+$/.test(w)) f = w.toLowerCase();
    else {
      f = foldedWords.get(w);
      if (f === undefined) {
        if (foldedWords.size > 20_000) foldedWords.clear();
        foldedWords.set(w, (f = foldVietnamese(w)));
      }
    }
    if (f) out = out ? `${out} ${f}` : f;
  }
  return out;
}

// ---- Values ---------------------------------------------------------------------------------------------------

export type ValueParse<T> = { ok: true; value: T | null; note?: string } | { ok: false; message: string };

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Excel's day number (1900 date system) to ISO. 60 is Excel's phantom 29/02/1900; days after it are correct. */
export function excelSerialToIso(serial: number): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A date cell: an Excel date (already ISO), an Excel serial number in a text-formatted column, a year typed as a
 * number, or text (05/03/1978, 5-3-1978, 03/1978, 1978).
 */
export function parseImportDate(raw: RawCell, label: string, allowPartial: boolean): ValueParse<string> {
  if (raw === null || raw === '') return { ok: true, value: null };
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 1900 && raw <= 2100) {
      return allowPartial ? { ok: true, value: String(raw) } : { ok: false, message: `${label}: chỉ có năm ${raw}, cần đủ ngày, tháng, năm.` };
    }
    if (raw > 0 && raw < 73051) {
      // 73051 = 01/01/2100
      const iso = excelSerialToIso(raw);
      if (iso < '1900-01-01') return { ok: false, message: `${label}: số ${raw} không phải là ngày.` };
      return { ok: true, value: iso };
    }
    return { ok: false, message: `${label}: số ${raw} không phải là ngày.` };
  }
  const text = cellText(raw).replace(/\s*(-|–)\s*/g, '-');
  const iso = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+Z?)?$/.exec(text);
  if (iso) return parseIso(iso[1], label);
  // "ngày 05 tháng 3 năm 1978"
  const words = /^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$/.exec(foldVietnamese(text));
  const r = parseVnDate(words ? `${words[1]}/${words[2]}/${words[3]}` : text, { allowPartial });
  if (r.ok) return { ok: true, value: r.value };
  return { ok: false, message: r.message.replace(/^Ngày/, label) };
}

function parseIso(iso: string, label: string): ValueParse<string> {
  const r = parseVnDate(iso);
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message.replace(/^Ngày/, label) };
}

const MALE = new Set(['nam', 'm', 'male', 'trai', 'ong']);
const FEMALE = new Set(['nu', 'x', 'f', 'female', 'gai', 'ba']);

/** "Nam", "Nữ", "nu", "x" (the women's mark of many forms), "F"/"M". */
export const parseSex = memoByText(parseSexOnce);
function parseSexOnce(raw: RawCell): ValueParse<'nam' | 'nu'> {
  const f = foldHeader(raw);
  if (!f) return { ok: true, value: null };
  if (MALE.has(f)) return { ok: true, value: 'nam' };
  if (FEMALE.has(f)) return { ok: true, value: 'nu' };
  return { ok: false, message: `Giới tính "${cellText(raw)}" không hiểu được; hãy ghi Nam hoặc Nữ.` };
}

/** A "Nữ" column of marks: x (or any mark) means a woman, blank means a man. */
export function parseFemaleMark(raw: RawCell): ValueParse<'nam' | 'nu'> {
  const f = foldHeader(raw);
  if (!f) return { ok: true, value: 'nam' };
  if (['x', 'nu', 'co', '1', 'v'].includes(f)) return { ok: true, value: 'nu' };
  if (['nam', '0', 'khong'].includes(f)) return { ok: true, value: 'nam' };
  return { ok: false, message: `Cột "Nữ" ghi "${cellText(raw)}"; hãy đánh dấu x cho nữ, để trống cho nam.` };
}

const CATEGORY_ALIASES: Record<string, string> = {
  'can bo': 'can_bo', cb: 'can_bo', 'cong chuc': 'cong_chuc', cc: 'cong_chuc', 'vien chuc': 'vien_chuc', vc: 'vien_chuc',
  khac: 'khac', 'hop dong': 'khac', hd: 'khac', 'lao dong hop dong': 'khac', 'hop dong 68': 'khac', 'nhan vien hop dong': 'khac',
};

export const parseCategory = memoByText(parseCategoryOnce);
function parseCategoryOnce(raw: RawCell): ValueParse<string> {
  const f = foldHeader(raw);
  if (!f) return { ok: true, value: null };
  const key = CATEGORY_ALIASES[f] ?? (f.startsWith('khac') || f.startsWith('hop dong') ? 'khac' : undefined);
  if (key) return { ok: true, value: key };
  return { ok: false, message: `Loại "${cellText(raw)}" không hiểu được; hãy ghi Cán bộ, Công chức, Viên chức hoặc Hợp đồng.` };
}

/** Numbers with a decimal comma ("2,34") or point. */
export function parseNumber(raw: RawCell, label: string, integer: boolean): ValueParse<number> {
  if (raw === null || raw === '') return { ok: true, value: null };
  const n = typeof raw === 'number' ? raw : Number(cellText(raw).replace(/\s/g, '').replace(',', '.'));
  if (!Number.isFinite(n)) return { ok: false, message: `${label}: "${cellText(raw)}" không phải là số.` };
  if (integer && !Number.isInteger(n)) return { ok: false, message: `${label} phải là số nguyên.` };
  return { ok: true, value: Math.round(n * 1000) / 1000 };
}

/**
 * ID numbers typed into a number cell lose their leading zero (012345678901 becomes 12345678901); put it back
 * when the length says so, and say we did.
 */
export function parseIdNumber(raw: RawCell): ValueParse<string> {
  if (raw === null || raw === '') return { ok: true, value: null };
  let s = typeof raw === 'number' ? String(Math.round(raw)) : cellText(raw).replace(/[\s.]/g, '');
  if (s === '') return { ok: true, value: null };
  let note: string | undefined;
  if (/^\d+$/.test(s) && (s.length === 11 || s.length === 8)) {
    s = `0${s}`;
    note = `Số CCCD/CMND thiếu số 0 đầu (ô dạng số trong Excel); đã thêm thành ${s}.`;
  }
  if (!/^(\d{9}|\d{12})$/.test(s)) return { ok: false, message: `Số CCCD "${cellText(raw)}" không hợp lệ: cần 12 chữ số (CMND cũ 9 chữ số).` };
  return { ok: true, value: s, note };
}

export function parsePhone(raw: RawCell): ValueParse<string> {
  if (raw === null || raw === '') return { ok: true, value: null };
  let s = typeof raw === 'number' ? String(Math.round(raw)) : cellText(raw).replace(/[\s.\-()]/g, '');
  if (s === '') return { ok: true, value: null };
  if (/^[1-9]\d{8}$/.test(s)) s = `0${s}`;
  if (!/^\+?\d{8,12}$/.test(s)) return { ok: false, message: `Số điện thoại "${cellText(raw)}" không hợp lệ.` };
  return { ok: true, value: s };
}

export interface CodeChoice {
  key: string;
  name: string;
  code?: string | null;
}

/** A lookup of a code list by folded name, key, official code and extra aliases. */
export function codeLookup(options: CodeChoice[], aliases: Record<string, string> = {}): (raw: RawCell) => string | undefined {
  const byText = new Map<string, string>();
  const add = (text: string, key: string) => {
    const f = foldHeader(text);
    if (f && !byText.has(f)) byText.set(f, key);
    const compact = f.replace(/ /g, '');
    if (compact && !byText.has(compact)) byText.set(compact, key);
  };
  for (const o of options) {
    add(o.name, o.key);
    add(o.key, o.key);
    if (o.code) add(o.code, o.key);
  }
  for (const [a, k] of Object.entries(aliases)) add(a, k);
  return memoByText((raw) => {
    const f = foldHeader(raw);
    return byText.get(f) ?? byText.get(f.replace(/ /g, ''));
  });
}

/**
 * Remembers the answer per cell text: a list repeats the same few words ("Nam", "Kinh", "Công chức") on every
 * row, and folding them each time is the costly part.
 */
export function memoByText<T>(f: (raw: RawCell) => T): (raw: RawCell) => T {
  const cache = new Map<string, T>();
  return (raw) => {
    if (typeof raw !== 'string') return f(raw);
    let v = cache.get(raw);
    if (v === undefined && !cache.has(raw)) {
      v = f(raw);
      if (cache.size < 5000) cache.set(raw, v);
    }
    return v as T;
  };
}

export const ETHNICITY_ALIASES: Record<string, string> = { khmer: 'khmer', 'kho me': 'khmer', 'khome': 'khmer', 'kh me': 'khmer', hmong: 'hmong', mong: 'hmong', 'h mong': 'hmong' };
export const RELIGION_ALIASES: Record<string, string> = { khong: 'khong', 'khong co': 'khong', phat: 'phat_giao', 'dao phat': 'phat_giao', 'thien chua': 'cong_giao', 'thien chua giao': 'cong_giao', 'hoa hao': 'hoa_hao', 'phat giao hoa hao': 'hoa_hao', 'cao dai': 'cao_dai', 'phat giao nam tong': 'phat_giao_nam_tong', 'nam tong': 'phat_giao_nam_tong' };

export interface LevelParse {
  key: string;
  /** What follows the level words ("Thạc sĩ Quản lý công" -> "Quản lý công"): the field of study. */
  rest: string | null;
}

/**
 * Free-text level -> level key of a category, by the alias table plus the code list's own names. Tries the whole
 * text, then the longest alias at its start ("Thạc sĩ Quản lý công"), then anywhere ("Tiếng Anh B1").
 */
export function levelParser(category: QualificationCategory, options: CodeChoice[]): (raw: RawCell) => ValueParse<LevelParse> {
  const table = new Map<string, string>();
  for (const o of options) {
    table.set(foldHeader(o.name), o.key);
    table.set(foldHeader(o.key), o.key);
  }
  for (const [alias, key] of Object.entries(LEVEL_ALIASES[category])) table.set(alias, key);
  const aliases = [...table.keys()].filter(Boolean).sort((a, b) => b.length - a.length);
  const noise = (LEVEL_NOISE[category] ?? []).slice().sort((a, b) => b.length - a.length);
  // A list repeats the same few spellings thousands of times: remember each answer.
  const cache = new Map<string, ValueParse<LevelParse>>();
  return (raw) => {
    const text = cellText(raw);
    if (!text) return { ok: true, value: null };
    let r = cache.get(text);
    if (!r) {
      r = parseLevel(text);
      if (cache.size < 5000) cache.set(text, r);
    }
    return r;
  };
  function parseLevel(text: string): ValueParse<LevelParse> {
    const folded = foldHeader(text);
    const direct = table.get(folded);
    if (direct) return { ok: true, value: { key: direct, rest: null } };
    // Fold character by character so positions in the folded text are positions in the original.
    const chars = [...text.normalize('NFC')];
    const foldedChars = chars.map((ch) => foldHeader(ch) || ' ');
    for (const a of aliases) {
      if (folded.startsWith(`${a} `)) {
        // Find where the alias's words end in the original text.
        let seen = 0;
        let cut = 0;
        const need = a.replace(/ /g, '').length;
        for (let i = 0; i < chars.length && seen < need; i++) {
          if (/[a-z0-9]/.test(foldedChars[i])) seen++;
          cut = i + 1;
        }
        const rest = chars.slice(cut).join('').replace(/^[\s,;:\-–(]+|[\s)]+$/g, '').trim();
        return { ok: true, value: { key: table.get(a)!, rest: rest || null } };
      }
    }
    let stripped = ` ${folded} `;
    for (const n of noise) stripped = stripped.replaceAll(` ${n} `, ' ');
    stripped = stripped.trim().replace(/ +/g, ' ');
    if (table.has(stripped)) return { ok: true, value: { key: table.get(stripped)!, rest: null } };
    for (const a of aliases) {
      if (a.length >= 2 && ` ${stripped} `.includes(` ${a} `)) return { ok: true, value: { key: table.get(a)!, rest: null } };
    }
    return { ok: false, message: `Trình độ "${text}" không nhận ra được trong danh mục.` };
  }
}

// ---- Units by name -------------------------------------------------------------------------------------------

/** Abbreviations offices write in unit names (folded), expanded so both spellings fold to the same key. */
const UNIT_ABBREVIATIONS: Record<string, string> = {
  ubnd: 'uy ban nhan dan', hdnd: 'hoi dong nhan dan', mttq: 'mat tran to quoc', ubmttq: 'uy ban mat tran to quoc', ubmttqvn: 'uy ban mat tran to quoc viet nam',
  ubkt: 'uy ban kiem tra', btc: 'ban to chuc', btg: 'ban tuyen giao', bdv: 'ban dan van', bnc: 'ban noi chinh', bch: 'ban chap hanh', bcd: 'ban chi dao',
  tu: 'tinh uy', hu: 'huyen uy', tw: 'trung uong', vp: 'van phong', tp: 'thanh pho', tx: 'thi xa', ldld: 'lien doan lao dong', hlhpn: 'hoi lien hiep phu nu',
  gddt: 'giao duc dao tao', 'gd dt': 'giao duc dao tao', ldtbxh: 'lao dong thuong binh xa hoi', 'ld tb xh': 'lao dong thuong binh xa hoi',
  tnmt: 'tai nguyen moi truong', 'tn mt': 'tai nguyen moi truong', nnptnt: 'nong nghiep phat trien nong thon', 'nn ptnt': 'nong nghiep phat trien nong thon',
  khdt: 'ke hoach dau tu', 'kh dt': 'ke hoach dau tu', vhttdl: 'van hoa the thao du lich', 'vh tt dl': 'van hoa the thao du lich', gtvt: 'giao thong van tai',
  khcn: 'khoa hoc cong nghe', 'kh cn': 'khoa hoc cong nghe', tttt: 'thong tin truyen thong', 'tt tt': 'thong tin truyen thong', syt: 'so y te', ttyt: 'trung tam y te',
};
const UNIT_ABBREVIATION_KEYS = Object.keys(UNIT_ABBREVIATIONS).sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length);

/**
 * A unit name folded for matching: no diacritics or punctuation, abbreviations expanded ("UBND xã Lai Hòa" and
 * "Ủy ban nhân dân xã Lai Hoà" give the same key), "và" dropped ("Sở GD&ĐT" = "Sở Giáo dục và Đào tạo").
 */
export function unitKey(name: unknown): string {
  let t = ` ${foldHeader(name)} `;
  if (t.trim() === '') return '';
  for (const a of UNIT_ABBREVIATION_KEYS) if (t.includes(` ${a} `)) t = t.replaceAll(` ${a} `, ` ${UNIT_ABBREVIATIONS[a]} `);
  return t.replaceAll(' va ', ' ').replace(/ +/g, ' ').trim();
}

// ---- Levels of any category ----------------------------------------------------------------------------------

/**
 * A level written without saying its category ("ThS Quản lý công", "Cao cấp LLCT", "Tiếng Anh B1"): the category
 * comes from `category` when the file has such a column, else from the words of the text, else the professional
 * levels are tried first, then the others in order.
 */
export function anyLevelParser(
  parsers: Map<QualificationCategory, (raw: RawCell) => ValueParse<LevelParse>>,
  hints: [QualificationCategory, string[]][],
): (raw: RawCell, category?: QualificationCategory | null) => ValueParse<LevelParse & { category: QualificationCategory }> {
  const ORDER: QualificationCategory[] = ['chuyen_mon', 'ly_luan_chinh_tri', 'quan_ly_nha_nuoc', 'ngoai_ngu', 'tin_hoc', 'pho_thong', 'tieng_dtts'];
  return (raw, category) => {
    const text = cellText(raw);
    if (!text) return { ok: true, value: null };
    const tryIn = (c: QualificationCategory) => {
      const r = parsers.get(c)?.(raw);
      return r && r.ok && r.value ? { ok: true as const, value: { ...r.value, category: c } } : null;
    };
    if (category) return tryIn(category) ?? { ok: false, message: `Trình độ "${text}" không có trong danh mục ${category === 'chuyen_mon' ? 'trình độ chuyên môn' : 'của loại trình độ đã ghi'}.` };
    const padded = ` ${foldHeader(text)} `;
    for (const [c, words] of hints) {
      if (words.some((w) => padded.includes(` ${w} `))) {
        const hit = tryIn(c);
        if (hit) return hit;
      }
    }
    for (const c of ORDER) {
      const hit = tryIn(c);
      if (hit) return hit;
    }
    return { ok: false, message: `Trình độ "${text}" không nhận ra được trong danh mục (chuyên môn, lý luận chính trị, quản lý nhà nước, ngoại ngữ, tin học).` };
  };
}
