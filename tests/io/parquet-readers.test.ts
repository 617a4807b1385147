/**
 * Every Parquet file echolab writes reads in the analysis tools researchers
 * use, with the column types the README documents: a run's tables (final,
 * series, cascades, trees, agents; hyparquet-writer) and an out-of-core
 * import's (posts, cascades, trees; DuckDB). Checked in DuckDB (npm) and
 * polars (nodejs-polars) always; in pandas and R arrow only where their
 * Parquet engines are installed (pyarrow and R's arrow package, which Debian
 * does not package): those tests say so in their names when skipped. The
 * README's DuckDB query joining a run's cascades with an archive's is run as
 * printed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, removeDir, runCli, tempDir, writeExperiment } from '../cli/cli-harness.js';

const dir = tempDir('echolab-parquet-');
let conn: DuckDBConnection;
let instance: DuckDBInstance;
let run = '';
const IMPORT = 'imp';

/** The import's files, column by column, as the README's table documents them. */
const IMPORT_TYPES: Record<string, Record<string, string>> = {
  'posts.parquet': { post_id: 'VARCHAR', author: 'VARCHAR', kind: 'VARCHAR', ref_id: 'VARCHAR', created_at: 'TIMESTAMP', record: 'BIGINT' },
  'cascades.parquet': {
    source_id: 'VARCHAR',
    label: 'VARCHAR',
    size: 'INTEGER',
    depth: 'INTEGER',
    max_breadth: 'INTEGER',
    structural_virality: 'DOUBLE',
    time_to_k: 'DOUBLE',
    time_to_90pct: 'DOUBLE',
    top_k_reach_share: 'DOUBLE',
  },
  'trees.parquet': { cascade: 'VARCHAR', node: 'INTEGER', parent: 'INTEGER', delay: 'DOUBLE', account: 'INTEGER' },
};

/** A run's documented integer columns (README: INT32), and the rest's allowed types. */
const RUN_TYPES: Record<string, Record<string, string>> = {
  'final.parquet': { run_index: 'INTEGER', replicate: 'INTEGER', steps: 'INTEGER', run_name: 'VARCHAR', seed_key: 'VARCHAR', converged: 'BOOLEAN', p: 'DOUBLE' },
  'series.parquet': { run_index: 'INTEGER', t: 'DOUBLE', metric: 'VARCHAR', value: 'DOUBLE' },
  'cascades.parquet': { run_index: 'INTEGER', size: 'INTEGER', depth: 'INTEGER', max_breadth: 'INTEGER', structural_virality: 'DOUBLE', root_kind: 'VARCHAR' },
  'trees.parquet': { run_index: 'INTEGER', node: 'INTEGER', parent: 'INTEGER', delay: 'DOUBLE' },
  'agents.parquet': { run_index: 'INTEGER', agent: 'INTEGER', opinion: 'DOUBLE' },
};

/** DuckDB's type name → polars' dtype. */
const POLARS: Record<string, string> = { INTEGER: 'Int32', BIGINT: 'Int64', DOUBLE: 'Float64', VARCHAR: 'String', BOOLEAN: 'Bool', TIMESTAMP: 'Datetime' };

const IC = JSON.stringify({
  id: 'ic',
  title: 'Parquet check',
  question: 'Do the tables read everywhere?',
  model: 'independent-cascade',
  network: { kind: 'erdos-renyi', params: { n: 120, p: 0.05 } },
  base: { seedCount: 8 },
  vary: { p: [0.1, 0.3] },
  replicates: 1,
  steps: 30,
  sampleEvery: 10,
  seed: 'parquet-readers',
});

