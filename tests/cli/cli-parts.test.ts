/**
 * The CLI's parts called directly: shard choice from flags and environment,
 * runs.jsonl reading (truncated and corrupt lines), CSV encoding, flag
 * parsing and progress lines.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/experiment/experiment-types.js';
import { canonicalJson } from '../../src/runner/manifest.js';
import { UsageError, parseArgs, type FlagSpec } from '../../src/cli/parse-args.js';
import { Progress } from '../../src/runner/progress.js';
import { cascadesTable, finalTable, seriesTable, tableCsv, timingsTable } from '../../src/runner/result-tables.js';
import { RunsAppender, decodeRun, encodeRun, readRunsLog } from '../../src/runner/runs-log.js';
import { shardChoice } from '../../src/runner/shard-choice.js';
import { removeDir, tempDir } from './cli-harness.js';

function result(index: number, final: Record<string, number> = { m: index / 2 }): RunResult {
  return {
    run: { index, name: `x=${index}__r0`, params: { x: index, flag: index % 2 === 0 }, replicate: 0, seedKey: `e|s|x=${index}|0`, crnKey: 'e|s|0' },
    final,
    series: [
      { t: 0, values: { m: 0 } },
      { t: 10, values: { m: index } },
    ],
    cascades: [],
    steps: 10,
    converged: index % 2 === 0,
    elapsedMs: 1.5,
  };
}

describe('shardChoice', () => {
  it('reads --shard i/n as 1-based', () => {
    expect(shardChoice('2/3', undefined, {})).toEqual({ index: 1, count: 3, source: '--shard 2/3' });
    expect(shardChoice('1/1', undefined, {})).toBeNull();
    expect(shardChoice(undefined, undefined, {})).toBeNull();
    for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0']) expect(() => shardChoice(bad, undefined, {})).toThrow(UsageError);
  });

  it('--shard wins over the environment', () => {
    expect(shardChoice('1/2', undefined, { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '8' })?.index).toBe(0);
  });

  it('reads Slurm arrays numbered from 0 or 1, with a step', () => {
    expect(shardChoice(undefined, undefined, { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '0' })).toMatchObject({ index: 0, count: 4 });
    expect(shardChoice(undefined, undefined, { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '1' })).toMatchObject({ index: 3, count: 4 });
    expect(shardChoice(undefined, undefined, { SLURM_ARRAY_TASK_ID: '6', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '2' })).toMatchObject({ index: 3 });
    expect(() => shardChoice(undefined, undefined, { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4' })).toThrow(/not one of 4 tasks/);
    expect(() => shardChoice(undefined, undefined, { SLURM_ARRAY_TASK_ID: '2' })).toThrow(/SLURM_ARRAY_TASK_COUNT/);
  });

  it('reads Kubernetes Indexed Jobs (0-based) with the count from a flag or JOB_COMPLETION_COUNT', () => {
    expect(shardChoice(undefined, '5', { JOB_COMPLETION_INDEX: '4' })).toMatchObject({ index: 4, count: 5 });
    expect(shardChoice(undefined, undefined, { JOB_COMPLETION_INDEX: '0', JOB_COMPLETION_COUNT: '2' })).toMatchObject({ index: 0, count: 2 });
    expect(() => shardChoice(undefined, undefined, { JOB_COMPLETION_INDEX: '0' })).toThrow(/--shard-count/);
    expect(() => shardChoice(undefined, '3', { JOB_COMPLETION_INDEX: '3' })).toThrow(/0 ≤ index < count/);
    expect(() => shardChoice(undefined, '3', {})).toThrow(/only used with JOB_COMPLETION_INDEX/);
  });

  it('every run lands in exactly one shard, for any count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 200 }), (n, runs) => {
        const seen = new Array<number>(runs).fill(0);
        for (let i = 1; i <= n; i++) {
          const s = shardChoice(`${i}/${n}`, undefined, {});
          const index = s ? s.index : 0;
          const count = s ? s.count : 1;
          for (let r = 0; r < runs; r++) if (r % count === index) seen[r]++;
        }
        return seen.every((c) => c === 1);
      }),
      { numRuns: 50 },
    );
  });
});

describe('runs.jsonl', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => removeDir(dir));

  it('round-trips results, including NaN and infinite metrics', () => {
    const r = result(3, { a: NaN, b: Infinity, c: -Infinity, d: 0.1 + 0.2 });
    const back = decodeRun(encodeRun(r)) as RunResult;
    expect(back.final.a).toBeNaN();
    expect(back.final.b).toBe(Infinity);
    expect(back.final.c).toBe(-Infinity);
    expect(back.final.d).toBe(0.1 + 0.2);
    expect(back.run).toEqual(r.run);
  });

  it('appends complete lines and drops (and repairs) a truncated last line', () => {
    const file = path.join(dir, 'runs.jsonl');
    const app = new RunsAppender(file);
    for (const i of [2, 0, 1]) app.append(result(i));
    app.close();
    const full = readFileSync(file, 'utf8');
    expect(full.split('\n')).toHaveLength(4);
    writeFileSync(file, full.slice(0, full.length - 20));
    const log = readRunsLog(file, { repair: true });
    expect(log.dropped?.line).toBe(3);
    expect([...log.results.keys()]).toEqual([2, 0]);
    // Repaired: the file ends on a line boundary, and a new append makes it whole again.
    expect(readFileSync(file, 'utf8')).toBe(full.split('\n').slice(0, 2).join('\n') + '\n');
    const app2 = new RunsAppender(file);
    app2.append(result(1));
    app2.close();
    expect(readRunsLog(file).dropped).toBeNull();
    expect(readRunsLog(file).results.size).toBe(3);
  });

  it('drops a last line that does not parse, and rejects an unparsable line elsewhere', () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, `${encodeRun(result(0))}\n{"run": {"ind\n`);
    expect(readRunsLog(file).dropped?.line).toBe(2);
    writeFileSync(file, `{"run": {"ind\n${encodeRun(result(0))}\n`);
    expect(() => readRunsLog(file)).toThrow(/bad\.jsonl:1/);
  });

  // Valid JSON is never a cut-off write, so a wrong shape is refused wherever it is, naming the field,
  // and the file is left as it was (even with repair, which only cuts an incomplete last line).
  it.each([
    ['{}', 1, '`run` is missing'],
    ['[1]', 1, 'an array'],
    ['null', 1, 'expected a run record'],
    ['"text"', 1, 'expected a run record'],
  ])('refuses the valid-JSON line %s as the last line, naming file:line, file untouched', (line, _n, fragment) => {
    const file = path.join(dir, 'shape.jsonl');
    const text = `${encodeRun(result(0))}\n${line}\n`;
    writeFileSync(file, text);
    expect(() => readRunsLog(file, { repair: true })).toThrow(/shape\.jsonl:2: not a run record/);
    expect(() => readRunsLog(file, { repair: true })).toThrow(fragment);
    expect(readFileSync(file, 'utf8')).toBe(text);
    // Without its newline too (a cut-off write is never valid JSON).
    writeFileSync(file, `${encodeRun(result(0))}\n${line}`);
    expect(() => readRunsLog(file, { repair: true })).toThrow(/shape\.jsonl:2: not a run record/);
    expect(readFileSync(file, 'utf8')).toBe(`${encodeRun(result(0))}\n${line}`);
  });

  it('names the field of a record with a wrong-typed or missing field (any field, any line)', () => {
    const file = path.join(dir, 'fields.jsonl');
    // Paths into a valid record, and a value of the wrong type for each.
    const cases: Array<[string[], unknown, string]> = [
      [['run', 'index'], '3', 'run.index'],
      [['run', 'index'], -1, 'run.index'],
      [['run', 'name'], 7, 'run.name'],
      [['run', 'params'], [1], 'run.params'],
      [['run', 'params', 'x'], null, 'run.params.x'],
      [['run', 'replicate'], 1.5, 'run.replicate'],
      [['run', 'seedKey'], undefined, 'run.seedKey'],
      [['run', 'crnKey'], false, 'run.crnKey'],
      [['final'], [], 'final'],
      [['final', 'm'], 'high', 'final.m'],
      [['series'], {}, 'series'],
      [['series', '1'], 3, 'series[1]'],
      [['series', '1', 't'], null, 'series[1].t'],
      [['series', '0', 'values', 'm'], true, 'series[0].values.m'],
      [['cascades'], null, 'cascades'],
      [['steps'], '10', 'steps'],
      [['converged'], 'yes', 'converged'],
      [['elapsedMs'], 'slow', 'elapsedMs'],
      [['cascadeInfo'], [], 'cascadeInfo'],
      [['cascadeInfo', '0', 'root'], 'rumour', 'cascadeInfo[0].root'],
      [['cascadeInfo', '0', 'veracity'], 'maybe', 'cascadeInfo[0].veracity'],
      [['cascadeInfo', '0', 'topic'], 3, 'cascadeInfo[0].topic'],
      [['trees', '0', 'row'], 1, 'trees[0].row'],
      [['trees', '0', 'parent', '0'], 0, 'trees[0].parent[0]'],
      [['trees', '0', 'parent', '1'], 1, 'trees[0].parent[1]'],
      [['trees', '0', 'time'], [0], 'trees[0].time'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), ([where, bad, field], at, total) => {
        const n = Math.max(total, at) + 1;
        // Records with one cascade, its info and its kept tree, so those fields can be broken too.
        const rich = (i: number): RunResult => ({
          ...result(i),
          cascades: [{ cascade: 7, 'cascade.size': 2 }],
          cascadeInfo: [{ root: 'claim', veracity: 'false', topic: 'hoax' }],
          trees: [{ row: 0, parent: [-1, 0], time: [0, 5] }],
        });
        const lines = Array.from({ length: n }, (_, i) => JSON.parse(encodeRun(rich(i))) as Record<string, unknown>);
        let o: Record<string, unknown> = lines[at];
        for (const k of where.slice(0, -1)) o = o[k] as Record<string, unknown>;
        if (bad === undefined) delete o[where[where.length - 1]];
        else o[where[where.length - 1]] = bad;
        const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
        writeFileSync(file, text);
        let message = '';
        try {
          readRunsLog(file, { repair: true });
        } catch (err) {
          message = (err as Error).message;
        }
        expect(message).toContain(`fields.jsonl:${at + 1}: not a run record: \`${field}\``);
        expect(message).toContain('expected');
        expect(readFileSync(file, 'utf8')).toBe(text);
      }),
      { numRuns: 60 },
    );
  });
});

describe('tables', () => {
  const layout = { varyKeys: ['x', 'flag'], finalColumns: ['m'] };

  it('sorts by run index and writes missing values as empty cells', () => {
    // `steps` and `converged` in `final` are the provenance columns already: not repeated.
    const csv = tableCsv(finalTable(layout, [result(1), result(0, { m: NaN }), result(2, { m: Infinity, extra: 1, steps: 10, converged: 1 })]));
    expect(csv).toBe(
      [
        'run_index,run_name,seed_key,crn_key,replicate,x,flag,steps,converged,m,extra',
        '0,x=0__r0,e|s|x=0|0,e|s|0,0,0,true,10,true,,',
        '1,x=1__r0,e|s|x=1|0,e|s|0,0,1,false,10,false,0.5,',
        '2,x=2__r0,e|s|x=2|0,e|s|0,0,2,true,10,true,Inf,1',
        '',
      ].join('\n'),
    );
  });

  it('keeps the wall clock out of final: runs that differ only in elapsed time give the same final table; timings holds it', () => {
    const slow = (r: RunResult, ms: number | undefined): RunResult => ({ ...r, elapsedMs: ms });
    const runs = [result(1), result(0), result(2)];
    expect(tableCsv(finalTable(layout, runs.map((r, i) => slow(r, 1000 * i + 0.1234567))))).toBe(tableCsv(finalTable(layout, runs.map((r) => slow(r, undefined)))));
    expect(tableCsv(timingsTable([slow(result(1), 12.3456789), slow(result(0), undefined)])).split('\n')).toEqual([
      'run_index,run_name,elapsed_ms',
      '0,x=0__r0,',
      '1,x=1__r0,12.346',
      '',
    ]);
  });

  it('quotes cells with commas, quotes or line breaks (RFC 4180)', () => {
    const r = { ...result(0), run: { ...result(0).run, name: 'a,b "c"', params: { x: 'line\nbreak', flag: true } } };
    const csv = tableCsv(finalTable(layout, [r]));
    expect(csv.split('\n')[1]).toBe('0,"a,b ""c""",e|s|x=0|0,e|s|0,0,"line');
  });

  it('cascades: provenance, then the rows\' own columns; rows without an id are numbered within the run', () => {
    const withId = { ...result(1), cascades: [{ cascade: 7, 'cascade.size': 3 }, { cascade: 9, 'cascade.size': 1 }] };
    const noId = { ...result(0), cascades: [{ size: 2 }] };
    expect(tableCsv(cascadesTable(layout, [withId])).split('\n')).toEqual([
      'run_index,run_name,seed_key,replicate,x,flag,cascade,size',
      '1,x=1__r0,e|s|x=1|0,0,1,false,7,3',
      '1,x=1__r0,e|s|x=1|0,0,1,false,9,1',
      '',
    ]);
    expect(tableCsv(cascadesTable(layout, [noId])).split('\n').slice(0, 2)).toEqual(['run_index,run_name,seed_key,replicate,x,flag,cascade,size', '0,x=0__r0,e|s|x=0|0,0,0,true,0,2']);
  });

  it('series is long: one row per run, time and metric', () => {
    const t = seriesTable(layout, [result(1), result(0)]);
    expect(t.rows).toBe(4);
    expect(tableCsv(t).split('\n').slice(0, 3)).toEqual(['run_index,run_name,replicate,x,flag,t,metric,value', '0,x=0__r0,0,0,true,0,m,0', '0,x=0__r0,0,0,true,10,m,0']);
  });
});

describe('parseArgs', () => {
  const flags: FlagSpec[] = [
    { name: 'workers', kind: 'value', help: '' },
    { name: 'set', kind: 'repeat', help: '' },
    { name: 'quick', kind: 'boolean', help: '' },
    { name: 'help', kind: 'boolean', help: '' },
  ];

  it('reads values, repeats, switches and positionals', () => {
    const a = parseArgs('run', ['x.ts', '--workers=3', '--set', 'a=1', '--quick', '--set=b=2', '--workers', '4', '-h'], flags);
    expect(a.positionals).toEqual(['x.ts']);
    expect(a.values.get('workers')).toEqual(['4']);
    expect(a.values.get('set')).toEqual(['a=1', 'b=2']);
    expect([...a.switches].sort()).toEqual(['help', 'quick']);
  });

  it('rejects unknown flags with the closest one, and missing values', () => {
    expect(() => parseArgs('run', ['--worker', '2'], flags)).toThrow('did you mean `--workers`?');
    expect(() => parseArgs('run', ['--workers'], flags)).toThrow('needs a value');
    expect(() => parseArgs('run', ['--quick=yes'], flags)).toThrow('takes no value');
  });

  it('a flag where a value should be is a forgotten value, unless written with =', () => {
    expect(() => parseArgs('run', ['x.ts', '--workers', '--quick'], flags)).toThrow('`--workers` needs a value (value), got the flag `--quick`');
    expect(() => parseArgs('run', ['x.ts', '--set', '--'], flags)).toThrow('got the flag `--`');
    expect(parseArgs('run', ['x.ts', '--set=--quick'], flags).values.get('set')).toEqual(['--quick']);
    // A value that merely starts with dashes but names no flag is a value (a negative number, say).
    expect(parseArgs('run', ['x.ts', '--set', '-1'], flags).values.get('set')).toEqual(['-1']);
  });
});

describe('progress and manifest helpers', () => {
  it('prints plain lines every 10 % when not on a terminal', () => {
    const lines: string[] = [];
    let now = 0;
    const p = new Progress({ total: 20, already: 0, stream: { isTTY: false, write: (s) => lines.push(s) }, clock: () => now });
    for (let i = 0; i < 20; i++) {
      now += 100;
      p.tick();
    }
    p.end();
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('2/20 runs (10 %), 10.0 runs/s, ETA 2s\n');
    expect(lines[9]).toBe('20/20 runs (100 %), 10.0 runs/s, done in 2s\n');
  });

  it('rewrites one line in place on a terminal', () => {
    let out = '';
    let now = 0;
    const p = new Progress({ total: 4, already: 4, stream: { isTTY: true, write: (s) => (out += s) }, clock: () => now });
    now = 1000;
    p.tick();
    p.end();
    expect(out.split('\r').length).toBe(3);
    expect(out).toContain('5/8 runs (62 %), 1.0 runs/s, ETA 3s');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: Infinity, c: 'x' }] })).toBe(canonicalJson({ a: [1, { c: 'x', d: Infinity }], b: 1 }));
    expect(canonicalJson({ a: NaN })).toBe('{"a":"NaN"}');
  });
});
