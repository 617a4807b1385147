/**
 * Reading Twitter API v2 exports from disk (Node only: fs, zlib, crypto): a
 * file, or a folder searched recursively, of
 *   *.jsonl, *.ndjson   one page or one tweet per line, streamed;
 *   *.json              one page `{data, includes}` per file, read whole
 *                       (or JSON Lines misnamed .json: read line by line);
 * each optionally gzipped (`.gz`, recognised by its magic number). JSON
 * Lines are streamed in 1 MiB chunks (through one reused buffer, or zlib
 * for gzip data) and handed line by line to the pure
 * TwitterV2Accumulator, which keeps only compact per-tweet records, so a
 * file of any size is read in memory bounded by its number of tweets (not
 * its bytes). Lines end at \n, \r\n or \r, as for the in-memory parser, so
 * line numbers agree; invalid UTF-8 becomes U+FFFD (and the line is then
 * usually malformed JSON, reported with its number). User ids are
 * pseudonymised as in read-archive.ts (a fresh random key per read unless
 * `key` is given).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, readdirSync, readSync, statSync, type ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ArchiveCascade } from '../archive/archive-cascade.js';
import { followerPredicate, type FollowsPredicate } from '../archive/follower-predicate.js';
import { TwitterV2Accumulator, type ParsedTwitterV2 } from '../archive/parse-twitter-v2.js';
import { makeIdMapper, type PseudonymOptions } from '../archive/pseudonymise.js';
import { InputError } from '../model/errors.js';
import { readMaybeGzipped } from './read-archive.js';
import { readNetworkFile } from './read-network-file.js';

export interface ReadTwitterV2Options extends PseudonymOptions {
  /** Stop at the first malformed line or record with an InputError (default false). */
  readonly strict?: boolean;
  /** Follower relation on raw user ids: enables the follower rule for retweets (see readFollowers). */
  readonly followers?: FollowsPredicate;
  /** Ids of tweets deleted since collection: dropped. */
  readonly deletions?: ReadonlySet<string>;
  /** Keep tweets of protected accounts (default false: drop them). */
  readonly keepProtected?: boolean;
  /** Called after each chunk read with the bytes read so far and the total (file sizes on disk, compressed when gzipped). */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Receives each cascade in turn; the cascades are then not kept (the result's `cascades` is empty), which bounds memory for large exports. */
  readonly onCascade?: (cascade: ArchiveCascade) => void;
}

export interface TwitterV2File {
  readonly path: string;
  readonly kind: 'page' | 'jsonl';
  readonly bytes: number;
}

const JSONL = /\.(?:jsonl|ndjson)(?:\.gz)?$/i;
const PAGE = /\.json(?:\.gz)?$/i;
const CHUNK = 1 << 20;

/** Whether `name` is a Twitter v2 export file by its extension. */
export function isTwitterV2FileName(name: string): boolean {
  return JSONL.test(name) || PAGE.test(name);
}

