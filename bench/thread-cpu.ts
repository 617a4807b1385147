/**
 * CPU time of the calling thread, in seconds.
 *
 * Why not process.cpuUsage(): it adds every thread of the process (V8's
 * concurrent GC and compiler threads), while the C reference kernels report
 * CLOCK_THREAD_CPUTIME_ID. Node 20 has no process.threadCpuUsage() (added in
 * Node 23.9), so on Linux we read the scheduler's own figure for this
 * thread: the first field of /proc/thread-self/schedstat is the time spent
 * on a CPU, in nanoseconds. Elsewhere we fall back to the process figure and
 * say so.
 */
import { readFileSync } from 'node:fs';

let source: 'thread' | 'process' | null = null;

function readSchedstat(): number | null {
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns / 1e9 : null;
  } catch {
    return null;
  }
}

export function threadCpuSeconds(): number {
  if (source !== 'process') {
    const s = readSchedstat();
    if (s !== null) {
      source = 'thread';
      return s;
    }
    source = 'process';
  }
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Which clock threadCpuSeconds() reads ('thread' on Linux). */
export function threadCpuSource(): 'thread' | 'process' {
  if (source === null) threadCpuSeconds();
  return source ?? 'process';
}
