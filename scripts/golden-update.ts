/**
 * Regenerates the golden results of the regression layer (see CONTRIBUTING.md):
 *   tests/golden/exact/<case>.json          final metrics, counts and trajectory
 *                                           hash of every zoo model and every
 *                                           bundled experiment at --quick size;
 *   tests/golden/distributions/<case>.json  each case's key metrics over 200
 *                                           seeds (6 significant digits).
 * Changed values are only written with `--reason "<text>"`, which also adds
 * a dated line naming the changed cases under "## Unreleased — results
 * changed" in CHANGELOG.md. New cases are written without a reason.
 *
 * Usage: npm run golden:update -- [--reason "why"] [--only id,id] [--exact-only | --distributions-only] [--jobs N]
 * The distributions (the slow part) run on worker threads, one per core.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { computeGolden, goldenCase, goldenCases, sampleCase, type GoldenCase } from '../src/golden/golden-cases.js';
import { compareGolden, formatMismatch } from '../src/golden/golden-compare.js';
import { columns } from '../src/golden/distribution-check.js';
import { SAMPLE_DIGITS, decodeGolden, encodeDistribution, encodeGolden } from '../src/golden/golden-json.js';
import { CHANGELOG_HEADER, withChangelogLine } from '../src/golden/changelog.js';

/** Seeds per stored distribution, labelled `dist-0` … `dist-199`. */
export const DISTRIBUTION_SEEDS = 200;
export const DISTRIBUTION_PREFIX = 'dist';
/** Seeds per worker task: small enough to balance the load, large enough to keep messages few. */
const CHUNK = 20;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXACT_DIR = path.join(ROOT, 'tests/golden/exact');
export const DISTRIBUTIONS_DIR = path.join(ROOT, 'tests/golden/distributions');
const CHANGELOG = path.join(ROOT, 'CHANGELOG.md');

interface Task {
  readonly caseId: string;
  readonly from: number;
  readonly to: number;
}
interface TaskResult {
  readonly caseId: string;
  readonly from: number;
  readonly rows: Record<string, number>[];
}

// ---- worker side -----------------------------------------------------------------

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (t: Task | null) => {
    if (t === null) {
      port.close();
      return;
    }
    const c = goldenCase(t.caseId);
    const rows: Record<string, number>[] = [];
    for (let i = t.from; i < t.to; i++) rows.push(sampleCase(c, `${DISTRIBUTION_PREFIX}-${i}`));
    port.postMessage({ caseId: t.caseId, from: t.from, rows } satisfies TaskResult);
  });
}

// ---- main side -------------------------------------------------------------------

interface Args {
  reason: string | null;
  only: string[] | null;
  exact: boolean;
  distributions: boolean;
  jobs: number;
}

function fail(msg: string): never {
  console.error(`golden:update: ${msg}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { reason: null, only: null, exact: true, distributions: true, jobs: Math.max(1, availableParallelism()) };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${k} needs a value`);
      return v;
    };
    if (k === '--reason') a.reason = value().trim() || fail('--reason must not be empty');
    else if (k === '--only') a.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (k === '--exact-only') a.distributions = false;
    else if (k === '--distributions-only') a.exact = false;
    else if (k === '--jobs') {
      a.jobs = Number(value());
      if (!Number.isInteger(a.jobs) || a.jobs < 1) fail('--jobs must be a positive integer');
    } else if (k === '--help' || k === '-h') {
      console.log('usage: npm run golden:update -- [--reason "why results changed"] [--only id,id] [--exact-only | --distributions-only] [--jobs N]');
      process.exit(0);
    } else fail(`unknown option ${k} (options: --reason, --only, --exact-only, --distributions-only, --jobs)`);
  }
  if (!a.exact && !a.distributions) fail('--exact-only and --distributions-only exclude each other');
  return a;
}

const readIf = (file: string): string | null => (existsSync(file) ? readFileSync(file, 'utf8') : null);

/** Files to write, with which cases changed (existing values differ) and which are new. */
interface Plan {
  readonly writes: Map<string, string>;
  readonly deletes: string[];
  readonly changed: string[];
  readonly added: string[];
  readonly messages: string[];
}

const emptyPlan = (): Plan => ({ writes: new Map(), deletes: [], changed: [], added: [], messages: [] });

