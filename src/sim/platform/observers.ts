/**
 * Observation (phase 10): what the platform's data would show, per tick.
 *
 * - Volume: posts (originals, reshares, replies) created in the tick, per
 *   topic and per country/language group of the author — the "mentions" a
 *   social-listening tool counts. Each tick's volumes sum to the posts
 *   created in it (events' posts included).
 * - Three monitors of that stream: the full stream; a sample of share
 *   `monitorSample` (1 %) chosen by a hash of the post id alone, as the
 *   public sample stream chose by tweet id, so a post is in the sample or
 *   not whatever the order or tick in which it is observed; and a
 *   rate-limited reader that gets at most `monitorRateLimitPerHour` posts per
 *   hour, first come first served: a token bucket credited rate × tick hours
 *   each tick, holding at most one tick's credit (or one post, if a tick's
 *   credit is below one), so over any run its reads never exceed rate ×
 *   elapsed hours. Monitors report raw counts (the sample is not scaled up).
 * - A weak-signal alert per topic and monitor: an exponentially weighted
 *   mean m and variance v of the per-tick volume y, with weight
 *   α = 1 − 2^(−tick/half-life) (`alertHalfLifeHours`; the incremental
 *   weighted variance of Finch 2009, v ← (1 − α)(v + α(y − m)²)). Before y
 *   enters the averages, its score is z = (y − m)/√(max(v, m) + 1) — the
 *   variance is at least the mean, as for Poisson counts — and the alert
 *   fires at the first tick with y ≥ 3 and z ≥ `alertZ` (a burst detector in
 *   the style of EWMA control charts; Roberts 1959). Scenario topics are
 *   silent before their first post, so their detectors start from m = v = 0;
 *   the general topic (0) is already being talked about when the run starts,
 *   so its first tick sets m = y₀ and an uninformed spread v = y₀², which the
 *   average then forgets — without it the first day's rise from the night
 *   trough of the daily rhythm looks like a burst.
 * - Perception (humans only): the true share of right-leaning (opinion > 0)
 *   accounts; the mean share of right-leaning posts each account perceives
 *   from its feeds (seenRight / (seenRight + seenLeft), over accounts that
 *   have seen a post with a side); the false-consensus gap (perceived minus
 *   true share of one's own side, averaged; Ross et al. 1977; opinion ≤ 0
 *   counts as the left side); and the majority-illusion share (accounts that
 *   perceive the global minority side as more than half; Lerman et al. 2016;
 *   0 when the sides are exactly even, as there is no minority).
 */
import { pow } from '../../model/det-math.js';
import { KIND_RESHARE } from './post-store.js';
import { hashUniform } from './rankers.js';
import type { World } from './world.js';

export const MONITORS = ['full', 'sample', 'rate-limited'] as const;
export type MonitorName = (typeof MONITORS)[number];

/** An alert needs at least this many posts in the tick. */
export const ALERT_MIN_VOLUME = 3;

export interface PerceptionSummary {
  /** Share of humans with opinion > 0. */
  readonly trueShareRight: number;
  /** Mean over humans (with something seen) of the perceived share of right-leaning posts. */
  readonly perceivedShareRight: number;
  /** Mean of (perceived − true share of one's own side). */
  readonly falseConsensus: number;
  /** Share of humans who perceive the global minority side as the majority. */
  readonly majorityIllusion: number;
}

/** Whether the sampled monitor sees post `post` (a function of the id alone). */
export function inSample(post: number, share: number): boolean {
  return hashUniform(post, 0x5eed, 1) < share;
}

/** EWMA burst detector of one topic on one monitor. */
export class BurstDetector {
  mean = 0;
  variance = 0;
  /** Whether the first observation sets the baseline (the general topic) rather than following silence. */
  private pending: boolean;
  firedAt = NaN;
  /** Score of the last observation. */
  score = 0;

  constructor(baselineFromFirst: boolean) {
    this.pending = baselineFromFirst;
  }

