import { describe, expect, it } from 'vitest';
import { makeIdMapper, deriveKey } from '../../src/archive/pseudonymise.js';
import { sipHash24Hex } from '../../src/archive/siphash.js';
import { ParamError } from '../../src/model/errors.js';

const key = Uint8Array.from({ length: 16 }, (_, i) => i);
const msg = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i);

describe('SipHash-2-4', () => {
  // Aumasson & Bernstein (2012), Appendix A: key 00..0f, message 00..0e.
  it('matches the test vector of the paper', () => {
    expect(sipHash24Hex(key, msg(15))).toBe('a129ca6149be45e5');
  });
  // Reference implementation's vectors.h (little-endian bytes shown reversed): lengths 0, 1, 8, 63.
  it('matches the reference vectors for empty, short, one-block and long messages', () => {
    expect(sipHash24Hex(key, msg(0))).toBe('726fdb47dd0e0e31');
    expect(sipHash24Hex(key, msg(1))).toBe('74f839c593dc67fd');
    expect(sipHash24Hex(key, msg(8))).toBe('93f5f5799a932462');
    expect(sipHash24Hex(key, msg(63))).toBe('958a324ceb064572');
  });
  it('rejects keys that are not 16 bytes', () => {
    expect(() => sipHash24Hex(new Uint8Array(8), msg(1))).toThrow(RangeError);
  });
});

describe('pseudonymised user ids', () => {
  it('are keyed: stable for one key, different for another, not the raw id', () => {
    const a = makeIdMapper('t', { key: 'secret-a' });
    const b = makeIdMapper('t', { key: 'secret-b' });
    expect(a('39364684')).toMatch(/^u[0-9a-f]{16}$/);
    expect(a('39364684')).toBe(a('39364684'));
    expect(a('39364684')).not.toBe(b('39364684'));
    expect(a('39364684')).not.toBe(a('39364685'));
    expect(a('39364684')).not.toContain('39364684');
  });
  it('a string key is stretched to 16 bytes as documented', () => {
    const k = deriveKey('secret-a');
    expect(k.length).toBe(16);
    const direct = makeIdMapper('t', { key: k });
    expect(direct('x')).toBe(makeIdMapper('t', { key: 'secret-a' })('x'));
  });
  it('raw ids only when asked; no key and no keepRawIds is an error naming the field', () => {
    expect(makeIdMapper('t', { keepRawIds: true })('39364684')).toBe('39364684');
    expect(() => makeIdMapper('t', {})).toThrow(ParamError);
    expect(() => makeIdMapper('t', {})).toThrow(/`key`/);
    expect(() => makeIdMapper('t', { key: new Uint8Array(5) })).toThrow(ParamError);
  });
});
