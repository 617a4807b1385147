/**
 * Pseudonymous user ids for imported archives, which hold personal data.
 * By default a raw id becomes `u` + 16 hex digits of SipHash-2-4(key,
 * UTF-8(id)) (see siphash.ts): stable for one key, not reversible without
 * it, so per-user outputs cannot be linked back to accounts by anyone who
 * lacks the key. A key is a 16-byte array, used as is, or a string of any
 * length, stretched to 16 bytes as SipHash-2-4(0¹⁶, 0x00‖UTF-8(s)) ‖
 * SipHash-2-4(0¹⁶, 0x01‖UTF-8(s)). Raw ids are kept only when asked
 * (`keepRawIds: true`). With 64-bit pseudonyms two of 10⁶ users collide
 * with probability ≈ 3·10⁻⁸. Post ids (the source ids `echolab import`
 * writes) use the same hash under the same key with the prefix `p`, so
 * whoever holds the key can join them to raw ids: pseudonym =
 * prefix + sipHash24Hex(key, UTF-8(id)).
 */
import { ParamError } from '../model/errors.js';
import { sipHash24, sipHash24Hex } from './siphash.js';

export interface PseudonymOptions {
  /** Keep the archive's user ids as they are (default false: pseudonymise). */
  readonly keepRawIds?: boolean;
  /** Secret key of the keyed hash: a string, or exactly 16 bytes. Required unless `keepRawIds`. */
  readonly key?: string | Uint8Array;
}

/** Maps a raw user id to the id stored in the output. */
export type IdMapper = (rawId: string) => string;

const utf8 = new TextEncoder();

/** The 16-byte key derived from a string key (construction in the banner). */
export function deriveKey(key: string): Uint8Array {
  const bytes = utf8.encode(key);
  const zero = new Uint8Array(16);
  const out = new Uint8Array(16);
  for (let half = 0; half < 2; half++) {
    const msg = new Uint8Array(bytes.length + 1);
    msg[0] = half;
    msg.set(bytes, 1);
    const [hi, lo] = sipHash24(zero, msg);
    for (let j = 0; j < 4; j++) {
      out[half * 8 + j] = (lo >>> (8 * j)) & 0xff;
      out[half * 8 + 4 + j] = (hi >>> (8 * j)) & 0xff;
    }
  }
  return out;
}

/**
 * The id mapper for `options`: identity with `keepRawIds`, else the keyed
 * hash, written `prefix` + 16 hex digits (`u` for users, `p` for posts).
 */
export function makeIdMapper(module: string, options: PseudonymOptions, prefix = 'u'): IdMapper {
  if (options.keepRawIds === true) return (raw) => raw;
  if (options.keepRawIds !== undefined && options.keepRawIds !== false) throw new ParamError(module, 'keepRawIds', options.keepRawIds, 'true or false');
  const key = options.key;
  let bytes: Uint8Array;
  if (typeof key === 'string' && key.length > 0) bytes = deriveKey(key);
  else if (key instanceof Uint8Array && key.length === 16) bytes = key;
  else throw new ParamError(module, 'key', key, 'a non-empty secret string or 16 bytes (or keepRawIds: true)');
  return (raw) => `${prefix}${sipHash24Hex(bytes, utf8.encode(raw))}`;
}
