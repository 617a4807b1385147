/**
 * The validator never crashes: fast-check drives `resolveExperiment` with
 * arbitrary configurations — keys from the real parameter names, their
 * typos, `__proto__` and random text; values of the wrong type, NaN,
 * infinities, huge numbers; empty and duplicated sweeps; unknown metrics;
 * broken networks and options. Each configuration either resolves, and then
 * its first run executes without throwing, or is rejected with an
 * InputError/ParamError whose `field` is set and whose message names it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveExperiment, type ResolveOptions } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import type { ExperimentDefinition } from '../../src/experiment/experiment-types.js';
import { InputError } from '../../src/model/errors.js';
import { listMetrics } from '../../src/sim/metrics/metrics-registry.js';
import { modelZoo } from '../../src/sim/model-zoo.js';
import { defineScenario } from '../../src/sim/platform/scenario.js';

/** A scenario small enough to run in a few milliseconds. */
const tinyScenario = defineScenario({
  id: 'tiny',
  title: 'Tiny',
  question: 'Does a tiny platform run?',
  lookFor: 'nothing in particular',
  params: { agents: 60, followsPerAccount: 5, durationHours: 3 },
  arms: { a: {}, b: { params: { ranker: 'random' } } },
  outcomes: (platform) => ({ posts: platform.totals.posts, [`posts.h${Math.round(platform.now / 60)}`]: 1 }),
  outcomeHelp: { posts: 'Posts made.', 'posts.*': 'A per-duration column.' },
});

const MODEL_IDS = Object.keys(modelZoo);
const PARAM_NAMES = [...new Set(MODEL_IDS.flatMap((id) => Object.keys(modelZoo[id].model.defaults)))];
const PLATFORM_NAMES = ['agents', 'ranker', 'influence', 'tolerance', 'durationHours', 'unfollowProbability', 'feedSize'];
const NETWORK_NAMES = ['network.n', 'network.p', 'network.m', 'network.k', 'network.beta', 'network.directed', 'network.groups', 'network.homophily', 'network.meanOutDegree', 'network.exponent'];
const METRIC_NAMES = listMetrics().map((m) => m.id);
const CHOICES = ['random', 'same-opinion', 'graph', 'complete', 'static', 'repost', 'chronological', 'similarity', 'a', 'b'];

/** Mostly `clean`, sometimes `junk`: each configuration carries a few faults, not dozens. */
const mostly = <T, U>(clean: fc.Arbitrary<T>, junk: fc.Arbitrary<U>, weight = 20) => fc.oneof({ weight, arbitrary: clean }, { weight: 1, arbitrary: junk });

/** A one-character typo of a name. */
const typo = (names: readonly string[]) =>
  fc.tuple(fc.constantFrom(...names), fc.nat(), fc.constantFrom('drop', 'swap', 'insert')).map(([w, k, op]) => {
    const i = w.length === 0 ? 0 : k % w.length;
    if (op === 'drop') return w.slice(0, i) + w.slice(i + 1);
    if (op === 'insert') return `${w.slice(0, i)}x${w.slice(i)}`;
    return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : `${w}s`;
  });

const junkKey = fc.oneof(
  fc.constantFrom(...PARAM_NAMES, ...PLATFORM_NAMES, ...NETWORK_NAMES, 'arm', 'groupNames', 'initialOpinions'),
  typo([...PARAM_NAMES, ...PLATFORM_NAMES]),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', ''),
  fc.string({ maxLength: 8 }),
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -1e300, Number.MAX_VALUE, 2 ** 53, -0, 1e-320, -1, 2.5, 1e9),
  fc.constantFrom('nope', '', '0.5'),
  fc.boolean(),
  fc.constantFrom(null, undefined, [], {}, [0.2], { x: 1 }),
);
const plausibleValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom(...CHOICES) },
  { weight: 1, arbitrary: fc.boolean() },
);
const valueArb = mostly(plausibleValue, junkValue, 6);

const sizeNumber = (valid: fc.Arbitrary<number>) => mostly(valid, fc.constantFrom<unknown>(0, -1, 2.5, NaN, Infinity, 1e12, 1e300, '3', null));
const optional = <T>(arb: fc.Arbitrary<T>, weight = 3) => fc.oneof({ weight, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: arb });

