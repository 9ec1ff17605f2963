import type { ActivityType } from '../generated/prisma/enums.ts';

/** Chinese names of the record types (domain.md §2). The records area owns the full list; this is what tasks need. */
export const activityTypeNames: Record<ActivityType, string> = {
  PARTY_CONGRESS: '支部党员大会',
  COMMITTEE_MEETING: '支委会',
  GROUP_MEETING: '党小组会',
  PARTY_LESSON: '党课',
  THEME_DAY: '主题党日',
  LIFE_MEETING: '组织生活会',
  DEMOCRATIC_REVIEW: '民主评议党员',
  HEART_TALK: '谈心谈话',
  TRAINING: '专题讲习/培训',
};

const aliases: Record<string, ActivityType> = {
  党员大会: 'PARTY_CONGRESS',
  民主评议: 'DEMOCRATIC_REVIEW',
  培训: 'TRAINING',
  专题讲习: 'TRAINING',
  讲习: 'TRAINING',
};

export function parseActivityType(word: string): ActivityType | null {
  const trimmed = word.trim();
  for (const [type, name] of Object.entries(activityTypeNames)) if (name === trimmed) return type as ActivityType;
  return aliases[trimmed] ?? null;
}
