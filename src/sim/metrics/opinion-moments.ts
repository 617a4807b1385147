/**
 * Polarisation read off the opinion distribution alone: mean, population
 * variance and Sarle's bimodality coefficient. Opinions may live on any
 * interval ([0, 1], [−1, 1], ℝ); the mean and variance are in its units, the
 * bimodality coefficient is scale free. They describe one snapshot (no time
 * unit).
 *
 * Bimodality coefficient, finite-sample form of SAS/STAT (PROC CLUSTER;
 * SAS Institute, SAS/STAT 12.1 User's Guide, 2012) as used by Pfister et
 * al., "Good things peak in pairs", Front. Psychol. 4:700 (2013):
 *   b = (g² + 1) / (k + 3(n−1)² / ((n−2)(n−3)))
 * with g the sample skewness and k the sample excess kurtosis in their
 * bias-adjusted forms (SAS, Excel, e1071 type 2), from the central moments
 * m_r = Σ(x−x̄)^r / n:
 *   g = √(n(n−1)) / (n−2) · m3 / m2^(3/2)
 *   k = (n−1) / ((n−2)(n−3)) · ((n+1)(m4/m2² − 3) + 6)
 * b > 5/9 ≈ 0.555 (the value of a uniform distribution) suggests bimodality;
 * a two-point distribution gives b → 1, a normal one 1/3. Needs n ≥ 4 and a
 * non-constant sample, else NaN.
 */
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { requireOpinions, resolveOptions } from './metric-support.js';

export interface BimodalityDetail {
  /** Sarle's bimodality coefficient b (NaN when n < 4 or the opinions are all equal). */
  readonly coefficient: number;
  /** Bias-adjusted sample skewness g. */
  readonly skewness: number;
  /** Bias-adjusted sample excess kurtosis k. */
  readonly excessKurtosis: number;
  readonly n: number;
}

export function mean(x: ArrayLike<number>): number {
  if (x.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Population variance Σ(x − x̄)² / n, two passes. */
export function populationVariance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return NaN;
  const mu = mean(x);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mu;
    s += d * d;
  }
  return s / n;
}

export function bimodalityCoefficient(x: ArrayLike<number>): BimodalityDetail {
  const n = x.length;
  const none = { coefficient: NaN, skewness: NaN, excessKurtosis: NaN, n };
  if (n < 4) return none;
  const mu = mean(x);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mu;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(m2 > 0)) return none;
  const g = (Math.sqrt(n * (n - 1)) / (n - 2)) * (m3 / (m2 * Math.sqrt(m2)));
  const k = ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * (m4 / (m2 * m2) - 3) + 6);
  const coefficient = (g * g + 1) / (k + (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3)));
  return { coefficient, skewness: g, excessKurtosis: k, n };
}

const NO_OPTIONS: MetricOptions = {};

export const opinionMean: MetricDefinition<NetworkView> = {
  id: 'opinion.mean',
  title: 'Mean opinion',
  description: 'Arithmetic mean of the opinions, in the units of the opinion domain.',
  input: 'network',
  requires: ['opinions'],
  defaults: NO_OPTIONS,
  scalar(view, options) {
    resolveOptions('opinion.mean', NO_OPTIONS, options);
    return mean(requireOpinions('opinion.mean', view));
  },
};

export const opinionVariance: MetricDefinition<NetworkView> = {
  id: 'opinion.variance',
  title: 'Opinion variance',
  description: 'Population variance Σ(x − x̄)²/n of the opinions: the simplest polarisation index (0 at consensus).',
  input: 'network',
  requires: ['opinions'],
  defaults: NO_OPTIONS,
  scalar(view, options) {
    resolveOptions('opinion.variance', NO_OPTIONS, options);
    return populationVariance(requireOpinions('opinion.variance', view));
  },
};

function bimodalityOfView(view: NetworkView, options: MetricOptions | undefined): BimodalityDetail {
  resolveOptions('opinion.bimodality', NO_OPTIONS, options);
  return bimodalityCoefficient(requireOpinions('opinion.bimodality', view));
}

export const opinionBimodality: MetricDefinition<NetworkView, BimodalityDetail> = {
  id: 'opinion.bimodality',
  title: 'Bimodality coefficient',
  description:
    "Sarle's bimodality coefficient b = (g² + 1)/(k + 3(n−1)²/((n−2)(n−3))) with bias-adjusted skewness g and excess kurtosis k (SAS/STAT; Pfister et al. 2013); above 5/9 suggests two camps.",
  input: 'network',
  requires: ['opinions'],
  defaults: NO_OPTIONS,
  scalar: (view, options) => bimodalityOfView(view, options).coefficient,
  detailed: bimodalityOfView,
};
