/**
 * One run of the teaching demo: a preset (an experiments/ scenario at demo
 * size) built with `buildScenario`, stepped one tick at a time, and read out
 * as frames (what the page draws), a time series of metrics (one row per
 * tick), account cards, explained feeds, the hoax's cascade, a puzzle's
 * status, and exports (CSV, experiment file).
 *
 * Deterministic: the same configuration gives the same frames, in a Web
 * Worker, in the page or in Node. Everything the session adds to the
 * platform only reads it (exposure and engagement hooks, metrics), except
 * the puzzle's follow edits, which are the player's moves. Communities are
 * found by Louvain with a stream forked from the run's key, recomputed now
 * and then (every 20 ticks up to 5,000 accounts, every 200 above) when the
 * follow network changed, and relabelled by size (0 = largest) so colours
 * stay put from one computation to the next.
 *
 * A frame carries the whole edge list when the network changed since the
 * last frame; above 5,000 accounts (millions of numbers) at most every 10
 * ticks, so a page drawing 30 frames a second is not flooded.
 *
 * Time: one step is one platform tick (`tickMinutes` simulated minutes).
 */
import { Rng } from '../../model/rng.js';
import { louvainCommunities } from '../../sim/metrics/louvain-communities.js';
import { computeMetrics } from '../../sim/metrics/metrics-registry.js';
import { TIER_NAMES } from '../../sim/platform/agents.js';
import { perceptionSummary, type PerceptionSummary } from '../../sim/platform/observers.js';
import type { Platform } from '../../sim/platform/platform.js';
import { Poll } from '../../sim/platform/poll.js';
import { FALSE_CLAIM, FLAG_LABELLED, KIND_REPLY, TRUE_CLAIM } from '../../sim/platform/post-store.js';
import { visible } from '../../sim/platform/feed.js';
import { explainRanking, rankers } from '../../sim/platform/rankers.js';
import { buildScenario, type ScenarioBuild } from '../../sim/platform/scenario.js';
import { recentPosts } from '../../sim/platform/world.js';
import { progressMeter, type ProgressListener, type ProgressMeter } from './build-progress.js';
import { problem, sanitizeConfig } from './demo-config.js';
import { defaultArmOf, presetDefinition, presetInfo, type PresetDefinition } from './demo-presets.js';
import type {
  CascadeTree,
  ConfigProblem,
  DemoConfig,
  DemoFrame,
  DemoGraph,
  DemoMetrics,
  FeedItem,
  Localized,
  NodeCard,
  ParamValue,
  PresetInfo,
  PuzzleStatus,
} from './demo-protocol.js';
import { experimentFileText } from './experiment-export.js';
import { puzzleDefinition, puzzleIds, type PuzzleDefinition } from './puzzles.js';
import { seriesToCsv } from './series-csv.js';

export const HISTOGRAM_BINS = 20;

/** The answer to a follow edit (the worker adds `type: 'edit-follow'`). */
export interface CreateOptions {
  /** Hears the build's percent done (0–100), growing, ending at 100 (the build is not timed: see build-progress.ts). */
  readonly onProgress?: ProgressListener;
}

export interface EditFollowResult {
  readonly ok: boolean;
  readonly following: boolean;
  readonly budgetLeft: number;
  readonly message: Localized;
}

export class DemoSession {
  /** The configuration actually run (canonical; for a puzzle, only the player's own settings). */
  readonly config: DemoConfig;
  readonly info: PresetInfo;
  readonly puzzleId: string | null;
  readonly platform: Platform;
  readonly seedKey: string;
  private readonly def: PresetDefinition;
  private readonly puzzle: PuzzleDefinition | null;
  private readonly endMinutes: number;
  private readonly rows: DemoMetrics[] = [];
  private hoaxSeen: Uint8Array | null;
  private hoaxReach = 0;
  private hoaxTopic = -1;
  private seenTotal: Int32Array;
  private seenRight: Int32Array;
  private seenLeft: Int32Array;
  /** The scenario's poll (one vote per account), when the preset has one. */
  private readonly poll: Poll | null;
  private edits = 0;
  private budget: number;
  private community: Int32Array;
  private communityVersion = -1;
  private communityTick = -Infinity;
  private communityFresh = true;
  private sentEdges = -1;
  private sentEdgesTick = -Infinity;
  private sentSuspended = -1;

