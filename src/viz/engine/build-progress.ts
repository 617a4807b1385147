/**
 * How far the demo's build has got, as whole percents for the page's
 * "Building the network… 45 %". The build's steps report work done (edges
 * generated, nodes and edges copied for Louvain), never time, so the same
 * build always reports the same percents; the meter turns each step's
 * fraction into the build's, and passes a percent on only when it grows, so
 * the listener sees at most 101 calls, strictly increasing, the last 100.
 *
 * Shares of the build, from CPU time measured at 20,000 accounts and a
 * million follows: the network, the accounts and the scenario's set-up take
 * a few percent; the first Louvain run (the copy to graphology, then the
 * library's passes) nearly all the rest.
 */

/** The build's steps, in order, and where each ends (fraction of the whole). */
export const BUILD_STEPS = {
  network: 0.04,
  communities: 0.99,
} as const;

export type BuildStep = keyof typeof BUILD_STEPS;

/** Called with the percent done (0–100), only when it grows. */
export type ProgressListener = (percent: number) => void;

export interface ProgressMeter {
  /** `fraction` (0–1) of `step` is done. */
  step(step: BuildStep, fraction: number): void;
  /** The whole build is done: 100 %. */
  done(): void;
}

const NO_METER: ProgressMeter = { step: () => undefined, done: () => undefined };

export function progressMeter(listener: ProgressListener | undefined): ProgressMeter {
  if (!listener) return NO_METER;
  let last = -1;
  const emit = (fraction: number): void => {
    const percent = Math.min(100, Math.max(0, Math.floor(fraction * 100)));
    if (percent > last) {
      last = percent;
      listener(percent);
    }
  };
  const names = Object.keys(BUILD_STEPS) as BuildStep[];
  return {
    step(step, fraction) {
      const k = names.indexOf(step);
      const from = k > 0 ? BUILD_STEPS[names[k - 1]] : 0;
      const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 1;
      emit(from + (BUILD_STEPS[step] - from) * f);
    },
    done: () => emit(1),
  };
}
