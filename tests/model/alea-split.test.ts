/**
 * The kernels of SIR, of the independent cascade and of the platform compute Alea's step in a
 * split form (hi = 2091639·s0, q = ⌊hi⌋, r = (hi − q) + c·2^−32, carry on
 * r ≥ 1) whose operations are all exact. Oracle: Rng.next(), the library's
 * own step; the split form must give the same numbers, bit for bit, over
 * millions of draws from many seeds, rare carries included.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';

function splitDraws(state: Float64Array, count: number): Float64Array {
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
    let carries = 0;
    for (let seed = 0; seed < 20; seed++) {
      const rng = new Rng(`alea-split/${seed}`);
      const state = Float64Array.from(rng.alea);
      const split = splitDraws(state, 100_000);
      for (let i = 0; i < split.length; i++) {
        const x = rng.next();
        if (!Object.is(x, split[i])) throw new Error(`seed ${seed}, draw ${i}: ${x} vs ${split[i]}`);
      }
      expect(Array.from(state)).toEqual(Array.from(rng.alea));
      // Count the rare branch: a draw whose carry exceeded ⌊hi⌋ (r ≥ 1 before the correction).
      const again = Float64Array.from(new Rng(`alea-split/${seed}`).alea);
      let s0 = again[0];
      let s1 = again[1];
      let s2 = again[2];
      let c = again[3];
      for (let i = 0; i < 100_000; i++) {
        const hi = 2091639 * s0;
        const q = hi | 0;
        const r = hi - q + c * 2.3283064365386963e-10;
        if (r >= 1) carries++;
        c = r >= 1 ? q + 1 : q;
        s0 = s1;
        s1 = s2;
        s2 = r >= 1 ? r - 1 : r;
      }
    }
    // The branch must have been taken for the test to cover it (about 2^−12 of draws: hundreds in 2 million).
    expect(carries).toBeGreaterThan(50);
  });
});
