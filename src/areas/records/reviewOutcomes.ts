import type { Db } from '../../core/db/openDatabase.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';

/** The four 民主评议党员 outcomes, best first. */
export const REVIEW_OUTCOMES = ['优秀', '合格', '基本合格', '不合格'] as const;
export type ReviewOutcomeName = (typeof REVIEW_OUTCOMES)[number];

export const REVIEW_USAGE = '/评议结果 优秀 张三、李四；合格 其他人；基本合格 王五';

/**
 * 「优秀 张三、李四；基本合格 王五」 → the names written under each outcome. Longer outcome words are tried first
 * so 基本合格 and 不合格 are not read as 合格. Returns null for a part that starts with no outcome word.
 */
export function splitReviewText(text: string): { outcome: ReviewOutcomeName; names: string }[] | { bad: string } {
  const parts = text
    .split(/[;；\n]+/u)
    .map((p) => p.trim())
    .filter(Boolean);
  const byLength = [...REVIEW_OUTCOMES].sort((a, b) => b.length - a.length);
  const out: { outcome: ReviewOutcomeName; names: string }[] = [];
  for (const part of parts) {
    const outcome = byLength.find((o) => part.startsWith(o));
    if (!outcome) return { bad: part };
    out.push({ outcome, names: part.slice(outcome.length).replace(/^[\s\u3000:：]+/u, '') });
  }
  return out;
}

export interface ReviewChange {
  memberId: number;
  name: string;
  from: string | null;
  to: ReviewOutcomeName;
}

/**
 * Saves the year's outcomes of one branch in one transaction: new ones are created, a different outcome replaces
 * the old one (the audit keeps both), the same outcome again changes nothing.
 */
export async function saveReviewOutcomes(
  db: Db,
  input: {
    organizationId: number;
    year: number;
    entries: { memberId: number; name: string; outcome: ReviewOutcomeName }[];
    actorId: number;
    platform: Platform;
  },
): Promise<{ changes: ReviewChange[]; unchanged: number }> {
  return db.$transaction(async (tx) => {
    const existing = new Map(
      (await tx.reviewOutcome.findMany({ where: { year: input.year, memberId: { in: input.entries.map((e) => e.memberId) } } })).map((r) => [
        r.memberId,
        r.outcome,
      ]),
    );
    const changes: ReviewChange[] = [];
    for (const e of input.entries) {
      const from = existing.get(e.memberId) ?? null;
      if (from === e.outcome) continue;
      const row = await tx.reviewOutcome.upsert({
        where: { memberId_year: { memberId: e.memberId, year: input.year } },
        create: { memberId: e.memberId, organizationId: input.organizationId, year: input.year, outcome: e.outcome, recordedById: input.actorId },
        update: { outcome: e.outcome, organizationId: input.organizationId, recordedById: input.actorId },
      });
      await writeAudit(tx, {
        actorId: input.actorId,
        action: 'review.outcome',
        targetType: 'ReviewOutcome',
        targetId: row.id,
        platform: input.platform,
        detail: { memberId: e.memberId, year: input.year, from, to: e.outcome },
      });
      changes.push({ memberId: e.memberId, name: e.name, from, to: e.outcome });
    }
    return { changes, unchanged: input.entries.length - changes.length };
  });
}