  private constructor(build: ScenarioBuild, def: PresetDefinition, config: DemoConfig, puzzle: PuzzleDefinition | null, overrides: Record<string, ParamValue>, meter: ProgressMeter | null) {
    this.config = config;
    this.def = def;
    this.puzzle = puzzle;
    this.puzzleId = puzzle ? puzzle.info.id : null;
    this.platform = build.platform;
    this.seedKey = build.seedKey;
    this.info = presetInfo(def.id, build.arm, overrides);
    this.endMinutes = build.params.durationHours * 60;
    this.budget = puzzle?.info.editFollows?.budget ?? 0;
    const n = this.platform.world.agents.n;
    this.seenTotal = new Int32Array(n);
    this.seenRight = new Int32Array(n);
    this.seenLeft = new Int32Array(n);
    this.hoaxSeen = def.hoaxTopic !== null ? new Uint8Array(n) : null;
    this.poll = def.poll && build.probe instanceof Poll ? build.probe : null;
    this.community = new Int32Array(n);
    this.installHooks();
    this.updateCommunities(true, meter ? (done, total) => meter.step('communities', total > 0 ? done / total : 1) : undefined);
    this.record();
  }

  /**
   * Build a session. Never throws for a bad configuration: what had to be
   * replaced is in `problems` (a puzzle locks every parameter but its
   * controls, and fixes the preset, the arm and the seed). `onProgress`
   * hears the build's percent (see build-progress.ts): it only listens, so
   * the session is the same with or without it.
   */
  static create(config: DemoConfig, puzzle: string | null = null, options: CreateOptions = {}): { session: DemoSession; problems: ConfigProblem[] } {
    const meter = options.onProgress ? progressMeter(options.onProgress) : null;
    meter?.step('network', 0);
    const problems: ConfigProblem[] = [];
    let pz: PuzzleDefinition | null = null;
    if (puzzle !== null && puzzle !== undefined) {
      if (puzzleIds().includes(puzzle)) pz = puzzleDefinition(puzzle);
      else problems.push(problem('puzzle', puzzle, 'Unknown puzzle; ignored.', 'Énigme inconnue ; ignorée.'));
    }
    let raw: { preset: unknown; arm: unknown; seed: unknown; params: unknown } = {
      preset: config?.preset,
      arm: config?.arm,
      seed: config?.seed,
      params: config?.params,
    };
    if (pz) {
      const allowed: Record<string, unknown> = {};
      const given = config?.params && typeof config.params === 'object' ? config.params : {};
      for (const [k, v] of Object.entries(given)) {
        if (pz.info.controls.includes(k)) allowed[k] = v;
        else problems.push(problem(k, v, `This puzzle does not let you change “${k}”.`, `Cette énigme ne permet pas de changer « ${k} ».`));
      }
      raw = { preset: pz.info.preset, arm: pz.arm, seed: pz.seed, params: allowed };
    }
    // A puzzle's own settings apply under the player's (and are not the player's to report).
    const puzzleParams: Record<string, ParamValue> = pz ? { ...pz.params } : {};
    const checked = sanitizeConfig(raw, puzzleParams);
    problems.push(...checked.problems);
    const def = presetDefinition(checked.config.preset);
    let params: Record<string, ParamValue> = { ...puzzleParams, ...checked.config.params };
    const effective: DemoConfig = checked.config;
    const arm = effective.arm ?? defaultArmOf(def);
    let build: ScenarioBuild;
    try {
      build = buildScenario(def.scenario, { seed: effective.seed, arm: arm ?? undefined, overrides: { ...def.overrides, ...params } });
    } catch (err) {
      problems.push(problem('params', JSON.stringify(params), `These settings could not be run (${err instanceof Error ? err.message : String(err)}); the preset's are used.`, `Ces réglages n’ont pas pu être lancés ; ceux du préréglage sont utilisés.`));
      params = { ...puzzleParams };
      build = buildScenario(def.scenario, { seed: effective.seed, arm: arm ?? undefined, overrides: { ...def.overrides, ...params } });
      meter?.step('network', 1);
      const session = new DemoSession(build, def, { ...effective, params: {} }, pz, params, meter);
      meter?.done();
      return { session, problems };
    }
    meter?.step('network', 1);
    const session = new DemoSession(build, def, effective, pz, params, meter);
    meter?.done();
    return { session, problems };
  }

