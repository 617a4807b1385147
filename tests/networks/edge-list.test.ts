import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import type { ImportedNetwork } from '../../src/model/import/imported-network.js';
import { parseEdgeList } from '../../src/model/import/parse-edge-list.js';
import { parseNodeTable } from '../../src/model/import/parse-node-table.js';
import { writeEdgeList } from '../../src/model/import/write-edge-list.js';
import { fixture } from './fixtures.js';
import { inputError } from './network-helpers.js';

/** Edge records as (source id, target id) pairs, independent of the numbering. */
function namedEdges(net: ImportedNetwork): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let e = 0; e < net.edges.m; e++) out.push([net.ids[net.edges.src[e]], net.ids[net.edges.dst[e]]]);
  return out;
}

describe('parseEdgeList on fixtures', () => {
  it('CSV with a detected header, comments, blank lines, a quoted id with a comma and weights', () => {
    const net = parseEdgeList(fixture('follows-with-header.csv'), { file: 'follows-with-header.csv' });
    expect(net.format).toBe('edgelist');
    expect(net.directed).toBe(true);
    expect(net.records).toBe(5);
    expect(net.ids).toEqual(['alice', 'bob', 'carol, jr.', 'dave']);
    expect(namedEdges(net)).toEqual([
      ['alice', 'bob'],
      ['bob', 'alice'],
      ['alice', 'carol, jr.'],
      ['carol, jr.', 'dave'],
      ['dave', 'alice'],
    ]);
    expect(net.edgeAttributes).toEqual({ weight: [1.5, 2, 0.25, 0.001, 3] });
    expect(net.source).toBe('follows-with-header.csv');
  });

  it('blank-separated numeric ids without header, % and # comments, a self-loop kept as a record', () => {
    const net = parseEdgeList(fixture('follows.txt'), { directed: false });
    expect(net.directed).toBe(false);
    expect(net.ids).toEqual(['10', '20', '30', '40']);
    expect(net.records).toBe(5);
    expect(namedEdges(net)).toEqual([
      ['10', '20'],
      ['20', '30'],
      ['30', '10'],
      ['10', '30'],
      ['40', '40'],
    ]);
    expect(net.edgeAttributes).toEqual({});
  });

  it('a node table fixes the node order, adds isolated nodes and attaches attributes', () => {
    const net = parseEdgeList(fixture('follows-with-header.csv'), { nodes: fixture('nodes.csv'), nodesFile: 'nodes.csv' });
    expect(net.ids).toEqual(['alice', 'bob', 'carol, jr.', 'dave', 'erin']);
    expect(net.edges.n).toBe(5);
    expect(net.attributes).toEqual({ label: ['Alice A.', 'Bob B.', 'Carol', 'Dave', 'Erin'], leaning: [0, 1, 0, 1, null] });
    expect(namedEdges(net)[3]).toEqual(['carol, jr.', 'dave']);
  });

  it('header forced and forbidden', () => {
    const text = 'a b\nc d\n';
    expect(parseEdgeList(text, { header: true }).records).toBe(1);
    expect(parseEdgeList(text, { header: false }).records).toBe(2);
    // Auto: two non-numeric ids above numeric ones read as a header; known names always do.
    expect(parseEdgeList('from to\n1 2\n').records).toBe(1);
    expect(parseEdgeList('x y\n1 2\n').records).toBe(1);
    expect(parseEdgeList('x y\nz w\n').records).toBe(2);
    expect(parseEdgeList('source target\nz w\n').records).toBe(1);
    // A third column that is text above numbers is a header naming the attribute.
    expect(parseEdgeList('a b strength\nc d 2\n').edgeAttributes).toEqual({ strength: [2] });
  });

  it('tab-separated ids may hold blanks; extra columns become edge attributes', () => {
    const net = parseEdgeList('source\ttarget\tweight\tkind\nAnn Lee\tBo\t1\tretweet\nBo\tAnn Lee\t2\t\n');
    expect(net.ids).toEqual(['Ann Lee', 'Bo']);
    expect(net.edgeAttributes).toEqual({ weight: [1, 2], kind: ['retweet', null] });
  });
});

