/**
 * Compare a set of simulated cascades with a set of archive cascades, one
 * feature at a time: two-sample Kolmogorov–Smirnov (D and p-value),
 * 1-Wasserstein distance and the two medians (see distances.ts).
 *
 * Size matching (Juul & Ugander, "Comparing information diffusion mechanisms
 * by matching on cascade size", PNAS 118(46), e2100786118 (2021)): structural
 * features such as depth or structural virality grow with size, so two sets
 * whose size mixes differ look different even when cascades of one size have
 * the same shape. Every comparison is therefore reported twice:
 *   raw: all cascades, equal weights;
 *   size-matched: cascades are grouped by size and each group of the
 *     simulated set is reweighted to the archive's share of it. By default
 *     (`sizeBins: 'exact'`, as Juul & Ugander match) a group is one exact
 *     size; a size that only one set holds is coarsened into the group of
 *     the nearest size both sets hold (nearest on a log scale, ties to the
 *     smaller), and only inside the range of shared sizes: sizes beyond it
 *     have no partner and are left out. `'log2'` groups by ⌊log₂ size⌋
 *     ([1,2), [2,4), …), or the caller's ascending edges (group = number of
 *     edges ≤ size). Groups holding cascades of only one set are left out:
 *     archive cascades there are counted in `archiveOutsideMatch`,
 *     simulated ones get weight 0 (`simOutsideMatch`). A simulated cascade
 *     in kept group g gets weight a_g / s_g, with a_g the archive's and s_g
 *     the simulation's count in g, so the weighted simulated size
 *     distribution equals the archive's over the kept groups; archive
 *     cascades keep weight 1. The distances are then those of the weighted
 *     empirical CDFs — exact and deterministic, no resampling. The Kish
 *     effective size of the weights (`nSimEffective`) says how many
 *     simulated cascades the matched rows really rest on.
 * Non-finite feature values (e.g. time-to-k of a cascade smaller than k) are
 * left out of the distances and counted in `simDropped` / `archiveDropped`
 * (in the matched rows the remaining weights are used as they are, i.e. the
 * finite part of each bin keeps its share).
 */
import { ParamError, check, withDefaults } from '../model/errors.js';
import type { CascadeTree } from '../sim/cascade-record.js';
import { CASCADE_FEATURES, type CascadeFeature, cascadeFeatures, resolveFeatureOptions } from './cascade-features.js';
import { cleanSample, ksOfClean, wassersteinOfClean, weightedMedian } from './distances.js';

export type Matching = 'raw' | 'size-matched';

/** How size-matched rows group cascades by size (see the banner). */
export type SizeBins = 'exact' | 'log2' | readonly number[];

export interface CompareOptions {
  /** Features to compare; default all of CASCADE_FEATURES. */
  readonly features: readonly CascadeFeature[];
  /** k of time-to-k. Default 10. */
  readonly k: number;
  /** Number of top rebroadcasters for top-k-reach-share. Default 5. */
  readonly topK: number;
  /** Also report size-matched rows. Default true. */
  readonly matchOnSize: boolean;
  /** Size groups of the matched rows: `'exact'` sizes (default), `'log2'` bins, or ascending lower edges (integers ≥ 1). */
  readonly sizeBins: SizeBins;
}

export interface ComparisonRow {
  readonly feature: CascadeFeature;
  readonly matching: Matching;
  /** Simulated cascades with a finite value and positive weight. */
  readonly nSim: number;
  readonly nArchive: number;
  /** Kish effective size of the weighted simulated sample (= nSim for raw rows). */
  readonly nSimEffective: number;
  /** Non-finite values left out. */
  readonly simDropped: number;
  readonly archiveDropped: number;
  /** Cascades outside the size bins shared by both sets (0 in raw rows). */
  readonly simOutsideMatch: number;
  readonly archiveOutsideMatch: number;
  /** Kolmogorov–Smirnov D. */
  readonly ks: number;
  readonly ksPValue: number;
  readonly wasserstein: number;
  readonly simMedian: number;
  readonly archiveMedian: number;
}

