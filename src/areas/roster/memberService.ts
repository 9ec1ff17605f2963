import { Prisma } from '../../core/generated/prisma/client.ts';
import type { Db } from '../../core/db/openDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { isUniqueViolation } from '../../core/util/isUniqueViolation.ts';
import { orgDescendants } from '../../engine/identity/orgAncestors.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';
import type { MemberDetails } from './memberForm.ts';
import { normaliseName } from './memberForm.ts';

/** Roles held in one organisation: they stay behind when the member moves to another. */
const BRANCH_ROLES = ['SECRETARY', 'ORG_COMMITTEE', 'LIAISON', 'MEMBER', 'GROUP_LEADER', 'VILLAGE_CADRE', 'INSTRUCTOR'] as const;

/** Why a membership ends; the words a 组织办 uses. 转出系统外 keeps the older status of the same meaning. */
export const END_REASONS = ['转出系统外', '停止党籍', '去世'] as const;
export type EndReason = (typeof END_REASONS)[number];
/** The reason recorded when a re-imported roster no longer lists a member and the 组织办 confirms it. */
export const LEFT_ROSTER = '名册中已无此人';

export interface Who {
  actorId: number;
  platform: Platform;
  at: Date;
}

export interface FoundMember {
  id: number;
  name: string;
  organizationId: number;
  organizationName: string;
}

interface NamedRow {
  id: number;
  name: string;
  organizationId: number;
  organizationName: string;
  shortName: string | null;
}

async function membersNamed(db: Db, name: string, scopeOrgIds: number[]): Promise<NamedRow[]> {
  if (scopeOrgIds.length === 0) return [];
  return db.$queryRaw<NamedRow[]>`
    SELECT m.id, m.name, m."organizationId", o.name AS "organizationName", o."shortName"
    FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE regexp_replace(m.name, '[[:space:]　]', '', 'g') = ${name} AND m."organizationId" IN (${Prisma.join(scopeOrgIds)})
    ORDER BY m.id`;
}

/**
 * The member named by the first words of a command (a name may be written with spaces: 「李 春生」), within
 * `scopeOrgIds`, and the words after the name. Among namesakes, a branch name in the following words picks one.
 * Refuses with a clear answer when nobody or several people match.
 */
export async function findMemberByWords(db: Db, words: string[], scopeOrgIds: number[]): Promise<{ member: FoundMember; rest: string[] }> {
  if (words.length === 0) throw new UserError('请写党员的姓名。');
  for (let k = Math.min(words.length, 4); k >= 1; k--) {
    const name = normaliseName(words.slice(0, k).join(''));
    const rows = await membersNamed(db, name, scopeOrgIds);
    if (rows.length === 0) continue;
    const rest = words.slice(k);
    if (rows.length === 1) return { member: found(rows[0]!), rest };
    const hint = normaliseName(rest.join(''));
    const names = (r: NamedRow) => [r.organizationName, ...(r.shortName ? [r.shortName] : [])];
    const picked = hint ? rows.filter((r) => names(r).some((n) => hint.startsWith(n))) : [];
    if (picked.length === 1) {
      const consumed = rest.findIndex((_, i) => names(picked[0]!).includes(normaliseName(rest.slice(0, i + 1).join(''))));
      return { member: found(picked[0]!), rest: rest.slice(consumed + 1) };
    }
    const where = rows.map((m) => m.organizationName).join('、');
    throw new UserError(`叫「${name}」的党员不止一位（${where}）。请在姓名后写上支部，如：/党员 ${name} ${rows[0]!.shortName ?? rows[0]!.organizationName}`);
  }
  // Nobody: name the most likely reading (a short run of words is one name written with spaces).
  const joined = normaliseName(words.join(''));
  const name = joined.length <= 4 ? joined : normaliseName(words[0]!);
  throw new UserError(`你管理的组织里没有叫「${name}」的党员。请核对姓名，或先用「/党员 新增」登记。`);
}

function found(m: NamedRow): FoundMember {
  return { id: Number(m.id), name: m.name, organizationId: Number(m.organizationId), organizationName: m.organizationName };
}

