/**
 * The rumour-cascades scenario at its default (full) size: its claim
 * cascades are large and star-like for the reasons its mechanism gives.
 * - Recording every reshare under its source (rootAttribution = 1) changes
 *   no claim cascade's size or entry times (attribution only changes the
 *   recorded parents) and makes every one an exact star: depth 1, maximum
 *   breadth n − 1, structural virality 2(n − 1)/n.
 * - At the scenario's own values, the share of a claim cascade's reshares
 *   recorded under the claim is at least the claim's own credited share in
 *   expectation (reshares of the claim itself are always under it), so the
 *   median over large cascades is at least about the median credited share,
 *   rootAttribution.
 * - Claims arrive as a Poisson stream: their number is within 5 SD of
 *   claimsPerHour × 24 hours, and the regime the values were fitted in
 *   gives dozens of cascades of 100 accounts or more per run.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import experiment, { CLAIM_HOURS, claimCascades, FITTED, LARGE_SIZE, rumourScenario } from '../../experiments/rumour-cascades.js';
import { calibrationArm } from '../../src/cli/calibrate-command.js';
import { calibrationSimulator } from '../../src/runner/calibrate-draw.js';
import { cascadeFeatures } from '../../src/compare/cascade-features.js';
import { Rng } from '../../src/model/rng.js';
import type { CascadeTree } from '../../src/sim/cascade-record.js';
import { runScenario, scenarioParams } from '../../src/sim/platform/scenario.js';

const rootShare = (t: CascadeTree): number => {
  let k = 0;
  for (let i = 1; i < t.parent.length; i++) if (t.parent[i] === 0) k++;
  return k / (t.parent.length - 1);
};

describe('rumour-cascades at its default size', () => {
  const params = scenarioParams(rumourScenario);
  const base = runScenario(rumourScenario, { seed: 'test' });
  const cascades = claimCascades(base.platform);
  const large = cascades.filter((t) => t.parent.length >= LARGE_SIZE);

  it('declares 2–4 calibration ranges around values inside them', () => {
    const ranges = experiment.calibrate ?? {};
    expect(Object.keys(ranges).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(ranges).length).toBeLessThanOrEqual(4);
    for (const [name, [lo, hi]] of Object.entries(ranges)) {
      const v = (params as unknown as Record<string, number>)[name];
      expect(v, name).toBeGreaterThanOrEqual(lo);
      expect(v, name).toBeLessThan(hi);
    }
  });

  it('posts a Poisson number of claims and gives dozens of large claim cascades', () => {
    const mean = params.claimsPerHour * CLAIM_HOURS;
    expect(Math.abs(base.platform.claims.length - mean)).toBeLessThan(5 * Math.sqrt(mean));
    expect(cascades.length).toBe(base.platform.claims.length);
    expect(large.length).toBeGreaterThanOrEqual(20);
    expect(base.outcomes['claims.large']).toBe(large.length);
  });

  it('records stars when every reshare goes to its source, with the same sizes and times', () => {
    const star = runScenario(rumourScenario, { seed: 'test', overrides: { rootAttribution: 1 } });
    const stars = claimCascades(star.platform);
    expect(stars.map((t) => t.parent.length)).toEqual(cascades.map((t) => t.parent.length));
    stars.forEach((t, k) => {
      expect(Array.from(t.time)).toEqual(Array.from(cascades[k].time));
      const n = t.parent.length;
      if (n < 2) return;
      const f = cascadeFeatures(t, ['depth', 'max-breadth', 'structural-virality']);
      expect(f.depth).toBe(1);
      expect(f['max-breadth']).toBe(n - 1);
      expect(f['structural-virality']).toBeCloseTo((2 * (n - 1)) / n, 12);
    });
  });

  it('is star-like at its own values: most reshares recorded under the claim, some deeper', () => {
    const shares = large.map(rootShare).sort((a, b) => a - b);
    expect(shares[shares.length >> 1]).toBeGreaterThanOrEqual(params.rootAttribution - 0.05);
    // Not all stars: reshares of reshares that are not credited to the claim make depth ≥ 2.
    expect(large.some((t) => cascadeFeatures(t, ['depth']).depth >= 3)).toBe(true);
  });
});

describe('calibrating rumour-cascades by label', () => {
  it('picks the arm named after the label, an explicit --arm, or none; unknown arms are refused with the list', () => {
    const arms = ['false-fit', 'true-fit'];
    expect(calibrationArm(arms, undefined, 'true')).toBe('true-fit');
    expect(calibrationArm(arms, undefined, 'false')).toBe('false-fit');
    expect(calibrationArm(arms, undefined, 'unverified')).toBeUndefined();
    expect(calibrationArm(arms, undefined, undefined)).toBeUndefined();
    expect(calibrationArm(['a', 'true'], undefined, 'true')).toBe('true');
    expect(calibrationArm(arms, 'true-fit', 'false')).toBe('true-fit');
    expect(() => calibrationArm(arms, 'true', undefined)).toThrow(/unknown `--arm` \("true"\): the arms are false-fit, true-fit/);
    expect(() => calibrationArm([], 'x', undefined)).toThrow(/has no arms/);
  });

  it("each arm's claims carry its veracity, so a draw selected as true claims has cascades only on the true arm", () => {
    const prior = { rootAttribution: [0.3, 0.9] as const };
    const selection = { roots: 'claims', veracity: 'true', minSize: 50, windowMinutes: null } as const;
    const params = { rootAttribution: 0.6 };
    const onTrue = calibrationSimulator(experiment, { prior, commonRandomNumbers: true, selection, arm: 'true-fit' })(params, new Rng('x'));
    const onFalse = calibrationSimulator(experiment, { prior, commonRandomNumbers: true, selection, arm: 'false-fit' })(params, new Rng('x'));
    expect(onTrue.size?.length).toBeGreaterThan(10);
    expect(onFalse.size?.length).toBe(0);
  });
});

describe('rumour-cascades at the values fitted to the false trees', () => {
  // Twitter15's false trees as the shipped reference summarises them (reference/twitter15.json, from the archive itself).
  const reference = JSON.parse(readFileSync(new URL('../../reference/twitter15.json', import.meta.url), 'utf8')) as {
    byLabel: { false: { size: { min: number; p50: number; p90: number } } };
  };
  const archive = reference.byLabel.false.size;
  const sizes = (overrides: Record<string, number>, seeds = ['a', 'b', 'c']): number[] =>
    seeds
      .flatMap((seed) => claimCascades(runScenario(rumourScenario, { seed, arm: 'false-fit', overrides }).platform))
      .map((t) => t.parent.length)
      .filter((n) => n >= archive.min)
      .sort((x, y) => x - y);
  const at = (xs: number[], q: number): number => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];

  it("sizes of the claim cascades the archive would have kept follow the archive's (median and 90th percentile within 40 %); five times the appeal does not", () => {
    const fitted = sizes({});
    expect(fitted.length).toBeGreaterThan(100);
    expect(Math.abs(at(fitted, 0.5) / archive.p50 - 1)).toBeLessThan(0.4);
    expect(Math.abs(at(fitted, 0.9) / archive.p90 - 1)).toBeLessThan(0.4);
    // Five times the appeal: person-to-person spread feeds itself and the large cascades grow well past the authors' audiences.
    const hot = sizes({ claimAppeal: 5 * FITTED.false.claimAppeal }, ['a']);
    expect(at(hot, 0.5)).toBeGreaterThan(2 * archive.p50);
    expect(at(hot, 0.9)).toBeGreaterThan(2 * archive.p90);
  });
});
