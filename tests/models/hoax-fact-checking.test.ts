/**
 * Hoax with fact-checking: exact invariants (no verification and no
 * forgetting -> no fact-checkers appear unless seeded, believers never
 * leave; shares sum to 1), the mean-field threshold p_v* = 2α·p_f /
 * ((1−α)(1−p_f)) checked against the iterated mean-field map and, on a
 * complete graph, against simulations on both sides of it at two spreading
 * rates, determinism and parameter errors.
 */
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { completeGraph as generateComplete } from '../../src/model/generators/complete-graph.js';
import { InputError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { createRun, runUntilConverged } from '../../src/sim/model.js';
import {
  HOAX_BELIEVER,
  HOAX_FACT_CHECKER,
  HOAX_SUSCEPTIBLE,
  hoaxFactChecking,
  hoaxMeanFieldEquilibrium,
  hoaxMeanFieldStep,
  hoaxShares,
  hoaxVerifyThreshold,
  type HoaxShares,
} from '../../src/sim/models/hoax-fact-checking.js';

function randomDigraph(n: number, m: number, key: string): CsrGraph {
  const rng = new Rng(key);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    src[e] = rng.int(n);
    dst[e] = rng.int(n);
  }
  return CsrGraph.fromEdgeList({ n, directed: true, src, dst, m });
}

/** The complete undirected graph on n accounts (the project's generator). */
function completeGraph(n: number): CsrGraph {
  return CsrGraph.fromEdgeList(generateComplete({ n, directed: false }));
}

describe('hoax — exact invariants', () => {
  const graph = randomDigraph(500, 3000, 'hoax-graph');

  it('without verification and forgetting no fact-checker appears unless seeded, and believers only grow', () => {
    const state = createRun(hoaxFactChecking, graph, { beta: 0.6, alpha: 0.3, pVerify: 0, pForget: 0, believerCount: 5 }, new Rng('hoax-noverify'));
    let believers = state.believers;
    const run = runUntilConverged(hoaxFactChecking, state, {
      maxSteps: 2000,
      onStep: (s) => {
        expect(s.factCheckers).toBe(0);
        expect(s.believers).toBeGreaterThanOrEqual(believers);
        believers = s.believers;
      },
    });
    // The hoax spread (the check above is not vacuous) and the run ended in an absorbing state.
    expect(state.believers).toBeGreaterThan(100);
    expect(run.converged).toBe(true);
  });

  it('with seeded fact-checkers and no verification or forgetting, both camps only grow and nobody switches', () => {
    const state = createRun(
      hoaxFactChecking,
      graph,
      { beta: 0.6, alpha: 0.3, pVerify: 0, pForget: 0, believerCount: 5, factCheckerCount: 5 },
      new Rng('hoax-seeded'),
    );
    let prev = state.status.slice();
    runUntilConverged(hoaxFactChecking, state, {
      maxSteps: 2000,
      onStep: (s) => {
        for (let i = 0; i < prev.length; i++) if (prev[i] !== HOAX_SUSCEPTIBLE) expect(s.status[i]).toBe(prev[i]);
        prev = s.status.slice();
      },
    });
    expect(state.factCheckers).toBeGreaterThan(5);
  });

  it('shares sum to 1 and the counters match the states at every step', () => {
    const state = createRun(hoaxFactChecking, graph, { pVerify: 0.1, pForget: 0.2, believerCount: 20 }, new Rng('hoax-sum'));
    for (let t = 0; t < 200; t++) {
      hoaxFactChecking.step(state);
      const counts = [0, 0, 0];
      for (const s of state.status) counts[s]++;
      expect(counts).toEqual([state.susceptible, state.believers, state.factCheckers]);
      const sh = hoaxShares(state);
      expect(sh.susceptible + sh.believers + sh.factCheckers).toBeCloseTo(1, 12);
    }
  });
});

