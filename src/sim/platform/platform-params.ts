/**
 * The platform's parameters as data: default, range, unit and help text for
 * each, so one schema drives validation, the experiment runner's `--set`, and
 * the browser demo's controls. Rates are per hour or per day, durations in
 * minutes; a tick's duration is explicit (`tickMinutes`). A run may have a
 * calendar (`startDate` on a fixed-offset `timeZone`; run-clock.ts), which
 * lets timeline events be given as ISO 8601 dates.
 *
 * Defaults: the read caps are those of 1 July 2023 (10,000 / 1,000 / 500
 * posts a day for verified / unverified / new accounts); the engagement
 * weights are those of the March 2023 open-sourced "For You" heavy ranker
 * (see rankers.ts); the feed size 15 is SimSoM's α (Truong et al. 2024).
 */
import { InputError, ParamError, closest, formatValue } from '../../model/errors.js';
import { UTC_OFFSET_FORMS } from './iso-date.js';
import { runClock } from './run-clock.js';

export interface NumberSpec {
  readonly kind: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  readonly unit: string;
  readonly help: string;
}

export interface ChoiceSpec {
  readonly kind: 'choice';
  readonly default: string;
  readonly options: readonly string[];
  /** What the value names (e.g. "ranker"): the unit of a choice. */
  readonly unit: string;
  readonly help: string;
}

export interface BooleanSpec {
  readonly kind: 'boolean';
  readonly default: boolean;
  /** Always "on/off". */
  readonly unit: string;
  readonly help: string;
}

/** A text in a given format (a date, a UTC offset); the format is checked after the schema's loop. */
export interface TextSpec {
  readonly kind: 'text';
  readonly default: string;
  /** What the text must look like, for messages. */
  readonly format: string;
  readonly unit: string;
  readonly help: string;
}

export type ParamSpec = NumberSpec | ChoiceSpec | BooleanSpec | TextSpec;

const num = (d: number, min: number, max: number, unit: string, help: string, integer = false): NumberSpec => ({ kind: 'number', default: d, min, max, unit, help, integer });
const choice = (d: string, options: readonly string[], unit: string, help: string): ChoiceSpec => ({ kind: 'choice', default: d, options, unit, help });
const bool = (d: boolean, help: string): BooleanSpec => ({ kind: 'boolean', default: d, unit: 'on/off', help });
const text = (d: string, format: string, unit: string, help: string): TextSpec => ({ kind: 'text', default: d, format, unit, help });

export const RANKER_NAMES = ['chronological', 'engagement', 'similarity', 'bridging', 'random'] as const;
export const RECOMMENDER_NAMES = ['random', 'friend-of-friend', 'similarity', 'popularity'] as const;
export const OPINION_RULES = ['none', 'bounded-confidence', 'sasahara'] as const;
export const NETWORK_KINDS = ['preferential-attachment', 'two-camps', 'erdos-renyi', 'given'] as const;
export const MODERATION_POLICIES = ['none', 'remove', 'label', 'downrank', 'remove-and-suspend'] as const;
export const BOT_BEHAVIOURS = ['amplify', 'flood', 'infiltrate'] as const;

