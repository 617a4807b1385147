/**
 * Sweeps from code: `runExperiment(experiment, options)` runs every run of
 * an experiment (its grid, replicates, design) and returns the tidy tables
 * as rows, as Mesa's `batch_run` and Agents.jl's `paramscan` do. It is the
 * engine of `echolab run` (run-folder.ts): the same worker pool, seeds,
 * resume and tables, so a sweep scripted here and the same sweep run from
 * the command line give the same rows, byte for byte in the files.
 *
 * - `experiment`: a definition (`defineExperiment({...})`, a scenario), a
 *   path to an experiment file or JSON spec, or the id of a bundled one.
 * - `out`: also write the usual results folder (tables, report, manifest);
 *   a second call with the same spec resumes there, running only what is
 *   missing. Without it nothing is written.
 * - `workers`: threads. A definition passed as an object reaches worker
 *   threads only through a file that default-exports it (`module`, e.g.
 *   `import.meta.url`); without one its runs execute on this thread.
 */
import os from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import type { DesignOptions } from '../experiment/define-experiment.js';
import { toExperiment } from '../experiment/define-experiment.js';
import type { ExperimentDefinition, ParamValue, RunResult, ScenarioDefinition } from '../experiment/experiment-types.js';
import { InputError } from '../model/errors.js';
import type { ProgressStream } from './progress.js';
import type { Cell, Table } from './result-tables.js';
import { outcomeMessage, runFolder } from './run-folder.js';
import type { ShardChoice } from './shard-choice.js';
import { RUN_WORKER_ROLE, type WorkerInit } from './worker-protocol.js';
import { buildTables, tableLayout } from './write-results.js';

/** One row of a table: column name → value (null for a missing value). */
export type Row = Record<string, Cell>;

export interface RunExperimentOptions {
  /** Worker threads (default: every core for a file or a `module`; 1 for a definition without one). */
  readonly workers?: number;
  /** Replicates per grid point, over the experiment's own. */
  readonly replicates?: number;
  /** The experiment's quick size. */
  readonly quick?: boolean;
  /** Fix parameters (a swept one is pinned to the value). */
  readonly set?: Readonly<Record<string, ParamValue>>;
  /** Sweep parameters over these values (replacing their value or sweep). */
  readonly vary?: Readonly<Record<string, readonly ParamValue[]>>;
  /** Replaces the experiment's seed. */
  readonly seed?: string;
  /** A Latin hypercube or Sobol design over ranged parameters. */
  readonly design?: DesignOptions;
  /** Write the usual results folder here (relative to `cwd`); a repeated call resumes. */
  readonly out?: string;
  /** The file (path or file: URL) whose default export is `experiment`, for worker threads. */
  readonly module?: string | URL;
  /** One shard of the runs, numbered from 1 as `--shard 2/4`: { index: 2, count: 4 }. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Stop between runs: finished runs are kept in `out` (the promise rejects). */
  readonly signal?: AbortSignal;
  /** Progress and notes (default: silent). */
  readonly progress?: ProgressStream;
  readonly cwd?: string;
}

export interface ExperimentRows {
  /** One row per run: provenance, parameters, steps, outcomes (final.csv). */
  readonly final: Row[];
  /** One row per (run, time, metric) (series.csv). */
  readonly series: Row[];
  /** One row per cascade (cascades.csv). */
  readonly cascades: Row[];
  /** The runs' results, by run index (the raw form behind the tables). */
  readonly results: readonly RunResult[];
  /** The results folder when `out` was given. */
  readonly dir: string | null;
  /** Runs found finished in `out` and not run again. */
  readonly resumed: number;
  readonly notes: readonly string[];
}

/** The rows of a table, in its order. */
export function tableRows(table: Table): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < table.rows; i++) {
    const row: Row = {};
    for (const c of table.columns) row[c.name] = c.values[i] ?? null;
    rows.push(row);
  }
  return rows;
}

const SILENT: ProgressStream = { write: () => true };

function rawValues(values: Readonly<Record<string, ParamValue>> | undefined): Record<string, string> | undefined {
  if (values === undefined) return undefined;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}

/** Run an experiment's sweep and return its tidy rows (see the module comment). */
export async function runExperiment(
  experiment: ExperimentDefinition | ScenarioDefinition<unknown> | string,
  options: RunExperimentOptions = {},
): Promise<ExperimentRows> {
  if (!isMainThread && (workerData as Partial<WorkerInit> | null)?.role === RUN_WORKER_ROLE) {
    // A worker imported the module to read its experiment, and the module runs a sweep on import: that would recurse.
    throw new Error(
      `runExperiment() was called while a worker thread imported ${(workerData as WorkerInit).file} to read its experiment: put the experiment in a file of its own (its default export, with nothing run on import) and pass that file as \`module\``,
    );
  }
  const inCode = typeof experiment !== 'string';
  const definition = inCode ? toExperiment(experiment, 'experiment') : null;
  const module = options.module instanceof URL ? options.module.href : options.module;
  if (inCode && module === undefined && options.workers !== undefined && options.workers > 1) {
    throw new InputError(
      `workers: ${options.workers} threads need the experiment as a file: pass module: import.meta.url (the file whose default export is this experiment), or the file's path instead of the definition`,
      { field: 'workers' },
    );
  }
  let shard: ShardChoice | null = null;
  if (options.shard !== undefined) {
    const { index, count } = options.shard;
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
      throw new InputError(`shard: ${JSON.stringify(options.shard)} is not a shard: expected { index, count } with 1 ≤ index ≤ count (numbered from 1, as --shard 2/4)`, { field: 'shard' });
    }
    shard = { index: index - 1, count, source: `shard ${index}/${count}` };
  }
  const out = await runFolder({
    ...(definition !== null ? { definition, ...(module !== undefined ? { module } : {}) } : { target: experiment as string }),
    ...(options.quick ? { quick: true } : {}),
    ...(options.replicates !== undefined ? { replicates: options.replicates } : {}),
    ...(options.set !== undefined ? { set: rawValues(options.set) } : {}),
    ...(options.vary !== undefined ? { vary: Object.fromEntries(Object.entries(options.vary).map(([k, vs]) => [k, vs.map(String)])) } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.design !== undefined ? { design: options.design } : {}),
    workers: options.workers ?? (inCode && module === undefined ? 1 : os.availableParallelism()),
    out: options.out ?? null,
    shard,
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    stderr: options.progress ?? SILENT,
    commandLine: `runExperiment(${definition !== null ? definition.id : String(experiment)})`,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  if (out.status !== 'complete') {
    const err = new Error(outcomeMessage(out, options.cwd ?? process.cwd(), 'runExperiment(...) again with the same options'));
    err.name = out.status === 'interrupted' ? 'AbortError' : 'RunFailedError';
    throw err;
  }
  const [final, series, cascades] = buildTables(tableLayout(out.manifest, out.resolved), out.results).map(tableRows);
  return { final: final ?? [], series: series ?? [], cascades: cascades ?? [], results: out.results, dir: out.dir, resumed: out.resumed, notes: out.notes };
}
