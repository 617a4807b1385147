import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import type { CascadeView, NetworkView } from '../../src/sim/metric-view.js';
import { louvainCommunities } from '../../src/sim/metrics/louvain-communities.js';
import { modularityOf } from '../../src/sim/metrics/modularity.js';
import {
  type CascadeMetric,
  type NetworkMetric,
  computeMetrics,
  getMetric,
  listMetrics,
  metricsRegistry,
} from '../../src/sim/metrics/metrics-registry.js';
import { buildSpec, permuteValues, randomGraphSpec, relabel, ring } from './metric-graphs.js';

const networkMetrics = listMetrics().filter((m): m is NetworkMetric => m.input === 'network');
const cascadeMetrics = listMetrics().filter((m): m is CascadeMetric => m.input === 'cascade');

function sameNumber(a: number, b: number, tol = 1e-9): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a));
}

function randomView(spec: { n: number; directed: boolean; pairs: Array<[number, number]> }, salt: number): NetworkView {
  const rng = new Rng(`metrics/registry/view/${salt}`);
  return {
    graph: buildSpec(spec),
    opinions: Float64Array.from({ length: spec.n }, () => rng.uniform(-1, 1)),
    attribute: Int32Array.from({ length: spec.n }, () => (rng.chance(0.3) ? 1 : 0)),
    exposure: { bins: 5, counts: Float64Array.from({ length: spec.n * 5 }, () => (rng.chance(0.4) ? 0 : Math.floor(rng.uniform(0, 6)))) },
  };
}

/** Exposure rows moved with their nodes: row i goes to perm[i]. */
function permuteRows(e: NonNullable<NetworkView['exposure']>, perm: ArrayLike<number>): NonNullable<NetworkView['exposure']> {
  const counts = new Float64Array(e.counts.length);
  for (let i = 0; i < perm.length; i++) counts.set(e.counts.subarray(i * e.bins, (i + 1) * e.bins), perm[i] * e.bins);
  return { bins: e.bins, counts };
}

/** Every typed array a view holds, copied, to detect writes. */
function snapshot(view: NetworkView | CascadeView): string {
  const parts: string[] = [];
  if ('graph' in view) {
    const g = view.graph;
    for (const adj of [g.out, g.in]) parts.push(Array.from(adj.start).join(), Array.from(adj.deg).join(), Array.from(adj.targets).join());
    parts.push(Array.from(view.opinions ?? []).join(), Array.from(view.attribute ?? []).join(), Array.from(view.exposure?.counts ?? []).join());
  } else {
    parts.push(Array.from(view.parent).join(), Array.from(view.time).join());
  }
  return parts.join('|');
}

