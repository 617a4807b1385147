/**
 * Shared helpers for the network tests: statistical bounds with a stated
 * origin, edge sets and degree counts computed independently of the code
 * under test, and error capture.
 */
import { expect } from 'vitest';
import type { EdgeList } from '../../src/model/edge-list.js';
import { InputError, ParamError } from '../../src/model/errors.js';

/** [mean − zσ, mean + zσ] of a Binomial(trials, p) count. */
export function binomialBounds(trials: number, p: number, z = 5): [number, number] {
  const mean = trials * p;
  const sd = Math.sqrt(trials * p * (1 - p));
  return [mean - z * sd, mean + z * sd];
}

export function expectWithin(value: number, [lo, hi]: [number, number]): void {
  expect(value).toBeGreaterThanOrEqual(lo);
  expect(value).toBeLessThanOrEqual(hi);
}

/** "u v" keys of the used edges, normalised to u ≤ v when undirected. */
export function edgeKeys(edges: EdgeList): string[] {
  const keys: string[] = [];
  for (let e = 0; e < edges.m; e++) {
    const u = edges.src[e];
    const v = edges.dst[e];
    keys.push(edges.directed || u <= v ? `${u} ${v}` : `${v} ${u}`);
  }
  return keys;
}

export function countSelfLoops(edges: EdgeList): number {
  let c = 0;
  for (let e = 0; e < edges.m; e++) if (edges.src[e] === edges.dst[e]) c++;
  return c;
}

export function countRepeats(edges: EdgeList): number {
  const keys = edgeKeys(edges);
  return keys.length - new Set(keys).size;
}

/** Out- and in-degrees; for undirected edges both equal the degree (a self-loop counts twice). */
export function degrees(edges: EdgeList): { out: Int32Array; in: Int32Array } {
  const out = new Int32Array(edges.n);
  const inn = new Int32Array(edges.n);
  for (let e = 0; e < edges.m; e++) {
    const u = edges.src[e];
    const v = edges.dst[e];
    if (edges.directed) {
      out[u]++;
      inn[v]++;
    } else {
      out[u]++;
      out[v]++;
    }
  }
  return { out, in: edges.directed ? inn : out };
}

export function expectAllInRange(edges: EdgeList): void {
  for (let e = 0; e < edges.m; e++) {
    const u = edges.src[e];
    const v = edges.dst[e];
    if (!(u >= 0 && u < edges.n && v >= 0 && v < edges.n)) throw new Error(`edge ${e} (${u} -> ${v}) outside [0, ${edges.n})`);
  }
}

export function sameEdges(a: EdgeList, b: EdgeList): boolean {
  if (a.m !== b.m || a.n !== b.n || a.directed !== b.directed) return false;
  for (let e = 0; e < a.m; e++) if (a.src[e] !== b.src[e] || a.dst[e] !== b.dst[e]) return false;
  return true;
}

/** The ParamError thrown by fn (fails the test if it throws anything else or nothing). */
export function paramError(fn: () => unknown): ParamError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParamError) return err;
    throw err;
  }
  throw new Error('expected a ParamError, nothing was thrown');
}

/** The InputError thrown by fn (fails the test if it throws anything else or nothing). */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError, nothing was thrown');
}
