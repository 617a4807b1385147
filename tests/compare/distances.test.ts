import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanSample, kolmogorovTail, ksTwoSample, wasserstein1, weightedMedian } from '../../src/compare/distances.js';
import { ParamError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';

const sample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 30 });

describe('ksTwoSample', () => {
  it('is 0 with p = 1 for identical samples', () => {
    const r = ksTwoSample([3, 1, 2, 2, 5], [5, 2, 1, 3, 2]);
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
  });

  it('is 1 for disjoint samples, with a small p-value for large ones', () => {
    expect(ksTwoSample([1, 2, 3], [4, 5]).statistic).toBe(1);
    const a = Array.from({ length: 40 }, (_, i) => i);
    const b = Array.from({ length: 40 }, (_, i) => 100 + i);
    const r = ksTwoSample(a, b);
    expect(r.statistic).toBe(1);
    expect(r.pValue).toBeLessThan(1e-10);
  });

  it('matches a hand computation: a = {1,2,3}, b = {2,4} gives D = 1/2 (at x = 3)', () => {
    // F_a: 1/3, 2/3, 1, 1 at x = 1, 2, 3, 4; F_b: 0, 1/2, 1/2, 1.
    expect(ksTwoSample([1, 2, 3], [2, 4]).statistic).toBeCloseTo(0.5, 15);
  });

  it('compares only after all tied values are taken: {1,1,2} vs {1,2,2} gives D = 1/3', () => {
    // At x = 1: F_a = 2/3, F_b = 1/3; at x = 2 both are 1. Stepping through ties one at a time would see 2/3.
    expect(ksTwoSample([1, 1, 2], [1, 2, 2]).statistic).toBeCloseTo(1 / 3, 15);
  });

  it('uses the Stephens-corrected effective n: n = m = 2, D = 1 gives Q((1 + 0.12 + 0.11) · 1)', () => {
    const r = ksTwoSample([0, 1], [2, 3]);
    expect(r.effectiveN).toBe(1);
    expect(r.pValue).toBeCloseTo(kolmogorovTail(1.23), 15);
  });

  it('Kolmogorov tail matches published values', () => {
    // Smirnov's table: critical values 1.36 (5 %), 1.63 (1 %); Q(0.5) = 1 − 0.036055.
    expect(kolmogorovTail(0)).toBe(1);
    expect(kolmogorovTail(1.3581)).toBeCloseTo(0.05, 3);
    expect(kolmogorovTail(1.6276)).toBeCloseTo(0.01, 3);
    expect(kolmogorovTail(0.5)).toBeCloseTo(0.963945, 5);
    // Reference values of Kolmogorov's Q(λ) from an independent implementation (SciPy 1.17, scipy.special.kolmogorov).
    const reference: Array<[number, number]> = [
      [0.3, 0.9999906941986655],
      [1.0, 0.26999967167735456],
      [1.17, 0.12939004218561884],
      [1.19, 0.11774229287977166],
      [1.5, 0.022217962616525127],
      [2.0, 0.0006709252557796953],
      [3.0, 3.045995948942526e-8],
    ];
    for (const [lambda, q] of reference) expect(Math.abs(kolmogorovTail(lambda) - q)).toBeLessThan(1e-13);
    // The two series agree where they meet.
    const lo = kolmogorovTail(1.18 - 1e-12);
    const hi = kolmogorovTail(1.18);
    expect(Math.abs(lo - hi)).toBeLessThan(1e-10);
  });

  it('is symmetric and invariant under a strictly increasing transform', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = ksTwoSample(a, b);
        const ba = ksTwoSample(b, a);
        expect(ab.statistic).toBe(ba.statistic);
        expect(ab.pValue).toBe(ba.pValue);
        const f = (x: number) => x * x * x + 7;
        expect(ksTwoSample(a.map(f), b.map(f)).statistic).toBe(ab.statistic);
        expect(ab.statistic).toBeGreaterThanOrEqual(0);
        expect(ab.statistic).toBeLessThanOrEqual(1);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('weights equal duplication', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const dup = ksTwoSample([...a, ...a], b).statistic;
        const weighted = ksTwoSample(a, b, { weightsA: a.map(() => 2) }).statistic;
        expect(weighted).toBeCloseTo(dup, 12);
      }),
    );
  });

  it('p-values are roughly uniform under the null (seeded normal samples)', () => {
    const rng = new Rng('tests/compare/ks-null');
    const reps = 300;
    const p: number[] = [];
    for (let r = 0; r < reps; r++) {
      const a = Array.from({ length: 60 }, () => rng.normal());
      const b = Array.from({ length: 45 }, () => rng.normal());
      p.push(ksTwoSample(a, b).pValue);
    }
    const mean = p.reduce((s, x) => s + x, 0) / reps;
    const below = (t: number) => p.filter((x) => x < t).length / reps;
    // Uniform: mean 1/2 (sd of the mean ≈ 0.017), P(p < 0.1) = 0.1, P(p < 0.5) = 0.5; the discrete D makes it slightly conservative.
    expect(mean).toBeGreaterThan(0.43);
    expect(mean).toBeLessThan(0.6);
    expect(below(0.1)).toBeGreaterThan(0.04);
    expect(below(0.1)).toBeLessThan(0.16);
    expect(below(0.5)).toBeGreaterThan(0.4);
    expect(below(0.5)).toBeLessThan(0.6);
  });

  it('rejects a shift under the alternative', () => {
    const rng = new Rng('tests/compare/ks-alt');
    const a = Array.from({ length: 200 }, () => rng.normal());
    const b = Array.from({ length: 200 }, () => rng.normal(1));
    expect(ksTwoSample(a, b).pValue).toBeLessThan(1e-6);
  });
});

