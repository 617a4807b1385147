/**
 * Scheduled events: what happens at a given simulated hour, applied at the
 * start of the first tick at or after it, in the order given. Accounts are
 * chosen by rules (e.g. "a random account of group FR with 20 to 200
 * followers"), seeded by the run's `events` stream.
 */
import { InputError, ParamError } from '../../model/errors.js';
import { makeBot } from './agents.js';
import { restoreSuspended } from './moderation.js';
import { validatePlatformParams, type PlatformParams } from './platform-params.js';
import { FALSE_CLAIM, KIND_ORIGINAL, KIND_RESHARE, NOT_A_CLAIM, TRUE_CLAIM } from './post-store.js';
import { addAccounts, type World } from './world.js';

/** Which accounts an event concerns. */
export interface AccountRule {
  /** Group (country/language) name. */
  readonly group?: string;
  readonly minFollowers?: number;
  readonly maxFollowers?: number;
  /** Humans only (default true). */
  readonly humans?: boolean;
  /** How to choose among the matching accounts (default 'random'). */
  readonly pick?: 'random' | 'most-followed' | 'least-followed';
  /** How many (default 1). */
  readonly count?: number;
}

export type TimelineEvent =
  | { readonly at: number; readonly type: 'inject'; readonly name: string; readonly author: AccountRule; readonly stance: number; readonly veracity?: 'false' | 'true' | 'none'; readonly topic?: string; readonly appeal?: number }
  | { readonly at: number; readonly type: 'reshare'; readonly post: string; readonly accounts: AccountRule }
  | { readonly at: number; readonly type: 'set'; readonly params: Partial<PlatformParams> }
  | { readonly at: number; readonly type: 'bots-join'; readonly count: number; readonly stance?: number; readonly follows?: number }
  | { readonly at: number; readonly type: 'restore-suspended' }
  | { readonly at: number; readonly type: 'mute'; readonly accounts: AccountRule };

/** What an applied event did, for the run's log. */
export interface EventRecord {
  readonly at: number;
  readonly type: TimelineEvent['type'];
  readonly detail: string;
  readonly accounts: readonly number[];
}

export const EVENT_TYPES = ['inject', 'reshare', 'set', 'bots-join', 'restore-suspended', 'mute'] as const;

/** Check a timeline before a run, with errors naming the event and field. */
export function validateTimeline(events: readonly TimelineEvent[], source = 'timeline'): void {
  events.forEach((e, k) => {
    const where = `${source}[${k}]`;
    if (e === null || typeof e !== 'object') throw new InputError(`${where}: expected an event object`, { field: `${where}` });
    if (typeof e.at !== 'number' || !(e.at >= 0) || !Number.isFinite(e.at)) throw new ParamError(where, 'at', e.at, 'an hour ≥ 0');
    if (!(EVENT_TYPES as readonly string[]).includes(e.type)) throw new ParamError(where, 'type', e.type, `one of ${EVENT_TYPES.join(', ')}`);
    if (e.type === 'inject') {
      if (typeof e.name !== 'string' || e.name === '') throw new ParamError(where, 'name', e.name, 'a non-empty name');
      if (typeof e.stance !== 'number' || !(e.stance >= -1 && e.stance <= 1)) throw new ParamError(where, 'stance', e.stance, 'a number in [−1, 1]');
      if (e.veracity !== undefined && !['false', 'true', 'none'].includes(e.veracity)) throw new ParamError(where, 'veracity', e.veracity, '"false", "true" or "none"');
      if (e.appeal !== undefined && !(typeof e.appeal === 'number' && e.appeal >= 0 && e.appeal <= 1000)) throw new ParamError(where, 'appeal', e.appeal, 'a number in [0, 1000]');
    }
    if (e.type === 'set') validatePlatformParams(e.params as Record<string, unknown>, `${where}.params`);
    if (e.type === 'bots-join' && !(Number.isInteger(e.count) && e.count >= 1)) throw new ParamError(where, 'count', e.count, 'an integer ≥ 1');
  });
}

