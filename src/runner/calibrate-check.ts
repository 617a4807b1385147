/**
 * Goodness of fit of a calibration: a posterior predictive check, and a
 * warning when no draw comes close.
 *
 * Posterior predictive check (Gelman, Meng & Stern, Statistica Sinica 6,
 * 733–807, 1996): the model is simulated `replicates` times at the
 * posterior median, each time with its own replicate (its own network and
 * streams: the run-to-run variability is what the check is about), its
 * cascades selected as the archive's were. Per feature the check reports
 * the distance of the posterior predictive distribution to the archive
 * (the calibration's KS, size as it is, the other features matched on exact
 * size, between the archive and the cascades of all replicates pooled: the
 * predictive is the mixture over replicates), the distance of each
 * replicate alone as a median and a 5–95 % range (larger: a replicate has
 * a few dozen cascades, so its KS carries sampling noise of its own), and
 * the archive's CCDF against the replicates' pointwise 5–95 % band: an
 * archive curve outside the band is a feature the model does not
 * reproduce.
 *
 * The warning: calibration always returns a "posterior", even for a model
 * that cannot produce the archive. When the closest draw is still more than
 * GOOD_FIT_KS away on some feature, the command says which feature and how
 * far, instead of letting a best distance of 0.9 pass for a fit.
 */
import type { CascadeSummary } from '../calibrate/cascade-distance.js';
import { sizeMatchWeights } from '../compare/compare-cascades.js';
import type { ExperimentDefinition } from '../experiment/experiment-types.js';
import { Rng, seedKey } from '../model/rng.js';
import { CALIBRATION_FEATURES, calibrationDistance, calibrationSimulator, type DrawSettings } from './calibrate-draw.js';

/** A feature farther than this (KS) from the archive, at the closest draw, is reported as not reproduced. */
export const GOOD_FIT_KS = 0.2;

/** Replicates of the posterior predictive check by default (`--check-replicates`). */
export const CHECK_REPLICATES = 20;

/** Grid points of each CCDF band. */
const GRID = 48;

export interface FeatureCheck {
  /** KS distance of the pooled predictive (every replicate's cascades together) to the archive. */
  readonly pooled: number;
  /** KS distance of each replicate to the archive. */
  readonly ks: readonly number[];
  readonly median: number;
  readonly q05: number;
  readonly q95: number;
  /** The CCDF band: grid, the archive's P(X ≥ x), and the replicates' pointwise 5 %, 50 % and 95 %. */
  readonly band: { readonly x: readonly number[]; readonly archive: readonly number[]; readonly lower: readonly number[]; readonly median: readonly number[]; readonly upper: readonly number[] };
}

export interface PredictiveCheck {
  readonly replicates: number;
  readonly params: Readonly<Record<string, number>>;
  /** Simulated cascades that passed the selection, per replicate. */
  readonly cascades: readonly number[];
  /** Mean over the features of the pooled predictive's KS. */
  readonly pooledMean: number;
  readonly features: Readonly<Record<string, FeatureCheck>>;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** P(X ≥ x) of a weighted sample at each grid point (finite values only). */
function ccdfAt(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, grid: readonly number[]): number[] {
  let total = 0;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const w = weights === undefined ? 1 : weights[i];
    if (!Number.isFinite(v) || !(w > 0)) continue;
    pairs.push([v, w]);
    total += w;
  }
  if (total === 0) return grid.map(() => NaN);
  return grid.map((x) => pairs.reduce((t, [v, w]) => (v >= x ? t + w : t), 0) / total);
}

/** Grid of a feature over the archive's range: log-spaced for positive heavy-tailed features, linear otherwise. */
function gridOf(values: ArrayLike<number>): number[] {
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return [];
  const lo = finite[0];
  const hi = finite[finite.length - 1];
  // One value only: a step from 1 to 0 just after it, so the chart still shows where the archive sits.
  if (lo === hi) return [lo, lo + Math.max(1, Math.abs(lo) * 0.5)];
  if (lo > 0 && hi / lo > 20) return Array.from({ length: GRID }, (_, i) => lo * (hi / lo) ** (i / (GRID - 1)));
  return Array.from({ length: GRID }, (_, i) => lo + ((hi - lo) * i) / (GRID - 1));
}

/** Simulate `replicates` own replicates at `params` and measure them against the archive (see the banner). */
export function predictiveCheck(def: ExperimentDefinition, settings: DrawSettings, params: Readonly<Record<string, number>>, replicates: number): PredictiveCheck {
  return checkReplicates(settings, params, predictiveReplicates(def, settings, params, replicates));
}

