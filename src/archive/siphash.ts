/**
 * SipHash-2-4 (Aumasson & Bernstein, "SipHash: a fast short-input PRF",
 * INDOCRYPT 2012), a keyed 64-bit hash, in pure TypeScript so archive user
 * ids can be pseudonymised without node:crypto (the parsers must also run in
 * the browser). 64-bit words are held as (hi, lo) uint32 pairs because
 * BigInt arithmetic is far slower for the ~10^6 ids of an archive.
 * Checked against the reference test vectors of the paper (key 00..0f,
 * messages 00..(n−1)).
 */

const K = 16;
// State layout: v0h v0l v1h v1l v2h v2l v3h v3l.
type State = Uint32Array;

function add(s: State, a: number, b: number): void {
  // s[a] += s[b] (64-bit, words at a and b).
  const lo = s[a + 1] + s[b + 1];
  s[a] = (s[a] + s[b] + (lo > 0xffffffff ? 1 : 0)) >>> 0;
  s[a + 1] = lo >>> 0;
}

function rotl(s: State, a: number, n: number): void {
  const h = s[a];
  const l = s[a + 1];
  if (n === 32) {
    s[a] = l;
    s[a + 1] = h;
    return;
  }
  s[a] = ((h << n) | (l >>> (32 - n))) >>> 0;
  s[a + 1] = ((l << n) | (h >>> (32 - n))) >>> 0;
}

function xor(s: State, a: number, b: number): void {
  s[a] = (s[a] ^ s[b]) >>> 0;
  s[a + 1] = (s[a + 1] ^ s[b + 1]) >>> 0;
}

const V0 = 0;
const V1 = 2;
const V2 = 4;
const V3 = 6;

function sipRound(s: State): void {
  add(s, V0, V1);
  rotl(s, V1, 13);
  xor(s, V1, V0);
  rotl(s, V0, 32);
  add(s, V2, V3);
  rotl(s, V3, 16);
  xor(s, V3, V2);
  add(s, V0, V3);
  rotl(s, V3, 21);
  xor(s, V3, V0);
  add(s, V2, V1);
  rotl(s, V1, 17);
  xor(s, V1, V2);
  rotl(s, V2, 32);
}

function readLe32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

/**
 * SipHash-2-4 of `message` under a 16-byte `key`, as [hi, lo] uint32 halves
 * of the 64-bit result (the reference implementation writes it little-endian).
 */
export function sipHash24(key: Uint8Array, message: Uint8Array): [number, number] {
  if (key.length !== K) throw new RangeError(`archive/siphash: key has ${key.length} bytes: expected ${K}`);
  const k0l = readLe32(key, 0);
  const k0h = readLe32(key, 4);
  const k1l = readLe32(key, 8);
  const k1h = readLe32(key, 12);
  const s: State = new Uint32Array(10);
  s[0] = (k0h ^ 0x736f6d65) >>> 0;
  s[1] = (k0l ^ 0x70736575) >>> 0;
  s[2] = (k1h ^ 0x646f7261) >>> 0;
  s[3] = (k1l ^ 0x6e646f6d) >>> 0;
  s[4] = (k0h ^ 0x6c796765) >>> 0;
  s[5] = (k0l ^ 0x6e657261) >>> 0;
  s[6] = (k1h ^ 0x74656462) >>> 0;
  s[7] = (k1l ^ 0x79746573) >>> 0;
  const n = message.length;
  const whole = n - (n % 8);
  const M = 8; // s[8], s[9] hold the current message word.
  for (let i = 0; i <= whole; i += 8) {
    if (i < whole) {
      s[M + 1] = readLe32(message, i);
      s[M] = readLe32(message, i + 4);
    } else {
      // Last block: the remaining bytes, then the length mod 256 in the top byte.
      const tail = new Uint8Array(8);
      for (let j = 0; j < n - whole; j++) tail[j] = message[whole + j];
      tail[7] = n & 0xff;
      s[M + 1] = readLe32(tail, 0);
      s[M] = readLe32(tail, 4);
    }
    xor(s, V3, M);
    sipRound(s);
    sipRound(s);
    xor(s, V0, M);
  }
  s[5] = (s[5] ^ 0xff) >>> 0;
  for (let r = 0; r < 4; r++) sipRound(s);
  const hi = (s[0] ^ s[2] ^ s[4] ^ s[6]) >>> 0;
  const lo = (s[1] ^ s[3] ^ s[5] ^ s[7]) >>> 0;
  return [hi, lo];
}

/** The 64-bit SipHash-2-4 value as 16 lowercase hex digits (most significant first). */
export function sipHash24Hex(key: Uint8Array, message: Uint8Array): string {
  const [hi, lo] = sipHash24(key, message);
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
