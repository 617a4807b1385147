/**
 * Feed rankers: each scores a candidate post for a reader, and can explain
 * the score term by term ("why did I see this post?"). Higher is shown first
 * (ties go to the newer post, see feed.ts). Every explanation obeys one rule:
 *
 *   score = (max(0, combine(terms)) × σ) × m,   combine = Σ or Π of the term values,
 *   σ = 1 − β(1 − r) with source-reliability downranking on (β =
 *       `sourceDownranking`, r the reliability of the outlet the post links
 *       to; outlets.ts), else 1,
 *   m = downrankFactor if moderation downranked the post (or its cascade), else 1
 *
 * (the floor only ever bites for the engagement ranker: the other rankers'
 * terms are positive). Time enters through the novelty ν = 1/(1 + age/h),
 * h = `noveltyHalfLifeHours`; opinions and stances are on [−1, 1].
 *
 * - chronological: ν alone, which is strictly decreasing in age: newest first.
 * - engagement: Σ_k w_k · P̂_k, the weighted sum of predicted engagements of
 *   the "For You" heavy ranker open-sourced in March 2023, with its weights
 *   (like 0.5, retweet 1, reply 27, reply engaged by author 75, good profile
 *   click 12, good click 11, negative feedback −74, report −369; the README
 *   of twitter/the-algorithm-ml, projects/home/recap; the video-playback
 *   weight 0.005 is left out, there is no video, and the two "good click"
 *   heads, of which the maximum is weighted by 11, are one term here).
 *   P̂ for like, retweet and reply is the engagement model's probability
 *   (engagement-model.ts) times a social-proof factor
 *   π = 1 + ln(1 + likes + 2·reshares + replies)/5, capped at 1; report is
 *   the engagement model's P(report). The other heads are not simulated
 *   behaviours, so they are modelling assumptions: an author answers 10 % of
 *   replies (P̂ = 0.1 · P(reply) · π), P̂(profile click) = 0.02 · a · ν,
 *   P̂(good click) = 0.05 · ν, P̂(negative feedback) = 0.05 · (1 − a)² · ν,
 *   with a = 1 − |x − s|/2 the agreement. Negative totals are floored at 0.
 * - similarity: ν · max(|x − s|, 10⁻⁵)^(−γ), Sîrbu et al.'s algorithmic bias
 *   (PLOS ONE 2019) applied to posts; γ = 0 is the chronological order.
 * - bridging: ν · (1 + 4·b), b = 2·min(L, R)/(L + R + 1) with L, R the
 *   engagements from left- and right-leaning accounts: posts engaged across
 *   the divide rise (Törnberg et al. 2023; Ovadya & Thorburn 2023).
 * - random: a uniform number on [0, 1) from a hash of (reader, post,
 *   session), so the explanation reproduces it and a new session reshuffles.
 */
import { ParamError } from '../../model/errors.js';
import { log, pow } from '../../model/det-math.js';
import { agreement, engagementOdds, novelty, type EngagementOdds } from './engagement-model.js';
import { interventionReshareFactor } from './interventions.js';
import { FALSE_CLAIM, FLAG_DOWNRANKED, FLAG_LABELLED } from './post-store.js';
import { sourceFactor } from './outlets.js';
import type { World } from './world.js';

export interface RankTerm {
  /** Short name of the term, e.g. "reply" or "recency". */
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
  /** The terms combined (before the floor at 0 and moderation). */
  readonly combined: number;
  /** Source-reliability downranking's multiplier 1 − β(1 − r) (outlets.ts), 1 if off or the post links nowhere. */
  readonly source: number;
  /** Moderation's multiplier (downranking), 1 if none. */
  readonly moderation: number;
  /** max(0, combined) × moderation: the score the feed sorts by. */
  readonly score: number;
}

