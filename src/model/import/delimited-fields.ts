/**
 * Splitting one line of a delimited text file into fields: runs of blanks,
 * tabs, or commas with CSV quoting ("a, b" is one field, "" is a quote).
 * Shared by the edge-list and node-table readers so both accept the same
 * dialects.
 */
import { InputError } from '../errors.js';

export type Delimiter = 'whitespace' | 'tab' | 'comma';

export interface LineLocation {
  readonly file: string;
  readonly line: number;
}

/** Iterate the lines of a text with 1-based numbers, without building an array of them. */
export function* lines(text: string): Generator<[string, number]> {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let number = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop > start || end < text.length) yield [text.slice(start, stop), number];
    number++;
    start = end + 1;
  }
}

/** True for lines to skip: blank, or starting with `#` or `%` (comments). */
export function isBlankOrComment(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    return c === 35 /* # */ || c === 37 /* % */;
  }
  return true;
}

/** The delimiter of a line when none is forced: a tab, else a comma, else blanks. */
export function detectDelimiter(line: string): Delimiter {
  if (line.includes('\t')) return 'tab';
  if (line.includes(',')) return 'comma';
  return 'whitespace';
}

export function splitFields(line: string, delimiter: Delimiter, where: LineLocation): string[] {
  if (delimiter === 'whitespace') return line.trim().split(/[ \t]+/);
  const sep = delimiter === 'tab' ? '\t' : ',';
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && (line[i] === ' ' || (line[i] === '\t' && sep !== '\t'))) i++;
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1) throw new InputError(`malformed line: unterminated quoted field starting at column ${i + 1}`, where);
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      while (i < line.length && (line[i] === ' ' || (line[i] === '\t' && sep !== '\t'))) i++;
      if (i < line.length && line[i] !== sep) {
        throw new InputError(`malformed line: unexpected text after the quoted field ending at column ${i}`, where);
      }
      fields.push(value);
    } else {
      const next = line.indexOf(sep, i);
      const end = next === -1 ? line.length : next;
      fields.push(line.slice(i, end).trim());
      i = end;
    }
    if (i >= line.length) return fields;
    i++; // the separator
  }
}

/**
 * A field as the writer puts it: quoted when the reader would otherwise
 * misread it (surrounding blanks, a leading quote or comment sign, the
 * separator inside). Blank-separated files have no quoting.
 */
export function quoteField(value: string, delimiter: Delimiter): string {
  if (delimiter === 'whitespace') return value;
  const sep = delimiter === 'tab' ? '\t' : ',';
  if (/^[\s#%"]/.test(value) || /\s$/.test(value) || value.includes(sep)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