describe('wasserstein1', () => {
  it('is 0 for identical samples and |c| for a shift by c', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: -20, max: 20 }), (a, c) => {
        expect(wasserstein1(a, [...a].reverse())).toBe(0);
        expect(wasserstein1(a, a.map((x) => x + c))).toBeCloseTo(Math.abs(c), 10);
      }),
    );
  });

  it('matches a hand computation with unequal sizes: {1,2,3} vs {2,4} is 1', () => {
    // Quantile form: ∫|F_a⁻¹ − F_b⁻¹| = (1/3)·|1−2| + (1/6)·|2−2| + (1/6)·|2−4| + (1/3)·|3−4| = 1.
    expect(wasserstein1([1, 2, 3], [2, 4])).toBeCloseTo(1, 15);
    // A point mass vs two points: {0} vs {0, 10} moves half the mass by 10.
    expect(wasserstein1([0], [0, 10])).toBeCloseTo(5, 15);
  });

  it('equals the mean difference when one sample lies wholly above the other', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const shifted = b.map((x) => x + 200);
        const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
        expect(wasserstein1(a, shifted)).toBeCloseTo(mean(shifted) - mean(a), 8);
      }),
    );
  });

  it('is symmetric and satisfies the triangle inequality', () => {
    fc.assert(
      fc.property(sample, sample, sample, (a, b, c) => {
        const ab = wasserstein1(a, b);
        expect(ab).toBe(wasserstein1(b, a));
        expect(wasserstein1(a, c)).toBeLessThanOrEqual(ab + wasserstein1(b, c) + 1e-9);
      }),
    );
  });

  it('treats weights as multiplicities', () => {
    expect(wasserstein1([0, 10], [0], { weightsA: [3, 1] })).toBeCloseTo(wasserstein1([0, 0, 0, 10], [0]), 15);
    expect(wasserstein1([0, 0, 0, 10], [0])).toBeCloseTo(2.5, 15);
  });
});

describe('non-finite values and bad input', () => {
  it('drops NaN and ±Infinity, counting them by kind', () => {
    const s = cleanSample([3, NaN, Infinity, 1, -Infinity, Infinity]);
    expect(Array.from(s.values)).toEqual([1, 3]);
    expect(s.dropped).toEqual({ nan: 1, positiveInfinity: 2, negativeInfinity: 1, total: 4 });
    const r = ksTwoSample([1, 2, Infinity], [1, 2, NaN]);
    expect(r.statistic).toBe(0);
    expect(r.nA).toBe(2);
    expect(r.droppedA.positiveInfinity).toBe(1);
    expect(r.droppedB.nan).toBe(1);
    expect(wasserstein1([1, Infinity], [2])).toBe(1);
  });

  it('gives NaN when a side has no finite value', () => {
    expect(ksTwoSample([], [1]).statistic).toBeNaN();
    expect(ksTwoSample([Infinity], [1]).pValue).toBeNaN();
    expect(wasserstein1([1], [NaN])).toBeNaN();
  });

  it('rejects negative or mismatched weights', () => {
    expect(() => wasserstein1([1, 2], [1], { weightsA: [1, -1] })).toThrow(ParamError);
    expect(() => ksTwoSample([1, 2], [1], { weightsB: [1, 1] })).toThrow(/one weight per value/);
  });
});

describe('weightedMedian', () => {
  it('is the usual median for equal weights and the weighted one otherwise', () => {
    expect(weightedMedian(cleanSample([4, 1, 3, 2]))).toBe(2.5);
    expect(weightedMedian(cleanSample([5, 1, 3]))).toBe(3);
    expect(weightedMedian(cleanSample([1, 2, 3], [1, 1, 4]))).toBe(3);
    expect(weightedMedian(cleanSample([]))).toBeNaN();
  });
});
