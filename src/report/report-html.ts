/**
 * report.html: one self-contained page (inline CSS and SVG; no script, font
 * or image to fetch) that shows an experiment's results: the question and
 * setup, time series with 95 % bands per arm, the distribution of every final
 * metric per arm beside its paired differences, cascade-size CCDFs, the
 * summary tables and the provenance. Deterministic: the same inputs give the
 * same bytes (no clock; dates come from the manifest).
 */
import { declaredKinds, describeKind, kindRange, outcomeKindOf } from './outcome-kind.js';
import { familyPattern, isKeyOutcome, keyOutcomeList } from './key-outcomes.js';
import { intervalName } from './summary-markdown.js';
import type { RunResult } from '../experiment/experiment-types.js';
import { seriesStyle, type ChartSpec } from '../viz/charts/chart-spec.js';
import { renderSvg } from '../viz/charts/render-svg.js';
import { escapeXml } from '../viz/charts/svg-text.js';
import { columnHelpFor, setupLines, timeUnit } from './experiment-setup.js';
import { formatInterval, formatNumber } from './format-number.js';
import { MAX_OVERLAID_ARMS, cascadeChart, cascadeSizeColumn, differenceChart, distributionChart, groupChart, heatmapChart, heatmapParameter, patternSuffix, prccChart, responseChart, responseParameter, seriesChart, sobolChart } from './report-charts.js';
import { designAnalysis, type DesignAnalysis } from './design-analysis.js';
import type { ReportExperiment } from './report-input.js';
import { sampledTimes, seriesBand, seriesMetricNames, thinBand } from './series-stats.js';
import { groupByArm, summarize, type Summary } from './summary-stats.js';
import { PAGE_POLICY_META } from './page-policy.js';

export interface ReportMeta {
  /** Page title (default: the experiment's title). */
  readonly title?: string;
  /** manifest.json as written by the runner, shown under Provenance. */
  readonly manifest?: unknown;
  /** The summary of these results, when the caller has it already (summary.md is built from the same one). */
  readonly summary?: Summary;
  /** The design's sensitivity analysis, likewise (null: no design). */
  readonly design?: DesignAnalysis | null;
}

/** Text for HTML content and attributes (the XML rules: markup characters escaped, forbidden characters dropped). */
export function escapeHtml(text: string): string {
  return escapeXml(text);
}

