/**
 * The one metrics registry: dotted name -> pure function over a read-only
 * view (a network with optional opinions/attribute, or a cascade tree). The
 * experiment runner, the archive comparison and the browser panel all look
 * metrics up here, so a number means the same thing everywhere. Each metric
 * file states its formula, citation and conventions (neighbour direction on
 * directed graphs, what is NaN or Infinity).
 */
import { InputError, closest } from '../../model/errors.js';
import type { CascadeView, MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { cascadeDepth, cascadeMaxBreadth, cascadeSize, cascadeStructuralVirality } from './cascade-shape.js';
import { cascadeTimeToDepth, cascadeTimeToK } from './cascade-timing.js';
import { betweennessControversyMetric } from './betweenness-controversy.js';
import { boundaryPolarizationMetric } from './boundary-polarization.js';
import { crossCuttingExposureMetric } from './cross-cutting-exposure.js';
import { eiIndexMetric } from './ei-index.js';
import { estebanRayMetric } from './esteban-ray.js';
import { exposureDiversityMetric } from './exposure-diversity.js';
import { friendshipParadoxMetric } from './friendship-paradox.js';
import { communitiesMetric, modularityMetric } from './louvain-communities.js';
import { majorityIllusionMetric } from './majority-illusion.js';
import { neighborLeaningCorrelation } from './neighbor-leaning.js';
import { opinionAssortativityMetric } from './opinion-assortativity.js';
import { opinionClusterCount, opinionClustersMetric } from './opinion-clusters.js';
import { opinionBimodality, opinionMean, opinionVariance } from './opinion-moments.js';
import { randomWalkControversyMetric } from './random-walk-controversy.js';

export type NetworkMetric = MetricDefinition<NetworkView, unknown>;
export type CascadeMetric = MetricDefinition<CascadeView, unknown>;
export type AnyMetric = NetworkMetric | CascadeMetric;

export const metricsRegistry = Object.freeze({
  'opinion.mean': opinionMean,
  'opinion.variance': opinionVariance,
  'opinion.bimodality': opinionBimodality,
  'opinion.clusters': opinionClustersMetric,
  'opinion.cluster-count': opinionClusterCount,
  'opinion.esteban-ray': estebanRayMetric,
  'network.neighbor-leaning-correlation': neighborLeaningCorrelation,
  'network.opinion-assortativity': opinionAssortativityMetric,
  'network.modularity': modularityMetric,
  'network.communities': communitiesMetric,
  'network.ei-index': eiIndexMetric,
  'network.majority-illusion': majorityIllusionMetric,
  'network.friendship-paradox': friendshipParadoxMetric,
  'network.random-walk-controversy': randomWalkControversyMetric,
  'network.boundary-polarization': boundaryPolarizationMetric,
  'network.betweenness-controversy': betweennessControversyMetric,
  'exposure.diversity': exposureDiversityMetric,
  'exposure.cross-cutting': crossCuttingExposureMetric,
  'cascade.size': cascadeSize,
  'cascade.depth': cascadeDepth,
  'cascade.max-breadth': cascadeMaxBreadth,
  'cascade.structural-virality': cascadeStructuralVirality,
  'cascade.time-to-k': cascadeTimeToK,
  'cascade.time-to-depth': cascadeTimeToDepth,
} satisfies Record<string, AnyMetric>);

export type MetricId = keyof typeof metricsRegistry;

const IDS = Object.keys(metricsRegistry) as MetricId[];

function isMetricId(name: string): name is MetricId {
  return Object.prototype.hasOwnProperty.call(metricsRegistry, name);
}

/** The metric called `name`; an unknown name throws an InputError suggesting the closest one. */
export function getMetric(name: string): AnyMetric {
  if (typeof name === 'string' && isMetricId(name)) return metricsRegistry[name];
  const near = typeof name === 'string' ? closest(name, IDS) : undefined;
  throw new InputError(`metrics: unknown metric \`${String(name)}\`${near ? ` (did you mean \`${near}\`?)` : ''}; known: ${IDS.join(', ')}`, {
    field: 'metric',
  });
}

/** Every metric, in registry order (opinion, network, cascade). */
export function listMetrics(): AnyMetric[] {
  return IDS.map((id) => metricsRegistry[id]);
}

function isCascadeView(view: NetworkView | CascadeView): view is CascadeView {
  return view !== null && typeof view === 'object' && 'parent' in view;
}

/**
 * The scalar of each named metric on one view. `options` is keyed by metric
 * name (e.g. `{ 'network.modularity': { seed: 'run-1' } }`); an options entry
 * for a metric not asked for is rejected as a likely typo.
 */
export function computeMetrics(
  names: readonly string[],
  view: NetworkView | CascadeView,
  options: Readonly<Record<string, MetricOptions>> = {},
): Record<string, number> {
  const metrics = names.map(getMetric);
  for (const key of Object.keys(options)) {
    if (!names.includes(key)) {
      const near = closest(key, names);
      throw new InputError(`metrics: options given for \`${key}\`, which is not among the requested metrics${near ? ` (did you mean \`${near}\`?)` : ''}`, {
        field: key,
      });
    }
  }
  const cascade = isCascadeView(view);
  const out: Record<string, number> = {};
  for (const metric of metrics) {
    const wanted = metric.input === 'cascade';
    if (wanted !== cascade) {
      throw new InputError(`metrics/${metric.id}: needs a ${metric.input} view, got a ${cascade ? 'cascade' : 'network'} view`, { field: 'view' });
    }
    const given = options[metric.id];
    out[metric.id] = cascade
      ? (metric as CascadeMetric).scalar(view as CascadeView, given)
      : (metric as NetworkMetric).scalar(view as NetworkView, given);
  }
  return out;
}
