/**
 * An independent RFC 4180 writer for the tests (not echolab's csv-cell.ts,
 * which also neutralises formulas): a cell is quoted, with its quotes
 * doubled, when it holds a comma, a quote, CR or LF, or when `quoteAll`;
 * also when it starts or ends with white space (JS `\s`, which includes
 * U+FEFF), since RFC 4180 readers differ on unquoted blanks (echolab's
 * reader trims them, to read `a, "b"` as two fields) and a leading U+FEFF
 * at the start of a file is a byte-order mark. Records end with `eol`.
 */

export interface Rfc4180Style {
  readonly eol: '\n' | '\r\n';
  readonly quoteAll: boolean;
  /** Start the text with a byte-order mark. */
  readonly bom: boolean;
  /** End the last record with `eol` too. */
  readonly finalEol: boolean;
}

export function rfc4180Cell(cell: string, quoteAll = false): string {
  return quoteAll || /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function rfc4180Write(rows: readonly (readonly string[])[], style: Rfc4180Style): string {
  const lines = rows.map((r) => r.map((c) => rfc4180Cell(c, style.quoteAll)).join(','));
  return `${style.bom ? '\ufeff' : ''}${lines.join(style.eol)}${style.finalEol ? style.eol : ''}`;
}
