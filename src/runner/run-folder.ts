/**
 * `echolab run`: validate everything (load, resolve, shard, results
 * directory) before the first run, then run what is not finished yet on the
 * worker pool, appending each run to runs.jsonl as it finishes, and rebuild
 * the tables and report once the directory holds every run.
 *
 * Resume is the same command: the directory is named after the resolved
 * spec's hash, finished runs are read back and skipped, and a truncated last
 * line (a crash mid-write) is dropped and its run redone.
 */
import { agentsTable } from './agents-table.js';
import { tableParquet } from './parquet-table.js';
import { tableCsv } from './result-tables.js';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveExperiment, type DesignOptions, type ResolveOptions, type ResolvedExperiment } from '../experiment/define-experiment.js';
import type { ExperimentDefinition, RunResult, RunSpec } from '../experiment/experiment-types.js';
import { fileURLToPath } from 'node:url';
import { shardRuns } from '../experiment/shard.js';
import { InputError } from '../model/errors.js';
import { displayPath, findExperimentFile, inExperimentFile, loadExperiment } from './load-experiment.js';
import { lockFolder } from './folder-lock.js';
import { newManifest, readManifest, type Manifest } from './manifest.js';
import { checkOutDir, makeOutDir } from './out-dir.js';
import { Progress, formatDuration, type ProgressStream } from './progress.js';
import { startInlinePool, startPool, type PoolHandle } from './run-pool.js';
import { RunsAppender, readRunsLog, writeFileAtomic, writeRunsSorted } from './runs-log.js';
import { shardDirName, type ShardChoice } from './shard-choice.js';
import { checkSnapshotTimes, writeSnapshots } from './snapshots.js';
import { writeResults } from './write-results.js';

export interface RunFolderOptions {
  /** An experiment file or the id of a bundled experiment (or `definition`). */
  readonly target?: string;
  /**
   * An experiment already in memory (the library's `runExperiment`). Worker
   * threads cannot receive its functions: they import `module` (a file whose
   * default export is this experiment) or, without one, the runs execute on
   * the calling thread.
   */
  readonly definition?: ExperimentDefinition;
  /** With `definition`: the file (path or file: URL) whose default export it is, loaded by each worker thread. */
  readonly module?: string;
  readonly quick?: boolean;
  readonly replicates?: number;
  readonly set?: Readonly<Record<string, string>>;
  /** `--vary key=a,b,c` values (lo:hi:step already expanded). */
  readonly vary?: Readonly<Record<string, readonly string[]>>;
  /** `--seed`: replaces the experiment's seed. */
  readonly seed?: string;
  /** `--design lhs|sobol --samples N [--range k=lo:hi]`. */
  readonly design?: DesignOptions;
  /** Worker threads (default: all cores). */
  readonly workers?: number;
  /** Results directory (default results/<id>/<label>, relative to `cwd`); null: nothing written, results kept in memory. */
  readonly out?: string | null;
  readonly shard?: ShardChoice | null;
  /** Times (steps or hours) at which to export every run's network as GEXF. */
  readonly snapshotAt?: readonly number[];
  /** `--agents-at`: write agents.csv/.parquet with every agent at these times. */
  readonly agentsAt?: readonly number[];
  readonly cwd?: string;
  /** Progress and notes (default process.stderr). */
  readonly stderr?: ProgressStream;
  /** Recorded in the manifest. */
  readonly commandLine?: string;
  /** Stop on this signal as on Ctrl-C (tests; the command wires SIGINT/SIGTERM itself). */
  readonly signal?: AbortSignal;
  /** When another command holds the results folder: wait for it (true) or refuse (default). */
  readonly wait?: boolean;
}

export interface RunFolderOutcome {
  /** The results folder (null when the results were kept in memory). */
  readonly dir: string | null;
  readonly status: 'complete' | 'interrupted' | 'failed';
  /** Runs of this directory finished (including resumed ones) and expected. */
  readonly finished: number;
  readonly expected: number;
  /** Runs found in runs.jsonl at start. */
  readonly resumed: number;
  readonly ranNow: number;
  readonly workers: number;
  readonly wallMs: number;
  /** Sum of the runs' own simulation time (this invocation). */
  readonly simulationMs: number;
  /**
   * Runner time per run between the first and the last result, excluding
   * simulation (worker-milliseconds): dispatch, result transfer, append and
   * fsync, progress. Null with fewer than two runs.
   */
  readonly steadyMs: number | null;
  /** From the command's start to the first run's start (load, resolve, workers), and after the last run (tables, report). */
  readonly startupMs: number;
  readonly finishMs: number;
  readonly failure?: { readonly run: string | null; readonly message: string; readonly stack?: string };
  /** Every finished run of this folder (resumed ones included), by run index. */
  readonly results: readonly RunResult[];
  readonly resolved: ResolvedExperiment;
  readonly manifest: Manifest;
  /** Notes printed on the way (e.g. a report that could not be built). */
  readonly notes: readonly string[];
}

