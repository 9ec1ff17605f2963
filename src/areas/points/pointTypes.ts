import type { Prisma } from '../../core/generated/prisma/client.ts';
import type { PointCategory } from '../../core/generated/prisma/enums.ts';

/** A Prisma client or an interactive transaction: services take either. */
export type Tx = Prisma.TransactionClient;

export const categoryNames: Record<PointCategory, string> = {
  ATTENDANCE: '参加组织生活',
  VOLUNTEER: '志愿服务',
  STUDY: '学习教育',
  DEDUCTION: '扣分',
  OTHER: '其他',
};

/** Source types of point entries. */
export const SOURCE_ACTIVITY = 'ACTIVITY';
export const SOURCE_ACTIVITY_REVERSAL = 'ACTIVITY_REVERSAL';
export const SOURCE_MANUAL = 'MANUAL';

/** Points rounded to one decimal for display: 5, 2.5. */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}
