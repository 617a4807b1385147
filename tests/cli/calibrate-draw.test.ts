/**
 * One calibration draw (src/runner/calibrate-draw.ts), in process, on a small
 * independent-cascade experiment: determinism by index (same index -> the
 * same draw, whatever was drawn before; another index -> another draw),
 * replaying a draw reproduces its distance exactly, common random numbers
 * make the simulation independent of the draw's stream while an own
 * replicate does not, and the archive compared with itself is at distance 0.
 */
import { describe, expect, it } from 'vitest';
import { drawOptions, makeDraw, replayDraw, calibrationSimulator, type DrawSettings } from '../../src/runner/calibrate-draw.js';
import { makeCascadeDistance } from '../../src/calibrate/cascade-distance.js';
import { defineExperiment } from '../../src/experiment/define-experiment.js';
import type { ExperimentDefinition } from '../../src/experiment/experiment-types.js';
import { Rng } from '../../src/model/rng.js';
import type { CascadeSelection } from '../../src/compare/cascade-selection.js';

const DEF: ExperimentDefinition = defineExperiment({
  id: 'ic-draw',
  title: 'Independent cascade draws',
  question: 'Is a calibration draw a function of its index?',
  model: 'independent-cascade',
  network: { kind: 'erdos-renyi', params: { n: 300, p: 0.02 } },
  base: { seedCount: 20, p: 0.1 },
  replicates: 1,
  steps: 40,
  seed: 'draw-test',
  calibrate: { p: [0, 0.5] },
} as ExperimentDefinition);

const PRIOR = { p: [0, 0.5] as const };
/** Every seed's cascade, whatever its size (a zoo model's seeds are its claims). */
const ALL: CascadeSelection = { roots: 'claims', veracity: 'any', minSize: 1, windowMinutes: null };

function settings(commonRandomNumbers: boolean): DrawSettings {
  const observed = calibrationSimulator(DEF, { prior: PRIOR, commonRandomNumbers: true, selection: ALL })({ p: 0.2 }, new Rng('archive'));
  return { prior: PRIOR, seed: 'draw-test', commonRandomNumbers, observed, samples: 10, accept: 0.2, selection: ALL, matchOnSize: true };
}

describe('calibration draws', () => {
  it('a draw is a function of its index only, and replaying it gives its distance', () => {
    const o = drawOptions(DEF, settings(true));
    const d3 = makeDraw(3, o);
    makeDraw(0, o);
    makeDraw(7, o);
    expect(makeDraw(3, drawOptions(DEF, settings(true)))).toEqual(d3);
    expect(makeDraw(4, o).params.p).not.toBe(d3.params.p);
    expect(d3.params.p).toBeGreaterThanOrEqual(0);
    expect(d3.params.p).toBeLessThan(0.5);
    expect(o.distance(replayDraw(d3, o))).toBe(d3.distance);
  });

  it('common random numbers ignore the draw stream; an own replicate depends on it', () => {
    const crn = calibrationSimulator(DEF, { prior: PRIOR, commonRandomNumbers: true, selection: ALL });
    const own = calibrationSimulator(DEF, { prior: PRIOR, commonRandomNumbers: false, selection: ALL });
    const sizes = (s: ReturnType<typeof crn>): number[] => Array.from(s.size ?? []);
    expect(sizes(crn({ p: 0.3 }, new Rng('a')))).toEqual(sizes(crn({ p: 0.3 }, new Rng('b'))));
    expect(sizes(own({ p: 0.3 }, new Rng('a')))).toEqual(sizes(own({ p: 0.3 }, new Rng('a'))));
    expect(sizes(own({ p: 0.3 }, new Rng('a')))).not.toEqual(sizes(own({ p: 0.3 }, new Rng('b'))));
  });

  it('the observed cascades compared with themselves are at distance 0', () => {
    const s = settings(true);
    const same = calibrationSimulator(DEF, { prior: PRIOR, commonRandomNumbers: true, selection: ALL })({ p: 0.2 }, new Rng('other'));
    expect(makeCascadeDistance(s.observed, ['size', 'depth'])(same)).toBe(0);
    // The calibration's own distance too, on all five features, matched on size or not.
    expect(drawOptions(DEF, s).distance(same)).toBe(0);
    expect(drawOptions(DEF, { ...s, matchOnSize: false }).distance(same)).toBe(0);
  });

  it('the selection applies to every draw: a minimum size leaves only the large cascades', () => {
    const all = calibrationSimulator(DEF, { prior: PRIOR, commonRandomNumbers: true, selection: ALL })({ p: 0.3 }, new Rng('x'));
    const big = calibrationSimulator(DEF, { prior: PRIOR, commonRandomNumbers: true, selection: { ...ALL, minSize: 5 } })({ p: 0.3 }, new Rng('x'));
    expect(Array.from(big.size ?? [])).toEqual(Array.from(all.size ?? []).filter((x) => x >= 5));
    expect((big.size ?? []).length).toBeGreaterThan(0);
    expect((big.size ?? []).length).toBeLessThan((all.size ?? []).length);
  });
});
