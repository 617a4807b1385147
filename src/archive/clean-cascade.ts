/**
 * Turns the raw edges of one propagation record (which need not form a
 * tree) into a `CascadeTree` rooted at the source, by one fixed rule:
 *  1. each edge line is classified by the first rule it breaks, in order:
 *     self-loop (parent = child), edge into the root (child = source),
 *     duplicate of an earlier edge between the same two nodes; such lines
 *     are dropped and counted;
 *  2. the tree is grown from the root like Dijkstra's algorithm / Prim's:
 *     a node joins through the candidate edge whose parent has the earliest
 *     cleaned time (ties: the parent that joined first, then the earlier
 *     line), among parents already in the tree; its cleaned time is
 *     max(raw delay, parent's time), so times never decrease along the tree
 *     (negative delays and children timed before their parent are raised to
 *     the parent's time, and counted). Because join keys only grow, the kept
 *     parent is the earliest of all the node's parents reachable from the
 *     root; every other edge into a kept node counts as an extra parent;
 *  3. nodes never reached are dropped and counted;
 *  4. entries are ordered by (cleaned time, join order): entry 0 is the root,
 *     every parent precedes its children and times are non-decreasing.
 * The root keeps its raw time (the format parsers fix it beforehand; a
 * virtual root at −∞ turns a forest into one tree).
 */
import type { CascadeTree } from '../sim/cascade-record.js';
import type { CleaningCounts } from './cleaning-report.js';

export interface RawCascade {
  /** Distinct nodes, numbered 0..nodeCount−1. */
  readonly nodeCount: number;
  readonly root: number;
  /** Raw time of each node (finite, except that a virtual root may be −∞). */
  readonly rawTime: ArrayLike<number>;
  /** Edges in file order: parent node, child node, 1-based line. */
  readonly edgeParent: ArrayLike<number>;
  readonly edgeChild: ArrayLike<number>;
  readonly edgeLine: ArrayLike<number>;
}

/**
 * Cleans `raw` into a tree whose `node[i]` is the raw node number of entry
 * i; adds what it fixed to `counts` (all fields but lines/malformedLines/
 * extraRootLines).
 */
export function cleanCascade(raw: RawCascade, counts: CleaningCounts): CascadeTree {
  const n = raw.nodeCount;
  const m = raw.edgeParent.length;
  const root = raw.root;
  // Outgoing kept edges per node, as linked lists over edge ids.
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(m).fill(-1);
  const kept = new Uint8Array(m);
  const seen = new Set<number>();
  for (let e = 0; e < m; e++) {
    const p = raw.edgeParent[e];
    const c = raw.edgeChild[e];
    if (p === c) counts.selfLoops++;
    else if (c === root) counts.edgesIntoRoot++;
    else {
      const key = p * n + c;
      if (seen.has(key)) counts.duplicateLines++;
      else {
        seen.add(key);
        kept[e] = 1;
      }
    }
  }
  // Link in reverse so each list runs in file order.
  for (let e = m - 1; e >= 0; e--) {
    if (!kept[e]) continue;
    const p = raw.edgeParent[e];
    next[e] = head[p];
    head[p] = e;
  }

  const time = new Float64Array(n);
  const joinIdx = new Int32Array(n).fill(-1);
  const parentOf = new Int32Array(n).fill(-1);
  const joinOrder: number[] = [];
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => {
    const pa = raw.edgeParent[a];
    const pb = raw.edgeParent[b];
    if (time[pa] !== time[pb]) return time[pa] < time[pb];
    if (joinIdx[pa] !== joinIdx[pb]) return joinIdx[pa] < joinIdx[pb];
    return raw.edgeLine[a] < raw.edgeLine[b];
  };
  const push = (e: number): void => {
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!less(heap[i], heap[up])) break;
      [heap[i], heap[up]] = [heap[up], heap[i]];
      i = up;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < heap.length && less(heap[l], heap[best])) best = l;
        if (r < heap.length && less(heap[r], heap[best])) best = r;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best], heap[i]];
        i = best;
      }
    }
    return top;
  };
  const join = (v: number, parent: number, t: number): void => {
    time[v] = t;
    parentOf[v] = parent;
    joinIdx[v] = joinOrder.length;
    joinOrder.push(v);
    for (let e = head[v]; e !== -1; e = next[e]) push(e);
  };

  join(root, -1, raw.rawTime[root]);
  while (heap.length > 0) {
    const e = pop();
    const c = raw.edgeChild[e];
    if (joinIdx[c] !== -1) continue;
    const p = raw.edgeParent[e];
    const r = raw.rawTime[c];
    if (r < time[p]) {
      if (r < 0) counts.negativeDelaysFixed++;
      else counts.delaysRaisedToParent++;
    }
    join(c, p, Math.max(r, time[p]));
  }

  let keptIntoJoined = 0;
  for (let e = 0; e < m; e++) if (kept[e] && joinIdx[raw.edgeChild[e]] !== -1) keptIntoJoined++;
  const size = joinOrder.length;
  counts.extraParentsDropped += keptIntoJoined - (size - 1);
  counts.unreachableNodesDropped += n - size;

  // Order by (time, join index): parents keep preceding children since a
  // child's time is ≥ its parent's and it joined later.
  const order = joinOrder.slice().sort((a, b) => (time[a] < time[b] ? -1 : time[a] > time[b] ? 1 : 0) || joinIdx[a] - joinIdx[b]);
  const entry = new Int32Array(n).fill(-1);
  for (let i = 0; i < size; i++) entry[order[i]] = i;
  const node = new Int32Array(size);
  const parent = new Int32Array(size);
  const times = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const v = order[i];
    node[i] = v;
    parent[i] = parentOf[v] === -1 ? -1 : entry[parentOf[v]];
    times[i] = time[v];
  }
  return { node, parent, time: times };
}
