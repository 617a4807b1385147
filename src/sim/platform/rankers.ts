/**
 * Feed rankers: each scores a candidate post for a reader, and can explain
 * the score term by term ("why did I see this post?"). Scores are ≥ 0 and
 * higher is shown first; moderation's downranking multiplies the score.
 *
 * - chronological: ν = 1/(1 + age/h), which orders by recency.
 * - engagement: Σ_k w_k · P̂_k, the weighted sum of predicted engagements of
 *   the "For You" heavy ranker open-sourced in March 2023, with its weights
 *   (like 0.5, retweet 1, reply 27, reply engaged by author 75, good profile
 *   click 12, good click 11, negative feedback −74, report −369). P̂ comes
 *   from the engagement model (engagement-model.ts) times a social-proof
 *   factor 1 + ln(1 + likes + 2·reshares + replies)/5; the author-reply,
 *   click and negative-feedback probabilities are modelling assumptions
 *   stated below. Negative totals are floored at 0.
 * - similarity: ν · max(|x − s|, 10⁻⁵)^(−γ), Sîrbu et al.'s algorithmic bias
 *   (PLOS ONE 2019) applied to posts.
 * - bridging: ν · (1 + 4·b), b = 2·min(L, R)/(L + R + 1) with L, R the
 *   engagements from left- and right-leaning accounts: posts engaged across
 *   the divide rise (Törnberg et al. 2023; Ovadya & Thorburn 2023).
 * - random: a uniform number from a hash of (reader, post, session), so the
 *   explanation reproduces it.
 */
import { log, pow } from '../../model/det-math.js';
import { agreement, engagementOdds, novelty, type EngagementOdds } from './engagement-model.js';
import { FLAG_DOWNRANKED } from './post-store.js';
import type { World } from './world.js';

export interface RankTerm {
  /** Short name of the term, e.g. "reply" or "novelty". */
  readonly term: string;
  /** Its contribution (how it combines is given by `combine`). */
  readonly value: number;
  /** Human-readable detail, e.g. "27 × P(reply) = 27 × 0.013". */
  readonly detail: string;
}

export interface RankExplanation {
  readonly ranker: string;
  /** How terms combine into the score before moderation. */
  readonly combine: 'sum' | 'product';
  readonly terms: readonly RankTerm[];
  /** Moderation's multiplier (downranking), 1 if none. */
  readonly moderation: number;
  readonly score: number;
}

export interface Ranker {
  readonly name: string;
  readonly description: string;
  /** Whether the feed adds out-of-network (trending) candidates. */
  readonly outOfNetwork: boolean;
  /** Score before moderation; must equal the combination of `terms(...)`. */
  score(w: World, reader: number, post: number): number;
  terms(w: World, reader: number, post: number): { combine: 'sum' | 'product'; terms: RankTerm[] };
}

/** The March 2023 heavy-ranker weights. */
export const HEAVY_RANKER_WEIGHTS = Object.freeze({
  like: 0.5,
  retweet: 1,
  reply: 27,
  replyEngagedByAuthor: 75,
  goodProfileClick: 12,
  goodClick: 11,
  negativeFeedback: -74,
  report: -369,
});

/** Assumed: an author answers 10 % of replies; clicks and negative feedback scale as below. */
const AUTHOR_REPLY_SHARE = 0.1;
const PROFILE_CLICK = 0.02;
const GOOD_CLICK = 0.05;
const NEGATIVE_FEEDBACK = 0.05;

const odds: EngagementOdds = { like: 0, reshare: 0, reply: 0, report: 0 };

function socialProof(w: World, p: number): number {
  const posts = w.posts;
  return 1 + log(1 + posts.likes[p] + 2 * posts.reshares[p] + posts.replies[p]) / 5;
}

function nov(w: World, p: number): number {
  return novelty(w.now - w.posts.time[p], w.params.noveltyHalfLifeHours * 60);
}

/** Predicted probability of each heavy-ranker event, written into `out` (no allocation: this runs per candidate). */
function predictEngagement(w: World, i: number, p: number, out: Record<keyof typeof HEAVY_RANKER_WEIGHTS, number>): void {
  engagementOdds(w, i, p, odds);
  const proof = socialProof(w, p);
  const a = agreement(w.agents.opinion[i], w.posts.stance[p]);
  const n = nov(w, p);
  out.like = Math.min(1, odds.like * proof);
  out.retweet = Math.min(1, odds.reshare * proof);
  out.reply = Math.min(1, odds.reply * proof);
  out.replyEngagedByAuthor = Math.min(1, odds.reply * proof * AUTHOR_REPLY_SHARE);
  out.goodProfileClick = PROFILE_CLICK * a * n;
  out.goodClick = GOOD_CLICK * n;
  out.negativeFeedback = NEGATIVE_FEEDBACK * (1 - a) * (1 - a) * n;
  out.report = odds.report;
}

const predicted = { like: 0, retweet: 0, reply: 0, replyEngagedByAuthor: 0, goodProfileClick: 0, goodClick: 0, negativeFeedback: 0, report: 0 };
const WEIGHT_KEYS = Object.keys(HEAVY_RANKER_WEIGHTS) as Array<keyof typeof HEAVY_RANKER_WEIGHTS>;

