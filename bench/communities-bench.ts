/**
 * `npm run bench -- --only communities`: community detection at scale,
 * echolab's CSR Louvain and Leiden (src/sim/metrics/louvain-csr.ts,
 * leiden-csr.ts) against python3-igraph's `community_multilevel` on the
 * same graph, in the same run.
 *
 * Graph: ../shared/bench-limit/gen-graph.mjs when it is there (the shared
 * reference graph: degree-corrected 2-block SBM, every node follows k
 * others, seed 42), else the bench's own Price preferential attachment
 * (n nodes × k follows, seed "bench/network"); default n = 1,000,000 and
 * k = 10, so about 10 M undirected edges once the follows are symmetrised.
 * It is written once as a flat binary edge list (int32 n, m, then s, f per
 * follow: f follows s, the layout of bench-limit's to-bin.mjs).
 *
 * Each echolab algorithm runs in a fresh Node process that reads the file,
 * builds the CsrGraph and runs the search once: its CPU seconds (process
 * CPU time around the call, adjacency build included) and the process's
 * peak RSS (graph, edge list and all) are what it reports. igraph reads the
 * same follows as an undirected edge list (a reciprocated follow is two
 * parallel edges, so its modularity is that of A = W + Wᵀ, the objective of
 * the CSR path) and runs `community_multilevel` 3 times; CPU by
 * time.process_time(), median reported. Without an importable igraph a
 * line says so.
 *
 * Alone: `npx tsx bench/communities-bench.ts [--nodes N] [--k K]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsrGraph } from '../src/model/csr-graph.js';
import { preferentialAttachment } from '../src/model/generators/preferential-attachment.js';
import { Rng } from '../src/model/rng.js';
import { leidenCsr } from '../src/sim/metrics/leiden-csr.js';
import { louvainCsr } from '../src/sim/metrics/louvain-csr.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BENCH_LIMIT = path.resolve(HERE, '../../shared/bench-limit');
const MB = 1024 * 1024;
const fmt = (x: number, digits = 2): string => x.toLocaleString('en-US', { maximumFractionDigits: digits });

export type Report = (what: string, figure: string, budget: string) => void;

interface ChildResult {
  readonly algorithm: string;
  readonly n: number;
  readonly arcs: number;
  readonly cpuS: number;
  readonly wallS: number;
  readonly modularity: number;
  readonly directedModularity: number | null;
  readonly count: number;
  readonly levels: number;
  readonly peakRssMB: number;
}

/** The follow graph as int32 [n, m, s0, f0, s1, f1, …] in `file`; returns its source. */
function writeGraph(dir: string, n: number, k: number): { file: string; source: string } {
  const file = path.join(dir, 'graph.bin');
  const gen = path.join(BENCH_LIMIT, 'gen-graph.mjs');
  const toBin = path.join(BENCH_LIMIT, 'to-bin.mjs');
  if (existsSync(gen) && existsSync(toBin)) {
    const txt = path.join(dir, 'graph.txt');
    const a = spawnSync(process.execPath, [gen, '--n', String(n), '--k', String(k), '--seed', '42', '--out', txt], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const b = a.status === 0 ? spawnSync(process.execPath, [toBin, txt, file], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] }) : a;
    rmSync(txt, { force: true });
    rmSync(`${txt}.meta.json`, { force: true });
    if (b.status === 0) return { file, source: `bench-limit gen-graph.mjs (2-block SBM, homophily 0.9, seed 42)` };
    console.log(`  gen-graph.mjs failed (${b.stderr.trim().split('\n').pop()}): falling back to the bench generator`);
  }
  const edges = preferentialAttachment({ n, m: k, exponent: 2.5 }, new Rng('bench/network'));
  const m = edges.m ?? edges.src.length;
  const out = new Int32Array(2 + 2 * m);
  out[0] = n;
  out[1] = m;
  // src follows dst: s = dst, f = src.
  for (let e = 0; e < m; e++) {
    out[2 + 2 * e] = edges.dst[e];
    out[3 + 2 * e] = edges.src[e];
  }
  writeFileSync(file, out);
  return { file, source: 'Price preferential attachment (exponent 2.5, seed bench/network)' };
}

/** The follows as an undirected text edge list "s f" per line, for igraph. */
function writeEdgeList(bin: string, file: string): void {
  const buf = readFileSync(bin);
  const a = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength >> 2);
  const m = a[1];
  const fd = openSync(file, 'w');
  const CHUNK = 1 << 16;
  for (let e0 = 0; e0 < m; e0 += CHUNK) {
    const lines: string[] = [];
    for (let e = e0; e < Math.min(m, e0 + CHUNK); e++) lines.push(`${a[2 + 2 * e]} ${a[3 + 2 * e]}\n`);
    writeSync(fd, lines.join(''));
  }
  closeSync(fd);
}

