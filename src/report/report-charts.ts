/**
 * The report's charts as chart specs (src/viz/charts): time series with
 * bands, per-arm distributions of final metrics, paired-difference forest
 * plots and cascade-size CCDFs. Each arm keeps one colour everywhere (its
 * position in the grid picks the Okabe–Ito colour).
 */
import { differenceRange, kindRange } from './outcome-kind.js';
import type { RunResult } from '../experiment/experiment-types.js';
import { viridis } from '../viz/charts/render-svg.js';
import { seriesStyle, type BarSpec, type CcdfSpec, type ChartSpec, type HeatmapSpec, type LineChartSpec, type PointRangeSpec, type StripSpec } from '../viz/charts/chart-spec.js';
import { formatNumber } from './format-number.js';
import type { SeriesBand } from './series-stats.js';
import type { ArmSummary, MetricSummary, Summary } from './summary-stats.js';

/** Past this many arms, a time series is drawn as one small panel per arm. */
export const MAX_OVERLAID_ARMS = 6;
/** Up to this many values of one numeric parameter share one chart, as lines on a colour ramp. */
export const MAX_RAMP_LINES = 16;

export function armColour(arm: ArmSummary): string {
  return seriesStyle(arm.index).colour;
}

function percent(level: number): string {
  return `${formatNumber(level * 100)} %`;
}

