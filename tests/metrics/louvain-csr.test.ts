/**
 * Louvain and Leiden on the CSR arrays (src/sim/metrics/louvain-csr.ts,
 * leiden-csr.ts, csr-communities.ts, community-levels.ts,
 * symmetric-adjacency.ts). Both algorithms face the same oracles:
 * - hand-solved partitions and modularity: two 5-cliques joined by an edge
 *   (Q = 19/42), a ring of 8 five-cliques (each clique alone, Q = C/(C+1) −
 *   1/r with C = 10), a weighted prism whose heavy matching beats its
 *   cliques (Q = 57/92; unweighted the cliques win, Q = 1/4);
 * - the returned modularity against the independent modularityOf, on
 *   random undirected graphs (weighted or not) and, for directed graphs,
 *   against modularityOf on the symmetrised graph A = W + Wᵀ built as an
 *   undirected weighted graph from the arc records;
 * - determinism (same seed, same bytes) and, with order 'canonical',
 *   invariance under renumbering the nodes (metamorphic, fast-check with
 *   pinned seeds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalOrder } from '../../src/model/canonical-order.js';
import { InputError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import type { CsrCommunitiesDetail, LeidenOptions } from '../../src/sim/metrics/csr-communities.js';
import { leidenCsr } from '../../src/sim/metrics/leiden-csr.js';
import { louvainCsr } from '../../src/sim/metrics/louvain-csr.js';
import { modularityOf } from '../../src/sim/metrics/modularity.js';
import type { CsrGraph } from '../../src/model/csr-graph.js';
import { firstAppearance, ringOfCliques, ringOfCliquesQ, weightedGraph } from './csr-community-graphs.js';
import { buildSpec, graphOf, randomGraphSpec, relabel, twoCliques } from './metric-graphs.js';

type Search = (graph: CsrGraph, options?: LeidenOptions) => CsrCommunitiesDetail;
const SEARCHES: Array<[string, Search]> = [
  ['louvain', louvainCsr],
  ['leiden', leidenCsr],
];

/** Node blocks [0,k), [k,2k), … as a partition. */
function blocks(n: number, k: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => Math.floor(i / k));
}

