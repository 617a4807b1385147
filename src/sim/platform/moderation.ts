/**
 * Moderation of false posts (phase 9). When a false post is created, the
 * platform detects it with probability `detectionProbability`, and then acts
 * `detectionDelayHours` later according to the policy in force at that time:
 *
 * - none: nothing;
 * - remove: the post (and so every reshare of it) is hidden from then on;
 * - label: the post carries a label that cuts reshares by `labelReshareFactor`;
 * - downrank: its ranking score is multiplied by `downrankFactor`;
 * - remove-and-suspend: remove, and suspend an account after
 *   `suspendAfter` removed posts (suspended accounts neither act nor show).
 *
 * `restoreSuspended` lifts every suspension (as when about 62,000 banned
 * accounts were restored in November 2022).
 */
import { FALSE_CLAIM, FLAG_DOWNRANKED, FLAG_LABELLED, FLAG_REMOVED } from './post-store.js';
import type { World } from './world.js';

/** Moderation's queue: detected false posts waiting for their action time (FIFO by creation). */
export class ModerationQueue {
  ids: Int32Array = new Int32Array(256);
  head = 0;
  tail = 0;

  push(id: number): void {
    if (this.tail === this.ids.length) {
      const live = this.tail - this.head;
      const next = new Int32Array(Math.max(256, live * 2));
      next.set(this.ids.subarray(this.head, this.tail));
      this.ids = next;
      this.head = 0;
      this.tail = live;
    }
    this.ids[this.tail++] = id;
  }
}

/** Called for every new post: schedule detection of false claims. */
export function screenNewPost(w: World, q: ModerationQueue, post: number): void {
  if (w.posts.veracity[post] !== FALSE_CLAIM) return;
  if (w.streams.moderation.next() >= w.params.detectionProbability) return;
  w.posts.actAt[post] = w.posts.time[post] + w.params.detectionDelayHours * 60;
  q.push(post);
}

export interface ModerationCounts {
  removed: number;
  labelled: number;
  downranked: number;
  suspended: number;
}

/** Apply the policy in force to every queued post whose time has come. */
export function moderate(w: World, q: ModerationQueue, counts: ModerationCounts): void {
  const posts = w.posts;
  const a = w.agents;
  const policy = w.params.moderation;
  while (q.head < q.tail) {
    const p = q.ids[q.head];
    if (posts.actAt[p] > w.now) break;
    q.head++;
    switch (policy) {
      case 'remove':
      case 'remove-and-suspend':
        if ((posts.flags[p] & FLAG_REMOVED) === 0) {
          posts.flags[p] |= FLAG_REMOVED;
          posts.removedAt[p] = w.now;
          counts.removed++;
          const author = posts.author[p];
          a.strikes[author]++;
          if (policy === 'remove-and-suspend' && a.suspended[author] === 0 && a.strikes[author] >= w.params.suspendAfter) {
            a.suspended[author] = 1;
            counts.suspended++;
          }
        }
        break;
      case 'label':
        posts.flags[p] |= FLAG_LABELLED;
        counts.labelled++;
        break;
      case 'downrank':
        posts.flags[p] |= FLAG_DOWNRANKED;
        counts.downranked++;
        break;
      default:
        break; // 'none': detected but not acted on
    }
  }
}

/** Lift every suspension; returns how many accounts were restored. */
export function restoreSuspended(w: World): number {
  let restored = 0;
  const s = w.agents.suspended;
  for (let i = 0; i < w.agents.n; i++) {
    if (s[i] !== 0) {
      s[i] = 0;
      restored++;
    }
  }
  return restored;
}
