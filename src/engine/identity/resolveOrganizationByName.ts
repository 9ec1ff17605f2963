import type { Db } from '../../core/db/openDatabase.ts';

/**
 * An organisation by full name, short name, or a unique part of its name: the one found, the names of the
 * several a part matches (at most five), or null when none does.
 */
export async function resolveOrganizationByName(db: Db, name: string): Promise<{ id: number; name: string } | { ambiguous: string[] } | null> {
  const select = { id: true, name: true } as const;
  const exact = (await db.organization.findUnique({ where: { name }, select })) ?? (await db.organization.findFirst({ where: { shortName: name }, select }));
  if (exact) return exact;
  const partial = await db.organization.findMany({ where: { name: { contains: name } }, select, take: 5, orderBy: { id: 'asc' } });
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) return { ambiguous: partial.map((p) => p.name) };
  return null;
}
