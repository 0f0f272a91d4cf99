// Dates travel as ISO strings ("2025-03-31"); clerks read and type them as dd/mm/yyyy.
// A birth date may be partial ("1978" or "1978-03") because old records often hold only the year.
// End dates (valid_to, to_date) are inclusive: the last day something was in force.

export type IsoDate = string;

const ISO_FULL = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_PARTIAL = /^(\d{4})(?:-(\d{2}))?$/;

export function isValidIsoDate(value: string): boolean {
  const m = ISO_FULL.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isValidPartialDate(value: string): boolean {
  if (isValidIsoDate(value)) return true;
  const m = ISO_PARTIAL.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  if (y < 1900 || y > 2100) return false;
  return m[2] === undefined || (Number(m[2]) >= 1 && Number(m[2]) <= 12);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export type DateParse = { ok: true; value: IsoDate | null } | { ok: false; message: string };

/**
 * Reads a date the way a clerk types it: 05/03/1978, 5/3/1978, 05-03-1978, 05.03.1978, 05031978, 1978-03-05;
 * with allowPartial also 03/1978 and 1978. Empty text means "no date". Two-digit years are refused
 * because "78" could be 1978 or 2078 and guessing would be silently wrong.
 */
export function parseVnDate(text: string | null | undefined, opts: { allowPartial?: boolean } = {}): DateParse {
  const raw = (text ?? '').trim();
  if (raw === '') return { ok: true, value: null };
  const invalid = (why: string): DateParse => ({ ok: false, message: `Ngày "${raw}" không hợp lệ: ${why}` });
  let y: number, mo: number | undefined, d: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$/.exec(raw))) {
    if (m[3].length !== 4) return invalid('cần ghi năm đủ 4 chữ số (ví dụ 05/03/1978).');
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{2})(\d{2})(\d{4})$/.exec(raw))) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})[/.\-](\d{4})$/.exec(raw))) {
    if (!opts.allowPartial) return invalid('cần đủ ngày, tháng, năm (dd/mm/yyyy).');
    [mo, y] = [Number(m[1]), Number(m[2])];
  } else if ((m = /^(\d{4})$/.exec(raw))) {
    if (!opts.allowPartial) return invalid('cần đủ ngày, tháng, năm (dd/mm/yyyy).');
    y = Number(m[1]);
  } else {
    return invalid('hãy nhập theo dạng dd/mm/yyyy.');
  }
  if (y < 1900 || y > 2100) return invalid('năm phải từ 1900 đến 2100.');
  if (mo !== undefined && (mo < 1 || mo > 12)) return invalid('tháng phải từ 1 đến 12.');
  if (d !== undefined && mo !== undefined && (d < 1 || d > daysInMonth(y, mo))) {
    return invalid(`tháng ${mo}/${y} không có ngày ${d}.`);
  }
  if (mo === undefined) return { ok: true, value: pad(y, 4) };
  if (d === undefined) return { ok: true, value: `${pad(y, 4)}-${pad(mo)}` };
  return { ok: true, value: `${pad(y, 4)}-${pad(mo)}-${pad(d)}` };
}

/** ISO (full or partial) to dd/mm/yyyy, mm/yyyy or yyyy; empty for null. */
export function formatVnDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, mo, d] = iso.split('-');
  if (d) return `${d}/${mo}/${y}`;
  if (mo) return `${mo}/${y}`;
  return y;
}

/** Today's date in local time as ISO. */
export function todayIso(now: Date = new Date()): IsoDate {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Earliest full date a partial date can stand for ("1978" -> "1978-01-01"). */
export function partialDateStart(iso: string): IsoDate {
  const [y, mo = '01', d = '01'] = iso.split('-');
  return `${y}-${mo}-${d}`;
}

/** Completed years of age on a date; for a partial birth date, the age counted from its first possible day. */
export function ageOn(birth: string | null | undefined, on: IsoDate): number | null {
  if (!birth) return null;
  // Read by position (an import checks this for every row); the split form stays for any other shape.
  let by: number, bm: number, bd: number, y: number, m: number, d: number;
  if (/^\d{4}(-\d\d(-\d\d)?)?$/.test(birth) && /^\d{4}-\d\d-\d\d$/.test(on)) {
    by = +birth.slice(0, 4);
    bm = birth.length > 4 ? +birth.slice(5, 7) : 1;
    bd = birth.length > 7 ? +birth.slice(8, 10) : 1;
    y = +on.slice(0, 4);
    m = +on.slice(5, 7);
    d = +on.slice(8, 10);
  } else {
    [by, bm, bd] = partialDateStart(birth).split('-').map(Number);
    [y, m, d] = on.split('-').map(Number);
  }
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Adds whole months, clamping the day to the target month's length (31/01 + 1 month = 28 or 29/02). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, daysInMonth(ny, nm)))}`;
}

/** Whole months between two full dates (b after a), counting a month only when its day is reached. */
export function monthsBetween(a: IsoDate, b: IsoDate): number {
  const [ay, am, ad] = a.split('-').map(Number);
  const [by, bm, bd] = b.split('-').map(Number);
  let months = (by - ay) * 12 + (bm - am);
  if (bd < ad) months -= 1;
  return months;
}

/** True when [from, to] (inclusive, to may be open) contains the date. */
export function isActiveOn(from: string | null | undefined, to: string | null | undefined, on: IsoDate): boolean {
  return (!from || from <= on) && (!to || to >= on);
}

// ---- Quarters -------------------------------------------------------------------------------------------------

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export function quarterOf(iso: IsoDate): Quarter {
  const [y, m] = iso.split('-').map(Number);
  return { year: y, quarter: (Math.floor((m - 1) / 3) + 1) as Quarter['quarter'] };
}

export function quarterEnd(q: Quarter): IsoDate {
  const month = q.quarter * 3;
  return `${pad(q.year, 4)}-${pad(month)}-${pad(daysInMonth(q.year, month))}`;
}

export function quarterStart(q: Quarter): IsoDate {
  return `${pad(q.year, 4)}-${pad(q.quarter * 3 - 2)}-01`;
}

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as Quarter['quarter'] };
}

/**
 * The last quarter that has ended on or before the day (a quarter ending that day counts as finished): the quarter
 * the indicator dashboard opens on, and the last one of the series.
 */
export function lastFinishedQuarter(today: IsoDate = todayIso()): Quarter {
  const q = quarterOf(today);
  return quarterEnd(q) === today ? q : previousQuarter(q);
}

export function quarterLabel(q: Quarter): string {
  const roman = ['I', 'II', 'III', 'IV'][q.quarter - 1];
  return `Quý ${roman}/${q.year}`;
}

/** Quarters from the first to the last, both included. */
export function quartersBetween(first: Quarter, last: Quarter): Quarter[] {
  const out: Quarter[] = [];
  let q = first;
  while (q.year < last.year || (q.year === last.year && q.quarter <= last.quarter)) {
    out.push(q);
    q = q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: (q.quarter + 1) as Quarter['quarter'] };
  }
  return out;
}