async function types(file: string): Promise<Record<string, string>> {
  const r = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`);
  return Object.fromEntries(r.getRows().map((row) => [String(row[0]), String(row[1])]));
}

async function count(sql: string): Promise<number> {
  const r = await conn.runAndReadAll(sql);
  return Number(r.getRows()[0][0]);
}

function parquetFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((n) => n.endsWith('.parquet'))
    .sort();
}

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  const file = writeExperiment(dir, 'ic', IC);
  const r = await runCli(['run', file, '--workers', '1', '--agents-at', '0,10', '--out', 'res'], dir);
  expect(r.code, r.stderr).toBe(0);
  run = path.join(dir, 'res');
  const i = await runCli(['import', path.join(REPO, 'tests', 'fixtures', 'archive', 'v2'), '--key', 'k', '--out', IMPORT], dir);
  expect(i.code, i.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
  removeDir(dir);
});

describe('Parquet files in DuckDB', () => {
  it("an import's posts, cascades and trees have exactly the documented columns and types, and as many rows as their CSV twins", async () => {
    const folder = path.join(dir, IMPORT);
    expect(parquetFiles(folder)).toEqual(Object.keys(IMPORT_TYPES).sort());
    for (const [name, want] of Object.entries(IMPORT_TYPES)) expect(await types(path.join(folder, name)), name).toEqual(want);
    for (const name of ['cascades', 'trees']) {
      const n = await count(`SELECT count(*) FROM read_parquet('${path.join(folder, `${name}.parquet`)}')`);
      expect(n).toBe(readFileSync(path.join(folder, `${name}.csv`), 'utf8').trim().split('\n').length - 1);
    }
    const report = JSON.parse(readFileSync(path.join(folder, 'report.json'), 'utf8')) as { entries: number; cascades: number };
    expect(await count(`SELECT count(*) FROM read_parquet('${path.join(folder, 'cascades.parquet')}')`)).toBe(report.cascades);
    // Kinds are the four documented words; sources and quotes have no ref_id.
    expect(await count(`SELECT count(*) FROM read_parquet('${path.join(folder, 'posts.parquet')}') WHERE kind NOT IN ('source', 'reply', 'retweet', 'quote') OR ((kind IN ('source', 'quote')) <> (ref_id IS NULL))`)).toBe(0);
  });

  it("a run's tables: the documented integer columns are INTEGER, the rest DOUBLE, VARCHAR or BOOLEAN, with the CSV's rows", async () => {
    expect(parquetFiles(run)).toEqual(Object.keys(RUN_TYPES).sort());
    for (const [name, want] of Object.entries(RUN_TYPES)) {
      const got = await types(path.join(run, name));
      for (const [col, type] of Object.entries(want)) expect(got[col], `${name}: ${col}`).toBe(type);
      for (const [col, type] of Object.entries(got)) expect(['INTEGER', 'DOUBLE', 'VARCHAR', 'BOOLEAN'], `${name}: ${col}`).toContain(type);
      const csv = readFileSync(path.join(run, name.replace('.parquet', '.csv')), 'utf8').trim().split('\n').length - 1;
      expect(await count(`SELECT count(*) FROM read_parquet('${path.join(run, name)}')`), name).toBe(csv);
    }
  });

  it("the README's query joining a run's cascades with an archive's runs as printed", async () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const block = /<!-- duckdb-join-query -->\n```sql\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const sql = (block as RegExpExecArray)[1]
      .replace('results/crowdstrike-hoax/quick-xxxx/cascades.parquet', path.join(run, 'cascades.parquet'))
      .replace('results/import/export/cascades.parquet', path.join(dir, IMPORT, 'cascades.parquet'));
    const r = await conn.runAndReadAll(sql);
    expect(r.columnNames()).toEqual(['size', 'simulated', 'sim_depth', 'sim_virality', 'archived', 'archive_depth', 'archive_virality']);
    expect(r.getRows().length).toBeGreaterThan(0);
  });
});

describe('Parquet files in polars', () => {
  it('every file reads with the dtypes that match the documented types, and the same rows', async () => {
    for (const folder of [run, path.join(dir, IMPORT)]) {
      for (const name of parquetFiles(folder)) {
        const file = path.join(folder, name);
        const df = pl.readParquet(file);
        const want = await types(file);
        const got = Object.fromEntries(Object.entries(df.schema).map(([k, v]) => [k, (v as { variant: string }).variant]));
        expect(got, file).toEqual(Object.fromEntries(Object.entries(want).map(([k, t]) => [k, POLARS[t]])));
        expect(df.height, file).toBe(await count(`SELECT count(*) FROM read_parquet('${file}')`));
      }
    }
  });
});

/** Whether a command runs with exit code 0 (an optional reader's engine is there). */
function works(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0;
}

const python = ['python3', '/usr/bin/python3'].find((p) => works(p, ['-c', 'import pandas, pyarrow']));
const rscript = works('Rscript', ['-e', 'library(arrow)']);

describe('Parquet files in pandas and R arrow, where their engines are installed', () => {
  it.skipIf(python === undefined)(`pandas with pyarrow reads every file with the documented types${python === undefined ? ' (skipped: no python3 with pandas and pyarrow here; Debian packages no pyarrow)' : ''}`, () => {
    const files = [...parquetFiles(run).map((n) => path.join(run, n)), ...parquetFiles(path.join(dir, IMPORT)).map((n) => path.join(dir, IMPORT, n))];
    const script = `import sys, json, pandas as pd\nout = {}\nfor f in sys.argv[1:]:\n    d = pd.read_parquet(f)\n    out[f] = {c: str(t) for c, t in d.dtypes.items()}\nprint(json.dumps(out))`;
    const r = spawnSync(python as string, ['-c', script, ...files], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as Record<string, Record<string, string>>;
    for (const f of files) {
      const d = got[f];
      expect(Object.keys(d).length).toBeGreaterThan(0);
      // INT32 without nulls reads as int32, DOUBLE as float64, timestamps as datetime64.
      if (f.endsWith(path.join(IMPORT, 'trees.parquet'))) expect(d).toMatchObject({ node: 'int32', parent: 'int32', delay: 'float64', account: 'int32' });
      if (f.endsWith('posts.parquet')) expect(d.created_at).toMatch(/^datetime64/);
    }
  });

  it.skipIf(!rscript)(`R arrow reads every file${rscript ? '' : ' (skipped: no R with the arrow package here; Debian does not package it)'}`, () => {
    const files = [...parquetFiles(run).map((n) => path.join(run, n)), ...parquetFiles(path.join(dir, IMPORT)).map((n) => path.join(dir, IMPORT, n))];
    const r = spawnSync('Rscript', ['-e', 'library(arrow); for (f in commandArgs(TRUE)) { d <- read_parquet(f); cat(f, nrow(d), "\\n") }', ...files], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const f of files) expect(r.stdout).toContain(f);
  });
});
