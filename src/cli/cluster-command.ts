/**
 * `echolab slurm` and `echolab k8s`: the files that run an experiment's
 * shards on a cluster and merge them, written, never submitted.
 *
 * - Slurm: an sbatch job array (one task per shard: `echolab run` reads its
 *   shard from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT), a merge
 *   job, and `submit.sh`, which submits the array and the merge with
 *   `--dependency=afterok` on it.
 * - Kubernetes: a batch/v1 Indexed Job (completionMode Indexed; `echolab
 *   run` reads JOB_COMPLETION_INDEX, and JOB_COMPLETION_COUNT set in the
 *   manifest), a merge Job, both mounting one results volume, and `run.sh`,
 *   which applies the shards, waits for them, then applies the merge.
 *   Manifests are JSON, which kubectl reads as it reads YAML.
 *
 * The results folder (`results/<id>/<label>`) is resolved here exactly as
 * `echolab run` would resolve it, so the merge names the shard folders
 * the runs will write.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveExperiment, type ResolveOptions } from '../experiment/define-experiment.js';
import { manifestRuns, resolvedSpec, resultsLabel, specHash } from '../runner/manifest.js';
import { PACKAGE_ROOT, displayPath, findExperimentFile, inExperimentFile, loadExperiment } from '../runner/load-experiment.js';
import { UsageError, flagValue, positiveIntegerFlag, type ParsedArgs } from './parse-args.js';

export interface ClusterTarget {
  /** The experiment as the user named it (id, .ts or .json path), passed on to `echolab run`. */
  readonly target: string;
  /** `echolab run` flags that shape the spec (--quick, --replicates, --set, --vary, --seed), as given. */
  readonly runFlags: readonly string[];
  readonly shards: number;
  /** The results folder the runs write, relative to the working directory: `results/<id>/<label>`. */
  readonly resultsDir: string;
  readonly id: string;
}

/** Quote for a POSIX shell (single quotes unless plainly safe). */
export function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`;
}

const TIME = /^(\d+-)?\d{1,2}(:\d{2}){0,2}$/;

export interface SlurmOptions {
  readonly cpus: number;
  /** Slurm time limit, e.g. `01:00:00` or `2-00:00:00`. */
  readonly time: string;
  readonly partition?: string;
  readonly mem?: string;
  /** Absolute working directory of the jobs (where `results/` is written). */
  readonly workdir: string;
  /** Folder of the scripts (and of the jobs' logs, under logs/). */
  readonly scriptsDir: string;
  /** The echolab command file the jobs run (bin/echolab.mjs of this installation). */
  readonly bin: string;
}

/** `log`: the output file's pattern (%x job name, %A array job, %a task, %j job id). */
function sbatchHeader(name: string, o: SlurmOptions, extra: readonly string[], log: string): string[] {
  return [
    '#!/bin/bash',
    `#SBATCH --job-name=${name}`,
    ...extra,
    `#SBATCH --cpus-per-task=${o.cpus}`,
    `#SBATCH --time=${o.time}`,
    ...(o.partition !== undefined ? [`#SBATCH --partition=${o.partition}`] : []),
    ...(o.mem !== undefined ? [`#SBATCH --mem=${o.mem}`] : []),
    `#SBATCH --output=${path.join(o.scriptsDir, 'logs', log)}`,
    'set -euo pipefail',
    `cd ${shellQuote(o.workdir)}`,
  ];
}

