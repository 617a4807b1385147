/**
 * GEXF snapshots: a run replayed to the requested times gives the network
 * and opinions the recorded run had then (its opinion mean equals the series
 * sample at that time), with a Louvain community per node, and the same
 * command writes the same bytes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotFileName, writeSnapshots } from '../../src/runner/snapshots.js';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import type { RunResult } from '../../src/experiment/experiment-types.js';
import { parseGexf } from '../../src/model/import/parse-gexf.js';
import { removeDir, tempDir } from './cli-harness.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeDir(dir));

const resolved = resolveExperiment({
  id: 'snap',
  title: 'Snapshots',
  question: 'Do snapshots show the run as it was?',
  model: 'deffuant',
  network: { kind: 'erdos-renyi', params: { n: 80, p: 0.08 } },
  vary: { epsilon: [0.2, 0.5] },
  replicates: 1,
  steps: 12,
  untilConverged: false,
  sampleEvery: 5,
  metrics: ['opinion.mean', 'opinion.variance'],
  seed: 'snap',
});

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

describe('GEXF snapshots', () => {
  it('replays each run to the requested times, with opinions and communities as attributes', () => {
    const results = new Map<number, RunResult>(resolved.runs.map((r) => [r.index, executeRun(resolved, r)]));
    const out = writeSnapshots(resolved, resolved.runs, [0, 5, 10], dir, results);
    expect(out.warnings).toEqual([]);
    expect(out.files).toHaveLength(6);
    for (const run of resolved.runs) {
      const series = results.get(run.index)?.series ?? [];
      for (const t of [0, 5, 10]) {
        const file = path.join(dir, 'snapshots', snapshotFileName(run, t));
        expect(out.files).toContain(file);
        const net = parseGexf(readFileSync(file, 'utf8'));
        expect(net.ids).toHaveLength(80);
        const opinions = net.attributes.opinion as number[];
        const community = net.attributes.community as number[];
        expect(opinions.every((x) => x >= 0 && x <= 1)).toBe(true);
        // Independent of the replay: the recorded run's own sample at time t.
        const sample = series.find((s) => s.t === t);
        expect(sample).toBeDefined();
        expect(mean(opinions)).toBeCloseTo(sample?.values['opinion.mean'] ?? NaN, 12);
        const count = new Set(community).size;
        expect(community.every((c) => Number.isInteger(c) && c >= 0 && c < count)).toBe(true);
      }
    }
    // Deffuant moves opinions: the snapshots at 0 and 10 differ.
    const first = resolved.runs[0];
    const at0 = parseGexf(readFileSync(path.join(dir, 'snapshots', snapshotFileName(first, 0)), 'utf8')).attributes.opinion;
    const at10 = parseGexf(readFileSync(path.join(dir, 'snapshots', snapshotFileName(first, 10)), 'utf8')).attributes.opinion;
    expect(at10).not.toEqual(at0);
  });

  it('writes the same bytes every time', () => {
    const run = resolved.runs[1];
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    writeSnapshots(resolved, [run], [7], a);
    writeSnapshots(resolved, [run], [7], b);
    const name = snapshotFileName(run, 7);
    expect(readFileSync(path.join(b, 'snapshots', name), 'utf8')).toBe(readFileSync(path.join(a, 'snapshots', name), 'utf8'));
  });

  it('rejects times outside the run before anything runs', async () => {
    const { checkSnapshotTimes } = await import('../../src/runner/snapshots.js');
    expect(checkSnapshotTimes(resolved, [10, 0, 10])).toEqual([0, 10]);
    expect(() => checkSnapshotTimes(resolved, [13])).toThrow(/`snapshot-at` \(13\): expected a time in \[0, 12\] \(steps\)/);
  });
});