export function seriesChart(metric: string, arms: readonly ArmSummary[], bands: readonly SeriesBand[], timeUnit: string, level: number, bounds?: readonly [number, number]): ChartSpec {
  const carried = bands.reduce((s, b) => s + b.carried, 0);
  const interpolated = bands.reduce((s, b) => s + b.interpolated, 0);
  const subtitle =
    `Mean across replicates; band: ${percent(level)} CI of the mean.` +
    (carried > 0 ? ` ${carried} run${carried === 1 ? '' : 's'} converged early and hold their last value.` : '') +
    (interpolated > 0 ? ' Runs sampled at different times are interpolated linearly between their samples.' : '');
  const x = { label: 'time', unit: timeUnit };
  if (arms.length <= MAX_OVERLAID_ARMS) {
    const spec: LineChartSpec = {
      kind: 'line',
      title: metric,
      subtitle,
      x,
      y: { label: metric, ...(bounds !== undefined ? { bounds } : {}) },
      legend: true,
      bandLabel: `${percent(level)} CI`,
      series: arms.map((a, i) => ({
        name: a.label,
        x: bands[i].t,
        y: bands[i].mean,
        lower: bands[i].lower,
        upper: bands[i].upper,
        colour: armColour(a),
        dash: seriesStyle(a.index).dash,
      })),
    };
    return spec;
  }
  // One panel per arm on a shared value axis, so panels compare at a glance; a grid of two
  // parameters is one panel per value of the first, one line per value of the second.
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of bands) {
    for (const v of [...b.mean, ...b.lower, ...b.upper]) {
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  const shared = Number.isFinite(lo) && hi > lo ? { min: lo, max: hi } : {};
  const keys = [...new Set(arms.flatMap((a) => Object.keys(a.params)))];
  const valuesOf = (k: string): unknown[] => [...new Set(arms.map((a) => a.params[k]))];
  const swept = keys.filter((k) => valuesOf(k).length > 1);
  // One numeric parameter swept over many values: one chart, a line per value in a sequential
  // colour ramp (the order of the values reads from the colours), without bands (too many to overlap).
  if (swept.length === 1 && arms.length <= MAX_RAMP_LINES && arms.every((a) => typeof a.params[swept[0]] === 'number')) {
    const key = swept[0];
    const order = arms.map((a, i) => ({ v: a.params[key] as number, i })).sort((p, q) => p.v - q.v);
    return {
      kind: 'line',
      title: metric,
      subtitle: `${subtitle.replace(/; band: [^.]*\./, '.')} One line per ${key}, darker for smaller values; bands left out (${arms.length} lines).`,
      x,
      y: { label: metric, ...(bounds !== undefined ? { bounds } : {}) },
      legend: true,
      series: order.map(({ v, i }, k) => ({ name: `${key}=${formatNumber(v)}`, x: bands[i].t, y: bands[i].mean, colour: viridis((0.85 * k) / Math.max(1, order.length - 1)), dash: '' })),
    };
  }
  if (swept.length === 2 && valuesOf(swept[1]).length <= MAX_OVERLAID_ARMS) {
    const [facet, line] = swept;
    const lineValues = valuesOf(line);
    return {
      kind: 'small-multiples',
      title: metric,
      subtitle: `${lineValues.length <= 3 ? subtitle : subtitle.replace(/; band: [^.]*\./, '.')} One panel per ${facet}, one line per ${line}${lineValues.length <= 3 ? '' : ' (bands left out)'}.`,
      columns: 3,
      panels: valuesOf(facet).map((fv, k) => ({
        kind: 'line' as const,
        title: `${facet}=${String(fv)}`,
        x,
        y: { label: metric, ...shared },
        legend: k === 0,
        series: arms.flatMap((a, i) => {
          if (a.params[facet] !== fv) return [];
          const j = lineValues.indexOf(a.params[line]);
          // Bands only for a few lines per panel: past three they hide each other.
          const band = lineValues.length <= 3 ? { lower: bands[i].lower, upper: bands[i].upper } : {};
          return [{ name: `${line}=${String(a.params[line])}`, x: bands[i].t, y: bands[i].mean, ...band, colour: seriesStyle(j).colour, dash: seriesStyle(j).dash }];
        }),
      })),
    };
  }
  return {
    kind: 'small-multiples',
    title: metric,
    subtitle,
    columns: 3,
    panels: arms.map((a, i) => ({
      kind: 'line' as const,
      title: a.label,
      x,
      y: { label: metric, ...shared },
      legend: false,
      series: [{ name: a.label, x: bands[i].t, y: bands[i].mean, lower: bands[i].lower, upper: bands[i].upper, colour: armColour(a) }],
    })),
  };
}

export function distributionChart(metric: MetricSummary, arms: readonly ArmSummary[], results: readonly (readonly RunResult[])[], level: number): StripSpec {
  return {
    kind: 'strip',
    title: `${metric.metric}: distribution per arm`,
    subtitle: `One dot per run (final value); bar: mean and ${percent(level)} CI.`,
    x: { label: metric.metric, bounds: kindRange(metric.kind) },
    intervalLabel: `mean and ${percent(level)} CI`,
    groups: arms.map((a, i) => {
      const s = metric.arms[i].stats;
      return {
        name: a.label,
        values: results[i].map((r) => (typeof r.final[metric.metric] === 'number' ? r.final[metric.metric] : NaN)),
        colour: armColour(a),
        centre: s.n > 0 ? s.mean : undefined,
        lower: s.ci?.lower,
        upper: s.ci?.upper,
      };
    }),
  };
}

export function differenceChart(metric: string, summary: Summary): PointRangeSpec | null {
  if (summary.reference === null) return null;
  const ref = summary.arms.find((a) => a.id === summary.reference)!;
  const kind = summary.finals.find((f) => f.metric === metric)?.kind;
  const rows = summary.differences
    .filter((d) => d.metric === metric)
    .map((d) => {
      const arm = summary.arms.find((a) => a.id === d.arm)!;
      return {
        label: arm.label,
        estimate: d.stats.n > 0 ? d.stats.mean : NaN,
        lower: d.stats.ci?.lower,
        upper: d.stats.ci?.upper,
        colour: armColour(arm),
        note: d.stats.n === 0 ? 'no pairs' : d.stats.ci ? `${d.stats.n} pairs` : `${d.stats.n} pair, no CI`,
      };
    });
  if (rows.length === 0) return null;
  return {
    kind: 'point-range',
    title: `${metric}: paired difference vs ${ref.label}`,
    subtitle: `Arm minus reference within each replicate; mean and ${percent(summary.level)} CI.`,
    x: { label: `difference in ${metric}`, ...(kind !== undefined ? { bounds: differenceRange(kind) } : {}) },
    rows,
    reference: 0,
  };
}

/** The column of a cascade row holding its size. */
export function cascadeSizeColumn(results: readonly RunResult[]): string | null {
  for (const r of results) {
    for (const row of r.cascades) {
      const keys = Object.keys(row);
      if (keys.includes('cascade.size')) return 'cascade.size';
      if (keys.includes('size')) return 'size';
      const k = keys.find((key) => /size$/i.test(key));
      if (k) return k;
    }
  }
  return null;
}

export function cascadeChart(arms: readonly ArmSummary[], results: readonly (readonly RunResult[])[]): CcdfSpec | null {
  const column = cascadeSizeColumn(results.flat());
  if (column === null) return null;
  const groups = arms.map((a, i) => {
    const values: number[] = [];
    for (const r of results[i]) for (const row of r.cascades) if (typeof row[column] === 'number') values.push(row[column]);
    return { name: `${a.label} (${values.length} cascade${values.length === 1 ? '' : 's'})`, values, colour: armColour(a) };
  });
  if (groups.every((g) => g.values.length === 0)) return null;
  return {
    kind: 'ccdf',
    title: 'Cascade sizes',
    subtitle: 'Complementary CDF of the size of every cascade, pooled over the replicates of each arm; log-log axes.',
    x: { label: 'cascade size', scale: 'log' },
    y: { label: 'P(size ≥ x)', scale: 'log' },
    legend: true,
    groups,
  };
}

/** The swept parameter a response curve puts on its x axis: the first one with at least 3 numeric values (never `arm`). */
export function responseParameter(vary: Readonly<Record<string, readonly unknown[]>>): string | null {
  for (const [key, values] of Object.entries(vary)) {
    if (key !== 'arm' && values.length >= 3 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) return key;
  }
  return null;
}

/**
 * The second axis of a heatmap: the first numeric swept parameter other
 * than `x` with at least 2 values (never `arm`), or null.
 */
export function heatmapParameter(vary: Readonly<Record<string, readonly unknown[]>>, x: string): string | null {
  for (const [key, values] of Object.entries(vary)) {
    if (key !== 'arm' && key !== x && values.length >= 2 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) return key;
  }
  return null;
}

/**
 * Where a piecewise-linear curve through (xs, ys), xs increasing, first
 * reaches `level`: linear interpolation within the first segment whose ends
 * straddle it (an end equal to it counts), or null when no segment does.
 */
export function firstCrossing(xs: readonly number[], ys: readonly number[], level: number): number | null {
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = ys[i] - level;
    const b = ys[i + 1] - level;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (a === 0) return xs[i];
    if (a * b < 0) return xs[i] + (a / (a - b)) * (xs[i + 1] - xs[i]);
    if (b === 0) return xs[i + 1];
  }
  return null;
}

