/**
 * Reading a propagation-tree archive in the Twitter15/16 layout from disk
 * (Node only: fs, zlib, crypto):
 *   <dir>/label.txt            label:source_id per line
 *   <dir>/tree/<id>.txt[.gz]   one propagation tree per source
 * Files are gunzipped when they hold gzip data (by magic number, whatever
 * their name); a truncated or corrupt gzip file is an InputError naming the
 * file and the line where its data stops. Text is decoded strictly: lines
 * that are not UTF-8 are malformed (utf8-lines.ts), never decoded with
 * replacement characters. Parsing and cleaning are done by the pure parsers
 * in src/archive; this module only finds files and sums the per-tree
 * cleaning reports. With `hideSourceIds`, tree files are named in reports
 * and errors by their label line, `tree/(source of label.txt:3).txt`, as
 * their real names are source ids. User ids are pseudonymised with
 * SipHash-2-4 under `key`; without a key, a fresh random key is drawn for
 * each call (node:crypto), so pseudonyms are consistent within one read but
 * cannot be linked across reads — pass a secret `key` to make them stable.
 * Cascades are keyed by the label file's id; a ROOT line naming another
 * post is kept as the cascade's `rootPost` and counted (`rootPostDiffers`).
 * `direction: 'child-parent'` reads tree files whose lines run child ->
 * parent. `readPostTable` does the same for a CSV table of posts (RFC 4180,
 * see parse-post-table.ts), and `readDeletions` reads a deletions file (one
 * post id per line).
 */
import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import type { ArchiveCascade } from '../archive/archive-cascade.js';
import { addCounts, emptyCounts, type CleaningCounts, type CleaningReport, type LineProblem } from '../archive/cleaning-report.js';
import { parseLabelFile } from '../archive/parse-label-file.js';
import { parseDeletions, type ParsedDeletions } from '../archive/parse-deletions.js';
import type { ParsedPosts } from '../archive/post-table-builder.js';
import { parsePropagationTree, type EdgeDirection } from '../archive/parse-propagation-tree.js';
import { makeIdMapper, type PseudonymOptions } from '../archive/pseudonymise.js';
import { decodeUtf8Lines, invalidUtf8Lines, type DecodedLines, type LineBreaks } from '../archive/utf8-lines.js';
import { parsePostTable } from './parse-post-table.js';
import { InputError } from '../model/errors.js';

export interface ReadArchiveOptions extends PseudonymOptions {
  /** Stop at the first malformed line or missing tree file with an InputError (default false). */
  readonly strict?: boolean;
  /** Name tree files by their label line in reports and errors, not by their names, which are source ids (default false). */
  readonly hideSourceIds?: boolean;
  /** Which way tree lines run (default `parent-child`; `child-parent` for reply-tree files written child -> parent). */
  readonly direction?: EdgeDirection;
}

export interface ArchiveReport {
  /** Trees read (cascades returned plus files with no ROOT line). */
  readonly trees: number;
  /** Labels whose tree file is missing. */
  readonly missingTrees: number;
  /** Tree files with no ROOT line (no cascade). */
  readonly treesWithoutRoot: number;
  /** Cascades whose ROOT line names another post than their label line (kept under the label's id; see ArchiveCascade.rootPost). */
  readonly rootPostDiffers: number;
  /** Cleaning counts summed over every tree file. */
  readonly counts: CleaningCounts;
  /** Label-file problems and missing tree files. */
  readonly problems: LineProblem[];
  readonly labelFile: CleaningReport;
  readonly perTree: CleaningReport[];
}

export interface PropagationArchive {
  readonly cascades: ArchiveCascade[];
  readonly report: ArchiveReport;
}

/** The number of the line in which `bytes` end (line breaks as `breaks`). */
function lineReached(bytes: Uint8Array, breaks: LineBreaks): number {
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 10) line++;
    else if (c === 13 && breaks === 'any' && bytes[i + 1] !== 10) line++;
  }
  return line;
}

/** Why gzip data could not be read, for an error that names the file (and the line where the data stops). */
export function gzipProblem(err: unknown, atLine: boolean): string {
  const e = err as NodeJS.ErrnoException;
  const where = atLine ? ': its data stops in this line' : '';
  return e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e.message) ? `gzip data ends early (truncated file?)${where}` : `corrupt gzip data (${e.message})${where}`;
}

/**
 * The file's bytes, gunzipped when they are gzip data (by magic number,
 * whatever the name). `file` names it in errors (default: the path).
 */
