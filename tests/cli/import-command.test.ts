/**
 * `echolab import` spawned as a child process on the hand-written fixtures.
 * Expected figures are the ones worked out line by line in
 * tests/archive/twitter-fixture.test.ts (mini15: four trees of 4 accounts,
 * depths 2/2/3/2, breadths 2/2/1/2, structural virality 10/6 = 5/3 for both
 * shapes; the cleaning counts per defect; malformed lines label.txt:3,
 * label.txt:6 and 300.txt:7, 8, 9, 11) and in tests/archive/post-table.test.ts
 * (posts.csv: p1 has 5 accounts, depth 2, breadth 2, ν = 1.8; q1 is the path
 * q1 → q2 → q3, ν = (1 + 1 + 2)/3 = 4/3).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, csvCells, removeDir, runCli, tempDir } from './cli-harness.js';
import { MINI15_TOTAL_COUNTS } from '../support/mini15-expected.js';

const MINI15 = path.join(REPO, 'tests', 'fixtures', 'archive', 'mini15');
const POSTS = path.join(REPO, 'tests', 'fixtures', 'archive', 'posts.csv');
const dirs: string[] = [];
const work = (): string => {
  const d = tempDir('echolab-import-');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

function rows(csv: string): string[][] {
  return csv.trimEnd().split('\n').map(csvCells);
}

describe('echolab import', () => {
  it('cleans the mini15 folder into results/import/mini15 with the hand-computed figures and counts (--keep-ids: raw source ids)', async () => {
    const cwd = work();
    const r = await runCli(['import', MINI15, '--keep-ids'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${path.join('results', 'import', 'mini15')}\n`);
    const out = path.join(cwd, 'results', 'import', 'mini15');
    const table = rows(readFileSync(path.join(out, 'cascades.csv'), 'utf8'));
    expect(table[0]).toEqual(['source_id', 'label', 'size', 'depth', 'max_breadth', 'structural_virality', 'root_post']);
    // Every ROOT line of mini15 names its label's post.
    for (const row of table.slice(1)) expect(row[6]).toBe(row[0]);
    expect(table.slice(1).map((row) => row.slice(0, 5))).toEqual([
      ['100', 'false', '4', '2', '2'],
      ['200', 'true', '4', '2', '2'],
      ['300', 'non-rumor', '4', '3', '1'],
      ['400', 'unverified', '4', '2', '2'],
    ]);
    for (const row of table.slice(1)) expect(Number(row[5])).toBeCloseTo(5 / 3, 12);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as {
      trees: number;
      cascades: number;
      counts: Record<string, number>;
      problems: { file: string; line?: number }[];
    };
    expect(report.trees).toBe(4);
    expect(report.cascades).toBe(4);
    expect(report.counts).toEqual({ ...MINI15_TOTAL_COUNTS });
    expect(report.problems.map((p) => `${path.basename(p.file)}:${p.line}`)).toEqual([
      'label.txt:3',
      'label.txt:6',
      '300.txt:7',
      '300.txt:8',
      '300.txt:9',
      '300.txt:11',
    ]);
    // The printed report: each defect count and every problem as file:line.
    expect(r.stderr).toMatch(/duplicate lines\s+2\n/);
    expect(r.stderr).toMatch(/extra parents dropped\s+3\n/);
    expect(r.stderr).toMatch(/unreachable nodes dropped\s+3\n/);
    for (const where of ['label.txt:3: ', 'label.txt:6: ', '300.txt:7: ', '300.txt:8: ', '300.txt:9: ', '300.txt:11: ']) expect(r.stderr).toContain(where);
    expect(r.stderr).toMatch(/label\.txt:6: no tree file tree\/<source id>\.txt/);
    expect(r.stderr).toContain('source ids: written as they are (--keep-ids)');
  });

  it('imports a posts CSV into --out, keeping source post ids with --keep-ids and never user ids', async () => {
    const cwd = work();
    const r = await runCli(['import', POSTS, '--out', 'posts-out', '--format', 'posts-csv', '--keep-ids'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('posts-out\n');
    const csv = readFileSync(path.join(cwd, 'posts-out', 'cascades.csv'), 'utf8');
    const table = rows(csv);
    expect(table.slice(1).map((row) => row.slice(0, 5))).toEqual([
      ['p1', 'false', '5', '2', '2'],
      ['q1', 'true', '3', '2', '1'],
    ]);
    expect(Number(table[1][5])).toBeCloseTo(1.8, 12);
    expect(Number(table[2][5])).toBeCloseTo(4 / 3, 12);
    expect(csv).not.toMatch(/alice|bob|ivan/);
    expect(r.stderr).toContain('posts.csv:12: ');
    expect(r.stderr).toContain('posts.csv:13: ');
  });

  it('lists at most 20 problems and counts the rest', async () => {
    const cwd = work();
    const archive = path.join(cwd, 'bad');
    mkdirSync(path.join(archive, 'tree'), { recursive: true });
    writeFileSync(path.join(archive, 'label.txt'), 'false:7\n');
    const bad = Array.from({ length: 25 }, (_, i) => `garbage line ${i + 1}`);
    writeFileSync(path.join(archive, 'tree', '7.txt'), ["['ROOT', 'ROOT', '0.0']->['1', '7', '0.0']", ...bad, "['1', '7', '0.0']->['2', '7', '1.5']"].join('\n') + '\n');
    const r = await runCli(['import', 'bad', '--keep-ids'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const listed = r.stderr.split('\n').filter((l) => /7\.txt:\d+: /.test(l));
    expect(listed.map((l) => Number(/7\.txt:(\d+):/.exec(l)?.[1]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(r.stderr).toMatch(/problems \(25, first 20 shown\)/);
    expect(r.stderr).toMatch(/and 5 more/);
    expect(rows(readFileSync(path.join(cwd, 'results', 'import', 'bad', 'cascades.csv'), 'utf8'))[1].slice(0, 3)).toEqual(['7', 'false', '2']);
  });

  it('exits 2 with a clear message for a missing input, a wrong format, or a malformed line under --strict', async () => {
    const cwd = work();
    const missing = await runCli(['import', 'no-such-folder'], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such folder or file: no-such-folder/);
    expect(existsSync(path.join(cwd, 'results'))).toBe(false);

    const format = await runCli(['import', MINI15, '--format', 'twitter16'], cwd);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format.*twitter15 or posts-csv/);

    const strict = await runCli(['import', MINI15, '--strict'], cwd);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/label\.txt:3: /);
    expect(existsSync(path.join(cwd, 'results'))).toBe(false);
  });

  it('--help shows the usage, flags and examples', async () => {
    const r = await runCli(['import', '--help'], work());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: echolab import <folder or file>/);
    for (const flag of ['--format', '--out', '--strict', '--raw-ids', '--key']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/examples:\n {2}echolab import /);
  });
});
