/**
 * Bad input exits with code 2 before any run starts (no results directory is
 * created) and names what is wrong, with the closest valid name when there is
 * one; every command has a --help with examples.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempDir, tinyExperiment, writeExperiment } from './cli-harness.js';

let dir: string;

beforeAll(() => {
  dir = tempDir();
  writeExperiment(dir, 'tiny', tinyExperiment());
  writeExperiment(dir, 'bad-metric', tinyExperiment({ id: 'bad-metric', metrics: ['opinion.varience'] }));
  writeFileSync(path.join(dir, 'broken.ts'), "import { defineExperiment } from 'nowhere';\nexport default defineExperiment({ id: 'broken', \n");
  writeFileSync(path.join(dir, 'not-experiment.ts'), 'export default { hello: 1 };\n');
});
afterAll(() => removeDir(dir));

async function expectRejected(args: string[], ...fragments: Array<string | RegExp>): Promise<string> {
  const r = await runCli(args, dir);
  const created = existsSync(path.join(dir, 'results'));
  rmSync(path.join(dir, 'results'), { recursive: true, force: true });
  expect(r.code).toBe(2);
  for (const f of fragments) {
    if (typeof f === 'string') expect(r.stderr).toContain(f);
    else expect(r.stderr).toMatch(f);
  }
  expect(created).toBe(false);
  return r.stderr;
}

describe('echolab: bad input is rejected before any run', () => {
  it('unknown experiment id: suggests the closest bundled one', async () => {
    await expectRejected(['run', 'read-cap'], 'unknown experiment `read-cap`', 'did you mean `read-caps`?');
  });

  it('missing experiment file', async () => {
    await expectRejected(['run', 'nope/missing.ts'], 'no such experiment file: nope/missing.ts');
  });

  it('unknown --set key: names it and suggests the closest parameter', async () => {
    await expectRejected(['run', 'tiny.ts', '--set', 'muu=0.3'], '`muu`', /did you mean `mu`/);
  });

  it('bad --set value: names the field', async () => {
    await expectRejected(['run', 'tiny.ts', '--set', 'mu=abc'], '`mu`');
    await expectRejected(['run', 'tiny.ts', '--set', 'mu=7'], '`mu`');
  });

  it('malformed --set and flag values', async () => {
    await expectRejected(['run', 'tiny.ts', '--set', 'mu'], 'invalid `--set` ("mu"): expected key=value');
    await expectRejected(['run', 'tiny.ts', '--workers', '0'], 'invalid `--workers` ("0"): expected a positive integer');
    await expectRejected(['run', 'tiny.ts', '--replicates', 'many'], 'invalid `--replicates`');
    await expectRejected(['run', 'tiny.ts', '--shard', '4/3'], 'invalid `--shard` ("4/3")', 'numbered from 1');
    await expectRejected(['run', 'tiny.ts', '--snapshot-at', '-1'], 'invalid `--snapshot-at`');
  });

  it('unknown metric: suggests the closest registered one', async () => {
    await expectRejected(['run', 'bad-metric.ts'], 'opinion.varience', 'opinion.variance');
  });

  it('malformed experiment file: names the file', async () => {
    await expectRejected(['run', 'broken.ts'], 'broken.ts');
    await expectRejected(['run', 'not-experiment.ts'], 'not-experiment.ts');
  });

  it('an experiment file outside an ES-module package: says how to fix it', async () => {
    const bare = mkdtempSync(path.join(os.tmpdir(), 'echolab-bare-'));
    try {
      writeFileSync(path.join(bare, 'tiny.ts'), readFileSync(path.join(dir, 'tiny.ts')));
      const r = await runCli(['run', path.join(bare, 'tiny.ts')], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('tiny.ts');
      expect(r.stderr).toContain('.mts');
    } finally {
      removeDir(bare);
    }
  });

  it('Kubernetes index without a shard count', async () => {
    const r = await runCli(['run', 'tiny.ts'], dir, { JOB_COMPLETION_INDEX: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard-count');
  });

  it('unknown command and unknown flag: suggest the closest', async () => {
    await expectRejected(['rnu', 'tiny.ts'], 'unknown command `rnu`', 'did you mean `run`?');
    await expectRejected(['run', 'tiny.ts', '--replicate', '3'], 'unknown flag `--replicate`', 'did you mean `--replicates`?');
    await expectRejected(['merge', 'a', '--partail'], 'did you mean `--partial`?');
  });

  it('report and merge on something that is not a results directory', async () => {
    await expectRejected(['report', '.'], 'not an echolab results directory');
    await expectRejected(['merge', 'x', 'y'], 'not an echolab results directory');
  });
});

describe('echolab --help', () => {
  it('prints the commands', async () => {
    const r = await runCli(['--help'], dir);
    expect(r.code).toBe(0);
    for (const c of ['list', 'run', 'report', 'merge']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it.each([
    ['list', ['echolab list']],
    ['run', ['--replicates N', '--workers N', '--set key=value', '--quick', '--out DIR', '--shard i/n', 'SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX', 'numbered', 'examples:']],
    ['report', ['echolab report results/']],
    ['merge', ['--out DIR', 'echolab merge results/']],
  ])('echolab %s --help', async (command, fragments) => {
    const r = await runCli([command, '--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`usage: echolab ${command}`);
    expect(r.stdout).toContain('examples:');
    for (const f of fragments) expect(r.stdout).toContain(f);
    const viaHelp = await runCli(['help', command], dir);
    expect(viaHelp.stdout).toBe(r.stdout);
  });

  it('lists the bundled experiments with their questions', async () => {
    const r = await runCli(['list'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('read-caps');
    expect(r.stdout).toContain('Read caps by tier');
    expect(r.stdout).toMatch(/experiments\. Run one with/);
  });
});
