/**
 * Each teaching preset shows what its "what to look for" text says, with
 * the default seed, on the engine's own series (what the page charts):
 * - echo chambers: the camps start mixed (neighbour leaning correlation
 *   < 0.2 at the first tick), then the correlation climbs past 0.5 and the
 *   polarisation chart (bimodality coefficient) rises towards 1; under the
 *   engagement ranker the correlation climbs faster than newest-first;
 * - false consensus: with newest-first each side's perceived own share
 *   stays within 0.1 of its true share; with similar-to-me both sides see
 *   far more of themselves and the 40 % right believes it is the majority;
 * - bots and a poll: with 12 % bots the poll sits above the true share of
 *   humans on the yes side (the chart's dashed line), with 20 % higher
 *   still, without bots near it;
 * - the hoax: coloured by "saw the hoax" from the start; reach jumps after
 *   hour 4 (the hubs' relay); volume has its own chart;
 * - moderation off: after hour 72 false posts per hour and reach grow
 *   faster than with moderation kept on;
 * - a brand crisis: answering after 8 days, the alert goes off days after
 *   the first question; answering after 1 day, not at all with this seed.
 * The charts each text names are the preset's charts, and the texts use
 * the charts' own words (EN and FR).
 */
import { describe, expect, it } from 'vitest';
import { presetInfo } from '../../src/viz/engine/demo-presets.js';
import type { DemoMetrics } from '../../src/viz/engine/demo-protocol.js';
import { DemoSession } from '../../src/viz/engine/demo-session.js';
import { t } from '../../src/viz/app/ui-text.js';

function run(preset: string, arm: string | null): DemoMetrics[] {
  const { session, problems } = DemoSession.create({ preset, arm, seed: '1', params: {} });
  expect(problems).toEqual([]);
  while (!session.done) session.step(50);
  return session.series();
}

/** The row nearest to `hours`. */
function at(rows: readonly DemoMetrics[], hours: number): DemoMetrics {
  return rows.reduce((best, r) => (Math.abs(r.hours - hours) < Math.abs(best.hours - hours) ? r : best));
}

function sumVolume(rows: readonly DemoMetrics[], from: number, to: number): number {
  return rows.filter((r) => r.hours > from && r.hours <= to).reduce((s, r) => s + r.hoaxVolume, 0);
}

describe('echo chambers forming', () => {
  const chrono = run('echo-chambers', 'chronological');
  const engagement = run('echo-chambers', 'engagement');

  it('starts mixed, then the neighbour leaning climbs past 0.5 and polarisation rises towards 1', () => {
    expect(Math.abs(chrono[0].leaningCorrelation)).toBeLessThan(0.2);
    expect(chrono[chrono.length - 1].leaningCorrelation).toBeGreaterThan(0.5);
    expect(chrono[chrono.length - 1].bimodality - chrono[0].bimodality).toBeGreaterThan(0.2);
    expect(chrono[chrono.length - 1].bimodality).toBeGreaterThan(0.9);
  });

  it('the engagement ranker makes the neighbour leaning climb faster than newest-first', () => {
    expect(Math.abs(engagement[0].leaningCorrelation)).toBeLessThan(0.2);
    for (const h of [15, 30]) expect(at(engagement, h).leaningCorrelation).toBeGreaterThan(at(chrono, h).leaningCorrelation + 0.05);
    expect(engagement[engagement.length - 1].leaningCorrelation).toBeGreaterThan(0.5);
  });
});

describe('false consensus', () => {
  it('newest-first: each side near its true share; similar-to-me: both far above, and the minority believes it is the majority', () => {
    const chrono = run('false-consensus', 'chronological');
    const similar = run('false-consensus', 'similarity');
    const c = chrono[chrono.length - 1];
    const s = similar[similar.length - 1];
    expect(c.trueShare).toBeGreaterThan(0.35);
    expect(c.trueShare).toBeLessThan(0.45);
    expect(Math.abs(c.perceivedOwnRight - c.trueShare)).toBeLessThan(0.1);
    expect(Math.abs(c.perceivedOwnLeft - (1 - c.trueShare))).toBeLessThan(0.1);
    expect(s.perceivedOwnRight).toBeGreaterThan(0.5);
    expect(s.perceivedOwnRight - s.trueShare).toBeGreaterThan(0.15);
    expect(s.perceivedOwnLeft - (1 - s.trueShare)).toBeGreaterThan(0.15);
  });
});

