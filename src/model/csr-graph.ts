/**
 * Follow network as compressed sparse rows (CSR) in typed arrays, in both
 * directions, with room for rewiring.
 *
 * Convention: a directed edge u → v means "u follows v": v's posts reach u.
 * `out` rows list whom a node follows (its followees), `in` rows list who
 * follows it (its followers). An undirected graph keeps one symmetric
 * adjacency and `in` is the same storage as `out`.
 *
 * Storage of one direction: row i occupies `targets[start[i] .. start[i] +
 * deg[i])` and owns `cap[i] ≥ deg[i]` slots. A follow appends into the row's
 * slack; a full row moves to the end of `targets` with doubled capacity (the
 * old slots become garbage until `compact()`). An unfollow swaps the last
 * entry into the hole, so it is O(degree) and never shifts other rows.
 * Hot loops read the arrays directly: re-read `graph.out.targets` after a
 * mutation, since growth replaces the array.
 *
 * Memory: 4 bytes per stored arc and direction, plus 12 bytes per node and
 * direction, plus `slack` spare slots per row (1,000,000 nodes and 20,000,000
 * directed edges with slack 1: about 192 MB).
 */
import type { EdgeList } from './edge-list.js';
import { InputError } from './errors.js';

export interface CsrBuildOptions {
  /** Spare slots per row for follows without relocation (default 1). */
  readonly slack?: number;
  /** Drop repeated edges (default true; the count is kept in `dropped`). */
  readonly dropDuplicates?: boolean;
  /** Drop self-loops (default true: nobody follows themselves). */
  readonly dropSelfLoops?: boolean;
}

/** Rows longer than this are searched with the native TypedArray indexOf (a call costs more than a short loop). */
const LONG_ROW = 64;

/** One direction of adjacency. */
export class Adjacency {
  start: Int32Array;
  deg: Int32Array;
  cap: Int32Array;
  targets: Int32Array;
  /** First free slot at the end of `targets`. */
  end: number;

  constructor(start: Int32Array, deg: Int32Array, cap: Int32Array, targets: Int32Array, end: number) {
    this.start = start;
    this.deg = deg;
    this.cap = cap;
    this.targets = targets;
    this.end = end;
  }

  /** A view (no copy) of row i; invalid after the next mutation. */
  row(i: number): Int32Array {
    const s = this.start[i];
    return this.targets.subarray(s, s + this.deg[i]);
  }

  has(i: number, j: number): boolean {
    const t = this.targets;
    const s = this.start[i];
    const d = this.deg[i];
    if (d > LONG_ROW) return t.subarray(s, s + d).indexOf(j) >= 0;
    for (let k = s, e = s + d; k < e; k++) if (t[k] === j) return true;
    return false;
  }

  /** Append j to row i (the caller has checked it is absent). */
  append(i: number, j: number): void {
    if (this.deg[i] === this.cap[i]) this.relocate(i, Math.max(4, this.cap[i] * 2));
    this.targets[this.start[i] + this.deg[i]] = j;
    this.deg[i]++;
  }

  /** Remove j from row i by swapping in the row's last entry; false if absent. */
  remove(i: number, j: number): boolean {
    const t = this.targets;
    const s = this.start[i];
    const d = this.deg[i];
    const last = s + d - 1;
    // A hub's follower row runs to hundreds of thousands: search long rows
    // with the engine's native indexOf (the same first match as the loop).
    let k = -1;
    if (d > LONG_ROW) {
      const at = t.subarray(s, last + 1).indexOf(j);
      if (at >= 0) k = s + at;
    } else {
      for (let q = s; q <= last; q++) {
        if (t[q] === j) {
          k = q;
          break;
        }
      }
    }
    if (k < 0) return false;
    t[k] = t[last];
    this.deg[i]--;
    return true;
  }

  private relocate(i: number, newCap: number): void {
    if (this.end + newCap > this.targets.length) {
      const grown = new Int32Array(Math.max(Math.ceil(this.targets.length * 1.5), this.end + newCap));
      grown.set(this.targets.subarray(0, this.end));
      this.targets = grown;
    }
    this.targets.copyWithin(this.end, this.start[i], this.start[i] + this.deg[i]);
    this.start[i] = this.end;
    this.cap[i] = newCap;
    this.end += newCap;
  }

  growNodes(n: number, slack: number): void {
    const old = this.start.length;
    if (n <= old) return;
    const start = new Int32Array(n);
    const deg = new Int32Array(n);
    const cap = new Int32Array(n);
    start.set(this.start);
    deg.set(this.deg);
    cap.set(this.cap);
    const extra = (n - old) * slack;
    if (this.end + extra > this.targets.length) {
      const grown = new Int32Array(this.end + extra + (this.targets.length >> 3));
      grown.set(this.targets.subarray(0, this.end));
      this.targets = grown;
    }
    for (let i = old; i < n; i++) {
      start[i] = this.end;
      cap[i] = slack;
      this.end += slack;
    }
    this.start = start;
    this.deg = deg;
    this.cap = cap;
  }

