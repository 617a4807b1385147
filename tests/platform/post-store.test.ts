/**
 * The post store against a plain reference: one JavaScript object per post,
 * with the inheritance rules written out (a reshare or reply has its
 * parent's root and target; a reshare carries its parent's appeal and
 * novelty steps, a reply starts at 1 and 0). Random sequences of posts, counter bumps, flag changes and
 * edits run on stores that start small, so they grow many times, with the
 * records in a WebAssembly memory (grown in place) and in plain
 * ArrayBuffers (copied on growth); every field of every post must agree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FLAG_DOWNRANKED,
  FLAG_LABELLED,
  FLAG_REMOVED,
  KIND_ORIGINAL,
  KIND_REPLY,
  KIND_RESHARE,
  BYTE_FLAGS,
  BYTE_KIND,
  BYTE_NOVELTY,
  BYTE_VERACITY,
  NOVELTY_SCALES,
  POST_I32,
  POST_RECORD_BYTES,
  PostStore,
  SLOT_APPEAL,
  SLOT_AUTHOR,
  SLOT_ENGAGED_LEFT,
  SLOT_ENGAGED_RIGHT,
  SLOT_LIKES,
  SLOT_PREVIOUS_BY_AUTHOR,
  SLOT_REPLIES,
  SLOT_REPORTS,
  SLOT_RESHARES,
  SLOT_ROOT,
  SLOT_STANCE,
  SLOT_TARGET,
  SLOT_VIEWS,
} from '../../src/sim/platform/post-store.js';

interface RefPost {
  author: number;
  time: number;
  stance: number;
  veracity: number;
  topic: number;
  kind: number;
  parent: number;
  root: number;
  target: number;
  appeal: number;
  novelty: number;
  flags: number;
  counts: Map<number, number>;
}

const COUNTERS = [SLOT_VIEWS, SLOT_LIKES, SLOT_RESHARES, SLOT_REPLIES, SLOT_REPORTS, SLOT_ENGAGED_LEFT, SLOT_ENGAGED_RIGHT] as const;

type Op =
  | { op: 'add'; author: number; stance: number; veracity: number; topic: number; kind: number; parentPick: number }
  | { op: 'bump'; pick: number; slot: number }
  | { op: 'flag'; pick: number; flag: number }
  | { op: 'appeal'; pick: number; value: number }
  | { op: 'target'; pick: number; account: number }
  | { op: 'novelty'; pick: number; steps: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('add' as const), author: fc.nat(1_000_000), stance: fc.double({ min: -1, max: 1, noNaN: true }), veracity: fc.integer({ min: 0, max: 2 }), topic: fc.nat(20), kind: fc.constantFrom(KIND_ORIGINAL, KIND_RESHARE, KIND_REPLY), parentPick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('bump' as const), pick: fc.nat(), slot: fc.constantFrom(...COUNTERS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('flag' as const), pick: fc.nat(), flag: fc.constantFrom(FLAG_REMOVED, FLAG_LABELLED, FLAG_DOWNRANKED) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('appeal' as const), pick: fc.nat(), value: fc.double({ min: 0, max: 10, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('target' as const), pick: fc.nat(), account: fc.integer({ min: -1, max: 1000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('novelty' as const), pick: fc.nat(), steps: fc.integer({ min: -300, max: 300 }) }) },
);

function run(ops: readonly Op[], stores: readonly PostStore[]): RefPost[] {
  const ref: RefPost[] = [];
  let time = 0;
  for (const o of ops) {
    if (o.op === 'add') {
      // Originals have no parent; reshares and replies need an earlier post.
      const kind = ref.length === 0 ? KIND_ORIGINAL : o.kind;
      const parent = kind === KIND_ORIGINAL ? -1 : o.parentPick % ref.length;
      const par = parent >= 0 ? ref[parent] : undefined;
      time += 0.5;
      const id = ref.length;
      ref.push({
        author: o.author,
        time,
        stance: Math.fround(o.stance),
        veracity: o.veracity,
        topic: o.topic,
        kind,
        parent,
        root: par ? par.root : id,
        target: par ? par.target : -1,
        appeal: kind === KIND_RESHARE && par ? par.appeal : 1,
        novelty: kind === KIND_RESHARE && par ? par.novelty : 0,
        flags: 0,
        counts: new Map(),
      });
      for (const s of stores) expect(s.add(o.author, time, o.stance, o.veracity, o.topic, kind, parent)).toBe(id);
      continue;
    }
    if (ref.length === 0) continue;
    const p = o.pick % ref.length;
    const r = ref[p];
    for (const s of stores) {
      if (o.op === 'bump') s.bump(p, o.slot);
      else if (o.op === 'flag') s.addFlags(p, o.flag);
      else if (o.op === 'appeal') s.setAppeal(p, o.value);
      else if (o.op === 'novelty') s.setNoveltySteps(p, o.steps);
      else s.setTarget(p, o.account);
    }
    if (o.op === 'bump') r.counts.set(o.slot, (r.counts.get(o.slot) ?? 0) + 1);
    else if (o.op === 'flag') r.flags |= o.flag;
    else if (o.op === 'appeal') r.appeal = Math.fround(o.value);
    else if (o.op === 'novelty') r.novelty = Math.max(-128, Math.min(127, o.steps));
    else r.target = o.account;
  }
  return ref;
}

function expectSame(s: PostStore, ref: readonly RefPost[]): void {
  expect(s.count).toBe(ref.length);
  expect(s.capacity).toBeGreaterThanOrEqual(ref.length);
  ref.forEach((r, p) => {
    const got = {
      author: s.authorOf(p),
      time: s.timeOf(p),
      stance: s.stanceOf(p),
      veracity: s.veracityOf(p),
      topic: s.topic[p],
      kind: s.kindOf(p),
      parent: s.parentOf(p),
      root: s.rootOf(p),
      target: s.targetOf(p),
      appeal: s.appealOf(p),
      novelty: s.noveltyStepsOf(p),
      flags: s.flagsOf(p),
      views: s.viewsOf(p),
      likes: s.likesOf(p),
      reshares: s.resharesOf(p),
      replies: s.repliesOf(p),
      reports: s.reportsOf(p),
      left: s.engagedLeftOf(p),
      right: s.engagedRightOf(p),
      removed: s.isRemoved(p),
    };
    const c = (slot: number): number => r.counts.get(slot) ?? 0;
    expect(Math.abs(s.noveltyScaleOf(p) / 2 ** (r.novelty / 16) - 1), `post ${p} novelty scale`).toBeLessThan(1e-14);
    expect(got, `post ${p}`).toEqual({
      author: r.author,
      time: r.time,
      stance: r.stance,
      veracity: r.veracity,
      topic: r.topic,
      kind: r.kind,
      parent: r.parent,
      root: r.root,
      target: r.target,
      appeal: r.appeal,
      novelty: r.novelty,
      flags: r.flags,
      views: c(SLOT_VIEWS),
      likes: c(SLOT_LIKES),
      reshares: c(SLOT_RESHARES),
      replies: c(SLOT_REPLIES),
      reports: c(SLOT_REPORTS),
      left: c(SLOT_ENGAGED_LEFT),
      right: c(SLOT_ENGAGED_RIGHT),
      removed: (r.flags & FLAG_REMOVED) !== 0,
    });
  });
}

describe('post store', () => {
  it('every field of every post equals a plain reference, through growth, in a WebAssembly memory and in ArrayBuffers', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 400, size: 'max' }), fc.integer({ min: 1, max: 40 }), (ops, capacity) => {
        const stores = [new PostStore(capacity, true), new PostStore(capacity, false)];
        const ref = run(ops, stores);
        for (const s of stores) expectSame(s, ref);
      }),
      { numRuns: 60 },
    );
  });

  it('grows past a WebAssembly page many times with the records in place', () => {
    // 1,024 records per 64 KiB page: 5,000 posts from a capacity of 16 cross several pages and growths.
    const ops: Op[] = [];
    for (let k = 0; k < 5000; k++) {
      ops.push({ op: 'add', author: k % 97, stance: ((k % 21) - 10) / 10, veracity: k % 3, topic: k % 5, kind: k % 4 === 0 ? KIND_ORIGINAL : k % 4 === 1 ? KIND_RESHARE : k % 4 === 2 ? KIND_REPLY : KIND_ORIGINAL, parentPick: k * 7919 });
      if (k % 3 === 0) ops.push({ op: 'bump', pick: k * 31, slot: COUNTERS[k % COUNTERS.length] });
    }
    const stores = [new PostStore(16, true), new PostStore(16, false)];
    const ref = run(ops, stores);
    for (const s of stores) expectSame(s, ref);
    expect(stores[0].capacity * POST_RECORD_BYTES).toBeGreaterThan(65536 * 4);
  });

  it('the accessors read the slots the layout constants name (hot loops use them as literals)', () => {
    const s = new PostStore(16);
    const a = s.add(11, 2.5, -0.25, 2, 3, KIND_ORIGINAL, -1);
    s.setTarget(a, 42);
    s.setPreviousByAuthor(a, 7);
    s.setAppeal(a, 1.5);
    s.addFlags(a, FLAG_LABELLED);
    s.setNoveltySteps(a, -5);
    const b = s.add(12, 4, 0.5, 1, 0, KIND_RESHARE, a);
    COUNTERS.forEach((slot, k) => {
      for (let c = 0; c <= k; c++) s.bump(b, slot);
    });
    expect(POST_I32 * 4).toBe(POST_RECORD_BYTES);
    for (const p of [a, b]) {
      const r = p * POST_I32;
      expect(s.f64[(p * POST_RECORD_BYTES) / 8]).toBe(s.timeOf(p));
      expect(s.i32[r + SLOT_ROOT]).toBe(s.rootOf(p));
      expect(s.i32[r + SLOT_AUTHOR]).toBe(s.authorOf(p));
      expect(s.f32[r + SLOT_STANCE]).toBe(s.stanceOf(p));
      expect(s.f32[r + SLOT_APPEAL]).toBe(s.appealOf(p));
      expect(s.i32[r + SLOT_TARGET]).toBe(s.targetOf(p));
      expect(s.i32[r + SLOT_PREVIOUS_BY_AUTHOR]).toBe(s.previousByAuthor(p));
      expect(s.u8[p * POST_RECORD_BYTES + BYTE_FLAGS]).toBe(s.flagsOf(p));
      expect(s.u8[p * POST_RECORD_BYTES + BYTE_VERACITY]).toBe(s.veracityOf(p));
      expect(s.u8[p * POST_RECORD_BYTES + BYTE_KIND]).toBe(s.kindOf(p));
      expect((s.u8[p * POST_RECORD_BYTES + BYTE_NOVELTY] << 24) >> 24).toBe(s.noveltyStepsOf(p));
      const counts = [s.viewsOf(p), s.likesOf(p), s.resharesOf(p), s.repliesOf(p), s.reportsOf(p), s.engagedLeftOf(p), s.engagedRightOf(p)];
      expect(COUNTERS.map((slot) => s.i32[r + slot])).toEqual(counts);
    }
    // Distinct values, so a slot mix-up cannot pass by coincidence.
    expect([s.timeOf(a), s.authorOf(a), s.stanceOf(a), s.appealOf(a), s.targetOf(a), s.previousByAuthor(a), s.flagsOf(a), s.veracityOf(a), s.kindOf(a)]).toEqual([2.5, 11, -0.25, 1.5, 42, 7, FLAG_LABELLED, 2, KIND_ORIGINAL]);
    expect([s.rootOf(b), s.kindOf(b), s.targetOf(b), s.appealOf(b), s.noveltyStepsOf(b)]).toEqual([a, KIND_RESHARE, 42, 1.5, -5]);
    // The half-life factors: exactly 1 at 0 steps, doubling every 16 steps.
    expect(NOVELTY_SCALES[128]).toBe(1);
    expect(NOVELTY_SCALES[128 + 16]).toBeCloseTo(2, 14);
    expect(NOVELTY_SCALES[128 - 16]).toBeCloseTo(0.5, 14);
    expect([s.viewsOf(b), s.likesOf(b), s.resharesOf(b), s.repliesOf(b), s.reportsOf(b), s.engagedLeftOf(b), s.engagedRightOf(b)]).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
