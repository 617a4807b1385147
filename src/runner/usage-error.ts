/**
 * A bad request to the runner that is the caller's to fix (a flag's value,
 * an output folder in the way): the command line prints it as is and exits
 * with code 2 before anything runs. It lives beneath the commands so the
 * runner can raise it without depending on them.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