export const PLATFORM_SCHEMA = {
  // Size and time
  agents: num(2000, 2, 50_000_000, 'accounts', 'Number of accounts, bots included.', true),
  tickMinutes: num(60, 1, 1440, 'minutes', 'Simulated minutes per tick.'),
  durationHours: num(24, 0, 24 * 365, 'hours', 'Simulated duration of a run.'),
  // Calendar (run-clock.ts)
  startDate: text('', '"" or a local ISO 8601 date-time such as "2022-11-20T00:00"', 'local date-time', 'Calendar date and time at which the run starts, on the `timeZone` clock (ISO 8601, e.g. "2022-11-20T00:00"); timeline events may then be given as dates. Empty: no calendar, event times in hours, the run starts at midnight.'),
  timeZone: text('Z', UTC_OFFSET_FORMS, 'UTC offset', 'The run\'s clock, a fixed UTC offset ("-05:00", "+01:00" or "Z"; not a time-zone name, whose rules differ between engines): dates without an offset are on it, and the daily rhythm follows its hour of day.'),
  // Network
  network: choice('preferential-attachment', NETWORK_KINDS, 'network model', 'Follow network: heavy-tailed followers (Price), two opinion camps (block model), random, or given by the caller.'),
  followsPerAccount: num(20, 1, 5000, 'follows', 'Accounts each account follows (mean).'),
  followerExponent: num(2.5, 2.01, 5, 'exponent', 'Tail exponent γ of the follower distribution P(k) ~ k^−γ (preferential attachment).'),
  homophily: num(0.9, 0, 1, 'share', 'Two camps: share of follows inside one\'s camp.'),
  // Accounts
  initialOpinions: choice('bimodal', ['uniform', 'bimodal', 'by-camp'], 'distribution', 'Opinions on [−1, 1]: uniform, two humps at ±0.5, or by network camp.'),
  tolerance: num(0.4, 0.01, 2, 'opinion units', 'Confidence bound: a post whose stance is within this of one\'s opinion is concordant.'),
  toleranceSpread: num(0, 0, 1, 'opinion units', 'Tolerance varies uniformly ± this much across accounts.'),
  activityPerHour: num(0.1, 0, 60, 'per hour', 'Mean rate of sessions per account (human).'),
  activityHeterogeneity: num(1, 0, 3, 'log-normal σ', 'Spread of activity rates: 0 = everyone equal, higher = heavier tail (log-normal σ).'),
  dailyRhythm: bool(true, 'Sessions follow a daily rhythm (fewer at night).'),
  credulity: num(0.3, 0, 1, 'probability', 'Mean credulity: how readily an account reshares a false claim.'),
  verifiedShare: num(0.01, 0, 1, 'share', 'Share of accounts that are verified (the most-followed).'),
  newShare: num(0.1, 0, 1, 'share', 'Share of accounts that are new.'),
  groups: num(1, 1, 16, 'groups', 'Country/language groups (named in `groupNames`, shares in `groupShares`).', true),
  foreignLanguageFactor: num(0.1, 0, 1, '×', 'With `groupLanguages`: like, reshare and reply probabilities of a post in a language the reader does not read are multiplied by this.'),
  plantedHubHomeShare: num(0.8, 0, 1, 'share', 'With `plantedHubs`: share of a hub\'s added followers drawn from its own group (at most as many as the group has).'),
  // Feed
  ranker: choice('chronological', RANKER_NAMES, 'ranker', 'How each feed is ordered.'),
  feedSize: num(15, 1, 500, 'posts', 'Posts shown per session.'),
  outOfNetwork: num(5, 0, 100, 'posts', 'Ranked feeds: recommended posts from outside one\'s follows added to the candidates.'),
  maxPostAgeHours: num(48, 1, 24 * 30, 'hours', 'Older posts are no longer candidates.'),
  similarityGamma: num(1.5, 0, 10, 'exponent', 'Similarity ranker: bias γ of |x − stance|^(−γ) (Sîrbu et al. 2019); 0 = newest first.'),
  readCaps: bool(false, 'Apply daily read caps by tier.'),
  readCapVerified: num(10_000, 0, 1e9, 'posts/day', 'Daily read cap of verified accounts.', true),
  readCapUnverified: num(1000, 0, 1e9, 'posts/day', 'Daily read cap of unverified accounts.', true),
  readCapNew: num(500, 0, 1e9, 'posts/day', 'Daily read cap of new accounts.', true),
  readCapScale: num(1, 0, 1000, '×', 'Multiply every read cap (to scale with a small simulated platform).'),
  // Behaviour
  opinionRule: choice('bounded-confidence', OPINION_RULES, 'opinion rule', 'How what one reads moves one\'s opinion.'),
  influence: num(0.05, 0, 1, 'rate', 'Opinion update rate μ per concordant post.'),
  postProbability: num(0.3, 0, 1, 'probability', 'Chance that a session writes an original post.'),
  likeProbability: num(0.2, 0, 1, 'probability', 'Chance to like a fully agreeing, fresh post.'),
  reshareProbability: num(0.05, 0, 1, 'probability', 'Chance to reshare a fully agreeing, fresh post.'),
  replyProbability: num(0.02, 0, 1, 'probability', 'Chance to reply to a fresh post.'),
  reportProbability: num(0.01, 0, 1, 'probability', 'Chance to report a fully disagreeing post (×10 for a false one).'),
  noveltyHalfLifeHours: num(6, 0.1, 24 * 30, 'hours', 'Engagement with a post halves at this age.'),
  postNoise: num(0.1, 0, 1, 'opinion units', 'SD of a post\'s stance around its author\'s opinion.'),
  unfollowProbability: num(0.05, 0, 1, 'probability', 'Chance per session to unfollow the author of a discordant post (and follow a recommended account).'),
  backlashProbability: num(0.05, 0, 1, 'probability', 'Chance that a follower of an account unfollows it on seeing a post critical of it (stance < 0, about that account) that the follower agrees with.'),
  recommender: choice('random', RECOMMENDER_NAMES, 'recommender', 'Who is proposed to follow.'),
  rootAttribution: num(0, 0, 1, 'probability', 'Chance that a reshare of a reshare is recorded as a reshare of the source (the original, or the reply reshared), as Twitter\'s API credits a retweet of a retweet to the source tweet (0 = always to the post reshared). Changes the recorded tree only, not who reshares or when.'),
  // Claim stream
  claimsPerHour: num(0, 0, 10_000, 'per hour', 'Claim stream: claims injected per hour (a Poisson process; each starts at the beginning of its tick), each an original claim by one human account; 0 = no stream.'),
  claimAuthorBias: num(1, 0, 3, 'exponent', 'Claim stream: a claim\'s author is drawn with probability ∝ (followers + 1)^bias among humans (0 = any account alike, 1 = in proportion to followers, higher = mostly hubs).'),
  claimAppeal: num(1, 0, 1000, '×', 'Claim stream: median appeal of a claim (multiplies its like, reshare and reply probabilities, and its reshares\').'),
  claimAppealSpread: num(0, 0, 3, 'log-normal σ', 'Claim stream: spread of appeal across claims (0 = every claim has `claimAppeal`).'),
  claimFalseShare: num(1, 0, 1, 'share', 'Claim stream: share of the claims that are false (the rest are true).'),
  claimNoveltySpread: num(0, 0, 3, 'log-normal σ', 'Claim stream: spread across claims of how long they stay novel: a claim\'s novelty half-life (and its reshares\') is noveltyHalfLifeHours × exp(σZ), rounded to 1/16 of a doubling (0 = every claim has noveltyHalfLifeHours).'),
  claimAttributionSpread: num(0, 0, 5, 'logit-normal σ', 'Claim stream: spread across claims of the share of reshares credited to the original, drawn when a claim is posted: logistic(logit(rootAttribution) + σZ) (0 = every claim has `rootAttribution`).'),
  // News sources (outlets.ts)
  outlets: num(0, 0, 1000, 'outlets', 'News outlets (domains) posts may link to, with leans spread evenly over [−1, 1] and reliability 1 − u·|lean|; 0 = no outlets.', true),
  outletFringeUnreliability: num(0.8, 0, 1, 'u', 'Outlets: reliability falls by this much from the centre (1) to the fringe (1 − u) of the lean scale.'),
  outletLinkShare: num(0.5, 0, 1, 'share', 'Outlets: chance that an original post links to an outlet (drawn from the outlets stream).'),
  outletLeanScale: num(0.25, 0.01, 10, 'opinion', 'Outlets: an author picks outlet k with weight exp(−|x − lean_k|/scale) (× (1 − reliability_k) for a false claim).'),
  sourceDownranking: num(0, 0, 1, 'β', 'Source-reliability downranking: a post linking to an outlet of reliability r has its ranking score multiplied by 1 − β(1 − r); 0 = off.'),
  // Bots
  botShare: num(0, 0, 0.9, 'share', 'Share of accounts that are bots (5 %, 9–15 % and 20 % are the reference values).'),
  botBehaviour: choice('amplify', BOT_BEHAVIOURS, 'behaviour', 'What bots do: reshare a stance or a hoax, flood with posts, or follow humans to be followed back.'),
  botStance: num(1, -1, 1, 'opinion', 'The stance bots push (fixed when a bot is created: at the start or when it joins).'),
  botActivityPerHour: num(2, 0, 60, 'per hour', 'Sessions per hour of a bot, with no daily rhythm (fixed when a bot is created).'),
  followBackProbability: num(0.2, 0, 1, 'probability', 'Chance that a human follows back a bot that followed it (infiltration).'),
  // Moderation
  moderation: choice('none', MODERATION_POLICIES, 'policy', 'What the platform does about false posts.'),
  detectionDelayHours: num(6, 0, 24 * 30, 'hours', 'Time from a false post\'s creation to moderation\'s action on it (the policy in force then applies).'),
  detectionProbability: num(0.7, 0, 1, 'probability', 'Chance that a false original post is detected (drawn when it is posted).'),
  labelReshareFactor: num(0.3, 0, 1, '×', 'A labelled post\'s reshare probability (and its reshares\') is multiplied by this.'),
  downrankFactor: num(0.2, 0, 1, '×', 'A downranked post\'s ranking score (and its reshares\') is multiplied by this.'),
  suspendAfter: num(3, 1, 1000, 'removed posts', 'Remove-and-suspend: suspend an account once this many of its posts have been removed.', true),
  restoreShare: num(1, 0, 1, 'share', 'Share of the suspended accounts that a "restore-suspended" event restores, chosen at random from the `events` stream (1 = every one, nothing drawn).'),
  // Interventions (interventions.ts): each treats a share of the human accounts, fixed per account by a hash of the run's own salt; shares of 0 (the default) change nothing.
  accuracyPromptShare: num(0, 0, 1, 'share', 'Accuracy prompt (Pennycook et al., Nature 2021): share of accounts shown a prompt to think about accuracy before sharing.'),
  accuracyPromptEffect: num(0.1, 0, 1, 'relative drop', 'Accuracy prompt: a prompted account\'s reshare probability of a false claim is multiplied by 1 − this (true claims unchanged; 0.1: the 10 % drop in false-sharing intentions pooled over 20 experiments by Pennycook & Rand 2022).'),
  prebunkingShare: num(0, 0, 1, 'share', 'Prebunking (Roozenbeek et al., Science Advances 2022): share of accounts inoculated against manipulation techniques.'),
  prebunkingReshareEffect: num(0, 0, 1, 'relative drop', 'Prebunking: an inoculated account\'s reshare probability of a false claim is further multiplied by 1 − this (0: no direct effect beyond belief, as the pooled evidence shows none on sharing false content; see interventions.ts).'),
  prebunkingBeliefEffect: num(0.48, 0, 1, 'relative drop', 'Prebunking: the pull of a false claim on an inoculated reader\'s opinion is multiplied by 1 − this (0.48: the pooled d = −0.36 on the credibility of misinformation, Lu et al. 2023, as an odds ratio of 0.52; see interventions.ts).'),
  frictionShare: num(0, 0, 1, 'share', 'Friction (read-before-share and share-confirmation prompts): share of accounts asked to open a post and confirm before resharing.'),
  frictionReshareEffect: num(0.2, 0, 1, 'relative drop', 'Friction: a prompted account\'s reshare probability of any post is multiplied by 1 − this (0.2: the 20 % drop in sharing Twitter reported for its 2020 confirmation step before every Retweet).'),
  frictionFalseEffect: num(0.1125, 0, 1, 'relative drop', 'Friction: a false claim\'s reshare probability is further multiplied by 1 − this (0.1125 = 1 − 0.71 / 0.8: with the 0.2 above, the 29 % drop Twitter reported for shares of Tweets labelled misleading behind a warning prompt).'),
  // Observers
  alertZ: num(4, 0.5, 50, 'SD', 'Weak-signal alert: fire when a topic\'s volume is this many SDs above its running mean.'),
  alertHalfLifeHours: num(24, 0.5, 24 * 30, 'hours', 'Memory of the alert\'s running mean and variance (EWMA).'),
  monitorSample: num(0.01, 0, 1, 'share', 'Share of the stream a sampled monitor sees (1 % sample).'),
  monitorRateLimitPerHour: num(1000, 0, 1e9, 'posts/hour', 'Posts a rate-limited monitor can read per hour.'),
} as const satisfies Record<string, ParamSpec>;

