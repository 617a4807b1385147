/**
 * Scheduled events: what happens at a given simulated hour, applied at the
 * start of the first tick that starts at or after it, events due at the same
 * tick in the order given. Accounts are chosen by rules (e.g. "a random
 * account of group FR with 20 to 200 followers"), with draws from the run's
 * `events` stream.
 *
 * An event's `at` is a number of hours since the start, or an ISO 8601 date
 * or date-time ("2022-11-23", "2022-11-23T14:30", "2022-11-23T14:30-05:00")
 * when the run has a `startDate`: without an offset it is on the run's
 * `timeZone` clock. Dates are converted to hours exactly (run-clock.ts) and
 * must fall within the run.
 *
 * - inject: a named original post (a hoax by default) by one account; with
 *   `ifNoAuthor: 'skip'` an inject whose author rule matches nobody (say,
 *   moderation suspended them all) is skipped and logged instead of
 *   stopping the run.
 * - reshare: accounts relay a named post (counted as engagements, so the post
 *   trends; the relays need not have seen it, they act off-platform).
 * - set: change parameters from then on (e.g. the ranker, moderation, read
 *   caps). Only parameters read during the run may change; those fixed when
 *   the platform is built (size, network, initial traits, bot share...) are
 *   rejected with the reason.
 * - bots-join: `count` bots join (holding `stance`, default `botStance`),
 *   each following `follows` distinct random humans; they act from this tick.
 * - restore-suspended: lift the suspension of a share `restoreShare` of the
 *   suspended accounts (default 1: all of them; below 1 they are drawn from
 *   the `events` stream).
 * - mute: the chosen accounts stop posting and resharing.
 *
 * Named accounts: a rule `{ name: 'brand' }` is the account fixed under that
 * name when the run was set up (a scenario's `accounts`, or
 * `platform.named.set(name, index)` before the run), whatever its followers
 * have become since. "The most-followed account" looked up at each event
 * can be another account by then: followers move during a run.
 */
import { InputError, ParamError, closest, formatValue } from '../../model/errors.js';
import { makeBot } from './agents.js';
import { languageIndex, languageNames } from './languages.js';
import { restoreSuspended } from './moderation.js';
import { LIST_PARAMS, PLATFORM_SCHEMA, validatePlatformParams, type PlatformParams } from './platform-params.js';
import { eventHours, runClock } from './run-clock.js';
import { FALSE_CLAIM, FLAG_REMOVED, KIND_ORIGINAL, KIND_RESHARE, NOT_A_CLAIM, SLOT_ENGAGED_LEFT, SLOT_ENGAGED_RIGHT, SLOT_RESHARES, TRUE_CLAIM } from './post-store.js';
import { addAccounts, markTrending, type World } from './world.js';

/** Which accounts an event concerns. */
export interface AccountRule {
  /** The account fixed under this name when the run was set up (no other field may go with it). */
  readonly name?: string;
  /** Group (country/language) name. */
  readonly group?: string;
  /** Followers, inclusive bounds. */
  readonly minFollowers?: number;
  readonly maxFollowers?: number;
  /** Humans only (default true). */
  readonly humans?: boolean;
  /** How to choose among the matching accounts (default 'random'); ties in follower count go to the lower index. */
  readonly pick?: 'random' | 'most-followed' | 'least-followed';
  /** How many (default 1; fewer if fewer match). */
  readonly count?: number;
}

/** When an event happens: hours since the start, or an ISO 8601 date or date-time (run-clock.ts). */
export type EventTime = number | string;

export type TimelineEvent =
  | { readonly at: EventTime; readonly type: 'inject'; readonly name: string; readonly author: AccountRule; readonly stance: number; readonly veracity?: 'false' | 'true' | 'none'; readonly topic?: string; readonly appeal?: number; readonly target?: AccountRule; readonly ifNoAuthor?: 'error' | 'skip'; readonly language?: string }
  | { readonly at: EventTime; readonly type: 'reshare'; readonly post: string; readonly accounts: AccountRule }
  | { readonly at: EventTime; readonly type: 'set'; readonly params: Partial<PlatformParams> }
  | { readonly at: EventTime; readonly type: 'bots-join'; readonly count: number; readonly stance?: number; readonly follows?: number; readonly group?: string }
  | { readonly at: EventTime; readonly type: 'restore-suspended' }
  | { readonly at: EventTime; readonly type: 'mute'; readonly accounts: AccountRule };

