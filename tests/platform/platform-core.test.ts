/**
 * Unit checks of the platform core with exact expectations: activation
 * counts against Σλ (deterministic floor/ceiling bounds and binomial bounds),
 * the daily rhythm, the read cap's reset at the day boundary, each ranker's
 * feed order against its own explanation, post ids and times, cascade
 * extraction on a hand-made world, the network view, and hand-computed
 * engagement odds and opinion updates.
 */
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { InputError } from '../../src/model/errors.js';
import { preferentialAttachment } from '../../src/model/generators/preferential-attachment.js';
import { Rng } from '../../src/model/rng.js';
import { TIER_NEW, TIER_UNVERIFIED, TIER_VERIFIED, byFollowersDescending } from '../../src/sim/platform/agents.js';
import { agreement, engagementOdds, novelty } from '../../src/sim/platform/engagement-model.js';
import { FeedBuffer, buildFeed, firstFreshPost, readCapLeft } from '../../src/sim/platform/feed.js';
import { opinionRules } from '../../src/sim/platform/opinion-rules.js';
import { RANKER_NAMES } from '../../src/sim/platform/platform-params.js';
import { DAILY_RHYTHM, createPlatform, type Platform } from '../../src/sim/platform/platform.js';
import { FALSE_CLAIM, FLAG_DOWNRANKED, FLAG_LABELLED, KIND_ORIGINAL, KIND_REPLY, KIND_RESHARE, NOT_A_CLAIM } from '../../src/sim/platform/post-store.js';
import { RECENT_PER_AUTHOR, recentPosts } from '../../src/sim/platform/world.js';

/** λ of account i in a tick starting at `tickStart` minutes, computed as the activation phase does. */
function lambda(p: Platform, i: number, tickStart: number): number {
  const w = p.world;
  const rhythm = w.params.dailyRhythm ? DAILY_RHYTHM[Math.floor((tickStart / 60) % 24)] : 1;
  return w.agents.activity[i] * (w.params.tickMinutes / 60) * (w.agents.bot[i] !== 0 ? 1 : rhythm);
}

/** Σ⌊λ⌋, Σλ, Σ⌈λ⌉ and Σ f(1 − f) (f the fractional part: the variance of the count) over accounts not suspended. */
function lambdaSums(p: Platform, tickStart: number): { floor: number; mean: number; ceil: number; variance: number } {
  let floor = 0;
  let mean = 0;
  let ceil = 0;
  let variance = 0;
  const a = p.world.agents;
  for (let i = 0; i < a.n; i++) {
    if (a.suspended[i] !== 0) continue;
    const l = lambda(p, i, tickStart);
    const f = l - Math.floor(l);
    floor += Math.floor(l);
    ceil += Math.ceil(l);
    mean += l;
    variance += f * (1 - f);
  }
  return { floor, mean, ceil, variance };
}

