/**
 * Comparison of per-cascade feature samples (simulated arms against an
 * archive) and its write-ups: a tidy CSV, a Markdown table per arm and a
 * self-contained HTML page with CCDF overlays.
 *
 * Unlike compareCascades, which measures trees, this works on feature values
 * already measured (the cascade rows of a results folder, an archive's
 * trees, or an approximate sample rebuilt from a reference file's
 * percentiles), with the same statistics: KS D and p-value, 1-Wasserstein
 * and the two medians, raw and — when both sides carry a size per cascade —
 * size-matched by the same reweighting (sizeMatchWeights; Juul & Ugander,
 * PNAS 118(46), e2100786118 (2021)). Non-finite values (e.g. time-to-k of a
 * cascade that never reached k) are left out and counted.
 */
import { markdownText } from '../report/summary-markdown.js';
import { renderSvg } from '../viz/charts/render-svg.js';
import { escapeXml } from '../viz/charts/svg-text.js';
import type { CcdfSpec } from '../viz/charts/chart-spec.js';
import { csvLine } from '../io/csv-cell.js';
import { formatNumber } from '../report/format-number.js';
import { CASCADE_FEATURES, type CascadeFeature } from './cascade-features.js';
import type { ComparisonRow, Matching } from './compare-cascades.js';
import { comparisonRow, sizeMatchWeights, type SizeBins } from './compare-cascades.js';
import { tablesMarkdown, tablesText, type TablesDocument } from './report-tables.js';
import { PAGE_POLICY_META } from '../report/page-policy.js';

/**
 * Feature values of a set of cascades. With `perCascade` true every array
 * is indexed by cascade (all of one length), so sizes can weight the other
 * features; false for an approximate sample, where the arrays are unrelated.
 */
export interface FeatureTable {
  readonly perCascade: boolean;
  readonly values: Partial<Record<CascadeFeature, readonly number[]>>;
}

export interface CompareTableOptions {
  /** Add size-matched rows when both sides are per-cascade (default true). */
  readonly matchOnSize?: boolean;
  /** Size groups of the matched rows (default exact sizes). */
  readonly sizeBins?: SizeBins;
}

/** Whether a size-matched comparison is possible for these two tables. */
export function canMatchOnSize(sim: FeatureTable, archive: FeatureTable): boolean {
  return sim.perCascade && archive.perCascade && sim.values.size !== undefined && archive.values.size !== undefined;
}

/** The features both tables hold, in CASCADE_FEATURES order. */
export function sharedFeatures(sim: FeatureTable, archive: FeatureTable): CascadeFeature[] {
  return CASCADE_FEATURES.filter((f) => sim.values[f] !== undefined && archive.values[f] !== undefined);
}

/** Raw rows for every shared feature, then size-matched rows when possible and asked for. */
export function compareFeatureTables(sim: FeatureTable, archive: FeatureTable, options: CompareTableOptions = {}): ComparisonRow[] {
  const features = sharedFeatures(sim, archive);
  const row = (feature: CascadeFeature, matching: Matching, ws?: Float64Array, wa?: Float64Array, outside = { sim: 0, arch: 0 }): ComparisonRow =>
    comparisonRow(feature, matching, sim.values[feature] as readonly number[], archive.values[feature] as readonly number[], ws, wa, outside);
  const rows = features.map((f) => row(f, 'raw'));
  if (options.matchOnSize !== false && canMatchOnSize(sim, archive)) {
    const m = sizeMatchWeights(sim.values.size as readonly number[], archive.values.size as readonly number[], options.sizeBins ?? 'exact');
    for (const f of features) rows.push(row(f, 'size-matched', m.simWeights, m.archiveWeights, { sim: m.simOutside, arch: m.archiveOutside }));
  }
  return rows;
}

/** One arm's comparison, as written to the report. */
export interface ArmComparison {
  /** e.g. `p=0.1`, or `all` when the results have a single arm or are pooled. */
  readonly arm: string;
  readonly cascades: number;
  readonly rows: readonly ComparisonRow[];
  /** Size and structural virality samples for the CCDF overlays. */
  readonly simulated: FeatureTable;
}

export interface CompareReport {
  readonly resultsName: string;
  /** e.g. `twitter15 (label false)`. */
  readonly archiveName: string;
  readonly archive: FeatureTable;
  readonly arms: readonly ArmComparison[];
  /** Remarks printed under the tables (approximation, missing matching, units). */
  readonly notes: readonly string[];
  /** The selection applied to the simulated side, in words: shown first. */
  readonly selection?: string;
  /** What makes the comparison weak (too few matched cascades, ...): shown first. */
  readonly warnings?: readonly string[];
}

const CSV_HEAD = [
  'arm',
  'feature',
  'matching',
  'n_sim',
  'n_archive',
  'n_sim_effective',
  'sim_dropped',
  'archive_dropped',
  'sim_outside_match',
  'archive_outside_match',
  'ks_d',
  'ks_p',
  'wasserstein',
  'sim_median',
  'archive_median',
];

/** Tidy CSV: one line per (arm, feature, matching). */
export function compareCsv(report: CompareReport): string {
  const lines = [csvLine(CSV_HEAD)];
  for (const a of report.arms) {
    for (const r of a.rows) {
      const nums = [r.nSim, r.nArchive, r.nSimEffective, r.simDropped, r.archiveDropped, r.simOutsideMatch, r.archiveOutsideMatch, r.ks, r.ksPValue, r.wasserstein, r.simMedian, r.archiveMedian];
      lines.push(csvLine([a.arm, r.feature, r.matching, ...nums]));
    }
  }
  return `${lines.join('\n')}\n`;
}

