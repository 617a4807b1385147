/**
 * Entry of the `echolab` command (bin/echolab.mjs registers tsx and imports
 * this file). See cli-main.ts for the commands and exit codes.
 */
import { cliMain } from './cli-main.js';

// `echolab list | head`: a closed pipe ends the output quietly, as for any Unix tool.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

process.exitCode = await cliMain(process.argv.slice(2));
