/**
 * The report-only fields of an experiment (keyOutcomes, outcomeKinds) and
 * its design ranges: checked like every other field, read from .ts files
 * and JSON specs alike, used by the summary, and left out of the results
 * folder's hash (declaring them orphans no results).
 */
import { describe, expect, it } from 'vitest';
import { resultsLabel, manifestRuns, resolvedSpec, specHash } from '../../src/runner/manifest.js';
import { defineExperiment, resolveExperiment } from '../../src/experiment/define-experiment.js';
import { parseExperimentSpec, specToDefinition } from '../../src/experiment/experiment-spec.js';
import type { ExperimentDefinition } from '../../src/experiment/experiment-types.js';
import { summarize } from '../../src/report/summary-stats.js';

const base: ExperimentDefinition = {
  id: 'fields-probe',
  title: 'Fields probe',
  question: 'Do the report fields change anything but the report?',
  model: 'deffuant',
  network: { kind: 'erdos-renyi', params: { n: 40, p: 0.2 } },
  vary: { epsilon: [0.2, 0.4] },
  replicates: 2,
  steps: 5,
  metrics: ['opinion.clusters'],
  seed: 'f1',
};

function label(def: ExperimentDefinition): string {
  const r = resolveExperiment(def, { checkInit: false });
  return resultsLabel(false, specHash(resolvedSpec(r), manifestRuns(r)));
}

describe('keyOutcomes, outcomeKinds and ranges', () => {
  it('leave the results folder as it was', () => {
    const withFields = { ...base, keyOutcomes: ['opinion.clusters'], outcomeKinds: { 'opinion.clusters': { kind: 'count' as const } }, ranges: { mu: [0.1, 0.5] as const } };
    expect(label(withFields)).toBe(label(base));
    expect(label({ ...base, seed: 'f2' })).not.toBe(label(base));
  });

  it('an experiment\'s own kind overrides the built-in one in the summary', () => {
    const def = { ...base, outcomeKinds: { 'opinion.clusters': { kind: 'count' as const } } };
    const r = resolveExperiment(def, { checkInit: false });
    const results = r.runs.map((run) => ({ run, final: { 'opinion.clusters': 1 + run.replicate }, series: [], cascades: [], steps: 5, converged: true }));
    expect(summarize(r, results).finals.find((m) => m.metric === 'opinion.clusters')?.kind).toEqual({ kind: 'count' });
    const plain = resolveExperiment(base, { checkInit: false });
    expect(summarize(plain, results.map((x) => ({ ...x, run: plain.runs[x.run.index] }))).finals.find((m) => m.metric === 'opinion.clusters')?.kind.kind).toBe('bounded');
  });

  it('bad values fail naming the field and what is allowed', () => {
    expect(() => defineExperiment({ ...base, outcomeKinds: { 'opinion.clusters': { kind: 'ratio' } as never } })).toThrow(/outcomeKinds\.opinion\.clusters.*kind: 'bounded', lower, upper/);
    expect(() => defineExperiment({ ...base, ranges: { mu: [0.5, 0.1] } })).toThrow(/ranges\.mu.*lo < hi/);
    expect(() => resolveExperiment({ ...base, keyOutcomes: ['opinion.clusterz'] }, { checkInit: false })).toThrow(/keyOutcomes.*opinion\.clusterz.*opinion\.clusters/s);
    expect(() => resolveExperiment({ ...base, outcomeKinds: { nope: { kind: 'count' } } }, { checkInit: false })).toThrow(/outcomeKinds.*nope/);
  });

  it('JSON specs carry them, and a bad kind is named by its JSON path', () => {
    const spec = { ...base, keyOutcomes: ['opinion.clusters'], outcomeKinds: { 'opinion.clusters': { kind: 'bounded', lower: 1, upper: 40 } }, ranges: { mu: [0.1, 0.5] } };
    const def = specToDefinition(parseExperimentSpec(JSON.stringify(spec), 'x.json'), undefined, 'x.json');
    expect(def.outcomeKinds).toEqual(spec.outcomeKinds);
    expect(def.keyOutcomes).toEqual(['opinion.clusters']);
    expect(def.ranges).toEqual({ mu: [0.1, 0.5] });
    const bad = JSON.stringify({ ...spec, outcomeKinds: { 'opinion.clusters': { kind: 'bounded', lower: 2, upper: 1 } } });
    expect(() => parseExperimentSpec(bad, 'x.json')).toThrow(/\$\.outcomeKinds\["opinion\.clusters"\]/);
  });
});
