// Vietnamese text helpers shared by the renderer (search, sort) and the services (matching, import).

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Folds Vietnamese text for diacritic- and case-insensitive matching:
 * "Nguyễn Thị Hồng" -> "nguyen thi hong". đ/Đ have no decomposition, so they are mapped by hand.
 */
export function foldVietnamese(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Normalises what a user typed: NFC (so composed and decomposed input compare equal), single spaces, trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// ICU's Vietnamese collation orders base letters a < ă < â, d < đ ... and tones
// none < huyền < hỏi < ngã < sắc < nặng, the order Vietnamese dictionaries use.
const collator = new Intl.Collator('vi', { sensitivity: 'variant' });

export function compareVietnamese(a: string | null | undefined, b: string | null | undefined): number {
  return collator.compare(a ?? '', b ?? '');
}

const PLAIN_NAME = /^\S+(?: \S+)*$/;

/** Splits a Vietnamese full name into the given name (last word) and the rest (family and middle names). */
export function splitVietnameseName(fullName: string): { given: string; rest: string } {
  // Most names are single-spaced already: split them at the last space without normalizeText's replacements
  // (50,000 names at a time).
  if (PLAIN_NAME.test(fullName)) {
    const n = fullName.normalize('NFC');
    const i = n.lastIndexOf(' ');
    return i < 0 ? { given: n, rest: '' } : { given: n.slice(i + 1), rest: n.slice(0, i) };
  }
  const words = normalizeText(fullName).split(' ');
  const given = words.pop() ?? '';
  return { given, rest: words.join(' ') };
}

/** Clerks sort name lists by given name first, then by family and middle name. */
export function compareVietnameseNames(a: string, b: string): number {
  const x = splitVietnameseName(a);
  const y = splitVietnameseName(b);
  return compareVietnamese(x.given, y.given) || compareVietnamese(x.rest, y.rest);
}

/** True when every word of the folded query occurs in the folded haystack (order-free, like Excel's filter). */
export function matchesFoldedQuery(foldedHaystack: string, query: string): boolean {
  const words = foldVietnamese(query).split(' ').filter(Boolean);
  return words.every((w) => foldedHaystack.includes(w));
}