  /** Observe the volume `y` of the tick ending at `now`; returns its score. */
  update(y: number, alpha: number, z: number, now: number): number {
    if (this.pending) {
      this.pending = false;
      this.mean = y;
      this.variance = y * y;
      this.score = 0;
      return 0;
    }
    const score = (y - this.mean) / Math.sqrt(Math.max(this.variance, this.mean) + 1);
    if (Number.isNaN(this.firedAt) && y >= ALERT_MIN_VOLUME && score >= z) this.firedAt = now;
    const d = y - this.mean;
    this.mean += alpha * d;
    this.variance = (1 - alpha) * (this.variance + alpha * d * d);
    this.score = score;
    return score;
  }
}

export class Observer {
  /** End time (minutes) of each recorded tick. */
  readonly time: number[] = [];
  readonly activations: number[] = [];
  /** Posts created in each tick (originals, reshares and replies). */
  readonly posts: number[] = [];
  readonly reshares: number[] = [];
  readonly views: number[] = [];
  /** volume[monitor][topic][tick] */
  readonly volume: Record<MonitorName, number[][]> = { full: [], sample: [], 'rate-limited': [] };
  /** Alert score z of each tick: zScore[monitor][topic][tick] (0 before a topic's baseline). */
  readonly zScore: Record<MonitorName, number[][]> = { full: [], sample: [], 'rate-limited': [] };
  /** byGroup[topic][group][tick]: full-stream mentions per group of the author. */
  readonly byGroup: number[][][] = [];
  readonly perception: PerceptionSummary[] = [];
  private readonly detectors: Record<MonitorName, BurstDetector[]> = { full: [], sample: [], 'rate-limited': [] };
  /** First post id not yet counted. */
  private cursor = 0;
  /** The rate-limited reader's unspent credit (posts). */
  private credit = 0;

  /** Record the tick that just ended. */
  observe(w: World, tick: { activations: number; views: number }): void {
    const posts = w.posts;
    const topics = w.topics.length;
    const groups = w.params.groupNames.length;
    const perTopic: Record<MonitorName, number[]> = { full: new Array(topics).fill(0), sample: new Array(topics).fill(0), 'rate-limited': new Array(topics).fill(0) };
    const perGroup: number[][] = Array.from({ length: topics }, () => new Array(groups).fill(0));
    const allowance = (w.params.monitorRateLimitPerHour * w.params.tickMinutes) / 60;
    this.credit = Math.min(this.credit + allowance, Math.max(allowance, 1));
    let budget = Math.floor(this.credit);
    const share = w.params.monitorSample;
    let reshares = 0;
    const first = this.cursor;
    for (let p = first; p < posts.count; p++) {
      const t = posts.topic[p];
      perTopic.full[t]++;
      perGroup[t][w.agents.group[posts.authorOf(p)]]++;
      if (inSample(p, share)) perTopic.sample[t]++;
      if (budget > 0) {
        perTopic['rate-limited'][t]++;
        budget--;
        this.credit--;
      }
      if (posts.kindOf(p) === KIND_RESHARE) reshares++;
    }
    this.cursor = posts.count;
    this.time.push(w.now);
    this.activations.push(tick.activations);
    this.posts.push(posts.count - first);
    this.reshares.push(reshares);
    this.views.push(tick.views);
    const tickIndex = this.time.length - 1;
    const alpha = 1 - pow(0.5, w.params.tickMinutes / (w.params.alertHalfLifeHours * 60));
    for (const m of MONITORS) {
      const vol = this.volume[m];
      const zs = this.zScore[m];
      const det = this.detectors[m];
      while (vol.length < topics) vol.push(new Array(tickIndex).fill(0));
      while (zs.length < topics) zs.push(new Array(tickIndex).fill(0));
      while (det.length < topics) det.push(new BurstDetector(tickIndex === 0));
      for (let t = 0; t < topics; t++) {
        vol[t].push(perTopic[m][t]);
        zs[t].push(det[t].update(perTopic[m][t], alpha, w.params.alertZ, w.now));
      }
    }
    while (this.byGroup.length < topics) this.byGroup.push(Array.from({ length: groups }, () => new Array(tickIndex).fill(0)));
    for (let t = 0; t < topics; t++) for (let g = 0; g < groups; g++) this.byGroup[t][g].push(perGroup[t][g]);
    this.perception.push(perceptionSummary(w));
  }

