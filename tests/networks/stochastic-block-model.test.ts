import { describe, expect, it } from 'vitest';
import { stochasticBlockModel } from '../../src/model/generators/stochastic-block-model.js';
import { Rng } from '../../src/model/rng.js';
import { binomialBounds, countRepeats, countSelfLoops, expectAllInRange, expectWithin, paramError, sameEdges } from './network-helpers.js';

/** Edges inside a group and across groups. */
function split(edges: { src: Int32Array; dst: Int32Array; m: number }, group: Int32Array): { inside: number; across: number } {
  let inside = 0;
  for (let e = 0; e < edges.m; e++) if (group[edges.src[e]] === group[edges.dst[e]]) inside++;
  return { inside, across: edges.m - inside };
}

describe('stochasticBlockModel', () => {
  it('directed, equal groups: inside and across counts are the binomials the block probabilities imply', () => {
    const n = 4000;
    const d = 10;
    const h = 0.8;
    const { edges, group, sizes } = stochasticBlockModel({ n, groups: 2, meanOutDegree: d, homophily: h }, new Rng('sbm-eq'));
    expect(Array.from(sizes)).toEqual([2000, 2000]);
    const s = 2000;
    // Each node has s − 1 possible inside follows with p = h·d/(s − 1) and n − s outside with p = (1 − h)·d/(n − s).
    const { inside, across } = split(edges, group);
    expectWithin(inside, binomialBounds(n * (s - 1), (h * d) / (s - 1)));
    expectWithin(across, binomialBounds(n * (n - s), ((1 - h) * d) / (n - s)));
    // Share inside ≈ h: with W and X within 5σ, W/(W+X) − h is at most about 5σ_W/(n d) + 5σ_X/(n d).
    const tol = (5 * Math.sqrt(n * h * d) + 5 * Math.sqrt(n * (1 - h) * d)) / (n * d);
    expect(Math.abs(inside / edges.m - h)).toBeLessThanOrEqual(tol);
    expect(countSelfLoops(edges)).toBe(0);
  });

  it('directed, unequal groups: every group keeps its share h and mean out-degree d', () => {
    const n = 4000;
    const d = 8;
    const h = 0.9;
    const sizes = [500, 1500, 2000];
    const { edges, group } = stochasticBlockModel({ n, groups: sizes, meanOutDegree: d, homophily: h }, new Rng('sbm-uneq'));
    const insideBy = new Float64Array(3);
    const acrossBy = new Float64Array(3);
    for (let e = 0; e < edges.m; e++) {
      const g = group[edges.src[e]];
      if (g === group[edges.dst[e]]) insideBy[g]++;
      else acrossBy[g]++;
    }
    for (let g = 0; g < 3; g++) {
      const s = sizes[g];
      expectWithin(insideBy[g], binomialBounds(s * (s - 1), (h * d) / (s - 1)));
      expectWithin(acrossBy[g], binomialBounds(s * (n - s), ((1 - h) * d) / (n - s)));
    }
  });

  it('undirected, equal groups: share h and mean degree d', () => {
    const n = 3000;
    const d = 12;
    const h = 0.7;
    const { edges, group } = stochasticBlockModel({ n, groups: 3, meanOutDegree: d, homophily: h, directed: false }, new Rng('sbm-und'));
    expect(edges.directed).toBe(false);
    const s = 1000;
    const { inside, across } = split(edges, group);
    // Unordered inside pairs: 3·s(s−1)/2 with p = h·d/(s − 1); across pairs 3·s²  with p = (1 − h)·d·n / Σ s(n − s).
    expectWithin(inside, binomialBounds((3 * s * (s - 1)) / 2, (h * d) / (s - 1)));
    expectWithin(across, binomialBounds(3 * s * s, ((1 - h) * d * n) / (3 * s * (n - s))));
    expect(countRepeats(edges)).toBe(0);
    expect(countSelfLoops(edges)).toBe(0);
  });

  it('every ordered pair is an edge with its block probability', () => {
    // Groups [2, 3], d = 1.5, h = 0.6: p_in(0) = 0.9/1, p_out(0) = 0.6/3, p_in(1) = 0.9/2, p_out(1) = 0.6/2.
    const sizes = [2, 3];
    const expected = (u: number, v: number): number => {
      const g = u < 2 ? 0 : 1;
      const same = (v < 2 ? 0 : 1) === g;
      return same ? (0.6 * 1.5) / (sizes[g] - 1) : (0.4 * 1.5) / (5 - sizes[g]);
    };
    const reps = 2000;
    const hits = new Map<string, number>();
    const root = new Rng('sbm-pairs');
    for (let r = 0; r < reps; r++) {
      const { edges } = stochasticBlockModel({ n: 5, groups: sizes, meanOutDegree: 1.5, homophily: 0.6 }, root.fork(String(r)));
      for (let e = 0; e < edges.m; e++) {
        const key = `${edges.src[e]} ${edges.dst[e]}`;
        hits.set(key, (hits.get(key) ?? 0) + 1);
      }
    }
    for (let u = 0; u < 5; u++) {
      for (let v = 0; v < 5; v++) {
        if (u === v) continue;
        expectWithin(hits.get(`${u} ${v}`) ?? 0, binomialBounds(reps, expected(u, v)));
      }
    }
  });

  it('assigns contiguous groups of the requested sizes', () => {
    const { group, edges } = stochasticBlockModel({ n: 10, groups: 3, meanOutDegree: 2, homophily: 0.5 }, new Rng('g'));
    expect(Array.from(group)).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expectAllInRange(edges);
  });

  it('homophily 1 keeps every edge inside, homophily 0 every edge across', () => {
    const all = stochasticBlockModel({ n: 600, groups: 3, meanOutDegree: 6, homophily: 1 }, new Rng('h1'));
    expect(split(all.edges, all.group).across).toBe(0);
    const none = stochasticBlockModel({ n: 600, groups: 3, meanOutDegree: 6, homophily: 0, directed: false }, new Rng('h0'));
    expect(split(none.edges, none.group).inside).toBe(0);
    expect(none.edges.m).toBeGreaterThan(0);
  });

  it('same key gives identical edges, different keys differ', () => {
    const params = { n: 800, groups: 2, meanOutDegree: 5, homophily: 0.75 };
    const a = stochasticBlockModel(params, new Rng('k1')).edges;
    expect(sameEdges(a, stochasticBlockModel(params, new Rng('k1')).edges)).toBe(true);
    expect(sameEdges(a, stochasticBlockModel(params, new Rng('k2')).edges)).toBe(false);
  });

  it('rejects bad parameters naming the field', () => {
    const base = { n: 100, groups: 2, meanOutDegree: 5, homophily: 0.5 };
    expect(paramError(() => stochasticBlockModel({ ...base, homophily: 1.2 }, new Rng('x'))).field).toBe('homophily');
    expect(paramError(() => stochasticBlockModel({ ...base, groups: [50, 40] }, new Rng('x'))).field).toBe('groups');
    expect(paramError(() => stochasticBlockModel({ ...base, groups: [50, 0, 50] }, new Rng('x'))).field).toBe('groups[1]');
    expect(paramError(() => stochasticBlockModel({ ...base, groups: 0 }, new Rng('x'))).field).toBe('groups');
    expect(paramError(() => stochasticBlockModel({ ...base, meanOutDegree: -1 }, new Rng('x'))).field).toBe('meanOutDegree');
    expect(paramError(() => stochasticBlockModel({ ...base, groups: [2, 98], homophily: 1 }, new Rng('x'))).field).toBe('homophily');
  });
});
