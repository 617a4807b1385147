/**
 * echolab as a user installs it: `npm pack` (which runs build:lib through
 * prepack), then `npm install` of the tarball into a new folder outside the
 * repository, and everything a user does first, there:
 *
 * - `npx echolab --help`, a bundled experiment `--quick`, a JSON spec, and
 *   the user's own TypeScript experiment importing from 'echolab';
 * - `import ... from 'echolab'` and 'echolab/node' in a plain .mjs (Node
 *   20, no loader), `runExperiment` included;
 * - a consumer type-checked by TypeScript, strict, with NodeNext and with
 *   bundler resolution, without skipLibCheck, so echolab's own .d.ts files
 *   are checked too.
 *
 * The oracle for the runs is the repository's own command: the installed
 * package (compiled JavaScript) gives the same table bytes as the sources.
 * The tarball holds what users need and no tests, benchmarks or CI.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO } from '../cli/cli-harness.js';

const TIMEOUT = 300_000;

let work: string;
let app: string;
let tarball: string;
let packed: { files: Array<{ path: string }>; size: number; unpackedSize: number };

function run(cmd: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, timeout: TIMEOUT });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const devVersion = (name: string): string => {
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return pkg.devDependencies[name] ?? 'latest';
};

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'echolab-pack-'));
  const out = ok(run('npm', ['pack', '--json', '--pack-destination', work], REPO), 'npm pack');
  // prepack's output precedes the JSON on stdout.
  const [info] = JSON.parse(out.slice(out.indexOf('['))) as Array<typeof packed & { filename: string }>;
  packed = info;
  tarball = path.join(work, info.filename);
  app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: 'my-study', private: true, type: 'module' }, null, 2)}\n`);
  ok(
    run('npm', ['install', '--prefer-offline', '--no-package-lock', tarball, `typescript@${devVersion('typescript')}`, `@types/node@${devVersion('@types/node')}`], app),
    'npm install of the tarball',
  );
}, TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const npx = (args: readonly string[]): SpawnSyncReturns<string> => run('npx', ['--no-install', 'echolab', ...args], app);

describe('the npm package, installed in a folder of its own', () => {
  it('ships the compiled library, command and bundled experiments, and no tests, benchmarks or CI', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toContain('bin/echolab.mjs');
    expect(files).toContain('lib/src/index.js');
    expect(files).toContain('lib/src/index.d.ts');
    expect(files).toContain('lib/src/node.d.ts');
    expect(files).toContain('lib/src/runner/run-worker.js');
    expect(files).toContain('lib/experiments/crowdstrike-hoax.js');
    expect(files).toContain('reference/twitter15.json');
    expect(files).toContain('schema/experiment-spec.schema.json');
    expect(files.filter((f) => /(^|\/)(tests|bench|\.ci)\//.test(f) || /\.test\.[jt]s$/.test(f))).toEqual([]);
    // No TypeScript sources (only declarations): the package runs without a compiler.
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(packed.size).toBeLessThan(1_000_000);
  });

  it('npx echolab --help works without any dev tool', () => {
    const r = npx(['--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/usage: echolab <command>/i);
    expect(r.stdout).toMatch(/\brun\b/);
    // The installed command runs compiled JavaScript: no tsx in the way.
    expect(readdirSync(path.join(app, 'node_modules', 'echolab'))).not.toContain('src');
  });

  it('runs a bundled experiment --quick: the same table bytes as the repository sources', () => {
    const r = npx(['run', 'deffuant-threshold', '--quick', '--workers', '2', '--out', 'quick']);
    expect(r.status, r.stderr).toBe(0);
    const repo = path.join(work, 'repo-run');
    ok(run(process.execPath, [BIN, 'run', 'deffuant-threshold', '--quick', '--workers', '2', '--out', repo], work), 'the repository command');
    for (const f of ['final.csv', 'series.csv', 'cascades.csv', 'final.parquet']) {
      expect(readFileSync(path.join(app, 'quick', f)).equals(readFileSync(path.join(repo, f))), f).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(path.join(app, 'quick', 'manifest.json'), 'utf8')) as { experiment: { file: string }; git: unknown };
    expect(manifest.experiment.file).toBe('experiments/deffuant-threshold.js');
    // The package folder sits in no git checkout of echolab: no commit is claimed.
    expect(manifest.git).toBeNull();
  }, TIMEOUT);

  it('imports a Twitter v2 export out of core (DuckDB, two parsing threads) and applies deletions after import', () => {
    // 40 MiB of JSON Lines: above the size at which parsing goes to two threads, so the compiled worker must be found.
    const lines: string[] = [];
    const pad = 'x'.repeat(900);
    for (let i = 0; i < 43_000; i++) {
      const t: Record<string, unknown> = { id: String(1_000_000 + i), author_id: `u${i % 500}`, created_at: new Date(Date.UTC(2024, 6, 19) + i * 1000).toISOString(), text: pad };
      if (i % 4 !== 0) t.referenced_tweets = [{ type: 'retweeted', id: String(1_000_000 + i - (i % 4)) }];
      lines.push(JSON.stringify(t));
    }
    writeFileSync(path.join(app, 'big.jsonl'), `${lines.join('\n')}\n`);
    const r = npx(['import', 'big.jsonl', '--key', 'k', '--out', 'imp']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(app, 'imp', 'report.json'), 'utf8')) as { engine: string; cascades: number; entries: number };
    expect(report).toMatchObject({ engine: 'duckdb', cascades: 10_750, entries: 43_000 });
    for (const f of ['posts.parquet', 'cascades.parquet', 'trees.parquet']) expect(readdirSync(path.join(app, 'imp'))).toContain(f);
    writeFileSync(path.join(app, 'deleted.txt'), '1000000\n');
    const d = npx(['import', '--apply-deletions', 'deleted.txt', 'imp', '--key', 'k']);
    expect(d.status, d.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(app, 'imp', 'report.json'), 'utf8'))).toMatchObject({ cascades: 10_749, entries: 42_996 });
  }, TIMEOUT);

  it('runs a JSON spec that names a bundled scenario', () => {
    writeFileSync(
      path.join(app, 'small-hoax.json'),
      JSON.stringify({
        specVersion: 1,
        id: 'small-hoax',
        title: 'A small hoax',
        question: 'Do the hubs still matter with 400 accounts?',
        scenario: 'crowdstrike-hoax',
        base: { agents: 400 },
        replicates: 1,
        seed: 'pack',
      }),
    );
    const r = npx(['run', 'small-hoax.json', '--out', 'spec-run']);
    expect(r.status, r.stderr).toBe(0);
    const final = readFileSync(path.join(app, 'spec-run', 'final.csv'), 'utf8').trim().split('\n');
    expect(final.length).toBe(3); // header + the scenario's two arms
  }, TIMEOUT);

  it("runs the user's own TypeScript experiment that imports from 'echolab'", () => {
    writeFileSync(
      path.join(app, 'my-sweep.ts'),
      `import { defineExperiment } from 'echolab';

const ids: readonly string[] = ['a'];
export default defineExperiment({
  id: 'my-sweep',
  title: 'My sweep',
  question: 'Does the installed package load a TypeScript experiment?',
  model: 'deffuant',
  network: { kind: 'erdos-renyi', params: { n: 50, p: 0.1 } },
  base: { mu: 0.5 },
  vary: { epsilon: [0.2, 0.6] },
  replicates: ids.length,
  steps: 10,
  metrics: ['opinion.variance'],
  seed: 'pack',
});
`,
    );
    const r = npx(['run', 'my-sweep.ts', '--workers', '2', '--out', 'ts-run']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path.join(app, 'ts-run', 'final.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
  }, TIMEOUT);

  it("imports 'echolab' and 'echolab/node' from a plain .mjs on Node, runExperiment included", () => {
    writeFileSync(
      path.join(app, 'use.mjs'),
      `import { Rng, CsrGraph, erdosRenyi, computeMetrics } from 'echolab';
import { runExperiment } from 'echolab/node';

const edges = erdosRenyi({ n: 100, p: 0.05 }, new Rng('pack').fork('net'));
const graph = CsrGraph.fromEdgeList(edges);
const m = computeMetrics(['network.ei-index'], { graph, attribute: new Uint8Array(100).map((_, i) => i % 2) });
const rows = await runExperiment('deffuant-threshold', { quick: true, workers: 2 });
console.log(JSON.stringify({ n: graph.n, metrics: Object.keys(m), final: rows.final.length, first: rows.final[0] }));
`,
    );
    const r = run(process.execPath, ['use.mjs'], app);
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { n: number; metrics: string[]; final: number; first: Record<string, unknown> };
    expect(got.n).toBe(100);
    expect(got.metrics).toContain('network.ei-index');
    const csv = readFileSync(path.join(app, 'quick', 'final.csv'), 'utf8').trim().split('\n');
    expect(got.final).toBe(csv.length - 1);
    expect(Object.keys(got.first).join(',')).toBe(csv[0]);
  }, TIMEOUT);

  it("runs the README's package example (threshold.mjs and sweep.mjs) as printed, with the output the README states", () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### In your own project: the npm package'));
    const block = (name: string): string => {
      const at = section.indexOf(`\`${name}\``);
      const m = /```js\n([\s\S]*?)```/.exec(section.slice(at));
      if (at < 0 || !m) throw new Error(`README: no code block for ${name}`);
      return m[1]!;
    };
    writeFileSync(path.join(app, 'threshold.mjs'), block('threshold.mjs'));
    writeFileSync(path.join(app, 'sweep.mjs'), block('sweep.mjs'));
    const r = run(process.execPath, ['sweep.mjs'], app);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'ε = 0.2: consensus in 0 of 6 runs',
      'ε = 0.3: consensus in 0 of 6 runs',
      'ε = 0.4: consensus in 0 of 6 runs',
      'ε = 0.5: consensus in 5 of 6 runs',
      'ε = 0.6: consensus in 6 of 6 runs',
    ]);
    expect(section).toContain('It prints ε = 0.2, 0.3 and 0.4: consensus in 0 of 6 runs; ε = 0.5: 5 of 6;\nε = 0.6: 6 of 6.');
    expect(readdirSync(path.join(app, 'results', 'threshold-scan'))).toContain('report.html');
  }, TIMEOUT);

  const consumer = `import { Rng, CsrGraph, erdosRenyi, computeMetrics, defineExperiment, type ExperimentDefinition } from 'echolab';
import { runExperiment, readNetworkFile, type ExperimentRows, type Row } from 'echolab/node';

const rng: Rng = new Rng('types');
const edges = erdosRenyi({ n: 10, p: 0.5 }, rng);
const graph: CsrGraph = CsrGraph.fromEdgeList(edges);
const metrics: Record<string, number> = computeMetrics(['opinion.mean'], { graph, opinions: new Float64Array(graph.n) });
const experiment: ExperimentDefinition = defineExperiment({
  id: 'typed', title: 'Typed', question: 'Do the types hold?', model: 'deffuant',
  network: { kind: 'erdos-renyi', params: { n: 20, p: 0.2 } }, replicates: 1, steps: 5, seed: 's',
});
export async function study(): Promise<number> {
  const rows: ExperimentRows = await runExperiment(experiment, { replicates: 1 });
  const first: Row | undefined = rows.final[0];
  void readNetworkFile;
  return (first?.steps as number) + Object.keys(metrics).length;
}
`;

  for (const [resolution, module] of [
    ['NodeNext', 'NodeNext'],
    ['bundler', 'ESNext'],
  ] as const) {
    it(`type-checks a strict consumer with moduleResolution ${resolution}, echolab's declarations included`, () => {
      const dir = path.join(app, `types-${resolution.toLowerCase()}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'study.ts'), consumer);
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { target: 'ES2022', module, moduleResolution: resolution, strict: true, noEmit: true, skipLibCheck: false, types: ['node'], lib: ['ES2022', 'DOM'] },
          files: ['study.ts'],
        }),
      );
      const r = run(process.execPath, [path.join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], app);
      expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
      expect(r.status).toBe(0);
    }, TIMEOUT);
  }
});
