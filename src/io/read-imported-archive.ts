/**
 * Reading back the folder `echolab import` wrote, as an archive: the
 * cleaned cascade trees of trees.csv (see trees-table.ts), keyed and
 * labelled by cascades.csv, with report.json. So an import folder can
 * stand for its archive wherever one is read (compare, calibrate) without
 * the raw data, which may not leave the researcher's machine.
 *
 * The rebuilt trees are the ones whose features cascades.csv reports:
 * entry order, parents, delays (time since the root) and accounts per
 * cascade are as the importer cleaned them; ids are as cascades.csv writes
 * them (pseudonyms unless the import used --keep-ids). Everything is
 * checked: a missing or malformed file is an InputError naming file:line
 * and the field, and a folder written before trees.csv existed is told to
 * re-run `echolab import`. `isImportedArchive` is a cheap test of whether
 * a folder is an import at all (report.json with an import's format, and
 * cascades.csv).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import type { CascadeTree } from '../sim/cascade-record.js';
import { restoreCsvText } from './csv-cell.js';
import { readCsvRecords } from './csv-records.js';

export const IMPORT_FORMATS = ['twitter15', 'posts-csv', 'twitter-v2'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The `kind` report.json of an import folder carries. */
export const IMPORT_KIND = 'echolab-import';

export interface ImportedCascade {
  /** The cascade's id as cascades.csv gives it (source_id). */
  readonly id: string;
  /** Its label, or null when the archive gave none. */
  readonly label: string | null;
  readonly tree: CascadeTree;
}

export interface ImportedArchive {
  readonly format: ImportFormat;
  /** In cascades.csv order. */
  readonly cascades: ImportedCascade[];
  /** report.json, parsed. */
  readonly report: unknown;
}

const INTEGER = /^-?\d+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isImportFormat(v: unknown): v is ImportFormat {
  return typeof v === 'string' && (IMPORT_FORMATS as readonly string[]).includes(v);
}

/** report.json as an import writes it: its format (with the marker, or an older import's counts). */
function importReport(v: unknown): v is Record<string, unknown> & { format: ImportFormat } {
  return isObject(v) && isImportFormat(v.format) && (v.kind === IMPORT_KIND || (isObject(v.counts) && typeof v.cascades === 'number'));
}

/** True when `dir` is a folder written by `echolab import` (report.json with an import's format, and cascades.csv); never throws. */
export function isImportedArchive(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory() || !existsSync(path.join(dir, 'cascades.csv'))) return false;
    return importReport(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as unknown);
  } catch {
    return false;
  }
}

function readFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${what}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { file });
  }
}

/**
 * Reads one of the import's CSV files: checks the header has `required`,
 * then hands on each row with its line; the header's columns (lower-cased
 * names) are returned. Rows are not kept (trees.csv can be large).
 */
function readTable(file: string, required: readonly string[], onRow: (col: ReadonlyMap<string, number>, fields: string[], line: number) => void): { col: ReadonlyMap<string, number>; lastLine: number } {
  const bytes = readFile(file, 'an import table');
  let col: Map<string, number> | undefined;
  let lastLine = 1;
  readCsvRecords(bytes, {
    record(fields, line, last) {
      lastLine = last;
      if (col === undefined) {
        col = new Map(fields.map((f, i) => [f.trim().toLowerCase(), i]));
        for (const name of required) {
          if (!col.has(name)) throw new InputError(`missing column \`${name}\` in the header: expected ${required.join(', ')} (as echolab import writes it)`, { file, line, field: name });
        }
      } else onRow(col, fields, line);
    },
    unreadable(line, message) {
      throw new InputError(message, { file, line });
    },
  });
  if (col === undefined) throw new InputError(`empty file: expected a header with ${required.join(', ')}`, { file });
  return { col, lastLine };
}

