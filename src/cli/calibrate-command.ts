/**
 * `echolab calibrate <experiment> --archive <folder|reference|twitter15>`:
 * rejection ABC (calibrate/abc.ts) over the uniform prior ranges an
 * experiment declares in `calibrate` ({ p: [0, 0.5] }). Draw i takes its
 * parameters from the prior stream of `seedKey(id, seed, 'calibrate')`,
 * builds the experiment with them as `--set` overrides, executes one run
 * (replicate 0 of the first grid point) and scores the run's cascade rows
 * by the mean KS distance of their size and depth distributions to the
 * archive's (calibrate/cascade-distance.ts).
 *
 * Every draw runs replicate 0, so all draws share the network, the seeds and
 * every random stream (common random numbers): distances differ only through
 * the parameters, which lowers the noise of the comparison but means the
 * posterior is conditional on that one network.
 *
 * Draws run one after another in this process. Each is appended to
 * <out>/draws.jsonl as it finishes; re-running the same command skips the
 * draws already there (by index), so an interrupted calibration resumes and
 * gives the same posterior. <out>/calibration.json records what the draws
 * were made for; a re-run with another experiment, prior, archive, label or
 * seed into the same folder is refused. Then <out>/posterior.json and
 * <out>/posterior.md are written and the table is printed.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { abcPosterior, abcSample, checkPrior, type AbcDraw, type AbcPosterior, type UniformPrior } from '../calibrate/abc.js';
import { makeCascadeDistance, summariseCascades, type CascadeSummary } from '../calibrate/cascade-distance.js';
import { parseReferenceFile, approximateSample, type ReferenceGroup } from '../compare/reference-distribution.js';
import { resolveExperiment } from '../experiment/define-experiment.js';
import { checkDefinition } from '../experiment/definition-checks.js';
import { executeRun } from '../experiment/execute-run.js';
import type { ExperimentDefinition } from '../experiment/experiment-types.js';
import { readPropagationArchive } from '../io/read-archive.js';
import { InputError, closest } from '../model/errors.js';
import { Rng, canonicalJson, seedKey } from '../model/rng.js';
import { getZooEntry } from '../sim/model-zoo.js';
import { shippedReference } from './compare-command.js';
import { findExperimentFile, loadExperiment } from './load-experiment.js';
import { UsageError, flagValue, type ParsedArgs } from './parse-args.js';
import type { ProgressStream } from './progress.js';
import { displayDir } from './run-experiment.js';

export const CALIBRATE_DEFAULTS = Object.freeze({ samples: 200, accept: 0.05 });
const FEATURES = ['size', 'depth'] as const;

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
  readonly cwd: string;
  readonly stderr?: ProgressStream;
}

export interface CalibrateOutcome {
  readonly dir: string;
  readonly prior: UniformPrior;
  readonly samples: number;
  readonly accept: number;
  /** Draws taken from an earlier draws.jsonl. */
  readonly resumed: number;
  readonly result: AbcPosterior;
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

function checkAccept(raw: string | undefined): number {
  if (raw === undefined) return CALIBRATE_DEFAULTS.accept;
  const a = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(a) || !(a > 0 && a <= 1)) {
    throw new UsageError(`echolab calibrate: invalid \`--accept\` (${JSON.stringify(raw)}): expected a fraction in (0, 1], e.g. 0.05`);
  }
  return a;
}

function sizeDepthOfGroup(g: ReferenceGroup, shown: string): CascadeSummary {
  const out: Partial<Record<(typeof FEATURES)[number], Float64Array>> = {};
  for (const f of FEATURES) {
    const s = g[f];
    if (s === undefined) throw new UsageError(`echolab calibrate: the reference ${shown} has no \`${f}\` summary`);
    out[f] = approximateSample(s);
  }
  return out;
}

function knownLabels(labels: Iterable<string>): string {
  const list = [...new Set(labels)].sort();
  return list.length > 0 ? list.join(', ') : '(none: the archive has no labels)';
}

