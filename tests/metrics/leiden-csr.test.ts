/**
 * Leiden's guarantee (Traag, Waltman & van Eck 2019): every community it
 * returns induces a connected subgraph (arcs read both ways), whatever the
 * graph, the resolution, the weights and the seed. Checked by a plain
 * depth-first search per community on random graphs (fast-check, pinned
 * seeds), from small graphs with isolated nodes to sparse graphs of a few
 * hundred nodes, where local moving alone can strand a node's former
 * neighbours. Also: Leiden's modularity on graphs with planted groups is at
 * least that of the planted partition (which it should find).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';
import { communityLevels } from '../../src/sim/metrics/community-levels.js';
import { leidenCsr } from '../../src/sim/metrics/leiden-csr.js';
import { symmetricAdjacency } from '../../src/sim/metrics/symmetric-adjacency.js';
import { modularityOf } from '../../src/sim/metrics/modularity.js';
import { communitiesConnected, weightedGraph } from './csr-community-graphs.js';
import { buildSpec, graphOf, randomGraphSpec } from './metric-graphs.js';

describe('leidenCsr', () => {
  it('communities are connected: small random graphs, directed or not, γ ∈ [0.3, 4]', () => {
    fc.assert(
      fc.property(randomGraphSpec({ maxN: 40, maxM: 90 }), fc.double({ min: 0.3, max: 4, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (spec, resolution, salt) => {
        const d = leidenCsr(buildSpec(spec), { seed: `conn${salt}`, resolution });
        return communitiesConnected(spec.n, spec.pairs, d.community);
      }),
      { seed: 20261211, numRuns: 300 },
    );
  });

  it('communities are connected: sparse random graphs of 100–400 nodes, weighted or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 400 }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        (n, meanDegree, useWeights, salt) => {
          const r = new Rng(`leiden-conn/${salt}`);
          const records: Array<[number, number, number]> = [];
          for (let e = 0; e < Math.round((n * meanDegree) / 2); e++) records.push([r.int(n), r.int(n), useWeights ? 0.1 + 10 * r.next() : 1]);
          const { graph, weights } = weightedGraph(n, records);
          const d = leidenCsr(graph, { seed: `conn-big${salt}`, weights: useWeights ? weights : undefined });
          return communitiesConnected(n, records.map(([u, v]) => [u, v] as [number, number]), d.community);
        },
      ),
      { seed: 20261212, numRuns: 60 },
    );
  });

  it('planted groups (10 groups of 20, 90 % of ties inside): modularity at least the planted partition’s', () => {
    const r = new Rng('leiden/planted');
    const n = 200;
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < 4; t++) {
        const g = Math.floor(i / 20);
        const j = r.next() < 0.9 ? g * 20 + r.int(20) : r.int(n);
        pairs.push([i, j]);
      }
    }
    const graph = graphOf(n, pairs);
    const planted = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 20));
    const d = leidenCsr(graph, { seed: 'planted' });
    expect(d.modularity).toBeGreaterThanOrEqual(modularityOf(graph, planted) - 1e-12);
    expect(communitiesConnected(n, pairs, d.community)).toBe(true);
  });
});

describe('leidenCsr with a large randomness θ', () => {
  it('θ ∈ {1, 100}: still connected and equal to modularityOf', () => {
    fc.assert(
      fc.property(randomGraphSpec({ maxN: 40, maxM: 90, directed: false }), fc.constantFrom(1, 100), fc.integer({ min: 0, max: 1e6 }), (spec, randomness, salt) => {
        const g = buildSpec(spec);
        const d = leidenCsr(g, { seed: `theta${salt}`, randomness });
        const q = modularityOf(g, d.community);
        const same = Number.isNaN(q) ? Number.isNaN(d.modularity) : Math.abs(q - d.modularity) < 1e-12;
        return same && communitiesConnected(spec.n, spec.pairs, d.community);
      }),
      { seed: 20261213, numRuns: 300 },
    );
  });

  it('the safeguard (one refinement allowed, θ = 10⁶ so staying alone is as likely as joining): connected communities, Q as modularityOf', () => {
    let splits = 0;
    fc.assert(
      fc.property(randomGraphSpec({ maxN: 30, maxM: 60, directed: false }), fc.integer({ min: 0, max: 1e6 }), (spec, salt) => {
        const g = buildSpec(spec);
        const d = communityLevels(symmetricAdjacency(g), { algorithm: 'leiden', resolution: 1, rng: new Rng(`guard${salt}`), randomness: 1e6, refineAttempts: 1 });
        if (d.split) splits++;
        const q = modularityOf(g, d.community);
        const same = Number.isNaN(q) ? Number.isNaN(d.modularity) : Math.abs(q - d.modularity) < 1e-12;
        return same && communitiesConnected(spec.n, spec.pairs, d.community);
      }),
      { seed: 20261214, numRuns: 300 },
    );
    expect(splits).toBeGreaterThan(10);
  });
});
