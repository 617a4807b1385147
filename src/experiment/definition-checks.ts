/**
 * The checks of an experiment definition that need no options: field names
 * (unknown ones get the closest known name), types and ranges, parameters
 * against what the model, the network generator or the platform accepts,
 * metric and outcome lists; and the checks of the resolve options. Every
 * failure is an InputError or ParamError whose `field` names the offending
 * field and whose message says where it is and what is allowed.
 */
import { InputError, ParamError, closest } from '../model/errors.js';
import { getZooEntry, type ZooEntry } from '../sim/model-zoo.js';
import { LIST_PARAMS, PLATFORM_SCHEMA } from '../sim/platform/platform-params.js';
import { armNames, type ScenarioDefinition } from '../sim/platform/scenario.js';
import type { ResolveOptions } from './define-experiment.js';
import type { ExperimentDefinition, ExperimentSize, ParamValue } from './experiment-types.js';
import { NETWORK_FIELDS, checkNetworkField, isNetworkKind, unknownNetworkField } from './network-spec.js';
import { pointName } from './run-names.js';

/** Ceilings that keep a typo (an extra zero) from exhausting memory before the first run. */
export const EXPERIMENT_LIMITS = Object.freeze({
  replicates: 100_000,
  runs: 1_000_000,
  varyValues: 10_000,
  steps: 1_000_000_000,
  /** Samples of one run's time series. */
  samples: 100_000,
});

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DEFINITION_KEYS = [
  'id', 'title', 'question', 'model', 'scenario', 'network', 'arms', 'base', 'vary', 'replicates', 'steps', 'untilConverged',
  'durationHours', 'sampleEvery', 'metrics', 'finalMetrics', 'metricOptions', 'outcomes', 'keyOutcomes', 'outcomeKinds', 'ranges', 'seed', 'quick', 'calibrate',
] as const;
const SIZE_KEYS = ['replicates', 'steps', 'durationHours', 'base', 'vary', 'sampleEvery'] as const;
const OPTION_KEYS = ['quick', 'replicates', 'set', 'checkInit', 'seed', 'vary', 'design'] as const;
/** `--set` keys that are experiment settings rather than parameters. */
export const ZOO_SETTINGS = ['steps', 'sampleEvery', 'untilConverged'] as const;
export const SCENARIO_SETTINGS = ['sampleEvery'] as const;

export type ParamType = 'number' | 'string' | 'boolean';
export type Slot = { readonly type: ParamType; readonly target: 'model' | 'network' | 'platform' | 'arm' };

/** What a definition runs, with the parameters it accepts. */
export type Target =
  | { readonly kind: 'model'; readonly modelId: string; readonly entry: ZooEntry; readonly slots: Map<string, Slot>; readonly unsettable: Set<string>; readonly arms: string[] }
  | { readonly kind: 'scenario'; readonly scenario: ScenarioDefinition<unknown>; readonly slots: Map<string, Slot>; readonly unsettable: Set<string>; readonly arms: string[] };

// ---- small helpers ----------------------------------------------------------

export const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** `{ kind: 'proportion' | 'count' | 'continuous' }` or `{ kind: 'bounded', lower, upper }` with lower < upper. */
export function isOutcomeKind(k: unknown): boolean {
  if (!isPlainObject(k)) return false;
  if (k.kind === 'proportion' || k.kind === 'count' || k.kind === 'continuous') return Object.keys(k).length === 1;
  return k.kind === 'bounded' && typeof k.lower === 'number' && typeof k.upper === 'number' && !Number.isNaN(k.lower) && !Number.isNaN(k.upper) && k.lower < k.upper && Object.keys(k).length === 3;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isParamValue(v: unknown): v is ParamValue {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
}

export function source(id: unknown): string {
  return typeof id === 'string' && id !== '' ? `experiment ${id}` : 'experiment';
}

export function unknownName(where: string, what: string, name: string, known: readonly string[], field: string, container = 'name'): InputError {
  // An empty key has no name to show: blame the block that holds it.
  if (name === '' || field === '') return new ParamError(where, container, '', `a non-empty ${what} name`);
  const near = closest(name, known);
  return new InputError(
    `${where}: unknown ${what} \`${name}\`${near ? ` (did you mean \`${near}\`?)` : ''}; known: ${known.length > 0 ? known.join(', ') : 'none'}`,
    { field },
  );
}

function checkKeys(where: string, obj: Record<string, unknown>, known: readonly string[], prefix: string, what = 'field'): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) throw unknownName(where, what, `${prefix}${key}`, known.map((k) => `${prefix}${k}`), key === '' ? '' : `${prefix}${key}`, prefix === '' ? 'definition' : prefix.slice(0, -1));
  }
}

export function integerIn(where: string, field: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new ParamError(where, field, v, `an integer in [${lo}, ${hi}]`);
  return v;
}

function numberIn(where: string, field: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) throw new ParamError(where, field, v, `a number in [${lo}, ${hi}]`);
  return v;
}

/** Re-throw a validation error with where it happened in front; keeps its field. */
function within<T>(prefix: string, fn: () => T, field?: (inner: string | undefined) => string | undefined): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${prefix}: ${e.message}`, { field: field ? field(e.field) : e.field });
    throw e;
  }
}

