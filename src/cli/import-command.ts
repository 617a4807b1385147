/**
 * `echolab import`: reads a real propagation archive (a Twitter15/16-style
 * folder, or a CSV table of posts), cleans it into cascades and writes
 *   <out>/cascades.csv  one row per cascade: source id, label, size, depth,
 *                       max breadth, structural virality;
 *   <out>/report.json   what the cleaning fixed or skipped (counts), and the
 *                       first line problems.
 * The cleaning report goes to stderr, the output directory to stdout (as
 * for `echolab run`). Source post ids are kept: they identify posts, not
 * people; user ids never reach the output.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ArchiveCascade } from '../archive/archive-cascade.js';
import { emptyCounts, type CleaningCounts, type LineProblem } from '../archive/cleaning-report.js';
import { readPostTable, readPropagationArchive } from '../io/read-archive.js';
import { computeMetrics } from '../sim/metrics/metrics-registry.js';
import { UsageError, flagValue, type ParsedArgs } from './parse-args.js';
import type { ProgressStream } from './progress.js';
import { tableCsv, type Table } from './result-tables.js';
import { displayDir } from './run-experiment.js';

export const IMPORT_FORMATS = ['twitter15', 'posts-csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Line problems printed on the terminal; report.json keeps every one the parsers listed. */
export const PROBLEMS_SHOWN = 20;

export interface ImportOptions {
  readonly input: string;
  /** Default: twitter15 for a folder, posts-csv for a file. */
  readonly format?: ImportFormat;
  /** Default: results/import/<input name>. */
  readonly out?: string;
  readonly strict?: boolean;
  readonly keepRawIds?: boolean;
  readonly key?: string;
  readonly cwd: string;
}

export interface ImportOutcome {
  readonly dir: string;
  readonly format: ImportFormat;
  readonly trees: number;
  readonly cascades: number;
  readonly counts: CleaningCounts;
  /** Every problem the parsers listed (each file lists at most MAX_PROBLEMS). */
  readonly problems: LineProblem[];
  /** Problems counted but not listed. */
  readonly problemsOmitted: number;
}

const SHAPE = ['cascade.size', 'cascade.depth', 'cascade.max-breadth', 'cascade.structural-virality'];

/** The input's name without archive suffixes: `twitter15`, `posts.csv.gz` → `posts`. */
function inputName(input: string): string {
  const base = path.basename(path.resolve(input));
  return base.replace(/(\.(csv|txt|tsv))?(\.gz)?$/i, '') || 'input';
}

function cascadesTable(cascades: readonly ArchiveCascade[]): Table {
  const cols = { source_id: [] as string[], label: [] as (string | null)[], size: [] as number[], depth: [] as number[], max_breadth: [] as number[], structural_virality: [] as number[] };
  for (const c of cascades) {
    const m = computeMetrics(SHAPE, c.tree);
    cols.source_id.push(c.sourceId);
    cols.label.push(c.label ?? null);
    cols.size.push(m['cascade.size']);
    cols.depth.push(m['cascade.depth']);
    cols.max_breadth.push(m['cascade.max-breadth']);
    cols.structural_virality.push(m['cascade.structural-virality']);
  }
  return {
    name: 'cascades',
    rows: cascades.length,
    columns: [
      { name: 'source_id', type: 'STRING', values: cols.source_id },
      { name: 'label', type: 'STRING', values: cols.label },
      { name: 'size', type: 'INT32', values: cols.size },
      { name: 'depth', type: 'INT32', values: cols.depth },
      { name: 'max_breadth', type: 'INT32', values: cols.max_breadth },
      { name: 'structural_virality', type: 'DOUBLE', values: cols.structural_virality },
    ],
  };
}

