/**
 * Designs beyond full grids, end to end short of running a model:
 * - `--design lhs|sobol --samples N` resolves to N (LHS) or N (k + 2)
 *   (Sobol) points per grid point and replicate, the ranged parameters in
 *   every run's params and out of `vary`, the same points for the same
 *   seed; bad designs fail naming the flag and what is allowed;
 * - partial rank correlations: with one parameter PRCC is Spearman's rho;
 *   with two it is the textbook first-order partial correlation of the
 *   ranks; a monotone transform of the output leaves it unchanged;
 * - the report's analysis of a Saltelli design whose "runs" are the
 *   Ishigami function recovers its exact Sobol indices within 0.05, and
 *   pools the design points of an arm instead of making each an arm.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import type { ExperimentDefinition, RunSpec } from '../../src/experiment/experiment-types.js';
import { Rng } from '../../src/model/rng.js';
import { designAnalysis } from '../../src/report/design-analysis.js';
import { reportHtml } from '../../src/report/report-html.js';
import { midRanks, prccIndices } from '../../src/report/sensitivity.js';
import { summarize } from '../../src/report/summary-stats.js';
import { thrown } from '../support/thrown.js';
import { fixtureExperiment, fixtureResult } from './report-fixtures.js';

const deffuant: ExperimentDefinition = {
  id: 'design-probe',
  title: 'Design probe',
  question: 'Which parameter matters?',
  model: 'deffuant',
  network: { kind: 'erdos-renyi', params: { n: 50, p: 0.1 } },
  vary: { epsilon: [0.2, 0.3] },
  replicates: 2,
  steps: 10,
  seed: 'd1',
  ranges: { epsilon: [0.1, 0.6], mu: [0.1, 0.5] },
};

describe('designs in resolution', () => {
  it('Sobol: n (k + 2) points per replicate, ranged parameters in params (not in vary), named by index', () => {
    const r = resolveExperiment(deffuant, { design: { kind: 'sobol', samples: 8 }, checkInit: false });
    expect(r.design?.names).toEqual(['epsilon', 'mu']);
    expect(r.design?.points).toHaveLength(8 * 4);
    expect(r.runs).toHaveLength(8 * 4 * 2);
    expect(r.vary).toEqual({});
    expect(new Set(r.runs.map((x) => x.name)).size).toBe(r.runs.length);
    expect(r.runs[0].name).toBe('design=00__r0');
    for (const run of r.runs) {
      expect(run.params.epsilon as number).toBeGreaterThanOrEqual(0.1);
      expect(run.params.epsilon as number).toBeLessThan(0.6);
      expect(run.params.mu as number).toBeGreaterThanOrEqual(0.1);
      expect(run.params.mu as number).toBeLessThan(0.5);
      // Replicates of a design point share its values; all design points of a replicate share the CRN key.
      expect(run.crnKey).toBe(`design-probe|d1|replicate|${run.replicate}`);
    }
    // A_B^(1) (epsilon from B) keeps mu of A.
    const d = r.design!;
    for (let j = 0; j < 8; j++) {
      expect(d.points[16 + j].epsilon).toBe(d.points[8 + j].epsilon);
      expect(d.points[16 + j].mu).toBe(d.points[j].mu);
    }
  });

  it('the same seed gives the same points; another seed others; LHS has N points', () => {
    const a = resolveExperiment(deffuant, { design: { kind: 'lhs', samples: 10 }, checkInit: false });
    const b = resolveExperiment(deffuant, { design: { kind: 'lhs', samples: 10 }, checkInit: false });
    const c = resolveExperiment(deffuant, { design: { kind: 'lhs', samples: 10 }, seed: 'other', checkInit: false });
    expect(a.design?.points).toEqual(b.design?.points);
    expect(a.design?.points).not.toEqual(c.design?.points);
    expect(a.runs).toHaveLength(20);
    // One point per tenth of each range.
    const strata = a.design!.points.map((p) => Math.floor((p.epsilon - 0.1) / 0.05)).sort((x, y) => x - y);
    expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('ranges from --range first, then `ranges`, then `calibrate`; the rest of the grid is crossed', () => {
    const only = resolveExperiment(deffuant, { design: { kind: 'lhs', samples: 4, ranges: { mu: [0.2, 0.3] } }, checkInit: false });
    expect(only.design?.names).toEqual(['mu']);
    // epsilon stays swept: 2 values × 4 points × 2 replicates.
    expect(only.vary).toEqual({ epsilon: [0.2, 0.3] });
    expect(only.runs).toHaveLength(16);
    expect(only.runs[0].name).toBe('epsilon=0.2,design=0__r0');
    const cal = resolveExperiment({ ...deffuant, ranges: undefined, calibrate: { mu: [0.1, 0.2] } }, { design: { kind: 'lhs', samples: 3 }, checkInit: false });
    expect(cal.design?.names).toEqual(['mu']);
  });

  it('bad designs fail naming the flag, the value and what is allowed', () => {
    expect(String((thrown(() => resolveExperiment({ ...deffuant, ranges: undefined }, { design: { kind: 'lhs', samples: 4 }, checkInit: false })) as Error).message)).toMatch(/--range name=lo:hi/);
    expect(String((thrown(() => resolveExperiment(deffuant, { design: { kind: 'sobol', samples: 1 }, checkInit: false })) as Error).message)).toMatch(/--samples.*samples.*1.*integer from 2/s);
    expect(String((thrown(() => resolveExperiment(deffuant, { design: { kind: 'lhs', samples: 4, ranges: { nosuch: [0, 1] } }, checkInit: false })) as Error).message)).toMatch(/nosuch/);
  });
});

function spearman(x: number[], y: number[]): number {
  const rx = Array.from(midRanks(x));
  const ry = Array.from(midRanks(y));
  const m = (rx.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  rx.forEach((v, i) => {
    sxy += (v - m) * (ry[i] - m);
    sxx += (v - m) ** 2;
    syy += (ry[i] - m) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('partial rank correlations', () => {
  const rng = new Rng('prcc-test');
  const n = 60;
  const pts = Array.from({ length: n }, () => ({ a: rng.next(), b: rng.next() }));
  const noise = Array.from({ length: n }, () => rng.next());

  it('mid-ranks share ties', () => {
    expect(Array.from(midRanks([3, 1, 3, 2]))).toEqual([3.5, 1, 3.5, 2]);
  });

  it('one parameter: PRCC is Spearman\'s rho', () => {
    const y = pts.map((p, i) => p.a + noise[i]);
    const [r] = prccIndices(pts.map((p) => ({ a: p.a })), y, new Rng('b'), { resamples: 50 });
    expect(r.prcc).toBeCloseTo(spearman(pts.map((p) => p.a), y), 12);
  });

  it('two parameters: the first-order partial correlation of the ranks, r_ay.b = (r_ay − r_ab r_by) / √((1 − r_ab²)(1 − r_by²))', () => {
    const y = pts.map((p, i) => 2 * p.a - p.b + 0.5 * noise[i]);
    const a = pts.map((p) => p.a);
    const b = pts.map((p) => p.b);
    const rab = spearman(a, b);
    const ray = spearman(a, y);
    const rby = spearman(b, y);
    const expected = (ray - rab * rby) / Math.sqrt((1 - rab ** 2) * (1 - rby ** 2));
    const out = prccIndices(pts, y, new Rng('b'), { resamples: 200 });
    expect(out[0].name).toBe('a');
    expect(out[0].prcc).toBeCloseTo(expected, 10);
    expect(out[0].prcc).toBeGreaterThan(0);
    expect(out[1].prcc).toBeLessThan(0);
    expect(out[0].interval[0]).toBeLessThanOrEqual(out[0].prcc);
    expect(out[0].interval[1]).toBeGreaterThanOrEqual(out[0].prcc);
    // Metamorphic: a monotone transform of the output changes no rank, so no PRCC.
    const again = prccIndices(pts, y.map((v) => Math.exp(3 * v)), new Rng('b'), { resamples: 200 });
    expect(again.map((x) => x.prcc)).toEqual(out.map((x) => x.prcc));
  });
});

describe('the report of a design', () => {
  const PI = Math.PI;
  const ishigami = (p: Readonly<Record<string, unknown>>): number => {
    const [x1, x2, x3] = [p.x1, p.x2, p.x3] as number[];
    return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
  };

  it('Sobol indices of an arm\'s outcome from its runs: Ishigami\'s exact indices within 0.05; arms pool design points', async () => {
    const { designPoints, saltelliDesign } = await import('../../src/report/sensitivity.js');
    const ranges = { x1: [-PI, PI], x2: [-PI, PI], x3: [-PI, PI] } as const;
    const n = 4000;
    const points = designPoints(saltelliDesign(ranges, n, new Rng('ishigami-design')));
    const base = fixtureExperiment({ vary: { arm: ['only'] }, replicates: 1, metrics: ['f'] });
    const runs: RunSpec[] = points.map((p, i) => ({ index: i, name: `arm=only,design=${i}__r0`, params: { arm: 'only', ...p }, replicate: 0, seedKey: `k${i}`, crnKey: 'fixture|s|0' }));
    const resolved = { ...base, runs, design: { kind: 'sobol' as const, samples: n, names: ['x1', 'x2', 'x3'], ranges, points } };
    const results = runs.map((run) => fixtureResult(run, { f: ishigami(run.params) }));
    const summary = summarize(resolved, results);
    expect(summary.arms).toHaveLength(1);
    expect(summary.arms[0].resultRuns).toBe(points.length);
    const analysis = designAnalysis(resolved, results, summary)!;
    const s = analysis.outcomes[0].sobol!;
    const exactFirst = [0.3139, 0.4424, 0];
    const exactTotal = [0.5576, 0.4424, 0.2437];
    s.forEach((x, i) => {
      expect(Math.abs(x.first - exactFirst[i])).toBeLessThan(0.05);
      expect(Math.abs(x.total - exactTotal[i])).toBeLessThan(0.05);
    });
    const html = reportHtml(resolved, results, { summary, design: analysis });
    expect(html.indexOf('id="sensitivity"')).toBeLessThan(html.indexOf('id="setup"'));
    expect((html.match(/data-kind="sobol"/g) ?? []).length).toBe(1);
  });
});
