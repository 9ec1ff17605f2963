import type { MemberStatus } from '../../core/generated/prisma/enums.ts';

/** Members who have left the organisation (转出系统外, 停止党籍, 去世): kept with their history, counted nowhere. */
export const ENDED_STATUSES: MemberStatus[] = ['TRANSFERRED_OUT', 'ENDED'];

/** The Prisma filter for members still in the organisation (正常 and 流动党员). */
export const CURRENT_MEMBER = { status: { notIn: ENDED_STATUSES } } as const;

export function isCurrentMember(status: MemberStatus): boolean {
  return !ENDED_STATUSES.includes(status);
}
