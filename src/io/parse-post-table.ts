/**
 * A CSV of posts, parsed: the RFC 4180 records of csv-records.ts (csv-parse)
 * fed to PostTableBuilder (src/archive/post-table-builder.ts, where the
 * table's columns and cleaning rules are described). Lines before the
 * header that are blank or start with `#` or `%` are a preamble and
 * skipped; after the header every line is data (RFC 4180 has no comments:
 * a row whose first field starts with `#` is a row). Needs Node (csv-parse
 * is built on Node streams); `readPostTable` in read-archive.ts reads the
 * file.
 */
import { PostTableBuilder, type ParsedPosts, type ParsePostsOptions } from '../archive/post-table-builder.js';
import { readCsvRecords } from './csv-records.js';

const utf8 = new TextEncoder();

/** Byte offset and number of the first line that is not preamble (blank, or `#` / `%` first after blanks). */
function afterPreamble(b: Uint8Array): { start: number; firstLine: number } {
  let start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  let line = 1;
  for (;;) {
    let i = start;
    while (i < b.length && (b[i] === 32 || b[i] === 9 || b[i] === 13)) i++;
    const blank = i >= b.length || b[i] === 10;
    if (!blank && b[i] !== 35 /* # */ && b[i] !== 37 /* % */) return { start, firstLine: line };
    const end = b.indexOf(10, i);
    if (end === -1) return { start: b.length, firstLine: line };
    start = end + 1;
    line++;
  }
}

/** Parses a CSV of posts (text, or its UTF-8 bytes) into cascades, one per source post. */
export function parsePostTable(input: string | Uint8Array, options: ParsePostsOptions): ParsedPosts {
  const bytes = typeof input === 'string' ? utf8.encode(input) : input;
  const builder = new PostTableBuilder(options);
  readCsvRecords(bytes, builder, afterPreamble(bytes));
  return builder.finish();
}
