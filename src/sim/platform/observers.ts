/**
 * Observation (phase 10): what the platform's data would show, per tick.
 *
 * - Volume: posts (originals, reshares, replies) per topic and per
 *   country/language group — the "mentions" a social-listening tool counts.
 * - Three monitors of that stream: the full stream; a 1 % sample chosen by
 *   post id, as the public sample stream was (`monitorSample`); and a
 *   rate-limited reader that gets at most `monitorRateLimitPerHour` posts per
 *   hour, first come first served.
 * - A weak-signal alert per topic and monitor: an exponentially weighted mean
 *   m and variance v of the per-tick volume y (half-life `alertHalfLifeHours`);
 *   the alert fires at the first tick with y ≥ 3 and (y − m)/√(v + 1) ≥ z
 *   (`alertZ`), before y enters the averages (a burst detector in the style of
 *   EWMA control charts; Roberts 1959).
 * - Perception: the true share of right-leaning (opinion > 0) humans, the
 *   mean share each human perceives from its feeds, the false-consensus gap
 *   (perceived minus true share of one's own side, averaged; Ross et al.
 *   1977) and the majority-illusion share (humans who perceive the global
 *   minority side as a majority; Lerman et al. 2016).
 */
import { pow } from '../../model/det-math.js';
import { hashUniform } from './rankers.js';
import type { World } from './world.js';

export const MONITORS = ['full', 'sample', 'rate-limited'] as const;
export type MonitorName = (typeof MONITORS)[number];

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

class BurstDetector {
  mean = 0;
  variance = 0;
  seen = 0;
  firedAt = NaN;

  update(y: number, alpha: number, z: number, now: number): void {
    if (Number.isNaN(this.firedAt) && this.seen > 0 && y >= 3 && (y - this.mean) / Math.sqrt(this.variance + 1) >= z) this.firedAt = now;
    if (this.seen === 0) this.mean = y;
    const d = y - this.mean;
    this.mean += alpha * d;
    this.variance = (1 - alpha) * (this.variance + alpha * d * d);
    this.seen++;
  }
}

export class Observer {
  /** End time (minutes) of each recorded tick. */
  readonly time: number[] = [];
  readonly activations: number[] = [];
  readonly posts: number[] = [];
  readonly reshares: number[] = [];
  readonly views: number[] = [];
  /** volume[monitor][topic][tick] */
  readonly volume: Record<MonitorName, number[][]> = { full: [], sample: [], 'rate-limited': [] };
  /** byGroup[topic][group][tick]: full-stream mentions per group. */
  readonly byGroup: number[][][] = [];
  readonly perception: PerceptionSummary[] = [];
  private readonly detectors: Record<MonitorName, BurstDetector[]> = { full: [], sample: [], 'rate-limited': [] };
  /** First post id not yet counted. */
  private cursor = 0;

  /** Record the tick that just ended. */
  observe(w: World, tick: { activations: number; views: number }): void {
    const posts = w.posts;
    const topics = w.topics.length;
    const groups = w.params.groupNames.length;
    const perTopic: Record<MonitorName, number[]> = { full: new Array(topics).fill(0), sample: new Array(topics).fill(0), 'rate-limited': new Array(topics).fill(0) };
    const perGroup: number[][] = Array.from({ length: topics }, () => new Array(groups).fill(0));
    let budget = Math.floor((w.params.monitorRateLimitPerHour * w.params.tickMinutes) / 60);
    let reshares = 0;
    const first = this.cursor;
    for (let p = first; p < posts.count; p++) {
      const t = posts.topic[p];
      perTopic.full[t]++;
      perGroup[t][w.agents.group[posts.author[p]]]++;
      if (hashUniform(p, 0x5eed, 1) < w.params.monitorSample) perTopic.sample[t]++;
      if (budget > 0) {
        perTopic['rate-limited'][t]++;
        budget--;
      }
      if (posts.parent[p] >= 0 && posts.kind[p] === 1) reshares++;
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
      while (vol.length < topics) vol.push(new Array(tickIndex).fill(0));
      const det = this.detectors[m];
      while (det.length < topics) det.push(new BurstDetector());
      for (let t = 0; t < topics; t++) {
        vol[t].push(perTopic[m][t]);
        det[t].update(perTopic[m][t], alpha, w.params.alertZ, w.now);
      }
    }
    while (this.byGroup.length < topics) this.byGroup.push(Array.from({ length: groups }, () => new Array(tickIndex).fill(0)));
    for (let t = 0; t < topics; t++) for (let g = 0; g < groups; g++) this.byGroup[t][g].push(perGroup[t][g]);
    this.perception.push(perceptionSummary(w));
  }

  /** When the weak-signal alert first fired for `topic` on a monitor (minutes), or NaN. */
  alertTime(topic: number, monitor: MonitorName = 'full'): number {
    return this.detectors[monitor][topic]?.firedAt ?? NaN;
  }
}

export function perceptionSummary(w: World): PerceptionSummary {
  const a = w.agents;
  let humans = 0;
  let right = 0;
  for (let i = 0; i < a.n; i++) {
    if (a.bot[i] !== 0) continue;
    humans++;
    if (a.opinion[i] > 0) right++;
  }
  const trueRight = humans > 0 ? right / humans : NaN;
  const minorityIsRight = trueRight < 0.5;
  let perceivers = 0;
  let perceivedSum = 0;
  let gapSum = 0;
  let illusion = 0;
  for (let i = 0; i < a.n; i++) {
    if (a.bot[i] !== 0) continue;
    const total = a.seenRight[i] + a.seenLeft[i];
    if (!(total > 0)) continue;
    perceivers++;
    const pr = a.seenRight[i] / total;
    perceivedSum += pr;
    gapSum += a.opinion[i] > 0 ? pr - trueRight : 1 - pr - (1 - trueRight);
    const minorityPerceived = minorityIsRight ? pr : 1 - pr;
    if (minorityPerceived > 0.5) illusion++;
  }
  return {
    trueShareRight: trueRight,
    perceivedShareRight: perceivers > 0 ? perceivedSum / perceivers : NaN,
    falseConsensus: perceivers > 0 ? gapSum / perceivers : NaN,
    majorityIllusion: perceivers > 0 ? illusion / perceivers : NaN,
  };
}
