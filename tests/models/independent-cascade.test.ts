/**
 * Independent cascade: exact oracles at p = 1 (BFS along follower arcs) and
 * p = 0, the binomial law of a hub's cascade on a star, tree properties of
 * the recorded cascade, agreement between the model and the `runCascade`
 * kernel, determinism and parameter errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { InputError, ParamError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { digraph, followerBfs, seededGraphArb } from '../support/spread-oracles.js';
import { createRun, runUntilConverged } from '../../src/sim/model.js';
import {
  CascadeScratch,
  followerArcProbabilities,
  independentCascade,
  independentCascadeTree,
  runCascade,
} from '../../src/sim/models/independent-cascade.js';


function randomDigraph(n: number, m: number, key: string): CsrGraph {
  const rng = new Rng(key);
  const pairs: Array<[number, number]> = [];
  for (let e = 0; e < m; e++) pairs.push([rng.int(n), rng.int(n)]);
  return digraph(n, pairs);
}


const graphArb = seededGraphArb(4);

/** The rule written out plainly: generation by generation, each follower of a newly active node tried once, one `rng.next()` per try of an inactive one. */
function referenceCascade(graph: CsrGraph, seeds: number[], p: number | Float32Array, rng: Rng): { node: number[]; parent: number[]; time: number[] } {
  const { start, deg, targets } = graph.in;
  const active = new Uint8Array(graph.n);
  const node: number[] = [];
  const parent: number[] = [];
  const time: number[] = [];
  for (const s of seeds) {
    active[s] = 1;
    node.push(s);
    parent.push(-1);
    time.push(0);
  }
  let from = 0;
  let t = 0;
  while (from < node.length) {
    const to = node.length;
    t++;
    for (let e = from; e < to; e++) {
      for (let k = start[node[e]]; k < start[node[e]] + deg[node[e]]; k++) {
        const u = targets[k];
        if (active[u] === 0 && rng.next() < (typeof p === 'number' ? p : p[k])) {
          active[u] = 1;
          node.push(u);
          parent.push(e);
          time.push(t);
        }
      }
    }
    from = to;
  }
  return { node, parent, time };
}

describe('independent cascade — exact oracles', () => {
  it('runCascade is the plain rule draw for draw, rows with repeated followers included, uniform or per-arc p (property)', () => {
    // Few nodes and many arcs, so rows are long and (when kept) repeat followers side by side.
    const arb = fc.integer({ min: 1, max: 14 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 250, size: 'max' }),
        keepDuplicates: fc.boolean(),
        p: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
        perArc: fc.boolean(),
        seeds: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 3 }),
        key: fc.string({ minLength: 1, maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(arb, (c) => {
        const graph = CsrGraph.fromEdgeList(
          { n: c.n, directed: true, src: Int32Array.from(c.pairs, (x) => x[0]), dst: Int32Array.from(c.pairs, (x) => x[1]), m: c.pairs.length },
          { dropDuplicates: !c.keepDuplicates },
        );
        const p = c.perArc ? followerArcProbabilities(graph, (v, u) => ((v * 7 + u * 3) % 10) / 10 + 0.08) : c.p;
        const ours = new Rng(c.key);
        const theirs = new Rng(c.key);
        const scratch = new CascadeScratch(graph.n);
        runCascade(graph, c.seeds, p, ours, scratch);
        const tree = scratch.tree();
        const want = referenceCascade(graph, c.seeds, p, theirs);
        expect(Array.from(tree.node)).toEqual(want.node);
        expect(Array.from(tree.parent)).toEqual(want.parent);
        expect(Array.from(tree.time)).toEqual(want.time);
        // The stream is left where the plain rule leaves it.
        expect(ours.next()).toBe(theirs.next());
      }),
      { numRuns: 150 },
    );
  });

  it('with p = 1 activates exactly the set reachable along follower arcs, each node at its BFS distance', () => {
    fc.assert(
      fc.property(graphArb, ({ n, pairs, seeds }) => {
        const graph = digraph(n, pairs);
        const state = createRun(independentCascade, graph, { p: 1, seeds }, new Rng('ic-p1'));
        const run = runUntilConverged(independentCascade, state, { maxSteps: n + 2 });
        expect(run.converged).toBe(true);
        const dist = followerBfs(n, pairs, seeds);
        const tree = independentCascadeTree(state);
        const reached = new Int32Array(n).fill(-1);
        for (let i = 0; i < tree.node.length; i++) reached[tree.node[i]] = tree.time[i];
        expect(Array.from(reached)).toEqual(Array.from(dist));
        // One step per generation plus the final step that activates nobody.
        expect(run.steps).toBe(Math.max(...dist) + 1);
      }),
    );
  });

  it('with p = 0 activates only the seeds and converges after one step', () => {
    fc.assert(
      fc.property(graphArb, ({ n, pairs, seeds }) => {
        const state = createRun(independentCascade, digraph(n, pairs), { p: 0, seeds }, new Rng('ic-p0'));
        const run = runUntilConverged(independentCascade, state);
        expect(run).toEqual({ steps: 1, converged: true });
        expect(Array.from(independentCascadeTree(state).node)).toEqual(seeds);
      }),
    );
  });

  it('per-arc probabilities of 1 and 0 reproduce p = 1 and p = 0', () => {
    const graph = randomDigraph(200, 600, 'ic-arc-graph');
    const seeds = [3, 17];
    const ones = followerArcProbabilities(graph, () => 1);
    const zeros = followerArcProbabilities(graph, () => 0);
    const scratch = new CascadeScratch(graph.n);
    const rng = new Rng('ic-arc');
    const viaOnes = runCascade(graph, seeds, ones, rng, scratch);
    const reachable = followerBfs(200, pairsOf(graph), seeds).filter((d) => d >= 0).length;
    expect(viaOnes.activated).toBe(reachable);
    expect(runCascade(graph, seeds, zeros, rng, scratch).activated).toBe(2);
  });
});

