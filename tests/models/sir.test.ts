/**
 * SIR on networks: exact BFS oracle at β = 1 (infection step = hop distance,
 * for any γ), conservation S + I + R = N, the exact two-node transmission
 * probability, the Kermack–McKendrick final size and the branching-process
 * extinction probability on a complete graph, tree properties, determinism
 * and parameter errors.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { completeGraph as generateComplete } from '../../src/model/generators/complete-graph.js';
import { InputError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { digraph, followerBfs, seededGraphArb } from '../support/spread-oracles.js';
import { createRun, runUntilConverged } from '../../src/sim/model.js';
import { INFECTED, RECOVERED, SUSCEPTIBLE, sir, sirCascadeTree } from '../../src/sim/models/sir.js';

/** The complete undirected graph on n accounts (the project's generator). */
function completeGraph(n: number): CsrGraph {
  return CsrGraph.fromEdgeList(generateComplete({ n, directed: false }));
}


const graphArb = seededGraphArb(3);

describe('SIR — exact oracles', () => {
  it('with β = 1 and γ = 1 the infection steps are the BFS layers', () => {
    fc.assert(
      fc.property(graphArb, ({ n, pairs, seeds }) => {
        const state = createRun(sir, digraph(n, pairs), { beta: 1, gamma: 1, seeds }, new Rng('sir-bfs'));
        const run = runUntilConverged(sir, state, { maxSteps: n + 2 });
        const dist = followerBfs(n, pairs, seeds);
        const tree = sirCascadeTree(state);
        const when = new Int32Array(n).fill(-1);
        for (let i = 0; i < tree.node.length; i++) when[tree.node[i]] = tree.time[i];
        expect(Array.from(when)).toEqual(Array.from(dist));
        // Everyone infected recovers after exactly one infectious step.
        expect(run).toEqual({ steps: Math.max(...dist) + 1, converged: true });
        expect(state.recoveredCount).toBe(tree.node.length);
      }),
    );
  });

  it('with β = 1 and any γ the final set is the reachable set, reached at BFS distance; S + I + R = N throughout', () => {
    fc.assert(
      fc.property(graphArb, fc.double({ min: 0.05, max: 1, noNaN: true }), ({ n, pairs, seeds }, gamma) => {
        const state = createRun(sir, digraph(n, pairs), { beta: 1, gamma, seeds }, new Rng(`sir-any-gamma|${gamma}`));
        runUntilConverged(sir, state, {
          maxSteps: 100_000,
          onStep: (s) => {
            const counts = [0, 0, 0];
            for (const x of s.status) counts[x]++;
            expect(counts).toEqual([s.susceptibleCount, s.infectedCount, s.recoveredCount]);
            expect(s.susceptibleCount + s.infectedCount + s.recoveredCount).toBe(n);
          },
        });
        const dist = followerBfs(n, pairs, seeds);
        const tree = sirCascadeTree(state);
        const when = new Int32Array(n).fill(-1);
        for (let i = 0; i < tree.node.length; i++) when[tree.node[i]] = tree.time[i];
        expect(Array.from(when)).toEqual(Array.from(dist));
        for (let v = 0; v < n; v++) expect(state.status[v]).toBe(dist[v] >= 0 ? RECOVERED : SUSCEPTIBLE);
        expect(state.infectedCount).toBe(0);
      }),
    );
  });

  it('one infected followee infects with probability β / (β + γ − βγ) (geometric infectious period)', () => {
    // P(no infection) = Σ_{k≥1} γ(1−γ)^{k−1} (1−β)^k = γ(1−β) / (1 − (1−γ)(1−β)).
    const pair = digraph(2, [[1, 0]]);
    const beta = 0.2;
    const gamma = 0.3;
    const exact = beta / (beta + gamma - beta * gamma);
    const runs = 4000;
    let infected = 0;
    for (let r = 0; r < runs; r++) {
      const state = createRun(sir, pair, { beta, gamma, seeds: [0] }, new Rng(`sir-pair|${r}`));
      runUntilConverged(sir, state, { maxSteps: 10_000 });
      if (state.status[1] !== SUSCEPTIBLE) infected++;
    }
    // Binomial(4000, 0.4545): 4.5 sd ≈ 0.035.
    expect(Math.abs(infected / runs - exact)).toBeLessThan(4.5 * Math.sqrt((exact * (1 - exact)) / runs));
  });
});

