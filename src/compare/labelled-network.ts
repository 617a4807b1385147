/**
 * An imported network with a binary node label -> the view the network
 * comparison measures (compare-networks.ts): the CSR graph as the source
 * declares it, the label as codes 0/1 in sorted order of its two values,
 * and the edge weights when the source has a `weight` edge attribute. Every
 * check names the file and the attribute, so `echolab compare` can print it
 * as is: an attribute that is missing, missing on some nodes (how many, the
 * first one) or not binary (its values).
 */
import type { CsrDropped } from '../model/csr-graph.js';
import { InputError } from '../model/errors.js';
import type { ImportedNetwork } from '../model/import/imported-network.js';
import { categoryCodes } from '../model/import/label-vector.js';
import { toCsr, toCsrWeights } from '../model/import/to-csr.js';
import type { NetworkView } from '../sim/metric-view.js';
import { labelledView } from './compare-networks.js';

export interface LabelledNetwork {
  readonly view: NetworkView;
  /** The two label values: code 0 (opinion −1) and code 1 (opinion +1). */
  readonly categories: readonly [string, string];
  readonly dropped: CsrDropped;
}

export function labelledNetwork(imported: ImportedNetwork, attribute: string): LabelledNetwork {
  const { codes, categories } = categoryCodes(imported, attribute);
  const unlabelled: number[] = [];
  codes.forEach((c, i) => {
    if (c < 0) unlabelled.push(i);
  });
  if (unlabelled.length > 0) {
    throw new InputError(`${unlabelled.length} node(s) have no \`${attribute}\` (the first: "${imported.ids[unlabelled[0]]}"): every node needs a label`, {
      file: imported.source,
      field: attribute,
    });
  }
  if (categories.length !== 2) {
    const shown = categories.slice(0, 6).map((c) => JSON.stringify(c)).join(', ');
    throw new InputError(`\`${attribute}\` has ${categories.length} distinct value(s) (${shown}${categories.length > 6 ? ', …' : ''}): the network metrics need a binary label`, {
      file: imported.source,
      field: attribute,
    });
  }
  const net = toCsr(imported);
  const weights = toCsrWeights(imported, net.graph);
  return { view: labelledView(net.graph, codes, weights), categories: [String(categories[0]), String(categories[1])], dropped: net.dropped };
}
