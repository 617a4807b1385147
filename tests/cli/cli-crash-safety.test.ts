/**
 * Crash safety: every finished run is in runs.jsonl the moment it finishes,
 * so a killed process resumes where it stopped, a truncated last line is
 * detected and its run redone, and Ctrl-C stops cleanly with exit code 130
 * and the finished runs kept. In every case the final tables equal those of
 * an uninterrupted run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparableTables, removeDir, runCli, runsLines, spawnCli, tempDir, tinyExperiment, waitForLines, writeExperiment } from './cli-harness.js';

let dir: string;
let clean: Record<string, string>;
const TOTAL = 24;

beforeAll(async () => {
  dir = tempDir();
  // 24 runs of about 50 ms each: slow enough to interrupt mid-way.
  writeExperiment(dir, 'slow', tinyExperiment({ id: 'slow', replicates: 12, n: 400, steps: 2000, sampleEvery: 100 }));
  const r = await runCli(['run', 'slow.ts', '--workers', '2', '--out', 'clean'], dir);
  expect(r.code).toBe(0);
  clean = comparableTables(path.join(dir, 'clean'));
});
afterAll(() => removeDir(dir));

function expectNoDuplicates(out: string): void {
  const indices = runsLines(out).map((l) => l.run.index);
  expect(new Set(indices).size).toBe(indices.length);
  expect(indices).toHaveLength(TOTAL);
}

describe('echolab run: crash safety and resume', () => {
  it('resumes after SIGKILL: no duplicate runs, tables equal a clean run', async () => {
    const out = path.join(dir, 'killed');
    const p = spawnCli(['run', 'slow.ts', '--workers', '1', '--out', 'killed'], dir);
    await waitForLines(path.join(out, 'runs.jsonl'), 3);
    p.child.kill('SIGKILL');
    const killed = await p.done;
    expect(killed.signal).toBe('SIGKILL');
    // Complete lines only: a kill can in principle land inside a write (the resume drops that line).
    const kept = readFileSync(path.join(out, 'runs.jsonl'), 'utf8').split('\n').length - 1;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(TOTAL);

    const again = await runCli(['run', 'slow.ts', '--workers', '2', '--out', 'killed'], dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`${kept} already done (resuming)`);
    expectNoDuplicates(out);
    expect(comparableTables(out)).toEqual(clean);
  });

  it('detects a truncated last line of runs.jsonl and redoes that run', async () => {
    const first = await runCli(['run', 'slow.ts', '--workers', '2', '--out', 'truncated'], dir);
    expect(first.code).toBe(0);
    const file = path.join(dir, 'truncated', 'runs.jsonl');
    const text = readFileSync(file, 'utf8');
    const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
    // A write cut off half-way through the last line.
    writeFileSync(file, text.slice(0, lastStart + Math.floor((text.length - lastStart) / 2)));
    const again = await runCli(['run', 'slow.ts', '--workers', '1', '--out', 'truncated'], dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`line ${TOTAL} was incomplete .* dropped`));
    expect(again.stderr).toContain(`${TOTAL - 1} already done`);
    expectNoDuplicates(path.join(dir, 'truncated'));
    expect(comparableTables(path.join(dir, 'truncated'))).toEqual(clean);
  });

  it('refuses a corrupt line that is not the last one, naming the file and line', async () => {
    const file = path.join(dir, 'truncated', 'runs.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[4] = '{"run": garbage';
    writeFileSync(file, lines.join('\n'));
    const r = await runCli(['run', 'slow.ts', '--workers', '1', '--out', 'truncated'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('runs.jsonl:5');
  });

  it('stops on SIGINT with exit code 130, keeps finished runs and says how to resume', async () => {
    const out = path.join(dir, 'interrupted');
    const p = spawnCli(['run', 'slow.ts', '--workers', '1', '--out', 'interrupted'], dir);
    await waitForLines(path.join(out, 'runs.jsonl'), 2);
    p.child.kill('SIGINT');
    const r = await p.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('Resume with the same command');
    expect(r.stderr).toContain('echolab run slow.ts --workers 1 --out interrupted');
    const kept = runsLines(out);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(TOTAL);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { status: string; finished: number };
    expect(manifest.status).toBe('interrupted');
    expect(manifest.finished).toBe(kept.length);

    const again = await runCli(['run', 'slow.ts', '--workers', '2', '--out', 'interrupted'], dir);
    expect(again.code).toBe(0);
    expectNoDuplicates(out);
    expect(comparableTables(out)).toEqual(clean);
  });
});
