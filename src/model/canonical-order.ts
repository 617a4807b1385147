/**
 * A node order derived from the graph itself, not from how its nodes were
 * numbered, so that a heuristic whose result depends on the order it visits
 * nodes (Louvain) gives the same answer for any relabelling of the same
 * network.
 *
 * Method (the individualisation–refinement scheme of graph canonisation
 * tools such as nauty, without their search tree):
 * 1. Colour refinement (1-dimensional Weisfeiler–Leman): every node starts
 *    with one colour; a round recolours each node by its colour and the
 *    sorted list of (neighbour colour, edge weight rank) over its out-
 *    and, on a directed graph, in-neighbours. New colours are the ranks of
 *    the sorted keys, so they do not depend on node numbers. Repeat until no
 *    colour class splits.
 * 2. A class whose members are all twins (the same neighbours with the same
 *    weights, adjacent to one another or not) is split in index order: any
 *    permutation of twins is an automorphism, so the choice cannot matter.
 * 3. Otherwise the lowest class with several members has its lowest-index
 *    member given a colour of its own, and refinement starts again.
 * The order is the nodes sorted by their final (all distinct) colours.
 * A graph of several (weakly) connected components is ordered component by
 * component, the components then sorted by size and ordered form, so that
 * disjoint copies of one structure need no individualisation.
 *
 * Guarantee: relabelling the graph gives the same ordered graph (hence the
 * same Louvain run) whenever every class split in step 3 is an orbit of the
 * automorphisms fixing the earlier choices, which holds for trees, for
 * graphs whose refinement ends discrete (almost all graphs) and for the
 * usual symmetric ones (cycles, stars, cliques, disjoint copies); it can
 * fail on specially built regular graphs, where a full canonical labelling
 * needs nauty's exponential search. Cost: O(r (n log n + m log m)) per
 * refinement of r rounds; twins (isolated nodes, leaves of one hub) cost no
 * extra refinement.
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
  let colour: Int32Array = new Int32Array(n);
  let classes = n > 0 ? 1 : 0;
  for (;;) {
    [colour, classes] = refine(out, inn, colour, classes);
    if (classes === n) break;
    const split = splitTwins(out, inn, colour, classes);
    if (split !== null) {
      [colour, classes] = split;
      continue;
    }
    [colour, classes] = individualise(colour);
  }
  const order = new Int32Array(n);
  for (let v = 0; v < n; v++) order[colour[v]] = v;
  return order;
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

/** Sorted (colour, rank) codes of row v, appended to `key` from `at`; returns the new length. */
function rowCodes(rows: Rows, v: number, colour: Int32Array, ranks: number, key: number[], at: number): number {
  const s = rows.start[v];
  const e = rows.start[v + 1];
  for (let p = s; p < e; p++) key[at + p - s] = colour[rows.targets[p]] * ranks + rows.rank[p];
  const part = key.slice(at, at + e - s).sort((a, b) => a - b);
  for (let i = 0; i < part.length; i++) key[at + i] = part[i];
  return at + e - s;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Colour refinement to a stable colouring; colours are 0..classes−1, ordered compatibly with the input colours. */
function refine(out: Rows, inn: Rows | null, colour: Int32Array, classes: number): [Int32Array, number] {
  const n = colour.length;
  let ranks = 1;
  for (const r of out.rank) if (r + 1 > ranks) ranks = r + 1;
  const nodes = Array.from({ length: n }, (_, v) => v);
  for (;;) {
    // key = [own colour, out codes…, −1, in codes…]; the separator keeps out- and in-rows apart.
    const keys: number[][] = new Array(n);
    for (let v = 0; v < n; v++) {
      const key: number[] = [colour[v]];
      let len = rowCodes(out, v, colour, ranks, key, 1);
      if (inn) {
        key[len++] = -1;
        len = rowCodes(inn, v, colour, ranks, key, len);
      }
      keys[v] = key;
    }
    nodes.sort((a, b) => compareKeys(keys[a], keys[b]) || a - b);
    const next = new Int32Array(n);
    let c = -1;
    for (let i = 0; i < n; i++) {
      if (i === 0 || compareKeys(keys[nodes[i - 1]], keys[nodes[i]]) !== 0) c++;
      next[nodes[i]] = c;
    }
    const count = c + 1;
    colour = next;
    if (count === classes) return [colour, count];
    classes = count;
  }
}

/** Members of each colour, lowest index first. */
function membersByColour(colour: Int32Array, classes: number): number[][] {
  const cells: number[][] = Array.from({ length: classes }, () => []);
  for (let v = 0; v < colour.length; v++) cells[colour[v]].push(v);
  return cells;
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
function allTwins(out: Rows, inn: Rows | null, cell: readonly number[], colour: Int32Array, ranks: number): boolean {
  const size = cell.length;
  const rowsOf = inn ? [out, inn] : [out];
  const first = rowsOf.map((r) => outsideCodes(r, cell[0], colour, ranks)).join('|');
  let inside = -1;
  let intraRank = -1;
  for (const v of cell) {
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

/**
 * Every class of pairwise twins split into singletons in index order; null
 * when no class with several members is one.
 */
function splitTwins(out: Rows, inn: Rows | null, colour: Int32Array, classes: number): [Int32Array, number] | null {
  let ranks = 1;
  for (const r of out.rank) if (r + 1 > ranks) ranks = r + 1;
  const cells = membersByColour(colour, classes);
  const twins = cells.map((cell) => cell.length > 1 && allTwins(out, inn, cell, colour, ranks));
  if (!twins.some((t) => t)) return null;
  const next = new Int32Array(colour.length);
  let c = 0;
  cells.forEach((cell, k) => {
    if (twins[k]) for (const v of cell) next[v] = c++;
    else {
      for (const v of cell) next[v] = c;
      c++;
    }
  });
  return [next, c];
}

/** The lowest-index member of the lowest class with several members gets a colour of its own, just before its class. */
function individualise(colour: Int32Array): [Int32Array, number] {
  const n = colour.length;
  const size = new Int32Array(n);
  for (let v = 0; v < n; v++) size[colour[v]]++;
  let target = 0;
  while (size[target] < 2) target++;
  let chosen = -1;
  for (let v = 0; v < n && chosen < 0; v++) if (colour[v] === target) chosen = v;
  const next = new Int32Array(n);
  for (let v = 0; v < n; v++) next[v] = colour[v] + (colour[v] > target || (colour[v] === target && v !== chosen) ? 1 : 0);
  let classes = 0;
  for (let v = 0; v < n; v++) if (next[v] + 1 > classes) classes = next[v] + 1;
  return [next, classes];
}
