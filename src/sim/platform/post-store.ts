/**
 * Every post of a run, growable. Post ids are 0, 1, 2, ... in creation
 * order, so "newer than post k" is "id > k" and a reshare's parent always
 * has a smaller id. A reshare or reply records its parent and the root of
 * its cascade: each cascade is a tree with times, in the same form as an
 * archive's propagation tree.
 *
 * Layout: what a feed and a session read of a post lives in one 64-byte
 * record (one cache line), not in a dozen separate arrays. A session shows
 * a handful of posts among a million, each read once: with one array per
 * field every field was a cache miss of its own; with the record, one
 * (measured +5–7 % sessions/s for chronological feeds, +30 % for
 * engagement-ranked ones, at a million accounts). Read it through the
 * accessors (`timeOf(p)`, `rootOf(p)`, ...); hot loops read the views with
 * the offsets below (as literals: a test checks them against the SLOT_*
 * constants). Rarely read fields (topic, parent, moderation times) stay in
 * arrays of their own.
 *
 *   bytes  0– 7  time (f64, minutes)       32–35  likes
 *          8–11  root                      36–39  reshares
 *         12–15  author                    40–43  replies
 *         16–19  stance (f32)              44–47  reports
 *         20–23  appeal (f32)              48–51  engaged by left-leaning accounts
 *         24     flags                     52–55  engaged by right-leaning accounts
 *         25     veracity                  56–59  target account (−1: none)
 *         26     kind                      60–63  the author's previous post (−1: none)
 *         27     novelty steps (i8)
 *         28–31  views
 *
 * Novelty steps k scale the post's novelty half-life by 2^(k/16) (k = 0, the
 * default, leaves it as it is; the claim stream sets them per claim, and a
 * reshare carries its parent's).
 */

import { pow } from '../../model/det-math.js';

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

/** Bytes per post record, and the record's slots in units of its views (f64: 8 per record, i32/f32: 16, u8: 64). */
export const POST_RECORD_BYTES = 64;
export const POST_I32 = 16;
/** i32 slots. */
export const SLOT_ROOT = 2;
export const SLOT_AUTHOR = 3;
export const SLOT_VIEWS = 7;
export const SLOT_LIKES = 8;
export const SLOT_RESHARES = 9;
export const SLOT_REPLIES = 10;
export const SLOT_REPORTS = 11;
export const SLOT_ENGAGED_LEFT = 12;
export const SLOT_ENGAGED_RIGHT = 13;
export const SLOT_TARGET = 14;
/** The author's previous post: the per-author list feeds walk, newest first (set by indexPost in world.ts). */
export const SLOT_PREVIOUS_BY_AUTHOR = 15;
/** f32 slots. */
export const SLOT_STANCE = 4;
export const SLOT_APPEAL = 5;
/** u8 bytes. */
export const BYTE_FLAGS = 24;
export const BYTE_VERACITY = 25;
export const BYTE_KIND = 26;
export const BYTE_NOVELTY = 27;

/** Novelty steps k ∈ [−128, 127] scale a post's novelty half-life by 2^(k/16): these factors, indexed by k + 128 (exactly 1 at k = 0). */
export const NOVELTY_SCALES: Float64Array = Float64Array.from({ length: 256 }, (_, i) => (i === 128 ? 1 : pow(2, (i - 128) / 16)));

export class PostStore {
  count = 0;
  /** The records, through four views of one buffer (see the layout above). Replaced when the store grows: read them after adding posts. */
  f64: Float64Array;
  i32: Int32Array;
  f32: Float32Array;
  u8: Uint8Array;
  topic: Uint16Array;
  /** Language index of each post (languages.ts); 0 when language is not modelled. */
  language: Uint8Array;
  /** The outlet each post links to, plus one (0: no link; outlets.ts). */
  source: Uint16Array;
  /** The post each one reshares or replies to (−1 for an original): read for cascades, not by feeds. */
  parent: Int32Array;
  /** When moderation will act on the post (Infinity: never), minutes. */
  actAt: Float64Array;
  /** When the post was removed (Infinity: never). */
  removedAt: Float64Array;