function typeOfValue(v: unknown): ParamType | null {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? (typeof v as ParamType) : null;
}

export function looksLikeScenario(v: unknown): v is ScenarioDefinition<unknown> {
  return isPlainObject(v) && typeof v.id === 'string' && typeof v.outcomes === 'function' && isPlainObject(v.outcomeHelp) && isPlainObject(v.params);
}

// ---- definition shape -------------------------------------------------------

function targetOf(def: ExperimentDefinition, where: string): Target {
  const hasModel = def.model !== undefined;
  const hasScenario = def.scenario !== undefined;
  if (hasModel === hasScenario) {
    throw new ParamError(where, 'model', def.model, hasModel ? 'either `model` or `scenario`, not both' : 'a zoo model id (`model`) or a platform scenario (`scenario`)');
  }
  if (hasModel) {
    if (typeof def.model !== 'string') throw new ParamError(where, 'model', def.model, 'a zoo model id');
    const modelId = def.model;
    const entry = within(where, () => getZooEntry(modelId));
    const slots = new Map<string, Slot>();
    const unsettable = new Set<string>();
    const defaults = { ...(entry.model.defaults as Record<string, unknown>), ...(entry.exampleParams ?? {}) };
    for (const key of Object.keys(entry.model.defaults)) {
      const t = typeOfValue(defaults[key]);
      if (t) slots.set(key, { type: t, target: 'model' });
      else unsettable.add(key);
    }
    if (def.network !== undefined) {
      if (!isPlainObject(def.network)) throw new ParamError(where, 'network', def.network, 'a network spec { kind, params }');
      checkKeys(where, def.network, ['kind', 'params'], 'network.');
      if (!isNetworkKind(def.network.kind)) {
        throw new ParamError(where, 'network.kind', def.network.kind, `one of ${Object.keys(NETWORK_FIELDS).map((k) => JSON.stringify(k)).join(', ')}`);
      }
      const kind = def.network.kind;
      const params = def.network.params as unknown;
      if (!isPlainObject(params)) throw new ParamError(where, 'network.params', params, 'an object of generator parameters');
      for (const key of Object.keys(params)) {
        if (!has(NETWORK_FIELDS[kind], key)) throw unknownNetworkField(where, kind, key, `network.params.${key}`);
        checkNetworkField(where, kind, key, params[key], `network.params.${key}`);
      }
      for (const [key, f] of Object.entries(NETWORK_FIELDS[kind])) slots.set(`network.${key}`, { type: f.type, target: 'network' });
    }
    let arms: string[] = [];
    if (def.arms !== undefined) {
      if (!isPlainObject(def.arms) || Object.keys(def.arms).length === 0) throw new ParamError(where, 'arms', def.arms, 'an object of named parameter sets (at least one)');
      arms = Object.keys(def.arms);
      for (const name of arms) {
        const arm = def.arms[name] as unknown;
        if (!ID_PATTERN.test(name)) throw new ParamError(where, `arms.${name}`, name, 'arm names in kebab-case (a-z, 0-9, dashes)');
        if (!isPlainObject(arm)) throw new ParamError(where, `arms.${name}`, arm, 'an arm { description?, params }');
        checkKeys(where, arm, ['description', 'params'], `arms.${name}.`);
        if (arm.description !== undefined && typeof arm.description !== 'string') throw new ParamError(where, `arms.${name}.description`, arm.description, 'a text');
        if (!isPlainObject(arm.params)) throw new ParamError(where, `arms.${name}.params`, arm.params, 'an object of model parameters');
        for (const [key, value] of Object.entries(arm.params)) {
          checkParam(where, { slots, unsettable }, key, value, `arms.${name}.params`);
          if (slots.get(key)?.target !== 'model') throw new ParamError(where, `arms.${name}.params.${key}`, value, 'a model parameter (arms set model parameters only)');
        }
      }
      slots.set('arm', { type: 'string', target: 'arm' });
    }
    return { kind: 'model', modelId, entry, slots, unsettable, arms };
  }
  if (!looksLikeScenario(def.scenario)) throw new ParamError(where, 'scenario', def.scenario, 'a scenario made with defineScenario');
  if (def.network !== undefined) throw new ParamError(where, 'network', def.network, 'nothing: a scenario builds its own network (set `network`, `agents`, ... in base)');
  if (def.arms !== undefined) throw new ParamError(where, 'arms', def.arms, 'nothing: a scenario brings its own arms');
  const slots = new Map<string, Slot>();
  for (const [key, spec] of Object.entries(PLATFORM_SCHEMA)) {
    slots.set(key, { type: spec.kind === 'choice' || spec.kind === 'text' ? 'string' : spec.kind, target: 'platform' });
  }
  const arms = armNames(def.scenario);
  if (arms.length > 0) slots.set('arm', { type: 'string', target: 'arm' });
  return { kind: 'scenario', scenario: def.scenario, slots, unsettable: new Set<string>(LIST_PARAMS), arms };
}

