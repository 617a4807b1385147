/**
 * The text form of golden records and stored distributions: JSON with a
 * fixed key order (fields in declaration order, metric and count names
 * sorted), one value per line so that a change reads as a small diff, and
 * numbers at full precision (JavaScript's shortest round-trip form). JSON has
 * no -0, NaN or Infinity, so those are written as the strings "-0", "NaN",
 * "Infinity" and "-Infinity" (metric values are otherwise numbers or null,
 * so a string is never ambiguous).
 */
import { InputError } from '../model/errors.js';
import type { GoldenRecord } from './golden-cases.js';

export function encodeNumber(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

export function decodeNumber(v: unknown, where: string): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === '-0') return -0;
  throw new InputError(`golden: ${where} is ${JSON.stringify(v)}: expected a number, null, "NaN", "Infinity", "-Infinity" or "-0"`, { field: where });
}

const sortedKeys = (o: object): string[] => Object.keys(o).sort();

function block(o: Readonly<Record<string, number | null>>): string {
  const keys = sortedKeys(o);
  if (keys.length === 0) return '{}';
  const lines = keys.map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(o[k] === null ? null : encodeNumber(o[k] as number))}`);
  return `{\n${lines.join(',\n')}\n  }`;
}

/** A record as its golden file's text (ends with a newline). */
export function encodeGolden(r: GoldenRecord): string {
  return (
    '{\n' +
    `  "id": ${JSON.stringify(r.id)},\n` +
    `  "kind": ${JSON.stringify(r.kind)},\n` +
    `  "seed": ${JSON.stringify(r.seed)},\n` +
    `  "paramsDigest": ${JSON.stringify(r.paramsDigest)},\n` +
    `  "trajectoryHash": ${JSON.stringify(r.trajectoryHash)},\n` +
    `  "counts": ${block(r.counts)},\n` +
    `  "metrics": ${block(r.metrics)}\n` +
    '}\n'
  );
}

function obj(v: unknown, where: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InputError(`golden: ${where} is not an object`, { field: where });
  return v as Record<string, unknown>;
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new InputError(`golden: ${where} is ${JSON.stringify(v)}: expected a string`, { field: where });
  return v;
}

/** Parse a golden file's text (InputError naming the file and field when malformed). */
export function decodeGolden(text: string, file = 'golden file'): GoldenRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`golden: not JSON: ${e instanceof Error ? e.message : String(e)}`, { file });
  }
  try {
    const o = obj(raw, 'record');
    const kind = str(o.kind, 'kind');
    if (kind !== 'zoo' && kind !== 'experiment') throw new InputError(`golden: kind is ${JSON.stringify(kind)}: expected "zoo" or "experiment"`, { field: 'kind' });
    const metrics: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(obj(o.metrics, 'metrics'))) metrics[k] = decodeNumber(v, `metrics.${k}`);
    const counts: Record<string, number> = {};
    for (const [k, v] of Object.entries(obj(o.counts, 'counts'))) {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new InputError(`golden: counts.${k} is ${JSON.stringify(v)}: expected an integer`, { field: `counts.${k}` });
      counts[k] = v;
    }
    return { id: str(o.id, 'id'), kind, seed: str(o.seed, 'seed'), paramsDigest: str(o.paramsDigest, 'paramsDigest'), trajectoryHash: str(o.trajectoryHash, 'trajectoryHash'), metrics, counts };
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, { file, field: e.field });
    throw e;
  }
}

// ---- stored distributions ----------------------------------------------------------

/** Significant digits of stored samples: they feed rank tests, not exact comparisons. */
export const SAMPLE_DIGITS = 6;

export function roundSample(x: number): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(SAMPLE_DIGITS)) : x;
}

export interface StoredDistribution {
  readonly id: string;
  /** Seed labels are `${prefix}-0` … `${prefix}-${count - 1}`. */
  readonly seedPrefix: string;
  readonly count: number;
  readonly digits: number;
  /** Metric -> one value per seed, rounded to `digits` significant digits. */
  readonly samples: Readonly<Record<string, readonly number[]>>;
}

/** A stored distribution as text: one metric per line, a constant metric as `{"constant": v}`. */
export function encodeDistribution(d: StoredDistribution): string {
  const lines = sortedKeys(d.samples).map((k) => {
    const xs = d.samples[k].map(roundSample);
    const first = xs[0];
    const constant = xs.length > 0 && xs.every((x) => Object.is(x, first) || (Number.isNaN(x) && Number.isNaN(first)));
    const body = constant ? `{"constant": ${JSON.stringify(encodeNumber(first))}}` : JSON.stringify(xs.map(encodeNumber));
    return `    ${JSON.stringify(k)}: ${body}`;
  });
  return (
    '{\n' +
    `  "id": ${JSON.stringify(d.id)},\n` +
    `  "seedPrefix": ${JSON.stringify(d.seedPrefix)},\n` +
    `  "count": ${d.count},\n` +
    `  "digits": ${d.digits},\n` +
    `  "samples": {\n${lines.join(',\n')}\n  }\n` +
    '}\n'
  );
}

export function decodeDistribution(text: string, file = 'distribution file'): StoredDistribution {
  try {
    const o = obj(JSON.parse(text) as unknown, 'distribution');
    const count = o.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new InputError(`golden: count is ${JSON.stringify(count)}: expected a positive integer`, { field: 'count' });
    const samples: Record<string, number[]> = {};
    for (const [k, v] of Object.entries(obj(o.samples, 'samples'))) {
      if (Array.isArray(v)) {
        if (v.length !== count) throw new InputError(`golden: samples.${k} has ${v.length} values: expected ${count}`, { field: `samples.${k}` });
        samples[k] = v.map((x, i) => decodeNumber(x, `samples.${k}[${i}]`) ?? NaN);
      } else {
        const c = decodeNumber(obj(v, `samples.${k}`).constant, `samples.${k}.constant`) ?? NaN;
        samples[k] = new Array<number>(count).fill(c);
      }
    }
    return { id: str(o.id, 'id'), seedPrefix: str(o.seedPrefix, 'seedPrefix'), count, digits: typeof o.digits === 'number' ? o.digits : SAMPLE_DIGITS, samples };
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, { file, field: e.field });
    throw new InputError(`golden: not JSON: ${e instanceof Error ? e.message : String(e)}`, { file });
  }
}
