/**
 * Platform simulator throughput and memory, printed, never asserted. Budgets
 * (issue: platform simulator), at 1,000,000 agents and 20,000,000 follow
 * edges with a feed of 20: reverse-chronological feeds ≥ 500,000 sessions
 * (agent activations) per second per core (aim 1,000,000); engagement-ranked
 * feeds ≥ 200,000; a simulated day (24 h of 60-minute ticks, 10 % hourly
 * activity) finishes, with its wall time and peak memory (aim ≤ 2 GB).
 *
 * One world serves every figure: a day of reverse-chronological feeds with
 * the daily rhythm (sessions/s measured after a warm-up of WARMUP_HOURS
 * simulated hours, when feeds have content); then a timeline event switches
 * the ranker to engagement and the rhythm off (so every tick has about
 * 100,000 sessions, as by day), and after ENGAGEMENT_WARMUP_HOURS more the
 * engagement-ranked figure is measured over MEASURE_HOURS. Sessions/s is
 * sessions over the wall time of whole ticks: activation, the sessions,
 * moderation and observation all count.
 *
 * Run alone: `npx tsx bench/platform-bench.ts [--agents N] [--follows M]
 * [--only platform-world,platform-chronological,platform-engagement,platform-day]`;
 * bench/run.ts imports `runPlatformBench`.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Rng } from '../src/model/rng.js';
import { createAgents } from '../src/sim/platform/agents.js';
import { Platform, createPlatform } from '../src/sim/platform/platform.js';
import type { TimelineEvent } from '../src/sim/platform/timeline.js';

export interface PlatformBenchOptions {
  readonly agents: number;
  readonly followsPerAccount: number;
  /**
   * Which figures to print: 'platform' for all, or any of
   * 'platform-world', 'platform-chronological', 'platform-engagement',
   * 'platform-day'. All when absent.
   */
  readonly only?: Set<string>;
}

const WARMUP_HOURS = 6;
const ENGAGEMENT_WARMUP_HOURS = 2;
const MEASURE_HOURS = 4;
const FEED_SIZE = 20;
const MB = 1024 * 1024;

const fmt = (x: number, digits = 2): string => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const now = (): number => performance.now();

function report(what: string, figure: string, budget: string): void {
  console.log(`  ${what}: ${figure}${budget ? `   (budget ${budget})` : ''}`);
}

/** Typed-array bytes of the graph, the accounts and the posts. */
function worldBytes(p: Platform): { graph: number; agents: number; posts: number; index: number } {
  const w = p.world;
  return {
    graph: w.graph.bytes(),
    agents: w.agents.bytes(),
    posts: w.posts.bytes(),
    index: w.latest.byteLength + w.trending.byteLength,
  };
}

