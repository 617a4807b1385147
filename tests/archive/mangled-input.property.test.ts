/**
 * Robustness of the propagation-tree parser: mangled input (truncated lines,
 * wrong types, huge numbers, `__proto__` and other prototype names as ids,
 * random bytes) never crashes it with anything but an InputError (strict) or
 * a report (lenient), never touches Object.prototype, and every tree it
 * returns is a valid cascade tree whose counts add up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePostTable } from '../../src/archive/parse-post-table.js';
import { parsePropagationTree } from '../../src/archive/parse-propagation-tree.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
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

describe('propagation-tree parser on mangled input', () => {
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
});
