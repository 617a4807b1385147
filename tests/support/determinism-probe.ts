/**
 * Fingerprints of seeded computations, run identically in the Node main
 * thread, a worker thread and a browser (tests/determinism.test.ts compares
 * them). Pure: imports only src/model and src/sim.
 */
import { CsrGraph } from '../../src/model/csr-graph.js';
import { fingerprint } from '../../src/model/fingerprint.js';
import { configurationModel } from '../../src/model/generators/configuration-model.js';
import { erdosRenyi } from '../../src/model/generators/erdos-renyi.js';
import { preferentialAttachment } from '../../src/model/generators/preferential-attachment.js';
import { stochasticBlockModel } from '../../src/model/generators/stochastic-block-model.js';
import { wattsStrogatz } from '../../src/model/generators/watts-strogatz.js';
import { Rng } from '../../src/model/rng.js';
import { computeMetrics, listMetrics } from '../../src/sim/metrics/metrics-registry.js';
import { modelZoo, runZooModel } from '../../src/sim/model-zoo.js';
import { deffuant, deffuantInteract } from '../../src/sim/models/deffuant.js';

export function determinismProbe(): Record<string, string> {
  const out: Record<string, string> = {};
  const r = new Rng('probe');
  const draws = new Float64Array(1000);
  for (let i = 0; i < 250; i++) {
    draws[i] = r.next();
    draws[250 + i] = r.normal();
    draws[500 + i] = r.powerLaw(2.1, 0.01);
    draws[750 + i] = r.fork(`s${i}`).exponential(2);
  }
  out.rng = fingerprint(draws);

  const g = new Rng('probe/generators');
  const er = erdosRenyi({ n: 500, p: 0.02, directed: true }, g.fork('er'));
  out['generator.erdos-renyi'] = fingerprint(er.src.subarray(0, er.m), er.dst.subarray(0, er.m));
  const pa = preferentialAttachment({ n: 2000, m: 3, exponent: 2.3 }, g.fork('pa'));
  out['generator.preferential-attachment'] = fingerprint(pa.src.subarray(0, pa.m), pa.dst.subarray(0, pa.m));
  const sbm = stochasticBlockModel({ n: 400, groups: 2, meanOutDegree: 8, homophily: 0.9 }, g.fork('sbm'));
  out['generator.stochastic-block-model'] = fingerprint(sbm.edges.src.subarray(0, sbm.edges.m), sbm.edges.dst.subarray(0, sbm.edges.m), sbm.group);
  const ws = wattsStrogatz({ n: 300, k: 6, beta: 0.2 }, g.fork('ws'));
  out['generator.watts-strogatz'] = fingerprint(ws.src.subarray(0, ws.m), ws.dst.subarray(0, ws.m));
  const cm = configurationModel({ degrees: Array.from({ length: 200 }, (_, i) => 1 + (i % 7)) }, g.fork('cm'));
  out['generator.configuration-model'] = fingerprint(cm.edges.src.subarray(0, cm.edges.m), cm.edges.dst.subarray(0, cm.edges.m));

  // Every metric on one labelled network with opinions.
  const graph = CsrGraph.fromEdgeList(sbm.edges);
  const m = new Rng('probe/opinions');
  const opinions = Float64Array.from(sbm.group, (grp) => (grp === 0 ? -0.5 : 0.5) + 0.3 * m.normal());
  const networkMetrics = listMetrics().filter((d) => d.input === 'network').map((d) => d.id);
  // Exposure counts for the exposure metrics (five stance bins per node), and an opinion range wide enough for Esteban–Ray.
  const exposure = { bins: 5, counts: Float64Array.from({ length: graph.n * 5 }, () => Math.floor(m.uniform(0, 8))) };
  const values = computeMetrics(networkMetrics, { graph, opinions, attribute: sbm.group, exposure }, { 'opinion.esteban-ray': { min: -5, max: 5 } });
  out.metrics = fingerprint(networkMetrics.map((id) => values[id]));

  // Deffuant by each kernel on the 2,000-node follow graph (they must agree everywhere, and with each other).
  const paGraph = CsrGraph.fromEdgeList(pa);
  for (const kernel of ['js', 'wasm'] as const) {
    const state = deffuant.init(paGraph, deffuant.validate({ epsilon: 0.3 }), new Rng('probe/deffuant-kernel'));
    state.kernel = kernel;
    deffuantInteract(state, 50_000);
    out[`model.deffuant.${kernel}-kernel`] = fingerprint(state.opinions, state.pairStream);
  }

  for (const id of Object.keys(modelZoo)) {
    const run = runZooModel(id, { key: `probe/${id}` });
    out[`model.${id}`] = fingerprint(run.entry.nodeValues(run.state), [run.result.steps, run.state.time]);
  }
  return out;
}
