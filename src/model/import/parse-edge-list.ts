/**
 * Edge-list reader: one edge per line, `source target [weight [more ...]]`,
 * separated by blanks, tabs or commas (CSV quoting allowed), `#` and `%`
 * comment lines, an optional header row. Node ids are arbitrary strings,
 * numbered in order of first appearance unless a node table fixes the nodes
 * (then edges naming any other node are an error, reported once for the
 * whole file: how many lines and ids, and the first one). The third column is
 * `weight` (numeric) unless a header names it; further columns are kept as
 * edge attributes.
 */
import { EdgeListBuilder } from '../edge-list.js';
import { InputError } from '../errors.js';
import { detectDelimiter, isBlankOrComment, lines, splitFields, type Delimiter } from './delimited-fields.js';
import { NUMBER, parseScalar, setField, type AttributeColumn, type AttributeValue, type ImportedNetwork } from './imported-network.js';
import { parseNodeTable } from './parse-node-table.js';

export interface EdgeListOptions {
  /** Name for messages (default `<edge list>`). */
  readonly file?: string;
  /** Whether `a b` means a follows b (default true) or a plain tie. */
  readonly directed?: boolean;
  /** First non-comment line is a header: forced, forbidden, or detected (default 'auto'). */
  readonly header?: boolean | 'auto';
  /** Field separator (default: detected from the first line). */
  readonly delimiter?: Delimiter | 'auto';
  /** A node table (text with a header row and an id column) giving the nodes and their attributes. */
  readonly nodes?: string;
  /** Name of the node table for messages (default `<nodes>`). */
  readonly nodesFile?: string;
  /** Id column of the node table (default `id`, else its first column). */
  readonly idColumn?: string;
}

/** Header names that mark the first line as a header when it holds them as its first two fields. */
const HEADER_NAMES = new Set([
  'source', 'target', 'src', 'dst', 'from', 'to', 'u', 'v', 'i', 'j', 'head', 'tail', 'node1', 'node2', 'id1', 'id2',
  'source_id', 'target_id', 'sourceid', 'targetid', 'follower', 'followee', 'followed', 'user', 'friend', 'weight',
]);

