/**
 * An exodus: after a change of the origin platform's rules (e.g. its
 * misinformation policy switched off and banned accounts restored, 23 Nov
 * 2022), accounts move to a second platform (destination.ts), leaving the
 * origin or cross-posting on both.
 *
 * Hazard. From the trigger hour on, at the end of each origin tick of Δ
 * days, a human account i that has not moved (and is not suspended) moves
 * with probability 1 − exp(−λ_i Δ), where per day
 *   λ_i = baseRatePerDay
 *       + oppositionRatePerDay · max(0, −changeStance · x_i)
 *       + peerRatePerDay · 1[m_i > 0 and m_i ≥ θ_i],
 * x_i its opinion (the side the change favours has the sign of
 * changeStance), m_i the share of the accounts it follows on the origin
 * that have moved (at the start of the pass, so moves within one pass do
 * not depend on their order), θ_i its threshold, uniform on (0, 1] and
 * drawn once: Granovetter's threshold model of collective behaviour
 * (Am. J. Sociol. 83(6), 1978), whose uniform thresholds are its classic
 * example; crossing one's threshold adds a rate rather than moving one at
 * once, since signing up takes time. Migration studies of the Twitter →
 * Mastodon move found the social network's pull strong: He et al. (IMC
 * 2023) on 136,009 migrants, Jeong et al. (ICWSM 2024) on over 10,000.
 *
 * A mover cross-posts with probability `crossPostShare` (it keeps its
 * sessions on the origin and gets as many on the destination), else it
 * leaves: its origin account goes dormant (no sessions; its old posts and
 * its followers stay, as with an account nobody deleted). On sign-up it gets
 * its origin activity, opinion and traits on the destination, a server
 * (federated: federation.ts), and imports its follows (follow-import.ts);
 * with `pendingFollows`, its origin followers already there follow it by
 * the same rule.
 *
 * One person, two feeds: after each tick a mover's opinion becomes
 * x + (x_origin − x) + (x_destination − x), clipped to [−1, 1], where x is
 * its opinion after the previous tick: both platforms' influence adds up.
 *
 * Order in a tick: the origin's tick; then (its `onTick` hook) the
 * destination's tick over the same minutes, the federation's end of tick,
 * the opinion sync, the snapshot of the origin when the trigger hour has
 * come ("before"), and the hazard pass; movers act from the next tick.
 *
 * Draws come from streams forked from `${seed}` / exodus (threshold, hazard,
 * kind, import, pending, server, servers) and the destination's own seed key, never
 * from the origin's streams: with every rate 0 (or a trigger after the end)
 * the origin runs exactly as without an exodus.
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { expm1 } from '../../model/det-math.js';
import { InputError, ParamError } from '../../model/errors.js';
import { Rng } from '../../model/rng.js';
import type { NetworkView } from '../metric-view.js';
import { createDestination } from './destination.js';
import { validateExodusParams, type ExodusParams } from './exodus-params.js';
import { createFederation, type Federation } from './federation.js';
import { importFollows } from './follow-import.js';
import { inducedView } from './induced-view.js';
import type { Platform } from './platform.js';

export const STAYED = 0;
export const LEFT = 1;
export const CROSS_POSTED = 2;

export type MoveKind = 'leave' | 'cross-post';

export interface MoveRecord {
  readonly account: number;
  /** Minutes since the start. */
  readonly at: number;
  readonly kind: MoveKind;
  /** Its server (federated), −1 on a centralised destination. */
  readonly server: number;
  /** Follows made on sign-up: its own imported ones, and its followers' pending ones (pendingFollows). */
  readonly imported: number;
}

export interface ExodusOptions {
  /** Key the exodus's streams and the destination's fork from (a scenario's seed key). */
  readonly seed: string;
  /** Destination parameters over the origin's and its kind's preset (destination.ts). */
  readonly destination?: Readonly<Record<string, unknown>>;
}

/** The origin when the trigger hour came: what "before" means. */
export interface ExodusSnapshot {
  /** Minutes since the start. */
  readonly at: number;
  readonly view: NetworkView;
  /** Followers of each account then. */
  readonly followers: Int32Array;
  /** Accounts suspended then (those a restore at the trigger brings back). */
  readonly suspended: number;
}

interface ExodusStreams {
  readonly threshold: Rng;
  readonly hazard: Rng;
  readonly kind: Rng;
  readonly import: Rng;
  readonly pending: Rng;
  readonly server: Rng;
}

export class Exodus {
  readonly origin: Platform;
  readonly destination: Platform;
  /** The servers of a federated destination (null when centralised). */
  readonly federation: Federation | null;
  readonly params: ExodusParams;
  /** Accounts the exodus covers: the origin's when it was attached (numbering shared by both platforms). */
  readonly n: number;
  /** Per account: STAYED, LEFT or CROSS_POSTED. */
  readonly status: Uint8Array;
  readonly moves: MoveRecord[] = [];
  snapshot: ExodusSnapshot | null = null;
  /** Each account's threshold θ (uniform on (0, 1]). */
  readonly threshold: Float64Array;
  /** Origin activity when attached (a leaver's is zeroed on the origin). */
  private readonly activity: Float32Array;
  /** A mover's opinion after the last sync. */
  private readonly synced: Float64Array;
  private readonly streams: ExodusStreams;
  /** The destination's claim rate with every account present. */
  private readonly claimsAtFull: number;

