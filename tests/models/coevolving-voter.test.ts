import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsrGraph } from '../../src/model/csr-graph.js';
import { ParamError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { createRun, runUntilConverged } from '../../src/sim/model.js';
import {
  COEVOLVING_VOTER_ID,
  coevolvingVoter,
  coevolvingVoterUpdate,
  type CoevolvingVoterState,
} from '../../src/sim/models/coevolving-voter.js';
import { countDiscordant, countOnes, voter } from '../../src/sim/models/voter.js';
import {
  binaryOpinionsArb,
  binomialBand,
  buildNetwork,
  graphFromPairs,
  randomConnectedGraph,
  randomGraph,
  smallNetworkArb,
} from '../support/opinion-arbitraries.js';

function edgeSet(graph: CsrGraph): string[] {
  const out: string[] = [];
  graph.forEachEdge((u, v) => out.push(`${u}-${v}`));
  return out.sort();
}

/** Every invariant the incremental bookkeeping must keep. */
function expectConsistent(state: CoevolvingVoterState): void {
  const { graph, opinions } = state;
  expect(state.discordant).toBe(countDiscordant(graph, opinions));
  expect(state.ones).toBe(countOnes(opinions));
  for (let q = 0; q < graph.n; q++) {
    const i = state.members[q];
    expect(state.position[i]).toBe(q);
    expect(opinions[i]).toBe(q < state.ones ? 1 : 0);
  }
  if (graph.directed) {
    // The follower rows mirror the followee rows.
    let arcs = 0;
    for (let u = 0; u < graph.n; u++) {
      for (const v of graph.followees(u)) {
        expect(graph.in.has(v, u)).toBe(true);
        arcs++;
      }
    }
    expect(graph.in.arcCount()).toBe(arcs);
  }
}

describe(COEVOLVING_VOTER_ID, () => {
  it('validates parameters, naming the field', () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ p: 1.5 }, 'p'],
      [{ p: -0.5 }, 'p'],
      [{ rewireTo: 'nearest' }, 'rewireTo'],
      [{ initialShare: 2 }, 'initialShare'],
      [{ initialOpinions: Int32Array.of(3) }, 'initialOpinions'],
    ];
    for (const [params, field] of bad) {
      const call = () => coevolvingVoter.validate(params as never);
      expect(call, field).toThrow(ParamError);
      expect(call, field).toThrow(`\`${field}\``);
    }
  });

  it('reaches zero discordant edges, keeping the edge count, in both rewiring modes', () => {
    const graph = randomConnectedGraph(100, 150, 'g');
    const before = graph.m;
    const edgesBefore = edgeSet(graph);
    for (const rewireTo of ['same-opinion', 'random'] as const) {
      for (const key of ['k1', 'k2', 'k3']) {
        const state = createRun(coevolvingVoter, graph, { p: 0.5, rewireTo }, new Rng(`${rewireTo}-${key}`));
        const { converged } = runUntilConverged(coevolvingVoter, state, { maxSteps: 100_000 });
        expect(converged).toBe(true);
        expect(countDiscordant(state.graph, state.opinions)).toBe(0);
        expect(state.graph.m).toBe(before);
        expect(state.rewires).toBeGreaterThan(0);
      }
    }
    // The caller's graph is never rewired.
    expect(edgeSet(graph)).toEqual(edgesBefore);
  });

  it('with p = 1 opinions never change; same-opinion rewiring only ever removes discordance', () => {
    const graph = randomGraph(150, 400, 'p1');
    const state = createRun(coevolvingVoter, graph, { p: 1 }, new Rng('p1'));
    const x0 = Array.from(state.opinions);
    let last = state.discordant;
    for (let s = 0; s < 200 && !coevolvingVoter.isConverged(state); s++) {
      coevolvingVoter.step(state);
      expect(state.discordant).toBeLessThanOrEqual(last);
      last = state.discordant;
    }
    expect(coevolvingVoter.isConverged(state)).toBe(true);
    expect(Array.from(state.opinions)).toEqual(x0);
    expect(state.graph.m).toBe(graph.m);
  });

  it('with p = 0 it is the voter model: the same trajectory from one key, graph untouched', () => {
    const graph = randomConnectedGraph(120, 200, 'p0');
    const a = createRun(coevolvingVoter, graph, { p: 0 }, new Rng('p0'));
    const b = createRun(voter, graph, {}, new Rng('p0'));
    for (let s = 0; s < 50; s++) {
      coevolvingVoter.step(a);
      voter.step(b);
      expect(Array.from(a.opinions)).toEqual(Array.from(b.opinions));
    }
    expect(a.rewires).toBe(0);
    expect(edgeSet(a.graph)).toEqual(edgeSet(graph));
  });

  it('keeps its counts, groups and both adjacency directions consistent (property)', () => {
    fc.assert(
      fc.property(
        smallNetworkArb({ maxNodes: 16 }).chain((net) => fc.record({ net: fc.constant(net), x0: binaryOpinionsArb(net.n) })),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('same-opinion' as const, 'random' as const),
        fc.string({ minLength: 1, maxLength: 6 }),
        ({ net, x0 }, p, rewireTo, key) => {
          const graph = buildNetwork(net);
          const state = createRun(coevolvingVoter, graph, { p, rewireTo, initialOpinions: x0 }, new Rng(key));
          for (let s = 0; s < 10; s++) {
            coevolvingVoter.step(state);
            expectConsistent(state);
            expect(state.graph.m).toBe(graph.m);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a rewired tie goes to a uniform agent sharing the opinion, or to any agent in random mode', () => {
    // Agent 0 (opinion 1) follows 1 (opinion 0) and nobody else acts. The
    // first rewiring moves the tie to 2 (opinion 1) in same-opinion mode; in
    // random mode to 2 or 3 with probability 1/2 each (1 is already followed).
    const graph = graphFromPairs(4, [[0, 1]], true);
    const x0 = Int32Array.of(1, 0, 1, 0);
    const firstTarget = (rewireTo: 'same-opinion' | 'random', key: string): string => {
      const state = createRun(coevolvingVoter, graph, { p: 1, rewireTo, initialOpinions: x0 }, new Rng(key));
      while (state.rewires === 0) coevolvingVoterUpdate(state, 1);
      return edgeSet(state.graph).join();
    };
    for (let s = 0; s < 50; s++) expect(firstTarget('same-opinion', `t-${s}`)).toBe('0-2');
    const runs = 400;
    let toThree = 0;
    for (let s = 0; s < runs; s++) {
      const target = firstTarget('random', `r-${s}`);
      expect(['0-2', '0-3']).toContain(target);
      if (target === '0-3') toThree++;
    }
    expect(Math.abs(toThree / runs - 0.5)).toBeLessThan(binomialBand(0.5, runs));
  });

  it('keeps the tie when no agent can take it', () => {
    // Agent 0 is the only one holding 1: nobody shares its opinion.
    const graph = graphFromPairs(2, [[0, 1]]);
    const state = createRun(coevolvingVoter, graph, { p: 1, initialOpinions: Int32Array.of(1, 0) }, new Rng('stuck'));
    for (let s = 0; s < 5; s++) coevolvingVoter.step(state);
    expect(edgeSet(state.graph)).toEqual(['0-1']);
    expect(state.rewires).toBe(0);
    expect(state.discordant).toBe(1);
  });

  it('is deterministic: same key, same trajectory and network; different key, different', () => {
    const graph = randomConnectedGraph(100, 150, 'det');
    const traj = (key: string) => {
      const state = createRun(coevolvingVoter, graph, { p: 0.3 }, new Rng(key));
      for (let s = 0; s < 5; s++) coevolvingVoter.step(state);
      return { x: Array.from(state.opinions), edges: edgeSet(state.graph) };
    };
    expect(traj('a')).toEqual(traj('a'));
    expect(traj('a')).not.toEqual(traj('b'));
  });
});