  /** Rebuild tightly packed with `slack` spare slots per row, keeping row order. */
  compact(slack: number): void {
    const n = this.start.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += this.deg[i] + slack;
    const targets = new Int32Array(total);
    let pos = 0;
    for (let i = 0; i < n; i++) {
      targets.set(this.row(i), pos);
      this.start[i] = pos;
      this.cap[i] = this.deg[i] + slack;
      pos += this.cap[i];
    }
    this.targets = targets;
    this.end = pos;
  }

  arcCount(): number {
    let m = 0;
    for (let i = 0; i < this.deg.length; i++) m += this.deg[i];
    return m;
  }

  bytes(): number {
    return this.start.byteLength + this.deg.byteLength + this.cap.byteLength + this.targets.byteLength;
  }

  clone(): Adjacency {
    return new Adjacency(this.start.slice(), this.deg.slice(), this.cap.slice(), this.targets.slice(0, this.end), this.end);
  }
}

export interface CsrDropped {
  readonly selfLoops: number;
  readonly duplicates: number;
}

export class CsrGraph {
  n: number;
  readonly directed: boolean;
  /** Followees (who i follows); for undirected graphs, the neighbours. */
  readonly out: Adjacency;
  /** Followers (who follows i); the same object as `out` when undirected. */
  readonly in: Adjacency;
  readonly dropped: CsrDropped;
  /**
   * Bumped by every change made through this class (follow, unfollow, new
   * nodes, compaction), so that a copy of the graph kept elsewhere (e.g. in
   * a WebAssembly kernel's memory) knows when it is stale.
   */
  version = 0;
  private readonly slack: number;

  private constructor(n: number, directed: boolean, out: Adjacency, inn: Adjacency, dropped: CsrDropped, slack: number) {
    this.n = n;
    this.directed = directed;
    this.out = out;
    this.in = inn;
    this.dropped = dropped;
    this.slack = slack;
  }

