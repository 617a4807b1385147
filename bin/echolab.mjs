#!/usr/bin/env node
// `npx echolab ...` from the repository without a build step: register tsx,
// then run the TypeScript command.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/echolab.ts');
