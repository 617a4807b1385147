/**
 * `echolab import`: reads a real propagation archive (a Twitter15/16-style
 * folder, a CSV table of posts, or a Twitter API v2 export: a .json page,
 * a .jsonl file or a folder of them, optionally gzipped), cleans it into
 * cascades and writes
 *   <out>/cascades.csv  one row per cascade: source id, label, size, depth,
 *                       max breadth, structural virality (and, for
 *                       Twitter15/16, root_post: the post the ROOT line names);
 *   <out>/trees.csv     the cleaned trees, one row per entry (trees-table.ts),
 *                       so the folder reads back as an archive
 *                       (read-imported-archive.ts);
 *   <out>/report.json   the import's kind and format, what the cleaning fixed
 *                       or skipped (counts), what was dropped for privacy, and
 *                       the first line problems.
 * The cleaning report goes to stderr, the output directory to stdout (as
 * for `echolab run`); a v2 export shows a progress bar on stderr while it
 * streams. Nothing raw leaves the importer by default: user ids never reach
 * the output; source post ids (which lead to their authors) are written as
 * keyed pseudonyms, `p` + SipHash-2-4 under the same key as user ids (a
 * fresh random one unless `--key`), so whoever holds the key can join them
 * to raw ids; `--keep-ids` writes them as they are. Problems name file,
 * line and field, never the content (with `--keep-ids` too: the line is in
 * the researcher's copy); Twitter15/16 tree files, named by source id, are
 * named by their label line unless `--keep-ids`. Posts of protected
 * accounts and posts listed in a `--deletions` file are dropped unless
 * `--keep-protected` is given (deletions always apply). An import that
 * yields no cascade writes nothing and is an EmptyImportError (exit 2)
 * giving the counts of what was rejected and a hint. `--strict` stops at
 * malformed input only: the documented quirks of an archive (duplicate
 * lines, self-loops, edges into the root, extra parents, negative delays, a
 * ROOT line naming another post than the label file) are repaired and
 * counted with or without it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ArchiveCascade } from '../archive/archive-cascade.js';
import { emptyCounts, type CleaningCounts, type LineProblem } from '../archive/cleaning-report.js';
import type { RetweetAttachment, TwitterV2Counts, TwitterV2Report } from '../archive/parse-twitter-v2.js';
import { deriveKey, makeIdMapper, type IdMapper } from '../archive/pseudonymise.js';
import { writeCleanedImport } from '../io/cascade-files.js';
import { applyDeletions } from './apply-deletions.js';
import { IMPORT_FILES, IMPORT_MARKER, keyCheck } from '../io/import-folder.js';
import { commitFolder, stagingFolder } from '../io/folder-swap.js';
import { WorkDatabase, combinedReport, streamTwitterV2 } from '../io/import-twitter-v2-out-of-core.js';
import { InputError } from '../model/errors.js';
import { EDGE_DIRECTIONS, type EdgeDirection } from '../archive/parse-propagation-tree.js';
import { readDeletions, readPostTable, readPropagationArchive } from '../io/read-archive.js';
import { IMPORT_FORMATS, IMPORT_KIND, type ImportFormat } from '../io/read-imported-archive.js';
import { TreesTable } from '../io/trees-table.js';
import { isTwitterV2FileName, readFollowers, readTwitterV2, twitterV2Files } from '../io/read-twitter-v2.js';
import { computeMetrics } from '../sim/metrics/metrics-registry.js';
import { checkOutDir, makeOutDir } from '../runner/out-dir.js';
import { UsageError, flagValue, type ParsedArgs } from './parse-args.js';
import { ByteProgress, type ProgressStream } from '../runner/progress.js';
import { tableCsv, type Table } from '../runner/result-tables.js';
import { displayDir } from '../runner/run-folder.js';
import { selectionOfFormat } from '../compare/cascade-selection.js';

export { IMPORT_FORMATS, type ImportFormat };

/** Line problems printed on the terminal; report.json keeps every one the parsers listed. */
export const PROBLEMS_SHOWN = 20;

