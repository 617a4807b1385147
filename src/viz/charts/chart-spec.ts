/**
 * A small declarative chart specification: what to draw, never how. The
 * experiment report renders these specs to inline SVG (render-svg.ts) and the
 * browser demo renders the same specs, so a spec knows nothing of
 * experiments, arms or metrics: it holds plain numbers, names and labels.
 *
 * Kinds:
 * - `line`: series over x, each with an optional band (e.g. mean ± 95 % CI
 *   across replicates); non-finite points break the line.
 * - `histogram`: samples per group, binned on shared bins, drawn as
 *   overlaid outlines.
 * - `strip`: the distribution of each group as one dot per value on its own
 *   row, with an optional interval (mean and CI) beside the dots; suits the
 *   handful of replicates an experiment has.
 * - `ccdf`: empirical P(X ≥ x) of each group, by default on log-log axes
 *   (heavy-tailed sizes such as cascade sizes).
 * - `point-range`: one row per estimate with its interval and an optional
 *   reference line (a forest plot of paired differences).
 * - `heatmap`: a value per cell of a grid of two parameters (rows × columns),
 *   on a sequential colour scale with its legend; the value is printed in
 *   each cell so that colour is never the only cue.
 * - `bars`: horizontal bars per category, one per series, with optional
 *   interval whiskers (e.g. first- and total-order Sobol indices).
 * - `small-multiples`: a grid of panels, each any of the kinds above.
 *
 * Colours default to the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies; Okabe & Ito 2008, "Color Universal Design");
 * past eight groups lines also change dash pattern.
 */

export type ScaleKind = 'linear' | 'log';

export interface AxisSpec {
  readonly label: string;
  /** Shown after the label in parentheses, e.g. `hours`. */
  readonly unit?: string;
  /** Default `linear` (`log` for both axes of a `ccdf`). */
  readonly scale?: ScaleKind;
  /** Fixed domain ends (default: from the data, widened to nice ticks). */
  readonly min?: number;
  readonly max?: number;
  /** Widen a linear domain to include zero. */
  readonly includeZero?: boolean;
  /** The values' possible range (e.g. [−1, 1] for a correlation): nice ticks never widen the domain past it. */
  readonly bounds?: readonly [number, number];
}

export interface ChartBase {
  readonly title: string;
  readonly subtitle?: string;
  /** Longer text for screen readers (`<desc>`); defaults to the subtitle. */
  readonly description?: string;
  /** Pixels; defaults depend on the kind. */
  readonly width?: number;
  readonly height?: number;
  /** Show the legend (default: when there are two or more groups). */
  readonly legend?: boolean;
}

export interface LineSeries {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Band lower and upper edges, index-aligned with `x`. */
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
  readonly colour?: string;
  /** SVG dash array, e.g. `6 3` (default: solid, or by position past eight series). */
  readonly dash?: string;
  /** Draw a marker at each point. */
  readonly markers?: boolean;
}

export interface LineChartSpec extends ChartBase {
  readonly kind: 'line';
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  readonly series: readonly LineSeries[];
  /** Legend text explaining the bands, e.g. `band: 95 % CI of the mean`. */
  readonly bandLabel?: string;
  /** A dashed horizontal line at this y (e.g. 1/2 for a probability), with its legend text. */
  readonly reference?: { readonly y: number; readonly label?: string };
}

export interface SampleGroup {
  readonly name: string;
  readonly values: readonly number[];
  readonly colour?: string;
}

export interface HistogramSpec extends ChartBase {
  readonly kind: 'histogram';
  readonly x: AxisSpec;
  /** Default label `count` (or `proportion`). */
  readonly y?: AxisSpec;
  readonly groups: readonly SampleGroup[];
  /** Approximate bin count (bins are aligned on nice values; default by Sturges' rule). */
  readonly bins?: number;
  /** `proportion` divides each group's counts by its number of finite values. */
  readonly normalize?: 'count' | 'proportion';
}

export interface StripGroup extends SampleGroup {
  /** An interval drawn beside the dots, e.g. the mean and its 95 % CI. */
  readonly centre?: number;
  readonly lower?: number;
  readonly upper?: number;
}

