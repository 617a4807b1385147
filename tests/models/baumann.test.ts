import { describe, expect, it } from 'vitest';
import { ParamError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { createRun, runUntilConverged } from '../../src/sim/model.js';
import { BAUMANN_ID, baumann, type BaumannParams, type BaumannState } from '../../src/sim/models/baumann.js';
import { binomialBand, graphFromPairs, mean, range, ringGraph } from '../support/opinion-arbitraries.js';

/** Root of x = K tanh(α x) on (0, K] by bisection (K α > 1). */
function fixedPoint(K: number, alpha: number): number {
  let lo = 1e-9;
  let hi = K;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (mid - K * Math.tanh(alpha * mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Closed-form relaxation towards a fixed bot: x(t) = [x0 − c] e^(−t) + c, c = K tanh(α x_bot). */
function botRelaxation(x0: number, K: number, alpha: number, xBot: number, t: number): number {
  const c = K * Math.tanh(alpha * xBot);
  return (x0 - c) * Math.exp(-t) + c;
}

function steps(state: BaumannState, count: number): void {
  for (let s = 0; s < count; s++) baumann.step(state);
}

const allFixed = (n: number) => new Uint8Array(n).fill(1);

describe(BAUMANN_ID, () => {
  it('has the paper defaults and validates parameters, naming the field', () => {
    expect(baumann.validate()).toMatchObject({ K: 3, alpha: 3, beta: 3, m: 10, r: 0.5, gamma: 2.1, epsilon: 0.01, dt: 0.01 });
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ K: -1 }, 'K'],
      [{ alpha: Number.NaN }, 'alpha'],
      [{ beta: 40 }, 'beta'],
      [{ m: 0 }, 'm'],
      [{ m: 2.5 }, 'm'],
      [{ r: 1.1 }, 'r'],
      [{ epsilon: 0 }, 'epsilon'],
      [{ dt: 0 }, 'dt'],
      [{ network: 'lattice' }, 'network'],
      [{ contacts: 'some' }, 'contacts'],
      [{ initialOpinions: Float64Array.of(Infinity) }, 'initialOpinions'],
      [{ fixed: [1, 0] }, 'fixed'],
    ];
    for (const [params, field] of bad) {
      const call = () => baumann.validate(params as never);
      expect(call, field).toThrow(ParamError);
      expect(call, field).toThrow(`\`${field}\``);
    }
    const p = baumann.validate({ fixed: new Uint8Array(3) });
    expect(() => baumann.init(graphFromPairs(2, []), p, new Rng('k'))).toThrow(/fixed.*length 2/);
  });

  it('x* of the coupled pair solves x = K tanh(α x): 1.9187384098662013 for K = 2, α = 1.01', () => {
    expect(fixedPoint(2, 1.01)).toBeCloseTo(1.9187384098662013, 14);
  });

  it('two mutually coupled agents (static network) settle at x* to 1e-9', () => {
    const pair = graphFromPairs(2, [[0, 1]]);
    const state = createRun(baumann, pair, { network: 'static', K: 2, alpha: 1.01, tolerance: 1e-12, initialOpinions: Float64Array.of(1, 0.2) }, new Rng('pair'));
    const { converged } = runUntilConverged(baumann, state, { maxSteps: 10_000 });
    expect(converged).toBe(true);
    for (const x of state.opinions) expect(Math.abs(x - 1.9187384098662013)).toBeLessThan(1e-9);
  });

  it('two agents always active with one contact each (activity-driven) settle at x* too', () => {
    // ε = 1: both always active; each contacts the other; the reciprocal tie
    // already exists, so A stays binary (double counting would settle at
    // x = 4 tanh(1.01 x) instead).
    const pair = graphFromPairs(2, []);
    const state = createRun(baumann, pair, { K: 2, alpha: 1.01, epsilon: 1, m: 1, r: 1, initialOpinions: Float64Array.of(0.7, 0.1) }, new Rng('ad-pair'));
    steps(state, 4000);
    expect(state.edgeCount).toBe(2);
    for (const x of state.opinions) expect(Math.abs(x - 1.9187384098662013)).toBeLessThan(1e-9);
  });

  it('an agent following only a fixed bot relaxes as [x0 − K tanh(α x_bot)] e^(−t) + K tanh(α x_bot), to 1e-8', () => {
    const graph = graphFromPairs(2, [[0, 1]], true);
    const fixed = Uint8Array.of(0, 1);
    const state = createRun(baumann, graph, { network: 'static', initialOpinions: Float64Array.of(-0.5, 0.8), fixed }, new Rng('bot'));
    let t = 0;
    for (const until of [0.5, 1, 2, 5, 10]) {
      while (state.steps < Math.round(until / 0.01)) baumann.step(state);
      t = state.time;
      expect(t).toBeCloseTo(until, 12);
      expect(Math.abs(state.opinions[0] - botRelaxation(-0.5, 3, 3, 0.8, t))).toBeLessThan(1e-8);
      expect(state.opinions[1]).toBe(0.8);
    }
  });

  it('integrates with fourth-order accuracy (halving dt cuts the error about 16-fold)', () => {
    const graph = graphFromPairs(2, [[0, 1]], true);
    const errorAt = (dt: number) => {
      const state = createRun(baumann, graph, { network: 'static', dt, initialOpinions: Float64Array.of(-0.5, 0.8), fixed: Uint8Array.of(0, 1) }, new Rng('order'));
      steps(state, Math.round(1 / dt));
      return Math.abs(state.opinions[0] - botRelaxation(-0.5, 3, 3, 0.8, 1));
    };
    const ratio = errorAt(0.2) / errorAt(0.1);
    expect(ratio).toBeGreaterThan(12);
    expect(ratio).toBeLessThan(20);
  });

  it('draws activities with mean (1−γ)/(2−γ)·(1−ε^(2−γ))/(1−ε^(1−γ)) = 0.04085 for ε = 0.01, γ = 2.1', () => {
    const gamma = 2.1;
    const eps = 0.01;
    const m1 = ((1 - gamma) / (2 - gamma)) * ((1 - eps ** (2 - gamma)) / (1 - eps ** (1 - gamma)));
    const m2 = ((1 - gamma) / (3 - gamma)) * ((1 - eps ** (3 - gamma)) / (1 - eps ** (1 - gamma)));
    expect(m1).toBeCloseTo(0.04085, 5);
    const n = 200_000;
    const state = createRun(baumann, graphFromPairs(n, []), { network: 'static' }, new Rng('activity'));
    const se = Math.sqrt((m2 - m1 * m1) / n);
    expect(Math.abs(mean(state.activities) - m1)).toBeLessThan(4 * se);
    const [lo, hi] = range(state.activities);
    expect(lo).toBeGreaterThanOrEqual(eps);
    expect(hi).toBeLessThanOrEqual(1);
  });

  it('chooses contacts with probability ∝ |x_i − x_j|^(−β), without replacement', () => {
    // Opinions held fixed at (0, .1, .2, .4); everyone active (ε = 1), no
    // reciprocity. With β = 1 agent 0's weights are 10 : 5 : 2.5.
    const x0 = Float64Array.of(0, 0.1, 0.2, 0.4);
    const graph = graphFromPairs(4, []);
    const base: Partial<BaumannParams> = { beta: 1, epsilon: 1, r: 0, initialOpinions: x0, fixed: allFixed(4) };
    const one = createRun(baumann, graph, { ...base, m: 1 }, new Rng('one'));
    const hits = [0, 0, 0, 0];
    const runs = 3000;
    for (let s = 0; s < runs; s++) {
      baumann.step(one);
      for (let e = 0; e < one.edgeCount; e++) if (one.sender[e] === 0) hits[one.receiver[e]]++;
    }
    expect(hits[0]).toBe(0);
    const p = [0, 4 / 7, 2 / 7, 1 / 7];
    for (let j = 1; j < 4; j++) expect(Math.abs(hits[j] / runs - p[j])).toBeLessThan(binomialBand(p[j], runs));
    // m = 2: successive sampling gives P({1, 2}) = p1 p2/(1 − p1) + p2 p1/(1 − p2) = 64/105.
    const two = createRun(baumann, graph, { ...base, m: 2 }, new Rng('two'));
    let pair12 = 0;
    for (let s = 0; s < runs; s++) {
      baumann.step(two);
      const chosen = new Set<number>();
      for (let e = 0; e < two.edgeCount; e++) if (two.sender[e] === 0) chosen.add(two.receiver[e]);
      expect(chosen.size).toBe(2);
      if (chosen.has(1) && chosen.has(2)) pair12++;
    }
    expect(Math.abs(pair12 / runs - 64 / 105)).toBeLessThan(binomialBand(64 / 105, runs));
  });

  it('reciprocates a non-mutual contact with probability r and keeps A binary', () => {
    const n = 20;
    const state = createRun(baumann, graphFromPairs(n, []), { epsilon: 1, m: 1, r: 0.3, beta: 0, fixed: allFixed(n) }, new Rng('recip'));
    let eligible = 0;
    let reciprocated = 0;
    for (let s = 0; s < 500; s++) {
      baumann.step(state);
      // With everybody active and m = 1 the first n edges are the contacts.
      const seen = new Set<string>();
      for (let e = 0; e < state.edgeCount; e++) {
        const tie = `${state.receiver[e]}<-${state.sender[e]}`;
        expect(seen.has(tie)).toBe(false);
        seen.add(tie);
      }
      for (let e = 0; e < n; e++) if (!isMutual(state, e, n)) eligible++;
      reciprocated += state.edgeCount - n;
    }
    expect(Math.abs(reciprocated / eligible - 0.3)).toBeLessThan(binomialBand(0.3, eligible));
  });

  it("with contacts: 'graph' an agent only contacts its CSR neighbours", () => {
    const graph = ringGraph(30, 2);
    const state = createRun(baumann, graph, { contacts: 'graph', epsilon: 1, m: 2, r: 0 }, new Rng('graph'));
    for (let s = 0; s < 50; s++) {
      baumann.step(state);
      expect(state.edgeCount).toBe(60);
      for (let e = 0; e < state.edgeCount; e++) expect(graph.hasEdge(state.sender[e], state.receiver[e])).toBe(true);
    }
  });

  it('fixed agents keep their opinion on the temporal network', () => {
    const n = 60;
    const fixed = new Uint8Array(n);
    for (let i = 0; i < 6; i++) fixed[i] = 1;
    const state = createRun(baumann, graphFromPairs(n, []), { fixed }, new Rng('bots'));
    const x0 = state.opinions.slice(0, 6);
    steps(state, 200);
    expect(Array.from(state.opinions.slice(0, 6))).toEqual(Array.from(x0));
    expect(state.time).toBeCloseTo(2, 12);
  });

  it('is deterministic: same key, same trajectory; different key, different one', () => {
    const graph = graphFromPairs(150, []);
    const traj = (key: string) => {
      const state = createRun(baumann, graph, {}, new Rng(key));
      steps(state, 30);
      return Array.from(state.opinions);
    };
    expect(traj('a')).toEqual(traj('a'));
    expect(traj('a')).not.toEqual(traj('b'));
  });
});

/** Whether contact edge e (sender → receiver) is answered by a contact the other way. */
function isMutual(state: BaumannState, e: number, contacts: number): boolean {
  for (let f = 0; f < contacts; f++) if (state.sender[f] === state.receiver[e] && state.receiver[f] === state.sender[e]) return true;
  return false;
}
