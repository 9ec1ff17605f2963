import type { CommandDefinition } from '../../engine/commands/types.ts';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { importCommand } from './commands/importCommand.ts';
import { memberCommand } from './commands/memberCommand.ts';
import { endMembershipHandler } from './endMembershipHandler.ts';
import { removeMissingHandler } from './removeMissingHandler.ts';
import { awaitRosterFileHandler } from './awaitRosterFileHandler.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const rosterCommands: CommandDefinition[] = [memberCommand, importCommand];

/** The questions this area asks (answered by /确认 and /取消). */
export const rosterPendingHandlers: PendingHandler[] = [endMembershipHandler, removeMissingHandler, awaitRosterFileHandler];
