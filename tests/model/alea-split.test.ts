/**
 * The kernels of SIR, of the independent cascade and of the platform compute Alea's step in a
 * split form (hi = 2091639·s0, q = ⌊hi⌋, r = (hi − q) + c·2^−32, carry on
 * r ≥ 1) whose operations are all exact. Oracle: Rng.next(), the library's
 * own step; the split form must give the same numbers, bit for bit, over
 * millions of draws from many seeds, rare carries included.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';

/** `count` draws in the split form from `state` (advanced in place); `carries` counts the rare r ≥ 1 branch. */
function splitDraws(state: Float64Array, count: number, carries: { n: number }): Float64Array {
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let c = state[3];
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const hi = 2091639 * s0;
    const q = hi | 0;
    let r = hi - q + c * 2.3283064365386963e-10;
    c = q;
    if (r >= 1) {
      r -= 1;
      c = q + 1;
      carries.n++;
    }
    s0 = s1;
    s1 = s2;
    s2 = r;
    out[i] = r;
  }
  state.set([s0, s1, s2, c]);
  return out;
}

describe('Alea in split form', () => {
  it('gives Rng.next()\'s numbers and state to the bit, over 2 million draws from 20 seeds', () => {
    const carries = { n: 0 };
    for (let seed = 0; seed < 20; seed++) {
      const rng = new Rng(`alea-split/${seed}`);
      const state = Float64Array.from(rng.alea);
      const split = splitDraws(state, 100_000, carries);
      for (let i = 0; i < split.length; i++) {
        const x = rng.next();
        if (!Object.is(x, split[i])) throw new Error(`seed ${seed}, draw ${i}: ${x} vs ${split[i]}`);
      }
      expect(Array.from(state)).toEqual(Array.from(rng.alea));
    }
    // The branch must have been taken for the test to cover it (about 2^−12 of draws: hundreds in 2 million).
    expect(carries.n).toBeGreaterThan(50);
  });
});
