import { describe, expect, it } from 'vitest';
import { exposureDiversity } from '../../src/sim/metrics/exposure-diversity.js';
import { stanceBin } from '../../src/sim/metrics/metric-support.js';
import { createPlatform } from '../../src/sim/platform/platform.js';

const PARAMS = { agents: 300, durationHours: 6, activityPerHour: 1, feedSize: 10 };

describe('exposure log', () => {
  it('counts every shown post once, in the bin of its stance, per reader (against a log of every exposure)', () => {
    const shown: Array<[number, number]> = [];
    const p = createPlatform(PARAMS, { seed: 'exposure-log', hooks: { onExpose: (reader, post) => shown.push([reader, post]) } });
    const log = p.recordExposure({ bins: 5, groups: 2, groupOf: (post) => post % 2 });
    p.run();
    expect(shown.length).toBeGreaterThan(1000);
    const expected = new Float64Array(p.world.agents.n * 5);
    const impressions = [0, 0];
    const reached = [new Set<number>(), new Set<number>()];
    for (const [reader, post] of shown) {
      expected[reader * 5 + stanceBin(p.world.posts.stanceOf(post), 5)]++;
      if (p.world.agents.bot[reader] === 0) {
        impressions[post % 2]++;
        reached[post % 2].add(reader);
      }
    }
    expect(Array.from(log.exposure().counts)).toEqual(Array.from(expected));
    for (const g of [0, 1]) {
      expect(log.totals(g).impressions).toBe(impressions[g]);
      expect(log.totals(g).reached).toBe(reached[g].size);
    }
    const view = p.networkView();
    expect(view.exposure?.bins).toBe(5);
    expect(exposureDiversity(view).accounts).toBe(new Set(shown.map(([r]) => r)).size);
  });

  it('recording exposures changes nothing in the run (same posts, same opinions)', () => {
    const plain = createPlatform(PARAMS, { seed: 'exposure-log-2' }).run();
    const logged = createPlatform(PARAMS, { seed: 'exposure-log-2' });
    logged.recordExposure();
    logged.run();
    expect(logged.world.posts.count).toBe(plain.world.posts.count);
    expect(Array.from(logged.world.agents.opinion)).toEqual(Array.from(plain.world.agents.opinion));
    expect(plain.networkView().exposure).toBeUndefined();
  });

  it('bad options name the field', () => {
    const p = createPlatform(PARAMS, { seed: 'x' });
    expect(() => p.recordExposure({ bins: 0 })).toThrow(/`bins`/);
    expect(() => createPlatform(PARAMS, { seed: 'x' }).recordExposure({ groups: 2 })).toThrow(/`groupOf`/);
  });
});
