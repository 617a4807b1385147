/**
 * Experiments as data. An experiment names what runs (a model of the zoo or
 * a platform scenario), its fixed parameters (`base`), the sweep (`vary`,
 * expanded as a grid in declaration order), the replicates, how long and how
 * often to sample, which metrics to record, and its seed.
 *
 * Seeding: every run has a stable key `experiment id | seed | parameters |
 * replicate` recorded as provenance; its random streams are forked from the
 * common-random-numbers key `experiment id | seed | replicate`, so all arms of
 * one replicate share the network, the initial state and every stream, and
 * differences between arms are paired. Neither depends on run order, worker
 * count or shard.
 */
import type { MetricOptions } from '../sim/metric-view.js';
import type { ScenarioDefinition } from '../sim/platform/scenario.js';
import type { FeedLog } from '../sim/platform/puppets.js';
import type { OutcomeKind } from '../report/outcome-kind.js';

export type ParamValue = number | string | boolean;

/**
 * A named variant of a zoo-model experiment (a "preset"): parameter values
 * over the model's, swept as the parameter `arm` like a scenario's arms.
 * `base`, `vary` and `--set` values take precedence over an arm's.
 */
export interface ExperimentArm {
  readonly description?: string;
  readonly params: Readonly<Record<string, ParamValue>>;
}

export interface ExperimentSize {
  readonly replicates?: number;
  /** Zoo models: steps in the model's time unit. */
  readonly steps?: number;
  /** Scenarios: simulated hours. */
  readonly durationHours?: number;
  readonly base?: Readonly<Record<string, ParamValue>>;
  readonly vary?: Readonly<Record<string, readonly ParamValue[]>>;
  readonly sampleEvery?: number;
}

/** Network a zoo-model experiment runs on (default: the model's example network). */
export interface NetworkSpec {
  readonly kind: 'erdos-renyi' | 'preferential-attachment' | 'stochastic-block-model' | 'watts-strogatz' | 'complete';
  readonly params: Readonly<Record<string, ParamValue>>;
}

export interface ExperimentDefinition {
  /** kebab-case; the file name in experiments/. */
  readonly id: string;
  readonly title: string;
  /** The question the experiment answers (also stated in the file's header). */
  readonly question: string;
  /** A zoo model id (`deffuant`, `sasahara`, ...) ... */
  readonly model?: string;
  /** ... or a platform scenario (its arms are swept as the parameter `arm`). */
  readonly scenario?: ScenarioDefinition<unknown>;
  readonly network?: NetworkSpec;
  /**
   * Zoo models: named parameter sets swept as the parameter `arm` (all of
   * them, first in the grid, unless `base` or `vary` names `arm`).
   * Scenarios bring their own arms.
   */
  readonly arms?: Readonly<Record<string, ExperimentArm>>;
  readonly base?: Readonly<Record<string, ParamValue>>;
  readonly vary?: Readonly<Record<string, readonly ParamValue[]>>;
  readonly replicates: number;
  /** Zoo models: steps to run (stops early at convergence unless `untilConverged` is false). */
  readonly steps?: number;
  readonly untilConverged?: boolean;
  /** Scenarios: simulated hours (default: the scenario's `durationHours`). */
  readonly durationHours?: number;
  /** Record the metrics every this many steps (zoo) or hours (scenario); 0 = only at the end. */
  readonly sampleEvery?: number;
  /** Registry metrics (`opinion.variance`, ...), computed on the run's network view. */
  readonly metrics?: readonly string[];
  /**
   * Registry metrics computed once, at the end of each run (final table
   * only, not the series): for costly ones such as `network.modularity`
   * (Louvain) that would slow every sample down.
   */
  readonly finalMetrics?: readonly string[];
  /** Options of the metrics, keyed by metric name (e.g. `{ 'opinion.clusters': { gap: 0.02 } }`). */
  readonly metricOptions?: Readonly<Record<string, MetricOptions>>;
  /**
   * Outcomes to keep (default: all): a scenario's outcomes (exact names or
   * `prefix*` patterns), or a zoo model's outcomes (see `zooOutcomes`).
   */
  readonly outcomes?: readonly string[];
  /**
   * The outcomes that answer the question (metrics, model outcomes, `steps`,
   * or a scenario's), shown first in reports with the rest folded away.
   * Default: a scenario's `keyOutcomes`, else `outcomes`. Report-only: not
   * part of the definition hash.
   */
  readonly keyOutcomes?: readonly string[];
  /**
   * What kind of number each outcome is (`{ kind: 'proportion' | 'count' |
   * 'continuous' }` or `{ kind: 'bounded', lower, upper }`), by name or
   * `prefix*` pattern, over the scenario's and the built-in kinds: it
   * decides each interval in reports. Report-only, like `keyOutcomes`.
   */
  readonly outcomeKinds?: Readonly<Record<string, OutcomeKind>>;
  /**
   * Ranges [lo, hi] of numeric parameters for `--design lhs|sobol`
   * (default: the `calibrate` ranges).
   */
  readonly ranges?: Readonly<Record<string, readonly [number, number]>>;
  readonly seed: string;
  /** Overrides for `--quick`: the same experiment in seconds. */
  readonly quick?: ExperimentSize;
  /**
   * Uniform prior ranges [lo, hi) of numeric base parameters for
   * `echolab calibrate` (rejection ABC against a cascade archive).
   */
  readonly calibrate?: Readonly<Record<string, readonly [number, number]>>;
}

