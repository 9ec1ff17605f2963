import type { CommandContext, CommandResult } from '../commands/types.ts';

/** Pictures posted without a command: 痕迹 evidence. */
export async function onImages(_ctx: CommandContext): Promise<CommandResult> {
  return null;
}
