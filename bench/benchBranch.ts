import type { Db } from '../src/core/db/openDatabase.ts';

/**
 * A branch of `size` members (fictional names 党员0001 …) under the demo town, bound to a sandbox branch group,
 * with its secretary and one member playable as sandbox personas. Returns the ids the benches need.
 */
export async function createBenchBranch(db: Db, key: string, size: number) {
  // The sandbox plays the demo organisation only, so the branch joins the demo town.
  const town = await db.organization.findFirstOrThrow({ where: { level: 'PARTY_COMMITTEE', demo: true } });
  const org = await db.organization.create({
    data: { name: `基准测试${key}党支部`, level: 'BRANCH', domain: 'VILLAGE', parentId: town.id, themeDay: 1, demo: true },
  });
  await db.member.createMany({
    data: Array.from({ length: size }, (_, i) => ({ name: `${key}党员${String(i + 1).padStart(4, '0')}`, organizationId: org.id })),
  });
  const members = await db.member.findMany({ where: { organizationId: org.id }, orderBy: { id: 'asc' } });
  const secretary = members[0]!;
  const member = members[1]!;
  await db.memberRole.createMany({
    data: [
      { memberId: secretary.id, organizationId: org.id, role: 'SECRETARY' },
      ...members.map((m) => ({ memberId: m.id, organizationId: org.id, role: 'MEMBER' as const })),
    ],
  });
  await db.chatIdentity.createMany({
    data: [
      { platform: 'SANDBOX', platformUserId: `bench-${key}-secretary`, displayName: secretary.name, memberId: secretary.id },
      { platform: 'SANDBOX', platformUserId: `bench-${key}-member`, displayName: member.name, memberId: member.id },
    ],
  });
  const chatId = `bench-group-${key}`;
  await db.chatGroup.create({ data: { platform: 'SANDBOX', chatId, name: `${org.name}群`, organizationId: org.id, purpose: 'BRANCH', boundAt: new Date() } });
  return { org, members, chatId, secretaryPersona: `bench-${key}-secretary`, memberPersona: `bench-${key}-member` };
}
