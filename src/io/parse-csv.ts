/**
 * Reading back the CSV files echolab writes (csv-cell.ts): RFC 4180 records
 * (quoted fields may hold commas, quotes and line breaks; `\n` or `\r\n`
 * line ends), with each cell's formula neutralisation undone, so a reader
 * sees the text the writer was given. Blank lines are skipped.
 *
 * Pure (no Node imports).
 */
import { restoreCsvText } from './csv-cell.js';

/** The records of a CSV text, each a list of cell values. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  // A line that is still empty when it ends is blank, not a record with one empty cell.
  let lineEmpty = true;
  const endCell = (): void => {
    record.push(restoreCsvText(cell));
    cell = '';
  };
  const endRecord = (): void => {
    if (!lineEmpty) {
      endCell();
      records.push(record);
    }
    record = [];
    cell = '';
    lineEmpty = true;
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      endRecord();
      continue;
    }
    lineEmpty = false;
    if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else cell += ch;
  }
  endRecord();
  return records;
}
