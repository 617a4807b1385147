/**
 * Reading a propagation-tree archive in the Twitter15/16 layout from disk
 * (Node only: fs, zlib, crypto):
 *   <dir>/label.txt            label:source_id per line
 *   <dir>/tree/<id>.txt[.gz]   one propagation tree per source
 * Files are gunzipped when they hold gzip data. Parsing and cleaning are
 * done by the pure parsers in src/archive; this module only finds files and
 * sums the per-tree cleaning reports. User ids are pseudonymised with
 * SipHash-2-4 under `key`; without a key, a fresh random key is drawn for
 * each call (node:crypto), so pseudonyms are consistent within one read but
 * cannot be linked across reads — pass a secret `key` to make them stable.
 * `readPostTable` does the same for a CSV table of posts, and
 * `readDeletions` reads a deletions file (one post id per line).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ArchiveCascade } from '../archive/archive-cascade.js';
import { addCounts, emptyCounts, type CleaningCounts, type CleaningReport, type LineProblem } from '../archive/cleaning-report.js';
import { parseLabelFile } from '../archive/parse-label-file.js';
import { parseDeletions, type ParsedDeletions } from '../archive/parse-deletions.js';
import { parsePostTable, type ParsedPosts } from '../archive/parse-post-table.js';
import { parsePropagationTree } from '../archive/parse-propagation-tree.js';
import { makeIdMapper, type PseudonymOptions } from '../archive/pseudonymise.js';
import { InputError } from '../model/errors.js';

export interface ReadArchiveOptions extends PseudonymOptions {
  /** Stop at the first malformed line or missing tree file with an InputError (default false). */
  readonly strict?: boolean;
}

export interface ArchiveReport {
  /** Trees read (cascades returned plus files with no ROOT line). */
  readonly trees: number;
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

/** The file's text, gunzipped when it is gzip data (by magic number). */
export function readMaybeGzipped(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read archive file: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { file: path });
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new InputError(`cannot read archive file: corrupt gzip data (${(err as Error).message})`, { file: path });
    }
  }
  return bytes.toString('utf8');
}

/** Reads every labelled tree of a Twitter15/16-style folder, cleaned into cascades. */
export function readPropagationArchive(dir: string, options: ReadArchiveOptions = {}): PropagationArchive {
  const strict = options.strict === true;
  const mapId = makeIdMapper('io/read-archive', options.keepRawIds === true ? options : { key: options.key ?? new Uint8Array(randomBytes(16)) });
  const labelPath = join(dir, 'label.txt');
  const labels = parseLabelFile(readMaybeGzipped(labelPath), { file: labelPath, strict });
  const problems: LineProblem[] = [...labels.report.problems];
  const counts = emptyCounts();
  const perTree: CleaningReport[] = [];
  const cascades: ArchiveCascade[] = [];
  for (const entry of labels.entries) {
    const base = join(dir, 'tree', `${entry.sourceId}.txt`);
    const path = existsSync(base) ? base : existsSync(`${base}.gz`) ? `${base}.gz` : undefined;
    if (path === undefined) {
      const message = `no tree file tree/${entry.sourceId}.txt or .txt.gz for this label`;
      if (strict) throw new InputError(message, { file: labelPath, line: entry.line });
      problems.push({ file: labelPath, line: entry.line, message });
      continue;
    }
    const parsed = parsePropagationTree(readMaybeGzipped(path), { file: path, sourceId: entry.sourceId, label: entry.label, strict, mapId });
    perTree.push(parsed.report);
    addCounts(counts, parsed.report.counts);
    if (parsed.cascade !== undefined) cascades.push(parsed.cascade);
  }
  return { cascades, report: { trees: perTree.length, counts, problems, labelFile: labels.report, perTree } };
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
  return parsePostTable(readMaybeGzipped(path), { file: path, strict: options.strict === true, mapId, deletions: options.deletions, keepProtected: options.keepProtected });
}

/** Reads a deletions file (optionally gzipped): one post id per line; see parseDeletions. */
export function readDeletions(path: string, options: { readonly strict?: boolean } = {}): ParsedDeletions {
  return parseDeletions(readMaybeGzipped(path), { file: path, strict: options.strict === true });
}
