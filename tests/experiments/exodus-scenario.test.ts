/**
 * experiments/exodus.ts at its quick size answers its question: nobody
 * moves before moderation is switched off, then the moved share rises day
 * by day; the opposed camp moves several times as often as the favoured
 * one; the arms share their first movers (common random numbers); the
 * Mastodon-like destination puts most movers on its largest servers and the
 * Threads-like one counts as one server; the movers' network is more
 * modular on the destination and the stayers' leaning correlation rises
 * on the origin; the outcomes agree with each other (per-day shares add
 * up to the moved share).
 */
import { describe, expect, it } from 'vitest';
import exodus from '../../experiments/exodus.js';
import type { Exodus } from '../../src/sim/platform/exodus.js';
import { buildScenario, defineScenario, type ScenarioRun } from '../../src/sim/platform/scenario.js';

interface Traced {
  readonly run: ScenarioRun;
  readonly exodus: Exodus;
  /** `exodus.moved-share` at every hour 0..192. */
  readonly moved: number[];
}

/** The scenario, keeping hold of the exodus its `prepare` attaches. */
function traced(arm: string): Traced {
  let attached: Exodus | null = null;
  const keep = defineScenario<Exodus>({
    ...exodus,
    prepare(platform, context) {
      attached = exodus.prepare!(platform, context);
      return attached;
    },
  });
  const build = buildScenario(keep, { seed: 'q', arm, quick: true });
  const moved = [build.sample()['exodus.moved-share']];
  for (let h = 1; h <= build.params.durationHours; h++) {
    build.platform.run(1);
    moved.push(build.sample()['exodus.moved-share']);
  }
  return { run: build.finish(), exodus: attached!, moved };
}

describe('experiments/exodus (quick)', () => {
  const runs = { threads: traced('threads'), mastodon: traced('mastodon') };

  it('nobody moves before the switch at hour 48; then the moved share rises every day', () => {
    for (const { moved, run } of Object.values(runs)) {
      expect(moved.slice(0, 49).every((x) => x === 0)).toBe(true);
      for (let h = 1; h < moved.length; h++) expect(moved[h]).toBeGreaterThanOrEqual(moved[h - 1]);
      for (let day = 1; day <= 6; day++) expect(moved[48 + 24 * day], `day ${day}`).toBeGreaterThan(moved[48 + 24 * (day - 1)]);
      expect(moved[moved.length - 1]).toBe(run.outcomes['moved.share']);
      const perDay = Object.entries(run.outcomes).filter(([k]) => k.startsWith('per-day.d'));
      expect(perDay.length).toBe(6);
      expect(perDay.reduce((a, [, v]) => a + v, 0)).toBeCloseTo(run.outcomes['moved.share'], 12);
    }
  });

  it('the opposed camp moves several times as often as the favoured one; the pace stays under the 8.4 % a day ceiling', () => {
    for (const { run } of Object.values(runs)) {
      const o = run.outcomes;
      expect(o['moved.opposed']).toBeGreaterThan(2.5 * o['moved.favoured']);
      expect(o['moved.favoured']).toBeGreaterThan(0);
      expect(o['pace.first-5-days']).toBeGreaterThan(0.01);
      expect(o['pace.first-5-days']).toBeLessThan(0.084);
      expect(o['left.share']).toBeGreaterThan(0.5 * o['moved.share']);
      expect(o['left.share']).toBeLessThan(o['moved.share']);
    }
  });

  it('both arms share the world and the first pass of the hazard (common random numbers)', () => {
    const first = (t: Traced) => t.exodus.moves.filter((m) => m.at === 49 * 60).map((m) => `${m.account}:${m.kind}`);
    expect(first(runs.threads).length).toBeGreaterThan(0);
    expect(first(runs.mastodon)).toEqual(first(runs.threads));
    for (const k of ['origin.before.leaning-correlation', 'origin.before.ei-index', 'origin.before.modularity', 'origin.before.opinion-variance']) {
      expect(runs.mastodon.run.outcomes[k]).toBe(runs.threads.run.outcomes[k]);
    }
  });

  it('Mastodon-like: many servers, most movers on the largest quarter; Threads-like: one server; fewer follows per account than on the origin', () => {
    const m = runs.mastodon.run.outcomes;
    const t = runs.threads.run.outcomes;
    expect(m['servers.used']).toBeGreaterThan(5);
    expect(m['servers.top-quarter-share']).toBeGreaterThan(0.8);
    expect(m['servers.largest-share']).toBeLessThan(1);
    expect([t['servers.used'], t['servers.largest-share'], t['servers.top-quarter-share'], t['federation.suspensions']]).toEqual([1, 1, 1, 0]);
    // Strict servers act: they hide posts from their members (whether they also suspend a server depends on the seed).
    expect(m['federation.hidden']).toBeGreaterThan(0);
    expect(m['federation.severed'] > 0).toBe(m['federation.suspensions'] > 0);
    for (const o of [m, t]) {
      expect(o['destination.follows-per-account']).toBeGreaterThan(1);
      expect(o['destination.follows-per-account']).toBeLessThan(20);
      expect(o['destination.kept-follows']).toBeGreaterThan(0.2);
      expect(o['destination.kept-follows']).toBeLessThan(0.8);
    }
  });

  it('echo chambers: the movers\' network is more modular on the destination than it was on the origin; the stayers\' leaning correlation rises', () => {
    for (const { run } of Object.values(runs)) {
      const o = run.outcomes;
      expect(o['destination.after.modularity']).toBeGreaterThan(o['movers.before.modularity'] + 0.03);
      expect(o['origin.after.leaning-correlation']).toBeGreaterThan(o['stayers.before.leaning-correlation']);
    }
  });
});
