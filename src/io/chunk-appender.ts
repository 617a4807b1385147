/**
 * Rows into a DuckDB table a data chunk at a time: values are written
 * straight into a chunk's vectors (typed arrays on the JavaScript side) and
 * handed over with one native copy per column and one append per chunk of
 * 2,048 rows. Appending value by value costs a
 * native call per value (13 per spilled tweet), which made the appender a
 * third of the out-of-core import's streaming time.
 */
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBType, type DuckDBValue, type DuckDBVector } from '@duckdb/node-api';

/** DuckDB's standard vector size: a chunk holds at most this many rows. */
const ROWS = 2048;

export class ChunkAppender {
  private chunk: DuckDBDataChunk;
  private vectors: DuckDBVector[];
  private rows = 0;

  constructor(
    private readonly appender: DuckDBAppender,
    private readonly types: readonly DuckDBType[],
  ) {
    this.chunk = DuckDBDataChunk.create(types, ROWS);
    this.vectors = types.map((_, c) => this.chunk.getColumnVector(c));
  }

  /** Appends one row (values in column order; null for NULL). */
  row(values: readonly DuckDBValue[]): void {
    const r = this.rows;
    for (let c = 0; c < values.length; c++) this.vectors[c].setItem(r, values[c]);
    this.endRow();
  }

  /** Sets one column of the row being built (every column must be set, then `endRow`). */
  set(column: number, value: DuckDBValue): void {
    this.vectors[column].setItem(this.rows, value);
  }

  endRow(): void {
    if (++this.rows === ROWS) this.flushChunk();
  }

  private flushChunk(): void {
    const n = this.rows;
    if (n === 0) return;
    for (const v of this.vectors) v.flush();
    this.chunk.rowCount = n;
    this.appender.appendDataChunk(this.chunk);
    this.chunk = DuckDBDataChunk.create(this.types, ROWS);
    this.vectors = this.types.map((_, c) => this.chunk.getColumnVector(c));
    this.rows = 0;
  }

  /** Appends the rows gathered and flushes the appender. */
  flush(): void {
    this.flushChunk();
    this.appender.flushSync();
  }

  close(): void {
    this.flushChunk();
    this.appender.closeSync();
  }
}
