/**
 * Named accounts: an account fixed once at setup (a scenario's `accounts`,
 * or `platform.named`) is the one every rule `{ name }` acts on, even after
 * another account has become the most-followed; names are distinct
 * accounts, chosen the same in every arm; bad names fail before the run
 * (or at the event) with the field. Also the `onTick` hook that records
 * per-tick state.
 */
import { describe, expect, it } from 'vitest';
import type { CsrGraph } from '../../src/model/csr-graph.js';
import { ParamError } from '../../src/model/errors.js';
import { createPlatform, type Platform } from '../../src/sim/platform/platform.js';
import { buildScenario, defineScenario, runPaired } from '../../src/sim/platform/scenario.js';
import type { TimelineEvent } from '../../src/sim/platform/timeline.js';

/** The most-followed human (ties to the lower index), computed here from the graph. */
function mostFollowed(p: Platform): number {
  const w = p.world;
  let best = -1;
  for (let i = 0; i < w.agents.n; i++) {
    if (w.agents.bot[i] !== 0) continue;
    if (best < 0 || w.graph.inDegree(i) > w.graph.inDegree(best)) best = i;
  }
  return best;
}

/** Remove every follow of account `i` but `keep` of them. */
function stripFollowers(graph: CsrGraph, i: number, keep: number): void {
  const followers = [...graph.followers(i)];
  for (const f of followers.slice(keep)) graph.removeEdge(f, i);
}

describe('a named account on the platform', () => {
  it('events naming it go to it after another account has overtaken it; a most-followed rule goes to the new leader', () => {
    const timeline: TimelineEvent[] = [
      { at: 3, type: 'inject', name: 'by-name', author: { name: 'brand' }, stance: 0.5, veracity: 'none', target: { name: 'brand' } },
      { at: 3, type: 'inject', name: 'by-rule', author: { pick: 'most-followed' }, stance: 0.5, veracity: 'none' },
    ];
    const p = createPlatform({ agents: 400, durationHours: 5, botShare: 0.05 }, { seed: 'named-1', timeline });
    const brand = mostFollowed(p);
    const before = p.graph.inDegree(brand);
    expect(before).toBeGreaterThan(20);
    p.named.set('brand', brand);
    // During the run (end of hour 1) the brand loses all but 2 of its followers.
    p.hooks = { onTick: (t) => (t === 60 ? stripFollowers(p.graph, brand, 2) : undefined) };
    p.run();
    expect(p.graph.inDegree(brand)).toBeLessThanOrEqual(2 + 5);
    const leader = mostFollowed(p);
    expect(leader).not.toBe(brand);
    const [byName, byRule] = p.events;
    expect(byName.accounts).toEqual([brand]);
    expect(p.world.posts.targetOf(p.injected.get('by-name')!)).toBe(brand);
    // The rule looks the leader up at its hour: the account that overtook the brand (followers can move by an unfollow or two by then).
    expect(byRule.accounts[0]).not.toBe(brand);
    expect(p.graph.inDegree(byRule.accounts[0])).toBeGreaterThan(p.graph.inDegree(brand));
  });

  it('an event naming an account that was never named fails at its hour, with the names known', () => {
    const p = createPlatform({ agents: 100, durationHours: 3 }, { seed: 'named-2', timeline: [{ at: 1, type: 'inject', name: 'x', author: { name: 'brand' }, stance: 0 }] });
    p.named.set('director', 3);
    expect(() => p.run()).toThrow(/timeline\[0\]\.author: no account is named "brand" \(named at setup: "director"\)/);
  });

  it('a name goes alone: a rule with a name and another field is refused before the run', () => {
    expect(() => createPlatform({ agents: 100 }, { seed: 'named-3', timeline: [{ at: 1, type: 'inject', name: 'x', author: { name: 'brand', minFollowers: 3 }, stance: 0 }] })).toThrow(
      /timeline\[0\]\.author: invalid `minFollowers` \(3\): expected nothing beside `name`/,
    );
    expect(() => createPlatform({ agents: 100 }, { seed: 'named-3', timeline: [{ at: 1, type: 'inject', name: 'x', author: { name: '' }, stance: 0 }] })).toThrow(/invalid `name`/);
  });

  it('onTick is called once per tick with the time at its end', () => {
    const p = createPlatform({ agents: 50, tickMinutes: 30, durationHours: 2 }, { seed: 'named-4' });
    const times: number[] = [];
    p.hooks = { onTick: (t) => times.push(t) };
    p.run();
    expect(times).toEqual([30, 60, 90, 120]);
  });
});

