/**
 * Invariants of platform runs, checked on every exposure and engagement
 * (through the hooks) and on the posts and graph after the run, over seeds
 * and parameter mixes (every ranker, bots on and off, moderation policies,
 * read caps) and over random valid parameter sets (fast-check):
 *
 * - no reshare (or reply) without a prior exposure of the actor to that very
 *   post — bots included, as they reshare from their feed. Timeline
 *   'reshare' events are forced relays (accounts acting off-platform, which
 *   need not have seen the post): their posts are excluded, and only those;
 * - every cascade (platform.cascade of every original post) is a tree whose
 *   parents come earlier and whose times never decrease;
 * - nobody is shown more posts in a simulated day than its tier's cap ×
 *   readCapScale, when caps are on;
 * - a removed post, or a reshare of a removed original, is never shown after
 *   its removal;
 * - rewiring keeps each human's follow count (out-degree). Infiltrating bots
 *   follow humans, who may follow back: with them, a human's count can only
 *   grow (and the bots' own counts are excluded);
 * - a seed is a run: same seed, identical posts, opinions and graph;
 *   another seed, another run;
 * - bad parameters and timelines are rejected with the field named.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, ParamError } from '../../src/model/errors.js';
import { TIER_NEW, TIER_VERIFIED } from '../../src/sim/platform/agents.js';
import { BOT_BEHAVIOURS, MODERATION_POLICIES, OPINION_RULES, RANKER_NAMES, RECOMMENDER_NAMES, type PlatformParams } from '../../src/sim/platform/platform-params.js';
import { createPlatform, type Platform } from '../../src/sim/platform/platform.js';
import { FLAG_REMOVED, KIND_ORIGINAL, KIND_RESHARE } from '../../src/sim/platform/post-store.js';
import type { TimelineEvent } from '../../src/sim/platform/timeline.js';

type Params = Partial<PlatformParams>;

/** A key for an (account, post) pair (runs here stay far below 2^26 posts). */
const pair = (account: number, post: number): number => account * 2 ** 26 + post;

interface Recorded {
  readonly p: Platform;
  readonly params: PlatformParams;
  readonly timeline: readonly TimelineEvent[];
  /** Every exposure, in order. */
  readonly reader: number[];
  readonly post: number[];
  readonly time: number[];
  /** Earliest exposure time of each (reader, post). */
  readonly firstSeen: Map<number, number>;
  /** Violations noticed while running (at the moment of the exposure or engagement). */
  readonly live: string[];
  /** Each account's follow count and bot flag before the run. */
  readonly outBefore: Int32Array;
  readonly botBefore: Uint8Array;
  readonly capsAtStart: boolean;
  /** Engagements seen by the hook (all kinds). */
  engagements: number;
}

function runRecorded(params: Params, seed: string, timeline: readonly TimelineEvent[] = []): Recorded {
  const reader: number[] = [];
  const post: number[] = [];
  const time: number[] = [];
  const firstSeen = new Map<number, number>();
  const live: string[] = [];
  let platform: Platform | null = null;
  const rec = {
    reader,
    post,
    time,
    firstSeen,
    live,
    engagements: 0,
  };
  platform = createPlatform(params, {
    seed,
    timeline,
    hooks: {
      onExpose(i, q, t) {
        const posts = platform!.world.posts;
        if ((posts.flagsOf(q) & FLAG_REMOVED) !== 0 || (posts.flagsOf(posts.rootOf(q)) & FLAG_REMOVED) !== 0) live.push(`post ${q} shown to ${i} at ${t} while removed`);
        reader.push(i);
        post.push(q);
        time.push(t);
        const key = pair(i, q);
        if (!firstSeen.has(key)) firstSeen.set(key, t);
      },
      onEngage(i, q, kind, t) {
        rec.engagements++;
        if ((kind === 'reshare' || kind === 'reply') && !firstSeen.has(pair(i, q))) live.push(`${kind} of post ${q} by ${i} at ${t} without exposure`);
      },
    },
  });
  const out = platform.graph.out;
  const outBefore = Int32Array.from(out.deg.subarray(0, platform.graph.n));
  const botBefore = Uint8Array.from(platform.world.agents.bot.subarray(0, platform.graph.n));
  const capsAtStart = platform.params.readCaps;
  platform.run();
  return { ...rec, p: platform, params: platform.params, timeline, outBefore, botBefore, capsAtStart };
}

