/**
 * A social platform, one tick at a time. A tick of `tickMinutes` runs these
 * named phases; each is a strategy chosen by name in the parameters:
 *
 *   1 activate         accounts get ⌊λ⌋ sessions plus one with probability
 *                      λ − ⌊λ⌋, λ = rate/h × tick hours × daily rhythm (the
 *                      mean of a Poisson process); sessions run in random order
 *   2 feed             candidates from followees (+ trending, for ranked feeds),
 *                      ranked by `ranker`, cut to `feedSize` and the read cap
 *   3 expose           views and read counts are recorded
 *   4 perceive         decayed counts of left/right posts seen (perception)
 *   5 update-opinions  `opinionRule`
 *   6 engage           like, reshare, reply, report (engagement-model.ts)
 *   7 post             an original post near one's opinion
 *   8 follow           unfollow a discordant author, follow a concordant one;
 *                      backlash: unfollow an account a critical post is about
 *                      the feed showed (or `recommender`'s pick)
 *   9 moderate         `moderation` policy on detected false posts
 *  10 observe          volumes, monitors, alerts, perception
 *
 * Phases 2–8 run per session; bots run their behaviour instead (bots.ts).
 * Scheduled events (timeline.ts), then the claim stream's arrivals
 * (claim-stream.ts), apply at the start of a tick. Everything
 * random comes from named forks of the run's seed, so a seed is a run.
 *
 * Two seams for a second platform, both off unless set: `hooks.onTick`
 * runs once after each tick (exodus.ts ticks the destination and moves
 * accounts there), and `feedSource` replaces phase 2's feed builder
 * (federation.ts: a server's home and local timelines).
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { InputError } from '../../model/errors.js';
import { PairSet } from '../../model/generators/pair-set.js';
import type { CascadeTree } from '../cascade-record.js';
import type { NetworkView } from '../metric-view.js';
import { botSession } from './bots.js';
import { injectClaims } from './claim-stream.js';
import { engagementOdds, type EngagementOdds } from './engagement-model.js';
import { FeedBuffer, buildFeed } from './feed.js';
import { ModerationQueue, moderate, screenNewPost, type ModerationCounts } from './moderation.js';
import { Observer } from './observers.js';
import { ExposureLog, type ExposureLogOptions } from './exposure-log.js';
import { linkOutlet } from './outlets.js';
import { opinionRules, type OpinionRule } from './opinion-rules.js';
import { validatePlatformParams, type PlatformParams } from './platform-params.js';
import { KIND_ORIGINAL, KIND_REPLY, KIND_RESHARE, NOT_A_CLAIM, SLOT_ENGAGED_LEFT, SLOT_ENGAGED_RIGHT, SLOT_LIKES, SLOT_REPLIES, SLOT_REPORTS, SLOT_RESHARES } from './post-store.js';
import { emptyFeedLog, validatePuppets, type FeedLog, type PuppetSpec, type ResolvedPuppet } from './puppets.js';
import { explainRanking, type RankExplanation, type Ranker } from './rankers.js';
import { recommenders } from './recommenders.js';
import { localHour } from './local-hour.js';
import { runClock, type RunClock } from './run-clock.js';
import { applyEvent, timelineHours, type EventRecord, type TimelineEvent, type TimelineHost } from './timeline.js';
import { createWorld, indexPost, markTrending, type World, type WorldOptions } from './world.js';

/** Alea's output scale 2^−32 (rng.ts ALEA_NORM), as a literal, so that the hot loops below read no imported binding (compiled to CommonJS, an import becomes a getter call per draw). */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

export const PHASES = ['activate', 'feed', 'expose', 'perceive', 'update-opinions', 'engage', 'post', 'follow', 'moderate', 'observe'] as const;

/**
 * Relative activity by hour of day (mean 1): low from 2 to 6 h, a peak in the
 * evening, the shape reported for Twitter activity across time zones
 * (e.g. Golder & Macy, Science 2011). Indexed by the local hour on the run's
 * clock (`startDate`, `timeZone`; local-hour.ts).
 */
/**
 * The daily rhythm of each group at UTC time `utcMinutes` (minutes after a
 * UTC midnight: the run clock's start plus the minutes simulated): the
 * rhythm at the group's local hour, UTC + its offset in hours (quarter
 * hours allowed), written into `out`.
 */
