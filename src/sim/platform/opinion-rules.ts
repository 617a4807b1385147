/**
 * How the posts of a session move the reader's opinion (on [−1, 1]).
 *
 * - none: opinions never change.
 * - bounded-confidence: for each post in feed order with |x − s| < τ_i,
 *   x ← x + μ (s − x) (Deffuant et al. 2000, with posts as partners; only the
 *   reader moves).
 * - sasahara: x ← x + μ · mean_{s concordant}(s − x), one move per session
 *   (Sasahara et al. 2021).
 *
 * Bots never change their opinion.
 *
 * Prebunking (interventions.ts): for an inoculated reader the step toward
 * a false claim's stance is multiplied by 1 − `prebunkingBeliefEffect`
 * (in bounded-confidence, μ becomes μ(1 − e_b) for that post; in
 * sasahara, the claim's s − x counts with weight 1 − e_b in the sum, the
 * count unchanged). With `prebunkingShare` 0 the rules run exactly as
 * before.
 */
import { beliefFactor } from './interventions.js';
import { FALSE_CLAIM } from './post-store.js';
import type { World } from './world.js';

/** The factor of a post's pull on an inoculated reader (`resist` < 1) or 1. */
function pullOf(w: World, p: number, resist: number): number {
  return resist !== 1 && w.posts.veracityOf(p) === FALSE_CLAIM ? resist : 1;
}

export interface OpinionRule {
  readonly name: string;
  readonly description: string;
  update(w: World, reader: number, feed: Int32Array, size: number): void;
}

export const opinionRules: Readonly<Record<string, OpinionRule>> = Object.freeze({
  none: { name: 'none', description: 'Opinions never change.', update: () => {} },
  'bounded-confidence': {
    name: 'bounded-confidence',
    description: 'Each concordant post pulls the reader μ of the way toward its stance.',
    update(w, i, feed, size) {
      const a = w.agents;
      let x = a.opinion[i];
      const tol = a.tolerance[i];
      const mu = w.params.influence;
      const resist = w.params.prebunkingShare > 0 ? beliefFactor(w, i) : 1;
      if (resist === 1) {
        for (let k = 0; k < size; k++) {
          const s = w.posts.stanceOf(feed[k]);
          if (Math.abs(s - x) < tol) x += mu * (s - x);
        }
      } else {
        for (let k = 0; k < size; k++) {
          const s = w.posts.stanceOf(feed[k]);
          if (Math.abs(s - x) < tol) x += mu * pullOf(w, feed[k], resist) * (s - x);
        }
      }
      a.opinion[i] = x;
    },
  },
  sasahara: {
    name: 'sasahara',
    description: 'The reader moves μ toward the mean of the concordant posts.',
    update(w, i, feed, size) {
      const a = w.agents;
      const x = a.opinion[i];
      const tol = a.tolerance[i];
      const resist = w.params.prebunkingShare > 0 ? beliefFactor(w, i) : 1;
      let sum = 0;
      let count = 0;
      for (let k = 0; k < size; k++) {
        const s = w.posts.stanceOf(feed[k]);
        if (Math.abs(s - x) < tol) {
          sum += resist === 1 ? s - x : pullOf(w, feed[k], resist) * (s - x);
          count++;
        }
      }
      if (count > 0) a.opinion[i] = x + (w.params.influence * sum) / count;
    },
  },
});
