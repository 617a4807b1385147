/**
 * Edge-list writer, the inverse of `parseEdgeList`: one `source target
 * [attributes...]` line per edge record with an optional header row.
 * Refuses ids and values the chosen delimiter cannot carry (a blank inside a
 * blank-separated id, a line break anywhere) rather than writing a file that
 * reads back differently.
 */
import { InputError } from '../errors.js';
import { quoteField, type Delimiter } from './delimited-fields.js';
import type { AttributeValue, ImportedNetwork } from './imported-network.js';

export interface WriteEdgeListOptions {
  /** Field separator (default 'tab'). */
  readonly delimiter?: Delimiter;
  /** Write a `source target ...` header row (default true). */
  readonly header?: boolean;
  /** Edge attributes to write as extra columns (default: all). */
  readonly edgeAttributes?: ReadonlyArray<string>;
}

const MODULE = 'model/write-edge-list';

export function writeEdgeList(net: Pick<ImportedNetwork, 'edges' | 'ids' | 'edgeAttributes'>, options: WriteEdgeListOptions = {}): string {
  const delimiter = options.delimiter ?? 'tab';
  const sep = delimiter === 'tab' ? '\t' : delimiter === 'comma' ? ',' : ' ';
  const names = options.edgeAttributes ?? Object.keys(net.edgeAttributes);
  for (const name of names) {
    if (net.edgeAttributes[name] === undefined) throw new InputError(`${MODULE}: no edge attribute "${name}"`, { field: 'edgeAttributes' });
  }
  const out: string[] = [];
  if (options.header ?? true) out.push(['source', 'target', ...names].map((name) => cell(name, delimiter, 'header')).join(sep));
  const { src, dst, m } = net.edges;
  for (let e = 0; e < m; e++) {
    const fields = [cell(net.ids[src[e]], delimiter, 'ids', true), cell(net.ids[dst[e]], delimiter, 'ids', true)];
    for (const name of names) fields.push(cell(net.edgeAttributes[name][e], delimiter, name));
    out.push(fields.join(sep));
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

function cell(value: AttributeValue, delimiter: Delimiter, field: string, id = false): string {
  const text = value === null ? '' : typeof value === 'number' ? formatNumber(value) : String(value);
  const bad = (why: string): InputError => new InputError(`${MODULE}: cannot write ${JSON.stringify(text)} in a ${delimiter}-separated edge list: ${why}`, { field });
  if (/[\n\r]/.test(text)) throw bad('it contains a line break');
  if (id && text === '') throw bad('node ids cannot be empty');
  if (delimiter !== 'whitespace') return quoteField(text, delimiter);
  if (text === '') throw bad('empty fields need the comma or tab delimiter');
  if (/[ \t]/.test(text)) throw bad('it contains a blank');
  if (id && /^[#%]/.test(text)) throw bad('a line starting with # or % is a comment');
  return text;
}

/** Shortest text that reads back as the same double, with −0 kept. */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}
