/**
 * The simulation worker's logic, without the worker: one function handles
 * each message from the page (`ToWorker`) and posts the answers
 * (`FromWorker`), with the typed arrays listed for transfer. The play loop
 * steps at the requested ticks per second and posts at most one frame per
 * ~33 ms (30 frames a second), coalescing several ticks into one frame when
 * asked for more. Timers come from a `Scheduler`, so Node tests drive the
 * loop by hand. Any error is posted as `{ type: 'error', message }`.
 * Building a run posts its progress when the page asks (`init` with
 * `progress: true`): the worker is busy until `ready`, so these are the only
 * messages the page gets meanwhile.
 */
import { DemoSession } from './demo-session.js';
import type { DemoFrame, DemoGraph, FromWorker, ToWorker } from './demo-protocol.js';

/** Frames are posted at most this often while playing. */
export const MAX_FRAMES_PER_SECOND = 30;
export const MAX_TICKS_PER_SECOND = 1000;
/** The play loop wakes this long after a tick is due, so that a timer firing a little early still finds the tick owed. */
const WAKE_LATE_MS = 1;

export type Post = (message: FromWorker, transfer: Transferable[]) => void;

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds, monotonic. */
  now(): number;
}

export interface WorkerState {
  session: DemoSession | null;
  playing: boolean;
  ticksPerSecond: number;
  timer: unknown;
  /** Fractional ticks owed by the play loop. */
  carry: number;
  lastRun: number;
  /** Tick of the last frame posted: the next frame carries the rows after it. */
  lastTick: number;
  readonly scheduler: Scheduler;
}

export function createWorkerState(scheduler: Scheduler): WorkerState {
  return { session: null, playing: false, ticksPerSecond: 10, timer: null, carry: 0, lastRun: 0, lastTick: -1, scheduler };
}

export function frameTransfers(f: DemoFrame): Transferable[] {
  const out: Transferable[] = [f.opinion.buffer as ArrayBuffer];
  for (const a of [f.community, f.edges, f.suspended, f.hoaxSeen]) if (a) out.push(a.buffer as ArrayBuffer);
  return out;
}