/** What an applied event did, for the run's log. */
export interface EventRecord {
  readonly at: number;
  readonly type: TimelineEvent['type'];
  readonly detail: string;
  readonly accounts: readonly number[];
}

export const EVENT_TYPES = ['inject', 'reshare', 'set', 'bots-join', 'restore-suspended', 'mute'] as const;
export const PICK_RULES = ['random', 'most-followed', 'least-followed'] as const;

/** Parameters read only when the platform is built: a 'set' event cannot change them. */
export const SETUP_PARAMS: Readonly<Record<string, string>> = Object.freeze({
  agents: 'the number of accounts is fixed when the platform is built (use a "bots-join" event to add bots)',
  durationHours: 'the duration is fixed when the run starts (use run(hours) to run longer)',
  startDate: 'the calendar is fixed when the run starts (event dates are converted with it)',
  timeZone: 'the calendar is fixed when the run starts (event dates are converted with it)',
  network: 'the network is built with the platform',
  followsPerAccount: 'the network is built with the platform (a "bots-join" event takes `follows`)',
  followerExponent: 'the network is built with the platform',
  homophily: 'the network is built with the platform',
  initialOpinions: 'opinions are drawn when the platform is built',
  tolerance: 'tolerances are drawn when the platform is built',
  toleranceSpread: 'tolerances are drawn when the platform is built',
  activityPerHour: 'activity rates are drawn when the platform is built',
  activityHeterogeneity: 'activity rates are drawn when the platform is built',
  credulity: 'credulity is drawn when the platform is built',
  verifiedShare: 'tiers are assigned when the platform is built',
  newShare: 'tiers are assigned when the platform is built',
  groups: 'groups are assigned when the platform is built',
  groupNames: 'groups are assigned when the platform is built',
  groupShares: 'groups are assigned when the platform is built',
  groupUtcOffsets: 'time zones are set when the platform is built',
  groupLanguages: 'languages are assigned when the platform is built',
  groupEnglishReaders: 'who reads English is drawn when the platform is built',
  plantedHubs: 'the network is built with the platform',
  plantedHubGroup: 'the network is built with the platform',
  plantedHubHomeShare: 'the network is built with the platform',
  botShare: 'bots are drawn when the platform is built (use a "bots-join" event to add bots)',
});

const RULE_FIELDS = ['name', 'group', 'minFollowers', 'maxFollowers', 'humans', 'pick', 'count'];

/** Check an account rule's fields (not yet against a world). */
export function validateAccountRule(rule: unknown, source: string, groupNames?: readonly string[]): void {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) throw new ParamError(source, 'rule', rule, 'an account rule object, e.g. {"group": "FR", "maxFollowers": 200}');
  const r = rule as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!RULE_FIELDS.includes(key)) {
      const near = closest(key, RULE_FIELDS);
      throw new InputError(`${source}: unknown account-rule field \`${key}\`${near ? ` (did you mean \`${near}\`?)` : ''}; known: ${RULE_FIELDS.join(', ')}`, { field: `${source}.${key}` });
    }
  }
  if (r.name !== undefined) {
    if (typeof r.name !== 'string' || r.name === '') throw new ParamError(source, 'name', r.name, 'the non-empty name of an account fixed at setup');
    const other = Object.keys(r).find((k) => k !== 'name' && r[k] !== undefined);
    if (other !== undefined) throw new ParamError(source, other, r[other], `nothing beside \`name\` (a named account is one fixed account, "${r.name}")`);
    return;
  }
  if (r.group !== undefined) {
    if (typeof r.group !== 'string') throw new ParamError(source, 'group', r.group, 'a group name');
    if (groupNames && !groupNames.includes(r.group)) throw new ParamError(source, 'group', r.group, `one of ${groupNames.map((g) => JSON.stringify(g)).join(', ')}`);
  }
  for (const key of ['minFollowers', 'maxFollowers'] as const) {
    const v = r[key];
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && !Number.isNaN(v))) throw new ParamError(source, key, v, 'a number of followers ≥ 0');
  }
  if (typeof r.minFollowers === 'number' && typeof r.maxFollowers === 'number' && r.minFollowers > r.maxFollowers) {
    throw new ParamError(source, 'maxFollowers', r.maxFollowers, `at least minFollowers (${r.minFollowers})`);
  }
  if (r.humans !== undefined && typeof r.humans !== 'boolean') throw new ParamError(source, 'humans', r.humans, 'true or false');
  if (r.pick !== undefined && !(PICK_RULES as readonly unknown[]).includes(r.pick)) throw new ParamError(source, 'pick', r.pick, `one of ${PICK_RULES.map((p) => JSON.stringify(p)).join(', ')}`);
  if (r.count !== undefined && !(Number.isInteger(r.count) && (r.count as number) >= 1)) throw new ParamError(source, 'count', r.count, 'an integer ≥ 1');
}

