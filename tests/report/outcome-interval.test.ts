/**
 * Intervals that fit the outcome (src/report/outcome-interval.ts,
 * outcome-kind.ts): Wilson against published values, the bootstrap seeded
 * and within the range, the kinds resolved in the right order, and the
 * summary using them. The property: no interval, per arm or paired, leaves
 * the outcome's possible range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval, describeOutcome, wilsonInterval, zOf } from '../../src/report/outcome-interval.js';
import { bounded, COUNT, CONTINUOUS, declaredKind, differenceRange, inferredKind, kindRange, outcomeKindOf, PROPORTION, type OutcomeKind } from '../../src/report/outcome-kind.js';
import { describeSample } from '../../src/report/sample-stats.js';
import { summarize } from '../../src/report/summary-stats.js';
import { summaryMarkdown } from '../../src/report/summary-markdown.js';
import { Rng } from '../../src/model/rng.js';
import { makeScale } from '../../src/viz/charts/chart-scales.js';
import { seriesBand } from '../../src/report/series-stats.js';
import { defineScenario } from '../../src/sim/platform/scenario.js';
import { fixtureExperiment, fixtureResult } from './report-fixtures.js';

const SEED = 20261206;

describe('Wilson score interval', () => {
  it('matches published values: 1 of 2, 0 of 10, 10 of 10, 7 of 20 at 95 %', () => {
    // Newcombe, Stat. Med. 17, 857–872 (1998), Table I (Wilson without continuity correction), and direct evaluation.
    const one = wilsonInterval(1, 2);
    expect(one.lower).toBeCloseTo(0.0945, 4);
    expect(one.upper).toBeCloseTo(0.9055, 4);
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonInterval(0, 10).upper).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10).lower).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(10, 10).upper).toBe(1);
    const s = wilsonInterval(7, 20);
    expect(s.lower).toBeCloseTo(0.1812, 4);
    expect(s.upper).toBeCloseTo(0.5671, 4);
  });

  it('z at other levels from the normal tail: 1.644854 at 90 %, 2.575829 at 99 %', () => {
    expect(zOf(0.9)).toBeCloseTo(1.644854, 5);
    expect(zOf(0.99)).toBeCloseTo(2.575829, 5);
    expect(zOf(0.95)).toBe(1.959963984540054);
  });
});

describe('percentile bootstrap of the mean', () => {
  it('is a function of its stream, and close to the t interval for a large sample', () => {
    const rng = new Rng('sample');
    const values = Array.from({ length: 400 }, () => rng.normal() * 3 + 10);
    const a = bootstrapMeanInterval(values, new Rng('k'));
    expect(bootstrapMeanInterval(values, new Rng('k'))).toEqual(a);
    const t = describeSample(values).ci!;
    expect((a.upper - a.lower) / (t.upper - t.lower)).toBeGreaterThan(0.9);
    expect((a.upper - a.lower) / (t.upper - t.lower)).toBeLessThan(1.1);
  });
});

describe('outcome kinds', () => {
  it('declared first (exact, then the longest prefix pattern), then built in, then what the values show', () => {
    const kinds = { 'share.*': bounded(0, 1), 'share.hub': COUNT, 'share.hub.*': PROPORTION };
    expect(declaredKind(kinds, 'share.hub')).toBe(COUNT);
    expect(declaredKind(kinds, 'share.hub.us')).toBe(PROPORTION);
    expect(declaredKind(kinds, 'share.x')).toEqual(bounded(0, 1));
    expect(declaredKind(kinds, 'other')).toBeUndefined();
    expect(outcomeKindOf('steps', [1.5, 2])).toBe(COUNT);
    expect(outcomeKindOf('consensus', [1, 1])).toBe(PROPORTION);
    expect(outcomeKindOf('steps', [1], { outcomeKinds: { steps: CONTINUOUS } })).toBe(CONTINUOUS);
    expect(inferredKind([0, 1, 1, Number.NaN])).toBe(PROPORTION);
    expect(inferredKind([1, 1])).toBe(CONTINUOUS);
    expect(inferredKind([0, 1, 2])).toBe(CONTINUOUS);
    expect(inferredKind([])).toBe(CONTINUOUS);
  });

  it('a scenario declaring a kind for an outcome it does not describe, or a bad kind, is refused naming it', () => {
    const base = {
      id: 'kinds',
      title: 'Kinds',
      question: 'Q?',
      lookFor: 'x',
      params: { agents: 50 },
      outcomes: () => ({ a: 1 }),
      outcomeHelp: { a: 'an outcome' },
    };
    expect(() => defineScenario({ ...base, outcomeKinds: { a: bounded(0, 1) } })).not.toThrow();
    expect(() => defineScenario({ ...base, outcomeKinds: { b: COUNT } })).toThrow(/outcomeKinds\.b.*outcomeHelp \(a\)/);
    expect(() => defineScenario({ ...base, outcomeKinds: { a: { kind: 'bounded', lower: 1, upper: 0 } } })).toThrow(/outcomeKinds\.a/);
    expect(() => defineScenario({ ...base, outcomeKinds: { a: { kind: 'share' } as unknown as OutcomeKind } })).toThrow(/outcomeKinds\.a/);
  });
});

/** A kind with values drawn inside its range. */
const kindAndValues = fc.oneof(
  fc.tuple(fc.constant(PROPORTION), fc.array(fc.constantFrom(0, 1), { minLength: 1, maxLength: 30 })),
  fc.tuple(fc.constant(COUNT), fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 30 })),
  fc
    .tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.001, max: 10, noNaN: true }))
    .chain(([lo, w]) => fc.tuple(fc.constant(bounded(lo, lo + w)), fc.array(fc.double({ min: lo, max: lo + w, noNaN: true }), { minLength: 1, maxLength: 30 }))),
);