/** One parameter's name and type; `where` names the block it came from (`base`, `vary`, `--set`). */
export function checkParam(src: string, target: Pick<Target, 'slots' | 'unsettable'>, key: string, value: unknown, block: string): Slot {
  const slot = target.slots.get(key);
  if (!slot) {
    if (target.unsettable.has(key)) {
      throw new ParamError(src, key, value, `nothing: \`${key}\` is not a number, text or switch, so an experiment cannot set it (found in ${block})`);
    }
    const known = [...target.slots.keys()];
    if (key.startsWith('network.') && !known.some((k) => k.startsWith('network.'))) {
      throw new InputError(`${src}, ${block}: unknown parameter \`${key}\`: \`network.*\` parameters need a \`network\` spec ({ kind, params }); this experiment runs on ${target.slots.has('agents') ? 'the scenario\'s platform network' : 'the model\'s example network'}`, { field: key });
    }
    throw unknownName(`${src}, ${block}`, 'parameter', key, known, key, block);
  }
  if (!isParamValue(value) || typeof value !== slot.type) {
    throw new ParamError(`${src}, ${block}`, key, value, slot.type === 'number' ? 'a number' : slot.type === 'boolean' ? 'true or false' : 'a text value');
  }
  return slot;
}

function checkParamBlock(src: string, target: Target, block: unknown, name: string): void {
  if (block === undefined) return;
  if (!isPlainObject(block)) throw new ParamError(src, name, block, 'an object of parameter values');
  for (const [key, value] of Object.entries(block)) checkParam(src, target, key, value, name);
}

function checkVaryBlock(src: string, target: Target, block: unknown, name: string): void {
  if (block === undefined) return;
  if (!isPlainObject(block)) throw new ParamError(src, name, block, 'an object of value lists, e.g. { epsilon: [0.2, 0.4] }');
  for (const [key, values] of Object.entries(block)) {
    if (!target.slots.has(key)) checkParam(src, target, key, undefined, name);
    if (!Array.isArray(values)) throw new ParamError(src, `${name}.${key}`, values, 'a list of values, e.g. [0.2, 0.4]');
    if (values.length === 0) throw new ParamError(src, `${name}.${key}`, values, 'a non-empty list of values (drop the key to keep the default)');
    if (values.length > EXPERIMENT_LIMITS.varyValues) throw new ParamError(src, `${name}.${key}`, `${values.length} values`, `at most ${EXPERIMENT_LIMITS.varyValues} values`);
    values.forEach((v) => checkParam(src, target, key, v, `${name}.${key}`));
    const seen = new Set<string>();
    for (const v of values) {
      // Values that print alike (0 and −0, 'A' and 'a') would share a run directory.
      const printed = pointName({ [key]: v as ParamValue }, [key]).toLowerCase();
      if (seen.has(printed)) throw new ParamError(src, `${name}.${key}`, v, 'distinct values (this one is listed twice, or differs from another only in case or sign of zero)');
      seen.add(printed);
    }
  }
}

function checkStringList(src: string, field: string, v: unknown): readonly string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new ParamError(src, field, v, 'a list of names');
  const seen = new Set<string>();
  for (const x of v as string[]) {
    if (seen.has(x)) throw new ParamError(src, field, x, 'distinct names (listed twice)');
    seen.add(x);
  }
  return v as string[];
}

