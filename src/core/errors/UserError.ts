/**
 * A problem the person in the chat can fix. Its message is shown to them as is (clear Simplified Chinese,
 * saying what was wrong and how to write it); anything else thrown is logged and answered with an apology.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
