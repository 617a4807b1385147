/**
 * `echolab slurm` on a real Slurm: a single-node controller and node daemon
 * on localhost (scripts/slurm-local.sh, from Debian's slurm-wlm and munge),
 * the job array and the dependent merge submitted by the written submit.sh,
 * exactly as a user would. The oracle is `echolab run` on one machine: the
 * merged final, series and cascades tables (CSV and Parquet) and runs.jsonl
 * must be its bytes. Skips, saying why, where it cannot run: not root, or
 * the packages absent (`bash scripts/install-slurm.sh` installs them; CI
 * does).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, comparableTables, removeDir, runCli, tempDir } from '../cli/cli-harness.js';

const SCRIPT = path.join(REPO, 'scripts', 'slurm-local.sh');

function whyNot(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root (slurmctld and slurmd run as root here)';
  for (const b of ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/sbin/munged', '/usr/bin/sbatch']) {
    if (!existsSync(b)) return `${b} is not installed (bash scripts/install-slurm.sh installs slurm-wlm and munge as root)`;
  }
  return null;
}

const skip = whyNot();
let state: string;
let work: string;
let env: Record<string, string>;

function sh(cmd: string, args: readonly string[], cwd: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Job states by id (array tasks as <job>_<task>), all states, from the controller's memory. */
function jobStates(ids: readonly string[]): Map<string, string> {
  const r = sh('squeue', ['-h', '-t', 'all', '-j', ids.join(','), '-o', '%i %T'], work);
  const m = new Map<string, string>();
  for (const line of r.out.split('\n')) {
    const [id, st] = line.trim().split(/\s+/);
    if (id && st) m.set(id, st);
  }
  return m;
}

const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE', 'PREEMPTED']);

describe.skipIf(skip !== null)(`echolab slurm on a real single-node Slurm${skip ? ` (skipped: ${skip})` : ''}`, () => {
  beforeAll(() => {
    state = tempDir('echolab-slurmd-');
    work = tempDir('echolab-slurm-work-');
    env = {};
    const r = spawnSync('bash', [SCRIPT, 'start', state], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`scripts/slurm-local.sh start failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    const conf = /export SLURM_CONF=(\S+)/.exec(r.stdout)?.[1];
    if (!conf) throw new Error(`scripts/slurm-local.sh printed no SLURM_CONF:\n${r.stdout}`);
    env = { SLURM_CONF: conf };
  }, 90_000);

  afterAll(() => {
    if (state) spawnSync('bash', [SCRIPT, 'stop', state], { encoding: 'utf8', timeout: 30_000 });
    if (state) removeDir(state);
    if (work) removeDir(work);
  });

  it('runs the array and the dependent merge; the merged tables are a single run\'s bytes', async () => {
    const info = sh('sinfo', ['-h', '-o', '%P %t %c'], work);
    expect(info.out, info.err).toMatch(/idle/);

    const wrote = await runCli(['slurm', 'deffuant-threshold', '--quick', '--shards', '3', '--cpus', '1', '--time', '00:10:00'], work);
    expect(wrote.code, wrote.stderr).toBe(0);
    const label = /results\/deffuant-threshold\/(quick-[0-9a-f]{8})\//.exec(wrote.stdout + wrote.stderr)?.[1];
    expect(label).toBeDefined();

    const submitted = sh('bash', [path.join(work, 'slurm', 'deffuant-threshold', 'submit.sh')], work);
    expect(submitted.code, submitted.err).toBe(0);
    const m = /shards: job (\d+); merge: job (\d+)/.exec(submitted.out);
    expect(m, submitted.out).not.toBeNull();
    const [arrayJob, mergeJob] = [m![1]!, m![2]!];

    // Wait for the three array tasks and the merge (the merge waits on the array: afterok).
    const deadline = Date.now() + 240_000;
    let states = new Map<string, string>();
    for (;;) {
      states = jobStates([arrayJob, mergeJob]);
      const all = [...states.values()];
      if (states.size === 4 && all.every((s) => FINAL.has(s))) break;
      if (Date.now() > deadline) throw new Error(`jobs not finished after 4 min: ${JSON.stringify([...states])}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(Object.fromEntries(states)).toEqual({
      [`${arrayJob}_1`]: 'COMPLETED',
      [`${arrayJob}_2`]: 'COMPLETED',
      [`${arrayJob}_3`]: 'COMPLETED',
      [mergeJob]: 'COMPLETED',
    });

    // Each task ran its own shard, into its own folder, and logged it.
    const merged = path.join(work, 'results', 'deffuant-threshold', label!);
    expect(readdirSync(merged).filter((f) => f.startsWith('shard-')).sort()).toEqual(['shard-1-of-3', 'shard-2-of-3', 'shard-3-of-3']);
    const logs = readdirSync(path.join(work, 'slurm', 'deffuant-threshold', 'logs')).sort();
    expect(logs).toEqual([
      `echolab-deffuant-threshold-${arrayJob}_1.out`,
      `echolab-deffuant-threshold-${arrayJob}_2.out`,
      `echolab-deffuant-threshold-${arrayJob}_3.out`,
      `echolab-deffuant-threshold-merge-${mergeJob}.out`,
    ]);
    const log1 = readFileSync(path.join(work, 'slurm', 'deffuant-threshold', 'logs', logs[0]!), 'utf8');
    expect(log1).toMatch(/shard 1\/3 \(SLURM_ARRAY_TASK_ID=1/);

    // The oracle: the same experiment run once, on this machine.
    const single = path.join(work, 'single');
    const one = await runCli(['run', 'deffuant-threshold', '--quick', '--workers', '2', '--out', single], work);
    expect(one.code, one.stderr).toBe(0);
    expect(comparableTables(merged)).toEqual(comparableTables(single));
  }, 300_000);
});
