/**
 * What a design's runs say about its parameters (`echolab run --design`):
 * per arm and outcome, the mean over the replicates at each design point,
 * then first- and total-order Sobol indices (Saltelli design) or partial
 * rank correlations (Latin hypercube), with bootstrap intervals seeded from
 * the experiment, so a report is the same bytes every time it is built.
 */
import type { RunResult } from '../experiment/experiment-types.js';
import { Rng, seedKey } from '../model/rng.js';
import { keyOutcomeList, isKeyOutcome } from './key-outcomes.js';
import type { ReportExperiment } from './report-input.js';
import { prccIndices, saltelliFromPoints, sobolIndices, type PrccIndex, type SobolIndex } from './sensitivity.js';
import { groupByArm, type Summary } from './summary-stats.js';

export interface DesignOutcome {
  readonly arm: string;
  readonly outcome: string;
  /** Design points with a finite mean, of all points. */
  readonly points: number;
  readonly of: number;
  readonly sobol?: readonly SobolIndex[];
  readonly prcc?: readonly PrccIndex[];
  /** Why no indices (e.g. points without results, an outcome that never varies). */
  readonly note?: string;
}

export interface DesignAnalysis {
  readonly kind: 'lhs' | 'sobol';
  readonly names: readonly string[];
  readonly ranges: Readonly<Record<string, readonly [number, number]>>;
  readonly samples: number;
  readonly outcomes: readonly DesignOutcome[];
}

/** Bootstrap resamples of the indices' intervals. */
const RESAMPLES = 1000;
/** At most this many outcomes are analysed per arm (the key outcomes first). */
const MAX_OUTCOMES = 6;

export function designAnalysis(resolved: ReportExperiment, results: readonly RunResult[], summary: Summary): DesignAnalysis | null {
  const design = resolved.design;
  if (design === undefined || design === null) return null;
  const keyOf = (p: Readonly<Record<string, unknown>>): string => JSON.stringify(design.names.map((k) => p[k] ?? null));
  const index = new Map(design.points.map((p, i) => [keyOf(p), i]));
  const keys = keyOutcomeList(resolved);
  const key = summary.finals.filter((m) => isKeyOutcome(resolved, keys, m.metric)).map((m) => m.metric);
  const outcomes = (key.length > 0 ? key : summary.finals.map((m) => m.metric)).slice(0, MAX_OUTCOMES);
  const out: DesignOutcome[] = [];
  for (const g of groupByArm(resolved, results)) {
    for (const outcome of outcomes) {
      const sums = new Float64Array(design.points.length);
      const counts = new Float64Array(design.points.length);
      for (const r of g.results) {
        const i = index.get(keyOf(r.run.params));
        const v = r.final[outcome];
        if (i === undefined || typeof v !== 'number' || !Number.isFinite(v)) continue;
        sums[i] += v;
        counts[i]++;
      }
      const means = Array.from(sums, (s, i) => (counts[i] > 0 ? s / counts[i] : NaN));
      const finite = means.filter(Number.isFinite);
      const base = { arm: g.arm.label, outcome, points: finite.length, of: means.length };
      const rng = new Rng(seedKey(resolved.id, 'design-analysis', design.kind, g.arm.id, outcome));
      if (finite.length > 0 && finite.every((v) => v === finite[0])) {
        out.push({ ...base, note: `${outcome} is ${finite[0]} at every design point: nothing to apportion` });
      } else if (design.kind === 'sobol') {
        if (finite.length < means.length) out.push({ ...base, note: `${means.length - finite.length} of ${means.length} design points have no value (runs missing or not finite): Sobol indices need all of them` });
        else out.push({ ...base, sobol: sobolIndices(saltelliFromPoints(design.names, design.samples, design.points), means, rng, { level: summary.level, resamples: RESAMPLES }) });
      } else {
        const kept = means.map((v, i) => ({ v, i })).filter(({ v }) => Number.isFinite(v));
        if (kept.length < 3) out.push({ ...base, note: `only ${kept.length} design points have a value: partial rank correlations need at least 3` });
        else out.push({ ...base, prcc: prccIndices(kept.map(({ i }) => ({ ...design.points[i] })), kept.map(({ v }) => v), rng, { level: summary.level, resamples: RESAMPLES }) });
      }
    }
  }
  return { kind: design.kind, names: design.names, ranges: design.ranges, samples: design.samples, outcomes: out };
}