  // ---- Running --------------------------------------------------------------

  get tick(): number {
    return this.platform.world.ticks;
  }

  get done(): boolean {
    return this.platform.now + 1e-9 >= this.endMinutes;
  }

  /** Run up to `ticks` ticks (fewer once the duration is reached); returns the frame with what changed. */
  step(ticks = 1): DemoFrame {
    const k = Number.isFinite(ticks) ? Math.max(0, Math.floor(ticks)) : 0;
    for (let t = 0; t < k && !this.done; t++) {
      this.platform.tick();
      this.grow();
      this.record();
      this.updateCommunities(false);
    }
    return this.makeFrame(false);
  }

  /** The current frame with everything (communities, edges, suspensions). */
  frame(): DemoFrame {
    return this.makeFrame(true);
  }

  /** Every row of the time series so far (tick 0 is the start). */
  series(): DemoMetrics[] {
    return this.rows.slice();
  }

  /** The rows after tick `tick`, oldest first (the ticks a frame stands for). */
  rowsSince(tick: number): DemoMetrics[] {
    let k = this.rows.length;
    while (k > 0 && this.rows[k - 1].tick > tick) k--;
    return this.rows.slice(k);
  }

  // ---- Hooks and per-tick measurement --------------------------------------

  private installHooks(): void {
    const p = this.platform;
    const w = p.world;
    const prevExpose = p.hooks.onExpose;
    const hoaxName = this.def.hoaxTopic;
    p.hooks = {
      ...p.hooks,
      onExpose: (reader, post, time) => {
        this.seenTotal[reader]++;
        const s = w.posts.stanceOf(post);
        if (s > 0) this.seenRight[reader]++;
        else if (s < 0) this.seenLeft[reader]++;
        if (this.hoaxSeen !== null) {
          if (this.hoaxTopic < 0 && hoaxName !== null) this.hoaxTopic = w.topics.indexOf(hoaxName);
          if (this.hoaxTopic >= 0 && w.posts.topic[post] === this.hoaxTopic && this.hoaxSeen[reader] === 0) {
            this.hoaxSeen[reader] = 1;
            this.hoaxReach++;
          }
        }
        prevExpose?.(reader, post, time);
      },
    };
  }

