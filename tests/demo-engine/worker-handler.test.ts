import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../../src/viz/engine/demo-protocol.js';
import { createWorkerState, handleMessage, type Scheduler } from '../../src/viz/engine/worker-handler.js';

/** A clock and timer queue driven by hand. */
function manualScheduler(): Scheduler & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let id = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      timers.set(++id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(h) {
      timers.delete(h as number);
    },
    pending: () => timers.size,
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!next || next[1].at > end) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
  };
}

function harness() {
  const sched = manualScheduler();
  const state = createWorkerState(sched);
  const out: { msg: FromWorker; transfer: Transferable[] }[] = [];
  const send = (msg: ToWorker) => handleMessage(state, msg, (m, t) => out.push({ msg: m, transfer: t }));
  return { sched, state, out, send };
}

const init: ToWorker = { type: 'init', config: { preset: 'echo-chambers', arm: null, seed: '3', params: { agents: 300 } }, puzzle: null };

describe('worker message handler', () => {
  it('answers init with ready (graph, full frame, problems), transferring the typed arrays', () => {
    const h = harness();
    h.send({ ...init, config: { ...init.config, params: { agents: 300, zap: 1 } } });
    expect(h.out).toHaveLength(1);
    const { msg, transfer } = h.out[0];
    if (msg.type !== 'ready') throw new Error(`expected ready, got ${msg.type}`);
    expect(msg.graph.n).toBe(300);
    expect(msg.frame.edges).not.toBeNull();
    expect(msg.frame.community).not.toBeNull();
    expect(msg.problems.map((p) => p.field)).toEqual(['zap']);
    expect(msg.config.params).toEqual({ agents: 300 });
    expect(transfer).toContain(msg.graph.edges.buffer);
    expect(transfer).toContain(msg.frame.opinion.buffer);
    expect(new Set(transfer).size).toBe(transfer.length);
  });

  it('steps on request and posts errors instead of throwing', () => {
    const h = harness();
    h.send({ type: 'step', ticks: 1 });
    expect(h.out[0].msg.type).toBe('error');
    h.send(init);
    h.send({ type: 'step', ticks: 3 });
    const f = h.out.at(-1)!.msg;
    expect(f.type === 'frame' && f.frame.tick).toBe(3);
    h.send({ type: 'card', node: 99999 });
    expect(h.out.at(-1)!.msg.type).toBe('error');
    h.send({ type: 'bogus' } as unknown as ToWorker);
    expect(h.out.at(-1)!.msg).toMatchObject({ type: 'error' });
  });

  it('plays at the requested rate, posting at most 30 frames a second and coalescing ticks', () => {
    const h = harness();
    h.send(init);
    h.out.length = 0;
    h.send({ type: 'play', ticksPerSecond: 100 });
    h.sched.advance(1000);
    const frames = h.out.filter((o) => o.msg.type === 'frame');
    expect(frames.length).toBeGreaterThan(20);
    expect(frames.length).toBeLessThanOrEqual(31);
    const last = frames.at(-1)!.msg;
    const tick = last.type === 'frame' ? last.frame.tick : -1;
    // 100 ticks a second for one (virtual) second, plus the first tick at once.
    expect(tick).toBeGreaterThanOrEqual(95);
    expect(tick).toBeLessThanOrEqual(101);
    // The frames' rows together hold every tick once, in order: coalescing loses no row of the series.
    const rowTicks = frames.flatMap((o) => (o.msg.type === 'frame' ? (o.msg.frame.rows ?? []).map((r) => r.tick) : []));
    expect(rowTicks).toEqual(Array.from({ length: tick }, (_, k) => k + 1));
    for (const o of frames) if (o.msg.type === 'frame') expect(o.msg.frame.rows?.at(-1)).toEqual(o.msg.frame.metrics);
    h.send({ type: 'pause' });
    const n = h.out.length;
    h.sched.advance(1000);
    expect(h.out.length).toBe(n);
    expect(h.sched.pending()).toBe(0);
  });

  it('computes communities only while the page asks for them, and sends them at once when asked again', () => {
    const on = harness();
    const off = harness();
    for (const h of [on, off]) h.send(init);
    off.send({ type: 'communities', on: false });
    const communities = (h: ReturnType<typeof harness>) => h.out.filter((o) => o.msg.type === 'frame' && o.msg.frame.community !== null).length;
    for (let k = 0; k < 6; k++) for (const h of [on, off]) h.send({ type: 'step', ticks: 10 });
    expect(communities(on)).toBeGreaterThan(0);
    expect(communities(off)).toBe(0);
    // Display only: the metrics are the same either way.
    const last = (h: ReturnType<typeof harness>) => h.out.filter((o) => o.msg.type === 'frame').at(-1)!.msg;
    expect(last(off)).toMatchObject({ frame: { metrics: (last(on) as { frame: { metrics: object } }).frame.metrics } });
    // Asked again while paused: a frame with fresh communities comes straight away.
    const before = off.out.length;
    off.send({ type: 'communities', on: true });
    expect(off.out.length).toBe(before + 1);
    const f = off.out.at(-1)!.msg;
    expect(f.type === 'frame' && f.frame.community !== null).toBe(true);
  });

  it('plays slowly at 2 ticks a second, one frame per tick', () => {
    const h = harness();
    h.send(init);
    h.out.length = 0;
    h.send({ type: 'play', ticksPerSecond: 2 });
    // Ticks fall due at 0, 500, ..., 2000 ms; the loop wakes just after each.
    h.sched.advance(2010);
    const ticks = h.out.map((o) => (o.msg.type === 'frame' ? o.msg.frame.tick : -1));
    expect(ticks).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops playing at the end of the run', () => {
    const h = harness();
    h.send({ ...init, config: { ...init.config, params: { agents: 100, durationHours: 3 } } });
    h.send({ type: 'play', ticksPerSecond: 50 });
    h.sched.advance(2000);
    const last = h.out.at(-1)!.msg;
    expect(last.type === 'frame' && last.frame.done).toBe(true);
    expect(h.state.playing).toBe(false);
    expect(h.sched.pending()).toBe(0);
  });

  it('answers card, feed, cascade, follow edits and exports', () => {
    const h = harness();
    h.send({ type: 'init', config: { preset: 'majority-illusion', arm: null, seed: 'x', params: {} }, puzzle: 'fool-the-majority' });
    h.send({ type: 'step', ticks: 2 });
    h.send({ type: 'card', node: 4 });
    expect(h.out.at(-1)!.msg).toMatchObject({ type: 'card', card: { node: 4 } });
    h.send({ type: 'feed', node: 4 });
    expect(h.out.at(-1)!.msg).toMatchObject({ type: 'feed', node: 4 });
    h.send({ type: 'cascade' });
    expect(h.out.at(-1)!.msg).toEqual({ type: 'cascade', tree: null });
    const before = h.out.length;
    h.send({ type: 'edit-follow', from: 0, to: 1 });
    const [edit, frame] = h.out.slice(before).map((o) => o.msg);
    expect(edit).toMatchObject({ type: 'edit-follow', ok: true, budgetLeft: 15 });
    expect(frame.type === 'frame' && frame.frame.edges !== null && frame.puzzle !== null).toBe(true);
    h.send({ type: 'export-csv' });
    const csv = h.out.at(-1)!.msg;
    expect(csv.type === 'export' && csv.kind === 'csv' && csv.text.split('\n').length).toBe(1 + 3 + 1);
    h.send({ type: 'export-experiment' });
    const ex = h.out.at(-1)!.msg;
    expect(ex.type === 'export' && ex.kind === 'experiment' && ex.fileName.endsWith('.json') && ex.text.trimStart().startsWith('{')).toBe(true);
  });
});
