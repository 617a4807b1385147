/**
 * resolveExperiment: grid expansion in declaration order with stable,
 * directory-safe names; seed keys that depend on the experiment, the seed,
 * the swept values and the replicate only (not on run order, value order or
 * the other values of the grid); --quick, --replicates and --set; errors
 * that name the field and suggest the closest name; toExperiment and
 * shardRuns.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineExperiment, parseSetValue, resolveExperiment, toExperiment } from '../../src/experiment/define-experiment.js';
import type { ExperimentDefinition } from '../../src/experiment/experiment-types.js';
import { encodeNamePart, runName } from '../../src/experiment/run-names.js';
import { shardRuns } from '../../src/experiment/shard.js';
import { InputError, ParamError } from '../../src/model/errors.js';
import { defineScenario } from '../../src/sim/platform/scenario.js';

const base: ExperimentDefinition = {
  id: 'exp',
  title: 'Test',
  question: 'Does it expand?',
  model: 'deffuant',
  vary: { epsilon: [0.2, 0.4], mu: [0.5, 0.3] },
  replicates: 2,
  steps: 5,
  seed: 's',
};

/** Error thrown by `fn` (fails the test when nothing is thrown). */
function thrown(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an error');
}

const scenario = defineScenario({
  id: 'tiny',
  title: 'Tiny',
  question: 'Does a tiny platform run?',
  lookFor: 'nothing',
  params: { agents: 60, followsPerAccount: 5, durationHours: 4 },
  quick: { durationHours: 2 },
  arms: { plain: {}, shuffled: { params: { ranker: 'random' } } },
  outcomes: (p) => ({ posts: p.totals.posts }),
  outcomeHelp: { posts: 'Posts made.' },
});

describe('grid expansion', () => {
  it('expands vary as nested loops in declaration order (first key slowest), then replicates, with stable names', () => {
    const r = resolveExperiment(base);
    expect(r.runs.map((x) => x.name)).toEqual([
      'epsilon=0.2,mu=0.5__r0',
      'epsilon=0.2,mu=0.5__r1',
      'epsilon=0.2,mu=0.3__r0',
      'epsilon=0.2,mu=0.3__r1',
      'epsilon=0.4,mu=0.5__r0',
      'epsilon=0.4,mu=0.5__r1',
      'epsilon=0.4,mu=0.3__r0',
      'epsilon=0.4,mu=0.3__r1',
    ]);
    expect(r.runs.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.runs[2].params).toEqual({ epsilon: 0.2, mu: 0.3 });
    expect(r.runs[2].replicate).toBe(0);
    expect(resolveExperiment(base).runs).toEqual(r.runs);
  });

  it('names a run without sweeps by its replicate', () => {
    const r = resolveExperiment({ ...base, vary: undefined, replicates: 3 });
    expect(r.runs.map((x) => x.name)).toEqual(['r0', 'r1', 'r2']);
  });

  it('keys are seedKey(id, seed, params, replicate) and seedKey(id, seed, "replicate", replicate)', () => {
    const run = resolveExperiment(base).runs[3];
    // canonicalJson sorts keys; parts are joined by "|" (model/rng.ts).
    expect(run.seedKey).toBe('exp|s|{"epsilon":0.2,"mu":0.3}|1');
    expect(run.crnKey).toBe('exp|s|replicate|1');
  });

  it('keys do not depend on run order, on the order of values or keys, or on the other values swept', () => {
    const keysOf = (def: ExperimentDefinition) =>
      new Map(resolveExperiment(def).runs.map((r) => [`${JSON.stringify(Object.entries(r.params).sort())}|${r.replicate}`, [r.seedKey, r.crnKey]]));
    const reference = keysOf(base);
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.constantFrom(0.1, 0.3, 0.45), (swapKeys, reverseEps, reverseMu, extra) => {
        const eps = [...(base.vary?.epsilon ?? [])];
        const mu = [...(base.vary?.mu ?? [])];
        if (reverseEps) eps.reverse();
        if (reverseMu) mu.reverse();
        eps.push(extra);
        const vary = swapKeys ? { mu, epsilon: eps } : { epsilon: eps, mu };
        const keys = keysOf({ ...base, vary });
        for (const [k, v] of reference) expect(keys.get(k)).toEqual(v);
      }),
      { numRuns: 20 },
    );
  });

  it('different experiments, seeds or replicates give different keys', () => {
    const a = resolveExperiment(base).runs[0];
    expect(resolveExperiment({ ...base, seed: 't' }).runs[0].crnKey).not.toBe(a.crnKey);
    expect(resolveExperiment({ ...base, id: 'other' }).runs[0].crnKey).not.toBe(a.crnKey);
    expect(resolveExperiment(base).runs[1].crnKey).not.toBe(a.crnKey);
    // The arms of one replicate share the crnKey but not the seedKey.
    const b = resolveExperiment(base).runs[2];
    expect(b.crnKey).toBe(a.crnKey);
    expect(b.seedKey).not.toBe(a.seedKey);
  });
});