describe("a scenario's named accounts", () => {
  const brandRun = defineScenario<{ brand: number; leaderAtSetup: number }>({
    id: 'named-brand',
    title: 'Named brand',
    question: 'Do events naming the brand reach it after it is overtaken?',
    lookFor: 'every event by the brand posted by the account fixed at setup',
    params: { agents: 500, durationHours: 8, network: 'preferential-attachment', unfollowProbability: 0 },
    accounts: { brand: { pick: 'most-followed' }, runnerUp: { pick: 'most-followed' }, someone: { minFollowers: 5, maxFollowers: 30 } },
    timeline: [
      { at: 4, type: 'inject', name: 'statement', author: { name: 'brand' }, stance: 0.8, veracity: 'true', topic: 'brand', target: { name: 'brand' } },
      { at: 5, type: 'reshare', post: 'statement', accounts: { name: 'someone' } },
    ],
    arms: {
      chronological: { params: { ranker: 'chronological' }, timeline: [{ at: 6, type: 'inject', name: 'late', author: { name: 'brand' }, stance: 0.5 }] },
      engagement: { params: { ranker: 'engagement' }, mute: { name: 'runnerUp' } },
    },
    prepare(platform) {
      const brand = platform.named.get('brand')!;
      const leaderAtSetup = mostFollowed(platform);
      // From hour 2 the brand has lost nearly all its followers: another account leads.
      platform.hooks = { ...platform.hooks, onTick: (t) => (t === 120 ? stripFollowers(platform.graph, brand, 1) : undefined) };
      return { brand, leaderAtSetup };
    },
    outcomes: (platform, probe) => ({ brand: probe.brand, leader: probe.leaderAtSetup, now: mostFollowed(platform) }),
    outcomeHelp: { brand: 'named brand', leader: 'leader at setup', now: 'leader at the end' },
  });

  it('are the most-followed at setup, then every event naming them goes to them in every arm', () => {
    const runs = runPaired(brandRun, 'named-seed');
    const brands = Object.values(runs).map((r) => r.outcomes.brand);
    expect(new Set(brands).size).toBe(1);
    for (const [arm, r] of Object.entries(runs)) {
      const p = r.platform;
      const brand = r.outcomes.brand;
      expect(brand).toBe(r.outcomes.leader);
      expect(r.outcomes.now).not.toBe(brand);
      const byBrand = p.events.filter((e) => e.type === 'inject');
      expect(byBrand.length).toBe(arm === 'chronological' ? 2 : 1);
      for (const e of byBrand) expect(e.accounts).toEqual([brand]);
      expect(p.events.find((e) => e.type === 'reshare')!.accounts).toEqual([p.named.get('someone')]);
    }
    expect(runs.engagement.muted).toEqual([runs.engagement.platform.named.get('runnerUp')]);
  });

  it('are distinct (each rule chooses among accounts not named before it) and the same in every arm', () => {
    const a = buildScenario(brandRun, { seed: 's1', arm: 'chronological' });
    const b = buildScenario(brandRun, { seed: 's1', arm: 'engagement' });
    expect([...a.platform.named]).toEqual([...b.platform.named]);
    const g = a.platform.graph;
    const brand = a.platform.named.get('brand')!;
    const runnerUp = a.platform.named.get('runnerUp')!;
    const someone = a.platform.named.get('someone')!;
    expect(runnerUp).not.toBe(brand);
    expect(g.inDegree(runnerUp)).toBeLessThanOrEqual(g.inDegree(brand));
    for (let i = 0; i < g.n; i++) if (i !== brand && a.platform.world.agents.bot[i] === 0) expect(g.inDegree(i)).toBeLessThanOrEqual(g.inDegree(runnerUp));
    expect(g.inDegree(someone)).toBeGreaterThanOrEqual(5);
    expect(g.inDegree(someone)).toBeLessThanOrEqual(30);
    // Another seed, another random pick for `someone`, but still in range.
    const c = buildScenario(brandRun, { seed: 's2', arm: 'chronological' });
    expect(c.platform.graph.inDegree(c.platform.named.get('someone')!)).toBeGreaterThanOrEqual(5);
  });

  it('events naming an account the scenario does not declare are refused by defineScenario, naming the event', () => {
    const base = { id: 'bad-names', title: 'Bad', question: 'Bad?', lookFor: 'an error', params: { agents: 100 }, outcomes: () => ({}), outcomeHelp: { x: 'x' } };
    expect(() => defineScenario({ ...base, accounts: { brand: { pick: 'most-followed' } }, timeline: [{ at: 1, type: 'inject', name: 'q', author: { name: 'brnad' }, stance: 0 }] })).toThrow(
      /scenario bad-names timeline\[0\]: invalid `name` \("brnad"\): expected an account named in the scenario's `accounts` \("brand"\)/,
    );
    expect(() => defineScenario({ ...base, arms: { a: { mute: { name: 'brand' } } } })).toThrow(ParamError);
    expect(() => defineScenario({ ...base, accounts: { two: { pick: 'most-followed', count: 2 } } })).toThrow(/invalid `count` \(2\): expected 1/);
    expect(() => defineScenario({ ...base, accounts: { alias: { name: 'brand' } } })).toThrow(/a name cannot name another name/);
  });
});
