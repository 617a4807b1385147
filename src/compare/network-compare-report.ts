/**
 * Write-ups of a network-metric comparison (compare-networks.ts): a tidy CSV
 * (one line per arm and metric, exact values), a Markdown table per arm, a
 * plain-text table for the terminal and a self-contained HTML page with one
 * point-range chart per metric (each arm's simulated mean and 95 % interval,
 * the archive value as the reference line).
 */
import { csvLine } from '../io/csv-cell.js';
import { markdownText } from '../report/summary-markdown.js';
import { formatNumber } from '../report/format-number.js';
import type { PointRangeSpec } from '../viz/charts/chart-spec.js';
import { renderSvg } from '../viz/charts/render-svg.js';
import { escapeXml } from '../viz/charts/svg-text.js';
import { COMPARE_CSS } from './compare-report.js';
import type { NetworkMetricRow } from './compare-networks.js';
import { tablesMarkdown, tablesText, type TablesDocument } from './report-tables.js';
import { PAGE_POLICY_META } from '../report/page-policy.js';

export interface NetworkArmComparison {
  /** e.g. `epsilon=0.2`, or `all`. */
  readonly arm: string;
  /** Runs of this arm in the results. */
  readonly runs: number;
  readonly rows: readonly NetworkMetricRow[];
}

export interface NetworkCompareReport {
  readonly resultsName: string;
  /** e.g. `polblogs (value: 0 → −1, 1 → +1)`. */
  readonly archiveName: string;
  /** Size of the archive network, e.g. `1490 nodes, 19025 directed edges`. */
  readonly archiveSize: string;
  readonly arms: readonly NetworkArmComparison[];
  readonly notes: readonly string[];
}

const CSV_HEAD = ['arm', 'metric', 'archive', 'n_sim', 'sim_dropped', 'sim_mean', 'sim_sd', 'sim_q025', 'sim_q975', 'sim_min', 'sim_max', 'archive_percentile', 'sd_distance', 'in_results'];

/** Tidy CSV: one line per (arm, metric); empty cells are undefined values. */
export function networkCompareCsv(report: NetworkCompareReport): string {
  const lines = [csvLine(CSV_HEAD)];
  for (const a of report.arms) {
    for (const r of a.rows) {
      const nums = [r.archive, r.nSim, r.simDropped, r.simMean, r.simSd, r.simLow, r.simHigh, r.simMin, r.simMax, r.percentile, r.sdDistance];
      lines.push(csvLine([a.arm, r.metric, ...nums, !r.missing]));
    }
  }
  return `${lines.join('\n')}\n`;
}

const TABLE_HEAD = ['metric', 'archive', 'runs', 'sim mean', 'sim 95 % interval', 'sim min–max', 'archive percentile', '|archive − mean| / SD'];

function cells(r: NetworkMetricRow): string[] {
  const f = (v: number): string => formatNumber(Number.isNaN(v) ? null : v);
  if (r.missing) return [r.metric, f(r.archive), '0', r.archiveOnly ? 'archive only' : 'not in results', '—', '—', '—', '—'];
  if (r.nSim === 0) return [r.metric, f(r.archive), `0 (${r.simDropped} undefined)`, '—', '—', '—', '—', '—'];
  return [
    r.metric,
    f(r.archive),
    r.simDropped > 0 ? `${r.nSim} (+${r.simDropped} undefined)` : String(r.nSim),
    f(r.simMean),
    `[${f(r.simLow)}, ${f(r.simHigh)}]`,
    `${f(r.simMin)} – ${f(r.simMax)}`,
    f(r.percentile),
    f(r.sdDistance),
  ];
}

function armTitle(report: NetworkCompareReport, a: NetworkArmComparison): string {
  return `${a.arm} vs ${report.archiveName} (${a.runs} simulated run${a.runs === 1 ? '' : 's'})`;
}

function tablesOf(report: NetworkCompareReport): TablesDocument {
  return {
    head: [`# ${markdownText(report.resultsName)} compared with ${markdownText(report.archiveName)}`, '', `Archive network: ${markdownText(report.archiveSize)}.`, ''],
    columns: TABLE_HEAD,
    leftColumns: 1,
    sections: report.arms.map((a) => ({ title: armTitle(report, a), rows: a.rows.map(cells) })),
    notes: report.notes,
  };
}

/** Markdown: a title, one table per arm, then the notes. */
export function networkCompareMarkdown(report: NetworkCompareReport): string {
  return tablesMarkdown(tablesOf(report));
}

/** Aligned plain-text tables for the terminal. */
export function networkCompareText(report: NetworkCompareReport): string {
  return tablesText(tablesOf(report));
}

function metricFigure(report: NetworkCompareReport, metric: string, id: string): string {
  const rows = report.arms.flatMap((a) => {
    const r = a.rows.find((x) => x.metric === metric);
    return r !== undefined && r.nSim > 0 ? [{ label: a.arm, estimate: r.simMean, lower: r.simLow, upper: r.simHigh, note: `${r.nSim} runs` }] : [];
  });
  const archive = report.arms[0]?.rows.find((x) => x.metric === metric)?.archive ?? NaN;
  if (rows.length === 0) return '';
  const spec: PointRangeSpec = {
    kind: 'point-range',
    title: metric,
    subtitle: `simulated mean and 95 % interval per arm; line: ${report.archiveName} = ${formatNumber(archive)}`,
    x: { label: metric },
    rows,
    reference: Number.isFinite(archive) ? archive : undefined,
  };
  return `<figure class="chart" data-kind="point-range" data-metric="${escapeXml(metric)}">${renderSvg(spec, { idPrefix: id, standalone: false })}</figure>`;
}

/** A self-contained page: per arm the table, then one chart per metric across arms, then the notes. */
export function networkCompareHtml(report: NetworkCompareReport): string {
  const title = `${report.resultsName} compared with ${report.archiveName}`;
  const head = TABLE_HEAD.map((h, k) => `<th${k >= 1 ? ' class="num"' : ''}>${escapeXml(h)}</th>`).join('');
  const sections = report.arms.map((a) => {
    const body = a.rows.map((r) => `<tr>${cells(r).map((c, k) => `<td${k >= 1 ? ' class="num"' : ''}>${escapeXml(c)}</td>`).join('')}</tr>`).join('');
    return `<section><h2>${escapeXml(armTitle(report, a))}</h2><div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></section>`;
  });
  const metrics = report.arms[0]?.rows.map((r) => r.metric) ?? [];
  const charts = metrics.map((m, i) => metricFigure(report, m, `m${i}`)).join('');
  const notes = report.notes.length > 0 ? `<h2>Notes</h2><ul class="notes">${report.notes.map((n) => `<li>${escapeXml(n)}</li>`).join('')}</ul>` : '';
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8">${PAGE_POLICY_META}`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title><style>${COMPARE_CSS}</style></head>`,
    `<body><main><h1>${escapeXml(title)}</h1>`,
    `<p class="small">Archive network: ${escapeXml(report.archiveSize)}. The archive gives one value per metric; the runs give a distribution. Percentile: where the archive value falls among the runs (mid-rank, 0–100); distance: |archive − mean| in simulated standard deviations.</p>`,
    ...sections,
    charts.length > 0 ? `<h2>Archive value against the runs</h2><div class="pair">${charts}</div>` : '',
    notes,
    '</main></body></html>',
    '',
  ].join('\n');
}
