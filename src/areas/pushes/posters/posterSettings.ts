import { z } from 'zod';
import type { Db } from '../../../core/db/openDatabase.ts';
import type { Prisma } from '../../../core/generated/prisma/client.ts';

/** The Setting row with the 公示栏's words, which the 组织办 changes in chat (/公示 设置). */
export const POSTER_SETTINGS_KEY = 'posters';

export const posterSettingsSchema = z.object({
  /** Title of each branch's board, after the year: 「2026年度」+ this. */
  memberTitle: z.string().min(2).max(30).default('星级党员公示'),
  /** Title of the town's board of organisations. */
  branchTitle: z.string().min(2).max(30).default('星级党支部公示'),
  /** 公示期 in days from the publication day. */
  publicityDays: z.number().int().min(1).max(30).default(5),
  /** Whom to contact with objections. */
  contact: z.string().min(2).max(80).default('对公示结果有异议的，请在公示期内向本支部书记或组织办反映。'),
  /** Signature at the foot; empty: 「<top organisation>组织办」. */
  footer: z.string().max(40).default(''),
});

export type PosterSettings = z.infer<typeof posterSettingsSchema>;

export const defaultPosterSettings: PosterSettings = posterSettingsSchema.parse({});

export async function loadPosterSettings(db: Db): Promise<PosterSettings> {
  const row = await db.setting.findUnique({ where: { key: POSTER_SETTINGS_KEY } });
  if (!row || typeof row.value !== 'object' || row.value === null) return defaultPosterSettings;
  const parsed = posterSettingsSchema.safeParse({ ...defaultPosterSettings, ...(row.value as Record<string, unknown>) });
  return parsed.success ? parsed.data : defaultPosterSettings;
}

export async function savePosterSettings(db: Db, settings: PosterSettings): Promise<PosterSettings> {
  const value = posterSettingsSchema.parse(settings) as unknown as Prisma.InputJsonValue;
  await db.setting.upsert({ where: { key: POSTER_SETTINGS_KEY }, create: { key: POSTER_SETTINGS_KEY, value }, update: { value } });
  return posterSettingsSchema.parse(settings);
}