type Target = { model?: unknown; scenario?: unknown };
const targetArb: fc.Arbitrary<Target> = mostly(
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...MODEL_IDS).map((model): Target => ({ model })) }, { weight: 1, arbitrary: fc.constant<Target>({ scenario: tinyScenario }) }),
  fc.oneof(typo(MODEL_IDS).map((model): Target => ({ model })), fc.constantFrom<Target>({}, { model: 'deffuant', scenario: tinyScenario }, { model: 7 }, { scenario: { id: 'x' } })),
);

function ownNames(target: Target): string[] {
  if (typeof target.model === 'string' && Object.prototype.hasOwnProperty.call(modelZoo, target.model)) {
    const d = modelZoo[target.model].model.defaults as Record<string, unknown>;
    return Object.keys(d).filter((k) => ['number', 'string', 'boolean'].includes(typeof d[k]));
  }
  return [...PLATFORM_NAMES, 'arm'];
}

const NETWORK_PARAMS: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  'erdos-renyi': { n: fc.integer({ min: 2, max: 60 }), p: fc.double({ min: 0, max: 1, noNaN: true }), directed: fc.boolean() },
  'preferential-attachment': { n: fc.integer({ min: 2, max: 60 }), m: fc.integer({ min: 1, max: 4 }) },
  'stochastic-block-model': { n: fc.integer({ min: 2, max: 60 }), groups: fc.integer({ min: 1, max: 3 }), meanOutDegree: fc.integer({ min: 0, max: 8 }), homophily: fc.double({ min: 0, max: 1, noNaN: true }) },
  'watts-strogatz': { n: fc.integer({ min: 2, max: 60 }), k: fc.constantFrom(0, 2, 4, 3), beta: fc.double({ min: 0, max: 1, noNaN: true }) },
  complete: { n: fc.integer({ min: 2, max: 40 }), directed: fc.boolean() },
};
const networkArb = optional(
  mostly(
    fc.constantFrom(...Object.keys(NETWORK_PARAMS)).chain((kind) =>
      fc.record({
        kind: fc.constant(kind),
        params: fc.tuple(
          fc.record(Object.fromEntries(Object.entries(NETWORK_PARAMS[kind]).map(([k, a]) => [k, mostly(a, junkValue, 8)])), { requiredKeys: [] }),
          optional(fc.tuple(fc.constantFrom('n', 'p', 'm', 'k', 'size', '__proto__'), junkValue), 12),
        ).map(([p, extra]) => (extra ? Object.assign(Object.create(null) as object, p, { [extra[0]]: extra[1] }) : p)),
      }),
    ),
    fc.oneof(fc.record({ kind: fc.constantFrom('ring', ''), params: fc.constant({ n: 10 }) }), junkValue),
  ),
  3,
);

