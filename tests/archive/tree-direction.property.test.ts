/**
 * Metamorphic property of `direction` in parsePropagationTree: any tree
 * file (random edges over a few nodes, so duplicates, self-loops, edges
 * into the root, several parents and negative delays all occur, plus extra
 * ROOT lines), written the other way round line by line and read with
 * `direction: 'child-parent'`, gives the same cascade and the same counts
 * as the original read the default way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePropagationTree } from '../../src/archive/parse-propagation-tree.js';
import { makeIdMapper } from '../../src/archive/pseudonymise.js';

const mapId = makeIdMapper('t', { keepRawIds: true });
const node = fc.constantFrom('1', '2', '3', '4', '5').chain((u) => fc.constantFrom('-3.0', '0.0', '1.5', '4.0').map((d): [string, string] => [u, d]));
const triple = ([u, d]: [string, string]): string => `['${u}', '100', '${d}']`;
const ROOT = "['ROOT', 'ROOT', '0.0']";
const edge = fc.oneof({ weight: 8, arbitrary: fc.tuple(node.map(triple), node.map(triple)) }, { weight: 1, arbitrary: node.map((n): [string, string] => [ROOT, triple(n)]) });

describe('propagation trees: direction', () => {
  it('property: lines written child -> parent and read with direction child-parent give the same cascade and counts', () => {
    fc.assert(
      fc.property(node, fc.array(edge, { maxLength: 25 }), (source, edges) => {
        const lines: [string, string][] = [[ROOT, triple(source)], ...edges];
        const down = parsePropagationTree(lines.map(([p, c]) => `${p}->${c}`).join('\n'), { file: 't.txt', mapId, label: 'x' });
        const up = parsePropagationTree(lines.map(([p, c]) => `${c}  ->  ${p}`).join('\r\n'), { file: 't.txt', mapId, label: 'x', direction: 'child-parent' });
        expect(up.report.counts).toEqual(down.report.counts);
        expect(up.report.problems).toEqual(down.report.problems);
        const shape = (r: typeof up): unknown => r.cascade && { ...r.cascade, report: undefined, tree: { node: [...r.cascade.tree.node], parent: [...r.cascade.tree.parent], time: [...r.cascade.tree.time] } };
        expect(shape(up)).toEqual(shape(down));
        expect(down.cascade?.tree.parent.length).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
