#!/usr/bin/env node
// `npm run build:lib` (run by `npm pack` and `npm publish` through
// prepack): compile the library, the command, its worker threads and the
// bundled experiments to ES-module JavaScript with .d.ts files in lib/
// (tsconfig.lib.json), then check that every relative import of the output
// names a file that exists, so a broken package never leaves this step.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = path.join(root, 'lib');
rmSync(lib, { recursive: true, force: true });

const require = createRequire(import.meta.url);
const tscBin = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
const tsc = spawnSync(process.execPath, [tscBin, '-p', path.join(root, 'tsconfig.lib.json')], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('build:lib: the TypeScript compiler failed (see above)');
  process.exit(1);
}

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(js|d\.ts)$/.test(e.name)) files.push(p);
  }
};
walk(lib);
const problems = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const spec = m[1];
    if (!spec.endsWith('.js')) problems.push(`${path.relative(root, file)}: import of ${spec} has no .js extension`);
    else if (!existsSync(path.resolve(path.dirname(file), spec))) problems.push(`${path.relative(root, file)}: ${spec} does not exist`);
  }
}
if (problems.length > 0) {
  console.error(`build:lib: ${problems.length} broken import(s) in lib/:\n  ${problems.slice(0, 20).join('\n  ')}`);
  process.exit(1);
}
const js = files.filter((f) => f.endsWith('.js')).length;
console.log(`build:lib: ${js} modules and ${files.length - js} declaration files in lib/`);