describe('activation', () => {
  it('gives each account ⌊λ⌋ or ⌈λ⌉ sessions a tick, Σλ on average, never to suspended accounts', () => {
    const p = createPlatform(
      { agents: 3000, followsPerAccount: 5, activityPerHour: 2.5, activityHeterogeneity: 1, dailyRhythm: false, tickMinutes: 60, botShare: 0.05, botActivityPerHour: 3 },
      { seed: 'core/activation' },
    );
    const a = p.world.agents;
    for (let i = 0; i < 200; i++) a.suspended[i] = 1;
    const ticks = 6;
    let total = 0;
    let expected = 0;
    let variance = 0;
    for (let t = 0; t < ticks; t++) {
      const sums = lambdaSums(p, p.now);
      p.tick();
      const count = p.observer.activations[t];
      expect(count).toBeGreaterThanOrEqual(sums.floor);
      expect(count).toBeLessThanOrEqual(sums.ceil);
      total += count;
      expected += sums.mean;
      variance += sums.variance;
    }
    // Independent Bernoulli parts: within 5 standard deviations of the mean.
    expect(Math.abs(total - expected)).toBeLessThanOrEqual(5 * Math.sqrt(variance));
    for (let i = 0; i < 200; i++) expect(a.sessions[i]).toBe(0);
    // Bots hold an integer rate here (3 an hour): exactly 3 sessions a tick each.
    for (let i = 200; i < a.n; i++) if (a.bot[i] !== 0) expect(a.sessions[i]).toBe(3 * ticks);
  });

  it('with equal rates, the sessions of a tick are binomial(n, λ)', () => {
    const n = 4000;
    const p = createPlatform({ agents: n, followsPerAccount: 4, activityPerHour: 0.3, activityHeterogeneity: 0, dailyRhythm: false, tickMinutes: 60 }, { seed: 'core/binomial' });
    const l = 0.30000001192092896; // the Float32 rate 0.3 × 1 hour
    expect(lambda(p, 0, 0)).toBe(l);
    let total = 0;
    for (let t = 0; t < 8; t++) {
      p.tick();
      const c = p.observer.activations[t];
      expect(Math.abs(c - n * l)).toBeLessThanOrEqual(5 * Math.sqrt(n * l * (1 - l)));
      total += c;
    }
    expect(Math.abs(total - 8 * n * l)).toBeLessThanOrEqual(5 * Math.sqrt(8 * n * l * (1 - l)));
  });

  it('applies the daily rhythm of the hour in which the tick starts (bots keep their own schedule)', () => {
    const n = 4000;
    const p = createPlatform(
      { agents: n, followsPerAccount: 4, activityPerHour: 0.5, activityHeterogeneity: 0, dailyRhythm: true, tickMinutes: 30, botShare: 0.1, botActivityPerHour: 4 },
      { seed: 'core/rhythm' },
    );
    const a = p.world.agents;
    let bots = 0;
    for (let i = 0; i < n; i++) bots += a.bot[i];
    expect(bots).toBe(400);
    for (let t = 0; t < 48; t++) {
      // Ticks of 30 minutes: ticks 2h and 2h + 1 both start in hour h.
      const humanLambda = 0.5 * 0.5 * DAILY_RHYTHM[Math.floor(t / 2)];
      p.tick();
      // Bots: exactly 2 sessions a tick each (4 an hour, half an hour); humans: binomial(n − bots, λ_h).
      const humanSessions = p.observer.activations[t] - 2 * bots;
      const m = n - bots;
      expect(Math.abs(humanSessions - m * humanLambda)).toBeLessThanOrEqual(5 * Math.sqrt(m * humanLambda * (1 - humanLambda)));
    }
    // The evening peak against the night trough: 1.6 / 0.22.
    const at = (tick: number): number => p.observer.activations[tick] - 2 * bots;
    expect(at(40) + at(41)).toBeGreaterThan(4 * (at(8) + at(9)));
  });
});

describe('read caps', () => {
  it('cap by tier × readCapScale, spent by reading, reset at the day boundary', () => {
    const p = createPlatform({ agents: 300, followsPerAccount: 5, activityPerHour: 0, readCaps: true, readCapScale: 0.01, verifiedShare: 0.1, newShare: 0.2 }, { seed: 'core/caps' });
    const w = p.world;
    const a = w.agents;
    const capOf = [100, 10, 5]; // ⌊10,000 / 1,000 / 500 × 0.01⌋
    for (const tier of [TIER_VERIFIED, TIER_UNVERIFIED, TIER_NEW]) {
      const i = a.tier.indexOf(tier);
      expect(i).toBeGreaterThanOrEqual(0);
      w.now = 100;
      expect(readCapLeft(w, i)).toBe(capOf[tier]);
      a.readToday[i] += capOf[tier] - 2;
      expect(readCapLeft(w, i)).toBe(2);
      a.readToday[i] += 2;
      w.now = 1439.999;
      expect(readCapLeft(w, i)).toBe(0);
      // A feed built now is empty, whatever there is to read.
      expect(buildFeed(w, i, new FeedBuffer())).toBe(0);
      w.now = 1440;
      expect(readCapLeft(w, i)).toBe(capOf[tier]);
      expect(a.readToday[i]).toBe(0);
      expect(a.readDay[i]).toBe(1);
    }
    w.params = { ...w.params, readCaps: false };
    expect(readCapLeft(w, 0)).toBe(Infinity);
  });

  it('in a run: nobody reads past the cap in a day, and capped readers read again the next day', () => {
    const perDay = new Map<string, number>();
    const p = createPlatform(
      { agents: 400, followsPerAccount: 10, activityPerHour: 2, postProbability: 0.8, readCaps: true, readCapScale: 0.004, durationHours: 48, tickMinutes: 30 },
      { seed: 'core/caps-run', hooks: { onExpose: (reader, _post, time) => perDay.set(`${reader}:${Math.floor(time / 1440)}`, (perDay.get(`${reader}:${Math.floor(time / 1440)}`) ?? 0) + 1) } },
    );
    p.run();
    const a = p.world.agents;
    const capOf = [40, 4, 2];
    let cappedDay0 = 0;
    let readAgain = 0;
    for (let i = 0; i < a.n; i++) {
      const cap = capOf[a.tier[i]];
      const d0 = perDay.get(`${i}:0`) ?? 0;
      const d1 = perDay.get(`${i}:1`) ?? 0;
      expect(d0).toBeLessThanOrEqual(cap);
      expect(d1).toBeLessThanOrEqual(cap);
      if (d0 === cap) {
        cappedDay0++;
        if (d1 > 0) readAgain++;
      }
    }
    expect(cappedDay0).toBeGreaterThan(100);
    expect(readAgain).toBeGreaterThan(0.8 * cappedDay0);
  });
});

