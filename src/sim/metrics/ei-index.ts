/**
 * E-I index (Krackhardt & Stern, "Informal networks and organizational
 * crises: an experimental simulation", Soc. Psychol. Q. 51(2), 123–140
 * (1988)): with E the ties between members of different groups and I the
 * ties within a group,
 *   EI = (E − I) / (E + I) ∈ [−1, 1],
 * −1 when every tie stays inside its group (a perfect echo chamber), +1 when
 * every tie crosses. Groups are the values of `attribute` (binary 0/1 in the
 * usual use, any integer categories work). Undirected edges count once,
 * directed follows once each (a mutual follow is two ties); self-loops are
 * not ties between two people and are skipped. NaN without ties. One
 * snapshot.
 */
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { requireAttribute, requireNetwork, resolveOptions } from './metric-support.js';

export interface EiIndexDetail {
  readonly index: number;
  readonly external: number;
  readonly internal: number;
}

const ID = 'network.ei-index';
const NO_OPTIONS: MetricOptions = {};

export function eiIndex(view: NetworkView): EiIndexDetail {
  const graph = requireNetwork(ID, view);
  const a = requireAttribute(ID, view);
  const { start, deg, targets } = graph.out;
  let external = 0;
  let internal = 0;
  for (let i = 0; i < graph.n; i++) {
    const ai = a[i];
    for (let k = start[i], e = k + deg[i]; k < e; k++) {
      const j = targets[k];
      // Undirected pairs sit in both rows: take each from its lower end.
      if (j === i || (!graph.directed && j < i)) continue;
      if (a[j] === ai) internal++;
      else external++;
    }
  }
  const total = external + internal;
  return { index: total === 0 ? NaN : (external - internal) / total, external, internal };
}

function ofView(view: NetworkView, options: MetricOptions | undefined): EiIndexDetail {
  resolveOptions(ID, NO_OPTIONS, options);
  return eiIndex(view);
}

export const eiIndexMetric: MetricDefinition<NetworkView, EiIndexDetail> = {
  id: ID,
  title: 'E-I index',
  description: '(E − I)/(E + I) over ties across (E) and within (I) the groups of `attribute` (Krackhardt & Stern 1988); −1 = all ties inside groups.',
  input: 'network',
  requires: ['attribute'],
  defaults: NO_OPTIONS,
  scalar: (view, options) => ofView(view, options).index,
  detailed: ofView,
};
