/**
 * `npm run bench -- --vs-c`: echolab's kernels against the same loops in C,
 * side by side on the same graphs, in one run.
 *
 * The C side is ../shared/bench-limit/kernels.c (beside the checkout),
 * compiled here with `cc -O3 -march=native`; the graphs are made by
 * ../shared/bench-limit/gen-graph.mjs (a directed, degree-corrected 2-block
 * SBM in which every node follows exactly k others) and read by both sides
 * from the same binary file. Each kernel runs interleaved, C then echolab,
 * `--rounds` times (default 3) after one untimed echolab warm-up, and the
 * ratio echolab / C is the median over the rounds of the two rates, each
 * per second of the thread's own CPU time (an absolute rate on a shared
 * machine is not stable; a ratio measured side by side is).
 *
 * Workloads (as in kernels.c): CSR build of both directions with duplicates
 * dropped (k = 20); independent cascade from one random seed, p = 0.06 and
 * 0.3, repeated for a few seconds (k = 20); discrete SIR to the end from 1 %
 * of the nodes (k = 10); Deffuant, random agent and random followee, on the
 * WebAssembly kernel (k = 20); algorithmic bias ε 0.3, γ 1 on the
 * undirected graph (k = 10); Hegselmann–Krause on graph neighbours,
 * synchronous (k = 10). Sizes: 10k, 100k and 1M nodes (`--sizes`).
 *
 * Targets (issue #20): SIR, HK, cascade ≥ 0.7; build ≥ 0.5; algorithmic
 * bias ≥ 0.85; Deffuant (WebAssembly) ≥ 1.0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsrGraph } from '../src/model/csr-graph.js';
import type { EdgeList } from '../src/model/edge-list.js';
import { Rng } from '../src/model/rng.js';
import { algorithmicBias, algorithmicBiasInteract } from '../src/sim/models/algorithmic-bias.js';
import { deffuant, deffuantInteract } from '../src/sim/models/deffuant.js';
import { hegselmannKrause } from '../src/sim/models/hegselmann-krause.js';
import { CascadeScratch, runCascade } from '../src/sim/models/independent-cascade.js';
import { sir } from '../src/sim/models/sir.js';
import { threadCpuSeconds, threadCpuSource } from './thread-cpu.js';

const argv = process.argv;
function opt(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}
const SIZES = (opt('sizes') ?? '10000,100000,1000000').split(',').map(Number);
const ROUNDS = Number(opt('rounds') ?? 3);
const ONLY = opt('kernels')?.split(',') ?? null;
const want = (k: string): boolean => ONLY === null || ONLY.includes(k);

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LIMIT = path.resolve(HERE, '..', '..', 'shared', 'bench-limit');
const fmt = (x: number, digits = 2): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rate = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(1));

function absent(why: string): never {
  console.log(`vs-c: ${why}`);
  console.log('vs-c: nothing measured. The reference kernels live in ../shared/bench-limit/ beside the checkout (kernels.c, gen-graph.mjs, to-bin.mjs), with a C compiler as `cc`.');
  process.exit(0);
}
for (const f of ['kernels.c', 'gen-graph.mjs', 'to-bin.mjs']) if (!existsSync(path.join(LIMIT, f))) absent(`${path.join('..', 'shared', 'bench-limit', f)} is absent`);
if (spawnSync('cc', ['--version'], { encoding: 'utf8' }).status !== 0) absent('no C compiler: `cc --version` failed (Debian: apt-get install -y gcc)');

// Graphs and the compiled kernels are kept between runs: generating 20 M follows takes a minute.
const WORK = path.join(os.tmpdir(), 'echolab-vs-c');
mkdirSync(WORK, { recursive: true });
const KERNELS = path.join(WORK, 'kernels');
{
  const src = path.join(LIMIT, 'kernels.c');
  if (!existsSync(KERNELS) || statSync(KERNELS).mtimeMs < statSync(src).mtimeMs) {
    const cc = spawnSync('cc', ['-O3', '-march=native', '-o', KERNELS, src, '-lm'], { encoding: 'utf8' });
    if (cc.status !== 0) absent(`compiling kernels.c failed:\n${cc.stderr}`);
  }
}

function graphFile(n: number, k: number): string {
  const bin = path.join(WORK, `g-${n}-${k}-42.bin`);
  if (existsSync(bin)) return bin;
  const txt = path.join(WORK, `g-${n}-${k}-42.txt`);
  for (const [script, args] of [
    ['gen-graph.mjs', ['--n', String(n), '--k', String(k), '--seed', '42', '--out', txt]],
    ['to-bin.mjs', [txt, bin]],
  ] as const) {
    const r = spawnSync(process.execPath, [path.join(LIMIT, script), ...args], { encoding: 'utf8' });
    if (r.status !== 0) absent(`${script} failed:\n${r.stderr}`);
  }
  spawnSync('rm', ['-f', txt, `${txt}.meta.json`]);
  return bin;
}

/** The file's edges as echolab's edge list: f follows s, an arc f → s. */
function readEdges(bin: string, directed: boolean): EdgeList {
  const buf = readFileSync(bin);
  const a = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const n = a[0];
  const m = a[1];
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    dst[e] = a[2 + 2 * e];
    src[e] = a[3 + 2 * e];
  }
  return { n, directed, src, dst, m };
}

