/**
 * GML networks (Himsolt 1997; the dialect of Newman's network collection,
 * NetworkX and igraph): `graph [ directed 1 node [ id 1 label "..." ... ]
 * edge [ source 1 target 2 ... ] ]`. Every node key other than `id` becomes
 * a node attribute (`label`, `value`, `source`, `club`, ...), nested lists
 * are flattened to dotted names (`graphics.x`), a key repeated inside one
 * node gets `#2`, `#3`, ... Edge keys other than `source`/`target` become
 * edge attributes; other graph keys (and top-level ones like `Creator`)
 * become graph attributes. `directed` defaults to 0, as the standard says.
 */
import { InputError } from '../errors.js';
import { parseGmlSyntax, type GmlEntry, type GmlList } from './gml-syntax.js';
import { setField, type AttributeColumn, type AttributeValue, type ImportedNetwork } from './imported-network.js';

export interface GmlOptions {
  /** Name for messages (default `<gml>`). */
  readonly file?: string;
  /** Override the file's `directed` flag (e.g. read a directed network as undirected ties). */
  readonly directed?: boolean;
}

export function parseGml(text: string, options: GmlOptions = {}): ImportedNetwork {
  const file = options.file ?? '<gml>';
  const root = parseGmlSyntax(text, file);
  const graphAttributes: Record<string, AttributeValue> = {};
  const graphs = root.filter((e) => e.key === 'graph');
  if (graphs.length === 0) throw new InputError('no "graph [ ... ]" list in the file', { file });
  if (graphs.length > 1) throw new InputError('a second "graph" list: expected one graph per file', { file, line: graphs[1].line });
  const graph = graphs[0];
  if (!Array.isArray(graph.value)) throw new InputError('"graph" must be a list "graph [ ... ]"', { file, line: graph.line, field: 'graph' });
  for (const entry of root) if (entry.key !== 'graph') flatten([entry], '', (name, value) => setField(graphAttributes, name, value));

  let fileDirected = false;
  const nodes: GmlEntry[] = [];
  const edgeEntries: GmlEntry[] = [];
  const rest: GmlList = [];
  for (const entry of graph.value) {
    if (entry.key === 'node' || entry.key === 'edge') {
      if (!Array.isArray(entry.value)) throw new InputError(`"${entry.key}" must be a list "${entry.key} [ ... ]"`, { file, line: entry.line, field: entry.key });
      (entry.key === 'node' ? nodes : edgeEntries).push(entry);
    } else if (entry.key === 'directed') {
      if (entry.value !== 0 && entry.value !== 1) {
        throw new InputError(`invalid "directed" (${JSON.stringify(entry.value)}): expected 0 or 1`, { file, line: entry.line, field: 'directed' });
      }
      fileDirected = entry.value === 1;
    } else {
      rest.push(entry);
    }
  }
  flatten(rest, '', (name, value) => setField(graphAttributes, name, value));
  const directed = options.directed ?? fileDirected;

  const n = nodes.length;
  const ids: string[] = new Array(n);
  const index = new Map<string, number>();
  const nodeLine = new Map<string, number>();
  const attributes = new Columns(n);
  for (let i = 0; i < n; i++) {
    const list = nodes[i].value as GmlList;
    const idEntry = list.find((e) => e.key === 'id');
    if (idEntry === undefined) throw new InputError('node without "id"', { file, line: nodes[i].line, field: 'id' });
    const id = idOf(idEntry, file);
    const earlier = nodeLine.get(id);
    if (earlier !== undefined) throw new InputError(`duplicate node id ${id} (first defined on line ${earlier})`, { file, line: idEntry.line, field: 'id' });
    nodeLine.set(id, idEntry.line);
    index.set(id, i);
    ids[i] = id;
    flatten(list, '', (name, value) => attributes.set(name, i, value), 'id');
  }

  const m = edgeEntries.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const edgeAttributes = new Columns(m);
  for (let e = 0; e < m; e++) {
    const list = edgeEntries[e].value as GmlList;
    src[e] = endpoint(list, 'source', edgeEntries[e].line);
    dst[e] = endpoint(list, 'target', edgeEntries[e].line);
    flatten(list, '', (name, value) => edgeAttributes.set(name, e, value), 'source', 'target');
  }
  if (n === 0) throw new InputError('empty graph: no nodes', { file, line: graph.line });

  return {
    edges: { n, directed, src, dst, m },
    ids,
    attributes: attributes.build(),
    edgeAttributes: edgeAttributes.build(),
    graphAttributes,
    records: m,
    directed,
    source: file,
    format: 'gml',
  };

  function endpoint(list: GmlList, key: 'source' | 'target', edgeLine: number): number {
    const entry = list.find((x) => x.key === key);
    if (entry === undefined) throw new InputError(`edge without "${key}"`, { file, line: edgeLine, field: key });
    const id = idOf(entry, file);
    const i = index.get(id);
    if (i === undefined) throw new InputError(`edge ${key} ${id} is not the id of any node`, { file, line: entry.line, field: key });
    return i;
  }
}

/** Node ids compare as text; numbers in canonical form unless too large for a double, then as written. */
function idOf(entry: GmlEntry, file: string): string {
  const v = entry.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) || !Number.isInteger(v)) return Number.isFinite(v) ? String(v) : (entry.raw ?? String(v));
    return (entry.raw ?? String(v)).replace(/^\+/, '');
  }
  throw new InputError(`"${entry.key}" must be a number or a string, not a list`, { file, line: entry.line, field: entry.key });
}

/** Visit the scalar entries of a list: nested lists as dotted names, repeats as name#2, name#3, ... */
function flatten(list: GmlList, prefix: string, visit: (name: string, value: AttributeValue) => void, ...skip: string[]): void {
  const seen: string[] = [];
  for (const entry of list) {
    if (prefix === '' && skip.includes(entry.key)) continue;
    let name = prefix + entry.key;
    let copies = 0;
    for (const s of seen) if (s === name) copies++;
    seen.push(name);
    if (copies > 0) name = `${name}#${copies + 1}`;
    if (Array.isArray(entry.value)) flatten(entry.value, `${name}.`, visit);
    else visit(name, entry.value);
  }
}

/** Attribute columns created on first sight, null where an item lacks the attribute. */
class Columns {
  private readonly columns = new Map<string, AttributeColumn>();

  constructor(private readonly size: number) {}

  set(name: string, i: number, value: AttributeValue): void {
    let column = this.columns.get(name);
    if (column === undefined) {
      column = new Array<AttributeValue>(this.size).fill(null);
      this.columns.set(name, column);
    }
    column[i] = value;
  }

  build(): Record<string, AttributeColumn> {
    return Object.fromEntries(this.columns);
  }
}
