/**
 * Node attributes -> integer codes for metrics that take a categorical
 * attribute (`NetworkView.attribute`, 0/1 for binary metrics), e.g. polblogs'
 * `value` (0 = liberal, 1 = conservative) or karate's `club`.
 */
import { InputError } from '../errors.js';
import type { AttributeValue, ImportedNetwork } from './imported-network.js';

export interface LabelVectorOptions {
  /** Values in code order: the value categories[c] gets code c (default [0, 1]). */
  readonly categories?: ReadonlyArray<AttributeValue>;
  /** Code for nodes without the attribute (default: an error). */
  readonly missing?: number;
}

type Labelled = Pick<ImportedNetwork, 'ids' | 'attributes' | 'source'>;

/**
 * One code per node. Values match a category when they print the same
 * (`1` matches `"1"`; `true`/`false` count as 1/0), so numeric labels read
 * from text files work without conversion.
 */
export function labelVector(net: Labelled, attribute: string, options: LabelVectorOptions = {}): Int32Array {
  const column = columnOf(net, attribute);
  const categories = options.categories ?? [0, 1];
  const codes = new Map<string, number>();
  categories.forEach((c, i) => {
    const key = keyOf(c);
    if (!codes.has(key)) codes.set(key, i);
  });
  const out = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (value === null && options.missing !== undefined) {
      out[i] = options.missing;
      continue;
    }
    const code = codes.get(keyOf(value));
    if (code === undefined) {
      throw new InputError(
        `node "${net.ids[i]}" has ${attribute} = ${JSON.stringify(value)}: expected one of ${categories.map((c) => JSON.stringify(c)).join(', ')} (pass \`categories\` to map other values)`,
        { file: net.source, field: attribute },
      );
    }
    out[i] = code;
  }
  return out;
}

/** Codes 0..k−1 for the k distinct values, sorted (numbers ascending, then text); −1 where missing. */
export function categoryCodes(net: Labelled, attribute: string): { codes: Int32Array; categories: Array<string | number | boolean> } {
  const column = columnOf(net, attribute);
  const distinct = new Map<string, string | number | boolean>();
  for (const value of column) if (value !== null && !distinct.has(keyOf(value))) distinct.set(keyOf(value), value);
  const categories = [...distinct.values()].sort(compareValues);
  const index = new Map(categories.map((c, i) => [keyOf(c), i] as const));
  const codes = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) codes[i] = column[i] === null ? -1 : index.get(keyOf(column[i]))!;
  return { codes, categories };
}

function columnOf(net: Labelled, attribute: string): ReadonlyArray<AttributeValue> {
  const column = Object.prototype.hasOwnProperty.call(net.attributes, attribute) ? net.attributes[attribute] : undefined;
  if (column === undefined) {
    const known = Object.keys(net.attributes);
    throw new InputError(`no node attribute "${attribute}" (${known.length > 0 ? `attributes: ${known.join(', ')}` : 'the network has no node attributes'})`, {
      file: net.source,
      field: attribute,
    });
  }
  return column;
}

function keyOf(value: AttributeValue): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return value === null ? '\u0000null' : String(value);
}

function compareValues(a: string | number | boolean, b: string | number | boolean): number {
  const na = typeof a === 'string' ? NaN : Number(a);
  const nb = typeof b === 'string' ? NaN : Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
