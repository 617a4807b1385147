/**
 * `echolab calibrate` on the worker pool, its fit plots, the replicate
 * choice and ABC-SMC from the command line, against the synthetic p = 0.2
 * archive of calibrate-fixture.ts:
 *   - 1 worker (in process) and 2 workers give byte-identical posterior.json
 *     and posterior.html (a draw depends on its index only);
 *   - posterior.html holds the four charts of a one-parameter calibration,
 *     found by their SVG titles;
 *   - --no-common-random-numbers keeps the prior draws (same index, same
 *     parameters) but simulates each on its own replicate, so distances
 *     change, and a CRN folder refuses it;
 *   - --method smc gives the same posterior.json on 1 and 2 workers, and ends
 *     with normalised weights, a shrinking tolerance and a posterior
 *     interval around the truth.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRUE_P, experimentBody, writeArchive } from './calibrate-fixture.js';
import { removeDir, runCli, tempDir, writeExperiment } from './cli-harness.js';

let dir = '';
let file = '';
beforeAll(() => {
  dir = tempDir('echolab-calpar-');
  writeArchive(path.join(dir, 'archive'), 2);
  file = writeExperiment(dir, 'ic', experimentBody({ calibrate: { p: [0, 0.5] } }));
});
afterAll(() => removeDir(dir));

const base = (): string[] => ['calibrate', file, '--archive', 'archive', '--label', 'false', '--samples', '40', '--accept', '0.25'];

interface Draw {
  index: number;
  params: { p: number };
  distance: number | null;
}

function draws(out: string): Draw[] {
  return readFileSync(path.join(dir, out, 'draws.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Draw)
    .sort((a, b) => a.index - b.index);
}

/** The text of every chart title (`<title id="…-title">`) of a page, in order. */
function chartTitles(html: string): string[] {
  return [...html.matchAll(/<title id="[^"]*-title">([^<]*)<\/title>/g)].map((m) => m[1]);
}

describe('echolab calibrate on the worker pool', () => {
  it('1 and 2 workers give byte-identical posterior.json and posterior.html, with the fit plots', async () => {
    const [one, two] = await Promise.all([runCli([...base(), '--workers', '1', '--out', 'w1'], dir), runCli([...base(), '--workers', '2', '--out', 'w2'], dir)]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(one.stderr).toContain('on 1 worker,');
    expect(two.stderr).toContain('on 2 workers,');
    const read = (out: string, name: string): string => readFileSync(path.join(dir, out, name), 'utf8');
    expect(read('w2', 'posterior.json')).toBe(read('w1', 'posterior.json'));
    expect(read('w2', 'posterior.html')).toBe(read('w1', 'posterior.html'));
    expect(draws('w2')).toEqual(draws('w1'));

    const html = read('w1', 'posterior.html');
    // The fit of the best draw, then one predictive-check chart per feature.
    expect(html.match(/<svg[\s>]/g)?.length).toBe(4 + 5);
    expect(chartTitles(html)).toEqual(['Posterior of p', 'Distance against p', 'Cascade size', 'Cascade depth', 'size', 'depth', 'max-breadth', 'structural-virality', 'time-to-90pct']);
    expect(html).not.toMatch(/<script|<link|src="http/);
    // The histogram has 10 accepted draws (0.25 · 40) and spans the prior.
    expect(html).toContain('10 accepted, over the prior U[0, 0.5]');
    const post = JSON.parse(read('w1', 'posterior.json')) as { commonRandomNumbers: boolean; method: string; posterior: { p: { q05: number; q95: number } } };
    expect([post.method, post.commonRandomNumbers]).toEqual(['rejection', true]);
    expect(post.posterior.p.q05).toBeLessThanOrEqual(TRUE_P);
    expect(post.posterior.p.q95).toBeGreaterThanOrEqual(TRUE_P);
  }, 90_000);

  it('--no-common-random-numbers: same prior draws, own replicates; a CRN folder refuses it', async () => {
    const own = await runCli([...base(), '--workers', '2', '--no-common-random-numbers', '--out', 'own'], dir);
    expect(own.code, own.stderr).toBe(0);
    const crn = await runCli([...base(), '--workers', '1', '--out', 'crn'], dir);
    expect(crn.code, crn.stderr).toBe(0);
    const a = draws('crn');
    const b = draws('own');
    expect(b.map((d) => d.params)).toEqual(a.map((d) => d.params));
    const differ = a.filter((d, i) => d.distance !== b[i].distance).length;
    expect(differ).toBeGreaterThan(a.length / 2);
    const post = JSON.parse(readFileSync(path.join(dir, 'own', 'posterior.json'), 'utf8')) as { commonRandomNumbers: boolean };
    expect(post.commonRandomNumbers).toBe(false);
    const mixed = await runCli([...base(), '--workers', '1', '--no-common-random-numbers', '--out', 'crn'], dir);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('holds draws of another calibration');
  }, 90_000);

  it('--method smc: weighted particles, decreasing tolerances, posterior around the truth, plots', async () => {
    const smcArgs = (workers: string, out: string): string[] => ['calibrate', file, '--archive', 'archive', '--label', 'false', '--method', 'smc', '--particles', '12', '--generations', '3', '--workers', workers, '--out', out];
    const [out, one] = await Promise.all([runCli(smcArgs('2', 'smc'), dir), runCli(smcArgs('1', 'smc1'), dir)]);
    expect(out.code, out.stderr).toBe(0);
    expect(one.code, one.stderr).toBe(0);
    expect(out.stderr).toContain('ABC-SMC on 2 workers, 3 generation(s)');
    // Batches on the pool give the sequential algorithm's result.
    expect(readFileSync(path.join(dir, 'smc', 'posterior.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'smc1', 'posterior.json'), 'utf8'));
    const post = JSON.parse(readFileSync(path.join(dir, 'smc', 'posterior.json'), 'utf8')) as {
      method: string;
      accepted: Array<{ weight: number; params: { p: number } }>;
      generations: Array<{ tolerance: number; attempts: number }>;
      posterior: { p: { q05: number; q95: number; median: number } };
    };
    expect(post.method).toBe('smc');
    expect(post.accepted).toHaveLength(12);
    expect(post.accepted.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 12);
    const tol = post.generations.map((g) => g.tolerance);
    expect(tol).toHaveLength(3);
    // ε_t is the median of the previous population's distances, all ≤ ε_{t−1}: non-increasing.
    for (let t = 1; t < tol.length; t++) expect(tol[t]).toBeLessThanOrEqual(tol[t - 1]);
    // Generation 0 is rejection ABC keeping 12 of ⌈12 / 0.5⌉ = 24 prior draws.
    expect(post.generations[0].attempts).toBe(24);
    expect(post.posterior.p.q05).toBeLessThanOrEqual(TRUE_P);
    expect(post.posterior.p.q95).toBeGreaterThanOrEqual(TRUE_P);
    expect(Math.abs(post.posterior.p.median - TRUE_P)).toBeLessThan(0.05);
    const html = readFileSync(path.join(dir, 'smc', 'posterior.html'), 'utf8');
    expect(chartTitles(html)).toEqual(['Posterior of p', 'Distance against p', 'Cascade size', 'Cascade depth', 'size', 'depth', 'max-breadth', 'structural-virality', 'time-to-90pct']);
  }, 90_000);

  it('exits 2 on a bad --method, --workers 0, or SMC flags mixed with rejection', async () => {
    const run = (...extra: string[]) => runCli(['calibrate', file, '--archive', 'archive', '--out', 'bad', ...extra], dir);
    const [a, b, c] = await Promise.all([run('--method', 'mcmc'), run('--workers', '0'), run('--particles', '10')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--method');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--workers');
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--method smc');
  }, 60_000);
});
