/**
 * A failure the user can act on (bad spec, policy refusal, missing prerequisite). The handler
 * prints its message alone, without a stack trace, and exits 1.
 */
export class HandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandlerError';
  }
}
