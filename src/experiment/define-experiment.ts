/**
 * Experiments as data, checked before anything runs. `defineExperiment`
 * checks a definition's shape; `resolveExperiment` applies `--quick`,
 * `--replicates` and `--set`, expands `vary` into a grid (in declaration
 * order, the first key slowest), names every run and derives its keys, and
 * validates every grid point the way the run will use it: model parameters
 * through the model's `validate`, scenario parameters through the platform
 * schema, network parameters through the generator's fields, metrics through
 * the registry. For zoo models it also builds the first replicate's network
 * and initialises the model on it once per grid point, so that a parameter
 * that only fails against the network (more seeds than nodes) is caught too.
 * Every error is an InputError (or ParamError) whose `field` names the
 * offending field, suggesting the closest name for unknown ones.
 *
 * Keys (see experiment-types.ts): a run's provenance key is
 * `seedKey(id, seed, sweptParams, replicate)` and its streams come from the
 * common-random-numbers key `seedKey(id, seed, 'replicate', replicate)`, so
 * neither depends on run order, on the order of the values in `vary`, or on
 * the other runs of the grid.
 */
import type { CsrGraph } from '../model/csr-graph.js';
import { InputError, ParamError, closest, formatValue } from '../model/errors.js';
import { Rng, canonicalJson, seedKey } from '../model/rng.js';
import { designPoints, latinHypercube, saltelliDesign } from '../report/sensitivity.js';
import { getMetric, listMetrics, metricsRegistry, type AnyMetric } from '../sim/metrics/metrics-registry.js';
import { scenarioParams, type ScenarioDefinition } from '../sim/platform/scenario.js';
import {
  EXPERIMENT_LIMITS,
  SCENARIO_SETTINGS,
  ZOO_SETTINGS,
  checkDefinition,
  checkOptions,
  checkParam,
  checkSampleEvery,
  has,
  integerIn,
  isPlainObject,
  looksLikeScenario,
  parseSetValue,
  source,
  unknownName,
  type Target,
} from './definition-checks.js';
import type { ExperimentDefinition, ExperimentSize, ParamValue, RunSpec } from './experiment-types.js';
import { checkNetworkParams } from './network-spec.js';
import { runName } from './run-names.js';
import { outcomeSelected, runNetwork, runSetup } from './run-setup.js';
import { zooOutcomes, zooProfile, zooViewHasAttribute } from './zoo-profiles.js';

export { EXPERIMENT_LIMITS, parseSetValue };


/** Registry metrics a scenario turned experiment samples over time (those its outcomes do not already give). */
export const SCENARIO_DEFAULT_METRICS = ['opinion.mean', 'opinion.variance', 'network.neighbor-leaning-correlation'] as const;

/**
 * Registry metrics a scenario turned experiment records once, at the end,
 * when it names neither `metrics` nor `finalMetrics`: the network measures
 * `echolab compare` sets against a labelled network (Louvain is too costly
 * to sample every hour).
 */
export const SCENARIO_FINAL_METRICS = ['network.opinion-assortativity', 'network.modularity', 'network.ei-index', 'network.majority-illusion'] as const;

export interface ResolveOptions {
  /** Use the experiment's `quick` size (and a scenario's quick parameters). */
  quick?: boolean;
  /** Replicates per grid point, over the definition's. */
  replicates?: number;
  /** Raw `--set key=value` strings, parsed by the type of the parameter. A swept key is pinned to the value. */
  set?: Readonly<Record<string, string>>;
  /** Raw `--vary key=a,b,c` values (already expanded from `lo:hi:step`): the key is swept over them, replacing its fixed value or sweep. */
  vary?: Readonly<Record<string, readonly string[]>>;
  /** Replaces the definition's seed (every run's streams change; the results folder too). */
  seed?: string;
  /**
   * A design beyond the full grid (`--design lhs|sobol --samples N`): the
   * ranged parameters take the design's values, crossed with the rest of
   * the grid (e.g. a scenario's arms). `ranges` default to the definition's
   * `ranges`, else its `calibrate` ranges.
   */
  design?: DesignOptions;
  /**
   * Build the first replicate's network and initialise the model on it once
   * per grid point (default true). A worker that re-resolves an experiment
   * the main thread has checked may skip it.
   */
  checkInit?: boolean;
}

