/**
 * The demo's bound on the size of the network: at most DEMO_MAX_FOLLOWS
 * follows (accounts × follows per account). A link asking for more gets a
 * notice naming the parameter, its value and the range allowed, and the
 * default instead, like any out-of-range value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followsBoundRange, sanitizeConfig } from '../../src/viz/engine/demo-config.js';
import { DEMO_MAX_AGENTS, DEMO_MAX_FOLLOWS, listPresets, presetInfo } from '../../src/viz/engine/demo-presets.js';
import { DemoSession } from '../../src/viz/engine/demo-session.js';
import { parseDemoUrl } from '../../src/viz/engine/url-state.js';

const NBSP = '\u00a0';

describe('the follows bound', () => {
  it('is one million follows', () => {
    // The README and the notices say so; measured figures are in demo-presets.ts.
    expect(DEMO_MAX_FOLLOWS).toBe(1_000_000);
  });

  it('the link of issue 13 (20,000 accounts × 5,000 follows) gets a notice naming the parameter, its value and the range, and the default', () => {
    const r = parseDemoUrl('?preset=echo-chambers&agents=20000&followsPerAccount=5000');
    expect(r.config).toEqual({ preset: 'echo-chambers', arm: null, seed: '1', params: { agents: 20000 } });
    expect(r.problems).toHaveLength(1);
    const [p] = r.problems;
    expect(p.field).toBe('followsPerAccount');
    expect(p.value).toBe('5000');
    expect(p.message.en).toBe(
      'followsPerAccount: out of range [1, 50] with 20000 accounts (at most 1000000 follows in all, accounts × follows per account, which a laptop builds in about 10 s); the default is used.',
    );
    expect(p.message.fr).toBe(
      `followsPerAccount${NBSP}: hors de l’intervalle [1, 50] avec 20000 comptes (au plus 1000000 abonnements en tout, comptes × abonnements par compte, qu’un ordinateur portable construit en 10${NBSP}s environ)${NBSP}; la valeur par défaut est utilisée.`,
    );
    // What is left is within the bound, and the session takes it as is.
    expect(sanitizeConfig(r.config).problems).toEqual([]);
  });

  it('exactly at the bound is accepted, one follow more is not', () => {
    const at = parseDemoUrl('?agents=20000&followsPerAccount=50');
    expect(at.problems).toEqual([]);
    expect(at.config.params).toEqual({ agents: 20000, followsPerAccount: 50 });
    const over = parseDemoUrl('?agents=20000&followsPerAccount=51');
    expect(over.problems.map((p) => [p.field, p.value])).toEqual([['followsPerAccount', '51']]);
    expect(over.config.params).toEqual({ agents: 20000 });
    // With the preset's 2,000 accounts the range is [1, 500].
    expect(parseDemoUrl('?preset=majority-illusion&followsPerAccount=500').problems).toEqual([]);
    const p = parseDemoUrl('?preset=majority-illusion&followsPerAccount=501').problems;
    expect(p.map((x) => x.field)).toEqual(['followsPerAccount']);
    expect(p[0].message.en).toContain('[1, 500] with 2000 accounts');
  });

  it('blames the accounts when the follows per account are not the user\'s (a puzzle\'s or a preset\'s)', () => {
    const r = sanitizeConfig({ preset: 'echo-chambers', params: { agents: 20000 } }, { followsPerAccount: 100 });
    expect(r.problems.map((p) => [p.field, p.value])).toEqual([['agents', '20000']]);
    expect(r.problems[0].message.en).toContain('[10, 10000] with 100 follows per account');
    expect(r.problems[0].message.fr).toContain('[10, 10000] avec 100 abonnements par compte');
    expect(r.config.params).toEqual({});
  });

  it('every preset is within the bound at its own settings and at the most accounts the demo offers', () => {
    for (const p of listPresets()) {
      const follows = Number(presetInfo(p.id).params.followsPerAccount);
      expect(Number(presetInfo(p.id).params.agents) * follows, p.id).toBeLessThanOrEqual(DEMO_MAX_FOLLOWS);
      expect(DEMO_MAX_AGENTS * follows, p.id).toBeLessThanOrEqual(DEMO_MAX_FOLLOWS);
      expect(parseDemoUrl(`?preset=${p.id}&agents=${DEMO_MAX_AGENTS}`).problems, p.id).toEqual([]);
    }
  });

  it('the range of one follows the other', () => {
    expect(followsBoundRange('followsPerAccount', { agents: 2000, followsPerAccount: 20 })).toEqual({ min: 1, max: 500 });
    expect(followsBoundRange('followsPerAccount', { agents: 20000, followsPerAccount: 20 })).toEqual({ min: 1, max: 50 });
    // The schema's own maximum still applies: 5,000 follows, 20,000 accounts.
    expect(followsBoundRange('followsPerAccount', { agents: 100, followsPerAccount: 20 })).toEqual({ min: 1, max: 5000 });
    expect(followsBoundRange('agents', { agents: 2000, followsPerAccount: 20 })).toEqual({ min: 10, max: DEMO_MAX_AGENTS });
    expect(followsBoundRange('agents', { agents: 2000, followsPerAccount: 400 })).toEqual({ min: 10, max: 2500 });
    expect(followsBoundRange('ranker', { agents: 2000, followsPerAccount: 20 })).toBeNull();
  });

  it('any accounts × follows in a link: accepted exactly when within the bound (and fewer follows than accounts), and what comes out is within it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: DEMO_MAX_AGENTS }), fc.integer({ min: 1, max: 5000 }), fc.constantFrom(...listPresets().map((p) => p.id)), (agents, follows, preset) => {
        const r = parseDemoUrl(`?preset=${preset}&agents=${agents}&followsPerAccount=${follows}`);
        const fits = agents * follows <= DEMO_MAX_FOLLOWS && follows < agents;
        expect(r.problems.length === 0).toBe(fits);
        if (agents * follows > DEMO_MAX_FOLLOWS && follows < agents) {
          expect(r.problems.map((p) => p.field)).toEqual(['followsPerAccount']);
          expect(r.problems[0].message.en).toContain(`[1, ${Math.floor(DEMO_MAX_FOLLOWS / agents)}] with ${agents} accounts`);
        }
        const eff = presetInfo(preset, null, r.config.params).params;
        expect(Number(eff.agents) * Number(eff.followsPerAccount)).toBeLessThanOrEqual(DEMO_MAX_FOLLOWS);
        // Sanitising again finds nothing more to change.
        expect(sanitizeConfig(r.config)).toEqual({ config: r.config, problems: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('the worker\'s session applies the bound too (a message, not a link)', () => {
    const { session, problems } = DemoSession.create({ preset: 'majority-illusion', arm: null, seed: '1', params: { agents: 100, followsPerAccount: 99 } });
    // 9,900 follows: within the bound, so only the platform's own rules apply.
    expect(problems).toEqual([]);
    expect(session.platform.world.params.followsPerAccount).toBe(99);
    const over = sanitizeConfig({ preset: 'majority-illusion', params: { agents: 3000, followsPerAccount: 400 } });
    expect(over.problems.map((p) => p.field)).toEqual(['followsPerAccount']);
  });
});
