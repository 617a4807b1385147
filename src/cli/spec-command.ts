/**
 * `echolab spec <experiment>`: an experiment as a JSON spec on stdout, the
 * data file to copy, edit and run with `echolab run my-spec.json` (no code
 * to write or trust). Works for every experiment a spec can express: a zoo
 * model, or one of the bundled scenarios named by id. A scenario made in a
 * file of one's own has no id a spec could name, and is refused.
 */
import { definitionToSpec, parseExperimentSpec, specText, specToDefinition } from '../experiment/experiment-spec.js';
import { InputError } from '../model/errors.js';
import { bundledScenario, displayPath, findExperimentFile, loadExperiment } from '../runner/load-experiment.js';
import { UsageError, type ParsedArgs } from './parse-args.js';
import type { ProgressStream } from '../runner/progress.js';

export async function specCommand(args: ParsedArgs, io: { readonly stdout: ProgressStream; readonly cwd: string }): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('echolab spec: name one experiment file or id, e.g. `echolab spec deffuant-threshold > my-spec.json`');
  const file = findExperimentFile(args.positionals[0], io.cwd);
  const def = await loadExperiment(file);
  if (def.scenario !== undefined) {
    const bundled = await bundledScenario(def.scenario.id);
    if (bundled !== def.scenario) {
      throw new InputError(
        `scenario \`${def.scenario.id}\` is not one of the bundled scenarios (experiments/), so a JSON spec cannot name it; keep this experiment as a .ts file`,
        { file: displayPath(file), field: 'scenario' },
      );
    }
  }
  const spec = definitionToSpec(def, `${def.title}. Run with: npx echolab run <this file>.json (add --quick for the quick size).`);
  const text = specText(spec);
  // What is printed must load back to the same experiment: check before printing.
  specToDefinition(parseExperimentSpec(text, '(spec)'), def.scenario, '(spec)', text);
  io.stdout.write(text);
  return 0;
}
