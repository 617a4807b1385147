/**
 * The `echolab` command: list, run, spec, report, merge, import, compare, calibrate (and tour). Returns the
 * exit code: 0 done, 1 a run failed, 2 bad input (usage, unknown experiment,
 * parameter, metric or file, an unusable --out, a results folder in use —
 * always before any run starts), 130 interrupted by Ctrl-C, 143 terminated
 * (SIGTERM, e.g. a batch job's time limit). Errors are one line; `--debug`
 * (accepted by every command, before or after it) adds the stack traces.
 */
import path from 'node:path';
import { InputError, closest } from '../model/errors.js';
import { calibrateCommand } from './calibrate-command.js';
import { k8sCommand, slurmCommand } from './cluster-command.js';
import { COMMAND_NAMES, commandHelp, commandSpec, mainHelp, type CommandSpec } from './cli-help.js';
import { compareCommand } from './compare-command.js';
import { importCommand } from './import-command.js';
import { LockWaitAborted } from '../runner/folder-lock.js';
import { bundledExperimentFiles, displayPath, echolabVersion, loadExperiment } from '../runner/load-experiment.js';
import { checkOutFlag } from '../runner/out-dir.js';
import { UsageError, flagValue, parseArgs, positiveIntegerFlag, type ParsedArgs } from './parse-args.js';
import type { ProgressStream } from '../runner/progress.js';
import { mergeResults, rebuildReport } from '../runner/rebuild-results.js';
import { displayDir, outcomeMessage, runFolder } from '../runner/run-folder.js';
import { shardChoice } from '../runner/shard-choice.js';
import { specCommand } from './spec-command.js';

export interface CliIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const defaultIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line.length > 0 && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line.length > 0 ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** `echolab list` (over `files`, the bundled experiments by default). */
export async function listCommand(io: Pick<CliIo, 'stdout'>, files: readonly string[] = bundledExperimentFiles()): Promise<number> {
  if (files.length === 0) {
    io.stdout.write('No experiments in experiments/.\n');
    return 0;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const def = await loadExperiment(file);
      io.stdout.write(`${def.id}  —  ${def.title}\n${wrap(def.question, 96, '    ')}\n\n`);
    } catch (err) {
      failed++;
      io.stdout.write(`${path.basename(file, '.ts')}  —  (cannot load: ${err instanceof Error ? err.message : String(err)})\n\n`);
    }
  }
  io.stdout.write(`${files.length} experiments. Run one with \`echolab run <id> --quick\`; \`echolab run --help\` tells more.\n`);
  return failed > 0 ? 2 : 0;
}

function seedFlag(value: string): string {
  if (value.trim() === '') throw new UsageError('echolab run: `--seed` needs a non-empty value, e.g. --seed s2');
  return value;
}

export function parseSet(values: readonly string[]): Record<string, string> {
  const set: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`echolab run: invalid \`--set\` (${JSON.stringify(v)}): expected key=value, e.g. --set epsilon=0.3`);
    set[v.slice(0, eq).trim()] = v.slice(eq + 1).trim();
  }
  return set;
}

/** Most values one `--vary` may expand to (lo:hi:step). */
const MAX_VARY_VALUES = 1000;

/**
 * `--vary key=a,b,c` (values as written, typed by the parameter) or
 * `key=lo:hi:step` (numbers lo, lo + step, … up to hi, both ends included;
 * each value rounded to 12 significant digits so 0.1 steps print as 0.3,
 * not 0.30000000000000004).
 */
