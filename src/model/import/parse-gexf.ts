/**
 * GEXF networks (Gephi's format, gexf.net, versions 1.2 and 1.3) through
 * graphology-gexf's parser: typed node and edge attributes (`<attvalues>`),
 * labels, viz data and edge weights, then `fromGraphology`. The document is
 * parsed strictly first so that malformed XML and dangling edges are errors
 * with a file and line rather than a half-read graph.
 */
import { Graph } from '../graphology-interop.js';
import * as gexf from 'graphology-gexf';
import { InputError } from '../errors.js';
import { fromGraphology } from '../from-graphology.js';
import type { ImportedNetwork } from './imported-network.js';
import { checkNodesAndEdges, parseXml } from './xml-document.js';

export interface GexfOptions {
  /** Name for messages (default `<gexf>`). */
  readonly file?: string;
  /** Read as directed or undirected (default: as the file declares). */
  readonly directed?: boolean;
  /** Node attributes to keep (default: all). */
  readonly attributes?: ReadonlyArray<string>;
}

export function parseGexf(text: string, options: GexfOptions = {}): ImportedNetwork {
  const file = options.file ?? '<gexf>';
  const doc = parseXml(text, file, 'gexf');
  if (doc.getElementsByTagName('graph').length === 0) throw new InputError('no <graph> element', { file });
  checkNodesAndEdges(doc, file);
  let graph: Graph;
  try {
    graph = gexf.parse(Graph, doc, { allowUndeclaredAttributes: true });
  } catch (err) {
    throw new InputError(`invalid GEXF: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
  if (graph.order === 0) throw new InputError('empty graph: no nodes', { file });
  return fromGraphology(graph, { directed: options.directed, attributes: options.attributes, source: file, format: 'gexf' });
}