export interface ImportOptions {
  readonly input: string;
  /** Default: by content (see detectImportFormat). */
  readonly format?: ImportFormat;
  /** Default: results/import/<input name>. */
  readonly out?: string;
  readonly strict?: boolean;
  /** twitter15: which way tree lines run (default parent-child). */
  readonly direction?: EdgeDirection;
  /** Hold raw user ids while reading (none is written either way). */
  readonly keepRawIds?: boolean;
  /** Write source post ids as they are (default: keyed pseudonyms). */
  readonly keepIds?: boolean;
  readonly key?: string;
  /** A file of deleted post ids, one per line (twitter-v2, posts-csv). */
  readonly deletions?: string;
  /** A follower graph file, `a b` = a follows b (twitter-v2): retweets attached by the follower rule. */
  readonly followers?: string;
  /** Keep posts of protected accounts (default false). */
  readonly keepProtected?: boolean;
  readonly cwd: string;
  /** Where the progress of a streamed read goes (default: none). */
  readonly progress?: ProgressStream;
  /**
   * twitter-v2: 'duckdb' (default) cleans out of core in an embedded
   * database and also writes Parquet (posts, cascades, trees); 'memory'
   * cleans in JavaScript memory (the browser's path) and writes the CSV
   * files only.
   */
  readonly engine?: ImportEngine;
  /** The out-of-core engine's memory limit, as DuckDB reads it (default '768MB'). */
  readonly memoryLimit?: string;
}

export const IMPORT_ENGINES = ['duckdb', 'memory'] as const;
export type ImportEngine = (typeof IMPORT_ENGINES)[number];