/**
 * A sweep drawn as a sweep: the mean of `metric` (with its interval, the
 * one that fits its kind) against the swept parameter `x`, one line per
 * combination of the other swept parameters, a marker at each value. The
 * y axis stays within the metric's possible range; a proportion gets the
 * whole [0, 1] and a reference line at 1/2, and the subtitle says where
 * each curve crosses it.
 */
export function responseChart(metric: MetricSummary, arms: readonly ArmSummary[], x: string, level: number): LineChartSpec {
  const groups = new Map<string, Array<{ x: number; i: number }>>();
  arms.forEach((a, i) => {
    const v = a.params[x];
    if (typeof v !== 'number') return;
    const rest = Object.entries(a.params)
      .filter(([k]) => k !== x)
      .map(([k, val]) => `${k}=${String(val)}`)
      .join(', ');
    groups.set(rest, [...(groups.get(rest) ?? []), { x: v, i }]);
  });
  const series = [...groups.entries()].map(([name, points], k) => {
    const sorted = points.slice().sort((p, q) => p.x - q.x);
    const stats = sorted.map((p) => metric.arms[p.i].stats);
    return {
      name: name === '' ? metric.metric : name,
      x: sorted.map((p) => p.x),
      y: stats.map((s) => (s.n > 0 ? s.mean : NaN)),
      lower: stats.map((s) => s.ci?.lower ?? NaN),
      upper: stats.map((s) => s.ci?.upper ?? NaN),
      colour: armColour(arms[sorted[0].i]),
      dash: seriesStyle(k).dash,
      markers: true,
    };
  });
  const method = metric.arms.find((a) => a.stats.ci !== null)?.stats.method;
  const how = method === 'wilson' ? 'Wilson' : method === 'bootstrap' ? 'bootstrap' : 't';
  const proportion = metric.kind.kind === 'proportion';
  let crossing = '';
  if (proportion) {
    const parts = series.map((s) => {
      const c = firstCrossing(s.x, s.y, 0.5);
      const where = c === null ? 'does not cross 1/2' : `crosses 1/2 at ${x} ≈ ${formatNumber(c)}`;
      return series.length > 1 ? `${s.name}: ${where}` : where;
    });
    crossing = ` The mean ${parts.join('; ')} (linear interpolation between the swept values).`;
  }
  return {
    kind: 'line',
    title: `${metric.metric} against ${x}`,
    subtitle: `Mean over the replicates at each ${x}, with its ${percent(level)} interval (${how}).${crossing}`,
    x: { label: x },
    y: proportion ? { label: metric.metric, min: 0, max: 1, bounds: [0, 1] } : { label: metric.metric, bounds: kindRange(metric.kind) },
    legend: series.length > 1 || proportion,
    bandLabel: `${percent(level)} interval`,
    ...(proportion ? { reference: { y: 0.5, label: '1/2' } } : {}),
    series,
  };
}

