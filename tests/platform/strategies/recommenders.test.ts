/**
 * Who-to-follow recommenders: never the reader, an account it follows or a
 * suspended one; popularity proposes in proportion to followers even when
 * out-degrees differ; friend-of-friend stays within followees of followees
 * when there are any; similarity proposes closer opinions than random.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECOMMENDER_NAMES } from '../../../src/sim/platform/platform-params.js';
import { followerTable, recommenders } from '../../../src/sim/platform/recommenders.js';
import { arbitraryFollowPairs, chiSquare, followGraph, makeWorld, withinBinomial } from './fixtures.js';

describe('recommenders: what is never proposed', () => {
  it('never the reader, an account it already follows, or a suspended account (all recommenders, random graphs)', () => {
    fc.assert(
      fc.property(arbitraryFollowPairs(25), fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }), fc.nat(24), (g, suspended, r) => {
        const w = makeWorld({}, 'rec-never', followGraph(g.n, g.pairs));
        for (let i = 0; i < g.n; i++) w.agents.suspended[i] = suspended[i] ? 1 : 0;
        const reader = r % g.n;
        for (const name of RECOMMENDER_NAMES) {
          for (let k = 0; k < 30; k++) {
            const v = recommenders[name].propose(w, reader);
            expect(v).toBeGreaterThanOrEqual(-1);
            if (v === -1) continue;
            expect(v).not.toBe(reader);
            expect(w.graph.hasEdge(reader, v)).toBe(false);
            expect(w.agents.suspended[v]).toBe(0);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('propose −1 (or nothing wrong) when every other account is followed or suspended', () => {
    const n = 6;
    const pairs: Array<[number, number]> = [];
    for (let v = 1; v < n; v++) pairs.push([0, v]);
    pairs.push([2, 3], [3, 4]);
    const w = makeWorld({}, 'rec-none', followGraph(n, pairs));
    for (const name of RECOMMENDER_NAMES) for (let k = 0; k < 20; k++) expect(recommenders[name].propose(w, 0)).toBe(-1);
  });
});

describe('popularity recommender', () => {
  it('proposes ∝ followers on a star-like graph whose followers have different out-degrees (χ²)', () => {
    // Hubs 0 and 1, fillers 2..10, followers 11..70, reader 71 (follows nobody).
    // Accounts 11..50 follow hub 0 only (out-degree 1); accounts 51..70 follow hub 1 and the 9 fillers
    // (out-degree 10). Followers: hub 0 has 40, hub 1 has 20, each filler 20: total 240.
    const pairs: Array<[number, number]> = [];
    for (let u = 11; u <= 50; u++) pairs.push([u, 0]);
    for (let u = 51; u <= 70; u++) {
      pairs.push([u, 1]);
      for (let f = 2; f <= 10; f++) pairs.push([u, f]);
    }
    const n = 72;
    const reader = 71;
    const w = makeWorld({}, 'rec-popularity', followGraph(n, pairs));
    const draws = 12_000;
    const counts = new Array(11).fill(0);
    for (let k = 0; k < draws; k++) {
      const v = recommenders.popularity.propose(w, reader);
      expect(v >= 0 && v <= 10).toBe(true);
      counts[v]++;
    }
    const expected = [40 / 240, 20 / 240, ...new Array(9).fill(20 / 240)];
    // χ² with 10 degrees of freedom: the 0.9999 quantile is 35.6. A row-then-followee pick would give hub 0 two thirds.
    expect(chiSquare(counts, expected)).toBeLessThan(35.6);
    expect(withinBinomial(counts[0], draws, 1 / 6)).toBe(true);
  });

  it('redraws unacceptable accounts and follows the graph as it changes between ticks', () => {
    const pairs: Array<[number, number]> = [];
    for (let u = 3; u < 30; u++) pairs.push([u, 0], [u, 1]);
    pairs.push([3, 2]);
    const w = makeWorld({}, 'rec-popularity-2', followGraph(31, [...pairs, [30, 0]]));
    // Reader 30 already follows 0: it can only be offered 1 (27 followers) or 2 (1 follower).
    const counts = [0, 0, 0];
    for (let k = 0; k < 2800; k++) counts[recommenders.popularity.propose(w, 30)]++;
    expect(counts[0]).toBe(0);
    expect(withinBinomial(counts[2], 2800, 1 / 28)).toBe(true);
    // Next tick, account 2 has gained 26 followers: the table is rebuilt.
    for (let u = 4; u < 30; u++) w.graph.addEdge(u, 2);
    const before = followerTable(w);
    w.ticks++;
    expect(followerTable(w)).not.toBe(before);
    const again = [0, 0, 0];
    for (let k = 0; k < 2800; k++) again[recommenders.popularity.propose(w, 30)]++;
    expect(withinBinomial(again[2], 2800, 27 / 54)).toBe(true);
  });
});

describe('friend-of-friend recommender', () => {
  it('proposes only followees of followees when an acceptable one exists (random graphs)', () => {
    fc.assert(
      fc.property(arbitraryFollowPairs(20), fc.nat(19), (g, r) => {
        const w = makeWorld({}, 'rec-fof', followGraph(g.n, g.pairs));
        const reader = r % g.n;
        const fof = new Set<number>();
        for (const f of w.graph.followees(reader)) for (const v of w.graph.followees(f)) if (v !== reader && !w.graph.hasEdge(reader, v)) fof.add(v);
        for (let k = 0; k < 20; k++) {
          const v = recommenders['friend-of-friend'].propose(w, reader);
          if (fof.size > 0) expect(fof.has(v)).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('finds the one acceptable friend of a friend that random walks mostly miss', () => {
    // Reader 0 follows 1..5; they all follow each other (already followed by 0); only 1 also follows 6.
    const pairs: Array<[number, number]> = [];
    for (let f = 1; f <= 5; f++) {
      pairs.push([0, f]);
      for (let g = 1; g <= 5; g++) if (g !== f) pairs.push([f, g]);
      pairs.push([f, 0]);
    }
    pairs.push([1, 6]);
    const w = makeWorld({}, 'rec-fof-scan', followGraph(40, pairs));
    for (let k = 0; k < 200; k++) expect(recommenders['friend-of-friend'].propose(w, 0)).toBe(6);
  });
});

describe('similarity recommender', () => {
  it('proposes closer opinions than the random recommender, on average', () => {
    const w = makeWorld({ agents: 400, initialOpinions: 'uniform' }, 'rec-similarity');
    let sim = 0;
    let rnd = 0;
    let ns = 0;
    let nr = 0;
    for (let reader = 0; reader < 400; reader++) {
      const x = w.agents.opinion[reader];
      const a = recommenders.similarity.propose(w, reader);
      const b = recommenders.random.propose(w, reader);
      if (a >= 0) {
        sim += Math.abs(w.agents.opinion[a] - x);
        ns++;
      }
      if (b >= 0) {
        rnd += Math.abs(w.agents.opinion[b] - x);
        nr++;
      }
    }
    // Uniform opinions on [−1, 1]: a random account is 2/3 away on average; the closest of 10 about a tenth of that.
    expect(rnd / nr).toBeGreaterThan(0.55);
    expect(rnd / nr).toBeLessThan(0.8);
    expect(sim / ns).toBeLessThan(0.25 * (rnd / nr));
  });
});
