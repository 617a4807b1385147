/**
 * CSR -> graphology, for analysis (Louvain, modularity) and display (Sigma).
 * Node keys are the decimal indices ("0", "1", ...) unless `ids` are given;
 * per-node arrays become attributes in one pass.
 */
import Graph from 'graphology';
import type { CsrGraph } from './csr-graph.js';

export type NodeAttributeArrays = Readonly<Record<string, ArrayLike<number> | ReadonlyArray<string | number | boolean>>>;

export interface ToGraphologyOptions {
  /** Node keys, one per index (default: the index as a string). */
  readonly ids?: ReadonlyArray<string>;
  /** Per-node values to copy as node attributes, e.g. `{ opinion: opinions }`. */
  readonly attributes?: NodeAttributeArrays;
}

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
  for (let i = 0; i < csr.n; i++) {
    const a: Record<string, unknown> = {};
    for (const [name, values] of attrs) a[name] = values[i];
    graph.addNode(key(i), a);
  }
  csr.forEachEdge((u, v) => {
    graph.addEdge(key(u), key(v));
  });
  return graph;
}
