/**
 * Every post of a run as a struct of growable typed arrays. Post ids are
 * 0, 1, 2, ... in creation order, so "newer than post k" is "id > k" and a
 * reshare's parent always has a smaller id. A reshare or reply records its
 * parent and the root of its cascade: each cascade is a tree with times, in
 * the same form as an archive's propagation tree.
 */

export const KIND_ORIGINAL = 0;
export const KIND_RESHARE = 1;
export const KIND_REPLY = 2;

/** Veracity of a post's claim. */
export const NOT_A_CLAIM = 0;
export const TRUE_CLAIM = 1;
export const FALSE_CLAIM = 2;

/** Bits of `flags`. */
export const FLAG_REMOVED = 1;
export const FLAG_LABELLED = 2;
export const FLAG_DOWNRANKED = 4;

export class PostStore {
  count = 0;
  author: Int32Array;
  /** Creation time, minutes since the start of the run. */
  time: Float64Array;
  /** Stance on [−1, 1]. */
  stance: Float32Array;
  veracity: Uint8Array;
  topic: Uint16Array;
  /** The account the post is about (−1: none); reshares and replies inherit it. */
  target: Int32Array;
  /** How catchy the content is: multiplies every engagement probability (1 = ordinary; reshares inherit it). */
  appeal: Float32Array;
  kind: Uint8Array;
  /** The post this one reshares or replies to (−1 for an original). */
  parent: Int32Array;
  /** The original post at the root of this post's cascade (itself for an original). */
  root: Int32Array;
  likes: Int32Array;
  reshares: Int32Array;
  replies: Int32Array;
  reports: Int32Array;
  views: Int32Array;
  /** Engagements (likes, reshares, replies) by accounts leaning left (< 0) and right (> 0): the bridging ranker's input. */
  engagedLeft: Int32Array;
  engagedRight: Int32Array;
  flags: Uint8Array;
  /** When moderation will act on the post (Infinity: never), minutes. */
  actAt: Float64Array;
  /** When the post was removed (Infinity: never). */
  removedAt: Float64Array;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.author = new Int32Array(c);
    this.time = new Float64Array(c);
    this.stance = new Float32Array(c);
    this.veracity = new Uint8Array(c);
    this.topic = new Uint16Array(c);
    this.appeal = new Float32Array(c);
    this.target = new Int32Array(c);
    this.kind = new Uint8Array(c);
    this.parent = new Int32Array(c);
    this.root = new Int32Array(c);
    this.likes = new Int32Array(c);
    this.reshares = new Int32Array(c);
    this.replies = new Int32Array(c);
    this.reports = new Int32Array(c);
    this.views = new Int32Array(c);
    this.engagedLeft = new Int32Array(c);
    this.engagedRight = new Int32Array(c);
    this.flags = new Uint8Array(c);
    this.actAt = new Float64Array(c);
    this.removedAt = new Float64Array(c);
  }

  get capacity(): number {
    return this.author.length;
  }

  /** Append a post; returns its id. */
  add(author: number, time: number, stance: number, veracity: number, topic: number, kind: number, parent: number): number {
    if (this.count === this.author.length) this.grow();
    const id = this.count++;
    this.author[id] = author;
    this.time[id] = time;
    this.stance[id] = stance;
    this.veracity[id] = veracity;
    this.topic[id] = topic;
    this.kind[id] = kind;
    this.parent[id] = parent;
    this.root[id] = parent < 0 ? id : this.root[parent];
    this.target[id] = parent < 0 ? -1 : this.target[parent];
    // Reshares carry the content and its appeal; replies are new content.
    this.appeal[id] = kind === KIND_RESHARE ? this.appeal[parent] : 1;
    this.actAt[id] = Infinity;
    this.removedAt[id] = Infinity;
    return id;
  }

  isRemoved(id: number): boolean {
    return (this.flags[id] & FLAG_REMOVED) !== 0;
  }

  /** Bytes held by the arrays. */
  bytes(): number {
    return this.capacity * (4 * 12 + 8 * 3 + 4 + 1 * 3 + 2);
  }

  private grow(): void {
    const c = Math.ceil(this.author.length * 1.5);
    const g = <T extends Int32Array | Float64Array | Float32Array | Uint8Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.author = g(this.author, (n) => new Int32Array(n));
    this.time = g(this.time, (n) => new Float64Array(n));
    this.stance = g(this.stance, (n) => new Float32Array(n));
    this.veracity = g(this.veracity, (n) => new Uint8Array(n));
    this.topic = g(this.topic, (n) => new Uint16Array(n));
    this.appeal = g(this.appeal, (n) => new Float32Array(n));
    this.target = g(this.target, (n) => new Int32Array(n));
    this.kind = g(this.kind, (n) => new Uint8Array(n));
    this.parent = g(this.parent, (n) => new Int32Array(n));
    this.root = g(this.root, (n) => new Int32Array(n));
    this.likes = g(this.likes, (n) => new Int32Array(n));
    this.reshares = g(this.reshares, (n) => new Int32Array(n));
    this.replies = g(this.replies, (n) => new Int32Array(n));
    this.reports = g(this.reports, (n) => new Int32Array(n));
    this.views = g(this.views, (n) => new Int32Array(n));
    this.engagedLeft = g(this.engagedLeft, (n) => new Int32Array(n));
    this.engagedRight = g(this.engagedRight, (n) => new Int32Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
    this.actAt = g(this.actAt, (n) => new Float64Array(n));
    this.removedAt = g(this.removedAt, (n) => new Float64Array(n));
  }
}
