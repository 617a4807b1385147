/**
 * `npm run bench`: throughput and memory figures of the foundation, printed,
 * never asserted. Budgets (issue #2), on 1,000,000 nodes and 20,000,000
 * follow edges: CSR build ≤ 2 s and ≤ 200 MB; independent cascade ≥ 30 M
 * edges examined per second per core; Deffuant ≥ 20 M pairwise interactions
 * per second; Louvain on 100k nodes / 1M edges reported.
 *
 * Platform (issue #3), same size, feed of 20: chronological ≥ 500,000
 * sessions/s per core; engagement-ranked ≥ 200,000; a simulated day at 10 %
 * hourly activity with its wall time and peak memory (aim ≤ 2 GB).
 *
 * Runner (issue #4): a sweep of ≥ 40 runs on 2 workers ≥ 1.8× faster than
 * on 1; per-run overhead of the runner ≤ 50 ms.
 *
 * Archives (issue #5): a 1 GB Twitter API v2 JSONL export streams through
 * `echolab import`'s code path in bounded memory (throughput, peak RSS).
 *
 * Teaching demo (issue #6): the engine per preset in Node, and the page in
 * headless Chromium (frames per second while playing, long tasks, click
 * latency) at 2,000 and 20,000 agents.
 *
 * Options: `--nodes N --edges-per-node M` to scale down (e.g. on a laptop),
 * `--import-mb N` (default 1024),
 * `--only csr,cascade,deffuant,louvain,communities,platform,runner,calibrate,import,demo-engine,demo,ab-sampler`;
 * `--only import-scale [--tweets N]` (never by default): the out-of-core import of a
 * 20-million-tweet export (bench/import-scale-bench.ts).
 *
 * Communities (bench/communities-bench.ts): CSR Louvain and Leiden at
 * `--nodes` × `--communities-k` follows (default 10) against igraph.
 *
 * Against C (issue #20): `--vs-c` runs only bench/vs-c-bench.ts, echolab's
 * kernels beside the C reference kernels of ../shared/bench-limit/ on the
 * same graphs (`--sizes 10000,100000`, `--kernels build,ic,sir,deffuant,ab,hk`,
 * `--rounds 3`), and prints echolab / C per kernel.
 *
 * Calibration (issue #14): draws per second of `echolab calibrate` on the
 * bundled rumour experiment against Twitter15 (false), 1 vs 2 workers.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import louvain from 'graphology-communities-louvain';
import { CsrGraph } from '../src/model/csr-graph.js';
import { preferentialAttachment } from '../src/model/generators/preferential-attachment.js';
import { stochasticBlockModel } from '../src/model/generators/stochastic-block-model.js';
import { Rng } from '../src/model/rng.js';
import { toGraphology } from '../src/model/to-graphology.js';
import { modularityOf } from '../src/sim/metrics/modularity.js';
import { canonicalOrder } from '../src/model/canonical-order.js';
import { louvainRestarts } from '../src/sim/metrics/louvain-restarts.js';
import { deffuant, deffuantInteract } from '../src/sim/models/deffuant.js';
import { CascadeScratch, runCascade } from '../src/sim/models/independent-cascade.js';
import { DeffuantThreads } from '../src/parallel/deffuant-threads.js';
import { runRunnerBench } from './runner-bench.js';
import { printCalibrateBench, runCalibrateBench } from './calibrate-bench.js';
import { runAbSamplerBench } from './ab-sampler-bench.js';
import { runCommunitiesBench } from './communities-bench.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const onlyIdx = process.argv.indexOf('--only');
const only = onlyIdx >= 0 ? new Set(process.argv[onlyIdx + 1].split(',')) : null;
const want = (name: string): boolean => only === null || only.has(name);

const N = arg('nodes', 1_000_000);
const M = arg('edges-per-node', 20);
const MB = 1024 * 1024;
const fmt = (x: number, digits = 2): string => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const now = (): number => performance.now();
const rows: Array<[string, string, string]> = [];
function report(what: string, figure: string, budget: string): void {
  rows.push([what, figure, budget]);
  console.log(`  ${what}: ${figure}${budget ? `   (budget ${budget})` : ''}`);
}

if (process.argv.includes('--vs-c')) {
  // Its own process: the comparison reads its own graphs, and nothing else of the bench runs.
  const passed = process.argv.slice(2).filter((a) => a !== '--vs-c');
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL('./vs-c-bench.ts', import.meta.url)), ...passed], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

console.log(`echolab bench — Node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`);
console.log(`graph: Price preferential attachment, ${fmt(N)} nodes × ${M} follows = ${fmt(N * M)} directed edges\n`);

const t0 = now();
const edges = preferentialAttachment({ n: N, m: M, exponent: 2.5 }, new Rng('bench/network'));
report('generate edges (preferentialAttachment)', `${fmt((now() - t0) / 1000)} s`, '');

let graph: CsrGraph | null = null;
if (want('csr') || want('cascade') || want('deffuant')) {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const t1 = now();
  graph = CsrGraph.fromEdgeList(edges);
  const buildS = (now() - t1) / 1000;
  const rss1 = process.memoryUsage().rss;
  report('CSR build, both directions', `${fmt(buildS)} s`, '≤ 2 s');
  report('CSR memory (typed arrays)', `${fmt(graph.bytes() / MB, 1)} MB = ${fmt(graph.bytes() / graph.m, 2)} B/edge`, '≤ 200 MB');
  report('CSR build RSS growth', `${fmt((rss1 - rss0) / MB, 1)} MB`, '');
}

if (graph && want('cascade')) {
  const scratch = new CascadeScratch(graph.n);
  const rng = new Rng('bench/cascade');
  // Small p: many small cascades (per-run overhead counts); large p: a few
  // cascades that reach most of the graph (pure edge throughput).
  for (const p of [0.06, 0.3]) {
    let examined = 0;
    let activated = 0;
    let runs = 0;
    const t = now();
    while (now() - t < 3000) {
      const res = runCascade(graph, [rng.int(graph.n)], p, rng, scratch);
      examined += res.edgesExamined;
      activated += res.activated;
      runs++;
    }
    const s = (now() - t) / 1000;
    report(`independent cascade, p = ${p}`, `${fmt(examined / s / 1e6, 1)} M edges examined/s (${fmt(runs)} cascades, mean size ${fmt(activated / runs, 0)})`, '≥ 30 M/s');
  }
}

if (graph && want('deffuant')) {
  // 'agent' pairing (a random agent and one of its followees: two draws,
  // five random reads) by the default kernel (WebAssembly) and by the
  // TypeScript one (identical results); 'edge' pairing (a random follow
  // edge: one draw, three reads; TypeScript only).
  const variants = [
    { pairing: 'agent', kernel: 'auto', label: "pairing 'agent', default kernel (WebAssembly)", budget: '≥ 20 M/s' },
    { pairing: 'agent', kernel: 'js', label: "pairing 'agent', TypeScript kernel", budget: '' },
    { pairing: 'edge', kernel: 'js', label: "pairing 'edge'", budget: '' },
  ] as const;
  for (const v of variants) {
    const state = deffuant.init(graph, deffuant.validate({ epsilon: 0.2, mu: 0.5, pairing: v.pairing }), new Rng('bench/deffuant'));
    state.kernel = v.kernel;
    deffuantInteract(state, 2_000_000); // warm-up: let the JIT optimise the kernel (and copy the graph into WebAssembly memory)
    const count = 20_000_000;
    const rates: number[] = [];
    for (let rep = 0; rep < 5; rep++) {
      const t = now();
      deffuantInteract(state, count);
      rates.push(count / ((now() - t) / 1000) / 1e6);
    }
    rates.sort((a, b) => a - b);
    report(`Deffuant pairwise interactions, ${v.label} (5 × 20 M)`, `median ${fmt(rates[2], 1)} M/s, best ${fmt(rates[4], 1)} M/s`, v.budget);
  }
  // The same interactions on two threads: one draws the pairs, the other applies the updates.
  {
    const state = deffuant.init(graph, deffuant.validate({ epsilon: 0.2, mu: 0.5 }), new Rng('bench/deffuant'));
    const threads = DeffuantThreads.open(state);
    threads.interact(2_000_000);
    const count = 20_000_000;
    const rates: number[] = [];
    for (let rep = 0; rep < 5; rep++) {
      const t = now();
      threads.interact(count);
      rates.push(count / ((now() - t) / 1000) / 1e6);
    }
    await threads.close();
    rates.sort((a, b) => a - b);
    report("Deffuant pairwise interactions, pairing 'agent', two threads (DeffuantThreads) (5 × 20 M)", `median ${fmt(rates[2], 1)} M/s, best ${fmt(rates[4], 1)} M/s`, '≥ 20 M/s');
  }
}

if (want('louvain')) {
  const n = 100_000;
  const sbm = stochasticBlockModel({ n, groups: 20, meanOutDegree: 20, homophily: 0.8, directed: false }, new Rng('bench/louvain-graph'));
  const csr = CsrGraph.fromEdgeList(sbm.edges);
  const t1 = now();
  const g = toGraphology(csr);
  const convertS = (now() - t1) / 1000;
  const t2 = now();
  const res = louvain.detailed(g, { rng: new Rng('bench/louvain').asFunction() });
  const s = (now() - t2) / 1000;
  const planted = modularityOf(csr, sbm.group);
  report(`Louvain, ${fmt(n)} nodes / ${fmt(csr.m)} edges (SBM, 20 groups)`, `${fmt(s)} s, ${res.count} communities, Q = ${fmt(res.modularity, 4)} (planted Q = ${fmt(planted, 4)}); CSR→graphology ${fmt(convertS)} s`, 'reported');
  const t3 = now();
  canonicalOrder(csr);
  report(`canonical node order (colour refinement), ${fmt(n)} nodes / ${fmt(csr.m)} edges`, `${fmt((now() - t3) / 1000)} s`, 'reported');
  // What `echolab compare` does on a polblogs-sized archive: 10 seeded restarts on the canonical order.
  const small = stochasticBlockModel({ n: 1500, groups: 20, meanOutDegree: 22, homophily: 0.8, directed: false }, new Rng('bench/louvain-small'));
  const smallCsr = CsrGraph.fromEdgeList(small.edges);
  const t4 = now();
  const best = louvainRestarts(smallCsr, { restarts: 10 });
  report(
    `Louvain, best of 10 restarts on the canonical order, 1,500 nodes / ${fmt(smallCsr.m)} edges (polblogs-sized SBM)`,
    `${fmt((now() - t4) / 1000)} s, Q = ${fmt(best.modularity, 4)} (restarts ${fmt(best.min, 4)}–${fmt(best.max, 4)})`,
    '< 2 s',
  );
}

if (want('communities')) {
  console.log('');
  runCommunitiesBench({ nodes: N, k: arg('communities-k', 10), report });
}

if (graph && want('csr')) {
  // Rewiring last: relocated rows would otherwise change the kernels' memory layout.
  const g = graph;
  const r = new Rng('bench/rewire');
  const ops = 1_000_000;
  const t2 = now();
  let done = 0;
  for (let k = 0; k < ops; k++) {
    const u = r.int(N);
    const d = g.out.deg[u];
    if (d === 0) continue;
    const v = g.out.targets[g.out.start[u] + r.int(d)];
    g.removeEdge(u, v);
    g.addEdge(u, r.int(N));
    done++;
  }
  report('rewire (unfollow + follow)', `${fmt(done / ((now() - t2) / 1000) / 1e6)} M pairs/s (unfollowing a hub searches its follower row)`, '');
  report('CSR memory after 1 M rewires', `${fmt(g.bytes() / MB, 1)} MB`, '');
}

if (want('platform') || [...(only ?? [])].some((x) => x.startsWith('platform-'))) {
  console.log('');
  // A fresh process: the sections above leave hundreds of MB on the heap
  // (the 20 M-edge list, graphology's copy for Louvain), which slows the
  // platform by a third and would be measured with it.
  const args = ['--import', 'tsx', fileURLToPath(new URL('./platform-bench.ts', import.meta.url)), '--agents', String(N), '--follows', String(M)];
  const platformOnly = [...(only ?? [])].filter((x) => x.startsWith('platform'));
  if (platformOnly.length > 0) args.push('--only', platformOnly.join(','));
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.status !== 0) console.log(`  platform bench failed (exit ${child.status})`);
}

if (want('runner')) {
  console.log('');
  graph = null;
  await runRunnerBench();
}

if (want('calibrate')) {
  console.log('');
  graph = null;
  console.log('calibration: draws per second (rejection ABC, no predictive check)');
  printCalibrateBench(await runCalibrateBench('rumour-cascades', 40), 'rumour-cascades', report);
}

if (want('ab-sampler')) {
  console.log('');
  graph = null;
  runAbSamplerBench(report);
}

for (const [name, script] of [['demo-engine', './demo-engine-bench.ts'], ['demo', './demo-bench.ts']] as const) {
  if (!want(name)) continue;
  console.log('');
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
  if (child.status !== 0) console.log(`  ${name} bench failed (exit ${child.status})`);
}

if (want('import')) {
  console.log('');
  // Its own process, so that its peak RSS is the import's alone.
  const args = ['--import', 'tsx', fileURLToPath(new URL('./import-bench.ts', import.meta.url)), '--size-mb', String(arg('import-mb', 1024))];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.status !== 0) console.log(`  import bench failed (exit ${child.status})`);
}

if (only?.has('import-scale') === true) {
  // Not in the default set: 20 million tweets, about 17 GB of disk and ten minutes or more.
  console.log('');
  const i = process.argv.indexOf('--tweets');
  const args = ['--import', 'tsx', fileURLToPath(new URL('./import-scale-bench.ts', import.meta.url)), ...(i >= 0 ? ['--tweets', process.argv[i + 1]] : [])];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.status !== 0) console.log(`  import-scale bench failed (exit ${child.status})`);
}

console.log(`\nsummary (${process.version}, ${os.availableParallelism()} cores)`);
for (const [what, figure, budget] of rows) console.log(`| ${what} | ${figure} | ${budget} |`);
