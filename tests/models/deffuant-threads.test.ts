/**
 * Deffuant on two threads: the same opinions and random stream as one
 * thread, bit for bit, across call sizes (batch boundaries, partial batches),
 * repeated calls and graph edits between calls; the pipeline kernel's
 * committed bytes are its .wat source.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { assembleWat, WASM_KERNELS } from '../../scripts/build-wasm.js';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { Rng } from '../../src/model/rng.js';
import { DeffuantThreads } from '../../src/parallel/deffuant-threads.js';
import { DEFFUANT_PIPELINE_KERNEL_WASM } from '../../src/sim/models/deffuant-pipeline-kernel-bytes.js';
import { deffuant, deffuantInteract, type DeffuantState } from '../../src/sim/models/deffuant.js';

function bits(x: Float64Array): string {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');
}

function graphOf(n: number, pairs: ReadonlyArray<readonly [number, number]>, directed: boolean): CsrGraph {
  return CsrGraph.fromEdgeList({ n, directed, src: Int32Array.from(pairs, (p) => p[0]), dst: Int32Array.from(pairs, (p) => p[1]), m: pairs.length });
}

const open: DeffuantThreads[] = [];
function threadsFor(state: DeffuantState): DeffuantThreads {
  const t = DeffuantThreads.open(state);
  open.push(t);
  return t;
}
afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});

describe('Deffuant on two threads', () => {
  it('the committed pipeline bytes are the assembled .wat source', async () => {
    const k = WASM_KERNELS.find((w) => w.name === 'DEFFUANT_PIPELINE_KERNEL_WASM')!;
    const bytes = await assembleWat(k.wat, readFileSync(new URL(`../../${k.wat}`, import.meta.url), 'utf8'));
    expect(Buffer.from(DEFFUANT_PIPELINE_KERNEL_WASM).equals(Buffer.from(bytes))).toBe(true);
    expect(() => new WebAssembly.Module(DEFFUANT_PIPELINE_KERNEL_WASM)).not.toThrow();
  });

  it('gives one thread’s opinions and stream bit for bit, whatever the call sizes and graph edits (property)', () => {
    const caseArb = fc.integer({ min: 1, max: 80 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        directed: fc.boolean(),
        pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 300, size: 'max' }),
        epsilon: fc.double({ min: 0.01, max: 1, noNaN: true }),
        mu: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        calls: fc.array(
          fc.record({
            // Around the 4,096-pair batch and the 16-batch ring, and small ones.
            count: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 4000, max: 4200 }), fc.integer({ min: 60_000, max: 80_000 })),
            edits: fc.array(fc.tuple(fc.boolean(), fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 5 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        key: fc.string({ minLength: 1, maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(caseArb, (c) => {
        const graph = graphOf(c.n, c.pairs, c.directed);
        const params = deffuant.validate({ epsilon: c.epsilon, mu: c.mu });
        const one = deffuant.init(graph, params, new Rng(c.key));
        const two = deffuant.init(graph, params, new Rng(c.key));
        const threads = threadsFor(two);
        for (const call of c.calls) {
          deffuantInteract(one, call.count);
          threads.interact(call.count);
          expect(bits(two.opinions)).toBe(bits(one.opinions));
          expect(Array.from(two.pairStream)).toEqual(Array.from(one.pairStream));
          expect(two.interactions).toBe(one.interactions);
          expect(two.time).toBe(one.time);
          for (const [add, u, v] of call.edits) {
            if (add) graph.addEdge(u, v);
            else graph.removeEdge(u, v);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('stops with an error, leaving the run as it was, when the drawing thread fails', () => {
    const graph = graphOf(50, Array.from({ length: 120 }, (_, k) => [k % 50, (k * 7 + 1) % 50] as [number, number]), true);
    const state = deffuant.init(graph, deffuant.validate({}), new Rng('fail'));
    const threads = threadsFor(state);
    threads.interact(1000);
    const before = bits(state.opinions);
    const stream = Array.from(state.pairStream);
    // Corrupt the worker's copy of the row lengths (the graph's version is unchanged, so it is not copied again):
    // its reads then fall outside the memory and WebAssembly traps.
    const inner = threads as unknown as { memory: WebAssembly.Memory; copy: { degOff: number } };
    new Int32Array(inner.memory.buffer, inner.copy.degOff, 50).fill(2 ** 29);
    expect(() => threads.interact(50_000)).toThrow(/drawing thread failed/);
    expect(bits(state.opinions)).toBe(before);
    expect(Array.from(state.pairStream)).toEqual(stream);
    expect(state.interactions).toBe(1000);
    expect(() => threads.interact(10)).toThrow(/closed/);
  });

  it("refuses pairing 'edge' and calls after close, saying why", async () => {
    const graph = graphOf(10, [[0, 1], [1, 2], [2, 3]], false);
    const edge = deffuant.init(graph, deffuant.validate({ pairing: 'edge' }), new Rng('e'));
    expect(() => DeffuantThreads.open(edge)).toThrow(/pairing 'agent' only/);
    const t = DeffuantThreads.open(deffuant.init(graph, deffuant.validate({}), new Rng('e')));
    await t.close();
    expect(() => t.interact(10)).toThrow(/closed/);
  });
});