function pairsOf(graph: CsrGraph): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  graph.forEachEdge((u, v) => pairs.push([u, v]));
  return pairs;
}

describe('independent cascade — probability law', () => {
  // Star: n − 1 leaves follow the hub. Seeded at the hub, each leaf is
  // activated independently with probability p, so over R runs the number of
  // activated leaves is exactly Binomial(R·(n−1), p): E[size] = 1 + p·(n−1).
  const leaves = 50;
  const star = digraph(leaves + 1, Array.from({ length: leaves }, (_, i) => [i + 1, 0] as [number, number]));

  it('a hub seeded on a star reaches 1 + p·(n−1) nodes on average (binomial bound)', () => {
    const runs = 400;
    const p = 0.3;
    let total = 0;
    for (let r = 0; r < runs; r++) {
      const state = createRun(independentCascade, star, { p, seeds: [0] }, new Rng(`ic-star|${r}`));
      runUntilConverged(independentCascade, state);
      total += independentCascadeTree(state).node.length - 1;
    }
    const trials = runs * leaves;
    const sd = Math.sqrt(trials * p * (1 - p));
    // 4.5 sd: a correct sampler fails this with probability < 1e-5.
    expect(Math.abs(total - trials * p)).toBeLessThan(4.5 * sd);
  });

  it('per-arc probabilities on the star give Σ p_k activated leaves on average', () => {
    // Leaf i (i = 1..50) gets p = i / 60: Σ p = 1275 / 60 = 21.25 per run, variance Σ p(1−p).
    const probs = followerArcProbabilities(star, (_hub, leaf) => leaf / 60);
    let mean = 0;
    let variance = 0;
    for (let i = 1; i <= leaves; i++) {
      mean += i / 60;
      variance += (i / 60) * (1 - i / 60);
    }
    const runs = 400;
    const scratch = new CascadeScratch(star.n);
    const rng = new Rng('ic-star-arcs');
    let total = 0;
    for (let r = 0; r < runs; r++) total += runCascade(star, [0], probs, rng, scratch).activated - 1;
    expect(Math.abs(total - runs * mean)).toBeLessThan(4.5 * Math.sqrt(runs * variance));
  });
});

