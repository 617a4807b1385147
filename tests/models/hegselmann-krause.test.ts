import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsrGraph } from '../../src/model/csr-graph.js';
import { ParamError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { createRun, runUntilConverged } from '../../src/sim/model.js';
import { HEGSELMANN_KRAUSE_ID, hegselmannKrause, type HegselmannKrauseParams } from '../../src/sim/models/hegselmann-krause.js';
import {
  buildNetwork,
  completeGraph,
  graphFromPairs,
  networkWithOpinionsArb,
  opinionsArb,
  randomConnectedGraph,
  randomPermutation,
  range,
  relabel,
  relabelGraph,
} from '../support/opinion-arbitraries.js';

// Rounding: a mean of values in [a, b] computed in floating point can land
// an ulp or so outside [a, b] (and ties in exact arithmetic can swap by an
// ulp), so the exact order and range properties are checked to 1e-12.
const ROUNDING = 1e-12;

function stepped(graph: CsrGraph, params: Partial<HegselmannKrauseParams>, steps: number, key = 'hk'): Float64Array {
  const state = createRun(hegselmannKrause, graph, params, new Rng(key));
  for (let s = 0; s < steps; s++) hegselmannKrause.step(state);
  return state.opinions;
}

describe(HEGSELMANN_KRAUSE_ID, () => {
  it('validates parameters, naming the field', () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ epsilon: -0.1 }, 'epsilon'],
      [{ epsilon: 2 }, 'epsilon'],
      [{ topology: 'ring' }, 'topology'],
      [{ tolerance: 0 }, 'tolerance'],
      [{ domain: [0, 0] }, 'domain'],
      [{ initialOpinions: Float64Array.of(-0.5) }, 'initialOpinions'],
    ];
    for (const [params, field] of bad) {
      const call = () => hegselmannKrause.validate(params as never);
      expect(call, field).toThrow(ParamError);
      expect(call, field).toThrow(`\`${field}\``);
    }
  });

  it('hand-computed example: 4 agents on the complete graph, ε = 0.3 (both topologies)', () => {
    // Step 1: {0, .25} -> .125; {0, .25, .5} -> .25; {.25, .5} -> .375; {1} -> 1.
    // Step 2: the first three all see each other -> .25; then nothing moves.
    for (const topology of ['graph', 'complete'] as const) {
      const state = createRun(hegselmannKrause, completeGraph(4), { epsilon: 0.3, topology, initialOpinions: Float64Array.of(0, 0.25, 0.5, 1) }, new Rng('hand'));
      hegselmannKrause.step(state);
      expect(Array.from(state.opinions), topology).toEqual([0.125, 0.25, 0.375, 1]);
      expect(hegselmannKrause.isConverged(state)).toBe(false);
      hegselmannKrause.step(state);
      expect(Array.from(state.opinions), topology).toEqual([0.25, 0.25, 0.25, 1]);
      hegselmannKrause.step(state);
      expect(state.lastMaxChange).toBe(0);
      expect(hegselmannKrause.isConverged(state)).toBe(true);
    }
  });

  it('hand-computed example on a path 0–1–2: only neighbours count', () => {
    // x = (0, .5, 1), ε = .6: agent 0 sees {0, .5}, 1 sees all, 2 sees {.5, 1}
    // (0 and 2 are not neighbours). Then (.25, .5, .75) -> (.375, .5, .625).
    const path = graphFromPairs(3, [[0, 1], [1, 2]]);
    const state = createRun(hegselmannKrause, path, { epsilon: 0.6, initialOpinions: Float64Array.of(0, 0.5, 1) }, new Rng('path'));
    hegselmannKrause.step(state);
    expect(Array.from(state.opinions)).toEqual([0.25, 0.5, 0.75]);
    hegselmannKrause.step(state);
    expect(Array.from(state.opinions)).toEqual([0.375, 0.5, 0.625]);
  });

  it('the confidence bound is non-strict, as in the paper: agents exactly ε apart do meet', () => {
    const out = stepped(completeGraph(2), { epsilon: 0.25, initialOpinions: Float64Array.of(0, 0.25) }, 1);
    expect(Array.from(out)).toEqual([0.125, 0.125]);
  });

  it('on a directed graph an agent averages over whom it follows', () => {
    // 0 follows 1, 1 follows nobody: 1 keeps its opinion.
    const out = stepped(graphFromPairs(2, [[0, 1]], true), { epsilon: 0.5, initialOpinions: Float64Array.of(0, 0.25) }, 1);
    expect(Array.from(out)).toEqual([0.125, 0.25]);
  });

  it('preserves the order of opinions on the complete graph (property, both topologies)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }).chain((n) => opinionsArb(n)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 5 }),
        (x0, epsilon, steps) => {
          const graph = completeGraph(x0.length);
          for (const topology of ['graph', 'complete'] as const) {
            const after = stepped(graph, { epsilon, topology, initialOpinions: x0 }, steps);
            for (let i = 0; i < x0.length; i++) {
              for (let j = 0; j < x0.length; j++) {
                if (x0[i] <= x0[j]) expect(after[i]).toBeLessThanOrEqual(after[j] + ROUNDING);
              }
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('never widens the opinion range on any graph (property)', () => {
    fc.assert(
      fc.property(networkWithOpinionsArb(), fc.double({ min: 0, max: 1, noNaN: true }), ({ net, opinions }, epsilon) => {
        const state = createRun(hegselmannKrause, buildNetwork(net), { epsilon, initialOpinions: opinions }, new Rng('range'));
        let [lo, hi] = range(opinions);
        for (let s = 0; s < 10; s++) {
          hegselmannKrause.step(state);
          const [l, h] = range(state.opinions);
          expect(l).toBeGreaterThanOrEqual(lo - ROUNDING);
          expect(h).toBeLessThanOrEqual(hi + ROUNDING);
          lo = Math.min(lo, l);
          hi = Math.max(hi, h);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("the 'complete' topology equals the graph mode on an explicit complete graph", () => {
    const graph = completeGraph(120);
    for (const key of ['eq-1', 'eq-2']) {
      const a = stepped(graph, { epsilon: 0.15, topology: 'graph' }, 8, key);
      const b = stepped(graph, { epsilon: 0.15, topology: 'complete' }, 8, key);
      for (let i = 0; i < graph.n; i++) expect(b[i]).toBeCloseTo(a[i], 12);
    }
  });

  it('relabelling agents permutes the result exactly on the complete graph', () => {
    // 'complete' ignores the edges: an edgeless graph supplies N.
    const nodes = graphFromPairs(200, []);
    const x0 = createRun(hegselmannKrause, nodes, {}, new Rng('perm-x')).opinions;
    const perm = randomPermutation(200, 'perm');
    const a = stepped(nodes, { epsilon: 0.1, topology: 'complete', initialOpinions: x0 }, 10);
    const b = stepped(nodes, { epsilon: 0.1, topology: 'complete', initialOpinions: relabel(x0, perm) }, 10);
    expect(Array.from(b)).toEqual(Array.from(relabel(a, perm)));
  });

  it('relabelling nodes of a sparse graph permutes the result (to rounding: sums run in row order)', () => {
    const graph = randomConnectedGraph(150, 400, 'perm-g');
    const perm = randomPermutation(150, 'perm-2');
    const x0 = createRun(hegselmannKrause, graph, {}, new Rng('perm-x')).opinions;
    const a = stepped(graph, { epsilon: 0.25, initialOpinions: x0 }, 20);
    const b = stepped(relabelGraph(graph, perm), { epsilon: 0.25, initialOpinions: relabel(x0, perm) }, 20);
    const expected = relabel(a, perm);
    for (let i = 0; i < 150; i++) expect(b[i]).toBeCloseTo(expected[i], 12);
  });

  it('converges in finite time on the complete graph into clusters more than ε apart', () => {
    const state = createRun(hegselmannKrause, graphFromPairs(500, []), { epsilon: 0.1, topology: 'complete' }, new Rng('finite'));
    const { converged } = runUntilConverged(hegselmannKrause, state, { maxSteps: 200 });
    expect(converged).toBe(true);
    const sorted = state.opinions.slice().sort();
    for (let i = 1; i < sorted.length; i++) {
      const gap = sorted[i] - sorted[i - 1];
      expect(gap === 0 || gap > 0.1).toBe(true);
    }
  });

  it('is deterministic: same key, same trajectory; different key, different one', () => {
    const graph = randomConnectedGraph(80, 160, 'det-g');
    expect(Array.from(stepped(graph, { epsilon: 0.2 }, 3, 'same'))).toEqual(Array.from(stepped(graph, { epsilon: 0.2 }, 3, 'same')));
    expect(Array.from(stepped(graph, { epsilon: 0.2 }, 3, 'same'))).not.toEqual(Array.from(stepped(graph, { epsilon: 0.2 }, 3, 'other')));
  });
});
