/**
 * Sock puppets: scripted accounts that log every feed they are shown, the
 * instrument of algorithmic audit studies (Sandvig et al. 2014, "Auditing
 * algorithms"; Hosseinmardi et al., PNAS 2024, and Haroon et al., PNAS 2023,
 * ran sock-puppet accounts with set viewing behaviour on YouTube; Huszár et
 * al., PNAS 2022, compared ranked and chronological Twitter timelines).
 *
 * A puppet is an account chosen at setup (by id; a scenario names it in its
 * `accounts`) with a set behaviour:
 *   - its opinion is fixed (`opinion`, on [−1, 1]): no opinion rule runs,
 *     so it never drifts, whatever it is shown;
 *   - `policy` 'passive' only scrolls (no engagement); 'like-aligned' likes,
 *     without any draw, every shown post with |stance − opinion| < `likeWithin`;
 *   - it never posts, reshares, replies, reports, follows or unfollows;
 *   - `sessionsPerHour`, when given, replaces its activity (an integer rate
 *     per hour of tick gives exactly that many sessions; with `dailyRhythm`
 *     the rhythm still scales it).
 *
 * Every item of every feed it receives is one row of the feed log: (time,
 * puppet, kind, position, post, author, stance, veracity, score), the score
 * the ranker sorted by (moderation's downranking included). Puppets draw
 * nothing from the run's streams during their sessions, so what other
 * accounts do is a function of the puppets only through what the puppets
 * like (and the one activation draw every account gets anyway).
 */
import { InputError } from '../../model/errors.js';
import { FALSE_CLAIM } from './post-store.js';

export type PuppetPolicy = 'passive' | 'like-aligned';
export const PUPPET_POLICIES: readonly PuppetPolicy[] = ['passive', 'like-aligned'];

export interface PuppetSpec {
  /** The account (0-based id). */
  readonly account: number;
  /** A label the outcomes group by, e.g. "left", "right", "neutral". */
  readonly kind: string;
  /** The puppet's fixed opinion, on [−1, 1]. */
  readonly opinion: number;
  /** Default 'passive'. */
  readonly policy?: PuppetPolicy;
  /** 'like-aligned': likes posts with |stance − opinion| < this (default 0.5). */
  readonly likeWithin?: number;
  /** Sessions per hour, replacing the account's drawn activity (default: kept). */
  readonly sessionsPerHour?: number;
}

/** The feed log, column by column (one entry per shown item). */
export interface FeedLog {
  readonly time: number[];
  readonly puppet: number[];
  readonly kind: string[];
  readonly position: number[];
  readonly post: number[];
  readonly author: number[];
  readonly stance: number[];
  /** 0 not a claim, 1 true claim, 2 false claim (post-store.ts). */
  readonly veracity: number[];
  readonly score: number[];
}

export function emptyFeedLog(): FeedLog {
  return { time: [], puppet: [], kind: [], position: [], post: [], author: [], stance: [], veracity: [], score: [] };
}

export interface ResolvedPuppet {
  readonly account: number;
  readonly kind: string;
  readonly opinion: number;
  readonly policy: PuppetPolicy;
  readonly likeWithin: number;
  readonly sessionsPerHour: number | null;
}

