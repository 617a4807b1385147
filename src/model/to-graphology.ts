/**
 * CSR -> graphology, for analysis (Louvain, modularity) and display (Sigma).
 * Node keys are the decimal indices ("0", "1", ...) unless `ids` are given;
 * per-node arrays become attributes in one pass.
 *
 * Converting is the slow part of a Louvain run on a large network (about
 * 4 s of 5 at a million follows), so it can report how far it got: by work
 * done (nodes and edges added), never by the clock, and without touching
 * the graph it builds.
 */
import { Graph } from './graphology-interop.js';
import type { CsrGraph } from './csr-graph.js';

export type NodeAttributeArrays = Readonly<Record<string, ArrayLike<number> | ReadonlyArray<string | number | boolean>>>;

export interface ToGraphologyOptions {
  /** Node keys, one per index (default: the index as a string). */
  readonly ids?: ReadonlyArray<string>;
  /** Per-node values to copy as node attributes, e.g. `{ opinion: opinions }`. */
  readonly attributes?: NodeAttributeArrays;
  /**
   * Called with (items added, items in all), items being nodes then edges:
   * about every 1/200 of the work, and once at the end (done = total).
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Progress calls per conversion, at most (plus the last one). */
const PROGRESS_STEPS = 200;

export function toGraphology(csr: CsrGraph, options: ToGraphologyOptions = {}): Graph {
  const graph = new Graph({ type: csr.directed ? 'directed' : 'undirected', multi: false, allowSelfLoops: true });
  const ids = options.ids;
  if (ids && ids.length !== csr.n) {
    throw new RangeError(`model/to-graphology: \`ids\` has ${ids.length} entries for ${csr.n} nodes`);
  }
  const key = (i: number): string => (ids ? ids[i] : String(i));
  const attrs = Object.entries(options.attributes ?? {});
  for (const [name, values] of attrs) {
    if (values.length !== csr.n) throw new RangeError(`model/to-graphology: attribute \`${name}\` has ${values.length} values for ${csr.n} nodes`);
  }
  const onProgress = options.onProgress;
  const total = onProgress ? csr.n + csr.m : 0;
  const every = Math.max(1, Math.ceil(total / PROGRESS_STEPS));
  let done = 0;
  let next = every;
  const tick = (): void => {
    if (++done === next) {
      next += every;
      if (done < total) onProgress!(done, total);
    }
  };
  for (let i = 0; i < csr.n; i++) {
    const a: Record<string, unknown> = {};
    for (const [name, values] of attrs) a[name] = values[i];
    graph.addNode(key(i), a);
    if (onProgress) tick();
  }
  csr.forEachEdge((u, v) => {
    graph.addEdge(key(u), key(v));
    if (onProgress) tick();
  });
  onProgress?.(total, total);
  return graph;
}
