/**
 * The distributional regression layer: is a fresh sample of a case's key
 * metrics (a few runs under new seeds) drawn from the same distribution as
 * the stored sample (200 seeds)? Exact goldens break when code merely draws
 * its random numbers in another order; this check does not, yet it rejects
 * a changed model.
 *
 * Test: two-sample Kolmogorov–Smirnov per key metric (src/compare/distances:
 * D = sup |F_stored − F_fresh|, asymptotic p-value with Stephens' small-
 * sample correction; conservative under ties, so discrete metrics such as
 * step counts raise fewer false alarms, not more). A case is rejected when
 * any metric's p-value is below α/k (Bonferroni over its k tested metrics),
 * so the false-alarm rate per case is at most α. Non-finite values are
 * ranked above (NaN, +∞) or below (−∞) every finite value, so a change in
 * how often a metric is undefined counts too. A metric that was constant
 * over all stored seeds (a degenerate distribution, e.g. a cap that every
 * run hits) is compared exactly: every fresh value must equal it.
 * Values are compared at the stored precision (6 significant digits).
 */
import { ksTwoSample } from '../compare/distances.js';
import { roundSample, type StoredDistribution } from './golden-json.js';

/** Default family-wise significance level per case. */
export const DISTRIBUTION_ALPHA = 0.001;

export interface MetricVerdict {
  readonly name: string;
  readonly test: 'ks' | 'constant' | 'missing';
  /** KS D, or the share of fresh values differing from the constant. */
  readonly statistic: number;
  /** KS p-value; 1 or 0 for the exact comparison of a constant. */
  readonly pValue: number;
  /** The p-value below which this metric rejects (α/k). */
  readonly threshold: number;
  readonly rejected: boolean;
}

export interface DistributionVerdict {
  readonly caseId: string;
  readonly alpha: number;
  readonly freshCount: number;
  readonly storedCount: number;
  readonly rejected: boolean;
  readonly metrics: readonly MetricVerdict[];
  /** The smallest KS p-value over the metrics (1 when none was tested). */
  readonly minPValue: number;
}

/** Order-preserving finite stand-ins: −∞ < finite < +∞ < NaN. */
function rankable(x: number): number {
  if (Number.isNaN(x)) return 1.7e308;
  if (x === Infinity) return 1.5e308;
  if (x === -Infinity) return -1.7e308;
  return x;
}

const same = (a: number, b: number): boolean => Object.is(a, b) || a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Test a fresh sample (metric -> values) against a stored distribution at family-wise level `alpha`. */
export function checkDistribution(stored: StoredDistribution, fresh: Readonly<Record<string, readonly number[]>>, alpha: number = DISTRIBUTION_ALPHA): DistributionVerdict {
  const names = Object.keys(stored.samples).sort();
  const isConstant = (xs: readonly number[]): boolean => xs.every((x) => same(x, xs[0]));
  const tested = names.filter((n) => !isConstant(stored.samples[n]) && Object.prototype.hasOwnProperty.call(fresh, n));
  const threshold = tested.length > 0 ? alpha / tested.length : alpha;
  let freshCount = 0;
  const metrics: MetricVerdict[] = names.map((name) => {
    const old = stored.samples[name];
    if (!Object.prototype.hasOwnProperty.call(fresh, name)) return { name, test: 'missing', statistic: NaN, pValue: 0, threshold, rejected: true };
    const now = fresh[name].map(roundSample);
    freshCount = Math.max(freshCount, now.length);
    if (isConstant(old)) {
      const off = now.filter((x) => !same(x, old[0])).length;
      return { name, test: 'constant', statistic: now.length > 0 ? off / now.length : 0, pValue: off === 0 ? 1 : 0, threshold, rejected: off > 0 };
    }
    const ks = ksTwoSample(old.map(rankable), now.map(rankable));
    return { name, test: 'ks', statistic: ks.statistic, pValue: ks.pValue, threshold, rejected: !(ks.pValue >= threshold) };
  });
  const ksP = metrics.filter((m) => m.test === 'ks').map((m) => m.pValue);
  return {
    caseId: stored.id,
    alpha,
    freshCount,
    storedCount: stored.count,
    rejected: metrics.some((m) => m.rejected),
    metrics,
    minPValue: ksP.length > 0 ? Math.min(...ksP) : 1,
  };
}

/** A readable account of a verdict: which metrics reject, with D and p. */
export function formatVerdict(v: DistributionVerdict): string {
  const head = `${v.caseId}: ${v.rejected ? 'REJECTED' : 'consistent'} (${v.freshCount} fresh seeds vs ${v.storedCount} stored; family-wise α = ${v.alpha}, per metric ${v.metrics[0]?.threshold.toExponential(2) ?? v.alpha})`;
  const lines = v.metrics
    .filter((m) => m.rejected || m.test === 'ks')
    .map((m) => `  ${m.rejected ? '✗' : ' '} ${m.name}: ${m.test === 'ks' ? `D = ${m.statistic.toFixed(3)}, p = ${m.pValue.toExponential(2)}` : m.test === 'constant' ? `${(m.statistic * 100).toFixed(0)} % of fresh values differ from the stored constant` : 'missing from the fresh sample'}`);
  return [head, ...lines].join('\n');
}

/** Gather per-seed metric records into metric -> values. */
export function columns(rows: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const row of rows) for (const [k, v] of Object.entries(row)) (out[k] ??= []).push(v);
  return out;
}
