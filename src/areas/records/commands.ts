import type { CommandDefinition } from '../../engine/commands/types.ts';
import { answerCommands } from '../../engine/pending/answerCommands.ts';
import { meetingRecordCommand } from './commands/meetingRecordCommand.ts';
import { progressCommand } from './commands/progressCommand.ts';
import { missingRecordsCommand } from './commands/missingRecordsCommand.ts';
import { keepBothCommand } from './commands/keepBothCommand.ts';
import { replaceRecordHandler } from './replaceRecordHandler.ts';
import { corePendingHandlers } from '../../engine/commands/core/corePendingHandlers.ts';

/** Chat commands of this area, in the order /帮助 lists them. /确认 and /取消 answer the bot's questions. */
export const recordsCommands: CommandDefinition[] = [
  meetingRecordCommand,
  progressCommand,
  missingRecordsCommand,
  ...answerCommands([replaceRecordHandler, ...corePendingHandlers]),
  keepBothCommand,
];
