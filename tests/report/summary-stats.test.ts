import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/experiment/experiment-types.js';
import { reportHtml } from '../../src/report/report-html.js';
import { summaryMarkdown } from '../../src/report/summary-markdown.js';
import { armIdOf, pairedDifferences, summarize } from '../../src/report/summary-stats.js';
import { fixtureExperiment, fixtureResult, handInterval, runsOf } from './report-fixtures.js';

// t(0.975, ν) from printed tables, for the hand-computed intervals below.
const T975: Record<number, number> = { 1: 12.7062, 2: 4.302653, 3: 3.182446, 4: 2.776445 };

describe('summarize: arms and per-arm statistics', () => {
  const resolved = fixtureExperiment({ vary: { eps: [0.3, 0.1], mu: ['a', 'b'] }, replicates: 3, metrics: ['m', 'k'] });
  // Final m of arm (eps, mu) in replicate r: 10·r + (arm effect), k = 1 everywhere.
  const effect = (eps: number, mu: string): number => (eps === 0.3 ? 0 : 5) + (mu === 'a' ? 0 : 1);
  const results = resolved.runs.map((run) => fixtureResult(run, { m: 10 * run.replicate + effect(run.params.eps as number, run.params.mu as string), k: 1 }));

  it('lists the arms in grid order (declaration order of values, first parameter outermost) whatever the result order', () => {
    const shuffled = [...results].reverse();
    const s = summarize(resolved, shuffled);
    expect(s.arms.map((a) => a.label)).toEqual(['eps=0.3, mu=a', 'eps=0.3, mu=b', 'eps=0.1, mu=a', 'eps=0.1, mu=b']);
    expect(s.arms.map((a) => a.index)).toEqual([0, 1, 2, 3]);
    expect(s.arms.every((a) => a.plannedRuns === 3 && a.resultRuns === 3)).toBe(true);
  });

  it('takes the first value of every swept parameter as the reference arm', () => {
    const s = summarize(resolved, results);
    const ref = s.arms.find((a) => a.isReference)!;
    expect(ref.params).toEqual({ eps: 0.3, mu: 'a' });
    expect(s.reference).toBe(ref.id);
    expect(s.arms.filter((a) => a.isReference)).toHaveLength(1);
  });

  it('per arm: n, mean, SD and the 95 % t interval of the replicate values', () => {
    const s = summarize(resolved, results);
    const m = s.finals.find((f) => f.metric === 'm')!;
    // Arm eps=0.1, mu=b: values 6, 16, 26 -> mean 16, SD 10, CI 16 ± 4.302653·10/√3.
    const stats = m.arms[3].stats;
    const hand = handInterval([6, 16, 26], T975[2]);
    expect(stats.n).toBe(3);
    expect(stats.mean).toBeCloseTo(16, 12);
    expect(stats.sd).toBeCloseTo(10, 12);
    expect(stats.ci!.lower).toBeCloseTo(hand.lower, 4);
    expect(stats.ci!.upper).toBeCloseTo(hand.upper, 4);
    expect(s.metrics).toEqual(['m', 'k']);
  });

  it('paired differences remove the replicate effect: exact arm effects with zero-width intervals', () => {
    const s = summarize(resolved, results);
    const diffs = s.differences.filter((d) => d.metric === 'm');
    expect(diffs).toHaveLength(3);
    const byLabel = Object.fromEntries(diffs.map((d) => [s.arms.find((a) => a.id === d.arm)!.label, d]));
    expect(byLabel['eps=0.3, mu=b'].stats.mean).toBeCloseTo(1, 12);
    expect(byLabel['eps=0.1, mu=a'].stats.mean).toBeCloseTo(5, 12);
    expect(byLabel['eps=0.1, mu=b'].stats.mean).toBeCloseTo(6, 12);
    for (const d of diffs) {
      expect(d.stats.n).toBe(3);
      expect(d.stats.ci!.upper - d.stats.ci!.lower).toBeCloseTo(0, 9);
      expect(d.missingPairs).toBe(0);
    }
    // The unpaired intervals are wide (replicates differ by 10): pairing is what makes the difference precise.
    const m = s.finals.find((f) => f.metric === 'm')!;
    expect(m.arms[0].stats.ci!.upper - m.arms[0].stats.ci!.lower).toBeGreaterThan(40);
  });
});

