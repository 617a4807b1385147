/**
 * The claim stream (`claimsPerHour` and the `claim*` parameters,
 * src/sim/platform/claim-stream.ts): Poisson arrivals posted at the start of
 * their tick, authors drawn ∝ (followers + 1)^bias among the humans who may
 * post, appeal log-normal around its median, veracity by share, and nothing
 * at all when the rate is 0 (the default).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { log } from '../../src/model/det-math.js';
import { Rng } from '../../src/model/rng.js';
import { CLAIM_TOPIC, pickByCumulative, shiftShare } from '../../src/sim/platform/claim-stream.js';
import { engagementOdds, novelty } from '../../src/sim/platform/engagement-model.js';
import { createPlatform, KIND_ORIGINAL, type Platform } from '../../src/sim/platform/platform.js';
import { FALSE_CLAIM, TRUE_CLAIM } from '../../src/sim/platform/post-store.js';
import { addPost, chiSquare, followGraph, makeWorld } from './strategies/fixtures.js';

/** A platform where nobody has sessions: only the stream posts. */
function quiet(params: Record<string, unknown>, seed = 'claims', hooks = {}): Platform {
  return createPlatform({ agents: 300, activityPerHour: 0, ...params }, { seed, hooks });
}

describe('claim stream', () => {
  it('is off by default: no claim, no topic, no draw', () => {
    const p = createPlatform({ agents: 300, durationHours: 12 }, { seed: 'claims' }).run();
    expect(p.claims).toEqual([]);
    expect(p.world.topics).not.toContain(CLAIM_TOPIC);
    expect(Array.from(p.world.streams.claims.alea)).toEqual(Array.from(new Rng('claims').fork('claims').alea));
  });

  it('posts a Poisson number of claims per tick: mean and variance λ·tick', () => {
    const lambda = 1.5;
    const p = quiet({ claimsPerHour: lambda, tickMinutes: 60, durationHours: 2000 }).run();
    const perTick = new Array<number>(2000).fill(0);
    for (const c of p.claims) perTick[Math.round(p.world.posts.timeOf(c) / 60)]++;
    const mean = perTick.reduce((a, b) => a + b, 0) / perTick.length;
    const variance = perTick.reduce((a, b) => a + (b - mean) ** 2, 0) / (perTick.length - 1);
    // Standard errors at λ = 1.5 over 2000 ticks: mean ≈ 0.027, variance ≈ 0.06.
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / 2000));
    expect(Math.abs(variance - lambda)).toBeLessThan(0.3);
    // Poisson, not ⌊λ⌋ + Bernoulli: ticks with 0 and with ≥ 3 claims both occur.
    expect(perTick.filter((k) => k === 0).length).toBeGreaterThan(300);
    expect(perTick.filter((k) => k >= 3).length).toBeGreaterThan(300);
  });

  it('each claim is an original on the "claims" topic, posted at a tick start by a human who may post, with the given appeal and veracity', () => {
    for (const falseShare of [0, 1]) {
      const p = quiet({ claimsPerHour: 4, tickMinutes: 30, durationHours: 48, claimAppeal: 2.5, claimAppealSpread: 0, claimFalseShare: falseShare, botShare: 0.2 });
      const muted = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
      for (const i of muted) p.world.agents.muted[i] = 1;
      p.run();
      expect(p.claims.length).toBeGreaterThan(100);
      const s = p.world.posts;
      const topic = p.world.topics.indexOf(CLAIM_TOPIC);
      for (const c of p.claims) {
        expect(s.kindOf(c)).toBe(KIND_ORIGINAL);
        expect(s.topic[c]).toBe(topic);
        expect(s.timeOf(c) % 30).toBe(0);
        expect(Math.fround(2.5)).toBe(s.appealOf(c));
        expect(s.veracityOf(c)).toBe(falseShare === 1 ? FALSE_CLAIM : TRUE_CLAIM);
        const author = s.authorOf(c);
        expect(p.world.agents.bot[author]).toBe(0);
        expect(muted).not.toContain(author);
      }
    }
  });

  it('draws authors with probability ∝ (followers + 1)^bias', () => {
    // Accounts 0..3 with 0, 1, 3 and 7 followers (among accounts 4..11).
    const pairs: Array<[number, number]> = [[4, 1], [4, 2], [5, 2], [6, 2], [4, 3], [5, 3], [6, 3], [7, 3], [8, 3], [9, 3], [10, 3]];
    const graph = followGraph(12, pairs);
    for (const bias of [0, 1, 2]) {
      const p = createPlatform({ network: 'given', agents: 12, followsPerAccount: 1, activityPerHour: 0, claimsPerHour: 20, durationHours: 200, claimAuthorBias: bias }, { seed: `bias-${bias}`, graph }).run();
      const counts = new Array<number>(12).fill(0);
      for (const c of p.claims) counts[p.world.posts.authorOf(c)]++;
      const weights = Array.from({ length: 12 }, (_, i) => (p.graph.inDegree(i) + 1) ** bias);
      const total = weights.reduce((a, b) => a + b, 0);
      // 11 degrees of freedom: the 0.1 % critical value of χ² is 31.3.
      expect(chiSquare(counts, weights.map((w) => w / total))).toBeLessThan(31.3);
    }
  });

  it('pickByCumulative picks the index whose cumulative interval holds x, never a zero weight', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true })), { minLength: 1, maxLength: 30 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (weights, u) => {
        const cumulative = new Float64Array(weights.length);
        let total = 0;
        weights.forEach((w, i) => (cumulative[i] = total += w));
        fc.pre(total > 0);
        const x = u * total;
        const k = pickByCumulative(cumulative, x);
        expect(weights[k]).toBeGreaterThan(0);
        expect(cumulative[k]).toBeGreaterThan(x);
        if (k > 0) expect(cumulative[k - 1]).toBeLessThanOrEqual(x);
      }),
      { numRuns: 200 },
    );
  });

  it('appeal is log-normal with median claimAppeal: log appeal has mean log(median) and SD σ', () => {
    const p = quiet({ claimsPerHour: 20, durationHours: 200, claimAppeal: 3, claimAppealSpread: 0.8 }).run();
    const logs = p.claims.map((c) => log(p.world.posts.appealOf(c)));
    const n = logs.length;
    const mean = logs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(n).toBeGreaterThan(3500);
    expect(Math.abs(mean - log(3))).toBeLessThan(5 * (0.8 / Math.sqrt(n)));
    expect(Math.abs(sd - 0.8)).toBeLessThan(0.05);
  });

  it('a claim\'s novelty half-life factor is log-normal with SD σ, carried by its reshares', () => {
    const p = quiet({ claimsPerHour: 20, durationHours: 200, claimNoveltySpread: 1.2 }).run();
    const logs = p.claims.map((c) => (p.world.posts.noveltyStepsOf(c) * Math.LN2) / 16);
    const n = logs.length;
    const mean = logs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean)).toBeLessThan(5 * (1.2 / Math.sqrt(n)));
    // Rounding to 1/16 of a doubling adds a variance of (ln 2 / 16)²/12: negligible here.
    expect(Math.abs(sd - 1.2)).toBeLessThan(0.06);
    const off = quiet({ claimsPerHour: 20, durationHours: 20 }).run();
    expect(off.claims.every((c) => off.world.posts.noveltyStepsOf(c) === 0)).toBe(true);
  });

  it('engagement odds use a post\'s own half-life: h × 2^(k/16) for novelty steps k', () => {
    const w = makeWorld({ agents: 50, noveltyHalfLifeHours: 3, reshareProbability: 0.4, likeProbability: 0.5, replyProbability: 0.1 });
    const plain = addPost(w, 1, 0, 0.2);
    const slow = addPost(w, 2, 0, 0.2);
    w.posts.setNoveltySteps(slow, 24);
    w.now = 200;
    const a = engagementOdds(w, 3, plain, { like: 0, reshare: 0, reply: 0, report: 0 });
    const b = engagementOdds(w, 3, slow, { like: 0, reshare: 0, reply: 0, report: 0 });
    // Same author side, stance and age: the odds differ by the novelty factor only.
    const ratio = novelty(200, 3 * 60 * 2 ** 1.5) / novelty(200, 3 * 60);
    expect(b.reshare / a.reshare).toBeCloseTo(ratio, 12);
    expect(b.like / a.like).toBeCloseTo(ratio, 12);
    expect(b.reply / a.reply).toBeCloseTo(ratio, 12);
    expect(b.report).toBe(a.report);
  });

  it('shiftShare moves a share by `shift` on the logit scale and keeps 0 and 1', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (r, s) => {
        const q = shiftShare(r, s);
        expect(q).toBeGreaterThan(0);
        expect(q).toBeLessThan(1);
        expect(Math.log(q / (1 - q))).toBeCloseTo(Math.log(r / (1 - r)) + s, 9);
        expect(shiftShare(1 - r, -s)).toBeCloseTo(1 - q, 12);
      }),
      { numRuns: 200 },
    );
    expect(shiftShare(0.3, 0)).toBe(0.3);
    expect(shiftShare(0, 3)).toBe(0);
    expect(shiftShare(1, -3)).toBe(1);
  });
});
