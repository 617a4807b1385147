/**
 * Controversy scores of a two-sided network (src/sim/metrics/
 * random-walk-controversy.ts, boundary-polarization.ts,
 * betweenness-controversy.ts). Oracles: hand-worked small graphs (RWC of a
 * two-hub graph = (1 + α)/(1 + 2α), boundary polarization 3/20), an
 * independent dense linear solve of the absorbing walk for RWC on random
 * graphs, a brute-force all-pairs count of shortest paths for the edge
 * betweenness, and closed or limiting values of the KL divergence.
 * Metamorphic: swapping the sides leaves RWC and the boundary score
 * unchanged; reading a graph as directed both ways changes nothing.
 * (Relabelling the nodes is checked for every metric in
 * metrics-registry.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkView } from '../../src/sim/metric-view.js';
import { betweennessControversy, betweennessControversyMetric, edgeBetweenness, kdeDivergence } from '../../src/sim/metrics/betweenness-controversy.js';
import { boundaryPolarization, boundaryPolarizationMetric } from '../../src/sim/metrics/boundary-polarization.js';
import { randomWalkControversy, randomWalkControversyMetric } from '../../src/sim/metrics/random-walk-controversy.js';
import { bfsDistances, complete, graphOf, randomGraphSpec } from './metric-graphs.js';

function view(n: number, pairs: ReadonlyArray<readonly [number, number]>, side: readonly number[], directed = false): NetworkView {
  return { graph: graphOf(n, pairs, directed), attribute: Int32Array.from(side) };
}

/** Undirected adjacency lists without self-loops or repeats. */
function adjacency(n: number, pairs: ReadonlyArray<readonly [number, number]>): number[][] {
  const sets = Array.from({ length: n }, () => new Set<number>());
  for (const [u, v] of pairs) {
    if (u === v) continue;
    sets[u].add(v);
    sets[v].add(u);
  }
  return sets.map((s) => [...s]);
}

/** Solve A x = b by Gaussian elimination with partial pivoting (dense, small). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[r][c] === 0) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/**
 * RWC by a dense linear solve: the expected visits x of the killed walk to
 * the transient nodes solve (I − α Q)ᵀ x = r_T, and the mass ending on an
 * authority a is r_a + α Σ_i x_i [a ∈ N(i)] / deg(i).
 */
function rwcDense(n: number, pairs: ReadonlyArray<readonly [number, number]>, side: readonly number[], k: number, alpha: number): number {
  const adj = adjacency(n, pairs);
  const deg = adj.map((r) => r.length);
  const hub = new Array<number>(n).fill(-1);
  for (const s of [0, 1]) {
    const ds = side.map((x, i) => (x === s && deg[i] > 0 ? deg[i] : -1)).filter((d) => d > 0).sort((x, y) => y - x);
    if (ds.length === 0) return NaN;
    const threshold = ds[Math.min(k, ds.length) - 1];
    for (let i = 0; i < n; i++) if (side[i] === s && deg[i] >= threshold && deg[i] > 0) hub[i] = s;
  }
  const transient = Array.from({ length: n }, (_, i) => i).filter((i) => hub[i] < 0);
  const index = new Map(transient.map((v, i) => [v, i] as const));
  const t = transient.length;
  // mT[i][j] = (I − αQ)ᵀ: row i, column j is δ_ij − α Q[j][i].
  const mT = Array.from({ length: t }, (_, i) => Array.from({ length: t }, (_, j) => (i === j ? 1 : 0)));
  for (const v of transient) for (const w of adj[v]) if (index.has(w)) mT[index.get(w)!][index.get(v)!] -= alpha / deg[v];
  const ends = [0, 1].map((s) => {
    const starts = side.map((x, i) => (x === s && deg[i] > 0 ? i : -1)).filter((i) => i >= 0);
    const r = new Array<number>(n).fill(0);
    for (const i of starts) r[i] = 1 / starts.length;
    const x = t > 0 ? solve(mT, transient.map((v) => r[v])) : [];
    const e = [0, 0];
    for (let i = 0; i < n; i++) if (hub[i] >= 0) e[hub[i]] += r[i];
    transient.forEach((v, i) => {
      for (const w of adj[v]) if (hub[w] >= 0) e[hub[w]] += (alpha * x[i]) / deg[v];
    });
    return e;
  });
  const pXX = ends[0][0] / (ends[0][0] + ends[1][0]);
  const pYX = ends[1][0] / (ends[0][0] + ends[1][0]);
  const pXY = ends[0][1] / (ends[0][1] + ends[1][1]);
  const pYY = ends[1][1] / (ends[0][1] + ends[1][1]);
  return pXX * pYY - pXY * pYX;
}

