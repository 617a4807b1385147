/**
 * `npm run tour`: a two-minute look at what the foundation does, on defaults.
 * Generates the networks, reads a labelled network and measures its echo
 * chamber, then runs every model of the zoo on its example network and prints
 * what each ended with. Everything is seeded (`--seed KEY`, default "tour"):
 * the same command prints the same numbers on every machine.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CsrGraph,
  Rng,
  computeMetrics,
  erdosRenyi,
  labelVector,
  modelZoo,
  preferentialAttachment,
  readNetworkFile,
  runZooModel,
  stochasticBlockModel,
  toCsr,
  wattsStrogatz,
  splitCascades,
  runPaired,
} from '../node.js';
import crowdstrike from '../../experiments/crowdstrike-hoax.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const seedIdx = process.argv.indexOf('--seed');
const seed = seedIdx >= 0 ? process.argv[seedIdx + 1] : 'tour';
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log('usage: npm run tour [-- --seed KEY]\n\nGenerates networks, measures a labelled network and runs every model of the zoo, seeded by KEY (default "tour").');
  process.exit(0);
}
const root = new Rng(seed);
const f = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : String(x));
const table = (rows: string[][]): void => {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, r] of rows.entries()) {
    console.log(`  ${r.map((cell, c) => cell.padEnd(widths[c])).join('  ')}`);
    if (i === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  }
};

console.log(`echolab tour (seed "${seed}")\n`);

console.log('1. Networks (seeded generators -> CSR, both directions)');
const nets: Array<[string, CsrGraph]> = [
  ['Erdős–Rényi, 10,000 nodes, mean out-degree 10', CsrGraph.fromEdgeList(erdosRenyi({ n: 10_000, p: 10 / 9_999, directed: true }, root.fork('er')))],
  ['Price preferential attachment, 10,000 × 10, γ = 2.5', CsrGraph.fromEdgeList(preferentialAttachment({ n: 10_000, m: 10, exponent: 2.5 }, root.fork('pa')))],
  ['Watts–Strogatz, 10,000 nodes, k = 10, β = 0.1', CsrGraph.fromEdgeList(wattsStrogatz({ n: 10_000, k: 10, beta: 0.1 }, root.fork('ws')))],
];
const rows = [['network', 'edges', 'max followers', 'friendship-paradox gap']];
for (const [name, g] of nets) {
  let maxIn = 0;
  for (let i = 0; i < g.n; i++) maxIn = Math.max(maxIn, g.inDegree(i));
  const gap = computeMetrics(['network.friendship-paradox'], { graph: g }, { 'network.friendship-paradox': { direction: 'both' } })['network.friendship-paradox'];
  rows.push([name, g.m.toLocaleString('en-US'), String(maxIn), f(gap, 2)]);
}
table(rows);

console.log('\n2. An echo chamber in a labelled network');
const polblogs = path.resolve(here, '../../../shared/data/polblogs/polblogs.gml.gz');
const fixture = path.resolve(here, '../../tests/fixtures/networks/blogs-two-camps.gml.gz');
const file = existsSync(polblogs) ? polblogs : fixture;
const net = readNetworkFile(file);
const value = labelVector(net, 'value');
const { graph } = toCsr(net, { directed: false });
const m = computeMetrics(
  ['network.modularity', 'network.communities', 'network.neighbor-leaning-correlation', 'network.ei-index', 'network.majority-illusion'],
  { graph, opinions: Float64Array.from(value), attribute: value },
  { 'network.modularity': { seed: `${seed}/louvain` }, 'network.communities': { seed: `${seed}/louvain` } },
);
console.log(`  ${existsSync(polblogs) ? 'political blogs (Adamic & Glance 2005)' : 'synthetic two-camp blogs (fixture; ../shared/data/polblogs not found)'}: ${graph.n} nodes, ${graph.m} undirected edges`);
table([
  ['measure', 'value'],
  ['Louvain modularity', f(m['network.modularity'])],
  ['Louvain communities', String(m['network.communities'])],
  ['neighbour leaning correlation (Cinelli et al. 2021)', f(m['network.neighbor-leaning-correlation'])],
  ['E-I index (−1 = all ties inside a camp)', f(m['network.ei-index'])],
  ['majority-illusion share (Lerman et al. 2016)', f(m['network.majority-illusion'])],
]);

console.log('\n3. The classic model zoo, each on its example network with its example parameters');
const zooRows = [['model', 'time unit', 'steps', 'converged', 'outcome']];
for (const id of Object.keys(modelZoo)) {
  // Sasahara's step is one agent activation, so it needs many more steps.
  const run = runZooModel(id, { key: `${seed}/${id}`, maxSteps: id === 'sasahara' ? 200_000 : 5_000 });
  const values = Float64Array.from(run.entry.nodeValues(run.state));
  let outcome: string;
  if (run.entry.cascade) {
    // One tree per seed: report the largest.
    const trees = splitCascades(run.entry.cascade(run.state));
    const largest = trees.reduce((a, b) => (b.parent.length > a.parent.length ? b : a));
    const c = computeMetrics(['cascade.size', 'cascade.depth', 'cascade.structural-virality'], largest);
    const reached = trees.reduce((s, t) => s + t.parent.length, 0);
    outcome = `${trees.length} seeds reached ${reached}; largest cascade ${c['cascade.size']}, depth ${c['cascade.depth']}, structural virality ${f(c['cascade.structural-virality'], 2)}`;
  } else if (id === 'baumann') {
    let radical = 0;
    let absSum = 0;
    for (const v of values) {
      absSum += Math.abs(v);
      if (Math.abs(v) > 1) radical++;
    }
    outcome = `mean |x| ${f(absSum / values.length, 2)}, share with |x| > 1: ${f(radical / values.length, 2)}, mean ${f(values.reduce((a, b) => a + b, 0) / values.length, 2)}`;
  } else if (id === 'hoax-fact-checking') {
    const counts = [0, 0, 0];
    for (const v of values) counts[v]++;
    outcome = `susceptible ${counts[0]}, believers ${counts[1]}, fact-checkers ${counts[2]}`;
  } else {
    const o = computeMetrics(['opinion.mean', 'opinion.variance', 'opinion.clusters'], { graph: run.graph, opinions: values });
    outcome = `mean ${f(o['opinion.mean'], 2)}, variance ${f(o['opinion.variance'], 3)}, effective clusters ${f(o['opinion.clusters'], 2)}`;
  }
  zooRows.push([id, run.entry.model.timeUnit.split(':')[0].slice(0, 40), String(run.result.steps), run.result.converged ? 'yes' : 'no', outcome]);
}
table(zooRows);
console.log('\n4. The platform: a CrowdStrike-style hoax, with and without the two hubs that relayed it');
const runs = runPaired(crowdstrike, seed);
const keys = ['reach', 'reach.share', 'cascade.size', 'cascade.depth', 'cascade.structural-virality', 'relays.low-follower-share'];
const armRows = [['arm', ...keys]];
for (const [arm, r] of Object.entries(runs)) armRows.push([arm, ...keys.map((k) => (k in r.outcomes ? f(r.outcomes[k], 2) : '—'))]);
table(armRows);
console.log(`  ${crowdstrike.question}`);

console.log('\nNext: `npm test` runs the checks; `npm run bench` measures speed on 1M nodes / 20M edges.');
