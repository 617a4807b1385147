/**
 * summary.md: the question, what ran, per-arm means with 95 % intervals for
 * every final metric, paired differences against the reference arm, and
 * notes on what was left out. Plain GitHub-flavoured Markdown.
 */
import { describeMethod } from './outcome-interval.js';
import { designAnalysis, type DesignAnalysis } from './design-analysis.js';
import { describeKind } from './outcome-kind.js';
import { familyPattern, isKeyOutcome, keyOutcomeList } from './key-outcomes.js';
import type { RunResult } from '../experiment/experiment-types.js';
import { columnHelpFor, setupLines } from './experiment-setup.js';
import { formatInterval, formatNumber } from './format-number.js';
import type { ReportExperiment } from './report-input.js';
import { summarize, type MetricSummary, type Summary } from './summary-stats.js';

/**
 * Text from an experiment or a command line (a title, a question, a label,
 * a folder name) as Markdown text: HTML markup characters as entities, so
 * a Markdown viewer that renders raw HTML shows `<script>` as text, and
 * line breaks flattened, so a title stays one heading.
 */
export function markdownText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')).replace(/\r?\n|\r/g, ' ');
}

/** Markdown with `code spans` kept as they are (they render literally) and the text between them as in `markdownText`. */
export function markdownInline(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : markdownText(part)))
    .join('');
}

/** A table cell: markup escaped as in `markdownText`, pipes escaped, line breaks flattened. */
export function markdownCell(text: string): string {
  return markdownText(text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|'));
}

function table(head: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.map(markdownCell).join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : ':---')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
  ];
}

function percent(level: number): string {
  return `${formatNumber(level * 100)} %`;
}

/** The interval method of a metric's arms, in words (the first arm with an interval). */
export function intervalName(m: MetricSummary): string {
  const method = m.arms.find((a) => a.stats.ci !== null)?.stats.method;
  return method === undefined ? 'none (fewer than two values)' : describeMethod(method);
}

