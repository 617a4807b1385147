/**
 * GEXF snapshots for Gephi: each run's network at chosen times, with every
 * node's opinion (or state code) and its Louvain community as attributes.
 * Runs are deterministic, so a snapshot replays the run in the main process
 * exactly as `executeRun` does (same setup, network and model streams from
 * the run's common-random-numbers key) up to each requested time; where the
 * run's series has a sample at that time, the replay's metrics are checked
 * against it. Louvain gets a stream forked from the run's seed key, so the
 * same command writes the same files.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as gexf from 'graphology-gexf';
import type { ResolvedExperiment } from '../experiment/define-experiment.js';
import { runNetwork, runSetup } from '../experiment/run-setup.js';
import type { RunResult, RunSpec } from '../experiment/experiment-types.js';
import { zooProfile } from '../experiment/zoo-profiles.js';
import { ParamError } from '../model/errors.js';
import { Rng } from '../model/rng.js';
import { toGraphology } from '../model/to-graphology.js';
import type { NetworkView } from '../sim/metric-view.js';
import { louvainCommunities } from '../sim/metrics/louvain-communities.js';
import { computeMetrics } from '../sim/metrics/metrics-registry.js';
import { getZooEntry } from '../sim/model-zoo.js';
import type { Platform } from '../sim/platform/platform.js';
import { buildScenario } from '../sim/platform/scenario.js';
import { writeFileAtomic } from './runs-log.js';

/** Check `--snapshot-at` times against the experiment's horizon; sorted, without duplicates. */
export function checkSnapshotTimes(resolved: ResolvedExperiment, times: readonly number[], flag = 'snapshot-at'): number[] {
  const horizon = resolved.steps ?? resolved.durationHours;
  const unit = resolved.steps !== null ? 'steps' : 'hours';
  for (const t of times) {
    if (!Number.isFinite(t) || t < 0 || (horizon !== null && t > horizon)) {
      throw new ParamError('echolab run', flag, t, `a time in [0, ${horizon ?? '∞'}] (${unit})`);
    }
  }
  return [...new Set(times)].sort((a, b) => a - b);
}

/** The GEXF of one network view: opinions (if any), the 0/1 attribute (if any) and Louvain communities as node attributes. */
export function snapshotGexf(view: NetworkView, rng: Rng): string {
  const n = view.graph.n;
  const { community } = louvainCommunities(view.graph, { rng });
  const attributes: Record<string, ArrayLike<number>> = { community };
  if (view.opinions) attributes.opinion = view.opinions.subarray(0, n);
  if (view.attribute) attributes.group = view.attribute.subarray(0, n);
  const graph = toGraphology(view.graph, { attributes });
  // graphology's generated edge keys carry a per-process instance counter; number the edges instead so the file is reproducible.
  const keyed = graph.emptyCopy();
  let k = 0;
  graph.forEachEdge((_e, attr, source, target) => {
    keyed.addEdgeWithKey(`e${k++}`, source, target, attr);
  });
  return gexf.write(keyed);
}

/** File name of a snapshot: `<run name>@<t>.gexf`. */
export function snapshotFileName(run: RunSpec, t: number): string {
  return `${run.name}@${String(t).replace(/[^\w.+-]/g, '_')}.gexf`;
}

/**
 * Replay one run, calling `onView` with its network view at each time of
 * `times` (sorted). A zoo run that stops early (convergence) is shown at its
 * last step for later times; `onView` gets the time actually reached.
 */
export function replayRun(resolved: ResolvedExperiment, run: RunSpec, times: readonly number[], onView: (t: number, reached: number, view: NetworkView) => void): void {
  const setup = runSetup(resolved, run.params);
  if (setup.kind === 'model') {
    const model = getZooEntry(setup.modelId).model;
    const profile = zooProfile(setup.modelId);
    const state = model.init(runNetwork(setup, run.crnKey), model.validate(setup.params as never), new Rng(run.crnKey).fork('model'));
    const budget = resolved.steps ?? 0;
    let taken = 0;
    let stopped = false;
    for (const t of times) {
      while (!stopped && taken < t && taken < budget) {
        if (resolved.untilConverged && model.isConverged(state)) {
          stopped = true;
          break;
        }
        model.step(state);
        taken++;
      }
      onView(t, taken, profile.view(state));
    }
    return;
  }
  replayPlatform(resolved, run, times, (t, platform) => onView(t, platform.now / 60, platform.networkView()));
}

/** Replay a scenario run, calling `onPlatform` with the platform at each time of `times` (sorted); nothing for a zoo run. */
export function replayPlatform(resolved: ResolvedExperiment, run: RunSpec, times: readonly number[], onPlatform: (t: number, platform: Platform) => void): void {
  const setup = runSetup(resolved, run.params);
  const scenario = resolved.definition.scenario;
  if (setup.kind !== 'scenario' || !scenario) return;
  const platform = buildScenario(scenario, { seed: run.crnKey, arm: setup.arm, overrides: setup.overrides, quick: resolved.options.quick === true }).platform;
  for (const t of times) {
    const ahead = t - platform.now / 60;
    if (ahead > 0) platform.run(ahead);
    onPlatform(t, platform);
  }
}

export interface SnapshotOutcome {
  readonly files: string[];
  readonly warnings: string[];
}

/**
 * Replay each run and write its snapshots into `<dir>/snapshots/`. `results`
 * (by run index) lets the replay be checked against the recorded series.
 */
export function writeSnapshots(resolved: ResolvedExperiment, runs: readonly RunSpec[], times: readonly number[], dir: string, results?: ReadonlyMap<number, RunResult>): SnapshotOutcome {
  const out = path.join(dir, 'snapshots');
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  const warnings: string[] = [];
  for (const run of runs) {
    const series = results?.get(run.index)?.series ?? [];
    replayRun(resolved, run, times, (t, reached, view) => {
      if (reached !== t) warnings.push(`${run.name}: the run stopped at ${reached}, so its snapshot @${t} shows time ${reached}`);
      const sample = series.find((s) => s.t === reached);
      if (sample && resolved.metrics.length > 0) {
        const now = computeMetrics(resolved.metrics, view, resolved.metricOptions);
        const off = resolved.metrics.filter((m) => !Object.is(now[m], sample.values[m]));
        if (off.length > 0) warnings.push(`${run.name}: the snapshot replay at ${reached} differs from the recorded run in ${off.join(', ')}`);
      }
      const file = path.join(out, snapshotFileName(run, t));
      writeFileAtomic(file, snapshotGexf(view, new Rng(run.seedKey).fork(`snapshot@${t}`).fork('louvain')));
      files.push(file);
    });
  }
  return { files, warnings };
}
