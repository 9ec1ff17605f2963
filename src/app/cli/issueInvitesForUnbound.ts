import type { Db } from '../../core/db/openDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { issueInvite } from '../../engine/identity/bindInvites.ts';
import { CURRENT_MEMBER } from '../../engine/identity/memberStatus.ts';
import { roleNames } from '../../engine/commands/roleNames.ts';

export interface IssuedInvite {
  name: string;
  organization: string;
  roles: string;
  code: string;
}

/**
 * One code each for the real members who hold a post (书记, 联络员, 组织办 …) and have bound no chat account yet:
 * after a roster import the operator hands them out in person, so nobody has to guess four digits. Earlier
 * unused codes of those members stop working. Ordinary members bind with a code from their 书记 in chat.
 */
export async function issueInvitesForUnbound(
  db: Db,
  input: { org?: string; now: Date; ttlHours: number; via: 'cli' | 'roster' },
): Promise<{ invites: IssuedInvite[]; expiresAt: Date }> {
  const inOrg = input.org
    ? { OR: [{ name: input.org }, { shortName: input.org }, { parent: { name: input.org } }, { parent: { parent: { name: input.org } } }] }
    : {};
  if (input.org && (await db.organization.count({ where: { demo: false, OR: [{ name: input.org }, { shortName: input.org }] } })) === 0) {
    throw new UserError(`没有名为「${input.org}」的组织（演示组织不能发邀请码）。`);
  }
  const members = await db.member.findMany({
    where: { ...CURRENT_MEMBER, identities: { none: {} }, organization: { demo: false, ...inOrg }, roles: { some: { role: { not: 'MEMBER' } } } },
    include: { organization: { select: { name: true } }, roles: { where: { role: { not: 'MEMBER' } }, select: { role: true } } },
    orderBy: [{ organizationId: 'asc' }, { id: 'asc' }],
  });
  const expiresAt = new Date(input.now.getTime() + input.ttlHours * 3600_000);
  const invites: IssuedInvite[] = [];
  for (const member of members) {
    const { code } = await issueInvite(db, {
      memberId: member.id,
      issuedById: null,
      via: input.via,
      crossTree: true,
      now: input.now,
      ttlHours: input.ttlHours,
    });
    await writeAudit(db, { action: 'invite.issued', targetType: 'Member', targetId: member.id, detail: { via: input.via, crossTree: true }, at: input.now });
    invites.push({
      name: member.name,
      organization: member.organization.name,
      roles: [...new Set(member.roles.map((r) => roleNames[r.role]))].join('、'),
      code,
    });
  }
  return { invites, expiresAt };
}

/** The lines the operator reads: who, which post, which code, and how to use it. */
export function formatIssuedInvites(result: { invites: IssuedInvite[]; expiresAt: Date }, expiresText: string): string[] {
  if (result.invites.length === 0) return ['担任职务的党员都已绑定账号，没有需要发的邀请码。'];
  return [
    `为 ${result.invites.length} 名尚未绑定的担任职务的党员生成了邀请码（${expiresText} 前有效，每个只能用一次）：`,
    ...result.invites.map((i) => `  ${i.organization} ${i.name}（${i.roles}）：${i.code}`),
    '请私下分别交给本人，让本人向机器人发送：/绑定 <姓名> <邀请码>。',
  ];
}
