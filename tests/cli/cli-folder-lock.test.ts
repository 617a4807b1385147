/**
 * One writer per results folder: a second `echolab run` (or `report`,
 * `merge`) on a folder another command is writing refuses, naming the
 * holder's pid, or waits for it with --wait; a lock left by a process that
 * is gone is taken over; a lock from another host is refused with the way
 * out. No sleeps: the holder is frozen with SIGSTOP, or is a `sleep`
 * process the test owns, and every wait is for a line of output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, holderState, lockFolder, processStart } from '../../src/runner/folder-lock.js';
import { InputError } from '../../src/model/errors.js';
import { experimentBody } from './calibrate-fixture.js';
import { removeDir, runCli, runsLines, spawnCli, tempDir, tinyExperiment, waitForLines, writeExperiment, type Spawned } from './cli-harness.js';

let dir: string;
let sleeper: ChildProcess;
const TOTAL = 24;
const silent = { write: (): boolean => true };

beforeAll(async () => {
  dir = tempDir();
  // 24 runs of about 50 ms each, as in the crash-safety tests.
  writeExperiment(dir, 'slow', tinyExperiment({ id: 'slow', replicates: 12, n: 400, steps: 2000, sampleEvery: 100 }));
  writeExperiment(dir, 'tiny', tinyExperiment());
  // A live process this test owns, to stand for a lock holder.
  sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    sleeper.once('spawn', resolve);
    sleeper.once('error', reject);
  });
});
afterAll(() => {
  sleeper.kill('SIGKILL');
  removeDir(dir);
});

function writeLock(folder: string, holder: Record<string, unknown>): string {
  const text = `${JSON.stringify({ started: '2026-01-01T00:00:00.000Z', command: 'echolab run elsewhere', ...holder })}\n`;
  writeFileSync(path.join(folder, LOCK_FILE), text);
  return text;
}

/** Resolve once the child's stderr contains `text` (the harness keeps collecting it too). */
function stderrShows(p: Spawned, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer): void => {
      seen += d.toString();
      if (seen.includes(text)) {
        p.child.stderr?.off('data', onData);
        resolve();
      }
    };
    p.child.stderr?.on('data', onData);
    p.child.once('close', () => reject(new Error(`exited before printing ${JSON.stringify(text)}; stderr: ${seen}`)));
  });
}

function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((f) => [f, readFileSync(path.join(folder, f), 'utf8')]));
}

