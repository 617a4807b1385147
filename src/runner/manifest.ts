/**
 * manifest.json: what was run and where — the resolved spec (its hash names
 * the results directory, so the same command resumes in the same place and a
 * changed spec never mixes with old results), every run's seed keys, the
 * echolab version, git commit, Node version, cores, workers, shard, times
 * and the command line.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import type { DesignOptions, ResolveOptions, ResolvedExperiment } from '../experiment/define-experiment.js';
import type { ParamValue } from '../experiment/experiment-types.js';
import { InputError } from '../model/errors.js';
import { PACKAGE_ROOT, echolabVersion } from './load-experiment.js';
import type { ShardChoice } from './shard-choice.js';

export const MANIFEST_FORMAT = 'echolab-results/1';

/** The resolved experiment as plain data: what determines every run's result. */
export interface ResolvedSpec {
  readonly id: string;
  readonly kind: 'model' | 'scenario';
  readonly seed: string;
  readonly model: string | null;
  readonly scenario: string | null;
  readonly network: unknown;
  readonly replicates: number;
  readonly base: Readonly<Record<string, ParamValue>>;
  readonly vary: Readonly<Record<string, readonly ParamValue[]>>;
  readonly steps: number | null;
  readonly durationHours: number | null;
  readonly untilConverged: boolean | null;
  readonly sampleEvery: number;
  readonly metrics: readonly string[];
  readonly metricOptions: unknown;
  readonly outcomes: readonly string[];
  readonly finalColumns: readonly string[];
  /** A design's parameters and ranges (present only for `--design`; its values are in each run's params). */
  readonly design?: { readonly kind: 'lhs' | 'sobol'; readonly samples: number; readonly names: readonly string[]; readonly ranges: Readonly<Record<string, readonly [number, number]>> };
  readonly runCount: number;
  /**
   * Hash of the whole definition as data (a scenario's parameters, arms and
   * timeline included; functions left out), so an edited experiment file
   * never resumes into old results.
   */
  readonly definitionHash: string;
}

export interface ManifestRun {
  readonly index: number;
  readonly name: string;
  readonly replicate: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly seedKey: string;
  readonly crnKey: string;
}

export interface Manifest {
  readonly format: string;
  readonly experiment: { readonly id: string; readonly title: string; readonly question: string; readonly file: string };
  readonly options: {
    readonly quick: boolean;
    readonly replicates: number | null;
    readonly set: Readonly<Record<string, string>>;
    /** Present only when given (older manifests have neither). */
    readonly vary?: Readonly<Record<string, readonly string[]>>;
    readonly seed?: string;
    /** `--design` (present only when given). */
    readonly design?: DesignOptions;
  };
  /** `quick-<hash>` or `full-<hash>`: the results directory's name. */
  readonly label: string;
  readonly specHash: string;
  readonly spec: ResolvedSpec;
  /** Every run of the spec (not only this shard's), in index order. */
  readonly runs: readonly ManifestRun[];
  /** 1-based for people; null when all runs are here. */
  readonly shard: { readonly index: number; readonly count: number; readonly source: string } | null;
  /** Shards this directory was merged from (`echolab merge`). */
  readonly mergedFrom?: readonly string[];
  readonly snapshotAt: readonly number[];
  /** `--agents-at` times (absent when not given). */
  readonly agentsAt?: readonly number[];
  readonly echolab: string;
  readonly git: { readonly commit: string; readonly dirty: boolean } | null;
  readonly node: string;
  readonly platform: string;
  readonly cores: number;
  readonly workers: number;
  readonly started: string;
  readonly ended: string | null;
  readonly status: 'running' | 'complete' | 'interrupted' | 'failed';
  /** Runs of this directory finished / expected. */
  readonly finished: number;
  readonly expected: number;
  readonly commandLine: string;
}

export function resolvedSpec(resolved: ResolvedExperiment): ResolvedSpec {
  const def = resolved.definition;
  return {
    id: resolved.id,
    kind: resolved.kind,
    seed: def.seed,
    model: def.model ?? null,
    scenario: def.scenario?.id ?? null,
    network: def.network ?? null,
    replicates: resolved.replicates,
    base: resolved.base,
    vary: resolved.vary,
    steps: resolved.steps,
    durationHours: resolved.durationHours,
    untilConverged: resolved.kind === 'model' ? resolved.untilConverged : null,
    sampleEvery: resolved.sampleEvery,
    metrics: resolved.metrics,
    metricOptions: resolved.metricOptions,
    outcomes: resolved.outcomes,
    finalColumns: resolved.finalColumns,
    ...(resolved.design !== null ? { design: { kind: resolved.design.kind, samples: resolved.design.samples, names: resolved.design.names, ranges: resolved.design.ranges } } : {}),
    runCount: resolved.runs.length,
    definitionHash: createHash('sha256').update(canonicalJson(hashedDefinition(def))).digest('hex').slice(0, 16),
  };
}

