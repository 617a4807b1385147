/**
 * `echolab calibrate <experiment> --archive <folder|reference|twitter15>`:
 * approximate Bayesian computation over the uniform prior ranges an
 * experiment declares in `calibrate` ({ p: [0, 0.5] }). Draw i takes its
 * parameters from the prior stream of `seedKey(id, seed, 'calibrate')`,
 * builds the experiment with them as `--set` overrides, executes one run
 * and scores the run's cascade rows by the mean KS distance of their size
 * and depth distributions to the archive's (calibrate/cascade-distance.ts).
 * Which replicate a draw runs (common random numbers by default, or its own
 * with --no-common-random-numbers) and the trade-off: calibrate-draw.ts.
 *
 * Rejection (the default method): draws are made on a pool of worker
 * threads (--workers, default all cores, as `echolab run`; 1 = in this
 * process). A draw depends on its index only, so the draws, and the
 * posterior computed from them sorted by index, are the same for any worker
 * count. Each draw is appended to <out>/draws.jsonl as it finishes (in
 * completion order); re-running the same command skips the draws already
 * there, so an interrupted calibration resumes and gives the same
 * posterior. <out>/calibration.json records what the draws were made for; a
 * re-run with another experiment, prior, archive, label, seed, replicate
 * choice or method into the same folder is refused.
 *
 * ABC-SMC (--method smc, calibrate/abc-smc.ts): --particles N, --generations
 * G, --accept the quantile α of the tolerance schedule. Each generation's
 * simulations go to the same pool in batches (abcSmcBatched; the result is
 * that of the sequential algorithm whatever the worker count). Each
 * completed generation (its population, tolerance and attempts) is appended
 * to <out>/smc-generations.jsonl (calibrate-smc-log.ts); re-running the same
 * command continues after the last complete one, and since a generation's
 * proposals depend only on the key, its index and the previous population,
 * the result is that of an uninterrupted run.
 *
 * Then <out>/posterior.json, posterior.md and posterior.html (fit plots:
 * calibrate/posterior-html.ts; the best draw is simulated again from its own
 * stream for the CCDF overlays) are written and the table is printed.
 */
import { markdownText } from '../report/summary-markdown.js';
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { abcPosterior, checkPrior, type AbcDraw, type AbcPosterior, type UniformPrior } from '../calibrate/abc.js';
import { abcSmc, abcSmcBatched, type AbcSmcResult, type SmcGenerationRecord } from '../calibrate/abc-smc.js';
import { summariseCascades, type CascadeSummary } from '../calibrate/cascade-distance.js';
import { posteriorHtml, type PosteriorPoint } from '../calibrate/posterior-html.js';
import { approximateSample, type ReferenceFeature, type ReferenceFile, type ReferenceGroup } from '../compare/reference-distribution.js';
import { defaultSelection, describeSelection, parseSelect, type ArchiveSelection, type CascadeSelection } from '../compare/cascade-selection.js';
import type { CascadeFeature } from '../compare/cascade-features.js';
import { ARCHIVE_KINDS_HELP, archiveCascadeFeatures, archiveMinSize, readCascadeArchive, splitArchive, type ArchiveTree, type CascadeArchive, type NotACascadeArchive } from '../io/read-cascade-archive.js';
import { resolveExperiment } from '../experiment/define-experiment.js';
import { checkDefinition } from '../experiment/definition-checks.js';
import type { ExperimentDefinition } from '../experiment/experiment-types.js';
import { InputError, closest } from '../model/errors.js';
import { Rng, canonicalJson, seedKey } from '../model/rng.js';
import { getZooEntry } from '../sim/model-zoo.js';
import { CALIBRATION_FEATURES, calibrationDistance, drawOptions, makeDraw, replayDraw, type DrawSettings } from '../runner/calibrate-draw.js';
import { CHECK_REPLICATES, GOOD_FIT_KS, checkReplicates, fitWarning, predictiveReplicates, type PredictiveCheck } from '../runner/calibrate-check.js';
import { startCalibrationPool } from '../runner/calibrate-pool.js';
import { SMC_GENERATIONS_FILE, SmcGenerationsAppender, readSmcGenerations } from '../runner/calibrate-smc-log.js';
import { shippedReference } from './compare-command.js';
import { findExperimentFile, loadExperiment } from '../runner/load-experiment.js';
import { lockFolder } from '../runner/folder-lock.js';
import { makeOutDir } from '../runner/out-dir.js';
import { UsageError, flagValue, positiveIntegerFlag, type ParsedArgs } from './parse-args.js';
import type { ProgressStream } from '../runner/progress.js';
import { displayDir } from '../runner/run-folder.js';

export const CALIBRATE_DEFAULTS = Object.freeze({ samples: 200, accept: 0.05, smcAccept: 0.5, particles: 50, generations: 3 });
/**
 * The archive's cascades summarised for the distance: from their trees as
 * summariseCascades does, or, for an out-of-core import read as features
 * only, from the same features as read (computed by the same code at import).
 */
export function summariseArchive(list: readonly ArchiveTree[], features: readonly CascadeFeature[]): CascadeSummary {
  const trees = list.flatMap((c) => (c.tree !== null ? [c.tree] : []));
  if (trees.length === list.length) return summariseCascades(trees, features);
  const out: Partial<Record<CascadeFeature, Float64Array>> = {};
  for (const f of features) out[f] = Float64Array.from(list, (c) => archiveCascadeFeatures(c)[f]);
  return out;
}