/** Escaped text with `backtick` spans as <code>. */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function slug(text: string, used: Set<string>): string {
  const base = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
  let s = base;
  for (let i = 2; used.has(s); i++) s = `${base}-${i}`;
  used.add(s);
  return s;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f6f4; color: #222; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 8px 0 4px; line-height: 1.25; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 8px; border-top: 1px solid #e3e3e3; }
h3 { font-size: 16px; margin: 24px 0 6px; }
.figures { margin: 0 0 12px; padding: 8px 14px; background: #fafafa; border: 1px solid #e3e3e3; border-radius: 4px; font-size: 14px; }
.figures h2 { font-size: 14px; margin: 0 0 4px; border: 0; padding: 0; }
.figures ul { margin: 0; padding-left: 18px; }
.question { font-size: 17px; margin: 8px 0 12px; padding: 10px 14px; border-left: 4px solid #0072B2; background: #f1f6fa; }
.meta, .lead, figcaption, .small { color: #555; font-size: 13px; }
nav ul { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 14px; }
nav a, a { color: #0060a0; }
code { font: 0.92em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f2f2f2; padding: 0 3px; border-radius: 3px; }
dl.setup { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
dl.setup dt { font-weight: 600; }
dl.setup dd { margin: 0; }
figure.chart { margin: 12px 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(440px, 100%), 1fr)); gap: 8px 24px; align-items: start; }
dl.setup dd, dl.setup dt { min-width: 0; overflow-wrap: anywhere; }
table { display: block; max-width: 100%; overflow-x: auto;  border-collapse: collapse; margin: 8px 0 16px; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e6e6e6; text-align: left; vertical-align: top; }
th { background: #f4f4f4; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.ci, td.note { white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
details { margin: 8px 0; }
summary { cursor: pointer; color: #0060a0; }
pre { background: #f6f6f6; padding: 10px; overflow: auto; font-size: 12px; max-height: 480px; }
.notes li { margin: 2px 0; }
@media (max-width: 600px) { main { padding: 16px 14px 32px; } h1 { font-size: 22px; } dl.setup { grid-template-columns: 1fr; } }
@media print { body { background: #fff; } main { padding: 0; } details { display: none; } }
`;

/** A chart as a <figure>; `data-kind` and `data-metric` let tests and readers' scripts find it. */
function figure(spec: ChartSpec, idPrefix: string, kind: string, metric: string | null, caption?: string): string {
  const svg = renderSvg(spec, { idPrefix, standalone: false });
  const data = metric === null ? '' : ` data-metric="${escapeHtml(metric)}"`;
  return `<figure class="chart" data-kind="${kind}"${data}>${svg}${caption ? `<figcaption>${inline(caption)}</figcaption>` : ''}</figure>`;
}

function statsTable(summary: Summary, metricIndex: number): string {
  const m = summary.finals[metricIndex];
  const level = `${formatNumber(summary.level * 100)} %`;
  const anyNonFinite = m.arms.some((a) => a.stats.nonFinite.total > 0);
  const rows = m.arms.map((a, i) => {
    const arm = summary.arms[i];
    return (
      `<tr><td><span class="swatch" style="background:${swatchColour(arm.index)}"></span>${escapeHtml(arm.label)}${arm.isReference ? ' <span class="small">(reference)</span>' : ''}</td>` +
      `<td class="num">${a.stats.n}</td><td class="num">${a.stats.n > 0 ? formatNumber(a.stats.mean) : '—'}</td>` +
      `<td class="num">${a.stats.n > 1 ? formatNumber(a.stats.sd) : '—'}</td><td class="ci">${formatInterval(a.stats.ci)}</td>` +
      (anyNonFinite ? `<td class="num">${a.stats.nonFinite.total}</td>` : '') +
      '</tr>'
    );
  });
  const head = `<tr><th>arm</th><th class="num">n</th><th class="num">mean</th><th class="num">SD</th><th>${level} CI</th>${anyNonFinite ? '<th class="num">non-finite</th>' : ''}</tr>`;
  return `<p class="small">Kind: ${escapeHtml(describeKind(m.kind))}; interval: ${escapeHtml(intervalName(m))}.</p><table class="stats"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function differenceTable(summary: Summary, metric: string): string {
  const diffs = summary.differences.filter((d) => d.metric === metric);
  if (diffs.length === 0) return '';
  const level = `${formatNumber(summary.level * 100)} %`;
  const rows = diffs.map((d) => {
    const arm = summary.arms.find((a) => a.id === d.arm)!;
    const extra = [d.missingPairs > 0 ? `${d.missingPairs} unpaired` : '', d.nonFinitePairs > 0 ? `${d.nonFinitePairs} non-finite` : ''].filter(Boolean).join(', ');
    return (
      `<tr><td><span class="swatch" style="background:${swatchColour(arm.index)}"></span>${escapeHtml(arm.label)}</td><td class="num">${d.stats.n}</td>` +
      `<td class="num">${d.stats.n > 0 ? formatNumber(d.stats.mean) : '—'}</td><td class="ci">${formatInterval(d.stats.ci)}</td><td class="small note">${escapeHtml(extra)}</td></tr>`
    );
  });
  const ref = summary.arms.find((a) => a.id === summary.reference)!;
  return (
    `<table class="differences"><caption class="small">Paired difference vs ${escapeHtml(ref.label)}</caption>` +
    `<thead><tr><th>arm</th><th class="num">pairs</th><th class="num">mean difference</th><th>${level} CI</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** Okabe–Ito by arm position, as in the charts. */
function swatchColour(index: number): string {
  return seriesStyle(index).colour;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function scalarText(v: unknown): string | null {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** A manifest field as short text, or null when it is too big to list (shown in the JSON instead). */
function fieldText(v: unknown): string | null {
  const s = scalarText(v);
  if (s !== null) return s;
  if (Array.isArray(v) && v.length <= 20 && v.every((x) => scalarText(x) !== null)) return v.map((x) => scalarText(x)).join(', ') || '(none)';
  if (isRecord(v)) {
    const entries = Object.entries(v);
    if (entries.length === 0) return '(none)';
    // Small records inline (nested values as compact JSON); big ones only in the JSON.
    const text = entries.map(([k, x]) => `${k}: ${scalarText(x) ?? jsonText(x, 0)}`).join(', ');
    return text.length <= 400 ? text : null;
  }
  return null;
}

function jsonText(v: unknown, indent = 2): string {
  return JSON.stringify(v, (_, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), indent) ?? String(v);
}

/** Runs whose seed keys the report lists (manifest.json has them all). */
const MAX_LISTED_RUNS = 200;

function provenance(resolved: ReportExperiment, manifest: unknown): string {
  let html = '<section id="provenance"><h2>Provenance</h2>';
  if (manifest === undefined) {
    html += '<p class="small">No manifest was given to the report.</p>';
  } else if (isRecord(manifest)) {
    const rows: string[] = [];
    for (const [k, v] of Object.entries(manifest)) {
      if (k === 'runs' && Array.isArray(v)) {
        rows.push(`<tr><th>${escapeHtml(k)}</th><td>${v.length} (seed keys below)</td></tr>`);
        continue;
      }
      const text = fieldText(v);
      rows.push(`<tr><th>${escapeHtml(k)}</th><td>${text === null ? '<span class="small">(in the JSON below)</span>' : escapeHtml(text)}</td></tr>`);
    }
    html += `<table class="manifest"><tbody>${rows.join('')}</tbody></table>`;
  } else {
    html += `<p>${escapeHtml(String(manifest))}</p>`;
  }
  // Up to 200 runs listed here; every seed key is in manifest.json beside the report.
  const listed = resolved.runs.slice(0, MAX_LISTED_RUNS);
  const runRows = listed.map(
    (r) => `<tr><td class="num">${r.index}</td><td>${escapeHtml(r.name)}</td><td class="num">${r.replicate}</td><td><code>${escapeHtml(r.seedKey)}</code></td><td><code>${escapeHtml(r.crnKey)}</code></td></tr>`,
  );
  html +=
    `<details><summary>Seed keys of the ${resolved.runs.length} runs</summary>` +
    '<p class="small">A run is seeded from its key; the arms of one replicate share the common-random-numbers key (same network, initial state and streams).</p>' +
    `<table class="seeds"><thead><tr><th class="num">#</th><th>run</th><th class="num">replicate</th><th>seed key</th><th>common-random-numbers key</th></tr></thead><tbody>${runRows.join('')}</tbody></table>` +
    (resolved.runs.length > listed.length ? `<p class="small">The first ${listed.length} of ${resolved.runs.length} runs; manifest.json lists them all.</p>` : '') +
    '</details>';
  // The runs are in the seed-key table above: the JSON shows the rest of the manifest.
  const rest = isRecord(manifest) && Array.isArray(manifest.runs) ? { ...manifest, runs: `${manifest.runs.length} runs: see the seed keys above` } : manifest;
  if (manifest !== undefined) html += `<details><summary>manifest.json</summary><pre>${escapeHtml(jsonText(rest))}</pre></details>`;
  return `${html}</section>`;
}

/** The self-contained HTML report of an experiment's results. */
export function reportHtml(resolved: ReportExperiment, results: readonly RunResult[], meta: ReportMeta = {}): string {
  const def = resolved.definition;
  const summary = meta.summary ?? summarize(resolved, results);
  const grouped = groupByArm(resolved, results);
  const armResults = grouped.map((g) => g.results);
  const title = meta.title ?? def.title;
  const unit = timeUnit(resolved);
  let chartCount = 0;
  const nextId = (): string => `fig${++chartCount}`;
  const used = new Set<string>(['setup', 'series', 'finals', 'cascades', 'notes', 'provenance']);
  const toc: Array<[string, string]> = [['setup', 'Setup']];

  // A design: which parameters matter, first.
  let designHtml = '';
  const analysis = meta.design !== undefined ? meta.design : designAnalysis(resolved, results, summary);
  if (analysis !== null && analysis.outcomes.length > 0) {
    used.add('sensitivity');
    toc.unshift(['sensitivity', 'Sensitivity']);
    const what =
      analysis.kind === 'sobol'
        ? 'First-order Sobol index S: the share of the outcome\'s variance over the design due to the parameter alone; total order ST: with all its interactions (Saltelli et al. 2010; Jansen 1999). ST − S large means the parameter acts through interactions; ST near 0 means it can be fixed anywhere in its range.'
        : 'Partial rank correlation (PRCC): the monotone effect of the parameter on the outcome with the other parameters held fixed (Marino et al. 2008), from −1 to 1.';
    const range = analysis.names.map((k) => `<code>${escapeHtml(k)}</code> ∈ [${formatNumber(analysis.ranges[k][0])}, ${formatNumber(analysis.ranges[k][1])}]`).join(', ');
    designHtml = `<section id="sensitivity"><h2>Sensitivity</h2><p class="lead">Over ${range}, each outcome averaged over the replicates at each design point. ${escapeHtml(what)}</p><div class="pair">`;
    for (const o of analysis.outcomes) {
      const arm = summary.arms.length > 1 ? ` (${o.arm})` : '';
      if (o.sobol) designHtml += figure(sobolChart(`${o.outcome}${arm}`, o.sobol, summary.level, `${o.points} design points.`), nextId(), 'sobol', o.outcome);
      else if (o.prcc) designHtml += figure(prccChart(`${o.outcome}${arm}`, o.prcc, summary.level, `${o.points} design points.`), nextId(), 'prcc', o.outcome);
      else designHtml += `<p class="small"><code>${escapeHtml(o.outcome)}</code>${escapeHtml(arm)}: ${escapeHtml(o.note ?? 'no indices')}.</p>`;
    }
    designHtml += '</div></section>';
  }

  // Sweeps drawn as sweeps: each final metric against the first numeric swept parameter (the key outcomes
  // first, the others folded when there are key outcomes); a grid of two numeric parameters also as a heatmap.
  let responseHtml = '';
  const xParam = responseParameter(resolved.vary);
  if (xParam !== null && summary.finals.length > 0) {
    used.add('response');
    toc.unshift(['response', 'Response curves']);
    const keys = keyOutcomeList(resolved);
    const keyFinals = summary.finals.filter((m) => isKeyOutcome(resolved, keys, m.metric));
    const otherFinals = summary.finals.filter((m) => !keyFinals.includes(m));
    const yParam = heatmapParameter(resolved.vary, xParam);
    const swept = Object.entries(resolved.vary).filter(([, v]) => v.length > 1).map(([k]) => k);
    const grid2d = yParam !== null && swept.length === 2;
    const lead = keyFinals.length > 0 ? keyFinals : summary.finals;
    responseHtml = `<section id="response"><h2>Response curves</h2><p class="lead">${keyFinals.length > 0 ? 'The key outcomes' : 'Each final metric'} against <code>${escapeHtml(xParam)}</code>: the mean over the replicates at each value, with the interval that fits the metric${grid2d ? `; and over the grid of <code>${escapeHtml(xParam)}</code> × <code>${escapeHtml(yParam)}</code>, one cell per pair of values` : ''}.</p><div class="pair">`;
    for (const m of lead) {
      responseHtml += figure(responseChart(m, summary.arms, xParam, summary.level), nextId(), 'response', m.metric);
      if (grid2d) responseHtml += figure(heatmapChart(m, summary.arms, xParam, yParam, summary.level), nextId(), 'heatmap', m.metric);
    }
    responseHtml += '</div>';
    if (keyFinals.length > 0 && otherFinals.length > 0) {
      responseHtml += `<details><summary>${otherFinals.length} more response curve${otherFinals.length === 1 ? '' : 's'} (folded: not key outcomes)</summary><div class="pair">${otherFinals.map((m) => figure(responseChart(m, summary.arms, xParam, summary.level), nextId(), 'response', m.metric)).join('')}</div></details>`;
    }
    responseHtml += '</section>';
  }

  // Time series (those named as key outcomes are drawn with the key results instead; the rest are folded when there are key results).
  const seriesMetrics = seriesMetricNames(resolved.metrics, results);
  // A grid with many arms answers with its response curves: its key values over time join the folded series.
  const manyArms = xParam !== null && summary.arms.length > MAX_OVERLAID_ARMS;
  const keyNames = manyArms ? [] : keyOutcomeList(resolved);
  const otherSeries = seriesMetrics.filter((m) => !keyNames.includes(m));
  const allKeys = keyOutcomeList(resolved);
  const hasKeyResults = summary.metrics.length > 0 && (seriesMetrics.some((m) => allKeys.includes(m)) || summary.metrics.some((m) => isKeyOutcome(resolved, allKeys, m)));
  const seriesFigure = (metric: string): string => {
    const range = kindRange(outcomeKindOf(metric, [], declaredKinds(def)));
    // Drawn with at most 100 times per line (50 when each arm has its own panel): the tables keep every sample.
    const bands = grouped.map((g) => thinBand(seriesBand(g.results, metric, sampledTimes(results, metric), range), grouped.length > MAX_OVERLAID_ARMS ? 50 : 100));
    return figure(seriesChart(metric, summary.arms, bands, unit, summary.level, range), nextId(), 'line', metric, columnHelpFor(resolved, metric));
  };
  let seriesHtml = '';
  if (otherSeries.length > 0) {
    toc.push(['series', 'Time series']);
    const body = `<p class="lead">Each metric over ${escapeHtml(unit)}, per arm: mean across replicates with its ${formatNumber(summary.level * 100)} % confidence band.</p><div class="pair">${otherSeries.map(seriesFigure).join('')}</div>`;
    seriesHtml = `<section id="series"><h2>Time series</h2>${hasKeyResults ? `<details><summary>Show (folded: not part of the key results)</summary>${body}</details>` : body}</section>`;
  }

  // Cascades.
  let cascadesHtml = '';
  const ccdf = cascadeChart(summary.arms, armResults);
  if (ccdf) {
    toc.push(['cascades', 'Cascade sizes']);
    const column = cascadeSizeColumn(results);
    cascadesHtml = `<section id="cascades"><h2>Cascade sizes</h2>${figure(ccdf, nextId(), 'ccdf', column)}</section>`;
  }

  // Final metrics: the key outcomes first (the answer), families of outcomes (`volume.h*`) as one
  // chart each, every other metric folded away.
  let keyHtml = '';
  let finalsHtml = '';
  if (summary.metrics.length > 0) {
    const scenario = def.scenario;
    const patterns = scenario !== undefined ? Object.keys(scenario.outcomeHelp).filter((k) => k.endsWith('*')) : [];
    const familyOf = new Map<string, string>();
    for (const m of summary.finals) {
      const p = familyPattern(resolved, m.metric);
      if (p !== null) familyOf.set(m.metric, p);
    }
    const families = patterns.map((p) => ({ pattern: p, members: summary.finals.filter((m) => familyOf.get(m.metric) === p) })).filter((f) => f.members.length > 1);
    const inFamily = new Set(families.flatMap((f) => f.members.map((m) => m.metric)));
    const keyList = keyOutcomeList(resolved);
    const isKey = (metric: string): boolean => isKeyOutcome(resolved, keyList, metric);
    const ref = summary.reference === null ? null : summary.arms.find((a) => a.id === summary.reference)!;
    const ids = new Map(summary.finals.map((m) => [m.metric, slug(`metric-${m.metric}`, used)]));
    // Folded metrics keep the distribution chart and both tables; the difference chart is for the key ones (page size).
    const article = (m: (typeof summary.finals)[number], i: number, withDifferenceChart = true): string => {
      const help = columnHelpFor(resolved, m.metric);
      // A grid with many arms keeps its tables here: its response curves and heatmaps (above) are its charts.
      const dist = manyArms ? '' : figure(distributionChart(m, summary.arms, armResults, summary.level), nextId(), 'distribution', m.metric);
      const diffSpec = withDifferenceChart && !manyArms ? differenceChart(m.metric, summary) : null;
      const diff = diffSpec ? figure(diffSpec, nextId(), 'difference', m.metric) : null;
      return (
        `<article id="${ids.get(m.metric)}"><h3><code>${escapeHtml(m.metric)}</code></h3>` +
        (help ? `<p class="small">${inline(help)}</p>` : '') +
        `<div class="pair">${dist}${diff ?? ''}</div>` +
        `<div class="pair"><div>${statsTable(summary, i)}</div><div>${differenceTable(summary, m.metric)}</div></div></article>`
      );
    };
    const familyHtml = (f: (typeof families)[number]): string => {
      const help = scenario !== undefined ? scenario.outcomeHelp[f.pattern] : undefined;
      const rows = f.members
        .map((m) => `<tr><td><code>${escapeHtml(m.metric)}</code></td>${m.arms.map((a) => `<td class="num">${a.stats.n > 0 ? formatNumber(a.stats.mean) : '—'}</td><td class="ci">${formatInterval(a.stats.ci)}</td>`).join('')}</tr>`)
        .join('');
      const head = `<tr><th>outcome</th>${summary.arms.map((a) => `<th class="num">${escapeHtml(a.label)}</th><th>${formatNumber(summary.level * 100)} % CI</th>`).join('')}</tr>`;
      return (
        `<article id="${slug(`family-${f.pattern}`, used)}"><h3><code>${escapeHtml(f.pattern)}</code> <span class="small">(${f.members.length} outcomes)</span></h3>` +
        figure(groupChart(f.pattern, f.members, summary.arms, summary.level, help), nextId(), 'family', f.pattern) +
        `<details><summary>The ${f.members.length} values</summary><table class="stats"><thead>${head}</thead><tbody>${rows}</tbody></table></details></article>`
      );
    };
    // Values over time named as key outcomes (a scenario's series: reach and volume over 24 hours) lead the key results.
    const keySeries = seriesMetrics.filter((metric) => keyNames.includes(metric));
    const keySeriesHtml = keySeries.length === 0 ? '' : `<div class="pair">${keySeries.map(seriesFigure).join('')}</div>`;
    const keyFinals = summary.finals.map((m, i) => ({ m, i })).filter(({ m }) => isKey(m.metric) && !inFamily.has(m.metric));
    const keyFamilies = families.filter((f) => isKey(f.pattern) || f.members.some((m) => keyList.includes(m.metric)));
    if (keyFinals.length > 0 || keyFamilies.length > 0 || keySeriesHtml !== '') {
      used.add('key');
      toc.unshift(['key', 'Key results']);
      keyHtml =
        '<section id="key"><h2>Key results</h2><p class="lead">The outcomes that answer the question, per arm' +
        (ref ? `, with the paired difference of each arm from <strong>${escapeHtml(ref.label)}</strong> (same replicate: same network, initial state and random streams)` : '') +
        '.</p>' +
        keySeriesHtml +
        keyFinals.map(({ m, i }) => article(m, i)).join('') +
        keyFamilies.map(familyHtml).join('') +
        '</section>';
    }
    const otherFinals = summary.finals.map((m, i) => ({ m, i })).filter(({ m }) => !keyFinals.some((k) => k.m === m) && !inFamily.has(m.metric));
    const otherFamilies = families.filter((f) => !keyFamilies.includes(f));
    if (otherFinals.length > 0 || otherFamilies.length > 0) {
      toc.push(['finals', keyHtml !== '' ? 'Other final metrics' : 'Final metrics']);
      const body =
        (otherFinals.length > 1 ? `<p class="index small">${otherFinals.map(({ m }) => `<a href="#${ids.get(m.metric)}"><code>${escapeHtml(m.metric)}</code></a>`).join(' · ')}</p>` : '') +
        otherFinals.map(({ m, i }) => article(m, i, keyHtml === '')).join('') +
        otherFamilies.map(familyHtml).join('');
      const lead =
        '<p class="lead">The value of each metric at the end of every run, per arm' +
        (ref ? `, and the paired difference of each arm from the reference arm <strong>${escapeHtml(ref.label)}</strong> (same replicate: same network, initial state and random streams)` : '') +
        '.</p>';
      finalsHtml =
        keyHtml !== ''
          ? `<section id="finals"><h2>Other final metrics</h2><details><summary>${otherFinals.length + otherFamilies.length} more (folded)</summary>${lead}${body}</details></section>`
          : `<section id="finals"><h2>Final metrics</h2>${lead}${body}</section>`;
    }
  }

  let notesHtml = '';
  if (summary.notes.length > 0) {
    toc.push(['notes', 'Notes']);
    notesHtml = `<section id="notes"><h2>Notes</h2><ul class="notes">${summary.notes.map((n) => `<li>${inline(n)}</li>`).join('')}</ul></section>`;
  }
  toc.push(['provenance', 'Provenance']);
  // The sections that answer the question come first, in page order.
  const first = ['sensitivity', 'response', 'key'];
  toc.sort((a, b) => (first.includes(a[0]) ? first.indexOf(a[0]) : first.length) - (first.includes(b[0]) ? first.indexOf(b[0]) : first.length));

  const setup = setupLines(resolved, summary.resultRuns)
    .map((l) => `<dt>${escapeHtml(l.label)}</dt><dd>${inline(l.text)}</dd>`)
    .join('');
  const armsList = summary.arms
    .map((a) => `<li><span class="swatch" style="background:${swatchColour(a.index)}"></span>${escapeHtml(a.label)}${a.isReference ? ' <span class="small">(reference)</span>' : ''} <span class="small">— ${a.resultRuns} of ${a.plannedRuns} runs</span></li>`)
    .join('');
  const version = isRecord(meta.manifest) && typeof meta.manifest.echolab === 'string' ? ` · echolab ${escapeHtml(meta.manifest.echolab)}` : '';

  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">${PAGE_POLICY_META}` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><main>` +
    `<header><h1>${escapeHtml(title)}</h1><p class="question">${escapeHtml(def.question)}</p>${figuresHtml(def.scenario?.figures)}` +
    `<p class="meta"><code>${escapeHtml(resolved.id)}</code> · ${summary.arms.length} arm${summary.arms.length === 1 ? '' : 's'} · ${summary.resultRuns} of ${summary.plannedRuns} runs${version}</p></header>` +
    `<nav><ul>${toc.map(([id, name]) => `<li><a href="#${id}">${escapeHtml(name)}</a></li>`).join('')}</ul></nav>` +
    designHtml +
    responseHtml +
    keyHtml +
    `<section id="setup"><h2>Setup</h2><dl class="setup">${setup}</dl><h3>Arms</h3><ul class="arms">${armsList}</ul></section>` +
    seriesHtml +
    cascadesHtml +
    finalsHtml +
    notesHtml +
    provenance(resolved, meta.manifest) +
    '</main></body></html>\n'
  );
}

/** The real event's figures and how the scenario scales them (a scenario's `figures`), under the question. */
function figuresHtml(figures: readonly string[] | undefined): string {
  if (figures === undefined || figures.length === 0) return '';
  return `<section class="figures"><h2>Real-world figures, and how this scenario scales them</h2><ul>${figures.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul></section>`;
}
