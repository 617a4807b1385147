import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abcPosterior, abcRejection, abcSample, acceptedCount, quantileSorted, type AbcDraw, type AbcOptions } from '../../src/calibrate/abc.js';
import { Rng } from '../../src/model/rng.js';
import { fieldOf } from '../support/param-error-field.js';

/** A toy model whose summary is the parameter plus noise from the simulation stream. */
function toy(key = 'abc-toy'): AbcOptions<number> {
  return {
    prior: { a: [0, 1], b: [-2, 3] },
    simulate: (params, rng) => params.a + 0.01 * rng.normal(),
    distance: (s) => Math.abs(s - 0.3),
    samples: 40,
    acceptFraction: 0.1,
    rng: new Rng(key),
  };
}

describe('abcSample', () => {
  it('draw i does not depend on which draws came before or in what order', () => {
    const o = toy();
    const forward = Array.from({ length: 12 }, (_, i) => abcSample(i, o));
    const backward = Array.from({ length: 12 }, (_, k) => abcSample(11 - k, o)).reverse();
    expect(backward).toEqual(forward);
    expect(abcSample(7, o)).toEqual(forward[7]);
    // The batch run is the same set of draws.
    expect(abcRejection({ ...o, samples: 12 }).all).toEqual(forward);
  });

  it('the prior draw does not depend on how many numbers the simulation consumes', () => {
    const o = toy();
    const greedy = { ...o, simulate: (p: Readonly<Record<string, number>>, rng: Rng) => { for (let k = 0; k < 100; k++) rng.next(); return p.a; } };
    for (let i = 0; i < 5; i++) expect(abcSample(i, greedy).params).toEqual(abcSample(i, o).params);
  });

  it('same key gives identical draws, a different key different ones', () => {
    expect(abcRejection(toy('k1')).all).toEqual(abcRejection(toy('k1')).all);
    expect(abcRejection(toy('k2')).all.map((d) => d.params.a)).not.toEqual(abcRejection(toy('k1')).all.map((d) => d.params.a));
  });

  it('every parameter lies inside its prior bounds', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
        fc.nat(1000),
        (lo, span, i) => {
          const hi = lo + span;
          fc.pre(lo < hi);
          const d = abcSample(i, { ...toy(), prior: { x: [lo, hi], y: [0, 1] }, simulate: (p) => p.x });
          return d.params.x >= lo && d.params.x <= hi && d.params.y >= 0 && d.params.y < 1 && Object.keys(d.params).length === 2;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('prior draws are uniform: the mean of many draws is (lo + hi)/2 within 4 standard errors', () => {
    const o = { ...toy(), prior: { x: [2, 6] as const }, simulate: () => 0, distance: () => 0 };
    const n = 4000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += abcSample(i, o).params.x;
    // Var U[2,6] = 16/12.
    expect(Math.abs(sum / n - 4)).toBeLessThan(4 * Math.sqrt(16 / 12 / n));
  });
});

describe('abcPosterior', () => {
  const draw = (index: number, x: number, distance: number): AbcDraw => ({ index, params: { x }, distance });

  it('keeps the ⌈αN⌉ closest draws and summarises them (hand example)', () => {
    // Closest five (distances 0..4) have x = 5, 1, 4, 2, 3; the rest are far.
    const xs = [5, 1, 4, 2, 3];
    const all = [...xs.map((x, i) => draw(i, x, i)), ...Array.from({ length: 15 }, (_, k) => draw(5 + k, 100, 10 + k))];
    const post = abcPosterior(all, 0.25);
    expect(post.accepted.map((d) => d.params.x)).toEqual(xs);
    expect(post.best).toEqual(all[0]);
    expect(post.tolerance).toBe(4);
    // Sorted accepted x = 1..5; type-7 quantiles: 1 + q·4.
    expect(post.posterior.x.mean).toBe(3);
    expect(post.posterior.x.median).toBe(3);
    expect(post.posterior.x.q05).toBeCloseTo(1.2, 12);
    expect(post.posterior.x.q95).toBeCloseTo(4.8, 12);
  });

  it('breaks ties in distance by index and never accepts a NaN distance', () => {
    const all = [draw(3, 30, 1), draw(0, 0, NaN), draw(2, 20, 1), draw(1, 10, 1)];
    const post = abcPosterior(all, 0.5);
    expect(post.accepted.map((d) => d.index)).toEqual([1, 2]);
    expect(abcPosterior([draw(0, 0, NaN)], 1).best).toBeUndefined();
    expect(Number.isNaN(abcPosterior([draw(0, 0, NaN)], 1).posterior.x.mean)).toBe(true);
  });

  it('shards merged in any order give the same posterior', () => {
    const o = toy();
    const all = abcRejection(o).all;
    const shuffled = new Rng('shuffle').shuffle([...all]);
    expect(abcPosterior(shuffled, 0.1)).toEqual(abcPosterior(all, 0.1));
  });

  it('accepted counts and type-7 quantiles', () => {
    expect(acceptedCount(300, 0.05)).toBe(15);
    expect(acceptedCount(10, 1)).toBe(10);
    expect(acceptedCount(10, 0.01)).toBe(1);
    expect(acceptedCount(10, 0.11)).toBe(2);
    expect(quantileSorted([0, 10], 0.05)).toBeCloseTo(0.5, 12);
    expect(quantileSorted([7], 0.95)).toBe(7);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
  });
});

describe('abcRejection', () => {
  it('with a noiseless summary, the accepted draws are exactly the prior draws nearest the target', () => {
    // distance = |a − 0.3| with a ~ U[0,1]: keeping 10 % keeps a ∈ [0.3 − ε, 0.3 + ε] with ε ≈ 0.05.
    const result = abcRejection({ ...toy(), simulate: (p) => p.a, samples: 1000, acceptFraction: 0.1 });
    expect(result.accepted).toHaveLength(100);
    expect(result.tolerance).toBeGreaterThan(0.04);
    expect(result.tolerance).toBeLessThan(0.06);
    for (const d of result.accepted) expect(Math.abs(d.params.a - 0.3)).toBeLessThanOrEqual(result.tolerance);
    const rejected = result.all.filter((d) => !result.accepted.includes(d));
    for (const d of rejected) expect(d.distance).toBeGreaterThanOrEqual(result.tolerance);
    expect(result.posterior.a.median).toBeCloseTo(0.3, 1);
    expect(result.posterior.a.q05).toBeGreaterThan(0.24);
    expect(result.posterior.a.q95).toBeLessThan(0.36);
    // b does not enter the distance: its posterior stays spread over the prior [−2, 3].
    expect(result.posterior.b.q95 - result.posterior.b.q05).toBeGreaterThan(3);
  });

  it('rejects bad options naming the field', () => {
    const o = toy();
    expect(fieldOf(() => abcRejection({ ...o, prior: {} }))).toBe('prior');
    expect(fieldOf(() => abcRejection({ ...o, prior: { p: [0.5, 0.5] } }))).toBe('prior.p');
    expect(fieldOf(() => abcRejection({ ...o, prior: { p: [1, 0] } }))).toBe('prior.p');
    expect(fieldOf(() => abcRejection({ ...o, prior: { p: [0, Infinity] } }))).toBe('prior.p');
    expect(fieldOf(() => abcRejection({ ...o, prior: { p: [0] as unknown as [number, number] } }))).toBe('prior.p');
    for (const f of [0, -0.1, 1.5, NaN]) expect(fieldOf(() => abcRejection({ ...o, acceptFraction: f }))).toBe('acceptFraction');
    expect(fieldOf(() => abcPosterior([], 0))).toBe('acceptFraction');
    expect(fieldOf(() => abcRejection({ ...o, samples: 0 }))).toBe('samples');
    expect(fieldOf(() => abcRejection({ ...o, samples: 2.5 }))).toBe('samples');
    expect(fieldOf(() => abcSample(-1, o))).toBe('i');
    expect(fieldOf(() => abcRejection({ ...o, simulate: null as unknown as AbcOptions<number>['simulate'] }))).toBe('simulate');
  });
});
