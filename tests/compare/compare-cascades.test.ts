import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCascades, sizeBinOf, sizeMatchWeights, type ComparisonRow } from '../../src/compare/compare-cascades.js';
import { InputError, ParamError } from '../../src/model/errors.js';
import type { CascadeTree } from '../../src/sim/cascade-record.js';

function tree(parent: number[]): CascadeTree {
  return { parent: Int32Array.from(parent), node: Int32Array.from(parent.map((_, i) => i)), time: Float64Array.from(parent.map((_, i) => i)) };
}
const star = (n: number) => tree(Array.from({ length: n }, (_, i) => (i === 0 ? -1 : 0)));
const path = (n: number) => tree(Array.from({ length: n }, (_, i) => i - 1));
/** Root with two branches: a path of a and a path of b nodes. */
const fork = (a: number, b: number) => tree([-1, ...Array.from({ length: a }, (_, i) => i), 0, ...Array.from({ length: b - 1 }, (_, i) => a + 1 + i)]);
const times = <T>(n: number, f: () => T) => Array.from({ length: n }, f);

function pick(rows: ComparisonRow[], feature: string, matching: string): ComparisonRow {
  const r = rows.find((x) => x.feature === feature && x.matching === matching);
  if (!r) throw new Error(`no row ${feature}/${matching}`);
  return r;
}

describe('size bins', () => {
  it('default bins are ⌊log₂ size⌋; custom edges count the edges ≤ size', () => {
    expect([1, 2, 3, 4, 7, 8, 1023, 1024].map((s) => sizeBinOf(s))).toEqual([0, 1, 1, 2, 2, 3, 9, 10]);
    expect([1, 4, 5, 9, 10, 100].map((s) => sizeBinOf(s, [1, 5, 10]))).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('log2 bins: weights make the simulated bin masses equal the archive’s over the shared bins', () => {
    const m = sizeMatchWeights([2, 3, 5, 40], [2, 2, 2, 6, 100], 'log2');
    // Bins: sim 1,1,2,5; archive 1,1,1,2,6. Shared 1 (3 archive, 2 sim) and 2 (1, 1).
    expect(Array.from(m.simWeights)).toEqual([1.5, 1.5, 1, 0]);
    expect(Array.from(m.archiveWeights)).toEqual([1, 1, 1, 1, 0]);
    expect(m.simOutside).toBe(1);
    expect(m.archiveOutside).toBe(1);
  });
});

describe('exact size matching (the default)', () => {
  it('matches exact sizes; a size without partner joins the nearest shared size inside the shared range, others are left out', () => {
    // Shared sizes: 2 (sim 2, archive 3) and 10 (sim 1, archive 1).
    // Sim 3 joins 2 (|ln 3/2| < |ln 10/3|); sim 6 joins 10 (|ln 10/6| = 0.51 < |ln 6/2| = 1.10);
    // archive 4 joins 2 (|ln 4/2| = 0.69 < |ln 10/4| = 0.92); sim 40 and archive 1 lie outside [2, 10].
    const sim = [2, 2, 3, 6, 10, 40];
    const arch = [1, 2, 2, 2, 4, 10];
    const m = sizeMatchWeights(sim, arch);
    // Group 2: archive 4 (2, 2, 2, 4), sim 3 (2, 2, 3) → 4/3 each; group 10: archive 1 (10), sim 2 (6, 10) → 1/2.
    expect(Array.from(m.simWeights)).toEqual([4 / 3, 4 / 3, 4 / 3, 0.5, 0.5, 0]);
    expect(Array.from(m.archiveWeights)).toEqual([0, 1, 1, 1, 1, 1]);
    expect([m.simOutside, m.archiveOutside]).toEqual([1, 1]);
  });

  it('ties go to the smaller shared size, and nothing matches without a shared size', () => {
    // 4 is as far from 2 as from 8 on a log scale: it joins 2.
    expect(Array.from(sizeMatchWeights([2, 4, 8], [2, 8]).simWeights)).toEqual([0.5, 0.5, 1]);
    const none = sizeMatchWeights([2, 3], [5, 6]);
    expect(Array.from(none.simWeights)).toEqual([0, 0]);
    expect([none.simOutside, none.archiveOutside]).toEqual([2, 2]);
  });

  it('property: over the kept groups, the weighted simulated size distribution equals the archive’s (exact sizes where both hold them)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 60 }), (sim, arch) => {
        const m = sizeMatchWeights(sim, arch);
        const shared = new Set(sim.filter((x) => arch.includes(x)));
        for (const x of shared) {
          // A shared size's weighted simulated mass at least its archive mass (orphans may join it), and exactly so when no orphan joined.
          const simMass = sim.reduce((t, v, i) => t + (v === x ? m.simWeights[i] : 0), 0);
          const archMass = arch.reduce((t, v, i) => t + (v === x ? m.archiveWeights[i] : 0), 0);
          const orphans = [...sim, ...arch].some((v) => !shared.has(v) && v > Math.min(...shared) && v < Math.max(...shared));
          if (!orphans) expect(simMass).toBeCloseTo(archMass, 9);
        }
        const totalSim = m.simWeights.reduce((t, w) => t + w, 0);
        const totalArch = m.archiveWeights.reduce((t, w) => t + w, 0);
        expect(totalSim).toBeCloseTo(totalArch, 9);
      }),
      { numRuns: 200 },
    );
  });
});

