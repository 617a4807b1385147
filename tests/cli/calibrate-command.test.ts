/**
 * `echolab calibrate`: rejection ABC of an independent-cascade experiment
 * against a synthetic Twitter15-format archive simulated at a known p = 0.2
 * (on another realisation of the same kind of network, so the archive is not
 * a copy of any draw's run), resuming from draws.jsonl, and the usage errors
 * that must stop it before any draw.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS, TRUE_P, experimentBody, writeArchive } from './calibrate-fixture.js';
import { removeDir, runCli, tempDir, writeExperiment } from './cli-harness.js';

function sortedLines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '').sort();
}

let dir = '';
beforeAll(() => {
  dir = tempDir('echolab-calibrate-');
});
afterAll(() => removeDir(dir));

describe('echolab calibrate', () => {
  it('recovers p = 0.2 from a synthetic archive and resumes without duplicating draws', async () => {
    const cascades = writeArchive(path.join(dir, 'archive'), 2);
    expect(cascades).toBe(2 * SEEDS);
    const file = writeExperiment(dir, 'ic', experimentBody({ calibrate: { p: [0, 0.5] } }));
    const args = ['calibrate', file, '--archive', 'archive', '--label', 'false', '--samples', '60', '--accept', '0.2', '--out', 'cal'];
    const first = await runCli(args, dir);
    expect(first.stderr).toContain('wrote draws.jsonl');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\| p \| U\[0, 0\.5\]/);

    const post = JSON.parse(readFileSync(path.join(dir, 'cal', 'posterior.json'), 'utf8')) as {
      accepted: unknown[];
      tolerance: number;
      posterior: { p: { mean: number; median: number; q05: number; q95: number } };
    };
    expect(post.accepted).toHaveLength(12);
    const p = post.posterior.p;
    // The 90 % interval of the kept draws holds the truth, and is much narrower than the prior's (0.45).
    expect(p.q05).toBeLessThanOrEqual(TRUE_P);
    expect(p.q95).toBeGreaterThanOrEqual(TRUE_P);
    expect(p.q95 - p.q05).toBeLessThan(0.2);
    // The median is closer to the truth than the prior mean (0.25) is.
    expect(Math.abs(p.median - TRUE_P)).toBeLessThan(0.05);
    expect(existsSync(path.join(dir, 'cal', 'posterior.md'))).toBe(true);

    const drawsBefore = readFileSync(path.join(dir, 'cal', 'draws.jsonl'), 'utf8');
    const indices = drawsBefore.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { index: number }).index);
    expect(indices.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));

    // Cut the log to 45 draws, as an interruption would: the re-run redoes only the last 15.
    // Workers append in completion order, so the lines are compared as a set.
    writeFileSync(path.join(dir, 'cal', 'draws.jsonl'), `${drawsBefore.split('\n').slice(0, 45).join('\n')}\n`);
    const second = await runCli(args, dir);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('(45 resumed)');
    const drawsAfter = readFileSync(path.join(dir, 'cal', 'draws.jsonl'), 'utf8');
    expect(sortedLines(drawsAfter)).toEqual(sortedLines(drawsBefore));
    const post2 = JSON.parse(readFileSync(path.join(dir, 'cal', 'posterior.json'), 'utf8')) as typeof post;
    expect(post2.posterior).toEqual(post.posterior);

    // A complete log: nothing is redrawn or appended.
    const third = await runCli(args, dir);
    expect(third.code).toBe(0);
    expect(third.stderr).toContain('(60 resumed)');
    expect(readFileSync(path.join(dir, 'cal', 'draws.jsonl'), 'utf8')).toBe(drawsAfter);
  }, 60_000);

  it('a prior that cannot reach the archive: a warning names the feature and how far, on stderr and first in posterior.md; the check is written', async () => {
    if (!existsSync(path.join(dir, 'archive'))) writeArchive(path.join(dir, 'archive'), 2);
    // Every p in [0, 0.02] gives cascades far smaller than the archive's (made at p = 0.2).
    const file = writeExperiment(dir, 'ic-low', experimentBody({ calibrate: { p: [0, 0.02] } }));
    const r = await runCli(['calibrate', file, 'archive', '--label', 'false', '--samples', '8', '--accept', '0.5', '--check-replicates', '3', '--out', 'low'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: the closest draw is still at KS 0\.\d\d on (size|depth|max-breadth|structural-virality|time-to-90pct) \(above 0\.2 on .*size/);
    const md = readFileSync(path.join(dir, 'low', 'posterior.md'), 'utf8');
    expect(md.split('\n')[2]).toMatch(/^\*\*Warning:\*\* the closest draw is still at KS/);
    expect(md).toContain('## Posterior predictive check');
    expect(md).toContain('3 replicates at the posterior median');
    const post = JSON.parse(readFileSync(path.join(dir, 'low', 'posterior.json'), 'utf8')) as { warning: string | null; check: { replicates: number; features: Record<string, { ks: number[] }> }; bestPerFeature: Record<string, number> };
    expect(post.warning).not.toBeNull();
    expect(post.check.replicates).toBe(3);
    expect(Object.keys(post.check.features)).toEqual(['size', 'depth', 'max-breadth', 'structural-virality', 'time-to-90pct']);
    expect(post.bestPerFeature.size).toBeGreaterThan(0.2);
    expect(readFileSync(path.join(dir, 'low', 'posterior.html'), 'utf8')).toContain('<p class="warning"><strong>Warning:</strong>');
  }, 60_000);

  it('--holdout fits on part of the archive and measures the same replicates against the held-out part', async () => {
    if (!existsSync(path.join(dir, 'archive'))) writeArchive(path.join(dir, 'archive'), 2);
    const file = writeExperiment(dir, 'ic-hold', experimentBody({ calibrate: { p: [0.1, 0.3] } }));
    const r = await runCli(['calibrate', file, 'archive', '--label', 'false', '--samples', '10', '--accept', '0.3', '--check-replicates', '3', '--holdout', '0.5', '--holdout-seed', 'h', '--out', 'hold'], dir);
    expect(r.code, r.stderr).toBe(0);
    const post = JSON.parse(readFileSync(path.join(dir, 'hold', 'posterior.json'), 'utf8')) as { outOfSample: { split: { fit: number; heldOut: number }; inSample: number; heldOut: number; difference: number } };
    expect(post.outOfSample.split.fit + post.outOfSample.split.heldOut).toBe(2 * SEEDS);
    expect(post.outOfSample.split.fit).toBeGreaterThan(0.3 * 2 * SEEDS);
    expect(post.outOfSample.difference).toBeCloseTo(post.outOfSample.heldOut - post.outOfSample.inSample, 12);
    // Both halves come from the same process as the model at p = 0.2: the held-out distance stays close to the in-sample one.
    expect(Math.abs(post.outOfSample.difference)).toBeLessThan(0.1);
    expect(r.stdout).toContain('## Out of sample');
    const bad = await runCli(['calibrate', file, 'twitter15', '--holdout', '0.5', '--out', 'hold-ref'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--holdout needs per-cascade data');
    const badFraction = await runCli(['calibrate', file, 'archive', '--holdout', '1', '--out', 'hold-bad'], dir);
    expect(badFraction.code).toBe(2);
    expect(badFraction.stderr).toContain('invalid `--holdout` ("1")');
  }, 90_000);

  it('exits 2 before any draw without ranges, with an unknown parameter, or bad --samples / --accept', async () => {
    const none = writeExperiment(dir, 'none', experimentBody({}));
    const typo = writeExperiment(dir, 'typo', experimentBody({ calibrate: { pp: [0, 0.5] } }));
    const good = writeExperiment(dir, 'good', experimentBody({ calibrate: { p: [0, 0.5] } }));
    const run = (file: string, ...extra: string[]) => runCli(['calibrate', file, '--archive', 'twitter15', '--out', 'bad', ...extra], dir);
    const [a, b, c, d] = await Promise.all([run(none), run(typo), run(good, '--samples', '0'), run(good, '--accept', '1.5')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('calibrate: { p: [0, 0.5] }');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('unknown numeric parameter `pp` (did you mean `p`?)');
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--samples');
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('--accept');
    expect(existsSync(path.join(dir, 'bad', 'draws.jsonl'))).toBe(false);
  }, 60_000);

  it('a damaged calibration.json in the output folder is a one-line error naming it, not a crash', async () => {
    const good = writeExperiment(dir, 'good2', experimentBody({ calibrate: { p: [0, 0.5] } }));
    mkdirSync(path.join(dir, 'damaged'), { recursive: true });
    writeFileSync(path.join(dir, 'damaged', 'calibration.json'), '{"experiment": "ic-calib');
    const r = await runCli(['calibrate', good, '--archive', 'twitter15', '--samples', '4', '--workers', '1', '--out', 'damaged'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/damaged\/calibration\.json: not valid JSON .*give another --out/);
    expect(existsSync(path.join(dir, 'damaged', 'draws.jsonl'))).toBe(false);
  }, 60_000);
});
