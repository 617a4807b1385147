/**
 * News sources: outlets (domains) that posts link to, each with a lean on
 * [−1, 1] and a reliability on [0, 1], as in the domain ratings of the
 * misinformation literature (NewsGuard scores, or the source lists of Lasser
 * et al., "Social media sharing of low quality news sources by political
 * elites", PNAS Nexus 1(4), 2022, and of Bakshy, Messing & Adamic, Science
 * 2015, for the lean of a domain).
 *
 * Catalogue (a deterministic function of the parameters, no draws): K =
 * `outlets` outlets, outlet k with
 *   lean_k        = −1 + (2k + 1)/K              (evenly spread)
 *   reliability_k = 1 − u · |lean_k|            (u = outletFringeUnreliability)
 * — the fringe of either side is less reliable than the centre, a modelling
 * assumption (real ratings are not symmetric across sides).
 *
 * Links: an original post links to an outlet with probability
 * `outletLinkShare`; its author, of opinion x, picks outlet k with weight
 *   w_k = exp(−|x − lean_k| / τ)                 (τ = outletLeanScale)
 * times (1 − reliability_k) if the post is a false claim: false claims link
 * mostly to low-reliability outlets. A reshare links where its parent does;
 * a reply links nowhere. Both draws come from the run's `outlets` stream, so
 * a run without outlets draws exactly what it drew before.
 *
 * Source-reliability downranking (β = `sourceDownranking`): the ranking
 * score of a post that links to an outlet of reliability r is multiplied by
 *   m = 1 − β (1 − r)
 * before moderation's factor (rankers.ts); posts without a link keep m = 1.
 */
import { exp } from '../../model/det-math.js';
import { FALSE_CLAIM, KIND_ORIGINAL, KIND_RESHARE } from './post-store.js';
import type { World } from './world.js';

export interface OutletCatalogue {
  readonly lean: Float64Array;
  readonly reliability: Float64Array;
  /** The u it was built with (a `set` event may change the parameters mid-run). */
  readonly fringeUnreliability: number;
  /** Scratch space for chooseOutlet's weights (one per outlet; holds no state between calls). */
  readonly weights: Float64Array;
}

/** The catalogue of `count` outlets with fringe unreliability u (see the banner). */
export function outletCatalogue(count: number, fringeUnreliability: number): OutletCatalogue {
  const lean = new Float64Array(count);
  const reliability = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    lean[k] = -1 + (2 * k + 1) / count;
    reliability[k] = 1 - fringeUnreliability * Math.abs(lean[k]);
  }
  return { lean, reliability, fringeUnreliability, weights: new Float64Array(count) };
}

/** The world's catalogue, rebuilt if its parameters changed since. */
export function outletsOf(w: World): OutletCatalogue {
  const cat = w.outlets;
  if (cat.lean.length === w.params.outlets && cat.fringeUnreliability === w.params.outletFringeUnreliability) return cat;
  w.outlets = outletCatalogue(w.params.outlets, w.params.outletFringeUnreliability);
  return w.outlets;
}

/**
 * The outlet an author of opinion x links to, for a uniform draw u ∈ [0, 1):
 * the first k whose cumulative weight exceeds u · Σ w (weights as in the
 * banner). When every false-claim weight is 0 (u = 0: all outlets fully
 * reliable) the nearness weights alone decide.
 */
export function chooseOutlet(cat: OutletCatalogue, x: number, falseClaim: boolean, scale: number, u: number): number {
  const K = cat.lean.length;
  // The catalogue's own scratch row: no allocation per post.
  const weights = cat.weights;
  let total = 0;
  for (let k = 0; k < K; k++) {
    const near = exp(-Math.abs(x - cat.lean[k]) / scale);
    weights[k] = falseClaim ? near * (1 - cat.reliability[k]) : near;
    total += weights[k];
  }
  if (!(total > 0)) return chooseOutlet(cat, x, false, scale, u);
  const target = u * total;
  let acc = 0;
  for (let k = 0; k < K; k++) {
    acc += weights[k];
    if (target < acc) return k;
  }
  // Rounding: u · total can reach the last partial sum.
  for (let k = K - 1; k >= 0; k--) if (weights[k] > 0) return k;
  return K - 1;
}

/** The source-reliability multiplier of post p: 1 − β(1 − r) for a linked post, 1 otherwise. */
export function sourceFactor(w: World, p: number): number {
  const k = w.posts.source[p] - 1;
  if (k < 0) return 1;
  const cat = outletsOf(w);
  return k < cat.reliability.length ? 1 - w.params.sourceDownranking * (1 - cat.reliability[k]) : 1;
}

/**
 * Set the outlet post `id` links to (called as it is created, when there
 * are outlets): a reshare copies its parent's, an original draws from the
 * `outlets` stream (two draws when it links, one when it does not), a reply
 * links nowhere.
 */
export function linkOutlet(w: World, id: number, author: number, kind: number, parent: number): void {
  const posts = w.posts;
  if (kind === KIND_RESHARE) {
    posts.source[id] = parent >= 0 ? posts.source[parent] : 0;
    return;
  }
  if (kind !== KIND_ORIGINAL) return;
  const r = w.streams.outlets;
  if (!(r.next() < w.params.outletLinkShare)) return;
  const cat = outletsOf(w);
  const k = chooseOutlet(cat, w.agents.opinion[author], posts.veracityOf(id) === FALSE_CLAIM, w.params.outletLeanScale, r.next());
  posts.source[id] = k + 1;
}

/** The outlet post p links to, or −1. */
export function outletOf(w: World, p: number): number {
  return w.posts.source[p] - 1;
}
