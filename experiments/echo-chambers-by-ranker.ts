/**
 * Echo-chamber emergence by ranker.
 *
 * Question: starting from the same two-camp network and the same accounts,
 * which feed ranker (reverse-chronological, engagement, similarity, bridging,
 * random) makes echo chambers grow: neighbours' leanings more alike, opinions
 * more polarised, the follow network more split along opinion sides, fewer
 * discordant posts seen?
 *
 * Mechanisms at work: bounded-confidence influence from concordant posts;
 * unfollowing the author of a discordant post seen (and following the author
 * of a concordant out-of-network post the feed showed, else a random
 * account). A ranker changes both what moves opinions and what triggers
 * unfollowing. With truncated feeds (the default 15 posts, more candidates
 * than slots for infrequent readers) the similarity ranker hides discordant
 * posts, so fewer unfollows happen; with untruncated feeds every in-network
 * post is seen under any ranker and the similarity ranker's out-of-network
 * picks act as concordant follow suggestions. Compare both by overriding
 * `feedSize` (e.g. 50 vs 5).
 */
import { bounded, COUNT } from '../src/report/outcome-kind.js';
import { computeMetrics } from '../src/sim/metrics/metrics-registry.js';
import { modularityOf } from '../src/sim/metrics/modularity.js';
import { RANKER_NAMES } from '../src/sim/platform/platform-params.js';
import { defineScenario, type ScenarioArm } from '../src/sim/platform/scenario.js';

const arms: Record<string, ScenarioArm> = Object.fromEntries(RANKER_NAMES.map((r) => [r, { description: `${r} feed`, params: { ranker: r } }]));

interface Probe {
  /** Posts shown to humans, and how many of them were discordant. */
  seen: number;
  discordant: number;
  startNlc: number;
}

export default defineScenario<Probe>({
  id: 'echo-chambers-by-ranker',
  title: 'Echo-chamber emergence by feed ranker',
  question:
    'From the same two-camp network and accounts, which feed ranker makes echo chambers grow: neighbour leaning correlation, opinion polarisation, a follow network split along opinion sides, fewer discordant posts seen?',
  lookFor:
    'the similarity and engagement rankers showing the fewest discordant posts; neighbour leaning correlation and side modularity rising from their start values under every ranker (unfollowing sorts the network); whether the similarity ranker sorts more or less than reverse-chronological depends on feed truncation (it hides discordant posts, so fewer unfollows): try feedSize 50 vs 5; the bridging and random rankers, which add out-of-network posts without hiding discordant ones, sort the network the most.',
  params: {
    agents: 1500,
    durationHours: 120,
    network: 'two-camps',
    homophily: 0.6,
    followsPerAccount: 20,
    initialOpinions: 'by-camp',
    activityPerHour: 0.5,
    unfollowProbability: 0.2,
    opinionRule: 'bounded-confidence',
    recommender: 'random',
  },
  quick: { agents: 400, durationHours: 24 },
  arms,
  defaultArm: 'chronological',
  prepare(platform) {
    const start = computeMetrics(['network.neighbor-leaning-correlation'], platform.networkView());
    const exposure: Probe = { seen: 0, discordant: 0, startNlc: start['network.neighbor-leaning-correlation'] };
    const previous = platform.hooks.onExpose;
    const w = platform.world;
    platform.hooks = {
      ...platform.hooks,
      onExpose: (reader, post, time) => {
        if (w.agents.bot[reader] === 0) {
          exposure.seen++;
          if (Math.abs(w.posts.stanceOf(post) - w.agents.opinion[reader]) >= w.agents.tolerance[reader]) exposure.discordant++;
        }
        previous?.(reader, post, time);
      },
    };
    return exposure;
  },
  outcomes(platform, exposure) {
    const w = platform.world;
    const opinions = w.agents.opinion;
    const view = { graph: w.graph, opinions };
    const m = computeMetrics(['network.neighbor-leaning-correlation', 'opinion.variance', 'opinion.bimodality'], view);
    const sides = Int32Array.from(opinions, (x) => (x > 0 ? 1 : 0));
    return {
      'neighbor-leaning': m['network.neighbor-leaning-correlation'],
      'neighbor-leaning.start': exposure.startNlc,
      'opinion.variance': m['opinion.variance'],
      'opinion.bimodality': m['opinion.bimodality'],
      'side-modularity': modularityOf(w.graph, sides),
      'discordant-seen': exposure.seen > 0 ? exposure.discordant / exposure.seen : 0,
      unfollows: platform.totals.unfollows,
    };
  },
  outcomeHelp: {
    'neighbor-leaning': 'Pearson correlation of each account\'s opinion with the mean opinion of whom it follows (Cinelli et al. 2021), at the end.',
    'neighbor-leaning.start': 'The same at the start (identical across arms of one seed).',
    'opinion.variance': 'Population variance of opinions at the end.',
    'opinion.bimodality': 'Sarle\'s bimodality coefficient of opinions (> 5/9 suggests two humps).',
    'side-modularity': 'Leicht–Newman modularity of the follow network partitioned by opinion side (> 0 vs ≤ 0) at the end.',
    'discordant-seen': 'Share of posts shown to humans whose stance was outside the reader\'s tolerance when shown.',
    unfollows: 'Unfollows (each replaced by a follow) over the run.',
  },
  keyOutcomes: ['neighbor-leaning', 'side-modularity', 'discordant-seen'],
  outcomeKinds: {
    'neighbor-leaning': bounded(-1, 1),
    'neighbor-leaning.start': bounded(-1, 1),
    'opinion.variance': bounded(0, 1),
    'side-modularity': bounded(-0.5, 1),
    'discordant-seen': bounded(0, 1),
    unfollows: COUNT,
  },
});
