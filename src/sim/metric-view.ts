/**
 * The read-only views that metrics take. A view can be built from a simulated
 * state or from imported data, so one metric definition serves the simulator,
 * the archive comparison and the browser panel.
 */
import type { CsrGraph } from '../model/csr-graph.js';

export interface NetworkView {
  readonly graph: CsrGraph;
  /** Continuous leaning per node (e.g. on [−1, 1] or [0, 1]). */
  readonly opinions?: Float64Array;
  /** A categorical attribute per node (e.g. 0 = liberal, 1 = conservative); binary metrics use 0/1. */
  readonly attribute?: Int32Array;
  /**
   * Edge weights, one per arc slot of `graph.out.targets` (same indexing;
   * an undirected edge carries its weight in both rows). Only for a graph
   * that no longer changes (an imported network): rewiring moves slots.
   * Metrics with a weighted form use them (modularity and Louvain); the
   * others count edges and say so in their description.
   */
  readonly weights?: Float64Array;
  /**
   * What each node was shown, binned by the stance of the content: see
   * ExposureCounts. Recorded by a platform run with an exposure log
   * (platform/exposure-log.ts) or given by hand.
   */
  readonly exposure?: ExposureCounts;
}

/**
 * Exposures per node and stance bin: `counts[i · bins + b]` is how many
 * items node i was shown whose stance s ∈ [−1, 1] fell in bin b, the bins
 * splitting [−1, 1] into `bins` equal intervals [−1 + 2b/K, −1 + 2(b+1)/K)
 * (the last one closed). A bin's side is the sign of its centre
 * −1 + (2b + 1)/K: with an odd K the middle bin is neutral.
 */
export interface ExposureCounts {
  readonly bins: number;
  readonly counts: Float64Array;
}

/**
 * A cascade as a rooted tree with times: node 0..size−1, `parent[i]` is the
 * index of the node i was reshared from (−1 for the root), `time[i]` when it
 * joined (any unit; the root usually at 0).
 */
export interface CascadeView {
  readonly parent: Int32Array;
  readonly time: Float64Array;
}

export type MetricOptions = Readonly<Record<string, number | string | boolean>>;

export interface MetricDefinition<V, D = unknown> {
  /** Registry name, dotted: `opinion.variance`, `cascade.structural-virality`. */
  readonly id: string;
  readonly title: string;
  /** One or two sentences: what it measures, formula, citation. */
  readonly description: string;
  readonly input: 'network' | 'cascade';
  /** Which optional parts of the view the metric needs. */
  readonly requires: ReadonlyArray<'opinions' | 'attribute' | 'exposure'>;
  /** Options the metric accepts, with defaults. */
  readonly defaults: MetricOptions;
  scalar(view: V, options?: MetricOptions): number;
  detailed?(view: V, options?: MetricOptions): D;
}