type Json = Record<string, number | string>;
function c(args: string[]): Json[] {
  const r = spawnSync(KERNELS, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`kernels ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Json);
}

function cpuTimed<T>(f: () => T): { value: T; cpu: number } {
  const t = threadCpuSeconds();
  const value = f();
  return { value, cpu: threadCpuSeconds() - t };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Row {
  kernel: string;
  n: number;
  unit: string;
  ours: number;
  theirs: number;
  ratio: number;
  target: number;
}
const rows: Row[] = [];
function record(kernel: string, n: number, unit: string, ours: number[], theirs: number[], target: number): void {
  const ratios = ours.map((o, i) => o / theirs[i]);
  const row = { kernel, n, unit, ours: median(ours), theirs: median(theirs), ratio: median(ratios), target };
  rows.push(row);
  console.log(`  ${kernel.padEnd(34)} ${String(n).padStart(8)}  echolab ${rate(row.ours).padStart(8)} ${unit}  C ${rate(row.theirs).padStart(8)}  echolab/C ${fmt(row.ratio)}  (rounds ${ratios.map((r) => fmt(r)).join(', ')}; target ≥ ${target})`);
}

console.log(`vs-c: echolab / C (cc -O3 -march=native), Node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown CPU'})`);
console.log(`vs-c: rates per CPU second of the measuring thread (${threadCpuSource() === 'thread' ? '/proc/thread-self/schedstat' : 'process.cpuUsage(): no per-thread clock here'}), median of ${ROUNDS} interleaved rounds; graphs from gen-graph.mjs, seed 42`);

for (const n of SIZES) {
  const g20 = graphFile(n, 20);
  const g10 = graphFile(n, 10);
  console.log(`\n${n.toLocaleString('en-US')} nodes`);

  if (want('build')) {
    const edges = readEdges(g20, true);
    // Small graphs build in milliseconds: repeat to about 20 M edges per measurement on both sides.
    const reps = Math.max(1, Math.round(2e7 / edges.m!));
    cpuTimed(() => CsrGraph.fromEdgeList(edges)); // warm-up
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let cpu = 0;
      for (let k = 0; k < reps; k++) cpu += Number(c(['build', g20])[0].cpuS);
      theirs.push((reps * edges.m!) / cpu);
      ours.push((reps * edges.m!) / cpuTimed(() => {
        for (let k = 0; k < reps; k++) CsrGraph.fromEdgeList(edges);
      }).cpu);
    }
    record('CSR build, both directions (k 20)', n, 'edges/s', ours, theirs, 0.5);
  }

  if (want('ic')) {
    const graph = CsrGraph.fromEdgeList(readEdges(g20, true));
    const scratch = new CascadeScratch(graph.n);
    const secs = n >= 1_000_000 ? 4 : 2;
    for (const p of [0.06, 0.3]) {
      const rng = new Rng(`vs-c/ic/${p}`);
      // The loop stops on the wall clock (cheap to read, as the C loop does); the rate is per CPU second read
      // once at each end (reading the thread's CPU time costs microseconds, as long as a small cascade).
      const loop = (s: number): number => {
        let examined = 0;
        const t = threadCpuSeconds();
        const until = performance.now() + 1000 * s;
        while (performance.now() < until) {
          for (let k = 0; k < 16; k++) examined += runCascade(graph, [rng.int(graph.n)], p, rng, scratch).edgesExamined;
        }
        return examined / (threadCpuSeconds() - t);
      };
      loop(0.5);
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        theirs.push(Number(c(['ic', g20, String(p), String(secs), 'one'])[0].edgesExaminedPerCpuS));
        ours.push(loop(secs));
      }
      record(`independent cascade p = ${p} (k 20)`, n, 'edges/s', ours, theirs, 0.7);
    }
  }

  if (want('deffuant')) {
    const graph = CsrGraph.fromEdgeList(readEdges(g20, true));
    const count = 20_000_000;
    const state = deffuant.init(graph, deffuant.validate({ epsilon: 0.2, mu: 0.5 }), new Rng('vs-c/deffuant'));
    deffuantInteract(state, 2_000_000);
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      theirs.push(Number(c(['deffuant', g20, '0.2', '0.5', String(count)])[0].medianPerCpuS));
      const reps: number[] = [];
      for (let k = 0; k < 5; k++) reps.push(count / cpuTimed(() => deffuantInteract(state, count)).cpu);
      ours.push(median(reps));
    }
    record('Deffuant, WebAssembly kernel (k 20)', n, 'pairs/s', ours, theirs, 1.0);
  }

  if (want('sir')) {
    const graph = CsrGraph.fromEdgeList(readEdges(g10, true));
    const beta = 0.1;
    const gamma = 0.5;
    const seedCount = Math.max(1, Math.floor(n / 100));
    // Small graphs finish in milliseconds: repeat to about 10 M edges per measurement on both sides.
    const reps = Math.max(1, Math.round(1e7 / (10 * n)));
    const run = (seed: string): number => {
      let events = 0;
      let cpu = 0;
      for (let k = 0; k < reps; k++) {
        const state = sir.init(graph, sir.validate({ beta, gamma, seedCount }), new Rng(`${seed}/${k}`));
        cpu += cpuTimed(() => {
          while (!sir.isConverged(state)) sir.step(state);
        }).cpu;
        // As kernels.c counts them: infections after the seeds, plus recoveries.
        events += state.cascade.size - seedCount + state.recoveredCount;
      }
      return events / cpu;
    };
    run('vs-c/sir/warm');
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const js = c(['sir', g10, String(beta), String(gamma), String(reps)]);
      theirs.push(js.reduce((a, j) => a + Number(j.events), 0) / js.reduce((a, j) => a + Number(j.cpuS), 0));
      ours.push(run(`vs-c/sir/${r}`));
    }
    record(`SIR to the end, β ${beta} γ ${gamma} (k 10)`, n, 'events/s', ours, theirs, 0.7);
  }

  if (want('ab') || want('hk')) {
    const graph = CsrGraph.fromEdgeList(readEdges(g10, false));
    if (want('ab')) {
      const count = 2_000_000;
      const state = algorithmicBias.init(graph, algorithmicBias.validate({ epsilon: 0.3, gamma: 1, mu: 0.5 }), new Rng('vs-c/ab'));
      algorithmicBiasInteract(state, Math.min(200_000, n));
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        theirs.push(Number(c(['ab', g10, '0.3', '1', String(count)])[0].interactionsPerCpuS));
        ours.push(count / cpuTimed(() => algorithmicBiasInteract(state, count)).cpu);
      }
      record('algorithmic bias ε 0.3 γ 1 (k 10)', n, 'pairs/s', ours, theirs, 0.85);
    }
    if (want('hk')) {
      // Ten steps from uniform opinions (the regime before convergence, where the neighbour test is unpredictable),
      // repeated from fresh opinions on small graphs to about 20 M agent updates per measurement on both sides.
      const steps = 10;
      const reps = Math.max(1, Math.round(2e7 / (n * steps)));
      const params = hegselmannKrause.validate({ epsilon: 0.2 });
      const run = (seed: string): number => {
        let cpu = 0;
        for (let k = 0; k < reps; k++) {
          const state = hegselmannKrause.init(graph, params, new Rng(`${seed}/${k}`));
          cpu += cpuTimed(() => {
            for (let s = 0; s < steps; s++) hegselmannKrause.step(state);
          }).cpu;
        }
        return (n * steps * reps) / cpu;
      };
      run('vs-c/hk/warm');
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        let cpu = 0;
        for (let k = 0; k < reps; k++) cpu += Number(c(['hk', g10, '0.2', String(steps)])[0].cpuS);
        theirs.push((n * steps * reps) / cpu);
        ours.push(run(`vs-c/hk/${r}`));
      }
      record('Hegselmann–Krause, synchronous (k 10)', n, 'updates/s', ours, theirs, 0.7);
    }
  }
}

console.log('\nsummary: echolab / C, median of rounds (target)');
const kernels = [...new Set(rows.map((r) => r.kernel))];
console.log(`| kernel | ${SIZES.map((s) => s.toLocaleString('en-US')).join(' | ')} | target |`);
console.log(`|---|${SIZES.map(() => '---:').join('|')}|---:|`);
for (const k of kernels) {
  const cells = SIZES.map((s) => rows.find((r) => r.kernel === k && r.n === s)).map((r) => (r ? `${fmt(r.ratio)}${r.ratio >= r.target ? '' : ' (below)'}` : '–'));
  console.log(`| ${k} | ${cells.join(' | ')} | ≥ ${rows.find((r) => r.kernel === k)!.target} |`);
}