/** Reads, cleans and writes one archive; throws UsageError/InputError for bad input. */
export function importArchive(o: ImportOptions): ImportOutcome {
  const input = path.resolve(o.cwd, o.input);
  if (!existsSync(input)) throw new UsageError(`echolab import: no such folder or file: ${o.input}`);
  const isDir = statSync(input).isDirectory();
  const format: ImportFormat = o.format ?? (isDir ? 'twitter15' : 'posts-csv');
  if (format === 'twitter15' && !isDir) {
    throw new UsageError(`echolab import: --format twitter15 needs a folder holding label.txt and tree/, got the file ${o.input}`);
  }
  if (format === 'posts-csv' && isDir) throw new UsageError(`echolab import: --format posts-csv needs a CSV file, got the folder ${o.input}`);
  if (format === 'twitter15' && !existsSync(path.join(input, 'label.txt'))) {
    throw new UsageError(`echolab import: no label.txt in ${o.input}: expected a Twitter15/16-style folder (label.txt and tree/<id>.txt[.gz])`);
  }
  const pseudonyms = o.keepRawIds === true ? { keepRawIds: true } : o.key !== undefined ? { key: o.key } : {};
  const shown = (p: string): string => displayDir(p, o.cwd);
  let cascades: ArchiveCascade[];
  let trees: number;
  let counts: CleaningCounts;
  const problems: LineProblem[] = [];
  let problemsOmitted = 0;
  if (format === 'twitter15') {
    const archive = readPropagationArchive(input, { strict: o.strict === true, ...pseudonyms });
    cascades = archive.cascades;
    trees = archive.report.trees;
    counts = archive.report.counts;
    problems.push(...archive.report.problems);
    for (const r of archive.report.perTree) {
      problems.push(...r.problems);
      problemsOmitted += r.problemsOmitted;
    }
  } else {
    const posts = readPostTable(input, { strict: o.strict === true, ...pseudonyms });
    cascades = posts.cascades;
    trees = posts.cascades.length;
    counts = { ...emptyCounts(), ...posts.report.counts };
    problems.push(...posts.report.problems);
    problemsOmitted = posts.report.problemsOmitted;
  }
  const dir = path.resolve(o.cwd, o.out ?? path.join('results', 'import', inputName(input)));
  const listed = problems.map((p) => ({ ...p, file: shown(p.file) }));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'cascades.csv'), tableCsv(cascadesTable(cascades)));
  const report = { input: shown(input), format, trees, cascades: cascades.length, counts, problems: listed, problemsOmitted };
  writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  return { dir, format, trees, cascades: cascades.length, counts, problems: listed, problemsOmitted };
}

/** The cleaning report as printed: counts, then at most PROBLEMS_SHOWN problems as file:line: message. */
export function cleaningReportText(out: ImportOutcome, input: string): string {
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
  const lines = [`echolab: import ${input} (${out.format}): ${out.cascades} cascades from ${out.trees} ${out.format === 'twitter15' ? 'tree files' : 'source posts'}`];
  for (const [name, n] of rows) lines.push(`  ${name.padEnd(30)} ${n}`);
  const total = out.problems.length + out.problemsOmitted;
  if (total > 0) {
    lines.push(`problems (${total}${total > PROBLEMS_SHOWN ? `, first ${PROBLEMS_SHOWN} shown` : ''}):`);
    for (const p of out.problems.slice(0, PROBLEMS_SHOWN)) lines.push(`  ${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
    if (total > PROBLEMS_SHOWN) lines.push(`  ... and ${total - PROBLEMS_SHOWN} more (listed in report.json, up to 50 per file)`);
  }
  return `${lines.join('\n')}\n`;
}

export function importCommand(args: ParsedArgs, io: { readonly stdout: ProgressStream; readonly stderr: ProgressStream; readonly cwd: string }): number {
  if (args.positionals.length !== 1) {
    throw new UsageError(
      args.positionals.length === 0
        ? 'echolab import: name a Twitter15-style folder or a posts CSV, e.g. `echolab import ../data/twitter15`'
        : `echolab import: one folder or file at a time (got ${args.positionals.map((p) => JSON.stringify(p)).join(', ')})`,
    );
  }
  const format = flagValue(args, 'format');
  if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`echolab import: invalid \`--format\` (${JSON.stringify(format)}): expected ${IMPORT_FORMATS.join(' or ')}`);
  }
  const key = flagValue(args, 'key');
  if (key !== undefined && key === '') throw new UsageError('echolab import: `--key` needs a non-empty secret');
  if (key !== undefined && args.switches.has('raw-ids')) throw new UsageError('echolab import: give `--raw-ids` or `--key`, not both');
  const input = args.positionals[0];
  const out = importArchive({
    input,
    format: format as ImportFormat | undefined,
    out: flagValue(args, 'out'),
    strict: args.switches.has('strict'),
    keepRawIds: args.switches.has('raw-ids'),
    key,
    cwd: io.cwd,
  });
  io.stderr.write(cleaningReportText(out, input));
  io.stderr.write(`echolab: wrote cascades.csv and report.json in ${displayDir(out.dir, io.cwd)}/\n`);
  io.stdout.write(`${displayDir(out.dir, io.cwd)}\n`);
  return 0;
}
