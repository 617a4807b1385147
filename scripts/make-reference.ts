/**
 * Regenerates reference/twitter15.json: aggregate figures of the real
 * Twitter15 propagation trees (Ma, Gao & Wong, ACL 2017), per veracity label
 * and overall, for comparing simulated cascades with real ones without
 * shipping the data. Only distributions and counts are written: no tweet or
 * user id, no per-tree row. Each distribution gives its count, mean, min,
 * max and the percentiles p10 … p99 by linear interpolation between order
 * statistics (Hyndman & Fan type 7, the default of R and numpy). Times are
 * in minutes since the source tweet, after the importer's cleaning
 * (src/archive/clean-cascade.ts). Figures are rounded to 4 decimals so the
 * file is byte-stable across platforms.
 * Run: npx tsx scripts/make-reference.ts ../shared/data/twitter15/twitter15
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ArchiveCascade } from '../src/archive/archive-cascade.js';
import type { CleaningCounts } from '../src/archive/cleaning-report.js';
import { echolabVersion } from '../src/runner/load-experiment.js';
import { readPropagationArchive } from '../src/io/read-archive.js';
import { computeMetrics } from '../src/sim/metrics/metrics-registry.js';
import { FACT_CHECKED_CLAIMS, type ArchiveSelection } from '../src/compare/cascade-selection.js';

export const LABELS = ['false', 'true', 'unverified', 'non-rumor'] as const;
export const PERCENTILES = [10, 25, 50, 75, 90, 99] as const;
/** Accounts a cascade must reach for `timeTo10` (Vosoughi et al. 2018 use such first-passage times). */
export const REACH_K = 10;
/** Share of the final size for `timeTo90Percent`. */
export const FINAL_SHARE = 0.9;

export const GENERATED_BY = 'npx tsx scripts/make-reference.ts ../shared/data/twitter15/twitter15';