export function groupRhythms(utcMinutes: number, offsets: readonly number[], out: Float64Array): Float64Array {
  for (let g = 0; g < offsets.length; g++) out[g] = DAILY_RHYTHM[localHour(utcMinutes, offsets[g] * 60)];
  return out;
}

export const DAILY_RHYTHM = Object.freeze([
  0.7, 0.5, 0.35, 0.25, 0.22, 0.25, 0.4, 0.65, 0.9, 1.05, 1.1, 1.15, 1.2, 1.15, 1.1, 1.1, 1.15, 1.25, 1.35, 1.5, 1.6, 1.55, 1.35, 1.05,
]);

/** Sessions whose memory prefetch() touches at once. */
const PREFETCH_BATCH = 16;

/** Memory of perception: the weight of what was seen before the current session. */
export const PERCEPTION_DECAY = 0.9;

export type EngagementKind = 'like' | 'reshare' | 'reply' | 'report';

export interface PlatformHooks {
  /** Called for every post shown to a reader. */
  onExpose?(reader: number, post: number, time: number): void;
  /** Called for every engagement. */
  onEngage?(actor: number, post: number, kind: EngagementKind, time: number): void;
  /**
   * Called once at the end of every tick, after moderation and observers
   * (`time`: minutes at the tick's end): per-tick records (a brand's
   * followers, a poll) and coupled mechanisms (a second platform,
   * exodus.ts) take their turn here.
   */
  onTick?(time: number): void;
}

/**
 * Builds a session's feed into `buf` and returns its size, in place of the
 * default (feed.ts `buildFeed`): e.g. a federated platform's home timeline
 * filtered by server policy plus its local timeline (federation.ts).
 */
export type FeedSource = (w: World, reader: number, buf: FeedBuffer) => number;

export interface PlatformOptions extends WorldOptions {
  readonly timeline?: readonly TimelineEvent[];
  readonly hooks?: PlatformHooks;
  /** Sock puppets (puppets.ts): scripted accounts whose every feed is logged. */
  readonly puppets?: readonly PuppetSpec[];
  /**
   * A ranker from outside (custom-ranker.ts, src/io/http-ranker.ts) in place of the
   * built-in one `ranker` names: feeds gather candidates as usual and this
   * orders them.
   */
  readonly ranker?: Ranker;
}

export interface TickCounts {
  activations: number;
  views: number;
  likes: number;
  reshares: number;
  replies: number;
  reports: number;
  posts: number;
  follows: number;
  unfollows: number;
}

export class Platform implements TimelineHost {
  readonly world: World;
  readonly observer = new Observer();
  readonly injected = new Map<string, number>();
  /**
   * Accounts fixed by name before the run (a scenario's `accounts`, or set
   * directly): timeline rules `{ name }` act on these, whoever is the
   * most-followed by then.
   */
  readonly named = new Map<string, number>();
  /** Posts of the claim stream (`claimsPerHour`, claim-stream.ts), in posting order. */
  readonly claims: number[] = [];
  /** Each stream claim's own share of reshares credited to it, when claims have their own (`claimAttributionSpread` > 0). */
  private readonly claimAttribution = new Map<number, number>();
  readonly events: EventRecord[] = [];
  readonly moderation: ModerationCounts = { removed: 0, labelled: 0, downranked: 0, suspended: 0 };
  readonly totals: TickCounts = { activations: 0, views: 0, likes: 0, reshares: 0, replies: 0, reports: 0, posts: 0, follows: 0, unfollows: 0 };
  hooks: PlatformHooks;
  /** The run's calendar: its start and clock (run-clock.ts). */
  readonly clock: RunClock;
  /** The feed builder when not the default (null: `buildFeed`); one check per session. */
  feedSource: FeedSource | null = null;
  /** The ranker from outside (PlatformOptions.ranker), null for the built-in one `ranker` names. */
  readonly customRanker: Ranker | null;
  /** The sock puppets, in the order given (empty without). */
  puppets: readonly ResolvedPuppet[] = [];
  /** Every item shown to a puppet (null without puppets). */
  feedLog: FeedLog | null = null;
  /** Per account: its index in `puppets`, −1 if not a puppet (null without puppets: one check per session). */
  private puppetOf: Int32Array | null = null;
  private readonly timeline: readonly TimelineEvent[];
  /** Each sorted event's time, in hours since the start (dates converted). */
  private readonly timelineAt: readonly number[];
  /** Position of each sorted event in the list the caller gave (for error messages). */
  private readonly timelineIndex: readonly number[];
  /** (account, cascade root) pairs already reshared: one reshare per account and cascade. */
  private readonly reshared = new PairSet(1024);
  /** Counts of the tick in progress (posts made by events count there too). */
  private current: TickCounts = emptyCounts();
  private nextEvent = 0;
  private readonly queue = new ModerationQueue();
  private readonly feed = new FeedBuffer();
  private readonly odds: EngagementOdds = { like: 0, reshare: 0, reply: 0, report: 0 };
  private active = new Int32Array(1024);
  /** Per-group daily rhythm of the current tick (`groupUtcOffsets`). */
  private readonly rhythms = new Float64Array(16);
  /** Where prefetch() puts what it reads, so the reads are not optimised away. */
  private prefetchSink = 0;
  private opinionRule: OpinionRule = opinionRules.none;

