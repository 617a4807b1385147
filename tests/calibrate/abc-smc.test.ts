import { describe, expect, it } from 'vitest';
import { abcSmc, weightedQuantile, type AbcSmcOptions } from '../../src/calibrate/abc-smc.js';
import { Rng } from '../../src/model/rng.js';
import { fieldOf } from '../support/param-error-field.js';

const NOISE = 0.05;

/** Summary = a + N(0, 0.05²), observed 0.3: as ε → 0 the posterior of a is N(0.3, 0.05²) (the prior is flat around 0.3). */
function toy(key = 'abc-smc-toy'): AbcSmcOptions<number> {
  return {
    prior: { a: [0, 1], b: [-2, 3] },
    simulate: (p, rng) => p.a + NOISE * rng.normal(),
    distance: (s) => Math.abs(s - 0.3),
    particles: 1000,
    generations: 5,
    quantile: 0.5,
    rng: new Rng(key),
  };
}

describe('abcSmc', () => {
  it('shrinks the tolerance and approaches the exact Gaussian posterior', () => {
    const r = abcSmc(toy());
    expect(r.stoppedEarly).toBe(false);
    expect(r.generations).toHaveLength(5);
    for (let t = 1; t < r.generations.length; t++) expect(r.generations[t].tolerance).toBeLessThan(r.generations[t - 1].tolerance);
    const last = r.generations[4].tolerance;
    expect(r.particles).toHaveLength(1000);
    expect(r.particles.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 12);
    for (const p of r.particles) {
      expect(p.distance).toBeLessThanOrEqual(last);
      expect(p.params.a).toBeGreaterThanOrEqual(0);
      expect(p.params.a).toBeLessThan(1);
      expect(p.params.b).toBeGreaterThanOrEqual(-2);
      expect(p.params.b).toBeLessThan(3);
    }
    // With tolerance ε the ABC posterior has sd ≈ √(0.05² + ε²/3); its 90 % interval ≈ ±1.645 sd.
    const sd = Math.sqrt(NOISE ** 2 + last ** 2 / 3);
    const a = r.posterior.a;
    expect(Math.abs(a.mean - 0.3)).toBeLessThan(0.02);
    expect(a.q95 - a.q05).toBeGreaterThan(0.75 * 2 * 1.645 * sd);
    expect(a.q95 - a.q05).toBeLessThan(1.25 * 2 * 1.645 * sd);
    // b never enters the distance: it stays spread over its prior [−2, 3] (90 % of it is 4.5 wide).
    expect(r.posterior.b.q95 - r.posterior.b.q05).toBeGreaterThan(3);
    for (const g of r.generations) expect(g.ess).toBeGreaterThan(100);
  });

  it('same key gives an identical run, a different key a different one', () => {
    const small = { ...toy(), particles: 30, generations: 3 };
    expect(abcSmc(small)).toEqual(abcSmc({ ...small, rng: new Rng('abc-smc-toy') }));
    expect(abcSmc({ ...small, rng: new Rng('other') }).posterior.a.mean).not.toBe(abcSmc(small).posterior.a.mean);
  });

  it('stops early, keeping the last full population, when a generation runs out of attempts', () => {
    const r = abcSmc({ ...toy(), particles: 20, generations: 4, maxAttempts: 20, distance: (s) => Math.abs(s - 0.3) });
    expect(r.stoppedEarly).toBe(true);
    expect(r.particles).toHaveLength(20);
    expect(r.generations.length).toBeLessThan(4);
  });

  it('weighted quantiles by hand', () => {
    expect(weightedQuantile([4, 1, 3, 2], [1, 1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([1, 2, 3, 4], [3, 1, 0, 0], 0.5)).toBe(1);
    expect(weightedQuantile([1, 2, 3, 4], [0, 0, 1, 3], 0.05)).toBe(3);
    expect(weightedQuantile([1, 2], [1, 1], 0.95)).toBe(2);
  });

  it('rejects bad options naming the field', () => {
    const o = toy();
    expect(fieldOf(() => abcSmc({ ...o, prior: {} }))).toBe('prior');
    expect(fieldOf(() => abcSmc({ ...o, prior: { a: [1, 1] } }))).toBe('prior.a');
    expect(fieldOf(() => abcSmc({ ...o, particles: 1 }))).toBe('particles');
    expect(fieldOf(() => abcSmc({ ...o, generations: 0 }))).toBe('generations');
    for (const q of [0, 1, 2]) expect(fieldOf(() => abcSmc({ ...o, quantile: q }))).toBe('quantile');
    expect(fieldOf(() => abcSmc({ ...o, maxAttempts: 10 }))).toBe('maxAttempts');
  });
});
