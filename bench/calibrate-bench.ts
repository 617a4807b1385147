/**
 * Calibration throughput (printed, never asserted): draws per second of
 * `echolab calibrate` on the bundled rumour experiment against the shipped
 * Twitter15 reference (label false), on 1 worker and on 2, and the
 * speed-up. Each draw is one full simulation of the experiment plus its
 * selection and distance; the draws of the two settings are the same
 * (a draw depends on its index only), so the figures compare like with like.
 *
 * Runnable alone: `npx tsx bench/calibrate-bench.ts [--experiment id] [--draws N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrateExperiment } from '../src/cli/calibrate-command.js';

const fmt = (x: number, digits = 2): string => x.toLocaleString('en-US', { maximumFractionDigits: digits });

export interface CalibrateBenchRow {
  readonly workers: number;
  readonly draws: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/** Time `draws` rejection draws of `experiment` on 1 and on 2 workers (no predictive check). */
export async function runCalibrateBench(experiment = 'rumour-cascades', draws = 40): Promise<CalibrateBenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'echolab-calibrate-bench-'));
  const rows: CalibrateBenchRow[] = [];
  try {
    for (const workers of [1, 2]) {
      const t = performance.now();
      await calibrateExperiment({
        target: experiment,
        archive: 'twitter15',
        label: 'false',
        samples: draws,
        accept: 0.25,
        workers,
        checkReplicates: 0,
        out: path.join(dir, `w${workers}`),
        cwd: dir,
      });
      const seconds = (performance.now() - t) / 1000;
      rows.push({ workers, draws, seconds, perSecond: draws / seconds });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function printCalibrateBench(rows: readonly CalibrateBenchRow[], experiment: string, report: (what: string, figure: string, budget: string) => void): void {
  for (const r of rows) report(`calibrate ${experiment} vs twitter15 (false), ${r.workers} worker${r.workers === 1 ? '' : 's'}`, `${fmt(r.perSecond, 2)} draws/s (${r.draws} draws in ${fmt(r.seconds, 1)} s)`, '');
  if (rows.length === 2) report(`calibrate speed-up, 2 workers vs 1`, `${fmt(rows[1].perSecond / rows[0].perSecond, 2)}×`, '');
}

function isMain(): boolean {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
}

if (isMain()) {
  const i = process.argv.indexOf('--experiment');
  const d = process.argv.indexOf('--draws');
  const experiment = i >= 0 ? process.argv[i + 1] : 'rumour-cascades';
  const rows = await runCalibrateBench(experiment, d >= 0 ? Number(process.argv[d + 1]) : 40);
  printCalibrateBench(rows, experiment, (what, figure) => console.log(`  ${what}: ${figure}`));
}
