import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import { erdosRenyi } from '../../src/model/generators/erdos-renyi.js';
import { Rng } from '../../src/model/rng.js';
import { binomialBounds, countRepeats, countSelfLoops, edgeKeys, expectAllInRange, expectWithin, paramError, sameEdges } from './network-helpers.js';

describe('erdosRenyi G(n, p)', () => {
  it('directed: edge count (so mean out-degree) is Binomial(n(n−1), p) within 5σ', () => {
    const n = 3000;
    const p = 0.004;
    const g = erdosRenyi({ n, p, directed: true }, new Rng('er-directed'));
    expect(g.directed).toBe(true);
    expectWithin(g.m, binomialBounds(n * (n - 1), p));
    // Pairs above and below the diagonal are two disjoint halves: each count is Binomial(n(n−1)/2, p).
    let above = 0;
    for (let e = 0; e < g.m; e++) if (g.src[e] < g.dst[e]) above++;
    expectWithin(above, binomialBounds((n * (n - 1)) / 2, p));
    expectWithin(g.m - above, binomialBounds((n * (n - 1)) / 2, p));
  });

  it('undirected: edge count is Binomial(n(n−1)/2, p) within 5σ, every row reachable', () => {
    const n = 4000;
    const p = 0.003;
    const g = erdosRenyi({ n, p, directed: false }, new Rng('er-undirected'));
    expect(g.directed).toBe(false);
    expectWithin(g.m, binomialBounds((n * (n - 1)) / 2, p));
    // Edges touching the first half of the nodes: pairs with min < n/2, a Binomial count.
    const half = n / 2;
    const pairsLow = (n * (n - 1)) / 2 - (half * (half - 1)) / 2;
    let low = 0;
    for (let e = 0; e < g.m; e++) if (Math.min(g.src[e], g.dst[e]) < half) low++;
    expectWithin(low, binomialBounds(pairsLow, p));
  });

  it('never produces self-loops, repeated pairs or out-of-range nodes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), fc.string({ minLength: 1 }), (n, p, directed, key) => {
        const g = erdosRenyi({ n, p, directed }, new Rng(key));
        expectAllInRange(g);
        expect(countSelfLoops(g)).toBe(0);
        expect(countRepeats(g)).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('every pair, including first and last rows and columns, is an edge with probability p', () => {
    const reps = 2000;
    const p = 0.3;
    for (const directed of [true, false]) {
      const n = 6;
      const hits = new Map<string, number>();
      const root = new Rng(`er-pairs-${directed}`);
      for (let r = 0; r < reps; r++) {
        for (const key of edgeKeys(erdosRenyi({ n, p, directed }, root.fork(String(r))))) hits.set(key, (hits.get(key) ?? 0) + 1);
      }
      expect(hits.size).toBe(directed ? n * (n - 1) : (n * (n - 1)) / 2);
      for (const count of hits.values()) expectWithin(count, binomialBounds(reps, p));
    }
  });

  it('p = 1 gives the complete graph and p = 0 the empty one', () => {
    expect(erdosRenyi({ n: 30, p: 1, directed: true }, new Rng('k')).m).toBe(30 * 29);
    expect(erdosRenyi({ n: 30, p: 1, directed: false }, new Rng('k')).m).toBe((30 * 29) / 2);
    expect(erdosRenyi({ n: 30, p: 0 }, new Rng('k')).m).toBe(0);
  });

  it('same key gives identical edges, different keys differ', () => {
    const a = erdosRenyi({ n: 500, p: 0.02 }, new Rng('same'));
    const b = erdosRenyi({ n: 500, p: 0.02 }, new Rng('same'));
    const c = erdosRenyi({ n: 500, p: 0.02 }, new Rng('other'));
    expect(sameEdges(a, b)).toBe(true);
    expect(sameEdges(a, c)).toBe(false);
  });
});

describe('erdosRenyi G(n, m)', () => {
  it('has exactly m distinct edges without self-loops, sparse and dense', () => {
    for (const [n, m, directed] of [
      [200, 1500, true],
      [200, 1500, false],
      [30, 800, true],
      [30, 400, false],
      [30, 870, true],
      [1, 0, false],
    ] as const) {
      const g = erdosRenyi({ n, m, directed }, new Rng(`gnm-${n}-${m}-${directed}`));
      expect(g.m).toBe(m);
      expectAllInRange(g);
      expect(countSelfLoops(g)).toBe(0);
      expect(countRepeats(g)).toBe(0);
    }
  });

  it('picks every pair with probability m / pairs (sparse and dense paths)', () => {
    const reps = 2000;
    for (const [n, m, directed] of [
      [5, 3, false],
      [40, 20, false],
      [12, 30, true],
      [5, 8, false],
    ] as const) {
      const pairs = directed ? n * (n - 1) : (n * (n - 1)) / 2;
      const hits = new Map<string, number>();
      const root = new Rng(`gnm-uniform-${n}-${m}`);
      for (let r = 0; r < reps; r++) {
        for (const key of edgeKeys(erdosRenyi({ n, m, directed }, root.fork(String(r))))) hits.set(key, (hits.get(key) ?? 0) + 1);
      }
      expect(hits.size).toBe(pairs);
      for (const count of hits.values()) expectWithin(count, binomialBounds(reps, m / pairs));
    }
  });

  it('rejects bad parameters naming the field', () => {
    expect(paramError(() => erdosRenyi({ n: 10, p: 1.5 }, new Rng('x'))).field).toBe('p');
    expect(paramError(() => erdosRenyi({ n: 10 }, new Rng('x'))).field).toBe('p');
    expect(paramError(() => erdosRenyi({ n: 10, p: 0.1, m: 3 }, new Rng('x'))).field).toBe('m');
    expect(paramError(() => erdosRenyi({ n: 10, m: 91 }, new Rng('x'))).field).toBe('m');
    expect(paramError(() => erdosRenyi({ n: -1, p: 0.1 }, new Rng('x'))).field).toBe('n');
    expect(paramError(() => erdosRenyi({ n: 1e6, p: 0.5 }, new Rng('x'))).field).toBe('p');
    const typo = (() => {
      try {
        erdosRenyi({ n: 10, pp: 0.1 } as unknown as { n: number }, new Rng('x'));
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(typo).toBeInstanceOf(InputError);
    expect((typo as InputError).message).toContain('did you mean `p`');
  });
});
