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
 */
import type { World } from './world.js';

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
      for (let k = 0; k < size; k++) {
        const s = w.posts.stanceOf(feed[k]);
        if (Math.abs(s - x) < tol) x += mu * (s - x);
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
      let sum = 0;
      let count = 0;
      for (let k = 0; k < size; k++) {
        const s = w.posts.stanceOf(feed[k]);
        if (Math.abs(s - x) < tol) {
          sum += s - x;
          count++;
        }
      }
      if (count > 0) a.opinion[i] = x + (w.params.influence * sum) / count;
    },
  },
});
