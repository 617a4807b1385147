/**
 * What each account was shown, for the exposure metrics
 * (metrics/exposure-diversity.ts, cross-cutting-exposure.ts) and the
 * amplification ratio (metrics/amplification-ratio.ts). Attached to a
 * platform through its onExpose hook, so a run without a log does no work
 * at all (the hook is one null check per shown post, already there).
 *
 * - counts[i · K + b]: posts shown to account i whose stance fell in bin b
 *   of K equal bins of [−1, 1] (ExposureCounts in metric-view.ts);
 * - for each post group g of `groupOf(post)` (e.g. posts linking to a
 *   low-reliability outlet; −1 = no group): impressions I_g on humans and
 *   the humans reached R_g (shown at least one post of g), over the humans
 *   N at the end of the run.
 *
 * Counts are cumulative from attachment; a reshare counts with its own
 * stance (a copy of its parent's) and its own group.
 */
import type { ExposureCounts } from '../metric-view.js';
import type { ExposureTotals } from '../metrics/amplification-ratio.js';
import { stanceBin } from '../metrics/metric-support.js';
import { ParamError, check } from '../../model/errors.js';
import type { Platform } from './platform.js';

export interface ExposureLogOptions {
  /** Stance bins K (default 5: the middle one, |s| < 0.2, is neutral). */
  readonly bins?: number;
  /** Number of post groups. */
  readonly groups?: number;
  /** The group of a post, in [0, groups) or −1. */
  readonly groupOf?: (post: number) => number;
}

export class ExposureLog {
  readonly bins: number;
  readonly groups: number;
  private counts: Float64Array;
  private reachedFlag: Uint8Array;
  private readonly impressions: Float64Array;
  private readonly reachedCount: Float64Array;
  private readonly platform: Platform;

  constructor(platform: Platform, options: ExposureLogOptions = {}) {
    const bins = check.integer('exposure-log', 'bins', options.bins ?? 5, 1, 1000);
    const groups = check.integer('exposure-log', 'groups', options.groups ?? 0, 0, 1000);
    if (groups > 0 && typeof options.groupOf !== 'function') throw new ParamError('exposure-log', 'groupOf', options.groupOf, 'a function (post) => group when groups > 0');
    this.bins = bins;
    this.groups = groups;
    this.platform = platform;
    const n = platform.world.agents.n;
    this.counts = new Float64Array(n * bins);
    this.reachedFlag = new Uint8Array(n * groups);
    this.impressions = new Float64Array(groups);
    this.reachedCount = new Float64Array(groups);
    const posts = platform.world.posts;
    const bot = (): Uint8Array => platform.world.agents.bot;
    const groupOf = options.groupOf;
    const previous = platform.hooks.onExpose;
    platform.hooks = {
      ...platform.hooks,
      onExpose: (reader, post, time) => {
        if ((reader + 1) * bins > this.counts.length) this.grow(reader + 1);
        this.counts[reader * bins + stanceBin(posts.stanceOf(post), bins)]++;
        if (groupOf !== undefined && bot()[reader] === 0) {
          const g = groupOf(post);
          if (g >= 0 && g < groups) {
            this.impressions[g]++;
            const k = reader * groups + g;
            if (this.reachedFlag[k] === 0) {
              this.reachedFlag[k] = 1;
              this.reachedCount[g]++;
            }
          }
        }
        previous?.(reader, post, time);
      },
    };
  }

  private grow(n: number): void {
    const size = Math.max(n, 2 * (this.counts.length / this.bins));
    const c = new Float64Array(size * this.bins);
    c.set(this.counts);
    this.counts = c;
    const r = new Uint8Array(size * this.groups);
    r.set(this.reachedFlag);
    this.reachedFlag = r;
  }

  /** The exposure counts of the accounts now on the platform (a copy). */
  exposure(): ExposureCounts {
    const n = this.platform.world.agents.n;
    const counts = new Float64Array(n * this.bins);
    counts.set(this.counts.subarray(0, Math.min(this.counts.length, counts.length)));
    return { bins: this.bins, counts };
  }

  /** N, R_g and I_g of group g, over the humans. */
  totals(g: number): ExposureTotals {
    check.integer('exposure-log', 'group', g, 0, this.groups - 1);
    const a = this.platform.world.agents;
    let humans = 0;
    for (let i = 0; i < a.n; i++) humans += Number(a.bot[i] === 0);
    return { accounts: humans, reached: this.reachedCount[g], impressions: this.impressions[g] };
  }
}
