/**
 * The exodus to a second platform (exodus.ts, destination.ts,
 * follow-import.ts), on tiny hand-made worlds with exact oracles, then as
 * properties over random small worlds (fast-check, pinned seed):
 *
 * - the import rule keeps exactly the follows whose target is there (share
 *   1), none (share 0), and in between draws once per candidate, in row
 *   order; pending follows are the same rule over one's followers;
 * - a leaver goes dormant on the origin, a cross-poster stays active; both
 *   sign up with their traits; moving twice or a bad account is refused;
 * - a mover's opinion adds up both platforms' changes; the views of each
 *   platform keep exactly its accounts and the follows between them;
 * - the hazard: zero rates move nobody; only the opposed side moves on the
 *   opposition term; the peer term needs a moved followee; a rate's
 *   first-pass share matches 1 − exp(−λΔ);
 * - nobody is on a platform twice, every destination follow joins two
 *   accounts present there (federating, when federated), the membership
 *   records agree with each other;
 * - with every rate 0, or a trigger after the end, the origin runs exactly
 *   as without an exodus.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { InputError, ParamError } from '../../src/model/errors.js';
import { fingerprint } from '../../src/model/fingerprint.js';
import { Rng } from '../../src/model/rng.js';
import { destinationParams } from '../../src/sim/platform/destination.js';
import { EXODUS_SCHEMA, validateExodusParams } from '../../src/sim/platform/exodus-params.js';
import { attachExodus, CROSS_POSTED, LEFT, STAYED, type Exodus } from '../../src/sim/platform/exodus.js';
import { importFollows } from '../../src/sim/platform/follow-import.js';
import { PLATFORM_DEFAULTS, type PlatformParams } from '../../src/sim/platform/platform-params.js';
import { createPlatform, type Platform } from '../../src/sim/platform/platform.js';
import { fieldOf } from '../support/param-error-field.js';

function graphOf(n: number, edges: ReadonlyArray<readonly [number, number]>): CsrGraph {
  return CsrGraph.fromEdgeList({ n, directed: true, src: Int32Array.from(edges.map((e) => e[0])), dst: Int32Array.from(edges.map((e) => e[1])), m: edges.length }, { slack: 2 });
}

/** A hand-made origin: the given follows, camps, opinions −0.5 / +0.5 by camp. */
function tinyOrigin(n: number, edges: ReadonlyArray<readonly [number, number]>, camp: readonly number[], params: Partial<PlatformParams> = {}): Platform {
  return createPlatform(
    { agents: n, followsPerAccount: 1, network: 'given', initialOpinions: 'by-camp', activityPerHour: 0.5, dailyRhythm: false, opinionRule: 'none', ...params },
    { seed: 'tiny', graph: graphOf(n, edges), camp: Int32Array.from(camp) },
  );
}

function edgesOf(g: CsrGraph): string[] {
  const e = g.toEdgeList();
  return Array.from(e.src, (u, k) => `${u}->${e.dst[k]}`).sort();
}

describe('importFollows: the follows kept on sign-up', () => {
  // 0 follows 1, 2, 3, 4 and itself is impossible; 5 follows 0.
  const g = graphOf(6, [
    [0, 1],
    [0, 2],
    [0, 3],
    [0, 4],
    [5, 0],
    [2, 0],
  ]);
  const there = new Set([1, 3, 5]);
  const eligible = (v: number) => there.has(v);

  it('share 1 keeps exactly the followees already there, in row order; share 0 keeps none; neither draws', () => {
    const rng = new Rng('import');
    const before = rng.getState();
    expect(importFollows(g, 0, eligible, 1, rng)).toEqual([1, 3]);
    expect(importFollows(g, 0, eligible, 0, rng)).toEqual([]);
    expect(rng.getState()).toEqual(before);
  });

  it("direction 'in' applies the rule to one's followers (pending follows)", () => {
    expect(importFollows(g, 0, eligible, 1, new Rng('x'), 'in')).toEqual([5]);
    expect(importFollows(g, 0, (v) => v === 2 || v === 5, 1, new Rng('x'), 'in')).toEqual(Array.from(g.in.row(0)).filter((v) => v === 2 || v === 5));
    expect(importFollows(g, 0, (v) => v === 2 || v === 5, 1, new Rng('x'), 'in').sort()).toEqual([2, 5]);
  });

  it('in between, one draw per candidate in row order, kept when below the share', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      const draws = new Rng(seed);
      const u = [draws.next(), draws.next()];
      const expected = [1, 3].filter((_, k) => u[k] < 0.5);
      const rng = new Rng(seed);
      expect(importFollows(g, 0, eligible, 0.5, rng)).toEqual(expected);
      // Exactly two draws were made: the next number is the third of the stream.
      expect(rng.next()).toBe(draws.next());
    }
  });
});