export interface DesignOptions {
  readonly kind: 'lhs' | 'sobol';
  /** LHS: points; Sobol: the base sample n (n (k + 2) points). */
  readonly samples: number;
  readonly ranges?: Readonly<Record<string, readonly [number, number]>>;
}

/** The design in force: its parameters (sorted by name), their ranges and its points in evaluation order. */
export interface ResolvedDesign {
  readonly kind: 'lhs' | 'sobol';
  readonly samples: number;
  readonly names: readonly string[];
  readonly ranges: Readonly<Record<string, readonly [number, number]>>;
  /** LHS: the points; Sobol: A, B, A_B^(1), …, A_B^(k) (sensitivity.ts designPoints order). */
  readonly points: ReadonlyArray<Readonly<Record<string, number>>>;
}

/** Most points one design may have (before crossing with the grid and the replicates). */
export const MAX_DESIGN_POINTS = 100_000;

export interface ResolvedExperiment {
  readonly definition: ExperimentDefinition;
  readonly id: string;
  readonly replicates: number;
  readonly base: Record<string, ParamValue>;
  readonly vary: Record<string, readonly ParamValue[]>;
  /** Zoo models: the step budget (null for scenarios). */
  readonly steps: number | null;
  /** Scenarios: simulated hours of a run that does not sweep `durationHours` (null for zoo models). */
  readonly durationHours: number | null;
  /** Steps (zoo) or hours (scenario) between samples; 0 = only at the end. */
  readonly sampleEvery: number;
  readonly metrics: readonly string[];
  /** Metrics computed only at the end (their columns follow `metrics` in `finalColumns`). */
  readonly finalMetrics: readonly string[];
  readonly runs: readonly RunSpec[];
  readonly options: ResolveOptions;
  /**
   * Names of the columns every run's `final` has, in order: the metrics, the
   * outcomes, then `steps` and `converged` (zoo) or `hours` (scenario). A
   * scenario's outcomes matched by a wildcard help key (`volume.h*`) can
   * depend on the run (e.g. on its duration); they follow these columns in
   * the order the scenario returns them.
   */
  readonly finalColumns: readonly string[];
  /** What runs: a zoo model or a platform scenario. */
  readonly kind: 'model' | 'scenario';
  /** Zoo models: stop early at convergence. */
  readonly untilConverged: boolean;
  /** Outcome selectors in force (exact names, or `prefix*` for a scenario's wildcard outcomes). */
  readonly outcomes: readonly string[];
  readonly metricOptions: Readonly<Record<string, Readonly<Record<string, ParamValue>>>>;
  /** One help line per final column (and per wildcard pattern, e.g. `volume.h*`). */
  readonly columnHelp: Readonly<Record<string, string>>;
  /** The design (`--design`), or null for a full grid; its parameters are in every run's params, not in `vary`. */
  readonly design: ResolvedDesign | null;
}

/** Errors of `fn` with the file in front (InputError's `file`). */
function inFile<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, { file, field: e.field });
    throw e;
  }
}

/** Check a definition's shape eagerly (a bad file fails when imported) and return it frozen. */
export function defineExperiment(def: ExperimentDefinition): ExperimentDefinition {
  checkDefinition(def);
  return Object.freeze({ ...def });
}

/**
 * The experiment a module's default export stands for: an experiment as is,
 * or a scenario as an experiment over all its arms (10 replicates, 2 with
 * `--quick`, its outcomes as the final columns). Anything else is an
 * InputError naming the file.
 */
export function toExperiment(moduleDefault: unknown, file: string): ExperimentDefinition {
  if (looksLikeScenario(moduleDefault)) {
    const s = moduleDefault;
    const def: ExperimentDefinition = {
      id: s.id,
      title: s.title,
      question: s.question,
      scenario: s,
      replicates: 10,
      seed: '1',
      quick: { replicates: 2 },
    };
    return inFile(file, () => defineExperiment(def));
  }
  if (isPlainObject(moduleDefault) && ('model' in moduleDefault || 'scenario' in moduleDefault)) {
    return inFile(file, () => defineExperiment(moduleDefault as unknown as ExperimentDefinition));
  }
  throw new InputError(
    `the default export is ${moduleDefault === undefined ? 'missing' : `not an experiment (${formatValue(moduleDefault)})`}: expected \`export default defineExperiment({...})\` or \`export default defineScenario({...})\``,
    { file, field: 'default' },
  );
}

