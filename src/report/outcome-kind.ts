/**
 * What kind of number an outcome is, which decides the interval that fits
 * it (outcome-interval.ts):
 *
 *   proportion  0 or 1 per run (consensus reached, converged): the mean over
 *               runs is a proportion, with a Wilson score interval;
 *   count       a non-negative integer per run (steps, reach): percentile
 *               bootstrap of the mean, never below 0;
 *   bounded     a value in [lower, upper] per run (a share, a correlation, a
 *               modularity): percentile bootstrap of the mean, inside the
 *               range;
 *   continuous  anything else: the Student-t interval of the mean.
 *
 * Where a kind comes from, first match wins: the scenario's `outcomeKinds`
 * (exact key or a `prefix*` pattern), the kinds of the built-in metrics and
 * columns below, then the values themselves: 0s and 1s only is a
 * proportion, else continuous (integers alone do not make a count: a continuous outcome
 * can take whole values, so counts are declared). The t interval of
 * consensus at ε = 0.45 was [−0.55, 1.05] with 2 runs; the Wilson interval
 * of 1 success in 2 is [0.09, 0.91].
 */
import type { Scenario } from '../sim/platform/scenario.js';

export type OutcomeKind =
  | { readonly kind: 'proportion' }
  | { readonly kind: 'count' }
  | { readonly kind: 'bounded'; readonly lower: number; readonly upper: number }
  | { readonly kind: 'continuous' };

export const PROPORTION: OutcomeKind = { kind: 'proportion' };
export const COUNT: OutcomeKind = { kind: 'count' };
export const CONTINUOUS: OutcomeKind = { kind: 'continuous' };

export function bounded(lower: number, upper: number): OutcomeKind {
  return { kind: 'bounded', lower, upper };
}

/**
 * Kinds of the registry metrics and the columns every run has. Opinions are
 * in [−1, 1] on the platform and in [0, 1] in most zoo models, so opinion
 * moments take the wider range; the bootstrap keeps an interval inside the
 * values seen anyway.
 */
export const BUILT_IN_KINDS: Readonly<Record<string, OutcomeKind>> = {
  converged: PROPORTION,
  consensus: PROPORTION,
  steps: COUNT,
  'largest-cluster': bounded(0, 1),
  'opinion.mean': bounded(-1, 1),
  'opinion.variance': bounded(0, 1),
  'opinion.clusters': bounded(1, Infinity),
  'opinion.esteban-ray': bounded(0, Infinity),
  'exposure.diversity': bounded(0, 1),
  'exposure.cross-cutting': bounded(0, 1),
  'network.neighbor-leaning-correlation': bounded(-1, 1),
  'network.opinion-assortativity': bounded(-1, 1),
  'network.modularity': bounded(-0.5, 1),
  'network.ei-index': bounded(-1, 1),
  'network.majority-illusion': bounded(0, 1),
  'network.communities': COUNT,
  'network.random-walk-controversy': bounded(-1, 1),
  'network.boundary-polarization': bounded(-0.5, 0.5),
  'network.betweenness-controversy': bounded(0, 1),
  'cascade.size': COUNT,
  'cascade.depth': COUNT,
  'cascade.max-breadth': COUNT,
};

/** A kind declared for `key` by exact name or by a `prefix*` pattern (the longest prefix wins). */
export function declaredKind(kinds: Readonly<Record<string, OutcomeKind>> | undefined, key: string): OutcomeKind | undefined {
  if (kinds === undefined) return undefined;
  if (Object.prototype.hasOwnProperty.call(kinds, key)) return kinds[key];
  let best: string | undefined;
  for (const pattern of Object.keys(kinds)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (key.startsWith(prefix) && (best === undefined || prefix.length > best.length - 1)) best = pattern;
  }
  return best === undefined ? undefined : kinds[best];
}

/**
 * The kind the values show: only 0s and 1s, both seen, a proportion; else
 * continuous. (A constant 1 may be a count or a score, not a yes: outcomes
 * that can be all yes or all no are declared, as `consensus` is.)
 */
export function inferredKind(values: readonly number[]): OutcomeKind {
  const finite = values.filter(Number.isFinite);
  return finite.includes(0) && finite.includes(1) && finite.every((v) => v === 0 || v === 1) ? PROPORTION : CONTINUOUS;
}

/** The kinds an experiment declares: its own `outcomeKinds` over its scenario's. */
export function declaredKinds(def: { readonly outcomeKinds?: Readonly<Record<string, OutcomeKind>>; readonly scenario?: Pick<Scenario, 'outcomeKinds'> }): Pick<Scenario, 'outcomeKinds'> {
  return { outcomeKinds: { ...(def.scenario?.outcomeKinds ?? {}), ...(def.outcomeKinds ?? {}) } };
}

/** The kind of outcome `key` (see the banner for the order of the sources). */
export function outcomeKindOf(key: string, values: readonly number[], scenario?: Pick<Scenario, 'outcomeKinds'>): OutcomeKind {
  return declaredKind(scenario?.outcomeKinds, key) ?? declaredKind(BUILT_IN_KINDS, key) ?? inferredKind(values);
}

/** The possible range of a kind: [0, 1], [0, ∞), [lower, upper] or (−∞, ∞). */
export function kindRange(kind: OutcomeKind): readonly [number, number] {
  if (kind.kind === 'proportion') return [0, 1];
  if (kind.kind === 'count') return [0, Infinity];
  if (kind.kind === 'bounded') return [kind.lower, kind.upper];
  return [-Infinity, Infinity];
}

/** The possible range of a paired difference of two values of a kind. */
export function differenceRange(kind: OutcomeKind): readonly [number, number] {
  const [lo, hi] = kindRange(kind);
  return [lo - hi, hi - lo];
}

/** How a kind is named in reports. */
export function describeKind(kind: OutcomeKind): string {
  if (kind.kind === 'bounded') return `bounded in ${kind.lower === -Infinity ? '(−∞' : `[${kind.lower}`}, ${kind.upper === Infinity ? '∞)' : `${kind.upper}]`}`;
  return kind.kind;
}
