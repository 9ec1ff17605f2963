import { buildRegistry } from '../commands/buildRegistry.ts';
import { greetOnBotAdded } from './greetOnBotAdded.ts';
import { onImages } from '../traces/onImages.ts';
import type { ChatHandlers } from './handleChatEvent.ts';

/** The one place where the commands and event hooks of every area are wired into the chat engine. */
export function buildChatHandlers(): ChatHandlers {
  return {
    registry: buildRegistry(),
    onImages,
    onBotAdded: greetOnBotAdded,
  };
}
