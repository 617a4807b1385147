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
    expect(final[0]).toContain('network.neighbor-leaning-correlation');
  }, 60_000);
});