describe('run names are directory-safe and one-to-one', () => {
  it('percent-encodes separators and unsafe characters', () => {
    expect(runName({ arm: 'a/b c', x: 1e-7 }, ['arm', 'x'], 4)).toBe('arm=a%2Fb%20c,x=1e-7__r4');
    expect(encodeNamePart('é,=')).toBe('%C3%A9%2C%3D');
    expect(runName({ v: -0 }, ['v'], 0)).toBe('v=0__r0');
  });

  it('any values give a safe name, and distinct values distinct names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), fc.nat(99), (a, b, r) => {
        const na = runName({ k: a }, ['k'], r);
        expect(na).toMatch(/^[A-Za-z0-9._+%=,-]+__r\d+$/);
        if (a !== b) expect(runName({ k: b }, ['k'], r)).not.toBe(na);
      }),
    );
  });
});

describe('options', () => {
  it('--quick takes the quick size key by key; --replicates wins over both', () => {
    const def: ExperimentDefinition = { ...base, base: { tolerance: 1e-6 }, quick: { replicates: 1, steps: 3, vary: { epsilon: [0.3] }, base: { mu: 0.25 } } };
    const q = resolveExperiment(def, { quick: true });
    expect(q.replicates).toBe(1);
    expect(q.steps).toBe(3);
    expect(q.vary).toEqual({ epsilon: [0.3] });
    expect(q.base).toEqual({ tolerance: 1e-6, mu: 0.25 });
    expect(q.runs.map((r) => r.name)).toEqual(['epsilon=0.3__r0']);
    expect(resolveExperiment(def, { quick: true, replicates: 4 }).replicates).toBe(4);
    expect(resolveExperiment(def).replicates).toBe(2);
  });

  it('--set parses by the parameter type and pins a swept key', () => {
    const r = resolveExperiment(base, { set: { mu: '0.25', steps: '7' } });
    expect(r.base).toEqual({ mu: 0.25 });
    expect(r.vary).toEqual({ epsilon: [0.2, 0.4] });
    expect(r.steps).toBe(7);
    expect(r.runs.map((x) => x.name)).toEqual(['epsilon=0.2__r0', 'epsilon=0.2__r1', 'epsilon=0.4__r0', 'epsilon=0.4__r1']);
    expect(parseSetValue('x', '1e-3', 'number')).toBe(0.001);
    expect(parseSetValue('x', 'Infinity', 'number')).toBe(Infinity);
    expect(parseSetValue('x', 'false', 'boolean')).toBe(false);
    expect(parseSetValue('x', ' random ', 'string')).toBe('random');
    const cv = resolveExperiment({ ...base, model: 'coevolving-voter', vary: undefined }, { set: { rewireTo: 'random', p: '0.3' } });
    expect(cv.base).toEqual({ rewireTo: 'random', p: 0.3 });
  });

  it('--set rejects text that is not of the parameter type, and unknown keys with a suggestion', () => {
    for (const bad of ['abc', '', '0x10', '1,2', 'NaN']) {
      const e = thrown(() => resolveExperiment(base, { set: { mu: bad } }));
      expect(e).toBeInstanceOf(ParamError);
      expect(e.field).toBe('mu');
    }
    const e = thrown(() => resolveExperiment(base, { set: { epsilom: '0.3' } }));
    expect(e.field).toBe('epsilom');
    expect(e.message).toContain('did you mean `epsilon`');
    expect(thrown(() => resolveExperiment(base, { set: { mu: '0.9' } })).field).toBe('mu');
  });
});

