import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { InputError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { communitiesMetric, louvainCommunities, modularityMetric } from '../../src/sim/metrics/louvain-communities.js';
import { modularityOf } from '../../src/sim/metrics/modularity.js';
import { buildSpec, complete, graphOf, randomGraphSpec, twoCliques } from './metric-graphs.js';

describe('modularityOf (exact)', () => {
  it('two K5 joined by one edge, split into the cliques: Q = 20/21 − 1/2 = 19/42 (hand)', () => {
    // m = 21; each side has 10 internal edges and degree total 21.
    const part = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    expect(modularityOf(twoCliques(5), part)).toBeCloseTo(19 / 42, 14);
  });

  it('one community gives 0; singletons give −Σ (k_i/2m)²', () => {
    const g = graphOf(4, [[0, 1], [1, 2], [2, 3], [0, 2]]);
    expect(modularityOf(g, [7, 7, 7, 7])).toBeCloseTo(0, 14);
    // Degrees 2, 2, 3, 1; 2m = 8.
    expect(modularityOf(g, [0, 1, 2, 3])).toBeCloseTo(-(4 + 4 + 9 + 1) / 64, 14);
  });

  it('directed (Leicht–Newman) hand example: Q = 1/3', () => {
    // Cycle 0→1→2→0, mutual pair 3⇄4, bridge 2→3; communities {0,1,2} and {3,4}; m = 6.
    // Q = 3/6 − (4·3)/36 + 2/6 − (2·3)/36 = 1/3.
    const g = graphOf(5, [[0, 1], [1, 2], [2, 0], [3, 4], [4, 3], [2, 3]], true);
    expect(modularityOf(g, [0, 0, 0, 1, 1])).toBeCloseTo(1 / 3, 14);
  });

  it('resolution 0 gives the fraction of internal edges; labels are arbitrary integers', () => {
    const g = twoCliques(4);
    expect(modularityOf(g, [0, 0, 0, 0, 1, 1, 1, 1], 0)).toBeCloseTo(12 / 13, 14);
    expect(modularityOf(g, [9, 9, 9, 9, 3, 3, 3, 3])).toBe(modularityOf(g, [0, 0, 0, 0, 1, 1, 1, 1]));
  });

  it('a kept undirected self-loop counts A_ii = 2 (graphology / networkx convention)', () => {
    const g = CsrGraph.fromEdgeList({ n: 2, directed: false, src: Int32Array.from([0, 0]), dst: Int32Array.from([0, 1]), m: 2 }, { dropSelfLoops: false });
    // A = [[2,1],[1,0]], k = (3, 1), 2m = 4: Q({0},{1}) = 2/4 − (3/4)² − (1/4)².
    expect(modularityOf(g, [0, 1])).toBeCloseTo(0.5 - 9 / 16 - 1 / 16, 14);
  });

  it('is NaN without edges and rejects a bad partition', () => {
    expect(Number.isNaN(modularityOf(graphOf(3, []), [0, 1, 2]))).toBe(true);
    expect(() => modularityOf(complete(3), [0, 1])).toThrow(InputError);
    expect(() => modularityOf(complete(3), [0, 1.5, 0])).toThrow(/partition\[1\]/);
  });
});

describe('network.modularity (Louvain, seeded)', () => {
  it('two cliques joined by one edge: 2 communities = the cliques, Q = k(k−1)/(k(k−1)+1) − 1/2 (property over k)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), (k) => {
        const d = louvainCommunities(twoCliques(k));
        const expected = (k * (k - 1)) / (k * (k - 1) + 1) - 0.5;
        const sides = new Set([0, k].map((o) => d.community.slice(o, o + k).join()));
        return (
          d.count === 2 &&
          sides.has(Array(k).fill(0).join()) &&
          sides.has(Array(k).fill(1).join()) &&
          Math.abs(d.modularity - expected) < 1e-12 &&
          Math.abs(d.reportedModularity - expected) < 1e-12
        );
      }),
      { numRuns: 7 },
    );
  });

  it('graphology’s reported modularity agrees with modularityOf on its own partition (random graphs, both kinds)', () => {
    fc.assert(
      fc.property(randomGraphSpec({ maxN: 40, maxM: 120 }), fc.integer({ min: 0, max: 1e6 }), (spec, salt) => {
        const graph = buildSpec(spec);
        fc.pre(graph.m > 0);
        const d = louvainCommunities(graph, { seed: `agree-${salt}` });
        return Math.abs(d.modularity - d.reportedModularity) < 1e-10;
      }),
      { numRuns: 60 },
    );
  });

  it('the same seed gives the same partition; the given rng is the one drawn from', () => {
    const rng = new Rng('metrics/louvain/x');
    const graph = twoCliques(6);
    const before = JSON.stringify(rng.getState());
    const a = louvainCommunities(graph, { rng });
    expect(JSON.stringify(rng.getState())).not.toBe(before);
    const b = louvainCommunities(graph, { rng: new Rng('metrics/louvain/x') });
    expect(Array.from(a.community)).toEqual(Array.from(b.community));
    const view = { graph };
    expect(Array.from(modularityMetric.detailed!(view, { seed: 's' }).community)).toEqual(Array.from(modularityMetric.detailed!(view, { seed: 's' }).community));
    expect(modularityMetric.scalar(view)).toBe(modularityMetric.scalar(view, { seed: 'louvain' }));
  });

  it('community ids are 0..count−1 in order of first appearance; network.communities is the count', () => {
    const graph = twoCliques(5);
    const d = modularityMetric.detailed!({ graph });
    expect(d.community[0]).toBe(0);
    expect(Math.max(...d.community) + 1).toBe(d.count);
    expect(communitiesMetric.scalar({ graph })).toBe(2);
  });

  it('a higher resolution never yields fewer communities on a ring of cliques', () => {
    const k = 4;
    const cliques = 8;
    const pairs: Array<[number, number]> = [];
    for (let c = 0; c < cliques; c++) {
      for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push([c * k + i, c * k + j]);
      pairs.push([c * k + k - 1, ((c + 1) % cliques) * k]);
    }
    const view = { graph: graphOf(k * cliques, pairs) };
    // m = 56: the 8 cliques give Q = 8(6/56 − (14/112)²) ≈ 0.732, merged pairs only 4(13/56 − (28/112)²) ≈ 0.679.
    expect(communitiesMetric.scalar(view, { resolution: 0.05 })).toBeLessThan(communitiesMetric.scalar(view, { resolution: 1 }));
    expect(communitiesMetric.scalar(view, { resolution: 1 })).toBe(cliques);
  });

  it('edgeless graph: every node alone, modularity NaN; bad options are rejected', () => {
    const d = modularityMetric.detailed!({ graph: graphOf(3, []) });
    expect(d.count).toBe(3);
    expect(Number.isNaN(d.modularity)).toBe(true);
    expect(() => modularityMetric.scalar({ graph: complete(3) }, { resolution: 0 })).toThrow(/invalid `resolution`/);
    expect(() => modularityMetric.scalar({ graph: complete(3) }, { seed: '' })).toThrow(/invalid `seed`/);
    expect(() => modularityMetric.scalar({ graph: complete(3) }, { sed: 'x' })).toThrow(/did you mean `seed`/);
  });
});
