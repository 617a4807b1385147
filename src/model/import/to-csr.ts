/**
 * Imported network -> the CSR follow graph the simulator and metrics use,
 * keeping ids and node attributes alongside. Reading a directed source as
 * undirected merges u→v and v→u into one tie; reading an undirected source
 * as directed makes every tie a mutual follow. Self-loops and repeated
 * records are dropped by default and counted in `graph.dropped`.
 */
import { CsrGraph, type CsrBuildOptions, type CsrDropped } from '../csr-graph.js';
import type { EdgeList } from '../edge-list.js';
import type { AttributeColumn, ImportedNetwork } from './imported-network.js';

export interface ToCsrOptions extends CsrBuildOptions {
  /** Build directed or undirected adjacency (default: as imported). */
  readonly directed?: boolean;
}

export interface CsrNetwork {
  readonly graph: CsrGraph;
  readonly ids: string[];
  readonly attributes: Record<string, AttributeColumn>;
  readonly dropped: CsrDropped;
}

export function toCsr(imported: ImportedNetwork, options: ToCsrOptions = {}): CsrNetwork {
  const { directed = imported.directed, ...build } = options;
  const graph = CsrGraph.fromEdgeList(withDirection(imported.edges, directed), build);
  return { graph, ids: imported.ids, attributes: imported.attributes, dropped: graph.dropped };
}

function withDirection(edges: EdgeList, directed: boolean): EdgeList {
  if (edges.directed === directed) return edges;
  if (!directed) return { ...edges, directed: false };
  const m = edges.m;
  const src = new Int32Array(2 * m);
  const dst = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    src[2 * e] = edges.src[e];
    dst[2 * e] = edges.dst[e];
    src[2 * e + 1] = edges.dst[e];
    dst[2 * e + 1] = edges.src[e];
  }
  return { n: edges.n, directed: true, src, dst, m: 2 * m };
}
