import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cascadeKsDistance, makeCascadeDistance, summariseCascades } from '../../src/calibrate/cascade-distance.js';
import { cascadeFeatures } from '../../src/compare/cascade-features.js';
import type { CascadeTree } from '../../src/sim/cascade-record.js';
import { fieldOf } from '../support/param-error-field.js';

function tree(parent: number[]): CascadeTree {
  return { parent: Int32Array.from(parent), node: Int32Array.from(parent, (_, i) => i), time: Float64Array.from(parent, (_, i) => i) };
}
const star = (n: number) => tree(Array.from({ length: n }, (_, i) => (i === 0 ? -1 : 0)));
const path = (n: number) => tree(Array.from({ length: n }, (_, i) => i - 1));

describe('summariseCascades', () => {
  it('size and depth agree with cascadeFeatures on random trees', () => {
    const treeArb = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 60 }).map((us) =>
      tree([-1, ...us.map((u, k) => Math.floor(u * (k + 1)))]),
    );
    fc.assert(
      fc.property(fc.array(treeArb, { minLength: 1, maxLength: 5 }), (trees) => {
        const s = summariseCascades(trees, ['size', 'depth', 'structural-virality']);
        trees.forEach((t, i) => {
          const f = cascadeFeatures(t, ['size', 'depth', 'structural-virality']);
          expect(s.size![i]).toBe(f.size);
          expect(s.depth![i]).toBe(f.depth);
          expect(Object.is(s['structural-virality']![i], f['structural-virality'])).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('closed forms: star of n has size n, depth 1, virality 2(n−1)/n; path of n depth n − 1, virality (n+1)/3', () => {
    const s = summariseCascades([star(5), path(4)], ['size', 'depth', 'structural-virality']);
    expect([...s.size!]).toEqual([5, 4]);
    expect([...s.depth!]).toEqual([1, 3]);
    expect(s['structural-virality']![0]).toBeCloseTo(8 / 5, 12);
    expect(s['structural-virality']![1]).toBeCloseTo(5 / 3, 12);
    expect(Object.keys(summariseCascades([star(2)]))).toEqual(['size', 'depth']);
  });

  it('rejects forests, empty trees and unknown features naming the field', () => {
    expect(fieldOf(() => summariseCascades([star(3), tree([-1, 0, -1])]))).toBe('cascades[1].parent[2]');
    expect(fieldOf(() => summariseCascades([tree([])]))).toBe('cascades[0]');
    expect(fieldOf(() => summariseCascades([star(3)], []))).toBe('features');
    expect(fieldOf(() => summariseCascades([star(3)], ['width' as 'size']))).toBe('features');
  });
});

describe('cascadeKsDistance', () => {
  it('mean of the per-feature KS statistics (hand example)', () => {
    // sim sizes {1,3,3}, depths {0,2,2}; observed sizes {2,3,4}, depths {1,1,1}.
    const sim = summariseCascades([tree([-1]), path(3), path(3)]);
    const obs = summariseCascades([star(2), star(3), star(4)]);
    // Size: F_sim − F_obs is 1/3 at 1, 0 at 2, 1/3 at 3 → D = 1/3.
    expect(cascadeKsDistance(sim, obs, ['size'])).toBeCloseTo(1 / 3, 12);
    // Depth: 1/3 at 0, 1/3 − 1 at 1 → D = 2/3.
    expect(cascadeKsDistance(sim, obs, ['depth'])).toBeCloseTo(2 / 3, 12);
    expect(cascadeKsDistance(sim, obs)).toBeCloseTo(1 / 2, 12);
  });

  it('is 0 for identical sets, symmetric, and in [0, 1]', () => {
    const a = summariseCascades([star(3), path(5), tree([-1]), star(7)]);
    const b = summariseCascades([path(2), path(2), star(9)]);
    expect(cascadeKsDistance(a, a)).toBe(0);
    expect(cascadeKsDistance(a, b)).toBe(cascadeKsDistance(b, a));
    expect(cascadeKsDistance(a, b)).toBeGreaterThan(0);
    expect(cascadeKsDistance(a, b)).toBeLessThanOrEqual(1);
    // Completely separated sizes and depths: D = 1 for both.
    expect(cascadeKsDistance(summariseCascades([tree([-1])]), summariseCascades([path(3)]))).toBe(1);
  });

  it('leaves out non-finite values and is NaN when a side has none', () => {
    // A lone root has no reach to share (NaN): only the stars count, and a star's share is 0.
    const a = summariseCascades([star(3), tree([-1]), star(5)], ['top-k-reach-share']);
    const b = summariseCascades([star(4)], ['top-k-reach-share']);
    expect(cascadeKsDistance(a, b, ['top-k-reach-share'])).toBe(0);
    const lone = summariseCascades([tree([-1])], ['top-k-reach-share']);
    expect(Number.isNaN(cascadeKsDistance(lone, b, ['top-k-reach-share']))).toBe(true);
    expect(Number.isNaN(cascadeKsDistance(summariseCascades([]), summariseCascades([star(3)])))).toBe(true);
  });

  it('names a feature missing from a summary', () => {
    const sizeOnly = summariseCascades([star(3)], ['size']);
    expect(fieldOf(() => makeCascadeDistance(sizeOnly, ['size', 'depth']))).toBe('observed.depth');
    expect(fieldOf(() => makeCascadeDistance(summariseCascades([star(3)]))(sizeOnly))).toBe('sim.depth');
  });
});
