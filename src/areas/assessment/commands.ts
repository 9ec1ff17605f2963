import type { CommandDefinition } from '../../engine/commands/types.ts';
import { selfAssessmentCommand } from './commands/selfAssessmentCommand.ts';
import { teamAssessmentCommand } from './commands/teamAssessmentCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const assessmentCommands: CommandDefinition[] = [selfAssessmentCommand, teamAssessmentCommand];
