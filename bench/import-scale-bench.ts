/**
 * Out-of-core import at the scale of a research export (issue: archives at
 * the scale researchers hold), printed, never asserted, and not in CI:
 * a synthetic Twitter API v2 JSONL export of 20 million tweet records
 * (about 17 GB; bench/import-bench.ts's generator) is written to the OS
 * temporary folder and imported by `echolab import` (out-of-core engine,
 * default memory limit) in a child process, whose peak RSS is the import's
 * alone. Printed: MiB/s, tweets/s, peak RSS, and disk: the export, the
 * import folder, and the peak taken while importing (free space sampled
 * every second, so the working database's spill is included). Skipped with
 * a message when the disk lacks room for the export and 1.5 times its size
 * more. Budgets: peak RSS ≤ 2 GB, ≥ 60 MiB/s on 2 cores.
 *
 * Run: `npm run bench -- --only import-scale [--tweets N]`, or alone
 * `npx tsx bench/import-scale-bench.ts [--tweets N] [--keep]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeExport } from './import-bench.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
/** Bytes per tweet record of the generator (1 GiB holds about 1.16 million records). */
const BYTES_PER_RECORD = 925;

function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}

const gb = (b: number): string => `${(b / GiB).toFixed(1)} GiB`;

export async function runImportScaleBench(tweets: number, keep = false): Promise<void> {
  const tmp = os.tmpdir();
  const want = tweets * BYTES_PER_RECORD;
  const free = freeBytes(tmp);
  if (free < want * 2.5) {
    console.log(`  import-scale: skipped: ${gb(free)} free in ${tmp}, and ${tweets.toLocaleString('en-US')} tweets need about ${gb(want)} for the export and ${gb(want * 1.5)} more while importing`);
    return;
  }
  const dir = mkdtempSync(path.join(tmp, 'echolab-import-scale-'));
  const file = path.join(dir, 'tweets.jsonl');
  try {
    let t = performance.now();
    const records = await writeExport(file, Infinity, tweets);
    const size = statSync(file).size;
    console.log(`  generate ${gb(size)} synthetic v2 JSONL (${records.toLocaleString('en-US')} tweet records): ${((performance.now() - t) / 1000).toFixed(0)} s`);
    const before = freeBytes(dir);
    let lowest = before;
    const sampler = setInterval(() => {
      lowest = Math.min(lowest, freeBytes(dir));
    }, 1000);
    t = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./import-scale-child.ts', import.meta.url)), file, path.join(dir, 'out')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(sampler);
    const s = (performance.now() - t) / 1000;
    if (code !== 0) {
      console.log(`  import-scale: the import failed (exit ${code})`);
      return;
    }
    const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { maxRssKiB: number; tweets: number; cascades: number; entries: number };
    console.log(`  import (out of core, default 768MB memory limit): ${s.toFixed(0)} s, ${(size / MiB / s).toFixed(1)} MiB/s, ${Math.round(r.tweets / s).toLocaleString('en-US')} tweets/s (budget ≥ 60 MiB/s)`);
    console.log(`  cascades ${r.cascades.toLocaleString('en-US')}, entries ${r.entries.toLocaleString('en-US')}`);
    console.log(`  peak RSS of the import process: ${(r.maxRssKiB / 1024).toFixed(0)} MiB (budget ≤ 2 GB)`);
    console.log(`  disk: export ${gb(size)}, import folder ${gb(folderBytes(path.join(dir, 'out')))}, peak taken while importing ${gb(before - lowest)}`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`  kept ${dir}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--tweets');
  const tweets = i >= 0 ? Number(process.argv[i + 1]) : 20_000_000;
  if (!(tweets > 0)) throw new Error(`--tweets: expected a positive number, got ${process.argv[i + 1]}`);
  console.log(`echolab import-scale bench — Node ${process.version}, ${os.availableParallelism()} cores`);
  await runImportScaleBench(tweets, process.argv.includes('--keep'));
}
