/**
 * The WebAssembly kernel of Deffuant's 'agent' pairing: the committed bytes
 * are those of the .wat source; it gives the TypeScript kernel's opinions
 * and random stream bit for bit, across call sizes and graph changes; 'auto'
 * picks it only for large calls and falls back where WebAssembly is missing.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { Rng } from '../../src/model/rng.js';
import { DEFFUANT_KERNEL_WASM } from '../../src/sim/models/deffuant-kernel-bytes.js';
import { deffuant, deffuantInteract, WASM_MIN_COUNT, type DeffuantState } from '../../src/sim/models/deffuant.js';
import { DeffuantWasm } from '../../src/sim/models/deffuant-wasm.js';
import { assembleWat, WASM_KERNELS } from '../../scripts/build-wasm.js';
import { referenceDeffuant } from '../support/deffuant-reference.js';

/** Bit patterns, so that −0 vs +0 and NaN payloads would count as differences. */
function bits(x: Float64Array): string {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');
}

function stateOn(graph: CsrGraph, kernel: DeffuantState['kernel'], params: { epsilon: number; mu: number; domain?: [number, number] }, key: string): DeffuantState {
  const state = deffuant.init(graph, deffuant.validate(params), new Rng(key));
  state.kernel = kernel;
  return state;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Deffuant WebAssembly kernel', () => {
  it('the committed bytes are the assembled .wat source (run `npm run build:wasm` after editing it)', async () => {
    const k = WASM_KERNELS.find((w) => w.name === 'DEFFUANT_KERNEL_WASM')!;
    const text = readFileSync(new URL(`../../${k.wat}`, import.meta.url), 'utf8');
    const bytes = await assembleWat(k.wat, text);
    expect(Buffer.from(DEFFUANT_KERNEL_WASM).equals(Buffer.from(bytes))).toBe(true);
  });

  it('follows the plain sequential rule draw for draw', () => {
    const graph = graphOf(400, randomPairs(400, 1500, 'wasm-ref'), true);
    const state = stateOn(graph, 'wasm', { epsilon: 0.3, mu: 0.3 }, 'wasm-ref');
    const x0 = state.opinions.slice();
    deffuantInteract(state, 5000);
    expect(state.wasm).toBeInstanceOf(DeffuantWasm);
    expect(bits(state.opinions)).toBe(bits(referenceDeffuant(graph, x0, 0.3, 0.3, 'wasm-ref', 5000)));
  });

  it('gives the TypeScript kernel’s opinions and random stream bit for bit, whatever the call sizes and graph changes (property)', () => {
    const caseArb = fc.integer({ min: 1, max: 60 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        directed: fc.boolean(),
        pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 200, size: 'max' }),
        epsilon: fc.double({ min: 0.001, max: 2, noNaN: true }),
        mu: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        domain: fc.constantFrom<[number, number]>([0, 1], [-1, 1], [-1000, 3]),
        // Each call: a number of interactions (crossing batch and chunk sizes), then follows added or removed.
        calls: fc.array(
          fc.record({
            count: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1000, max: 5000 })),
            edits: fc.array(fc.tuple(fc.boolean(), fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 6 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        key: fc.string({ minLength: 1, maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(caseArb, (c) => {
        const epsilon = Math.min(c.epsilon, c.domain[1] - c.domain[0]);
        const params = { epsilon, mu: c.mu, domain: c.domain };
        const graph = graphOf(c.n, c.pairs, c.directed);
        const js = stateOn(graph, 'js', params, c.key);
        const wasm = stateOn(graph, 'wasm', params, c.key);
        for (const call of c.calls) {
          deffuantInteract(js, call.count);
          deffuantInteract(wasm, call.count);
          expect(bits(wasm.opinions)).toBe(bits(js.opinions));
          expect(Array.from(wasm.pairStream)).toEqual(Array.from(js.pairStream));
          expect(wasm.interactions).toBe(js.interactions);
          for (const [add, u, v] of call.edits) {
            if (add) graph.addEdge(u, v);
            else graph.removeEdge(u, v);
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it('sees a change of the graph made between calls (follows added and removed)', () => {
    const graph = graphOf(50, randomPairs(50, 120, 'edit'), true);
    const js = stateOn(graph, 'js', { epsilon: 0.5, mu: 0.5 }, 'edit');
    const wasm = stateOn(graph, 'wasm', { epsilon: 0.5, mu: 0.5 }, 'edit');
    deffuantInteract(js, 3000);
    deffuantInteract(wasm, 3000);
    const before = graph.version;
    // Make one agent follow everybody and another nobody: the stale copy would pick other partners.
    for (let j = 1; j < 50; j++) graph.addEdge(0, j);
    for (const j of Array.from(graph.followees(7))) graph.removeEdge(7, j);
    expect(graph.version).toBeGreaterThan(before);
    deffuantInteract(js, 3000);
    deffuantInteract(wasm, 3000);
    expect(bits(wasm.opinions)).toBe(bits(js.opinions));
  });

  it("'auto' hands only large calls to the kernel and gives the same results as 'js'", () => {
    const graph = graphOf(300, randomPairs(300, 900, 'auto'), false);
    const auto = stateOn(graph, 'auto', { epsilon: 0.2, mu: 0.5 }, 'auto');
    const js = stateOn(graph, 'js', { epsilon: 0.2, mu: 0.5 }, 'auto');
    deffuantInteract(auto, WASM_MIN_COUNT - 1);
    expect(auto.wasm).toBeUndefined();
    deffuantInteract(auto, WASM_MIN_COUNT);
    expect(auto.wasm).toBeInstanceOf(DeffuantWasm);
    deffuantInteract(js, 2 * WASM_MIN_COUNT - 1);
    expect(bits(auto.opinions)).toBe(bits(js.opinions));
    // A step is N interactions; with N ≥ WASM_MIN_COUNT it goes to the kernel too.
    deffuant.step(auto);
    deffuant.step(js);
    expect(bits(auto.opinions)).toBe(bits(js.opinions));
  });

  it("without WebAssembly, 'auto' runs TypeScript and 'wasm' says why it cannot run", () => {
    const graph = graphOf(200, randomPairs(200, 600, 'nowasm'), true);
    const expected = stateOn(graph, 'js', { epsilon: 0.3, mu: 0.5 }, 'nowasm');
    deffuantInteract(expected, 5000);
    vi.stubGlobal('WebAssembly', undefined);
    const auto = stateOn(graph, 'auto', { epsilon: 0.3, mu: 0.5 }, 'nowasm');
    deffuantInteract(auto, 5000);
    expect(auto.wasm).toBeNull();
    expect(bits(auto.opinions)).toBe(bits(expected.opinions));
    const forced = stateOn(graph, 'wasm', { epsilon: 0.3, mu: 0.5 }, 'nowasm');
    expect(() => deffuantInteract(forced, 5000)).toThrow(/kernel 'wasm' needs WebAssembly.*use 'auto' or 'js'/);
  });

  it("'edge' pairing ignores the kernel setting (TypeScript only) and stays exact", () => {
    const graph = graphOf(100, randomPairs(100, 300, 'edge'), true);
    const a = deffuant.init(graph, deffuant.validate({ pairing: 'edge' }), new Rng('edge'));
    const b = deffuant.init(graph, deffuant.validate({ pairing: 'edge' }), new Rng('edge'));
    a.kernel = 'wasm';
    b.kernel = 'js';
    deffuantInteract(a, 5000);
    deffuantInteract(b, 5000);
    expect(a.wasm).toBeUndefined();
    expect(bits(a.opinions)).toBe(bits(b.opinions));
  });
});

function graphOf(n: number, pairs: ReadonlyArray<readonly [number, number]>, directed: boolean): CsrGraph {
  return CsrGraph.fromEdgeList({ n, directed, src: Int32Array.from(pairs, (p) => p[0]), dst: Int32Array.from(pairs, (p) => p[1]), m: pairs.length });
}

function randomPairs(n: number, m: number, key: string): Array<[number, number]> {
  const rng = new Rng(key);
  return Array.from({ length: m }, () => [rng.int(n), rng.int(n)] as [number, number]);
}
