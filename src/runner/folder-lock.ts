/**
 * One writer per results folder. Two `echolab run`s on one folder used to
 * both do every run (and both append to runs.jsonl); `report` and `merge`
 * could rewrite the tables under a run. A command that writes into a folder
 * first creates `<folder>/.echolab-lock` atomically (written aside, then
 * hard-linked into place, so nobody ever reads half a lock) holding the
 * holder's pid, host, start time and command line; a second command refuses
 * with the holder's pid, or with `wait` polls until the folder is free.
 *
 * A lock whose holder is gone (same host, `kill(pid, 0)` says ESRCH, or on
 * Linux the pid now belongs to a process started at another time) is stale
 * and taken over, with a note. A lock from another host cannot be checked:
 * the command refuses and says how to remove it. The lock is released when
 * the command ends, fails or stops on a signal (an 'exit' hook covers
 * `process.exit`); only SIGKILL leaves it behind, as a stale lock.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import type { ProgressStream } from './progress.js';
import { uniqueSuffix } from './runs-log.js';

export const LOCK_FILE = '.echolab-lock';

/** What a lock file holds. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** ISO time the lock was taken. */
  readonly started: string;
  readonly command: string;
  /** Linux: `<boot id>:<start time in clock ticks>` of the holder process, to tell a reused pid from the holder. */
  readonly processStart?: string;
}

export interface LockOptions {
  /** The command line, recorded in the lock for whoever finds it. */
  readonly command: string;
  /** Wait for the folder to be free instead of refusing. */
  readonly wait?: boolean;
  /** Notes (take-over of a stale lock, waiting). */
  readonly stderr: ProgressStream;
  /** Stops the wait (Ctrl-C): the promise then rejects with LockWaitAborted. */
  readonly signal?: AbortSignal;
  /** How the folder is named in messages. */
  readonly shown?: string;
  /** Poll interval while waiting (default 250 ms). */
  readonly pollMs?: number;
}

/** The wait for a locked folder was stopped by the caller's signal. */
export class LockWaitAborted extends Error {
  constructor(readonly folder: string) {
    super(`stopped waiting for the results folder ${folder}`);
    this.name = 'LockWaitAborted';
  }
}

/** Lock files this process holds: a lock naming our own pid is ours only if it is one of these. */
const held = new Set<string>();

/** `<boot id>:<start ticks>` of a process, from /proc (Linux), or undefined elsewhere. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19]; // field 22 of the whole line
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return ticks !== undefined && /^\d+$/.test(ticks) ? `${boot}:${ticks}` : undefined;
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const o = JSON.parse(text) as Partial<LockHolder> | null;
    if (!o || typeof o !== 'object' || !Number.isSafeInteger(o.pid) || typeof o.hostname !== 'string') return null;
    return {
      pid: o.pid as number,
      hostname: o.hostname,
      started: typeof o.started === 'string' ? o.started : 'an unknown time',
      command: typeof o.command === 'string' ? o.command : 'an unknown command',
      ...(typeof o.processStart === 'string' ? { processStart: o.processStart } : {}),
    };
  } catch {
    return null;
  }
}

export type HolderState = 'alive' | 'dead' | 'other-host';

/** Whether a lock's holder still runs: only knowable on the same host. */
export function holderState(holder: LockHolder, file: string): HolderState {
  if (holder.hostname !== os.hostname()) return 'other-host';
  if (holder.pid === process.pid) return held.has(file) ? 'alive' : 'dead';
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return 'dead';
  }
  if (holder.processStart !== undefined) {
    const now = processStart(holder.pid);
    if (now !== undefined && now !== holder.processStart) return 'dead'; // the pid was reused
  }
  return 'alive';
}

/** A held lock; `release()` is idempotent. */
export class FolderLock {
  private released = false;
  private readonly onExit = (): void => this.release();

  constructor(
    readonly file: string,
    private readonly content: string,
  ) {
    held.add(file);
    process.on('exit', this.onExit);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    held.delete(this.file);
    try {
      // Never remove a lock that is no longer ours.
      if (readFileSync(this.file, 'utf8') === this.content) unlinkSync(this.file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/**
 * Create the lock file with its full content, or return false if it exists.
 *
 * The content is written to a file of this process's own (named by host
 * and pid: processes on different machines sharing a folder over NFS may
 * have the same pid), then hard-linked into place. Over NFS a link can be
 * made on the server while the reply is lost, and the client's retry then
 * reports EEXIST: as open(2) advises, the link count of our own file (2 once
 * the link exists) decides, not the call's result.
 */
function tryCreate(file: string, content: string): boolean {
  const tmp = `${file}.${uniqueSuffix()}`;
  writeFileSync(tmp, content);
  try {
    try {
      linkSync(tmp, file);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return statSync(tmp).nlink === 2;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw err;
    }
  } finally {
    unlinkSync(tmp);
  }
  // A file system without hard links: exclusive create, then one write.
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Remove a stale lock, unless someone replaced it meanwhile: move it aside
 * (atomic), and if what was moved is not the stale lock that was judged,
 * put it back.
 */
function removeStale(file: string, staleText: string): boolean {
  const aside = `${file}.stale-${uniqueSuffix()}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  const moved = readText(aside);
  if (moved === staleText) {
    unlinkSync(aside);
    return true;
  }
  try {
    linkSync(aside, file);
  } catch {
    // Someone locked the folder in between; theirs stands.
  }
  unlinkSync(aside);
  return false;
}

function describe(h: LockHolder): string {
  return `pid ${h.pid} (since ${h.started}: \`${h.command}\`)`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Lock `dir` (which must exist) for writing; see the banner. Errors are InputErrors (exit code 2). */
export async function lockFolder(dir: string, o: LockOptions): Promise<FolderLock> {
  const file = path.join(dir, LOCK_FILE);
  const shown = o.shown ?? dir;
  const start = processStart(process.pid);
  const me: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    started: new Date().toISOString(),
    command: o.command,
    ...(start !== undefined ? { processStart: start } : {}),
  };
  const content = `${JSON.stringify(me, null, 2)}\n`;
  let announced = false;
  for (;;) {
    if (o.signal?.aborted) throw new LockWaitAborted(shown);
    if (tryCreate(file, content)) return new FolderLock(file, content);
    const text = readText(file);
    if (text === null) continue; // released between our two looks: try again at once
    const holder = parseHolder(text);
    const state = holder ? holderState(holder, file) : null;
    if (holder && state === 'dead') {
      if (removeStale(file, text)) {
        o.stderr.write(`echolab: note: took over the lock of ${shown}: ${describe(holder)} is no longer running on this host\n`);
      }
      continue;
    }
    const why =
      holder === null
        ? `has a lock file that cannot be read (${path.join(shown, LOCK_FILE)})`
        : state === 'other-host'
          ? `is locked by ${describe(holder)} on host ${holder.hostname}, which cannot be checked from this host (${os.hostname()})`
          : `is in use by ${describe(holder)}`;
    if (!o.wait) {
      const escape =
        holder !== null && state === 'alive'
          ? 'wait for it, or pass --wait'
          : `pass --wait to wait for it, or, if no echolab command uses the folder any more, remove ${path.join(shown, LOCK_FILE)}`;
      throw new InputError(`results folder ${shown} ${why}; ${escape}`, { field: 'lock' });
    }
    if (!announced) {
      o.stderr.write(`echolab: results folder ${shown} ${why}; waiting until it is free (Ctrl-C to stop)...\n`);
      announced = true;
    }
    await sleep(o.pollMs ?? 250, o.signal);
  }
}
