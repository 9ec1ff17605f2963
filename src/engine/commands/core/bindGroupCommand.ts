import { defineCommand } from '../defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { purposeNames } from '../roleNames.ts';
import type { GroupPurpose } from '../../../core/generated/prisma/enums.ts';

const purposeByWord: Record<string, GroupPurpose> = {
  支部群: 'BRANCH',
  支部: 'BRANCH',
  工作群: 'BRANCH',
  联络员群: 'LIAISON',
  联络员: 'LIAISON',
  领导小组群: 'LEADING_GROUP',
  领导小组: 'LEADING_GROUP',
};

export const bindGroupCommand = defineCommand({
  name: '绑定群',
  keywords: ['绑定群', '绑定这个群', '群绑定', '群归属'],
  ask: '把本群绑定到组织',
  summary: '把本群绑定到一个组织（组织办）',
  usage: '/绑定群 <组织名> [支部群|联络员群|领导小组群]',
  examples: ['/绑定群 东湾村党支部', '/绑定群 青禾镇党委 领导小组群'],
  roles: ['ADMIN'],
  args: [
    { name: '组织名', type: 'string', maxLength: 60 },
    { name: '用途', type: 'string', optional: true },
  ] as const,
  async run(ctx, args) {
    if (ctx.event.chatType !== 'group' || !ctx.group) throw new UserError('请在要绑定的群里发送这个指令。');
    const orgName = args['组织名'];
    const org =
      (await ctx.db.organization.findUnique({ where: { name: orgName } })) ??
      (await ctx.db.organization.findFirst({ where: { OR: [{ shortName: orgName }, { name: { contains: orgName } }] } }));
    if (!org) throw new UserError(`没有找到组织「${orgName}」。请写组织的全称，例如「东湾村党支部」。`, '/绑定群 <组织名> [支部群|联络员群|领导小组群]');
    let purpose: GroupPurpose;
    if (args['用途']) {
      const found = purposeByWord[args['用途']];
      if (!found) throw new UserError(`群用途只能是：支部群、联络员群、领导小组群，收到的是「${args['用途']}」。`, '/绑定群 <组织名> [支部群|联络员群|领导小组群]');
      purpose = found;
    } else {
      purpose = org.level === 'PARTY_COMMITTEE' ? 'LEADING_GROUP' : 'BRANCH';
    }
    await ctx.db.$transaction(async (tx) => {
      await tx.chatGroup.update({
        where: { id: ctx.group!.id },
        data: { organizationId: org.id, purpose, boundById: ctx.actor!.memberId, boundAt: ctx.clock.now() },
      });
      await writeAudit(tx, {
        actorId: ctx.actor!.memberId,
        action: 'group.bound',
        targetType: 'ChatGroup',
        targetId: ctx.group!.id,
        platform: ctx.event.platform,
        detail: { organizationId: org.id, purpose, previousOrganizationId: ctx.group!.organizationId },
      });
    });
    return {
      kind: 'bind_group',
      title: '群已绑定',
      tone: 'success',
      lines: [`本群已绑定为「${org.name}」的${purposeNames[purpose]}。`, '成员请发送「/绑定 姓名 手机后四位」绑定身份，发送 /帮助 查看指令。'],
    };
  },
});