export function parseEdgeList(text: string, options: EdgeListOptions = {}): ImportedNetwork {
  const file = options.file ?? '<edge list>';
  const directed = options.directed ?? true;
  const headerMode = options.header ?? 'auto';
  let delimiter: Delimiter | undefined = options.delimiter === 'auto' ? undefined : options.delimiter;

  const table = options.nodes !== undefined ? parseNodeTable(options.nodes, { file: options.nodesFile, idColumn: options.idColumn }) : undefined;
  const index = new Map<string, number>();
  const ids: string[] = table ? table.ids : [];
  if (table) for (let i = 0; i < ids.length; i++) index.set(ids[i], i);

  // Look at the first two data lines before deciding on the header.
  const iter = lines(text);
  const pending: Array<[string[], number]> = [];
  while (pending.length < 2) {
    const r = iter.next();
    if (r.done) break;
    const [line, number] = r.value;
    if (isBlankOrComment(line)) continue;
    delimiter ??= detectDelimiter(line);
    pending.push([splitFields(line, delimiter, { file, line: number }), number]);
  }
  if (pending.length === 0) throw new InputError('empty graph: no edge lines', { file });
  let names: string[] | undefined;
  if (headerMode === true || (headerMode === 'auto' && looksLikeHeader(pending[0][0], pending[1]?.[0]))) {
    const [fields, number] = pending.shift()!;
    if (fields.length < 2) throw new InputError(`malformed header: expected at least 2 column names, found ${fields.length}`, { file, line: number });
    const dup = fields.find((name, i) => fields.indexOf(name) !== i);
    if (dup !== undefined) throw new InputError(`header names the column "${dup}" twice`, { file, line: number, field: dup });
    names = fields;
  }

  const extra: string[] = [];
  const columns: AttributeColumn[] = [];
  let width = 0;
  const out = new EdgeListBuilder(0, directed, Math.max(1024, Math.ceil(text.length / 16)));
  // With a node table, edges naming other nodes are counted over the whole file, then reported at once.
  let unknown: { id: string; field: string; line: number } | undefined;
  let unknownLines = 0;
  const unknownIds = new Set<string>();
  const nodeOf = (id: string, where: { file: string; line: number }, field: string): number => {
    if (id === '') throw new InputError(`malformed line: empty ${field} node id`, { ...where, field });
    let i = index.get(id);
    if (i === undefined) {
      if (table) {
        unknown ??= { id, field, line: where.line };
        unknownIds.add(id);
        return -1;
      }
      i = ids.length;
      ids.push(id);
      index.set(id, i);
    }
    return i;
  };
  const take = (fields: string[], number: number): void => {
    const where = { file, line: number };
    if (width === 0) {
      width = names ? names.length : fields.length;
      if (width < 2) throw new InputError(`malformed line: expected at least 2 fields (source target), found ${fields.length}`, where);
      for (let c = 2; c < width; c++) {
        extra.push(names ? names[c] : c === 2 ? 'weight' : `column${c + 1}`);
        columns.push([]);
      }
    }
    if (fields.length !== width) {
      throw new InputError(`malformed line: expected ${width} fields${names ? ' like the header' : ' like the first line'}, found ${fields.length}`, where);
    }
    const u = nodeOf(fields[0], where, 'source');
    const v = nodeOf(fields[1], where, 'target');
    if (u < 0 || v < 0) {
      unknownLines++;
      return;
    }
    for (let c = 2; c < width; c++) {
      const cell = fields[c];
      const name = extra[c - 2];
      let value: AttributeValue;
      if (name === 'weight') {
        if (!NUMBER.test(cell)) throw new InputError(`malformed weight "${cell}": expected a number`, { ...where, field: 'weight' });
        value = Number(cell);
      } else {
        value = cell === '' ? null : parseScalar(cell);
      }
      columns[c - 2].push(value);
    }
    out.push(u, v);
  };
  for (const [fields, number] of pending) take(fields, number);
  for (let r = iter.next(); !r.done; r = iter.next()) {
    const [line, number] = r.value;
    if (isBlankOrComment(line)) continue;
    take(splitFields(line, delimiter!, { file, line: number }), number);
  }
  if (unknown !== undefined) {
    const more = unknownLines > 1 || unknownIds.size > 1 ? `; ${unknownLines} edge line(s) name ${unknownIds.size} node id(s) missing from it, the first on line ${unknown.line}` : '';
    throw new InputError(`unknown node "${unknown.id}" (${unknown.field}): not in the node table ${options.nodesFile ?? '<nodes>'}${more}`, {
      file,
      line: unknown.line,
      field: unknown.field,
    });
  }
  if (out.m === 0) throw new InputError('empty graph: a header but no edge lines', { file });

  const built = out.build();
  const edgeAttributes: Record<string, AttributeColumn> = {};
  extra.forEach((name, c) => setField(edgeAttributes, name, columns[c]));
  return {
    edges: { n: ids.length, directed, src: built.src, dst: built.dst, m: built.m },
    ids,
    attributes: table ? table.attributes : {},
    edgeAttributes,
    graphAttributes: {},
    records: built.m,
    directed,
    source: file,
    format: 'edgelist',
  };
}

/**
 * A header either uses known column names for source and target, or is the
 * only row whose weight (third) or id columns are not numeric.
 */
function looksLikeHeader(first: string[], second: string[] | undefined): boolean {
  if (first.length >= 2 && HEADER_NAMES.has(first[0].toLowerCase()) && HEADER_NAMES.has(first[1].toLowerCase())) return true;
  if (second === undefined) return false;
  if (first.length >= 3 && second.length >= 3 && !NUMBER.test(first[2]) && NUMBER.test(second[2])) return true;
  return first.length >= 2 && second.length >= 2 && !NUMBER.test(first[0]) && !NUMBER.test(first[1]) && NUMBER.test(second[0]) && NUMBER.test(second[1]);
}
