/**
 * JSON experiment specs: every bundled experiment written as a spec resolves
 * to the very spec its .ts file does (same spec hash, so the same results
 * folder and numbers); bad specs are refused with the file, the line and
 * the JSON path of the value; arbitrary JSON never gets past the checks
 * with anything but an InputError naming a path; and reading a spec runs no
 * code.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledExperimentFiles, bundledScenario, loadExperiment } from '../../src/runner/load-experiment.js';
import { manifestRuns, resolvedSpec, specHash } from '../../src/runner/manifest.js';
import { resolveExperiment, type ResolveOptions } from '../../src/experiment/define-experiment.js';
import { SPEC_FIELDS, definitionToSpec, jsonPath, parseExperimentSpec, specPathOf, specText, specToDefinition, type ExperimentSpec } from '../../src/experiment/experiment-spec.js';
import type { ExperimentDefinition } from '../../src/experiment/experiment-types.js';
import { InputError } from '../../src/model/errors.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'echolab-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hashOf(def: ExperimentDefinition, options: ResolveOptions): string {
  const resolved = resolveExperiment(def, { ...options, checkInit: false });
  return specHash(resolvedSpec(resolved), manifestRuns(resolved));
}

async function loadText(name: string, text: string): Promise<ExperimentDefinition> {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return loadExperiment(file);
}

/** The InputError a spec text is refused with (fails the test when it loads). */
async function refusal(text: string, name = 'bad.json'): Promise<InputError> {
  try {
    await loadText(name, text);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error(`expected the spec to be refused:\n${text}`);
}

const GOOD: ExperimentSpec = {
  specVersion: 1,
  id: 'spec-test',
  title: 'Spec test',
  question: 'Does a spec load?',
  model: 'deffuant',
  network: { kind: 'erdos-renyi', params: { n: 60, p: 0.1 } },
  base: { mu: 0.5 },
  vary: { epsilon: [0.2, 0.4, 0.6] },
  replicates: 2,
  steps: 30,
  sampleEvery: 5,
  metrics: ['opinion.variance'],
  seed: 'spec',
  quick: { replicates: 1, base: { 'network.n': 30 } },
};

/** GOOD with a change, as two-space JSON text (one field per line, so lines are predictable). */
function variant(change: (s: Record<string, unknown>) => void): string {
  const s = JSON.parse(JSON.stringify(GOOD)) as Record<string, unknown>;
  change(s);
  return JSON.stringify(s, null, 2);
}

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in the text`);
  return i + 1;
}

describe('every bundled experiment as a JSON spec', () => {
  const ids = bundledExperimentFiles().map((f) => path.basename(f, '.ts'));

  it.each(ids)('%s: the spec resolves to the same spec hash as the .ts file, full and quick', async (id) => {
    const def = await loadExperiment(bundledExperimentFiles().find((f) => path.basename(f, '.ts') === id) as string);
    const text = specText(definitionToSpec(def, 'a comment'));
    // A spec is plain JSON: no function survives the conversion.
    expect(text).not.toMatch(/=>|function\b/);
    const fromSpec = await loadText(`${id}.json`, text);
    expect(hashOf(fromSpec, {})).toBe(hashOf(def, {}));
    expect(hashOf(fromSpec, { quick: true })).toBe(hashOf(def, { quick: true }));
    if (def.scenario !== undefined) expect(fromSpec.scenario).toBe(await bundledScenario(def.scenario.id));
  });
});

describe('every field of defineExperiment round-trips through a spec', () => {
  it('a scenario experiment with durationHours, sampling, final metrics, metric options, outcomes, quick and calibrate', async () => {
    const scenario = await bundledScenario('echo-chambers-by-ranker');
    if (!scenario) throw new Error('bundled scenario missing');
    const def: ExperimentDefinition = {
      id: 'every-field-scenario',
      title: 'Every field',
      question: 'Does every field survive the trip?',
      scenario,
      base: { agents: 200, homophily: 0.7 },
      vary: { arm: ['chronological', 'similarity'], tolerance: [0.3, 0.5] },
      replicates: 3,
      durationHours: 6,
      sampleEvery: 2,
      metrics: ['opinion.clusters'],
      finalMetrics: ['network.modularity'],
      metricOptions: { 'opinion.clusters': { gap: 0.05 } },
      outcomes: ['neighbor-leaning', 'unfollows'],
      seed: 'fields',
      quick: { replicates: 1, durationHours: 2, base: { agents: 100 }, vary: { tolerance: [0.4] }, sampleEvery: 1 },
      calibrate: { homophily: [0.5, 0.9] },
    };
    const text = specText(definitionToSpec(def));
    const back = await loadText('every-field-scenario.json', text);
    expect({ ...back, scenario: back.scenario?.id }).toEqual({ ...def, scenario: 'echo-chambers-by-ranker' });
    expect(back.scenario).toBe(scenario);
    expect(hashOf(back, {})).toBe(hashOf(def, {}));
    expect(hashOf(back, { quick: true })).toBe(hashOf(def, { quick: true }));
  });

  it('a zoo experiment with arms, a network, untilConverged and steps', async () => {
    const def: ExperimentDefinition = {
      id: 'every-field-model',
      title: 'Every field, model',
      question: 'Do arms and networks survive the trip?',
      model: 'deffuant',
      network: { kind: 'watts-strogatz', params: { n: 80, k: 4, beta: 0.1 } },
      arms: { narrow: { description: 'small epsilon', params: { epsilon: 0.2 } }, wide: { params: { epsilon: 0.6 } } },
      base: { mu: 0.3 },
      vary: { 'network.beta': [0.05, 0.2] },
      replicates: 2,
      steps: 40,
      untilConverged: false,
      sampleEvery: 10,
      metrics: ['opinion.variance', 'opinion.clusters'],
      metricOptions: { 'opinion.clusters': { gap: 0.02 } },
      outcomes: ['consensus'],
      seed: 'fields',
      quick: { steps: 10 },
      calibrate: { mu: [0.1, 0.5] },
    };
    const back = await loadText('every-field-model.json', specText(definitionToSpec(def)));
    expect(back).toEqual(def);
    expect(hashOf(back, {})).toBe(hashOf(def, {}));
    expect(hashOf(back, { quick: true })).toBe(hashOf(def, { quick: true }));
  });
});

describe('errors name the file, the line and the JSON path', () => {
  it('a wrong type deep inside a sweep: the element\'s path and line', async () => {
    const text = variant((s) => {
      s.vary = { epsilon: [0.2, 'wide', 0.6] };
    });
    const e = await refusal(text);
    expect(e.field).toBe('$.vary.epsilon[1]');
    expect(e.message).toContain('bad.json:');
    expect(e.line).toBe(lineOf(text, '"wide"'));
    expect(e.message).toMatch(/\$\.vary\.epsilon\[1\]: .*invalid `epsilon` \("wide"\): expected a number/);
  });

  it('a value of the wrong type for its parameter: the parameter\'s path and line', async () => {
    const text = variant((s) => {
      s.vary = { epsilon: [0.2, '0.4'] };
    });
    const e = await refusal(text);
    expect(e.field).toBe('$.vary.epsilon[1]');
    expect(e.line).toBe(lineOf(text, '"0.4"'));
    expect(e.message).toContain('("0.4"): expected a number');
  });

  it('a model parameter out of range in base', async () => {
    const text = variant((s) => {
      s.base = { mu: 5 };
    });
    const e = await refusal(text);
    expect(e.field).toBe('$.base.mu');
    expect(e.line).toBe(lineOf(text, '"mu"'));
    expect(e.message).toMatch(/invalid `mu` \(5\): expected a number in \(0, 0\.5\]/);
  });

  it('a network parameter out of range, and one in quick.base named with a dot', async () => {
    const a = variant((s) => {
      s.network = { kind: 'erdos-renyi', params: { n: -3, p: 0.1 } };
    });
    const ea = await refusal(a);
    expect(ea.field).toBe('$.network.params.n');
    expect(ea.line).toBe(lineOf(a, '"n": -3'));
    const b = variant((s) => {
      s.quick = { replicates: 1, base: { 'network.n': 1 } };
    });
    const eb = await refusal(b);
    expect(eb.field).toBe('$.quick.base["network.n"]');
    expect(eb.line).toBe(lineOf(b, '"network.n"'));
  });

  it('unknown fields and parameters get the closest known name', async () => {
    const a = await refusal(variant((s) => {
      s.replicate = 3;
    }));
    expect(a.field).toBe('$.replicate');
    expect(a.message).toContain('did you mean "replicates"?');
    const b = await refusal(variant((s) => {
      s.vary = { epsilom: [0.2] };
    }));
    expect(b.field).toBe('$.vary.epsilom');
    expect(b.message).toContain('did you mean `epsilon`?');
    const c = await refusal(variant((s) => {
      s.quick = { replicate: 1 };
    }));
    expect(c.field).toBe('$.quick.replicate');
  });

  it('JSON syntax: line and column, trailing commas, comments, duplicate keys, empty file', async () => {
    const trailing = JSON.stringify(GOOD, null, 2).replace(/\n}$/, ',\n}');
    const t = await refusal(trailing);
    expect(t.message).toMatch(/JSON allows no trailing comma/);
    expect(t.line).toBe(trailing.split('\n').length);
    const comment = JSON.stringify(GOOD, null, 2).replace('"seed": "spec"', '"seed": "spec" // mine');
    expect((await refusal(comment)).message).toMatch(/comments are not allowed in JSON \(use "\$comment"\)/);
    const dup = JSON.stringify(GOOD, null, 2).replace('"steps": 30,', '"steps": 30,\n  "steps": 3,');
    const d = await refusal(dup);
    expect(d.message).toMatch(/\$\.steps: the key "steps" appears twice/);
    expect(d.line).toBe(lineOf(dup, '"steps": 3,'));
    expect((await refusal('')).message).toMatch(/the spec is empty/);
    expect((await refusal('[1, 2]')).message).toMatch(/\$: invalid value \[1,2\]: expected a JSON object/);
    expect((await refusal('{"id": "a",\n"title": }')).line).toBe(2);
  });

  it('model and scenario: exactly one, and a scenario only by bundled id', async () => {
    expect((await refusal(variant((s) => {
      delete s.model;
    }))).message).toMatch(/missing: "model" .* or "scenario"/);
    expect((await refusal(variant((s) => {
      s.scenario = 'crowdstrike-hoax';
    }))).message).toMatch(/either "model" or "scenario", not both/);
    for (const bad of ['../experiments/crowdstrike-hoax', './evil.ts', 'node:fs', 'crowdstrike-hoaxx', 'deffuant-threshold']) {
      const e = await refusal(JSON.stringify({ ...GOOD, model: undefined, network: undefined, base: undefined, vary: undefined, steps: undefined, quick: undefined, metrics: undefined, scenario: bad }));
      expect(e.field).toBe('$.scenario');
      expect(e.message).toMatch(/a spec names a bundled scenario by id, one of .*crowdstrike-hoax/);
    }
  });

  it('a newer spec version is refused with what this echolab reads', async () => {
    const e = await refusal(variant((s) => {
      s.specVersion = 2;
    }));
    expect(e.field).toBe('$.specVersion');
    expect(e.message).toMatch(/reads spec version 1/);
  });

  it('keys that name prototypes are plain unknown names, and pollute nothing', async () => {
    const text = JSON.stringify(GOOD).replace('"base":{', '"base":{"__proto__":{"polluted":1},"constructor":2,');
    const e = await refusal(text);
    expect(e.field).toMatch(/^\$\.base\.(__proto__|constructor)$/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('specPathOf', () => {
  it('walks dotted fields through keys that hold dots', () => {
    const spec = { ...GOOD, metricOptions: { 'opinion.clusters': { gap: 0.1 } }, arms: { low: { params: { mu: 0.1 } } } } as ExperimentSpec;
    expect(jsonPath(specPathOf(spec, 'metricOptions.opinion.clusters'))).toBe('$.metricOptions["opinion.clusters"]');
    expect(jsonPath(specPathOf(spec, 'network.params.n'))).toBe('$.network.params.n');
    expect(jsonPath(specPathOf(spec, 'mu'))).toBe('$.base.mu');
    expect(jsonPath(specPathOf(spec, 'network.n'))).toBe('$.quick.base["network.n"]');
    expect(jsonPath(specPathOf(spec, 'arms.low.params.mu'))).toBe('$.arms.low.params.mu');
    expect(jsonPath(specPathOf(spec, 'nothing.here'))).toBe('$');
  });
});

describe('fuzz: arbitrary specs', () => {
  const known = ['id', 'title', 'question', 'model', 'scenario', 'network', 'arms', 'base', 'vary', 'replicates', 'steps', 'untilConverged', 'durationHours', 'sampleEvery', 'metrics', 'finalMetrics', 'metricOptions', 'outcomes', 'seed', 'quick', 'calibrate', 'specVersion'];
  // Mutations of a valid spec: a field replaced by arbitrary JSON, dropped, or a key added.
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom(...known), value: fc.jsonValue({ maxDepth: 3 }) }),
    fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...known), value: fc.constant(null) }),
    fc.record({ kind: fc.constant('deep' as const), key: fc.constantFrom('base', 'vary', 'network', 'quick', 'arms', 'metricOptions', 'calibrate'), value: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) }),
  );

  it('a mutated spec either loads and resolves, or is refused with an InputError naming a JSON path (never another error)', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const s = JSON.parse(JSON.stringify(GOOD)) as Record<string, unknown>;
        for (const m of mutations) {
          if (m.kind === 'drop') delete s[m.key];
          else s[m.key] = m.value;
        }
        const text = JSON.stringify(s, null, 2);
        try {
          const spec = parseExperimentSpec(text, 'fuzz.json');
          specToDefinition(spec, undefined, 'fuzz.json', text);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          expect(err.message.startsWith('fuzz.json')).toBe(true);
          expect(err.message).toMatch(/\$|not valid JSON|the spec is empty/);
          expect(err.stack === undefined || !err.message.includes('\n    at ')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary text either parses as a spec or is refused with an InputError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? '')), (text) => {
        try {
          parseExperimentSpec(text, 'fuzz.json');
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('reading a spec runs no code', () => {
  it('strings that would be code in a module stay data: the spec loads them as values and nothing is written', async () => {
    const marker = path.join(dir, 'PWNED');
    const payloads = [
      `*/import('fs').then(f=>f.writeFileSync(${JSON.stringify(marker)},'x'));/*`,
      `'); require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); ('`,
      '${process.exit(9)}',
      '</script><script>alert(1)</script>',
      '\u2028\u2029"\\',
    ];
    for (const seed of payloads) {
      const def = await loadText('payload.json', JSON.stringify({ ...GOOD, seed, title: seed, question: `${seed}?` }));
      expect(def.seed).toBe(seed);
      expect(def.title).toBe(seed);
      resolveExperiment(def, { checkInit: false });
    }
    expect(existsSync(marker)).toBe(false);
  });

});

describe('the JSON Schema for editors (schema/experiment-spec.schema.json)', () => {
  const schema = JSON.parse(readFileSync(new URL('../../schema/experiment-spec.schema.json', import.meta.url), 'utf8')) as { properties: Record<string, { properties?: Record<string, unknown> }> };
  const validate = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true }).compile(schema);

  it('names exactly the fields echolab reads, at the top and in quick', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...SPEC_FIELDS].sort());
    expect(Object.keys(schema.properties.quick.properties ?? {}).sort()).toEqual(['base', 'durationHours', 'replicates', 'sampleEvery', 'steps', 'vary']);
  });

  it('accepts every bundled experiment as a spec', async () => {
    for (const file of bundledExperimentFiles()) {
      const spec = JSON.parse(specText(definitionToSpec(await loadExperiment(file), 'c'))) as unknown;
      expect(validate(spec), `${path.basename(file)}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('never rejects a spec echolab accepts (editors must not flag good files), and rejects what is plainly wrong', () => {
    const mutation = fc.record({
      key: fc.constantFrom('replicates', 'steps', 'sampleEvery', 'untilConverged', 'metrics', 'base', 'vary', 'quick', 'seed', 'title', 'calibrate', 'metricOptions', 'outcomes'),
      value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 0, max: 50 }), fc.constantFrom<unknown>({ mu: 0.3 }, { epsilon: [0.2, 0.3] }, ['opinion.variance'], { replicates: 1 }, { mu: [0.1, 0.4] }, { 'opinion.clusters': { gap: 0.1 } })),
    });
    let accepted = 0;
    fc.assert(
      fc.property(mutation, ({ key, value }) => {
        const s = { ...(JSON.parse(JSON.stringify(GOOD)) as Record<string, unknown>), [key]: value };
        const text = JSON.stringify(s);
        let ok = true;
        try {
          specToDefinition(parseExperimentSpec(text, 'm.json'), undefined, 'm.json', text);
        } catch {
          ok = false;
        }
        if (ok) {
          accepted++;
          expect(validate(JSON.parse(text)), `${text}\n${JSON.stringify(validate.errors)}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(20);
    expect(validate({ ...GOOD, replicate: 3 })).toBe(false);
    expect(validate({ ...GOOD, vary: { epsilon: 0.3 } })).toBe(false);
    expect(validate({ ...GOOD, scenario: 'crowdstrike-hoax' })).toBe(false);
  });
});