// ---- resolution --------------------------------------------------------------

/** The fixed values, the sweep and the settings after `quick` and `--set`, with where each value came from. */
interface Assembled {
  readonly base: Map<string, ParamValue>;
  readonly vary: Map<string, readonly ParamValue[]>;
  /** Block each parameter's value came from (`base`, `vary`, `quick.base`, `--set`, ...), for messages. */
  readonly origin: Map<string, string>;
  readonly replicates: number;
  readonly steps: number | null;
  readonly sampleEvery: number | undefined;
  readonly untilConverged: boolean;
}

function assemble(def: ExperimentDefinition, target: Target, opts: ResolveOptions, src: string): Assembled {
  const size: ExperimentSize = opts.quick === true ? (def.quick ?? {}) : {};
  const base = new Map<string, ParamValue>();
  let vary = new Map<string, readonly ParamValue[]>();
  const origin = new Map<string, string>();
  for (const [k, v] of Object.entries(def.base ?? {})) {
    base.set(k, v);
    origin.set(k, 'base');
  }
  for (const [k, v] of Object.entries(def.vary ?? {})) {
    vary.set(k, v);
    origin.set(k, 'vary');
  }
  // The quick size overrides key by key: a quick value replaces a sweep of the same key and vice versa.
  for (const [k, v] of Object.entries(size.base ?? {})) {
    vary.delete(k);
    base.set(k, v);
    origin.set(k, 'quick.base');
  }
  for (const [k, v] of Object.entries(size.vary ?? {})) {
    base.delete(k);
    vary.set(k, v);
    origin.set(k, 'quick.vary');
  }
  for (const k of vary.keys()) {
    if (base.has(k)) throw new ParamError(src, k, base.get(k), 'either a fixed value (base) or a sweep (vary), not both');
  }

  let steps = target.kind === 'model' ? (size.steps ?? def.steps ?? target.entry.exampleSteps) : null;
  let sampleEvery = size.sampleEvery ?? def.sampleEvery;
  let untilConverged = def.untilConverged ?? true;
  const settings: readonly string[] = target.kind === 'model' ? ZOO_SETTINGS : SCENARIO_SETTINGS;
  for (const [key, raw] of Object.entries(opts.set ?? {})) {
    if (settings.includes(key)) {
      if (key === 'untilConverged') untilConverged = parseSetValue(key, raw, 'boolean') as boolean;
      else if (key === 'steps') steps = integerIn('--set', 'steps', parseSetValue(key, raw, 'number'), 0, EXPERIMENT_LIMITS.steps);
      else sampleEvery = checkSampleEvery('--set', 'sampleEvery', parseSetValue(key, raw, 'number'), target);
      continue;
    }
    const slot = target.slots.get(key);
    if (!slot) {
      if (target.unsettable.has(key)) checkParam('--set', target, key, raw, '--set');
      throw unknownName('--set', 'parameter', key, [...target.slots.keys(), ...settings], key, 'set');
    }
    // `--set` pins a swept key on purpose.
    vary.delete(key);
    base.set(key, parseSetValue(key, raw, slot.type));
    origin.set(key, '--set');
  }
  for (const [key, raws] of Object.entries(opts.vary ?? {})) {
    if (Object.prototype.hasOwnProperty.call(opts.set ?? {}, key)) throw new ParamError('--vary', key, raws.join(','), 'either --set or --vary for one parameter, not both');
    const slot = target.slots.get(key);
    if (!slot) {
      if (target.unsettable.has(key)) checkParam('--vary', target, key, raws[0], '--vary');
      throw unknownName('--vary', 'parameter', key, [...target.slots.keys()], key, 'vary');
    }
    const values = raws.map((raw) => parseSetValue(key, raw, slot.type));
    if (new Set(values.map((v) => JSON.stringify(v))).size !== values.length) throw new ParamError('--vary', key, raws.join(','), 'distinct values');
    base.delete(key);
    vary.set(key, values);
    origin.set(key, '--vary');
  }

  if (target.arms.length > 0 && !base.has('arm') && !vary.has('arm')) {
    vary = new Map([['arm', target.arms], ...vary]);
    origin.set('arm', 'arms');
  }
  for (const a of [...(vary.get('arm') ?? []), ...(base.has('arm') ? [base.get('arm') as ParamValue] : [])]) {
    if (typeof a !== 'string' || !target.arms.includes(a)) {
      const near = typeof a === 'string' ? closest(a, target.arms) : undefined;
      const allowed = target.arms.map((x) => JSON.stringify(x)).join(', ') || '(none defined)';
      throw new ParamError(`${src}, ${origin.get('arm') ?? 'vary'}`, 'arm', a, `one of the arms ${allowed}${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }

  const replicates = opts.replicates ?? size.replicates ?? def.replicates;
  let gridSize = 1;
  for (const [k, values] of vary) {
    gridSize *= values.length;
    if (gridSize * replicates > EXPERIMENT_LIMITS.runs) {
      throw new ParamError(src, `vary.${k}`, `${values.length} values`, `a grid of at most ${EXPERIMENT_LIMITS.runs} runs with the replicates (this one has more)`);
    }
  }
  return { base, vary, origin, replicates, steps, sampleEvery, untilConverged };
}

function checkMetrics(src: string, names: readonly string[], target: Target, field: 'metrics' | 'finalMetrics' = 'metrics'): AnyMetric[] {
  const known = listMetrics().filter((m) => m.input === 'network').map((m) => m.id);
  return names.map((name) => {
    if (!has(metricsRegistry, name)) throw unknownName(`${src}, ${field}`, 'metric', name, known, field);
    const metric = getMetric(name);
    if (metric.input !== 'network') {
      throw new ParamError(src, field, name, 'network metrics (cascade metrics are recorded per cascade, in the cascade rows)');
    }
    if (target.kind === 'model' && metric.requires.includes('exposure')) {
      throw new ParamError(src, field, name, `metrics that ${target.modelId}'s view supports (exposure metrics need a platform scenario that records exposures)`);
    }
    if (target.kind === 'model' && metric.requires.includes('attribute') && !zooViewHasAttribute(target.modelId)) {
      throw new ParamError(src, field, name, `metrics that ${target.modelId}'s view supports (it has no 0/1 attribute)`);
    }
    return metric;
  });
}

