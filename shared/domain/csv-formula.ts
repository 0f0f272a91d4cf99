// CSV cells and spreadsheet formulas: what the export writes and what the import reads back must be one pair.

/**
 * Excel opening a CSV runs a cell that starts with = + - @ (or a tab or carriage return) as a formula: a note
 * "=HYPERLINK(...)" typed by someone would become a live link, and "- Học lớp..." an error #NAME?. Such a text
 * gets a leading apostrophe, shown as it is (OWASP's advice). A number's text ("-3", "+5,5") and a lone "-" are left
 * alone: Excel reads it as the number it is. The .xlsx never needs this: exceljs writes texts as text cells.
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d[\d.,]*%?$/.test(text) && text !== '-' && text !== '+' ? `'${text}` : text;
}

/**
 * The import's inverse of defuseFormula: a CSV cell "'=..." or "'- Học lớp" written by our export (or by a careful
 * clerk) is the text after the apostrophe. An apostrophe before anything else is part of the text.
 */
export function undefuseFormula(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
