/**
 * The README's "Write your own experiment" example, run exactly as printed:
 * the code block is saved where the README says (under a git-ignored folder
 * at the same depth, so its relative imports resolve) and run with --quick.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, readText, runCli, tempDir } from './cli-harness.js';

const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Write your own experiment'));
const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
const saveAs = /Save this as `([^`]+)`/.exec(section)?.[1] ?? '';
const checkDir = path.join(REPO, '.readme-check');
const out = tempDir('echolab-readme-');

afterAll(() => {
  rmSync(checkDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('README: Write your own experiment', () => {
  it('the example is a complete experiment file that runs with --quick', async () => {
    expect(code).toContain('defineExperiment');
    expect(saveAs).toMatch(/^[\w-]+\/[\w-]+\.ts$/);
    mkdirSync(checkDir, { recursive: true });
    const file = path.join(checkDir, path.basename(saveAs));
    writeFileSync(file, code);
    const res = await runCli(['run', file, '--quick', '--out', path.join(out, 'res')], REPO);
    expect(res.stderr + res.stdout).not.toMatch(/error/i);
    expect(res.code).toBe(0);
    expect(existsSync(path.join(out, 'res', 'report.html'))).toBe(true);
    const final = readText(path.join(out, 'res'), 'final.csv').trim().split('\n');
    // 2 arms × 2 homophily values × 2 quick replicates, plus the header.
    expect(final.length).toBe(1 + 8);
    expect(final[0]).toContain('network_neighbor_leaning_correlation');
  }, 60_000);
});

describe('README: Experiments as data (JSON specs)', () => {
  const specSection = readme.slice(readme.indexOf('### Experiments as data: JSON specs'), readme.indexOf('### Write your own experiment'));
  const json = /```json\n([\s\S]*?)```/.exec(specSection)?.[1] ?? '';
  const name = /Save this as `([^`]+\.json)`/.exec(specSection)?.[1] ?? '';

  it('the example spec runs with --quick from a folder outside the repository', async () => {
    expect(name).toMatch(/^[\w-]+\.json$/);
    const work = tempDir('echolab-readme-spec-');
    try {
      writeFileSync(path.join(work, name), json);
      const res = await runCli(['run', name, '--quick'], work);
      expect(res.stderr).not.toMatch(/error/i);
      expect(res.code).toBe(0);
      const spec = JSON.parse(json) as { id: string; vary: { epsilon: number[] }; quick: { replicates: number } };
      const dir = path.join(work, res.stdout.trim());
      const final = readText(dir, 'final.csv').trim().split('\n');
      expect(final.length).toBe(1 + spec.vary.epsilon.length * spec.quick.replicates);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);

  it('`echolab spec` prints a bundled experiment as a spec that runs into the same results folder', async () => {
    const work = tempDir('echolab-readme-spec-');
    try {
      const printed = await runCli(['spec', 'deffuant-threshold'], work);
      expect(printed.code).toBe(0);
      writeFileSync(path.join(work, 'threshold.json'), printed.stdout);
      const a = await runCli(['run', 'threshold.json', '--quick', '--replicates', '1'], work);
      const b = await runCli(['run', 'deffuant-threshold', '--quick', '--replicates', '1'], work);
      expect([a.code, b.code]).toEqual([0, 0]);
      // Same resolved spec, same folder: the second command finds every run done.
      expect(b.stdout.trim()).toBe(a.stdout.trim());
      expect(b.stderr).toMatch(/already done \(resuming\)|0 now/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
