/**
 * Feed rankers: every explanation reproduces the feed's score bit for bit;
 * the engagement ranker carries the March 2023 heavy-ranker weights and
 * matches a hand computation; each ranker orders posts as its definition
 * says; the random ranker is reproducible and uniform; downranking
 * multiplies the score.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedBuffer, buildFeed } from '../../../src/sim/platform/feed.js';
import { createPlatform } from '../../../src/sim/platform/platform.js';
import { RANKER_NAMES } from '../../../src/sim/platform/platform-params.js';
import { FALSE_CLAIM, FLAG_DOWNRANKED, FLAG_LABELLED, NOT_A_CLAIM, SLOT_ENGAGED_LEFT, SLOT_ENGAGED_RIGHT, SLOT_LIKES, SLOT_REPLIES, SLOT_RESHARES, TRUE_CLAIM } from '../../../src/sim/platform/post-store.js';
import { HEAVY_RANKER_HEADS, HEAVY_RANKER_WEIGHTS, explainRanking, feedScore, hashUniform, rankers } from '../../../src/sim/platform/rankers.js';
import type { World } from '../../../src/sim/platform/world.js';
import { addPost, chiSquare, followGraph, makeWorld } from './fixtures.js';

/** The explanation's rule, computed independently: max(0, Σ or Π of the terms) × moderation. */
function fromTerms(e: ReturnType<typeof explainRanking>, downranked: boolean, factor: number): number {
  const combined = e.combine === 'sum' ? e.terms.reduce((s, t) => s + t.value, 0) : e.terms.reduce((s, t) => s * t.value, 1);
  return Math.max(0, combined) * (downranked ? factor : 1);
}

const postArb = fc.record({
  author: fc.integer({ min: 0, max: 9 }),
  age: fc.double({ min: 0, max: 5000, noNaN: true }),
  stance: fc.double({ min: -1, max: 1, noNaN: true }),
  veracity: fc.constantFrom(NOT_A_CLAIM, TRUE_CLAIM, FALSE_CLAIM),
  likes: fc.nat(500),
  reshares: fc.nat(500),
  replies: fc.nat(500),
  left: fc.nat(200),
  right: fc.nat(200),
  appeal: fc.double({ min: 0, max: 20, noNaN: true }),
  flags: fc.constantFrom(0, FLAG_DOWNRANKED, FLAG_LABELLED, FLAG_DOWNRANKED | FLAG_LABELLED),
});

const worldArb = fc.record({
  similarityGamma: fc.double({ min: 0, max: 10, noNaN: true }),
  noveltyHalfLifeHours: fc.double({ min: 0.1, max: 100, noNaN: true }),
  downrankFactor: fc.double({ min: 0, max: 1, noNaN: true }),
  labelReshareFactor: fc.double({ min: 0, max: 1, noNaN: true }),
  likeProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  reshareProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  replyProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  reportProbability: fc.double({ min: 0, max: 1, noNaN: true }),
});

function worldWith(params: Record<string, unknown>, posts: readonly PostSpec[], now: number): World {
  const w = makeWorld({ ...params, agents: 10 }, 'rankers', followGraph(10, [[0, 1], [1, 2], [2, 0]]));
  w.now = now;
  for (const p of posts) {
    const id = addPost(w, p.author, now - p.age, p.stance, p.veracity);
    w.posts.setCount(id, SLOT_LIKES, p.likes);
    w.posts.setCount(id, SLOT_RESHARES, p.reshares);
    w.posts.setCount(id, SLOT_REPLIES, p.replies);
    w.posts.setCount(id, SLOT_ENGAGED_LEFT, p.left);
    w.posts.setCount(id, SLOT_ENGAGED_RIGHT, p.right);
    w.posts.setAppeal(id, p.appeal);
    w.posts.setFlags(id, p.flags);
  }
  return w;
}

interface PostSpec {
  author: number;
  age: number;
  stance: number;
  veracity: number;
  likes: number;
  reshares: number;
  replies: number;
  left: number;
  right: number;
  appeal: number;
  flags: number;
}

