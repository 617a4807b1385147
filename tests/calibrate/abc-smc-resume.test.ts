/**
 * Resuming abcSmc / abcSmcBatched from the generations an earlier run handed
 * to `onGeneration`: a generation's proposals depend only on the key, the
 * generation index and the previous population, so a run restarted after
 * generation k (from records that went through JSON, as they do on disk)
 * equals the uninterrupted run exactly, and simulates only the remaining
 * generations. Records are handed out before the next generation's first
 * simulation (so a crash loses at most the generation under way), and bad
 * records are refused naming the field.
 */
import { describe, expect, it } from 'vitest';
import { abcSmc, abcSmcBatched, type AbcSmcOptions, type SmcGenerationRecord, type SmcTask } from '../../src/calibrate/abc-smc.js';
import { Rng } from '../../src/model/rng.js';
import { fieldOf } from '../support/param-error-field.js';
import { toySmc } from '../support/toy-smc.js';

const toy = (maxAttempts?: number) => toySmc('abc-smc-resume', maxAttempts);

/** The records of a run, round-tripped through JSON as a log file would hold them. */
function recorded(o: AbcSmcOptions<number>): { records: SmcGenerationRecord[]; events: string[] } {
  const records: SmcGenerationRecord[] = [];
  const events: string[] = [];
  let sims = 0;
  abcSmc({
    ...o,
    simulate: (p, rng) => {
      sims++;
      return o.simulate(p, rng);
    },
    onGeneration: (g) => {
      events.push(`gen ${g.generation} after ${sims} sims`);
      records.push(JSON.parse(JSON.stringify(g)) as SmcGenerationRecord);
    },
  });
  return { records, events };
}

describe('abcSmc resume', () => {
  it('hands out every generation, in order, before the next one simulates anything', () => {
    const o = toy();
    const full = abcSmc(o);
    const { records, events } = recorded(o);
    expect(records.map((g) => g.generation)).toEqual([0, 1, 2, 3]);
    expect(records.map(({ tolerance, attempts, ess }) => ({ tolerance, attempts, ess }))).toEqual(full.generations);
    expect(records[3].particles).toEqual(full.particles);
    // Generation 0 simulates exactly its ⌈30 / 0.5⌉ = 60 prior draws before it is handed out.
    expect(events[0]).toBe('gen 0 after 60 sims');
    for (const g of records) expect(g.particles.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 12);
  });

  it('resumed after generation k (k = 1, 2, 3, 4) equals the uninterrupted run and only simulates what is left', async () => {
    const o = toy();
    const full = abcSmc(o);
    const { records } = recorded(o);
    for (let k = 1; k <= 4; k++) {
      let sims = 0;
      const handed: number[] = [];
      const got = abcSmc({
        ...o,
        rng: new Rng('abc-smc-resume'),
        resume: records.slice(0, k),
        simulate: (p, rng) => {
          sims++;
          return o.simulate(p, rng);
        },
        onGeneration: (g) => handed.push(g.generation),
      });
      expect(got).toEqual(full);
      expect(handed).toEqual([0, 1, 2, 3].slice(k));
      // The later generations' attempts are every simulation left (proposals outside the prior are not simulated, so ≤).
      expect(sims).toBeLessThanOrEqual(full.generations.slice(k).reduce((s, g) => s + g.attempts, 0));
      if (k === 4) expect(sims).toBe(0);
      else expect(sims).toBeGreaterThan(0);
      // The batched algorithm resumes the same way, with an out-of-order evaluator.
      const evaluate = async (tasks: readonly SmcTask[]): Promise<number[]> => {
        const out = new Array<number>(tasks.length);
        for (let i = tasks.length - 1; i >= 0; i--) out[i] = o.distance(o.simulate(tasks[i].params, new Rng(tasks[i].rngKey)));
        return out;
      };
      expect(await abcSmcBatched({ ...o, resume: records.slice(0, k), evaluate, batch: 7 })).toEqual(full);
    }
  });

  it('resumes a run that stopped early to the same early stop', () => {
    const o = toy(40);
    const full = abcSmc(o);
    expect(full.stoppedEarly).toBe(true);
    const { records } = recorded(o);
    expect(records).toHaveLength(full.generations.length);
    expect(abcSmc({ ...o, resume: records })).toEqual(full);
  });

  it('refuses records that are not generations 0…k−1 of this calibration, naming the field', () => {
    const o = toy();
    const { records } = recorded(o);
    expect(fieldOf(() => abcSmc({ ...o, resume: [records[1]] }))).toBe('resume[0].generation');
    expect(fieldOf(() => abcSmc({ ...o, resume: [...records, records[3]] }))).toBe('resume');
    expect(fieldOf(() => abcSmc({ ...o, resume: [records[0], { ...records[1], particles: records[1].particles.slice(1) }] }))).toBe('resume[1].particles');
    const outside = { ...records[0], particles: records[0].particles.map((p, j) => (j === 2 ? { ...p, params: { ...p.params, b: 1.5 } } : p)) };
    expect(fieldOf(() => abcSmc({ ...o, resume: [outside] }))).toBe('resume[0].particles[2].params.b');
    const extra = { ...records[0], particles: records[0].particles.map((p) => ({ ...p, params: { ...p.params, c: 0 } })) };
    expect(fieldOf(() => abcSmc({ ...o, resume: [extra] }))).toBe('resume[0].particles[0].params');
  });
});
