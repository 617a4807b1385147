import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binCounts, ccdfPoints, histogramBins, stripOffsets } from '../../src/viz/charts/chart-data.js';
import { linearTicks, logTicks, makeScale, niceStep } from '../../src/viz/charts/chart-scales.js';
import { OKABE_ITO, PALETTE, seriesStyle, type ChartSpec, type PanelSpec } from '../../src/viz/charts/chart-spec.js';
import { renderSvg } from '../../src/viz/charts/render-svg.js';
import { escapeXml } from '../../src/viz/charts/svg-text.js';
import { elements, hasClass, parseSvg } from './svg-support.js';

const line: ChartSpec = {
  kind: 'line',
  title: 'Variance over time',
  subtitle: 'mean ± 95 % CI',
  x: { label: 'time', unit: 'steps' },
  y: { label: 'variance' },
  bandLabel: '95 % CI',
  series: [
    { name: 'a', x: [0, 10, 20, 30], y: [1, 2, 3, 4], lower: [0.5, 1.5, 2.5, 3.5], upper: [1.5, 2.5, 3.5, 4.5] },
    { name: 'b', x: [0, 10, 20, 30], y: [4, Number.NaN, 2, 1] },
  ],
};
const histogram: ChartSpec = { kind: 'histogram', title: 'H', x: { label: 'v' }, groups: [{ name: 'a', values: [1, 2, 2, 3, 3, 3] }, { name: 'b', values: [2, 4, Infinity] }] };
const ccdf: ChartSpec = { kind: 'ccdf', title: 'Sizes', x: { label: 'size' }, groups: [{ name: 'a', values: [1, 2, 3, 10, 30, 100, 1000] }, { name: 'b', values: [0, 5, 5, 50] }] };
const strip: ChartSpec = { kind: 'strip', title: 'S', x: { label: 'v' }, intervalLabel: 'mean and CI', groups: [{ name: 'a', values: [1, 2, 3], centre: 2, lower: 1, upper: 3 }, { name: 'b', values: [Number.NaN, 5] }] };
const forest: ChartSpec = { kind: 'point-range', title: 'F', x: { label: 'difference' }, reference: 0, rows: [{ label: 'b − a', estimate: 1, lower: 0.5, upper: 1.5, note: '4 pairs' }, { label: 'c − a', estimate: Number.NaN }] };
const multiples: ChartSpec = { kind: 'small-multiples', title: 'M', columns: 2, panels: [line as PanelSpec, histogram as PanelSpec, strip as PanelSpec] };
const ALL: ChartSpec[] = [line, histogram, ccdf, strip, forest, multiples];

function tickTexts(doc: Document, anchor: 'middle' | 'end'): Array<{ text: string; x: number; y: number }> {
  return elements(doc, 'text')
    .filter((t) => hasClass(t, 'tick') && t.getAttribute('text-anchor') === anchor)
    .map((t) => ({ text: t.textContent ?? '', x: Number(t.getAttribute('x')), y: Number(t.getAttribute('y')) }));
}

describe('chart scales', () => {
  it('nice steps are 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(0.3, 5)).toBe(0.05);
    expect(niceStep(7000, 5)).toBe(1000);
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), fc.integer({ min: 2, max: 12 }), (span, count) => {
        const step = niceStep(span, count);
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-12);
        expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
      }),
    );
  });

  it('linear ticks cover the data, are evenly spaced and print without floating-point noise (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.double({ min: 1e-3, max: 1e5, noNaN: true }), (lo, span) => {
        const { domain, ticks, step } = linearTicks(lo, lo + span);
        // Ends may fall short of the data by rounding noise only (a few ulps, far below a pixel).
        const noise = 1e-8 * step + 1e-14 * (Math.abs(lo) + span);
        expect(domain[0]).toBeLessThanOrEqual(lo + noise);
        expect(domain[1]).toBeGreaterThanOrEqual(lo + span - noise);
        for (let i = 1; i < ticks.length; i++) expect(ticks[i].value - ticks[i - 1].value).toBeCloseTo(step, 6);
        for (const t of ticks) expect(Number(t.label.replace('\u2212', '-'))).toBeCloseTo(t.value, 9);
      }),
    );
    expect(linearTicks(0.1, 0.7).ticks.map((t) => t.label)).toEqual(['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7']);
    expect(linearTicks(-1, 1).ticks.map((t) => t.label)).toEqual(['\u22121.0', '\u22120.5', '0.0', '0.5', '1.0']);
  });

  it('log ticks sit on powers of ten, with 2× and 5× labels over two decades or less', () => {
    const wide = logTicks(3, 700);
    expect(wide.domain).toEqual([1, 1000]);
    expect(wide.ticks.filter((t) => !t.minor).map((t) => t.value)).toEqual([1, 10, 100, 1000]);
    expect(wide.ticks.filter((t) => t.minor)).toHaveLength(24);
    const narrow = logTicks(2, 50);
    expect(narrow.ticks.filter((t) => !t.minor).map((t) => t.label)).toEqual(['1', '2', '5', '10', '20', '50', '100']);
    const huge = logTicks(1e-5, 1e20);
    // 25 decades from 10^−5: every third decade labelled, the top widened to 10^22 so both ends carry a tick.
    expect(huge.ticks.map((t) => Math.round(Math.log10(t.value)))).toEqual([-5, -2, 1, 4, 7, 10, 13, 16, 19, 22]);
    expect(huge.domain).toEqual([1e-5, 1e22]);
    expect(huge.ticks.find((t) => t.value === 1e13)).toMatchObject({ label: '10', exponent: '13' });
    expect(huge.ticks.find((t) => t.value === 1e-5)).toMatchObject({ label: '10', exponent: '\u22125' });
  });

  it('a log scale maps each decade to the same length', () => {
    const s = makeScale({ kind: 'log', values: [1, 1000], range: [0, 300] });
    expect([1, 10, 100, 1000].map((v) => s.map(v))).toEqual([0, 100, 200, 300]);
    expect(s.map(Math.sqrt(10))).toBeCloseTo(50, 9);
  });
});

