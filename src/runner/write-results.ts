/**
 * Everything in a results directory that is rebuilt from runs.jsonl and the
 * manifest: final / series / cascades as CSV and Parquet, timings.csv (wall
 * clock per run), summary.md and report.html. Files are replaced atomically,
 * and every one is sorted by run index, so two directories with the same
 * runs hold byte-identical final, series and cascades tables (timings.csv
 * alone depends on the machine).
 */
import { markdownText } from '../report/summary-markdown.js';
import path from 'node:path';
import type { ResolvedExperiment } from '../experiment/define-experiment.js';
import type { RunResult } from '../experiment/experiment-types.js';
import { reportHtml } from '../report/report-html.js';
import { renderSummaryMarkdown } from '../report/summary-markdown.js';
import { summarize } from '../report/summary-stats.js';
import { designAnalysis } from '../report/design-analysis.js';
import { BUILT_IN_KINDS, declaredKind, declaredKinds } from '../report/outcome-kind.js';
import type { Manifest } from './manifest.js';
import { tableParquet } from './parquet-table.js';
import { cascadesTable, feedsTable, finalTable, seriesTable, tableCsv, timingsTable, treesTable, type Table, type TableLayout } from './result-tables.js';
import { writeFileAtomic } from './runs-log.js';

export interface WrittenResults {
  readonly files: string[];
  /** Problems that did not stop the tables (e.g. the report could not be built). */
  readonly warnings: string[];
}

/**
 * The tables' layout from the manifest; with the resolved experiment also
 * which final columns are counts (declared by the scenario, by a `prefix*`
 * pattern too, or built in), stored as integers.
 */
export function tableLayout(manifest: Manifest, resolved: ResolvedExperiment | null = null): TableLayout {
  const kinds = resolved === null ? undefined : declaredKinds(resolved.definition).outcomeKinds;
  return {
    // A design's parameters are columns like swept ones (each run has its own values).
    varyKeys: [...Object.keys(manifest.spec.vary), ...(manifest.spec.design?.names ?? [])],
    varyValues: manifest.spec.vary,
    finalColumns: manifest.spec.finalColumns,
    base: manifest.spec.base,
    isCount: (metric) => (declaredKind(kinds, metric) ?? declaredKind(BUILT_IN_KINDS, metric))?.kind === 'count',
  };
}

export function buildTables(layout: TableLayout, results: readonly RunResult[]): Table[] {
  const tables = [finalTable(layout, results), seriesTable(layout, results), cascadesTable(layout, results), treesTable(results)];
  // The sock puppets' feed log: only when a run has one, so other experiments' folders are unchanged.
  if (results.some((r) => r.feeds !== undefined)) tables.push(feedsTable(layout, results));
  return tables;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function placeholderMarkdown(manifest: Manifest, results: readonly RunResult[], why: string): string {
  return [
    `# ${markdownText(manifest.experiment.title)}`,
    '',
    `**Question.** ${markdownText(manifest.experiment.question)}`,
    '',
    `${results.length} of ${manifest.runs.length} runs; tables: final.csv, series.csv, cascades.csv, trees.csv (and .parquet), timings.csv.`,
    '',
    `(No statistical summary: ${why}.)`,
    '',
  ].join('\n');
}

function placeholderHtml(manifest: Manifest, results: readonly RunResult[], why: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(manifest.experiment.title)}</title></head><body><h1>${escapeHtml(
    manifest.experiment.title,
  )}</h1><p>${escapeHtml(manifest.experiment.question)}</p><p>${results.length} of ${manifest.runs.length} runs. No charts: ${escapeHtml(why)}.</p></body></html>\n`;
}

/**
 * Write tables, summary and report into `dir`. `resolved` is needed for the
 * summary and report; without it (experiment file gone or changed) they are
 * placeholders that say why.
 */
export function writeResults(dir: string, manifest: Manifest, results: readonly RunResult[], resolved: ResolvedExperiment | null): WrittenResults {
  const files: string[] = [];
  const warnings: string[] = [];
  const createdBy = `echolab ${manifest.echolab}`;
  for (const table of buildTables(tableLayout(manifest, resolved), results)) {
    writeFileAtomic(path.join(dir, `${table.name}.csv`), tableCsv(table));
    writeFileAtomic(path.join(dir, `${table.name}.parquet`), tableParquet(table, createdBy));
    files.push(`${table.name}.csv`, `${table.name}.parquet`);
  }
  writeFileAtomic(path.join(dir, 'timings.csv'), tableCsv(timingsTable(results)));
  files.push('timings.csv');
  const sorted = [...results].sort((a, b) => a.run.index - b.run.index);
  let summary: string;
  let html: string;
  if (resolved) {
    try {
      // One summary (its bootstrap intervals included) for both pages.
      const stats = summarize(resolved, sorted);
      const design = designAnalysis(resolved, sorted, stats);
      summary = renderSummaryMarkdown(resolved, stats, design);
      html = reportHtml(resolved, sorted, { title: manifest.experiment.title, manifest, summary: stats, design });
    } catch (err) {
      const why = `the report failed (${err instanceof Error ? err.message : String(err)})`;
      warnings.push(why);
      summary = placeholderMarkdown(manifest, sorted, why);
      html = placeholderHtml(manifest, sorted, why);
    }
  } else {
    const why = 'the experiment file could not be loaded to resolve the spec';
    warnings.push(why);
    summary = placeholderMarkdown(manifest, sorted, why);
    html = placeholderHtml(manifest, sorted, why);
  }
  writeFileAtomic(path.join(dir, 'summary.md'), summary);
  writeFileAtomic(path.join(dir, 'report.html'), html);
  files.push('summary.md', 'report.html');
  return { files, warnings };
}
