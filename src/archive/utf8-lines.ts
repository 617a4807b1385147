/**
 * Archive text decoded strictly: a line holding bytes that are not valid
 * UTF-8 is reported (by number, with the position of its first bad byte)
 * instead of being decoded with U+FFFD replacement characters, which would
 * merge distinct raw ids (two ids differing only in their invalid bytes
 * would both read as "\uFFFD…"). Line breaks are ASCII bytes, never part
 * of a multi-byte sequence, so lines are split on bytes before decoding;
 * line numbers then agree with the parsers' own splitting. A byte-order
 * mark at the start of the input is dropped. The fast path decodes whole
 * blocks at once and looks at single lines only when a block is invalid.
 * Pure (TextDecoder only), so it runs in the browser too.
 */

/**
 * Where lines end: `any` at \r\n, \n or \r (the archive parsers);
 * `lf` at \n only (the delimited-fields `lines()` reader of post tables).
 */
export type LineBreaks = 'any' | 'lf';

export interface DecodedLines {
  /** The text, with any invalid bytes replaced by U+FFFD: read the lines listed in `invalid` as malformed, never as text. */
  readonly text: string;
  /** 1-based number of each line that is not valid UTF-8 → 1-based byte of its first bad byte. Empty when all is valid. */
  readonly invalid: ReadonlyMap<number, number>;
}

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const NONE: ReadonlyMap<number, number> = new Map();

/** The problem message for a line that is not valid UTF-8 (no content: only where). */
export function invalidUtf8Message(byte: number): string {
  return `not valid UTF-8 (byte ${byte} of the line)`;
}

function dropBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Strict decoding, or undefined when `bytes` are not valid UTF-8. */
function decodeStrict(bytes: Uint8Array): string | undefined {
  try {
    return fatal.decode(bytes);
  } catch (err) {
    if (err instanceof TypeError) return undefined;
    throw err;
  }
}

/**
 * Index of the first byte of the first invalid UTF-8 sequence in
 * `b[from, to)`, or −1 (the rules of the WHATWG decoder: no overlong forms,
 * no surrogates, nothing above U+10FFFF, no truncated sequence).
 */
export function firstInvalidUtf8(b: Uint8Array, from = 0, to = b.length): number {
  let i = from;
  while (i < to) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= to) return i;
      const d = b[i + k];
      if (d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Calls `visit(from, to, lineNo)` for each line of `b[from, to)` (the last one even if empty), numbered from `first`. */
function forEachLine(b: Uint8Array, breaks: LineBreaks, visit: (from: number, to: number, lineNo: number) => void, from = 0, to = b.length, first = 1): number {
  let lineNo = first;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c === 10 || (c === 13 && breaks === 'any')) {
      visit(start, i, lineNo++);
      if (c === 13 && i + 1 < to && b[i + 1] === 10) i++;
      start = i + 1;
    }
  }
  visit(start, to, lineNo);
  return lineNo;
}

/** The lines of `bytes` that are not valid UTF-8 (line → 1-based byte of its first bad byte), without decoding them; empty when all is valid. */
export function invalidUtf8Lines(bytes: Uint8Array, breaks: LineBreaks = 'any'): ReadonlyMap<number, number> {
  if (firstInvalidUtf8(bytes) === -1) return NONE;
  const invalid = new Map<number, number>();
  forEachLine(bytes, breaks, (from, to, lineNo) => {
    const bad = firstInvalidUtf8(bytes, from, to);
    if (bad >= 0) invalid.set(lineNo, bad - from + 1);
  });
  return invalid;
}

/** The whole input decoded, with the lines that are not valid UTF-8 listed (see the banner). */
export function decodeUtf8Lines(bytes: Uint8Array, breaks: LineBreaks = 'any'): DecodedLines {
  const text = decodeStrict(bytes);
  if (text !== undefined) return { text: dropBom(text), invalid: NONE };
  const invalid = new Map<number, number>();
  forEachLine(bytes, breaks, (from, to, lineNo) => {
    const bad = firstInvalidUtf8(bytes, from, to);
    if (bad >= 0) invalid.set(lineNo, bad - from + 1);
  });
  return { text: dropBom(lenient.decode(bytes)), invalid };
}

