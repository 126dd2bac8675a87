import { LocalTime } from './export-table.ts';

/**
 * CSV as spreadsheet tools read it well: UTF-8 with a byte order mark (without it, Excel reads
 * "Chloé" as "ChloÃ©"), CRLF line ends and RFC 4180 quoting.
 * https://www.rfc-editor.org/rfc/rfc4180
 */
export const UTF8_BOM = '\uFEFF';

/**
 * A text cell starting with one of these is run as a formula by spreadsheet tools; a participant's
 * answer must never be able to do that, so such a cell is prefixed with an apostrophe.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** What spreadsheet tools skip before reading a cell: spaces of any kind, line breaks, zero-width characters. */
const LEADING_BLANKS = /^[\s\u200b-\u200d\u2060\ufeff]+/;

/** The file: a header row, then the rows, each cell written by `csvCell`. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return UTF8_BOM + [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/**
 * One cell: null and undefined are empty, dates are ISO 8601 in UTC, numbers and booleans as they
 * are; text guarded against formulas, then quoted when it holds a comma, a quote or a line break.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof LocalTime) return value.text;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (looksLikeFormula(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Whether a spreadsheet tool could read the cell as a formula: it starts with a formula sign, or
 * does once its leading blanks are skipped and its characters read in their compatibility form
 * (NFKC: a full-width ＝ or ＋ is read as = or +).
 */
function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) || FORMULA_START.test(text.normalize('NFKC').replace(LEADING_BLANKS, ''));
}