function engagementScore(w: World, i: number, p: number): number {
  predictEngagement(w, i, p, predicted);
  const W = HEAVY_RANKER_WEIGHTS;
  const s =
    W.like * predicted.like +
    W.retweet * predicted.retweet +
    W.reply * predicted.reply +
    W.replyEngagedByAuthor * predicted.replyEngagedByAuthor +
    W.goodProfileClick * predicted.goodProfileClick +
    W.goodClick * predicted.goodClick +
    W.negativeFeedback * predicted.negativeFeedback +
    W.report * predicted.report;
  return Math.max(0, s);
}

function engagementTerms(w: World, i: number, p: number): RankTerm[] {
  predictEngagement(w, i, p, predicted);
  const W = HEAVY_RANKER_WEIGHTS;
  return WEIGHT_KEYS.map((k) => ({ term: k, value: W[k] * predicted[k], detail: `${W[k]} × P(${k}) = ${W[k]} × ${predicted[k].toPrecision(3)}` }));
}

/** Hash of (reader, post, session) to [0, 1): the random ranker's reproducible draw. */
export function hashUniform(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(c + 0x27d4eb2f, 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

export const rankers: Readonly<Record<string, Ranker>> = Object.freeze({
  chronological: {
    name: 'chronological',
    description: 'Newest first (reverse-chronological).',
    outOfNetwork: false,
    score: (w, _i, p) => nov(w, p),
    terms: (w, _i, p) => ({ combine: 'product', terms: [{ term: 'recency', value: nov(w, p), detail: `1 / (1 + age/half-life), age ${(w.now - w.posts.time[p]).toFixed(0)} min` }] }),
  },
  engagement: {
    name: 'engagement',
    description: 'Weighted sum of predicted engagements (the March 2023 heavy-ranker weights).',
    outOfNetwork: true,
    score: engagementScore,
    // The score is the sum of the terms, floored at 0.
    terms: (w, i, p) => ({ combine: 'sum', terms: engagementTerms(w, i, p) }),
  },
  similarity: {
    name: 'similarity',
    description: 'Posts close to the reader\'s opinion first (algorithmic bias γ).',
    outOfNetwork: true,
    score: (w, i, p) => nov(w, p) * pow(Math.max(Math.abs(w.agents.opinion[i] - w.posts.stance[p]), 1e-5), -w.params.similarityGamma),
    terms: (w, i, p) => {
      const d = Math.max(Math.abs(w.agents.opinion[i] - w.posts.stance[p]), 1e-5);
      return {
        combine: 'product',
        terms: [
          { term: 'recency', value: nov(w, p), detail: '1 / (1 + age/half-life)' },
          { term: 'similarity', value: pow(d, -w.params.similarityGamma), detail: `|opinion − stance|^(−γ) = ${d.toFixed(3)}^(−${w.params.similarityGamma})` },
        ],
      };
    },
  },
  bridging: {
    name: 'bridging',
    description: 'Posts engaged with by both sides rise (bridging-based ranking).',
    outOfNetwork: true,
    score: (w, _i, p) => nov(w, p) * (1 + 4 * bridge(w, p)),
    terms: (w, _i, p) => ({
      combine: 'product',
      terms: [
        { term: 'recency', value: nov(w, p), detail: '1 / (1 + age/half-life)' },
        { term: 'bridging', value: 1 + 4 * bridge(w, p), detail: `1 + 4 × 2·min(L, R)/(L + R + 1), L = ${w.posts.engagedLeft[p]}, R = ${w.posts.engagedRight[p]}` },
      ],
    }),
  },
  random: {
    name: 'random',
    description: 'A random order.',
    outOfNetwork: true,
    score: (w, i, p) => hashUniform(i, p, w.agents.sessions[i]),
    terms: (w, i, p) => ({ combine: 'product', terms: [{ term: 'random', value: hashUniform(i, p, w.agents.sessions[i]), detail: 'uniform draw from hash(reader, post, session)' }] }),
  },
});

function bridge(w: World, p: number): number {
  const L = w.posts.engagedLeft[p];
  const R = w.posts.engagedRight[p];
  return (2 * Math.min(L, R)) / (L + R + 1);
}

/** The score a feed sorts by: the ranker's score times moderation's downranking factor. */
export function feedScore(w: World, ranker: Ranker, reader: number, post: number): number {
  const s = ranker.score(w, reader, post);
  return (w.posts.flags[post] & FLAG_DOWNRANKED) !== 0 ? s * w.params.downrankFactor : s;
}

/** "Why did I see this post?": the ranking score of `post` for `reader`, term by term. */
export function explainRanking(w: World, reader: number, post: number, rankerName = w.params.ranker): RankExplanation {
  const ranker = rankers[rankerName];
  const { combine, terms } = ranker.terms(w, reader, post);
  const moderation = (w.posts.flags[post] & FLAG_DOWNRANKED) !== 0 ? w.params.downrankFactor : 1;
  return { ranker: rankerName, combine, terms, moderation, score: feedScore(w, ranker, reader, post) };
}
