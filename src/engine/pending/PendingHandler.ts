import type { CommandContext, CommandResult } from '../commands/types.ts';

/** What happens when a member answers /确认 or /取消 to a question of one kind. */
export interface PendingHandler {
  kind: string;
  confirm(ctx: CommandContext, payload: unknown): Promise<CommandResult>;
  cancel(ctx: CommandContext, payload: unknown): Promise<CommandResult>;
}
