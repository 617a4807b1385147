/**
 * How the experiment runner reads each zoo model: the network view its
 * metrics see, the model's own outcomes (numbers the metrics registry cannot
 * compute from a view, such as the share of believers or the discordant-edge
 * density), and the metrics recorded when an experiment names none.
 *
 * Views: `opinions` are the model's per-node values as doubles; `attribute`
 * is a 0/1 side so that the binary metrics (E-I index, majority illusion)
 * apply: the upper half of the opinion domain for continuous opinions, the
 * opinion itself for binary ones, and "is active / infected / a believer"
 * for spreading models (their `opinions` are state codes, on which the
 * opinion metrics mean little: use their outcomes).
 */
import type { CsrGraph } from '../model/csr-graph.js';
import type { NetworkView } from '../sim/metric-view.js';
import { opinionClusters } from '../sim/metrics/opinion-clusters.js';
import { getZooEntry } from '../sim/model-zoo.js';
import type { ModelState } from '../sim/model.js';
import type { CoevolvingVoterState } from '../sim/models/coevolving-voter.js';
import { HOAX_BELIEVER, HOAX_FACT_CHECKER, HOAX_SUSCEPTIBLE, type HoaxState } from '../sim/models/hoax-fact-checking.js';
import type { SasaharaState } from '../sim/models/sasahara.js';
import type { SirState } from '../sim/models/sir.js';
import type { BinaryOpinionState } from '../sim/models/voter.js';

export interface ZooOutcome {
  /** One line: what the number is. */
  readonly help: string;
  value(state: ModelState): number;
}

export interface ZooProfile {
  readonly view: (state: ModelState) => NetworkView;
  readonly outcomes: Readonly<Record<string, ZooOutcome>>;
  /** Registry metrics recorded when the experiment names none. */
  readonly defaultMetrics: readonly string[];
}

/** Share of nodes in the largest weakly connected component (union–find over the arcs). */
export function largestComponentShare(graph: CsrGraph): number {
  const n = graph.n;
  if (n === 0) return NaN;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const { start, deg, targets } = graph.out;
  for (let u = 0; u < n; u++) {
    const s = start[u];
    for (let k = 0; k < deg[u]; k++) {
      const a = find(u);
      const b = find(targets[s + k]);
      if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
    }
  }
  const size = new Int32Array(n);
  let best = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (++size[r] > best) best = size[r];
  }
  return best / n;
}

function sideView(graph: CsrGraph, values: ArrayLike<number>, midpoint: number): NetworkView {
  const opinions = Float64Array.from(values);
  return { graph, opinions, attribute: Int32Array.from(opinions, (x) => (x > midpoint ? 1 : 0)) };
}

function codeView(graph: CsrGraph, values: ArrayLike<number>, active: number): NetworkView {
  return { graph, opinions: Float64Array.from(values), attribute: Int32Array.from(values, (x) => (x === active ? 1 : 0)) };
}

function domainOf(state: ModelState, fallback: readonly [number, number]): readonly [number, number] {
  const d = (state as ModelState & { params?: { domain?: readonly [number, number] } }).params?.domain;
  return d ?? fallback;
}

/** Consensus and largest-cluster outcomes of a continuous opinion, with clusters cut at 1 % of the domain. */
function clusterOutcomes(opinionsOf: (s: ModelState) => ArrayLike<number>, fallback: readonly [number, number]): Record<string, ZooOutcome> {
  const clusters = (s: ModelState) => {
    const [lo, hi] = domainOf(s, fallback);
    return opinionClusters(opinionsOf(s), { gap: 0.01 * (hi - lo) });
  };
  return {
    consensus: {
      help: 'One if every agent ends in a single opinion cluster (consecutive sorted opinions less than 1 % of the domain apart), else zero (Fortunato 2004\'s complete consensus).',
      value: (s) => (clusters(s).count === 1 ? 1 : 0),
    },
    'largest-cluster': {
      help: 'Share of agents in the largest opinion cluster (clusters cut at gaps over 1 % of the domain).',
      value: (s) => {
        const c = clusters(s);
        let best = 0;
        for (const size of c.sizes) if (size > best) best = size;
        return c.sizes.length === 0 ? NaN : best / opinionsOf(s).length;
      },
    },
  };
}

function binaryOutcomes(): Record<string, ZooOutcome> {
  const share = (s: ModelState) => {
    const b = s as BinaryOpinionState;
    return b.opinions.length === 0 ? NaN : b.ones / b.opinions.length;
  };
  return {
    'ones-share': { help: 'Share of agents holding opinion 1.', value: share },
    'minority-share': { help: 'Share of agents holding the less common opinion (0 at consensus).', value: (s) => Math.min(share(s), 1 - share(s)) },
    'discordant-share': {
      help: 'Density of active links ρ: discordant edges over all edges (0 in an absorbing state).',
      value: (s) => {
        const m = s.graph.m;
        return m === 0 ? 0 : (s as BinaryOpinionState).discordant / m;
      },
    },
    'largest-component': { help: 'Share of agents in the largest connected component of the (possibly rewired) network.', value: (s) => largestComponentShare(s.graph) },
  };
}

