/**
 * Coevolving voter model over the rewiring probability.
 *
 * Question: as the probability p that a disagreeing agent rewires its tie
 * (instead of copying its neighbour) grows, where does the network switch
 * from reaching consensus in one connected component to fragmenting into
 * two opinion-homogeneous components (Holme & Newman, PRE 74, 056108, 2006;
 * Vazquez, Eguíluz & San Miguel, PRL 100, 108702, 2008)?
 *
 * Setting: an Erdős–Rényi network with mean degree μ = 4, opinions 0/1 half
 * and half; a rewired tie goes to a uniformly random agent (the
 * "rewire-to-random" rule of Vazquez et al., whose pair approximation puts
 * the fragmentation transition at p_c = (μ − 2)/(μ − 1) = 2/3). A run ends
 * in the absorbing state (no discordant edge left) or at the step budget
 * (one step = N node updates). Every p of a replicate starts from the same
 * network and opinions.
 *
 * Outcomes: `minority-share` (final share of the less common opinion: near 0
 * below p_c, consensus; near the initial 1/2 above, frozen fragments),
 * `largest-component` (share of agents in the largest component: the giant
 * component survives below p_c and splits in two above), `discordant-share`
 * (active-link density, 0 once absorbed), `rewires`, and `steps`, the time
 * to the absorbing state (longest below p_c, where consensus time grows
 * with N; short above). Finite N smears the transition around 2/3.
 */
import { defineExperiment } from '../src/experiment/define-experiment.js';

export default defineExperiment({
  id: 'coevolving-voter-rewiring',
  title: 'Coevolving voter model: fragmentation transition over the rewiring probability',
  question:
    'As the rewiring probability p of the coevolving voter model grows, where does the network switch from consensus to fragmentation into opinion-homogeneous components (p_c = 2/3 at mean degree 4, Vazquez et al. 2008), and how long does it take to freeze?',
  model: 'coevolving-voter',
  network: { kind: 'erdos-renyi', params: { n: 4000, m: 8000 } },
  base: { rewireTo: 'random', initialShare: 0.5 },
  vary: { p: [0, 0.2, 0.4, 0.5, 0.55, 0.6, 0.63, 0.67, 0.7, 0.75, 0.8, 0.9, 1] },
  replicates: 20,
  steps: 200_000,
  sampleEvery: 10,
  metrics: ['opinion.mean'],
  outcomes: ['minority-share', 'largest-component', 'discordant-share', 'rewires'],
  seed: 'vazquez-2008',
  quick: { replicates: 3, base: { 'network.n': 400, 'network.m': 800 }, vary: { p: [0, 0.4, 0.67, 0.9] } },
});
