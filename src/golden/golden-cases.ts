/**
 * Golden results: every model of the zoo (its example network and
 * parameters, a fixed key) and every bundled experiment at its `--quick`
 * size (all of its runs, with the experiment's own seed), each reduced to a
 * small record — the final metric values, integer counts, a digest of the
 * parameters and a fingerprint of the whole trajectory — so that a later
 * version of echolab can be checked to give the same numbers.
 *
 * Pure (no clock, no I/O): the same record comes out of the Node main
 * thread, a worker thread and a browser. A zoo model's trajectory is its
 * per-node values after every step, then its final network; an experiment's
 * is every run's series rows (time and values, in column order) and cascade
 * rows. `streamSalt` forks every random stream of a case under a different
 * key — the same model on a different random stream — and exists only for
 * the check that the distributional layer tolerates exactly that; normal
 * runs never set it.
 */
import { resolveExperiment, type ResolvedExperiment } from '../experiment/define-experiment.js';
import { executeRun } from '../experiment/execute-run.js';
import type { ParamValue, RunSpec } from '../experiment/experiment-types.js';
import { zooProfile } from '../experiment/zoo-profiles.js';
import { InputError, closest } from '../model/errors.js';
import { fingerprint } from '../model/fingerprint.js';
import { canonicalJson, seedKey } from '../model/rng.js';
import { computeMetrics } from '../sim/metrics/metrics-registry.js';
import { getZooEntry, modelZoo, runZooModel } from '../sim/model-zoo.js';
import { goldenExperiments } from './golden-experiments.js';

export type GoldenCase =
  | { readonly id: string; readonly kind: 'zoo'; readonly model: string; readonly key: string }
  | { readonly id: string; readonly kind: 'experiment'; readonly experiment: string; readonly seed: string };

export interface GoldenRecord {
  readonly id: string;
  readonly kind: 'zoo' | 'experiment';
  /** The zoo key, or the experiment's seed. */
  readonly seed: string;
  /** Fingerprint of the validated parameters (zoo) or of the resolved experiment (sizes, grid, run keys). */
  readonly paramsDigest: string;
  /** Final metric values; null where a run did not produce the metric. */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Integers compared exactly (steps, nodes, edges, rows, ...). */
  readonly counts: Readonly<Record<string, number>>;
  /** Fingerprint of every step's (zoo) or every sample's and cascade's (experiment) numbers. */
  readonly trajectoryHash: string;
}

export interface GoldenOptions {
  /** Fork every random stream under this salt (same model, different stream); never set in normal runs. */
  readonly streamSalt?: string;
}

const MODULE = 'golden';

/** The key of a zoo case; the distributional seeds extend it. */
const zooKey = (model: string): string => seedKey('golden', model);

let casesCache: readonly GoldenCase[] | null = null;

/** Every zoo model, then every bundled experiment, in name order. */
export function goldenCases(): readonly GoldenCase[] {
  if (casesCache === null) {
    const zoo: GoldenCase[] = Object.keys(modelZoo)
      .sort()
      .map((model) => ({ id: `zoo.${model}`, kind: 'zoo', model, key: zooKey(model) }));
    const experiments: GoldenCase[] = [...goldenExperiments()].map(([id, def]) => ({ id: `experiment.${id}`, kind: 'experiment', experiment: id, seed: def.seed }));
    casesCache = Object.freeze([...zoo, ...experiments]);
  }
  return casesCache;
}