/**
 * A 2-D numeric grid drawn as a grid: the mean of `metric` in each cell of
 * `x` × `y` (arms matched on every other swept parameter being equal to
 * `fixed`), on a colour scale within the metric's possible range, its
 * interval printed under the mean.
 */
export function heatmapChart(metric: MetricSummary, arms: readonly ArmSummary[], x: string, y: string, level: number, fixed: Readonly<Record<string, unknown>> = {}): HeatmapSpec {
  const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
  const matching = arms.map((a, i) => ({ a, i })).filter(({ a }) => Object.entries(fixed).every(([k, v]) => a.params[k] === v));
  const xs = [...new Set(matching.map(({ a }) => num(a.params[x])))].filter(Number.isFinite).sort((p, q) => p - q);
  const ys = [...new Set(matching.map(({ a }) => num(a.params[y])))].filter(Number.isFinite).sort((p, q) => p - q);
  const at = (xv: number, yv: number): number => matching.find(({ a }) => a.params[x] === xv && a.params[y] === yv)?.i ?? -1;
  const cells = ys.map((yv) => xs.map((xv) => { const i = at(xv, yv); return i >= 0 && metric.arms[i].stats.n > 0 ? metric.arms[i].stats.mean : NaN; }));
  const cellNotes = ys.map((yv) => xs.map((xv) => { const i = at(xv, yv); const ci = i >= 0 ? metric.arms[i].stats.ci : null; return ci ? `[${formatNumber(ci.lower)}, ${formatNumber(ci.upper)}]` : ''; }));
  const bounds = kindRange(metric.kind);
  const rest = Object.entries(fixed).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  return {
    kind: 'heatmap',
    title: `${metric.metric} over ${x} × ${y}${rest ? ` (${rest})` : ''}`,
    subtitle: `Mean over the replicates in each cell, its ${percent(level)} interval below.`,
    x: { label: x, values: xs.map((v) => formatNumber(v)) },
    y: { label: y, values: ys.map((v) => formatNumber(v)) },
    cells,
    cellNotes,
    colour: { label: `mean ${metric.metric}`, ...(metric.kind.kind === 'proportion' ? { min: 0, max: 1 } : {}), ...(Number.isFinite(bounds[0]) && Number.isFinite(bounds[1]) ? { bounds } : {}) },
  };
}

/** Partial rank correlation coefficients of one outcome as bars with their intervals, on [−1, 1]. */
export function prccChart(outcome: string, indices: ReadonlyArray<{ readonly name: string; readonly prcc: number; readonly interval: readonly [number, number] }>, level: number, note = ''): BarSpec {
  return {
    kind: 'bars',
    title: `Partial rank correlations with ${outcome}`,
    subtitle: `Monotone effect of each parameter on ${outcome} with the others held fixed (PRCC, −1 to 1); ${percent(level)} bootstrap intervals.${note ? ` ${note}` : ''}`,
    x: { label: 'PRCC', min: -1, max: 1, bounds: [-1, 1] },
    categories: indices.map((s) => s.name),
    series: [{ name: 'PRCC', values: indices.map((s) => s.prcc), lower: indices.map((s) => s.interval[0]), upper: indices.map((s) => s.interval[1]), colour: seriesStyle(0).colour }],
    intervalLabel: `${percent(level)} interval`,
    legend: true,
  };
}

