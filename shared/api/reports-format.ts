// Number and date formatting for the printed report, shared by the draft narrative (main side), the document
// view and the Excel export so the three always agree. Vietnamese conventions: "." groups thousands, "," is the
// decimal mark; dates in documents read "ngày 31 tháng 3 năm 2025".

/** 1234567 -> "1.234.567"; 12.5 with 1 decimal -> "12,5". */
export function formatNumberVn(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${frac ? `,${frac}` : ''}`;
}

/** A percentage with one decimal, trailing ",0" dropped: 45 -> "45", 45.25 -> "45,3". */
export function formatPercentVn(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const s = formatNumberVn(value, 1);
  return s.endsWith(',0') ? s.slice(0, -2) : s;
}

/** A signed change: +2,5 / -1 / 0. */
export function formatSignedVn(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  let s = formatNumberVn(value, decimals);
  if (s.endsWith(',0')) s = s.slice(0, -2);
  if (s === '0' || s === '-0') return '0';
  return value > 0 ? `+${s}` : s;
}

/** share of part in whole as a percentage (null when whole is 0). */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? (part * 100) / whole : null;
}

/**
 * The place-and-date line of a Party document (Hướng dẫn 36-HD/VPTW): days below 10 and the months January and
 * February take a leading zero ("ngày 05 tháng 02 năm 2025", "ngày 31 tháng 3 năm 2025").
 */
export function documentDateLine(place: string, iso: string | null): string {
  const prefix = place ? `${place}, ` : '';
  if (!iso) return `${prefix}ngày     tháng     năm`;
  const [y, m, d] = iso.split('-').map(Number);
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${prefix}ngày ${day} tháng ${month} năm ${y}`;
}

/** "Số 12-BC/TU"; with no number yet, room is left for it ("Số    -BC/TU"). */
export function documentNumberLine(docNumber: string, docSymbol: string): string {
  const num = docNumber.trim() || '\u00a0\u00a0\u00a0\u00a0';
  return docSymbol ? `Số ${num}-${docSymbol}` : `Số ${num}`;
}

/** Quarter in words as printed in a subject: "quý I năm 2025". */
export function quarterWords(year: number, quarter: number): string {
  return `quý ${['I', 'II', 'III', 'IV'][quarter - 1] ?? quarter} năm ${year}`;
}

/** dd/mm/yyyy for an ISO date. */
export function shortDateVn(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return d ? `${d}/${m}/${y}` : m ? `${m}/${y}` : y;
}