export function runPlatformBench(options: PlatformBenchOptions): void {
  const { agents, followsPerAccount } = options;
  const only = options.only;
  const all = only === undefined || only.has('platform');
  const want = (name: string): boolean => all || only!.has(`platform-${name}`);
  if (!['world', 'chronological', 'engagement', 'day'].some(want)) return;

  console.log(`platform: ${fmt(agents)} agents × ${followsPerAccount} follows (Price preferential attachment), feed ${FEED_SIZE}, 60-minute ticks, 0.1 sessions/h`);
  let peakRss = process.memoryUsage().rss;
  const sample = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };

  // The ranker switches to engagement once the chronological day is over.
  const timeline: TimelineEvent[] = [{ at: 24, type: 'set', params: { ranker: 'engagement', dailyRhythm: false } }];
  const t0 = now();
  const platform = createPlatform(
    {
      agents,
      followsPerAccount,
      network: 'preferential-attachment',
      ranker: 'chronological',
      feedSize: FEED_SIZE,
      tickMinutes: 60,
      durationHours: 24,
      activityPerHour: 0.1,
    },
    { seed: 'bench/platform', timeline },
  );
  const createS = (now() - t0) / 1000;
  sample();
  if (want('world')) {
    const w = platform.world;
    const t1 = now();
    createAgents(w.params, w.graph, new Rng('bench/platform/agents-again'), null);
    const agentsS = (now() - t1) / 1000;
    report('world creation (network, CSR, accounts)', `${fmt(createS)} s, of which accounts ${fmt(agentsS)} s; ${fmt(w.graph.m)} follow edges`, '');
  }

  // Day of chronological feeds, one tick at a time.
  const perTick: Array<{ hour: number; sessions: number; views: number; seconds: number }> = [];
  const runTicks = (hours: number): void => {
    for (let h = 0; h < hours; h++) {
      const before = platform.totals.activations;
      const viewsBefore = platform.totals.views;
      const t = now();
      platform.tick();
      const seconds = (now() - t) / 1000;
      perTick.push({ hour: platform.now / 60, sessions: platform.totals.activations - before, views: platform.totals.views - viewsBefore, seconds });
      sample();
    }
  };
  const dayStart = now();
  runTicks(24);
  const dayS = (now() - dayStart) / 1000;
  const steady = perTick.filter((x) => x.hour > WARMUP_HOURS);
  const rate = (rows: typeof perTick): number => rows.reduce((s, x) => s + x.sessions, 0) / rows.reduce((s, x) => s + x.seconds, 0);
  if (want('chronological')) {
    const sessions = steady.reduce((s, x) => s + x.sessions, 0);
    const views = steady.reduce((s, x) => s + x.views, 0);
    report(
      `chronological feed of ${FEED_SIZE}, sessions/s (hours ${WARMUP_HOURS}–24)`,
      `${fmt(rate(steady), 0)} /s over ${fmt(sessions)} sessions; ${fmt(views / sessions, 1)} posts shown per session`,
      '≥ 500,000 /s, aim 1,000,000',
    );
  }
  if (want('day')) {
    const b = worldBytes(platform);
    const total = b.graph + b.agents + b.posts + b.index;
    report(
      'simulated day (24 h, 10 % hourly activity, daily rhythm)',
      `${fmt(dayS)} s wall, ${fmt(platform.totals.activations)} sessions, ${fmt(platform.world.posts.count)} posts`,
      'finishes',
    );
    report('peak memory (RSS, world creation included)', `${fmt(peakRss / MB, 0)} MB`, 'aim ≤ 2 GB');
    report(
      'typed arrays after the day',
      `${fmt(total / MB, 0)} MB = graph ${fmt(b.graph / MB, 0)} + accounts ${fmt(b.agents / MB, 0)} + posts ${fmt(b.posts / MB, 0)} + feed index ${fmt(b.index / MB, 0)}`,
      '',
    );
  }
  if (want('engagement')) {
    runTicks(ENGAGEMENT_WARMUP_HOURS);
    const from = perTick.length;
    runTicks(MEASURE_HOURS);
    const rows = perTick.slice(from);
    const sessions = rows.reduce((s, x) => s + x.sessions, 0);
    const views = rows.reduce((s, x) => s + x.views, 0);
    const h0 = 24 + ENGAGEMENT_WARMUP_HOURS;
    report(
      `engagement-ranked feed of ${FEED_SIZE}, sessions/s (hours ${h0}–${h0 + MEASURE_HOURS}, no rhythm)`,
      `${fmt(rate(rows), 0)} /s over ${fmt(sessions)} sessions; ${fmt(views / sessions, 1)} posts shown per session`,
      '≥ 200,000 /s',
    );
  }
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const onlyIdx = process.argv.indexOf('--only');
  const only = onlyIdx >= 0 ? new Set(process.argv[onlyIdx + 1].split(',')) : undefined;
  console.log(`echolab platform bench — Node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown CPU'})`);
  runPlatformBench({ agents: arg('agents', 1_000_000), followsPerAccount: arg('follows', 20), only });
}
