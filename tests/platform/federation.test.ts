/**
 * A federated destination's servers (federation.ts), on hand-made worlds
 * with exact oracles: which posts reach whom across servers, what a strict
 * server's moderation blocks, when strict servers suspend a server and
 * which follows that severs, what the local timeline adds to a feed, and
 * how a newcomer's server is chosen.
 */
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { Rng } from '../../src/model/rng.js';
import { validateExodusParams } from '../../src/sim/platform/exodus-params.js';
import { FeedBuffer } from '../../src/sim/platform/feed.js';
import { createFederation, Federation, type FederationRules } from '../../src/sim/platform/federation.js';
import { createPlatform, type Platform } from '../../src/sim/platform/platform.js';
import { FALSE_CLAIM, KIND_ORIGINAL, KIND_RESHARE, NOT_A_CLAIM } from '../../src/sim/platform/post-store.js';

const RULES: FederationRules = { followeePull: 0, campAffinity: 0, defederateAfter: 2, localTimelinePosts: 3 };

/** A platform on the given follows; every false original is detected and acted on at once. */
function platformOf(n: number, edges: ReadonlyArray<readonly [number, number]>): Platform {
  const graph = CsrGraph.fromEdgeList({ n, directed: true, src: Int32Array.from(edges.map((e) => e[0])), dst: Int32Array.from(edges.map((e) => e[1])), m: edges.length }, { slack: 2 });
  return createPlatform(
    { agents: n, followsPerAccount: 1, network: 'given', ranker: 'chronological', outOfNetwork: 0, moderation: 'none', detectionProbability: 1, detectionDelayHours: 0 },
    { seed: 'fed', graph },
  );
}

function edgesOf(g: CsrGraph): string[] {
  const e = g.toEdgeList();
  return Array.from(e.src, (u, k) => `${u}->${e.dst[k]}`).sort();
}

/** Servers: s0 (strict) = {0, 1}, s1 = {2, 3}, s2 = {4, 5}. */
function threeServers(n = 6): Federation {
  const fed = new Federation(n, [1, 1, 1], [0, 1, 0], [1, 0, 0], RULES);
  [0, 0, 1, 1, 2, 2].forEach((s, i) => fed.join(i, s));
  return fed;
}

