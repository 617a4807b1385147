/**
 * Source reliability.
 *
 * Question: does an engagement-ranked feed amplify low-reliability news
 * sources against a reverse-chronological one, and does downranking them by
 * reliability undo it? What does each feed do to cross-cutting exposure and
 * to polarisation?
 *
 * The mechanisms (src/sim/platform/outlets.ts): nine news outlets with
 * leans spread evenly over [−1, 1] and reliability 1 − 0.8·|lean| (0.29 at
 * the fringes, 1 at the centre; a modelling assumption: real ratings such
 * as NewsGuard's are not symmetric across sides). 60 % of original posts
 * link to an outlet, picked by nearness to the author's opinion (weight
 * exp(−|x − lean|/0.25)); a false claim's pick is further weighted by
 * 1 − reliability, so false claims link mostly to low-reliability outlets.
 * Four claims an hour come from the claim stream, half of them false.
 * Low-reliability outlets are those with reliability < 1/2 (the four at
 * |lean| ≥ 2/3).
 *
 * Arms, paired (same seed, same network and accounts):
 * - engagement: the March 2023 heavy-ranker weights (rankers.ts);
 * - engagement-downranked: the same with source-reliability downranking
 *   β = 0.8: a linked post's score × (1 − β(1 − r)), so the fringe outlets'
 *   posts score 0.43 of what they would;
 * - chronological: newest first (the control of the amplification ratio).
 *
 * Outcomes (metrics/*.ts state each formula):
 * - exposure diversity 1 − Σ p² over five stance bins, averaged over
 *   accounts; the cross-cutting share (Bakshy, Messing & Adamic, Science
 *   348, 2015): among partisan readers' exposures to partisan content
 *   (|stance| ≥ 0.2), the share from the other side;
 * - Esteban–Ray polarisation of the final opinions (Esteban & Ray,
 *   Econometrica 1994; α = 1, ten bins of [−1, 1]);
 * - the amplification ratio of low-reliability sources (Huszár et al., PNAS
 *   119(1), 2022): reach (humans shown at least one of their posts) per
 *   human, and impressions per human, in the arm divided by the same in a
 *   chronological control run from the same seed alongside the arm (the
 *   chronological arm's own ratio is 1 by construction).
 *
 * The real figures, and how they are scaled:
 * - Bakshy et al. (10.1 million US Facebook users, 2014): of the hard news
 *   their friends shared, 24 % (liberals) and 35 % (conservatives) was
 *   cross-cutting; of what News Feed showed them, 22 % and 33 %. Shares
 *   carry over; the simulated network's homophily (0.75 of follows within
 *   one's camp) sets the friends' share, the ranker the rest.
 * - Huszár et al. (a randomised ~1 % of Twitter accounts kept on a
 *   reverse-chronological timeline since 2016, against the ranked one): the
 *   ranked timeline amplified politicians' tweets and, in six of seven
 *   countries, the mainstream right more than the left. Here the control is
 *   not a 1 % sample but the same accounts on the same seed, so the ratio
 *   carries no between-group sampling error; it is a ratio, so it carries
 *   over from any population size.
 */
import { bounded } from '../src/report/outcome-kind.js';
import { amplificationRatio, type ExposureTotals } from '../src/sim/metrics/amplification-ratio.js';
import { computeMetrics } from '../src/sim/metrics/metrics-registry.js';
import { crossCuttingExposure } from '../src/sim/metrics/cross-cutting-exposure.js';
import type { ExposureLog } from '../src/sim/platform/exposure-log.js';
import { createPlatform, type Platform } from '../src/sim/platform/platform.js';
import { defineScenario } from '../src/sim/platform/scenario.js';

/** Outlets whose reliability is below this are "low-reliability". */
export const LOW_RELIABILITY = 0.5;
const BINS = 5;

/** Log exposures in five stance bins, and impressions and reach of low-reliability posts (group 0). */
export function logExposure(platform: Platform): ExposureLog {
  const w = platform.world;
  return platform.recordExposure({
    bins: BINS,
    groups: 1,
    groupOf: (post) => {
      const k = w.posts.source[post] - 1;
      return k >= 0 && w.outlets.reliability[k] < LOW_RELIABILITY ? 0 : -1;
    },
  });
}

/** The same run on a reverse-chronological feed without downranking (the control of the amplification ratio). */
function chronologicalControl(platform: Platform, seedKey: string): ExposureTotals {
  const control = createPlatform({ ...platform.world.params, ranker: 'chronological', sourceDownranking: 0 }, { seed: seedKey });
  const log = logExposure(control);
  control.run();
  return log.totals(0);
}

