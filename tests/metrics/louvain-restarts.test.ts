/**
 * Louvain with seeded restarts on a canonical node order, and edge weights
 * (src/model/canonical-order.ts, src/sim/metrics/louvain-restarts.ts, the
 * weighted branch of modularityOf, src/model/csr-weights.ts).
 * Oracles: hand-computed weighted modularity (undirected 3/98, directed
 * 3/8), graphology's own weighted figure, and exact agreement with the
 * historical single run. Metamorphic: renumbering the nodes and shuffling
 * the edge records leaves the canonically ordered graph and every restart's
 * modularity bit-for-bit unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalOrder } from '../../src/model/canonical-order.js';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { csrWeights } from '../../src/model/csr-weights.js';
import { InputError } from '../../src/model/errors.js';
import { parseEdgeList } from '../../src/model/import/parse-edge-list.js';
import { toCsr, toCsrWeights } from '../../src/model/import/to-csr.js';
import { Rng } from '../../src/model/rng.js';
import { communitiesMetric, louvainCommunities, modularityMetric } from '../../src/sim/metrics/louvain-communities.js';
import { louvainRestarts } from '../../src/sim/metrics/louvain-restarts.js';
import { modularityOf } from '../../src/sim/metrics/modularity.js';
import { graphOf, randomGraphSpec, ring, twoCliques, type RandomGraphSpec } from './metric-graphs.js';

/** A graph and its weights from (u, v, w) records. */
function weighted(n: number, records: ReadonlyArray<readonly [number, number, number]>, directed = false): { graph: CsrGraph; weights: Float64Array } {
  const edges = { n, directed, src: Int32Array.from(records, (r) => r[0]), dst: Int32Array.from(records, (r) => r[1]), m: records.length };
  const graph = CsrGraph.fromEdgeList(edges);
  return { graph, weights: csrWeights(graph, edges, records.map((r) => r[2])) };
}

/** The same records with node i renamed perm[i], in a shuffled record order. */
function shuffled(spec: RandomGraphSpec, weightsOf: readonly number[], salt: number): { perm: number[]; graph: CsrGraph; weights: Float64Array } {
  const rng = new Rng(`louvain-restarts/perm/${salt}`);
  const perm = rng.shuffle(Array.from({ length: spec.n }, (_, i) => i));
  const order = rng.shuffle(Array.from({ length: spec.pairs.length }, (_, e) => e));
  const records = order.map((e) => [perm[spec.pairs[e][0]], perm[spec.pairs[e][1]], weightsOf[e]] as const);
  return { perm, ...weighted(spec.n, records, spec.directed) };
}

/** Sorted "a>b" arcs of the graph relabelled by its canonical order. */
function canonicalArcs(graph: CsrGraph): string {
  const order = canonicalOrder(graph);
  const pos = new Int32Array(graph.n);
  order.forEach((v, p) => (pos[v] = p));
  const arcs: string[] = [];
  graph.forEachEdge((u, v) => {
    const [a, b] = graph.directed || pos[u] <= pos[v] ? [pos[u], pos[v]] : [pos[v], pos[u]];
    arcs.push(`${a}>${b}`);
  });
  return arcs.sort().join(' ');
}

const weightedSpec = randomGraphSpec({ minN: 2, maxN: 30, maxM: 80 }).chain((spec) =>
  fc.array(fc.constantFrom(1, 2, 0.5, 3), { minLength: spec.pairs.length, maxLength: spec.pairs.length }).map((w) => ({ spec, w })),
);

describe('canonical node order', () => {
  it('is a permutation, and a renumbered copy gives the same ordered graph (property)', () => {
    fc.assert(
      fc.property(randomGraphSpec({ minN: 1, maxN: 30, maxM: 80 }), fc.integer({ min: 0, max: 1e6 }), (spec, salt) => {
        const graph = graphOf(spec.n, spec.pairs, spec.directed);
        const order = canonicalOrder(graph);
        expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: spec.n }, (_, i) => i));
        const other = shuffled(spec, spec.pairs.map(() => 1), salt).graph;
        return canonicalArcs(graph) === canonicalArcs(other);
      }),
      { numRuns: 150 },
    );
  });

  it('symmetric graphs need individualisation or twin splitting: cycles, stars, cliques, disjoint copies', () => {
    const cases: CsrGraph[] = [
      ring(9),
      graphOf(7, [[0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [0, 6]]),
      twoCliques(5),
      graphOf(8, [[0, 1], [2, 3], [4, 5], [6, 7]]),
      graphOf(6, []),
      // Components of different shapes, two of them isomorphic, plus an isolated node.
      graphOf(12, [[0, 1], [1, 2], [3, 4], [4, 5], [5, 3], [6, 7], [7, 8], [9, 10]]),
    ];
    for (const graph of cases) {
      const el = graph.toEdgeList();
      const spec: RandomGraphSpec = { n: graph.n, directed: graph.directed, pairs: Array.from(el.src, (u, e) => [u, el.dst[e]] as [number, number]) };
      for (const salt of [1, 2, 3]) expect(canonicalArcs(shuffled(spec, spec.pairs.map(() => 1), salt).graph)).toBe(canonicalArcs(graph));
    }
  });
});

