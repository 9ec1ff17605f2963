import type { ChatEvent } from './ChatEvent.ts';
import type { CommandRegistry } from '../commands/CommandRegistry.ts';
import { mayConcernBot } from './mayConcernBot.ts';

/** A group message that would be chatter but for its pictures: no file, and no command or question in its text. */
export function isPicturesAlone(event: ChatEvent, registry: Pick<CommandRegistry, 'find'>): boolean {
  if (event.kind !== 'message' || event.chatType !== 'group' || event.images.length === 0 || (event.files?.length ?? 0) > 0) return false;
  return !mayConcernBot({ ...event, images: [] }, registry);
}
