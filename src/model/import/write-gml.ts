/**
 * GML writer, the inverse of `parseGml`: dotted attribute names become nested
 * lists again (`graphics.x` -> `graphics [ x ... ]`), `name#2` a repeated key,
 * null values are left out. Strings escape `&`, `"` and `\` as character
 * entities, which every GML reader understands; ids that are canonical
 * integers are written as integers, other ids as strings. GML has no
 * booleans: they are written as 1 and 0, and infinities and NaN as INF, -INF
 * and NAN (the NetworkX convention).
 */
import { InputError } from '../errors.js';
import type { AttributeColumn, AttributeValue, ImportedNetwork } from './imported-network.js';
import { formatNumber } from './write-edge-list.js';

const MODULE = 'model/write-gml';
const KEY = /^[A-Za-z_][A-Za-z0-9_]*(#[0-9]+)?$/;

type GmlNetwork = Pick<ImportedNetwork, 'edges' | 'ids' | 'attributes' | 'edgeAttributes' | 'directed'> & {
  readonly graphAttributes?: Readonly<Record<string, AttributeValue>>;
};

export function writeGml(net: GmlNetwork): string {
  const out: string[] = ['graph ['];
  out.push(`  directed ${net.directed ? 1 : 0}`);
  const graphAttributes = Object.entries(net.graphAttributes ?? {}).filter(([name]) => name !== 'directed');
  writeEntries(out, '  ', graphAttributes.map(([name, value]) => [path(name, 'graphAttributes'), value]));

  const nodeColumns = columns(net.attributes, 'attributes', ['id']);
  for (let i = 0; i < net.edges.n; i++) {
    out.push('  node [', `    id ${formatId(net.ids[i])}`);
    writeEntries(out, '    ', nodeColumns.map(([p, column]) => [p, column[i]]));
    out.push('  ]');
  }
  const edgeColumns = columns(net.edgeAttributes, 'edgeAttributes', ['source', 'target']);
  const { src, dst, m } = net.edges;
  for (let e = 0; e < m; e++) {
    out.push('  edge [', `    source ${formatId(net.ids[src[e]])}`, `    target ${formatId(net.ids[dst[e]])}`);
    writeEntries(out, '    ', edgeColumns.map(([p, column]) => [p, column[e]]));
    out.push('  ]');
  }
  out.push(']');
  return `${out.join('\n')}\n`;
}

function columns(record: Readonly<Record<string, AttributeColumn>>, field: string, reserved: string[]): Array<[string[], AttributeColumn]> {
  return Object.entries(record).map(([name, column]) => {
    if (reserved.includes(name)) throw new InputError(`${MODULE}: the attribute name "${name}" is reserved in GML ${field === 'attributes' ? 'nodes' : 'edges'}`, { field });
    return [path(name, field), column];
  });
}

function path(name: string, field: string): string[] {
  const parts = name.split('.');
  for (const part of parts) {
    if (!KEY.test(part)) throw new InputError(`${MODULE}: the attribute name "${name}" is not a GML key (letters, digits, _; dots for nesting)`, { field });
  }
  return parts;
}

/** Write (path, value) pairs, opening and closing nested lists as consecutive paths share prefixes. */
function writeEntries(out: string[], indent: string, entries: Array<[string[], AttributeValue]>): void {
  // Group by first segment, keeping first-seen order, so `a.x` and `a.y` share one `a [ ]`.
  const groups = new Map<string, Array<[string[], Exclude<AttributeValue, null>]>>();
  for (const [p, value] of entries) {
    if (value === null || value === undefined) continue;
    const head = p[0];
    let group = groups.get(head);
    if (group === undefined) groups.set(head, (group = []));
    group.push([p.slice(1), value]);
  }
  for (const [head, group] of groups) {
    const key = head.replace(/#[0-9]+$/, '');
    for (const [rest, value] of group) {
      if (rest.length === 0) out.push(`${indent}${key} ${formatValue(value)}`);
    }
    const nested = group.filter(([rest]) => rest.length > 0);
    if (nested.length > 0) {
      out.push(`${indent}${key} [`);
      writeEntries(out, `${indent}  `, nested);
      out.push(`${indent}]`);
    }
  }
}

function formatValue(value: Exclude<AttributeValue, null>): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NAN';
    if (value === Infinity) return 'INF';
    if (value === -Infinity) return '-INF';
    return formatNumber(value);
  }
  return `"${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\\/g, '&#92;')}"`;
}

function formatId(id: string): string {
  return /^-?(0|[1-9][0-9]*)$/.test(id) && Number.isSafeInteger(Number(id)) && id !== '-0' ? id : formatValue(id);
}
