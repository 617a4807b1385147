/**
 * What every network importer returns: the edges as node indices plus what is
 * needed to map them back to the source (node ids, node and edge attributes,
 * where it came from). Nodes are indexed in the order the source declares
 * them (GML/GEXF/GraphML node lists, an edge list's node table) or, for a
 * bare edge list, in order of first appearance.
 *
 * Edge records are kept as read, self-loops and repeats included, so counts
 * can be checked against the source; `toCsr` decides what to drop.
 */
import type { EdgeList } from '../edge-list.js';

/** One attribute value; null where a node or edge does not define it. */
export type AttributeValue = string | number | boolean | null;

/** One value per node (or per edge record), in index order. */
export type AttributeColumn = AttributeValue[];

export type NetworkFormat = 'edgelist' | 'gml' | 'gexf' | 'graphml' | 'graphology';

export interface ImportedNetwork {
  /** One entry per edge record, in source order (self-loops and repeats kept). */
  readonly edges: EdgeList;
  /** Source id of each node index. */
  readonly ids: string[];
  /** Node attributes by name, one value per node. */
  readonly attributes: Record<string, AttributeColumn>;
  /** Edge attributes by name, one value per entry of `edges` (e.g. `weight`). */
  readonly edgeAttributes: Record<string, AttributeColumn>;
  /** Attributes of the graph itself (GML `Creator`, a GEXF description, ...). */
  readonly graphAttributes: Record<string, AttributeValue>;
  /** Edge records read from the source (lines of an edge list, `edge` entries of GML). */
  readonly records: number;
  readonly directed: boolean;
  /** File name (or a description) the network was read from, for messages. */
  readonly source: string;
  readonly format: NetworkFormat;
}

/** A number when the text is a plain decimal or scientific number, otherwise the text. */
export function parseScalar(text: string): string | number {
  return NUMBER.test(text) ? Number(text) : text;
}

export const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Set record[name] as an own property even for names like `__proto__` that come from a file. */
export function setField<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}
