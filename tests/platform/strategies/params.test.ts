/**
 * The platform's parameter schema: every entry documented with help text and
 * a unit, defaults inside their ranges; validation errors name the field,
 * the value and the allowed range; unknown names get the closest suggestion.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, ParamError } from '../../../src/model/errors.js';
import { PLATFORM_DEFAULTS, PLATFORM_SCHEMA, validatePlatformParams, type ParamSpec } from '../../../src/sim/platform/platform-params.js';

const entries = Object.entries(PLATFORM_SCHEMA) as Array<[string, ParamSpec]>;
const numeric = entries.filter(([, s]) => s.kind === 'number') as Array<[string, Extract<ParamSpec, { kind: 'number' }>]>;

describe('schema', () => {
  it('every entry has help text and a unit, and a valid default', () => {
    for (const [name, spec] of entries) {
      expect(spec.help.length, name).toBeGreaterThan(10);
      expect(spec.unit.trim().length, name).toBeGreaterThan(0);
      if (spec.kind === 'number') {
        expect(spec.default >= spec.min && spec.default <= spec.max, name).toBe(true);
        expect(spec.min).toBeLessThan(spec.max);
        if (spec.integer) expect(Number.isInteger(spec.default), name).toBe(true);
      } else if (spec.kind === 'choice') {
        expect(spec.options, name).toContain(spec.default);
      } else if (spec.kind === 'text') {
        expect(typeof spec.default, name).toBe('string');
        expect(spec.format.length, name).toBeGreaterThan(5);
      } else {
        expect(typeof spec.default, name).toBe('boolean');
      }
    }
  });

  it('the defaults validate to themselves', () => {
    const p = validatePlatformParams({});
    for (const [name] of entries) expect(p[name as keyof typeof p], name).toEqual(PLATFORM_DEFAULTS[name as keyof typeof PLATFORM_DEFAULTS]);
    expect(p.groupNames).toEqual(['G1']);
    expect(p.groupShares).toEqual([1]);
  });
});

describe('validation errors', () => {
  it('a number out of range names the source, field, value and range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.boolean(), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), ([name, spec], above, by) => {
        const value = above ? spec.max + by : spec.min - by;
        let error: unknown;
        try {
          validatePlatformParams({ [name]: value }, 'scenario.json');
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ParamError);
        const message = (error as Error).message;
        expect(message).toContain('scenario.json');
        expect(message).toContain(`\`${name}\``);
        expect(message).toContain(`(${value})`);
        expect(message).toContain(`[${spec.min}, ${spec.max}]`);
        expect((error as ParamError).field).toBe(name);
      }),
    );
  });

  it('a non-integer for an integer field, a wrong type, a bad choice and NaN are rejected with the field', () => {
    expect(() => validatePlatformParams({ agents: 100.5 })).toThrow(/invalid `agents` \(100\.5\): expected an integer in \[2, 50000000\] \(accounts\)/);
    expect(() => validatePlatformParams({ feedSize: '15' })).toThrow(/invalid `feedSize` \("15"\): expected a number in \[1, 500\] \(posts\)/);
    expect(() => validatePlatformParams({ tickMinutes: Number.NaN })).toThrow(/invalid `tickMinutes` \(NaN\)/);
    expect(() => validatePlatformParams({ ranker: 'newest' })).toThrow(/invalid `ranker` \("newest"\): expected one of "chronological", "engagement", "similarity", "bridging", "random"/);
    expect(() => validatePlatformParams({ readCaps: 1 })).toThrow(/invalid `readCaps` \(1\): expected true or false/);
    expect(() => validatePlatformParams(null as never)).toThrow(/invalid `params` \(null\)/);
  });

  it('cross-field rules name the field and the bound', () => {
    expect(() => validatePlatformParams({ verifiedShare: 0.5, newShare: 0.6 })).toThrow(/invalid `newShare` \(0\.6\): expected at most 1 − verifiedShare = 0\.5/);
    expect(() => validatePlatformParams({ agents: 10, followsPerAccount: 10 })).toThrow(/invalid `followsPerAccount` \(10\): expected fewer than `agents` \(10\)/);
    expect(() => validatePlatformParams({ groups: 2, groupNames: ['EN'] })).toThrow(/invalid `groupNames`.*2 names/);
    expect(() => validatePlatformParams({ groups: 2, groupNames: ['EN', 'EN'] })).toThrow(/invalid `groupNames`.*distinct/);
    expect(() => validatePlatformParams({ groups: 2, groupShares: [1, -1] })).toThrow(/invalid `groupShares`/);
    expect(() => validatePlatformParams({ groups: 2, groupShares: [0, 0] })).toThrow(/invalid `groupShares`.*positive sum/);
  });

  it('an unknown name suggests the closest known one', () => {
    const cases: Array<[string, string]> = [
      ['feedsize', 'feedSize'],
      ['rankr', 'ranker'],
      ['botshare', 'botShare'],
      ['moderaton', 'moderation'],
      ['detectionDelayHour', 'detectionDelayHours'],
      ['tickMinute', 'tickMinutes'],
      ['groupName', 'groupNames'],
    ];
    for (const [typo, known] of cases) {
      let error: unknown;
      try {
        validatePlatformParams({ [typo]: 1 }, 'cli');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(`cli: unknown parameter \`${typo}\` (did you mean \`${known}\`?)`);
      expect((error as InputError).field).toBe(typo);
    }
    expect(() => validatePlatformParams({ zzzzzzzzzz: 1 })).toThrow(/unknown parameter `zzzzzzzzzz`$/);
  });

  it('a one-letter typo of any parameter name is caught and suggests a parameter', () => {
    const names = entries.map(([n]) => n);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), (name, k) => {
        const at = k % name.length;
        const typo = name.slice(0, at) + name.slice(at + 1);
        fc.pre(!names.includes(typo));
        expect(() => validatePlatformParams({ [typo]: PLATFORM_SCHEMA[name as keyof typeof PLATFORM_SCHEMA].default })).toThrow(/did you mean `[A-Za-z]+`\?/);
      }),
    );
  });
});