/**
 * Check a 'set' event's parameters: known names (with the closest as a
 * suggestion), changeable during a run, each in its range; with the run's
 * parameters, also the result of applying them.
 */
export function validateSetParams(given: unknown, source: string, params?: PlatformParams): void {
  if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new ParamError(source, 'params', given, 'an object of parameters');
  const known = Object.keys(PLATFORM_SCHEMA);
  const allKnown: string[] = [...known, ...LIST_PARAMS];
  for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
    if (!allKnown.includes(key)) {
      const near = closest(key, allKnown);
      throw new InputError(`${source}: unknown parameter \`${key}\`${near ? ` (did you mean \`${near}\`?)` : ''}`, { field: `${source}.${key}` });
    }
    if (Object.prototype.hasOwnProperty.call(SETUP_PARAMS, key)) throw new ParamError(source, key, value, `no change during a run: ${SETUP_PARAMS[key]}`);
    // One field over the defaults: the range check alone (cross-field rules only involve setup parameters).
    validatePlatformParams({ [key]: value }, source);
  }
  if (params) validatePlatformParams({ ...params, ...(given as Record<string, unknown>) }, source);
}

/**
 * Check a timeline before a run, with errors naming the event (its index in
 * the list as given) and the field. With the run's parameters, group names
 * are checked too.
 */
export function validateTimeline(events: readonly TimelineEvent[], source = 'timeline', params?: PlatformParams): void {
  timelineHours(events, source, params);
}

/**
 * Check a timeline (as validateTimeline) and return each event's time in
 * hours since the start, in the order given. Without the run's parameters,
 * dates are checked for their form only and their hours are NaN.
 */
export function timelineHours(events: readonly TimelineEvent[], source = 'timeline', params?: PlatformParams): number[] {
  if (!Array.isArray(events)) throw new ParamError(source, 'timeline', events, 'a list of events');
  const groups = params?.groupNames;
  const clock = params ? runClock(params, source) : null;
  const hours: number[] = [];
  events.forEach((e, k) => {
    const where = `${source}[${k}]`;
    if (e === null || typeof e !== 'object') throw new InputError(`${where}: expected an event object, got ${formatValue(e)}`, { field: where });
    hours.push(eventHours(e.at, clock, where) ?? NaN);
  });
  events.forEach((e, k) => {
    const where = `${source}[${k}]`;
    if (!(EVENT_TYPES as readonly string[]).includes(e.type)) throw new ParamError(where, 'type', e.type, `one of ${EVENT_TYPES.join(', ')}`);
    switch (e.type) {
      case 'inject':
        if (typeof e.name !== 'string' || e.name === '') throw new ParamError(where, 'name', e.name, 'a non-empty name');
        if (typeof e.stance !== 'number' || !(e.stance >= -1 && e.stance <= 1)) throw new ParamError(where, 'stance', e.stance, 'a number in [−1, 1]');
        if (e.veracity !== undefined && !['false', 'true', 'none'].includes(e.veracity)) throw new ParamError(where, 'veracity', e.veracity, '"false", "true" or "none"');
        if (e.topic !== undefined && (typeof e.topic !== 'string' || e.topic === '')) throw new ParamError(where, 'topic', e.topic, 'a non-empty topic name');
        if (e.appeal !== undefined && !(typeof e.appeal === 'number' && e.appeal >= 0 && e.appeal <= 1000)) throw new ParamError(where, 'appeal', e.appeal, 'a number in [0, 1000]');
        if (e.language !== undefined) {
          if (typeof e.language !== 'string' || !/^[a-z]{2,3}$/.test(e.language)) throw new ParamError(where, 'language', e.language, 'a language code (ISO 639 in lower case, e.g. "en")');
          if (params !== undefined) {
            if (params.groupLanguages.length === 0) throw new ParamError(where, 'language', e.language, 'nothing unless the platform has `groupLanguages`');
            const languages = languageNames(params.groupLanguages);
            if (!languages.includes(e.language)) throw new ParamError(where, 'language', e.language, `one of ${languages.map((l) => JSON.stringify(l)).join(', ')} (the groups' languages, or English)`);
          }
        }
        if (e.ifNoAuthor !== undefined && e.ifNoAuthor !== 'error' && e.ifNoAuthor !== 'skip') throw new ParamError(where, 'ifNoAuthor', e.ifNoAuthor, '"error" (the default) or "skip"');
        validateAccountRule(e.author, `${where}.author`, groups);
        if (e.target !== undefined) validateAccountRule(e.target, `${where}.target`, groups);
        break;
      case 'reshare':
        if (typeof e.post !== 'string' || e.post === '') throw new ParamError(where, 'post', e.post, 'the name of an injected post');
        // Compared in hours; without the run's calendar, dates are NaN and only the order given counts.
        if (!events.some((x, j) => x !== null && typeof x === 'object' && x.type === 'inject' && x.name === e.post && (hours[j] < hours[k] || (!(hours[j] > hours[k]) && j < k)))) {
          throw new ParamError(where, 'post', e.post, 'the name of a post injected earlier in the timeline');
        }
        validateAccountRule(e.accounts, `${where}.accounts`, groups);
        break;
      case 'mute':
        validateAccountRule(e.accounts, `${where}.accounts`, groups);
        break;
      case 'set':
        validateSetParams(e.params, `${where}.params`, params);
        break;
      case 'bots-join':
        if (!(Number.isInteger(e.count) && e.count >= 1)) throw new ParamError(where, 'count', e.count, 'an integer ≥ 1');
        if (e.stance !== undefined && !(typeof e.stance === 'number' && e.stance >= -1 && e.stance <= 1)) throw new ParamError(where, 'stance', e.stance, 'a number in [−1, 1]');
        if (e.follows !== undefined && !(Number.isInteger(e.follows) && e.follows >= 0)) throw new ParamError(where, 'follows', e.follows, 'an integer ≥ 0');
        if (e.group !== undefined && (typeof e.group !== 'string' || (groups !== undefined && !groups.includes(e.group)))) {
          throw new ParamError(where, 'group', e.group, groups ? `one of ${groups.map((g) => JSON.stringify(g)).join(', ')}` : 'a group name');
        }
        break;
      default:
        break;
    }
  });
  return hours;
}