describe('federation: which posts reach whom', () => {
  const EDGES = [
    [0, 1],
    [0, 2],
    [0, 4],
    [2, 0],
    [3, 4],
    [4, 2],
  ] as const;

  it('posts cross between servers that federate; a suspension stops them both ways and severs exactly the follows between the two', () => {
    const p = platformOf(6, EDGES);
    const w = p.world;
    const fed = threeServers();
    const by = (a: number) => p.addPost(a, 0.1, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
    const p1 = by(1);
    const p2 = by(2);
    const p4 = by(4);
    for (const s of [0, 1, 2]) for (const post of [p1, p2, p4]) expect(fed.allows(w, s, post)).toBe(true);
    expect(fed.suspend(0, 1, w.graph)).toBe(true);
    expect(fed.suspend(1, 0, w.graph)).toBe(false);
    expect(fed.allows(w, 0, p2)).toBe(false);
    expect(fed.allows(w, 1, p1)).toBe(false);
    expect(fed.allows(w, 2, p2)).toBe(true);
    expect(fed.allows(w, 0, p4)).toBe(true);
    expect(edgesOf(w.graph)).toEqual(['0->1', '0->4', '3->4', '4->2']);
    expect(fed.severed).toBe(2);
    // A boost by a server that still federates does not carry the original across the suspension.
    const boost = p.addPost(4, 0.1, NOT_A_CLAIM, 0, KIND_RESHARE, p2);
    expect(fed.allows(w, 0, boost)).toBe(false);
    expect(fed.allows(w, 2, boost)).toBe(true);
  });

  it('a strict server hides detected false claims from its members and removes its own members\' for everyone, once their action time has come', () => {
    const p = platformOf(6, EDGES);
    const w = p.world;
    const fed = threeServers();
    const open = p.addPost(4, 0.5, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
    const own = p.addPost(1, 0.5, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
    const plain = p.addPost(4, 0.5, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
    const later = p.addPost(5, 0.5, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
    const undetected = p.addPost(5, 0.5, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
    w.posts.actAt[later] = w.now + 60;
    w.posts.actAt[undetected] = Infinity;
    expect([0, 1, 2].map((s) => fed.allows(w, s, open))).toEqual([false, true, true]);
    expect([0, 1, 2].map((s) => fed.allows(w, s, own))).toEqual([false, false, false]);
    expect([0, 1, 2].map((s) => fed.allows(w, s, plain))).toEqual([true, true, true]);
    expect([0, 1, 2].map((s) => fed.allows(w, s, undetected))).toEqual([true, true, true]);
    expect(fed.allows(w, 0, later)).toBe(true);
    w.now += 60;
    expect(fed.allows(w, 0, later)).toBe(false);
    // A reshare carries its claim's veracity: hidden with it.
    const reshare = p.addPost(2, 0.5, FALSE_CLAIM, 0, KIND_RESHARE, open);
    expect([0, 1, 2].map((s) => fed.allows(w, s, reshare))).toEqual([false, true, true]);
  });

  it('strict servers suspend a server once its members posted defederateAfter detected false claims; their own claims do not count', () => {
    const p = platformOf(6, EDGES);
    const w = p.world;
    const fed = threeServers();
    p.addPost(4, 0.5, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
    p.addPost(0, 0.5, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
    p.addPost(1, 0.5, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
    fed.afterTick(w);
    expect(Array.from(fed.falseClaims)).toEqual([0, 0, 1]);
    expect(fed.suspensions).toBe(0);
    p.addPost(5, 0.5, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
    fed.afterTick(w);
    expect(Array.from(fed.falseClaims)).toEqual([0, 0, 2]);
    // Only s0 is strict: it suspends s2; s1 keeps federating with both.
    expect(fed.suspensions).toBe(1);
    expect([fed.federates(0, 2), fed.federates(2, 0), fed.federates(0, 1), fed.federates(1, 2)]).toEqual([false, false, true, true]);
    expect(edgesOf(w.graph)).toEqual(['0->1', '0->2', '2->0', '3->4', '4->2']);
    // A follow made later across the suspended pair is severed at the end of the tick.
    w.graph.addEdge(5, 1);
    fed.afterTick(w);
    expect(w.graph.hasEdge(5, 1)).toBe(false);
    expect(fed.severed).toBe(2);
  });
});

describe('federation: the feed', () => {
  // 0 (s0) follows 1 (s0) and 3 (s1); 2 is on s0, 4 on s1, neither followed.
  function setUp(local = 3): { p: Platform; fed: Federation; ids: number[] } {
    const p = platformOf(5, [
      [0, 1],
      [0, 3],
    ]);
    const fed = new Federation(5, [1, 1], [0, 1], [0, 0], { ...RULES, localTimelinePosts: local });
    [0, 0, 0, 1, 1].forEach((s, i) => fed.join(i, s));
    const ids = [1, 2, 3, 4].map((a) => p.addPost(a, 0.1, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1));
    fed.afterTick(p.world);
    p.feedSource = fed.feedSource();
    return { p, fed, ids };
  }
  const feedOf = (p: Platform, fed: Federation, reader: number) => {
    const buf = new FeedBuffer();
    const size = fed.feedSource()(p.world, reader, buf);
    return Array.from(buf.items.subarray(0, size));
  };

  it('home timeline (followees, newest first), then the local timeline: same-server posts of accounts one does not follow', () => {
    const { p, fed, ids } = setUp();
    expect(feedOf(p, fed, 0)).toEqual([ids[2], ids[0], ids[1]]);
    const { p: q, fed: g, ids: jds } = setUp(0);
    expect(feedOf(q, g, 0)).toEqual([jds[2], jds[0]]);
  });

  it('after a suspension the other server\'s posts are gone, even through a follow made since', () => {
    const { p, fed, ids } = setUp();
    fed.suspend(0, 1, p.world.graph);
    expect(feedOf(p, fed, 0)).toEqual([ids[0], ids[1]]);
    p.world.graph.addEdge(0, 3);
    const hidden = fed.hidden;
    expect(feedOf(p, fed, 0)).toEqual([ids[0], ids[1]]);
    expect(fed.hidden).toBe(hidden + 1);
  });

  it('the platform reads its feed through the federation once it is the feed source', () => {
    const { p, ids } = setUp();
    p.readFeed(0, { activations: 0, views: 0, likes: 0, reshares: 0, replies: 0, reports: 0, posts: 0, follows: 0, unfollows: 0 });
    expect(Array.from(p.lastFeed)).toEqual([ids[2], ids[0], ids[1]]);
  });
});

describe('federation: choosing a server', () => {
  it('with pull 1: the server hosting most of one\'s moved followees, ties to the lower index', () => {
    const fed = new Federation(4, [1, 1, 1], [0, 1, 0], [0, 0, 0], { ...RULES, followeePull: 1 });
    const rng = new Rng('c');
    expect(fed.chooseServer([2, 2, 1], 0, rng)).toBe(2);
    expect(fed.chooseServer([1, 2], 0, rng)).toBe(1);
    expect(fed.chooseServer([2, 1, 1, 2], 1, rng)).toBe(1);
  });

  it('with full camp affinity only servers of one\'s side; with no server of one\'s side, the side is ignored', () => {
    const fed = new Federation(4, [1, 1, 1, 1], [0, 1, 0, 1], [0, 0, 0, 0], { ...RULES, campAffinity: 1 });
    const rng = new Rng('side');
    for (let k = 0; k < 200; k++) {
      expect(fed.chooseServer([], 0, rng) % 2).toBe(0);
      expect(fed.chooseServer([], 1, rng) % 2).toBe(1);
    }
    const one = new Federation(4, [1], [0], [0], { ...RULES, campAffinity: 1 });
    expect(one.chooseServer([], 1, rng)).toBe(0);
  });

  it('createFederation: Zipf weights (s + 1)^−exponent, sides alternating, round(share × servers) strict servers', () => {
    const fed = createFederation(10, validateExodusParams({ servers: 7, serverExponent: 2, strictServerShare: 0.3 }), new Rng('f'));
    expect(Array.from(fed.weights)).toEqual([1, 1 / 4, 1 / 9, 1 / 16, 1 / 25, 1 / 36, 1 / 49]);
    expect(Array.from(fed.side)).toEqual([0, 1, 0, 1, 0, 1, 0]);
    expect(fed.strict.reduce((a, b) => a + b, 0)).toBe(2);
    // Newcomers without moved followees and no side preference: frequencies ∝ weights (within 4 SD).
    const count = new Array<number>(7).fill(0);
    const rng = new Rng('draws');
    const draws = 20_000;
    for (let k = 0; k < draws; k++) count[fed.chooseServer([], 0, rng)]++;
    const total = fed.weights.reduce((a, b) => a + b, 0);
    fed.weights.forEach((wt, s) => {
      const q = wt / total;
      expect(Math.abs(count[s] - draws * q), `server ${s}`).toBeLessThan(4 * Math.sqrt(draws * q * (1 - q)));
    });
  });

  it('rejects mismatched server lists and a second join', () => {
    expect(() => new Federation(3, [1, 1], [0], [0, 0], RULES)).toThrow(/one of each per server/);
    const fed = new Federation(3, [1], [0], [0], RULES);
    fed.join(1, 0);
    expect(() => fed.join(1, 0)).toThrow(/already on server 0/);
  });
});
