/**
 * Strict UTF-8 decoding of archive text (src/archive/utf8-lines.ts) against
 * an independent oracle: split the bytes at line breaks by the definition
 * (\r\n, \n or \r; or \n only), decode each line with a fatal TextDecoder.
 * The whole-input decoder and the streaming splitter, fed the same bytes in
 * random chunks, must both agree with it line for line, so a line that is
 * not UTF-8 is reported and never merged into another through U+FFFD.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8LineSplitter, decodeUtf8Lines, firstInvalidUtf8, type LineBreaks } from '../../src/archive/utf8-lines.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Lines by definition: each either its text or 'invalid'. */
function oracle(bytes: Uint8Array, breaks: LineBreaks): (string | 'invalid')[] {
  const out: (string | 'invalid')[] = [];
  let start = 0;
  const cut = (end: number): void => {
    try {
      out.push(strict.decode(bytes.subarray(start, end)));
    } catch {
      out.push('invalid');
    }
  };
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10 || (breaks === 'any' && bytes[i] === 13)) {
      cut(i);
      if (bytes[i] === 13 && bytes[i + 1] === 10) i++;
      start = i + 1;
    }
  }
  cut(bytes.length);
  if (out.length > 0 && out[0] !== 'invalid') out[0] = (out[0] as string).replace(/^\ufeff/, '');
  return out;
}

// Bytes rich in line breaks, multi-byte characters, broken sequences and a BOM now and then.
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => new TextEncoder().encode(s)) },
  { weight: 2, arbitrary: fc.constantFrom([10], [13], [13, 10], [10, 13]).map((b) => new Uint8Array(b)) },
  { weight: 1, arbitrary: fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0x80], [0xef, 0xbb, 0xbf]).map((b) => new Uint8Array(b)) },
);
const input = fc.array(piece, { maxLength: 30 }).map((ps) => {
  const out = new Uint8Array(ps.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of ps) {
    out.set(p, at);
    at += p.length;
  }
  return out;
});

describe('strict UTF-8 lines', () => {
  it('firstInvalidUtf8 finds a bad byte exactly when a fatal TextDecoder rejects the bytes', () => {
    fc.assert(
      fc.property(fc.oneof(input, fc.uint8Array({ maxLength: 12 })), (bytes) => {
        const bad = firstInvalidUtf8(bytes);
        let ok = true;
        try {
          strict.decode(bytes);
        } catch {
          ok = false;
        }
        expect(bad === -1).toBe(ok);
        // The bytes before it are valid.
        if (bad >= 0) expect(() => strict.decode(bytes.subarray(0, bad))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('decodeUtf8Lines: the text of every valid line, the number of every invalid one, for both line-break rules', () => {
    fc.assert(
      fc.property(input, fc.constantFrom<LineBreaks>('any', 'lf'), (bytes, breaks) => {
        const want = oracle(bytes, breaks);
        const { text, invalid } = decodeUtf8Lines(bytes, breaks);
        const lines = breaks === 'any' ? text.split(/\r\n|\n|\r/) : text.split('\n');
        expect(lines.length).toBe(want.length);
        want.forEach((w, k) => {
          if (w === 'invalid') expect(invalid.has(k + 1)).toBe(true);
          else {
            expect(invalid.has(k + 1)).toBe(false);
            expect(lines[k]).toBe(w);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('Utf8LineSplitter: any chunking gives the oracle lines, numbered, with the first bad byte of each invalid one', () => {
    fc.assert(
      fc.property(input, fc.array(fc.nat(40), { maxLength: 8 }), (bytes, cuts) => {
        const got: (string | 'invalid')[] = [];
        const splitter = new Utf8LineSplitter(
          (s, n) => {
            expect(n).toBe(got.length + 1);
            got.push(s);
          },
          (n, byte) => {
            expect(n).toBe(got.length + 1);
            expect(byte).toBeGreaterThan(0);
            got.push('invalid');
          },
        );
        // Chunks at sorted cut points; each chunk handed in a buffer that is then scribbled over, as a reused read buffer is.
        const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const to of [...at, bytes.length]) {
          const chunk = bytes.slice(from, to);
          splitter.push(chunk);
          chunk.fill(0x41);
          from = to;
        }
        splitter.end();
        expect(splitter.lines).toBe(got.length);
        // The oracle's last line is the text after the last break: a line only if not empty.
        const want = oracle(bytes, 'any');
        if (want[want.length - 1] === '') want.pop();
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('two raw ids that differ only in bytes that are not UTF-8 are both invalid, at their first bad byte', () => {
    const bytes = new Uint8Array([0x31, 0xff, 0x0a, 0x31, 0xfe, 0x0a, 0x32, 0xc3, 0xa9]);
    const { text, invalid } = decodeUtf8Lines(bytes);
    expect([...invalid]).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(text.split('\n')[2]).toBe('2é');
  });
});