/** The three Slurm files: the shards' array job, the merge job, and the script that submits both. */
export function slurmScripts(t: ClusterTarget, o: SlurmOptions): { array: string; merge: string; submit: string } {
  const name = `echolab-${t.id}`;
  // The echolab that wrote the scripts runs them (on storage the nodes share): no install or download on a node.
  const echolab = `node ${shellQuote(o.bin)}`;
  const run = `${echolab} ${['run', t.target, ...t.runFlags].map(shellQuote).join(' ')}`;
  const array = [
    ...sbatchHeader(name, o, [`#SBATCH --array=1-${t.shards}`], '%x-%A_%a.out'),
    '# The shard comes from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT; each writes its own shard folder.',
    `${run} --workers "\${SLURM_CPUS_PER_TASK:-${o.cpus}}"`,
    '',
  ].join('\n');
  const merge = [
    // Not an array job: %a would print as 4294967294.
    ...sbatchHeader(`${name}-merge`, { ...o, cpus: 1 }, [], '%x-%j.out'),
    `${echolab} merge ${shellQuote(t.resultsDir)}/shard-*-of-${t.shards}`,
    '',
  ].join('\n');
  const arrayFile = shellQuote(path.join(o.scriptsDir, `${t.id}-array.sbatch`));
  const mergeFile = shellQuote(path.join(o.scriptsDir, `${t.id}-merge.sbatch`));
  const submit = [
    '#!/bin/bash',
    '# Submits the shards as a job array, then the merge, which starts once every shard has succeeded.',
    'set -euo pipefail',
    `mkdir -p ${shellQuote(path.join(o.scriptsDir, 'logs'))}`,
    `array=$(sbatch --parsable ${arrayFile})`,
    `merge=$(sbatch --parsable --dependency=afterok:\${array%%;*} ${mergeFile})`,
    'echo "shards: job ${array%%;*}; merge: job ${merge%%;*}"',
    '',
  ].join('\n');
  return { array, merge, submit };
}

export interface K8sOptions {
  readonly image: string;
  readonly cpus: number;
  /** Shards running at once (default: all). */
  readonly parallelism: number;
  /** PersistentVolumeClaim holding `results/` (shared by the shards and the merge). */
  readonly claim: string;
  /** Working directory in the image, where echolab is installed; the claim is mounted at <workdir>/results. */
  readonly workdir: string;
}

/** DNS-1123 name for Kubernetes objects. */
function k8sName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
}

function container(name: string, o: K8sOptions, command: readonly string[], env: ReadonlyArray<{ name: string; value: string }>, cpus: number): Record<string, unknown> {
  return {
    name,
    image: o.image,
    workingDir: o.workdir,
    command,
    env,
    resources: { requests: { cpu: String(cpus) }, limits: { cpu: String(cpus) } },
    volumeMounts: [{ name: 'results', mountPath: `${o.workdir.replace(/\/$/, '')}/results` }],
  };
}

/** The shards' Indexed Job, the merge Job and the script that applies them in order. */
export function k8sManifests(t: ClusterTarget, o: K8sOptions): { shards: Record<string, unknown>; merge: Record<string, unknown>; run: string } {
  const name = k8sName(`echolab-${t.id}-${path.basename(t.resultsDir)}`);
  const volumes = [{ name: 'results', persistentVolumeClaim: { claimName: o.claim } }];
  const shards = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: { app: 'echolab', experiment: k8sName(t.id) } },
    spec: {
      completionMode: 'Indexed',
      completions: t.shards,
      parallelism: Math.min(o.parallelism, t.shards),
      backoffLimit: 2 * t.shards,
      template: {
        metadata: { labels: { app: 'echolab', experiment: k8sName(t.id) } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            // Kubernetes gives each pod JOB_COMPLETION_INDEX (0-based); the number of completions is not exposed, so it is set here.
            container('shard', o, ['npx', 'echolab', 'run', t.target, ...t.runFlags, '--workers', String(o.cpus)], [{ name: 'JOB_COMPLETION_COUNT', value: String(t.shards) }], o.cpus),
          ],
          volumes,
        },
      },
    },
  };
  const merge = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: k8sName(`${name}-merge`), labels: { app: 'echolab', experiment: k8sName(t.id) } },
    spec: {
      completions: 1,
      backoffLimit: 2,
      template: {
        metadata: { labels: { app: 'echolab', experiment: k8sName(t.id) } },
        spec: {
          restartPolicy: 'Never',
          containers: [container('merge', o, ['sh', '-c', `npx echolab merge ${shellQuote(t.resultsDir)}/shard-*-of-${t.shards}`], [], 1)],
          volumes,
        },
      },
    },
  };
  const run = [
    '#!/bin/sh',
    '# Runs the shards, waits until every one has completed, then merges them.',
    'set -eu',
    'dir=$(dirname "$0")',
    `kubectl apply -f "$dir/${t.id}-shards.json"`,
    `kubectl wait --for=condition=complete --timeout=168h job/${name}`,
    `kubectl apply -f "$dir/${t.id}-merge.json"`,
    `kubectl wait --for=condition=complete --timeout=24h job/${merge.metadata.name}`,
    '',
  ].join('\n');
  return { shards, merge, run };
}

