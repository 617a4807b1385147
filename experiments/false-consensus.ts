/**
 * False consensus.
 *
 * Question: how common does each account think its own side is, judging by
 * what its feed shows, next to the true share — under a reverse-chronological
 * feed and under a similarity-ranked feed (Ross, Greene & House 1977's false
 * consensus, with the feed as the sample)?
 *
 * 40 % of the humans lean right (opinion > 0), 60 % left, in a follow
 * network with no homophily, so a chronological feed samples roughly the
 * population; the similarity ranker puts posts close to the reader's opinion
 * first and cuts the feed to 10 posts, so each side sees mostly itself.
 * Opinions are held fixed (`opinionRule: 'none'`) to measure perception
 * against a fixed truth.
 */
import { bounded } from '../src/report/outcome-kind.js';
import { defineScenario } from '../src/sim/platform/scenario.js';

const RIGHT_SHARE = 0.4;

export default defineScenario({
  id: 'false-consensus',
  title: 'False consensus: perceived vs true share of one\'s own side',
  question:
    'Judging by its feed, how common does each account think its own side is, next to the true share, under reverse-chronological vs similarity ranking?',
  lookFor:
    'the false-consensus gap (perceived minus true share of one\'s own side) near 0 with the chronological feed and clearly positive with the similarity ranker; the minority (right, 40 %) believing itself a majority under similarity ranking.',
  params: {
    agents: 2000,
    durationHours: 48,
    network: 'preferential-attachment',
    followsPerAccount: 30,
    opinionRule: 'none',
    unfollowProbability: 0,
    feedSize: 10,
    activityPerHour: 0.3,
  },
  quick: { agents: 500, durationHours: 12 },
  arms: {
    chronological: { description: 'Reverse-chronological feed.', params: { ranker: 'chronological' } },
    similarity: { description: 'Similarity-ranked feed (γ = 1.5).', params: { ranker: 'similarity' } },
  },
  prepare(platform, context) {
    // Same draw in both arms: who leans right, and by how much.
    const a = platform.world.agents;
    const r = context.rng.fork('sides');
    for (let i = 0; i < a.n; i++) {
      if (a.bot[i] !== 0) continue;
      const side = r.next() < RIGHT_SHARE ? 0.5 : -0.5;
      a.opinion[i] = Math.max(-1, Math.min(1, side + 0.25 * r.normal()));
    }
  },
  outcomes(platform) {
    const a = platform.world.agents;
    const summary = platform.observer.perception[platform.observer.perception.length - 1];
    // Per side: the mean perceived share of one's own side.
    const sum = [0, 0];
    const count = [0, 0];
    for (let i = 0; i < a.n; i++) {
      const total = a.seenLeft[i] + a.seenRight[i];
      if (a.bot[i] !== 0 || !(total > 0) || a.opinion[i] === 0) continue;
      const right = a.opinion[i] > 0 ? 1 : 0;
      sum[right] += (right ? a.seenRight[i] : a.seenLeft[i]) / total;
      count[right]++;
    }
    return {
      'false-consensus': summary.falseConsensus,
      'true-share-right': summary.trueShareRight,
      'perceived-own.right': count[1] > 0 ? sum[1] / count[1] : NaN,
      'perceived-own.left': count[0] > 0 ? sum[0] / count[0] : NaN,
      'perceived-share-right': summary.perceivedShareRight,
      'minority-thinks-majority': summary.majorityIllusion,
    };
  },
  outcomeHelp: {
    'false-consensus': 'Mean over humans of (perceived − true share of one\'s own side).',
    'true-share-right': 'True share of humans leaning right (opinion > 0).',
    'perceived-own.right': 'Mean share of right-leaning posts in the feeds of right-leaning humans.',
    'perceived-own.left': 'Mean share of left-leaning posts in the feeds of left-leaning humans.',
    'perceived-share-right': 'Mean over humans of the perceived share of right-leaning posts.',
    'minority-thinks-majority': 'Share of humans who perceive the global minority side as the majority.',
  },
  keyOutcomes: ['false-consensus', 'perceived-own.right', 'perceived-own.left', 'true-share-right'],
  outcomeKinds: {
    'false-consensus': bounded(-1, 1),
    'true-share-right': bounded(0, 1),
    'perceived-own.right': bounded(0, 1),
    'perceived-own.left': bounded(0, 1),
    'perceived-share-right': bounded(0, 1),
    'minority-thinks-majority': bounded(0, 1),
  },
});
