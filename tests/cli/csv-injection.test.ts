/**
 * Hostile text through the real commands: outcome names of an experiment's
 * scenario (the column names of final.csv) and the post ids and labels of
 * an imported CSV of posts (cascades.csv) that a spreadsheet would run as
 * formulas. Every CSV written, read as RFC 4180, has no such cell; the
 * Parquet files keep the original text; and echolab's reader gets that
 * original text back from the CSV.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { columnName } from '../../src/io/column-name.js';
import { parquetReadObjects, parquetSchema, parquetMetadata } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/cli/compare-command.js';
import { isFormulaRisk, rfc4180 } from '../support/csv-oracle.js';
import { REPO, readText, removeDir, runCli, tempDir } from './cli-harness.js';

const HOSTILE = ['=HYPERLINK("http://x.test","y")', '+cmd|calc', '@SUM(1,2)', '-x', '\tTab'];

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeDir(dir));

function expectNoFormula(file: string): string[][] {
  const records = rfc4180(readFileSync(file, 'utf8'));
  for (const record of records) for (const cell of record) expect(isFormulaRisk(cell), `${path.basename(file)}: ${JSON.stringify(cell)}`).toBe(false);
  return records;
}

async function parquetRows(file: string): Promise<{ names: string[]; rows: Array<Record<string, unknown>> }> {
  const bytes = readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const names = parquetSchema(parquetMetadata(buffer)).children.map((c) => c.element.name);
  return { names, rows: (await parquetReadObjects({ file: buffer })) as Array<Record<string, unknown>> };
}

describe('formula-like text in the CSV files of the commands', () => {
  it('echolab run: outcome names starting with = + - @ or a tab become identifiers in the headers of final.csv and final.parquet alike; no cell is a formula', async () => {
    const src = (f: string): string => JSON.stringify(pathToFileURL(path.join(REPO, 'src', f)).href);
    writeFileSync(
      path.join(dir, 'hostile.ts'),
      [
        `import { defineExperiment } from ${src('experiment/define-experiment.ts')};`,
        `import { defineScenario } from ${src('sim/platform/scenario.ts')};`,
        'const scenario = defineScenario({',
        "  id: 'hostile', title: 'Hostile outcome names', question: 'Are formula-like names neutralised?', lookFor: 'nothing',",
        '  params: { agents: 30, durationHours: 2, followsPerAccount: 5 },',
        '  arms: { a: { params: {} }, b: { params: { activityPerHour: 0.2 } } },',
        `  outcomes: () => ({ ${HOSTILE.map((h, i) => `${JSON.stringify(h)}: ${[1, -0.5, 2, -3, 4][i]}`).join(', ')} }),`,
        "  outcomeHelp: { '*': 'formula-like names' },",
        '});',
        "export default defineExperiment({ id: 'hostile', title: 'Hostile', question: 'Q?', scenario, replicates: 1, sampleEvery: 1, seed: 's' });",
        '',
      ].join('\n'),
    );
    const r = await runCli(['run', 'hostile.ts', '--workers', '1', '--out', 'hostile'], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, 'hostile');
    for (const f of ['final.csv', 'series.csv', 'cascades.csv', 'timings.csv']) expectNoFormula(path.join(out, f));
    // Table columns are identifiers (io/column-name.ts): no header can start a formula, in CSV or Parquet.
    const raw = rfc4180(readText(out, 'final.csv'))[0];
    const names = HOSTILE.map(columnName);
    expect(raw.slice(-HOSTILE.length)).toEqual(names);
    for (const n of names) expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    const pq = await parquetRows(path.join(out, 'final.parquet'));
    expect(pq.names.slice(-HOSTILE.length)).toEqual(names);
    const back = readCsv(readText(out, 'final.csv'));
    expect(back.header).toEqual(pq.names);
    expect(back.rows.map((row) => row.slice(-HOSTILE.length).map(Number))).toEqual([
      [1, -0.5, 2, -3, 4],
      [1, -0.5, 2, -3, 4],
    ]);
    expect(pq.rows.map((row) => names.map((h) => row[h]))).toEqual(back.rows.map((row) => row.slice(-HOSTILE.length).map(Number)));
  });

  it('echolab import: post ids and labels starting with = + - @ are neutralised in cascades.csv (ids kept raw with --keep-ids; by default they are pseudonyms); a negative number stays a number', async () => {
    writeFileSync(
      path.join(dir, 'posts.csv'),
      [
        'post_id,parent_id,user_id,timestamp,label',
        '"=HYPERLINK(""http://x.test"",""y"")",,alice,0,"@SUM(1,2)"',
        'r1,"=HYPERLINK(""http://x.test"",""y"")",bob,1,',
        '+cmd,,carol,0,-1',
        '-5,,dave,0,+cmd|calc',
        '',
      ].join('\n'),
    );
    const r = await runCli(['import', 'posts.csv', '--out', 'imported', '--format', 'posts-csv', '--keep-ids'], dir);
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(dir, 'imported', 'cascades.csv');
    const raw = expectNoFormula(file);
    const back = readCsv(readFileSync(file, 'utf8'));
    const byId = new Map(back.rows.map((row) => [row[0], row]));
    expect([...byId.keys()].sort()).toEqual(['+cmd', '-5', '=HYPERLINK("http://x.test","y")']);
    expect(byId.get('=HYPERLINK("http://x.test","y")')?.slice(1, 3)).toEqual(['@SUM(1,2)', '2']);
    expect(byId.get('+cmd')?.[1]).toBe('-1');
    expect(byId.get('-5')?.[1]).toBe('+cmd|calc');
    // The raw cells: a quote before each formula-like text, none before the numbers -1 and -5.
    expect(raw.slice(1).map((row) => row.slice(0, 2)).sort()).toEqual([
      ["'+cmd", '-1'],
      ["'=HYPERLINK(\"http://x.test\",\"y\")", "'@SUM(1,2)"],
      ['-5', "'+cmd|calc"],
    ]);
  });
});