describe('moves on a hand-made world', () => {
  // 0 → 1, 0 → 2, 1 → 0, 2 → 3, 3 → 0, 4 → 5; camps 0,0,0,1,1,1.
  const EDGES = [
    [0, 1],
    [0, 2],
    [1, 0],
    [2, 3],
    [3, 0],
    [4, 5],
  ] as const;
  const CAMP = [0, 0, 0, 1, 1, 1];

  it('import at sign-up: only follows whose target is already there; pending follows add the followers already there', () => {
    const plain = attachExodus(tinyOrigin(6, EDGES, CAMP), { importShare: 1 }, { seed: 't' });
    plain.move(1, 'leave');
    plain.move(0, 'leave');
    plain.move(3, 'cross-post');
    // 1 joined first (0 absent then); 0 imports 0→1 (2 absent); 3 imports 3→0.
    expect(edgesOf(plain.destination.graph)).toEqual(['0->1', '3->0']);
    const pending = attachExodus(tinyOrigin(6, EDGES, CAMP), { importShare: 1, pendingFollows: true }, { seed: 't' });
    pending.move(1, 'leave');
    pending.move(0, 'leave');
    pending.move(3, 'cross-post');
    // 0's arrival also brings 1→0 (1 follows 0 and is there); 3's brings nothing new (2 follows 3 but is absent).
    expect(edgesOf(pending.destination.graph)).toEqual(['0->1', '1->0', '3->0']);
    expect(pending.moves.map((m) => m.imported)).toEqual([0, 2, 1]);
  });

  it('a leaver goes dormant on the origin, a cross-poster keeps its sessions; both sign up with their traits', () => {
    const origin = tinyOrigin(6, EDGES, CAMP);
    const ex = attachExodus(origin, {}, { seed: 't' });
    const activity = Float32Array.from(origin.world.agents.activity);
    const d = ex.destination.world.agents;
    expect(Array.from(d.suspended)).toEqual([1, 1, 1, 1, 1, 1]);
    ex.move(2, 'leave');
    ex.move(4, 'cross-post');
    expect(origin.world.agents.activity[2]).toBe(0);
    expect(origin.world.agents.activity[4]).toBe(activity[4]);
    expect(Array.from(d.suspended)).toEqual([1, 1, 0, 1, 0, 1]);
    for (const i of [2, 4]) {
      expect(d.activity[i]).toBe(activity[i]);
      expect(d.opinion[i]).toBe(origin.world.agents.opinion[i]);
      expect(d.tolerance[i]).toBe(origin.world.agents.tolerance[i]);
    }
    expect(Array.from(ex.status)).toEqual([STAYED, STAYED, LEFT, STAYED, CROSS_POSTED, STAYED]);
    expect(() => ex.move(2, 'cross-post')).toThrow(InputError);
    expect(fieldOf(() => ex.move(6, 'leave'))).toBe('account');
    expect(fieldOf(() => ex.move(1, 'stay' as 'leave'))).toBe('kind');
  });

  it('a dormant leaver has no more sessions on the origin; it has them on the destination', () => {
    const origin = tinyOrigin(6, EDGES, CAMP, { activityPerHour: 2, activityHeterogeneity: 0 });
    const ex = attachExodus(origin, {}, { seed: 't' });
    ex.move(2, 'leave');
    const before = origin.world.agents.sessions[2];
    origin.run(24);
    expect(origin.world.agents.sessions[2]).toBe(before);
    expect(ex.destination.world.agents.sessions[2]).toBeGreaterThan(20);
    expect(ex.destination.now).toBe(origin.now);
  });

  it('federated, two servers, full camp affinity: each account joins its camp\'s server; a suspension keeps follows from crossing', () => {
    const origin = tinyOrigin(6, EDGES, CAMP);
    const ex = attachExodus(origin, { destination: 'federated', servers: 2, campAffinity: 1, followeePull: 0, importShare: 1, pendingFollows: true }, { seed: 't' });
    const fed = ex.federation!;
    fed.suspend(0, 1, ex.destination.graph);
    for (const i of [0, 1, 2, 3, 4, 5]) ex.move(i, 'leave');
    expect(Array.from(fed.server)).toEqual(CAMP);
    expect(Array.from(fed.members)).toEqual([3, 3]);
    // Every origin follow inside a camp is there; 2→3 and 3→0 cross the suspended pair.
    expect(edgesOf(ex.destination.graph)).toEqual(['0->1', '0->2', '1->0', '4->5']);
  });
});

