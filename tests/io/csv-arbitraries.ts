/**
 * fast-check arbitraries for the CSV tests: text biased towards what breaks
 * CSV files and spreadsheets (formula triggers first, quotes, commas, line
 * breaks, leading quotes, number-like text), and numbers with negative
 * values, zeros and non-finite ones.
 */
import fc from 'fast-check';

const HEADS = ['', '', '=', '+', '-', '@', '\t', '\r', '\n', "'", "'=", "''+", ' ', '"', ',', '-1', '+0.5', '-2e-3', '=HYPERLINK("http://x.test","y")', '@SUM(1,2)', '+cmd|calc', '-Inf'];
const TAILS = ['', '', ',', '"', '\n', '\r\n', ' ', '1', '=1+1'];

export const hostileText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...HEADS), fc.string({ maxLength: 10 }), fc.constantFrom(...TAILS))
  .map(([head, body, tail]) => head + body + tail);

export const numberCell: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(-0.5, -1, -0, 0, NaN, Infinity, -Infinity, -1e-7, -1e21),
);
