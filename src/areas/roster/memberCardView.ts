import type { Db } from '../../core/db/openDatabase.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import { maskPhone } from '../../core/util/maskPhone.ts';
import { roleNames, statusNames } from '../../engine/commands/roleNames.ts';

const DAY = (d: Date | null) => (d ? `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日` : '未登记');

/** One member's card for /党员: details, status, roles, this year's points and the latest changes (phone masked). */
export async function memberCardView(db: Db, memberId: number, year: number): Promise<MessageView> {
  const member = await db.member.findUniqueOrThrow({
    where: { id: memberId },
    include: { organization: true, roles: { include: { organization: true } }, _count: { select: { identities: true } } },
  });
  const [points, reviews, changes] = await Promise.all([
    db.pointEntry.aggregate({ where: { memberId, year }, _sum: { points: true } }),
    db.reviewOutcome.findMany({ where: { memberId, year: { in: [year, year - 1] } }, orderBy: { year: 'desc' } }),
    db.auditLog.findMany({ where: { targetType: 'Member', targetId: String(memberId), action: { startsWith: 'member.' } }, orderBy: { id: 'desc' }, take: 3 }),
  ]);
  let status: string = statusNames[member.status];
  if (member.status === 'FLOATING') status += `（${member.floatingOut ?? '?'} → ${member.floatingIn ?? '?'}，联系人 ${member.floatingContact ?? '未登记'}）`;
  if (member.endReason) status = `已减少：${member.endReason}（${DAY(member.endedOn)}）`;
  const rating = member.ratingExempt
    ? `免于评定${member.exemptYear ? `（${member.exemptYear}年度` : '（'}${member.exemptReason ? `，${member.exemptReason}` : ''}${member.exemptApprover ? `，${member.exemptApprover}批准` : ''}）`
    : '参加评定';
  const roles = member.roles.map((r) => `${r.organization.shortName ?? r.organization.name}${roleNames[r.role]}`);
  return {
    kind: 'member_card',
    title: `党员信息 · ${member.name}`,
    tone: member.endReason ? 'warning' : 'info',
    fields: [
      { label: '所在组织', value: member.organization.name },
      { label: '类别', value: member.probationary ? '预备党员' : '正式党员' },
      { label: '入党日期', value: DAY(member.joinedAt) },
      { label: '状态', value: status },
      { label: '职务', value: roles.join('、') || '党员' },
      { label: '星级评定', value: rating },
      { label: `${year}年积分`, value: `${Math.round((points._sum.points ?? 0) * 10) / 10} 分` },
      { label: '民主评议', value: reviews.map((r) => `${r.year}年 ${r.outcome}`).join('；') || `${year}年尚未登记` },
      { label: '手机', value: maskPhone(member.phone) || '未登记' },
      { label: '已绑定账号', value: `${member._count.identities} 个` },
    ],
    ...(changes.length ? { lines: ['最近变动：', ...changes.map((c) => `· ${CHANGE_NAMES[c.action] ?? '信息变动'}`)] } : {}),
  };
}

const CHANGE_NAMES: Record<string, string> = {
  'member.add': '新增入册',
  'member.update': '修改信息',
  'member.transfer': '组织关系转接',
  'member.floating': '登记为流动党员',
  'member.floating_end': '结束流动',
  'member.exempt': '登记免评',
  'member.exempt_end': '取消免评',
  'member.end': '党员减少',
};
