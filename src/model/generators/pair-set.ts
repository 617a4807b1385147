/**
 * A set of node pairs (u, v) in open-addressing typed arrays: 8 bytes per
 * slot and no per-entry objects, so generators can test "does this edge
 * exist?" for millions of edges without a JavaScript Set of strings.
 * Pairs are ordered; callers that want unordered pairs pass (min, max).
 */
export class PairSet {
  private first: Int32Array;
  private second: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 16) {
    let slots = 16;
    while (slots < expected * 2) slots *= 2;
    this.first = new Int32Array(slots).fill(-1);
    this.second = new Int32Array(slots);
    this.mask = slots - 1;
  }

  has(u: number, v: number): boolean {
    const first = this.first;
    for (let s = slot(u, v, this.mask); ; s = (s + 1) & this.mask) {
      const f = first[s];
      if (f === -1) return false;
      if (f === u && this.second[s] === v) return true;
    }
  }

  /** Adds (u, v) with u, v ≥ 0; false if it was already there. */
  add(u: number, v: number): boolean {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const first = this.first;
    let s = slot(u, v, this.mask);
    for (; first[s] !== -1; s = (s + 1) & this.mask) {
      if (first[s] === u && this.second[s] === v) return false;
    }
    first[s] = u;
    this.second[s] = v;
    this.size++;
    return true;
  }

  private grow(): void {
    const oldFirst = this.first;
    const oldSecond = this.second;
    const slots = oldFirst.length * 2;
    this.first = new Int32Array(slots).fill(-1);
    this.second = new Int32Array(slots);
    this.mask = slots - 1;
    for (let i = 0; i < oldFirst.length; i++) {
      const u = oldFirst[i];
      if (u === -1) continue;
      let s = slot(u, oldSecond[i], this.mask);
      while (this.first[s] !== -1) s = (s + 1) & this.mask;
      this.first[s] = u;
      this.second[s] = oldSecond[i];
    }
  }
}

/** Multiplicative hashing of both halves, then a xor-shift to mix the high bits into the low ones. */
function slot(u: number, v: number, mask: number): number {
  let h = Math.imul(u, 0x9e3779b1) ^ Math.imul(v + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h & mask;
}
