/**
 * Compare one labelled real network (e.g. the political blogs of Adamic &
 * Glance 2005, `value` 0 = liberal, 1 = conservative) with the networks of
 * a set of simulation runs, metric by metric. The archive gives ONE value per
 * metric, the simulation one value per run, so instead of a two-sample test
 * each metric is summarised as: the archive value a; the runs' mean x̄, sample
 * SD s (n − 1), empirical 95 % interval [q2.5, q97.5] (Hyndman & Fan type 7
 * quantiles, R's default), min and max; the archive's empirical percentile
 * among the runs by mid-rank,
 *   pct = 100 · (#{x_r < a} + ½ #{x_r = a}) / n,
 * (so 50 when a equals every run, 0 / 100 when it lies beyond all of them);
 * and the distance in simulated SDs z = |a − x̄| / s (0 when s = 0 and a = x̄,
 * Infinity when s = 0 and a ≠ x̄, NaN with fewer than two runs).
 *
 * Label → view mapping (documented because the metrics need both parts of a
 * NetworkView): a binary label becomes `attribute` 0/1 as is (the E-I index,
 * majority illusion and label-partition modularity read it) and `opinions`
 * −1 / +1 (code 0 → −1, code 1 → +1), the two poles of the usual [−1, 1]
 * opinion domain. The opinion metrics compared here (neighbour leaning
 * correlation, opinion assortativity) are Pearson correlations, hence
 * invariant under any affine rescaling of the opinions: a model whose
 * opinions live on [0, 1] is comparable with ±1 labels.
 *
 * Metrics: the registry's network.neighbor-leaning-correlation (Cinelli et
 * al. 2021), network.opinion-assortativity (Newman 2003),
 * network.modularity (Louvain, seeded), network.ei-index (Krackhardt &
 * Stern 1988), network.majority-illusion (Lerman et al. 2016), plus the
 * modularity of the partition the label itself defines (Newman & Girvan
 * 2004; Leicht & Newman 2008 when directed), `label-modularity`, which has
 * no registry entry and so exists on the archive side only. One snapshot.
 */
import { ParamError } from '../model/errors.js';
import type { CsrGraph } from '../model/csr-graph.js';
import type { MetricOptions, NetworkView } from '../sim/metric-view.js';
import { computeMetrics } from '../sim/metrics/metrics-registry.js';
import { modularityOf } from '../sim/metrics/modularity.js';
import { quantileSorted } from '../calibrate/abc.js';

const MODULE = 'compare/compare-networks';

/** Registry metrics compared, in report order. */
export const NETWORK_COMPARE_METRICS = [
  'network.neighbor-leaning-correlation',
  'network.opinion-assortativity',
  'network.modularity',
  'network.ei-index',
  'network.majority-illusion',
] as const;

export type NetworkCompareMetric = (typeof NETWORK_COMPARE_METRICS)[number];

/** Modularity of the label partition: archive only (not a registry metric). */
export const LABEL_MODULARITY = 'label-modularity';

export interface ArchiveNetworkOptions {
  /** Seed of Louvain's traversal (the registry default, "louvain", when absent). */
  readonly louvainSeed?: string;
}

/** The view of a binary-labelled network: attribute = code (0/1), opinions = 2·code − 1 (see the banner). */
export function labelledView(graph: CsrGraph, codes: Int32Array): NetworkView {
  if (codes.length !== graph.n) throw new ParamError(MODULE, 'codes', codes.length, `one code per node (${graph.n})`);
  const opinions = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c !== 0 && c !== 1) throw new ParamError(MODULE, `codes[${i}]`, c, '0 or 1');
    opinions[i] = c === 0 ? -1 : 1;
  }
  return { graph, attribute: codes, opinions };
}

/** Every compared metric of a labelled view, plus `label-modularity`. */
export function archiveNetworkMetrics(view: NetworkView, options: ArchiveNetworkOptions = {}): Record<string, number> {
  if (view.attribute === undefined) throw new ParamError(MODULE, 'view.attribute', undefined, 'a 0/1 label per node');
  const metricOptions: Record<string, MetricOptions> = options.louvainSeed !== undefined ? { 'network.modularity': { seed: options.louvainSeed } } : {};
  const out = computeMetrics(NETWORK_COMPARE_METRICS, view, metricOptions);
  out[LABEL_MODULARITY] = modularityOf(view.graph, view.attribute);
  return out;
}

export interface NetworkMetricRow {
  readonly metric: string;
  readonly archive: number;
  /** Runs with a finite value. */
  readonly nSim: number;
  /** Runs whose value was missing or not finite. */
  readonly simDropped: number;
  readonly simMean: number;
  readonly simSd: number;
  readonly simLow: number;
  readonly simHigh: number;
  readonly simMin: number;
  readonly simMax: number;
  /** Mid-rank percentile of the archive value among the runs, 0..100. */
  readonly percentile: number;
  /** |archive − mean| / SD. */
  readonly sdDistance: number;
  /** The results hold no column for this metric. */
  readonly missing: boolean;
  /** A metric only the archive can have (`label-modularity`). */
  readonly archiveOnly: boolean;
}

/** One metric: the archive value against the runs' values (see the banner for each statistic). */
export function networkMetricRow(metric: string, archive: number, simValues: readonly number[] | undefined): NetworkMetricRow {
  const values = simValues ?? [];
  const finite = values.filter((v) => Number.isFinite(v));
  const sorted = Float64Array.from(finite).sort();
  const n = sorted.length;
  let mean = NaN;
  let sd = NaN;
  if (n > 0) {
    let s = 0;
    for (const x of sorted) s += x;
    mean = s / n;
  }
  if (n > 1) {
    let ss = 0;
    for (const x of sorted) ss += (x - mean) * (x - mean);
    sd = Math.sqrt(ss / (n - 1));
  }
  let percentile = NaN;
  if (n > 0 && Number.isFinite(archive)) {
    let below = 0;
    let equal = 0;
    for (const x of sorted) {
      if (x < archive) below++;
      else if (x === archive) equal++;
    }
    percentile = (100 * (below + equal / 2)) / n;
  }
  let sdDistance = NaN;
  if (n > 1 && Number.isFinite(archive)) {
    const gap = Math.abs(archive - mean);
    sdDistance = sd > 0 ? gap / sd : gap === 0 ? 0 : Infinity;
  }
  return {
    metric,
    archive,
    nSim: n,
    simDropped: values.length - n,
    simMean: mean,
    simSd: sd,
    simLow: quantileSorted(sorted, 0.025),
    simHigh: quantileSorted(sorted, 0.975),
    simMin: n > 0 ? sorted[0] : NaN,
    simMax: n > 0 ? sorted[n - 1] : NaN,
    percentile,
    sdDistance,
    missing: simValues === undefined,
    archiveOnly: metric === LABEL_MODULARITY,
  };
}

/**
 * One row per metric of `archive` (in its key order): `simulated[metric]` is
 * the runs' values, undefined when the results have no such column.
 */
export function compareNetworkMetrics(
  archive: Readonly<Record<string, number>>,
  simulated: Readonly<Record<string, readonly number[] | undefined>>,
): NetworkMetricRow[] {
  return Object.keys(archive).map((m) => networkMetricRow(m, archive[m], Object.prototype.hasOwnProperty.call(simulated, m) ? simulated[m] : undefined));
}
