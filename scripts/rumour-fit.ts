/**
 * Design harness for the `rumour-cascades` experiment against the real
 * Twitter15 propagation trees (Ma, Gao & Wong, ACL 2017; source events from
 * Liu et al., CIKM 2015). It is how the scenario's mechanism and fixed
 * values were chosen (eval with --set), and it measures what
 * `echolab calibrate` does not: whether the calibrated false and true
 * models differ the way the archive's false and true trees do (direction).
 * The fit itself, its predictive check and the out-of-sample check are
 * `echolab calibrate` (README: "A rumour model calibrated on Twitter15").
 * It reads the data beside the checkout and writes nothing.
 *
 * What it computes, for one veracity label (false or true):
 *   archive side  every tree of the label, measured as imported;
 *   sim side      the scenario run at the given parameters for several
 *                 seeds; every claim cascade (the root is a claim of the
 *                 claim stream) cut at the observation window (the
 *                 experiment's claimCascades), kept when its size is at
 *                 least the archive's smallest (false 97, true 88);
 *   features      size, depth, maximum breadth, structural virality, time
 *                 to 90 % of final size (src/compare/cascade-features.ts);
 *   size matching exact size (Juul & Ugander, PNAS 118, e2100786118, 2021;
 *                 src/compare/compare-cascades.ts), with Kish's effective
 *                 sample size (Σw)²/Σw² and the share of archive sizes no
 *                 simulated cascade has (coarsened);
 *   distance      per feature, the weighted two-sample Kolmogorov–Smirnov
 *                 statistic (src/compare/distances.ts), for the seeds
 *                 pooled (the posterior predictive) and per seed, and the
 *                 KS of the sizes before matching.
 *
 * Commands (run from the repository root, data in
 * ../shared/data/twitter15/twitter15 or --data DIR):
 *   npx tsx scripts/rumour-fit.ts eval --label false [--seeds 20] [--params false|true] [--set k=v]...
 *       the table at the fitted values of a label (--params, default the
 *       label's), with --set overrides;
 *   npx tsx scripts/rumour-fit.ts direction [--seeds 20] [--boot 1000]
 *       false minus true, per feature: archive medians (bootstrap over
 *       trees) and fitted-model medians (bootstrap over seeds), 95 %
 *       percentile intervals;
 *   npx tsx scripts/rumour-fit.ts time [--runs 5]
 *       wall-clock milliseconds of one run at full size.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { claimCascades, rumourScenario, FITTED } from '../experiments/rumour-cascades.js';
import { cascadeFeatures, type CascadeFeature } from '../src/compare/cascade-features.js';
import { sizeMatchWeights } from '../src/compare/compare-cascades.js';
import { cleanSample, ksOfClean, weightedMedian } from '../src/compare/distances.js';
import { readPropagationArchive } from '../src/io/read-archive.js';
import { Rng } from '../src/model/rng.js';
import type { CascadeTree } from '../src/sim/cascade-record.js';
import { runScenario } from '../src/sim/platform/scenario.js';

export const FEATURES = ['size', 'depth', 'max-breadth', 'structural-virality', 'time-to-90pct'] as const satisfies readonly CascadeFeature[];
type Feature = (typeof FEATURES)[number];
type Rows = Record<Feature, number[]>;
type Params = Record<string, number>;
const LABELS = ['false', 'true'] as const;
type Label = (typeof LABELS)[number];

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_DATA = path.resolve(here, '../../shared/data/twitter15/twitter15');

// ---- archive ------------------------------------------------------------------

interface ArchiveSide {
  readonly rows: Rows;
  readonly minSize: number;
}

function emptyRows(): Rows {
  return { size: [], depth: [], 'max-breadth': [], 'structural-virality': [], 'time-to-90pct': [] };
}

function pushFeatures(rows: Rows, tree: CascadeTree): void {
  const f = cascadeFeatures(tree, FEATURES);
  for (const k of FEATURES) rows[k].push(f[k]);
}

function loadArchive(dir: string): Map<Label, Array<{ id: string; tree: CascadeTree }>> {
  if (!existsSync(path.join(dir, 'label.txt'))) throw new Error(`no Twitter15 data in ${dir} (give --data DIR)`);
  const all = readPropagationArchive(dir).cascades;
  const out = new Map<Label, Array<{ id: string; tree: CascadeTree }>>();
  for (const label of LABELS) out.set(label, all.filter((c) => c.label === label).map((c) => ({ id: c.sourceId, tree: c.tree })));
  return out;
}

function archiveSide(trees: ReadonlyArray<{ id: string; tree: CascadeTree }>): ArchiveSide {
  const rows = emptyRows();
  for (const t of trees) pushFeatures(rows, t.tree);
  // The size cut is the label's smallest tree (what the archive selected).
  return { rows, minSize: Math.min(...trees.map((t) => t.tree.parent.length)) };
}

// ---- simulation ------------------------------------------------------------------

/**
 * The claim cascades of one run at `params` (over the scenario's), cut at
 * the observation window (the experiment's claimCascades), of at least
 * `minSize` entries.
 */
