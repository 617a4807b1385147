/**
 * `echolab compare <results> <network file>`: a small Deffuant sweep that
 * records three of the five network metrics, compared with the hand-made
 * two-camp fixture. Oracles: the archive column holds the fixture's
 * hand-computed values (E-I = −1, illusion 3/7, RWC 1), the simulated columns are
 * recomputed here from final.csv, the two unrecorded metrics are named with
 * how to add them, and bad input (a non-binary or unknown attribute, --label
 * on a network) exits 2. An edge list joined to a node table (--nodes) with
 * weights: the weighted label modularity by hand (6/49) while the E-I index
 * still counts edges (−3/5), the report naming which metrics used the
 * weights; edges naming nodes the table lacks, and other bad --nodes or
 * --louvain-restarts input, exit 2. Then polblogs, when ../shared/data is
 * present.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnName } from '../../src/io/column-name.js';
import { readCsv } from '../../src/cli/compare-command.js';
import { REPO, removeDir, runCli, tempDir, writeExperiment } from './cli-harness.js';
import { PAGE_POLICY_META } from '../../src/report/page-policy.js';

const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'networks', 'two-camps-within.gml');
const POLBLOGS = path.resolve(REPO, '../shared/data/polblogs/polblogs.gml.gz');
const RECORDED = ['network.neighbor-leaning-correlation', 'network.ei-index', 'network.majority-illusion', 'network.random-walk-controversy'];

const SWEEP = JSON.stringify({
  id: 'camps',
  title: 'Tiny bounded-confidence sweep',
  question: 'Do simulated networks look as split as a real one?',
  model: 'deffuant',
  network: { kind: 'erdos-renyi', params: { n: 60, p: 0.1 } },
  base: { mu: 0.5 },
  vary: { epsilon: [0.15, 0.4] },
  replicates: 3,
  steps: 30,
  untilConverged: false,
  sampleEvery: 0,
  metrics: RECORDED,
  seed: 'compare-network-test',
});

let cwd = '';
let results = '';
beforeAll(async () => {
  cwd = tempDir('echolab-cmpnet-');
  const file = writeExperiment(cwd, 'camps', SWEEP);
  const run = await runCli(['run', file, '--workers', '1', '--out', 'res'], cwd);
  expect(run.code, run.stderr).toBe(0);
  results = path.join(cwd, 'res');
}, 60_000);
afterAll(() => removeDir(cwd));

type Row = Record<string, string>;

function rowsOf(file: string): Row[] {
  const { header, rows } = readCsv(readFileSync(file, 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

describe('echolab compare with a labelled network', () => {
  it('tables the archive values against the per-run values of final.csv, per arm', async () => {
    const out = await runCli(['compare', 'res', FIXTURE, '--out', 'cmp'], cwd);
    expect(out.code, out.stderr).toBe(0);
    const csv = rowsOf(path.join(cwd, 'cmp', 'compare.csv'));
    const final = rowsOf(path.join(results, 'final.csv'));
    expect(new Set(csv.map((r) => r.arm))).toEqual(new Set(['epsilon=0.15', 'epsilon=0.4']));
    for (const r of csv.filter((x) => x.metric === 'network.ei-index')) expect(Number(r.archive)).toBe(-1);
    for (const r of csv.filter((x) => x.metric === 'network.majority-illusion')) expect(Number(r.archive)).toBeCloseTo(3 / 7, 12);
    // No tie crosses the camps: every walk ends on its own side's authorities.
    for (const r of csv.filter((x) => x.metric === 'network.random-walk-controversy')) expect(Number(r.archive)).toBe(1);
    for (const r of csv.filter((x) => RECORDED.includes(x.metric))) {
      const runs = final.filter((f) => `epsilon=${f.epsilon}` === r.arm).map((f) => f[columnName(r.metric)]).filter((c) => c !== '').map(Number);
      expect(Number(r.n_sim)).toBe(runs.length);
      expect(Number(r.sim_mean)).toBeCloseTo(runs.reduce((s, x) => s + x, 0) / runs.length, 12);
      expect(Number(r.sim_min)).toBe(Math.min(...runs));
      expect(Number(r.sim_max)).toBe(Math.max(...runs));
      const a = Number(r.archive);
      const pct = (100 * (runs.filter((x) => x < a).length + runs.filter((x) => x === a).length / 2)) / runs.length;
      expect(Number(r.archive_percentile)).toBeCloseTo(pct, 12);
      expect(r.in_results).toBe('true');
    }
    const absent = csv.filter((x) => x.metric === 'network.modularity' || x.metric === 'network.opinion-assortativity');
    expect(absent.length).toBe(4);
    for (const r of absent) expect([r.in_results, r.n_sim]).toEqual(['false', '0']);
    expect(out.stdout).toContain("Add them to the experiment's `metrics` list");
    expect(out.stdout).toContain("'network.opinion-assortativity', 'network.modularity'");
    const md = readFileSync(path.join(cwd, 'cmp', 'compare.md'), 'utf8');
    expect(md).toContain('| network.modularity | 0.4444 | 0 | not in results |');
    expect(md).toContain('| label-modularity | 0.4444 | 0 | archive only |');
    const html = readFileSync(path.join(cwd, 'cmp', 'compare.html'), 'utf8');
    expect(html).toContain(PAGE_POLICY_META);
    // One point-range chart per recorded metric (the archive-only and unrecorded metrics have none).
    expect(html.match(/<figure class="chart" data-kind="point-range"/g)?.length).toBe(RECORDED.length);
  }, 60_000);

  it('exits 2 on an unknown or non-binary attribute and on --label with a network', async () => {
    const three = path.join(cwd, 'three.gml');
    writeFileSync(three, 'graph [ node [ id 1 value 0 ] node [ id 2 value 1 ] node [ id 3 value 2 ] edge [ source 1 target 2 ] ]\n');
    const [a, b, c] = await Promise.all([
      runCli(['compare', 'res', FIXTURE, '--attribute', 'party', '--out', 'bad'], cwd),
      runCli(['compare', 'res', three, '--out', 'bad'], cwd),
      runCli(['compare', 'res', FIXTURE, '--label', 'false', '--out', 'bad'], cwd),
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('no node attribute "party"');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('need a binary label');
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--attribute');
    expect(existsSync(path.join(cwd, 'bad'))).toBe(false);
  }, 60_000);

  it('an edge list with a node table and weights: weighted label modularity 6/49 by hand, E-I still counts edges', async () => {
    // Directed (edge lists are read as follows): a→b, b→c, a→c (weight 1), c→d (3), d→e (1); sides L = {a, b, c}, R = {d, e}.
    // Leicht–Newman, weighted: m = 7; L: internal 3, out 6, in 3; R: internal 1, out 1, in 4.
    // Q = 3/7 − 18/49 + 1/7 − 4/49 = 6/49. E-I over ties: E = 1, I = 4 → −3/5.
    writeFileSync(path.join(cwd, 'edges.csv'), 'source,target,weight\na,b,1\nb,c,1\na,c,1\nc,d,3\nd,e,1\n');
    writeFileSync(path.join(cwd, 'nodes.csv'), 'id,name,side\na,Ann,L\nb,Bo,L\nc,Cy,L\nd,Di,R\ne,Ed,R\n');
    const out = await runCli(['compare', 'res', 'edges.csv', '--nodes', 'nodes.csv', '--attribute', 'side', '--louvain-restarts', '3', '--out', 'cmp-edges'], cwd);
    expect(out.code, out.stderr).toBe(0);
    const csv = rowsOf(path.join(cwd, 'cmp-edges', 'compare.csv'));
    const archive = (m: string): number => Number(csv.find((r) => r.metric === m)?.archive);
    expect(archive('label-modularity')).toBeCloseTo(6 / 49, 12);
    expect(archive('network.ei-index')).toBeCloseTo(-0.6, 12);
    const md = readFileSync(path.join(cwd, 'cmp-edges', 'compare.md'), 'utf8');
    expect(md).toContain('5 nodes, 5 directed edges');
    expect(md).toContain('its nodes and labels from nodes.csv');
    expect(md).toContain('Edge weights of edges.csv (repeated edges add up): used by network.modularity and label-modularity');
    expect(md).toMatch(/ignored, every edge counting once, by network\.neighbor-leaning-correlation, .*network\.ei-index/);
    expect(md).toContain('the best of 3 seeded Louvain restarts');
    expect(md).toContain('side: L → −1, R → +1');
  }, 60_000);

  it('exits 2 naming the node table when edges name nodes it lacks, and on other bad --nodes or --louvain-restarts input', async () => {
    writeFileSync(path.join(cwd, 'edges2.csv'), 'source,target\na,b\nb,zed\nyan,a\nzed,a\n');
    writeFileSync(path.join(cwd, 'nodes2.csv'), 'id,side\na,L\nb,R\n');
    writeFileSync(path.join(cwd, 'nodes3.csv'), 'id,side\na,L\nb,\nc,R\nd,R\ne,L\n');
    const [missing, gml, restarts, cascade, noAttr, unlabelled] = await Promise.all([
      runCli(['compare', 'res', 'edges2.csv', '--nodes', 'nodes2.csv', '--attribute', 'side', '--out', 'bad'], cwd),
      runCli(['compare', 'res', FIXTURE, '--nodes', 'nodes2.csv', '--out', 'bad'], cwd),
      runCli(['compare', 'res', FIXTURE, '--louvain-restarts', '0', '--out', 'bad'], cwd),
      runCli(['compare', 'res', 'twitter15', '--nodes', 'nodes2.csv', '--out', 'bad'], cwd),
      runCli(['compare', 'res', 'edges.csv', '--nodes', 'nodes.csv', '--attribute', 'party', '--out', 'bad'], cwd),
      runCli(['compare', 'res', 'edges.csv', '--nodes', 'nodes3.csv', '--attribute', 'side', '--out', 'bad'], cwd),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('edges2.csv:3: unknown node "zed" (target): not in the node table');
    expect(missing.stderr).toContain('3 edge line(s) name 2 node id(s) missing from it, the first on line 3');
    expect(gml.code).toBe(2);
    expect(gml.stderr).toContain('`--nodes` joins a node table to an edge list');
    expect(restarts.code).toBe(2);
    expect(restarts.stderr).toContain('invalid `--louvain-restarts` (0)');
    expect(cascade.code).toBe(2);
    expect(cascade.stderr).toContain('`--nodes` applies to a labelled network file');
    expect(noAttr.code).toBe(2);
    expect(noAttr.stderr).toContain('no node attribute "party" (attributes: name, side); choose it with `--attribute`');
    expect(unlabelled.code).toBe(2);
    expect(unlabelled.stderr).toContain('1 node(s) have no `side` (the first: "b")');
    expect(existsSync(path.join(cwd, 'bad'))).toBe(false);
    for (const r of [missing, gml, restarts, cascade, noAttr, unlabelled]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it.skipIf(!existsSync(POLBLOGS))('compares with polblogs (skipped: ../shared/data not present)', async () => {
    const out = await runCli(['compare', 'res', POLBLOGS, '--attribute', 'value', '--out', 'pb'], cwd);
    expect(out.code, out.stderr).toBe(0);
    const csv = rowsOf(path.join(cwd, 'pb', 'compare.csv'));
    const ei = csv.find((r) => r.metric === 'network.ei-index');
    // Directed read: E-I over follows; a strong echo chamber either way.
    expect(Number(ei?.archive)).toBeLessThan(-0.75);
    expect(readFileSync(path.join(cwd, 'pb', 'compare.md'), 'utf8')).toContain('1490 nodes');
  }, 60_000);
});