/** The run flags given on the cluster command, for `echolab run` and for resolving the results folder. */
function runOptions(args: ParsedArgs, command: string, parseSet: (v: readonly string[]) => Record<string, string>, parseVary: (v: readonly string[]) => Record<string, string[]>): { flags: string[]; options: ResolveOptions } {
  const flags: string[] = [];
  const options: ResolveOptions = {};
  const o = options as { -readonly [K in keyof ResolveOptions]: ResolveOptions[K] };
  if (args.switches.has('quick')) {
    flags.push('--quick');
    o.quick = true;
  }
  const replicates = positiveIntegerFlag(command, args, 'replicates');
  if (replicates !== undefined) {
    flags.push('--replicates', String(replicates));
    o.replicates = replicates;
  }
  const set = args.values.get('set') ?? [];
  for (const s of set) flags.push('--set', s);
  if (set.length > 0) o.set = parseSet(set);
  const vary = args.values.get('vary') ?? [];
  for (const v of vary) flags.push('--vary', v);
  if (vary.length > 0) o.vary = parseVary(vary);
  const seed = flagValue(args, 'seed');
  if (seed !== undefined) {
    if (seed.trim() === '') throw new UsageError(`echolab ${command}: \`--seed\` needs a non-empty value`);
    flags.push('--seed', seed);
    o.seed = seed;
  }
  return { flags, options };
}

/** Resolve the experiment as `echolab run` would, for its results folder. */
async function clusterTarget(args: ParsedArgs, command: string, cwd: string, parse: { set: (v: readonly string[]) => Record<string, string>; vary: (v: readonly string[]) => Record<string, string[]> }): Promise<ClusterTarget> {
  if (args.positionals.length !== 1) throw new UsageError(`echolab ${command}: name one experiment, e.g. \`echolab ${command} deffuant-threshold --shards 4\``);
  const shards = positiveIntegerFlag(command, args, 'shards');
  if (shards === undefined) throw new UsageError(`echolab ${command}: \`--shards N\` is required (the number of jobs to split the runs into), e.g. --shards 8`);
  const target = args.positionals[0];
  const { flags, options } = runOptions(args, command, parse.set, parse.vary);
  const file = findExperimentFile(target, cwd);
  const definition = await loadExperiment(file);
  const resolved = inExperimentFile(file, 'cannot resolve the experiment', () => resolveExperiment(definition, { ...options, checkInit: false }));
  if (shards > resolved.runs.length) throw new UsageError(`echolab ${command}: \`--shards ${shards}\` is more than the ${resolved.runs.length} runs of ${displayPath(file)}`);
  const label = resultsLabel(options.quick === true, specHash(resolvedSpec(resolved), manifestRuns(resolved)));
  return { target, runFlags: flags, shards, resultsDir: path.posix.join('results', resolved.id, label), id: resolved.id };
}

function writeFiles(dir: string, files: ReadonlyArray<readonly [string, string, boolean]>, logs = false): string[] {
  mkdirSync(logs ? path.join(dir, 'logs') : dir, { recursive: true });
  return files.map(([name, text, exec]) => {
    const file = path.join(dir, name);
    writeFileSync(file, text, { mode: exec ? 0o755 : 0o644 });
    return file;
  });
}

