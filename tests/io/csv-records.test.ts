/**
 * The RFC 4180 reader behind `echolab import` of a CSV of posts
 * (src/io/csv-records.ts, csv-parse). Property: any table written by an
 * independent RFC 4180 writer (tests/support/rfc4180-writer.ts) with
 * arbitrary cell text (commas, quotes, CR, LF, blanks, unicode, U+FEFF,
 * spreadsheet triggers), LF or CRLF line ends, a BOM or not, reads back
 * as the same rows, each starting on the line the writer put it on. By
 * hand: a broken row costs that row only, its first line is named, and
 * its content is never quoted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/io/csv-records.js';
import { rfc4180Write, type Rfc4180Style } from '../support/rfc4180-writer.js';

interface Read {
  readonly records: { fields: string[]; line: number; lastLine: number }[];
  readonly unreadable: { line: number; message: string }[];
}

function read(text: string): Read {
  const records: Read['records'] = [];
  const unreadable: Read['unreadable'] = [];
  readCsvRecords(new TextEncoder().encode(text), {
    record: (fields, line, lastLine) => records.push({ fields, line, lastLine }),
    unreadable: (line, message) => unreadable.push({ line, message }),
  });
  return { records, unreadable };
}

const piece = fc.oneof(
  fc.constantFrom(',', '"', '""', '\n', '\r', '\r\n', ' ', '\t', 'é', '😀', '\ufeff', "'", '=', '-1', 'ROOT', '#'),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const cell = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
const style: fc.Arbitrary<Rfc4180Style> = fc.record({ eol: fc.constantFrom('\n' as const, '\r\n' as const), quoteAll: fc.boolean(), bom: fc.boolean(), finalEol: fc.boolean() });
const table = fc.integer({ min: 2, max: 5 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 8 }));

describe('CSV records (csv-parse)', () => {
  it('property: a table written by an independent RFC 4180 writer reads back as the same rows, on the lines written', () => {
    fc.assert(
      fc.property(table, style, (rows, s) => {
        const text = rfc4180Write(rows, s);
        const r = read(text);
        expect(r.unreadable).toEqual([]);
        expect(r.records.map((x) => x.fields)).toEqual(rows);
        // Row k starts after the line breaks of the rows before it (\n counted, as in line numbers).
        let line = 1;
        rows.forEach((row, k) => {
          const written = rfc4180Write([row], { ...s, bom: false, finalEol: false });
          const breaks = written.split('\n').length - 1;
          expect(r.records[k].line).toBe(line);
          expect(r.records[k].lastLine).toBe(line + breaks);
          line += breaks + 1;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('quoted line breaks, CRLF, a BOM and blanks around fields and quotes', () => {
    const r = read('\ufeffpost_id,text\r\n1,"two\r\nlines, and ""quotes"""\r\n\r\n 2 , "x" \r\n3,a"b\r\n');
    expect(r.unreadable).toEqual([]);
    expect(r.records).toEqual([
      { fields: ['post_id', 'text'], line: 1, lastLine: 1 },
      { fields: ['1', 'two\r\nlines, and "quotes"'], line: 2, lastLine: 3 },
      // Line 4 is blank; blanks around fields and quotes go; a quote inside an unquoted field is text.
      { fields: ['2', 'x'], line: 5, lastLine: 5 },
      { fields: ['3', 'a"b'], line: 6, lastLine: 6 },
    ]);
    // A lone CR is text, not a line end (lines are counted at \n).
    expect(read('a,b\r1,2\n3,4\n').records.map((x) => [x.fields, x.line])).toEqual([
      [['a', 'b\r1', '2'], 1],
      [['3', '4'], 2],
    ]);
  });

  it('a broken row is named by its first line and costs only that row; its content is never quoted', () => {
    const secret = 'rawid-4711';
    // Line 2 opens a quote that the rest of the file never closes: reading resumes on line 3.
    const open = read(`a,b\n1,"${secret}\n2,3\n4,5`);
    expect(open.unreadable).toEqual([{ line: 2, message: expect.stringMatching(/^unterminated quoted field/) }]);
    expect(open.records.map((x) => [x.fields, x.line])).toEqual([
      [['a', 'b'], 1],
      [['2', '3'], 3],
      [['4', '5'], 4],
    ]);
    // Line 2's quote closes on line 4, followed by text: the row of line 2 is broken, and so is line 4 read on its own.
    const r = read(`a,b\n1,"${secret}\n2,3\n"${secret}"x,4\n5,"six\nlines"\n`);
    expect(r.unreadable.map((u) => u.line)).toEqual([2, 4]);
    for (const u of r.unreadable) expect(u.message).toMatch(/^text after the closing quote/);
    for (const u of [...r.unreadable, ...open.unreadable]) expect(u.message).not.toContain(secret);
    expect(r.records.map((x) => [x.fields, x.line, x.lastLine])).toEqual([
      [['a', 'b'], 1, 1],
      [['2', '3'], 3, 3],
      [['5', 'six\nlines'], 5, 6],
    ]);
  });
});
