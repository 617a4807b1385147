/**
 * Reading Twitter API v2 exports from disk (Node only: fs, zlib, crypto): a
 * file, or a folder searched recursively, of
 *   *.jsonl, *.ndjson   one page or one tweet per line, streamed;
 *   *.json              one page `{data, includes}` per file, read whole
 *                       (or JSON Lines misnamed .json: read line by line);
 * each optionally gzipped: gzip data is recognised by its magic number,
 * whatever the name (a `.gz` file of plain text is read as text). JSON
 * Lines are streamed in 1 MiB chunks (through one reused buffer, or zlib
 * for gzip data) and handed line by line to the pure
 * TwitterV2Accumulator, which keeps only compact per-tweet records, so a
 * file of any size is read in memory bounded by its number of tweets (not
 * its bytes). Lines end at \n, \r\n or \r, as for the in-memory parser, so
 * line numbers agree; a line that is not valid UTF-8 is malformed (never
 * decoded with replacement characters, which would merge distinct ids). A
 * truncated or corrupt gzip file is an InputError naming the file and the
 * line where its data stops (nothing read is kept). User ids are
 * pseudonymised as in read-archive.ts (a fresh random key per read unless
 * `key` is given).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, readdirSync, readSync, statSync, type ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import type { ArchiveCascade } from '../archive/archive-cascade.js';
import { followerPredicate, type FollowsPredicate } from '../archive/follower-predicate.js';
import { TwitterV2Accumulator, type ParsedTwitterV2 } from '../archive/parse-twitter-v2.js';
import type { TwitterV2RecordReader } from '../archive/twitter-v2-reader.js';
import { makeIdMapper, type PseudonymOptions } from '../archive/pseudonymise.js';
import { Utf8LineSplitter, invalidUtf8Message } from '../archive/utf8-lines.js';
import { InputError } from '../model/errors.js';
import { gzipProblem, readArchiveText } from './read-archive.js';
import { parseNetworkText } from './read-network-file.js';

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

/** Bytes [start, end) of a file. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
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
    if (!isTwitterV2FileName(path) && !fileHead(path).trimStart().startsWith('{')) {
      throw new InputError('not a Twitter v2 export file: expected JSON (a page {data, includes} or JSON lines), in a file named .json, .jsonl or .ndjson (optionally .gz) or not', { file: path });
    }
    // A file named otherwise (JSON by its content) is read whole, as a page or JSON lines alike.
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

/** The first bytes of a file as text, gunzipped when it holds gzip data (to tell a format by its content). */
export function fileHead(path: string, bytes = 65536): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    let data = buf.subarray(0, n);
    if (n >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
      try {
        data = gunzipSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
      } catch {
        return '';
      }
    }
    return data.toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

export function isGzipFile(path: string): boolean {
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
 * file and `onInvalid(lineNo, byte)` for every line that is not valid
 * UTF-8 (default: an InputError), streaming; `onBytes(n)` after each chunk
 * with the bytes read from disk so far. Rejects with an InputError when
 * the file cannot be read, naming the line where gzip data stops.
 */
export async function streamLines(
  path: string,
  onLine: (text: string, lineNo: number) => void,
  onBytes?: (bytesRead: number) => void,
  onInvalid?: (lineNo: number, byte: number) => void,
  range?: ByteRange,
): Promise<number> {
  let gz: boolean;
  try {
    gz = isGzipFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read archive file: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { file: path });
  }
  if (range !== undefined && gz) throw new Error('io/read-twitter-v2: a byte range of gzip data cannot be read on its own');
  const lines = new Utf8LineSplitter(
    onLine,
    onInvalid ??
      ((lineNo, byte) => {
        throw new InputError(invalidUtf8Message(byte), { file: path, line: lineNo });
      }),
    range === undefined || range.start === 0,
  );
  let raw: ReadStream | undefined;
  let input: Readable | undefined;
  let fh: FileHandle | undefined;
  try {
    if (gz) {
      raw = createReadStream(path, { highWaterMark: CHUNK });
      input = pipeline(raw, createGunzip({ chunkSize: CHUNK }), () => undefined);
      for await (const chunk of input) {
        lines.push(chunk as Buffer);
        onBytes?.(raw.bytesRead);
      }
    } else {
      // One buffer, reused: the splitter copies what it keeps, so no chunk waits for the collector.
      fh = await open(path, 'r');
      const buf = Buffer.allocUnsafe(CHUNK);
      let read = 0;
      const from = range?.start ?? 0;
      const to = range?.end ?? Infinity;
      for (;;) {
        const want = Math.min(CHUNK, to - from - read);
        if (want <= 0) break;
        const { bytesRead } = await fh.read(buf, 0, want, from + read);
        if (bytesRead === 0) break;
        read += bytesRead;
        lines.push(buf.subarray(0, bytesRead));
        onBytes?.(read);
      }
    }
    lines.end();
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code?.startsWith('Z_') === true) throw new InputError(`cannot read archive file: ${gzipProblem(e, true)}`, { file: path, line: lines.lines + 1 });
    throw new InputError(`cannot read archive file: ${e.code === 'ENOENT' ? 'no such file' : e.message}`, { file: path, line: lines.lines > 0 ? lines.lines : undefined });
  } finally {
    raw?.destroy();
    input?.destroy();
    await fh?.close();
  }
  return lines.lines;
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