  /** When the weak-signal alert first fired for `topic` on a monitor (minutes, the end of the tick), or NaN. */
  alertTime(topic: number, monitor: MonitorName = 'full'): number {
    return this.detectors[monitor][topic]?.firedAt ?? NaN;
  }
}

export function perceptionSummary(w: World): PerceptionSummary {
  // One pass over the accounts (this runs every tick): the true share is
  // only known at the end, so keep per-side sums and combine them after.
  const a = w.agents;
  const { bot, opinion, seenRight, seenLeft } = a;
  let humans = 0;
  let right = 0;
  let perceivers = 0;
  let perceivedSum = 0;
  let sumRightSide = 0; // Σ perceived share of right, over right-leaning perceivers
  let rightPerceivers = 0;
  let sumLeftSide = 0; // Σ perceived share of right, over the others
  let seesRightMajority = 0;
  let seesLeftMajority = 0;
  // Without branches on the data (they are unpredictable: sides and
  // majorities are coin flips across accounts, and this loop was
  // misprediction-bound). Each term is multiplied by a 0/1 weight; the sums
  // add the same values in the same order as skipping would, because x · 1 = x,
  // and a sum of non-negative terms, never −0, gains nothing from + 0.
  const n = a.n;
  // Two accounts per iteration (V8 re-checks each typed array at every
  // access; two accounts share the checks), added in account order.
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const human = Number(bot[i] === 0);
    const human2 = Number(bot[i + 1] === 0);
    const isRight = human & Number(opinion[i] > 0);
    const isRight2 = human2 & Number(opinion[i + 1] > 0);
    const sr = seenRight[i];
    const sr2 = seenRight[i + 1];
    const total = sr + seenLeft[i];
    const total2 = sr2 + seenLeft[i + 1];
    // Counts are never negative, so "not > 0" is 0 + 0: divide by 1 instead (a finite 0, weighted out).
    const perceives = human & Number(total > 0);
    const perceives2 = human2 & Number(total2 > 0);
    const pr = sr / (total + (1 - perceives));
    const pr2 = sr2 / (total2 + (1 - perceives2));
    const term = pr * perceives;
    const term2 = pr2 * perceives2;
    humans += human + human2;
    right += isRight + isRight2;
    perceivers += perceives + perceives2;
    perceivedSum += term;
    perceivedSum += term2;
    sumRightSide += term * isRight;
    sumRightSide += term2 * isRight2;
    rightPerceivers += (isRight & perceives) + (isRight2 & perceives2);
    sumLeftSide += term * (1 - isRight);
    sumLeftSide += term2 * (1 - isRight2);
    seesRightMajority += (perceives & Number(pr > 0.5)) + (perceives2 & Number(pr2 > 0.5));
    seesLeftMajority += (perceives & Number(pr < 0.5)) + (perceives2 & Number(pr2 < 0.5));
  }
  for (; i < n; i++) {
    const human = Number(bot[i] === 0);
    const isRight = human & Number(opinion[i] > 0);
    humans += human;
    right += isRight;
    const sr = seenRight[i];
    const total = sr + seenLeft[i];
    const perceives = human & Number(total > 0);
    const pr = sr / (total + (1 - perceives));
    const term = pr * perceives;
    perceivers += perceives;
    perceivedSum += term;
    sumRightSide += term * isRight;
    rightPerceivers += isRight & perceives;
    sumLeftSide += term * (1 - isRight);
    seesRightMajority += perceives & Number(pr > 0.5);
    seesLeftMajority += perceives & Number(pr < 0.5);
  }
  const trueRight = humans > 0 ? right / humans : NaN;
  const leftPerceivers = perceivers - rightPerceivers;
  // Right-leaning: pr − T; others: (1 − pr) − (1 − T) = T − pr.
  const gapSum = sumRightSide - rightPerceivers * trueRight + leftPerceivers * trueRight - sumLeftSide;
  const illusion = trueRight === 0.5 ? 0 : trueRight < 0.5 ? seesRightMajority : seesLeftMajority;
  return {
    trueShareRight: trueRight,
    perceivedShareRight: perceivers > 0 ? perceivedSum / perceivers : NaN,
    falseConsensus: perceivers > 0 ? gapSum / perceivers : NaN,
    majorityIllusion: perceivers > 0 ? illusion / perceivers : NaN,
  };
}
