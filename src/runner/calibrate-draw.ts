/**
 * One calibration draw of `echolab calibrate`, shared by the main thread and
 * the calibration workers so a draw gives the same bytes wherever it runs.
 * Draw i takes its parameters from `rng.fork('sample-i').fork('prior')` and
 * simulates with `rng.fork('sample-i').fork('simulate')` (calibrate/abc.ts),
 * with `rng = new Rng(seedKey(id, seed, 'calibrate'))`: a draw depends on its
 * index only, never on which worker ran it or in which order.
 *
 * Which replicate a draw simulates:
 *   common random numbers (the default): replicate 0 of the first grid
 *     point, the network and every model stream shared by all draws. The
 *     distance then changes only through the parameters, so it is a smooth,
 *     low-noise function of θ and few draws locate the optimum; but the
 *     posterior is conditional on that one network and seed set, and its
 *     spread leaves out the run-to-run variability of the model (a lucky or
 *     odd realisation biases every draw the same way).
 *   own replicate (--no-common-random-numbers): the run's common-random-
 *     numbers key is the draw's own `simulate` stream key, so each draw
 *     builds a fresh network and model streams. This is ABC as its theory
 *     assumes (S ~ model(θ) independently per draw), so the posterior
 *     reflects the model's stochasticity; the distances are noisier, so it
 *     needs more draws for the same sharpness.
 */
import type { AbcDraw, AbcOptions, UniformPrior } from '../calibrate/abc.js';
import { abcSample } from '../calibrate/abc.js';
import { makeMatchedCascadeDistance, type CascadeSummary } from '../calibrate/cascade-distance.js';
import { selectCascades, type CascadeSelection, type SimulatedCascade } from '../compare/cascade-selection.js';
import type { CascadeFeature } from '../compare/cascade-features.js';
import { resolveExperiment } from '../experiment/define-experiment.js';
import { executeRun } from '../experiment/execute-run.js';
import type { ExperimentDefinition, RunResult } from '../experiment/experiment-types.js';
import { Rng, seedKey } from '../model/rng.js';
import type { CascadeTree } from '../sim/cascade-record.js';

/**
 * Cascade features the calibration distance compares (mean KS over them):
 * the shape (size, depth, largest breadth, structural virality) and the
 * speed (time to 90 % of the final size) of each cascade.
 */
export const CALIBRATION_FEATURES = ['size', 'depth', 'max-breadth', 'structural-virality', 'time-to-90pct'] as const satisfies readonly CascadeFeature[];

/** Column of a cascade row holding each calibration feature. */
const ROW_COLUMN: Readonly<Record<(typeof CALIBRATION_FEATURES)[number], string>> = {
  size: 'cascade.size',
  depth: 'cascade.depth',
  'max-breadth': 'cascade.max-breadth',
  'structural-virality': 'cascade.structural-virality',
  'time-to-90pct': 'cascade.time-to-90pct',
};

/** What a draw needs besides the experiment definition (structured-clonable, sent to workers). */
export interface DrawSettings {
  readonly prior: UniformPrior;
  /** Seed of the prior draws (default: the experiment's). */
  readonly seed: string;
  readonly commonRandomNumbers: boolean;
  readonly observed: CascadeSummary;
  readonly samples: number;
  readonly accept: number;
  /** The archive's selection, applied to every draw's cascades (compare/cascade-selection.ts). */
  readonly selection: CascadeSelection;
  /** Match the non-size features on exact size (the archive is per cascade). */
  readonly matchOnSize: boolean;
  /** The arm whose fixed parameters every draw uses (the calibrated ones override them); absent: the first grid point's. */
  readonly arm?: string;
}

/** A run's cascades as a comparison reads them: features of each row, where it started, its kept tree. */
export function runCascades(res: RunResult): SimulatedCascade[] {
  const trees = new Map<number, CascadeTree>();
  for (const t of res.trees ?? []) trees.set(t.row, { node: new Int32Array(t.parent.length), parent: Int32Array.from(t.parent), time: Float64Array.from(t.time) });
  return res.cascades.map((row, i) => {
    const features: Partial<Record<CascadeFeature, number>> = {};
    for (const f of CALIBRATION_FEATURES) if (row[ROW_COLUMN[f]] !== undefined) features[f] = row[ROW_COLUMN[f]];
    const info = res.cascadeInfo?.[i];
    const tree = trees.get(i);
    return { features, ...(info ? { info } : {}), ...(tree ? { tree } : {}) };
  });
}

/** The selected cascades of a run, as one array per calibration feature. */
export function selectedSummary(res: RunResult, selection: CascadeSelection): CascadeSummary {
  const kept = selectCascades(runCascades(res), selection).features;
  const out: Partial<Record<CascadeFeature, Float64Array>> = {};
  for (const f of CALIBRATION_FEATURES) out[f] = Float64Array.from(kept, (c) => c[f] ?? NaN);
  return out;
}

/** Parameters as `--set` overrides. */
function asSet(names: readonly string[], params: Readonly<Record<string, number>>): Record<string, string> {
  return Object.fromEntries(names.map((k) => [k, String(params[k])]));
}

/** Simulate the experiment at `params` and summarise its selected cascades (the calibration features of each). */
export function calibrationSimulator(def: ExperimentDefinition, settings: Pick<DrawSettings, 'prior' | 'commonRandomNumbers' | 'selection' | 'arm'>): (params: Readonly<Record<string, number>>, rng: Rng) => CascadeSummary {
  const names = Object.keys(settings.prior).sort();
  return (params, rng) => {
    const set = asSet(names, params);
    if (settings.arm !== undefined) set.arm = settings.arm;
    const resolved = resolveExperiment(def, { quick: false, set, checkInit: false });
    const first = resolved.runs[0];
    const run = settings.commonRandomNumbers ? first : { ...first, crnKey: rng.key };
    return selectedSummary(executeRun(resolved, run), settings.selection);
  };
}

/** The distance of a calibration (see makeMatchedCascadeDistance), per feature too. */
export function calibrationDistance(settings: Pick<DrawSettings, 'observed' | 'matchOnSize'>): ReturnType<typeof makeMatchedCascadeDistance> {
  return makeMatchedCascadeDistance(settings.observed, CALIBRATION_FEATURES, settings.matchOnSize);
}

/** The options of calibrate/abc.ts for this calibration. */
export function drawOptions(def: ExperimentDefinition, settings: DrawSettings): AbcOptions<CascadeSummary> {
  const { distance } = calibrationDistance(settings);
  return {
    prior: settings.prior,
    simulate: calibrationSimulator(def, settings),
    distance,
    samples: settings.samples,
    acceptFraction: settings.accept,
    rng: new Rng(seedKey(def.id, settings.seed, 'calibrate')),
  };
}

/** Draw i (see the banner). */
export function makeDraw(i: number, options: AbcOptions<CascadeSummary>): AbcDraw {
  return abcSample(i, options);
}

/** The simulation of an earlier draw again, from the same stream (the fit plots of the best draw). */
export function replayDraw(draw: AbcDraw, options: AbcOptions<CascadeSummary>): CascadeSummary {
  return options.simulate(draw.params, options.rng.fork(`sample-${draw.index}`).fork('simulate'));
}
