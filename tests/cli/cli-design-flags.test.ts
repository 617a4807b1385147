/**
 * Changing an experiment's design from the command line: `--vary` (a list
 * or lo:hi:step), `--seed`, and `--set` on a swept parameter (it replaces
 * the sweep and says so). Each is checked in the resolver (what runs) and
 * through the CLI (what the user sees and which folder is written).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRanges, parseVary } from '../../src/cli/cli-main.js';
import { defineExperiment, resolveExperiment } from '../../src/experiment/define-experiment.js';
import type { ExperimentDefinition } from '../../src/experiment/experiment-types.js';
import { rfc4180 } from '../support/csv-oracle.js';
import { removeDir, runCli, tempDir, tinyExperiment, writeExperiment } from './cli-harness.js';

const DEF: ExperimentDefinition = defineExperiment(JSON.parse(tinyExperiment()) as ExperimentDefinition);

describe('parseVary', () => {
  it('lists and lo:hi:step ranges with both ends, rounded to 12 digits', () => {
    expect(parseVary(['epsilon=0.3:0.7:0.1'])).toEqual({ epsilon: ['0.3', '0.4', '0.5', '0.6', '0.7'] });
    expect(parseVary(['n=10:12:1', 'rule=a, b'])).toEqual({ n: ['10', '11', '12'], rule: ['a', 'b'] });
    expect(parseVary(['x=0:1:0.3'])).toEqual({ x: ['0', '0.3', '0.6', '0.9'] });
    expect(parseVary([])).toEqual({});
  });

  it('refuses what it cannot read, naming the flag and the value', () => {
    expect(() => parseVary(['epsilon'])).toThrow(/invalid `--vary` \("epsilon"\): expected key=a,b,c or key=lo:hi:step/);
    expect(() => parseVary(['e=1:0:0.1'])).toThrow(/lo ≤ hi and step > 0/);
    expect(() => parseVary(['e=0:1:0'])).toThrow(/step > 0/);
    expect(() => parseVary(['e=0:1:0.0001'])).toThrow(/10001 values; at most 1000/);
    expect(() => parseVary(['e=1,,2'])).toThrow(/empty value/);
    expect(() => parseVary(['e=1', 'e=2'])).toThrow(/given twice/);
  });
});

describe('resolveExperiment with vary and seed', () => {
  it('--vary replaces a sweep or a fixed value; the grid is the product, in declaration order then the new key', () => {
    const r = resolveExperiment(DEF, { vary: { epsilon: ['0.1', '0.2', '0.3'], mu: ['0.3', '0.5'] } });
    expect(r.vary).toEqual({ epsilon: [0.1, 0.2, 0.3], mu: [0.3, 0.5] });
    expect(r.base.mu).toBeUndefined();
    expect(r.runs).toHaveLength(3 * 2 * 3);
  });

  it('--seed changes every stream key and nothing else', () => {
    const a = resolveExperiment(DEF);
    const b = resolveExperiment(DEF, { seed: 'other' });
    expect(b.runs.map((r) => r.name)).toEqual(a.runs.map((r) => r.name));
    expect(b.runs.every((r, i) => r.seedKey !== a.runs[i].seedKey && r.seedKey.includes('|other|'))).toBe(true);
    expect(b.definition.seed).toBe('other');
  });

  it('refuses an unknown parameter, a value of the wrong type, repeated values, and --set with --vary on one key', () => {
    expect(() => resolveExperiment(DEF, { vary: { epsilom: ['0.1'] } })).toThrow(/epsilom/);
    expect(() => resolveExperiment(DEF, { vary: { epsilon: ['x'] } })).toThrow(/a number/);
    expect(() => resolveExperiment(DEF, { vary: { epsilon: ['0.1', '0.10'] } })).toThrow(/distinct values/);
    expect(() => resolveExperiment(DEF, { vary: { epsilon: ['0.1'] }, set: { epsilon: '0.2' } })).toThrow(/either --set or --vary/);
    expect(() => resolveExperiment(DEF, { seed: '' })).toThrow(/--seed/);
  });
});

describe('echolab run with design flags', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeExperiment(dir, 'tiny', tinyExperiment({ replicates: 2 }));
  });
  afterAll(() => removeDir(dir));

  it('--set on a swept parameter says it replaces the sweep, and the runs have that value', async () => {
    const r = await runCli(['run', 'tiny.ts', '--set', 'epsilon=0.3', '--out', 'pinned'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--set epsilon=0.3 replaces the sweep of epsilon over 0.15, 0.4 (2 values): every run has epsilon = 0.3');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'pinned', 'manifest.json'), 'utf8')) as { runs: unknown[]; options: { set: Record<string, string> } };
    expect(manifest.runs).toHaveLength(2);
    expect(manifest.options.set).toEqual({ epsilon: '0.3' });
    // Every parameter, fixed or swept, is a column of every row of final.csv (the pinned epsilon and the base mu too).
    const [head, ...rows] = readFileSync(path.join(dir, 'pinned', 'final.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    for (const [name, value] of [['epsilon', '0.3'], ['mu', '0.5']]) {
      const k = head.indexOf(name);
      expect(k, name).toBeGreaterThan(0);
      expect(rows.map((r) => r[k])).toEqual(rows.map(() => value));
    }
  });

  it('--vary lo:hi:step and --seed give their own folder and runs, recorded in the manifest; the same command resumes', async () => {
    const args = ['run', 'tiny.ts', '--vary', 'epsilon=0.1:0.3:0.1', '--seed', 's2'];
    const r = await runCli(args, dir);
    expect(r.code).toBe(0);
    const folder = /results in (\S+)\//.exec(r.stderr)?.[1];
    expect(folder).toBeDefined();
    const manifest = JSON.parse(readFileSync(path.join(dir, folder!, 'manifest.json'), 'utf8')) as { runs: Array<{ seedKey: string }>; options: { vary: Record<string, string[]>; seed: string } };
    expect(manifest.options.vary).toEqual({ epsilon: ['0.1', '0.2', '0.3'] });
    expect(manifest.options.seed).toBe('s2');
    expect(manifest.runs).toHaveLength(6);
    expect(manifest.runs.every((x) => x.seedKey.includes('|s2|'))).toBe(true);
    const again = await runCli(args, dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/0 now, 6 resumed/);
    expect(existsSync(path.join(dir, folder!, 'final.csv'))).toBe(true);
  });

  it('--design sobol --samples N --range k=lo:hi: n (k + 2) points, the design values as columns of final.csv, Sobol indices first in the report, and a rebuilt report the same', async () => {
    const args = ['run', 'tiny.ts', '--design', 'sobol', '--samples', '6', '--range', 'epsilon=0.1:0.5', '--range', 'mu=0.2:0.5', '--replicates', '1', '--out', 'sobol'];
    const r = await runCli(args, dir);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, 'sobol');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { runs: unknown[]; options: { design: unknown }; spec: { design: { names: string[] } } };
    expect(manifest.runs).toHaveLength(6 * 4);
    expect(manifest.options.design).toEqual({ kind: 'sobol', samples: 6, ranges: { epsilon: [0.1, 0.5], mu: [0.2, 0.5] } });
    expect(manifest.spec.design.names).toEqual(['epsilon', 'mu']);
    const [head, ...rows] = rfc4180(readFileSync(path.join(out, 'final.csv'), 'utf8').trim());
    const e = head.indexOf('epsilon');
    const m = head.indexOf('mu');
    expect(rows).toHaveLength(24);
    for (const row of rows) {
      expect(Number(row[e])).toBeGreaterThanOrEqual(0.1);
      expect(Number(row[e])).toBeLessThan(0.5);
      expect(Number(row[m])).toBeGreaterThanOrEqual(0.2);
    }
    expect(new Set(rows.map((row) => row[e])).size).toBe(12);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html.indexOf('id="sensitivity"')).toBeGreaterThan(0);
    expect(html.indexOf('id="sensitivity"')).toBeLessThan(html.indexOf('id="setup"'));
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toMatch(/## Sensitivity[\s\S]*\| `epsilon` \|/);
    const rebuilt = await runCli(['report', 'sobol'], dir);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toBe(html);
  });

  it('bad design flags exit 2 naming the flag', async () => {
    expect(() => parseRanges(['epsilon=0.5:0.1'])).toThrow(/invalid `--range` \("epsilon=0.5:0.1"\): expected key=lo:hi with numbers lo < hi/);
    expect(parseRanges(['epsilon=0.1:0.5'])).toEqual({ epsilon: [0.1, 0.5] });
    const noSamples = await runCli(['run', 'tiny.ts', '--design', 'lhs'], dir);
    expect(noSamples.code).toBe(2);
    expect(noSamples.stderr).toMatch(/--design lhs` needs `--samples N`/);
    const noRanges = await runCli(['run', 'tiny.ts', '--design', 'lhs', '--samples', '4'], dir);
    expect(noRanges.code).toBe(2);
    expect(noRanges.stderr).toMatch(/--range name=lo:hi/);
    const kind = await runCli(['run', 'tiny.ts', '--design', 'grid', '--samples', '4'], dir);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/expected lhs or sobol/);
  });

  it('a bad --vary exits 2 before any run', async () => {
    const r = await runCli(['run', 'tiny.ts', '--vary', 'epsilon=0.5:0.1:0.1'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lo ≤ hi and step > 0/);
  });
});