/** The timeline's 'reshare' events in the order the platform applies them (by time, then as given). */
function forcedRelays(r: Recorded): Map<string, number> {
  const events = r.timeline.map((e, k) => ({ e, k })).sort((a, b) => Number(a.e.at) - Number(b.e.at) || a.k - b.k); // these timelines give hours
  const reshareEvents = events.filter((x) => x.e.type === 'reshare').map((x) => x.e as Extract<TimelineEvent, { type: 'reshare' }>);
  const records = r.p.events.filter((x) => x.type === 'reshare');
  const allowed = new Map<string, number>();
  records.forEach((rec, k) => {
    const parent = r.p.injected.get(reshareEvents[k].post)!;
    for (const a of rec.accounts) {
      const key = `${a}:${parent}:${rec.at}`;
      allowed.set(key, (allowed.get(key) ?? 0) + 1);
    }
  });
  return allowed;
}

/** Every invariant of the run, as a list of violations (empty when all hold). */
function violations(r: Recorded): string[] {
  const out: string[] = [...r.live];
  const w = r.p.world;
  const posts = w.posts;
  const a = w.agents;
  const v = (msg: string): void => {
    if (out.length < 20) out.push(msg);
  };

  // No reshare without a prior exposure of its author to its parent (forced relays excepted).
  const forced = forcedRelays(r);
  for (let q = 0; q < posts.count; q++) {
    if (posts.kindOf(q) !== KIND_RESHARE) continue;
    const author = posts.authorOf(q);
    const parent = posts.parentOf(q);
    const seen = r.firstSeen.get(pair(author, parent));
    if (seen !== undefined && seen <= posts.timeOf(q)) continue;
    const key = `${author}:${parent}:${posts.timeOf(q)}`;
    const left = forced.get(key) ?? 0;
    if (left > 0) forced.set(key, left - 1);
    else v(`reshare ${q} of ${parent} by ${author} at ${posts.timeOf(q)} without exposure`);
  }

  // Cascades: trees with earlier parents and non-decreasing times, of the
  // size found independently (originals and reshares whose parent is in the tree).
  const inTree = new Uint8Array(posts.count);
  const size = new Int32Array(posts.count);
  for (let q = 0; q < posts.count; q++) {
    if (posts.kindOf(q) === KIND_ORIGINAL) inTree[q] = 1;
    else {
      const parent = posts.parentOf(q);
      if (!(parent >= 0 && parent < q && posts.rootOf(parent) === posts.rootOf(q) && posts.timeOf(parent) <= posts.timeOf(q))) v(`post ${q}: parent ${parent} not earlier in the same cascade`);
      if (posts.kindOf(q) === KIND_RESHARE && inTree[parent] === 1) inTree[q] = 1;
    }
    if (inTree[q] === 1) size[posts.rootOf(q)]++;
  }
  for (let q = 0; q < posts.count; q++) {
    if (posts.kindOf(q) !== KIND_ORIGINAL) continue;
    const c = r.p.cascade(q);
    if (c.node.length !== size[q]) v(`cascade ${q}: ${c.node.length} entries, ${size[q]} expected`);
    if (c.parent[0] !== -1 || c.time[0] !== 0 || c.node[0] !== posts.authorOf(q)) v(`cascade ${q}: bad root entry`);
    for (let k = 1; k < c.node.length; k++) {
      const par = c.parent[k];
      if (!(par >= 0 && par < k)) v(`cascade ${q}: entry ${k} has parent ${par}`);
      else if (!(c.time[k] >= c.time[par])) v(`cascade ${q}: entry ${k} at ${c.time[k]} before its parent at ${c.time[par]}`);
      if (!(c.time[k] >= c.time[k - 1])) v(`cascade ${q}: times decrease at entry ${k}`);
    }
  }

  // Read caps: exposures per account and simulated day (from the hour caps are on).
  const capsFrom = capsStart(r);
  if (capsFrom < Infinity) {
    const perDay = new Map<number, number>();
    for (let k = 0; k < r.reader.length; k++) {
      if (r.time[k] < capsFrom) continue;
      const key = r.reader[k] * 100_000 + Math.floor(r.time[k] / 1440);
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    const p = r.params;
    for (const [key, count] of perDay) {
      const i = Math.floor(key / 100_000);
      const tier = a.tier[i];
      const cap = Math.floor((tier === TIER_VERIFIED ? p.readCapVerified : tier === TIER_NEW ? p.readCapNew : p.readCapUnverified) * p.readCapScale);
      if (count > cap) v(`account ${i} read ${count} posts on day ${key % 100_000}, cap ${cap}`);
    }
  }

  // Removed posts (and reshares of removed originals) are not shown after removal.
  for (let k = 0; k < r.reader.length; k++) {
    const q = r.post[k];
    if (!(r.time[k] < posts.removedAt[q] && r.time[k] < posts.removedAt[posts.rootOf(q)])) v(`post ${q} shown to ${r.reader[k]} at ${r.time[k]}, removed at ${Math.min(posts.removedAt[q], posts.removedAt[posts.rootOf(q)])}`);
  }

  // Follow counts of humans.
  const infiltration = r.params.botBehaviour === 'infiltrate' && (r.params.botShare > 0 || r.timeline.some((e) => e.type === 'bots-join'));
  const deg = w.graph.out.deg;
  for (let i = 0; i < r.outBefore.length; i++) {
    if (r.botBefore[i] !== 0) continue;
    if (infiltration ? deg[i] < r.outBefore[i] : deg[i] !== r.outBefore[i]) v(`human ${i} follows ${deg[i]} accounts, ${r.outBefore[i]} before`);
  }
  return out;
}

/** When read caps came on (minutes): at the start, at the first 'set' event turning them on, or never. */
function capsStart(r: Recorded): number {
  if (r.capsAtStart) return 0;
  const on = r.timeline.map((e, k) => ({ e, k })).filter((x) => x.e.type === 'set' && x.e.params.readCaps === true);
  return on.length === 0 ? Infinity : Math.min(...on.map((x) => Number(x.e.at) * 60));
}

/** A checksum of the posts, opinions and follow graph. */
function fingerprint(p: Platform): string {
  let h = 0x811c9dc5;
  const mix = (bytes: Uint8Array): void => {
    for (let k = 0; k < bytes.length; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
  };
  const view = (a: ArrayBufferView, n: number, size: number): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, n * size);
  const posts = p.world.posts;
  const n = posts.count;
  // Field by field, as separate arrays (the layout of the store does not change the checksum).
  const field = <T extends Int32Array | Float64Array | Float32Array | Uint8Array>(make: (n: number) => T, get: (p: number) => number): T => {
    const a = make(n);
    for (let p = 0; p < n; p++) a[p] = get(p);
    return a;
  };
  const ints = (get: (p: number) => number): Int32Array => field((k) => new Int32Array(k), get);
  for (const a of [ints((q) => posts.authorOf(q)), ints((q) => posts.parentOf(q)), ints((q) => posts.rootOf(q)), ints((q) => posts.likesOf(q)), ints((q) => posts.resharesOf(q)), ints((q) => posts.repliesOf(q)), ints((q) => posts.reportsOf(q)), ints((q) => posts.viewsOf(q))]) mix(view(a, n, 4));
  mix(view(field((k) => new Float64Array(k), (q) => posts.timeOf(q)), n, 8));
  mix(view(field((k) => new Float32Array(k), (q) => posts.stanceOf(q)), n, 4));
  mix(view(field((k) => new Uint8Array(k), (q) => posts.flagsOf(q)), n, 1));
  const agents = p.world.agents;
  mix(view(agents.opinion, agents.n, 8));
  const g = p.graph;
  for (let i = 0; i < g.n; i++) mix(new Uint8Array(Int32Array.from(g.followees(i)).buffer));
  return `${n}:${(h >>> 0).toString(16)}`;
}

const HOAX: TimelineEvent[] = [
  { at: 1, type: 'inject', name: 'hoax', author: { pick: 'least-followed' }, stance: 0.8, veracity: 'false', topic: 'hoax', appeal: 3 },
  { at: 2, type: 'reshare', post: 'hoax', accounts: { pick: 'most-followed', count: 2 } },
  { at: 3, type: 'inject', name: 'second', author: {}, stance: -0.6, veracity: 'false' },
  { at: 5, type: 'reshare', post: 'second', accounts: { count: 4 } },
];

interface Mix {
  readonly name: string;
  readonly params: Params;
  readonly timeline: readonly TimelineEvent[];
}

const BASE: Params = { agents: 300, followsPerAccount: 8, durationHours: 24, activityPerHour: 0.8, reshareProbability: 0.2, replyProbability: 0.05, unfollowProbability: 0.2 };

const MIXES: Mix[] = RANKER_NAMES.flatMap((ranker): Mix[] => [
  {
    name: `${ranker}, bots amplify, remove and suspend, read caps`,
    params: { ...BASE, ranker, botShare: 0.1, botBehaviour: 'amplify', moderation: 'remove-and-suspend', detectionDelayHours: 1, detectionProbability: 1, suspendAfter: 1, readCaps: true, readCapScale: 0.005 },
    timeline: [...HOAX, { at: 12, type: 'restore-suspended' }],
  },
  {
    name: `${ranker}, no bots, remove, Sasahara, friend-of-friend`,
    params: { ...BASE, ranker, moderation: 'remove', detectionDelayHours: 2, opinionRule: 'sasahara', recommender: 'friend-of-friend', tickMinutes: 30 },
    timeline: HOAX,
  },
  {
    name: `${ranker}, infiltrating bots join, label, caps from hour 6`,
    params: { ...BASE, ranker, botShare: 0.05, botBehaviour: 'infiltrate', followBackProbability: 0.5, moderation: 'label', network: 'two-camps', recommender: 'similarity' },
    timeline: [...HOAX, { at: 6, type: 'set', params: { readCaps: true, readCapScale: 0.003 } }, { at: 8, type: 'bots-join', count: 15, follows: 5 }],
  },
  {
    name: `${ranker}, flooding bots, downrank, popularity, Erdős–Rényi`,
    params: { ...BASE, ranker, botShare: 0.05, botBehaviour: 'flood', moderation: 'downrank', network: 'erdos-renyi', recommender: 'popularity', dailyRhythm: false },
    timeline: HOAX,
  },
]);

describe('invariants over parameter mixes and seeds', () => {
  for (const mix of MIXES) {
    it(mix.name, () => {
      let reshares = 0;
      let unfollows = 0;
      let engagements = 0;
      for (const seed of ['a', 'b', 'c']) {
        const r = runRecorded(mix.params, `invariants/${mix.name}/${seed}`, mix.timeline);
        expect(violations(r)).toEqual([]);
        reshares += r.p.totals.reshares;
        unfollows += r.p.totals.unfollows;
        engagements += r.engagements;
      }
      // The invariants had something to bite on.
      expect(engagements).toBeGreaterThan(reshares);
      expect(reshares).toBeGreaterThan(0);
      expect(unfollows).toBeGreaterThan(0);
    });
  }

  it('the mixes exercise removal, suspension, binding read caps and follow-backs', () => {
    const capped = runRecorded(MIXES[0].params, 'invariants/coverage', MIXES[0].timeline);
    expect(capped.p.moderation.removed).toBeGreaterThan(0);
    expect(capped.p.moderation.suspended).toBeGreaterThan(0);
    // Some account read exactly its cap on some day.
    const perDay = new Map<string, number>();
    for (let k = 0; k < capped.reader.length; k++) perDay.set(`${capped.reader[k]}:${Math.floor(capped.time[k] / 1440)}`, (perDay.get(`${capped.reader[k]}:${Math.floor(capped.time[k] / 1440)}`) ?? 0) + 1);
    const caps = [Math.floor(10_000 * 0.005), Math.floor(1000 * 0.005), Math.floor(500 * 0.005)];
    let atCap = 0;
    for (const [key, count] of perDay) if (count === caps[capped.p.world.agents.tier[Number(key.split(':')[0])]]) atCap++;
    expect(atCap).toBeGreaterThan(10);
    const infiltrated = runRecorded(MIXES[2].params, 'invariants/coverage', MIXES[2].timeline);
    const deg = infiltrated.p.graph.out.deg;
    let grew = 0;
    for (let i = 0; i < infiltrated.outBefore.length; i++) if (infiltrated.botBefore[i] === 0 && deg[i] > infiltrated.outBefore[i]) grew++;
    expect(grew).toBeGreaterThan(0);
  });

  it('the checks catch a planted violation', () => {
    const r = runRecorded(MIXES[1].params, 'invariants/planted', MIXES[1].timeline);
    expect(violations(r)).toEqual([]);
    // Pretend a human followed one more account, and an exposure happened after a removal.
    const human = r.botBefore.indexOf(0);
    r.outBefore[human]++;
    const removedPost = Array.from({ length: r.p.world.posts.count }, (_, q) => q).find((q) => r.p.world.posts.removedAt[q] < Infinity);
    expect(removedPost).toBeDefined();
    r.reader.push(0);
    r.post.push(removedPost!);
    r.time.push(r.p.world.posts.removedAt[removedPost!] + 1);
    const found = violations(r);
    expect(found.some((m) => m.startsWith(`human ${human}`))).toBe(true);
    expect(found.some((m) => m.startsWith(`post ${removedPost} shown`))).toBe(true);
  });
});

describe('determinism', () => {
  for (const mix of [MIXES[0], MIXES[6], MIXES[11], MIXES[17]]) {
    it(`same seed, same run; another seed, another run (${mix.name})`, () => {
      const a = runRecorded(mix.params, 'determinism/1', mix.timeline);
      const b = runRecorded(mix.params, 'determinism/1', mix.timeline);
      const c = runRecorded(mix.params, 'determinism/2', mix.timeline);
      expect(fingerprint(b.p)).toBe(fingerprint(a.p));
      expect(b.reader).toEqual(a.reader);
      expect(b.post).toEqual(a.post);
      expect(fingerprint(c.p)).not.toBe(fingerprint(a.p));
    });
  }
});

describe('validation names the field', () => {
  const fieldOf = (f: () => unknown): { field: string | undefined; message: string; range: boolean } => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return { field: (e as InputError).field, message: (e as Error).message, range: e instanceof ParamError };
    }
    throw new Error('expected an error');
  };

  it('unknown parameters, with the closest name suggested', () => {
    const e = fieldOf(() => createPlatform({ agnets: 100 }, { seed: 's' }));
    expect(e.field).toBe('agnets');
    expect(e.message).toContain('`agents`');
    const f = fieldOf(() => createPlatform({ rnaker: 'random' }, { seed: 's' }));
    expect(f.field).toBe('rnaker');
    expect(f.message).toContain('`ranker`');
  });

  it('values out of range', () => {
    for (const [field, value] of [
      ['feedSize', 0],
      ['ranker', 'chrono'],
      ['botShare', 0.95],
      ['readCaps', 'yes'],
      ['tickMinutes', Number.NaN],
      ['agents', 10.5],
    ] as const) {
      const e = fieldOf(() => createPlatform({ [field]: value }, { seed: 's' }));
      expect(e.range).toBe(true);
      expect(e.field).toBe(field);
      expect(e.message).toContain(`\`${field}\``);
    }
    expect(fieldOf(() => createPlatform({ agents: 10, followsPerAccount: 10 }, { seed: 's' })).field).toBe('followsPerAccount');
  });

  it('timeline events', () => {
    const cases: Array<[unknown, string]> = [
      [{ at: -1, type: 'restore-suspended' }, 'at'],
      [{ at: 1, type: 'explode' }, 'type'],
      [{ at: 1, type: 'inject', author: {}, stance: 0.5 }, 'name'],
      [{ at: 1, type: 'inject', name: 'x', author: {}, stance: 2 }, 'stance'],
      [{ at: 1, type: 'reshare', post: 'nothing', accounts: {} }, 'post'],
      [{ at: 1, type: 'bots-join', count: 0 }, 'count'],
    ];
    for (const [event, field] of cases) {
      const e = fieldOf(() => createPlatform({ agents: 50, followsPerAccount: 3 }, { seed: 's', timeline: [event as TimelineEvent] }));
      expect(e.field).toBe(field);
      expect(e.message).toContain('timeline[0]');
    }
    const typo = fieldOf(() => createPlatform({ agents: 50, followsPerAccount: 3 }, { seed: 's', timeline: [{ at: 1, type: 'set', params: { rnaker: 'random' } as Params }] }));
    expect(typo.field).toContain('rnaker');
    expect(typo.message).toContain('`ranker`');
    const bad = fieldOf(() => createPlatform({ agents: 50, followsPerAccount: 3 }, { seed: 's', timeline: [{ at: 1, type: 'set', params: { feedSize: -3 } }] }));
    expect(bad).toMatchObject({ field: 'feedSize', range: true });
    expect(bad.message).toContain('timeline[0]');
  });
});

