/**
 * Scenarios: a platform preset that asks one question. A scenario fixes
 * parameters and a timeline of events, names its arms (variants compared
 * against each other), and says which numbers answer the question
 * (`outcomes`, each with a line of help).
 *
 * Pairing (common random numbers): a run's seed key is
 * `scenario:<id>|seed:<seed>` whatever the arm or the overrides, so every
 * arm of one seed builds its follow network, accounts and every stream from
 * the same key. Arms that do not change how the world is built (a ranker, a
 * moderation delay, a muted account) start from identical worlds and differ
 * only in the rule under test; their difference is paired. Streams are
 * consumed in order, so once the arms act differently their later draws
 * drift apart: the pairing is exact at the start and tight early on.
 *
 * Pure: no I/O, no clock. The experiments CLI imports it.
 */
import type { OutcomeKind } from '../../report/outcome-kind.js';
import { InputError, ParamError, closest } from '../../model/errors.js';
import { fingerprint } from '../../model/fingerprint.js';
import { Rng } from '../../model/rng.js';
import { TIER_NAMES } from './agents.js';
import { MONITORS, type MonitorName } from './observers.js';
import { LIST_PARAMS, PLATFORM_SCHEMA, validatePlatformParams, type PlatformParams } from './platform-params.js';
import { defineRanker, type CustomRankerSpec } from './custom-ranker.js';
import { createPlatform, type Platform } from './platform.js';
import { PUPPET_POLICIES, validatePuppets, type PuppetSpec } from './puppets.js';
import type { Ranker } from './rankers.js';
import { chooseAccounts, namesUsed, validateAccountRule, validateTimeline, type AccountRule, type TimelineEvent } from './timeline.js';
import type { World } from './world.js';

/** A variant of a scenario: parameters over the scenario's, extra events, accounts muted from the start. */
export interface ScenarioArm {
  readonly description?: string;
  readonly params?: Partial<PlatformParams>;
  /** Events added to the scenario's timeline (merged by time). */
  readonly timeline?: readonly TimelineEvent[];
  /** Accounts muted before the run starts (they are shown but never post or reshare). */
  readonly mute?: AccountRule;
  /**
   * A ranker from outside in place of the one `ranker` names: a user-defined
   * one (`{ name, description, score }`, checked by defineRanker) or a Ranker
   * (e.g. src/io/http-ranker.ts's, from Node).
   */
  readonly ranker?: CustomRankerSpec | Ranker;
}

/** A sock puppet of a scenario: the account is one of its named `accounts` (puppets.ts). */
export type ScenarioPuppet = Omit<PuppetSpec, 'account'>;

/** What a scenario's hooks are told about the run. */
export interface ScenarioContext {
  readonly scenario: string;
  readonly seed: string;
  /** The key every stream of the run is forked from (shared by all arms). */
  readonly seedKey: string;
  readonly arm: string | null;
  /** A stream for the scenario's own draws, the same in every arm. */
  readonly rng: Rng;
  /** Accounts muted by the arm's `mute` rule. */
  readonly muted: readonly number[];
}