describe('no interval leaves the possible range', () => {
  it('per arm and for paired differences, whatever the values (fast-check, pinned seed)', () => {
    fc.assert(
      fc.property(kindAndValues, kindAndValues, ([kind, values], [, other]) => {
        const [lo, hi] = kindRange(kind);
        const s = describeOutcome(values, kind, 'p');
        if (values.length >= 2) expect(s.ci).not.toBeNull();
        if (s.ci !== null) {
          expect(s.ci.lower).toBeGreaterThanOrEqual(lo);
          expect(s.ci.upper).toBeLessThanOrEqual(hi);
          expect(s.ci.lower).toBeLessThanOrEqual(s.ci.upper);
        }
        // Differences of two values of the kind (the other sample clipped into this kind's range).
        const n = Math.min(values.length, other.length);
        const diffs = Array.from({ length: n }, (_, i) => values[i] - Math.min(hi, Math.max(lo, other[i])));
        const d = describeOutcome(diffs, kind, 'd', { difference: true });
        const [dlo, dhi] = differenceRange(kind);
        if (d.ci !== null) {
          expect(d.ci.lower).toBeGreaterThanOrEqual(dlo);
          expect(d.ci.upper).toBeLessThanOrEqual(dhi);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('the t interval of the same 0/1 values does leave [0, 1]: the reason for Wilson', () => {
    expect(describeSample([0, 1]).ci!.lower).toBeLessThan(0);
    const w = describeOutcome([0, 1], PROPORTION, 'x');
    expect(w.method).toBe('wilson');
    expect(w.ci!.lower).toBeCloseTo(0.0945, 4);
  });
});

describe('summaries use the kind of each outcome', () => {
  const resolved = fixtureExperiment({ vary: { eps: [0.3, 0.45] }, replicates: 4, metrics: ['consensus', 'steps', 'm'] });
  const results = resolved.runs.map((run) =>
    fixtureResult(run, { consensus: run.params.eps === 0.45 && run.replicate % 2 === 0 ? 1 : 0, steps: 2 + 100 * run.replicate, m: run.replicate - 1.5 }),
  );
  const s = summarize(resolved, results);

  it('Wilson for consensus, bootstrap for steps (never below 0), t for a continuous metric; the paired differences likewise', () => {
    const at = (metric: string, arm: number) => s.finals.find((f) => f.metric === metric)!.arms[arm].stats;
    expect(at('consensus', 1).method).toBe('wilson');
    expect(at('consensus', 1).ci!.lower).toBeGreaterThanOrEqual(0);
    expect(at('consensus', 0).ci!.upper).toBeCloseTo(wilsonInterval(0, 4).upper, 12);
    expect(at('steps', 0).method).toBe('bootstrap');
    expect(at('steps', 0).ci!.lower).toBeGreaterThanOrEqual(2);
    expect(at('m', 0).method).toBe('t');
    const diff = s.differences.find((d) => d.metric === 'consensus')!;
    expect(diff.stats.method).toBe('bootstrap');
    expect(diff.stats.ci!.lower).toBeGreaterThanOrEqual(-1);
    expect(diff.stats.ci!.upper).toBeLessThanOrEqual(1);
  });

  it('summary.md names each kind and method, and says when fewer than 5 runs make the intervals rough', () => {
    const md = summaryMarkdown(resolved, results);
    expect(md).toContain('Kind: proportion; interval: Wilson score.');
    expect(md).toContain('Kind: count; interval: percentile bootstrap.');
    expect(md).toContain('Kind: continuous; interval: t.');
    expect(md).toContain('Fewer than 5 runs in every arm: the intervals are rough');
    const five = fixtureExperiment({ vary: { eps: [0.3, 0.45] }, replicates: 5, metrics: ['m'] });
    expect(summaryMarkdown(five, five.runs.map((run) => fixtureResult(run, { m: run.replicate * 0.5 })))).not.toContain('Fewer than 5 runs');
  });
});

describe('axes and bands stay within the range', () => {
  it('a linear axis over values inside its bounds never extends past them, ticks included (fast-check, pinned seed)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (lo, width, unit) => {
          const hi = lo + width;
          const values = unit.map((u) => lo + u * width);
          const scale = makeScale({ kind: 'linear', values, range: [0, 300], bounds: [lo, hi] });
          expect(scale.domain[0]).toBeGreaterThanOrEqual(lo);
          expect(scale.domain[1]).toBeLessThanOrEqual(hi);
          for (const t of scale.ticks) {
            expect(t.value).toBeGreaterThanOrEqual(lo - 1e-9);
            expect(t.value).toBeLessThanOrEqual(hi + 1e-9);
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a series band of a correlation near 1 from two runs stops at 1 (the t band alone went to 1.4)', () => {
    const run = (v: number[]) => ({ series: v.map((x, t) => ({ t, values: { c: x } })) }) as unknown as Parameters<typeof seriesBand>[0][number];
    const runs = [run([0.5, 0.9, 0.99]), run([0.6, 0.7, 0.8])];
    const open = seriesBand(runs, 'c');
    expect(Math.max(...open.upper)).toBeGreaterThan(1);
    const cut = seriesBand(runs, 'c', [], [-1, 1]);
    expect(Math.max(...cut.upper)).toBeLessThanOrEqual(1);
    expect(cut.mean).toEqual(open.mean);
  });
});
