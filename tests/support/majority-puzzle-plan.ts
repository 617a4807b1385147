/**
 * A winning play of the "make the minority look like the majority" puzzle,
 * worked out from the structural rule alone (Lerman et al.: an account is
 * fooled when more than half of whom it follows are red): fool the accounts
 * that need the fewest edits first. An account following d accounts of which
 * h are red needs d − 2h + 1 edits (unfollow a blue, or follow a red).
 *
 * Applies the edits to `session` through its editFollow (so each must be
 * accepted) and returns them, so that a test can replay them elsewhere (in
 * the browser) and expect the same win.
 */
import { expect } from 'vitest';
import type { DemoSession } from '../../src/viz/engine/demo-session.js';

export function winningFollowEdits(s: DemoSession): Array<[number, number]> {
  const edits: Array<[number, number]> = [];
  const g = s.platform.graph;
  const red = Int32Array.from(s.platform.world.agents.opinion, (x) => (x > 0 ? 1 : 0));
  const reds = [...red.keys()].filter((i) => red[i] === 1);
  const plan = [...Array(g.n).keys()]
    .map((i) => {
      const row = Array.from(g.out.row(i));
      const h = row.filter((v) => red[v] === 1).length;
      return { i, row, h, cost: row.length === 0 ? 1 : row.length - 2 * h + 1, fooled: row.length > 0 && h > row.length / 2 };
    })
    .filter((x) => !x.fooled)
    .sort((a, b) => a.cost - b.cost || a.i - b.i);
  for (const { i, row, h } of plan) {
    if (s.puzzleStatus()!.won) break;
    let d = row.length;
    let hh = h;
    const blues = row.filter((v) => red[v] === 0);
    while (!(d > 0 && hh > d / 2)) {
      const to = blues.length > 0 && hh > 0 ? blues.pop()! : reds.find((v) => v !== i && !s.platform.graph.out.has(i, v))!;
      const r = s.editFollow(i, to);
      expect(r.ok).toBe(true);
      edits.push([i, to]);
      if (r.following) {
        hh++;
        d++;
      } else d--;
    }
  }
  return edits;
}