/** Check a list of puppets against a population of n accounts (a clear error naming the field otherwise). */
export function validatePuppets(specs: readonly PuppetSpec[], n: number, where = 'platform'): ResolvedPuppet[] {
  const seen = new Set<number>();
  return specs.map((s, k) => {
    const at = `${where}: puppets[${k}]`;
    if (!(Number.isInteger(s.account) && s.account >= 0 && s.account < n)) throw new InputError(`${at}.account is ${JSON.stringify(s.account)}; allowed: an account id in [0, ${n - 1}]`, { field: `puppets[${k}].account` });
    if (seen.has(s.account)) throw new InputError(`${at}.account ${s.account} is already a puppet; each account may be one puppet only`, { field: `puppets[${k}].account` });
    seen.add(s.account);
    if (typeof s.kind !== 'string' || s.kind.trim() === '') throw new InputError(`${at}.kind is ${JSON.stringify(s.kind)}; allowed: a non-empty label such as "left"`, { field: `puppets[${k}].kind` });
    if (!(typeof s.opinion === 'number' && s.opinion >= -1 && s.opinion <= 1)) throw new InputError(`${at}.opinion is ${JSON.stringify(s.opinion)}; allowed: a number in [-1, 1]`, { field: `puppets[${k}].opinion` });
    const policy = s.policy ?? 'passive';
    if (!PUPPET_POLICIES.includes(policy)) throw new InputError(`${at}.policy is ${JSON.stringify(policy)}; allowed: ${PUPPET_POLICIES.map((p) => JSON.stringify(p)).join(', ')}`, { field: `puppets[${k}].policy` });
    const likeWithin = s.likeWithin ?? 0.5;
    if (!(typeof likeWithin === 'number' && likeWithin >= 0 && likeWithin <= 2)) throw new InputError(`${at}.likeWithin is ${JSON.stringify(likeWithin)}; allowed: a number in [0, 2]`, { field: `puppets[${k}].likeWithin` });
    const rate = s.sessionsPerHour;
    if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 60)) throw new InputError(`${at}.sessionsPerHour is ${JSON.stringify(rate)}; allowed: a number in [0, 60]`, { field: `puppets[${k}].sessionsPerHour` });
    return { account: s.account, kind: s.kind, opinion: s.opinion, policy, likeWithin, sessionsPerHour: rate ?? null };
  });
}

/** The outcomes puppetOutcomes gives for each puppet kind, with their help lines (`<kind>` stands for the kind). */
export const PUPPET_OUTCOME_HELP: Readonly<Record<string, string>> = Object.freeze({
  items: 'Posts shown to the <kind> puppets over the run (rows of feeds.csv).',
  'mean-stance': 'Mean stance of the posts shown to the <kind> puppets (−1 left … +1 right).',
  'left-share': 'Share of the posts shown to the <kind> puppets with stance < 0.',
  'right-share': 'Share of the posts shown to the <kind> puppets with stance > 0.',
  'extreme-share': 'Share of the posts shown to the <kind> puppets with |stance| ≥ 0.5 (partisan content).',
  'false-share': 'Share of the posts shown to the <kind> puppets that are false claims (or reshares of one).',
});

/**
 * The feed log summed up per puppet kind, `puppet.<kind>.<what>` for each
 * entry of PUPPET_OUTCOME_HELP (NaN shares for a kind shown nothing), kinds
 * in the order of their first puppet.
 */
export function puppetOutcomes(log: FeedLog | null, puppets: readonly ResolvedPuppet[]): Record<string, number> {
  const kinds = [...new Set(puppets.map((p) => p.kind))];
  const acc = new Map(kinds.map((k) => [k, { n: 0, stance: 0, left: 0, right: 0, extreme: 0, false: 0 }]));
  if (log !== null) {
    for (let r = 0; r < log.post.length; r++) {
      const a = acc.get(log.kind[r]);
      if (a === undefined) continue;
      const s = log.stance[r];
      a.n++;
      a.stance += s;
      if (s < 0) a.left++;
      if (s > 0) a.right++;
      if (Math.abs(s) >= 0.5) a.extreme++;
      if (log.veracity[r] === FALSE_CLAIM) a.false++;
    }
  }
  const out: Record<string, number> = {};
  for (const [k, a] of acc) {
    const share = (x: number): number => (a.n > 0 ? x / a.n : NaN);
    out[`puppet.${k}.items`] = a.n;
    out[`puppet.${k}.mean-stance`] = share(a.stance);
    out[`puppet.${k}.left-share`] = share(a.left);
    out[`puppet.${k}.right-share`] = share(a.right);
    out[`puppet.${k}.extreme-share`] = share(a.extreme);
    out[`puppet.${k}.false-share`] = share(a.false);
  }
  return out;
}