export interface ScenarioDefinition<Probe = unknown> {
  /** kebab-case, the file name in experiments/. */
  readonly id: string;
  readonly title: string;
  /** The question the scenario answers. */
  readonly question: string;
  /** What to look for in its outcomes. */
  readonly lookFor: string;
  /** Parameters over the platform defaults (the default size runs in seconds). */
  readonly params: Partial<PlatformParams>;
  /** Parameters over `params` for a smoke run (smaller, shorter). */
  readonly quick?: Partial<PlatformParams>;
  /** Topic names registered before the run (injected posts add theirs anyway). */
  readonly topics?: readonly string[];
  readonly timeline?: readonly TimelineEvent[];
  /**
   * Accounts fixed once when the run is set up, by name (e.g. `{ brand:
   * { pick: 'most-followed' } }`): each rule picks one account, in the
   * order given, among those not named before it, with the scenario's own
   * stream (the same in every arm), before the arm's `mute` and `prepare`.
   * Events refer to them as `{ name: 'brand' }`; `prepare`, `series` and
   * `outcomes` read them from `platform.named`.
   */
  readonly accounts?: Readonly<Record<string, AccountRule>>;
  /**
   * Sock puppets, by the name of one of `accounts`: scripted accounts with a
   * fixed opinion whose every feed is logged (puppets.ts; the experiment
   * writes the log as feeds.csv).
   */
  readonly puppets?: Readonly<Record<string, ScenarioPuppet>>;
  readonly arms?: Readonly<Record<string, ScenarioArm>>;
  /** The arm run when none is named (default: the first). */
  readonly defaultArm?: string;
  /**
   * Called once the platform is built, before it runs: install hooks, set
   * up accounts. Its return value is handed to `outcomes`.
   */
  prepare?(platform: Platform, context: ScenarioContext): Probe;
  /** The numbers that answer the question, after the run. */
  outcomes(platform: Platform, probe: Probe, context: ScenarioContext): Record<string, number>;
  /**
   * Values over time: sampled with the metrics at every sample time of an
   * experiment (series.csv, the report's time series), e.g. the reach so far
   * and the mentions during the last hour. Must not change the platform.
   */
  series?(platform: Platform, probe: Probe, context: ScenarioContext): Record<string, number>;
  /** One line per `series` value (required with `series`). */
  readonly seriesHelp?: Readonly<Record<string, string>>;
  /** One line per outcome. A key ending in `*` covers every outcome with that prefix (e.g. `volume.h*`). */
  readonly outcomeHelp: Readonly<Record<string, string>>;
  /**
   * What kind of number each outcome is (keys as in outcomeHelp), which
   * decides its interval in reports (report/outcome-kind.ts); an outcome
   * not listed gets the kind its values show.
   */
  readonly outcomeKinds?: Readonly<Record<string, OutcomeKind>>;
  /**
   * The outcomes that answer the question (keys or `prefix*` patterns of
   * outcomeHelp), in the order a report shows them first; the other
   * outcomes and metrics are folded away.
   */
  readonly keyOutcomes?: readonly string[];
  /**
   * Registry metrics an experiment on this scenario samples over time when
   * it names none (default: opinion mean and variance, neighbour leaning
   * correlation), and those it computes once at the end (default: the
   * network's assortativity, modularity, E-I index, majority illusion). A
   * scenario whose question is elsewhere (a poll, a brand's followers)
   * names fewer: its report then opens on its own outcomes, and runs skip
   * work nobody reads (Louvain modularity at every run's end).
   */
  readonly metrics?: readonly string[];
  readonly finalMetrics?: readonly string[];
  /**
   * The real event behind the scenario in figures, and how the scenario
   * scales each to its population: one line each, shown under the question
   * in report.html and summary.md (the banner says more).
   */
  readonly figures?: readonly string[];
}

export type Scenario<Probe = unknown> = ScenarioDefinition<Probe>;

export interface RunScenarioOptions {
  readonly seed: string | number;
  readonly arm?: string;
  /** Parameter values over the scenario's and the arm's (validated: unknown names and bad values throw). */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** Use the scenario's `quick` parameters (smoke tests). */
  readonly quick?: boolean;
}

/** Fingerprints of the world as built, before the scenario touches it. */
export interface WorldFingerprint {
  readonly network: string;
  readonly accounts: string;
}

export interface ScenarioRun {
  readonly scenario: string;
  readonly arm: string | null;
  readonly seed: string;
  readonly seedKey: string;
  readonly params: PlatformParams;
  readonly platform: Platform;
  readonly outcomes: Record<string, number>;
  readonly world: WorldFingerprint;
  readonly muted: readonly number[];
}

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function where(id: string, arm?: string): string {
  return arm === undefined ? `scenario ${id}` : `scenario ${id}, arm ${arm}`;
}