export type PlatformParamName = keyof typeof PLATFORM_SCHEMA;

type ValueOf<S> = S extends NumberSpec ? number : S extends BooleanSpec ? boolean : S extends ChoiceSpec | TextSpec ? string : never;

export type PlatformParams = { -readonly [K in PlatformParamName]: ValueOf<(typeof PLATFORM_SCHEMA)[K]> } & {
  /** Names of the country/language groups (default "G1", "G2", ...). */
  groupNames: string[];
  /** Share of accounts in each group (default equal). */
  groupShares: number[];
  /** Each group's UTC offset in hours, for its daily rhythm (default: all 0, one rhythm for all). */
  groupUtcOffsets: number[];
  /** Each group's language (ISO 639-1, e.g. "en", "tr"); empty: language is not modelled. */
  groupLanguages: string[];
  /** With `groupLanguages`: share of each group's accounts that also read English (1 for English-speaking groups). */
  groupEnglishReaders: number[];
  /** Follower shares of hubs planted in the network, largest first (e.g. [0.3, 0.2]); empty: none. */
  plantedHubs: number[];
  /** The group the planted hubs are chosen from ("" = any). */
  plantedHubGroup: string;
};

/** Parameters that are lists (or free text) rather than numbers, choices or switches: every layer that checks parameter names knows them. */
export const LIST_PARAMS = ['groupNames', 'groupShares', 'groupUtcOffsets', 'groupLanguages', 'groupEnglishReaders', 'plantedHubs', 'plantedHubGroup'] as const;

