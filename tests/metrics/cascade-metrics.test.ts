import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import type { CascadeView } from '../../src/sim/metric-view.js';
import { cascadeDepth, cascadeMaxBreadth, cascadeSize, cascadeStructuralVirality, structuralVirality } from '../../src/sim/metrics/cascade-shape.js';
import { cascadeTimeToDepth, cascadeTimeToK } from '../../src/sim/metrics/cascade-timing.js';
import { bfsDistances } from './metric-graphs.js';

function cascade(parent: number[], time?: number[]): CascadeView {
  return { parent: Int32Array.from(parent), time: Float64Array.from(time ?? parent.map((_, i) => i)) };
}

const starCascade = (n: number) => cascade(Array.from({ length: n }, (_, i) => (i === 0 ? -1 : 0)));
const pathCascade = (n: number) => cascade(Array.from({ length: n }, (_, i) => i - 1));

/** A random recursive tree on n nodes, then relabelled by a random permutation so the root is anywhere. */
const randomTree = fc.integer({ min: 1, max: 60 }).chain((n) =>
  fc
    .tuple(
      fc.array(fc.nat(), { minLength: n, maxLength: n }),
      fc.array(fc.nat(), { minLength: n, maxLength: n }),
    )
    .map(([picks, keys]) => {
      const perm = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
      const parent = new Array<number>(n);
      for (let i = 0; i < n; i++) parent[perm[i]] = i === 0 ? -1 : perm[picks[i] % i];
      return parent;
    }),
);

function undirectedAdjacency(parent: number[]): number[][] {
  const adj = parent.map(() => [] as number[]);
  parent.forEach((p, i) => {
    if (p >= 0) {
      adj[i].push(p);
      adj[p].push(i);
    }
  });
  return adj;
}

describe('cascade.structural-virality', () => {
  it('star of n nodes: exactly 2(n−1)/n (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 3000 }), (n) => cascadeStructuralVirality.scalar(starCascade(n)) === (2 * (n - 1)) / n));
  });

  it('path of n nodes: exactly (n+1)/3 (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 3000 }), (n) => cascadeStructuralVirality.scalar(pathCascade(n)) === (n + 1) / 3));
  });

  it('equals the brute-force all-pairs BFS mean distance on random trees (property)', () => {
    fc.assert(
      fc.property(randomTree, (parent) => {
        const n = parent.length;
        const adj = undirectedAdjacency(parent);
        let total = 0;
        for (let s = 0; s < n; s++) for (const d of bfsDistances(adj, s)) total += d;
        const wiener = total / 2;
        const d = structuralVirality(cascade(parent));
        const expected = n < 2 ? 0 : wiener / ((n * (n - 1)) / 2);
        return d.wiener === wiener && Math.abs(d.virality - expected) <= 1e-12 * Math.max(1, expected);
      }),
    );
  });

  it('a lone root has virality 0 by convention; subtree sizes add up', () => {
    expect(cascadeStructuralVirality.scalar(cascade([-1]))).toBe(0);
    const d = cascadeStructuralVirality.detailed!(cascade([-1, 0, 0, 1, 1, 3]));
    expect(Array.from(d.subtreeSize)).toEqual([6, 4, 1, 2, 1, 1]);
  });
});

describe('cascade.size, cascade.depth, cascade.max-breadth', () => {
  it('star and path', () => {
    expect(cascadeSize.scalar(starCascade(7))).toBe(7);
    expect(cascadeDepth.scalar(starCascade(7))).toBe(1);
    expect(cascadeMaxBreadth.scalar(starCascade(7))).toBe(6);
    expect(cascadeDepth.scalar(pathCascade(7))).toBe(6);
    expect(cascadeMaxBreadth.scalar(pathCascade(7))).toBe(1);
    expect(cascadeMaxBreadth.scalar(cascade([-1]))).toBe(1);
  });

  it('depth and breadth per level match BFS from the root on random trees (property)', () => {
    fc.assert(
      fc.property(randomTree, (parent) => {
        const root = parent.indexOf(-1);
        const dist = bfsDistances(undirectedAdjacency(parent), root);
        const maxD = Math.max(...dist);
        const hist = new Array<number>(maxD + 1).fill(0);
        for (const d of dist) hist[d]++;
        const v = cascade(parent);
        const b = cascadeMaxBreadth.detailed!(v);
        return (
          cascadeDepth.scalar(v) === maxD &&
          Array.from(cascadeDepth.detailed!(v).nodeDepth).join() === Array.from(dist).join() &&
          Array.from(b.breadth).join() === hist.join() &&
          b.maxBreadth === Math.max(...hist) &&
          hist[b.atDepth] === b.maxBreadth &&
          cascadeSize.scalar(v) === parent.length
        );
      }),
    );
  });
});

