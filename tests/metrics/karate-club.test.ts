import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labelVector } from '../../src/model/import/label-vector.js';
import { parseGml } from '../../src/model/import/parse-gml.js';
import { toCsr } from '../../src/model/import/to-csr.js';
import { computeMetrics } from '../../src/sim/metrics/metrics-registry.js';
import { eiIndex } from '../../src/sim/metrics/ei-index.js';
import { louvainCommunities } from '../../src/sim/metrics/louvain-communities.js';
import { louvainRestarts } from '../../src/sim/metrics/louvain-restarts.js';
import { modularityOf } from '../../src/sim/metrics/modularity.js';

// Real data lives next to the repository, never inside it.
const file = fileURLToPath(new URL('../../../shared/data/karate-club/karate_club.gml', import.meta.url));

describe.skipIf(!existsSync(file))('karate club (skipped: ../shared/data/karate-club not present)', () => {
  const load = () => {
    const imported = parseGml(readFileSync(file, 'utf8'), { file: 'karate_club.gml' });
    const { graph } = toCsr(imported);
    const club = labelVector(imported, 'club', { categories: ['Mr. Hi', 'Officer'] });
    return { graph, club };
  };

  it('has 34 members, 78 ties and two factions of 17 (Zachary 1977)', () => {
    const { graph, club } = load();
    expect(graph.n).toBe(34);
    expect(graph.m).toBe(78);
    expect(club.reduce((a, b) => a + b, 0)).toBe(17);
  });

  it('E-I index of the factions: 67 of 78 ties inside a faction (85.9 %, as the data notes report), EI = −56/78', () => {
    const { graph, club } = load();
    const d = eiIndex({ graph, attribute: club });
    expect(d.internal).toBe(67);
    expect(d.external).toBe(11);
    expect(d.index).toBeCloseTo(-56 / 78, 12);
  });

  it('Louvain stays below the proven maximum modularity 0.4198 (Brandes et al., IEEE TKDE 2008) and close to it', () => {
    const { graph } = load();
    const d = louvainCommunities(graph, { seed: 'karate' });
    expect(d.modularity).toBeLessThanOrEqual(0.4197897);
    expect(d.modularity).toBeGreaterThan(0.4);
    expect(d.count).toBeGreaterThanOrEqual(3);
    expect(d.count).toBeLessThanOrEqual(5);
    expect(Math.abs(d.modularity - d.reportedModularity)).toBeLessThan(1e-12);
  });

  it('the best of 10 restarts on the canonical order reaches the proven maximum 0.4198 (four communities)', () => {
    const { graph } = load();
    const d = louvainRestarts(graph, { restarts: 10 });
    expect(d.modularity).toBeCloseTo(0.4197896, 6);
    expect(d.count).toBe(4);
    expect(d.min).toBeLessThanOrEqual(d.modularity);
  });

  it('modularity of the two factions is the widely reported 0.3582, below Louvain’s', () => {
    const { graph, club } = load();
    expect(modularityOf(graph, club)).toBeCloseTo(0.3582, 4);
    expect(modularityOf(graph, club)).toBeLessThan(louvainCommunities(graph).modularity);
  });

  it('the registry computes the echo-chamber metrics on the real network', () => {
    const { graph, club } = load();
    const out = computeMetrics(['network.ei-index', 'network.friendship-paradox', 'network.majority-illusion', 'network.communities'], {
      graph,
      attribute: club,
    });
    expect(out['network.friendship-paradox']).toBeGreaterThan(0);
    expect(out['network.majority-illusion']).toBeGreaterThanOrEqual(0);
    expect(out['network.majority-illusion']).toBeLessThanOrEqual(1);
  });
});