  /**
   * Where the records live: a WebAssembly memory when there is one, because
   * its data starts on a page boundary, so every record is exactly one cache
   * line (an ArrayBuffer's data may start 16 bytes into a line, and then
   * each record spans two: measured ~10 % slower per record read from
   * DRAM); it also grows in place, without a copy.
   */
  private readonly memory: WebAssembly.Memory | null;

  /** `wasmMemory: false` keeps the records in a plain ArrayBuffer (what runs where WebAssembly is missing). */
  constructor(capacity = 1024, wasmMemory = typeof WebAssembly === 'object') {
    const c = Math.max(16, capacity);
    this.memory = wasmMemory ? new WebAssembly.Memory({ initial: pagesFor(c) }) : null;
    const buffer = this.memory ? this.memory.buffer : new ArrayBuffer(c * POST_RECORD_BYTES);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.f32 = new Float32Array(buffer);
    this.u8 = new Uint8Array(buffer);
    this.topic = new Uint16Array(c);
    this.language = new Uint8Array(c);
    this.source = new Uint16Array(c);
    this.parent = new Int32Array(c);
    this.actAt = new Float64Array(c);
    this.removedAt = new Float64Array(c);
  }

  get capacity(): number {
    return this.topic.length;
  }

  /** Append a post; returns its id. */
  add(author: number, time: number, stance: number, veracity: number, topic: number, kind: number, parent: number): number {
    if (this.count === this.capacity) this.grow();
    const id = this.count++;
    const i32 = this.i32;
    const r = id * 16;
    this.f64[id * 8] = time;
    i32[r + 2] = parent < 0 ? id : i32[parent * 16 + 2];
    i32[r + 3] = author;
    this.f32[r + 4] = stance;
    // Reshares carry the content and its appeal; replies are new content.
    this.f32[r + 5] = kind === KIND_RESHARE ? this.f32[parent * 16 + 5] : 1;
    this.u8[id * 64 + 25] = veracity;
    this.u8[id * 64 + 26] = kind;
    this.u8[id * 64 + 27] = kind === KIND_RESHARE ? this.u8[parent * 64 + 27] : 0;
    i32[r + 14] = parent < 0 ? -1 : i32[parent * 16 + 14];
    i32[r + 15] = -1;
    this.topic[id] = topic;
    this.parent[id] = parent;
    this.actAt[id] = Infinity;
    this.removedAt[id] = Infinity;
    return id;
  }

  /** Creation time, minutes since the start of the run. */
  timeOf(p: number): number {
    return this.f64[p * 8];
  }
  /** The original post at the root of p's cascade (p itself for an original). */
  rootOf(p: number): number {
    return this.i32[p * 16 + 2];
  }
  authorOf(p: number): number {
    return this.i32[p * 16 + 3];
  }
  /** Stance on [−1, 1]. */
  stanceOf(p: number): number {
    return this.f32[p * 16 + 4];
  }
  /** How catchy the content is: multiplies every engagement probability (1 = ordinary; reshares inherit it). */
  appealOf(p: number): number {
    return this.f32[p * 16 + 5];
  }
  /** FLAG_* bits. */
  flagsOf(p: number): number {
    return this.u8[p * 64 + 24];
  }
  /** NOT_A_CLAIM, TRUE_CLAIM or FALSE_CLAIM. */
  veracityOf(p: number): number {
    return this.u8[p * 64 + 25];
  }
  /** KIND_ORIGINAL, KIND_RESHARE or KIND_REPLY. */
  kindOf(p: number): number {
    return this.u8[p * 64 + 26];
  }
  /** Novelty steps k: the post's novelty half-life is scaled by 2^(k/16) (0: unscaled). */
  noveltyStepsOf(p: number): number {
    return (this.u8[p * 64 + 27] << 24) >> 24;
  }
  /** The factor 2^(k/16) of the post's novelty half-life (1 unless set). */
  noveltyScaleOf(p: number): number {
    return NOVELTY_SCALES[((this.u8[p * 64 + 27] << 24) >> 24) + 128];
  }
  /** Set novelty steps (an integer, clamped to [−128, 127]); reshares made afterwards carry them. */
  setNoveltySteps(p: number, steps: number): void {
    this.u8[p * 64 + 27] = Math.max(-128, Math.min(127, Math.round(steps))) & 0xff;
  }
  viewsOf(p: number): number {
    return this.i32[p * 16 + 7];
  }
  likesOf(p: number): number {
    return this.i32[p * 16 + 8];
  }
  resharesOf(p: number): number {
    return this.i32[p * 16 + 9];
  }
  repliesOf(p: number): number {
    return this.i32[p * 16 + 10];
  }
  reportsOf(p: number): number {
    return this.i32[p * 16 + 11];
  }
  /** Engagements (likes, reshares, replies) by accounts leaning left (< 0): the bridging ranker's input. */
  engagedLeftOf(p: number): number {
    return this.i32[p * 16 + 12];
  }
  /** Engagements by accounts leaning right (> 0). */
  engagedRightOf(p: number): number {
    return this.i32[p * 16 + 13];
  }
  /** The account the post is about (−1: none); reshares and replies inherit it. */
  targetOf(p: number): number {
    return this.i32[p * 16 + 14];
  }
  /** The post this one reshares or replies to (−1 for an original). */
  parentOf(p: number): number {
    return this.parent[p];
  }
  /** The same author's previous post (−1: none, or the post was never indexed for feeds). */
  previousByAuthor(p: number): number {
    return this.i32[p * 16 + 15];
  }
  setPreviousByAuthor(p: number, previous: number): void {
    this.i32[p * 16 + 15] = previous;
  }