  constructor(params: Readonly<Record<string, unknown>> | PlatformParams, options: PlatformOptions) {
    const p = validatePlatformParams(params as Record<string, unknown>);
    const timeline = [...(options.timeline ?? [])];
    const hours = timelineHours(timeline, 'timeline', p);
    this.clock = runClock(p);
    // Stable order: by time, then as given.
    const order = timeline.map((e, k) => ({ e, k, at: hours[k] })).sort((a, b) => a.at - b.at || a.k - b.k);
    this.timeline = order.map((x) => x.e);
    this.timelineAt = order.map((x) => x.at);
    this.timelineIndex = order.map((x) => x.k);
    this.world = createWorld(p, options);
    this.hooks = options.hooks ?? {};
    const ranker = options.ranker;
    this.customRanker = ranker ?? null;
    if (ranker !== undefined) this.feedSource = (w, i, buf) => buildFeed(w, i, buf, ranker);
    if (options.puppets !== undefined && options.puppets.length > 0) this.addPuppets(options.puppets);
  }

  /**
   * Make these accounts sock puppets (puppets.ts), before the run: their
   * opinion is fixed, their activity set if asked, and their feeds logged.
   */
  addPuppets(specs: readonly PuppetSpec[]): void {
    const w = this.world;
    const resolved = validatePuppets(specs, w.agents.n);
    for (const p of resolved) {
      if (this.puppetOf !== null && this.puppetOf[p.account] >= 0) throw new InputError(`platform: account ${p.account} is already a puppet`, { field: 'puppets' });
    }
    if (this.puppetOf === null) {
      this.puppetOf = new Int32Array(w.agents.n).fill(-1);
      this.feedLog = emptyFeedLog();
    }
    const all = [...this.puppets];
    for (const p of resolved) {
      this.puppetOf[p.account] = all.length;
      all.push(p);
      w.agents.opinion[p.account] = p.opinion;
      if (p.sessionsPerHour !== null) w.agents.activity[p.account] = p.sessionsPerHour;
    }
    this.puppets = all;
  }

  get params(): PlatformParams {
    return this.world.params;
  }

  get graph(): CsrGraph {
    return this.world.graph;
  }

  /** Minutes simulated so far. */
  get now(): number {
    return this.world.now;
  }

  /** Create a post (and index it for feeds and moderation); returns its id. */
  addPost(author: number, stance: number, veracity: number, topic: number, kind: number, parent: number): number {
    const w = this.world;
    const id = w.posts.add(author, w.now, stance, veracity, topic, kind, parent);
    // A reshare is in its parent's language; an original or a reply in its author's group's.
    if (w.languages !== null) w.posts.language[id] = kind === KIND_RESHARE ? w.posts.language[parent] : w.languages.ofGroup[w.agents.group[author]];
    if (w.params.outlets > 0) linkOutlet(w, id, author, kind, parent);
    indexPost(w, author, id);
    screenNewPost(w, this.queue, id);
    if (kind === KIND_RESHARE) this.reshared.add(author, w.posts.rootOf(id));
    // Every post counts: originals, reshares, replies, and those made by events.
    this.current.posts++;
    return id;
  }

