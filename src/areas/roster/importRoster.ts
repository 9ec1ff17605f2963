import type { Db } from '../../core/db/openDatabase.ts';
import type { MemberStatus, OrgDomain, OrgLevel, Role } from '../../core/generated/prisma/enums.ts';
import { domainNames, levelNames, roleNames, statusNames } from '../../engine/commands/roleNames.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { CURRENT_MEMBER } from '../../engine/identity/memberStatus.ts';
import { isoToDateColumn } from '../../core/time/calendarDay.ts';
import { FORMULA_CELL, readSheetRows, type SheetRows } from './readSheetRows.ts';

export interface RosterError {
  sheet: string;
  row: number;
  message: string;
}

export interface RosterResult {
  ok: boolean;
  errors: RosterError[];
  organizationsCreated: number;
  membersCreated: number;
  /** Members the file changed (a detail, a new role or title). */
  membersUpdated: number;
  /** Members the file lists exactly as they are: a full roster sent again must not read as everyone changed. */
  membersUnchanged: number;
  /** Current members of the file's organisations whom the file no longer lists: ended only after /确认. */
  missing: { id: number; name: string; organization: string }[];
}

const COL = {
  org: ['组织', '组织名称', '所在组织', '党组织'],
  name: ['姓名'],
  phone: ['手机', '手机号', '手机号码', '联系电话'],
  roles: ['角色', '职务', '身份'],
  cadre: ['班子成员', '是否班子成员'],
  status: ['状态', '党员状态'],
  joined: ['入党日期', '入党时间'],
};
const ORG_COL = {
  name: ['组织名称', '组织', '名称'],
  short: ['简称'],
  level: ['层级', '组织层级', '类型'],
  domain: ['领域'],
  parent: ['上级组织', '上级'],
  district: ['片区'],
  themeDay: ['主题党日', '主题党日(每月几号)'],
};

const roleWords: Record<string, Role> = {
  ...Object.fromEntries(Object.entries(roleNames).map(([k, v]) => [v, k as Role])),
  支部书记: 'SECRETARY',
  总支书记: 'SECRETARY',
  党委书记: 'SECRETARY',
  副书记: 'SECRETARY',
  领导小组: 'LEADING_GROUP',
  考核小组: 'ASSESSOR',
  组织办管理员: 'ADMIN',
  指导员: 'INSTRUCTOR',
  小组长: 'GROUP_LEADER',
};
/** Posts a real roster names that carry no permission here: kept as the member's title in their organisation. */
const TITLE_WORDS = ['宣传委员', '纪检委员', '青年委员', '妇女委员', '统战委员', '保密委员', '支部委员', '支委委员', '委员', '总支委员', '党委委员'];
const levelWords: Record<string, OrgLevel> = {
  ...Object.fromEntries(Object.entries(levelNames).map(([k, v]) => [v, k as OrgLevel])),
  党工委: 'PARTY_COMMITTEE',
  支部: 'BRANCH',
  总支: 'GENERAL_BRANCH',
};
const domainWords: Record<string, OrgDomain> = {
  ...Object.fromEntries(Object.entries(domainNames).map(([k, v]) => [v, k as OrgDomain])),
  村: 'VILLAGE',
  社区: 'VILLAGE',
  村社区: 'VILLAGE',
  '村（社区）': 'VILLAGE',
  两新: 'NEW_TWO',
  '“两新”': 'NEW_TWO',
  非公企业: 'NEW_TWO',
  社会组织: 'NEW_TWO',
};
const statusWords: Record<string, MemberStatus> = {
  ...Object.fromEntries(Object.entries(statusNames).map(([k, v]) => [v, k as MemberStatus])),
  流动: 'FLOATING',
  转出: 'TRANSFERRED_OUT',
};

function pick(values: Record<string, string>, names: string[]): string {
  for (const n of names) if (values[n] && values[n] !== FORMULA_CELL) return values[n]!;
  return '';
}

/** Formula cells of a row, each a problem: what Excel computed last is not what anybody typed. */
function formulaProblems(values: Record<string, string>): string[] {
  return Object.entries(values)
    .filter(([, v]) => v === FORMULA_CELL)
    .map(([column]) => `「${column}」是公式，不是填写的内容；请复制这一列，用「选择性粘贴 → 数值」粘回后再导入`);
}

