/**
 * `runExperiment` from `echolab/node`: sweeps scripted in code go through
 * the engine of `echolab run`, so they must give what the command gives.
 * The oracle is the command itself, run as a child process: the library's
 * folder holds the same table bytes, its rows are the command's final.csv
 * cell for cell, and every way of running (a path, a definition on this
 * thread, a definition whose module worker threads import, resumed or not)
 * gives the same rows.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/cli/compare-command.js';
import { InputError } from '../../src/model/errors.js';
import { loadExperiment } from '../../src/runner/load-experiment.js';
import { runExperiment, type Row } from '../../src/node.js';
import { REPO, comparableTables, removeDir, runCli, tempDir, tinyExperiment, writeExperiment } from '../cli/cli-harness.js';

let dir: string;
let file: string;
let cliDir: string;

beforeAll(async () => {
  dir = tempDir('echolab-runexp-');
  file = writeExperiment(dir, 'tiny', tinyExperiment({ replicates: 2 }));
  cliDir = path.join(dir, 'cli');
  const r = await runCli(['run', file, '--workers', '2', '--out', cliDir], dir);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

afterAll(() => removeDir(dir));

/** The command's final.csv as rows of strings (the CSV's own text for each cell). */
function cliFinal(): Array<Record<string, string>> {
  const { header, rows } = readCsv(readFileSync(path.join(cliDir, 'final.csv'), 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** A library row in the CSV's terms: null is an empty cell, everything else its shortest text. */
function asText(rows: readonly Row[]): Array<Record<string, string>> {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])));
}

describe('runExperiment (echolab/node)', () => {
  it('writes, with `out`, the same tables as `echolab run`, byte for byte, and returns final.csv as rows', async () => {
    const out = path.join(dir, 'lib');
    const got = await runExperiment(file, { workers: 2, out });
    expect(got.dir).toBe(out);
    expect(comparableTables(out)).toEqual(comparableTables(cliDir));
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
    expect(got.final).toHaveLength(4);
    expect(asText(got.final)).toEqual(cliFinal());
    // Series: one row per (run, time, metric), as series.csv.
    const series = readCsv(readFileSync(path.join(cliDir, 'series.csv'), 'utf8'));
    expect(got.series).toHaveLength(series.rows.length);
    expect(Object.keys(got.series[0] ?? {})).toEqual(series.header);
  }, 120_000);

  it('resumes in `out`: a second call runs nothing and returns the same rows', async () => {
    const out = path.join(dir, 'resume');
    const first = await runExperiment(file, { workers: 1, out });
    const again = await runExperiment(file, { workers: 1, out });
    expect(first.resumed).toBe(0);
    expect(again.resumed).toBe(4);
    expect(again.final).toEqual(first.final);
  }, 120_000);

  it('gives the same rows for a definition on this thread, in worker threads through its module, and from the file', async () => {
    const definition = await loadExperiment(file);
    const inline = await runExperiment(definition);
    const threads = await runExperiment(definition, { workers: 2, module: pathToFileURL(file) });
    expect(inline.dir).toBeNull();
    expect(asText(inline.final)).toEqual(cliFinal());
    expect(threads.final).toEqual(inline.final);
    expect(threads.series).toEqual(inline.series);
    expect(threads.cascades).toEqual(inline.cascades);
  }, 120_000);

  it('applies replicates, set and vary as the command line does', async () => {
    const definition = await loadExperiment(file);
    const got = await runExperiment(definition, { replicates: 1, set: { mu: 0.3 }, vary: { epsilon: [0.1, 0.2, 0.3] } });
    expect(got.final.map((r) => r.epsilon)).toEqual([0.1, 0.2, 0.3]);
    expect(got.final.every((r) => r.mu === 0.3)).toBe(true);
    const cli = await runCli(['run', file, '--replicates', '1', '--set', 'mu=0.3', '--vary', 'epsilon=0.1,0.2,0.3', '--out', path.join(dir, 'flags')], dir);
    expect(cli.code, cli.stderr).toBe(0);
    const { header, rows } = readCsv(readFileSync(path.join(dir, 'flags', 'final.csv'), 'utf8'));
    expect(asText(got.final)).toEqual(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))));
  }, 120_000);

  it('runs one shard: the shards together are the whole sweep', async () => {
    const definition = await loadExperiment(file);
    const whole = await runExperiment(definition);
    const parts = [];
    for (const index of [1, 2, 3]) parts.push(...(await runExperiment(definition, { shard: { index, count: 3 } })).final);
    parts.sort((a, b) => Number(a.run_index) - Number(b.run_index));
    expect(parts).toEqual(whole.final);
  }, 120_000);

  it('refuses worker threads for a definition without a module, and a bad shard, naming the option', async () => {
    const definition = await loadExperiment(file);
    await expect(runExperiment(definition, { workers: 2 })).rejects.toThrow(/workers: 2 threads need the experiment as a file: pass module: import\.meta\.url/);
    await expect(runExperiment(definition, { workers: 2 })).rejects.toBeInstanceOf(InputError);
    await expect(runExperiment(definition, { shard: { index: 0, count: 2 } })).rejects.toThrow(/shard: .*1 ≤ index ≤ count/);
    await expect(runExperiment('no-such-experiment')).rejects.toThrow(/unknown experiment `no-such-experiment`/);
  });

  it('refuses, with the fix, a module that runs its sweep on import (worker threads would run it again)', async () => {
    const node = pathToFileURL(path.join(REPO, 'src', 'node.ts')).href;
    const script = path.join(dir, 'sweep-on-import.ts');
    writeFileSync(
      script,
      `import { loadExperiment, runExperiment } from '${node}';\n` +
        `const experiment = await loadExperiment(${JSON.stringify(file)});\n` +
        `export default experiment;\n` +
        `if (process.env.NEVER !== 'x') await runExperiment(experiment, { workers: 2, module: import.meta.url });\n`,
    );
    const definition = await loadExperiment(file);
    await expect(runExperiment(definition, { workers: 2, module: script })).rejects.toThrow(
      /runExperiment\(\) was called while a worker thread imported .*sweep-on-import\.ts to read its experiment: put the experiment in a file of its own/,
    );
  }, 120_000);

  it('stops on an aborted signal, keeping the finished runs in `out` for a resume', async () => {
    const definition = await loadExperiment(file);
    const out = path.join(dir, 'abort');
    const controller = new AbortController();
    // Abort as the run starts (its first line of progress), once the folder is set up and locked.
    const progress = { write: (): boolean => (controller.abort(), true) };
    const stopped = runExperiment(definition, { out, signal: controller.signal, progress });
    await expect(stopped).rejects.toThrow(/stopped: 0\/4 runs finished/);
    await expect(stopped).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(true);
    const resumed = await runExperiment(definition, { out });
    expect(asText(resumed.final)).toEqual(cliFinal());
  }, 120_000);
});
