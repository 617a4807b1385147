/**
 * CSV of posts as RFC 4180 (csv-parse) and the "no parent" markers.
 * Property: a forest of posts whose ids, users, labels and an extra text
 * column are arbitrary text (commas, quotes, line breaks, blanks, unicode),
 * written by an independent RFC 4180 writer in any column order, with LF or
 * CRLF and with or without a BOM, imports to exactly the cascades the
 * forest defines (worked out here from the forest, not by the importer).
 * By hand: the quoted line break that used to make rows malformed, and the
 * parent_id values understood as "no parent" (empty, ROOT in any case,
 * -1) or explained (any other id that has no row).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';
import { parsePostTable } from '../../src/io/parse-post-table.js';
import { InputError } from '../../src/model/errors.js';
import { thrown } from '../support/thrown.js';
import { rfc4180Write, type Rfc4180Style } from '../support/rfc4180-writer.js';

const raw = makeIdMapper('t', { keepRawIds: true });

const piece = fc.oneof(fc.constantFrom(',', '"', '\n', '\r\n', ' ', 'é', '😀', '\ufeff', "'", '=', '#', 'x'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }));
const text = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
/** An id: not blank once trimmed, and not a "no parent" marker. */
const id = text.filter((s) => s.trim() !== '' && !/^(?:root|-1)$/i.test(s.trim()));

interface Forest {
  /** Parent of post i: −1 (a source) or an earlier post. */
  readonly parent: number[];
  readonly ids: string[];
  readonly users: string[];
  readonly labels: string[];
  readonly texts: string[];
  /** How each source writes its missing parent. */
  readonly marker: string[];
}

const forest: fc.Arbitrary<Forest> = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    parent: fc.tuple(...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(-1) : fc.integer({ min: -1, max: i - 1 })))),
    ids: fc.uniqueArray(id, { minLength: n, maxLength: n, selector: (s) => s.trim() }),
    users: fc.array(fc.constantFrom(0, 1, 2), { minLength: n, maxLength: n }).chain((picks) => fc.tuple(id, id, id).map((pool) => picks.map((k) => pool[k]))),
    labels: fc.array(text, { minLength: n, maxLength: n }),
    texts: fc.array(text, { minLength: n, maxLength: n }),
    marker: fc.array(fc.constantFrom('', 'ROOT', 'root', 'Root', '-1'), { minLength: n, maxLength: n }),
  }),
);

/** The cascades of `f`, worked out directly: one per source, entries in post order (times 0, 1, 2, ... increase with the index). */
function expected(f: Forest): unknown[] {
  const rootOf = f.parent.map(() => -1);
  f.parent.forEach((p, i) => (rootOf[i] = p === -1 ? i : rootOf[p]));
  const out: unknown[] = [];
  f.parent.forEach((p, s) => {
    if (p !== -1) return;
    const members = f.parent.map((_, i) => i).filter((i) => rootOf[i] === s);
    const local = new Map(members.map((i, k) => [i, k]));
    const users: string[] = [];
    for (const i of members) if (!users.includes(f.users[i].trim())) users.push(f.users[i].trim());
    out.push({
      sourceId: f.ids[s].trim(),
      label: f.labels[s].trim() === '' ? undefined : f.labels[s].trim(),
      parent: members.map((i) => (i === s ? -1 : (local.get(f.parent[i]) as number))),
      time: members.map((i) => i - s),
      node: members.map((i) => users.indexOf(f.users[i].trim())),
      users,
    });
  });
  return out;
}

const style: fc.Arbitrary<Rfc4180Style> = fc.record({ eol: fc.constantFrom('\n' as const, '\r\n' as const), quoteAll: fc.boolean(), bom: fc.boolean(), finalEol: fc.boolean() });
const COLUMNS = ['post_id', 'parent_id', 'user_id', 'timestamp', 'label', 'text'] as const;

