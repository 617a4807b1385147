/**
 * Importing one's follows on signing up to a second platform. Threads
 * offered to follow, at sign-up, the accounts one followed on Instagram;
 * Mastodon accepts a list of follows to import (and tools such as
 * Fedifinder or Debirdify built that list from one's Twitter follows). Both
 * keep only follows whose target already has an account there, and people
 * pick from the list rather than take all of it.
 *
 * Rule: for account i joining, each followee v of i on the origin (in the
 * order of i's follow row) is a candidate when `eligible(v)` (v is on the
 * destination and, federated, on a server that federates with i's); a
 * candidate is kept with probability `share`, one draw from `rng` per
 * candidate. share = 0 keeps none and share = 1 keeps all, without drawing.
 *
 * Pending follows (direction 'in'): the same rule over i's followers on the
 * origin, each eligible one following i on the destination. Threads kept
 * one's follows of accounts not there yet and made them when they joined.
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import type { Rng } from '../../model/rng.js';

/**
 * The followees (direction 'out') or followers ('in') of `account` in
 * `origin` kept on sign-up, in row order.
 */
export function importFollows(origin: CsrGraph, account: number, eligible: (v: number) => boolean, share: number, rng: Rng, direction: 'out' | 'in' = 'out'): number[] {
  const kept: number[] = [];
  if (!(share > 0)) return kept;
  const { start, deg, targets } = direction === 'out' ? origin.out : origin.in;
  for (let k = start[account], end = k + deg[account]; k < end; k++) {
    const v = targets[k];
    if (v === account || !eligible(v)) continue;
    if (share >= 1 || rng.next() < share) kept.push(v);
  }
  return kept;
}
