/**
 * `echolab report` and `echolab merge`: rebuild a results directory's tables
 * and report from runs.jsonl and manifest.json, and combine shards (or any
 * directories of the same resolved spec) into one directory whose tables
 * equal those of a single full run. The folder written is locked while it
 * is written (folder-lock.ts), like `echolab run`'s.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { resolveExperiment, type ResolveOptions, type ResolvedExperiment } from '../experiment/define-experiment.js';
import type { RunResult } from '../experiment/experiment-types.js';
import { InputError } from '../model/errors.js';
import { lockFolder, type FolderLock } from './folder-lock.js';
import { loadExperiment, resolveStoredPath } from './load-experiment.js';
import { manifestRuns, readManifest, resolvedSpec, specHash, type Manifest } from './manifest.js';
import { checkOutDir, makeOutDir } from './out-dir.js';
import type { ProgressStream } from './progress.js';
import { displayDir } from './run-folder.js';
import { encodeRun, readRunsLog, writeFileAtomic, writeRunsSorted } from './runs-log.js';
import { writeResults } from './write-results.js';

/** Re-resolve the experiment a manifest describes; null (with the reason) if the file is gone or changed. */
export async function resolveFromManifest(manifest: Manifest): Promise<{ resolved: ResolvedExperiment | null; problem?: string }> {
  const file = resolveStoredPath(manifest.experiment.file);
  if (!existsSync(file)) return { resolved: null, problem: `the experiment file ${manifest.experiment.file} is gone` };
  try {
    const options: ResolveOptions = {
      ...(manifest.options.quick ? { quick: true } : {}),
      ...(manifest.options.replicates !== null ? { replicates: manifest.options.replicates } : {}),
      ...(Object.keys(manifest.options.set).length > 0 ? { set: manifest.options.set } : {}),
      ...(manifest.options.vary !== undefined ? { vary: manifest.options.vary } : {}),
      ...(manifest.options.seed !== undefined ? { seed: manifest.options.seed } : {}),
      ...(manifest.options.design !== undefined ? { design: manifest.options.design } : {}),
    };
    const resolved = resolveExperiment(await loadExperiment(file), options);
    const hash = specHash(resolvedSpec(resolved), manifestRuns(resolved));
    if (hash !== manifest.specHash) {
      return { resolved: null, problem: `${manifest.experiment.file} changed since the runs (spec ${hash}, results ${manifest.specHash})` };
    }
    return { resolved };
  } catch (err) {
    return { resolved: null, problem: `cannot resolve ${manifest.experiment.file}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function readDirRuns(dir: string, manifest: Manifest, stderr: ProgressStream): Map<number, RunResult> {
  const file = path.join(dir, 'runs.jsonl');
  const log = readRunsLog(file);
  if (log.dropped) stderr.write(`echolab: ${file}: line ${log.dropped.line} is incomplete and is ignored (re-run that directory's command to redo the run)\n`);
  const keys = new Map(manifest.runs.map((r) => [r.index, r.seedKey]));
  for (const [index, r] of log.results) {
    if (keys.get(index) !== r.run.seedKey) {
      throw new InputError(`run ${index} (${r.run.name}) does not belong to the spec in manifest.json`, { file, field: 'run' });
    }
  }
  return log.results;
}

export interface RebuildOutcome {
  readonly dir: string;
  readonly runs: number;
  readonly expected: number;
  readonly files: readonly string[];
  readonly warnings: readonly string[];
}

export interface ReportOptions {
  readonly cwd?: string;
  readonly stderr?: ProgressStream;
  /** Wait for another command writing the folder instead of refusing. */
  readonly wait?: boolean;
  /** Recorded in the folder's lock. */
  readonly commandLine?: string;
}

/** `echolab report <dir>`. */
export async function rebuildReport(dirArg: string, options: ReportOptions = {}): Promise<RebuildOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const stderr = options.stderr ?? process.stderr;
  const dir = path.resolve(cwd, dirArg);
  readManifest(path.join(dir, 'manifest.json')); // not a results folder: say so before locking it
  checkOutDir(dir, { command: 'report', fixed: true }); // e.g. read-only: one line, before the lock file
  const lock = await lockFolder(dir, { command: options.commandLine ?? `echolab report ${dirArg}`, wait: options.wait, stderr, shown: displayDir(dir, cwd) });
  try {
    const manifest = readManifest(path.join(dir, 'manifest.json'));
    const results = readDirRuns(dir, manifest, stderr);
    const { resolved, problem } = await resolveFromManifest(manifest);
    const written = writeResults(dir, manifest, [...results.values()], resolved);
    const warnings = [...(problem ? [problem] : []), ...written.warnings];
    return { dir, runs: results.size, expected: manifest.expected, files: written.files, warnings };
  } finally {
    lock.release();
  }
}

function sameResult(a: RunResult, b: RunResult): boolean {
  return encodeRun({ ...a, elapsedMs: undefined }) === encodeRun({ ...b, elapsedMs: undefined });
}

export interface MergeOptions {
  readonly dirs: readonly string[];
  readonly out?: string;
  readonly partial?: boolean;
  /** Wait for another command writing the output folder instead of refusing. */
  readonly wait?: boolean;
  readonly cwd?: string;
  readonly stderr?: ProgressStream;
  readonly commandLine?: string;
}

/** `echolab merge <dirs...>`. */
export async function mergeResults(o: MergeOptions): Promise<RebuildOutcome> {
  const cwd = o.cwd ?? process.cwd();
  const stderr = o.stderr ?? process.stderr;
  if (o.dirs.length === 0) throw new InputError('echolab merge: give the results directories to merge (e.g. results/<id>/<label>/shard-*)', { field: 'dirs' });
  const dirs = [...new Set(o.dirs.map((d) => path.resolve(cwd, d)))];
  const manifests = dirs.map((d) => readManifest(path.join(d, 'manifest.json')));
  const first = manifests[0];
  manifests.forEach((m, k) => {
    if (m.experiment.id !== first.experiment.id) {
      throw new InputError(
        `echolab merge: ${displayDir(dirs[k], cwd)} is experiment \`${m.experiment.id}\`, ${displayDir(dirs[0], cwd)} is \`${first.experiment.id}\`: only results of one experiment merge`,
        { field: 'dirs' },
      );
    }
    if (m.specHash !== first.specHash) {
      throw new InputError(
        `echolab merge: ${displayDir(dirs[k], cwd)} (${m.label}, spec ${m.specHash}) and ${displayDir(dirs[0], cwd)} (${first.label}, spec ${first.specHash}) were resolved with different options or experiment versions: only results of the same resolved spec merge`,
        { field: 'dirs' },
      );
    }
  });

  let outDir: string;
  if (o.out !== undefined) outDir = path.resolve(cwd, o.out);
  else {
    const parents = new Set(dirs.map((d) => path.dirname(d)));
    if (parents.size !== 1) throw new InputError('echolab merge: the directories have no common parent; pass --out DIR', { field: 'out' });
    outDir = [...parents][0];
  }
  if (dirs.includes(outDir)) throw new InputError(`echolab merge: --out ${displayDir(outDir, cwd)} is one of the inputs; choose another directory`, { field: 'out' });
  const outSource = { command: 'merge', ...(o.out !== undefined ? { flag: o.out } : {}) };
  checkOutDir(outDir, outSource);
  const outManifestFile = path.join(outDir, 'manifest.json');
  const checkOut = (): void => {
    if (!existsSync(outManifestFile)) return;
    const existing = readManifest(outManifestFile);
    if (existing.specHash !== first.specHash) {
      throw new InputError(`echolab merge: ${displayDir(outDir, cwd)} holds results of another spec (${existing.label}); choose another --out`, { field: 'out' });
    }
  };
  checkOut();

  const merged = new Map<number, RunResult>();
  dirs.forEach((d, k) => {
    for (const [index, r] of readDirRuns(d, manifests[k], stderr)) {
      const had = merged.get(index);
      if (had === undefined) merged.set(index, r);
      else if (!sameResult(had, r)) {
        throw new InputError(`echolab merge: run ${index} (${r.run.name}) differs between directories; they cannot come from the same spec and code`, {
          file: path.join(d, 'runs.jsonl'),
          field: 'run',
        });
      }
    }
  });
  const missing = first.runs.filter((r) => !merged.has(r.index));
  if (missing.length > 0) {
    const shards = manifests.filter((m) => m.shard).map((m) => `${m.shard?.index}/${m.shard?.count}`);
    const count = manifests.find((m) => m.shard)?.shard?.count;
    const absent = count ? Array.from({ length: count }, (_, i) => `${i + 1}/${count}`).filter((s) => !shards.includes(s)) : [];
    const msg = `echolab merge: ${missing.length} of ${first.runs.length} runs are missing (e.g. ${missing
      .slice(0, 3)
      .map((r) => r.name)
      .join(', ')})${absent.length > 0 ? `; shards not given: ${absent.join(', ')}` : ''}`;
    if (!o.partial) throw new InputError(`${msg}; finish them (re-run their commands) or pass --partial`, { field: 'dirs' });
    stderr.write(`${msg}; merging what there is (--partial)\n`);
  }

  makeOutDir(outDir, outSource);
  const lock: FolderLock = await lockFolder(outDir, { command: o.commandLine ?? `echolab merge ${o.dirs.join(' ')}`, wait: o.wait, stderr, shown: displayDir(outDir, cwd) });
  try {
    checkOut(); // again: another command may have written it while this one waited
    return await writeMerged(o, { cwd, dirs, manifests, merged, missing, outDir, outManifestFile });
  } finally {
    lock.release();
  }
}

interface MergePlan {
  readonly cwd: string;
  readonly dirs: readonly string[];
  readonly manifests: readonly Manifest[];
  readonly merged: ReadonlyMap<number, RunResult>;
  readonly missing: readonly unknown[];
  readonly outDir: string;
  readonly outManifestFile: string;
}

async function writeMerged(o: MergeOptions, p: MergePlan): Promise<RebuildOutcome> {
  const { cwd, dirs, manifests, merged, missing, outDir, outManifestFile } = p;
  const first = manifests[0];
  const times = manifests.map((m) => m.started).sort();
  const ends = manifests.map((m) => m.ended ?? '').sort();
  const manifest: Manifest = {
    ...first,
    shard: null,
    mergedFrom: dirs.map((d) => displayDir(d, cwd)),
    workers: Math.max(...manifests.map((m) => m.workers)),
    started: times[0],
    ended: ends[ends.length - 1] || null,
    status: missing.length === 0 ? 'complete' : 'interrupted',
    finished: merged.size,
    expected: first.runs.length,
    commandLine: o.commandLine ?? `echolab merge ${o.dirs.join(' ')}`,
  };
  writeRunsSorted(path.join(outDir, 'runs.jsonl'), merged.values());
  writeFileAtomic(outManifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  // Snapshots are per run, so the shards' files go together unchanged.
  for (const d of dirs) {
    const snaps = path.join(d, 'snapshots');
    if (!existsSync(snaps)) continue;
    mkdirSync(path.join(outDir, 'snapshots'), { recursive: true });
    for (const f of readdirSync(snaps)) if (f.endsWith('.gexf')) copyFileSync(path.join(snaps, f), path.join(outDir, 'snapshots', f));
  }
  const { resolved, problem } = await resolveFromManifest(manifest);
  const written = writeResults(outDir, manifest, [...merged.values()], resolved);
  return { dir: outDir, runs: merged.size, expected: first.runs.length, files: written.files, warnings: [...(problem ? [problem] : []), ...written.warnings] };
}
