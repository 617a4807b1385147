/**
 * Opinion clusters: sort the opinions and cut wherever two consecutive values
 * are more than `gap` apart (strictly); each run is a cluster. The effective
 * number of clusters weighs clusters by size,
 *   N_eff = 1 / Σ_c s_c² = n² / Σ_c n_c²,   s_c = n_c / n,
 * so k equal clusters give exactly k and a few stragglers barely count (the
 * inverse Simpson index; Laakso & Taagepera's "effective number of parties",
 * Comp. Polit. Stud. 12 (1979)). Opinions on any interval; one snapshot (no
 * time unit).
 *
 * Default gap 0.01 (an absolute distance): bounded-confidence dynamics
 * collapse each cluster to (nearly) one point while distinct clusters stay at
 * least ε apart, with ε ≥ 0.05 in the usual sweeps on [0, 1] or [−1, 1]; any
 * cut between the numerical spread of a cluster and ε finds the same
 * clusters, and 0.01 (1 % of [0, 1], 0.5 % of [−1, 1]) sits well inside that
 * window. On an unconverged, spread-out sample the count is not meaningful
 * (n uniform points have a largest gap of about ln(n)/n). Rescaling the
 * domain: rescale `gap` with it.
 */
import { check } from '../../model/errors.js';
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { moduleName, requireOpinions, resolveOptions } from './metric-support.js';

export interface OpinionClustersDetail {
  /** N_eff = n² / Σ n_c² (NaN without opinions). */
  readonly effective: number;
  /** Number of clusters (raw count). */
  readonly count: number;
  /** Per cluster, in increasing order of opinion: size, mean (centre), lowest and highest opinion. */
  readonly sizes: Int32Array;
  readonly centres: Float64Array;
  readonly lows: Float64Array;
  readonly highs: Float64Array;
  /** Cluster index of every node. */
  readonly clusterOf: Int32Array;
}

export interface OpinionClusterOptions {
  readonly gap?: number;
}

const DEFAULTS = { gap: 0.01 };

/** Clusters of `opinions` split at gaps strictly larger than `gap` (the input is not modified). */
export function opinionClusters(opinions: ArrayLike<number>, options: OpinionClusterOptions = {}): OpinionClustersDetail {
  const gap = options.gap ?? DEFAULTS.gap;
  const n = opinions.length;
  const sorted = Float64Array.from(opinions).sort();
  const sizes: number[] = [];
  const sums: number[] = [];
  const lows: number[] = [];
  const highs: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = sorted[i];
    if (i === 0 || v - sorted[i - 1] > gap) {
      sizes.push(0);
      sums.push(0);
      lows.push(v);
      highs.push(v);
    }
    const c = sizes.length - 1;
    sizes[c]++;
    sums[c] += v;
    highs[c] = v;
  }
  const count = sizes.length;
  let sumSq = 0;
  for (const s of sizes) sumSq += s * s;
  // Integer numerator and denominator: k equal clusters give exactly k.
  const effective = n === 0 ? NaN : (n * n) / sumSq;
  const clusterOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    // Last cluster whose lowest value is ≤ the opinion.
    const v = opinions[i];
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lows[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    clusterOf[i] = lo;
  }
  return {
    effective,
    count,
    sizes: Int32Array.from(sizes),
    centres: Float64Array.from(sums, (s, c) => s / sizes[c]),
    lows: Float64Array.from(lows),
    highs: Float64Array.from(highs),
    clusterOf,
  };
}

function clustersOfView(id: string, view: NetworkView, options: MetricOptions | undefined): OpinionClustersDetail {
  const o = resolveOptions(id, DEFAULTS, options);
  const gap = check.number(moduleName(id), 'gap', o.gap, 0, Infinity, { allowInfinity: true });
  return opinionClusters(requireOpinions(id, view), { gap });
}

export const opinionClustersMetric: MetricDefinition<NetworkView, OpinionClustersDetail> = {
  id: 'opinion.clusters',
  title: 'Effective number of opinion clusters',
  description:
    'Sort opinions, cut where consecutive values differ by more than `gap`; N_eff = 1/Σ s_c² over cluster shares s_c (k equal clusters give k).',
  input: 'network',
  requires: ['opinions'],
  defaults: DEFAULTS,
  scalar: (view, options) => clustersOfView('opinion.clusters', view, options).effective,
  detailed: (view, options) => clustersOfView('opinion.clusters', view, options),
};

export const opinionClusterCount: MetricDefinition<NetworkView, OpinionClustersDetail> = {
  id: 'opinion.cluster-count',
  title: 'Number of opinion clusters',
  description: 'Raw number of opinion clusters (runs of sorted opinions split at gaps larger than `gap`), stragglers included.',
  input: 'network',
  requires: ['opinions'],
  defaults: DEFAULTS,
  scalar: (view, options) => clustersOfView('opinion.cluster-count', view, options).count,
  detailed: (view, options) => clustersOfView('opinion.cluster-count', view, options),
};
