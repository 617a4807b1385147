/**
 * The GML syntax (M. Himsolt, "GML: A portable Graph File Format", Universität
 * Passau, 1997): a file is a list of `key value` pairs, a value is an integer,
 * a real, a "quoted string" or a nested `[ list ]`; `#` starts a comment to
 * the end of the line. Strings may span lines and carry character entities
 * (`&amp;`, `&#38;`, `&#x26;`) as the standard prescribes, and `\"` / `\\`
 * as some writers emit. Keys repeat freely (one `node [...]` per node).
 *
 * The tokenizer works on char codes and the parser keeps an explicit stack,
 * so deep nesting cannot overflow the call stack. Every entry remembers its
 * line for error messages.
 */
import { InputError } from '../errors.js';
import { NUMBER } from './imported-network.js';

export type GmlValue = number | string | GmlList;
export type GmlList = GmlEntry[];

export interface GmlEntry {
  readonly key: string;
  readonly value: GmlValue;
  /** Line of the key. */
  readonly line: number;
  /** The number as written, for ids too large for a double to keep exactly. */
  readonly raw?: string;
}

type Token =
  | { readonly kind: 'key'; readonly text: string; readonly line: number }
  | { readonly kind: 'number'; readonly value: number; readonly line: number; readonly raw?: string }
  | { readonly kind: 'string'; readonly value: string; readonly line: number }
  | { readonly kind: 'open' | 'close'; readonly line: number };

/** Bare words accepted as reals (NetworkX writes them). */
const SPECIAL_NUMBERS: Record<string, number> = { INF: Infinity, NAN: NaN, NaN: NaN, inf: Infinity, nan: NaN };

function isKeyStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isKeyPart(c: number): boolean {
  return isKeyStart(c) || (c >= 48 && c <= 57);
}

function isNumberPart(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 69 || c === 101;
}

function* tokenize(text: string, file: string): Generator<Token> {
  const keys = new Map<string, string>();
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
    } else if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      i++;
    } else if (c === 35 /* # */) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
    } else if (c === 91 /* [ */) {
      yield { kind: 'open', line };
      i++;
    } else if (c === 93 /* ] */) {
      yield { kind: 'close', line };
      i++;
    } else if (c === 34 /* " */) {
      const startLine = line;
      let j = i + 1;
      let escaped = false;
      for (;;) {
        if (j >= n) throw new InputError('syntax error: unterminated string', { file, line: startLine });
        const d = text.charCodeAt(j);
        if (d === 34) break;
        if (d === 92 /* \ */ && (text.charCodeAt(j + 1) === 34 || text.charCodeAt(j + 1) === 92)) {
          escaped = true;
          j += 2;
          continue;
        }
        if (d === 10) line++;
        j++;
      }
      let value = text.slice(i + 1, j);
      if (escaped) value = value.replace(/\\(["\\])/g, '$1');
      if (value.includes('&')) value = decodeEntities(value);
      yield { kind: 'string', value, line: startLine };
      i = j + 1;
    } else if (isKeyStart(c)) {
      let j = i + 1;
      while (j < n && isKeyPart(text.charCodeAt(j))) j++;
      // The same few keys repeat for every node and edge: share one string each.
      const word = text.slice(i, j);
      let shared = keys.get(word);
      if (shared === undefined) keys.set(word, (shared = word));
      yield { kind: 'key', text: shared, line };
      i = j;
    } else if (isNumberPart(c)) {
      let j = i + 1;
      while (j < n && isNumberPart(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      // A sign may also prefix a special value: -INF.
      if ((word === '-' || word === '+') && j < n && isKeyStart(text.charCodeAt(j))) {
        let k = j;
        while (k < n && isKeyPart(text.charCodeAt(k))) k++;
        const special = SPECIAL_NUMBERS[text.slice(j, k)];
        if (special !== undefined) {
          yield { kind: 'number', value: word === '-' ? -special : special, line, raw: text.slice(i, k) };
          i = k;
          continue;
        }
      }
      if (!NUMBER.test(word)) throw new InputError(`syntax error: malformed number "${word}"`, { file, line });
      const value = Number(word);
      // Keep the text only where a double loses it (ids beyond 2^53).
      yield Number.isSafeInteger(value) || !Number.isInteger(value) ? { kind: 'number', value, line } : { kind: 'number', value, line, raw: word };
      i = j;
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      throw new InputError(`syntax error: unexpected character ${JSON.stringify(ch)}`, { file, line });
    }
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character entities of the GML standard (ISO 8859-1 names and numeric references). */
export function decodeEntities(value: string): string {
  return value.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** The top-level list of a GML text. */
export function parseGmlSyntax(text: string, file: string): GmlList {
  const root: GmlList = [];
  // Each open list with the key and line that opened it.
  const stack: Array<{ list: GmlList; key: string; line: number }> = [];
  let current = root;
  let key: { text: string; line: number } | undefined;
  for (const token of tokenize(text, file)) {
    if (key === undefined) {
      if (token.kind === 'key') {
        key = { text: token.text, line: token.line };
        continue;
      }
      if (token.kind === 'close') {
        const top = stack.pop();
        if (top === undefined) throw new InputError('syntax error: unexpected "]" with no open list', { file, line: token.line });
        current = top.list;
        continue;
      }
      const what = token.kind === 'string' ? `string ${JSON.stringify(token.value)}` : token.kind === 'number' ? `number ${token.raw ?? token.value}` : '"["';
      throw new InputError(`syntax error: expected a key, found ${what}`, { file, line: token.line });
    }
    if (token.kind === 'open') {
      const list: GmlList = [];
      current.push({ key: key.text, value: list, line: key.line });
      stack.push({ list: current, key: key.text, line: key.line });
      current = list;
    } else if (token.kind === 'number') {
      current.push(token.raw === undefined ? { key: key.text, value: token.value, line: key.line } : { key: key.text, value: token.value, line: key.line, raw: token.raw });
    } else if (token.kind === 'string') {
      current.push({ key: key.text, value: token.value, line: key.line });
    } else if (token.kind === 'key' && SPECIAL_NUMBERS[token.text] !== undefined) {
      current.push({ key: key.text, value: SPECIAL_NUMBERS[token.text], line: key.line, raw: token.text });
    } else {
      const found = token.kind === 'key' ? `the word "${token.text}"` : '"]"';
      throw new InputError(`syntax error: key "${key.text}" has no value (found ${found})`, { file, line: token.line });
    }
    key = undefined;
  }
  if (key !== undefined) throw new InputError(`syntax error: key "${key.text}" has no value at the end of the file`, { file, line: key.line });
  const open = stack.pop();
  if (open !== undefined) throw new InputError(`syntax error: list "${open.key} [" is never closed`, { file, line: open.line });
  return root;
}
