import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';
import { opinionClusterCount, opinionClusters, opinionClustersMetric } from '../../src/sim/metrics/opinion-clusters.js';
import { graphOf } from './metric-graphs.js';

function viewOf(x: ArrayLike<number>) {
  return { graph: graphOf(x.length, []), opinions: Float64Array.from(x) };
}

describe('opinion.clusters', () => {
  it('k equal, well separated clusters give exactly k (property, shuffled, jittered inside the gap)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 1000 }), (k, size, salt) => {
        const rng = new Rng(`clusters-${salt}`);
        const x: number[] = [];
        // Centres 0.1 apart, members within ±0.002: consecutive members are < 0.01 apart, clusters > 0.09 apart.
        for (let c = 0; c < k; c++) for (let s = 0; s < size; s++) x.push(-0.4 + 0.1 * c + rng.uniform(-0.002, 0.002));
        rng.shuffle(x);
        const d = opinionClustersMetric.detailed!(viewOf(x));
        return (
          d.effective === k &&
          d.count === k &&
          opinionClustersMetric.scalar(viewOf(x)) === k &&
          d.sizes.every((s) => s === size) &&
          Array.from(d.centres).every((m, c) => Math.abs(m - (-0.4 + 0.1 * c)) < 0.002)
        );
      }),
    );
  });

  it('unequal clusters: sizes 3 and 1 give N_eff = 16/10 and a raw count of 2', () => {
    const v = viewOf([0.1, 0.1, 0.1, 0.9]);
    expect(opinionClustersMetric.scalar(v)).toBe(1.6);
    expect(opinionClusterCount.scalar(v)).toBe(2);
  });

  it('cuts only where the gap is strictly larger than `gap`', () => {
    const x = [0, 0.5, 1];
    expect(opinionClusters(x, { gap: 0.5 }).count).toBe(1);
    expect(opinionClusters(x, { gap: 0.25 }).count).toBe(3);
    expect(opinionClusterCount.scalar(viewOf(x), { gap: 0.5 })).toBe(1);
  });

  it('clusterOf, sizes and ranges are consistent with each other', () => {
    const x = [0.9, 0.1, 0.5, 0.11, 0.505, 0.12];
    const d = opinionClusters(x);
    expect(Array.from(d.sizes)).toEqual([3, 2, 1]);
    expect(Array.from(d.clusterOf)).toEqual([2, 0, 1, 0, 1, 0]);
    expect(Array.from(d.lows)).toEqual([0.1, 0.5, 0.9]);
    expect(Array.from(d.highs)).toEqual([0.12, 0.505, 0.9]);
  });

  it('rescaling opinions and gap together gives the same clusters (domain change, exact powers of two)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.constantFrom(0.5, 2, 4), (x, s) => {
        const a = opinionClusters(x, { gap: 0.05 });
        const b = opinionClusters(x.map((v) => v * s - s / 2), { gap: 0.05 * s });
        return a.effective === b.effective && Array.from(a.clusterOf).join() === Array.from(b.clusterOf).join();
      }),
    );
  });

  it('does not reorder the view’s opinions, and is NaN without opinions', () => {
    const x = Float64Array.from([0.3, 0.1, 0.2]);
    opinionClustersMetric.detailed!({ graph: graphOf(3, []), opinions: x });
    expect(Array.from(x)).toEqual([0.3, 0.1, 0.2]);
    expect(Number.isNaN(opinionClustersMetric.scalar(viewOf([])))).toBe(true);
  });

  it('rejects a negative gap and a misspelt option', () => {
    expect(() => opinionClustersMetric.scalar(viewOf([0]), { gap: -1 })).toThrow(/invalid `gap` \(-1\)/);
    expect(() => opinionClustersMetric.scalar(viewOf([0]), { gapp: 0.1 })).toThrow(/did you mean `gap`/);
  });
});
