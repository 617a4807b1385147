/**
 * Cells of every CSV echolab writes (results tables, import, compare, the
 * demo's export): RFC 4180 quoting, numbers in their shortest round-trip
 * form, and text neutralised against spreadsheet formula injection.
 *
 * A spreadsheet opening a CSV reads a cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return as a formula (OWASP, "CSV Injection"), so
 * a label such as `=HYPERLINK(...)` from an archive or an experiment file
 * would run. Such a text cell gets a leading `'`, which spreadsheets take as
 * "this is text". Exceptions, so that columns still read as numbers:
 * - number cells (JavaScript numbers) are written as they are, `-0.5`
 *   included; NaN is an empty cell, ±Infinity `Inf` / `-Inf`;
 * - a text cell that is a plain decimal number (`-1`, `+0.5`, `-2e-3`) is
 *   left alone: a spreadsheet reads it as that number, never as a formula.
 * To keep the rule reversible, a text that already starts with `'`s before
 * a trigger gets one more; `restoreCsvText` removes exactly one, so echolab's
 * readers get the original text back.
 *
 * Pure (no Node imports): the browser demo uses it too.
 */

export type CsvValue = number | string | boolean | null;

/** Optional `'`s, then a character a spreadsheet reads as the start of a formula. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A written cell that was neutralised: one `'` more than FORMULA_START allows. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;
/** A plain decimal number, as spreadsheets read it. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The text with a leading `'` when a spreadsheet would read it as a formula (see the banner). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !DECIMAL.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseFormula, for a cell's value after RFC 4180 unquoting. */
export function restoreCsvText(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/** A text cell: neutralised, then quoted when it holds a quote, comma, tab or line break, or starts or ends with a blank. */
export function csvText(text: string): string {
  const safe = neutraliseFormula(text);
  return /[",\t\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number cell: shortest round-trip form; NaN (missing) empty; infinities `Inf` / `-Inf` (read as such by R and pandas). */
export function csvNumber(v: number): string {
  if (Number.isNaN(v)) return '';
  return Number.isFinite(v) ? String(v) : v > 0 ? 'Inf' : '-Inf';
}

/** Any cell: null is empty, booleans `true` / `false`. */
export function csvCell(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return csvNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return csvText(v);
}

/** One CSV line (without its line end). */
export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',');
}
