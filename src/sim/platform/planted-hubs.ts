/**
 * Planted hubs: accounts given an exact share of the population as
 * followers, so that a scenario keeps the follower ratio of the accounts in
 * its source at any scale. The CrowdStrike hoax of July 2024 was relayed
 * by two large accounts of about 300K and 200K followers (ratio 1.5); a
 * preferential-attachment network of a few thousand accounts makes its two
 * largest hubs nearly equal (1,007 and 937 followers at 5,000 accounts).
 *
 * For hub h with share s_h the target is F_h = round(s_h · (n − 1))
 * followers. The hubs are the most-followed accounts of the chosen group
 * (ties to the lower index), the first hub the most-followed. A hub below
 * its target gains followers among the accounts that do not follow it yet:
 * round(homeShare · needed) of them from its own group (at most as many as
 * there are), the rest from the other groups, each set drawn uniformly
 * without replacement. A hub above its target loses a uniform sample of its
 * followers. Every draw comes from the `hubs` stream of the network, so
 * nothing else of the network changes.
 */
import type { EdgeList } from '../../model/edge-list.js';
import { InputError } from '../../model/errors.js';
import type { Rng } from '../../model/rng.js';

export interface HubPlan {
  /** Follower share of each hub, largest first (e.g. [0.3, 0.2]). */
  readonly shares: readonly number[];
  /** Group (index) the hubs are chosen from; −1: any group. */
  readonly group: number;
  /** Share of a hub's added followers drawn from its own group. */
  readonly homeShare: number;
}

export interface PlantedHubs {
  readonly edges: EdgeList;
  /** The hubs' account indices, in the order of `shares`. */
  readonly hubs: readonly number[];
}

/** Each account's group (`groups[i]`), needed to choose hubs of a group and home followers. */
export function plantHubs(edges: EdgeList, plan: HubPlan, groups: Uint8Array, rng: Rng): PlantedHubs {
  const n = edges.n;
  const k = plan.shares.length;
  if (k === 0) return { edges, hubs: [] };
  const indeg = new Int32Array(n);
  for (let e = 0; e < edges.m; e++) indeg[edges.dst[e]]++;
  // The k most-followed accounts of the group, most-followed first, ties to the lower index.
  const hubs: number[] = [];
  const taken = new Uint8Array(n);
  for (let j = 0; j < k; j++) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (taken[i] !== 0 || (plan.group >= 0 && groups[i] !== plan.group)) continue;
      if (best < 0 || indeg[i] > indeg[best]) best = i;
    }
    if (best < 0) throw new InputError(`platform: plantedHubs asks for ${k} hubs but the group has fewer accounts`, { field: 'plantedHubs' });
    taken[best] = 1;
    hubs.push(best);
  }
  const hubIndex = new Int32Array(n).fill(-1);
  hubs.forEach((h, j) => {
    hubIndex[h] = j;
  });
  // Followers of each hub, in edge order, and which edges to drop.
  const follows = hubs.map(() => new Uint8Array(n));
  const followerEdges: number[][] = hubs.map(() => []);
  for (let e = 0; e < edges.m; e++) {
    const j = hubIndex[edges.dst[e]];
    if (j >= 0) {
      follows[j][edges.src[e]] = 1;
      followerEdges[j].push(e);
    }
  }
  const drop = new Uint8Array(edges.m);
  const added: Array<[number, number]> = [];
  const r = rng.fork('hubs');
  hubs.forEach((h, j) => {
    const target = Math.round(plan.shares[j] * (n - 1));
    const have = followerEdges[j].length;
    if (have > target) {
      for (const t of r.sampleIndices(have, have - target)) drop[followerEdges[j][t]] = 1;
      return;
    }
    const need = target - have;
    const home: number[] = [];
    const away: number[] = [];
    for (let u = 0; u < n; u++) {
      if (u === h || follows[j][u] !== 0) continue;
      if (plan.group >= 0 && groups[u] === groups[h]) home.push(u);
      else away.push(u);
    }
    const fromHome = plan.group >= 0 ? Math.min(home.length, Math.round(plan.homeShare * need)) : 0;
    const fromAway = need - fromHome;
    if (fromAway > away.length) {
      throw new InputError(`platform: hub ${j + 1} needs ${target} followers but only ${have + home.length + away.length} accounts can follow it`, { field: 'plantedHubs' });
    }
    // Sorted, so the new edges come in account order whatever the sampler's order.
    const picks = [...r.sampleIndices(home.length, fromHome).map((t) => home[t]), ...r.sampleIndices(away.length, fromAway).map((t) => away[t])].sort((a, b) => a - b);
    for (const u of picks) added.push([u, h]);
  });
  let dropped = 0;
  for (let e = 0; e < edges.m; e++) dropped += drop[e];
  const m = edges.m - dropped + added.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  let o = 0;
  for (let e = 0; e < edges.m; e++) {
    if (drop[e] !== 0) continue;
    src[o] = edges.src[e];
    dst[o] = edges.dst[e];
    o++;
  }
  for (const [u, v] of added) {
    src[o] = u;
    dst[o] = v;
    o++;
  }
  return { edges: { n, directed: edges.directed, src, dst, m }, hubs };
}