export const PLATFORM_DEFAULTS: Readonly<PlatformParams> = Object.freeze({
  ...(Object.fromEntries(Object.entries(PLATFORM_SCHEMA).map(([k, s]) => [k, s.default])) as { [K in PlatformParamName]: ValueOf<(typeof PLATFORM_SCHEMA)[K]> }),
  groupNames: [],
  groupShares: [],
  groupUtcOffsets: [],
  groupLanguages: [],
  groupEnglishReaders: [],
  plantedHubs: [],
  plantedHubGroup: '',
});

/**
 * Defaults, then checks. `source` names where the values came from (a file,
 * a flag, a URL) and leads every error message.
 */
export function validatePlatformParams(given: Readonly<Record<string, unknown>> = {}, source = 'platform'): PlatformParams {
  const module = `${source}`;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new ParamError(module, 'params', given, 'an object of parameters');
  const out: Record<string, unknown> = { ...PLATFORM_DEFAULTS, groupNames: [], groupShares: [], groupUtcOffsets: [], groupLanguages: [], groupEnglishReaders: [], plantedHubs: [], plantedHubGroup: '' };
  const known: string[] = [...Object.keys(PLATFORM_SCHEMA), ...LIST_PARAMS];
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!known.includes(key)) {
      const near = closest(key, known);
      throw new InputError(`${module}: unknown parameter \`${key}\`${near ? ` (did you mean \`${near}\`?)` : ''}`, { field: key });
    }
    out[key] = value;
  }
  for (const [key, spec] of Object.entries(PLATFORM_SCHEMA) as Array<[string, ParamSpec]>) {
    const v = out[key];
    if (spec.kind === 'number') {
      if (typeof v !== 'number' || Number.isNaN(v) || v < spec.min || v > spec.max || (spec.integer && !Number.isInteger(v))) {
        throw new ParamError(module, key, v, `${spec.integer ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}]${spec.unit ? ` (${spec.unit})` : ''}`);
      }
    } else if (spec.kind === 'choice') {
      if (typeof v !== 'string' || !spec.options.includes(v)) throw new ParamError(module, key, v, `one of ${spec.options.map((o) => JSON.stringify(o)).join(', ')}`);
    } else if (spec.kind === 'text') {
      if (typeof v !== 'string') throw new ParamError(module, key, v, spec.format);
    } else if (typeof v !== 'boolean') {
      throw new ParamError(module, key, v, 'true or false');
    }
  }
  const groups = out.groups as number;
  const names = out.groupNames as unknown;
  if (!Array.isArray(names) || !names.every((x) => typeof x === 'string')) throw new ParamError(module, 'groupNames', names, 'a list of names');
  if (names.length === 0) out.groupNames = Array.from({ length: groups }, (_, g) => `G${g + 1}`);
  else if (names.length !== groups) throw new ParamError(module, 'groupNames', names, `${groups} names (one per group)`);
  else if (new Set(names).size !== names.length || names.some((x) => x === '')) throw new ParamError(module, 'groupNames', names, 'distinct, non-empty names');
  const shares = out.groupShares as unknown;
  if (!Array.isArray(shares) || !shares.every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x))) {
    throw new ParamError(module, 'groupShares', shares, 'a list of non-negative numbers');
  }
  if (shares.length === 0) out.groupShares = Array.from({ length: groups }, () => 1 / groups);
  else if (shares.length !== groups || !(shares.reduce((a: number, b: number) => a + b, 0) > 0)) {
    throw new ParamError(module, 'groupShares', shares, `${groups} non-negative shares with a positive sum`);
  }
  checkGroupLists(out, module, groups);
  checkPlantedHubs(out, module);
  if ((out.verifiedShare as number) + (out.newShare as number) > 1) {
    throw new ParamError(module, 'newShare', out.newShare, `at most 1 − verifiedShare = ${1 - (out.verifiedShare as number)}`);
  }
  // The calendar's formats (startDate, timeZone): throws naming the field.
  runClock(out as PlatformParams, module);
  if ((out.followsPerAccount as number) >= (out.agents as number)) {
    throw new ParamError(module, 'followsPerAccount', out.followsPerAccount, `fewer than \`agents\` (${formatValue(out.agents)})`);
  }
  return out as PlatformParams;
}

