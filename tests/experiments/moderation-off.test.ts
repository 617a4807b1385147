/**
 * The moderation-off scenario: the switch on a date, and the articles'
 * 62,000 restored accounts scaled to the population.
 * - The switch is 23 Nov 2022 on the run's clock: hour 72 after a start on
 *   20 Nov; a later start date moves it; a start after it is refused.
 * - Banned before the run: ⌊e⌋ accounts plus one with probability e − ⌊e⌋,
 *   e = agents × 62,000 / 237.8 million, replayed from the scenario's own
 *   stream; they are the most-followed humans of the misinformation group,
 *   the same in both arms, suspended from the start with suspendAfter
 *   strikes, and post nothing before the switch.
 * - The arms are the same run until the switch; at it the switched-off arm
 *   restores everyone suspended (the banned and those suspended during the
 *   run), or a share `restoreShare` of them; the most-followed restored
 *   account authors every later claim; with moderation kept on nobody comes
 *   back.
 * - Directional, over paired seeds: switching off raises false posts per
 *   hour and reach per claim after the switch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import moderationOff from '../../experiments/moderation-off.js';
import { Rng } from '../../src/model/rng.js';
import { buildScenario, runPaired, runScenario, scenarioSeedKey, type ScenarioRun } from '../../src/sim/platform/scenario.js';

/** The articles' figures: 62,000 restored (Platformer), 237.8 million monetizable daily active users (Q2 2022). */
const SHARE = 62_000 / 237_800_000;

function bannedCount(seed: string, agents: number): number {
  const e = agents * SHARE;
  // The scenario's own stream: the run's key, forked 'scenario' then 'prepare' (scenario.ts), first draw.
  const u = new Rng(scenarioSeedKey(moderationOff, seed)).fork('scenario').fork('prepare').next();
  return Math.floor(e) + (u < e - Math.floor(e) ? 1 : 0);
}

function suspendedAtStart(run: { platform: { world: { agents: { n: number; suspended: Uint8Array } } } }): number[] {
  const a = run.platform.world.agents;
  const out: number[] = [];
  for (let i = 0; i < a.n; i++) if (a.suspended[i] !== 0) out.push(i);
  return out;
}

describe('the texts state the articles\' figures and their scaling, with the right numbers', () => {
  it('banner, question and help give 62,000, 237.8 million, 2.61 in 10,000 and 0.78 of 3,000', () => {
    const banner = readFileSync(new URL('../../experiments/moderation-off.ts', import.meta.url), 'utf8').split('*/')[0];
    const per10k = (SHARE * 10_000).toFixed(2);
    const at3000 = (SHARE * 3000).toFixed(2);
    expect([per10k, at3000]).toEqual(['2.61', '0.78']);
    for (const [name, text] of [['banner', banner.replace(/\s*\n\s*\*\s*/g, ' ')], ['question', moderationOff.question], ['lookFor', moderationOff.lookFor]] as const) {
      for (const figure of ['62,000', '2.61', '0.78', '3,000']) expect(text, `${name}: ${figure}`).toContain(figure);
    }
    for (const text of [banner, moderationOff.question]) {
      expect(text).toContain('237.8 million');
      expect(text).toContain('23 Nov');
    }
    expect(moderationOff.params.agents).toBe(3000);
    expect(moderationOff.outcomeHelp['banned-at-start']).toContain('0.78 of 3,000');
  });
});

describe('the switch is on a date', () => {
  it('23 Nov 2022: hour 72 after the start on 20 Nov; a start a day later moves it to hour 48; a start after it is refused', () => {
    const at = (overrides: Record<string, unknown>): number[] => {
      const run = runScenario(moderationOff, { seed: 'date', quick: true, arm: 'switched-off', overrides: { agents: 200, ...overrides } });
      return run.platform.events.filter((e) => e.type !== 'inject').map((e) => e.at / 60);
    };
    expect(at({})).toEqual([72, 72]);
    expect(at({ startDate: '2022-11-21T00:00' })).toEqual([48, 48]);
    // Midnight on the 23rd at −05:00 is 05:00 UTC: on a UTC clock the same date is 5 hours earlier.
    expect(at({ timeZone: 'Z' })).toEqual([72, 72]);
    expect(() => runScenario(moderationOff, { seed: 'date', quick: true, arm: 'switched-off', overrides: { startDate: '2022-11-24T00:00' } })).toThrow(
      /invalid `at` \("2022-11-23"\): expected a date at or after the start of the run, 2022-11-24T00:00-05:00/,
    );
  });
});

