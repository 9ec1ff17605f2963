import type { GroupPurpose, OrgDomain, OrgLevel, Role } from '../../core/generated/prisma/enums.ts';

/** A fictional town for the sandbox and for tests: every name and number here is made up. */
export interface DemoOrg {
  key: string;
  name: string;
  shortName: string;
  level: OrgLevel;
  domain: OrgDomain;
  parent?: string;
  district?: string;
  themeDay?: number;
  /** Members beyond the named office-holders. */
  extraMembers: number;
}

export const TOWN = 'qinghe';

export const demoOrgs: DemoOrg[] = [
  { key: TOWN, name: '青禾镇党委', shortName: '镇党委', level: 'PARTY_COMMITTEE', domain: 'ORGAN', extraMembers: 0 },
  {
    key: 'dongwan',
    name: '东湾村党支部',
    shortName: '东湾村',
    level: 'BRANCH',
    domain: 'VILLAGE',
    parent: TOWN,
    district: '东片区',
    themeDay: 5,
    extraMembers: 9,
  },
  { key: 'xiling', name: '西岭村党总支', shortName: '西岭村', level: 'GENERAL_BRANCH', domain: 'VILLAGE', parent: TOWN, district: '西片区', extraMembers: 2 },
  {
    key: 'xiling1',
    name: '西岭村第一党支部',
    shortName: '西岭一支部',
    level: 'BRANCH',
    domain: 'VILLAGE',
    parent: 'xiling',
    district: '西片区',
    themeDay: 10,
    extraMembers: 6,
  },
  {
    key: 'nantang',
    name: '南塘社区党支部',
    shortName: '南塘社区',
    level: 'BRANCH',
    domain: 'VILLAGE',
    parent: TOWN,
    district: '南片区',
    themeDay: 8,
    extraMembers: 7,
  },
  { key: 'jiguan', name: '青禾镇机关党支部', shortName: '镇机关', level: 'BRANCH', domain: 'ORGAN', parent: TOWN, themeDay: 15, extraMembers: 6 },
  { key: 'jixie', name: '青禾精密机械有限公司党支部', shortName: '精密机械', level: 'BRANCH', domain: 'NEW_TWO', parent: TOWN, themeDay: 20, extraMembers: 5 },
  { key: 'shezu', name: '青禾社会组织联合党支部', shortName: '社会组织联合', level: 'BRANCH', domain: 'NEW_TWO', parent: TOWN, themeDay: 25, extraMembers: 4 },
];

export interface DemoPerson {
  key: string;
  name: string;
  org: string;
  roles: { role: Role; org: string; title?: string }[];
  isCadre?: boolean;
  /** Bound to this sandbox persona id. */
  persona?: string;
}

export const demoPeople: DemoPerson[] = [
  {
    key: 'town-leader',
    name: '周建国',
    org: TOWN,
    isCadre: true,
    persona: 'sb-leader',
    roles: [
      { role: 'LEADING_GROUP', org: TOWN, title: '组长' },
      { role: 'SECRETARY', org: TOWN },
    ],
  },
  { key: 'town-deputy', name: '吴丽华', org: TOWN, isCadre: true, roles: [{ role: 'LEADING_GROUP', org: TOWN, title: '副组长' }] },
  {
    key: 'town-admin',
    name: '郑晓明',
    org: TOWN,
    isCadre: true,
    persona: 'sb-admin',
    roles: [
      { role: 'ADMIN', org: TOWN, title: '组织办主任' },
      { role: 'LEADING_GROUP', org: TOWN, title: '成员' },
    ],
  },
  { key: 'town-assessor', name: '冯雅琴', org: TOWN, persona: 'sb-assessor', roles: [{ role: 'ASSESSOR', org: TOWN }] },
  { key: 'dw-secretary', name: '李春生', org: 'dongwan', isCadre: true, persona: 'sb-dw-secretary', roles: [{ role: 'SECRETARY', org: 'dongwan' }] },
  { key: 'dw-committee', name: '陈秀英', org: 'dongwan', isCadre: true, persona: 'sb-dw-committee', roles: [{ role: 'ORG_COMMITTEE', org: 'dongwan' }] },
  { key: 'dw-liaison', name: '王小燕', org: 'dongwan', persona: 'sb-dw-liaison', roles: [{ role: 'LIAISON', org: 'dongwan' }] },
  { key: 'dw-member', name: '赵大勇', org: 'dongwan', persona: 'sb-dw-member', roles: [{ role: 'MEMBER', org: 'dongwan' }] },
  { key: 'xl-secretary', name: '孙志强', org: 'xiling', isCadre: true, roles: [{ role: 'SECRETARY', org: 'xiling' }] },
  { key: 'xl1-secretary', name: '钱玉兰', org: 'xiling1', isCadre: true, roles: [{ role: 'SECRETARY', org: 'xiling1' }] },
  { key: 'xl-liaison', name: '何文静', org: 'xiling', roles: [{ role: 'LIAISON', org: 'xiling' }] },
  { key: 'nt-secretary', name: '刘海涛', org: 'nantang', isCadre: true, roles: [{ role: 'SECRETARY', org: 'nantang' }] },
  { key: 'nt-liaison', name: '杨芳', org: 'nantang', roles: [{ role: 'LIAISON', org: 'nantang' }] },
  { key: 'jg-secretary', name: '黄志远', org: 'jiguan', isCadre: true, roles: [{ role: 'SECRETARY', org: 'jiguan' }] },
  { key: 'jx-secretary', name: '林国栋', org: 'jixie', isCadre: true, persona: 'sb-jx-secretary', roles: [{ role: 'SECRETARY', org: 'jixie' }] },
  { key: 'jx-liaison', name: '徐婷', org: 'jixie', roles: [{ role: 'LIAISON', org: 'jixie' }] },
  { key: 'sz-secretary', name: '马建华', org: 'shezu', isCadre: true, roles: [{ role: 'SECRETARY', org: 'shezu' }] },
];

export interface DemoGroup {
  chatId: string;
  name: string;
  org?: string;
  purpose?: GroupPurpose;
}

export const demoGroups: DemoGroup[] = [
  { chatId: 'sb-group-dongwan', name: '东湾村党支部工作群', org: 'dongwan', purpose: 'BRANCH' },
  { chatId: 'sb-group-jixie', name: '精密机械党支部群', org: 'jixie', purpose: 'BRANCH' },
  { chatId: 'sb-group-liaison', name: '青禾镇党建联络员群', org: TOWN, purpose: 'LIAISON' },
  { chatId: 'sb-group-leading', name: '青禾镇党建领导小组群', org: TOWN, purpose: 'LEADING_GROUP' },
  { chatId: 'sb-group-new', name: '新建的群（未绑定）' },
];

const surnames =
  '张王李赵陈刘杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenNames = [
  '建平',
  '秀兰',
  '国强',
  '红梅',
  '志明',
  '桂英',
  '海燕',
  '德明',
  '淑珍',
  '文华',
  '永刚',
  '丽娟',
  '春燕',
  '卫东',
  '玉梅',
  '振华',
  '美玲',
  '继红',
  '宏伟',
  '晓东',
  '雪梅',
  '国庆',
  '金凤',
  '立新',
];

/** Deterministic fictional names, so the same demo comes out on every machine. */
export function demoMemberName(index: number): string {
  return `${surnames[(index * 7) % surnames.length]}${givenNames[(index * 5) % givenNames.length]}`;
}

/** Fictional numbers in a reserved-looking range; never real subscribers. */
export function demoPhone(index: number): string {
  return `1990000${String(index).padStart(4, '0')}`;
}
