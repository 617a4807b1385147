/**
 * Exposure diversity: how varied, in stance, is what each account was shown.
 * With c_ib the exposures of account i in stance bin b (of K equal bins of
 * [−1, 1], see ExposureCounts) and p_ib = c_ib / Σ_b c_ib,
 *
 *   D_i = 1 − Σ_b p_ib²            (Gini–Simpson index, ∈ [0, 1 − 1/K])
 *   D   = mean of D_i over the accounts with at least one exposure,
 *
 * the probability that two exposures of one account drawn with replacement
 * fall in different bins: 0 when everything an account saw sat in one bin,
 * 1 − 1/K when its exposures were spread evenly. It is the diversity of
 * exposure in the sense of Bakshy, Messing & Adamic, "Exposure to
 * ideologically diverse news and opinion on Facebook", Science 348(6239),
 * 1130–1132 (2015), read over stance bins rather than over the two sides
 * (the two-side share is exposure.cross-cutting). The detailed form also
 * gives the Shannon entropy −Σ_b p_ib ln p_ib averaged the same way (in
 * nats, ∈ [0, ln K]). NaN when no account saw anything. One snapshot of
 * cumulative counts; accounts are not weighted by how much they saw.
 */
import { log } from '../../model/det-math.js';
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { requireExposure, resolveOptions } from './metric-support.js';

export interface ExposureDiversityDetail {
  /** Mean Gini–Simpson index 1 − Σ p² over accounts that saw something. */
  readonly simpson: number;
  /** Mean Shannon entropy −Σ p ln p (nats) over the same accounts. */
  readonly entropy: number;
  /** Accounts with at least one exposure. */
  readonly accounts: number;
}

const ID = 'exposure.diversity';
const NO_OPTIONS: MetricOptions = {};

export function exposureDiversity(view: NetworkView): ExposureDiversityDetail {
  const { bins, counts } = requireExposure(ID, view);
  const n = counts.length / bins;
  let accounts = 0;
  let simpsonSum = 0;
  let entropySum = 0;
  for (let i = 0; i < n; i++) {
    const row = i * bins;
    let total = 0;
    for (let b = 0; b < bins; b++) total += counts[row + b];
    if (!(total > 0)) continue;
    let sq = 0;
    let h = 0;
    for (let b = 0; b < bins; b++) {
      const p = counts[row + b] / total;
      sq += p * p;
      if (p > 0) h -= p * log(p);
    }
    accounts++;
    simpsonSum += 1 - sq;
    entropySum += h;
  }
  return { simpson: accounts > 0 ? simpsonSum / accounts : NaN, entropy: accounts > 0 ? entropySum / accounts : NaN, accounts };
}

function ofView(view: NetworkView, options: MetricOptions | undefined): ExposureDiversityDetail {
  resolveOptions(ID, NO_OPTIONS, options);
  return exposureDiversity(view);
}

export const exposureDiversityMetric: MetricDefinition<NetworkView, ExposureDiversityDetail> = {
  id: ID,
  title: 'Exposure diversity',
  description:
    'Mean over accounts that saw something of 1 − Σ_b p_b², p_b the share of their exposures in stance bin b (Gini–Simpson over the K bins of `exposure`; Bakshy et al. 2015): 0 = one bin only, 1 − 1/K = even.',
  input: 'network',
  requires: ['exposure'],
  defaults: NO_OPTIONS,
  scalar: (view, options) => ofView(view, options).simpson,
  detailed: ofView,
};