export function simulateClaims(params: Params, seed: string, minSize: number): CascadeTree[] {
  const run = runScenario(rumourScenario, { seed, overrides: params });
  return claimCascades(run.platform).filter((t) => t.parent.length >= minSize);
}

function simRows(trees: readonly CascadeTree[]): Rows {
  const rows = emptyRows();
  for (const t of trees) pushFeatures(rows, t);
  return rows;
}

// ---- size matching and distances ------------------------------------------------

export interface Matching {
  readonly weights: Float64Array;
  /** Kish's effective size of the weighted simulated sample. */
  readonly ess: number;
  /** Share of the archive's cascades whose size no simulated cascade had (moved to the nearest simulated size). */
  readonly coarsened: number;
}

/** Exact-size matching weights (src/compare/compare-cascades.ts), with Kish's effective size and the share of archive sizes no simulated cascade has. */
export function sizeMatch(simSizes: readonly number[], archiveSizes: readonly number[]): Matching {
  const weights = sizeMatchWeights(simSizes, archiveSizes, 'exact').simWeights;
  let sum = 0;
  let sq = 0;
  for (const w of weights) {
    sum += w;
    sq += w * w;
  }
  const simulated = new Set(simSizes);
  const moved = archiveSizes.filter((s) => !simulated.has(s)).length;
  return { weights, ess: sq > 0 ? (sum * sum) / sq : 0, coarsened: archiveSizes.length > 0 ? moved / archiveSizes.length : NaN };
}

export interface Distance {
  readonly ks: Record<Feature, number>;
  readonly mean: number;
  /** KS of the simulated sizes before matching (how far the size distribution itself is from the archive's; not in `mean`). */
  readonly rawSize: number;
  readonly ess: number;
  readonly coarsened: number;
  readonly n: number;
}

export function distance(sim: Rows, archive: Rows): Distance {
  const m = sizeMatch(sim.size, archive.size);
  const ks = {} as Record<Feature, number>;
  let total = 0;
  for (const f of FEATURES) {
    ks[f] = sim.size.length === 0 ? NaN : ksOfClean(cleanSample(sim[f], m.weights), cleanSample(archive[f])).statistic;
    total += ks[f];
  }
  const rawSize = sim.size.length === 0 ? NaN : ksOfClean(cleanSample(sim.size), cleanSample(archive.size)).statistic;
  return { ks, mean: total / FEATURES.length, rawSize, ess: m.ess, coarsened: m.coarsened, n: sim.size.length };
}

function concatRows(parts: readonly Rows[]): Rows {
  const out = emptyRows();
  for (const r of parts) for (const f of FEATURES) out[f].push(...r[f]);
  return out;
}

// ---- commands -------------------------------------------------------------------

interface Args {
  readonly command: string;
  readonly flags: Map<string, string>;
  readonly sets: Params;
}

function parseArgs(argv: readonly string[]): Args {
  const [command = 'eval', ...rest] = argv;
  const flags = new Map<string, string>();
  const sets: Params = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const value = rest[++i];
    if (value === undefined) throw new Error(`${a} needs a value`);
    if (a === '--set') {
      const eq = value.indexOf('=');
      const v = Number(value.slice(eq + 1));
      if (eq < 1 || !Number.isFinite(v)) throw new Error(`--set ${value}: expected name=number`);
      sets[value.slice(0, eq)] = v;
    } else flags.set(a.slice(2), value);
  }
  return { command, flags, sets };
}

const seedsOf = (n: number, prefix = 'fit'): string[] => Array.from({ length: n }, (_, k) => `${prefix}-${k}`);

function fmt(x: number, d = 3): string {
  return Number.isFinite(x) ? x.toFixed(d) : String(x);
}

interface Evaluation {
  readonly pooled: Distance;
  readonly perSeed: Distance[];
  readonly rows: Rows;
  readonly perSeedRows: Rows[];
}

function evaluate(params: Params, seeds: readonly string[], archive: ArchiveSide): Evaluation {
  const perSeedRows = seeds.map((s) => simRows(simulateClaims(params, s, archive.minSize)));
  const rows = concatRows(perSeedRows);
  return { pooled: distance(rows, archive.rows), perSeed: perSeedRows.map((r) => distance(r, archive.rows)), rows, perSeedRows };
}