const MODULE = 'compare/compare-cascades';

const DEFAULTS: CompareOptions = {
  features: CASCADE_FEATURES,
  k: 10,
  topK: 5,
  matchOnSize: true,
  sizeBins: 'exact',
};

/** ⌊log₂ size⌋ without floating-point logarithms. */
function log2Bin(size: number): number {
  let b = 0;
  while (size >= 2) {
    size = Math.floor(size / 2);
    b++;
  }
  return b;
}

function checkedEdges(edges: readonly number[]): readonly number[] {
  if (!Array.isArray(edges) || edges.length === 0) throw new ParamError(MODULE, 'sizeBins', edges, 'a non-empty ascending array of integers ≥ 1');
  edges.forEach((e, i) => {
    check.integer(MODULE, `sizeBins[${i}]`, e, i === 0 ? 1 : edges[i - 1] + 1);
  });
  return edges;
}

/** Size-bin index of a size under log2 bins (`edges` undefined) or the given edges. */
export function sizeBinOf(size: number, edges?: readonly number[]): number {
  if (edges === undefined) return log2Bin(size);
  let b = 0;
  while (b < edges.length && edges[b] <= size) b++;
  return b;
}

/**
 * Exact-size groups (see the banner): each size both sets hold is its own
 * group; a size only one set holds joins the nearest shared size on a log
 * scale (ties to the smaller) when it lies between the smallest and the
 * largest shared size, and is left out (group −1) otherwise.
 */
export function exactSizeGroups(simSizes: readonly number[], archiveSizes: readonly number[]): (size: number) => number {
  const inSim = new Set(simSizes);
  const shared = [...new Set(archiveSizes)].filter((x) => inSim.has(x)).sort((a, b) => a - b);
  const memo = new Map<number, number>();
  return (size: number): number => {
    const hit = memo.get(size);
    if (hit !== undefined) return hit;
    let g = -1;
    if (shared.length > 0 && size >= shared[0] && size <= shared[shared.length - 1]) {
      // First shared size ≥ size, by bisection; compare with the one below it.
      let lo = 0;
      let hi = shared.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (shared[mid] < size) lo = mid + 1;
        else hi = mid;
      }
      const above = shared[lo];
      const below = lo > 0 ? shared[lo - 1] : above;
      g = above === size || Math.log(above / size) < Math.log(size / below) ? above : below;
    }
    memo.set(size, g);
    return g;
  };
}

export interface SizeMatch {
  /** Weight per simulated cascade (0 outside shared groups). */
  readonly simWeights: Float64Array;
  /** 1 for archive cascades in shared groups, 0 otherwise. */
  readonly archiveWeights: Float64Array;
  readonly simOutside: number;
  readonly archiveOutside: number;
}

/** Reweight simulated cascades so their size distribution equals the archive's over the shared groups (see the banner). */
export function sizeMatchWeights(simSizes: readonly number[], archiveSizes: readonly number[], bins: SizeBins = 'exact'): SizeMatch {
  const groupOf =
    bins === 'exact' ? exactSizeGroups(simSizes, archiveSizes) : bins === 'log2' ? (s: number) => sizeBinOf(s) : ((edges: readonly number[]) => (s: number) => sizeBinOf(s, edges))(checkedEdges(bins));
  const simBin = simSizes.map(groupOf);
  const archBin = archiveSizes.map(groupOf);
  const simCount = new Map<number, number>();
  const archCount = new Map<number, number>();
  for (const b of simBin) if (b >= 0) simCount.set(b, (simCount.get(b) ?? 0) + 1);
  for (const b of archBin) if (b >= 0) archCount.set(b, (archCount.get(b) ?? 0) + 1);
  const simWeights = new Float64Array(simSizes.length);
  const archiveWeights = new Float64Array(archiveSizes.length);
  let simOutside = 0;
  let archiveOutside = 0;
  simBin.forEach((b, i) => {
    const a = b < 0 ? 0 : (archCount.get(b) ?? 0);
    if (a === 0) simOutside++;
    else simWeights[i] = a / (simCount.get(b) as number);
  });
  archBin.forEach((b, i) => {
    if (b < 0 || (simCount.get(b) ?? 0) === 0) archiveOutside++;
    else archiveWeights[i] = 1;
  });
  return { simWeights, archiveWeights, simOutside, archiveOutside };
}