  constructor(origin: Platform, params: ExodusParams, options: ExodusOptions) {
    if (options === null || typeof options !== 'object' || typeof options.seed !== 'string' || options.seed === '') {
      throw new ParamError('exodus', 'seed', options?.seed, 'a non-empty string (the run\'s seed key)');
    }
    this.origin = origin;
    this.params = params;
    const n = origin.world.agents.n;
    this.n = n;
    this.status = new Uint8Array(n);
    this.activity = Float32Array.from(origin.world.agents.activity.subarray(0, n));
    this.synced = new Float64Array(n);
    const root = new Rng(options.seed).fork('exodus');
    this.streams = { threshold: root.fork('threshold'), hazard: root.fork('hazard'), kind: root.fork('kind'), import: root.fork('import'), pending: root.fork('pending'), server: root.fork('server') };
    this.threshold = new Float64Array(n);
    for (let i = 0; i < n; i++) this.threshold[i] = 1 - this.streams.threshold.next();
    this.destination = createDestination(origin, params.destination, `${options.seed}|destination`, options.destination ?? {});
    this.destination.world.now = origin.now;
    this.claimsAtFull = this.destination.params.claimsPerHour;
    this.destination.world.params = { ...this.destination.world.params, claimsPerHour: 0 };
    this.federation = params.destination === 'federated' ? createFederation(n, params, root.fork('servers')) : null;
    if (this.federation) this.destination.feedSource = this.federation.feedSource();
    if (origin.now >= params.triggerHour * 60 - 1e-9) this.takeSnapshot();
  }

  /** Whether account i is on the destination. */
  present(i: number): boolean {
    return i >= 0 && i < this.n && this.status[i] !== STAYED;
  }

  /**
   * Move account i now: it signs up to the destination (server, follows)
   * and, when it leaves, goes dormant on the origin. The hazard pass calls
   * this; so may a script or a test.
   */
  move(i: number, kind: MoveKind): MoveRecord {
    if (!(Number.isInteger(i) && i >= 0 && i < this.n)) throw new ParamError('exodus', 'account', i, `an account in [0, ${this.n - 1}]`);
    if (kind !== 'leave' && kind !== 'cross-post') throw new ParamError('exodus', 'kind', kind, '"leave" or "cross-post"');
    if (this.status[i] !== STAYED) throw new InputError(`exodus: account ${i} has already moved (${this.status[i] === LEFT ? 'left' : 'cross-posts'})`, { field: 'account' });
    const o = this.origin.world;
    const d = this.destination.world;
    this.status[i] = kind === 'leave' ? LEFT : CROSS_POSTED;
    if (kind === 'leave') o.agents.activity[i] = 0;
    const da = d.agents;
    da.opinion[i] = o.agents.opinion[i];
    this.synced[i] = da.opinion[i];
    da.activity[i] = this.activity[i];
    da.suspended[i] = 0;
    let server = -1;
    const fed = this.federation;
    const { start, deg, targets } = o.graph.out;
    if (fed) {
      const followeeServers: number[] = [];
      for (let k = start[i], end = k + deg[i]; k < end; k++) {
        const v = targets[k];
        if (v !== i && this.present(v)) followeeServers.push(fed.server[v]);
      }
      server = fed.chooseServer(followeeServers, this.sideOf(i), this.streams.server);
      fed.join(i, server);
    }
    const eligible = fed ? (v: number) => this.present(v) && fed.federates(server, fed.server[v]) : (v: number) => this.present(v);
    let imported = 0;
    for (const v of importFollows(o.graph, i, eligible, this.params.importShare, this.streams.import)) if (d.graph.addEdge(i, v)) imported++;
    if (this.params.pendingFollows) {
      for (const u of importFollows(o.graph, i, eligible, this.params.importShare, this.streams.pending, 'in')) if (d.graph.addEdge(u, i)) imported++;
    }
    const record: MoveRecord = { account: i, at: o.now, kind, server, imported };
    this.moves.push(record);
    return record;
  }

