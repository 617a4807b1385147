import type { CascadeTree } from '../../src/sim/cascade-record.js';

/** Why `tree` is not a valid cascade tree (entry 0 the only root, parents earlier, times finite and non-decreasing), or undefined. */
export function treeDefect(tree: CascadeTree, userCount: number): string | undefined {
  const n = tree.parent.length;
  if (tree.node.length !== n || tree.time.length !== n) return 'array lengths differ';
  if (n === 0) return 'empty tree';
  if (tree.parent[0] !== -1) return 'entry 0 is not a root';
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(tree.time[i])) return `time[${i}] not finite`;
    if (!(tree.node[i] >= 0 && tree.node[i] < userCount)) return `node[${i}] out of range`;
    if (i === 0) continue;
    const p = tree.parent[i];
    if (!(p >= 0 && p < i)) return `parent[${i}] = ${p} is not an earlier entry`;
    if (tree.time[i] < tree.time[p]) return `time[${i}] before its parent's`;
    if (tree.time[i] < tree.time[i - 1]) return `time[${i}] before time[${i - 1}]`;
  }
  return undefined;
}
