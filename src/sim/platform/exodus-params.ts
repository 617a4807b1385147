/**
 * The exodus's parameters as data (default, range, unit, help), in the form
 * of the platform's own schema (platform-params.ts), validated the same way:
 * an unknown name gets the closest known one, a bad value an error naming
 * the field, the value and the allowed range, before anything runs.
 *
 * They are kept apart from PLATFORM_SCHEMA: they describe a second platform
 * and the accounts moving to it, not the rules of one platform, and a run
 * without an exodus never reads them.
 *
 * Hazard of moving, per day, of a human account i still only on the origin
 * once the trigger hour has passed (exodus.ts):
 *   λ_i = baseRatePerDay
 *       + oppositionRatePerDay · max(0, −changeStance · x_i)
 *       + peerRatePerDay · 1[m_i > 0 and m_i ≥ θ_i]
 * with x_i its opinion, m_i the share of its followees who moved, θ_i its
 * threshold (uniform on (0, 1], Granovetter 1978).
 */
import { InputError, ParamError, closest } from '../../model/errors.js';
import type { BooleanSpec, ChoiceSpec, NumberSpec } from './platform-params.js';

export const DESTINATION_KINDS = ['centralised', 'federated'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

const num = (d: number, min: number, max: number, unit: string, help: string, integer = false): NumberSpec => ({ kind: 'number', default: d, min, max, unit, help, integer });
const bool = (d: boolean, help: string): BooleanSpec => ({ kind: 'boolean', default: d, unit: 'on/off', help });
const choice = (d: string, options: readonly string[], unit: string, help: string): ChoiceSpec => ({ kind: 'choice', default: d, options, unit, help });

export const EXODUS_SCHEMA = {
  destination: choice(
    'centralised',
    DESTINATION_KINDS,
    'platform kind',
    'Where accounts go: one centralised platform with one ranker (Threads-like) or servers that federate (Mastodon-like).',
  ),
  triggerHour: num(0, 0, 24 * 365, 'hours', 'Hour from which accounts may move: the change that sets off the exodus (e.g. moderation switched off at that hour).'),
  changeStance: num(1, -1, 1, 'opinion', 'The side the change favours: an account opposes it by max(0, −changeStance × opinion) (0 = nobody opposes it).'),
  baseRatePerDay: num(0, 0, 100, 'per day', 'Hazard of moving of every human account, per day, from the trigger on.'),
  oppositionRatePerDay: num(0, 0, 100, 'per day', 'Hazard added per day at full opposition to the change (scaled by the account\'s opposition, 0..1).'),
  peerRatePerDay: num(0, 0, 100, 'per day', 'Hazard added per day once the share of one\'s followees who moved reaches one\'s threshold (thresholds uniform on (0, 1], Granovetter 1978).'),
  crossPostShare: num(0, 0, 1, 'share', 'Share of movers who keep using the origin as well (cross-posting on both) instead of leaving it.'),
  importShare: num(0.5, 0, 1, 'probability', 'On sign-up, each follow whose target is already on the destination (and on a server that federates with one\'s own) is kept with this probability.'),
  pendingFollows: bool(
    false,
    'On sign-up, one\'s origin followers already on the destination follow one too, each with probability importShare (Threads kept the follows of accounts not there yet and made them when they joined; finder tools did it by hand for Mastodon).',
  ),
  servers: num(33, 1, 10_000, 'servers', 'Federated: number of servers.', true),
  serverExponent: num(2, 0, 5, 'exponent', 'Federated: a newcomer picks server s (0-based) with weight (s + 1)^−exponent (Zipf: a few large servers, many small ones).'),
  followeePull: num(0.5, 0, 1, 'probability', 'Federated: chance that a newcomer some of whose followees already moved joins the server hosting most of them (ties to the lower index).'),
  campAffinity: num(0, 0, 1, 'share', 'Federated: servers alternate between the two sides; a newcomer\'s weight for a server of the other side is multiplied by 1 − campAffinity.'),
  strictServerShare: num(0, 0, 1, 'share', 'Federated: share of servers with a strict policy: they hide detected false claims from their members and suspend (defederate from) servers whose members posted `defederateAfter` detected false claims.'),
  defederateAfter: num(3, 1, 1_000_000, 'false claims', 'Federated: detected false claims by a server\'s members after which strict servers suspend it.', true),
  localTimelinePosts: num(3, 0, 100, 'posts', 'Federated: newest unseen posts of one\'s own server, by accounts one does not follow, added to each session\'s feed (the local timeline).', true),
} as const satisfies Record<string, NumberSpec | ChoiceSpec | BooleanSpec>;

export type ExodusParamName = keyof typeof EXODUS_SCHEMA;

export type ExodusParams = {
  -readonly [K in ExodusParamName]: (typeof EXODUS_SCHEMA)[K] extends NumberSpec ? number : (typeof EXODUS_SCHEMA)[K] extends BooleanSpec ? boolean : DestinationKind;
};

export const EXODUS_DEFAULTS: Readonly<ExodusParams> = Object.freeze(Object.fromEntries(Object.entries(EXODUS_SCHEMA).map(([k, s]) => [k, s.default])) as ExodusParams);

/** Defaults, then checks; `source` leads every error message. */
export function validateExodusParams(given: Readonly<Record<string, unknown>> = {}, source = 'exodus'): ExodusParams {
  if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new ParamError(source, 'params', given, 'an object of exodus parameters');
  const known = Object.keys(EXODUS_SCHEMA);
  const out: Record<string, unknown> = { ...EXODUS_DEFAULTS };
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!known.includes(key)) {
      const near = closest(key, known);
      throw new InputError(`${source}: unknown parameter \`${key}\`${near ? ` (did you mean \`${near}\`?)` : ''}; known: ${known.join(', ')}`, { field: key });
    }
    out[key] = value;
  }
  for (const [key, spec] of Object.entries(EXODUS_SCHEMA) as Array<[string, NumberSpec | ChoiceSpec | BooleanSpec]>) {
    const v = out[key];
    if (spec.kind === 'number') {
      if (typeof v !== 'number' || Number.isNaN(v) || v < spec.min || v > spec.max || (spec.integer && !Number.isInteger(v))) {
        throw new ParamError(source, key, v, `${spec.integer ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}] (${spec.unit})`);
      }
    } else if (spec.kind === 'boolean') {
      if (typeof v !== 'boolean') throw new ParamError(source, key, v, 'true or false');
    } else if (typeof v !== 'string' || !spec.options.includes(v)) {
      throw new ParamError(source, key, v, `one of ${spec.options.map((o) => JSON.stringify(o)).join(', ')}`);
    }
  }
  return out as ExodusParams;
}