  /** Accounts can join mid-run (bots): keep per-account arrays as long as the accounts. */
  private grow(): void {
    const n = this.platform.world.agents.n;
    if (n <= this.seenTotal.length) return;
    const g = <T extends Int32Array | Uint8Array>(a: T, make: (k: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.seenTotal = g(this.seenTotal, (k) => new Int32Array(k));
    this.seenRight = g(this.seenRight, (k) => new Int32Array(k));
    this.seenLeft = g(this.seenLeft, (k) => new Int32Array(k));
    this.community = g(this.community, (k) => new Int32Array(k));
    if (this.hoaxSeen) this.hoaxSeen = g(this.hoaxSeen, (k) => new Uint8Array(k));
  }

  /** A number that changes whenever the follow network may have changed. */
  private edgeVersion(): number {
    const p = this.platform;
    return p.totals.follows + p.totals.unfollows + this.edits + p.graph.m + p.graph.n * 7919;
  }

  private suspendedVersion(): number {
    const s = this.platform.world.agents.suspended;
    let h = s.length;
    for (let i = 0; i < s.length; i++) if (s[i] !== 0) h = (h * 31 + i + 1) | 0;
    return h;
  }

  /**
   * Keep the communities up to date or not (display only: no metric uses
   * them). Turning it on recomputes them now if the network changed.
   */
  setCommunities(on: boolean): void {
    this.communitiesWanted = on;
    if (on) this.updateCommunities(true);
  }

  private communitiesWanted = true;

  private updateCommunities(force: boolean, onProgress?: (done: number, total: number) => void): void {
    if (!force && !this.communitiesWanted) return;
    const version = this.edgeVersion();
    if (version === this.communityVersion) return;
    const every = this.platform.world.agents.n <= 5000 ? 20 : 200;
    if (!force && this.tick - this.communityTick < every && !this.done) return;
    const g = this.platform.graph;
    const found = louvainCommunities(g, { rng: new Rng(this.seedKey).fork('demo-louvain').fork(`t${this.tick}`), onProgress });
    this.community = relabelBySize(found.community, found.count);
    this.communityVersion = version;
    this.communityTick = this.tick;
    this.communityFresh = true;
  }

  private topicIndex(name: string | null): number {
    return name === null ? -1 : this.platform.world.topics.indexOf(name);
  }

  private record(): void {
    const p = this.platform;
    const w = p.world;
    const a = w.agents;
    const m = computeMetrics(['opinion.mean', 'opinion.variance', 'opinion.bimodality', 'network.neighbor-leaning-correlation'], { graph: w.graph, opinions: a.opinion });
    const perception: PerceptionSummary = p.observer.perception.length > 0 ? p.observer.perception[p.observer.perception.length - 1] : perceptionSummary(w);
    const obs = p.observer;
    const last = obs.time.length - 1;
    const hoax = this.topicIndex(this.def.hoaxTopic);
    const watch = this.topicIndex(this.def.watchTopic);
    const hoaxVolume = hoax >= 0 && last >= 0 ? (obs.volume.full[hoax]?.[last] ?? 0) : 0;
    const topicVolume = watch >= 0 && last >= 0 ? (obs.volume.full[watch]?.[last] ?? 0) : 0;
    const alertZ = watch >= 0 && last >= 0 ? (obs.zScore.full[watch]?.[last] ?? 0) : 0;
    const alertFired = watch >= 0 && !Number.isNaN(obs.alertTime(watch, 'full'));
    // How big each side thinks it is, from what its members were shown (the page's own exposure counts).
    let ownRight = 0;
    let rightSeers = 0;
    let ownLeft = 0;
    let leftSeers = 0;
    for (let i = 0; i < a.n; i++) {
      if (a.bot[i] !== 0) continue;
      const leaning = this.seenRight[i] + this.seenLeft[i];
      if (leaning === 0) continue;
      if (a.opinion[i] > 0) {
        ownRight += this.seenRight[i] / leaning;
        rightSeers++;
      } else {
        ownLeft += this.seenLeft[i] / leaning;
        leftSeers++;
      }
    }
    let pollYes = NaN;
    if (this.poll) {
      const t = this.poll.tally();
      pollYes = t.yes + t.no > 0 ? t.yes / (t.yes + t.no) : NaN;
    }
    this.rows.push({
      tick: w.ticks,
      hours: w.now / 60,
      opinionMean: m['opinion.mean'],
      polarisation: m['opinion.variance'],
      bimodality: m['opinion.bimodality'],
      leaningCorrelation: m['network.neighbor-leaning-correlation'],
      trueShare: perception.trueShareRight,
      perceivedShare: perception.perceivedShareRight,
      illusionShare: perception.majorityIllusion,
      perceivedOwnRight: rightSeers > 0 ? ownRight / rightSeers : NaN,
      perceivedOwnLeft: leftSeers > 0 ? ownLeft / leftSeers : NaN,
      hoaxReach: this.hoaxReach,
      hoaxVolume,
      topicVolume,
      alertZ,
      alertFired,
      pollYes,
      follows: p.totals.follows,
      posts: w.posts.count,
    });
  }

  private histogram(): number[] {
    const a = this.platform.world.agents;
    const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
    for (let i = 0; i < a.n; i++) {
      if (a.bot[i] !== 0) continue;
      const x = a.opinion[i];
      const b = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(((x + 1) / 2) * HISTOGRAM_BINS)));
      bins[b]++;
    }
    return bins;
  }