function graphTransfers(g: DemoGraph): Transferable[] {
  const out: Transferable[] = [g.edges.buffer as ArrayBuffer, g.followers.buffer as ArrayBuffer, g.bot.buffer as ArrayBuffer, g.group.buffer as ArrayBuffer];
  if (g.camp) out.push(g.camp.buffer as ArrayBuffer);
  return out;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function stop(state: WorkerState): void {
  state.playing = false;
  if (state.timer !== null) state.scheduler.clearTimeout(state.timer);
  state.timer = null;
  state.carry = 0;
}

function postFrame(state: WorkerState, session: DemoSession, frame: DemoFrame, post: Post): void {
  const rows = session.rowsSince(state.lastTick);
  state.lastTick = frame.tick;
  post({ type: 'frame', frame: { ...frame, rows }, puzzle: session.puzzleStatus() }, frameTransfers(frame));
}

/** One turn of the play loop: step what is owed since the last turn, post one frame, schedule the next turn. */
export function playTurn(state: WorkerState, post: Post): void {
  state.timer = null;
  const session = state.session;
  if (!state.playing || !session) return;
  try {
    const now = state.scheduler.now();
    const elapsed = Math.max(0, Math.min(1000, now - state.lastRun));
    state.lastRun = now;
    state.carry += (elapsed * state.ticksPerSecond) / 1000;
    const ticks = Math.floor(state.carry);
    state.carry -= ticks;
    if (ticks > 0) postFrame(state, session, session.step(ticks), post);
    if (session.done) {
      stop(state);
      return;
    }
    // Wake just after the next tick is due, but not before the next frame is
    // allowed. (A fixed period equal to the tick length would, with timer
    // jitter, give turns with no tick and turns with two: fewer frames than
    // ticks, and the page would draw fewer than it could.)
    const untilTick = (1 - state.carry) * (1000 / state.ticksPerSecond) + WAKE_LATE_MS;
    const spent = state.scheduler.now() - now;
    state.timer = state.scheduler.setTimeout(() => playTurn(state, post), Math.max(0, 1000 / MAX_FRAMES_PER_SECOND - spent, untilTick - spent));
  } catch (err) {
    stop(state);
    post({ type: 'error', message: errorText(err) }, []);
  }
}

function needSession(state: WorkerState): DemoSession {
  if (!state.session) throw new Error('demo worker: no run yet (send "init" first)');
  return state.session;
}

/** Handle one message from the page. */
export function handleMessage(state: WorkerState, msg: ToWorker, post: Post): void {
  try {
    switch (msg?.type) {
      case 'init': {
        stop(state);
        const onProgress = msg.progress === true ? (percent: number) => post({ type: 'progress', percent }, []) : undefined;
        const { session, problems } = DemoSession.create(msg.config, msg.puzzle ?? null, { onProgress });
        state.session = session;
        const graph = session.graph();
        const frame = session.frame();
        state.lastTick = frame.tick;
        post(
          { type: 'ready', config: session.config, preset: session.info, graph, frame, problems, puzzle: session.puzzleStatus() },
          [...graphTransfers(graph), ...frameTransfers(frame)],
        );
        return;
      }
      case 'step': {
        const session = needSession(state);
        stop(state);
        const ticks = Number.isFinite(msg.ticks) ? Math.max(1, Math.min(10_000, Math.floor(msg.ticks))) : 1;
        postFrame(state, session, session.step(ticks), post);
        return;
      }
      case 'play': {
        const session = needSession(state);
        const tps = Number.isFinite(msg.ticksPerSecond) ? Math.max(0.1, Math.min(MAX_TICKS_PER_SECOND, msg.ticksPerSecond)) : 10;
        state.ticksPerSecond = tps;
        if (state.playing || session.done) return;
        state.playing = true;
        state.lastRun = state.scheduler.now();
        // The first tick right away, so "play" answers at once.
        state.carry = 1;
        playTurn(state, post);
        return;
      }
      case 'pause':
        stop(state);
        return;
      case 'card':
        post({ type: 'card', card: needSession(state).card(msg.node) }, []);
        return;
      case 'feed':
        post({ type: 'feed', node: msg.node, items: needSession(state).feed(msg.node) }, []);
        return;
      case 'cascade':
        post({ type: 'cascade', tree: needSession(state).cascade() }, []);
        return;
      case 'communities': {
        const session = needSession(state);
        session.setCommunities(msg.on === true);
        // Paused, the page would otherwise wait for the next tick to see them.
        if (msg.on === true && !state.playing) postFrame(state, session, session.step(0), post);
        return;
      }
      case 'edit-follow': {
        const session = needSession(state);
        const r = session.editFollow(msg.from, msg.to);
        post({ type: 'edit-follow', ok: r.ok, following: r.following, budgetLeft: r.budgetLeft, message: r.message }, []);
        if (r.ok) {
          const frame = session.step(0);
          postFrame(state, session, frame, post);
        }
        return;
      }
      case 'export-csv': {
        const session = needSession(state);
        post({ type: 'export', kind: 'csv', fileName: `${session.experimentFile().fileName.replace(/\.json$/, '')}.csv`, text: session.seriesCsv() }, []);
        return;
      }
      case 'export-experiment': {
        const f = needSession(state).experimentFile();
        post({ type: 'export', kind: 'experiment', fileName: f.fileName, text: f.text }, []);
        return;
      }
      default:
        post({ type: 'error', message: `demo worker: unknown message ${JSON.stringify((msg as { type?: unknown })?.type ?? msg)}` }, []);
    }
  } catch (err) {
    post({ type: 'error', message: errorText(err) }, []);
  }
}
