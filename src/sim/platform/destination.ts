/**
 * The second platform accounts move to: the same engine (platform.ts) on
 * the same account numbering, so account i is the same person on both, its
 * follow network empty until accounts sign up. Everyone starts absent,
 * which the engine already knows as "suspended": an absent account has no
 * sessions, is never shown, never recommended and never chosen by an event.
 * Signing up (exodus.ts) lifts that and copies the person's traits from the
 * origin.
 *
 * Its parameters are the origin's, then the kind's, then the caller's:
 *   centralised (Threads-like): one engagement-ranked feed with trending
 *     posts from outside one's follows, the platform's moderation removing
 *     detected false claims;
 *   federated (Mastodon-like): reverse-chronological home timelines with no
 *     out-of-network posts, friend-of-friend suggestions, no platform-wide
 *     moderation (each server has its own policy: federation.ts).
 * Absence is "suspended", so the destination's own moderation may not
 * suspend ('remove-and-suspend' is refused); bots are not simulated there.
 * The claim stream's rate is set each tick in proportion to the share of
 * accounts present (exodus.ts), so claims per account are the origin's.
 *
 * Every stream of the destination forks from its own seed key, so adding it
 * changes no draw of the origin.
 */
import { CsrGraph } from '../../model/csr-graph.js';
import { ParamError } from '../../model/errors.js';
import type { DestinationKind } from './exodus-params.js';
import { validatePlatformParams, type PlatformParams } from './platform-params.js';
import { createPlatform, type Platform } from './platform.js';

/** What each kind of destination sets over the origin's parameters. */
export const DESTINATION_PRESETS: Readonly<Record<DestinationKind, Partial<PlatformParams>>> = Object.freeze({
  centralised: { ranker: 'engagement', moderation: 'remove' },
  federated: { ranker: 'chronological', outOfNetwork: 0, recommender: 'friend-of-friend', moderation: 'none' },
});

/** The destination's parameters: the origin's, the kind's preset, then `overrides` (validated). */
export function destinationParams(origin: PlatformParams, n: number, kind: DestinationKind, overrides: Readonly<Record<string, unknown>> = {}, source = 'exodus destination'): PlatformParams {
  const p = validatePlatformParams({ ...origin, agents: n, network: 'given', botShare: 0, ...DESTINATION_PRESETS[kind], ...overrides }, source);
  if (p.network !== 'given') throw new ParamError(source, 'network', p.network, '"given" (the destination starts with no follows; they come with the accounts)');
  if (p.moderation === 'remove-and-suspend') throw new ParamError(source, 'moderation', p.moderation, 'none, remove, label or downrank (absence from the destination is its suspension flag)');
  if (p.botShare !== 0) throw new ParamError(source, 'botShare', p.botShare, '0 (bots are not simulated on the destination)');
  return p;
}

/**
 * Build the destination of `origin`: `n` accounts (the origin's), all
 * absent, no follows, traits copied from the origin, streams from `seed`.
 */
export function createDestination(origin: Platform, kind: DestinationKind, seed: string, overrides: Readonly<Record<string, unknown>> = {}): Platform {
  const ow = origin.world;
  const n = ow.agents.n;
  const params = destinationParams(ow.params, n, kind, overrides);
  const empty = CsrGraph.fromEdgeList({ n, directed: true, src: new Int32Array(0), dst: new Int32Array(0), m: 0 }, { slack: 2 });
  const camp = ow.camp ? Int32Array.from({ length: n }, (_, i) => (i < ow.camp!.length ? ow.camp![i] : ow.agents.opinion[i] > 0 ? 1 : 0)) : undefined;
  const dest = createPlatform(params, { seed, graph: empty, camp, topics: ow.topics.filter((t) => t !== 'general') });
  const a = dest.world.agents;
  const o = ow.agents;
  a.opinion.set(o.opinion.subarray(0, n));
  a.tolerance.set(o.tolerance.subarray(0, n));
  a.credulity.set(o.credulity.subarray(0, n));
  a.tier.set(o.tier.subarray(0, n));
  a.group.set(o.group.subarray(0, n));
  a.bot.fill(0);
  a.activity.fill(0);
  a.suspended.fill(1);
  return dest;
}
