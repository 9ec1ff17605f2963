import type { Role } from '../../core/generated/prisma/enums.ts';
import { BRIEFING_ROLES } from './briefingRoles.ts';

export interface Viewer {
  memberId: number;
  roles: readonly { role: Role; organizationId: number; demo: boolean }[];
}

/**
 * Who may read a 简报 and open its attachments (/查看简报 and the file route alike): its author; the 组织办 and the
 * 领导小组; the 书记, 组织委员 and 联络员 of its organisation or one above it. Only roles of the 简报's own world
 * count (a demo role opens nothing real).
 */
export async function canViewBriefing(
  viewer: Viewer,
  briefing: { authorId: number; organizationId: number },
  demo: boolean,
  ancestorsOf: (orgId: number) => Promise<number[]>,
): Promise<boolean> {
  if (viewer.memberId === briefing.authorId) return true;
  const held = viewer.roles.filter((r) => r.demo === demo);
  if (held.some((r) => r.role === 'ADMIN' || r.role === 'LEADING_GROUP')) return true;
  const branchRoles = held.filter((r) => BRIEFING_ROLES.includes(r.role));
  if (branchRoles.length === 0) return false;
  const ancestors = await ancestorsOf(briefing.organizationId);
  return branchRoles.some((r) => ancestors.includes(r.organizationId));
}
