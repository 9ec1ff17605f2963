import { repeatProgrammeHandler } from './repeatProgrammeHandler.ts';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import type { CommandDefinition } from '../../engine/commands/types.ts';
import { programmeCommand } from './commands/programmeCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const programmesCommands: CommandDefinition[] = [programmeCommand];

/** The questions this area asks (answered by /确认 and /取消). */
export const programmesPendingHandlers: PendingHandler[] = [repeatProgrammeHandler];