describe('bots and a poll', () => {
  it('with 12 % bots the poll sits above the true share of humans on the yes side, with 20 % higher still; without bots near it', () => {
    const bots = run('bots-and-poll', 'bots-12');
    const last = bots[bots.length - 1];
    expect(Math.abs(last.trueShare - 0.5)).toBeLessThan(0.05);
    // Measured (seed 1): 0.55 against a true 0.49; 20 % bots 0.62; no bots 0.47.
    expect(last.pollYes - last.trueShare).toBeGreaterThan(0.04);
    const more = run('bots-and-poll', 'bots-20');
    expect(more[more.length - 1].pollYes).toBeGreaterThan(last.pollYes + 0.04);
    const none = run('bots-and-poll', 'no-bots');
    expect(Math.abs(none[none.length - 1].pollYes - none[none.length - 1].trueShare)).toBeLessThan(0.04);
    expect(none[none.length - 1].pollYes).toBeLessThan(last.pollYes - 0.04);
  });
});

describe('the hoax', () => {
  it('is coloured by who saw it, its reach jumps after hour 4, and its volume has its own chart', () => {
    const info = presetInfo('crowdstrike-hoax');
    expect(info.colourBy).toBe('hoax');
    expect(info.charts).toEqual(expect.arrayContaining(['hoax', 'hoax-volume']));
    const rows = run('crowdstrike-hoax', null);
    expect(at(rows, 4).hoaxReach).toBeLessThan(10);
    expect(at(rows, 6).hoaxReach).toBeGreaterThan(5 * Math.max(1, at(rows, 4).hoaxReach));
    expect(rows[rows.length - 1].hoaxReach).toBeGreaterThan(500);
  });
});

describe('a brand crisis', () => {
  it('answering after 8 days: the alert goes off days after the first question; after 1 day it never does', () => {
    const late = run('brand-crisis', 'answer-8d');
    const early = run('brand-crisis', 'answer-1d');
    const fired = late.find((r) => r.alertFired);
    const first = late.find((r) => r.topicVolume > 0);
    expect(fired).toBeDefined();
    expect(fired!.hours - first!.hours).toBeGreaterThan(24);
    expect(early.some((r) => r.alertFired)).toBe(false);
  });
});

describe('moderation switched off', () => {
  it('after hour 72, false posts and reach grow faster than with moderation kept on', () => {
    const off = run('moderation-off', 'switched-off');
    const on = run('moderation-off', 'kept-on');
    expect(presetInfo('moderation-off').colourBy).toBe('hoax');
    // The two arms are the same run until the switch.
    expect(at(off, 72).hoaxReach).toBe(at(on, 72).hoaxReach);
    expect(sumVolume(off, 72, 144)).toBeGreaterThan(2 * sumVolume(on, 72, 144));
    expect(sumVolume(off, 72, 144)).toBeGreaterThan(sumVolume(off, 0, 72));
    expect(at(off, 144).hoaxReach - at(off, 72).hoaxReach).toBeGreaterThan(1.5 * (at(on, 144).hoaxReach - at(on, 72).hoaxReach));
  });
});

describe('texts name the charts shown, in the charts\' own words', () => {
  const NAMED: Record<string, ReadonlyArray<Parameters<typeof t>[0]>> = {
    'echo-chambers': ['chartPolarisation'],
    'false-consensus': ['chartOwnSide'],
    'crowdstrike-hoax': ['chartHoax', 'chartHoaxVolume'],
    'moderation-off': ['chartHoax', 'chartHoaxVolume'],
    'brand-crisis': ['chartAlert'],
  };
  for (const [preset, keys] of Object.entries(NAMED)) {
    it(preset, () => {
      const info = presetInfo(preset);
      for (const lang of ['en', 'fr'] as const) {
        for (const key of keys) expect(info.lookFor[lang].toLowerCase(), `${lang} ${key}`).toContain(t(key, lang).toLowerCase());
      }
    });
  }
  it('echo chambers names the neighbour-leaning chart by its title', () => {
    const info = presetInfo('echo-chambers');
    expect(info.lookFor.en.toLowerCase()).toContain(t('chartLeaning', 'en').toLowerCase());
    expect(info.lookFor.fr.toLowerCase()).toContain(t('chartLeaning', 'fr').toLowerCase());
  });
});