export interface Distribution {
  readonly count: number;
  readonly mean: number | null;
  readonly p10: number | null;
  readonly p25: number | null;
  readonly p50: number | null;
  readonly p75: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface GroupFigures {
  readonly trees: number;
  readonly size: Distribution;
  readonly depth: Distribution;
  readonly maxBreadth: Distribution;
  readonly structuralVirality: Distribution;
  /** Minutes until the 10th account joined, over the cascades that reached 10 accounts. */
  readonly timeTo10: Distribution & { readonly neverReached: number };
  /** Minutes until ⌈0.9 · final size⌉ accounts had joined. */
  readonly timeTo90Percent: Distribution;
}

export interface ReferenceFigures {
  readonly trees: number;
  readonly cleaning: CleaningCounts;
  readonly overall: GroupFigures;
  readonly byLabel: Readonly<Record<(typeof LABELS)[number], GroupFigures>>;
}

export interface ReferenceFile extends ReferenceFigures {
  readonly source: {
    readonly dataset: string;
    readonly citation: readonly string[];
    readonly mirror: string;
    readonly commit: string;
  };
  readonly generatedBy: string;
  readonly echolabVersion: string;
  readonly note: string;
  /** How the archive's cascades were selected: compare and calibrate select the simulated side alike. */
  readonly selection: ArchiveSelection;
  readonly definitions: Readonly<Record<string, string>>;
}

const round = (x: number): number => {
  const r = Math.round(x * 1e4) / 1e4;
  return Object.is(r, -0) ? 0 : r;
};

/** Percentile p (0–100) of sorted values, linear interpolation between order statistics (type 7). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function distribution(values: readonly number[]): Distribution {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return { count: 0, mean: null, p10: null, p25: null, p50: null, p75: null, p90: null, p99: null, min: null, max: null };
  let sum = 0;
  for (const v of s) sum += v;
  const [p10, p25, p50, p75, p90, p99] = PERCENTILES.map((p) => round(percentile(s, p)));
  return { count: s.length, mean: round(sum / s.length), p10, p25, p50, p75, p90, p99, min: round(s[0]), max: round(s[s.length - 1]) };
}

const SHAPE = ['cascade.size', 'cascade.depth', 'cascade.max-breadth', 'cascade.structural-virality'];

interface TreeRow {
  readonly size: number;
  readonly depth: number;
  readonly maxBreadth: number;
  readonly virality: number;
  readonly timeTo10: number;
  readonly timeTo90: number;
}

function treeRow(c: ArchiveCascade): TreeRow {
  const m = computeMetrics(SHAPE, c.tree);
  const size = m['cascade.size'];
  const timeTo10 = computeMetrics(['cascade.time-to-k'], c.tree, { 'cascade.time-to-k': { k: REACH_K } })['cascade.time-to-k'];
  const k90 = Math.max(1, Math.ceil(FINAL_SHARE * size - 1e-9));
  const timeTo90 = computeMetrics(['cascade.time-to-k'], c.tree, { 'cascade.time-to-k': { k: k90 } })['cascade.time-to-k'];
  return { size, depth: m['cascade.depth'], maxBreadth: m['cascade.max-breadth'], virality: m['cascade.structural-virality'], timeTo10, timeTo90 };
}

function groupFigures(rows: readonly TreeRow[]): GroupFigures {
  const reached = rows.filter((r) => Number.isFinite(r.timeTo10));
  return {
    trees: rows.length,
    size: distribution(rows.map((r) => r.size)),
    depth: distribution(rows.map((r) => r.depth)),
    maxBreadth: distribution(rows.map((r) => r.maxBreadth)),
    structuralVirality: distribution(rows.map((r) => r.virality)),
    timeTo10: { ...distribution(reached.map((r) => r.timeTo10)), neverReached: rows.length - reached.length },
    timeTo90Percent: distribution(rows.map((r) => r.timeTo90)),
  };
}

/** The aggregate figures of cleaned cascades (labels outside LABELS count only in `overall`). */
export function referenceFigures(cascades: readonly ArchiveCascade[], trees: number, cleaning: Readonly<CleaningCounts>): ReferenceFigures {
  const rows = cascades.map(treeRow);
  const byLabel = Object.fromEntries(
    LABELS.map((label) => [label, groupFigures(rows.filter((_, i) => cascades[i].label === label))]),
  ) as Record<(typeof LABELS)[number], GroupFigures>;
  return { trees, cleaning: { ...cleaning }, overall: groupFigures(rows), byLabel };
}

/** Reads a Twitter15-style folder and computes its figures (user ids are never kept: a fresh random key). */
export function figuresOfFolder(dir: string): ReferenceFigures {
  const archive = readPropagationArchive(dir);
  return referenceFigures(archive.cascades, archive.report.trees, archive.report.counts);
}

export function referenceFile(figures: ReferenceFigures): ReferenceFile {
  return {
    source: {
      dataset: 'Twitter15 rumour propagation trees (rumdetect2017 release)',
      citation: [
        'Jing Ma, Wei Gao, Kam-Fai Wong. Detect Rumors in Microblog Posts Using Propagation Structure via Kernel Learning. ACL 2017, pp. 708-717.',
        'Xiaomo Liu, Armineh Nourbakhsh, Quanzhi Li, Rui Fang, Sameena Shah. Real-time Rumor Debunking on Twitter. CIKM 2015.',
      ],
      mirror: 'github.com/gszswork/Twitter15_16_dataset',
      commit: '6a33ebd91d4cafeb5a42eabc5727226fec7bb0e5',
    },
    generatedBy: GENERATED_BY,
    echolabVersion: echolabVersion(),
    note: 'Aggregate figures only: counts and distribution summaries per label. No tweet id, user id or per-tree row, so no personal data.',
    selection: FACT_CHECKED_CLAIMS,
    definitions: {
      percentiles: 'linear interpolation between order statistics (Hyndman & Fan type 7); all figures rounded to 4 decimals',
      size: 'accounts in the cleaned tree, source included (cascade.size)',
      depth: 'longest path from the source, in edges (cascade.depth)',
      maxBreadth: 'most accounts at one depth (cascade.max-breadth)',
      structuralVirality: 'mean shortest-path distance between pairs of accounts (cascade.structural-virality; 0 for a single account)',
      timeTo10: 'minutes from the source tweet until the 10th account joined (cascade.time-to-k, k = 10), over cascades that reached 10 accounts; neverReached counts the others',
      timeTo90Percent: 'minutes from the source tweet until ceil(0.9 x final size) accounts had joined',
      cleaning: 'what the importer fixed or skipped, summed over all tree files (src/archive/cleaning-report.ts)',
    },
    ...figures,
  };
}

function isMain(): boolean {
  const arg = process.argv[1];
  if (arg === undefined) return false;
  try {
    return realpathSync(arg) === realpathSync(fileURLToPath(import.meta.url)) || pathToFileURL(arg).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isMain()) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.resolve(process.argv[2] ?? path.join(repo, '..', 'shared', 'data', 'twitter15', 'twitter15'));
  const out = path.join(repo, 'reference', 'twitter15.json');
  const file = referenceFile(figuresOfFolder(dir));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  process.stderr.write(`make-reference: ${file.trees} trees -> ${path.relative(process.cwd(), out)}\n`);
}
