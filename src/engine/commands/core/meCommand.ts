import { defineCommand } from '../defineCommand.ts';
import { roleNames, statusNames } from '../roleNames.ts';
import { maskPhone } from '../../../core/util/maskPhone.ts';

export const meCommand = defineCommand({
  name: '我的',
  aliases: ['我是谁', 'me'],
  keywords: ['我是谁', '我的身份', '我的信息', '绑定了谁'],
  ask: '查看机器人认出的你是谁',
  summary: '查看我的身份、所在组织和角色',
  usage: '/我的',
  roles: 'member',
  args: [] as const,
  async run(ctx) {
    const member = await ctx.db.member.findUniqueOrThrow({
      where: { id: ctx.actor!.memberId },
      include: { organization: true, roles: { include: { organization: true } }, identities: true },
    });
    const roles = member.roles.map((r) => `${r.organization.name} ${roleNames[r.role]}${r.title ? `（${r.title}）` : ''}`);
    return {
      kind: 'me',
      title: `我的信息 · ${member.name}`,
      tone: 'info',
      fields: [
        { label: '所在组织', value: member.organization.name },
        { label: '角色', value: roles.join('；') || '党员' },
        { label: '状态', value: statusNames[member.status] + (member.ratingExempt ? '（免于星级评定）' : '') },
        { label: '手机', value: maskPhone(member.phone) || '未登记' },
        { label: '已绑定账号', value: `${member.identities.length} 个` },
      ],
    };
  },
});
