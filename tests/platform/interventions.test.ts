/**
 * Interventions (src/sim/platform/interventions.ts): accuracy prompt,
 * prebunking and friction. Off (every share 0) a run is bit-identical to one
 * without them; on, a treated account's reshare odds are multiplied exactly
 * as the banner's formula says and an inoculated reader's step toward a
 * false claim is scaled by 1 − e_b; who is treated is a fixed share of the
 * humans, nested in the share; an effect of 1 removes what it targets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParamError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { engagementOdds, type EngagementOdds } from '../../src/sim/platform/engagement-model.js';
import { ACCURACY_PROMPT, FRICTION, isTreated, PREBUNKING, treatedCount, type InterventionKind } from '../../src/sim/platform/interventions.js';
import { opinionRules } from '../../src/sim/platform/opinion-rules.js';
import { explainRanking, feedScore, rankers } from '../../src/sim/platform/rankers.js';
import { createPlatform, KIND_RESHARE } from '../../src/sim/platform/platform.js';
import { PLATFORM_DEFAULTS } from '../../src/sim/platform/platform-params.js';
import { FALSE_CLAIM, NOT_A_CLAIM, TRUE_CLAIM } from '../../src/sim/platform/post-store.js';
import { addPost, makeWorld, withinBinomial } from './strategies/fixtures.js';

const SHARES = { accuracyPromptShare: 0, prebunkingShare: 0, frictionShare: 0 } as const;
const odds = (): EngagementOdds => ({ like: 0, reshare: 0, reply: 0, report: 0 });

/** A world with one false claim, one true claim and one ordinary post by account 3, read by account 5 six hours later. */
function handMade(params: Record<string, unknown> = {}) {
  const w = makeWorld({ agents: 40, followsPerAccount: 2, ...params }, 'interventions/hand');
  const fake = addPost(w, 3, 0, 0.25, FALSE_CLAIM);
  const real = addPost(w, 3, 0, 0.25, TRUE_CLAIM);
  const plain = addPost(w, 3, 0, 0.25, NOT_A_CLAIM);
  w.agents.opinion[5] = 0.75;
  w.agents.credulity[5] = 0.5;
  w.now = 360;
  return { w, fake, real, plain };
}

