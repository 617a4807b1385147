/**
 * Moderation of false claims (phase 9). Moderation acts on a claim, that is
 * on an original false post and its whole cascade of reshares: when the
 * original is created, the platform detects it with probability
 * `detectionProbability` (the value in force then), and acts on it
 * `detectionDelayHours` later (likewise) according to the policy in force at
 * action time — so a 'set' event that switches moderation at hour t changes
 * what happens to every action due after t, and detections made while
 * moderation was 'none' are acted on if it is switched on before they are
 * due. Actions run at the end of the tick in which they fall due.
 *
 * - none: nothing (the detection lapses);
 * - remove: the original and its reshares are hidden from feeds from then on;
 * - label: the original and its reshares, present and future, carry a label
 *   that cuts their reshare probability by `labelReshareFactor`;
 * - downrank: likewise, their ranking score is multiplied by `downrankFactor`;
 * - remove-and-suspend: remove, and suspend an account once `suspendAfter`
 *   of its posts have been removed (suspended accounts neither act nor show).
 *
 * A strike goes to the author of the original only (resharers are not
 * struck). `restoreSuspended` lifts the suspension of a share of the
 * suspended accounts (as when about 62,000 banned accounts were restored in
 * November 2022); restored accounts keep their strikes, so their next
 * removed post suspends them again.
 */
import { FALSE_CLAIM, FLAG_DOWNRANKED, FLAG_LABELLED, FLAG_REMOVED, KIND_RESHARE } from './post-store.js';
import type { World } from './world.js';

/**
 * Detected claims waiting for their action time: a binary min-heap on
 * (action time, post id), so a delay changed mid-run cannot hold back
 * actions that fall due earlier.
 */
export class ModerationQueue {
  private ids = new Int32Array(64);
  private at = new Float64Array(64);
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(id: number, at: number): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.size * 2);
      const times = new Float64Array(this.size * 2);
      ids.set(this.ids);
      times.set(this.at);
      this.ids = ids;
      this.at = times;
    }
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.before(at, id, this.at[parent], this.ids[parent])) break;
      this.ids[k] = this.ids[parent];
      this.at[k] = this.at[parent];
      k = parent;
    }
    this.ids[k] = id;
    this.at[k] = at;
  }

  /** Action time of the next claim (Infinity if none). */
  peekTime(): number {
    return this.size > 0 ? this.at[0] : Infinity;
  }

  /** Remove and return the next claim's post id. */
  pop(): number {
    const top = this.ids[0];
    const n = --this.size;
    const id = this.ids[n];
    const at = this.at[n];
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(this.at[c + 1], this.ids[c + 1], this.at[c], this.ids[c])) c++;
      if (!this.before(this.at[c], this.ids[c], at, id)) break;
      this.ids[k] = this.ids[c];
      this.at[k] = this.at[c];
      k = c;
    }
    if (n > 0) {
      this.ids[k] = id;
      this.at[k] = at;
    }
    return top;
  }

  private before(t1: number, id1: number, t2: number, id2: number): boolean {
    return t1 < t2 || (t1 === t2 && id1 < id2);
  }
}

/**
 * Called for every new post. A reshare takes on its cascade's label and
 * downranking; an original false claim is detected (or not) now and, if
 * detected, queued for action after the detection delay.
 */
export function screenNewPost(w: World, q: ModerationQueue, post: number): void {
  const posts = w.posts;
  if (posts.kindOf(post) === KIND_RESHARE) {
    posts.addFlags(post, posts.flagsOf(posts.rootOf(post)) & (FLAG_LABELLED | FLAG_DOWNRANKED));
    return;
  }
  if (posts.parentOf(post) >= 0 || posts.veracityOf(post) !== FALSE_CLAIM) return;
  if (w.streams.moderation.next() >= w.params.detectionProbability) return;
  posts.actAt[post] = posts.timeOf(post) + w.params.detectionDelayHours * 60;
  q.push(post, posts.actAt[post]);
}

export interface ModerationCounts {
  /** Claims removed (each with its reshares). */
  removed: number;
  labelled: number;
  downranked: number;
  suspended: number;
}

/** Set `flag` on the original `root` and on every reshare in its cascade so far. */
function flagCascade(w: World, root: number, flag: number): void {
  const posts = w.posts;
  posts.addFlags(root, flag);
  for (let p = root + 1; p < posts.count; p++) {
    if (posts.rootOf(p) === root && posts.kindOf(p) === KIND_RESHARE) {
      posts.addFlags(p, flag);
      if (flag === FLAG_REMOVED) posts.removedAt[p] = w.now;
    }
  }
}

/** Apply the policy in force now to every queued claim whose action time has come. */
export function moderate(w: World, q: ModerationQueue, counts: ModerationCounts): void {
  const posts = w.posts;
  const a = w.agents;
  const policy = w.params.moderation;
  while (q.length > 0 && q.peekTime() <= w.now) {
    const p = q.pop();
    switch (policy) {
      case 'remove':
      case 'remove-and-suspend':
        if ((posts.flagsOf(p) & FLAG_REMOVED) === 0) {
          posts.removedAt[p] = w.now;
          flagCascade(w, p, FLAG_REMOVED);
          counts.removed++;
          const author = posts.authorOf(p);
          a.strikes[author]++;
          if (policy === 'remove-and-suspend' && a.suspended[author] === 0 && a.strikes[author] >= w.params.suspendAfter) {
            a.suspended[author] = 1;
            counts.suspended++;
          }
        }
        break;
      case 'label':
        flagCascade(w, p, FLAG_LABELLED);
        counts.labelled++;
        break;
      case 'downrank':
        flagCascade(w, p, FLAG_DOWNRANKED);
        counts.downranked++;
        break;
      default:
        break; // 'none': detected but not acted on
    }
  }
}

/**
 * Lift the suspension of ⌊share × suspended⌉ of the suspended accounts
 * (rounded half up), chosen uniformly from the `events` stream; with share 1
 * every one, and nothing is drawn (so a run restoring everyone draws as it
 * always did). Returns the restored accounts, ascending.
 */
export function restoreSuspended(w: World, share = 1): number[] {
  const s = w.agents.suspended;
  const suspended: number[] = [];
  for (let i = 0; i < w.agents.n; i++) if (s[i] !== 0) suspended.push(i);
  const count = share >= 1 ? suspended.length : Math.floor(share * suspended.length + 0.5);
  const restored = count === suspended.length ? suspended : w.streams.events.sampleIndices(suspended.length, count).map((k) => suspended[k]).sort((a, b) => a - b);
  for (const i of restored) s[i] = 0;
  return restored;
}
