import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, ParamError } from '../../src/model/errors.js';
import type { NetworkView } from '../../src/sim/metric-view.js';
import { amplificationRatio } from '../../src/sim/metrics/amplification-ratio.js';
import { crossCuttingExposure, crossCuttingExposureMetric } from '../../src/sim/metrics/cross-cutting-exposure.js';
import { estebanRay, estebanRayMetric, estebanRayOfGroups } from '../../src/sim/metrics/esteban-ray.js';
import { exposureDiversity, exposureDiversityMetric } from '../../src/sim/metrics/exposure-diversity.js';
import { binSide, stanceBin } from '../../src/sim/metrics/metric-support.js';
import { ring } from './metric-graphs.js';

const SEED = 190_5;

function view(opinions: number[], bins: number, rows: number[][]): NetworkView {
  return { graph: ring(opinions.length), opinions: Float64Array.from(opinions), exposure: { bins, counts: Float64Array.from(rows.flat()) } };
}

describe('stance bins', () => {
  it('five bins: edges and sides by hand', () => {
    expect([-1, -0.61, -0.59, -0.1, 0, 0.19, 0.21, 0.6, 1].map((s) => stanceBin(s, 5))).toEqual([0, 0, 1, 2, 2, 2, 3, 4, 4]);
    expect([0, 1, 2, 3, 4].map((b) => binSide(b, 5))).toEqual([-1, -1, 0, 1, 1]);
    expect([0, 1, 2, 3].map((b) => binSide(b, 4))).toEqual([-1, -1, 1, 1]);
  });
});