describe('SIR — complete graph, large-N limit', () => {
  // R0 = (N−1)·β/γ = 2 with γ = 0.5. The final share z of a major outbreak
  // solves 1 − z = exp(−R0 z) as N → ∞ (z = 0.79681). What is checked: the
  // mean final share of major outbreaks (final share > 0.2; minor ones stay
  // at a few nodes) over 200 runs at N = 400 lies within 0.02 of z — about
  // 5 sampling sd of that mean (major outbreaks at this N spread by ≈ 0.04),
  // leaving room for the finite-N deviation that vanishes as N grows; and
  // the share of minor outbreaks matches the extinction probability of the
  // approximating branching process.
  const N = 400;
  const gamma = 0.5;
  const R0 = 2;
  const beta = (R0 * gamma) / (N - 1);
  const finals: number[] = [];
  let major: number[] = [];
  beforeAll(() => {
    const graph = completeGraph(N);
    for (let r = 0; r < 200; r++) {
      const state = createRun(sir, graph, { beta, gamma }, new Rng(`sir-complete|${r}`));
      runUntilConverged(sir, state, { maxSteps: 100_000 });
      finals.push(state.recoveredCount / N);
    }
    major = finals.filter((z) => z > 0.2);
  });

  it('major outbreaks end at the Kermack–McKendrick final size', () => {
    let z = 0.5;
    for (let i = 0; i < 500; i++) z = 1 - Math.exp(-R0 * z);
    const mean = major.reduce((a, b) => a + b, 0) / major.length;
    expect(major.length).toBeGreaterThan(60);
    expect(Math.abs(mean - z)).toBeLessThan(0.02);
  });

  it('minor outbreaks occur with the branching-process extinction probability', () => {
    // Offspring of one case: Poisson(R0·γ·D) with D ~ Geometric(γ) on {1, 2, ...};
    // generating function G(s) = γx / (1 − (1−γ)x), x = exp(R0·γ·(s − 1)); q = G(q).
    let q = 0;
    for (let i = 0; i < 2000; i++) {
      const x = Math.exp(R0 * gamma * (q - 1));
      q = (gamma * x) / (1 - (1 - gamma) * x);
    }
    const minorShare = (finals.length - major.length) / finals.length;
    expect(finals.every((z) => z > 0.2 || z < 0.1)).toBe(true);
    expect(Math.abs(minorShare - q)).toBeLessThan(4.5 * Math.sqrt((q * (1 - q)) / finals.length));
  });
});

describe('SIR — the infection tree', () => {
  it('each case was infected by an earlier case it follows, strictly later than its infector', () => {
    fc.assert(
      fc.property(graphArb, fc.double({ min: 0.1, max: 0.9, noNaN: true }), ({ n, pairs, seeds }, beta) => {
        const graph = digraph(n, pairs);
        const state = createRun(sir, graph, { beta, gamma: 0.4, seeds }, new Rng(`sir-tree|${beta}`));
        runUntilConverged(sir, state, { maxSteps: 100_000 });
        const { node, parent, time } = sirCascadeTree(state);
        expect(new Set(node).size).toBe(node.length);
        for (let i = 0; i < node.length; i++) {
          if (parent[i] === -1) {
            expect(time[i]).toBe(0);
            expect(seeds).toContain(node[i]);
            continue;
          }
          const j = parent[i];
          expect(j).toBeLessThan(i);
          expect(time[i]).toBeGreaterThan(time[j]);
          expect(graph.hasEdge(node[i], node[j])).toBe(true);
          expect(time[i]).toBeGreaterThanOrEqual(time[i - 1]);
        }
        expect(state.status.every((s) => s !== INFECTED)).toBe(true);
      }),
    );
  });
});

describe('SIR — determinism and parameters', () => {
  const rng = new Rng('sir-det-graph');
  const pairs: Array<[number, number]> = [];
  for (let e = 0; e < 5000; e++) pairs.push([rng.int(1000), rng.int(1000)]);
  const graph = digraph(1000, pairs);
  const run = (key: string) => {
    const state = createRun(sir, graph, { beta: 0.3, gamma: 0.3, seedCount: 2 }, new Rng(key));
    runUntilConverged(sir, state, { maxSteps: 100_000 });
    return { tree: sirCascadeTree(state), status: Array.from(state.status) };
  };

  it('the same key gives an identical epidemic; a different key a different one', () => {
    const a = run('sir|1');
    const b = run('sir|1');
    const c = run('sir|2');
    expect(b.status).toEqual(a.status);
    expect(Array.from(b.tree.parent)).toEqual(Array.from(a.tree.parent));
    expect(Array.from(b.tree.time)).toEqual(Array.from(a.tree.time));
    expect(c.status).not.toEqual(a.status);
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
    expect(field(() => sir.validate({ beta: -0.1 }))).toBe('beta');
    expect(field(() => sir.validate({ gamma: 2 }))).toBe('gamma');
    expect(field(() => sir.validate({ seedCount: 1.5 }))).toBe('seedCount');
    expect(field(() => sir.validate({ seeds: [0.5] }))).toBe('seeds');
    expect(field(() => createRun(sir, graph, { seeds: [5000] }, new Rng('x')))).toBe('seeds');
    expect(field(() => sir.validate({ gama: 0.1 } as never))).toBe('gama');
  });
});
