/**
 * Observers: per-tick volumes add up to the posts of the tick; the 1 %
 * sample keeps about 1 % and the same posts whatever the order of
 * observation; the rate-limited reader stays within its budget; the EWMA
 * alert fires after an injected burst and not in a steady state; the
 * perception summary matches a hand computation and the counts of what feeds
 * showed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BurstDetector, Observer, inSample, perceptionSummary } from '../../../src/sim/platform/observers.js';
import { PERCEPTION_DECAY, createPlatform } from '../../../src/sim/platform/platform.js';
import { addPost, makeWorld, withinBinomial } from './fixtures.js';

const tick0 = { activations: 0, views: 0 };

describe('mention volume', () => {
  it('per tick, volumes by topic and by group each sum to the posts created in the tick', () => {
    const p = createPlatform(
      { agents: 800, durationHours: 18, groups: 3, groupNames: ['EN', 'FR', 'DE'], botShare: 0.05, botBehaviour: 'flood' },
      {
        seed: 'observers-volume',
        timeline: [
          { at: 3, type: 'inject', name: 'h', author: { group: 'FR', pick: 'most-followed' }, stance: 0.5, topic: 'hoax', appeal: 4 },
          { at: 9, type: 'inject', name: 'b', author: { group: 'DE', pick: 'most-followed' }, stance: -0.5, topic: 'brand', veracity: 'none' },
        ],
      },
    );
    p.run();
    const o = p.observer;
    const topics = p.world.topics.length;
    expect(topics).toBe(3);
    expect(o.posts.reduce((a, b) => a + b, 0)).toBe(p.world.posts.count);
    for (let k = 0; k < o.time.length; k++) {
      let byTopic = 0;
      let byGroup = 0;
      for (let t = 0; t < topics; t++) {
        byTopic += o.volume.full[t][k];
        let topicGroups = 0;
        for (let g = 0; g < 3; g++) topicGroups += o.byGroup[t][g][k];
        expect(topicGroups).toBe(o.volume.full[t][k]);
        byGroup += topicGroups;
      }
      expect(byTopic).toBe(o.posts[k]);
      expect(byGroup).toBe(o.posts[k]);
    }
    // Topics that appear mid-run have zeros before.
    expect(o.volume.full[2].slice(0, 9).every((x) => x === 0)).toBe(true);
    expect(o.volume.full[2].length).toBe(o.time.length);
    // The hoax's first mentions are its author's group's.
    expect(o.byGroup[1][1][3]).toBeGreaterThanOrEqual(1);
  });
});

describe('sampled monitor', () => {
  it('keeps about the requested share of post ids (binomial bound)', () => {
    for (const share of [0.01, 0.1, 0.5]) {
      const n = 200_000;
      let kept = 0;
      for (let p = 0; p < n; p++) if (inSample(p, share)) kept++;
      expect(withinBinomial(kept, n, share)).toBe(true);
    }
  });

  it('keeps the same posts however the stream is cut into ticks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 12 }), (chunks) => {
        const w = makeWorld({ agents: 20, followsPerAccount: 2, monitorSample: 0.05 }, 'sample-order');
        const o = new Observer();
        let total = 0;
        for (const c of chunks) {
          for (let k = 0; k < c; k++) addPost(w, k % 20, w.now, 0);
          total += c;
          w.now += 60;
          o.observe(w, tick0);
        }
        let expected = 0;
        for (let p = 0; p < total; p++) if (inSample(p, 0.05)) expected++;
        expect(o.volume.sample[0].reduce((a, b) => a + b, 0)).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });
});

describe('rate-limited monitor', () => {
  it('never reads more than rate × elapsed hours, nor more than one tick of credit (or one post) per tick, and misses nothing below its rate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.constantFrom(1, 10, 15, 60, 240),
        fc.array(fc.nat(120), { minLength: 1, maxLength: 30 }),
        (rate, tickMinutes, perTick) => {
          const w = makeWorld({ agents: 20, followsPerAccount: 2, monitorRateLimitPerHour: rate, tickMinutes }, 'rate');
          const o = new Observer();
          let read = 0;
          let elapsed = 0;
          for (const c of perTick) {
            for (let k = 0; k < c; k++) addPost(w, k % 20, w.now, 0);
            w.now += tickMinutes;
            elapsed += tickMinutes;
            o.observe(w, tick0);
            const got = o.volume['rate-limited'][0].at(-1)!;
            expect(got).toBeLessThanOrEqual(c);
            expect(got).toBeLessThanOrEqual(Math.max(1, (rate * tickMinutes) / 60) + 1e-9);
            read += got;
            expect(read).toBeLessThanOrEqual((rate * elapsed) / 60 + 1e-9);
          }
        },
      ),
    );
    // Below the rate it sees the full stream.
    const w = makeWorld({ agents: 20, followsPerAccount: 2, monitorRateLimitPerHour: 100 }, 'rate-full');
    const o = new Observer();
    for (let t = 0; t < 5; t++) {
      for (let k = 0; k < 60 + t; k++) addPost(w, k % 20, w.now, 0);
      w.now += 60;
      o.observe(w, tick0);
    }
    expect(o.volume['rate-limited'][0]).toEqual(o.volume.full[0]);
  });

  it('a reader allowed one post every 4 hours reads one post every 4 hours (credit carries over)', () => {
    const w = makeWorld({ agents: 20, followsPerAccount: 2, monitorRateLimitPerHour: 0.25, tickMinutes: 60 }, 'rate-slow');
    const o = new Observer();
    for (let t = 0; t < 12; t++) {
      for (let k = 0; k < 10; k++) addPost(w, k, w.now, 0);
      w.now += 60;
      o.observe(w, tick0);
    }
    expect(o.volume['rate-limited'][0]).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
});

describe('weak-signal alert (EWMA burst detector)', () => {
  it('matches a hand computation', () => {
    // From silence: m = v = 0, so z = y / √1; fires at the first y ≥ max(3, z).
    const d = new BurstDetector(false);
    expect(d.update(0, 0.5, 4, 60)).toBe(0);
    expect(d.update(3, 0.5, 4, 120)).toBe(3);
    expect(d.firedAt).toBeNaN();
    // After y = 3: m = 1.5, v = 0.5·(0 + 0.5·9) = 2.25; next y = 6: z = 4.5/√(max(2.25, 1.5) + 1) = 4.5/√3.25.
    expect(d.mean).toBe(1.5);
    expect(d.variance).toBe(2.25);
    expect(d.update(6, 0.5, 4, 180)).toBeCloseTo(4.5 / Math.sqrt(3.25), 14);
    expect(d.firedAt).toBeNaN();
    // Then m = 3.75, v = 0.5·(2.25 + 0.5·4.5²) = 6.1875; y = 20: z = 16.25/√7.1875 ≈ 6.06 ≥ 4: fires.
    expect(d.mean).toBe(3.75);
    expect(d.variance).toBe(6.1875);
    expect(d.update(20, 0.5, 4, 240)).toBeCloseTo(16.25 / Math.sqrt(7.1875), 14);
    expect(d.firedAt).toBe(240);
    d.update(100, 0.5, 4, 300);
    expect(d.firedAt).toBe(240);
    // A baseline topic: the first tick sets m = y₀ and v = y₀²; nothing fires then.
    const b = new BurstDetector(true);
    expect(b.update(50, 0.1, 4, 60)).toBe(0);
    expect([b.mean, b.variance]).toEqual([50, 2500]);
    expect(b.update(100, 0.1, 4, 120)).toBeCloseTo(50 / Math.sqrt(2501), 14);
    expect(b.firedAt).toBeNaN();
  });

  it('a burst of fewer than 3 posts never fires, however unusual', () => {
    const d = new BurstDetector(false);
    for (let k = 0; k < 10; k++) d.update(0, 0.1, 0.5, k);
    d.update(2, 0.1, 0.5, 10);
    expect(d.firedAt).toBeNaN();
  });

  const hoax = (at: number) => ({ at, type: 'inject' as const, name: 'hoax', author: { pick: 'most-followed' as const }, stance: 0.5, topic: 'hoax', appeal: 10 });
  const seeds = ['s1', 's2', 's3', 's4', 's5'];

  it('fires on an injected viral hoax, after the injection, on the full stream and the rate-limited reader', () => {
    for (const seed of seeds) {
      const p = createPlatform({ agents: 2000, durationHours: 36 }, { seed: `alert-${seed}`, timeline: [hoax(20)] });
      p.run();
      const t = p.world.topics.indexOf('hoax');
      const fired = p.observer.alertTime(t);
      expect(fired).toBeGreaterThan(20 * 60);
      expect(fired).toBeLessThanOrEqual(24 * 60);
      expect(p.observer.alertTime(t, 'rate-limited')).toBeGreaterThan(20 * 60);
    }
  });

  it('does not fire in a steady state of the same length (no injection, several seeds, with and without the daily rhythm)', () => {
    for (const seed of seeds) {
      for (const dailyRhythm of [true, false]) {
        const p = createPlatform({ agents: 2000, durationHours: 36, dailyRhythm }, { seed: `alert-${seed}`, topics: ['hoax'] });
        p.run();
        for (let t = 0; t < p.world.topics.length; t++) {
          for (const m of ['full', 'sample', 'rate-limited'] as const) expect(p.observer.alertTime(t, m)).toBeNaN();
        }
        // With a margin: the steady general topic stays well below the threshold of 4.
        expect(Math.max(...p.observer.zScore.full[0])).toBeLessThan(3.5);
      }
    }
  });
});

describe('perception summary', () => {
  it('matches a hand computation on a small world', () => {
    const w = makeWorld({ agents: 6, followsPerAccount: 1 }, 'perception');
    const a = w.agents;
    const opinions = [0.5, 0.2, -0.3, -0.6, -0.1, 1];
    const right = [3, 0, 2, 1, 4, 9];
    const left = [1, 0, 2, 3, 0, 0];
    for (let i = 0; i < 6; i++) {
      a.opinion[i] = opinions[i];
      a.seenRight[i] = right[i];
      a.seenLeft[i] = left[i];
      a.bot[i] = i === 5 ? 1 : 0;
    }
    // Humans 0..4: right-leaning 0 and 1, so the true right share is 2/5 (right is the minority).
    // Perceived right shares (account 1 has seen nothing): 0.75, 0.5, 0.25, 1 → mean 0.625.
    // False consensus: 0.75 − 0.4; (1 − 0.5) − 0.6; (1 − 0.25) − 0.6; (1 − 1) − 0.6 → mean −0.05.
    // Majority illusion: accounts that see the minority (right) as more than half: 0 and 4 → 2/4.
    const s = perceptionSummary(w);
    expect(s.trueShareRight).toBe(0.4);
    expect(s.perceivedShareRight).toBeCloseTo(0.625, 12);
    expect(s.falseConsensus).toBeCloseTo(-0.05, 12);
    expect(s.majorityIllusion).toBe(0.5);
    // An exact tie has no minority, so no illusion: humans 0 and 1 right, 2 and 3 left (4 becomes a bot).
    a.opinion[1] = 0.2;
    a.bot[4] = 1;
    const tie = perceptionSummary(w);
    expect(tie.trueShareRight).toBe(0.5);
    expect(tie.majorityIllusion).toBe(0);
  });

  it('the perceived share of each account equals the right/left counts of what its feeds showed', () => {
    const sessions = new Map<number, { time: number; right: number; left: number; r: number; l: number }>();
    const p = createPlatform({ agents: 500, durationHours: 12, activityPerHour: 0.5, ranker: 'similarity' }, {
      seed: 'perception-exposures',
      hooks: {
        onExpose(reader, post, time) {
          let s = sessions.get(reader);
          if (!s) {
            s = { time, right: 0, left: 0, r: 0, l: 0 };
            sessions.set(reader, s);
          }
          if (s.time !== time) {
            // A new session: fold the last one in with the platform's decay (empty sessions scale both sides alike).
            s.right = s.right * PERCEPTION_DECAY + s.r;
            s.left = s.left * PERCEPTION_DECAY + s.l;
            s.r = 0;
            s.l = 0;
            s.time = time;
          }
          const stance = p.world.posts.stanceOf(post);
          if (stance > 0) s.r++;
          else if (stance < 0) s.l++;
        },
      },
    });
    p.run();
    const a = p.world.agents;
    let sum = 0;
    let count = 0;
    for (const [reader, s] of sessions) {
      const right = s.right * PERCEPTION_DECAY + s.r;
      const left = s.left * PERCEPTION_DECAY + s.l;
      if (a.bot[reader] !== 0 || right + left === 0) continue;
      const mine = right / (right + left);
      const platform = a.seenRight[reader] / (a.seenRight[reader] + a.seenLeft[reader]);
      expect(platform).toBeCloseTo(mine, 5);
      sum += mine;
      count++;
    }
    expect(count).toBeGreaterThan(300);
    expect(p.observer.perception.at(-1)!.perceivedShareRight).toBeCloseTo(sum / count, 5);
  });
});
