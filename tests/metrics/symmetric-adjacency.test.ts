/**
 * The undirected adjacency of the CSR community searches
 * (src/sim/metrics/symmetric-adjacency.ts): A = W + Wᵀ for a follow graph,
 * parallel arcs summed, self-loops as A_ii = 2w, rows sorted; hand-built
 * cases and properties (symmetry, strictly sorted rows, 2m = 2 × total arc
 * weight, renumbering by `order` gives the renumbered matrix).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { csrWeights } from '../../src/model/csr-weights.js';
import { Rng } from '../../src/model/rng.js';
import { symmetricAdjacency, type SymmetricAdjacency } from '../../src/sim/metrics/symmetric-adjacency.js';
import { buildSpec, randomGraphSpec } from './metric-graphs.js';

function build(n: number, records: ReadonlyArray<readonly [number, number, number]>, directed: boolean) {
  const edges = { n, directed, src: Int32Array.from(records, (r) => r[0]), dst: Int32Array.from(records, (r) => r[1]), m: records.length };
  const graph = CsrGraph.fromEdgeList(edges, { dropSelfLoops: false, dropDuplicates: false });
  return { graph, weights: csrWeights(graph, edges, records.map((r) => r[2])) };
}

/** A as a dense matrix (loops on the diagonal). */
function dense(a: SymmetricAdjacency): number[][] {
  const m = Array.from({ length: a.n }, () => new Array<number>(a.n).fill(0));
  for (let i = 0; i < a.n; i++) {
    m[i][i] = a.loop[i];
    for (let e = a.start[i]; e < a.start[i + 1]; e++) m[i][a.targets[e]] += a.weights[e];
  }
  return m;
}

describe('symmetricAdjacency', () => {
  it('a weighted follow graph: A = W + Wᵀ, the directed self-loop counts 2w (hand-built)', () => {
    // 0→1 (3), 1→0 (1), 1→2 (2), 2→2 (5).
    const { graph, weights } = build(3, [[0, 1, 3], [1, 0, 1], [1, 2, 2], [2, 2, 5]], true);
    const a = symmetricAdjacency(graph, { weights });
    expect(dense(a)).toEqual([
      [0, 4, 0],
      [4, 0, 2],
      [0, 2, 10],
    ]);
    expect(Array.from(a.strength)).toEqual([4, 6, 12]);
    expect(a.twoM).toBe(22);
  });

  it('an undirected graph: read as stored, a self-loop counts 2w, unweighted arcs weigh 1', () => {
    const { graph, weights } = build(3, [[0, 1, 1.5], [1, 2, 2], [0, 0, 4]], false);
    expect(dense(symmetricAdjacency(graph, { weights }))).toEqual([
      [8, 1.5, 0],
      [1.5, 0, 2],
      [0, 2, 0],
    ]);
    expect(dense(symmetricAdjacency(graph))).toEqual([
      [2, 1, 0],
      [1, 0, 1],
      [0, 1, 0],
    ]);
  });

  it('parallel arcs are summed into one entry', () => {
    const { graph } = build(2, [[0, 1, 1], [0, 1, 1], [1, 0, 1]], true);
    const a = symmetricAdjacency(graph);
    expect(Array.from(a.targets)).toEqual([1, 0]);
    expect(Array.from(a.weights)).toEqual([3, 3]);
  });

  it('properties: symmetric, rows strictly sorted without the node itself, 2m = 2 × the arc total; `order` renumbers the matrix', () => {
    fc.assert(
      fc.property(randomGraphSpec({ maxN: 25, maxM: 70 }), fc.integer({ min: 0, max: 1e6 }), (spec, salt) => {
        const g = buildSpec(spec);
        const a = symmetricAdjacency(g);
        const m = dense(a);
        for (let i = 0; i < a.n; i++) {
          for (let j = 0; j < a.n; j++) expect(m[i][j]).toBe(m[j][i]);
          for (let e = a.start[i]; e < a.start[i + 1]; e++) {
            expect(a.targets[e]).not.toBe(i);
            if (e > a.start[i]) expect(a.targets[e]).toBeGreaterThan(a.targets[e - 1]);
          }
        }
        const arcs = g.directed ? g.m : 2 * g.m;
        expect(a.twoM).toBe(g.directed ? 2 * arcs : arcs);
        const order = new Rng(`sym-order/${salt}`).shuffle(Int32Array.from({ length: g.n }, (_, i) => i));
        const r = dense(symmetricAdjacency(g, { order }));
        for (let p = 0; p < g.n; p++) for (let q = 0; q < g.n; q++) expect(r[p][q]).toBe(m[order[p]][order[q]]);
      }),
      { seed: 20261215, numRuns: 150 },
    );
  });
});
