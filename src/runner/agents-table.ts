/**
 * Agent-level data at chosen times (`echolab run --agents-at T,...`), as
 * Mesa's agent reporters and Agents.jl's `adata` give it: one row per run,
 * time and agent. Runs are deterministic, so each run is replayed in the
 * main process from its common-random-numbers key up to each time (as the
 * GEXF snapshots are, snapshots.ts), and nothing is kept in memory between
 * runs beyond the table itself.
 *
 * Columns: run_index, run_name, t (steps or hours; the time actually
 * reached when a zoo run stopped early), agent, group (the 0/1 attribute or
 * camp; empty if none), opinion (empty for models without one), followers
 * and following (in- and out-degree of the follow graph), and for platform
 * scenarios bot, tier (verified, unverified, new), suspended, muted, posts
 * (original posts and reshares authored so far) and sessions.
 */
import type { ResolvedExperiment } from '../experiment/define-experiment.js';
import type { RunSpec } from '../experiment/experiment-types.js';
import { ParamError } from '../model/errors.js';
import { TIER_NAMES } from '../sim/platform/agents.js';
import type { Cell, Column, Table } from './result-tables.js';
import { replayPlatform, replayRun } from './snapshots.js';

/** Rows above this are refused before any replay (a CSV of that size is not a table one opens). */
export const MAX_AGENT_ROWS = 20_000_000;

interface Columns {
  readonly [name: string]: { readonly type: Column['type']; readonly values: Cell[] };
}

function newColumns(scenario: boolean): Columns {
  const c = (type: Column['type']) => ({ type, values: [] as Cell[] });
  const base = { run_index: c('INT32'), run_name: c('STRING'), t: c('DOUBLE'), agent: c('INT32'), group: c('INT32'), opinion: c('DOUBLE'), followers: c('INT32'), following: c('INT32') };
  return scenario ? { ...base, bot: c('BOOLEAN'), tier: c('STRING'), suspended: c('BOOLEAN'), muted: c('BOOLEAN'), posts: c('INT32'), sessions: c('INT32') } : base;
}

/** The agents table of `runs` at `times` (sorted, as checkSnapshotTimes returns them). */
export function agentsTable(resolved: ResolvedExperiment, runs: readonly RunSpec[], times: readonly number[]): Table {
  const scenario = resolved.definition.scenario;
  const cols = newColumns(scenario !== undefined);
  let rows = 0;
  const push = (name: string, v: Cell): void => {
    cols[name].values.push(v);
  };
  const count = (): void => {
    if (++rows > MAX_AGENT_ROWS) throw new ParamError('echolab run', 'agents-at', times.join(','), `at most ${MAX_AGENT_ROWS.toLocaleString('en-US')} agent rows in all (fewer times, runs or agents)`);
  };
  for (const run of [...runs].sort((a, b) => a.index - b.index)) {
    if (scenario === undefined) {
      replayRun(resolved, run, times, (_t, reached, view) => {
        const g = view.graph;
        for (let i = 0; i < g.n; i++) {
          push('run_index', run.index);
          push('run_name', run.name);
          push('t', reached);
          push('agent', i);
          push('group', view.attribute ? view.attribute[i] : null);
          push('opinion', view.opinions ? view.opinions[i] : null);
          push('followers', g.inDegree(i));
          push('following', g.outDegree(i));
          count();
        }
      });
      continue;
    }
    replayPlatform(resolved, run, times, (_t, platform) => {
      const w = platform.world;
      const a = w.agents;
      const posts = new Int32Array(a.n);
      for (let p = 0; p < w.posts.count; p++) posts[w.posts.authorOf(p)]++;
      for (let i = 0; i < a.n; i++) {
        push('run_index', run.index);
        push('run_name', run.name);
        push('t', platform.now / 60);
        push('agent', i);
        push('group', a.group[i]);
        push('opinion', a.opinion[i]);
        push('followers', w.graph.inDegree(i));
        push('following', w.graph.outDegree(i));
        push('bot', a.bot[i] === 1);
        push('tier', TIER_NAMES[a.tier[i]] ?? String(a.tier[i]));
        push('suspended', a.suspended[i] === 1);
        push('muted', a.muted[i] === 1);
        push('posts', posts[i]);
        push('sessions', a.sessions[i]);
        count();
      }
    });
  }
  return { name: 'agents', columns: Object.entries(cols).map(([name, c]) => ({ name, type: c.type, values: c.values })), rows };
}
