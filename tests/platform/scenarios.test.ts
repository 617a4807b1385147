/**
 * Every scenario in experiments/ loads, states its question, runs at its
 * quick size in every arm with finite, documented outcomes; arms of one seed
 * start from the same world (common random numbers); the runner rejects bad
 * input with errors that name the field.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError, ParamError } from '../../src/model/errors.js';
import { FALSE_CLAIM } from '../../src/sim/platform/post-store.js';
import {
  armNames,
  buildScenario,
  defineScenario,
  hourlyVolume,
  outcomeHelpFor,
  runPaired,
  runScenario,
  scenarioSeedKey,
  type Scenario,
  type ScenarioBuild,
} from '../../src/sim/platform/scenario.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../experiments');
// Scenario files only: experiments/ also holds zoo-model experiments (defineExperiment).
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && /\bdefineScenario\b/.test(readFileSync(path.join(dir, f), 'utf8')))
  .sort();

async function load(file: string): Promise<Scenario> {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: Scenario | { scenario: Scenario } };
  // A file may export an experiment built on its scenario (to declare `calibrate` ranges, replicates...).
  return 'scenario' in mod.default ? mod.default.scenario : mod.default;
}

/** Parameters that change how accounts are drawn (so arms setting them share the network only). */
const ACCOUNT_PARAMS = ['botShare', 'initialOpinions', 'tolerance', 'toleranceSpread', 'activityPerHour', 'activityHeterogeneity', 'credulity', 'verifiedShare', 'newShare', 'botStance', 'botActivityPerHour'];

/** The world as built, array by array: follow edges and every account attribute. */
function worldArrays(b: ScenarioBuild): Record<string, number[]> {
  const w = b.platform.world;
  const e = w.graph.toEdgeList();
  const a = w.agents;
  return {
    src: Array.from(e.src),
    dst: Array.from(e.dst),
    opinion: Array.from(a.opinion),
    activity: Array.from(a.activity),
    tolerance: Array.from(a.tolerance),
    credulity: Array.from(a.credulity),
    tier: Array.from(a.tier),
    group: Array.from(a.group),
    bot: Array.from(a.bot),
  };
}

describe('experiments/ holds the scenarios of the issue', () => {
  it('one file per scenario', () => {
    for (const id of ['echo-chambers-by-ranker', 'majority-illusion', 'false-consensus', 'crowdstrike-hoax', 'brand-crisis', 'moderation-off', 'read-caps', 'bots-and-poll']) {
      expect(files).toContain(`${id}.ts`);
    }
  });
});

describe.each(files)('experiments/%s', (file) => {
  it('exports a scenario named after the file, with its question in the header comment and in `question`', async () => {
    const s = await load(file);
    expect(s.id).toBe(file.replace(/\.ts$/, ''));
    for (const text of [s.title, s.question, s.lookFor]) expect(text.trim().length).toBeGreaterThan(10);
    const source = readFileSync(path.join(dir, file), 'utf8');
    expect(source.startsWith('/**')).toBe(true);
    const header = source.slice(0, source.indexOf('*/'));
    expect(header).toMatch(/Question:/);
    expect(s.question.trim().endsWith('?')).toBe(true);
  });

  it('runs every arm at its quick size with finite outcomes, each with a help line', async () => {
    const s = await load(file);
    const arms = armNames(s);
    const runs = arms.length > 0 ? Object.values(runPaired(s, 'smoke', arms, { quick: true })) : [runScenario(s, { seed: 'smoke', quick: true })];
    for (const run of runs) {
      expect(run.platform.now).toBe(run.params.durationHours * 60);
      const keys = Object.keys(run.outcomes);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(Number.isFinite(run.outcomes[key]), `${s.id}/${run.arm}: ${key} = ${run.outcomes[key]}`).toBe(true);
        expect(outcomeHelpFor(s, key)).toBeTruthy();
      }
    }
    // Every arm reports the same outcome names, so arms can be compared column by column.
    for (const run of runs) expect(Object.keys(run.outcomes).sort()).toEqual(Object.keys(runs[0].outcomes).sort());
  });

  it('arms of one seed start from the same network, and the same accounts unless the arm redraws them', async () => {
    const s = await load(file);
    const arms = armNames(s);
    if (arms.length < 2) return;
    const builds = arms.map((arm) => buildScenario(s, { seed: 'pair', arm, quick: true }));
    const base = builds[0].world;
    builds.forEach((b, k) => {
      expect(b.seedKey).toBe(scenarioSeedKey(s, 'pair'));
      expect(b.world.network).toBe(base.network);
      const redraws = Object.keys(s.arms?.[arms[k]]?.params ?? {}).some((p) => ACCOUNT_PARAMS.includes(p)) || Object.keys(s.arms?.[arms[0]]?.params ?? {}).some((p) => ACCOUNT_PARAMS.includes(p));
      if (!redraws) expect(b.world.accounts).toBe(base.accounts);
    });
  });
});

