import { z } from 'zod';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Prisma } from '../../core/generated/prisma/client.ts';

/** The Setting row holding everything about scheduled pushes that the 组织办 may change in chat. */
export const PUSH_SETTINGS_KEY = 'pushes';

export const pushSettingsSchema = z.object({
  /** Days before a deadline on which the owner's branch group is reminded; 0 = the morning of the day. */
  reminderOffsetsDays: z.array(z.number().int().min(0).max(60)).min(1).max(8).default([7, 3, 1, 0]),
  /** Local hour at which reminders go out; each organisation gets its own minute in that hour (never :00 or :30). */
  reminderHour: z.number().int().min(6).max(21).default(9),
  /** Days after a deadline before an overdue item goes to the leading group (督办); repeated every 7 days. */
  escalationGraceDays: z.number().int().min(0).max(30).default(1),
  /** Members whose year-to-date points are below this share of 60 × elapsed year are flagged (pro-rated). */
  atRiskThreshold: z.number().min(1).max(100).default(60),
  /** How many members the weekly points update shows at the top of the ranking. */
  rankingTop: z.number().int().min(1).max(20).default(5),
});

export type PushSettings = z.infer<typeof pushSettingsSchema>;

export const defaultPushSettings: PushSettings = pushSettingsSchema.parse({});

/** Stored values merged over the defaults; an unreadable row falls back to the defaults field by field. */
export async function loadPushSettings(db: Db): Promise<PushSettings> {
  const row = await db.setting.findUnique({ where: { key: PUSH_SETTINGS_KEY } });
  if (!row || typeof row.value !== 'object' || row.value === null) return defaultPushSettings;
  const merged = { ...defaultPushSettings, ...(row.value as Record<string, unknown>) };
  const parsed = pushSettingsSchema.safeParse(merged);
  return parsed.success ? normalise(parsed.data) : defaultPushSettings;
}

export async function savePushSettings(db: Db, settings: PushSettings): Promise<PushSettings> {
  const value = normalise(pushSettingsSchema.parse(settings));
  await db.setting.upsert({
    where: { key: PUSH_SETTINGS_KEY },
    create: { key: PUSH_SETTINGS_KEY, value: value as unknown as Prisma.InputJsonValue },
    update: { value: value as unknown as Prisma.InputJsonValue },
  });
  return value;
}

function normalise(settings: PushSettings): PushSettings {
  return { ...settings, reminderOffsetsDays: [...new Set(settings.reminderOffsetsDays)].sort((a, b) => b - a) };
}