describe('exposure.diversity (Gini–Simpson over stance bins)', () => {
  it('hand-made exposure log', () => {
    // Account 0 saw 4 posts in one bin: D = 0, H = 0.
    // Account 1 saw 2 + 2 in two bins: D = 1 − (1/4 + 1/4) = 1/2, H = ln 2.
    // Account 2 saw 1, 1, 2 in three bins: D = 1 − (1/16 + 1/16 + 1/4) = 5/8, H = 2·(1/4)ln 4 + (1/2)ln 2 = 1.5 ln 2.
    // Account 3 saw nothing: left out.
    const v = view([0, 0, 0, 0], 3, [[4, 0, 0], [2, 0, 2], [1, 1, 2], [0, 0, 0]]);
    const d = exposureDiversity(v);
    expect(d.accounts).toBe(3);
    expect(d.simpson).toBeCloseTo((0 + 1 / 2 + 5 / 8) / 3, 15);
    expect(d.entropy).toBeCloseTo((0 + Math.LN2 + 1.5 * Math.LN2) / 3, 15);
    expect(exposureDiversityMetric.scalar(v)).toBe(d.simpson);
  });

  it('NaN when nobody saw anything; errors name the field', () => {
    expect(exposureDiversity(view([0, 0], 2, [[0, 0], [0, 0]])).simpson).toBeNaN();
    expect(() => exposureDiversityMetric.scalar({ graph: ring(2) })).toThrow(/exposure\.diversity.*`exposure`/);
    expect(() => exposureDiversityMetric.scalar(view([0, 0], 2, [[1, 0], [0, -1]]))).toThrow(/exposure\.counts\[3\]/);
    expect(() => exposureDiversityMetric.scalar({ graph: ring(2), exposure: { bins: 2, counts: new Float64Array(3) } })).toThrow(InputError);
  });

  it('lies in [0, 1 − 1/K] and is unchanged by relabelling accounts or scaling a row (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.array(fc.nat(9), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 12 }), fc.nat(10), (bins, raw, k) => {
        const rows = raw.map((r) => r.slice(0, bins));
        const v = view(rows.map(() => 0), bins, rows);
        const d = exposureDiversity(v).simpson;
        if (Number.isNaN(d)) return rows.every((r) => r.every((c) => c === 0));
        if (!(d >= -1e-15 && d <= 1 - 1 / bins + 1e-12)) return false;
        const shifted = [...rows.slice(k % rows.length), ...rows.slice(0, k % rows.length)];
        const scaled = rows.map((r, i) => (i === 0 ? r.map((c) => 3 * c) : r));
        return Math.abs(exposureDiversity(view(rows.map(() => 0), bins, shifted)).simpson - d) < 1e-12 && Math.abs(exposureDiversity(view(rows.map(() => 0), bins, scaled)).simpson - d) < 1e-12;
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('exposure.cross-cutting (Bakshy et al. 2015)', () => {
  it('hand-made exposure log, five bins (middle bin neutral)', () => {
    // bins:                L2 L1 N  R1 R2
    const rows = [
      [3, 1, 5, 1, 0], // left reader: partisan 5, cross 1
      [0, 0, 9, 0, 0], // left reader, neutral content only: partisan 0
      [2, 0, 0, 2, 4], // right reader: partisan 8, cross 2
      [7, 7, 7, 7, 7], // no side (opinion 0): left out
    ];
    const d = crossCuttingExposure(view([-0.5, -1, 0.3, 0], 5, rows));
    expect(d.left).toBe(1 / 5);
    expect(d.right).toBe(2 / 8);
    expect(d.share).toBe(3 / 13);
    expect(d.partisanExposures).toBe(13);
  });

  it('four bins: no neutral bin, every exposure is partisan', () => {
    const d = crossCuttingExposure(view([1, -1], 4, [[1, 1, 1, 1], [0, 2, 6, 0]]));
    expect(d.right).toBe(2 / 4);
    expect(d.left).toBe(6 / 8);
    expect(d.share).toBe(8 / 12);
  });

  it('in [0, 1]; mirroring opinions and bins together leaves it unchanged and swaps the sides (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.tuple(fc.integer({ min: -2, max: 2 }), fc.array(fc.nat(9), { minLength: 6, maxLength: 6 })), { minLength: 1, maxLength: 10 }),
        (bins, raw) => {
          const opinions = raw.map(([o]) => o / 2);
          const rows = raw.map(([, r]) => r.slice(0, bins));
          const d = crossCuttingExposure(view(opinions, bins, rows));
          const m = crossCuttingExposure(view(opinions.map((o) => -o), bins, rows.map((r) => [...r].reverse())));
          const same = (a: number, b: number): boolean => (Number.isNaN(a) ? Number.isNaN(b) : Math.abs(a - b) < 1e-12);
          const bounded = Number.isNaN(d.share) || (d.share >= 0 && d.share <= 1);
          return bounded && same(d.share, m.share) && same(d.left, m.right) && same(d.right, m.left);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('needs opinions and exposure', () => {
    expect(() => crossCuttingExposureMetric.scalar({ graph: ring(2), exposure: { bins: 2, counts: new Float64Array(4) } })).toThrow(/`opinions`/);
  });
});

describe('opinion.esteban-ray (Esteban & Ray 1994)', () => {
  it('two equal groups at −1 and 1: P = k · 2^(−α)', () => {
    const x = [-1, -1, -1, 1, 1, 1];
    for (const alpha of [0.5, 1, 1.6]) {
      // Σ over the two ordered pairs of distinct groups: 2 · (1/2)^(1+α) · (1/2) · 2.
      expect(estebanRay(x, { alpha }).polarization).toBeCloseTo(2 ** -alpha, 14);
      expect(estebanRay(x, { alpha, k: 3 }).polarization).toBeCloseTo(3 * 2 ** -alpha, 14);
    }
  });

  it('groups of 1/4 at 0 and 3/4 at 1 on [0, 1], α = 1: P = (1/4)²(3/4) + (3/4)²(1/4) = 3/16', () => {
    const x = [0, 1, 1, 1];
    expect(estebanRay(x, { alpha: 1, min: 0, max: 1 }).polarization).toBeCloseTo(3 / 16, 15);
    const d = estebanRay(x, { alpha: 1, min: 0, max: 1, bins: 4 });
    expect(d.shares).toEqual([0.25, 0.75]);
    expect(d.values).toEqual([0, 1]);
  });

  it('three groups by hand: shares 1/2, 1/4, 1/4 at −1, 0, 1, α = 1', () => {
    // Ordered pairs: (A,B) .5²·.25·1, (A,C) .5²·.25·2, (B,A) .25²·.5·1, (B,C) .25²·.25·1, (C,A) .25²·.5·2, (C,B) .25²·.25·1
    const expected = 0.0625 + 0.125 + 0.03125 + 0.015625 + 0.0625 + 0.015625;
    expect(estebanRay([-1, -1, 0, 1], { alpha: 1, bins: 3 }).polarization).toBeCloseTo(expected, 15);
    expect(estebanRayOfGroups([0.5, 0.25, 0.25], [-1, 0, 1], 1)).toBeCloseTo(expected, 15);
  });

  it('0 at consensus; bad options and out-of-range opinions are errors naming the field', () => {
    expect(estebanRay([0.3, 0.3, 0.3]).polarization).toBe(0);
    expect(() => estebanRay([0], { alpha: 2 })).toThrow(ParamError);
    expect(() => estebanRay([0], { alpha: 2 })).toThrow(/`alpha`/);
    expect(() => estebanRay([0], { bins: 0 })).toThrow(/`bins`/);
    expect(() => estebanRay([0.5], { min: 0, max: 0 })).toThrow(/`max`/);
    expect(() => estebanRay([2])).toThrow(/outside \[min, max\]/);
    expect(() => estebanRayMetric.scalar({ graph: ring(2) })).toThrow(/`opinions`/);
  });

  it('non-negative, invariant under permutation, and under reflection x → −x (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 40 }), fc.double({ min: 0.05, max: 1.6, noNaN: true }), (ints, alpha) => {
        const x = ints.map((v) => v / 100);
        const p = estebanRay(x, { alpha, bins: 8 }).polarization;
        const reversed = estebanRay([...x].reverse(), { alpha, bins: 8 }).polarization;
        const mirrored = estebanRay(x.map((v) => -v), { alpha, bins: 8 }).polarization;
        // Mirroring moves a value on a bin edge to the other bin, so compare at the level of the groups only when none sits on an inner edge.
        const onEdge = x.some((v) => v !== -1 && v !== 1 && Number.isInteger(((v + 1) / 2) * 8));
        return p >= 0 && Math.abs(p - reversed) < 1e-12 && (onEdge || Math.abs(p - mirrored) < 1e-12);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('amplification ratio (Huszár et al. 2022)', () => {
  it('by hand: reach and impressions per account, treatment over control', () => {
    // Treatment: 100 accounts, 30 reached, 90 impressions. Control: 200 accounts, 20 reached, 40 impressions.
    const r = amplificationRatio({ accounts: 100, reached: 30, impressions: 90 }, { accounts: 200, reached: 20, impressions: 40 });
    expect(r.reach).toBeCloseTo(0.3 / 0.1, 15);
    expect(r.impressions).toBeCloseTo(0.9 / 0.2, 15);
  });

  it('1 against itself, NaN when the control never showed the set, errors on impossible totals', () => {
    const t = { accounts: 10, reached: 4, impressions: 7 };
    expect(amplificationRatio(t, t)).toEqual({ reach: 1, impressions: 1 });
    expect(amplificationRatio(t, { accounts: 10, reached: 0, impressions: 0 }).reach).toBeNaN();
    expect(() => amplificationRatio({ accounts: 10, reached: 11, impressions: 11 }, t)).toThrow(/`treatment`/);
    expect(() => amplificationRatio(t, { accounts: 0, reached: 0, impressions: 0 })).toThrow(/`control`/);
  });
});
