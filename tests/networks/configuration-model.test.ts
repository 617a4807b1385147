import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configurationModel } from '../../src/model/generators/configuration-model.js';
import { Rng } from '../../src/model/rng.js';
import { countRepeats, countSelfLoops, degrees, paramError, sameEdges } from './network-helpers.js';

const evenSum = fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 40 }).map((d) => {
  const total = d.reduce((s, x) => s + x, 0);
  if (total % 2 === 1) d[0]++;
  return d;
});

describe('configurationModel', () => {
  it('undirected multigraph reproduces the degree sequence exactly (a self-loop counts twice)', () => {
    fc.assert(
      fc.property(evenSum, fc.string({ minLength: 1 }), (seq, key) => {
        const { edges, selfLoops, multiEdges } = configurationModel({ degrees: seq }, new Rng(key));
        expect(edges.m).toBe(seq.reduce((s, x) => s + x, 0) / 2);
        expect(Array.from(degrees(edges).out)).toEqual(seq);
        expect(selfLoops).toBe(countSelfLoops(edges));
        expect(multiEdges).toBe(repeatedPairs(edges));
      }),
      { numRuns: 80 },
    );
  });

  it('erased variant: a simple graph, m reduced by what it reports, exact degrees when nothing was erased', () => {
    let exactCases = 0;
    fc.assert(
      fc.property(evenSum, fc.string({ minLength: 1 }), (seq, key) => {
        const { edges, selfLoops, multiEdges } = configurationModel({ degrees: seq, erased: true }, new Rng(key));
        const total = seq.reduce((s, x) => s + x, 0);
        expect(edges.m).toBe(total / 2 - selfLoops - multiEdges);
        expect(countSelfLoops(edges)).toBe(0);
        expect(countRepeats(edges)).toBe(0);
        const got = Array.from(degrees(edges).out);
        if (selfLoops + multiEdges === 0) {
          exactCases++;
          expect(got).toEqual(seq);
        } else {
          for (let i = 0; i < seq.length; i++) expect(got[i]).toBeLessThanOrEqual(seq[i]);
        }
      }),
      { numRuns: 80 },
    );
    expect(exactCases).toBeGreaterThan(0);
  });

  it('directed: out- and in-degree sequences exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 30 }), fc.string({ minLength: 1 }), (pairs, key) => {
        const out = pairs.map((p) => p[0]);
        const inn = pairs.map((p) => p[1]);
        const diff = out.reduce((s, x) => s + x, 0) - inn.reduce((s, x) => s + x, 0);
        if (diff > 0) inn[0] += diff;
        else out[0] -= diff;
        const { edges } = configurationModel({ outDegrees: out, inDegrees: inn }, new Rng(key));
        expect(edges.directed).toBe(true);
        const d = degrees(edges);
        expect(Array.from(d.out)).toEqual(out);
        expect(Array.from(d.in)).toEqual(inn);
      }),
      { numRuns: 60 },
    );
  });

  it('expected self-loops of a 4-regular sequence: n·C(4,2)/(S − 1) for S stubs', () => {
    // Each of a node's C(4,2) stub pairs is matched with probability 1/(S − 1) in a uniform matching.
    const n = 100;
    const reps = 400;
    const expected = (n * 6) / (4 * n - 1);
    let total = 0;
    const root = new Rng('loops');
    for (let r = 0; r < reps; r++) total += configurationModel({ degrees: new Array(n).fill(4) }, root.fork(String(r))).selfLoops;
    // The self-loop count is close to Poisson, variance ≈ mean: 5σ of the mean over reps.
    expect(Math.abs(total / reps - expected)).toBeLessThanOrEqual(5 * Math.sqrt(expected / reps));
  });

  it('same key gives identical edges, different keys differ', () => {
    const seq = Array.from({ length: 200 }, (_, i) => 1 + (i % 5));
    const a = configurationModel({ degrees: seq }, new Rng('a')).edges;
    expect(sameEdges(a, configurationModel({ degrees: seq }, new Rng('a')).edges)).toBe(true);
    expect(sameEdges(a, configurationModel({ degrees: seq }, new Rng('b')).edges)).toBe(false);
  });

  it('rejects bad parameters naming the field', () => {
    expect(paramError(() => configurationModel({ degrees: [1, 2, 2, 2] }, new Rng('x'))).field).toBe('degrees');
    expect(paramError(() => configurationModel({ degrees: [1, -1] }, new Rng('x'))).field).toBe('degrees[1]');
    expect(paramError(() => configurationModel({ outDegrees: [1, 1] }, new Rng('x'))).field).toBe('inDegrees');
    expect(paramError(() => configurationModel({ outDegrees: [1, 1], inDegrees: [1, 0] }, new Rng('x'))).field).toBe('inDegrees');
    expect(paramError(() => configurationModel({ outDegrees: [1, 1], inDegrees: [1, 1, 0] }, new Rng('x'))).field).toBe('inDegrees');
    expect(paramError(() => configurationModel({}, new Rng('x'))).field).toBe('outDegrees');
  });
});

/** Repeats of unordered non-loop pairs, counted with a plain Set. */
function repeatedPairs(edges: { src: Int32Array; dst: Int32Array; m: number }): number {
  const seen = new Set<string>();
  let repeats = 0;
  for (let e = 0; e < edges.m; e++) {
    const u = edges.src[e];
    const v = edges.dst[e];
    if (u === v) continue;
    const key = u < v ? `${u} ${v}` : `${v} ${u}`;
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  return repeats;
}