export interface StripSpec extends ChartBase {
  readonly kind: 'strip';
  /** The value axis (horizontal); groups are rows. */
  readonly x: AxisSpec;
  readonly groups: readonly StripGroup[];
  /** Legend text for the interval marker, e.g. `mean and 95 % CI`. */
  readonly intervalLabel?: string;
}

export interface CcdfSpec extends ChartBase {
  readonly kind: 'ccdf';
  /** Default scale `log`. */
  readonly x: AxisSpec;
  /** Default label `P(X ≥ x)`, scale `log`. */
  readonly y?: AxisSpec;
  readonly groups: readonly SampleGroup[];
}

export interface PointRangeRow {
  readonly label: string;
  readonly estimate: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly colour?: string;
  /** Short text at the right end of the row, e.g. `n = 10`. */
  readonly note?: string;
}

export interface PointRangeSpec extends ChartBase {
  readonly kind: 'point-range';
  /** The value axis (horizontal); rows are listed top to bottom. */
  readonly x: AxisSpec;
  readonly rows: readonly PointRangeRow[];
  /** Draw a dashed vertical line here (e.g. 0 for differences). */
  readonly reference?: number;
}

export interface HeatmapSpec extends ChartBase {
  readonly kind: 'heatmap';
  /** Columns: the x parameter's values (labels as given, left to right). */
  readonly x: { readonly label: string; readonly values: readonly string[] };
  /** Rows: the y parameter's values (labels as given, bottom to top). */
  readonly y: { readonly label: string; readonly values: readonly string[] };
  /** cells[row][column]: the value at y.values[row], x.values[column]; NaN for no data. */
  readonly cells: ReadonlyArray<readonly number[]>;
  /** The colour scale: its title and domain (default: the data's range, or `bounds` when given). */
  readonly colour: { readonly label: string; readonly min?: number; readonly max?: number; readonly bounds?: readonly [number, number] };
  /** Text under each cell's value, e.g. its interval (same shape as `cells`). */
  readonly cellNotes?: ReadonlyArray<readonly string[]>;
}

export interface BarSeries {
  readonly name: string;
  /** One value per category, in `categories` order. */
  readonly values: readonly number[];
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
  readonly colour?: string;
}

export interface BarSpec extends ChartBase {
  readonly kind: 'bars';
  /** The value axis (horizontal). */
  readonly x: AxisSpec;
  /** Rows, top to bottom; each holds one bar per series. */
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  /** Legend text for the whiskers, e.g. `95 % bootstrap interval`. */
  readonly intervalLabel?: string;
}

export type PanelSpec = LineChartSpec | HistogramSpec | StripSpec | CcdfSpec | PointRangeSpec | HeatmapSpec | BarSpec;

export interface SmallMultiplesSpec extends ChartBase {
  readonly kind: 'small-multiples';
  readonly panels: readonly PanelSpec[];
  /** Panels per row (default: up to 3). */
  readonly columns?: number;
  /** Height of each panel in pixels (default: the panel's own height, else 240). */
  readonly panelHeight?: number;
}

export type ChartSpec = PanelSpec | SmallMultiplesSpec;

/** Okabe–Ito colours by name. */
export const OKABE_ITO = Object.freeze({
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
});

/** Series order: the strongest contrasts on white first, yellow (weak on white) last. */
export const PALETTE: readonly string[] = Object.freeze([
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
]);

/** Dash patterns for series past the palette's length. */
export const DASHES: readonly string[] = Object.freeze(['', '6 3', '2 3', '8 3 2 3']);

export interface SeriesStyle {
  readonly colour: string;
  /** Empty for a solid line. */
  readonly dash: string;
}

/** The colour and dash of the i-th group, so that a group keeps its look across charts. */
export function seriesStyle(index: number): SeriesStyle {
  const i = Math.max(0, Math.floor(index));
  return { colour: PALETTE[i % PALETTE.length], dash: DASHES[Math.floor(i / PALETTE.length) % DASHES.length] };
}

/** `label (unit)`, or the label alone. */
export function axisTitle(axis: Pick<AxisSpec, 'label' | 'unit'>): string {
  return axis.unit ? `${axis.label} (${axis.unit})` : axis.label;
}
