/**
 * Appending records to a JSON Lines log so that a crash never leaves half a
 * record behind unnoticed: each record is one write of one complete line,
 * then fsync, so what is on disk is every line written so far plus at most
 * one truncated last line (which the readers drop and redo). Used by
 * runs.jsonl and smc-generations.jsonl.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

export class LineAppender {
  private fd: number | null;

  /** `owner` names the log in the error raised after close(). */
  constructor(
    file: string,
    private readonly owner: string,
  ) {
    this.fd = openSync(file, 'a');
  }

  /** Writes `line` and a newline, then waits for the disk. */
  appendLine(line: string): void {
    if (this.fd === null) throw new Error(`${this.owner}: appender is closed`);
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
