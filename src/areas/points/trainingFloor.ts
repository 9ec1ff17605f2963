import type { OrgDomain } from '../../core/generated/prisma/enums.ts';

/**
 * Training-hours floors per person per year (domain.md §2, from 002): 村(社区) members and 班子 ≥ 24 学时;
 * 两新 members ≥ 32, 两新 书记 and 班子 ≥ 56. The sources give none for 机关: null.
 */
export function trainingFloor(domain: OrgDomain, isCadre: boolean): number | null {
  switch (domain) {
    case 'VILLAGE':
      return 24;
    case 'NEW_TWO':
      return isCadre ? 56 : 32;
    case 'ORGAN':
      return null;
  }
}
