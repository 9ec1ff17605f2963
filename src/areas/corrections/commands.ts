import type { CommandDefinition } from '../../engine/commands/types.ts';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { undoCommand } from './commands/undoCommand.ts';
import { undoHandler } from './undoHandler.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const correctionsCommands: CommandDefinition[] = [undoCommand];

/** The questions this area asks (answered by /确认 and /取消). */
export const correctionsPendingHandlers: PendingHandler[] = [undoHandler];
