/**
 * graphology -> ImportedNetwork (and from there `toCsr`), the inverse of
 * `toGraphology`: what GEXF and GraphML readers, generators from the
 * graphology ecosystem and hand-built graphs go through to reach the typed
 * arrays the simulator runs on. One pass over nodes and one over edges.
 *
 * Node order is graphology's insertion order. A mixed graph is read as
 * directed, with each undirected edge as two arcs (both carry its attributes);
 * `directed: false` reads every edge as an undirected tie. Attribute values
 * that are objects (a GEXF colour, say) are kept as JSON text.
 */
import type { Graph } from './graphology-interop.js';
import { setField, type AttributeColumn, type AttributeValue, type ImportedNetwork, type NetworkFormat } from './import/imported-network.js';

export interface FromGraphologyOptions {
  /** Node attributes to keep (default: every attribute any node has). */
  readonly attributes?: ReadonlyArray<string>;
  /** Edge attributes to keep (default: every attribute any edge has). */
  readonly edgeAttributes?: ReadonlyArray<string>;
  /** Read as directed or undirected (default: undirected only for an undirected graph). */
  readonly directed?: boolean;
  /** Name for messages (default `<graphology>`). */
  readonly source?: string;
  readonly format?: NetworkFormat;
}

export function fromGraphology(graph: Graph, options: FromGraphologyOptions = {}): ImportedNetwork {
  const directed = options.directed ?? graph.type !== 'undirected';
  const n = graph.order;
  const ids: string[] = new Array(n);
  const index = new Map<string, number>();
  const attributes = new Columns(n, options.attributes);
  let i = 0;
  graph.forEachNode((key, attrs) => {
    ids[i] = key;
    index.set(key, i);
    attributes.add(i, attrs);
    i++;
  });

  // Undirected edges of a graph read as directed become two arcs.
  let arcs = 0;
  graph.forEachEdge((_key, _attrs, _s, _t, _sa, _ta, undirected) => {
    arcs += directed && undirected ? 2 : 1;
  });
  const src = new Int32Array(arcs);
  const dst = new Int32Array(arcs);
  const edgeAttributes = new Columns(arcs, options.edgeAttributes);
  let e = 0;
  graph.forEachEdge((_key, attrs, s, t, _sa, _ta, undirected) => {
    const u = index.get(s)!;
    const v = index.get(t)!;
    src[e] = u;
    dst[e] = v;
    edgeAttributes.add(e++, attrs);
    if (directed && undirected) {
      src[e] = v;
      dst[e] = u;
      edgeAttributes.add(e++, attrs);
    }
  });

  const graphAttributes: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(graph.getAttributes())) setField(graphAttributes, name, scalar(value));
  return {
    edges: { n, directed, src, dst, m: arcs },
    ids,
    attributes: attributes.build(),
    edgeAttributes: edgeAttributes.build(),
    graphAttributes,
    records: graph.size,
    directed,
    source: options.source ?? '<graphology>',
    format: options.format ?? 'graphology',
  };
}

function scalar(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return String(value);
  }
}

/** Columns for the requested names, or for every name seen, null where an item lacks one. */
class Columns {
  private readonly columns = new Map<string, AttributeColumn>();

  constructor(
    private readonly size: number,
    private readonly only?: ReadonlyArray<string>,
  ) {
    if (only) for (const name of only) this.columns.set(name, new Array<AttributeValue>(size).fill(null));
  }

  add(i: number, attrs: Record<string, unknown>): void {
    if (this.only) {
      for (const name of this.only) {
        if (Object.prototype.hasOwnProperty.call(attrs, name)) this.columns.get(name)![i] = scalar(attrs[name]);
      }
      return;
    }
    for (const name of Object.keys(attrs)) {
      let column = this.columns.get(name);
      if (column === undefined) {
        column = new Array<AttributeValue>(this.size).fill(null);
        this.columns.set(name, column);
      }
      column[i] = scalar(attrs[name]);
    }
  }

  build(): Record<string, AttributeColumn> {
    return Object.fromEntries(this.columns);
  }
}
