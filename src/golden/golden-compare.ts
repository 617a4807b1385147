/**
 * Comparing a recomputed golden record with the stored one. Strings (ids,
 * seeds, digests, trajectory hashes) and counts must be identical; metric
 * values agree when |a − b| ≤ 1e-12 · max(|a|, |b|) — the slack of a
 * compiler or engine reassociating a floating-point sum, far below any
 * change of a model — with NaN equal to NaN, ±Infinity equal only to
 * itself, and null (a metric a run did not produce) equal only to null.
 */
import type { GoldenRecord } from './golden-cases.js';

/** Relative tolerance of floating-point metrics. */
export const GOLDEN_RELATIVE_TOLERANCE = 1e-12;

/** The command that accepts an intended change of results. */
export const GOLDEN_UPDATE_COMMAND = 'npm run golden:update -- --reason "why"';

export type GoldenField = 'kind' | 'seed' | 'paramsDigest' | 'trajectoryHash' | 'count' | 'metric';

export interface Mismatch {
  /** Golden case id, e.g. `zoo.deffuant` or `experiment.brand-crisis`. */
  readonly caseId: string;
  readonly field: GoldenField;
  /** The metric or count name, or the field name for the other fields. */
  readonly name: string;
  /** undefined = absent on that side. */
  readonly old: string | number | null | undefined;
  readonly new: string | number | null | undefined;
}

/** Do two metric values agree (see the banner)? */
export function sameMetric(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === null || b === null) return a === b;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= GOLDEN_RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function union(a: object, b: object): string[] {
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!has(a, k)) keys.push(k);
  return keys;
}

/** Every difference between the stored record `old` and the recomputed `next` (empty = same results). */
export function compareGolden(old: GoldenRecord, next: GoldenRecord): Mismatch[] {
  const caseId = old.id;
  const out: Mismatch[] = [];
  for (const field of ['kind', 'seed', 'paramsDigest', 'trajectoryHash'] as const) {
    if (old[field] !== next[field]) out.push({ caseId, field, name: field, old: old[field], new: next[field] });
  }
  for (const k of union(old.counts, next.counts)) {
    const a = has(old.counts, k) ? old.counts[k] : undefined;
    const b = has(next.counts, k) ? next.counts[k] : undefined;
    if (a !== b) out.push({ caseId, field: 'count', name: k, old: a, new: b });
  }
  for (const k of union(old.metrics, next.metrics)) {
    const a = has(old.metrics, k) ? old.metrics[k] : undefined;
    const b = has(next.metrics, k) ? next.metrics[k] : undefined;
    if (!sameMetric(a, b)) out.push({ caseId, field: 'metric', name: k, old: a, new: b });
  }
  return out;
}

function show(v: string | number | null | undefined): string {
  if (v === undefined) return '(absent)';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  return Object.is(v, -0) ? '-0' : String(v);
}

/** One line naming the case, the metric, the old and new values, and how to accept an intended change. */
export function formatMismatch(m: Mismatch): string {
  const what = m.field === 'metric' ? `metric \`${m.name}\`` : m.field === 'count' ? `count \`${m.name}\`` : `\`${m.name}\``;
  let rel = '';
  if (typeof m.old === 'number' && typeof m.new === 'number' && Number.isFinite(m.old) && Number.isFinite(m.new) && m.old !== m.new) {
    rel = ` (relative difference ${(Math.abs(m.old - m.new) / Math.max(Math.abs(m.old), Math.abs(m.new))).toExponential(2)})`;
  }
  return (
    `golden ${m.caseId}: ${what} changed: old ${show(m.old)}, new ${show(m.new)}${rel}. ` +
    `If the change is intended, run \`${GOLDEN_UPDATE_COMMAND}\`, review \`git diff tests/golden\` and commit with the CHANGELOG.md line it adds.`
  );
}
