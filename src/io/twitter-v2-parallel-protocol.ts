/**
 * Messages between the out-of-core import's main thread and its parsing
 * threads (twitter-v2-parallel.ts, twitter-v2-parse-worker.ts).
 */
import type { TwitterV2Report } from '../archive/twitter-v2-reader.js';
import type { ByteRange, TwitterV2File } from './read-twitter-v2.js';

/** Rows per batch posted by a parsing thread. */
export const BATCH_ROWS = 4096;
/** Columns of the spill table `rec` (the last two are text). */
export const REC_COLUMNS = 13;
/** Record numbers of task k start at k × TASK_SEQ (exact in a double for 2²¹ tasks of 2³² records). */
export const TASK_SEQ = 2 ** 32;

export interface ParseWorkerInit {
  readonly key: number[];
  readonly keepIds: boolean;
  readonly keepProtected: boolean;
  readonly deletions: string[];
}

export interface ParseTask {
  readonly index: number;
  readonly file: TwitterV2File;
  /** A byte range of a plain JSON Lines file; absent: the whole file. */
  readonly range?: ByteRange;
}

/** Rows of `rec` or `prot`: numeric columns as doubles (NaN = NULL), text columns apart. */
export interface RowBatch {
  readonly task: number;
  readonly table: 'rec' | 'prot';
  rows: number;
  readonly values: Float64Array[];
  readonly text: (string | null)[][];
}

export type FromParseWorker =
  | { type: 'ready' }
  | { type: 'rows'; batch: RowBatch }
  | { type: 'bytes'; task: number; bytes: number }
  | { type: 'done'; task: number; lines: number; report: TwitterV2Report; deleted: [string, number][] }
  | { type: 'failed'; task: number; message: string; input: { file?: string; line?: number; field?: string } | null };