describe('one person, two feeds; views of each platform', () => {
  const EDGES = [
    [0, 1],
    [1, 2],
    [2, 0],
    [3, 4],
    [4, 3],
    [0, 4],
  ] as const;

  it("a mover's opinion takes both platforms' changes since the last tick, clipped to [−1, 1]", () => {
    const origin = tinyOrigin(5, EDGES, [0, 0, 0, 1, 1]);
    const ex = attachExodus(origin, {}, { seed: 't' });
    ex.move(1, 'cross-post');
    ex.move(3, 'leave');
    const xo = origin.world.agents.opinion;
    const xd = ex.destination.world.agents.opinion;
    const x1 = xo[1];
    const x3 = xo[3];
    xo[1] = x1 + 0.125;
    xd[1] = x1 - 0.5;
    xd[3] = 0.875;
    xo[3] = 0.75; // a leaver's origin copy is not read by anyone, but it is synced too
    origin.tick(); // opinionRule 'none': sessions change no opinion
    expect(xo[1]).toBe(Math.max(-1, Math.min(1, x1 + 0.125 + (x1 - 0.5) - x1)));
    expect(xd[1]).toBe(xo[1]);
    expect(xo[3]).toBe(1); // 0.75 + 0.875 − x3 (0.5 ± noise) > 1: clipped
    expect(xd[3]).toBe(1);
    expect(x3).toBeGreaterThan(0);
  });

  it('views: the destination holds the movers, the origin its still-active accounts, the snapshot the origin at the trigger', () => {
    const origin = tinyOrigin(5, EDGES, [0, 0, 0, 1, 1]);
    const ex = attachExodus(origin, { importShare: 1, pendingFollows: true }, { seed: 't' });
    ex.move(0, 'leave');
    ex.move(4, 'cross-post');
    ex.move(1, 'leave');
    // Destination: accounts 0, 1, 4 → 0, 1, 2; follows 0→1, 0→4 among them.
    const d = ex.destinationView();
    expect(d.graph.n).toBe(3);
    expect(edgesOf(d.graph)).toEqual(['0->1', '0->2']);
    expect(Array.from(d.attribute!)).toEqual([0, 0, 1]);
    // Origin: the leavers 0 and 1 are gone; 2, 3, 4 → 0, 1, 2 with 3↔4.
    const o = ex.originView();
    expect(o.graph.n).toBe(3);
    expect(edgesOf(o.graph)).toEqual(['1->2', '2->1']);
    // The trigger (hour 0) was at attach: the snapshot is the whole origin then.
    expect(edgesOf(ex.snapshotView(new Uint8Array(5).fill(1))!.graph)).toEqual(edgesOf(origin.graph));
    expect(ex.snapshot!.followers).toEqual(Int32Array.from([1, 1, 1, 1, 2]));
  });
});

