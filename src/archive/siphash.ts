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

/**
 * SipHash-2-4 under one key, for hashing many strings: the same function as
 * sipHash24(key, UTF-8(text)), but the key is read once, the UTF-8 bytes go
 * into one reused buffer and the state lives in fields, not an array, so a
 * hash costs no allocation (several times faster for the millions of ids of
 * a large import). The result is left in `hi` and `lo`.
 */
export class SipHasher {
  hi = 0;
  lo = 0;
  private readonly k0h: number;
  private readonly k0l: number;
  private readonly k1h: number;
  private readonly k1l: number;
  private buf = new Uint8Array(256);
  private readonly encoder = new TextEncoder();
  private v0h = 0;
  private v0l = 0;
  private v1h = 0;
  private v1l = 0;
  private v2h = 0;
  private v2l = 0;
  private v3h = 0;
  private v3l = 0;

  constructor(key: Uint8Array) {
    if (key.length !== K) throw new RangeError(`archive/siphash: key has ${key.length} bytes: expected ${K}`);
    this.k0l = readLe32(key, 0);
    this.k0h = readLe32(key, 4);
    this.k1l = readLe32(key, 8);
    this.k1h = readLe32(key, 12);
  }

  private round(): void {
    // v0 += v1; v1 <<<= 13; v1 ^= v0; v0 <<<= 32
    let lo = this.v0l + this.v1l;
    this.v0h = (this.v0h + this.v1h + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    this.v0l = lo >>> 0;
    let h = this.v1h;
    let l = this.v1l;
    this.v1h = (((h << 13) | (l >>> 19)) ^ this.v0h) >>> 0;
    this.v1l = (((l << 13) | (h >>> 19)) ^ this.v0l) >>> 0;
    h = this.v0h;
    this.v0h = this.v0l;
    this.v0l = h;
    // v2 += v3; v3 <<<= 16; v3 ^= v2
    lo = this.v2l + this.v3l;
    this.v2h = (this.v2h + this.v3h + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    this.v2l = lo >>> 0;
    h = this.v3h;
    l = this.v3l;
    this.v3h = (((h << 16) | (l >>> 16)) ^ this.v2h) >>> 0;
    this.v3l = (((l << 16) | (h >>> 16)) ^ this.v2l) >>> 0;
    // v0 += v3; v3 <<<= 21; v3 ^= v0
    lo = this.v0l + this.v3l;
    this.v0h = (this.v0h + this.v3h + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    this.v0l = lo >>> 0;
    h = this.v3h;
    l = this.v3l;
    this.v3h = (((h << 21) | (l >>> 11)) ^ this.v0h) >>> 0;
    this.v3l = (((l << 21) | (h >>> 11)) ^ this.v0l) >>> 0;
    // v2 += v1; v1 <<<= 17; v1 ^= v2; v2 <<<= 32
    lo = this.v2l + this.v1l;
    this.v2h = (this.v2h + this.v1h + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    this.v2l = lo >>> 0;
    h = this.v1h;
    l = this.v1l;
    this.v1h = (((h << 17) | (l >>> 15)) ^ this.v2h) >>> 0;
    this.v1l = (((l << 17) | (h >>> 15)) ^ this.v2l) >>> 0;
    h = this.v2h;
    this.v2h = this.v2l;
    this.v2l = h;
  }

  private block(mh: number, ml: number): void {
    this.v3h = (this.v3h ^ mh) >>> 0;
    this.v3l = (this.v3l ^ ml) >>> 0;
    this.round();
    this.round();
    this.v0h = (this.v0h ^ mh) >>> 0;
    this.v0l = (this.v0l ^ ml) >>> 0;
  }

  /** Hashes UTF-8(text); the result is in `hi` and `lo`. */
  hash(text: string): void {
    if (text.length * 3 + 8 > this.buf.length) this.buf = new Uint8Array(text.length * 3 + 8);
    const b = this.buf;
    const n = this.encoder.encodeInto(text, b).written;
    this.v0h = (this.k0h ^ 0x736f6d65) >>> 0;
    this.v0l = (this.k0l ^ 0x70736575) >>> 0;
    this.v1h = (this.k1h ^ 0x646f7261) >>> 0;
    this.v1l = (this.k1l ^ 0x6e646f6d) >>> 0;
    this.v2h = (this.k0h ^ 0x6c796765) >>> 0;
    this.v2l = (this.k0l ^ 0x6e657261) >>> 0;
    this.v3h = (this.k1h ^ 0x74656462) >>> 0;
    this.v3l = (this.k1l ^ 0x79746573) >>> 0;
    const whole = n - (n % 8);
    for (let i = 0; i < whole; i += 8) this.block(readLe32(b, i + 4), readLe32(b, i));
    // Last block: the remaining bytes, then the length mod 256 in the top byte.
    for (let j = n; j < whole + 7; j++) b[j] = 0;
    b[whole + 7] = n & 0xff;
    this.block(readLe32(b, whole + 4), readLe32(b, whole));
    this.v2l = (this.v2l ^ 0xff) >>> 0;
    for (let r = 0; r < 4; r++) this.round();
    this.hi = (this.v0h ^ this.v1h ^ this.v2h ^ this.v3h) >>> 0;
    this.lo = (this.v0l ^ this.v1l ^ this.v2l ^ this.v3l) >>> 0;
  }
}