/** What else `chooseAccounts` may need: the accounts named at setup, and accounts it must not choose. */
export interface ChooseOptions {
  /** Accounts fixed by name (a rule `{ name }` is looked up here). */
  readonly named?: ReadonlyMap<string, number>;
  /** Accounts never chosen by a matching rule (e.g. those already named). */
  readonly exclude?: ReadonlySet<number>;
  /** When no account matches: an empty list instead of an InputError (nothing is drawn either way). */
  readonly allowNone?: boolean;
}

/** The names an event's account rules refer to (`{ name }`), in order. */
export function namesUsed(e: TimelineEvent): string[] {
  const rules: Array<AccountRule | undefined> = e.type === 'inject' ? [e.author, e.target] : e.type === 'reshare' || e.type === 'mute' ? [e.accounts] : [];
  const out: string[] = [];
  for (const r of rules) if (r !== undefined && r !== null && typeof r === 'object' && typeof r.name === 'string') out.push(r.name);
  return out;
}

/**
 * The accounts matching a rule (not suspended; humans unless `humans:
 * false`), chosen by its `pick`; a named rule gives its one account. When
 * none matches: an InputError, or with `allowNone` an empty list.
 */
export function chooseAccounts(w: World, rule: AccountRule, source = 'rule', options: ChooseOptions = {}): number[] {
  validateAccountRule(rule, source, w.params.groupNames);
  if (rule.name !== undefined) {
    const named = options.named;
    const i = named?.get(rule.name);
    if (i === undefined) {
      const known = named && named.size > 0 ? [...named.keys()].map((k) => JSON.stringify(k)).join(', ') : 'none';
      throw new InputError(`${source}: no account is named "${rule.name}" (named at setup: ${known})`, { field: `${source}.name` });
    }
    if (w.agents.suspended[i] !== 0) throw new InputError(`${source}: the account named "${rule.name}" (${i}) is suspended at hour ${formatValue(w.now / 60)}`, { field: `${source}.name` });
    return [i];
  }
  const exclude = options.exclude;
  const a = w.agents;
  const g = w.graph;
  const group = rule.group === undefined ? -1 : w.params.groupNames.indexOf(rule.group);
  const lo = rule.minFollowers ?? 0;
  const hi = rule.maxFollowers ?? Infinity;
  const humans = rule.humans ?? true;
  const matching: number[] = [];
  for (let i = 0; i < a.n; i++) {
    if (group >= 0 && a.group[i] !== group) continue;
    if (humans && a.bot[i] !== 0) continue;
    if (a.suspended[i] !== 0) continue;
    if (exclude !== undefined && exclude.has(i)) continue;
    const f = g.inDegree(i);
    if (f < lo || f > hi) continue;
    matching.push(i);
  }
  const count = Math.min(rule.count ?? 1, matching.length);
  if (count === 0 && options.allowNone === true) return [];
  if (count === 0) {
    throw new InputError(`${source}: no account matches ${JSON.stringify(rule)} (${humans ? 'humans, ' : ''}not suspended, followers in [${lo}, ${hi}]) at hour ${formatValue(w.now / 60)}`, { field: source });
  }
  const pick = rule.pick ?? 'random';
  if (pick === 'random') return w.streams.events.sampleIndices(matching.length, count).map((k) => matching[k]);
  const sign = pick === 'most-followed' ? -1 : 1;
  matching.sort((u, v) => sign * (g.inDegree(u) - g.inDegree(v)) || u - v);
  return matching.slice(0, count);
}

