/**
 * The contract between the teaching demo's page (src/viz/app) and its
 * simulation (src/viz/engine), which runs in a Web Worker.
 *
 * The engine is DOM-free and deterministic: a `DemoConfig` (preset, variant,
 * seed, parameter overrides) gives the same frames in a worker, in the page
 * and in Node, so a shared URL reproduces a run exactly. Layout positions are
 * not part of it (they only place nodes on screen).
 *
 * Typed arrays in messages are transferred, not copied: the sender must not
 * keep using them.
 */

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

/** A text in every language of the demo. */
export type Localized = Readonly<Record<Lang, string>>;

export type ParamValue = number | string | boolean;

/** Everything a URL encodes: enough to reproduce a run exactly. */
export interface DemoConfig {
  /** Preset id (see `PresetInfo.id`). */
  readonly preset: string;
  /** The preset's variant (scenario arm), or null for its default. */
  readonly arm: string | null;
  readonly seed: string;
  /** Platform parameters over the preset's (only the values the user changed). */
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** What the page needs to show a preset: texts, variants, controls, charts. */
export interface PresetInfo {
  readonly id: string;
  /** The experiments/ scenario it is built on. */
  readonly scenario: string;
  readonly title: Localized;
  readonly question: Localized;
  readonly lookFor: Localized;
  readonly arms: readonly { readonly id: string; readonly label: Localized }[];
  readonly defaultArm: string | null;
  /** Effective parameters (platform defaults < scenario < demo preset < overrides). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Parameter names shown first, in this order (the rest sit under "more"). */
  readonly controls: readonly string[];
  /** Charts worth showing for this preset, most telling first. */
  readonly charts: readonly ChartId[];
  /** How the graph is coloured when the preset opens (its story's colours). */
  readonly colourBy: 'opinion' | 'hoax';
}

export type ChartId = 'polarisation' | 'leaning-correlation' | 'perceived-share' | 'own-side' | 'hoax' | 'hoax-volume' | 'histogram' | 'cascade' | 'alert' | 'poll';

/** The follow network and fixed account traits, sent once per (re)start. */
export interface DemoGraph {
  readonly n: number;
  /** Follow edges as pairs (u, v): u follows v. */
  readonly edges: Int32Array;
  /** Followers per account at the start. */
  readonly followers: Int32Array;
  readonly bot: Uint8Array;
  readonly group: Uint8Array;
  /** 0/1 camp per account when the network has camps, else null. */
  readonly camp: Int32Array | null;
}

/** One row of the time series (one per tick). */
export interface DemoMetrics {
  readonly tick: number;
  readonly hours: number;
  readonly opinionMean: number;
  /** Opinion variance on [−1, 1] (0 = consensus, 1 = two camps at ±1). */
  readonly polarisation: number;
  readonly bimodality: number;
  /** Neighbour leaning correlation (Cinelli et al. 2021). */
  readonly leaningCorrelation: number;
  /** Share of humans with opinion > 0, and their mean perceived share of right-leaning posts. */
  readonly trueShare: number;
  readonly perceivedShare: number;
  /** Share of humans who perceive the minority side as the majority. */
  readonly illusionShare: number;
  /**
   * How big each side thinks it is: the mean, over the humans of a side who
   * saw leaning posts, of the share of those posts that leaned their way
   * (right: opinion > 0; left: the others). NaN when nobody of that side saw any.
   */
  readonly perceivedOwnRight: number;
  readonly perceivedOwnLeft: number;
  /** Accounts that saw the hoax so far (0 when the preset has none). */
  readonly hoaxReach: number;
  /** Hoax posts (original + reshares) this tick. */
  readonly hoaxVolume: number;
  /** Posts on the watched topic this tick, its z-score, and whether the alert has fired. */
  readonly topicVolume: number;
  readonly alertZ: number;
  readonly alertFired: boolean;
  /** Yes share of the votes cast so far in the preset's poll (bots and poll), else NaN. */
  readonly pollYes: number;
  readonly follows: number;
  readonly posts: number;
}

/** What the page draws each frame. */
export interface DemoFrame {
  readonly tick: number;
  readonly hours: number;
  /** True once the preset's duration is reached. */
  readonly done: boolean;
  /** Opinion per account, on [−1, 1]. */
  readonly opinion: Float32Array;
  /** Louvain community per account (seeded), recomputed now and then; null when unchanged since the last frame. */
  readonly community: Int32Array | null;
  /** The whole follow edge list when it changed since the last frame, else null. */
  readonly edges: Int32Array | null;
  /** Accounts removed from view (suspended), 1 = hidden. */
  readonly suspended: Uint8Array | null;
  /** Accounts that have seen the hoax (1), null when the preset has none. */
  readonly hoaxSeen: Uint8Array | null;
  readonly metrics: DemoMetrics;
  /**
   * Every tick's metrics since the previous frame, oldest first, ending with
   * `metrics` (a frame can stand for several ticks when the page asks for
   * more ticks per second than it draws). Absent: just `metrics`.
   */
  readonly rows?: readonly DemoMetrics[];
  /** Opinion histogram: 20 bins over [−1, 1], counts of humans. */
  readonly histogram: readonly number[];
}

/** The card of one account (hover or click). */
export interface NodeCard {
  readonly node: number;
  readonly opinion: number;
  readonly followers: number;
  readonly following: number;
  readonly bot: boolean;
  readonly tier: 'verified' | 'unverified' | 'new';
  readonly group: string;
  readonly sessions: number;
  /** Posts it has been shown, and of those how many leaned right (> 0) and left (< 0). */
  readonly seen: { readonly total: number; readonly right: number; readonly left: number };
  /** What it believes others think: its perceived share of right-leaning posts (NaN if it saw nothing). */
  readonly believedRightShare: number;
  /** The true share of humans leaning right. */
  readonly trueRightShare: number;
  readonly sawHoax: boolean;
  readonly suspended: boolean;
}

/** One item of a reader's feed with its ranking explained ("why did I see this post?"). */
export interface FeedItem {
  readonly post: number;
  readonly author: number;
  readonly stance: number;
  readonly veracity: 'true' | 'false' | 'not a claim';
  readonly topic: string;
  readonly ageHours: number;
  readonly reshareOf: number | null;
  readonly labelled: boolean;
  readonly score: number;
  readonly ranker: string;
  readonly combine: 'sum' | 'product';
  readonly terms: readonly { readonly term: string; readonly value: number; readonly detail: string }[];
  readonly moderation: number;
}

/** The hoax's cascade: every post of it, each with its parent (−1 for the root). */
export interface CascadeTree {
  readonly root: number;
  readonly posts: readonly { readonly post: number; readonly author: number; readonly parent: number; readonly hours: number }[];
}

/** A puzzle: a goal, the only controls allowed, and a win condition checked by the engine. */
export interface PuzzleInfo {
  readonly id: string;
  readonly title: Localized;
  readonly goal: Localized;
  readonly hint: Localized;
  readonly preset: string;
  /** Parameter names the player may change (others are locked). */
  readonly controls: readonly string[];
  /** Whether the player edits follows by clicking two nodes (follow/unfollow), and how many edits are allowed. */
  readonly editFollows: { readonly budget: number } | null;
}

export interface PuzzleStatus {
  readonly id: string;
  readonly won: boolean;
  /** The measured value and the target, for a progress line. */
  readonly value: number;
  readonly target: number;
  readonly message: Localized;
}

/** A problem with the requested configuration (bad URL value...), reported to the user. */
export interface ConfigProblem {
  readonly field: string;
  readonly value: string;
  readonly message: Localized;
}

export type ToWorker =
  /**
   * Build a run. With `progress`, the worker posts `progress` messages while
   * it builds (the page shows them; a page that wants to stop a long build
   * terminates the worker and starts another).
   */
  | { readonly type: 'init'; readonly config: DemoConfig; readonly puzzle: string | null; readonly progress?: boolean }
  | { readonly type: 'step'; readonly ticks: number }
  | { readonly type: 'play'; readonly ticksPerSecond: number }
  | { readonly type: 'pause' }
  | { readonly type: 'card'; readonly node: number }
  | { readonly type: 'feed'; readonly node: number }
  | { readonly type: 'cascade' }
  /**
   * Whether frames should carry up-to-date Louvain communities (on at
   * start). The page asks only while it colours by community: off spares the
   * worker a Louvain run every 20 ticks (~0.1 s at 2,000 accounts), which
   * would otherwise cost frames while playing. Display only: the metrics do
   * not depend on it.
   */
  | { readonly type: 'communities'; readonly on: boolean }
  | { readonly type: 'edit-follow'; readonly from: number; readonly to: number }
  | { readonly type: 'export-csv' }
  | { readonly type: 'export-experiment' };

export type FromWorker =
  /** How far the build asked for by `init` has got: whole percents, growing, the last 100, all before its `ready`. */
  | { readonly type: 'progress'; readonly percent: number }
  | {
      readonly type: 'ready';
      readonly config: DemoConfig;
      readonly preset: PresetInfo;
      readonly graph: DemoGraph;
      readonly frame: DemoFrame;
      readonly problems: readonly ConfigProblem[];
      readonly puzzle: PuzzleStatus | null;
    }
  | { readonly type: 'frame'; readonly frame: DemoFrame; readonly puzzle: PuzzleStatus | null }
  | { readonly type: 'card'; readonly card: NodeCard }
  | { readonly type: 'feed'; readonly node: number; readonly items: readonly FeedItem[] }
  | { readonly type: 'cascade'; readonly tree: CascadeTree | null }
  | { readonly type: 'edit-follow'; readonly ok: boolean; readonly following: boolean; readonly budgetLeft: number; readonly message: Localized }
  | { readonly type: 'export'; readonly kind: 'csv' | 'experiment'; readonly fileName: string; readonly text: string }
  | { readonly type: 'error'; readonly message: string };
