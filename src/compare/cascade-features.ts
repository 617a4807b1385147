/**
 * The per-cascade numbers compared between simulated and archive cascades.
 * Shape and speed come from the metrics registry, so a feature here means
 * exactly what the same metric means in an experiment table:
 *   size, depth, max-breadth, structural-virality (Goel et al., Management
 *   Science 62, 180–196 (2016); Vosoughi, Roy & Aral, Science 359, 1146–1151
 *   (2018)), time-to-k = time until the k-th account joined (root = 1st;
 *   +Infinity if the cascade never had k entries).
 * Two features are defined here:
 *   time-to-90pct = time from the root until the ⌈0.9·n⌉-th entry joined
 *     (n = final size, root counted), i.e. the registry's time-to-k with
 *     k = ⌈0.9 n⌉; 0 for a lone root. Unlike time-to-k it is finite for every
 *     cascade, so small cascades are not dropped.
 *   top-k-reach-share = the share of reach that went through the k
 *     biggest rebroadcasters. An account's out-degree is the number of tree
 *     entries whose parent entry belongs to that account (summed over its
 *     entries, since an archive account can appear more than once). The
 *     source account (the root's) is left out, since everything passes
 *     through it; the top-k set T holds the min(k, ·) remaining accounts
 *     with the largest positive out-degree, ties broken by the account's
 *     earliest entry. The share is
 *       |{ non-root entries e : some proper ancestor entry of e belongs to T }| / (n − 1),
 *     in [0, 1): 0 for a star (no rebroadcaster), (n − 2)/(n − 1) for a path
 *     of n entries (the first resharer carries everyone after it). NaN for a
 *     lone root (no reach to share).
 * Time is in the cascade's unit (simulation steps, or the archive's minutes).
 */
import { ParamError, check, withDefaults } from '../model/errors.js';
import type { CascadeView } from '../sim/metric-view.js';
import type { CascadeTree } from '../sim/cascade-record.js';
import { computeMetrics } from '../sim/metrics/metrics-registry.js';
import { cascadeLayout } from '../sim/metrics/cascade-tree.js';

export const CASCADE_FEATURES = [
  'size',
  'depth',
  'max-breadth',
  'structural-virality',
  'time-to-k',
  'time-to-90pct',
  'top-k-reach-share',
] as const;

export type CascadeFeature = (typeof CASCADE_FEATURES)[number];

export interface CascadeFeatureOptions {
  /** k of time-to-k (accounts reached, root included). Default 10, as in the registry. */
  readonly k: number;
  /** Number of top rebroadcasting accounts for top-k-reach-share. Default 5. */
  readonly topK: number;
}

export const CASCADE_FEATURE_DEFAULTS: CascadeFeatureOptions = Object.freeze({ k: 10, topK: 5 });

const MODULE = 'compare/cascade-features';

const REGISTRY_IDS = {
  size: 'cascade.size',
  depth: 'cascade.depth',
  'max-breadth': 'cascade.max-breadth',
  'structural-virality': 'cascade.structural-virality',
} as const;

export function resolveFeatureOptions(given?: Partial<CascadeFeatureOptions>): CascadeFeatureOptions {
  const o = withDefaults(MODULE, CASCADE_FEATURE_DEFAULTS, given);
  check.integer(MODULE, 'k', o.k, 1);
  check.integer(MODULE, 'topK', o.topK, 1);
  return o;
}

/** Time from the root until ⌈0.9 n⌉ entries had joined (see the banner). */
export function timeTo90Percent(view: CascadeView): number {
  const n = view.parent.length;
  // ⌈9n/10⌉ in integers: 0.9 * n in floating point rounds up past an integer for some n (e.g. 30).
  const k = Math.max(1, Math.floor((9 * n + 9) / 10));
  return computeMetrics(['cascade.time-to-k'], view, { 'cascade.time-to-k': { k } })['cascade.time-to-k'];
}

/** Share of non-root entries whose parent chain passes through one of the top-k rebroadcasting accounts (see the banner). */
export function topKReachShare(tree: CascadeTree, topK: number): number {
  check.integer(MODULE, 'topK', topK, 1);
  const { order, root, size: n } = cascadeLayout('compare.top-k-reach-share', tree);
  if (n < 2) return NaN;
  const parent = tree.parent;
  const node = tree.node;
  if (node === undefined || node === null || node.length !== n) {
    throw new ParamError(MODULE, 'node', node === undefined || node === null ? node : `${node.length} entries`, `one account per cascade entry (${n})`);
  }
  const rootAccount = node[root];
  const outDegree = new Map<number, number>();
  const firstEntry = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!firstEntry.has(node[i])) firstEntry.set(node[i], i);
    if (i === root) continue;
    const a = node[parent[i]];
    outDegree.set(a, (outDegree.get(a) ?? 0) + 1);
  }
  const ranked = [...outDegree.entries()]
    .filter(([a, d]) => a !== rootAccount && d > 0)
    .sort((x, y) => y[1] - x[1] || (firstEntry.get(x[0]) ?? 0) - (firstEntry.get(y[0]) ?? 0));
  const top = new Set(ranked.slice(0, topK).map(([a]) => a));
  const through = new Uint8Array(n);
  let count = 0;
  // Breadth-first order visits every parent before its children.
  for (let r = 1; r < n; r++) {
    const e = order[r];
    const p = parent[e];
    if (through[p] || (p !== root && top.has(node[p]))) {
      through[e] = 1;
      count++;
    }
  }
  return count / (n - 1);
}

/** Every requested feature of one cascade. */
export function cascadeFeatures(
  tree: CascadeTree,
  features: readonly CascadeFeature[] = CASCADE_FEATURES,
  options?: Partial<CascadeFeatureOptions>,
): Record<CascadeFeature, number> {
  const o = resolveFeatureOptions(options);
  const out = {} as Record<CascadeFeature, number>;
  const registryNames: string[] = [];
  for (const f of features) {
    check.oneOf(MODULE, 'features', f, CASCADE_FEATURES);
    if (f in REGISTRY_IDS) registryNames.push(REGISTRY_IDS[f as keyof typeof REGISTRY_IDS]);
  }
  const wantK = features.includes('time-to-k');
  if (wantK) registryNames.push('cascade.time-to-k');
  const m = computeMetrics(registryNames, tree, wantK ? { 'cascade.time-to-k': { k: o.k } } : {});
  for (const f of features) {
    if (f in REGISTRY_IDS) out[f] = m[REGISTRY_IDS[f as keyof typeof REGISTRY_IDS]];
    else if (f === 'time-to-k') out[f] = m['cascade.time-to-k'];
    else if (f === 'time-to-90pct') out[f] = timeTo90Percent(tree);
    else out[f] = topKReachShare(tree, o.topK);
  }
  return out;
}