function checkParamNames(given: Readonly<Record<string, unknown>>, source: string): void {
  const known: string[] = [...Object.keys(PLATFORM_SCHEMA), ...LIST_PARAMS];
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      const near = closest(key, known);
      throw new InputError(`${source}: unknown parameter \`${key}\`${near ? ` (did you mean \`${near}\`?)` : ''}`, { field: key });
    }
  }
}

function checkOutcomeKinds(kinds: Readonly<Record<string, OutcomeKind>>, help: Readonly<Record<string, string>>, source: string): void {
  if (kinds === null || typeof kinds !== 'object') throw new ParamError(source, 'outcomeKinds', kinds, 'an object of outcome kinds');
  for (const [key, k] of Object.entries(kinds)) {
    if (!Object.prototype.hasOwnProperty.call(help, key)) throw new ParamError(source, `outcomeKinds.${key}`, key, `an outcome named in outcomeHelp (${Object.keys(help).join(', ')})`);
    const ok =
      k !== null &&
      typeof k === 'object' &&
      (k.kind === 'proportion' || k.kind === 'count' || k.kind === 'continuous' || (k.kind === 'bounded' && typeof k.lower === 'number' && typeof k.upper === 'number' && k.lower < k.upper));
    if (!ok) throw new ParamError(source, `outcomeKinds.${key}`, k, "{ kind: 'proportion' | 'count' | 'continuous' } or { kind: 'bounded', lower, upper } with lower < upper");
  }
}

/** Check a scenario (parameters, each arm, each timeline) and return it frozen. */
export function defineScenario<Probe>(def: ScenarioDefinition<Probe>): ScenarioDefinition<Probe> {
  const id = def.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new ParamError('scenario', 'id', id, 'a kebab-case name (a-z, 0-9, dashes)');
  for (const field of ['title', 'question', 'lookFor'] as const) {
    if (typeof def[field] !== 'string' || def[field].trim() === '') throw new ParamError(where(id), field, def[field], 'a non-empty text');
  }
  if (typeof def.outcomes !== 'function') throw new ParamError(where(id), 'outcomes', def.outcomes, 'a function (platform) => Record<string, number>');
  if (def.outcomeHelp === null || typeof def.outcomeHelp !== 'object' || Object.keys(def.outcomeHelp).length === 0) {
    throw new ParamError(where(id), 'outcomeHelp', def.outcomeHelp, 'one help line per outcome');
  }
  if (def.series !== undefined && typeof def.series !== 'function') throw new ParamError(where(id), 'series', def.series, 'a function (platform) => Record<string, number>');
  if (def.series !== undefined && (def.seriesHelp === undefined || def.seriesHelp === null || typeof def.seriesHelp !== 'object' || Object.keys(def.seriesHelp).length === 0)) {
    throw new ParamError(where(id), 'seriesHelp', def.seriesHelp, 'one help line per value of `series`');
  }
  if (def.outcomeKinds !== undefined) checkOutcomeKinds(def.outcomeKinds, { ...(def.seriesHelp ?? {}), ...def.outcomeHelp }, where(id));
  if (def.keyOutcomes !== undefined) {
    if (!Array.isArray(def.keyOutcomes) || def.keyOutcomes.length === 0) throw new ParamError(where(id), 'keyOutcomes', def.keyOutcomes, 'a non-empty list of outcomes named in outcomeHelp');
    for (const key of def.keyOutcomes) {
      const named = typeof key === 'string' && (Object.prototype.hasOwnProperty.call(def.outcomeHelp, key) || Object.prototype.hasOwnProperty.call(def.seriesHelp ?? {}, key));
      if (!named) {
        throw new ParamError(where(id), 'keyOutcomes', key, `an outcome named in outcomeHelp or seriesHelp (${[...Object.keys(def.outcomeHelp), ...Object.keys(def.seriesHelp ?? {})].join(', ')})`);
      }
    }
  }
  for (const field of ['metrics', 'finalMetrics', 'figures'] as const) {
    const list = def[field];
    if (list !== undefined && (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && x !== ''))) {
      throw new ParamError(where(id), field, list, field === 'figures' ? 'a list of lines of text' : 'a list of metric names (the registry checks them when an experiment resolves)');
    }
  }
  const accounts = def.accounts ?? {};
  if (accounts === null || typeof accounts !== 'object' || Array.isArray(accounts)) throw new ParamError(where(id), 'accounts', accounts, 'an object of account rules by name');
  for (const [name, rule] of Object.entries(accounts)) {
    if (name === '') throw new ParamError(where(id), 'accounts', name, 'non-empty account names');
    validateAccountRule(rule, `${where(id)} accounts.${name}`);
    if (rule.name !== undefined) throw new ParamError(`${where(id)} accounts.${name}`, 'name', rule.name, 'a rule that chooses an account (a name cannot name another name)');
    if (rule.count !== undefined && rule.count !== 1) throw new ParamError(`${where(id)} accounts.${name}`, 'count', rule.count, '1 (a name fixes one account)');
  }
  const puppets = def.puppets ?? {};
  if (puppets === null || typeof puppets !== 'object' || Array.isArray(puppets)) throw new ParamError(where(id), 'puppets', puppets, 'an object of puppets by account name');
  for (const [name, puppet] of Object.entries(puppets)) {
    if (!Object.prototype.hasOwnProperty.call(accounts, name)) {
      throw new ParamError(`${where(id)} puppets`, 'name', name, `an account named in the scenario's \`accounts\` (${Object.keys(accounts).map((n) => JSON.stringify(n)).join(', ') || 'none'})`);
    }
    if (puppet === null || typeof puppet !== 'object') throw new ParamError(`${where(id)} puppets.${name}`, 'puppet', puppet, `{ kind, opinion, policy? (${PUPPET_POLICIES.join(', ')}), likeWithin?, sessionsPerHour? }`);
  }
  const checkNames = (events: readonly TimelineEvent[], source: string): void => {
    events.forEach((e, k) => {
      for (const name of namesUsed(e)) {
        if (!Object.prototype.hasOwnProperty.call(accounts, name)) {
          throw new ParamError(`${source}[${k}]`, 'name', name, `an account named in the scenario's \`accounts\` (${Object.keys(accounts).map((n) => JSON.stringify(n)).join(', ') || 'none'})`);
        }
      }
    });
  };
  checkNames(def.timeline ?? [], `${where(id)} timeline`);
  for (const [name, arm] of Object.entries(def.arms ?? {})) {
    checkNames([...(def.timeline ?? []), ...(arm.timeline ?? [])], `${where(id, name)} timeline`);
    if (arm.mute !== undefined) checkNames([{ at: 0, type: 'mute', accounts: arm.mute }], `${where(id, name)} mute`);
  }
  checkParamNames(def.params, where(id));
  if (def.quick) {
    checkParamNames(def.quick, `${where(id)} quick`);
    validatePlatformParams({ ...def.params, ...def.quick }, `${where(id)} quick`);
  }
  const params = validatePlatformParams(def.params, `${where(id)} params`);
  validateTimeline(def.timeline ?? [], `${where(id)} timeline`, params);
  const arms = def.arms ?? {};
  for (const [name, arm] of Object.entries(arms)) {
    if (!ID_PATTERN.test(name)) throw new ParamError(where(id), 'arms', name, 'arm names in kebab-case');
    if (arm.params) checkParamNames(arm.params, where(id, name));
    const armParams = validatePlatformParams({ ...def.params, ...(arm.params ?? {}) }, `${where(id, name)} params`);
    // The arm's events may refer to posts the scenario injects; indices in messages count the scenario's events first.
    validateTimeline([...(def.timeline ?? []), ...(arm.timeline ?? [])], `${where(id, name)} timeline`, armParams);
    if (arm.mute !== undefined) validateTimeline([{ at: 0, type: 'mute', accounts: arm.mute }], `${where(id, name)} mute`, armParams);
    if (arm.ranker !== undefined) armRanker(arm, `${where(id, name)} ranker`);
  }
  // The puppets' own fields are checked against a population (their accounts are fixed at setup): check them on a stand-in.
  if (Object.keys(puppets).length > 0) validatePuppetFields(puppets, where(id));
  if (def.defaultArm !== undefined && !Object.prototype.hasOwnProperty.call(arms, def.defaultArm)) {
    throw new ParamError(where(id), 'defaultArm', def.defaultArm, `one of the arms (${Object.keys(arms).join(', ') || 'none defined'})`);
  }
  return Object.freeze({ ...def });
}