describe('Louvain restarts', () => {
  it('canonical order: renumbering nodes and shuffling records leaves every restart bit-for-bit unchanged, weighted or not (property)', () => {
    fc.assert(
      fc.property(weightedSpec, fc.integer({ min: 0, max: 1e6 }), fc.boolean(), ({ spec, w }, salt, useWeights) => {
        const base = weighted(spec.n, spec.pairs.map(([u, v], e) => [u, v, w[e]] as const), spec.directed);
        const moved = shuffled(spec, w, salt);
        const a = louvainRestarts(base.graph, { restarts: 4, weights: useWeights ? base.weights : undefined });
        const b = louvainRestarts(moved.graph, { restarts: 4, weights: useWeights ? moved.weights : undefined });
        expect(Array.from(b.values)).toEqual(Array.from(a.values));
        expect(b.best).toBe(a.best);
        // The best partition of the original, carried over by the renumbering, scores the same on the copy.
        const carriedPartition = new Array<number>(spec.n);
        for (let i = 0; i < spec.n; i++) carriedPartition[moved.perm[i]] = a.community[i];
        const carried = modularityOf(moved.graph, carriedPartition, 1, useWeights ? moved.weights : undefined);
        if (Number.isNaN(a.modularity)) expect(carried).toBeNaN();
        else expect(carried).toBeCloseTo(a.modularity, 12);
      }),
      { numRuns: 80 },
    );
  });

  it('index order, one restart, no weights is exactly the historical single run; so are the registry defaults', () => {
    fc.assert(
      fc.property(randomGraphSpec({ maxN: 30, maxM: 80 }), fc.integer({ min: 0, max: 1e6 }), (spec, salt) => {
        const graph = graphOf(spec.n, spec.pairs, spec.directed);
        const seed = `single-${salt}`;
        const old = louvainCommunities(graph, { seed });
        const again = louvainRestarts(graph, { restarts: 1, order: 'index', seed });
        expect(Array.from(again.community)).toEqual(Array.from(old.community));
        expect(Object.is(again.modularity, old.modularity)).toBe(true);
        expect(Object.is(modularityMetric.scalar({ graph }, { seed }), old.modularity)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('reports the best of k restarts and their spread; restarts draw different streams', () => {
    const graph = twoCliques(6);
    const d = louvainRestarts(graph, { restarts: 5 });
    expect(d.values).toHaveLength(5);
    expect(d.modularity).toBe(Math.max(...d.values));
    expect(d.values[d.best]).toBe(d.modularity);
    expect([d.min, d.max]).toEqual([Math.min(...d.values), Math.max(...d.values)]);
    expect(d.sd).toBeGreaterThanOrEqual(0);
    expect(d.modularity).toBeCloseTo(30 / 31 - 0.5, 12);
    // On a ring of 40 nodes the optimum is ambiguous: the restarts do not all find the same partition.
    const many = louvainRestarts(ring(40), { restarts: 8 });
    expect(new Set(Array.from(many.values)).size).toBeGreaterThan(1);
    expect(many.sd).toBeGreaterThan(0);
    expect(communitiesMetric.scalar({ graph }, { restarts: 3, order: 'canonical' })).toBe(2);
  });

  it('rejects bad restarts and order', () => {
    const graph = ring(5);
    expect(() => modularityMetric.scalar({ graph }, { restarts: 0 })).toThrow(/invalid `restarts`/);
    expect(() => modularityMetric.scalar({ graph }, { restarts: 2.5 })).toThrow(/invalid `restarts`/);
    expect(() => modularityMetric.scalar({ graph }, { order: 'random' })).toThrow(/invalid `order`.*"index", "canonical"/);
    expect(() => louvainRestarts(graph, { restarts: 0 })).toThrow(InputError);
  });
});

describe('weights', () => {
  it('weighted modularity by hand: undirected Q = 3/98, directed Q = 3/8', () => {
    // Triangle 0–1–2 (weights 1), 2–3 (3), 3–4 (1); {0,1,2} | {3,4}: 2W = 14, strengths 2, 2, 5, 4, 1.
    // Q = (6 − 81/14)/14 + (2 − 25/14)/14 = 8/14 − 106/196 = 6/196.
    const u = weighted(5, [[0, 1, 1], [1, 2, 1], [0, 2, 1], [2, 3, 3], [3, 4, 1]]);
    expect(modularityOf(u.graph, [0, 0, 0, 1, 1], 1, u.weights)).toBeCloseTo(3 / 98, 15);
    // Arcs 0→1 (2), 1→0 (1), 1→2 (1), 2→3 (4); {0,1} | {2,3}: m = 8.
    // Q = 3/8 − (4·3)/64 + 4/8 − (4·5)/64 = 3/8.
    const d = weighted(4, [[0, 1, 2], [1, 0, 1], [1, 2, 1], [2, 3, 4]], true);
    expect(modularityOf(d.graph, [0, 0, 1, 1], 1, d.weights)).toBeCloseTo(3 / 8, 15);
  });

  it('weights of 1 give the unweighted modularity; weighted Louvain agrees with graphology’s own figure (property)', () => {
    fc.assert(
      fc.property(weightedSpec, ({ spec, w }) => {
        const g = weighted(spec.n, spec.pairs.map(([a, b], e) => [a, b, w[e]] as const), spec.directed);
        fc.pre(g.graph.m > 0);
        // Weight 1 on every arc slot (repeated records would add up, so not built from the records).
        const ones = new Float64Array(g.graph.out.targets.length).fill(1);
        const labels = Array.from({ length: spec.n }, (_, i) => i % 3);
        expect(modularityOf(g.graph, labels, 1, ones)).toBeCloseTo(modularityOf(g.graph, labels), 12);
        const d = louvainRestarts(g.graph, { restarts: 2, weights: g.weights });
        expect(d.weighted).toBe(true);
        return Math.abs(d.modularity - d.reportedModularity) < 1e-10;
      }),
      { numRuns: 60 },
    );
  });

  it('heavy edges decide the partition of a 4-cycle', () => {
    const a = weighted(4, [[0, 1, 10], [1, 2, 1], [2, 3, 10], [3, 0, 1]]);
    const b = weighted(4, [[0, 1, 1], [1, 2, 10], [2, 3, 1], [3, 0, 10]]);
    expect(Array.from(louvainRestarts(a.graph, { weights: a.weights }).community)).toEqual([0, 0, 1, 1]);
    expect(Array.from(louvainRestarts(b.graph, { weights: b.weights }).community)).toEqual([0, 1, 1, 0]);
    // The metric uses the view's weights.
    expect(modularityMetric.scalar({ graph: a.graph, weights: a.weights }, { restarts: 2 })).toBeCloseTo(modularityOf(a.graph, [0, 0, 1, 1], 1, a.weights), 12);
  });

  it('edge-list weights on the CSR: repeats add up, self-loops drop out, direction changes keep the total', () => {
    const text = 'a b 1\nb a 2\nb c 0.5\nb c 0.25\nc c 9\n';
    const directed = parseEdgeList(text, { directed: true });
    const g = toCsr(directed).graph;
    const w = toCsrWeights(directed, g)!;
    const arc = (graph: CsrGraph, weights: Float64Array, u: number, v: number): number => {
      for (let k = graph.out.start[u], e = k + graph.out.deg[u]; k < e; k++) if (graph.out.targets[k] === v) return weights[k];
      return NaN;
    };
    expect([arc(g, w, 0, 1), arc(g, w, 1, 0), arc(g, w, 1, 2)]).toEqual([1, 2, 0.75]);
    // Read as undirected: a–b = 1 + 2 in both rows.
    const und = toCsr(directed, { directed: false }).graph;
    const wu = toCsrWeights(directed, und)!;
    expect([arc(und, wu, 0, 1), arc(und, wu, 1, 0), arc(und, wu, 2, 1)]).toEqual([3, 3, 0.75]);
    // An undirected source read as directed: every tie becomes two arcs with its weight.
    const undirected = parseEdgeList(text, { directed: false });
    const dg = toCsr(undirected, { directed: true }).graph;
    const wd = toCsrWeights(undirected, dg)!;
    expect([arc(dg, wd, 0, 1), arc(dg, wd, 1, 0), arc(dg, wd, 2, 1)]).toEqual([3, 3, 0.75]);
    expect(toCsrWeights(parseEdgeList('a b\n'), toCsr(parseEdgeList('a b\n')).graph)).toBeUndefined();
  });

  it('a negative or missing weight is an InputError naming the record', () => {
    const bad = parseEdgeList('a b 1\nb c -2\n', { file: 'w.txt' });
    expect(() => toCsrWeights(bad, toCsr(bad).graph)).toThrow(/w\.txt: invalid weight -2 on edge record 2 \(b → c\)/);
  });
});