describe('validation names the field before any run', () => {
  it('unknown parameter: closest name and the list of known ones', () => {
    const e = thrown(() => resolveExperiment({ ...base, vary: { epsilonn: [0.2] } }));
    expect(e.field).toBe('epsilonn');
    expect(e.message).toContain('did you mean `epsilon`');
    expect(e.message).toContain('known: epsilon, mu');
  });

  it('`__proto__` and other own keys that are not parameters', () => {
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const baseParams = JSON.parse(`{"${key}": 1}`) as Record<string, number>;
      expect(Object.keys(baseParams)).toEqual([key]);
      const e = thrown(() => resolveExperiment({ ...base, base: baseParams }));
      expect(e.field).toBe(key);
      expect(e.message).toContain('unknown parameter');
    }
  });

  it('values out of range, with where they came from', () => {
    const e = thrown(() => resolveExperiment({ ...base, vary: { epsilon: [0.2, 2] } }));
    expect(e.field).toBe('epsilon');
    expect(e.message).toContain('epsilon=2');
    expect(e.message).toContain('from vary');
    expect(e.message).toContain('expected a number in (0, 1]');
    expect(thrown(() => resolveExperiment({ ...base, base: { mu: 'half' } as never })).field).toBe('mu');
    expect(thrown(() => resolveExperiment({ ...base, replicates: 0 })).field).toBe('replicates');
    expect(thrown(() => resolveExperiment({ ...base, steps: 1.5 })).field).toBe('steps');
    expect(thrown(() => resolveExperiment({ ...base, replicates: 1e9 })).field).toBe('replicates');
  });

  it('empty and duplicated sweeps', () => {
    expect(thrown(() => resolveExperiment({ ...base, vary: { epsilon: [] } })).field).toBe('vary.epsilon');
    expect(thrown(() => resolveExperiment({ ...base, vary: { epsilon: [0.2, 0.2] } })).field).toBe('vary.epsilon');
    expect(thrown(() => resolveExperiment({ ...base, vary: { epsilon: 0.2 } as never })).field).toBe('vary.epsilon');
  });

  it('unknown and unsuitable metrics', () => {
    const e = thrown(() => resolveExperiment({ ...base, metrics: ['opinion.varience'] }));
    expect(e.field).toBe('metrics');
    expect(e.message).toContain('did you mean `opinion.variance`');
    expect(thrown(() => resolveExperiment({ ...base, metrics: ['cascade.size'] })).message).toContain('cascade rows');
    expect(thrown(() => resolveExperiment({ ...base, metrics: ['opinion.mean', 'opinion.mean'] })).field).toBe('metrics');
  });

  it('unknown definition fields, models and outcomes', () => {
    const e = thrown(() => defineExperiment({ ...base, replicate: 3 } as never));
    expect(e.field).toBe('replicate');
    expect(e.message).toContain('did you mean `replicates`');
    const m = thrown(() => resolveExperiment({ ...base, model: 'defuant' }));
    expect(m.field).toBe('model');
    expect(m.message).toContain('did you mean `deffuant`');
    expect(thrown(() => resolveExperiment({ ...base, outcomes: ['concensus'] })).message).toContain('did you mean `consensus`');
  });

  it('an exposure metric on a zoo model is refused before a run (zoo views record no exposures)', () => {
    const e = thrown(() => resolveExperiment({ ...base, metrics: ['exposure.cross-cutting'] }));
    expect(e).toBeInstanceOf(ParamError);
    expect(e.field).toBe('metrics');
    expect(e.message).toContain('exposure metrics need a platform scenario');
  });

  it('network parameters: unknown, missing, out of range', () => {
    const net = { kind: 'erdos-renyi', params: { n: 50, p: 0.1 } } as const;
    expect(thrown(() => resolveExperiment({ ...base, network: { ...net, params: { n: 50, q: 0.1 } } })).field).toBe('network.params.q');
    expect(thrown(() => resolveExperiment({ ...base, network: { kind: 'erdos-renyi', params: { p: 0.1 } } })).field).toBe('network.n');
    expect(thrown(() => resolveExperiment({ ...base, network: net, vary: { 'network.n': [1] } })).field).toBe('network.n');
    expect(thrown(() => resolveExperiment({ ...base, network: { kind: 'ring' as never, params: {} } })).field).toBe('network.kind');
    // The generator's own rule (an even k) is caught when the first network is built, before any run.
    expect(thrown(() => resolveExperiment({ ...base, network: { kind: 'watts-strogatz', params: { n: 20, k: 3, beta: 0 } } })).field).toBe('network.k');
    // `network.*` keys need a network spec.
    expect(thrown(() => resolveExperiment({ ...base, base: { 'network.n': 10 } })).field).toBe('network.n');
  });

  it('parameters that only fail against the network are caught by a trial initialisation', () => {
    const e = thrown(() => resolveExperiment({ ...base, model: 'hoax-fact-checking', vary: { believerCount: [10, 600] } }));
    expect(e.field).toBe('believerCount');
    expect(e.message).toContain('believerCount=600');
    expect(e.message).toContain('500 nodes');
  });

  it('a key both fixed and swept is ambiguous', () => {
    expect(thrown(() => resolveExperiment({ ...base, base: { mu: 0.2 } })).field).toBe('mu');
  });
});

