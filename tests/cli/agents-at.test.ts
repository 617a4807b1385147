/**
 * Agent-level data (`echolab run --agents-at`): one row per run, time and
 * agent, in CSV and Parquet. The replay is checked against what the runs
 * themselves recorded: the mean of the opinion column at a sampled time is
 * the run's `opinion.mean` sample there, and follower and following counts
 * sum to the same number of follow edges.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfc4180 } from '../support/csv-oracle.js';
import { removeDir, runCli, tempDir, tinyExperiment, writeExperiment } from './cli-harness.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
  writeExperiment(dir, 'tiny', tinyExperiment({ replicates: 2, steps: 20, sampleEvery: 5, metrics: ['opinion.mean', 'opinion.variance'] }));
});
afterAll(() => removeDir(dir));

function table(file: string): Array<Record<string, string>> {
  const [head, ...rows] = rfc4180(readFileSync(file, 'utf8'));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

function series(folder: string): Array<Record<string, string>> {
  return table(path.join(folder, 'series.csv'));
}

describe('echolab run --agents-at', () => {
  it('a zoo model: every agent of every run at each time; the opinions average to the recorded series', async () => {
    const r = await runCli(['run', 'tiny.ts', '--agents-at', '0,10', '--out', 'zoo'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/agents\.csv and agents\.parquet: 480 rows/);
    const rows = table(path.join(dir, 'zoo', 'agents.csv'));
    expect(rows).toHaveLength(4 * 2 * 60); // 4 runs × 2 times × 60 agents
    expect(Object.keys(rows[0])).toEqual(['run_index', 'run_name', 't', 'agent', 'group', 'opinion', 'followers', 'following']);
    const recorded = series(path.join(dir, 'zoo'));
    for (const runIndex of ['0', '3']) {
      for (const t of ['0', '10']) {
        const mine = rows.filter((x) => x.run_index === runIndex && x.t === t);
        expect(mine.map((x) => Number(x.agent))).toEqual(Array.from({ length: 60 }, (_, i) => i));
        const mean = mine.reduce((s, x) => s + Number(x.opinion), 0) / mine.length;
        const sample = recorded.find((x) => x.run_index === runIndex && x.t === t && x.metric === 'opinion_mean')!;
        expect(mean).toBeCloseTo(Number(sample.value), 12);
        const followers = mine.reduce((s, x) => s + Number(x.followers), 0);
        expect(followers).toBe(mine.reduce((s, x) => s + Number(x.following), 0));
      }
    }
    const bytes = readFileSync(path.join(dir, 'zoo', 'agents.parquet'));
    const parquet = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) })) as Array<Record<string, unknown>>;
    expect(parquet).toHaveLength(rows.length);
    expect(parquet[61].opinion).toBe(Number(rows[61].opinion));
  });

  it('a platform scenario: bot, tier, suspended, posts and sessions too; posts and sessions never decrease over time', async () => {
    const r = await runCli(['run', 'crowdstrike-hoax', '--quick', '--replicates', '1', '--agents-at', '1,12', '--out', 'hoax'], dir);
    expect(r.code).toBe(0);
    const rows = table(path.join(dir, 'hoax', 'agents.csv'));
    expect(Object.keys(rows[0])).toEqual(['run_index', 'run_name', 't', 'agent', 'group', 'opinion', 'followers', 'following', 'bot', 'tier', 'suspended', 'muted', 'posts', 'sessions']);
    const early = rows.filter((x) => x.run_index === '0' && x.t === '1');
    const late = rows.filter((x) => x.run_index === '0' && x.t === '12');
    expect(early.length).toBe(late.length);
    early.forEach((x, i) => {
      expect(Number(late[i].posts)).toBeGreaterThanOrEqual(Number(x.posts));
      expect(Number(late[i].sessions)).toBeGreaterThanOrEqual(Number(x.sessions));
    });
    expect(late.some((x) => Number(x.posts) > 0)).toBe(true);
    expect(new Set(rows.map((x) => x.tier))).toEqual(new Set(['verified', 'unverified', 'new']));
    // The muted arm mutes its two hubs.
    expect(rows.filter((x) => x.run_index === '1' && x.t === '1' && x.muted === 'true')).toHaveLength(2);
    // The scenario samples every hour: the opinion mean at hour 12 is in its series.
    const recorded = series(path.join(dir, 'hoax')).find((x) => x.run_index === '0' && Number(x.t) === 12 && x.metric === 'opinion_mean')!;
    expect(late.reduce((s, x) => s + Number(x.opinion), 0) / late.length).toBeCloseTo(Number(recorded.value), 12);
  });

  it('a time past the horizon exits 2 naming the flag', async () => {
    const r = await runCli(['run', 'tiny.ts', '--agents-at', '5,500'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/agents-at.*500.*\[0, 20\]/);
  });
});
