/**
 * Tables as researchers load them (io/column-name.ts, runner/result-tables.ts):
 * - every column name of every table is an identifier usable unquoted in
 *   pandas, R and polars ([A-Za-z_][A-Za-z0-9_]*), distinct within its
 *   table, and the series' `metric` values are final.csv's column names;
 * - cascades from `echolab run` and from `echolab import` share the names
 *   of their shape columns (size, depth, max_breadth, structural_virality);
 * - integer columns are INT32 in Parquet: run index, replicate, a whole
 *   numeric parameter (network_n), outcomes of kind count (the hourly
 *   volumes), cascade ids and sizes; measurements stay DOUBLE.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parquetMetadata, parquetSchema } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cascadeColumnName, columnName, uniqueColumnNames } from '../../src/io/column-name.js';
import { rfc4180 } from '../support/csv-oracle.js';
import { REPO, removeDir, runCli, tempDir } from './cli-harness.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function header(file: string): string[] {
  return rfc4180(readFileSync(file, 'utf8'))[0];
}

/** Parquet column name → physical type. */
function parquetTypes(file: string): Record<string, string> {
  const b = readFileSync(file);
  const schema = parquetSchema(parquetMetadata(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
  return Object.fromEntries(schema.children.map((c) => [c.element.name, String(c.element.type)]));
}

describe('column names', () => {
  it('rewrite every character outside [A-Za-z0-9_] to _, never start with a digit', () => {
    expect(columnName('opinion.variance')).toBe('opinion_variance');
    expect(columnName('largest-cluster')).toBe('largest_cluster');
    expect(columnName('network.n')).toBe('network_n');
    expect(columnName('volume.h07')).toBe('volume_h07');
    expect(columnName('7days')).toBe('x7days');
    expect(cascadeColumnName('cascade.max-breadth')).toBe('max_breadth');
    expect(cascadeColumnName('root')).toBe('root');
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (s) => {
        expect(columnName(s)).toMatch(IDENTIFIER);
      }),
    );
  });

  it('names that would repeat get _2, _3, … and never collide with the taken ones (property)', () => {
    expect(uniqueColumnNames(['a.b', 'a_b', 'a-b'])).toEqual(['a_b', 'a_b_2', 'a_b_3']);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 12 }), fc.array(fc.constantFrom('run_index', 'steps', 'a_b'), { maxLength: 3 }), (names, taken) => {
        const out = uniqueColumnNames(names, undefined, taken);
        expect(new Set([...out, ...taken]).size).toBe(out.length + new Set(taken).size);
        for (const n of out) expect(n).toMatch(IDENTIFIER);
      }),
    );
  });
});

describe('the tables of a run and of an import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    const run = await runCli(['run', 'crowdstrike-hoax', '--quick', '--replicates', '1', '--out', 'hoax'], dir);
    expect(run.code, run.stderr).toBe(0);
    const zoo = await runCli(['run', 'deffuant-threshold', '--quick', '--replicates', '1', '--out', 'zoo'], dir);
    expect(zoo.code, zoo.stderr).toBe(0);
    const imp = await runCli(['import', path.join(REPO, 'tests', 'fixtures', 'archive', 'mini15'), '--out', 'imported', '--keep-ids'], dir);
    expect(imp.code, imp.stderr).toBe(0);
  }, 120_000);
  afterAll(() => removeDir(dir));

  it('every column of every table is a distinct identifier; series metrics are final.csv columns', () => {
    for (const folder of ['hoax', 'zoo', 'imported']) {
      for (const table of ['final', 'series', 'cascades', 'trees']) {
        let names: string[];
        try {
          names = header(path.join(dir, folder, `${table}.csv`));
        } catch {
          continue;
        }
        for (const n of names) expect(n, `${folder}/${table}.csv`).toMatch(IDENTIFIER);
        expect(new Set(names).size).toBe(names.length);
      }
    }
    const final = header(path.join(dir, 'zoo', 'final.csv'));
    expect(final).toEqual(expect.arrayContaining(['epsilon', 'network_n', 'opinion_variance', 'largest_cluster', 'consensus']));
    const [head, ...rows] = rfc4180(readFileSync(path.join(dir, 'zoo', 'series.csv'), 'utf8'));
    const metrics = new Set(rows.map((r) => r[head.indexOf('metric')]));
    expect([...metrics].every((m) => final.includes(m))).toBe(true);
  });

  it('run and import name the cascade shape columns alike; the run stores the counts as INT32', () => {
    const run = parquetTypes(path.join(dir, 'hoax', 'cascades.parquet'));
    const imported = header(path.join(dir, 'imported', 'cascades.csv'));
    const ran = header(path.join(dir, 'hoax', 'cascades.csv'));
    for (const c of ['size', 'depth', 'max_breadth', 'structural_virality']) {
      expect(imported, `import ${c}`).toContain(c);
      expect(ran, `run ${c}`).toContain(c);
    }
    expect([run.size, run.depth, run.max_breadth]).toEqual(['INT32', 'INT32', 'INT32']);
    expect(run.structural_virality).toBe('DOUBLE');
    expect(run.cascade).toBe('INT32');
  });

  it('integer columns are INT32 in Parquet, measurements DOUBLE', () => {
    const hoax = parquetTypes(path.join(dir, 'hoax', 'final.parquet'));
    expect(hoax.run_index).toBe('INT32');
    expect(hoax.replicate).toBe('INT32');
    expect(hoax.volume_h00).toBe('INT32');
    const zoo = parquetTypes(path.join(dir, 'zoo', 'final.parquet'));
    expect(zoo.network_n).toBe('INT32');
    expect(zoo.steps).toBe('INT32');
    expect(zoo.epsilon).toBe('DOUBLE');
    expect(zoo.opinion_variance).toBe('DOUBLE');
    expect(parquetTypes(path.join(dir, 'hoax', 'trees.parquet')).cascade).toBe('INT32');
  });
});
