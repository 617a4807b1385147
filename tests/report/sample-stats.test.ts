import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';
import { countNonFinite, describeSample } from '../../src/report/sample-stats.js';

describe('describeSample', () => {
  it('hand example: [2, 4, 4, 4, 5, 5, 7, 9]', () => {
    // Mean 5, squared deviations sum to 32, s = √(32/7), t(0.975, 7) = 2.365 (printed table).
    const s = describeSample([2, 4, 4, 4, 5, 5, 7, 9]);
    const sd = Math.sqrt(32 / 7);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(sd, 12);
    const half = (2.364624 * sd) / Math.sqrt(8);
    expect(s.ci!.lower).toBeCloseTo(5 - half, 5);
    expect(s.ci!.upper).toBeCloseTo(5 + half, 5);
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
  });

  it('counts NaN and infinities by kind and leaves them out', () => {
    const s = describeSample([1, Number.NaN, 3, Infinity, -Infinity, Number.NaN]);
    expect(s.nonFinite).toEqual({ nan: 2, positiveInfinity: 1, negativeInfinity: 1, total: 4 });
    expect(s.n).toBe(2);
    expect(s.mean).toBe(2);
    expect(countNonFinite([0, 1]).total).toBe(0);
  });

  it('a single value has a mean but no SD and no interval; no value has nothing', () => {
    const one = describeSample([4.5]);
    expect(one.mean).toBe(4.5);
    expect(one.sd).toBeNaN();
    expect(one.ci).toBeNull();
    const none = describeSample([Number.NaN]);
    expect(none.n).toBe(0);
    expect(none.mean).toBeNaN();
    expect(none.ci).toBeNull();
  });

  it('equal values give a zero-width interval; large close values keep their small variance', () => {
    expect(describeSample([3, 3, 3]).ci).toEqual({ lower: 3, upper: 3 });
    // Var of 1e9 + [0, 1, 2] is 1: a one-pass formula loses it to cancellation.
    expect(describeSample([1e9, 1e9 + 1, 1e9 + 2]).sd).toBeCloseTo(1, 9);
  });

  it('95 % intervals from 5 normal draws cover the true mean in 93–97 % of 2,000 trials', () => {
    const rng = new Rng('report/ci-coverage');
    const trials = 2000;
    const n = 5;
    const mu = 3;
    let covered = 0;
    let coveredZ = 0;
    for (let i = 0; i < trials; i++) {
      const xs = Array.from({ length: n }, () => rng.normal(mu, 2));
      const s = describeSample(xs);
      if (s.ci!.lower <= mu && mu <= s.ci!.upper) covered++;
      // The same interval with the normal quantile instead of t(0.975, 4) covers about 88 %:
      // the coverage test tells the two apart.
      const halfZ = (1.959964 * s.sd) / Math.sqrt(n);
      if (Math.abs(s.mean - mu) <= halfZ) coveredZ++;
    }
    expect(covered / trials).toBeGreaterThanOrEqual(0.93);
    expect(covered / trials).toBeLessThanOrEqual(0.97);
    expect(coveredZ / trials).toBeLessThan(0.92);
  });
});
