/**
 * Bots: `botShare` makes round(share·n) bots holding `botStance` that never
 * change their mind; amplifiers reshare exactly the fitting posts, half of
 * the time; flooders post 5 times per session; infiltrators follow humans
 * who follow back with the stated probability; bots that join mid-run grow
 * the world and act.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMPLIFY_PROBABILITY, FLOOD_POSTS, botAmplifies } from '../../../src/sim/platform/bots.js';
import { createPlatform } from '../../../src/sim/platform/platform.js';
import { KIND_ORIGINAL, KIND_RESHARE } from '../../../src/sim/platform/post-store.js';
import { makeWorld, withinBinomial } from './fixtures.js';

describe('bot share', () => {
  it('makes round(share · n) bots holding botStance at botActivityPerHour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 300 }), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (n, share, stance) => {
        const w = makeWorld({ agents: n, followsPerAccount: 3, botShare: share, botStance: stance, botActivityPerHour: 3 }, `bots-${n}`);
        let bots = 0;
        for (let i = 0; i < n; i++) {
          if (w.agents.bot[i] === 0) continue;
          bots++;
          expect(w.agents.opinion[i]).toBe(stance);
          expect(w.agents.activity[i]).toBe(3);
        }
        expect(bots).toBe(Math.round(share * n));
      }),
      { numRuns: 40 },
    );
  });

  it('bots never update their opinion, while humans near them do', () => {
    const p = createPlatform(
      { agents: 600, durationHours: 24, botShare: 0.15, botStance: 0.3, opinionRule: 'bounded-confidence', influence: 0.5, tolerance: 1, activityPerHour: 0.5, ranker: 'engagement' },
      { seed: 'bots-stubborn' },
    );
    const before = Float64Array.from(p.world.agents.opinion);
    p.run();
    const a = p.world.agents;
    let humansMoved = 0;
    for (let i = 0; i < a.n; i++) {
      if (a.bot[i] !== 0) expect(a.opinion[i]).toBe(0.3);
      else if (a.opinion[i] !== before[i]) humansMoved++;
    }
    expect(a.sessions.reduce((s, x, i) => s + (a.bot[i] ? x : 0), 0)).toBeGreaterThan(1000);
    expect(humansMoved).toBeGreaterThan(100);
  });
});

describe('bot behaviours', () => {
  it('amplify: bots reshare only false claims or posts within 0.5 of their stance, each first chance with probability 1/2, once per cascade', () => {
    let fittingExposures = 0;
    let reshares = 0;
    let unfitting = 0;
    // Distinct (bot, cascade) pairs with a fitting exposure, and reshares per pair.
    const chances = new Set<string>();
    const resharedPairs = new Map<string, number>();
    const p = createPlatform(
      { agents: 800, durationHours: 24, botShare: 0.1, botBehaviour: 'amplify', botStance: 0.8, botActivityPerHour: 1, initialOpinions: 'uniform', ranker: 'engagement' },
      {
        seed: 'bots-amplify',
        timeline: [{ at: 2, type: 'inject', name: 'hoax', author: { pick: 'most-followed' }, stance: -0.9, appeal: 3 }],
        hooks: {
          onExpose(reader, post) {
            if (p.world.agents.bot[reader] === 0 || !botAmplifies(p.world, p.world.agents.opinion[reader], post)) return;
            fittingExposures++;
            chances.add(`${reader}:${p.world.posts.rootOf(post)}`);
          },
          onEngage(actor, post, kind) {
            if (p.world.agents.bot[actor] === 0 || kind !== 'reshare') return;
            reshares++;
            const key = `${actor}:${p.world.posts.rootOf(post)}`;
            resharedPairs.set(key, (resharedPairs.get(key) ?? 0) + 1);
            if (!botAmplifies(p.world, p.world.agents.opinion[actor], post)) unfitting++;
          },
        },
      },
    );
    p.run();
    expect(unfitting).toBe(0);
    expect(fittingExposures).toBeGreaterThan(500);
    // Each pair's first fitting exposure is a 1/2 chance, so at least Binomial(pairs, 1/2) reshares;
    // at most one per pair (the check looks at a bot's 8 newest posts, so allow a few repeats).
    const pairs = chances.size;
    const lower = pairs * AMPLIFY_PROBABILITY - 5 * Math.sqrt(pairs * AMPLIFY_PROBABILITY * (1 - AMPLIFY_PROBABILITY));
    expect(reshares).toBeGreaterThanOrEqual(lower);
    expect(reshares).toBeLessThanOrEqual(fittingExposures);
    const repeats = [...resharedPairs.values()].reduce((s, c) => s + (c - 1), 0);
    expect(repeats).toBeLessThanOrEqual(Math.ceil(0.02 * reshares));
    // The hoax (stance −0.9, far from the bots' 0.8) is amplified because it is false.
    const hoax = p.injected.get('hoax')!;
    let botHoaxReshares = 0;
    const posts = p.world.posts;
    for (let k = 0; k < posts.count; k++) if (posts.kindOf(k) === KIND_RESHARE && posts.rootOf(k) === hoax && p.world.agents.bot[posts.authorOf(k)]) botHoaxReshares++;
    expect(botHoaxReshares).toBeGreaterThan(0);
  });

  it('flood: each bot session posts exactly 5 originals, on the topic of the latest injected post', () => {
    const p = createPlatform(
      { agents: 300, durationHours: 12, botShare: 0.05, botBehaviour: 'flood', botActivityPerHour: 1.5 },
      { seed: 'bots-flood', timeline: [{ at: 6, type: 'inject', name: 'brand', author: { pick: 'most-followed' }, stance: 0, veracity: 'none', topic: 'brand' }] },
    );
    p.run();
    const w = p.world;
    const brand = w.topics.indexOf('brand');
    const perBot = new Map<number, number>();
    for (let k = 0; k < w.posts.count; k++) {
      const author = w.posts.authorOf(k);
      if (w.agents.bot[author] === 0) continue;
      expect(w.posts.kindOf(k)).toBe(KIND_ORIGINAL);
      expect(w.posts.topic[k]).toBe(w.posts.timeOf(k) >= 360 ? brand : 0);
      perBot.set(author, (perBot.get(author) ?? 0) + 1);
    }
    let sessions = 0;
    for (let i = 0; i < w.agents.n; i++) {
      if (w.agents.bot[i] === 0) continue;
      sessions += w.agents.sessions[i];
      expect(perBot.get(i) ?? 0).toBe(FLOOD_POSTS * w.agents.sessions[i]);
    }
    expect(sessions).toBeGreaterThan(150);
  });

  it('infiltrate: bots that joined follow humans, who follow back with probability followBackProbability', () => {
    const p = createPlatform(
      { agents: 1500, durationHours: 24, botBehaviour: 'infiltrate', followBackProbability: 0.3, unfollowProbability: 0, botActivityPerHour: 2 },
      { seed: 'bots-infiltrate', timeline: [{ at: 0, type: 'bots-join', count: 50, follows: 0, stance: -0.7 }] },
    );
    p.run();
    const w = p.world;
    let follows = 0;
    let backs = 0;
    for (let b = 1500; b < w.graph.n; b++) {
      for (const h of w.graph.followees(b)) {
        expect(w.agents.bot[h]).toBe(0);
        follows++;
      }
      // Nobody followed the new bots and humans did not rewire: every follower is a follow-back.
      for (const h of w.graph.followers(b)) {
        expect(w.graph.hasEdge(b, h)).toBe(true);
        backs++;
      }
    }
    expect(follows).toBeGreaterThan(1500);
    expect(withinBinomial(backs, follows, 0.3)).toBe(true);
    expect(p.totals.follows).toBe(follows + backs);
  });
});

describe("'bots-join' event", () => {
  it('grows the accounts and the graph, each bot following `follows` distinct humans, and the new bots act', () => {
    const p = createPlatform(
      { agents: 400, durationHours: 10, botBehaviour: 'amplify', botActivityPerHour: 2, groups: 2, groupNames: ['EN', 'FR'] },
      { seed: 'bots-join', timeline: [{ at: 3, type: 'bots-join', count: 25, follows: 12, stance: -0.4, group: 'FR' }] },
    );
    p.run(3);
    expect(p.world.agents.n).toBe(400);
    const m0 = p.graph.m;
    p.run(7);
    const w = p.world;
    expect(w.agents.n).toBe(425);
    expect(w.graph.n).toBe(425);
    expect(p.events[0].accounts).toEqual(Array.from({ length: 25 }, (_, k) => 400 + k));
    let newEdges = 0;
    let posts = 0;
    for (let i = 400; i < 425; i++) {
      expect(w.agents.bot[i]).toBe(1);
      expect(w.agents.opinion[i]).toBe(-0.4);
      expect(w.agents.group[i]).toBe(1);
      const followees = [...w.graph.followees(i)];
      expect(new Set(followees).size).toBe(followees.length);
      expect(followees.length).toBe(12);
      for (const h of followees) expect(w.agents.bot[h]).toBe(0);
      newEdges += followees.length;
      expect(w.agents.sessions[i]).toBeGreaterThan(0);
    }
    for (let k = 0; k < w.posts.count; k++) if (w.posts.authorOf(k) >= 400) posts++;
    expect(posts).toBeGreaterThan(0);
    expect(w.graph.m).toBeGreaterThanOrEqual(m0 + newEdges - p.totals.unfollows);
  });
});