/**
 * Feeds every file of `files` to `reader`, in order (JSON Lines streamed,
 * pages read whole, see the banner); `onProgress` after each chunk with
 * the bytes read so far and the total.
 */
export async function feedTwitterV2Files(files: readonly TwitterV2File[], reader: TwitterV2RecordReader, onProgress?: (bytesRead: number, totalBytes: number) => void): Promise<void> {
  const total = files.reduce((s, f) => s + f.bytes, 0);
  let done = 0;
  for (const f of files) {
    await feedTwitterV2File(f, reader, (b) => onProgress?.(done + b, total));
    done += f.bytes;
    onProgress?.(done, total);
  }
}

/**
 * Feeds one export file (or, for JSON Lines not gzipped, the lines of a
 * byte range of it that starts and ends at line breaks) to `reader`; line
 * numbers are counted from the range's start. Returns the lines read.
 */
export async function feedTwitterV2File(f: TwitterV2File, reader: TwitterV2RecordReader, onBytes?: (bytesRead: number) => void, range?: ByteRange): Promise<number> {
  if (f.kind === 'page') {
    const { text, invalid } = readArchiveText(f.path);
    const lines = text.split(/\r\n|\n|\r/);
    if (isJsonLines(text)) {
      lines.forEach((line, k) => {
        const bad = invalid.get(k + 1);
        if (bad !== undefined) reader.addInvalidLine(k + 1, bad, f.path);
        else reader.addLine(line, k + 1, f.path);
      });
    } else reader.addPageText(text, f.path, invalid);
    return lines.length;
  }
  return streamLines(
    f.path,
    (line, n) => reader.addLine(line, n, f.path),
    onBytes,
    (n, byte) => reader.addInvalidLine(n, byte, f.path),
    range,
  );
}

/** Reads a Twitter v2 export (file or folder, see the banner) into cleaned cascades. */
export async function readTwitterV2(path: string, options: ReadTwitterV2Options = {}): Promise<ParsedTwitterV2> {
  const files = twitterV2Files(path);
  const mapId = makeIdMapper('io/read-twitter-v2', options.keepRawIds === true ? options : { key: options.key ?? new Uint8Array(randomBytes(16)) });
  const acc = new TwitterV2Accumulator({
    file: path,
    strict: options.strict === true,
    mapId,
    followers: options.followers,
    deletions: options.deletions,
    keepProtected: options.keepProtected,
  });
  await feedTwitterV2Files(files, acc, options.onProgress);
  const visit = options.onCascade;
  return visit !== undefined ? { cascades: [], ...acc.finishEach(visit) } : acc.finish();
}

/**
 * A follower graph file (any network format read-network-file.ts reads;
 * an edge list line `a b` means a follows b) as a predicate on raw user ids.
 * `mapId`, if given, maps every id first (to the pseudonyms an import keys
 * authors by). It must be valid UTF-8 (ids that differ only in invalid bytes must not
 * merge): a line that is not is an InputError naming file and line.
 */
export function readFollowers(path: string, mapId?: (rawId: string) => string): { readonly follows: FollowsPredicate; readonly users: number; readonly edges: number } {
  const { text, invalid } = readArchiveText(path);
  if (invalid.size > 0) {
    const [line, byte] = [...invalid].sort((a, b) => a[0] - b[0])[0];
    throw new InputError(`${invalidUtf8Message(byte)}: user ids in a follower graph must be UTF-8 text`, { file: path, line });
  }
  const net = parseNetworkText(path, text);
  // With `mapId` the predicate takes mapped ids (the out-of-core import sees authors only as pseudonyms).
  return { follows: followerPredicate(mapId !== undefined ? net.ids.map(mapId) : net.ids, net.edges), users: net.ids.length, edges: net.edges.m };
}
