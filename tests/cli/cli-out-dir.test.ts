/**
 * `--out` of every command that has one (run, merge, import, compare,
 * calibrate) goes through one check before any work: an empty value, an
 * existing file, FIFO or device, a path under /proc, /sys or /dev, a file
 * in the way and a folder that cannot be written each give one line naming
 * the flag and the value, exit code 2, nothing created, and never a hang
 * (`--out /proc/x` used to spin forever in Node's recursive mkdir).
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutDir, makeOutDir } from '../../src/runner/out-dir.js';
import { UsageError } from '../../src/cli/parse-args.js';
import { InputError } from '../../src/model/errors.js';
import { BIN, REPO, removeDir, runCli, tempDir, tinyExperiment, writeExperiment, type CliResult } from './cli-harness.js';

const MINI15 = path.join(REPO, 'tests', 'fixtures', 'archive', 'mini15');

let dir: string;
let listing: string[];

beforeAll(async () => {
  dir = tempDir();
  writeExperiment(dir, 'tiny', tinyExperiment());
  writeExperiment(
    dir,
    'ic',
    JSON.stringify({
      id: 'ic',
      title: 'Small independent cascade',
      question: 'Does calibrate check --out before drawing?',
      model: 'independent-cascade',
      network: { kind: 'preferential-attachment', params: { n: 200, m: 2 } },
      base: { seedCount: 5, p: 0.1 },
      replicates: 1,
      steps: 20,
      seed: 'out-dir-test',
      calibrate: { p: [0, 0.5] },
    }),
  );
  writeFileSync(path.join(dir, 'afile'), 'not a folder\n');
  // A finished results folder, for merge and compare.
  const r = await runCli(['run', 'tiny.ts', '--out', 'done'], dir);
  expect(r.code).toBe(0);
  listing = readdirSync(dir).sort();
});
afterAll(() => removeDir(dir));

/** Each command with valid arguments, so that only `--out` can stop it. */
const COMMANDS: Record<string, string[]> = {
  run: ['run', 'tiny.ts'],
  merge: ['merge', 'done'],
  import: ['import', MINI15],
  compare: ['compare', 'done', 'twitter15'],
  calibrate: ['calibrate', 'ic.ts', '--archive', 'twitter15', '--samples', '2', '--workers', '1'],
};

function expectOneLineRefusal(r: CliResult, command: string, value: string, ...fragments: string[]): void {
  expect(r.signal).toBeNull(); // not killed by the harness as hung
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`echolab ${command}: invalid \`--out\` (${JSON.stringify(value)})`);
  expect(lines[0]).toContain('expected a folder to create, or an existing folder');
  for (const f of fragments) expect(lines[0]).toContain(f);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

function expectNothingCreated(): void {
  expect(readdirSync(dir).sort()).toEqual(listing);
}

