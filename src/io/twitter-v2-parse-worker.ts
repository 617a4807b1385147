/**
 * A parsing thread of the out-of-core Twitter v2 import
 * (twitter-v2-parallel.ts): reads the tasks it is sent (a whole file, or a
 * byte range of a JSON Lines file that begins and ends at line breaks),
 * reads and checks each record exactly as the single-threaded import does
 * (TwitterV2Spill over TwitterV2RecordReader: same hashing, deletions and
 * protected placeholders), and posts the rows in batches of typed arrays
 * to the main thread, which appends them to the database. Record numbers
 * start at task × 2³², so they keep the input's order across tasks.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DuckDBValue } from '@duckdb/node-api';
import { InputError } from '../model/errors.js';
import { feedTwitterV2File, type ByteRange, type TwitterV2File } from './read-twitter-v2.js';
import { TwitterV2Spill, type RowSink } from './twitter-v2-spill.js';
import { BATCH_ROWS, REC_COLUMNS, TASK_SEQ, type ParseTask, type ParseWorkerInit, type RowBatch } from './twitter-v2-parallel-protocol.js';

const port = parentPort;
if (!port) throw new Error('io/twitter-v2-parse-worker: must run in a worker thread');
const init = workerData as ParseWorkerInit;
const deletions = init.deletions.length > 0 ? new Set(init.deletions) : undefined;

/** Rows gathered as typed columns (NaN for NULL), posted when full. */
class BatchSink implements RowSink {
  private batch: RowBatch;
  private at = 0;
  constructor(
    private readonly task: number,
    private readonly table: 'rec' | 'prot',
    private readonly columns: number,
  ) {
    this.batch = this.fresh();
  }
  private fresh(): RowBatch {
    return { task: this.task, table: this.table, rows: 0, values: Array.from({ length: this.columns }, () => new Float64Array(BATCH_ROWS)), text: [[], []] };
  }
  set(column: number, value: DuckDBValue): void {
    if (column >= REC_COLUMNS - 2 && this.table === 'rec') {
      this.batch.text[column - (REC_COLUMNS - 2)][this.at] = value === null ? null : String(value);
      return;
    }
    this.batch.values[column][this.at] = value === null ? Number.NaN : value === true ? 1 : value === false ? 0 : (value as number);
  }
  endRow(): void {
    this.at++;
    if (this.at === BATCH_ROWS) this.flush();
  }
  row(values: readonly DuckDBValue[]): void {
    for (let c = 0; c < values.length; c++) this.set(c, values[c]);
    this.endRow();
  }
  flush(): void {
    if (this.at === 0) return;
    this.batch.rows = this.at;
    port?.postMessage({ type: 'rows', batch: this.batch }, this.batch.values.map((v) => v.buffer as ArrayBuffer));
    this.batch = this.fresh();
    this.at = 0;
  }
}

port.on('message', (m: { type: 'task'; task: ParseTask } | { type: 'stop' }) => {
  if (m.type === 'stop') {
    port.close();
    return;
  }
  void run(m.task);
});

async function run(t: ParseTask): Promise<void> {
  try {
    const rec = new BatchSink(t.index, 'rec', REC_COLUMNS);
    const prot = new BatchSink(t.index, 'prot', 2);
    const spill = new TwitterV2Spill(rec, prot, { file: t.file.path, key: Uint8Array.from(init.key), keepIds: init.keepIds, deletions, keepProtected: init.keepProtected, seqBase: t.index * TASK_SEQ });
    let last = 0;
    const file: TwitterV2File = t.file;
    const range: ByteRange | undefined = t.range;
    const lines = await feedTwitterV2File(file, spill, (b) => {
      port?.postMessage({ type: 'bytes', task: t.index, bytes: b - last });
      last = b;
    }, range);
    spill.finishStream();
    rec.flush();
    prot.flush();
    const size = range !== undefined ? range.end - range.start : file.bytes;
    port?.postMessage({ type: 'bytes', task: t.index, bytes: size - last });
    port?.postMessage({ type: 'done', task: t.index, lines, report: spill.report, deleted: [...spill.deletedSeen] });
  } catch (err) {
    if (err instanceof InputError) {
      // The message without the file:line prefix the main thread's InputError adds again.
      const prefix = err.file !== undefined ? `${err.file}${err.line !== undefined ? `:${err.line}` : ''}: ` : '';
      const message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
      port?.postMessage({ type: 'failed', task: t.index, message, input: { file: err.file, line: err.line, field: err.field } });
    } else port?.postMessage({ type: 'failed', task: t.index, message: err instanceof Error ? (err.stack ?? err.message) : String(err), input: null });
  }
}

port.postMessage({ type: 'ready' });