/** The case with this id (an InputError naming the closest id otherwise). */
export function goldenCase(id: string): GoldenCase {
  const c = goldenCases().find((x) => x.id === id);
  if (!c) {
    const ids = goldenCases().map((x) => x.id);
    const near = closest(id, ids);
    throw new InputError(`${MODULE}: unknown case \`${id}\`${near ? ` (did you mean \`${near}\`?)` : ''}; known: ${ids.join(', ')}`, { field: 'case' });
  }
  return c;
}

/** A string's UTF-16 code units, so strings can be fingerprinted. */
function codes(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function digestOf(value: unknown): string {
  return fingerprint(codes(canonicalJson(value)));
}

const salted = (key: string, salt: string | undefined): string => (salt === undefined ? key : seedKey(key, 'stream', salt));

// ---- zoo models -------------------------------------------------------------------

/** Registry metrics and outcomes the experiment runner records for a zoo model, at the end of a run. */
function zooFinal(model: string, state: Parameters<ReturnType<typeof zooProfile>['view']>[0]): Record<string, number> {
  const profile = zooProfile(model);
  const out = computeMetrics(profile.defaultMetrics, profile.view(state));
  for (const [name, o] of Object.entries(profile.outcomes)) out[name] = o.value(state);
  return out;
}

interface ZooOutcome {
  readonly metrics: Record<string, number>;
  readonly counts: Record<string, number>;
  readonly steps: Float64Array[];
  readonly edges: [Int32Array, Int32Array];
  readonly params: unknown;
}

function runZooCase(model: string, key: string, params: Record<string, ParamValue> | undefined, keepSteps: boolean): ZooOutcome {
  const entry = getZooEntry(model);
  const steps: Float64Array[] = [];
  const run = runZooModel(model, { key, params, onStep: keepSteps ? (s) => steps.push(Float64Array.from(entry.nodeValues(s))) : undefined });
  const metrics = zooFinal(model, run.state);
  if (keepSteps) steps.push(Float64Array.from(entry.nodeValues(run.state)));
  const edges = run.state.graph.toEdgeList();
  const counts: Record<string, number> = {
    nodes: run.state.graph.n,
    edges: edges.m,
    steps: run.result.steps,
    converged: run.result.converged ? 1 : 0,
  };
  if (entry.cascade) counts['cascade-nodes'] = entry.cascade(run.state).node.length;
  // The parameters as runZooModel validated them (example parameters under the given ones).
  const validated = entry.model.validate({ ...entry.exampleParams, ...params } as never);
  return { metrics, counts, steps, edges: [edges.src.slice(0, edges.m), edges.dst.slice(0, edges.m)], params: validated };
}

function zooRecord(c: Extract<GoldenCase, { kind: 'zoo' }>, options: GoldenOptions): GoldenRecord {
  const z = runZooCase(c.model, salted(c.key, options.streamSalt), undefined, true);
  const entry = getZooEntry(c.model);
  return {
    id: c.id,
    kind: 'zoo',
    seed: c.key,
    paramsDigest: digestOf({ model: c.model, params: z.params, exampleSteps: entry.exampleSteps }),
    metrics: z.metrics,
    counts: z.counts,
    trajectoryHash: fingerprint(...z.steps, ...z.edges),
  };
}

// ---- experiments -----------------------------------------------------------------

const resolvedCache = new Map<string, ResolvedExperiment>();

/** A bundled experiment resolved at its `--quick` size. */
export function quickExperiment(id: string): ResolvedExperiment {
  let r = resolvedCache.get(id);
  if (r === undefined) {
    const def = goldenExperiments().get(id);
    if (def === undefined) throw new InputError(`${MODULE}: no bundled experiment \`${id}\``, { field: 'experiment' });
    r = resolveExperiment(def, { quick: true, checkInit: false });
    resolvedCache.set(id, r);
  }
  return r;
}

/** A run's numbers in a fixed order: every sample's time and values, then every cascade row. */
function runTrajectory(res: ReturnType<typeof executeRun>): Float64Array {
  const out: number[] = [res.series.length, res.cascades.length];
  for (const row of res.series) {
    out.push(row.t);
    for (const v of Object.values(row.values)) out.push(v);
  }
  for (const row of res.cascades) for (const v of Object.values(row)) out.push(v);
  return Float64Array.from(out);
}

function experimentRecord(c: Extract<GoldenCase, { kind: 'experiment' }>, options: GoldenOptions): GoldenRecord {
  const r = quickExperiment(c.experiment);
  const metrics: Record<string, number | null> = {};
  const counts: Record<string, number> = { runs: r.runs.length };
  const parts: ArrayLike<number>[] = [];
  let seriesRows = 0;
  let cascadeRows = 0;
  for (const run of r.runs) {
    const res = executeRun(r, { ...run, crnKey: salted(run.crnKey, options.streamSalt) });
    // Declared columns first (null if a run lacks one), then whatever else the run reported.
    for (const col of r.finalColumns) metrics[`${run.name}/${col}`] = Object.prototype.hasOwnProperty.call(res.final, col) ? res.final[col] : null;
    for (const [col, v] of Object.entries(res.final)) metrics[`${run.name}/${col}`] = v;
    counts[`${run.name}/series-rows`] = res.series.length;
    counts[`${run.name}/cascade-rows`] = res.cascades.length;
    seriesRows += res.series.length;
    cascadeRows += res.cascades.length;
    parts.push(codes(Object.keys(res.final).join(',')), runTrajectory(res));
  }
  counts['series-rows'] = seriesRows;
  counts['cascade-rows'] = cascadeRows;
  return {
    id: c.id,
    kind: 'experiment',
    seed: c.seed,
    paramsDigest: digestOf({
      base: r.base,
      vary: r.vary,
      replicates: r.replicates,
      steps: r.steps,
      durationHours: r.durationHours,
      sampleEvery: r.sampleEvery,
      untilConverged: r.untilConverged,
      metrics: r.metrics,
      finalMetrics: r.finalMetrics,
      outcomes: r.outcomes,
      metricOptions: r.metricOptions,
      runs: r.runs.map((x) => [x.name, x.crnKey]),
    }),
    metrics,
    counts,
    trajectoryHash: fingerprint(...parts),
  };
}