/** Reads the folder `echolab import` wrote (see the banner). */
export function readImportedArchive(dir: string): ImportedArchive {
  const reportFile = path.join(dir, 'report.json');
  if (!existsSync(reportFile)) {
    throw new InputError('no such file: not a folder written by echolab import (expected report.json, cascades.csv and trees.csv)', { file: reportFile });
  }
  let report: unknown;
  try {
    report = JSON.parse(readFile(reportFile, 'report.json').toString('utf8')) as unknown;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError('not valid JSON: expected the report.json echolab import writes', { file: reportFile });
  }
  if (!isObject(report) || !isImportFormat(report.format)) {
    throw new InputError(`format: expected ${IMPORT_FORMATS.join(', ')} (the report.json of an echolab import folder)`, { file: reportFile, field: 'format' });
  }
  const format = report.format;

  // cascades.csv: ids, labels and sizes.
  const cascadesFile = path.join(dir, 'cascades.csv');
  const index = new Map<string, number>();
  const ids: string[] = [];
  const labels: (string | null)[] = [];
  const sizes: number[] = [];
  const lines: number[] = [];
  readTable(cascadesFile, ['source_id', 'label', 'size'], (col, fields, line) => {
    const bad = (field: string, why: string): InputError => new InputError(`${field}: ${why}`, { file: cascadesFile, line, field });
    const id = restoreCsvText(fields[col.get('source_id') as number] ?? '');
    if (id === '') throw bad('source_id', 'empty');
    const seen = index.get(id);
    if (seen !== undefined) throw bad('source_id', `repeats the id of line ${lines[seen]}: cascade ids must be unique (an import folder written before ids were keyed by the label file? re-run \`echolab import\`)`);
    const size = fields[col.get('size') as number] ?? '';
    if (!INTEGER.test(size) || Number(size) < 1) throw bad('size', 'expected a whole number of accounts, at least 1');
    index.set(id, ids.length);
    ids.push(id);
    const label = restoreCsvText(fields[col.get('label') as number] ?? '');
    labels.push(label === '' ? null : label);
    sizes.push(Number(size));
    lines.push(line);
  });

  // trees.csv: one row per entry, each cascade's rows together and in order.
  const treesFile = path.join(dir, 'trees.csv');
  if (!existsSync(treesFile)) {
    throw new InputError('no such file: this import folder was written before `echolab import` wrote the cascade trees; re-run `echolab import` on the archive to read it as an archive', { file: treesFile });
  }
  const trees: (CascadeTree | undefined)[] = new Array<CascadeTree | undefined>(ids.length);
  let current = -1;
  let filled = 0;
  const closeCurrent = (line: number): void => {
    if (current >= 0 && filled !== sizes[current]) {
      throw new InputError(`cascade: ${filled} rows for the cascade of cascades.csv:${lines[current]}, whose size is ${sizes[current]}`, { file: treesFile, line, field: 'cascade' });
    }
  };
  const { lastLine } = readTable(treesFile, ['cascade', 'node', 'parent', 'delay'], (col, fields, line) => {
    const bad = (field: string, why: string): InputError => new InputError(`${field}: ${why}`, { file: treesFile, line, field });
    const k = index.get(restoreCsvText(fields[col.get('cascade') as number] ?? ''));
    if (k === undefined) throw bad('cascade', 'names no cascade of cascades.csv');
    if (k !== current) {
      closeCurrent(line);
      if (trees[k] !== undefined) throw bad('cascade', "this cascade's rows were interrupted by another's: each cascade's rows must be together");
      current = k;
      filled = 0;
      trees[k] = { node: new Int32Array(sizes[k]), parent: new Int32Array(sizes[k]), time: new Float64Array(sizes[k]) };
    }
    const tree = trees[k] as CascadeTree;
    const node = fields[col.get('node') as number] ?? '';
    if (!INTEGER.test(node) || Number(node) !== filled) throw bad('node', `expected ${filled} (entries 0, 1, 2, ... in order, root first)`);
    if (filled >= sizes[k]) throw bad('node', `more rows than the cascade's size in cascades.csv (${sizes[k]})`);
    const parentText = fields[col.get('parent') as number] ?? '';
    const parent = Number(parentText);
    if (!INTEGER.test(parentText) || (filled === 0 ? parent !== -1 : parent < 0 || parent >= filled)) {
      throw bad('parent', filled === 0 ? 'expected -1 for the root (node 0)' : `expected an earlier node of the same cascade (0 to ${filled - 1})`);
    }
    const delayText = fields[col.get('delay') as number] ?? '';
    const delay = Number(delayText);
    if (!NUMBER.test(delayText) || !Number.isFinite(delay)) throw bad('delay', 'expected a finite number');
    let account = filled;
    const accountCol = col.get('account');
    if (accountCol !== undefined) {
      const a = fields[accountCol] ?? '';
      if (!INTEGER.test(a) || Number(a) < 0 || Number(a) > filled) throw bad('account', `expected a whole number from 0 to ${filled} (accounts numbered in order of first appearance)`);
      account = Number(a);
    }
    tree.node[filled] = account;
    tree.parent[filled] = parent;
    tree.time[filled] = delay;
    filled++;
  });
  closeCurrent(lastLine);
  const missing = trees.findIndex((t) => t === undefined);
  if (missing >= 0) throw new InputError('no rows in trees.csv for this cascade', { file: cascadesFile, line: lines[missing], field: 'source_id' });
  return { format, cascades: ids.map((id, k) => ({ id, label: labels[k], tree: trees[k] as CascadeTree })), report };
}