/** Refuses an output folder that holds files an import does not write (the import replaces the folder whole). */
export function checkImportTarget(dir: string, flag: string | undefined): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const other = names.filter((n) => !(IMPORT_FILES as readonly string[]).includes(n));
  if (other.length > 0) {
    const what = `${flag !== undefined ? `\`--out\` (${JSON.stringify(flag)})` : `the folder ${dir}`} holds files an import does not write (${other.slice(0, 5).join(', ')}${other.length > 5 ? ', ...' : ''})`;
    throw new UsageError(`echolab import: ${what}: an import replaces its folder whole; choose a new or empty folder${flag === undefined ? ' with --out' : ''}`);
  }
}

/** Posts dropped for privacy, and what was asked. */
export interface PrivacyOutcome {
  readonly protectedDropped: number;
  readonly deletedDropped: number;
  /** Ids in the deletions file (0 without one). */
  readonly deletionsListed: number;
  /** User ids pseudonymised while reading (false with --raw-ids); none is written either way. */
  readonly pseudonymised: boolean;
  /** How cascades.csv gives source post ids. */
  readonly sourceIds: 'pseudonymised' | 'raw';
  /** Whether the pseudonym key was given (stable across imports) rather than drawn afresh. */
  readonly keyGiven: boolean;
}

export interface ImportOutcome {
  readonly dir: string;
  readonly format: ImportFormat;
  /** Tree files (twitter15), source posts (posts-csv) or tweet records read (twitter-v2). */
  readonly trees: number;
  readonly cascades: number;
  readonly counts: CleaningCounts;
  readonly privacy: PrivacyOutcome;
  /** twitter-v2 only: the importer's own counts and how retweets were attached. */
  readonly twitter?: TwitterV2Counts;
  readonly retweetAttachment?: RetweetAttachment;
  /** Every problem the parsers listed (each file lists at most MAX_PROBLEMS). */
  readonly problems: LineProblem[];
  /** Problems counted but not listed. */
  readonly problemsOmitted: number;
  /** twitter15 only: cascades whose ROOT line names another post than the label file (kept under the label's id). */
  readonly rootPostDiffers?: number;
  /** posts-csv only: rows whose parent_id names no post that has a row. */
  readonly unknownParents?: number;
}

const SHAPE = ['cascade.size', 'cascade.depth', 'cascade.max-breadth', 'cascade.structural-virality'];

/** The input's name without archive suffixes: `twitter15`, `posts.csv.gz` → `posts`, `tweets.jsonl` → `tweets`. */
function inputName(input: string): string {
  const base = path.basename(path.resolve(input));
  return base.replace(/(\.(csv|txt|tsv|json|jsonl|ndjson))?(\.gz)?$/i, '') || 'input';
}

/** The rows of cascades.csv and trees.csv, added one cascade at a time (so a streamed import need not keep the trees). */
class CascadeRows {
  readonly cols = { source_id: [] as string[], label: [] as (string | null)[], size: [] as number[], depth: [] as number[], max_breadth: [] as number[], structural_virality: [] as number[], root_post: [] as string[] };
  readonly trees = new TreesTable();

  /** `sourceId` maps a raw post id to what is written; `rootPosts`: write the root_post column (Twitter15/16). */
  constructor(
    private readonly sourceId: IdMapper,
    readonly rootPosts: boolean,
  ) {}

  add(c: ArchiveCascade): void {
    const cols = this.cols;
    const m = computeMetrics(SHAPE, c.tree);
    const id = this.sourceId(c.sourceId);
    cols.source_id.push(id);
    cols.label.push(c.label ?? null);
    cols.size.push(m['cascade.size']);
    cols.depth.push(m['cascade.depth']);
    cols.max_breadth.push(m['cascade.max-breadth']);
    cols.structural_virality.push(m['cascade.structural-virality']);
    if (this.rootPosts) cols.root_post.push(this.sourceId(c.rootPost ?? c.sourceId));
    this.trees.add(id, c.tree);
  }

  get count(): number {
    return this.cols.source_id.length;
  }

  /** The smallest cascade written (what the archive's own selection kept). */
  get minSize(): number {
    let m = Infinity;
    for (const x of this.cols.size) if (x < m) m = x;
    return Number.isFinite(m) ? m : 0;
  }
}

function cascadesTable(rows: CascadeRows): Table {
  const cols = rows.cols;
  return {
    name: 'cascades',
    rows: rows.count,
    columns: [
      { name: 'source_id', type: 'STRING', values: cols.source_id },
      { name: 'label', type: 'STRING', values: cols.label },
      { name: 'size', type: 'INT32', values: cols.size },
      { name: 'depth', type: 'INT32', values: cols.depth },
      { name: 'max_breadth', type: 'INT32', values: cols.max_breadth },
      { name: 'structural_virality', type: 'DOUBLE', values: cols.structural_virality },
      ...(rows.rootPosts ? [{ name: 'root_post', type: 'STRING' as const, values: cols.root_post }] : []),
    ],
  };
}

function hasV2Files(dir: string): boolean {
  try {
    return twitterV2Files(dir).length > 0;
  } catch (err) {
    if (err instanceof InputError) return false;
    throw err;
  }
}

/**
 * The format of an existing input when it is unambiguous: a folder with
 * label.txt is twitter15, a folder of .json/.jsonl/.ndjson[.gz] files is
 * twitter-v2 (both: ambiguous, a UsageError); a file named like a v2
 * export is twitter-v2, any other file posts-csv.
 */
export function detectImportFormat(input: string, shownAs: string = input): ImportFormat {
  if (!statSync(input).isDirectory()) return isTwitterV2FileName(input) ? 'twitter-v2' : 'posts-csv';
  const label = existsSync(path.join(input, 'label.txt'));
  const v2 = hasV2Files(input);
  if (label && v2) throw new UsageError(`echolab import: ${shownAs} holds both label.txt and .json/.jsonl files: say which with --format twitter15 or --format twitter-v2`);
  if (v2) return 'twitter-v2';
  if (label) return 'twitter15';
  throw new UsageError(
    `echolab import: ${shownAs} is neither a Twitter15/16-style folder (label.txt and tree/<id>.txt[.gz]) nor a folder of Twitter v2 exports (.json, .jsonl or .ndjson, optionally .gz)`,
  );
}

/** Reads, cleans and writes one archive; throws UsageError/InputError for bad input. */
export async function importArchive(o: ImportOptions): Promise<ImportOutcome> {
  const input = path.resolve(o.cwd, o.input);
  if (!existsSync(input)) throw new UsageError(`echolab import: no such folder or file: ${o.input}`);
  const isDir = statSync(input).isDirectory();
  const format: ImportFormat = o.format ?? detectImportFormat(input, o.input);
  if (format === 'twitter15' && !isDir) {
    throw new UsageError(`echolab import: --format twitter15 needs a folder holding label.txt and tree/, got the file ${o.input}`);
  }
  if (format === 'posts-csv' && isDir) throw new UsageError(`echolab import: --format posts-csv needs a CSV file, got the folder ${o.input}`);
  if (format === 'twitter15' && !existsSync(path.join(input, 'label.txt'))) {
    throw new UsageError(`echolab import: no label.txt in ${o.input}: expected a Twitter15/16-style folder (label.txt and tree/<id>.txt[.gz])`);
  }
  if (o.followers !== undefined && format !== 'twitter-v2') throw new UsageError(`echolab import: --followers applies to --format twitter-v2 only (the input is ${format})`);
  if (o.direction !== undefined && format !== 'twitter15') {
    throw new UsageError(`echolab import: --direction applies to --format twitter15 only (tree files of edge lines; the input is ${format}, whose columns or fields name the parent)`);
  }
  if (o.deletions !== undefined && format === 'twitter15') {
    throw new UsageError('echolab import: --deletions applies to twitter-v2 and posts-csv; Twitter15/16 trees carry no per-post deletion state');
  }
  const existing = (flag: string, file: string): string => {
    const p = path.resolve(o.cwd, file);
    if (!existsSync(p) || statSync(p).isDirectory()) throw new UsageError(`echolab import: --${flag}: no such file: ${file}`);
    return p;
  };
  const deletionsPath = o.deletions !== undefined ? existing('deletions', o.deletions) : undefined;
  const followersPath = o.followers !== undefined ? existing('followers', o.followers) : undefined;

  const engine: ImportEngine = o.engine ?? 'duckdb';
  if (!(IMPORT_ENGINES as readonly string[]).includes(engine)) throw new UsageError(`echolab import: invalid \`--engine\` (${JSON.stringify(engine)}): expected ${IMPORT_ENGINES.join(' or ')}`);
  const outOfCore = format === 'twitter-v2' && engine === 'duckdb';
  if (o.memoryLimit !== undefined && !outOfCore) throw new UsageError('echolab import: --memory-limit applies to the out-of-core engine (twitter-v2 with --engine duckdb)');
  const dir = path.resolve(o.cwd, o.out ?? path.join('results', 'import', inputName(input)));
  const outSource = { command: 'import', ...(o.out !== undefined ? { flag: o.out } : {}) };
  checkOutDir(dir, outSource);
  checkImportTarget(dir, o.out);

  // One key for user and source pseudonyms, so that both join under it.
  const key: string | Uint8Array = o.key ?? new Uint8Array(randomBytes(16));
  const keyBytes = typeof key === 'string' ? deriveKey(key) : key;
  const pseudonyms = o.keepRawIds === true ? { keepRawIds: true } : { key };
  const keepIds = o.keepIds === true;
  const shown = (p: string): string => displayDir(p, o.cwd);
  const strict = o.strict === true;
  const rows = new CascadeRows(keepIds ? (id) => id : makeIdMapper('cli/import', { key }, 'p'), format === 'twitter15');
  let empty: EmptyCause = {};
  let trees: number;
  let counts: CleaningCounts;
  const problems: LineProblem[] = [];
  let problemsOmitted = 0;
  let protectedDropped = 0;
  let deletedDropped = 0;
  let twitter: TwitterV2Counts | undefined;
  let retweetAttachment: RetweetAttachment | undefined;
  let rootPostDiffers: number | undefined;
  let unknownParents: number | undefined;
  let written = { cascades: 0, entries: 0, minSize: 0 };

  let deletions: ReadonlySet<string> | undefined;
  if (deletionsPath !== undefined) {
    const d = readDeletions(deletionsPath, { strict });
    deletions = d.ids;
    problems.push(...d.report.problems);
    problemsOmitted += d.report.problemsOmitted;
  }

  // Everything is written into a staging folder beside `dir`, which replaces it only when complete (folder-swap.ts).
  const staging = stagingFolder(dir, IMPORT_MARKER);
  // The outermost folder this import creates: removed again if it writes nothing.
  let created = staging;
  while (!existsSync(path.dirname(created))) created = path.dirname(created);
  const discard = (): void => rmSync(created, { recursive: true, force: true });
  try {
    if (format === 'twitter15') {
      const archive = readPropagationArchive(input, { strict, ...pseudonyms, hideSourceIds: !keepIds, direction: o.direction });
      rootPostDiffers = archive.report.rootPostDiffers;
      empty = { labels: archive.report.labelFile.counts.lines - archive.report.labelFile.counts.malformedLines, missingTrees: archive.report.missingTrees, treesWithoutRoot: archive.report.treesWithoutRoot, direction: o.direction };
      for (const c of archive.cascades) rows.add(c);
      trees = archive.report.trees;
      counts = archive.report.counts;
      problems.push(...archive.report.problems);
      for (const r of archive.report.perTree) {
        problems.push(...r.problems);
        problemsOmitted += r.problemsOmitted;
      }
    } else if (format === 'posts-csv') {
      const posts = readPostTable(input, { strict, ...pseudonyms, deletions, keepProtected: o.keepProtected === true });
      for (const c of posts.cascades) rows.add(c);
      trees = posts.cascades.length;
      counts = { ...emptyCounts(), ...posts.report.counts };
      problems.push(...posts.report.problems);
      problemsOmitted += posts.report.problemsOmitted;
      protectedDropped = posts.report.privacy.protectedDropped;
      deletedDropped = posts.report.privacy.deletedDropped;
      unknownParents = posts.report.unknownParents;
    } else {
      const bar = o.progress !== undefined ? new ByteProgress({ stream: o.progress, label: 'reading' }) : undefined;
      let parsed: { report: TwitterV2Report; retweetAttachment: RetweetAttachment };
      if (outOfCore) {
        // Authors are pseudonymised as they are read, so the follower graph is keyed the same way.
        const userId = makeIdMapper('cli/import', { key: keyBytes }, 'u');
        const followers = followersPath !== undefined ? readFollowers(followersPath, userId).follows : undefined;
        makeOutDir(staging, outSource);
        const db = await WorkDatabase.open(path.join(staging, '.work'), { memoryLimit: o.memoryLimit });
        try {
          let stream;
          try {
            stream = await streamTwitterV2(db, twitterV2Files(input), {
              file: input,
              strict,
              key: keyBytes,
              keepIds,
              deletions,
              keepProtected: o.keepProtected === true,
              onProgress: bar && ((b, t) => bar.update(b, t)),
            });
          } finally {
            bar?.end();
          }
          const out = await writeCleanedImport(db, staging, followers);
          parsed = combinedReport(stream, out.counts, followers !== undefined);
          written = { cascades: out.cascades, entries: out.entries, minSize: out.minSize };
        } finally {
          db.close();
        }
      } else {
        const followers = followersPath !== undefined ? readFollowers(followersPath).follows : undefined;
        try {
          parsed = await readTwitterV2(input, {
            strict,
            ...pseudonyms,
            deletions,
            followers,
            keepProtected: o.keepProtected === true,
            onProgress: bar && ((b, t) => bar.update(b, t)),
            onCascade: (c) => rows.add(c),
          });
        } finally {
          bar?.end();
        }
      }
      twitter = parsed.report.twitter;
      retweetAttachment = parsed.retweetAttachment;
      trees = twitter.tweets;
      counts = { ...emptyCounts(), ...parsed.report.counts };
      problems.push(...parsed.report.problems);
      problemsOmitted += parsed.report.problemsOmitted;
      protectedDropped = twitter.protectedDropped;
      deletedDropped = twitter.deletedDropped;
    }
    if (!outOfCore) written = { cascades: rows.count, entries: rows.trees.entries, minSize: rows.minSize };
  } catch (err) {
    discard();
    throw err;
  }
  const privacy: PrivacyOutcome = {
    protectedDropped,
    deletedDropped,
    deletionsListed: deletions?.size ?? 0,
    pseudonymised: outOfCore || o.keepRawIds !== true,
    sourceIds: keepIds ? 'raw' : 'pseudonymised',
    keyGiven: o.key !== undefined,
  };
  const listed = problems.map((p) => ({ ...p, file: shown(p.file) }));
  if (written.cascades === 0) {
    // Nothing usable: write nothing (an earlier import in `dir` stays as it was) and say why.
    discard();
    const outcome = { format, trees, cascades: 0, counts, privacy, twitter, retweetAttachment, problems: listed, problemsOmitted, rootPostDiffers, unknownParents };
    throw new EmptyImportError(outcome, shown(input), emptyImportReason(outcome, empty));
  }
  if (!outOfCore) {
    makeOutDir(staging, outSource);
    writeFileSync(path.join(staging, 'cascades.csv'), tableCsv(cascadesTable(rows)));
    rows.trees.write(path.join(staging, 'trees.csv'));
  }
  const report = {
    kind: IMPORT_KIND,
    input: shown(input),
    format,
    ...(format === 'twitter15' ? { direction: o.direction ?? 'parent-child' } : {}),
    ...(format === 'twitter-v2' ? { engine } : {}),
    // How these cascades were selected, for `compare` and `calibrate` to select the simulated ones alike.
    selection: { ...selectionOfFormat(format), minSize: written.minSize },
    trees,
    cascades: written.cascades,
    entries: written.entries,
    ...(rootPostDiffers !== undefined ? { rootPostDiffers } : {}),
    ...(unknownParents !== undefined ? { unknownParents } : {}),
    counts,
    privacy: {
      ...privacy,
      deletionsFile: deletionsPath !== undefined ? shown(deletionsPath) : null,
      // Lets `--apply-deletions` check a key it is given, without storing the key.
      ...(keepIds || (o.keepRawIds === true && !outOfCore) ? {} : { keyCheck: keyCheck(keyBytes) }),
    },
    ...(twitter !== undefined ? { twitter, retweetAttachment, followersFile: followersPath !== undefined ? shown(followersPath) : null } : {}),
    // So that --apply-deletions can check it is given the same follower graph.
    ...(followersPath !== undefined ? { followersDigest: createHash('sha256').update(readFileSync(followersPath)).digest('hex') } : {}),
    ...(outOfCore ? { files: { posts: 'posts.parquet', cascades: ['cascades.csv', 'cascades.parquet'], trees: ['trees.csv', 'trees.parquet'] }, deletionsApplied: [] } : {}),
    problems: listed,
    problemsOmitted,
  };
  writeFileSync(path.join(staging, IMPORT_MARKER), `${JSON.stringify(report, null, 2)}\n`);
  commitFolder(staging, dir);
  return { dir, format, trees, cascades: written.cascades, counts, privacy, twitter, retweetAttachment, problems: listed, problemsOmitted, rootPostDiffers, unknownParents };
}