function checkScenarioOutcomes(src: string, s: ScenarioDefinition<unknown>, given: readonly string[] | undefined): string[] {
  const keys = Object.keys(s.outcomeHelp);
  if (given === undefined) return keys;
  for (const name of given) {
    const exact = has(s.outcomeHelp, name);
    const underWildcard = keys.some((k) => k.endsWith('*') && name.startsWith(k.slice(0, -1)) && !name.endsWith('*'));
    if (!exact && !underWildcard) throw unknownName(`${src}, outcomes`, `outcome of scenario ${s.id}`, name, keys, 'outcomes');
  }
  return [...given];
}

/** Metrics, outcomes and the columns of `final`, with a help line each. */
interface Columns {
  readonly metrics: readonly string[];
  readonly finalMetrics: readonly string[];
  readonly outcomes: readonly string[];
  readonly metricOptions: Record<string, Readonly<Record<string, ParamValue>>>;
  readonly finalColumns: readonly string[];
  readonly columnHelp: Record<string, string>;
}

function resolveColumns(def: ExperimentDefinition, target: Target, src: string): Columns {
  let metricNames: readonly string[];
  let outcomes: string[];
  let outcomeHelp: Readonly<Record<string, string>>;
  if (target.kind === 'model') {
    outcomeHelp = zooOutcomes(target.modelId);
    const known = Object.keys(outcomeHelp);
    for (const name of def.outcomes ?? []) if (!known.includes(name)) throw unknownName(`${src}, outcomes`, `outcome of ${target.modelId}`, name, known, 'outcomes');
    outcomes = def.outcomes ? [...def.outcomes] : known;
    metricNames = def.metrics ?? zooProfile(target.modelId).defaultMetrics;
  } else {
    outcomeHelp = target.scenario.outcomeHelp;
    outcomes = checkScenarioOutcomes(src, target.scenario, def.outcomes);
    // A metric named like an outcome would give two columns of one name.
    const clashes = (m: string) => outcomeSelected(Object.keys(outcomeHelp), m);
    metricNames = def.metrics ?? target.scenario.metrics ?? SCENARIO_DEFAULT_METRICS.filter((m) => !clashes(m));
    for (const m of metricNames) {
      if (clashes(m)) throw new ParamError(src, 'metrics', m, `a metric whose name is not also an outcome of scenario ${target.scenario.id} (its outcome \`${m}\` is recorded anyway)`);
    }
    if (has(outcomeHelp, 'hours')) throw new ParamError(src, 'scenario', target.scenario.id, 'a scenario without an outcome named `hours` (the column of simulated hours)');
  }
  const finalMetricNames: string[] =
    def.finalMetrics !== undefined
      ? [...def.finalMetrics]
      : target.kind === 'scenario' && def.metrics === undefined
        ? [...(target.scenario.finalMetrics ?? SCENARIO_FINAL_METRICS.filter((m) => !outcomeSelected(Object.keys(outcomeHelp), m)))]
        : [];
  for (const m of finalMetricNames) {
    if (metricNames.includes(m)) throw new ParamError(src, 'finalMetrics', m, 'a metric not also in `metrics` (those are recorded at the end anyway)');
    if (target.kind === 'scenario' && outcomeSelected(Object.keys(outcomeHelp), m)) {
      throw new ParamError(src, 'finalMetrics', m, `a metric whose name is not also an outcome of scenario ${target.scenario.id}`);
    }
  }
  if (new Set(finalMetricNames).size !== finalMetricNames.length) throw new ParamError(src, 'finalMetrics', finalMetricNames.join(', '), 'each metric once');
  const metrics = [...checkMetrics(src, metricNames, target), ...checkMetrics(src, finalMetricNames, target, 'finalMetrics')];
  const allMetricNames = [...metricNames, ...finalMetricNames];

  const metricOptions: Record<string, Readonly<Record<string, ParamValue>>> = {};
  for (const [name, o] of Object.entries(def.metricOptions ?? {})) {
    if (!allMetricNames.includes(name)) throw unknownName(`${src}, metricOptions`, 'metric (not among `metrics` or `finalMetrics`)', name, allMetricNames, `metricOptions.${name}`);
    const metric = metrics[allMetricNames.indexOf(name)];
    for (const [k, v] of Object.entries(o)) {
      if (!has(metric.defaults, k)) throw unknownName(`${src}, metricOptions`, `option of ${name}`, k, Object.keys(metric.defaults), `metricOptions.${name}.${k}`);
      if (typeof v !== typeof metric.defaults[k]) throw new ParamError(src, `metricOptions.${name}.${k}`, v, `a ${typeof metric.defaults[k]}`);
    }
    metricOptions[name] = { ...o };
  }

  const wildcardHelp = (o: string) => Object.keys(outcomeHelp).find((k) => k.endsWith('*') && o.startsWith(k.slice(0, -1)));
  const columnHelp: Record<string, string> = {};
  for (const m of metrics) columnHelp[m.id] = `${m.title}: ${m.description}`;
  for (const o of outcomes) columnHelp[o] = outcomeHelp[o] ?? outcomeHelp[wildcardHelp(o) ?? ''] ?? '';
  if (target.kind === 'scenario') {
    // Wildcard outcomes kept by the selection: their help goes under the pattern (`volume.h*`).
    const kept = (pattern: string) => def.outcomes === undefined || def.outcomes.some((s) => s === pattern || (!s.endsWith('*') && s.startsWith(pattern.slice(0, -1))));
    for (const [k, h] of Object.entries(outcomeHelp)) if (k.endsWith('*') && kept(k)) columnHelp[k] = h;
    columnHelp.hours = 'Simulated hours of the run.';
    return { metrics: metricNames, finalMetrics: finalMetricNames, outcomes, metricOptions, finalColumns: [...allMetricNames, ...outcomes.filter((o) => !o.endsWith('*')), 'hours'], columnHelp };
  }
  columnHelp.steps = `Steps simulated (${target.entry.model.timeUnit} each); fewer than the budget when the run converged early.`;
  columnHelp.converged = `1 if the model had converged at the end (${target.entry.model.title}), else 0.`;
  return { metrics: metricNames, finalMetrics: finalMetricNames, outcomes, metricOptions, finalColumns: [...allMetricNames, ...outcomes, 'steps', 'converged'], columnHelp };
}