/** An arm's ranker from outside, checked (a spec goes through defineRanker; a Ranker must have a name, a description and a score). */
function armRanker(arm: ScenarioArm, source: string): Ranker | undefined {
  const r = arm.ranker;
  if (r === undefined) return undefined;
  if (r !== null && typeof r === 'object' && 'terms' in r && typeof r.terms === 'function') {
    const ranker = r as Ranker;
    if (typeof ranker.name !== 'string' || ranker.name === '' || typeof ranker.description !== 'string' || ranker.description.trim() === '' || typeof ranker.score !== 'function') {
      throw new ParamError(source, 'ranker', ranker.name, 'a Ranker with a name, a description and a score function');
    }
    return ranker;
  }
  return defineRanker(r as CustomRankerSpec, source);
}

function validatePuppetsFor(specs: readonly PuppetSpec[]): void {
  validatePuppets(specs, 1);
}

function validatePuppetFields(puppets: Readonly<Record<string, ScenarioPuppet>>, source: string): void {
  for (const [name, p] of Object.entries(puppets)) {
    try {
      validatePuppetsFor([{ ...p, account: 0 }]);
    } catch (e) {
      throw new InputError(`${source} puppets.${name}: ${(e as Error).message.replace(/^.*?puppets\[0\]\./, '')}`, { field: `puppets.${name}` });
    }
  }
}