export function parseVary(values: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || v.slice(eq + 1).trim() === '') throw new UsageError(`echolab run: invalid \`--vary\` (${JSON.stringify(v)}): expected key=a,b,c or key=lo:hi:step, e.g. --vary epsilon=0.3:0.7:0.05`);
    const key = v.slice(0, eq).trim();
    if (Object.prototype.hasOwnProperty.call(out, key)) throw new UsageError(`echolab run: \`--vary ${key}\` given twice: give every value in one, e.g. --vary ${key}=a,b,c`);
    const text = v.slice(eq + 1).trim();
    const range = /^([^:,]+):([^:,]+):([^:,]+)$/.exec(text);
    if (range === null) {
      out[key] = text.split(',').map((x) => x.trim());
      if (out[key].some((x) => x === '')) throw new UsageError(`echolab run: invalid \`--vary ${key}\` (${JSON.stringify(text)}): an empty value between commas`);
      continue;
    }
    const [lo, hi, step] = range.slice(1).map(Number);
    if (![lo, hi, step].every(Number.isFinite) || !(step > 0) || hi < lo) {
      throw new UsageError(`echolab run: invalid \`--vary ${key}\` (${JSON.stringify(text)}): expected lo:hi:step with numbers lo ≤ hi and step > 0`);
    }
    const count = Math.floor((hi - lo) / step + 1e-9) + 1;
    if (count > MAX_VARY_VALUES) throw new UsageError(`echolab run: \`--vary ${key}=${text}\` gives ${count} values; at most ${MAX_VARY_VALUES}`);
    out[key] = Array.from({ length: count }, (_, i) => String(Number((lo + i * step).toPrecision(12))));
  }
  return out;
}

/** `--range key=lo:hi` values. */
export function parseRanges(values: readonly string[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq > 0 ? v.slice(0, eq).trim() : '';
    const m = /^\s*([^:]+):([^:]+)\s*$/.exec(eq > 0 ? v.slice(eq + 1) : '');
    const lo = m ? Number(m[1]) : NaN;
    const hi = m ? Number(m[2]) : NaN;
    if (key === '' || !m || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
      throw new UsageError(`echolab run: invalid \`--range\` (${JSON.stringify(v)}): expected key=lo:hi with numbers lo < hi, e.g. --range epsilon=0.1:0.6`);
    }
    if (Object.prototype.hasOwnProperty.call(out, key)) throw new UsageError(`echolab run: \`--range ${key}\` given twice`);
    out[key] = [lo, hi];
  }
  return out;
}

function designFlags(args: ParsedArgs): { kind: 'lhs' | 'sobol'; samples: number; ranges?: Record<string, [number, number]> } | undefined {
  const kind = flagValue(args, 'design');
  const ranges = parseRanges(args.values.get('range') ?? []);
  if (kind === undefined) {
    if (flagValue(args, 'samples') !== undefined || Object.keys(ranges).length > 0) throw new UsageError('echolab run: `--samples` and `--range` go with `--design lhs|sobol`');
    return undefined;
  }
  if (kind !== 'lhs' && kind !== 'sobol') throw new UsageError(`echolab run: invalid \`--design\` (${JSON.stringify(kind)}): expected lhs or sobol`);
  const samples = positiveIntegerFlag('run', args, 'samples');
  if (samples === undefined) throw new UsageError(`echolab run: \`--design ${kind}\` needs \`--samples N\`, e.g. --samples ${kind === 'sobol' ? 64 : 100}`);
  if (args.values.has('vary')) {
    for (const v of args.values.get('vary') ?? []) {
      const key = v.slice(0, v.indexOf('=')).trim();
      if (Object.prototype.hasOwnProperty.call(ranges, key)) throw new UsageError(`echolab run: ${key} has both \`--vary\` and \`--range\`: a parameter is either swept or sampled`);
    }
  }
  return { kind, samples, ...(Object.keys(ranges).length > 0 ? { ranges } : {}) };
}

function parseSnapshotTimes(values: readonly string[], flag = 'snapshot-at'): number[] {
  // Comma lists as well as repeated flags: --agents-at 0,24,48.
  return values.flatMap((raw) => raw.split(',')).map((v) => {
    const t = Number(v);
    if (v.trim() === '' || !Number.isFinite(t) || t < 0) {
      throw new UsageError(`echolab run: invalid \`--${flag}\` (${JSON.stringify(v)}): expected a time ≥ 0 (steps or hours)`);
    }
    return t;
  });
}

