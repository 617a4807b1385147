/**
 * Command-line flags: `--name value`, `--name=value`, repeatable flags, and
 * boolean switches. An unknown flag is a usage error that names the closest
 * known one; a usage error exits with code 2 before anything runs.
 */
import { closest } from '../model/errors.js';

import { UsageError } from '../runner/usage-error.js';

/** Bad command line: the message is printed as is and the process exits with code 2. */
export { UsageError };

export interface FlagSpec {
  readonly name: string;
  /** `boolean`: a switch; `value`: one value (the last wins); `repeat`: every value, in order. */
  readonly kind: 'boolean' | 'value' | 'repeat';
  /** Placeholder in the help, e.g. `N`, `key=value`. */
  readonly arg?: string;
  readonly help: string;
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Map<string, string[]>;
  readonly switches: Set<string>;
}

export function parseArgs(command: string, argv: readonly string[], flags: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(flags.map((f) => [f.name, f]));
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = (eq >= 0 ? token.slice(0, eq) : token).replace(/^--?/, '');
    const spec = byName.get(name) ?? (name === 'h' ? byName.get('help') : undefined);
    if (!spec) {
      const near = closest(name, flags.map((f) => f.name));
      throw new UsageError(
        `echolab ${command}: unknown flag \`${token.slice(0, eq >= 0 ? eq : undefined)}\`${near ? ` (did you mean \`--${near}\`?)` : ''}; see \`echolab ${command} --help\``,
      );
    }
    if (spec.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`echolab ${command}: \`--${spec.name}\` takes no value`);
      switches.add(spec.name);
      continue;
    }
    let value: string;
    if (eq >= 0) value = token.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`echolab ${command}: \`--${spec.name}\` needs a value (${spec.arg ?? 'value'})`);
      const next = argv[i + 1];
      // `--out --quick` is a forgotten value, not a folder named "--quick".
      if (next === '--' || (next.startsWith('--') && byName.has(next.slice(2).split('=')[0]))) {
        throw new UsageError(`echolab ${command}: \`--${spec.name}\` needs a value (${spec.arg ?? 'value'}), got the flag \`${next}\` (for a value that starts with --, write --${spec.name}=${next})`);
      }
      value = argv[++i];
    }
    const list = values.get(spec.name) ?? [];
    if (spec.kind === 'value') list.length = 0;
    list.push(value);
    values.set(spec.name, list);
  }
  return { positionals, values, switches };
}

/** The last value of a flag, if given. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const list = args.values.get(name);
  return list && list.length > 0 ? list[list.length - 1] : undefined;
}

/** A positive integer flag (e.g. `--workers 4`), or undefined when absent. */
export function positiveIntegerFlag(command: string, args: ParsedArgs, name: string): number | undefined {
  const raw = flagValue(args, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`echolab ${command}: invalid \`--${name}\` (${JSON.stringify(raw)}): expected a positive integer`);
  }
  return n;
}