export async function slurmCommand(args: ParsedArgs, io: { readonly cwd: string; readonly stdout: { write(s: string): unknown } }, parse: { set: (v: readonly string[]) => Record<string, string>; vary: (v: readonly string[]) => Record<string, string[]> }): Promise<number> {
  const t = await clusterTarget(args, 'slurm', io.cwd, parse);
  const cpus = positiveIntegerFlag('slurm', args, 'cpus') ?? 2;
  const time = flagValue(args, 'time') ?? '01:00:00';
  if (!TIME.test(time)) throw new UsageError(`echolab slurm: invalid \`--time\` (${JSON.stringify(time)}): expected Slurm's [days-]hours:minutes:seconds, e.g. 01:30:00 or 2-00:00:00`);
  const scriptsDir = path.resolve(io.cwd, flagValue(args, 'out') ?? path.join('slurm', t.id));
  const partition = flagValue(args, 'partition');
  const mem = flagValue(args, 'mem');
  for (const [flag, v] of [['partition', partition], ['mem', mem]] as const) {
    if (v !== undefined && !/^[\w.,-]+$/.test(v)) throw new UsageError(`echolab slurm: invalid \`--${flag}\` (${JSON.stringify(v)}): letters, digits and . , _ - only`);
  }
  const s = slurmScripts(t, { cpus, time, workdir: io.cwd, scriptsDir, bin: path.join(PACKAGE_ROOT, 'bin', 'echolab.mjs'), ...(partition !== undefined ? { partition } : {}), ...(mem !== undefined ? { mem } : {}) });
  const written = writeFiles(scriptsDir, [
    [`${t.id}-array.sbatch`, s.array, false],
    [`${t.id}-merge.sbatch`, s.merge, false],
    ['submit.sh', s.submit, true],
  ], true);
  io.stdout.write(`${written.map((f) => displayPath(f)).join('\n')}\nSubmit with: bash ${shellQuote(displayPath(path.join(scriptsDir, 'submit.sh')))}\nThe merged results will be in ${t.resultsDir}/\n`);
  return 0;
}

export async function k8sCommand(args: ParsedArgs, io: { readonly cwd: string; readonly stdout: { write(s: string): unknown } }, parse: { set: (v: readonly string[]) => Record<string, string>; vary: (v: readonly string[]) => Record<string, string[]> }): Promise<number> {
  const t = await clusterTarget(args, 'k8s', io.cwd, parse);
  const image = flagValue(args, 'image');
  if (image === undefined || image.trim() === '') throw new UsageError('echolab k8s: `--image` is required: an image with Node 20 and echolab installed in its working directory, e.g. --image registry.example.org/lab/echolab:0.1.0');
  const cpus = positiveIntegerFlag('k8s', args, 'cpus') ?? 2;
  const parallelism = positiveIntegerFlag('k8s', args, 'parallelism') ?? t.shards;
  const claim = flagValue(args, 'claim') ?? 'echolab-results';
  const workdir = flagValue(args, 'workdir') ?? '/app';
  if (!workdir.startsWith('/')) throw new UsageError(`echolab k8s: invalid \`--workdir\` (${JSON.stringify(workdir)}): an absolute path in the image, e.g. /app`);
  const m = k8sManifests(t, { image, cpus, parallelism, claim: k8sName(claim), workdir });
  const dir = path.resolve(io.cwd, flagValue(args, 'out') ?? path.join('k8s', t.id));
  const written = writeFiles(dir, [
    [`${t.id}-shards.json`, `${JSON.stringify(m.shards, null, 2)}\n`, false],
    [`${t.id}-merge.json`, `${JSON.stringify(m.merge, null, 2)}\n`, false],
    ['run.sh', m.run, true],
  ]);
  io.stdout.write(`${written.map((f) => displayPath(f)).join('\n')}\nRun with: sh ${shellQuote(displayPath(path.join(dir, 'run.sh')))}\nThe merged results will be in ${t.resultsDir}/ on the claim ${claim}\n`);
  return 0;
}
