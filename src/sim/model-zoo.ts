/**
 * The classic model zoo as one registry: id -> model definition, with what a
 * generic caller (the tour, the regression checks, the determinism probe,
 * later the experiment runner) needs to run any of them the same way — an
 * example network on which the defaults make sense, and a per-node reading of
 * the state for metrics and fingerprints.
 */
import { CsrGraph } from '../model/csr-graph.js';
import { InputError, closest } from '../model/errors.js';
import { completeGraph } from '../model/generators/complete-graph.js';
import { erdosRenyi } from '../model/generators/erdos-renyi.js';
import { preferentialAttachment } from '../model/generators/preferential-attachment.js';
import { Rng } from '../model/rng.js';
import type { CascadeTree } from './cascade-record.js';
import { runUntilConverged, type ModelDefinition, type ModelState, type RunResult } from './model.js';
import { algorithmicBias } from './models/algorithmic-bias.js';
import { baumann } from './models/baumann.js';
import { coevolvingVoter } from './models/coevolving-voter.js';
import { deffuant } from './models/deffuant.js';
import { hegselmannKrause } from './models/hegselmann-krause.js';
import { hoaxFactChecking } from './models/hoax-fact-checking.js';
import { independentCascade, independentCascadeTree } from './models/independent-cascade.js';
import { sasahara, sasaharaFollowGraph } from './models/sasahara.js';
import { sir, sirCascadeTree } from './models/sir.js';
import { voter } from './models/voter.js';

export interface ZooEntry<P extends object = object, S extends ModelState = ModelState> {
  readonly model: ModelDefinition<P, S>;
  /** What the per-node values mean: "opinion", "opinion (0/1)", "state 0=S 1=I 2=R", ... */
  readonly nodeValueMeaning: string;
  /** Per-node reading of the state (opinion, 0/1, or a state code); a live view, copy it to keep it. */
  readonly nodeValues: (state: S) => ArrayLike<number>;
  /** A small network on which the defaults make sense (the one the paper used, where it says). */
  readonly exampleNetwork: (rng: Rng) => CsrGraph;
  /** Steps a short example run takes (enough to see the model act, small enough for tests). */
  readonly exampleSteps: number;
  /** Parameters of the example run where the defaults alone would show little. */
  readonly exampleParams?: Readonly<Record<string, unknown>>;
  /** The cascade forest (one tree per seed), for spreading models; see `splitCascades`. */
  readonly cascade?: (state: S) => CascadeTree;
}

function entry<P extends object, S extends ModelState>(e: ZooEntry<P, S>): ZooEntry {
  return e as unknown as ZooEntry;
}

const undirectedEr = (n: number, meanDegree: number) => (rng: Rng): CsrGraph =>
  CsrGraph.fromEdgeList(erdosRenyi({ n, p: meanDegree / (n - 1), directed: false }, rng));

const followNetwork = (n: number, m: number) => (rng: Rng): CsrGraph =>
  CsrGraph.fromEdgeList(preferentialAttachment({ n, m, exponent: 2.5 }, rng));

