import { z } from 'zod';
import type { Db } from '../../core/db/openDatabase.ts';

/** How many entries a branch files and by when (000: 2–3 problems; 004: filed with the superior by April). */
export const LEDGER_SETTING_KEY = 'problems.ledger';

const schema = z.object({
  min: z.number().int().min(1).max(10),
  max: z.number().int().min(1).max(20),
  /** Month and day the ledger is due each year, "MM-DD". */
  due: z.string().regex(/^\d{2}-\d{2}$/),
});

export type LedgerRules = z.infer<typeof schema>;

export const DEFAULT_LEDGER_RULES: LedgerRules = { min: 2, max: 3, due: '04-30' };

export async function loadLedgerRules(db: Db): Promise<LedgerRules> {
  const row = await db.setting.findUnique({ where: { key: LEDGER_SETTING_KEY } });
  const parsed = schema.safeParse(row?.value);
  return parsed.success && parsed.data.min <= parsed.data.max ? parsed.data : DEFAULT_LEDGER_RULES;
}
