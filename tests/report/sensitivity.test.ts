/**
 * Designs and Sobol indices (src/report/sensitivity.ts) against exact
 * answers:
 * - Latin hypercube: every parameter's n strata hold exactly one point, all
 *   points inside the box (fast-check, pinned seed);
 * - Saltelli design: A_B^(i) is A with column i from B, nothing else;
 * - the Ishigami function f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³
 *   (a = 7, b = 0.1) has V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 and exact indices
 *   S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437) (Saltelli et al.,
 *   Global Sensitivity Analysis: The Primer, 2008): the estimates from
 *   n = 20,000 fall within 0.03, and each 95 % bootstrap interval holds its
 *   exact value;
 * - an additive function has S = ST, and a parameter f ignores has 0 and 0.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';
import { designPoints, latinHypercube, saltelliDesign, sobolIndices } from '../../src/report/sensitivity.js';

const SEED = 20261206;
const PI = Math.PI;
const box = { x1: [-PI, PI], x2: [-PI, PI], x3: [-PI, PI] } as const;

function ishigami(p: Record<string, number>): number {
  return Math.sin(p.x1) + 7 * Math.sin(p.x2) ** 2 + 0.1 * p.x3 ** 4 * Math.sin(p.x1);
}

/** The exact indices of Ishigami (a = 7, b = 0.1) from its variance decomposition. */
function ishigamiExact(): { first: number[]; total: number[] } {
  const a = 7;
  const b = 0.1;
  const v1 = 0.5 * (1 + (b * PI ** 4) / 5) ** 2;
  const v2 = a ** 2 / 8;
  const v13 = (b ** 2 * PI ** 8) / 18 - (b ** 2 * PI ** 8) / 50;
  const v = v1 + v2 + v13;
  return { first: [v1 / v, v2 / v, 0], total: [(v1 + v13) / v, v2 / v, v13 / v] };
}

describe('Latin hypercube', () => {
  it('one point per stratum of every parameter, all inside the box (fast-check, pinned seed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.string({ minLength: 1, maxLength: 8 }), (n, seed) => {
        const ranges = { a: [0, 1], b: [-3, 5] } as const;
        const points = latinHypercube(ranges, n, new Rng(seed));
        expect(points).toHaveLength(n);
        for (const [k, [lo, hi]] of Object.entries(ranges)) {
          const strata = points.map((p) => Math.min(n - 1, Math.floor(((p[k] - lo) / (hi - lo)) * n))).sort((x, y) => x - y);
          expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('Saltelli design and Sobol indices', () => {
  it('A_B^(i) is A with column i from B; n (k + 2) points in order', () => {
    const d = saltelliDesign(box, 5, new Rng('d'));
    d.names.forEach((name, i) => {
      d.ab[i].forEach((row, j) => {
        for (const other of d.names) expect(row[other]).toBe(other === name ? d.b[j][other] : d.a[j][other]);
      });
    });
    expect(designPoints(d)).toHaveLength(5 * 5);
    expect(saltelliDesign(box, 5, new Rng('d'))).toEqual(d);
  });

  it('Ishigami: estimates within 0.03 of the exact indices, each 95 % interval holding its exact value', () => {
    const exact = ishigamiExact();
    expect(exact.first[0]).toBeCloseTo(0.3139, 4);
    expect(exact.first[1]).toBeCloseTo(0.4424, 4);
    expect(exact.total[0]).toBeCloseTo(0.5576, 4);
    expect(exact.total[2]).toBeCloseTo(0.2437, 4);
    const d = saltelliDesign(box, 20_000, new Rng('ishigami'));
    const out = designPoints(d).map(ishigami);
    const idx = sobolIndices(d, out, new Rng('boot'), { resamples: 300 });
    expect(idx.map((s) => s.name)).toEqual(['x1', 'x2', 'x3']);
    idx.forEach((s, i) => {
      expect(Math.abs(s.first - exact.first[i]), `S_${s.name}`).toBeLessThan(0.03);
      expect(Math.abs(s.total - exact.total[i]), `ST_${s.name}`).toBeLessThan(0.03);
      expect(s.firstInterval[0]).toBeLessThanOrEqual(exact.first[i] + 1e-9);
      expect(s.firstInterval[1]).toBeGreaterThanOrEqual(exact.first[i] - 1e-9);
      expect(s.totalInterval[0]).toBeLessThanOrEqual(exact.total[i] + 1e-9);
      expect(s.totalInterval[1]).toBeGreaterThanOrEqual(exact.total[i] - 1e-9);
    });
  });

  it('an additive function: first = total order, shares of the variances; an ignored parameter gets 0', () => {
    const d = saltelliDesign({ u: [0, 1], v: [0, 1], w: [0, 1] }, 4000, new Rng('add'));
    // f = u + 2v: Var = 1/12 + 4/12, so S_u = 0.2, S_v = 0.8, S_w = 0 exactly.
    const idx = sobolIndices(d, designPoints(d).map((p) => p.u + 2 * p.v), new Rng('b'), { resamples: 200 });
    const [u, v, w] = idx;
    expect(u.first).toBeCloseTo(0.2, 1);
    expect(v.first).toBeCloseTo(0.8, 1);
    expect(u.total).toBeCloseTo(u.first, 1);
    expect(w.first).toBeCloseTo(0, 10);
    expect(w.total).toBe(0);
  });

  it('refuses bad input with the reason', () => {
    expect(() => saltelliDesign({ x: [1, 0] }, 10, new Rng('x'))).toThrow(/range of x/);
    expect(() => saltelliDesign(box, 1, new Rng('x'))).toThrow(/samples/);
    const d = saltelliDesign(box, 3, new Rng('x'));
    expect(() => sobolIndices(d, [1, 2, 3], new Rng('x'))).toThrow(/expected 15 values/);
  });
});
