import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { InputError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { eiIndexMetric } from '../../src/sim/metrics/ei-index.js';
import { friendshipParadox, friendshipParadoxMetric } from '../../src/sim/metrics/friendship-paradox.js';
import { majorityIllusion, majorityIllusionMetric } from '../../src/sim/metrics/majority-illusion.js';
import { neighborLeaning, neighborLeaningCorrelation } from '../../src/sim/metrics/neighbor-leaning.js';
import { opinionAssortativityMetric } from '../../src/sim/metrics/opinion-assortativity.js';
import { buildSpec, complete, graphOf, preferentialAttachment, randomGraphSpec, ring, star, twoCliques } from './metric-graphs.js';

const f64 = (x: number[]) => Float64Array.from(x);
const i32 = (x: number[]) => Int32Array.from(x);

describe('network.neighbor-leaning-correlation', () => {
  it('two disjoint cliques with opposite opinions: exactly +1', () => {
    const k = 6;
    const pairs: Array<[number, number]> = [];
    for (const off of [0, k]) for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push([off + i, off + j]);
    const x = f64(Array.from({ length: 2 * k }, (_, i) => (i < k ? -1 : 1)));
    expect(neighborLeaningCorrelation.scalar({ graph: graphOf(2 * k, pairs), opinions: x })).toBeCloseTo(1, 12);
  });

  it('two cliques joined by a bridge with opposite opinions: close to +1', () => {
    const k = 10;
    const x = f64(Array.from({ length: 2 * k }, (_, i) => (i < k ? -1 : 1)));
    const r = neighborLeaningCorrelation.scalar({ graph: twoCliques(k), opinions: x });
    expect(r).toBeGreaterThan(0.95);
    expect(r).toBeLessThan(1);
  });

  it('random opinions on a random graph: near 0 (|r| < 0.1 with 2,000 nodes, sd ≈ 1/√2000 ≈ 0.022)', () => {
    const rng = new Rng('metrics/neighbor-leaning/null');
    const n = 2000;
    const pairs: Array<[number, number]> = [];
    for (let e = 0; e < 5 * n; e++) pairs.push([rng.int(n), rng.int(n)]);
    const x = Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
    expect(Math.abs(neighborLeaningCorrelation.scalar({ graph: graphOf(n, pairs), opinions: x }))).toBeLessThan(0.1);
  });

  it('directed hand example: out = whom i follows, in = its followers, isolated rows are skipped', () => {
    // 0 follows 1 and 2; 3 follows 0.
    const graph = graphOf(4, [[0, 1], [0, 2], [3, 0]], true);
    const view = { graph, opinions: f64([0, 1, 3, 5]) };
    const out = neighborLeaning(view, 'out');
    expect(Array.from(out.nodes)).toEqual([0, 3]);
    expect(Array.from(out.neighborMean)).toEqual([2, 0]);
    const inn = neighborLeaning(view, 'in');
    expect(Array.from(inn.nodes)).toEqual([0, 1, 2]);
    expect(Array.from(inn.neighborMean)).toEqual([5, 0, 0]);
    const both = neighborLeaning(view, 'both');
    expect(Array.from(both.neighborMean)).toEqual([3, 0, 0, 0]);
    // Pearson of (0,2),(5,0): two points on a falling line.
    expect(out.correlation).toBeCloseTo(-1, 12);
    expect(neighborLeaningCorrelation.scalar(view, { direction: 'in' })).toBe(inn.correlation);
  });

  it('a reciprocal follow counts once under `both`', () => {
    const graph = graphOf(3, [[0, 1], [1, 0], [2, 0]], true);
    const d = neighborLeaning({ graph, opinions: f64([0, 4, 10]) }, 'both');
    expect(d.neighborMean[0]).toBe(7);
  });

  it('rejects an unknown direction', () => {
    expect(() => neighborLeaningCorrelation.scalar({ graph: ring(4), opinions: new Float64Array(4) }, { direction: 'up' })).toThrow(/invalid `direction` \("up"\)/);
  });
});

describe('network.opinion-assortativity', () => {
  it('hand example: path 0-1-2-3 with opinions 0,0,1,1 gives r = 1/3', () => {
    const graph = graphOf(4, [[0, 1], [1, 2], [2, 3]]);
    expect(opinionAssortativityMetric.scalar({ graph, opinions: f64([0, 0, 1, 1]) })).toBeCloseTo(1 / 3, 12);
  });

  it('directed hand example: follower vs followee gives r = −7/11', () => {
    const graph = graphOf(3, [[0, 1], [1, 2], [2, 0], [0, 2]], true);
    expect(opinionAssortativityMetric.scalar({ graph, opinions: f64([0, 1, 2]) })).toBeCloseTo(-7 / 11, 12);
  });

  it('undirected star with different hub and leaf opinions: exactly −1 (property over n, values)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (n, h, l) => {
        fc.pre(Math.abs(h - l) > 1e-6); // subnormal differences underflow when squared
        const x = new Float64Array(n).fill(l);
        x[0] = h;
        return Math.abs(opinionAssortativityMetric.scalar({ graph: star(n), opinions: x }) + 1) < 1e-9;
      }),
    );
  });

  it('is NaN when one end is constant (directed star: every follow ends at the hub) or without edges', () => {
    const x = f64([1, 0, 0, 0]);
    expect(Number.isNaN(opinionAssortativityMetric.scalar({ graph: star(4, true), opinions: x }))).toBe(true);
    expect(Number.isNaN(opinionAssortativityMetric.scalar({ graph: graphOf(3, []), opinions: f64([0, 1, 2]) }))).toBe(true);
  });

  it('lies in [−1, 1] and is symmetric under x -> −x (property)', () => {
    fc.assert(
      fc.property(randomGraphSpec(), fc.integer({ min: 0, max: 1e6 }), (spec, salt) => {
        const rng = new Rng(`assort-${salt}`);
        const graph = buildSpec(spec);
        const x = Float64Array.from({ length: spec.n }, () => rng.uniform(-1, 1));
        const r = opinionAssortativityMetric.scalar({ graph, opinions: x });
        const r2 = opinionAssortativityMetric.scalar({ graph, opinions: x.map((v) => -v) });
        if (Number.isNaN(r)) return Number.isNaN(r2);
        return r >= -1 && r <= 1 && Math.abs(r - r2) < 1e-9;
      }),
    );
  });
});

