/**
 * The source-reliability scenario:
 * - the chronological arm is its own control (amplification ratios exactly
 *   1), and the control each ranked arm runs alongside is that same run: a
 *   ranked arm's impressions ratio equals its low-reliability impressions
 *   per human divided by the chronological arm's (no account joins, so the
 *   per-human denominators agree);
 * - directional, on pinned seeds: downranking by reliability shows
 *   low-reliability posts less than the plain engagement ranker, and the
 *   engagement ranker shows less cross-cutting content than the
 *   chronological feed.
 */
import { describe, expect, it } from 'vitest';
import sourceReliability from '../../experiments/source-reliability.js';
import { runPaired } from '../../src/sim/platform/scenario.js';

describe('source-reliability scenario', () => {
  it('the chronological arm is the control of the amplification ratios of the ranked arms', () => {
    const runs = runPaired(sourceReliability, 'sr-1', undefined, { quick: true });
    const chrono = runs.chronological.outcomes;
    expect(chrono['low-reliability.amplification.reach']).toBe(1);
    expect(chrono['low-reliability.amplification.impressions']).toBe(1);
    for (const arm of ['engagement', 'engagement-downranked']) {
      const o = runs[arm].outcomes;
      expect(o['low-reliability.amplification.impressions']).toBeCloseTo(o['low-reliability.impressions'] / chrono['low-reliability.impressions'], 12);
      expect(o['low-reliability.amplification.reach']).toBeCloseTo(o['low-reliability.reach'] / chrono['low-reliability.reach'], 12);
    }
  });

  it('downranking lowers low-reliability impressions; the engagement ranker lowers cross-cutting exposure (pinned seeds)', () => {
    for (const seed of ['sr-2', 'sr-3']) {
      const runs = runPaired(sourceReliability, seed, undefined, { quick: true });
      const e = runs.engagement.outcomes;
      const d = runs['engagement-downranked'].outcomes;
      const c = runs.chronological.outcomes;
      expect(d['low-reliability.impressions']).toBeLessThan(e['low-reliability.impressions']);
      expect(e['cross-cutting']).toBeLessThan(c['cross-cutting']);
      for (const o of [e, d, c]) {
        expect(o['cross-cutting']).toBeGreaterThanOrEqual(0);
        expect(o['cross-cutting']).toBeLessThanOrEqual(1);
        expect(o['diversity']).toBeLessThanOrEqual(1 - 1 / 5);
      }
    }
  });
});