describe('common random numbers', () => {
  it('two arms differing only in the ranker are built identically, array for array, stream for stream', async () => {
    const s = await load('echo-chambers-by-ranker.ts');
    const chrono = buildScenario(s, { seed: 7, arm: 'chronological', quick: true });
    const similar = buildScenario(s, { seed: 7, arm: 'similarity', quick: true });
    expect(chrono.params.ranker).toBe('chronological');
    expect(similar.params.ranker).toBe('similarity');
    expect(worldArrays(similar)).toEqual(worldArrays(chrono));
    for (const name of ['activation', 'feed', 'engage', 'post', 'rewire', 'events'] as const) {
      const a = Array.from({ length: 5 }, () => chrono.platform.world.streams[name].next());
      const b = Array.from({ length: 5 }, () => similar.platform.world.streams[name].next());
      expect(b).toEqual(a);
    }
  });

  it('a different seed builds a different world', async () => {
    const s = await load('echo-chambers-by-ranker.ts');
    const a = buildScenario(s, { seed: 1, quick: true });
    const b = buildScenario(s, { seed: 2, quick: true });
    expect(b.world.network).not.toBe(a.world.network);
    expect(b.world.accounts).not.toBe(a.world.accounts);
  });

  it('muting the hubs leaves the hoax and its author unchanged and silences exactly the two relays', async () => {
    const s = await load('crowdstrike-hoax.ts');
    const runs = runPaired(s, 3, ['with-hubs', 'hubs-muted'], { quick: true });
    const withHubs = runs['with-hubs'].platform;
    const muted = runs['hubs-muted'].platform;
    const inject = (p: typeof withHubs) => p.events.find((e) => e.type === 'inject');
    const relay = (p: typeof withHubs) => p.events.find((e) => e.type === 'reshare');
    // The mute rule draws from the scenario's own stream, so the `events` stream, and with it the author, are shared.
    expect(inject(muted)?.accounts).toEqual(inject(withHubs)?.accounts);
    expect([...runs['hubs-muted'].muted].sort()).toEqual([...(relay(withHubs)?.accounts ?? [])].sort());
    expect(relay(muted)?.accounts).toEqual([]);
    expect(runs['with-hubs'].outcomes['hub-relays']).toBe(2);
    expect(runs['hubs-muted'].outcomes['hub-relays']).toBe(0);
  });

  it('the same seed and arm reproduce the outcomes exactly; another seed does not', async () => {
    const s = await load('crowdstrike-hoax.ts');
    const a = runScenario(s, { seed: 'same', quick: true }).outcomes;
    const b = runScenario(s, { seed: 'same', quick: true }).outcomes;
    const c = runScenario(s, { seed: 'other', quick: true }).outcomes;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe('outcome helpers', () => {
  it('the hourly volume of a topic adds up to the posts on that topic in the post store', async () => {
    const s = await load('moderation-off.ts');
    // The kept-on arm: the other switches on a date (23 Nov 2022, hour 72) that a 30-hour run does not reach.
    const run = runScenario(s, { seed: 5, quick: true, arm: 'kept-on', overrides: { durationHours: 30 } });
    const p = run.platform;
    const hours = hourlyVolume(p, 'claims');
    expect(hours).toHaveLength(30);
    const topic = p.world.topics.indexOf('claims');
    let count = 0;
    let falseCount = 0;
    for (let k = 0; k < p.world.posts.count; k++) {
      if (p.world.posts.topic[k] === topic) count++;
      if (p.world.posts.veracityOf(k) === FALSE_CLAIM) falseCount++;
    }
    expect(hours.reduce((x, y) => x + y, 0)).toBe(count);
    // Claims are injected at hours 1, 5, 9, ...: nothing on the topic in hour 0.
    expect(hours[0]).toBe(0);
    expect(falseCount).toBeGreaterThan(0);
    expect(hourlyVolume(p, 'no-such-topic')).toEqual(new Array(30).fill(0));
  });

  it('a help key ending in * covers the outcomes with that prefix; the longest prefix wins', () => {
    const s = defineScenario({
      id: 'help-test',
      title: 'help',
      question: 'help?',
      lookFor: 'help',
      params: { agents: 50, followsPerAccount: 3, durationHours: 1 },
      outcomes: () => ({ 'volume.h00': 1 }),
      outcomeHelp: { 'volume.*': 'any volume', 'volume.h*': 'hourly', exact: 'exact' },
    });
    expect(outcomeHelpFor(s, 'volume.h07')).toBe('hourly');
    expect(outcomeHelpFor(s, 'volume.total')).toBe('any volume');
    expect(outcomeHelpFor(s, 'exact')).toBe('exact');
    expect(outcomeHelpFor(s, 'other')).toBeUndefined();
  });
});

describe('bad input is rejected with errors naming the field', () => {
  const tiny = {
    id: 'tiny',
    title: 'Tiny',
    question: 'Does it run?',
    lookFor: 'that it runs',
    params: { agents: 60, followsPerAccount: 4, durationHours: 2 },
    arms: { a: { params: { ranker: 'similarity' } }, b: {} },
    outcomes: (): Record<string, number> => ({ views: 1 }),
    outcomeHelp: { views: 'views' },
  };

  it('an unknown override suggests the closest parameter', () => {
    const s = defineScenario(tiny);
    expect(() => runScenario(s, { seed: 1, overrides: { feedSzie: 3 } })).toThrow(/scenario tiny overrides: unknown parameter `feedSzie` \(did you mean `feedSize`\?\)/);
  });

  it('an override outside its range names the field, the value and what is allowed', () => {
    const s = defineScenario(tiny);
    expect(() => runScenario(s, { seed: 1, overrides: { feedSize: -2 } })).toThrow(ParamError);
    expect(() => runScenario(s, { seed: 1, overrides: { feedSize: -2 } })).toThrow(/overrides: invalid `feedSize` \(-2\)/);
    expect(() => runScenario(s, { seed: 1, overrides: { ranker: 'newest' } })).toThrow(/invalid `ranker` \("newest"\): expected one of/);
  });

  it('an unknown arm lists the arms; a seed must be given', () => {
    const s = defineScenario(tiny);
    expect(() => runScenario(s, { seed: 1, arm: 'c' })).toThrow(/invalid `arm` \("c"\): expected one of "a", "b"/);
    expect(() => runScenario(s, { seed: '' })).toThrow(/invalid `seed`/);
    const noArms = defineScenario({ ...tiny, id: 'no-arms', arms: undefined });
    expect(() => runScenario(noArms, { seed: 1, arm: 'a' })).toThrow(/this scenario has none/);
  });

  it('defineScenario checks the id, the parameters, every arm and the timeline', () => {
    expect(() => defineScenario({ ...tiny, id: 'Not Kebab' })).toThrow(/invalid `id`/);
    expect(() => defineScenario({ ...tiny, params: { ...tiny.params, agentz: 5 } as typeof tiny.params })).toThrow(/unknown parameter `agentz` \(did you mean `agents`\?\)/);
    expect(() => defineScenario({ ...tiny, arms: { a: { params: { feedSize: 0 } } } })).toThrow(/scenario tiny, arm a params: invalid `feedSize`/);
    expect(() => defineScenario({ ...tiny, timeline: [{ at: -1, type: 'restore-suspended' }] })).toThrow(/invalid `at`/);
    expect(() => defineScenario({ ...tiny, defaultArm: 'z' })).toThrow(/invalid `defaultArm`/);
    expect(() => defineScenario({ ...tiny, question: ' ' })).toThrow(/invalid `question`/);
  });

  it('an outcome without a help line is an error, not a silent column', () => {
    const s = defineScenario({ ...tiny, id: 'undocumented', outcomes: () => ({ views: 1, mystery: 2 }) });
    expect(() => runScenario(s, { seed: 1 })).toThrow(InputError);
    expect(() => runScenario(s, { seed: 1 })).toThrow(/outcome `mystery` has no line in outcomeHelp/);
  });
});
