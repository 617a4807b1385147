/**
 * Three interventions against misinformation, each a platform mechanism
 * that treats a share of the human accounts (bots are never treated):
 *
 * 1. Accuracy prompt. Pennycook, Epstein, Mosleh, Arechar, Eckles & Rand,
 *    "Shifting attention to accuracy can reduce misinformation online",
 *    Nature 592, 590–595 (2021): headline veracity had little effect on
 *    sharing intentions despite a large effect on accuracy judgements, and
 *    a subtle prompt to think about accuracy raised sharing discernment
 *    (sharing intention for true minus false headlines), chiefly by
 *    lowering the sharing of false headlines (four survey experiments and
 *    a field experiment on Twitter). Here a prompted account's reshare
 *    probability of a false claim is multiplied by 1 − e_a
 *    (`accuracyPromptEffect`); true claims and ordinary posts are
 *    unchanged. Discernment D = P(reshare | true) − P(reshare | false)
 *    then rises by e_a · P(reshare | false) among the prompted. The
 *    default e_a = 0.1 is the published pooled effect: Pennycook & Rand,
 *    "Accuracy prompts are a replicable and generalizable approach for
 *    reducing the spread of misinformation", Nature Communications 13,
 *    2333 (2022), an internal meta-analysis of 20 experiments (N =
 *    26,863), found that accuracy prompts raised sharing discernment
 *    primarily by reducing sharing intentions for false headlines by 10 %
 *    relative to control. It is a survey measure of intentions, taken here
 *    as the drop in a false claim's reshare probability.
 *
 * 2. Prebunking (inoculation). Roozenbeek, van der Linden, Goldberg,
 *    Rathje & Lewandowsky, "Psychological inoculation improves resilience
 *    against misinformation on social media", Science Advances 8, eabo6254
 *    (2022): five short videos on manipulation techniques, tested in six
 *    randomized controlled studies (n = 6464) and a field study on YouTube
 *    (n = 22,632), improved technique recognition, the discernment of
 *    trustworthy from untrustworthy content, and the quality of sharing
 *    decisions. Its effects are standardised differences on rating scales,
 *    so the size used here is the pooled one: Lu, Hu, Li, Bi & Ju,
 *    "Psychological inoculation for credibility assessment, sharing
 *    intention, and discernment of misinformation: systematic review and
 *    meta-analysis", J Med Internet Res 25, e49255 (2023), 42 studies,
 *    42,530 subjects: inoculation lowered the credibility of misinformation
 *    by d = −0.36 (95 % CI −0.50 to −0.23). Here the pull of a false claim
 *    on an inoculated reader's opinion (the opinion rule's step toward the
 *    post's stance) is taken as proportional to the chance the reader finds
 *    it credible and multiplied by 1 − e_b (`prebunkingBeliefEffect`), with
 *    d turned into an odds ratio by the standard logistic conversion
 *    ln OR = d · π / √3 (Chinn, Statistics in Medicine 19, 3127–3131,
 *    2000): OR = e^(−0.36 · 1.8138) = 0.52, so e_b = 0.48 (for a rare
 *    outcome the odds ratio is the risk ratio). For sharing, that abstract's
 *    significant effect is on real information (d = +0.09); and a video
 *    inoculation against election misinformation in 12 EU countries
 *    (Communications Psychology, 2025; N ≈ 18,000) improved sharing
 *    decisions chiefly through more sharing of non-manipulative content,
 *    its effects on the willingness to share manipulative content mostly
 *    not significant. So the direct effect on a false claim's
 *    reshare probability, a factor 1 − e_r (`prebunkingReshareEffect`),
 *    defaults to e_r = 0: an inoculated account reshares a false claim less
 *    only as far as the claim moved its opinion less (the engagement
 *    model's agreement term). Set e_r to study a direct effect.
 *
 * 3. Friction: share-confirmation and read-before-share prompts. Twitter,
 *    "An update on our work around the 2020 US Elections" (company blog,
 *    12 November 2020, updated 16 December 2020): from October 2020 every
 *    Retweet opened the Quote Tweet composer first (a confirmation step
 *    before any share), and Retweets fell 23 % while Quote Tweets rose 26 %,
 *    a 20 % drop in sharing through both. A prompt that warned people before
 *    sharing a Tweet labelled as misleading came with a 29 % drop in Quote
 *    Tweets of those Tweets. Here a prompted account's reshare probability
 *    of any post is multiplied by 1 − e_f (`frictionReshareEffect`, default
 *    0.20, the drop in all sharing) and, for a false claim, further by
 *    1 − e_ff (`frictionFalseEffect`), with e_ff = 1 − 0.71 / 0.80 = 0.1125
 *    so that a false claim's reshares fall by 29 % in all. With its
 *    read-before-retweet prompt people opened articles 40 % more often
 *    (33 % more often before retweeting; Twitter Support, September 2020),
 *    a report without a figure for retweets, so reading is folded into the
 *    same two factors. The
 *    figures are the platform's own before/after counts, not a randomised
 *    trial, and the 29 % was "due in part to" the warning.
 *
 * Together, for account i and post p (factors of the treatments i has):
 *
 *   P(reshare) ← P(reshare) · (1 − e_a)^[A_i ∧ false] · (1 − e_r)^[B_i ∧ false]
 *                           · ((1 − e_f) · (1 − e_ff)^[false])^[F_i]
 *
 * before the cap at 1 (engagement-model.ts), where A_i, B_i, F_i say whether
 * i is prompted, inoculated, under friction.
 *
 * Who is treated: account i has treatment k when u_k(i) < share_k, with
 * u_k(i) = hashUniform(i, salt, k) and `salt` drawn once from the run's own
 * `interventions` fork of the seed (world.ts): no existing stream is drawn
 * from, so a run with every share 0 is bit-identical to one without the
 * mechanism; the same account is treated in every arm of a paired run;
 * and the treated set only grows with the share (nested), so effects over
 * the share are compared on the same accounts. A share may change mid-run
 * (a timeline `set` event): it applies from the next tick.
 */
