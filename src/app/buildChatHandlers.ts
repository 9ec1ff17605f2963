import { buildRegistry } from './buildRegistry.ts';
import { greetOnBotAdded } from '../engine/chat/greetOnBotAdded.ts';
import { onImages } from '../areas/traces/onImages.ts';
import { onRosterFile } from '../areas/roster/onRosterFile.ts';
import type { ChatHandlers } from '../engine/chat/handleChatEvent.ts';

/** The one place where the commands and event hooks of every area are wired into the chat engine. */
export function buildChatHandlers(): ChatHandlers {
  return {
    registry: buildRegistry(),
    onImages,
    onFiles: onRosterFile,
    onBotAdded: greetOnBotAdded,
  };
}
