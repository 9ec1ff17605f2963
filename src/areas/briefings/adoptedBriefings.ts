import type { Db } from '../../core/db/openDatabase.ts';
import { briefingLabel } from './briefingLabel.ts';

export interface AdoptedBriefing {
  id: number;
  label: string;
  kind: 'BRIEFING' | 'REFLECTION';
  title: string;
  body: string;
  organizationId: number;
  organizationName: string;
  authorName: string;
  adoptedAt: Date;
}

/** Briefings and reflections adopted by the 组织办 in [from, to): the material of the leading group's digest. */
export async function adoptedBriefings(db: Db, from: Date, to: Date): Promise<AdoptedBriefing[]> {
  const rows = await db.briefing.findMany({
    where: { status: 'ADOPTED', reviewedAt: { gte: from, lt: to } },
    include: { organization: true, author: true },
    orderBy: [{ reviewedAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((b) => ({
    id: b.id,
    label: briefingLabel(b),
    kind: b.kind,
    title: b.title,
    body: b.body,
    organizationId: b.organizationId,
    organizationName: b.organization.name,
    authorName: b.author.name,
    adoptedAt: b.reviewedAt!,
  }));
}
