/**
 * The WebAssembly path of Deffuant's 'agent' pairing (deffuant-kernel.wat):
 * a packed copy of the follow graph in the kernel's memory, and a call that
 * copies the opinions and the random stream in, runs the interactions and
 * copies them back. Bit for bit the result of the TypeScript fast path; it
 * exists only because it is faster on large graphs (see the .wat banner).
 *
 * The copy costs 8 bytes per agent plus 4 per follow (96 MB at 1 M agents
 * and 20 M follows); it is made on first use and rebuilt when the graph's
 * `version` says it changed. No state outside the instance: each Deffuant
 * run that uses the kernel owns one.
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { DEFFUANT_KERNEL_WASM } from './deffuant-kernel-bytes.js';
import { liveArcCount, packRows } from './kernel-rows.js';

/** Interactions per kernel call: short enough that V8's optimised tier, compiled in the background, takes over early in a long run. */
const CHUNK = 1 << 16;
/** Bytes before the opinions: Alea state (32), padding, two batch rows of 1,024 × i32. */
const HEADER = 64 + 8 * 1024;
/** Above this a kernel refuses the graph (addresses stay far from 4 GiB); the TypeScript path runs instead. */
const MAX_BYTES = 2 ** 31;
const PAGE = 65536;

type InteractFn = (count: number, n: number, x: number, start: number, deg: number, targets: number, eps: number, mu: number) => void;

/** True when this JavaScript engine can run the kernel. */
export function wasmAvailable(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.Module === 'function';
}

export class DeffuantWasm {
  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly interactFn: InteractFn,
    private readonly copy: KernelGraphCopy,
  ) {}

  /** A kernel instance, or null when WebAssembly is unavailable or refuses the memory the graph needs. */
  static create(graph: CsrGraph): DeffuantWasm | null {
    if (!wasmAvailable()) return null;
    // Synchronous compilation: the module is 0.6 kB, well under the browsers' limit for the main thread.
    const instance = new WebAssembly.Instance(new WebAssembly.Module(DEFFUANT_KERNEL_WASM), {});
    const memory = instance.exports.memory as WebAssembly.Memory;
    const k = new DeffuantWasm(memory, instance.exports.interact as InteractFn, new KernelGraphCopy(memory, HEADER));
    return k.copy.sync(graph) === 'ok' ? k : null;
  }

  /**
   * `count` interactions on `graph` with opinions `x` and the Alea state
   * `pairStream` (s0, s1, s2, c), both updated in place. False (nothing
   * done) when the changed graph no longer fits the kernel's memory.
   */
  interact(graph: CsrGraph, x: Float64Array, pairStream: Float64Array, count: number, eps: number, mu: number): boolean {
    const copy = this.copy;
    if (copy.sync(graph) !== 'ok') return false;
    const n = copy.n;
    const buf = this.memory.buffer;
    const kx = new Float64Array(buf, copy.xOff, n);
    const ks = new Float64Array(buf, 0, 4);
    kx.set(x.subarray(0, n));
    ks.set(pairStream);
    for (let done = 0; done < count; done += CHUNK) {
      this.interactFn(Math.min(CHUNK, count - done), n, copy.xOff, copy.startOff, copy.degOff, copy.tgOff, eps, mu);
    }
    x.set(kx);
    pairStream.set(ks);
    return true;
  }
}

/** Follows in the graph's rows (without the CSR's spare slots). */
export function liveArcs(graph: CsrGraph): number {
  return liveArcCount(graph.out, graph.n);
}

/**
 * The graph's followee rows packed without the CSR's slack into `buf` (a
 * kernel's memory): row starts and lengths (i32 × n) at `startOff` and
 * `degOff`, the followees (i32 × liveArcs) at `tgOff`. The kernels only read
 * live follows.
 */
export function packFollowRows(graph: CsrGraph, buf: ArrayBufferLike, startOff: number, degOff: number, tgOff: number): void {
  packRows(graph.out, graph.n, buf, startOff, degOff, tgOff);
}

/**
 * A kernel's copy of a graph: room for the opinions (f64 × n) at `base`,
 * then the packed followee rows (packFollowRows), growing the memory as
 * needed. Rebuilt only when the graph's `version` (or size) changed.
 */
export class KernelGraphCopy {
  version = -1;
  n = -1;
  xOff = 0;
  startOff = 0;
  degOff = 0;
  tgOff = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly base: number,
  ) {}

  /** 'ok', or why the graph does not fit: over 2 GiB ('too-large'), or the engine would not grow the memory ('refused'). */
  sync(graph: CsrGraph): 'ok' | 'too-large' | 'refused' {
    if (graph.version === this.version && graph.n === this.n) return 'ok';
    const n = graph.n;
    const xOff = this.base;
    const startOff = xOff + 8 * n;
    const degOff = startOff + 4 * n;
    const tgOff = degOff + 4 * n;
    const bytes = tgOff + 4 * liveArcs(graph);
    if (bytes > MAX_BYTES) return 'too-large';
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      try {
        this.memory.grow(Math.ceil((bytes - have) / PAGE));
      } catch {
        return 'refused'; // RangeError: the engine would not give that much memory
      }
    }
    packFollowRows(graph, this.memory.buffer, startOff, degOff, tgOff);
    this.xOff = xOff;
    this.startOff = startOff;
    this.degOff = degOff;
    this.tgOff = tgOff;
    this.version = graph.version;
    this.n = n;
    return 'ok';
  }
}
