/**
 * The state of one platform run: parameters, follow network (CSR), accounts
 * (struct of typed arrays) and posts (records), the clock, the per-author
 * lists of posts that feeds walk, the pool of trending posts that ranked feeds
 * recommend from, and the seeded streams every phase draws from.
 */
import { CsrGraph } from '../../model/csr-graph.js';
import { erdosRenyi } from '../../model/generators/erdos-renyi.js';
import { preferentialAttachment } from '../../model/generators/preferential-attachment.js';
import { stochasticBlockModel } from '../../model/generators/stochastic-block-model.js';
import { InputError } from '../../model/errors.js';
import { Rng } from '../../model/rng.js';
import { outletCatalogue, type OutletCatalogue } from './outlets.js';
import type { EdgeList } from '../../model/edge-list.js';
import { Agents, createAgents, drawGroups } from './agents.js';
import { languageModel, type LanguageModel } from './languages.js';
import { plantHubs } from './planted-hubs.js';
import type { PlatformParams } from './platform-params.js';
import { PostStore } from './post-store.js';

/** A feed considers at most this many of each followee's newest posts. */
export const RECENT_PER_AUTHOR = 8;
/** Size of the trending pool ranked feeds draw out-of-network candidates from. */
export const TRENDING_SIZE = 512;

export interface WorldStreams {
  readonly activation: Rng;
  readonly feed: Rng;
  readonly opinion: Rng;
  readonly engage: Rng;
  readonly post: Rng;
  readonly rewire: Rng;
  readonly moderation: Rng;
  readonly bots: Rng;
  readonly events: Rng;
  readonly observe: Rng;
  readonly backlash: Rng;
  /** The claim stream (`claimsPerHour`): arrivals, authors, stances, appeal, veracity. */
  readonly claims: Rng;
  /** Root attribution of reshares (`rootAttribution`). */
  readonly attribution: Rng;
  /** Outlet links (outlets.ts): whether an original links, and to which outlet. */
  readonly outlets: Rng;
}

export interface World {
  params: PlatformParams;
  readonly graph: CsrGraph;
  readonly agents: Agents;
  readonly posts: PostStore;
  /** 0/1 camp per account when the network has camps (two-camps), else null. */
  readonly camp: Int32Array | null;
  /** The planted hubs (`plantedHubs`), in order; empty without. */
  readonly hubs: readonly number[];
  /** Who reads which language (`groupLanguages`); null when language is not modelled. */
  readonly languages: LanguageModel | null;
  /** Minutes since the start. */
  now: number;
  ticks: number;
  readonly streams: WorldStreams;
  /**
   * Per author: its newest post id (−1: none). Each post's record links to
   * the same author's previous post, so an author's posts are a list,
   * newest first, that starts here: a feed skips a followee with nothing
   * new after one comparison (most followees, at a million accounts), and
   * reads the posts it shows from the records it needs anyway — no
   * separate index to miss in the cache.
   */
  latest: Int32Array;
  /** Ring of recently engaged-with posts (roots), for out-of-network candidates. */
  readonly trending: Int32Array;
  trendingHead: number;
  trendingFill: number;
  /** Whether any post is about an account (then sessions check for backlash; otherwise they skip the lookup). */
  hasTargets: boolean;
  /** Topic names: 0 is "general"; scenarios add "hoax", "brand", ... */
  readonly topics: string[];
  /** The news outlets posts may link to (outlets.ts; empty without `outlets`). */
  outlets: OutletCatalogue;
  /** Salt of the hash that says which accounts an intervention treats (interventions.ts), from the run's `interventions` fork. */
  readonly interventionSalt: number;
}

export interface WorldOptions {
  /** Stable key of the run: every stream is a fork of it. */
  readonly seed: string;
  /** The follow network, when `network: 'given'` (not modified: the run works on a copy). */
  readonly graph?: CsrGraph;
  /** Camp (0/1) of each account of a given network, for `initialOpinions: 'by-camp'`. */
  readonly camp?: Int32Array;
  readonly topics?: readonly string[];
}

/**
 * Build the follow network the parameters ask for. `groups` (each
 * account's group) places `plantedHubs` in their group (planted-hubs.ts);
 * without planted hubs it is not needed.
 */
