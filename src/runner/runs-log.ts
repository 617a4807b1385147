/**
 * runs.jsonl: one finished run per line, the results directory's ground
 * truth. Each run is appended with a single write of one complete line and
 * fsync'd, so a crash can leave at most a truncated last line; reading
 * drops (and reports) such a line so that run is redone, and never trusts a
 * corrupt line elsewhere. Every other file of the directory is rebuilt
 * from this one.
 */
import os from 'node:os';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeSync } from 'node:fs';
import type { RunResult } from '../experiment/experiment-types.js';
import { InputError } from '../model/errors.js';
import { LineAppender } from './line-appender.js';
import { runRecordProblem } from './run-record-problem.js';

export interface RunsLog {
  /** Finished runs by index (the first line of an index wins). */
  readonly results: Map<number, RunResult>;
  /** A truncated or invalid last line that was dropped, if any. */
  readonly dropped: { readonly line: number; readonly text: string } | null;
  /** Lines naming a run index already seen. */
  readonly duplicates: number;
}

/**
 * Numbers that JSON cannot hold (NaN, ±Infinity) are written as tagged
 * strings so a metric that is undefined for a run survives the round trip.
 */
export function encodeRun(result: RunResult): string {
  return JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `__num:${String(v)}` : v));
}

export function decodeRun(line: string): unknown {
  return JSON.parse(line, (_k, v: unknown) => (typeof v === 'string' && v.startsWith('__num:') ? Number(v.slice(6)) : v));
}

/**
 * Read runs.jsonl. Only the last line may be incomplete (a write cut off by
 * a crash: it does not parse, or lacks its newline); it is dropped, and with
 * `repair` cut off the file so appends continue on a clean line boundary.
 * Any other bad line, and any line that is valid JSON but not a run record,
 * is an InputError naming file:line (and the field), thrown before the file
 * is touched.
 */
export function readRunsLog(file: string, options: { repair?: boolean } = {}): RunsLog {
  const results = new Map<number, RunResult>();
  if (!existsSync(file)) return { results, dropped: null, duplicates: 0 };
  // A FIFO or device would block the read (or never end): only a regular file is a log.
  if (!statSync(file).isFile()) throw new InputError('runs.jsonl is not a regular file', { file });
  const buf = readFileSync(file);
  const text = buf.toString('utf8');
  const lines = text.split('\n');
  // A file ending in '\n' splits into a last empty piece; anything else is an unterminated line.
  let dropped: RunsLog['dropped'] = null;
  let duplicates = 0;
  let validBytes = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const unterminated = i === lines.length - 1;
    if (unterminated && line === '') break;
    if (!unterminated && line.trim() === '') {
      validBytes += Buffer.byteLength(line, 'utf8') + 1;
      continue;
    }
    const drop = (): void => {
      dropped = { line: i + 1, text: line.length > 80 ? `${line.slice(0, 77)}...` : line };
    };
    let parsed: unknown;
    try {
      parsed = decodeRun(line);
    } catch {
      if (unterminated || lines.slice(i + 1).every((l) => l.trim() === '')) {
        drop();
        break;
      }
      throw new InputError(
        'line is not a complete run result and is not the last line (the file was edited or corrupted; remove that line to redo the run)',
        { file, line: i + 1 },
      );
    }
    // Valid JSON: a cut-off write cannot produce it, so a wrong shape is an edit or corruption, wherever it is.
    const problem = runRecordProblem(parsed);
    if (problem !== null) {
      throw new InputError(`not a run record: ${problem} (the file was edited or corrupted; remove that line to redo the run)`, { file, line: i + 1 });
    }
    if (unterminated) {
      // A whole record whose newline was not written: redo it rather than append after it.
      drop();
      break;
    }
    const r = parsed as RunResult;
    if (results.has(r.run.index)) duplicates++;
    else results.set(r.run.index, r);
    validBytes += Buffer.byteLength(line, 'utf8') + 1;
  }
  if (dropped && options.repair) truncateSync(file, validBytes);
  return { results, dropped, duplicates };
}

/** Appends finished runs: one write of one complete line each, then fsync. */
export class RunsAppender {
  private readonly lines: LineAppender;

  constructor(file: string) {
    this.lines = new LineAppender(file, 'runner/runs-log');
  }

  append(result: RunResult): void {
    this.lines.appendLine(encodeRun(result));
  }

  close(): void {
    this.lines.close();
  }
}

/** Replace a file's content atomically: write a temporary file, fsync, rename. */
let tmpCounter = 0;

/** `<host>-<pid>-<n>`: unique among the processes of every machine that shares a folder. */
export function uniqueSuffix(): string {
  return `${os.hostname().replace(/[^A-Za-z0-9.-]/g, '_')}-${process.pid}-${++tmpCounter}`;
}

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  // Host and pid: on storage shared by several machines two writers may have the same pid.
  const tmp = `${file}.tmp-${uniqueSuffix()}`;
  const fd = openSync(tmp, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Rewrite runs.jsonl sorted by run index (done once every run of the directory is in). */
export function writeRunsSorted(file: string, results: Iterable<RunResult>): void {
  const sorted = [...results].sort((a, b) => a.run.index - b.run.index);
  writeFileAtomic(file, sorted.map((r) => `${encodeRun(r)}\n`).join(''));
}
