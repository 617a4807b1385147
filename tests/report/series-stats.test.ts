import { describe, expect, it } from 'vitest';
import { sampledTimes, seriesBand, seriesMetricNames } from '../../src/report/series-stats.js';
import { fixtureExperiment, fixtureResult, handInterval } from './report-fixtures.js';

const resolved = fixtureExperiment({ replicates: 3 });
const [r0, r1, r2] = resolved.runs;
const samples = (pairs: Array<[number, number]>) => pairs.map(([t, v]) => ({ t, values: { m: v } }));

describe('seriesBand', () => {
  it('mean and 95 % t interval across runs at each common time', () => {
    const runs = [
      fixtureResult(r0, {}, { series: samples([[0, 1], [10, 2]]) }),
      fixtureResult(r1, {}, { series: samples([[0, 3], [10, 4]]) }),
      fixtureResult(r2, {}, { series: samples([[0, 5], [10, 9]]) }),
    ];
    const b = seriesBand(runs, 'm');
    expect(b.t).toEqual([0, 10]);
    expect(b.mean).toEqual([3, 5]);
    expect(b.n).toEqual([3, 3]);
    // Values at t = 10: 2, 4, 9 -> t(0.975, 2) = 4.302653.
    const hand = handInterval([2, 4, 9], 4.302653);
    expect(b.lower[1]).toBeCloseTo(hand.lower, 4);
    expect(b.upper[1]).toBeCloseTo(hand.upper, 4);
  });

  it('a converged run holds its last value; a run that merely ended drops out', () => {
    const early = samples([[0, 0], [10, 2]]);
    const long = samples([[0, 2], [10, 4], [20, 6]]);
    const held = seriesBand([fixtureResult(r0, {}, { series: early, converged: true }), fixtureResult(r1, {}, { series: long })], 'm');
    expect(held.t).toEqual([0, 10, 20]);
    expect(held.mean[2]).toBe(4); // (2 + 6) / 2
    expect(held.n[2]).toBe(2);
    expect(held.carried).toBe(1);
    const dropped = seriesBand([fixtureResult(r0, {}, { series: early, converged: false }), fixtureResult(r1, {}, { series: long })], 'm');
    expect(dropped.mean[2]).toBe(6);
    expect(dropped.n[2]).toBe(1);
    expect(dropped.lower[2]).toBeNaN();
    expect(dropped.carried).toBe(0);
  });

  it('interpolates a run linearly at times only another run sampled', () => {
    // Run A samples at 0 and 100 (values 0 and 10); run B ended at 40 after converging.
    const a = fixtureResult(r0, {}, { series: samples([[0, 0], [100, 10]]) });
    const b = fixtureResult(r1, {}, { series: samples([[0, 2], [40, 6]]), converged: true });
    const band = seriesBand([a, b], 'm');
    expect(band.t).toEqual([0, 40, 100]);
    expect(band.mean).toEqual([1, (4 + 6) / 2, (10 + 6) / 2]);
    expect(band.interpolated).toBe(1);
    expect(band.carried).toBe(1);
  });

  it('horizon times extend converged runs to the end of the experiment, and nothing else', () => {
    const b = fixtureResult(r1, {}, { series: samples([[0, 2], [40, 6]]), converged: true });
    expect(seriesBand([b], 'm', [0, 40, 100]).t).toEqual([0, 40, 100]);
    const c = fixtureResult(r1, {}, { series: samples([[0, 2], [40, 6]]), converged: false });
    expect(seriesBand([c], 'm', [0, 40, 100]).t).toEqual([0, 40]);
  });

  it('metric names: the experiment order first, then others; sampled times across runs', () => {
    const x = fixtureResult(r0, {}, { series: [{ t: 0, values: { z: 1, m: 2 } }, { t: 5, values: { z: 1, m: 2, y: 3 } }] });
    expect(seriesMetricNames(['m', 'absent'], [x])).toEqual(['m', 'z', 'y']);
    expect(sampledTimes([x], 'y')).toEqual([5]);
  });
});
