import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { InputError } from '../../src/model/errors.js';
import { decodeEntities } from '../../src/model/import/gml-syntax.js';
import type { AttributeColumn } from '../../src/model/import/imported-network.js';
import { parseGml } from '../../src/model/import/parse-gml.js';
import { writeGml } from '../../src/model/import/write-gml.js';
import { fixture } from './fixtures.js';
import { inputError } from './network-helpers.js';

describe('parseGml on the two-faction fixture (counts by hand from the file)', () => {
  const net = parseGml(fixture('two-factions.gml'), { file: 'two-factions.gml' });

  it('nodes, labels with entities and escaped quotes, every attribute kept', () => {
    expect(net.format).toBe('gml');
    expect(net.directed).toBe(true);
    expect(net.ids).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(net.attributes.value).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(net.attributes.label[1]).toBe('left-b.example/page?x=1&y=2');
    expect(net.attributes.label[4]).toBe('right-b "quoted" blog');
    expect(net.attributes.source[1]).toBe('Directory A,Directory B');
    expect(Object.keys(net.attributes).sort()).toEqual(['label', 'source', 'value']);
    expect(net.graphAttributes).toEqual({ Creator: 'echolab test fixture: two camps of blogs' });
  });

  it('11 edge records: 10 distinct directed pairs, 1 self-loop, 1 isolated node', () => {
    expect(net.records).toBe(11);
    expect(net.edges.m).toBe(11);
    const csr = CsrGraph.fromEdgeList(net.edges);
    expect(csr.dropped).toEqual({ selfLoops: 1, duplicates: 1 });
    expect(csr.m).toBe(9);
    let isolated = 0;
    for (let i = 0; i < csr.n; i++) if (csr.outDegree(i) + csr.inDegree(i) === 0) isolated++;
    expect(isolated).toBe(1);
    expect(net.ids[net.edges.src[9]]).toBe('5');
    expect(net.ids[net.edges.dst[9]]).toBe('5');
  });

  it('directed can be overridden', () => {
    expect(parseGml(fixture('two-factions.gml'), { directed: false }).directed).toBe(false);
  });
});

describe('parseGml dialect details', () => {
  it('nested lists flatten to dotted names, repeated keys get #2, string and number ids, INF, undirected by default', () => {
    const net = parseGml(fixture('nested-attributes.gml'));
    expect(net.directed).toBe(false);
    expect(net.ids).toEqual(['0', 'b']);
    expect(net.attributes['graphics.x']).toEqual([1.5, 0]);
    expect(net.attributes['graphics.y']).toEqual([-20, 0]);
    expect(net.attributes['graphics.fill']).toEqual(['#ff0000', null]);
    expect(net.attributes.alias).toEqual(['zero', null]);
    expect(net.attributes['alias#2']).toEqual(['nought', null]);
    expect(net.attributes.weight).toEqual([Infinity, null]);
    expect(net.attributes.label).toEqual([0, 'B']);
    expect(net.edgeAttributes.value).toEqual([2.5, null]);
    expect(net.graphAttributes.name).toBe('layout and multi-values');
  });

  it('decodes character entities', () => {
    expect(decodeEntities('a &amp; b &#38; c &#x26; &lt;&gt;&quot;&apos; &unknown; &')).toBe('a & b & c & <>"\' &unknown; &');
  });

  it('ids too large for a double stay as written', () => {
    const net = parseGml('graph [ node [ id 12345678901234567890 ] node [ id 12345678901234567891 ] edge [ source 12345678901234567891 target 12345678901234567890 ] ]');
    expect(net.ids).toEqual(['12345678901234567890', '12345678901234567891']);
    expect(Array.from(net.edges.src)).toEqual([1]);
  });
});

describe('parseGml errors name the file and line', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['broken-unclosed.gml', 6, /list "node \[" is never closed/],
    ['broken-unknown-node.gml', 7, /edge target 99 is not the id of any node/],
    ['broken-string.gml', 3, /unterminated string/],
    ['broken-syntax.gml', 3, /key "label" has no value/],
    ['broken-duplicate-id.gml', 4, /duplicate node id 1 \(first defined on line 2\)/],
  ];
  for (const [name, line, pattern] of cases) {
    it(name, () => {
      const err = inputError(() => parseGml(fixture(name), { file: name }));
      expect(err.file).toBe(name);
      expect(err.line).toBe(line);
      expect(err.message).toMatch(pattern);
      expect(err.message.startsWith(`${name}:${line}: `)).toBe(true);
    });
  }

  it('other structural errors', () => {
    expect(inputError(() => parseGml('Creator "x"', { file: 'f' })).message).toContain('no "graph [ ... ]" list');
    expect(inputError(() => parseGml('graph [ ]\ngraph [ ]', { file: 'f' })).line).toBe(2);
    expect(inputError(() => parseGml('graph [\n directed 2\n node [ id 1 ] ]', { file: 'f' })).field).toBe('directed');
    expect(inputError(() => parseGml('graph [\n node [ label "x" ] ]', { file: 'f' })).line).toBe(2);
    expect(inputError(() => parseGml('graph [\n node [ id 1 ]\n edge [ target 1 ] ]', { file: 'f' })).field).toBe('source');
    expect(inputError(() => parseGml('graph [ node [ id 1 ] ]\n]', { file: 'f' })).line).toBe(2);
    expect(inputError(() => parseGml('graph [ node [ id 1 ] ] @', { file: 'f' })).message).toContain('unexpected character "@"');
    expect(inputError(() => parseGml('graph [ node [ id 1.2.3 ] ]', { file: 'f' })).message).toContain('malformed number');
    expect(inputError(() => parseGml('graph [ ]', { file: 'f' })).message).toContain('empty graph');
  });
});

