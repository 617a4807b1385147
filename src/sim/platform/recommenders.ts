/**
 * Who to follow: each recommender proposes one account for `reader` to
 * follow, never itself, never one it already follows, never a suspended one
 * (−1 when it finds none after a few tries).
 *
 * - random: uniform over accounts.
 * - friend-of-friend: a followee of a random followee (triadic closure).
 * - similarity: the closest opinion among 10 random accounts (a "people like
 *   you" recommender; the sample keeps it O(1)).
 * - popularity: an account chosen ∝ its followers (the target of a random
 *   follow edge), i.e. preferential attachment.
 */
import type { World } from './world.js';

export interface Recommender {
  readonly name: string;
  readonly description: string;
  propose(w: World, reader: number): number;
}

const TRIES = 10;

function acceptable(w: World, reader: number, v: number): boolean {
  return v >= 0 && v !== reader && w.agents.suspended[v] === 0 && !w.graph.out.has(reader, v);
}

function randomAccount(w: World, reader: number): number {
  const r = w.streams.rewire;
  for (let t = 0; t < TRIES; t++) {
    const v = r.int(w.graph.n);
    if (acceptable(w, reader, v)) return v;
  }
  return -1;
}

export const recommenders: Readonly<Record<string, Recommender>> = Object.freeze({
  random: { name: 'random', description: 'A uniformly random account.', propose: randomAccount },
  'friend-of-friend': {
    name: 'friend-of-friend',
    description: 'An account followed by someone you follow.',
    propose(w, reader) {
      const r = w.streams.rewire;
      const out = w.graph.out;
      for (let t = 0; t < TRIES; t++) {
        const d = out.deg[reader];
        if (d === 0) break;
        const f = out.targets[out.start[reader] + r.int(d)];
        const df = out.deg[f];
        if (df === 0) continue;
        const v = out.targets[out.start[f] + r.int(df)];
        if (acceptable(w, reader, v)) return v;
      }
      return randomAccount(w, reader);
    },
  },
  similarity: {
    name: 'similarity',
    description: 'The account closest to your opinion among a random sample of 10.',
    propose(w, reader) {
      const r = w.streams.rewire;
      const x = w.agents.opinion[reader];
      let best = -1;
      let bestD = Infinity;
      for (let t = 0; t < TRIES; t++) {
        const v = r.int(w.graph.n);
        if (!acceptable(w, reader, v)) continue;
        const d = Math.abs(w.agents.opinion[v] - x);
        if (d < bestD) {
          bestD = d;
          best = v;
        }
      }
      return best;
    },
  },
  popularity: {
    name: 'popularity',
    description: 'An account chosen in proportion to its followers.',
    propose(w, reader) {
      const r = w.streams.rewire;
      const out = w.graph.out;
      for (let t = 0; t < TRIES; t++) {
        // The target of a uniformly random follow edge: ∝ followers. Rows are
        // picked by a random follower with a non-empty row, a close and O(1)
        // approximation when out-degrees are similar.
        const u = r.int(w.graph.n);
        const d = out.deg[u];
        if (d === 0) continue;
        const v = out.targets[out.start[u] + r.int(d)];
        if (acceptable(w, reader, v)) return v;
      }
      return randomAccount(w, reader);
    },
  },
});
