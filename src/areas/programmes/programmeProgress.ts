import type { Db } from '../../core/db/openDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { programmeCatalogue } from './programmeCatalogue.ts';

export interface ProgrammeProgress {
  id: number;
  code: string;
  name: string;
  target: number;
  unit: string;
  done: number;
  fromRecords: number;
}

/**
 * Progress = amounts registered by command + records tagged with the programme code (Activity.programmeCode)
 * that were not already registered by an entry of their own.
 */
export async function programmeProgress(db: Db, organizationIds?: number[]): Promise<ProgrammeProgress[]> {
  const programmes = await db.programme.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
  const orgFilter = organizationIds ? { organizationId: { in: organizationIds } } : {};
  const out: ProgrammeProgress[] = [];
  for (const p of programmes) {
    const sum = await db.programmeEntry.aggregate({ where: { programmeId: p.id, ...orgFilter }, _sum: { amount: true } });
    const fromRecords = await db.activity.count({
      where: { programmeCode: p.code, status: 'ACTIVE', programmeEntries: { none: { programmeId: p.id } }, ...orgFilter },
    });
    out.push({ id: p.id, code: p.code, name: p.name, target: p.target, unit: p.unit, done: (sum._sum.amount ?? 0) + fromRecords, fromRecords });
  }
  return out;
}

/** A programme by code, name, part of its name or a known short word. */
export async function findProgramme(db: Db, text: string) {
  const programmes = await db.programme.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
  const t = text.trim();
  const byAlias = programmeCatalogue.find((c) => c.aliases.includes(t))?.code;
  const matches = programmes.filter((p) => p.code === t.toUpperCase() || p.name === t || p.code === byAlias || p.name.includes(t));
  if (matches.length === 1) return matches[0]!;
  const list = programmes.map((p, i) => `${i + 1}. ${p.name}`).join('\n');
  if (/^[1-9]$/.test(t) && programmes[Number(t) - 1]) return programmes[Number(t) - 1]!;
  throw new UserError(
    matches.length ? `「${t}」对应多个项目，请写得更具体。` : `没有找到项目「${t}」。可以写序号或名称：\n${list}`,
    '/项目 登记 <项目> [数量] [说明]',
  );
}