/** The Markdown of an already computed summary. */
export function renderSummaryMarkdown(resolved: ReportExperiment, summary: Summary, design: DesignAnalysis | null = null): string {
  const def = resolved.definition;
  const level = percent(summary.level);
  const label = new Map(summary.arms.map((a) => [a.id, a.label]));
  const out: string[] = [`# ${markdownText(def.title)}`, ''];
  for (const line of def.question.split(/\r?\n/)) out.push(`> ${markdownText(line)}`);
  const figures = def.scenario?.figures ?? [];
  if (figures.length > 0) {
    out.push('', '**Real-world figures, and how this scenario scales them.**', '');
    for (const f of figures) out.push(`- ${markdownText(f)}`);
  }
  if (design !== null && design.outcomes.length > 0) {
    out.push('', '## Sensitivity', '');
    out.push(
      design.kind === 'sobol'
        ? `Sobol indices over the design (Saltelli sampling, n = ${design.samples}): first order S (the parameter alone) and total order ST (with its interactions), ${level} bootstrap intervals.`
        : `Partial rank correlations (PRCC) over the Latin-hypercube design (${design.samples} points), ${level} bootstrap intervals.`,
      '',
    );
    for (const o of design.outcomes) {
      out.push(`### \`${markdownText(o.outcome)}\`${summary.arms.length > 1 ? ` (${markdownText(o.arm)})` : ''}`, '');
      if (o.sobol) out.push(...table(['parameter', 'S', `${level} CI`, 'ST', `${level} CI`], ['l', 'r', 'l', 'r', 'l'], o.sobol.map((s) => [`\`${markdownText(s.name)}\``, formatNumber(s.first), formatInterval({ lower: s.firstInterval[0], upper: s.firstInterval[1] }), formatNumber(s.total), formatInterval({ lower: s.totalInterval[0], upper: s.totalInterval[1] })])), '');
      else if (o.prcc) out.push(...table(['parameter', 'PRCC', `${level} CI`], ['l', 'r', 'l'], o.prcc.map((s) => [`\`${markdownText(s.name)}\``, formatNumber(s.prcc), formatInterval({ lower: s.interval[0], upper: s.interval[1] })])), '');
      else out.push(markdownText(o.note ?? 'no indices'), '');
    }
  }
  const keys = keyOutcomeList(resolved);
  const metricTable = (m: MetricSummary): string[] => {
    const anyNonFinite = m.arms.some((a) => a.stats.nonFinite.total > 0);
    const head = ['arm', 'n', 'mean', 'SD', `${level} CI`, ...(anyNonFinite ? ['non-finite'] : [])];
    const rows = m.arms.map((a) => [
      `${label.get(a.arm) ?? a.arm}${summary.reference === a.arm ? ' (reference)' : ''}`,
      String(a.stats.n),
      a.stats.n > 0 ? formatNumber(a.stats.mean) : '—',
      a.stats.n > 1 ? formatNumber(a.stats.sd) : '—',
      formatInterval(a.stats.ci),
      ...(anyNonFinite ? [String(a.stats.nonFinite.total)] : []),
    ]);
    const help = columnHelpFor(resolved, m.metric);
    const how = `Kind: ${describeKind(m.kind)}; interval: ${intervalName(m)}.`;
    return [`### \`${m.metric}\``, '', ...(help ? [`_${help.replace(/[_*]/g, (c) => `\\${c}`)}_`, ''] : []), how, '', ...table(head, ['l', 'r', 'r', 'r', 'l', ...(anyNonFinite ? ['r' as const] : [])], rows), ''];
  };
  const keyFinals = summary.finals.filter((m) => isKeyOutcome(resolved, keys, m.metric));
  if (keyFinals.length > 0) {
    out.push('', '## Key results', '');
    out.push(`The outcomes that answer the question: mean and ${level} interval per arm${summary.reference !== null ? '; paired differences below' : ''}.`, '');
    // A family of outcomes (volume.h*) is one table: a row per outcome, mean and interval per arm.
    const families = new Map<string, MetricSummary[]>();
    for (const m of keyFinals) {
      const f = familyPattern(resolved, m.metric);
      if (f === null) out.push(...metricTable(m));
      else families.set(f, [...(families.get(f) ?? []), m]);
    }
    for (const [pattern, members] of families) {
      const help = columnHelpFor(resolved, members[0].metric);
      const head = ['outcome', ...summary.arms.flatMap((a) => [a.label, `${level} CI`])];
      const rows = members.map((m) => [`\`${m.metric}\``, ...m.arms.flatMap((a) => [a.stats.n > 0 ? formatNumber(a.stats.mean) : '—', formatInterval(a.stats.ci)])]);
      out.push(`### \`${markdownText(pattern)}\` (${members.length} outcomes)`, '', ...(help ? [`_${help.replace(/[_*]/g, (c) => `\\${c}`)}_`, ''] : []), `Kind: ${describeKind(members[0].kind)}; interval: ${intervalName(members[0])}.`, '', ...table(head, ['l', ...summary.arms.flatMap(() => ['r' as const, 'l' as const])], rows), '');
    }
    if (summary.reference !== null) {
      const rows = summary.differences.filter((d) => isKeyOutcome(resolved, keys, d.metric) && familyPattern(resolved, d.metric) === null).map((d) => [`\`${d.metric}\``, label.get(d.arm) ?? d.arm, String(d.stats.n), d.stats.n > 0 ? formatNumber(d.stats.mean) : '—', formatInterval(d.stats.ci)]);
      out.push(`Paired differences vs ${markdownText(label.get(summary.reference) ?? summary.reference)}:`, '', ...table(['metric', 'arm', 'pairs', 'mean difference', `${level} CI`], ['l', 'l', 'r', 'r', 'l'], rows), '');
    }
  }
  out.push('', '## Setup', '');
  for (const s of setupLines(resolved, summary.resultRuns)) out.push(`- **${markdownText(s.label)}:** ${markdownInline(s.text)}`);
  out.push('');

  out.push(`## ${keyFinals.length > 0 ? 'All results' : 'Results'}: mean and ${level} CI across replicates`, '');
  if (summary.metrics.length === 0) out.push('No final metrics recorded.', '');
  for (const m of summary.finals) out.push(...metricTable(m));

  if (summary.reference !== null && summary.differences.length > 0) {
    const ref = markdownText(label.get(summary.reference) ?? summary.reference);
    out.push(`## Paired differences vs ${ref}`, '');
    out.push(
      `Each arm minus the reference arm (${ref}), replicate by replicate: the runs of one replicate share their network, initial state and random streams, so the difference is paired. Intervals are ${level} intervals of the mean difference: t for continuous outcomes, percentile bootstrap for the others.`,
      '',
    );
    const rows = summary.differences.map((d) => [
      `\`${d.metric}\``,
      label.get(d.arm) ?? d.arm,
      String(d.stats.n),
      d.stats.n > 0 ? formatNumber(d.stats.mean) : '—',
      formatInterval(d.stats.ci),
    ]);
    out.push(...table(['metric', 'arm', 'pairs', 'mean difference', `${level} CI`], ['l', 'l', 'r', 'r', 'l'], rows), '');
  }

  if (summary.notes.length > 0) {
    out.push('## Notes', '');
    for (const n of summary.notes) out.push(`- ${markdownInline(n)}`);
    out.push('');
  }
  return out.join('\n');
}

/** summary.md of an experiment's results. */
export function summaryMarkdown(resolved: ReportExperiment, results: readonly RunResult[]): string {
  const summary = summarize(resolved, results);
  return renderSummaryMarkdown(resolved, summary, designAnalysis(resolved, results, summary));
}
