/**
 * Goodness of fit of a calibration: the posterior predictive check
 * discriminates (the model at the parameters that made the archive sits
 * close to it, the model far from them does not), its bands are proper
 * bands, and the warning names the feature a model cannot reproduce.
 */
import { describe, expect, it } from 'vitest';
import { GOOD_FIT_KS, fitWarning, poolSummaries, predictiveCheck } from '../../src/runner/calibrate-check.js';
import { CALIBRATION_FEATURES, calibrationSimulator, type DrawSettings } from '../../src/runner/calibrate-draw.js';
import type { CascadeSelection } from '../../src/compare/cascade-selection.js';
import { defineExperiment } from '../../src/experiment/define-experiment.js';
import type { ExperimentDefinition } from '../../src/experiment/experiment-types.js';
import { Rng } from '../../src/model/rng.js';

const DEF: ExperimentDefinition = defineExperiment({
  id: 'ic-check',
  title: 'Independent cascade check',
  question: 'Does the predictive check tell a fit from a misfit?',
  model: 'independent-cascade',
  network: { kind: 'preferential-attachment', params: { n: 800, m: 3 } },
  base: { seedCount: 60, p: 0.1 },
  replicates: 1,
  steps: 60,
  seed: 'check-test',
  calibrate: { p: [0, 0.5] },
} as ExperimentDefinition);
const PRIOR = { p: [0, 0.5] as const };
const ALL: CascadeSelection = { roots: 'claims', veracity: 'any', minSize: 1, windowMinutes: null };

// The "archive": the model itself at p = 0.25, on other realisations than the check's.
const simulate = calibrationSimulator(DEF, { prior: PRIOR, commonRandomNumbers: false, selection: ALL });
const parts = [0, 1, 2, 3].map((k) => simulate({ p: 0.25 }, new Rng(`archive-${k}`)));
const observed = Object.fromEntries(CALIBRATION_FEATURES.map((f) => [f, Float64Array.from(parts.flatMap((s) => Array.from(s[f] ?? [])))]));
const settings: DrawSettings = { prior: PRIOR, seed: 'check-test', commonRandomNumbers: true, observed, samples: 10, accept: 0.2, selection: ALL, matchOnSize: true };

describe('posterior predictive check', () => {
  const near = predictiveCheck(DEF, settings, { p: 0.25 }, 8);
  const far = predictiveCheck(DEF, settings, { p: 0.03 }, 8);

  it('at the parameters that made the archive every feature is close; far from them the size is farther', () => {
    for (const f of CALIBRATION_FEATURES) expect(near.features[f].median, f).toBeLessThan(GOOD_FIT_KS);
    // Matched on size, an independent cascade's shape hardly depends on p (Juul & Ugander's point): the size tells p apart.
    expect(far.features.size.median).toBeGreaterThan(2 * near.features.size.median);
    expect(far.features.size.median).toBeGreaterThan(near.features.size.median + 0.08);
    expect(near.replicates).toBe(8);
    expect(near.features.size.ks).toHaveLength(8);
  });

  it('the pooled predictive: one replicate pools to itself; more replicates pool every cascade; on size it is a mixture, so no farther than the farthest replicate', () => {
    const one = predictiveCheck(DEF, settings, { p: 0.25 }, 1);
    for (const f of CALIBRATION_FEATURES) expect(one.features[f].pooled, f).toBe(one.features[f].ks[0]);
    expect(near.pooledMean).toBeCloseTo(CALIBRATION_FEATURES.reduce((t, f) => t + near.features[f].pooled, 0) / CALIBRATION_FEATURES.length, 12);
    // Size is not matched: the pooled CDF is a convex combination of the replicates' CDFs, so sup|F − G| ≤ max over replicates.
    for (const c of [near, far]) expect(c.features.size.pooled).toBeLessThanOrEqual(Math.max(...c.features.size.ks) + 1e-12);
    const a = { size: Float64Array.of(1, 2), depth: Float64Array.of(0, 1) };
    const b = { size: Float64Array.of(5), depth: Float64Array.of(2) };
    const pooled = poolSummaries([a, b]);
    expect(Array.from(pooled.size ?? [])).toEqual([1, 2, 5]);
    expect(Array.from(pooled.depth ?? [])).toEqual([0, 1, 2]);
    expect(pooled['max-breadth']?.length).toBe(0);
  });

  it('bands are bands: lower ≤ median ≤ upper, CCDFs in [0, 1] and non-increasing, on an increasing grid', () => {
    for (const f of CALIBRATION_FEATURES) {
      const b = near.features[f].band;
      for (let k = 0; k < b.x.length; k++) {
        if (k > 0) {
          expect(b.x[k]).toBeGreaterThan(b.x[k - 1]);
          expect(b.archive[k]).toBeLessThanOrEqual(b.archive[k - 1]);
        }
        expect(b.lower[k]).toBeLessThanOrEqual(b.median[k] + 1e-12);
        expect(b.median[k]).toBeLessThanOrEqual(b.upper[k] + 1e-12);
        for (const v of [b.archive[k], b.lower[k], b.upper[k]]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }
      expect(b.archive[0]).toBe(1);
    }
  });

  it('is a function of the seed: the same check twice gives the same numbers', () => {
    expect(predictiveCheck(DEF, settings, { p: 0.25 }, 8)).toEqual(near);
  });
});

describe('the misfit warning', () => {
  it('silent when every feature is within the threshold; otherwise it names the worst feature and its distance', () => {
    const good = Object.fromEntries(CALIBRATION_FEATURES.map((f) => [f, 0.1]));
    expect(fitWarning(good, 'twitter15 (label false)')).toBeNull();
    const bad = { ...good, depth: 0.55, 'time-to-90pct': 0.3 };
    const w = fitWarning(bad, 'twitter15 (label false)');
    expect(w).toContain('the closest draw is still at KS 0.55 on depth');
    expect(w).toContain('above 0.2 on depth 0.55, time-to-90pct 0.30');
    expect(w).toContain('does not reproduce twitter15 (label false)');
    expect(fitWarning(undefined, 'x')).toContain('no draw gave a cascade that passes the selection');
  });
});
