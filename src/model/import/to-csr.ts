/**
 * Imported network -> the CSR follow graph the simulator and metrics use,
 * keeping ids and node attributes alongside. Reading a directed source as
 * undirected merges u→v and v→u into one tie; reading an undirected source
 * as directed makes every tie a mutual follow. Self-loops and repeated
 * records are dropped by default and counted in `graph.dropped`.
 */
import { CsrGraph, type CsrBuildOptions, type CsrDropped } from '../csr-graph.js';
import { csrWeights } from '../csr-weights.js';
import type { EdgeList } from '../edge-list.js';
import { InputError } from '../errors.js';
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

/**
 * The `weight` edge attribute of an imported network laid out on the CSR
 * graph built from it (NetworkView.weights), or undefined when the source
 * has no weights. Repeated records add up, as do u→v and v→u read as one
 * undirected tie; dropped self-loops lose theirs. Every record needs a
 * finite weight ≥ 0: anything else is an InputError naming the record.
 */
export function toCsrWeights(imported: ImportedNetwork, graph: CsrGraph): Float64Array | undefined {
  const column = Object.prototype.hasOwnProperty.call(imported.edgeAttributes, 'weight') ? imported.edgeAttributes.weight : undefined;
  if (column === undefined) return undefined;
  const m = imported.edges.m;
  const w = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const value = column[e];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      const u = imported.ids[imported.edges.src[e]];
      const v = imported.ids[imported.edges.dst[e]];
      throw new InputError(`invalid weight ${JSON.stringify(value)} on edge record ${e + 1} (${u} → ${v}): expected a finite number ≥ 0`, {
        file: imported.source,
        field: 'weight',
      });
    }
    w[e] = value;
  }
  const edges = withDirection(imported.edges, graph.directed);
  if (edges.m === m) return csrWeights(graph, edges, w);
  // An undirected source read as directed: each record became two arcs, each with the record's weight.
  const doubled = new Float64Array(2 * m);
  for (let e = 0; e < m; e++) doubled[2 * e] = doubled[2 * e + 1] = w[e];
  return csrWeights(graph, edges, doubled);
}