/** The names of a scenario's arms, in definition order (empty if it has none). */
export function armNames(scenario: Scenario): string[] {
  return Object.keys(scenario.arms ?? {});
}

/** The help line for an outcome key (exact key first, then the longest `prefix*`). */
export function outcomeHelpFor(scenario: Scenario, key: string): string | undefined {
  const help = scenario.outcomeHelp;
  if (Object.prototype.hasOwnProperty.call(help, key)) return help[key];
  let best: string | undefined;
  let bestLength = -1;
  for (const k of Object.keys(help)) {
    if (k.endsWith('*') && key.startsWith(k.slice(0, -1)) && k.length > bestLength) {
      best = help[k];
      bestLength = k.length;
    }
  }
  return best;
}

function resolveArm(scenario: Scenario, arm: string | undefined): string | null {
  const names = armNames(scenario);
  if (arm === undefined) return scenario.defaultArm ?? names[0] ?? null;
  if (names.length === 0) throw new ParamError(where(scenario.id), 'arm', arm, 'no arm (this scenario has none)');
  if (!names.includes(arm)) {
    const near = closest(arm, names);
    throw new ParamError(where(scenario.id), 'arm', arm, `one of ${names.map((n) => JSON.stringify(n)).join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  return arm;
}

/** The validated parameters of one arm with overrides; errors name the overrides as their source. */
export function scenarioParams(scenario: Scenario, options: Omit<RunScenarioOptions, 'seed'> = {}): PlatformParams {
  const arm = resolveArm(scenario, options.arm);
  const armParams = arm === null ? {} : (scenario.arms?.[arm]?.params ?? {});
  const base = { ...scenario.params, ...(options.quick ? (scenario.quick ?? {}) : {}), ...armParams };
  const overrides = options.overrides ?? {};
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new ParamError(where(scenario.id), 'overrides', overrides, 'an object of parameter values');
  }
  const source = `${where(scenario.id)} overrides`;
  checkParamNames(overrides, source);
  return validatePlatformParams({ ...base, ...overrides }, source);
}

/** The key every stream of a scenario run is forked from: the same for every arm and override. */
export function scenarioSeedKey(scenario: Scenario, seed: string | number): string {
  return `scenario:${scenario.id}|seed:${String(seed)}`;
}

function worldFingerprint(w: World): WorldFingerprint {
  const edges = w.graph.toEdgeList();
  const a = w.agents;
  return {
    network: fingerprint([w.graph.n], edges.src, edges.dst),
    accounts: fingerprint(a.opinion, a.tolerance, a.activity, a.credulity, a.tier, a.group, a.bot),
  };
}

/** A scenario arm built and prepared, not yet run. */
export interface ScenarioBuild {
  readonly scenario: string;
  readonly arm: string | null;
  readonly seed: string;
  readonly seedKey: string;
  readonly params: PlatformParams;
  readonly platform: Platform;
  readonly world: WorldFingerprint;
  readonly muted: readonly number[];
  /** What the scenario's `prepare` returned (e.g. a poll it opened), for callers that watch the run. */
  readonly probe: unknown;
  /** Run to the end and measure the outcomes (once). */
  finish(): ScenarioRun;
  /** The scenario's `series` values now (empty without a `series` hook). */
  sample(): Record<string, number>;
}

/**
 * Build one arm of a scenario: validate, create the platform from the
 * shared seed key, mute the arm's accounts, call `prepare`. Nothing has run
 * yet, so two builds can be compared state for state.
 */
export function buildScenario<Probe>(scenario: Scenario<Probe>, options: RunScenarioOptions): ScenarioBuild {
  const seed = options.seed;
  if (!((typeof seed === 'string' && seed !== '') || (typeof seed === 'number' && Number.isFinite(seed)))) {
    throw new ParamError(where(scenario.id), 'seed', seed, 'a non-empty string or a finite number');
  }
  const arm = resolveArm(scenario, options.arm);
  const params = scenarioParams(scenario, options);
  const armDef: ScenarioArm = arm === null ? {} : (scenario.arms?.[arm] ?? {});
  const seedKey = scenarioSeedKey(scenario, seed);
  const timeline = [...(scenario.timeline ?? []), ...(armDef.timeline ?? [])];
  const ranker = armRanker(armDef, `${where(scenario.id, arm ?? undefined)} ranker`);
  const platform = createPlatform(params, { seed: seedKey, timeline, topics: scenario.topics, ...(ranker !== undefined ? { ranker } : {}) });
  const world = worldFingerprint(platform.world);
  const root = new Rng(seedKey).fork('scenario');
  if (scenario.accounts !== undefined) {
    // Chosen once, with the scenario's own stream (the run's `events` stream stays paired with the other arms), each among the accounts not named yet.
    const shim: World = { ...platform.world, streams: { ...platform.world.streams, events: root.fork('accounts') } };
    const taken = new Set<number>();
    for (const [name, rule] of Object.entries(scenario.accounts)) {
      const [i] = chooseAccounts(shim, { ...rule, count: 1 }, `${where(scenario.id, arm ?? undefined)} accounts.${name}`, { exclude: taken });
      platform.named.set(name, i);
      taken.add(i);
    }
  }
  if (scenario.puppets !== undefined && Object.keys(scenario.puppets).length > 0) {
    // After the accounts are named, before the arm's mute and `prepare`: the same accounts and scripts in every arm.
    platform.addPuppets(Object.entries(scenario.puppets).map(([name, p]) => ({ ...p, account: platform.named.get(name)! })));
  }
  let muted: number[] = [];
  if (armDef.mute) {
    // Chosen with the scenario's own stream so the run's `events` stream stays paired with the other arms.
    const shim: World = { ...platform.world, streams: { ...platform.world.streams, events: root.fork('mute') } };
    muted = chooseAccounts(shim, armDef.mute, `${where(scenario.id, arm ?? undefined)} mute`, { named: platform.named });
    for (const i of muted) platform.world.agents.muted[i] = 1;
  }
  const context: ScenarioContext = { scenario: scenario.id, seed: String(seed), seedKey, arm, rng: root.fork('prepare'), muted };
  const probe = scenario.prepare ? scenario.prepare(platform, context) : (undefined as Probe);
  let done: ScenarioRun | null = null;
  return {
    scenario: scenario.id,
    arm,
    seed: String(seed),
    seedKey,
    params,
    platform,
    world,
    muted,
    probe,
    sample(): Record<string, number> {
      return scenario.series ? scenario.series(platform, probe, context) : {};
    },
    finish(): ScenarioRun {
      if (done) return done;
      platform.run();
      ranker?.finish?.();
      const outcomes = scenario.outcomes(platform, probe, context);
      for (const [key, value] of Object.entries(outcomes)) {
        if (typeof value !== 'number') throw new InputError(`${where(scenario.id)}: outcome \`${key}\` is ${typeof value}, expected a number`, { field: key });
        if (outcomeHelpFor(scenario, key) === undefined) throw new InputError(`${where(scenario.id)}: outcome \`${key}\` has no line in outcomeHelp`, { field: key });
      }
      done = { scenario: scenario.id, arm, seed: String(seed), seedKey, params, platform, outcomes, world, muted };
      return done;
    },
  };
}

