/**
 * Entry of the `echolab` command (bin/echolab.mjs registers tsx and imports
 * this file). See cli-main.ts for the commands and exit codes.
 */
import { cliMain, errorText, wantsDebug } from './cli-main.js';

const argv = process.argv.slice(2);

// `echolab list | head`: a closed pipe ends the output quietly, as for any Unix tool.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// An exception outside cliMain's try (an event handler): one line, the stack only with --debug.
const fatal = (err: unknown): void => {
  process.stderr.write(`${errorText(err, wantsDebug(argv))}\n`);
  process.exit(1);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

process.exitCode = await cliMain(argv);