  static fromEdgeList(edges: EdgeList, options: CsrBuildOptions = {}): CsrGraph {
    const slack = options.slack ?? 1;
    const dropDuplicates = options.dropDuplicates ?? true;
    const dropSelfLoops = options.dropSelfLoops ?? true;
    const { n, directed, src, dst } = edges;
    const m = edges.m ?? src.length;
    if (!Number.isInteger(slack) || slack < 0) throw new InputError(`model/csr: invalid \`slack\` (${slack}): expected an integer ≥ 0`, { field: 'slack' });

    // Count row lengths (both endpoints for undirected edges).
    const deg = new Int32Array(n);
    let selfLoops = 0;
    for (let e = 0; e < m; e++) {
      const u = src[e];
      const v = dst[e];
      if (!(u >= 0 && u < n && v >= 0 && v < n)) {
        throw new InputError(`model/csr: edge ${e} (${u} -> ${v}) names a node outside [0, ${n})`, { field: 'edges' });
      }
      if (u === v) {
        selfLoops++;
        if (dropSelfLoops) continue;
      }
      deg[u]++;
      if (!directed && u !== v) deg[v]++;
    }
    const start = new Int32Array(n);
    const cap = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      start[i] = total;
      cap[i] = deg[i] + slack;
      total += cap[i];
    }
    if (total > 2 ** 31 - 1) throw new InputError(`model/csr: ${total} adjacency slots exceed the 2^31 limit of one typed array`);
    const targets = new Int32Array(total);
    // Each row's next free slot: one random read and write per placed arc (start + count would be two reads).
    const pos = start.slice();
    for (let e = 0; e < m; e++) {
      const u = src[e];
      const v = dst[e];
      if (u === v && dropSelfLoops) continue;
      targets[pos[u]++] = v;
      if (!directed && u !== v) targets[pos[v]++] = u;
    }
    let duplicates = 0;
    if (dropDuplicates) {
      // Stamp each target with its row to find repeats in O(m), keeping first-seen order.
      const stamp = new Int32Array(n).fill(-1);
      for (let i = 0; i < n; i++) {
        const s = start[i];
        let w = s;
        for (let k = s, e = s + deg[i]; k < e; k++) {
          const t = targets[k];
          if (stamp[t] === i) continue;
          stamp[t] = i;
          targets[w++] = t;
        }
        const removed = s + deg[i] - w;
        duplicates += removed;
        deg[i] = w - s;
      }
      // An undirected duplicate shows up once in each endpoint's row.
      if (!directed) duplicates /= 2;
    }
    const out = new Adjacency(start, deg, cap, targets, total);
    let inn = out;
    if (directed) inn = CsrGraph.transpose(out, n, slack);
    return new CsrGraph(n, directed, out, inn, { selfLoops, duplicates }, slack);
  }

  private static transpose(out: Adjacency, n: number, slack: number): Adjacency {
    const deg = new Int32Array(n);
    const ot = out.targets;
    for (let i = 0; i < n; i++) for (let k = out.start[i], e = k + out.deg[i]; k < e; k++) deg[ot[k]]++;
    const start = new Int32Array(n);
    const cap = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      start[i] = total;
      cap[i] = deg[i] + slack;
      total += cap[i];
    }
    const targets = new Int32Array(total);
    // Each row's next free slot (see fromEdgeList); the rows' lengths are deg, counted above.
    const pos = start.slice();
    for (let i = 0; i < n; i++) {
      for (let k = out.start[i], e = k + out.deg[i]; k < e; k++) targets[pos[ot[k]]++] = i;
    }
    return new Adjacency(start, deg, cap, targets, total);
  }

  /** Number of edges (directed arcs, or undirected pairs). */
  get m(): number {
    const arcs = this.out.arcCount();
    if (this.directed) return arcs;
    // Self-loops (only when kept) are stored once.
    let loops = 0;
    for (let i = 0; i < this.n; i++) if (this.out.has(i, i)) loops++;
    return (arcs - loops) / 2 + loops;
  }

  outDegree(i: number): number {
    return this.out.deg[i];
  }

  inDegree(i: number): number {
    return this.in.deg[i];
  }

  /** Whom i follows (a view, invalid after the next mutation). */
  followees(i: number): Int32Array {
    return this.out.row(i);
  }

  /** Who follows i (a view, invalid after the next mutation). */
  followers(i: number): Int32Array {
    return this.in.row(i);
  }

  hasEdge(u: number, v: number): boolean {
    // Scan the shorter row.
    if (this.directed && this.in.deg[v] < this.out.deg[u]) return this.in.has(v, u);
    return this.out.has(u, v);
  }

  /** u follows v. Returns false (and changes nothing) for a self-loop or an existing edge. */
  addEdge(u: number, v: number): boolean {
    this.checkNode(u);
    this.checkNode(v);
    if (u === v || this.hasEdge(u, v)) return false;
    this.out.append(u, v);
    this.in.append(v, u);
    this.version++;
    return true;
  }

  /** u unfollows v. Returns false if there was no such edge. */
  removeEdge(u: number, v: number): boolean {
    if (!this.out.remove(u, v)) return false;
    this.in.remove(v, u);
    this.version++;
    return true;
  }

  /** Add `count` isolated nodes (e.g. accounts joining); returns the first new index. */
  addNodes(count: number): number {
    const first = this.n;
    this.n += count;
    this.out.growNodes(this.n, this.slack);
    if (this.directed) this.in.growNodes(this.n, this.slack);
    this.version++;
    return first;
  }

  /** Reclaim the slots left behind by relocated rows. */
  compact(): void {
    this.out.compact(this.slack);
    if (this.directed) this.in.compact(this.slack);
    this.version++;
  }

  /** Calls fn(u, v) once per edge (once per pair when undirected: u ≤ v). */
  forEachEdge(fn: (u: number, v: number) => void): void {
    const { start, deg, targets } = this.out;
    for (let u = 0; u < this.n; u++) {
      for (let k = start[u], e = k + deg[u]; k < e; k++) {
        const v = targets[k];
        if (this.directed || u <= v) fn(u, v);
      }
    }
  }

  toEdgeList(): EdgeList {
    const m = this.m;
    const src = new Int32Array(m);
    const dst = new Int32Array(m);
    let e = 0;
    this.forEachEdge((u, v) => {
      src[e] = u;
      dst[e] = v;
      e++;
    });
    return { n: this.n, directed: this.directed, src, dst, m };
  }

  /** Bytes held by the typed arrays. */
  bytes(): number {
    return this.out.bytes() + (this.directed ? this.in.bytes() : 0);
  }

  clone(): CsrGraph {
    const out = this.out.clone();
    return new CsrGraph(this.n, this.directed, out, this.directed ? this.in.clone() : out, this.dropped, this.slack);
  }

  private checkNode(i: number): void {
    if (!(Number.isInteger(i) && i >= 0 && i < this.n)) {
      throw new InputError(`model/csr: node ${i} is outside [0, ${this.n})`, { field: 'node' });
    }
  }
}
