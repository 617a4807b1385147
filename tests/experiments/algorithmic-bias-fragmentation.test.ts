/**
 * experiments/algorithmic-bias-fragmentation.ts: the headlines of Sîrbu et
 * al. 2019 checked on the experiment's own runs (against the paper's
 * statements, not against earlier output):
 * - Fig. 1: for a given ε, more clusters at larger γ. The bundled
 *   experiment with 40 replicates of γ ∈ {0, 1} at ε ∈ {0.15, 0.3} (a
 *   `--replicates 40 --vary` override of its quick size; γ = 1 converges in
 *   about 10³ iterations, so this costs seconds), one-sided Mann–Whitney
 *   test per ε at α = 0.001 (normal approximation with ties; critical
 *   z = 3.090), so a false alarm below 0.002 for the pair. From the full
 *   experiment's effect (about +0.3 to +0.5 clusters, spread ≈ 0.4) the
 *   power is above 0.8 per ε.
 * - "For ε > 0.4 the population always converges to 1 cluster": every quick
 *   run at ε = 0.5.
 * - Fig. 3: convergence takes far longer with bias.
 * Every run must have converged, so the counts are the absorbing state's.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import type { RunResult } from '../../src/experiment/experiment-types.js';
import { goldenExperiments } from '../../src/golden/golden-experiments.js';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** One-sided Mann–Whitney z for "b tends to exceed a" (midranks, tie-corrected variance). */
function mannWhitneyZ(a: readonly number[], b: readonly number[]): number {
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(all.length);
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1].v === all[i].v) j++;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    for (let k = i; k <= j; k++) ranks[k] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const n1 = a.length;
  const n2 = b.length;
  const n = n1 + n2;
  let rankSumB = 0;
  for (let k = 0; k < n; k++) if (all[k].g === 1) rankSumB += ranks[k];
  const u = rankSumB - (n2 * (n2 + 1)) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  return (u - (n1 * n2) / 2) / sigma;
}

const Z_001 = 3.090; // standard normal upper 0.001 quantile
const EPSILONS = [0.15, 0.2, 0.25, 0.3];

function experiment() {
  const def = goldenExperiments().get('algorithmic-bias-fragmentation');
  if (def === undefined) throw new Error('algorithmic-bias-fragmentation is not registered');
  return def;
}

describe('algorithmic-bias-fragmentation', () => {
  const quick = resolveExperiment(experiment(), { quick: true });
  const quickResults = quick.runs.map((run) => executeRun(quick, run));
  const wide = resolveExperiment(experiment(), { quick: true, replicates: 40, vary: { gamma: ['0', '1'], epsilon: EPSILONS.map(String) } });
  const wideResults = wide.runs.map((run) => executeRun(wide, run));
  const at = (results: RunResult[], gamma: number, epsilon: number): RunResult[] =>
    results.filter((r) => r.run.params.gamma === gamma && r.run.params.epsilon === epsilon);

  it("uses the 'sorted' sampler and every run reaches the absorbing state", () => {
    expect(quick.base.sampler).toBe('sorted');
    for (const r of [...quickResults, ...wideResults]) expect(r.converged, r.run.name).toBe(true);
  });

  it('the Mann–Whitney helper: a hand-checked case', () => {
    // a = {1, 2}, b = {3, 4}: U = 4 = n1 n2, mean 2, σ² = 2·2·5/12 → z = 2/√(5/3).
    expect(mannWhitneyZ([1, 2], [3, 4])).toBeCloseTo(2 / Math.sqrt(5 / 3), 12);
    expect(mannWhitneyZ([3, 4], [1, 2])).toBeCloseTo(-2 / Math.sqrt(5 / 3), 12);
  });

  it(`more clusters at γ = 1 than at γ = 0 for a given ε (Fig. 1; Mann–Whitney per ε, Stouffer-combined, α = 0.001)`, () => {
    const zs = EPSILONS.map((epsilon) => {
      const plain = at(wideResults, 0, epsilon).map((r) => r.final['opinion.clusters']);
      const biased = at(wideResults, 1, epsilon).map((r) => r.final['opinion.clusters']);
      expect(plain.length).toBe(40);
      expect(biased.length).toBe(40);
      return mannWhitneyZ(plain, biased);
    });
    const combined = zs.reduce((a, b) => a + b, 0) / Math.sqrt(zs.length);
    expect(combined, `per-ε z: ${zs.map((z) => z.toFixed(2)).join(', ')}`).toBeGreaterThan(Z_001);
  });

  it('one cluster for ε > 0.4, with or without bias', () => {
    const runs = quickResults.filter((r) => r.run.params.epsilon === 0.5);
    expect(runs.length).toBeGreaterThan(0);
    for (const r of runs) expect(r.final['opinion.clusters'], r.run.name).toBeLessThan(1.1);
  });

  it('convergence takes far longer with bias (Fig. 3)', () => {
    for (const epsilon of EPSILONS) {
      const steps = (gamma: number) => mean(at(wideResults, gamma, epsilon).map((r) => r.final.steps));
      expect(steps(1), `ε = ${epsilon}`).toBeGreaterThan(4 * steps(0));
    }
  });
});
