/**
 * The bridging scorer (bridging-scorer.ts): r̂_un = μ + i_u + i_n + f_u·f_n
 * fitted by alternating least squares under the published loss
 *   Σ (r − r̂)² + λ_i (Σ i_u² + Σ i_n² + μ²) + λ_f (Σ f_u² + Σ f_n²).
 *
 * Oracles: (a) a matrix of all-ones ratings, solved by hand; (b) an
 * independent solver written here (plain gradient descent on the same loss,
 * with its own gradient and start) on a 4×3 matrix; (c) properties: the
 * loss never increases, and permuting raters or notes permutes the fit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParamError } from '../../src/model/errors.js';
import { FACTOR_LAMBDA, INTERCEPT_LAMBDA, fitBridging, isHelpful, type Ratings } from '../../src/sim/platform/bridging-scorer.js';

function full(matrix: number[][]): Ratings {
  const rater: number[] = [];
  const note: number[] = [];
  const value: number[] = [];
  matrix.forEach((row, u) =>
    row.forEach((v, n) => {
      if (Number.isNaN(v)) return;
      rater.push(u);
      note.push(n);
      value.push(v);
    }),
  );
  return { raters: matrix.length, notes: matrix[0].length, rater, note, value };
}

/** Plain gradient descent on the loss, independent of the ALS code: its own gradient, start and stopping rule. */
function gradientDescent(r: Ratings, steps: number, rate: number) {
  const U = r.raters;
  const N = r.notes;
  let mu = 0.1;
  const iu = new Array<number>(U).fill(0);
  const inn = new Array<number>(N).fill(0);
  const fu = Array.from({ length: U }, (_, u) => (u % 2 === 0 ? 0.3 : -0.2) + 0.01 * u);
  const fn = Array.from({ length: N }, (_, n) => 0.1 - 0.05 * n);
  const li = 0.15;
  const lf = 0.03;
  for (let s = 0; s < steps; s++) {
    let gmu = 2 * li * mu;
    const giu = iu.map((x) => 2 * li * x);
    const gin = inn.map((x) => 2 * li * x);
    const gfu = fu.map((x) => 2 * lf * x);
    const gfn = fn.map((x) => 2 * lf * x);
    for (let k = 0; k < r.value.length; k++) {
      const u = r.rater[k];
      const n = r.note[k];
      const e = mu + iu[u] + inn[n] + fu[u] * fn[n] - r.value[k];
      gmu += 2 * e;
      giu[u] += 2 * e;
      gin[n] += 2 * e;
      gfu[u] += 2 * e * fn[n];
      gfn[n] += 2 * e * fu[u];
    }
    mu -= rate * gmu;
    for (let u = 0; u < U; u++) {
      iu[u] -= rate * giu[u];
      fu[u] -= rate * gfu[u];
    }
    for (let n = 0; n < N; n++) {
      inn[n] -= rate * gin[n];
      fn[n] -= rate * gfn[n];
    }
  }
  let loss = li * mu * mu;
  for (let k = 0; k < r.value.length; k++) {
    const e = r.value[k] - (mu + iu[r.rater[k]] + inn[r.note[k]] + fu[r.rater[k]] * fn[r.note[k]]);
    loss += e * e;
  }
  for (let u = 0; u < U; u++) loss += li * iu[u] * iu[u] + lf * fu[u] * fu[u];
  for (let n = 0; n < N; n++) loss += li * inn[n] * inn[n] + lf * fn[n] * fn[n];
  return { mu, iu, inn, fu, fn, loss };
}

