/**
 * Node colours. Opinions use a diverging blue–grey–red ramp built on
 * ColorBrewer RdBu (Brewer 2003; safe for the common colour-vision
 * deficiencies because the two arms also differ in lightness), with the
 * near-white centre replaced by a mid grey so neutral accounts stay visible on
 * a white background. Communities use the Okabe–Ito qualitative palette.
 */
import { PALETTE } from '../charts/chart-spec.js';

/** RdBu anchors from −1 (left) to +1 (right). */
const OPINION_STOPS: readonly (readonly [number, number, number])[] = [
  [0x05, 0x30, 0x61],
  [0x21, 0x66, 0xac],
  [0x43, 0x93, 0xc3],
  [0x92, 0xc5, 0xde],
  [0xb4, 0xb4, 0xb4],
  [0xf4, 0xa5, 0x82],
  [0xd6, 0x60, 0x4d],
  [0xb2, 0x18, 0x2b],
  [0x67, 0x00, 0x1f],
];

const LEVELS = 64;
const OPINION_TABLE: readonly string[] = Array.from({ length: LEVELS + 1 }, (_, i) => interpolate(i / LEVELS));

function hex2(v: number): string {
  return Math.round(v).toString(16).padStart(2, '0');
}

function interpolate(u: number): string {
  const pos = u * (OPINION_STOPS.length - 1);
  const i = Math.min(OPINION_STOPS.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = OPINION_STOPS[i];
  const b = OPINION_STOPS[i + 1];
  return `#${hex2(a[0] + (b[0] - a[0]) * f)}${hex2(a[1] + (b[1] - a[1]) * f)}${hex2(a[2] + (b[2] - a[2]) * f)}`;
}

/** Colour of an opinion on [−1, 1] (quantized to 65 levels so frames reuse strings). */
export function opinionColour(x: number): string {
  if (!Number.isFinite(x)) return OPINION_TABLE[LEVELS / 2];
  const u = Math.min(1, Math.max(0, (x + 1) / 2));
  return OPINION_TABLE[Math.round(u * LEVELS)];
}

/** The ramp as CSS gradient stops (legend). */
export function opinionGradient(): string {
  return `linear-gradient(to right, ${OPINION_STOPS.map((s, i) => `rgb(${s[0]},${s[1]},${s[2]}) ${Math.round((i / (OPINION_STOPS.length - 1)) * 100)}%`).join(', ')})`;
}

/** Communities past the palette's length share one grey (only the biggest few matter to the eye). */
export const OTHER_COMMUNITY = '#9a9a9a';

/**
 * Colour per community, biggest community first, so that colours do not
 * jump when Louvain renumbers communities between recomputations.
 */
export function communityColours(community: Int32Array): Map<number, string> {
  const size = new Map<number, number>();
  for (let i = 0; i < community.length; i++) size.set(community[i], (size.get(community[i]) ?? 0) + 1);
  const order = [...size.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const out = new Map<number, string>();
  const qualitative = PALETTE.filter((c) => c !== '#000000' && c !== '#F0E442');
  order.forEach(([id], k) => out.set(id, k < qualitative.length ? qualitative[k] : OTHER_COMMUNITY));
  return out;
}

export const BOT_COLOUR = '#111111';
export const HOAX_SEEN_COLOUR = '#D55E00';
export const HOAX_UNSEEN_COLOUR = '#c9c9c9';
export const EDGE_COLOUR = '#d5d8de';
