/**
 * The shape shared by every model of the classic zoo: parameters with
 * defaults and validation, an initial state built on a CSR network from a
 * seeded stream, a step function, and a convergence test. A model's state is
 * plain typed arrays plus its own `Rng`, so two runs from the same key are
 * identical draw for draw.
 */
import type { CsrGraph } from '../model/csr-graph.js';
import type { Rng } from '../model/rng.js';

export interface ModelState {
  /** The network the model runs on (some models rewire it). */
  readonly graph: CsrGraph;
  /** Steps taken so far. */
  steps: number;
  /** Model time (in the model's time unit; equal to `steps` unless stated). */
  time: number;
}

export interface ModelDefinition<P extends object, S extends ModelState> {
  /** Registry name, kebab-case: `deffuant`, `hegselmann-krause`, ... */
  readonly id: string;
  readonly title: string;
  /** Short reference, e.g. "Deffuant et al., Adv. Complex Syst. 3 (2000)". */
  readonly citation: string;
  /** The opinion domain, e.g. "[0, 1]", "[−1, 1]", "ℝ", "{0, 1}", "states S/I/R". */
  readonly opinionDomain: string;
  /** What one call of `step` stands for, e.g. "N pairwise interactions". */
  readonly timeUnit: string;
  readonly defaults: Readonly<P>;
  /** Defaults, then checks: throws a ParamError naming the field, value and allowed range. */
  validate(params?: Partial<P>): P;
  init(graph: CsrGraph, params: P, rng: Rng): S;
  step(state: S): void;
  isConverged(state: S): boolean;
}

export interface RunOptions<S> {
  /** Stop after this many steps even if not converged (default 10,000). */
  readonly maxSteps?: number;
  /** Called after every step (observers, recording). */
  readonly onStep?: (state: S) => void;
}

export interface RunResult {
  readonly steps: number;
  readonly converged: boolean;
}

/** Step until `isConverged` or `maxSteps`; returns how it ended. */
export function runUntilConverged<P extends object, S extends ModelState>(
  model: ModelDefinition<P, S>,
  state: S,
  options: RunOptions<S> = {},
): RunResult {
  const maxSteps = options.maxSteps ?? 10_000;
  let taken = 0;
  while (taken < maxSteps) {
    if (model.isConverged(state)) return { steps: taken, converged: true };
    model.step(state);
    taken++;
    options.onStep?.(state);
  }
  return { steps: taken, converged: model.isConverged(state) };
}

/** Validate, init and return a state in one call. */
export function createRun<P extends object, S extends ModelState>(
  model: ModelDefinition<P, S>,
  graph: CsrGraph,
  params: Partial<P> | undefined,
  rng: Rng,
): S {
  return model.init(graph, model.validate(params), rng);
}

/** Identity helper that keeps a model's literal types (`defineModel({...})`). */
export function defineModel<P extends object, S extends ModelState>(def: ModelDefinition<P, S>): ModelDefinition<P, S> {
  return def;
}
