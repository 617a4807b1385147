/**
 * "Does user a follow user b?" over a follower graph given as an edge list
 * (edge a → b = a follows b, as in CsrGraph; an undirected list means every
 * tie goes both ways), for the follower rule of the Twitter v2 importer.
 * The edges are stored as a CSR with sorted targets (8 bytes per edge) and
 * each query is a binary search, so graphs of tens of millions of edges fit
 * where a Set of pairs would not (a JS Set holds at most 2²⁴ entries).
 * Users absent from the graph follow no one and have no followers.
 */
import type { EdgeList } from '../model/edge-list.js';

export type FollowsPredicate = (follower: string, followee: string) => boolean;

export function followerPredicate(ids: readonly string[], edges: EdgeList): FollowsPredicate {
  const n = ids.length;
  const index = new Map<string, number>();
  for (let v = 0; v < n; v++) if (!index.has(ids[v])) index.set(ids[v], v);
  const both = !edges.directed;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < edges.m; e++) {
    start[edges.src[e] + 1]++;
    if (both) start[edges.dst[e] + 1]++;
  }
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const targets = new Int32Array(start[n]);
  const fill = start.slice(0, n);
  for (let e = 0; e < edges.m; e++) {
    targets[fill[edges.src[e]]++] = edges.dst[e];
    if (both) targets[fill[edges.dst[e]]++] = edges.src[e];
  }
  for (let v = 0; v < n; v++) targets.subarray(start[v], start[v + 1]).sort();
  return (follower, followee) => {
    const a = index.get(follower);
    const b = index.get(followee);
    if (a === undefined || b === undefined) return false;
    let lo = start[a];
    let hi = start[a + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (targets[mid] < b) lo = mid + 1;
      else hi = mid;
    }
    return lo < start[a + 1] && targets[lo] === b;
  };
}