import { hashUniform } from './rankers.js';
import type { PlatformParams } from './platform-params.js';
import type { World } from './world.js';

export const ACCURACY_PROMPT = 0;
export const PREBUNKING = 1;
export const FRICTION = 2;
export type InterventionKind = typeof ACCURACY_PROMPT | typeof PREBUNKING | typeof FRICTION;

/** Whether any intervention treats anyone (one check before the per-account work). */
export function interventionsOn(params: PlatformParams): boolean {
  return params.accuracyPromptShare > 0 || params.prebunkingShare > 0 || params.frictionShare > 0;
}

function shareOf(params: PlatformParams, kind: InterventionKind): number {
  return kind === ACCURACY_PROMPT ? params.accuracyPromptShare : kind === PREBUNKING ? params.prebunkingShare : params.frictionShare;
}

/** Whether human account i receives intervention `kind` at the current shares. */
export function isTreated(w: World, i: number, kind: InterventionKind): boolean {
  const share = shareOf(w.params, kind);
  return share > 0 && w.agents.bot[i] === 0 && hashUniform(i, w.interventionSalt, kind) < share;
}

/** The factor multiplying account i's reshare probability of a post (false: a false claim). */
export function interventionReshareFactor(w: World, i: number, isFalse: boolean): number {
  const params = w.params;
  let f = 1;
  if (isFalse && isTreated(w, i, ACCURACY_PROMPT)) f *= 1 - params.accuracyPromptEffect;
  if (isFalse && isTreated(w, i, PREBUNKING)) f *= 1 - params.prebunkingReshareEffect;
  if (isTreated(w, i, FRICTION)) {
    f *= 1 - params.frictionReshareEffect;
    if (isFalse) f *= 1 - params.frictionFalseEffect;
  }
  return f;
}

/** The factor multiplying a false claim's pull on reader i's opinion (1 if i is not inoculated). */
export function beliefFactor(w: World, i: number): number {
  return isTreated(w, i, PREBUNKING) ? 1 - w.params.prebunkingBeliefEffect : 1;
}

/** Accounts receiving intervention `kind` now. */
export function treatedCount(w: World, kind: InterventionKind): number {
  let n = 0;
  for (let i = 0; i < w.agents.n; i++) if (isTreated(w, i, kind)) n++;
  return n;
}
