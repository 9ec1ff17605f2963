import { defineCommand } from '../defineCommand.ts';
import { isPermitted } from '../checkPermission.ts';
import { roleNames } from '../roleNames.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import type { CommandRegistry } from '../CommandRegistry.ts';

export function helpCommand(registry: () => CommandRegistry) {
  return defineCommand({
    name: '帮助',
    aliases: ['help', '菜单'],
    keywords: ['怎么用', '帮助', '会什么', '能做什么', '有哪些指令', '指令', '功能', '菜单', '使用说明'],
    ask: '查看可以使用的指令',
    summary: '列出你可以使用的指令',
    usage: '/帮助 [指令名]',
    roles: 'anyone',
    args: [{ name: '指令名', type: 'string', optional: true }] as const,
    async run(ctx, args) {
      const wanted = args['指令名']?.replace(/^[/／]/u, '');
      if (wanted) {
        const command = registry().find(wanted);
        if (!command) throw new UserError(`没有「${wanted}」这个指令。发送 /帮助 查看全部。`);
        const who = command.roles === 'anyone' ? '所有人' : command.roles === 'member' ? '已绑定的党员' : command.roles.map((r) => roleNames[r]).join('、');
        return {
          kind: 'help',
          title: `指令：/${command.name}`,
          tone: 'info',
          lines: [command.summary, ...(command.help ? [command.help] : [])],
          fields: [
            { label: '写法', value: command.usage },
            ...(command.aliases?.length ? [{ label: '别名', value: command.aliases.map((a) => `/${a}`).join('、') }] : []),
            { label: '谁可以用', value: who },
            ...(command.examples?.length ? [{ label: '例子', value: command.examples.join('\n') }] : []),
          ],
        };
      }
      const allowed = [];
      for (const command of registry().list()) {
        if (await isPermitted(ctx, command)) allowed.push(command);
      }
      const who = ctx.actor ? `${ctx.actor.name}（${[...new Set(ctx.actor.roles.map((r) => roleNames[r.role]))].join('、') || '党员'}）` : '未绑定身份的用户';
      return {
        kind: 'help',
        title: '支部助手 · 指令帮助',
        tone: 'info',
        lines: [
          `你是：${who}，可以使用以下指令：`,
          ...allowed.map((c) => `${c.usage} — ${c.summary}`),
          ...(ctx.actor ? [] : ['先发送「/绑定 姓名 手机后四位」绑定身份，才能使用更多指令。']),
        ],
        ...(ctx.actor ? { buttons: [{ label: '查看我的信息', command: '/我的' }] } : {}),
        note: '发送「/帮助 指令名」查看某个指令的详细写法。',
      };
    },
  });
}
