/**
 * A graph as two parallel arrays of node indices: what generators produce
 * and what `CsrGraph.fromEdgeList` consumes. Nodes are 0..n−1. For a follow
 * network, `src[e] → dst[e]` means "src follows dst".
 */
export interface EdgeList {
  readonly n: number;
  readonly directed: boolean;
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Number of edges used (src/dst may be longer, e.g. over-allocated by a generator). */
  readonly m: number;
}

/** A growable edge list for generators that do not know their edge count in advance. */
export class EdgeListBuilder {
  private src: Int32Array;
  private dst: Int32Array;
  m = 0;

  constructor(readonly n: number, readonly directed: boolean, capacity = 1024) {
    this.src = new Int32Array(Math.max(16, capacity));
    this.dst = new Int32Array(Math.max(16, capacity));
  }

  push(u: number, v: number): void {
    if (this.m === this.src.length) {
      const size = Math.ceil(this.src.length * 1.5);
      const s = new Int32Array(size);
      const d = new Int32Array(size);
      s.set(this.src);
      d.set(this.dst);
      this.src = s;
      this.dst = d;
    }
    this.src[this.m] = u;
    this.dst[this.m] = v;
    this.m++;
  }

  build(): EdgeList {
    return { n: this.n, directed: this.directed, src: this.src, dst: this.dst, m: this.m };
  }
}