/** One simulation of an expanded experiment. */
export interface RunSpec {
  /** Position in the expansion (grid order, then replicate): stable, used for shards. */
  readonly index: number;
  /** Directory-safe name, e.g. `epsilon=0.2,mu=0.5__r3`. */
  readonly name: string;
  /** Swept parameter values of this run (only the `vary` keys). */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly replicate: number;
  /** Provenance key: experiment | seed | params | replicate. */
  readonly seedKey: string;
  /** Key every stream is forked from: experiment | seed | replicate (shared by the arms). */
  readonly crnKey: string;
}

/**
 * Where a cascade started, for comparisons that select like with like:
 * `root` is `claim` for an injected post (a claim the scenario put on the
 * platform, as an archive's fact-checked claims) and for a zoo model's seed,
 * `bot` for an original post of a bot, `organic` for any other original
 * post; `veracity` is the post's (`none` for a post that is no claim);
 * `topic` its topic name (null for zoo models).
 */
export interface CascadeInfo {
  readonly root: 'claim' | 'organic' | 'bot';
  readonly veracity: 'false' | 'true' | 'none';
  readonly topic: string | null;
}

/** A cascade tree kept with a run: its row in `cascades`, each entry's parent entry (−1: the root) and time since the root. */
export interface StoredTree {
  readonly row: number;
  readonly parent: readonly number[];
  readonly time: readonly number[];
}

/** What one run produced: one final row, a time series, optional per-cascade rows. */
export interface RunResult {
  readonly run: RunSpec;
  /** Metric or outcome name -> value at the end. */
  readonly final: Readonly<Record<string, number>>;
  /** Samples: time (steps or hours) and metric values. */
  readonly series: ReadonlyArray<{ readonly t: number; readonly values: Readonly<Record<string, number>> }>;
  /** Per-cascade rows (cascade metrics of each cascade the run produced), if any. */
  readonly cascades: ReadonlyArray<Readonly<Record<string, number>>>;
  /** One entry per row of `cascades`, in order (absent in results of older versions). */
  readonly cascadeInfo?: ReadonlyArray<CascadeInfo>;
  /**
   * The trees of the claim-rooted cascades (see CascadeInfo), so that a
   * comparison can cut them at an archive's observation window and measure
   * them again; other cascades keep only their row.
   */
  readonly trees?: ReadonlyArray<StoredTree>;
  /** Every item shown to a sock puppet (puppets.ts), when the scenario has puppets; absent otherwise. */
  readonly feeds?: FeedLog;
  /** Steps or hours actually simulated, and whether a zoo model converged. */
  readonly steps: number;
  readonly converged: boolean | null;
  /** Wall-clock milliseconds of the simulation (measured by the runner, not by src/sim). */
  elapsedMs?: number;
}

export type { ScenarioDefinition };
