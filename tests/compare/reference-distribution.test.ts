/**
 * The approximate sample rebuilt from a percentile summary. Hand example:
 * min 0, p10 10, p25 20, p50 30, p75 50, p90 70, p99 100, max 200.
 * Between the knots Q is a straight line, e.g. Q(0.05) = 5 (halfway from
 * (0, 0) to (0.1, 10)), Q(0.375) = 25 (halfway from (0.25, 20) to
 * (0.5, 30)), Q(0.995) = 150. With m = 101 the sample is Q(i/100): its
 * type-7 percentiles at i/100 are the i-th order statistic, i.e. the knots.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  SUMMARY_KNOTS,
  approximateSample,
  defaultSampleSize,
  parseReferenceFile,
  piecewiseQuantile,
  type7Percentile,
  type PercentileSummary,
} from '../../src/compare/reference-distribution.js';
import { ParamError, InputError } from '../../src/model/errors.js';

const HAND: PercentileSummary = { min: 0, p10: 10, p25: 20, p50: 30, p75: 50, p90: 70, p99: 100, max: 200 };
const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('piecewiseQuantile', () => {
  it('passes through every knot and is linear between them (hand values)', () => {
    const q = piecewiseQuantile(HAND);
    for (const [p, key] of SUMMARY_KNOTS) expect(q(p)).toBe(HAND[key]);
    expect(q(0.05)).toBeCloseTo(5, 12);
    expect(q(0.375)).toBeCloseTo(25, 12);
    expect(q(0.8)).toBeCloseTo(50 + (0.05 / 0.15) * 20, 12);
    expect(q(0.995)).toBeCloseTo(150, 9);
  });

  it('is non-decreasing for any non-decreasing summary', () => {
    const summary = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 8, maxLength: 8 }).map((v) => {
      const s = [...v].sort((a, b) => a - b);
      return { min: s[0], p10: s[1], p25: s[2], p50: s[3], p75: s[4], p90: s[5], p99: s[6], max: s[7] };
    });
    fc.assert(
      fc.property(summary, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (s, u, v) => {
        const q = piecewiseQuantile(s);
        const [lo, hi] = u <= v ? [u, v] : [v, u];
        expect(q(lo)).toBeLessThanOrEqual(q(hi));
        expect(q(lo)).toBeGreaterThanOrEqual(s.min);
        expect(q(hi)).toBeLessThanOrEqual(s.max);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects decreasing percentiles and probabilities outside [0, 1], naming the field', () => {
    expect(() => piecewiseQuantile({ ...HAND, p50: 15 })).toThrow(/p50.*must not decrease/);
    expect(() => piecewiseQuantile({ ...HAND, p99: NaN })).toThrow(ParamError);
    expect(() => piecewiseQuantile(HAND)(1.5)).toThrow(ParamError);
  });
});

describe('approximateSample', () => {
  it('a sample of m = 101 points has exactly the summary as its type-7 percentiles', () => {
    const x = approximateSample(HAND, 101);
    expect(x.length).toBe(101);
    for (const [p, key] of SUMMARY_KNOTS) expect(type7Percentile(x, p)).toBeCloseTo(HAND[key], 9);
    // Evenly spaced probabilities: x[5] = Q(0.05) = 5, x[60] = Q(0.6) = 30 + 0.1/0.25·20 = 38.
    expect(x[5]).toBeCloseTo(5, 12);
    expect(x[60]).toBeCloseTo(38, 12);
    for (let i = 1; i < x.length; i++) expect(x[i]).toBeGreaterThanOrEqual(x[i - 1]);
  });

  it('keeps the percentiles for any m − 1 multiple of 100', () => {
    for (const m of [201, 1001]) {
      const x = approximateSample(HAND, m);
      for (const [p, key] of SUMMARY_KNOTS) expect(type7Percentile(x, p)).toBeCloseTo(HAND[key], 9);
    }
  });

  it('defaultSampleSize is the count rounded to 100 k + 1, at least 101', () => {
    expect(defaultSampleSize(1490)).toBe(1501);
    expect(defaultSampleSize(370)).toBe(401);
    expect(defaultSampleSize(20)).toBe(101);
    expect(defaultSampleSize(undefined)).toBe(1001);
  });
});

describe('parseReferenceFile', () => {
  it('reads the shipped twitter15 reference: overall and four labels, six features each', () => {
    const text = readFileSync(path.join(REPO, 'reference', 'twitter15.json'), 'utf8');
    const ref = parseReferenceFile(text, 'reference/twitter15.json');
    expect(Object.keys(ref.byLabel).sort()).toEqual(['false', 'non-rumor', 'true', 'unverified']);
    expect(Object.keys(ref.overall).sort()).toEqual(['depth', 'max-breadth', 'size', 'structural-virality', 'time-to-90pct', 'time-to-k']);
    const raw = JSON.parse(text) as { overall: { size: PercentileSummary } };
    expect(type7Percentile(approximateSample(ref.overall.size as PercentileSummary, 1501), 0.5)).toBeCloseTo(raw.overall.size.p50, 9);
  });

  it('names the file and field of bad input', () => {
    expect(() => parseReferenceFile('{', 'x.json')).toThrow(InputError);
    expect(() => parseReferenceFile('{"byLabel": {}}', 'x.json')).toThrow(/x\.json.*overall/);
    expect(() => parseReferenceFile(JSON.stringify({ overall: { size: { ...HAND, p25: 5 } } }), 'x.json')).toThrow(/x\.json: .*overall\.size\.p25/);
  });
});
