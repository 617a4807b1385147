/**
 * Execute one run of a resolved experiment: pure and deterministic (the same
 * run gives the same result in any process, worker or order), no clock and
 * no I/O — the runner measures wall time around it.
 *
 * Zoo models: the network comes from the `network` fork of the run's
 * common-random-numbers key and the model from its `model` fork (as in
 * `runZooModel`), so the arms of one replicate start from the same network
 * and the same initial state. The metrics are sampled at step 0, every
 * `sampleEvery` steps and at the end (the series stops where a run
 * converged); `final` holds the metrics and the model's outcomes at the end,
 * then `steps` and `converged` (1/0). Spreading models add one cascade row
 * per seed.
 *
 * Every cascade row also carries three features of src/compare (so a results
 * folder can be compared with an archive without the trees):
 * `cascade.time-to-k` (k = 10; Inf for a cascade that never reached 10),
 * `cascade.time-to-90pct` and `cascade.top-k-reach-share` (top 5
 * rebroadcasters; missing for a lone root). Times are in the run's tree unit:
 * steps for zoo models, minutes after the original post for scenarios.
 *
 * Scenarios: the arm is the run's `arm` parameter, the other parameters are
 * platform overrides, and the platform is seeded from the run's
 * common-random-numbers key, so every arm of a replicate builds the same
 * world. The platform runs in chunks up to each sample time (ticks are never
 * split, so chunking does not change the run); `final` holds the metrics and
 * the scenario's outcomes at the end, then `hours`. Every original post whose
 * reshare tree has at least two nodes gives a cascade row.
 */
import { computeMetrics } from '../sim/metrics/metrics-registry.js';
import type { NetworkView } from '../sim/metric-view.js';
import { getZooEntry } from '../sim/model-zoo.js';
import type { ModelState } from '../sim/model.js';
import { buildScenario } from '../sim/platform/scenario.js';
import { Rng } from '../model/rng.js';
import { InputError } from '../model/errors.js';
import { claimTrees, forestRows, platformCascadeInfo, platformCascadeRows, platformCascades, zooCascadeInfo } from './cascade-rows.js';
import { cascadeFeatures, type CascadeFeature } from '../compare/cascade-features.js';
import { splitCascades, type CascadeTree } from '../sim/cascade-record.js';
import type { ResolvedExperiment } from './define-experiment.js';
import type { RunResult, RunSpec } from './experiment-types.js';
import { outcomeSelected, runNetwork, runSetup, type ScenarioSetup, type ZooSetup } from './run-setup.js';
import { zooProfile } from './zoo-profiles.js';

/** Extra cascade-row columns, from cascadeFeatures (see the banner). */
const FEATURE_COLUMNS: ReadonlyArray<readonly [CascadeFeature, string]> = [
  ['time-to-k', 'cascade.time-to-k'],
  ['time-to-90pct', 'cascade.time-to-90pct'],
  ['top-k-reach-share', 'cascade.top-k-reach-share'],
];
const FEATURES = FEATURE_COLUMNS.map(([f]) => f);

/** The rows with the feature columns appended; `trees[i]` is the tree of `rows[i]`. */
function withFeatures(rows: Record<string, number>[], trees: readonly CascadeTree[]): Record<string, number>[] {
  if (rows.length !== trees.length) throw new Error(`cascade rows (${rows.length}) and trees (${trees.length}) out of step`);
  return rows.map((row, i) => {
    const f = cascadeFeatures(trees[i], FEATURES, { k: 10, topK: 5 });
    const out = { ...row };
    for (const [feature, column] of FEATURE_COLUMNS) out[column] = f[feature];
    return out;
  });
}

type Sample = { readonly t: number; readonly values: Readonly<Record<string, number>> };

function measure(resolved: ResolvedExperiment, view: NetworkView): Record<string, number> {
  return computeMetrics(resolved.metrics, view, resolved.metricOptions);
}

/** The end-only metrics (`finalMetrics`), in their column order. */
function measureAtEnd(resolved: ResolvedExperiment, view: NetworkView): Record<string, number> {
  return resolved.finalMetrics.length === 0 ? {} : computeMetrics(resolved.finalMetrics, view, resolved.metricOptions);
}