describe('accounts banned before the run', () => {
  it('⌊e⌋ plus one with probability e − ⌊e⌋, e = agents × 62,000 / 237.8 million; the most-followed misinformation humans; the same in both arms', () => {
    for (const [seed, agents] of [['a', 800], ['b', 3000], ['c', 3000], ['d', 8000], ['e', 20_000]] as const) {
      const built = ['kept-on', 'switched-off'].map((arm) => buildScenario(moderationOff, { seed, arm, overrides: { agents } }));
      const banned = suspendedAtStart(built[0]);
      expect(banned, `${seed}/${agents}`).toHaveLength(bannedCount(seed, agents));
      expect(suspendedAtStart(built[1])).toEqual(banned);
      const w = built[0].platform.world;
      const misinfo = w.params.groupNames.indexOf('misinfo');
      // No human of the group left active has more followers than a banned one.
      const fewest = Math.min(...banned.map((i) => w.graph.inDegree(i)));
      for (let i = 0; i < w.agents.n; i++) {
        if (w.agents.group[i] !== misinfo || w.agents.bot[i] !== 0 || banned.includes(i)) continue;
        expect(w.graph.inDegree(i)).toBeLessThanOrEqual(fewest);
      }
      for (const i of banned) {
        expect(w.agents.group[i]).toBe(misinfo);
        expect(w.agents.bot[i]).toBe(0);
        expect(w.agents.strikes[i]).toBe(w.params.suspendAfter);
      }
    }
    // 20,000 accounts: e = 5.21, so 5 or 6 banned.
    expect([5, 6]).toContain(bannedCount('e', 20_000));
  });

  it('over seeds the count is proportional on average: at 3,000 accounts one account in about 78 % of seeds, never two', () => {
    const counts = Array.from({ length: 400 }, (_, k) => bannedCount(`s${k}`, 3000));
    expect(new Set(counts)).toEqual(new Set([0, 1]));
    const mean = counts.reduce((x, y) => x + y, 0) / counts.length;
    // e = 0.782; binomial SD of the mean over 400 seeds is 0.021.
    expect(Math.abs(mean - 3000 * SHARE)).toBeLessThan(5 * Math.sqrt((0.782 * 0.218) / 400));
  });
});

describe('the paired arms at the quick size', () => {
  // A seed with an account banned before the run at 800 accounts (e = 0.21).
  const seed = Array.from({ length: 100 }, (_, k) => `q${k}`).find((s) => bannedCount(s, 800) === 1)!;
  const runs = runPaired(moderationOff, seed, ['kept-on', 'switched-off'], { quick: true });
  const off = runs['switched-off'];
  const on = runs['kept-on'];
  const banned = suspendedAtStart(buildScenario(moderationOff, { seed, quick: true }));

  it('are the same run until the switch', () => {
    expect(off.outcomes['false-per-hour.before']).toBe(on.outcomes['false-per-hour.before']);
    expect(off.outcomes['banned-at-start']).toBe(1);
    expect(on.outcomes['banned-at-start']).toBe(1);
    const before = (r: ScenarioRun): number[] => {
      const posts = r.platform.world.posts;
      const out: number[] = [];
      for (let p = 0; p < posts.count && posts.timeOf(p) < 72 * 60; p++) out.push(posts.authorOf(p), posts.timeOf(p));
      return out;
    };
    expect(before(off)).toEqual(before(on));
  });

  it('switched off: everyone suspended comes back, the banned most-followed account authors every later claim; kept on: nobody', () => {
    expect(banned).toHaveLength(1);
    // Moderation acts no more after the switch, so every suspension of this arm came before it.
    expect(off.outcomes.restored).toBe(1 + off.outcomes.suspended);
    expect(off.outcomes['suspended-at-end']).toBe(0);
    expect(off.outcomes['restored.active']).toBeGreaterThanOrEqual(1);
    expect(off.outcomes['restored.posts']).toBeGreaterThanOrEqual(off.outcomes['restored.false-posts']);
    const restoredRecord = off.platform.events.find((e) => e.type === 'restore-suspended')!;
    expect(restoredRecord.accounts).toContain(banned[0]);
    const posts = off.platform.world.posts;
    const lateClaims = [...off.platform.injected.values()].filter((id) => posts.timeOf(id) >= 72 * 60);
    expect(lateClaims.length).toBe(18);
    for (const id of lateClaims) expect(posts.authorOf(id)).toBe(banned[0]);
    for (const key of ['restored', 'restored.active', 'restored.posts', 'restored.false-posts'] as const) expect(on.outcomes[key], key).toBe(0);
    expect(on.outcomes['suspended-at-end']).toBe(1 + on.outcomes.suspended);
  });

  it('restoreShare 0.5 brings back half of the suspended (rounded half up)', () => {
    const half = runScenario(moderationOff, { seed, quick: true, arm: 'switched-off', overrides: { restoreShare: 0.5 } });
    const suspendedAtSwitch = 1 + half.outcomes.suspended;
    expect(half.outcomes.restored).toBe(Math.floor(suspendedAtSwitch / 2 + 0.5));
    expect(half.outcomes['suspended-at-end']).toBe(suspendedAtSwitch - half.outcomes.restored);
  });
});

describe('switching off raises false posts and reach after the switch (6 paired seeds, quick size)', () => {
  it('for every seed, against moderation kept on', () => {
    for (let k = 0; k < 6; k++) {
      const r = runPaired(moderationOff, `dir-${k}`, ['kept-on', 'switched-off'], { quick: true });
      const off = r['switched-off'].outcomes;
      const on = r['kept-on'].outcomes;
      expect(off['false-per-hour.after'], `seed ${k}`).toBeGreaterThan(2 * on['false-per-hour.after']);
      expect(off['reach.after'], `seed ${k}`).toBeGreaterThan(2 * on['reach.after']);
      expect(off['false-per-hour.after'], `seed ${k}`).toBeGreaterThan(off['false-per-hour.before']);
    }
  });
});