function hasColumn(sheet: SheetRows, names: string[]) {
  return names.some((n) => sheet.header.includes(n));
}

/**
 * Imports organisations (optional sheet 「组织」) and members (sheet 「名册」 or the first sheet) from .xlsx or .csv:
 * every row or none. Members are matched by phone: a known phone updates that member, roles are added (a member
 * listed exactly as they are counts as unchanged, not updated); members of the file's organisations whom it no
 * longer lists are reported, not removed.
 */
export async function importRoster(db: Db, bytes: Buffer, fileName: string, actorId: number | null): Promise<RosterResult> {
  const sheets = await readSheetRows(bytes, fileName);
  const orgSheet = sheets.find((s) => s.name === '组织' && hasColumn(s, ORG_COL.name) && hasColumn(s, ORG_COL.level));
  const memberSheet = sheets.find((s) => s.name === '名册') ?? sheets.find((s) => s !== orgSheet && hasColumn(s, COL.name));
  const errors: RosterError[] = [];
  const empty = { organizationsCreated: 0, membersCreated: 0, membersUpdated: 0, membersUnchanged: 0, missing: [] };
  if (!memberSheet) {
    return {
      ok: false,
      errors: [{ sheet: sheets[0]?.name ?? '', row: 1, message: '找不到名册表：第一行应是表头，至少有「组织」「姓名」「手机」「角色」四列' }],
      ...empty,
    };
  }
  for (const [label, names] of [
    ['组织', COL.org],
    ['姓名', COL.name],
    ['手机', COL.phone],
  ] as const) {
    if (!hasColumn(memberSheet, names)) errors.push({ sheet: memberSheet.name, row: 1, message: `表头缺少「${label}」列` });
  }
  if (errors.length) return { ok: false, errors, ...empty };

  const existingOrgs = new Map((await db.organization.findMany({ select: { id: true, name: true } })).map((o) => [o.name, o.id]));
  const newOrgs: {
    row: number;
    name: string;
    shortName: string | null;
    level: OrgLevel;
    domain: OrgDomain;
    parent: string;
    district: string | null;
    themeDay: number | null;
  }[] = [];
  if (orgSheet) {
    for (const { rowNumber, values } of orgSheet.rows) {
      const err = (message: string) => errors.push({ sheet: orgSheet.name, row: rowNumber, message });
      formulaProblems(values).forEach(err);
      const name = pick(values, ORG_COL.name);
      const levelText = pick(values, ORG_COL.level);
      const domainText = pick(values, ORG_COL.domain);
      const themeDayText = pick(values, ORG_COL.themeDay);
      if (!name) err('缺少「组织名称」');
      const level = levelWords[levelText];
      if (!levelText) err('缺少「层级」');
      else if (!level) err(`层级「${levelText}」不认识，应是 党委、党总支、党支部 或 党小组`);
      const domain = domainWords[domainText];
      if (!domainText) err('缺少「领域」');
      else if (!domain) err(`领域「${domainText}」不认识，应是 村(社区)、机关 或 两新`);
      const themeDay = themeDayText ? Number(themeDayText) : null;
      if (themeDay !== null && !(Number.isInteger(themeDay) && themeDay >= 1 && themeDay <= 28))
        err(`主题党日应是每月 1–28 号中的一天，收到的是「${themeDayText}」`);
      if (name && newOrgs.some((o) => o.name === name)) err(`组织「${name}」在本表中重复`);
      if (name && level && domain) {
        newOrgs.push({
          row: rowNumber,
          name,
          shortName: pick(values, ORG_COL.short) || null,
          level,
          domain,
          parent: pick(values, ORG_COL.parent),
          district: pick(values, ORG_COL.district) || null,
          themeDay,
        });
      }
    }
    for (const o of newOrgs) {
      if (o.parent && !existingOrgs.has(o.parent) && !newOrgs.some((x) => x.name === o.parent)) {
        errors.push({ sheet: orgSheet.name, row: o.row, message: `上级组织「${o.parent}」不存在` });
      }
    }
  }
  const knownOrg = (name: string) => existingOrgs.has(name) || newOrgs.some((o) => o.name === name);

  const phones = new Map<string, number>();
  const members: {
    row: number;
    org: string;
    name: string;
    phone: string;
    roles: Role[];
    titles: string[];
    /** null: the file does not say (no 班子成员 column, or the cell left blank), so a member's stays as it is. */
    isCadre: boolean | null;
    status: MemberStatus | null;
    joinedAt: string | null;
  }[] = [];
  for (const { rowNumber, values } of memberSheet.rows) {
    const err = (message: string) => errors.push({ sheet: memberSheet.name, row: rowNumber, message });
    formulaProblems(values).forEach(err);
    const org = pick(values, COL.org);
    const name = pick(values, COL.name).replace(/[\s\u3000]+/gu, '');
    const phone = pick(values, COL.phone)
      .replace(/[\s-]/g, '')
      .replace(/^\+?86/, '');
    if (!org) err('缺少「组织」');
    else if (!knownOrg(org)) err(`组织「${org}」不存在（请先建立该组织，或在「组织」表中列出）`);
    if (!name) err('缺少「姓名」');
    else if (name.length > 20) err('「姓名」太长（最多 20 字）');
    if (!phone) err('缺少「手机」');
    else if (!/^1\d{10}$/.test(phone)) err(`手机号格式不对（应是 11 位数字，以 1 开头），收到尾号 ${phone.slice(-4)}`);
    else if (phones.has(phone)) err(`手机号（尾号 ${phone.slice(-4)}）与第 ${phones.get(phone)} 行重复`);
    else phones.set(phone, rowNumber);
    const roles: Role[] = [];
    const titles: string[] = [];
    for (const word of pick(values, COL.roles)
      .split(/[、,，;；/\s]+/u)
      .filter(Boolean)) {
      const role = roleWords[word];
      if (TITLE_WORDS.includes(word)) titles.push(word);
      else if (!role) err(`角色「${word}」不认识，可用：${[...new Set([...Object.values(roleNames), '副书记', ...TITLE_WORDS])].join('、')}`);
      else if (!roles.includes(role)) roles.push(role);
    }
    if (!roles.includes('MEMBER')) roles.push('MEMBER');
    const cadreText = pick(values, COL.cadre);
    if (cadreText && !['是', '否', 'Y', 'N', '1', '0'].includes(cadreText)) err(`「班子成员」应填 是 或 否，收到的是「${cadreText}」`);
    const statusText = pick(values, COL.status);
    const status = statusText ? (statusWords[statusText] ?? null) : null;
    if (statusText && !status) err(`「状态」应是 正常、流动党员 或 已转出，收到的是「${statusText}」`);
    const joinedText = pick(values, COL.joined);
    const joinedAt = joinedText && /^\d{4}-\d{2}-\d{2}$/.test(joinedText) ? joinedText : null;
    if (joinedText && !joinedAt) err(`「入党日期」应写成 2001-07-01，收到的是「${joinedText}」`);
    members.push({ row: rowNumber, org, name, phone, roles, titles, isCadre: cadreText ? ['是', 'Y', '1'].includes(cadreText) : null, status, joinedAt });
  }
  if (memberSheet.rows.length === 0) errors.push({ sheet: memberSheet.name, row: 2, message: '名册没有数据行' });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet.localeCompare(b.sheet))), ...empty };

  return db.$transaction(
    async (tx) => {
      const ids = new Map(existingOrgs);
      let organizationsCreated = 0;
      let pending = newOrgs.filter((o) => !existingOrgs.has(o.name));
      while (pending.length) {
        const ready = pending.filter((o) => !o.parent || ids.has(o.parent));
        if (!ready.length) throw new Error('organisation tree has a cycle');
        for (const o of ready) {
          const created = await tx.organization.create({
            data: {
              name: o.name,
              shortName: o.shortName,
              level: o.level,
              domain: o.domain,
              parentId: o.parent ? ids.get(o.parent)! : null,
              district: o.district,
              themeDay: o.themeDay,
            },
          });
          ids.set(o.name, created.id);
          organizationsCreated++;
        }
        pending = pending.filter((o) => !ready.includes(o));
      }
      let membersCreated = 0;
      let membersUpdated = 0;
      let membersUnchanged = 0;
      for (const m of members) {
        const organizationId = ids.get(m.org)!;
        const joinedAt = m.joinedAt ? isoToDateColumn(m.joinedAt) : null;
        const data = {
          name: m.name,
          phone: m.phone,
          phoneLast4: m.phone.slice(-4),
          organizationId,
          ...(m.isCadre !== null ? { isCadre: m.isCadre } : {}),
          ...(m.status ? { status: m.status } : {}),
          ...(joinedAt ? { joinedAt } : {}),
        };
        const found = await tx.member.findUnique({ where: { phone: m.phone }, include: { roles: { where: { organizationId } } } });
        const roles = m.roles.map((role) => ({ role, title: role === 'MEMBER' && m.titles.length ? m.titles.join('、') : undefined }));
        if (!found) {
          const member = await tx.member.create({ data });
          await tx.memberRole.createMany({
            data: roles.map((r) => ({ memberId: member.id, organizationId, role: r.role, ...(r.title ? { title: r.title } : {}) })),
          });
          membersCreated++;
          continue;
        }
        const detailsChanged =
          found.name !== m.name ||
          found.organizationId !== organizationId ||
          (m.isCadre !== null && found.isCadre !== m.isCadre) ||
          (m.status !== null && found.status !== m.status) ||
          (joinedAt !== null && found.joinedAt?.getTime() !== joinedAt.getTime());
        // Roles are only ever added here, and a title set: a role the file leaves out stays.
        const newRoles = roles.filter((r) => {
          const held = found.roles.find((h) => h.role === r.role);
          return !held || (r.title !== undefined && held.title !== r.title);
        });
        if (!detailsChanged && newRoles.length === 0) {
          membersUnchanged++;
          continue;
        }
        if (detailsChanged) await tx.member.update({ where: { id: found.id }, data });
        for (const { role, title } of newRoles) {
          await tx.memberRole.upsert({
            where: { memberId_organizationId_role: { memberId: found.id, organizationId, role } },
            create: { memberId: found.id, organizationId, role, ...(title ? { title } : {}) },
            update: title ? { title } : {},
          });
        }
        membersUpdated++;
      }
      const fileOrgIds = [...new Set(members.map((m) => ids.get(m.org)!))];
      const listed = members.map((m) => m.phone);
      const missing = await tx.member.findMany({
        where: { organizationId: { in: fileOrgIds }, ...CURRENT_MEMBER, OR: [{ phone: null }, { phone: { notIn: listed } }] },
        select: { id: true, name: true, organization: { select: { name: true } } },
        orderBy: { id: 'asc' },
      });
      await writeAudit(tx, {
        actorId,
        action: 'roster.imported',
        targetType: 'Roster',
        targetId: null,
        detail: { fileName, organizationsCreated, membersCreated, membersUpdated, membersUnchanged, missing: missing.length },
      });
      return {
        ok: true,
        errors: [],
        organizationsCreated,
        membersCreated,
        membersUpdated,
        membersUnchanged,
        missing: missing.map((m) => ({ id: m.id, name: m.name, organization: m.organization.name })),
      };
    },
    { timeout: 120_000 },
  );
}

/** What an import did, in one sentence: 「新建组织 0 个，新增党员 1 名，更新党员 1 名，其余 12 名没有变化。」 */
export function rosterFigures(result: Pick<RosterResult, 'organizationsCreated' | 'membersCreated' | 'membersUpdated' | 'membersUnchanged'>): string {
  const unchanged = result.membersUnchanged > 0 ? `，其余 ${result.membersUnchanged} 名没有变化` : '';
  return `新建组织 ${result.organizationsCreated} 个，新增党员 ${result.membersCreated} 名，更新党员 ${result.membersUpdated} 名${unchanged}。`;
}

export function formatRosterErrors(errors: RosterError[], max = 30): string[] {
  const lines = errors.slice(0, max).map((e) => `「${e.sheet}」第 ${e.row} 行：${e.message}`);
  if (errors.length > max) lines.push(`……另有 ${errors.length - max} 处问题`);
  return lines;
}