describe('paired differences on hand-made results', () => {
  const resolved = fixtureExperiment({ vary: { rule: ['old', 'new'] }, replicates: 4 });
  const old = runsOf(resolved, { rule: 'old' });
  const neu = runsOf(resolved, { rule: 'new' });

  it('pairs by the common-random-numbers key, not by position, and gives the paired t interval', () => {
    const a = [1.0, 2.0, 4.0, 3.0];
    const b = [2.0, 2.5, 5.5, 4.0];
    const results: RunResult[] = [
      ...old.map((run, r) => fixtureResult(run, { m: a[r] })),
      // Arm `new` delivered in scrambled order.
      ...[2, 0, 3, 1].map((r) => fixtureResult(neu[r], { m: b[r] })),
    ];
    const s = summarize(resolved, results);
    const d = s.differences[0];
    // Differences b − a: 1, 0.5, 1.5, 1 -> mean 1, SD √(1/6), t(0.975, 3) = 3.182446.
    const hand = handInterval([1, 0.5, 1.5, 1], T975[3]);
    expect(d.stats.n).toBe(4);
    expect(d.stats.mean).toBeCloseTo(1, 12);
    expect(d.stats.sd).toBeCloseTo(Math.sqrt(1 / 6), 12);
    expect(d.stats.ci!.lower).toBeCloseTo(hand.lower, 5);
    expect(d.stats.ci!.upper).toBeCloseTo(hand.upper, 5);
  });

  it('counts replicates present in one arm only as missing pairs', () => {
    const results = [...old.slice(0, 3).map((run) => fixtureResult(run, { m: 1 })), ...neu.slice(1).map((run) => fixtureResult(run, { m: 3 }))];
    const s = summarize(resolved, results);
    const d = s.differences[0];
    // Replicates 1 and 2 are in both arms; 0 only in `old`, 3 only in `new`.
    expect(d.stats.n).toBe(2);
    expect(d.missingPairs).toBe(2);
    expect(d.stats.mean).toBe(2);
    expect(s.notes.some((n) => n.includes('without a partner'))).toBe(true);
    expect(s.notes.some((n) => n.includes('6 of 8 planned runs'))).toBe(true);
  });

  it('leaves out pairs with a non-finite value and notes NaN and infinities per arm', () => {
    const results = [
      ...old.map((run, r) => fixtureResult(run, { m: r === 1 ? Number.NaN : r })),
      ...neu.map((run, r) => fixtureResult(run, { m: r === 3 ? Infinity : r + 2 })),
    ];
    const s = summarize(resolved, results);
    const d = s.differences[0];
    expect(d.nonFinitePairs).toBe(2);
    expect(d.stats.n).toBe(2);
    expect(d.stats.mean).toBe(2);
    expect(s.finals[0].arms[0].stats.nonFinite.nan).toBe(1);
    expect(s.finals[0].arms[1].stats.nonFinite.positiveInfinity).toBe(1);
    expect(s.notes.filter((n) => n.includes('non-finite'))).toHaveLength(3);
  });

  it('a single replicate gives means and differences without intervals, and says so', () => {
    const one = fixtureExperiment({ vary: { rule: ['old', 'new'] }, replicates: 1 });
    const results = one.runs.map((run) => fixtureResult(run, { m: run.params.rule === 'old' ? 1 : 4 }));
    const s = summarize(one, results);
    expect(s.finals[0].arms.map((a) => a.stats.ci)).toEqual([null, null]);
    expect(s.differences[0].stats.mean).toBe(3);
    expect(s.differences[0].stats.ci).toBeNull();
    expect(s.notes.some((n) => n.includes('undefined'))).toBe(true);
  });

  it('without a sweep there is one arm and no differences', () => {
    const flat = fixtureExperiment({ replicates: 3 });
    const s = summarize(flat, flat.runs.map((run) => fixtureResult(run, { m: run.replicate })));
    expect(s.arms).toHaveLength(1);
    expect(s.arms[0].label).toBe('all runs');
    expect(s.reference).toBeNull();
    expect(s.differences).toEqual([]);
    expect(s.finals[0].arms[0].stats.mean).toBe(1);
  });

  it('a scenario sweep over `arm` is labelled by the arm names', () => {
    const sc = fixtureExperiment({ vary: { arm: ['with-hubs', 'hubs-muted'] }, replicates: 2 });
    const s = summarize(sc, sc.runs.map((run) => fixtureResult(run, { m: 1 })));
    expect(s.arms.map((a) => a.label)).toEqual(['with-hubs', 'hubs-muted']);
  });

  it('a run delivered twice (e.g. merged shards overlapping) counts once', () => {
    const results = [...old, ...neu].map((run) => fixtureResult(run, { m: run.replicate }));
    const s = summarize(resolved, [...results, ...results]);
    expect(s.finals[0].arms.map((a) => a.stats.n)).toEqual([4, 4]);
    expect(s.resultRuns).toBe(8);
  });

  it('pairedDifferences is antisymmetric in its arms (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 4, maxLength: 4 }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 4, maxLength: 4 }), (a, b) => {
        const ra = old.map((run, r) => fixtureResult(run, { m: a[r] }));
        const rb = neu.map((run, r) => fixtureResult(run, { m: b[r] }));
        const ab = pairedDifferences(rb, ra, 'm').differences;
        const ba = pairedDifferences(ra, rb, 'm').differences;
        expect(ab.map((x) => -x + 0)).toEqual(ba.map((x) => x + 0));
      }),
      { numRuns: 50 },
    );
  });
});

