/**
 * The network a zoo-model experiment runs on, as data: a generator kind and
 * its parameters. The fields of each kind are typed here so that `base`,
 * `vary` and `--set` can address them as `network.<field>` (a sweep over
 * `network.n` is a finite-size study) and bad values are rejected before any
 * run starts; the generator itself checks again when it builds.
 *
 * A run's network is built from the `network` fork of its common-random-
 * numbers key, so the arms of one replicate share it.
 */
import { CsrGraph } from '../model/csr-graph.js';
import { InputError, ParamError, closest, formatValue } from '../model/errors.js';
import { completeGraph } from '../model/generators/complete-graph.js';
import { erdosRenyi } from '../model/generators/erdos-renyi.js';
import { preferentialAttachment } from '../model/generators/preferential-attachment.js';
import { stochasticBlockModel } from '../model/generators/stochastic-block-model.js';
import { wattsStrogatz } from '../model/generators/watts-strogatz.js';
import type { Rng } from '../model/rng.js';
import type { NetworkSpec, ParamValue } from './experiment-types.js';

export type NetworkKind = NetworkSpec['kind'];

/** The type of one network field, its range, and whether it must be given. */
export interface NetworkField {
  readonly type: 'number' | 'boolean';
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Lower bound excluded. */
  readonly minOpen?: boolean;
  readonly required?: boolean;
}

/** Largest network an experiment may ask for (the platform's own ceiling). */
export const MAX_NETWORK_NODES = 50_000_000;
/** Edges a generator can return (CSR offsets are 32-bit). */
const MAX_EDGES = 2 ** 31 - 1;

const n: NetworkField = { type: 'number', integer: true, min: 2, max: MAX_NETWORK_NODES, required: true };
const directed: NetworkField = { type: 'boolean' };

export const NETWORK_FIELDS: Readonly<Record<NetworkKind, Readonly<Record<string, NetworkField>>>> = {
  'erdos-renyi': { n, p: { type: 'number', min: 0, max: 1 }, m: { type: 'number', integer: true, min: 0, max: MAX_EDGES }, directed },
  'preferential-attachment': { n, m: { type: 'number', integer: true, min: 1, max: MAX_EDGES, required: true }, exponent: { type: 'number', min: 2, minOpen: true, max: 1000 } },
  'stochastic-block-model': {
    n,
    groups: { type: 'number', integer: true, min: 1, max: MAX_NETWORK_NODES, required: true },
    meanOutDegree: { type: 'number', min: 0, max: MAX_NETWORK_NODES, required: true },
    homophily: { type: 'number', min: 0, max: 1, required: true },
    directed,
  },
  'watts-strogatz': { n, k: { type: 'number', integer: true, min: 0, max: MAX_NETWORK_NODES, required: true }, beta: { type: 'number', min: 0, max: 1, required: true } },
  complete: { n, directed },
};

export const NETWORK_KINDS = Object.keys(NETWORK_FIELDS) as NetworkKind[];

export function isNetworkKind(kind: unknown): kind is NetworkKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(NETWORK_FIELDS, kind);
}

function describe(f: NetworkField): string {
  if (f.type === 'boolean') return 'true or false';
  const what = f.integer ? 'an integer' : 'a number';
  return `${what} in ${f.minOpen ? '(' : '['}${f.min ?? '−∞'}, ${f.max ?? '∞'}]`;
}

/** Check one field's value; `label` is how the message names it (e.g. `network.n`). */
export function checkNetworkField(source: string, kind: NetworkKind, key: string, value: unknown, label = `network.${key}`): void {
  const f = NETWORK_FIELDS[kind][key];
  if (f.type === 'boolean') {
    if (typeof value !== 'boolean') throw new ParamError(source, label, value, describe(f));
    return;
  }
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!f.integer || Number.isInteger(value)) &&
    (f.min === undefined || (f.minOpen ? value > f.min : value >= f.min)) &&
    (f.max === undefined || value <= f.max);
  if (!ok) throw new ParamError(source, label, value, describe(f));
}

