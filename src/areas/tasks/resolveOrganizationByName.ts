import type { Db } from '../../core/db/openDatabase.ts';

/** An organisation by full name, short name, or a unique part of its name; null when none or several match. */
export async function resolveOrganizationByName(db: Db, name: string): Promise<{ id: number; name: string } | { ambiguous: string[] } | null> {
  const exact = await db.organization.findFirst({ where: { OR: [{ name }, { shortName: name }] }, select: { id: true, name: true } });
  if (exact) return exact;
  const partial = await db.organization.findMany({ where: { name: { contains: name } }, select: { id: true, name: true }, take: 6 });
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) return { ambiguous: partial.map((p) => p.name) };
  return null;
}