/** Size and depth of the archive's cascades (a folder) or an approximate sample of them (a reference). */
export function observedSummary(archive: string, label: string | undefined, cwd: string): { summary: CascadeSummary; name: string } {
  const file = archive === 'twitter15' && !existsSync(path.resolve(cwd, archive)) ? shippedReference() : path.resolve(cwd, archive);
  if (!existsSync(file)) throw new UsageError(`echolab calibrate: no such archive folder or reference file: ${archive}`);
  const name = path.basename(file).replace(/\.json$/i, '');
  if (!statSync(file).isDirectory()) {
    const ref = parseReferenceFile(readFileSync(file, 'utf8'), archive);
    let g: ReferenceGroup = ref.overall;
    if (label !== undefined) {
      const hit = ref.byLabel[label];
      if (hit === undefined) throw new UsageError(`echolab calibrate: unknown label \`${label}\` in ${archive}; labels: ${knownLabels(Object.keys(ref.byLabel))}`);
      g = hit;
    }
    return { summary: sizeDepthOfGroup(g, archive), name };
  }
  if (!existsSync(path.join(file, 'label.txt'))) {
    throw new UsageError(`echolab calibrate: no label.txt in ${archive}: expected a Twitter15/16-style folder (label.txt and tree/<id>.txt[.gz]) or a reference JSON`);
  }
  const all = readPropagationArchive(file).cascades;
  const cascades = label === undefined ? all : all.filter((c) => c.label === label);
  if (label !== undefined && cascades.length === 0) {
    throw new UsageError(`echolab calibrate: unknown label \`${label}\` in ${archive}; labels: ${knownLabels(all.flatMap((c) => (c.label === undefined ? [] : [c.label])))}`);
  }
  if (cascades.length === 0) throw new UsageError(`echolab calibrate: no cascades in ${archive}`);
  return { summary: summariseCascades(cascades.map((c) => c.tree), FEATURES), name };
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

/** Loads the experiment and archive, makes (or resumes) the draws and writes the posterior. */
export async function calibrateExperiment(o: CalibrateOptions): Promise<CalibrateOutcome> {
  const def = await loadExperiment(findExperimentFile(o.target, o.cwd));
  const prior = calibrationPrior(def);
  const samples = o.samples ?? CALIBRATE_DEFAULTS.samples;
  const accept = o.accept ?? CALIBRATE_DEFAULTS.accept;
  const seed = o.seed ?? def.seed;
  const names = Object.keys(prior).sort();
  const asSet = (params: Readonly<Record<string, number>>): Record<string, string> => Object.fromEntries(names.map((k) => [k, String(params[k])]));
  // Both ends of every range must give a valid experiment, before any draw.
  for (const end of [0, 1]) resolveExperiment(def, { quick: false, set: asSet(Object.fromEntries(names.map((k) => [k, prior[k][end]]))) });
  const first = resolveExperiment(def, { quick: false, set: asSet(Object.fromEntries(names.map((k) => [k, prior[k][0]]))) });
  if (first.kind === 'model' && !getZooEntry(String(def.model)).cascade) {
    throw new UsageError(`echolab calibrate: ${def.model} makes no cascades, so there is nothing to compare with an archive`);
  }
  const observed = observedSummary(o.archive, o.label, o.cwd);
  const distance = makeCascadeDistance(observed.summary, FEATURES);

  const dir = path.resolve(o.cwd, o.out ?? path.join('results', def.id, `calibrate-${observed.name}${o.label !== undefined ? `-${o.label}` : ''}`));
  mkdirSync(dir, { recursive: true });
  const spec = { experiment: def.id, seed, prior, archive: path.resolve(o.cwd, o.archive), label: o.label ?? null, features: FEATURES };
  const specFile = path.join(dir, 'calibration.json');
  if (existsSync(specFile)) {
    const old: unknown = JSON.parse(readFileSync(specFile, 'utf8'));
    if (canonicalJson(old as Record<string, unknown>) !== canonicalJson(spec as unknown as Record<string, unknown>)) {
      throw new UsageError(`echolab calibrate: ${displayDir(dir, o.cwd)} holds draws of another calibration (experiment, prior, archive, label or seed differ): give another --out`);
    }
  } else writeFileSync(specFile, `${JSON.stringify(spec, null, 2)}\n`);

  const drawsFile = path.join(dir, 'draws.jsonl');
  const done = readDraws(drawsFile);
  const resumed = [...done.keys()].filter((i) => i < samples).length;
  const rng = new Rng(seedKey(def.id, seed, 'calibrate'));
  const options = {
    prior,
    // Every draw runs replicate 0 (common random numbers, see the banner): the draw's own stream is not needed.
    simulate: (params: Readonly<Record<string, number>>): CascadeSummary => {
      const resolved = resolveExperiment(def, { quick: false, set: asSet(params), checkInit: false });
      const rows = executeRun(resolved, resolved.runs[0]).cascades;
      return { size: Float64Array.from(rows, (r) => r['cascade.size']), depth: Float64Array.from(rows, (r) => r['cascade.depth']) };
    },
    distance: (sim: CascadeSummary): number => (sim.size !== undefined && sim.size.length > 0 ? distance(sim) : NaN),
    samples,
    acceptFraction: accept,
    rng,
  };
  for (let i = 0; i < samples; i++) {
    if (done.has(i)) continue;
    const d = abcSample(i, options);
    done.set(i, d);
    appendFileSync(drawsFile, `${JSON.stringify({ index: d.index, params: d.params, distance: Number.isFinite(d.distance) ? d.distance : null })}\n`);
    if (o.stderr && ((i + 1) % 10 === 0 || i + 1 === samples)) o.stderr.write(`echolab: calibrate ${def.id}: draw ${i + 1}/${samples}\n`);
  }
  const draws = [...done.values()].filter((d) => d.index < samples).sort((a, b) => a.index - b.index);
  const result = abcPosterior(draws, accept);
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  writeFileSync(
    path.join(dir, 'posterior.json'),
    `${JSON.stringify(
      {
        experiment: def.id,
        seed,
        archive: o.archive,
        label: o.label ?? null,
        features: FEATURES,
        prior,
        samples,
        acceptFraction: accept,
        tolerance: finite(result.tolerance),
        best: result.best ?? null,
        posterior: result.posterior,
        accepted: result.accepted,
      },
      null,
      2,
    )}\n`,
  );
  const md = [
    `# Calibration of ${def.id} against ${observed.name}${o.label !== undefined ? ` (label ${o.label})` : ''}`,
    '',
    `Rejection ABC: ${samples} draws from the prior, the ${result.accepted.length} closest kept (tolerance ${fmt(result.tolerance)}, mean KS distance of cascade size and depth).`,
    '',
    posteriorMarkdown(prior, result),
  ].join('\n');
  writeFileSync(path.join(dir, 'posterior.md'), md);
  return { dir, prior, samples, accept, resumed, result };
}

export async function calibrateCommand(args: ParsedArgs, io: { readonly stdout: ProgressStream; readonly stderr: ProgressStream; readonly cwd: string }): Promise<number> {
  if (args.positionals.length !== 1) {
    throw new UsageError(
      args.positionals.length === 0
        ? 'echolab calibrate: name an experiment file or id, e.g. `echolab calibrate my-experiment.ts --archive twitter15`'
        : `echolab calibrate: one experiment at a time (got ${args.positionals.map((p) => JSON.stringify(p)).join(', ')})`,
    );
  }
  const archive = flagValue(args, 'archive');
  if (archive === undefined || archive === '') throw new UsageError('echolab calibrate: give `--archive <folder|reference.json|twitter15>`');
  const samples = checkSamples(flagValue(args, 'samples'));
  const accept = checkAccept(flagValue(args, 'accept'));
  const seed = flagValue(args, 'seed');
  if (seed !== undefined && seed === '') throw new UsageError('echolab calibrate: `--seed` needs a non-empty value');
  const out = await calibrateExperiment({
    target: args.positionals[0],
    archive,
    label: flagValue(args, 'label'),
    samples,
    accept,
    out: flagValue(args, 'out'),
    seed,
    cwd: io.cwd,
    stderr: io.stderr,
  });
  io.stdout.write(posteriorMarkdown(out.prior, out.result));
  io.stderr.write(
    `echolab: ${out.samples} draws (${out.resumed} resumed), ${out.result.accepted.length} accepted, tolerance ${fmt(out.result.tolerance)}; wrote draws.jsonl, posterior.json and posterior.md in ${displayDir(out.dir, io.cwd)}/\n`,
  );
  return 0;
}