/** Reject an unknown field of a kind, suggesting the closest known one. */
export function unknownNetworkField(source: string, kind: NetworkKind, key: string, label = `network.${key}`): InputError {
  const known = Object.keys(NETWORK_FIELDS[kind]);
  const near = closest(key, known);
  return new InputError(
    `${source}: unknown network parameter \`${label}\` for a ${kind} network${near ? ` (did you mean \`network.${near}\`?)` : ''}; known: ${known.map((k) => `network.${k}`).join(', ')}`,
    { field: label },
  );
}

/** Edges the parameters ask for (an upper estimate for random graphs). */
function expectedEdges(kind: NetworkKind, p: Readonly<Record<string, ParamValue>>): number {
  const nodes = p.n as number;
  const dir = p.directed !== false;
  switch (kind) {
    case 'erdos-renyi':
      return p.m !== undefined ? (p.m as number) : ((p.p as number) * nodes * (nodes - 1)) / (dir ? 1 : 2);
    case 'preferential-attachment':
      return nodes * (p.m as number);
    case 'stochastic-block-model':
      return nodes * (p.meanOutDegree as number);
    case 'watts-strogatz':
      return (nodes * (p.k as number)) / 2;
    case 'complete':
      return (nodes * (nodes - 1)) / (p.directed === true ? 1 : 2);
  }
}

/**
 * Check a complete set of network parameters (the spec's, with any
 * `network.*` values of a run over them). The generator checks the rest
 * (e.g. an odd Watts–Strogatz k) when the network is first built.
 */
export function checkNetworkParams(source: string, kind: NetworkKind, params: Readonly<Record<string, ParamValue>>): void {
  const fields = NETWORK_FIELDS[kind];
  for (const key of Object.keys(params)) {
    if (!Object.prototype.hasOwnProperty.call(fields, key)) throw unknownNetworkField(source, kind, key);
    checkNetworkField(source, kind, key, params[key]);
  }
  for (const [key, f] of Object.entries(fields)) {
    if (f.required && params[key] === undefined) throw new ParamError(source, `network.${key}`, undefined, `${describe(f)} (the ${kind} generator needs it)`);
  }
  if (kind === 'erdos-renyi' && (params.p === undefined) === (params.m === undefined)) {
    throw new ParamError(source, 'network.p', params.p, `exactly one of \`network.p\` (edge probability) and \`network.m\` (edge count), got ${params.m === undefined ? 'neither' : 'both'}`);
  }
  if (kind === 'preferential-attachment' && (params.n as number) <= (params.m as number)) {
    throw new ParamError(source, 'network.n', params.n, `more than network.m (${formatValue(params.m)}) nodes`);
  }
  if (expectedEdges(kind, params) > MAX_EDGES) {
    throw new ParamError(source, 'network.n', params.n, `a network of at most 2^31 − 1 edges (these parameters ask for about ${expectedEdges(kind, params).toExponential(2)})`);
  }
}

/** Build the network (undirected unless the spec says `directed: true`, except Price's model, which is directed). */
export function buildNetwork(kind: NetworkKind, params: Readonly<Record<string, ParamValue>>, rng: Rng): CsrGraph {
  const p = params as Readonly<Record<string, number & boolean>>;
  switch (kind) {
    case 'erdos-renyi':
      return CsrGraph.fromEdgeList(erdosRenyi({ n: p.n, p: p.p, m: p.m, directed: p.directed ?? false }, rng));
    case 'preferential-attachment':
      return CsrGraph.fromEdgeList(preferentialAttachment({ n: p.n, m: p.m, exponent: p.exponent }, rng));
    case 'stochastic-block-model':
      return CsrGraph.fromEdgeList(
        stochasticBlockModel({ n: p.n, groups: p.groups, meanOutDegree: p.meanOutDegree, homophily: p.homophily, directed: p.directed ?? false }, rng).edges,
      );
    case 'watts-strogatz':
      return CsrGraph.fromEdgeList(wattsStrogatz({ n: p.n, k: p.k, beta: p.beta }, rng));
    case 'complete':
      return CsrGraph.fromEdgeList(completeGraph({ n: p.n, directed: p.directed ?? false }, rng));
  }
}