describe('metrics registry', () => {
  it('every key is its metric’s id, dotted, with the input family as prefix', () => {
    for (const [key, metric] of Object.entries(metricsRegistry)) {
      expect(metric.id).toBe(key);
      expect(key).toMatch(/^(opinion|network|exposure|cascade)\.[a-z0-9-]+$/);
      expect(metric.input).toBe(key.startsWith('cascade.') ? 'cascade' : 'network');
      expect(metric.description.length).toBeGreaterThan(20);
    }
    expect(listMetrics().map((m) => m.id)).toEqual(Object.keys(metricsRegistry));
  });

  it('includes every metric of the brief', () => {
    const ids = new Set(Object.keys(metricsRegistry));
    for (const id of [
      'opinion.mean',
      'opinion.variance',
      'opinion.bimodality',
      'opinion.clusters',
      'network.neighbor-leaning-correlation',
      'network.opinion-assortativity',
      'network.modularity',
      'network.communities',
      'network.ei-index',
      'network.majority-illusion',
      'network.friendship-paradox',
      'network.random-walk-controversy',
      'network.boundary-polarization',
      'network.betweenness-controversy',
      'cascade.size',
      'cascade.depth',
      'cascade.max-breadth',
      'cascade.structural-virality',
      'cascade.time-to-k',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('getMetric: unknown name -> InputError with the closest suggestion', () => {
    expect(getMetric('opinion.variance')).toBe(metricsRegistry['opinion.variance']);
    expect(() => getMetric('opinion.varianse')).toThrow(InputError);
    expect(() => getMetric('opinion.varianse')).toThrow(/unknown metric `opinion\.varianse` \(did you mean `opinion\.variance`\?\)/);
    expect(() => getMetric('cascade.virality-structural-index-xyz')).not.toThrow(/did you mean/);
  });

  it('computeMetrics returns one number per name and passes per-metric options', () => {
    const view: NetworkView = { graph: ring(6), opinions: Float64Array.from([0, 0, 0, 1, 1, 1]), attribute: Int32Array.from([0, 0, 0, 1, 1, 1]) };
    const out = computeMetrics(['opinion.mean', 'opinion.cluster-count', 'network.ei-index'], view, { 'opinion.cluster-count': { gap: 2 } });
    expect(out).toEqual({ 'opinion.mean': 0.5, 'opinion.cluster-count': 1, 'network.ei-index': (2 - 4) / 6 });
    const c = computeMetrics(['cascade.size', 'cascade.depth'], { parent: Int32Array.from([-1, 0, 1]), time: new Float64Array(3) });
    expect(c).toEqual({ 'cascade.size': 3, 'cascade.depth': 2 });
  });

  it('computeMetrics rejects a view of the wrong kind, options for a metric not asked for, and misspelt options', () => {
    const view: NetworkView = { graph: ring(4), opinions: new Float64Array(4) };
    expect(() => computeMetrics(['cascade.size'], view)).toThrow(/cascade\.size: needs a cascade view, got a network view/);
    expect(() => computeMetrics(['opinion.clusters'], view, { 'opinion.cluster': { gap: 1 } })).toThrow(/did you mean `opinion\.clusters`/);
    expect(() => computeMetrics(['opinion.clusters'], view, { 'opinion.clusters': { gpa: 1 } })).toThrow(/unknown parameter `gpa` \(did you mean `gap`\?\)/);
  });

  it('a view without a required part -> InputError naming the metric and the missing field', () => {
    const bare: NetworkView = { graph: ring(5) };
    for (const metric of networkMetrics) {
      for (const field of metric.requires) {
        const full: NetworkView = { graph: ring(5), opinions: new Float64Array(5), attribute: new Int32Array(5), exposure: { bins: 3, counts: new Float64Array(15) } };
        const view: NetworkView = { ...full, [field]: undefined };
        expect(() => metric.scalar(view), metric.id).toThrow(InputError);
        expect(() => metric.scalar(view), metric.id).toThrow(new RegExp(`${metric.id.replace(/\./g, '\\.')}.*\`${field}\``));
      }
      if (metric.requires.length === 0) expect(() => metric.scalar(bare), metric.id).not.toThrow();
    }
  });

  it('no metric writes to its view (scalar and detailed forms)', () => {
    fc.assert(
      fc.property(randomGraphSpec({ maxN: 25 }), fc.integer({ min: 0, max: 1e6 }), (spec, salt) => {
        const view = randomView(spec, salt);
        const before = snapshot(view);
        for (const metric of networkMetrics) {
          metric.scalar(view);
          metric.detailed?.(view);
        }
        const tree: CascadeView = { parent: Int32Array.from([-1, 0, 0, 2, 1]), time: Float64Array.from([0, 4, 2, 3, 1]) };
        const treeBefore = snapshot(tree);
        for (const metric of cascadeMetrics) {
          metric.scalar(tree);
          metric.detailed?.(tree);
        }
        return snapshot(view) === before && snapshot(tree) === treeBefore;
      }),
      { numRuns: 30 },
    );
  });

  it('relabelling nodes (graph, opinions and attribute together) leaves every network metric unchanged (property)', () => {
    // Louvain is a heuristic whose result can depend on node order, so its partition is not compared;
    // the modularity of a fixed partition is, below.
    const exact = networkMetrics.filter((m) => m.id !== 'network.modularity' && m.id !== 'network.communities');
    fc.assert(
      fc.property(randomGraphSpec(), fc.integer({ min: 0, max: 1e6 }), (spec, salt) => {
        const view = randomView(spec, salt);
        const perm = new Rng(`metrics/registry/perm/${salt}`).shuffle(Array.from({ length: spec.n }, (_, i) => i));
        const moved: NetworkView = {
          graph: relabel(spec, perm),
          opinions: permuteValues(view.opinions!, perm),
          attribute: permuteValues(view.attribute!, perm),
          exposure: permuteRows(view.exposure!, perm),
        };
        for (const metric of exact) {
          const variants = 'direction' in metric.defaults ? [{ direction: 'out' }, { direction: 'in' }, { direction: 'both' }] : [{}];
          for (const options of variants) {
            if (!sameNumber(metric.scalar(view, options), metric.scalar(moved, options))) return false;
          }
        }
        return true;
      }),
    );
  });

  it('the modularity of a Louvain partition is unchanged when graph and partition are relabelled together (property)', () => {
    fc.assert(
      fc.property(randomGraphSpec(), fc.integer({ min: 0, max: 1e6 }), (spec, salt) => {
        const graph = buildSpec(spec);
        fc.pre(graph.m > 0);
        const perm = new Rng(`metrics/registry/perm/${salt}`).shuffle(Array.from({ length: spec.n }, (_, i) => i));
        const { community, modularity } = louvainCommunities(graph);
        return sameNumber(modularityOf(relabel(spec, perm), permuteValues(community, perm)), modularity, 1e-12);
      }),
      { numRuns: 50 },
    );
  });

  it('scalar forms agree with the detailed forms where both exist', () => {
    const view = randomView({ n: 12, directed: false, pairs: [[0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 4], [7, 8], [0, 7], [9, 10]] }, 7);
    const pick: Record<string, (d: never) => number> = {
      'opinion.bimodality': (d: { coefficient: number }) => d.coefficient,
      'opinion.clusters': (d: { effective: number }) => d.effective,
      'opinion.cluster-count': (d: { count: number }) => d.count,
      'network.neighbor-leaning-correlation': (d: { correlation: number }) => d.correlation,
      'network.modularity': (d: { modularity: number }) => d.modularity,
      'network.communities': (d: { count: number }) => d.count,
      'network.ei-index': (d: { index: number }) => d.index,
      'network.majority-illusion': (d: { share: number }) => d.share,
      'network.friendship-paradox': (d: { gap: number }) => d.gap,
      'network.random-walk-controversy': (d: { rwc: number }) => d.rwc,
      'network.boundary-polarization': (d: { polarization: number }) => d.polarization,
      'network.betweenness-controversy': (d: { bcc: number }) => d.bcc,
      'opinion.esteban-ray': (d: { polarization: number }) => d.polarization,
      'exposure.diversity': (d: { simpson: number }) => d.simpson,
      'exposure.cross-cutting': (d: { share: number }) => d.share,
    };
    for (const metric of networkMetrics) {
      if (!metric.detailed) continue;
      expect(sameNumber(metric.scalar(view), pick[metric.id](metric.detailed(view) as never), 0), metric.id).toBe(true);
    }
  });
});
