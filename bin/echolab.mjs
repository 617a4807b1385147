#!/usr/bin/env node
// The `echolab` command. Installed from npm, the package holds compiled
// JavaScript (lib/); in a checkout of the repository, the TypeScript sources
// run directly through tsx, with no build step.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/echolab.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import('../lib/src/cli/echolab.js');
}
