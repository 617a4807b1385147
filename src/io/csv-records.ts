/**
 * RFC 4180 records of a CSV file, read by csv-parse (a maintained parser,
 * not a hand-written line splitter), with the line each record starts and
 * ends on, for errors that name file:line.
 *
 * Dialect: comma-separated; quoted fields may hold commas, quotes written
 * `""` and line breaks; records end at `\n` or `\r\n` (a lone `\r` is
 * text), so line numbers count `\n` bytes, as the strict UTF-8 check of
 * utf8-lines.ts (`lf`) does; a byte-order mark at the start is dropped;
 * blanks around a field (and around the quotes of a quoted one) are
 * dropped; a quote inside an unquoted field is kept as text; rows may have
 * any number of fields; blank lines are skipped. Fields are decoded as
 * UTF-8 (with replacement characters: the caller treats the lines that
 * utf8-lines.ts lists as invalid as malformed).
 *
 * A record csv-parse cannot read (a quoted field that is never closed, text
 * after a closing quote) is reported by its first line and reading resumes
 * at the next line, so one broken row costs that row, not the rest of the
 * file; csv-parse's own messages quote the data, so they are replaced by
 * fixed ones.
 *
 * Speed: csv-parse's stream parser is driven synchronously (its
 * `_transform` and `_flush` hooks) with `push` overridden, so each record
 * is handed on as it is parsed, with the byte offset where it ends
 * (`info.bytes`): no array of all records, and no per-record context
 * object (csv-parse's `on_record` builds one, which takes about twice as
 * long).
 */
import { Parser, type CsvError, type Options } from 'csv-parse';

export interface CsvRecordVisitor {
  /** A non-blank record: its fields, the lines it starts and ends on (1-based). */
  record(fields: string[], line: number, lastLine: number): void;
  /** A record that is not valid CSV, starting on `line`: what is wrong (never the content). Reading resumes on the next line. */
  unreadable(line: number, message: string): void;
}

export interface CsvRecordOptions {
  /** Byte offset to start at (default 0; a BOM there is skipped). */
  readonly start?: number;
  /** Number of the line at `start` (default 1). */
  readonly firstLine?: number;
}

const OPTIONS: Options = {
  relax_column_count: true,
  relax_quotes: true,
  trim: true,
  record_delimiter: ['\r\n', '\n'],
};

/** Why a record could not be read, in words that quote nothing from it. */
export function csvErrorMessage(err: unknown): string {
  const code = (err as Partial<CsvError>).code;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'unterminated quoted field: a quote opened in this row is never closed (a quote inside a quoted field is written "")';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text after the closing quote of a quoted field (a quote inside a quoted field is written "")';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted field';
    default:
      return `not readable as CSV${typeof code === 'string' ? ` (${code})` : ''}`;
  }
}

/** csv-parse's parser, handing on each record with the byte offset where it ends. */
class RecordParser extends Parser {
  constructor(private readonly onRecord: (fields: string[], end: number) => void) {
    super(OPTIONS);
  }

  override push(chunk: unknown): boolean {
    if (chunk !== null) this.onRecord(chunk as string[], this.info.bytes);
    return true;
  }

  /** Parses `bytes` to the end; the error that stopped it, if any. */
  parseAll(bytes: Buffer): unknown {
    let error: unknown;
    this._transform(bytes, 'utf8', (err) => {
      error = err ?? undefined;
    });
    if (error === undefined) {
      this._flush((err) => {
        error = err ?? undefined;
      });
    }
    return error;
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Number of `\n` bytes in `b[from, to)`. */
function newlines(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = b.indexOf(10, from); i !== -1 && i < to; i = b.indexOf(10, i + 1)) n++;
  return n;
}

/** Hands every record of `bytes` to `visit`, in order (see the banner). */
export function readCsvRecords(bytes: Uint8Array, visit: CsvRecordVisitor, options: CsvRecordOptions = {}): void {
  const b = asBuffer(bytes);
  let from = options.start ?? 0;
  let line = options.firstLine ?? 1;
  if (b[from] === 0xef && b[from + 1] === 0xbb && b[from + 2] === 0xbf) from += 3;
  while (from < b.length) {
    // The next record starts at `at`, on line `atLine`.
    let at = from;
    let atLine = line;
    const base = from;
    const parser = new RecordParser((fields, endRel) => {
      const end = base + endRel;
      const nl = newlines(b, at, end);
      // A record ending with its line break ends on the line before the next one.
      const last = nl > 0 && b[end - 1] === 10 ? atLine + nl - 1 : atLine + nl;
      if (fields.length > 1 || fields[0] !== '') visit.record(fields, atLine, last);
      at = end;
      atLine += nl;
    });
    const error = parser.parseAll(b.subarray(from));
    if (error === undefined) return;
    visit.unreadable(atLine, csvErrorMessage(error));
    const next = b.indexOf(10, at);
    if (next === -1) return;
    from = next + 1;
    line = atLine + 1;
  }
}