export interface PreparedRun {
  /** The experiment file workers load (null: the runs execute on the calling thread). */
  readonly file: string | null;
  readonly resolved: ResolvedExperiment;
  readonly options: ResolveOptions;
  readonly runs: readonly RunSpec[];
  readonly dir: string | null;
  readonly manifest: Manifest;
  readonly previous: Manifest | null;
}

/** Load, resolve and place a run: every check that can fail does so here, before anything runs. */
export async function prepareRun(o: RunFolderOptions): Promise<PreparedRun> {
  const cwd = o.cwd ?? process.cwd();
  let file: string | null;
  let definition: ExperimentDefinition;
  if (o.definition !== undefined) {
    file = o.module !== undefined ? moduleFile(o.module, cwd) : null;
    definition = o.definition;
  } else {
    if (o.target === undefined) throw new InputError('no experiment: give a file, a bundled id or a definition', { field: 'experiment' });
    file = findExperimentFile(o.target, cwd);
    definition = await loadExperiment(file);
  }
  const where = file ?? IN_CODE;
  const options: ResolveOptions = {
    ...(o.quick ? { quick: true } : {}),
    ...(o.replicates !== undefined ? { replicates: o.replicates } : {}),
    ...(o.set && Object.keys(o.set).length > 0 ? { set: { ...o.set } } : {}),
    ...(o.vary && Object.keys(o.vary).length > 0 ? { vary: { ...o.vary } } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.design !== undefined ? { design: o.design } : {}),
  };
  const resolved = inExperimentFile(where, 'cannot resolve the experiment', () => resolveExperiment(definition, options));
  // `--set` on a swept parameter replaces its sweep: say so, since every arm of that sweep disappears.
  const declared = { ...(definition.vary ?? {}), ...(o.quick ? (definition.quick?.vary ?? {}) : {}) };
  for (const [key, value] of Object.entries(o.set ?? {})) {
    const swept = declared[key];
    if (swept !== undefined) o.stderr?.write(`echolab: --set ${key}=${value} replaces the sweep of ${key} over ${swept.map(String).join(', ')} (${swept.length} values): every run has ${key} = ${value}\n`);
  }
  const snapshotAt = checkSnapshotTimes(resolved, o.snapshotAt ?? []);
  const agentsAt = checkSnapshotTimes(resolved, o.agentsAt ?? [], 'agents-at');
  const shard = o.shard ?? null;
  const runs = shard ? shardRuns(resolved.runs, { index: shard.index, count: shard.count }) : [...resolved.runs];
  const manifest = newManifest({
    resolved,
    file: file === null ? IN_CODE : displayPath(file),
    options,
    shard,
    workers: o.workers ?? os.availableParallelism(),
    snapshotAt,
    agentsAt,
    expected: runs.length,
    commandLine: o.commandLine ?? `echolab run ${o.target ?? resolved.id}`,
    started: new Date(),
  });
  if (o.out === null) return { file, resolved, options, runs, dir: null, manifest, previous: null };
  const base = o.out !== undefined ? path.resolve(cwd, o.out) : path.resolve(cwd, 'results', resolved.id, manifest.label);
  const dir = shard ? path.join(base, shardDirName(shard)) : base;
  checkOutDir(dir, { command: 'run', ...(typeof o.out === 'string' ? { flag: o.out } : {}) });
  const previous = checkResultsDir(dir, manifest);
  return { file, resolved, options, runs, dir, manifest, previous };
}

/**
 * What a results directory already holds must be this command's: the same
 * resolved spec and shard, or nothing. Checked before the run, and again
 * once the folder is locked (another command may have written it meanwhile).
 */
function checkResultsDir(dir: string, manifest: Manifest): Manifest | null {
  const manifestFile = path.join(dir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const previous = readManifest(manifestFile);
    if (previous.specHash !== manifest.specHash) {
      throw new InputError(
        `${dir} holds results of another spec (${previous.experiment.id} ${previous.label}, spec ${previous.specHash}; this command resolves to ${manifest.label}, spec ${manifest.specHash}): choose another --out or remove that directory`,
        { field: 'out' },
      );
    }
    const prevShard = previous.shard ? `${previous.shard.index}/${previous.shard.count}` : 'none';
    const thisShard = manifest.shard ? `${manifest.shard.index}/${manifest.shard.count}` : 'none';
    if (prevShard !== thisShard) {
      throw new InputError(`${dir} holds shard ${prevShard}, this command runs shard ${thisShard}: choose another --out`, { field: 'shard' });
    }
    return previous;
  }
  if (existsSync(path.join(dir, 'runs.jsonl'))) {
    throw new InputError(`${dir} has a runs.jsonl but no manifest.json: not safe to resume there; choose another --out`, { field: 'out' });
  }
  return null;
}

