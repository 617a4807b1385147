/**
 * Sock puppets (puppets.ts) and rankers from outside (custom-ranker.ts):
 * a hand-made world whose puppet feed is known by hand, one log row per
 * shown item (counted independently through the exposure hook), fixed
 * opinions, and the checks on user-defined rankers.
 */
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { InputError } from '../../src/model/errors.js';
import { defineRanker } from '../../src/sim/platform/custom-ranker.js';
import { novelty } from '../../src/sim/platform/engagement-model.js';
import { createPlatform, type PlatformOptions } from '../../src/sim/platform/platform.js';
import { FALSE_CLAIM, KIND_ORIGINAL, NOT_A_CLAIM, TRUE_CLAIM } from '../../src/sim/platform/post-store.js';

/** Account 0 follows 1, 2 and 3; account 4 is followed by no one the puppet follows. */
function tiny(options: Partial<PlatformOptions> = {}, params: Record<string, unknown> = {}) {
  const pairs = [
    [0, 1],
    [0, 2],
    [0, 3],
    [5, 4],
  ];
  const graph = CsrGraph.fromEdgeList({ n: 6, directed: true, src: Int32Array.from(pairs, (x) => x[0]), dst: Int32Array.from(pairs, (x) => x[1]), m: pairs.length }, { slack: 2 });
  const p = createPlatform(
    { network: 'given', agents: 6, followsPerAccount: 1, activityPerHour: 0, activityHeterogeneity: 0, botShare: 0, dailyRhythm: false, tickMinutes: 60, ranker: 'chronological', feedSize: 3, moderation: 'none', ...params },
    { seed: 'puppets/tiny', graph, puppets: [{ account: 0, kind: 'left', opinion: -0.6, sessionsPerHour: 1 }], ...options },
  );
  // Nobody but the puppet has sessions.
  for (let i = 1; i < 6; i++) p.world.agents.activity[i] = 0;
  // Posts 0..4 at time 0: authors 1, 2, 3, 4 (not followed), 1.
  p.addPost(1, -0.8, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
  p.addPost(2, 0.5, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
  p.addPost(3, 0, TRUE_CLAIM, 0, KIND_ORIGINAL, -1);
  p.addPost(4, 0.9, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
  p.addPost(1, -0.2, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
  return p;
}

describe('sock puppets', () => {
  it('log the chronological feed known by hand, one row per shown item', () => {
    const p = tiny();
    let exposed = 0;
    p.hooks = { onExpose: (reader) => void (reader === 0 && exposed++) };
    p.tick();
    // Followees' posts newest first, cut to feedSize 3: 4 (by 1), 2 (by 3), 1 (by 2); post 3's author is not followed.
    const log = p.feedLog!;
    expect(log.post).toEqual([4, 2, 1]);
    expect(log.author).toEqual([1, 3, 2]);
    expect(log.position).toEqual([0, 1, 2]);
    expect(log.stance.map((s) => Math.fround(s))).toEqual([Math.fround(-0.2), 0, Math.fround(0.5)]);
    expect(log.veracity).toEqual([NOT_A_CLAIM, TRUE_CLAIM, FALSE_CLAIM]);
    expect(log.time).toEqual([0, 0, 0]);
    expect(log.kind).toEqual(['left', 'left', 'left']);
    // Age 0: novelty 1.
    expect(log.score).toEqual([1, 1, 1]);
    // A new post at 60 min: the second session shows it alone (the others were seen).
    p.addPost(2, 0.3, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
    p.tick();
    expect(log.post).toEqual([4, 2, 1, 5]);
    expect(log.time.slice(3)).toEqual([60]);
    expect(log.position.slice(3)).toEqual([0]);
    expect(log.post.length).toBe(exposed);
    // A passive puppet engages with nothing and posts nothing.
    expect(p.totals.likes + p.totals.reshares + p.totals.replies + p.totals.posts).toBe(0);
  });

  it('like-aligned puppets like exactly the shown posts within likeWithin of their opinion', () => {
    const p = tiny({ puppets: [{ account: 0, kind: 'left', opinion: -0.6, policy: 'like-aligned', likeWithin: 0.5, sessionsPerHour: 1 }] });
    p.tick();
    // Shown 4 (−0.2: |0.4| < 0.5 liked), 2 (0: 0.6 no), 1 (0.5: 1.1 no).
    expect(p.totals.likes).toBe(1);
    expect(p.world.posts.likesOf(4)).toBe(1);
    expect(p.world.posts.likesOf(2) + p.world.posts.likesOf(1)).toBe(0);
  });

  it('log one row per exposure and never change their opinion in a busy world', () => {
    const puppets = [
      { account: 3, kind: 'left', opinion: -0.7, policy: 'like-aligned' as const, sessionsPerHour: 2 },
      { account: 10, kind: 'right', opinion: 0.7, policy: 'like-aligned' as const, sessionsPerHour: 2 },
      { account: 20, kind: 'neutral', opinion: 0, sessionsPerHour: 2 },
    ];
    for (const ranker of ['chronological', 'engagement', 'similarity']) {
      const p = createPlatform({ agents: 400, followsPerAccount: 15, activityPerHour: 1, ranker, opinionRule: 'bounded-confidence', durationHours: 24 }, { seed: `puppets/busy-${ranker}`, puppets });
      const before = Float64Array.from(p.world.agents.opinion);
      const exposures = new Map<number, number>();
      p.hooks = { onExpose: (reader) => void exposures.set(reader, (exposures.get(reader) ?? 0) + 1) };
      p.run();
      const log = p.feedLog!;
      for (const q of puppets) {
        expect(p.world.agents.opinion[q.account]).toBe(q.opinion);
        expect(log.puppet.filter((x) => x === q.account).length).toBe(exposures.get(q.account) ?? 0);
      }
      expect(log.post.length).toBeGreaterThan(0);
      // Others do move: the rule is on.
      let moved = 0;
      for (let i = 0; i < 400; i++) if (p.world.agents.opinion[i] !== before[i]) moved++;
      expect(moved).toBeGreaterThan(10);
      // Positions restart at 0 at each feed and increase by one.
      for (let k = 1; k < log.position.length; k++) if (log.position[k] !== 0) expect(log.position[k]).toBe(log.position[k - 1] + 1);
    }
  });

  it('reject bad puppets with the field named', () => {
    expect(() => tiny({ puppets: [{ account: 9, kind: 'x', opinion: 0 }] })).toThrow(/puppets\[0\]\.account is 9; allowed: an account id in \[0, 5\]/);
    expect(() => tiny({ puppets: [{ account: 1, kind: 'x', opinion: 2 }] })).toThrow(/puppets\[0\]\.opinion is 2/);
    expect(() => tiny({ puppets: [{ account: 1, kind: '', opinion: 0 }] })).toThrow(/puppets\[0\]\.kind/);
    expect(() => tiny({ puppets: [{ account: 1, kind: 'a', opinion: 0 }, { account: 1, kind: 'b', opinion: 0 }] })).toThrow(/already a puppet/);
  });
});

describe('user-defined rankers', () => {
  it('order the feed by their score: oldest first, by hand', () => {
    const oldest = defineRanker({ name: 'oldest-first', description: 'Lower post ids first.', score: (_w, _i, post) => -post });
    const p = tiny({ ranker: oldest });
    p.tick();
    // Candidates 0, 1, 2, 4; the three oldest.
    expect(p.feedLog!.post).toEqual([0, 1, 2]);
    expect(p.feedLog!.score).toEqual([-0, -1, -2]);
    const why = p.explain(0, 1);
    expect(why.ranker).toBe('oldest-first');
    expect(why.terms).toEqual([{ term: 'oldest-first', value: -1, detail: 'Lower post ids first.' }]);
  });

  it('a user ranker scoring like the chronological one gives the same run, bit for bit', () => {
    const mine = defineRanker({ name: 'my-chronological', description: 'Novelty 1/(1 + age/h).', score: (w, _i, post) => novelty(w.now - w.posts.timeOf(post), w.params.noveltyHalfLifeHours * 60) });
    const params = { agents: 300, followsPerAccount: 10, activityPerHour: 1, ranker: 'chronological', durationHours: 12 };
    const puppets = [{ account: 5, kind: 'n', opinion: 0 }];
    const a = createPlatform(params, { seed: 'custom/chrono', puppets }).run();
    const b = createPlatform(params, { seed: 'custom/chrono', puppets, ranker: mine }).run();
    expect(b.feedLog).toEqual(a.feedLog);
    expect(b.world.agents.opinion).toEqual(a.world.agents.opinion);
    expect(b.totals).toEqual(a.totals);
  });

  it('are checked like built-ins: unique name, an explanation, finite scores', () => {
    expect(() => defineRanker({ name: 'chronological', description: 'x', score: () => 0 })).toThrow(/"chronological" is a built-in ranker/);
    expect(() => defineRanker({ name: 'mine', description: ' ', score: () => 0 })).toThrow(/description of ranker "mine"/);
    expect(() => defineRanker({ name: '', description: 'x', score: () => 0 })).toThrow(InputError);
    const bad = defineRanker({ name: 'bad', description: 'NaN for post 2.', score: (_w, _i, post) => (post === 2 ? Number.NaN : post) });
    const p = tiny({ ranker: bad });
    expect(() => p.tick()).toThrow(/ranker "bad": score\(reader 0, post 2\) returned NaN; allowed: a finite number/);
  });
});
