/**
 * A distance between a set of simulated cascades and an archive's, for
 * approximate Bayesian computation: each set is summarised by the empirical
 * distribution of some per-cascade features (see compare/cascade-features:
 * size, depth, structural virality, ...), and the distance is the mean over
 * the features of the two-sample Kolmogorov–Smirnov statistic
 *
 *   ρ(sim, obs) = (1/|F|) Σ_{f∈F} sup_x |F̂_sim,f(x) − F̂_obs,f(x)|,  in [0, 1].
 *
 * KS is scale-free, so features in different units (entries, generations)
 * weigh the same, and it is insensitive to a few huge cascades. Non-finite
 * feature values (e.g. top-k-reach-share of a lone root) are left out of
 * both samples, as in compare/distances. The distance is NaN when some
 * feature has no finite value on one side (ABC then never accepts it).
 *
 * Size and depth are computed directly (size = entries, depth = largest
 * distance from the root, the registry's cascade.size / cascade.depth) so
 * that summarising thousands of simulated cascades stays cheap; the other
 * features go through `cascadeFeatures`.
 */
import { cascadeFeatures, CASCADE_FEATURES, type CascadeFeature } from '../compare/cascade-features.js';
import { sizeMatchWeights } from '../compare/compare-cascades.js';
import { cleanSample, ksOfClean, type CleanSample } from '../compare/distances.js';
import { ParamError, check } from '../model/errors.js';
import type { CascadeTree } from '../sim/cascade-record.js';

const MODULE = 'calibrate/cascade-distance';

export const DEFAULT_DISTANCE_FEATURES: readonly CascadeFeature[] = Object.freeze(['size', 'depth']);

/** Feature values of a set of cascades, one array per feature, one entry per cascade. */
export type CascadeSummary = Readonly<Partial<Record<CascadeFeature, Float64Array>>>;

function checkFeatures(features: readonly CascadeFeature[]): void {
  if (!Array.isArray(features) || features.length === 0) {
    throw new ParamError(MODULE, 'features', features, `a non-empty list of ${CASCADE_FEATURES.join(', ')}`);
  }
  for (const f of features) check.oneOf(MODULE, 'features', f, CASCADE_FEATURES);
}

/** Size and depth of a single-root tree whose parents are earlier entries. */
function sizeAndDepth(tree: CascadeTree, index: number): { size: number; depth: number } {
  const parent = tree.parent;
  const n = parent.length;
  if (n === 0 || parent[0] !== -1) throw new ParamError(MODULE, `cascades[${index}]`, `${n} entries`, 'a non-empty tree whose entry 0 is the root');
  const depth = new Int32Array(n);
  let max = 0;
  for (let i = 1; i < n; i++) {
    const p = parent[i];
    if (!(p >= 0 && p < i)) throw new ParamError(MODULE, `cascades[${index}].parent[${i}]`, p, 'an earlier entry (one root per cascade; split forests with splitCascades)');
    const d = depth[p] + 1;
    depth[i] = d;
    if (d > max) max = d;
  }
  return { size: n, depth: max };
}

/**
 * Summarise cascades (each a single-root tree). The trees are read one at a
 * time and not kept, so an iterable may yield reused views (e.g. a
 * CascadeScratch's `tree()` after each run).
 */
export function summariseCascades(trees: Iterable<CascadeTree>, features: readonly CascadeFeature[] = DEFAULT_DISTANCE_FEATURES): CascadeSummary {
  checkFeatures(features);
  const values = features.map(() => [] as number[]);
  const others = features.filter((f) => f !== 'size' && f !== 'depth');
  let index = 0;
  for (const tree of trees) {
    const sd = sizeAndDepth(tree, index);
    const rest = others.length > 0 ? cascadeFeatures(tree, others) : null;
    for (let j = 0; j < features.length; j++) {
      const f = features[j];
      values[j].push(f === 'size' ? sd.size : f === 'depth' ? sd.depth : rest![f]);
    }
    index++;
  }
  const out: Partial<Record<CascadeFeature, Float64Array>> = {};
  features.forEach((f, j) => {
    out[f] = Float64Array.from(values[j]);
  });
  return out;
}