function checkTrees(field: string, trees: readonly CascadeTree[]): void {
  if (!Array.isArray(trees)) throw new ParamError(MODULE, field, trees, 'an array of cascade trees');
}

/**
 * One row per feature (raw), then one per feature (size-matched) when
 * `matchOnSize`. Archive cascades are passed as trees (`ArchiveCascade.tree`).
 */
export function compareCascades(
  simulated: readonly CascadeTree[],
  archive: readonly CascadeTree[],
  options?: Partial<CompareOptions>,
): ComparisonRow[] {
  const o = withDefaults(MODULE, DEFAULTS, options);
  checkTrees('simulated', simulated);
  checkTrees('archive', archive);
  check.boolean(MODULE, 'matchOnSize', o.matchOnSize);
  if (o.sizeBins !== 'exact' && o.sizeBins !== 'log2') checkedEdges(o.sizeBins);
  if (!Array.isArray(o.features) || o.features.length === 0) throw new ParamError(MODULE, 'features', o.features, `a non-empty list of ${CASCADE_FEATURES.join(', ')}`);
  for (const f of o.features) check.oneOf(MODULE, 'features', f, CASCADE_FEATURES);
  const fo = resolveFeatureOptions({ k: o.k, topK: o.topK });
  const wanted: CascadeFeature[] = o.matchOnSize && !o.features.includes('size') ? [...o.features, 'size'] : [...o.features];
  const simF = simulated.map((t) => cascadeFeatures(t, wanted, fo));
  const archF = archive.map((t) => cascadeFeatures(t, wanted, fo));

  const rows: ComparisonRow[] = [];
  const row = (feature: CascadeFeature, matching: Matching, ws?: Float64Array, wa?: Float64Array, outside = { sim: 0, arch: 0 }): ComparisonRow =>
    comparisonRow(feature, matching, simF.map((r) => r[feature]), archF.map((r) => r[feature]), ws, wa, outside);
  for (const f of o.features) rows.push(row(f, 'raw'));
  if (o.matchOnSize) {
    const m = sizeMatchWeights(
      simF.map((r) => r.size),
      archF.map((r) => r.size),
      o.sizeBins,
    );
    for (const f of o.features) rows.push(row(f, 'size-matched', m.simWeights, m.archiveWeights, { sim: m.simOutside, arch: m.archiveOutside }));
  }
  return rows;
}

/** One row: distances between the simulated and archive values of a feature (optionally weighted, e.g. size-matched). */
export function comparisonRow(
  feature: CascadeFeature,
  matching: Matching,
  simValues: readonly number[],
  archiveValues: readonly number[],
  simWeights?: Float64Array,
  archiveWeights?: Float64Array,
  outside = { sim: 0, arch: 0 },
): ComparisonRow {
  const s = cleanSample(simValues, simWeights, 'simulated');
  const a = cleanSample(archiveValues, archiveWeights, 'archive');
  const ks = ksOfClean(s, a);
  return {
    feature,
    matching,
    nSim: s.n,
    nArchive: a.n,
    nSimEffective: s.effectiveN,
    simDropped: s.dropped.total,
    archiveDropped: a.dropped.total,
    simOutsideMatch: outside.sim,
    archiveOutsideMatch: outside.arch,
    ks: ks.statistic,
    ksPValue: ks.pValue,
    wasserstein: wassersteinOfClean(s, a),
    simMedian: weightedMedian(s),
    archiveMedian: weightedMedian(a),
  };
}