describe('rankers: explanations reproduce scores', () => {
  it('for every ranker, score = max(0, Σ or Π of the terms) × moderation, bit for bit, and equals the feed score', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.array(postArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 9 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(50),
        (params, posts, reader, opinion, credulity, sessions) => {
          const w = worldWith(params, posts, 10_000);
          w.agents.opinion[reader] = opinion;
          w.agents.credulity[reader] = credulity;
          w.agents.sessions[reader] = sessions;
          for (const name of RANKER_NAMES) {
            for (let p = 0; p < w.posts.count; p++) {
              const e = explainRanking(w, reader, p, name);
              const down = (w.posts.flagsOf(p) & FLAG_DOWNRANKED) !== 0;
              expect(e.ranker).toBe(name);
              expect(e.moderation).toBe(down ? params.downrankFactor : 1);
              expect(e.score).toBe(fromTerms(e, down, params.downrankFactor));
              expect(e.score).toBe(feedScore(w, rankers[name], reader, p));
              expect(e.score).toBeGreaterThanOrEqual(0);
              expect(Number.isFinite(e.score)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the feed of a running platform is sorted by the explained scores, for every ranker', () => {
    for (const ranker of RANKER_NAMES) {
      const p = createPlatform({ agents: 300, durationHours: 6, ranker, activityPerHour: 0.5, followsPerAccount: 10 }, { seed: `feed-${ranker}` });
      p.run();
      const buf = new FeedBuffer();
      let checked = 0;
      for (let reader = 0; reader < 300 && checked < 200; reader += 7) {
        p.world.agents.lastSeenPost[reader] = -1;
        const size = buildFeed(p.world, reader, buf);
        for (let k = 0; k < size; k++) {
          const e = p.explain(reader, buf.items[k]);
          expect(buf.itemScores[k]).toBe(e.score);
          if (k > 0) expect(buf.itemScores[k - 1]).toBeGreaterThanOrEqual(buf.itemScores[k]);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
    }
  });

  it('explaining with an unknown ranker or post names the field and the allowed values', () => {
    const w = worldWith({}, [], 0);
    addPost(w, 1, 0, 0.2);
    expect(() => explainRanking(w, 0, 0, 'popularity')).toThrow(/`ranker` \("popularity"\).*"chronological", "engagement", "similarity", "bridging", "random"/);
    expect(() => explainRanking(w, 0, 5)).toThrow(/`post` \(5\).*\[0, 0\]/);
    expect(() => explainRanking(w, 42, 0)).toThrow(/`reader` \(42\)/);
  });
});

describe('engagement ranker: the March 2023 heavy ranker', () => {
  it('uses exactly the published weights', () => {
    expect({ ...HEAVY_RANKER_WEIGHTS }).toEqual({
      like: 0.5,
      retweet: 1,
      reply: 27,
      replyEngagedByAuthor: 75,
      goodProfileClick: 12,
      goodClick: 11,
      negativeFeedback: -74,
      report: -369,
    });
    const w = worldWith({}, [], 100);
    addPost(w, 1, 50, 0.3);
    const e = explainRanking(w, 0, 0, 'engagement');
    expect(e.terms.map((t) => t.term)).toEqual([...HEAVY_RANKER_HEADS]);
    expect(e.combine).toBe('sum');
  });

  it('matches a hand computation for a fresh, fully agreeing post', () => {
    // Defaults: p_like 0.2, p_reshare 0.05, p_reply 0.02, p_report 0.01; agreement a = 1, novelty ν = 1, social proof π = 1.
    // like 0.5·0.2 = 0.1; retweet 1·0.05; reply 27·0.02·(1.5 − 1) = 0.27; author reply 75·0.01·0.1 = 0.075;
    // profile click 12·0.02 = 0.24; good click 11·0.05 = 0.55; negative feedback −74·0 = 0; report −369·0 = 0.
    const w = worldWith({}, [], 600);
    w.agents.opinion[0] = 0.5;
    const p = addPost(w, 1, 600, 0.5);
    const e = explainRanking(w, 0, p, 'engagement');
    const byName = Object.fromEntries(e.terms.map((t) => [t.term, t.value]));
    expect(byName.like).toBeCloseTo(0.1, 12);
    expect(byName.retweet).toBeCloseTo(0.05, 12);
    expect(byName.reply).toBeCloseTo(0.27, 12);
    expect(byName.replyEngagedByAuthor).toBeCloseTo(0.075, 12);
    expect(byName.goodProfileClick).toBeCloseTo(0.24, 12);
    expect(byName.goodClick).toBeCloseTo(0.55, 12);
    expect(byName.negativeFeedback).toBe(-0);
    expect(byName.report).toBe(-0);
    expect(e.score).toBeCloseTo(1.285, 12);
  });

  it('floors a negative total at 0 (a false claim the reader fully disagrees with)', () => {
    // a = 0, ν = 1: reply 27·0.02·1.5 = 0.81, author reply 75·0.003 = 0.225, good click 0.55,
    // negative feedback −74·0.05 = −3.7, report −369·min(1, 0.01·10) = −36.9: total < 0.
    const w = worldWith({}, [], 0);
    w.agents.opinion[0] = -1;
    const p = addPost(w, 1, 0, 1, FALSE_CLAIM);
    const e = explainRanking(w, 0, p, 'engagement');
    expect(e.combined).toBeLessThan(-30);
    expect(e.score).toBe(0);
  });

  it('social proof raises the predicted like, retweet and reply terms', () => {
    const w = worldWith({}, [], 100);
    w.agents.opinion[0] = 0.5;
    const a = addPost(w, 1, 100, 0.5);
    const b = addPost(w, 2, 100, 0.5);
    w.posts.setCount(b, SLOT_LIKES, 50);
    const ea = explainRanking(w, 0, a, 'engagement');
    const eb = explainRanking(w, 0, b, 'engagement');
    expect(eb.score).toBeGreaterThan(ea.score);
    // π = 1 + ln(51)/5 multiplies the like term exactly.
    expect(eb.terms[0].value / ea.terms[0].value).toBeCloseTo(1 + Math.log(51) / 5, 10);
  });
});

describe('orders', () => {
  it('chronological: newest first', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 2, maxLength: 8 }), fc.double({ min: 0.1, max: 720, noNaN: true }), (times, h) => {
        const now = 100_000;
        const w = worldWith({ noveltyHalfLifeHours: h }, [], now);
        const ids = times.map((t, k) => addPost(w, (k % 9) + 1, t, 0));
        const byScore = [...ids].sort((a, b) => explainRanking(w, 0, b, 'chronological').score - explainRanking(w, 0, a, 'chronological').score);
        const byTime = [...ids].sort((a, b) => w.posts.timeOf(b) - w.posts.timeOf(a));
        expect(byScore).toEqual(byTime);
      }),
    );
  });

  it('similarity with γ = 0 orders by recency only, whatever the stances', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (times, stances, opinion) => {
          const w = worldWith({ similarityGamma: 0 }, [], 10_000);
          w.agents.opinion[0] = opinion;
          const ids = times.map((t, k) => addPost(w, (k % 9) + 1, t, stances[k]));
          for (const p of ids) expect(explainRanking(w, 0, p, 'similarity').score).toBe(explainRanking(w, 0, p, 'chronological').score);
        },
      ),
    );
  });

  it('similarity with γ > 0 prefers the closer stance at equal age', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 10, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (gamma, opinion, s1, s2) => {
          const w = worldWith({ similarityGamma: gamma }, [], 500);
          w.agents.opinion[0] = opinion;
          const a = addPost(w, 1, 200, s1);
          const b = addPost(w, 2, 200, s2);
          const da = Math.max(Math.abs(opinion - w.posts.stanceOf(a)), 1e-5);
          const db = Math.max(Math.abs(opinion - w.posts.stanceOf(b)), 1e-5);
          fc.pre(Math.abs(da - db) > 1e-3);
          const sa = explainRanking(w, 0, a, 'similarity').score;
          const sb = explainRanking(w, 0, b, 'similarity').score;
          expect(sa > sb).toBe(da < db);
        },
      ),
    );
  });

  it('bridging prefers, at equal age and equal engagement, the post engaged by both sides', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(500), fc.nat(500), (total, l1, l2) => {
        const [la, lb] = [l1 % (total + 1), l2 % (total + 1)];
        const w = worldWith({}, [], 500);
        const a = addPost(w, 1, 100, 0);
        const b = addPost(w, 2, 100, 0);
        w.posts.setCount(a, SLOT_ENGAGED_LEFT, la);
        w.posts.setCount(a, SLOT_ENGAGED_RIGHT, total - la);
        w.posts.setCount(b, SLOT_ENGAGED_LEFT, lb);
        w.posts.setCount(b, SLOT_ENGAGED_RIGHT, total - lb);
        const ma = Math.min(la, total - la);
        const mb = Math.min(lb, total - lb);
        const sa = explainRanking(w, 0, a, 'bridging').score;
        const sb = explainRanking(w, 0, b, 'bridging').score;
        if (ma > mb) expect(sa).toBeGreaterThan(sb);
        else if (ma < mb) expect(sa).toBeLessThan(sb);
        else expect(sa).toBe(sb);
      }),
    );
    // One-sided engagement is no better than none: b = 0 either way.
    const w = worldWith({}, [], 500);
    const a = addPost(w, 1, 100, 0);
    const b = addPost(w, 2, 100, 0);
    w.posts.setCount(b, SLOT_ENGAGED_RIGHT, 40);
    expect(explainRanking(w, 0, a, 'bridging').score).toBe(explainRanking(w, 0, b, 'bridging').score);
  });

  it('downranking multiplies the score of every ranker by downrankFactor', () => {
    const w = worldWith({ downrankFactor: 0.2 }, [], 1000);
    w.agents.opinion[0] = 0.4;
    const p = addPost(w, 1, 700, 0.5);
    w.posts.setCount(p, SLOT_ENGAGED_LEFT, 3);
    w.posts.setCount(p, SLOT_ENGAGED_RIGHT, 2);
    for (const name of RANKER_NAMES) {
      const before = explainRanking(w, 0, p, name).score;
      w.posts.addFlags(p, FLAG_DOWNRANKED);
      const after = explainRanking(w, 0, p, name);
      w.posts.setFlags(p, 0);
      expect(before).toBeGreaterThan(0);
      expect(after.moderation).toBe(0.2);
      expect(after.score).toBe(before * 0.2);
    }
  });
});

