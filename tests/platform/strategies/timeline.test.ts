/**
 * Timeline: events apply at the first tick at or after their hour, in order;
 * account rules select exactly the accounts they describe; bad input fails
 * with the event index and the field; 'set' changes the ranker or starts the
 * read caps from its hour on, and refuses parameters fixed at build time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPlatform } from '../../../src/sim/platform/platform.js';
import { validatePlatformParams } from '../../../src/sim/platform/platform-params.js';
import { FLAG_REMOVED, KIND_RESHARE } from '../../../src/sim/platform/post-store.js';
import { applyEvent, chooseAccounts, validateTimeline, type AccountRule, type TimelineEvent } from '../../../src/sim/platform/timeline.js';
import { makeWorld } from './fixtures.js';

describe('when events apply', () => {
  it('at the start of the first tick at or after their hour, same-tick events in the order given', () => {
    const p = createPlatform({ agents: 200, tickMinutes: 60, durationHours: 6 }, {
      seed: 'timeline-when',
      timeline: [
        { at: 4, type: 'set', params: { feedSize: 7 } },
        { at: 1.5, type: 'set', params: { ranker: 'random' } },
        { at: 1.5, type: 'set', params: { ranker: 'engagement' } },
        { at: 0, type: 'set', params: { ranker: 'bridging' } },
        { at: 2, type: 'set', params: { outOfNetwork: 9 } },
      ],
    });
    p.run(1);
    expect(p.params.ranker).toBe('bridging');
    p.run(1);
    expect(p.params.ranker).toBe('bridging');
    p.run(1);
    expect(p.params.ranker).toBe('engagement');
    p.run(3);
    expect(p.events.map((e) => [e.at, e.detail])).toEqual([
      [0, '{"ranker":"bridging"}'],
      [120, '{"ranker":"random"}'],
      [120, '{"ranker":"engagement"}'],
      [120, '{"outOfNetwork":9}'],
      [240, '{"feedSize":7}'],
    ]);
    expect(p.params.feedSize).toBe(7);
  });

  it('with 25-minute ticks an event at 1 h applies at 75 min', () => {
    const p = createPlatform({ agents: 100, tickMinutes: 25, activityPerHour: 0 }, { seed: 'timeline-25', timeline: [{ at: 1, type: 'set', params: { ranker: 'random' } }] });
    p.tick();
    p.tick();
    expect(p.events).toHaveLength(0);
    p.tick();
    expect(p.events).toHaveLength(0);
    p.tick();
    expect(p.events[0].at).toBe(75);
  });
});

describe('account rules', () => {
  const w = makeWorld({ agents: 400, groups: 3, groupNames: ['EN', 'FR', 'DE'], groupShares: [0.5, 0.3, 0.2], botShare: 0.1 }, 'rules');
  const followers = (i: number): number => w.graph.inDegree(i);

  it('select exactly the accounts matching group, follower range and humans-only', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            group: fc.constantFrom('EN', 'FR', 'DE'),
            minFollowers: fc.nat(30),
            maxFollowers: fc.integer({ min: 30, max: 400 }),
            humans: fc.boolean(),
            pick: fc.constantFrom('random' as const, 'most-followed' as const, 'least-followed' as const),
            count: fc.integer({ min: 1, max: 30 }),
          },
          { requiredKeys: ['pick', 'count'] },
        ),
        (rule: AccountRule) => {
          const g = rule.group === undefined ? -1 : ['EN', 'FR', 'DE'].indexOf(rule.group);
          const lo = rule.minFollowers ?? 0;
          const hi = rule.maxFollowers ?? Infinity;
          const matching: number[] = [];
          for (let i = 0; i < 400; i++) {
            if ((g < 0 || w.agents.group[i] === g) && (rule.humans === false || w.agents.bot[i] === 0) && followers(i) >= lo && followers(i) <= hi) matching.push(i);
          }
          fc.pre(matching.length > 0);
          const chosen = chooseAccounts(w, rule);
          expect(chosen.length).toBe(Math.min(rule.count ?? 1, matching.length));
          expect(new Set(chosen).size).toBe(chosen.length);
          for (const i of chosen) expect(matching).toContain(i);
          if (rule.pick !== 'random') {
            const sign = rule.pick === 'most-followed' ? -1 : 1;
            const expected = [...matching].sort((u, v) => sign * (followers(u) - followers(v)) || u - v).slice(0, chosen.length);
            expect(chosen).toEqual(expected);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('random picks are uniform over the matching accounts', () => {
    const counts = new Map<number, number>();
    const rule: AccountRule = { group: 'DE', maxFollowers: 5 };
    const draws = 4000;
    for (let k = 0; k < draws; k++) {
      const [i] = chooseAccounts(w, rule);
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const matching = [...counts.keys()].length;
    expect(matching).toBeGreaterThan(5);
    for (const c of counts.values()) expect(Math.abs(c - draws / matching)).toBeLessThan(5 * Math.sqrt(draws / matching));
  });

  it('suspended accounts are never chosen', () => {
    const top = chooseAccounts(w, { pick: 'most-followed' })[0];
    w.agents.suspended[top] = 1;
    expect(chooseAccounts(w, { pick: 'most-followed', count: 400, humans: false })).not.toContain(top);
    w.agents.suspended[top] = 0;
  });

  it('errors name the source and field: an unknown group lists the known ones; no match says so', () => {
    expect(() => chooseAccounts(w, { group: 'ES' }, 'timeline[3].author')).toThrow(/timeline\[3\]\.author: invalid `group` \("ES"\): expected one of "EN", "FR", "DE"/);
    expect(() => chooseAccounts(w, { minFollowers: 10_000 }, 'timeline[0].author')).toThrow(/timeline\[0\]\.author: no account matches/);
    expect(() => chooseAccounts(w, { pick: 'top' as never }, 'timeline[1].accounts')).toThrow(/timeline\[1\]\.accounts: invalid `pick` \("top"\)/);
    expect(() => chooseAccounts(w, { minFollowers: 5, maxFollowers: 2 }, 'r')).toThrow(/invalid `maxFollowers` \(2\): expected at least minFollowers \(5\)/);
    expect(() => chooseAccounts(w, { grup: 'EN' } as never, 'r')).toThrow(/unknown account-rule field `grup` \(did you mean `group`\?\)/);
  });
});

describe('validating a timeline', () => {
  const params = validatePlatformParams({ groups: 2, groupNames: ['EN', 'FR'] });
  const bad: Array<[TimelineEvent | Record<string, unknown>, RegExp]> = [
    [{ at: -1, type: 'restore-suspended' }, /timeline\[1\]: invalid `at` \(-1\): expected an hour ≥ 0/],
    [{ at: 1, type: 'explode' }, /timeline\[1\]: invalid `type` \("explode"\)/],
    [{ at: 1, type: 'inject', name: '', author: {}, stance: 0 }, /timeline\[1\]: invalid `name`/],
    [{ at: 1, type: 'inject', name: 'x', author: {}, stance: 2 }, /timeline\[1\]: invalid `stance` \(2\): expected a number in \[−1, 1\]/],
    [{ at: 1, type: 'inject', name: 'x', author: { group: 'ES' }, stance: 0 }, /timeline\[1\]\.author: invalid `group` \("ES"\): expected one of "EN", "FR"/],
    [{ at: 1, type: 'inject', name: 'x', author: { count: 0 }, stance: 0 }, /timeline\[1\]\.author: invalid `count` \(0\)/],
    [{ at: 1, type: 'reshare', post: 'nothing', accounts: {} }, /timeline\[1\]: invalid `post` \("nothing"\): expected the name of a post injected earlier/],
    [{ at: 1, type: 'set', params: { rankr: 'random' } }, /timeline\[1\]\.params: unknown parameter `rankr` \(did you mean `ranker`\?\)/],
    [{ at: 1, type: 'set', params: { ranker: 'best' } }, /timeline\[1\]\.params: invalid `ranker` \("best"\): expected one of "chronological"/],
    [{ at: 1, type: 'set', params: { feedSize: 0 } }, /timeline\[1\]\.params: invalid `feedSize` \(0\): expected an integer in \[1, 500\]|invalid `feedSize` \(0\): expected a number in \[1, 500\]/],
    [{ at: 1, type: 'set', params: { botShare: 0.2 } }, /timeline\[1\]\.params: invalid `botShare` \(0\.2\): expected no change during a run: .*bots-join/],
    [{ at: 1, type: 'set', params: { agents: 10 } }, /invalid `agents` \(10\): expected no change during a run/],
    [{ at: 1, type: 'bots-join', count: 1.5 }, /timeline\[1\]: invalid `count` \(1\.5\): expected an integer ≥ 1/],
    [{ at: 1, type: 'bots-join', count: 2, group: 'ES' }, /timeline\[1\]: invalid `group` \("ES"\): expected one of "EN", "FR"/],
  ];
  for (const [event, message] of bad) {
    it(`rejects ${JSON.stringify(event)}`, () => {
      const events = [{ at: 0, type: 'restore-suspended' }, event] as TimelineEvent[];
      expect(() => validateTimeline(events, 'timeline', params)).toThrow(message);
    });
  }

  it('accepts a reshare of a post injected earlier (or earlier at the same hour), and a platform rejects a bad timeline at construction', () => {
    expect(() =>
      validateTimeline(
        [
          { at: 2, type: 'inject', name: 'h', author: { group: 'FR', maxFollowers: 50 }, stance: 1, topic: 'hoax', appeal: 3 },
          { at: 2, type: 'reshare', post: 'h', accounts: { pick: 'most-followed', count: 2 } },
        ],
        'timeline',
        params,
      ),
    ).not.toThrow();
    expect(() => createPlatform({}, { seed: 'x', timeline: [{ at: 1, type: 'set', params: { ranker: 'best' } as never }] })).toThrow(/timeline\[0\]\.params: invalid `ranker`/);
  });

  it('an event applied where nothing matches names its index and field', () => {
    const p = createPlatform({ agents: 100 }, { seed: 'timeline-nomatch' });
    const event: TimelineEvent = { at: 0, type: 'inject', name: 'x', author: { minFollowers: 1_000_000 }, stance: 0 };
    expect(() => applyEvent(p, event, 4)).toThrow(/timeline\[4\]\.author: no account matches \{"minFollowers":1000000\}/);
  });

  it("an inject with ifNoAuthor 'skip' whose author rule matches nobody is logged as skipped, draws nothing and adds no post", () => {
    const p = createPlatform({ agents: 100 }, { seed: 'timeline-skip' });
    const streamBefore = p.world.streams.events.getState();
    const event: TimelineEvent = { at: 0, type: 'inject', name: 'x', author: { minFollowers: 1_000_000 }, stance: 0, ifNoAuthor: 'skip' };
    const record = applyEvent(p, event, 2);
    expect(record).toEqual({ at: 0, type: 'inject', detail: 'post "x" skipped: no account matches its author rule', accounts: [] });
    expect(p.world.posts.count).toBe(0);
    expect(p.injected.has('x')).toBe(false);
    expect(p.world.streams.events.getState()).toEqual(streamBefore);
    // An author that matches is chosen as without the option.
    const found = applyEvent(p, { ...event, author: { pick: 'most-followed' } }, 3);
    expect(found.accounts).toEqual(chooseAccounts(p.world, { pick: 'most-followed' }));
    expect(() => validateTimeline([{ ...event, ifNoAuthor: 'maybe' as never }])).toThrow(/timeline\[0\]: invalid `ifNoAuthor` \("maybe"\): expected "error" \(the default\) or "skip"/);
  });
});

describe("what 'set' changes from its hour on", () => {
  it('changing the ranker at t: feeds before t are chronological, after t engagement-ranked', () => {
    const rankerAt: Array<[number, string]> = [];
    const p = createPlatform({ agents: 300, durationHours: 8, activityPerHour: 0.4 }, {
      seed: 'timeline-ranker',
      timeline: [{ at: 4, type: 'set', params: { ranker: 'engagement' } }],
      hooks: { onExpose: (reader, post, time) => rankerAt.push([time, p.explain(reader, post).ranker]) },
    });
    p.run();
    expect(rankerAt.length).toBeGreaterThan(100);
    for (const [time, ranker] of rankerAt) expect(ranker).toBe(time < 240 ? 'chronological' : 'engagement');
    // Engagement-ranked feeds add out-of-network posts: some exposures after t come from accounts not followed.
    let outOfNetwork = 0;
    const posts = p.world.posts;
    p.hooks = {
      onExpose: (reader, post) => {
        if (!p.graph.hasEdge(reader, posts.authorOf(post))) outOfNetwork++;
      },
    };
    p.run(2);
    expect(outOfNetwork).toBeGreaterThan(0);
  });

  it('read caps start at t: after t, no account reads more in a day than its cap', () => {
    const reads = new Map<string, number>();
    let readsBefore = 0;
    const p = createPlatform({ agents: 400, durationHours: 30, activityPerHour: 1, dailyRhythm: false }, {
      seed: 'timeline-caps',
      timeline: [{ at: 6, type: 'set', params: { readCaps: true, readCapScale: 0.02 } }],
      hooks: {
        onExpose: (reader, _post, time) => {
          if (time < 360) {
            readsBefore++;
            return;
          }
          const key = `${reader}@${Math.floor(time / 1440)}`;
          reads.set(key, (reads.get(key) ?? 0) + 1);
        },
      },
    });
    p.run();
    const caps = [Math.floor(10_000 * 0.02), Math.floor(1000 * 0.02), Math.floor(500 * 0.02)];
    let atCap = 0;
    for (const [key, n] of reads) {
      const reader = Number(key.split('@')[0]);
      const cap = caps[p.world.agents.tier[reader]];
      expect(n).toBeLessThanOrEqual(cap);
      if (n === cap) atCap++;
    }
    expect(atCap).toBeGreaterThan(10);
    // Before t the same accounts read beyond those caps.
    expect(readsBefore / 400).toBeGreaterThan(caps[1]);
  });
});

describe('other events', () => {
  it("'reshare' relays a named post by the chosen accounts (not its author), counted as reshares; a removed post is not relayed", () => {
    const p = createPlatform({ agents: 300, activityPerHour: 0 }, {
      seed: 'timeline-reshare',
      timeline: [
        { at: 0, type: 'inject', name: 'h', author: { maxFollowers: 3 }, stance: 0.6, topic: 'hoax', appeal: 4 },
        { at: 1, type: 'reshare', post: 'h', accounts: { pick: 'most-followed', count: 2 } },
        { at: 3, type: 'reshare', post: 'h', accounts: { pick: 'least-followed', count: 3 } },
      ],
    });
    p.run(2);
    const w = p.world;
    const h = p.injected.get('h')!;
    expect(w.topics[w.posts.topic[h]]).toBe('hoax');
    expect(w.posts.appealOf(h)).toBe(4);
    const relays = p.events[1].accounts;
    expect(relays).toHaveLength(2);
    expect(w.posts.resharesOf(h)).toBe(2);
    const reshares = [];
    for (let k = 0; k < w.posts.count; k++) if (w.posts.kindOf(k) === KIND_RESHARE) reshares.push(k);
    expect(reshares.map((k) => w.posts.authorOf(k))).toEqual(relays);
    for (const k of reshares) {
      expect(w.posts.parentOf(k)).toBe(h);
      expect(w.posts.topic[k]).toBe(w.posts.topic[h]);
      expect(w.posts.appealOf(k)).toBe(4);
    }
    expect(relays).not.toContain(w.posts.authorOf(h));
    expect(w.posts.engagedLeftOf(h) + w.posts.engagedRightOf(h)).toBeGreaterThan(0);
    w.posts.addFlags(h, FLAG_REMOVED);
    p.run(2);
    expect(p.events[2].accounts).toHaveLength(0);
    expect(w.posts.resharesOf(h)).toBe(2);
  });

  it("'mute' silences the chosen accounts: they read but neither post nor reshare", () => {
    const p = createPlatform({ agents: 300, durationHours: 12, activityPerHour: 1, postProbability: 0.8 }, {
      seed: 'timeline-mute',
      timeline: [{ at: 2, type: 'mute', accounts: { pick: 'most-followed', count: 20 } }],
    });
    p.run();
    const muted = new Set(p.events[0].accounts);
    expect(muted.size).toBe(20);
    const w = p.world;
    let before = 0;
    for (let k = 0; k < w.posts.count; k++) {
      if (!muted.has(w.posts.authorOf(k))) continue;
      expect(w.posts.timeOf(k)).toBeLessThan(120);
      before++;
    }
    expect(before).toBeGreaterThan(0);
  });
});

describe('determinism of the strategies', () => {
  const run = (seed: string) => {
    const p = createPlatform(
      { agents: 400, durationHours: 16, botShare: 0.05, botBehaviour: 'infiltrate', recommender: 'popularity', unfollowProbability: 0.3, moderation: 'remove-and-suspend', suspendAfter: 1, detectionDelayHours: 2, ranker: 'random' },
      {
        seed,
        timeline: [
          { at: 1, type: 'inject', name: 'h', author: { maxFollowers: 40 }, stance: 0.7, appeal: 5 },
          { at: 2, type: 'reshare', post: 'h', accounts: { count: 3 } },
          { at: 4, type: 'bots-join', count: 10, follows: 5 },
          { at: 8, type: 'restore-suspended' },
        ],
      },
    );
    p.run();
    const w = p.world;
    const edges = w.graph.toEdgeList();
    return {
      events: p.events.map((e) => e.accounts.join(',')),
      totals: { ...p.totals },
      moderation: { ...p.moderation },
      edges: edges.src.reduce((s, u, k) => (s * 31 + u * 7 + edges.dst[k]) % 1_000_000_007, 0),
      authors: Array.from({ length: w.posts.count }, (_, p) => w.posts.authorOf(p)).join(','),
      alerts: p.observer.zScore.full[0].join(','),
    };
  };

  it('the same seed gives the same run; another seed another run', () => {
    const a = run('det-a');
    expect(run('det-a')).toEqual(a);
    const b = run('det-b');
    expect(b.authors).not.toBe(a.authors);
    expect(b.events).not.toEqual(a.events);
  });
});
