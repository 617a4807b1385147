/**
 * A node order derived from the graph itself, not from how its nodes were
 * numbered, so that a heuristic whose result depends on the order it visits
 * nodes (Louvain) gives the same answer for any relabelling of the same
 * network.
 *
 * Method (the individualisation–refinement scheme of graph canonisation
 * tools such as nauty, without their search tree), on an ordered partition
 * of the nodes into cells:
 * 1. Colour refinement (1-dimensional Weisfeiler–Leman), from one cell of
 *    all nodes: a cell is split by how many arcs (and of which weight rank;
 *    out- and in-arcs apart when directed) its members have into a splitter
 *    cell, the parts placed in order of that key, until no cell splits.
 *    Splitters are queued by position with Hopcroft's rule (a split cell
 *    not waiting queues all parts but its largest), O(m log n) in all.
 *    Positions and keys, never node numbers, decide what happens.
 * 2. A cell whose members are all twins (the same neighbours with the same
 *    weights, adjacent to one another or not) is split in node order: any
 *    permutation of twins is an automorphism, so the choice cannot matter.
 * 3. Otherwise the first cell with several members has its lowest-numbered
 *    member put in a cell of its own, and refinement resumes from it.
 * The order is the nodes by position once every cell is a single node.
 * A graph of several (weakly) connected components is ordered component by
 * component, the components then sorted by size and ordered form, so that
 * disjoint copies of one structure need no individualisation.
 *
 * Guarantee: relabelling the graph gives the same ordered graph (hence the
 * same Louvain run) whenever every cell split in step 3 is an orbit of the
 * automorphisms fixing the earlier choices, which holds for trees, for
 * graphs whose refinement ends discrete (almost all graphs) and for the
 * usual symmetric ones (cycles, stars, cliques, disjoint copies); it can
 * fail on specially built regular graphs, where a full canonical labelling
 * needs nauty's exponential search. Cost: about 1 s for 100,000 nodes and
 * 1,000,000 edges, 0.1 s for the political blogs; each step 3 adds a pass
 * over the cells, so a hub with thousands of pendant paths (2,000: 0.3 s)
 * is the slow case.
 */
import type { CsrGraph } from './csr-graph.js';

export interface CanonicalOrderOptions {
  /** Weight of every arc, aligned with `graph.out.targets` (see NetworkView.weights). */
  readonly weights?: Float64Array;
}

interface Rows {
  readonly start: Int32Array;
  readonly targets: Int32Array;
  /** Rank of each arc's weight among the distinct weights (0 when unweighted). */
  readonly rank: Int32Array;
}

