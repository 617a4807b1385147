/**
 * Deffuant's 'agent' pairing on two threads (Node): a worker thread draws the
 * pairs of agents ahead (random agent, random followee: the reads of the
 * follow array), while the calling thread applies the opinion updates in
 * draw order (the reads of the opinions). The pairs never depend on the
 * opinions, so the result is bit for bit that of `deffuantInteract` on one
 * thread (a property test checks it); only the time differs (measured 32 vs
 * 25 M interactions/s at 1 M agents and 20 M follows on two cores).
 *
 * The stages are the two functions of deffuant-pipeline-kernel.wat, sharing
 * one WebAssembly memory: a packed copy of the graph (rebuilt when the
 * graph's `version` changes), the opinions during a call, and a ring of
 * SLOTS batches of pairs. The threads hand batches over with two counters and
 * Atomics (spin briefly, then wait), so a call blocks the caller until done.
 *
 *   const threads = DeffuantThreads.open(state);   // state from deffuant.init
 *   threads.interact(20_000_000);                  // same as deffuantInteract(state, 20_000_000)
 *   await threads.close();
 */
import { Worker } from 'node:worker_threads';
import { DEFFUANT_PIPELINE_KERNEL_WASM } from '../sim/models/deffuant-pipeline-kernel-bytes.js';
import type { DeffuantState } from '../sim/models/deffuant.js';
import { KernelGraphCopy } from '../sim/models/deffuant-wasm.js';

/** Interactions per batch handed from the drawing thread to the applying one. */
const SLOT = 4096;
/** Batches in flight: enough that neither thread waits on the other's jitter. */
const SLOTS = 16;
/** Byte offsets: Alea state at 0 (the kernel's), then the two counters, then the ring. */
const CTL = 64;
const RING = 128;
const PRODUCED = 0;
const CONSUMED = 1;
/** Set (with PRODUCED bumped) when the drawing thread failed, so the caller stops waiting. */
const FAILED = 2;
/** Spins on a counter before sleeping on it (a batch takes ~0.1 ms; a futex wake costs more than a short spin). */
const SPINS = 2000;

type DrawFn = (count: number, n: number, start: number, deg: number, targets: number, out: number) => void;
type ApplyFn = (count: number, x: number, pairs: number, eps: number, mu: number) => void;

/** What the worker needs; it instantiates the same module on the same memory. */
interface WorkerInit {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
}

/** One call: the batches to draw and where the graph lies in the memory. */
interface WorkerCall {
  readonly count: number;
  readonly n: number;
  readonly start: number;
  readonly deg: number;
  readonly targets: number;
}

// The worker's code, plain JavaScript run with `eval` so it needs no file and no TypeScript loader.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory } = workerData;
const draw = new WebAssembly.Instance(module, { env: { memory } }).exports.draw;
const ctl = new Int32Array(memory.buffer, ${CTL}, 3);
parentPort.on('message', ({ count, n, start, deg, targets }) => {
  let produced = Atomics.load(ctl, ${PRODUCED});
  try {
    for (let left = count; left > 0; ) {
      const c = Math.min(${SLOT}, left);
      for (let spin = 0; produced - Atomics.load(ctl, ${CONSUMED}) >= ${SLOTS}; spin++) {
        if (spin > ${SPINS}) Atomics.wait(ctl, ${CONSUMED}, Atomics.load(ctl, ${CONSUMED}), 5);
      }
      draw(c, n, start, deg, targets, ${RING} + (produced % ${SLOTS}) * ${SLOT * 8});
      produced++;
      left -= c;
      Atomics.store(ctl, ${PRODUCED}, produced);
      Atomics.notify(ctl, ${PRODUCED});
    }
  } catch (e) {
    // Wake the caller, which would otherwise wait for a batch that never comes.
    Atomics.store(ctl, ${FAILED}, 1);
    Atomics.store(ctl, ${PRODUCED}, produced + 1);
    Atomics.notify(ctl, ${PRODUCED});
  }
});
`;

export class DeffuantThreads {
  private closed = false;
  private readonly copy: KernelGraphCopy;

  private constructor(
    private readonly state: DeffuantState,
    private readonly memory: WebAssembly.Memory,
    private readonly apply: ApplyFn,
    private readonly worker: Worker,
  ) {
    this.copy = new KernelGraphCopy(memory, RING + SLOTS * SLOT * 8);
  }

  /** Starts the worker for a Deffuant run (`pairing: 'agent'`). */
  static open(state: DeffuantState): DeffuantThreads {
    if (state.edgePairs !== null) {
      throw new Error("sim/models/deffuant: two threads run pairing 'agent' only; this run uses pairing 'edge'");
    }
    const module = new WebAssembly.Module(DEFFUANT_PIPELINE_KERNEL_WASM);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    const apply = new WebAssembly.Instance(module, { env: { memory } }).exports.apply as ApplyFn;
    const init: WorkerInit = { module, memory };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: init });
    // The worker holds no resource the process must wait for.
    worker.unref();
    return new DeffuantThreads(state, memory, apply, worker);
  }

  /** `count` interactions, exactly as `deffuantInteract(state, count)`; blocks until done. */
  interact(count: number): void {
    if (this.closed) throw new Error('sim/models/deffuant: these threads are closed');
    const { state } = this;
    const graph = state.graph;
    const n = graph.n;
    if (n === 0 || count <= 0) return;
    const copy = this.copy;
    const fit = copy.sync(graph);
    if (fit !== 'ok') {
      throw new Error(
        fit === 'too-large'
          ? `sim/models/deffuant: ${n} agents and their follows need more than the 2 GiB two threads can share`
          : `sim/models/deffuant: the engine would not grow the shared memory to hold ${n} agents and their follows`,
      );
    }
    const buf = this.memory.buffer;
    const x = new Float64Array(buf, copy.xOff, n);
    const alea = new Float64Array(buf, 0, 4);
    const ctl = new Int32Array(buf, CTL, 3);
    x.set(state.opinions.subarray(0, n));
    alea.set(state.pairStream);
    const call: WorkerCall = { count, n, start: copy.startOff, deg: copy.degOff, targets: copy.tgOff };
    this.worker.postMessage(call);
    const eps = state.params.epsilon;
    const mu = state.params.mu;
    let consumed = Atomics.load(ctl, CONSUMED);
    for (let left = count; left > 0; ) {
      const c = Math.min(SLOT, left);
      for (let spin = 0; Atomics.load(ctl, PRODUCED) <= consumed; spin++) {
        if (spin > SPINS) Atomics.wait(ctl, PRODUCED, consumed, 5);
      }
      if (Atomics.load(ctl, FAILED) !== 0) {
        // The opinions and the stream are left as they were before this call.
        this.closed = true;
        void this.worker.terminate();
        throw new Error('sim/models/deffuant: the drawing thread failed; the run is unchanged by this call (use deffuantInteract on one thread)');
      }
      this.apply(c, copy.xOff, RING + (consumed % SLOTS) * SLOT * 8, eps, mu);
      consumed++;
      left -= c;
      Atomics.store(ctl, CONSUMED, consumed);
      Atomics.notify(ctl, CONSUMED);
    }
    // The worker stored the stream's state before it published the last batch.
    state.opinions.set(x);
    state.pairStream.set(alea);
    state.interactions += count;
    state.time = state.interactions / n;
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }

}