export function buildNetwork(params: PlatformParams, rng: Rng, given?: CsrGraph, givenCamp?: Int32Array, groups?: Uint8Array): { graph: CsrGraph; camp: Int32Array | null; hubs: readonly number[] } {
  const n = params.agents;
  const m = params.followsPerAccount;
  switch (params.network) {
    case 'given': {
      if (!given) throw new InputError('platform: `network` is "given" but no graph was passed', { field: 'network' });
      if (given.n !== n) throw new InputError(`platform: the given network has ${given.n} accounts but \`agents\` is ${n}`, { field: 'agents' });
      return { graph: given.clone(), camp: givenCamp ?? null, hubs: [] };
    }
    case 'two-camps': {
      const sbm = stochasticBlockModel({ n, groups: 2, meanOutDegree: m, homophily: params.homophily, directed: true }, rng);
      return { graph: CsrGraph.fromEdgeList(sbm.edges, { slack: 2 }), camp: sbm.group, hubs: [] };
    }
    case 'erdos-renyi':
      return withHubs(erdosRenyi({ n, m: n * m, directed: true }, rng), params, rng, groups);
    default:
      return withHubs(preferentialAttachment({ n, m, exponent: params.followerExponent }, rng), params, rng, groups);
  }
}

function withHubs(edges: EdgeList, params: PlatformParams, rng: Rng, groups: Uint8Array | undefined): { graph: CsrGraph; camp: null; hubs: readonly number[] } {
  if (params.plantedHubs.length === 0) return { graph: CsrGraph.fromEdgeList(edges, { slack: 2 }), camp: null, hubs: [] };
  const planted = plantHubs(
    edges,
    { shares: params.plantedHubs, group: params.plantedHubGroup === '' ? -1 : params.groupNames.indexOf(params.plantedHubGroup), homeShare: params.plantedHubHomeShare },
    groups ?? new Uint8Array(edges.n),
    rng,
  );
  return { graph: CsrGraph.fromEdgeList(planted.edges, { slack: 2 }), camp: null, hubs: planted.hubs };
}

export function createWorld(params: PlatformParams, options: WorldOptions): World {
  const root = new Rng(options.seed);
  // Groups are drawn before the network only when hubs are planted in one (the same draws createAgents makes).
  const groups = params.plantedHubs.length > 0 ? drawGroups(params, params.agents, root.fork('agents')) : undefined;
  const { graph, camp, hubs } = buildNetwork(params, root.fork('network'), options.graph, options.camp, groups);
  const agents = createAgents(params, graph, root.fork('agents'), camp);
  const languages = languageModel(params, agents, root.fork('agents').fork('language'));
  const n = graph.n;
  const s = (name: string): Rng => root.fork(name);
  return {
    params,
    graph,
    agents,
    posts: new PostStore(Math.max(1024, Math.round(n * params.activityPerHour * params.postProbability * 2))),
    camp,
    hubs,
    languages,
    now: 0,
    ticks: 0,
    streams: {
      activation: s('activation'),
      feed: s('feed'),
      opinion: s('opinion'),
      engage: s('engage'),
      post: s('post'),
      rewire: s('rewire'),
      moderation: s('moderation'),
      bots: s('bots'),
      events: s('events'),
      observe: s('observe'),
      backlash: s('backlash'),
      // Forks draw nothing from the root: adding these left every other stream as it was.
      claims: s('claims'),
      attribution: s('attribution'),
      outlets: s('outlets'),
    },
    latest: new Int32Array(n).fill(-1),
    trending: new Int32Array(TRENDING_SIZE),
    trendingHead: 0,
    trendingFill: 0,
    hasTargets: false,
    topics: ['general', ...(options.topics ?? []).filter((t) => t !== 'general')],
    outlets: outletCatalogue(params.outlets, params.outletFringeUnreliability),
    // A fork draws nothing from the root, and this one is read once, here: every other stream is as it was.
    interventionSalt: s('interventions').int(0x7fffffff),
  };
}

/** Index a new post under its author (feeds walk these lists). */
export function indexPost(w: World, author: number, post: number): void {
  w.posts.setPreviousByAuthor(post, w.latest[author]);
  w.latest[author] = post;
}

/** An author's posts newer than `after`, newest first, at most `max` (RECENT_PER_AUTHOR: what a feed considers). */
export function recentPosts(w: World, author: number, after = -1, max = RECENT_PER_AUTHOR): number[] {
  const out: number[] = [];
  for (let p = w.latest[author]; p > after && out.length < max; p = w.posts.previousByAuthor(p)) out.push(p);
  return out;
}

/** Put a post into the trending pool (called when it is engaged with). */
export function markTrending(w: World, post: number): void {
  w.trending[w.trendingHead] = post;
  w.trendingHead = (w.trendingHead + 1) % TRENDING_SIZE;
  if (w.trendingFill < TRENDING_SIZE) w.trendingFill++;
}

/** Add `count` accounts (bots joining); returns the first new index. */
export function addAccounts(w: World, count: number): number {
  const first = w.graph.addNodes(count);
  w.agents.grow(w.graph.n);
  const n = w.graph.n;
  const latest = new Int32Array(n).fill(-1);
  latest.set(w.latest);
  w.latest = latest;
  return first;
}