/** Random graph with a random 0/1 side per node. */
const sidedGraph = randomGraphSpec({ minN: 4, maxN: 16, maxM: 40 }).chain((spec) =>
  fc.array(fc.integer({ min: 0, max: 1 }), { minLength: spec.n, maxLength: spec.n }).map((side) => ({ ...spec, side })),
);

describe('random walk controversy', () => {
  // Hubs hX (0) and hY (3); a (1) links hX and hY, a' (2) only hX; mirror image b (4), b' (5) on side Y.
  const twoHubs: Array<[number, number]> = [[0, 1], [0, 2], [3, 4], [3, 5], [1, 3], [4, 0]];
  const twoHubSides = [0, 0, 0, 1, 1, 1];

  it('two hubs with one crossing neighbour each: P_XX = (1 + 1.5α)/(1 + 2α), RWC = (1 + α)/(1 + 2α) (hand)', () => {
    // From X: a start on hX ends at once (1/3); a ends on hX or hY w.p. α/2 each; a' reaches hX w.p. α.
    for (const alpha of [0.5, 0.85, 0.99]) {
      const d = randomWalkControversy(view(6, twoHubs, twoHubSides), { k: 1, damping: alpha });
      expect(d.pXX).toBeCloseTo((1 + 1.5 * alpha) / (1 + 2 * alpha), 11);
      expect(d.pYY).toBeCloseTo((1 + 1.5 * alpha) / (1 + 2 * alpha), 11);
      expect(d.rwc).toBeCloseTo((1 + alpha) / (1 + 2 * alpha), 11);
      expect([d.authoritiesX, d.authoritiesY]).toEqual([1, 1]);
    }
  });

  it('two disconnected cliques, one per side: RWC = 1; hubs shared by every leaf: RWC = 1/(1 + Lα) (hand)', () => {
    const pairs: Array<[number, number]> = [];
    for (const off of [0, 5]) for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) pairs.push([off + i, off + j]);
    expect(randomWalkControversyMetric.scalar(view(10, pairs, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]), { k: 2 })).toBe(1);
    // Hubs 0 (X) and 1 (Y); L leaves per side, each tied to both hubs. From X: hub 0 ends at once, a leaf
    // ends on either hub w.p. α/2: P_XX = (1 + Lα/2)/(1 + Lα), RWC = 2 P_XX − 1 = 1/(1 + Lα).
    const leaves = 20;
    const hubPairs: Array<[number, number]> = [];
    const sides = [0, 1];
    for (let l = 0; l < 2 * leaves; l++) {
      hubPairs.push([0, 2 + l], [1, 2 + l]);
      sides.push(l % 2);
    }
    const d = randomWalkControversy(view(2 + 2 * leaves, hubPairs, sides), { k: 1, damping: 0.85 });
    expect(d.rwc).toBeCloseTo(1 / (1 + leaves * 0.85), 11);
    expect(d.rwc).toBeLessThan(0.1);
  });

  it('agrees with a dense linear solve of the absorbing walk on random graphs (property)', () => {
    fc.assert(
      fc.property(sidedGraph, fc.integer({ min: 1, max: 3 }), fc.constantFrom(0.5, 0.85, 0.95), (g, k, alpha) => {
        const got = randomWalkControversy(view(g.n, g.pairs, g.side), { k, damping: alpha }).rwc;
        const want = rwcDense(g.n, g.pairs, g.side, k, alpha);
        if (Number.isNaN(want)) return Number.isNaN(got);
        return Math.abs(got - want) < 1e-9;
      }),
      { numRuns: 80 },
    );
  });

  it('swapping the sides leaves RWC unchanged; a directed graph is read as its undirected projection (property)', () => {
    fc.assert(
      fc.property(sidedGraph, (g) => {
        const a = randomWalkControversy(view(g.n, g.pairs, g.side)).rwc;
        const swapped = randomWalkControversy(view(g.n, g.pairs, g.side.map((s) => 1 - s))).rwc;
        const both = randomWalkControversy(view(g.n, g.pairs.flatMap(([u, v]) => [[u, v], [v, u]] as Array<[number, number]>), g.side, true)).rwc;
        const same = (x: number, y: number): boolean => (Number.isNaN(x) ? Number.isNaN(y) : Math.abs(x - y) < 1e-12);
        return same(a, swapped) && same(a, both);
      }),
      { numRuns: 60 },
    );
  });

  it('every node tied with the k-th degree is an authority; isolated nodes neither start nor end walks; nodes of no side only pass walks on', () => {
    // Star centre 0 (side X) with leaves 1..4 (X: 1, 2; Y: 3, 4), plus isolated 5 (X).
    const star = view(6, [[0, 1], [0, 2], [0, 3], [0, 4]], [0, 0, 0, 1, 1, 0]);
    const d = randomWalkControversy(star, { k: 1 });
    // Side Y: leaves 3 and 4 tie at degree 1, both are authorities.
    expect([d.authoritiesX, d.authoritiesY]).toEqual([1, 2]);
    // From X (starts 0, 1, 2): all end on hub 0; from Y: 3, 4 end at once. P_XX = P_YY = 1.
    expect(d.rwc).toBe(1);
    // A side-less relay: X hub 0 – relay 1 – Y hub 2. No walk from X ends on Y (it would pass the hub).
    const relay = randomWalkControversy(view(4, [[0, 1], [1, 2], [2, 3]], [0, -1, 1, 1]), { k: 1, damping: 0.5 });
    expect(relay.rwc).toBeCloseTo(rwcDense(4, [[0, 1], [1, 2], [2, 3]], [0, -1, 1, 1], 1, 0.5), 12);
  });

  it('is NaN when a side has no node with a tie; rejects bad options', () => {
    expect(randomWalkControversy(view(4, [[0, 1], [1, 2]], [0, 0, 0, 1])).rwc).toBeNaN();
    expect(() => randomWalkControversyMetric.scalar(view(2, [[0, 1]], [0, 1]), { k: 0 })).toThrow(/invalid `k`/);
    expect(() => randomWalkControversyMetric.scalar(view(2, [[0, 1]], [0, 1]), { damping: 1 })).toThrow(/invalid `damping`.*\(0, 1\)/);
    expect(() => randomWalkControversyMetric.scalar(view(2, [[0, 1]], [0, 1]), { dampng: 0.5 })).toThrow(/did you mean `damping`/);
  });
});

