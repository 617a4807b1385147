/**
 * A ranker served over HTTP that speaks the Prosocial Ranking Challenge API
 * (PRC, Berkeley CHAI and partners, 2024: a ranker is a service answering
 * POST /rank with a session and its candidate items by the ids in its
 * chosen order). Node only (worker threads, files): exported from
 * src/node.ts, not from the browser library.
 *
 * The subset implemented, per request (one per session with candidates —
 * the PRC API ranks one user's feed per request, it has no batch form):
 *
 *   {"session": {"session_id", "user_id", "user_name_hash", "platform":
 *                "twitter", "current_time", "cohort": "echolab"},
 *    "items": [{"id", "post_id", "parent_id", "title": "", "text",
 *               "author_name_hash", "type": "post", "created_at",
 *               "engagements": {"like", "retweet", "reply"},
 *               "echolab": {"stance", "veracity", "author"}}]}
 *   → {"ranked_ids": [every item id, once, best first]}
 *
 * Ids are the post ids as strings; `text` is a stand-in ("stance +0.50,
 * false claim": posts have no text); times are ISO 8601 on the run's clock
 * (from 2024-01-01T00:00Z without a `startDate`); `echolab` is an extension
 * a PRC ranker ignores. Left out: `survey`, `embedded_urls`, `new_items`
 * (out-of-network additions) and removing items (every id must come back).
 *
 * The platform loop is synchronous, so the request is made from a worker
 * thread and the main thread blocks on Atomics.wait over a SharedArrayBuffer
 * until the worker has written the answer, or `timeoutMs` has passed. A
 * service that answers other than 200, not JSON, without `ranked_ids`, with
 * an id not among the items, an id twice or an item left out, or too late,
 * stops the run with an InputError naming the URL and what was wrong.
 *
 * Reproducibility: every answer is kept under the SHA-256 of its request's
 * body (the body is a function of the run's state only, so a seed is a run
 * given the service's answers); `save()` (and the end of a scenario run)
 * merges them into `record` as JSON, and `mode: 'replay'` answers from
 * such a file without the service, refusing a request it has no answer
 * for. The merge reads and rewrites the file, so live runs in several
 * processes at once (`echolab run --workers 2`) may lose each other's
 * answers: record with one worker; replay with any number.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { InputError } from '../model/errors.js';
import { formatIsoDateTime } from '../sim/platform/iso-date.js';
import { FALSE_CLAIM, TRUE_CLAIM } from '../sim/platform/post-store.js';
import type { Ranker, RankTerm } from '../sim/platform/rankers.js';
import { runClock } from '../sim/platform/run-clock.js';
import type { World } from '../sim/platform/world.js';

export interface HttpRankerOptions {
  /** Ranker name (for explanations and messages); default "http". */
  readonly name?: string;
  /** The service's /rank URL (live mode). */
  readonly url?: string;
  /** 'live' (default) asks the service; 'replay' answers from `record`. */
  readonly mode?: 'live' | 'replay';
  /** The answers file: written by save() in live mode, read in replay mode. */
  readonly record?: string;
  /** Per request, in ms (default 5000). */
  readonly timeoutMs?: number;
  /** Whether feeds add out-of-network (trending) candidates (default false). */
  readonly outOfNetwork?: boolean;
  /** Largest answer accepted, in bytes (default 16 MiB). */
  readonly maxResponseBytes?: number;
}

export interface PrcItem {
  readonly id: string;
  readonly post_id: string;
  readonly parent_id: string;
  readonly title: string;
  readonly text: string;
  readonly author_name_hash: string;
  readonly type: 'post';
  readonly created_at: string;
  readonly engagements: { readonly like: number; readonly retweet: number; readonly reply: number };
  readonly echolab: { readonly stance: number; readonly veracity: 'none' | 'true' | 'false'; readonly author: number };
}

export interface PrcRequest {
  readonly session: { readonly session_id: string; readonly user_id: string; readonly user_name_hash: string; readonly platform: 'twitter'; readonly current_time: string; readonly cohort: string };
  readonly items: readonly PrcItem[];
}