const FEATURES = CALIBRATION_FEATURES;

export type CalibrateMethod = 'rejection' | 'smc';

export interface CalibrateOptions {
  /** Experiment file or bundled id. */
  readonly target: string;
  /** A Twitter15/16-style folder, a reference JSON, or `twitter15`. */
  readonly archive: string;
  readonly label?: string;
  readonly samples?: number;
  readonly accept?: number;
  /** Default: results/<id>/calibrate-<archive name>[-<label>]. */
  readonly out?: string;
  /** Default: the experiment's seed. */
  readonly seed?: string;
  /** Worker threads for the draws (default: all cores; 1 = in this process). Rejection only. */
  readonly workers?: number;
  /** Every draw on replicate 0 (default true); false: each draw its own replicate. */
  readonly commonRandomNumbers?: boolean;
  /** Default 'rejection'. */
  readonly method?: CalibrateMethod;
  /** SMC population size (default 50). */
  readonly particles?: number;
  /** SMC populations, generation 0 included (default 3). */
  readonly generations?: number;
  readonly cwd: string;
  readonly stderr?: ProgressStream;
  /** `--select` parts over the archive's selection. */
  readonly select?: readonly string[];
  /** Replicates of the posterior predictive check (default CHECK_REPLICATES; 0 leaves it out). */
  readonly checkReplicates?: number;
  /** Fraction of the archive's cascades held out of the fit (split by id), to check the fit out of sample. */
  readonly holdout?: number;
  /** Seed of the split (default: the calibration's seed). */
  readonly holdoutSeed?: string;
  /** If another command holds the output folder, wait for it instead of refusing. */
  readonly wait?: boolean;
  /** Recorded in the folder's lock. */
  readonly commandLine?: string;
  /** The arm whose fixed parameters the draws use (default: see calibrationArm). */
  readonly arm?: string;
}

export interface CalibrateOutcome {
  readonly dir: string;
  readonly prior: UniformPrior;
  readonly samples: number;
  readonly accept: number;
  /** Draws taken from an earlier draws.jsonl (SMC: generations from smc-generations.jsonl). */
  readonly resumed: number;
  /** Rejection: the accepted draws; SMC: the final particles (index = position), posterior weighted. */
  readonly result: AbcPosterior;
  readonly method: CalibrateMethod;
  /** Worker threads used for the draws (1 = in this process). */
  readonly workers: number;
  /** SMC only: the generations. */
  readonly smc?: AbcSmcResult;
  /** The closest draw is far from the archive on some feature (fit-check.ts); null when it is not. */
  readonly warning: string | null;
  /** The posterior predictive check (null with --check-replicates 0). */
  readonly check: PredictiveCheck | null;
  /** KS of the closest draw per feature. */
  readonly bestPerFeature: Readonly<Record<string, number>> | undefined;
  /** With --holdout: the check against the fitted and the held-out cascades. */
  readonly outOfSample: OutOfSample | null;
}

/**
 * In-sample against out-of-sample distance of the posterior predictive: the
 * mean KS over the features of the pooled replicates (see calibrate-check.ts),
 * to the fitted cascades and to the held-out ones; per replicate too
 * (median over replicates of the mean KS), which is noisier.
 */
export interface OutOfSample {
  readonly split: { readonly fraction: number; readonly seed: string; readonly fit: number; readonly heldOut: number };
  readonly inSample: number;
  readonly heldOut: number;
  /** heldOut − inSample. */
  readonly difference: number;
  readonly perReplicate: { readonly inSample: number; readonly heldOut: number };
  readonly features: Readonly<Record<string, { readonly inSample: number; readonly heldOut: number }>>;
}

function outOfSampleSummary(fit: PredictiveCheck, held: PredictiveCheck, split: OutOfSample['split']): OutOfSample {
  const perReplicate = (c: PredictiveCheck): number[] => Array.from({ length: c.replicates }, (_, r) => CALIBRATION_FEATURES.reduce((t, f) => t + c.features[f].ks[r], 0) / CALIBRATION_FEATURES.length);
  return {
    split,
    inSample: fit.pooledMean,
    heldOut: held.pooledMean,
    difference: held.pooledMean - fit.pooledMean,
    perReplicate: { inSample: quantileOf(perReplicate(fit), 0.5), heldOut: quantileOf(perReplicate(held), 0.5) },
    features: Object.fromEntries(CALIBRATION_FEATURES.map((f) => [f, { inSample: fit.features[f].pooled, heldOut: held.features[f].pooled }])),
  };
}

/** The out-of-sample check as Markdown. */
export function outOfSampleMarkdown(o: OutOfSample): string {
  return [
    '## Out of sample',
    '',
    `Fitted on ${o.split.fit} cascades; ${o.split.heldOut} held out (${fmt(o.split.fraction * 100)} %, split by cascade id with seed ${JSON.stringify(o.split.seed)}). Distance of the posterior predictive (the replicates pooled; mean KS over the features): ${fmt(o.inSample)} to the fitted cascades, ${fmt(o.heldOut)} to the held-out ones (difference ${fmt(o.difference)}). Per replicate (median): ${fmt(o.perReplicate.inSample)} and ${fmt(o.perReplicate.heldOut)}.`,
    '',
    '| feature | KS to the fitted cascades | KS to the held-out cascades |',
    '|---|---:|---:|',
    ...CALIBRATION_FEATURES.map((f) => `| ${f} | ${fmt(o.features[f].inSample)} | ${fmt(o.features[f].heldOut)} |`),
  ].join('\n');
}

