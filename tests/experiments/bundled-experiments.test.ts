/**
 * Smoke test of every file in experiments/ (scenarios through toExperiment):
 * it states its question in its header, resolves with `quick: true`, and its
 * first run executes with every final column. The classic reproductions
 * also show their headline at quick size, checked against the theory each
 * one cites (not against earlier output).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveExperiment, toExperiment, type ResolvedExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import type { ExperimentDefinition, RunResult } from '../../src/experiment/experiment-types.js';
import { hoaxMeanFieldEquilibrium, hoaxVerifyThreshold } from '../../src/sim/models/hoax-fact-checking.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../experiments');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort();

async function load(file: string): Promise<ExperimentDefinition> {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: unknown };
  return toExperiment(mod.default, file);
}

const CLASSICS = ['deffuant-threshold', 'algorithmic-bias', 'coevolving-voter-rewiring', 'hoax-verification', 'sasahara-regimes'];

describe('experiments/', () => {
  it('holds the classic reproductions', () => {
    for (const id of CLASSICS) expect(files).toContain(`${id}.ts`);
  });
});

describe.each(files)('experiments/%s', (file) => {
  it('states its question in the header and in `question`; id is the file name', async () => {
    const def = await load(file);
    expect(def.id).toBe(file.replace(/\.ts$/, ''));
    expect(def.question.trim().endsWith('?')).toBe(true);
    const source = readFileSync(path.join(dir, file), 'utf8');
    expect(source.startsWith('/**')).toBe(true);
    expect(source.slice(0, source.indexOf('*/'))).toMatch(/Question:/);
  });

  it('resolves with quick: true and executes its first run', async () => {
    const resolved = resolveExperiment(await load(file), { quick: true });
    expect(resolved.runs.length).toBeGreaterThan(0);
    const result = executeRun(resolved, resolved.runs[0]);
    expect(result.run).toBe(resolved.runs[0]);
    for (const c of resolved.finalColumns) expect(typeof result.final[c], c).toBe('number');
    expect(result.series.length).toBeGreaterThan(0);
  });
});

/** Runs of a quick experiment with the given value of one swept parameter. */
function runsAt(resolved: ResolvedExperiment, key: string, value: number): RunResult[] {
  return resolved.runs.filter((r) => r.params[key] === value).map((r) => executeRun(resolved, r));
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('classic headlines at quick size', () => {
  it('deffuant-threshold: no consensus well below ε = 1/2, consensus above (Fortunato 2004)', async () => {
    const r = resolveExperiment(await load('deffuant-threshold.ts'), { quick: true });
    for (const run of runsAt(r, 'epsilon', 0.3)) expect(run.final.consensus).toBe(0);
    for (const eps of [0.55, 0.7]) for (const run of runsAt(r, 'epsilon', eps)) expect(run.final.consensus).toBe(1);
  });

  it('coevolving-voter-rewiring: consensus far below p_c = 2/3, frozen halves far above', async () => {
    const r = resolveExperiment(await load('coevolving-voter-rewiring.ts'), { quick: true });
    for (const run of runsAt(r, 'p', 0)) {
      expect(run.converged).toBe(true);
      // Isolated nodes of the random graph keep their opinion: a few per cent at most.
      expect(run.final['minority-share']).toBeLessThan(0.05);
    }
    for (const run of runsAt(r, 'p', 0.9)) {
      expect(run.converged).toBe(true);
      expect(run.final['minority-share']).toBeGreaterThan(0.35);
      expect(run.final['largest-component']).toBeLessThan(0.7);
    }
  });

  it('hoax-verification: the mean-field believer share without verification, none well above the threshold', async () => {
    const r = resolveExperiment(await load('hoax-verification.ts'), { quick: true });
    const none = hoaxMeanFieldEquilibrium({ beta: 0.5, alpha: 0.3, pVerify: 0, pForget: 0.1 }).believers;
    expect(none).toBeCloseTo(0.5 / 0.6, 12);
    expect(Math.abs(mean(runsAt(r, 'pVerify', 0).map((x) => x.final.believers)) - none)).toBeLessThan(0.05);
    const above = Math.round(1.5 * hoaxVerifyThreshold(0.3, 0.1) * 1e4) / 1e4;
    for (const run of runsAt(r, 'pVerify', above)) expect(run.final.believers).toBe(0);
  });

  it('sasahara-regimes: unfollowing sorts the network, influence alone does not; a large tolerance gives one group', async () => {
    const r = resolveExperiment(await load('sasahara-regimes.ts'), { quick: true });
    const at = (arm: string) => r.runs.filter((x) => x.params.arm === arm && x.replicate === 0).map((x) => executeRun(r, x))[0].final;
    const nlc = 'network.neighbor-leaning-correlation';
    expect(at('unfollow-only')[nlc]).toBeGreaterThan(0.5);
    expect(at('influence-and-unfollow')[nlc]).toBeGreaterThan(0.5);
    expect(Math.abs(at('influence-only')[nlc])).toBeLessThan(0.3);
    expect(Math.abs(at('no-influence-no-unfollow')[nlc])).toBeLessThan(0.3);
    // Without influence nobody's opinion moves: the variance stays that of the start, U(−1, 1) sampled (1/3 in expectation).
    expect(at('no-influence-no-unfollow')['opinion.variance']).toBe(at('unfollow-only')['opinion.variance']);
    expect(at('large-tolerance')['opinion.clusters']).toBeCloseTo(1, 6);
  });
});
