/**
 * brand-crisis: the brand is one account fixed at setup (named), so its
 * statement, the reshare of the apology and every question's target go to
 * it even after another account has overtaken it; the per-day follower
 * losses, the scaled case figure and the alert-versus-reaction outcomes
 * agree with what the test records itself; and the directions the
 * scenario's text announces hold over paired seeds at the quick size.
 */
import { describe, expect, it } from 'vitest';
import brandCrisis, { CASE_DAILY_LOSS_SHARE, reactionHour } from '../../experiments/brand-crisis.js';
import type { Platform } from '../../src/sim/platform/platform.js';
import { buildScenario, runPaired } from '../../src/sim/platform/scenario.js';

const SIGNAL_HOUR = 6;
const DAYS = 14;

/** The most-followed human now (ties to the lower index), computed here. */
function leader(p: Platform): number {
  let best = -1;
  for (let i = 0; i < p.world.agents.n; i++) {
    if (p.world.agents.bot[i] !== 0) continue;
    if (best < 0 || p.graph.inDegree(i) > p.graph.inDegree(best)) best = i;
  }
  return best;
}

describe('the brand is the account named at setup', () => {
  it('gets the statement, reshares the apology and is the target of every question, also when another account leads by the statement', () => {
    let overtaken = 0;
    for (let k = 1; k <= 6; k++) {
      const build = buildScenario(brandCrisis, { seed: `brand-${k}`, arm: 'answer-8d', quick: true });
      const p = build.platform;
      const brand = p.named.get('brand')!;
      const director = p.named.get('director')!;
      expect(brand).toBe(leader(p));
      expect(director).not.toBe(brand);
      expect(p.graph.inDegree(director)).toBeGreaterThanOrEqual(50);
      // The leader when the statement is applied (the end of the tick before it).
      let atStatement = -1;
      const previous = p.hooks.onTick;
      p.hooks = { ...p.hooks, onTick: (t) => { previous?.(t); if (t === reactionHour(8) * 60) atStatement = leader(p); } };
      const run = build.finish();
      if (atStatement !== brand) overtaken++;
      const inject = (name: string) => p.events.find((e) => e.type === 'inject' && e.detail.startsWith(`post "${name}"`))!;
      expect(inject('answer').accounts).toEqual([brand]);
      expect(inject('answer').at).toBe(reactionHour(8) * 60);
      expect(inject('apology').accounts).toEqual([director]);
      expect(inject('apology').at).toBe(reactionHour(12) * 60);
      expect(p.events.find((e) => e.type === 'reshare')!.accounts).toEqual([brand]);
      for (const [name, id] of p.injected) if (name.startsWith('question-')) expect(p.world.posts.targetOf(id)).toBe(brand);
      expect(run.outcomes['answer-by-brand']).toBe(1);
      expect(run.outcomes['apology-by-director']).toBe(1);
    }
    // Measured: the brand had been overtaken by the statement's hour in 4 of these 6 runs (the bug the names fix).
    expect(overtaken).toBeGreaterThanOrEqual(2);
  });
});

describe('follower losses, the scaled case figure, the alert against the reaction', () => {
  it('agree with the brand\'s followers recorded here at each day boundary', () => {
    const build = buildScenario(brandCrisis, { seed: 'losses', arm: 'answer-8d', quick: true });
    const p = build.platform;
    const brand = p.named.get('brand')!;
    const before = p.graph.inDegree(brand);
    const atDay: number[] = [];
    const previous = p.hooks.onTick;
    p.hooks = { ...p.hooks, onTick: (t) => { previous?.(t); if (t >= SIGNAL_HOUR * 60 && (t / 60 - SIGNAL_HOUR) % 24 === 0) atDay.push(p.graph.inDegree(brand)); } };
    const o = build.finish().outcomes;
    expect(atDay).toHaveLength(DAYS + 1);
    const losses = atDay.slice(1).map((f, k) => atDay[k] - f);
    const worst = Math.max(...losses);
    expect(o['loss.worst-day']).toBe(worst);
    expect(o['loss.worst-day.day']).toBe(losses.indexOf(worst) + 1);
    expect(o['loss.worst-day.share']).toBe(worst / before);
    expect(o['followers.before']).toBe(before);
    expect(o['follower-loss']).toBe(before - p.graph.inDegree(brand));
    // The case: 55.2K of 14 million followers in a day, scaled to this brand.
    expect(CASE_DAILY_LOSS_SHARE).toBeCloseTo(0.003943, 6);
    expect(o['loss.case-scaled']).toBeCloseTo((55_200 / 14_000_000) * before, 12);
    expect(o['loss.worst-day.vs-case']).toBeCloseTo(worst / o['loss.case-scaled'], 12);
    // The last day's loss is the series' "lost in the last 24 h" at the end.
    expect(build.sample()['brand.followers.lost-24h']).toBe(losses[DAYS - 1]);
    // Alert minus reaction = (hours from the signal) + signal hour − reaction hour, on both monitors.
    for (const m of ['full', 'sample']) expect(o[`alert.${m}.minus-reaction`]).toBe(o[`alert.${m}.hours`] + SIGNAL_HOUR - reactionHour(8));
    const topic = p.world.topics.indexOf('brand');
    const fired = p.observer.alertTime(topic, 'full');
    expect(o['alert.full.minus-reaction']).toBe(Number.isNaN(fired) ? p.now / 60 - reactionHour(8) : fired / 60 - reactionHour(8));
  });
});

describe('directions (quick size, 8 paired seeds)', () => {
  it('reacting after 8 days: alerts mostly before the reaction, a worst day several times worse than reacting after 1 day; after 1 day any alert follows the reaction; the 1 % sample never alerts', () => {
    const runs = Array.from({ length: 8 }, (_, k) => runPaired(brandCrisis, `dir-${k}`, ['answer-1d', 'answer-8d'], { quick: true }));
    const late = runs.map((r) => r['answer-8d'].outcomes);
    const early = runs.map((r) => r['answer-1d'].outcomes);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Measured (seeds dir-0..7): worst day 8d 24–41 (mean ≈ 29), 1d 1–7 (mean ≈ 4); 8d alerts 89–155 h ahead of the reaction in 6 of 8 (never in 2); 1d alerts in 1 of 8, 2 h after.
    expect(mean(late.map((o) => o['loss.worst-day']))).toBeGreaterThan(3 * mean(early.map((o) => o['loss.worst-day'])));
    expect(late.filter((o) => o['alert.full.fired'] === 1 && o['alert.full.minus-reaction'] < 0).length).toBeGreaterThanOrEqual(5);
    for (const o of early) if (o['alert.full.fired'] === 1) expect(o['alert.full.minus-reaction']).toBeGreaterThanOrEqual(0);
    for (const o of [...late, ...early]) expect(o['alert.sample.fired']).toBe(0);
  });
});