function countShare(count: (s: ModelState) => number, help: string): ZooOutcome {
  return { help, value: (s) => (s.graph.n === 0 ? NaN : count(s) / s.graph.n) };
}

const OPINION_METRICS = ['opinion.mean', 'opinion.variance', 'opinion.clusters'] as const;
const opinions = (s: ModelState) => (s as ModelState & { opinions: Float64Array }).opinions;

const PROFILES: Readonly<Record<string, ZooProfile>> = {
  deffuant: { view: (s) => sideView(s.graph, opinions(s), sum(domainOf(s, [0, 1])) / 2), outcomes: clusterOutcomes(opinions, [0, 1]), defaultMetrics: OPINION_METRICS },
  'hegselmann-krause': { view: (s) => sideView(s.graph, opinions(s), sum(domainOf(s, [0, 1])) / 2), outcomes: clusterOutcomes(opinions, [0, 1]), defaultMetrics: OPINION_METRICS },
  'algorithmic-bias': { view: (s) => sideView(s.graph, opinions(s), 0.5), outcomes: clusterOutcomes(opinions, [0, 1]), defaultMetrics: OPINION_METRICS },
  sasahara: {
    view: (s) => sideView(s.graph, opinions(s), 0),
    outcomes: {
      ...clusterOutcomes(opinions, [-1, 1]),
      rewires: { help: 'Unfollow/follow events over the run.', value: (s) => (s as SasaharaState).rewires },
    },
    defaultMetrics: [...OPINION_METRICS, 'network.neighbor-leaning-correlation'],
  },
  baumann: { view: (s) => sideView(s.graph, opinions(s), 0), outcomes: {}, defaultMetrics: ['opinion.mean', 'opinion.variance', 'opinion.bimodality'] },
  voter: { view: (s) => sideView(s.graph, (s as BinaryOpinionState).opinions, 0.5), outcomes: binaryOutcomes(), defaultMetrics: ['opinion.mean'] },
  'coevolving-voter': {
    view: (s) => sideView(s.graph, (s as BinaryOpinionState).opinions, 0.5),
    outcomes: { ...binaryOutcomes(), rewires: { help: 'Ties rewired over the run.', value: (s) => (s as CoevolvingVoterState).rewires } },
    defaultMetrics: ['opinion.mean'],
  },
  'independent-cascade': {
    view: (s) => codeView(s.graph, getZooEntry('independent-cascade').nodeValues(s), 1),
    outcomes: { 'active-share': countShare((s) => countEqual(getZooEntry('independent-cascade').nodeValues(s), 1), 'Share of nodes activated (seeds included).') },
    defaultMetrics: [],
  },
  sir: {
    view: (s) => codeView(s.graph, (s as SirState).status, 1),
    outcomes: {
      susceptible: countShare((s) => (s as SirState).susceptibleCount, 'Share of nodes still susceptible.'),
      infected: countShare((s) => (s as SirState).infectedCount, 'Share of nodes infected now.'),
      recovered: countShare((s) => (s as SirState).recoveredCount, 'Share of nodes recovered (with `infected`, the epidemic size so far).'),
    },
    defaultMetrics: [],
  },
  'hoax-fact-checking': {
    view: (s) => codeView(s.graph, (s as HoaxState).status, HOAX_BELIEVER),
    outcomes: {
      believers: countShare((s) => (s as HoaxState).believers, `Share of believers (state ${HOAX_BELIEVER}).`),
      'fact-checkers': countShare((s) => (s as HoaxState).factCheckers, `Share of fact-checkers (state ${HOAX_FACT_CHECKER}).`),
      susceptible: countShare((s) => (s as HoaxState).susceptible, `Share of susceptible accounts (state ${HOAX_SUSCEPTIBLE}).`),
    },
    defaultMetrics: [],
  },
};

function sum(d: readonly [number, number]): number {
  return d[0] + d[1];
}

function countEqual(values: ArrayLike<number>, v: number): number {
  let c = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === v) c++;
  return c;
}

/** The profile of a zoo model (a model without one gets its per-node values as opinions and no outcomes). */
export function zooProfile(modelId: string): ZooProfile {
  if (Object.prototype.hasOwnProperty.call(PROFILES, modelId)) return PROFILES[modelId];
  const entry = getZooEntry(modelId);
  return { view: (s) => ({ graph: s.graph, opinions: Float64Array.from(entry.nodeValues(s)) }), outcomes: {}, defaultMetrics: ['opinion.mean', 'opinion.variance'] };
}

/** The outcome names of a zoo model with their help lines, in order. */
export function zooOutcomes(modelId: string): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(zooProfile(modelId).outcomes).map(([k, o]) => [k, o.help]));
}

/** Whether a model's view carries the 0/1 `attribute` the binary metrics need. */
export function zooViewHasAttribute(modelId: string): boolean {
  return Object.prototype.hasOwnProperty.call(PROFILES, modelId);
}
