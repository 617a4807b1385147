/**
 * One archive input for `echolab compare` and `echolab calibrate`: the
 * argument may be a Twitter15/16-style folder, a folder written by
 * `echolab import`, a CSV table of posts, a Twitter API v2 export (a file
 * or a folder of them), a reference JSON of percentiles, or the word
 * `twitter15` (the shipped reference). The kind is found from the content
 * (a folder's files; a file's first bytes, gzip or not), never from the
 * name alone, and when none fits the error lists what would.
 *
 * Every kind yields the same thing: the archive's cascades as trees with
 * their labels (or, for a reference JSON, its percentiles), and how its
 * cascades were selected (ArchiveSelection), so the simulated side can be
 * selected alike. Node only (fs, zlib).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { EVERY_POST, FACT_CHECKED_CLAIMS, V2_EXPORT, selectionOfFormat, type ArchiveSelection } from '../compare/cascade-selection.js';
import { parseReferenceFile, type ReferenceFile } from '../compare/reference-distribution.js';
import { InputError } from '../model/errors.js';
import { Rng, seedKey } from '../model/rng.js';
import type { CascadeTree } from '../sim/cascade-record.js';
import { CASCADE_FEATURES, CASCADE_FEATURE_DEFAULTS, cascadeFeatures, type CascadeFeature } from '../compare/cascade-features.js';
import { readPostTable, readPropagationArchive } from './read-archive.js';
import { fileHead, readTwitterV2, twitterV2Files } from './read-twitter-v2.js';
import { recoverFolder } from './folder-swap.js';
import { IMPORT_MARKER } from './import-folder.js';
import { isImportedArchive, readImportedArchive } from './read-imported-archive.js';

export type ArchiveKind = 'twitter15-folder' | 'import-folder' | 'posts-csv' | 'twitter-v2' | 'reference-json';

export interface ArchiveTree {
  /** The cascade's id in the archive (its source post, or an import's pseudonym): used only to split it, never written. */
  readonly id: string;
  readonly label: string | null;
  /** The cleaned tree; null when only the features were read (an out-of-core import's cascades.parquet). */
  readonly tree: CascadeTree | null;
  /** Every compare and calibrate feature, when read instead of the tree. */
  readonly features?: Readonly<Record<CascadeFeature, number>>;
}

/** A cascade's features (k = 10, top 5 accounts, as compare and calibrate use them): as read, or computed from its tree. */
export function archiveCascadeFeatures(c: ArchiveTree): Readonly<Record<CascadeFeature, number>> {
  if (c.features !== undefined) return c.features;
  if (c.tree === null) throw new Error('read-cascade-archive: a cascade with neither tree nor features');
  return cascadeFeatures(c.tree, CASCADE_FEATURES, CASCADE_FEATURE_DEFAULTS);
}

/** A cascade's size (entries, root included). */
export function archiveCascadeSize(c: ArchiveTree): number {
  return c.tree !== null ? c.tree.parent.length : (c.features?.size ?? 0);
}

/**
 * An out-of-core import's cascades from cascades.parquet, features only:
 * its trees (trees.parquet, trees.csv) are never loaded, so a very large
 * import compares in memory proportional to its cascades, not its posts.
 */