export interface TimelineHost {
  readonly world: World;
  /** Named posts injected so far. */
  readonly injected: Map<string, number>;
  /** Accounts fixed by name at setup, for rules `{ name }`. */
  readonly named?: ReadonlyMap<string, number>;
  addPost(author: number, stance: number, veracity: number, topic: number, kind: number, parent: number): number;
}

/** The index of a topic, registering it on first use. */
export function topicIndex(w: World, name: string | undefined): number {
  if (name === undefined) return 0;
  let t = w.topics.indexOf(name);
  if (t < 0) {
    w.topics.push(name);
    t = w.topics.length - 1;
  }
  return t;
}

/** Apply one event now; `index` is its position in the timeline as given (for messages). */
export function applyEvent(host: TimelineHost, e: TimelineEvent, index: number): EventRecord {
  const w = host.world;
  const src = `timeline[${index}]`;
  const named = { named: host.named };
  switch (e.type) {
    case 'inject': {
      const chosen = chooseAccounts(w, e.author, `${src}.author`, { ...named, allowNone: e.ifNoAuthor === 'skip' });
      if (chosen.length === 0) return { at: w.now, type: e.type, detail: `post "${e.name}" skipped: no account matches its author rule`, accounts: [] };
      const author = chosen[0];
      const veracity = e.veracity === 'true' ? TRUE_CLAIM : e.veracity === 'none' ? NOT_A_CLAIM : FALSE_CLAIM;
      const id = host.addPost(author, e.stance, veracity, topicIndex(w, e.topic), KIND_ORIGINAL, -1);
      w.posts.setAppeal(id,  e.appeal ?? 1);
      // Posted in a language other than the author's (the hoax, in English by a French-speaking account); its reshares inherit it.
      if (e.language !== undefined && w.languages !== null) w.posts.language[id] = languageIndex(w.languages, e.language);
      if (e.target !== undefined) {
        w.posts.setTarget(id,  chooseAccounts(w, e.target, `${src}.target`, named)[0]);
        w.hasTargets = true;
      }
      host.injected.set(e.name, id);
      return { at: w.now, type: e.type, detail: `post "${e.name}" (#${id}) by account ${author} with ${w.graph.inDegree(author)} followers`, accounts: [author] };
    }
    case 'reshare': {
      const post = host.injected.get(e.post);
      if (post === undefined) throw new InputError(`${src}: no injected post named "${e.post}" yet`, { field: `${src}.post` });
      const who = chooseAccounts(w, e.accounts, `${src}.accounts`, named);
      const posts = w.posts;
      const relays: number[] = [];
      // A removed post cannot be relayed; its author and muted accounts do not relay.
      if ((posts.flagsOf(posts.rootOf(post)) & FLAG_REMOVED) === 0) {
        for (const i of who) {
          if (w.agents.muted[i] !== 0 || i === posts.authorOf(post)) continue;
          host.addPost(i, posts.stanceOf(post), posts.veracityOf(post), posts.topic[post], KIND_RESHARE, post);
          posts.bump(post, SLOT_RESHARES);
          const side = w.agents.opinion[i];
          if (side < 0) posts.bump(post, SLOT_ENGAGED_LEFT);
          else if (side > 0) posts.bump(post, SLOT_ENGAGED_RIGHT);
          markTrending(w, posts.rootOf(post));
          relays.push(i);
        }
      }
      return { at: w.now, type: e.type, detail: `"${e.post}" reshared by ${relays.length} accounts`, accounts: relays };
    }
    case 'set': {
      validateSetParams(e.params, `${src}.params`);
      w.params = validatePlatformParams({ ...w.params, ...e.params }, `${src}.params`);
      return { at: w.now, type: e.type, detail: JSON.stringify(e.params), accounts: [] };
    }
    case 'bots-join': {
      let group = 0;
      if (e.group !== undefined) {
        group = w.params.groupNames.indexOf(e.group);
        if (group < 0) throw new ParamError(src, 'group', e.group, `one of ${w.params.groupNames.map((g) => JSON.stringify(g)).join(', ')}`);
      }
      const humans: number[] = [];
      for (let i = 0; i < w.agents.n; i++) if (w.agents.bot[i] === 0 && w.agents.suspended[i] === 0) humans.push(i);
      const follows = Math.min(e.follows ?? w.params.followsPerAccount, humans.length);
      const first = addAccounts(w, e.count);
      const params = e.stance === undefined ? w.params : { ...w.params, botStance: e.stance };
      const r = w.streams.events;
      const ids: number[] = [];
      for (let i = first; i < w.graph.n; i++) {
        makeBot(w.agents, i, params);
        w.agents.tolerance[i] = w.params.tolerance;
        w.agents.group[i] = group;
        for (const k of r.sampleIndices(humans.length, follows)) w.graph.addEdge(i, humans[k]);
        ids.push(i);
      }
      return { at: w.now, type: e.type, detail: `${e.count} bots joined, each following ${follows} humans`, accounts: ids };
    }
    case 'restore-suspended': {
      const restored = restoreSuspended(w, w.params.restoreShare);
      return { at: w.now, type: e.type, detail: `${restored.length} accounts restored`, accounts: restored };
    }
    case 'mute': {
      const who = chooseAccounts(w, e.accounts, `${src}.accounts`, named);
      for (const i of who) w.agents.muted[i] = 1;
      return { at: w.now, type: e.type, detail: `${who.length} accounts muted`, accounts: who };
    }
  }
}
