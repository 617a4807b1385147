/**
 * Entry point for recomputing golden records in another runtime (a worker
 * thread, a browser page): returns each record as its golden file's text,
 * which survives structured cloning and page serialisation with -0, NaN
 * and Infinity intact.
 */
import { computeGolden, goldenCase, goldenCases } from './golden-cases.js';
import { encodeGolden } from './golden-json.js';

/** Golden file texts of the cases `ids` (all cases when omitted), by id. */
export function goldenTexts(ids?: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of ids ?? goldenCases().map((c) => c.id)) out[id] = encodeGolden(computeGolden(goldenCase(id)));
  return out;
}
