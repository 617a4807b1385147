/**
 * Shared fixture of the calibrate CLI tests: an independent-cascade
 * experiment on a 1500-node preferential-attachment network, and a
 * Twitter15-format archive simulated at a known p = 0.2 on other
 * realisations of the same kind of network (so it is no copy of any draw).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { preferentialAttachment } from '../../src/model/generators/preferential-attachment.js';
import { Rng } from '../../src/model/rng.js';
import { splitCascades } from '../../src/sim/cascade-record.js';
import { getZooEntry } from '../../src/sim/model-zoo.js';
import { independentCascadeTree, type IndependentCascadeState } from '../../src/sim/models/independent-cascade.js';

export const TRUE_P = 0.2;
const N = 1500;
const M = 3;
export const SEEDS = 100;

export function experimentBody(extra: Record<string, unknown>): string {
  return JSON.stringify(
    {
      id: 'ic-calibrate',
      title: 'Independent cascade calibration',
      question: 'Which activation probability gives cascades like the archive\'s?',
      model: 'independent-cascade',
      network: { kind: 'preferential-attachment', params: { n: N, m: M } },
      base: { seedCount: SEEDS, p: 0.1 },
      replicates: 1,
      steps: 60,
      seed: 'calibrate-test',
      ...extra,
    },
    null,
    2,
  );
}

/** A Twitter15-style folder: `runs` runs of SEEDS seeds each at p = TRUE_P, one tree file per cascade. */
export function writeArchive(dir: string, runs: number): number {
  const model = getZooEntry('independent-cascade').model;
  mkdirSync(path.join(dir, 'tree'), { recursive: true });
  const labels: string[] = [];
  let id = 1000;
  for (let r = 0; r < runs; r++) {
    const rng = new Rng(`synthetic-archive|${r}`);
    const graph = CsrGraph.fromEdgeList(preferentialAttachment({ n: N, m: M }, rng.fork('network')));
    const state = model.init(graph, model.validate({ p: TRUE_P, seedCount: SEEDS } as never), rng.fork('model')) as IndependentCascadeState;
    while (!model.isConverged(state)) model.step(state);
    for (const tree of splitCascades(independentCascadeTree(state))) {
      const src = String(id++);
      const triple = (i: number) => `['${tree.node[i]}', '${src}', '${tree.time[i].toFixed(1)}']`;
      const lines = [`['ROOT', 'ROOT', '0.0']->${triple(0)}`];
      for (let i = 1; i < tree.node.length; i++) lines.push(`${triple(tree.parent[i])}->${triple(i)}`);
      writeFileSync(path.join(dir, 'tree', `${src}.txt`), `${lines.join('\n')}\n`);
      labels.push(`false:${src}`);
    }
  }
  writeFileSync(path.join(dir, 'label.txt'), `${labels.join('\n')}\n`);
  return labels.length;
}