/** A branch-level organisation by its name or short name (spaces ignored), within `scopeOrgIds`. */
export async function findOrganizationInScope(db: Db, rawName: string, scopeOrgIds: number[]): Promise<{ id: number; name: string }> {
  const name = normaliseName(rawName);
  const orgs = await db.organization.findMany({ where: { id: { in: scopeOrgIds } }, select: { id: true, name: true, shortName: true } });
  const exact = orgs.filter((o) => o.name === name || o.shortName === name);
  const partial = exact.length ? exact : orgs.filter((o) => o.name.includes(name));
  if (partial.length === 1) return partial[0]!;
  if (partial.length === 0) throw new UserError(`没有找到组织「${name}」。请写组织全称或简称，如「东湾村党支部」。`);
  throw new UserError(`「${name}」对应多个组织（${partial.map((o) => o.name).join('、')}），请写全称。`);
}

export async function scopeOf(db: Db, orgIds: number[]): Promise<number[]> {
  const all = new Set<number>();
  for (const id of orgIds) for (const d of await orgDescendants(db, id)) all.add(d);
  return [...all];
}

/** Adds a member with the 党员 role in their organisation; a phone already on the roster is refused. */
export async function addMember(db: Db, details: Required<Pick<MemberDetails, 'name' | 'phone'>> & MemberDetails, organizationId: number, who: Who) {
  try {
    return await db.$transaction(async (tx) => {
      const member = await tx.member.create({
        data: {
          name: details.name,
          phone: details.phone,
          phoneLast4: details.phone.slice(-4),
          organizationId,
          probationary: details.probationary ?? false,
          isCadre: details.isCadre ?? false,
          ...(details.joinedAt ? { joinedAt: new Date(`${details.joinedAt}T00:00:00Z`) } : {}),
        },
      });
      await tx.memberRole.create({ data: { memberId: member.id, organizationId, role: 'MEMBER' } });
      await writeAudit(tx, {
        actorId: who.actorId,
        action: 'member.add',
        targetType: 'Member',
        targetId: member.id,
        platform: who.platform,
        at: who.at,
        detail: { organizationId, phoneLast4: member.phoneLast4, probationary: member.probationary },
      });
      return member;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`手机尾号 ${details.phone.slice(-4)} 已经登记在另一位党员名下，请核对。`);
    throw error;
  }
}

/** Changes the given details; what changed is audited (a phone only by its last four digits). */
export async function updateMember(db: Db, memberId: number, details: MemberDetails, who: Who): Promise<string[]> {
  const before = await db.member.findUniqueOrThrow({ where: { id: memberId } });
  const data: Prisma.MemberUncheckedUpdateInput = {};
  const changed: string[] = [];
  if (details.name !== undefined && details.name !== before.name) {
    data.name = details.name;
    changed.push(`姓名 ${before.name} → ${details.name}`);
  }
  if (details.phone !== undefined && details.phone !== before.phone) {
    data.phone = details.phone;
    data.phoneLast4 = details.phone.slice(-4);
    changed.push(`手机 尾号${before.phoneLast4 ?? '无'} → 尾号${details.phone.slice(-4)}`);
  }
  if (details.joinedAt !== undefined && details.joinedAt !== before.joinedAt?.toISOString().slice(0, 10)) {
    data.joinedAt = new Date(`${details.joinedAt}T00:00:00Z`);
    changed.push(`入党日期 → ${details.joinedAt}`);
  }
  if (details.probationary !== undefined && details.probationary !== before.probationary) {
    data.probationary = details.probationary;
    changed.push(`类别 → ${details.probationary ? '预备党员' : '正式党员'}`);
  }
  if (details.isCadre !== undefined && details.isCadre !== before.isCadre) {
    data.isCadre = details.isCadre;
    changed.push(`班子成员 → ${details.isCadre ? '是' : '否'}`);
  }
  if (changed.length === 0) return [];
  try {
    await db.$transaction(async (tx) => {
      await tx.member.update({ where: { id: memberId }, data });
      await writeAudit(tx, {
        actorId: who.actorId,
        action: 'member.update',
        targetType: 'Member',
        targetId: memberId,
        platform: who.platform,
        at: who.at,
        detail: { changed },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`手机尾号 ${details.phone!.slice(-4)} 已经登记在另一位党员名下，请核对。`);
    throw error;
  }
  return changed;
}

/**
 * Moves a member to another organisation. Points already earned stay with the organisation and year they were
 * earned in (each entry carries its organisation); roles held in the old branch are given up, the 党员 role is
 * taken up in the new one.
 */
export async function transferMember(db: Db, memberId: number, toOrgId: number, who: Who): Promise<{ droppedRoles: string[] }> {
  return db.$transaction(async (tx) => {
    const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, include: { roles: true } });
    if (member.organizationId === toOrgId) throw new UserError(`${member.name}已经在这个组织，不需要转接。`);
    const dropped = member.roles.filter((r) => r.organizationId === member.organizationId && (BRANCH_ROLES as readonly string[]).includes(r.role));
    await tx.memberRole.deleteMany({ where: { id: { in: dropped.map((r) => r.id) } } });
    await tx.memberRole.upsert({
      where: { memberId_organizationId_role: { memberId, organizationId: toOrgId, role: 'MEMBER' } },
      create: { memberId, organizationId: toOrgId, role: 'MEMBER' },
      update: {},
    });
    await tx.member.update({ where: { id: memberId }, data: { organizationId: toOrgId } });
    await writeAudit(tx, {
      actorId: who.actorId,
      action: 'member.transfer',
      targetType: 'Member',
      targetId: memberId,
      platform: who.platform,
      at: who.at,
      detail: { from: member.organizationId, to: toOrgId, droppedRoles: dropped.map((r) => r.role) },
    });
    return { droppedRoles: dropped.filter((r) => r.role !== 'MEMBER').map((r) => r.role) };
  });
}

export async function setFloating(db: Db, memberId: number, floating: { out: string; in: string; contact: string } | null, who: Who): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.member.update({
      where: { id: memberId },
      data: floating
        ? { status: 'FLOATING', floatingOut: floating.out, floatingIn: floating.in, floatingContact: floating.contact }
        : { status: 'NORMAL', floatingOut: null, floatingIn: null, floatingContact: null },
    });
    await writeAudit(tx, {
      actorId: who.actorId,
      action: floating ? 'member.floating' : 'member.floating_end',
      targetType: 'Member',
      targetId: memberId,
      platform: who.platform,
      at: who.at,
      ...(floating ? { detail: floating } : {}),
    });
  });
}