export default defineScenario<ExposureLog>({
  id: 'source-reliability',
  title: 'Source reliability: amplification of low-reliability outlets, and downranking them',
  question:
    'Does an engagement-ranked feed amplify low-reliability news sources against a reverse-chronological control (Huszár et al. 2022), and does source-reliability downranking undo it? What does each feed do to cross-cutting exposure (Bakshy et al. 2015: 22 % for liberals, 33 % for conservatives on Facebook) and to polarisation?',
  lookFor:
    'an amplification ratio of low-reliability sources above 1 under the engagement ranker (posts near the fringes draw engagement from their side) and closer to 1, or below, with downranking; the chronological arm at 1 by construction; cross-cutting shares well under one half on this homophilous network, the engagement ranker lowering them against the chronological feed.',
  params: {
    agents: 2000,
    durationHours: 48,
    network: 'two-camps',
    homophily: 0.75,
    followsPerAccount: 30,
    initialOpinions: 'by-camp',
    activityPerHour: 0.5,
    feedSize: 10,
    opinionRule: 'bounded-confidence',
    outlets: 9,
    outletLinkShare: 0.6,
    claimsPerHour: 4,
    claimFalseShare: 0.5,
  },
  quick: { agents: 600, durationHours: 24 },
  arms: {
    engagement: { description: 'Engagement-ranked feed (March 2023 heavy-ranker weights).', params: { ranker: 'engagement' } },
    'engagement-downranked': { description: 'The same with source-reliability downranking β = 0.8.', params: { ranker: 'engagement', sourceDownranking: 0.8 } },
    chronological: { description: 'Reverse-chronological feed (the control).', params: { ranker: 'chronological' } },
  },
  defaultArm: 'engagement',
  prepare: (platform) => logExposure(platform),
  outcomes(platform, log, context) {
    const view = platform.networkView();
    const m = computeMetrics(['exposure.diversity', 'opinion.esteban-ray'], view);
    const cross = crossCuttingExposure(view);
    const treated = log.totals(0);
    const chronological = platform.world.params.ranker === 'chronological' && platform.world.params.sourceDownranking === 0;
    const control = chronological ? treated : chronologicalControl(platform, context.seedKey);
    const amp = amplificationRatio(treated, control);
    return {
      diversity: m['exposure.diversity'],
      'cross-cutting': cross.share,
      'cross-cutting.left': cross.left,
      'cross-cutting.right': cross.right,
      'esteban-ray': m['opinion.esteban-ray'],
      'low-reliability.reach': treated.reached / treated.accounts,
      'low-reliability.impressions': treated.impressions / treated.accounts,
      'low-reliability.amplification.reach': amp.reach,
      'low-reliability.amplification.impressions': amp.impressions,
    };
  },
  outcomeHelp: {
    diversity: 'Mean over accounts of 1 − Σ p², p the shares of the posts it was shown in five stance bins of [−1, 1] (0: one bin only, 0.8: even).',
    'cross-cutting': 'Among partisan readers\' exposures to partisan posts (|stance| ≥ 0.2), the share from the other side (Bakshy et al. 2015: 22 % for liberals, 33 % for conservatives on Facebook).',
    'cross-cutting.left': 'The same over left-leaning readers (opinion < 0).',
    'cross-cutting.right': 'The same over right-leaning readers (opinion > 0).',
    'esteban-ray': 'Esteban–Ray polarisation of the final opinions: Σ_i Σ_j π_i² π_j |y_i − y_j| over ten opinion bins (α = 1); two equal camps at ±1 give 0.5.',
    'low-reliability.reach': 'Share of humans shown at least one post linking to a low-reliability outlet (reliability < 1/2).',
    'low-reliability.impressions': 'Impressions of posts linking to low-reliability outlets per human.',
    'low-reliability.amplification.reach': 'Amplification ratio (Huszár et al. 2022): low-reliability reach per human in this arm ÷ the same in a chronological control run from the same seed (1 in the chronological arm).',
    'low-reliability.amplification.impressions': 'The same ratio with impressions per human in place of reach.',
  },
  keyOutcomes: ['low-reliability.amplification.reach', 'low-reliability.amplification.impressions', 'cross-cutting', 'diversity', 'esteban-ray'],
  outcomeKinds: {
    diversity: bounded(0, 1),
    'cross-cutting': bounded(0, 1),
    'cross-cutting.left': bounded(0, 1),
    'cross-cutting.right': bounded(0, 1),
    'esteban-ray': bounded(0, 2),
    'low-reliability.reach': bounded(0, 1),
    'low-reliability.impressions': bounded(0, Infinity),
    'low-reliability.amplification.reach': bounded(0, Infinity),
    'low-reliability.amplification.impressions': bounded(0, Infinity),
  },
  figures: [
    'Bakshy et al. 2015 (10.1 million US Facebook users): cross-cutting hard news was 24 % (liberals) and 35 % (conservatives) of what friends shared, 22 % and 33 % of what News Feed showed: cross-cutting(.left/.right) is the same share, on a two-camp network with 75 % of follows inside one\'s camp.',
    'Huszár et al. 2022 (a randomised ~1 % of Twitter accounts on a reverse-chronological timeline): the ranked timeline amplified political content, the mainstream right more than the left in six of seven countries; here the control is the same accounts on the same seed, and the amplification ratio is a ratio of per-account rates, so it carries over from any population.',
    'Outlets: 9, reliability 1 − 0.8·|lean| (0.29 at the fringes); 60 % of originals link to one; low-reliability = reliability < 1/2.',
  ],
  metrics: ['exposure.diversity', 'exposure.cross-cutting'],
  finalMetrics: [],
});