/** The follow graph of the binary file; the file's bytes and the edge list are garbage once it returns. */
function loadGraph(bin: string): CsrGraph {
  const buf = readFileSync(bin);
  const a = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength >> 2);
  const n = a[0];
  const m = a[1];
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    src[e] = a[3 + 2 * e];
    dst[e] = a[2 + 2 * e];
  }
  return CsrGraph.fromEdgeList({ n, directed: true, src, dst, m });
}

/** The child: read the file, build the CsrGraph, run one search, print JSON. */
function child(algorithm: string, bin: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  const graph = loadGraph(bin);
  const n = graph.n;
  gc?.();
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  const d = algorithm === 'leiden' ? leidenCsr(graph, { seed: 'bench/communities' }) : louvainCsr(graph, { seed: 'bench/communities' });
  const cpu = process.cpuUsage(t0);
  const result: ChildResult = {
    algorithm,
    n,
    arcs: graph.m,
    cpuS: (cpu.user + cpu.system) / 1e6,
    wallS: (performance.now() - w0) / 1000,
    modularity: d.modularity,
    directedModularity: d.directedModularity,
    count: d.count,
    levels: d.levels,
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
  };
  console.log(JSON.stringify(result));
}

const IGRAPH_SCRIPT = `
import json, resource, statistics, sys, time, random
import igraph
g = igraph.Graph.Read_Edgelist(sys.argv[1], directed=False)
cpu, q, count = [], [], []
for r in range(int(sys.argv[2])):
    random.seed(r)
    t = time.process_time()
    c = g.community_multilevel()
    cpu.append(time.process_time() - t)
    q.append(c.modularity)
    count.append(len(c))
print(json.dumps({"version": igraph.__version__, "n": g.vcount(), "edges": g.ecount(), "cpu": cpu, "median": statistics.median(cpu), "modularity": q, "count": count, "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

/** A python3 that can import igraph (the Debian package lives in the system interpreter), or null. */
function igraphPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import igraph'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

export function runCommunitiesBench(options: { nodes: number; k: number; report: Report }): void {
  const { nodes, k, report } = options;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'echolab-communities-'));
  try {
    const { file, source } = writeGraph(dir, nodes, k);
    console.log(`communities: ${fmt(nodes)} nodes × ${k} follows, ${source}`);
    const me = fileURLToPath(import.meta.url);
    let undirected = '';
    for (const algorithm of ['louvain', 'leiden']) {
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', me, '--child', algorithm, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      if (r.status !== 0 || !line.startsWith('{')) {
        console.log(`  ${algorithm} (CSR) failed (exit ${r.status})`);
        continue;
      }
      const d = JSON.parse(line) as ChildResult;
      undirected = `${fmt(d.arcs)} follows`;
      const lm = d.directedModularity === null ? '' : `, Leicht–Newman Q of the same partition ${d.directedModularity.toFixed(5)}`;
      report(
        `${algorithm === 'leiden' ? 'Leiden' : 'Louvain'} on the CSR, ${fmt(d.n)} nodes / ${undirected}`,
        `${fmt(d.cpuS)} CPU-s (${fmt(d.wallS)} s wall), Q = ${d.modularity.toFixed(5)} (undirected, A = W + Wᵀ)${lm}, ${fmt(d.count)} communities, ${d.levels} levels; peak RSS ${fmt(d.peakRssMB, 0)} MB`,
        'faster than igraph, ≤ 1 GB',
      );
    }
    const py = igraphPython();
    if (py === null) {
      console.log('  python3-igraph is not importable (python3 -c "import igraph" fails): no igraph reference in this run');
      return;
    }
    const edgeFile = path.join(dir, 'graph.edges');
    writeEdgeList(file, edgeFile);
    const script = path.join(dir, 'multilevel.py');
    writeFileSync(script, IGRAPH_SCRIPT);
    const r = spawnSync(py, [script, edgeFile, '3'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) {
      console.log(`  igraph community_multilevel failed (exit ${r.status})`);
      return;
    }
    const g = JSON.parse(line) as { version: string; n: number; edges: number; cpu: number[]; median: number; modularity: number[]; count: number[]; peakRssMB: number };
    report(
      `igraph ${g.version} community_multilevel, ${fmt(g.n)} nodes / ${fmt(g.edges)} undirected edges`,
      `median ${fmt(g.median)} CPU-s of 3 (${g.cpu.map((c) => fmt(c)).join(', ')}), Q = ${g.modularity.map((q) => q.toFixed(5)).join(', ')}, ${g.count.join(', ')} communities; peak RSS ${fmt(g.peakRssMB, 0)} MB (graph loaded)`,
      'reference',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) child(process.argv[childAt + 1], process.argv[childAt + 2]);
else if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCommunitiesBench({ nodes: arg('nodes', 1_000_000), k: arg('k', 10), report: (what, figure) => console.log(`  ${what}: ${figure}`) });
}
