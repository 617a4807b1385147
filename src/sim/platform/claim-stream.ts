/**
 * The claim stream: a steady supply of claims (rumours) posted on the
 * platform, for scenarios that need many cascades of claims rather than one
 * scheduled hoax. With `claimsPerHour` = λ > 0, claims arrive as a Poisson
 * process of rate λ per hour; the claims arriving during a tick are posted
 * at its start (as timeline events are). Each claim is an original post:
 *
 *   author    a human account, neither suspended nor muted, drawn with
 *             probability ∝ (followers + 1)^b, b = `claimAuthorBias`
 *             (0: every account alike; 1: in proportion to its followers,
 *             the friendship-paradox way a claim reaches the platform
 *             through whoever is followed; higher: mostly hubs);
 *   stance    the author's opinion plus N(0, postNoise²), clipped to [−1, 1]
 *             (as any original post);
 *   appeal    claimAppeal · exp(σ Z), Z ~ N(0, 1), σ = `claimAppealSpread`
 *             (log-normal across claims, median `claimAppeal`);
 *   veracity  false with probability `claimFalseShare`, else true;
 *   novelty   the claim's novelty half-life (and its reshares') is
 *             noveltyHalfLifeHours × exp(s_ν Z), s_ν = `claimNoveltySpread`,
 *             stored as novelty steps of 1/16 of a doubling (post-store.ts):
 *             some rumours are news for an hour, others for days (the
 *             decay of novelty differs from item to item: Wu & Huberman,
 *             PNAS 104, 17599–17601, 2007);
 *   credit    the share of the claim's reshares of reshares recorded as
 *             reshares of the claim itself (see `rootAttribution` in
 *             platform.ts): logistic(logit(ρ) + s Z), ρ = `rootAttribution`,
 *             s = `claimAttributionSpread` (logit-normal across claims,
 *             median ρ; s = 0 gives ρ to every claim). How a reshare is
 *             credited depends on how it was made (a native retweet is
 *             credited to the source, a quote or a copied "RT @" to the
 *             account quoted), and the mix differs from claim to claim;
 *   topic     "claims".
 *
 * Every draw comes from the world's `claims` stream, which nothing else
 * reads; with λ = 0 (the default) nothing is drawn, no topic is added and a
 * run is exactly what it was without the stream.
 */
import { exp, log, pow } from '../../model/det-math.js';
import { FALSE_CLAIM, KIND_ORIGINAL, TRUE_CLAIM } from './post-store.js';
import { topicIndex, type TimelineHost } from './timeline.js';

/** The topic every stream claim is posted under. */
export const CLAIM_TOPIC = 'claims';

export interface StreamClaim {
  readonly post: number;
  /** The claim's own `rootAttribution` (see the banner). */
  readonly attribution: number;
}

/** logistic(logit(share) + shift), with shares 0 and 1 kept as they are. */
export function shiftShare(share: number, shift: number): number {
  if (!(share > 0) || !(share < 1) || shift === 0) return share;
  return 1 / (1 + exp(-(log(share / (1 - share)) + shift)));
}

/**
 * Post the claims that arrive during the tick starting now (Poisson arrivals
 * over `tickMinutes`); returns them in posting order.
 */
export function injectClaims(host: TimelineHost): StreamClaim[] {
  const w = host.world;
  const p = w.params;
  const rate = p.claimsPerHour;
  if (!(rate > 0)) return [];
  const r = w.streams.claims;
  const hours = p.tickMinutes / 60;
  // Arrivals of a Poisson process during [0, hours): exponential gaps.
  let count = 0;
  for (let t = r.exponential(rate); t < hours; t += r.exponential(rate)) count++;
  if (count === 0) return [];
  const a = w.agents;
  const g = w.graph;
  // Cumulative author weights, once per tick (follower counts change only between sessions).
  const cumulative = new Float64Array(a.n);
  let total = 0;
  for (let i = 0; i < a.n; i++) {
    if (a.bot[i] === 0 && a.suspended[i] === 0 && a.muted[i] === 0) total += pow(g.inDegree(i) + 1, p.claimAuthorBias);
    cumulative[i] = total;
  }
  if (!(total > 0)) return [];
  const topic = topicIndex(w, CLAIM_TOPIC);
  const out: StreamClaim[] = [];
  for (let k = 0; k < count; k++) {
    // The same six draws per claim whatever the parameters, so changing one leaves the others' draws alone.
    const author = pickByCumulative(cumulative, r.next() * total);
    const stance = Math.max(-1, Math.min(1, a.opinion[author] + p.postNoise * r.normal()));
    const appeal = p.claimAppeal * exp(p.claimAppealSpread * r.normal());
    const veracity = r.next() < p.claimFalseShare ? FALSE_CLAIM : TRUE_CLAIM;
    const attribution = shiftShare(p.rootAttribution, p.claimAttributionSpread * r.normal());
    const noveltySteps = Math.round((16 * p.claimNoveltySpread * r.normal()) / Math.LN2);
    const id = host.addPost(author, stance, veracity, topic, KIND_ORIGINAL, -1);
    w.posts.setAppeal(id, appeal);
    w.posts.setNoveltySteps(id, noveltySteps);
    out.push({ post: id, attribution });
  }
  return out;
}

/** The first index whose cumulative weight exceeds x (weights of 0 are never picked). */
export function pickByCumulative(cumulative: Float64Array, x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
