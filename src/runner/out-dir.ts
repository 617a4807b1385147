/**
 * Output folders (`--out` of run, merge, import, compare and calibrate, and
 * their default folders): one check, made before any work, and one way to
 * create them.
 *
 * Why not `mkdirSync(dir, { recursive: true })`: on procfs, mkdir of a new
 * name fails with ENOENT although the parent exists, and Node 20's
 * recursive mkdir answers ENOENT by creating the parent (EEXIST) and
 * retrying the child, forever, in synchronous native code, so even SIGTERM
 * cannot stop it (`echolab run x --out /proc/foo` spun at 100 % CPU until
 * killed with SIGKILL). `makeOutDir` creates one component at a time, with
 * one mkdir call each, so it cannot loop; `checkOutDir` refuses kernel
 * pseudo-filesystems, existing non-folders (a file, a FIFO, a device: opening
 * a FIFO for writing blocks until a reader comes) and folders that cannot be
 * written, with one line naming the flag, the value and what is allowed.
 */
import { accessSync, constants, lstatSync, mkdirSync, realpathSync, statSync, statfsSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import { UsageError } from './usage-error.js';

/** Where the folder came from, for messages: the command, and the `--out` value when the user gave one. */
export interface OutDirSource {
  readonly command: string;
  /** The raw `--out` value; absent for a default folder. */
  readonly flag?: string;
  /** For a folder the command has no `--out` for (report): say nothing about choosing another. */
  readonly fixed?: boolean;
}

/** Pseudo-filesystems that hold no files (statfs f_type magic numbers, linux/magic.h). */
const PSEUDO_FS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroupfs'],
  [0x63677270, 'cgroup2fs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xcafe4a11, 'bpffs'],
  [0x6165676c, 'pstorefs'],
  [0xde5e81e4, 'efivarfs'],
  [0x62656570, 'configfs'],
]);

/** Kernel trees where results never belong (/dev/shm is an ordinary tmpfs and stays allowed). */
const KERNEL_TREES = ['/proc', '/sys', '/dev'];

const ALLOWED = 'expected a folder to create, or an existing folder, where files can be written';

function kind(st: Stats): string {
  if (st.isFile()) return 'an existing file';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a folder';
}

function fail(dir: string, src: OutDirSource, problem: string): never {
  if (src.flag !== undefined) throw new UsageError(`echolab ${src.command}: invalid \`--out\` (${JSON.stringify(src.flag)}): ${problem}; ${ALLOWED}`);
  throw new InputError(`cannot use the output folder ${dir}: ${problem}; ${ALLOWED}${src.fixed ? '' : ' (choose one with --out)'}`, { field: 'out' });
}

function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${e.code})`;
    case 'EROFS':
      return 'read-only file system (EROFS)';
    case 'ENOTDIR':
      return 'a part of the path is not a folder (ENOTDIR)';
    case 'ENOSPC':
      return 'no space left on the device (ENOSPC)';
    default:
      return e.code ? `${e.code}: ${e.message}` : String(err);
  }
}

function statOrNull(p: string, dir: string, src: OutDirSource): Stats | null {
  try {
    return statSync(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR: a file higher up; walking up names it.
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return fail(dir, src, `cannot look at ${p}: ${errnoText(err)}`);
    let link = false;
    try {
      link = lstatSync(p).isSymbolicLink();
    } catch {
      link = false;
    }
    // A dangling symbolic link: creating through it would make a folder elsewhere.
    if (link) fail(dir, src, `${p} is a symbolic link to nothing`);
    return null;
  }
}

function underTree(real: string, tree: string): boolean {
  return real === tree || real.startsWith(`${tree}/`);
}

/**
 * Check an output folder without touching the disk: refuse an empty value,
 * an existing non-folder, a path under /proc, /sys or /dev (other than
 * /dev/shm) or on a kernel pseudo-filesystem, and a folder (or the nearest
 * existing parent of a folder to create) that cannot be written.
 */
export function checkOutDir(dir: string, src: OutDirSource): void {
  if (src.flag !== undefined && src.flag.trim() === '') fail(dir, src, 'the value is empty');
  const target = path.resolve(dir);
  // The deepest part of the path that exists: the folder itself, or the parent the new folders go under.
  let existing = target;
  let st = statOrNull(existing, target, src);
  if (st && !st.isDirectory()) fail(target, src, `${target} is ${kind(st)}, not a folder`);
  while (!st) {
    const parent = path.dirname(existing);
    if (parent === existing) fail(target, src, 'no part of the path exists');
    existing = parent;
    st = statOrNull(existing, target, src);
    if (st && !st.isDirectory()) fail(target, src, `${existing} is ${kind(st)}, so it cannot hold a folder`);
  }
  let real: string;
  try {
    real = realpathSync(existing);
  } catch (err) {
    return fail(target, src, `cannot resolve ${existing}: ${errnoText(err)}`);
  }
  const inside = existing === target ? '' : ` (${path.relative(existing, target)} would be created in ${real})`;
  for (const tree of KERNEL_TREES) {
    if (underTree(real, tree) && !underTree(real, '/dev/shm')) fail(target, src, `it is under ${tree}, a kernel pseudo-filesystem${inside}`);
  }
  let fsType: number | undefined;
  try {
    fsType = statfsSync(real).type;
  } catch {
    fsType = undefined; // statfs unsupported here: the path checks above and the write check below remain.
  }
  const pseudo = fsType !== undefined ? PSEUDO_FS.get(fsType) : undefined;
  if (pseudo) fail(target, src, `it is on ${pseudo}, a kernel pseudo-filesystem${inside}`);
  try {
    accessSync(real, constants.W_OK | constants.X_OK);
  } catch (err) {
    fail(target, src, `${existing === target ? target : `${real}, where it would be created,`} is not writable: ${errnoText(err)}`);
  }
}

/**
 * Check, then create the folder and its missing parents one mkdir at a time
 * (see the banner: never `recursive`, which can spin forever on procfs).
 * Returns the absolute path.
 */
export function makeOutDir(dir: string, src: OutDirSource): string {
  const target = path.resolve(dir);
  checkOutDir(target, src);
  const missing: string[] = [];
  for (let p = target; ; p = path.dirname(p)) {
    let exists = false;
    try {
      exists = statSync(p).isDirectory();
    } catch {
      exists = false;
    }
    if (exists || path.dirname(p) === p) break;
    missing.unshift(p);
  }
  for (const p of missing) {
    try {
      mkdirSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Made meanwhile by another process: fine if it is a folder.
      if (code === 'EEXIST' && statOrNull(p, target, src)?.isDirectory()) continue;
      fail(target, src, `cannot create ${p}: ${errnoText(err)}`);
    }
  }
  return target;
}

/** Check a command's `--out` value (when given) before the command does any work. */
export function checkOutFlag(command: string, value: string | undefined, cwd: string): void {
  if (value === undefined) return;
  checkOutDir(path.resolve(cwd, value), { command, flag: value });
}
