/**
 * abcSmcBatched (the simulations handed out in batches, e.g. to worker
 * threads) against abcSmc (one simulation at a time in this thread): the
 * same populations, weights, tolerances and attempt counts for any batch
 * size and in the early-stop case, because attempts are examined in index
 * order and a task's stream is `new Rng(rngKey)`, the very stream abcSmc
 * forks. Also: the evaluator must answer one distance per task.
 */
import { describe, expect, it } from 'vitest';
import { abcSmc, abcSmcBatched, type AbcSmcOptions, type SmcTask } from '../../src/calibrate/abc-smc.js';
import { Rng } from '../../src/model/rng.js';
import { ParamError } from '../../src/model/errors.js';
import { toySmc } from '../support/toy-smc.js';

const toy = (maxAttempts?: number) => toySmc('abc-smc-batched', maxAttempts);

/** Evaluates in reverse order, as an out-of-order pool might, and returns the distances in task order. */
function evaluator(o: AbcSmcOptions<number>, seen: number[]): (tasks: readonly SmcTask[]) => Promise<number[]> {
  return async (tasks) => {
    seen.push(tasks.length);
    const out = new Array<number>(tasks.length);
    for (let i = tasks.length - 1; i >= 0; i--) out[i] = o.distance(o.simulate(tasks[i].params, new Rng(tasks[i].rngKey)));
    return out;
  };
}

describe('abcSmcBatched', () => {
  it('equals abcSmc for batch sizes 1, 7, 30 and 100', async () => {
    const o = toy();
    const expected = abcSmc(o);
    expect(expected.generations).toHaveLength(4);
    for (const batch of [1, 7, 30, 100]) {
      const seen: number[] = [];
      const got = await abcSmcBatched({ ...o, evaluate: evaluator(o, seen), batch });
      expect(got).toEqual(expected);
      expect(Math.max(...seen)).toBeLessThanOrEqual(batch);
    }
  });

  it('equals abcSmc when a generation runs out of attempts', async () => {
    const o = toy(40);
    const expected = abcSmc(o);
    expect(expected.stoppedEarly).toBe(true);
    expect(await abcSmcBatched({ ...o, evaluate: evaluator(o, []), batch: 16 })).toEqual(expected);
  });

  it('rejects an evaluator that does not answer every task, and a bad batch', async () => {
    const o = toy();
    await expect(abcSmcBatched({ ...o, evaluate: async (tasks) => tasks.slice(1).map(() => 0) })).rejects.toThrow(/one distance per task/);
    const err = await abcSmcBatched({ ...o, evaluate: async () => [], batch: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParamError);
    expect((err as ParamError).field).toBe('batch');
  });
});