describe('parseEdgeList errors name the file and line', () => {
  it('malformed line', () => {
    const err = inputError(() => parseEdgeList(fixture('broken-line.txt'), { file: 'broken-line.txt' }));
    expect(err.file).toBe('broken-line.txt');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^broken-line\.txt:3: malformed line/);
  });

  it('malformed weight', () => {
    const err = inputError(() => parseEdgeList(fixture('broken-weight.tsv'), { file: 'w.tsv' }));
    expect(err.line).toBe(3);
    expect(err.field).toBe('weight');
    expect(err.message).toContain('"heavy"');
  });

  it('unknown node when a node table is given', () => {
    const err = inputError(() => parseEdgeList(fixture('broken-unknown-node.csv'), { file: 'e.csv', nodes: fixture('nodes.csv'), nodesFile: 'nodes.csv' }));
    expect(err.file).toBe('e.csv');
    expect(err.line).toBe(3);
    expect(err.field).toBe('target');
    expect(err.message).toContain('unknown node "mallory"');
    expect(err.message).toContain('nodes.csv');
  });

  it('unknown nodes are counted over the whole file and reported once, with the first line', () => {
    const table = 'id,side\na,0\nb,1\n';
    const err = inputError(() => parseEdgeList('a b\nb zed\na b\nyan a\nzed a\n', { file: 'e.txt', nodes: table, nodesFile: 'n.csv' }));
    expect(err.line).toBe(2);
    expect(err.field).toBe('target');
    expect(err.message).toBe('e.txt:2: unknown node "zed" (target): not in the node table n.csv; 3 edge line(s) name 2 node id(s) missing from it, the first on line 2');
  });

  it('empty graph', () => {
    expect(inputError(() => parseEdgeList(fixture('empty.txt'), { file: 'empty.txt' })).message).toBe('empty.txt: empty graph: no edge lines');
    expect(inputError(() => parseEdgeList('source,target\n', { file: 'h.csv' })).message).toContain('empty graph');
  });

  it('unterminated quote, empty id, duplicate node in the table', () => {
    expect(inputError(() => parseEdgeList('a,b\n"c,d\n', { file: 'q.csv' })).line).toBe(2);
    expect(inputError(() => parseEdgeList('a,b\n,d\n', { file: 'q.csv' })).field).toBe('source');
    const dup = inputError(() => parseNodeTable('id,x\na,1\nb,2\na,3\n', { file: 'n.csv' }));
    expect(dup.line).toBe(4);
    expect(dup.message).toContain('first on line 2');
  });
});

/** Ids that comma- or tab-separated files with quoting can carry: anything without a line break, not empty. */
const quotedId = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('a', 'b', ' ', ',', '"', '#', '%', '\t', 'é', '1', '.', '-') });
/** Ids for blank-separated files. */
const plainId = fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', 'x', '1', '2', '_', '.', ',', '"', 'é') }).filter((s) => !/^[#%]/.test(s));

function graphOf(idArb: fc.Arbitrary<string>) {
  return fc.uniqueArray(idArb, { minLength: 1, maxLength: 12 }).chain((ids) =>
    fc.record({
      ids: fc.constant(ids),
      pairs: fc.array(fc.tuple(fc.nat(ids.length - 1), fc.nat(ids.length - 1), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 30 }),
    }),
  );
}

describe('edge list round trip (fast-check)', () => {
  for (const [delimiter, idArb] of [
    ['comma', quotedId],
    ['tab', quotedId],
    ['whitespace', plainId],
  ] as const) {
    it(`parse(write(g)) gives the same edge records and weights (${delimiter})`, () => {
      fc.assert(
        fc.property(graphOf(idArb), fc.boolean(), ({ ids, pairs }, header) => {
          const src = Int32Array.from(pairs.map((p) => p[0]));
          const dst = Int32Array.from(pairs.map((p) => p[1]));
          const weight = pairs.map((p) => p[2]);
          const net = { edges: { n: ids.length, directed: true, src, dst, m: pairs.length }, ids, edgeAttributes: { weight } };
          const text = writeEdgeList(net, { delimiter, header });
          const back = parseEdgeList(text, { delimiter, header });
          expect(namedEdges(back)).toEqual(pairs.map((p) => [ids[p[0]], ids[p[1]]]));
          expect(back.edgeAttributes.weight).toEqual(weight);
          expect(back.records).toBe(pairs.length);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('random garbage lines never crash with anything but InputError', () => {
    const line = fc.string({ maxLength: 20, unit: fc.constantFrom('a', '1', ' ', '\t', ',', '"', '#', '%', '.', 'e', '-', '\r', 'x') });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom<'auto' | boolean>('auto', true, false), fc.boolean(), (rows, header, withTable) => {
        try {
          const net = parseEdgeList(rows.join('\n'), { header, nodes: withTable ? 'id\n1\na\n' : undefined });
          expect(net.edges.m).toBe(net.records);
          for (let e = 0; e < net.edges.m; e++) expect(net.edges.src[e]).toBeLessThan(net.ids.length);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
        }
      }),
      { numRuns: 300 },
    );
  });
});