/** The checks that need no options: field names, types, ranges; returns what it runs. */
export function checkDefinition(def: unknown): Target {
  if (!isPlainObject(def)) throw new ParamError('experiment', 'definition', def, 'an experiment definition object');
  const d = def as unknown as ExperimentDefinition;
  const src = source(d.id);
  checkKeys(src, def, DEFINITION_KEYS, '');
  if (typeof d.id !== 'string' || !ID_PATTERN.test(d.id)) throw new ParamError(src, 'id', d.id, 'a kebab-case name (a-z, 0-9, dashes), the file name');
  for (const field of ['title', 'question'] as const) {
    if (typeof d[field] !== 'string' || d[field].trim() === '') throw new ParamError(src, field, d[field], 'a non-empty text');
  }
  if (!d.question.trim().endsWith('?')) throw new ParamError(src, 'question', d.question, 'a question (ending with "?")');
  if (typeof d.seed !== 'string' || d.seed === '') throw new ParamError(src, 'seed', d.seed, 'a non-empty text');
  const target = targetOf(d, src);
  integerIn(src, 'replicates', d.replicates, 1, EXPERIMENT_LIMITS.replicates);
  if (d.steps !== undefined) {
    if (target.kind === 'scenario') throw new ParamError(src, 'steps', d.steps, 'nothing: a scenario runs for `durationHours`');
    integerIn(src, 'steps', d.steps, 0, EXPERIMENT_LIMITS.steps);
  }
  if (d.untilConverged !== undefined && typeof d.untilConverged !== 'boolean') throw new ParamError(src, 'untilConverged', d.untilConverged, 'true or false');
  if (d.durationHours !== undefined) {
    if (target.kind === 'model') throw new ParamError(src, 'durationHours', d.durationHours, 'nothing: a zoo model runs for `steps`');
    numberIn(src, 'durationHours', d.durationHours, 0, PLATFORM_SCHEMA.durationHours.max);
  }
  if (d.sampleEvery !== undefined) checkSampleEvery(src, 'sampleEvery', d.sampleEvery, target);
  checkParamBlock(src, target, d.base, 'base');
  checkVaryBlock(src, target, d.vary, 'vary');
  for (const k of Object.keys(d.vary ?? {})) {
    if (d.base !== undefined && has(d.base, k)) throw new ParamError(src, k, d.base[k], 'either a fixed value (base) or a sweep (vary), not both');
  }
  const sampled = checkStringList(src, 'metrics', d.metrics);
  const atEnd = checkStringList(src, 'finalMetrics', d.finalMetrics);
  const metrics = sampled === undefined && atEnd === undefined ? undefined : [...(sampled ?? []), ...(atEnd ?? [])];
  checkStringList(src, 'outcomes', d.outcomes);
  checkStringList(src, 'keyOutcomes', d.keyOutcomes);
  if (d.outcomeKinds !== undefined) {
    if (!isPlainObject(d.outcomeKinds)) throw new ParamError(src, 'outcomeKinds', d.outcomeKinds, 'an object of outcome kinds keyed by outcome name');
    for (const [key, k] of Object.entries(d.outcomeKinds as Record<string, unknown>)) {
      if (!isOutcomeKind(k)) throw new ParamError(src, `outcomeKinds.${key}`, k, "{ kind: 'proportion' | 'count' | 'continuous' } or { kind: 'bounded', lower, upper } with lower < upper");
    }
  }
  if (d.ranges !== undefined) {
    if (!isPlainObject(d.ranges)) throw new ParamError(src, 'ranges', d.ranges, 'an object of ranges [lo, hi] of numeric parameters');
    for (const [k, r] of Object.entries(d.ranges)) {
      if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => typeof x === 'number' && Number.isFinite(x)) || !((r[0] as number) < (r[1] as number))) {
        throw new ParamError(src, `ranges.${k}`, r, 'a range [lo, hi] of two finite numbers with lo < hi');
      }
    }
  }
  if (d.metricOptions !== undefined) {
    if (!isPlainObject(d.metricOptions)) throw new ParamError(src, 'metricOptions', d.metricOptions, 'an object keyed by metric name');
    for (const [name, opts] of Object.entries(d.metricOptions)) {
      if (!isPlainObject(opts) || !Object.values(opts).every(isParamValue)) throw new ParamError(src, `metricOptions.${name}`, opts, 'an object of option values');
      if (metrics !== undefined && !metrics.includes(name)) throw unknownName(`${src}, metricOptions`, 'metric (not among `metrics` or `finalMetrics`)', name, metrics, `metricOptions.${name}`);
    }
  }
  if (d.quick !== undefined) {
    if (!isPlainObject(d.quick)) throw new ParamError(src, 'quick', d.quick, 'an object with a smaller size ({ replicates, steps, base, vary, ... })');
    const q = d.quick as ExperimentSize & Record<string, unknown>;
    checkKeys(src, q, SIZE_KEYS, 'quick.');
    if (q.replicates !== undefined) integerIn(src, 'quick.replicates', q.replicates, 1, EXPERIMENT_LIMITS.replicates);
    if (q.steps !== undefined) {
      if (target.kind === 'scenario') throw new ParamError(src, 'quick.steps', q.steps, 'nothing: a scenario runs for `durationHours`');
      integerIn(src, 'quick.steps', q.steps, 0, EXPERIMENT_LIMITS.steps);
    }
    if (q.durationHours !== undefined) {
      if (target.kind === 'model') throw new ParamError(src, 'quick.durationHours', q.durationHours, 'nothing: a zoo model runs for `steps`');
      numberIn(src, 'quick.durationHours', q.durationHours, 0, PLATFORM_SCHEMA.durationHours.max);
    }
    if (q.sampleEvery !== undefined) checkSampleEvery(src, 'quick.sampleEvery', q.sampleEvery, target);
    checkParamBlock(src, target, q.base, 'quick.base');
    checkVaryBlock(src, target, q.vary, 'quick.vary');
  }
  return target;
}

