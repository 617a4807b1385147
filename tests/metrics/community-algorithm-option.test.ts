/**
 * The `algorithm` option of louvainCommunities and of the registry metrics
 * network.modularity / network.communities: 'graphology' (the historical
 * path), 'louvain' and 'leiden' (CSR), 'auto' (graphology up to 100,000
 * nodes, CSR Leiden above). Checked: 'auto' on a small graph is the
 * graphology run to the bit (so recorded results keep their values), the
 * CSR choices return exactly what louvainCsr / leidenCsr return, a directed
 * graph's metric value stays Leicht–Newman (modularityOf) with the
 * undirected objective beside it, a 100,001-node graph goes to Leiden under
 * 'auto', and an unknown algorithm is refused by name.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';
import { csrCommunityRestarts } from '../../src/sim/metrics/csr-community-restarts.js';
import { leidenCsr } from '../../src/sim/metrics/leiden-csr.js';
import { AUTO_CSR_ABOVE, communitiesMetric, louvainCommunities, modularityMetric, type CsrMetricDetail } from '../../src/sim/metrics/louvain-communities.js';
import { louvainCsr } from '../../src/sim/metrics/louvain-csr.js';
import { restartRng } from '../../src/sim/metrics/louvain-restarts.js';
import { modularityOf } from '../../src/sim/metrics/modularity.js';
import { buildSpec, graphOf, ring } from './metric-graphs.js';

function randomGraph(n: number, m: number, salt: string, directed = false) {
  const r = new Rng(`algo-option/${salt}`);
  const pairs: Array<[number, number]> = [];
  for (let e = 0; e < m; e++) pairs.push([r.int(n), r.int(n)]);
  return { spec: { n, directed, pairs }, graph: buildSpec({ n, directed, pairs }) };
}

describe('algorithm option', () => {
  it("'auto' on a small graph is the graphology run, to the bit (metric and louvainCommunities)", () => {
    const { graph } = randomGraph(300, 900, 'auto');
    const view = { graph };
    expect(Object.is(modularityMetric.scalar(view, { seed: 's' }), modularityMetric.scalar(view, { seed: 's', algorithm: 'graphology' }))).toBe(true);
    expect(communitiesMetric.scalar(view, { seed: 's' })).toBe(communitiesMetric.scalar(view, { seed: 's', algorithm: 'graphology' }));
    const auto = louvainCommunities(graph, { seed: 's' });
    const g = louvainCommunities(graph, { seed: 's', algorithm: 'graphology' });
    expect(Array.from(auto.community)).toEqual(Array.from(g.community));
    expect(Object.is(auto.modularity, modularityMetric.scalar(view, { seed: 's' }))).toBe(true);
  });

  it('restarts on the canonical order compute the order once and give each restart its own stream: restart r is the plain run with its Rng', () => {
    const { graph } = randomGraph(200, 600, 'canon-restarts');
    const d = csrCommunityRestarts(graph, 'leiden', { restarts: 3, order: 'canonical', seed: 'cr' });
    for (let r = 0; r < 3; r++) expect(d.values[r]).toBe(leidenCsr(graph, { order: 'canonical', rng: restartRng('cr', r) }).modularity);
    expect(d.modularity).toBe(d.values[d.best]);
  });

  it("'louvain' and 'leiden' return the CSR searches' partitions (restart 0 is the plain seeded run)", () => {
    const { graph } = randomGraph(300, 900, 'csr');
    const view = { graph };
    const lv = modularityMetric.detailed!(view, { seed: 's', algorithm: 'louvain' }) as CsrMetricDetail;
    expect(Array.from(lv.community)).toEqual(Array.from(louvainCsr(graph, { seed: 's' }).community));
    const ld = modularityMetric.detailed!(view, { seed: 's', algorithm: 'leiden' }) as CsrMetricDetail;
    const direct = leidenCsr(graph, { seed: 's' });
    expect(Array.from(ld.community)).toEqual(Array.from(direct.community));
    expect(ld.modularity).toBe(direct.modularity);
    expect(communitiesMetric.scalar(view, { seed: 's', algorithm: 'leiden' })).toBe(direct.count);
    // Best of 5 restarts: never below the single run, values recorded per restart.
    const best = modularityMetric.detailed!(view, { seed: 's', algorithm: 'leiden', restarts: 5 }) as CsrMetricDetail;
    expect(best.values.length).toBe(5);
    expect(best.values[0]).toBe(direct.modularity);
    expect(best.modularity).toBe(Math.max(...best.values));
    const fn = louvainCommunities(graph, { seed: 's', algorithm: 'leiden' });
    expect(Array.from(fn.community)).toEqual(Array.from(direct.community));
  });

  it('a directed graph on the CSR path: the metric value is modularityOf (Leicht–Newman), the undirected objective is kept beside it', () => {
    const { graph } = randomGraph(200, 800, 'dir', true);
    const d = modularityMetric.detailed!({ graph }, { seed: 'd', algorithm: 'leiden' }) as CsrMetricDetail;
    expect(d.modularity).toBe(modularityOf(graph, d.community));
    expect(d.undirectedModularity).toBe(leidenCsr(graph, { seed: 'd' }).modularity);
    expect(d.undirectedModularity).not.toBe(d.modularity);
  });

  it(`'auto' above ${AUTO_CSR_ABOVE.toLocaleString('en-US')} nodes runs CSR Leiden (a ring of 100,001 nodes)`, () => {
    const graph = ring(AUTO_CSR_ABOVE + 1);
    const d = modularityMetric.detailed!({ graph }, { seed: 'big' }) as CsrMetricDetail;
    expect(d.algorithm).toBe('leiden');
    expect(d.modularity).toBe(leidenCsr(graph, { seed: 'big' }).modularity);
    expect(d.modularity).toBeGreaterThan(0.99);
    const small = modularityMetric.detailed!({ graph: ring(AUTO_CSR_ABOVE) }, { seed: 'big' });
    expect('algorithm' in small).toBe(false);
  });

  it('an unknown algorithm is refused, naming the field, the value and the choices', () => {
    const graph = graphOf(3, [[0, 1]]);
    expect(() => modularityMetric.scalar({ graph }, { algorithm: 'infomap' })).toThrow(/`algorithm` \("infomap"\): expected one of "auto", "graphology", "louvain", "leiden"/);
    expect(() => louvainCommunities(graph, { algorithm: 'infomap' as never })).toThrow(/`algorithm` \("infomap"\)/);
    expect(() => csrCommunityRestarts(graph, 'leiden', { restarts: 0 })).toThrow(/metrics\/leiden-csr: invalid `restarts` \(0\): expected an integer ≥ 1/);
    expect(() => csrCommunityRestarts(graph, 'louvain', { restarts: 2.5 })).toThrow(/`restarts` \(2.5\)/);
  });
});
