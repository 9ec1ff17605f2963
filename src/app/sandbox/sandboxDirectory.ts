import type { Db } from '../../core/db/openDatabase.ts';
import { purposeNames, roleNames } from '../../engine/commands/roleNames.ts';
import type { SandboxGroup, SandboxPersona } from '../../../bots/sandbox/SandboxDirectory.ts';

/** Unbound personas: play someone who has not run /绑定 yet. */
export const GUEST_PERSONAS: SandboxPersona[] = [
  { id: 'guest-1', name: '新来的访客', roleLabel: '未绑定', organization: null, bound: false },
  { id: 'guest-2', name: '新来的访客二', roleLabel: '未绑定', organization: null, bound: false },
  { id: 'guest-3', name: '新来的访客三', roleLabel: '未绑定', organization: null, bound: false },
];

export async function listSandboxPersonas(db: Db): Promise<SandboxPersona[]> {
  const identities = await db.chatIdentity.findMany({
    // The sandbox plays the demo organisation only.
    where: { platform: 'SANDBOX', member: { organization: { demo: true } } },
    include: { member: { include: { organization: true, roles: true } } },
    orderBy: { id: 'asc' },
  });
  const bound = identities.map((identity) => {
    const roles = [...new Set(identity.member.roles.map((r) => roleNames[r.role]))];
    return {
      id: identity.platformUserId,
      name: identity.displayName ?? identity.member.name,
      roleLabel: roles.join('、') || '党员',
      organization: identity.member.organization.name,
      bound: true,
    };
  });
  return [...bound, ...GUEST_PERSONAS];
}

export async function listSandboxGroups(db: Db): Promise<SandboxGroup[]> {
  const groups = await db.chatGroup.findMany({
    where: { platform: 'SANDBOX', OR: [{ organizationId: null }, { organization: { demo: true } }] },
    include: { organization: true },
    orderBy: { id: 'asc' },
  });
  return groups.map((g) => ({
    id: g.chatId,
    name: g.name ?? g.chatId,
    purpose: g.purpose ? purposeNames[g.purpose] : null,
    organization: g.organization?.name ?? null,
  }));
}
