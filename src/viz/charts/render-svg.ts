/**
 * Chart spec -> standalone SVG text. Pure and deterministic: the same spec
 * gives the same bytes (no clock, no random jitter, coordinates rounded to
 * 0.01 px), text is XML-escaped, and nothing is fetched (no fonts, no
 * scripts), so the SVG can be inlined in an offline HTML report or written
 * as a file. Layout uses estimated text widths, not a DOM.
 */
import {
  axisTitle,
  seriesStyle,
  type AxisSpec,
  type BarSpec,
  type CcdfSpec,
  type HeatmapSpec,
  type ChartSpec,
  type HistogramSpec,
  type LineChartSpec,
  type PanelSpec,
  type PointRangeSpec,
  type SmallMultiplesSpec,
  type StripSpec,
} from './chart-spec.js';
import { binCounts, ccdfPoints, histogramBins, stripOffsets, sturgesBins } from './chart-data.js';
import { linearTicks, makeScale, type Scale, type Tick } from './chart-scales.js';
import { el, escapeXml, fitText, px, textWidth, wrapText } from './svg-text.js';

export interface RenderOptions {
  /** Prefix of the ids inside the SVG; give each chart of one HTML page its own. */
  readonly idPrefix?: string;
  readonly fontFamily?: string;
  /**
   * Default true: a standalone document with its XML namespace. False leaves
   * the namespace out, for SVG inlined in HTML (which needs none).
   */
  readonly standalone?: boolean;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const INK = '#222222';
const MUTED = '#666666';
const GRID = '#e6e6e6';
const AXIS = '#555555';
const TICK_SIZE = 11;
const LABEL_SIZE = 12;

interface Ctx {
  readonly id: string;
  readonly width: number;
  readonly height: number | undefined;
  readonly compact: boolean;
}

interface Rendered {
  readonly body: string;
  readonly width: number;
  readonly height: number;
}

interface LegendItem {
  readonly name: string;
  readonly colour: string;
  readonly dash?: string;
  readonly kind: 'line' | 'area' | 'dot' | 'interval' | 'band';
}

/** Render a chart spec as a standalone SVG document (no XML declaration needed). */
export function renderSvg(spec: ChartSpec, options: RenderOptions = {}): string {
  const id = sanitizeId(options.idPrefix ?? 'chart');
  const r =
    spec.kind === 'small-multiples'
      ? renderMultiples(spec, id)
      : renderPanel(spec, { id, width: spec.width ?? 640, height: spec.height, compact: false });
  const desc = spec.description ?? spec.subtitle ?? '';
  return (
    `<svg${options.standalone === false ? '' : ' xmlns="http://www.w3.org/2000/svg"'} width="${px(r.width)}" height="${px(r.height)}" viewBox="0 0 ${px(r.width)} ${px(r.height)}"` +
    ` role="img" aria-labelledby="${id}-title${desc ? ` ${id}-desc` : ''}" font-family="${escapeXml(options.fontFamily ?? FONT)}">` +
    `<title id="${id}-title">${escapeXml(spec.title)}</title>` +
    (desc ? `<desc id="${id}-desc">${escapeXml(desc)}</desc>` : '') +
    el('rect', { x: 0, y: 0, width: r.width, height: r.height, fill: '#ffffff' }) +
    r.body +
    '</svg>'
  );
}

function sanitizeId(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z_]/.test(clean) ? clean : `c${clean}`;
}

function renderPanel(spec: PanelSpec, ctx: Ctx): Rendered {
  switch (spec.kind) {
    case 'line':
      return renderLine(spec, ctx);
    case 'histogram':
      return renderHistogram(spec, ctx);
    case 'ccdf':
      return renderCcdf(spec, ctx);
    case 'strip':
      return renderStrip(spec, ctx);
    case 'point-range':
      return renderPointRange(spec, ctx);
    case 'heatmap':
      return renderHeatmap(spec, ctx);
    case 'bars':
      return renderBars(spec, ctx);
    default: {
      const never: never = spec;
      throw new TypeError(`viz/charts: unknown chart kind ${JSON.stringify((never as { kind?: unknown }).kind)}`);
    }
  }
}

// ---------------------------------------------------------------- header, legend

function header(spec: PanelSpec | SmallMultiplesSpec, ctx: Ctx, legend: readonly LegendItem[]): { svg: string; height: number } {
  const titleSize = ctx.compact ? 13 : 16;
  const subSize = ctx.compact ? 11 : 12;
  const maxWidth = ctx.width - 24;
  let y = 8;
  let svg = '';
  for (const line of wrapText(spec.title, titleSize, maxWidth)) {
    y += titleSize * 1.25;
    svg += el('text', { x: 12, y, 'font-size': titleSize, 'font-weight': '600', fill: INK }, escapeXml(line));
  }
  if (spec.subtitle) {
    for (const line of wrapText(spec.subtitle, subSize, maxWidth)) {
      y += subSize * 1.35;
      svg += el('text', { x: 12, y, 'font-size': subSize, fill: MUTED }, escapeXml(line));
    }
  }
  if (legend.length > 0) {
    const l = layoutLegend(legend, 12, y + 8, maxWidth);
    svg += l.svg;
    y = l.bottom;
  }
  return { svg, height: y + 6 };
}

