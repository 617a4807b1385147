/**
 * Algorithmic bias fragments opinions: clusters at convergence over γ.
 *
 * Question: run to convergence, how many opinion clusters remain when a
 * recommender biases partner choice by γ toward similar opinions, for a few
 * confidence bounds ε (Sîrbu, Pedreschi, Giannotti & Kertész, "Algorithmic
 * bias amplifies opinion fragmentation and polarization: A bounded
 * confidence model", PLOS ONE 14(3), e0213246, 2019, Fig. 1)?
 *
 * Setting: the paper's — a complete graph of N = 100 agents, opinions uniform
 * on [0, 1], μ = 0.5; partner j of agent i chosen with probability
 * ∝ max(|x_i − x_j|, 10⁻⁵)^(−γ). Runs go until no pair can still move by
 * 10⁻⁶ or more (or the step budget, far above what γ ≤ 1.5 needs; one step =
 * N interactions). Partners are drawn with `sampler: 'sorted'`, the same
 * distribution as the default scan at a fraction of its cost, which is what
 * makes runs to convergence at γ = 1.5 (10⁵ steps and more) affordable.
 *
 * Outcomes: `opinion.clusters` (effective number of clusters, n² / Σ n_c²,
 * clusters cut at gaps > 0.01), `steps` (convergence time) and `converged`.
 * The paper's result (Fig. 1): for a given ε, more clusters at larger γ;
 * for ε > 0.4 always one cluster. Convergence time grows steeply with γ
 * (the paper's Fig. 3–4). Run all the way to the absorbing state, the
 * extra clusters are modest (a few tenths of a cluster at γ = 1, about half
 * a cluster at γ = 1.5; see README), much less than the growth of the
 * convergence time.
 */
import { defineExperiment } from '../src/experiment/define-experiment.js';

export default defineExperiment({
  id: 'algorithmic-bias-fragmentation',
  title: 'Algorithmic bias: clusters at convergence over γ (Sîrbu et al. 2019, Fig. 1)',
  question:
    'Run to convergence on a complete graph of 100 agents, how many opinion clusters remain as the algorithmic bias γ grows, for confidence bounds ε from 0.15 to 0.5 (Sîrbu et al. 2019, Fig. 1)?',
  model: 'algorithmic-bias',
  network: { kind: 'complete', params: { n: 100 } },
  base: { mu: 0.5, sampler: 'sorted' },
  vary: { gamma: [0, 0.5, 1, 1.25, 1.5], epsilon: [0.15, 0.2, 0.3, 0.4, 0.5] },
  replicates: 10,
  steps: 2_000_000,
  sampleEvery: 5_000,
  metrics: ['opinion.clusters'],
  outcomes: ['consensus', 'largest-cluster'],
  keyOutcomes: ['opinion.clusters', 'steps'],
  seed: 'sirbu-2019-fig1',
  quick: { replicates: 4, steps: 100_000, sampleEvery: 2_000, vary: { gamma: [0, 1], epsilon: [0.15, 0.3, 0.5] } },
});