/** order[p] = the node at canonical position p. */
export function canonicalOrder(graph: CsrGraph, options: CanonicalOrderOptions = {}): Int32Array {
  const n = graph.n;
  const { out, inn } = compactRows(graph, options.weights);
  const comps = components(out, inn, n);
  if (comps.length <= 1) return orderRows(out, inn);
  // Component by component: each is ordered on its own, then the components are sorted by their
  // ordered form. Isomorphic components tie, and exchanging them is an automorphism, so their
  // relative (index) order cannot matter. Disjoint copies thus cost no individualisation.
  let ranks = 1;
  for (const r of out.rank) if (r + 1 > ranks) ranks = r + 1;
  const placed = comps.map((nodes) => {
    const local = restrict(out, nodes);
    const localIn = inn ? restrict(inn, nodes) : null;
    const order = orderRows(local, localIn);
    return { nodes: Int32Array.from(order, (q) => nodes[q]), key: orderedForm(local, order, ranks) };
  });
  placed.sort((a, b) => a.nodes.length - b.nodes.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const order = new Int32Array(n);
  let p = 0;
  for (const c of placed) for (const v of c.nodes) order[p++] = v;
  return order;
}

/** The canonical order of the graph held in `out` (and `inn`): the refinement loop of the banner. */
function orderRows(out: Rows, inn: Rows | null): Int32Array {
  const n = out.start.length - 1;
  const part = new OrderedPartition(n);
  if (n === 0) return part.el;
  part.refine(out, inn, [0]);
  while (part.cells < n) {
    if (part.splitTwins(out, inn)) continue;
    part.refine(out, inn, part.individualise());
  }
  return part.el;
}

/**
 * An ordered partition of 0..n−1 into cells, each a run of positions in
 * `el`; a cell is named by its first position. Positions, never node
 * numbers, decide the order in which cells are split and processed, so the
 * result is the same for any numbering (up to the choices of the banner).
 */
class OrderedPartition {
  /** Node at each position. */
  readonly el: Int32Array;
  readonly pos: Int32Array;
  /** Cell (first position) of each node. */
  readonly cellOf: Int32Array;
  /** End (exclusive) of the cell starting at each position. */
  readonly end: Int32Array;
  cells: number;
  private readonly queued: Uint8Array;
  private count: Int32Array | undefined;
  private ranks: number[][] | undefined;

  constructor(n: number) {
    this.el = Int32Array.from({ length: n }, (_, i) => i);
    this.pos = Int32Array.from({ length: n }, (_, i) => i);
    this.cellOf = new Int32Array(n);
    this.end = new Int32Array(n);
    if (n > 0) this.end[0] = n;
    this.cells = n > 0 ? 1 : 0;
    this.queued = new Uint8Array(n);
  }

  /**
   * Colour refinement from the splitter cells `queue`: every cell is split
   * by how its members link to a splitter (the sorted weight ranks of their
   * arcs into it; out- and in-arcs apart on a directed graph) until no cell
   * splits. Parts are placed in key order; a split cell that was waiting
   * is replaced by all its parts, otherwise all but its largest part are
   * queued (Hopcroft's rule), so a full refinement costs O(m log n) steps.
   */
  refine(out: Rows, inn: Rows | null, queue: number[]): void {
    for (const c of queue) this.queued[c] = 1;
    const passes: Rows[] = inn ? [inn, out] : [out];
    let weighted = false;
    for (const r of out.rank) if (r > 0) weighted = true;
    const n = this.el.length;
    // Scratch reused across calls (individualisation refines many times): all zero / empty between passes.
    this.count ??= new Int32Array(n);
    const count = this.count;
    const ranks: number[][] = weighted ? (this.ranks ??= Array.from({ length: n }, () => [])) : [];
    const touched: number[] = [];
    // Key of a node for the current splitter: its arc count, or its sorted weight ranks as text.
    const keyOf = weighted ? (v: number): string => ranks[v].sort((x, y) => x - y).join(',') : (v: number): number => count[v];
    for (let head = 0; head < queue.length; head++) {
      const splitter = queue[head];
      this.queued[splitter] = 0;
      const members = this.el.slice(splitter, this.end[splitter]);
      for (const rows of passes) {
        // Arcs between the splitter and w, found through the splitter's rows of the other direction.
        for (const s of members) {
          for (let p = rows.start[s]; p < rows.start[s + 1]; p++) {
            const w = rows.targets[p];
            if (count[w]++ === 0) touched.push(w);
            if (weighted) ranks[w].push(rows.rank[p]);
          }
        }
        const cells = [...new Set(touched.map((w) => this.cellOf[w]))].sort((x, y) => x - y);
        for (const cell of cells) this.split(cell, keyOf, queue);
        for (const w of touched) {
          count[w] = 0;
          if (weighted) ranks[w].length = 0;
        }
        touched.length = 0;
      }
    }
  }

  /** Split `cell` by the members' keys (no arc: count 0, empty text, the lowest); queue the new parts. */
  private split(cell: number, keyOf: (v: number) => number | string, queue: number[]): void {
    const end = this.end[cell];
    if (end - cell < 2) return;
    const members = Array.from(this.el.subarray(cell, end), (v) => ({ v, k: keyOf(v) }));
    const first = members[0].k;
    if (members.every((m) => m.k === first)) return;
    // Stable sort: equal keys keep their positions' order.
    members.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
    const wasQueued = this.queued[cell] === 1;
    const parts: Array<[number, number]> = [];
    let runStart = cell;
    for (let i = 0; i < members.length; i++) {
      const p = cell + i;
      this.el[p] = members[i].v;
      this.pos[members[i].v] = p;
      if (i > 0 && members[i - 1].k !== members[i].k) {
        parts.push([runStart, p]);
        runStart = p;
      }
    }
    parts.push([runStart, end]);
    this.cells += parts.length - 1;
    for (const [s, e] of parts) {
      this.end[s] = e;
      for (let p = s; p < e; p++) this.cellOf[this.el[p]] = s;
    }
    let skip = -1;
    if (!wasQueued) {
      skip = parts[0][0];
      let size = parts[0][1] - parts[0][0];
      for (const [s, e] of parts) {
        if (e - s > size) {
          size = e - s;
          skip = s;
        }
      }
    }
    for (const [s] of parts) {
      if (s === skip || this.queued[s] === 1) continue;
      this.queued[s] = 1;
      queue.push(s);
    }
  }

  /**
   * Every cell of pairwise twins split into singletons in node order (any
   * order is an automorphism image of any other); false if there is none.
   * Twins' neighbours link to all of them or none, so nothing else splits.
   */
  splitTwins(out: Rows, inn: Rows | null): boolean {
    let ranks = 1;
    for (const r of out.rank) if (r + 1 > ranks) ranks = r + 1;
    let any = false;
    for (let c = 0; c < this.el.length; c = this.end[c]) {
      const e = this.end[c];
      if (e - c < 2) continue;
      const members = this.el.subarray(c, e);
      if (!allTwins(out, inn, members, this.cellOf, ranks)) continue;
      const cell = Array.from(members).sort((x, y) => x - y);
      any = true;
      cell.forEach((v, i) => {
        const p = c + i;
        this.el[p] = v;
        this.pos[v] = p;
        this.cellOf[v] = p;
        this.end[p] = p + 1;
      });
      this.cells += cell.length - 1;
    }
    return any;
  }

  /** The lowest-numbered node of the first cell with several members gets a cell of its own; returns the cells to refine from. */
  individualise(): number[] {
    let c = 0;
    while (this.end[c] - c < 2) c = this.end[c];
    const e = this.end[c];
    let chosen = this.el[c];
    for (let p = c + 1; p < e; p++) if (this.el[p] < chosen) chosen = this.el[p];
    // Move it to the front of its cell, keeping the others' order.
    let p = this.pos[chosen];
    for (; p > c; p--) {
      this.el[p] = this.el[p - 1];
      this.pos[this.el[p]] = p;
    }
    this.el[c] = chosen;
    this.pos[chosen] = c;
    this.end[c] = c + 1;
    this.end[c + 1] = e;
    for (let q = c + 1; q < e; q++) this.cellOf[this.el[q]] = c + 1;
    this.cells++;
    return [c];
  }
}

/** Weakly connected components, each as its nodes in index order; components ordered by lowest node. */
function components(out: Rows, inn: Rows | null, n: number): Int32Array[] {
  const comp = new Int32Array(n).fill(-1);
  const list: Int32Array[] = [];
  const queue = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (comp[s] >= 0) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    comp[s] = list.length;
    while (head < tail) {
      const v = queue[head++];
      for (const rows of inn ? [out, inn] : [out]) {
        for (let p = rows.start[v]; p < rows.start[v + 1]; p++) {
          const w = rows.targets[p];
          if (comp[w] < 0) {
            comp[w] = list.length;
            queue[tail++] = w;
          }
        }
      }
    }
    list.push(queue.slice(0, tail).sort());
  }
  return list;
}

