/**
 * Echo-chamber measures on a labelled network read from a gzipped GML file:
 * the political blogs (Adamic & Glance 2005) when ../shared/data is present,
 * and always the synthetic two-camp fixture in the same format (made by
 * scripts/make-fixtures.ts), which covers the same code path.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNetworkFile } from '../../src/io/read-network-file.js';
import { labelVector } from '../../src/model/import/label-vector.js';
import { toCsr } from '../../src/model/import/to-csr.js';
import { computeMetrics } from '../../src/sim/metrics/metrics-registry.js';
import { modularityOf } from '../../src/sim/metrics/modularity.js';
import { fixturePath, sharedData } from './fixtures.js';

const METRICS = ['network.modularity', 'network.neighbor-leaning-correlation', 'network.ei-index'] as const;

function measure(file: string) {
  const net = readNetworkFile(file);
  const value = labelVector(net, 'value');
  const { graph } = toCsr(net, { directed: false });
  const metrics = computeMetrics([...METRICS], { graph, opinions: Float64Array.from(value), attribute: value }, { 'network.modularity': { seed: 'echo-chamber-test' } });
  return { net, graph, value, metrics };
}

const polblogs = sharedData('polblogs', 'polblogs.gml.gz');

describe.skipIf(!existsSync(polblogs))(`political blogs${existsSync(polblogs) ? '' : ' (skipped: ../shared/data/polblogs not present)'}`, () => {
  it('is a strong echo chamber: high Louvain modularity and neighbour leaning correlation', () => {
    const { metrics, graph, value } = measure(polblogs);
    // Louvain on the undirected polblogs graph is reported near Q = 0.43;
    // the two-camp labelling alone gives a lower bound.
    const byLabel = modularityOf(graph, value);
    expect(byLabel).toBeGreaterThan(0.35);
    expect(metrics['network.modularity']).toBeGreaterThan(byLabel - 0.02);
    expect(metrics['network.modularity']).toBeGreaterThan(0.4);
    expect(metrics['network.modularity']).toBeLessThan(0.45);
    expect(metrics['network.neighbor-leaning-correlation']).toBeGreaterThan(0.85);
    // README: 90.6 % of distinct undirected edges join same-label blogs, so E-I = 1 − 2 × 0.906.
    expect(metrics['network.ei-index']).toBeCloseTo(1 - 2 * 0.906, 2);
  });
});

describe('synthetic two-camp blogs fixture (always runs)', () => {
  it('reads like polblogs: directed GML, 0/1 value, repeated records and a self-loop dropped', () => {
    const net = readNetworkFile(fixturePath('blogs-two-camps.gml.gz'));
    expect(net.directed).toBe(true);
    expect(net.edges.n).toBe(180);
    const { dropped } = toCsr(net);
    expect(dropped.selfLoops).toBe(1);
    expect(dropped.duplicates).toBeGreaterThanOrEqual(12);
  });

  it('homophily 0.9 shows as high modularity, leaning correlation and a negative E-I index', () => {
    const { metrics, graph, value } = measure(fixturePath('blogs-two-camps.gml.gz'));
    // With 90 % of follows inside the camp, E-I ≈ 1 − 2·0.9 = −0.8; about
    // 1,000 edges give a binomial SD of 0.02, so ±0.1 is 5 SD.
    expect(metrics['network.ei-index']).toBeGreaterThan(-0.9);
    expect(metrics['network.ei-index']).toBeLessThan(-0.7);
    const planted = modularityOf(graph, value);
    expect(planted).toBeGreaterThan(0.3);
    // Louvain is greedy, not an exact optimiser: it may end slightly below the planted split.
    expect(metrics['network.modularity']).toBeGreaterThan(planted - 0.02);
    expect(metrics['network.neighbor-leaning-correlation']).toBeGreaterThan(0.8);
  });
});
