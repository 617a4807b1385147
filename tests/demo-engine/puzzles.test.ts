import { describe, expect, it } from 'vitest';
import { DemoSession } from '../../src/viz/engine/demo-session.js';
import { listPuzzles, puzzleDefinition } from '../../src/viz/engine/puzzles.js';
import { listPresets } from '../../src/viz/engine/demo-presets.js';
import { ParamError } from '../../src/model/errors.js';
import { winningFollowEdits } from '../support/majority-puzzle-plan.js';

function start(id: string, params: Record<string, string | number | boolean> = {}): DemoSession {
  return DemoSession.create({ preset: 'echo-chambers', arm: null, seed: 'ignored', params }, id).session;
}

function runToEnd(s: DemoSession): void {
  while (!s.done) s.step(25);
}

describe('puzzle list', () => {
  it('has at least three puzzles, each with English and French texts, on a known preset', () => {
    const puzzles = listPuzzles();
    expect(puzzles.length).toBeGreaterThanOrEqual(3);
    const presets = listPresets().map((p) => p.id);
    for (const p of puzzles) {
      expect(presets).toContain(p.preset);
      for (const field of ['title', 'goal', 'hint'] as const) {
        expect(p[field].en.length).toBeGreaterThan(10);
        expect(p[field].fr.length).toBeGreaterThan(10);
        expect(p[field].fr).not.toBe(p[field].en);
      }
    }
    expect(() => puzzleDefinition('nope')).toThrow(ParamError);
  });
});

describe('fool-the-majority (structural majority illusion by follow edits)', () => {
  it('is lost at the start', () => {
    const s = start('fool-the-majority');
    const st = s.puzzleStatus()!;
    expect(st.won).toBe(false);
    expect(st.value).toBeLessThan(0.5);
    expect(s.platform.world.agents.n).toBe(30);
  });

  it('is won within the edit budget by fooling the cheapest accounts first', () => {
    const s = start('fool-the-majority');
    expect([...s.platform.world.agents.opinion].filter((x) => x > 0).length).toBe(6);
    const edits = winningFollowEdits(s);
    expect(edits.length).toBeGreaterThan(0);
    const st = s.puzzleStatus()!;
    expect(st.won).toBe(true);
    expect(st.value).toBeGreaterThan(0.5);
    expect(s.budgetLeft).toBeGreaterThanOrEqual(0);
  });

  it('refuses edits beyond the budget, self-follows and unknown accounts', () => {
    const s = start('fool-the-majority');
    expect(s.editFollow(3, 3).ok).toBe(false);
    expect(s.editFollow(0, 99).ok).toBe(false);
    const budget = s.budgetLeft;
    // Follow then unfollow the same account: two edits, network unchanged.
    const before = s.platform.graph.out.has(0, 1);
    for (let k = 0; k < budget; k++) expect(s.editFollow(0, 1).ok).toBe(true);
    expect(s.platform.graph.out.has(0, 1)).toBe(budget % 2 === 0 ? before : !before);
    const r = s.editFollow(0, 1);
    expect(r.ok).toBe(false);
    expect(r.budgetLeft).toBe(0);
  });

  it('edits are refused outside a puzzle that allows them', () => {
    const s = DemoSession.create({ preset: 'majority-illusion', arm: null, seed: '1', params: { agents: 100 } }).session;
    expect(s.editFollow(0, 1).ok).toBe(false);
    expect(start('stop-the-hoax').editFollow(0, 1).ok).toBe(false);
  });
});

describe('stop-the-hoax (ranker only)', () => {
  it('is lost with the starting ranker (bridging)', () => {
    const lost = start('stop-the-hoax');
    expect(lost.info.params.ranker).toBe('bridging');
    runToEnd(lost);
    expect(lost.puzzleStatus()!.won).toBe(false);
    expect(lost.puzzleStatus()!.value).toBeGreaterThan(0.45);
  });

  it('is won with the chronological ranker', () => {
    const won = start('stop-the-hoax', { ranker: 'chronological' });
    expect(won.info.params.ranker).toBe('chronological');
    runToEnd(won);
    expect(won.puzzleStatus()!.value).toBeLessThan(0.45);
    expect(won.puzzleStatus()!.won).toBe(true);
  });

  it('locks every parameter but the ranker, and is only judged at the end', () => {
    const { session, problems } = DemoSession.create({ preset: 'x', arm: null, seed: 'x', params: { ranker: 'chronological', credulity: 0 } }, 'stop-the-hoax');
    expect(problems.map((p) => p.field)).toEqual(['credulity']);
    expect(session.info.params.credulity).not.toBe(0);
    expect(session.config.params).toEqual({ ranker: 'chronological' });
    session.step(3);
    expect(session.puzzleStatus()!.won).toBe(false);
  });
});

describe('keep-them-talking (ranker and recommender only)', () => {
  it('is lost at the starting settings', () => {
    const lost = start('keep-them-talking');
    expect(lost.info.params.feedSize).toBe(5);
    runToEnd(lost);
    expect(lost.puzzleStatus()!.won).toBe(false);
    expect(lost.puzzleStatus()!.value).toBeGreaterThan(0.5);
  });

  it('is won with the bridging ranker', () => {
    const won = start('keep-them-talking', { ranker: 'bridging' });
    runToEnd(won);
    expect(won.puzzleStatus()!.value).toBeLessThan(0.5);
    expect(won.puzzleStatus()!.won).toBe(true);
  });
});