  /** Run until `durationHours` (or `hours` more, if given). */
  run(hours?: number): this {
    const end = hours === undefined ? this.params.durationHours * 60 : this.world.now + hours * 60;
    while (this.world.now + 1e-9 < end) this.tick();
    return this;
  }

  /** One tick: events, then the ten phases. */
  tick(): void {
    const w = this.world;
    const tickStart = w.now;
    const tick = emptyCounts();
    this.current = tick;
    while (this.nextEvent < this.timeline.length && this.timelineAt[this.nextEvent] * 60 <= tickStart + 1e-9) {
      const index = this.nextEvent++;
      this.events.push(applyEvent(this, this.timeline[index], this.timelineIndex[index]));
    }
    if (w.params.claimsPerHour > 0) {
      for (const c of injectClaims(this)) {
        this.claims.push(c.post);
        if (w.params.claimAttributionSpread > 0) this.claimAttribution.set(c.post, c.attribution);
      }
    }
    // Parameters change only between ticks (events, or the caller): resolve the rule once.
    this.opinionRule = opinionRules[w.params.opinionRule];
    const sessions = this.activate(tickStart);
    const minutes = w.params.tickMinutes;
    for (let k = 0; k < sessions; k++) {
      if (k % PREFETCH_BATCH === 0) this.prefetch(k, Math.min(sessions, k + PREFETCH_BATCH));
      w.now = tickStart + (minutes * k) / sessions;
      this.session(this.active[k], tick);
    }
    tick.activations = sessions;
    w.now = tickStart + minutes;
    w.ticks++;
    moderate(w, this.queue, this.moderation);
    this.observer.observe(w, tick);
    for (const key of Object.keys(tick) as Array<keyof TickCounts>) this.totals[key] += tick[key];
    this.hooks.onTick?.(w.now);
  }

  /**
   * Touch the follow rows and account fields of the sessions [from, to) in
   * one tight loop, so their cache misses overlap instead of stalling each
   * session in turn (at a million accounts, reading a reader's row of the
   * follow graph is a DRAM miss). Reads only: the results are unchanged.
   */
  private prefetch(from: number, to: number): void {
    const w = this.world;
    const a = w.agents;
    const { start, deg, targets } = w.graph.out;
    const latest = w.latest;
    const active = this.active;
    let s = this.prefetchSink;
    for (let k = from; k < to; k++) {
      const j = active[k];
      const st = start[j];
      const d = deg[j];
      // The first and last follow of the row (a row of 20 spans one or two cache lines).
      if (d > 0) s = (s + targets[st] + targets[st + d - 1]) | 0;
      s = (s + a.lastSeenPost[j] + a.sessions[j] + a.readToday[j] + a.bot[j] + a.muted[j] + latest[j]) | 0;
      if (a.opinion[j] > 2 || a.tolerance[j] < 0 || a.seenRight[j] < 0 || a.seenLeft[j] < 0) s++;
    }
    this.prefetchSink = s;
  }

  /** Phase 1: who has sessions this tick, shuffled. Returns the number of sessions. */
  private activate(tickStart: number): number {
    const w = this.world;
    const a = w.agents;
    const r = w.streams.activation;
    const hours = w.params.tickMinutes / 60;
    // The hour of day on the run's clock (with the defaults, ⌊(tickStart / 60) mod 24⌋ as it always was).
    const rhythm = w.params.dailyRhythm ? DAILY_RHYTHM[localHour(this.clock.startUtcMinuteOfDay + tickStart, this.clock.offsetMinutes)] : 1;
    const { suspended, activity, bot } = a;
    // Countries in their own time zones (`groupUtcOffsets`): one rhythm per group, looked up per account.
    const zoned = w.params.dailyRhythm && w.params.groupUtcOffsets.some((h) => h !== 0);
    const byGroup = zoned ? groupRhythms(this.clock.startUtcMinuteOfDay + tickStart, w.params.groupUtcOffsets, this.rhythms) : null;
    const group = a.group;
    // r.next() inlined on local variables (the same recurrence and numbers;
    // the state is stored back before the shuffle): one draw per account per
    // tick, a million per tick at a million accounts.
    const state = r.alea;
    let s0 = state[0];
    let s1 = state[1];
    let s2 = state[2];
    let c = state[3];
    let count = 0;
    for (let i = 0; i < a.n; i++) {
      if (suspended[i] !== 0) continue;
      // Bots keep their own schedule.
      const lambda = activity[i] * hours * (bot[i] !== 0 ? 1 : byGroup === null ? rhythm : byGroup[group[i]]);
      let k = Math.floor(lambda);
      // Alea in the exact split form of sir.ts (the same numbers; the carry is known three draws ahead).
      const hi = 2091639 * s0;
      const q = hi | 0;
      let r = hi - q + c * TWO_POW_MINUS_32;
      c = q;
      if (r >= 1) {
        r -= 1;
        c = q + 1;
      }
      s0 = s1;
      s1 = s2;
      s2 = r;
      if (s2 < lambda - k) k++;
      for (; k > 0; k--) {
        if (count === this.active.length) {
          const grown = new Int32Array(this.active.length * 2);
          grown.set(this.active);
          this.active = grown;
        }
        this.active[count++] = i;
      }
    }
    state[0] = s0;
    state[1] = s1;
    state[2] = s2;
    state[3] = c;
    r.shuffle(this.active.subarray(0, count));
    return count;
  }