/** First- and total-order Sobol indices of one outcome as bars with their intervals. */
export function sobolChart(outcome: string, indices: ReadonlyArray<{ readonly name: string; readonly first: number; readonly firstInterval: readonly [number, number]; readonly total: number; readonly totalInterval: readonly [number, number] }>, level: number, note = ''): BarSpec {
  return {
    kind: 'bars',
    title: `Sobol indices of ${outcome}`,
    subtitle: `Share of the variance of ${outcome} due to each parameter alone (first order) and with its interactions (total order); ${percent(level)} bootstrap intervals.${note ? ` ${note}` : ''}`,
    x: { label: 'index', bounds: [-0.5, 1.5] },
    categories: indices.map((s) => s.name),
    series: [
      { name: 'first order S', values: indices.map((s) => s.first), lower: indices.map((s) => s.firstInterval[0]), upper: indices.map((s) => s.firstInterval[1]), colour: seriesStyle(0).colour },
      { name: 'total order ST', values: indices.map((s) => s.total), lower: indices.map((s) => s.totalInterval[0]), upper: indices.map((s) => s.totalInterval[1]), colour: seriesStyle(1).colour },
    ],
    intervalLabel: `${percent(level)} interval`,
    legend: true,
  };
}

/** The part of `metric` after a `prefix*` pattern's prefix, or null. */
export function patternSuffix(pattern: string, metric: string): string | null {
  if (!pattern.endsWith('*')) return null;
  const prefix = pattern.slice(0, -1);
  return metric.startsWith(prefix) && metric.length > prefix.length ? metric.slice(prefix.length) : null;
}

/**
 * A family of outcomes named by one pattern (`volume.h*`, `mentions.*`) in
 * one chart. Numeric suffixes (h00…h23) are a profile: the mean and
 * interval per arm against the number, one line per arm. Other suffixes
 * (countries) are rows of means with intervals, per arm.
 */
export function groupChart(pattern: string, members: readonly MetricSummary[], arms: readonly ArmSummary[], level: number, help?: string): ChartSpec {
  const suffixes = members.map((m) => patternSuffix(pattern, m.metric) ?? m.metric);
  const numbers = suffixes.map((x) => Number(x.replace(/^[^\d-]+/, '')));
  const numeric = numbers.every((n, i) => Number.isFinite(n) && /\d/.test(suffixes[i]));
  const bounds = members.length > 0 ? kindRange(members[0].kind) : undefined;
  const subtitle = `${help ? `${help} ` : ''}Mean per arm with its ${percent(level)} interval.`;
  if (numeric) {
    const order = members.map((_, i) => i).sort((a, b) => numbers[a] - numbers[b]);
    return {
      kind: 'line',
      title: pattern,
      subtitle,
      x: { label: `N in ${pattern.slice(0, -1)}N` },
      y: { label: pattern, ...(bounds !== undefined ? { bounds } : {}) },
      legend: arms.length > 1,
      bandLabel: `${percent(level)} interval`,
      series: arms.map((a, ai) => ({
        name: a.label,
        x: order.map((i) => numbers[i]),
        y: order.map((i) => (members[i].arms[ai].stats.n > 0 ? members[i].arms[ai].stats.mean : NaN)),
        lower: order.map((i) => members[i].arms[ai].stats.ci?.lower ?? NaN),
        upper: order.map((i) => members[i].arms[ai].stats.ci?.upper ?? NaN),
        colour: armColour(a),
        dash: seriesStyle(a.index).dash,
      })),
    };
  }
  return {
    kind: 'point-range',
    title: pattern,
    subtitle,
    x: { label: pattern, ...(bounds !== undefined ? { bounds } : {}) },
    rows: members.flatMap((m, i) =>
      arms.map((a, ai) => {
        const st = m.arms[ai].stats;
        return { label: arms.length > 1 ? `${suffixes[i]} · ${a.label}` : suffixes[i], estimate: st.n > 0 ? st.mean : NaN, lower: st.ci?.lower, upper: st.ci?.upper, colour: armColour(a) };
      }),
    ),
  };
}