function executeZoo(resolved: ResolvedExperiment, run: RunSpec, setup: ZooSetup): RunResult {
  const entry = getZooEntry(setup.modelId);
  const profile = zooProfile(setup.modelId);
  const model = entry.model;
  const graph = runNetwork(setup, run.crnKey);
  const state: ModelState = model.init(graph, model.validate(setup.params as never), new Rng(run.crnKey).fork('model'));
  const outcomes = resolved.outcomes.map((name) => [name, profile.outcomes[name]] as const);
  const sampleNow = (): Record<string, number> => {
    const values = measure(resolved, profile.view(state));
    for (const [name, o] of outcomes) values[name] = o.value(state);
    return values;
  };
  const series: Sample[] = [];
  const every = resolved.sampleEvery;
  const budget = resolved.steps ?? 0;
  series.push({ t: 0, values: sampleNow() });
  let taken = 0;
  // The loop of runUntilConverged, with sampling: test convergence before each step.
  while (taken < budget) {
    if (resolved.untilConverged && model.isConverged(state)) break;
    model.step(state);
    taken++;
    if (every > 0 && taken % every === 0) series.push({ t: taken, values: sampleNow() });
  }
  const converged = model.isConverged(state);
  const last = series[series.length - 1];
  const end = last.t === taken ? last.values : sampleNow();
  if (last.t !== taken) series.push({ t: taken, values: end });
  const metricsEnd: Record<string, number> = {};
  for (const m of resolved.metrics) metricsEnd[m] = end[m];
  const outcomesEnd: Record<string, number> = {};
  for (const [name] of outcomes) outcomesEnd[name] = end[name];
  const final: Record<string, number> = { ...metricsEnd, ...measureAtEnd(resolved, profile.view(state)), ...outcomesEnd, steps: taken, converged: converged ? 1 : 0 };
  if (!entry.cascade) return { run, final, series, cascades: [], steps: taken, converged };
  const forest = entry.cascade(state);
  const trees = splitCascades(forest);
  const info = zooCascadeInfo(trees.length);
  return { run, final, series, cascades: withFeatures(forestRows(forest), trees), cascadeInfo: info, trees: claimTrees(info, trees), steps: taken, converged };
}

function executeScenario(resolved: ResolvedExperiment, run: RunSpec, setup: ScenarioSetup): RunResult {
  const scenario = resolved.definition.scenario;
  if (!scenario) throw new InputError(`experiment ${resolved.id}: no scenario to run`, { field: 'scenario' });
  const build = buildScenario(scenario, { seed: run.crnKey, arm: setup.arm, overrides: setup.overrides, quick: resolved.options.quick === true });
  const platform = build.platform;
  const hours = build.params.durationHours;
  const series: Sample[] = [];
  const hoursNow = () => platform.now / 60;
  // The registry metrics, then the scenario's own values over time (its `series` hook).
  const sampleNow = (): Record<string, number> => ({ ...measure(resolved, platform.networkView()), ...build.sample() });
  series.push({ t: 0, values: sampleNow() });
  const every = resolved.sampleEvery;
  if (every > 0) {
    for (let k = 1; k * every < hours - 1e-9; k++) {
      const ahead = k * every - hoursNow();
      if (ahead > 0) platform.run(ahead);
      series.push({ t: hoursNow(), values: sampleNow() });
    }
  }
  const done = build.finish();
  const end = measure(resolved, platform.networkView());
  if (series[series.length - 1].t !== hoursNow()) series.push({ t: hoursNow(), values: { ...end, ...build.sample() } });
  const selectors = resolved.definition.outcomes ?? null;
  const exact = resolved.finalColumns.slice(resolved.metrics.length + resolved.finalMetrics.length, -1);
  const final: Record<string, number> = { ...end, ...measureAtEnd(resolved, platform.networkView()) };
  for (const name of exact) final[name] = Object.prototype.hasOwnProperty.call(done.outcomes, name) ? done.outcomes[name] : NaN;
  final.hours = hoursNow();
  for (const [name, value] of Object.entries(done.outcomes)) {
    if (!Object.prototype.hasOwnProperty.call(final, name) && outcomeSelected(selectors, name)) final[name] = value;
  }
  const cascades = platformCascades(platform);
  const trees = cascades.map((c) => c.tree);
  const info = platformCascadeInfo(platform, cascades);
  return {
    run,
    final,
    series,
    cascades: withFeatures(platformCascadeRows(platform, cascades), trees),
    cascadeInfo: info,
    trees: claimTrees(info, trees),
    // Only with puppets, so results without them keep their exact bytes.
    ...(platform.feedLog !== null ? { feeds: platform.feedLog } : {}),
    steps: hoursNow(),
    converged: null,
  };
}

/** Run one simulation of `resolved` (pure, deterministic). */
export function executeRun(resolved: ResolvedExperiment, run: RunSpec): RunResult {
  const setup = runSetup(resolved, run.params);
  return setup.kind === 'model' ? executeZoo(resolved, run, setup) : executeScenario(resolved, run, setup);
}
