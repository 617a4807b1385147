/**
 * Fuzzing the command line in-process (`cliMain`): generated flag lists for
 * every command (known flags with hostile values, unknown flags, odd
 * positionals) and generated JSON specs run with `echolab run`. Whatever
 * comes in: no stack trace, no exit code but 0 (it worked) or 2 (bad
 * input), and a refusal says what it refuses — a flag, a field, a JSON path
 * or a file. (`--debug`, which any list may hold, asks for the stack.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/cli-help.js';
import { cliMain, type CliIo } from '../../src/cli/cli-main.js';
import { removeDir, tempDir } from './cli-harness.js';

const work = tempDir('echolab-fuzz-');
afterAll(() => removeDir(work));

const TINY_SPEC = {
  id: 'fuzz-tiny',
  title: 'Fuzz tiny',
  question: 'Does the command line survive anything?',
  model: 'voter',
  network: { kind: 'erdos-renyi', params: { n: 20, p: 0.2 } },
  vary: { 'network.p': [0.2, 0.3] },
  replicates: 1,
  steps: 3,
  seed: 'fuzz',
};
const specFile = path.join(work, 'tiny.json');
writeFileSync(specFile, JSON.stringify(TINY_SPEC, null, 2));
mkdirSync(path.join(work, 'a-folder'), { recursive: true });
writeFileSync(path.join(work, 'a-file.txt'), 'not an archive\n');

interface Captured {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function cli(argv: readonly string[]): Promise<Captured> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => ((out += s), true), isTTY: false } as unknown as CliIo['stdout'],
    stderr: { write: (s: string) => ((err += s), true), isTTY: false } as unknown as CliIo['stderr'],
    cwd: work,
    env: {},
  };
  const code = await cliMain(argv, io);
  return { code, out, err };
}

/** What a refusal must look like: one short message, no stack, naming what it refuses. */
function expectCleanRefusal(r: Captured, argv: readonly string[]): void {
  const shown = `argv ${JSON.stringify(argv)}\nexit ${r.code}\nstderr ${r.err}`;
  expect([0, 2], shown).toContain(r.code);
  // `--debug` asks for the stack trace; without it there is none.
  if (!argv.includes('--debug')) expect(r.err, shown).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
  expect(r.err, shown).not.toMatch(/TypeError|ReferenceError|RangeError|SyntaxError: Unexpected|Cannot read properties/);
  if (r.code === 2) {
    const names = /^echolab [a-z]+: |`[^`]+`|--[a-z][a-z-]*|\$[.[]|\.json|\.ts|\.csv|\.jsonl|[\w-]+\/|: (unknown|missing|invalid|expected|no such)/;
    expect(r.err, shown).toMatch(names);
  }
}

const hostileValue = fc.oneof(
  fc.constantFrom('', ' ', '-1', '0', '1', '2', '1.5', 'NaN', 'Infinity', '1e400', '99999999999999999999', '3/2', '0/0', '1/0', '2/1', 'x', '=', '==', '--', '-', '/proc/self/status', '/dev/null', '/nonexistent/dir', 'a-folder', 'a-file.txt', 'tiny.json', '../../..', '\u0000', 'é', '"quoted"', 'a=b', 'mu=', '=0.3', 'network.p=2', 'steps=1e9', 'replicates=3', '%00', 'twitter15', 'false'),
  fc.string({ maxLength: 6 }),
);

function flagTokens(command: string): fc.Arbitrary<string[]> {
  const spec = COMMANDS.find((c) => c.name === command);
  const flags = (spec?.flags ?? []).filter((f) => f.name !== 'help');
  const known = flags.length === 0 ? fc.constant<string[]>([]) : fc.constantFrom(...flags).chain((f) => (f.kind === 'boolean' ? fc.constantFrom([`--${f.name}`], [`--${f.name}=x`]) : fc.oneof(hostileValue.map((v) => [`--${f.name}`, v]), hostileValue.map((v) => [`--${f.name}=${v}`]), fc.constant([`--${f.name}`])))) ;
  const unknown = fc.constantFrom(['--qiuck'], ['--nope=1'], ['-x'], ['---'], ['--']);
  const positional = fc.constantFrom('tiny.json', 'a-folder', 'a-file.txt', 'missing.json', 'deffuant-threshold', 'not-an-experiment', '', '/proc/self', '-').map((p) => [p]);
  return fc.array(fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: unknown }, { weight: 2, arbitrary: positional }), { maxLength: 4 }).map((parts) => parts.flat());
}

// Commands whose valid forms do heavy work are still fuzzed: their positionals are never a valid archive or results folder.
const commands = COMMANDS.map((c) => c.name).filter((c) => c !== 'list');

describe('fuzz: command lines', () => {
  it('every generated command line exits 0 or 2 with a clean message', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...commands).chain((c) => flagTokens(c).map((rest) => [c, ...rest])),
        async (argv) => {
          // Keep a valid `run` tiny: no replicate counts or worker pools beyond a handful.
          const safe = argv.every((t, i) => !(/^--(replicates|workers|samples|particles|generations)$/.test(t) && /^\d{2,}/.test(argv[i + 1] ?? '')) && !/^--(replicates|workers|samples|particles|generations)=\d{2,}/.test(t));
          fc.pre(safe);
          expectCleanRefusal(await cli(argv), argv);
        },
      ),
      { numRuns: 150 },
    );
  }, 300_000);
});

describe('fuzz: JSON specs through `echolab run`', () => {
  const mutation = fc.oneof(
    fc.record({ key: fc.constantFrom(...Object.keys(TINY_SPEC), 'quick', 'base', 'metrics', 'outcomes', 'arms', 'durationHours', 'scenario', 'specVersion'), value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({ key: fc.constantFrom('base', 'vary', 'quick'), value: fc.dictionary(fc.constantFrom('network.n', 'network.p', 'steps', 'replicates', 'base', 'x', '__proto__', ''), fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.array(fc.double({ min: -1, max: 2, noNaN: true }), { maxLength: 3 }))) }),
  );

  it('a generated spec either runs or exits 2 naming the JSON path, never with a stack trace', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 2 }), async (mutations) => {
        const spec: Record<string, unknown> = JSON.parse(JSON.stringify(TINY_SPEC)) as Record<string, unknown>;
        for (const m of mutations) spec[m.key] = m.value;
        // A valid spec runs for real: keep every number small enough for a run of milliseconds.
        fc.pre(!JSON.stringify(spec).match(/\d{4,}|e\+/));
        const file = path.join(work, `spec-${n++}.json`);
        writeFileSync(file, JSON.stringify(spec, null, 2));
        const argv = ['run', file, '--workers', '1', '--replicates', '1', '--out', path.join(work, `out-${n}`)];
        const r = await cli(argv);
        expectCleanRefusal(r, argv);
        if (r.code === 2) expect(r.err).toMatch(/spec-\d+\.json(:\d+)?: (\$|not valid JSON)/);
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
