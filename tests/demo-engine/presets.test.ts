import { describe, expect, it } from 'vitest';
import { ParamError } from '../../src/model/errors.js';
import { PLATFORM_SCHEMA } from '../../src/sim/platform/platform-params.js';
import { DEFAULT_PRESET, listPresets, paramHelp, paramLabel, paramSpecs, presetInfo } from '../../src/viz/engine/demo-presets.js';
import type { ChartId, DemoMetrics } from '../../src/viz/engine/demo-protocol.js';
import { DemoSession } from '../../src/viz/engine/demo-session.js';

/** The series each chart draws first. */
const CHART_FIELD: Record<Exclude<ChartId, 'histogram' | 'cascade'>, keyof DemoMetrics> = {
  polarisation: 'bimodality',
  'leaning-correlation': 'leaningCorrelation',
  'perceived-share': 'perceivedShare',
  'own-side': 'perceivedOwnRight',
  hoax: 'hoaxReach',
  'hoax-volume': 'hoaxVolume',
  alert: 'topicVolume',
  poll: 'pollYes',
};

const SCENARIOS = ['majority-illusion', 'false-consensus', 'echo-chambers-by-ranker', 'crowdstrike-hoax', 'brand-crisis', 'moderation-off', 'bots-and-poll'];

describe('presets', () => {
  const presets = listPresets();

  it('are the seven scenarios of the issue, with the default first in the menu', () => {
    expect(presets.map((p) => p.scenario).sort()).toEqual([...SCENARIOS].sort());
    expect(presets.map((p) => p.id)).toContain(DEFAULT_PRESET);
    expect(() => presetInfo('nope')).toThrow(ParamError);
  });

  it('have English and French texts, arm labels, known controls and charts', () => {
    const specs = paramSpecs();
    for (const p of presets) {
      for (const field of ['title', 'question', 'lookFor'] as const) {
        expect(p[field].en.trim().length).toBeGreaterThan(5);
        expect(p[field].fr.trim().length).toBeGreaterThan(5);
        expect(p[field].fr).not.toBe(p[field].en);
      }
      for (const a of p.arms) expect(a.label.fr.length).toBeGreaterThan(0);
      expect(p.defaultArm === null || p.arms.some((a) => a.id === p.defaultArm)).toBe(true);
      for (const c of p.controls) expect(specs[c]).toBeDefined();
      expect(p.charts.length).toBeGreaterThan(0);
      // Classroom-sized: 2,000 accounts (the brand crisis runs at its scenario's 3,000, where the default seed's alert fires).
      expect(p.params.agents).toBe(p.id === 'brand-crisis' ? 3000 : 2000);
      const ticks = ((p.params.durationHours as number) * 60) / (p.params.tickMinutes as number);
      // 10–60 s of play at 10 ticks a second.
      expect(ticks).toBeGreaterThanOrEqual(100);
      expect(ticks).toBeLessThanOrEqual(600);
    }
  });

  it('expose the platform schema with a demo-sized maximum of accounts, labelled in both languages', () => {
    const specs = paramSpecs();
    expect(specs.agents).toMatchObject({ kind: 'number', max: 20000 });
    expect(specs.network.kind === 'choice' && specs.network.options.includes('given')).toBe(false);
    for (const name of Object.keys(specs)) {
      expect(Object.keys(PLATFORM_SCHEMA)).toContain(name);
      expect(paramHelp(name, 'en')).toBe((PLATFORM_SCHEMA as Record<string, { help: string }>)[name].help);
      expect(paramHelp(name, 'fr')).not.toBe(paramHelp(name, 'en'));
      expect(paramLabel(name, 'fr').length).toBeGreaterThan(0);
    }
    expect(() => paramLabel('nope', 'en')).toThrow(ParamError);
  });

  describe.each(presets.map((p) => [p.id, p.charts[0]] as const))('%s', (id, chart) => {
    it(`its first chart (${chart}) changes over a run`, () => {
      const { session, problems } = DemoSession.create({ preset: id, arm: null, seed: '1', params: {} });
      expect(problems).toEqual([]);
      while (!session.done) session.step(50);
      const field = CHART_FIELD[chart as keyof typeof CHART_FIELD];
      expect(field).toBeDefined();
      const values = session.series().map((r) => Number(r[field])).filter((x) => Number.isFinite(x));
      expect(values.length).toBeGreaterThan(10);
      expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.05 * Math.max(1e-9, Math.abs(Math.max(...values))));
    });
  });
});