/** p10, p50 and p90 of a weighted sample: the smallest values whose cumulative weight reaches each share. */
function weightedQuantiles(values: readonly number[], weights?: Float64Array): string {
  const c = cleanSample(values, weights);
  return [0.1, 0.5, 0.9]
    .map((q) => {
      let acc = 0;
      for (let i = 0; i < c.values.length; i++) {
        acc += c.weights[i];
        if (acc >= q * c.totalWeight - 1e-9) return fmt(c.values[i], 2);
      }
      return 'NaN';
    })
    .join(' / ');
}

function printEvaluation(title: string, e: Evaluation, archive: ArchiveSide): void {
  console.log(`\n${title}`);
  console.log(`  simulated claim cascades kept: ${e.pooled.n} over ${e.perSeed.length} seeds (ESS ${fmt(e.pooled.ess, 1)}, archive mass coarsened ${fmt(100 * e.pooled.coarsened, 1)} %); archive trees: ${archive.rows.size.length}, min size ${archive.minSize}`);
  console.log('  | feature | KS pooled | KS per seed: mean [min, max] | ≤ 0.15 pooled | sim p10 / p50 / p90 (matched) | archive p10 / p50 / p90 |');
  console.log('  |---|---|---|---|---|---|');
  const m = sizeMatch(e.rows.size, archive.rows.size);
  for (const f of [...FEATURES, 'mean'] as const) {
    const per = e.perSeed.map((d) => (f === 'mean' ? d.mean : d.ks[f]));
    const pooled = f === 'mean' ? e.pooled.mean : e.pooled.ks[f];
    const meanPer = per.reduce((a, b) => a + b, 0) / per.length;
    const med = f === 'mean' ? '' : weightedQuantiles(e.rows[f], m.weights);
    const medA = f === 'mean' ? '' : weightedQuantiles(archive.rows[f]);
    console.log(`  | ${f} | ${fmt(pooled)} | ${fmt(meanPer)} [${fmt(Math.min(...per))}, ${fmt(Math.max(...per))}] | ${f === 'mean' ? '' : pooled <= 0.15 ? 'yes' : `no (+${fmt(pooled - 0.15)})`} | ${med} | ${medA} |`);
  }
  const raw = e.perSeed.map((d) => d.rawSize);
  console.log(`  | size, not matched | ${fmt(e.pooled.rawSize)} | ${fmt(raw.reduce((a, b) => a + b, 0) / raw.length)} [${fmt(Math.min(...raw))}, ${fmt(Math.max(...raw))}] | (not a target) | ${weightedQuantiles(e.rows.size)} | ${weightedQuantiles(archive.rows.size)} |`);
  const ess = e.perSeed.map((d) => d.ess);
  console.log(`  per seed: kept ${fmt(Math.min(...e.perSeed.map((d) => d.n)), 0)}–${fmt(Math.max(...e.perSeed.map((d) => d.n)), 0)} cascades, ESS ${fmt(Math.min(...ess), 1)}–${fmt(Math.max(...ess), 1)}`);
}

function labelOf(flags: Map<string, string>, name = 'label'): Label {
  const l = flags.get(name) ?? 'false';
  if (!(LABELS as readonly string[]).includes(l)) throw new Error(`--${name} ${l}: expected false or true`);
  return l as Label;
}