/** What manifests and messages name when the experiment came as an object, not a file. */
const IN_CODE = '(experiment passed in code)';

/** A module given as a path (relative to cwd) or a file: URL, e.g. `import.meta.url`. */
function moduleFile(module: string, cwd: string): string {
  const file = module.startsWith('file:') ? fileURLToPath(module) : path.resolve(cwd, module);
  if (!existsSync(file)) throw new InputError(`no such module: ${module} (give the file whose default export is the experiment, e.g. import.meta.url)`, { field: 'module' });
  return file;
}

function say(stream: ProgressStream, text: string): void {
  stream.write(`${text}\n`);
}

/**
 * Run (or resume) an experiment into its results directory. The directory
 * is locked for the whole command (folder-lock.ts): a second command on it
 * refuses, or waits with `wait`.
 */
export async function runFolder(o: RunFolderOptions): Promise<RunFolderOutcome> {
  const t0 = performance.now();
  const stderr = o.stderr ?? process.stderr;
  const checked = await prepareRun(o);
  if (checked.dir === null) return runInFolder(o, checked, t0, stderr);
  const dir = makeOutDir(checked.dir, { command: 'run', ...(typeof o.out === 'string' ? { flag: o.out } : {}) });
  const lock = await lockFolder(dir, {
    command: o.commandLine ?? `echolab run ${o.target ?? checked.resolved.id}`,
    wait: o.wait,
    stderr,
    signal: o.signal,
    shown: displayDir(dir, o.cwd ?? process.cwd()),
  });
  try {
    // Another command may have written the folder while this one waited.
    const prep: PreparedRun = { ...checked, previous: checkResultsDir(dir, checked.manifest) };
    return await runInFolder(o, prep, t0, stderr);
  } finally {
    lock.release();
  }
}

