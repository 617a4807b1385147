/**
 * Like with like: the selection an archive's cascades went through, applied
 * to the simulated cascades before any statistic.
 *
 * An archive is never "every post": Twitter15/16 hold claims that
 * fact-checking sites had checked, and only those that were retweeted
 * enough to be collected (the smallest false-claim tree has 97 accounts). A
 * simulation records every post's cascade — thousands of size 2 — so
 * comparing the two pools compares selections, not mechanisms (every KS
 * statistic near 1). The selection has four parts:
 *   roots     which cascades count: `claims` (a claim the scenario injected,
 *             or a zoo model's seed: CascadeInfo.root) or `all`;
 *   veracity  the claims' veracity (`false`, `true`) when the archive side
 *             is one label, or `any`;
 *   minSize   the smallest cascade kept (default: the archive's smallest);
 *   window    entries later than this many minutes (steps for zoo models)
 *             after the root are cut before the cascade is measured
 *             (default: the archive's declared observation window, if any).
 * The archive declares `roots` and its window (ArchiveSelection); the
 * command line's `--select key=value,...` overrides any part. Pure.
 */
import { InputError } from '../model/errors.js';
import type { CascadeInfo } from '../experiment/experiment-types.js';
import type { CascadeTree } from '../sim/cascade-record.js';
import { CASCADE_FEATURES, cascadeFeatures, type CascadeFeature } from './cascade-features.js';

export type RootSelection = 'claims' | 'all';
export type VeracitySelection = 'false' | 'true' | 'any';

/** What an archive says about how its cascades were chosen. */
export interface ArchiveSelection {
  readonly roots: RootSelection;
  /** What a root is, in words (for reports). */
  readonly rootsNote: string;
  /** Observation window in minutes after the root; null when the archive has none in common. */
  readonly windowMinutes: number | null;
  readonly windowNote: string;
}

/** The selection applied to the simulated side. */
export interface CascadeSelection {
  readonly roots: RootSelection;
  readonly veracity: VeracitySelection;
  readonly minSize: number;
  readonly windowMinutes: number | null;
}

/** Twitter15/16 and archives like them: fact-checked claims, observed until collection. */
export const FACT_CHECKED_CLAIMS: ArchiveSelection = {
  roots: 'claims',
  rootsNote: 'each tree is a claim checked by fact-checking sites (Twitter15/16: Liu et al. 2015, Ma et al. 2017), retweeted enough to be collected',
  windowMinutes: null,
  windowNote: 'trees were observed until collection (days to years after the claim), so no common window',
};

/** A table of posts that declares no selection. */
export const EVERY_POST: ArchiveSelection = {
  roots: 'all',
  rootsNote: 'every post of the table with its replies and reshares (the table\'s own selection is not declared)',
  windowMinutes: null,
  windowNote: 'no observation window declared',
};

/** A Twitter API v2 export: what its query returned. */
export const V2_EXPORT: ArchiveSelection = {
  roots: 'all',
  rootsNote: 'every tweet of the export (the export\'s query decided which)',
  windowMinutes: null,
  windowNote: 'no observation window declared',
};

/** The selection an archive format implies: Twitter15/16 trees are fact-checked claims; tables of posts and v2 exports declare none. */
export function selectionOfFormat(format: 'twitter15' | 'posts-csv' | 'twitter-v2'): ArchiveSelection {
  return format === 'twitter15' ? FACT_CHECKED_CLAIMS : format === 'twitter-v2' ? V2_EXPORT : EVERY_POST;
}

export const SELECT_KEYS = ['roots', 'veracity', 'min-size', 'window'] as const;

/** The default selection: the archive's roots and window, its smallest size, and the label's veracity. */
export function defaultSelection(archive: ArchiveSelection, archiveMinSize: number, label: string | undefined): CascadeSelection {
  return {
    roots: archive.roots,
    veracity: label === 'false' || label === 'true' ? label : 'any',
    minSize: Math.max(1, archiveMinSize),
    windowMinutes: archive.windowMinutes,
  };
}

/** Minutes from `90`, `90m`, `36h`, `7d`; `none` is no window. */
function parseWindow(raw: string, flag: string): number | null {
  if (raw === 'none') return null;
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)?$/.exec(raw);
  if (!m) throw new InputError(`${flag}: invalid \`window\` (${JSON.stringify(raw)}): expected minutes, or a number with m, h or d (90, 36h, 7d), or none`, { field: 'window' });
  const n = Number(m[1]);
  const unit = m[2] === 'h' ? 60 : m[2] === 'd' ? 1440 : 1;
  if (!(n > 0)) throw new InputError(`${flag}: invalid \`window\` (${JSON.stringify(raw)}): expected a positive duration`, { field: 'window' });
  return n * unit;
}