describe('the hazard', () => {
  function world(n: number, seed: string): Platform {
    return createPlatform({ agents: n, followsPerAccount: 5, network: 'two-camps', initialOpinions: 'by-camp', dailyRhythm: false, tickMinutes: 60 }, { seed });
  }

  it('zero rates move nobody', () => {
    const p = world(200, 'z');
    const ex = attachExodus(p, { baseRatePerDay: 0, oppositionRatePerDay: 0, peerRatePerDay: 0 }, { seed: 'z' });
    p.run(48);
    expect(ex.moved).toBe(0);
  });

  it('the opposition term moves only accounts whose opinion has the sign opposed to changeStance, and only from the trigger on', () => {
    const p = world(300, 'o');
    const ex = attachExodus(p, { triggerHour: 10, changeStance: -1, oppositionRatePerDay: 20 }, { seed: 'o' });
    p.run(9);
    expect(ex.moved).toBe(0);
    p.run(15);
    expect(ex.moved).toBeGreaterThan(50);
    for (const m of ex.moves) {
      expect(p.world.agents.opinion[m.account]).toBeGreaterThan(0);
      expect(m.at).toBeGreaterThanOrEqual(11 * 60);
    }
  });

  it('the peer term moves exactly among the accounts whose share of moved followees reached their threshold', () => {
    const p = world(300, 'p');
    const ex = attachExodus(p, { peerRatePerDay: 50 }, { seed: 'p' });
    p.run(6);
    expect(ex.moved).toBe(0);
    // Camp 1 moves by hand; camp 0 accounts follow a few of them (10 % of follows cross camps).
    const camp = p.world.camp!;
    for (let i = 0; i < 300; i++) if (camp[i] === 1) ex.move(i, 'leave');
    const handMoved = ex.moved;
    const out = p.world.graph.out;
    const over = new Set<number>();
    for (let i = 0; i < 300; i++) {
      if (camp[i] === 1 || out.deg[i] === 0) continue;
      const m = Array.from(out.row(i)).filter((v) => camp[v] === 1).length / out.deg[i];
      if (m > 0 && m >= ex.threshold[i]) over.add(i);
    }
    p.run(1);
    const peer = ex.moves.slice(handMoved).map((m) => m.account);
    expect(over.size).toBeGreaterThan(5);
    for (const i of peer) expect(over.has(i), `account ${i}`).toBe(true);
    // Each of them moved with probability 1 − exp(−50/24) ≈ 0.88.
    expect(peer.length).toBeGreaterThan(0.6 * over.size);
  });

  it('the share moving in the first pass matches 1 − exp(−λΔ) (binomial, within 4 SD)', () => {
    const n = 4000;
    const p = world(n, 'b');
    const ex = attachExodus(p, { baseRatePerDay: 2.4 }, { seed: 'b' });
    p.run(1);
    const q = 1 - Math.exp(-2.4 / 24);
    expect(Math.abs(ex.moved - n * q)).toBeLessThan(4 * Math.sqrt(n * q * (1 - q)));
  });
});

describe('parameters', () => {
  it('an unknown name suggests the closest; a bad value names the field and the range', () => {
    expect(() => validateExodusParams({ importShar: 0.5 })).toThrow(/unknown parameter `importShar` \(did you mean `importShare`\?\)/);
    expect(() => validateExodusParams({ importShare: 2 })).toThrow(/invalid `importShare` \(2\): expected a number in \[0, 1\]/);
    expect(() => validateExodusParams({ servers: 2.5 })).toThrow(/invalid `servers` \(2\.5\): expected an integer/);
    expect(() => validateExodusParams({ destination: 'bluesky' })).toThrow(/invalid `destination` \("bluesky"\): expected one of "centralised", "federated"/);
    expect(() => validateExodusParams({ pendingFollows: 1 })).toThrow(/invalid `pendingFollows` \(1\): expected true or false/);
    expect(fieldOf(() => validateExodusParams({ peerRatePerDay: -1 }))).toBe('peerRatePerDay');
    for (const [name, spec] of Object.entries(EXODUS_SCHEMA)) expect(spec.help.length, name).toBeGreaterThan(20);
  });

  it('the destination refuses a moderation that suspends (absence is its suspension flag) and bots', () => {
    expect(fieldOf(() => destinationParams(PLATFORM_DEFAULTS, 100, 'centralised', { moderation: 'remove-and-suspend' }))).toBe('moderation');
    expect(fieldOf(() => destinationParams(PLATFORM_DEFAULTS, 100, 'centralised', { botShare: 0.1 }))).toBe('botShare');
    expect(destinationParams(PLATFORM_DEFAULTS, 100, 'federated').ranker).toBe('chronological');
    expect(destinationParams(PLATFORM_DEFAULTS, 100, 'centralised').ranker).toBe('engagement');
  });

  it('attachExodus needs a seed key', () => {
    expect(() => attachExodus(tinyOrigin(3, [[0, 1]], [0, 0, 1]), {}, { seed: '' })).toThrow(ParamError);
  });
});

// ---- Properties over random small worlds -------------------------------------

const worldArb = fc.record({
  agents: fc.integer({ min: 20, max: 70 }),
  network: fc.constantFrom('two-camps', 'preferential-attachment', 'erdos-renyi'),
  ranker: fc.constantFrom('chronological', 'engagement'),
  seed: fc.string({ minLength: 1, maxLength: 6 }),
});

/** A number on a grid in [0, max] (fast-check's doubles crowd near 0 and the bounds). */
const grid = (max: number, steps = 100) => fc.integer({ min: 0, max: steps }).map((k) => (k * max) / steps);

