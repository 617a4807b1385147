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

const encoder = new TextEncoder();

function readLe32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

export class SipHasher {
  hi = 0;
  lo = 0;
  private readonly k0h: number;
  private readonly k0l: number;
  private readonly k1h: number;
  private readonly k1l: number;
  /** UTF-8 of the last string hashed (allocated on first use, grown when needed). */
  private buf: Uint8Array | undefined;
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
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.buf === undefined || text.length * 3 > this.buf.length) this.buf = new Uint8Array(Math.max(256, text.length * 3));
    this.hashBytes(this.buf, encoder.encodeInto(text, this.buf).written);
  }

  /** Hashes bytes[0, n); the result is in `hi` and `lo`. */
  hashBytes(b: Uint8Array, n: number = b.length): void {
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
    // Last block: the remaining bytes (little-endian), then the length mod 256 in the top byte.
    let lo = 0;
    let hi = (n & 0xff) << 24;
    for (let j = whole; j < n; j++) {
      const k = j - whole;
      if (k < 4) lo |= b[j] << (8 * k);
      else hi |= b[j] << (8 * (k - 4));
    }
    this.block(hi >>> 0, lo >>> 0);
    this.v2l = (this.v2l ^ 0xff) >>> 0;
    for (let r = 0; r < 4; r++) this.round();
    this.hi = (this.v0h ^ this.v1h ^ this.v2h ^ this.v3h) >>> 0;
    this.lo = (this.v0l ^ this.v1l ^ this.v2l ^ this.v3l) >>> 0;
  }
}

/**
 * SipHash-2-4 of `message` under a 16-byte `key`, as [hi, lo] uint32 halves
 * of the 64-bit result (the reference implementation writes it little-endian).
 */
export function sipHash24(key: Uint8Array, message: Uint8Array): [number, number] {
  const h = new SipHasher(key);
  h.hashBytes(message);
  return [h.hi, h.lo];
}

/** The 64-bit SipHash-2-4 value as 16 lowercase hex digits (most significant first). */
export function sipHash24Hex(key: Uint8Array, message: Uint8Array): string {
  const [hi, lo] = sipHash24(key, message);
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
