/**
 * A short, stable fingerprint of numeric arrays (FNV-1a over the IEEE-754
 * bytes, two 32-bit lanes): identical in every JavaScript engine, so a run's
 * trajectory can be compared across Node, worker threads and browsers, and
 * stored as a golden value. Not cryptographic.
 */
export function fingerprint(...arrays: ReadonlyArray<ArrayLike<number>>): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const buf = new Float64Array(1);
  const bytes = new Uint8Array(buf.buffer);
  for (const arr of arrays) {
    // Mix in the length so [1],[2] and [1,2] differ.
    buf[0] = arr.length;
    for (let b = 0; b < 8; b++) {
      h1 = Math.imul(h1 ^ bytes[b], 0x01000193);
      h2 = Math.imul(h2 ^ bytes[7 - b], 0x01000193);
    }
    for (let i = 0; i < arr.length; i++) {
      // Normalise −0 to 0 and every NaN to one pattern, so equal values hash equal.
      const x = arr[i];
      buf[0] = x === 0 ? 0 : Number.isNaN(x) ? NaN : x;
      for (let b = 0; b < 8; b++) {
        h1 = Math.imul(h1 ^ bytes[b], 0x01000193);
        h2 = Math.imul(h2 ^ bytes[7 - b], 0x01000193);
      }
    }
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
