/**
 * experiments/algorithmic-bias-fragmentation.ts at quick size: the headline
 * of Sîrbu et al. 2019, Fig. 1 — for a given ε, stronger algorithmic bias γ
 * leaves more opinion clusters at convergence; at ε = 0.4 (just below the
 * paper's "ε > 0.4: always one cluster") the population still ends in about
 * one cluster for γ ≤ 1.25. Checked against the paper's statement, not
 * against earlier output; every run must have converged, so the counts are
 * those of the absorbing state.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import type { RunResult } from '../../src/experiment/experiment-types.js';
import { goldenExperiments } from '../../src/golden/golden-experiments.js';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('algorithmic-bias-fragmentation (quick)', () => {
  const def = goldenExperiments().get('algorithmic-bias-fragmentation');
  if (def === undefined) throw new Error('algorithmic-bias-fragmentation is not registered');
  const resolved = resolveExperiment(def, { quick: true });
  const results: RunResult[] = resolved.runs.map((run) => executeRun(resolved, run));
  const clustersAt = (gamma: number, epsilon: number): number[] =>
    results.filter((r) => r.run.params.gamma === gamma && r.run.params.epsilon === epsilon).map((r) => r.final['opinion.clusters']);

  it("uses the 'sorted' sampler and every run reaches the absorbing state", () => {
    expect(resolved.base.sampler).toBe('sorted');
    for (const r of results) expect(r.converged, r.run.name).toBe(true);
  });

  it('more clusters at larger γ for ε = 0.2 (Fig. 1)', () => {
    const g0 = clustersAt(0, 0.2);
    const g125 = clustersAt(1.25, 0.2);
    expect(g0.length).toBeGreaterThan(0);
    expect(g125.length).toBe(g0.length);
    // A margin of half a cluster on the means; the smallest biased run above the plain mean.
    expect(mean(g125)).toBeGreaterThan(mean(g0) + 0.5);
    expect(Math.min(...g125)).toBeGreaterThan(mean(g0));
  });

  it('about one cluster at ε = 0.4 for γ ≤ 1.25', () => {
    for (const gamma of [0, 1, 1.25]) for (const c of clustersAt(gamma, 0.4)) expect(c, `γ = ${gamma}`).toBeLessThan(1.2);
  });

  it('convergence takes much longer at larger γ (Fig. 3)', () => {
    const steps = (gamma: number) => mean(results.filter((r) => r.run.params.gamma === gamma).map((r) => r.final.steps));
    expect(steps(1)).toBeGreaterThan(3 * steps(0));
    expect(steps(1.25)).toBeGreaterThan(3 * steps(1));
  });
});
