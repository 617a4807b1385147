/**
 * Checking a requested demo configuration (from a URL, a saved link, the
 * page): every value that is unknown, out of range or of the wrong type is
 * reported as a `ConfigProblem` (in English and French) and replaced by the
 * preset's default, so whatever comes in, what comes out is a configuration
 * the session accepts. The size of the network is bounded too: at most
 * DEMO_MAX_FOLLOWS follows (accounts × follows per account), what the page
 * builds in about 10 s. Parameters equal to the preset's effective default
 * are dropped, so one run has one canonical configuration (and one URL).
 */
import { formatValue } from '../../model/errors.js';
import { DEFAULT_PRESET, DEFAULT_SEED, DEMO_MAX_FOLLOWS, defaultArmOf, effectiveParams, paramSpecs, presetDefinition, presetIds, type PresetDefinition } from './demo-presets.js';
import type { ConfigProblem, DemoConfig, Localized, ParamValue } from './demo-protocol.js';

export const MAX_SEED_LENGTH = 64;

/** What a caller may hand in: anything, field by field. */
export interface RawConfig {
  readonly preset?: unknown;
  readonly arm?: unknown;
  readonly seed?: unknown;
  readonly params?: unknown;
}

export function problem(field: string, value: unknown, en: string, fr: string): ConfigProblem {
  const shown = typeof value === 'string' ? value : formatValue(value);
  return { field, value: shown.length > 80 ? `${shown.slice(0, 77)}...` : shown, message: { en, fr } as Localized };
}

/** Whether a seed is usable: 1–64 characters, no control characters, not blank. */
export function validSeed(seed: unknown): seed is string {
  return typeof seed === 'string' && seed.length >= 1 && seed.length <= MAX_SEED_LENGTH && seed.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(seed);
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Why a single value does not fit its parameter, or null when it does. */
export function valueProblem(name: string, value: unknown): ConfigProblem | null {
  const specs = paramSpecs();
  const spec = specs[name];
  if (!spec) return problem(name, value, `Unknown parameter “${name}”: ignored.`, `Paramètre inconnu « ${name} » : ignoré.`);
  if (spec.kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return problem(name, value, `${name}: not a number; the default is used.`, `${name} : ce n’est pas un nombre ; la valeur par défaut est utilisée.`);
    }
    if (spec.integer && !Number.isInteger(value)) {
      return problem(name, value, `${name}: must be a whole number; the default is used.`, `${name} : doit être un nombre entier ; la valeur par défaut est utilisée.`);
    }
    if (value < spec.min || value > spec.max) {
      return problem(name, value, `${name}: out of range [${spec.min}, ${spec.max}]; the default is used.`, `${name} : hors de l’intervalle [${spec.min}, ${spec.max}] ; la valeur par défaut est utilisée.`);
    }
    return null;
  }
  if (spec.kind === 'choice') {
    if (typeof value !== 'string' || !spec.options.includes(value)) {
      return problem(name, value, `${name}: must be one of ${spec.options.join(', ')}; the default is used.`, `${name} : doit valoir ${spec.options.join(', ')} ; la valeur par défaut est utilisée.`);
    }
    return null;
  }
  if (typeof value !== 'boolean') return problem(name, value, `${name}: must be true or false; the default is used.`, `${name} : doit valoir true ou false ; la valeur par défaut est utilisée.`);
  return null;
}

