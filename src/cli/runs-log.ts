/**
 * runs.jsonl: one finished run per line, the results directory's ground
 * truth. Each run is appended with a single write of one complete line and
 * fsync'd, so a crash can leave at most a truncated last line; reading
 * drops (and reports) such a line so that run is redone, and never trusts a
 * corrupt line elsewhere. Every other file of the directory is rebuilt
 * from this one.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from 'node:fs';
import type { RunResult } from '../experiment/experiment-types.js';
import { InputError } from '../model/errors.js';
import { LineAppender } from './line-appender.js';

export interface RunsLog {
  /** Finished runs by index (the first line of an index wins). */
  readonly results: Map<number, RunResult>;
  /** A truncated or invalid last line that was dropped, if any. */
  readonly dropped: { readonly line: number; readonly text: string } | null;
  /** Lines naming a run index already seen. */
  readonly duplicates: number;
}

function isRunResult(x: unknown): x is RunResult {
  if (x === null || typeof x !== 'object') return false;
  const r = x as Partial<RunResult>;
  const run = r.run as Partial<RunResult['run']> | undefined;
  return (
    !!run &&
    typeof run === 'object' &&
    Number.isSafeInteger(run.index) &&
    typeof run.name === 'string' &&
    typeof run.seedKey === 'string' &&
    typeof r.final === 'object' &&
    r.final !== null &&
    Array.isArray(r.series) &&
    Array.isArray(r.cascades) &&
    typeof r.steps === 'number'
  );
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
 * Read runs.jsonl. With `repair`, a truncated or invalid last line is cut
 * off the file so appends continue on a clean line boundary.
 */
export function readRunsLog(file: string, options: { repair?: boolean } = {}): RunsLog {
  const results = new Map<number, RunResult>();
  if (!existsSync(file)) return { results, dropped: null, duplicates: 0 };
  const buf = readFileSync(file);
  const text = buf.toString('utf8');
  const lines = text.split('\n');
  // A file ending in '\n' splits into a last empty piece; anything else is an unterminated line.
  let dropped: RunsLog['dropped'] = null;
  let duplicates = 0;
  let validBytes = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const isLast = i === lines.length - 1;
    if (isLast && line === '') break;
    let parsed: unknown = undefined;
    let ok = false;
    if (!isLast) {
      try {
        parsed = decodeRun(line);
        ok = isRunResult(parsed);
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      const tail = lines.slice(i + 1).filter((l) => l !== '');
      if (tail.length === 0) {
        dropped = { line: i + 1, text: line.length > 80 ? `${line.slice(0, 77)}...` : line };
        break;
      }
      if (line.trim() === '') {
        validBytes += Buffer.byteLength(line, 'utf8') + 1;
        continue;
      }
      throw new InputError(
        'line is not a complete run result and is not the last line (the file was edited or corrupted; remove that line to redo the run)',
        { file, line: i + 1 },
      );
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
    this.lines = new LineAppender(file, 'cli/runs-log');
  }

  append(result: RunResult): void {
    this.lines.appendLine(encodeRun(result));
  }

  close(): void {
    this.lines.close();
  }
}

/** Replace a file's content atomically: write a temporary file, fsync, rename. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
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
