import { toHalfWidth } from '../../core/text/toHalfWidth.ts';

export interface CommandLine {
  name: string;
  rest: string;
  /** Written with a leading slash (or after an @mention of the bot), so an unknown name deserves an answer. */
  explicit: boolean;
}

/**
 * Finds the command in a message: `/帮助`, `／帮助`, `帮助` alone, or anything after an @mention of the bot
 * (the adapter removes the mention and sets mentionsBot). Returns null for ordinary chat.
 */
export function parseCommandLine(text: string, mentionsBot: boolean): CommandLine | null {
  const trimmed = text.replace(/^[\s\u3000]+/u, '');
  const slashed = /^[/／]/u.test(trimmed);
  const body = slashed ? trimmed.slice(1) : trimmed;
  const match = /^([^\s\u3000]+)/u.exec(body);
  if (!match) return null;
  const name = toHalfWidth(match[1]!).replace(/[:：]$/u, '');
  const rest = body
    .slice(match[1]!.length)
    .replace(/^[ \t\u3000]+/u, '')
    .replace(/^\r?\n/, '');
  return { name, rest, explicit: slashed || mentionsBot };
}
