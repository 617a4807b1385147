/**
 * Deffuant consensus threshold.
 *
 * Question: on a connected network with opinions uniform on [0, 1], does
 * Deffuant bounded confidence reach complete consensus exactly when the
 * confidence bound ε exceeds 1/2, whatever the topology (Fortunato, "Universality of the threshold for
 * complete consensus for the opinion dynamics of Deffuant et al.", Int. J.
 * Mod. Phys. C 15, 1301–1307, 2004)?
 *
 * Setting: a Price preferential-attachment network (each newcomer follows
 * m = 3 earlier accounts, so the network is connected and heavy-tailed, one
 * of Fortunato's topologies); μ = 0.5; the run stops when no pair across an
 * edge can move by more than 10⁻⁶. ε is swept across 1/2 and every ε of a
 * replicate starts from the same network and the same initial opinions
 * (common random numbers), so the consensus curve is paired.
 *
 * Outcomes: `consensus` (1 when all agents end in one cluster; its mean over
 * replicates is the share of runs reaching consensus, Fortunato's P_c),
 * `opinion.clusters` (effective number of clusters, 1/Σ s_c²), the largest
 * cluster's share, and `steps` to convergence (one step = N pairwise
 * interactions). Expect P_c ≈ 0 well below 1/2, rising to 1 above it, more
 * sharply for larger N; about ⌊1/(2ε)⌋ large clusters below the threshold.
 */
import { defineExperiment } from '../src/experiment/define-experiment.js';

export default defineExperiment({
  id: 'deffuant-threshold',
  title: 'Deffuant consensus threshold at ε = 1/2',
  question:
    'On a connected network with opinions uniform on [0, 1], does Deffuant bounded confidence reach complete consensus exactly when ε exceeds 1/2 (Fortunato 2004)?',
  model: 'deffuant',
  network: { kind: 'preferential-attachment', params: { n: 2000, m: 3 } },
  base: { mu: 0.5 },
  vary: { epsilon: [0.3, 0.35, 0.4, 0.45, 0.475, 0.5, 0.525, 0.55, 0.6, 0.7] },
  replicates: 50,
  steps: 20_000,
  // Runs converge within a few hundred steps: sample densely.
  sampleEvery: 5,
  metrics: ['opinion.clusters', 'opinion.variance'],
  outcomes: ['consensus', 'largest-cluster'],
  seed: 'fortunato-2004',
  quick: { replicates: 4, base: { 'network.n': 300 }, vary: { epsilon: [0.3, 0.45, 0.5, 0.55, 0.7] } },
});