/**
 * Parts of `--select` over the defaults: `roots=claims|all`,
 * `veracity=false|true|any`, `min-size=N|archive`, `window=90|36h|7d|none|archive`,
 * comma-separated or repeated.
 */
export function parseSelect(values: readonly string[], defaults: CascadeSelection, archive: ArchiveSelection, archiveMinSize: number, flag = '--select'): CascadeSelection {
  let out = { ...defaults };
  for (const part of values.flatMap((v) => v.split(','))) {
    const text = part.trim();
    if (text === '') continue;
    const eq = text.indexOf('=');
    const key = eq < 0 ? text : text.slice(0, eq).trim();
    const value = eq < 0 ? '' : text.slice(eq + 1).trim();
    if (!(SELECT_KEYS as readonly string[]).includes(key) || eq < 0) {
      throw new InputError(`${flag}: invalid part ${JSON.stringify(text)}: expected key=value with a key among ${SELECT_KEYS.join(', ')} (e.g. ${flag} roots=all,min-size=1)`, { field: key });
    }
    if (key === 'roots') {
      if (value !== 'claims' && value !== 'all') throw new InputError(`${flag}: invalid \`roots\` (${JSON.stringify(value)}): expected claims or all`, { field: 'roots' });
      out = { ...out, roots: value };
    } else if (key === 'veracity') {
      if (value !== 'false' && value !== 'true' && value !== 'any') throw new InputError(`${flag}: invalid \`veracity\` (${JSON.stringify(value)}): expected false, true or any`, { field: 'veracity' });
      out = { ...out, veracity: value };
    } else if (key === 'min-size') {
      const n = value === 'archive' ? archiveMinSize : Number(value);
      if (!Number.isSafeInteger(n) || n < 1) throw new InputError(`${flag}: invalid \`min-size\` (${JSON.stringify(value)}): expected an integer ≥ 1, or archive`, { field: 'min-size' });
      out = { ...out, minSize: n };
    } else {
      out = { ...out, windowMinutes: value === 'archive' ? archive.windowMinutes : parseWindow(value, flag) };
    }
  }
  return out;
}

/** One simulated cascade as a comparison reads it: its row's features, where it started, and its tree when kept. */
export interface SimulatedCascade {
  readonly features: Readonly<Partial<Record<CascadeFeature, number>>>;
  readonly info?: CascadeInfo;
  readonly tree?: CascadeTree;
}

/** What the selection kept and left out, for the report. */
export interface SelectionCounts {
  readonly total: number;
  readonly notClaims: number;
  readonly otherVeracity: number;
  readonly tooSmall: number;
  /** Cascades cut at the window (some entries left out) and measured again. */
  readonly cut: number;
  /** Cascades the window should have cut but whose tree was not kept (measured whole). */
  readonly uncut: number;
  readonly kept: number;
  /** The simulated claims carry no veracity (all `none`): the veracity part was not applied. */
  readonly veracityNotApplied: boolean;
  /** Results of an older echolab: no CascadeInfo, so the roots part was not applied. */
  readonly rootsNotApplied: boolean;
}

/** The part of a tree observed within `window` after the root (entries whose parent was cut are cut too). */
export function cutTree(tree: CascadeTree, window: number): CascadeTree {
  const n = tree.parent.length;
  const keep = new Int32Array(n).fill(-1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const p = tree.parent[i];
    if (tree.time[i] <= window && (p < 0 || keep[p] >= 0)) keep[i] = m++;
  }
  const out: CascadeTree = { node: new Int32Array(m), parent: new Int32Array(m), time: new Float64Array(m) };
  for (let i = 0; i < n; i++) {
    const k = keep[i];
    if (k < 0) continue;
    out.node[k] = tree.node[i];
    out.parent[k] = tree.parent[i] < 0 ? -1 : keep[tree.parent[i]];
    out.time[k] = tree.time[i];
  }
  return out;
}

