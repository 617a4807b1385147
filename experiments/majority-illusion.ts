/**
 * Majority illusion.
 *
 * Question: when a minority view (20 % of accounts) is held by the
 * most-followed accounts, how many accounts see it as the majority — in the
 * follow network (Lerman, Yan & Wu 2016: more than half of whom one follows
 * hold it) and in what their feeds actually show them — compared with the
 * same minority held by random accounts?
 *
 * Opinions do not move (`opinionRule: 'none'`) so perception is measured
 * against a fixed truth. The minority holds +0.5 and the majority −0.5 (with
 * a little spread); which accounts hold it is set before the run, the same
 * draw in both arms, only the choice of holders differs.
 */
import { bounded } from '../src/report/outcome-kind.js';
import { computeMetrics } from '../src/sim/metrics/metrics-registry.js';
import { defineScenario } from '../src/sim/platform/scenario.js';

const MINORITY = 0.2;

export default defineScenario({
  id: 'majority-illusion',
  title: 'Majority illusion: a minority held by hubs looks like a majority',
  question:
    'When a 20 % minority view is held by the most-followed accounts, how many accounts perceive it as the majority, from whom they follow and from what their feeds show, compared with the same minority held by random accounts?',
  lookFor:
    'with hubs holding the minority, a large share of accounts under the illusion both structurally (network.majority-illusion) and in perception (perceived share of the minority view > 1/2), and the mean perceived share far above the true 20 %; with random holders, perceived ≈ true and few accounts fooled.',
  params: {
    agents: 3000,
    durationHours: 24,
    network: 'preferential-attachment',
    followsPerAccount: 20,
    opinionRule: 'none',
    unfollowProbability: 0,
    activityPerHour: 0.3,
  },
  quick: { agents: 600, durationHours: 12 },
  arms: {
    'hubs-hold-minority': { description: 'The 20 % most-followed accounts hold the minority view.' },
    'random-minority': { description: 'A random 20 % of accounts hold the minority view.' },
  },
  prepare(platform, context) {
    const a = platform.world.agents;
    const g = platform.graph;
    const n = a.n;
    const k = Math.round(MINORITY * n);
    const holders =
      context.arm === 'random-minority'
        ? context.rng.fork('holders').sampleIndices(n, k)
        : Array.from({ length: n }, (_, i) => i)
            .sort((u, v) => g.inDegree(v) - g.inDegree(u) || u - v)
            .slice(0, k);
    const holds = new Uint8Array(n);
    for (const i of holders) holds[i] = 1;
    const noise = context.rng.fork('noise');
    for (let i = 0; i < n; i++) a.opinion[i] = Math.max(-1, Math.min(1, (holds[i] ? 0.5 : -0.5) + 0.1 * noise.normal()));
  },
  outcomes(platform) {
    const summary = platform.observer.perception[platform.observer.perception.length - 1];
    const view = platform.networkView();
    const structural = computeMetrics(['network.majority-illusion'], view);
    let toMinority = 0;
    let follows = 0;
    view.graph.forEachEdge((_, v) => {
      follows++;
      if (platform.world.agents.opinion[v] > 0) toMinority++;
    });
    return {
      'true-share': summary.trueShareRight,
      'perceived-share': summary.perceivedShareRight,
      'perceived-illusion': summary.majorityIllusion,
      'network-illusion': structural['network.majority-illusion'],
      'follows-to-minority': follows > 0 ? toMinority / follows : 0,
    };
  },
  outcomeHelp: {
    'true-share': 'Share of humans holding the minority view (opinion > 0).',
    'perceived-share': 'Mean over humans of the share of minority-view posts in what their feeds showed (decayed counts).',
    'perceived-illusion': 'Share of humans whose feeds showed the minority view as the majority.',
    'network-illusion': 'Share of accounts for which more than half of whom they follow hold the minority view (Lerman et al. 2016).',
    'follows-to-minority': 'Share of all follow links that point to a minority-view account.',
  },
  keyOutcomes: ['true-share', 'perceived-share', 'perceived-illusion'],
  outcomeKinds: {
    'true-share': bounded(0, 1),
    'perceived-share': bounded(0, 1),
    'perceived-illusion': bounded(0, 1),
    'network-illusion': bounded(0, 1),
    'follows-to-minority': bounded(0, 1),
  },
});
