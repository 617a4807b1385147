/**
 * GraphML networks (graphml.graphdrawing.org) through graphology-graphml's
 * parser: `<key>` declarations with types and defaults, `<data>` values on
 * nodes and edges, `edgedefault` and per-edge `directed`, then
 * `fromGraphology`. Parsed strictly first, so malformed XML, edges to
 * undeclared nodes and non-numeric values of numeric keys are errors with a
 * file and line. Two gaps of the underlying parser are closed here: a key
 * without `attr.name` is named by its id, and `<default>` values get their
 * key's type like the data values do.
 */
import { Graph } from '../graphology-interop.js';
import * as graphml from 'graphology-graphml';
import { InputError } from '../errors.js';
import { fromGraphology } from '../from-graphology.js';
import { NUMBER, type AttributeColumn, type ImportedNetwork } from './imported-network.js';
import { checkNodesAndEdges, lineOf, parseXml } from './xml-document.js';

export interface GraphmlOptions {
  /** Name for messages (default `<graphml>`). */
  readonly file?: string;
  /** Read as directed or undirected (default: as the file declares). */
  readonly directed?: boolean;
  /** Node attributes to keep (default: all). */
  readonly attributes?: ReadonlyArray<string>;
}

const NUMERIC_TYPES = new Set(['int', 'long', 'float', 'double']);

interface KeySpec {
  readonly name: string;
  readonly type: string;
  readonly domain: string;
}

export function parseGraphml(text: string, options: GraphmlOptions = {}): ImportedNetwork {
  const file = options.file ?? '<graphml>';
  const doc = parseXml(text, file, 'graphml');
  if (doc.getElementsByTagName('graph').length === 0) throw new InputError('no <graph> element', { file });
  checkNodesAndEdges(doc, file);
  const keys = checkKeysAndData(doc, file);
  let graph: Graph;
  try {
    graph = graphml.parse(Graph, doc);
  } catch (err) {
    throw new InputError(`invalid GraphML: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
  if (graph.order === 0) throw new InputError('empty graph: no nodes', { file });
  const net = fromGraphology(graph, { directed: options.directed, attributes: options.attributes, source: file, format: 'graphml' });
  for (const spec of keys.values()) {
    if (spec.domain === 'node' || spec.domain === 'all') castDefaults(net.attributes[spec.name], spec.type);
    if (spec.domain === 'edge' || spec.domain === 'all') castDefaults(net.edgeAttributes[spec.name], spec.type);
  }
  return net;
}

/** Key declarations by id (naming unnamed keys by their id), and a check of every numeric data value. */
function checkKeysAndData(doc: Document, file: string): Map<string, KeySpec> {
  const keys = new Map<string, KeySpec>();
  for (const key of Array.from(doc.getElementsByTagName('key'))) {
    const id = key.getAttribute('id');
    if (id === null || id === '') throw new InputError('<key> without an id', { file, line: lineOf(key), field: 'id' });
    if (!key.getAttribute('attr.name')) key.setAttribute('attr.name', id);
    const domain = key.getAttribute('for') || 'node';
    if (domain === 'all') {
      // The underlying parser knows graph, node and edge keys only: declare an `all` key for nodes and for edges.
      const forEdges = key.cloneNode(true) as Element;
      forEdges.setAttribute('for', 'edge');
      key.setAttribute('for', 'node');
      key.parentNode?.insertBefore(forEdges, key.nextSibling);
    } else if (domain !== 'graph' && domain !== 'node' && domain !== 'edge') {
      // Keys of ports, hyperedges and the like describe nothing this importer reads.
      key.parentNode?.removeChild(key);
      continue;
    }
    const type = key.getAttribute('attr.type') || 'string';
    if (!NUMERIC_TYPES.has(type) && type !== 'boolean' && type !== 'string') {
      throw new InputError(`<key id="${id}"> has attr.type "${type}": expected boolean, int, long, float, double or string`, { file, line: lineOf(key), field: 'attr.type' });
    }
    keys.set(id, { name: key.getAttribute('attr.name')!, type, domain });
    for (const value of Array.from(key.getElementsByTagName('default'))) checkValue(value.textContent ?? '', type, id, value, file);
  }
  const data = doc.getElementsByTagName('data');
  for (let i = 0; i < data.length; i++) {
    const spec = keys.get(data[i].getAttribute('key') ?? '');
    if (spec !== undefined) checkValue(data[i].textContent ?? '', spec.type, data[i].getAttribute('key')!, data[i], file);
  }
  return keys;
}

function checkValue(text: string, type: string, key: string, element: Element, file: string): void {
  const t = text.trim();
  const ok = NUMERIC_TYPES.has(type) ? NUMBER.test(t) || /^[+-]?(INF|Infinity|NaN)$/i.test(t) : type === 'boolean' ? /^(true|false)$/i.test(t) : true;
  if (!ok) throw new InputError(`value "${text}" of key "${key}" is not a valid ${type}`, { file, line: lineOf(element), field: key });
}

function castDefaults(column: AttributeColumn | undefined, type: string): void {
  if (column === undefined) return;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (typeof v !== 'string') continue;
    if (NUMERIC_TYPES.has(type)) column[i] = Number(v.trim().replace(/^([+-]?)inf(inity)?$/i, '$1Infinity').replace(/^[+-]?nan$/i, 'NaN'));
    else if (type === 'boolean') column[i] = v.trim().toLowerCase() === 'true';
  }
}
