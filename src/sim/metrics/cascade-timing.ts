/**
 * Speed of a cascade (Vosoughi, Roy & Aral, Science 359, 1146–1151 (2018),
 * "time to reach N unique users" and "time to reach depth d"):
 *   time-to-k     = t_(k) − t_root, with t_(k) the k-th smallest join time
 *                   (the root counts as the first node, so k = 1 gives 0
 *                   when the root is earliest);
 *   time-to-depth = min{ t_i : depth_i = d } − t_root.
 * Times are in the view's unit, measured from the root's time. A cascade
 * that never gets there (fewer than k nodes, or shallower than d) gives
 * +Infinity: a first-passage time that never happens is infinite, and
 * comparisons such as `timeToK < horizon` then stay correct (filter before
 * averaging). Join times must be finite numbers; they need not increase
 * along the tree.
 */
import { InputError, check } from '../../model/errors.js';
import type { CascadeView, MetricDefinition, MetricOptions } from '../metric-view.js';
import { cascadeLayout } from './cascade-tree.js';
import { moduleName, resolveOptions } from './metric-support.js';

export interface TimeToKDetail {
  readonly k: number;
  readonly time: number;
  /** Join times minus the root's time, sorted ascending. */
  readonly sortedTimes: Float64Array;
}

export interface TimeToDepthDetail {
  readonly depth: number;
  readonly time: number;
  /** Per depth 0..max, the earliest join time there minus the root's time. */
  readonly firstTimeAtDepth: Float64Array;
}

function checkedTimes(metricId: string, view: CascadeView): { root: number; depth: Int32Array; maxDepth: number } {
  const layout = cascadeLayout(metricId, view);
  const t = view.time;
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(t[i])) {
      throw new InputError(`${moduleName(metricId)}: invalid \`time[${i}]\` (${t[i]}): expected a finite number`, { field: 'time' });
    }
  }
  return layout;
}

export function timeToK(view: CascadeView, k: number): TimeToKDetail {
  const id = 'cascade.time-to-k';
  const { root } = checkedTimes(id, view);
  check.integer(moduleName(id), 'k', k, 1);
  const t0 = view.time[root];
  const sortedTimes = Float64Array.from(view.time, (t) => t - t0).sort();
  return { k, time: k <= sortedTimes.length ? sortedTimes[k - 1] : Infinity, sortedTimes };
}

export function timeToDepth(view: CascadeView, depth: number): TimeToDepthDetail {
  const id = 'cascade.time-to-depth';
  const layout = checkedTimes(id, view);
  check.integer(moduleName(id), 'depth', depth, 0);
  const t0 = view.time[layout.root];
  const firstTimeAtDepth = new Float64Array(layout.maxDepth + 1).fill(Infinity);
  for (let i = 0; i < layout.depth.length; i++) {
    const d = layout.depth[i];
    const t = view.time[i] - t0;
    if (t < firstTimeAtDepth[d]) firstTimeAtDepth[d] = t;
  }
  return { depth, time: depth <= layout.maxDepth ? firstTimeAtDepth[depth] : Infinity, firstTimeAtDepth };
}

const K_DEFAULTS = { k: 10 };
const DEPTH_DEFAULTS = { depth: 2 };

function timeToKOfView(view: CascadeView, options: MetricOptions | undefined): TimeToKDetail {
  const o = resolveOptions('cascade.time-to-k', K_DEFAULTS, options);
  return timeToK(view, o.k);
}

function timeToDepthOfView(view: CascadeView, options: MetricOptions | undefined): TimeToDepthDetail {
  const o = resolveOptions('cascade.time-to-depth', DEPTH_DEFAULTS, options);
  return timeToDepth(view, o.depth);
}

export const cascadeTimeToK: MetricDefinition<CascadeView, TimeToKDetail> = {
  id: 'cascade.time-to-k',
  title: 'Time to k users',
  description:
    'Time from the root until the k-th node (root = 1st) joined (Vosoughi et al. 2018); +Infinity if the cascade has fewer than k nodes. Default k = 10.',
  input: 'cascade',
  requires: [],
  defaults: K_DEFAULTS,
  scalar: (view, options) => timeToKOfView(view, options).time,
  detailed: timeToKOfView,
};

export const cascadeTimeToDepth: MetricDefinition<CascadeView, TimeToDepthDetail> = {
  id: 'cascade.time-to-depth',
  title: 'Time to depth d',
  description:
    'Time from the root until the first node at depth d joined (Vosoughi et al. 2018); +Infinity if the cascade is shallower. Default d = 2.',
  input: 'cascade',
  requires: [],
  defaults: DEPTH_DEFAULTS,
  scalar: (view, options) => timeToDepthOfView(view, options).time,
  detailed: timeToDepthOfView,
};
