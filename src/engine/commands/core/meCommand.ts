import { defineCommand } from '../defineCommand.ts';
import { roleNames, statusNames } from '../roleNames.ts';
import { maskPhone } from '../../../core/util/maskPhone.ts';
import type { MemberStatus, Role } from '../../../core/generated/prisma/enums.ts';

interface MeRow {
  name: string;
  phone: string | null;
  status: MemberStatus;
  ratingExempt: boolean;
  exemptYear: number | null;
  organizationName: string;
  identities: number;
  roles: { organization: string; role: Role; title: string | null }[];
}

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
    // One statement (Prisma's include took five): the member, the organisation, the roles and the accounts.
    const [member] = await ctx.db.$queryRaw<MeRow[]>`
      SELECT m.name, m.phone, m.status::text AS status, m."ratingExempt", m."exemptYear", o.name AS "organizationName",
             (SELECT count(*) FROM "ChatIdentity" i WHERE i."memberId" = m.id)::int AS identities,
             COALESCE((SELECT json_agg(json_build_object('organization', ro.name, 'role', r.role::text, 'title', r.title) ORDER BY r.id)
                       FROM "MemberRole" r JOIN "Organization" ro ON ro.id = r."organizationId" WHERE r."memberId" = m.id), '[]'::json) AS roles
      FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      WHERE m.id = ${ctx.actor!.memberId}`;
    if (!member) throw new Error(`member ${ctx.actor!.memberId} of a resolved actor is gone`);
    const roles = member.roles.map((r) => `${r.organization} ${roleNames[r.role]}${r.title ? `（${r.title}）` : ''}`);
    return {
      kind: 'me',
      title: `我的信息 · ${member.name}`,
      tone: 'info',
      fields: [
        { label: '所在组织', value: member.organizationName },
        { label: '角色', value: roles.join('；') || '党员' },
        // The exemption is for a year (seed 001: on application, year by year); saying which keeps 2026's from reading as for ever.
        {
          label: '状态',
          value: statusNames[member.status] + (member.ratingExempt ? `（${member.exemptYear ? `${member.exemptYear}年度` : ''}免于星级评定）` : ''),
        },
        { label: '手机', value: maskPhone(member.phone) || '未登记' },
        { label: '已绑定账号', value: `${member.identities} 个` },
      ],
    };
  },
});
