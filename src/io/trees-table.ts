/**
 * `trees.csv` of an `echolab import` folder: the cleaned cascade trees, one
 * row per entry, so the folder can be read back as an archive
 * (read-imported-archive.ts) without the raw data:
 *   cascade  the cascade's id, exactly as in cascades.csv's source_id column
 *            (a keyed pseudonym unless --keep-ids);
 *   node     the entry's index in its tree: 0 = root, in the tree's stored
 *            order, every parent before its children;
 *   parent   the parent entry's index, −1 for the root;
 *   delay    time since the root, in the archive's unit (minutes for
 *            Twitter15/16, Twitter v2 and ISO dates), written as csv-cell.ts
 *            writes numbers (shortest round trip, so it reads back exactly);
 *   account  which account the entry is, numbered within the cascade in
 *            order of first appearance (0 = the root's account). Not an id
 *            and not derived from one: it cannot be joined across cascades
 *            or to anything outside. It is there because an account can
 *            appear more than once in a cascade (a user replying twice), and
 *            top-k-reach-share counts per account: without it a tree read
 *            back would give another value.
 * Entries are kept in compact typed arrays as cascades arrive (a streamed
 * Twitter v2 import does not keep its trees), and the file is written in
 * chunks, so a large import never builds one huge string.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { CascadeTree } from '../sim/cascade-record.js';
import { csvNumber, csvText } from './csv-cell.js';

export const TREES_COLUMNS = ['cascade', 'node', 'parent', 'delay', 'account'] as const;

/** Bytes of text gathered before each write. */
const CHUNK = 1 << 20;

export class TreesTable {
  private ids: string[] = [];
  /** Entries of cascade k are [start[k], start[k + 1]). */
  private start: number[] = [0];
  private parent = new Int32Array(1024);
  private account = new Int32Array(1024);
  private delay = new Float64Array(1024);
  private size = 0;

  /** Entries stored so far. */
  get entries(): number {
    return this.size;
  }

  /** Adds one cascade's tree under `id` (the id written in cascades.csv). */
  add(id: string, tree: CascadeTree): void {
    const n = tree.parent.length;
    this.reserve(this.size + n);
    const local = new Map<number, number>();
    const t0 = n > 0 ? tree.time[0] : 0;
    for (let i = 0; i < n; i++) {
      const at = this.size + i;
      this.parent[at] = tree.parent[i];
      this.delay[at] = tree.time[i] - t0;
      let a = local.get(tree.node[i]);
      if (a === undefined) {
        a = local.size;
        local.set(tree.node[i], a);
      }
      this.account[at] = a;
    }
    this.size += n;
    this.ids.push(id);
    this.start.push(this.size);
  }

  /** Writes the table to `path` (replacing it). */
  write(path: string): void {
    const fd = openSync(path, 'w');
    try {
      let buf = `${TREES_COLUMNS.join(',')}\n`;
      for (let k = 0; k < this.ids.length; k++) {
        const id = csvText(this.ids[k]);
        const from = this.start[k];
        for (let e = from; e < this.start[k + 1]; e++) {
          buf += `${id},${e - from},${this.parent[e]},${csvNumber(this.delay[e])},${this.account[e]}\n`;
          if (buf.length >= CHUNK) {
            writeSync(fd, buf);
            buf = '';
          }
        }
      }
      writeSync(fd, buf);
    } finally {
      closeSync(fd);
    }
  }

  private reserve(n: number): void {
    if (n <= this.parent.length) return;
    let c = this.parent.length;
    while (c < n) c *= 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (c: number) => T): T => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.parent = grow(this.parent, (x) => new Int32Array(x));
    this.account = grow(this.account, (x) => new Int32Array(x));
    this.delay = grow(this.delay, (x) => new Float64Array(x));
  }
}