async function readImportFeatures(dir: string, format: string): Promise<ArchiveTree[]> {
  const file = path.join(dir, 'cascades.parquet');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const columns = ['size', 'depth', 'max_breadth', 'structural_virality', 'time_to_k', 'time_to_90pct', 'top_k_reach_share'];
    let reader;
    try {
      reader = await c.runAndReadAll(`SELECT source_id, label, ${columns.map((n) => `${n}::DOUBLE`).join(', ')} FROM read_parquet('${file.replace(/'/g, "''")}')`);
    } catch (err) {
      throw new InputError(`cannot read the cascade features of this ${format} import: ${(err as Error).message.split('\n')[0]}; re-run \`echolab import\``, { file });
    }
    const rows = reader.getRows();
    // Missing values (NULL: top_k_reach_share of a lone root) are NaN, as computed from a tree.
    const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
    return rows.map((r) => ({
      id: String(r[0]),
      label: r[1] === null ? null : String(r[1]),
      tree: null,
      features: {
        size: num(r[2]),
        depth: num(r[3]),
        'max-breadth': num(r[4]),
        'structural-virality': num(r[5]),
        'time-to-k': num(r[6]),
        'time-to-90pct': num(r[7]),
        'top-k-reach-share': num(r[8]),
      },
    }));
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** Whether an import folder was written out of core, with cascades.parquet (its features are read from there). */
function hasFeatureTable(dir: string): boolean {
  try {
    const r = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { engine?: unknown };
    return r.engine === 'duckdb' && existsSync(path.join(dir, 'cascades.parquet'));
  } catch {
    return false;
  }
}

export interface CascadeArchive {
  readonly kind: ArchiveKind;
  /** Short name for reports (folder or file name without extensions). */
  readonly name: string;
  /** Per-cascade trees; null for a reference JSON (percentiles only). */
  readonly cascades: readonly ArchiveTree[] | null;
  readonly reference: ReferenceFile | null;
  readonly selection: ArchiveSelection;
}

/** Where a file or folder was read as a network instead (compare only). */
export interface NotACascadeArchive {
  readonly kind: 'network';
  readonly file: string;
}

export const ARCHIVE_KINDS_HELP =
  'a Twitter15/16-style folder (label.txt and tree/), a folder written by `echolab import`, a CSV of posts (post_id,parent_id,user_id,timestamp,...), a Twitter API v2 export (.json page, .jsonl, or a folder of them; gzip allowed), a reference JSON of percentiles, or `twitter15`';

/** What a file holds, from its first bytes. */
export function sniffFile(file: string): ArchiveKind | 'network' | null {
  const text = fileHead(file);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (/"byLabel"\s*:|"overall"\s*:\s*\{\s*"trees"|"definitions"\s*:/.test(text)) return 'reference-json';
    if (/"data"\s*:|"includes"\s*:|"referenced_tweets"\s*:|"conversation_id"\s*:|"author_id"\s*:/.test(text)) return 'twitter-v2';
    return null;
  }
  const firstLine = trimmed.split(/\r?\n/, 1)[0] ?? '';
  const header = firstLine.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  if (header.includes('post_id') && header.includes('parent_id')) return 'posts-csv';
  if (/^(graph\s*\[|<\?xml|<gexf|<graphml|#|%|[^,\s]+[\s,;]+[^,\s]+)/.test(trimmed)) return 'network';
  return null;
}

/** What a folder holds. */
function sniffFolder(dir: string): ArchiveKind | null {
  if (existsSync(path.join(dir, 'label.txt'))) return 'twitter15-folder';
  if (isImportedArchive(dir)) return 'import-folder';
  try {
    if (twitterV2Files(dir).length > 0) return 'twitter-v2';
  } catch {
    return null;
  }
  return null;
}

function archiveName(p: string): string {
  return path.basename(path.resolve(p)).replace(/\.gz$/i, '').replace(/\.(json|jsonl|ndjson|csv|tsv|txt)$/i, '') || 'archive';
}

/** The archive's kind, or `network` for a file that holds none of the cascade formats (compare reads it as a labelled network). */
export function detectArchive(arg: string, cwd: string, shippedReference: string): { kind: ArchiveKind | 'network'; path: string } {
  const p = arg === 'twitter15' && !existsSync(path.resolve(cwd, arg)) ? shippedReference : path.resolve(cwd, arg);
  // An import folder whose writer was killed mid-swap is put back first (folder-swap.ts).
  recoverFolder(p, IMPORT_MARKER);
  if (!existsSync(p)) throw new InputError(`no such archive: ${arg}; expected ${ARCHIVE_KINDS_HELP}`, { field: 'archive' });
  const st = statSync(p);
  const kind = st.isDirectory() ? sniffFolder(p) : st.isFile() ? sniffFile(p) : null;
  if (kind === null) {
    const what = st.isDirectory() ? `the folder ${arg} holds none of the archive layouts (its files: ${readdirSync(p).slice(0, 8).join(', ') || 'none'})` : `the file ${arg} is none of the archive formats`;
    throw new InputError(`${what}; expected ${ARCHIVE_KINDS_HELP}`, { field: 'archive' });
  }
  return { kind, path: p };
}

/** The `selection` an import's report.json records, if it is a well-formed one. */
function recordedSelection(report: unknown): ArchiveSelection | null {
  const s = (report as { selection?: Record<string, unknown> } | null)?.selection;
  if (s === undefined || s === null || typeof s !== 'object') return null;
  const ok = (s.roots === 'claims' || s.roots === 'all') && typeof s.rootsNote === 'string' && typeof s.windowNote === 'string' && (s.windowMinutes === null || (typeof s.windowMinutes === 'number' && s.windowMinutes > 0));
  return ok ? { roots: s.roots as ArchiveSelection['roots'], rootsNote: s.rootsNote as string, windowMinutes: s.windowMinutes as number | null, windowNote: s.windowNote as string } : null;
}

/** Read an archive of cascades (see the banner); `label` keeps only its cascades with that label. */
export async function readCascadeArchive(arg: string, cwd: string, shippedReference: string, label?: string): Promise<CascadeArchive | NotACascadeArchive> {
  const { kind, path: p } = detectArchive(arg, cwd, shippedReference);
  const name = archiveName(kind === 'reference-json' && p === shippedReference ? 'twitter15' : p);
  if (kind === 'network') return { kind, file: p };
  if (kind === 'reference-json') {
    const reference = parseReferenceFile(readFileSync(p, 'utf8'), arg);
    return { kind, name, cascades: null, reference, selection: reference.selection ?? { ...EVERY_POST, rootsNote: 'not declared by the reference file' } };
  }
  let trees: ArchiveTree[];
  let selection: ArchiveSelection;
  if (kind === 'twitter15-folder') {
    trees = readPropagationArchive(p, { hideSourceIds: true }).cascades.map((c) => ({ id: c.sourceId, label: c.label ?? null, tree: c.tree }));
    selection = FACT_CHECKED_CLAIMS;
  } else if (kind === 'posts-csv') {
    trees = readPostTable(p).cascades.map((c) => ({ id: c.sourceId, label: c.label ?? null, tree: c.tree }));
    selection = EVERY_POST;
  } else if (kind === 'twitter-v2') {
    trees = (await readTwitterV2(p)).cascades.map((c) => ({ id: c.sourceId, label: c.label ?? null, tree: c.tree }));
    selection = V2_EXPORT;
  } else if (hasFeatureTable(p)) {
    const report = JSON.parse(readFileSync(path.join(p, 'report.json'), 'utf8')) as unknown;
    trees = await readImportFeatures(p, 'twitter-v2');
    selection = recordedSelection(report) ?? V2_EXPORT;
  } else {
    const imported = readImportedArchive(p);
    trees = imported.cascades.map((c) => ({ id: c.id, label: c.label, tree: c.tree }));
    // The selection report.json records (imports of older versions: the format's).
    selection = recordedSelection(imported.report) ?? selectionOfFormat(imported.format);
  }
  const all = trees;
  if (label !== undefined) trees = trees.filter((t) => t.label === label);
  if (label !== undefined && trees.length === 0) {
    const labels = [...new Set(all.flatMap((t) => (t.label === null ? [] : [t.label])))].sort();
    throw new InputError(`unknown label \`${label}\` in ${arg}; labels: ${labels.length > 0 ? labels.join(', ') : '(none: the archive has no labels)'}`, { field: 'label' });
  }
  if (trees.length === 0) throw new InputError(`no cascades in ${arg}`, { field: 'archive' });
  return { kind, name, cascades: trees, reference: null, selection };
}

/** The smallest cascade size of an archive (its percentile summary's minimum for a reference). */
export function archiveMinSize(a: CascadeArchive, label?: string): number {
  if (a.cascades !== null) {
    let m = Infinity;
    for (const c of a.cascades) m = Math.min(m, archiveCascadeSize(c));
    return Number.isFinite(m) ? m : 1;
  }
  const g = label !== undefined ? a.reference?.byLabel[label] : a.reference?.overall;
  return g?.size?.min ?? 1;
}

/**
 * A seeded split of an archive's cascades by id, for out-of-sample checks:
 * each cascade goes to the held-out part with probability `fraction`,
 * decided by its own id and the seed alone (a uniform draw from the stream
 * `seedKey('holdout', seed, id)`), so the split does not depend on the
 * order of the files and a cascade stays on its side whatever else the
 * archive holds.
 */
export function splitArchive<T extends { readonly id: string }>(cascades: readonly T[], fraction: number, seed: string): { fit: T[]; heldOut: T[] } {
  const fit: T[] = [];
  const heldOut: T[] = [];
  for (const c of cascades) (new Rng(seedKey('holdout', seed, c.id)).next() < fraction ? heldOut : fit).push(c);
  return { fit, heldOut };
}
