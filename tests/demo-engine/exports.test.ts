import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledScenario, loadExperiment } from '../../src/runner/load-experiment.js';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import { parseExperimentSpec, specToDefinition } from '../../src/experiment/experiment-spec.js';
import { runSetup } from '../../src/experiment/run-setup.js';
import { scenarioParams } from '../../src/sim/platform/scenario.js';
import { sanitizeConfig, validSeed } from '../../src/viz/engine/demo-config.js';
import { paramSpecs, presetDefinition, presetIds, presetInfo } from '../../src/viz/engine/demo-presets.js';
import type { ParamValue } from '../../src/viz/engine/demo-protocol.js';
import { experimentFileText } from '../../src/viz/engine/experiment-export.js';
import { REPO, removeDir, runCli, tempDir } from '../cli/cli-harness.js';
import { DemoSession } from '../../src/viz/engine/demo-session.js';
import { SERIES_COLUMNS } from '../../src/viz/engine/series-csv.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmpFile = (name: string) => path.resolve(here, '..', `.tmp-${process.pid}-${name}`);

describe('CSV export', () => {
  it('has one row per tick with every metric column, missing values empty', () => {
    const { session } = DemoSession.create({ preset: 'bots-and-poll', arm: null, seed: '2', params: { agents: 200 } });
    session.step(4);
    const lines = session.seriesCsv().trimEnd().split('\n');
    expect(lines[0]).toBe(SERIES_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 5);
    const rows = lines.slice(1).map((l) => l.split(','));
    for (const [k, r] of rows.entries()) {
      expect(r).toHaveLength(SERIES_COLUMNS.length);
      expect(Number(r[0])).toBe(k);
      expect(Number(r[1])).toBeCloseTo((k * 10) / 60, 12);
    }
    // The poll is posted at hour 1: nobody has voted at the start.
    expect(rows[0][SERIES_COLUMNS.indexOf('pollYes')]).toBe('');
    expect(rows[0][SERIES_COLUMNS.indexOf('alertFired')]).toBe('0');
  });
});