describe('boundary polarization (Guerra et al.)', () => {
  // Side 0: a0 b1 c2 h7 x8; side 1: d3 e4 f5 g6.
  // Triangles a–b–c and d–e–f; c–f and c–d cross; h hangs on c; g (side 1) ties to c and x; x ties to a.
  const pairs: Array<[number, number]> = [[0, 1], [0, 2], [1, 2], [3, 4], [4, 5], [3, 5], [2, 5], [2, 3], [7, 2], [6, 2], [6, 8], [8, 0]];
  const side = [0, 0, 0, 1, 1, 1, 1, 0, 0];

  it('hand-worked: boundary {c, d, f, x}; terms 3/5 − ½, 0, 0, +½ (x sees no boundary node); P = 3/20', () => {
    // Internal: a, b, h (side 0; x crosses to g), e (side 1). g crosses but has no internal neighbour: not boundary.
    // c: d_i = |{a, b, h}| = 3, d_b = |{d, f}| = 2 (g is not boundary). d: d_i = |{e}|, d_b = |{c}|. f: likewise. x: d_i = |{a}|, d_b = 0.
    const d = boundaryPolarization(view(9, pairs, side));
    expect([d.boundary0, d.boundary1, d.noBoundaryTie]).toEqual([2, 2, 1]);
    expect(d.polarization).toBeCloseTo((3 / 5 - 0.5 + 0 + 0 + 0.5) / 4, 15);
    expect(d.polarization).toBeCloseTo(3 / 20, 15);
  });

  it('two cliques joined by a perfect matching of their boundaries: every boundary node has d_i = k − 2, d_b = 1', () => {
    // Cliques 0..4 and 5..9; cross ties 0–5 and 1–6: nodes 0, 1, 5, 6 are the boundary.
    const cl: Array<[number, number]> = [];
    for (const off of [0, 5]) for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) cl.push([off + i, off + j]);
    cl.push([0, 5], [1, 6]);
    const d = boundaryPolarization(view(10, cl, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]));
    // Internal neighbours of 0: 2, 3, 4 (1 crosses too) → d_i = 3; d_b = 1 (5): 3/4 − ½ = ¼ for all four.
    expect(d.polarization).toBe(0.25);
  });

  it('swapping sides and reading the graph directed both ways change nothing; no boundary → NaN', () => {
    fc.assert(
      fc.property(sidedGraph, (g) => {
        const a = boundaryPolarizationMetric.scalar(view(g.n, g.pairs, g.side));
        const b = boundaryPolarizationMetric.scalar(view(g.n, g.pairs, g.side.map((s) => 1 - s)));
        const c = boundaryPolarizationMetric.scalar(view(g.n, g.pairs.flatMap(([u, v]) => [[u, v], [v, u]] as Array<[number, number]>), g.side, true));
        return Object.is(a, b) && Object.is(a, c);
      }),
      { numRuns: 60 },
    );
    expect(boundaryPolarization(view(4, [[0, 1], [2, 3]], [0, 0, 1, 1])).polarization).toBeNaN();
  });
});