const definitionArb = targetArb.chain((target) => {
  const key = mostly(fc.constantFrom(...ownNames(target)), junkKey, 8);
  const params = fc.dictionary(key, valueArb, { maxKeys: 2 });
  const vary = fc.dictionary(key, mostly(fc.array(valueArb, { minLength: 1, maxLength: 3 }), fc.oneof(fc.constant([]), valueArb), 8), { maxKeys: 2 });
  return fc
    .record(
      {
        id: mostly(fc.constant('fuzz'), fc.constantFrom('Fuzz', '', 'a b', 3), 30),
        question: mostly(fc.constant('Does it run?'), fc.constantFrom('No question', '', 42), 30),
        seed: mostly(fc.constant('s'), fc.constantFrom('', 7, null), 30),
        replicates: sizeNumber(fc.integer({ min: 1, max: 2 })),
        steps: optional(sizeNumber(fc.integer({ min: 0, max: 20 })), target.model !== undefined ? 2 : 30),
        durationHours: optional(mostly(fc.constantFrom(1, 2.5), fc.constantFrom<unknown>(-1, NaN, 1e9)), target.model !== undefined ? 30 : 3),
        sampleEvery: optional(sizeNumber(fc.integer({ min: 0, max: 5 }))),
        base: optional(mostly(params, junkValue)),
        vary: optional(mostly(vary, junkValue)),
        metrics: optional(
          mostly(fc.subarray(METRIC_NAMES, { maxLength: 3 }), fc.oneof(fc.array(fc.oneof(typo(METRIC_NAMES), fc.constantFrom('__proto__', 'nope', 'cascade.size')), { minLength: 1, maxLength: 2 }), junkValue), 4),
        ),
        outcomes: optional(fc.array(fc.constantFrom('believers', 'consensus', 'posts', 'posts.*', 'posts.h3', 'nope'), { maxLength: 2 }), 10),
        network: target.model !== undefined ? networkArb : optional(junkValue, 40),
        untilConverged: optional(mostly(fc.boolean(), junkValue), 10),
        quick: optional(
          mostly(fc.record({ replicates: sizeNumber(fc.integer({ min: 1, max: 2 })), steps: sizeNumber(fc.integer({ min: 0, max: 10 })), base: params, vary }, { requiredKeys: [] }), junkValue),
        ),
        arms: optional(
          mostly(
            fc.dictionary(fc.constantFrom('a', 'b'), fc.record({ description: fc.constant('an arm'), params }), { minKeys: 1, maxKeys: 2 }),
            fc.oneof(fc.dictionary(fc.constantFrom('Bad Name', '__proto__', 'c'), fc.oneof(fc.record({ params }), junkValue), { maxKeys: 2 }), junkValue),
          ),
          6,
        ),
        extra: optional(fc.tuple(fc.constantFrom('__proto__', 'replicate', 'varry', 'metric', 'extra'), valueArb), 40),
      },
      { requiredKeys: ['id', 'question', 'seed', 'replicates'] },
    )
    .map((r) => {
      const def: Record<string, unknown> = { id: r.id, title: 'Fuzz', question: r.question, seed: r.seed, replicates: r.replicates, ...target };
      for (const k of ['steps', 'durationHours', 'sampleEvery', 'base', 'vary', 'metrics', 'outcomes', 'network', 'untilConverged', 'quick', 'arms'] as const) {
        if (r[k] !== undefined) def[k] = r[k];
      }
      if (r.extra) Object.defineProperty(def, r.extra[0], { value: r.extra[1], enumerable: true, configurable: true, writable: true });
      return def;
    });
});

const optionsArb = optional(
  mostly(
    fc.record(
      {
        quick: mostly(fc.boolean(), fc.constantFrom<unknown>('yes', 1)),
        replicates: sizeNumber(fc.integer({ min: 1, max: 2 })),
        set: fc.dictionary(
          mostly(fc.constantFrom(...PARAM_NAMES, ...PLATFORM_NAMES, 'arm', 'steps', 'sampleEvery', 'untilConverged', 'network.n'), junkKey, 4),
          mostly(fc.constantFrom('0.3', '1e-3', '5', '2', '0', 'true', 'false', 'random', 'a', 'b'), fc.oneof(fc.constantFrom('NaN', 'Infinity', '1e400', '', ' ', 'abc', '0x10', '1,2', '-1'), fc.string({ maxLength: 6 })), 4),
          { maxKeys: 2 },
        ),
      },
      { requiredKeys: [] },
    ),
    junkValue,
  ),
  2,
);

describe('resolveExperiment on arbitrary configurations', () => {
  it('resolves (and the first run executes) or throws an InputError naming the field', () => {
    let resolvedCount = 0;
    let rejectedCount = 0;
    fc.assert(
      fc.property(definitionArb, optionsArb, (def, options) => {
        let resolved;
        try {
          resolved = resolveExperiment(def as unknown as ExperimentDefinition, options as ResolveOptions | undefined);
        } catch (e) {
          expect(e, String(e)).toBeInstanceOf(InputError);
          const err = e as InputError;
          expect(typeof err.field, err.message).toBe('string');
          expect((err.field ?? '').length, err.message).toBeGreaterThan(0);
          // Every segment of the field's path is named in the message.
          for (const part of (err.field ?? '').split('.')) expect(err.message, `field ${err.field}`).toContain(part);
          rejectedCount++;
          return;
        }
        resolvedCount++;
        expect(resolved.runs.length).toBeGreaterThan(0);
        const result = executeRun(resolved, resolved.runs[0]);
        for (const c of resolved.finalColumns) expect(Object.prototype.hasOwnProperty.call(result.final, c), c).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Both outcomes must occur, or the property tests one side only.
    expect(resolvedCount).toBeGreaterThan(5);
    expect(rejectedCount).toBeGreaterThan(5);
  });
});