/** What the calibration distance is, in words (reports and posterior.json). */
export const DISTANCE_TEXT =
  'mean over size, depth, largest breadth, structural virality and time to 90 % of the final size of the two-sample Kolmogorov–Smirnov statistic between the selected simulated cascades and the archive\'s (0 = same distributions, 1 = disjoint); every feature but size is matched on exact cascade size (Juul & Ugander 2021) when the archive gives per-cascade values.';

/** The check as a Markdown table: per feature, the replicates' KS to the archive. */
export function checkMarkdown(check: PredictiveCheck): string {
  const rows = CALIBRATION_FEATURES.map((f) => {
    const c = check.features[f];
    return `| ${f} | ${fmt(c.pooled)} | ${fmt(c.median)} | ${fmt(c.q05)} – ${fmt(c.q95)} |`;
  });
  return [
    `## Posterior predictive check`,
    '',
    `${check.replicates} replicates at the posterior median (${Object.entries(check.params).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ')}), each with its own network and streams; selected cascades per replicate: ${fmt(quantileOf(check.cascades, 0.5))} (median).`,
    '',
    `KS to the archive of the posterior predictive (every replicate's cascades pooled; mean over the features ${fmt(check.pooledMean)}), and of each replicate alone (noisier: fewer cascades).`,
    '',
    '| feature | KS, predictive (pooled) | KS per replicate, median | 5–95 % |',
    '|---|---:|---:|---|',
    ...rows,
  ].join('\n');
}

function quantileOf(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * q;
  return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
}

/** The `calibrate` ranges of a definition, checked against its numeric parameters (InputError naming `calibrate.<name>`). */
export function calibrationPrior(def: ExperimentDefinition): UniformPrior {
  const src = `experiment ${def.id}`;
  const ranges = def.calibrate;
  if (ranges === undefined) {
    throw new InputError(
      `${src}: no \`calibrate\` ranges to calibrate over: declare uniform prior ranges of base parameters in the definition, e.g. \`calibrate: { p: [0, 0.5] }\``,
      { field: 'calibrate' },
    );
  }
  const target = checkDefinition(def);
  const numeric = [...target.slots.entries()].filter(([, s]) => s.type === 'number').map(([k]) => k);
  if (ranges === null || typeof ranges !== 'object' || Array.isArray(ranges)) {
    throw new InputError(`${src}: \`calibrate\` must be an object of parameter name -> [lo, hi]`, { field: 'calibrate' });
  }
  for (const name of Object.keys(ranges)) {
    if (!numeric.includes(name)) {
      const near = closest(name, numeric);
      throw new InputError(
        `${src}, calibrate: unknown numeric parameter \`${name}\`${near ? ` (did you mean \`${near}\`?)` : ''}; numeric parameters: ${numeric.join(', ') || 'none'}`,
        { field: `calibrate.${name}` },
      );
    }
  }
  try {
    checkPrior(ranges);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`${src}: ${err.message.replace(/\bprior\b/g, 'calibrate')}`, { field: err.field?.replace(/^prior/, 'calibrate') });
    throw err;
  }
  return ranges;
}

function checkSamples(raw: string | undefined): number {
  if (raw === undefined) return CALIBRATE_DEFAULTS.samples;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < 1 || n > 1_000_000) {
    throw new UsageError(`echolab calibrate: invalid \`--samples\` (${JSON.stringify(raw)}): expected an integer from 1 to 1000000`);
  }
  return n;
}

/** The --accept fraction, or undefined for the method's default. */
function checkAccept(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const a = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(a) || !(a > 0 && a <= 1)) {
    throw new UsageError(`echolab calibrate: invalid \`--accept\` (${JSON.stringify(raw)}): expected a fraction in (0, 1], e.g. 0.05`);
  }
  return a;
}

function knownLabels(labels: Iterable<string>): string {
  const list = [...new Set(labels)].sort();
  return list.length > 0 ? list.join(', ') : '(none: the archive has no labels)';
}

/** The archive side of a calibration: its cascades' features (the --label's), how it was selected, and the selection applied to every draw. */
export interface ObservedArchive {
  readonly summary: CascadeSummary;
  readonly name: string;
  /** Per-cascade archive: the non-size features are matched on exact size. */
  readonly matchOnSize: boolean;
  readonly selection: CascadeSelection;
  readonly archiveSelection: ArchiveSelection;
  readonly approximate: boolean;
  /** With --holdout: the held-out cascades' features (the calibration fits `summary`, the rest). */
  readonly heldOut?: CascadeSummary;
  readonly split?: { readonly fraction: number; readonly seed: string; readonly fit: number; readonly heldOut: number };
}

/** A seeded share of the archive's cascades kept out of the fit, to check the fit out of sample. */
export interface Holdout {
  readonly fraction: number;
  readonly seed: string;
}

