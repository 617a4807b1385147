import { describe, expect, it } from 'vitest';
import { exp } from '../../src/model/det-math.js';
import { chooseOutlet, outletCatalogue, outletOf, sourceFactor } from '../../src/sim/platform/outlets.js';
import { createPlatform } from '../../src/sim/platform/platform.js';
import { FALSE_CLAIM, KIND_ORIGINAL, KIND_REPLY, KIND_RESHARE } from '../../src/sim/platform/post-store.js';
import { explainRanking, rankers } from '../../src/sim/platform/rankers.js';

const BASE = { agents: 400, durationHours: 8, activityPerHour: 1, feedSize: 10, ranker: 'engagement' };

describe('outlet catalogue and choice', () => {
  it('four outlets, u = 0.8: leans and reliabilities by hand', () => {
    const c = outletCatalogue(4, 0.8);
    expect(Array.from(c.lean)).toEqual([-0.75, -0.25, 0.25, 0.75]);
    expect(Array.from(c.reliability).map((r) => Math.round(r * 1e12) / 1e12)).toEqual([0.4, 0.8, 0.8, 0.4]);
    expect(Array.from(outletCatalogue(1, 1).reliability)).toEqual([1]);
  });

  it('choice by cumulative weight, by hand', () => {
    // Leans −0.5 and 0.5, author at 0.5, τ = 1: weights e^(−1) and 1.
    const c = outletCatalogue(2, 1); // reliabilities 0.5 and 0.5
    const w0 = exp(-1);
    expect(chooseOutlet(c, 0.5, false, 1, 0.2)).toBe(0); // 0.2 (1 + e⁻¹) = 0.27 < e⁻¹ = 0.37
    expect(chooseOutlet(c, 0.5, false, 1, 0.3)).toBe(1); // 0.3 (1 + e⁻¹) = 0.41 > 0.37
    expect(chooseOutlet(c, 0.5, false, 1, w0 / (1 + w0) - 1e-12)).toBe(0);
    // A false claim weighs by 1 − r: three outlets, reliabilities 1 − 0.9·(2/3), 1, 1 − 0.9·(2/3); the centre one is never chosen.
    const three = outletCatalogue(3, 0.9);
    for (const u of [0, 0.25, 0.5, 0.75, 0.999]) expect(chooseOutlet(three, 0, true, 1, u)).not.toBe(1);
    // All outlets fully reliable: a false claim falls back on nearness.
    expect(chooseOutlet(outletCatalogue(1, 0), 0, true, 1, 0.5)).toBe(0);
  });
});

describe('outlets on the platform', () => {
  it('originals link with the given share, reshares link where their parent does, replies nowhere', () => {
    const p = createPlatform({ ...BASE, outlets: 5, outletLinkShare: 0.5, replyProbability: 0.05 }, { seed: 'outlets-1' }).run();
    const posts = p.world.posts;
    let originals = 0;
    let linked = 0;
    let reshares = 0;
    let replies = 0;
    for (let q = 0; q < posts.count; q++) {
      const k = outletOf(p.world, q);
      expect(k).toBeGreaterThanOrEqual(-1);
      expect(k).toBeLessThan(5);
      if (posts.kindOf(q) === KIND_ORIGINAL) {
        originals++;
        linked += Number(k >= 0);
      } else if (posts.kindOf(q) === KIND_RESHARE) {
        reshares++;
        expect(k).toBe(outletOf(p.world, posts.parent[q]));
      } else if (posts.kindOf(q) === KIND_REPLY) {
        replies++;
        expect(k).toBe(-1);
      }
    }
    expect(originals).toBeGreaterThan(200);
    expect(reshares + replies).toBeGreaterThan(0);
    // Binomial(originals, 1/2): 5 SD either side.
    expect(Math.abs(linked - originals / 2)).toBeLessThan(5 * Math.sqrt(originals / 4));
  });

  it('false claims link mostly to low-reliability outlets', () => {
    const p = createPlatform({ ...BASE, outlets: 5, outletLinkShare: 1, claimsPerHour: 60, claimFalseShare: 0.5 }, { seed: 'outlets-2' }).run();
    const posts = p.world.posts;
    const rel = p.world.outlets.reliability;
    const mean = { false: [0, 0], other: [0, 0] };
    for (let q = 0; q < posts.count; q++) {
      if (posts.kindOf(q) !== KIND_ORIGINAL) continue;
      const m = posts.veracityOf(q) === FALSE_CLAIM ? mean.false : mean.other;
      m[0] += rel[outletOf(p.world, q)];
      m[1]++;
    }
    expect(mean.false[1]).toBeGreaterThan(100);
    // Reliabilities are 0.36, 0.68, 1, 0.68, 0.36: the centre outlet never gets a false claim.
    expect(mean.false[0] / mean.false[1]).toBeLessThan(0.6);
    expect(mean.other[0] / mean.other[1]).toBeGreaterThan(0.6);
  });

  it('explanations give the source factor 1 − β(1 − r) and the score the feed sorts by', () => {
    const p = createPlatform({ ...BASE, outlets: 4, outletLinkShare: 1, sourceDownranking: 0.5 }, { seed: 'outlets-3' }).run();
    const w = p.world;
    let checked = 0;
    for (let q = 0; q < w.posts.count && checked < 50; q++) {
      const k = outletOf(w, q);
      if (k < 0) continue;
      const r = [0.4, 0.8, 0.8, 0.4][k];
      const x = explainRanking(w, 0, q);
      expect(x.source).toBeCloseTo(1 - 0.5 * (1 - r), 12);
      expect(sourceFactor(w, q)).toBe(x.source);
      expect(x.score).toBe(rankers.engagement.score(w, 0, q) * x.source * x.moderation);
      checked++;
    }
    expect(checked).toBe(50);
  });

  it('downranking over fully reliable outlets changes nothing; over unreliable ones it shows linked posts less', () => {
    const run = (extra: Record<string, unknown>) => {
      // A feed of 3 among many candidates: the ranking decides what is shown.
      const p = createPlatform({ ...BASE, feedSize: 3, followsPerAccount: 40, outlets: 2, outletLinkShare: 0.5, ...extra }, { seed: 'outlets-4' });
      const log = p.recordExposure({ groups: 2, groupOf: (q) => (p.world.posts.source[q] > 0 ? 0 : 1) });
      p.run();
      const linked = log.totals(0).impressions;
      return { linkedShare: linked / (linked + log.totals(1).impressions), opinions: Array.from(p.world.agents.opinion), posts: p.world.posts.count };
    };
    const reliable = { outletFringeUnreliability: 0 };
    expect(run({ ...reliable, sourceDownranking: 1 })).toEqual(run({ ...reliable, sourceDownranking: 0 }));
    const unreliable = { outletFringeUnreliability: 1 };
    const off = run({ ...unreliable, sourceDownranking: 0 }).linkedShare;
    const on = run({ ...unreliable, sourceDownranking: 1 }).linkedShare;
    // Both outlets have reliability 1/2, so β = 1 halves a linked post's score.
    expect(off).toBeGreaterThan(0.3);
    expect(on).toBeLessThan(off - 0.05);
  });

  it('bad parameters name the field', () => {
    expect(() => createPlatform({ outlets: 1.5 }, { seed: 'x' })).toThrow(/`outlets`/);
    expect(() => createPlatform({ sourceDownranking: 2 }, { seed: 'x' })).toThrow(/`sourceDownranking`/);
    expect(() => createPlatform({ outletLeanScale: 0 }, { seed: 'x' })).toThrow(/`outletLeanScale`/);
  });
});
