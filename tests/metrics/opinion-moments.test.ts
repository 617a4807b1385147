import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { bimodalityCoefficient, mean, opinionBimodality, opinionMean, opinionVariance, populationVariance } from '../../src/sim/metrics/opinion-moments.js';
import { graphOf } from './metric-graphs.js';

const relClose = (a: number, b: number, tol = 1e-10): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

function viewOf(opinions: number[]) {
  return { graph: graphOf(opinions.length, []), opinions: Float64Array.from(opinions) };
}

/** Textbook SAS/Excel forms written with the sample standard deviation s (divisor n − 1), an algebraically different route. */
function sasSkewKurt(x: number[]): { g: number; k: number } {
  const n = x.length;
  const mu = x.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(x.reduce((a, v) => a + (v - mu) ** 2, 0) / (n - 1));
  const z3 = x.reduce((a, v) => a + ((v - mu) / s) ** 3, 0);
  const z4 = x.reduce((a, v) => a + ((v - mu) / s) ** 4, 0);
  const g = (n / ((n - 1) * (n - 2))) * z3;
  const k = ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * z4 - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  return { g, k };
}

describe('opinion.mean and opinion.variance', () => {
  it('hand example: [1, 2, 3, 4] has mean 2.5 and population variance 1.25', () => {
    const v = viewOf([1, 2, 3, 4]);
    expect(opinionMean.scalar(v)).toBe(2.5);
    expect(opinionVariance.scalar(v)).toBe(1.25);
  });

  it('variance is 0 at consensus and NaN without opinions', () => {
    expect(populationVariance([0.3, 0.3, 0.3])).toBe(0);
    expect(Number.isNaN(populationVariance([]))).toBe(true);
    expect(Number.isNaN(mean([]))).toBe(true);
  });

  it('variance scales by a² and ignores shifts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (x, a, b) => {
          const y = x.map((v) => a * v + b);
          return Math.abs(populationVariance(y) - a * a * populationVariance(x)) <= 1e-9;
        },
      ),
    );
  });

  it('missing opinions -> InputError naming the metric and the field', () => {
    const view = { graph: graphOf(3, []) };
    expect(() => opinionVariance.scalar(view)).toThrow(InputError);
    expect(() => opinionVariance.scalar(view)).toThrow(/opinion\.variance.*`opinions`/);
  });

  it('opinions of the wrong length or non-finite -> InputError', () => {
    expect(() => opinionMean.scalar({ graph: graphOf(3, []), opinions: new Float64Array(2) })).toThrow(/2 values for 3 nodes/);
    expect(() => opinionMean.scalar({ graph: graphOf(2, []), opinions: Float64Array.from([0, NaN]) })).toThrow(/opinions\[1\]/);
  });
});

describe('opinion.bimodality (SAS finite-sample form)', () => {
  it('two-point symmetric sample of even size n: b = (n−2)(n−3)/((n−1)(n+1)) (hand-derived: g = 0, k = −2(n−1)/(n−3))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (half, a, width) => {
          const n = 2 * half;
          const x = [...Array<number>(half).fill(a), ...Array<number>(half).fill(a + width)];
          const d = bimodalityCoefficient(x);
          const expected = ((n - 2) * (n - 3)) / ((n - 1) * (n + 1));
          return relClose(d.coefficient, expected) && Math.abs(d.skewness) < 1e-9 && relClose(d.excessKurtosis, (-2 * (n - 1)) / (n - 3));
        },
      ),
    );
  });

  it('equally spaced (discrete uniform) sample: k = −6/5 exactly for every n, so b = 1/(−6/5 + 3(n−1)²/((n−2)(n−3)))', () => {
    // From m2 = (n²−1)/12 and m4 = (n²−1)(3n²−7)/240 for the points 1..n, the adjusted kurtosis is exactly −6/5.
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 400 }), fc.double({ min: 0.001, max: 100, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), (n, step, shift) => {
        const x = Array.from({ length: n }, (_, i) => shift + step * i);
        new Rng(`shuffle-${n}`).shuffle(x);
        const d = bimodalityCoefficient(x);
        const expected = 1 / (-1.2 + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
        return relClose(d.excessKurtosis, -1.2, 1e-8) && relClose(d.coefficient, expected, 1e-9);
      }),
    );
  });

  it('uniform population limit: b → 1/(3 − 1.2) = 5/9', () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
    expect(Math.abs(bimodalityCoefficient(x).coefficient - 5 / 9)).toBeLessThan(1e-4);
  });

  it('agrees with the textbook formulas written with the sample standard deviation (random samples)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 60 }), (x) => {
        fc.pre(new Set(x).size > 1 && populationVariance(x) > 1e-12);
        const d = bimodalityCoefficient(x);
        const { g, k } = sasSkewKurt(x);
        const n = x.length;
        const b = (g * g + 1) / (k + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
        return relClose(d.skewness, g, 1e-7) && relClose(d.excessKurtosis, k, 1e-7) && relClose(d.coefficient, b, 1e-7);
      }),
    );
  });

  it('is invariant under x -> a·x + b (a ≠ 0); skewness flips sign with a < 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 40 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.boolean(),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (x, scale, flip, shift) => {
          fc.pre(populationVariance(x) > 1e-6);
          const a = flip ? -scale : scale;
          const d0 = bimodalityCoefficient(x);
          const d1 = bimodalityCoefficient(x.map((v) => a * v + shift));
          return relClose(d1.coefficient, d0.coefficient, 1e-7) && Math.abs(d1.skewness - Math.sign(a) * d0.skewness) <= 1e-7 * Math.max(1, Math.abs(d0.skewness));
        },
      ),
    );
  });

  it('is NaN for n < 4 and for a constant sample', () => {
    expect(Number.isNaN(opinionBimodality.scalar(viewOf([0, 1, 0])))).toBe(true);
    expect(Number.isNaN(opinionBimodality.scalar(viewOf([0.2, 0.2, 0.2, 0.2, 0.2])))).toBe(true);
  });

  it('scalar equals detailed.coefficient and rejects unknown options', () => {
    const v = viewOf([0, 0, 1, 1, 1, 0.5]);
    expect(opinionBimodality.scalar(v)).toBe(opinionBimodality.detailed!(v).coefficient);
    expect(() => opinionBimodality.scalar(v, { gap: 1 })).toThrow(/unknown parameter `gap`/);
  });
});
