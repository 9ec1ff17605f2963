import { z } from 'zod';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Prisma } from '../../core/generated/prisma/client.ts';
import { Prisma as P } from '../../core/generated/prisma/client.ts';
import { memberStarBuckets, type StarBucket } from './boardQueries.ts';
import { branchScore } from '../points/branchScore.ts';

/** The Setting row with the plan's targets (seed 000), which the 组织办 changes in chat (/看板 目标, /看板 进展). */
export const PLAN_TARGETS_KEY = 'plan.targets';

/** How a target's standing is measured: from the records, or a number the 组织办 reports (manual). */
export const MEASURES = ['manual', 'excellentShare', 'participation', 'floatingManaged', 'newMembers'] as const;

export const planTargetSchema = z.object({
  key: z.string().min(1).max(40),
  label: z.string().min(1).max(30),
  target: z.number().min(0).max(100000),
  unit: z.string().max(6),
  measure: z.enum(MEASURES),
  /** The reported standing of a manual target. */
  actual: z.number().min(0).max(100000).optional(),
});
export type PlanTarget = z.infer<typeof planTargetSchema>;

/** Seed 000's targets: 示范点 市:区:部门 = 3:6:12, 创先率 40%, ≥ 98% take part regularly, 80% 骨干, 100% 流动党员 managed, 20 new members, 2 new organisations. */
export const defaultPlanTargets: PlanTarget[] = [
  { key: 'demo-city', label: '市级示范点', target: 3, unit: '个', measure: 'manual' },
  { key: 'demo-district', label: '区级示范点', target: 6, unit: '个', measure: 'manual' },
  { key: 'demo-dept', label: '部门示范点', target: 12, unit: '个', measure: 'manual' },
  { key: 'excellent', label: '创先率', target: 40, unit: '%', measure: 'excellentShare' },
  { key: 'participation', label: '党员经常参加组织生活', target: 98, unit: '%', measure: 'participation' },
  { key: 'backbone', label: '党员骨干占比', target: 80, unit: '%', measure: 'manual' },
  { key: 'floating', label: '流动党员纳入管理', target: 100, unit: '%', measure: 'floatingManaged' },
  { key: 'new-members', label: '发展新党员', target: 20, unit: '名', measure: 'newMembers' },
  { key: 'new-orgs', label: '新建党组织', target: 2, unit: '个', measure: 'manual' },
];

export async function loadPlanTargets(db: Db): Promise<PlanTarget[]> {
  const row = await db.setting.findUnique({ where: { key: PLAN_TARGETS_KEY } });
  const parsed = z.array(planTargetSchema).safeParse(row?.value);
  return parsed.success && parsed.data.length > 0 ? parsed.data : defaultPlanTargets;
}

export async function savePlanTargets(db: Db, targets: PlanTarget[]): Promise<void> {
  const value = z.array(planTargetSchema).parse(targets) as unknown as Prisma.InputJsonValue;
  await db.setting.upsert({ where: { key: PLAN_TARGETS_KEY }, create: { key: PLAN_TARGETS_KEY, value }, update: { value } });
}

export interface TargetStanding extends PlanTarget {
  /** Where the town stands, null when nothing is known yet. */
  value: number | null;
  /** How the value was found, in the 组织办's words. */
  basis: string;
  reached: boolean;
}

/**
 * Where the organisations stand against each target this year: 创先率 = share of branches whose 考评得分 (the
 * points proxy of branchScore) reaches 三星; participation = 实到 / 应到 over the year's records; 流动党员 = share
 * of floating members bound in a chat; new members = joined this year; the rest as the 组织办 reported them.
 */
export async function targetStandings(db: Db, orgIds: number[], branchIds: number[], year: number, buckets?: StarBucket[]): Promise<TargetStanding[]> {
  const targets = await loadPlanTargets(db);
  const ids = orgIds.length > 0 ? orgIds : [-1];
  const [totals, attendance, floating, newMembers] = await Promise.all([
    buckets ?? memberStarBuckets(db, branchIds, year),
    db.$queryRaw<{ present: number | null; expected: number | null }[]>`
      SELECT SUM("presentCount")::float8 AS present, SUM("expectedCount")::float8 AS expected FROM "Activity"
      WHERE "organizationId" IN (${P.join(ids)}) AND year = ${year} AND status::text = 'ACTIVE' AND "expectedCount" > 0 AND "presentCount" IS NOT NULL`,
    db.$queryRaw<{ all: number; managed: number }[]>`
      SELECT COUNT(*)::int AS all, COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM "ChatIdentity" ci WHERE ci."memberId" = m.id))::int AS managed
      FROM "Member" m WHERE m."organizationId" IN (${P.join(ids)}) AND m.status::text = 'FLOATING'`,
    db.member.count({
      where: { organizationId: { in: orgIds }, joinedAt: { gte: new Date(`${year}-01-01T00:00:00Z`), lte: new Date(`${year}-12-31T00:00:00Z`) } },
    }),
  ]);
  // branchScore's points proxy per branch: the average of its rated members' totals, capped at 100.
  const sums = new Map<number, { n: number; sum: number }>();
  for (const b of totals) {
    if (b.exempt) continue;
    const s = sums.get(b.organizationId) ?? { n: 0, sum: 0 };
    sums.set(b.organizationId, { n: s.n + b.members, sum: s.sum + b.sum });
  }
  const rated = branchIds
    .map((id) => sums.get(id))
    .filter((s): s is { n: number; sum: number } => s !== undefined && s.n > 0)
    .map((s) => branchScore(null, [s.sum / s.n]))
    .filter((s) => s !== null);
  const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);
  return targets.map((t) => {
    let value: number | null;
    let basis: string;
    switch (t.measure) {
      case 'excellentShare':
        value = share(rated.filter((r) => r.stars === 3).length, rated.length);
        basis = `${rated.length} 个党支部中按积分可达三星的比例`;
        break;
      case 'participation':
        value = share(attendance[0]?.present ?? 0, attendance[0]?.expected ?? 0);
        basis = '今年会议记录的实到人数 ÷ 应到人数';
        break;
      case 'floatingManaged':
        value = share(floating[0]?.managed ?? 0, floating[0]?.all ?? 0);
        basis = `流动党员 ${floating[0]?.all ?? 0} 名中已在工作群绑定的比例`;
        break;
      case 'newMembers':
        value = newMembers;
        basis = '名册中今年入党的党员';
        break;
      default:
        value = t.actual ?? null;
        basis = t.actual === undefined ? '组织办尚未报送' : '组织办报送';
    }
    return { ...t, value, basis, reached: value !== null && value >= t.target };
  });
}
