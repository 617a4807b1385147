/**
 * Exceptions from an experiment's own code (a getter that throws, a throw at
 * the top level, in the main thread or only in a worker) and runs.jsonl
 * lines that are valid JSON but not run records: one clear line naming the
 * file (and line and field), no stack trace unless --debug, and for
 * runs.jsonl exit code 2 with the file left byte for byte as it was.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText, listCommand } from '../../src/cli/cli-main.js';
import { REPO, removeDir, runCli, tempDir, tinyExperiment, writeExperiment, type CliResult } from './cli-harness.js';

const DEFINE = pathToFileURL(path.join(REPO, 'src', 'experiment', 'define-experiment.ts')).href;
const STACK_LINE = /^\s+at /m;

let dir: string;

/** A tiny experiment's definition object as TypeScript source, with `extra` source spliced in. */
function tinySource(id: string, extra = ''): string {
  const body = tinyExperiment({ id, replicates: 1 });
  return extra === '' ? body : `{ ...${body}, ${extra} }`;
}

function writeFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  dir = tempDir();
  writeExperiment(dir, 'tiny', tinyExperiment());
  // A getter on the default export, read by echolab after the import.
  writeFile('getter.ts', `export default { ...${tinySource('getter')}, get seed(): string { throw new Error('boom'); } };\n`);
  // defineExperiment({...}) over an object whose getter throws: at import.
  writeFile('define-getter.ts', `import { defineExperiment } from '${DEFINE}';\nexport default defineExperiment(${tinySource('define-getter', "get title(): string { throw new Error('boom'); }")});\n`);
  // A getter deep in the definition that throws only when the experiment is resolved.
  writeFile(
    'resolve-getter.ts',
    `import { defineExperiment } from '${DEFINE}';\nconst base = { get mu(): number { if (new Error().stack?.includes('resolveExperiment')) throw new Error('boom in resolve'); return 0.5; } };\nexport default defineExperiment({ ...${tinySource('resolve-getter')}, base });\n`,
  );
  writeFile('top-level.ts', `throw new Error('boom at the top');\nexport default {};\n`);
  // Throws only in the run pool's worker threads, at load or just after.
  writeFile(
    'worker-load.ts',
    `import { isMainThread } from 'node:worker_threads';\nimport { defineExperiment } from '${DEFINE}';\nif (!isMainThread) throw new Error('boom in a worker');\nexport default defineExperiment(${tinySource('worker-load')});\n`,
  );
  writeFile(
    'worker-crash.ts',
    `import { isMainThread } from 'node:worker_threads';\nimport { defineExperiment } from '${DEFINE}';\nif (!isMainThread) queueMicrotask(() => { throw new Error('worker crash'); });\nexport default defineExperiment(${tinySource('worker-crash')});\n`,
  );
  const r = await runCli(['run', 'tiny.ts', '--out', 'good'], dir);
  expect(r.code).toBe(0);
});
afterAll(() => removeDir(dir));

