/**
 * How likely an account is to engage with a post it sees. One model serves
 * the engage phase (what accounts do) and the engagement ranker (what the
 * platform predicts they will do), so ranking by predicted engagement
 * amplifies exactly what the simulated users engage with.
 *
 *   agreement a = 1 − |x − s| / 2            ∈ [0, 1]  (x opinion, s stance, both on [−1, 1])
 *   novelty   ν = 1 / (1 + age / h)          (halves at the half-life h: `noveltyHalfLifeHours`,
 *                                             times the post's own factor 2^(k/16) when it has
 *                                             novelty steps k, as claims of the claim stream may)
 *   P(like)    = p_like · a² · ν
 *   P(reshare) = p_reshare · a² · ν · c · ℓ   c = 2·credulity for a false claim, else 1;
 *                                             ℓ = labelReshareFactor if labelled, else 1
 *   P(reply)   = p_reply · ν · (1.5 − a)       (disagreement draws replies)
 *   P(report)  = p_report · (1 − a) · (10 if false claim, else 1)
 *
 * and like, reshare and reply are multiplied by the post's appeal (1 for
 * ordinary posts; a catchy hoax, such as a doctored photo, is set higher).
 *
 * When an intervention treats the account (accuracy prompt, prebunking,
 * friction: interventions.ts), P(reshare) is further multiplied by its
 * factor before the cap; the engagement ranker predicts with the same odds.
 *
 * The quadratic agreement term follows the selective-exposure evidence that
 * sharing is concentrated on congenial content (Cinelli et al., PNAS 2021);
 * the credulity factor follows Tambuscio et al.'s gullibility α. Each value
 * is capped at 1.
 */
import { interventionReshareFactor } from './interventions.js';
import { readsLanguage } from './languages.js';
import { FALSE_CLAIM, FLAG_LABELLED, NOVELTY_SCALES } from './post-store.js';
import type { World } from './world.js';

export function agreement(opinion: number, stance: number): number {
  return 1 - Math.abs(opinion - stance) / 2;
}

export function novelty(ageMinutes: number, halfLifeMinutes: number): number {
  return 1 / (1 + Math.max(0, ageMinutes) / halfLifeMinutes);
}

export interface EngagementOdds {
  like: number;
  reshare: number;
  reply: number;
  report: number;
}

/** Fills `out` with the odds that account i engages with post p now. */
export function engagementOdds(w: World, i: number, p: number, out: EngagementOdds): EngagementOdds {
  const params = w.params;
  const posts = w.posts;
  const a = agreement(w.agents.opinion[i], posts.stanceOf(p));
  // A post's own novelty steps (byte 27 of its record, post-store.ts) scale the half-life; 0 leaves it exactly as it is.
  const steps = posts.u8[p * 64 + 27];
  const halfLife = params.noveltyHalfLifeHours * 60;
  const nu = novelty(w.now - posts.timeOf(p), steps === 0 ? halfLife : halfLife * NOVELTY_SCALES[((steps << 24) >> 24) + 128]);
  const isFalse = posts.veracityOf(p) === FALSE_CLAIM;
  const a2 = a * a * posts.appealOf(p);
  out.like = Math.min(1, params.likeProbability * a2 * nu);
  let reshare = params.reshareProbability * a2 * nu;
  if (isFalse) reshare *= 2 * w.agents.credulity[i];
  if ((posts.flagsOf(p) & FLAG_LABELLED) !== 0) reshare *= params.labelReshareFactor;
  // Off (every share 0, the default): nothing is multiplied, so odds are bit-identical to a run without interventions.
  if (params.accuracyPromptShare > 0 || params.prebunkingShare > 0 || params.frictionShare > 0) reshare *= interventionReshareFactor(w, i, isFalse);
  out.reshare = Math.min(1, reshare);
  out.reply = Math.min(1, params.replyProbability * nu * (1.5 - a) * posts.appealOf(p));
  out.report = Math.min(1, params.reportProbability * (1 - a) * (isFalse ? 10 : 1));
  const languages = w.languages;
  if (languages !== null && !readsLanguage(languages, i, w.agents.group[i], posts.language[p])) {
    const f = params.foreignLanguageFactor;
    out.like *= f;
    out.reshare *= f;
    out.reply *= f;
  }
  return out;
}
