import fc from 'fast-check';
import Graph from 'graphology';
import * as gexf from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors.js';
import { parseGexf } from '../../src/model/import/parse-gexf.js';
import { parseGraphml } from '../../src/model/import/parse-graphml.js';
import { fixture } from './fixtures.js';
import { inputError } from './network-helpers.js';

describe('parseGexf', () => {
  it('reads the fixture: typed attributes, labels, weights, meta', () => {
    const net = parseGexf(fixture('two-factions.gexf'), { file: 'two-factions.gexf' });
    expect(net.format).toBe('gexf');
    expect(net.directed).toBe(true);
    expect(net.ids).toEqual(['a', 'b', 'c', 'd']);
    expect(net.attributes).toEqual({
      label: ['Alice', 'Bob', 'Carol', 'Dave'],
      leaning: [0, 0, 1, 1],
      followers: [120.5, 8, 40, 3],
      verified: [true, false, false, true],
    });
    expect(net.records).toBe(4);
    expect(Array.from(net.edges.src)).toEqual([0, 1, 2, 3]);
    expect(Array.from(net.edges.dst)).toEqual([1, 0, 3, 0]);
    expect(net.edgeAttributes.weight).toEqual([2, null, 0.5, null]);
    expect(net.edgeAttributes.since).toEqual(['2019', null, null, null]);
    expect(net.graphAttributes.creator).toBe('echolab test fixture');
  });

  it('round-trips attributes through graphology-gexf\'s writer', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', '<', '&', '"', ' ', 'é', '1') }), { minLength: 1, maxLength: 8 }).chain((ids) =>
          fc.record({
            ids: fc.constant(ids),
            leaning: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: ids.length, maxLength: ids.length }),
            // XML text has no −0: the writer prints it as 0.
            score: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (x === 0 ? 0 : x)), { minLength: ids.length, maxLength: ids.length }),
            // graphology-gexf's writer leaves out empty strings, so names are non-empty.
            name: fc.array(fc.string({ minLength: 1, maxLength: 5, unit: fc.constantFrom('x', '<', '>', '&', "'", '"', ' ') }), { minLength: ids.length, maxLength: ids.length }),
            pairs: fc.uniqueArray(fc.tuple(fc.nat(ids.length - 1), fc.nat(ids.length - 1)), { maxLength: 12, selector: (p) => `${p[0]} ${p[1]}` }),
          }),
        ),
        ({ ids, leaning, score, name, pairs }) => {
          const graph = new Graph({ type: 'directed', allowSelfLoops: true });
          ids.forEach((id, i) => graph.addNode(id, { leaning: leaning[i], score: score[i], name: name[i] }));
          for (const [u, v] of pairs) graph.addEdge(ids[u], ids[v]);
          const net = parseGexf(gexf.write(graph));
          expect(net.ids).toEqual(ids);
          expect(net.attributes.leaning).toEqual(leaning);
          expect(net.attributes.score).toEqual(score);
          expect(net.attributes.name).toEqual(name);
          expect(Array.from(net.edges.src)).toEqual(pairs.map((p) => p[0]));
          expect(Array.from(net.edges.dst)).toEqual(pairs.map((p) => p[1]));
          expect(net.directed).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('errors name the file and line', () => {
    const bad = inputError(() => parseGexf(fixture('broken.gexf'), { file: 'broken.gexf' }));
    expect(bad.line).toBe(5);
    expect(bad.message).toMatch(/^broken\.gexf:5: XML syntax error/);
    const dangling = inputError(() => parseGexf(fixture('broken-dangling.gexf'), { file: 'd.gexf' }));
    expect(dangling.line).toBe(10);
    expect(dangling.field).toBe('target');
    expect(dangling.message).toContain('unknown node "z"');
    expect(inputError(() => parseGexf(fixture('two-factions.graphml'), { file: 'x.gexf' })).message).toContain('root element is <graphml>');
    expect(inputError(() => parseGexf('', { file: 'x.gexf' })).file).toBe('x.gexf');
    expect(inputError(() => parseGexf('<gexf>\n<graph>\n<nodes><node id="a"/>\n', { file: 'x.gexf' })).message).toContain('not closed');
    const dup = inputError(() => parseGexf('<gexf><graph>\n<nodes>\n<node id="a"/>\n<node id="a"/></nodes></graph></gexf>', { file: 'x.gexf' }));
    expect(dup.line).toBe(4);
    expect(dup.message).toContain('first on line 3');
  });
});

describe('parseGraphml', () => {
  it('reads the fixture: typed keys, defaults cast to their type, undirected', () => {
    const net = parseGraphml(fixture('two-factions.graphml'), { file: 'two-factions.graphml' });
    expect(net.format).toBe('graphml');
    expect(net.directed).toBe(false);
    expect(net.ids).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    expect(net.attributes).toEqual({ leaning: [0, 0, 1, 1, null], name: ['Ann', 'Ben', 'Cat', null, 'Eve'] });
    expect(net.edgeAttributes.weight).toEqual([2.5, 1, 0.5]);
    expect(net.records).toBe(3);
    expect(Array.from(net.edges.src)).toEqual([0, 1, 2]);
    expect(Array.from(net.edges.dst)).toEqual([1, 2, 3]);
  });

  it('keys for "all", keys without attr.name, booleans', () => {
    const text = `<graphml>
      <key id="w" for="all" attr.type="double"><default>3</default></key>
      <key id="flag" for="node" attr.type="boolean"/>
      <graph edgedefault="directed">
        <node id="x"><data key="flag">True</data></node>
        <node id="y"><data key="w">1.5</data></node>
        <edge source="x" target="y"/>
      </graph></graphml>`;
    const net = parseGraphml(text);
    expect(net.directed).toBe(true);
    expect(net.attributes.flag).toEqual([true, null]);
    expect(net.attributes.w).toEqual([3, 1.5]);
    expect(net.edgeAttributes.w).toEqual([3]);
  });

  it('errors name the file and line', () => {
    const dangling = inputError(() => parseGraphml(fixture('broken-dangling.graphml'), { file: 'd.graphml' }));
    expect(dangling.line).toBe(7);
    expect(dangling.message).toMatch(/^d\.graphml:7: unknown node "n9"/);
    const notNumber = inputError(() =>
      parseGraphml('<graphml><key id="k" for="node" attr.type="int"/><graph>\n<node id="a">\n<data key="k">many</data></node></graph></graphml>', { file: 'n.graphml' }),
    );
    expect(notNumber.line).toBe(3);
    expect(notNumber.field).toBe('k');
    expect(inputError(() => parseGraphml('<graphml></graphml>', { file: 'e.graphml' })).message).toContain('no <graph>');
    expect(inputError(() => parseGraphml('<graphml><graph></graph></graphml>', { file: 'e.graphml' })).message).toContain('empty graph');
  });

  it('random XML-ish garbage never crashes with anything but InputError', () => {
    const piece = fc.constantFrom('<graphml>', '</graphml>', '<graph>', '</graph>', '<node id="a"/>', '<node id="b">', '</node>', '<edge source="a" target="b"/>', '<edge source="a"/>', '<key id="k" for="node" attr.type="int"/>', '<data key="k">1</data>', '<data key="k">x</data>', '<', '>', '"', '&', '\n');
    for (const parse of [parseGraphml, parseGexf]) {
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
          try {
            parse(pieces.join(''));
          } catch (err) {
            if (!(err instanceof InputError)) throw err;
          }
        }),
        { numRuns: 200 },
      );
    }
  });
});
