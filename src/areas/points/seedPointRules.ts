import type { Db } from '../../core/db/openDatabase.ts';
import { DEFAULT_POINT_RULES } from './defaultPointRules.ts';

/**
 * The default point-rule catalogue (example data from domain.md §3; editable without code changes). Creates
 * the rules that are missing, by code; a rule that exists is left exactly as the 组织办 set it.
 */
export async function seedPointRules(db: Db): Promise<void> {
  await db.pointRule.createMany({
    data: DEFAULT_POINT_RULES.map((rule) => ({
      code: rule.code,
      name: rule.name,
      category: rule.category,
      activityType: rule.activityType ?? null,
      points: rule.points,
      yearlyCap: rule.yearlyCap ?? null,
      description: rule.description,
    })),
    skipDuplicates: true,
  });
}