async function runInFolder(o: RunFolderOptions, prep: PreparedRun, t0: number, stderr: ProgressStream): Promise<RunFolderOutcome> {
  const { resolved, runs, dir } = prep;
  const runsFile = dir === null ? null : path.join(dir, 'runs.jsonl');
  const wanted = new Map(runs.map((r) => [r.index, r]));
  const notes: string[] = [];
  const note = (text: string): void => {
    notes.push(text);
    say(stderr, `echolab: note: ${text}`);
  };

  const log = runsFile === null ? { results: new Map<number, RunResult>(), dropped: null } : readRunsLog(runsFile, { repair: true });
  if (log.dropped) {
    say(stderr, `echolab: runs.jsonl line ${log.dropped.line} was incomplete (an interrupted write) and was dropped; that run will be redone`);
  }
  const results = new Map<number, RunResult>();
  for (const [index, r] of log.results) {
    const spec = wanted.get(index);
    if (!spec || spec.seedKey !== r.run.seedKey) {
      throw new InputError(`runs.jsonl has run ${index} (${r.run.name}) that is not part of this spec or shard; choose another --out`, { file: runsFile ?? 'runs.jsonl', field: 'run' });
    }
    results.set(index, r);
  }
  const todo = runs.filter((r) => !results.has(r.index));
  const resumed = results.size;
  const workers = Math.max(1, o.workers ?? os.availableParallelism());

  let manifest: Manifest = {
    ...prep.manifest,
    started: prep.previous?.started ?? prep.manifest.started,
    finished: results.size,
  };
  const saveManifest = (): void => {
    if (dir !== null) writeFileAtomic(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  };
  saveManifest();

  const where = dir === null ? 'memory' : displayDir(dir, o.cwd ?? process.cwd());
  const shardNote = manifest.shard ? `, shard ${manifest.shard.index}/${manifest.shard.count} (${manifest.shard.source})` : '';
  say(
    stderr,
    `echolab: ${resolved.id}: ${runs.length} runs${shardNote}${resumed > 0 ? `, ${resumed} already done (resuming)` : ''}, ${Math.min(workers, todo.length)} workers -> ${where}`,
  );

  let simulationMs = 0;
  let firstAt = 0;
  let lastAt = 0;
  let afterFirstMs = 0;
  let firstElapsed = 0;
  let status: RunFolderOutcome['status'] = 'complete';
  let failure: RunFolderOutcome['failure'];
  let usedWorkers = 0;
  if (todo.length > 0) {
    const progress = new Progress({ total: todo.length, already: resumed, stream: stderr, label: resolved.id });
    const appender = runsFile === null ? null : new RunsAppender(runsFile);
    let pool: PoolHandle | null = null;
    const onSignal = (): void => pool?.interrupt();
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    if (!o.signal) for (const s of signals) process.on(s, onSignal);
    o.signal?.addEventListener('abort', onSignal);
    try {
      const onResult = (r: RunResult): void => {
          appender?.append(r);
          results.set(r.run.index, r);
          const now = performance.now();
          if (firstAt === 0) {
            firstAt = now;
            firstElapsed = r.elapsedMs ?? 0;
          } else afterFirstMs += r.elapsedMs ?? 0;
          lastAt = now;
          simulationMs += r.elapsedMs ?? 0;
          progress.tick();
      };
      pool = prep.file === null
        ? startInlinePool({ resolved, runs: todo, onResult })
        : startPool({ file: prep.file, options: prep.options, workers, runs: todo, onResult });
      usedWorkers = pool.workers;
      if (o.signal?.aborted) pool.interrupt();
      const outcome = await pool.done;
      status = outcome.status;
      if (outcome.status === 'failed') failure = { run: outcome.run?.name ?? null, message: outcome.message, stack: outcome.stack };
    } finally {
      progress.end();
      appender?.close();
      if (!o.signal) for (const s of signals) process.off(s, onSignal);
      o.signal?.removeEventListener('abort', onSignal);
    }
  }

  const poolEnd = performance.now();
  manifest = { ...manifest, finished: results.size, ended: new Date().toISOString(), status, workers };
  if (status === 'complete' && dir !== null && runsFile !== null) {
    writeRunsSorted(runsFile, results.values());
    const written = writeResults(dir, manifest, [...results.values()], resolved);
    for (const w of written.warnings) note(w);
    if (manifest.snapshotAt.length > 0) {
      const snaps = writeSnapshots(resolved, runs, manifest.snapshotAt, dir, results);
      for (const w of snaps.warnings) note(w);
      say(stderr, `echolab: ${snaps.files.length} GEXF snapshots in ${path.join(where, 'snapshots')}`);
    }
    if (manifest.agentsAt !== undefined && manifest.agentsAt.length > 0) {
      const table = agentsTable(resolved, runs, manifest.agentsAt);
      writeFileAtomic(path.join(dir, 'agents.csv'), tableCsv(table));
      writeFileAtomic(path.join(dir, 'agents.parquet'), tableParquet(table, `echolab ${manifest.echolab}`));
      say(stderr, `echolab: agents.csv and agents.parquet: ${table.rows.toLocaleString('en-US')} rows (${runs.length} runs × ${manifest.agentsAt.length} times × agents) in ${where}`);
    }
  }
  saveManifest();
  return {
    dir,
    status,
    finished: results.size,
    expected: runs.length,
    resumed,
    ranNow: results.size - resumed,
    workers: usedWorkers,
    wallMs: performance.now() - t0,
    simulationMs,
    startupMs: firstAt > 0 ? firstAt - t0 - firstElapsed : 0,
    finishMs: performance.now() - (lastAt > 0 ? lastAt : poolEnd),
    steadyMs: results.size - resumed >= 2 ? ((lastAt - firstAt) * Math.max(1, usedWorkers) - afterFirstMs) / (results.size - resumed - 1) : null,
    failure,
    results: [...results.values()].sort((a, b) => a.run.index - b.run.index),
    resolved,
    manifest,
    notes,
  };
}

/** A directory as people would type it: relative to cwd when inside. */
export function displayDir(dir: string, cwd: string): string {
  const rel = path.relative(cwd, dir);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel;
}

/** Closing lines of `echolab run` for each outcome. */
export function outcomeMessage(out: RunFolderOutcome, cwd: string, resumeCommand: string): string {
  const where = out.dir === null ? '(memory)' : displayDir(out.dir, cwd);
  if (out.status === 'complete') {
    return `echolab: done: ${out.finished} runs (${out.ranNow} now, ${out.resumed} resumed) in ${formatDuration(out.wallMs)}; results in ${where}/ (summary.md, report.html, final.csv, series.csv, cascades.csv, trees.csv, ${out.results.some((r) => r.feeds !== undefined) ? 'feeds.csv, ' : ''}timings.csv, runs.jsonl, manifest.json)`;
  }
  if (out.status === 'interrupted') {
    return `echolab: stopped: ${out.finished}/${out.expected} runs finished and kept in ${where}/runs.jsonl.\nResume with the same command:\n  ${resumeCommand}`;
  }
  const what = out.failure?.run ? `run ${out.failure.run} failed: ` : '';
  return `echolab: ${what}${out.failure?.message ?? 'unknown error'}\n${out.finished}/${out.expected} runs finished and kept in ${where}/runs.jsonl; fix the cause and re-run the same command to resume.`;
}