describe('arms', () => {
  const armed: ExperimentDefinition = {
    ...base,
    vary: { epsilon: [0.3] },
    arms: { slow: { params: { mu: 0.1 } }, fast: { params: { mu: 0.5 } } },
  };

  it('are swept first as `arm`, all of them unless named', () => {
    const r = resolveExperiment(armed);
    expect(r.vary).toEqual({ arm: ['slow', 'fast'], epsilon: [0.3] });
    expect(r.runs.map((x) => x.name)).toEqual(['arm=slow,epsilon=0.3__r0', 'arm=slow,epsilon=0.3__r1', 'arm=fast,epsilon=0.3__r0', 'arm=fast,epsilon=0.3__r1']);
    expect(resolveExperiment(armed, { set: { arm: 'fast' } }).runs.map((x) => x.name)).toEqual(['epsilon=0.3__r0', 'epsilon=0.3__r1']);
    const e = thrown(() => resolveExperiment(armed, { set: { arm: 'fats' } }));
    expect(e.field).toBe('arm');
    expect(e.message).toContain('did you mean "fast"');
  });

  it('arm parameters are validated by the model', () => {
    const e = thrown(() => resolveExperiment({ ...armed, arms: { bad: { params: { mu: 3 } } } }));
    expect(e.field).toBe('mu');
    expect(e.message).toContain('from arm bad');
    expect(thrown(() => resolveExperiment({ ...armed, arms: { ok: { params: { muu: 0.1 } } } })).field).toBe('muu');
  });
});

describe('scenarios', () => {
  it('toExperiment turns a scenario into an experiment over its arms', () => {
    const def = toExperiment(scenario, 'tiny.ts');
    expect(def.replicates).toBe(10);
    expect(def.quick?.replicates).toBe(2);
    const r = resolveExperiment(def, { quick: true });
    expect(r.kind).toBe('scenario');
    expect(r.vary).toEqual({ arm: ['plain', 'shuffled'] });
    expect(r.runs.map((x) => x.name)).toEqual(['arm=plain__r0', 'arm=plain__r1', 'arm=shuffled__r0', 'arm=shuffled__r1']);
    expect(r.durationHours).toBe(2);
    expect(r.finalColumns).toEqual(['opinion.mean', 'opinion.variance', 'network.neighbor-leaning-correlation', 'network.opinion-assortativity', 'network.modularity', 'network.ei-index', 'network.majority-illusion', 'posts', 'hours']);
  });

  it('platform parameters go through the platform schema', () => {
    const def = toExperiment(scenario, 'tiny.ts');
    expect(resolveExperiment(def, { set: { ranker: 'similarity', influence: '0.1' } }).base).toEqual({ ranker: 'similarity', influence: 0.1 });
    const e = thrown(() => resolveExperiment(def, { set: { ranker: 'best' } }));
    expect(e.field).toBe('ranker');
    expect(e.message).toContain('"chronological"');
    expect(thrown(() => resolveExperiment(def, { set: { raner: 'random' } })).message).toContain('did you mean `ranker`');
    expect(thrown(() => resolveExperiment({ ...def, vary: { followsPerAccount: [5, 80] } })).field).toBe('followsPerAccount');
    expect(thrown(() => resolveExperiment({ ...def, steps: 10 })).field).toBe('steps');
  });

  it('anything else is an InputError naming the file', () => {
    for (const bad of [undefined, 42, { id: 'x' }, () => 1]) {
      const e = thrown(() => toExperiment(bad, 'experiments/bad.ts'));
      expect(e.file).toBe('experiments/bad.ts');
      expect(e.message.startsWith('experiments/bad.ts: ')).toBe(true);
    }
    const e = thrown(() => toExperiment({ ...base, replicates: -1 }, 'experiments/exp.ts'));
    expect(e.file).toBe('experiments/exp.ts');
    expect(e.field).toBe('replicates');
  });
});

describe('shardRuns', () => {
  it('n shards partition the runs by index modulo n', () => {
    const runs = resolveExperiment({ ...base, replicates: 5 }).runs;
    for (const count of [1, 2, 3, 7, 40]) {
      const shards = Array.from({ length: count }, (_, index) => shardRuns(runs, { index, count }));
      shards.forEach((s, i) => s.forEach((r) => expect(r.index % count).toBe(i)));
      expect(shards.flat().map((r) => r.index).sort((a, b) => a - b)).toEqual(runs.map((r) => r.index));
    }
  });

  it('rejects a shard outside [0, count)', () => {
    expect(() => shardRuns([], { index: 2, count: 2 })).toThrow(ParamError);
    expect(() => shardRuns([], { index: 0, count: 0 })).toThrow(ParamError);
    expect(() => shardRuns([], { index: 0.5, count: 2 })).toThrow(ParamError);
  });
});
