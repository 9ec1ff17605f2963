import type { ActivityType, PointCategory } from '../../core/generated/prisma/enums.ts';

export interface DefaultPointRule {
  code: string;
  name: string;
  category: PointCategory;
  activityType?: ActivityType;
  /** Points per occurrence; deductions are negative. */
  points: number;
  yearlyCap?: number;
  description: string;
}

/**
 * The default catalogue (example data after domain.md §3: "5 points per attended meeting with a yearly cap,
 * plus small items"). Seeded once by code; the 组织办 edits PointRule rows afterwards and seeding never
 * overwrites them. See docs/points.md.
 */
export const DEFAULT_POINT_RULES: readonly DefaultPointRule[] = [
  {
    code: 'ATT_PARTY_CONGRESS',
    name: '参加支部党员大会',
    category: 'ATTENDANCE',
    activityType: 'PARTY_CONGRESS',
    points: 5,
    yearlyCap: 20,
    description: '每季度1次，每次5分，全年最多20分',
  },
  {
    code: 'ATT_COMMITTEE_MEETING',
    name: '参加支委会',
    category: 'ATTENDANCE',
    activityType: 'COMMITTEE_MEETING',
    points: 2,
    yearlyCap: 24,
    description: '支委成员每月1次，每次2分，全年最多24分',
  },
  {
    code: 'ATT_GROUP_MEETING',
    name: '参加党小组会',
    category: 'ATTENDANCE',
    activityType: 'GROUP_MEETING',
    points: 2,
    yearlyCap: 24,
    description: '每月1–2次，每次2分，全年最多24分',
  },
  {
    code: 'ATT_PARTY_LESSON',
    name: '参加党课',
    category: 'ATTENDANCE',
    activityType: 'PARTY_LESSON',
    points: 5,
    yearlyCap: 20,
    description: '每季度1次，每次5分，全年最多20分',
  },
  {
    code: 'ATT_THEME_DAY',
    name: '参加主题党日',
    category: 'ATTENDANCE',
    activityType: 'THEME_DAY',
    points: 3,
    yearlyCap: 36,
    description: '每月1次，每次3分，全年最多36分',
  },
  {
    code: 'ATT_LIFE_MEETING',
    name: '参加组织生活会',
    category: 'ATTENDANCE',
    activityType: 'LIFE_MEETING',
    points: 5,
    yearlyCap: 5,
    description: '每年1次，5分',
  },
  {
    code: 'ATT_DEMOCRATIC_REVIEW',
    name: '参加民主评议党员',
    category: 'ATTENDANCE',
    activityType: 'DEMOCRATIC_REVIEW',
    points: 5,
    yearlyCap: 5,
    description: '每年1次，5分',
  },
  {
    code: 'ATT_HEART_TALK',
    name: '参加谈心谈话',
    category: 'ATTENDANCE',
    activityType: 'HEART_TALK',
    points: 2,
    yearlyCap: 6,
    description: '每次2分，全年最多6分',
  },
  {
    code: 'ATT_TRAINING',
    name: '参加专题讲习/培训',
    category: 'ATTENDANCE',
    activityType: 'TRAINING',
    points: 3,
    yearlyCap: 15,
    description: '每次3分，全年最多15分',
  },
  {
    code: 'VOLUNTEER',
    name: '志愿服务',
    category: 'VOLUNTEER',
    points: 3,
    yearlyCap: 15,
    description: '参加志愿服务每次3分，全年最多15分（/加分 原因写「志愿服务…」）',
  },
  { code: 'STUDY_SELF', name: '自学', category: 'STUDY', points: 1, yearlyCap: 10, description: '完成学习任务每次1分，全年最多10分（原因写「自学…」）' },
  {
    code: 'STUDY_REFLECTION',
    name: '学习心得',
    category: 'STUDY',
    points: 2,
    yearlyCap: 10,
    description: '提交学习心得每篇2分，全年最多10分（原因写「学习心得…」）',
  },
  { code: 'MANUAL_BONUS', name: '其他加分', category: 'OTHER', points: 1, description: '书记按实际情况加分，原因必填' },
  { code: 'DED_ABSENCE', name: '无故缺席', category: 'DEDUCTION', points: -5, description: '无故缺席组织生活，每次扣5分（原因写「无故缺席…」）' },
  { code: 'DED_DUES', name: '未按时交纳党费', category: 'DEDUCTION', points: -5, description: '每次扣5分（原因写「未按时交纳党费…」）' },
  { code: 'DED_DISCIPLINE', name: '违反纪律', category: 'DEDUCTION', points: -10, description: '受到批评教育或处分，每次扣10分（原因写「违反纪律…」）' },
  { code: 'MANUAL_DEDUCTION', name: '其他扣分', category: 'DEDUCTION', points: -1, description: '书记按实际情况扣分，原因必填' },
];
