/**
 * Thrown by an adapter's `send` when the platform cannot take messages right now for a reason that will pass
 * (the WeChat account is logged out). The outbound worker puts the job back as delayed without spending one of
 * its attempts, so queued messages wait for the account instead of failing.
 */
export class SendNotReadyError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'SendNotReadyError';
  }
}
