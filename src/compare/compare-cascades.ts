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
 *   size-matched: cascades are put in size bins (default logarithmic,
 *     [1,2), [2,4), [4,8), …: bin = ⌊log₂ size⌋; or the caller's ascending
 *     `sizeBins` edges, bin = number of edges ≤ size). Only bins holding
 *     cascades of both sets are kept; archive cascades in other bins are left
 *     out (counted in `archiveOutsideMatch`), simulated ones get weight 0
 *     (`simOutsideMatch`). A simulated cascade in kept bin b gets weight
 *     a_b / s_b, with a_b the archive's and s_b the simulation's count in b,
 *     so the weighted simulated size-bin distribution equals the archive's
 *     exactly; archive cascades keep weight 1. The distances are then those
 *     of the weighted empirical CDFs — exact and deterministic, no
 *     resampling. When both sets already have the same bin proportions the
 *     weights are equal and matched = raw (up to rounding).
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

export interface CompareOptions {
  /** Features to compare; default all of CASCADE_FEATURES. */
  readonly features: readonly CascadeFeature[];
  /** k of time-to-k. Default 10. */
  readonly k: number;
  /** Number of top rebroadcasters for top-k-reach-share. Default 5. */
  readonly topK: number;
  /** Also report size-matched rows. Default true. */
  readonly matchOnSize: boolean;
  /** Ascending lower edges of the size bins (integers ≥ 1); undefined = logarithmic base-2 bins. */
  readonly sizeBins: readonly number[] | undefined;
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
  sizeBins: undefined,
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

/** Size-bin index of each size (see the banner). */
export function sizeBinOf(size: number, edges?: readonly number[]): number {
  if (edges === undefined) return log2Bin(size);
  let b = 0;
  while (b < edges.length && edges[b] <= size) b++;
  return b;
}

export interface SizeMatch {
  /** Weight per simulated cascade (0 outside shared bins). */
  readonly simWeights: Float64Array;
  /** 1 for archive cascades in shared bins, 0 otherwise. */
  readonly archiveWeights: Float64Array;
  readonly simOutside: number;
  readonly archiveOutside: number;
}

/** Reweight simulated cascades so their size-bin distribution equals the archive's over the shared bins. */
export function sizeMatchWeights(simSizes: readonly number[], archiveSizes: readonly number[], edges?: readonly number[]): SizeMatch {
  const simBin = simSizes.map((s) => sizeBinOf(s, edges));
  const archBin = archiveSizes.map((s) => sizeBinOf(s, edges));
  const simCount = new Map<number, number>();
  const archCount = new Map<number, number>();
  for (const b of simBin) simCount.set(b, (simCount.get(b) ?? 0) + 1);
  for (const b of archBin) archCount.set(b, (archCount.get(b) ?? 0) + 1);
  const simWeights = new Float64Array(simSizes.length);
  const archiveWeights = new Float64Array(archiveSizes.length);
  let simOutside = 0;
  let archiveOutside = 0;
  simBin.forEach((b, i) => {
    const a = archCount.get(b) ?? 0;
    if (a === 0) simOutside++;
    else simWeights[i] = a / (simCount.get(b) as number);
  });
  archBin.forEach((b, i) => {
    if ((simCount.get(b) ?? 0) === 0) archiveOutside++;
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
  const edges = o.sizeBins === undefined ? undefined : checkedEdges(o.sizeBins);
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
      edges,
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