describe('CSV of posts, RFC 4180', () => {
  it('property: a forest with arbitrary text in every cell, written by a reference RFC 4180 writer, imports to exactly its cascades', () => {
    fc.assert(
      fc.property(forest, style, fc.shuffledSubarray([...COLUMNS], { minLength: COLUMNS.length }), (f, s, order) => {
        const cellOf = (col: (typeof COLUMNS)[number], i: number): string => {
          if (col === 'post_id') return f.ids[i];
          if (col === 'parent_id') return f.parent[i] === -1 ? f.marker[i] : f.ids[f.parent[i]];
          if (col === 'user_id') return f.users[i];
          if (col === 'timestamp') return String(i);
          if (col === 'label') return f.labels[i];
          return f.texts[i];
        };
        const rows = [order.map((c) => c.toUpperCase()), ...f.parent.map((_, i) => order.map((c) => cellOf(c, i)))];
        const r = parsePostTable(rfc4180Write(rows, s), { file: 'p.csv', mapId: raw, strict: true });
        expect(r.report.problems).toEqual([]);
        expect(r.report.counts).toMatchObject({ lines: f.parent.length, malformedLines: 0, unreachableNodesDropped: 0 });
        expect(r.cascades.map((c) => ({ sourceId: c.sourceId, label: c.label, parent: [...c.tree.parent], time: [...c.tree.time], node: [...c.tree.node], users: [...c.users] }))).toEqual(expected(f));
      }),
      { numRuns: 200 },
    );
  });

  it('a quoted line break in a text column (it used to split the row: malformed rows, lost cascades)', () => {
    const table = [
      'post_id,parent_id,user_id,timestamp,text',
      's1,,a,0,"first line',
      'second line, with a comma"',
      'r1,s1,b,1,"say ""hi""',
      '',
      'after a blank line inside the quotes"',
      'r2,r1,c,2,plain',
      's2,,d,5,"x\r\ny"',
    ].join('\n');
    const r = parsePostTable(table, { file: 'p.csv', mapId: raw });
    expect(r.report.problems).toEqual([]);
    expect(r.report.counts).toMatchObject({ lines: 4, malformedLines: 0 });
    expect(r.cascades.map((c) => [c.sourceId, [...c.tree.parent], [...c.tree.time]])).toEqual([
      ['s1', [-1, 0, 1], [0, 1, 2]],
      ['s2', [-1], [0]],
    ]);
  });

  it('parent_id: empty, ROOT (any case) and -1 mean a source post; any other id without a row is explained by line and field, without its content', () => {
    const table = [
      'post_id,parent_id,user_id,timestamp',
      'a,,u1,0',
      'b,ROOT,u2,0',
      'c,root,u3,0',
      'd,-1,u4,0',
      'e,a,u5,1',
      'f,rawid-secret-77,u6,2',
      'g,f,u7,3',
      'h,NA,u8,4',
    ].join('\n');
    const r = parsePostTable(table, { file: 'p.csv', mapId: raw, strict: true });
    expect(r.cascades.map((c) => [c.sourceId, c.tree.parent.length])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 1],
      ['d', 1],
    ]);
    expect(r.report.unknownParents).toBe(2);
    expect(r.report.problems.map((p) => [p.line, p.field])).toEqual([
      [7, 'parent_id'],
      [9, 'parent_id'],
    ]);
    for (const p of r.report.problems) {
      expect(p.message).toMatch(/^parent_id: names no post that has a row of its own.*empty parent_id, ROOT or -1/);
      expect(p.message).not.toContain('rawid');
    }
    // f, g (under f) and h are left out: unreachable, with the two parents named but never given a row.
    expect(r.report.counts.unreachableNodesDropped).toBe(5);
    // A marker cannot be a post id.
    const err = thrown(() => parsePostTable('post_id,parent_id,user_id,timestamp\nROOT,,u1,0\n', { file: 'p.csv', mapId: raw, strict: true }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe('p.csv:2: malformed post row: post_id: ROOT and -1 mean "no parent" in parent_id and cannot be post ids');
  });

  it('a header that is not valid CSV is an error naming its line; a broken row later is one malformed row', () => {
    const header = thrown(() => parsePostTable('# exported\npost_id,"parent_id,user_id,timestamp\n', { file: 'p.csv', mapId: raw }));
    expect(header).toBeInstanceOf(InputError);
    expect((header as InputError).message).toMatch(/^p\.csv:2: header: unterminated quoted field/);
    const r = parsePostTable('post_id,parent_id,user_id,timestamp\ns,,a,0\nr,s,"b,1\nq,s,c,2\n', { file: 'p.csv', mapId: raw });
    expect(r.report.problems.map((p) => [p.line, p.message])).toEqual([[3, expect.stringMatching(/^unterminated quoted field/)]]);
    expect(r.cascades.map((c) => c.tree.parent.length)).toEqual([2]);
  });
});