  private makeFrame(full: boolean): DemoFrame {
    const w = this.platform.world;
    const edgesNow = this.edgeVersion();
    const suspendedNow = this.suspendedVersion();
    const due = w.agents.n <= 5000 || w.ticks - this.sentEdgesTick >= 10 || this.done || this.edits > 0;
    const edges = full || (edgesNow !== this.sentEdges && due) ? this.edgePairs() : null;
    if (edges) {
      this.sentEdges = edgesNow;
      this.sentEdgesTick = w.ticks;
    }
    const suspended = full || suspendedNow !== this.sentSuspended ? Uint8Array.from(w.agents.suspended.subarray(0, w.agents.n)) : null;
    this.sentSuspended = suspendedNow;
    const community = full || this.communityFresh ? Int32Array.from(this.community) : null;
    this.communityFresh = false;
    return {
      tick: w.ticks,
      hours: w.now / 60,
      done: this.done,
      opinion: Float32Array.from(w.agents.opinion.subarray(0, w.agents.n)),
      community,
      edges,
      suspended,
      hoaxSeen: this.hoaxSeen ? Uint8Array.from(this.hoaxSeen) : null,
      metrics: this.rows[this.rows.length - 1],
      histogram: this.histogram(),
    };
  }

  private edgePairs(): Int32Array {
    const g = this.platform.graph;
    const { start, deg, targets } = g.out;
    let m = 0;
    for (let u = 0; u < g.n; u++) m += deg[u];
    const out = new Int32Array(2 * m);
    let k = 0;
    for (let u = 0; u < g.n; u++) {
      for (let e = start[u], end = e + deg[u]; e < end; e++) {
        out[k++] = u;
        out[k++] = targets[e];
      }
    }
    return out;
  }

  // ---- Reading the network ---------------------------------------------------

  /** The follow network and fixed traits (sent once per start). */
  graph(): DemoGraph {
    const w = this.platform.world;
    const n = w.agents.n;
    const followers = new Int32Array(n);
    followers.set(w.graph.in.deg.subarray(0, n));
    return {
      n,
      edges: this.edgePairs(),
      followers,
      bot: Uint8Array.from(w.agents.bot.subarray(0, n)),
      group: Uint8Array.from(w.agents.group.subarray(0, n)),
      camp: w.camp ? Int32Array.from(w.camp.subarray(0, n)) : null,
    };
  }

  private checkNode(i: number): void {
    const n = this.platform.world.agents.n;
    if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new RangeError(`demo: no account ${String(i)} (accounts are 0..${n - 1})`);
  }

  /** The card of account i. */
  card(i: number): NodeCard {
    this.checkNode(i);
    const w = this.platform.world;
    const a = w.agents;
    const total = a.seenRight[i] + a.seenLeft[i];
    const last = this.rows[this.rows.length - 1];
    return {
      node: i,
      opinion: a.opinion[i],
      followers: w.graph.inDegree(i),
      following: w.graph.outDegree(i),
      bot: a.bot[i] !== 0,
      tier: TIER_NAMES[a.tier[i]] ?? 'unverified',
      group: w.params.groupNames[a.group[i]] ?? String(a.group[i]),
      sessions: a.sessions[i],
      seen: { total: this.seenTotal[i], right: this.seenRight[i], left: this.seenLeft[i] },
      believedRightShare: total > 0 ? a.seenRight[i] / total : NaN,
      trueRightShare: last.trueShare,
      sawHoax: this.hoaxSeen !== null && this.hoaxSeen[i] === 1,
      suspended: a.suspended[i] !== 0,
    };
  }

