/**
 * The labelled networks in ../shared/data, checked against the counts in
 * their READMEs (measured there independently of this code). Skipped when
 * the shared data directory is not next to the repository.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNetworkFile } from '../../src/io/read-network-file.js';
import type { ImportedNetwork } from '../../src/model/import/imported-network.js';
import { labelVector } from '../../src/model/import/label-vector.js';
import { toCsr } from '../../src/model/import/to-csr.js';
import { sharedData } from './fixtures.js';

const polblogs = sharedData('polblogs', 'polblogs.gml.gz');
const karate = sharedData('karate-club', 'karate_club.gml');
const polbooks = sharedData('polbooks', 'polbooks.gml');
const absent = '(skipped: ../shared/data not present)';

/** Share of the undirected edges of a CSR graph whose ends carry the same label. */
function sameLabelShare(graph: ReturnType<typeof toCsr>['graph'], label: ArrayLike<unknown>): number {
  let same = 0;
  let total = 0;
  graph.forEachEdge((u, v) => {
    total++;
    if (label[u] === label[v]) same++;
  });
  return same / total;
}

describe.skipIf(!existsSync(polblogs))(`polblogs ${existsSync(polblogs) ? '' : absent}`, () => {
  // Read lazily: a skipped describe block still runs its body to collect tests.
  let cached: ImportedNetwork | undefined;
  const load = (): ImportedNetwork => (cached ??= readNetworkFile(polblogs));

  it('1,490 nodes: 758 with value 0 and 732 with value 1', () => {
    const net = load();
    expect(net.directed).toBe(true);
    expect(net.edges.n).toBe(1490);
    const value = labelVector(net, 'value');
    expect(value.filter((v) => v === 0).length).toBe(758);
    expect(value.filter((v) => v === 1).length).toBe(732);
    expect(net.ids[0]).toBe('1');
    expect(net.attributes.label[0]).toBe('100monkeystyping.com');
    expect(Object.keys(net.attributes).sort()).toEqual(['label', 'source', 'value']);
  });

  it('19,090 edge records, 19,025 distinct directed pairs of which 3 self-loops, 16,715 undirected pairs, 266 isolated', () => {
    const net = load();
    expect(net.records).toBe(19090);
    const directed = toCsr(net);
    expect(directed.dropped.selfLoops).toBe(3);
    expect(directed.graph.m).toBe(19025 - 3);
    expect(directed.dropped.duplicates).toBe(19090 - 19025);
    const undirected = toCsr(net, { directed: false });
    expect(undirected.graph.m).toBe(16715);
    let isolated = 0;
    for (let i = 0; i < undirected.graph.n; i++) if (undirected.graph.outDegree(i) === 0) isolated++;
    expect(isolated).toBe(266);
    // README: 90.6% of distinct undirected edges join blogs with the same label.
    expect(sameLabelShare(undirected.graph, labelVector(net, 'value'))).toBeCloseTo(0.906, 3);
  });

  it('entities in labels are decoded', () => {
    const net = load();
    expect(net.attributes.label.some((l) => typeof l === 'string' && l.includes('&#38;'))).toBe(false);
    expect(net.attributes.label.some((l) => typeof l === 'string' && l.includes('jamie&logcatid'))).toBe(true);
  });
});

describe.skipIf(!existsSync(karate))(`karate club ${existsSync(karate) ? '' : absent}`, () => {
  it('34 nodes (17 Mr. Hi, 17 Officer), 78 undirected edges, 85.9% within a faction', () => {
    const net = readNetworkFile(karate);
    expect(net.directed).toBe(false);
    expect(net.edges.n).toBe(34);
    expect(net.records).toBe(78);
    expect(net.graphAttributes.name).toBe("Zachary's Karate Club");
    const club = labelVector(net, 'club', { categories: ['Mr. Hi', 'Officer'] });
    expect(club.filter((c) => c === 0).length).toBe(17);
    const { graph, dropped } = toCsr(net);
    expect(graph.m).toBe(78);
    expect(dropped).toEqual({ selfLoops: 0, duplicates: 0 });
    expect(sameLabelShare(graph, club)).toBeCloseTo(0.859, 3);
  });
});

describe.skipIf(!existsSync(polbooks))(`polbooks ${existsSync(polbooks) ? '' : absent}`, () => {
  it('105 nodes (43 l, 49 c, 13 n), 441 undirected edges, 84.1% same label', () => {
    const net = readNetworkFile(polbooks);
    expect(net.directed).toBe(false);
    expect(net.edges.n).toBe(105);
    expect(net.records).toBe(441);
    const leaning = labelVector(net, 'value', { categories: ['l', 'c', 'n'] });
    expect([0, 1, 2].map((c) => leaning.filter((x) => x === c).length)).toEqual([43, 49, 13]);
    const { graph } = toCsr(net);
    expect(graph.m).toBe(441);
    expect(sameLabelShare(graph, leaning)).toBeCloseTo(0.841, 3);
  });
});