/** The grid as nested loops in declaration order: the first key varies slowest. */
function grid(vary: ReadonlyArray<readonly [string, readonly ParamValue[]]>): Array<Record<string, ParamValue>> {
  let points: Array<Record<string, ParamValue>> = [{}];
  for (const [key, values] of vary) points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  return points;
}

function describePoint(point: Readonly<Record<string, ParamValue>>, order: readonly string[]): string {
  return order.length === 0 ? 'the base parameters' : order.map((k) => `${k}=${formatValue(point[k])}`).join(', ');
}

/** About 50 samples per run, at whole steps or hours. */
function defaultSampleEvery(kind: 'model' | 'scenario', length: number): number {
  if (length <= 0) return 0;
  return Math.max(1, Math.ceil(length / (kind === 'model' ? 50 : 48)));
}

/**
 * Validate every grid point as its runs will use it; for zoo models also
 * build the first replicate's network and initialise the model on it.
 * Returns the duration of the first point (scenarios).
 */
function checkGrid(def: ExperimentDefinition, target: Target, a: Assembled, opts: ResolveOptions, points: ReadonlyArray<Record<string, ParamValue>>, order: readonly string[], src: string): number | null {
  const partial = { definition: def, base: Object.fromEntries(a.base), options: opts };
  const crn0 = seedKey(def.id, def.seed, 'replicate', 0);
  const whence = (field: string | undefined, point: Record<string, ParamValue>): string => {
    if (field === undefined) return '';
    const block = a.origin.get(field);
    if (block !== undefined) return ` (\`${field}\` from ${block})`;
    const arm = point.arm ?? a.base.get('arm');
    if (arm !== undefined && def.arms && has(def.arms, String(arm)) && has(def.arms[String(arm)].params, field)) return ` (\`${field}\` from arm ${String(arm)})`;
    return '';
  };
  /** Run `fn`; an InputError gets the grid point and where the field's value came from in front. */
  const explain = <T>(at: string, point: Record<string, ParamValue>, fn: () => T, rename: (f: string | undefined) => string | undefined = (f) => f): T => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const field = rename(e.field);
      const note = field !== undefined && field !== e.field ? ` (\`${field}\`)` : whence(e.field, point);
      throw new InputError(`${at}${note}: ${e.message}`, { field });
    }
  };
  let durationHours: number | null = null;
  const networks = new Map<string, CsrGraph>();
  points.forEach((point, k) => {
    const setup = runSetup(partial, point);
    const at = `${src}, at ${describePoint(point, order)}`;
    if (setup.kind === 'model' && target.kind === 'model') {
      const model = target.entry.model;
      const params = explain(at, point, () => model.validate(setup.params as never));
      const net = setup.network;
      if (net) explain(at, point, () => checkNetworkParams('network spec', net.kind, net.params));
      if (opts.checkInit !== false) {
        const netKey = canonicalJson(net ?? null);
        let graph = networks.get(netKey);
        if (!graph) {
          graph = explain(at, point, () => runNetwork(setup, crn0), (f) => (f === undefined ? 'network' : `network.${f}`));
          networks.set(netKey, graph);
        }
        const g = graph;
        explain(`${at}, initialising ${setup.modelId} on a network of ${g.n} nodes`, point, () => model.init(g, params as never, new Rng(crn0).fork('model')));
      }
      const steps = a.steps ?? 0;
      const every = a.sampleEvery ?? defaultSampleEvery('model', steps);
      if (every > 0 && steps / every > EXPERIMENT_LIMITS.samples) throw new ParamError(src, 'sampleEvery', every, `at least steps / ${EXPERIMENT_LIMITS.samples} (${Math.ceil(steps / EXPERIMENT_LIMITS.samples)})`);
    } else if (setup.kind === 'scenario' && target.kind === 'scenario') {
      const p = explain(at, point, () => scenarioParams(target.scenario, { arm: setup.arm, overrides: setup.overrides, quick: opts.quick === true }));
      if (k === 0) durationHours = p.durationHours;
      const every = a.sampleEvery ?? defaultSampleEvery('scenario', p.durationHours);
      if (every > 0 && p.durationHours / every > EXPERIMENT_LIMITS.samples) {
        throw new ParamError(src, 'sampleEvery', every, `at least durationHours / ${EXPERIMENT_LIMITS.samples} (${p.durationHours / EXPERIMENT_LIMITS.samples} hours)`);
      }
    }
  });
  return durationHours;
}

