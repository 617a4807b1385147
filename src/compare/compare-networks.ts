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
 * no registry entry and so exists on the archive side only. Controversy
 * scores of the two sides the label defines: network.random-walk-controversy
 * (Garimella et al. 2018), network.boundary-polarization (Guerra et al.
 * 2013), network.betweenness-controversy (Garimella et al. 2018). One
 * snapshot.
 *
 * On the archive, network.modularity is the best of k seeded Louvain
 * restarts (default 10) on a canonical node order, so the value does not
 * depend on how the file happens to number its nodes, and the spread of the
 * k values is reported. Edge weights, when the archive has them, enter the
 * metrics with a weighted form (network.modularity and label-modularity);
 * every other metric counts edges, and the report says so.
 */
import { ParamError } from '../model/errors.js';
import type { CsrGraph } from '../model/csr-graph.js';
import type { NetworkView } from '../sim/metric-view.js';
import { modularityMetric } from '../sim/metrics/louvain-communities.js';
import type { LouvainRestartsDetail } from '../sim/metrics/louvain-restarts.js';
import { computeMetrics } from '../sim/metrics/metrics-registry.js';
import { modularityOf } from '../sim/metrics/modularity.js';
import { randomWalkControversyMetric } from '../sim/metrics/random-walk-controversy.js';
import { quantileSorted } from '../calibrate/abc.js';

const MODULE = 'compare/compare-networks';

/** Registry metrics compared, in report order. */
export const NETWORK_COMPARE_METRICS = [
  'network.neighbor-leaning-correlation',
  'network.opinion-assortativity',
  'network.modularity',
  'network.ei-index',
  'network.majority-illusion',
  'network.random-walk-controversy',
  'network.boundary-polarization',
  'network.betweenness-controversy',
] as const;

export type NetworkCompareMetric = (typeof NETWORK_COMPARE_METRICS)[number];

/** Modularity of the label partition: archive only (not a registry metric). */
export const LABEL_MODULARITY = 'label-modularity';

/** Compared metrics with a weighted form: they use the archive's edge weights when it has them. */
export const WEIGHTED_METRICS: readonly string[] = ['network.modularity', LABEL_MODULARITY];

/** Louvain restarts on the archive unless told otherwise. */
export const DEFAULT_LOUVAIN_RESTARTS = 10;

/**
 * Betweenness controversy costs O(n·m) (Brandes); above this n·m (about 2 s
 * on one core) it is left undefined on the archive, with a note.
 */
export const BETWEENNESS_BUDGET = 1e8;

export interface ArchiveNetworkOptions {
  /** Seed of Louvain's restart 0 (the registry default, "louvain", when absent). */
  readonly louvainSeed?: string;
  /** Louvain restarts on the canonical node order (default DEFAULT_LOUVAIN_RESTARTS). */
  readonly louvainRestarts?: number;
}

export interface ArchiveNetworkSummary {
  /** Every compared metric, in report order, then label-modularity. */
  readonly metrics: Record<string, number>;
  readonly louvain: LouvainRestartsDetail;
  readonly louvainSeed: string;
  /** The view had edge weights (used by WEIGHTED_METRICS). */
  readonly weighted: boolean;
  /** Metrics left undefined on purpose, with the reason. */
  readonly skipped: Readonly<Record<string, string>>;
}

/** The view of a binary-labelled network: attribute = code (0/1), opinions = 2·code − 1 (see the banner), and the edge weights if any. */
export function labelledView(graph: CsrGraph, codes: Int32Array, weights?: Float64Array): NetworkView {
  if (codes.length !== graph.n) throw new ParamError(MODULE, 'codes', codes.length, `one code per node (${graph.n})`);
  const opinions = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c !== 0 && c !== 1) throw new ParamError(MODULE, `codes[${i}]`, c, '0 or 1');
    opinions[i] = c === 0 ? -1 : 1;
  }
  return weights === undefined ? { graph, attribute: codes, opinions } : { graph, attribute: codes, opinions, weights };
}

/** Every compared metric of a labelled view, plus `label-modularity`, with Louvain's restarts (see the banner). */
export function archiveNetworkSummary(view: NetworkView, options: ArchiveNetworkOptions = {}): ArchiveNetworkSummary {
  if (view.attribute === undefined) throw new ParamError(MODULE, 'view.attribute', undefined, 'a 0/1 label per node');
  const louvainSeed = options.louvainSeed ?? 'louvain';
  const restarts = options.louvainRestarts ?? DEFAULT_LOUVAIN_RESTARTS;
  const louvain = modularityMetric.detailed!(view, { seed: louvainSeed, restarts, order: 'canonical' }) as LouvainRestartsDetail;
  const skipped: Record<string, string> = {};
  const cost = view.graph.n * view.graph.m;
  if (cost > BETWEENNESS_BUDGET) {
    skipped['network.betweenness-controversy'] = `not computed: exact edge betweenness costs O(n·m), here ${view.graph.n} × ${view.graph.m} = ${cost.toExponential(1)} steps (limit ${BETWEENNESS_BUDGET.toExponential(0)})`;
  }
  const rest = NETWORK_COMPARE_METRICS.filter((m) => m !== 'network.modularity' && !(m in skipped));
  const computed = computeMetrics(rest, view);
  const metrics: Record<string, number> = {};
  for (const m of NETWORK_COMPARE_METRICS) metrics[m] = m === 'network.modularity' ? louvain.modularity : m in skipped ? NaN : computed[m];
  metrics[LABEL_MODULARITY] = modularityOf(view.graph, view.attribute, 1, view.weights);
  return { metrics, louvain, louvainSeed, weighted: view.weights !== undefined, skipped };
}

/** Every compared metric of a labelled view, plus `label-modularity`. */
export function archiveNetworkMetrics(view: NetworkView, options: ArchiveNetworkOptions = {}): Record<string, number> {
  return archiveNetworkSummary(view, options).metrics;
}

/** How the controversy scores read the network, one sentence (with the random walk's defaults). */
export function controversyNote(): string {
  const { k, damping } = randomWalkControversyMetric.defaults;
  return `Controversy scores take the two label values as the sides, on the undirected, unweighted projection: network.random-walk-controversy (Garimella et al. 2018: walks end on the ${k} highest-degree nodes of either side, ties included, continuing with probability ${damping}), network.boundary-polarization (Guerra et al. 2013), network.betweenness-controversy (Garimella et al. 2018: exact edge betweenness, Gaussian kernel densities).`;
}

/** What the archive's weights did, one sentence. */
export function weightsNote(summary: ArchiveNetworkSummary, file: string): string {
  if (!summary.weighted) return `${file} has no edge weights: every edge counts once (network.modularity and label-modularity would use a \`weight\` column).`;
  const ignored = NETWORK_COMPARE_METRICS.filter((m) => !WEIGHTED_METRICS.includes(m));
  return `Edge weights of ${file} (repeated edges add up): used by ${WEIGHTED_METRICS.join(' and ')} (weighted Louvain, weighted Q); ignored, every edge counting once, by ${ignored.join(', ')}. Simulated networks are unweighted.`;
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
