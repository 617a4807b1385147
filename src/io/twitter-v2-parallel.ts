/**
 * The out-of-core import's stream on several threads: parsing JSON is most
 * of an import's time, so the export is cut into tasks (each file; a plain
 * JSON Lines file into byte ranges of about 64 MiB that begin and end at
 * line breaks) read by parsing threads (twitter-v2-parse-worker.ts), while
 * the main thread appends their rows to the database. Each thread reads and
 * checks records exactly as the single-threaded stream does; record numbers
 * start at task × 2³², so the database sees the input's order, and each
 * task's problems are renumbered by the lines of the ranges before it, so
 * the report is the single-threaded one: the same counts, the same first 50
 * problems with the same file and line. `--strict` stops at the first
 * malformed record, which only a single reader can name, so it streams on
 * one thread.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { addCounts, addProblem, newReport, type LineProblem } from '../archive/cleaning-report.js';
import type { TwitterV2Report } from '../archive/twitter-v2-reader.js';
import { InputError } from '../model/errors.js';
import type { ChunkAppender } from './chunk-appender.js';
import { isGzipFile, type TwitterV2File } from './read-twitter-v2.js';
import { REC_COLUMNS, type FromParseWorker, type ParseTask, type ParseWorkerInit, type RowBatch } from './twitter-v2-parallel-protocol.js';

// From TypeScript (the repository), a small .mjs registers tsx first (Node 20 cannot start a .ts worker); compiled, the worker is JavaScript.
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './twitter-v2-parse-worker.mjs' : './twitter-v2-parse-worker.js', import.meta.url);

/** Default size of a task's byte range. */
export const RANGE_BYTES = 64 << 20;

export interface ParallelStreamOptions {
  readonly file: string;
  readonly key: Uint8Array;
  readonly keepIds: boolean;
  readonly deletions?: ReadonlySet<string>;
  readonly keepProtected?: boolean;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Parsing threads (≥ 1). */
  readonly threads: number;
  /** Bytes per range of a plain JSON Lines file (default RANGE_BYTES; small in tests). */
  readonly rangeBytes?: number;
}

/** The offset just after the first \n at or after `from` (the file's size when there is none). */
function nextLineStart(path: string, from: number, size: number): number {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (let at = from; at < size; ) {
      const n = readSync(fd, buf, 0, buf.length, at);
      if (n === 0) break;
      const i = buf.subarray(0, n).indexOf(10);
      if (i >= 0) return at + i + 1;
      at += n;
    }
    return size;
  } finally {
    closeSync(fd);
  }
}

/** The tasks of an export, in input order (see the banner). */
export function planTasks(files: readonly TwitterV2File[], rangeBytes = RANGE_BYTES): ParseTask[] {
  const tasks: ParseTask[] = [];
  for (const f of files) {
    if (f.kind === 'page' || f.bytes <= rangeBytes || isGzipFile(f.path)) {
      tasks.push({ index: tasks.length, file: f });
      continue;
    }
    for (let start = 0; start < f.bytes; ) {
      const end = start + rangeBytes >= f.bytes ? f.bytes : nextLineStart(f.path, start + rangeBytes, f.bytes);
      tasks.push({ index: tasks.length, file: f, range: { start, end } });
      start = end;
    }
  }
  return tasks;
}

/**
 * Streams `files` into the `rec` and `prot` appenders on `threads` parsing
 * threads; returns the report (counts, twitter counts, problems) and the
 * deleted ids seen, merged as one reader would have made them.
 */
export async function streamParallel(rec: ChunkAppender, prot: ChunkAppender, files: readonly TwitterV2File[], o: ParallelStreamOptions): Promise<{ report: TwitterV2Report; deletedSeen: Map<string, number> }> {
  const tasks = planTasks(files, o.rangeBytes);
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const init: ParseWorkerInit = { key: [...o.key], keepIds: o.keepIds, keepProtected: o.keepProtected === true, deletions: o.deletions !== undefined ? [...o.deletions] : [] };
  const results: ({ lines: number; report: TwitterV2Report; deleted: [string, number][] } | undefined)[] = new Array(tasks.length);
  const protectedSeen = new Set<string>();
  let read = 0;
  let next = 0;
  let finished = 0;
  const workers: Worker[] = [];
  const append = (b: RowBatch): void => {
    const v = b.values;
    if (b.table === 'prot') {
      for (let r = 0; r < b.rows; r++) {
        const k = `${v[0][r]}:${v[1][r]}`;
        if (protectedSeen.has(k)) continue;
        protectedSeen.add(k);
        prot.row([v[0][r], v[1][r]]);
      }
      return;
    }
    for (let r = 0; r < b.rows; r++) {
      for (let c = 0; c < REC_COLUMNS - 2; c++) {
        const x = v[c][r];
        // Columns 3 and 10 are flags (incl, dropped); NaN is NULL.
        rec.set(c, Number.isNaN(x) ? null : c === 3 || c === 10 ? x === 1 : x);
      }
      rec.set(REC_COLUMNS - 2, b.text[0][r] ?? null);
      rec.set(REC_COLUMNS - 1, b.text[1][r] ?? null);
      rec.endRow();
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const give = (w: Worker): void => {
        if (next < tasks.length) w.postMessage({ type: 'task', task: tasks[next++] });
      };
      const count = Math.max(1, Math.min(o.threads, tasks.length));
      for (let i = 0; i < count; i++) {
        const w = new Worker(WORKER, { workerData: init });
        workers.push(w);
        w.on('error', reject);
        w.on('message', (m: FromParseWorker) => {
          try {
            if (m.type === 'ready') give(w);
            else if (m.type === 'rows') append(m.batch);
            else if (m.type === 'bytes') {
              read += m.bytes;
              o.onProgress?.(read, total);
            } else if (m.type === 'done') {
              results[m.task] = { lines: m.lines, report: m.report, deleted: m.deleted };
              if (++finished === tasks.length) resolve();
              else give(w);
            } else if (m.type === 'failed') {
              reject(m.input !== null ? new InputError(m.message, m.input) : new Error(`a parsing thread failed: ${m.message}`));
            }
          } catch (err) {
            reject(err);
          }
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }

  // One report, as a single reader would have made it.
  const report: TwitterV2Report = { ...newReport(o.file), twitter: { tweets: 0, includedTweets: 0, users: 0, protectedDropped: 0, deletedDropped: 0, retweetsByFollowerRule: 0, retweetsToRoot: 0, quotesAsRoots: 0 } };
  const deletedSeen = new Map<string, number>();
  const linesBefore = new Map<string, number>();
  let omitted = 0;
  tasks.forEach((t, k) => {
    const r = results[k];
    if (r === undefined) throw new Error(`io/twitter-v2-parallel: task ${k} has no result`);
    const offset = t.range !== undefined ? (linesBefore.get(t.file.path) ?? 0) : 0;
    if (t.range !== undefined) linesBefore.set(t.file.path, offset + r.lines);
    addCounts(report.counts, r.report.counts);
    report.twitter.tweets += r.report.twitter.tweets;
    report.twitter.includedTweets += r.report.twitter.includedTweets;
    report.twitter.users += r.report.twitter.users;
    for (const p of r.report.problems) addProblem(report, p.line !== undefined ? ({ ...p, line: p.line + offset } as LineProblem) : p);
    omitted += r.report.problemsOmitted;
    for (const [id, n] of r.deleted) deletedSeen.set(id, (deletedSeen.get(id) ?? 0) + n);
  });
  report.problemsOmitted += omitted;
  return { report, deletedSeen };
}