/** Recompute one case's golden record (pure: the same in every runtime). */
export function computeGolden(c: GoldenCase, options: GoldenOptions = {}): GoldenRecord {
  return c.kind === 'zoo' ? zooRecord(c, options) : experimentRecord(c, options);
}

// ---- samples for the distributional layer ----------------------------------------

export interface SampleOptions extends GoldenOptions {
  /**
   * Parameters over the case's own: the zoo model's, or the experiment's
   * first grid point's (model or platform parameters). For showing that a
   * changed model is caught; never set in normal runs.
   */
  readonly params?: Readonly<Record<string, ParamValue>>;
}

/** The key metrics of a case, whose distribution over seeds is stored: a zoo model's metrics, outcomes and steps; an experiment's declared final columns. */
export function keyMetrics(c: GoldenCase): readonly string[] {
  if (c.kind === 'zoo') {
    const p = zooProfile(c.model);
    return [...p.defaultMetrics, ...Object.keys(p.outcomes), 'steps'];
  }
  return quickExperiment(c.experiment).finalColumns;
}

/**
 * The grid point whose distribution is stored, for experiments whose first
 * one says little (by run-name prefix). brand-crisis: its first arm has no
 * crisis, so half its outcomes are constant; the late answer is the arm
 * where the crisis, the alert and the answer all happen. moderation-off:
 * its first arm is the control (moderation kept on, nobody restored); the
 * switch and the restore happen in the other. bots-and-poll: its first arm
 * has no bots, so the bots' votes and turnout are constant; 12 % bots is its
 * default arm. community-notes: its first arm shows no note (shares shown
 * and time to a shown note are constant); bridging is its default arm.
 */
const DISTRIBUTION_POINT: Readonly<Record<string, string>> = {
  'brand-crisis': 'arm=answer-8d__',
  'bots-and-poll': 'arm=bots-12__',
  'community-notes': 'arm=bridging__',
  'moderation-off': 'arm=switched-off__',
};

/** The run spec sampled for an experiment's distribution (its first, unless DISTRIBUTION_POINT names another). */
export function distributionRunSpec(experiment: string): RunSpec {
  const r = quickExperiment(experiment);
  const prefix = DISTRIBUTION_POINT[experiment];
  const run = prefix === undefined ? r.runs[0] : r.runs.find((x) => x.name.startsWith(prefix));
  if (run === undefined) throw new Error(`golden: experiment ${experiment} has no run named ${prefix}*`);
  return run;
}

/**
 * One draw of a case's key metrics under the seed `label` ('dist-17',
 * 'check-3', ...): the zoo model from a key derived from the label, or the
 * experiment's distribution run spec (its first grid point, first
 * replicate, unless DISTRIBUTION_POINT names another) with its
 * common-random-numbers key derived from the label. Missing values are NaN.
 */
export function sampleCase(c: GoldenCase, label: string, options: SampleOptions = {}): Record<string, number> {
  const names = keyMetrics(c);
  let got: Record<string, number>;
  if (c.kind === 'zoo') {
    const z = runZooCase(c.model, salted(seedKey(c.key, label), options.streamSalt), options.params ? { ...options.params } : undefined, false);
    got = { ...z.metrics, steps: z.counts.steps };
  } else {
    const r = quickExperiment(c.experiment);
    const first: RunSpec = distributionRunSpec(c.experiment);
    const spec: RunSpec = {
      ...first,
      params: { ...first.params, ...options.params },
      crnKey: salted(seedKey(r.id, 'golden-distribution', label), options.streamSalt),
    };
    got = executeRun(r, spec).final;
  }
  const out: Record<string, number> = {};
  for (const n of names) out[n] = Object.prototype.hasOwnProperty.call(got, n) ? got[n] : NaN;
  return out;
}
