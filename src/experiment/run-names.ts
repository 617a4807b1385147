/**
 * Names of runs, safe as directory names on every common file system: the
 * swept values in declaration order and the replicate,
 * `epsilon=0.2,mu=0.5__r3` (`r3` when nothing is swept). Characters other
 * than letters, digits and `. _ + -` are percent-encoded (UTF-8), so `=`,
 * `,`, `/` or spaces inside a text value cannot break the name apart; names
 * longer than MAX_NAME_LENGTH keep a prefix and a hash of the whole.
 */
import type { ParamValue } from './experiment-types.js';

/** Well below the 255-byte limit of a path component. */
export const MAX_NAME_LENGTH = 200;

/** A value as written in a run name (before encoding): numbers as JavaScript prints them. */
export function formatParamValue(value: ParamValue): string {
  return typeof value === 'number' && Object.is(value, -0) ? '0' : String(value);
}

/** Percent-encode everything outside [A-Za-z0-9._+-]. */
export function encodeNamePart(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9._+-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable tag for over-long names. */
function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The part of a run name before `__r<k>`: `key=value` pairs in `order`. */
export function pointName(params: Readonly<Record<string, ParamValue>>, order: readonly string[]): string {
  const full = order.map((k) => `${encodeNamePart(k)}=${encodeNamePart(formatParamValue(params[k]))}`).join(',');
  return full.length <= MAX_NAME_LENGTH - 12 ? full : `${full.slice(0, MAX_NAME_LENGTH - 30)}~${hash32(full)}`;
}

export function runName(params: Readonly<Record<string, ParamValue>>, order: readonly string[], replicate: number): string {
  return order.length === 0 ? `r${replicate}` : `${pointName(params, order)}__r${replicate}`;
}
