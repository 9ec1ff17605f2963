/**
 * The same line from the same person within this many minutes looks like a double send (a retyped or forwarded
 * message): the bot asks /确认 before counting it twice.
 */
export const REPEAT_WINDOW_MINUTES = 10;

export function repeatWindowStart(now: Date): Date {
  return new Date(now.getTime() - REPEAT_WINDOW_MINUTES * 60_000);
}