/** Rows of the subgraph on `nodes` (ascending), renumbered 0..k−1 in that order. */
function restrict(rows: Rows, nodes: Int32Array): Rows {
  const k = nodes.length;
  const local = new Map<number, number>();
  nodes.forEach((v, i) => local.set(v, i));
  const start = new Int32Array(k + 1);
  for (let i = 0; i < k; i++) start[i + 1] = start[i] + rows.start[nodes[i] + 1] - rows.start[nodes[i]];
  const targets = new Int32Array(start[k]);
  const rank = new Int32Array(start[k]);
  for (let i = 0; i < k; i++) {
    let q = start[i];
    for (let p = rows.start[nodes[i]]; p < rows.start[nodes[i] + 1]; p++, q++) {
      targets[q] = local.get(rows.targets[p])!;
      rank[q] = rows.rank[p];
    }
  }
  return { start, targets, rank };
}

/** The ordered graph as text: each position's sorted (position, weight rank) codes; equal for isomorphic orderings only. */
function orderedForm(rows: Rows, order: Int32Array, ranks: number): string {
  const pos = new Int32Array(order.length);
  order.forEach((v, p) => (pos[v] = p));
  const parts: string[] = [];
  for (let p = 0; p < order.length; p++) {
    const v = order[p];
    const codes: number[] = [];
    for (let q = rows.start[v]; q < rows.start[v + 1]; q++) codes.push(pos[rows.targets[q]] * ranks + rows.rank[q]);
    parts.push(codes.sort((a, b) => a - b).join(','));
  }
  return parts.join(';');
}

