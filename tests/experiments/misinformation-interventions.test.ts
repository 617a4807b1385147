/**
 * misinformation-interventions: the arms treat whom they say (all humans,
 * or half of them), are paired (the same world and hoax author in every
 * arm), an effect of 1 leaves the false claims unreshared, and over paired
 * seeds friction cuts the reshares of false claims and of true ones, and
 * prebunking half of the accounts lowers the hoax's pull on their opinions.
 */
import { describe, expect, it } from 'vitest';
import scenario from '../../experiments/misinformation-interventions.js';
import { armNames, runPaired, runScenario } from '../../src/sim/platform/scenario.js';
import { withinBinomial } from '../platform/strategies/fixtures.js';

describe('misinformation-interventions', () => {
  it('has the control and the three interventions as arms', () => {
    expect(armNames(scenario)).toEqual(['control', 'accuracy-prompt', 'prebunking', 'friction']);
  });

  it('each arm treats whom it says: everyone for the prompts, about half for prebunking, nobody in control', () => {
    const runs = runPaired(scenario, 'treated', armNames(scenario), { quick: true });
    const agents = runs.control.platform.world.agents;
    const humans = agents.n - agents.bot.reduce((a, b) => a + b, 0);
    expect(humans).toBeGreaterThan(0);
    expect(runs.control.outcomes['treated.accuracy-prompt'] + runs.control.outcomes['treated.prebunking'] + runs.control.outcomes['treated.friction']).toBe(0);
    expect(runs['accuracy-prompt'].outcomes['treated.accuracy-prompt']).toBe(humans);
    expect(runs.friction.outcomes['treated.friction']).toBe(humans);
    expect(withinBinomial(runs.prebunking.outcomes['treated.prebunking'], humans, 0.5)).toBe(true);
    // Paired: the same world in every arm.
    for (const arm of armNames(scenario)) expect(runs[arm].world).toEqual(runs.control.world);
  });

  it('an accuracy prompt of effect 1 on everyone leaves no false claim reshared, and the hoax seen only by its author\'s followers', () => {
    const o = runScenario(scenario, { seed: 'one', arm: 'accuracy-prompt', quick: true, overrides: { accuracyPromptEffect: 1 } }).outcomes;
    expect(o['reshares.false']).toBe(0);
    expect(o['hoax.reshares']).toBe(0);
    expect(o['reshares.true']).toBeGreaterThan(0);
  });

  it('over paired seeds, friction cuts the reshares of false claims by more than those of true ones', () => {
    let falseControl = 0;
    let falseFriction = 0;
    let trueControl = 0;
    let trueFriction = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const runs = runPaired(scenario, seed, ['control', 'friction'], { quick: true });
      falseControl += runs.control.outcomes['reshares.false'];
      falseFriction += runs.friction.outcomes['reshares.false'];
      trueControl += runs.control.outcomes['reshares.true'];
      trueFriction += runs.friction.outcomes['reshares.true'];
    }
    // Expected: false × 0.71, true × 0.8 (fewer reshares also mean fewer views, so both fall a little more).
    expect(falseFriction).toBeLessThan(0.85 * falseControl);
    expect(falseFriction / falseControl).toBeLessThan(trueFriction / trueControl);
  });

  it('over paired seeds, prebunking half of the accounts lowers the hoax\'s pull on opinion (its belief effect)', () => {
    let pullControl = 0;
    let pullPrebunked = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const runs = runPaired(scenario, seed, ['control', 'prebunking'], { quick: true });
      pullControl += runs.control.outcomes['belief.hoax-pull'];
      pullPrebunked += runs.prebunking.outcomes['belief.hoax-pull'];
    }
    // Half of the readers' pull × 0.52 gives about 0.76 of control; reshares fall only through belief, so about the same reach.
    expect(pullControl).toBeGreaterThan(0);
    expect(pullPrebunked / pullControl).toBeLessThan(0.9);
    expect(pullPrebunked / pullControl).toBeGreaterThan(0.5);
  });
});
