/**
 * "What ran", as label/text lines shared by summary.md and report.html.
 * Names and values are wrapped in backticks; the HTML report turns those
 * into <code>.
 */
import type { ParamValue } from '../experiment/experiment-types.js';
import type { ReportExperiment } from './report-input.js';

export interface SetupLine {
  readonly label: string;
  readonly text: string;
}

function value(v: ParamValue): string {
  return typeof v === 'string' ? v : String(v);
}

function code(s: string): string {
  // A backtick inside would end the span early; a prime reads the same.
  return `\`${s.replace(/`/g, 'ʹ')}\``;
}

/** Time unit of the experiment's clock: hours for scenarios, steps for zoo models. */
export function timeUnit(resolved: ReportExperiment): string {
  const scenario = resolved.kind !== undefined ? resolved.kind === 'scenario' : resolved.definition.scenario !== undefined;
  return scenario || resolved.durationHours !== null ? 'hours' : 'steps';
}

/** The help line of a final column: exact name first, then the longest `prefix*` pattern. */
export function columnHelpFor(resolved: ReportExperiment, column: string): string | undefined {
  // A scenario's values over time (its `series` hook) have their own help lines.
  const seriesHelp = resolved.definition.scenario?.seriesHelp;
  if (seriesHelp !== undefined && Object.prototype.hasOwnProperty.call(seriesHelp, column)) return seriesHelp[column];
  const help = resolved.columnHelp;
  if (!help) return undefined;
  if (Object.prototype.hasOwnProperty.call(help, column)) return help[column];
  let best: string | undefined;
  let length = -1;
  for (const key of Object.keys(help)) {
    if (key.endsWith('*') && column.startsWith(key.slice(0, -1)) && key.length > length) {
      best = help[key];
      length = key.length;
    }
  }
  return best;
}

export function setupLines(resolved: ReportExperiment, resultRuns: number): SetupLine[] {
  const def = resolved.definition;
  const lines: SetupLine[] = [{ label: 'Experiment', text: code(resolved.id) }];
  if (def.scenario) lines.push({ label: 'Scenario', text: `${code(def.scenario.id)} (${def.scenario.title})` });
  if (def.model) lines.push({ label: 'Model', text: code(def.model) });
  if (def.network) {
    // `network.<key>` in base (e.g. the quick size's `network.n`) replaces the network block's value; a swept one is listed with the sweep.
    const params = Object.entries(def.network.params)
      .filter(([k]) => !Object.prototype.hasOwnProperty.call(resolved.vary, `network.${k}`))
      .map(([k, v]) => `${k} = ${value(Object.prototype.hasOwnProperty.call(resolved.base, `network.${k}`) ? resolved.base[`network.${k}`] : v)}`);
    lines.push({ label: 'Network', text: `${code(def.network.kind)}${params.length ? ` (${params.map(code).join(', ')})` : ''}` });
  }
  const base = Object.entries(resolved.base);
  lines.push({ label: 'Fixed parameters (base)', text: base.length ? base.map(([k, v]) => code(`${k} = ${value(v)}`)).join(', ') : 'none' });
  const vary = Object.entries(resolved.vary);
  lines.push({
    label: 'Swept parameters (vary)',
    text: vary.length ? vary.map(([k, vs]) => `${code(k)}: ${vs.map((v) => value(v)).join(', ')}`).join('; ') : 'none (a single arm)',
  });
  const design = resolved.design;
  if (design !== undefined && design !== null) {
    const perArm = resolved.runs.length / Math.max(1, vary.reduce((n, [, vs]) => n * vs.length, 1));
    lines.push({
      label: 'Design',
      text:
        `${design.kind === 'sobol' ? `Saltelli (Sobol) sampling: n = ${design.samples} base samples, n (k + 2) = ${design.points.length} points` : `Latin hypercube: ${design.points.length} points`} over ` +
        design.names.map((k) => `${code(k)} ∈ [${value(design.ranges[k][0])}, ${value(design.ranges[k][1])}]`).join(', ') +
        `; ${perArm} runs per arm`,
    });
  }
  lines.push({ label: 'Replicates', text: `${resolved.replicates} per ${design ? 'design point' : 'arm'}${resolved.options.quick ? ' (quick mode)' : ''}` });
  if (resolved.steps !== null) {
    const until = (resolved.untilConverged ?? def.untilConverged !== false) ? ', stopping early at convergence' : '';
    lines.push({ label: 'Length', text: `${resolved.steps} steps${until}` });
  }
  if (resolved.durationHours !== null) lines.push({ label: 'Length', text: `${resolved.durationHours} simulated hours` });
  lines.push({
    label: 'Sampling',
    text: resolved.sampleEvery > 0 ? `every ${resolved.sampleEvery} ${timeUnit(resolved)}` : 'at the end only',
  });
  if (resolved.metrics.length) lines.push({ label: 'Metrics', text: resolved.metrics.map(code).join(', ') });
  if (resolved.finalMetrics?.length) lines.push({ label: 'Metrics at the end', text: resolved.finalMetrics.map(code).join(', ') });
  if (def.outcomes?.length) lines.push({ label: 'Outcomes', text: def.outcomes.map(code).join(', ') });
  lines.push({ label: 'Seed', text: code(def.seed) });
  lines.push({ label: 'Runs', text: `${resolved.runs.length} planned, ${resultRuns} with results` });
  return lines;
}
