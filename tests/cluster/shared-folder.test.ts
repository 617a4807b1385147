/**
 * Shards of one sweep on several machines, writing into one results folder
 * on shared storage (NFS, a cluster's scratch). Each "machine" here is a
 * process in its own UTS and PID namespaces (`unshare`): its own host name,
 * and pid 1, the same pid on every machine, which is exactly what used to
 * make temporary file names collide across hosts. The folder is shared as
 * on a network file system: the same files, seen by processes that cannot
 * see each other.
 *
 * - Different shards on two machines at once: each writes only its own
 *   shard folder, nothing is left half-written, and the merge is a single
 *   run's bytes.
 * - The same shard on two machines (a requeued Slurm task while the first
 *   still runs): the second finds the first's lock, which it cannot check
 *   from its host, and refuses without touching a file; with --wait it
 *   waits, then resumes and finds every run done.
 *
 * Needs root and unshare (util-linux); skips saying so otherwise.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, comparableTables, removeDir, runCli, tempDir, tinyExperiment, writeExperiment, type CliResult } from '../cli/cli-harness.js';

function whyNot(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root (namespaces for the simulated machines need it)';
  const probe = spawnSync('unshare', ['-u', '-p', '-f', '--mount-proc', 'sh', '-c', 'hostname probe && echo $$'], { encoding: 'utf8' });
  if (probe.status !== 0 || probe.stdout.trim() !== '1') return `unshare cannot make UTS and PID namespaces here (${(probe.stderr || probe.error?.message || '').trim()})`;
  return null;
}

const skip = whyNot();
let dir: string;
let file: string;

/** `echolab <args>` as pid 1 of a machine named `host`. */
function onHost(host: string, args: readonly string[]): { done: Promise<CliResult>; kill: () => void } {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('SLURM_') || k.startsWith('JOB_COMPLETION_')) delete env[k];
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = `hostname ${host} && exec ${q(process.execPath)} ${[BIN, ...args].map(q).join(' ')}`;
  const child = spawn('unshare', ['-u', '-p', '-f', '--mount-proc', 'sh', '-c', script], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { done, kill: () => child.kill('SIGKILL') };
}

async function until(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every file under `root` (relative paths), to find leftovers. */
function allFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

/** Modification times of the files under `d`; a file the running command replaces meanwhile (its temporary files) is left out. */
function mtimes(d: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of allFiles(d)) {
    if (/\.tmp-/.test(f)) continue;
    try {
      out[f] = statSync(path.join(d, f)).mtimeMs;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return out;
}

describe.skipIf(skip !== null)(`shards on several machines sharing one results folder${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let single: string;

  beforeAll(async () => {
    dir = tempDir('echolab-shared-');
    // About two seconds per run, so that a run on one machine is still going when the other starts.
    file = writeExperiment(dir, 'slow', tinyExperiment({ id: 'slow', replicates: 2, n: 400, steps: 300_000, sampleEvery: 50_000 }));
    single = path.join(dir, 'single');
    const r = await runCli(['run', file, '--workers', '2', '--out', single], dir);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  afterAll(() => {
    if (dir) removeDir(dir);
  });

  it('two machines, two shards, one folder: separate shard folders, no leftovers, and the merge is a single run', async () => {
    const out = path.join(dir, 'two-shards');
    const [a, b] = await Promise.all([
      onHost('node-a', ['run', file, '--workers', '1', '--shard', '1/2', '--out', out]).done,
      onHost('node-b', ['run', file, '--workers', '1', '--shard', '2/2', '--out', out]).done,
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['shard-1-of-2', 'shard-2-of-2']);
    // Nothing half-written or left behind: no temporary files, no locks.
    expect(allFiles(out).filter((f) => /\.tmp-|\.echolab-lock/.test(f))).toEqual([]);
    const m = await runCli(['merge', path.join(out, 'shard-1-of-2'), path.join(out, 'shard-2-of-2')], dir);
    expect(m.code, m.stderr).toBe(0);
    expect(comparableTables(out)).toEqual(comparableTables(single));
  }, 180_000);

  it('the same shard on a second machine: refused while the first runs, nothing touched; --wait resumes with every run done', async () => {
    const out = path.join(dir, 'same-shard');
    const shardDir = path.join(out, 'shard-1-of-2');
    const first = onHost('node-a', ['run', file, '--workers', '1', '--shard', '1/2', '--out', out]);
    try {
      await until(() => existsSync(path.join(shardDir, '.echolab-lock')), 'node-a to lock its shard');
      const before = mtimes(shardDir);
      const second = await onHost('node-b', ['run', file, '--workers', '1', '--shard', '1/2', '--out', out]).done;
      expect(second.code, second.stderr).toBe(2);
      expect(second.stderr).toMatch(/is locked by pid 1 \(since .*\) on host node-a, which cannot be checked from this host \(node-b\); pass --wait/);
      // The refusal touched nothing node-a wrote (node-a may have written more since, never node-b).
      for (const [f, t] of Object.entries(before)) if (existsSync(path.join(shardDir, f))) expect(statSync(path.join(shardDir, f)).mtimeMs >= t).toBe(true);
      const waiting = onHost('node-c', ['run', file, '--workers', '1', '--shard', '1/2', '--out', out, '--wait']);
      const [a, c] = await Promise.all([first.done, waiting.done]);
      expect(a.code, a.stderr).toBe(0);
      expect(c.code, c.stderr).toBe(0);
      expect(c.stderr).toMatch(/locked by pid 1 .* on host node-a.*waiting until it is free/);
      expect(c.stderr).toMatch(/\b2 runs, shard 1\/2 \(--shard 1\/2\), 2 already done \(resuming\)/);
      // Each run of the shard once in runs.jsonl.
      const runs = readFileSync(path.join(shardDir, 'runs.jsonl'), 'utf8').trim().split('\n');
      expect(runs).toHaveLength(2);
    } finally {
      first.kill();
    }
  }, 180_000);
});
