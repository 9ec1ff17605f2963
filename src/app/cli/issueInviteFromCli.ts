import type { Db } from '../../core/db/openDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { issueInvite } from '../../engine/identity/bindInvites.ts';

/**
 * A code from the command line (whoever runs it has the server): it may bind any real member, the tree-wide
 * roles (组织办, 领导小组, 考核小组) included. Never a demo member: those bind only in the sandbox.
 */
export async function issueInviteFromCli(db: Db, input: { name: string; org?: string; now: Date; ttlHours: number }) {
  const members = await db.member.findMany({
    where: { name: input.name, organization: { demo: false, ...(input.org ? { OR: [{ name: input.org }, { shortName: input.org }] } : {}) } },
    include: { organization: true },
    take: 6,
  });
  if (members.length === 0) throw new UserError(`名册里没有「${input.name}」${input.org ? `（${input.org}）` : ''}。演示组织的成员不能发邀请码。`);
  if (members.length > 1)
    throw new UserError(`名册里有 ${members.length} 位「${input.name}」（${members.map((m) => m.organization.name).join('、')}），请加 --org <组织名>。`);
  const member = members[0]!;
  const { code, expiresAt } = await issueInvite(db, {
    memberId: member.id,
    issuedById: null,
    via: 'cli',
    crossTree: true,
    now: input.now,
    ttlHours: input.ttlHours,
  });
  await writeAudit(db, { action: 'invite.issued', targetType: 'Member', targetId: member.id, detail: { via: 'cli', crossTree: true }, at: input.now });
  return { code, expiresAt, name: member.name, organization: member.organization.name, memberId: member.id };
}
