import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lnGamma, regularizedBeta, studentTCdf, studentTQuantile } from '../../src/report/student-t.js';

describe('Student t quantiles', () => {
  // Two-sided 95 %, 90 % and 99 % critical values as printed in standard tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
  const table: Array<[number, number, number]> = [
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 3, 3.182],
    [0.975, 4, 2.776],
    [0.975, 5, 2.571],
    [0.975, 9, 2.262],
    [0.975, 10, 2.228],
    [0.975, 20, 2.086],
    [0.975, 29, 2.045],
    [0.975, 30, 2.042],
    [0.975, 100, 1.984],
    [0.95, 1, 6.314],
    [0.95, 5, 2.015],
    [0.95, 10, 1.812],
    [0.995, 1, 63.657],
    [0.995, 10, 3.169],
    [0.995, 30, 2.75],
  ];
  it.each(table)('t(%f, %i) = %f as in printed tables', (p, df, expected) => {
    expect(Math.abs(studentTQuantile(p, df) - expected)).toBeLessThan(5e-4);
  });

  it('matches the closed forms for 1 and 2 degrees of freedom (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), (p) => {
        // ν = 1 is the Cauchy distribution; ν = 2 has t = (2p − 1)/√(2p(1 − p)).
        const cauchy = Math.tan(Math.PI * (p - 0.5));
        const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
        expect(Math.abs(studentTQuantile(p, 1) - cauchy)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(cauchy)));
        expect(Math.abs(studentTQuantile(p, 2) - two)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(two)));
      }),
    );
  });

  it('tends to the normal quantile 1.959964 as the degrees of freedom grow, as the Cornish–Fisher expansion says', () => {
    const z = 1.959963984540054;
    // t ≈ z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²) + O(ν⁻³) (Abramowitz & Stegun 26.7.5); the next term is about 2.6/ν³ here.
    for (const df of [1e3, 1e4, 1e6]) {
      const expansion = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
      expect(Math.abs(studentTQuantile(0.975, df) - expansion)).toBeLessThan(5 / df ** 3 + 1e-10);
    }
  });

  it('is the inverse of the CDF, antisymmetric, and increasing in p (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.0005, max: 0.9995, noNaN: true }), fc.double({ min: 0.5, max: 500, noNaN: true }), (p, df) => {
        const t = studentTQuantile(p, df);
        expect(Math.abs(studentTCdf(t, df) - p)).toBeLessThan(1e-10);
        expect(Math.abs(studentTQuantile(1 - p, df) + t)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(t)));
        expect(studentTQuantile(Math.min(0.9999, p + 0.0001), df)).toBeGreaterThan(t);
      }),
      { numRuns: 60 },
    );
  });

  it('CDF: Cauchy closed form and the symmetric point', () => {
    for (const t of [-20, -1, 0, 0.5, 3, 100]) expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
    expect(studentTCdf(0, 7)).toBe(0.5);
  });

  it('edge cases: p of 0, ½ and 1, and invalid arguments', () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    expect(studentTQuantile(0.975, 0)).toBeNaN();
    expect(studentTQuantile(1.5, 3)).toBeNaN();
    expect(studentTQuantile(Number.NaN, 3)).toBeNaN();
  });

  it('ln Γ at factorials and at ½; I_x(1, 1) = x', () => {
    for (const [n, fact] of [[1, 1], [2, 1], [5, 24], [11, 3628800]] as const) expect(lnGamma(n)).toBeCloseTo(Math.log(fact), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    for (const x of [0, 0.1, 0.5, 0.9, 1]) expect(regularizedBeta(x, 1, 1)).toBeCloseTo(x, 12);
    // I_x(a, 1) = x^a.
    expect(regularizedBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 12);
  });
});