export function readArchiveBytes(path: string, file: string = path, breaks: LineBreaks = 'any'): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read archive file: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { file });
  }
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (err) {
    // What could be read before the data stops tells the line reached.
    let partial: Uint8Array | undefined;
    try {
      partial = gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      partial = undefined;
    }
    throw new InputError(`cannot read archive file: ${gzipProblem(err, partial !== undefined)}`, { file, line: partial !== undefined ? lineReached(partial, breaks) : undefined });
  }
}

/** The file's text (gunzipped if need be), decoded strictly: see decodeUtf8Lines. */
export function readArchiveText(path: string, file: string = path, breaks: LineBreaks = 'any'): DecodedLines {
  return decodeUtf8Lines(readArchiveBytes(path, file, breaks), breaks);
}

/** Reads every labelled tree of a Twitter15/16-style folder, cleaned into cascades. */
export function readPropagationArchive(dir: string, options: ReadArchiveOptions = {}): PropagationArchive {
  const strict = options.strict === true;
  const mapId = makeIdMapper('io/read-archive', options.keepRawIds === true ? options : { key: options.key ?? new Uint8Array(randomBytes(16)) });
  const labelPath = join(dir, 'label.txt');
  const labelText = readArchiveText(labelPath);
  const labels = parseLabelFile(labelText.text, { file: labelPath, strict, invalidUtf8: labelText.invalid });
  const problems: LineProblem[] = [...labels.report.problems];
  const counts = emptyCounts();
  const perTree: CleaningReport[] = [];
  const cascades: ArchiveCascade[] = [];
  let missingTrees = 0;
  let rootPostDiffers = 0;
  for (const entry of labels.entries) {
    const base = join(dir, 'tree', `${entry.sourceId}.txt`);
    const path = existsSync(base) ? base : existsSync(`${base}.gz`) ? `${base}.gz` : undefined;
    if (path === undefined) {
      const message = 'no tree file tree/<source id>.txt or .txt.gz for this label';
      if (strict) throw new InputError(message, { file: labelPath, line: entry.line });
      problems.push({ file: labelPath, line: entry.line, message });
      missingTrees++;
      continue;
    }
    const file = options.hideSourceIds === true ? join(dir, 'tree', `(source of label.txt:${entry.line}).txt`) : path;
    const text = readArchiveText(path, file);
    const parsed = parsePropagationTree(text.text, { file, sourceId: entry.sourceId, label: entry.label, strict, mapId, invalidUtf8: text.invalid, direction: options.direction });
    perTree.push(parsed.report);
    addCounts(counts, parsed.report.counts);
    if (parsed.cascade !== undefined) {
      cascades.push(parsed.cascade);
      if (parsed.cascade.rootPost !== parsed.cascade.sourceId) rootPostDiffers++;
    }
  }
  return { cascades, report: { trees: perTree.length, missingTrees, treesWithoutRoot: perTree.length - cascades.length, rootPostDiffers, counts, problems, labelFile: labels.report, perTree } };
}

export interface ReadPostTableOptions extends PseudonymOptions {
  /** Stop at the first malformed row with an InputError (default false). */
  readonly strict?: boolean;
  /** Ids of posts deleted since collection: dropped. */
  readonly deletions?: ReadonlySet<string>;
  /** Keep posts marked in the `protected` column (default false: drop them). */
  readonly keepProtected?: boolean;
}

/** Reads a CSV post table (optionally gzipped) into cascades, one per source post; see parsePostTable. */
export function readPostTable(path: string, options: ReadPostTableOptions = {}): ParsedPosts {
  const mapId = makeIdMapper('io/read-archive', options.keepRawIds === true ? options : { key: options.key ?? new Uint8Array(randomBytes(16)) });
  // CSV records end at \n or \r\n, so lines are counted at \n only; the bytes go to the CSV reader undecoded.
  const bytes = readArchiveBytes(path, path, 'lf');
  const invalidUtf8 = isUtf8(bytes) ? undefined : invalidUtf8Lines(bytes, 'lf');
  return parsePostTable(bytes, { file: path, strict: options.strict === true, mapId, deletions: options.deletions, keepProtected: options.keepProtected, invalidUtf8 });
}

/** Reads a deletions file (optionally gzipped): one post id per line; see parseDeletions. */
export function readDeletions(path: string, options: { readonly strict?: boolean } = {}): ParsedDeletions {
  const text = readArchiveText(path);
  return parseDeletions(text.text, { file: path, strict: options.strict === true, invalidUtf8: text.invalid });
}
