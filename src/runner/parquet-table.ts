/**
 * A result table as Parquet (hyparquet-writer): the same columns and values
 * as the CSV, typed (INT32 counters, DOUBLE measurements, UTF-8 strings,
 * booleans), missing values as nulls. Readable by pandas, polars, R arrow,
 * DuckDB and hyparquet.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Table } from './result-tables.js';

export function tableParquet(table: Table, createdBy: string): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: table.columns.map((c) => ({ name: c.name, data: c.values, type: c.type, nullable: true })),
    createdBy,
    rowGroupSize: 100_000,
  });
  return new Uint8Array(buffer);
}
