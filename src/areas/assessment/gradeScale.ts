import { z } from 'zod';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Prisma } from '../../core/generated/prisma/client.ts';

export interface GradeBand {
  min: number;
  label: string;
}

/** The two grade scales of the sources: 002 (优秀/良好/一般/软弱涣散, the default) and 000 (好/较好/一般/较差). */
export const GRADE_PRESETS: Record<string, { name: string; bands: GradeBand[] }> = {
  '002': {
    name: '优秀/良好/一般/软弱涣散（争先创优评定）',
    bands: [
      { min: 90, label: '优秀' },
      { min: 80, label: '良好' },
      { min: 60, label: '一般' },
      { min: 0, label: '软弱涣散' },
    ],
  },
  '000': {
    name: '好/较好/一般/较差（组织建设年定级）',
    bands: [
      { min: 90, label: '好' },
      { min: 80, label: '较好' },
      { min: 60, label: '一般' },
      { min: 0, label: '较差' },
    ],
  },
};

export const GRADE_SETTING_KEY = 'assessment.grades';

const bandsSchema = z
  .array(z.object({ min: z.number().min(0).max(100), label: z.string().min(1).max(10) }))
  .min(2)
  .refine((b) => b.some((x) => x.min === 0), '必须有一个从 0 分起的等次');

/** The configured scale (Setting `assessment.grades`: an array of {min, label}), or the 002 preset. */
export async function loadGradeBands(db: Db): Promise<GradeBand[]> {
  const row = await db.setting.findUnique({ where: { key: GRADE_SETTING_KEY } });
  const parsed = bandsSchema.safeParse(row?.value);
  const bands = parsed.success ? parsed.data : GRADE_PRESETS['002']!.bands;
  return [...bands].sort((a, b) => b.min - a.min);
}

export async function saveGradeBands(db: Db, bands: GradeBand[]): Promise<void> {
  const value = bandsSchema.parse(bands) as unknown as Prisma.InputJsonValue;
  await db.setting.upsert({ where: { key: GRADE_SETTING_KEY }, create: { key: GRADE_SETTING_KEY, value }, update: { value } });
}

export function gradeFor(score: number, bands: GradeBand[]): string {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return (sorted.find((b) => score >= b.min) ?? sorted[sorted.length - 1]!).label;
}

export function describeBands(bands: GradeBand[]): string {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted.map((b) => (b.min === 0 ? `${b.label} < ${sorted[sorted.length - 2]?.min ?? 0}` : `${b.label} ≥ ${b.min}`)).join('；');
}
