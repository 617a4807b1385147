/**
 * Community notes: bridging against majority.
 *
 * Question: notes are written on claims and rated by the accounts shown
 * them, who rate a note on a claim of their own side as less helpful. Which
 * notes get shown, how fast, and how much do they cut the resharing of
 * false claims, when the notes are scored by the bridging model of X's
 * Community Notes or by simple majority?
 *
 * Sources. The scorer (src/sim/platform/bridging-scorer.ts) is the
 * published core model (Wojcik et al., "Birdwatch: crowd wisdom and
 * bridging algorithms can inform understanding and reduce the spread of
 * misinformation", arXiv 2210.15723, 2022; the Community Notes
 * documentation): r_un ≈ μ + i_u + i_n + f_u·f_n with one-dimensional
 * factors, minimising squared error + 0.15·(intercepts² incl. μ²) +
 * 0.03·(factors²), fitted by exact alternating least squares; a note is
 * shown when i_n ≥ 0.40 and |f_n| < 0.5, with at least 5 ratings. The
 * effect of a shown note: Chuai et al., "Community-based fact-checking
 * reduces the spread of misleading posts on social media" (arXiv
 * 2409.08781, 2024): over 237,677 noted cascades on X (431 million
 * reposts), displaying a note reduced the reposts of misleading posts by
 * 62.0 % on average (difference in differences), and notes often came too
 * late for the early, most viral stage. Here a shown note labels the claim
 * and its reshares, whose reshare probability is multiplied by 0.38
 * (`labelReshareFactor` = 1 − 0.62: their average reduction applied to
 * each later reshare decision, an approximation).
 *
 * Assumptions (no published figure used): a note is written on half of
 * the false claims (accurate notes) and on a fifth of the true ones
 * (mistaken notes, as not every proposed note is right), 2 hours after
 * the claim; an account shown the claim or a reshare of it rates its note
 * with probability 0.05 (once); an accurate note is rated helpful with
 * probability 0.5 by a rater on the claim's side (opinion of the sign of
 * its stance) and 0.9 by the other side, a mistaken note 0.1 and 0.9
 * (partisan raters endorse any note against the other side); notes are
 * scored every hour over all ratings so far (each fit starting from the
 * last one's rater factors and stopping at a 1e-5 relative change in the
 * loss, or 50 iterations); a shown note stays shown.
 *
 * The platform: 5,000 accounts (1,000 quick) on a heavy-tailed follow
 * network, opinions in two equal humps at ±0.5 that do not change, 10
 * claims an hour for 24 hours (half false), each posted by an account
 * drawn ∝ followers with its author's stance, reshared from chronological
 * feeds by agreeing accounts (novelty half-life 6 h); the run lasts 48
 * hours. Scaling: shares and odds carry over, counts do not: some 60 notes
 * on false claims and 24 on true ones per run, against hundreds of
 * thousands on X.
 *
 * Arms (paired: claims, notes and ratings are the same until a note is
 * shown; the notes' draws come from the scenario's own stream, so the
 * control draws exactly as a platform without notes):
 * - no-notes: notes written and rated, never shown (the control);
 * - bridging: shown by the bridging model;
 * - majority: shown when more than half of at least 5 ratings are helpful.
 *
 * Measured (`echolab run community-notes`: 10 paired replicates, README):
 * majority shows 44 % of the accurate notes, about 5 hours after the
 * claim, and cuts the noted false claims' reshares from 198 to 60 on
 * average (0.30 of the control's), but also shows 35 % of the mistaken
 * notes on true claims; bridging shows 12 % of the mistaken notes, but
 * only 25 % of the accurate ones, about 10 hours after the claim, when
 * most resharing is over (noted false claims: 157 reshares, 0.79 of the
 * control's; the mean reach of a false claim does not change measurably).
 */
