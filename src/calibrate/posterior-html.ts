/**
 * The fit plots of a calibration as one self-contained HTML page (inline
 * SVG from src/viz/charts, no scripts or external files), like report.html:
 *   - per parameter, a histogram of the accepted samples (SMC: the final
 *     particles, unweighted; the weighted summaries are in the table) on an
 *     axis spanning the prior range;
 *   - per parameter, distance against the parameter for every draw, the
 *     accepted ones highlighted (a scatter, drawn as a line chart whose
 *     points are separated by gaps, so each is a lone marker);
 *   - CCDF overlays of cascade size and depth: the archive against the best
 *     draw's simulated cascades.
 * Pure: takes numbers, returns a string.
 */
import { COMPARE_CSS } from '../compare/compare-report.js';
import { formatNumber } from '../report/format-number.js';
import type { CcdfSpec, HistogramSpec, LineChartSpec } from '../viz/charts/chart-spec.js';
import { OKABE_ITO } from '../viz/charts/chart-spec.js';
import { renderSvg } from '../viz/charts/render-svg.js';
import { escapeXml } from '../viz/charts/svg-text.js';
import type { AbcParams, ParamSummary, UniformPrior } from './abc.js';
import { PAGE_POLICY_META } from '../report/page-policy.js';

export interface PosteriorPoint {
  readonly params: Readonly<AbcParams>;
  readonly distance: number;
  readonly accepted: boolean;
}

export interface PosteriorPage {
  /** e.g. `Calibration of ic against twitter15 (label false)`. */
  readonly title: string;
  /** Sentences under the title: method, draws, tolerance. */
  readonly lead: readonly string[];
  readonly prior: UniformPrior;
  readonly posterior: Readonly<Record<string, ParamSummary>>;
  /** Every draw (rejection) or the final particles (SMC). */
  readonly points: readonly PosteriorPoint[];
  readonly best: { readonly params: Readonly<AbcParams>; readonly distance: number } | undefined;
  readonly archiveName: string;
  /** Size and depth per cascade: the archive's, and the best draw's simulation. */
  readonly archive: { readonly size: ArrayLike<number>; readonly depth: ArrayLike<number> };
  readonly bestSimulated: { readonly size: ArrayLike<number>; readonly depth: ArrayLike<number> } | undefined;
  readonly notes: readonly string[];
  /** Shown first when the closest draw is far from the archive. */
  readonly warning?: string;
  /** With --holdout: the predictive's distance to the fitted and to the held-out cascades (mean KS over the features, and per feature). */
  readonly outOfSample?: {
    readonly split: { readonly fraction: number; readonly seed: string; readonly fit: number; readonly heldOut: number };
    readonly inSample: number;
    readonly heldOut: number;
    readonly difference: number;
    readonly features: Readonly<Record<string, { readonly inSample: number; readonly heldOut: number }>>;
  };
  /** Posterior predictive check: per feature, the archive's CCDF against the replicates' band. */
  readonly check?: {
    readonly replicates: number;
    readonly features: Readonly<Record<string, { readonly pooled: number; readonly median: number; readonly q05: number; readonly q95: number; readonly band: { readonly x: readonly number[]; readonly archive: readonly number[]; readonly lower: readonly number[]; readonly median: readonly number[]; readonly upper: readonly number[] } }>>;
  };
}

/** One feature of the check: the archive's CCDF over the replicates' 5–95 % band. */
function checkFigure(page: PosteriorPage, feature: string, id: string): string {
  const c = page.check?.features[feature];
  if (c === undefined || c.band.x.length < 2) return '';
  const positive = c.band.x[0] > 0 && c.band.x[c.band.x.length - 1] / c.band.x[0] > 20;
  const spec: LineChartSpec = {
    kind: 'line',
    title: feature,
    subtitle: `P(X ≥ x): archive vs ${page.check?.replicates ?? 0} replicates at the posterior median; KS of the pooled predictive ${formatNumber(c.pooled)}; per replicate median ${formatNumber(c.median)} (5–95 %: ${formatNumber(c.q05)} – ${formatNumber(c.q95)})`,
    x: { label: feature, scale: positive ? 'log' : 'linear' },
    y: { label: 'P(X ≥ x)', min: 0, max: 1 },
    series: [
      { name: 'replicates (median, 5–95 % band)', x: c.band.x, y: c.band.median, lower: c.band.lower, upper: c.band.upper },
      { name: page.archiveName, x: c.band.x, y: c.band.archive },
    ],
    bandLabel: 'band: 5–95 % of the replicates',
  };
  return figure('check', feature, renderSvg(spec, { idPrefix: id, standalone: false }));
}

/** Points as one series of lone markers: x0, NaN, x1, NaN, … (no segment joins two points). */
function scatterSeries(xs: readonly number[], ys: readonly number[]): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  xs.forEach((v, i) => {
    if (i > 0) {
      x.push(NaN);
      y.push(NaN);
    }
    x.push(v);
    y.push(ys[i]);
  });
  return { x, y };
}

function figure(kind: string, key: string, svg: string): string {
  return `<figure class="chart" data-kind="${kind}" data-key="${escapeXml(key)}">${svg}</figure>`;
}

function histogram(page: PosteriorPage, name: string, id: string): string {
  const [lo, hi] = page.prior[name];
  const values = page.points.filter((p) => p.accepted).map((p) => p.params[name]);
  const spec: HistogramSpec = {
    kind: 'histogram',
    title: `Posterior of ${name}`,
    subtitle: `${values.length} accepted, over the prior U[${formatNumber(lo)}, ${formatNumber(hi)}]`,
    x: { label: name, min: lo, max: hi },
    groups: [{ name: 'accepted', values }],
  };
  return figure('histogram', name, renderSvg(spec, { idPrefix: id, standalone: false }));
}

