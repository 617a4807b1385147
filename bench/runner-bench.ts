/**
 * Benchmarks of the experiment runner (printed, never asserted):
 *
 * (a) speed-up of the worker pool: a Deffuant sweep of 40 runs of a few
 *     hundred milliseconds each, run with 1 worker and with 2 workers; the
 *     budget is a speed-up ≥ 1.8× on 2 cores.
 * (b) per-run overhead of the runner, excluding simulation: 200 runs of a
 *     trivial experiment (one step on a 10-node graph) on 1 worker; wall
 *     time minus the sum of the runs' own simulation time, per run; budget
 *     ≤ 50 ms. Reported twice: everything included (loading, worker start,
 *     tables and report), and the steady state between the first and the
 *     last run (dispatch, structured clone, append + fsync, progress).
 *
 * Runnable alone: `npx tsx bench/runner-bench.ts`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runFolder, type RunFolderOutcome } from '../src/runner/run-folder.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const DEFINE = pathToFileURL(path.join(REPO, 'src', 'experiment', 'define-experiment.ts')).href;

const fmt = (x: number, digits = 2): string => x.toLocaleString('en-US', { maximumFractionDigits: digits });

/** An experiment file (`.mts`: an ES module wherever it is written). */
function writeExperiment(dir: string, name: string, def: Record<string, unknown>): string {
  const file = path.join(dir, `${name}.mts`);
  writeFileSync(file, `import { defineExperiment } from '${DEFINE}';\nexport default defineExperiment(${JSON.stringify(def, null, 2)});\n`);
  return file;
}

const quiet = { isTTY: false, write: (): boolean => true };

async function timed(file: string, out: string, workers: number): Promise<RunFolderOutcome> {
  const outcome = await runFolder({ target: file, workers, out, stderr: quiet, commandLine: 'runner-bench' });
  if (outcome.status !== 'complete') throw new Error(`runner-bench: ${outcome.status}: ${outcome.failure?.message ?? ''}`);
  return outcome;
}

export async function runRunnerBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'echolab-runner-bench-'));
  try {
    console.log(`\nexperiment runner (worker pool; ${os.availableParallelism()} cores)`);
    // (a) 40 runs: 2 ε × 20 replicates of Deffuant on 2,000 nodes for 6,000 steps (12 M interactions each).
    const sweep = writeExperiment(dir, 'sweep', {
      id: 'runner-bench-sweep',
      title: 'Runner benchmark sweep',
      question: 'How much faster is the pool on two cores?',
      model: 'deffuant',
      network: { kind: 'erdos-renyi', params: { n: 2000, p: 10 / 1999 } },
      base: { mu: 0.5 },
      vary: { epsilon: [0.2, 0.3] },
      replicates: 20,
      steps: 6000,
      untilConverged: false,
      sampleEvery: 0,
      metrics: ['opinion.variance'],
      seed: 'bench',
    });
    const one = await timed(sweep, path.join(dir, 'one'), 1);
    const two = await timed(sweep, path.join(dir, 'two'), 2);
    const perRun = one.simulationMs / one.finished;
    console.log(`  sweep of ${one.finished} runs (mean ${fmt(perRun, 0)} ms of simulation each):`);
    console.log(`    1 worker:  ${fmt(one.wallMs / 1000)} s`);
    console.log(`    2 workers: ${fmt(two.wallMs / 1000)} s`);
    console.log(`    speed-up:  ${fmt(one.wallMs / two.wallMs)}×   (budget ≥ 1.8× on 2 cores)`);
    console.log(`    fixed cost with 2 workers: ${fmt(two.startupMs / 1000)} s to the first run (load, check, start workers), ${fmt(two.finishMs / 1000)} s after the last (tables, report)`);

    // (b) 200 trivial runs: what the runner costs per run when the simulation costs nothing.
    const trivial = writeExperiment(dir, 'trivial', {
      id: 'runner-bench-trivial',
      title: 'Runner overhead',
      question: 'What does the runner cost per run?',
      model: 'voter',
      network: { kind: 'complete', params: { n: 10 } },
      replicates: 200,
      steps: 1,
      untilConverged: false,
      sampleEvery: 0,
      metrics: ['opinion.mean'],
      seed: 'bench',
    });
    const t = await timed(trivial, path.join(dir, 'trivial'), 1);
    const overhead = (t.wallMs - t.simulationMs) / t.finished;
    console.log(`  per-run overhead (${t.finished} trivial runs, 1 worker, simulation ${fmt(t.simulationMs / t.finished, 3)} ms per run):`);
    console.log(`    everything included (load, workers, tables, report): ${fmt(overhead, 2)} ms per run   (budget ≤ 50 ms)`);
    if (t.steadyMs !== null) {
      console.log(`    steady state (dispatch, result transfer, append + fsync, progress): ${fmt(t.steadyMs, 3)} ms per run`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runRunnerBench();
}
