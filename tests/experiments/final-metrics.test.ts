/**
 * `finalMetrics`: registry metrics computed once at the end of a run. Their
 * columns follow `metrics` in the final table, they never appear in the
 * series, and their value is the metric of the run's final state — the same
 * number a sampled metric gives at the end (checked by running the metric
 * both ways on one run).
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import type { ExperimentDefinition } from '../../src/experiment/experiment-types.js';
import { InputError } from '../../src/model/errors.js';

const base: ExperimentDefinition = {
  id: 'final-metrics',
  title: 'Final metrics',
  question: 'Are end-only metrics recorded once, at the end?',
  model: 'deffuant',
  network: { kind: 'erdos-renyi', params: { n: 120, p: 0.08 } },
  base: { epsilon: 0.3 },
  replicates: 1,
  steps: 60,
  sampleEvery: 10,
  metrics: ['opinion.mean'],
  finalMetrics: ['network.neighbor-leaning-correlation', 'network.modularity'],
  seed: 'final',
};

describe('finalMetrics', () => {
  it('records end-only metrics after the sampled ones, and only in the final table', () => {
    const resolved = resolveExperiment(base);
    expect(resolved.finalColumns.slice(0, 3)).toEqual(['opinion.mean', 'network.neighbor-leaning-correlation', 'network.modularity']);
    const result = executeRun(resolved, resolved.runs[0]);
    expect(Object.keys(result.final).slice(0, 3)).toEqual(resolved.finalColumns.slice(0, 3));
    expect(result.series.length).toBeGreaterThan(2);
    for (const s of result.series) expect(Object.keys(s.values)).not.toContain('network.modularity');
    const q = result.final['network.modularity'];
    expect(q).toBeGreaterThan(-0.5);
    expect(q).toBeLessThanOrEqual(1);
  });

  it('gives the value a sampled metric has at the end of the same run', () => {
    const atEnd = resolveExperiment(base);
    const sampled = resolveExperiment({ ...base, metrics: ['opinion.mean', 'network.neighbor-leaning-correlation', 'network.modularity'], finalMetrics: undefined });
    const a = executeRun(atEnd, atEnd.runs[0]).final;
    const b = executeRun(sampled, sampled.runs[0]).final;
    for (const m of ['opinion.mean', 'network.neighbor-leaning-correlation', 'network.modularity']) expect(a[m]).toBe(b[m]);
  });

  it('rejects a metric listed twice, an unknown one, or a cascade metric, naming finalMetrics', () => {
    const bad: Array<[readonly string[], RegExp]> = [
      [['opinion.mean'], /not also in `metrics`/],
      [['network.modularty'], /network\.modularity/],
      [['cascade.size'], /network metrics/],
    ];
    for (const [finalMetrics, message] of bad) {
      let error: unknown = null;
      try {
        resolveExperiment({ ...base, finalMetrics });
      } catch (e) {
        error = e;
      }
      // ParamError extends InputError: both carry the field.
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe('finalMetrics');
      expect((error as Error).message).toMatch(message);
    }
  });
});
