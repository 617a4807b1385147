/**
 * Per-cascade rows of a run: one row per cascade tree with its shape
 * (size, depth, maximum breadth, structural virality; see
 * sim/metrics/cascade-shape.ts) and where it started. Zoo spreading models
 * give one tree per seed (`splitCascades` of the model's forest, singletons
 * included: a seed that convinced nobody is a cascade of size 1). Platform
 * runs give every original post whose reshare tree has at least two nodes,
 * built in one pass over the post store with the same rule as
 * `Platform.cascade` (replies and what hangs under them left out).
 *
 * Columns (CASCADE_COLUMNS): `cascade` (zoo: index of the tree in seed
 * order; platform: id of the original post), `root` (node or account that
 * started it), `start` (zoo: step; platform: hour of the original post), then
 * the four shape metrics under their registry names.
 *
 * Each row also gets a `CascadeInfo` (what kind of post rooted it, its
 * veracity and topic), and claim-rooted cascades keep their tree
 * (`StoredTree`): an archive such as Twitter15 holds fact-checked claims
 * only, so a like-for-like comparison selects the simulated claims, and may
 * cut them at the archive's observation window. Claims are few (injected
 * posts, or a zoo model's seeds), so keeping their trees costs little.
 */
import { splitCascades, type CascadeTree } from '../sim/cascade-record.js';
import { computeMetrics } from '../sim/metrics/metrics-registry.js';
import type { Platform } from '../sim/platform/platform.js';
import { FALSE_CLAIM, KIND_REPLY, NOT_A_CLAIM, TRUE_CLAIM } from '../sim/platform/post-store.js';
import type { CascadeInfo, StoredTree } from './experiment-types.js';

export const CASCADE_METRICS = ['cascade.size', 'cascade.depth', 'cascade.max-breadth', 'cascade.structural-virality'] as const;
export const CASCADE_COLUMNS = ['cascade', 'root', 'start', ...CASCADE_METRICS] as const;

function row(id: number, tree: CascadeTree, start: number): Record<string, number> {
  return { cascade: id, root: tree.node[0], start, ...computeMetrics(CASCADE_METRICS, tree) };
}

/** One row per tree of a zoo model's cascade forest (times in steps). */
export function forestRows(forest: CascadeTree): Record<string, number>[] {
  return splitCascades(forest).map((tree, k) => row(k, tree, tree.time.length > 0 ? tree.time[0] : NaN));
}

/**
 * Every reshare tree of a platform run with at least `minSize` nodes, in
 * order of the original post. Entry times are minutes after the original, as
 * in `Platform.cascade`.
 */
export function platformCascades(platform: Platform, minSize = 2): Array<{ post: number; tree: CascadeTree }> {
  const posts = platform.world.posts;
  const count = posts.count;
  // local[p]: p's entry in its tree, or −1 when p is left out (a reply, or under one).
  const local = new Int32Array(count);
  const size = new Int32Array(count);
  for (let p = 0; p < count; p++) {
    const root = posts.rootOf(p);
    if (root === p) {
      local[p] = 0;
      size[p] = 1;
    } else if (posts.kindOf(p) === KIND_REPLY || local[posts.parentOf(p)] < 0) {
      local[p] = -1;
    } else {
      local[p] = size[root]++;
    }
  }
  const trees = new Map<number, CascadeTree>();
  const out: Array<{ post: number; tree: CascadeTree }> = [];
  for (let p = 0; p < count; p++) {
    if (posts.rootOf(p) === p && size[p] >= minSize) {
      const s = size[p];
      const tree: CascadeTree = { node: new Int32Array(s), parent: new Int32Array(s), time: new Float64Array(s) };
      trees.set(p, tree);
      out.push({ post: p, tree });
    }
  }
  for (let p = 0; p < count; p++) {
    const root = posts.rootOf(p);
    const k = local[p];
    if (k < 0) continue;
    const tree = trees.get(root);
    if (!tree) continue;
    tree.node[k] = posts.authorOf(p);
    tree.parent[k] = p === root ? -1 : local[posts.parentOf(p)];
    tree.time[k] = posts.timeOf(p) - posts.timeOf(root);
  }
  return out;
}

/** Rows of every platform cascade with at least two nodes (start in hours). */
export function platformCascadeRows(platform: Platform, cascades: ReadonlyArray<{ post: number; tree: CascadeTree }> = platformCascades(platform)): Record<string, number>[] {
  const posts = platform.world.posts;
  return cascades.map(({ post, tree }) => row(post, tree, posts.timeOf(post) / 60));
}

/** What rooted each platform cascade (see CascadeInfo): a claim (an injected post, or any post with a veracity), a bot's post, or an organic one. */
export function platformCascadeInfo(platform: Platform, cascades: ReadonlyArray<{ post: number }>): CascadeInfo[] {
  const w = platform.world;
  const injected = new Set(platform.injected.values());
  return cascades.map(({ post }) => {
    const v = w.posts.veracityOf(post);
    const veracity = v === FALSE_CLAIM ? 'false' : v === TRUE_CLAIM ? 'true' : 'none';
    const root = v !== NOT_A_CLAIM || injected.has(post) ? 'claim' : w.agents.bot[w.posts.authorOf(post)] === 1 ? 'bot' : 'organic';
    return { root, veracity, topic: w.topics[w.posts.topic[post]] ?? null };
  });
}

/** A zoo model's seeds are its claims: every tree is one, with no veracity or topic. */
export function zooCascadeInfo(count: number): CascadeInfo[] {
  return Array.from({ length: count }, () => ({ root: 'claim', veracity: 'none', topic: null }));
}

/** The trees of the claim-rooted rows, as plain arrays (they go into runs.jsonl). */
export function claimTrees(info: readonly CascadeInfo[], trees: readonly CascadeTree[]): StoredTree[] {
  const out: StoredTree[] = [];
  info.forEach((c, row) => {
    if (c.root !== 'claim') return;
    out.push({ row, parent: Array.from(trees[row].parent), time: Array.from(trees[row].time) });
  });
  return out;
}