  /**
   * What i's feed would show now, each item's score explained: the recent
   * posts of whom i follows (not too old, not removed, not by a suspended
   * account) plus, for rankers that recommend, trending posts from outside
   * (drawn from a stream of its own, so looking never changes the run),
   * ranked as the platform ranks them, best `feedSize` first.
   */
  feed(i: number): FeedItem[] {
    this.checkNode(i);
    const w = this.platform.world;
    const posts = w.posts;
    const minTime = w.now - w.params.maxPostAgeHours * 60;
    const cand = new Set<number>();
    const { start, deg, targets } = w.graph.out;
    for (let k = start[i], e = k + deg[i]; k < e; k++) {
      const f = targets[k];
      for (const p of recentPosts(w, f)) {
        if (posts.timeOf(p) < minTime) break;
        if (visible(w, p)) cand.add(p);
      }
    }
    const ranker = rankers[w.params.ranker];
    if (ranker.outOfNetwork && w.params.outOfNetwork > 0 && w.trendingFill > 0) {
      const r = new Rng(this.seedKey).fork('demo-feed').fork(`${i}:${w.ticks}`);
      for (let t = 0; t < w.params.outOfNetwork; t++) {
        const p = w.trending[r.int(w.trendingFill)];
        if (posts.authorOf(p) !== i && posts.timeOf(p) >= minTime && visible(w, p)) cand.add(p);
      }
    }
    const scored = [...cand].map((p) => ({ p, x: explainRanking(w, i, p) }));
    scored.sort((u, v) => v.x.score - u.x.score || v.p - u.p);
    return scored.slice(0, w.params.feedSize).map(({ p, x }) => ({
      post: p,
      author: posts.authorOf(p),
      stance: posts.stanceOf(p),
      veracity: posts.veracityOf(p) === FALSE_CLAIM ? 'false' : posts.veracityOf(p) === TRUE_CLAIM ? 'true' : 'not a claim',
      topic: w.topics[posts.topic[p]] ?? String(posts.topic[p]),
      ageHours: (w.now - posts.timeOf(p)) / 60,
      reshareOf: posts.parentOf(p) >= 0 ? posts.parentOf(p) : null,
      labelled: (posts.flagsOf(p) & FLAG_LABELLED) !== 0 || (posts.flagsOf(posts.rootOf(p)) & FLAG_LABELLED) !== 0,
      score: x.score,
      ranker: x.ranker,
      combine: x.combine,
      terms: x.terms.map((t) => ({ term: t.term, value: t.value, detail: t.detail })),
      moderation: x.moderation,
    }));
  }

  /** The original post of the hoax topic whose cascade is largest so far, or −1. */
  private hoaxRoot(): number {
    const topic = this.topicIndex(this.def.hoaxTopic);
    if (topic < 0) return -1;
    const posts = this.platform.world.posts;
    const size = new Map<number, number>();
    for (const id of this.platform.injected.values()) if (posts.topic[id] === topic && posts.rootOf(id) === id) size.set(id, 0);
    if (size.size === 0) return -1;
    for (let p = 0; p < posts.count; p++) {
      const r = posts.rootOf(p);
      const s = size.get(r);
      if (s !== undefined) size.set(r, s + 1);
    }
    let best = -1;
    let bestSize = -1;
    for (const [id, s] of size) if (s > bestSize || (s === bestSize && id < best)) [best, bestSize] = [id, s];
    return best;
  }

  /** The hoax's cascade (reshares, replies left out), or null when the preset has none or it was not posted yet. */
  cascade(): CascadeTree | null {
    const root = this.hoaxRoot();
    if (root < 0) return null;
    const posts = this.platform.world.posts;
    const included = new Set<number>([root]);
    const out: { post: number; author: number; parent: number; hours: number }[] = [{ post: root, author: posts.authorOf(root), parent: -1, hours: posts.timeOf(root) / 60 }];
    for (let p = root + 1; p < posts.count; p++) {
      if (posts.rootOf(p) !== root || posts.kindOf(p) === KIND_REPLY || !included.has(posts.parentOf(p))) continue;
      included.add(p);
      out.push({ post: p, author: posts.authorOf(p), parent: posts.parentOf(p), hours: posts.timeOf(p) / 60 });
    }
    return { root, posts: out };
  }

  // ---- Puzzles ---------------------------------------------------------------

  /** The puzzle's measured value now (see puzzles.ts). */
  puzzleValue(): number {
    const pz = this.puzzle;
    if (!pz) return NaN;
    if (pz.measure === 'structural-illusion') return computeMetrics(['network.majority-illusion'], this.platform.networkView())['network.majority-illusion'];
    if (pz.measure === 'hoax-reach') return this.hoaxReach / this.platform.world.agents.n;
    return this.rows[this.rows.length - 1].leaningCorrelation;
  }

