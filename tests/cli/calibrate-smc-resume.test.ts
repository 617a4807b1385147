/**
 * `echolab calibrate --method smc` resumes from smc-generations.jsonl,
 * against the synthetic p = 0.2 archive of calibrate-fixture.ts. An
 * interruption is a SIGKILL once the first generation is on disk, or is
 * reproduced exactly by cutting the log of an uninterrupted run back to what
 * a crash leaves behind (calibration.json and the generations completed so
 * far, each line appended whole and fsync'd); then the same command is run
 * again:
 *   - killed during generation 1, the re-run on 2 workers resumes and ends
 *     with the uninterrupted run's outputs, byte for byte;
 *   - after generation 0 or 1, on 1 and on 2 workers, the re-run gives
 *     byte-identical posterior.json, posterior.md, posterior.html and log to
 *     the uninterrupted run, and says how many generations it resumed;
 *   - an unterminated last line (a write cut short) is dropped and redone;
 *   - a complete log is not redone;
 *   - a corrupt line before the last exits 2 naming file:line.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentBody, writeArchive } from './calibrate-fixture.js';
import { removeDir, runCli, spawnCli, tempDir, waitForLines, writeExperiment } from './cli-harness.js';

const LOG = 'smc-generations.jsonl';
const OUTPUTS = ['posterior.json', 'posterior.md', 'posterior.html', LOG];

let dir = '';
let file = '';
beforeAll(() => {
  dir = tempDir('echolab-smc-resume-');
  writeArchive(path.join(dir, 'archive'), 2);
  file = writeExperiment(dir, 'ic', experimentBody({ calibrate: { p: [0, 0.5] } }));
});
afterAll(() => removeDir(dir));

const smcArgs = (workers: number, out: string): string[] =>
  ['calibrate', file, '--archive', 'archive', '--label', 'false', '--method', 'smc', '--particles', '10', '--generations', '3', '--workers', String(workers), '--out', out];
const read = (out: string, name: string): string => readFileSync(path.join(dir, out, name), 'utf8');

/** A results folder as an interrupted run of the `full` calibration leaves it: calibration.json and `log` as smc-generations.jsonl. */
function interrupted(out: string, log: string): void {
  mkdirSync(path.join(dir, out), { recursive: true });
  writeFileSync(path.join(dir, out, 'calibration.json'), read('full', 'calibration.json'));
  writeFileSync(path.join(dir, out, LOG), log);
}

describe('echolab calibrate --method smc resumes', () => {
  let lines: string[] = [];
  beforeAll(async () => {
    const full = await runCli(smcArgs(1, 'full'), dir);
    expect(full.code, full.stderr).toBe(0);
    expect(full.stderr).toContain('3 generation(s) (0 resumed)');
    lines = read('full', LOG).split('\n');
  }, 90_000);

  it('writes one line per generation, in order, each a full population', () => {
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    const gens = lines.slice(0, 3).map((l) => JSON.parse(l) as { generation: number; particles: Array<{ weight: number }> });
    expect(gens.map((g) => g.generation)).toEqual([0, 1, 2]);
    for (const g of gens) {
      expect(g.particles).toHaveLength(10);
      expect(g.particles.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 12);
    }
  });

  it('killed after its first generation, resumes on 2 workers to byte-identical outputs', async () => {
    const p = spawnCli(smcArgs(1, 'killed'), dir);
    await waitForLines(path.join(dir, 'killed', LOG), 1);
    p.child.kill('SIGKILL');
    const killed = await p.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(path.join(dir, 'killed', 'posterior.json'))).toBe(false);
    const kept = read('killed', LOG).split('\n').length - 1;
    expect(kept).toBeGreaterThanOrEqual(1);
    const again = await runCli(smcArgs(2, 'killed'), dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`(${kept} resumed)`);
    for (const name of OUTPUTS) expect(read('killed', name), name).toBe(read('full', name));
  }, 90_000);

  it('after generation 0 or 1, on 1 and 2 workers: byte-identical outputs to the uninterrupted run', async () => {
    const cases = [
      { out: 'after0-w1', keep: 1, workers: 1 },
      { out: 'after0-w2', keep: 1, workers: 2 },
      { out: 'after1-w2', keep: 2, workers: 2 },
    ];
    for (const c of cases) interrupted(c.out, lines.slice(0, c.keep).map((l) => `${l}\n`).join(''));
    const runs = await Promise.all(cases.map((c) => runCli(smcArgs(c.workers, c.out), dir)));
    cases.forEach((c, i) => {
      expect(runs[i].code, runs[i].stderr).toBe(0);
      expect(runs[i].stderr).toContain(`on ${c.workers} worker${c.workers === 1 ? '' : 's'}, 3 generation(s) (${c.keep} resumed)`);
      for (const name of OUTPUTS) expect(read(c.out, name), `${c.out}/${name}`).toBe(read('full', name));
    });
  }, 120_000);

  it('drops an unterminated last line and redoes that generation; a complete log is not redone', async () => {
    interrupted('cut', `${lines[0]}\n${lines[1].slice(0, Math.floor(lines[1].length / 2))}`);
    const [cut, again] = await Promise.all([runCli(smcArgs(2, 'cut'), dir), runCli(smcArgs(2, 'full'), dir)]);
    expect(cut.code, cut.stderr).toBe(0);
    expect(cut.stderr).toContain(`${LOG}:2: dropped an incomplete last line`);
    expect(cut.stderr).toContain('(1 resumed)');
    for (const name of OUTPUTS) expect(read('cut', name), name).toBe(read('full', name));
    expect(again.code, again.stderr).toBe(0);
    // Nothing left to simulate: no pool is started and the log is unchanged.
    expect(again.stderr).toContain('on 1 worker, 3 generation(s) (3 resumed)');
    expect(read('full', LOG)).toBe(lines.join('\n'));
  }, 120_000);

  it('exits 2 naming file:line on a corrupt line that is not the last', async () => {
    interrupted('garbled', `{"generation":0,"toler\n${lines[1]}\n`);
    const fewer = JSON.parse(lines[1]) as { particles: unknown[] };
    fewer.particles.pop();
    interrupted('short', `${lines[0]}\n${JSON.stringify(fewer)}\n${lines[2]}\n`);
    const [garbled, short] = await Promise.all([runCli(smcArgs(1, 'garbled'), dir), runCli(smcArgs(1, 'short'), dir)]);
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).toMatch(/smc-generations\.jsonl:1: line is not valid JSON/);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/smc-generations\.jsonl:2: line is not a generation of this calibration: expected 10 particles/);
    for (const out of ['garbled', 'short']) expect(existsSync(path.join(dir, out, 'posterior.json'))).toBe(false);
  }, 60_000);
});