describe('feeds', () => {
  for (const ranker of RANKER_NAMES) {
    it(`${ranker}: the feed is the candidates' top by score (then newer id), and each item's score is its explanation's`, () => {
      const p = createPlatform(
        { agents: 400, followsPerAccount: 12, activityPerHour: 1, ranker, feedSize: 6, outOfNetwork: 5, durationHours: 10, moderation: 'downrank', detectionDelayHours: 0, detectionProbability: 1 },
        { seed: `core/feed/${ranker}`, timeline: [{ at: 2, type: 'inject', name: 'hoax', author: {}, stance: 0.6 }] },
      );
      p.run();
      const w = p.world;
      const posts = w.posts;
      let checked = 0;
      let downranked = 0;
      for (let reader = 0; reader < 120; reader++) {
        // See everything within the age limit; downrank some candidates so the general path runs too.
        w.agents.lastSeenPost[reader] = -1;
        if (reader % 3 === 0) for (let q = posts.count - 1; q >= Math.max(0, posts.count - 200); q -= 4) posts.addFlags(q, FLAG_DOWNRANKED);
        // Short feeds cut the candidates; long ones show the downranked too.
        const feedSize = reader % 2 === 0 ? 6 : 60;
        w.params = { ...w.params, feedSize };
        const buf = new FeedBuffer();
        const size = buildFeed(w, reader, buf);
        const cand = Array.from(buf.candidates.subarray(0, buf.considered));
        expect(new Set(cand).size).toBe(cand.length);
        const scored = cand.map((post) => ({ post, score: p.explain(reader, post).score }));
        scored.sort((x, y) => y.score - x.score || y.post - x.post);
        expect(size).toBe(Math.min(feedSize, cand.length));
        for (let k = 0; k < size; k++) {
          expect(buf.items[k]).toBe(scored[k].post);
          expect(buf.itemScores[k]).toBe(scored[k].score);
          if (k > 0) {
            const s0 = buf.itemScores[k - 1];
            const s1 = buf.itemScores[k];
            expect(s0 > s1 || (s0 === s1 && buf.items[k - 1] > buf.items[k])).toBe(true);
          }
          if ((posts.flagsOf(buf.items[k]) & FLAG_DOWNRANKED) !== 0) downranked++;
        }
        if (size > 1) checked++;
      }
      expect(checked).toBeGreaterThan(50);
      expect(downranked).toBeGreaterThan(0);
    });
  }

  it('the chronological feed is the newest unseen posts of followees, by id', () => {
    const p = createPlatform({ agents: 300, followsPerAccount: 10, activityPerHour: 1, durationHours: 8, feedSize: 5 }, { seed: 'core/chrono' });
    p.run();
    const w = p.world;
    const out = w.graph.out;
    for (let reader = 0; reader < 100; reader++) {
      const lastSeen = w.agents.lastSeenPost[reader];
      const followees = new Set(Array.from(out.row(reader)));
      const minTime = w.now - w.params.maxPostAgeHours * 60;
      // Each followee's newest RECENT_PER_AUTHOR posts, unseen and young enough.
      const byAuthor = new Map<number, number[]>();
      for (let q = 0; q < w.posts.count; q++) {
        const author = w.posts.authorOf(q);
        if (!followees.has(author)) continue;
        const list = byAuthor.get(author) ?? [];
        list.push(q);
        byAuthor.set(author, list);
      }
      const expected: number[] = [];
      for (const list of byAuthor.values()) for (const q of list.slice(-RECENT_PER_AUTHOR)) if (q > lastSeen && w.posts.timeOf(q) >= minTime) expected.push(q);
      expected.sort((x, y) => y - x);
      const buf = new FeedBuffer();
      const size = buildFeed(w, reader, buf);
      expect(Array.from(buf.items.subarray(0, size))).toEqual(expected.slice(0, 5));
    }
  });

  it('the first fresh post is the first id at or after the age cut-off, wherever the cursor starts', () => {
    const p = createPlatform({ agents: 200, followsPerAccount: 5, activityPerHour: 1, durationHours: 30, maxPostAgeHours: 3 }, { seed: 'core/fresh' });
    p.run();
    const w = p.world;
    const brute = (): number => {
      const minTime = w.now - w.params.maxPostAgeHours * 60;
      let q = 0;
      while (q < w.posts.count && w.posts.timeOf(q) < minTime) q++;
      return q;
    };
    const buf = new FeedBuffer();
    const rng = new Rng('core/fresh/cursor');
    for (let k = 0; k < 50; k++) {
      buf.freshCursor = rng.int(w.posts.count + 5);
      w.params = { ...w.params, maxPostAgeHours: 1 + rng.int(40) };
      expect(firstFreshPost(w, buf)).toBe(brute());
    }
  });
});

