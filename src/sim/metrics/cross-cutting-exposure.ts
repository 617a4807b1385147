/**
 * Cross-cutting exposure share (Bakshy, Messing & Adamic, "Exposure to
 * ideologically diverse news and opinion on Facebook", Science 348(6239),
 * 1130–1132, 2015): among the exposures of partisan readers to partisan
 * content, the share that comes from the other side. Reader i's side is the
 * sign of its opinion (0: no side, left out); a stance bin's side is the
 * sign of its centre (ExposureCounts; with an odd K the middle bin is
 * neutral content and left out). With X_i the exposures of reader i to bins
 * of the opposite side and P_i those to bins with any side,
 *
 *   share = Σ_i X_i / Σ_i P_i          (pooled over exposures, as the paper's
 *                                      "percentage of cross-cutting content")
 *
 * and the detailed form gives the same share over left readers and over
 * right readers (the paper reports them apart: on Facebook the News Feed
 * showed liberals 22 % and conservatives 33 % cross-cutting content). NaN
 * when no partisan reader saw partisan content. One snapshot of cumulative
 * counts.
 */
import { InputError } from '../../model/errors.js';
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { binSide, requireExposure, requireOpinions, resolveOptions } from './metric-support.js';

export interface CrossCuttingDetail {
  /** Σ X_i / Σ P_i over all partisan readers. */
  readonly share: number;
  /** The same over readers with opinion < 0. */
  readonly left: number;
  /** The same over readers with opinion > 0. */
  readonly right: number;
  /** Σ P_i: exposures of partisan readers to partisan content. */
  readonly partisanExposures: number;
}

const ID = 'exposure.cross-cutting';
const NO_OPTIONS: MetricOptions = {};

export function crossCuttingExposure(view: NetworkView): CrossCuttingDetail {
  const { bins, counts } = requireExposure(ID, view);
  const x = requireOpinions(ID, view);
  const n = counts.length / bins;
  if (x.length !== n) throw new InputError(`metrics/${ID}: ${x.length} opinions for ${n} rows of \`exposure\``, { field: 'exposure' });
  const sides = Int8Array.from({ length: bins }, (_, b) => binSide(b, bins));
  let crossLeft = 0;
  let partisanLeft = 0;
  let crossRight = 0;
  let partisanRight = 0;
  for (let i = 0; i < n; i++) {
    const side = x[i] > 0 ? 1 : x[i] < 0 ? -1 : 0;
    if (side === 0) continue;
    const row = i * bins;
    let cross = 0;
    let partisan = 0;
    for (let b = 0; b < bins; b++) {
      const s = sides[b];
      if (s === 0) continue;
      partisan += counts[row + b];
      if (s !== side) cross += counts[row + b];
    }
    if (side < 0) {
      crossLeft += cross;
      partisanLeft += partisan;
    } else {
      crossRight += cross;
      partisanRight += partisan;
    }
  }
  const ratio = (a: number, b: number): number => (b > 0 ? a / b : NaN);
  return {
    share: ratio(crossLeft + crossRight, partisanLeft + partisanRight),
    left: ratio(crossLeft, partisanLeft),
    right: ratio(crossRight, partisanRight),
    partisanExposures: partisanLeft + partisanRight,
  };
}

function ofView(view: NetworkView, options: MetricOptions | undefined): CrossCuttingDetail {
  resolveOptions(ID, NO_OPTIONS, options);
  return crossCuttingExposure(view);
}

export const crossCuttingExposureMetric: MetricDefinition<NetworkView, CrossCuttingDetail> = {
  id: ID,
  title: 'Cross-cutting exposure',
  description:
    "Share of partisan readers' exposures to partisan content that come from the other side, Σ cross / Σ partisan (reader side: sign of opinion; content side: sign of the stance bin's centre; Bakshy, Messing & Adamic 2015).",
  input: 'network',
  requires: ['opinions', 'exposure'],
  defaults: NO_OPTIONS,
  scalar: (view, options) => ofView(view, options).share,
  detailed: ofView,
};