describe('interventions', () => {
  it('with every share 0 a run is bit-identical to one without them, whatever the effects', () => {
    const base = { agents: 400, durationHours: 12, claimsPerHour: 3, claimFalseShare: 0.5, moderation: 'label' };
    const a = createPlatform(base, { seed: 'interventions/off' }).run();
    const b = createPlatform({ ...base, ...SHARES, accuracyPromptEffect: 0.9, prebunkingReshareEffect: 0.9, prebunkingBeliefEffect: 0.9, frictionReshareEffect: 0.9, frictionFalseEffect: 0.9 }, { seed: 'interventions/off' }).run();
    expect(b.totals).toEqual(a.totals);
    expect(a.totals.reshares).toBeGreaterThan(0);
    expect(Array.from(b.world.agents.opinion)).toEqual(Array.from(a.world.agents.opinion));
    expect(b.world.posts.count).toBe(a.world.posts.count);
    expect(Array.from(b.world.streams.engage.alea)).toEqual(Array.from(a.world.streams.engage.alea));
  });

  it('the treatment salt comes from its own fork of the seed: every stream starts as it did', () => {
    const w = makeWorld({ agents: 40, followsPerAccount: 2 }, 'interventions/salt');
    expect(w.interventionSalt).toBe(new Rng('interventions/salt').fork('interventions').int(0x7fffffff));
    expect(Array.from(w.streams.engage.alea)).toEqual(Array.from(new Rng('interventions/salt').fork('engage').alea));
  });

  it('share 1: a false claim\'s reshare odds are multiplied exactly by the formula; likes, replies, reports and true claims as without', () => {
    const { w, fake, real, plain } = handMade();
    const off = { fake: { ...engagementOdds(w, 5, fake, odds()) }, real: { ...engagementOdds(w, 5, real, odds()) }, plain: { ...engagementOdds(w, 5, plain, odds()) } };
    // a = 0.75, ν = 1/2, a² = 0.5625; a false claim ×2·credulity = 1.
    expect(off.fake.reshare).toBeCloseTo(0.05 * 0.5625 * 0.5 * 2 * 0.5, 15);
    w.params = { ...w.params, accuracyPromptShare: 1, accuracyPromptEffect: 0.25 };
    const on = engagementOdds(w, 5, fake, odds());
    expect(on.reshare).toBe(off.fake.reshare * 0.75);
    expect([on.like, on.reply, on.report]).toEqual([off.fake.like, off.fake.reply, off.fake.report]);
    expect(engagementOdds(w, 5, real, odds()).reshare).toBe(off.real.reshare);
    expect(engagementOdds(w, 5, plain, odds()).reshare).toBe(off.plain.reshare);
    // All three at once: (1 − e_a)(1 − e_r)(1 − e_f)(1 − e_ff) on a false claim, (1 − e_f) on any other post.
    w.params = { ...w.params, prebunkingShare: 1, prebunkingReshareEffect: 0.5, frictionShare: 1, frictionReshareEffect: 0.2, frictionFalseEffect: 0.4 };
    expect(engagementOdds(w, 5, fake, odds()).reshare).toBeCloseTo(off.fake.reshare * 0.75 * 0.5 * 0.8 * 0.6, 15);
    expect(engagementOdds(w, 5, real, odds()).reshare).toBeCloseTo(off.real.reshare * 0.8, 15);
    expect(engagementOdds(w, 5, plain, odds()).reshare).toBeCloseTo(off.plain.reshare * 0.8, 15);
    // Bots are never treated.
    w.agents.bot[5] = 1;
    expect(engagementOdds(w, 5, fake, odds()).reshare).toBe(off.fake.reshare);
  });

  it('the engagement ranker scores with the same odds: its fused score equals its explanation, and falls for a treated reader', () => {
    const { w, fake, real } = handMade();
    w.agents.opinion[5] = 0.25; // full agreement: a positive score (disagreement's negative-feedback head can push it to 0)
    const off = feedScore(w, rankers.engagement, 5, fake);
    w.params = { ...w.params, accuracyPromptShare: 1, accuracyPromptEffect: 0.5, frictionShare: 1 };
    for (const p of [fake, real]) expect(feedScore(w, rankers.engagement, 5, p)).toBe(explainRanking(w, 5, p, 'engagement').score);
    expect(feedScore(w, rankers.engagement, 5, fake)).toBeLessThan(off);
  });

  it('bounded confidence: an inoculated reader steps μ(1 − e_b) toward a false claim, μ toward any other post', () => {
    const { w, fake, real } = handMade({ influence: 0.5, prebunkingShare: 1, prebunkingBeliefEffect: 0.5 });
    w.agents.tolerance[5] = 1;
    w.agents.opinion[5] = 0;
    opinionRules['bounded-confidence'].update(w, 5, Int32Array.of(fake), 1);
    expect(w.agents.opinion[5]).toBe(0.0625); // 0 + 0.5 · 0.5 · 0.25
    w.agents.opinion[5] = 0;
    opinionRules['bounded-confidence'].update(w, 5, Int32Array.of(real), 1);
    expect(w.agents.opinion[5]).toBe(0.125);
    // Sasahara: the false claim's offset counts at half weight in the mean of the two concordant posts.
    w.agents.opinion[5] = 0;
    opinionRules.sasahara.update(w, 5, Int32Array.of(fake, real), 2);
    expect(w.agents.opinion[5]).toBe((0.5 * (0.5 * 0.25 + 0.25)) / 2);
  });

  it('treats a share of the humans, nested in the share, and the same accounts in every run of a seed', () => {
    const kinds: InterventionKind[] = [ACCURACY_PROMPT, PREBUNKING, FRICTION];
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...kinds), (s1, s2, kind) => {
        const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const key = kind === ACCURACY_PROMPT ? 'accuracyPromptShare' : kind === PREBUNKING ? 'prebunkingShare' : 'frictionShare';
        const w = makeWorld({ agents: 300, followsPerAccount: 2, botShare: 0.1 }, 'interventions/nested');
        w.params = { ...w.params, [key]: lo };
        const atLo = Array.from({ length: w.agents.n }, (_, i) => isTreated(w, i, kind));
        w.params = { ...w.params, [key]: hi };
        for (let i = 0; i < w.agents.n; i++) {
          if (atLo[i]) expect(isTreated(w, i, kind)).toBe(true);
          if (w.agents.bot[i] !== 0) expect(isTreated(w, i, kind)).toBe(false);
        }
      }),
      { seed: 1919, numRuns: 60 },
    );
    const w = makeWorld({ agents: 4000, followsPerAccount: 2, prebunkingShare: 0.3 }, 'interventions/share');
    expect(withinBinomial(treatedCount(w, PREBUNKING), 4000, 0.3)).toBe(true);
    expect(treatedCount(w, ACCURACY_PROMPT)).toBe(0);
    const again = makeWorld({ agents: 4000, followsPerAccount: 2, prebunkingShare: 0.3, frictionShare: 1 }, 'interventions/share');
    for (let i = 0; i < 4000; i++) expect(isTreated(again, i, PREBUNKING)).toBe(isTreated(w, i, PREBUNKING));
  });

  it('the reshare odds of a false claim fall with each effect size and never rise with the share', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.constantFrom('accuracyPromptEffect', 'prebunkingReshareEffect', 'frictionReshareEffect', 'frictionFalseEffect'),
        (e1, e2, opinion, key) => {
          const { w, fake } = handMade({ accuracyPromptShare: 1, prebunkingShare: 1, frictionShare: 1 });
          w.agents.opinion[5] = opinion;
          const [lo, hi] = e1 <= e2 ? [e1, e2] : [e2, e1];
          w.params = { ...w.params, [key]: lo };
          const atLo = engagementOdds(w, 5, fake, odds()).reshare;
          w.params = { ...w.params, [key]: hi };
          expect(engagementOdds(w, 5, fake, odds()).reshare).toBeLessThanOrEqual(atLo);
          w.params = { ...w.params, ...SHARES };
          expect(engagementOdds(w, 5, fake, odds()).reshare).toBeGreaterThanOrEqual(atLo);
        },
      ),
      { seed: 2021, numRuns: 100 },
    );
  });

  it('an effect of 1 on everyone removes what it targets: no human reshares a false claim (prompt), none at all (friction)', () => {
    const base = { agents: 400, durationHours: 12, claimsPerHour: 4, claimFalseShare: 0.5 };
    const falseReshares = (params: Record<string, unknown>) => {
      const p = createPlatform({ ...base, ...params }, { seed: 'interventions/one' }).run();
      const posts = p.world.posts;
      let fake = 0;
      let real = 0;
      for (let k = 0; k < posts.count; k++) {
        if (posts.kindOf(k) !== KIND_RESHARE) continue;
        if (posts.veracityOf(k) === FALSE_CLAIM) fake++;
        else if (posts.veracityOf(k) === TRUE_CLAIM) real++;
      }
      return { fake, real, all: p.totals.reshares };
    };
    const control = falseReshares({});
    expect(control.fake).toBeGreaterThan(0);
    expect(control.real).toBeGreaterThan(0);
    const prompted = falseReshares({ accuracyPromptShare: 1, accuracyPromptEffect: 1 });
    expect(prompted.fake).toBe(0);
    expect(prompted.real).toBeGreaterThan(0);
    expect(falseReshares({ prebunkingShare: 1, prebunkingReshareEffect: 1 }).fake).toBe(0);
    expect(falseReshares({ frictionShare: 1, frictionReshareEffect: 1 }).all).toBe(0);
  });

  it('over paired seeds, false reshares fall as the accuracy prompt\'s effect grows', () => {
    const total = (effect: number): number => {
      let sum = 0;
      for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
        const p = createPlatform({ agents: 300, durationHours: 12, claimsPerHour: 4, claimFalseShare: 1, accuracyPromptShare: 1, accuracyPromptEffect: effect }, { seed: `interventions/paired/${seed}` }).run();
        for (let k = 0; k < p.world.posts.count; k++) if (p.world.posts.kindOf(k) === KIND_RESHARE && p.world.posts.veracityOf(k) === FALSE_CLAIM) sum++;
      }
      return sum;
    };
    // Expected totals scale about as 1 − e: margins of a fifth of the control keep chance out.
    const [t0, t4, t8] = [total(0), total(0.4), total(0.8)];
    expect(t4).toBeLessThan(t0 * 0.8);
    expect(t8).toBeLessThan(t4 * 0.8);
  });

  it('a timeline `set` event switches an intervention on mid-run: no false claim reshared by a human after it', () => {
    const p = createPlatform(
      { agents: 400, durationHours: 12, claimsPerHour: 4, claimFalseShare: 1 },
      { seed: 'interventions/set', timeline: [{ at: 6, type: 'set', params: { accuracyPromptShare: 1, accuracyPromptEffect: 1 } }] },
    ).run();
    const posts = p.world.posts;
    let before = 0;
    let after = 0;
    for (let k = 0; k < posts.count; k++) {
      if (posts.kindOf(k) !== KIND_RESHARE || posts.veracityOf(k) !== FALSE_CLAIM) continue;
      if (posts.timeOf(k) < 360) before++;
      else after++;
    }
    expect(before).toBeGreaterThan(0);
    expect(after).toBe(0);
  });

  it('the default effect sizes are the published figures, converted as the banner says', () => {
    // Accuracy prompt: the 10 % pooled drop in false-sharing intentions (Pennycook & Rand 2022).
    expect(PLATFORM_DEFAULTS.accuracyPromptEffect).toBe(0.1);
    // Prebunking: d = −0.36 on the credibility of misinformation (Lu et al. 2023) as an odds ratio,
    // ln OR = d·π/√3 (Chinn 2000): OR = 0.5205, so the pull is cut by 0.48 (two decimals, as stated).
    const oddsRatio = Math.exp((-0.36 * Math.PI) / Math.sqrt(3));
    expect(oddsRatio).toBeCloseTo(0.5205, 4);
    expect(PLATFORM_DEFAULTS.prebunkingBeliefEffect).toBe(Math.round((1 - oddsRatio) * 100) / 100);
    expect(PLATFORM_DEFAULTS.prebunkingReshareEffect).toBe(0);
    // Friction: Twitter 2020, −20 % on all sharing and −29 % in all on shares of Tweets labelled misleading.
    expect(PLATFORM_DEFAULTS.frictionReshareEffect).toBe(0.2);
    expect((1 - PLATFORM_DEFAULTS.frictionReshareEffect) * (1 - PLATFORM_DEFAULTS.frictionFalseEffect)).toBeCloseTo(0.71, 12);
  });

  it('rejects a share or an effect outside [0, 1], naming the field', () => {
    expect(() => createPlatform({ accuracyPromptShare: 1.5 }, { seed: 'x' })).toThrow(ParamError);
    expect(() => createPlatform({ frictionFalseEffect: -0.1 }, { seed: 'x' })).toThrow(/frictionFalseEffect/);
  });
});
