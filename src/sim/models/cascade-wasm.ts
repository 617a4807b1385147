/**
 * The WebAssembly path of `runCascade` for one probability on every arc
 * (cascade-kernel.wat): a packed copy of the follower rows in the kernel's
 * memory, the cascade run there generation by generation, and its entries
 * copied back into the caller's scratch. Bit for bit the TypeScript kernel's
 * cascade (same draws, same order); it exists only because it is faster on
 * large graphs (see the .wat banner).
 *
 * The copy costs 8 bytes per node plus 4 per follow, and the cascade 9 bytes
 * per node (flag, entry, parent): 97 MB at 1M nodes and 20M follows. It is
 * made on first use and rebuilt when the graph's `version` says it changed.
 * No state outside the instance: each CascadeScratch that uses the kernel
 * owns one.
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import type { Rng } from '../../model/rng.js';
import { CASCADE_KERNEL_WASM } from './cascade-kernel-bytes.js';
import { wasmAvailable } from './deffuant-wasm.js';
import { liveArcCount, packRows } from './kernel-rows.js';

/** Alea state (32 bytes), the arcs examined by the last call (4), padding. */
const HEADER = 64;
/** Above this the kernel refuses the graph (addresses stay far from 4 GiB); the TypeScript path runs instead. */
const MAX_BYTES = 2 ** 31;
const PAGE = 65536;

type SpreadFn = (from: number, to: number, end: number, p: number, start: number, deg: number, tg: number, act: number, node: number, parent: number) => number;

/** Where the kernel writes a cascade: the caller's scratch arrays. */
export interface CascadeOut {
  readonly active: Uint8Array;
  readonly node: Int32Array;
  readonly parent: Int32Array;
  readonly time: Float64Array;
}

export interface CascadeWasmResult {
  readonly size: number;
  readonly generations: number;
  readonly edgesExamined: number;
}

export class CascadeWasm {
  private version = -1;
  private n = -1;
  private startOff = 0;
  private degOff = 0;
  private tgOff = 0;
  private actOff = 0;
  private nodeOff = 0;
  private parentOff = 0;
  /** Entries of the previous cascade, whose flags the next one clears. */
  private size = 0;
  /** Views of the kernel's memory, made again when the memory grows (its buffer changes). */
  private views: { buf: ArrayBufferLike; act: Uint8Array; node: Int32Array; parent: Int32Array; state: Float64Array; examined: Int32Array } | null = null;

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly spread: SpreadFn,
  ) {}

  /** A kernel instance, or null when this engine has no WebAssembly. */
  static create(): CascadeWasm | null {
    if (!wasmAvailable()) return null;
    // Synchronous compilation: the module is well under the browsers' limit for the main thread.
    const instance = new WebAssembly.Instance(new WebAssembly.Module(CASCADE_KERNEL_WASM), {});
    return new CascadeWasm(instance.exports.memory as WebAssembly.Memory, instance.exports.spread as SpreadFn);
  }

  /** Copy the follower rows when the graph changed; false when they do not fit (over 2 GiB, or the engine refused the memory). */
  private sync(graph: CsrGraph): boolean {
    if (graph.version === this.version && graph.n === this.n) return true;
    const n = graph.n;
    const adj = graph.in;
    const arcs = liveArcCount(adj, n);
    const startOff = HEADER;
    const degOff = startOff + 4 * n;
    const tgOff = degOff + 4 * n;
    const actOff = tgOff + 4 * arcs;
    const nodeOff = (actOff + n + 7) & ~7;
    const parentOff = nodeOff + 4 * n;
    const bytes = parentOff + 4 * n;
    if (bytes > MAX_BYTES) return false;
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      try {
        this.memory.grow(Math.ceil((bytes - have) / PAGE));
      } catch {
        return false; // RangeError: the engine would not give that much memory
      }
    }
    const buf = this.memory.buffer;
    packRows(adj, n, buf, startOff, degOff, tgOff);
    new Uint8Array(buf, actOff, n).fill(0);
    this.version = graph.version;
    this.n = n;
    this.startOff = startOff;
    this.degOff = degOff;
    this.tgOff = tgOff;
    this.actOff = actOff;
    this.nodeOff = nodeOff;
    this.parentOff = parentOff;
    this.size = 0;
    return true;
  }

  /**
   * One cascade from `seeds` (repeats and already-active seeds skipped, as
   * CascadeScratch.addRoot does) with probability p on every arc, drawing from
   * `rng` (its state is advanced exactly as the TypeScript kernel would). The
   * entries go to `out` [0, size) with times 0 for seeds and g for generation
   * g, and out.active is set for them (the caller cleared the previous run's).
   * Null, with nothing drawn, when the graph does not fit the kernel.
   */
  run(graph: CsrGraph, seeds: ArrayLike<number>, p: number, rng: Rng, out: CascadeOut): CascadeWasmResult | null {
    if (!this.sync(graph)) return null;
    const buf = this.memory.buffer;
    const n = this.n;
    let views = this.views;
    if (views === null || views.buf !== buf || views.act.byteOffset !== this.actOff || views.act.length !== n) {
      views = {
        buf,
        act: new Uint8Array(buf, this.actOff, n),
        node: new Int32Array(buf, this.nodeOff, n),
        parent: new Int32Array(buf, this.parentOff, n),
        state: new Float64Array(buf, 0, 4),
        examined: new Int32Array(buf, 32, 1),
      };
      this.views = views;
    }
    const { act, node, parent } = views;
    for (let i = 0; i < this.size; i++) act[node[i]] = 0;
    let size = 0;
    for (let i = 0; i < seeds.length; i++) {
      const v = seeds[i];
      if (act[v] !== 0) continue;
      act[v] = 1;
      node[size] = v;
      parent[size] = -1;
      size++;
    }
    const state = views.state;
    const examinedCell = views.examined;
    state.set(rng.alea);
    const time = out.time;
    for (let i = 0; i < size; i++) time[i] = 0;
    let from = 0;
    let generation = 0;
    let examined = 0;
    while (from < size) {
      const to = size;
      size = this.spread(from, to, size, p, this.startOff, this.degOff, this.tgOff, this.actOff, this.nodeOff, this.parentOff);
      examined += examinedCell[0];
      from = to;
      if (size > to) {
        generation++;
        for (let i = to; i < size; i++) time[i] = generation;
      }
    }
    rng.alea.set(state);
    this.size = size;
    const outNode = out.node;
    const outParent = out.parent;
    const active = out.active;
    for (let i = 0; i < size; i++) {
      const v = node[i];
      outNode[i] = v;
      outParent[i] = parent[i];
      active[v] = 1;
    }
    return { size, generations: generation, edgesExamined: examined };
  }
}