function int(flags: Map<string, string>, name: string, d: number): number {
  const v = Number(flags.get(name) ?? d);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name}: expected a positive integer`);
  return v;
}

/** Percentile interval of values (type-7 quantiles). */
function interval(xs: number[], lo = 0.025, hi = 0.975): [number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => {
    const h = (s.length - 1) * p;
    const i = Math.floor(h);
    return s[i] + (h - i) * (s[Math.min(s.length - 1, i + 1)] - s[i]);
  };
  return [q(lo), q(hi)];
}

/**
 * Does the model's difference go the archive's way? When the archive's
 * interval excludes 0: the same direction if the model's interval is on the
 * same side, opposite if on the other, else unclear. When it includes 0 (no
 * clear difference in the archive): consistent if the two intervals
 * overlap, else a miss (the model makes a difference the archive does not
 * show, or the reverse one).
 */
export function verdict(alo: number, ahi: number, mlo: number, mhi: number): string {
  const side = (lo: number, hi: number): number => (lo > 0 ? 1 : hi < 0 ? -1 : 0);
  const a = side(alo, ahi);
  const m = side(mlo, mhi);
  if (a !== 0) return m === a ? 'same direction' : m === -a ? 'opposite' : 'unclear (model interval includes 0)';
  if (mlo <= ahi && alo <= mhi) return m === 0 ? 'consistent: no clear difference in either' : 'consistent (the archive\'s interval includes 0 and overlaps the model\'s)';
  return `miss: the model's ${m > 0 ? 'false' : 'true'} cascades are larger, beyond the archive's interval`;
}

function direction(archives: Map<Label, Array<{ id: string; tree: CascadeTree }>>, flags: Map<string, string>): void {
  const seeds = seedsOf(int(flags, 'seeds', 20));
  const boot = int(flags, 'boot', 1000);
  const rng = new Rng('rumour-fit/direction');
  const side = Object.fromEntries(LABELS.map((l) => [l, archiveSide(archives.get(l)!)])) as Record<Label, ArchiveSide>;
  const model = Object.fromEntries(LABELS.map((l) => [l, evaluate(FITTED[l], seeds, side[l])])) as Record<Label, Evaluation>;
  const median = (xs: number[], w?: Float64Array): number => weightedMedian(cleanSample(xs, w));
  console.log('\nfalse minus true, medians (95 % bootstrap intervals): archive over trees, model over seeds');
  console.log('| feature | archive Δ | archive interval | model Δ (size-matched) | interval | model Δ (raw, ≥ min size) | interval | verdict |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const f of FEATURES) {
    const aΔ = median(side.false.rows[f]) - median(side.true.rows[f]);
    const aBoot: number[] = [];
    for (let b = 0; b < boot; b++) {
      const pick = (r: Rows): number[] => Array.from({ length: r[f].length }, () => r[f][rng.int(r[f].length)]);
      aBoot.push(median(pick(side.false.rows)) - median(pick(side.true.rows)));
    }
    const modelΔ = (resample: boolean): { matched: number; raw: number } => {
      const pick = (e: Evaluation): Rows => (resample ? concatRows(Array.from({ length: e.perSeedRows.length }, () => e.perSeedRows[rng.int(e.perSeedRows.length)])) : e.rows);
      const rf = pick(model.false);
      const rt = pick(model.true);
      const wf = sizeMatch(rf.size, side.false.rows.size).weights;
      const wt = sizeMatch(rt.size, side.true.rows.size).weights;
      return { matched: median(rf[f], wf) - median(rt[f], wt), raw: median(rf[f]) - median(rt[f]) };
    };
    const m = modelΔ(false);
    const mBoot = Array.from({ length: Math.min(boot, 200) }, () => modelΔ(true));
    const [alo, ahi] = interval(aBoot);
    const [mlo, mhi] = interval(mBoot.map((x) => x.matched));
    const [rlo, rhi] = interval(mBoot.map((x) => x.raw));
    // Size cannot be matched on size: its model Δ is the raw one; every other feature's is size-matched.
    const [lo, hi] = f === 'size' ? [rlo, rhi] : [mlo, mhi];
    console.log(`| ${f} | ${fmt(aΔ, 2)} | [${fmt(alo, 2)}, ${fmt(ahi, 2)}] | ${fmt(m.matched, 2)} | [${fmt(mlo, 2)}, ${fmt(mhi, 2)}] | ${fmt(m.raw, 2)} | [${fmt(rlo, 2)}, ${fmt(rhi, 2)}] | ${verdict(alo, ahi, lo, hi)} |`);
  }
}

function main(): void {
  const { command, flags, sets } = parseArgs(process.argv.slice(2));
  if (command === 'time') {
    const runs = int(flags, 'runs', 5);
    const ms: number[] = [];
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      runScenario(rumourScenario, { seed: `time-${k}`, overrides: { ...FITTED[labelOf(flags)], ...sets } });
      ms.push(performance.now() - t0);
    }
    console.log(`one run at full size: ${ms.map((x) => x.toFixed(0)).join(', ')} ms`);
    return;
  }
  const archives = loadArchive(flags.get('data') ?? DEFAULT_DATA);
  if (command === 'direction') return direction(archives, flags);
  const label = labelOf(flags);
  const archive = archiveSide(archives.get(label)!);
  if (command === 'eval') {
    const params = { ...FITTED[labelOf(flags, flags.has('params') ? 'params' : 'label')], ...sets };
    const seeds = seedsOf(int(flags, 'seeds', 20));
    printEvaluation(`${label} (all trees) at ${JSON.stringify(params)}`, evaluate(params, seeds, archive), archive);
    return;
  }
  throw new Error(`unknown command ${command}: eval, direction or time`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
