/**
 * Who to follow: each recommender proposes one account for `reader` to
 * follow (phase 8, when the feed offered no concordant account), never
 * itself, never one it already follows, never a suspended one; −1 when it
 * finds none. Draws come from the run's `rewire` stream.
 *
 * - random: uniform over accounts (10 tries, then −1).
 * - friend-of-friend: triadic closure. Up to 10 two-step walks (a random
 *   followee, then a random followee of it); if none lands on an acceptable
 *   account, a uniform pick among all acceptable followees of followees (one
 *   scan of them, counted with multiplicity); only when there are none, a
 *   random account.
 * - similarity: the closest opinion among the acceptable accounts of 10
 *   random draws (a "people like you" recommender; the sample keeps it
 *   O(1)); ties go to the lower index.
 * - popularity: an account chosen ∝ its followers, i.e. the target of a
 *   uniformly random follow edge (preferential attachment; Barabási & Albert
 *   1999). Drawn from Walker's alias table over in-degrees, rebuilt lazily:
 *   at the first proposal of each tick (and when accounts join), so the
 *   weights are the follower counts at that moment. Picking a random account
 *   and then one of its followees instead would weight v by
 *   Σ_{u→v} 1/outdeg(u), which is biased whenever out-degrees differ.
 *   Unacceptable draws are redrawn (10 tries, then a random account).
 */
import { AliasTable } from '../../model/rng.js';
import type { World } from './world.js';

export interface Recommender {
  readonly name: string;
  readonly description: string;
  propose(w: World, reader: number): number;
}

const TRIES = 10;

/** Whether `reader` may be proposed `v`: not itself, not followed yet, not suspended. */
export function acceptable(w: World, reader: number, v: number): boolean {
  return v >= 0 && v < w.graph.n && v !== reader && w.agents.suspended[v] === 0 && !w.graph.out.has(reader, v);
}

function randomAccount(w: World, reader: number): number {
  const r = w.streams.rewire;
  for (let t = 0; t < TRIES; t++) {
    const v = r.int(w.graph.n);
    if (acceptable(w, reader, v)) return v;
  }
  return -1;
}

function friendOfFriend(w: World, reader: number): number {
  const r = w.streams.rewire;
  const out = w.graph.out;
  const d = out.deg[reader];
  if (d === 0) return randomAccount(w, reader);
  for (let t = 0; t < TRIES; t++) {
    const f = out.targets[out.start[reader] + r.int(d)];
    const df = out.deg[f];
    if (df === 0) continue;
    const v = out.targets[out.start[f] + r.int(df)];
    if (acceptable(w, reader, v)) return v;
  }
  // The walks kept landing on followed or suspended accounts: reservoir-sample one acceptable path.
  let pick = -1;
  let seen = 0;
  for (let k = out.start[reader], e = k + d; k < e; k++) {
    const f = out.targets[k];
    for (let j = out.start[f], ej = j + out.deg[f]; j < ej; j++) {
      const v = out.targets[j];
      if (acceptable(w, reader, v) && r.int(++seen) === 0) pick = v;
    }
  }
  return pick >= 0 ? pick : randomAccount(w, reader);
}

/** The popularity recommender's alias table and when it was built. */
interface FollowerTable {
  table: AliasTable | null;
  tick: number;
  n: number;
}

const followerTables = new WeakMap<World, FollowerTable>();

/** Walker's alias table over follower counts, rebuilt at the first use of each tick (null: nobody has followers). */
export function followerTable(w: World): AliasTable | null {
  let cached = followerTables.get(w);
  if (cached && cached.tick === w.ticks && cached.n === w.graph.n) return cached.table;
  const n = w.graph.n;
  const deg = w.graph.in.deg;
  let total = 0;
  for (let i = 0; i < n; i++) total += deg[i];
  const table = total > 0 ? new AliasTable(deg.subarray(0, n)) : null;
  cached = { table, tick: w.ticks, n };
  followerTables.set(w, cached);
  return table;
}

function popular(w: World, reader: number): number {
  const table = followerTable(w);
  if (table) {
    const r = w.streams.rewire;
    for (let t = 0; t < TRIES; t++) {
      const v = table.draw(r);
      if (acceptable(w, reader, v)) return v;
    }
  }
  return randomAccount(w, reader);
}

function similar(w: World, reader: number): number {
  const r = w.streams.rewire;
  const x = w.agents.opinion[reader];
  let best = -1;
  let bestD = Infinity;
  for (let t = 0; t < TRIES; t++) {
    const v = r.int(w.graph.n);
    if (!acceptable(w, reader, v)) continue;
    const d = Math.abs(w.agents.opinion[v] - x);
    // Ties go to the lower index, so the result does not depend on draw order.
    if (d < bestD || (d === bestD && v < best)) {
      bestD = d;
      best = v;
    }
  }
  return best;
}

export const recommenders: Readonly<Record<string, Recommender>> = Object.freeze({
  random: { name: 'random', description: 'A uniformly random account.', propose: randomAccount },
  'friend-of-friend': { name: 'friend-of-friend', description: 'An account followed by someone you follow.', propose: friendOfFriend },
  similarity: { name: 'similarity', description: 'The account closest to your opinion among a random sample of 10.', propose: similar },
  popularity: { name: 'popularity', description: 'An account chosen in proportion to its followers.', propose: popular },
});