/** The export files at `path` (the file itself, or a folder's files recursively, in name order). */
export function twitterV2Files(path: string): TwitterV2File[] {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read Twitter v2 export: ${code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`, { file: path });
  }
  if (!st.isDirectory()) {
    if (!isTwitterV2FileName(path)) throw new InputError('not a Twitter v2 export file: expected a name ending in .json, .jsonl or .ndjson (optionally .gz)', { file: path });
    return [{ path, kind: JSONL.test(path) ? 'jsonl' : 'page', bytes: st.size }];
  }
  const out: TwitterV2File[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && isTwitterV2FileName(e.name)) out.push({ path: p, kind: JSONL.test(e.name) ? 'jsonl' : 'page', bytes: statSync(p).size });
    }
  };
  walk(path);
  if (out.length === 0) throw new InputError('no Twitter v2 export files (.json, .jsonl or .ndjson, optionally .gz) in this folder', { file: path });
  return out;
}

function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/**
 * Calls `onLine(text, lineNo)` for every line of the (optionally gzipped)
 * file, streaming; `onBytes(n)` after each chunk with the bytes read from
 * disk so far. Rejects with an InputError when the file cannot be read.
 */
export async function streamLines(path: string, onLine: (text: string, lineNo: number) => void, onBytes?: (bytesRead: number) => void): Promise<number> {
  let gz: boolean;
  try {
    gz = isGzipFile(path);
  } catch (err) {
    throw new InputError(`cannot read archive file: ${(err as Error).message}`, { file: path });
  }
  const decoder = new TextDecoder('utf-8');
  const breaks = /\r\n|\n|\r/g;
  const pieces: string[] = [];
  let lineNo = 0;
  let skipLf = false;
  const emit = (): void => {
    const line = pieces.length === 1 ? pieces[0] : pieces.join('');
    pieces.length = 0;
    onLine(line, ++lineNo);
  };
  const take = (s: string, last: boolean): void => {
    let from = 0;
    if (skipLf && s.length > 0) {
      if (s.charCodeAt(0) === 10) from = 1;
      skipLf = false;
    }
    breaks.lastIndex = from;
    for (let m = breaks.exec(s); m !== null; m = breaks.exec(s)) {
      pieces.push(s.slice(from, m.index));
      emit();
      from = breaks.lastIndex;
      // A chunk ending in \r may continue with \n: one line break, not two.
      if (m[0] === '\r' && from === s.length && !last) skipLf = true;
    }
    if (from < s.length) pieces.push(s.slice(from));
    if (last && pieces.length > 0) emit();
  };
  let raw: ReadStream | undefined;
  let input: Readable | undefined;
  let fh: FileHandle | undefined;
  try {
    if (gz) {
      raw = createReadStream(path, { highWaterMark: CHUNK });
      input = pipeline(raw, createGunzip({ chunkSize: CHUNK }), () => undefined);
      for await (const chunk of input) {
        take(decoder.decode(chunk as Buffer, { stream: true }), false);
        onBytes?.(raw.bytesRead);
      }
    } else {
      // One buffer, reused: the decoded string is a copy, so no chunk waits for the collector.
      fh = await open(path, 'r');
      const buf = Buffer.allocUnsafe(CHUNK);
      let read = 0;
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
        if (bytesRead === 0) break;
        read += bytesRead;
        take(decoder.decode(buf.subarray(0, bytesRead), { stream: true }), false);
        onBytes?.(read);
      }
    }
    take(decoder.decode(), true);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as NodeJS.ErrnoException;
    const what = e.code === 'ENOENT' ? 'no such file' : e.code?.startsWith('Z_') === true ? `corrupt gzip data (${e.message})` : e.message;
    throw new InputError(`cannot read archive file: ${what}`, { file: path, line: lineNo > 0 ? lineNo : undefined });
  } finally {
    raw?.destroy();
    input?.destroy();
    await fh?.close();
  }
  return lineNo;
}

/**
 * Whether a .json file is really JSON Lines (as some collection tools name
 * them): the whole text is not one JSON value but its first non-blank line
 * is a JSON object by itself.
 */
function isJsonLines(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    const first = /^\s*(\S[^\r\n]*)/.exec(text)?.[1];
    if (first === undefined) return false;
    try {
      const v: unknown = JSON.parse(first);
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    } catch {
      return false;
    }
  }
}

/** Reads a Twitter v2 export (file or folder, see the banner) into cleaned cascades. */
export async function readTwitterV2(path: string, options: ReadTwitterV2Options = {}): Promise<ParsedTwitterV2> {
  const files = twitterV2Files(path);
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const mapId = makeIdMapper('io/read-twitter-v2', options.keepRawIds === true ? options : { key: options.key ?? new Uint8Array(randomBytes(16)) });
  const acc = new TwitterV2Accumulator({
    file: path,
    strict: options.strict === true,
    mapId,
    followers: options.followers,
    deletions: options.deletions,
    keepProtected: options.keepProtected,
  });
  let done = 0;
  for (const f of files) {
    if (f.kind === 'page') {
      const text = readMaybeGzipped(f.path);
      if (isJsonLines(text)) text.split(/\r\n|\n|\r/).forEach((line, k) => acc.addLine(line, k + 1, f.path));
      else acc.addPageText(text, f.path);
    } else await streamLines(f.path, (line, n) => acc.addLine(line, n, f.path), (b) => options.onProgress?.(done + b, total));
    done += f.bytes;
    options.onProgress?.(done, total);
  }
  const visit = options.onCascade;
  return visit !== undefined ? { cascades: [], ...acc.finishEach(visit) } : acc.finish();
}

/**
 * A follower graph file (any network format read-network-file.ts reads;
 * an edge list line `a b` means a follows b) as a predicate on raw user ids.
 */
export function readFollowers(path: string): { readonly follows: FollowsPredicate; readonly users: number; readonly edges: number } {
  const net = readNetworkFile(path);
  return { follows: followerPredicate(net.ids, net.edges), users: net.ids.length, edges: net.edges.m };
}
