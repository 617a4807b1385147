/**
 * The demo's settings as a JSON experiment spec for the command line:
 * `npx echolab run <file>.json` runs the preset's scenario with the demo's
 * arm and parameters pinned in `base`, one replicate, the demo's seed.
 *
 * Data, not code: the seed and every value come from a link anyone can
 * craft, so the export is a JSON document written by `JSON.stringify` (every
 * string escaped by the serialiser) and the command line reads it as data
 * (experiment-spec.ts), never as a module. An earlier export wrote a
 * TypeScript file with the seed inside a comment, where a seed holding the
 * comment's end ran as code.
 *
 * The command line derives its streams from the experiment's own key, so
 * its numbers differ from the demo's run; the settings are the same.
 */
import { SPEC_VERSION, specText, type ExperimentSpec } from '../../experiment/experiment-spec.js';
import type { PresetDefinition } from './demo-presets.js';
import type { DemoConfig, ParamValue, PresetInfo } from './demo-protocol.js';
import type { PuzzleDefinition } from './puzzles.js';

/** A kebab-case id from a seed (letters and digits kept, the rest as dashes). */
function slug(s: string): string {
  const t = s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return t === '' ? 'x' : t.slice(0, 24).replace(/-+$/g, '');
}

/** The parameters the demo ran with that differ from the scenario's own (with its arm): what the spec must pin. */
export function demoBase(def: PresetDefinition, info: PresetInfo, config: DemoConfig, puzzle: PuzzleDefinition | null): Record<string, ParamValue> {
  const arm = config.arm ?? info.defaultArm;
  const base: Array<[string, ParamValue]> = [];
  if (arm !== null) base.push(['arm', arm]);
  const scenarioOwn: Record<string, unknown> = { ...def.scenario.params, ...(arm !== null ? (def.scenario.arms?.[arm]?.params ?? {}) : {}) };
  for (const [k, v] of Object.entries(info.params)) {
    const mine = Object.prototype.hasOwnProperty.call(config.params, k) || Object.prototype.hasOwnProperty.call(def.overrides, k) || (puzzle !== null && Object.prototype.hasOwnProperty.call(puzzle.params, k));
    if (mine && scenarioOwn[k] !== v) base.push([k, v]);
  }
  // fromEntries defines own properties, so no key (not even "__proto__") can reach a prototype.
  return Object.fromEntries(base);
}

export function experimentSpecOf(def: PresetDefinition, info: PresetInfo, config: DemoConfig, puzzle: PuzzleDefinition | null): { id: string; spec: ExperimentSpec } {
  const id = `demo-${def.id}-${slug(config.seed)}`;
  const arm = config.arm ?? info.defaultArm;
  const fileName = `${id}.json`;
  const spec: ExperimentSpec = {
    $comment: [
      `${info.title.en}: settings exported from the echolab teaching demo (preset "${def.id}"${arm !== null ? `, variant "${arm}"` : ''}${puzzle ? `, puzzle "${puzzle.info.id}"` : ''}).`,
      `Run: npx echolab run ${fileName}`,
      'The command line draws its own random streams from the experiment key, so its numbers differ from the demo run; the settings are the same.',
    ],
    specVersion: SPEC_VERSION,
    id,
    title: `${info.title.en} (demo settings)`,
    question: info.question.en,
    scenario: def.scenario.id,
    base: demoBase(def, info, config, puzzle),
    replicates: 1,
    seed: config.seed,
  };
  return { id, spec };
}

/** The spec file: its name (`demo-<preset>-<seed>.json`) and JSON text. */
export function experimentFileText(def: PresetDefinition, info: PresetInfo, config: DemoConfig, puzzle: PuzzleDefinition | null): { fileName: string; text: string } {
  const { id, spec } = experimentSpecOf(def, info, config, puzzle);
  return { fileName: `${id}.json`, text: specText(spec) };
}
