/**
 * A scenario's values over time (its `series` hook) go into every sample of
 * a run: crowdstrike-hoax samples the hoax's reach so far and its mentions
 * in the last hour, hourly. Checked against the outcomes computed at the
 * end by other code: the last reach sample is the final reach, and the
 * hourly volumes add up to the 24 `volume.h*` outcomes, hour by hour.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import { goldenExperiments } from '../../src/golden/golden-experiments.js';
import { defineScenario } from '../../src/sim/platform/scenario.js';

describe('scenario series', () => {
  const resolved = resolveExperiment(goldenExperiments().get('crowdstrike-hoax')!, { quick: true, checkInit: false });
  const results = resolved.runs.slice(0, 2).map((run) => executeRun(resolved, run));

  it('crowdstrike-hoax: reach so far ends at the final reach; hourly volumes match volume.hNN', () => {
    for (const r of results) {
      const reach = r.series.map((s) => s.values['hoax.reach']);
      expect(reach.every((v) => typeof v === 'number')).toBe(true);
      // Reach never falls.
      reach.forEach((v, k) => k > 0 && expect(v).toBeGreaterThanOrEqual(reach[k - 1]));
      expect(reach[reach.length - 1]).toBe(r.final.reach);
      let compared = 0;
      for (const s of r.series) {
        if (s.t < 1 || !Number.isInteger(s.t)) continue;
        const hour = `volume.h${String(s.t - 1).padStart(2, '0')}`;
        if (r.final[hour] === undefined) continue;
        expect(s.values['hoax.volume'], hour).toBe(r.final[hour]);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(10);
      // Series values are not outcomes: nothing leaks into final.
      expect(r.final['hoax.reach']).toBeUndefined();
    }
  });

  it('a scenario with `series` must describe it in seriesHelp', () => {
    const base = { id: 's', title: 'S', question: 'Q?', lookFor: 'x', params: { agents: 50 }, outcomes: () => ({ a: 1 }), outcomeHelp: { a: 'a' } };
    expect(() => defineScenario({ ...base, series: () => ({ b: 1 }) })).toThrow(/seriesHelp/);
    expect(() => defineScenario({ ...base, series: () => ({ b: 1 }), seriesHelp: { b: 'b over time' }, keyOutcomes: ['b', 'a'] })).not.toThrow();
    expect(() => defineScenario({ ...base, keyOutcomes: ['c'] })).toThrow(/keyOutcomes.*outcomeHelp or seriesHelp/);
  });
});