describe('results folder lock: two commands on one folder', () => {
  it('a second run refuses naming the first one\'s pid; with --wait a third finishes after the first; every run done once', async () => {
    const out = path.join(dir, 'both');
    const runs = path.join(out, 'runs.jsonl');
    const first = spawnCli(['run', 'slow.ts', '--workers', '1', '--out', 'both'], dir);
    await waitForLines(runs, 1);
    // Frozen, the first run holds the folder for as long as the test needs.
    first.child.kill('SIGSTOP');
    try {
      const before = readFileSync(runs, 'utf8');
      const second = await runCli(['run', 'slow.ts', '--workers', '1', '--out', 'both'], dir);
      expect(second.code).toBe(2);
      expect(second.stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^echolab: results folder both is in use by pid ${first.child.pid} \\(since .*: \`echolab run slow.ts --workers 1 --out both\`\\); wait for it, or pass --wait$`)),
      ]);
      expect(readFileSync(runs, 'utf8')).toBe(before);

      const third = spawnCli(['run', 'slow.ts', '--workers', '1', '--out', 'both', '--wait'], dir);
      await stderrShows(third, 'waiting until it is free');
      expect(readFileSync(runs, 'utf8')).toBe(before);
      first.child.kill('SIGCONT');
      const a = await first.done;
      expect(a.code).toBe(0);
      expect(a.stderr).toContain(`done: ${TOTAL} runs (${TOTAL} now, 0 resumed)`);
      const c = await third.done;
      expect(c.code).toBe(0);
      expect(c.stderr).toContain(`done: ${TOTAL} runs (0 now, ${TOTAL} resumed)`);
    } finally {
      first.child.kill('SIGCONT');
    }
    const indices = runsLines(out).map((l) => l.run.index);
    expect(indices).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  });

  it('run, report and merge refuse a folder held by a live process, and change nothing', async () => {
    expect((await runCli(['run', 'tiny.ts', '--out', 'held'], dir)).code).toBe(0);
    expect((await runCli(['run', 'tiny.ts', '--out', 'other'], dir)).code).toBe(0);
    const held = path.join(dir, 'held');
    writeLock(held, { pid: sleeper.pid, hostname: os.hostname() });
    const before = snapshot(held);
    for (const args of [['run', 'tiny.ts', '--out', 'held'], ['report', 'held'], ['merge', 'other', '--out', 'held']]) {
      const r = await runCli(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`results folder held is in use by pid ${sleeper.pid} (since 2026-01-01T00:00:00.000Z: \`echolab run elsewhere\`)`);
    }
    expect(snapshot(held)).toEqual(before);
  });

  it('calibrate refuses a folder held by a live process too, and changes nothing', async () => {
    writeExperiment(dir, 'ic', experimentBody({ calibrate: { p: [0.05, 0.4] } }));
    const held = path.join(dir, 'cal-held');
    mkdirSync(held, { recursive: true });
    writeLock(held, { pid: sleeper.pid, hostname: os.hostname() });
    const before = snapshot(held);
    const r = await runCli(['calibrate', 'ic.ts', '--archive', 'twitter15', '--samples', '4', '--workers', '1', '--out', 'cal-held'], dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`results folder cal-held is in use by pid ${sleeper.pid}`);
    expect(snapshot(held)).toEqual(before);
  });

  it('--wait waits for a live holder, and Ctrl-C stops the wait with exit code 130, nothing run', async () => {
    const held = path.join(dir, 'held');
    const lock = readFileSync(path.join(held, LOCK_FILE), 'utf8');
    expect(lock).toContain(`"pid":${sleeper.pid}`);
    const before = snapshot(held);
    const p = spawnCli(['run', 'tiny.ts', '--out', 'held', '--wait'], dir);
    await stderrShows(p, `results folder held is in use by pid ${sleeper.pid}`);
    p.child.kill('SIGINT');
    const r = await p.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('stopped waiting for the results folder held; nothing was run');
    expect(snapshot(held)).toEqual(before);
  });

  it('a lock whose process is gone is taken over with a note, and released at the end', async () => {
    const gone = spawn('true');
    await new Promise((resolve) => gone.once('exit', resolve));
    const stale = path.join(dir, 'stale');
    mkdirSync(stale);
    writeLock(stale, { pid: gone.pid, hostname: os.hostname() });
    const r = await runCli(['run', 'tiny.ts', '--out', 'stale'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`echolab: note: took over the lock of stale: pid ${gone.pid} (since 2026-01-01T00:00:00.000Z: \`echolab run elsewhere\`) is no longer running on this host`);
    expect(existsSync(path.join(stale, LOCK_FILE))).toBe(false);
    expect(readdirSync(stale).filter((f) => f.startsWith(LOCK_FILE))).toEqual([]);
  });

  it('a lock from another host cannot be checked: refused, with the lock file to remove', async () => {
    const far = path.join(dir, 'far');
    mkdirSync(far);
    const text = writeLock(far, { pid: 1, hostname: 'node-17.cluster.example' });
    const r = await runCli(['run', 'tiny.ts', '--out', 'far'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('results folder far is locked by pid 1');
    expect(r.stderr).toContain(`on host node-17.cluster.example, which cannot be checked from this host (${os.hostname()})`);
    expect(r.stderr).toContain(`remove ${path.join('far', LOCK_FILE)}`);
    expect(readFileSync(path.join(far, LOCK_FILE), 'utf8')).toBe(text);
    expect(readdirSync(far)).toEqual([LOCK_FILE]);
  });

  it('the lock is released when a run is interrupted with Ctrl-C', async () => {
    const out = path.join(dir, 'interrupted');
    const p = spawnCli(['run', 'slow.ts', '--workers', '1', '--out', 'interrupted'], dir);
    await waitForLines(path.join(out, 'runs.jsonl'), 1);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(true);
    p.child.kill('SIGINT');
    expect((await p.done).code).toBe(130);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  });
});

describe('lockFolder in one process', () => {
  it('a second lock on a held folder refuses naming this pid; released, the folder locks again', async () => {
    const folder = tempDir('echolab-lock-');
    try {
      const lock = await lockFolder(folder, { command: 'first', stderr: silent });
      const held = JSON.parse(readFileSync(path.join(folder, LOCK_FILE), 'utf8')) as { pid: number; hostname: string; command: string };
      expect(held).toMatchObject({ pid: process.pid, hostname: os.hostname(), command: 'first' });
      await expect(lockFolder(folder, { command: 'second', stderr: silent })).rejects.toThrow(InputError);
      await expect(lockFolder(folder, { command: 'second', stderr: silent })).rejects.toThrow(`in use by pid ${process.pid}`);
      lock.release();
      lock.release();
      expect(existsSync(path.join(folder, LOCK_FILE))).toBe(false);
      const again = await lockFolder(folder, { command: 'third', stderr: silent });
      again.release();
    } finally {
      removeDir(folder);
    }
  });

  it('a live pid that started at another time than the lock says is a reused pid: the lock is stale', () => {
    const start = processStart(sleeper.pid ?? -1);
    if (start === undefined) return; // no /proc: only kill(pid, 0) can be used
    const file = path.join(dir, 'unused-lock');
    const base = { pid: sleeper.pid ?? -1, hostname: os.hostname(), started: '', command: '' };
    expect(holderState({ ...base, processStart: start }, file)).toBe('alive');
    expect(holderState({ ...base, processStart: `${start}0` }, file)).toBe('dead');
    expect(holderState(base, file)).toBe('alive');
    expect(holderState({ ...base, hostname: `${os.hostname()}-elsewhere` }, file)).toBe('other-host');
  });
});