/** GML keys for attribute names; values of every kind GML can carry. */
const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/).filter((k) => k !== 'id' && k !== 'source' && k !== 'target');
const value = fc.oneof(
  fc.string({ maxLength: 6, unit: fc.constantFrom('a', ' ', '"', '&', '\\', '#', '[', ']', '\n', 'é', '1', ';') }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double(),
  fc.constant(null),
);
const gmlId = fc.oneof(fc.integer({ min: -1000, max: 100_000 }).map(String), fc.string({ minLength: 1, maxLength: 5, unit: fc.constantFrom('a', 'b', '"', '&', ' ', '1', '-') }));

describe('GML round trip (fast-check)', () => {
  it('parse(write(g)) gives back ids, edges, attributes and direction', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(gmlId, { minLength: 1, maxLength: 8 }).chain((ids) =>
          fc.record({
            ids: fc.constant(ids),
            directed: fc.boolean(),
            pairs: fc.array(fc.tuple(fc.nat(ids.length - 1), fc.nat(ids.length - 1)), { maxLength: 15 }),
            names: fc.uniqueArray(key, { maxLength: 3 }),
            cells: fc.array(value, { minLength: 3 * ids.length, maxLength: 3 * ids.length }),
            edgeNames: fc.uniqueArray(key, { maxLength: 2 }),
            edgeCells: fc.array(value, { minLength: 30, maxLength: 30 }),
          }),
        ),
        ({ ids, directed, pairs, names, cells, edgeNames, edgeCells }) => {
          const attributes: Record<string, AttributeColumn> = {};
          names.forEach((name, a) => (attributes[name] = ids.map((_, i) => cells[a * ids.length + i])));
          const edgeAttributes: Record<string, AttributeColumn> = {};
          edgeNames.forEach((name, a) => (edgeAttributes[name] = pairs.map((_, e) => edgeCells[a * 15 + e])));
          const net = {
            edges: { n: ids.length, directed, src: Int32Array.from(pairs.map((p) => p[0])), dst: Int32Array.from(pairs.map((p) => p[1])), m: pairs.length },
            ids,
            attributes,
            edgeAttributes,
            directed,
          };
          const back = parseGml(writeGml(net));
          expect(back.ids).toEqual(ids);
          expect(back.directed).toBe(directed);
          expect(Array.from(back.edges.src)).toEqual(pairs.map((p) => p[0]));
          expect(Array.from(back.edges.dst)).toEqual(pairs.map((p) => p[1]));
          // Columns that are null everywhere leave nothing in the file to read back.
          const present = (record: Record<string, AttributeColumn>) => Object.fromEntries(Object.entries(record).filter(([, column]) => column.some((v) => v !== null)));
          expect(back.attributes).toEqual(present(attributes));
          expect(back.edgeAttributes).toEqual(present(edgeAttributes));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('nested attributes survive a round trip', () => {
    const net = parseGml(fixture('nested-attributes.gml'));
    const back = parseGml(writeGml(net));
    expect(back.attributes).toEqual(net.attributes);
    expect(back.edgeAttributes).toEqual(net.edgeAttributes);
    expect(back.ids).toEqual(net.ids);
  });

  it('random garbage never crashes with anything but InputError', () => {
    const token = fc.constantFrom('graph', 'node', 'edge', 'id', 'source', 'target', 'directed', 'label', '[', ']', '"', '"x"', '1', '2', '-', '1e', '#', '\n', ' ', '&#99999999;', '\\"', 'INF', '-INF', '@', '__proto__', 'constructor', '0');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
        try {
          const net = parseGml(tokens.join(' '));
          expect(net.edges.m).toBe(net.records);
          for (let e = 0; e < net.edges.m; e++) expect(net.edges.dst[e]).toBeLessThan(net.ids.length);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
        }
      }),
      { numRuns: 400 },
    );
    // Valid prefixes make it past the tokenizer into the structural checks.
    fc.assert(
      fc.property(fc.array(token, { maxLength: 25 }), (tokens) => {
        try {
          parseGml(`graph [ directed 1 node [ id 1 ] node [ id 2 ] ${tokens.join(' ')} ]`);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
        }
      }),
      { numRuns: 400 },
    );
  });
});
