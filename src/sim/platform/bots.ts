/**
 * Bot sessions (replacing phases 2–8 for accounts with the bot flag). Bots
 * hold `botStance` and never change their mind. Behaviours (SimSoM's bad
 * actors, Truong et al., PNAS Nexus 2024, and the bot taxonomy of Varol et
 * al., ICWSM 2017):
 *
 * - amplify: read the feed and reshare, with probability 1/2 each, every post
 *   that makes a false claim or whose stance is within 0.5 of the bot's;
 *   post the bot's stance with probability `postProbability`.
 * - flood: post the bot's stance 5 times per session (SimSoM's flooding θ),
 *   on the topic of the latest injected post when there is one.
 * - infiltrate: follow a random human; the human follows back with
 *   probability `followBackProbability` (SimSoM's infiltration γ); then amplify.
 */
import { FALSE_CLAIM, KIND_ORIGINAL, NOT_A_CLAIM } from './post-store.js';
import type { Platform, TickCounts } from './platform.js';

const FLOOD_POSTS = 5;
const AMPLIFY_RANGE = 0.5;
const AMPLIFY_PROBABILITY = 0.5;

export function botSession(platform: Platform, i: number, tick: TickCounts): void {
  const w = platform.world;
  const behaviour = w.params.botBehaviour;
  const r = w.streams.bots;
  const stance = w.agents.opinion[i];
  if (w.agents.muted[i] !== 0) return;
  if (behaviour === 'flood') {
    let topic = 0;
    for (const id of platform.injected.values()) topic = w.posts.topic[id];
    for (let k = 0; k < FLOOD_POSTS; k++) platform.addPost(i, stance, NOT_A_CLAIM, topic, KIND_ORIGINAL, -1);
    tick.posts += FLOOD_POSTS;
    return;
  }
  if (behaviour === 'infiltrate') {
    const target = r.int(w.graph.n);
    if (target !== i && w.agents.bot[target] === 0 && w.graph.addEdge(i, target)) {
      tick.follows++;
      if (r.next() < w.params.followBackProbability && w.graph.addEdge(target, i)) tick.follows++;
    }
  }
  const size = platform.readFeed(i, tick);
  const items = platform.lastFeed;
  for (let k = 0; k < size; k++) {
    const p = items[k];
    const fits = w.posts.veracity[p] === FALSE_CLAIM || Math.abs(w.posts.stance[p] - stance) < AMPLIFY_RANGE;
    if (fits && r.next() < AMPLIFY_PROBABILITY) platform.engage(i, p, 'reshare', tick);
  }
  if (r.next() < w.params.postProbability) {
    platform.addPost(i, stance, NOT_A_CLAIM, 0, KIND_ORIGINAL, -1);
    tick.posts++;
  }
}