/** Out rows (and in rows when directed) as packed arrays with weight ranks. */
function compactRows(graph: CsrGraph, weights: Float64Array | undefined): { out: Rows; inn: Rows | null } {
  const n = graph.n;
  const o = graph.out;
  let m = 0;
  for (let i = 0; i < n; i++) m += o.deg[i];
  const start = new Int32Array(n + 1);
  const targets = new Int32Array(m);
  const w = new Float64Array(m);
  for (let i = 0, p = 0; i < n; i++) {
    start[i] = p;
    for (let k = o.start[i], e = k + o.deg[i]; k < e; k++, p++) {
      targets[p] = o.targets[k];
      w[p] = weights ? weights[k] : 0;
    }
  }
  start[n] = m;
  const rank = new Int32Array(m);
  if (weights) {
    const distinct = Float64Array.from(new Set(w)).sort();
    const index = new Map<number, number>();
    distinct.forEach((x, r) => index.set(x, r));
    for (let p = 0; p < m; p++) rank[p] = index.get(w[p])!;
  }
  const out: Rows = { start, targets, rank };
  if (!graph.directed) return { out, inn: null };
  // Transpose with the ranks carried along.
  const inStart = new Int32Array(n + 1);
  for (let p = 0; p < m; p++) inStart[targets[p] + 1]++;
  for (let i = 0; i < n; i++) inStart[i + 1] += inStart[i];
  const fill = inStart.slice(0, n);
  const inTargets = new Int32Array(m);
  const inRank = new Int32Array(m);
  for (let u = 0; u < n; u++) {
    for (let p = start[u]; p < start[u + 1]; p++) {
      const q = fill[targets[p]]++;
      inTargets[q] = u;
      inRank[q] = rank[p];
    }
  }
  return { out, inn: { start: inStart, targets: inTargets, rank: inRank } };
}

/** Sorted (neighbour, weight rank) codes of v's row, leaving out the members of v's own class. */
function outsideCodes(rows: Rows, v: number, colour: Int32Array, ranks: number): string {
  const codes: number[] = [];
  const own = colour[v];
  for (let p = rows.start[v]; p < rows.start[v + 1]; p++) {
    const u = rows.targets[p];
    if (colour[u] !== own) codes.push(u * ranks + rows.rank[p]);
  }
  return codes.sort((a, b) => a - b).join(',');
}

/**
 * Whether every permutation of `cell` is an automorphism: all members have
 * the same neighbours outside the cell with the same weights, and inside the
 * cell they are either pairwise unlinked (open twins) or all linked both
 * ways with one weight (closed twins, a clique).
 */
function allTwins(out: Rows, inn: Rows | null, cell: ArrayLike<number>, colour: Int32Array, ranks: number): boolean {
  const size = cell.length;
  const rowsOf = inn ? [out, inn] : [out];
  const first = rowsOf.map((r) => outsideCodes(r, cell[0], colour, ranks)).join('|');
  let inside = -1;
  let intraRank = -1;
  for (let i = 0; i < size; i++) {
    const v = cell[i];
    if (rowsOf.map((r) => outsideCodes(r, v, colour, ranks)).join('|') !== first) return false;
    let links = 0;
    for (let p = out.start[v]; p < out.start[v + 1]; p++) {
      const u = out.targets[p];
      if (colour[u] !== colour[v]) continue;
      if (u === v) return false; // a self-loop on some members only would break the symmetry; keep it simple
      links++;
      if (intraRank === -1) intraRank = out.rank[p];
      else if (out.rank[p] !== intraRank) return false;
    }
    if (inside === -1) inside = links;
    else if (links !== inside) return false;
  }
  return inside === 0 || inside === size - 1;
}