describe.each(SEARCHES)('%s on the CSR arrays', (name, search) => {
  it('two 5-cliques joined by one edge: the two cliques, Q = 19/42 (2m = 42, each side 20 internal, degree 21)', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      const d = search(twoCliques(5), { seed });
      expect(d.algorithm).toBe(name);
      expect(Array.from(d.community)).toEqual(Array.from(blocks(10, 5)));
      expect(d.count).toBe(2);
      expect(d.modularity).toBeCloseTo(19 / 42, 14);
      expect(d.directedModularity).toBeNull();
    }
  });

  it('ring of 8 five-cliques: every clique alone, Q = 10/11 − 1/8 (pairs would give 21/22 − 2/8, lower)', () => {
    const g = ringOfCliques(8, 5);
    for (const seed of ['a', 'b', 'c']) {
      const d = search(g, { seed });
      expect(Array.from(d.community)).toEqual(Array.from(blocks(40, 5)));
      expect(d.modularity).toBeCloseTo(ringOfCliquesQ(8, 5), 14);
      expect(d.modularity).toBeCloseTo(10 / 11 - 1 / 8, 14);
    }
  });

  it('resolution γ: at γ = 0 everything connected merges (Q = 1 on a connected graph); a large γ leaves singletons', () => {
    const g = ringOfCliques(4, 4);
    const merged = search(g, { seed: 'g0', resolution: 0 });
    expect(merged.count).toBe(1);
    expect(merged.modularity).toBeCloseTo(1, 14);
    // γ = 100: a move into a neighbour's community gains 1 − 100·k_i·k_j/2m < 0 (k ≥ 3, 2m = 56).
    const apart = search(g, { seed: 'g100', resolution: 100 });
    expect(apart.count).toBe(16);
  });

  it('weighted prism (two 4-cliques of weight 1, matching i–i+4 of weight 20): the heavy pairs, Q = 57/92; unweighted the cliques, Q = 1/4', () => {
    const records: Array<[number, number, number]> = [];
    for (const o of [0, 4]) for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) records.push([o + i, o + j, 1]);
    for (let i = 0; i < 4; i++) records.push([i, i + 4, 20]);
    const { graph, weights } = weightedGraph(8, records);
    const heavy = search(graph, { seed: 'w', weights });
    expect(Array.from(heavy.community)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(heavy.modularity).toBeCloseTo(57 / 92, 14);
    expect(heavy.weighted).toBe(true);
    const plain = search(graph, { seed: 'w' });
    expect(Array.from(plain.community)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(plain.modularity).toBeCloseTo(1 / 4, 14);
  });

  it('a directed graph is symmetrised: one-way two cliques score the undirected 19/42, and its Leicht–Newman value is reported apart', () => {
    const pairs: Array<[number, number]> = [];
    for (const o of [0, 5]) for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) pairs.push([o + i, o + j]);
    pairs.push([4, 5]);
    const g = graphOf(10, pairs, true);
    const d = search(g, { seed: 'dir' });
    expect(Array.from(d.community)).toEqual(Array.from(blocks(10, 5)));
    expect(d.modularity).toBeCloseTo(19 / 42, 14);
    expect(d.directedModularity).toBe(modularityOf(g, d.community));
    // Leicht–Newman by hand: m = 21 arcs, e_c = 10 each, out/in totals (10+1, 10) and (10, 10+1).
    expect(d.directedModularity).toBeCloseTo(20 / 21 - (11 * 10 + 10 * 11) / (21 * 21), 14);
  });

  it('modularity equals modularityOf on the returned partition (random undirected graphs, weighted or not, γ ∈ [0.2, 3])', () => {
    fc.assert(
      fc.property(
        randomGraphSpec({ directed: false, maxN: 40, maxM: 120 }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (spec, resolution, useWeights, salt) => {
          const g = buildSpec(spec);
          const wr = new Rng(`csr-q/${salt}`);
          const weights = useWeights ? Float64Array.from(g.out.targets, () => 0) : undefined;
          if (weights) {
            // One weight per undirected pair, the same in both rows.
            for (let u = 0; u < g.n; u++) {
              for (let k = g.out.start[u]; k < g.out.start[u] + g.out.deg[u]; k++) {
                const v = g.out.targets[k];
                if (v < u) continue;
                const w = 0.5 + 4 * wr.next();
                weights[k] = w;
                for (let q = g.out.start[v]; q < g.out.start[v] + g.out.deg[v]; q++) if (g.out.targets[q] === u) weights[q] = w;
              }
            }
          }
          const d = search(g, { seed: `q${salt}`, resolution, weights });
          const q = modularityOf(g, d.community, resolution, weights);
          if (Number.isNaN(q)) return Number.isNaN(d.modularity);
          return Math.abs(d.modularity - q) < 1e-12;
        },
      ),
      { seed: 20261207, numRuns: 150 },
    );
  });

  it('directed graphs, weighted or not: modularity equals modularityOf on the symmetrised undirected graph (A = W + Wᵀ, built from the arc records)', () => {
    fc.assert(
      fc.property(randomGraphSpec({ directed: true, maxN: 40, maxM: 120 }), fc.boolean(), fc.integer({ min: 0, max: 1000 }), (spec, useWeights, salt) => {
        const g = buildSpec(spec);
        const wr = new Rng(`csr-dir-w/${salt}`);
        const weights = useWeights ? Float64Array.from(g.out.targets, () => 0.25 + 3 * wr.next()) : undefined;
        const d = search(g, { seed: `d${salt}`, weights });
        // The undirected graph of the same arcs, each record with its arc's weight: a reciprocated pair sums both.
        const arcs: Array<[number, number, number]> = [];
        for (let u = 0; u < g.n; u++) for (let k = g.out.start[u]; k < g.out.start[u] + g.out.deg[u]; k++) arcs.push([u, g.out.targets[k], weights ? weights[k] : 1]);
        const sym = weightedGraph(g.n, arcs, false);
        const q = modularityOf(sym.graph, d.community, 1, sym.weights);
        expect(d.directedModularity).toBe(modularityOf(g, d.community, 1, weights));
        if (Number.isNaN(q)) return Number.isNaN(d.modularity);
        return Math.abs(d.modularity - q) < 1e-12;
      }),
      { seed: 20261208, numRuns: 100 },
    );
  });

  it('every node reciprocated: undirected and Leicht–Newman modularity agree', () => {
    const pairs: Array<[number, number]> = [];
    const und = ringOfCliques(5, 4);
    for (let u = 0; u < und.n; u++) for (const v of und.out.row(u)) pairs.push([u, v]);
    const g = graphOf(und.n, pairs, true);
    const d = search(g, { seed: 'recip' });
    expect(d.directedModularity).not.toBeNull();
    expect(Math.abs((d.directedModularity as number) - d.modularity)).toBeLessThan(1e-12);
  });

  it('determinism: the same seed gives the same bytes; an Rng given directly is used as it is', () => {
    const spec = { n: 200, directed: false, pairs: [] as Array<[number, number]> };
    const r = new Rng('csr-det/graph');
    for (let e = 0; e < 600; e++) spec.pairs.push([r.int(200), r.int(200)]);
    const g = buildSpec(spec);
    const a = search(g, { seed: 'same' });
    const b = search(g, { seed: 'same' });
    expect(Buffer.from(a.community.buffer).equals(Buffer.from(b.community.buffer))).toBe(true);
    expect(Object.is(a.modularity, b.modularity)).toBe(true);
    const c = search(g, { rng: new Rng('same') });
    expect(Array.from(c.community)).toEqual(Array.from(a.community));
  });

  it("order 'canonical': renumbering the nodes gives the same run on the same ordered graph (partition by canonical position, modularity to the bit)", () => {
    // Nodes the canonical order cannot tell apart (twins) are placed by index, which an
    // automorphism may swap: the partition read by canonical position is what must not change.
    fc.assert(
      fc.property(randomGraphSpec({ maxN: 30, maxM: 70 }), fc.integer({ min: 0, max: 10_000 }), (spec, salt) => {
        const perm = new Rng(`csr-perm/${salt}`).shuffle(Array.from({ length: spec.n }, (_, i) => i));
        const ga = buildSpec(spec);
        const gb = relabel(spec, perm);
        const a = search(ga, { seed: 'canon', order: 'canonical' });
        const b = search(gb, { seed: 'canon', order: 'canonical' });
        const oa = canonicalOrder(ga);
        const ob = canonicalOrder(gb);
        const byPosition = (d: CsrCommunitiesDetail, o: Int32Array) => Array.from(firstAppearance(Int32Array.from(o, (v) => d.community[v])));
        expect(byPosition(b, ob)).toEqual(byPosition(a, oa));
        expect(Object.is(a.modularity, b.modularity)).toBe(true);
      }),
      { seed: 20261209, numRuns: 120 },
    );
  });

  it("order 'canonical' with distinct edge weights (no twins): the same partition up to the permutation", () => {
    fc.assert(
      fc.property(randomGraphSpec({ maxN: 30, maxM: 70, directed: false }), fc.integer({ min: 0, max: 10_000 }), (spec, salt) => {
        const perm = new Rng(`csr-perm-w/${salt}`).shuffle(Array.from({ length: spec.n }, (_, i) => i));
        // Pair e weighs 1 + e/100, so no two pairs weigh the same (repeats of a pair add up).
        const records = spec.pairs.filter(([u, v]) => u !== v).map(([u, v], e) => [u, v, 1 + e / 100] as const);
        const a = weightedGraph(spec.n, records);
        const b = weightedGraph(spec.n, records.map(([u, v, w]) => [perm[u], perm[v], w] as const));
        const da = search(a.graph, { seed: 'canon-w', order: 'canonical', weights: a.weights });
        const db = search(b.graph, { seed: 'canon-w', order: 'canonical', weights: b.weights });
        const back = Int32Array.from({ length: spec.n }, (_, i) => db.community[perm[i]]);
        expect(Array.from(firstAppearance(back))).toEqual(Array.from(da.community));
        expect(Object.is(da.modularity, db.modularity)).toBe(true);
      }),
      { seed: 20261210, numRuns: 120 },
    );
  });

  it('an edgeless graph: every node alone, modularity NaN', () => {
    const d = search(graphOf(4, []), { seed: 'e' });
    expect(Array.from(d.community)).toEqual([0, 1, 2, 3]);
    expect(d.count).toBe(4);
    expect(d.modularity).toBeNaN();
    expect(search(graphOf(0, [])).count).toBe(0);
  });

  it('bad options are refused with the field, the value and what is allowed', () => {
    const g = twoCliques(3);
    expect(() => search(g, { resolution: -1 })).toThrow(/`resolution` \(-1\): expected a finite number ≥ 0/);
    expect(() => search(g, { resolution: NaN })).toThrow(InputError);
    expect(() => search(g, { order: 'random' as never })).toThrow(/`order` \("random"\)/);
    expect(() => search(g, { seed: '' })).toThrow(/`seed`/);
    expect(() => search(g, { weights: new Float64Array(2) })).toThrow(/`weights` has 2 values/);
    expect(() => search(g, { weights: Float64Array.from(g.out.targets, () => -1) })).toThrow(/invalid weight \(-1\)/);
  });
});

describe('Leiden options', () => {
  it('refuses a randomness θ ≤ 0', () => {
    expect(() => leidenCsr(twoCliques(3), { randomness: 0 })).toThrow(/`randomness` \(0\): expected a finite number > 0/);
  });
});
