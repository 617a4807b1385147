/**
 * Replacing an output folder whole, so that a reader never sees a mix of
 * two versions and a killed writer leaves the old folder or the new one.
 * A writer fills a staging folder beside the target (`<name>.partial-<pid>`,
 * same parent, so same file system), then commits with two renames:
 *   target → <name>.replaced-<pid>, staging → target,
 * and deletes the replaced folder. A rename within a file system is atomic,
 * so at every instant the target is either absent, wholly old or wholly
 * new. The only moment it is absent (between the two renames) is repaired
 * by `recoverFolder`, which every writer and reader of such folders calls
 * first: a staging folder whose writer has died is deleted unless it is
 * complete (it holds `marker`, written last) and the target is missing, in
 * which case it is moved into place; an old folder left replaced is
 * deleted once the target is back (or moved back when no complete staging
 * folder exists). A staging folder whose writer is still alive is another
 * writer at work: `stagingFolder` refuses to start beside it.
 *
 * `ECHOLAB_CRASH_AT` (tests only) names a point at which the process kills
 * itself with SIGKILL, to check the above: `staged` (staging complete,
 * nothing renamed), `swapping` (between the two renames).
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../model/errors.js';

const PARTIAL = /^(.*)\.partial-(\d+)$/;
const REPLACED = /^(.*)\.replaced-(\d+)$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kills the process at a named point when the test hook asks for it. */
export function crashPoint(name: string): void {
  if (process.env.ECHOLAB_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}

/** Siblings of `dir` left by writers: [name, kind, pid]. */
function leftovers(dir: string): { file: string; kind: 'partial' | 'replaced'; pid: number }[] {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const out: { file: string; kind: 'partial' | 'replaced'; pid: number }[] = [];
  for (const n of names) {
    const p = PARTIAL.exec(n);
    if (p !== null && p[1] === base) out.push({ file: path.join(parent, n), kind: 'partial', pid: Number(p[2]) });
    const r = REPLACED.exec(n);
    if (r !== null && r[1] === base) out.push({ file: path.join(parent, n), kind: 'replaced', pid: Number(r[2]) });
  }
  return out;
}

/** Repairs what a killed writer left beside `dir` (see the banner); `marker` is the file a complete folder holds. */
export function recoverFolder(dir: string, marker: string): void {
  const left = leftovers(dir).filter((l) => !alive(l.pid));
  for (const l of left.filter((x) => x.kind === 'partial')) {
    if (!existsSync(dir) && existsSync(path.join(l.file, marker))) renameSync(l.file, dir);
    else rmSync(l.file, { recursive: true, force: true });
  }
  for (const l of left.filter((x) => x.kind === 'replaced')) {
    if (existsSync(dir)) rmSync(l.file, { recursive: true, force: true });
    else renameSync(l.file, dir);
  }
}

/** A fresh staging folder for a new version of `dir` (after recovery); refuses when another writer is at work on `dir`. */
export function stagingFolder(dir: string, marker: string): string {
  recoverFolder(dir, marker);
  const busy = leftovers(dir).find((l) => l.kind === 'partial' && l.pid !== process.pid && alive(l.pid));
  if (busy !== undefined) throw new InputError(`another echolab process (pid ${busy.pid}) is writing this folder; wait for it to finish`, { file: dir });
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  return staging;
}

/** Puts the complete `staging` folder in place of `dir` (see the banner). */
export function commitFolder(staging: string, dir: string): void {
  crashPoint('staged');
  if (!existsSync(dir)) {
    renameSync(staging, dir);
    return;
  }
  const replaced = `${dir}.replaced-${process.pid}`;
  rmSync(replaced, { recursive: true, force: true });
  renameSync(dir, replaced);
  crashPoint('swapping');
  renameSync(staging, dir);
  rmSync(replaced, { recursive: true, force: true });
}