describe('network.ei-index', () => {
  it('hand example: square 0-1-2-3 plus chord 0-2, groups {0,1} {2,3}: E = 3, I = 2, EI = 1/5', () => {
    const graph = graphOf(4, [[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]]);
    const d = eiIndexMetric.detailed!({ graph, attribute: i32([0, 0, 1, 1]) });
    expect(d).toEqual({ index: 1 / 5, external: 3, internal: 2 });
  });

  it('directed: a mutual follow is two ties; self-loops are skipped', () => {
    const graph = CsrGraph.fromEdgeList(
      { n: 3, directed: true, src: i32([0, 1, 0, 2]), dst: i32([1, 0, 2, 2]), m: 4 },
      { dropSelfLoops: false },
    );
    const d = eiIndexMetric.detailed!({ graph, attribute: i32([0, 0, 1]) });
    expect(d).toEqual({ index: -1 / 3, external: 1, internal: 2 });
  });

  it('is −1 for groups that never mix, +1 for a bipartite pattern, NaN without ties', () => {
    expect(eiIndexMetric.scalar({ graph: twoCliques(4), attribute: i32([0, 0, 0, 0, 1, 1, 1, 1]) })).toBeCloseTo(-1 + 2 / 13, 12);
    expect(eiIndexMetric.scalar({ graph: ring(6), attribute: i32([0, 1, 0, 1, 0, 1]) })).toBe(1);
    expect(eiIndexMetric.scalar({ graph: complete(4), attribute: i32([2, 2, 2, 2]) })).toBe(-1);
    expect(Number.isNaN(eiIndexMetric.scalar({ graph: graphOf(2, []), attribute: i32([0, 1]) }))).toBe(true);
  });

  it('missing attribute -> InputError naming the metric and `attribute`', () => {
    expect(() => eiIndexMetric.scalar({ graph: ring(3) })).toThrow(InputError);
    expect(() => eiIndexMetric.scalar({ graph: ring(3) })).toThrow(/network\.ei-index.*`attribute`/);
  });
});