describe('experiment spec export', () => {
  it('loads with the command line\'s loader and pins the demo\'s arm, parameters and seed', async () => {
    const { session } = DemoSession.create({ preset: 'majority-illusion', arm: 'random-minority', seed: 'class 3', params: { agents: 300, ranker: 'similarity' } });
    const { fileName, text } = session.experimentFile();
    expect(fileName).toBe('demo-majority-illusion-class-3.json');
    const file = tmpFile(fileName);
    writeFileSync(file, text);
    try {
      const def = await loadExperiment(file);
      expect(def.seed).toBe('class 3');
      const resolved = resolveExperiment(def);
      expect(resolved.kind).toBe('scenario');
      expect(resolved.runs).toHaveLength(1);
      expect(resolved.base).toMatchObject({ arm: 'random-minority', agents: 300, ranker: 'similarity', tickMinutes: 10 });
      const result = executeRun(resolved, resolved.runs[0]);
      expect(result.steps).toBe(24);
      expect(result.final['true-share']).toBeCloseTo(0.2, 1);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('exports a puzzle\'s locked settings too', async () => {
    const { session } = DemoSession.create({ preset: 'x', arm: null, seed: 'x', params: { ranker: 'chronological' } }, 'stop-the-hoax');
    const { fileName, text } = session.experimentFile();
    const file = tmpFile(fileName);
    writeFileSync(file, text);
    try {
      const resolved = resolveExperiment(await loadExperiment(file));
      expect(resolved.base).toMatchObject({ arm: 'with-hubs', ranker: 'chronological', feedSize: 6, agents: 2000 });
      expect(resolved.definition.seed).toBe('puzzle-2');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('property: for any seed and settings a link can carry, the spec loads to exactly the demo\'s settings, as data', async () => {
    const specs = paramSpecs();
    const names = Object.keys(specs);
    const valueFor = (name: string): fc.Arbitrary<ParamValue> => {
      const spec = specs[name];
      if (spec.kind === 'number') return spec.integer ? fc.integer({ min: Math.ceil(spec.min), max: Math.floor(Math.min(spec.max, spec.min + 5000)) }) : fc.double({ min: spec.min, max: spec.max, noNaN: true, noDefaultInfinity: true });
      if (spec.kind === 'choice') return fc.constantFrom(...spec.options);
      return fc.boolean();
    };
    // Seeds: anything a link can hold, with the pieces that close comments, strings and scripts over-represented.
    const nasty = fc.constantFrom('*/', '/*', '*/import(\'fs\').then(f=>f.writeFileSync(\'PWNED\',\'x\'));/*', '`', '${', '"', "'", '\\', '</script>', '\u2028', '<!--', '\ud83d\ude00', ' ');
    const seedArb = fc
      .array(fc.oneof(fc.string({ maxLength: 8, unit: 'binary' }), nasty), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join('').slice(0, 64))
      .filter(validSeed);
    const configArb = fc.record({
      preset: fc.constantFrom(...presetIds()),
      seed: seedArb,
      params: fc.uniqueArray(fc.constantFrom(...names), { maxLength: 3 }).chain((keys) => fc.tuple(...keys.map((k) => valueFor(k).map((v) => [k, v] as const)))),
      armPick: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(configArb, async ({ preset, seed, params, armPick }) => {
        const def = presetDefinition(preset);
        const arms = Object.keys(def.scenario.arms ?? {});
        const arm = arms.length > 0 ? arms[armPick % arms.length] : null;
        const { config } = sanitizeConfig({ preset, arm, seed, params: Object.fromEntries(params) });
        const info = presetInfo(preset, config.arm, config.params);
        const { fileName, text } = experimentFileText(def, info, config, null);
        expect(fileName).toMatch(/^demo-[a-z0-9-]+\.json$/);
        // Data: the text is one JSON document, and loading it looks up the preset's own scenario by id.
        const spec = parseExperimentSpec(text, fileName);
        expect(spec.seed).toBe(config.seed);
        const scenario = await bundledScenario(spec.scenario ?? '');
        expect(scenario).toBe(def.scenario);
        const resolved = resolveExperiment(specToDefinition(spec, scenario, fileName, text), { checkInit: false });
        expect(resolved.definition.seed).toBe(config.seed);
        expect(resolved.runs).toHaveLength(1);
        const setup = runSetup(resolved, resolved.runs[0].params);
        if (setup.kind !== 'scenario') throw new Error('expected a scenario run');
        expect(setup.arm ?? null).toBe(config.arm ?? info.defaultArm);
        const cli = scenarioParams(def.scenario, { arm: setup.arm, overrides: setup.overrides }) as unknown as Record<string, unknown>;
        for (const [k, v] of Object.entries(info.params)) expect([k, cli[k]]).toEqual([k, v]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('a link that carries code', () => {
  const payload = "*/import('fs').then(f=>f.writeFileSync('PWNED','x'));/*";

  it('the exported spec runs on the command line with the payload as its seed, and nothing else runs', async () => {
    const { session } = DemoSession.create({ preset: 'crowdstrike-hoax', arm: null, seed: payload, params: { agents: 300 } });
    const { fileName, text } = session.experimentFile();
    const work = tempDir('echolab-payload-');
    // Saved one folder below the repository, as the export used to tell (its relative imports then resolved and the payload ran).
    const saved = path.join(REPO, `.payload-check-${process.pid}`);
    try {
      mkdirSync(saved, { recursive: true });
      const file = path.join(saved, fileName);
      writeFileSync(file, text);
      const res = await runCli(['run', file, '--out', path.join(work, 'out')], work);
      expect(res.stderr).not.toMatch(/error/i);
      expect(res.code).toBe(0);
      for (const where of [work, REPO, path.join(REPO, 'experiments')]) expect(existsSync(path.join(where, 'PWNED'))).toBe(false);
      const manifest = JSON.parse(readFileSync(path.join(work, 'out', 'manifest.json'), 'utf8')) as { spec: { seed: string; base: Record<string, unknown> } };
      expect(manifest.spec.seed).toBe(payload);
      expect(manifest.spec.base.agents).toBe(300);
      const list = await runCli(['list'], work);
      expect(list.code).toBe(0);
      expect(existsSync(path.join(work, 'PWNED'))).toBe(false);
      expect(existsSync(path.join(REPO, 'PWNED'))).toBe(false);
    } finally {
      removeDir(work);
      removeDir(saved);
    }
  }, 60_000);
});