/**
 * Apply the options, expand the grid, name the runs and validate all of it
 * (see the file header). Throws InputError/ParamError naming the field.
 */
export function resolveExperiment(definition: ExperimentDefinition, options?: ResolveOptions): ResolvedExperiment {
  const opts = checkOptions(options);
  // `--seed` is the definition's seed replaced: every key below derives from it.
  const def = opts.seed !== undefined ? { ...definition, seed: opts.seed } : definition;
  const target = checkDefinition(def);
  const src = source(def.id);
  const assembled = assemble(def, target, opts, src);
  const columns = resolveColumns(def, target, src);
  if (def.outcomeKinds !== undefined) {
    const known = [...columns.finalColumns, ...columns.outcomes, ...(def.scenario ? [...Object.keys(def.scenario.outcomeHelp), ...Object.keys(def.scenario.seriesHelp ?? {})] : [])];
    for (const key of Object.keys(def.outcomeKinds)) {
      const hit = key.endsWith('*') ? known.some((k) => k.startsWith(key.slice(0, -1))) : known.includes(key);
      if (!hit) throw unknownName(`${src}, outcomeKinds`, 'outcome (a final column of this experiment, or a prefix* pattern of some)', key, known, `outcomeKinds.${key}`);
    }
  }
  if (def.keyOutcomes !== undefined) {
    const known = [...columns.finalColumns, ...columns.outcomes, ...(def.scenario ? [...Object.keys(def.scenario.outcomeHelp), ...Object.keys(def.scenario.seriesHelp ?? {})] : [])];
    for (const key of def.keyOutcomes) {
      if (!known.includes(key)) throw unknownName(`${src}, keyOutcomes`, 'outcome (a final column of this experiment)', key, known, 'keyOutcomes');
    }
  }
  const design = opts.design === undefined ? null : resolveDesign(def, target, assembled, opts.design, src);
  const varyEntries = [...assembled.vary.entries()];
  const order = varyEntries.map(([k]) => k);
  const gridPoints = grid(varyEntries);
  // A design crosses the rest of the grid: every grid point (e.g. each arm) runs every design point.
  const points = design === null ? gridPoints : gridPoints.flatMap((g) => design.points.map((d) => ({ ...g, ...d })));
  const durationHours = checkGrid(def, target, assembled, opts, points, order, src);
  const sampleEvery = assembled.sampleEvery ?? (target.kind === 'model' ? defaultSampleEvery('model', assembled.steps ?? 0) : defaultSampleEvery('scenario', durationHours ?? 0));

  // Runs: grid order, then replicate.
  const runs: RunSpec[] = [];
  const names = new Set<string>();
  const width = design === null ? 0 : String(design.points.length - 1).length;
  points.forEach((point, p) => {
    // Design points are named by their index (`design=0017`): their values are in the run's params and tables.
    const naming = design === null ? point : { ...gridPoints[Math.floor(p / design.points.length)], design: String(p % design.points.length).padStart(width, '0') };
    const namingOrder = design === null ? order : [...order, 'design'];
    for (let r = 0; r < assembled.replicates; r++) {
      const name = runName(naming, namingOrder, r);
      // Case-insensitive file systems would merge two names differing only in case.
      if (names.has(name.toLowerCase())) throw new ParamError(src, 'vary', name, 'values giving distinct run names (two grid points share this one)');
      names.add(name.toLowerCase());
      runs.push(
        Object.freeze({
          index: runs.length,
          name,
          params: Object.freeze({ ...point }),
          replicate: r,
          seedKey: seedKey(def.id, def.seed, point, r),
          crnKey: seedKey(def.id, def.seed, 'replicate', r),
        }),
      );
    }
  });

  return Object.freeze({
    definition: def,
    id: def.id,
    replicates: assembled.replicates,
    base: Object.fromEntries(assembled.base),
    vary: Object.fromEntries(varyEntries),
    steps: assembled.steps,
    durationHours,
    sampleEvery,
    metrics: columns.metrics,
    finalMetrics: columns.finalMetrics,
    runs,
    options: opts,
    finalColumns: columns.finalColumns,
    kind: target.kind,
    untilConverged: assembled.untilConverged,
    outcomes: columns.outcomes,
    metricOptions: columns.metricOptions,
    columnHelp: columns.columnHelp,
    design,
  });
}