function layoutLegend(items: readonly LegendItem[], x0: number, top: number, maxWidth: number): { svg: string; bottom: number } {
  const size = 11.5;
  const rowHeight = 17;
  let x = x0;
  let row = 0;
  let svg = '';
  for (const item of items) {
    const label = fitText(item.name, size, maxWidth - 30);
    const w = 24 + textWidth(label, size) + 16;
    if (x > x0 && x + w > x0 + maxWidth) {
      row++;
      x = x0;
    }
    const cy = top + row * rowHeight + rowHeight / 2;
    svg += legendSwatch(item, x, cy);
    svg += el('text', { x: x + 24, y: cy, dy: '0.35em', 'font-size': size, fill: INK }, escapeXml(label));
    x += w;
  }
  return { svg: `<g class="legend">${svg}</g>`, bottom: top + (row + 1) * rowHeight };
}

function legendSwatch(item: LegendItem, x: number, cy: number): string {
  switch (item.kind) {
    case 'line':
      return el('line', { x1: x, y1: cy, x2: x + 18, y2: cy, stroke: item.colour, 'stroke-width': 2.5, 'stroke-dasharray': item.dash });
    case 'band':
      return el('rect', { x, y: cy - 5, width: 18, height: 10, fill: item.colour, 'fill-opacity': '0.2' });
    case 'area':
      return el('rect', { x, y: cy - 5, width: 18, height: 10, fill: item.colour, 'fill-opacity': '0.2', stroke: item.colour, 'stroke-width': 1.5 });
    case 'dot':
      return el('circle', { cx: x + 9, cy, r: 3.5, fill: item.colour, 'fill-opacity': '0.55' });
    case 'interval':
      return (
        el('line', { x1: x, y1: cy, x2: x + 18, y2: cy, stroke: item.colour, 'stroke-width': 2 }) +
        el('circle', { cx: x + 9, cy, r: 4, fill: item.colour, stroke: '#ffffff', 'stroke-width': 1 })
      );
    default:
      return '';
  }
}

// ---------------------------------------------------------------- cartesian frame

