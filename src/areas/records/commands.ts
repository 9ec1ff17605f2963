import type { CommandDefinition } from '../../engine/commands/types.ts';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { meetingRecordCommand } from './commands/meetingRecordCommand.ts';
import { progressCommand } from './commands/progressCommand.ts';
import { missingRecordsCommand } from './commands/missingRecordsCommand.ts';
import { keepBothCommand } from './commands/keepBothCommand.ts';
import { heartTalkCommand } from './commands/heartTalkCommand.ts';
import { reviewOutcomeCommand } from './commands/reviewOutcomeCommand.ts';
import { replaceRecordHandler } from './replaceRecordHandler.ts';
import { confirmDateHandler } from './confirmDateHandler.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const recordsCommands: CommandDefinition[] = [
  meetingRecordCommand,
  progressCommand,
  missingRecordsCommand,
  keepBothCommand,
  heartTalkCommand,
  reviewOutcomeCommand,
];

/** The questions this area asks (answered by /确认 and /取消). */
export const recordsPendingHandlers: PendingHandler[] = [replaceRecordHandler, confirmDateHandler];
