import { describe, expect, it } from 'vitest';
import { CASCADE_FEATURES, cascadeFeatures, timeTo90Percent, topKReachShare } from '../../src/compare/cascade-features.js';
import { InputError, ParamError } from '../../src/model/errors.js';
import type { CascadeTree } from '../../src/sim/cascade-record.js';

function tree(parent: number[], opts: { node?: number[]; time?: number[] } = {}): CascadeTree {
  return {
    parent: Int32Array.from(parent),
    node: Int32Array.from(opts.node ?? parent.map((_, i) => i)),
    time: Float64Array.from(opts.time ?? parent.map((_, i) => i)),
  };
}

const star = (n: number) => tree(Array.from({ length: n }, (_, i) => (i === 0 ? -1 : 0)));
const path = (n: number) => tree(Array.from({ length: n }, (_, i) => i - 1));

describe('cascadeFeatures on closed forms', () => {
  it('star of n: size n, depth 1, breadth n − 1, virality 2(n−1)/n, no rebroadcaster', () => {
    for (const n of [2, 5, 12, 30]) {
      const f = cascadeFeatures(star(n), CASCADE_FEATURES, { k: 3, topK: 2 });
      expect(f.size).toBe(n);
      expect(f.depth).toBe(1);
      expect(f['max-breadth']).toBe(n - 1);
      expect(f['structural-virality']).toBeCloseTo((2 * (n - 1)) / n, 12);
      // Entry i joins at time i: the k-th entry at k − 1.
      expect(f['time-to-k']).toBe(n >= 3 ? 2 : Infinity);
      expect(f['time-to-90pct']).toBe(Math.ceil((9 * n) / 10) - 1);
      expect(f['top-k-reach-share']).toBe(0);
    }
  });

  it('path of n: depth n − 1, breadth 1, virality (n+1)/3, share (n−2)/(n−1) for any top-k', () => {
    for (const n of [2, 3, 7, 30]) {
      const f = cascadeFeatures(path(n));
      expect(f.size).toBe(n);
      expect(f.depth).toBe(n - 1);
      expect(f['max-breadth']).toBe(1);
      expect(f['structural-virality']).toBeCloseTo((n + 1) / 3, 12);
      // The first resharer carries every later entry.
      for (const topK of [1, 3, 50]) expect(topKReachShare(path(n), topK)).toBeCloseTo((n - 2) / (n - 1), 15);
    }
  });

  it('time to 90 % uses ⌈0.9 n⌉ exactly (n = 30: the 27th entry, not the 28th)', () => {
    expect(timeTo90Percent(path(30))).toBe(26);
    expect(timeTo90Percent(path(10))).toBe(8);
    expect(timeTo90Percent(star(1))).toBe(0);
    // Join times relative to the root, in any order.
    expect(timeTo90Percent(tree([-1, 0, 0, 0], { time: [5, 9, 6, 7] }))).toBe(4);
  });

  it('top-k reach share on a hand-built tree', () => {
    // 0 → {1, 2}; 1 → {3, 4, 5}; 2 → {6}; 3 → {7}.
    const t = tree([-1, 0, 0, 1, 1, 1, 2, 3]);
    // Out-degrees (root left out): 1:3, 2:1, 3:1. Ties 2 vs 3 go to the earlier entry, 2.
    expect(topKReachShare(t, 1)).toBeCloseTo(4 / 7, 15); // under 1: 3, 4, 5, 7
    expect(topKReachShare(t, 2)).toBeCloseTo(5 / 7, 15); // plus 6
    expect(topKReachShare(t, 3)).toBeCloseTo(5 / 7, 15); // 7 was already under 1
    expect(topKReachShare(star(1), 1)).toBeNaN();
  });

  it('top-k reach share sums an account over its entries and leaves the source account out', () => {
    // Account 9 appears twice (entries 1 and 2), each with one child: degree 2, ahead of account 4 (entry 3, degree 1).
    const t = tree([-1, 0, 0, 0, 1, 2, 3], { node: [0, 9, 9, 4, 5, 6, 7] });
    expect(topKReachShare(t, 1)).toBeCloseTo(2 / 6, 15);
    // The root's account reappearing deeper is still not a rebroadcaster candidate.
    const u = tree([-1, 0, 1, 1], { node: [0, 0, 2, 3] });
    expect(topKReachShare(u, 1)).toBe(0);
  });

  it('rejects bad options, unknown features and malformed trees', () => {
    expect(() => cascadeFeatures(star(3), CASCADE_FEATURES, { k: 0 })).toThrow(ParamError);
    expect(() => cascadeFeatures(star(3), ['size', 'dpeth' as never])).toThrow(/features/);
    expect(() => cascadeFeatures(star(3), CASCADE_FEATURES, { topk: 2 } as never)).toThrow(/did you mean `topK`/);
    expect(() => cascadeFeatures(tree([-1, -1]))).toThrow(InputError);
    expect(() => topKReachShare({ ...star(3), node: new Int32Array(2) }, 1)).toThrow(/node/);
  });
});