describe('betweenness controversy', () => {
  /** Brute force: for every pair s < t, the share of shortest s–t paths through each edge. */
  function bruteBetweenness(n: number, pairs: ReadonlyArray<readonly [number, number]>): Map<string, number> {
    const adj = adjacency(n, pairs);
    const dist = adj.map((_, s) => bfsDistances(adj, s));
    // σ[s][t]: number of shortest paths, by dynamic programming over distance.
    const sigma = dist.map((d, s) => {
      const out = new Array<number>(n).fill(0);
      out[s] = 1;
      const byDist = Array.from({ length: n }, (_, v) => v).filter((v) => d[v] >= 0).sort((x, y) => d[x] - d[y]);
      for (const v of byDist) for (const w of adj[v]) if (d[w] === d[v] + 1) out[w] += out[v];
      return out;
    });
    const b = new Map<string, number>();
    for (let u = 0; u < n; u++) {
      for (const v of adj[u]) {
        if (v < u) continue;
        let total = 0;
        for (let s = 0; s < n; s++) {
          for (let t = s + 1; t < n; t++) {
            const d = dist[s][t];
            if (d < 0) continue;
            if (dist[s][u] >= 0 && dist[v][t] >= 0 && dist[s][u] + 1 + dist[v][t] === d) total += (sigma[s][u] * sigma[v][t]) / sigma[s][t];
            if (dist[s][v] >= 0 && dist[u][t] >= 0 && dist[s][v] + 1 + dist[u][t] === d) total += (sigma[s][v] * sigma[u][t]) / sigma[s][t];
          }
        }
        b.set(`${u}-${v}`, total);
      }
    }
    return b;
  }

  it('edge betweenness by Brandes equals the brute-force count of shortest paths (property)', () => {
    fc.assert(
      fc.property(randomGraphSpec({ minN: 2, maxN: 14, maxM: 30 }), (spec) => {
        const eb = edgeBetweenness({ graph: graphOf(spec.n, spec.pairs, spec.directed) });
        const want = bruteBetweenness(spec.n, spec.pairs);
        if (eb.u.length !== want.size) return false;
        for (let e = 0; e < eb.u.length; e++) if (Math.abs(eb.betweenness[e] - want.get(`${eb.u[e]}-${eb.v[e]}`)!) > 1e-9) return false;
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('hand values: a path 0–1–2–3 gives 3, 4, 3; the bridge of two triangles carries all 9 crossing pairs', () => {
    expect(Array.from(edgeBetweenness({ graph: graphOf(4, [[0, 1], [1, 2], [2, 3]]) }).betweenness)).toEqual([3, 4, 3]);
    const eb = edgeBetweenness({ graph: graphOf(6, [[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5], [2, 3]]) });
    const bridge = Array.from(eb.u).findIndex((u, e) => u === 2 && eb.v[e] === 3);
    expect(eb.betweenness[bridge]).toBe(9);
  });

  it('KL of the kernel densities: 0 for the same sample; log(m/|cut|) when the cut lies far from every other edge', () => {
    const all = Float64Array.from([...new Array(99).fill(0), 1000]);
    // SD 100, h = 100 · 100^(−1/5) ≈ 39.8: the lone value sits 25 h away from the rest.
    const far = kdeDivergence(Float64Array.from([1000]), all);
    expect(far.divergence).toBeCloseTo(Math.log(100), 10);
    expect(kdeDivergence(all, all).divergence).toBe(0);
    expect(kdeDivergence(Float64Array.from([5, 5]), Float64Array.from([5, 5, 5])).divergence).toBe(0);
    expect(kdeDivergence(new Float64Array(0), all).divergence).toBeNaN();
  });

  it('KL of one kernel from a two-kernel mixture matches an independent quadrature', () => {
    // p = N(0, h²), q = ½N(0, h²) + ½N(d, h²), h = 1: ∫ p log(2φ0/(φ0 + φd)) by Simpson on [−12, 12 + d].
    for (const d of [0.5, 2, 5]) {
      const phi = (x: number, m: number): number => Math.exp(-0.5 * (x - m) ** 2) / Math.sqrt(2 * Math.PI);
      const f = (x: number): number => phi(x, 0) * Math.log((2 * phi(x, 0)) / (phi(x, 0) + phi(x, d)));
      const lo = -12;
      const hi = 12 + d;
      const steps = 20_000;
      const hStep = (hi - lo) / steps;
      let s = f(lo) + f(hi);
      for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * f(lo + i * hStep);
      const want = (s * hStep) / 3;
      expect(kdeDivergence(Float64Array.from([0]), Float64Array.from([0, d]), 1).divergence).toBeCloseTo(want, 9);
    }
  });

  it('two cliques joined by one cut edge: BCC = 1 − e^{−KL} of the computed betweenness; sides mixed over the same graph score lower', () => {
    const pairs: Array<[number, number]> = [];
    for (const off of [0, 6]) for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) pairs.push([off + i, off + j]);
    pairs.push([5, 6]);
    const split = betweennessControversy(view(12, pairs, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]));
    const eb = edgeBetweenness({ graph: graphOf(12, pairs) });
    const bridge = Array.from(eb.u).findIndex((u, e) => u === 5 && eb.v[e] === 6);
    expect(eb.betweenness[bridge]).toBe(36);
    expect(split.cutEdges).toBe(1);
    expect(split.bcc).toBeCloseTo(1 - Math.exp(-kdeDivergence(Float64Array.from([36]), eb.betweenness).divergence), 15);
    // The bound of a common bandwidth: KL ≤ log(m/|cut|).
    expect(split.divergence).toBeLessThanOrEqual(Math.log(31) + 1e-12);
    expect(split.bcc).toBeGreaterThan(0.9);
    const mixed = betweennessControversy(view(12, pairs, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]));
    expect(mixed.bcc).toBeLessThan(0.2);
  });

  it('no cut edge → NaN; every edge alike (a cycle) → 0; options are rejected', () => {
    expect(betweennessControversy(view(4, [[0, 1], [2, 3]], [0, 0, 1, 1])).bcc).toBeNaN();
    const ring: Array<[number, number]> = [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 0]];
    expect(betweennessControversy(view(6, ring, [0, 0, 0, 1, 1, 1])).bcc).toBe(0);
    expect(() => betweennessControversyMetric.scalar(view(2, [[0, 1]], [0, 1]), { bins: 3 })).toThrow(/unknown parameter/);
  });
});
