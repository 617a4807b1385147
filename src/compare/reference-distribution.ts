/**
 * An approximate sample rebuilt from a published distribution summary, for
 * comparing simulated cascades with an archive whose raw data is not at hand
 * (reference/twitter15.json holds, per label and feature, min, p10, p25, p50,
 * p75, p90, p99, max, mean and count — no per-cascade row).
 *
 * The quantile function is taken piecewise linear through the knots
 *   (0, min), (0.10, p10), (0.25, p25), (0.50, p50), (0.75, p75),
 *   (0.90, p90), (0.99, p99), (1, max),
 * and evaluated at m evenly spaced probabilities u_i = i/(m − 1),
 * i = 0 … m − 1. This is an APPROXIMATION: it keeps the eight summary
 * figures exactly but not the shape between them (in particular the tail
 * between p99 and max is a straight line, and the mean is generally not
 * reproduced). When m − 1 is a multiple of 100, every u at a knot is one of
 * the u_i, so the sample's percentiles computed by linear interpolation
 * between order statistics (Hyndman & Fan type 7, the reference's own
 * definition) equal the summary's exactly. Distances computed from such a
 * sample are approximate, and a KS p-value from it uses m as if it were a
 * real sample size; `defaultSampleSize` therefore picks m close to the
 * reference's count. A sample of per-cascade sizes paired with other
 * features does not exist, so no size-matched comparison can be made.
 */
import { InputError, ParamError, check } from '../model/errors.js';
import type { ArchiveSelection } from './cascade-selection.js';

/** The figures of one feature's summary (extra fields such as mean and count are allowed). */
export interface PercentileSummary {
  readonly min: number;
  readonly p10: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly count?: number;
  readonly mean?: number;
}

export type SummaryKnot = 'min' | 'p10' | 'p25' | 'p50' | 'p75' | 'p90' | 'p99' | 'max';

/** Probability of each summary figure, ascending. */
export const SUMMARY_KNOTS: ReadonlyArray<readonly [number, SummaryKnot]> = [
  [0, 'min'],
  [0.1, 'p10'],
  [0.25, 'p25'],
  [0.5, 'p50'],
  [0.75, 'p75'],
  [0.9, 'p90'],
  [0.99, 'p99'],
  [1, 'max'],
];

const MODULE = 'compare/reference-distribution';

export interface QuantileKnots {
  readonly p: readonly number[];
  readonly x: readonly number[];
}

