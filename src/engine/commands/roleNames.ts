import type { GroupPurpose, OrgDomain, OrgLevel, Role } from '../../core/generated/prisma/enums.ts';

export const roleNames: Record<Role, string> = {
  SECRETARY: '书记',
  ORG_COMMITTEE: '组织委员',
  LIAISON: '联络员',
  MEMBER: '党员',
  GROUP_LEADER: '党小组长',
  VILLAGE_CADRE: '驻村干部',
  INSTRUCTOR: '党建指导员',
  LEADING_GROUP: '领导小组成员',
  ADMIN: '组织办',
  ASSESSOR: '考核小组成员',
};

export const purposeNames: Record<GroupPurpose, string> = {
  BRANCH: '支部群',
  LIAISON: '联络员群',
  LEADING_GROUP: '领导小组群',
};

export const domainNames: Record<OrgDomain, string> = {
  VILLAGE: '村(社区)',
  ORGAN: '机关',
  NEW_TWO: '两新',
};

export const levelNames: Record<OrgLevel, string> = {
  PARTY_COMMITTEE: '党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
  PARTY_GROUP: '党小组',
};

export const statusNames: Record<import('../../core/generated/prisma/enums.ts').MemberStatus, string> = {
  NORMAL: '正常',
  FLOATING: '流动党员',
  TRANSFERRED_OUT: '已转出',
  ENDED: '已减少（停止党籍或去世）',
};
