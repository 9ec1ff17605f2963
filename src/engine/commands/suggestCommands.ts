import { toHalfWidth } from '../../core/text/toHalfWidth.ts';
import type { CommandDefinition } from './types.ts';

/** Text reduced to what matters for matching: half-width, lower case, no spaces or punctuation. */
function plain(text: string): string {
  return toHalfWidth(text)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * The commands a plain-language message most likely asks for (「我的积分是多少？」 → /积分), from each command's
 * name, aliases and keywords: a command scores the total length of its terms found in the message (so the
 * longer, more specific term wins: 积分榜 over 积分); the best, and any within 80 % of it, at most `limit`.
 */
export function suggestCommands(commands: readonly CommandDefinition[], text: string, limit = 3): CommandDefinition[] {
  const message = plain(text);
  if (!message) return [];
  const scored: { command: CommandDefinition; score: number; order: number }[] = [];
  commands.forEach((command, order) => {
    const terms = new Set([command.name, ...(command.aliases ?? []), ...(command.keywords ?? [])].map(plain).filter((t) => t.length > 0));
    let score = 0;
    for (const term of terms) if (message.includes(term)) score += term.length;
    if (score > 0) scored.push({ command, score, order });
  });
  if (scored.length === 0) return [];
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const best = scored[0]!.score;
  return scored
    .filter((s) => s.score >= best * 0.8)
    .slice(0, limit)
    .map((s) => s.command);
}

/** One suggestion as a sentence: 「查看自己的积分请发送 /积分」. */
export function suggestionLine(command: CommandDefinition): string {
  const form = command.usage.startsWith(`/${command.name}`) && command.usage !== `/${command.name}` ? `（写法：${command.usage}）` : '';
  return `${command.ask ?? command.summary}请发送 /${command.name}${form}`;
}
