/**
 * The sock-puppet audit (experiments/ranker-audit.ts) and puppets at the
 * scenario and experiment level: the puppets follow the same accounts in
 * every arm and never drift; feeds.csv has one row per logged item with
 * its provenance, and is absent for experiments without puppets (their
 * tables unchanged); the outcomes agree with a recount of the log; arms
 * may bring a user-defined ranker; bad puppet declarations are refused.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/define-experiment.js';
import { executeRun } from '../../src/experiment/execute-run.js';
import type { ExperimentDefinition, RunResult } from '../../src/experiment/experiment-types.js';
import { feedsTable } from '../../src/runner/result-tables.js';
import { runRecordProblem } from '../../src/runner/run-record-problem.js';
import { decodeRun, encodeRun } from '../../src/runner/runs-log.js';
import { buildTables } from '../../src/runner/write-results.js';
import { buildScenario, defineScenario, runPaired } from '../../src/sim/platform/scenario.js';
import rankerAudit from '../../experiments/ranker-audit.js';
import readCaps from '../../experiments/read-caps.js';

function runs(def: ExperimentDefinition, count: number): RunResult[] {
  const resolved = resolveExperiment(def, { quick: true, checkInit: false });
  return resolved.runs.slice(0, count).map((r) => executeRun(resolved, r));
}

const layout = { varyKeys: ['arm'], finalColumns: [] };

describe('ranker-audit', () => {
  it('puppets follow the same 30 accounts in every arm, keep their opinions, and the outcomes recount the log', () => {
    const paired = runPaired(rankerAudit, 'audit-test', ['chronological', 'similarity'], { quick: true });
    const follows = (run: (typeof paired)[string], i: number): number[] => {
      const out = run.platform.world.graph.out;
      return Array.from(out.targets.subarray(out.start[i], out.start[i] + out.deg[i])).sort((a, b) => a - b);
    };
    const chrono = paired.chronological;
    const accounts = chrono.platform.puppets.map((p) => p.account);
    expect(new Set(accounts).size).toBe(3);
    const shared = follows(chrono, accounts[0]);
    expect(shared).toHaveLength(30);
    for (const run of Object.values(paired)) {
      expect(run.platform.puppets.map((p) => p.account)).toEqual(accounts);
      for (const p of run.platform.puppets) {
        expect(follows(run, p.account)).toEqual(shared);
        expect(run.platform.world.agents.opinion[p.account]).toBe(p.opinion);
      }
      const log = run.platform.feedLog!;
      // Recount: items and false share of the left puppet.
      const left = log.kind.map((k, r) => (k === 'left' ? r : -1)).filter((r) => r >= 0);
      expect(run.outcomes['puppet.left.items']).toBe(left.length);
      expect(run.outcomes['puppet.left.false-share']).toBeCloseTo(left.filter((r) => log.veracity[r] === 2).length / left.length, 12);
      expect(left.length).toBeGreaterThan(20);
    }
    // Reverse-chronological orders by time alone (the puppets follow the same accounts: only their sessions' timing
    // differs); the similarity ranker orders by the reader's opinion, so it pulls the left and right puppets' feeds apart.
    const gap = (r: (typeof paired)[string]): number => r.outcomes['puppet.right.mean-stance'] - r.outcomes['puppet.left.mean-stance'];
    expect(gap(paired.similarity)).toBeGreaterThan(gap(paired.chronological));
  });

  it('feeds table: one row per logged item, with provenance; absent without puppets', () => {
    const audit = runs({ id: 'audit', title: 'Audit', question: 'What is shown?', scenario: rankerAudit, replicates: 1, seed: 's', quick: { replicates: 1 } }, 2);
    const table = feedsTable(layout, audit);
    const logged = audit.reduce((n, r) => n + (r.feeds?.post.length ?? 0), 0);
    expect(logged).toBeGreaterThan(0);
    expect(table.rows).toBe(logged);
    expect(table.columns.map((c) => c.name)).toEqual(['run_index', 'run_name', 'seed_key', 'replicate', 'arm', 'time', 'puppet', 'puppet_kind', 'position', 'post', 'author', 'stance', 'veracity', 'score']);
    const col = (name: string) => table.columns.find((c) => c.name === name)!.values;
    const first = audit[0].feeds!;
    expect(col('post').slice(0, first.post.length)).toEqual(first.post);
    expect(col('veracity').slice(0, first.post.length)).toEqual(first.veracity.map((v) => ['none', 'true', 'false'][v]));
    expect(col('puppet_kind').slice(0, first.post.length)).toEqual(first.kind);
    expect(buildTables(layout, audit).map((t) => t.name)).toEqual(['final', 'series', 'cascades', 'trees', 'feeds']);
    const plain = runs({ id: 'plain', title: 'Plain', question: 'Caps?', scenario: readCaps, replicates: 1, seed: 's', quick: { replicates: 1 } }, 1);
    expect(plain[0].feeds).toBeUndefined();
    expect(buildTables(layout, plain).map((t) => t.name)).toEqual(['final', 'series', 'cascades', 'trees']);
  });
});

describe('feeds in runs.jsonl records', () => {
  it('a record with a feed log passes; a malformed one is refused with the field named', () => {
    const [r] = runs({ id: 'audit', title: 'Audit', question: 'What is shown?', scenario: rankerAudit, replicates: 1, seed: 's', quick: { replicates: 1 } }, 1);
    const record = decodeRun(encodeRun(r)) as Record<string, unknown> & { feeds: Record<string, unknown[]> };
    expect(runRecordProblem(record)).toBeNull();
    expect(runRecordProblem({ ...record, feeds: { ...record.feeds, post: record.feeds.post.slice(1) } })).toMatch(/`feeds\.post` is .*: expected an array of \d+ numbers/);
    expect(runRecordProblem({ ...record, feeds: { ...record.feeds, kind: [1] } })).toMatch(/`feeds\.kind` .*expected an array of strings/);
    expect(runRecordProblem({ ...record, feeds: [] })).toMatch(/`feeds` .*expected an object of columns/);
  });
});

describe('puppets and rankers in scenarios', () => {
  const base = {
    id: 'tiny-audit',
    title: 'Tiny audit',
    question: 'What is shown?',
    lookFor: 'rows',
    params: { agents: 200, durationHours: 6, activityPerHour: 1 },
    accounts: { watcher: { pick: 'random' as const } },
    outcomes: () => ({ x: 0 }),
    outcomeHelp: { x: 'nothing' },
  };

  it('an arm can bring a user-defined ranker, checked like the built-ins', () => {
    const scenario = defineScenario({
      ...base,
      puppets: { watcher: { kind: 'w', opinion: 0.2, sessionsPerHour: 2 } },
      arms: { oldest: { ranker: { name: 'oldest-first', description: 'Lower post ids first.', score: (_w, _i, post) => -post } }, chrono: {} },
    });
    const b = buildScenario(scenario, { seed: 1, arm: 'oldest' });
    expect(b.platform.customRanker?.name).toBe('oldest-first');
    b.finish();
    const log = b.platform.feedLog!;
    expect(log.post.length).toBeGreaterThan(0);
    // Within each feed, posts rise in id (oldest first).
    for (let r = 1; r < log.post.length; r++) if (log.position[r] > 0) expect(log.post[r]).toBeGreaterThan(log.post[r - 1]);
    expect(() => defineScenario({ ...base, arms: { bad: { ranker: { name: 'engagement', description: 'x', score: () => 0 } } } })).toThrow(/"engagement" is a built-in ranker/);
  });

  it('refuses puppets of unnamed accounts and bad puppet fields', () => {
    expect(() => defineScenario({ ...base, puppets: { nobody: { kind: 'a', opinion: 0 } } })).toThrow(/puppets.*nobody.*an account named in the scenario's `accounts` \("watcher"\)/);
    expect(() => defineScenario({ ...base, puppets: { watcher: { kind: 'a', opinion: 3 } } })).toThrow(/puppets\.watcher: opinion is 3; allowed: a number in \[-1, 1\]/);
  });
});
