/**
 * Cascades recorded as rooted trees with times, the shape shared by simulated
 * spreads (independent cascade, SIR, reposts) and imported propagation trees,
 * so one set of cascade metrics serves both.
 *
 * Entries are numbered 0..size−1 in the order they joined. Entry i records
 * who joined (`node[i]`, a node or agent index), whom it got the content from
 * (`parent[i]`, an earlier entry, −1 for a root) and when (`time[i]`, in the
 * recording model's time unit). A forest (several seeds) has several roots.
 * Storage is three typed arrays that grow by doubling, so recording costs a
 * few writes per activation and nothing per examined edge.
 */
import type { CascadeView } from './metric-view.js';

/** A `CascadeView` that also says which node each entry is. */
export interface CascadeTree extends CascadeView {
  /** The node (or agent) of entry i. */
  readonly node: Int32Array;
}

export class CascadeRecorder {
  private nodes: Int32Array;
  private parents: Int32Array;
  private times: Float64Array;
  private count = 0;

  /** `capacity`: entries stored before the first growth (e.g. the node count, when each node joins at most once). */
  constructor(capacity = 16) {
    const c = Math.max(1, Math.floor(capacity));
    this.nodes = new Int32Array(c);
    this.parents = new Int32Array(c);
    this.times = new Float64Array(c);
  }

  get size(): number {
    return this.count;
  }

  /** Forget every entry (storage is kept). */
  clear(): void {
    this.count = 0;
  }

  /**
   * Append an entry and return its index. `parent` is the index of an
   * earlier entry, or −1 for a root.
   */
  add(node: number, parent: number, time: number): number {
    if (this.count === this.nodes.length) this.grow();
    const i = this.count++;
    this.nodes[i] = node;
    this.parents[i] = parent;
    this.times[i] = time;
    return i;
  }

  /**
   * Make room for `extra` more entries and return the full storage, for
   * kernels that append in bulk: write entries size..size+extra−1 directly,
   * then call `setSize`. Why: a method call per activation costs a hot
   * spreading loop more than the three writes themselves.
   */
  reserve(extra: number): { readonly node: Int32Array; readonly parent: Int32Array; readonly time: Float64Array } {
    while (this.count + extra > this.nodes.length) this.grow();
    return { node: this.nodes, parent: this.parents, time: this.times };
  }

  /** After writing entries through `reserve`: the new number of entries (between the old size and its capacity). */
  setSize(size: number): void {
    if (!(Number.isInteger(size) && size >= this.count && size <= this.nodes.length)) {
      throw new RangeError(`sim/cascade-record: setSize(${size}): expected an integer from ${this.count} to ${this.nodes.length}`);
    }
    this.count = size;
  }

  nodeAt(i: number): number {
    return this.nodes[i];
  }

  parentAt(i: number): number {
    return this.parents[i];
  }

  timeAt(i: number): number {
    return this.times[i];
  }

  /** Views (no copy) of the recorded entries; invalid after the next `add` that grows storage. */
  view(): CascadeTree {
    const n = this.count;
    return { node: this.nodes.subarray(0, n), parent: this.parents.subarray(0, n), time: this.times.subarray(0, n) };
  }

  /** An independent copy of the recorded entries. */
  snapshot(): CascadeTree {
    const n = this.count;
    return { node: this.nodes.slice(0, n), parent: this.parents.slice(0, n), time: this.times.slice(0, n) };
  }

  private grow(): void {
    const c = this.nodes.length * 2;
    const nodes = new Int32Array(c);
    const parents = new Int32Array(c);
    const times = new Float64Array(c);
    nodes.set(this.nodes);
    parents.set(this.parents);
    times.set(this.times);
    this.nodes = nodes;
    this.parents = parents;
    this.times = times;
  }
}

/**
 * Depth of every entry (roots at 0), in one pass: parents come before
 * children. Throws a RangeError if some parent is not an earlier entry.
 */
export function cascadeDepths(view: CascadeView): Int32Array {
  const n = view.parent.length;
  const depth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = view.parent[i];
    if (p === -1) continue;
    if (!(p >= 0 && p < i)) throw new RangeError(`sim/cascade-record: entry ${i} has parent ${p}: expected −1 or an earlier entry`);
    depth[i] = depth[p] + 1;
  }
  return depth;
}

/**
 * Split a forest (several roots, e.g. several seeds) into one tree per root,
 * each renumbered from 0 in join order, so the single-tree cascade metrics
 * apply to each. Parents must be earlier entries (as recorded here).
 */
export function splitCascades(tree: CascadeTree): CascadeTree[] {
  const n = tree.parent.length;
  const rootOf = new Int32Array(n);
  const local = new Int32Array(n);
  const sizes: number[] = [];
  const treeIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = tree.parent[i];
    if (p === -1) {
      rootOf[i] = i;
      treeIndex[i] = sizes.length;
      sizes.push(0);
    } else {
      if (!(p >= 0 && p < i)) throw new RangeError(`sim/cascade-record: entry ${i} has parent ${p}: expected −1 or an earlier entry`);
      rootOf[i] = rootOf[p];
    }
    const t = treeIndex[rootOf[i]];
    local[i] = sizes[t]++;
  }
  const out = sizes.map((size) => ({ node: new Int32Array(size), parent: new Int32Array(size), time: new Float64Array(size) }));
  for (let i = 0; i < n; i++) {
    const t = out[treeIndex[rootOf[i]]];
    const k = local[i];
    t.node[k] = tree.node[i];
    t.parent[k] = tree.parent[i] === -1 ? -1 : local[tree.parent[i]];
    t.time[k] = tree.time[i];
  }
  return out;
}