export async function setExemption(db: Db, memberId: number, exemption: { reason: string; approver: string; year: number } | null, who: Who): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.member.update({
      where: { id: memberId },
      data: exemption
        ? { ratingExempt: true, exemptReason: exemption.reason, exemptApprover: exemption.approver, exemptYear: exemption.year }
        : { ratingExempt: false, exemptReason: null, exemptApprover: null, exemptYear: null },
    });
    await writeAudit(tx, {
      actorId: who.actorId,
      action: exemption ? 'member.exempt' : 'member.exempt_end',
      targetType: 'Member',
      targetId: memberId,
      platform: who.platform,
      at: who.at,
      ...(exemption ? { detail: exemption } : {}),
    });
  });
}

/** Ends a membership; the member's records, points and photos are kept, they are counted nowhere from now on. */
export async function endMembership(db: Db, memberId: number, reason: EndReason | typeof LEFT_ROSTER, endedOn: string, who: Who): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const member = await tx.member.findUniqueOrThrow({ where: { id: memberId } });
    if (member.status === 'ENDED' || member.status === 'TRANSFERRED_OUT') return false;
    await tx.member.update({
      where: { id: memberId },
      data: { status: reason === '转出系统外' ? 'TRANSFERRED_OUT' : 'ENDED', endReason: reason, endedOn: new Date(`${endedOn}T00:00:00Z`) },
    });
    // Bound accounts stop acting for the member; the history they made stays.
    await tx.chatIdentity.deleteMany({ where: { memberId } });
    await writeAudit(tx, {
      actorId: who.actorId,
      action: 'member.end',
      targetType: 'Member',
      targetId: memberId,
      platform: who.platform,
      at: who.at,
      detail: { reason, endedOn },
    });
    return true;
  });
}