const exodusArb = fc.record({
  destination: fc.constantFrom('centralised', 'federated'),
  triggerHour: fc.integer({ min: 0, max: 12 }),
  baseRatePerDay: grid(3),
  oppositionRatePerDay: grid(5),
  peerRatePerDay: grid(10),
  crossPostShare: grid(1),
  importShare: grid(1),
  pendingFollows: fc.boolean(),
  servers: fc.integer({ min: 1, max: 8 }),
  followeePull: grid(1),
  campAffinity: grid(1),
  strictServerShare: grid(1),
  defederateAfter: fc.integer({ min: 1, max: 3 }),
});

function originFor(w: { agents: number; network: string; ranker: string; seed: string }, extra: Partial<PlatformParams> = {}): Platform {
  return createPlatform(
    { agents: w.agents, followsPerAccount: 4, network: w.network, ranker: w.ranker, activityPerHour: 0.5, claimsPerHour: 2, claimFalseShare: 0.7, detectionDelayHours: 1, initialOpinions: 'bimodal', ...extra } as Partial<PlatformParams>,
    { seed: `prop|${w.seed}` },
  );
}

function membershipProblems(ex: Exodus): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const m of ex.moves) {
    if (seen.has(m.account)) problems.push(`account ${m.account} moved twice`);
    seen.add(m.account);
  }
  const d = ex.destination.world;
  const fed = ex.federation;
  for (let i = 0; i < ex.n; i++) {
    const moved = seen.has(i);
    if ((ex.status[i] !== STAYED) !== moved) problems.push(`status of ${i} disagrees with the moves`);
    if ((d.agents.suspended[i] === 0) !== moved) problems.push(`${i} present on the destination: ${d.agents.suspended[i] === 0}, moved: ${moved}`);
    if (ex.status[i] === LEFT && ex.origin.world.agents.activity[i] !== 0) problems.push(`leaver ${i} still active on the origin`);
    if (fed && (fed.server[i] >= 0) !== moved) problems.push(`${i} has server ${fed.server[i]}, moved: ${moved}`);
  }
  if (fed && fed.members.reduce((a, b) => a + b, 0) !== ex.moved) problems.push('server members do not add up to the movers');
  d.graph.forEachEdge((u, v) => {
    if (!ex.present(u) || !ex.present(v)) problems.push(`destination follow ${u}->${v} with an absent end`);
    else if (fed && !fed.federates(fed.server[u], fed.server[v])) problems.push(`destination follow ${u}->${v} across servers that do not federate`);
  });
  return problems;
}

describe('properties', () => {
  it('nobody is on a platform twice; every destination follow joins two present accounts on federating servers', () => {
    // Not vacuous: the runs move accounts, import follows and suspend servers.
    const seen = { moved: 0, follows: 0, suspensions: 0 };
    fc.assert(
      fc.property(worldArb, exodusArb, (w, x) => {
        const p = originFor(w);
        const ex = attachExodus(p, x, { seed: `prop|${w.seed}` });
        p.run(24);
        expect(membershipProblems(ex)).toEqual([]);
        expect(ex.destination.now).toBe(p.now);
        seen.moved += ex.moved;
        seen.follows += ex.destination.graph.m;
        seen.suspensions += ex.federation?.suspensions ?? 0;
      }),
      { numRuns: 25 },
    );
    expect(seen.moved).toBeGreaterThan(100);
    expect(seen.follows).toBeGreaterThan(50);
    expect(seen.suspensions).toBeGreaterThan(0);
  });

  it('with every rate 0, or a trigger after the end, the origin runs exactly as without an exodus', () => {
    const state = (p: Platform) => {
      const posts = p.world.posts;
      const e = p.graph.toEdgeList();
      return fingerprint(posts.u8.subarray(0, posts.count * 64), posts.actAt.subarray(0, posts.count), posts.removedAt.subarray(0, posts.count), e.src, e.dst, p.world.agents.opinion, p.world.agents.sessions);
    };
    fc.assert(
      fc.property(worldArb, exodusArb, fc.boolean(), (w, x, late) => {
        const plain = originFor(w).run(24);
        const p = originFor(w);
        const off = late ? { ...x, triggerHour: 30 } : { ...x, baseRatePerDay: 0, oppositionRatePerDay: 0, peerRatePerDay: 0 };
        const ex = attachExodus(p, off, { seed: `prop|${w.seed}` });
        p.run(24);
        expect(ex.moved).toBe(0);
        expect(state(p)).toBe(state(plain));
        expect(p.totals).toEqual(plain.totals);
      }),
      { numRuns: 15 },
    );
  });
});