/** The field an error blames (ParamError and InputError carry one). */
function blamedField(err: unknown): string | undefined {
  if (err !== null && typeof err === 'object' && 'field' in err) {
    const f = (err as { field?: unknown }).field;
    return typeof f === 'string' ? f : undefined;
  }
  return undefined;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Drop the parameters that do not work together (e.g. more follows than
 * accounts), one at a time, blaming the one the platform names; returns the
 * effective parameters of what remains.
 */
export function reconcileParams(
  def: PresetDefinition,
  arm: string | null,
  params: Record<string, ParamValue>,
  problems: ConfigProblem[],
  extra: Readonly<Record<string, ParamValue>> = {},
): Record<string, ParamValue> {
  for (let guard = 0; guard <= Object.keys(params).length + 1; guard++) {
    try {
      return effectiveParams(def, arm, { ...extra, ...params });
    } catch (err) {
      const field = blamedField(err);
      if (field !== undefined && hasOwn(params, field)) {
        problems.push(problem(field, params[field], `${field}: ${message(err)}; the default is used.`, `${field} : valeur incompatible avec les autres réglages (${message(err)}) ; la valeur par défaut est utilisée.`));
        delete params[field];
        continue;
      }
      const keys = Object.keys(params);
      if (keys.length === 0) throw err;
      problems.push(problem('params', keys.join(','), `These settings do not work together (${message(err)}); the preset's are used.`, `Ces réglages ne vont pas ensemble (${message(err)}) ; ceux du préréglage sont utilisés.`));
      for (const k of keys) delete params[k];
    }
  }
  return effectiveParams(def, arm, extra);
}

const NBSP = '\u00a0';

/**
 * The range `agents` or `followsPerAccount` may take given the other's
 * effective value: the schema's, narrowed so that accounts × follows per
 * account stays within DEMO_MAX_FOLLOWS. Null for any other parameter.
 */
export function followsBoundRange(name: string, effective: Readonly<Record<string, ParamValue>>): { min: number; max: number } | null {
  const spec = paramSpecs()[name];
  if (spec?.kind !== 'number' || (name !== 'agents' && name !== 'followsPerAccount')) return null;
  const other = Number(effective[name === 'agents' ? 'followsPerAccount' : 'agents']);
  const max = other > 0 ? Math.min(spec.max, Math.floor(DEMO_MAX_FOLLOWS / other)) : spec.max;
  return { min: spec.min, max: Math.max(spec.min, max) };
}

/**
 * The problem with a network over DEMO_MAX_FOLLOWS, blaming the user's
 * follows per account if they set it, else their accounts; null when within
 * the bound (or when neither is the user's: the presets are within it).
 */
function followsBoundProblem(effective: Readonly<Record<string, ParamValue>>, params: Readonly<Record<string, ParamValue>>): ConfigProblem | null {
  const agents = Number(effective.agents);
  const follows = Number(effective.followsPerAccount);
  if (!(agents * follows > DEMO_MAX_FOLLOWS)) return null;
  const field = hasOwn(params, 'followsPerAccount') ? 'followsPerAccount' : hasOwn(params, 'agents') ? 'agents' : null;
  if (field === null) return null;
  const range = followsBoundRange(field, effective)!;
  const [withEn, withFr] = field === 'agents' ? [`${follows} follows per account`, `${follows} abonnements par compte`] : [`${agents} accounts`, `${agents} comptes`];
  return problem(
    field,
    params[field],
    `${field}: out of range [${range.min}, ${range.max}] with ${withEn} (at most ${DEMO_MAX_FOLLOWS} follows in all, accounts × follows per account, which a laptop builds in about 10 s); the default is used.`,
    `${field}${NBSP}: hors de l’intervalle [${range.min}, ${range.max}] avec ${withFr} (au plus ${DEMO_MAX_FOLLOWS} abonnements en tout, comptes × abonnements par compte, qu’un ordinateur portable construit en 10${NBSP}s environ)${NBSP}; la valeur par défaut est utilisée.`,
  );
}

/**
 * A configuration the session accepts, and what had to be changed to get
 * it. `extra` are settings over the preset's that are not the user's (a
 * puzzle's): parameters equal to the result are dropped as defaults.
 */
export function sanitizeConfig(raw: RawConfig, extra: Readonly<Record<string, ParamValue>> = {}): { config: DemoConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let preset = DEFAULT_PRESET;
  if (raw.preset !== undefined && raw.preset !== null) {
    if (typeof raw.preset === 'string' && presetIds().includes(raw.preset)) preset = raw.preset;
    else problems.push(problem('preset', raw.preset, `Unknown preset; “${DEFAULT_PRESET}” is shown instead.`, `Préréglage inconnu ; « ${DEFAULT_PRESET} » est affiché à la place.`));
  }
  const def = presetDefinition(preset);
  const armNames = Object.keys(def.scenario.arms ?? {});
  let arm: string | null = null;
  if (raw.arm !== undefined && raw.arm !== null) {
    if (typeof raw.arm === 'string' && armNames.includes(raw.arm)) arm = raw.arm;
    else {
      const fallback = defaultArmOf(def);
      problems.push(
        problem('arm', raw.arm, `Unknown variant for this preset; ${fallback ? `“${fallback}”` : 'the default'} is used.`, `Variante inconnue pour ce préréglage ; ${fallback ? `« ${fallback} »` : 'la variante par défaut'} est utilisée.`),
      );
    }
  }
  let seed = DEFAULT_SEED;
  if (raw.seed !== undefined && raw.seed !== null) {
    if (validSeed(raw.seed)) seed = raw.seed;
    else problems.push(problem('seed', raw.seed, `Bad seed (1–${MAX_SEED_LENGTH} ordinary characters); seed “${DEFAULT_SEED}” is used.`, `Graine invalide (1 à ${MAX_SEED_LENGTH} caractères ordinaires) ; la graine « ${DEFAULT_SEED} » est utilisée.`));
  }
  const params: Record<string, ParamValue> = {};
  if (raw.params !== undefined && raw.params !== null) {
    if (typeof raw.params !== 'object' || Array.isArray(raw.params)) {
      problems.push(problem('params', raw.params, 'Parameters must be an object; ignored.', 'Les paramètres doivent être un objet ; ignorés.'));
    } else {
      const specs = paramSpecs();
      // Schema order: stable whatever order they came in.
      const given = raw.params as Record<string, unknown>;
      for (const key of Object.keys(given)) if (!hasOwn(specs, key)) problems.push(valueProblem(key, given[key])!);
      for (const key of Object.keys(specs)) {
        if (!hasOwn(given, key)) continue;
        const p = valueProblem(key, given[key]);
        if (p) problems.push(p);
        // −0 would print as 0: keep one zero so a URL round-trips.
        else params[key] = given[key] === 0 ? 0 : (given[key] as ParamValue);
      }
    }
  }
  let effective = reconcileParams(def, arm, params, problems, extra);
  for (let over = followsBoundProblem(effective, params); over !== null; over = followsBoundProblem(effective, params)) {
    problems.push(over);
    delete params[over.field];
    effective = reconcileParams(def, arm, params, problems, extra);
  }
  const base = effectiveParams(def, arm, extra);
  const canonical: Record<string, ParamValue> = {};
  for (const key of Object.keys(params)) if (params[key] !== base[key] && params[key] === effective[key]) canonical[key] = params[key];
  return { config: { preset, arm, seed, params: canonical }, problems };
}