  puzzleStatus(): PuzzleStatus | null {
    const pz = this.puzzle;
    if (!pz) return null;
    const value = this.puzzleValue();
    const meets = pz.win === 'above' ? value > pz.target : value < pz.target;
    const won = meets && (!pz.atEnd || this.done);
    const pct = (x: number): string => (pz.measure === 'leaning-correlation' ? x.toFixed(2) : `${Math.round(x * 100)} %`);
    let message: Localized;
    if (won) message = { en: `You won! ${pct(value)} (target ${pz.win === 'above' ? 'above' : 'below'} ${pct(pz.target)}).`, fr: `Gagné ! ${pct(value)} (cible : ${pz.win === 'above' ? 'au-dessus de' : 'en dessous de'} ${pct(pz.target)}).` };
    else if (pz.atEnd && this.done) message = { en: `Lost: ${pct(value)} at the end (target ${pz.win === 'above' ? 'above' : 'below'} ${pct(pz.target)}). Reset and try other settings.`, fr: `Perdu : ${pct(value)} à la fin (cible : ${pz.win === 'above' ? 'au-dessus de' : 'en dessous de'} ${pct(pz.target)}). Recommencez avec d’autres réglages.` };
    else if (pz.atEnd) message = { en: `Now ${pct(value)}; the target (${pz.win === 'above' ? 'above' : 'below'} ${pct(pz.target)}) is checked at the end of the run.`, fr: `Actuellement ${pct(value)} ; la cible (${pz.win === 'above' ? 'au-dessus de' : 'en dessous de'} ${pct(pz.target)}) est vérifiée à la fin.` };
    else message = { en: `Now ${pct(value)}; get ${pz.win === 'above' ? 'above' : 'below'} ${pct(pz.target)}. Edits left: ${this.budget}.`, fr: `Actuellement ${pct(value)} ; il faut passer ${pz.win === 'above' ? 'au-dessus de' : 'en dessous de'} ${pct(pz.target)}. Modifications restantes : ${this.budget}.` };
    return { id: pz.info.id, won, value, target: pz.target, message };
  }

  /** Follow edits left in the puzzle (0 outside one that allows them). */
  get budgetLeft(): number {
    return this.budget;
  }

  /** Puzzle move: make `from` follow `to`, or unfollow if it already does (costs one edit). */
  editFollow(from: number, to: number): EditFollowResult {
    const g = this.platform.graph;
    const n = this.platform.world.agents.n;
    const refuse = (en: string, fr: string): EditFollowResult => ({ ok: false, following: Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= 0 && from < n && to < n ? g.out.has(from, to) : false, budgetLeft: this.budget, message: { en, fr } });
    if (!this.puzzle?.info.editFollows) return refuse('Follows can only be edited in a puzzle that allows it.', 'Les abonnements ne se modifient que dans une énigme qui le permet.');
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= 0 && from < n && to < n)) return refuse(`No such account (accounts are 0..${n - 1}).`, `Compte inexistant (les comptes vont de 0 à ${n - 1}).`);
    if (from === to) return refuse('An account cannot follow itself.', 'Un compte ne peut pas se suivre lui-même.');
    if (this.budget <= 0) return refuse('No edits left: reset to start again.', 'Plus de modifications possibles : recommencez depuis le début.');
    const following = !g.out.has(from, to);
    const changed = following ? g.addEdge(from, to) : g.removeEdge(from, to);
    if (!changed) return refuse('Nothing changed.', 'Rien n’a changé.');
    this.budget--;
    this.edits++;
    return following
      ? { ok: true, following, budgetLeft: this.budget, message: { en: `Account ${from} now follows ${to}.`, fr: `Le compte ${from} suit maintenant ${to}.` } }
      : { ok: true, following, budgetLeft: this.budget, message: { en: `Account ${from} no longer follows ${to}.`, fr: `Le compte ${from} ne suit plus ${to}.` } };
  }

  // ---- Exports ---------------------------------------------------------------

  /** The time series as CSV (one row per tick). */
  seriesCsv(): string {
    return seriesToCsv(this.rows);
  }

  /** The run's parameters as an experiment file for the command line (`npx echolab run <file>`). */
  experimentFile(): { fileName: string; text: string } {
    return experimentFileText(this.def, this.info, this.config, this.puzzle);
  }
}

/** Community ids renumbered by size, largest first (ties: the lower old id). */
export function relabelBySize(community: Int32Array, count: number): Int32Array {
  const size = new Int32Array(count);
  for (let i = 0; i < community.length; i++) size[community[i]]++;
  const order = Array.from({ length: count }, (_, c) => c).sort((x, y) => size[y] - size[x] || x - y);
  const rank = new Int32Array(count);
  order.forEach((c, r) => {
    rank[c] = r;
  });
  return Int32Array.from(community, (c) => rank[c]);
}