/** Read any archive kind (io/read-cascade-archive.ts) into the calibration features, with its selection (and --select over it). */
export async function observedArchive(archive: string, label: string | undefined, cwd: string, select: readonly string[] = [], holdout?: Holdout): Promise<ObservedArchive> {
  let read: CascadeArchive | NotACascadeArchive;
  try {
    read = await readCascadeArchive(archive, cwd, shippedReference(), label);
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(`echolab calibrate: ${err.message}`);
    throw err;
  }
  if (read.kind === 'network') throw new UsageError(`echolab calibrate: ${archive} is a network file; calibration needs cascades: ${ARCHIVE_KINDS_HELP}`);
  const minSize = archiveMinSize(read, label);
  let selection: CascadeSelection;
  try {
    selection = parseSelect(select, defaultSelection(read.selection, minSize, label), read.selection, minSize);
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(`echolab calibrate: ${err.message}`);
    throw err;
  }
  const base = { name: read.name, selection, archiveSelection: read.selection };
  if (read.cascades === null) {
    if (holdout !== undefined) throw new UsageError(`echolab calibrate: --holdout needs per-cascade data; ${archive} is a reference of percentiles (give the archive folder, e.g. ../shared/data/twitter15/twitter15)`);
    const ref = read.reference as ReferenceFile;
    let g: ReferenceGroup = ref.overall;
    if (label !== undefined) {
      const hit = ref.byLabel[label];
      if (hit === undefined) throw new UsageError(`echolab calibrate: unknown label \`${label}\` in ${archive}; labels: ${knownLabels(Object.keys(ref.byLabel))}`);
      g = hit;
    }
    const out: Partial<Record<CascadeFeature, Float64Array>> = {};
    for (const f of FEATURES) {
      const s = g[f as ReferenceFeature];
      if (s === undefined) throw new UsageError(`echolab calibrate: the reference ${archive} has no \`${f}\` summary`);
      out[f] = approximateSample(s);
    }
    return { ...base, summary: out, matchOnSize: false, approximate: true };
  }
  if (holdout === undefined) return { ...base, summary: summariseArchive(read.cascades, FEATURES), matchOnSize: true, approximate: false };
  const split = splitArchive(read.cascades, holdout.fraction, holdout.seed);
  if (split.fit.length === 0 || split.heldOut.length === 0) {
    throw new UsageError(`echolab calibrate: --holdout ${holdout.fraction} leaves ${split.fit.length} cascades to fit and ${split.heldOut.length} to hold out: both parts need at least one`);
  }
  return {
    ...base,
    summary: summariseArchive(split.fit, FEATURES),
    heldOut: summariseArchive(split.heldOut, FEATURES),
    split: { fraction: holdout.fraction, seed: holdout.seed, fit: split.fit.length, heldOut: split.heldOut.length },
    matchOnSize: true,
    approximate: false,
  };
}

/** Draws of an earlier draws.jsonl by index; a truncated last line (a crash mid-write) is ignored. */
function readDraws(file: string): Map<number, AbcDraw> {
  const out = new Map<number, AbcDraw>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let d: { index?: unknown; params?: unknown; distance?: unknown };
    try {
      d = JSON.parse(line) as typeof d;
    } catch {
      continue;
    }
    if (typeof d.index !== 'number' || d.params === null || typeof d.params !== 'object') continue;
    out.set(d.index, { index: d.index, params: d.params as Record<string, number>, distance: typeof d.distance === 'number' ? d.distance : NaN });
  }
  return out;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4).replace(/\.?0+$/, '').replace(/\.?0+e/, 'e') : String(x);
}