function oneLine(r: CliResult): string {
  expect(r.stderr).not.toMatch(STACK_LINE);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe('exceptions inside an experiment file', () => {
  it('a throwing getter on the default export: one line naming the file, exit 2', async () => {
    const r = await runCli(['run', 'getter.ts'], dir);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(`echolab: ${path.join(dir, 'getter.ts')}: cannot load the experiment file: boom`);
  });

  it('--debug (after the command, or before it) adds the stack traces, the getter\'s included', async () => {
    for (const args of [['run', 'getter.ts', '--debug'], ['--debug', 'run', 'getter.ts']]) {
      const r = await runCli(args, dir);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`echolab: ${path.join(dir, 'getter.ts')}: cannot load the experiment file: boom`);
      expect(r.stderr).toMatch(STACK_LINE);
      expect(r.stderr).toContain('caused by: Error: boom');
      expect(r.stderr).toContain(`${path.join(dir, 'getter.ts')}:`);
    }
  });

  it('a getter that throws inside defineExperiment, or only when the experiment is resolved, and a throw at the top level', async () => {
    const cases: Array<[string, string]> = [
      ['define-getter.ts', 'cannot load the experiment file: boom'],
      ['resolve-getter.ts', 'cannot resolve the experiment: boom in resolve'],
      ['top-level.ts', 'cannot load the experiment file: boom at the top'],
    ];
    for (const [file, message] of cases) {
      const r = await runCli(['run', file], dir);
      expect(r.code, file).toBe(2);
      expect(oneLine(r)).toBe(`echolab: ${path.join(dir, file)}: ${message}`);
    }
    expect(readdirSync(dir)).not.toContain('results');
  });

  it('a worker thread that cannot load the file: the error names the file, without a stack trace', async () => {
    const r = await runCli(['run', 'worker-load.ts', '--workers', '1'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).toContain(`echolab: a worker thread could not load the experiment: ${path.join(dir, 'worker-load.ts')}: cannot load the experiment file: boom in a worker\n`);
    expect(r.stderr).not.toContain('(unknown)');
  });

  it('a worker thread that crashes: the error names the file; the stack trace only with --debug', async () => {
    const r = await runCli(['run', 'worker-crash.ts', '--workers', '1'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`echolab: a worker thread running ${path.join(dir, 'worker-crash.ts')} crashed: worker crash\n`);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const debug = await runCli(['run', 'worker-crash.ts', '--workers', '1', '--debug'], dir);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(STACK_LINE);
    expect(debug.stderr).toContain('worker-crash.ts:3');
  });

  it('echolab list: a file that throws is listed as such, and the others still are', async () => {
    let out = '';
    const code = await listCommand({ stdout: { write: (s: string) => ((out += s), true) } }, [path.join(dir, 'getter.ts'), path.join(dir, 'tiny.ts')]);
    expect(code).toBe(2);
    expect(out).toContain('getter  —  (cannot load: ');
    expect(out).toContain('getter.ts: cannot load the experiment file: boom)');
    expect(out).toContain('tiny  —  Tiny Deffuant sweep');
  });

  it('an unexpected error is one line naming where it was thrown; --debug adds the stack', () => {
    const err = new TypeError("Cannot read properties of undefined (reading 'index')");
    const line = errorText(err);
    expect(line).toMatch(/^echolab: unexpected error at tests\/cli\/cli-exceptions\.test\.ts:\d+: Cannot read properties of undefined \(reading 'index'\) \(`--debug` shows the stack trace\)$/);
    expect(errorText(err, true).split('\n').length).toBeGreaterThan(2);
    expect(errorText(err, true)).toMatch(STACK_LINE);
  });
});

describe('runs.jsonl lines that are valid JSON but not run records', () => {
  /** A copy of the finished folder `good` whose runs.jsonl line `n` (1-based) is replaced. */
  function corrupt(name: string, n: number, line: (original: Record<string, unknown>) => string): string {
    const folder = path.join(dir, name);
    cpSync(path.join(dir, 'good'), folder, { recursive: true });
    const file = path.join(folder, 'runs.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[n - 1] = line(JSON.parse(lines[n - 1]) as Record<string, unknown>);
    writeFileSync(file, lines.join('\n'));
    return folder;
  }

  function files(folder: string): Record<string, string> {
    return Object.fromEntries(readdirSync(folder).map((f) => [f, readFileSync(path.join(folder, f), 'latin1')]));
  }

  const cases: Array<[string, number, (o: Record<string, unknown>) => string, string]> = [
    ['empty-object-last', 6, () => '{}', '`run` is missing: expected an object'],
    ['array-first', 1, () => '[1]', 'the line is an array: expected a run record'],
    ['steps-string', 3, (o) => JSON.stringify({ ...o, steps: '20' }), '`steps` is "20": expected a number'],
    ['params-missing', 6, (o) => JSON.stringify({ ...o, run: { ...(o.run as object), params: undefined } }), '`run.params` is missing: expected an object of parameter values'],
  ];

  for (const [name, n, line, field] of cases) {
    it(`${name}: run, report and merge stop with file:line and the field, exit 2, the folder untouched`, async () => {
      const folder = corrupt(name, n, line);
      const before = files(folder);
      const where = `${path.join(folder, 'runs.jsonl')}:${n}: not a run record: ${field}`;
      for (const args of [['run', 'tiny.ts', '--out', name], ['report', name], ['merge', name, '--out', `${name}-merged`]]) {
        const r = await runCli(args, dir);
        expect(r.code, args.join(' ')).toBe(2);
        expect(oneLine(r)).toContain(`echolab: ${where}`);
        expect(files(folder)).toEqual(before);
      }
      expect(readdirSync(dir)).not.toContain(`${name}-merged`);
    });
  }
});
