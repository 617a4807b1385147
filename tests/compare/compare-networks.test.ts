/**
 * Network-metric comparison (src/compare/compare-networks.ts): hand-computed
 * values on two small two-camp networks (the fixture two-camps-within.gml,
 * ties only inside a camp, and the same plus one crossing tie), the run
 * summary statistics against hand arithmetic, properties of the percentile
 * and the SD distance, and the polblogs network against the counts its
 * README states (skipped when ../shared/data is absent).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BETWEENNESS_BUDGET, LABEL_MODULARITY, archiveNetworkMetrics, archiveNetworkSummary, compareNetworkMetrics, labelledView, networkMetricRow } from '../../src/compare/compare-networks.js';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { readNetworkFile } from '../../src/io/read-network-file.js';
import { categoryCodes } from '../../src/model/import/label-vector.js';
import { parseGml } from '../../src/model/import/parse-gml.js';
import { toCsr } from '../../src/model/import/to-csr.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WITHIN = path.resolve(HERE, '../fixtures/networks/two-camps-within.gml');
const POLBLOGS = path.resolve(HERE, '../../../shared/data/polblogs/polblogs.gml.gz');

function metricsOfFile(file: string, directed?: boolean): Record<string, number> {
  const imported = readNetworkFile(file);
  const net = toCsr(imported, directed === undefined ? {} : { directed });
  return archiveNetworkMetrics(labelledView(net.graph, categoryCodes(imported, 'value').codes));
}

describe('archive metrics of a labelled network, by hand', () => {
  it('ties only within camps: E-I = −1, label modularity 4/9, illusion 3/7, correlations 1', () => {
    const m = metricsOfFile(WITHIN);
    expect(m['network.ei-index']).toBe(-1);
    expect(m[LABEL_MODULARITY]).toBeCloseTo(4 / 9, 12);
    expect(m['network.majority-illusion']).toBeCloseTo(3 / 7, 12);
    expect(m['network.opinion-assortativity']).toBeCloseTo(1, 12);
    expect(m['network.neighbor-leaning-correlation']).toBeCloseTo(1, 12);
    // The camps are the components; splitting the triangle-with-tail only lowers Q (to 1/3), so the optimum is 4/9.
    expect(m['network.modularity']).toBeCloseTo(4 / 9, 12);
  });

  it('one crossing tie 4–5: E-I = −5/7, label modularity 31/98, illusion 2/7', () => {
    const gml = `graph [ directed 0
      ${[1, 2, 3, 4, 5, 6, 7].map((i) => `node [ id ${i} value ${i <= 4 ? 0 : 1} ]`).join(' ')}
      ${[[1, 2], [2, 3], [1, 3], [1, 4], [5, 6], [6, 7], [4, 5]].map(([a, b]) => `edge [ source ${a} target ${b} ]`).join(' ')} ]`;
    const imported = parseGml(gml);
    const net = toCsr(imported);
    const m = archiveNetworkMetrics(labelledView(net.graph, categoryCodes(imported, 'value').codes));
    // E = 1, I = 6.
    expect(m['network.ei-index']).toBeCloseTo(-5 / 7, 12);
    // 2m = 14; camp 0: internal 8, K = 9; camp 1: internal 4, K = 5: 12/14 − (81 + 25)/196.
    expect(m[LABEL_MODULARITY]).toBeCloseTo(31 / 98, 12);
    // Minority = value 1. Nodes 4 and 5 now see exactly half of their neighbours in camp 1, which is not MORE than half; only 6 and 7 are fooled.
    expect(m['network.majority-illusion']).toBeCloseTo(2 / 7, 12);
  });

  it('label codes map to opinions −1/+1 and attribute 0/1; anything but 0/1 is refused', () => {
    const imported = readNetworkFile(WITHIN);
    const net = toCsr(imported);
    const view = labelledView(net.graph, categoryCodes(imported, 'value').codes);
    expect(Array.from(view.opinions ?? [])).toEqual([-1, -1, -1, -1, 1, 1, 1]);
    expect(Array.from(view.attribute ?? [])).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(() => labelledView(net.graph, Int32Array.from([0, 0, 0, 0, 1, 2, 1]))).toThrow(/codes\[5\]/);
    expect(() => labelledView(net.graph, new Int32Array(3))).toThrow(/one code per node/);
  });
});

describe('archive summary', () => {
  it('Louvain: best of the restarts with their spread; weights reach Louvain and label modularity only', () => {
    // Two triangles joined by a heavy edge 2–3 (weight 5), the others weight 1; label = the triangles.
    const edges = { n: 6, directed: false, src: Int32Array.from([0, 1, 0, 3, 4, 3, 2]), dst: Int32Array.from([1, 2, 2, 4, 5, 5, 3]), m: 7 };
    const graph = CsrGraph.fromEdgeList(edges);
    const weights = new Float64Array(graph.out.targets.length);
    graph.out.targets.forEach((t, k) => {
      const row = Array.from(graph.out.start).findIndex((s, i) => k >= s && k < s + graph.out.deg[i]);
      weights[k] = (row === 2 && t === 3) || (row === 3 && t === 2) ? 5 : 1;
    });
    const codes = Int32Array.from([0, 0, 0, 1, 1, 1]);
    const plain = archiveNetworkSummary(labelledView(graph, codes), { louvainRestarts: 3 });
    const heavy = archiveNetworkSummary(labelledView(graph, codes, weights), { louvainRestarts: 3 });
    expect(plain.louvain.values).toHaveLength(3);
    expect([plain.weighted, heavy.weighted]).toEqual([false, true]);
    // Unweighted: 2m = 14, each triangle internal 6, K = 7: Q = 2(6/14 − 1/4) = 5/14.
    expect(plain.metrics[LABEL_MODULARITY]).toBeCloseTo(5 / 14, 14);
    // Weighted: 2W = 22, internal 6 each, K = 11 each: Q = 2(6/22 − 1/4) = 1/22.
    expect(heavy.metrics[LABEL_MODULARITY]).toBeCloseTo(1 / 22, 14);
    // The metrics without a weighted form do not move.
    for (const m of ['network.ei-index', 'network.random-walk-controversy', 'network.boundary-polarization', 'network.betweenness-controversy']) {
      expect(Object.is(heavy.metrics[m], plain.metrics[m]), m).toBe(true);
    }
  });

  it('betweenness controversy is left undefined, with the reason, above the O(n·m) budget', () => {
    const n = 20_001;
    const m = Math.ceil(BETWEENNESS_BUDGET / n) + 1;
    const graph = CsrGraph.fromEdgeList({ n, directed: false, src: Int32Array.from({ length: m }, (_, i) => 2 * i), dst: Int32Array.from({ length: m }, (_, i) => 2 * i + 1), m });
    const codes = Int32Array.from({ length: n }, (_, i) => (i % 4 === 1 ? 1 : 0));
    const s = archiveNetworkSummary(labelledView(graph, codes), { louvainRestarts: 1 });
    expect(s.metrics['network.betweenness-controversy']).toBeNaN();
    expect(s.skipped['network.betweenness-controversy']).toMatch(/^not computed: exact edge betweenness costs O\(n·m\), here 20001 × 5001 = /);
    expect(Number.isFinite(s.metrics['network.random-walk-controversy'])).toBe(true);
  });
});

describe('one archive value against the runs', () => {
  it('mean, SD, type-7 interval, percentile and SD distance by hand', () => {
    const r = networkMetricRow('x', 2.5, [3, 1, 4, 2]);
    expect(r.nSim).toBe(4);
    expect(r.simMean).toBe(2.5);
    expect(r.simSd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // h = 3 · 0.025 = 0.075 above the first order statistic, 3 · 0.975 = 2.925.
    expect(r.simLow).toBeCloseTo(1.075, 12);
    expect(r.simHigh).toBeCloseTo(3.925, 12);
    expect([r.simMin, r.simMax]).toEqual([1, 4]);
    expect(r.percentile).toBe(50);
    expect(r.sdDistance).toBe(0);
    // A tie counts half: 1 below, 1 equal of 4.
    expect(networkMetricRow('x', 2, [1, 2, 3, 4]).percentile).toBe(37.5);
    const far = networkMetricRow('x', 10, [1, 2, 3, 4]);
    expect(far.percentile).toBe(100);
    expect(far.sdDistance).toBeCloseTo(7.5 / Math.sqrt(5 / 3), 12);
  });

  it('undefined runs are dropped and counted; a missing column is flagged; constant runs give 0 or Infinity', () => {
    const r = networkMetricRow('x', 1, [NaN, 1, 1, NaN]);
    expect([r.nSim, r.simDropped, r.sdDistance, r.percentile]).toEqual([2, 2, 0, 50]);
    expect(networkMetricRow('x', 2, [1, 1]).sdDistance).toBe(Infinity);
    expect(networkMetricRow('x', 2, [1]).sdDistance).toBeNaN();
    const rows = compareNetworkMetrics({ a: 1, b: 2 }, { a: [1, 2] });
    expect(rows.map((x) => [x.metric, x.missing, x.nSim])).toEqual([
      ['a', false, 2],
      ['b', true, 0],
    ]);
  });

  it('properties: percentile in [0, 100], non-decreasing in the archive value; shifting everything leaves it and the distance unchanged', () => {
    const value = fc.double({ min: -100, max: 100, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 30 }), fc.integer({ min: -60, max: 60 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: -20, max: 20 }), (runs, a, step, shift) => {
        const lo = networkMetricRow('x', a, runs);
        const hi = networkMetricRow('x', a + step, runs);
        expect(lo.percentile).toBeGreaterThanOrEqual(0);
        expect(lo.percentile).toBeLessThanOrEqual(100);
        expect(hi.percentile).toBeGreaterThanOrEqual(lo.percentile);
        const moved = networkMetricRow('x', a + shift, runs.map((x) => x + shift));
        expect(moved.percentile).toBe(lo.percentile);
        if (Number.isFinite(lo.sdDistance)) expect(moved.sdDistance).toBeCloseTo(lo.sdDistance, 9);
        else expect(moved.sdDistance).toBe(lo.sdDistance);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 20 }), (runs) => {
        const r = networkMetricRow('x', runs[0], runs);
        expect(r.simLow).toBeGreaterThanOrEqual(r.simMin);
        expect(r.simHigh).toBeLessThanOrEqual(r.simMax);
        expect(r.simLow).toBeLessThanOrEqual(r.simHigh);
      }),
    );
  });
});

describe.skipIf(!existsSync(POLBLOGS))('polblogs (skipped: ../shared/data not present)', () => {
  it('matches the README counts: 90.6 % of undirected ties within a camp gives E-I ≈ 1 − 2 · 0.906', () => {
    const imported = readNetworkFile(POLBLOGS);
    const { codes, categories } = categoryCodes(imported, 'value');
    expect(categories).toEqual([0, 1]);
    expect(codes.filter((c) => c === 0).length).toBe(758);
    const und = toCsr(imported, { directed: false });
    // 16,715 distinct undirected pairs (the 3 self-loops are dropped).
    expect(und.graph.m).toBe(16_715);
    const m = archiveNetworkMetrics(labelledView(und.graph, codes));
    expect(m['network.ei-index']).toBeGreaterThan(1 - 2 * 0.9065);
    expect(m['network.ei-index']).toBeLessThan(1 - 2 * 0.9055);
    // Strong echo chamber: both correlations high, label partition close to Louvain's best.
    expect(m['network.neighbor-leaning-correlation']).toBeGreaterThan(0.8);
    expect(m[LABEL_MODULARITY]).toBeGreaterThan(0.35);
    expect(m['network.modularity']).toBeGreaterThanOrEqual(m[LABEL_MODULARITY] - 0.01);
  });

  it('read as the file declares (directed): every metric is defined', () => {
    const m = metricsOfFile(POLBLOGS);
    for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
  });
});