function isNumberList(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** Per-group lists: empty, or one entry per group. */
function checkGroupLists(out: Record<string, unknown>, module: string, groups: number): void {
  const offsets = out.groupUtcOffsets;
  if (!isNumberList(offsets) || (offsets.length !== 0 && offsets.length !== groups) || offsets.some((h) => h < -12 || h > 14 || !Number.isInteger(h * 4))) {
    throw new ParamError(module, 'groupUtcOffsets', offsets, `${groups} UTC offsets in hours (one per group), each in [−12, 14] and a multiple of 0.25 (e.g. −4 for New York in July, 5.5 for India), or an empty list`);
  }
  const languages = out.groupLanguages;
  if (!Array.isArray(languages) || (languages.length !== 0 && languages.length !== groups) || languages.some((x) => typeof x !== 'string' || !/^[a-z]{2,3}$/.test(x))) {
    throw new ParamError(module, 'groupLanguages', languages, `${groups} language codes (one per group, ISO 639 in lower case, e.g. "en", "tr"), or an empty list`);
  }
  const readers = out.groupEnglishReaders;
  if (!isNumberList(readers) || readers.some((x) => x < 0 || x > 1)) {
    throw new ParamError(module, 'groupEnglishReaders', readers, 'a list of shares in [0, 1]');
  }
  if (readers.length !== 0 && (languages as string[]).length === 0) {
    throw new ParamError(module, 'groupEnglishReaders', readers, 'an empty list unless `groupLanguages` is given');
  }
  if (readers.length !== 0 && readers.length !== groups) throw new ParamError(module, 'groupEnglishReaders', readers, `${groups} shares (one per group), or an empty list`);
}

function checkPlantedHubs(out: Record<string, unknown>, module: string): void {
  const hubs = out.plantedHubs;
  if (!isNumberList(hubs) || hubs.length > 16 || hubs.some((x) => !(x > 0 && x < 1))) {
    throw new ParamError(module, 'plantedHubs', hubs, 'up to 16 follower shares, each in (0, 1) (e.g. [0.3, 0.2]), or an empty list');
  }
  if (hubs.some((x, k) => k > 0 && x > hubs[k - 1])) throw new ParamError(module, 'plantedHubs', hubs, 'follower shares from the largest hub down');
  const group = out.plantedHubGroup;
  const names = out.groupNames as string[];
  if (typeof group !== 'string' || (group !== '' && !names.includes(group))) {
    throw new ParamError(module, 'plantedHubGroup', group, `"" (any group) or one of ${names.map((g) => JSON.stringify(g)).join(', ')}`);
  }
  if (hubs.length === 0 && group !== '') throw new ParamError(module, 'plantedHubGroup', group, '"" unless `plantedHubs` is given');
  if (hubs.length > 0 && !['preferential-attachment', 'erdos-renyi'].includes(out.network as string)) {
    throw new ParamError(module, 'plantedHubs', hubs, 'an empty list for this network (hubs are planted in generated preferential-attachment and Erdős–Rényi networks)');
  }
}
