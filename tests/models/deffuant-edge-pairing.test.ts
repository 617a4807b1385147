/**
 * Deffuant with `pairing: 'edge'` (a uniformly random follow edge per
 * interaction, the paper's "randomly chosen pair of connected agents"):
 * the batched fast path equals the plain rule draw for draw; the mean is
 * conserved and the range never grows; consensus above ε = 1/2.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { erdosRenyi } from '../../src/model/generators/erdos-renyi.js';
import { Rng } from '../../src/model/rng.js';
import { runUntilConverged } from '../../src/sim/model.js';
import { deffuant, deffuantInteract } from '../../src/sim/models/deffuant.js';

function graphOf(n: number, pairs: Array<[number, number]>, directed: boolean): CsrGraph {
  return CsrGraph.fromEdgeList({ n, directed, src: Int32Array.from(pairs, (p) => p[0]), dst: Int32Array.from(pairs, (p) => p[1]), m: pairs.length });
}

const graphArb = fc.integer({ min: 2, max: 25 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { minLength: 1, maxLength: 80 }),
    directed: fc.boolean(),
    epsilon: fc.double({ min: 0.01, max: 1, noNaN: true }),
    mu: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  }),
);

describe('Deffuant, random-edge pairing', () => {
  it('the fast path equals the plain rule: one draw picks arc ⌊u·arcs⌋ of the CSR arcs in order', () => {
    fc.assert(
      fc.property(graphArb, ({ n, pairs, directed, epsilon, mu }) => {
        const g = graphOf(n, pairs, directed);
        const key = 'edge-pairing';
        const state = deffuant.init(g, deffuant.validate({ epsilon, mu, pairing: 'edge' }), new Rng(key));
        const x = Float64Array.from(state.opinions);
        // The reference: arcs listed row by row, draws from the `pairs` fork.
        const arcs: Array<[number, number]> = [];
        for (let i = 0; i < g.n; i++) for (const j of g.followees(i)) arcs.push([i, j]);
        const r = new Rng(key).fork('pairs');
        const count = 3000;
        for (let k = 0; k < count && arcs.length > 0; k++) {
          const [i, j] = arcs[Math.floor(r.next() * arcs.length)];
          const d = x[j] - x[i];
          if (d < epsilon && d > -epsilon) {
            const move = mu * d;
            const xi = x[i];
            const xj = x[j];
            x[i] = xi + move;
            x[j] = xj - move;
          }
        }
        deffuantInteract(state, count);
        expect(Array.from(state.opinions)).toEqual(Array.from(x));
      }),
      { numRuns: 60 },
    );
  });

  it('conserves the mean and never widens the range', () => {
    fc.assert(
      fc.property(graphArb, fc.string({ minLength: 1 }), ({ n, pairs, directed, epsilon, mu }, key) => {
        const state = deffuant.init(graphOf(n, pairs, directed), deffuant.validate({ epsilon, mu, pairing: 'edge' }), new Rng(key));
        const x0 = Float64Array.from(state.opinions);
        const mean = (a: Float64Array): number => a.reduce((s, v) => s + v, 0) / a.length;
        deffuantInteract(state, 5000);
        expect(Math.abs(mean(state.opinions) - mean(x0))).toBeLessThan(1e-12);
        expect(Math.min(...state.opinions)).toBeGreaterThanOrEqual(Math.min(...x0) - 1e-12);
        expect(Math.max(...state.opinions)).toBeLessThanOrEqual(Math.max(...x0) + 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('reaches consensus for ε = 0.6 on a connected random graph (10 of 10 seeds)', () => {
    for (let seed = 0; seed < 10; seed++) {
      const g = CsrGraph.fromEdgeList(erdosRenyi({ n: 200, p: 0.05, directed: false }, new Rng(`edge-consensus-graph-${seed}`)));
      const state = deffuant.init(g, deffuant.validate({ epsilon: 0.6, mu: 0.5, pairing: 'edge' }), new Rng(`edge-consensus-${seed}`));
      const run = runUntilConverged(deffuant, state, { maxSteps: 5000 });
      expect(run.converged).toBe(true);
      expect(Math.max(...state.opinions) - Math.min(...state.opinions)).toBeLessThan(1e-3);
    }
  });

  it('names the field for an unknown pairing', () => {
    expect(() => deffuant.validate({ pairing: 'random' as never })).toThrow(/`pairing`.*"agent", "edge"/);
  });
});
