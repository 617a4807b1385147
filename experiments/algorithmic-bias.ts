/**
 * Algorithmic bias over γ and ε.
 *
 * Question: when a recommender picks interaction partners with a bias γ
 * toward similar opinions, how do the number of opinion clusters and the
 * time to converge change with γ and the confidence bound ε (Sîrbu,
 * Pedreschi, Giannotti & Kertész, "Algorithmic bias amplifies opinion
 * fragmentation and polarization: A bounded confidence model", PLOS ONE 14(3),
 * e0213246, 2019)?
 *
 * Setting: the paper's — a complete graph of N = 100 agents, opinions uniform
 * on [0, 1], μ = 0.5; partner j of agent i chosen with probability
 * ∝ max(|x_i − x_j|, 10⁻⁵)^(−γ). γ = 0 is plain Deffuant. A run stops when no
 * pair can move by more than 10⁻⁶, or after the step budget (one step = N
 * interactions, the paper's "iteration"); every (γ, ε) of a replicate starts
 * from the same opinions.
 *
 * Outcomes: `opinion.clusters` (effective number of clusters), `steps` (the
 * convergence time) and `converged` (0 when the budget ran out: at γ ≥ 1.5
 * convergence takes longer than the budget, which is the paper's point —
 * convergence time grows steeply with γ). Expect more clusters and much
 * longer convergence as γ grows, the effect strongest at small ε; a
 * meaningful cluster count needs `converged` = 1.
 */
import { defineExperiment } from '../src/experiment/define-experiment.js';

export default defineExperiment({
  id: 'algorithmic-bias',
  title: 'Algorithmic bias: clusters and convergence time over γ and ε',
  question:
    'With a recommender that favours similar partners (bias γ), how do the number of opinion clusters and the convergence time change over γ and ε on a complete graph of 100 agents (Sîrbu et al. 2019)?',
  model: 'algorithmic-bias',
  network: { kind: 'complete', params: { n: 100 } },
  base: { mu: 0.5 },
  vary: { gamma: [0, 0.5, 1, 1.25, 1.5], epsilon: [0.1, 0.2, 0.3, 0.4, 0.5] },
  replicates: 10,
  steps: 10_000,
  sampleEvery: 50,
  metrics: ['opinion.clusters', 'opinion.variance'],
  outcomes: ['consensus', 'largest-cluster'],
  keyOutcomes: ['opinion.clusters', 'steps'],
  seed: 'sirbu-2019',
  quick: { replicates: 2, steps: 300, sampleEvery: 10, vary: { gamma: [0, 0.75, 1.5], epsilon: [0.2, 0.4] } },
});
