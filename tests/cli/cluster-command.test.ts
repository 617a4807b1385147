/**
 * `echolab slurm` and `echolab k8s` write the files that run an
 * experiment's shards on a cluster and merge them.
 * - Slurm: each array task of the written script, run as Slurm would run it
 *   (the script's own shell, SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT
 *   set), then the merge script: the merged final, series and cascades
 *   tables equal a single `echolab run`'s bytes. (A real single-node Slurm
 *   is not started here.)
 * - Kubernetes: the manifests are batch/v1 Jobs, the shards' with
 *   completionMode Indexed, one completion per shard, JOB_COMPLETION_COUNT
 *   set, the results claim mounted; the merge names the shard folders.
 * - Bad flags exit 2 naming the flag.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempDir, tinyExperiment, writeExperiment } from './cli-harness.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
  writeExperiment(dir, 'tiny', tinyExperiment({ replicates: 3 }));
});
afterAll(() => removeDir(dir));

describe('echolab slurm', () => {
  it('the array tasks and the merge, run as Slurm runs them, give a single run\'s tables', async () => {
    const w = await runCli(['slurm', 'tiny.ts', '--shards', '3', '--cpus', '1', '--time', '00:10:00', '--set', 'mu=0.3'], dir);
    expect(w.code, w.stderr).toBe(0);
    const scripts = path.join(dir, 'slurm', 'tiny');
    const array = readFileSync(path.join(scripts, 'tiny-array.sbatch'), 'utf8');
    expect(array).toMatch(/^#SBATCH --array=1-3$/m);
    expect(array).toMatch(/^#SBATCH --cpus-per-task=1$/m);
    expect(array).toMatch(/^#SBATCH --time=00:10:00$/m);
    expect(array).toContain('run tiny.ts --set mu=0.3');
    expect(readFileSync(path.join(scripts, 'submit.sh'), 'utf8')).toMatch(/sbatch --parsable --dependency=afterok:\$\{array%%;\*\} /);
    const resultsDir = /merged results will be in (\S+)\//.exec(w.stdout)![1];
    for (let i = 1; i <= 3; i++) {
      execFileSync('bash', [path.join(scripts, 'tiny-array.sbatch')], { cwd: dir, env: { ...process.env, SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_CPUS_PER_TASK: '1' }, stdio: 'pipe' });
    }
    execFileSync('bash', [path.join(scripts, 'tiny-merge.sbatch')], { cwd: dir, stdio: 'pipe' });
    const single = await runCli(['run', 'tiny.ts', '--set', 'mu=0.3', '--out', 'single'], dir);
    expect(single.code, single.stderr).toBe(0);
    for (const table of ['final.csv', 'series.csv', 'cascades.csv', 'final.parquet']) {
      expect(readFileSync(path.join(dir, resultsDir, table)).equals(readFileSync(path.join(dir, 'single', table))), table).toBe(true);
    }
  }, 120_000);

  it('refuses bad flags before writing anything', async () => {
    const none = await runCli(['slurm', 'tiny.ts'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--shards N` is required/);
    const time = await runCli(['slurm', 'tiny.ts', '--shards', '2', '--time', 'soon'], dir);
    expect(time.code).toBe(2);
    expect(time.stderr).toMatch(/invalid `--time` \("soon"\)/);
    const many = await runCli(['slurm', 'tiny.ts', '--shards', '99'], dir);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/--shards 99` is more than the 6 runs/);
  });
});

describe('echolab k8s', () => {
  it('writes a batch/v1 Indexed Job of the shards and a merge Job on one results claim', async () => {
    const w = await runCli(['k8s', 'tiny.ts', '--shards', '3', '--image', 'registry.example.org/lab/echolab:0.1.0', '--cpus', '2', '--parallelism', '2', '--quick'], dir);
    expect(w.code, w.stderr).toBe(0);
    const out = path.join(dir, 'k8s', 'tiny');
    const shards = JSON.parse(readFileSync(path.join(out, 'tiny-shards.json'), 'utf8'));
    expect(shards.apiVersion).toBe('batch/v1');
    expect(shards.kind).toBe('Job');
    expect(shards.spec.completionMode).toBe('Indexed');
    expect(shards.spec.completions).toBe(3);
    expect(shards.spec.parallelism).toBe(2);
    expect(shards.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    const pod = shards.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    const c = pod.containers[0];
    expect(c.image).toBe('registry.example.org/lab/echolab:0.1.0');
    expect(c.command).toEqual(['npx', 'echolab', 'run', 'tiny.ts', '--quick', '--workers', '2']);
    expect(c.env).toEqual([{ name: 'JOB_COMPLETION_COUNT', value: '3' }]);
    expect(c.resources.requests.cpu).toBe('2');
    expect(c.volumeMounts).toEqual([{ name: 'results', mountPath: '/app/results' }]);
    expect(pod.volumes).toEqual([{ name: 'results', persistentVolumeClaim: { claimName: 'echolab-results' } }]);
    const merge = JSON.parse(readFileSync(path.join(out, 'tiny-merge.json'), 'utf8'));
    expect(merge.spec.completions).toBe(1);
    expect(merge.spec.template.spec.containers[0].command.join(' ')).toMatch(/^sh -c npx echolab merge results\/tiny\/quick-[0-9a-f]+\/shard-\*-of-3$/);
    const run = readFileSync(path.join(out, 'run.sh'), 'utf8');
    expect(run).toContain(`kubectl wait --for=condition=complete --timeout=168h job/${shards.metadata.name}`);
    expect(run.indexOf('tiny-shards.json')).toBeLessThan(run.indexOf('tiny-merge.json'));
    const noImage = await runCli(['k8s', 'tiny.ts', '--shards', '3'], dir);
    expect(noImage.code).toBe(2);
    expect(noImage.stderr).toMatch(/--image` is required/);
  });
});
