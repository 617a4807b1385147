/**
 * Sweeps drawn as sweeps (src/report/report-charts.ts responseChart): a
 * numeric parameter swept over 3 or more values gives one response curve
 * per final metric, first on the page; one line per value of any other
 * swept parameter, points in increasing x, the mean and interval of each
 * arm; categorical arms give none.
 */
import { describe, expect, it } from 'vitest';
import { responseChart, responseParameter } from '../../src/report/report-charts.js';
import { reportHtml } from '../../src/report/report-html.js';
import { summarize } from '../../src/report/summary-stats.js';
import { fixtureExperiment, fixtureResult } from './report-fixtures.js';

describe('response curves', () => {
  const resolved = fixtureExperiment({ vary: { mu: ['a', 'b'], eps: [0.5, 0.3, 0.4] }, replicates: 3, metrics: ['consensus', 'm'] });
  const results = resolved.runs.map((run) =>
    fixtureResult(run, { consensus: (run.params.eps as number) >= 0.4 && run.replicate > 0 ? 1 : 0, m: 10 * (run.params.eps as number) + run.replicate + (run.params.mu === 'b' ? 0.5 : 0) }),
  );
  const summary = summarize(resolved, results);

  it('picks the first numeric parameter with 3 or more values, never arm or a categorical one', () => {
    expect(responseParameter(resolved.vary)).toBe('eps');
    expect(responseParameter({ arm: [1, 2, 3] })).toBeNull();
    expect(responseParameter({ rule: ['a', 'b', 'c'], eps: [0.1, 0.2] })).toBeNull();
  });

  it('one line per value of the other parameter, x increasing, each point the arm\'s mean and interval', () => {
    const m = summary.finals.find((f) => f.metric === 'm')!;
    const chart = responseChart(m, summary.arms, 'eps', summary.level);
    expect(chart.series.map((s) => s.name)).toEqual(['mu=a', 'mu=b']);
    for (const s of chart.series) {
      expect(s.x).toEqual([0.3, 0.4, 0.5]);
      s.x.forEach((x, k) => {
        const i = summary.arms.findIndex((a) => a.params.eps === x && `mu=${String(a.params.mu)}` === s.name);
        expect(s.y[k]).toBe(m.arms[i].stats.mean);
        expect(s.lower?.[k]).toBe(m.arms[i].stats.ci?.lower);
      });
    }
    // mu=b is 0.5 above mu=a at every eps.
    chart.series[1].y.forEach((y, k) => expect(y - chart.series[0].y[k]).toBeCloseTo(0.5, 12));
    const c = responseChart(summary.finals.find((f) => f.metric === 'consensus')!, summary.arms, 'eps', summary.level);
    expect(c.y.bounds).toEqual([0, 1]);
    expect(c.subtitle).toContain('(Wilson)');
  });

  it('the page opens with the curves (before the setup) when a numeric parameter is swept; not for categorical arms', () => {
    const html = reportHtml(resolved, results);
    expect((html.match(/data-kind="response"/g) ?? []).length).toBe(2);
    expect(html.indexOf('id="response"')).toBeLessThan(html.indexOf('id="setup"'));
    const arms = fixtureExperiment({ vary: { rule: ['old', 'new', 'newer'] }, replicates: 2, metrics: ['m'] });
    expect(reportHtml(arms, arms.runs.map((run) => fixtureResult(run, { m: run.replicate }))) ).not.toContain('data-kind="response"');
  });
});