/** Build, prepare, run and measure one arm of a scenario. */
export function runScenario<Probe>(scenario: Scenario<Probe>, options: RunScenarioOptions): ScenarioRun {
  return buildScenario(scenario, options).finish();
}

/**
 * Run several arms from the same seed (common random numbers). `arms`
 * defaults to all of the scenario's arms.
 */
export function runPaired<Probe>(
  scenario: Scenario<Probe>,
  seed: string | number,
  arms: readonly string[] = armNames(scenario),
  options: Omit<RunScenarioOptions, 'seed' | 'arm'> = {},
): Record<string, ScenarioRun> {
  if (arms.length === 0) throw new ParamError(where(scenario.id), 'arms', arms, 'at least one arm to run');
  const out: Record<string, ScenarioRun> = {};
  for (const arm of arms) out[arm] = runScenario(scenario, { ...options, seed, arm });
  return out;
}

// ---- Helpers shared by the scenarios' outcomes -----------------------------

/** Index of a topic by name (−1 when no post of it was ever made). */
export function topicId(platform: Platform, name: string): number {
  return platform.world.topics.indexOf(name);
}

/**
 * A topic's volume (posts, reshares and replies) per simulated hour from the
 * observer's per-tick series; hour h counts the ticks ending in (h, h+1] h.
 */