function firstBreak(b: Uint8Array, from: number): number {
  const n = b.indexOf(10, from);
  const r = b.indexOf(13, from);
  return n < 0 ? r : r < 0 ? n : Math.min(n, r);
}

function lastBreak(b: Uint8Array, from: number): number {
  const at = Math.max(b.lastIndexOf(10), b.lastIndexOf(13));
  return at >= from ? at : -1;
}

/**
 * Streams bytes into lines (ending at \r\n, \n or \r, also across chunk
 * boundaries): `onLine(text, lineNo)` for each valid line, blank ones
 * included, `onInvalid(lineNo, byte)` for each line that is not valid
 * UTF-8. Chunks may be reused by the caller after `push` returns.
 */
export class Utf8LineSplitter {
  private carry: Uint8Array[] = [];
  private carryBytes = 0;
  private skipLf = false;
  private line = 0;
  private static readonly breaks = /\r\n|\n|\r/g;

  /**
   * `atStart`: the bytes begin at the start of the input (default), so a
   * byte-order mark opening line 1 is dropped; false for a part of a file
   * read from the middle (a range read by another thread), whose line 1 is
   * not the file's.
   */
  constructor(
    private readonly onLine: (text: string, lineNo: number) => void,
    private readonly onInvalid: (lineNo: number, byte: number) => void,
    private readonly atStart = true,
  ) {}

  /** Lines handed on so far (the next line is number `lines + 1`). */
  get lines(): number {
    return this.line;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.skipLf && chunk.length > 0) {
      if (chunk[0] === 10) start = 1;
      this.skipLf = false;
    }
    const last = lastBreak(chunk, start);
    if (last < 0) {
      if (start < chunk.length) this.keep(chunk.subarray(start));
      return;
    }
    const first = firstBreak(chunk, start);
    this.emit(this.withCarry(chunk.subarray(start, first)));
    const from = first + (chunk[first] === 13 && first + 1 < chunk.length && chunk[first + 1] === 10 ? 2 : 1);
    // Whole lines from `from` through the break at `last`, decoded as one block when valid.
    if (from <= last) {
      const block = chunk.subarray(from, last + 1);
      const text = decodeStrict(block);
      if (text !== undefined) {
        const re = Utf8LineSplitter.breaks;
        re.lastIndex = 0;
        let at = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          this.onLine(text.slice(at, m.index), ++this.line);
          at = re.lastIndex;
        }
      } else {
        // The block ends with a break, so its "line" after the last break is empty: not a line.
        forEachLine(block, 'any', (a, b) => {
          if (a < block.length) this.emit(block.subarray(a, b));
        });
      }
    }
    // A \r ending the chunk may be the first half of \r\n.
    if (chunk[last] === 13 && last === chunk.length - 1) this.skipLf = true;
    if (last + 1 < chunk.length) this.keep(chunk.subarray(last + 1));
  }

  /** Hands on the last line, if the input does not end with a line break. */
  end(): void {
    if (this.carryBytes > 0) this.emit(this.withCarry(new Uint8Array(0)));
  }

  private keep(bytes: Uint8Array): void {
    // A copy (a Buffer's slice() would be a view of the caller's reused buffer).
    this.carry.push(new Uint8Array(bytes));
    this.carryBytes += bytes.length;
  }

  private withCarry(head: Uint8Array): Uint8Array {
    if (this.carryBytes === 0) return head;
    const out = new Uint8Array(this.carryBytes + head.length);
    let at = 0;
    for (const c of this.carry) {
      out.set(c, at);
      at += c.length;
    }
    out.set(head, at);
    this.carry = [];
    this.carryBytes = 0;
    return out;
  }

  private emit(bytes: Uint8Array): void {
    const lineNo = ++this.line;
    const text = decodeStrict(bytes);
    if (text === undefined) this.onInvalid(lineNo, firstInvalidUtf8(bytes) + 1);
    else this.onLine(lineNo === 1 && this.atStart ? dropBom(text) : text, lineNo);
  }
}
