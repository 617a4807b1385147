/**
 * Text helpers for SVG output: XML escaping, coordinates with at most two
 * decimals (so output is stable and small), and a width estimate for layout
 * without a DOM (average glyph widths of a sans-serif face, good to a few
 * pixels, which is all legend and margin layout needs).
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for XML content and attribute values; characters XML forbids (controls, lone surrogates) are dropped. */
export function escapeXml(text: string): string {
  return String(text)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A coordinate rounded to 0.01 px, without negative zero, clamped far outside any canvas. */
export function px(value: number): string {
  if (Number.isNaN(value)) return '0';
  const v = Math.max(-1e6, Math.min(1e6, value));
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

// Advance widths in em of DejaVu Sans, the widest of the usual sans-serif
// fallbacks, so that layout computed here never clips in a wider font.
const WIDTHS: ReadonlyArray<readonly [string, number]> = [
  ["il.,:;'|! ", 0.32],
  ['jtf()[]{}', 0.38],
  ['r-', 0.42],
  ['0123456789', 0.64],
  ['mw', 0.92],
  ['MW', 0.95],
  ['=+<>~±×−≥≤', 0.84],
  ['%@', 0.98],
];
const WIDTH = new Map<string, number>();
for (const [chars, w] of WIDTHS) for (const ch of chars) WIDTH.set(ch, w);

/** Approximate rendered width of `text` at `size` px (errs on the wide side). */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) {
    const known = WIDTH.get(ch);
    if (known !== undefined) w += known;
    else if (ch >= 'A' && ch <= 'Z') w += 0.72;
    else w += 0.61;
  }
  return w * size;
}

/** Greedy word wrap to lines no wider than `width` px (a single long word stays whole). */
export function wrapText(text: string, size: number, width: number): string[] {
  // Break at ordinary spaces only: a no-break space (French « : », « 40 % ») keeps its neighbours on one line.
  const words = text.split(/[ \t\n\r]+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Shorten `text` with an ellipsis to fit `width` px. */
export function fitText(text: string, size: number, width: number): string {
  if (textWidth(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** An element with attributes (values escaped; undefined attributes left out). */
export function el(name: string, attrs: Readonly<Record<string, string | number | undefined>>, content?: string): string {
  let s = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === '') continue;
    s += ` ${k}="${escapeXml(typeof v === 'number' ? px(v) : v)}"`;
  }
  return content === undefined ? `${s}/>` : `${s}>${content}</${name}>`;
}