describe('chart data', () => {
  it('CCDF: P(X ≥ x) at each distinct value, hand example', () => {
    expect(ccdfPoints([5, 1, 2, 1, Number.NaN])).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 0.5 },
      { x: 5, y: 0.25 },
    ]);
  });

  it('histogram bins share nice edges and count each finite value once (the last bin is closed)', () => {
    expect(binCounts([0, 0.5, 1, 2.9, 3, 3.1, Number.NaN], [0, 1, 2, 3])).toEqual([2, 1, 2]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 30 }), (values, bins) => {
        const { edges } = histogramBins(values, bins);
        const counts = binCounts(values, edges);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(values.length);
      }),
    );
  });

  it('strip offsets are deterministic and within [−½, ½)', () => {
    const o = stripOffsets(50);
    expect(o).toEqual(stripOffsets(50));
    expect(o.every((v) => v >= -0.5 && v < 0.5)).toBe(true);
  });

  it('the palette is Okabe–Ito, with dashes past eight series', () => {
    expect(new Set(PALETTE)).toEqual(new Set(Object.values(OKABE_ITO)));
    expect(seriesStyle(0)).toEqual({ colour: OKABE_ITO.blue, dash: '' });
    expect(seriesStyle(8).colour).toBe(seriesStyle(0).colour);
    expect(seriesStyle(8).dash).not.toBe('');
  });
});