interface Frame {
  readonly x: Scale;
  readonly y: Scale;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

interface CartesianInput {
  readonly xAxis: AxisSpec;
  readonly yAxis: AxisSpec;
  readonly xKind: 'linear' | 'log';
  readonly yKind: 'linear' | 'log';
  readonly xValues: readonly number[];
  readonly yValues: readonly number[];
  readonly notes: readonly string[];
}

function cartesianFrame(top: number, ctx: Ctx, defaultHeight: number, input: CartesianInput): { frame: Frame; height: number; svg: string } {
  // Without a fixed height, a tall header (long legend) adds to the height instead of squeezing the plot.
  const height = Math.max(top + 140, ctx.height ?? defaultHeight + Math.max(0, top - 48));
  const noteLines = input.notes.length;
  const bottom = height - (20 + 20 + noteLines * 14 + 6);
  const plotTop = top + 6;
  const y = makeScale({
    kind: input.yKind,
    values: input.yValues,
    range: [bottom, plotTop],
    min: input.yAxis.min,
    max: input.yAxis.max,
    includeZero: input.yAxis.includeZero,
    ...(input.yAxis.bounds !== undefined ? { bounds: input.yAxis.bounds } : {}),
  });
  const tickWidth = Math.max(0, ...y.ticks.filter((t) => !t.minor).map((t) => tickLabelWidth(t)));
  const left = 12 + 16 + tickWidth + 8;
  const right = ctx.width - 18;
  const x = makeScale({
    kind: input.xKind,
    values: input.xValues,
    range: [left, right],
    min: input.xAxis.min,
    max: input.xAxis.max,
    includeZero: input.xAxis.includeZero,
    ...(input.xAxis.bounds !== undefined ? { bounds: input.xAxis.bounds } : {}),
    tickCount: Math.max(2, Math.round((right - left) / 90)),
  });
  const frame: Frame = { x, y, left, right, top: plotTop, bottom };
  let svg = clipRect(ctx.id, left, plotTop, right, bottom);
  svg += grid(frame);
  svg += axes(frame, input.xAxis, input.yAxis);
  input.notes.forEach((note, i) => {
    svg += el('text', { x: 12, y: height - 8 - (noteLines - 1 - i) * 14, 'font-size': 10.5, fill: MUTED }, escapeXml(note));
  });
  return { frame, height, svg };
}

/** The plot area, padded by a marker's radius so that points on the domain's edge show whole. */
function clipRect(id: string, left: number, top: number, right: number, bottom: number): string {
  const pad = 5;
  return `<clipPath id="${id}-clip">${el('rect', { x: left - pad, y: top - pad, width: right - left + 2 * pad, height: bottom - top + 2 * pad })}</clipPath>`;
}

function tickLabelWidth(t: Tick): number {
  return textWidth(t.label, TICK_SIZE) + (t.exponent ? textWidth(t.exponent, TICK_SIZE * 0.75) : 0);
}

function tickLabel(t: Tick, attrs: Readonly<Record<string, string | number | undefined>>): string {
  const content = t.exponent ? `${escapeXml(t.label)}<tspan dy="-0.55em" font-size="0.75em">${escapeXml(t.exponent)}</tspan>` : escapeXml(t.label);
  return el('text', attrs, content);
}

function grid(f: Frame): string {
  let s = '';
  for (const t of f.x.ticks) {
    const x = f.x.map(t.value);
    s += el('line', { x1: x, y1: f.top, x2: x, y2: f.bottom, stroke: GRID, 'stroke-width': t.minor ? 0.5 : 1 });
  }
  for (const t of f.y.ticks) {
    const y = f.y.map(t.value);
    s += el('line', { x1: f.left, y1: y, x2: f.right, y2: y, stroke: GRID, 'stroke-width': t.minor ? 0.5 : 1 });
  }
  return `<g class="grid">${s}</g>`;
}

function axes(f: Frame, xAxis: AxisSpec, yAxis: AxisSpec): string {
  let s = el('line', { x1: f.left, y1: f.bottom, x2: f.right, y2: f.bottom, stroke: AXIS });
  s += el('line', { x1: f.left, y1: f.top, x2: f.left, y2: f.bottom, stroke: AXIS });
  for (const t of f.x.ticks) {
    const x = f.x.map(t.value);
    s += el('line', { x1: x, y1: f.bottom, x2: x, y2: f.bottom + (t.minor ? 3 : 5), stroke: AXIS });
    if (!t.minor) s += tickLabel(t, { x, y: f.bottom + 17, 'text-anchor': 'middle', 'font-size': TICK_SIZE, fill: INK, class: 'tick' });
  }
  for (const t of f.y.ticks) {
    const y = f.y.map(t.value);
    s += el('line', { x1: f.left - (t.minor ? 3 : 5), y1: y, x2: f.left, y2: y, stroke: AXIS });
    if (!t.minor) s += tickLabel(t, { x: f.left - 8, y, dy: '0.35em', 'text-anchor': 'end', 'font-size': TICK_SIZE, fill: INK, class: 'tick' });
  }
  const xTitle = fitText(axisTitle(xAxis), LABEL_SIZE, f.right - f.left);
  s += el('text', { x: (f.left + f.right) / 2, y: f.bottom + 36, 'text-anchor': 'middle', 'font-size': LABEL_SIZE, fill: INK, class: 'axis-title' }, escapeXml(xTitle));
  const yTitle = fitText(axisTitle(yAxis), LABEL_SIZE, f.bottom - f.top);
  const yx = 16;
  const yy = (f.top + f.bottom) / 2;
  s += el(
    'text',
    { x: yx, y: yy, transform: `rotate(-90 ${px(yx)} ${px(yy)})`, 'text-anchor': 'middle', 'font-size': LABEL_SIZE, fill: INK, class: 'axis-title' },
    escapeXml(yTitle),
  );
  return `<g class="axes">${s}</g>`;
}

function emptyNote(f: Frame): string {
  return el('text', { x: (f.left + f.right) / 2, y: (f.top + f.bottom) / 2, 'text-anchor': 'middle', 'font-size': 12, fill: MUTED }, 'no data');
}

/** Path through the points, broken wherever a point is missing (non-finite or off a log axis). */
function polyline(points: ReadonlyArray<readonly [number, number] | null>): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${px(p[0])} ${px(p[1])}`;
    pen = true;
  }
  return d;
}

function plottable(scale: Scale, v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v) && (scale.kind === 'linear' || v > 0);
}

// ---------------------------------------------------------------- line

function renderLine(spec: LineChartSpec, ctx: Ctx): Rendered {
  const styles = spec.series.map((s, i) => ({ colour: s.colour ?? seriesStyle(i).colour, dash: s.dash ?? seriesStyle(i).dash }));
  const hasBand = spec.series.some((s) => s.lower !== undefined && s.upper !== undefined);
  const legend: LegendItem[] =
    (spec.legend ?? spec.series.length > 1)
      ? spec.series.map((s, i) => ({ name: s.name, colour: styles[i].colour, dash: styles[i].dash, kind: 'line' as const }))
      : [];
  if (hasBand && spec.bandLabel) legend.push({ name: spec.bandLabel, colour: MUTED, kind: 'band' });
  if (spec.reference?.label) legend.push({ name: spec.reference.label, colour: MUTED, dash: '4 3', kind: 'line' });
  const head = header(spec, ctx, legend);
  const xKind = spec.x.scale ?? 'linear';
  const yKind = spec.y.scale ?? 'linear';
  const xValues: number[] = [];
  const yValues: number[] = [];
  for (const s of spec.series) {
    s.x.forEach((x, i) => {
      xValues.push(x);
      yValues.push(s.y[i], s.lower?.[i] ?? NaN, s.upper?.[i] ?? NaN);
    });
  }
  if (spec.reference !== undefined) yValues.push(spec.reference.y);
  let offLog = 0;
  spec.series.forEach((s) =>
    s.x.forEach((x, i) => {
      const y = s.y[i];
      if (Number.isFinite(x) && Number.isFinite(y) && ((xKind === 'log' && x <= 0) || (yKind === 'log' && y <= 0))) offLog++;
    }),
  );
  const notes = offLog > 0 ? [`${offLog} point${offLog === 1 ? '' : 's'} ≤ 0 not shown on the log axis`] : [];
  const { frame: f, height, svg: frameSvg } = cartesianFrame(head.height, ctx, 360, { xAxis: spec.x, yAxis: spec.y, xKind, yKind, xValues, yValues, notes });
  let bands = '';
  let lines = '';
  let points = 0;
  spec.series.forEach((s, i) => {
    const { colour, dash } = styles[i];
    if (s.lower && s.upper) {
      // One closed polygon per run of points where both band edges are drawable.
      let run: number[] = [];
      const flush = (): void => {
        if (run.length > 0) {
          const up = run.map((k) => [f.x.map(s.x[k]), f.y.map(s.upper![k])] as const);
          const down = run.map((k) => [f.x.map(s.x[k]), f.y.map(s.lower![k])] as const).reverse();
          bands += el('path', { d: `${polyline([...up, ...down])}Z`, fill: colour, 'fill-opacity': '0.18', stroke: 'none' });
        }
        run = [];
      };
      s.x.forEach((x, k) => {
        if (plottable(f.x, x) && plottable(f.y, s.lower![k]) && plottable(f.y, s.upper![k])) run.push(k);
        else flush();
      });
      flush();
    }
    const pts = s.x.map((x, k) => (plottable(f.x, x) && plottable(f.y, s.y[k]) ? ([f.x.map(x), f.y.map(s.y[k])] as const) : null));
    points += pts.filter((p) => p !== null).length;
    const d = polyline(pts);
    if (d) lines += el('path', { d, fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': dash, 'stroke-linejoin': 'round', class: 'series' });
    // A lone point between gaps has no segment: mark it so it is not lost.
    pts.forEach((p, k) => {
      const lone = p !== null && (k === 0 || pts[k - 1] === null) && (k === pts.length - 1 || pts[k + 1] === null);
      if (p !== null && (s.markers || lone)) lines += el('circle', { cx: p[0], cy: p[1], r: 2.5, fill: colour });
    });
  });
  let reference = '';
  if (spec.reference !== undefined && plottable(f.y, spec.reference.y)) {
    const ry = f.y.map(spec.reference.y);
    reference = el('line', { x1: f.left, y1: ry, x2: f.right, y2: ry, stroke: MUTED, 'stroke-width': 1.2, 'stroke-dasharray': '4 3', class: 'reference' });
  }
  const data = `<g clip-path="url(#${ctx.id}-clip)">${reference}${bands}${lines}</g>`;
  return { body: head.svg + frameSvg + data + (points === 0 ? emptyNote(f) : ''), width: ctx.width, height };
}

// ---------------------------------------------------------------- histogram

function renderHistogram(spec: HistogramSpec, ctx: Ctx): Rendered {
  const colours = spec.groups.map((g, i) => g.colour ?? seriesStyle(i).colour);
  const legend: LegendItem[] = (spec.legend ?? spec.groups.length > 1) ? spec.groups.map((g, i) => ({ name: g.name, colour: colours[i], kind: 'area' as const })) : [];
  const head = header(spec, ctx, legend);
  const all = spec.groups.flatMap((g) => g.values);
  const finite = all.filter((v) => Number.isFinite(v));
  const largest = Math.max(0, ...spec.groups.map((g) => g.values.filter((v) => Number.isFinite(v)).length));
  const { edges } = histogramBins(finite, spec.bins ?? sturgesBins(largest));
  const proportion = spec.normalize === 'proportion';
  const heights = spec.groups.map((g) => {
    const counts = binCounts(g.values, edges);
    const n = g.values.filter((v) => Number.isFinite(v)).length;
    return proportion ? counts.map((c) => (n > 0 ? c / n : 0)) : counts;
  });
  const dropped = all.length - finite.length;
  const notes = dropped > 0 ? [`${dropped} non-finite value${dropped === 1 ? '' : 's'} not shown`] : [];
  const yAxis: AxisSpec = spec.y ?? { label: proportion ? 'proportion' : 'count' };
  const { frame: f, height, svg: frameSvg } = cartesianFrame(head.height, ctx, 320, {
    xAxis: { ...spec.x, min: spec.x.min ?? edges[0], max: spec.x.max ?? edges[edges.length - 1] },
    yAxis: { ...yAxis, includeZero: true },
    xKind: 'linear',
    yKind: 'linear',
    xValues: edges,
    yValues: heights.flat(),
    notes,
  });
  let data = '';
  heights.forEach((h, i) => {
    const y0 = f.y.map(0);
    let d = `M${px(f.x.map(edges[0]))} ${px(y0)}`;
    h.forEach((c, k) => {
      d += `V${px(f.y.map(c))}H${px(f.x.map(edges[k + 1]))}`;
    });
    d += `V${px(y0)}Z`;
    data += el('path', { d, fill: colours[i], 'fill-opacity': '0.15', stroke: colours[i], 'stroke-width': 1.75, 'stroke-linejoin': 'miter', class: 'series' });
  });
  return { body: head.svg + frameSvg + `<g clip-path="url(#${ctx.id}-clip)">${data}</g>` + (finite.length === 0 ? emptyNote(f) : ''), width: ctx.width, height };
}

// ---------------------------------------------------------------- ccdf

function renderCcdf(spec: CcdfSpec, ctx: Ctx): Rendered {
  const colours = spec.groups.map((g, i) => g.colour ?? seriesStyle(i).colour);
  const dashes = spec.groups.map((_, i) => seriesStyle(i).dash);
  const legend: LegendItem[] =
    (spec.legend ?? spec.groups.length > 1) ? spec.groups.map((g, i) => ({ name: g.name, colour: colours[i], dash: dashes[i], kind: 'line' as const })) : [];
  const head = header(spec, ctx, legend);
  const xKind = spec.x.scale ?? 'log';
  const yAxis: AxisSpec = spec.y ?? { label: 'P(X ≥ x)' };
  const yKind = yAxis.scale ?? 'log';
  const curves = spec.groups.map((g) => ccdfPoints(g.values));
  let hidden = 0;
  let nonFinite = 0;
  for (const g of spec.groups) {
    for (const v of g.values) {
      if (!Number.isFinite(v)) nonFinite++;
      else if (xKind === 'log' && v <= 0) hidden++;
    }
  }
  const notes: string[] = [];
  if (hidden > 0) notes.push(`${hidden} value${hidden === 1 ? '' : 's'} ≤ 0 not shown on the log axis`);
  if (nonFinite > 0) notes.push(`${nonFinite} non-finite value${nonFinite === 1 ? '' : 's'} left out`);
  const { frame: f, height, svg: frameSvg } = cartesianFrame(head.height, ctx, 360, {
    xAxis: spec.x,
    yAxis: { ...yAxis, max: yAxis.max ?? 1 },
    xKind,
    yKind,
    xValues: curves.flatMap((c) => c.map((p) => p.x)),
    yValues: curves.flatMap((c) => c.map((p) => p.y)),
    notes,
  });
  let data = '';
  let drawn = 0;
  curves.forEach((curve, i) => {
    const pts = curve.filter((p) => plottable(f.x, p.x) && plottable(f.y, p.y)).map((p) => [f.x.map(p.x), f.y.map(p.y)] as const);
    drawn += pts.length;
    if (pts.length === 0) return;
    data += el('path', { d: polyline(pts), fill: 'none', stroke: colours[i], 'stroke-width': 1.75, 'stroke-dasharray': dashes[i], class: 'series' });
    // Markers at least 3 px apart, so thousands of distinct sizes stay light.
    let last: readonly [number, number] | null = null;
    for (const p of pts) {
      if (last !== null && Math.hypot(p[0] - last[0], p[1] - last[1]) < 3) continue;
      data += el('circle', { cx: p[0], cy: p[1], r: 2.2, fill: colours[i] });
      last = p;
    }
  });
  return { body: head.svg + frameSvg + `<g clip-path="url(#${ctx.id}-clip)">${data}</g>` + (drawn === 0 ? emptyNote(f) : ''), width: ctx.width, height };
}

// ---------------------------------------------------------------- category rows (strip, point-range)

interface RowsLayout {
  readonly frame: { left: number; right: number; top: number; bottom: number };
  readonly x: Scale;
  readonly rowHeight: number;
  readonly height: number;
  readonly svg: string;
}

function rowsFrame(
  top: number,
  ctx: Ctx,
  labels: readonly string[],
  notes: readonly string[],
  xAxis: AxisSpec,
  values: readonly number[],
  rowHeight: number,
): RowsLayout {
  const labelWidth = Math.min(ctx.width * 0.4, Math.max(20, ...labels.map((l) => textWidth(l, LABEL_SIZE))));
  const noteWidth = Math.min(ctx.width * 0.25, Math.max(0, ...notes.map((n) => textWidth(n, TICK_SIZE))));
  const left = 12 + labelWidth + 10;
  const right = ctx.width - 14 - (noteWidth > 0 ? noteWidth + 10 : 0);
  const rows = Math.max(1, labels.length);
  const plotTop = top + 4;
  const wanted = plotTop + rows * rowHeight + 44;
  const height = Math.max(wanted, ctx.height ?? 0);
  const rh = (height - 44 - plotTop) / rows;
  const bottom = plotTop + rows * rh;
  const x = makeScale({
    kind: xAxis.scale ?? 'linear',
    values,
    range: [left, right],
    min: xAxis.min,
    max: xAxis.max,
    includeZero: xAxis.includeZero,
    ...(xAxis.bounds !== undefined ? { bounds: xAxis.bounds } : {}),
    tickCount: Math.max(2, Math.round((right - left) / 90)),
  });
  let svg = clipRect(ctx.id, left, plotTop, right, bottom);
  let g = '';
  for (const t of x.ticks) {
    const xx = x.map(t.value);
    g += el('line', { x1: xx, y1: plotTop, x2: xx, y2: bottom, stroke: GRID, 'stroke-width': t.minor ? 0.5 : 1 });
  }
  labels.forEach((_, i) => {
    if (i % 2 === 1) g += el('rect', { x: left, y: plotTop + i * rh, width: right - left, height: rh, fill: '#000000', 'fill-opacity': '0.025' });
  });
  svg += `<g class="grid">${g}</g>`;
  let a = el('line', { x1: left, y1: bottom, x2: right, y2: bottom, stroke: AXIS });
  for (const t of x.ticks) {
    const xx = x.map(t.value);
    a += el('line', { x1: xx, y1: bottom, x2: xx, y2: bottom + (t.minor ? 3 : 5), stroke: AXIS });
    if (!t.minor) a += tickLabel(t, { x: xx, y: bottom + 17, 'text-anchor': 'middle', 'font-size': TICK_SIZE, fill: INK, class: 'tick' });
  }
  labels.forEach((label, i) => {
    const cy = plotTop + (i + 0.5) * rh;
    a += el('text', { x: left - 10, y: cy, dy: '0.35em', 'text-anchor': 'end', 'font-size': LABEL_SIZE, fill: INK, class: 'row-label' }, escapeXml(fitText(label, LABEL_SIZE, labelWidth)));
  });
  notes.forEach((note, i) => {
    if (!note) return;
    const cy = plotTop + (i + 0.5) * rh;
    a += el('text', { x: right + 10, y: cy, dy: '0.35em', 'font-size': TICK_SIZE, fill: MUTED }, escapeXml(fitText(note, TICK_SIZE, noteWidth)));
  });
  a += el(
    'text',
    { x: (left + right) / 2, y: bottom + 36, 'text-anchor': 'middle', 'font-size': LABEL_SIZE, fill: INK, class: 'axis-title' },
    escapeXml(fitText(axisTitle(xAxis), LABEL_SIZE, right - left)),
  );
  svg += `<g class="axes">${a}</g>`;
  return { frame: { left, right, top: plotTop, bottom }, x, rowHeight: rh, height, svg };
}

function intervalMark(x: Scale, cy: number, colour: string, centre: number | undefined, lower: number | undefined, upper: number | undefined): string {
  let s = '';
  if (plottable(x, lower) && plottable(x, upper)) {
    const x0 = x.map(lower);
    const x1 = x.map(upper);
    s += el('line', { x1: x0, y1: cy, x2: x1, y2: cy, stroke: colour, 'stroke-width': 2 });
    s += el('line', { x1: x0, y1: cy - 4, x2: x0, y2: cy + 4, stroke: colour, 'stroke-width': 2 });
    s += el('line', { x1: x1, y1: cy - 4, x2: x1, y2: cy + 4, stroke: colour, 'stroke-width': 2 });
  }
  if (plottable(x, centre)) s += el('circle', { cx: x.map(centre), cy, r: 4.5, fill: colour, stroke: '#ffffff', 'stroke-width': 1.2, class: 'estimate' });
  return s;
}

function renderStrip(spec: StripSpec, ctx: Ctx): Rendered {
  const colours = spec.groups.map((g, i) => g.colour ?? seriesStyle(i).colour);
  const hasInterval = spec.groups.some((g) => g.centre !== undefined);
  const legend: LegendItem[] = [{ name: 'one value', colour: MUTED, kind: 'dot' }];
  if (hasInterval) legend.push({ name: spec.intervalLabel ?? 'interval', colour: INK, kind: 'interval' });
  const head = header(spec, ctx, spec.legend === false ? [] : legend);
  const values = spec.groups.flatMap((g) => [...g.values, g.centre ?? NaN, g.lower ?? NaN, g.upper ?? NaN]);
  const notes = spec.groups.map((g) => {
    const n = g.values.filter((v) => Number.isFinite(v)).length;
    const off = g.values.length - n;
    return `n = ${n}${off > 0 ? ` (+${off} non-finite)` : ''}`;
  });
  const layout = rowsFrame(head.height, ctx, spec.groups.map((g) => g.name), notes, spec.x, values, 40);
  const { x, rowHeight: rh, frame } = layout;
  let data = '';
  spec.groups.forEach((g, i) => {
    const cy = frame.top + (i + 0.5) * rh;
    const offsets = stripOffsets(g.values.length);
    const spread = rh * 0.32;
    g.values.forEach((v, k) => {
      if (!plottable(x, v)) return;
      data += el('circle', { cx: x.map(v), cy: cy - rh * 0.1 + offsets[k] * spread, r: 3, fill: colours[i], 'fill-opacity': '0.55', class: 'dot' });
    });
    data += intervalMark(x, cy + rh * 0.24, INK, g.centre, g.lower, g.upper);
  });
  return { body: head.svg + layout.svg + `<g clip-path="url(#${ctx.id}-clip)">${data}</g>`, width: ctx.width, height: layout.height };
}

function renderPointRange(spec: PointRangeSpec, ctx: Ctx): Rendered {
  const head = header(spec, ctx, []);
  const values = spec.rows.flatMap((r) => [r.estimate, r.lower ?? NaN, r.upper ?? NaN]);
  if (spec.reference !== undefined) values.push(spec.reference);
  const layout = rowsFrame(head.height, ctx, spec.rows.map((r) => r.label), spec.rows.map((r) => r.note ?? ''), spec.x, values, 30);
  const { x, rowHeight: rh, frame } = layout;
  let data = '';
  if (spec.reference !== undefined && plottable(x, spec.reference)) {
    const rx = x.map(spec.reference);
    data += el('line', { x1: rx, y1: frame.top, x2: rx, y2: frame.bottom, stroke: MUTED, 'stroke-width': 1.2, 'stroke-dasharray': '4 3', class: 'reference' });
  }
  spec.rows.forEach((r, i) => {
    const cy = frame.top + (i + 0.5) * rh;
    const colour = r.colour ?? seriesStyle(i).colour;
    if (!plottable(x, r.estimate)) {
      data += el('text', { x: frame.left + 6, y: cy, dy: '0.35em', 'font-size': TICK_SIZE, fill: MUTED }, 'no estimate');
      return;
    }
    data += intervalMark(x, cy, colour, r.estimate, r.lower, r.upper);
  });
  return { body: head.svg + layout.svg + `<g clip-path="url(#${ctx.id}-clip)">${data}</g>`, width: ctx.width, height: layout.height };
}

// ---------------------------------------------------------------- heatmap

/**
 * Viridis (van der Walt & Smith, matplotlib, CC0): perceptually uniform,
 * readable in grey and with the common colour-vision deficiencies. Nine
 * stops, interpolated linearly in sRGB.
 */
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

/** The viridis colour at t in [0, 1] (clamped), as #rrggbb. */
export function viridis(t: number): string {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  let out = '#';
  for (let k = 1; k < 7; k += 2) {
    const c = Math.round(parseInt(a.slice(k, k + 2), 16) * (1 - f) + parseInt(b.slice(k, k + 2), 16) * f);
    out += c.toString(16).padStart(2, '0');
  }
  return out;
}

/** A cell's value as printed: three significant digits, a true minus sign. */
function cellValue(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const text = Math.abs(v) >= 100 ? String(Math.round(v)) : String(Number(v.toPrecision(3)));
  return text.replace('-', '\u2212');
}

function renderHeatmap(spec: HeatmapSpec, ctx: Ctx): Rendered {
  const head = header(spec, ctx, []);
  const finite = spec.cells.flat().filter((v) => Number.isFinite(v));
  const bounds = spec.colour.bounds;
  let lo = spec.colour.min ?? (finite.length > 0 ? Math.min(...finite) : 0);
  let hi = spec.colour.max ?? (finite.length > 0 ? Math.max(...finite) : 1);
  if (bounds !== undefined) {
    lo = Math.max(lo, bounds[0]);
    hi = Math.min(hi, bounds[1]);
  }
  if (!(hi > lo)) {
    // One value everywhere: a unit span around it, kept inside the bounds.
    const span = bounds !== undefined ? Math.min(1, bounds[1] - bounds[0]) : 1;
    lo = bounds !== undefined ? Math.max(bounds[0], Math.min(lo - span / 2, bounds[1] - span)) : lo - span / 2;
    hi = lo + span;
  }
  const t = (v: number): number => (v - lo) / (hi - lo);
  // Colour legend: a gradient bar with ticks, under the header.
  const legendTop = head.height + 4;
  const barWidth = Math.min(260, ctx.width - 150);
  const barX = 12;
  const gradId = `${ctx.id}-ramp`;
  let svg = `<linearGradient id="${gradId}" x1="0" x2="1" y1="0" y2="0">${VIRIDIS.map((c, i) => el('stop', { offset: px(i / (VIRIDIS.length - 1)), 'stop-color': c })).join('')}</linearGradient>`;
  svg += el('rect', { x: barX, y: legendTop, width: barWidth, height: 10, fill: `url(#${gradId})` });
  const legendTicks = linearTicks(lo, hi, 4).ticks.filter((k) => k.value >= lo - 1e-12 && k.value <= hi + 1e-12);
  for (const k of legendTicks) {
    const x = barX + t(k.value) * barWidth;
    svg += el('line', { x1: x, y1: legendTop + 10, x2: x, y2: legendTop + 14, stroke: AXIS });
    svg += el('text', { x, y: legendTop + 25, 'text-anchor': 'middle', 'font-size': TICK_SIZE, fill: INK, class: 'tick' }, escapeXml(k.label));
  }
  svg += el('text', { x: barX + barWidth + 10, y: legendTop + 5, dy: '0.35em', 'font-size': LABEL_SIZE, fill: INK, class: 'legend-title' }, escapeXml(fitText(spec.colour.label, LABEL_SIZE, ctx.width - barWidth - 40)));
  svg = `<g class="legend">${svg}</g>`;
  // The grid: rows bottom to top (y increasing upwards, as on a plot).
  const rows = spec.y.values.length;
  const cols = spec.x.values.length;
  const yLabelWidth = Math.max(16, ...spec.y.values.map((v) => textWidth(v, TICK_SIZE)));
  const left = 12 + 16 + yLabelWidth + 8;
  const right = ctx.width - 14;
  const top = legendTop + 40;
  const cellW = (right - left) / Math.max(1, cols);
  const notes = spec.cellNotes !== undefined;
  const cellH = Math.max(notes ? 34 : 24, Math.min(56, cellW * 0.7));
  const bottom = top + rows * cellH;
  const valueSize = Math.max(9, Math.min(12, cellW / 5.5));
  let cells = '';
  for (let r = 0; r < rows; r++) {
    const y = bottom - (r + 1) * cellH;
    for (let c = 0; c < cols; c++) {
      const v = spec.cells[r]?.[c] ?? NaN;
      const x = left + c * cellW;
      const fill = Number.isFinite(v) ? viridis(t(v)) : '#ffffff';
      cells += el('rect', { x, y, width: cellW, height: cellH, fill, stroke: '#ffffff', 'stroke-width': 1, class: 'cell' });
      const ink = Number.isFinite(v) && t(v) < 0.55 ? '#ffffff' : INK;
      const note = spec.cellNotes?.[r]?.[c];
      const cy = y + cellH / 2 - (note ? valueSize * 0.5 : 0);
      cells += el('text', { x: x + cellW / 2, y: cy, dy: '0.35em', 'text-anchor': 'middle', 'font-size': valueSize, fill: ink, class: 'cell-value' }, escapeXml(fitText(cellValue(v), valueSize, cellW - 4)));
      if (note) cells += el('text', { x: x + cellW / 2, y: cy + valueSize * 1.15, dy: '0.35em', 'text-anchor': 'middle', 'font-size': valueSize * 0.8, fill: ink }, escapeXml(fitText(note, valueSize * 0.8, cellW - 4)));
    }
  }
  let a = '';
  spec.y.values.forEach((label, r) => {
    a += el('text', { x: left - 6, y: bottom - (r + 0.5) * cellH, dy: '0.35em', 'text-anchor': 'end', 'font-size': TICK_SIZE, fill: INK, class: 'tick' }, escapeXml(label));
  });
  spec.x.values.forEach((label, c) => {
    a += el('text', { x: left + (c + 0.5) * cellW, y: bottom + 16, 'text-anchor': 'middle', 'font-size': TICK_SIZE, fill: INK, class: 'tick' }, escapeXml(fitText(label, TICK_SIZE, cellW - 2)));
  });
  a += el('text', { x: (left + right) / 2, y: bottom + 34, 'text-anchor': 'middle', 'font-size': LABEL_SIZE, fill: INK, class: 'axis-title' }, escapeXml(fitText(spec.x.label, LABEL_SIZE, right - left)));
  const yy = (top + bottom) / 2;
  a += el('text', { x: 16, y: yy, transform: `rotate(-90 16 ${px(yy)})`, 'text-anchor': 'middle', 'font-size': LABEL_SIZE, fill: INK, class: 'axis-title' }, escapeXml(fitText(spec.y.label, LABEL_SIZE, bottom - top + 20)));
  const height = Math.max(bottom + 46, ctx.height ?? 0);
  return { body: head.svg + svg + `<g class="cells">${cells}</g><g class="axes">${a}</g>`, width: ctx.width, height };
}

// ---------------------------------------------------------------- bars

function renderBars(spec: BarSpec, ctx: Ctx): Rendered {
  const colours = spec.series.map((s, i) => s.colour ?? seriesStyle(i).colour);
  const hasInterval = spec.series.some((s) => s.lower !== undefined && s.upper !== undefined);
  const legend: LegendItem[] = (spec.legend ?? spec.series.length > 1) ? spec.series.map((s, i) => ({ name: s.name, colour: colours[i], kind: 'area' as const })) : [];
  if (hasInterval && spec.intervalLabel) legend.push({ name: spec.intervalLabel, colour: INK, kind: 'interval' });
  const head = header(spec, ctx, legend);
  const values = spec.series.flatMap((s) => [...s.values, ...(s.lower ?? []), ...(s.upper ?? [])]);
  const k = Math.max(1, spec.series.length);
  const layout = rowsFrame(head.height, ctx, spec.categories, [], { ...spec.x, includeZero: true }, values, Math.max(28, 12 * k + 12));
  const { x, rowHeight: rh, frame } = layout;
  const zero = x.map(Math.min(Math.max(0, x.domain[0]), x.domain[1]));
  const barH = (rh * 0.72) / k;
  let data = '';
  spec.categories.forEach((_, i) => {
    const rowTop = frame.top + i * rh + rh * 0.14;
    spec.series.forEach((s, j) => {
      const v = s.values[i];
      const y = rowTop + j * barH;
      if (!plottable(x, v)) {
        data += el('text', { x: frame.left + 6, y: y + barH / 2, dy: '0.35em', 'font-size': TICK_SIZE, fill: MUTED }, 'no estimate');
        return;
      }
      const xv = x.map(v);
      data += el('rect', { x: Math.min(zero, xv), y: y + 1, width: Math.abs(xv - zero), height: Math.max(1, barH - 2), fill: colours[j], 'fill-opacity': '0.85', class: 'bar' });
      const lo = s.lower?.[i];
      const hi = s.upper?.[i];
      if (plottable(x, lo) && plottable(x, hi)) {
        const cy = y + barH / 2;
        const x0 = x.map(lo);
        const x1 = x.map(hi);
        const cap = Math.min(4, barH / 2 - 1);
        data += el('line', { x1: x0, y1: cy, x2: x1, y2: cy, stroke: INK, 'stroke-width': 1.5, class: 'whisker' });
        data += el('line', { x1: x0, y1: cy - cap, x2: x0, y2: cy + cap, stroke: INK, 'stroke-width': 1.5 });
        data += el('line', { x1: x1, y1: cy - cap, x2: x1, y2: cy + cap, stroke: INK, 'stroke-width': 1.5 });
      }
    });
  });
  data += el('line', { x1: zero, y1: frame.top, x2: zero, y2: frame.bottom, stroke: AXIS, 'stroke-width': 1 });
  return { body: head.svg + layout.svg + `<g clip-path="url(#${ctx.id}-clip)">${data}</g>`, width: ctx.width, height: layout.height };
}

// ---------------------------------------------------------------- small multiples

function renderMultiples(spec: SmallMultiplesSpec, id: string): Rendered {
  const width = spec.width ?? 960;
  const columns = Math.max(1, Math.min(spec.columns ?? 3, Math.max(1, spec.panels.length)));
  const panelWidth = Math.floor(width / columns);
  const head = header(spec, { id, width, height: undefined, compact: false }, []);
  const rendered = spec.panels.map((p, i) =>
    renderPanel(p, { id: `${id}-p${i}`, width: p.width ?? panelWidth, height: p.height ?? spec.panelHeight ?? (p.kind === 'strip' || p.kind === 'point-range' || p.kind === 'heatmap' || p.kind === 'bars' ? undefined : 240), compact: true }),
  );
  let y = head.height;
  let body = head.svg;
  for (let row = 0; row * columns < rendered.length; row++) {
    const slice = rendered.slice(row * columns, row * columns + columns);
    const rowHeight = Math.max(...slice.map((r) => r.height));
    slice.forEach((r, c) => {
      body += `<svg x="${px(c * panelWidth)}" y="${px(y)}" width="${px(r.width)}" height="${px(r.height)}" viewBox="0 0 ${px(r.width)} ${px(r.height)}" class="panel">${r.body}</svg>`;
    });
    y += rowHeight;
  }
  if (rendered.length === 0) {
    body += el('text', { x: width / 2, y: y + 20, 'text-anchor': 'middle', 'font-size': 12, fill: MUTED }, 'no panels');
    y += 40;
  }
  return { body, width, height: y + 4 };
}