/** The `replicates` own-replicate simulations of a predictive check (the same for any archive they are measured against). */
export function predictiveReplicates(def: ExperimentDefinition, settings: DrawSettings, params: Readonly<Record<string, number>>, replicates: number): CascadeSummary[] {
  const simulate = calibrationSimulator(def, { ...settings, commonRandomNumbers: false });
  const rng = new Rng(seedKey(def.id, settings.seed, 'predictive-check'));
  return Array.from({ length: replicates }, (_, r) => simulate(params, rng.fork(`replicate-${r}`)));
}

/** A predictive check of simulated replicates against `settings.observed` (see the banner). */
export function checkReplicates(settings: DrawSettings, params: Readonly<Record<string, number>>, sims: readonly CascadeSummary[]): PredictiveCheck {
  const replicates = sims.length;
  const { perFeature } = calibrationDistance(settings);
  const ks: Record<string, number[]> = Object.fromEntries(CALIBRATION_FEATURES.map((f) => [f, []]));
  for (const sim of sims) {
    const d = perFeature(sim);
    for (const f of CALIBRATION_FEATURES) ks[f].push(d[f]);
  }
  const pooled = perFeature(poolSummaries(sims));
  const features: Record<string, FeatureCheck> = {};
  for (const f of CALIBRATION_FEATURES) {
    const observed = settings.observed[f] ?? new Float64Array(0);
    const grid = gridOf(observed);
    const curves = sims.map((sim) => {
      const v = sim[f] ?? new Float64Array(0);
      const size = sim.size;
      const weights = settings.matchOnSize && f !== 'size' && size !== undefined && size.length > 0 ? sizeMatchWeights(Array.from(size), Array.from(settings.observed.size ?? []), 'exact').simWeights : undefined;
      return ccdfAt(v, weights, grid);
    });
    const at = (k: number, q: number): number => quantile(curves.map((c) => c[k]).filter(Number.isFinite).sort((a, b) => a - b), q);
    const sorted = [...ks[f]].sort((a, b) => a - b);
    features[f] = {
      pooled: pooled[f],
      ks: ks[f],
      median: quantile(sorted, 0.5),
      q05: quantile(sorted, 0.05),
      q95: quantile(sorted, 0.95),
      band: {
        x: grid,
        archive: ccdfAt(observed, undefined, grid),
        lower: grid.map((_, k) => at(k, 0.05)),
        median: grid.map((_, k) => at(k, 0.5)),
        upper: grid.map((_, k) => at(k, 0.95)),
      },
    };
  }
  const pooledMean = CALIBRATION_FEATURES.reduce((t, f) => t + pooled[f], 0) / CALIBRATION_FEATURES.length;
  return { replicates, params, cascades: sims.map((s) => s.size?.length ?? 0), pooledMean, features };
}

/** The cascades of several summaries together, feature by feature (cascade i of each array stays one cascade). */
export function poolSummaries(sims: readonly CascadeSummary[]): CascadeSummary {
  const out: Partial<Record<(typeof CALIBRATION_FEATURES)[number], Float64Array>> = {};
  for (const f of CALIBRATION_FEATURES) {
    const parts = sims.map((s) => s[f] ?? new Float64Array(0));
    const all = new Float64Array(parts.reduce((t, a) => t + a.length, 0));
    let at = 0;
    for (const a of parts) {
      all.set(a, at);
      at += a.length;
    }
    out[f] = all;
  }
  return out;
}

/** The warning when the closest draw is still far on some feature (null when every feature is within GOOD_FIT_KS). */
export function fitWarning(bestPerFeature: Readonly<Record<string, number>> | undefined, archiveName: string): string | null {
  if (bestPerFeature === undefined) return `no draw gave a cascade that passes the selection: this model does not reproduce ${archiveName}`;
  let worst: string | null = null;
  for (const f of CALIBRATION_FEATURES) if (worst === null || bestPerFeature[f] > bestPerFeature[worst]) worst = f;
  if (worst === null || !(bestPerFeature[worst] > GOOD_FIT_KS)) return null;
  const far = CALIBRATION_FEATURES.filter((f) => bestPerFeature[f] > GOOD_FIT_KS).map((f) => `${f} ${bestPerFeature[f].toFixed(2)}`);
  return `the closest draw is still at KS ${bestPerFeature[worst].toFixed(2)} on ${worst} (above ${GOOD_FIT_KS} on ${far.join(', ')}): this model does not reproduce ${archiveName} there, whatever its parameters in the prior`;
}
