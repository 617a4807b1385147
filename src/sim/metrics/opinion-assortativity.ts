/**
 * Scalar assortativity of opinions (Newman, "Mixing patterns in networks",
 * Phys. Rev. E 67, 026126 (2003), eq. 25): the Pearson correlation of the
 * opinions at the two ends of an edge,
 *   r = Σ_e (x_s − x̄_s)(x_t − x̄_t) / √(Σ_e (x_s − x̄_s)² Σ_e (x_t − x̄_t)²).
 * Undirected: every edge is counted in both orientations, so both ends play
 * both roles (Newman's symmetric form). Directed: the source (follower) vs
 * the target (followee) of each follow. r ∈ [−1, 1]; NaN without edges or
 * when one end's values are constant (e.g. a directed star whose leaves all
 * follow the hub). Opinions on any interval; one snapshot.
 */
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { requireNetwork, requireOpinions, resolveOptions } from './metric-support.js';

const ID = 'network.opinion-assortativity';
const NO_OPTIONS: MetricOptions = {};

export function opinionAssortativity(view: NetworkView): number {
  const graph = requireNetwork(ID, view);
  const x = requireOpinions(ID, view);
  const { start, deg, targets } = graph.out;
  const n = graph.n;
  // Two streaming passes over the stored arcs (an undirected edge is stored in
  // both rows, i.e. in both orientations), so no per-edge arrays: means first,
  // then centred sums, as in a two-pass Pearson correlation.
  let arcs = 0;
  let sumS = 0;
  let sumT = 0;
  let firstS = NaN;
  let firstT = NaN;
  let constS = true;
  let constT = true;
  for (let i = 0; i < n; i++) {
    const d = deg[i];
    if (d === 0) continue;
    const xi = x[i];
    for (let k = start[i], e = k + d; k < e; k++) {
      const xj = x[targets[k]];
      if (arcs === 0) {
        firstS = xi;
        firstT = xj;
      }
      if (xi !== firstS) constS = false;
      if (xj !== firstT) constT = false;
      sumS += xi;
      sumT += xj;
      arcs++;
    }
  }
  if (arcs < 2 || constS || constT) return NaN;
  const ms = sumS / arcs;
  const mt = sumT / arcs;
  let sst = 0;
  let sss = 0;
  let stt = 0;
  for (let i = 0; i < n; i++) {
    const ds = x[i] - ms;
    for (let k = start[i], e = k + deg[i]; k < e; k++) {
      const dt = x[targets[k]] - mt;
      sst += ds * dt;
      sss += ds * ds;
      stt += dt * dt;
    }
  }
  return Math.max(-1, Math.min(1, sst / Math.sqrt(sss * stt)));
}

export const opinionAssortativityMetric: MetricDefinition<NetworkView, number> = {
  id: ID,
  title: 'Opinion assortativity',
  description:
    'Pearson correlation of opinions over edge endpoints (Newman, PRE 2003); undirected edges in both orientations, directed ones follower vs followee.',
  input: 'network',
  requires: ['opinions'],
  defaults: NO_OPTIONS,
  scalar(view, options) {
    resolveOptions(ID, NO_OPTIONS, options);
    return opinionAssortativity(view);
  },
};
