/**
 * Bot sessions (replacing phases 2–8 for accounts with the bot flag). A bot
 * holds `botStance` (set when it is created; `botShare` of the accounts at
 * the start, or a 'bots-join' event later) and never changes its mind: it
 * skips the perceive, update-opinions and follow phases. Its sessions come
 * at `botActivityPerHour`, with no daily rhythm. Behaviours (SimSoM's bad
 * actors, Truong et al., PNAS Nexus 2024, and the bot taxonomy of Varol et
 * al., ICWSM 2017):
 *
 * - amplify: read the feed and reshare, each with probability 1/2, every
 *   post that makes a false claim or whose stance is within 0.5 of the bot's
 *   (labels do not deter bots); then post the bot's stance with probability
 *   `postProbability`.
 * - flood: post the bot's stance 5 times per session (SimSoM's flooding θ),
 *   on the topic of the latest injected post when there is one; flooders do
 *   not read.
 * - infiltrate: follow a random human it does not follow yet (10 tries); the
 *   human follows back with probability `followBackProbability` (SimSoM's
 *   infiltration γ); then amplify.
 *
 * Muted bots do nothing. Draws come from the run's `bots` stream.
 */
import { FALSE_CLAIM, KIND_ORIGINAL, NOT_A_CLAIM } from './post-store.js';
import type { Platform, TickCounts } from './platform.js';
import type { World } from './world.js';

export const FLOOD_POSTS = 5;
export const AMPLIFY_RANGE = 0.5;
export const AMPLIFY_PROBABILITY = 0.5;
const TRIES = 10;

/** Whether a bot with stance `stance` amplifies post p: a false claim, or a stance within AMPLIFY_RANGE. */
export function botAmplifies(w: World, stance: number, p: number): boolean {
  return w.posts.veracityOf(p) === FALSE_CLAIM || Math.abs(w.posts.stanceOf(p) - stance) < AMPLIFY_RANGE;
}

/** A random human (not suspended) that bot i does not follow yet, or −1 after a few tries. */
export function infiltrationTarget(w: World, i: number): number {
  const r = w.streams.bots;
  const a = w.agents;
  for (let t = 0; t < TRIES; t++) {
    const v = r.int(w.graph.n);
    if (v !== i && a.bot[v] === 0 && a.suspended[v] === 0 && !w.graph.out.has(i, v)) return v;
  }
  return -1;
}

export function botSession(platform: Platform, i: number, tick: TickCounts): void {
  const w = platform.world;
  const behaviour = w.params.botBehaviour;
  const r = w.streams.bots;
  const stance = w.agents.opinion[i];
  // A muted bot reads and draws as usual (so a paired run stays in step) but neither posts nor reshares.
  const muted = w.agents.muted[i] !== 0;
  if (behaviour === 'flood') {
    if (muted) return;
    let topic = 0;
    for (const id of platform.injected.values()) topic = w.posts.topic[id];
    for (let k = 0; k < FLOOD_POSTS; k++) platform.addPost(i, stance, NOT_A_CLAIM, topic, KIND_ORIGINAL, -1);
    return;
  }
  if (behaviour === 'infiltrate') {
    const target = infiltrationTarget(w, i);
    if (target >= 0 && w.graph.addEdge(i, target)) {
      tick.follows++;
      if (r.next() < w.params.followBackProbability && w.graph.addEdge(target, i)) tick.follows++;
    }
  }
  const size = platform.readFeed(i, tick);
  const items = platform.lastFeed;
  for (let k = 0; k < size; k++) {
    const p = items[k];
    if (botAmplifies(w, stance, p) && r.next() < AMPLIFY_PROBABILITY && !muted) platform.engage(i, p, 'reshare', tick);
  }
  if (r.next() < w.params.postProbability && !muted) {
    platform.addPost(i, stance, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
  }
}