function quoteArg(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`;
}

async function runCommand(args: ParsedArgs, argv: readonly string[], io: CliIo, debug: boolean): Promise<number> {
  if (args.positionals.length !== 1) {
    throw new UsageError(
      args.positionals.length === 0
        ? 'echolab run: name an experiment file or id, e.g. `echolab run deffuant-threshold --quick` (`echolab list` shows them)'
        : `echolab run: one experiment at a time (got ${args.positionals.map((p) => JSON.stringify(p)).join(', ')})`,
    );
  }
  const shard = shardChoice(flagValue(args, 'shard'), flagValue(args, 'shard-count'), io.env);
  const commandLine = ['echolab', ...argv].map(quoteArg).join(' ');
  const controller = new AbortController();
  let signal: NodeJS.Signals | null = null;
  const onSignal = (s: NodeJS.Signals): void => {
    if (signal === null) {
      signal = s;
      io.stderr.write(`\necholab: ${s === 'SIGINT' ? 'Ctrl-C' : s}: stopping (finished runs are kept)...\n`);
      controller.abort();
    } else process.exit(s === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const out = await runFolder({
      target: args.positionals[0],
      quick: args.switches.has('quick'),
      replicates: positiveIntegerFlag('run', args, 'replicates'),
      workers: positiveIntegerFlag('run', args, 'workers'),
      set: parseSet(args.values.get('set') ?? []),
      vary: parseVary(args.values.get('vary') ?? []),
      ...(flagValue(args, 'seed') !== undefined ? { seed: seedFlag(flagValue(args, 'seed') as string) } : {}),
      design: designFlags(args),
      out: flagValue(args, 'out'),
      shard,
      snapshotAt: parseSnapshotTimes(args.values.get('snapshot-at') ?? []),
      agentsAt: parseSnapshotTimes(args.values.get('agents-at') ?? [], 'agents-at'),
      cwd: io.cwd,
      stderr: io.stderr,
      commandLine,
      signal: controller.signal,
      wait: args.switches.has('wait'),
    });
    const message = outcomeMessage(out, io.cwd, commandLine);
    if (out.status === 'complete') {
      io.stdout.write(`${displayDir(out.dir ?? '.', io.cwd)}\n`);
      io.stderr.write(`${message}\n`);
      return 0;
    }
    io.stderr.write(`${message}\n`);
    if (out.status === 'failed') {
      if (debug && out.failure?.stack) io.stderr.write(`${out.failure.stack}\n`);
      return 1;
    }
    return signal === 'SIGTERM' ? 143 : 130;
  } catch (err) {
    if (!(err instanceof LockWaitAborted)) throw err;
    io.stderr.write(`echolab: ${err.message}; nothing was run\n`);
    return signal === 'SIGTERM' ? 143 : 130;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * `report` and `merge` write a folder under its lock: Ctrl-C or SIGTERM ends
 * the process through process.exit, whose 'exit' hook releases the lock.
 */
async function exitOnSignal<T>(io: CliIo, fn: () => Promise<T>): Promise<T> {
  const onSignal = (s: NodeJS.Signals): void => {
    io.stderr.write(`\necholab: ${s === 'SIGINT' ? 'Ctrl-C' : s}: stopped\n`);
    process.exit(s === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await fn();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function reportCommand(args: ParsedArgs, argv: readonly string[], io: CliIo): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('echolab report: give one results directory, e.g. `echolab report results/read-caps/quick-1a2b3c4d`');
  const out = await exitOnSignal(io, () =>
    rebuildReport(args.positionals[0], { cwd: io.cwd, stderr: io.stderr, wait: args.switches.has('wait'), commandLine: ['echolab', ...argv].map(quoteArg).join(' ') }),
  );
  for (const w of out.warnings) io.stderr.write(`echolab: note: ${w}\n`);
  io.stderr.write(
    `echolab: rebuilt ${out.files.join(', ')} from ${out.runs}${out.runs < out.expected ? ` of ${out.expected} (incomplete)` : ''} runs in ${displayDir(out.dir, io.cwd)}\n`,
  );
  io.stdout.write(`${displayDir(out.dir, io.cwd)}\n`);
  return 0;
}

async function mergeCommand(args: ParsedArgs, argv: readonly string[], io: CliIo): Promise<number> {
  const out = await exitOnSignal(io, () =>
    mergeResults({
      dirs: args.positionals,
      out: flagValue(args, 'out'),
      partial: args.switches.has('partial'),
      wait: args.switches.has('wait'),
      cwd: io.cwd,
      stderr: io.stderr,
      commandLine: ['echolab', ...argv].map(quoteArg).join(' '),
    }),
  );
  for (const w of out.warnings) io.stderr.write(`echolab: note: ${w}\n`);
  io.stderr.write(`echolab: merged ${args.positionals.length} directories: ${out.runs}/${out.expected} runs in ${displayDir(out.dir, io.cwd)}\n`);
  io.stdout.write(`${displayDir(out.dir, io.cwd)}\n`);
  return 0;
}

/** Where an unexpected error was thrown: the first stack frame in a file, shown relative to the repository. */
function thrownAt(err: Error): string | undefined {
  for (const line of (err.stack ?? '').split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(line.trim());
    if (m) return `${displayPath(m[1].replace(/^file:\/\//, ''))}:${m[2]}`;
  }
  return undefined;
}

function stackText(err: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; depth++) {
    out.push(`${depth > 0 ? 'caused by: ' : ''}${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    e = e instanceof Error ? e.cause : undefined;
  }
  return out;
}

/**
 * How an error is printed: usage and input errors as their one line; any
 * other exception as one line with its message and where it was thrown.
 * `debug` adds the stack traces (and those of the causes).
 */
export function errorText(err: unknown, debug = false): string {
  let head: string;
  if (err instanceof UsageError) head = err.message;
  else if (err instanceof InputError) head = `echolab: ${err.message}`;
  else {
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    const at = err instanceof Error ? thrownAt(err) : undefined;
    head = `echolab: unexpected error${at ? ` at ${at}` : ''}: ${message}${debug ? '' : ' (`--debug` shows the stack trace)'}`;
  }
  return debug ? [head, ...stackText(err)].join('\n') : head;
}

/** Run `echolab <argv...>` and return the exit code. */
export async function cliMain(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  // `--debug` is global: before the command, or among its flags.
  const debug = wantsDebug(argv);
  argv = argv.slice(leadingDebug(argv));
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h') {
      io.stdout.write(mainHelp());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`echolab ${echolabVersion()}\n`);
      return 0;
    }
    if (name === 'help') {
      const spec = rest[0] !== undefined ? commandSpec(rest[0]) : undefined;
      io.stdout.write(spec ? commandHelp(spec) : mainHelp());
      return 0;
    }
    if (name === 'tour') {
      await import('./tour.js');
      return 0;
    }
    const spec: CommandSpec | undefined = commandSpec(name);
    if (!spec) {
      const near = closest(name, [...COMMAND_NAMES, 'tour']);
      throw new UsageError(`echolab: unknown command \`${name}\`${near ? ` (did you mean \`${near}\`?)` : ''}; commands: ${COMMAND_NAMES.join(', ')}, tour. \`echolab --help\` tells more.`);
    }
    const args = parseArgs(spec.name, rest, spec.flags);
    if (args.switches.has('help')) {
      io.stdout.write(commandHelp(spec));
      return 0;
    }
    // One check of --out for every command that has it, before any work.
    if (spec.flags.some((f) => f.name === 'out')) checkOutFlag(spec.name, flagValue(args, 'out'), io.cwd);
    switch (spec.name) {
      case 'list':
        if (args.positionals.length > 0) throw new UsageError('echolab list: takes no arguments');
        return await listCommand(io);
      case 'run':
        return await runCommand(args, argv, io, debug);
      case 'spec':
        return await specCommand(args, io);
      case 'report':
        return await reportCommand(args, argv, io);
      case 'merge':
        return await mergeCommand(args, argv, io);
      case 'import':
        return await importCommand(args, io);
      case 'compare':
        return await compareCommand(args, io);
      case 'calibrate':
        return await calibrateCommand(args, io);
      case 'slurm':
        return await slurmCommand(args, io, { set: parseSet, vary: parseVary });
      case 'k8s':
        return await k8sCommand(args, io, { set: parseSet, vary: parseVary });
      default:
        return 2;
    }
  } catch (err) {
    io.stderr.write(`${errorText(err, debug)}\n`);
    return err instanceof UsageError || err instanceof InputError ? 2 : 1;
  }
}

function leadingDebug(argv: readonly string[]): number {
  let k = 0;
  while (argv[k] === '--debug') k++;
  return k;
}

/** `--debug` before the command or among its flags (not after `--`). */
export function wantsDebug(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--debug');
}

