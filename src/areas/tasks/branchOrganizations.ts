import type { Db } from '../../core/db/openDatabase.ts';
import type { OrgDomain } from '../../core/generated/prisma/enums.ts';

/**
 * Organisations that own tasks addressed to "all branches": 党支部 and 党总支 (a 总支 files plans and ledgers too).
 * Cadence obligations (三会一课, 主题党日 …) are owed by 党支部 only: see cadenceBranches.
 */
export async function taskOwnerOrganizations(db: Db, domain?: OrgDomain): Promise<{ id: number; name: string }[]> {
  return db.organization.findMany({
    where: { level: { in: ['BRANCH', 'GENERAL_BRANCH'] }, ...(domain ? { domain } : {}) },
    select: { id: true, name: true },
    orderBy: { id: 'asc' },
  });
}

export async function cadenceBranches(db: Db): Promise<{ id: number; name: string; themeDay: number | null }[]> {
  return db.organization.findMany({ where: { level: 'BRANCH' }, select: { id: true, name: true, themeDay: true }, orderBy: { id: 'asc' } });
}
