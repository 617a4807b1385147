/**
 * The chart kinds for sweeps and designs (src/viz/charts/render-svg.ts):
 * heatmaps of a 2-D grid, bars with intervals (Sobol indices), the
 * reference line of a response curve, and where a curve crosses 1/2.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_OVERLAID_ARMS, firstCrossing, heatmapChart, heatmapParameter, responseChart, seriesChart } from '../../src/report/report-charts.js';
import { reportHtml } from '../../src/report/report-html.js';
import { seriesBand, thinBand } from '../../src/report/series-stats.js';
import { summarize } from '../../src/report/summary-stats.js';
import type { BarSpec, HeatmapSpec } from '../../src/viz/charts/chart-spec.js';
import { renderSvg, viridis } from '../../src/viz/charts/render-svg.js';
import { fixtureExperiment, fixtureResult } from './report-fixtures.js';
import { elements, hasClass, parseSvg } from './svg-support.js';

const heat: HeatmapSpec = {
  kind: 'heatmap',
  title: 'clusters over γ × ε',
  x: { label: 'gamma', values: ['0', '0.5', '1'] },
  y: { label: 'epsilon', values: ['0.1', '0.2'] },
  cells: [
    [4, 8, Number.NaN],
    [1, 2, 3],
  ],
  colour: { label: 'mean clusters' },
};

describe('heatmap', () => {
  it('one cell per value, coloured on viridis from the lowest to the highest value, the value printed in each', () => {
    const doc = parseSvg(renderSvg(heat));
    const cells = elements(doc, 'rect').filter((r) => hasClass(r, 'cell'));
    expect(cells).toHaveLength(6);
    const fills = cells.map((c) => c.getAttribute('fill'));
    // Row 0 (epsilon 0.1) is drawn first; the lowest value (1) is viridis(0), the highest (8) viridis(1).
    expect(fills[3]).toBe(viridis(0));
    expect(fills[1]).toBe(viridis(1));
    expect(fills[2]).toBe('#ffffff');
    const texts = elements(doc, 'text').filter((t) => hasClass(t, 'cell-value')).map((t) => t.textContent);
    expect(texts).toEqual(['4', '8', '—', '1', '2', '3']);
    // Rows run bottom to top: the first row of `cells` (epsilon 0.1) lies below the second.
    expect(Number(cells[0].getAttribute('y'))).toBeGreaterThan(Number(cells[3].getAttribute('y')));
    expect(elements(doc, 'linearGradient')).toHaveLength(1);
  });

  it('viridis runs from dark purple to yellow and interpolates between its stops', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(viridis(-3)).toBe('#440154');
    expect(viridis(0.5)).toBe('#21918c');
  });

  it('a proportion keeps the colour scale on [0, 1] whatever the values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), (v) => {
        const spec: HeatmapSpec = { ...heat, x: { label: 'a', values: ['1', '2'] }, cells: [v.slice(0, 2), v.slice(2)], colour: { label: 'p', min: 0, max: 1, bounds: [0, 1] } };
        const doc = parseSvg(renderSvg(spec));
        const fills = elements(doc, 'rect').filter((r) => hasClass(r, 'cell')).map((c) => c.getAttribute('fill'));
        expect(fills).toEqual([v[0], v[1], v[2], v[3]].map((x) => viridis(x)));
        const ticks = elements(doc, 'text').filter((t) => hasClass(t, 'tick')).slice(0, 10);
        for (const t of ticks) expect(Number((t.textContent ?? '').replace('\u2212', '-'))).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 50 },
    );
  });
});

describe('bars', () => {
  it('a bar per category and series, from zero to the value, whiskers at the interval', () => {
    const bars: BarSpec = {
      kind: 'bars',
      title: 'Sobol',
      x: { label: 'index', min: 0, max: 1 },
      categories: ['x1', 'x2'],
      series: [
        { name: 'S', values: [0.25, 0.5], lower: [0.2, 0.4], upper: [0.3, 0.6] },
        { name: 'ST', values: [0.75, Number.NaN] },
      ],
      intervalLabel: '95 % interval',
    };
    const doc = parseSvg(renderSvg(bars));
    const rects = elements(doc, 'rect').filter((r) => hasClass(r, 'bar'));
    expect(rects).toHaveLength(3);
    const w = rects.map((r) => Number(r.getAttribute('width')));
    // Widths are proportional to the values on a [0, 1] axis.
    expect(w[1] / w[0]).toBeCloseTo(3, 2);
    expect(w[2] / w[0]).toBeCloseTo(2, 2);
    expect(new Set(rects.map((r) => r.getAttribute('x'))).size).toBe(1);
    expect(elements(doc, 'line').filter((l) => hasClass(l, 'whisker'))).toHaveLength(2);
    expect(doc.documentElement.textContent).toContain('no estimate');
  });
});

describe('response curves of proportions', () => {
  it('firstCrossing interpolates linearly inside the first straddling segment', () => {
    expect(firstCrossing([0.3, 0.4, 0.5], [0, 0.25, 1], 0.5)).toBeCloseTo(0.4 + (0.25 / 0.75) * 0.1, 12);
    expect(firstCrossing([1, 2], [0.5, 0.9], 0.5)).toBe(1);
    expect(firstCrossing([1, 2, 3], [0.1, 0.2, 0.3], 0.5)).toBeNull();
    expect(firstCrossing([1, 2, 3], [Number.NaN, 0.2, 0.8], 0.5)).toBeCloseTo(2.5, 12);
    // A falling curve crosses too.
    expect(firstCrossing([0, 1], [1, 0], 0.5)).toBeCloseTo(0.5, 12);
  });

  it('a proportion gets the axis [0, 1], a dashed line at 1/2 and the crossing in its subtitle', () => {
    const resolved = fixtureExperiment({ vary: { eps: [0.3, 0.4, 0.5] }, replicates: 4, metrics: ['consensus'] });
    const results = resolved.runs.map((run) => fixtureResult(run, { consensus: (run.params.eps as number) === 0.3 ? 0 : (run.params.eps as number) === 0.4 ? (run.replicate === 0 ? 1 : 0) : 1 }));
    const summary = summarize(resolved, results);
    const chart = responseChart(summary.finals[0], summary.arms, 'eps', summary.level);
    expect(chart.y).toMatchObject({ min: 0, max: 1 });
    expect(chart.reference).toEqual({ y: 0.5, label: '1/2' });
    // Means 0, 0.25, 1: crossing at 0.4 + (0.25 / 0.75) · 0.1 = 0.4333.
    expect(chart.subtitle).toContain('crosses 1/2 at eps ≈ 0.4333');
    const doc = parseSvg(renderSvg(chart));
    expect(elements(doc, 'line').filter((l) => hasClass(l, 'reference'))).toHaveLength(1);
  });

  it('a 2-D numeric grid gives a heatmap of the means, rows and columns in increasing order', () => {
    const resolved = fixtureExperiment({ vary: { g: [1, 0, 2], e: [0.2, 0.1] }, replicates: 2, metrics: ['m'] });
    const results = resolved.runs.map((run) => fixtureResult(run, { m: 10 * (run.params.g as number) + 100 * (run.params.e as number) + run.replicate }));
    const summary = summarize(resolved, results);
    expect(heatmapParameter(resolved.vary, 'g')).toBe('e');
    expect(heatmapParameter({ arm: [1, 2], g: [1, 2, 3] }, 'g')).toBeNull();
    const h = heatmapChart(summary.finals[0], summary.arms, 'g', 'e', summary.level);
    expect(h.x.values).toEqual(['0', '1', '2']);
    expect(h.y.values).toEqual(['0.1', '0.2']);
    // Mean over replicates 0 and 1 adds 0.5.
    h.cells.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(10 * c + 100 * [0.1, 0.2][r] + 0.5, 9)));
  });
});

describe('time series of a grid with many arms', () => {
  it('thinBand keeps the first and last time and at most `max`, evenly spaced', () => {
    const band = { t: Array.from({ length: 201 }, (_, i) => 50 * i), mean: Array.from({ length: 201 }, (_, i) => i), lower: Array(201).fill(0), upper: Array(201).fill(1), n: Array(201).fill(3), carried: 0, interpolated: 0 };
    const thin = thinBand(band, 51);
    expect(thin.t).toHaveLength(51);
    expect(thin.t[0]).toBe(0);
    expect(thin.t[50]).toBe(10_000);
    expect(thin.t.every((t, i) => i === 0 || t - thin.t[i - 1] === 200)).toBe(true);
    thin.t.forEach((t, i) => expect(thin.mean[i]).toBe(t / 50));
    expect(thinBand(band, 500)).toBe(band);
  });

  it('a grid of two parameters is faceted: one panel per value of the first, one line per value of the second; key values over time fold away', () => {
    const resolved = fixtureExperiment({ vary: { g: [0, 1, 2], e: [0.1, 0.2, 0.3] }, replicates: 2, metrics: ['m'] });
    const results = resolved.runs.map((run) =>
      fixtureResult(run, { m: 1 }, { series: [0, 10, 20].map((t) => ({ t, values: { m: t * (run.params.g as number) + (run.params.e as number) + run.replicate } })) }),
    );
    const summary = summarize(resolved, results);
    expect(summary.arms.length).toBeGreaterThan(MAX_OVERLAID_ARMS);
    const bands = summary.arms.map((a) => seriesBand(results.filter((r) => r.run.params.g === a.params.g && r.run.params.e === a.params.e), 'm'));
    const chart = seriesChart('m', summary.arms, bands, 'steps', summary.level);
    expect(chart.kind).toBe('small-multiples');
    if (chart.kind !== 'small-multiples') return;
    expect(chart.panels.map((p) => p.title)).toEqual(['g=0', 'g=1', 'g=2']);
    for (const p of chart.panels) {
      if (p.kind !== 'line') throw new Error('line panels expected');
      expect(p.series.map((x) => x.name)).toEqual(['e=0.1', 'e=0.2', 'e=0.3']);
    }
    const html = reportHtml({ ...resolved, definition: { ...resolved.definition, outcomes: ['m'] } }, results);
    expect(html).toContain('id="key"');
    const key = html.slice(html.indexOf('id="key"'), html.indexOf('id="setup"'));
    expect(key).not.toContain('data-kind="line"');
    expect(html.indexOf('data-kind="line"')).toBeGreaterThan(html.indexOf('id="series"'));
  });

  it('one numeric parameter over many values: one chart, a line per value in increasing order on the viridis ramp, no bands', () => {
    const values = [0.7, 0.3, 0.5, 0.35, 0.4, 0.45, 0.55, 0.6];
    const resolved = fixtureExperiment({ vary: { eps: values }, replicates: 2, metrics: ['m'] });
    const results = resolved.runs.map((run) => fixtureResult(run, { m: 1 }, { series: [0, 5].map((t) => ({ t, values: { m: t * (run.params.eps as number) } })) }));
    const summary = summarize(resolved, results);
    const bands = summary.arms.map((a) => seriesBand(results.filter((r) => r.run.params.eps === a.params.eps), 'm'));
    const chart = seriesChart('m', summary.arms, bands, 'steps', summary.level);
    if (chart.kind !== 'line') throw new Error(`one line chart expected, got ${chart.kind}`);
    const sorted = [...values].sort((a, b) => a - b);
    expect(chart.series.map((x) => x.name)).toEqual(sorted.map((v) => `eps=${v}`));
    expect(chart.series.map((x) => x.colour)).toEqual(sorted.map((_, k) => viridis((0.85 * k) / (sorted.length - 1))));
    chart.series.forEach((x, k) => {
      expect(x.lower).toBeUndefined();
      expect(x.y[1]).toBeCloseTo(5 * sorted[k], 12);
    });
  });
});