/** The recording file's shape. */
export interface RankerRecording {
  readonly format: 'echolab-prc-recording';
  readonly version: 1;
  /** Request body SHA-256 (hex) → ranked ids. */
  readonly answers: Record<string, string[]>;
}

export interface HttpRanker extends Ranker {
  /** Requests answered so far (live or replayed). */
  readonly requests: number;
  /** Every answer of this run so far, by request hash. */
  readonly answers: ReadonlyMap<string, readonly string[]>;
  /** Write the answers to `record` (live mode; replay writes nothing). */
  save(): void;
  /** Stop the worker (and save, in live mode with a record file). */
  close(): void;
}

// Runs in the worker: one request at a time, the answer written into the shared buffer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const header = new Int32Array(workerData.sab, 0, 4);
const data = new Uint8Array(workerData.sab, 16);
parentPort.on('message', async (m) => {
  let status;
  let bytes;
  try {
    const res = await fetch(m.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: m.body, signal: AbortSignal.timeout(m.timeoutMs) });
    status = res.status;
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    status = -1;
    bytes = new TextEncoder().encode(String((e && (e.cause && e.cause.message || e.message)) || e));
  }
  if (bytes.length > data.length) {
    bytes = new TextEncoder().encode(String(bytes.length));
    status = -2;
  }
  data.set(bytes);
  header[1] = status;
  header[2] = bytes.length;
  header[3] = m.seq;
  Atomics.store(header, 0, 1);
  Atomics.notify(header, 0);
});
`;

/** 2024-01-01T00:00Z: the clock of runs without a `startDate`. */
const DEFAULT_START_SECONDS = 1704067200;

function veracityName(v: number): 'none' | 'true' | 'false' {
  return v === FALSE_CLAIM ? 'false' : v === TRUE_CLAIM ? 'true' : 'none';
}

/** The PRC request for one session's candidates ids[0..n). */
export function prcRequest(w: World, reader: number, ids: Int32Array, n: number, startSeconds: number, offsetMinutes: number): PrcRequest {
  const posts = w.posts;
  const at = (minutes: number): string => formatIsoDateTime(startSeconds + Math.round(minutes * 60), offsetMinutes);
  const items: PrcItem[] = [];
  for (let k = 0; k < n; k++) {
    const p = ids[k];
    const stance = posts.stanceOf(p);
    const veracity = veracityName(posts.veracityOf(p));
    const parent = posts.parentOf(p);
    items.push({
      id: String(p),
      post_id: String(p),
      parent_id: parent >= 0 ? String(parent) : '',
      title: '',
      text: `stance ${stance >= 0 ? '+' : ''}${stance.toFixed(2)}, ${veracity === 'none' ? 'not a claim' : `${veracity} claim`}`,
      author_name_hash: `account-${posts.authorOf(p)}`,
      type: 'post',
      created_at: at(posts.timeOf(p)),
      engagements: { like: posts.likesOf(p), retweet: posts.resharesOf(p), reply: posts.repliesOf(p) },
      echolab: { stance, veracity, author: posts.authorOf(p) },
    });
  }
  return {
    session: { session_id: `${reader}-${w.agents.sessions[reader]}`, user_id: String(reader), user_name_hash: `account-${reader}`, platform: 'twitter', current_time: at(w.now), cohort: 'echolab' },
    items,
  };
}

/** Check a service's answer against the items sent; returns the ranked ids or throws naming what was wrong. */
export function checkRankedIds(answer: unknown, sent: readonly string[], where: string): string[] {
  const ranked = answer !== null && typeof answer === 'object' && !Array.isArray(answer) ? (answer as Record<string, unknown>).ranked_ids : undefined;
  if (!Array.isArray(ranked)) throw new InputError(`${where}: the answer has no "ranked_ids" array (got ${JSON.stringify(answer)?.slice(0, 120)})`, { field: 'ranked_ids' });
  const allowed = new Set(sent);
  const seen = new Set<string>();
  for (const id of ranked) {
    if (typeof id !== 'string' || !allowed.has(id)) throw new InputError(`${where}: ranked id ${JSON.stringify(id)} is not among the ${sent.length} items sent`, { field: 'ranked_ids' });
    if (seen.has(id)) throw new InputError(`${where}: ranked id ${JSON.stringify(id)} appears twice`, { field: 'ranked_ids' });
    seen.add(id);
  }
  if (seen.size !== sent.length) {
    const missing = sent.filter((id) => !seen.has(id));
    throw new InputError(`${where}: ${missing.length} of the ${sent.length} items sent are missing from ranked_ids (first: ${JSON.stringify(missing[0])}); every item must be ranked`, { field: 'ranked_ids' });
  }
  return ranked as string[];
}

/** The recording in `file`, or null when there is none yet or it is not one (a live run then starts it afresh). */
function readRecording(file: string): RankerRecording | null {
  if (!existsSync(file)) return null;
  try {
    const rec = JSON.parse(readFileSync(file, 'utf8')) as Partial<RankerRecording> | null;
    return rec !== null && typeof rec === 'object' && rec.format === 'echolab-prc-recording' && rec.version === 1 && rec.answers !== null && typeof rec.answers === 'object' ? (rec as RankerRecording) : null;
  } catch {
    return null;
  }
}

/** A ranker whose order is the PRC service's answer (see the banner). */
export function httpRanker(options: HttpRankerOptions): HttpRanker {
  const name = options.name ?? 'http';
  const mode = options.mode ?? 'live';
  if (mode !== 'live' && mode !== 'replay') throw new InputError(`http ranker "${name}": mode is ${JSON.stringify(mode)}; allowed: "live" or "replay"`, { field: 'mode' });
  const timeoutMs = options.timeoutMs ?? 5000;
  if (!(Number.isInteger(timeoutMs) && timeoutMs > 0 && timeoutMs <= 600000)) throw new InputError(`http ranker "${name}": timeoutMs is ${JSON.stringify(timeoutMs)}; allowed: an integer in [1, 600000]`, { field: 'timeoutMs' });
  const url = options.url ?? '';
  if (mode === 'live') {
    let ok = false;
    try {
      const u = new URL(url);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) throw new InputError(`http ranker "${name}": url is ${JSON.stringify(options.url)}; allowed: an http(s) URL of the service's /rank endpoint`, { field: 'url' });
  }
  const answers = new Map<string, string[]>();
  let replayed: Record<string, string[]> = {};
  if (mode === 'replay') {
    if (options.record === undefined) throw new InputError(`http ranker "${name}": replay mode needs \`record\`, the answers file of a live run`, { field: 'record' });
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(options.record, 'utf8'));
    } catch (e) {
      throw new InputError(`http ranker "${name}": cannot read the recording ${options.record}: ${(e as Error).message}`, { field: 'record' });
    }
    const rec = parsed as Partial<RankerRecording> | null;
    if (rec === null || typeof rec !== 'object' || rec.format !== 'echolab-prc-recording' || rec.version !== 1 || rec.answers === null || typeof rec.answers !== 'object') {
      throw new InputError(`http ranker "${name}": ${options.record} is not an echolab PRC recording (format "echolab-prc-recording", version 1)`, { field: 'record' });
    }
    replayed = rec.answers;
  }
  const maxBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
  let worker: Worker | null = null;
  let sab: SharedArrayBuffer | null = null;
  let seq = 0;
  let requests = 0;
  let clock: { start: number; offset: number } | null = null;
  const rank = new Map<number, number>();
  let rankOf = '';

  const where = (reader: number, w: World): string => `http ranker "${name}" (${mode === 'live' ? url : `replay of ${options.record}`}), session of account ${reader} at minute ${w.now}`;

  function fetchSync(body: string, at: string): unknown {
    if (worker === null) {
      sab = new SharedArrayBuffer(16 + maxBytes);
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sab } });
      worker.unref();
    }
    const header = new Int32Array(sab!, 0, 4);
    Atomics.store(header, 0, 0);
    seq++;
    worker.postMessage({ url, body, timeoutMs, seq });
    // A little slack over the worker's own abort, so that its message, not the wait, reports a timeout when it can.
    const waited = Atomics.wait(header, 0, 0, timeoutMs + 250);
    if (waited === 'timed-out' || header[3] !== seq) {
      close();
      throw new InputError(`${at}: no answer within ${timeoutMs} ms`, { field: 'timeoutMs' });
    }
    const status = header[1];
    const text = new TextDecoder().decode(new Uint8Array(sab!, 16, header[2]));
    if (status === -1) {
      close();
      const timedOut = /abort|timeout/i.test(text);
      throw new InputError(timedOut ? `${at}: no answer within ${timeoutMs} ms` : `${at}: the request failed: ${text}`, { field: timedOut ? 'timeoutMs' : 'url' });
    }
    if (status === -2) {
      close();
      throw new InputError(`${at}: the answer is ${text} bytes, more than maxResponseBytes ${maxBytes}`, { field: 'maxResponseBytes' });
    }
    if (status !== 200) {
      close();
      throw new InputError(`${at}: answered HTTP ${status} (expected 200): ${text.slice(0, 200)}`, { field: 'url' });
    }
    try {
      return JSON.parse(text);
    } catch {
      close();
      throw new InputError(`${at}: the answer is not JSON: ${JSON.stringify(text.slice(0, 120))}`, { field: 'ranked_ids' });
    }
  }

  function close(): void {
    if (mode === 'live' && options.record !== undefined && answers.size > 0) save();
    if (worker !== null) {
      void worker.terminate();
      worker = null;
    }
  }

  function save(): void {
    if (mode !== 'live' || options.record === undefined) return;
    // Merged with what the file holds (several runs of one experiment record into one file), keys sorted so the bytes do not depend on run order.
    const merged = new Map<string, readonly string[]>();
    const previous = readRecording(options.record);
    if (previous !== null) for (const [h, ids] of Object.entries(previous.answers)) merged.set(h, ids);
    for (const [h, ids] of answers) merged.set(h, ids);
    const out: Record<string, readonly string[]> = {};
    for (const h of [...merged.keys()].sort()) out[h] = merged.get(h)!;
    const tmp = `${options.record}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ format: 'echolab-prc-recording', version: 1, answers: out })}\n`);
    renameSync(tmp, options.record);
  }

  const ranker: HttpRanker = {
    name,
    description: `Order given by the ranking service ${mode === 'live' ? url : `recorded in ${options.record}`} (Prosocial Ranking Challenge API).`,
    outOfNetwork: options.outOfNetwork ?? false,
    get requests() {
      return requests;
    },
    answers,
    prepare(w: World, reader: number, ids: Int32Array, n: number): void {
      rank.clear();
      if (n === 0) return;
      if (clock === null) {
        const c = runClock(w.params);
        clock = { start: c.startSeconds ?? DEFAULT_START_SECONDS, offset: c.offsetMinutes };
      }
      const request = prcRequest(w, reader, ids, n, clock.start, clock.offset);
      const body = JSON.stringify(request);
      const hash = createHash('sha256').update(body).digest('hex');
      const at = where(reader, w);
      const sent = request.items.map((it) => it.id);
      let ranked: string[];
      if (mode === 'replay') {
        const got = Object.prototype.hasOwnProperty.call(replayed, hash) ? replayed[hash] : undefined;
        if (got === undefined) throw new InputError(`${at}: the recording has no answer for this request (sha256 ${hash}); record it with a live run`, { field: 'record' });
        ranked = checkRankedIds({ ranked_ids: got }, sent, at);
      } else {
        ranked = checkRankedIds(fetchSync(body, at), sent, at);
      }
      answers.set(hash, ranked);
      requests++;
      // Best first: score n − position, so the feed's sort keeps the service's order.
      for (let k = 0; k < ranked.length; k++) rank.set(Number(ranked[k]), ranked.length - k);
      rankOf = `${reader}@${w.now}`;
    },
    score(_w: World, reader: number, post: number): number {
      const s = rank.get(post);
      if (s === undefined) throw new InputError(`http ranker "${name}": post ${post} was not in the last ranked session (${rankOf}), asked for reader ${reader}`, { field: 'ranker' });
      return s;
    },
    terms(w: World, reader: number, post: number): { combine: 'sum' | 'product'; terms: RankTerm[] } {
      const s = ranker.score(w, reader, post);
      return { combine: 'sum', terms: [{ term: 'service rank', value: s, detail: `n − position in the service's ranked_ids (${name})` }] };
    },
    finish: save,
    save,
    close,
  };
  return ranker;
}
