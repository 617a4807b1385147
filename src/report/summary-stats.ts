/**
 * The numbers of an experiment's summary: per arm (one combination of the
 * swept parameters) and per final metric, n, mean, SD and the 95 % Student-t
 * interval of the mean across replicates; and paired differences of every
 * arm against the reference arm (each swept parameter at its first value).
 *
 * Pairing: runs of one replicate share their common-random-numbers key
 * (`crnKey`: same network, initial state and streams in every arm), so the
 * difference arm − reference is taken within each replicate and the interval
 * is that of the mean of those differences (a paired t interval), narrower
 * than comparing the two arms' means when the replicates vary a lot.
 * Replicates present in only one of the two arms are counted as missing
 * pairs; pairs with a non-finite value on either side are left out and
 * counted.
 */
import type { ParamValue, RunResult } from '../experiment/experiment-types.js';
import type { ReportExperiment } from './report-input.js';
import { describeMethod, describeOutcome, SMALL_N, type OutcomeStats } from './outcome-interval.js';
import { declaredKinds, outcomeKindOf, type OutcomeKind } from './outcome-kind.js';
import type { NonFiniteCounts } from './sample-stats.js';

export const CONFIDENCE_LEVEL = 0.95;

export interface ArmSummary {
  /** Identity of the arm: canonical JSON of its swept values, in `vary` order. */
  readonly id: string;
  /** `epsilon=0.2, mu=0.5`; the value alone when the only swept parameter is `arm`; `all runs` without a sweep. */
  readonly label: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Position in grid order (also the arm's colour in charts). */
  readonly index: number;
  readonly isReference: boolean;
  /** Runs planned for this arm, and runs with results. */
  readonly plannedRuns: number;
  readonly resultRuns: number;
}

export interface ArmMetricStats {
  readonly arm: string;
  readonly stats: OutcomeStats;
}

export interface MetricSummary {
  readonly metric: string;
  /** What kind of number it is (outcome-kind.ts): decides the interval. */
  readonly kind: OutcomeKind;
  /** In arm order. */
  readonly arms: readonly ArmMetricStats[];
}

export interface PairedDifference {
  readonly metric: string;
  readonly arm: string;
  readonly reference: string;
  /** Statistics of the per-replicate differences arm − reference (n = pairs used). */
  readonly stats: OutcomeStats;
  /** Replicates with a result in only one of the two arms. */
  readonly missingPairs: number;
  /** Pairs left out because either value is non-finite. */
  readonly nonFinitePairs: number;
}

export interface Summary {
  readonly id: string;
  readonly level: number;
  readonly arms: readonly ArmSummary[];
  /** Id of the reference arm; null with fewer than two arms. */
  readonly reference: string | null;
  readonly metrics: readonly string[];
  readonly finals: readonly MetricSummary[];
  /** Per metric (in `metrics` order), per non-reference arm (in arm order). */
  readonly differences: readonly PairedDifference[];
  readonly plannedRuns: number;
  readonly resultRuns: number;
  /** Plain-text notes: excluded values, undefined intervals, missing pairs or runs. */
  readonly notes: readonly string[];
}

/** The swept parameters of a run, in `vary` order (a key missing from the run is skipped). */
function sweptValues(vary: Readonly<Record<string, readonly ParamValue[]>>, params: Readonly<Record<string, ParamValue>>): Array<[string, ParamValue]> {
  const out: Array<[string, ParamValue]> = [];
  for (const key of Object.keys(vary)) if (Object.prototype.hasOwnProperty.call(params, key)) out.push([key, params[key]]);
  // Keys swept by a run but absent from `vary` (a merged or edited result) still separate arms.
  for (const key of Object.keys(params).sort()) if (!Object.prototype.hasOwnProperty.call(vary, key)) out.push([key, params[key]]);
  return out;
}

/** Identity of the arm a run belongs to. */
export function armIdOf(vary: Readonly<Record<string, readonly ParamValue[]>>, params: Readonly<Record<string, ParamValue>>): string {
  return JSON.stringify(sweptValues(vary, params));
}

/** Human label of an arm. */
export function armLabelOf(vary: Readonly<Record<string, readonly ParamValue[]>>, params: Readonly<Record<string, ParamValue>>): string {
  const pairs = sweptValues(vary, params);
  if (pairs.length === 0) return 'all runs';
  if (pairs.length === 1 && pairs[0][0] === 'arm') return String(pairs[0][1]);
  return pairs.map(([k, v]) => `${k}=${String(v)}`).join(', ');
}

/** Position of an arm in the grid: the index of each swept value in its `vary` list, outermost first. */
function gridRank(vary: Readonly<Record<string, readonly ParamValue[]>>, params: Readonly<Record<string, ParamValue>>): number[] {
  return Object.keys(vary).map((key) => {
    const i = vary[key].findIndex((v) => v === params[key]);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  });
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

interface ArmBuild {
  id: string;
  params: Readonly<Record<string, ParamValue>>;
  rank: number[];
  firstSeen: number;
  planned: number;
  results: RunResult[];
}

/** The arms of an experiment in grid order, with the results of each (duplicated run names counted once). */
export function groupByArm(resolved: ReportExperiment, results: readonly RunResult[]): Array<{ arm: ArmSummary; results: RunResult[] }> {
  const arms = new Map<string, ArmBuild>();
  let seen = 0;
  const touch = (params: Readonly<Record<string, ParamValue>>): ArmBuild => {
    const id = armIdOf(resolved.vary, params);
    let a = arms.get(id);
    if (!a) {
      a = { id, params, rank: gridRank(resolved.vary, params), firstSeen: seen++, planned: 0, results: [] };
      arms.set(id, a);
    }
    return a;
  };
  // A design's parameters take a value per run: they do not separate arms (an arm pools its design points).
  const designNames = resolved.design?.names ?? [];
  const armParams = (params: Readonly<Record<string, ParamValue>>): Readonly<Record<string, ParamValue>> =>
    designNames.length === 0 ? params : Object.fromEntries(Object.entries(params).filter(([k]) => !designNames.includes(k)));
  for (const run of resolved.runs) touch(armParams(run.params)).planned++;
  const names = new Set<string>();
  for (const r of results) {
    if (names.has(r.run.name)) continue;
    names.add(r.run.name);
    touch(armParams(r.run.params)).results.push(r);
  }
  const ordered = [...arms.values()].sort((a, b) => compareRanks(a.rank, b.rank) || a.firstSeen - b.firstSeen);
  const referenceParams: Record<string, ParamValue> = {};
  for (const [key, values] of Object.entries(resolved.vary)) if (values.length > 0) referenceParams[key] = values[0];
  const referenceId = ordered.length > 1 ? armIdOf(resolved.vary, referenceParams) : null;
  // Without a planned reference (an edited sweep), the first arm in grid order serves.
  const refId = referenceId !== null && arms.has(referenceId) ? referenceId : ordered.length > 1 ? ordered[0].id : null;
  return ordered.map((a, index) => ({
    arm: {
      id: a.id,
      label: armLabelOf(resolved.vary, a.params),
      params: a.params,
      index,
      isReference: a.id === refId,
      plannedRuns: a.planned,
      resultRuns: a.results.length,
    },
    results: a.results.slice().sort((x, y) => x.run.replicate - y.run.replicate || x.run.index - y.run.index),
  }));
}

/** Final metrics in column order, then any other final key the results carry (first seen first). */
export function finalMetricNames(resolved: ReportExperiment, results: readonly RunResult[]): string[] {
  const names = [...resolved.finalColumns];
  const known = new Set(names);
  for (const r of results) {
    for (const key of Object.keys(r.final)) {
      if (!known.has(key)) {
        known.add(key);
        names.push(key);
      }
    }
  }
  return names;
}

function valueOf(r: RunResult, metric: string): number {
  const v = r.final[metric];
  return typeof v === 'number' ? v : NaN;
}

/**
 * The key runs are paired on: the common-random-numbers key, else the
 * replicate number; under a design, with the run's design values too (the
 * same point of the design in two arms, same replicate, is a pair).
 */
function pairKey(r: RunResult, designNames: readonly string[]): string {
  const base = r.run.crnKey !== undefined && r.run.crnKey !== '' ? r.run.crnKey : `replicate ${r.run.replicate}`;
  return designNames.length === 0 ? base : `${base}|${JSON.stringify(designNames.map((k) => r.run.params[k] ?? null))}`;
}

/** Per-replicate differences of `metric` between two arms' results. */
export function pairedDifferences(
  armResults: readonly RunResult[],
  referenceResults: readonly RunResult[],
  metric: string,
  designNames: readonly string[] = [],
): { differences: number[]; missingPairs: number; nonFinitePairs: number } {
  const pairKeyOf = (r: RunResult): string => pairKey(r, designNames);
  const ref = new Map<string, number>();
  for (const r of referenceResults) if (!ref.has(pairKeyOf(r))) ref.set(pairKeyOf(r), valueOf(r, metric));
  const used = new Set<string>();
  const differences: number[] = [];
  let missingPairs = 0;
  let nonFinitePairs = 0;
  for (const r of armResults) {
    const key = pairKeyOf(r);
    if (used.has(key)) continue;
    used.add(key);
    const b = ref.get(key);
    if (b === undefined) {
      missingPairs++;
      continue;
    }
    const a = valueOf(r, metric);
    if (!Number.isFinite(a) || !Number.isFinite(b)) nonFinitePairs++;
    else differences.push(a - b);
  }
  for (const key of ref.keys()) if (!used.has(key)) missingPairs++;
  return { differences, missingPairs, nonFinitePairs };
}

function describeNonFinite(c: NonFiniteCounts): string {
  const parts: string[] = [];
  if (c.nan > 0) parts.push(`${c.nan} NaN`);
  if (c.positiveInfinity > 0) parts.push(`${c.positiveInfinity} +Infinity`);
  if (c.negativeInfinity > 0) parts.push(`${c.negativeInfinity} -Infinity`);
  return parts.join(', ');
}

/** Per-arm statistics of every final metric and paired differences against the reference arm. */
export function summarize(resolved: ReportExperiment, results: readonly RunResult[]): Summary {
  const grouped = groupByArm(resolved, results);
  const arms = grouped.map((g) => g.arm);
  const metrics = finalMetricNames(resolved, results);
  const refIndex = arms.findIndex((a) => a.isReference);
  const notes: string[] = [];
  const labelOf = (id: string): string => arms.find((a) => a.id === id)?.label ?? id;

  const kinds = declaredKinds(resolved.definition);
  const finals: MetricSummary[] = metrics.map((metric) => {
    const kind = outcomeKindOf(metric, grouped.flatMap((g) => g.results.map((r) => valueOf(r, metric))), kinds);
    return {
      metric,
      kind,
      arms: grouped.map((g) => ({ arm: g.arm.id, stats: describeOutcome(g.results.map((r) => valueOf(r, metric)), kind, `${metric}|${g.arm.id}`, { level: CONFIDENCE_LEVEL }) })),
    };
  });
  const kindOf = new Map(finals.map((f) => [f.metric, f.kind]));

  const differences: PairedDifference[] = [];
  if (refIndex >= 0) {
    for (const metric of metrics) {
      grouped.forEach((g, i) => {
        if (i === refIndex) return;
        const d = pairedDifferences(g.results, grouped[refIndex].results, metric, resolved.design?.names ?? []);
        differences.push({
          metric,
          arm: g.arm.id,
          reference: arms[refIndex].id,
          stats: describeOutcome(d.differences, kindOf.get(metric) ?? { kind: 'continuous' }, `${metric}|${g.arm.id}|paired`, { level: CONFIDENCE_LEVEL, difference: true }),
          missingPairs: d.missingPairs,
          nonFinitePairs: d.nonFinitePairs,
        });
      });
    }
  }

  const plannedRuns = resolved.runs.length;
  const resultRuns = arms.reduce((s, a) => s + a.resultRuns, 0);
  if (resultRuns < plannedRuns) notes.push(`${resultRuns} of ${plannedRuns} planned runs have results; the others are not in this summary.`);
  for (const a of arms) if (a.resultRuns === 0) notes.push(`Arm ${a.label} has no results.`);
  for (const m of finals) {
    m.arms.forEach((s, i) => {
      const c = s.stats.nonFinite;
      if (c.total > 0) notes.push(`\`${m.metric}\`, arm ${arms[i].label}: ${c.total} of ${c.total + s.stats.n} values non-finite (${describeNonFinite(c)}), left out of the statistics.`);
    });
  }
  if (finals.some((m) => m.arms.some((s) => s.stats.n === 1)) || differences.some((d) => d.stats.n === 1)) {
    notes.push('Where a single finite value (or pair) remains, the standard deviation and the interval are undefined (shown as —).');
  }
  const smallArms = finals.length > 0 ? arms.filter((a, i) => (finals[0].arms[i]?.stats.n ?? 0) > 1 && (finals[0].arms[i]?.stats.n ?? 0) < SMALL_N) : [];
  if (smallArms.length > 0) {
    notes.push(`Fewer than ${SMALL_N} runs in ${smallArms.length === arms.length ? 'every arm' : `arm${smallArms.length === 1 ? '' : 's'} ${smallArms.map((a) => a.label).join(', ')}`}: the intervals are rough (run more replicates, e.g. without --quick).`);
  }
  const methods = new Map<string, string[]>();
  for (const m of finals) {
    const method = m.arms.find((a) => a.stats.ci !== null)?.stats.method;
    if (method === undefined) continue;
    const key = `${describeMethod(method)}|${m.kind.kind}`;
    methods.set(key, [...(methods.get(key) ?? []), m.metric]);
  }
  if (methods.size > 0) {
    const parts = [...methods.entries()].map(([key, names]) => {
      const [method, kind] = key.split('|');
      return `${method} for ${kind === 'bounded' ? 'bounded' : kind} outcome${names.length === 1 ? '' : 's'} (${names.map((n) => `\`${n}\``).join(', ')})`;
    });
    notes.push(`${Math.round(CONFIDENCE_LEVEL * 100)} % intervals that fit each outcome: ${parts.join('; ')}. Paired differences: t for continuous outcomes, percentile bootstrap otherwise; bootstrap intervals stay within the outcome's possible range.`);
  }
  const missing = new Map<string, number>();
  for (const d of differences) if (d.missingPairs > 0) missing.set(d.arm, Math.max(missing.get(d.arm) ?? 0, d.missingPairs));
  for (const [armId, count] of missing) {
    const label = labelOf(armId);
    notes.push(`Arm ${label} vs ${arms[refIndex].label}: ${count} replicate${count === 1 ? '' : 's'} without a partner in the other arm, not paired.`);
  }
  for (const metric of metrics) {
    const hit = differences.filter((d) => d.metric === metric && d.nonFinitePairs > 0);
    if (hit.length === 0) continue;
    const counts = hit.map((d) => d.nonFinitePairs);
    const same = counts.every((c) => c === counts[0]);
    const which = same
      ? `${counts[0]} pair${counts[0] === 1 ? '' : 's'} in ${hit.length === 1 ? `arm ${labelOf(hit[0].arm)}` : `each of ${hit.length} arms`}`
      : hit.map((d) => `${labelOf(d.arm)}: ${d.nonFinitePairs}`).join(', ');
    notes.push(`\`${metric}\`: paired differences leave out pairs with a non-finite value on either side (${which}).`);
  }

  return {
    id: resolved.id,
    level: CONFIDENCE_LEVEL,
    arms,
    reference: refIndex >= 0 ? arms[refIndex].id : null,
    metrics,
    finals,
    differences,
    plannedRuns,
    resultRuns,
    notes,
  };
}