export function hourlyVolume(platform: Platform, topic: string, monitor: MonitorName = 'full'): number[] {
  const hours = Math.ceil(platform.now / 60 - 1e-9);
  const out = new Array<number>(Math.max(0, hours)).fill(0);
  const t = topicId(platform, topic);
  if (t < 0 || !MONITORS.includes(monitor)) return out;
  const series = platform.observer.volume[monitor][t] ?? [];
  const times = platform.observer.time;
  for (let k = 0; k < series.length; k++) {
    const h = Math.min(out.length - 1, Math.max(0, Math.ceil(times[k] / 60 - 1e-9) - 1));
    out[h] += series[k];
  }
  return out;
}

/** The id of a post injected by name; throws with the known names when absent. */
export function injectedPost(platform: Platform, name: string): number {
  const id = platform.injected.get(name);
  if (id === undefined) throw new InputError(`scenario: no post named "${name}" was injected (known: ${[...platform.injected.keys()].join(', ') || 'none'})`, { field: 'post' });
  return id;
}

/** The q-quantile (0..1) of follower counts now, e.g. 0.9 for the count above which the top 10 % lie. */
export function followerPercentile(platform: Platform, q: number): number {
  const g = platform.graph;
  const counts = Float64Array.from({ length: g.n }, (_, i) => g.inDegree(i)).sort();
  return counts[Math.min(counts.length - 1, Math.max(0, Math.floor(q * counts.length)))];
}

/** Counts views per reader tier, split at a time (minutes): before and from then on. */
export interface TierViews {
  readonly before: number[];
  readonly after: number[];
}

/** Install a hook counting views per reader tier around `splitMinutes` (keeps earlier hooks). */
export function countViewsByTier(platform: Platform, splitMinutes: number): TierViews {
  const views: TierViews = { before: TIER_NAMES.map(() => 0), after: TIER_NAMES.map(() => 0) };
  const previous = platform.hooks.onExpose;
  const agents = platform.world.agents;
  platform.hooks = {
    ...platform.hooks,
    onExpose: (reader, post, time) => {
      // `agents.tier` is read each time: accounts joining mid-run replace the arrays.
      (time < splitMinutes ? views.before : views.after)[agents.tier[reader]]++;
      previous?.(reader, post, time);
    },
  };
  return views;
}

/** Mean of a list (NaN when empty). */
export function meanOf(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}