import { bounded, COUNT } from '../src/report/outcome-kind.js';
import { installCommunityNotes, type CommunityNotes, type CommunityNotesOptions, type NoteScorer } from '../src/sim/platform/community-notes.js';
import { KIND_RESHARE, TRUE_CLAIM, FALSE_CLAIM } from '../src/sim/platform/post-store.js';
import { defineScenario } from '../src/sim/platform/scenario.js';

const CLAIM_HOURS = 24;
const RUN_HOURS = 48;

/** The notes' parameters (assumptions unless the banner cites a figure). */
export const NOTES: Omit<CommunityNotesOptions, 'scorer'> = {
  noteOnFalse: 0.5,
  noteOnTrue: 0.2,
  writeDelayHours: 2,
  rateProbability: 0.05,
  helpful: { accurate: { sameSide: 0.5, otherSide: 0.9 }, mistaken: { sameSide: 0.1, otherSide: 0.9 } },
  scoreEveryHours: 1,
  minRatings: 5,
};

const SCORER: Record<string, NoteScorer> = { 'no-notes': 'none', bridging: 'bridging', majority: 'majority' };

export default defineScenario<CommunityNotes>({
  id: 'community-notes',
  title: 'Community notes: bridging against majority',
  question:
    'Community notes are written on claims and rated by the accounts shown them, who find a note on their own side\'s claim less helpful. On a platform of 5,000 accounts split into two camps, with 240 claims over a day (half false), notes on half the false claims and on a fifth of the true ones (mistaken), which notes are shown, how fast, and how much do they cut the resharing of false claims when scored by X\'s bridging model (intercept ≥ 0.40, |factor| < 0.5; Wojcik et al. 2022) or by simple majority, if a shown note cuts resharing by 62 % (Chuai et al. 2024)?',
  defaultArm: 'bridging',
  lookFor:
    'majority showing many notes fast, mistaken ones included: 44 % of the accurate notes shown about 5 hours after the claim (95 % interval 4.2–5.1 h over 10 paired runs), cutting the noted false claims\' reshares from 198 to 60 on average (paired difference −137, interval −169 to −106) and the mean reach of a false claim by a fifth (2,464 to 1,964 views), but 35 % of the mistaken notes on true claims shown too; bridging showing fewer mistaken notes (12 %, interval 5–20 %) but only 25 % of the accurate ones, about 10 hours after the claim (8.7–12.2 h), when most resharing is over: noted false claims at 157 reshares (−41, interval −66 to −16) and no measurable change in reach. Bridging buys precision with speed, as Chuai et al. found real notes often too late for the early, most viral stage.',
  params: {
    agents: 5000,
    durationHours: RUN_HOURS,
    tickMinutes: 30,
    network: 'preferential-attachment',
    followsPerAccount: 20,
    activityPerHour: 0.25,
    opinionRule: 'none',
    unfollowProbability: 0,
    likeProbability: 0,
    replyProbability: 0,
    reportProbability: 0,
    postProbability: 0.03,
    feedSize: 60,
    credulity: 0.5,
    claimsPerHour: 10,
    claimFalseShare: 0.5,
    claimAppeal: 0.5,
    reshareProbability: 0.5,
    moderation: 'none',
    labelReshareFactor: 0.38,
  },
  quick: { agents: 1000 },
  timeline: [{ at: CLAIM_HOURS, type: 'set', params: { claimsPerHour: 0 } }],
  arms: {
    'no-notes': { description: 'Notes are written and rated but never shown: the paired control.', params: {} },
    bridging: { description: 'Notes shown by the bridging model (i_n ≥ 0.40 and |f_n| < 0.5).', params: {} },
    majority: { description: 'Notes shown when more than half of their ratings are helpful.', params: {} },
  },
  prepare(platform, context) {
    const scorer = SCORER[context.arm ?? 'bridging'] ?? 'bridging';
    return installCommunityNotes(platform, { ...NOTES, scorer }, context.rng.fork('notes'));
  },
  outcomes(platform, notes) {
    const posts = platform.world.posts;
    const views = new Float64Array(posts.count);
    const reshares = new Float64Array(posts.count);
    for (let p = 0; p < posts.count; p++) {
      const r = posts.rootOf(p);
      views[r] += posts.viewsOf(p);
      if (posts.kindOf(p) === KIND_RESHARE) reshares[r]++;
    }
    let falseClaims = 0;
    let falseReshares = 0;
    let falseViews = 0;
    let trueReshares = 0;
    for (let p = 0; p < posts.count; p++) {
      if (posts.kindOf(p) === KIND_RESHARE || posts.parentOf(p) >= 0) continue;
      const v = posts.veracityOf(p);
      if (v === FALSE_CLAIM) {
        falseClaims++;
        falseReshares += reshares[p];
        falseViews += views[p];
      } else if (v === TRUE_CLAIM) trueReshares += reshares[p];
    }
    let onFalse = 0;
    let onTrue = 0;
    let shownFalse = 0;
    let shownTrue = 0;
    let notedFalseReshares = 0;
    let hoursSum = 0;
    let ratings = 0;
    for (const n of notes.notes) {
      ratings += n.ratings;
      const shown = !Number.isNaN(n.shownAt);
      if (n.accurate) {
        onFalse++;
        notedFalseReshares += reshares[n.post];
        if (shown) {
          shownFalse++;
          hoursSum += (n.shownAt - posts.timeOf(n.post)) / 60;
        }
      } else {
        onTrue++;
        if (shown) shownTrue++;
      }
    }
    return {
      'notes.on-false': onFalse,
      'notes.on-true': onTrue,
      ratings,
      'shown.false': onFalse > 0 ? shownFalse / onFalse : 0,
      'shown.true': onTrue > 0 ? shownTrue / onTrue : 0,
      'hours-to-shown': shownFalse > 0 ? hoursSum / shownFalse : RUN_HOURS,
      'reshares.noted-false': onFalse > 0 ? notedFalseReshares / onFalse : 0,
      'reshares.false': falseClaims > 0 ? falseReshares / falseClaims : 0,
      'reshares.true': trueReshares,
      'reach.false': falseClaims > 0 ? falseViews / falseClaims : 0,
    };
  },
  outcomeHelp: {
    'notes.on-false': 'Notes written on false claims (accurate notes).',
    'notes.on-true': 'Notes written on true claims (mistaken notes).',
    ratings: 'Ratings given.',
    'shown.false': 'Share of the notes on false claims that were shown.',
    'shown.true': 'Share of the notes on true claims (mistaken) that were shown.',
    'hours-to-shown': 'Mean hours from a false claim to its note being shown (the run\'s length when none is).',
    'reshares.noted-false': 'Mean reshares of a false claim that got a note (shown or not).',
    'reshares.false': 'Mean reshares of a false claim.',
    'reshares.true': 'Reshares of true claims, all together.',
    'reach.false': 'Mean views of a false claim and its reshares.',
  },
  outcomeKinds: {
    'notes.on-false': COUNT,
    'notes.on-true': COUNT,
    ratings: COUNT,
    'shown.false': bounded(0, 1),
    'shown.true': bounded(0, 1),
    'reshares.true': COUNT,
  },
  keyOutcomes: ['shown.false', 'shown.true', 'hours-to-shown', 'reshares.noted-false', 'reach.false'],
  figures: [
    'Bridging model (Wojcik et al. 2022; Community Notes documentation): λ = 0.15 on intercepts, 0.03 on factors, shown at intercept ≥ 0.40 and |factor| < 0.5 with ≥ 5 ratings; used as published.',
    'A displayed note cut reposts of misleading posts by 62.0 % on average (Chuai et al. 2024, 237,677 cascades): here a shown note multiplies the reshare probability of its claim and reshares by 0.38.',
    'Shares carry over, counts do not: about 60 notes on false claims and 24 on true ones per run of 5,000 accounts.',
  ],
  metrics: [],
  finalMetrics: [],
});