/**
 * The definition as hashed, without the fields that never change a run:
 * the report-only ones (keyOutcomes and outcomeKinds, the experiment's and
 * the scenario's), which change how results are shown, and `ranges`, whose
 * values in force under --design are in the resolved spec. Declaring them
 * does not orphan existing results folders.
 */
function hashedDefinition(def: ResolvedExperiment['definition']): unknown {
  // `ranges` only matter under --design, whose ranges in force are part of the resolved spec (spec.design).
  const { keyOutcomes: _own, outcomeKinds: _ownKinds, ranges: _ranges, ...rest } = def;
  if (rest.scenario === undefined) return rest;
  const { outcomeKinds: _kinds, keyOutcomes: _keys, ...scenario } = rest.scenario;
  return { ...rest, scenario };
}

/**
 * JSON with sorted object keys and numbers written exactly (Infinity and NaN
 * as strings), so equal specs hash equally whatever order they were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(String(value));
}

/** Hash of the spec and every run's seed keys: 12 hex digits. */
export function specHash(spec: ResolvedSpec, runs: readonly ManifestRun[]): string {
  return createHash('sha256').update(canonicalJson({ spec, runs })).digest('hex').slice(0, 12);
}

export function manifestRuns(resolved: ResolvedExperiment): ManifestRun[] {
  return resolved.runs.map((r) => ({ index: r.index, name: r.name, replicate: r.replicate, params: r.params, seedKey: r.seedKey, crnKey: r.crnKey }));
}

/** `quick-<hash8>` or `full-<hash8>`. */
export function resultsLabel(quick: boolean, hash: string): string {
  return `${quick ? 'quick' : 'full'}-${hash.slice(0, 8)}`;
}

/**
 * echolab's own commit when it runs from a git checkout of echolab; null
 * otherwise, notably for an installed package, whose folder (node_modules/
 * echolab) may sit inside the user's repository: its commit is not echolab's.
 */
export function gitCommit(cwd: string = PACKAGE_ROOT): { commit: string; dirty: boolean } | null {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim();
    if (realpathSync(top) !== realpathSync(cwd)) return null;
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim();
    if (!/^[0-9a-f]{40}$/.test(commit)) return null;
    let dirty = false;
    try {
      dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim() !== '';
    } catch {
      dirty = false;
    }
    return { commit, dirty };
  } catch {
    return null;
  }
}

export interface NewManifestInput {
  readonly resolved: ResolvedExperiment;
  readonly file: string;
  readonly options: ResolveOptions;
  readonly shard: ShardChoice | null;
  readonly workers: number;
  readonly snapshotAt: readonly number[];
  /** `--agents-at` times (absent when not given). */
  readonly agentsAt?: readonly number[];
  readonly expected: number;
  readonly commandLine: string;
  readonly started: Date;
}

export function newManifest(input: NewManifestInput): Manifest {
  const { resolved } = input;
  const spec = resolvedSpec(resolved);
  const runs = manifestRuns(resolved);
  const hash = specHash(spec, runs);
  return {
    format: MANIFEST_FORMAT,
    experiment: { id: resolved.id, title: resolved.definition.title, question: resolved.definition.question, file: input.file },
    options: {
      quick: input.options.quick === true,
      replicates: input.options.replicates ?? null,
      set: { ...(input.options.set ?? {}) },
      ...(input.options.vary !== undefined ? { vary: { ...input.options.vary } } : {}),
      ...(input.options.seed !== undefined ? { seed: input.options.seed } : {}),
      ...(input.options.design !== undefined ? { design: { ...input.options.design } } : {}),
    },
    label: resultsLabel(input.options.quick === true, hash),
    specHash: hash,
    spec,
    runs,
    shard: input.shard ? { index: input.shard.index + 1, count: input.shard.count, source: input.shard.source } : null,
    snapshotAt: [...input.snapshotAt],
    ...(input.agentsAt !== undefined && input.agentsAt.length > 0 ? { agentsAt: [...input.agentsAt] } : {}),
    echolab: echolabVersion(),
    git: gitCommit(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cores: os.availableParallelism(),
    workers: input.workers,
    started: input.started.toISOString(),
    ended: null,
    status: 'running',
    finished: 0,
    expected: input.expected,
    commandLine: input.commandLine,
  };
}

/** Read a results directory's manifest.json; InputError when absent or not one. */
export function readManifest(file: string): Manifest {
  if (!existsSync(file)) throw new InputError('no manifest.json: not an echolab results directory', { file });
  // A FIFO or device would block the read.
  if (!statSync(file).isFile()) throw new InputError('manifest.json is not a regular file', { file });
  let m: unknown;
  try {
    m = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`manifest.json is not valid JSON (${(err as Error).message})`, { file });
  }
  const o = m as Partial<Manifest> | null;
  if (!o || typeof o !== 'object' || o.format !== MANIFEST_FORMAT || typeof o.specHash !== 'string' || !Array.isArray(o.runs) || !o.spec) {
    throw new InputError(`not an echolab results manifest (expected format ${MANIFEST_FORMAT})`, { file, field: 'format' });
  }
  return o as Manifest;
}