describe('hoax — the mean-field threshold', () => {
  const iterate = (p: { beta: number; alpha: number; pVerify: number; pForget: number }, steps: number): HoaxShares => {
    let d: HoaxShares = { susceptible: 0.98, believers: 0.01, factCheckers: 0.01 };
    for (let t = 0; t < steps; t++) d = hoaxMeanFieldStep(d, p);
    return d;
  };

  it('the closed-form threshold and equilibrium agree with the iterated mean-field map', () => {
    for (const [alpha, pForget] of [
      [0.5, 0.1],
      [0.3, 0.2],
      [0.7, 0.05],
    ]) {
      const star = hoaxVerifyThreshold(alpha, pForget);
      for (const beta of [0.2, 0.8]) {
        const below = { beta, alpha, pForget, pVerify: 0.9 * star };
        const above = { beta, alpha, pForget, pVerify: 1.1 * star };
        const eq = hoaxMeanFieldEquilibrium(below);
        const reached = iterate(below, 50_000);
        expect(eq.believers).toBeGreaterThan(0);
        expect(reached.believers).toBeCloseTo(eq.believers, 6);
        expect(reached.factCheckers).toBeCloseTo(eq.factCheckers, 6);
        expect(reached.susceptible).toBeCloseTo(eq.susceptible, 6);
        expect(iterate(above, 50_000).believers).toBeLessThan(1e-9);
        expect(hoaxMeanFieldEquilibrium(above).believers).toBe(0);
      }
    }
    // Limits stated by the model: α = 0 needs no verification, α = 1 cannot be stopped.
    expect(hoaxVerifyThreshold(0, 0.3)).toBe(0);
    expect(hoaxVerifyThreshold(1, 0.3)).toBe(Infinity);
  });

  // On a complete graph every susceptible node sees all believers and
  // fact-checkers, so the expected next shares are exactly the mean-field map;
  // N = 400 keeps fluctuations around the stationary shares at a few percent.
  // α = 0.5, p_f = 0.1: p_v* = 0.1 / 0.45 = 0.2222 for every β.
  const complete = completeGraph(400);
  const alpha = 0.5;
  const pForget = 0.1;

  for (const beta of [0.3, 0.7]) {
    it(`β = ${beta}: below the threshold (p_v = 0.1) believers persist at the mean-field share`, () => {
      const params = { beta, alpha, pForget, pVerify: 0.1, believerCount: 20 };
      const target = hoaxMeanFieldEquilibrium(params).believers;
      for (let r = 0; r < 3; r++) {
        const state = createRun(hoaxFactChecking, complete, params, new Rng(`hoax-below|${beta}|${r}`));
        let late = 0;
        for (let t = 0; t < 500; t++) {
          hoaxFactChecking.step(state);
          expect(state.believers).toBeGreaterThan(0);
          if (t >= 400) late += state.believers / 400;
        }
        // Time average over t ∈ [400, 500) versus s_B* (0.253 at β = 0.7, 0.217 at β = 0.3).
        expect(Math.abs(late / 100 - target)).toBeLessThan(0.04);
        expect(hoaxFactChecking.isConverged(state)).toBe(false);
      }
    });

    it(`β = ${beta}: above the threshold (p_v = 0.35) the hoax is removed`, () => {
      const params = { beta, alpha, pForget, pVerify: 0.35, believerCount: 20 };
      for (let r = 0; r < 3; r++) {
        const state = createRun(hoaxFactChecking, complete, params, new Rng(`hoax-above|${beta}|${r}`));
        const run = runUntilConverged(hoaxFactChecking, state, { maxSteps: 500 });
        expect(run.converged).toBe(true);
        expect(state.believers).toBe(0);
      }
    });
  }
});

describe('hoax — determinism and parameters', () => {
  const graph = randomDigraph(400, 2400, 'hoax-det-graph');
  const trajectory = (key: string) => {
    const state = createRun(hoaxFactChecking, graph, { believerCount: 10, factCheckerCount: 3 }, new Rng(key));
    const out: number[] = [];
    for (let t = 0; t < 100; t++) {
      hoaxFactChecking.step(state);
      out.push(state.believers, state.factCheckers);
    }
    return { out, status: Array.from(state.status) };
  };

  it('the same key gives an identical trajectory; a different key a different one', () => {
    const a = trajectory('hoax|1');
    expect(trajectory('hoax|1')).toEqual(a);
    expect(trajectory('hoax|2').status).not.toEqual(a.status);
  });

  it('seeds the requested numbers of believers and fact-checkers, disjointly', () => {
    const state = createRun(hoaxFactChecking, graph, { believerCount: 30, factCheckerCount: 40 }, new Rng('hoax-seeds'));
    let b = 0;
    let f = 0;
    for (const s of state.status) {
      if (s === HOAX_BELIEVER) b++;
      if (s === HOAX_FACT_CHECKER) f++;
    }
    expect([b, f]).toEqual([30, 40]);
  });

  it('rejects bad parameters with a ParamError naming the field', () => {
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).field;
      }
      return undefined;
    };
    expect(field(() => hoaxFactChecking.validate({ alpha: 1.5 }))).toBe('alpha');
    expect(field(() => hoaxFactChecking.validate({ beta: -1 }))).toBe('beta');
    expect(field(() => hoaxFactChecking.validate({ pVerify: 2 }))).toBe('pVerify');
    expect(field(() => hoaxFactChecking.validate({ pForget: Number.NaN }))).toBe('pForget');
    expect(field(() => hoaxFactChecking.validate({ believerCount: -1 }))).toBe('believerCount');
    expect(field(() => hoaxFactChecking.validate({ factCheckers: ['a'] } as never))).toBe('factCheckers');
    const init = (p: object) => () => createRun(hoaxFactChecking, graph, p as never, new Rng('x'));
    expect(field(init({ believers: [1, 2], factCheckers: [2] }))).toBe('factCheckers');
    expect(field(init({ believerCount: 401 }))).toBe('believerCount');
    expect(field(init({ believerCount: 300, factCheckerCount: 101 }))).toBe('factCheckerCount');
  });
});
