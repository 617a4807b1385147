/**
 * The interaction kernel computes the selection weights max(|x_i − x_j|,
 * d_min)^(−γ) without calling det-math's pow when γ is an integer (1 / d for
 * γ = 1, repeated squaring otherwise). Oracle: a plain transcription of the
 * model's formula through det-math's pow, run on the same streams; every
 * opinion must agree to the bit after many interactions, for integer and
 * non-integer γ.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsrGraph } from '../../src/model/csr-graph.js';
import { pow } from '../../src/model/det-math.js';
import { Rng } from '../../src/model/rng.js';
import { ALGORITHMIC_BIAS_MIN_DISTANCE, algorithmicBias, algorithmicBiasInteract } from '../../src/sim/models/algorithmic-bias.js';
import { completeGraph, randomGraph } from '../support/opinion-arbitraries.js';

/** The model's rule as the banner states it, one interaction at a time. */
function reference(graph: CsrGraph, x: Float64Array, rng: Rng, count: number, eps: number, mu: number, gamma: number): void {
  const { start, deg, targets } = graph.out;
  for (let step = 0; step < count; step++) {
    const i = Math.floor(rng.next() * graph.n);
    const u = rng.next();
    const d = deg[i];
    if (d === 0) continue;
    const w: number[] = [];
    let total = 0;
    for (let k = 0; k < d; k++) {
      w.push(pow(Math.max(Math.abs(x[targets[start[i] + k]] - x[i]), ALGORITHMIC_BIAS_MIN_DISTANCE), -gamma));
      total += w[k];
    }
    let r = u * total;
    let pick = d - 1;
    for (let k = 0; k < d; k++) {
      r -= w[k];
      if (r < 0) {
        pick = k;
        break;
      }
    }
    const j = targets[start[i] + pick];
    const diff = x[j] - x[i];
    if (diff < eps && diff > -eps) {
      const move = mu * diff;
      x[i] += move;
      x[j] -= move;
    }
  }
}

describe('algorithmic bias: selection weights without pow', () => {
  it('gives the same opinions, to the bit, as the formula through det-math pow, for integer and non-integer γ', () => {
    const graphs = [completeGraph(30), randomGraph(120, 400, 'ab-weights')];
    fc.assert(
      fc.property(
        fc.constantFrom(0, 0.5, 1, 1.6, 2, 3, 7, 20),
        fc.constantFrom(0, 1),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (gamma, g, epsilon, seed) => {
          const graph = graphs[g];
          const params = algorithmicBias.validate({ epsilon, gamma, mu: 0.5 });
          const state = algorithmicBias.init(graph, params, new Rng(`w/${seed}`));
          const x = Float64Array.from(state.opinions);
          const pairs = new Rng(`w/${seed}`).fork('pairs');
          algorithmicBiasInteract(state, 3000);
          reference(graph, x, pairs, 3000, epsilon, 0.5, gamma);
          expect(Buffer.from(state.opinions.buffer).equals(Buffer.from(x.buffer))).toBe(true);
        },
      ),
      { seed: 20261207, numRuns: 40 },
    );
  });
});