function scatter(page: PosteriorPage, name: string, id: string): string {
  const [lo, hi] = page.prior[name];
  const finite = page.points.filter((p) => Number.isFinite(p.distance));
  const all = finite.filter((p) => !p.accepted);
  const kept = finite.filter((p) => p.accepted);
  const a = scatterSeries(all.map((p) => p.params[name]), all.map((p) => p.distance));
  const k = scatterSeries(kept.map((p) => p.params[name]), kept.map((p) => p.distance));
  const spec: LineChartSpec = {
    kind: 'line',
    title: `Distance against ${name}`,
    subtitle: `${finite.length} draws with a finite distance; accepted highlighted`,
    x: { label: name, min: lo, max: hi },
    y: { label: 'distance', includeZero: true },
    legend: true,
    series: [
      { name: 'rejected', x: a.x, y: a.y, colour: '#9a9a9a', markers: true },
      { name: 'accepted', x: k.x, y: k.y, colour: OKABE_ITO.vermillion, markers: true },
    ],
  };
  return figure('scatter', name, renderSvg(spec, { idPrefix: id, standalone: false }));
}

function ccdf(page: PosteriorPage, feature: 'size' | 'depth', id: string): string {
  if (page.bestSimulated === undefined) return '';
  const spec: CcdfSpec = {
    kind: 'ccdf',
    title: feature === 'size' ? 'Cascade size' : 'Cascade depth',
    subtitle: `best draw vs ${page.archiveName}`,
    x: { label: feature, scale: feature === 'size' ? 'log' : 'linear' },
    groups: [
      { name: 'best draw (simulated)', values: Array.from(page.bestSimulated[feature]) },
      { name: page.archiveName, values: Array.from(page.archive[feature]) },
    ],
  };
  return figure('ccdf', feature, renderSvg(spec, { idPrefix: id, standalone: false }));
}

function table(page: PosteriorPage): string {
  const head = ['parameter', 'prior', 'mean', 'median', 'q05', 'q95', 'best'];
  const f = (v: number): string => formatNumber(Number.isNaN(v) ? null : v);
  const rows = Object.keys(page.prior)
    .sort()
    .map((name) => {
      const s = page.posterior[name];
      const [lo, hi] = page.prior[name];
      const cells = [name, `U[${f(lo)}, ${f(hi)}]`, f(s.mean), f(s.median), f(s.q05), f(s.q95), page.best ? f(page.best.params[name]) : '—'];
      return `<tr>${cells.map((c, k) => `<td${k >= 2 ? ' class="num"' : ''}>${escapeXml(c)}</td>`).join('')}</tr>`;
    });
  return `<div class="scroll"><table><thead><tr>${head.map((h, k) => `<th${k >= 2 ? ' class="num"' : ''}>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** The out-of-sample section: the predictive's KS to the fitted cascades and to the held-out ones. */
function outOfSampleSection(page: PosteriorPage): string {
  const o = page.outOfSample;
  if (o === undefined) return '';
  const f = (v: number): string => escapeXml(formatNumber(Number.isFinite(v) ? v : null));
  const rows = Object.entries(o.features).map(([name, v]) => `<tr><td>${escapeXml(name)}</td><td class="num">${f(v.inSample)}</td><td class="num">${f(v.heldOut)}</td></tr>`);
  return [
    '<h2>Out of sample</h2>',
    `<p>Fitted on ${o.split.fit} cascades, ${o.split.heldOut} held out (${f(o.split.fraction * 100)} %, split by cascade id, seed ${escapeXml(JSON.stringify(o.split.seed))}). Mean KS of the posterior predictive over the features: <strong>${f(o.inSample)}</strong> to the fitted cascades, <strong>${f(o.heldOut)}</strong> to the held-out ones (difference ${f(o.difference)}).</p>`,
    `<div class="scroll"><table><thead><tr><th>feature</th><th class="num">KS to the fitted cascades</th><th class="num">KS to the held-out cascades</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
  ].join('');
}

/** The page (see the banner). */
export function posteriorHtml(page: PosteriorPage): string {
  const names = Object.keys(page.prior).sort();
  const hist = names.map((n, i) => histogram(page, n, `h${i}`)).join('');
  const scat = names.map((n, i) => scatter(page, n, `s${i}`)).join('');
  const fit = ccdf(page, 'size', 'c-size') + ccdf(page, 'depth', 'c-depth');
  const notes = page.notes.length > 0 ? `<h2>Notes</h2><ul class="notes">${page.notes.map((n) => `<li>${escapeXml(n)}</li>`).join('')}</ul>` : '';
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8">${PAGE_POLICY_META}`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(page.title)}</title><style>${COMPARE_CSS}</style></head>`,
    `<body><main><h1>${escapeXml(page.title)}</h1>`,
    page.warning !== undefined ? `<p class="warning"><strong>Warning:</strong> ${escapeXml(page.warning)}</p>` : '',
    ...page.lead.map((l) => `<p class="small">${escapeXml(l)}</p>`),
    table(page),
    `<h2>Posterior samples</h2><div class="pair">${hist}</div>`,
    `<h2>Distance against each parameter</h2><div class="pair">${scat}</div>`,
    fit.length > 0 ? `<h2>Fit of the best draw</h2><div class="pair">${fit}</div>` : '',
    outOfSampleSection(page),
    page.check !== undefined ? `<h2>Posterior predictive check</h2><div class="pair">${Object.keys(page.check.features).map((f, i) => checkFigure(page, f, `k${i}`)).join('')}</div>` : '',
    notes,
    '</main></body></html>',
    '',
  ].join('\n');
}