describe('bridging scorer', () => {
  it('uses the published regularisation (λ_i = 0.15, λ_f = 0.03) and thresholds (i_n ≥ 0.40, |f_n| < 0.5)', () => {
    expect(INTERCEPT_LAMBDA).toBe(0.15);
    expect(FACTOR_LAMBDA).toBe(0.03);
    expect(isHelpful(0.4, 0.49)).toBe(true);
    expect(isHelpful(0.399, 0)).toBe(false);
    expect(isHelpful(0.9, 0.5)).toBe(false);
    expect(isHelpful(0.9, -0.5)).toBe(false);
  });

  it('all-ones ratings: the hand solution e = λ/(λ + UN + U + N), μ = UN·e/λ, i_u = N·e/λ, i_n = U·e/λ, factors 0', () => {
    // With every rating 1 the factors only cost; by symmetry μ, the i_u and the i_n are each equal,
    // and setting the derivatives to 0 gives the closed form above (U = 4 raters, N = 3 notes).
    const fit = fitBridging(full([[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]]), { maxIterations: 20_000, tolerance: 0 });
    const l = 0.15;
    const e = l / (l + 12 + 4 + 3);
    expect(fit.mu).toBeCloseTo((12 * e) / l, 6);
    for (const x of fit.raterIntercept) expect(x).toBeCloseTo((3 * e) / l, 6);
    for (const x of fit.noteIntercept) expect(x).toBeCloseTo((4 * e) / l, 6);
    for (const x of fit.noteFactor) expect(Math.abs(x)).toBeLessThan(1e-6);
    expect(fit.loss).toBeCloseTo(12 * e * e + l * (((12 * e) / l) ** 2 + 4 * ((3 * e) / l) ** 2 + 3 * ((4 * e) / l) ** 2), 9);
  });

  it('a note rated helpful across sides gets the higher intercept and the smaller |factor|; one side\'s notes get opposite factors', () => {
    // Raters 0–5 on one side, 6–11 on the other. Note 0: helpful to both sides. Note 1: helpful to side A only.
    // Note 2: helpful to side B only. Notes 3 and 4: more one-sided notes, so the factor has an axis to find.
    const rows: number[][] = [];
    for (let u = 0; u < 12; u++) {
      const a = u < 6;
      rows.push([1, a ? 1 : 0, a ? 0 : 1, a ? 1 : 0, a ? 0 : 1]);
    }
    const fit = fitBridging(full(rows));
    const [i0, i1, i2] = fit.noteIntercept;
    const [f0, f1, f2] = fit.noteFactor;
    expect(i0).toBeGreaterThan(i1 + 0.3);
    expect(i0).toBeGreaterThan(i2 + 0.3);
    expect(Math.abs(f0)).toBeLessThan(0.05);
    expect(Math.abs(f1)).toBeGreaterThan(0.5);
    expect(f1 * f2).toBeLessThan(0);
    expect(isHelpful(i0, f0)).toBe(true);
    expect(isHelpful(i1, f1)).toBe(false);
    expect(isHelpful(i2, f2)).toBe(false);
    // Majority would show note 1 and note 2 equally (half the raters each); the bridging rule shows neither.
  });

  it('agrees with an independent gradient-descent solver on a 4×3 matrix (loss to 1e-6, parameters to 1e-4)', () => {
    const r = full([
      [1, 0, 1],
      [1, 0.5, 0],
      [0, 1, 1],
      [1, 1, NaN],
    ]);
    const als = fitBridging(r, { maxIterations: 100_000, tolerance: 0 });
    const gd = gradientDescent(r, 400_000, 0.01);
    expect(Math.abs(als.loss - gd.loss)).toBeLessThan(1e-6);
    expect(als.mu).toBeCloseTo(gd.mu, 4);
    for (let u = 0; u < 4; u++) expect(Math.abs(als.raterIntercept[u] - gd.iu[u])).toBeLessThan(1e-4);
    for (let n = 0; n < 3; n++) expect(Math.abs(als.noteIntercept[n] - gd.inn[n])).toBeLessThan(1e-4);
    // f and −f fit equally: compare the products f_u·f_n.
    for (let u = 0; u < 4; u++) for (let n = 0; n < 3; n++) expect(Math.abs(als.raterFactor[u] * als.noteFactor[n] - gd.fu[u] * gd.fn[n])).toBeLessThan(1e-4);
  });

  const ratingsArb = fc
    .record({ raters: fc.integer({ min: 2, max: 7 }), notes: fc.integer({ min: 2, max: 6 }) })
    .chain(({ raters, notes }) =>
      fc.array(fc.constantFrom(0, 0.5, 1, NaN), { minLength: raters * notes, maxLength: raters * notes }).map((cells) => {
        const rows: number[][] = [];
        for (let u = 0; u < raters; u++) rows.push(cells.slice(u * notes, (u + 1) * notes));
        rows[0][0] = 1; // at least one rating
        return rows;
      }),
    );

  it('the loss never increases across ALS iterations (each block step is an exact minimisation)', () => {
    fc.assert(
      fc.property(ratingsArb, (rows) => {
        const fit = fitBridging(full(rows), { maxIterations: 60, tolerance: 0 });
        for (let k = 1; k < fit.lossHistory.length; k++) expect(fit.lossHistory[k]).toBeLessThanOrEqual(fit.lossHistory[k - 1] * (1 + 1e-12) + 1e-15);
      }),
      { seed: 1919, numRuns: 150 },
    );
  });

  it('permuting raters (with their starting factors) or notes permutes the solution', () => {
    fc.assert(
      fc.property(ratingsArb, fc.integer({ min: 1, max: 1000 }), (rows, shift) => {
        const U = rows.length;
        const N = rows[0].length;
        const pu = Array.from({ length: U }, (_, u) => (u + shift) % U); // rater u moves to row pu[u]
        const pn = Array.from({ length: N }, (_, n) => (n + 2 * shift) % N);
        const start = Array.from({ length: U }, (_, u) => 0.3 * Math.sin(u + 1));
        const moved: number[][] = Array.from({ length: U }, () => new Array<number>(N));
        const movedStart = new Array<number>(U);
        for (let u = 0; u < U; u++) {
          movedStart[pu[u]] = start[u];
          for (let n = 0; n < N; n++) moved[pu[u]][pn[n]] = rows[u][n];
        }
        const a = fitBridging(full(rows), { initialRaterFactors: start, maxIterations: 80, tolerance: 0 });
        const b = fitBridging(full(moved), { initialRaterFactors: movedStart, maxIterations: 80, tolerance: 0 });
        expect(Math.abs(a.mu - b.mu)).toBeLessThan(1e-9);
        for (let u = 0; u < U; u++) {
          expect(Math.abs(a.raterIntercept[u] - b.raterIntercept[pu[u]])).toBeLessThan(1e-9);
          expect(Math.abs(a.raterFactor[u] - b.raterFactor[pu[u]])).toBeLessThan(1e-9);
        }
        for (let n = 0; n < N; n++) {
          expect(Math.abs(a.noteIntercept[n] - b.noteIntercept[pn[n]])).toBeLessThan(1e-9);
          expect(Math.abs(a.noteFactor[n] - b.noteFactor[pn[n]])).toBeLessThan(1e-9);
        }
      }),
      { seed: 2022, numRuns: 100 },
    );
  });

  it('rejects bad input, naming the field', () => {
    expect(() => fitBridging({ raters: 2, notes: 1, rater: [0, 2], note: [0, 0], value: [1, 1] })).toThrow(ParamError);
    expect(() => fitBridging({ raters: 2, notes: 1, rater: [0, 2], note: [0, 0], value: [1, 1] })).toThrow(/rater\[1\]/);
    expect(() => fitBridging({ raters: 1, notes: 1, rater: [0], note: [0], value: [2] })).toThrow(/value\[0\]/);
    expect(() => fitBridging({ raters: 1, notes: 1, rater: [0], note: [0], value: [1] }, { factorLambda: 0 })).toThrow(/factorLambda/);
  });
});
