import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { GLOBAL_ROLES } from '../../../engine/commands/types.ts';
import { acknowledgeAssignment } from '../completeAssignment.ts';
import { chineseDate, instantToIso } from '../../../core/time/calendarDay.ts';

export const ackCommand = defineCommand({
  name: '收到',
  keywords: ['收到', '知道了', '确认收到'],
  ask: '确认收到提醒',
  summary: '确认收到任务提醒（提醒卡片上的「收到」按钮同此）',
  usage: '/收到 <编号>',
  examples: ['/收到 12'],
  roles: 'member',
  where: 'boundGroup',
  args: [{ name: '编号', type: 'string', maxLength: 12 }] as const,
  async run(ctx, args) {
    const id = Number(args['编号'].replace(/^#/, ''));
    if (!Number.isInteger(id) || id <= 0) throw new UserError(`「编号」应是任务的数字编号，收到的是「${args['编号']}」。`, '/收到 <编号>');
    const orgId = ctx.group!.organizationId!;
    const actor = ctx.actor!;
    // Only the owner organisation's own people confirm receipt: someone from another branch (or the 组织办
    // passing through the group) must not mark the branch as having received the task.
    if (actor.organizationId !== orgId && !actor.roles.some((r) => r.organizationId === orgId && !GLOBAL_ROLES.includes(r.role))) {
      throw new UserError('只有本支部的党员可以确认收到本支部的任务。');
    }
    const result = await acknowledgeAssignment(ctx.db, id, ctx.group!.organizationId!, ctx.actor!.memberId, ctx.clock.now());
    if (result.already) {
      const who = result.byId ? (await ctx.db.member.findUnique({ where: { id: result.byId }, select: { name: true } }))?.name : null;
      return {
        kind: 'task_ack',
        title: '已确认过',
        tone: 'info',
        lines: [`任务 #${id}「${result.title}」已由${who ?? '本支部'}于 ${chineseDate(instantToIso(result.at, ctx.config.TZ_NAME))} 确认收到。`],
      };
    }
    return {
      kind: 'task_ack',
      title: '已确认收到',
      tone: 'success',
      lines: [`${ctx.actor!.name} 已确认收到任务 #${id}「${result.title}」。截止当天还会再提醒一次。`],
      ...(result.status !== 'OPEN' ? { note: '这项任务已经完成。' } : {}),
    };
  },
});
