import type { BriefingKind, BriefingStatus } from '../../core/generated/prisma/enums.ts';

export const kindNames: Record<BriefingKind, string> = { BRIEFING: '简报', REFLECTION: '学习心得' };

export const briefingStatusNames: Record<BriefingStatus, string> = { SUBMITTED: '待审', ADOPTED: '已采用', RETURNED: '已退回' };

export interface LabelInput {
  kind: BriefingKind;
  year: number;
  seq: number;
  organization: { name: string; shortName: string | null };
}

/**
 * The 文号 people read: 东湾村〔2026〕第3期 for a briefing, 东湾村〔2026〕学习心得第3篇 for a reflection.
 * Commands take the global 编号 (Briefing.id) or this 文号; both are unique across organisations.
 */
export function briefingLabel(b: LabelInput): string {
  const org = b.organization.shortName || b.organization.name;
  return b.kind === 'BRIEFING' ? `${org}〔${b.year}〕第${b.seq}期` : `${org}〔${b.year}〕学习心得第${b.seq}篇`;
}
