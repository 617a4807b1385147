/**
 * Robustness of the archive parsers (propagation trees, post tables with
 * protected/deletion filters, deletions files, the incremental Twitter v2
 * parser with includes.tweets, bytes that are not UTF-8 split and decoded
 * as the streaming reader does): mangled input (truncated lines,
 * wrong types, huge numbers, `__proto__` and other prototype names as ids,
 * random bytes) never crashes it with anything but an InputError (strict) or
 * a report (lenient), never touches Object.prototype, and every tree it
 * returns is a valid cascade tree whose counts add up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeletions } from '../../src/archive/parse-deletions.js';
import { parsePostTable } from '../../src/io/parse-post-table.js';
import { TwitterV2Accumulator } from '../../src/archive/parse-twitter-v2.js';
import { parsePropagationTree } from '../../src/archive/parse-propagation-tree.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { Utf8LineSplitter } from '../../src/archive/utf8-lines.js';
import { InputError } from '../../src/model/errors.js';
import { treeDefect } from './tree-checks.js';

const ids = fc.constantFrom('1', '2', '3', '4', '5', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'ROOT', '', "a'b", '9'.repeat(40));
const delays = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -100, max: 100 }).map(String),
  fc.constantFrom('1e308', '-1e308', '1e999', '-0', 'NaN', 'Infinity', '', 'abc', '0x10', '1.5.2', '.5', '5.'),
);
const triple = fc.tuple(ids, fc.constantFrom('100', '101', 'ROOT', '__proto__'), delays).map(([u, t, d]) => `['${u}', '${t}', '${d}']`);
const edge = fc.tuple(triple, triple).map(([a, b]) => `${a}->${b}`);
const rootLine = ids.map((u) => `['ROOT', 'ROOT', '0.0']->['${u}', '100', '0.0']`);
const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uint8Array({ maxLength: 40 }).map((b) => String.fromCharCode(...b)),
  fc.tuple(edge, fc.nat(80)).map(([s, k]) => s.slice(0, k)),
);
const line = fc.oneof({ weight: 5, arbitrary: edge }, { weight: 1, arbitrary: rootLine }, { weight: 2, arbitrary: junk });
const file = fc.tuple(fc.option(rootLine, { nil: undefined }), fc.array(line, { maxLength: 40 })).map(([r, ls]) => (r === undefined ? ls : [r, ...ls]).join('\n'));

const mapId = makeIdMapper('t', { key: 'property' });

function prototypeClean(): boolean {
  return Object.getOwnPropertyNames(Object.prototype).every((k) => typeof (Object.prototype as Record<string, unknown>)[k] === 'function' || k === '__proto__') &&
    ({} as Record<string, unknown>).polluted === undefined;
}

describe('archive parsers on mangled input', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();

  it('lenient: always a report; any tree is valid and the counts add up', () => {
    fc.assert(
      fc.property(file, (text) => {
        const { cascade, report } = parsePropagationTree(text, { file: 'm.txt', mapId });
        const nonBlank = text.split(/\r\n|\n|\r/).filter((s) => s.trim() !== '').length;
        expect(report.counts.lines).toBe(nonBlank);
        expect(report.problems.length + report.problemsOmitted).toBeGreaterThanOrEqual(report.counts.malformedLines);
        for (const p of report.problems) if (p.line !== undefined) expect(p.line).toBeGreaterThan(0);
        if (cascade !== undefined) {
          expect(treeDefect(cascade.tree, cascade.users.length)).toBeUndefined();
          expect(cascade.users.every((u) => /^u[0-9a-f]{16}$/.test(u))).toBe(true);
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
        expect(prototypeClean()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('strict: a valid tree, or an InputError naming the file (and the line when one is at fault)', () => {
    fc.assert(
      fc.property(file, (text) => {
        try {
          const { cascade, report } = parsePropagationTree(text, { file: 'm.txt', mapId, strict: true });
          expect(report.counts.malformedLines).toBe(0);
          expect(cascade).toBeDefined();
          if (cascade !== undefined) expect(treeDefect(cascade.tree, cascade.users.length)).toBeUndefined();
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).file).toBe('m.txt');
          if ((err as InputError).line !== undefined) expect((err as InputError).message).toMatch(/^m\.txt:\d+: /);
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('clean trees are read back exactly whatever the order of their edge lines', () => {
    // A random tree with distinct increasing times: edges shuffled (ROOT line kept first) must give the same entries.
    const treeArb = fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 }).chain((raw) =>
      fc.shuffledSubarray(
        raw.map((r, i) => i),
        { minLength: raw.length, maxLength: raw.length },
      ).map((order) => ({ parents: raw.map((r, i) => r % (i + 1)), order })),
    );
    fc.assert(
      fc.property(treeArb, ({ parents, order }) => {
        // Node k+1 has parent parents[k] (0..k) and time k+1; node 0 is the source.
        const edgeLine = (k: number): string => `['${parents[k]}', '100', '${parents[k] === 0 ? 0 : parents[k]}.0']->['${k + 1}', '100', '${k + 1}.0']`;
        const text = ["['ROOT', 'ROOT', '0.0']->['0', '100', '0.0']", ...order.map(edgeLine)].join('\n');
        const { cascade, report } = parsePropagationTree(text, { file: 't.txt', mapId: makeIdMapper('t', { keepRawIds: true }) });
        expect(report.counts).toMatchObject({ malformedLines: 0, duplicateLines: 0, extraParentsDropped: 0, unreachableNodesDropped: 0 });
        expect(cascade?.users).toEqual(parents.map((_, k) => String(k)).concat(String(parents.length)).sort((a, b) => Number(a) - Number(b)));
        expect([...(cascade?.tree.parent ?? [])]).toEqual([-1, ...parents]);
        expect([...(cascade?.tree.time ?? [])]).toEqual(parents.map((_, k) => k).concat(parents.length));
      }),
      { numRuns: 100 },
    );
  });

  it('post tables: lenient never throws on mangled rows, strict only InputErrors; trees valid', () => {
    const cell = fc.oneof(ids, delays, fc.string({ maxLength: 6 }), fc.constant('"unterminated'));
    const row = fc.oneof(
      fc.tuple(fc.constantFrom('p1', 'p2', 'p3', '__proto__', 'constructor'), fc.constantFrom('', 'p1', 'p2', '__proto__', 'x'), ids, delays).map((f) => f.join(',')),
      fc.array(cell, { maxLength: 6 }).map((f) => f.join(',')),
    );
    const table = fc.array(row, { maxLength: 30 }).map((rows) => ['post_id,parent_id,user_id,timestamp', ...rows].join('\n'));
    fc.assert(
      fc.property(table, (text) => {
        const lenient = parsePostTable(text, { file: 'p.csv', mapId });
        for (const c of lenient.cascades) expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
        try {
          parsePostTable(text, { file: 'p.csv', mapId, strict: true });
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).line).toBeGreaterThan(1);
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('post tables with a protected column and deletions: counts add up, drops counted once', () => {
    const flag = fc.constantFrom('', 'true', '1', 'yes', 'false', '0', 'no', 'TRUE', 'maybe', '__proto__');
    const post = fc.constantFrom('p1', 'p2', 'p3', 'p4', '__proto__', 'constructor');
    const row = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(post, fc.constantFrom('', 'p1', 'p2', 'p3', '__proto__', 'x'), ids, fc.integer({ min: -5, max: 20 }).map(String), flag).map((f) => f.join(',')) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    );
    const table = fc.array(row, { maxLength: 30 }).map((rows) => ['post_id,parent_id,user_id,timestamp,protected', ...rows].join('\n'));
    fc.assert(
      fc.property(table, fc.subarray(['p1', 'p2', '__proto__', 'x']), fc.boolean(), (text, deleted, keepProtected) => {
        const r = parsePostTable(text, { file: 'p.csv', mapId, deletions: new Set(deleted), keepProtected });
        let entries = 0;
        for (const c of r.cascades) {
          expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
          entries += c.tree.parent.length;
        }
        if (keepProtected) expect(r.report.privacy.protectedDropped).toBe(0);
        // Each distinct post id ends in one place: a cascade, a privacy drop, or the unreachable count.
        const named = new Set<string>();
        for (const line of text.split('\n').slice(1)) {
          const f = line.split(',');
          if (f.length === 5 && f[0] !== '' && f[2] !== '') {
            named.add(f[0]);
            if (f[1] !== '') named.add(f[1]);
          }
        }
        expect(entries + r.report.privacy.protectedDropped + r.report.privacy.deletedDropped + r.report.counts.unreachableNodesDropped).toBeLessThanOrEqual(named.size);
        expect(r.report.counts.unreachableNodesDropped).toBeGreaterThanOrEqual(0);
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('deletions files: never throw leniently, ids kept in a Set', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(ids, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 20 }), (ls) => {
        const { ids: got, report } = parseDeletions(ls.join('\n'), { file: 'd.txt' });
        for (const id of got) expect(id).toMatch(/^[^\s,;]+$/);
        expect(report.problems.length + report.problemsOmitted).toBe(report.counts.malformedLines);
        expect(prototypeClean()).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('Twitter v2 accumulator: mangled pages with includes.tweets, invalid UTF-8, several files; strict throws exactly when lenient reports', () => {
    const idv = fc.oneof({ weight: 10, arbitrary: fc.constantFrom('"1"', '"2"', '"3"', '"4"', '"5"') }, { weight: 1, arbitrary: fc.constantFrom('"__proto__"', '"constructor"', '1e999', '12345678901234567890123', 'null', '{}', '""') });
    const when = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 99 }).map((m) => `"2021-06-01T00:${String(m % 60).padStart(2, '0')}:00Z"`) }, { weight: 1, arbitrary: fc.constantFrom('1e308', '"2021-02-30T00:00:00Z"', '[]', '"now"') });
    const refType = fc.constantFrom('"retweeted"', '"replied_to"', '"quoted"', '"mentioned"', '7');
    const tweet = fc
      .tuple(idv, idv, when, fc.option(fc.tuple(refType, idv), { nil: undefined }), fc.constantFrom('', ', "__proto__": {"polluted": 1}', ', "author": {"id": "2", "protected": true}', ', "author": 5'))
      .map(([id, a, d, r, x]) => `{"id": ${id}, "author_id": ${a}, "created_at": ${d}${r === undefined ? '' : `, "referenced_tweets": [{"type": ${r[0]}, "id": ${r[1]}}]`}${x}}`);
    const page = fc
      .tuple(fc.array(tweet, { maxLength: 3 }), fc.array(tweet, { maxLength: 3 }), fc.constantFrom('[]', '[{"id": "3", "protected": true}]', '{}', '[{"id": "__proto__", "protected": "yes"}]'), fc.constantFrom('tweets', '__proto__', 'users'))
      .map(([d, inc, users, key]) => `{"data": [${d.join(', ')}], "includes": {"${key}": [${inc.join(', ')}], "users": ${users}}}`);
    const bytes = fc.oneof(
      { weight: 6, arbitrary: fc.oneof(tweet, page).map((s) => new TextEncoder().encode(s)) },
      { weight: 1, arbitrary: fc.tuple(fc.oneof(tweet, page), fc.nat(80)).map(([s, k]) => new TextEncoder().encode(s.slice(0, k))) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }) },
      { weight: 1, arbitrary: fc.tuple(tweet, fc.nat(60), fc.constantFrom(0xff, 0xc3, 0xe2, 0x80)).map(([s, k, b]) => { const e = new TextEncoder().encode(s); const out = new Uint8Array(e); if (out.length > 0) out[k % out.length] = b; return out; }) },
    );
    const files = fc.array(fc.array(bytes, { maxLength: 12 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(files, fc.boolean(), (fs, keepProtected) => {
        const run = (strict: boolean): ReturnType<TwitterV2Accumulator['finish']> => {
          const acc = new TwitterV2Accumulator({ file: 'export', mapId, strict, keepProtected, deletions: new Set(['2']) });
          fs.forEach((ls, f) => {
            // As the streaming reader: bytes split into lines, each decoded strictly (a line that is not UTF-8 is malformed).
            const lines = new Utf8LineSplitter(
              (l, k) => acc.addLine(l, k, `f${f}.jsonl`),
              (k, byte) => acc.addInvalidLine(k, byte, `f${f}.jsonl`),
            );
            lines.push(concat(ls));
            lines.end();
          });
          return acc.finish();
        };
        const r = run(false);
        let entries = 0;
        for (const c of r.cascades) {
          expect(treeDefect(c.tree, c.users.length)).toBeUndefined();
          expect(c.users.every((u) => /^u[0-9a-f]{16}$/.test(u))).toBe(true);
          entries += c.tree.parent.length;
        }
        const tw = r.report.twitter;
        expect(entries + tw.protectedDropped + tw.deletedDropped + r.report.counts.unreachableNodesDropped + r.report.counts.duplicateLines).toBeLessThanOrEqual(tw.tweets + tw.includedTweets);
        expect(r.report.problems.length + r.report.problemsOmitted).toBe(r.report.counts.malformedLines);
        for (const p of r.report.problems) {
          expect(p.file).toMatch(/^f\d\.jsonl$/);
          expect(p.line).toBeGreaterThan(0);
        }
        let err: unknown;
        try {
          run(true);
        } catch (e) {
          err = e;
        }
        if (r.report.counts.malformedLines > 0) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).file).toBe(r.report.problems[0].file);
          expect((err as InputError).line).toBe(r.report.problems[0].line);
        } else expect(err).toBeUndefined();
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
        expect(prototypeClean()).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const nl = 1;
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length + nl, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    out[at + p.length] = 0x0a;
    at += p.length + nl;
  }
  return out;
}