describe('posts', () => {
  it('ids follow creation: times never decrease, parents and roots come first, originals are their own root', () => {
    const p = createPlatform({ agents: 300, followsPerAccount: 8, activityPerHour: 1.5, reshareProbability: 0.3, replyProbability: 0.1, durationHours: 12, tickMinutes: 20 }, { seed: 'core/ids' });
    p.run();
    const posts = p.world.posts;
    expect(posts.count).toBeGreaterThan(1000);
    let reshares = 0;
    let replies = 0;
    for (let q = 0; q < posts.count; q++) {
      if (q > 0) expect(posts.timeOf(q)).toBeGreaterThanOrEqual(posts.timeOf(q - 1));
      if (posts.kindOf(q) === KIND_ORIGINAL) {
        expect(posts.parentOf(q)).toBe(-1);
        expect(posts.rootOf(q)).toBe(q);
      } else {
        expect(posts.parentOf(q)).toBeGreaterThanOrEqual(0);
        expect(posts.parentOf(q)).toBeLessThan(q);
        expect(posts.rootOf(q)).toBe(posts.rootOf(posts.parentOf(q)));
        if (posts.kindOf(q) === KIND_RESHARE) reshares++;
        if (posts.kindOf(q) === KIND_REPLY) replies++;
      }
    }
    expect(reshares).toBeGreaterThan(0);
    expect(replies).toBeGreaterThan(0);
  });

  it("an author's list holds its posts newest first, and a feed takes at most RECENT_PER_AUTHOR of them", () => {
    const p = createPlatform({ agents: 50, followsPerAccount: 3, activityPerHour: 0 }, { seed: 'core/index' });
    const w = p.world;
    const ids: number[] = [];
    for (let k = 0; k < 11; k++) {
      ids.push(p.addPost(7, 0, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1));
      p.addPost(8, 0, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
      expect(recentPosts(w, 7)).toEqual(ids.slice(-RECENT_PER_AUTHOR).reverse());
      expect(recentPosts(w, 7, -1, 100)).toEqual([...ids].reverse());
      if (ids.length > 3) expect(recentPosts(w, 7, ids[2])).toEqual(ids.slice(3).slice(-RECENT_PER_AUTHOR).reverse());
      expect(w.latest[7]).toBe(ids[ids.length - 1]);
    }
    expect(w.latest[9]).toBe(-1);
    expect(recentPosts(w, 9)).toEqual([]);
  });
});

describe('cascades', () => {
  /**
   * Accounts 0..7; by hand: A=0 posts #0 at t=0, G=6 posts #1 at t=5,
   * B=1 reshares #0 at 10 (#2), D=3 replies to #0 at 15 (#3), C=2 reshares
   * #2 at 20 (#4), E=4 reshares the reply #3 at 25 (#5), F=5 reshares #0 at
   * 30 (#6), H=7 reshares #1 at 35 (#7).
   */
  function handMade(): Platform {
    const pairs = [
      [1, 0],
      [2, 1],
      [3, 0],
      [4, 3],
      [5, 0],
      [7, 6],
    ];
    const graph = CsrGraph.fromEdgeList({ n: 8, directed: true, src: Int32Array.from(pairs, (x) => x[0]), dst: Int32Array.from(pairs, (x) => x[1]), m: pairs.length }, { slack: 2 });
    const p = createPlatform({ agents: 8, network: 'given', followsPerAccount: 1, activityPerHour: 0 }, { seed: 'core/cascade', graph });
    const w = p.world;
    const at = (t: number): void => {
      w.now = t;
    };
    at(0);
    p.addPost(0, 0.5, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
    at(5);
    p.addPost(6, -0.5, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
    at(10);
    p.addPost(1, 0.5, NOT_A_CLAIM, 0, KIND_RESHARE, 0);
    at(15);
    p.addPost(3, 0.1, NOT_A_CLAIM, 0, KIND_REPLY, 0);
    at(20);
    p.addPost(2, 0.5, NOT_A_CLAIM, 0, KIND_RESHARE, 2);
    at(25);
    p.addPost(4, 0.1, NOT_A_CLAIM, 0, KIND_RESHARE, 3);
    at(30);
    p.addPost(5, 0.5, NOT_A_CLAIM, 0, KIND_RESHARE, 0);
    at(35);
    p.addPost(7, -0.5, NOT_A_CLAIM, 0, KIND_RESHARE, 1);
    return p;
  }

  it('extracts the reshare tree of each original, with times after the original', () => {
    const p = handMade();
    const c = p.cascade(0);
    expect(Array.from(c.node)).toEqual([0, 1, 2, 5]);
    expect(Array.from(c.parent)).toEqual([-1, 0, 1, 0]);
    expect(Array.from(c.time)).toEqual([0, 10, 20, 30]);
    const g = p.cascade(1);
    expect(Array.from(g.node)).toEqual([6, 7]);
    expect(Array.from(g.parent)).toEqual([-1, 0]);
    expect(Array.from(g.time)).toEqual([0, 30]);
  });

  it('with replies: replies and their reshares join the tree', () => {
    const c = handMade().cascade(0, { replies: true });
    expect(Array.from(c.node)).toEqual([0, 1, 3, 2, 4, 5]);
    expect(Array.from(c.parent)).toEqual([-1, 0, 0, 1, 2, 0]);
    expect(Array.from(c.time)).toEqual([0, 10, 15, 20, 25, 30]);
  });

  it('rejects a post that is not an original, naming the field', () => {
    const p = handMade();
    for (const bad of [2, 3, 8, -1, 0.5]) {
      let err: unknown;
      try {
        p.cascade(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).field).toBe('post');
    }
  });
});

describe('network view', () => {
  it('two camps: the follow graph, the opinions, and the camp as attribute', () => {
    const p = createPlatform({ agents: 300, network: 'two-camps', initialOpinions: 'by-camp', followsPerAccount: 6, durationHours: 2 }, { seed: 'core/view' });
    p.run();
    const v = p.networkView();
    expect(v.graph).toBe(p.graph);
    expect(v.opinions).toBe(p.world.agents.opinion);
    expect(v.attribute).toBeInstanceOf(Int32Array);
    expect(Array.from(v.attribute!)).toEqual(Array.from(p.world.camp!));
  });

  it('without camps: the side of each opinion; bots that join get an entry', () => {
    const p = createPlatform({ agents: 200, followsPerAccount: 5, durationHours: 3 }, { seed: 'core/view2', timeline: [{ at: 1, type: 'bots-join', count: 7, follows: 3 }] });
    p.run();
    const v = p.networkView();
    expect(p.world.agents.n).toBe(207);
    expect(v.graph.n).toBe(207);
    expect(v.opinions!.length).toBe(207);
    expect(v.attribute!.length).toBe(207);
    for (let i = 0; i < 207; i++) expect(v.attribute![i]).toBe(p.world.agents.opinion[i] > 0 ? 1 : 0);
  });
});

describe('engagement odds and opinion rules, by hand', () => {
  it('agreement, novelty and the four odds', () => {
    expect(agreement(0.5, 0.1)).toBeCloseTo(0.8, 15);
    expect(agreement(-1, 1)).toBe(0);
    expect(novelty(360, 360)).toBe(0.5);
    expect(novelty(-5, 360)).toBe(1);
    const p = createPlatform(
      { agents: 20, followsPerAccount: 2, activityPerHour: 0, likeProbability: 0.2, reshareProbability: 0.05, replyProbability: 0.02, reportProbability: 0.01, noveltyHalfLifeHours: 6, labelReshareFactor: 0.3 },
      { seed: 'core/odds' },
    );
    const w = p.world;
    w.now = 0;
    const post = p.addPost(3, 0.25, FALSE_CLAIM, 0, KIND_ORIGINAL, -1);
    w.agents.opinion[5] = 0.75;
    w.agents.credulity[5] = 0.5;
    w.now = 360;
    // a = 1 − 0.5/2 = 0.75, ν = 1/2, a² = 0.5625.
    const odds = engagementOdds(w, 5, post, { like: 0, reshare: 0, reply: 0, report: 0 });
    expect(odds.like).toBeCloseTo(0.2 * 0.5625 * 0.5, 12);
    expect(odds.reshare).toBeCloseTo(0.05 * 0.5625 * 0.5 * 2 * 0.5, 12);
    expect(odds.reply).toBeCloseTo(0.02 * 0.5 * 0.75, 12);
    expect(odds.report).toBeCloseTo(0.01 * 0.25 * 10, 12);
    w.posts.addFlags(post, FLAG_LABELLED);
    w.posts.setAppeal(post, 2);
    engagementOdds(w, 5, post, odds);
    expect(odds.like).toBeCloseTo(0.2 * 0.5625 * 2 * 0.5, 12);
    expect(odds.reshare).toBeCloseTo(0.05 * 0.5625 * 2 * 0.5 * 2 * 0.5 * 0.3, 12);
    expect(odds.reply).toBeCloseTo(0.02 * 0.5 * 0.75 * 2, 12);
  });

  it('bounded confidence moves post by post; Sasahara moves once toward the mean of the concordant posts', () => {
    const p = createPlatform({ agents: 20, followsPerAccount: 2, activityPerHour: 0, influence: 0.5 }, { seed: 'core/rules' });
    const w = p.world;
    const feed = Int32Array.from([0.25, 0.875, -0.375].map((s) => p.addPost(1, s, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1)));
    w.agents.tolerance[4] = 0.5;
    w.agents.opinion[4] = 0;
    opinionRules['bounded-confidence'].update(w, 4, feed, 3);
    // 0 → 0.125 (|0.25 − 0| < 0.5); 0.875 is 0.75 away; −0.375 is exactly 0.5 away: not within.
    expect(w.agents.opinion[4]).toBe(0.125);
    w.agents.opinion[4] = 0;
    opinionRules.sasahara.update(w, 4, feed, 3);
    // Concordant: 0.25 and −0.375; mean offset −0.0625; μ = 0.5.
    expect(w.agents.opinion[4]).toBe(-0.03125);
    w.agents.opinion[4] = 0.3;
    opinionRules.none.update(w, 4, feed, 3);
    expect(w.agents.opinion[4]).toBe(0.3);
  });
});

describe('accounts', () => {
  it('are ordered by followers by a counting sort equal to the comparison sort', () => {
    const graph = CsrGraph.fromEdgeList(preferentialAttachment({ n: 3000, m: 4 }, new Rng('core/order')));
    const expected = Array.from({ length: graph.n }, (_, i) => i).sort((u, v) => graph.inDegree(v) - graph.inDegree(u) || u - v);
    expect(Array.from(byFollowersDescending(graph))).toEqual(expected);
  });

  it('the most-followed verifiedShare are verified', () => {
    const p = createPlatform({ agents: 1000, followsPerAccount: 5, verifiedShare: 0.05, newShare: 0.2 }, { seed: 'core/tiers' });
    const order = byFollowersDescending(p.graph);
    const a = p.world.agents;
    for (let k = 0; k < 1000; k++) expect(a.tier[order[k]] === TIER_VERIFIED).toBe(k < 50);
    let fresh = 0;
    for (let i = 0; i < 1000; i++) if (a.tier[i] === TIER_NEW) fresh++;
    // newShare / (1 − verifiedShare) of the other 950: binomial around 200.
    expect(Math.abs(fresh - 200)).toBeLessThanOrEqual(5 * Math.sqrt(950 * (0.2 / 0.95) * (1 - 0.2 / 0.95)));
    expect(a.tier.includes(TIER_UNVERIFIED)).toBe(true);
  });
});