function planExact(cases: readonly GoldenCase[], plan: Plan): void {
  const t0 = performance.now();
  for (const c of cases) {
    const file = path.join(EXACT_DIR, `${c.id}.json`);
    const rec = computeGolden(c);
    const text = encodeGolden(rec);
    const old = readIf(file);
    if (old === null) plan.added.push(`exact ${c.id}`);
    else {
      const mismatches = compareGolden(decodeGolden(old, path.relative(ROOT, file)), rec);
      if (mismatches.length > 0) {
        plan.changed.push(`exact ${c.id}`);
        for (const m of mismatches.slice(0, 10)) plan.messages.push(formatMismatch(m));
        if (mismatches.length > 10) plan.messages.push(`golden ${c.id}: … and ${mismatches.length - 10} more differences`);
      }
    }
    if (old !== text) plan.writes.set(file, text);
  }
  console.log(`exact: ${cases.length} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function bootstrapUrl(): URL {
  // Node 20 cannot start a .ts worker: register tsx in the worker, then load this file.
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(import.meta.url)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

async function sampleAll(cases: readonly GoldenCase[], jobs: number): Promise<Map<string, Record<string, number>[]>> {
  const tasks: Task[] = [];
  for (const c of cases) for (let from = 0; from < DISTRIBUTION_SEEDS; from += CHUNK) tasks.push({ caseId: c.id, from, to: Math.min(DISTRIBUTION_SEEDS, from + CHUNK) });
  const rows = new Map<string, Record<string, number>[]>(cases.map((c) => [c.id, new Array<Record<string, number>>(DISTRIBUTION_SEEDS)]));
  const left = new Map(cases.map((c) => [c.id, DISTRIBUTION_SEEDS]));
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  const workers = Math.min(jobs, tasks.length);
  await Promise.all(
    Array.from({ length: workers }, () =>
      new Promise<void>((resolve, reject) => {
        const w = new Worker(bootstrapUrl());
        const feed = (): void => {
          w.postMessage(next < tasks.length ? tasks[next++] : null);
        };
        w.on('message', (r: TaskResult) => {
          const into = rows.get(r.caseId) as Record<string, number>[];
          r.rows.forEach((row, i) => (into[r.from + i] = row));
          done++;
          const remaining = (left.get(r.caseId) as number) - r.rows.length;
          left.set(r.caseId, remaining);
          const s = ((performance.now() - t0) / 1000).toFixed(0);
          if (remaining === 0) console.log(`distributions: ${r.caseId} done (${done}/${tasks.length} tasks, ${s} s)`);
          feed();
        });
        w.on('error', reject);
        w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with code ${code}`))));
        feed();
      }),
    ),
  );
  console.log(`distributions: ${cases.length} cases × ${DISTRIBUTION_SEEDS} seeds on ${workers} workers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return rows;
}

async function planDistributions(cases: readonly GoldenCase[], jobs: number, plan: Plan): Promise<void> {
  const rows = await sampleAll(cases, jobs);
  for (const c of cases) {
    const file = path.join(DISTRIBUTIONS_DIR, `${c.id}.json`);
    const text = encodeDistribution({ id: c.id, seedPrefix: DISTRIBUTION_PREFIX, count: DISTRIBUTION_SEEDS, digits: SAMPLE_DIGITS, samples: columns(rows.get(c.id) as Record<string, number>[]) });
    const old = readIf(file);
    if (old === null) plan.added.push(`distribution ${c.id}`);
    else if (old !== text) {
      plan.changed.push(`distribution ${c.id}`);
      plan.messages.push(`golden ${c.id}: the stored distribution of its key metrics changed (200 seeds)`);
    }
    if (old !== text) plan.writes.set(file, text);
  }
}

/** Golden files of cases that no longer exist (only looked for when every case is regenerated). */
function planStale(dir: string, label: string, ids: Set<string>, plan: Plan): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json') || ids.has(f.slice(0, -'.json'.length))) continue;
    plan.deletes.push(path.join(dir, f));
    plan.changed.push(`${label} ${f.slice(0, -'.json'.length)} (removed)`);
    plan.messages.push(`golden ${f.slice(0, -'.json'.length)}: no such case any more; its ${label} file would be deleted`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const all = goldenCases();
  let cases: readonly GoldenCase[] = all;
  if (args.only) {
    try {
      cases = args.only.map((id) => goldenCase(id));
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  }
  const plan = emptyPlan();
  const ids = new Set(all.map((c) => c.id));
  if (args.exact) {
    planExact(cases, plan);
    if (!args.only) planStale(EXACT_DIR, 'exact', ids, plan);
    if (plan.changed.length > 0 && args.reason === null) refuse(plan);
  }
  if (args.distributions) {
    await planDistributions(cases, args.jobs, plan);
    if (!args.only) planStale(DISTRIBUTIONS_DIR, 'distribution', ids, plan);
  }
  if (plan.changed.length > 0 && args.reason === null) refuse(plan);

  mkdirSync(EXACT_DIR, { recursive: true });
  mkdirSync(DISTRIBUTIONS_DIR, { recursive: true });
  for (const [file, text] of plan.writes) writeFileSync(file, text);
  for (const file of plan.deletes) unlinkSync(file);
  if (plan.changed.length > 0 && args.reason !== null) {
    const day = new Date().toISOString().slice(0, 10);
    const line = `- ${day}: ${args.reason} (changed: ${plan.changed.join(', ')})`;
    writeFileSync(CHANGELOG, withChangelogLine(readIf(CHANGELOG), line));
    console.log(`CHANGELOG.md: ${line}`);
  } else if (!existsSync(CHANGELOG)) writeFileSync(CHANGELOG, CHANGELOG_HEADER);
  // Accepted: show what changed, without the advice on how to accept it.
  for (const m of plan.messages) console.log(m.split(' If the change is intended')[0]);
  console.log(
    `golden:update: ${plan.writes.size} file(s) written, ${plan.deletes.length} deleted; ` +
      `${plan.added.length} new, ${plan.changed.length} changed${plan.changed.length > 0 ? '' : ' (results unchanged)'}. Review with \`git diff tests/golden CHANGELOG.md\`.`,
  );
}

function refuse(plan: Plan): never {
  for (const m of plan.messages) console.error(m);
  console.error(
    `\ngolden:update: results changed for ${plan.changed.length} golden file(s) (${plan.changed.join(', ')}); nothing was written.\n` +
      'If the change is intended, rerun with --reason "why the results changed" (it adds a line to CHANGELOG.md).\n' +
      'A refactor that only reorders random draws should change the exact goldens but not the model: update them with\n' +
      '`npm run golden:update -- --exact-only --reason "…"` and check that `npx vitest run tests/golden/distributions.test.ts` still passes.',
  );
  process.exit(1);
}

if (isMainThread && process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
}
