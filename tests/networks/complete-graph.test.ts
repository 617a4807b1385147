import { describe, expect, it } from 'vitest';
import { completeGraph } from '../../src/model/generators/complete-graph.js';
import { countRepeats, countSelfLoops, edgeKeys, paramError } from './network-helpers.js';

describe('completeGraph', () => {
  it('directed: n(n−1) edges, every ordered pair once', () => {
    const g = completeGraph({ n: 7, directed: true });
    expect(g.m).toBe(42);
    expect(countSelfLoops(g)).toBe(0);
    expect(countRepeats(g)).toBe(0);
    const keys = new Set(edgeKeys(g));
    for (let u = 0; u < 7; u++) for (let v = 0; v < 7; v++) if (u !== v) expect(keys.has(`${u} ${v}`)).toBe(true);
  });

  it('undirected: n(n−1)/2 edges, every unordered pair once', () => {
    const g = completeGraph({ n: 9, directed: false });
    expect(g.m).toBe(36);
    expect(g.directed).toBe(false);
    expect(countSelfLoops(g)).toBe(0);
    expect(countRepeats(g)).toBe(0);
  });

  it('handles 0 and 1 nodes', () => {
    expect(completeGraph({ n: 0 }).m).toBe(0);
    expect(completeGraph({ n: 1, directed: false }).m).toBe(0);
  });

  it('rejects bad parameters naming the field', () => {
    expect(paramError(() => completeGraph({ n: 2.5 })).field).toBe('n');
    expect(paramError(() => completeGraph({ n: 10, directed: 'yes' as unknown as boolean })).field).toBe('directed');
    expect(paramError(() => completeGraph({ n: 50_000, directed: true })).field).toBe('n');
  });
});
