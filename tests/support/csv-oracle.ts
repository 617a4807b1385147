/**
 * An independent reading of the CSV files echolab writes, for the tests:
 * RFC 4180 records with quoted fields unquoted and nothing else undone (no
 * formula neutralisation reversed), i.e. the cell values a spreadsheet
 * sees, and the test of whether a spreadsheet would run a cell as a formula.
 */

/** RFC 4180 records (`\n` or `\r\n` line ends), raw cell values, blank lines skipped. */
export function rfc4180(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      if (started) records.push([...record, cell]);
      record = [];
      cell = '';
      started = false;
    } else {
      started = true;
      if (ch === '"') quoted = true;
      else if (ch === ',') {
        record.push(cell);
        cell = '';
      } else cell += ch;
    }
  }
  if (started) records.push([...record, cell]);
  return records;
}

/** A cell a spreadsheet reads as a number: a plain decimal, or `Inf` / `-Inf` as numeric columns write infinities. */
export function isNumberCell(cell: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) || cell === 'Inf' || cell === '-Inf';
}

/** OWASP: a cell starting with = + - @ tab or carriage return is run as a formula (unless it is a number). */
export function isFormulaRisk(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) && !isNumberCell(cell);
}