  /** End of an origin tick (installed as its `onTick` hook by attachExodus). */
  step(): void {
    const o = this.origin;
    const d = this.destination;
    const minutes = o.params.tickMinutes;
    const tickStart = o.now - minutes;
    // The destination lives through the same minutes, its claim stream scaled to who is there.
    const claims = (this.claimsAtFull * this.moves.length) / this.n;
    if (d.params.tickMinutes !== minutes || d.params.claimsPerHour !== claims) d.world.params = { ...d.world.params, tickMinutes: minutes, claimsPerHour: claims };
    d.world.now = tickStart;
    d.tick();
    this.federation?.afterTick(d.world);
    this.syncOpinions();
    const trigger = this.params.triggerHour * 60;
    if (this.snapshot === null && o.now >= trigger - 1e-9) this.takeSnapshot();
    // Ticks that start at or after the trigger hour, as timeline events apply (the change is in force for the whole tick).
    if (tickStart >= trigger - 1e-9) this.hazardPass(minutes / 1440);
  }

  /** Both platforms' influence on a mover adds up (see the banner). */
  private syncOpinions(): void {
    const xo = this.origin.world.agents.opinion;
    const xd = this.destination.world.agents.opinion;
    for (const { account: i } of this.moves) {
      const x = Math.max(-1, Math.min(1, xo[i] + xd[i] - this.synced[i]));
      xo[i] = x;
      xd[i] = x;
      this.synced[i] = x;
    }
  }

  /** One pass of the hazard over the accounts that have not moved; `days` is the tick's length. */
  private hazardPass(days: number): void {
    const p = this.params;
    if (!(p.baseRatePerDay > 0 || p.oppositionRatePerDay > 0 || p.peerRatePerDay > 0)) return;
    const a = this.origin.world.agents;
    const { start, deg, targets } = this.origin.world.graph.out;
    const status = this.status;
    const n = this.n;
    const chosen: number[] = [];
    for (let i = 0; i < n; i++) {
      if (status[i] !== STAYED || a.bot[i] !== 0 || a.suspended[i] !== 0) continue;
      let rate = p.baseRatePerDay + p.oppositionRatePerDay * Math.max(0, -p.changeStance * a.opinion[i]);
      if (p.peerRatePerDay > 0 && deg[i] > 0) {
        let moved = 0;
        for (let k = start[i], end = k + deg[i]; k < end; k++) {
          const v = targets[k];
          if (v < n && status[v] !== STAYED) moved++;
        }
        const m = moved / deg[i];
        if (m > 0 && m >= this.threshold[i]) rate += p.peerRatePerDay;
      }
      if (!(rate > 0)) continue;
      if (this.streams.hazard.next() < -expm1(-rate * days)) chosen.push(i);
    }
    const share = p.crossPostShare;
    for (const i of chosen) {
      const cross = share >= 1 || (share > 0 && this.streams.kind.next() < share);
      this.move(i, cross ? 'cross-post' : 'leave');
    }
  }

  /** An account's side: its camp on a two-camps network, else the sign of its opinion (1 if > 0). */
  sideOf(i: number): number {
    const camp = this.origin.world.camp;
    return camp && i < camp.length ? camp[i] : this.origin.world.agents.opinion[i] > 0 ? 1 : 0;
  }

  private takeSnapshot(): void {
    const view = this.origin.networkView();
    const g: CsrGraph = view.graph.clone();
    this.snapshot = {
      at: this.origin.now,
      view: { graph: g, opinions: Float64Array.from(view.opinions ?? []), attribute: view.attribute ? Int32Array.from(view.attribute) : undefined },
      followers: Int32Array.from({ length: g.n }, (_, i) => g.inDegree(i)),
      suspended: this.origin.world.agents.suspended.reduce((a, b) => a + b, 0),
    };
  }

  /** Accounts that moved so far (left or cross-post). */
  get moved(): number {
    return this.moves.length;
  }

  /** The origin now, restricted to the accounts still active there (not left, not suspended). */
  originView(): NetworkView {
    const a = this.origin.world.agents;
    const keep = Uint8Array.from({ length: a.n }, (_, i) => (a.suspended[i] === 0 && (i >= this.n || this.status[i] !== LEFT) ? 1 : 0));
    return inducedView(this.origin.networkView(), keep);
  }

  /** The destination now, restricted to the accounts present. */
  destinationView(): NetworkView {
    return inducedView(this.destination.networkView(), Uint8Array.from(this.status, (s) => (s !== STAYED ? 1 : 0)));
  }

  /** The origin at the trigger hour, restricted to the accounts `keep` marks (null before the trigger). */
  snapshotView(keep: ArrayLike<number>): NetworkView | null {
    return this.snapshot ? inducedView(this.snapshot.view, keep) : null;
  }
}

/**
 * Attach an exodus to `origin` before it runs: validates the parameters
 * (errors name the field), builds the destination, and chains the
 * exodus's step to the origin's `onTick` hook (after any earlier one).
 */
export function attachExodus(origin: Platform, params: Readonly<Record<string, unknown>>, options: ExodusOptions): Exodus {
  const p = validateExodusParams(params, 'exodus');
  const exodus = new Exodus(origin, p, options);
  const previous = origin.hooks.onTick;
  origin.hooks = {
    ...origin.hooks,
    onTick: (time) => {
      previous?.(time);
      exodus.step();
    },
  };
  return exodus;
}