export interface Ranker {
  readonly name: string;
  readonly description: string;
  /** Whether the feed adds out-of-network (trending) candidates. */
  readonly outOfNetwork: boolean;
  /** Score before moderation: max(0, combination of `terms(...)`), bit for bit. */
  score(w: World, reader: number, post: number): number;
  terms(w: World, reader: number, post: number): { combine: 'sum' | 'product'; terms: RankTerm[] };
  /**
   * Rankers from outside only (src/io/http-ranker.ts): called with a session's
   * candidates, ids[0..n), before any is scored, so that a ranker that
   * orders a whole candidate set at once can do so.
   */
  prepare?(w: World, reader: number, ids: Int32Array, n: number): void;
  /** Rankers from outside only: called once when a scenario run ends (an HTTP ranker writes its recording). */
  finish?(): void;
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

export type HeavyRankerHead = keyof typeof HEAVY_RANKER_WEIGHTS;

/** Modelling assumptions for the heavy-ranker heads that are not simulated behaviours (see the banner). */
export const ASSUMED_HEADS = Object.freeze({
  /** Share of replies the author engages with. */
  authorReplyShare: 0.1,
  /** P̂(profile click) = this × agreement × novelty. */
  profileClick: 0.02,
  /** P̂(good click) = this × novelty. */
  goodClick: 0.05,
  /** P̂(negative feedback) = this × (1 − agreement)² × novelty. */
  negativeFeedback: 0.05,
});

const odds: EngagementOdds = { like: 0, reshare: 0, reply: 0, report: 0 };

/** Social proof π = 1 + ln(1 + likes + 2·reshares + replies)/5. */
export function socialProof(w: World, p: number): number {
  const posts = w.posts;
  const k = posts.likesOf(p) + 2 * posts.resharesOf(p) + posts.repliesOf(p);
  // The argument is a whole number: small ones come from a table of the same values.
  return 1 + (k < LOG1P_TABLE_SIZE ? LOG1P_TABLE[k] : log(1 + k)) / 5;
}

const LOG1P_TABLE_SIZE = 4096;
/** log(1 + k) for k < 4096, computed once with the deterministic log (a constant, not state). */
const LOG1P_TABLE: Float64Array = Float64Array.from({ length: LOG1P_TABLE_SIZE }, (_, k) => log(1 + k));

function nov(w: World, p: number): number {
  return novelty(w.now - w.posts.timeOf(p), w.params.noveltyHalfLifeHours * 60);
}

/** Predicted probability of each heavy-ranker head, written into `out` (no allocation: this runs per candidate). */
export function predictEngagement(w: World, i: number, p: number, out: Record<HeavyRankerHead, number>): Record<HeavyRankerHead, number> {
  engagementOdds(w, i, p, odds);
  const proof = socialProof(w, p);
  const a = agreement(w.agents.opinion[i], w.posts.stanceOf(p));
  const n = nov(w, p);
  out.like = Math.min(1, odds.like * proof);
  out.retweet = Math.min(1, odds.reshare * proof);
  out.reply = Math.min(1, odds.reply * proof);
  out.replyEngagedByAuthor = Math.min(1, odds.reply * proof * ASSUMED_HEADS.authorReplyShare);
  out.goodProfileClick = ASSUMED_HEADS.profileClick * a * n;
  out.goodClick = ASSUMED_HEADS.goodClick * n;
  out.negativeFeedback = ASSUMED_HEADS.negativeFeedback * (1 - a) * (1 - a) * n;
  out.report = odds.report;
  return out;
}

const predicted: Record<HeavyRankerHead, number> = { like: 0, retweet: 0, reply: 0, replyEngagedByAuthor: 0, goodProfileClick: 0, goodClick: 0, negativeFeedback: 0, report: 0 };
/** The heads in the order both the score and its explanation add them (the order matters for bit-exact sums). */
export const HEAVY_RANKER_HEADS = Object.freeze(Object.keys(HEAVY_RANKER_WEIGHTS) as HeavyRankerHead[]);

/**
 * The engagement score, fused: the same operations in the same order as
 * `engagementOdds` + `predictEngagement` + the weighted sum (so it equals the
 * explanation bit for bit, which a test checks), without computing agreement
 * and novelty twice or writing intermediate objects — this runs for every
 * candidate of every ranked feed.
 */
function engagementScore(w: World, i: number, p: number): number {
  const params = w.params;
  const posts = w.posts;
  const a = agreement(w.agents.opinion[i], posts.stanceOf(p));
  const nu = novelty(w.now - posts.timeOf(p), params.noveltyHalfLifeHours * 60);
  const isFalse = posts.veracityOf(p) === FALSE_CLAIM;
  const appeal = posts.appealOf(p);
  const a2 = a * a * appeal;
  const like = Math.min(1, params.likeProbability * a2 * nu);
  let reshare = params.reshareProbability * a2 * nu;
  if (isFalse) reshare *= 2 * w.agents.credulity[i];
  if ((posts.flagsOf(p) & FLAG_LABELLED) !== 0) reshare *= params.labelReshareFactor;
  // As engagementOdds: the interventions' factor only when one is on (interventions.ts).
  if (params.accuracyPromptShare > 0 || params.prebunkingShare > 0 || params.frictionShare > 0) reshare *= interventionReshareFactor(w, i, isFalse);
  reshare = Math.min(1, reshare);
  const reply = Math.min(1, params.replyProbability * nu * (1.5 - a) * appeal);
  const report = Math.min(1, params.reportProbability * (1 - a) * (isFalse ? 10 : 1));
  const proof = socialProof(w, p);
  const W = HEAVY_RANKER_WEIGHTS;
  const A = ASSUMED_HEADS;
  // Unrolled in HEAVY_RANKER_HEADS order, left to right, so it equals the explanation's sum exactly.
  const s =
    W.like * Math.min(1, like * proof) +
    W.retweet * Math.min(1, reshare * proof) +
    W.reply * Math.min(1, reply * proof) +
    W.replyEngagedByAuthor * Math.min(1, reply * proof * A.authorReplyShare) +
    W.goodProfileClick * (A.profileClick * a * nu) +
    W.goodClick * (A.goodClick * nu) +
    W.negativeFeedback * (A.negativeFeedback * (1 - a) * (1 - a) * nu) +
    W.report * report;
  return Math.max(0, s);
}

function engagementTerms(w: World, i: number, p: number): RankTerm[] {
  predictEngagement(w, i, p, predicted);
  const W = HEAVY_RANKER_WEIGHTS;
  return HEAVY_RANKER_HEADS.map((k) => ({ term: k, value: W[k] * predicted[k], detail: `${W[k]} × P(${k}) = ${W[k]} × ${predicted[k].toPrecision(3)}` }));
}

/**
 * A hash of three 32-bit integers to [0, 1): the random ranker's draw and the
 * sampled monitor's coin. The three inputs are mixed by multiplication with
 * odd constants, then avalanched (xor-shift-multiply finaliser), so nearby
 * inputs give unrelated outputs; the tests bound its uniformity.
 */
export function hashUniform(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(c + 0x27d4eb2f, 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

function similarityDistance(w: World, i: number, p: number): number {
  return Math.max(Math.abs(w.agents.opinion[i] - w.posts.stanceOf(p)), 1e-5);
}

function bridge(w: World, p: number): number {
  const L = w.posts.engagedLeftOf(p);
  const R = w.posts.engagedRightOf(p);
  return (2 * Math.min(L, R)) / (L + R + 1);
}

function age(w: World, p: number): string {
  return `age ${(w.now - w.posts.timeOf(p)).toFixed(0)} min, half-life ${(w.params.noveltyHalfLifeHours * 60).toFixed(0)} min`;
}

export const rankers: Readonly<Record<string, Ranker>> = Object.freeze({
  chronological: {
    name: 'chronological',
    description: 'Newest first (reverse-chronological).',
    outOfNetwork: false,
    score: (w, _i, p) => nov(w, p),
    terms: (w, _i, p) => ({ combine: 'product', terms: [{ term: 'recency', value: nov(w, p), detail: `1 / (1 + age/half-life), ${age(w, p)}` }] }),
  },
  engagement: {
    name: 'engagement',
    description: 'Weighted sum of predicted engagements (the March 2023 heavy-ranker weights).',
    outOfNetwork: true,
    score: engagementScore,
    terms: (w, i, p) => ({ combine: 'sum', terms: engagementTerms(w, i, p) }),
  },
  similarity: {
    name: 'similarity',
    description: 'Posts close to the reader\'s opinion first (algorithmic bias γ).',
    outOfNetwork: true,
    score: (w, i, p) => nov(w, p) * pow(similarityDistance(w, i, p), -w.params.similarityGamma),
    terms: (w, i, p) => {
      const d = similarityDistance(w, i, p);
      return {
        combine: 'product',
        terms: [
          { term: 'recency', value: nov(w, p), detail: `1 / (1 + age/half-life), ${age(w, p)}` },
          { term: 'similarity', value: pow(d, -w.params.similarityGamma), detail: `max(|opinion − stance|, 1e-5)^(−γ) = ${d.toPrecision(3)}^(−${w.params.similarityGamma})` },
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
        { term: 'recency', value: nov(w, p), detail: `1 / (1 + age/half-life), ${age(w, p)}` },
        { term: 'bridging', value: 1 + 4 * bridge(w, p), detail: `1 + 4 × 2·min(L, R)/(L + R + 1), L = ${w.posts.engagedLeftOf(p)}, R = ${w.posts.engagedRightOf(p)}` },
      ],
    }),
  },
  random: {
    name: 'random',
    description: 'A random order.',
    outOfNetwork: true,
    score: (w, i, p) => hashUniform(i, p, w.agents.sessions[i]),
    terms: (w, i, p) => ({ combine: 'product', terms: [{ term: 'random', value: hashUniform(i, p, w.agents.sessions[i]), detail: `uniform draw from hash(reader ${i}, post ${p}, session ${w.agents.sessions[i]})` }] }),
  },
});

/** Moderation's multiplier of a post's score: `downrankFactor` if it is downranked, else 1. */
export function moderationFactor(w: World, post: number): number {
  return (w.posts.flagsOf(post) & FLAG_DOWNRANKED) !== 0 ? w.params.downrankFactor : 1;
}

/** The score a feed sorts by: the ranker's score times moderation's downranking factor. */
export function feedScore(w: World, ranker: Ranker, reader: number, post: number): number {
  const s = ranker.score(w, reader, post);
  return (w.posts.flagsOf(post) & FLAG_DOWNRANKED) !== 0 ? s * w.params.downrankFactor : s;
}

/**
 * The ranker with source-reliability downranking (outlets.ts): its score
 * times m = 1 − β(1 − r) for a post linking to an outlet of reliability r
 * (1 for a post without a link), before moderation's factor. Built once per
 * change of ranker or β (feed.ts), so runs without it score as before.
 */
export function withSourceReliability(inner: Ranker): Ranker {
  return {
    name: inner.name,
    description: `${inner.description} Source-reliability downranking: × (1 − β(1 − r)) for a post linking to an outlet of reliability r.`,
    outOfNetwork: inner.outOfNetwork,
    score: (w, reader, post) => inner.score(w, reader, post) * sourceFactor(w, post),
    terms: (w, reader, post) => inner.terms(w, reader, post),
  };
}

/** "Why did I see this post?": the ranking score of `post` for `reader`, term by term. */
export function explainRanking(w: World, reader: number, post: number, rankerOrName: string | Ranker = w.params.ranker): RankExplanation {
  const rankerName = typeof rankerOrName === 'string' ? rankerOrName : rankerOrName.name;
  const ranker = typeof rankerOrName !== 'string' ? rankerOrName : Object.prototype.hasOwnProperty.call(rankers, rankerName) ? rankers[rankerName] : undefined;
  if (!ranker) throw new ParamError('platform/explain', 'ranker', rankerName, `one of ${Object.keys(rankers).map((r) => JSON.stringify(r)).join(', ')}`);
  if (!(Number.isInteger(reader) && reader >= 0 && reader < w.agents.n)) throw new ParamError('platform/explain', 'reader', reader, `an account in [0, ${w.agents.n - 1}]`);
  if (!(Number.isInteger(post) && post >= 0 && post < w.posts.count)) throw new ParamError('platform/explain', 'post', post, `a post id in [0, ${w.posts.count - 1}]`);
  const { combine, terms } = ranker.terms(w, reader, post);
  let combined = combine === 'sum' ? 0 : 1;
  for (const t of terms) combined = combine === 'sum' ? combined + t.value : combined * t.value;
  const sourced = w.params.outlets > 0 && w.params.sourceDownranking > 0;
  const source = sourced ? sourceFactor(w, post) : 1;
  return { ranker: rankerName, combine, terms, combined, source, moderation: moderationFactor(w, post), score: feedScore(w, sourced ? withSourceReliability(ranker) : ranker, reader, post) };
}
