import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsrGraph } from '../../src/model/csr-graph.js';
import { ParamError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { createRun, runUntilConverged } from '../../src/sim/model.js';
import { countDiscordant, countOnes, voter, VOTER_ID } from '../../src/sim/models/voter.js';
import {
  binaryOpinionsArb,
  binomialBand,
  buildNetwork,
  graphFromPairs,
  randomPermutation,
  relabel,
  relabelGraph,
  ringGraph,
  smallNetworkArb,
  starGraph,
} from '../support/opinion-arbitraries.js';

/** Fraction of `runs` seeds that end in consensus on opinion 1. */
function consensusOnOne(graph: CsrGraph, x0: Int32Array, runs: number, prefix: string): number {
  let wins = 0;
  for (let s = 0; s < runs; s++) {
    const state = createRun(voter, graph, { initialOpinions: x0 }, new Rng(`${prefix}-${s}`));
    const { converged } = runUntilConverged(voter, state, { maxSteps: 100_000 });
    expect(converged).toBe(true);
    expect(state.ones === 0 || state.ones === graph.n).toBe(true);
    if (state.ones === graph.n) wins++;
  }
  return wins / runs;
}

describe(VOTER_ID, () => {
  it('validates parameters, naming the field', () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ initialShare: 1.5 }, 'initialShare'],
      [{ initialShare: -0.1 }, 'initialShare'],
      [{ initialOpinions: Int32Array.of(0, 2) }, 'initialOpinions'],
      [{ initialOpinions: Float64Array.of(0, 1) }, 'initialOpinions'],
    ];
    for (const [params, field] of bad) {
      const call = () => voter.validate(params as never);
      expect(call, field).toThrow(ParamError);
      expect(call, field).toThrow(`\`${field}\``);
    }
  });

  it('P(consensus on 1) is the degree-weighted initial share: star with only the centre at 1', () => {
    // Node update on an undirected graph: Σ k_i x_i / Σ k_i is a martingale.
    // Centre of a 9-leaf star: 9 / 18 = 1/2, although only 1 agent in 10 holds 1.
    const x0 = new Int32Array(10);
    x0[0] = 1;
    const p = consensusOnOne(starGraph(9), x0, 1500, 'star');
    expect(Math.abs(p - 0.5)).toBeLessThan(binomialBand(0.5, 1500));
    expect(Math.abs(p - 0.1)).toBeGreaterThan(binomialBand(0.1, 1500));
  });

  it('P(consensus on 1) for two leaves at 1 on a relabelled star: 2 / 18', () => {
    // Same law after renaming the nodes (centre no longer node 0).
    const perm = randomPermutation(10, 'star-perm');
    const x0 = new Int32Array(10);
    x0[1] = 1;
    x0[2] = 1;
    const p = consensusOnOne(relabelGraph(starGraph(9), perm), relabel(x0, perm), 1500, 'star2');
    expect(Math.abs(p - 2 / 18)).toBeLessThan(binomialBand(2 / 18, 1500));
  });

  it('P(consensus on 1) is the plain initial share on a regular graph (ring, 5 of 20)', () => {
    const x0 = new Int32Array(20);
    for (const i of [0, 3, 7, 12, 13]) x0[i] = 1;
    const p = consensusOnOne(ringGraph(20, 2), x0, 1000, 'ring');
    expect(Math.abs(p - 0.25)).toBeLessThan(binomialBand(0.25, 1000));
  });

  it('keeps the discordant-edge and ones counts equal to a full recount (property)', () => {
    fc.assert(
      fc.property(
        smallNetworkArb().chain((net) => fc.record({ net: fc.constant(net), x0: binaryOpinionsArb(net.n) })),
        fc.string({ minLength: 1, maxLength: 6 }),
        ({ net, x0 }, key) => {
          const graph = buildNetwork(net);
          const state = createRun(voter, graph, { initialOpinions: x0 }, new Rng(key));
          for (let s = 0; s < 15; s++) {
            voter.step(state);
            expect(state.discordant).toBe(countDiscordant(graph, state.opinions));
            expect(state.ones).toBe(countOnes(state.opinions));
          }
          // Converged exactly when no node follows anyone who disagrees.
          expect(voter.isConverged(state)).toBe(countDiscordant(graph, state.opinions) === 0);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('absorbs into consensus per component', () => {
    // Two components: a triangle and an edge.
    const graph = graphFromPairs(5, [[0, 1], [1, 2], [2, 0], [3, 4]]);
    const state = createRun(voter, graph, { initialOpinions: Int32Array.of(1, 0, 1, 0, 1) }, new Rng('comp'));
    const { converged } = runUntilConverged(voter, state, { maxSteps: 10_000 });
    expect(converged).toBe(true);
    const x = state.opinions;
    expect(x[0] === x[1] && x[1] === x[2] && x[3] === x[4]).toBe(true);
  });

  it('starts from Bernoulli(initialShare) opinions', () => {
    const state = createRun(voter, graphFromPairs(20_000, []), { initialShare: 0.3 }, new Rng('share'));
    expect(Math.abs(state.ones / 20_000 - 0.3)).toBeLessThan(binomialBand(0.3, 20_000));
  });

  it('is deterministic: same key, same trajectory; different key, different one', () => {
    const graph = ringGraph(200, 3);
    const traj = (key: string) => {
      const state = createRun(voter, graph, {}, new Rng(key));
      const frames: number[][] = [];
      for (let s = 0; s < 4; s++) {
        voter.step(state);
        frames.push(Array.from(state.opinions));
      }
      return frames;
    };
    expect(traj('a')).toEqual(traj('a'));
    expect(traj('a')).not.toEqual(traj('b'));
  });
});