  /** Phases 2–8 for one session of account i. */
  private session(i: number, tick: TickCounts): void {
    const w = this.world;
    const a = w.agents;
    a.sessions[i]++;
    if (a.bot[i] !== 0) {
      botSession(this, i, tick);
      return;
    }
    if (this.puppetOf !== null && this.puppetOf[i] >= 0) {
      this.puppetSession(i, this.puppets[this.puppetOf[i]], tick);
      return;
    }
    const size = this.readFeed(i, tick);
    const items = this.feed.items;
    // 4 perceive
    let right = 0;
    let left = 0;
    // Stances are f32 slot 4 of the post records (post-store.ts).
    const f32 = w.posts.f32;
    // Counted without branches: stances are coin flips, so branches on them mispredict.
    for (let k = 0; k < size; k++) {
      const s = f32[items[k] * 16 + 4];
      right += Number(s > 0);
      left += Number(s < 0);
    }
    a.seenRight[i] = a.seenRight[i] * PERCEPTION_DECAY + right;
    a.seenLeft[i] = a.seenLeft[i] * PERCEPTION_DECAY + left;
    // 5 update opinions
    this.opinionRule.update(w, i, items, size);
    // 6 engage
    // A muted account draws exactly as if it were not muted, so that muting
    // changes nothing else in a paired run; it just does not post or reshare.
    const muted = a.muted[i] !== 0;
    const checkBacklash = w.hasTargets;
    const odds = this.odds;
    // Four draws per shown post (like, reshare, reply, report), from the
    // engage stream, which nothing else draws from: r.next() inlined on local
    // variables (the same recurrence and numbers), stored back after the loop.
    const state = w.streams.engage.alea;
    let s0 = state[0];
    let s1 = state[1];
    let s2 = state[2];
    let c = state[3];
    for (let k = 0; k < size; k++) {
      const p = items[k];
      if (checkBacklash && w.posts.targetOf(p) >= 0) this.backlash(i, p, tick);
      engagementOdds(w, i, p, odds);
      // Four draws of Alea in the exact split form of sir.ts (the same numbers).
      let uLike = 2091639 * s0;
      const q0 = uLike | 0;
      uLike = uLike - q0 + c * TWO_POW_MINUS_32;
      c = q0;
      if (uLike >= 1) {
        uLike -= 1;
        c = q0 + 1;
      }
      s0 = s1;
      s1 = s2;
      s2 = uLike;
      let uReshare = 2091639 * s0;
      const q1 = uReshare | 0;
      uReshare = uReshare - q1 + c * TWO_POW_MINUS_32;
      c = q1;
      if (uReshare >= 1) {
        uReshare -= 1;
        c = q1 + 1;
      }
      s0 = s1;
      s1 = s2;
      s2 = uReshare;
      let uReply = 2091639 * s0;
      const q2 = uReply | 0;
      uReply = uReply - q2 + c * TWO_POW_MINUS_32;
      c = q2;
      if (uReply >= 1) {
        uReply -= 1;
        c = q2 + 1;
      }
      s0 = s1;
      s1 = s2;
      s2 = uReply;
      let uReport = 2091639 * s0;
      const q3 = uReport | 0;
      uReport = uReport - q3 + c * TWO_POW_MINUS_32;
      c = q3;
      if (uReport >= 1) {
        uReport -= 1;
        c = q3 + 1;
      }
      s0 = s1;
      s1 = s2;
      s2 = uReport;
      if (uLike < odds.like) this.engage(i, p, 'like', tick);
      if (uReshare < odds.reshare && !muted) this.engage(i, p, 'reshare', tick);
      if (uReply < odds.reply && !muted) this.engage(i, p, 'reply', tick);
      if (uReport < odds.report) this.engage(i, p, 'report', tick);
    }
    state[0] = s0;
    state[1] = s1;
    state[2] = s2;
    state[3] = c;
    // 7 post
    const rp = w.streams.post;
    if (rp.next() < w.params.postProbability) {
      const stance = Math.max(-1, Math.min(1, a.opinion[i] + w.params.postNoise * rp.normal()));
      if (!muted) this.addPost(i, stance, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
    }
    // 8 follow / unfollow
    if (size > 0 && w.streams.rewire.next() < w.params.unfollowProbability) this.rewire(i, items, size, tick);
  }

  /**
   * A puppet's session: read the feed, log every item, and follow the script
   * (puppets.ts). No draws, no opinion change, no posts, no follows.
   */
  private puppetSession(i: number, puppet: ResolvedPuppet, tick: TickCounts): void {
    const w = this.world;
    const size = this.readFeed(i, tick);
    const items = this.feed.items;
    const scores = this.feed.itemScores;
    const log = this.feedLog!;
    const posts = w.posts;
    for (let k = 0; k < size; k++) {
      const p = items[k];
      log.time.push(w.now);
      log.puppet.push(i);
      log.kind.push(puppet.kind);
      log.position.push(k);
      log.post.push(p);
      log.author.push(posts.authorOf(p));
      log.stance.push(posts.stanceOf(p));
      log.veracity.push(posts.veracityOf(p));
      log.score.push(scores[k]);
    }
    if (puppet.policy === 'like-aligned') {
      for (let k = 0; k < size; k++) if (Math.abs(posts.stanceOf(items[k]) - puppet.opinion) < puppet.likeWithin) this.engage(i, items[k], 'like', tick);
    }
  }

  /**
   * Backlash (part of phase 8): a follower of the account a post is about,
   * who agrees with a post critical of it (stance < 0, within tolerance),
   * unfollows that account with probability `backlashProbability` — how a
   * brand loses followers in a crisis.
   */
  private backlash(i: number, p: number, tick: TickCounts): void {
    const w = this.world;
    const t = w.posts.targetOf(p);
    const s = w.posts.stanceOf(p);
    if (t === i || s >= 0 || Math.abs(s - w.agents.opinion[i]) >= w.agents.tolerance[i] || !w.graph.out.has(i, t)) return;
    if (w.streams.backlash.next() < w.params.backlashProbability && w.graph.removeEdge(i, t)) tick.unfollows++;
  }

  /** Phases 2–3: build the feed and record the exposures; returns its size. */
  readFeed(i: number, tick: TickCounts): number {
    const w = this.world;
    const seenUpTo = w.posts.count - 1;
    const size = this.feedSource === null ? buildFeed(w, i, this.feed) : this.feedSource(w, i, this.feed);
    w.agents.lastSeenPost[i] = seenUpTo;
    const items = this.feed.items;
    const onExpose = this.hooks.onExpose;
    for (let k = 0; k < size; k++) {
      // Views: i32 slot 7 of the post record (a hook may add posts, which replaces the views, so read them here).
      w.posts.i32[items[k] * 16 + 7]++;
      if (onExpose) onExpose(i, items[k], w.now);
    }
    w.agents.readToday[i] += size;
    tick.views += size;
    return size;
  }

  /** The items of the last feed built (valid until the next session). */
  get lastFeed(): Int32Array {
    return this.feed.items.subarray(0, this.feed.size);
  }

  /** Record an engagement of account i with post p. */
  engage(i: number, p: number, kind: EngagementKind, tick: TickCounts): void {
    const w = this.world;
    const posts = w.posts;
    const side = w.agents.opinion[i];
    if (kind !== 'report') {
      if (side < 0) posts.bump(p, SLOT_ENGAGED_LEFT);
      else if (side > 0) posts.bump(p, SLOT_ENGAGED_RIGHT);
      markTrending(w, posts.rootOf(p));
    }
    switch (kind) {
      case 'like':
        posts.bump(p, SLOT_LIKES);
        tick.likes++;
        break;
      case 'reshare':
        // One reshare per account and cascade: a second one would only echo itself.
        if (this.reshared.has(i, posts.rootOf(p))) return;
        posts.bump(p, SLOT_RESHARES);
        this.addPost(i, posts.stanceOf(p), posts.veracityOf(p), posts.topic[p], KIND_RESHARE, this.attributeTo(p));
        tick.reshares++;
        break;
      case 'reply':
        posts.bump(p, SLOT_REPLIES);
        this.addPost(i, Math.max(-1, Math.min(1, w.agents.opinion[i])), NOT_A_CLAIM, posts.topic[p], KIND_REPLY, p);
        tick.replies++;
        break;
      case 'report':
        posts.bump(p, SLOT_REPORTS);
        tick.reports++;
        break;
    }
    this.hooks.onEngage?.(i, p, kind, w.now);
  }

  /**
   * The share of reshares of reshares of `root`'s cascade credited to `root`
   * now: its own share if it is a stream claim with one, else `rootAttribution`.
   */
  attributionOf(root: number): number {
    const share = this.world.params.rootAttribution;
    if (!(share > 0)) return 0;
    return this.claimAttribution.get(root) ?? share;
  }

  /**
   * The post a reshare of p is recorded under: p, or, when p is itself a
   * reshare, with probability `rootAttribution` (a stream claim's own share,
   * when claims have their own) the source of the content: the original,
   * or the reply whose reshares p belongs to (Twitter's API credits a
   * retweet of a retweet to the source tweet). Only the recorded parent
   * changes: the source carries the same content, appeal and target as p,
   * so who reshares what and when is the same for any value; at 0 nothing
   * is drawn.
   */
  private attributeTo(p: number): number {
    const share = this.world.params.rootAttribution;
    if (!(share > 0)) return p;
    const posts = this.world.posts;
    let source = p;
    while (posts.kindOf(source) === KIND_RESHARE) source = posts.parentOf(source);
    if (source === p) return p;
    const root = posts.rootOf(p);
    const own = this.claimAttribution.size > 0 ? (this.claimAttribution.get(root) ?? share) : share;
    return this.world.streams.attribution.next() < own ? source : p;
  }

  /**
   * Phase 8: unfollow the author of a random discordant post that i follows,
   * and follow instead the author of a random concordant post in the feed
   * that i does not follow yet (what the feed recommended), or else the
   * recommender's pick. The follow count stays the same (nothing changes
   * when no new account is found).
   */
  private rewire(i: number, items: Int32Array, size: number, tick: TickCounts): void {
    const w = this.world;
    const x = w.agents.opinion[i];
    const tol = w.agents.tolerance[i];
    const r = w.streams.rewire;
    const out = w.graph.out;
    let drop = -1;
    let discordant = 0;
    let add = -1;
    let concordant = 0;
    for (let k = 0; k < size; k++) {
      const author = w.posts.authorOf(items[k]);
      if (author === i) continue;
      const follows = out.has(i, author);
      // Reservoir sampling: uniform choices among the candidates.
      if (Math.abs(w.posts.stanceOf(items[k]) - x) >= tol) {
        if (follows && r.int(++discordant) === 0) drop = author;
      } else if (!follows && w.agents.suspended[author] === 0 && r.int(++concordant) === 0) {
        add = author;
      }
    }
    if (drop < 0) return;
    const v = add >= 0 ? add : recommenders[w.params.recommender].propose(w, i);
    if (v < 0 || !w.graph.addEdge(i, v)) return;
    w.graph.removeEdge(i, drop);
    tick.follows++;
    tick.unfollows++;
  }

  /** "Why did `reader` see `post`?": its ranking score, term by term. */
  explain(reader: number, post: number): RankExplanation {
    return explainRanking(this.world, reader, post, this.customRanker ?? this.world.params.ranker);
  }

  /**
   * The network as metrics see it: the follow graph, opinions, and as the
   * binary attribute the camp (two-camps networks) or the side of one's
   * opinion (1 if > 0).
   */
  networkView(): NetworkView {
    const view = this.baseNetworkView();
    return this.exposureLog === null ? view : { ...view, exposure: this.exposureLog.exposure() };
  }

  /**
   * The exposure log of this run (exposure-log.ts), attached on first call:
   * from then on networkView() carries the exposure counts. Call before
   * running; a run that never calls it records nothing.
   */
  recordExposure(options: ExposureLogOptions = {}): ExposureLog {
    if (this.exposureLog === null) this.exposureLog = new ExposureLog(this, options);
    return this.exposureLog;
  }

  private exposureLog: ExposureLog | null = null;

  private baseNetworkView(): NetworkView {
    const w = this.world;
    const attribute = w.camp ? Int32Array.from(w.camp.subarray(0, Math.min(w.camp.length, w.agents.n))) : Int32Array.from(w.agents.opinion, (x) => (x > 0 ? 1 : 0));
    if (attribute.length < w.agents.n) {
      const grown = new Int32Array(w.agents.n);
      grown.set(attribute);
      for (let i = attribute.length; i < w.agents.n; i++) grown[i] = w.agents.opinion[i] > 0 ? 1 : 0;
      return { graph: w.graph, opinions: w.agents.opinion, attribute: grown };
    }
    return { graph: w.graph, opinions: w.agents.opinion, attribute };
  }

  /**
   * The cascade of an original post as a tree with times: entry 0 is the
   * post, each reshare (and reply, if asked) an entry whose parent is the
   * entry it reshared; `node` holds accounts, times are minutes after the
   * original.
   */
  cascade(rootPost: number, options: { replies?: boolean } = {}): CascadeTree {
    const posts = this.world.posts;
    if (!(rootPost >= 0 && rootPost < posts.count) || posts.rootOf(rootPost) !== rootPost) {
      throw new InputError(`platform: post ${rootPost} is not an original post (0..${posts.count - 1})`, { field: 'post' });
    }
    const local = new Map<number, number>();
    const node: number[] = [];
    const parent: number[] = [];
    const time: number[] = [];
    for (let p = rootPost; p < posts.count; p++) {
      if (posts.rootOf(p) !== rootPost) continue;
      if (p !== rootPost && posts.kindOf(p) === KIND_REPLY && !options.replies) continue;
      const par = p === rootPost ? -1 : local.get(posts.parentOf(p));
      if (par === undefined) continue; // a reply's reshare, when replies are left out
      local.set(p, node.length);
      node.push(posts.authorOf(p));
      parent.push(par);
      time.push(posts.timeOf(p) - posts.timeOf(rootPost));
    }
    return { node: Int32Array.from(node), parent: Int32Array.from(parent), time: Float64Array.from(time) };
  }

  /** Accounts that saw at least one post of the cascade of `rootPost` (reach). */
  reach(rootPost: number): number {
    return this.reachedAccounts(rootPost).size;
  }

  /** Reach needs exposures, which are not stored: attach this before running to count them. */
  private reachSets = new Map<number, Set<number>>();
  private reachHooked = false;

  /** Start counting who sees the cascades of these original posts (call before they spread). */
  trackReach(): void {
    if (this.reachHooked) return;
    this.reachHooked = true;
    const previous = this.hooks.onExpose;
    const posts = this.world.posts;
    this.hooks = {
      ...this.hooks,
      onExpose: (reader, post, time) => {
        const root = posts.rootOf(post);
        let set = this.reachSets.get(root);
        if (!set) {
          set = new Set();
          this.reachSets.set(root, set);
        }
        set.add(reader);
        previous?.(reader, post, time);
      },
    };
  }

  reachedAccounts(rootPost: number): Set<number> {
    if (!this.reachHooked) throw new InputError('platform: call trackReach() before running to measure reach', { field: 'reach' });
    return this.reachSets.get(rootPost) ?? new Set();
  }
}

function emptyCounts(): TickCounts {
  return { activations: 0, views: 0, likes: 0, reshares: 0, replies: 0, reports: 0, posts: 0, follows: 0, unfollows: 0 };
}

/** Validate, build and return a platform ready to run. */
export function createPlatform(params: Readonly<Record<string, unknown>> = {}, options: PlatformOptions): Platform {
  return new Platform(params, options);
}

export { KIND_ORIGINAL, KIND_RESHARE, KIND_REPLY };
