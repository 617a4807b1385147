import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeConfig } from '../../src/viz/engine/demo-config.js';
import { DEFAULT_PRESET, DEFAULT_SEED, listPresets, paramSpecs, presetInfo } from '../../src/viz/engine/demo-presets.js';
import type { DemoConfig, ParamValue } from '../../src/viz/engine/demo-protocol.js';
import { DemoSession } from '../../src/viz/engine/demo-session.js';
import { listPuzzles } from '../../src/viz/engine/puzzles.js';
import { formatDemoUrl, parseDemoUrl } from '../../src/viz/engine/url-state.js';
import { DEFAULT_SPEED, SPEEDS } from '../../src/viz/app/layout.js';

const presets = listPresets();
const specs = paramSpecs();
const names = Object.keys(specs);

/** An arbitrary value for a parameter: valid or not, of its type or not. */
const anyValue = (name: string): fc.Arbitrary<unknown> => {
  const s = specs[name];
  const valid: fc.Arbitrary<unknown> =
    s.kind === 'number'
      ? s.integer
        ? fc.integer({ min: Math.max(s.min, -1e6), max: Math.min(s.max, 1e6) })
        : fc.double({ min: s.min, max: s.max, noNaN: true })
      : s.kind === 'choice'
        ? fc.constantFrom(...s.options)
        : fc.boolean();
  return fc.oneof(valid, fc.string(), fc.double(), fc.constant(null));
};

/** A valid configuration: parameters that pass their own checks (sanitize makes it canonical). */
const validConfig: fc.Arbitrary<DemoConfig> = fc
  .record({
    preset: fc.constantFrom(...presets.map((p) => p.id)),
    armPick: fc.nat(),
    seed: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(s)),
    params: fc.dictionary(fc.constantFrom(...names), fc.constant(0)).chain((d) => fc.record(Object.fromEntries(Object.keys(d).map((k) => [k, anyValue(k)])) as Record<string, fc.Arbitrary<unknown>>)),
    withArm: fc.boolean(),
  })
  .map(({ preset, armPick, seed, params, withArm }) => {
    const info = presetInfo(preset);
    const arm = withArm && info.arms.length > 0 ? info.arms[armPick % info.arms.length].id : null;
    return sanitizeConfig({ preset, arm, seed, params }).config;
  });