/** ρ = mean over `features` of the KS statistic between the two summaries (see the banner). */
export function cascadeKsDistance(sim: CascadeSummary, observed: CascadeSummary, features: readonly CascadeFeature[] = DEFAULT_DISTANCE_FEATURES): number {
  return makeCascadeDistance(observed, features)(sim);
}

/**
 * ρ(·, observed) with the observed samples cleaned and sorted once, for the
 * many calls of an ABC run.
 */
export function makeCascadeDistance(
  observed: CascadeSummary,
  features: readonly CascadeFeature[] = DEFAULT_DISTANCE_FEATURES,
): (sim: CascadeSummary) => number {
  checkFeatures(features);
  const obs: CleanSample[] = features.map((f) => {
    const v = observed[f];
    if (v === undefined) throw new ParamError(MODULE, `observed.${f}`, v, 'the feature summarised (see summariseCascades)');
    return cleanSample(v, undefined, `observed.${f}`);
  });
  return (sim) => {
    let total = 0;
    for (let j = 0; j < features.length; j++) {
      const v = sim[features[j]];
      if (v === undefined) throw new ParamError(MODULE, `sim.${features[j]}`, v, 'the feature summarised (see summariseCascades)');
      total += ksOfClean(cleanSample(v, undefined, `sim.${features[j]}`), obs[j]).statistic;
    }
    return total / features.length;
  };
}

/**
 * Per-feature distances of a calibration, as `echolab compare` measures
 * them: KS of the size distributions as they are (the size is what the
 * selection and the model must get right), and KS of every other feature
 * with the simulated cascades reweighted to the archive's exact sizes
 * (Juul & Ugander, PNAS 2021; compare/compare-cascades.ts) when `matchOnSize`
 * — depth or virality then differ only in shape, not through the size mix.
 * A feature with no value to compare (no simulated cascade, or no size both
 * sides hold) counts as 1, the largest KS: such a draw is as far as can be.
 * ρ is the mean over the features.
 */
export function makeMatchedCascadeDistance(
  observed: CascadeSummary,
  features: readonly CascadeFeature[],
  matchOnSize: boolean,
): { readonly distance: (sim: CascadeSummary) => number; readonly perFeature: (sim: CascadeSummary) => Record<string, number> } {
  checkFeatures(features);
  const obsSize = observed.size;
  if (matchOnSize && obsSize === undefined) throw new ParamError(MODULE, 'observed.size', obsSize, 'cascade sizes, to match on');
  for (const f of features) if (observed[f] === undefined) throw new ParamError(MODULE, `observed.${f}`, undefined, 'the feature summarised');
  const plain = features.map((f) => cleanSample(observed[f] as Float64Array, undefined, `observed.${f}`));
  const perFeature = (sim: CascadeSummary): Record<string, number> => {
    const out: Record<string, number> = {};
    const simSize = sim.size;
    const m = matchOnSize && simSize !== undefined && simSize.length > 0 ? sizeMatchWeights(Array.from(simSize), Array.from(obsSize as Float64Array), 'exact') : null;
    features.forEach((f, j) => {
      const v = sim[f];
      if (v === undefined || v.length === 0) {
        out[f] = 1;
        return;
      }
      const useWeights = m !== null && f !== 'size';
      const s = cleanSample(v, useWeights ? m.simWeights : undefined, `sim.${f}`);
      const o = useWeights ? cleanSample(observed[f] as Float64Array, m.archiveWeights, `observed.${f}`) : plain[j];
      const ks = ksOfClean(s, o).statistic;
      out[f] = Number.isFinite(ks) ? ks : 1;
    });
    return out;
  };
  return {
    perFeature,
    distance: (sim) => {
      const d = perFeature(sim);
      return features.reduce((t, f) => t + d[f], 0) / features.length;
    },
  };
}
