/**
 * Results do not depend on how the runs were spread: the same command run
 * twice, 1 or 2 workers, or 3 shards merged, give byte-identical tables
 * (CSV and Parquet; the wall time of each run is in timings.csv only), and
 * the Parquet files hold the same values as the CSV files.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparableTables, csvCells, csvValue, readText, removeDir, runCli, runsLines, tempDir, tinyExperiment, writeExperiment } from './cli-harness.js';

let dir: string;

beforeAll(() => {
  dir = tempDir();
  writeExperiment(dir, 'tiny', tinyExperiment({ replicates: 3 }));
});
afterAll(() => removeDir(dir));

async function run(args: string[]): Promise<string> {
  const r = await runCli(['run', 'tiny.ts', ...args], dir);
  expect(r.stderr).toContain('done');
  expect(r.code).toBe(0);
  return path.resolve(dir, r.stdout.trim());
}

describe('echolab run: results independent of workers and shards', () => {
  it('writes identical tables with 1 and 2 workers', async () => {
    const one = await run(['--workers', '1', '--out', 'w1']);
    const two = await run(['--workers', '2', '--out', 'w2']);
    expect(one).toBe(path.join(dir, 'w1'));
    const a = comparableTables(one);
    const b = comparableTables(two);
    expect(b).toEqual(a);
    // Six runs, sorted by run index in every file.
    expect(runsLines(one).map((l) => l.run.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(a.final.split('\n').filter(Boolean)).toHaveLength(7);
    // Provenance columns come first, then the sweep, then the metrics.
    expect(a.final.split('\n')[0]).toMatch(/^run_index,run_name,seed_key,crn_key,replicate,epsilon,mu,steps,converged,opinion.variance,opinion.mean(,|$)/);
    expect(readText(one, 'series.csv').split('\n')[0]).toBe('run_index,run_name,replicate,epsilon,t,metric,value');
  });

  it('writes byte-identical final, series and cascades files (CSV and Parquet) for the same command, and with 1 or 2 workers', async () => {
    const a = await run(['--workers', '1', '--out', 'bytes-a']);
    const b = await run(['--workers', '1', '--out', 'bytes-b']);
    const c = await run(['--workers', '2', '--out', 'bytes-c']);
    for (const name of ['final', 'series', 'cascades']) {
      for (const ext of ['csv', 'parquet']) {
        const file = `${name}.${ext}`;
        const bytes = readFileSync(path.join(a, file));
        expect(readFileSync(path.join(b, file)).equals(bytes), `${file}: two runs of one command`).toBe(true);
        expect(readFileSync(path.join(c, file)).equals(bytes), `${file}: 1 vs 2 workers`).toBe(true);
      }
    }
    // The wall-clock figures are in timings.csv, one row per run.
    const timings = readText(a, 'timings.csv').split('\n').filter(Boolean);
    expect(timings[0]).toBe('run_index,run_name,elapsed_ms');
    expect(timings.slice(1).map((l) => csvCells(l)[0])).toEqual(['0', '1', '2', '3', '4', '5']);
    for (const l of timings.slice(1)) expect(Number(csvCells(l)[2])).toBeGreaterThanOrEqual(0);
    expect(readText(a, 'final.csv')).not.toContain('elapsed');
  });

  it('names the default directory after the resolved spec, so the same command lands in the same place', async () => {
    const first = await run(['--workers', '1']);
    expect(path.relative(dir, first)).toMatch(/^results[/\\]tiny[/\\]full-[0-9a-f]{8}$/);
    const again = await runCli(['run', 'tiny.ts', '--workers', '1'], dir);
    expect(path.resolve(dir, again.stdout.trim())).toBe(first);
    expect(again.stderr).toContain('6 already done');
    const quick = await run(['--workers', '1', '--replicates', '1']);
    expect(quick).not.toBe(first);
    const manifest = JSON.parse(readText(first, 'manifest.json')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ status: 'complete', finished: 6, expected: 6, shard: null });
    expect(typeof manifest.node).toBe('string');
    expect((manifest.runs as unknown[]).length).toBe(6);
  });

  it('gives the full run\'s tables when shards 1/3, 2/3 and 3/3 are merged', async () => {
    const full = await run(['--workers', '2', '--out', 'full']);
    for (const i of [1, 2, 3]) {
      const shard = await run(['--workers', '1', '--out', 'sharded', '--shard', `${i}/3`]);
      expect(shard).toBe(path.join(dir, 'sharded', `shard-${i}-of-3`));
      // Shard i holds the runs whose index ≡ i − 1 (mod 3).
      expect(runsLines(shard).map((l) => l.run.index)).toEqual([i - 1, i + 2]);
    }
    const merged = await runCli(['merge', 'sharded/shard-1-of-3', 'sharded/shard-2-of-3', 'sharded/shard-3-of-3'], dir);
    expect(merged.code).toBe(0);
    expect(merged.stdout.trim()).toBe('sharded');
    expect(comparableTables(path.join(dir, 'sharded'))).toEqual(comparableTables(full));
  });

  it('rebuilds tables, summary and report from runs.jsonl (echolab report)', async () => {
    const out = await run(['--workers', '1', '--out', 'rebuild']);
    const before = ['final.csv', 'series.csv', 'cascades.csv', 'summary.md', 'report.html'].map((f) => readText(out, f));
    for (const f of ['final.csv', 'series.csv', 'summary.md', 'report.html']) rmSync(path.join(out, f));
    const r = await runCli(['report', 'rebuild'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('from 6 runs');
    expect(['final.csv', 'series.csv', 'cascades.csv', 'summary.md', 'report.html'].map((f) => readText(out, f))).toEqual(before);
    expect(before[3]).toContain('Tiny Deffuant sweep');
    expect(before[4]).toMatch(/^<!doctype html>/i);
  });

  it('reads shards from SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX', async () => {
    const slurm = await runCli(['run', 'tiny.ts', '--workers', '1', '--out', 'env'], dir, {
      SLURM_ARRAY_TASK_ID: '3',
      SLURM_ARRAY_TASK_MIN: '1',
      SLURM_ARRAY_TASK_COUNT: '3',
    });
    expect(slurm.code).toBe(0);
    expect(runsLines(path.join(dir, 'env', 'shard-3-of-3')).map((l) => l.run.index)).toEqual([2, 5]);
    const k8s = await runCli(['run', 'tiny.ts', '--workers', '1', '--out', 'env', '--shard-count', '3'], dir, { JOB_COMPLETION_INDEX: '0' });
    expect(k8s.code).toBe(0);
    expect(runsLines(path.join(dir, 'env', 'shard-1-of-3')).map((l) => l.run.index)).toEqual([0, 3]);
    // Merging two of three shards misses runs: refused unless --partial.
    const refused = await runCli(['merge', 'env/shard-1-of-3', 'env/shard-3-of-3'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('2 of 6 runs are missing');
    expect(refused.stderr).toContain('2/3');
  });

  it('refuses to merge results of different specs', async () => {
    await run(['--workers', '1', '--out', 'a']);
    await run(['--workers', '1', '--out', 'b', '--replicates', '2']);
    const r = await runCli(['merge', 'a', 'b', '--out', 'ab'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/different options or experiment versions/);
  });

  it('writes Parquet files that hyparquet reads back equal to the CSV files', async () => {
    const out = await run(['--workers', '2', '--out', 'pq']);
    for (const name of ['final', 'series', 'cascades']) {
      const csv = readText(out, `${name}.csv`).split('\n').filter(Boolean);
      const header = csvCells(csv[0]);
      const bytes = readFileSync(path.join(out, `${name}.parquet`));
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const rows = (await parquetReadObjects({ file })) as Array<Record<string, unknown>>;
      expect(rows).toHaveLength(csv.length - 1);
      rows.forEach((row, i) => {
        expect(Object.keys(row)).toEqual(header);
        const cells = csvCells(csv[i + 1]).map(csvValue);
        header.forEach((h, k) => {
          const v = row[h];
          const cell = cells[k];
          if (v === null) expect(cell).toBe('');
          else if (typeof v === 'number') expect(v).toBe(Number(cell));
          else if (typeof v === 'bigint') expect(String(v)).toBe(cell);
          else expect(String(v)).toBe(cell);
        });
      });
    }
  });
});
