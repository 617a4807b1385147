import { describe, expect, it } from 'vitest';
import type { CsrGraph } from '../../src/model/csr-graph.js';
import { ParamError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { createRun, runUntilConverged } from '../../src/sim/model.js';
import {
  ALGORITHMIC_BIAS_ID,
  algorithmicBias,
  algorithmicBiasInteract,
  type AlgorithmicBiasParams,
} from '../../src/sim/models/algorithmic-bias.js';
import { deffuant } from '../../src/sim/models/deffuant.js';
import { binomialBand, clusterSizes, completeGraph, graphFromPairs, mean, randomGraph } from '../support/opinion-arbitraries.js';

/** Effective number of clusters (Σ s)² / Σ s², as in Sîrbu et al. */
function effectiveClusters(x: Float64Array): number {
  const sizes = clusterSizes(x, 1e-2);
  return (x.length * x.length) / sizes.reduce((a, s) => a + s * s, 0);
}

function runAb(graph: CsrGraph, params: Partial<AlgorithmicBiasParams>, key: string, maxSteps: number) {
  const state = createRun(algorithmicBias, graph, params, new Rng(key));
  return { state, ...runUntilConverged(algorithmicBias, state, { maxSteps }) };
}

describe(ALGORITHMIC_BIAS_ID, () => {
  it('validates parameters, naming the field', () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ epsilon: 0 }, 'epsilon'],
      [{ epsilon: 1.2 }, 'epsilon'],
      [{ mu: 0.75 }, 'mu'],
      [{ gamma: -1 }, 'gamma'],
      [{ gamma: 80 }, 'gamma'],
      [{ tolerance: 1 }, 'tolerance'],
      [{ initialOpinions: Float64Array.of(2) }, 'initialOpinions'],
    ];
    for (const [params, field] of bad) {
      const call = () => algorithmicBias.validate(params as never);
      expect(call, field).toThrow(ParamError);
      expect(call, field).toThrow(`\`${field}\``);
    }
  });

  it('γ = 0 is Deffuant: identical trajectories from one key', () => {
    for (const graph of [completeGraph(60), randomGraph(200, 300, 'ab-g')]) {
      const a = createRun(algorithmicBias, graph, { gamma: 0, epsilon: 0.3, mu: 0.4 }, new Rng('same-draws'));
      const d = createRun(deffuant, graph, { epsilon: 0.3, mu: 0.4 }, new Rng('same-draws'));
      for (let s = 0; s < 30; s++) {
        algorithmicBias.step(a);
        deffuant.step(d);
      }
      expect(Array.from(a.opinions)).toEqual(Array.from(d.opinions));
    }
  });

  it('chooses the partner with probability ∝ |x_i − x_j|^(−γ)', () => {
    // Agent 0 follows 1, 2, 3 (who follow nobody), at distances .1, .2, .4;
    // with γ = 1 the weights are 10 : 5 : 2.5, i.e. 4/7, 2/7, 1/7. One
    // interaction per run; when agent 0 is drawn, the moved follower is the
    // partner. ε = .5 lets every pair interact.
    const graph = graphFromPairs(4, [[0, 1], [0, 2], [0, 3]], true);
    const x0 = Float64Array.of(0.5, 0.6, 0.7, 0.9);
    const hits = [0, 0, 0];
    let moves = 0;
    for (let s = 0; s < 6000; s++) {
      const state = createRun(algorithmicBias, graph, { gamma: 1, epsilon: 0.5, initialOpinions: x0 }, new Rng(`pick-${s}`));
      algorithmicBiasInteract(state, 1);
      for (let j = 1; j <= 3; j++) {
        if (state.opinions[j] !== x0[j]) {
          hits[j - 1]++;
          moves++;
        }
      }
    }
    // Agent 0 is drawn with probability 1/4.
    expect(Math.abs(moves / 6000 - 0.25)).toBeLessThan(binomialBand(0.25, 6000));
    const expected = [4 / 7, 2 / 7, 1 / 7];
    for (let j = 0; j < 3; j++) expect(Math.abs(hits[j] / moves - expected[j])).toBeLessThan(binomialBand(expected[j], moves));
  });

  it('bias fragments opinions where Deffuant reaches consensus (ε = 0.4, N = 100, complete graph)', () => {
    // Sîrbu et al.: at ε = 0.4 (⌊1/(2ε)⌋ = 1) plain Deffuant gives one cluster; with γ = 1.5
    // agents mostly talk to near-identical partners, clusters form locally and
    // merge very slowly, so after 100 iterations many remain. Paired seeds:
    // both arms start from the same opinions.
    const graph = completeGraph(100);
    for (let s = 0; s < 6; s++) {
      const plain = runAb(graph, { epsilon: 0.4, gamma: 0, tolerance: 1e-4 }, `frag-${s}`, 100);
      const biased = runAb(graph, { epsilon: 0.4, gamma: 1.5, tolerance: 1e-4 }, `frag-${s}`, 100);
      expect(effectiveClusters(plain.state.opinions)).toBeLessThan(1.5);
      expect(effectiveClusters(biased.state.opinions)).toBeGreaterThan(5);
      expect(biased.converged).toBe(false);
    }
  });

  it('bias slows convergence: γ = 1 needs more iterations than γ = 0 from the same start', () => {
    const graph = completeGraph(100);
    const plain: number[] = [];
    const biased: number[] = [];
    for (let s = 0; s < 8; s++) {
      const a = runAb(graph, { epsilon: 0.4, gamma: 0, tolerance: 1e-4 }, `slow-${s}`, 5000);
      const b = runAb(graph, { epsilon: 0.4, gamma: 1, tolerance: 1e-4 }, `slow-${s}`, 5000);
      expect(a.converged && b.converged).toBe(true);
      plain.push(a.steps);
      biased.push(b.steps);
    }
    // A loose band on the paper's "dramatic slowing down": at least 3× on average.
    expect(mean(biased)).toBeGreaterThan(3 * mean(plain));
  });

  it('is deterministic: same key, same trajectory; different key, different one', () => {
    const graph = completeGraph(40);
    const traj = (key: string) => {
      const state = createRun(algorithmicBias, graph, { gamma: 1.2, epsilon: 0.3 }, new Rng(key));
      for (let s = 0; s < 10; s++) algorithmicBias.step(state);
      return Array.from(state.opinions);
    };
    expect(traj('k')).toEqual(traj('k'));
    expect(traj('k')).not.toEqual(traj('k2'));
  });
});
