import type { CommandDefinition } from '../../engine/commands/types.ts';
import { meetingRecordCommand } from './commands/meetingRecordCommand.ts';
import { progressCommand } from './commands/progressCommand.ts';
import { missingRecordsCommand } from './commands/missingRecordsCommand.ts';
import { keepBothCommand } from './commands/keepBothCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. /确认 and /取消 are wired in src/app/buildRegistry.ts. */
export const recordsCommands: CommandDefinition[] = [
  meetingRecordCommand,
  progressCommand,
  missingRecordsCommand,
  keepBothCommand,
];