describe('parseDemoUrl', () => {
  it('never throws on garbage, and returns a configuration every part of which is valid', () => {
    const garbage = fc.oneof(
      fc.string(),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom('preset', 'arm', 'seed', 'lang', 'puzzle', ...names), fc.string()), fc.oneof(fc.string(), fc.double().map(String))), { maxLength: 8 }).map((kv) => `?${kv.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`),
    );
    fc.assert(
      fc.property(garbage, (search) => {
        const { config, lang, puzzle, speed, problems } = parseDemoUrl(search);
        expect(['en', 'fr']).toContain(lang);
        expect(SPEEDS).toContain(speed);
        expect(puzzle === null || listPuzzles().some((p) => p.id === puzzle)).toBe(true);
        const info = presetInfo(config.preset, config.arm);
        expect(config.arm === null || info.arms.some((a) => a.id === config.arm)).toBe(true);
        expect(config.seed.length).toBeGreaterThan(0);
        // Sanitising again finds nothing more to change.
        const again = sanitizeConfig(config);
        expect(again.problems).toEqual([]);
        expect(again.config).toEqual(config);
        for (const p of problems) expect(p.message.fr.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('what it returns is accepted by DemoSession.create without a problem', () => {
    const garbage = fc.array(fc.tuple(fc.constantFrom('preset', 'arm', 'seed', 'agents', 'followsPerAccount', 'ranker', 'botShare', 'durationHours', 'verifiedShare', 'newShare'), fc.oneof(fc.string(), fc.integer({ min: -5, max: 40 }).map(String), fc.constantFrom('majority-illusion', 'bots-and-poll', 'similarity', '0.6'))), { maxLength: 6 });
    fc.assert(
      fc.property(garbage, (kv) => {
        const search = `?${kv.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}&agents=40`;
        const { config } = parseDemoUrl(search);
        const { session, problems } = DemoSession.create(config);
        expect(problems).toEqual([]);
        expect(session.config).toEqual(config);
      }),
      { numRuns: 15 },
    );
  });

  it('parse(format(c)) = c for valid configurations, languages and puzzles', () => {
    fc.assert(
      fc.property(validConfig, fc.constantFrom('en' as const, 'fr' as const), (config, lang) => {
        const url = formatDemoUrl(config, lang, null);
        expect(url.startsWith('?')).toBe(true);
        const back = parseDemoUrl(url);
        expect(back.problems).toEqual([]);
        expect(back.config).toEqual(config);
        expect(back.lang).toBe(lang);
        expect(back.puzzle).toBeNull();
        expect(back.speed).toBe(DEFAULT_SPEED);
        expect(formatDemoUrl(back.config, back.lang, back.puzzle)).toBe(url);
      }),
      { numRuns: 150 },
    );
  });

  it('the play speed round-trips: written after the puzzle only when not the default, read back, a bad one reported', () => {
    fc.assert(
      fc.property(validConfig, fc.constantFrom('en' as const, 'fr' as const), fc.constantFrom(...SPEEDS), (config, lang, speed) => {
        const url = formatDemoUrl(config, lang, null, speed);
        expect(url.includes('speed=')).toBe(speed !== DEFAULT_SPEED);
        const back = parseDemoUrl(url);
        expect(back.problems).toEqual([]);
        expect(back.config).toEqual(config);
        expect(back.speed).toBe(speed);
        expect(formatDemoUrl(back.config, back.lang, back.puzzle, back.speed)).toBe(url);
      }),
      { numRuns: 60 },
    );
    expect(SPEEDS).toContain(30);
    const r = parseDemoUrl('?preset=echo-chambers&speed=30&agents=300');
    expect(r.problems).toEqual([]);
    expect(r.speed).toBe(30);
    expect(r.config.params).toEqual({ agents: 300 });
    expect(formatDemoUrl(r.config, 'fr', 'stop-the-hoax', r.speed)).toBe('?preset=echo-chambers&seed=1&lang=fr&puzzle=stop-the-hoax&speed=30&agents=300');
    expect(formatDemoUrl(r.config, 'en', null, DEFAULT_SPEED)).toBe('?preset=echo-chambers&seed=1&agents=300');
    for (const bad of ['31', '0', '-10', 'fast', '', '1e9', 'NaN']) {
      const b = parseDemoUrl(`?speed=${encodeURIComponent(bad)}`);
      expect(b.speed, bad).toBe(DEFAULT_SPEED);
      expect(b.problems.map((p) => p.field), bad).toEqual(['speed']);
      expect(b.problems[0].message.fr, bad).toContain('\u00a0;');
    }
    // Given twice: the first is used, the second reported.
    const twice = parseDemoUrl('?speed=50&speed=2');
    expect(twice.speed).toBe(50);
    expect(twice.problems.map((p) => p.field)).toEqual(['speed']);
  });

  it('a puzzle link keeps the player\'s settings, even those equal to the preset\'s', () => {
    const { session } = DemoSession.create({ preset: 'crowdstrike-hoax', arm: null, seed: 'x', params: { ranker: 'chronological' } }, 'stop-the-hoax');
    const url = formatDemoUrl(session.config, 'fr', 'stop-the-hoax');
    const back = parseDemoUrl(url);
    expect(back.problems).toEqual([]);
    expect(back.puzzle).toBe('stop-the-hoax');
    expect(back.config).toEqual(session.config);
    expect(DemoSession.create(back.config, back.puzzle).session.info.params.ranker).toBe('chronological');
  });

  it('writes only changed parameters, in a stable order', () => {
    const c: DemoConfig = { preset: 'false-consensus', arm: 'similarity', seed: 'a b&c', params: { ranker: 'bridging', agents: 500 } };
    const checked = sanitizeConfig(c);
    expect(checked.problems).toEqual([]);
    expect(formatDemoUrl(checked.config, 'fr', null)).toBe('?preset=false-consensus&arm=similarity&seed=a+b%26c&lang=fr&agents=500&ranker=bridging');
    // feedSize 10 is the scenario's own value: not a change.
    expect(sanitizeConfig({ ...c, params: { feedSize: 10 } }).config.params).toEqual({});
  });

  it('reports each bad value and uses the default instead', () => {
    const r = parseDemoUrl('?preset=echo-chambers&arm=nope&seed=&lang=de&puzzle=zz&agents=999999&ranker=best&tolerance=abc&dailyRhythm=maybe&zap=1&agents=3');
    expect(r.config).toEqual({ preset: 'echo-chambers', arm: null, seed: DEFAULT_SEED, params: {} });
    expect(r.lang).toBe('en');
    expect(r.puzzle).toBeNull();
    expect(r.problems.map((p) => p.field).sort()).toEqual(['agents', 'agents', 'arm', 'dailyRhythm', 'lang', 'puzzle', 'ranker', 'seed', 'tolerance', 'zap']);
    expect(parseDemoUrl('?preset=nope').config.preset).toBe(DEFAULT_PRESET);
    expect(parseDemoUrl('').problems).toEqual([]);
    expect(parseDemoUrl('?agents=2.5').problems.map((p) => p.field)).toEqual(['agents']);
    expect(parseDemoUrl('?agents=0x10').problems.map((p) => p.field)).toEqual(['agents']);
    expect(parseDemoUrl('?__proto__=1&constructor=x').problems.map((p) => p.field)).toEqual(['__proto__', 'constructor']);
  });

  it('reads typed values', () => {
    const r = parseDemoUrl('?preset=moderation-off&dailyRhythm=false&tolerance=0.25&agents=1e3&moderation=label');
    expect(r.problems).toEqual([]);
    expect(r.config.params).toEqual({ agents: 1000, tolerance: 0.25, dailyRhythm: false, moderation: 'label' } satisfies Record<string, ParamValue>);
  });
});
