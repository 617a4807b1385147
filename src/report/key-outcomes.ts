/**
 * Which outcomes answer an experiment's question (reports show them first,
 * the rest folded away): a scenario's `keyOutcomes`, else a zoo experiment's
 * declared `outcomes` (an experiment's own `keyOutcomes` first); names or
 * `prefix*` patterns.
 */
import { patternSuffix } from './report-charts.js';
import type { ReportExperiment } from './report-input.js';

export function keyOutcomeList(resolved: ReportExperiment): readonly string[] {
  const def = resolved.definition;
  return def.keyOutcomes ?? def.scenario?.keyOutcomes ?? (def.model !== undefined ? (def.outcomes ?? []) : []);
}

/** The pattern (`volume.h*`) whose family `metric` belongs to: not an outcome with a help line of its own (`relays.low-follower-share` is not one of `relays.*`). */
export function familyPattern(resolved: ReportExperiment, metric: string): string | null {
  const help = resolved.definition.scenario?.outcomeHelp;
  if (help === undefined || Object.prototype.hasOwnProperty.call(help, metric)) return null;
  return Object.keys(help).find((p) => patternSuffix(p, metric) !== null) ?? null;
}

/** Is `metric` one of `keys`: by name, or as a member of a key family? */
export function isKeyOutcome(resolved: ReportExperiment, keys: readonly string[], metric: string): boolean {
  if (keys.includes(metric)) return true;
  const family = familyPattern(resolved, metric);
  return family !== null && keys.includes(family);
}
