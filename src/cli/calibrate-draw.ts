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
import { makeCascadeDistance, type CascadeSummary } from '../calibrate/cascade-distance.js';
import { resolveExperiment } from '../experiment/define-experiment.js';
import { executeRun } from '../experiment/execute-run.js';
import type { ExperimentDefinition } from '../experiment/experiment-types.js';
import { Rng, seedKey } from '../model/rng.js';

/** Cascade features the calibration distance compares (mean KS over them). */
export const CALIBRATION_FEATURES = ['size', 'depth'] as const;

/** What a draw needs besides the experiment definition (structured-clonable, sent to workers). */
export interface DrawSettings {
  readonly prior: UniformPrior;
  /** Seed of the prior draws (default: the experiment's). */
  readonly seed: string;
  readonly commonRandomNumbers: boolean;
  readonly observed: CascadeSummary;
  readonly samples: number;
  readonly accept: number;
}

/** Parameters as `--set` overrides. */
function asSet(names: readonly string[], params: Readonly<Record<string, number>>): Record<string, string> {
  return Object.fromEntries(names.map((k) => [k, String(params[k])]));
}

/** Simulate the experiment at `params` and summarise its cascades (size and depth of every cascade row). */
export function calibrationSimulator(def: ExperimentDefinition, settings: Pick<DrawSettings, 'prior' | 'commonRandomNumbers'>): (params: Readonly<Record<string, number>>, rng: Rng) => CascadeSummary {
  const names = Object.keys(settings.prior).sort();
  return (params, rng) => {
    const resolved = resolveExperiment(def, { quick: false, set: asSet(names, params), checkInit: false });
    const first = resolved.runs[0];
    const run = settings.commonRandomNumbers ? first : { ...first, crnKey: rng.key };
    const rows = executeRun(resolved, run).cascades;
    return { size: Float64Array.from(rows, (r) => r['cascade.size']), depth: Float64Array.from(rows, (r) => r['cascade.depth']) };
  };
}

/** The options of calibrate/abc.ts for this calibration. */
export function drawOptions(def: ExperimentDefinition, settings: DrawSettings): AbcOptions<CascadeSummary> {
  const distance = makeCascadeDistance(settings.observed, CALIBRATION_FEATURES);
  return {
    prior: settings.prior,
    simulate: calibrationSimulator(def, settings),
    distance: (sim) => (sim.size !== undefined && sim.size.length > 0 ? distance(sim) : NaN),
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
