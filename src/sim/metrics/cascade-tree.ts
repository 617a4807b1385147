/**
 * A cascade view checked and laid out for the cascade metrics: `parent[i]`
 * must be −1 for exactly one node (the root) and a node index in range
 * otherwise, `time` must have one entry per node, and following parents from
 * any node must reach the root (no cycles). The layout is a breadth-first
 * order from the root with each node's depth, built in O(n) via a counting
 * sort of children, so every cascade metric is linear. Times are not
 * required to increase along the tree (archive data sometimes has a reshare
 * stamped before its parent); metrics that use time say what they do.
 */
import { InputError } from '../../model/errors.js';
import type { CascadeView } from '../metric-view.js';
import { moduleName } from './metric-support.js';

export interface CascadeLayout {
  readonly size: number;
  readonly root: number;
  /** Nodes in breadth-first order from the root (parents before children). */
  readonly order: Int32Array;
  /** Distance of every node from the root. */
  readonly depth: Int32Array;
  readonly maxDepth: number;
}

/** Check the tree and lay it out; errors name the metric and the offending node. */
export function cascadeLayout(metricId: string, view: CascadeView): CascadeLayout {
  const mod = moduleName(metricId);
  if (view === null || typeof view !== 'object' || view.parent === undefined || view.parent === null) {
    throw new InputError(`${mod}: the view has no \`parent\` (a cascade metric needs an Int32Array of parent indices)`, { field: 'parent' });
  }
  const parent = view.parent;
  const n = parent.length;
  if (view.time === undefined || view.time === null || view.time.length !== n) {
    const len = view.time === undefined || view.time === null ? 'no' : String(view.time.length);
    throw new InputError(`${mod}: \`time\` has ${len} values for ${n} cascade nodes`, { field: 'time' });
  }
  if (n === 0) throw new InputError(`${mod}: empty cascade: expected at least the root (parent −1)`, { field: 'parent' });
  let root = -1;
  const childCount = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = parent[i];
    if (p === -1) {
      if (root !== -1) {
        throw new InputError(`${mod}: nodes ${root} and ${i} both have parent −1: expected exactly one root`, { field: 'parent' });
      }
      root = i;
    } else if (p < 0 || p >= n || p === i) {
      const why = p === i ? 'its own parent' : `outside [0, ${n}) and not −1`;
      throw new InputError(`${mod}: invalid \`parent[${i}]\` (${p}): ${why}`, { field: 'parent' });
    } else {
      childCount[p + 1]++;
    }
  }
  if (root === -1) throw new InputError(`${mod}: no node has parent −1: expected exactly one root`, { field: 'parent' });
  // Children in CSR form: childStart[p] .. childStart[p + 1].
  for (let i = 0; i < n; i++) childCount[i + 1] += childCount[i];
  const childStart = childCount;
  const fill = childStart.slice(0, n);
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) if (i !== root) children[fill[parent[i]]++] = i;
  const order = new Int32Array(n);
  const depth = new Int32Array(n).fill(-1);
  order[0] = root;
  depth[root] = 0;
  let head = 0;
  let tail = 1;
  let maxDepth = 0;
  while (head < tail) {
    const u = order[head++];
    const du = depth[u] + 1;
    for (let k = childStart[u], e = childStart[u + 1]; k < e; k++) {
      const v = children[k];
      depth[v] = du;
      if (du > maxDepth) maxDepth = du;
      order[tail++] = v;
    }
  }
  if (tail < n) {
    // A node the root never reaches has a parent chain that loops: walk it to name a node on the cycle.
    let u = 0;
    while (depth[u] !== -1) u++;
    const seen = new Uint8Array(n);
    while (!seen[u]) {
      seen[u] = 1;
      u = parent[u];
    }
    throw new InputError(`${mod}: node ${u} is on a parent cycle (it never reaches the root ${root})`, { field: 'parent' });
  }
  return { size: n, root, order, depth, maxDepth };
}
