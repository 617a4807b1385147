import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wattsStrogatz } from '../../src/model/generators/watts-strogatz.js';
import { Rng } from '../../src/model/rng.js';
import { binomialBounds, countRepeats, countSelfLoops, degrees, expectAllInRange, expectWithin, paramError, sameEdges } from './network-helpers.js';

function ringDistance(u: number, v: number, n: number): number {
  const d = Math.abs(u - v);
  return Math.min(d, n - d);
}

describe('wattsStrogatz', () => {
  it('beta = 0 is the ring lattice: node u is joined exactly to u ± 1..k/2', () => {
    const n = 50;
    const k = 6;
    const g = wattsStrogatz({ n, k, beta: 0 }, new Rng('ring'));
    expect(g.m).toBe((n * k) / 2);
    const nbrs: Set<number>[] = Array.from({ length: n }, () => new Set());
    for (let e = 0; e < g.m; e++) {
      nbrs[g.src[e]].add(g.dst[e]);
      nbrs[g.dst[e]].add(g.src[e]);
    }
    for (let u = 0; u < n; u++) {
      const expected = new Set<number>();
      for (let j = 1; j <= k / 2; j++) {
        expected.add((u + j) % n);
        expected.add((u - j + n) % n);
      }
      expect(nbrs[u]).toEqual(expected);
    }
  });

  it('keeps exactly n·k/2 distinct edges without self-loops for every beta', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 80 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: Math.floor((n - 1) / 2) }).map((h) => 2 * h))),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.string({ minLength: 1 }),
        ([n, k], beta, key) => {
          const g = wattsStrogatz({ n, k, beta }, new Rng(key));
          expect(g.m).toBe((n * k) / 2);
          expect(g.directed).toBe(false);
          expectAllInRange(g);
          expect(countSelfLoops(g)).toBe(0);
          expect(countRepeats(g)).toBe(0);
          // Rewiring moves one end of an edge: the degree sum stays n·k.
          expect(degrees(g).out.reduce((s, x) => s + x, 0)).toBe(n * k);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('rewires a Binomial(m, beta) number of edges (nearly all land off the lattice)', () => {
    const n = 20_000;
    const k = 10;
    const beta = 0.3;
    const g = wattsStrogatz({ n, k, beta }, new Rng('rewire'));
    let offLattice = 0;
    for (let e = 0; e < g.m; e++) if (ringDistance(g.src[e], g.dst[e], n) > k / 2) offLattice++;
    const [lo, hi] = binomialBounds(g.m, beta);
    // A rewired end lands within distance k/2 with probability about k/n: allow that many more on the lattice.
    expectWithin(offLattice, [lo - (g.m * beta * 2 * k) / n, hi]);
  });

  it('same key gives identical edges, different keys differ', () => {
    const a = wattsStrogatz({ n: 300, k: 4, beta: 0.2 }, new Rng('a'));
    expect(sameEdges(a, wattsStrogatz({ n: 300, k: 4, beta: 0.2 }, new Rng('a')))).toBe(true);
    expect(sameEdges(a, wattsStrogatz({ n: 300, k: 4, beta: 0.2 }, new Rng('b')))).toBe(false);
  });

  it('rejects bad parameters naming the field', () => {
    expect(paramError(() => wattsStrogatz({ n: 10, k: 3, beta: 0.1 }, new Rng('x'))).field).toBe('k');
    expect(paramError(() => wattsStrogatz({ n: 10, k: 10, beta: 0.1 }, new Rng('x'))).field).toBe('k');
    expect(paramError(() => wattsStrogatz({ n: 10, k: 4, beta: -0.1 }, new Rng('x'))).field).toBe('beta');
    expect(paramError(() => wattsStrogatz({ n: 0, k: 0, beta: 0 }, new Rng('x'))).field).toBe('n');
  });
});