/** Apply the selection; returns the kept cascades' features (re-measured after a cut) and the counts. */
export function selectCascades(cascades: readonly SimulatedCascade[], sel: CascadeSelection): { features: Array<Partial<Record<CascadeFeature, number>>>; counts: SelectionCounts } {
  const rootsKnown = cascades.every((c) => c.info !== undefined);
  const claimVeracities = new Set(cascades.filter((c) => c.info?.root === 'claim').map((c) => c.info?.veracity));
  const veracityApplies = sel.veracity !== 'any' && [...claimVeracities].some((v) => v !== 'none');
  let notClaims = 0;
  let otherVeracity = 0;
  let tooSmall = 0;
  let cut = 0;
  let uncut = 0;
  const kept: Array<Partial<Record<CascadeFeature, number>>> = [];
  for (const c of cascades) {
    if (sel.roots === 'claims' && rootsKnown && c.info?.root !== 'claim') {
      notClaims++;
      continue;
    }
    if (veracityApplies && c.info?.veracity !== sel.veracity) {
      otherVeracity++;
      continue;
    }
    let features = c.features;
    if (sel.windowMinutes !== null) {
      if (c.tree !== undefined) {
        let last = 0;
        for (const t of c.tree.time) if (t > last) last = t;
        if (last > sel.windowMinutes) {
          features = cascadeFeatures(cutTree(c.tree, sel.windowMinutes), CASCADE_FEATURES, { k: 10, topK: 5 });
          cut++;
        }
      } else if ((c.features['time-to-90pct'] ?? 0) > sel.windowMinutes) uncut++;
    }
    if (!((features.size ?? 0) >= sel.minSize)) {
      tooSmall++;
      continue;
    }
    kept.push(features);
  }
  return {
    features: kept,
    counts: {
      total: cascades.length,
      notClaims,
      otherVeracity,
      tooSmall,
      cut,
      uncut,
      kept: kept.length,
      veracityNotApplied: sel.veracity !== 'any' && !veracityApplies,
      rootsNotApplied: sel.roots === 'claims' && !rootsKnown,
    },
  };
}

function minutes(m: number): string {
  if (m % 1440 === 0) return `${m / 1440} d`;
  if (m % 60 === 0) return `${m / 60} h`;
  return `${m} min`;
}

/** The selection in one sentence, with what it kept, for the top of a report. */
export function describeSelection(sel: CascadeSelection, archive: ArchiveSelection, counts: SelectionCounts | null): string {
  const parts = [
    sel.roots === 'claims' ? 'cascades rooted in a claim (an injected claim, a claim of the claim stream, or a zoo model\'s seed)' : 'every cascade (all roots)',
    sel.veracity === 'any' ? null : `veracity ${sel.veracity}`,
    `size ≥ ${sel.minSize}`,
    sel.windowMinutes === null ? 'no window cut' : `cut at ${minutes(sel.windowMinutes)} after the root`,
  ].filter((x) => x !== null);
  let text = `Selection (like with like): ${parts.join(', ')}. The archive: ${archive.rootsNote}; ${archive.windowNote}.`;
  if (counts !== null) {
    text += ` Kept ${counts.kept} of ${counts.total} simulated cascades`;
    const out = [
      counts.notClaims > 0 ? `${counts.notClaims} not rooted in a claim` : null,
      counts.otherVeracity > 0 ? `${counts.otherVeracity} of another veracity` : null,
      counts.tooSmall > 0 ? `${counts.tooSmall} smaller than ${sel.minSize}` : null,
    ].filter((x) => x !== null);
    text += out.length > 0 ? ` (left out: ${out.join(', ')}).` : '.';
    if (counts.cut > 0) text += ` ${counts.cut} cut at the window and measured again.`;
    if (counts.uncut > 0) text += ` ${counts.uncut} ran past the window but kept no tree, so they were measured whole.`;
    if (counts.veracityNotApplied) text += ' The simulated claims carry no veracity, so the veracity part was not applied.';
    if (counts.rootsNotApplied) text += ' These results predate root kinds (re-run with this echolab), so every root was kept.';
  }
  return `${text} Change it with --select (e.g. --select roots=all,min-size=1).`;
}

/** Counts of several arms, added up (for the one sentence of a report). */
export function sumCounts(list: readonly SelectionCounts[]): SelectionCounts {
  const zero: SelectionCounts = { total: 0, notClaims: 0, otherVeracity: 0, tooSmall: 0, cut: 0, uncut: 0, kept: 0, veracityNotApplied: false, rootsNotApplied: false };
  return list.reduce(
    (t, c) => ({
      total: t.total + c.total,
      notClaims: t.notClaims + c.notClaims,
      otherVeracity: t.otherVeracity + c.otherVeracity,
      tooSmall: t.tooSmall + c.tooSmall,
      cut: t.cut + c.cut,
      uncut: t.uncut + c.uncut,
      kept: t.kept + c.kept,
      veracityNotApplied: t.veracityNotApplied || c.veracityNotApplied,
      rootsNotApplied: t.rootsNotApplied || c.rootsNotApplied,
    }),
    zero,
  );
}
