import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { parseTaskKind } from './taskKindNames.ts';
import { parseActivityType } from './activityTypeNames.ts';
import type { ActivityType, OrgDomain, TaskKind } from '../../core/generated/prisma/enums.ts';

const domainWords: Record<string, OrgDomain> = {
  村: 'VILLAGE',
  社区: 'VILLAGE',
  '村(社区)': 'VILLAGE',
  VILLAGE: 'VILLAGE',
  机关: 'ORGAN',
  ORGAN: 'ORGAN',
  两新: 'NEW_TWO',
  NEW_TWO: 'NEW_TWO',
};

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    '应是 YYYY-MM-DD 格式的有效日期',
  );

const kind = z.string().transform((v, ctx): TaskKind => {
  const k = (['SUBMIT_PLAN', 'PROBLEM_LEDGER', 'HOLD_ACTIVITY', 'REPORT_TABLE', 'OTHER'] as const).find((x) => x === v) ?? parseTaskKind(v);
  if (!k) ctx.addIssue({ code: 'custom', message: `不认识的类型「${v}」（可用 报送方案、问题台账、开展活动、报送报表、其他）` });
  return k ?? 'OTHER';
});

const activity = z.string().transform((v, ctx): ActivityType => {
  const t = parseActivityType(v);
  if (!t) ctx.addIssue({ code: 'custom', message: `不认识的活动「${v}」（如 主题党日、支委会、党课）` });
  return t ?? 'THEME_DAY';
});

type Owner = { scope: 'ALL_BRANCHES' } | { scope: 'DOMAIN'; domain: OrgDomain } | { scope: 'ORGANIZATION'; organizationName: string };

/** 全部支部 (or all), { domain: 两新 }, or { organization: 东湾村党支部 }. */
const owner = z.unknown().transform((v, ctx): Owner => {
  if (v === '全部支部' || v === 'all') return { scope: 'ALL_BRANCHES' };
  if (v && typeof v === 'object' && 'domain' in v && typeof v.domain === 'string') {
    const d = domainWords[v.domain];
    if (d) return { scope: 'DOMAIN', domain: d };
    ctx.addIssue({ code: 'custom', message: `不认识的领域「${v.domain}」（可用 村(社区)、机关、两新）` });
    return { scope: 'ALL_BRANCHES' };
  }
  if (v && typeof v === 'object' && 'organization' in v && typeof v.organization === 'string' && v.organization.trim()) {
    return { scope: 'ORGANIZATION', organizationName: v.organization.trim() };
  }
  ctx.addIssue({ code: 'custom', message: '应是「全部支部」、{ domain: 两新 } 或 { organization: 组织全称 }' });
  return { scope: 'ALL_BRANCHES' };
});

export const planTaskSchema = z.object({
  title: z.string().min(1).max(60),
  phase: z.string().max(40).optional(),
  kind: kind.default('OTHER'),
  activity: activity.optional(),
  deadline: isoDate,
  owner: owner.default({ scope: 'ALL_BRANCHES' as const }),
});

/** A plan file (YAML or JSON): a name and its tasks with deadlines, e.g. the five phases of domain.md §6. */
export const planFileSchema = z.object({
  name: z.string().min(1).max(80),
  tasks: z.array(planTaskSchema).min(1).max(500),
});

export type PlanFile = z.infer<typeof planFileSchema>;

export class PlanFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`方案文件有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PlanFileError';
  }
}

export function parsePlanFile(text: string, fileName: string): PlanFile {
  let raw: unknown;
  try {
    raw = fileName.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new PlanFileError([`无法读取 ${fileName}：${(error as Error).message}`]);
  }
  const parsed = planFileSchema.safeParse(raw);
  if (!parsed.success) throw new PlanFileError(parsed.error.issues.map((i) => `${i.path.join('.') || '(文件)'}：${i.message}`));
  return parsed.data;
}