export function checkSampleEvery(src: string, field: string, v: unknown, target: Target): number {
  if (target.kind === 'model') return integerIn(src, field, v, 0, EXPERIMENT_LIMITS.steps);
  return numberIn(src, field, v, 0, PLATFORM_SCHEMA.durationHours.max);
}


export function checkOptions(options: unknown): ResolveOptions {
  if (options === undefined) return {};
  if (!isPlainObject(options)) throw new ParamError('experiment options', 'options', options, 'an object { quick, replicates, set }');
  checkKeys('experiment options', options, OPTION_KEYS, '', 'option');
  const o = options as ResolveOptions;
  if (o.quick !== undefined && typeof o.quick !== 'boolean') throw new ParamError('experiment options', 'quick', o.quick, 'true or false');
  if (o.checkInit !== undefined && typeof o.checkInit !== 'boolean') throw new ParamError('experiment options', 'checkInit', o.checkInit, 'true or false');
  if (o.replicates !== undefined) integerIn('--replicates', 'replicates', o.replicates, 1, EXPERIMENT_LIMITS.replicates);
  if (o.set !== undefined) {
    if (!isPlainObject(o.set)) throw new ParamError('--set', 'set', o.set, 'key=value pairs');
    for (const [k, v] of Object.entries(o.set)) if (typeof v !== 'string') throw new ParamError('--set', k, v, 'a value written as text (key=value)');
  }
  if (o.seed !== undefined && (typeof o.seed !== 'string' || o.seed.trim() === '')) throw new ParamError('--seed', 'seed', o.seed, 'a non-empty text');
  if (o.vary !== undefined) {
    if (!isPlainObject(o.vary)) throw new ParamError('--vary', 'vary', o.vary, 'name=values pairs');
    for (const [k, v] of Object.entries(o.vary)) {
      if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string')) throw new ParamError('--vary', k, v, 'one or more values written as text');
    }
  }
  if (o.design !== undefined) {
    const d: unknown = o.design;
    if (!isPlainObject(d) || (d.kind !== 'lhs' && d.kind !== 'sobol')) throw new ParamError('--design', 'design', isPlainObject(d) ? d.kind : d, 'lhs or sobol');
    if (typeof d.samples !== 'number') throw new ParamError('--samples', 'samples', d.samples, 'a whole number of samples');
    if (d.ranges !== undefined) {
      if (!isPlainObject(d.ranges)) throw new ParamError('--range', 'ranges', d.ranges, 'name=lo:hi ranges');
      for (const [k, r] of Object.entries(d.ranges)) {
        if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => typeof x === 'number' && Number.isFinite(x)) || !((r[0] as number) < (r[1] as number))) throw new ParamError('--range', k, r, 'lo:hi with finite numbers lo < hi');
      }
    }
  }
  return o;
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?Infinity$/;

/** A `--set` value read by the parameter's type. */
export function parseSetValue(key: string, raw: string, type: ParamType): ParamValue {
  const text = raw.trim();
  if (type === 'number') {
    if (!NUMBER_TEXT.test(text)) throw new ParamError('--set', key, raw, 'a number (e.g. 0.25, 1e-3, 200)');
    return Number(text);
  }
  if (type === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new ParamError('--set', key, raw, 'true or false');
  }
  return text;
}