describe('compareCascades', () => {
  it('returns one raw and one size-matched row per feature', () => {
    const rows = compareCascades([star(3), path(4)], [star(3), path(5)], { features: ['depth', 'structural-virality'] });
    expect(rows.map((r) => `${r.feature}/${r.matching}`)).toEqual([
      'depth/raw',
      'structural-virality/raw',
      'depth/size-matched',
      'structural-virality/size-matched',
    ]);
    expect(compareCascades([star(3)], [star(3)], { matchOnSize: false }).every((r) => r.matching === 'raw')).toBe(true);
  });

  it('identical sets give zero distances and p = 1', () => {
    const set = [star(3), path(6), fork(2, 3), star(9), path(9)];
    for (const r of compareCascades(set, [...set].reverse(), { k: 3, topK: 1 })) {
      expect(r.ks).toBe(0);
      expect(r.wasserstein).toBe(0);
      expect(r.ksPValue).toBe(1);
      expect(r.simMedian).toBe(r.archiveMedian);
    }
  });

  it('size-matched equals raw when both sets have the same size distribution', () => {
    // Same sizes (3, 5, 9, 17 — one per bin, in equal proportions), different shapes and set sizes.
    const archive = [star(3), fork(2, 2), path(9), fork(8, 8)];
    const simulated = [...times(2, () => path(3)), ...times(2, () => star(5)), ...times(2, () => fork(4, 4)), ...times(2, () => star(17))];
    const rows = compareCascades(simulated, archive, { k: 4 });
    for (const raw of rows.filter((r) => r.matching === 'raw')) {
      const m = pick(rows, raw.feature, 'size-matched');
      expect(m.ks).toBeCloseTo(raw.ks, 12);
      expect(m.wasserstein).toBeCloseTo(raw.wasserstein, 12);
      expect(m.ksPValue).toBeCloseTo(raw.ksPValue, 12);
      expect(m.simMedian).toBeCloseTo(raw.simMedian, 12);
      expect(m.archiveMedian).toBe(raw.archiveMedian);
      expect(m.nSimEffective).toBeCloseTo(raw.nSim, 9);
    }
  });

  it('size matching removes a difference due only to the size mix (stars of 4, paths of 16)', () => {
    // Per size the shapes agree: size 4 is always a star (ν = 3/2), size 16 always a path (ν = 17/3).
    // Archive: 75 % small; simulation: 25 % small.
    const archive = [...times(30, () => star(4)), ...times(10, () => path(16))];
    const simulated = [...times(10, () => star(4)), ...times(30, () => path(16))];
    const rows = compareCascades(simulated, archive, { features: ['structural-virality', 'depth'] });
    const raw = pick(rows, 'structural-virality', 'raw');
    const matched = pick(rows, 'structural-virality', 'size-matched');
    // Raw: F_arch(3/2) = 3/4, F_sim(3/2) = 1/4, so D = 1/2 and W₁ = 1/2 · (17/3 − 3/2).
    expect(raw.ks).toBeCloseTo(0.5, 12);
    expect(raw.wasserstein).toBeCloseTo(0.5 * (17 / 3 - 1.5), 12);
    expect(raw.simMedian).toBeCloseTo(17 / 3, 12);
    expect(raw.archiveMedian).toBe(1.5);
    expect(matched.ks).toBeLessThan(raw.ks);
    expect(matched.wasserstein).toBeLessThan(raw.wasserstein);
    expect(matched.ks).toBeCloseTo(0, 12);
    expect(matched.wasserstein).toBeCloseTo(0, 12);
    expect(matched.simMedian).toBe(1.5);
    expect(matched.nSim).toBe(40);
    // Kish: 10 weights 3, 30 weights 1/3 → (40)² / (90 + 10/3).
    expect(matched.nSimEffective).toBeCloseTo(1600 / (90 + 10 / 3), 9);
    expect(pick(rows, 'depth', 'size-matched').ks).toBeCloseTo(0, 12);
    expect(pick(rows, 'depth', 'raw').ks).toBeCloseTo(0.5, 12);
  });

  it('log2 bins: leaves out cascades in unshared size bins and counts them', () => {
    const rows = compareCascades([star(4), star(4), path(100)], [star(5), path(2)], { features: ['depth'], sizeBins: 'log2' });
    const m = pick(rows, 'depth', 'size-matched');
    expect(m.simOutsideMatch).toBe(1);
    expect(m.archiveOutsideMatch).toBe(1);
    expect(m.nSim).toBe(2);
    expect(m.nArchive).toBe(1);
    expect(m.ks).toBe(0);
    expect(pick(rows, 'depth', 'raw').simOutsideMatch).toBe(0);
  });

  it('counts cascades that never reach k as dropped, not as values', () => {
    const rows = compareCascades([star(3), star(8), star(12)], [path(2), path(10)], { features: ['time-to-k'], k: 5, matchOnSize: false });
    const r = pick(rows, 'time-to-k', 'raw');
    expect(r.simDropped).toBe(1);
    expect(r.archiveDropped).toBe(1);
    expect(r.nSim).toBe(2);
    expect(r.nArchive).toBe(1);
    // Every reached time is 4 (entry i joins at i).
    expect(r.wasserstein).toBe(0);
  });

  it('gives NaN rows for an empty set and rejects bad options', () => {
    const [r] = compareCascades([], [star(3)], { features: ['size'], matchOnSize: false });
    expect(r.ks).toBeNaN();
    expect(r.wasserstein).toBeNaN();
    expect(() => compareCascades([star(3)], [star(3)], { sizebins: [1] } as never)).toThrow(InputError);
    expect(() => compareCascades([star(3)], [star(3)], { sizeBins: [4, 2] })).toThrow(ParamError);
    expect(() => compareCascades([star(3)], [star(3)], { features: ['virality' as never] })).toThrow(/features/);
    expect(() => compareCascades([star(3)], [star(3)], { k: 1.5 })).toThrow(/`k`/);
  });
});
