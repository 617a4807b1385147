/**
 * The demo's settings as an experiment file for the command line. The file
 * is meant to sit in the repository's experiments/ folder (its imports are
 * relative to a top-level folder of the repository), where
 * `npx echolab run experiments/<file>` runs it: the preset's scenario with
 * the demo's arm and parameters pinned in `base`, one replicate, the demo's
 * seed. The command line derives its streams from the experiment's own key,
 * so the numbers differ from the demo's run; the settings are the same.
 */
import type { PresetDefinition } from './demo-presets.js';
import type { DemoConfig, ParamValue, PresetInfo } from './demo-protocol.js';
import type { PuzzleDefinition } from './puzzles.js';

function literal(v: ParamValue): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function key(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k);
}

function camel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A kebab-case id from a seed (letters and digits kept, the rest as dashes). */
function slug(s: string): string {
  const t = s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return t === '' ? 'x' : t.slice(0, 24).replace(/-+$/g, '');
}

export function experimentFileText(def: PresetDefinition, info: PresetInfo, config: DemoConfig, puzzle: PuzzleDefinition | null): { fileName: string; text: string } {
  const id = `demo-${def.id}-${slug(config.seed)}`;
  const arm = config.arm ?? info.defaultArm;
  // Pin every parameter that differs from the scenario's own, so the file says what the demo ran.
  const base: Array<[string, ParamValue]> = [];
  if (arm !== null) base.push(['arm', arm]);
  const scenarioOwn: Record<string, unknown> = { ...def.scenario.params, ...(arm !== null ? (def.scenario.arms?.[arm]?.params ?? {}) : {}) };
  for (const [k, v] of Object.entries(info.params)) {
    const mine = Object.prototype.hasOwnProperty.call(config.params, k) || Object.prototype.hasOwnProperty.call(def.overrides, k) || (puzzle !== null && Object.prototype.hasOwnProperty.call(puzzle.params, k));
    if (mine && scenarioOwn[k] !== v) base.push([k, v]);
  }
  const name = camel(def.scenario.id);
  const lines = [
    '/**',
    ` * ${info.title.en} — settings exported from the echolab teaching demo.`,
    ` * Preset "${def.id}"${arm !== null ? `, variant "${arm}"` : ''}, seed ${JSON.stringify(config.seed)}${puzzle ? `, puzzle "${puzzle.info.id}"` : ''}.`,
    ' *',
    ' * Save this file in the experiments/ folder of echolab and run:',
    ` *   npx echolab run experiments/${id}.ts`,
    ' * The command line draws its own random streams from the experiment key,',
    ' * so its numbers differ from the demo run; the settings are the same.',
    ' */',
    "import { defineExperiment } from '../src/experiment/define-experiment.js';",
    `import ${name} from '../experiments/${def.scenario.id}.js';`,
    '',
    'export default defineExperiment({',
    `  id: ${JSON.stringify(id)},`,
    `  title: ${JSON.stringify(`${info.title.en} (demo settings)`)},`,
    `  question: ${JSON.stringify(info.question.en)},`,
    `  scenario: ${name},`,
    '  base: {',
    ...base.map(([k, v]) => `    ${key(k)}: ${literal(v)},`),
    '  },',
    '  replicates: 1,',
    `  seed: ${JSON.stringify(config.seed)},`,
    '});',
    '',
  ];
  return { fileName: `${id}.ts`, text: lines.join('\n') };
}
