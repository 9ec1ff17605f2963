import { finalizeStarsHandler } from '../pushes/stars/finalizeStarsHandler.ts';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import type { CommandDefinition } from '../../engine/commands/types.ts';
import { taskCommand } from './commands/taskCommand.ts';
import { ackCommand } from './commands/ackCommand.ts';
import { publishCommand } from '../pushes/commands/publishCommand.ts';
import { reminderSettingsCommand } from '../pushes/commands/reminderSettingsCommand.ts';

/** Chat commands of this area (tasks and scheduled pushes), in the order /帮助 lists them. */
export const tasksCommands: CommandDefinition[] = [taskCommand, ackCommand, publishCommand, reminderSettingsCommand];

/** The questions this area asks (answered by /确认 and /取消). */
export const tasksPendingHandlers: PendingHandler[] = [finalizeStarsHandler];