/** What only a Twitter15/16 folder can lack. */
interface EmptyCause {
  /** Well-formed label lines. */
  readonly labels?: number;
  readonly missingTrees?: number;
  readonly treesWithoutRoot?: number;
  /** How tree lines were read. */
  readonly direction?: EdgeDirection;
}

/** An import that yielded no cascade: nothing was written. Carries the cleaning report, to be shown. */
export class EmptyImportError extends InputError {
  constructor(readonly outcome: Omit<ImportOutcome, 'dir'>, input: string, reason: string) {
    super(reason, { file: input });
    this.name = 'EmptyImportError';
  }
}

const HINT: Record<ImportFormat, string> = {
  twitter15: "tree lines must read ['uid', 'tweet_id', 'delay']->['uid', 'tweet_id', 'delay'] (is this a Twitter15/16 folder?)",
  'posts-csv': 'rows need post_id, parent_id, user_id and timestamp in the columns the header names, timestamps as numbers or ISO 8601 dates (is this a CSV of posts? else give --format twitter15 or twitter-v2)',
  'twitter-v2': 'expected JSON pages {data, includes} or tweet objects with id, author_id and created_at, one per line (is this a Twitter API v2 export? else give --format posts-csv)',
};

/** Why an import yielded no cascade: the counts of what was rejected, and a hint. */
export function emptyImportReason(out: Omit<ImportOutcome, 'dir'>, cause: EmptyCause = {}): string {
  const c = out.counts;
  const p = out.privacy;
  const what: string[] = [];
  const count = (n: number | undefined, s: string): void => {
    if (n !== undefined && n > 0) what.push(`${n} ${s}`);
  };
  count(c.malformedLines, 'malformed');
  count(cause.missingTrees, 'labels without a tree file');
  count(cause.treesWithoutRoot, 'tree files without a ROOT line');
  count(p.protectedDropped, 'posts of protected accounts dropped');
  count(p.deletedDropped, 'deleted posts dropped');
  count(c.unreachableNodesDropped, 'posts not reachable from a source post');
  const unit = out.format === 'twitter15' ? 'lines in its tree files' : 'lines';
  const head = `nothing usable: 0 cascades from ${c.lines} ${unit}${what.length > 0 ? ` (${what.join(', ')})` : ''}; nothing was written`;
  let hint: string;
  if (out.format === 'twitter15' && cause.labels === 0) hint = 'label.txt holds no label:source_id line';
  else if (out.format === 'twitter15' && cause.missingTrees !== undefined && cause.missingTrees > 0 && c.lines === 0) hint = 'no label has its tree file tree/<source id>.txt[.gz]';
  else if (c.lines === 0) hint = 'the input holds no data lines';
  else if (c.malformedLines > 0 && c.malformedLines >= c.lines) hint = HINT[out.format];
  else if (p.protectedDropped > 0) hint = '--keep-protected keeps the posts of protected accounts';
  else if (p.deletedDropped > 0) hint = 'the deletions file lists every source post';
  else if (cause.treesWithoutRoot !== undefined && cause.treesWithoutRoot > 0) {
    hint =
      cause.direction === 'child-parent'
        ? "with --direction child-parent each tree file needs a line [source]->['ROOT', 'ROOT', '0.0']"
        : "each tree file needs a line ['ROOT', 'ROOT', '0.0']->[source] (lines that run child -> parent need --direction child-parent)";
  }
  else if (c.unreachableNodesDropped > 0) hint = out.format === 'posts-csv' ? 'no post is a source: a source post has an empty parent_id' : 'no tweet is a source: every one replies to or retweets a tweet that is not in the export';
  else hint = HINT[out.format];
  return `${head}. Hint: ${hint}`;
}