describe('summary, markdown and report on arbitrary partial results (property)', () => {
  const resolved = fixtureExperiment({ vary: { eps: [0.1, 0.2], mu: [true, false] }, replicates: 3, metrics: ['m', 'k'] });
  const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0));

  it('never throws; per arm, n plus non-finite values is the number of results; one difference per metric and non-reference arm', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), value, value), { minLength: resolved.runs.length, maxLength: resolved.runs.length }), (cells) => {
        const results = resolved.runs.flatMap((run, i) => (cells[i][0] ? [fixtureResult(run, { m: cells[i][1], k: cells[i][2] }, { series: [{ t: 0, values: { m: cells[i][1] } }] })] : []));
        const s = summarize(resolved, results);
        expect(s.arms).toHaveLength(4);
        for (const m of s.finals) {
          m.arms.forEach((a, i) => expect(a.stats.n + a.stats.nonFinite.total).toBe(s.arms[i].resultRuns));
        }
        expect(s.differences).toHaveLength(2 * 3);
        // Pairs used or left out cover the replicates both arms have; missing pairs, those only one has.
        const replicatesOf = (armId: string): Set<number> => new Set(results.filter((r) => armIdOf(resolved.vary, r.run.params) === armId).map((r) => r.run.replicate));
        for (const d of s.differences) {
          const a = replicatesOf(d.arm);
          const b = replicatesOf(d.reference);
          const both = [...a].filter((r) => b.has(r)).length;
          expect(d.stats.n + d.nonFinitePairs).toBe(both);
          expect(d.missingPairs).toBe(a.size + b.size - 2 * both);
        }
        expect(summaryMarkdown(resolved, results)).toContain('## Results');
        expect(reportHtml(resolved, results)).toContain('</html>');
      }),
      { numRuns: 40 },
    );
  });
});