describe('independent cascade — the recorded tree', () => {
  it('parents are earlier-activated followees, one generation earlier; roots are the seeds at time 0', () => {
    fc.assert(
      fc.property(graphArb, fc.double({ min: 0.05, max: 0.95, noNaN: true }), ({ n, pairs, seeds }, p) => {
        const graph = digraph(n, pairs);
        const state = createRun(independentCascade, graph, { p, seeds }, new Rng(`ic-tree|${p}`));
        runUntilConverged(independentCascade, state);
        const { node, parent, time } = independentCascadeTree(state);
        expect(new Set(node).size).toBe(node.length);
        for (let i = 0; i < node.length; i++) {
          if (i < seeds.length) {
            expect([node[i], parent[i], time[i]]).toEqual([seeds[i], -1, 0]);
            continue;
          }
          const j = parent[i];
          expect(j).toBeGreaterThanOrEqual(0);
          expect(j).toBeLessThan(i);
          expect(time[i]).toBe(time[j] + 1);
          // The child follows the node it got the content from.
          expect(graph.hasEdge(node[i], node[j])).toBe(true);
          if (i > 0) expect(time[i]).toBeGreaterThanOrEqual(time[i - 1]);
        }
      }),
    );
  });

  it('the model and runCascade draw the same cascade; arcs examined = Σ follower counts of the activated', () => {
    const graph = randomDigraph(2000, 10000, 'ic-kernel-graph');
    const seeds = [1, 2, 3];
    const state = createRun(independentCascade, graph, { p: 0.25, seeds }, new Rng('ic-kernel'));
    runUntilConverged(independentCascade, state);
    const scratch = new CascadeScratch(graph.n);
    const result = runCascade(graph, seeds, 0.25, new Rng('ic-kernel').fork('spread'), scratch);
    const fromModel = independentCascadeTree(state);
    const fromKernel = scratch.tree();
    expect(Array.from(fromKernel.node)).toEqual(Array.from(fromModel.node));
    expect(Array.from(fromKernel.parent)).toEqual(Array.from(fromModel.parent));
    expect(Array.from(fromKernel.time)).toEqual(Array.from(fromModel.time));
    let followers = 0;
    for (const v of fromModel.node) followers += graph.inDegree(v);
    expect(result.edgesExamined).toBe(followers);
    expect(state.edgesExamined).toBe(followers);
    expect(result.generations).toBe(Math.max(...fromModel.time));
    expect(fromModel.node.length).toBeGreaterThan(100);
  });

  it('a reused scratch clears the previous run', () => {
    const graph = randomDigraph(500, 3000, 'ic-reuse-graph');
    const scratch = new CascadeScratch(graph.n);
    const first = runCascade(graph, [0], 1, new Rng('a'), scratch);
    const again = runCascade(graph, [0], 1, new Rng('b'), scratch);
    expect(again.activated).toBe(first.activated);
    const fresh = runCascade(graph, [7], 0, new Rng('c'), scratch);
    expect(fresh.activated).toBe(1);
    let flags = 0;
    for (const a of scratch.active) flags += a;
    expect(flags).toBe(1);
  });
});

describe('independent cascade — determinism and parameters', () => {
  const graph = randomDigraph(1000, 6000, 'ic-det-graph');
  const run = (key: string) => {
    const state = createRun(independentCascade, graph, { p: 0.3, seedCount: 3 }, new Rng(key));
    runUntilConverged(independentCascade, state);
    return independentCascadeTree(state);
  };

  it('the same key gives an identical cascade; a different key a different one', () => {
    const a = run('ic|1');
    const b = run('ic|1');
    const c = run('ic|2');
    expect(Array.from(b.node)).toEqual(Array.from(a.node));
    expect(Array.from(b.parent)).toEqual(Array.from(a.parent));
    expect(Array.from(b.time)).toEqual(Array.from(a.time));
    expect(Array.from(c.node)).not.toEqual(Array.from(a.node));
  });

  it('rejects bad parameters with a ParamError naming the field', () => {
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).field;
      }
      return undefined;
    };
    const v = (p: object) => () => independentCascade.validate(p as never);
    expect(() => independentCascade.validate({ p: 1.5 })).toThrow(ParamError);
    expect(field(v({ p: 1.5 }))).toBe('p');
    expect(field(v({ p: Number.NaN }))).toBe('p');
    expect(field(v({ seedCount: 0 }))).toBe('seedCount');
    expect(field(v({ seeds: [-1] }))).toBe('seeds');
    expect(field(v({ seeds: [] }))).toBe('seeds');
    expect(field(v({ edgeP: [0.5] }))).toBe('edgeP');
    expect(field(v({ pp: 0.1 }))).toBe('pp');
    const init = (p: object) => () => createRun(independentCascade, graph, p as never, new Rng('x'));
    expect(field(init({ seeds: [1000] }))).toBe('seeds');
    expect(field(init({ seeds: [4, 4] }))).toBe('seeds');
    expect(field(init({ seedCount: 1001 }))).toBe('seedCount');
    expect(field(init({ edgeP: new Float32Array(3) }))).toBe('edgeP');
    const bad = followerArcProbabilities(graph, () => 2);
    expect(field(init({ edgeP: bad }))).toBe('edgeP');
  });
});