/** The accounts matching a rule, chosen by its `pick`. */
export function chooseAccounts(w: World, rule: AccountRule, source = 'rule'): number[] {
  const a = w.agents;
  const g = w.graph;
  let group = -1;
  if (rule.group !== undefined) {
    group = w.params.groupNames.indexOf(rule.group);
    if (group < 0) throw new ParamError(source, 'group', rule.group, `one of ${w.params.groupNames.map((x) => JSON.stringify(x)).join(', ')}`);
  }
  const lo = rule.minFollowers ?? 0;
  const hi = rule.maxFollowers ?? Infinity;
  const humans = rule.humans ?? true;
  const matching: number[] = [];
  for (let i = 0; i < a.n; i++) {
    if (group >= 0 && a.group[i] !== group) continue;
    if (humans && a.bot[i] !== 0) continue;
    if (a.suspended[i] !== 0) continue;
    const f = g.inDegree(i);
    if (f < lo || f > hi) continue;
    matching.push(i);
  }
  const count = Math.min(rule.count ?? 1, matching.length);
  if (count === 0) throw new InputError(`${source}: no account matches ${JSON.stringify(rule)}`, { field: 'author' });
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
  addPost(author: number, stance: number, veracity: number, topic: number, kind: number, parent: number): number;
}

function topicIndex(w: World, name: string | undefined): number {
  if (name === undefined) return 0;
  let t = w.topics.indexOf(name);
  if (t < 0) {
    w.topics.push(name);
    t = w.topics.length - 1;
  }
  return t;
}

/** Apply one event now. */
export function applyEvent(host: TimelineHost, e: TimelineEvent, index: number): EventRecord {
  const w = host.world;
  const src = `timeline[${index}]`;
  switch (e.type) {
    case 'inject': {
      const [author] = chooseAccounts(w, e.author, `${src}.author`);
      const veracity = e.veracity === 'true' ? TRUE_CLAIM : e.veracity === 'none' ? NOT_A_CLAIM : FALSE_CLAIM;
      const id = host.addPost(author, e.stance, veracity, topicIndex(w, e.topic), KIND_ORIGINAL, -1);
      w.posts.appeal[id] = e.appeal ?? 1;
      host.injected.set(e.name, id);
      return { at: w.now, type: e.type, detail: `post "${e.name}" (#${id}) by account ${author} with ${w.graph.inDegree(author)} followers`, accounts: [author] };
    }
    case 'reshare': {
      const post = host.injected.get(e.post);
      if (post === undefined) throw new InputError(`${src}: no injected post named "${e.post}" yet`, { field: 'post' });
      const who = chooseAccounts(w, e.accounts, `${src}.accounts`);
      const relays: number[] = [];
      for (const i of who) {
        if (w.agents.muted[i] !== 0) continue;
        host.addPost(i, w.posts.stance[post], w.posts.veracity[post], w.posts.topic[post], KIND_RESHARE, post);
        w.posts.reshares[post]++;
        relays.push(i);
      }
      return { at: w.now, type: e.type, detail: `"${e.post}" reshared by ${relays.length} accounts`, accounts: relays };
    }
    case 'set': {
      w.params = validatePlatformParams({ ...w.params, ...e.params }, `${src}.params`);
      return { at: w.now, type: e.type, detail: JSON.stringify(e.params), accounts: [] };
    }
    case 'bots-join': {
      const first = addAccounts(w, e.count);
      const params = e.stance === undefined ? w.params : { ...w.params, botStance: e.stance };
      const follows = e.follows ?? w.params.followsPerAccount;
      const r = w.streams.events;
      const ids: number[] = [];
      for (let i = first; i < w.graph.n; i++) {
        makeBot(w.agents, i, params);
        w.agents.tolerance[i] = w.params.tolerance;
        for (let k = 0; k < follows; k++) w.graph.addEdge(i, r.int(first));
        ids.push(i);
      }
      return { at: w.now, type: e.type, detail: `${e.count} bots joined`, accounts: ids };
    }
    case 'restore-suspended': {
      const n = restoreSuspended(w);
      return { at: w.now, type: e.type, detail: `${n} accounts restored`, accounts: [] };
    }
    case 'mute': {
      const who = chooseAccounts(w, e.accounts, `${src}.accounts`);
      for (const i of who) w.agents.muted[i] = 1;
      return { at: w.now, type: e.type, detail: `${who.length} accounts muted`, accounts: who };
    }
  }
}