export const modelZoo: Readonly<Record<string, ZooEntry>> = Object.freeze({
  deffuant: entry({
    model: deffuant,
    nodeValueMeaning: 'opinion on the domain (default [0, 1])',
    nodeValues: (s) => s.opinions,
    exampleNetwork: undirectedEr(200, 10),
    exampleSteps: 50,
  }),
  'hegselmann-krause': entry({
    model: hegselmannKrause,
    nodeValueMeaning: 'opinion on the domain (default [0, 1])',
    nodeValues: (s) => s.opinions,
    exampleNetwork: undirectedEr(200, 20),
    exampleSteps: 20,
  }),
  'algorithmic-bias': entry({
    model: algorithmicBias,
    nodeValueMeaning: 'opinion on [0, 1]',
    nodeValues: (s) => s.opinions,
    // Sîrbu et al. report a complete graph of 100 agents.
    exampleNetwork: (rng) => CsrGraph.fromEdgeList(completeGraph({ n: 100, directed: false }, rng)),
    exampleSteps: 50,
  }),
  voter: entry({
    model: voter,
    nodeValueMeaning: 'opinion 0 or 1',
    nodeValues: (s) => s.opinions,
    exampleNetwork: undirectedEr(200, 8),
    exampleSteps: 50,
  }),
  'coevolving-voter': entry({
    model: coevolvingVoter,
    nodeValueMeaning: 'opinion 0 or 1',
    nodeValues: (s) => s.opinions,
    exampleNetwork: undirectedEr(200, 4),
    exampleSteps: 50,
  }),
  sasahara: entry({
    model: sasahara,
    nodeValueMeaning: 'opinion on [−1, 1]',
    nodeValues: (s) => s.opinions,
    // The authors' network: 100 agents, 400 random directed follows.
    exampleNetwork: (rng) => sasaharaFollowGraph(100, 400, rng),
    exampleSteps: 2000,
  }),
  baumann: entry({
    model: baumann,
    nodeValueMeaning: 'opinion on ℝ (sign = side, magnitude = conviction)',
    nodeValues: (s) => s.opinions,
    // Activity-driven: the temporal contacts are drawn each step; the graph only sets N.
    exampleNetwork: (rng) => CsrGraph.fromEdgeList(erdosRenyi({ n: 100, p: 0, directed: true }, rng)),
    exampleSteps: 200,
  }),
  'independent-cascade': entry({
    model: independentCascade,
    nodeValueMeaning: '1 if activated, else 0',
    nodeValues: (s) => s.scratch.active,
    exampleNetwork: followNetwork(1000, 3),
    exampleSteps: 30,
    // Twenty random accounts post; each follower reshares with probability 0.3.
    exampleParams: { p: 0.3, seedCount: 20 },
    cascade: (s) => independentCascadeTree(s),
  }),
  sir: entry({
    model: sir,
    nodeValueMeaning: 'state 0 = susceptible, 1 = infected, 2 = recovered',
    nodeValues: (s) => s.status,
    exampleNetwork: followNetwork(1000, 3),
    exampleSteps: 60,
    exampleParams: { beta: 0.3, gamma: 0.2, seedCount: 5 },
    cascade: (s) => sirCascadeTree(s),
  }),
  'hoax-fact-checking': entry({
    model: hoaxFactChecking,
    nodeValueMeaning: 'state 0 = susceptible, 1 = believer, 2 = fact-checker',
    nodeValues: (s) => s.status,
    exampleNetwork: undirectedEr(500, 10),
    exampleSteps: 100,
  }),
});

export type ZooModelId = keyof typeof modelZoo;

export function getZooEntry(id: string): ZooEntry {
  const e = Object.prototype.hasOwnProperty.call(modelZoo, id) ? modelZoo[id] : undefined;
  if (!e) {
    const near = closest(id, Object.keys(modelZoo));
    throw new InputError(`sim/model-zoo: unknown model \`${id}\`${near ? ` (did you mean \`${near}\`?)` : ''}; known: ${Object.keys(modelZoo).join(', ')}`, { field: 'model' });
  }
  return e;
}

export interface ZooRunOptions {
  /** Stable key: the network comes from `key/network`, the model from `key/model`. */
  readonly key: string;
  /** Parameters over the entry's example parameters (which are over the model's defaults). */
  readonly params?: Record<string, unknown>;
  /** Network to run on (default: the entry's example network). Not modified. */
  readonly network?: CsrGraph;
  /** Step budget (default: the entry's exampleSteps). */
  readonly maxSteps?: number;
  /** Stop at convergence (default true); false runs exactly maxSteps. */
  readonly untilConverged?: boolean;
  readonly onStep?: (state: ModelState) => void;
}

export interface ZooRun {
  readonly entry: ZooEntry;
  readonly graph: CsrGraph;
  readonly state: ModelState;
  readonly result: RunResult;
}

/** Build (or take) a network, validate, init and run one zoo model. */
export function runZooModel(id: string, options: ZooRunOptions): ZooRun {
  const e = getZooEntry(id);
  const root = new Rng(options.key);
  const graph = (options.network ?? e.exampleNetwork(root.fork('network'))).clone();
  const model = e.model;
  const state = model.init(graph, model.validate({ ...e.exampleParams, ...options.params }), root.fork('model'));
  const maxSteps = options.maxSteps ?? e.exampleSteps;
  let result: RunResult;
  if (options.untilConverged === false) {
    for (let k = 0; k < maxSteps; k++) {
      model.step(state);
      options.onStep?.(state);
    }
    result = { steps: maxSteps, converged: model.isConverged(state) };
  } else {
    result = runUntilConverged(model, state, { maxSteps, onStep: options.onStep });
  }
  return { entry: e, graph, state, result };
}
