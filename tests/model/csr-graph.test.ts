import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import type { EdgeList } from '../../src/model/edge-list.js';

/** An arbitrary edge list on up to 30 nodes, duplicates and self-loops included. */
const edgeListArb = (directed: boolean): fc.Arbitrary<EdgeList> =>
  fc.integer({ min: 1, max: 30 }).chain((n) =>
    fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 120 }).map((pairs) => ({
      n,
      directed,
      src: Int32Array.from(pairs.map((p) => p[0])),
      dst: Int32Array.from(pairs.map((p) => p[1])),
      m: pairs.length,
    })),
  );

/** The reference: a set of "u>v" strings (undirected pairs stored as min>max). */
function edgeSet(e: EdgeList, dropSelfLoops = true): Set<string> {
  const s = new Set<string>();
  for (let k = 0; k < e.m; k++) {
    let u = e.src[k];
    let v = e.dst[k];
    if (u === v && dropSelfLoops) continue;
    if (!e.directed && u > v) [u, v] = [v, u];
    s.add(`${u}>${v}`);
  }
  return s;
}

function csrSet(g: CsrGraph): Set<string> {
  const s = new Set<string>();
  g.forEachEdge((u, v) => s.add(`${u}>${v}`));
  return s;
}

/** Checks that the in-rows are exactly the transpose of the out-rows. */
function expectConsistent(g: CsrGraph): void {
  const fromOut = new Set<string>();
  const fromIn = new Set<string>();
  for (let i = 0; i < g.n; i++) {
    for (const j of g.followees(i)) fromOut.add(`${i}>${j}`);
    for (const j of g.followers(i)) fromIn.add(`${j}>${i}`);
    expect(new Set(g.followees(i)).size).toBe(g.outDegree(i));
  }
  if (g.directed) expect(fromIn).toEqual(fromOut);
  else for (const e of fromOut) expect(fromOut.has(e.split('>').reverse().join('>'))).toBe(true);
}

describe('CsrGraph', () => {
  it('holds exactly the distinct edges of its input, in both directions', () => {
    for (const directed of [true, false]) {
      fc.assert(
        fc.property(edgeListArb(directed), fc.nat(3), (edges, slack) => {
          const g = CsrGraph.fromEdgeList(edges, { slack });
          const expected = edgeSet(edges);
          expect(csrSet(g)).toEqual(expected);
          expect(g.m).toBe(expected.size);
          expectConsistent(g);
          let loops = 0;
          for (let k = 0; k < edges.m; k++) if (edges.src[k] === edges.dst[k]) loops++;
          expect(g.dropped.selfLoops).toBe(loops);
          expect(g.dropped.duplicates).toBe(edges.m - loops - expected.size);
        }),
      );
    }
  });

  it('follow/unfollow keeps both directions consistent, as a Set model does', () => {
    const op = fc.tuple(fc.boolean(), fc.nat(19), fc.nat(19));
    for (const directed of [true, false]) {
      fc.assert(
        fc.property(edgeListArb(directed).filter((e) => e.n >= 2), fc.array(op, { maxLength: 200 }), (edges, ops) => {
          const g = CsrGraph.fromEdgeList(edges, { slack: 0 });
          const model = edgeSet(edges);
          const key = (u: number, v: number): string => (!directed && u > v ? `${v}>${u}` : `${u}>${v}`);
          for (const [add, a, b] of ops) {
            const u = a % edges.n;
            const v = b % edges.n;
            if (add) {
              const expected = u !== v && !model.has(key(u, v));
              expect(g.addEdge(u, v)).toBe(expected);
              if (expected) model.add(key(u, v));
            } else {
              expect(g.removeEdge(u, v)).toBe(model.has(key(u, v)));
              model.delete(key(u, v));
            }
          }
          expect(csrSet(g)).toEqual(model);
          expectConsistent(g);
          g.compact();
          expect(csrSet(g)).toEqual(model);
          expectConsistent(g);
        }),
      );
    }
  });

  it('round-trips through toEdgeList', () => {
    fc.assert(
      fc.property(edgeListArb(true), (edges) => {
        const g = CsrGraph.fromEdgeList(edges);
        expect(csrSet(CsrGraph.fromEdgeList(g.toEdgeList()))).toEqual(csrSet(g));
      }),
    );
  });

  it('addNodes appends isolated nodes that can then follow and be followed', () => {
    const g = CsrGraph.fromEdgeList({ n: 2, directed: true, src: Int32Array.of(0), dst: Int32Array.of(1), m: 1 });
    const first = g.addNodes(3);
    expect(first).toBe(2);
    expect(g.n).toBe(5);
    expect(g.addEdge(4, 0)).toBe(true);
    expect(g.addEdge(0, 4)).toBe(true);
    expect([...g.followers(0)]).toEqual([4]);
    expect([...g.followees(0)].sort()).toEqual([1, 4]);
    expect(g.m).toBe(3);
  });

  it('names the bad edge and node in its errors', () => {
    expect(() => CsrGraph.fromEdgeList({ n: 2, directed: true, src: Int32Array.of(0, 5), dst: Int32Array.of(1, 0), m: 2 })).toThrow(/edge 1 \(5 -> 0\).*\[0, 2\)/);
    const g = CsrGraph.fromEdgeList({ n: 2, directed: true, src: Int32Array.of(0), dst: Int32Array.of(1), m: 1 });
    expect(() => g.addEdge(0, 7)).toThrow(/node 7 is outside \[0, 2\)/);
  });

  it('clone is independent of the original', () => {
    const g = CsrGraph.fromEdgeList({ n: 3, directed: true, src: Int32Array.of(0, 1), dst: Int32Array.of(1, 2), m: 2 });
    const c = g.clone();
    c.addEdge(2, 0);
    c.removeEdge(0, 1);
    expect(csrSet(g)).toEqual(new Set(['0>1', '1>2']));
    expect(csrSet(c)).toEqual(new Set(['1>2', '2>0']));
  });
});