describe('cascade.time-to-k and cascade.time-to-depth', () => {
  it('hand example: the k-th join time, from the root’s time; Infinity when never reached', () => {
    const v = cascade([-1, 0, 0, 1], [10, 15, 13, 19]);
    expect(cascadeTimeToK.scalar(v, { k: 1 })).toBe(0);
    expect(cascadeTimeToK.scalar(v, { k: 2 })).toBe(3);
    expect(cascadeTimeToK.scalar(v, { k: 3 })).toBe(5);
    expect(cascadeTimeToK.scalar(v, { k: 4 })).toBe(9);
    expect(cascadeTimeToK.scalar(v, { k: 5 })).toBe(Infinity);
    expect(cascadeTimeToK.scalar(v)).toBe(Infinity); // default k = 10
    expect(Array.from(cascadeTimeToK.detailed!(v).sortedTimes)).toEqual([0, 3, 5, 9]);
    expect(cascadeTimeToDepth.scalar(v, { depth: 1 })).toBe(3);
    expect(cascadeTimeToDepth.scalar(v)).toBe(9);
    expect(cascadeTimeToDepth.scalar(v, { depth: 3 })).toBe(Infinity);
    expect(Array.from(cascadeTimeToDepth.detailed!(v).firstTimeAtDepth)).toEqual([0, 3, 9]);
  });

  it('time-to-k is non-decreasing in k (property)', () => {
    fc.assert(
      fc.property(randomTree, fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 60, maxLength: 60 }), (parent, times) => {
        const v = cascade(parent, times.slice(0, parent.length));
        let last = -Infinity;
        for (let k = 1; k <= parent.length + 1; k++) {
          const t = cascadeTimeToK.scalar(v, { k });
          if (t < last) return false;
          last = t;
        }
        return last === Infinity;
      }),
      { numRuns: 50 },
    );
  });

  it('rejects NaN times, k < 1 and a non-integer depth', () => {
    expect(() => cascadeTimeToK.scalar(cascade([-1, 0], [0, NaN]))).toThrow(/`time\[1\]`/);
    expect(() => cascadeTimeToK.scalar(cascade([-1, 0]), { k: 0 })).toThrow(/invalid `k` \(0\)/);
    expect(() => cascadeTimeToDepth.scalar(cascade([-1, 0]), { depth: 1.5 })).toThrow(/invalid `depth`/);
  });
});

describe('cascade tree validation', () => {
  const bad: Array<[string, CascadeView, RegExp]> = [
    ['two roots', cascade([-1, 0, -1]), /nodes 0 and 2 both have parent −1/],
    ['no root', cascade([1, 0]), /no node has parent −1/],
    ['parent out of range', cascade([-1, 5]), /invalid `parent\[1\]` \(5\)/],
    ['negative parent other than −1', cascade([-1, -2]), /invalid `parent\[1\]` \(-2\)/],
    ['own parent', cascade([-1, 1]), /`parent\[1\]` \(1\): its own parent/],
    ['cycle', cascade([-1, 0, 3, 2]), /node [23] is on a parent cycle/],
    ['empty', cascade([]), /empty cascade/],
    ['time length', { parent: Int32Array.from([-1, 0]), time: new Float64Array(1) }, /`time` has 1 values for 2 cascade nodes/],
  ];
  for (const [name, view, message] of bad) {
    it(`${name} -> InputError naming the metric and the node`, () => {
      for (const metric of [cascadeSize, cascadeDepth, cascadeStructuralVirality]) {
        expect(() => metric.scalar(view)).toThrow(InputError);
        expect(() => metric.scalar(view)).toThrow(message);
        expect(() => metric.scalar(view)).toThrow(new RegExp(metric.id.replace('.', '\\.')));
      }
    });
  }
});
