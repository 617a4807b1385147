/**
 * Sasahara's five regimes of influence and unfollowing.
 *
 * Question: starting from the same random follow network and opinions, how
 * do echo chambers depend on social influence and unfollowing — no
 * influence and no unfollowing, influence only, unfollowing only, both, and
 * both with a large tolerance (Sasahara, Chen, Peng, Ciampaglia, Flammini &
 * Menczer, "Social influence and unfollowing accelerate the emergence of
 * echo chambers", J. Comput. Soc. Sci. 4, 381–402, 2021)?
 *
 * Setting: the authors' defaults — N = 100 agents, 400 random directed
 * follows, screens of l = 10 messages, repost probability p = 0.5,
 * opinions uniform on [−1, 1], tolerance ε = 0.4 — and five arms (named
 * parameter sets of the experiment, swept as `arm`):
 *   no-influence-no-unfollow  μ = 0,   q = 0
 *   influence-only            μ = 0.5, q = 0
 *   unfollow-only             μ = 0,   q = 0.5
 *   influence-and-unfollow    μ = 0.5, q = 0.5
 *   large-tolerance           μ = 0.5, q = 0.5, ε = 1.2 (most messages concordant)
 * One step is one activation of a random agent; a run stops when the
 * authors' stationary test holds (every connected component within ε and
 * opinions settled) or after the budget (runs without unfollowing rarely
 * meet it). Every arm of a replicate starts from the same network and
 * opinions, so the arms' differences are paired.
 *
 * Outcomes: `network.neighbor-leaning-correlation` (Cinelli et al.'s
 * echo-chamber signature: an agent's opinion against the mean of whom it
 * follows), `opinion.clusters` (effective number of opinion clusters) and
 * `opinion.variance`. Expect: nothing changes without influence and
 * unfollowing (correlation ≈ 0, opinions spread); influence alone merges
 * opinions into a few clusters without sorting the network; unfollowing
 * alone sorts the network (high correlation) while opinions stay spread;
 * both give a few homogeneous, segregated echo chambers fastest; a large
 * tolerance gives one group (consensus; the correlation is then undefined,
 * NaN, as every opinion is the same).
 */
import { defineExperiment } from '../src/experiment/define-experiment.js';

export default defineExperiment({
  id: 'sasahara-regimes',
  title: "Sasahara's five regimes: influence, unfollowing, both, and a large tolerance",
  question:
    'From the same follow network and opinions, how do echo chambers (neighbour leaning correlation, opinion clusters, variance) depend on social influence and unfollowing: neither, influence only, unfollowing only, both, both with a large tolerance (Sasahara et al. 2021)?',
  model: 'sasahara',
  arms: {
    'no-influence-no-unfollow': { description: 'Neither mechanism: a control.', params: { mu: 0, q: 0 } },
    'influence-only': { description: 'Concordant messages pull opinions; nobody unfollows.', params: { mu: 0.5, q: 0 } },
    'unfollow-only': { description: 'Discordant accounts are unfollowed; opinions never move.', params: { mu: 0, q: 0.5 } },
    'influence-and-unfollow': { description: 'Both mechanisms (the authors\' defaults).', params: { mu: 0.5, q: 0.5 } },
    'large-tolerance': { description: 'Both mechanisms with ε = 1.2 on [−1, 1].', params: { mu: 0.5, q: 0.5, epsilon: 1.2 } },
  },
  base: { p: 0.5, screen: 10 },
  replicates: 20,
  steps: 50_000,
  sampleEvery: 500,
  metrics: ['network.neighbor-leaning-correlation', 'opinion.clusters', 'opinion.variance'],
  outcomes: ['largest-cluster', 'rewires'],
  seed: 'sasahara-2021',
  quick: { replicates: 2, steps: 8000, sampleEvery: 200 },
});
