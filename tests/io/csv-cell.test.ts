/**
 * The cells every echolab CSV is made of (src/io/csv-cell.ts) and their
 * reader (src/io/parse-csv.ts): no text cell reaches a spreadsheet as a
 * formula, numbers are written as before, and reading back gives the text
 * that was written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, csvNumber, csvText, restoreCsvText } from '../../src/io/csv-cell.js';
import { parseCsv } from '../../src/io/parse-csv.js';
import { isFormulaRisk, rfc4180 } from '../support/csv-oracle.js';
import { hostileText, numberCell } from './csv-arbitraries.js';

describe('csv cells', () => {
  it('neutralise text a spreadsheet would run as a formula, and leave other text and numbers alone', () => {
    expect(csvText('=HYPERLINK("http://x.test","y")')).toBe(`"'=HYPERLINK(""http://x.test"",""y"")"`);
    expect(csvText('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvText('@SUM(1,2)')).toBe(`"'@SUM(1,2)"`);
    expect(csvText('-x')).toBe("'-x");
    expect(csvText('\tx')).toBe(`"'\tx"`);
    expect(csvText('\r=1')).toBe(`"'\r=1"`);
    // Text that is a plain decimal number is what a spreadsheet reads as that number: left alone.
    expect(['-1', '+0.5', '-2e-3', '-.5'].map(csvText)).toEqual(['-1', '+0.5', '-2e-3', '-.5']);
    expect(['-Inf', '-1-1', '+1 '].map(csvText)).toEqual(["'-Inf", "'-1-1", `"'+1 "`]);
    // A quote that is already there: one more before a trigger (so reading back is exact), none otherwise.
    expect(csvText("'=x")).toBe("''=x");
    expect(csvText("'hello")).toBe("'hello");
    expect(csvText('a=b')).toBe('a=b');
    expect([-0.5, -1, 1e-7, -1e21, NaN, Infinity, -Infinity].map(csvNumber)).toEqual(['-0.5', '-1', '1e-7', '-1e+21', '', 'Inf', '-Inf']);
  });

  it('no text cell is a formula risk, and reading it back gives the text (property)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const line = csvLine(['a', text, 'b']);
        const [raw] = rfc4180(`${line}\n`);
        expect(raw).toHaveLength(3);
        expect(isFormulaRisk(raw[1])).toBe(false);
        // At most one character is added, a leading quote.
        expect([text, `'${text}`]).toContain(raw[1]);
        expect(restoreCsvText(raw[1])).toBe(text);
        expect(parseCsv(`${line}\r\n${line}\n`)).toEqual([
          ['a', text, 'b'],
          ['a', text, 'b'],
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('numbers keep their shortest round-trip form, negative ones included (property)', () => {
    fc.assert(
      fc.property(numberCell, (x) => {
        const cell = csvNumber(x);
        expect(isFormulaRisk(cell)).toBe(false);
        if (Number.isNaN(x)) expect(cell).toBe('');
        else if (Number.isFinite(x)) {
          expect(cell).toBe(String(x));
          expect(Number(cell)).toBe(x === 0 ? 0 : x);
        } else expect(cell).toBe(x > 0 ? 'Inf' : '-Inf');
      }),
      { numRuns: 300 },
    );
  });
});
