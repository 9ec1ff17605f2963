import { defineCommand } from '../commands/defineCommand.ts';
import type { CommandContext, CommandDefinition, CommandResult } from '../commands/types.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { closePending, openPending } from './pendingStore.ts';
import type { PendingHandler } from './PendingHandler.ts';
import { NOT_BOUND_TEXT } from '../commands/checkPermission.ts';

/** Typed with a slash or after @bot: a bare 确认 in ordinary chat with no open question stays unanswered. */
function explicit(ctx: CommandContext): boolean {
  return ctx.event.mentionsBot || /^[\s\u3000]*[/／]/u.test(ctx.event.text);
}

async function answer(ctx: CommandContext, handlers: readonly PendingHandler[], confirm: boolean): Promise<CommandResult> {
  if (!ctx.actor) {
    if (!explicit(ctx)) return null;
    throw new UserError(NOT_BOUND_TEXT, '/绑定 张三 ABCD-EFGH');
  }
  const key = { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId };
  const pending = await openPending(ctx.db, key, ctx.clock.now());
  if (!pending) {
    if (!explicit(ctx)) return null;
    throw new UserError('现在没有等你确认的事项（可能已经超时，请重新发送原来的指令）。');
  }
  const handler = handlers.find((h) => h.kind === pending.kind);
  if (!handler) throw new Error(`no handler for pending action kind ${pending.kind}`);
  // The handler's effects are keyed on the event and re-check their own state, so the question is closed after
  // it ran: a retried job finds it still open, and a second 确认 finds it gone.
  try {
    const result = confirm ? await handler.confirm(ctx, pending.payload) : await handler.cancel(ctx, pending.payload);
    await closePending(ctx.db, pending.id);
    return result;
  } catch (error) {
    if (error instanceof UserError) await closePending(ctx.db, pending.id);
    throw error;
  }
}

/** /确认 and /取消, answering the questions of the given kinds. */
export function answerCommands(handlers: readonly PendingHandler[]): CommandDefinition[] {
  return [
    defineCommand({
      name: '确认',
      aliases: ['确定'],
      summary: '确认机器人刚才问你的事项（如替换已有记录）',
      usage: '/确认',
      roles: 'anyone',
      args: [] as const,
      run: (ctx) => answer(ctx, handlers, true),
    }),
    defineCommand({
      name: '取消',
      aliases: ['不用了'],
      summary: '取消机器人刚才问你的事项',
      usage: '/取消',
      roles: 'anyone',
      args: [] as const,
      run: (ctx) => answer(ctx, handlers, false),
    }),
  ];
}