const TABLE_HEAD = ['feature', 'matching', 'n sim', 'n archive', 'KS D', 'KS p', 'Wasserstein', 'median sim', 'median archive'];

function tableCells(r: ComparisonRow): string[] {
  const fmt = (v: number): string => formatNumber(Number.isNaN(v) ? null : v);
  const n = r.matching === 'size-matched' ? `${r.nSim} (eff. ${formatNumber(r.nSimEffective, 3)})` : String(r.nSim);
  return [r.feature, r.matching, n, String(r.nArchive), fmt(r.ks), fmt(r.ksPValue), fmt(r.wasserstein), fmt(r.simMedian), fmt(r.archiveMedian)];
}

function armTitle(report: CompareReport, a: ArmComparison): string {
  return `${a.arm} vs ${report.archiveName} (${a.cascades} simulated cascades)`;
}

function tablesOf(report: CompareReport): TablesDocument {
  return {
    head: [
      `# ${markdownText(report.resultsName)} compared with ${markdownText(report.archiveName)}`,
      '',
      ...(report.selection !== undefined ? [markdownText(report.selection), ''] : []),
      ...(report.warnings ?? []).flatMap((w) => [`**Warning:** ${markdownText(w)}`, '']),
    ],
    columns: TABLE_HEAD,
    leftColumns: 2,
    sections: report.arms.map((a) => ({ title: armTitle(report, a), rows: a.rows.map(tableCells) })),
    notes: report.notes,
  };
}

/** Markdown: a title, then one table per arm, then the notes. */
export function compareMarkdown(report: CompareReport): string {
  return tablesMarkdown(tablesOf(report));
}

/** Plain-text tables for the terminal. */
export function compareText(report: CompareReport): string {
  const lead = [...(report.selection !== undefined ? [report.selection] : []), ...(report.warnings ?? []).map((w) => `warning: ${w}`)];
  return `${lead.length > 0 ? `${lead.join('\n')}\n\n` : ''}${tablesText(tablesOf(report))}`;
}

const CSS = `
body { margin: 0; background: #f6f6f4; color: #222; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 8px 0 4px; line-height: 1.25; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 8px; border-top: 1px solid #e3e3e3; }
figure.chart { margin: 12px 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(440px, 100%), 1fr)); gap: 8px 24px; align-items: start; }
.scroll { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e6e6e6; text-align: left; }
th { background: #f4f4f4; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.notes li, .small { color: #555; font-size: 13px; }
.selection { background: #eef4fa; border-left: 4px solid #2f6fa8; padding: 8px 12px; }
.selection code { white-space: nowrap; }
.warning { background: #fff4e5; border-left: 4px solid #c77700; padding: 8px 12px; }
@media (max-width: 600px) { main { padding: 16px 14px 32px; } h1 { font-size: 22px; } }
`;

/** The stylesheet of the compare pages (shared by the network comparison and the calibration page). */
export const COMPARE_CSS = CSS;

function ccdfFigure(report: CompareReport, a: ArmComparison, feature: 'size' | 'structural-virality', id: string): string {
  const sim = a.simulated.values[feature];
  const arch = report.archive.values[feature];
  if (sim === undefined || arch === undefined) return '';
  const spec: CcdfSpec = {
    kind: 'ccdf',
    title: feature === 'size' ? 'Cascade size' : 'Structural virality',
    subtitle: `${a.arm} vs ${report.archiveName}`,
    x: { label: feature, scale: feature === 'size' ? 'log' : 'linear' },
    groups: [
      { name: `simulated (${a.arm})`, values: sim },
      { name: report.archiveName, values: arch },
    ],
  };
  const svg = renderSvg(spec, { idPrefix: id, standalone: false });
  return `<figure class="chart" data-kind="ccdf" data-metric="${feature}">${svg}</figure>`;
}

/** A self-contained page: per arm the table and CCDF overlays of size and structural virality. */
export function compareHtml(report: CompareReport): string {
  const title = `${report.resultsName} compared with ${report.archiveName}`;
  const sections = report.arms.map((a, i) => {
    const head = TABLE_HEAD.map((h, k) => `<th${k >= 2 ? ' class="num"' : ''}>${escapeXml(h)}</th>`).join('');
    const body = a.rows.map((r) => `<tr>${tableCells(r).map((c, k) => `<td${k >= 2 ? ' class="num"' : ''}>${escapeXml(c)}</td>`).join('')}</tr>`).join('');
    const charts = ccdfFigure(report, a, 'size', `c${i}-size`) + ccdfFigure(report, a, 'structural-virality', `c${i}-sv`);
    return `<section><h2>${escapeXml(armTitle(report, a))}</h2><div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div><div class="pair">${charts}</div></section>`;
  });
  const notes = report.notes.length > 0 ? `<h2>Notes</h2><ul class="notes">${report.notes.map((n) => `<li>${escapeXml(n)}</li>`).join('')}</ul>` : '';
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8">${PAGE_POLICY_META}`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title><style>${CSS}</style></head>`,
    `<body><main><h1>${escapeXml(title)}</h1>`,
    report.selection !== undefined ? `<p class="selection">${escapeXml(report.selection).replace(/--select( [a-z0-9=,-]+)?/g, (m) => `<code>${m}</code>`)}</p>` : '',
    ...(report.warnings ?? []).map((w) => `<p class="warning"><strong>Warning:</strong> ${escapeXml(w)}</p>`),
    '<p class="small">KS D: largest gap between the two CDFs (0 = same distribution, 1 = disjoint); Wasserstein: area between them, in the feature\'s unit.</p>',
    ...sections,
    notes,
    '</main></body></html>',
    '',
  ].join('\n');
}