describe('renderSvg', () => {
  it.each(ALL.map((s) => [s.kind, s] as const))('%s: well-formed standalone SVG with title, size and viewBox', (_, spec) => {
    const svg = renderSvg(spec);
    const doc = parseSvg(svg);
    const root = doc.documentElement;
    expect(root.nodeName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.getAttribute('width'))).toBeGreaterThan(100);
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${root.getAttribute('width')} ${root.getAttribute('height')}`);
    expect(elements(doc, 'title')[0].textContent).toBe(spec.title);
    // Every clip-path reference names a clipPath of this document.
    const ids = new Set(elements(doc, 'clipPath').map((c) => c.getAttribute('id')));
    for (const g of elements(doc, 'g')) {
      const ref = g.getAttribute('clip-path');
      if (ref) expect(ids.has(/^url\(#(.+)\)$/.exec(ref)![1])).toBe(true);
    }
  });

  it('is deterministic: the same spec (or a copy) gives the same bytes', () => {
    for (const spec of ALL) {
      expect(renderSvg(spec)).toBe(renderSvg(structuredClone(spec)));
    }
  });

  it('escapes <, & and > in titles, labels, legend names and row labels', () => {
    const nasty = 'a <b> & "c" \'d\' </svg>';
    const specs: ChartSpec[] = [
      { ...line, title: nasty, x: { label: nasty, unit: '<u>' }, series: [{ ...line.series[0], name: nasty }, line.series[1]] } as ChartSpec,
      { ...forest, title: nasty, rows: [{ label: nasty, estimate: 1, note: nasty }] } as ChartSpec,
    ];
    for (const spec of specs) {
      const svg = renderSvg(spec);
      expect(svg).not.toContain('<b>');
      expect(svg).not.toContain('& "');
      const doc = parseSvg(svg);
      expect(elements(doc, 'svg')).toHaveLength(1);
      const texts = elements(doc, 'text').map((t) => t.textContent);
      expect(texts).toContain(nasty);
      expect(elements(doc, 'title')[0].textContent).toBe(nasty);
    }
    expect(escapeXml('<&>')).toBe('&lt;&amp;&gt;');
  });

  it('CCDF on log-log axes: decade ticks equally spaced, points at their P(X ≥ x)', () => {
    const doc = parseSvg(renderSvg(ccdf));
    const x = tickTexts(doc, 'middle');
    expect(x.map((t) => t.text)).toEqual(['1', '10', '100', '1000']);
    const dx = x.slice(1).map((t, i) => t.x - x[i].x);
    for (const d of dx) expect(d).toBeCloseTo(dx[0], 1);
    const y = tickTexts(doc, 'end');
    // P(X ≥ x) spans 1/7..1: one decade, so 0.2 and 0.5 are labelled too.
    expect(y.map((t) => t.text)).toEqual(['0.1', '0.2', '0.5', '1']);
    expect(y[1].y - y[3].y).toBeCloseTo((y[0].y - y[3].y) * Math.log10(5), 1);
    // The non-positive value of group b is reported, not silently dropped.
    expect(elements(doc, 'text').some((t) => (t.textContent ?? '').includes('1 value ≤ 0 not shown'))).toBe(true);
  });

  it('line chart: ticks map linearly onto the plot, and a NaN breaks the line', () => {
    const doc = parseSvg(renderSvg(line));
    const x = tickTexts(doc, 'middle');
    expect(x.map((t) => t.text)).toEqual(['0', '5', '10', '15', '20', '25', '30']);
    const paths = elements(doc, 'path').filter((p) => hasClass(p, 'series'));
    expect(paths).toHaveLength(2);
    // Series b has y = [4, NaN, 2, 1]: a lone point (a move, drawn as a marker) then a segment of two.
    const d = paths[1].getAttribute('d')!;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
    expect(elements(doc, 'circle')).toHaveLength(1);
    // The first series' band is one closed polygon of 8 points.
    const band = elements(doc, 'path').find((p) => p.getAttribute('fill-opacity') === '0.18')!;
    expect(band.getAttribute('d')!.match(/[ML]/g)).toHaveLength(8);
  });

  it('log axes: non-positive points are counted in a note, not silently dropped', () => {
    const spec: ChartSpec = { kind: 'line', title: 'L', x: { label: 'x' }, y: { label: 'y', scale: 'log' }, series: [{ name: 'a', x: [0, 1, 2, 3], y: [1, 0, -5, 100] }] };
    const doc = parseSvg(renderSvg(spec));
    expect(elements(doc, 'text').some((t) => t.textContent === '2 points ≤ 0 not shown on the log axis')).toBe(true);
  });

  it('point-range: one estimate per finite row, a reference line, and a placeholder for a missing estimate', () => {
    const doc = parseSvg(renderSvg(forest));
    expect(elements(doc, 'circle').filter((c) => hasClass(c, 'estimate'))).toHaveLength(1);
    expect(elements(doc, 'line').filter((l) => hasClass(l, 'reference'))).toHaveLength(1);
    expect(elements(doc, 'text').some((t) => t.textContent === 'no estimate')).toBe(true);
  });

  it('strip: one dot per finite value and n per row', () => {
    const doc = parseSvg(renderSvg(strip));
    expect(elements(doc, 'circle').filter((c) => hasClass(c, 'dot'))).toHaveLength(4);
    const texts = elements(doc, 'text').map((t) => t.textContent);
    expect(texts).toContain('n = 3');
    expect(texts).toContain('n = 1 (+1 non-finite)');
  });

  it('small multiples: one nested panel per spec, with distinct clip ids', () => {
    const doc = parseSvg(renderSvg(multiples, { idPrefix: 'm1' }));
    const panels = elements(doc, 'svg').filter((s) => hasClass(s, 'panel'));
    expect(panels).toHaveLength(3);
    const ids = elements(doc, 'clipPath').map((c) => c.getAttribute('id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id!.startsWith('m1-'))).toBe(true);
  });

  it('without data: axes and a "no data" note instead of a crash', () => {
    const empty: ChartSpec = { kind: 'line', title: 'E', x: { label: 'x' }, y: { label: 'y' }, series: [] };
    const doc = parseSvg(renderSvg(empty));
    expect(elements(doc, 'text').some((t) => t.textContent === 'no data')).toBe(true);
  });

  it('any labels and numbers render to well-formed XML (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    const num = fc.oneof(fc.double(), fc.constantFrom(0, -1, 1e-300, 1e300, Number.NaN, Infinity, -Infinity));
    const nums = fc.array(num, { maxLength: 12 });
    const axis = fc.record({ label: text, unit: fc.option(text, { nil: undefined }), scale: fc.constantFrom<'linear' | 'log'>('linear', 'log') });
    const panel: fc.Arbitrary<PanelSpec> = fc.oneof(
      fc.record({ kind: fc.constant('line' as const), title: text, x: axis, y: axis, series: fc.array(fc.record({ name: text, x: nums, y: nums, lower: nums, upper: nums }), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('histogram' as const), title: text, x: axis, groups: fc.array(fc.record({ name: text, values: nums }), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('ccdf' as const), title: text, x: axis, groups: fc.array(fc.record({ name: text, values: nums }), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('strip' as const), title: text, x: axis, groups: fc.array(fc.record({ name: text, values: nums, centre: num, lower: num, upper: num }), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('point-range' as const), title: text, x: axis, rows: fc.array(fc.record({ label: text, estimate: num, lower: num, upper: num, note: text }), { maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(panel, fc.array(panel, { maxLength: 3 }), (p, ps) => {
        parseSvg(renderSvg(p));
        parseSvg(renderSvg({ kind: 'small-multiples', title: 'multi', panels: ps }));
      }),
      { numRuns: 150 },
    );
  });
});