describe('network.majority-illusion', () => {
  it('star whose hub alone holds the minority value: every leaf is fooled, share = (n−1)/n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 60 }), (n) => {
        const a = new Int32Array(n);
        a[0] = 1;
        const d = majorityIllusionMetric.detailed!({ graph: star(n), attribute: a });
        return d.share === (n - 1) / n && d.active === 1 && d.fooled === n - 1 && d.eligible === n;
      }),
    );
  });

  it('exactly half is not “more than half”; threshold is an option', () => {
    // Path 0-1-2, only node 2 active: node 1 sees 1 of 2.
    const view = { graph: graphOf(3, [[0, 1], [1, 2]]), attribute: i32([0, 0, 1]) };
    const d = majorityIllusion(view);
    expect(d.fooled).toBe(0);
    expect(Array.from(d.exposure)).toEqual([0, 0.5, 0]);
    expect(majorityIllusionMetric.scalar(view, { threshold: 0.4 })).toBe(1 / 3);
  });

  it('`minority` picks the rarer of 0 and 1; an explicit `active` value is counted as given', () => {
    const view = { graph: star(4), attribute: i32([0, 1, 1, 1]) };
    expect(majorityIllusion(view).active).toBe(0);
    expect(majorityIllusionMetric.scalar(view)).toBe(3 / 4);
    expect(majorityIllusionMetric.scalar(view, { active: 1 })).toBe(1 / 4);
    const three = { graph: star(4), attribute: i32([2, 0, 0, 0]) };
    expect(() => majorityIllusionMetric.scalar(three)).toThrow(/needs a 0\/1 attribute/);
    expect(majorityIllusionMetric.scalar(three, { active: 2 })).toBe(3 / 4);
  });

  it('directed: by default a node looks at whom it follows', () => {
    // Leaves follow the active hub: all fooled; the hub follows nobody.
    const view = { graph: star(5, true), attribute: i32([1, 0, 0, 0, 0]) };
    expect(majorityIllusionMetric.scalar(view)).toBe(1);
    expect(majorityIllusionMetric.scalar(view, { direction: 'in' })).toBe(0);
  });

  it('Lerman mechanism: on preferential-attachment graphs the share rises with the degree–attribute correlation', () => {
    const n = 1000;
    const holders = 100; // 10 % hold the active value
    const shares = { top: 0, random: 0, bottom: 0 };
    for (let rep = 0; rep < 5; rep++) {
      const rng = new Rng(`metrics/majority-illusion/ba/${rep}`);
      const graph = preferentialAttachment(n, 2, rng.fork('graph'));
      const byDegree = Array.from({ length: n }, (_, i) => i).sort((u, v) => graph.out.deg[v] - graph.out.deg[u] || u - v);
      const assign = (nodes: number[]) => {
        const a = new Int32Array(n);
        for (const i of nodes) a[i] = 1;
        return majorityIllusionMetric.scalar({ graph, attribute: a });
      };
      shares.top += assign(byDegree.slice(0, holders)) / 5;
      shares.random += assign(rng.fork('pick').sampleIndices(n, holders)) / 5;
      shares.bottom += assign(byDegree.slice(n - holders)) / 5;
    }
    // With the view held by the hubs, more nodes see it as a local majority than actually hold it (the
    // illusion); held at random it is a local majority for fewer nodes than hold it; held by the
    // lowest-degree nodes, for fewer still.
    expect(shares.top).toBeGreaterThan(holders / n);
    expect(shares.top).toBeGreaterThan(shares.random + 0.1);
    expect(shares.random).toBeLessThan(holders / n);
    expect(shares.random).toBeGreaterThan(shares.bottom);
  });
});

describe('network.friendship-paradox', () => {
  it('gap and edge gap are ≥ 0 on random undirected graphs (property), and on the undirected projection of directed ones', () => {
    fc.assert(
      fc.property(randomGraphSpec(), (spec) => {
        const d = friendshipParadox({ graph: buildSpec(spec) }, 'both');
        if (d.eligible === 0) return Number.isNaN(d.gap);
        return d.gap >= -1e-12 && d.edgeGap >= -1e-12;
      }),
    );
  });

  it('gap = (1/|V₁|) Σ_edges (k_u/k_v + k_v/k_u − 2) and edge gap = Var(k)/⟨k⟩ over V₁ (property, independent sums)', () => {
    fc.assert(
      fc.property(randomGraphSpec({ directed: false }), (spec) => {
        const graph = buildSpec(spec);
        const d = friendshipParadox({ graph });
        const k = graph.out.deg;
        let edgeTerm = 0;
        graph.forEachEdge((u, v) => {
          edgeTerm += k[u] / k[v] + k[v] / k[u] - 2;
        });
        const ks = Array.from(k).filter((x) => x > 0);
        if (ks.length === 0) return d.eligible === 0;
        const mu = ks.reduce((a, b) => a + b, 0) / ks.length;
        const variance = ks.reduce((a, b) => a + (b - mu) ** 2, 0) / ks.length;
        return Math.abs(d.gap - edgeTerm / ks.length) < 1e-9 && Math.abs(d.edgeGap - variance / mu) < 1e-9;
      }),
    );
  });

  it('is exactly 0 on regular graphs (rings, complete graphs)', () => {
    for (const n of [3, 4, 10, 101]) expect(friendshipParadoxMetric.scalar({ graph: ring(n) })).toBe(0);
    for (const n of [2, 5, 12]) {
      const d = friendshipParadox({ graph: complete(n) });
      expect(d.gap).toBe(0);
      expect(d.edgeGap).toBe(0);
    }
  });

  it('triangle plus a separate edge: gap 0 (every edge joins equal degrees) but edge gap 3/20 (degrees differ)', () => {
    const d = friendshipParadox({ graph: graphOf(5, [[0, 1], [1, 2], [2, 0], [3, 4]]) });
    expect(d.gap).toBe(0);
    expect(d.edgeGap).toBeCloseTo(3 / 20, 12);
  });

  it('star of n nodes: gap = (n−2)²/n (hand: leaves see n−1, the hub sees 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), (n) => Math.abs(friendshipParadoxMetric.scalar({ graph: star(n) }) - (n - 2) ** 2 / n) < 1e-9),
    );
  });

  it('is NaN on an edgeless graph', () => {
    expect(Number.isNaN(friendshipParadoxMetric.scalar({ graph: graphOf(3, []) }))).toBe(true);
  });
});