/**
 * The design's parameters and points: ranges from the options, else the
 * definition's `ranges`, else its `calibrate` ranges; each a numeric
 * parameter, taken out of the fixed values and the sweep (the design
 * replaces them). Points come from a stream of the experiment's seed, so the
 * same seed gives the same design.
 */
function resolveDesign(def: ExperimentDefinition, target: Target, a: Assembled, d: DesignOptions, src: string): ResolvedDesign {
  if (d.kind !== 'lhs' && d.kind !== 'sobol') throw new ParamError('--design', 'design', d.kind, 'lhs or sobol');
  const ranges = d.ranges ?? def.ranges ?? def.calibrate;
  if (ranges === undefined || Object.keys(ranges).length === 0) {
    throw new ParamError('--design', 'ranges', 'none', `ranges of numeric parameters: give --range name=lo:hi, or declare \`ranges\` in ${src}`);
  }
  const names = Object.keys(ranges).sort();
  for (const k of names) {
    const slot = target.slots.get(k);
    if (k === 'arm' || slot === undefined || slot.type !== 'number') {
      throw unknownName('--range', 'numeric parameter', k, [...target.slots.entries()].filter(([, s]) => s.type === 'number').map(([n]) => n), k, 'ranges');
    }
    const [lo, hi] = ranges[k];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new ParamError('--range', k, `${lo}:${hi}`, 'lo:hi with finite numbers lo < hi');
    a.vary.delete(k);
    a.base.delete(k);
    a.origin.set(k, '--design');
  }
  const min = d.kind === 'sobol' ? 2 : 1;
  const perSample = d.kind === 'sobol' ? names.length + 2 : 1;
  if (!Number.isInteger(d.samples) || d.samples < min || d.samples * perSample > MAX_DESIGN_POINTS) {
    throw new ParamError('--samples', 'samples', d.samples, `an integer from ${min} to ${Math.floor(MAX_DESIGN_POINTS / perSample)} (${d.kind === 'sobol' ? `n (k + 2) = ${perSample} points per sample` : 'one point per sample'})`);
  }
  let gridSize = 1;
  for (const values of a.vary.values()) gridSize *= values.length;
  const runs = gridSize * d.samples * perSample * a.replicates;
  if (runs > EXPERIMENT_LIMITS.runs) throw new ParamError('--samples', 'samples', d.samples, `a design of at most ${EXPERIMENT_LIMITS.runs} runs with the grid and replicates (this one has ${runs})`);
  const box = Object.fromEntries(names.map((k) => [k, [ranges[k][0], ranges[k][1]] as const]));
  const rng = new Rng(seedKey(def.id, def.seed, 'design', d.kind, d.samples, canonicalJson(box)));
  const points = d.kind === 'lhs' ? latinHypercube(box, d.samples, rng) : designPoints(saltelliDesign(box, d.samples, rng));
  // Twelve significant digits: the values read back from final.csv are the values run.
  const rounded = points.map((p) => Object.fromEntries(names.map((k) => [k, Number(p[k].toPrecision(12))])));
  return { kind: d.kind, samples: d.samples, names, ranges: box, points: rounded };
}
