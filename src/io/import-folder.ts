/**
 * What an `echolab import` folder holds, shared by the import, its
 * --apply-deletions and the readers: the files it may contain (an import
 * replaces a folder whole, so it refuses one that holds anything else),
 * the file written last (a folder without it is no finished import), and
 * the key check: the pseudonym of a fixed text under the import's key,
 * kept in report.json so that a key given later can be checked without
 * the key itself being stored. It reveals no more than any pseudonym of a
 * known post id already does.
 */
import { sipHash24Hex } from '../archive/siphash.js';

/** Files an import folder holds; an import replaces a folder only when it holds nothing else. */
export const IMPORT_FILES = ['report.json', 'cascades.csv', 'trees.csv', 'cascades.parquet', 'trees.parquet', 'posts.parquet'] as const;

/** The file an import writes last: a folder without it is not a finished import. */
export const IMPORT_MARKER = 'report.json';

/** The key check report.json records (see the banner). */
export function keyCheck(key: Uint8Array): string {
  return `k${sipHash24Hex(key, new TextEncoder().encode('echolab key check'))}`;
}