describe('invariants, property over random valid parameters', () => {
  const params = fc
    .record({
      agents: fc.integer({ min: 30, max: 500 }),
      followsPerAccount: fc.integer({ min: 1, max: 15 }),
      durationHours: fc.integer({ min: 1, max: 24 }),
      tickMinutes: fc.constantFrom(10, 30, 60, 90),
      network: fc.constantFrom('preferential-attachment', 'two-camps', 'erdos-renyi'),
      ranker: fc.constantFrom(...RANKER_NAMES),
      recommender: fc.constantFrom(...RECOMMENDER_NAMES),
      opinionRule: fc.constantFrom(...OPINION_RULES),
      moderation: fc.constantFrom(...MODERATION_POLICIES),
      botShare: fc.constantFrom(0, 0.05, 0.2),
      botBehaviour: fc.constantFrom(...BOT_BEHAVIOURS),
      readCaps: fc.boolean(),
      readCapScale: fc.constantFrom(0.002, 0.01, 0.05),
      activityPerHour: fc.double({ min: 0.05, max: 1, noNaN: true }),
      unfollowProbability: fc.constantFrom(0, 0.1, 0.5),
      reshareProbability: fc.constantFrom(0.05, 0.3),
      detectionDelayHours: fc.constantFrom(0, 1, 4),
      detectionProbability: fc.constantFrom(0.5, 1),
      suspendAfter: fc.integer({ min: 1, max: 3 }),
      dailyRhythm: fc.boolean(),
      feedSize: fc.integer({ min: 1, max: 30 }),
      outOfNetwork: fc.integer({ min: 0, max: 8 }),
    })
    .map((p) => ({ ...p, followsPerAccount: Math.min(p.followsPerAccount, p.agents - 1) }));
  const timeline = fc
    .record({
      inject: fc.integer({ min: 0, max: 23 }),
      relayAfter: fc.integer({ min: 0, max: 6 }),
      relays: fc.integer({ min: 1, max: 5 }),
      botsJoin: fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined }),
      restore: fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined }),
    })
    .map((t): TimelineEvent[] => [
      { at: t.inject, type: 'inject', name: 'hoax', author: {}, stance: 0.7, veracity: 'false', topic: 'hoax' },
      { at: t.inject + t.relayAfter, type: 'reshare', post: 'hoax', accounts: { count: t.relays } },
      ...(t.botsJoin === undefined ? [] : [{ at: t.botsJoin, type: 'bots-join', count: 5, follows: 3 } as const]),
      ...(t.restore === undefined ? [] : [{ at: t.restore, type: 'restore-suspended' } as const]),
    ]);

  it('every invariant holds for every generated run', () => {
    fc.assert(
      fc.property(params, timeline, fc.integer({ min: 0, max: 1e6 }), (p, tl, seed) => {
        const r = runRecorded(p, `property/${seed}`, tl);
        expect(violations(r)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
