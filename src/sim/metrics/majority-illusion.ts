/**
 * Majority illusion (Lerman, Yan & Wu, "The 'majority illusion' in social
 * networks", PLOS ONE 11(2) e0147617 (2016)): the share of nodes, among those
 * with at least one neighbour, for which MORE than a `threshold` fraction
 * (default 1/2, strict) of their neighbours hold the `active` attribute value
 *   P_{>θ} = |{i : k_i ≥ 1, a_i^act / k_i > θ}| / |{i : k_i ≥ 1}|.
 * The illusion is interesting when the active value is a global minority, so
 * `active: 'minority'` (the default) picks whichever of 0 and 1 fewer nodes
 * hold (1 on a tie) and then needs a 0/1 attribute; an integer `active` names
 * the value directly. Lerman et al. show the share grows with the correlation
 * between degree and the attribute and in disassortative, heavy-tailed
 * networks. Neighbours on a directed graph: by default whom i follows
 * (what i sees), see `direction`. One snapshot; NaN with no eligible node.
 */
import { InputError, ParamError, check } from '../../model/errors.js';
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { type Direction, moduleName, neighbourhood, readDirection, requireAttribute, requireNetwork, resolveOptions } from './metric-support.js';

export interface MajorityIllusionDetail {
  /** Share of eligible nodes under the illusion. */
  readonly share: number;
  /** The attribute value counted as active. */
  readonly active: number;
  /** Global share of nodes holding `active`. */
  readonly activeShare: number;
  /** Nodes with at least one neighbour. */
  readonly eligible: number;
  /** Eligible nodes that see more than `threshold` active neighbours. */
  readonly fooled: number;
  /** Per node, the fraction of its neighbours holding `active` (NaN without neighbours). */
  readonly exposure: Float64Array;
}

export interface MajorityIllusionOptions {
  readonly threshold?: number;
  readonly direction?: Direction;
  /** 'minority' or the attribute value to count. */
  readonly active?: 'minority' | number;
}

const ID = 'network.majority-illusion';
const DEFAULTS = { threshold: 0.5, direction: 'out' as string, active: 'minority' as string | number };

function activeValue(a: Int32Array, active: 'minority' | number): number {
  if (active !== 'minority') return active;
  let ones = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === 1) ones++;
    else if (v !== 0) {
      throw new InputError(
        `${moduleName(ID)}: invalid \`attribute[${i}]\` (${v}): \`active: 'minority'\` needs a 0/1 attribute; pass the value to count as \`active\``,
        { field: 'attribute' },
      );
    }
  }
  return ones <= a.length - ones ? 1 : 0;
}

export function majorityIllusion(view: NetworkView, options: MajorityIllusionOptions = {}): MajorityIllusionDetail {
  const graph = requireNetwork(ID, view);
  const a = requireAttribute(ID, view);
  const threshold = options.threshold ?? DEFAULTS.threshold;
  const active = activeValue(a, options.active ?? 'minority');
  const { n, start, deg, targets } = neighbourhood(graph, options.direction ?? 'out');
  const exposure = new Float64Array(n);
  let eligible = 0;
  let fooled = 0;
  let holders = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === active) holders++;
    const d = deg[i];
    if (d === 0) {
      exposure[i] = NaN;
      continue;
    }
    let c = 0;
    for (let k = start[i], e = k + d; k < e; k++) if (a[targets[k]] === active) c++;
    eligible++;
    exposure[i] = c / d;
    // Compare counts, not the rounded fraction: exactly half is not "more than half".
    if (c > threshold * d) fooled++;
  }
  return {
    share: eligible === 0 ? NaN : fooled / eligible,
    active,
    activeShare: n === 0 ? NaN : holders / n,
    eligible,
    fooled,
    exposure,
  };
}

function ofView(view: NetworkView, options: MetricOptions | undefined): MajorityIllusionDetail {
  const o = resolveOptions(ID, DEFAULTS, options);
  const mod = moduleName(ID);
  const threshold = check.number(mod, 'threshold', o.threshold, 0, 1, { hiOpen: true });
  const direction = readDirection(ID, o.direction);
  let active: 'minority' | number;
  if (o.active === 'minority') active = 'minority';
  else if (typeof o.active === 'number' && Number.isInteger(o.active)) active = o.active;
  else throw new ParamError(mod, 'active', o.active, '"minority" or an integer attribute value');
  return majorityIllusion(view, { threshold, direction, active });
}

export const majorityIllusionMetric: MetricDefinition<NetworkView, MajorityIllusionDetail> = {
  id: ID,
  title: 'Majority illusion',
  description:
    'Share of nodes (with ≥ 1 neighbour) for which more than `threshold` of their neighbours hold the globally rarer attribute value (Lerman, Yan & Wu, PLOS ONE 2016).',
  input: 'network',
  requires: ['attribute'],
  defaults: DEFAULTS,
  scalar: (view, options) => ofView(view, options).share,
  detailed: ofView,
};
