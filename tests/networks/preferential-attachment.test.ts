import { describe, expect, it } from 'vitest';
import { preferentialAttachment } from '../../src/model/generators/preferential-attachment.js';
import { Rng } from '../../src/model/rng.js';
import { countRepeats, countSelfLoops, degrees, expectWithin, paramError, sameEdges } from './network-helpers.js';

/**
 * Maximum-likelihood exponent of a power-law tail, continuous approximation
 * of the discrete estimator (Clauset, Shalizi & Newman, SIAM Review 51, 661,
 * 2009, eq. 3.7): α = 1 + N [Σ ln(x_i / (x_min − 1/2))]^−1 over x_i ≥ x_min.
 * Price's in-degrees follow P(k) ∝ Γ(k + a)/Γ(k + a + γ) ~ (k + a)^−γ, so the
 * fit uses x = k + a, the variable in which the tail is a pure power law.
 */
function tailExponent(kIn: Int32Array, kMin: number, shift: number): { alpha: number; tail: number } {
  const xMin = kMin + shift;
  let sum = 0;
  let tail = 0;
  for (let i = 0; i < kIn.length; i++) {
    if (kIn[i] < kMin) continue;
    sum += Math.log((kIn[i] + shift) / (xMin - 0.5));
    tail++;
  }
  return { alpha: 1 + tail / sum, tail };
}

describe('preferentialAttachment (Price)', () => {
  it('every node follows exactly m distinct earlier nodes: n·m edges', () => {
    const n = 5000;
    const m = 3;
    const g = preferentialAttachment({ n, m, exponent: 2.7 }, new Rng('shape'));
    expect(g.m).toBe(n * m);
    expect(g.directed).toBe(true);
    expect(countSelfLoops(g)).toBe(0);
    expect(countRepeats(g)).toBe(0);
    expect(degrees(g).out.every((k) => k === m)).toBe(true);
    // After the seed clique of m + 1 nodes, follows only point back in time.
    for (let e = 0; e < g.m; e++) if (g.src[e] > m) expect(g.dst[e]).toBeLessThan(g.src[e]);
  });

  it('follower counts 0..3 match Price\'s exact distribution p_k = B(k + a, γ)/B(a, γ − 1)', () => {
    // p_0 = (γ − 1)/(a + γ − 1), p_k = p_{k−1}·(k − 1 + a)/(k − 1 + a + γ) (Newman, "Networks", eq. 13.38).
    const n = 100_000;
    const m = 2;
    const gamma = 2.5;
    const a = m * (gamma - 2);
    const kIn = degrees(preferentialAttachment({ n, m, exponent: gamma }, new Rng('small-k'))).in;
    let p = (gamma - 1) / (a + gamma - 1);
    expect(p).toBeCloseTo(0.6, 12);
    for (let k = 0; k <= 3; k++) {
      let count = 0;
      for (let i = 0; i < n; i++) if (kIn[i] === k) count++;
      const sd = Math.sqrt(n * p * (1 - p));
      expectWithin(count, [n * p - 5 * sd, n * p + 5 * sd]);
      p *= (k + a) / (k + a + gamma);
    }
  });

  for (const gamma of [2.5, 3]) {
    it(`follower tail exponent fits γ = ${gamma} within ±0.3 (n = 200,000)`, () => {
      const n = 200_000;
      const m = 2;
      const kIn = degrees(preferentialAttachment({ n, m, exponent: gamma }, new Rng(`tail-${gamma}`))).in;
      const { alpha, tail } = tailExponent(kIn, 20, m * (gamma - 2));
      // Enough tail points that the estimator's own sd, (α − 1)/√N, is below 0.06.
      expect(tail).toBeGreaterThan(1000);
      expect(Math.abs(alpha - gamma)).toBeLessThanOrEqual(0.3);
    });
  }

  it('a heavier tail (smaller γ) gives larger hubs', () => {
    const hub = (gamma: number): number => degrees(preferentialAttachment({ n: 50_000, m: 2, exponent: gamma }, new Rng('hub'))).in.reduce((a, b) => Math.max(a, b), 0);
    expect(hub(2.1)).toBeGreaterThan(hub(3.5));
  });

  it('same key gives identical edges, different keys differ', () => {
    const a = preferentialAttachment({ n: 2000, m: 2 }, new Rng('same'));
    expect(sameEdges(a, preferentialAttachment({ n: 2000, m: 2 }, new Rng('same')))).toBe(true);
    expect(sameEdges(a, preferentialAttachment({ n: 2000, m: 2 }, new Rng('other')))).toBe(false);
  });

  it('rejects bad parameters naming the field', () => {
    expect(paramError(() => preferentialAttachment({ n: 100, m: 2, exponent: 2 }, new Rng('x'))).field).toBe('exponent');
    expect(paramError(() => preferentialAttachment({ n: 100, m: 0 }, new Rng('x'))).field).toBe('m');
    expect(paramError(() => preferentialAttachment({ n: 3, m: 3 }, new Rng('x'))).field).toBe('n');
    expect(paramError(() => preferentialAttachment({ n: 100, m: 2, directed: false }, new Rng('x'))).field).toBe('directed');
    expect(paramError(() => preferentialAttachment({ n: 2e9, m: 2 }, new Rng('x'))).field).toBe('n');
  });
});
