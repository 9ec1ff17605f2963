import type { ChatEvent } from './ChatEvent.ts';
import type { CommandRegistry } from '../commands/CommandRegistry.ts';
import { parseCommandLine } from '../commands/parseCommandLine.ts';
import { readsAsArguments } from '../commands/readsAsArguments.ts';

/**
 * Whether an event can concern the bot, decided from the event alone (no database, no Redis): card clicks, the
 * bot being added, private messages, pictures and files, a message written with a slash or addressed to the bot,
 * and one that starts with a command name followed by what reads as its arguments (「确认」「帮助」「收到 12」, the
 * answers to a pending question among them).
 * Everything else is the group's own chatter: acknowledged to the platform and dropped before the queue.
 */
export function mayConcernBot(event: ChatEvent, registry: Pick<CommandRegistry, 'find'>): boolean {
  if (event.kind !== 'message' || event.chatType === 'p2p') return true;
  if (event.images.length > 0 || (event.files?.length ?? 0) > 0) return true;
  const line = parseCommandLine(event.text, event.mentionsBot);
  if (!line) return false;
  if (line.explicit) return true;
  // A bare command name counts only when what follows reads as its arguments: 「收到」 alone is chat, 「收到 12」 is not.
  const command = registry.find(line.name);
  return command !== undefined && readsAsArguments(command, line.rest);
}
