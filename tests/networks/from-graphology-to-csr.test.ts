import fc from 'fast-check';
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { fromGraphology } from '../../src/model/from-graphology.js';
import { categoryCodes, labelVector } from '../../src/model/import/label-vector.js';
import { parseGml } from '../../src/model/import/parse-gml.js';
import { toCsr } from '../../src/model/import/to-csr.js';
import { toGraphology } from '../../src/model/to-graphology.js';
import { fixture } from './fixtures.js';
import { inputError } from './network-helpers.js';

describe('fromGraphology', () => {
  it('keeps node order, ids, attributes (objects as JSON), edge attributes and graph attributes', () => {
    const g = new Graph({ type: 'directed' });
    g.setAttribute('name', 'demo');
    g.addNode('x', { camp: 0, color: { r: 1 } });
    g.addNode('y', { camp: 1, verified: true });
    g.addNode('z');
    g.addEdge('x', 'y', { weight: 2 });
    g.addEdge('z', 'x');
    const net = fromGraphology(g);
    expect(net.ids).toEqual(['x', 'y', 'z']);
    expect(net.directed).toBe(true);
    expect(net.attributes).toEqual({ camp: [0, 1, null], color: ['{"r":1}', null, null], verified: [null, true, null] });
    expect(net.edgeAttributes).toEqual({ weight: [2, null] });
    expect(Array.from(net.edges.src)).toEqual([0, 2]);
    expect(Array.from(net.edges.dst)).toEqual([1, 0]);
    expect(net.graphAttributes).toEqual({ name: 'demo' });
    expect(net.records).toBe(2);
    expect(fromGraphology(g, { attributes: ['camp', 'missing'] }).attributes).toEqual({ camp: [0, 1, null], missing: [null, null, null] });
  });

  it('a mixed graph reads as directed with each undirected edge as two arcs', () => {
    const g = new Graph({ type: 'mixed' });
    g.addNode('a');
    g.addNode('b');
    g.addNode('c');
    g.addDirectedEdge('a', 'b');
    g.addUndirectedEdge('b', 'c', { w: 5 });
    const net = fromGraphology(g);
    expect(net.directed).toBe(true);
    expect(net.records).toBe(2);
    expect(net.edges.m).toBe(3);
    const arcs = new Set(Array.from(net.edges.src, (u, e) => `${u}>${net.edges.dst[e]}`));
    expect(arcs).toEqual(new Set(['0>1', '1>2', '2>1']));
    expect(fromGraphology(g, { directed: false }).edges.m).toBe(2);
  });

  it('toGraphology then fromGraphology gives back the CSR graph (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), fc.boolean(), fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 60 }), (n, directed, raw) => {
        const pairs = raw.map(([u, v]) => [u % n, v % n] as const);
        const csr = CsrGraph.fromEdgeList({ n, directed, src: Int32Array.from(pairs.map((p) => p[0])), dst: Int32Array.from(pairs.map((p) => p[1])), m: pairs.length });
        const opinion = Array.from({ length: n }, (_, i) => i / n);
        const back = toCsr(fromGraphology(toGraphology(csr, { attributes: { opinion } })));
        expect(back.graph.directed).toBe(directed);
        expect(back.graph.n).toBe(n);
        expect(back.graph.m).toBe(csr.m);
        for (let u = 0; u < n; u++) expect(new Set(back.graph.followees(u))).toEqual(new Set(csr.followees(u)));
        expect(back.attributes.opinion).toEqual(opinion);
        expect(back.ids).toEqual(Array.from({ length: n }, (_, i) => String(i)));
      }),
      { numRuns: 60 },
    );
  });
});

describe('toCsr and labels', () => {
  const net = parseGml(fixture('two-factions.gml'));

  it('directed: drops the self-loop and the repeat; undirected: merges reciprocal links', () => {
    const directed = toCsr(net);
    expect(directed.graph.directed).toBe(true);
    expect(directed.graph.m).toBe(9);
    expect(directed.dropped).toEqual({ selfLoops: 1, duplicates: 1 });
    // Undirected pairs by hand: {1,2} {2,3} {1,3} {1,4} {4,5} {5,6} {4,6} {3,4}.
    const undirected = toCsr(net, { directed: false });
    expect(undirected.graph.directed).toBe(false);
    expect(undirected.graph.m).toBe(8);
    expect(undirected.ids).toBe(net.ids);
  });

  it('an undirected source read as directed gives mutual follows', () => {
    const und = parseGml('graph [ node [ id 1 ] node [ id 2 ] node [ id 3 ] edge [ source 1 target 2 ] edge [ source 2 target 3 ] ]');
    const csr = toCsr(und, { directed: true }).graph;
    expect(csr.m).toBe(4);
    expect(csr.hasEdge(0, 1) && csr.hasEdge(1, 0) && csr.hasEdge(1, 2) && csr.hasEdge(2, 1)).toBe(true);
  });

  it('labelVector: 0/1 values as an Int32Array; categories map other labels; errors name the node', () => {
    expect(Array.from(labelVector(net, 'value'))).toEqual([0, 0, 0, 1, 1, 1, 1]);
    const byText = { ids: ['a', 'b', 'c'], source: 't', attributes: { club: ['Mr. Hi', 'Officer', 'Mr. Hi'], v: ['1', '0', null] } };
    expect(Array.from(labelVector(byText, 'club', { categories: ['Mr. Hi', 'Officer'] }))).toEqual([0, 1, 0]);
    expect(Array.from(labelVector(byText, 'v', { missing: -1 }))).toEqual([1, 0, -1]);
    const err = inputError(() => labelVector(byText, 'club'));
    expect(err.field).toBe('club');
    expect(err.message).toContain('node "a"');
    expect(inputError(() => labelVector(byText, 'nope')).message).toContain('attributes: club, v');
    expect(inputError(() => labelVector(byText, 'v')).message).toContain('node "c"');
  });

  it('categoryCodes: sorted distinct values, −1 for missing', () => {
    const net2 = { ids: ['a', 'b', 'c', 'd'], source: 't', attributes: { leaning: ['n', 'c', 'l', null], size: [10, 2, 10, 3] } };
    expect(categoryCodes(net2, 'leaning')).toEqual({ codes: Int32Array.from([2, 0, 1, -1]), categories: ['c', 'l', 'n'] });
    expect(categoryCodes(net2, 'size')).toEqual({ codes: Int32Array.from([2, 0, 2, 1]), categories: [2, 3, 10] });
  });
});
