/**
 * Helpers for the CLI tests: tiny experiment files written into a temporary
 * directory, the `echolab` command spawned as a child process, and result
 * tables read back for comparison.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { restoreCsvText } from '../../src/io/csv-cell.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(REPO, 'bin', 'echolab.mjs');
const DEFINE = pathToFileURL(path.join(REPO, 'src', 'experiment', 'define-experiment.ts')).href;

/** A temporary directory that is an ES module package (so plain `.ts` experiment files load as ESM). */
export function tempDir(prefix = 'echolab-cli-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Write `<dir>/<name>.ts` exporting `defineExperiment(<body>)`. */
export function writeExperiment(dir: string, name: string, body: string): string {
  const file = path.join(dir, `${name}.ts`);
  writeFileSync(file, `import { defineExperiment } from '${DEFINE}';\n\nexport default defineExperiment(${body});\n`);
  return file;
}

/**
 * A small Deffuant sweep: 2 × `replicates` runs on a 60-node random graph,
 * sampled every 5 steps; `steps` and `n` make each run slower.
 */
export function tinyExperiment(opts: { id?: string; replicates?: number; steps?: number; n?: number; sampleEvery?: number; metrics?: string[] } = {}): string {
  return JSON.stringify(
    {
      id: opts.id ?? 'tiny',
      title: 'Tiny Deffuant sweep',
      question: 'Does the runner give the same tables however it is run?',
      model: 'deffuant',
      network: { kind: 'erdos-renyi', params: { n: opts.n ?? 60, p: 0.1 } },
      base: { mu: 0.5 },
      vary: { epsilon: [0.15, 0.4] },
      replicates: opts.replicates ?? 3,
      steps: opts.steps ?? 20,
      untilConverged: false,
      sampleEvery: opts.sampleEvery ?? 5,
      metrics: opts.metrics ?? ['opinion.variance', 'opinion.mean'],
      seed: 'cli-test',
    },
    null,
    2,
  );
}

const HUNG_MS = 45_000;

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Spawned {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
}

/** Start `node bin/echolab.mjs <args>` in `cwd` (no TTY: plain progress lines). */
export function spawnCli(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Spawned {
  const clean: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(clean)) if (k.startsWith('SLURM_') || k.startsWith('JOB_COMPLETION_')) delete clean[k];
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // A hung command fails its test with what it printed rather than a bare timeout.
  const timer = setTimeout(() => {
    stderr += `\n[test harness: killed after ${HUNG_MS / 1000} s]`;
    child.kill('SIGKILL');
  }, HUNG_MS);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

export function runCli(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  return spawnCli(args, cwd, env).done;
}

/** Resolve once `file` has at least `lines` complete lines (polling), or reject after `timeoutMs`. */
export async function waitForLines(file: string, lines: number, timeoutMs = 20_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (existsSync(file)) {
      const n = readFileSync(file, 'utf8').split('\n').length - 1;
      if (n >= lines) return n;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${lines} lines in ${file}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function readText(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

/** Split one CSV line into raw cells (quoted cells kept quoted, so joining them back is exact). */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** The value of a raw CSV cell, as the writer was given it (quotes and formula neutralisation undone). */
export function csvValue(cell: string): string {
  return restoreCsvText(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
}

/**
 * The result files that must be identical whatever the workers or shards:
 * the CSV tables as text (readable diffs), the Parquet tables by digest,
 * and runs.jsonl without `elapsedMs` (the wall clock, which lands only in
 * timings.csv).
 */
export function comparableTables(dir: string): Record<string, string> {
  const digest = (file: string): string => createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex');
  return {
    final: readText(dir, 'final.csv'),
    series: readText(dir, 'series.csv'),
    cascades: readText(dir, 'cascades.csv'),
    finalParquet: digest('final.parquet'),
    seriesParquet: digest('series.parquet'),
    cascadesParquet: digest('cascades.parquet'),
    runs: readText(dir, 'runs.jsonl').replace(/,"elapsedMs":[0-9.e+-]+/g, ''),
  };
}

/** runs.jsonl as parsed lines. */
export function runsLines(dir: string): Array<{ run: { index: number; name: string } }> {
  return readText(dir, 'runs.jsonl')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { run: { index: number; name: string } });
}
