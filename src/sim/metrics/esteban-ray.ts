/**
 * Esteban–Ray polarisation (Esteban & Ray, "On the measurement of
 * polarization", Econometrica 62(4), 819–851, 1994):
 *
 *   P = k Σ_i Σ_j π_i^(1+α) π_j |y_i − y_j|
 *
 * over opinion groups i with population shares π_i and opinions y_i. The
 * groups are the `bins` equal intervals of [`min`, `max`] (the last closed);
 * a group's y is the mean opinion of its members (not the bin's centre, so
 * a population of a few exact opinion values gives the paper's discrete
 * formula exactly whenever distinct values fall in distinct bins), empty
 * bins drop out. α ∈ (0, 1.6] is the sensitivity to polarisation (the
 * paper's admissible range is (0, α*] with α* ≈ 1.6; α → 0 gives half the
 * Gini mean difference); k > 0 only scales. Two equal groups at −1 and 1
 * give P = k · 2 · (1/2)^(2+α) · 2 = k · 2^(−α); a consensus gives 0. Units:
 * those of the opinion times k. Opinions outside [min, max] are an error.
 * O(n + bins²).
 */
import { pow } from '../../model/det-math.js';
import { InputError, check } from '../../model/errors.js';
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { moduleName, requireOpinions, resolveOptions } from './metric-support.js';

export interface EstebanRayOptions extends MetricOptions {
  readonly alpha: number;
  readonly bins: number;
  readonly k: number;
  readonly min: number;
  readonly max: number;
}

export interface EstebanRayDetail {
  readonly polarization: number;
  /** Population share of each non-empty group, in bin order. */
  readonly shares: readonly number[];
  /** Mean opinion of each non-empty group. */
  readonly values: readonly number[];
}

const ID = 'opinion.esteban-ray';
export const ESTEBAN_RAY_DEFAULTS: EstebanRayOptions = Object.freeze({ alpha: 1, bins: 10, k: 1, min: -1, max: 1 });

/** P = k Σ_i Σ_j π_i^(1+α) π_j |y_i − y_j| over given groups (shares need not sum to 1). */
export function estebanRayOfGroups(shares: ArrayLike<number>, values: ArrayLike<number>, alpha: number, k = 1): number {
  let p = 0;
  for (let i = 0; i < shares.length; i++) {
    const wi = pow(shares[i], 1 + alpha);
    for (let j = 0; j < shares.length; j++) p += wi * shares[j] * Math.abs(values[i] - values[j]);
  }
  return k * p;
}

export function estebanRay(x: ArrayLike<number>, given?: MetricOptions): EstebanRayDetail {
  const m = moduleName(ID);
  const o = resolveOptions(ID, ESTEBAN_RAY_DEFAULTS, given);
  check.number(m, 'alpha', o.alpha, 0, 1.6, { loOpen: true });
  check.integer(m, 'bins', o.bins, 1, 100_000);
  check.number(m, 'k', o.k, 0, Number.MAX_VALUE, { loOpen: true });
  check.number(m, 'min', o.min, -Number.MAX_VALUE, Number.MAX_VALUE);
  check.number(m, 'max', o.max, o.min, Number.MAX_VALUE, { loOpen: true });
  const n = x.length;
  if (n === 0) return { polarization: NaN, shares: [], values: [] };
  const count = new Float64Array(o.bins);
  const sum = new Float64Array(o.bins);
  const width = o.max - o.min;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (!(v >= o.min && v <= o.max)) {
      throw new InputError(`${m}: opinion ${v} of node ${i} lies outside [min, max] = [${o.min}, ${o.max}]; set \`min\` and \`max\` to the opinion domain`, { field: 'min' });
    }
    const b = Math.min(o.bins - 1, Math.floor(((v - o.min) / width) * o.bins));
    count[b]++;
    sum[b] += v;
  }
  const shares: number[] = [];
  const values: number[] = [];
  for (let b = 0; b < o.bins; b++) {
    if (count[b] === 0) continue;
    shares.push(count[b] / n);
    values.push(sum[b] / count[b]);
  }
  return { polarization: estebanRayOfGroups(shares, values, o.alpha, o.k), shares, values };
}

function ofView(view: NetworkView, options: MetricOptions | undefined): EstebanRayDetail {
  return estebanRay(requireOpinions(ID, view), options);
}

export const estebanRayMetric: MetricDefinition<NetworkView, EstebanRayDetail> = {
  id: ID,
  title: 'Esteban–Ray polarisation',
  description:
    'P = k Σ_i Σ_j π_i^(1+α) π_j |y_i − y_j| over opinion groups (the `bins` equal intervals of [min, max]; y = mean opinion of the group) (Esteban & Ray 1994); α ∈ (0, 1.6], 0 at consensus.',
  input: 'network',
  requires: ['opinions'],
  defaults: ESTEBAN_RAY_DEFAULTS,
  scalar: (view, options) => ofView(view, options).polarization,
  detailed: ofView,
};
