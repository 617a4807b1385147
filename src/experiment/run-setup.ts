/**
 * How one grid point of a resolved experiment is run: the model's parameters
 * (example parameters < arm < base < swept values) and its network's, or a
 * scenario's arm and platform overrides; and the network of a zoo run, built
 * from the `network` fork of the run's common-random-numbers key so that
 * every arm of a replicate gets the same one.
 */
import type { CsrGraph } from '../model/csr-graph.js';
import { Rng } from '../model/rng.js';
import { getZooEntry } from '../sim/model-zoo.js';
import type { ResolvedExperiment } from './define-experiment.js';
import { has } from './definition-checks.js';
import type { ParamValue } from './experiment-types.js';
import { buildNetwork, type NetworkKind } from './network-spec.js';

/** How one grid point of a zoo-model experiment is run. */
export interface ZooSetup {
  readonly kind: 'model';
  readonly modelId: string;
  readonly params: Record<string, unknown>;
  readonly network: { readonly kind: NetworkKind; readonly params: Record<string, ParamValue> } | null;
}

export interface ScenarioSetup {
  readonly kind: 'scenario';
  readonly arm: string | undefined;
  readonly overrides: Record<string, ParamValue>;
}

/**
 * Parameters of a run: the model's (example parameters < arm < base <
 * swept values) and its network's, or a scenario's arm and platform
 * overrides (experiment-level `durationHours` < base < swept values).
 */
export function runSetup(resolved: Pick<ResolvedExperiment, 'definition' | 'base' | 'options'>, params: Readonly<Record<string, ParamValue>>): ZooSetup | ScenarioSetup {
  const def = resolved.definition;
  const merged: Record<string, ParamValue> = { ...resolved.base, ...params };
  if (def.scenario !== undefined) {
    const overrides: Record<string, ParamValue> = {};
    const duration = (resolved.options.quick ? def.quick?.durationHours : undefined) ?? def.durationHours;
    if (duration !== undefined) overrides.durationHours = duration;
    let arm: string | undefined;
    for (const [k, v] of Object.entries(merged)) {
      if (k === 'arm') arm = String(v);
      else overrides[k] = v;
    }
    return { kind: 'scenario', arm, overrides };
  }
  const modelId = def.model as string;
  const entry = getZooEntry(modelId);
  const armName = merged.arm;
  const armParams = armName !== undefined && def.arms && has(def.arms, String(armName)) ? def.arms[String(armName)].params : {};
  const modelParams: Record<string, unknown> = { ...(entry.exampleParams ?? {}), ...armParams };
  const networkParams: Record<string, ParamValue> = { ...(def.network?.params ?? {}) };
  for (const [k, v] of Object.entries(merged)) {
    if (k === 'arm') continue;
    if (k.startsWith('network.')) networkParams[k.slice('network.'.length)] = v;
    else modelParams[k] = v;
  }
  return { kind: 'model', modelId, params: modelParams, network: def.network ? { kind: def.network.kind, params: networkParams } : null };
}

/** The network of a zoo run: the spec's generator or the model's example network, from the `network` fork of `crnKey`. */
export function runNetwork(setup: ZooSetup, crnKey: string): CsrGraph {
  const rng = new Rng(crnKey).fork('network');
  return setup.network ? buildNetwork(setup.network.kind, setup.network.params, rng) : getZooEntry(setup.modelId).exampleNetwork(rng);
}

/** Does a selector (exact name or `prefix*`) pick the outcome `key`? */
export function outcomeSelected(selectors: readonly string[] | null, key: string): boolean {
  if (selectors === null) return true;
  for (const s of selectors) {
    if (s === key) return true;
    if (s.endsWith('*') && key.startsWith(s.slice(0, -1))) return true;
  }
  return false;
}