  /** Add one to a counter slot (SLOT_VIEWS ... SLOT_ENGAGED_RIGHT). */
  bump(p: number, slot: number): void {
    this.i32[p * 16 + slot]++;
  }
  /** Set a counter slot (tests and tools; the simulation only counts up). */
  setCount(p: number, slot: number, value: number): void {
    this.i32[p * 16 + slot] = value;
  }
  /** Set FLAG_* bits. */
  addFlags(p: number, flags: number): void {
    this.u8[p * 64 + 24] |= flags;
  }
  /** Replace the flags (tests and tools; moderation only ever adds). */
  setFlags(p: number, flags: number): void {
    this.u8[p * 64 + 24] = flags;
  }
  setAppeal(p: number, appeal: number): void {
    this.f32[p * 16 + 5] = appeal;
  }
  setTarget(p: number, account: number): void {
    this.i32[p * 16 + 14] = account;
  }

  isRemoved(id: number): boolean {
    return (this.u8[id * 64 + 24] & FLAG_REMOVED) !== 0;
  }

  /** Bytes held by the arrays. */
  bytes(): number {
    return this.capacity * (POST_RECORD_BYTES + 2 + 4 + 8 * 2);
  }

  private grow(): void {
    const c = Math.ceil(this.capacity * 1.5);
    let buffer: ArrayBuffer;
    if (this.memory) {
      const have = this.memory.buffer.byteLength / WASM_PAGE;
      const need = pagesFor(c);
      if (need > have) {
        try {
          this.memory.grow(need - have);
        } catch (e) {
          throw new RangeError(`platform: the post store cannot grow to ${c} posts (${need * WASM_PAGE} bytes of records): ${(e as Error).message}`);
        }
      }
      // Grown in place: the old views are detached, the records are where they were.
      buffer = this.memory.buffer;
    } else {
      buffer = new ArrayBuffer(c * POST_RECORD_BYTES);
      new Uint8Array(buffer).set(this.u8);
    }
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.f32 = new Float32Array(buffer);
    this.u8 = new Uint8Array(buffer);
    const g = <T extends Float64Array | Uint16Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.topic = g(this.topic, (n) => new Uint16Array(n));
    this.language = g(this.language, (n) => new Uint8Array(n));
    this.source = g(this.source, (n) => new Uint16Array(n));
    this.parent = g(this.parent, (n) => new Int32Array(n));
    this.actAt = g(this.actAt, (n) => new Float64Array(n));
    this.removedAt = g(this.removedAt, (n) => new Float64Array(n));
  }
}

const WASM_PAGE = 65536;

/** WebAssembly pages that hold `posts` records. */
function pagesFor(posts: number): number {
  return Math.ceil((posts * POST_RECORD_BYTES) / WASM_PAGE);
}