/** The posterior as a Markdown table (one row per parameter). */
export function posteriorMarkdown(prior: UniformPrior, result: AbcPosterior): string {
  const lines = ['| parameter | prior | mean | median | q05 | q95 | best |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const name of Object.keys(prior).sort()) {
    const s = result.posterior[name];
    const [lo, hi] = prior[name];
    lines.push(`| ${name} | U[${fmt(lo)}, ${fmt(hi)}] | ${fmt(s.mean)} | ${fmt(s.median)} | ${fmt(s.q05)} | ${fmt(s.q95)} | ${result.best ? fmt(result.best.params[name]) : '-'} |`);
  }
  return `${lines.join('\n')}\n`;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Rejection ABC on the pool: the missing draws of 0..samples−1, appended to draws.jsonl as they finish. */
async function rejectionDraws(
  file: string,
  settings: DrawSettings,
  options: ReturnType<typeof drawOptions>,
  done: Map<number, AbcDraw>,
  drawsFile: string,
  workers: number,
  progress: (finished: number) => void,
): Promise<number> {
  const todo: number[] = [];
  for (let i = 0; i < settings.samples; i++) if (!done.has(i)) todo.push(i);
  let finished = 0;
  const record = (d: AbcDraw): void => {
    done.set(d.index, d);
    appendFileSync(drawsFile, `${JSON.stringify({ index: d.index, params: d.params, distance: finiteOrNull(d.distance) })}\n`);
    progress(++finished);
  };
  const used = Math.max(1, Math.min(workers, todo.length));
  if (used <= 1) {
    for (const i of todo) record(makeDraw(i, options));
    return 1;
  }
  const pool = startCalibrationPool({ file, settings }, used);
  try {
    await pool.draws(todo, record);
  } finally {
    await pool.close();
  }
  return used;
}

/** The final SMC population as a posterior: particles in population order, the closest as best, the last tolerance. */
function smcPosterior(res: AbcSmcResult): AbcPosterior {
  const accepted: AbcDraw[] = res.particles.map((p, i) => ({ index: i, params: p.params, distance: p.distance }));
  let best: AbcDraw | undefined;
  for (const d of accepted) if (Number.isFinite(d.distance) && (best === undefined || d.distance < best.distance)) best = d;
  const last = res.generations[res.generations.length - 1];
  return { accepted, best, tolerance: last?.tolerance ?? NaN, posterior: res.posterior };
}

/**
 * Which arm of an experiment with arms a calibration simulates (the
 * calibrated parameters override the arm's; the others stay the arm's):
 * `--arm` if given; else, with `--label L`, the arm named `L-fit` or `L` if
 * there is one (so a false and a true arm are calibrated against the false
 * and the true cascades); else the first arm (undefined: the first grid
 * point, as before arms could be chosen).
 */
export function calibrationArm(arms: readonly string[], requested: string | undefined, label: string | undefined): string | undefined {
  if (requested !== undefined) {
    if (arms.length === 0) throw new UsageError(`echolab calibrate: \`--arm ${requested}\`: this experiment has no arms`);
    if (!arms.includes(requested)) throw new UsageError(`echolab calibrate: unknown \`--arm\` (${JSON.stringify(requested)}): the arms are ${arms.join(', ')}`);
    return requested;
  }
  if (label === undefined) return undefined;
  return arms.find((a) => a === `${label}-fit`) ?? arms.find((a) => a === label);
}

/** Loads the experiment and archive, makes (or resumes) the draws and writes the posterior and its plots. */
export async function calibrateExperiment(o: CalibrateOptions): Promise<CalibrateOutcome> {
  const file = findExperimentFile(o.target, o.cwd);
  const def = await loadExperiment(file);
  const prior = calibrationPrior(def);
  const method: CalibrateMethod = o.method ?? 'rejection';
  const samples = o.samples ?? CALIBRATE_DEFAULTS.samples;
  const accept = o.accept ?? (method === 'smc' ? CALIBRATE_DEFAULTS.smcAccept : CALIBRATE_DEFAULTS.accept);
  if (method === 'smc' && !(accept < 1)) throw new UsageError(`echolab calibrate: \`--accept\` is the SMC tolerance quantile and must be below 1 (got ${accept})`);
  const particles = o.particles ?? CALIBRATE_DEFAULTS.particles;
  const generations = o.generations ?? CALIBRATE_DEFAULTS.generations;
  const crn = o.commonRandomNumbers ?? true;
  const seed = o.seed ?? def.seed;
  const names = Object.keys(prior).sort();
  const asSet = (params: Readonly<Record<string, number>>): Record<string, string> => Object.fromEntries(names.map((k) => [k, String(params[k])]));
  // Both ends of every range must give a valid experiment, before any draw.
  for (const end of [0, 1]) resolveExperiment(def, { quick: false, set: asSet(Object.fromEntries(names.map((k) => [k, prior[k][end]]))) });
  const first = resolveExperiment(def, { quick: false, set: asSet(Object.fromEntries(names.map((k) => [k, prior[k][0]]))) });
  if (first.kind === 'model' && !getZooEntry(String(def.model)).cascade) {
    throw new UsageError(`echolab calibrate: ${def.model} makes no cascades, so there is nothing to compare with an archive`);
  }
  const arm = calibrationArm((first.vary.arm ?? []).map(String), o.arm, o.label);
  const holdout = o.holdout !== undefined ? { fraction: o.holdout, seed: o.holdoutSeed ?? seed } : undefined;
  const observed = await observedArchive(o.archive, o.label, o.cwd, o.select ?? [], holdout);

  const dir = path.resolve(o.cwd, o.out ?? path.join('results', def.id, `calibrate-${observed.name}${o.label !== undefined ? `-${o.label}` : ''}`));
  makeOutDir(dir, { command: 'calibrate', ...(o.out !== undefined ? { flag: o.out } : {}) });
  // One calibration per folder at a time: two would append to the same draws log.
  const lock = await lockFolder(dir, { command: o.commandLine ?? `echolab calibrate ${o.target}`, wait: o.wait, stderr: o.stderr ?? process.stderr, shown: displayDir(dir, o.cwd) });
  try {
    // Keys only where they differ from the original rejection/common-random-numbers setup, so older folders still resume.
    const spec: Record<string, unknown> = { experiment: def.id, seed, prior, archive: path.resolve(o.cwd, o.archive), label: o.label ?? null, features: FEATURES, selection: observed.selection, matchOnSize: observed.matchOnSize };
    if (arm !== undefined) spec.arm = arm;
    if (observed.split !== undefined) spec.holdout = { fraction: observed.split.fraction, seed: observed.split.seed };
    if (!crn) spec.commonRandomNumbers = false;
    if (method === 'smc') Object.assign(spec, { method, particles, generations, quantile: accept });
    const specFile = path.join(dir, 'calibration.json');
    if (existsSync(specFile)) {
      let old: unknown;
      try {
        old = JSON.parse(readFileSync(specFile, 'utf8'));
      } catch (err) {
        throw new InputError(`not valid JSON (${err instanceof Error ? err.message.split('\n')[0].slice(0, 80) : 'unreadable'}): give another --out, or remove the folder`, { file: path.join(displayDir(dir, o.cwd), 'calibration.json') });
      }
      if (canonicalJson(old as Record<string, unknown>) !== canonicalJson(spec)) {
        throw new UsageError(
          `echolab calibrate: ${displayDir(dir, o.cwd)} holds draws of another calibration (experiment, prior, archive, label, seed, replicate choice or method differ): give another --out`,
        );
      }
    } else writeFileSync(specFile, `${JSON.stringify(spec, null, 2)}\n`);

    const settings: DrawSettings = { prior, seed, commonRandomNumbers: crn, observed: observed.summary, samples, accept, selection: observed.selection, matchOnSize: observed.matchOnSize, ...(arm !== undefined ? { arm } : {}) };
    const options = drawOptions(def, settings);
    const archiveName = `${observed.name}${o.label !== undefined ? ` (label ${o.label})` : ''}`;
    let result: AbcPosterior;
    let points: PosteriorPoint[];
    let resumed = 0;
    let workers = 1;
    let smc: AbcSmcResult | undefined;
    let bestSim: CascadeSummary | undefined;
    const lead: string[] = [];
    const replicate = crn
      ? 'every draw runs replicate 0 (common random numbers: shared network and streams)'
      : 'every draw runs its own replicate (own network and streams)';
    if (method === 'rejection') {
      const drawsFile = path.join(dir, 'draws.jsonl');
      const done = readDraws(drawsFile);
      resumed = [...done.keys()].filter((i) => i < samples).length;
      workers = await rejectionDraws(file, settings, options, done, drawsFile, o.workers ?? os.availableParallelism(), (k) => {
        const total = samples - resumed;
        if (o.stderr && (k % 10 === 0 || k === total)) o.stderr.write(`echolab: calibrate ${def.id}: draw ${resumed + k}/${samples}\n`);
      });
      const draws = [...done.values()].filter((d) => d.index < samples).sort((a, b) => a.index - b.index);
      result = abcPosterior(draws, accept);
      const kept = new Set(result.accepted.map((d) => d.index));
      points = draws.map((d) => ({ params: d.params, distance: d.distance, accepted: kept.has(d.index) }));
      if (result.best !== undefined) bestSim = replayDraw(result.best, options);
      lead.push(
        `Rejection ABC: ${samples} draws from the prior, the ${result.accepted.length} closest kept (tolerance ${fmt(result.tolerance)}); ${replicate}.`,
      );
    } else {
      const genFile = path.join(dir, SMC_GENERATIONS_FILE);
      const log = readSmcGenerations(genFile, { prior, particles, generations }, { repair: true });
      if (log.dropped && o.stderr) o.stderr.write(`echolab: ${SMC_GENERATIONS_FILE}:${log.dropped.line}: dropped an incomplete last line (a write cut short); that generation is redone\n`);
      resumed = log.generations.length;
      const last = log.generations[resumed - 1];
      const finished = resumed >= generations || (last !== undefined && last.particles.length < particles);
      const appender = new SmcGenerationsAppender(genFile);
      const smcOptions = {
        prior,
        particles,
        generations,
        quantile: accept,
        rng: new Rng(seedKey(def.id, seed, 'calibrate-smc')),
        resume: log.generations,
        onGeneration: (g: SmcGenerationRecord): void => {
          appender.append(g);
          if (o.stderr) o.stderr.write(`echolab: calibrate ${def.id}: generation ${g.generation + 1}/${generations}, tolerance ${fmt(g.tolerance)}\n`);
        },
      };
      workers = finished ? 1 : Math.max(1, o.workers ?? os.availableParallelism());
      try {
        if (workers <= 1) smc = abcSmc({ ...smcOptions, simulate: options.simulate, distance: options.distance });
        else {
          const pool = startCalibrationPool({ file, settings }, workers);
          try {
            smc = await abcSmcBatched({ ...smcOptions, evaluate: (tasks) => pool.evaluate(tasks), batch: Math.max(particles, 4 * workers) });
          } finally {
            await pool.close();
          }
        }
      } finally {
        appender.close();
      }
      result = smcPosterior(smc);
      points = result.accepted.map((d) => ({ params: d.params, distance: d.distance, accepted: true }));
      if (result.best !== undefined) bestSim = options.simulate(result.best.params, new Rng(seedKey(def.id, seed, 'calibrate-smc')).fork('best'));
      const attempts = smc.generations.reduce((s, g) => s + g.attempts, 0);
      lead.push(
        `ABC-SMC: ${smc.generations.length} generation(s) of ${particles} particles, ${attempts} simulations, tolerances ${smc.generations.map((g) => fmt(g.tolerance)).join(' > ')}${smc.stoppedEarly ? ' (stopped early: a generation ran out of attempts)' : ''}; ${replicate}. Summaries are importance-weighted.`,
      );
    }
    // Goodness of fit: how far the closest draw is per feature, and the posterior predictive check.
    const bestPerFeature = bestSim !== undefined && (bestSim.size?.length ?? 0) > 0 ? calibrationDistance(settings).perFeature(bestSim) : undefined;
    const warning = fitWarning(bestPerFeature, archiveName);
    const medianParams = Object.fromEntries(names.map((k) => [k, result.posterior[k]?.median ?? NaN]));
    const replicates = o.checkReplicates ?? CHECK_REPLICATES;
    const sims = replicates > 0 && result.best !== undefined && names.every((k) => Number.isFinite(medianParams[k])) ? predictiveReplicates(def, settings, medianParams, replicates) : null;
    const check = sims !== null ? checkReplicates(settings, medianParams, sims) : null;
    // Out of sample: the same replicates, simulated once, against the held-out cascades.
    const heldOutCheck = sims !== null && observed.heldOut !== undefined ? checkReplicates({ ...settings, observed: observed.heldOut }, medianParams, sims) : null;
    const outOfSample = check !== null && heldOutCheck !== null && observed.split !== undefined ? outOfSampleSummary(check, heldOutCheck, observed.split) : null;
    const selectionText = describeSelection(observed.selection, observed.archiveSelection, null);
    lead.push(selectionText);
    if (arm !== undefined) lead.push(`Fixed parameters: those of the arm ${arm} (the calibrated ones override them).`);
    const checkJson =
      check === null
        ? null
        : { params: check.params, replicates: check.replicates, cascades: check.cascades, pooledMean: check.pooledMean, features: Object.fromEntries(Object.entries(check.features).map(([f, c]) => [f, { pooled: c.pooled, median: c.median, q05: c.q05, q95: c.q95, ks: c.ks }])) };
    writeFileSync(
      path.join(dir, 'posterior.json'),
      `${JSON.stringify(
        {
          experiment: def.id,
          selection: observed.selection,
          distance: DISTANCE_TEXT,
          bestPerFeature: bestPerFeature ?? null,
          goodFitKs: GOOD_FIT_KS,
          warning,
          check: checkJson,
          outOfSample,
          seed,
          archive: o.archive,
          label: o.label ?? null,
          features: FEATURES,
          method,
          commonRandomNumbers: crn,
          prior,
          ...(method === 'rejection' ? { samples, acceptFraction: accept } : { particles, generations: smc?.generations ?? [], quantile: accept, stoppedEarly: smc?.stoppedEarly ?? false }),
          tolerance: finiteOrNull(result.tolerance),
          best: result.best ?? null,
          posterior: result.posterior,
          accepted: method === 'rejection' ? result.accepted : (smc?.particles ?? []),
        },
        null,
        2,
      )}\n`,
    );
    const title = `Calibration of ${def.id} against ${archiveName}`;
    writeFileSync(
      path.join(dir, 'posterior.md'),
      [
        `# ${markdownText(title)}`,
        '',
        ...(warning !== null ? [`**Warning:** ${markdownText(warning)}`, ''] : []),
        ...lead.map(markdownText),
        '',
        posteriorMarkdown(prior, result),
        '',
        ...(bestPerFeature !== undefined ? ['Closest draw, per feature (KS): ' + CALIBRATION_FEATURES.map((f) => `${f} ${fmt(bestPerFeature[f])}`).join(', ') + '.', ''] : []),
        ...(check !== null ? [checkMarkdown(check), ''] : []),
        ...(outOfSample !== null ? [outOfSampleMarkdown(outOfSample), ''] : []),
      ].join('\n'),
    );
    const notes = [`Distance: ${DISTANCE_TEXT}`];
    if (!statSync(path.resolve(o.cwd, o.archive === 'twitter15' && !existsSync(path.resolve(o.cwd, o.archive)) ? shippedReference() : o.archive)).isDirectory()) {
      notes.push('The archive is a summary of percentiles: its CCDFs are drawn from a sample rebuilt from them (approximate).');
    }
    if (method === 'smc') notes.push('The histograms show the final particles unweighted; the table gives the importance-weighted summaries. The best particle\'s cascades are a fresh simulation at its parameters.');
    writeFileSync(
      path.join(dir, 'posterior.html'),
      posteriorHtml({
        title,
        lead,
        prior,
        posterior: result.posterior,
        points,
        best: result.best,
        archiveName,
        archive: { size: observed.summary.size ?? [], depth: observed.summary.depth ?? [] },
        bestSimulated: bestSim?.size !== undefined && bestSim.depth !== undefined ? { size: bestSim.size, depth: bestSim.depth } : undefined,
        notes,
        ...(warning !== null ? { warning } : {}),
        ...(check !== null ? { check } : {}),
        ...(outOfSample !== null ? { outOfSample } : {}),
      }),
    );
    return { dir, prior, samples, accept, resumed, result, method, workers, smc, warning, check, bestPerFeature, outOfSample };
  } finally {
    lock.release();
  }
}

export async function calibrateCommand(args: ParsedArgs, io: { readonly stdout: ProgressStream; readonly stderr: ProgressStream; readonly cwd: string }): Promise<number> {
  if (args.positionals.length === 0 || args.positionals.length > 2) {
    throw new UsageError(
      args.positionals.length === 0
        ? 'echolab calibrate: name an experiment file or id and an archive, e.g. `echolab calibrate rumour-cascades twitter15 --label false`'
        : `echolab calibrate: one experiment and one archive at a time (got ${args.positionals.map((p) => JSON.stringify(p)).join(', ')})`,
    );
  }
  const flagged = flagValue(args, 'archive');
  if (flagged !== undefined && args.positionals.length === 2) throw new UsageError('echolab calibrate: give the archive once: as the second argument or with `--archive`, not both');
  const archive = flagged ?? args.positionals[1];
  if (archive === undefined || archive === '') throw new UsageError('echolab calibrate: give the archive, e.g. `echolab calibrate rumour-cascades twitter15` (a Twitter15/16 folder, an import folder, a CSV of posts, a v2 export, a reference JSON or `twitter15`)');
  const holdoutRaw = flagValue(args, 'holdout');
  const holdoutFraction = holdoutRaw === undefined ? undefined : Number(holdoutRaw);
  if (holdoutRaw !== undefined && !(holdoutRaw.trim() !== '' && Number.isFinite(holdoutFraction) && (holdoutFraction as number) > 0 && (holdoutFraction as number) < 1)) {
    throw new UsageError(`echolab calibrate: invalid \`--holdout\` (${JSON.stringify(holdoutRaw)}): expected a fraction in (0, 1) of the archive's cascades to hold out, e.g. 0.5`);
  }
  if (holdoutRaw === undefined && flagValue(args, 'holdout-seed') !== undefined) throw new UsageError('echolab calibrate: `--holdout-seed` goes with `--holdout F`');
  const checkRaw = flagValue(args, 'check-replicates');
  const checkReplicates = checkRaw === undefined ? undefined : Number(checkRaw);
  if (checkRaw !== undefined && !(/^\s*\d+\s*$/.test(checkRaw) && Number.isSafeInteger(checkReplicates) && (checkReplicates as number) <= 10_000)) {
    throw new UsageError(`echolab calibrate: invalid \`--check-replicates\` (${JSON.stringify(checkRaw)}): expected an integer from 0 to 10000 (0 leaves the check out)`);
  }
  const samples = checkSamples(flagValue(args, 'samples'));
  const accept = checkAccept(flagValue(args, 'accept'));
  const seed = flagValue(args, 'seed');
  if (seed !== undefined && seed === '') throw new UsageError('echolab calibrate: `--seed` needs a non-empty value');
  const method = flagValue(args, 'method') ?? 'rejection';
  if (method !== 'rejection' && method !== 'smc') throw new UsageError(`echolab calibrate: invalid \`--method\` (${JSON.stringify(method)}): expected rejection or smc`);
  const particles = positiveIntegerFlag('calibrate', args, 'particles');
  const generations = positiveIntegerFlag('calibrate', args, 'generations');
  if (method === 'rejection' && (particles !== undefined || generations !== undefined)) {
    throw new UsageError('echolab calibrate: `--particles` and `--generations` belong to `--method smc`');
  }
  if (method === 'smc' && flagValue(args, 'samples') !== undefined) throw new UsageError('echolab calibrate: `--samples` belongs to rejection ABC; with `--method smc` give `--particles` and `--generations`');
  if (particles !== undefined && particles < 2) throw new UsageError('echolab calibrate: `--particles` must be at least 2');
  const out = await calibrateExperiment({
    target: args.positionals[0],
    archive,
    label: flagValue(args, 'label'),
    ...(flagValue(args, 'arm') !== undefined ? { arm: flagValue(args, 'arm') } : {}),
    samples,
    accept,
    out: flagValue(args, 'out'),
    seed,
    workers: positiveIntegerFlag('calibrate', args, 'workers'),
    commonRandomNumbers: !args.switches.has('no-common-random-numbers'),
    method,
    particles,
    generations,
    cwd: io.cwd,
    stderr: io.stderr,
    wait: args.switches.has('wait'),
    select: args.values.get('select') ?? [],
    ...(checkReplicates !== undefined ? { checkReplicates } : {}),
    ...(holdoutFraction !== undefined ? { holdout: holdoutFraction } : {}),
    ...(flagValue(args, 'holdout-seed') !== undefined ? { holdoutSeed: flagValue(args, 'holdout-seed') } : {}),
  });
  if (out.outOfSample !== null) io.stdout.write(`\n${outOfSampleMarkdown(out.outOfSample)}\n`);
  io.stdout.write(posteriorMarkdown(out.prior, out.result));
  if (out.check !== null) io.stdout.write(`\n${checkMarkdown(out.check)}\n`);
  if (out.warning !== null) io.stderr.write(`echolab: warning: ${out.warning}\n`);
  if (out.method === 'smc' && out.smc !== undefined) {
    const sims = out.smc.generations.reduce((s, g) => s + g.attempts, 0);
    io.stderr.write(
      `echolab: ABC-SMC on ${out.workers} worker${out.workers === 1 ? '' : 's'}, ${out.smc.generations.length} generation(s) (${out.resumed} resumed), ${sims} simulations, final tolerance ${fmt(out.result.tolerance)}${out.smc.stoppedEarly ? ' (stopped early)' : ''}; wrote ${SMC_GENERATIONS_FILE}, posterior.json, posterior.md and posterior.html in ${displayDir(out.dir, io.cwd)}/\n`,
    );
    return 0;
  }
  io.stderr.write(
    `echolab: ${out.samples} draws (${out.resumed} resumed) on ${out.workers} worker${out.workers === 1 ? '' : 's'}, ${out.result.accepted.length} accepted, tolerance ${fmt(out.result.tolerance)}; wrote draws.jsonl, posterior.json, posterior.md and posterior.html in ${displayDir(out.dir, io.cwd)}/\n`,
  );
  return 0;
}
