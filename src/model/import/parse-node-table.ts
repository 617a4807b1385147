/**
 * A node table: delimited text with a header row, one row per node, an id
 * column and any number of attribute columns (e.g. `id,label,leaning`).
 * Numeric cells become numbers, empty cells null. It fixes the node order
 * and lets an edge list carry labels.
 */
import { InputError } from '../errors.js';
import { detectDelimiter, isBlankOrComment, lines, splitFields, type Delimiter } from './delimited-fields.js';
import { parseScalar, setField, type AttributeColumn } from './imported-network.js';

export interface NodeTableOptions {
  /** Name for messages (default `<nodes>`). */
  readonly file?: string;
  /** Column holding the node id (default `id` if present, else the first column). */
  readonly idColumn?: string;
  /** Field separator (default: detected from the header row). */
  readonly delimiter?: Delimiter | 'auto';
}

export interface NodeTable {
  readonly ids: string[];
  /** Line of each node's row, for messages. */
  readonly lines: Int32Array;
  readonly attributes: Record<string, AttributeColumn>;
}

export function parseNodeTable(text: string, options: NodeTableOptions = {}): NodeTable {
  const file = options.file ?? '<nodes>';
  let header: string[] | undefined;
  let idIndex = 0;
  let delimiter: Delimiter | undefined = options.delimiter === 'auto' ? undefined : options.delimiter;
  const ids: string[] = [];
  const rowLines: number[] = [];
  const cells: AttributeColumn[] = [];
  const seen = new Map<string, number>();
  for (const [line, number] of lines(text)) {
    if (isBlankOrComment(line)) continue;
    const where = { file, line: number };
    delimiter ??= detectDelimiter(line);
    const fields = splitFields(line, delimiter, where);
    if (header === undefined) {
      header = fields;
      const dup = header.find((name, i) => header!.indexOf(name) !== i);
      if (dup !== undefined) throw new InputError(`node table header names the column "${dup}" twice`, { ...where, field: dup });
      if (options.idColumn !== undefined) {
        idIndex = header.indexOf(options.idColumn);
        if (idIndex === -1) {
          throw new InputError(`node table has no id column "${options.idColumn}" (columns: ${header.join(', ')})`, { ...where, field: 'idColumn' });
        }
      } else {
        const i = header.findIndex((name) => name.toLowerCase() === 'id');
        idIndex = i === -1 ? 0 : i;
      }
      for (let c = 0; c < header.length; c++) if (c !== idIndex) cells.push([]);
      continue;
    }
    if (fields.length !== header.length) {
      throw new InputError(`malformed line: expected ${header.length} fields like the header, found ${fields.length}`, where);
    }
    const id = fields[idIndex];
    if (id === '') throw new InputError('malformed line: empty node id', { ...where, field: header[idIndex] });
    const earlier = seen.get(id);
    if (earlier !== undefined) throw new InputError(`node "${id}" is listed twice (first on line ${earlier})`, { ...where, field: header[idIndex] });
    seen.set(id, number);
    ids.push(id);
    rowLines.push(number);
    let k = 0;
    for (let c = 0; c < fields.length; c++) {
      if (c === idIndex) continue;
      cells[k++].push(fields[c] === '' ? null : parseScalar(fields[c]));
    }
  }
  if (header === undefined) throw new InputError('empty node table: no header row', { file });
  if (ids.length === 0) throw new InputError('empty node table: a header but no nodes', { file });
  const attributes: Record<string, AttributeColumn> = {};
  let k = 0;
  for (let c = 0; c < header.length; c++) if (c !== idIndex) setField(attributes, header[c], cells[k++]);
  return { ids, lines: Int32Array.from(rowLines), attributes };
}