const UNIT: Record<ImportFormat, string> = { twitter15: 'tree files', 'posts-csv': 'source posts', 'twitter-v2': 'tweet records' };

/** The cleaning report as printed: counts, then at most PROBLEMS_SHOWN problems as file:line: message. */
export function cleaningReportText(out: Omit<ImportOutcome, 'dir'>, input: string): string {
  const c = out.counts;
  const rows: [string, number][] = [
    ['lines read', c.lines],
    ['malformed lines (skipped)', c.malformedLines],
    ['duplicate lines', c.duplicateLines],
    ['self-loops', c.selfLoops],
    ['edges into the root', c.edgesIntoRoot],
    ['extra ROOT lines', c.extraRootLines],
    ['extra parents dropped', c.extraParentsDropped],
    ['unreachable nodes dropped', c.unreachableNodesDropped],
    ['negative delays fixed', c.negativeDelaysFixed],
    ['delays raised to the parent\'s', c.delaysRaisedToParent],
  ];
  if (out.rootPostDiffers !== undefined) rows.push(['ROOT line names another post', out.rootPostDiffers]);
  if (out.unknownParents !== undefined) rows.push(['rows with an unknown parent', out.unknownParents]);
  if (out.format !== 'twitter15') {
    rows.push(['protected posts dropped', out.privacy.protectedDropped], ['deleted posts dropped', out.privacy.deletedDropped]);
  }
  const t = out.twitter;
  if (t !== undefined) {
    rows.push(
      ['tweets in includes.tweets', t.includedTweets],
      ['user records', t.users],
      ['quotes rooting a cascade', t.quotesAsRoots],
      ['retweets by follower rule', t.retweetsByFollowerRule],
      ['retweets under the original', t.retweetsToRoot],
    );
  }
  const lines = [`echolab: import ${input} (${out.format}): ${out.cascades} cascades from ${out.trees} ${UNIT[out.format]}`];
  for (const [name, n] of rows) lines.push(`  ${name.padEnd(30)} ${n}`);
  if (out.retweetAttachment !== undefined) {
    lines.push(
      out.retweetAttachment === 'follower-rule'
        ? 'retweets: attached by the time-respecting follower rule (to the latest earlier retweeter or original author the retweeter follows)'
        : 'retweets: attached to the retweeted tweet (no --followers graph given; true parents are not in v2 data)',
    );
  }
  if (!out.privacy.pseudonymised) lines.push('note: raw user ids were kept while reading (--raw-ids)');
  if (out.privacy.sourceIds === 'raw') lines.push('source ids: written as they are (--keep-ids)');
  else if (out.privacy.keyGiven) lines.push('source ids: keyed pseudonyms under --key (p + SipHash-2-4), stable across imports');
  else lines.push('source ids: pseudonyms under a fresh random key (--key K makes them stable and joinable, --keep-ids keeps them)');
  const total = out.problems.length + out.problemsOmitted;
  if (total > 0) {
    lines.push(`problems (${total}${total > PROBLEMS_SHOWN ? `, first ${PROBLEMS_SHOWN} shown` : ''}):`);
    for (const p of out.problems.slice(0, PROBLEMS_SHOWN)) lines.push(`  ${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
    if (total > PROBLEMS_SHOWN) lines.push(`  ... and ${total - PROBLEMS_SHOWN} more (listed in report.json, up to 50 per file)`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the command. Bad input is reported here (message on stderr, exit
 * code 2, as cliMain does), so the returned promise never rejects for it
 * even where the caller returns it without awaiting.
 */
export async function importCommand(args: ParsedArgs, io: { readonly stdout: ProgressStream; readonly stderr: ProgressStream; readonly cwd: string }): Promise<number> {
  try {
    return await runImport(args, io);
  } catch (err) {
    if (err instanceof UsageError) io.stderr.write(`${err.message}\n`);
    else if (err instanceof EmptyImportError) io.stderr.write(`${cleaningReportText(err.outcome, args.positionals[0] ?? '')}echolab: ${err.message}\n`);
    else if (err instanceof InputError) {
      // The file as the problems list names it: relative to the working directory when inside it.
      const f = err.file;
      io.stderr.write(`echolab: ${f !== undefined && err.message.startsWith(f) ? displayDir(f, io.cwd) + err.message.slice(f.length) : err.message}\n`);
    }
    else throw err;
    return 2;
  }
}

/** Flags that make no sense with --apply-deletions (it rewrites the folder it is given, by that import's settings). */
const NOT_WITH_APPLY = ['format', 'out', 'direction', 'raw-ids', 'keep-ids', 'deletions', 'keep-protected', 'engine'];

async function runApplyDeletions(args: ParsedArgs, file: string, io: { readonly stdout: ProgressStream; readonly stderr: ProgressStream; readonly cwd: string }): Promise<number> {
  const clash = NOT_WITH_APPLY.find((f) => flagValue(args, f) !== undefined || args.switches.has(f));
  if (clash !== undefined) throw new UsageError(`echolab import: --apply-deletions rewrites an existing import by its own settings: give no --${clash}`);
  const dirArg = args.positionals[0];
  const dir = path.resolve(io.cwd, dirArg);
  const deletions = path.resolve(io.cwd, file);
  if (!existsSync(deletions) || statSync(deletions).isDirectory()) throw new UsageError(`echolab import: --apply-deletions: no such file: ${file}`);
  const followers = flagValue(args, 'followers');
  if (followers !== undefined && !existsSync(path.resolve(io.cwd, followers))) throw new UsageError(`echolab import: --followers: no such file: ${followers}`);
  const { applied, problems } = await applyDeletions({
    dir,
    deletions,
    key: flagValue(args, 'key'),
    followers: followers !== undefined ? path.resolve(io.cwd, followers) : undefined,
    strict: args.switches.has('strict'),
    memoryLimit: memoryLimitFlag(args),
  });
  const shownDir = displayDir(dir, io.cwd);
  const skipped = problems > 0 ? ` (${problems} malformed lines of ${file} skipped)` : '';
  if (applied === null) io.stderr.write(`echolab: none of the posts listed in ${file} is in ${shownDir}: nothing changed${skipped}\n`);
  else {
    io.stderr.write(
      `echolab: removed ${applied.removed} of ${applied.listed} listed posts from ${shownDir}, and ${applied.dependentsRemoved} posts that hung under them; ` +
        `entries ${applied.entriesBefore} -> ${applied.entriesAfter}, cascades ${applied.cascadesBefore} -> ${applied.cascadesAfter} (recorded in report.json)${skipped}\n`,
    );
  }
  io.stdout.write(`${shownDir}\n`);
  return 0;
}

function engineFlag(args: ParsedArgs): ImportEngine | undefined {
  const v = flagValue(args, 'engine');
  if (v !== undefined && !(IMPORT_ENGINES as readonly string[]).includes(v)) throw new UsageError(`echolab import: invalid \`--engine\` (${JSON.stringify(v)}): expected ${IMPORT_ENGINES.join(' or ')}`);
  return v as ImportEngine | undefined;
}

/** A DuckDB memory size: a number and a unit (KB, MB, GB, KiB, MiB, GiB). */
const MEMORY_SIZE = /^\d+(?:\.\d+)?\s*(?:[KMGT]i?B)$/i;

function memoryLimitFlag(args: ParsedArgs): string | undefined {
  const v = flagValue(args, 'memory-limit');
  if (v !== undefined && !MEMORY_SIZE.test(v)) throw new UsageError(`echolab import: invalid \`--memory-limit\` (${JSON.stringify(v)}): expected a size such as 512MB, 1GB or 2GiB`);
  return v;
}

async function runImport(args: ParsedArgs, io: { readonly stdout: ProgressStream; readonly stderr: ProgressStream; readonly cwd: string }): Promise<number> {
  if (args.positionals.length !== 1) {
    throw new UsageError(
      args.positionals.length === 0
        ? 'echolab import: name a Twitter15-style folder, a posts CSV or a Twitter v2 export, e.g. `echolab import ../data/twitter15`'
        : `echolab import: one folder or file at a time (got ${args.positionals.map((p) => JSON.stringify(p)).join(', ')})`,
    );
  }
  const deletionsAfter = flagValue(args, 'apply-deletions');
  if (deletionsAfter !== undefined) return runApplyDeletions(args, deletionsAfter, io);
  const format = flagValue(args, 'format');
  if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`echolab import: invalid \`--format\` (${JSON.stringify(format)}): expected ${IMPORT_FORMATS.join(' or ')}`);
  }
  const direction = flagValue(args, 'direction');
  if (direction !== undefined && !(EDGE_DIRECTIONS as readonly string[]).includes(direction)) {
    throw new UsageError(`echolab import: invalid \`--direction\` (${JSON.stringify(direction)}): expected ${EDGE_DIRECTIONS.join(' or ')} (which way each tree line runs)`);
  }
  const key = flagValue(args, 'key');
  if (key !== undefined && key === '') throw new UsageError('echolab import: `--key` needs a non-empty secret');
  if (key !== undefined && args.switches.has('raw-ids')) throw new UsageError('echolab import: give `--raw-ids` or `--key`, not both');
  if (key !== undefined && args.switches.has('keep-ids')) {
    throw new UsageError('echolab import: give `--keep-ids` or `--key`, not both: with --keep-ids no id that is written is pseudonymised, so the key would not be used');
  }
  const input = args.positionals[0];
  const out = await importArchive({
    input,
    format: format as ImportFormat | undefined,
    out: flagValue(args, 'out'),
    strict: args.switches.has('strict'),
    direction: direction as EdgeDirection | undefined,
    keepRawIds: args.switches.has('raw-ids'),
    keepIds: args.switches.has('keep-ids'),
    key,
    deletions: flagValue(args, 'deletions'),
    followers: flagValue(args, 'followers'),
    keepProtected: args.switches.has('keep-protected'),
    engine: engineFlag(args),
    memoryLimit: memoryLimitFlag(args),
    cwd: io.cwd,
    progress: io.stderr,
  });
  io.stderr.write(cleaningReportText(out, input));
  const parquet = out.format === 'twitter-v2' && (args.values.get('engine')?.[0] ?? 'duckdb') === 'duckdb';
  io.stderr.write(`echolab: wrote cascades.csv, trees.csv${parquet ? ', posts.parquet, cascades.parquet, trees.parquet' : ''} and report.json in ${displayDir(out.dir, io.cwd)}/\n`);
  io.stdout.write(`${displayDir(out.dir, io.cwd)}\n`);
  return 0;
}