describe('random ranker', () => {
  it('is reproducible: the same reader, post and session give the same value; a new session redraws', () => {
    const w = worldWith({}, [], 100);
    for (let k = 0; k < 20; k++) addPost(w, 1 + (k % 9), k, 0);
    const first = Array.from({ length: 20 }, (_, p) => explainRanking(w, 3, p, 'random').score);
    const again = Array.from({ length: 20 }, (_, p) => explainRanking(w, 3, p, 'random').score);
    expect(again).toEqual(first);
    w.agents.sessions[3]++;
    const next = Array.from({ length: 20 }, (_, p) => explainRanking(w, 3, p, 'random').score);
    expect(next.filter((x, k) => x === first[k]).length).toBeLessThan(2);
  });

  it('is uniform on [0, 1): χ² over 20 bins along posts, readers and sessions', () => {
    const bins = 20;
    const expected = new Array(bins).fill(1 / bins);
    // χ² with 19 degrees of freedom: the 0.9999 quantile is 50.8.
    const draws: Array<(k: number) => number> = [(k) => hashUniform(7, k, 3), (k) => hashUniform(k, 12345, 0), (k) => hashUniform(5, 99, k), (k) => hashUniform(k, k, k)];
    for (const draw of draws) {
      const counts = new Array(bins).fill(0);
      let outside = 0;
      for (let k = 0; k < 40_000; k++) {
        const u = draw(k);
        if (!(u >= 0 && u < 1)) outside++;
        else counts[Math.floor(u * bins)]++;
      }
      expect(outside).toBe(0);
      expect(chiSquare(counts, expected)).toBeLessThan(50.8);
    }
  });

  it('consecutive posts are not correlated (lag-1 serial correlation near 0)', () => {
    const n = 40_000;
    let sxy = 0;
    let sx = 0;
    let sxx = 0;
    let prev = hashUniform(11, 0, 2);
    for (let k = 1; k <= n; k++) {
      const u = hashUniform(11, k, 2);
      sxy += prev * u;
      sx += u;
      sxx += u * u;
      prev = u;
    }
    const mean = sx / n;
    const r = (sxy / n - mean * mean) / (sxx / n - mean * mean);
    // Standard error 1/√n = 0.005.
    expect(Math.abs(r)).toBeLessThan(0.025);
  });
});