/** The knots of the summary, checked: finite and non-decreasing. */
export function quantileKnots(summary: PercentileSummary, field = 'summary'): QuantileKnots {
  if (summary === null || typeof summary !== 'object') throw new ParamError(MODULE, field, summary, 'an object with min, p10, p25, p50, p75, p90, p99, max');
  const p: number[] = [];
  const x: number[] = [];
  for (const [prob, key] of SUMMARY_KNOTS) {
    const v = summary[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParamError(MODULE, `${field}.${key}`, v, 'a finite number');
    if (x.length > 0 && v < x[x.length - 1]) {
      throw new ParamError(MODULE, `${field}.${key}`, v, `a value ≥ the previous figure (${x[x.length - 1]}): percentiles must not decrease`);
    }
    p.push(prob);
    x.push(v);
  }
  return { p, x };
}

/** Q(u) for u in [0, 1]: linear between the knots (see the banner). */
export function piecewiseQuantile(summary: PercentileSummary): (u: number) => number {
  const { p, x } = quantileKnots(summary);
  return (u: number): number => {
    if (!(u >= 0 && u <= 1)) throw new ParamError(MODULE, 'u', u, 'a probability in [0, 1]');
    let j = 1;
    while (j < p.length - 1 && u > p[j]) j++;
    const lo = p[j - 1];
    const hi = p[j];
    if (u === hi) return x[j];
    if (u === lo) return x[j - 1];
    return x[j - 1] + ((u - lo) / (hi - lo)) * (x[j] - x[j - 1]);
  };
}

/** m with m − 1 a multiple of 100, as close to `count` as that allows (at least 101). */
export function defaultSampleSize(count: number | undefined): number {
  if (count === undefined || !Number.isFinite(count) || count < 1) return 1001;
  return Math.max(101, Math.round((count - 1) / 100) * 100 + 1);
}

/** Q(i/(m − 1)) for i = 0 … m − 1, ascending (m ≥ 2). */
export function approximateSample(summary: PercentileSummary, m = defaultSampleSize(summary.count)): Float64Array {
  check.integer(MODULE, 'm', m, 2);
  const q = piecewiseQuantile(summary);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = q(i / (m - 1));
  return out;
}

/** Type-7 percentile (linear between order statistics) of an ascending sample. */
export function type7Percentile(sorted: ArrayLike<number>, prob: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Reference-file feature names and the compare feature each stands for. */
export const REFERENCE_FEATURES = [
  ['size', 'size'],
  ['depth', 'depth'],
  ['maxBreadth', 'max-breadth'],
  ['structuralVirality', 'structural-virality'],
  ['timeTo10', 'time-to-k'],
  ['timeTo90Percent', 'time-to-90pct'],
] as const;

export type ReferenceFeature = (typeof REFERENCE_FEATURES)[number][1];

/** One group (a label, or `overall`) of a reference file: a summary per feature it has. */
export type ReferenceGroup = Partial<Record<ReferenceFeature, PercentileSummary>>;

export interface ReferenceFile {
  readonly dataset: string;
  readonly overall: ReferenceGroup;
  readonly byLabel: Readonly<Record<string, ReferenceGroup>>;
  /** How the archive's cascades were selected (files of older versions do not say). */
  readonly selection?: ArchiveSelection;
}

function selectionOf(raw: unknown, file: string): ArchiveSelection | undefined {
  if (raw === undefined) return undefined;
  const r = raw as Record<string, unknown> | null;
  const ok =
    r !== null &&
    typeof r === 'object' &&
    (r.roots === 'claims' || r.roots === 'all') &&
    typeof r.rootsNote === 'string' &&
    (r.windowMinutes === null || (typeof r.windowMinutes === 'number' && r.windowMinutes > 0)) &&
    typeof r.windowNote === 'string';
  if (!ok) throw new InputError('`selection` is not { roots: "claims" | "all", rootsNote, windowMinutes: minutes or null, windowNote }', { file, field: 'selection' });
  return { roots: r.roots as ArchiveSelection['roots'], rootsNote: r.rootsNote as string, windowMinutes: r.windowMinutes as number | null, windowNote: r.windowNote as string };
}

function group(raw: unknown, file: string, field: string): ReferenceGroup {
  if (raw === null || typeof raw !== 'object') throw new InputError(`${field} is not an object of feature summaries`, { file, field });
  const rec = raw as Record<string, unknown>;
  const out: Partial<Record<ReferenceFeature, PercentileSummary>> = {};
  for (const [name, feature] of REFERENCE_FEATURES) {
    const s = rec[name];
    if (s === undefined) continue;
    try {
      quantileKnots(s as PercentileSummary, `${field}.${name}`);
    } catch (err) {
      throw new InputError(err instanceof Error ? err.message : String(err), { file, field: `${field}.${name}` });
    }
    out[feature] = s as PercentileSummary;
  }
  return out;
}

/** Parse a reference JSON (reference/twitter15.json layout); `file` names it in errors. */
export function parseReferenceFile(text: string, file: string): ReferenceFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message})`, { file });
  }
  if (raw === null || typeof raw !== 'object') throw new InputError('expected a JSON object with `overall` and `byLabel`', { file });
  const rec = raw as Record<string, unknown>;
  if (rec.overall === undefined) throw new InputError('no `overall` summary: not a reference file', { file, field: 'overall' });
  const byLabel: Record<string, ReferenceGroup> = {};
  if (rec.byLabel !== undefined) {
    if (rec.byLabel === null || typeof rec.byLabel !== 'object') throw new InputError('`byLabel` is not an object', { file, field: 'byLabel' });
    for (const [label, g] of Object.entries(rec.byLabel as Record<string, unknown>)) byLabel[label] = group(g, file, `byLabel.${label}`);
  }
  const source = rec.source as Record<string, unknown> | undefined;
  const dataset = source !== null && typeof source === 'object' && typeof source.dataset === 'string' ? source.dataset : 'reference';
  const selection = selectionOf(rec.selection, file);
  return { dataset, overall: group(rec.overall, file, 'overall'), byLabel, ...(selection ? { selection } : {}) };
}
