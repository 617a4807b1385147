/**
 * Benchmark of the algorithmic-bias partner samplers (printed, never
 * asserted): interactions per CPU second at N = 100 on the complete graph,
 * γ = 1.6, ε = 0.3, μ = 0.5 (Sîrbu et al. 2019's setting), with
 * `sampler: 'scan'` (every weight, inverse CDF: O(N) pow calls per
 * interaction) and `sampler: 'sorted'` (sorted index + rejection).
 *
 * - early run: fresh uniform opinions, the first 5 iterations (5 N
 *   interactions) of many seeds, so the states stay unmerged;
 * - late run: the opinions after 20 000 iterations of one seed (merged into
 *   clusters of identical values, where long runs spend their time), then
 *   further iterations from that state.
 *
 * Then the same at N = 1000 on a dense random graph (G(n, p), p = 0.5),
 * where 'sorted' keeps a proposal only if it is a neighbour: early = the
 * first iterations of one run, late = after 3,000 iterations.
 *
 * CPU time is the process's user + system time (process.cpuUsage), so a
 * busy shared machine inflates wall time but not these figures much.
 * Runnable alone: `npx tsx bench/ab-sampler-bench.ts`; from the bench:
 * `npm run bench -- --only ab-sampler --nodes 1000`.
 */
import { CsrGraph } from '../src/model/csr-graph.js';
import { completeGraph } from '../src/model/generators/complete-graph.js';
import { erdosRenyi } from '../src/model/generators/erdos-renyi.js';
import { Rng } from '../src/model/rng.js';
import { createRun } from '../src/sim/model.js';
import { algorithmicBias, type AlgorithmicBiasSampler } from '../src/sim/models/algorithmic-bias.js';

const N = 100;
const PARAMS = { gamma: 1.6, epsilon: 0.3, mu: 0.5 } as const;
const fmt = (x: number, digits = 2): string => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const cpuSeconds = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

const graph = CsrGraph.fromEdgeList(completeGraph({ n: N, directed: false }, new Rng('bench/ab/graph')));

/** Interactions per CPU second over `runs` fresh runs of `steps` iterations. */
function early(sampler: AlgorithmicBiasSampler, runs: number, steps: number): number {
  const c0 = cpuSeconds();
  for (let r = 0; r < runs; r++) {
    const state = createRun(algorithmicBias, graph, { ...PARAMS, sampler }, new Rng(`bench/ab/early/${r}`));
    for (let s = 0; s < steps; s++) algorithmicBias.step(state);
  }
  return (runs * steps * N) / (cpuSeconds() - c0);
}

/** Interactions per CPU second over `steps` iterations from the opinions `x0`. */
function late(sampler: AlgorithmicBiasSampler, x0: Float64Array, steps: number): number {
  const state = createRun(algorithmicBias, graph, { ...PARAMS, sampler, initialOpinions: x0 }, new Rng('bench/ab/late/run'));
  const c0 = cpuSeconds();
  for (let s = 0; s < steps; s++) algorithmicBias.step(state);
  return (steps * N) / (cpuSeconds() - c0);
}

export function runAbSamplerBench(report: (what: string, figure: string, budget: string) => void): void {
  console.log(`algorithmic-bias partner samplers: N = ${N}, complete graph, γ = ${PARAMS.gamma}, ε = ${PARAMS.epsilon}, μ = ${PARAMS.mu} (interactions per CPU second)`);
  // Warm up both paths (JIT) before measuring.
  early('scan', 5, 5);
  early('sorted', 50, 5);
  const earlyScan = early('scan', 100, 5);
  const earlySorted = early('sorted', 1000, 5);
  report('algorithmic bias, early run, scan', `${fmt(earlyScan / 1e6, 3)} M interactions/s`, '');
  report('algorithmic bias, early run, sorted', `${fmt(earlySorted / 1e6, 3)} M interactions/s (${fmt(earlySorted / earlyScan, 1)}×)`, '');

  const merging = createRun(algorithmicBias, graph, { ...PARAMS, sampler: 'sorted' }, new Rng('bench/ab/late'));
  for (let s = 0; s < 20_000; s++) algorithmicBias.step(merging);
  const x0 = Float64Array.from(merging.opinions);
  const distinct = new Set(x0).size;
  const lateScan = late('scan', x0, 1_000);
  const lateSorted = late('sorted', x0, 50_000);
  report(`algorithmic bias, late run (${distinct} distinct opinions), scan`, `${fmt(lateScan / 1e6, 3)} M interactions/s`, '');
  report(`algorithmic bias, late run (${distinct} distinct opinions), sorted`, `${fmt(lateSorted / 1e6, 3)} M interactions/s (${fmt(lateSorted / lateScan, 1)}×)`, '');
  denseBench(report);
}

/** Interactions per CPU second of `steps` iterations of one run on `g`. */
function throughput(g: CsrGraph, sampler: AlgorithmicBiasSampler, key: string, steps: number, x0: Float64Array | null): number {
  const state = createRun(algorithmicBias, g, { ...PARAMS, sampler, initialOpinions: x0 }, new Rng(key));
  const c0 = cpuSeconds();
  for (let s = 0; s < steps; s++) algorithmicBias.step(state);
  return (steps * g.n) / (cpuSeconds() - c0);
}

function denseBench(report: (what: string, figure: string, budget: string) => void): void {
  const n = 1000;
  const g = CsrGraph.fromEdgeList(erdosRenyi({ n, p: 0.5, directed: false }, new Rng('bench/ab/dense')));
  console.log(`dense random graph: N = ${n}, p = 0.5 (mean degree ${fmt(g.m * 2 / n, 0)}), same parameters`);
  const earlyScan = throughput(g, 'scan', 'bench/ab/dense/run', 2, null);
  const earlySorted = throughput(g, 'sorted', 'bench/ab/dense/run', 20, null);
  report('algorithmic bias, dense G(1000, 0.5), early run, scan', `${fmt(earlyScan / 1e6, 3)} M interactions/s`, '');
  report('algorithmic bias, dense G(1000, 0.5), early run, sorted', `${fmt(earlySorted / 1e6, 3)} M interactions/s (${fmt(earlySorted / earlyScan, 1)}×)`, '');
  const merging = createRun(algorithmicBias, g, { ...PARAMS, sampler: 'sorted' }, new Rng('bench/ab/dense/late'));
  for (let s = 0; s < 3_000; s++) algorithmicBias.step(merging);
  const x0 = Float64Array.from(merging.opinions);
  const distinct = new Set(x0).size;
  const lateScan = throughput(g, 'scan', 'bench/ab/dense/late/run', 2, x0);
  const lateSorted = throughput(g, 'sorted', 'bench/ab/dense/late/run', 200, x0);
  report(`algorithmic bias, dense G(1000, 0.5), late run (${distinct} distinct opinions), scan`, `${fmt(lateScan / 1e6, 3)} M interactions/s`, '');
  report(`algorithmic bias, dense G(1000, 0.5), late run (${distinct} distinct opinions), sorted`, `${fmt(lateSorted / 1e6, 3)} M interactions/s (${fmt(lateSorted / lateScan, 1)}×)`, '');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAbSamplerBench((what, figure) => console.log(`  ${what}: ${figure}`));
}