describe('--out: one check for every command, before any work', () => {
  for (const [command, args] of Object.entries(COMMANDS)) {
    it(`${command}: an existing file is refused`, async () => {
      expectOneLineRefusal(await runCli([...args, '--out', 'afile'], dir), command, 'afile', 'afile is an existing file, not a folder');
      expectNothingCreated();
    });

    it(`${command}: an empty value is refused (it used to mean the current folder)`, async () => {
      expectOneLineRefusal(await runCli([...args, '--out='], dir), command, '', 'the value is empty');
      expectNothingCreated();
    });

    it(`${command}: a path under /proc is refused at once instead of hanging`, async () => {
      expectOneLineRefusal(await runCli([...args, '--out', '/proc/echolab-out-test'], dir), command, '/proc/echolab-out-test', 'under /proc');
      expectNothingCreated();
    });
  }

  it('run: /sys, /dev, a character device, a FIFO and a file in the way are refused', async () => {
    expectOneLineRefusal(await runCli(['run', 'tiny.ts', '--out', '/sys/echolab-out-test'], dir), 'run', '/sys/echolab-out-test', 'under /sys');
    expectOneLineRefusal(await runCli(['run', 'tiny.ts', '--out', '/dev/echolab-out-test'], dir), 'run', '/dev/echolab-out-test', 'under /dev');
    expect(existsSync('/dev/echolab-out-test')).toBe(false);
    expectOneLineRefusal(await runCli(['run', 'tiny.ts', '--out', '/dev/null'], dir), 'run', '/dev/null', 'is a character device, not a folder');
    expectOneLineRefusal(await runCli(['run', 'tiny.ts', '--out', 'afile/sub'], dir), 'run', 'afile/sub', 'afile is an existing file, so it cannot hold a folder');
    const fifo = path.join(dir, 'fifo');
    await new Promise<void>((resolve, reject) => spawn('mkfifo', [fifo]).once('exit', (c) => (c === 0 ? resolve() : reject(new Error(`mkfifo: ${c}`)))));
    try {
      expectOneLineRefusal(await runCli(['run', 'tiny.ts', '--out', 'fifo'], dir), 'run', 'fifo', 'is a named pipe (FIFO), not a folder');
    } finally {
      removeDir(fifo);
    }
    expectNothingCreated();
  });

  it('run: a default results folder that cannot be made is one line too (choose one with --out), not a stack trace', async () => {
    const cwd = tempDir('echolab-cwd-');
    try {
      writeExperiment(cwd, 'tiny', tinyExperiment());
      writeFileSync(path.join(cwd, 'results'), 'a file where results/ would go\n');
      const r = await runCli(['run', 'tiny.ts'], cwd);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('cannot use the output folder');
      expect(r.stderr).toContain('results is an existing file, so it cannot hold a folder');
      expect(r.stderr).toContain('choose one with --out');
    } finally {
      removeDir(cwd);
    }
  });

  /** Run the command where `mode` can stop writes: as `nobody` when the tests run as root (root writes anywhere). */
  function runUnprivileged(args: string[], cwd: string): Promise<CliResult> {
    const asRoot = process.getuid?.() === 0;
    chmodSync(cwd, 0o755);
    return new Promise<CliResult>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, ...(asRoot ? { uid: 65534, gid: 65534 } : {}), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
  }

  it('run: a folder that cannot be written is refused (EACCES), naming it', async () => {
    const box = tempDir('echolab-ro-');
    try {
      writeExperiment(box, 'tiny', tinyExperiment());
      mkdirSync(path.join(box, 'locked'));
      chmodSync(path.join(box, 'locked'), 0o500);
      const r = await runUnprivileged(['run', 'tiny.ts', '--out', 'locked'], box);
      expectOneLineRefusal(r, 'run', 'locked', 'is not writable: permission denied (EACCES)');
      expect(readdirSync(path.join(box, 'locked'))).toEqual([]);
    } finally {
      chmodSync(path.join(box, 'locked'), 0o700);
      removeDir(box);
    }
  });

  it('report: a results folder that cannot be written is one line, exit 2, before any lock file', async () => {
    const box = tempDir('echolab-ro-');
    const results = path.join(box, 'results-ro');
    try {
      cpSync(path.join(dir, 'done'), results, { recursive: true });
      chmodSync(results, 0o555);
      const before = readdirSync(results).sort();
      const r = await runUnprivileged(['report', 'results-ro'], box);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr.trimEnd().split('\n')).toEqual([
        `echolab: cannot use the output folder ${results}: ${results} is not writable: permission denied (EACCES); expected a folder to create, or an existing folder, where files can be written`,
      ]);
      expect(readdirSync(results).sort()).toEqual(before);
    } finally {
      chmodSync(results, 0o755);
      removeDir(box);
    }
  });
});

describe('checkOutDir and makeOutDir', () => {
  it('create nested folders one at a time, and accept an existing folder', () => {
    const target = path.join(dir, 'made', 'a', 'b');
    expect(makeOutDir(target, { command: 'run' })).toBe(target);
    expect(existsSync(target)).toBe(true);
    expect(() => checkOutDir(target, { command: 'run', flag: target })).not.toThrow();
    removeDir(path.join(dir, 'made'));
  });

  it('refuse a dangling symbolic link, and word the error by where the folder came from', () => {
    const link = path.join(dir, 'dangling');
    symlinkSync(path.join(dir, 'nowhere'), link);
    try {
      expect(() => checkOutDir(link, { command: 'run', flag: 'dangling' })).toThrow(UsageError);
      expect(() => checkOutDir(link, { command: 'run', flag: 'dangling' })).toThrow(/symbolic link to nothing/);
      // A default folder (no flag): an InputError that suggests --out.
      expect(() => checkOutDir(link, { command: 'run' })).toThrow(InputError);
      expect(() => checkOutDir(link, { command: 'run' })).toThrow(/choose one with --out/);
    } finally {
      removeDir(link);
    }
  });

  it('makeOutDir under /proc fails at once (the recursive mkdir it replaces never returned)', () => {
    expect(() => makeOutDir('/proc/echolab-out-test/x', { command: 'run' })).toThrow(/under \/proc/);
  });
});
